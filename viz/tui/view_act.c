// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_act.c - what each key does (the key table in keys.c points here).
 * Above the view's state (view.c), its connect steps (view_step.c) and
 * the export (export.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"
#include "panes.h"
#include "view.h"

void view_act_pause(struct view *v)
{
	v->paused = !v->paused;
	v->play_ns = -1;
	if (!v->paused && v->ended) {
		v->ended = false;
		view_goto(v, 0);
	}
	v->msg[0] = '\0';
}

static void step(struct view *v, int dir)
{
	size_t i = view_next_pos(v, v->pos, dir);

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

/* Go to @i on behalf of socket @sk's connect: a selected socket becomes
 * @sk, so the panes and the next steps keep to the connect reached. */
static void goto_connect(struct view *v, size_t i, uint32_t sk)
{
	if (v->sel_sock && sk && !v->follow)
		v->sel_sock = sk;
	view_goto(v, i);
}

/* N, P: the next/previous step of the socket's connect.  Outside the
 * connect (after its final return, before its sys_connect) another
 * socket's connect that comes first is the next step: N and P walk every
 * connect of the trace in turn, unless F keeps to the socket. */
static void connect_step(struct view *v, int dir)
{
	uint32_t was = view_step_socket(v), sk = 0;
	size_t i = 0, start, end, j;
	bool has = view_connect_step(v, v->pos, dir, &i);
	bool other = !v->follow && !view_connect_inside(v, was, v->pos) &&
		     view_connect_next(v, v->pos, dir, &start, &end, &sk) && sk != was;

	v->paused = true;
	v->msg[0] = '\0';
	j = dir > 0 ? start : end;
	if (other && dir < 0 && j >= v->pos)
		other = false;
	if (other && (!has || (dir > 0 ? j < i : j > i))) {
		goto_connect(v, j, sk);
		snprintf(v->msg, sizeof(v->msg), "sk %u's connect%s", sk,
			 dir > 0 ? "" : ": its final return");
		return;
	}
	if (has) {
		view_goto(v, i);
		return;
	}
	snprintf(v->msg, sizeof(v->msg), "no %s connect step", dir > 0 ? "later" : "earlier");
}

void view_act_step_next(struct view *v)
{
	connect_step(v, 1);
}

void view_act_step_prev(struct view *v)
{
	connect_step(v, -1);
}

/* >, <: the start of the next/previous connect, any socket. */
static void connect_jump(struct view *v, int dir)
{
	size_t start, end;
	uint32_t sk = 0;

	v->paused = true;
	if (!view_connect_next(v, v->pos, dir, &start, &end, &sk)) {
		snprintf(v->msg, sizeof(v->msg), "no %s connect", dir > 0 ? "later" : "earlier");
		return;
	}
	goto_connect(v, start, sk);
	snprintf(v->msg, sizeof(v->msg), "connect of sk %u: events %zu to %zu", sk, start, end);
}

void view_act_connect_next(struct view *v)
{
	connect_jump(v, 1);
}

void view_act_connect_prev(struct view *v)
{
	connect_jump(v, -1);
}

void view_act_faster(struct view *v)
{
	if (v->speed + 1 < view_nspeeds)
		v->speed++;
}

void view_act_slower(struct view *v)
{
	if (v->speed > 0)
		v->speed--;
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
	int k = 0;

	do	/* the panes the layout shows (--projector hides some) */
		v->focus = (v->focus + 1) % PANE_COUNT;
	while (++k < PANE_COUNT && v->lay.w && v->lay.zoom < 0 && v->lay.pane[v->focus].w <= 0);
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
	v->edit_goto = false;
	v->edit[0] = '\0';
}

void view_act_goto(struct view *v)
{
	v->editing = true;
	v->edit_goto = true;
	v->edit[0] = '\0';
}

void view_goto_typed(struct view *v, const char *text)
{
	size_t n = view_count(v);
	char *end;
	unsigned long long i;

	errno = 0;
	i = strtoull(text, &end, 10);
	if (!*text || *end || errno || text[0] == '-' || !n || i >= n) {
		snprintf(v->msg, sizeof(v->msg), "go to event: \"%.40s\" is not an event number"
			 " (0 to %zu)", text, n ? n - 1 : 0);
		return;
	}
	v->paused = true;
	v->msg[0] = '\0';
	view_goto(v, (size_t)i);
}

void view_act_ladder(struct view *v)
{
	v->ladder = !v->ladder;
}

void view_act_ports(struct view *v)
{
	if (v->projector) {
		snprintf(v->msg, sizeof(v->msg), "S: the port search is in the Tables pane,"
			 " not shown with --projector");
		return;
	}
	v->ports = !v->ports;
	v->scroll[PANE_TABLES] = 0;
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
