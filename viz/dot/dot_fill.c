// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_fill.c - the views of the trace model at its cursor: the tables read
 * through model.h's state accessors, the history (transitions, call trees)
 * cut at the cursor.  Everything a view borrows lives in the scene's arena.
 */
#include <stdlib.h>
#include <string.h>
#include "../model/events.h"
#include "dot_export.h"

#define ARENA_NEW(sc, type, n) ((type *)dot_arena_alloc(&(sc)->arena, sizeof(type) * ((n) + 1)))

/* A socket as drawn; an id the model does not know is drawn as "?".  A
 * TIME-WAIT socket says when its timer kills it (jiffies are ms, HZ=1000). */
static void sock_of(struct dot_scene *sc, const struct model *m, uint32_t id, bool tw,
		    struct dot_sock *out)
{
	const struct model_sock *s = model_sock_find(m, id);

	memset(out, 0, sizeof(*out));
	out->id = id;
	out->tw = tw;
	out->state = "?";
	if (!s)
		return;
	out->tw = s->tw;
	out->state = model_state_name(s->state);
	memcpy(out->saddr, &s->saddr, 4);
	memcpy(out->daddr, &s->daddr, 4);
	out->sport = s->sport;
	out->dport = s->dport;
	out->hash = s->hash;
	if (s->tw && s->tw_ttd) {	/* and the socket it replaced (tw_of) */
		uint64_t now = model_now_jiffies(m);
		char was[24] = "";

		if (s->tw_of)
			snprintf(was, sizeof(was), "was sk %u · ", s->tw_of);
		out->extra = s->tw_ttd > now
			? dot_arena_printf(&sc->arena, "%sdies in %.1f s", was,
					   (double)(s->tw_ttd - now) / 1e3)
			: dot_arena_printf(&sc->arena, "%sdies now", was);
	}
}

static struct dot_sock *socks_of(struct dot_scene *sc, const struct model *m,
				 const uint32_t *ids, size_t n, bool tw)
{
	struct dot_sock *a = ARENA_NEW(sc, struct dot_sock, n);

	for (size_t i = 0; a && i < n; i++)
		sock_of(sc, m, ids[i], tw, &a[i]);
	return a;
}

/* Highlight socket @id if it sits in @where; the hash that chose its slot. */
static void highlight(struct dot_highlight *hl, const struct model *m, uint32_t id,
		      enum model_where where, uint32_t hash)
{
	const struct model_sock *s = id ? model_sock_find(m, id) : NULL;

	memset(hl, 0, sizeof(*hl));
	if (!s || s->where != where)
		return;
	hl->on = true;
	hl->id = id;
	hl->tw = s->tw;
	hl->hash = hash ? hash : s->hash;
	hl->slot = s->slot;
}

static int fill_ehash(struct dot_scene *sc, const struct model *m, const struct model_sizes *z,
		      const struct model_latest *l, uint32_t sel)
{
	size_t n = model_ehash_count(m), ntw = 0, k = 0;
	struct dot_slot *all = ARENA_NEW(sc, struct dot_slot, n);
	struct dot_slot *tws = ARENA_NEW(sc, struct dot_slot, n);

	if (!all || !tws)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct model_ehash_slot e;

		if (model_ehash_at(m, i, &e))
			continue;
		all[k].index = e.slot;
		all[k].chain = socks_of(sc, m, e.chain, e.nchain, false);
		all[k].nchain = e.nchain;
		all[k].twchain = socks_of(sc, m, e.twchain, e.ntwchain, true);
		all[k].ntw = e.ntwchain;
		if (!all[k].chain || !all[k].twchain)
			return -1;
		if (e.ntwchain) {
			tws[ntw].index = e.slot;
			tws[ntw].chain = all[k].twchain;
			tws[ntw++].nchain = e.ntwchain;
		}
		k++;
	}
	sc->ehash = (struct dot_table_view){ .name = "ehash", .size = z->ehash_size,
					     .slots = all, .nslots = k };
	sc->tw = (struct dot_table_view){ .name = "tw", .size = z->ehash_size,
					  .slots = tws, .nslots = ntw };
	if (sel) {	/* a socket in a chain, or a TIME-WAIT socket in a twchain */
		highlight(&sc->ehash.hl, m, sel, MODEL_IN_CHAIN, 0);
		if (!sc->ehash.hl.on)
			highlight(&sc->ehash.hl, m, sel, MODEL_IN_TWCHAIN, 0);
		highlight(&sc->tw.hl, m, sel, MODEL_IN_TWCHAIN, 0);
		return 0;
	}
	if (l->ehash_index != SIZE_MAX)
		highlight(&sc->ehash.hl, m, l->ehash_id, MODEL_IN_CHAIN, l->ehash_hash);
	if (l->twchain_index != SIZE_MAX)
		highlight(&sc->tw.hl, m, l->twchain_id, MODEL_IN_TWCHAIN, 0);
	return 0;
}

