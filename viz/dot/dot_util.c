// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_util.c - the pieces every diagram shares: a growable string for
 * HTML-like labels, the slide style, state colours, the socket record,
 * the "+N more" node (the arena the views borrow from is dot_arena.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "dot_graph.h"

void dot_buf_vprintf(struct dot_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (b->oom)
		return;
	va_copy(ap2, ap);
	n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if (!b->s || b->len + (size_t)n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *s;

		while (cap < b->len + (size_t)n + 1)
			cap *= 2;
		s = realloc(b->s, cap);
		if (!s) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void dot_buf_printf(struct dot_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dot_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Text inside an HTML-like label: &, < and > must be entities. */
void dot_buf_esc(struct dot_buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&': dot_buf_printf(b, "&amp;"); break;
		case '<': dot_buf_printf(b, "&lt;"); break;
		case '>': dot_buf_printf(b, "&gt;"); break;
		case '"': dot_buf_printf(b, "&quot;"); break;
		default: dot_buf_printf(b, "%c", *p); break;
		}
	}
}

void dot_buf_free(struct dot_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void dot_set(void *obj, const char *attr, const char *value)
{
	agsafeset(obj, DOT_S(attr), DOT_S(value), DOT_S(""));
}

int dot_set_html(Agraph_t *g, void *obj, const struct dot_buf *b)
{
	char *h;

	if (b->oom || !b->s)
		return -1;
	h = agstrdup_html(g, b->s);
	if (!h)
		return -1;
	agsafeset(obj, DOT_S("label"), h, DOT_S(""));
	agstrfree(g, h);
	return 0;
}

/*
 * The slide style: small Helvetica, tight spacing, thin grey edges, nodes
 * as HTML tables without their own outline.  @caption goes top left.
 */
Agraph_t *dot_graph_new(const char *name, const char *rankdir, const char *caption)
{
	Agraph_t *g = agopen(DOT_S(name), Agdirected, NULL);

	if (!g)
		return NULL;
	agattr(g, AGRAPH, DOT_S("rankdir"), DOT_S(rankdir));
	agattr(g, AGRAPH, DOT_S("nodesep"), DOT_S("0.12"));
	agattr(g, AGRAPH, DOT_S("ranksep"), DOT_S("0.3"));
	agattr(g, AGRAPH, DOT_S("margin"), DOT_S("0.1"));
	agattr(g, AGRAPH, DOT_S("fontname"), DOT_S("Helvetica"));
	agattr(g, AGRAPH, DOT_S("fontsize"), DOT_S("11"));
	agattr(g, AGRAPH, DOT_S("fontcolor"), DOT_S(DOT_INK));
	agattr(g, AGRAPH, DOT_S("labelloc"), DOT_S("t"));
	agattr(g, AGRAPH, DOT_S("labeljust"), DOT_S("l"));
	agattr(g, AGRAPH, DOT_S("label"), DOT_S(caption ? caption : ""));
	agattr(g, AGNODE, DOT_S("shape"), DOT_S("plaintext"));
	agattr(g, AGNODE, DOT_S("margin"), DOT_S("0"));
	agattr(g, AGNODE, DOT_S("fontname"), DOT_S("Helvetica"));
	agattr(g, AGNODE, DOT_S("fontsize"), DOT_S("10"));
	agattr(g, AGNODE, DOT_S("fontcolor"), DOT_S(DOT_INK));
	agattr(g, AGEDGE, DOT_S("arrowsize"), DOT_S("0.5"));
	agattr(g, AGEDGE, DOT_S("color"), DOT_S(DOT_MUTED));
	agattr(g, AGEDGE, DOT_S("penwidth"), DOT_S("0.8"));
	agattr(g, AGEDGE, DOT_S("fontname"), DOT_S("Helvetica"));
	agattr(g, AGEDGE, DOT_S("fontsize"), DOT_S("9"));
	agattr(g, AGEDGE, DOT_S("fontcolor"), DOT_S(DOT_MUTED));
	return g;
}

Agnode_t *dot_node(Agraph_t *g, const char *id)
{
	return agnode(g, DOT_S(id), 1);
}

Agedge_t *dot_edge(Agraph_t *g, Agnode_t *tail, const char *tport, Agnode_t *head,
		   const char *hport)
{
	Agedge_t *e;

	if (!tail || !head)
		return NULL;
	e = agedge(g, tail, head, NULL, 1);
	if (!e)
		return NULL;
	if (tport)
		dot_set(e, "tailport", tport);
	if (hport)
		dot_set(e, "headport", hport);
	return e;
}

const char *dot_state_name(const char *state)
{
	if (!state)
		return "?";
	return strncmp(state, "TCP_", 4) == 0 ? state + 4 : state;
}

/* Muted fills, one family per phase of a connection's life. */
const char *dot_state_colour(const char *state)
{
	static const struct { const char *name, *colour; } map[] = {
		{ "ESTABLISHED", "#b7dcb0" },
		{ "SYN_SENT", "#f3dc9b" },
		{ "SYN_RECV", "#f3dc9b" },
		{ "FIN_WAIT1", "#f4c7a6" },
		{ "FIN_WAIT2", "#f4c7a6" },
		{ "CLOSING", "#f4c7a6" },
		{ "CLOSE_WAIT", "#f4c7a6" },
		{ "LAST_ACK", "#f4c7a6" },
		{ "TIME_WAIT", "#cfd0ea" },
		{ "CLOSE", "#e8b4b4" },
		{ "LISTEN", "#b3cce6" },
	};
	const char *n = dot_state_name(state);

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(n, map[i].name) == 0)
			return map[i].colour;
	return "#ffffff";
}

void dot_sock_id(const struct dot_sock *s, char *id, size_t len)
{
	snprintf(id, len, "%s%u", s->tw ? "tw" : "sk", s->id);
}

/*
 * A chain entry: id, state (and the extra line's text, small) on top, the
 * 4-tuple below, a "next" cell on the right that the chain's edge leaves
 * from.  A highlighted socket (@hl_line not NULL) gets a thick border in the
 * muted colour and one more line saying why it is where it is (the hash
 * that chose its slot).
 */
void dot_sock_html(struct dot_buf *b, const struct dot_sock *s, const char *hl_line)
{
	int highlight = hl_line != NULL, cols = 2 + (s->extra != NULL);
	const uint8_t *sa = s->saddr, *da = s->daddr;

	dot_buf_printf(b, "<TABLE BORDER=\"%d\" COLOR=\"%s\" CELLBORDER=\"1\" CELLSPACING=\"0\""
		       " CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\"><B>%s %u</B></TD>",
		       highlight ? 2 : 0, DOT_MUTED, s->tw ? "tw" : "sk", s->id);
	dot_buf_printf(b, "<TD BGCOLOR=\"%s\">", dot_state_colour(s->state));
	dot_buf_esc(b, dot_state_name(s->state));
	dot_buf_printf(b, "</TD>");
	if (s->extra) {
		dot_buf_printf(b, "<TD><FONT COLOR=\"%s\" POINT-SIZE=\"9\">", DOT_MUTED);
		dot_buf_esc(b, s->extra);
		dot_buf_printf(b, "</FONT></TD>");
	}
	dot_buf_printf(b, "<TD PORT=\"next\" ROWSPAN=\"%d\"><FONT COLOR=\"%s\">next</FONT></TD></TR>",
		       2 + highlight, DOT_MUTED);
	dot_buf_printf(b, "<TR><TD COLSPAN=\"%d\">%u.%u.%u.%u:%u → %u.%u.%u.%u:%u</TD></TR>", cols,
		       sa[0], sa[1], sa[2], sa[3], s->sport, da[0], da[1], da[2], da[3], s->dport);
	if (highlight) {
		dot_buf_printf(b, "<TR><TD COLSPAN=\"%d\" BGCOLOR=\"%s\"><FONT COLOR=\"%s\">",
			       cols, DOT_LIGHT, DOT_MUTED);
		dot_buf_esc(b, hl_line);
		dot_buf_printf(b, "</FONT></TD></TR>");
	}
	dot_buf_printf(b, "</TABLE>");
}

/*
 * Which of @n slots get a row: the first @limit (0: all), but the slot at
 * position @must (n: none) always; it replaces the last when it would be cut.
 */
void dot_pick_slots(size_t n, size_t limit, size_t must, char *shown)
{
	size_t last = 0;

	if (!limit)
		limit = n;
	for (size_t i = 0; i < n; i++) {
		shown[i] = i < limit;
		if (shown[i])
			last = i;
	}
	if (must < n && !shown[must]) {
		shown[last] = 0;
		shown[must] = 1;
	}
}

/* The folded row standing for @n slots between two drawn rows, @used of
 * them in use but not drawn (cut by --max-slots). */
void dot_gap_row(struct dot_buf *b, uint32_t n, size_t used)
{
	if (!n)
		return;
	dot_buf_printf(b, "<TR><TD BORDER=\"0\"><FONT COLOR=\"%s\" POINT-SIZE=\"9\">", DOT_MUTED);
	if (used)
		dot_buf_printf(b, "… %u slots, +%zu more in use …", n, used);
	else
		dot_buf_printf(b, "… %u empty …", n);
	dot_buf_printf(b, "</FONT></TD></TR>");
}

void dot_array_open(struct dot_buf *b, const char *name, uint32_t size)
{
	dot_buf_printf(b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\""
		       " COLOR=\"%s\"><TR><TD BGCOLOR=\"%s\"><B>%s</B> [%u]</TD></TR>",
		       DOT_MUTED, DOT_LIGHT, name, size);
}

int dot_array_close(Agraph_t *g, Agnode_t *n, struct dot_buf *b, uint32_t size,
		    uint32_t next, size_t used, size_t nslots)
{
	int rc;

	if (size > next || used)
		dot_gap_row(b, size > next ? size - next : 0, used);
	if (!nslots)
		dot_buf_printf(b, "<TR><TD BORDER=\"0\"><FONT COLOR=\"%s\">(all empty)</FONT></TD></TR>",
			       DOT_MUTED);
	dot_buf_printf(b, "</TABLE>");
	rc = n ? dot_set_html(g, n, b) : -1;
	dot_buf_free(b);
	return rc;
}

int dot_more_node(Agraph_t *g, const char *table, uint32_t slot, Agnode_t *last,
		  const char *tport, size_t more)
{
	char id[64], label[32];
	Agnode_t *n;
	Agedge_t *e;

	snprintf(id, sizeof(id), "more_%.20s_%u", table, slot);
	snprintf(label, sizeof(label), "+%zu more", more);
	n = dot_node(g, id);
	if (!n)
		return -1;
	dot_set(n, "label", label);
	dot_set(n, "fontcolor", DOT_MUTED);
	e = dot_edge(g, last, tport, n, NULL);
	if (!e)
		return -1;
	dot_set(e, "style", "dashed");
	return 0;
}

int dot_legend(Agraph_t *g, Agnode_t *anchor, const struct dot_legend_item *items, size_t n)
{
	struct dot_buf b = { 0 };
	Agnode_t *l = dot_node(g, "legend");
	int rc;

	if (!l)
		return -1;
	dot_buf_printf(&b, "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\""
		       " COLOR=\"%s\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>legend</B></TD></TR>",
		       DOT_MUTED);
	for (size_t i = 0; i < n; i++) {
		dot_buf_printf(&b, "<TR><TD ALIGN=\"LEFT\"%s%s%s>%s</TD><TD ALIGN=\"LEFT\">",
			       items[i].bg ? " BGCOLOR=\"" : "", items[i].bg ? items[i].bg : "",
			       items[i].bg ? "\"" : "", items[i].key);
		dot_buf_esc(&b, items[i].meaning);
		dot_buf_printf(&b, "</TD></TR>");
	}
	dot_buf_printf(&b, "</TABLE>");
	rc = dot_set_html(g, l, &b);
	dot_buf_free(&b);
	if (!rc && anchor) {
		Agedge_t *e = dot_edge(g, anchor, NULL, l, NULL);

		if (!e)
			return -1;
		dot_set(e, "style", "invis");
	}
	return rc;
}

/* "mss 1460 sack ts ws 7": the options in brief. */
void dot_tcp_options(const uint8_t *opt, size_t optlen, char *buf, size_t len)
{
	size_t k = 0, w = 0;

	buf[0] = 0;
	while (k < optlen && w + 24 < len) {
		const uint8_t *o = opt + k;
		uint8_t kind = o[0], l = kind <= 1 ? 1 : (k + 1 < optlen ? o[1] : 0);

		if (kind == 0 || l == 0 || k + l > optlen)
			break;
		if (kind == 2 && l == 4)
			w += (size_t)snprintf(buf + w, len - w, " mss %u", (unsigned)(o[2] << 8 | o[3]));
		else if (kind == 3 && l == 3)
			w += (size_t)snprintf(buf + w, len - w, " ws %u", o[2]);
		else if (kind == 4)
			w += (size_t)snprintf(buf + w, len - w, " sackOK");
		else if (kind == 5)
			w += (size_t)snprintf(buf + w, len - w, " sack");
		else if (kind == 8)
			w += (size_t)snprintf(buf + w, len - w, " ts");
		k += l;
	}
}

/* "SYN,ACK": the flag byte by name, in tshark's order. */
void dot_tcp_flags(uint8_t fl, char *buf, size_t len)
{
	static const char *const names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR" };
	static const int order[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	size_t w = 0;

	buf[0] = 0;
	for (size_t i = 0; i < 8; i++)
		if (fl & (1u << order[i]))
			w += (size_t)snprintf(buf + w, len - w, "%s%s", w ? "," : "", names[order[i]]);
}
