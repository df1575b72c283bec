// SPDX-License-Identifier: GPL-2.0-only
/*
 * apply_tables.c - rule functions for the three hash tables.  Each list
 * change is applied where the trace shows it happening (docs/tracepoints.md):
 * 3.10 adds at the head of every list, and the core emits each of these
 * events under the lock of the list it changes, so the trace's order is
 * the list's order even with concurrent threads.
 */
#include <stdlib.h>
#include <string.h>
#include "apply.h"

static void latest_bind(struct mstate *st, uint16_t port, uint32_t id)
{
	st->latest.bind_port = port;
	st->latest.bind_id = id;
	st->latest.bind_index = st->pos;
}

bool owner_add(struct mstate *st, struct mbucket *b, uint32_t id, bool tw, bool head)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->o[i].id == id)
			return false;
	if (grow((void **)&b->o, &b->cap, b->n, sizeof(*b->o))) {
		st->oom = true;
		return false;
	}
	if (head) {
		memmove(&b->o[1], &b->o[0], b->n * sizeof(*b->o));
		b->o[0] = (struct model_bind_owner){ .id = id, .tw = tw };
	} else {
		b->o[b->n] = (struct model_bind_owner){ .id = id, .tw = tw };
	}
	b->n++;
	return true;
}

bool owner_remove(struct mbucket *b, uint32_t id)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->o[i].id == id) {
			memmove(&b->o[i], &b->o[i + 1], (b->n - i - 1) * sizeof(*b->o));
			b->n--;
			return true;
		}
	return false;
}

/* inet_bind_bucket_create: a bucket at the head of its bhash slot. */
void ap_bucket_create(struct mstate *st, const struct model_event *ev)
{
	uint16_t port = (uint16_t)EV_U(ev, inet_bind_bucket_create, port);
	struct bslot *b;

	if (!EV_I(ev, inet_bind_bucket_create, ok))
		return;
	if (state_bucket(st, port, NULL)) {
		state_incons(st, "inet_bind_bucket_create: port %u already has a bucket", port);
		return;
	}
	b = state_bslot(st, (uint32_t)EV_U(ev, inet_bind_bucket_create, bhash), true);
	if (!b || grow((void **)&b->b, &b->cap, b->n, sizeof(*b->b))) {
		st->oom = true;
		return;
	}
	memmove(&b->b[1], &b->b[0], b->n * sizeof(*b->b));
	memset(&b->b[0], 0, sizeof(*b->b));
	b->b[0].port = port;
	b->n++;
}

/* inet_bind_bucket_destroy with destroyed=1: the bucket leaves its slot. */
void ap_bucket_destroy(struct mstate *st, const struct model_event *ev)
{
	uint16_t port = (uint16_t)EV_U(ev, inet_bind_bucket_destroy, port);
	struct bslot *slot = NULL;
	struct mbucket *b;
	uint32_t key;

	if (!EV_I(ev, inet_bind_bucket_destroy, destroyed))
		return;
	b = state_bucket(st, port, &slot);
	if (!b) {
		state_incons(st, "inet_bind_bucket_destroy: no bucket for port %u", port);
		return;
	}
	if (b->n)
		state_incons(st, "inet_bind_bucket_destroy: port %u still has %zu owners", port, b->n);
	free(b->o);
	memmove(b, b + 1, (size_t)(slot->b + slot->n - b - 1) * sizeof(*b));
	slot->n--;
	key = slot->slot;
	state_bslot_prune(st, key);
}

/* inet_hash_connect_probe, verdict ok_new_bucket: connect() marks the new
 * bucket fastreuse = fastreuseport = -1. */
void ap_connect_probe(struct mstate *st, const struct model_event *ev)
{
	const char *v = EV_LABEL(ev, inet_hash_connect_probe, verdict);
	struct mbucket *b;

	if (!v || strcmp(v, "ok_new_bucket"))
		return;
	b = state_bucket(st, (uint16_t)EV_U(ev, inet_hash_connect_probe, port), NULL);
	if (b) {
		b->fastreuse = -1;
		b->fastreuseport = -1;
	}
}

