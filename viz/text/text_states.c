// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_states.c - `connscope trace states` (BCC's tcpstates: every TCP state
 * change and the milliseconds spent in the state it leaves, 0 for a
 * socket's first change, as tcpstates) and `connscope trace retrans` (BCC's
 * tcpretrans: every retransmitted segment, with the retransmit timer's run
 * that sent it: its RTO and backoff).  One pass over each process's events.
 */
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "../model/events.h"

/* What the pass remembers of one socket. */
struct sk_seen {
	uint32_t saddr, daddr;
	uint16_t sport, dport;
	uint64_t last_ts;		/* its latest state change */
	bool changed;
	bool timer;			/* a retransmit timer run was seen */
	uint64_t rto, backoff, timer_retransmits;
	int64_t state, retransmits;	/* tcp_retransmit_skb's entry */
	uint64_t seq, flags, ts;
	bool pending;
};

struct sk_map {
	struct sk_seen *v;
	size_t n;
};

/* The record of socket @id, made (zeroed) when new; NULL if out of memory. */
static struct sk_seen *sk_get(struct sk_map *s, uint64_t id)
{
	if (id > (1u << 24))
		return NULL;
	if (id >= s->n) {
		size_t n = id + 64;
		struct sk_seen *v = realloc(s->v, n * sizeof(*v));

		if (!v)
			return NULL;
		memset(v + s->n, 0, (n - s->n) * sizeof(*v));
		s->v = v;
		s->n = n;
	}
	return &s->v[id];
}

/* The 4-tuple, from every event that carries it whole. */
static void sk_tuple(struct sk_seen *k, const struct model_event *ev)
{
	if (!EV_OPT_HAS(ev, saddr) || !EV_OPT_HAS(ev, sport) ||
	    !EV_OPT_HAS(ev, daddr) || !EV_OPT_HAS(ev, dport))
		return;
	if (!EV_OPT_U(ev, sport, 0) && k->sport)
		return;
	k->saddr = EV_OPT_ADDR(ev, saddr);
	k->daddr = EV_OPT_ADDR(ev, daddr);
	k->sport = (uint16_t)EV_OPT_U(ev, sport, 0);
	k->dport = (uint16_t)EV_OPT_U(ev, dport, 0);
}

/* One state change as a line or a JSON object; remember when it happened. */
static void state_out(const struct text_trace *t, const struct text_proc *p,
		      const struct text_opts *o, const struct model_event *ev, size_t i,
		      struct sk_seen *k, FILE *out)
{
	int from = (int)EV_I(ev, inet_sock_set_state, oldstate);
	int to = (int)EV_I(ev, inet_sock_set_state, newstate);
	double ms = k->changed ? (double)(ev->ts_ns - k->last_ts) / 1e6 : 0;
	char sa[16], da[16];

	text_addr(EV_ADDR(ev, inet_sock_set_state, saddr), sa, sizeof(sa));
	text_addr(EV_ADDR(ev, inet_sock_set_state, daddr), da, sizeof(da));
	if (o->json)
		fprintf(out, "{\"pid\":%lld,\"index\":%zu,\"time\":%.6f,\"sk_id\":%llu,\"laddr\":\"%s\","
			"\"lport\":%llu,\"raddr\":\"%s\",\"rport\":%llu,\"oldstate\":\"%s\","
			"\"newstate\":\"%s\",\"ms\":%.3f}\n", (long long)p->vpid, i,
			text_rel(t, ev->ts_ns), (unsigned long long)EV_U(ev, inet_sock_set_state, sk_id),
			sa, (unsigned long long)EV_U(ev, inet_sock_set_state, sport), da,
			(unsigned long long)EV_U(ev, inet_sock_set_state, dport),
			model_state_name(from), model_state_name(to), ms);
	else
		fprintf(out, "%-10.6f %-7lld %-4llu %-15s %-5llu %-15s %-5llu %-11s -> %-11s %.3f\n",
			text_rel(t, ev->ts_ns), (long long)p->vpid,
			(unsigned long long)EV_U(ev, inet_sock_set_state, sk_id), sa,
			(unsigned long long)EV_U(ev, inet_sock_set_state, sport), da,
			(unsigned long long)EV_U(ev, inet_sock_set_state, dport),
			model_state_name(from), model_state_name(to), ms);
	k->changed = true;
	k->last_ts = ev->ts_ns;
}

