// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_ladder.c - the ladder (sequence) diagram: a grid whose columns are,
 * left to right, the time, one per timer, the stack's notes, the stack and
 * one per peer, and whose rows (rank=same) are the moments in trace order.
 * The stack's and the peers' columns are dashed lifelines; a frame is a
 * flat edge between the stack's point and its peer's point of its row
 * (drawn backwards, dir=back, when received, so the columns keep their
 * order); a timer column is a thick bar while the timer is pending.
 * Node ids: "stack", "peer<k>", "timer<k>", "time", "note" for the heads,
 * "<column>_<row>" below them, "legend".
 */
#include <string.h>
#include "dot_graph.h"

#define COL_RETRANS "#c0392b"
#define COL_ARP     "#8a8a8a"
#define COL_LIFE    "#b8c2cf"
#define COL_TIMER   "#d9a441"

/* "0.434 ms", "1.001 s". */
static void fmt_t(char *buf, size_t len, int64_t ns)
{
	if (ns < 1000000000)
		snprintf(buf, len, "%.3f ms", (double)ns / 1e6);
	else
		snprintf(buf, len, "%.3f s", (double)ns / 1e9);
}

static Agnode_t *cell(Agraph_t *g, Agraph_t *row, const char *col, size_t r)
{
	char id[48];
	Agnode_t *n;

	if (r)
		snprintf(id, sizeof(id), "%.15s_%zu", col, r);
	else
		snprintf(id, sizeof(id), "%.15s", col);
	n = dot_node(g, id);
	if (n && row)
		agsubnode(row, n, 1);
	return n;
}

static void point(Agnode_t *n, const char *colour)
{
	dot_set(n, "shape", "point");
	dot_set(n, "width", "0.03");
	dot_set(n, "color", colour);
	dot_set(n, "label", "");
}

static Agedge_t *vlink(Agraph_t *g, Agnode_t *a, Agnode_t *b, const char *style)
{
	Agedge_t *e = dot_edge(g, a, NULL, b, NULL);

	if (e) {
		dot_set(e, "arrowhead", "none");
		dot_set(e, "style", style);
	}
	return e;
}

/* The column names of row @r: time, timers, note, stack, peers. */
static size_t columns(const struct dot_ladder_view *v, char (*col)[16], size_t max)
{
	size_t k = 0;

	snprintf(col[k++], 16, "time");
	for (size_t t = 0; t < v->ntimers && k < max - 2; t++)
		snprintf(col[k++], 16, "timer%zu", t);
	snprintf(col[k++], 16, "note");
	snprintf(col[k++], 16, "stack");
	for (size_t p = 0; p < v->npeers && k < max; p++)
		snprintf(col[k++], 16, "peer%zu", p);
	return k;
}

/* The heads: plain labels over time/timers/note, boxes over the lifelines. */
static int heads(Agraph_t *g, Agraph_t *row, const struct dot_ladder_view *v,
		 char (*col)[16], size_t ncol)
{
	for (size_t c = 0; c < ncol; c++) {
		Agnode_t *n = cell(g, row, col[c], 0);
		const char *label = col[c];

		if (!n)
			return -1;
		if (!strncmp(col[c], "timer", 5))
			label = v->timers[c - 1];
		else if (!strcmp(col[c], "note"))
			label = "the stack's socket";
		else if (!strcmp(col[c], "stack"))
			label = v->stack;
		else if (!strncmp(col[c], "peer", 4))
			label = v->peers[c - 1 - v->ntimers - 2];
		dot_set(n, "label", label);
		if (!strcmp(col[c], "stack") || !strncmp(col[c], "peer", 4)) {
			dot_set(n, "shape", "box");
			dot_set(n, "style", "rounded,filled");
			dot_set(n, "fillcolor", DOT_LIGHT);
			dot_set(n, "color", DOT_MUTED);
			dot_set(n, "margin", "0.08,0.03");
		} else {
			dot_set(n, "fontcolor", DOT_MUTED);
		}
	}
	return 0;
}

/* The frame of row @r: an arrow from the stack to its peer, or back. */
static int frame_edge(Agraph_t *g, Agnode_t *s, Agnode_t *p, const struct dot_lrow *r,
		      size_t nth)
{
	Agedge_t *e = dot_edge(g, s, NULL, p, NULL);
	char comment[160];

	if (!e)
		return -1;
	dot_set(e, "label", r->frame);
	snprintf(comment, sizeof(comment), "frame %zu %s", nth, r->raw ? r->raw : "");
	dot_set(e, "comment", comment);
	if (!r->out)
		dot_set(e, "dir", "back");
	dot_set(e, "color", r->retrans ? COL_RETRANS : r->arp ? COL_ARP : r->out ? DOT_MUTED : DOT_INK);
	dot_set(e, "fontcolor", r->retrans ? COL_RETRANS : r->arp ? COL_ARP : DOT_INK);
	if (r->arp)
		dot_set(e, "style", "dashed");
	if (r->retrans)
		dot_set(e, "penwidth", "1.6");
	return 0;
}