static int fill_listen(struct dot_scene *sc, const struct model *m, const struct model_sizes *z,
		       const struct model_latest *l)
{
	size_t n = model_lhash_count(m), k = 0;
	struct dot_slot *all = ARENA_NEW(sc, struct dot_slot, n);

	if (!all)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct model_lhash_slot e;

		if (model_lhash_at(m, i, &e))
			continue;
		all[k].index = e.slot;
		all[k].chain = socks_of(sc, m, e.chain, e.nchain, false);
		all[k].nchain = e.nchain;
		if (!all[k].chain)
			return -1;
		k++;
	}
	sc->listen = (struct dot_table_view){ .name = "listen", .size = z->lhash_size,
					      .slots = all, .nslots = k };
	if (l->listen_index != SIZE_MAX)
		highlight(&sc->listen.hl, m, l->listen_id, MODEL_IN_LISTEN, 0);
	if (sc->listen.hl.on) {	/* inet_lhashfn hashes the port alone */
		const struct model_sock *s = model_sock_find(m, sc->listen.hl.id);

		sc->listen.hl.why = dot_arena_printf(&sc->arena, "inet_lhashfn(%u) = %u & %u"
						     " (INET_LHTABLE_SIZE - 1) = slot %u",
						     s ? s->sport : 0, s ? s->sport : 0,
						     z->lhash_size ? z->lhash_size - 1 : 0,
						     sc->listen.hl.slot);
	}
	return 0;
}

/* One bhash slot's bind buckets and their owners. */
static int fill_bslot(struct dot_scene *sc, const struct model *m, size_t i,
		      const struct model_bhash_slot *e, struct dot_bslot *out,
		      uint16_t hl_port, struct dot_highlight *hl)
{
	struct dot_bind_bucket *bbs = ARENA_NEW(sc, struct dot_bind_bucket, e->nbuckets);

	if (!bbs)
		return -1;
	out->index = e->slot;
	out->bbs = bbs;
	for (size_t j = 0; j < e->nbuckets; j++) {
		struct model_bind_bucket b;
		struct dot_sock *o;

		if (model_bhash_bucket(m, i, j, &b))
			continue;
		o = ARENA_NEW(sc, struct dot_sock, b.nowners);
		if (!o)
			return -1;
		for (size_t k = 0; k < b.nowners; k++)
			sock_of(sc, m, b.owners[k].id, b.owners[k].tw, &o[k]);
		bbs[out->nbb++] = (struct dot_bind_bucket){ .port = b.port,
			.fastreuse = b.fastreuse, .fastreuseport = b.fastreuseport,
			.owners = o, .nowners = b.nowners };
		if (hl_port && b.port == hl_port)
			hl->slot = e->slot;
	}
	return 0;
}

