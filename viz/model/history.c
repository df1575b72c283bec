// SPDX-License-Identifier: GPL-2.0-only
/*
 * history.c - what the trace shows over time, kept for every stored event
 * whatever the replay cursor: the call trees (NAME / NAME_ret pairs and
 * leaf events, per thread), the packets sent and received (the TCP header
 * events, with the IP header and option events around them on the same
 * thread), and the TCP state transitions.
 */
#include <stdlib.h>
#include <string.h>
#include "events.h"
#include "model_int.h"

void history_init(struct history *h)
{
	memset(h, 0, sizeof(*h));
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->nth; i++)
		free(h->th[i].stack);
	free(h->th);
	free(h->pk);
	free(h->calls);
	free(h->last_child);
	free(h->ev_node);
	free(h->trees);
	free(h->tr);
	memset(h, 0, sizeof(*h));
}

/* Thread @vtid's process-context (@soft false) or softirq-context events. */
static struct hthread *hthread_find(struct history *h, int64_t vtid, bool soft)
{
	for (size_t i = 0; i < h->nth; i++)
		if (h->th[i].vtid == vtid && h->th[i].soft == soft)
			return &h->th[i];
	return NULL;
}

static struct hthread *hthread_get(struct history *h, int64_t vtid, bool soft)
{
	struct hthread *t = hthread_find(h, vtid, soft);

	if (t || grow((void **)&h->th, &h->cth, h->nth, sizeof(*h->th)))
		return t;
	memset(&h->th[h->nth], 0, sizeof(*h->th));
	h->th[h->nth].vtid = vtid;
	h->th[h->nth].soft = soft;
	h->th[h->nth].tree = MODEL_NONE;
	h->th[h->nth].pkt_out = MODEL_NONE;
	h->th[h->nth].pkt_in = MODEL_NONE;
	return &h->th[h->nth++];
}

/* ---- call trees ---- */

static size_t call_new(struct history *h, struct hthread *t, const char *name,
		       const struct model_event *ev, size_t index, bool leaf)
{
	size_t parent = t->depth ? t->stack[t->depth - 1] : MODEL_NONE;
	size_t cap = h->ccalls, node = h->ncalls;
	struct model_call *c;

	if (grow((void **)&h->calls, &h->ccalls, h->ncalls, sizeof(*h->calls)))
		return MODEL_NONE;
	if (h->ccalls != cap || !h->last_child) {
		size_t *lc = realloc(h->last_child, h->ccalls * sizeof(*lc));

		if (!lc)
			return MODEL_NONE;
		h->last_child = lc;
	}
	c = &h->calls[h->ncalls++];
	*c = (struct model_call){
		.name = name, .enter_index = index, .exit_index = leaf ? index : MODEL_NONE,
		.enter_ns = ev->ts_ns, .exit_ns = ev->ts_ns, .leaf = leaf,
		.depth = parent == MODEL_NONE ? 0 : h->calls[parent].depth + 1,
		.parent = parent, .first_child = MODEL_NONE, .next_sibling = MODEL_NONE,
		.softirq = ev->softirq,
	};
	h->last_child[node] = MODEL_NONE;
	if (parent != MODEL_NONE) {
		if (h->last_child[parent] == MODEL_NONE)
			h->calls[parent].first_child = node;
		else
			h->calls[h->last_child[parent]].next_sibling = node;
		h->last_child[parent] = node;
	}
	return node;
}

static int tree_new(struct history *h, struct hthread *t, size_t root, const char *name,
		    const struct model_event *ev, size_t index)
{
	if (grow((void **)&h->trees, &h->ctrees, h->ntrees, sizeof(*h->trees)))
		return -1;
	h->trees[h->ntrees] = (struct model_calltree){
		.root = root, .vtid = t->vtid, .is_connect = !strcmp(name, MODEL_E_sys_connect),
		.first_index = index, .last_index = index, .attached_to = MODEL_NONE,
		.decided_by = MODEL_NONE,
		.softirq = ev->softirq >= 0 ? ev->softirq == 1 : strncmp(name, "sys_", 4) != 0,
	};
	t->tree = h->ntrees++;
	return 0;
}

