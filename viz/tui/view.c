// SPDX-License-Identifier: GPL-2.0-only
/*
 * view.c - the viewer's state and the key actions (see view.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keys.h"
#include "model.h"
#include "panes.h"
#include "view.h"

const double view_speeds[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10000, 100000, 0 };
const int view_nspeeds = sizeof(view_speeds) / sizeof(view_speeds[0]);

int view_init(struct view *v, struct model *m, const struct code_index *code)
{
	memset(v, 0, sizeof(*v));
	v->ev = malloc(sizeof(*v->ev));
	if (!v->ev)
		return -1;
	model_event_init(v->ev);
	v->m = m;
	v->pm[0] = m;
	v->npm = 1;
	v->code = code;
	v->paused = true;
	v->speed = VIEW_SPEED_DEFAULT;
	v->zoom = -1;
	v->focus = PANE_CODE;
	v->pkt_sel = SIZE_MAX;
	v->last_ms = -1;
	v->export_dir = ".";
	return 0;
}

void view_free(struct view *v)
{
	for (size_t i = 1; i < v->npm; i++)
		model_free(v->pm[i]);
	v->npm = v->npm ? 1 : 0;
	v->m = v->pm[0];
	if (v->ev) {
		model_event_release(v->ev);
		free(v->ev);
		v->ev = NULL;
	}
}

size_t view_count(const struct view *v)
{
	return model_event_count(v->m);
}

void view_sync(struct view *v)
{
	size_t n = view_count(v);

	if (!n)
		return;
	if (v->pos >= n)
		v->pos = n - 1;
	if (model_current_index(v->m) != v->pos + 1)
		model_seek(v->m, v->pos + 1);
}

void view_goto(struct view *v, size_t pos)
{
	size_t n = view_count(v);

	v->pos = n && pos >= n ? n - 1 : pos;
	v->scroll[PANE_EVENTS] = 0;
	v->pkt_sel = SIZE_MAX;
	v->ended = false;
	view_sync(v);
}

void view_events_added(struct view *v)
{
	size_t n = view_count(v);

	/* a running live view keeps to the newest event */
	if (v->live && !v->paused && n && !v->follow && v->speed == view_nspeeds - 1)
		v->pos = n - 1;
	else if (n && v->pos >= n)
		v->pos = n - 1;
}

/* The event after (dir 1) or before (dir -1) @from that the view may stop
 * on: any event, or with F on, one of the selected socket's.  Returns
 * @from when there is none. */
static size_t next_pos(struct view *v, size_t from, int dir)
{
	size_t n = view_count(v);
	uint32_t sk = v->follow ? view_socket(v) : 0;

	for (size_t i = from; ; ) {
		if (dir > 0 ? i + 1 >= n : i == 0)
			return from;
		i = dir > 0 ? i + 1 : i - 1;
		if (!sk || view_event_socket(v, i) == sk)
			return i;
	}
}

/* Advance a running view by up to @events events. */
static void play(struct view *v, double events)
{
	size_t n = view_count(v), to = v->pos;

	if (!v->follow) {
		double room = (double)(n - 1 - v->pos);

		to = v->pos + (size_t)(events < room ? events : room);
	} else {
		for (size_t k = 0; k < (size_t)events; k++) {
			size_t i = next_pos(v, to, 1);

			if (i == to)
				break;
			to = i;
		}
	}
	if (to != v->pos) {
		v->pos = to;
		v->pkt_sel = SIZE_MAX;
		v->scroll[PANE_EVENTS] = 0;
		view_sync(v);
	}
}

/* As fast as possible: apply in chunks until @budget_ms has passed (one
 * chunk without a clock). */
static void play_max(struct view *v, double budget_ms)
{
	double t0 = v->clock_ms ? v->clock_ms() : 0;

	do {
		play(v, 4096);
	} while (v->clock_ms && v->pos + 1 < view_count(v) &&
		 v->clock_ms() - t0 < budget_ms);
}

bool view_tick(struct view *v, double now_ms, double budget_ms)
{
	size_t n = view_count(v), before = v->pos;
	double dt = v->last_ms < 0 ? 0 : now_ms - v->last_ms;

	v->last_ms = now_ms;
	if (v->paused || !n)
		return false;
	if (v->speed == view_nspeeds - 1) {
		play_max(v, budget_ms);
	} else {
		v->play_due += dt / 1000.0 * view_speeds[v->speed];
		if (v->play_due >= 1) {
			double whole = floor(v->play_due);

			v->play_due -= whole;
			play(v, whole);
		}
	}
	if (v->pos + 1 >= view_count(v) && !v->loading && !v->live) {
		v->paused = true;
		v->ended = true;
		snprintf(v->msg, sizeof(v->msg), "end of the trace: g for the first event");
	}
	return v->pos != before;
}

void view_act_pause(struct view *v)
{
	v->paused = !v->paused;
	v->play_due = 0;
	if (!v->paused && v->ended) {
		v->ended = false;
		view_goto(v, 0);
	}
	v->msg[0] = '\0';
}

static void step(struct view *v, int dir)
{
	size_t i = next_pos(v, v->pos, dir);

	v->paused = true;
	if (i == v->pos) {
		snprintf(v->msg, sizeof(v->msg), "%s", dir > 0 ? "at the last event" : "at the first event");
		return;
	}
	v->msg[0] = '\0';
	view_goto(v, i);
}

void view_act_next(struct view *v)
{
	step(v, 1);
}

void view_act_prev(struct view *v)
{
	step(v, -1);
}