static int fill_bhash(struct dot_scene *sc, const struct model *m, const struct model_sizes *z,
		      const struct model_latest *l, uint32_t sel)
{
	size_t n = model_bhash_count(m), k = 0;
	struct dot_bslot *all = ARENA_NEW(sc, struct dot_bslot, n);
	const struct model_sock *s = sel ? model_sock_find(m, sel) : NULL;
	struct dot_highlight hl = { 0 };
	uint16_t port = 0;

	if (!all)
		return -1;
	if (s && s->bound_port) {
		port = s->bound_port;
		hl.id = s->id;
		hl.tw = s->tw;
	} else if (!sel && l->bind_index != SIZE_MAX) {
		const struct model_sock *b = model_sock_find(m, l->bind_id);

		port = l->bind_port;
		hl.id = l->bind_id;
		hl.tw = b && b->tw;
	}
	hl.slot = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		struct model_bhash_slot e;

		if (model_bhash_at(m, i, &e))
			continue;
		if (fill_bslot(sc, m, i, &e, &all[k++], port, &hl))
			return -1;
	}
	hl.on = port && hl.slot != UINT32_MAX;
	hl.hash = port;
	sc->bhash = (struct dot_bhash_view){ .size = z->bhash_size, .slots = all, .nslots = k,
					     .hl = hl };
	return 0;
}

/* Transitions before the cursor, of socket @sel only when not 0. */
static int fill_state(struct dot_scene *sc, const struct model *m, uint32_t sel)
{
	size_t n = model_transition_count(m), k = 0;
	struct dot_transition *t = ARENA_NEW(sc, struct dot_transition, n);
	const struct model_sock *s = sel ? model_sock_find(m, sel) : NULL;

	if (!t)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct model_transition *mt = model_transition_at(m, i);

		if (!mt || mt->index >= sc->cursor || (sel && mt->sk_id != sel))
			continue;
		t[k++] = (struct dot_transition){ .from = model_state_name(mt->from),
						  .to = model_state_name(mt->to), .count = 1,
						  .cause = model_event_name(m, mt->index) };
	}
	sc->state = (struct dot_state_view){ .t = t, .n = k,
					     .current = s ? model_state_name(s->state) : NULL };
	sc->state.caption = sel
		? dot_arena_printf(&sc->arena, "TCP states of sk %u, events 0..%zu", sel,
				   sc->cursor ? sc->cursor - 1 : 0)
		: dot_arena_printf(&sc->arena, "TCP state transitions of every socket, events 0..%zu",
				   sc->cursor ? sc->cursor - 1 : 0);
	return sc->state.caption ? 0 : -1;
}

/* The latest connect tree of @sel (any socket when 0) begun before the cursor. */
static const struct model_calltree *pick_tree(const struct dot_scene *sc, const struct model *m,
					      uint32_t sel)
{
	const struct model_calltree *best = NULL;
	size_t n = model_calltree_count(m);

	for (size_t i = 0; i < n; i++) {
		const struct model_calltree *t = model_calltree_at(m, i);

		if (t && t->is_connect && t->first_index < sc->cursor && (!sel || t->sk_id == sel))
			best = t;
	}
	return best;
}

/*
 * A step's time: its _ret event's time minus its entry's; for a one-event
 * step, the time until the next event of the connect on its thread (its
 * next sibling's entry, else its parent's return).  -1 when that event
 * lies after the cursor.
 */
static int64_t step_end(const struct dot_scene *sc, const struct model *m,
			const struct model_call *c)
{
	const struct model_call *next;

	if (!c->leaf)
		return c->exit_index != MODEL_NONE && c->exit_index < sc->cursor
			? (int64_t)c->exit_ns : -1;
	if (c->next_sibling != MODEL_NONE) {
		next = model_call_at(m, c->next_sibling);
		return next && next->enter_index < sc->cursor ? (int64_t)next->enter_ns : -1;
	}
	next = c->parent != MODEL_NONE ? model_call_at(m, c->parent) : NULL;
	return next && next->exit_index != MODEL_NONE && next->exit_index < sc->cursor
		? (int64_t)next->exit_ns : -1;
}

/* The next node in pre-order, MODEL_NONE after the last. */
static size_t preorder_next(const struct model *m, size_t node)
{
	const struct model_call *c = model_call_at(m, node);

	if (c->first_child != MODEL_NONE)
		return c->first_child;
	while (c) {
		if (c->next_sibling != MODEL_NONE)
			return c->next_sibling;
		c = c->parent != MODEL_NONE ? model_call_at(m, c->parent) : NULL;
	}
	return MODEL_NONE;
}

