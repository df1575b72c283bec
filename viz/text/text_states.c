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
	if (!model_event_has(ev, "saddr") || !model_event_has(ev, "sport") ||
	    !model_event_has(ev, "daddr") || !model_event_has(ev, "dport"))
		return;
	if (!model_event_uint(ev, "sport", 0) && k->sport)
		return;
	k->saddr = model_event_addr(ev, "saddr", 0);
	k->daddr = model_event_addr(ev, "daddr", 0);
	k->sport = (uint16_t)model_event_uint(ev, "sport", 0);
	k->dport = (uint16_t)model_event_uint(ev, "dport", 0);
}

/* One state change as a line or a JSON object; remember when it happened. */
static void state_out(const struct text_trace *t, const struct text_proc *p,
		      const struct text_opts *o, const struct model_event *ev, size_t i,
		      struct sk_seen *k, FILE *out)
{
	int from = (int)model_event_int(ev, "oldstate", 0), to = (int)model_event_int(ev, "newstate", 0);
	double ms = k->changed ? (double)(ev->ts_ns - k->last_ts) / 1e6 : 0;
	char sa[16], da[16];

	text_addr(model_event_addr(ev, "saddr", 0), sa, sizeof(sa));
	text_addr(model_event_addr(ev, "daddr", 0), da, sizeof(da));
	if (o->json)
		fprintf(out, "{\"pid\":%lld,\"index\":%zu,\"time\":%.6f,\"sk_id\":%llu,\"laddr\":\"%s\","
			"\"lport\":%llu,\"raddr\":\"%s\",\"rport\":%llu,\"oldstate\":\"%s\","
			"\"newstate\":\"%s\",\"ms\":%.3f}\n", (long long)p->vpid, i,
			text_rel(t, ev->ts_ns), (unsigned long long)model_event_uint(ev, "sk_id", 0),
			sa, (unsigned long long)model_event_uint(ev, "sport", 0), da,
			(unsigned long long)model_event_uint(ev, "dport", 0),
			model_state_name(from), model_state_name(to), ms);
	else
		fprintf(out, "%-10.6f %-7lld %-4llu %-15s %-5llu %-15s %-5llu %-11s -> %-11s %.3f\n",
			text_rel(t, ev->ts_ns), (long long)p->vpid,
			(unsigned long long)model_event_uint(ev, "sk_id", 0), sa,
			(unsigned long long)model_event_uint(ev, "sport", 0), da,
			(unsigned long long)model_event_uint(ev, "dport", 0),
			model_state_name(from), model_state_name(to), ms);
	k->changed = true;
	k->last_ts = ev->ts_ns;
}

/* One retransmission (at tcp_retransmit_skb_ret, with its entry's fields). */
static void retrans_out(const struct text_trace *t, const struct text_proc *p,
			const struct text_opts *o, const struct model_event *ev, size_t i,
			const struct sk_seen *k, FILE *out)
{
	const char *ret = model_event_label(ev, "ret");
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
			(unsigned long long)model_event_uint(ev, "sk_id", 0), l, r,
			model_state_name((int)k->state), (unsigned long long)k->seq,
			(unsigned long long)k->flags, (long long)k->retransmits,
			k->timer ? rto : "null", k->timer ? bo : "null",
			(unsigned long long)model_event_uint(ev, "total_retrans", 0));
		text_json_str(out, ret ? ret : "?");
		fputs("}\n", out);
	} else {
		fprintf(out, "%-10.6f %-7lld %-4llu %-2d %-21s R> %-21s %-11s 0x%02llx %7lld %7s %7s %s\n",
			text_rel(t, k->ts), (long long)p->vpid,
			(unsigned long long)model_event_uint(ev, "sk_id", 0), 4, l, r,
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

	if (!model_event_has(ev, "sk_id"))
		return 0;
	k = sk_get(map, model_event_uint(ev, "sk_id", 0));
	if (!k)
		return -1;
	sk_tuple(k, ev);
	if (what == 's' && !strcmp(ev->name, "inet_sock_set_state")) {
		state_out(t, p, o, ev, i, k, out);
	} else if (!strcmp(ev->name, "tcp_retransmit_timer")) {
		k->timer = true;
		k->rto = model_event_uint(ev, "rto", 0);
		k->backoff = model_event_uint(ev, "backoff", 0);
	} else if (!strcmp(ev->name, "tcp_retransmit_skb")) {
		k->pending = true;
		k->state = model_event_int(ev, "state", 0);
		k->retransmits = model_event_int(ev, "retransmits", 0);
		k->seq = model_event_uint(ev, "seq", 0);
		k->flags = model_event_uint(ev, "flags", 0);
		k->ts = ev->ts_ns;
	} else if (what == 'r' && !strcmp(ev->name, "tcp_retransmit_skb_ret") && k->pending) {
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