/* One retransmission (at tcp_retransmit_skb_ret, with its entry's fields). */
static void retrans_out(const struct text_trace *t, const struct text_proc *p,
			const struct text_opts *o, const struct model_event *ev, size_t i,
			const struct sk_seen *k, FILE *out)
{
	const char *ret = EV_LABEL(ev, tcp_retransmit_skb_ret, ret);
	char l[32], r[32], rto[16] = "-", bo[8] = "-";

	text_addr_port(k->saddr, k->sport, l, sizeof(l));
	text_addr_port(k->daddr, k->dport, r, sizeof(r));
	if (k->timer) {
		snprintf(rto, sizeof(rto), "%llu", (unsigned long long)k->rto);
		snprintf(bo, sizeof(bo), "%llu", (unsigned long long)k->backoff);
	}
	if (o->json) {
		fprintf(out, "{\"pid\":%lld,\"index\":%zu,\"time\":%.6f,\"sk_id\":%llu,\"laddr\":\"%s\","
			"\"raddr\":\"%s\",\"state\":\"%s\",\"seq\":%llu,\"flags\":%llu,"
			"\"retransmits\":%lld,\"rto\":%s,\"backoff\":%s,\"total_retrans\":%llu,"
			"\"result\":", (long long)p->vpid, i, text_rel(t, k->ts),
			(unsigned long long)EV_U(ev, tcp_retransmit_skb_ret, sk_id), l, r,
			model_state_name((int)k->state), (unsigned long long)k->seq,
			(unsigned long long)k->flags, (long long)k->retransmits,
			k->timer ? rto : "null", k->timer ? bo : "null",
			(unsigned long long)EV_U(ev, tcp_retransmit_skb_ret, total_retrans));
		text_json_str(out, ret ? ret : "?");
		fputs("}\n", out);
	} else {
		fprintf(out, "%-10.6f %-7lld %-4llu %-2d %-21s R> %-21s %-11s 0x%02llx %7lld %7s %7s %s\n",
			text_rel(t, k->ts), (long long)p->vpid,
			(unsigned long long)EV_U(ev, tcp_retransmit_skb_ret, sk_id), 4, l, r,
			model_state_name((int)k->state), (unsigned long long)k->flags,
			(long long)k->retransmits, rto, bo, ret ? ret : "?");
	}
}

/* One event of the pass; @what: 's' states, 'r' retrans.  -1: out of memory. */
static int pass_event(const struct text_trace *t, const struct text_proc *p,
		      const struct text_opts *o, char what, struct sk_map *map,
		      const struct model_event *ev, size_t i, FILE *out)
{
	struct sk_seen *k;

	if (!EV_OPT_HAS(ev, sk_id))
		return 0;
	k = sk_get(map, EV_OPT_U(ev, sk_id, 0));
	if (!k)
		return -1;
	sk_tuple(k, ev);
	if (what == 's' && !strcmp(ev->name, MODEL_E_inet_sock_set_state)) {
		state_out(t, p, o, ev, i, k, out);
	} else if (!strcmp(ev->name, MODEL_E_tcp_retransmit_timer)) {
		k->timer = true;
		k->rto = EV_U(ev, tcp_retransmit_timer, rto);
		k->backoff = EV_U(ev, tcp_retransmit_timer, backoff);
	} else if (!strcmp(ev->name, MODEL_E_tcp_retransmit_skb)) {
		k->pending = true;
		k->state = EV_I(ev, tcp_retransmit_skb, state);
		k->retransmits = EV_I(ev, tcp_retransmit_skb, retransmits);
		k->seq = EV_U(ev, tcp_retransmit_skb, seq);
		k->flags = EV_U(ev, tcp_retransmit_skb, flags);
		k->ts = ev->ts_ns;
	} else if (what == 'r' && !strcmp(ev->name, MODEL_E_tcp_retransmit_skb_ret) && k->pending) {
		retrans_out(t, p, o, ev, i, k, out);
		k->pending = false;
		k->timer = false;	/* that run's RTO is not the next one's */
	}
	return 0;
}

/* Every process's events, in order, through pass_event. */
static int pass(struct text_trace *t, const struct text_opts *o, char what, FILE *out,
		char *err, size_t el)
{
	struct model_event ev;
	int rc = 0;

	model_event_init(&ev);
	for (size_t p = 0; p < t->nprocs && !rc; p++) {
		const struct model *m = t->procs[p].m;
		struct sk_map map = { NULL, 0 };

		if (!text_proc_listed(o, p))
			continue;
		for (size_t i = 0; i < model_event_count(m) && !rc; i++)
			if (!text_event(m, i, &ev) || pass_event(t, &t->procs[p], o, what, &map, &ev, i, out)) {
				snprintf(err, el, "out of memory");
				rc = 1;
			}
		free(map.v);
	}
	model_event_release(&ev);
	return rc;
}

int text_states(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	if (!o->json)
		fprintf(out, "%-10s %-7s %-4s %-15s %-5s %-15s %-5s %-11s -> %-11s %s\n", "TIME(s)",
			"PID", "SK", "LADDR", "LPORT", "RADDR", "RPORT", "OLDSTATE", "NEWSTATE", "MS");
	return pass(t, o, 's', out, err, el);
}

int text_retrans(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	if (!o->json)
		fprintf(out, "%-10s %-7s %-4s %-2s %-21s T> %-21s %-11s %-4s %7s %7s %7s %s\n",
			"TIME(s)", "PID", "SK", "IP", "LADDR:LPORT", "RADDR:RPORT", "STATE", "FLAGS",
			"RETRANS", "RTO(ms)", "BACKOFF", "RESULT");
	return pass(t, o, 'r', out, err, el);
}
