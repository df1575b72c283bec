// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout.c - pane rectangles for a terminal size (see layout.h).
 */
#include <string.h>
#include "layout.h"

static struct vrect rect(int x, int y, int w, int h)
{
	struct vrect r = { x, y, w, h };

	return r;
}

/* Split the rows above the status line: Events at the bottom (a quarter,
 * 5 to 12 rows); above it two columns, the left 3/5 wide (Code over
 * Packets, 3:2), the right (Socket over Tables, half and half). */
static void layout_split(struct layout *l)
{
	int rows = l->h - 1;
	int ev = rows / 4, top, left, code, sock;

	if (ev < 5)
		ev = 5;
	if (ev > 12)
		ev = 12;
	top = rows - ev;
	left = l->w * 3 / 5;
	code = top * 3 / 5;
	sock = top / 2;
	if (sock < 9)
		sock = 9;
	l->pane[PANE_CODE] = rect(0, 0, left, code);
	l->pane[PANE_PACKETS] = rect(0, code, left, top - code);
	l->pane[PANE_SOCKET] = rect(left + 1, 0, l->w - left - 1, sock);
	l->pane[PANE_TABLES] = rect(left + 1, sock, l->w - left - 1, top - sock);
	l->pane[PANE_EVENTS] = rect(0, top, l->w, ev);
	l->sep_x = left;
	l->sep_y0 = 0;
	l->sep_y1 = top - 1;
}

/* The projector's layout: fewer, larger panes for a class.  Code over
 * the left 3/5 and Socket beside it, the top 3/5 of the rows; Packets
 * (as a ladder) the whole width below; no Tables, no Events. */
static void layout_projector(struct layout *l)
{
	int rows = l->h - 1, top = rows * 3 / 5, left = l->w * 3 / 5;

	l->pane[PANE_CODE] = rect(0, 0, left, top);
	l->pane[PANE_SOCKET] = rect(left + 1, 0, l->w - left - 1, top);
	l->pane[PANE_PACKETS] = rect(0, top, l->w, rows - top);
	l->sep_x = left;
	l->sep_y0 = 0;
	l->sep_y1 = top - 1;
}

void layout_compute(struct layout *l, int w, int h, int zoom, bool projector)
{
	memset(l, 0, sizeof(*l));
	l->w = w;
	l->h = h;
	l->zoom = zoom >= 0 && zoom < PANE_COUNT ? zoom : -1;
	l->sep_x = -1;
	l->too_small = w < VIEW_MIN_W || h < VIEW_MIN_H;
	l->status = rect(0, h - 1, w, 1);
	if (l->too_small)
		return;
	if (l->zoom >= 0) {
		l->pane[l->zoom] = rect(0, 0, w, h - 1);
		return;
	}
	if (projector)
		layout_projector(l);
	else
		layout_split(l);
}

struct vrect layout_body(const struct layout *l, int pane)
{
	struct vrect r = l->pane[pane];

	if (r.h > 0) {
		r.y++;
		r.h--;
	}
	return r;
}
