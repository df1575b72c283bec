// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_bhash.c - the bind hash as a slide: the slots in use in one vertical
 * table (empty runs folded), each slot's inet_bind_buckets chained to the
 * right (port, fastreuse, fastreuseport), each bucket's owners chained
 * from its "owners" cell.  The owner added by the latest connect (or the
 * socket asked for) is highlighted, and its bucket says which slot the port
 * chose.
 */
#include <stdlib.h>
#include "dot_graph.h"

/* A slot row as tall as a bind bucket record (points), so buckets leave level. */
#define ROW_HEIGHT 56

/* The slot array: the slots in use (those cut by max_slots counted in the
 * folded rows), empty runs folded. */
static int barray_node(Agraph_t *g, const struct dot_bhash_view *v, const char *shown)
{
	struct dot_buf b = { 0 };
	Agnode_t *n = dot_node(g, "bhash");
	uint32_t next = 0;
	size_t used = 0;

	dot_array_open(&b, "bhash", v->size);
	for (size_t i = 0; i < v->nslots; i++) {
		const struct dot_bslot *s = &v->slots[i];
		int hl = v->hl.on && v->hl.slot == s->index;

		if (!shown[i]) {
			used++;
			continue;
		}
		dot_gap_row(&b, s->index - next, used);
		used = 0;
		dot_buf_printf(&b, "<TR><TD PORT=\"s%u\" ALIGN=\"RIGHT\" HEIGHT=\"%d\"%s>%s%u%s</TD></TR>",
			       s->index, ROW_HEIGHT,
			       hl ? " BGCOLOR=\"" DOT_LIGHT "\"" : "", hl ? "<B>" : "", s->index,
			       hl ? "</B>" : "");
		next = s->index + 1;
	}
	return dot_array_close(g, n, &b, v->size, next, used, v->nslots);
}

static int holds_hl(const struct dot_bhash_view *v, const struct dot_bind_bucket *bb)
{
	for (size_t i = 0; v->hl.on && i < bb->nowners; i++)
		if (bb->owners[i].id == v->hl.id && bb->owners[i].tw == v->hl.tw)
			return 1;
	return 0;
}

/* A bind bucket: port, reuse flags, the owners cell, the "next" cell. */
static Agnode_t *bucket_node(Agraph_t *g, const struct dot_bhash_view *v,
			     const struct dot_bind_bucket *bb)
{
	struct dot_buf b = { 0 };
	char id[16];
	Agnode_t *n;
	int hl = holds_hl(v, bb), rc;

	snprintf(id, sizeof(id), "bb%u", bb->port);
	n = dot_node(g, id);
	if (!n)
		return NULL;
	dot_buf_printf(&b, "<TABLE BORDER=\"%d\" COLOR=\"%s\" CELLBORDER=\"1\" CELLSPACING=\"0\""
		       " CELLPADDING=\"2\"><TR><TD BGCOLOR=\"%s\"><B>port %u</B></TD>"
		       "<TD PORT=\"next\" ROWSPAN=\"3\"><FONT COLOR=\"%s\">next</FONT></TD></TR>",
		       hl ? 2 : 0, DOT_MUTED, DOT_LIGHT, bb->port, DOT_MUTED);
	dot_buf_printf(&b, "<TR><TD>fastreuse %d · fastreuseport %d<BR/><FONT COLOR=\"%s\""
		       " POINT-SIZE=\"8\">%s</FONT></TD></TR>", bb->fastreuse, bb->fastreuseport,
		       DOT_MUTED, bb->fastreuse < 0 && bb->fastreuseport < 0 ? "made by connect()"
		       : "made by bind()");
	dot_buf_printf(&b, "<TR><TD PORT=\"owners\" ALIGN=\"LEFT\">owners (%zu)</TD></TR>", bb->nowners);
	if (hl)
		dot_buf_printf(&b, "<TR><TD COLSPAN=\"2\" BGCOLOR=\"%s\"><FONT COLOR=\"%s\">"
			       "inet_bhashfn(%u, %u) = %u &amp; %u (bhash_size - 1) = slot %u"
			       "</FONT></TD></TR>", DOT_LIGHT, DOT_MUTED, bb->port, v->size,
			       bb->port, v->size ? v->size - 1 : 0, v->hl.slot);
	dot_buf_printf(&b, "</TABLE>");
	rc = dot_set_html(g, n, &b);
	dot_buf_free(&b);
	return rc ? NULL : n;
}

