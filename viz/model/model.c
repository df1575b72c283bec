// SPDX-License-Identifier: GPL-2.0-only
/*
 * model.c - the model: events in, state out.  model_apply stores each event
 * (store.c), records its history (history.c) and, when the cursor is at the
 * end, applies it through the rule table (rules.c).  Replay: a deep copy of
 * the state every MODEL_SNAPSHOT_INTERVAL applied events; model_seek
 * restores the nearest one at or before its target and applies forward.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "model_int.h"

struct model *model_new(void)
{
	struct model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	store_init(&m->store);
	history_init(&m->hist);
	state_init(&m->st);
	model_event_init(&m->scratch);
	m->snaps = calloc(1, sizeof(*m->snaps));
	if (!m->snaps || state_clone(&m->snaps[0], &m->st)) {
		free(m->snaps);
		free(m);
		return NULL;
	}
	m->nsnaps = m->csnaps = 1;
	m->vpid = -1;
	m->follow = 1;
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nsnaps; i++)
		state_free(&m->snaps[i]);
	free(m->snaps);
	free(m->procs);
	state_free(&m->st);
	history_free(&m->hist);
	store_free(&m->store);
	model_event_release(&m->scratch);
	free(m);
}

const char *model_error(const struct model *m)
{
	return m ? m->err : "no model";
}

static int oom(struct model *m)
{
	snprintf(m->err, sizeof(m->err), "out of memory");
	return -1;
}

/* Apply @ev (event number st.pos) to the state; 1 if it contradicted it. */
static int apply_one(struct model *m, const struct model_event *ev)
{
	uint64_t before = m->st.inconsistent;
	size_t k;

	rules_apply(&m->st, ev);
	m->st.pos++;
	if (m->st.oom)
		return oom(m);
	k = m->st.pos / MODEL_SNAPSHOT_INTERVAL;
	if (m->st.pos % MODEL_SNAPSHOT_INTERVAL == 0 && k == m->nsnaps) {
		if (grow((void **)&m->snaps, &m->csnaps, m->nsnaps, sizeof(*m->snaps)) ||
		    state_clone(&m->snaps[m->nsnaps], &m->st))
			return oom(m);
		m->nsnaps++;
	}
	return m->st.inconsistent > before ? 1 : 0;
}

int model_apply(struct model *m, const struct model_event *ev)
{
	size_t index = m->store.n;

	if (!process_take(m, ev)) {
		m->other_process++;
		return 0;
	}

	if (store_add(&m->store, ev))
		return oom(m);
	if (!rule_impl_find(ev->name))
		m->unknown++;
	if (ev->vtid >= 0)
		m->has_vtid = true;
	if (history_add(&m->hist, &m->store, ev, index))
		return oom(m);
	if (m->st.pos != index)
		return 0;
	return apply_one(m, ev);
}

int model_load(struct model *m, const char *path)
{
	struct model_event ev;
	struct model_source *src = model_source_open(path, m->err, sizeof(m->err));
	enum model_source_status r;
	int rc = 0;

	if (!src)
		return -1;
	model_event_init(&ev);
	while ((r = model_source_next(src, &ev)) != MODEL_SOURCE_END) {
		if (r == MODEL_SOURCE_ERROR) {
			snprintf(m->err, sizeof(m->err), "%s", model_source_error(src));
			rc = -1;
			break;
		}
		if (r == MODEL_SOURCE_AGAIN) {
			struct timespec t = { 0, 20 * 1000 * 1000 };

			nanosleep(&t, NULL);
			continue;
		}
		if (model_apply(m, &ev) < 0) {
			rc = -1;
			break;
		}
	}
	model_event_release(&ev);
	model_source_close(src);
	return rc;
}

size_t model_event_count(const struct model *m)
{
	return m->store.n;
}

size_t model_current_index(const struct model *m)
{
	return m->st.pos;
}

int model_seek(struct model *m, size_t n)
{
	if (n > m->store.n) {
		snprintf(m->err, sizeof(m->err), "event index %zu is out of range (the trace has %zu "
			 "events)", n, m->store.n);
		return -1;
	}
	if (n < m->st.pos) {
		size_t k = n / MODEL_SNAPSHOT_INTERVAL;
		struct mstate copy;

		if (k >= m->nsnaps)
			k = m->nsnaps - 1;
		if (state_clone(&copy, &m->snaps[k]))
			return oom(m);
		state_free(&m->st);
		m->st = copy;
	}
	while (m->st.pos < n) {
		if (store_get(&m->store, m->st.pos, &m->scratch) || apply_one(m, &m->scratch) < 0)
			return oom(m);
	}
	return 0;
}

