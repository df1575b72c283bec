// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_process.c - a trace of several connscope processes (each its own
 * stack, socket ids from 1 in each) is shown one process at a time: every
 * process gets its own model as the trace first mentions it, and `o`
 * switches between them (the status line names the one shown).
 */
#include <stdio.h>
#include <string.h>
#include "../model/model.h"
#include "view.h"

int view_apply(struct view *v, const struct model_event *ev, char *err, size_t errlen)
{
	size_t before = model_process_count(v->pm[0]);

	if (model_apply(v->pm[0], ev) < 0) {
		snprintf(err, errlen, "%s", model_error(v->pm[0]));
		return -1;
	}
	/* a process not seen before: pm[0] counted it; a model that starts
	 * with it follows it (its first process) */
	if (before && model_process_count(v->pm[0]) > before && v->npm < VIEW_MAX_PROCS) {
		v->pm[v->npm] = model_new();
		if (!v->pm[v->npm]) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		v->npm++;
	}
	for (size_t i = 1; i < v->npm; i++)
		if (model_apply(v->pm[i], ev) < 0) {
			snprintf(err, errlen, "%s", model_error(v->pm[i]));
			return -1;
		}
	return 0;
}

/* The pid model @i shows, -1 if it has seen none. */
static long long pm_pid(const struct view *v, size_t i)
{
	const struct model_process *p = model_process_at(v->pm[i], 0);

	return p ? (long long)p->vpid : -1;
}

void view_process_status(const struct view *v, char *buf, size_t len)
{
	if (v->npm < 2) {
		snprintf(buf, len, "%s", "");
		return;
	}
	snprintf(buf, len, " | pid %lld (%zu of %zu, o: next)", pm_pid(v, v->cur_pm),
		 v->cur_pm + 1, v->npm);
}

void view_act_process(struct view *v)
{
	if (v->npm < 2) {
		snprintf(v->msg, sizeof(v->msg), "the trace holds one connscope process");
		return;
	}
	v->cur_pm = (v->cur_pm + 1) % v->npm;
	v->m = v->pm[v->cur_pm];
	v->sel_sock = 0;
	v->follow = false;
	v->pkt_sel = SIZE_MAX;
	memset(v->scroll, 0, sizeof(v->scroll));
	memset(v->hscroll, 0, sizeof(v->hscroll));
	v->ended = false;
	view_goto(v, v->live && !v->paused && view_count(v) ? view_count(v) - 1 : 0);
	snprintf(v->msg, sizeof(v->msg), "process %zu of %zu: pid %lld", v->cur_pm + 1, v->npm,
		 pm_pid(v, v->cur_pm));
}
