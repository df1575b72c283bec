// SPDX-License-Identifier: GPL-2.0-only
/*
 * view.c - the viewer's state: the position, the socket the panes
 * describe, a running replay (see view.h).  Below the panes, the key
 * actions (view_act.c) and the export (export.c): it calls none of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"
#include "panes.h"
#include "view.h"

const double view_speeds[] = { 0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000, 0 };
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
	v->play_ns = -1;
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
	v->play_ns = -1;
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
size_t view_next_pos(struct view *v, size_t from, int dir)
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

/* A running replay reached event @to. */
static void moved_to(struct view *v, size_t to)
{
	if (to != v->pos) {
		v->pos = to;
		v->pkt_sel = SIZE_MAX;
		v->scroll[PANE_EVENTS] = 0;
		view_sync(v);
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
			size_t i = view_next_pos(v, to, 1);

			if (i == to)
				break;
			to = i;
		}
	}
	moved_to(v, to);
}

/* The events that happened by trace time v->play_ns, at most @max of
 * them (the rest at the next tick). */
static void play_until(struct view *v, size_t max)
{
	size_t to = v->pos;

	for (size_t k = 0; k < max; k++) {
		size_t i = view_next_pos(v, to, 1);

		if (i == to || (double)model_event_ts(v->m, i) > v->play_ns)
			break;
		to = i;
	}
	moved_to(v, to);
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
		/* real time: the trace's clock runs at the speed's factor */
		if (v->play_ns < (double)model_event_ts(v->m, v->pos))
			v->play_ns = (double)model_event_ts(v->m, v->pos);
		v->play_ns += dt * 1e6 * view_speeds[v->speed];
		play_until(v, VIEW_TICK_EVENTS);
	}
	if (v->pos + 1 >= view_count(v) && !v->loading && !v->live) {
		v->paused = true;
		v->ended = true;
		snprintf(v->msg, sizeof(v->msg), "end of the trace: g for the first event");
	}
	return v->pos != before;
}

/* How far back view_socket looks for an event that names a socket. */
#define VIEW_SOCK_LOOKBACK 4096

uint32_t view_socket(struct view *v)
{
	size_t n = view_count(v);

	if (v->sel_sock || !n)
		return v->sel_sock;
	for (size_t k = 0; k < VIEW_SOCK_LOOKBACK && k <= v->pos && v->pos - k < n; k++) {
		uint32_t id = view_event_socket(v, v->pos - k);

		if (id)
			return id;
	}
	return 0;
}
