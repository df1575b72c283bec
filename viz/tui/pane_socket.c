// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_socket.c - the Socket pane: the selected socket's state machine
 * (current state highlighted), its 4-tuple, sequence numbers, windows,
 * options, hashing and timers with their countdown.
 */
#include <stdio.h>
#include <string.h>
#include "model.h"
#include "panes.h"

/* The TCP states in the order of RFC 793's diagram, active open first. */
static const int machine[] = {
	MODEL_TCP_CLOSE, MODEL_TCP_LISTEN, MODEL_TCP_SYN_SENT, MODEL_TCP_SYN_RECV,
	MODEL_TCP_ESTABLISHED, MODEL_TCP_FIN_WAIT1, MODEL_TCP_FIN_WAIT2,
	MODEL_TCP_CLOSING, MODEL_TCP_TIME_WAIT, MODEL_TCP_CLOSE_WAIT, MODEL_TCP_LAST_ACK,
};

/* Did socket @id pass through @state before the cursor? */
static bool visited(struct view *v, uint32_t id, int state)
{
	size_t n = model_transition_count(v->m);

	for (size_t i = 0; i < n; i++) {
		const struct model_transition *t = model_transition_at(v->m, i);

		if (t && t->index <= v->pos && t->sk_id == id && (t->from == state || t->to == state))
			return true;
	}
	return false;
}

/* The current state's colour by what it means: ESTABLISHED good, CLOSE
 * after an error (sk_err set, or never established) bad, CLOSE after a
 * normal end and LISTEN at rest, the others on their way. */
int pane_state_attr(struct view *v, const struct model_sock *sk)
{
	if (sk->state == MODEL_TCP_ESTABLISHED)
		return VA_GOOD;
	if (sk->sk_err)
		return VA_BAD;
	if (sk->state == MODEL_TCP_CLOSE)
		return visited(v, sk->id, MODEL_TCP_SYN_SENT) &&
		       !visited(v, sk->id, MODEL_TCP_ESTABLISHED) ? VA_BAD : VA_REST;
	return sk->state == MODEL_TCP_LISTEN ? VA_REST : VA_STATE;
}

/* The state machine, wrapped to the pane's width: the current state in
 * brackets, the states the socket went through in bold, the others dim. */
static void draw_machine(struct view *v, struct pane_rows *o, const struct model_sock *sk)
{
	int x = 0, w = o->r->w;

	if (o->skip > 0) {
		o->skip--;
		return;
	}
	for (size_t i = 0; i < sizeof(machine) / sizeof(machine[0]); i++) {
		char cell[24];
		int cur = machine[i] == sk->state, len;
		int at = cur ? pane_state_attr(v, sk) : visited(v, sk->id, machine[i]) ? VA_BOLD :
			 VA_DIM;

		len = snprintf(cell, sizeof(cell), cur ? "[%s]" : " %s ", state_str(machine[i]));
		if (x && x + len > w) {
			o->row++;
			x = 0;
		}
		if (o->row >= o->r->h)
			return;
		vs_puts(o->s, o->r, o->r->x + x, o->r->y + o->row, at, cell);
		x += len;
	}
	o->row++;
}

/* The transitions of socket @id so far: "CLOSE > SYN_SENT > ESTABLISHED". */
static void draw_path(struct view *v, struct pane_rows *o, uint32_t id)
{
	size_t n = model_transition_count(v->m), len = 0;
	char buf[256] = "path";

	for (size_t i = 0; i < n && len + 20 < sizeof(buf); i++) {
		const struct model_transition *t = model_transition_at(v->m, i);

		if (!t || t->index > v->pos || t->sk_id != id)
			continue;
		len = strlen(buf);
		if (!strcmp(buf, "path"))
			snprintf(buf + len, sizeof(buf) - len, " %s", state_str(t->from));
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, " > %s", state_str(t->to));
	}
	if (strcmp(buf, "path"))
		pane_put(o, VA_NORMAL, "%s", buf);
}

static const char *num(uint32_t x, char *buf, size_t len)
{
	if (!x)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%u", x);
	return buf;
}

/* A sequence number relative to its initial one, as tcpdump -S does not:
 * "isn+1"; absolute when the initial one is unknown; "-" when unset. */
static const char *rel(uint32_t x, uint32_t base, const char *name, char *buf, size_t len)
{
	if (!x)
		snprintf(buf, len, "-");
	else if (base)
		snprintf(buf, len, "%s%+d", name, (int32_t)(x - base));
	else
		snprintf(buf, len, "%u", x);
	return buf;
}