void view_act_step_next(struct view *v)
{
	size_t i;

	v->paused = true;
	if (view_connect_step(v, v->pos, 1, &i)) {
		v->msg[0] = '\0';
		view_goto(v, i);
	} else {
		snprintf(v->msg, sizeof(v->msg), "no later connect step for this socket");
	}
}

void view_act_step_prev(struct view *v)
{
	size_t i;

	v->paused = true;
	if (view_connect_step(v, v->pos, -1, &i)) {
		v->msg[0] = '\0';
		view_goto(v, i);
	} else {
		snprintf(v->msg, sizeof(v->msg), "no earlier connect step for this socket");
	}
}

void view_act_faster(struct view *v)
{
	if (v->speed + 1 < view_nspeeds)
		v->speed++;
	v->play_due = 0;
}

void view_act_slower(struct view *v)
{
	if (v->speed > 0)
		v->speed--;
	v->play_due = 0;
}

void view_act_first(struct view *v)
{
	v->msg[0] = '\0';
	view_goto(v, 0);
}

void view_act_last(struct view *v)
{
	size_t n = view_count(v);

	v->msg[0] = '\0';
	view_goto(v, n ? n - 1 : 0);
}

void view_act_next_pane(struct view *v)
{
	v->focus = (v->focus + 1) % PANE_COUNT;
	if (v->zoom >= 0)
		v->zoom = v->focus;
}

void view_act_zoom(struct view *v)
{
	v->zoom = v->zoom >= 0 ? -1 : v->focus;
}

/* Rows of the focused pane's content at the last render. */
static int page(const struct view *v)
{
	struct vrect b = layout_body(&v->lay, v->focus);

	return b.h > 2 ? b.h - 1 : 1;
}

static void scroll(struct view *v, int rows)
{
	if (v->focus == PANE_PACKETS) {
		view_packet_move(v, -rows);
		return;
	}
	v->scroll[v->focus] += rows;
	if (v->scroll[v->focus] < 0)
		v->scroll[v->focus] = 0;
}

void view_act_up(struct view *v)
{
	scroll(v, 1);
}

void view_act_down(struct view *v)
{
	scroll(v, -1);
}

void view_act_pgup(struct view *v)
{
	scroll(v, page(v));
}

void view_act_pgdn(struct view *v)
{
	scroll(v, -page(v));
}

void view_act_left(struct view *v)
{
	v->hscroll[v->focus] -= 8;
	if (v->hscroll[v->focus] < 0)
		v->hscroll[v->focus] = 0;
}

void view_act_right(struct view *v)
{
	v->hscroll[v->focus] += 8;
}

void view_act_select(struct view *v)
{
	size_t n;
	uint32_t next = 0;

	view_sync(v);
	n = model_sock_count(v->m);
	for (size_t i = 0; i < n; i++) {
		const struct model_sock *s = model_sock_at(v->m, i);

		if (s && s->id > v->sel_sock) {
			next = s->id;
			break;
		}
	}
	v->sel_sock = next;
	if (next)
		snprintf(v->msg, sizeof(v->msg), "socket %u selected (s: next)", next);
	else
		snprintf(v->msg, sizeof(v->msg), "socket: automatic (the current event's)");
}

void view_act_filter(struct view *v)
{
	v->editing = true;	/* a new filter: the prompt opens empty */
	v->edit[0] = '\0';
}

void view_act_ladder(struct view *v)
{
	v->ladder = !v->ladder;
}

void view_act_follow(struct view *v)
{
	uint32_t sk = view_socket(v);

	if (!v->follow && !sk) {
		snprintf(v->msg, sizeof(v->msg), "no socket to follow");
		return;
	}
	v->follow = !v->follow;
	if (v->follow && !v->sel_sock)
		v->sel_sock = sk;
	if (v->follow)
		snprintf(v->msg, sizeof(v->msg), "following socket %u", v->sel_sock);
	else
		v->msg[0] = '\0';
}

void view_act_export(struct view *v)
{
	view_export(v);
}

void view_act_close(struct view *v)
{
	if (v->help)
		v->help = false;
	else if (v->zoom >= 0)
		v->zoom = -1;
	else
		snprintf(v->msg, sizeof(v->msg), "nothing to close: Q quits");
}

void view_act_quit(struct view *v)
{
	v->quit = true;
}

void view_act_help(struct view *v)
{
	v->help = !v->help;
	v->help_scroll = 0;
}

/* A key while the filter prompt is open. */
static void edit_key(struct view *v, int key)
{
	size_t n = strlen(v->edit);

	if (key == VK_ENTER || key == '\r') {
		snprintf(v->filter, sizeof(v->filter), "%s", v->edit);
		v->editing = false;
		v->scroll[PANE_EVENTS] = 0;
	} else if (key == VK_ESC) {
		v->editing = false;
	} else if (key == VK_BACKSPACE || key == '\b') {
		if (n)
			v->edit[n - 1] = '\0';
	} else if (key >= 0x20 && key < 0x7f && n + 1 < sizeof(v->edit)) {
		v->edit[n] = (char)key;
		v->edit[n + 1] = '\0';
	}
}

bool view_key(struct view *v, int key)
{
	if (v->editing) {
		edit_key(v, key);
		return true;
	}
	if (v->help && (key == VK_UP || key == VK_DOWN || key == VK_PGUP || key == VK_PGDN)) {
		v->help_scroll += key == VK_UP ? -1 : key == VK_DOWN ? 1 : key == VK_PGUP ? -10 : 10;
		if (v->help_scroll < 0)
			v->help_scroll = 0;
		return true;
	}
	return view_key_dispatch(v, key) != 0;
}
