// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_fill_ladder.c - the ladder of a connect (or of the whole run) from
 * the trace: one arrow per frame that left or reached the NIC, in the
 * order the device saw them.  A sent frame is a dev_queue_xmit on the NIC
 * (ifindex 2), matched by length with the oldest ip_local_out not yet
 * sent (a SYN held by ARP leaves after the reply), whose TCP header is
 * the model's packet just before it; a received frame is a
 * netif_receive_skb on the NIC, its TCP header the tcp_v4_rcv after it,
 * its ARP content the arp_rcv after it.  Between the frames: the socket's
 * state changes, its timers and connect()'s return.
 */
#include <stdlib.h>
#include <string.h>
#include "../model/events.h"
#include "dot_export.h"
#include "dot_graph.h"

#define NIC_IFINDEX 2
#define ETH_HLEN 14

/* An IPv4 packet between ip_local_out and its dev_queue_xmit. */
struct pending {
	const struct model_packet *pkt;	/* its TCP header, NULL if not TCP */
	uint32_t daddr, tot_len, protocol;
	bool retrans;
	char note[96];
};

/* Sequence bases of one connection (the first sequence seen each way). */
struct conn {
	uint16_t lport, rport;
	uint32_t raddr;
	uint32_t our_base, peer_base;
	bool has_our, has_peer;
};

struct lfill {
	struct dot_scene *sc;
	const struct model *m;
	uint32_t sk, tw;		/* the connect's socket and its TIME-WAIT successor */
	int64_t vpid;			/* its process, -1 any */
	uint64_t t0;
	struct dot_lrow *rows;
	size_t n, cap;
	uint32_t peers[16];
	const char *peer_names[16];
	size_t npeers;
	const char *timers[8];
	size_t ntimers;
	struct pending q[32];
	size_t nq;
	struct conn conns[32];
	size_t nconns;
	const struct model_packet *last_out;	/* latest sent header not yet on IP */
	size_t rx_open;			/* the received frame waiting for its content */
	bool retrans_next;
	char retrans_note[96];
	struct { uint32_t op, sip, tip; } arp;	/* the latest arp_send */
	uint32_t saddr;
	size_t ret_index;		/* sys_connect_ret, SIZE_MAX none */
	const char *ret_note;
};

