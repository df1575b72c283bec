// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_callpath.c - the call tree of one connect, from sys_connect down:
 * a tree growing to the right, children top to bottom in call order, each
 * step with the time spent in it (its _ret event's time minus its entry
 * event's; for a one-event step, the time until the next event of the
 * connect) and the value it returned when not 0, with its name when the
 * trace gives one (the err enum: "ret -99 EADDRNOTAVAIL").  Softirq work
 * that decided the connect (the SYN-ACK's tcp_v4_rcv, a RST, the retransmit
 * timer), run by the softirq thread or by the connecting thread's own busy
 * poll, hangs under the call it interrupted, its root marked "softirq".
 */
#include "dot_graph.h"

/* "12.4 µs", "3.21 ms", "850 ns". */
static void fmt_ns(char *buf, size_t len, int64_t ns)
{
	if (ns < 0)
		snprintf(buf, len, "?");
	else if (ns < 1000)
		snprintf(buf, len, "%lld ns", (long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.1f µs", (double)ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, len, "%.2f ms", (double)ns / 1e6);
	else
		snprintf(buf, len, "%.3f s", (double)ns / 1e9);
}

static void call_html(struct dot_buf *b, const struct dot_call *c)
{
	char t[32];

	fmt_ns(t, sizeof(t), c->exit_ns >= 0 ? c->exit_ns - c->entry_ns : -1);
	dot_buf_printf(b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"2\""
		       " COLOR=\"%s\"><TR><TD ALIGN=\"LEFT\"%s>", DOT_MUTED,
		       c->depth == 0 ? " BGCOLOR=\"" DOT_LIGHT "\"" : "");
	dot_buf_esc(b, c->name);
	dot_buf_printf(b, "</TD><TD ALIGN=\"RIGHT\"><FONT COLOR=\"%s\">%s</FONT></TD>", DOT_MUTED, t);
	if (c->attached)
		dot_buf_printf(b, "<TD><FONT COLOR=\"%s\">softirq</FONT></TD>", DOT_MUTED);
	if (c->has_ret && c->ret != 0) {
		dot_buf_printf(b, "<TD>ret %d", c->ret);
		if (c->ret_label) {
			dot_buf_printf(b, " ");
			dot_buf_esc(b, c->ret_label);
		}
		dot_buf_printf(b, "</TD>");
	}
	if (c->detail) {
		dot_buf_printf(b, "<TD BGCOLOR=\"%s\">", DOT_LIGHT);
		dot_buf_esc(b, c->detail);
		dot_buf_printf(b, "</TD>");
	}
	dot_buf_printf(b, "</TR></TABLE>");
}

static const struct dot_legend_item callpath_legend[] = {
	{ "name", DOT_LIGHT, "sys_connect, the root; its callees to the right, in call order top to bottom" },
	{ "<FONT COLOR=\"" DOT_MUTED "\">12.4 µs</FONT>", NULL, "time in the call (its _ret event minus its entry; a one-event step: until the next step)" },
	{ "ret -99 EADDRNOTAVAIL", NULL, "a return value other than 0" },
	{ "unique = 0", DOT_LIGHT, "a yes/no decision or a probe, shown even when 0 (port → verdict for each candidate)" },
};

/*
 * Each call's parent is the nearest earlier call one level up; @stack
 * keeps the latest node per depth while walking the pre-order array.
 */
Agraph_t *dot_draw_callpath(const struct dot_callpath_view *v)
{
	Agraph_t *g = dot_graph_new("callpath", "LR", v->caption);
	Agnode_t *stack[64] = { 0 };

	if (!g)
		return NULL;
	agattr(g, AGRAPH, DOT_S("ordering"), DOT_S("out"));
	agattr(g, AGRAPH, DOT_S("nodesep"), DOT_S("0.06"));
	agattr(g, AGRAPH, DOT_S("ranksep"), DOT_S("0.25"));
	for (size_t i = 0; i < v->n; i++) {
		const struct dot_call *c = &v->calls[i];
		unsigned d = c->depth < 63 ? c->depth : 63;
		struct dot_buf b = { 0 };
		char id[24];
		Agnode_t *n;
		int rc;

		snprintf(id, sizeof(id), "c%zu", i);
		n = dot_node(g, id);
		if (!n)
			goto fail;
		call_html(&b, c);
		rc = dot_set_html(g, n, &b);
		dot_buf_free(&b);
		if (rc)
			goto fail;
		if (d > 0 && stack[d - 1] && !dot_edge(g, stack[d - 1], "e", n, "w"))
			goto fail;
		stack[d] = n;
		for (unsigned k = d + 1; k < 64 && stack[k]; k++)
			stack[k] = NULL;
	}
	if (dot_legend(g, NULL, callpath_legend, sizeof(callpath_legend) / sizeof(callpath_legend[0])))
		goto fail;
	return g;
fail:
	agclose(g);
	return NULL;
}
