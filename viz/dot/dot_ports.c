// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_ports.c - the port search of one connect as one table (node
 * "ports"): the inputs of __inet_hash_connect (port_offset, the hint
 * before and after, offset, low, high, remaining), then one row per
 * candidate: i, the port, the formula's port (low + (i + offset) %
 * remaining, recomputed), its bhash slot, the verdict and who refused it.
 * The taken candidate is filled; rows past --max-slots fold into one, the
 * taken one is always drawn.  A legend says what each verdict met means.
 */
#include <string.h>
#include "dot_graph.h"

#define COL_TAKEN "#b7dcb0"
#define COL_NO    "#a33a3a"

static const struct { const char *verdict, *meaning; } verdicts[] = {
	{ "reserved", "in ip_local_reserved_ports: skipped without a look at bhash" },
	{ "bind_bucket_bind_user", "the port's bucket was made by bind(): connect() never shares it" },
	{ "established_conflict", "a connect()-made bucket, but the 4-tuple is in use (or a TIME-WAIT socket may not be reused)" },
	{ "tw_reuse", "taken: a TIME-WAIT socket had the 4-tuple and tcp_twsk_unique let it be recycled" },
	{ "ok_existing_bucket", "taken: shares a connect()-made bucket, the 4-tuple is unique" },
	{ "ok_new_bucket", "taken: the port was unused; a bucket with fastreuse -1, fastreuseport -1 was made" },
	{ "bucket_alloc_failed", "no memory for a bucket: the search stops" },
};
#define NVERDICTS (sizeof(verdicts) / sizeof(verdicts[0]))

static void head(struct dot_buf *b, const struct dot_ports_view *v)
{
	dot_buf_printf(b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\""
		       " COLOR=\"%s\">", DOT_MUTED);
	dot_buf_printf(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\" BGCOLOR=\"%s\">"
		       "<B>__inet_hash_connect</B> of sk %u</TD></TR>", DOT_LIGHT, v->sk_id);
	dot_buf_printf(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\">port_offset 0x%08X"
		       " (secure_ipv4_port_ephemeral of saddr, daddr, dport)</TD></TR>", v->port_offset);
	dot_buf_printf(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\">hint %u → %u (before → after the search)"
		       "</TD></TR>", v->hint_before, v->hint_after);
	dot_buf_printf(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\">offset = hint + port_offset = %u"
		       " (mod 2<SUP>32</SUP>)</TD></TR>", v->offset);
	dot_buf_printf(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\">low %u · high %u · remaining %u"
		       " (ip_local_port_range)</TD></TR>", v->low, v->high, v->remaining);
	dot_buf_printf(b, "<TR><TD><B>i</B></TD><TD><B>port</B></TD>"
		       "<TD><B>low + (i + offset) %% remaining</B></TD><TD><B>bhash slot</B></TD>"
		       "<TD><B>verdict</B></TD><TD><B>refused by</B></TD></TR>");
}

static void probe_row(struct dot_buf *b, const struct dot_probe *p)
{
	const char *bg = p->taken ? " BGCOLOR=\"" COL_TAKEN "\"" : "";

	dot_buf_printf(b, "<TR><TD ALIGN=\"RIGHT\"%s>%u</TD><TD ALIGN=\"RIGHT\"%s PORT=\"p%u\">%u</TD>"
		       "<TD ALIGN=\"RIGHT\"%s>%u%s</TD><TD ALIGN=\"RIGHT\"%s>%u</TD>",
		       bg, p->i, bg, p->i, p->port, bg, p->expect, p->expect == p->port ? "" : " (≠)",
		       bg, p->bhash);
	dot_buf_printf(b, "<TD ALIGN=\"LEFT\"%s><FONT COLOR=\"%s\">", bg, p->taken ? DOT_INK : COL_NO);
	dot_buf_esc(b, p->verdict);
	dot_buf_printf(b, "</FONT></TD><TD ALIGN=\"LEFT\"%s>", bg);
	dot_buf_esc(b, p->why ? p->why : "");
	dot_buf_printf(b, "</TD></TR>");
}

/* The rows drawn: the first @limit - 1 and the taken one (else the last);
 * the others fold into one row. */
static void rows(struct dot_buf *b, const struct dot_ports_view *v, size_t limit)
{
	size_t keep = v->n ? v->n - 1 : 0;
	bool folded = false;

	for (size_t i = 0; i < v->n; i++)
		if (v->probes[i].taken)
			keep = i;
	for (size_t i = 0; i < v->n; i++) {
		if (!limit || i + 1 < limit || i == keep) {
			probe_row(b, &v->probes[i]);
		} else if (!folded) {
			dot_buf_printf(b, "<TR><TD COLSPAN=\"6\"><FONT COLOR=\"%s\">… candidates"
				       " not drawn (--max-slots %zu) …</FONT></TD></TR>", DOT_MUTED, limit);
			folded = true;
		}
	}
	dot_buf_printf(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\"><B>%s</B>: ", v->ret ? v->ret : "?");
	if (v->port)
		dot_buf_printf(b, "port %u after %zu candidate%s", v->port, v->n, v->n == 1 ? "" : "s");
	else
		dot_buf_printf(b, "no port after %zu candidates", v->n);
	dot_buf_printf(b, "</TD></TR></TABLE>");
}

/* The legend: the verdicts this search met. */
static int verdict_legend(Agraph_t *g, Agnode_t *anchor, const struct dot_ports_view *v)
{
	struct dot_legend_item items[NVERDICTS + 1];
	size_t n = 0;

	items[n++] = (struct dot_legend_item){ " ", COL_TAKEN, "the candidate taken" };
	for (size_t k = 0; k < NVERDICTS; k++)
		for (size_t i = 0; i < v->n; i++)
			if (!strcmp(v->probes[i].verdict, verdicts[k].verdict)) {
				items[n++] = (struct dot_legend_item){ verdicts[k].verdict, NULL,
								       verdicts[k].meaning };
				break;
			}
	return dot_legend(g, anchor, items, n);
}

Agraph_t *dot_draw_ports(const struct dot_ports_view *v, const struct dot_opts *o)
{
	Agraph_t *g = dot_graph_new("ports", "TB", v->caption);
	struct dot_buf b = { 0 };
	Agnode_t *n;
	int rc;

	if (!g)
		return NULL;
	n = dot_node(g, "ports");
	head(&b, v);
	rows(&b, v, o->max_slots);
	rc = n ? dot_set_html(g, n, &b) : -1;
	dot_buf_free(&b);
	if (rc || verdict_legend(g, n, v)) {
		agclose(g);
		return NULL;
	}
	return g;
}
