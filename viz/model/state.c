// SPDX-License-Identifier: GPL-2.0-only
/*
 * state.c - the model's state: sockets and the three hash tables as sorted
 * arrays (non-empty slots only, lists head first), timers, counters.  A
 * snapshot for replay is a deep copy (state_clone).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model_int.h"

void state_init(struct mstate *st)
{
	memset(st, 0, sizeof(*st));
	st->sizes.lhash_size = 32;
	st->latest.ehash_index = SIZE_MAX;
	st->latest.twchain_index = SIZE_MAX;
	st->latest.bind_index = SIZE_MAX;
	st->latest.listen_index = SIZE_MAX;
	st->first_incons_index = SIZE_MAX;
}

static void bslot_free(struct bslot *b)
{
	for (size_t j = 0; j < b->n; j++)
		free(b->b[j].o);
	free(b->b);
}

void state_clear_ehash(struct mstate *st)
{
	for (size_t i = 0; i < st->neh; i++) {
		free(st->eh[i].chain.v);
		free(st->eh[i].tw.v);
	}
	st->neh = 0;
	for (size_t i = 0; i < st->nsocks; i++)
		if (st->socks[i].pub.where == MODEL_IN_CHAIN ||
		    st->socks[i].pub.where == MODEL_IN_TWCHAIN)
			st->socks[i].pub.where = MODEL_UNHASHED;
}

void state_clear_bhash(struct mstate *st)
{
	for (size_t i = 0; i < st->nbh; i++)
		bslot_free(&st->bh[i]);
	st->nbh = 0;
	for (size_t i = 0; i < st->nsocks; i++)
		st->socks[i].pub.bound_port = 0;
}

void state_clear_lhash(struct mstate *st)
{
	for (size_t i = 0; i < st->nlh; i++)
		free(st->lh[i].chain.v);
	st->nlh = 0;
	for (size_t i = 0; i < st->nsocks; i++)
		if (st->socks[i].pub.where == MODEL_IN_LISTEN)
			st->socks[i].pub.where = MODEL_UNHASHED;
}

void state_free(struct mstate *st)
{
	state_clear_ehash(st);
	state_clear_bhash(st);
	state_clear_lhash(st);
	free(st->socks);
	free(st->eh);
	free(st->bh);
	free(st->lh);
	free(st->timers);
	free(st->threads);
	free(st->mibs);
	memset(st, 0, sizeof(*st));
}

/* ---- cloning ---- */

static void *dup_array(const void *src, size_t n, size_t elem, size_t *cap, bool *oom)
{
	void *p;

	*cap = n;
	if (!n)
		return NULL;
	p = malloc(n * elem);
	if (!p) {
		*oom = true;
		*cap = 0;
		return NULL;
	}
	memcpy(p, src, n * elem);
	return p;
}

static void idvec_dup(struct idvec *d, const struct idvec *s, bool *oom)
{
	d->n = s->n;
	d->v = dup_array(s->v, s->n, sizeof(*s->v), &d->cap, oom);
	if (!d->v)
		d->n = 0;
}

int state_clone(struct mstate *d, const struct mstate *s)
{
	bool oom = false;

	*d = *s;
	d->socks = dup_array(s->socks, s->nsocks, sizeof(*s->socks), &d->csocks, &oom);
	d->timers = dup_array(s->timers, s->ntimers, sizeof(*s->timers), &d->ctimers, &oom);
	d->threads = dup_array(s->threads, s->nthreads, sizeof(*s->threads), &d->cthreads, &oom);
	d->mibs = dup_array(s->mibs, s->nmibs, sizeof(*s->mibs), &d->cmibs, &oom);
	d->eh = dup_array(s->eh, s->neh, sizeof(*s->eh), &d->ceh, &oom);
	d->lh = dup_array(s->lh, s->nlh, sizeof(*s->lh), &d->clh, &oom);
	d->bh = dup_array(s->bh, s->nbh, sizeof(*s->bh), &d->cbh, &oom);
	if (oom) {
		/* nothing below is owned yet: forget the shallow copies */
		free(d->socks), free(d->timers), free(d->threads), free(d->mibs);
		free(d->eh), free(d->lh), free(d->bh);
		memset(d, 0, sizeof(*d));
		return -1;
	}
	for (size_t i = 0; i < d->neh; i++) {
		idvec_dup(&d->eh[i].chain, &s->eh[i].chain, &oom);
		idvec_dup(&d->eh[i].tw, &s->eh[i].tw, &oom);
	}
	for (size_t i = 0; i < d->nlh; i++)
		idvec_dup(&d->lh[i].chain, &s->lh[i].chain, &oom);
	for (size_t i = 0; i < d->nbh; i++) {
		d->bh[i].b = dup_array(s->bh[i].b, s->bh[i].n, sizeof(*s->bh[i].b), &d->bh[i].cap,
				       &oom);
		if (!d->bh[i].b)
			d->bh[i].n = 0;
		for (size_t j = 0; j < d->bh[i].n; j++) {
			d->bh[i].b[j].o = dup_array(s->bh[i].b[j].o, s->bh[i].b[j].n,
						    sizeof(*s->bh[i].b[j].o), &d->bh[i].b[j].cap,
						    &oom);
			if (!d->bh[i].b[j].o)
				d->bh[i].b[j].n = 0;
		}
	}
	if (oom) {
		state_free(d);
		return -1;
	}
	return 0;
}