int model_event_get(const struct model *m, size_t index, struct model_event *ev)
{
	return store_get(&m->store, index, ev);
}

uint64_t model_event_ts(const struct model *m, size_t index)
{
	return index < m->store.n ? m->store.ts[index] : 0;
}

size_t model_index_at_time(const struct model *m, uint64_t ts_ns)
{
	size_t lo = 0, hi = m->store.n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->store.ts[mid] < ts_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *model_event_name(const struct model *m, size_t index)
{
	return store_name(&m->store, index);
}

size_t model_find_event(const struct model *m, const char *name, long k)
{
	long seen = 0;

	if (k > 0) {
		for (size_t i = 0; i < m->store.n; i++)
			if (!strcmp(store_name(&m->store, i), name) && ++seen == k)
				return i;
	} else if (k < 0) {
		for (size_t i = m->store.n; i-- > 0;)
			if (!strcmp(store_name(&m->store, i), name) && --seen == k)
				return i;
	}
	return MODEL_NONE;
}

void model_get_stats(const struct model *m, struct model_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->applied = m->st.pos;
	st->unknown = m->unknown;
	st->inconsistent = m->st.inconsistent;
	st->statedumps = m->st.statedumps;
	st->in_statedump = m->st.in_dump;
	st->has_vtid = m->has_vtid;
	st->other_process = m->other_process;
}

const char *model_first_inconsistency(const struct model *m, size_t *index)
{
	if (index)
		*index = m->st.first_incons_index;
	return m->st.first_incons;
}

/* ---- the state at the cursor ---- */

void model_get_sizes(const struct model *m, struct model_sizes *s)
{
	*s = m->st.sizes;
}

size_t model_sock_count(const struct model *m)
{
	return m->st.nsocks;
}

const struct model_sock *model_sock_at(const struct model *m, size_t i)
{
	return i < m->st.nsocks ? &m->st.socks[i].pub : NULL;
}

const struct model_sock *model_sock_find(const struct model *m, uint32_t id)
{
	const struct msock *s = state_sock_const(&m->st, id);

	return s ? &s->pub : NULL;
}

size_t model_ehash_count(const struct model *m)
{
	return m->st.neh;
}

static void eslot_out(const struct eslot *e, struct model_ehash_slot *out)
{
	out->slot = e->slot;
	out->chain = e->chain.v;
	out->nchain = e->chain.n;
	out->twchain = e->tw.v;
	out->ntwchain = e->tw.n;
}

int model_ehash_at(const struct model *m, size_t i, struct model_ehash_slot *out)
{
	if (i >= m->st.neh)
		return -1;
	eslot_out(&m->st.eh[i], out);
	return 0;
}

bool model_ehash_get(const struct model *m, uint32_t slot, struct model_ehash_slot *out)
{
	if (m->st.sizes.ehash_size && slot >= m->st.sizes.ehash_size)
		return false;
	memset(out, 0, sizeof(*out));
	out->slot = slot;
	for (size_t i = 0; i < m->st.neh; i++)
		if (m->st.eh[i].slot == slot)
			eslot_out(&m->st.eh[i], out);
	return true;
}

size_t model_bhash_count(const struct model *m)
{
	return m->st.nbh;
}

int model_bhash_at(const struct model *m, size_t i, struct model_bhash_slot *out)
{
	if (i >= m->st.nbh)
		return -1;
	out->slot = m->st.bh[i].slot;
	out->nbuckets = m->st.bh[i].n;
	return 0;
}

static void bucket_out(const struct mbucket *b, struct model_bind_bucket *out)
{
	out->port = b->port;
	out->fastreuse = b->fastreuse;
	out->fastreuseport = b->fastreuseport;
	out->owners = b->o;
	out->nowners = b->n;
}

int model_bhash_bucket(const struct model *m, size_t i, size_t j, struct model_bind_bucket *out)
{
	if (i >= m->st.nbh || j >= m->st.bh[i].n)
		return -1;
	bucket_out(&m->st.bh[i].b[j], out);
	return 0;
}

bool model_bind_bucket_find(const struct model *m, uint16_t port, struct model_bind_bucket *out)
{
	for (size_t i = 0; i < m->st.nbh; i++)
		for (size_t j = 0; j < m->st.bh[i].n; j++)
			if (m->st.bh[i].b[j].port == port) {
				bucket_out(&m->st.bh[i].b[j], out);
				return true;
			}
	return false;
}

size_t model_lhash_count(const struct model *m)
{
	return m->st.nlh;
}

int model_lhash_at(const struct model *m, size_t i, struct model_lhash_slot *out)
{
	if (i >= m->st.nlh)
		return -1;
	out->slot = m->st.lh[i].slot;
	out->chain = m->st.lh[i].chain.v;
	out->nchain = m->st.lh[i].chain.n;
	return 0;
}

void model_get_latest(const struct model *m, struct model_latest *l)
{
	*l = m->st.latest;
}

size_t model_timer_count(const struct model *m)
{
	return m->st.ntimers;
}

const struct model_timer *model_timer_at(const struct model *m, size_t i)
{
	return i < m->st.ntimers ? &m->st.timers[i] : NULL;
}

uint64_t model_now_jiffies(const struct model *m)
{
	return m->st.now_jiffies;
}

size_t model_mib_count(const struct model *m)
{
	return m->st.nmibs;
}

bool model_mib_at(const struct model *m, size_t i, const char **name, int64_t *delta)
{
	if (i >= m->st.nmibs)
		return false;
	*name = m->st.mibs[i].name;
	*delta = m->st.mibs[i].v;
	return true;
}

int64_t model_mib_get(const struct model *m, const char *name)
{
	for (size_t i = 0; i < m->st.nmibs; i++)
		if (!strcmp(m->st.mibs[i].name, name))
			return m->st.mibs[i].v;
	return 0;
}

const char *model_state_name(int state)
{
	static const char *const names[MODEL_TCP_MAX_STATES] = {
		"UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
		"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
	};

	return state > 0 && state < MODEL_TCP_MAX_STATES ? names[state] : "UNKNOWN";
}

/* ---- history ---- */

size_t model_packet_count(const struct model *m)
{
	return m->hist.npk;
}

const struct model_packet *model_packet_at(const struct model *m, size_t i)
{
	return i < m->hist.npk ? &m->hist.pk[i] : NULL;
}

size_t model_calltree_count(const struct model *m)
{
	return m->hist.ntrees;
}

const struct model_calltree *model_calltree_at(const struct model *m, size_t i)
{
	return i < m->hist.ntrees ? &m->hist.trees[i] : NULL;
}

size_t model_call_count(const struct model *m)
{
	return m->hist.ncalls;
}

const struct model_call *model_call_at(const struct model *m, size_t node)
{
	return node < m->hist.ncalls ? &m->hist.calls[node] : NULL;
}

size_t model_connect_tree(const struct model *m, uint32_t sk_id)
{
	for (size_t i = m->hist.ntrees; i-- > 0;)
		if (m->hist.trees[i].is_connect && (!sk_id || m->hist.trees[i].sk_id == sk_id))
			return i;
	return MODEL_NONE;
}

size_t model_call_stack_at(const struct model *m, size_t index, size_t *nodes, size_t max)
{
	size_t node, depth = 0, n;

	if (index >= m->store.n || m->hist.ev_node[index] == MODEL_NONE)
		return 0;
	/* the event's own thread only: an attached root ends its stack */
	for (node = m->hist.ev_node[index]; node != MODEL_NONE;
	     node = m->hist.calls[node].attached ? MODEL_NONE : m->hist.calls[node].parent)
		depth++;
	n = depth;
	for (node = m->hist.ev_node[index]; node != MODEL_NONE;
	     node = m->hist.calls[node].attached ? MODEL_NONE : m->hist.calls[node].parent)
		if (--n < max)
			nodes[n] = node;
	return depth;
}

size_t model_transition_count(const struct model *m)
{
	return m->hist.ntr;
}

const struct model_transition *model_transition_at(const struct model *m, size_t i)
{
	return i < m->hist.ntr ? &m->hist.tr[i] : NULL;
}
