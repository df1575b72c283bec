// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_util.c - what the panes share: the socket an event is about, the
 * connect steps of a socket, event and address formatting.
 */
#include <stdio.h>
#include <string.h>
#include "model.h"
#include "panes.h"

uint32_t event_socket(const struct model_event *ev)
{
	uint64_t id = model_event_uint(ev, "sk_id", 0);

	if (!id)
		id = model_event_uint(ev, "tw_id", 0);
	return (uint32_t)id;
}

uint32_t view_event_socket(struct view *v, size_t index)
{
	if (model_event_get(v->m, index, v->ev))
		return 0;
	return event_socket(v->ev);
}

/* How far back view_socket looks for an event that names a socket. */
#define VIEW_SOCK_LOOKBACK 4096

uint32_t view_socket(struct view *v)
{
	size_t n = view_count(v);

	if (v->sel_sock || !n)
		return v->sel_sock;
	for (size_t k = 0; k < VIEW_SOCK_LOOKBACK && k <= v->pos && v->pos - k < n; k++) {
		uint32_t id = view_event_socket(v, v->pos - k);

		if (id)
			return id;
	}
	return 0;
}

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

const char *addr_str(uint32_t be, char *buf, size_t len)
{
	const uint8_t *b = (const uint8_t *)&be;

	snprintf(buf, len, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return buf;
}

const char *state_str(int state)
{
	return model_state_name(state);
}

/* The 4-byte address fields without "addr" in their name (neighbour, ARP):
 * dotted quads like the others. */
static bool ipv4_field(const struct model_field *f)
{
	return f->kind == MODEL_FIELD_BYTES && f->len == 4 &&
	       (!strcmp(f->name, "ip") || !strcmp(f->name, "sip") || !strcmp(f->name, "tip"));
}

void event_format(const struct view *v, size_t index, const struct model_event *ev,
		  char *buf, size_t len)
{
	uint64_t t0 = model_event_ts(v->m, 0), t = ev->ts_ns;
	uint64_t dt = t >= t0 ? t - t0 : 0;
	size_t o;

	o = (size_t)snprintf(buf, len, "#%zu +%llu.%09llu %s", index,
			     (unsigned long long)(dt / 1000000000u),
			     (unsigned long long)(dt % 1000000000u), ev->name);
	for (size_t i = 0; i < ev->nfields && o + 1 < len; i++) {
		char val[128];

		if (ipv4_field(&ev->fields[i]))
			snprintf(val, sizeof(val), "%u.%u.%u.%u", ev->fields[i].bytes[0],
				 ev->fields[i].bytes[1], ev->fields[i].bytes[2], ev->fields[i].bytes[3]);
		else
			model_field_format(&ev->fields[i], val, sizeof(val));
		o += (size_t)snprintf(buf + o, len - o, " %s=%s", ev->fields[i].name, val);
	}
}

void pane_line(struct vscreen *s, const struct vrect *r, int row, int attr,
	       int hscroll, const char *text)
{
	if (row < 0 || row >= r->h)
		return;
	if (attr != VA_NORMAL) {
		struct vrect line = { r->x, r->y + row, r->w, 1 };

		vs_fill(s, &line, ' ', attr);
	}
	vs_puts_skip(s, r, r->x, r->y + row, attr, text, hscroll);
}