/* The cells of one row and their text. */
static int row_cells(Agraph_t *g, Agraph_t *row, const struct dot_ladder_view *v, size_t r,
		     char (*col)[16], size_t ncol, Agnode_t **cells)
{
	const struct dot_lrow *x = &v->rows[r - 1];
	char t[32];

	for (size_t c = 0; c < ncol; c++) {
		Agnode_t *n = cells[c] = cell(g, row, col[c], r);

		if (!n)
			return -1;
		if (!strcmp(col[c], "time")) {
			fmt_t(t, sizeof(t), x->ns);
			dot_set(n, "label", t);
			dot_set(n, "fontcolor", DOT_MUTED);
			dot_set(n, "fontsize", "8");
		} else if (!strcmp(col[c], "note")) {
			dot_set(n, "label", x->note ? x->note : "");
			if (x->state) {
				dot_set(n, "shape", "box");
				dot_set(n, "style", "rounded,filled");
				dot_set(n, "fillcolor", dot_state_colour(x->state));
				dot_set(n, "color", DOT_MUTED);
				dot_set(n, "margin", "0.06,0.02");
			} else if (x->retrans || x->note) {
				dot_set(n, "fontcolor", x->retrans ? COL_RETRANS : DOT_INK);
			}
		} else if (!strncmp(col[c], "timer", 5)) {
			point(n, COL_TIMER);
			if (x->timer == (int)(c - 1))
				dot_set(n, "xlabel", x->tlabel);
		} else {
			point(n, COL_LIFE);
		}
	}
	return 0;
}

/* Row @r below @prev: the vertical links (lifelines, timer bars) and the
 * invisible links that keep the columns in order. */
static int row_links(Agraph_t *g, const struct dot_ladder_view *v, size_t r, char (*col)[16],
		     size_t ncol, Agnode_t **prev, Agnode_t **cells, bool *pending)
{
	const struct dot_lrow *x = &v->rows[r - 1];

	for (size_t c = 0; c < ncol; c++) {
		bool life = !strcmp(col[c], "stack") || !strncmp(col[c], "peer", 4);
		bool timer = !strncmp(col[c], "timer", 5);
		Agedge_t *e = vlink(g, prev[c], cells[c], life ? "dashed" :
				   timer && pending[c - 1] ? "solid" : "invis");

		if (!e)
			return -1;
		dot_set(e, "weight", "20");
		if (life)
			dot_set(e, "color", COL_LIFE);
		if (timer && pending[c - 1]) {
			dot_set(e, "color", COL_TIMER);
			dot_set(e, "penwidth", "4");
		}
		if (c + 1 < ncol && !(x->frame && !strcmp(col[c], "stack") && x->peer == 0) &&
		    !vlink(g, cells[c], cells[c + 1], "invis"))
			return -1;
	}
	if (x->timer >= 0 && (size_t)x->timer < v->ntimers)
		pending[x->timer] = x->tmark == DOT_T_ARM;
	return 0;
}

static const struct dot_legend_item legend[] = {
	{ "<FONT COLOR=\"" DOT_MUTED "\">——›</FONT>", NULL, "a frame the stack sent (left to right)" },
	{ "‹——", NULL, "a frame the stack received" },
	{ "<FONT COLOR=\"" COL_RETRANS "\">——›</FONT>", NULL,
	  "a retransmission: the RTO that expired and the backoff so far" },
	{ "<FONT COLOR=\"" COL_ARP "\">- - ›</FONT>", NULL, "ARP (address resolution)" },
	{ "seq / ack", NULL, "relative to each side's initial sequence number (its SYN's; else the first seen - 1)" },
	{ "&lt;mss ws sackOK ts&gt;", NULL, "the TCP options, in brief" },
	{ " ", COL_TIMER, "a timer column: pending from armed (+delay) to fired or cancelled" },
	{ "STATE", "#f3dc9b", "the stack's socket enters STATE (fill: the state's colour)" },
};

Agraph_t *dot_draw_ladder(const struct dot_ladder_view *v)
{
	Agraph_t *g = dot_graph_new("ladder", "TB", v->caption);
	char col[24][16];
	Agnode_t *prev[24], *cells[24];
	bool pending[24] = { 0 };
	size_t ncol, nth = 0;

	if (!g)
		return NULL;
	agattr(g, AGRAPH, DOT_S("nodesep"), DOT_S("0.25"));
	agattr(g, AGRAPH, DOT_S("ranksep"), DOT_S("0.12"));
	agattr(g, AGRAPH, DOT_S("forcelabels"), DOT_S("true"));
	ncol = columns(v, col, 24);
	for (size_t r = 0; r <= v->n; r++) {
		char name[32];
		Agraph_t *row;

		snprintf(name, sizeof(name), "row_%zu", r);
		row = agsubg(g, DOT_S(name), 1);
		if (!row)
			goto fail;
		dot_set(row, "rank", "same");
		if (r == 0 ? heads(g, row, v, col, ncol) : row_cells(g, row, v, r, col, ncol, cells))
			goto fail;
		if (r == 0) {
			for (size_t c = 0; c < ncol; c++)
				cells[c] = cell(g, NULL, col[c], 0);
			for (size_t c = 0; c + 1 < ncol; c++)
				if (!vlink(g, cells[c], cells[c + 1], "invis"))
					goto fail;
		} else if (row_links(g, v, r, col, ncol, prev, cells, pending) ||
			   (v->rows[r - 1].frame &&
			    frame_edge(g, cells[ncol - v->npeers - 1],
				       cells[ncol - v->npeers + v->rows[r - 1].peer], &v->rows[r - 1],
				       ++nth))) {
			goto fail;
		}
		memcpy(prev, cells, sizeof(prev));
	}
	if (dot_legend(g, prev[0], legend, sizeof(legend) / sizeof(legend[0])))
		goto fail;
	return g;
fail:
	agclose(g);
	return NULL;
}
