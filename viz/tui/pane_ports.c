// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_ports.c - the Tables pane's port search mode (S): the ephemeral
 * port search of the panes' socket's latest connect begun by the current
 * event, as __inet_hash_connect made it: port_offset, the hint before and
 * after, offset, low, high, remaining, then every candidate i -> port ->
 * bhash slot -> verdict and who refused it.  The data comes from viz/dot's
 * dot_fill_ports (pure data, no Graphviz), the same as connscope-dot
 * --view ports draws.
 */
#include <stdio.h>
#include <string.h>
#include "../dot/dot_export.h"
#include "model.h"
#include "panes.h"

/* The latest connect tree of @sk begun at or before event @pos, NULL if none. */
static const struct model_calltree *tree_of(struct view *v, uint32_t sk)
{
	const struct model_calltree *best = NULL;
	size_t n = model_calltree_count(v->m);

	for (size_t i = 0; i < n; i++) {
		const struct model_calltree *t = model_calltree_at(v->m, i);

		if (t && t->is_connect && t->first_index <= v->pos && t->sk_id == sk)
			best = t;
	}
	return best;
}

/* The candidates, one row each; who refused one on the row under it. */
static void put_probes(struct pane_rows *o, const struct dot_ports_view *p)
{
	pane_put(o, VA_BOLD, "%4s %5s %5s %s", "i", "port", "bhash", "verdict");
	for (size_t i = 0; i < p->n && !pane_full(o); i++) {
		const struct dot_probe *c = &p->probes[i];

		pane_put(o, c->taken ? VA_GOOD : VA_BAD, "%4u %5u %5u %s%s", c->i, c->port, c->bhash,
			 c->verdict, c->expect == c->port ? "" : " (port != formula)");
		if (c->why)
			pane_put(o, VA_DIM, "  refused: %s", c->why);
	}
}

static void put_search(struct pane_rows *o, const struct dot_scene *sc, size_t pos)
{
	const struct dot_ports_view *p = &sc->ports;

	pane_put(o, VA_BOLD, "sk%u __inet_hash_connect", p->sk_id);
	pane_put(o, VA_NORMAL, "port_offset 0x%08x", p->port_offset);
	if (p->ret)
		pane_put(o, VA_NORMAL, "hint %u -> %u", p->hint_before, p->hint_after);
	else
		pane_put(o, VA_NORMAL, "hint %u -> (searching)", p->hint_before);
	pane_put(o, VA_NORMAL, "offset 0x%08x = hint + port_offset", p->offset);
	pane_put(o, VA_NORMAL, "low %u high %u remaining %u", p->low, p->high, p->remaining);
	pane_put(o, VA_DIM, "port: low + (i + offset) %% remaining");
	put_probes(o, p);
	if (p->ret && p->port)
		pane_put(o, VA_GOOD, "-> %s: port %u after %zu candidate%s", p->ret, p->port, p->n,
			 p->n == 1 ? "" : "s");
	else if (p->ret)
		pane_put(o, VA_BAD, "-> %s: no port after %zu candidate%s", p->ret, p->n,
			 p->n == 1 ? "" : "s");
	else
		pane_put(o, VA_DIM, "(the search runs on after event %zu)", pos);
}

/* The search of @sk's connect, its events up to the current one (the
 * tree cut at v->pos: a search under way shows the candidates so far). */
void pane_ports_draw(struct view *v, struct pane_rows *o, uint32_t sk)
{
	const struct model_calltree *t = sk ? tree_of(v, sk) : NULL;
	struct model_calltree cut;
	struct dot_scene sc;
	int rc;

	if (!t) {
		if (sk)
			pane_put(o, VA_DIM, "sk%u made no connect yet", sk);
		else
			pane_put(o, VA_DIM, "no socket");
		return;
	}
	cut = *t;
	if (cut.last_index > v->pos)
		cut.last_index = v->pos;
	memset(&sc, 0, sizeof(sc));
	rc = dot_fill_ports(&sc, v->m, &cut);
	if (rc)
		pane_put(o, VA_DIM, "out of memory");
	else if (sc.has_ports)
		put_search(o, &sc, v->pos);
	else if (t->last_index > v->pos && strstr(sc.ports_why, "made no port search"))
		pane_put(o, VA_DIM, "sk%u's connect has not searched a port yet", sk);
	else
		pane_put(o, VA_DIM, "%s", sc.ports_why);
	dot_scene_free(&sc);
}
