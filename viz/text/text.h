/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * text.h - connscope traces as text (issue 9): the readable listing
 * (`connscope trace show`, sink.connscope.text) and the analyses in the BCC
 * tradition (connects, states, retrans, ports, tables, mib), all computed
 * from the trace model (viz/model) and shared by the CLI (cli/trace_cmd.c)
 * and the babeltrace2 sink components (text_sink.c, viz/dot/plugin.c).
 *
 * A trace may hold several connscope processes: events are dispatched to
 * one model per process (vpid; -1 when the trace lacks the context), in
 * the order the processes first appear.
 */
#ifndef CS_VIZ_TEXT_H
#define CS_VIZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "../model/model.h"

struct text_proc {
	int64_t vpid;
	struct model *m;
};

struct text_trace {
	struct text_proc *procs;
	size_t nprocs, cap;
	uint64_t t0;			/* time of the trace's first event (ns) */
	bool has_t0;
};

void text_trace_init(struct text_trace *t);
void text_trace_free(struct text_trace *t);
/* Apply @ev to its process's model: 0, or -1 when out of memory. */
int text_trace_feed(struct text_trace *t, const struct model_event *ev);
/* Read every event of the trace at @path: 0, or -1 with one sentence in @err
 * (missing directory, no CTF trace, a corrupt stream, no connscope event). */
int text_trace_load(struct text_trace *t, const char *path, char *err, size_t errlen);

/* What the model cannot know from this trace (model_context_note: a
 * context to record), one line per distinct note on @f, prefixed by @who. */
void text_trace_notes(const struct text_trace *t, const char *who, FILE *f);

/* What a report is asked for (the CLI's options, the sink's parameters). */
struct text_opts {
	bool json;
	bool index;			/* show: each event's index in its process */
	bool has_at, has_from, has_to;
	uint64_t at, from, to;		/* event indices in the chosen process */
	unsigned process;		/* 1 = the first process; 0: all (tables, mib: the first) */
};

/* A report: 0, 1 (the trace cannot answer: @err), 2 (a bad option: @err). */
typedef int (*text_report_fn)(struct text_trace *t, const struct text_opts *o, FILE *out,
			     char *err, size_t errlen);
struct text_report {
	const char *name;
	text_report_fn fn;
	const char *what;		/* one line for --help */
};
const struct text_report *text_reports(size_t *n);
const struct text_report *text_report_find(const char *name);

int text_show(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);
int text_connects(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);
int text_states(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);
int text_retrans(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);
int text_ports(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);
int text_tables(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);
int text_mib(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el);

/* ---- shared by the reports (text_util.c) ---- */

/* One connect: a sys_connect call tree and what the trace says of it. */
struct text_connect {
	size_t n;			/* 1, 2, ... in its process */
	size_t enter, exit;		/* event indices of sys_connect, _ret (MODEL_NONE) */
	size_t end;			/* last event of the attempt (SYN_SENT left) */
	uint32_t sk_id;
	uint32_t saddr, daddr;		/* network order */
	uint16_t sport, dport;
	uint32_t isn;
	int err;			/* positive errno, 0 for success */
	char result[24];		/* "ok", "ECONNREFUSED", ... */
	int state;			/* the state the attempt ended in */
	uint64_t ts, syn_ts, done_ts;	/* sys_connect, first SYN, SYN_SENT left (ns) */
	uint64_t exit_ts;
	unsigned syn_retrans;
};
/* The connects of @m in order; *n of them (free the array). NULL if none or OOM. */
struct text_connect *text_connects_of(const struct model *m, size_t *n);

/* "10.77.0.1" / "10.77.0.1:80" from a network-order address. */
char *text_addr(uint32_t be, char *buf, size_t len);
char *text_addr_port(uint32_t be, uint16_t port, char *buf, size_t len);
/* Seconds of @ns relative to the trace's first event. */
double text_rel(const struct text_trace *t, uint64_t ns);
/* The positive errno's name ("ETIMEDOUT"), "ok" for 0. */
const char *text_errname(int err, char *buf, size_t len);
/* A JSON string (quoted, escaped). */
void text_json_str(FILE *out, const char *s);
/* The process for tables/mib: o->process (1-based; 0 = the first, said on
 * stderr when there are more).  NULL and @err when out of range. */
struct text_proc *text_pick_process(struct text_trace *t, const struct text_opts *o,
				  const char *what, char *err, size_t el);
/* Is o->process a process of the trace?  0, or 2 with @err. */
int text_check_process(const struct text_trace *t, const struct text_opts *o, char *err,
		       size_t el);
/* Is process @i (0-based) one the report lists?  All, or o->process only. */
bool text_proc_listed(const struct text_opts *o, size_t i);
/* Decode stored event @i into @ev; false if out of range. */
bool text_event(const struct model *m, size_t i, struct model_event *ev);

#endif
