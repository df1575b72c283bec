// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_tables.c - the Tables pane: ehash (the non-empty slots, each chain
 * and twchain), bhash (ports and their owners) and the listening hash.
 * A line holding the entry the current event just inserted starts with '*'
 * (and the entry itself, in a longer chain) and flashes.  Above them, how
 * the Socket pane's socket found its slots: the kernel's hash functions
 * with their inputs, the hash, the mask and the slot.
 */
#include <stdio.h>
#include <string.h>
#include "model.h"
#include "panes.h"

/* An insertion this many events old or less still flashes. */
#define FLASH_EVENTS 12

static bool fresh(const struct view *v, size_t index)
{
	return index != SIZE_MAX && index <= v->pos && v->pos - index <= FLASH_EVENTS;
}

/* "sk3 SYN_SENT 51990>10.77.0.2:80" */
static void sock_str(struct view *v, uint32_t id, char *buf, size_t len)
{
	const struct model_sock *sk = model_sock_find(v->m, id);
	char d[16];

	if (!sk) {
		snprintf(buf, len, "%u ?", id);
		return;
	}
	snprintf(buf, len, "%s%u %s %u>%s:%u", sk->tw ? "tw" : "sk", id, state_str(sk->state),
		 sk->sport, addr_str(sk->daddr, d, sizeof(d)), sk->dport);
}

/* One chain on as many rows as it takes, head first, left to right. */
static void put_chain(struct view *v, struct pane_rows *o, const char *head,
		      const uint32_t *ids, size_t n, uint32_t flash_id, bool flash)
{
	char line[512];
	size_t len = 0;
	bool hot = false;

	len = (size_t)snprintf(line, sizeof(line), "%s", head);
	for (size_t i = 0; i < n && len + 64 < sizeof(line); i++) {
		char one[96];
		bool new_one = flash && ids[i] == flash_id;

		sock_str(v, ids[i], one, sizeof(one));
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s%s",
					i ? " -> " : "", new_one && n > 1 ? "*" : "", one);
		hot |= new_one;
	}
	if (hot)
		line[0] = '*';
	pane_put(o, hot ? VA_FLASH : VA_NORMAL, "%s", line);
}

static void draw_ehash(struct view *v, struct pane_rows *o, const struct model_latest *lt)
{
	struct model_sizes sz;
	size_t n = model_ehash_count(v->m);

	model_get_sizes(v->m, &sz);
	pane_put(o, VA_BOLD, "ehash %u slots, %zu used", sz.ehash_size, n);
	for (size_t i = 0; i < n && !pane_full(o); i++) {
		struct model_ehash_slot sl;
		char head[32];

		if (model_ehash_at(v->m, i, &sl))
			continue;
		if (sl.nchain) {
			snprintf(head, sizeof(head), " [%u] ", sl.slot);
			put_chain(v, o, head, sl.chain, sl.nchain, lt->ehash_id,
				  fresh(v, lt->ehash_index));
		}
		if (sl.ntwchain) {
			snprintf(head, sizeof(head), " [%u] tw ", sl.slot);
			put_chain(v, o, head, sl.twchain, sl.ntwchain, lt->twchain_id,
				  fresh(v, lt->twchain_index));
		}
	}
}

static void draw_bhash(struct view *v, struct pane_rows *o, const struct model_latest *lt)
{
	struct model_sizes sz;
	size_t n = model_bhash_count(v->m);

	model_get_sizes(v->m, &sz);
	pane_put(o, VA_BOLD, "bhash %u slots, %zu used", sz.bhash_size, n);
	for (size_t i = 0; i < n && !pane_full(o); i++) {
		struct model_bhash_slot sl;

		if (model_bhash_at(v->m, i, &sl))
			continue;
		for (size_t j = 0; j < sl.nbuckets && !pane_full(o); j++) {
			struct model_bind_bucket b;
			char line[512];
			size_t len;
			bool hot = false;

			if (model_bhash_bucket(v->m, i, j, &b))
				continue;
			len = (size_t)snprintf(line, sizeof(line), " [%u] port %u (%d,%d):", sl.slot,
					       b.port, b.fastreuse, b.fastreuseport);
			for (size_t k = 0; k < b.nowners && len + 24 < sizeof(line); k++) {
				bool new_one = fresh(v, lt->bind_index) && lt->bind_port == b.port &&
					       lt->bind_id == b.owners[k].id;

				len += (size_t)snprintf(line + len, sizeof(line) - len, " %s%s%u",
							new_one && b.nowners > 1 ? "*" : "",
							b.owners[k].tw ? "tw" : "sk", b.owners[k].id);
				hot |= new_one;
			}
			if (hot)
				line[0] = '*';
			pane_put(o, hot ? VA_FLASH : VA_NORMAL, "%s", line);
		}
	}
}