static const char *addr_str(struct lfill *f, uint32_t be)
{
	const uint8_t *b = (const uint8_t *)&be;

	return dot_arena_printf(&f->sc->arena, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

/* The peer column of @addr, created on first sight. */
static int peer_of(struct lfill *f, uint32_t addr)
{
	for (size_t i = 0; i < f->npeers; i++)
		if (f->peers[i] == addr)
			return (int)i;
	if (f->npeers == sizeof(f->peers) / sizeof(f->peers[0]))
		return (int)f->npeers - 1;
	f->peers[f->npeers] = addr;
	f->peer_names[f->npeers] = dot_arena_printf(&f->sc->arena, "peer %s", addr_str(f, addr));
	return (int)f->npeers++;
}

static struct dot_lrow *new_row(struct lfill *f, uint64_t ts)
{
	struct dot_lrow *r;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		struct dot_lrow *a = dot_arena_alloc(&f->sc->arena, cap * sizeof(*a));

		if (!a)
			return NULL;
		if (f->n)
			memcpy(a, f->rows, f->n * sizeof(*a));
		f->rows = a;
		f->cap = cap;
	}
	r = &f->rows[f->n++];
	memset(r, 0, sizeof(*r));
	r->ns = (int64_t)(ts - f->t0);
	r->peer = -1;
	r->timer = -1;
	return r;
}

static struct conn *conn_of(struct lfill *f, const struct model_packet *p, bool out)
{
	uint16_t l = out ? p->sport : p->dport, rp = out ? p->dport : p->sport;
	uint32_t ra = out ? p->daddr : p->saddr;

	for (size_t i = 0; i < f->nconns; i++)
		if (f->conns[i].lport == l && f->conns[i].rport == rp && f->conns[i].raddr == ra)
			return &f->conns[i];
	if (f->nconns == sizeof(f->conns) / sizeof(f->conns[0]))
		return NULL;
	f->conns[f->nconns] = (struct conn){ .lport = l, .rport = rp, .raddr = ra };
	return &f->conns[f->nconns++];
}

/* The label and the comment of a TCP frame. */
static void tcp_row(struct lfill *f, struct dot_lrow *r, const struct model_packet *p, bool out)
{
	struct conn *c = conn_of(f, p, out);
	uint32_t rel_seq = p->seq, rel_ack = p->ack_seq;
	char fl[40], op[96], ack[24] = "";

	/* The base: the SYN's sequence, else the first seen minus 1 (as
	 * Wireshark counts when the SYN was not seen). */
	if (c && out && !c->has_our)
		c->our_base = p->seq - !(p->flags & 0x02), c->has_our = true;
	if (c && !out && !c->has_peer)
		c->peer_base = p->seq - !(p->flags & 0x02), c->has_peer = true;
	if (c) {
		rel_seq = p->seq - (out ? c->our_base : c->peer_base);
		if (out ? c->has_peer : c->has_our)
			rel_ack = p->ack_seq - (out ? c->peer_base : c->our_base);
	}
	dot_tcp_flags(p->flags, fl, sizeof(fl));
	dot_tcp_options(p->options, p->has_options ? p->optlen : 0, op, sizeof(op));
	if (p->flags & 0x10)
		snprintf(ack, sizeof(ack), " ack %u", rel_ack);
	r->frame = dot_arena_printf(&f->sc->arena, "%u → %u [%s] seq %u%s win %u%s%s%s",
				    p->sport, p->dport, fl, rel_seq, ack, p->window,
				    *op ? " <" : "", *op ? op + 1 : "", *op ? ">" : "");
	r->raw = dot_arena_printf(&f->sc->arena, "frame tcp %s flags 0x%02x seq %u ack %u win %u",
				  out ? "out" : "in", p->flags, p->seq, p->ack_seq, p->window);
}


/* ip_local_out: the packet goes down to the device (maybe held by ARP). */
static void on_ip_out(struct lfill *f, const struct model_event *ev)
{
	struct pending *p;

	if (f->nq == sizeof(f->q) / sizeof(f->q[0]))
		memmove(f->q, f->q + 1, --f->nq * sizeof(f->q[0]));
	p = &f->q[f->nq++];
	memset(p, 0, sizeof(*p));
	p->protocol = (uint32_t)EV_U(ev, ip_local_out, protocol);
	p->tot_len = (uint32_t)EV_U(ev, ip_local_out, tot_len);
	p->daddr = EV_ADDR(ev, ip_local_out, daddr);
	if (!f->saddr)
		f->saddr = EV_ADDR(ev, ip_local_out, saddr);
	if (p->protocol == 6 && f->last_out) {
		p->pkt = f->last_out;
		p->retrans = f->retrans_next;
		snprintf(p->note, sizeof(p->note), "%s", f->retrans_next ? f->retrans_note : "");
		f->retrans_next = false;
		f->retrans_note[0] = 0;
	}
	f->last_out = NULL;
}

/* The oldest pending packet of frame length @len, removed from the queue. */
static bool pop_pending(struct lfill *f, uint32_t len, struct pending *out)
{
	for (size_t i = 0; i < f->nq; i++) {
		if (f->q[i].tot_len + ETH_HLEN != len)
			continue;
		*out = f->q[i];
		memmove(f->q + i, f->q + i + 1, (f->nq - i - 1) * sizeof(f->q[0]));
		f->nq--;
		return true;
	}
	return false;
}

static bool mine(const struct lfill *f, uint32_t sk)
{
	return !f->sk || !sk || sk == f->sk || (f->tw && sk == f->tw);
}

/* dev_queue_xmit: a frame leaves; on the NIC it is an arrow. */
static int on_tx(struct lfill *f, const struct model_event *ev)
{
	uint32_t len = (uint32_t)EV_U(ev, dev_queue_xmit, len);
	uint32_t proto = (uint32_t)EV_U(ev, dev_queue_xmit, protocol);
	bool nic = EV_U(ev, dev_queue_xmit, ifindex) == NIC_IFINDEX;
	struct pending p = { 0 };
	bool found = proto == 0x800 && pop_pending(f, len, &p);
	struct dot_lrow *r;

	if (!nic || (found && p.pkt && !mine(f, p.pkt->sk_id)))
		return 0;
	r = new_row(f, ev->ts_ns);
	if (!r)
		return -1;
	r->out = true;
	if (proto == 0x806) {
		r->arp = true;
		r->peer = peer_of(f, f->arp.tip);
		r->frame = dot_arena_printf(&f->sc->arena, "ARP %s %s? tell %s",
					    f->arp.op == 2 ? "reply" : "who-has", addr_str(f, f->arp.tip),
					    addr_str(f, f->arp.sip));
		r->raw = dot_arena_printf(&f->sc->arena, "frame arp out op %u", f->arp.op);
		return r->frame && r->raw ? 0 : -1;
	}
	if (found && p.pkt) {
		r->peer = peer_of(f, p.daddr);
		r->retrans = p.retrans;
		r->note = *p.note ? dot_arena_printf(&f->sc->arena, "%s", p.note) : NULL;
		tcp_row(f, r, p.pkt, true);
		return r->frame ? 0 : -1;
	}
	r->peer = found ? peer_of(f, p.daddr) : -1;
	r->frame = dot_arena_printf(&f->sc->arena, "%s, %u bytes", proto == 0x800
				    ? (p.protocol == 1 ? "ICMP" : "IPv4") : "frame", len);
	r->raw = dot_arena_printf(&f->sc->arena, "frame other out proto 0x%x", proto);
	return r->frame ? 0 : -1;
}

/* netif_receive_skb: a frame arrives; its content comes with the next events. */
static int on_rx(struct lfill *f, const struct model_event *ev)
{
	uint32_t proto = (uint32_t)EV_U(ev, netif_receive_skb, protocol);
	struct dot_lrow *r;

	if (EV_U(ev, netif_receive_skb, ifindex) != NIC_IFINDEX)
		return 0;
	r = new_row(f, ev->ts_ns);
	if (!r)
		return -1;
	r->arp = proto == 0x806;
	r->frame = dot_arena_printf(&f->sc->arena, "%s, %llu bytes", r->arp ? "ARP" : "IPv4",
				    (unsigned long long)EV_U(ev, netif_receive_skb, len));
	r->raw = dot_arena_printf(&f->sc->arena, "frame %s in", r->arp ? "arp" : "other");
	f->rx_open = f->n - 1;
	return r->frame ? 0 : -1;
}

static void on_arp_rcv(struct lfill *f, const struct model_event *ev)
{
	struct dot_lrow *r = f->rx_open != SIZE_MAX ? &f->rows[f->rx_open] : NULL;
	uint32_t sip = EV_ADDR(ev, arp_rcv, sip), tip = EV_ADDR(ev, arp_rcv, tip);
	uint64_t op = EV_U(ev, arp_rcv, op);
	size_t hl;
	const uint8_t *ha = EV_BYTES(ev, arp_rcv, sha, &hl);

	if (!r || !r->arp)
		return;
	r->peer = peer_of(f, sip);
	r->frame = op == 2 && ha && hl == 6
		? dot_arena_printf(&f->sc->arena, "ARP reply %s is-at %02x:%02x:%02x:%02x:%02x:%02x",
				   addr_str(f, sip), ha[0], ha[1], ha[2], ha[3], ha[4], ha[5])
		: dot_arena_printf(&f->sc->arena, "ARP who-has %s? tell %s", addr_str(f, tip),
				   addr_str(f, sip));
	r->raw = dot_arena_printf(&f->sc->arena, "frame arp in op %llu", (unsigned long long)op);
	f->rx_open = SIZE_MAX;
}

static void on_tcp_in(struct lfill *f, const struct model_packet *p)
{
	struct dot_lrow *r = f->rx_open != SIZE_MAX ? &f->rows[f->rx_open] : NULL;

	if (!r || r->arp)
		return;
	f->rx_open = SIZE_MAX;
	if (!mine(f, p->sk_id)) {
		r->frame = NULL;	/* another socket's frame: dropped at the end */
		return;
	}
	r->peer = peer_of(f, p->saddr);
	tcp_row(f, r, p, false);
}

static int timer_col(struct lfill *f, const char *name)
{
	for (size_t i = 0; i < f->ntimers; i++)
		if (strcmp(f->timers[i], name) == 0)
			return (int)i;
	if (f->ntimers == sizeof(f->timers) / sizeof(f->timers[0]))
		return -1;
	f->timers[f->ntimers] = dot_arena_printf(&f->sc->arena, "%s", name);
	return f->timers[f->ntimers] ? (int)f->ntimers++ : -1;
}

/* timer_armed / _fired / _cancelled of the connect's socket (or of no socket:
 * the neighbour's ARP timer) as the start or end of an interval. */
static int on_timer(struct lfill *f, const struct model_event *ev, enum dot_tmark mark)
{
	const char *name = EV_STR(ev, timer_event, name);
	uint32_t owner = (uint32_t)EV_U(ev, timer_event, owner_id);
	struct dot_lrow *r;
	int col;

	if (!name || !mine(f, owner) || (col = timer_col(f, name)) < 0)
		return 0;
	r = new_row(f, ev->ts_ns);
	if (!r)
		return -1;
	r->timer = col;
	r->tmark = mark;
	r->tlabel = mark == DOT_T_ARM
		? dot_arena_printf(&f->sc->arena, "%s +%lld ms", name,
				   (long long)EV_I(ev, timer_armed, delta))
		: dot_arena_printf(&f->sc->arena, "%s %s", name,
				   mark == DOT_T_FIRE ? "fired" : "cancelled");
	return r->tlabel ? 0 : -1;
}

static int note_row(struct lfill *f, uint64_t ts, const char *note)
{
	struct dot_lrow *r = note ? new_row(f, ts) : NULL;

	if (!r)
		return -1;
	r->note = note;
	return 0;
}

/* The transitions of the connect's socket recorded at event @index. */
static int on_transitions(struct lfill *f, size_t index, uint64_t ts, size_t *ti)
{
	size_t nt = model_transition_count(f->m);

	for (; *ti < nt; ++*ti) {
		const struct model_transition *t = model_transition_at(f->m, *ti);

		if (t->index > index)
			break;
		if (t->index < index || !mine(f, t->sk_id) || !t->sk_id)
			continue;
		if (note_row(f, ts, dot_arena_printf(&f->sc->arena, "sk %u %s → %s", t->sk_id,
						     model_state_name(t->from), model_state_name(t->to))))
			return -1;
		f->rows[f->n - 1].state = model_state_name(t->to);
	}
	return 0;
}

/* The socket's retransmission: the timer's RTO and backoff, then the segment. */
static void on_retransmit(struct lfill *f, const struct model_event *ev, bool timer)
{
	if (!mine(f, (uint32_t)EV_U(ev, retransmit, sk_id)))
		return;
	if (timer) {
		snprintf(f->retrans_note, sizeof(f->retrans_note),
			 "retransmission %llu: RTO %llu ms expired, backoff %llu",
			 (unsigned long long)EV_U(ev, tcp_retransmit_timer, retransmits) + 1,
			 (unsigned long long)EV_U(ev, tcp_retransmit_timer, rto),
			 (unsigned long long)EV_U(ev, tcp_retransmit_timer, backoff));
		return;
	}
	if (!f->retrans_note[0])
		snprintf(f->retrans_note, sizeof(f->retrans_note), "retransmission");
	f->retrans_next = true;
}

/* One event of the window: what it adds to the ladder. */
static int on_event(struct lfill *f, const struct model_event *ev)
{
	const char *n = ev->name;

	if (!strcmp(n, MODEL_E_ip_local_out))
		on_ip_out(f, ev);
	else if (!strcmp(n, MODEL_E_dev_queue_xmit))
		return on_tx(f, ev);
	else if (!strcmp(n, MODEL_E_netif_receive_skb))
		return on_rx(f, ev);
	else if (!strcmp(n, MODEL_E_arp_send)) {
		f->arp.op = (uint32_t)EV_U(ev, arp_send, op);
		f->arp.sip = EV_ADDR(ev, arp_send, sip);
		f->arp.tip = EV_ADDR(ev, arp_send, tip);
	} else if (!strcmp(n, MODEL_E_arp_rcv))
		on_arp_rcv(f, ev);
	else if (!strcmp(n, MODEL_E_tcp_retransmit_timer) || !strcmp(n, MODEL_E_tcp_retransmit_skb))
		on_retransmit(f, ev, !strcmp(n, MODEL_E_tcp_retransmit_timer));
	else if (!strcmp(n, MODEL_E_tcp_write_timeout) &&
		 mine(f, (uint32_t)EV_U(ev, tcp_write_timeout, sk_id)))
		return note_row(f, ev->ts_ns, dot_arena_printf(&f->sc->arena,
				"tcp_write_timeout: %llu of %llu retries, %llu ms: dead = %lld",
				(unsigned long long)EV_U(ev, tcp_write_timeout, retransmits),
				(unsigned long long)EV_U(ev, tcp_write_timeout, retry_until),
				(unsigned long long)EV_U(ev, tcp_write_timeout, elapsed),
				(long long)EV_I(ev, tcp_write_timeout, dead)));
	else if (!strcmp(n, MODEL_E_timer_armed))
		return on_timer(f, ev, DOT_T_ARM);
	else if (!strcmp(n, MODEL_E_timer_fired))
		return on_timer(f, ev, DOT_T_FIRE);
	else if (!strcmp(n, MODEL_E_timer_cancelled))
		return on_timer(f, ev, DOT_T_CANCEL);
	return 0;
}

static int by_index(const void *a, const void *b)
{
	const struct model_packet *x = *(const struct model_packet *const *)a;
	const struct model_packet *y = *(const struct model_packet *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/* The model's packets whose header event lies in [from, to), by index. */
static const struct model_packet **packets_in(struct lfill *f, size_t from, size_t to, size_t *np)
{
	size_t n = model_packet_count(f->m), k = 0;
	const struct model_packet **a = dot_arena_alloc(&f->sc->arena, (n + 1) * sizeof(*a));

	for (size_t i = 0; a && i < n; i++) {
		const struct model_packet *p = model_packet_at(f->m, i);

		if (p && p->index >= from && p->index < to)
			a[k++] = p;
	}
	if (a)
		qsort(a, k, sizeof(*a), by_index);
	*np = k;
	return a;
}

/* A packet header event: the sent one waits for ip_local_out, the
 * received one fills the frame that netif_receive_skb opened. */
static void on_packet(struct lfill *f, const struct model_packet *p)
{
	if (p->kind == MODEL_PKT_TCP_IN)
		on_tcp_in(f, p);
	else
		f->last_out = p;
}

static int walk(struct lfill *f, size_t from, size_t to)
{
	size_t np, pi = 0, ti = 0;
	const struct model_packet **pk = packets_in(f, from, to, &np);
	struct model_event ev;
	int rc = pk ? 0 : -1;

	model_event_init(&ev);
	for (size_t i = from; i < to && !rc; i++) {
		if (model_event_get(f->m, i, &ev)) {
			rc = -1;
			break;
		}
		if (f->vpid >= 0 && ev.vpid >= 0 && ev.vpid != f->vpid)
			continue;
		if (!f->n)
			f->t0 = ev.ts_ns;
		rc = on_event(f, &ev);
		for (; !rc && pi < np && pk[pi]->index <= i; pi++)
			if (pk[pi]->index == i)
				on_packet(f, pk[pi]);
		if (!rc)
			rc = on_transitions(f, i, ev.ts_ns, &ti);
		if (!rc && i == f->ret_index)
			rc = note_row(f, ev.ts_ns, f->ret_note);
	}
	model_event_release(&ev);
	return rc;
}

static int64_t vpid_of(const struct model *m, size_t index)
{
	struct model_event ev;
	int64_t v = -1;

	model_event_init(&ev);
	if (model_event_get(m, index, &ev) == 0)
		v = ev.vpid;
	model_event_release(&ev);
	return v;
}

/* The connect's events: from its sys_connect to the next connect of its
 * process (the socket's later frames, its close, belong to it). */
static size_t window_end(const struct lfill *f, const struct model_calltree *t, size_t cursor)
{
	size_t nt = model_calltree_count(f->m), end = cursor;

	for (size_t i = 0; i < nt; i++) {
		const struct model_calltree *u = model_calltree_at(f->m, i);

		if (u && u->is_connect && u->first_index > t->first_index && u->first_index < end &&
		    (f->vpid < 0 || vpid_of(f->m, u->first_index) == f->vpid))
			end = u->first_index;
	}
	return end;
}

static void connect_return(struct lfill *f, const struct model_calltree *t)
{
	const struct model_call *root = model_call_at(f->m, t->root);
	struct model_event ev;
	const char *l = NULL;

	f->ret_index = root && root->exit_index != MODEL_NONE ? root->exit_index : SIZE_MAX;
	if (f->ret_index == SIZE_MAX)
		return;
	model_event_init(&ev);
	if (model_event_get(f->m, f->ret_index, &ev) == 0)
		l = EV_LABEL(&ev, sys_connect_ret, ret);
	f->ret_note = dot_arena_printf(&f->sc->arena, "connect() returns %lld%s%s",
				       (long long)root->ret, l ? " " : "", l ? l : "");
	model_event_release(&ev);
}

/* Drop the rows left empty (another socket's received frame). */
static void compact(struct lfill *f)
{
	size_t k = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct dot_lrow *r = &f->rows[i];

		if (!r->frame && !r->note && r->timer < 0)
			continue;
		if (r->frame && r->peer < 0)
			r->peer = peer_of(f, 0);
		f->rows[k++] = *r;
	}
	f->n = k;
}

static const char **names_copy(struct dot_scene *sc, const char *const *a, size_t n)
{
	const char **c = dot_arena_alloc(&sc->arena, sizeof(*c) * (n + 1));

	if (c && n)
		memcpy(c, a, n * sizeof(*c));
	return c;
}

int dot_fill_ladder(struct dot_scene *sc, struct model *m, const struct model_calltree *t,
		    size_t cursor)
{
	struct lfill *f = calloc(1, sizeof(*f));
	struct dot_ladder_view *v = &sc->ladder;
	size_t from = 0, to = cursor;
	int rc;

	if (!f)
		return -1;
	*f = (struct lfill){ .sc = sc, .m = m, .vpid = -1, .rx_open = SIZE_MAX,
			     .ret_index = SIZE_MAX };
	if (t) {
		const struct model_sock *s = model_sock_find(m, t->sk_id);

		f->sk = t->sk_id;
		f->tw = s ? s->tw_sock : 0;
		f->vpid = vpid_of(m, t->first_index);
		from = t->first_index;
		to = window_end(f, t, cursor);
		connect_return(f, t);
	}
	rc = walk(f, from, to);
	if (!rc) {
		compact(f);
		*v = (struct dot_ladder_view){ .rows = f->rows, .n = f->n, .npeers = f->npeers,
			.ntimers = f->ntimers, .peers = names_copy(sc, f->peer_names, f->npeers),
			.timers = names_copy(sc, f->timers, f->ntimers) };
		v->stack = f->saddr ? dot_arena_printf(&sc->arena, "connscope %s",
						       addr_str(f, f->saddr)) : "connscope";
		v->caption = t ? dot_arena_printf(&sc->arena, "frames of sk %u's connect, events %zu..%zu",
						  t->sk_id, from, to ? to - 1 : 0)
			       : dot_arena_printf(&sc->arena, "frames of the run, events 0..%zu",
						  to ? to - 1 : 0);
		rc = v->peers && v->timers && v->stack && v->caption ? 0 : -1;
	}
	free(f);
	return rc;
}