/* The owners of @bb, linked in list order from its "owners" cell. */
static int owners(Agraph_t *g, const struct dot_bhash_view *v, const struct dot_opts *o,
		  Agnode_t *bbn, const struct dot_bind_bucket *bb)
{
	size_t limit = o->max_chain ? o->max_chain : bb->nowners;
	const char *tport = "owners:e";
	Agnode_t *prev = bbn;
	char id[32], tag[24], line[32];

	for (size_t i = 0; i < bb->nowners && i < limit; i++) {
		const struct dot_sock *s = &bb->owners[i];
		int hl = v->hl.on && v->hl.id == s->id && v->hl.tw == s->tw;
		struct dot_buf b = { 0 };
		Agnode_t *n;
		int rc;

		dot_sock_id(s, id, sizeof(id));
		n = dot_node(g, id);
		if (!n)
			return -1;
		snprintf(line, sizeof(line), "owner of port %u", bb->port);
		dot_sock_html(&b, s, hl ? line : NULL);
		rc = dot_set_html(g, n, &b);
		dot_buf_free(&b);
		if (rc || !dot_edge(g, prev, tport, n, "w"))
			return -1;
		prev = n;
		tport = "next:e";
	}
	snprintf(tag, sizeof(tag), "owners%u", bb->port);
	if (bb->nowners > limit)
		return dot_more_node(g, tag, 0, prev, tport, bb->nowners - limit);
	return 0;
}

static int bslot(Agraph_t *g, const struct dot_bhash_view *v, const struct dot_opts *o,
		 Agnode_t *arr, const struct dot_bslot *s)
{
	size_t limit = o->max_chain ? o->max_chain : s->nbb;
	Agnode_t *prev = arr;
	char port[24];
	const char *tport = port;

	snprintf(port, sizeof(port), "s%u:e", s->index);
	for (size_t j = 0; j < s->nbb && j < limit; j++) {
		Agnode_t *n = bucket_node(g, v, &s->bbs[j]);

		if (!n || !dot_edge(g, prev, tport, n, "w") || owners(g, v, o, n, &s->bbs[j]))
			return -1;
		prev = n;
		tport = "next:e";
	}
	if (s->nbb > limit)
		return dot_more_node(g, "bhash", s->index, prev, tport, s->nbb - limit);
	return 0;
}

static const struct dot_legend_item bhash_legend[] = {
	{ "<B>N</B>", NULL, "bhash slot N = port & (bhash size - 1): its inet_bind_buckets, chained by next" },
	{ "port P", DOT_LIGHT, "one inet_bind_bucket: a local port and its owners (sockets and TIME-WAIT sockets)" },
	{ "fastreuse -1 · fastreuseport -1", NULL, "made by connect() (__inet_hash_connect): never shared with bind(); connects share it when the 4-tuples differ" },
	{ "fastreuse 0 or 1", NULL, "made by bind(): 1 when every owner set SO_REUSEADDR (and is not listening)" },
	{ "thick border", NULL, "the bucket the latest connect (or --socket) owns, with port → slot" },
};

Agraph_t *dot_draw_bhash(const struct dot_bhash_view *v, const struct dot_opts *o)
{
	Agraph_t *g = dot_graph_new("bhash", "LR", v->caption);
	char *shown = calloc(v->nslots + 1, 1);
	size_t hl = v->nslots;
	Agnode_t *arr;
	int rc = -1;

	if (!g || !shown)
		goto out;
	agattr(g, AGRAPH, DOT_S("ordering"), DOT_S("out"));	/* buckets in slot order */
	for (size_t i = 0; i < v->nslots; i++)
		if (v->hl.on && v->slots[i].index == v->hl.slot)
			hl = i;
	dot_pick_slots(v->nslots, o->max_slots, hl, shown);
	if (barray_node(g, v, shown))
		goto out;
	arr = agnode(g, DOT_S("bhash"), 0);
	rc = 0;
	for (size_t i = 0; i < v->nslots && !rc; i++)
		if (shown[i])
			rc = bslot(g, v, o, arr, &v->slots[i]);
	if (!rc)
		rc = dot_legend(g, NULL, bhash_legend, sizeof(bhash_legend) / sizeof(bhash_legend[0]));
out:
	free(shown);
	if (rc && g) {
		agclose(g);
		g = NULL;
	}
	return g;
}
