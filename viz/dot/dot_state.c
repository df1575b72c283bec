// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_state.c - the TCP state machine as the trace saw it: one node per
 * state met (filled with the state's colour), one edge per transition seen,
 * labelled with how many times.  States are created in the textbook order
 * (CLOSE, LISTEN, SYN_SENT, ... LAST_ACK) so CLOSE is on top and the
 * output is the same for the same counts.
 */
#include <stdlib.h>
#include <string.h>
#include "dot_graph.h"

static const char *const order[] = {
	"CLOSE", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT1",
	"FIN_WAIT2", "CLOSING", "TIME_WAIT", "CLOSE_WAIT", "LAST_ACK",
};
#define NORDER (sizeof(order) / sizeof(order[0]))

/* The rank of a state in the textbook order; unknown names after, by name. */
static int rank_of(const char *state)
{
	const char *n = dot_state_name(state);

	for (size_t i = 0; i < NORDER; i++)
		if (strcmp(n, order[i]) == 0)
			return (int)i;
	return (int)NORDER;
}

static int cmp_state(const char *a, const char *b)
{
	int ra = rank_of(a), rb = rank_of(b);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(dot_state_name(a), dot_state_name(b));
}

static int cmp_tr(const void *pa, const void *pb)
{
	const struct dot_transition *a = pa, *b = pb;
	int c = cmp_state(a->from, b->from);

	return c ? c : cmp_state(a->to, b->to);
}

/* The same transition, made by the same event. */
static int cmp_cause(const void *pa, const void *pb)
{
	const struct dot_transition *a = pa, *b = pb;
	int c = cmp_tr(a, b);

	return c ? c : strcmp(a->cause ? a->cause : "", b->cause ? b->cause : "");
}

static Agnode_t *state_node(Agraph_t *g, const char *state, const char *current)
{
	const char *name = dot_state_name(state);
	Agnode_t *n = agnode(g, DOT_S(name), 0);

	if (n)
		return n;
	n = dot_node(g, name);
	if (!n)
		return NULL;
	dot_set(n, "label", name);
	dot_set(n, "shape", "box");
	dot_set(n, "style", "rounded,filled");
	dot_set(n, "fillcolor", dot_state_colour(name));
	dot_set(n, "color", DOT_MUTED);
	dot_set(n, "margin", "0.08,0.03");
	dot_set(n, "penwidth", current && strcmp(dot_state_name(current), name) == 0 ? "2.5" : "0.8");
	return n;
}

/* Sort a copy of the transitions by (from, to, cause) and add up the
 * duplicates; returns the count.  One edge per (from, to) follows. */
static size_t merged(const struct dot_state_view *v, struct dot_transition *t)
{
	size_t n = 0;

	memcpy(t, v->t, v->n * sizeof(*t));
	qsort(t, v->n, sizeof(*t), cmp_cause);
	for (size_t i = 0; i < v->n; i++) {
		if (n && cmp_cause(&t[n - 1], &t[i]) == 0)
			t[n - 1].count += t[i].count;
		else
			t[n++] = t[i];
	}
	return n;
}

/* The label of the edge made of t[i..j): " 15 · tcp_time_wait", or with
 * each cause's count when there are several. */
static void edge_label(const struct dot_transition *t, size_t i, size_t j, char *buf, size_t len)
{
	unsigned long total = 0;
	size_t w;

	for (size_t k = i; k < j; k++)
		total += t[k].count;
	w = (size_t)snprintf(buf, len, " %lu", total);
	for (size_t k = i; k < j && w < len; k++) {
		if (j - i == 1)
			w += (size_t)snprintf(buf + w, len - w, " · %s", t[k].cause ? t[k].cause : "?");
		else
			w += (size_t)snprintf(buf + w, len - w, "%s%lu %s", k == i ? " · " : ", ",
					      t[k].count, t[k].cause ? t[k].cause : "?");
	}
}

static const struct dot_legend_item state_legend[] = {
	{ "N · EVENT", NULL, "N transitions seen, each made at the trace event EVENT (inet_sock_set_state, tcp_time_wait, ...)" },
	{ "thick outline", NULL, "the state the selected socket is in now (--socket, --connect)" },
	{ "SYN_SENT", "#f3dc9b", "fill: the phase (yellow opening, green ESTABLISHED, orange closing, violet TIME_WAIT, red CLOSE)" },
};

Agraph_t *dot_draw_state(const struct dot_state_view *v)
{
	Agraph_t *g = dot_graph_new("state", "TB", v->caption);
	struct dot_transition *t = calloc(v->n + 1, sizeof(*t));
	size_t n;

	if (!g || !t)
		goto fail;
	agattr(g, AGRAPH, DOT_S("nodesep"), DOT_S("0.3"));
	n = merged(v, t);
	/* Nodes first, in the textbook order, so the layout starts from CLOSE. */
	for (size_t s = 0; s <= NORDER; s++)
		for (size_t i = 0; i < n; i++) {
			if ((size_t)rank_of(t[i].from) == s && !state_node(g, t[i].from, v->current))
				goto fail;
			if ((size_t)rank_of(t[i].to) == s && !state_node(g, t[i].to, v->current))
				goto fail;
		}
	if (v->current && !state_node(g, v->current, v->current))
		goto fail;
	for (size_t i = 0, j; i < n; i = j) {
		Agedge_t *e = dot_edge(g, state_node(g, t[i].from, v->current), NULL,
				       state_node(g, t[i].to, v->current), NULL);
		char label[256];

		for (j = i + 1; j < n && cmp_tr(&t[i], &t[j]) == 0; j++)
			;
		if (!e)
			goto fail;
		edge_label(t, i, j, label, sizeof(label));
		dot_set(e, "label", label);
	}
	if (dot_legend(g, NULL, state_legend, sizeof(state_legend) / sizeof(state_legend[0])))
		goto fail;
	free(t);
	return g;
fail:
	free(t);
	if (g)
		agclose(g);
	return NULL;
}
