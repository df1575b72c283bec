// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_export.c - one request, start to end: pick the moment (--at,
 * --at-time, --connect, --at-end, or just before the stack's teardown), seek the model there,
 * fill the views, draw each asked for and write it.
 */
#include <stdio.h>
#include <string.h>
#include "../model/model.h"
#include "dot_export.h"
#include "dot_graph.h"

/* The Nth connect (1-based) in the order the trace made them. */
static const struct model_calltree *nth_connect(const struct model *m, uint32_t nth, size_t *count)
{
	size_t n = model_calltree_count(m);

	*count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct model_calltree *t = model_calltree_at(m, i);

		if (t && t->is_connect && ++*count == nth)
			return t;
	}
	return NULL;
}

/* The cursor the request asks for (events 0..cursor-1 applied). */
static int pick_cursor(const struct model *m, const struct dot_request *r, size_t *cursor,
		       uint32_t *socket, char *err, size_t errlen)
{
	size_t n = model_event_count(m);

	*cursor = n;
	*socket = r->socket;
	if (r->has_at) {
		if (r->at >= n) {
			snprintf(err, errlen, "event index %llu is out of range: the trace has %zu events"
				 " (0..%zu)", (unsigned long long)r->at, n, n - 1);
			return -1;
		}
		*cursor = (size_t)r->at + 1;
	} else if (r->has_at_time) {
		uint64_t t0 = model_event_ts(m, 0), tn = model_event_ts(m, n - 1);

		if (r->at_time > tn - t0) {
			snprintf(err, errlen, "--at-time %llu ns is past the trace's end (%llu ns after"
				 " its first event)", (unsigned long long)r->at_time,
				 (unsigned long long)(tn - t0));
			return -1;
		}
		*cursor = model_index_at_time(m, t0 + r->at_time + 1);
	} else if (r->connect) {
		size_t count;
		const struct model_calltree *t = nth_connect(m, r->connect, &count);

		if (!t) {
			snprintf(err, errlen, "--connect %u: the trace holds %zu connect%s", r->connect,
				 count, count == 1 ? "" : "s");
			return -1;
		}
		*cursor = t->last_index + 1 < n ? t->last_index + 1 : n;
		if (!*socket)
			*socket = t->sk_id;
	} else if (!r->at_end && model_teardown_index(m) != MODEL_NONE) {
		*cursor = model_teardown_index(m);
	}
	return 0;
}

int dot_default_moment(const struct model *m, const struct dot_request *r, char *buf,
		       size_t len)
{
	size_t td = model_teardown_index(m), n = model_event_count(m);

	if (r->has_at || r->has_at_time || r->connect || r->at_end || !n)
		return 0;
	if (td == MODEL_NONE)
		snprintf(buf, len, "the trace ends before the stack's teardown: the state after"
			 " its last event (%zu of %zu)", n - 1, n);
	else
		snprintf(buf, len, "the state just before the stack's teardown (event %zu,"
			 " net_exit, of %zu); --at-end for after it", td, n);
	return 1;
}

static const char *table_caption(struct dot_scene *sc, const struct dot_table_view *v,
				 const char *what)
{
	size_t socks = 0;

	for (size_t i = 0; i < v->nslots; i++)
		socks += v->slots[i].nchain + v->slots[i].ntw;
	return dot_arena_printf(&sc->arena, "%s: %zu %s%s in %zu of %u slots, after event %zu of %zu",
				v->name, socks, what, socks == 1 ? "" : "s", v->nslots, v->size,
				sc->cursor ? sc->cursor - 1 : 0, sc->nevents);
}

static void captions(struct dot_scene *sc)
{
	size_t owners = 0;

	sc->ehash.caption = table_caption(sc, &sc->ehash, "socket");
	sc->listen.caption = table_caption(sc, &sc->listen, "listener");
	sc->tw.caption = table_caption(sc, &sc->tw, "TIME-WAIT socket");
	for (size_t i = 0; i < sc->bhash.nslots; i++)
		for (size_t j = 0; j < sc->bhash.slots[i].nbb; j++)
			owners += sc->bhash.slots[i].bbs[j].nowners;
	sc->bhash.caption = dot_arena_printf(&sc->arena, "bhash: %zu owner%s in %zu of %u slots,"
					     " after event %zu of %zu", owners, owners == 1 ? "" : "s",
					     sc->bhash.nslots,
					     sc->bhash.size, sc->cursor ? sc->cursor - 1 : 0,
					     sc->nevents);
}

static Agraph_t *draw(const struct dot_scene *sc, enum dot_view_kind v, const struct dot_opts *o)
{
	switch (v) {
	case DOT_VIEW_EHASH: return dot_draw_table(&sc->ehash, o);
	case DOT_VIEW_LISTEN: return dot_draw_table(&sc->listen, o);
	case DOT_VIEW_TW: return dot_draw_table(&sc->tw, o);
	case DOT_VIEW_BHASH: return dot_draw_bhash(&sc->bhash, o);
	case DOT_VIEW_STATE: return dot_draw_state(&sc->state);
	case DOT_VIEW_CALLPATH: return dot_draw_callpath(&sc->callpath);
	default: return NULL;
	}
}

static int write_view(const struct dot_scene *sc, const struct dot_request *r,
		      enum dot_view_kind v, char *err, size_t errlen)
{
	char path[4096];
	Agraph_t *g;
	int rc;

	if (r->view == DOT_VIEW_ALL) {
		if (dot_view_path(r->output, v, path, sizeof(path))) {
			snprintf(err, errlen, "output file name too long");
			return -1;
		}
	} else {
		snprintf(path, sizeof(path), "%s", r->output);
	}
	g = draw(sc, v, &r->opts);
	if (!g) {
		snprintf(err, errlen, "out of memory while drawing the %s view", dot_view_name(v));
		return -1;
	}
	rc = dot_write(g, r->format, path, err, errlen);
	agclose(g);
	if (!rc && !r->quiet)
		printf("%-8s %s\n", dot_view_name(v), path);
	return rc;
}

int dot_export(struct model *m, const struct dot_request *r, char *err, size_t errlen)
{
	struct dot_scene sc;
	size_t cursor;
	uint32_t socket;
	int rc = 0;

	if (!model_event_count(m)) {
		snprintf(err, errlen, "the trace holds no connscope event");
		return -1;
	}
	if (pick_cursor(m, r, &cursor, &socket, err, errlen))
		return -1;
	if (model_seek(m, cursor)) {
		snprintf(err, errlen, "%s", model_error(m));
		return -1;
	}
	if (dot_fill(&sc, m, socket, err, errlen))
		return -1;
	captions(&sc);
	if (r->view == DOT_VIEW_CALLPATH && !sc.has_callpath) {
		snprintf(err, errlen, "no callpath to draw: %s", sc.callpath_why);
		rc = -1;
	}
	for (int v = 0; v < DOT_VIEW_COUNT && !rc; v++) {
		if (r->view != DOT_VIEW_ALL && r->view != (enum dot_view_kind)v)
			continue;
		if (v == DOT_VIEW_CALLPATH && !sc.has_callpath) {
			if (!r->quiet)
				printf("%-8s not drawn: %s\n", "callpath", sc.callpath_why);
			continue;
		}
		rc = write_view(&sc, r, (enum dot_view_kind)v, err, errlen);
	}
	dot_scene_free(&sc);
	return rc;
}