static const char *wscale(int ws, char *buf, size_t len)
{
	if (ws < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d", ws);
	return buf;
}

static void draw_seq(struct pane_rows *o, const struct model_sock *sk)
{
	char a[24], b[24], c[24];

	pane_put(o, VA_NORMAL, "isn %s irs %s", num(sk->isn, a, sizeof(a)), num(sk->irs, b, sizeof(b)));
	pane_put(o, VA_NORMAL, "snd_una %s snd_nxt %s", rel(sk->snd_una, sk->isn, "isn", a, sizeof(a)),
	    rel(sk->snd_nxt, sk->isn, "isn", b, sizeof(b)));
	pane_put(o, VA_NORMAL, "rcv_nxt %s", rel(sk->rcv_nxt, sk->irs, "irs", c, sizeof(c)));
}

static void draw_windows(struct pane_rows *o, const struct model_sock *sk)
{
	char a[24], b[24], c[24], d[16];

	pane_put(o, VA_NORMAL, "wnd snd %s rcv %s clamp %s", num(sk->snd_wnd, a, sizeof(a)),
	    num(sk->rcv_wnd, b, sizeof(b)), num(sk->window_clamp, c, sizeof(c)));
	pane_put(o, VA_NORMAL, "wscale snd %s rcv %s", wscale(sk->snd_wscale, a, sizeof(a)),
	    wscale(sk->rcv_wscale, b, sizeof(b)));
	pane_put(o, VA_NORMAL, "mss %s adv %s clamp %s", num(sk->mss_cache, a, sizeof(a)),
	    num(sk->advmss, d, sizeof(d)), num(sk->mss_clamp, c, sizeof(c)));
}

static void draw_options(struct pane_rows *o, const struct model_sock *sk)
{
	char buf[96] = "options";

	if (!sk->options && sk->state == MODEL_TCP_SYN_SENT) {
		pane_put(o, VA_DIM, "options: asked, not agreed yet");
		return;
	}
	if (sk->options & MODEL_OPT_TS)
		strcat(buf, " TS");
	if (sk->options & MODEL_OPT_SACK)
		strcat(buf, " SACK");
	if (sk->options & MODEL_OPT_WSCALE)
		strcat(buf, " WS");
	if (sk->options & MODEL_OPT_ECN)
		strcat(buf, " ECN");
	if (!sk->options)
		strcat(buf, " none agreed");
	if (strcmp(buf, "path"))
		pane_put(o, VA_NORMAL, "%s", buf);
}

static void draw_rtt(struct pane_rows *o, const struct model_sock *sk)
{
	char a[16], b[16], c[16];

	pane_put(o, VA_NORMAL, "rto %s srtt %s cwnd %s retrans %u", num(sk->rto, a, sizeof(a)),
	    num(sk->srtt / 8, b, sizeof(b)), num(sk->snd_cwnd, c, sizeof(c)), sk->retransmits);
}

static void draw_where(struct pane_rows *o, const struct model_sock *sk)
{
	static const char *const where[] = { "unhashed", "ehash", "twchain", "listen" };

	if (sk->where == MODEL_UNHASHED)
		pane_put(o, VA_NORMAL, "unhashed  bind %u", sk->bound_port);
	else
		pane_put(o, VA_NORMAL, "hash 0x%08x %s[%u] bind %u", sk->hash,
		    where[sk->where], sk->slot, sk->bound_port);
}

/* The socket's timers, with the time left. */
static void draw_timers(struct view *v, struct pane_rows *o, const struct model_sock *sk)
{
	size_t n = model_timer_count(v->m);
	uint64_t now = model_now_jiffies(v->m);
	int shown = 0;

	for (size_t i = 0; i < n; i++) {
		const struct model_timer *t = model_timer_at(v->m, i);

		if (!t || t->owner_id != sk->id)
			continue;
		pane_put(o, VA_NORMAL, "timer %s in %lld ms", t->name,
		    (long long)(t->expires >= now ? t->expires - now : 0));
		shown++;
	}
	if (!shown)
		pane_put(o, VA_DIM, "no timer pending");
}

void pane_socket_draw(struct view *v, struct vscreen *s, const struct vrect *r)
{
	uint32_t id = v->cur_sock;
	const struct model_sock *sk = id ? model_sock_find(v->m, id) : NULL;
	struct pane_rows o = { s, r, 0, v->focus == PANE_SOCKET ? v->scroll[PANE_SOCKET] : 0, 0 };
	char a[16], b[16];

	if (!id) {
		pane_line(s, r, 0, VA_DIM, 0, "no socket yet (s selects one)");
		return;
	}
	if (!sk) {
		pane_put(&o, VA_DIM, "socket %u is gone (closed or freed)", id);
		draw_path(v, &o, id);
		return;
	}
	pane_put(&o, VA_BOLD, "%s:%u > %s:%u", addr_str(sk->saddr, a, sizeof(a)), sk->sport,
	    addr_str(sk->daddr, b, sizeof(b)), sk->dport);
	if (sk->tw) {
		uint64_t now = model_now_jiffies(v->m);

		long long left = (long long)(sk->tw_ttd > now ? sk->tw_ttd - now : 0);

		/* tw_of comes from inet_twsk_alloc or the hash dance: 0 when
		 * the trace began after them (known from a statedump only). */
		if (sk->tw_of)
			pane_put(&o, VA_NORMAL, "TIME-WAIT of sk%u, ends in %lld ms", sk->tw_of, left);
		else
			pane_put(&o, VA_NORMAL, "TIME-WAIT, ends in %lld ms", left);
	}
	draw_machine(v, &o, sk);
	draw_path(v, &o, id);
	if (sk->sk_err)
		pane_put(&o, VA_BAD, "sk_err %s", strerrorname_np(sk->sk_err) ?
		    strerrorname_np(sk->sk_err) : "?");
	draw_seq(&o, sk);
	draw_options(&o, sk);
	draw_timers(v, &o, sk);
	draw_windows(&o, sk);
	draw_where(&o, sk);
	draw_rtt(&o, sk);
}

void pane_socket_title(struct view *v, char *buf, size_t len)
{
	const struct model_sock *sk = v->cur_sock ? model_sock_find(v->m, v->cur_sock) : NULL;

	if (sk)
		snprintf(buf, len, "%s %u%s %s%s", sk->tw ? "tw" : "sk", sk->id,
			 v->sel_sock ? " (selected)" : "", state_str(sk->state),
			 v->follow ? " FOLLOW" : "");
}