/* The deepest call of tree @root open at event @index: where work that
 * another thread did at that time belongs. */
static size_t open_at(const struct history *h, size_t node, size_t index)
{
	for (size_t c = h->calls[node].first_child; c != MODEL_NONE;) {
		const struct model_call *k = &h->calls[c];

		if (!k->leaf && k->enter_index <= index &&
		    (k->exit_index == MODEL_NONE || k->exit_index >= index)) {
			node = c;
			c = k->first_child;
		} else {
			c = k->next_sibling;
		}
	}
	return node;
}

static void shift_depth(struct history *h, size_t node, int by)
{
	h->calls[node].depth += by;
	for (size_t c = h->calls[node].first_child; c != MODEL_NONE; c = h->calls[c].next_sibling)
		shift_depth(h, c, by);
}

/* Put @root under @parent, among its children in time order. */
static void graft(struct history *h, size_t parent, size_t root)
{
	struct model_call *r = &h->calls[root];
	size_t *link = &h->calls[parent].first_child;

	while (*link != MODEL_NONE && h->calls[*link].enter_index < r->enter_index)
		link = &h->calls[*link].next_sibling;
	r->next_sibling = *link;
	*link = root;
	if (r->next_sibling == MODEL_NONE)
		h->last_child[parent] = root;
	r->parent = parent;
	r->attached = true;
	shift_depth(h, root, h->calls[parent].depth + 1);
}

/* How many trees begun before a softirq tree are searched for its connect. */
#define ATTACH_LOOKBACK 256

/* Does a call named @name end a connect's SYN_SENT? */
static bool ends_connect(const char *name)
{
	static const char *const ends[] = { MODEL_E_tcp_finish_connect, MODEL_E_tcp_reset, MODEL_E_tcp_write_err,
					    MODEL_E_tcp_done };

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (!strcmp(name, ends[i]))
			return true;
	return false;
}

/* Does the call @node (or one below it) end a connect's SYN_SENT? */
static bool decides(const struct history *h, size_t node)
{
	if (ends_connect(h->calls[node].name))
		return true;
	for (size_t c = h->calls[node].first_child; c != MODEL_NONE; c = h->calls[c].next_sibling)
		if (decides(h, c))
			return true;
	return false;
}

/* The connect a softirq tree belongs to: the latest connect of its socket
 * begun before it, if that connect was running when the tree started (on
 * another thread, or on this one when the tree interrupted it), or returned
 * EINPROGRESS and is not decided yet.  Attaches it there; false if none. */
static bool attach_connect(struct history *h, size_t tree)
{
	struct model_calltree *tr = &h->trees[tree];
	size_t at = h->calls[tr->root].enter_index, before = 0;

	if (!tr->sk_id)
		return false;
	/* trees that began before it are looked at, up to a bound */
	for (size_t i = tree; i-- > 0 && before < ATTACH_LOOKBACK;) {
		struct model_calltree *c = &h->trees[i];
		const struct model_call *root = &h->calls[c->root];
		bool running;

		if (c->first_index > at)
			continue;
		before++;
		if (!c->is_connect || c->sk_id != tr->sk_id)
			continue;
		running = root->exit_index == MODEL_NONE || root->exit_index >= at;
		if (!running && (c->decided_by != MODEL_NONE || !root->has_ret || root->ret != -115))
			return false;
		graft(h, running ? open_at(h, c->root, at) : c->root, tr->root);
		tr->attached_to = i;
		if (c->decided_by == MODEL_NONE && decides(h, tr->root))
			c->decided_by = tree;
		return true;
	}
	return false;
}

/* A softirq tree ended (a timer's run: started): part of the connect of
 * its socket (the SYN-ACK, a RST, the retransmit timer...), else nested in
 * the call its thread was in (a busy poll, release_sock), as the kernel's
 * interrupt frame on the task's stack. */
static void attach_softirq(struct history *h, size_t tree)
{
	struct model_calltree *tr = &h->trees[tree];
	const struct hthread *p;

	if (!tr->softirq || tr->is_connect || tr->attached_to != MODEL_NONE ||
	    attach_connect(h, tree))
		return;
	p = hthread_find(h, tr->vtid, false);
	if (!p || !p->depth || p->tree == MODEL_NONE)
		return;
	graft(h, p->stack[p->depth - 1], tr->root);
	tr->attached_to = p->tree;
}

