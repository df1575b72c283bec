/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * layout.h - where each pane goes for a given terminal size.
 *
 *   +-- Code ------------------+-- Socket ----------+
 *   |                          |                    |
 *   |                          +-- Tables ----------+
 *   +-- Packets ---------------+                    |
 *   |                          |                    |
 *   +-- Events --------------------------------------+
 *   status line
 *
 * --projector shows Code and Socket side by side over Packets, nothing
 * else.  Each pane is a title row and its content below.  A zoomed pane takes the
 * whole screen but the status line.  Below VIEW_MIN_W x VIEW_MIN_H the
 * layout says "too small" and the viewer shows a message instead.
 */
#ifndef VIEW_LAYOUT_H
#define VIEW_LAYOUT_H

#include <stdbool.h>
#include "vscreen.h"

#define VIEW_MIN_W 80
#define VIEW_MIN_H 24

enum pane_id {
	PANE_CODE,
	PANE_SOCKET,
	PANE_TABLES,
	PANE_PACKETS,
	PANE_EVENTS,
	PANE_COUNT
};

struct layout {
	int w, h;
	int too_small;
	int zoom;			/* the zoomed pane, -1 when none */
	struct vrect pane[PANE_COUNT];	/* title row included; w = 0 when hidden */
	struct vrect status;
	int sep_x;			/* column of the vertical separator, -1 if none */
	int sep_y0, sep_y1;		/* its rows */
};

/* @projector: the layout of --projector (Code, Socket, Packets only). */
void layout_compute(struct layout *l, int w, int h, int zoom, bool projector);
/* The content of a pane: its rectangle without the title row. */
struct vrect layout_body(const struct layout *l, int pane);

#endif
