// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_step.c - the connect steps of the view's socket (N, P) and the
 * packet selection (up, down in Packets): walks of the model's call trees
 * and packets, above the view's state (view.c).
 */
#include <stdio.h>
#include <string.h>
#include "events.h"
#include "panes.h"

/* Is call node @c a step worth stopping on? Every traced function that
 * calls others (an entry event), and the leaves that change what the
 * panes show: a state change, a packet, a table insertion, a timer. */
static bool step_node(const struct model_call *c)
{
	static const char *const leaves[] = {
		MODEL_E_inet_sock_set_state, MODEL_E_tcp_transmit_skb_hdr, MODEL_E_inet_bind_hash,
		MODEL_E_secure_tcp_sequence_number, MODEL_E_inet_hash_connect_probe,
		MODEL_E_timer_armed, MODEL_E_tcp_v4_rcv, MODEL_E_inet_bind_bucket_create,
		MODEL_E_timer_fired, MODEL_E_tcp_retransmit_timer, MODEL_E_tcp_write_timeout,
		MODEL_E_tcp_retransmit_skb, MODEL_E_tcp_write_err, MODEL_E_tcp_done, MODEL_E_inet_put_port,
	};

	if (!c->leaf)
		return true;
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++)
		if (!strcmp(c->name, leaves[i]))
			return true;
	return false;
}

/* Keep @i as the best step so far after/before @from. */
static void keep(size_t i, size_t from, int dir, size_t *best, bool *found)
{
	if ((dir > 0 ? i > from : i < from) && (!*found || (dir > 0 ? i < *best : i > *best))) {
		*best = i;
		*found = true;
	}
}

/* Walk the tree under @node; keep the best step after/before @from. */
static void steps_in_tree(struct view *v, size_t node, size_t from, int dir,
			  size_t *best, bool *found)
{
	while (node != MODEL_NONE) {
		const struct model_call *c = model_call_at(v->m, node);

		if (!c)
			return;
		if (step_node(c))
			keep(c->enter_index, from, dir, best, found);
		steps_in_tree(v, c->first_child, from, dir, best, found);
		node = c->next_sibling;
	}
}

/* How many events a connect's span is searched through for its timers. */
#define STEP_SCAN 200000

/* The steps of socket @sk that ran on other threads while it connected,
 * in trees not attached to the connect (the retransmit timer that gave
 * up, the change to CLOSE): the leaves step_node names, in [lo, hi]. */
static void steps_in_span(struct view *v, uint32_t sk, size_t lo, size_t hi, size_t from,
			  int dir, size_t *best, bool *found)
{
	static const struct model_call probe;
	size_t n = view_count(v);

	if (hi >= n)
		hi = n ? n - 1 : 0;
	if (hi - lo > STEP_SCAN)
		return;
	for (size_t i = lo; i <= hi && i < n; i++) {
		struct model_call c = probe;

		if ((dir > 0 ? i <= from : i >= from) || model_event_get(v->m, i, v->ev))
			continue;
		c.leaf = true;
		c.name = v->ev->name;
		if (step_node(&c) && (event_socket(v->ev) == sk ||
				      EV_OPT_U(v->ev, owner_id, 0) == sk))
			keep(i, from, dir, best, found);
	}
}

/* The last event of a connect tree: its sys_connect_ret (the final
 * return), else the last event seen of it. */
static size_t tree_end(struct view *v, const struct model_calltree *tr)
{
	const struct model_call *root = model_call_at(v->m, tr->root);

	return root && root->exit_index != MODEL_NONE ? root->exit_index : tr->last_index;
}

uint32_t view_step_socket(struct view *v)
{
	size_t nt = model_calltree_count(v->m);

	if (v->sel_sock)
		return v->sel_sock;
	for (size_t t = nt; t-- > 0; ) {
		const struct model_calltree *tr = model_calltree_at(v->m, t);

		if (tr && tr->is_connect && tr->sk_id && tr->first_index <= v->pos &&
		    tree_end(v, tr) >= v->pos)
			return tr->sk_id;
	}
	return view_socket(v);
}

bool view_connect_inside(struct view *v, uint32_t sk, size_t pos)
{
	size_t nt = model_calltree_count(v->m);

	for (size_t t = 0; t < nt; t++) {
		const struct model_calltree *tr = model_calltree_at(v->m, t);

		if (tr && tr->is_connect && tr->sk_id == sk && tr->first_index < pos &&
		    tree_end(v, tr) > pos)
			return true;
	}
	return false;
}

bool view_connect_step(struct view *v, size_t from, int dir, size_t *out)
{
	uint32_t sk = view_step_socket(v);
	size_t nt = model_calltree_count(v->m), best = 0;
	bool found = false;

	for (size_t t = 0; t < nt; t++) {
		const struct model_calltree *tr = model_calltree_at(v->m, t);
		size_t end;

		if (!tr || (sk ? tr->sk_id != sk : !tr->is_connect))
			continue;
		end = tr->is_connect ? tree_end(v, tr) : tr->last_index;
		if (dir > 0 ? end <= from : tr->first_index >= from)
			continue;
		steps_in_tree(v, tr->root, from, dir, &best, &found);
		if (tr->is_connect) {
			keep(end, from, dir, &best, &found);
			steps_in_span(v, sk, tr->first_index, end, from, dir, &best, &found);
		}
	}
	if (found)
		*out = best;
	return found;
}

bool view_connect_next(struct view *v, size_t from, int dir, size_t *out, size_t *end,
		       uint32_t *sk)
{
	size_t nt = model_calltree_count(v->m);
	bool found = false;

	for (size_t t = 0; t < nt; t++) {
		const struct model_calltree *tr = model_calltree_at(v->m, t);
		const struct model_call *root = tr ? model_call_at(v->m, tr->root) : NULL;
		size_t i;

		if (!tr || !tr->is_connect || !root)
			continue;
		i = root->enter_index;
		if ((dir > 0 ? i > from : i < from) &&
		    (!found || (dir > 0 ? i < *out : i > *out))) {
			*out = i;
			*end = tree_end(v, tr);
			*sk = tr->sk_id;
			found = true;
		}
	}
	return found;
}

void view_packet_move(struct view *v, int delta)
{
	size_t n = model_packet_count(v->m), last = 0, cur;
	bool any = false;

	/* the packets seen so far: those with index <= pos */
	for (size_t i = n; i-- > 0; ) {
		const struct model_packet *p = model_packet_at(v->m, i);

		if (p && p->index <= v->pos) {
			last = i;
			any = true;
			break;
		}
	}
	if (!any)
		return;
	cur = v->pkt_sel == SIZE_MAX || v->pkt_sel > last ? last : v->pkt_sel;
	if (delta < 0)
		cur = (size_t)-delta > cur ? 0 : cur - (size_t)-delta;
	else
		cur = cur + (size_t)delta > last ? last : cur + (size_t)delta;
	v->pkt_sel = cur == last ? SIZE_MAX : cur;
}