/* Close the innermost open call named @base (and any left open inside it). */
static size_t call_close(struct history *h, struct hthread *t, const char *base,
			 const struct model_event *ev, size_t index)
{
	size_t d = t->depth, target;

	while (d > 0 && strcmp(h->calls[t->stack[d - 1]].name, base))
		d--;
	if (!d)
		return MODEL_NONE;
	target = t->stack[d - 1];
	while (t->depth > d - 1) {
		struct model_call *c = &h->calls[t->stack[--t->depth]];

		c->exit_index = index;
		c->exit_ns = ev->ts_ns;
	}
	h->calls[target].has_ret = EV_OPT_HAS(ev, ret);
	h->calls[target].ret = EV_OPT_I(ev, ret, 0);
	return target;
}

/* A timer's function has no entry/return pair: the timer_fired of a
 * thread serving softirq work opens a call that holds what follows, until
 * the next timer, the next frame (netif_receive_skb) or the end of the
 * softirq work (softirq_end). */
static bool timer_ends(const struct hthread *t, const struct model_event *ev)
{
	return t->in_timer && t->depth == 1 &&
	       (!strcmp(ev->name, MODEL_E_timer_fired) || !strcmp(ev->name, MODEL_E_netif_receive_skb));
}

/* Close every call open on @t at its latest event, and end its tree. */
static void calls_end(struct history *h, struct hthread *t)
{
	while (t->depth) {
		struct model_call *c = &h->calls[t->stack[--t->depth]];

		c->exit_index = t->last_index;
		c->exit_ns = t->last_ns;
	}
	t->in_timer = false;
	if (t->tree != MODEL_NONE)
		attach_softirq(h, t->tree);
	t->tree = MODEL_NONE;
}

/* An event of thread @vtid in process context: the softirq work it was
 * serving is over (__do_softirq returned), whatever of it is still open. */
static void softirq_end(struct history *h, int64_t vtid)
{
	struct hthread *s = hthread_find(h, vtid, true);

	if (s && (s->depth || s->tree != MODEL_NONE))
		calls_end(h, s);
}

static int calls_add(struct history *h, struct hthread *t, struct store *names,
		     const struct model_event *ev, size_t index)
{
	const struct model_rule *r = model_rule_find(ev->name);
	enum model_call_role role = r ? r->role : MODEL_CALL_LEAF;
	size_t node = MODEL_NONE, len = strlen(ev->name);
	const char *name;

	if (timer_ends(t, ev))
		calls_end(h, t);
	if (!t->depth && ev->softirq == 1 && !strcmp(ev->name, MODEL_E_timer_fired)) {
		role = MODEL_CALL_ENTER;
		t->in_timer = true;
	}
	t->last_index = index;
	t->last_ns = ev->ts_ns;
	if (role == MODEL_CALL_EXIT) {
		char base[128];

		snprintf(base, sizeof(base), "%.*s", (int)(len - 4), ev->name);
		node = call_close(h, t, base, ev, index);
	} else if (role == MODEL_CALL_ENTER || t->depth) {
		name = store_intern(names, ev->name);
		if (!name)
			return -1;
		if (!t->depth && tree_new(h, t, h->ncalls, name, ev, index))
			return -1;
		node = call_new(h, t, name, ev, index, role != MODEL_CALL_ENTER);
		if (node == MODEL_NONE)
			return -1;
		if (role == MODEL_CALL_ENTER) {
			if (grow((void **)&t->stack, &t->cap, t->depth, sizeof(*t->stack)))
				return -1;
			t->stack[t->depth++] = node;
		}
	}
	h->ev_node[index] = node;
	if (node != MODEL_NONE && t->tree != MODEL_NONE) {
		struct model_calltree *tr = &h->trees[t->tree];
		uint64_t id = EV_OPT_U(ev, sk_id, 0);

		tr->last_index = index;
		if (!tr->sk_id && id)
			tr->sk_id = (uint32_t)id;
		/* a timer's run is attached when it starts (its owner is
		 * known), and decides its connect as it goes */
		if (t->in_timer && tr->root == node) {
			tr->sk_id = (uint32_t)EV_OPT_U(ev, owner_id, 0);
			attach_softirq(h, t->tree);
		}
		if (tr->attached_to != MODEL_NONE && ends_connect(ev->name) &&
		    h->trees[tr->attached_to].is_connect &&
		    h->trees[tr->attached_to].sk_id == tr->sk_id &&
		    h->trees[tr->attached_to].decided_by == MODEL_NONE)
			h->trees[tr->attached_to].decided_by = t->tree;
		if (!t->depth) {
			attach_softirq(h, t->tree);
			t->tree = MODEL_NONE;
		}
	}
	return 0;
}

