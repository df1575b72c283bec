// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_events.c - the Events pane: the raw event log around the current
 * event (past above it, what comes next below, dimmed), filtered by the
 * '/' word and, with F, by the selected socket.
 */
#include <stdio.h>
#include <string.h>
#include "model.h"
#include "panes.h"

/* How many events a filtered list looks through, each way, per frame. */
#define EVENTS_SCAN 20000

/* Does event @i pass the filter (and the followed socket)? */
static bool event_shown(struct view *v, size_t i, char *line, size_t len)
{
	if (model_event_get(v->m, i, v->ev))
		return false;
	if (v->follow && event_socket(v->ev) != v->sel_sock)
		return false;
	event_format(v, i, v->ev, line, len);
	return !v->filter[0] || strstr(line, v->filter);
}

#define EVENTS_ROWS_MAX 256

/* Up to @max shown events from @from going @dir (1 or -1), nearest first. */
static int collect(struct view *v, size_t from, int dir, size_t *out, int max)
{
	size_t n = view_count(v), scanned = 0;
	char line[1024];
	int k = 0;

	for (size_t i = from; k < max && scanned < EVENTS_SCAN; scanned++) {
		if (dir > 0 ? i + 1 >= n : i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
		if (event_shown(v, i, line, sizeof(line)))
			out[k++] = i;
	}
	return k;
}

static void draw_event(struct view *v, struct vscreen *s, const struct vrect *r, int row,
		       size_t i, int attr)
{
	char line[1024];

	line[0] = attr == VA_CURRENT ? '>' : ' ';
	if (!event_shown(v, i, line + 1, sizeof(line) - 1) && attr == VA_CURRENT)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "  (filtered out)");
	pane_line(s, r, row, attr, v->hscroll[PANE_EVENTS], line);
}

void pane_events_draw(struct view *v, struct vscreen *s, const struct vrect *r)
{
	size_t past[EVENTS_ROWS_MAX], next[EVENTS_ROWS_MAX];
	int above = r->h * 2 / 3, np, nn;

	if (!view_count(v)) {
		pane_line(s, r, 0, VA_DIM, 0, v->loading ? "waiting for events" : "no event");
		return;
	}
	if (above + v->scroll[PANE_EVENTS] > EVENTS_ROWS_MAX)
		v->scroll[PANE_EVENTS] = EVENTS_ROWS_MAX - above;
	np = collect(v, v->pos, -1, past, above + v->scroll[PANE_EVENTS]);
	if (v->scroll[PANE_EVENTS] > np)
		v->scroll[PANE_EVENTS] = np;
	if (np < above + v->scroll[PANE_EVENTS])	/* near the start: no blank rows */
		above = np - v->scroll[PANE_EVENTS];
	nn = collect(v, v->pos, 1, next, r->h < EVENTS_ROWS_MAX ? r->h : EVENTS_ROWS_MAX);
	for (int row = 0; row < r->h; row++) {
		int off = row - above - v->scroll[PANE_EVENTS];

		if (off < 0 && -off - 1 < np)
			draw_event(v, s, r, row, past[-off - 1], VA_NORMAL);
		else if (off == 0)
			draw_event(v, s, r, row, v->pos, VA_CURRENT);
		else if (off > 0 && off - 1 < nn)
			draw_event(v, s, r, row, next[off - 1], VA_DIM);
	}
}

void pane_events_title(struct view *v, char *buf, size_t len)
{
	if (v->filter[0])
		snprintf(buf, len, "filter \"%s\"%s", v->filter, v->follow ? ", socket only" : "");
	else if (v->follow)
		snprintf(buf, len, "socket %u only", v->sel_sock);
}
