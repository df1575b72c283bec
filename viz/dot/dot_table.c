// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_table.c - a socket hash table (ehash, the listening hash, or the
 * TIME-WAIT lists of ehash) as a slide: the bucket array is one vertical
 * HTML table listing only the slots in use, runs of empty slots folded into
 * "… N empty …"; each slot's chain grows to the right as linked records,
 * its twchain beside it from a "tw" row under the slot; chains longer than
 * --max-chain end in "+N more".
 */
#include <stdlib.h>
#include <string.h>
#include "dot_graph.h"

/* A slot row as tall as a socket record (points), so chains leave level. */
#define ROW_HEIGHT 38

/* A slot's row (port s<i>: its chain) and, under it, its twchain's (t<i>);
 * a slot holding TIME-WAIT sockets only has the second row alone. */
static void slot_row(struct dot_buf *b, const struct dot_slot *s, int hl)
{
	if (s->nchain || !s->ntw)
		dot_buf_printf(b, "<TR><TD PORT=\"s%u\" ALIGN=\"RIGHT\" HEIGHT=\"%d\"%s>%s%u%s</TD></TR>",
			       s->index, ROW_HEIGHT, hl ? " BGCOLOR=\"" DOT_LIGHT "\"" : "",
			       hl ? "<B>" : "", s->index, hl ? "</B>" : "");
	if (s->ntw)
		dot_buf_printf(b, "<TR><TD PORT=\"t%u\" ALIGN=\"RIGHT\" HEIGHT=\"%d\"><FONT COLOR=\"%s\""
			       " POINT-SIZE=\"9\">%u twchain</FONT></TD></TR>", s->index, ROW_HEIGHT,
			       DOT_MUTED, s->index);
}

/* The bucket array: a header, then slot rows and folded gaps. */
static int array_node(Agraph_t *g, const struct dot_table_view *v, const char *shown)
{
	struct dot_buf b = { 0 };
	Agnode_t *n = dot_node(g, v->name);
	uint32_t next = 0;
	size_t used = 0;

	dot_array_open(&b, v->name, v->size);
	for (size_t i = 0; i < v->nslots; i++) {
		const struct dot_slot *s = &v->slots[i];

		if (!shown[i]) {
			used++;
			continue;
		}
		dot_gap_row(&b, s->index - next, used);
		used = 0;
		slot_row(&b, s, v->hl.on && v->hl.slot == s->index);
		next = s->index + 1;
	}
	return dot_array_close(g, n, &b, v->size, next, used, v->nslots);
}

static int is_hl(const struct dot_highlight *hl, const struct dot_sock *s)
{
	return hl->on && hl->id == s->id && hl->tw == s->tw;
}

/* How the highlighted socket found its ehash slot, as inet_ehashfn computes
 * it (net_hash_mix 0): "inet_ehashfn(10.77.0.1, 40000, 10.77.0.2, 9) =
 * 0x1bb7f299 & 255 (ehash_mask) = slot 153". */
static void hash_line(const struct dot_sock *s, const struct dot_highlight *hl, uint32_t size,
		      char *buf, size_t len)
{
	const uint8_t *a = s->saddr, *d = s->daddr;

	snprintf(buf, len, "inet_ehashfn(%u.%u.%u.%u, %u, %u.%u.%u.%u, %u) = 0x%08x"
		 " & %u (ehash_mask) = slot %u", a[0], a[1], a[2], a[3], s->sport, d[0], d[1], d[2],
		 d[3], s->dport, hl->hash, size ? size - 1 : 0, hl->slot);
}