/* The enum label of event @index's ret field ("ECONNREFUSED"), if it has one. */
static int ret_label(struct dot_scene *sc, const struct model *m, size_t index, const char **out)
{
	struct model_event ev;
	const char *l;
	int rc = 0;

	model_event_init(&ev);
	*out = NULL;
	if (model_event_get(m, index, &ev) == 0 && (l = EV_OPT_LABEL(&ev, ret)) != NULL) {
		*out = dot_arena_printf(&sc->arena, "%s", l);
		rc = *out ? 0 : -1;
	}
	model_event_release(&ev);
	return rc;
}

static int fill_callpath(struct dot_scene *sc, const struct model *m, uint32_t sel)
{
	const struct model_calltree *t = pick_tree(sc, m, sel);
	size_t n = 0, cap, root_depth;
	struct dot_call *calls;

	if (!t) {
		if (sel)
			snprintf(sc->callpath_why, sizeof(sc->callpath_why),
				 "socket %u made no connect before event %zu", sel, sc->cursor);
		else
			snprintf(sc->callpath_why, sizeof(sc->callpath_why),
				 "the trace has no connect before event %zu", sc->cursor);
		return 0;
	}
	for (size_t node = t->root; node != MODEL_NONE; node = preorder_next(m, node))
		n++;
	cap = n;
	root_depth = (size_t)model_call_at(m, t->root)->depth;
	calls = ARENA_NEW(sc, struct dot_call, cap);
	if (!calls)
		return -1;
	n = 0;
	for (size_t node = t->root; node != MODEL_NONE && n < cap; node = preorder_next(m, node)) {
		const struct model_call *c = model_call_at(m, node);

		if (c->enter_index >= sc->cursor)
			continue;
		calls[n] = (struct dot_call){ .name = c->name,
			.depth = (unsigned)((size_t)c->depth - root_depth), .entry_ns = (int64_t)c->enter_ns,
			.exit_ns = step_end(sc, m, c), .has_ret = c->has_ret && c->exit_index < sc->cursor,
			.ret = (int)c->ret, .attached = c->attached };
		if (calls[n].has_ret && c->ret && ret_label(sc, m, c->exit_index, &calls[n].ret_label))
			return -1;
		calls[n].detail = c->leaf || calls[n].has_ret ? dot_call_detail(sc, m, c) : NULL;
		n++;
	}
	sc->sk_id = t->sk_id;
	sc->has_callpath = true;
	sc->callpath = (struct dot_callpath_view){ .sk_id = t->sk_id, .calls = calls, .n = n };
	sc->callpath.caption = dot_arena_printf(&sc->arena, "connect of sk %u (events %zu..%zu)",
						t->sk_id, t->first_index,
						t->last_index < sc->cursor ? t->last_index : sc->cursor - 1);
	return sc->callpath.caption ? 0 : -1;
}

int dot_fill(struct dot_scene *sc, struct model *m, uint32_t socket, char *err, size_t errlen)
{
	struct model_sizes z;
	struct model_latest l;

	memset(sc, 0, sizeof(*sc));
	sc->cursor = model_current_index(m);
	sc->nevents = model_event_count(m);
	if (socket && !model_sock_find(m, socket)) {
		size_t nt = model_calltree_count(m);
		bool known = false;

		for (size_t i = 0; i < nt && !known; i++)
			known = model_calltree_at(m, i)->sk_id == socket;
		if (!known) {
			snprintf(err, errlen, "socket %u does not exist after event %zu of the trace",
				 socket, sc->cursor ? sc->cursor - 1 : 0);
			return -1;
		}
	}
	model_get_sizes(m, &z);
	model_get_latest(m, &l);
	if (fill_ehash(sc, m, &z, &l, socket) || fill_listen(sc, m, &z, &l) ||
	    fill_bhash(sc, m, &z, &l, socket) || fill_state(sc, m, socket) ||
	    fill_callpath(sc, m, socket)) {
		snprintf(err, errlen, "out of memory while building the views");
		dot_scene_free(sc);
		return -1;
	}
	return 0;
}

void dot_scene_free(struct dot_scene *sc)
{
	dot_arena_free(&sc->arena);
}