static void draw_lhash(struct view *v, struct pane_rows *o, const struct model_latest *lt)
{
	size_t n = model_lhash_count(v->m);
	struct model_sizes sz;

	model_get_sizes(v->m, &sz);
	pane_put(o, VA_BOLD, "listen %u slots, %zu used", sz.lhash_size, n);
	for (size_t i = 0; i < n && !pane_full(o); i++) {
		struct model_lhash_slot sl;
		char head[32];

		if (model_lhash_at(v->m, i, &sl))
			continue;
		snprintf(head, sizeof(head), " [%u] ", sl.slot);
		put_chain(v, o, head, sl.chain, sl.nchain, lt->listen_id,
			  fresh(v, lt->listen_index));
	}
}

/* @text on as many rows as the pane's width needs, cut at spaces, the
 * rows after the first indented. */
static void put_wrapped(struct pane_rows *o, int attr, const char *text)
{
	int w = o->r->w > 20 ? o->r->w : 20, first = 1;
	char line[256];

	while (*text) {
		int room = first ? w : w - 2, n = (int)strlen(text), cut = n;

		if (n > room) {
			for (cut = room; cut > 0 && text[cut] != ' '; cut--)
				;
			if (cut <= 0)
				cut = room;
		}
		snprintf(line, sizeof(line), "%s%.*s", first ? "" : "  ", cut, text);
		pane_put(o, attr, "%s", line);
		text += cut;
		while (*text == ' ')
			text++;
		first = 0;
	}
}

/* The hashes of socket @sk as the kernel computes them (net_hash_mix(net)
 * is 0, docs/divergences.md): the ehash slot from inet_ehashfn (jhash_3words
 * of the 4-tuple, fport in network order, keyed by inet_ehash_secret) and
 * ehash_mask, the bind bucket's slot from inet_bhashfn, a listener's from
 * inet_lhashfn. */
static void draw_hashfn(struct view *v, struct pane_rows *o, const struct model_sock *sk)
{
	struct model_sizes sz;
	bool wide = o->r->w >= 60;
	char a[16], b[16], line[256];

	model_get_sizes(v->m, &sz);
	if (sk->where == MODEL_IN_CHAIN && sz.ehash_size) {
		addr_str(sk->saddr, a, sizeof(a));
		addr_str(sk->daddr, b, sizeof(b));
		if (wide)
			snprintf(line, sizeof(line), "sk%u ehash: inet_ehashfn(net, %s, %u, %s, %u) = "
				 "jhash_3words(laddr, faddr, %u<<16 | htons(%u), ehash_secret) = "
				 "0x%08x; & ehash_mask %u = slot %u", sk->id, a, sk->sport, b,
				 sk->dport, sk->sport, sk->dport, sk->hash, sz.ehash_size - 1,
				 sk->hash & (sz.ehash_size - 1));
		else
			snprintf(line, sizeof(line), "sk%u inet_ehashfn %s:%u %s:%u = 0x%08x "
				 "& %u = slot %u", sk->id, a, sk->sport, b, sk->dport, sk->hash,
				 sz.ehash_size - 1, sk->hash & (sz.ehash_size - 1));
		put_wrapped(o, VA_NORMAL, line);
	}
	if (sk->where == MODEL_IN_LISTEN && sz.lhash_size) {
		snprintf(line, sizeof(line), "sk%u inet_lhashfn%s%u%s = (%u + 0) & %u = slot %u",
			 sk->id, wide ? "(net, " : " ", sk->sport, wide ? ")" : "", sk->sport,
			 sz.lhash_size - 1, sk->sport & (sz.lhash_size - 1));
		put_wrapped(o, VA_NORMAL, line);
	}
	if (sk->bound_port && sz.bhash_size) {
		if (wide)
			snprintf(line, sizeof(line), "sk%u bhash: inet_bhashfn(net, %u, %u) = (%u + 0) "
				 "& %u = slot %u", sk->id, sk->bound_port, sz.bhash_size,
				 sk->bound_port, sz.bhash_size - 1,
				 sk->bound_port & (sz.bhash_size - 1));
		else
			snprintf(line, sizeof(line), "sk%u inet_bhashfn %u = %u & %u = slot %u",
				 sk->id, sk->bound_port, sk->bound_port, sz.bhash_size - 1,
				 sk->bound_port & (sz.bhash_size - 1));
		put_wrapped(o, VA_NORMAL, line);
	}
}

void pane_tables_draw(struct view *v, struct vscreen *s, const struct vrect *r)
{
	struct pane_rows o = { s, r, 0, v->scroll[PANE_TABLES], v->hscroll[PANE_TABLES] };
	const struct model_sock *sk;
	struct model_latest lt;

	if (!view_count(v)) {
		pane_line(s, r, 0, VA_DIM, 0, "no event yet");
		return;
	}
	if (v->ports) {
		pane_ports_draw(v, &o, v->cur_sock);
		return;
	}
	model_get_latest(v->m, &lt);
	sk = v->cur_sock ? model_sock_find(v->m, v->cur_sock) : NULL;
	if (sk && !sk->tw)
		draw_hashfn(v, &o, sk);
	draw_ehash(v, &o, &lt);
	draw_bhash(v, &o, &lt);
	draw_lhash(v, &o, &lt);
}

void pane_tables_title(struct view *v, char *buf, size_t len)
{
	if (v->ports)
		snprintf(buf, len, "port search, S: back");
}