/* One chain from the array's port @port: records linked by "next". */
static int chain(Agraph_t *g, const struct dot_table_view *v, const struct dot_opts *o,
		 Agnode_t *arr, const char *port, uint32_t slot,
		 const struct dot_sock *socks, size_t n, const char *more_tag)
{
	size_t limit = o->max_chain ? o->max_chain : n;
	Agnode_t *prev = arr;
	const char *tport = port;
	char id[32], hl[192];

	for (size_t i = 0; i < n && i < limit; i++) {
		struct dot_buf b = { 0 };
		Agnode_t *nd;
		int rc;

		dot_sock_id(&socks[i], id, sizeof(id));
		nd = dot_node(g, id);
		if (!nd)
			return -1;
		if (is_hl(&v->hl, &socks[i]))
			snprintf(hl, sizeof(hl), "%s", v->hl.why ? v->hl.why : "");
		if (is_hl(&v->hl, &socks[i]) && !v->hl.why)
			hash_line(&socks[i], &v->hl, v->size, hl, sizeof(hl));
		dot_sock_html(&b, &socks[i], is_hl(&v->hl, &socks[i]) ? hl : NULL);
		rc = dot_set_html(g, nd, &b);
		dot_buf_free(&b);
		if (rc || !dot_edge(g, prev, tport, nd, "w"))
			return -1;
		prev = nd;
		tport = "next:e";
	}
	if (n > limit)
		return dot_more_node(g, more_tag, slot, prev, tport, n - limit);
	return 0;
}

static const struct dot_legend_item ehash_legend[] = {
	{ "<B>N</B>", NULL, "slot N's chain: the sockets hashed there, head first (3.10 inserts at the head)" },
	{ "<FONT COLOR=\"" DOT_MUTED "\">N twchain</FONT>", NULL, "slot N's TIME-WAIT sockets (twchain)" },
	{ "<B>sk ID</B>", NULL, "thick border: the socket the latest connect hashed (or --socket), with its hash & mask = slot" },
	{ "ESTABLISHED", "#b7dcb0", "fill: the socket's TCP state (yellow SYN, green ESTABLISHED, orange closing, red CLOSE, violet TIME_WAIT)" },
	{ "was sk N", NULL, "a TIME-WAIT socket: the socket it replaced, and when its timer kills it" },
};
static const struct dot_legend_item listen_legend[] = {
	{ "<B>N</B>", NULL, "slot N of the 32 listening slots: inet_lhashfn hashes the port alone (port & 31)" },
	{ "<B>sk ID</B>", NULL, "thick border: the latest listener hashed, with its port → slot" },
};

/* The legend of @v's table (ehash and tw share one). */
static int table_legend(Agraph_t *g, const struct dot_table_view *v)
{
	if (!strcmp(v->name, "listen"))
		return dot_legend(g, NULL, listen_legend, sizeof(listen_legend) / sizeof(listen_legend[0]));
	return dot_legend(g, NULL, ehash_legend, sizeof(ehash_legend) / sizeof(ehash_legend[0]));
}

Agraph_t *dot_draw_table(const struct dot_table_view *v, const struct dot_opts *o)
{
	Agraph_t *g = dot_graph_new(v->name, "LR", v->caption);
	char *shown = calloc(v->nslots + 1, 1);
	char port[32], tag[40];
	size_t hl = v->nslots;
	Agnode_t *arr;
	int rc = -1;

	if (!g || !shown)
		goto out;
	agattr(g, AGRAPH, DOT_S("ordering"), DOT_S("out"));	/* heads in slot order */
	for (size_t i = 0; i < v->nslots; i++)
		if (v->hl.on && v->slots[i].index == v->hl.slot)
			hl = i;
	dot_pick_slots(v->nslots, o->max_slots, hl, shown);
	if (array_node(g, v, shown))
		goto out;
	arr = agnode(g, DOT_S(v->name), 0);
	rc = 0;
	for (size_t i = 0; i < v->nslots && !rc; i++) {
		const struct dot_slot *s = &v->slots[i];

		if (!shown[i])
			continue;
		snprintf(port, sizeof(port), "s%u:e", s->index);
		rc = chain(g, v, o, arr, port, s->index, s->chain, s->nchain, v->name);
		if (rc || !s->ntw)
			continue;
		snprintf(port, sizeof(port), "t%u:e", s->index);
		snprintf(tag, sizeof(tag), "%.16s_tw", v->name);
		rc = chain(g, v, o, arr, port, s->index, s->twchain, s->ntw, tag);
	}
	if (!rc)
		rc = table_legend(g, v);
out:
	free(shown);
	if (rc && g) {
		agclose(g);
		g = NULL;
	}
	return g;
}
