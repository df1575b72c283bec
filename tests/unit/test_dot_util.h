/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_dot_util.h - helpers for the viz/dot tests: look nodes, labels and
 * edges up in a cgraph graph, and write a graph to a string with agwrite.
 */
#ifndef CS_TEST_DOT_UTIL_H
#define CS_TEST_DOT_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../viz/dot/dot_graph.h"

static inline Agnode_t *tn_node(Agraph_t *g, const char *id)
{
	return agnode(g, DOT_S(id), 0);
}

/* The node's label ("" if the node is absent). */
static inline const char *tn_label(Agraph_t *g, const char *id)
{
	Agnode_t *n = tn_node(g, id);
	const char *l = n ? agget(n, DOT_S("label")) : NULL;

	return l ? l : "";
}

static inline const char *tn_attr(Agraph_t *g, const char *id, const char *attr)
{
	Agnode_t *n = tn_node(g, id);
	const char *v = n ? agget(n, DOT_S(attr)) : NULL;

	return v ? v : "";
}

/* The edge from -> to, or NULL. */
static inline Agedge_t *tn_edge(Agraph_t *g, const char *from, const char *to)
{
	Agnode_t *t = tn_node(g, from), *h = tn_node(g, to);

	return t && h ? agedge(g, t, h, NULL, 0) : NULL;
}

/* The edge's attribute ("" when absent, "<no edge>" when no edge). */
static inline const char *tn_edge_attr(Agraph_t *g, const char *from, const char *to,
				       const char *attr)
{
	Agedge_t *e = tn_edge(g, from, to);
	const char *v;

	if (!e)
		return "<no edge>";
	v = agget(e, DOT_S(attr));
	return v ? v : "";
}

/* agwrite into a malloc'ed string (free it). */
static inline char *tn_write(Agraph_t *g)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	if (!f)
		return NULL;
	agwrite(g, f);
	fclose(f);
	return s;
}

static inline int tn_has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* How many times @needle occurs in @hay. */
static inline int tn_count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

#endif