/* inet_csk_get_port_ret: the bucket's flags after bind() or listen(). */
void ap_get_port_ret(struct mstate *st, const struct model_event *ev)
{
	struct mbucket *b;

	if (EV_I(ev, inet_csk_get_port_ret, ret))
		return;
	b = state_bucket(st, (uint16_t)EV_U(ev, inet_csk_get_port_ret, port), NULL);
	if (b) {
		b->fastreuse = (int)EV_I(ev, inet_csk_get_port_ret, fastreuse);
		b->fastreuseport = (int)EV_I(ev, inet_csk_get_port_ret, fastreuseport);
	}
}

void ap_bind_hash(struct mstate *st, const struct model_event *ev)
{
	uint16_t port = (uint16_t)EV_U(ev, inet_bind_hash, port);
	struct mbucket *b = state_bucket(st, port, NULL);
	struct msock *s = EV_SOCK(st, ev, inet_bind_hash, sk_id);

	if (!b || !s) {
		state_incons(st, "inet_bind_hash: no bucket for port %u", port);
		return;
	}
	if (!owner_add(st, b, s->pub.id, false, true))
		state_incons(st, "inet_bind_hash: socket %u already owns port %u", s->pub.id, port);
	s->pub.bound_port = port;
	latest_bind(st, port, s->pub.id);
}

void ap_put_port(struct mstate *st, const struct model_event *ev)
{
	uint16_t port = (uint16_t)EV_U(ev, inet_put_port, port);
	uint32_t id = (uint32_t)EV_U(ev, inet_put_port, sk_id);
	struct mbucket *b = state_bucket(st, port, NULL);
	struct msock *s = state_sock(st, id);

	if (!b || !owner_remove(b, id))
		state_incons(st, "inet_put_port: socket %u does not own port %u", id, port);
	if (s)
		s->pub.bound_port = 0;
}

/* __inet_check_established: remember where the socket would go. */
void ap_check_established(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, __inet_check_established, sk_id);

	if (!s)
		return;
	s->pend_lport = (uint16_t)EV_U(ev, __inet_check_established, lport);
	s->pend_hash = (uint32_t)EV_U(ev, __inet_check_established, hash);
	s->pend_slot = (uint32_t)EV_U(ev, __inet_check_established, slot);
	s->pend_valid = true;
	s->pub.saddr = EV_ADDR(ev, __inet_check_established, saddr);
	s->pub.daddr = EV_ADDR(ev, __inet_check_established, daddr);
	s->pub.dport = (uint16_t)EV_U(ev, __inet_check_established, dport);
}

static void chain_insert(struct mstate *st, struct msock *s, uint32_t slot, uint32_t hash)
{
	struct eslot *e = state_eslot(st, slot, true);

	if (!e)
		return;
	if (!idvec_add_head(&e->chain, s->pub.id, &st->oom))
		state_incons(st, "socket %u is already in ehash slot %u", s->pub.id, slot);
	s->pub.where = MODEL_IN_CHAIN;
	s->pub.slot = slot;
	s->pub.hash = hash;
	st->latest.ehash_id = s->pub.id;
	st->latest.ehash_index = st->pos;
	st->latest.ehash_hash = hash;
}

/* __inet_check_established_ret unique / tw_recycled: the socket is at the
 * head of its chain with the port tried (a recycled TIME-WAIT socket left
 * twchain in the inet_twsk_unhash just before). */