/* ---- sockets ---- */

static size_t sock_lower(const struct mstate *st, uint32_t id)
{
	size_t lo = 0, hi = st->nsocks;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (st->socks[mid].pub.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct msock *state_sock_const(const struct mstate *st, uint32_t id)
{
	size_t i = sock_lower(st, id);

	return i < st->nsocks && st->socks[i].pub.id == id ? &st->socks[i] : NULL;
}

struct msock *state_sock(struct mstate *st, uint32_t id)
{
	return (struct msock *)state_sock_const(st, id);
}

struct msock *state_sock_get(struct mstate *st, uint32_t id, size_t index, uint64_t ns)
{
	size_t i = sock_lower(st, id);
	struct msock *s;

	if (!id)
		return NULL;
	if (i < st->nsocks && st->socks[i].pub.id == id)
		return &st->socks[i];
	if (grow((void **)&st->socks, &st->csocks, st->nsocks, sizeof(*st->socks))) {
		st->oom = true;
		return NULL;
	}
	memmove(&st->socks[i + 1], &st->socks[i], (st->nsocks - i) * sizeof(*st->socks));
	st->nsocks++;
	s = &st->socks[i];
	memset(s, 0, sizeof(*s));
	s->pub.id = id;
	s->pub.state = MODEL_TCP_CLOSE;
	s->pub.fd = -1;
	s->pub.snd_wscale = -1;
	s->pub.rcv_wscale = -1;
	s->pub.born_index = index;
	s->pub.born_ns = ns;
	s->stamp = st->dump_gen;
	return s;
}

void state_sock_remove(struct mstate *st, uint32_t id)
{
	size_t i = sock_lower(st, id);

	if (i < st->nsocks && st->socks[i].pub.id == id) {
		memmove(&st->socks[i], &st->socks[i + 1], (st->nsocks - i - 1) * sizeof(*st->socks));
		st->nsocks--;
	}
}

struct mthread *state_thread(struct mstate *st, int64_t vtid)
{
	for (size_t i = 0; i < st->nthreads; i++)
		if (st->threads[i].vtid == vtid)
			return &st->threads[i];
	if (grow((void **)&st->threads, &st->cthreads, st->nthreads, sizeof(*st->threads))) {
		st->oom = true;
		return NULL;
	}
	st->threads[st->nthreads] = (struct mthread){ .vtid = vtid };
	return &st->threads[st->nthreads++];
}

/* ---- id lists ---- */

bool idvec_has(const struct idvec *v, uint32_t id)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i] == id)
			return true;
	return false;
}

bool idvec_add_head(struct idvec *v, uint32_t id, bool *oom)
{
	if (idvec_has(v, id))
		return false;
	if (grow((void **)&v->v, &v->cap, v->n, sizeof(*v->v))) {
		*oom = true;
		return false;
	}
	memmove(&v->v[1], &v->v[0], v->n * sizeof(*v->v));
	v->v[0] = id;
	v->n++;
	return true;
}

bool idvec_add_tail(struct idvec *v, uint32_t id, bool *oom)
{
	if (idvec_has(v, id))
		return false;
	if (grow((void **)&v->v, &v->cap, v->n, sizeof(*v->v))) {
		*oom = true;
		return false;
	}
	v->v[v->n++] = id;
	return true;
}

bool idvec_remove(struct idvec *v, uint32_t id)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i] == id) {
			memmove(&v->v[i], &v->v[i + 1], (v->n - i - 1) * sizeof(*v->v));
			v->n--;
			return true;
		}
	return false;
}

/* ---- slots: sorted arrays of non-empty slots ---- */

/* Find (or insert, zeroed) the element with key @slot in a sorted array of
 * structs whose first member is the uint32_t slot. */