/* ---- packets ---- */

static struct model_packet *packet_new(struct history *h, enum model_packet_kind kind,
				       const struct model_event *ev, size_t index)
{
	struct model_packet *p;

	if (grow((void **)&h->pk, &h->cpk, h->npk, sizeof(*h->pk)))
		return NULL;
	p = &h->pk[h->npk++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->index = index;
	p->ts_ns = ev->ts_ns;
	p->protocol = 6;
	return p;
}

static void tcp_fields(struct model_packet *p, const struct model_event *ev)
{
	p->sport = (uint16_t)EV_OPT_U(ev, sport, 0);
	p->dport = (uint16_t)EV_OPT_U(ev, dport, 0);
	p->seq = (uint32_t)EV_OPT_U(ev, seq, 0);
	p->ack_seq = (uint32_t)EV_OPT_U(ev, ack_seq, 0);
	p->doff = (uint8_t)EV_OPT_U(ev, doff, 5);
	p->flags = (uint8_t)EV_OPT_U(ev, flags, 0);
	p->window = (uint16_t)EV_OPT_U(ev, window, 0);
	p->check = (uint16_t)EV_OPT_U(ev, check, 0);
	p->urg_ptr = (uint16_t)EV_OPT_U(ev, urg_ptr, 0);
	p->len = (uint32_t)EV_OPT_U(ev, len, (uint64_t)p->doff * 4);
}

static void ip_fields(struct model_packet *p, const struct model_event *ev)
{
	p->has_ip = true;
	p->tos = (uint8_t)EV_U(ev, ip_hdr, tos);
	p->ttl = (uint8_t)EV_U(ev, ip_hdr, ttl);
	p->protocol = (uint8_t)EV_U_OR(ev, ip_hdr, protocol, 6);
	p->tot_len = (uint16_t)EV_U(ev, ip_hdr, tot_len);
	p->ip_id = (uint16_t)EV_U(ev, ip_hdr, id);
	p->frag_off = (uint16_t)EV_U(ev, ip_hdr, frag_off);
	p->ip_check = (uint16_t)EV_U(ev, ip_hdr, check);
	p->saddr = EV_ADDR(ev, ip_hdr, saddr);
	p->daddr = EV_ADDR(ev, ip_hdr, daddr);
}

static void put_be32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static int packet_out(struct history *h, struct hthread *t, const struct model_event *ev,
		      size_t index)
{
	struct model_packet *p = packet_new(h, MODEL_PKT_TCP_OUT, ev, index);

	if (!p)
		return -1;
	tcp_fields(p, ev);
	p->sk_id = (uint32_t)EV_U(ev, tcp_transmit_skb_hdr, sk_id);
	if (t->opts_valid && t->opts_sk == p->sk_id) {
		memcpy(p->options, t->opts, t->optlen);
		p->optlen = t->optlen;
		p->has_options = true;
	} else if (p->doff <= 5) {
		p->has_options = true;
	}
	t->opts_valid = false;
	t->pkt_out = h->npk - 1;
	return 0;
}

/* RST and TIME-WAIT ACK: built from a received segment, no socket. */
static int packet_reply(struct history *h, struct hthread *t, const struct model_event *ev,
			size_t index, bool rst)
{
	struct model_packet *p;
	const char *verdict = rst ? EV_LABEL(ev, tcp_v4_send_reset, verdict) : NULL;
	uint64_t tsecr = rst ? 0 : EV_U(ev, tcp_v4_send_ack, tsecr);

	if (rst && strcmp(verdict ? verdict : "", "SENT"))
		return 0;
	p = packet_new(h, rst ? MODEL_PKT_RST_OUT : MODEL_PKT_ACK_OUT, ev, index);
	if (!p)
		return -1;
	tcp_fields(p, ev);
	p->sk_id = rst ? (uint32_t)EV_U(ev, tcp_v4_send_reset, sk_id) : 0;
	p->saddr = EV_ADDR(ev, reply, saddr);
	p->daddr = EV_ADDR(ev, reply, daddr);
	p->has_options = true;
	if (!rst) {
		p->flags = 0x10;
		if (tsecr) {
			/* tcp_v4_send_ack: NOP, NOP, TIMESTAMP */
			static const uint8_t ts_hdr[4] = { 1, 1, 8, 10 };

			memcpy(p->options, ts_hdr, 4);
			put_be32(p->options + 4, (uint32_t)EV_U(ev, tcp_v4_send_ack, tsval));
			put_be32(p->options + 8, (uint32_t)tsecr);
			p->optlen = 12;
		}
		p->doff = (uint8_t)(5 + p->optlen / 4);
	}
	p->len = (uint32_t)p->doff * 4;
	t->pkt_out = h->npk - 1;
	return 0;
}

static int packet_in(struct history *h, struct hthread *t, const struct model_event *ev,
		     size_t index)
{
	struct model_packet *p = packet_new(h, MODEL_PKT_TCP_IN, ev, index);
	size_t olen;
	const uint8_t *o = EV_OPT_BYTES(ev, options, &olen);

	if (!p)
		return -1;
	tcp_fields(p, ev);
	p->saddr = EV_OPT_ADDR(ev, saddr);
	p->daddr = EV_OPT_ADDR(ev, daddr);
	if (t->ip_valid && t->ip.saddr == p->saddr && t->ip.daddr == p->daddr) {
		p->has_ip = true;
		p->tos = t->ip.tos;
		p->ttl = t->ip.ttl;
		p->tot_len = t->ip.tot_len;
		p->ip_id = t->ip.ip_id;
		p->frag_off = t->ip.frag_off;
		p->ip_check = t->ip.ip_check;
	}
	t->ip_valid = false;
	if (o && olen <= sizeof(p->options)) {
		memcpy(p->options, o, olen);
		p->optlen = (uint8_t)olen;
		p->has_options = true;
	} else if (p->doff <= 5) {
		p->has_options = true;
	}
	t->pkt_in = h->npk - 1;
	return 0;
}

static int packets_add(struct history *h, struct hthread *t, const struct model_event *ev,
		       size_t index)
{
	const char *n = ev->name;

	if (!strcmp(n, MODEL_E_tcp_options_write)) {
		size_t len;
		const uint8_t *b = EV_BYTES(ev, tcp_options_write, options, &len);

		t->opts_valid = b && len <= sizeof(t->opts);
		if (t->opts_valid) {
			memcpy(t->opts, b, len);
			t->optlen = (uint8_t)len;
			t->opts_sk = (uint32_t)EV_U(ev, tcp_options_write, sk_id);
		}
	} else if (!strcmp(n, MODEL_E_tcp_transmit_skb_hdr)) {
		return packet_out(h, t, ev, index);
	} else if (!strcmp(n, MODEL_E_tcp_v4_send_reset) || !strcmp(n, MODEL_E_tcp_v4_send_ack)) {
		return packet_reply(h, t, ev, index, !strcmp(n, MODEL_E_tcp_v4_send_reset));
	} else if (!strcmp(n, MODEL_E_ip_local_out)) {
		if (t->pkt_out != MODEL_NONE && EV_U_OR(ev, ip_local_out, protocol, 6) == 6)
			ip_fields(&h->pk[t->pkt_out], ev);
		t->pkt_out = MODEL_NONE;
	} else if (!strcmp(n, MODEL_E_ip_rcv)) {
		t->ip_valid = EV_U(ev, ip_rcv, protocol) == 6;
		if (t->ip_valid)
			ip_fields(&t->ip, ev);
	} else if (!strcmp(n, MODEL_E_tcp_v4_rcv)) {
		return packet_in(h, t, ev, index);
	} else if (!strcmp(n, MODEL_E_tcp_timewait_state_process) && t->pkt_in != MODEL_NONE) {
		h->pk[t->pkt_in].sk_id = (uint32_t)EV_U(ev, tcp_timewait_state_process, tw_id);
	} else if (!strcmp(n, MODEL_E_tcp_v4_rcv_ret) && t->pkt_in != MODEL_NONE) {
		uint64_t id = EV_U(ev, tcp_v4_rcv_ret, sk_id);

		/* sk_id 0: no full socket (a TIME-WAIT sock named itself above) */
		if (id)
			h->pk[t->pkt_in].sk_id = (uint32_t)id;
		t->pkt_in = MODEL_NONE;
	}
	return 0;
}

/* ---- transitions ---- */

/* The state of @sk_id after its latest transition, 0 if none. */
static int last_state(const struct history *h, uint32_t sk_id)
{
	for (size_t i = h->ntr; i-- > 0;)
		if (h->tr[i].sk_id == sk_id)
			return h->tr[i].to;
	return 0;
}

/* Every tcp_set_state (inet_sock_set_state); listen(): 3.10's
 * inet_csk_listen_start sets TCP_LISTEN directly, just before __inet_hash
 * puts the socket in the listening hash (listening=1); TIME-WAIT, which
 * 3.10 enters without tcp_set_state: tcp_time_wait for the connection
 * (then its socket closes), tcp_timewait_state_process_ret for a
 * TIME-WAIT socket in FIN_WAIT2 that gets the peer's FIN. */
static int transitions_add(struct history *h, const struct model_event *ev, size_t index)
{
	struct model_transition t = { .index = index,
				      .sk_id = (uint32_t)EV_OPT_U(ev, sk_id, 0) };
	const char *n = ev->name;

	if (!strcmp(n, MODEL_E_inet_sock_set_state)) {
		t.from = (int)EV_I(ev, inet_sock_set_state, oldstate);
		t.to = (int)EV_I(ev, inet_sock_set_state, newstate);
	} else if (!strcmp(n, MODEL_E___inet_hash) && EV_I(ev, __inet_hash, listening)) {
		t.from = MODEL_TCP_CLOSE;
		t.to = MODEL_TCP_LISTEN;
	} else if (!strcmp(n, MODEL_E_tcp_time_wait) &&
		   EV_I(ev, tcp_time_wait, state) == MODEL_TCP_TIME_WAIT) {
		t.from = last_state(h, t.sk_id);
		t.to = MODEL_TCP_TIME_WAIT;
	} else if (!strcmp(n, MODEL_E_tcp_timewait_state_process_ret)) {
		t.sk_id = (uint32_t)EV_U(ev, tcp_timewait_state_process_ret, tw_id);
		t.from = last_state(h, t.sk_id);
		t.to = (int)EV_I(ev, tcp_timewait_state_process_ret, substate);
		if (!t.from)
			t.from = MODEL_TCP_FIN_WAIT2;
		if (t.from == t.to)
			return 0;
	} else {
		return 0;
	}
	if (t.from == t.to)
		return 0;
	if (grow((void **)&h->tr, &h->ctr, h->ntr, sizeof(*h->tr)))
		return -1;
	h->tr[h->ntr++] = t;
	return 0;
}

/* A thread's softirq-context events have a call stack of their own. */
int history_add(struct history *h, struct store *names, const struct model_event *ev,
		size_t index)
{
	bool soft = ev->softirq == 1;
	struct hthread *t;

	if (!soft && ev->vtid >= 0)
		softirq_end(h, ev->vtid);
	t = hthread_get(h, ev->vtid, soft);
	if (!t || grow((void **)&h->ev_node, &h->cev, index, sizeof(*h->ev_node)))
		return -1;
	h->ev_node[index] = MODEL_NONE;
	/* no thread named (neither the vtid context nor the tid field): no
	 * call tree rather than a wrong one (model_context_note says so) */
	if ((ev->vtid >= 0 && calls_add(h, t, names, ev, index)) || packets_add(h, t, ev, index) ||
	    transitions_add(h, ev, index))
		return -1;
	return 0;
}
