// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_step.c - the connect steps of the view's socket (N, P) and the
 * packet selection (up, down in Packets): walks of the model's call trees
 * and packets, above the view's state (view.c).
 */
#include <stdio.h>
#include <string.h>
#include "model.h"
#include "panes.h"

/* Is call node @c a step worth stopping on? Every traced function that
 * calls others (an entry event), and the leaves that change what the
 * panes show: a state change, a packet, a table insertion. */
static bool step_node(const struct model_call *c)
{
	static const char *const leaves[] = {
		"inet_sock_set_state", "tcp_transmit_skb_hdr", "inet_bind_hash",
		"secure_tcp_sequence_number", "inet_hash_connect_probe",
		"timer_armed", "tcp_v4_rcv",
	};

	if (!c->leaf)
		return true;
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++)
		if (!strcmp(c->name, leaves[i]))
			return true;
	return false;
}

/* Walk the tree under @node; keep the best step after/before @from. */
static void steps_in_tree(struct view *v, size_t node, size_t from, int dir,
			  size_t *best, bool *found)
{
	while (node != MODEL_NONE) {
		const struct model_call *c = model_call_at(v->m, node);
		size_t i;

		if (!c)
			return;
		i = c->enter_index;
		if (step_node(c) && (dir > 0 ? i > from : i < from) &&
		    (!*found || (dir > 0 ? i < *best : i > *best))) {
			*best = i;
			*found = true;
		}
		steps_in_tree(v, c->first_child, from, dir, best, found);
		node = c->next_sibling;
	}
}

bool view_connect_step(struct view *v, size_t from, int dir, size_t *out)
{
	uint32_t sk = view_socket(v);
	size_t nt = model_calltree_count(v->m), best = 0;
	bool found = false;

	for (size_t t = 0; t < nt; t++) {
		const struct model_calltree *tr = model_calltree_at(v->m, t);

		if (!tr || (sk ? tr->sk_id != sk : !tr->is_connect))
			continue;
		if (dir > 0 ? tr->last_index <= from : tr->first_index >= from)
			continue;
		steps_in_tree(v, tr->root, from, dir, &best, &found);
	}
	if (found)
		*out = best;
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
