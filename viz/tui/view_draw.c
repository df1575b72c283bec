// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_draw.c - compose the whole screen: pane titles and contents, the
 * separators, the status line, the help screen, the filter prompt, and
 * the "terminal too small" message.
 */
#include <stdio.h>
#include <string.h>
#include "keys.h"
#include "model.h"
#include "panes.h"

void pane_title_extra(struct view *v, int pane, char *buf, size_t len)
{
	buf[0] = '\0';
	if (pane >= 0 && pane < PANE_COUNT && view_panes[pane].title)
		view_panes[pane].title(v, buf, len);
}

/* "== Code == core/x.c:12 f() ========" for the focused pane, with '-'
 * for the others (line cells: the terminal draws them as lines). */
static void draw_title(struct view *v, struct vscreen *s, int pane)
{
	struct vrect r = v->lay.pane[pane];
	bool focus = pane == v->focus;
	int at = focus ? VA_TITLE_FOCUS : VA_TITLE;
	char extra[256], buf[400];
	struct vrect row = { r.x, r.y, r.w, 1 };

	vs_fill(s, &row, focus ? '=' : VS_HLINE, at);
	pane_title_extra(v, pane, extra, sizeof(extra));
	snprintf(buf, sizeof(buf), " %s%s ", pane_name(pane), focus && v->zoom < 0 ? " *" : "");
	vs_puts(s, &row, r.x + 1, r.y, at, buf);
	if (extra[0]) {
		snprintf(buf, sizeof(buf), " %s ", extra);
		vs_puts(s, &row, r.x + 3 + (int)strlen(pane_name(pane)) +
			(focus && v->zoom < 0 ? 2 : 0) + 2, r.y, at, buf);
	}
}

static void draw_status(struct view *v, struct vscreen *s)
{
	struct vrect r = v->lay.status;
	size_t n = view_count(v);
	uint64_t t0 = model_event_ts(v->m, 0), t = n ? model_event_ts(v->m, v->pos) : 0;
	char buf[512], speed[64];
	int x;

	vs_fill(s, &r, ' ', VA_STATUS);
	if (v->editing) {
		snprintf(buf, sizeof(buf), " %s: %s_   (enter: %s, esc: cancel)",
			 v->edit_goto ? "go to event" : "filter events", v->edit,
			 v->edit_goto ? "go" : "apply");
		vs_puts(s, &r, 0, r.y, VA_STATUS, buf);
		return;
	}
	if (view_speeds[v->speed] > 0)
		snprintf(speed, sizeof(speed), "%g\xc3\x97", view_speeds[v->speed]);
	else
		snprintf(speed, sizeof(speed), "max speed");
	x = vs_puts(s, &r, 0, r.y, v->paused ? VA_PAUSED : VA_STATUS,
		    v->paused ? " PAUSED " : v->live ? " LIVE " : " PLAYING ");
	snprintf(buf, sizeof(buf), " event %zu/%zu | +%.6f s | %s | ", n ? v->pos : 0, n,
		 t >= t0 ? (double)(t - t0) / 1e9 : 0.0, speed);
	x = vs_puts(s, &r, x, r.y, VA_STATUS, buf);
	if (v->msg[0])
		x = vs_puts(s, &r, x, r.y, v->error ? VA_ERROR : VA_STATUS, v->msg);
	else
		x = vs_puts(s, &r, x, r.y, VA_STATUS, v->loading ? "loading" : "? help");
	view_process_status(v, speed, sizeof(speed));
	x = vs_puts(s, &r, x, r.y, VA_STATUS, speed);
	snprintf(buf, sizeof(buf), " | %s %s", v->live ? "live" : "replay",
		 v->source ? v->source : "-");
	vs_puts(s, &r, x, r.y, VA_STATUS, buf);
}

/* Line @i of the help: a key of the table, a blank, a pane of the pane
 * table. */
static void help_line(struct vscreen *s, const struct vrect *r, int row, size_t i)
{
	if (i < view_nkeys) {
		vs_printf(s, r, 2, row, VA_SELECT, "%-6s", view_keys[i].name);
		vs_puts(s, r, 10, row, VA_NORMAL, view_keys[i].help);
	} else if (i > view_nkeys && i - view_nkeys - 1 < PANE_COUNT) {
		i -= view_nkeys + 1;
		vs_printf(s, r, 2, row, VA_DIM, "%s: %s", view_panes[i].name, view_panes[i].legend);
	}
}

/* The help screen, written from the key table and the pane table; when
 * it does not fit, a page of it and a last row saying where it is. */
static void draw_help(struct view *v, struct vscreen *s)
{
	struct vrect r = { 0, 0, s->w, s->h - 1 }, top = { 0, 0, s->w, 1 };
	int total = (int)view_nkeys + 1 + PANE_COUNT, rows = r.h - 1;

	vs_fill(s, &r, ' ', VA_NORMAL);
	vs_fill(s, &top, '=', VA_TITLE_FOCUS);
	vs_puts(s, &top, 1, 0, VA_TITLE_FOCUS, " Help: connscope-view keys (q or ? closes) ");
	if (total > rows)
		rows--;			/* the last row says there is more */
	if (v->help_scroll > total - rows)
		v->help_scroll = total - rows > 0 ? total - rows : 0;
	for (int k = 0; k < rows && v->help_scroll + k < total; k++)
		help_line(s, &r, 1 + k, (size_t)(v->help_scroll + k));
	if (rows < total - 1)
		vs_printf(s, &r, 2, r.h - 1, VA_BOLD,
			  "-- lines %d-%d of %d: down/pgdn for more, up/pgup back --",
			  v->help_scroll + 1, v->help_scroll + rows, total);
}

static void draw_too_small(struct vscreen *s)
{
	char buf[160];
	int len;

	len = snprintf(buf, sizeof(buf), "terminal too small: %dx%d, need %dx%d (Q quits)",
		       s->w, s->h, VIEW_MIN_W, VIEW_MIN_H);
	vs_puts(s, NULL, s->w > len ? (s->w - len) / 2 : 0, s->h / 2, VA_ERROR, buf);
}

void view_render(struct view *v, struct vscreen *s)
{
	vs_clear(s);
	layout_compute(&v->lay, s->w, s->h, v->zoom, v->projector);
	if (v->lay.too_small) {
		draw_too_small(s);
		return;
	}
	view_sync(v);
	v->cur_sock = view_socket(v);
	if (v->help) {
		draw_help(v, s);
		draw_status(v, s);
		return;
	}
	for (int p = 0; p < PANE_COUNT; p++) {
		struct vrect body = layout_body(&v->lay, p);

		if (v->lay.pane[p].w <= 0)
			continue;
		draw_title(v, s, p);
		view_panes[p].draw(v, s, &body);
	}
	if (v->lay.sep_x >= 0) {
		struct vrect sep = { v->lay.sep_x, v->lay.sep_y0, 1,
				     v->lay.sep_y1 - v->lay.sep_y0 + 1 };

		vs_fill(s, &sep, VS_VLINE, VA_TITLE);
	}
	draw_status(v, s);
}