void ap_check_established_ret(struct mstate *st, const struct model_event *ev)
{
	const char *v = EV_LABEL(ev, __inet_check_established_ret, verdict);
	struct msock *s = EV_SOCK(st, ev, __inet_check_established_ret, sk_id);

	if (!s || !v || (strcmp(v, "unique") && strcmp(v, "tw_recycled")))
		return;
	if (!s->pend_valid) {
		state_incons(st, "__inet_check_established_ret: socket %u without its entry event",
			     s->pub.id);
		return;
	}
	s->pub.sport = s->pend_lport;
	chain_insert(st, s, s->pend_slot, s->pend_hash);
	s->pend_valid = false;
	if (!strcmp(v, "tw_recycled"))
		state_mib_add(st, "TWRecycled", 1);
}

void ap_hash_nolisten(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, __inet_hash_nolisten, sk_id);

	if (!s)
		return;
	s->pub.saddr = EV_ADDR(ev, __inet_hash_nolisten, saddr);
	s->pub.sport = (uint16_t)EV_U(ev, __inet_hash_nolisten, sport);
	s->pub.daddr = EV_ADDR(ev, __inet_hash_nolisten, daddr);
	s->pub.dport = (uint16_t)EV_U(ev, __inet_hash_nolisten, dport);
	chain_insert(st, s, (uint32_t)EV_U(ev, __inet_hash_nolisten, slot), (uint32_t)EV_U(ev, __inet_hash_nolisten, hash));
}

/* __inet_hash with listening=1: the head of the listening slot. */
void ap_inet_hash(struct mstate *st, const struct model_event *ev)
{
	struct msock *s;
	struct lslot *l;
	uint32_t slot = (uint32_t)EV_U(ev, __inet_hash, lslot);

	if (!EV_I(ev, __inet_hash, listening))
		return;
	s = EV_SOCK(st, ev, __inet_hash, sk_id);
	l = state_lslot(st, slot, true);
	if (!s || !l)
		return;
	if (!idvec_add_head(&l->chain, s->pub.id, &st->oom))
		state_incons(st, "listener %u is already in listening slot %u", s->pub.id, slot);
	s->pub.where = MODEL_IN_LISTEN;
	s->pub.slot = slot;
	/* inet_csk_listen_start sets TCP_LISTEN without tcp_set_state: the
	 * state is known from this event */
	s->pub.state = (int)EV_I_OR(ev, __inet_hash, state, MODEL_TCP_LISTEN);
	s->pub.sport = (uint16_t)EV_U(ev, __inet_hash, port);
	s->pub.saddr = EV_ADDR(ev, __inet_hash, saddr);
	if (EV_HAS(ev, __inet_hash, hash))
		s->pub.hash = (uint32_t)EV_U(ev, __inet_hash, hash);
	if (EV_HAS(ev, __inet_hash, daddr)) {
		s->pub.daddr = EV_ADDR(ev, __inet_hash, daddr);
		s->pub.dport = (uint16_t)EV_U(ev, __inet_hash, dport);
	}
	st->latest.listen_id = s->pub.id;
	st->latest.listen_index = st->pos;
}

void ap_unhash(struct mstate *st, const struct model_event *ev)
{
	uint32_t id = (uint32_t)EV_U(ev, inet_unhash, sk_id), slot = (uint32_t)EV_U(ev, inet_unhash, slot);
	struct msock *s = state_sock(st, id);
	bool ok;

	if (!EV_I(ev, inet_unhash, done))
		return;
	if (EV_I(ev, inet_unhash, listening)) {
		struct lslot *l = state_lslot(st, slot, false);

		ok = l && idvec_remove(&l->chain, id);
		state_lslot_prune(st, slot);
	} else {
		struct eslot *e = state_eslot(st, slot, false);

		ok = e && idvec_remove(&e->chain, id);
		state_eslot_prune(st, slot);
	}
	if (!ok)
		state_incons(st, "inet_unhash: socket %u is not in slot %u", id, slot);
	if (s)
		s->pub.where = MODEL_UNHASHED;
}

/* __inet_twsk_hashdance (under the bhash lock): the TIME-WAIT socket is
 * the head owner of the port's bucket; its ehash move comes with _ret. */
