// SPDX-License-Identifier: GPL-2.0-only
/*
 * apply_dump.c - rule functions for the state dump (docs/tracepoints.md).
 * Each statedump_table event replaces the model's copy of that table with
 * the entries that follow (they come in table order, head first, so they
 * are appended); no other thread can change that table meanwhile, since the
 * stack holds all of its locks during the walk.  Sockets the dump does not
 * mention and that were not created since statedump_begin are gone when it
 * ends.
 */
#include <string.h>
#include "apply.h"

void ap_sd_begin(struct mstate *st, const struct model_event *ev)
{
	ap_sizes(st, ev);
	st->now_jiffies = EV_U(ev, statedump_begin, jiffies);
	st->in_dump = true;
	st->dump_gen++;
	st->statedumps++;
}

/* The fields a socket shares with ehash and listening entries. */
static void sd_common(struct mstate *st, struct msock *s, const struct model_event *ev)
{
	s->stamp = st->dump_gen;
	s->pub.state = (int)EV_I(ev, sd_entry, state);
	s->pub.saddr = EV_ADDR(ev, sd_entry, saddr);
	s->pub.sport = (uint16_t)EV_U(ev, sd_entry, sport);
	s->pub.daddr = EV_ADDR(ev, sd_entry, daddr);
	s->pub.dport = (uint16_t)EV_U(ev, sd_entry, dport);
	s->pub.hash = (uint32_t)EV_U(ev, sd_entry, hash);
}

void ap_sd_sock(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, statedump_sock, sk_id);
	unsigned int o = 0;

	if (!s)
		return;
	sd_common(st, s, ev);
	s->pub.fd = (int)EV_I(ev, statedump_sock, fd);
	s->pub.isn = (uint32_t)EV_U(ev, statedump_sock, isn);
	s->pub.snd_una = (uint32_t)EV_U(ev, statedump_sock, snd_una);
	s->pub.snd_nxt = (uint32_t)EV_U(ev, statedump_sock, snd_nxt);
	s->pub.rcv_nxt = (uint32_t)EV_U(ev, statedump_sock, rcv_nxt);
	s->pub.snd_wnd = (uint32_t)EV_U(ev, statedump_sock, snd_wnd);
	s->pub.rcv_wnd = (uint32_t)EV_U(ev, statedump_sock, rcv_wnd);
	s->pub.snd_wscale = (int)EV_I(ev, statedump_sock, snd_wscale);
	s->pub.rcv_wscale = (int)EV_I(ev, statedump_sock, rcv_wscale);
	s->pub.mss_cache = (uint32_t)EV_U(ev, statedump_sock, mss_cache);
	s->pub.advmss = (uint32_t)EV_U(ev, statedump_sock, advmss);
	s->pub.rto = (uint32_t)EV_U(ev, statedump_sock, rto);
	if (EV_I(ev, statedump_sock, tstamp_ok))
		o |= MODEL_OPT_TS;
	if (EV_I(ev, statedump_sock, sack_ok))
		o |= MODEL_OPT_SACK;
	if (EV_I(ev, statedump_sock, wscale_ok))
		o |= MODEL_OPT_WSCALE;
	s->pub.options = o;
}

void ap_sd_table(struct mstate *st, const struct model_event *ev)
{
	switch (EV_I(ev, statedump_table, table)) {
	case 0:
		state_clear_ehash(st);
		break;
	case 1:
		state_clear_bhash(st);
		break;
	case 2:
		state_clear_lhash(st);
		break;
	case 3:
		st->ntimers = 0;
		break;
	}
}

void ap_sd_ehash(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, statedump_ehash, id);
	uint32_t slot = (uint32_t)EV_U(ev, statedump_ehash, slot);
	bool tw = EV_I(ev, statedump_ehash, list) == 1;
	struct eslot *e = state_eslot(st, slot, true);

	if (!s || !e)
		return;
	sd_common(st, s, ev);
	s->pub.tw = EV_I(ev, statedump_ehash, tw) != 0;
	if (s->pub.tw)
		s->pub.tw_ttd = EV_U(ev, statedump_ehash, ttd);
	if (!idvec_add_tail(tw ? &e->tw : &e->chain, s->pub.id, &st->oom))
		state_incons(st, "statedump_ehash: %u twice in slot %u", s->pub.id, slot);
	s->pub.where = tw ? MODEL_IN_TWCHAIN : MODEL_IN_CHAIN;
	s->pub.slot = slot;
}

void ap_sd_bucket(struct mstate *st, const struct model_event *ev)
{
	struct bslot *b = state_bslot(st, (uint32_t)EV_U(ev, statedump_bind_bucket, slot), true);

	if (!b || grow((void **)&b->b, &b->cap, b->n, sizeof(*b->b))) {
		st->oom = true;
		return;
	}
	memset(&b->b[b->n], 0, sizeof(*b->b));
	b->b[b->n].port = (uint16_t)EV_U(ev, statedump_bind_bucket, port);
	b->b[b->n].fastreuse = (int)EV_I(ev, statedump_bind_bucket, fastreuse);
	b->b[b->n].fastreuseport = (int)EV_I(ev, statedump_bind_bucket, fastreuseport);
	b->n++;
}

void ap_sd_owner(struct mstate *st, const struct model_event *ev)
{
	uint16_t port = (uint16_t)EV_U(ev, statedump_bind_owner, port);
	struct mbucket *b = state_bucket(st, port, NULL);
	struct msock *s = EV_SOCK(st, ev, statedump_bind_owner, id);

	if (!b || !s) {
		state_incons(st, "statedump_bind_owner: no bucket for port %u", port);
		return;
	}
	s->stamp = st->dump_gen;
	s->pub.tw = EV_I(ev, statedump_bind_owner, tw) != 0;
	owner_add(st, b, s->pub.id, s->pub.tw, false);
	s->pub.bound_port = port;
}

void ap_sd_listen(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, statedump_listen, id);
	uint32_t slot = (uint32_t)EV_U(ev, statedump_listen, slot);
	struct lslot *l = state_lslot(st, slot, true);

	if (!s || !l)
		return;
	sd_common(st, s, ev);
	idvec_add_tail(&l->chain, s->pub.id, &st->oom);
	s->pub.where = MODEL_IN_LISTEN;
	s->pub.slot = slot;
}

void ap_sd_timer(struct mstate *st, const struct model_event *ev)
{
	timer_set(st, EV_U(ev, statedump_timer, timer), EV_STR(ev, statedump_timer, name),
		  (uint32_t)EV_U(ev, statedump_timer, owner_id), EV_U(ev, statedump_timer, expires), st->now_jiffies);
}

void ap_sd_end(struct mstate *st, const struct model_event *ev)
{
	size_t i = 0;

	(void)ev;
	st->in_dump = false;
	while (i < st->nsocks) {
		if (st->socks[i].stamp != st->dump_gen)
			state_sock_remove(st, st->socks[i].pub.id);
		else
			i++;
	}
}