static void *slot_find(void **arr, size_t *n, size_t *cap, size_t elem, uint32_t slot,
		       bool create, bool *oom)
{
	size_t lo = 0, hi = *n;
	char *a = *arr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t k;

		memcpy(&k, a + mid * elem, sizeof(k));
		if (k < slot)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *n) {
		uint32_t k;

		memcpy(&k, a + lo * elem, sizeof(k));
		if (k == slot)
			return a + lo * elem;
	}
	if (!create)
		return NULL;
	if (grow(arr, cap, *n, elem)) {
		*oom = true;
		return NULL;
	}
	a = *arr;
	memmove(a + (lo + 1) * elem, a + lo * elem, (*n - lo) * elem);
	memset(a + lo * elem, 0, elem);
	memcpy(a + lo * elem, &slot, sizeof(slot));
	(*n)++;
	return a + lo * elem;
}

static void slot_remove(void *arr, size_t *n, size_t elem, void *item)
{
	char *a = arr, *it = item;
	size_t i = (size_t)(it - a) / elem;

	memmove(a + i * elem, a + (i + 1) * elem, (*n - i - 1) * elem);
	(*n)--;
}

struct eslot *state_eslot(struct mstate *st, uint32_t slot, bool create)
{
	return slot_find((void **)&st->eh, &st->neh, &st->ceh, sizeof(*st->eh), slot, create,
			 &st->oom);
}

void state_eslot_prune(struct mstate *st, uint32_t slot)
{
	struct eslot *e = state_eslot(st, slot, false);

	if (e && !e->chain.n && !e->tw.n) {
		free(e->chain.v);
		free(e->tw.v);
		slot_remove(st->eh, &st->neh, sizeof(*st->eh), e);
	}
}

struct lslot *state_lslot(struct mstate *st, uint32_t slot, bool create)
{
	return slot_find((void **)&st->lh, &st->nlh, &st->clh, sizeof(*st->lh), slot, create,
			 &st->oom);
}

void state_lslot_prune(struct mstate *st, uint32_t slot)
{
	struct lslot *l = state_lslot(st, slot, false);

	if (l && !l->chain.n) {
		free(l->chain.v);
		slot_remove(st->lh, &st->nlh, sizeof(*st->lh), l);
	}
}

struct bslot *state_bslot(struct mstate *st, uint32_t slot, bool create)
{
	return slot_find((void **)&st->bh, &st->nbh, &st->cbh, sizeof(*st->bh), slot, create,
			 &st->oom);
}

void state_bslot_prune(struct mstate *st, uint32_t slot)
{
	struct bslot *b = state_bslot(st, slot, false);

	if (b && !b->n) {
		bslot_free(b);
		slot_remove(st->bh, &st->nbh, sizeof(*st->bh), b);
	}
}

uint32_t state_bhash_slot(const struct mstate *st, uint16_t port)
{
	return st->sizes.bhash_size ? port & (st->sizes.bhash_size - 1) : port;
}

uint32_t state_ehash_slot(const struct mstate *st, uint32_t hash)
{
	return st->sizes.ehash_size ? hash & (st->sizes.ehash_size - 1) : hash;
}

struct mbucket *state_bucket(struct mstate *st, uint16_t port, struct bslot **slotp)
{
	struct bslot *b = state_bslot(st, state_bhash_slot(st, port), false);

	for (size_t j = 0; b && j < b->n; j++)
		if (b->b[j].port == port) {
			if (slotp)
				*slotp = b;
			return &b->b[j];
		}
	/* sizes unknown or an odd trace: look everywhere */
	for (size_t i = 0; i < st->nbh; i++)
		for (size_t j = 0; j < st->bh[i].n; j++)
			if (st->bh[i].b[j].port == port) {
				if (slotp)
					*slotp = &st->bh[i];
				return &st->bh[i].b[j];
			}
	return NULL;
}

/* ---- counters, inconsistencies ---- */

void state_mib_add(struct mstate *st, const char *name, int64_t d)
{
	for (size_t i = 0; i < st->nmibs; i++)
		if (!strcmp(st->mibs[i].name, name)) {
			st->mibs[i].v += d;
			return;
		}
	if (grow((void **)&st->mibs, &st->cmibs, st->nmibs, sizeof(*st->mibs))) {
		st->oom = true;
		return;
	}
	st->mibs[st->nmibs++] = (struct mmib){ .name = name, .v = d };
}

void state_incons(struct mstate *st, const char *fmt, ...)
{
	va_list ap;

	st->inconsistent++;
	if (st->first_incons_index != SIZE_MAX)
		return;
	st->first_incons_index = st->pos;
	va_start(ap, fmt);
	vsnprintf(st->first_incons, sizeof(st->first_incons), fmt, ap);
	va_end(ap);
}
