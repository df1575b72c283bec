/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dot_export.h - from a loaded trace model to diagram files: the request
 * both front ends fill (the connscope-dot command and the babeltrace2 sink
 * sink.connscope.dot), the views made from the model at one event, and the
 * file naming of --view all.
 */
#ifndef CS_DOT_EXPORT_H
#define CS_DOT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dot_view.h"

struct model;

enum dot_view_kind {
	DOT_VIEW_EHASH, DOT_VIEW_BHASH, DOT_VIEW_LISTEN, DOT_VIEW_TW,
	DOT_VIEW_STATE, DOT_VIEW_CALLPATH, DOT_VIEW_COUNT,
	DOT_VIEW_ALL = DOT_VIEW_COUNT,
};

/* "ehash" ... "callpath", "all"; and back (-1 if unknown). */
const char *dot_view_name(enum dot_view_kind v);
int dot_view_parse(const char *name);

/* What to draw, and where. */
struct dot_request {
	enum dot_view_kind view;	/* one view, or DOT_VIEW_ALL: one file per view */
	const char *format;		/* "dot", "svg", "png", "pdf" */
	const char *output;		/* -o FILE */
	bool has_at;			/* --at EVENT_INDEX: the state after that event */
	uint64_t at;
	bool has_at_time;		/* --at-time NS: after the last event at most NS
					 * after the trace's first event */
	uint64_t at_time;
	uint32_t connect;		/* --connect N (1-based): the Nth connect, its
					 * socket, the state when it returned; 0 none */
	uint32_t socket;		/* --socket ID; 0: the latest connect's */
	struct dot_opts opts;		/* --max-chain, --max-slots */
	bool quiet;			/* do not list the files written on stdout */
	bool at_end;			/* --at-end: after the last event; without any
					 * of --at, --at-time, --connect, --at-end: just
					 * before the stack's teardown (net_exit), said
					 * on stderr */
};

void dot_request_init(struct dot_request *r);

/* Every view at one cursor, filled from the model (dot_fill.c). */
struct dot_scene {
	struct dot_arena arena;
	size_t cursor;			/* events 0..cursor-1 applied */
	size_t nevents;
	uint32_t sk_id;			/* the connect shown by callpath, 0 none */
	struct dot_table_view ehash, listen, tw;
	struct dot_bhash_view bhash;
	struct dot_state_view state;
	struct dot_callpath_view callpath;
	bool has_callpath;
	char callpath_why[160];		/* why there is none */
};

/* dot_fill - the views of @m at its current cursor; @socket selects the
 * socket to highlight and whose connect callpath shows (0: the latest).
 * 0, or -1 with @err (out of memory, unknown socket). */
int dot_fill(struct dot_scene *sc, struct model *m, uint32_t socket, char *err, size_t errlen);
void dot_scene_free(struct dot_scene *sc);

/*
 * dot_export - seek @m (fully loaded) to the requested event, fill the
 * views, draw and write them.  With DOT_VIEW_ALL the files are @output
 * with "-<view>" inserted before the extension (out.svg -> out-ehash.svg,
 * out-bhash.svg, ...); callpath is skipped with a note when the trace has
 * no connect before that event.  Returns 0, or -1 with one sentence in @err.
 */
int dot_export(struct model *m, const struct dot_request *r, char *err, size_t errlen);

/* When @r names no moment: one sentence into @buf saying which one
 * dot_export drew (just before the teardown, or the end), returns 1. */
int dot_default_moment(const struct model *m, const struct dot_request *r, char *buf,
		       size_t len);

/* The file of @view for @output under DOT_VIEW_ALL (see above), into @buf. */
int dot_view_path(const char *output, enum dot_view_kind view, char *buf, size_t len);

#endif
