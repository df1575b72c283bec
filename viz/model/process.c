// SPDX-License-Identifier: GPL-2.0-only
/*
 * process.c - the processes a trace holds (each runs its own stack, whose
 * socket ids start at 1), which one the model shows, and where the shown
 * stack's teardown starts.
 */
#include <stdlib.h>
#include <string.h>
#include "events.h"
#include "model_int.h"

void model_follow_vpid(struct model *m, int64_t vpid)
{
	m->vpid = vpid;
	m->follow = 0;
}

void model_follow_process(struct model *m, size_t n)
{
	m->follow = n;
	m->vpid = -1;
}

size_t model_followed_process(const struct model *m)
{
	return m->follow;
}

size_t model_process_count(const struct model *m)
{
	return m->nprocs;
}

const struct model_process *model_process_at(const struct model *m, size_t i)
{
	return i < m->nprocs ? &m->procs[i] : NULL;
}

/* The 1-based rank of @vpid among the processes seen, added if new; 0 if
 * out of memory. */
static size_t process_note(struct model *m, const struct model_event *ev)
{
	struct model_process *p;
	size_t i;

	for (i = m->nprocs; i-- > 0;)
		if (m->procs[i].vpid == ev->vpid)
			break;
	if (i == (size_t)-1) {
		if (grow((void **)&m->procs, &m->cprocs, m->nprocs, sizeof(*m->procs)))
			return 0;
		i = m->nprocs++;
		m->procs[i] = (struct model_process){ .vpid = ev->vpid, .first_ns = ev->ts_ns };
	}
	p = &m->procs[i];
	p->events++;
	p->last_ns = ev->ts_ns;
	return i + 1;
}

bool process_take(struct model *m, const struct model_event *ev)
{
	size_t rank;

	if (ev->vpid < 0) {
		if (!strcmp(ev->name, MODEL_E_net_init))
			m->anon_stacks++;
		return true;
	}
	rank = process_note(m, ev);
	if (m->vpid >= 0)
		return ev->vpid == m->vpid;
	return !m->follow || rank == m->follow;
}

size_t model_teardown_index(const struct model *m)
{
	return model_find_event(m, MODEL_E_net_exit, -1);
}

int model_process_note(const struct model *m, const char *opt, char *buf, size_t len)
{
	size_t f = m->follow, off;

	if (!len)
		return 0;
	buf[0] = '\0';
	if (m->nprocs < 2 || f > m->nprocs)
		return 0;
	off = (size_t)snprintf(buf, len, "the trace holds %zu connscope processes (pid", m->nprocs);
	for (size_t i = 0; i < m->nprocs && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s %lld", i ? "," : "",
					(long long)m->procs[i].vpid);
	if (off < len && f)
		snprintf(buf + off, len - off, "): showing process %zu (pid %lld); %sN for another",
			 f, (long long)m->procs[f - 1].vpid, opt);
	else if (off < len)
		snprintf(buf + off, len - off, "): all merged");
	return 1;
}

int model_context_note(const struct model *m, char *buf, size_t len)
{
	if (len)
		buf[0] = '\0';
	if (m->store.n && !m->has_vtid)
		snprintf(buf, len, "the trace tells no threads apart (neither the vtid context nor"
			 " the events' tid field): no call trees; record it with"
			 " `lttng add-context -u -t vtid -t vpid`");
	else if (m->anon_stacks > 1)
		snprintf(buf, len, "the trace holds %llu stacks but tells no processes apart"
			 " (neither the vpid context nor the events' pid field): they are merged;"
			 " record it with `lttng add-context -u -t vpid -t vtid`",
			 (unsigned long long)m->anon_stacks);
	return len && buf[0] ? 1 : 0;
}