void ap_hashdance(struct mstate *st, const struct model_event *ev)
{
	struct msock *tw = EV_SOCK(st, ev, __inet_twsk_hashdance, tw_id);
	uint16_t port = (uint16_t)EV_U(ev, __inet_twsk_hashdance, port);
	struct mbucket *b = state_bucket(st, port, NULL);

	if (!tw)
		return;
	tw->pub.tw = true;
	tw->pend_slot = (uint32_t)EV_U(ev, __inet_twsk_hashdance, slot);
	tw->pend_hash = (uint32_t)EV_U(ev, __inet_twsk_hashdance, hash);
	tw->pend_valid = true;
	tw->pub.tw_of = (uint32_t)EV_U(ev, __inet_twsk_hashdance, sk_id);
	if (!b || !owner_add(st, b, tw->pub.id, true, true)) {
		state_incons(st, "__inet_twsk_hashdance: no bucket for port %u", port);
		return;
	}
	tw->pub.bound_port = port;
	latest_bind(st, port, tw->pub.id);
}

/* __inet_twsk_hashdance_ret (under the ehash lock): the TIME-WAIT socket is
 * at the head of twchain, the socket out of chain. */
void ap_hashdance_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *tw = EV_SOCK(st, ev, __inet_twsk_hashdance_ret, tw_id), *sk;
	struct eslot *e;

	if (!tw || !tw->pend_valid) {
		state_incons(st, "__inet_twsk_hashdance_ret without its entry event");
		return;
	}
	e = state_eslot(st, tw->pend_slot, true);
	if (!e)
		return;
	if (!idvec_add_head(&e->tw, tw->pub.id, &st->oom))
		state_incons(st, "TIME-WAIT socket %u is already in twchain", tw->pub.id);
	tw->pub.where = MODEL_IN_TWCHAIN;
	tw->pub.slot = tw->pend_slot;
	tw->pub.hash = tw->pend_hash;
	tw->pend_valid = false;
	if (!idvec_remove(&e->chain, tw->pub.tw_of))
		state_incons(st, "__inet_twsk_hashdance: socket %u is not in ehash slot %u",
			     tw->pub.tw_of, tw->pub.slot);
	sk = state_sock(st, tw->pub.tw_of);
	if (sk)
		sk->pub.where = MODEL_UNHASHED;
	st->latest.twchain_id = tw->pub.id;
	st->latest.twchain_index = st->pos;
}

void ap_twsk_unhash(struct mstate *st, const struct model_event *ev)
{
	uint32_t id = (uint32_t)EV_U(ev, inet_twsk_unhash, tw_id);
	struct msock *tw = state_sock(st, id);
	uint32_t slot;
	struct eslot *e;

	if (!EV_I(ev, inet_twsk_unhash, done))
		return;
	slot = tw && tw->pub.where == MODEL_IN_TWCHAIN ? tw->pub.slot
						       : state_ehash_slot(st, (uint32_t)EV_U(ev, inet_twsk_unhash, hash));
	e = state_eslot(st, slot, false);
	if (!e || !idvec_remove(&e->tw, id))
		state_incons(st, "inet_twsk_unhash: TIME-WAIT socket %u is not in twchain %u",
			     id, slot);
	state_eslot_prune(st, slot);
	if (tw)
		tw->pub.where = MODEL_UNHASHED;
}

void ap_twsk_bind_unhash(struct mstate *st, const struct model_event *ev)
{
	uint32_t id = (uint32_t)EV_U(ev, inet_twsk_bind_unhash, tw_id);
	uint16_t port = (uint16_t)EV_U(ev, inet_twsk_bind_unhash, port);
	struct mbucket *b;
	struct msock *tw = state_sock(st, id);

	if (!EV_I(ev, inet_twsk_bind_unhash, done))
		return;
	b = state_bucket(st, port, NULL);
	if (!b || !owner_remove(b, id))
		state_incons(st, "inet_twsk_bind_unhash: %u does not own port %u", id, port);
	if (tw)
		tw->pub.bound_port = 0;
}
