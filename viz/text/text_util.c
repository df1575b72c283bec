// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_util.c - what the text reports share: one model per process of the
 * trace, the connects of a model (a sys_connect call tree and the events of
 * its socket until it leaves SYN_SENT), addresses, errno names, JSON.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "text.h"
#include "../model/events.h"

void text_trace_init(struct text_trace *t)
{
	memset(t, 0, sizeof(*t));
}

void text_trace_free(struct text_trace *t)
{
	for (size_t i = 0; i < t->nprocs; i++)
		model_free(t->procs[i].m);
	free(t->procs);
	memset(t, 0, sizeof(*t));
}

/* The process of @vpid, made with its own model when new; NULL if out of memory. */
static struct text_proc *proc_for(struct text_trace *t, int64_t vpid)
{
	struct text_proc *p;

	for (size_t i = 0; i < t->nprocs; i++)
		if (t->procs[i].vpid == vpid)
			return &t->procs[i];
	if (t->nprocs == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 4;
		void *np = realloc(t->procs, cap * sizeof(*t->procs));

		if (!np)
			return NULL;
		t->procs = np;
		t->cap = cap;
	}
	p = &t->procs[t->nprocs];
	p->vpid = vpid;
	p->m = model_new();
	if (!p->m)
		return NULL;
	model_follow_vpid(p->m, vpid);
	t->nprocs++;
	return p;
}

int text_trace_feed(struct text_trace *t, const struct model_event *ev)
{
	struct text_proc *p = proc_for(t, ev->vpid);

	if (!p)
		return -1;
	if (!t->has_t0 || ev->ts_ns < t->t0) {
		t->t0 = ev->ts_ns;
		t->has_t0 = true;
	}
	return model_apply(p->m, ev) < 0 ? -1 : 0;
}

int text_trace_load(struct text_trace *t, const char *path, char *err, size_t errlen)
{
	struct model_source *src = model_source_open(path, err, errlen);
	struct model_event ev;
	enum model_source_status r;
	int rc = 0;

	if (!src)
		return -1;
	model_event_init(&ev);
	while ((r = model_source_next(src, &ev)) == MODEL_SOURCE_OK || r == MODEL_SOURCE_AGAIN) {
		if (r == MODEL_SOURCE_AGAIN) {
			usleep(10000);
			continue;
		}
		if (text_trace_feed(t, &ev)) {
			snprintf(err, errlen, "%s: out of memory", path);
			rc = -1;
			break;
		}
	}
	if (!rc && r == MODEL_SOURCE_ERROR) {
		snprintf(err, errlen, "%s", model_source_error(src));
		rc = -1;
	}
	if (!rc && !t->nprocs) {
		snprintf(err, errlen, "%s: no connscope event in the trace", path);
		rc = -1;
	}
	model_event_release(&ev);
	model_source_close(src);
	return rc;
}

void text_trace_notes(const struct text_trace *t, const char *who, FILE *f)
{
	char note[512], last[512] = "";

	for (size_t i = 0; i < t->nprocs; i++)
		if (model_context_note(t->procs[i].m, note, sizeof(note)) && strcmp(note, last)) {
			fprintf(f, "%s: %s\n", who, note);
			snprintf(last, sizeof(last), "%s", note);
		}
}

int text_check_process(const struct text_trace *t, const struct text_opts *o, char *err,
		       size_t el)
{
	if (o->process <= t->nprocs)
		return 0;
	snprintf(err, el, "--process %u: the trace holds %zu process%s", o->process, t->nprocs,
		 t->nprocs == 1 ? "" : "es");
	return 2;
}

bool text_proc_listed(const struct text_opts *o, size_t i)
{
	return !o->process || o->process == i + 1;
}

bool text_event(const struct model *m, size_t i, struct model_event *ev)
{
	return i < model_event_count(m) && model_event_get(m, i, ev) == 0;
}

char *text_addr(uint32_t be, char *buf, size_t len)
{
	struct in_addr a = { .s_addr = be };

	if (!inet_ntop(AF_INET, &a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

char *text_addr_port(uint32_t be, uint16_t port, char *buf, size_t len)
{
	char a[INET_ADDRSTRLEN];

	snprintf(buf, len, "%s:%u", text_addr(be, a, sizeof(a)), port);
	return buf;
}

double text_rel(const struct text_trace *t, uint64_t ns)
{
	return ns >= t->t0 ? (double)(ns - t->t0) / 1e9 : -(double)(t->t0 - ns) / 1e9;
}

const char *text_errname(int err, char *buf, size_t len)
{
	const char *s = err ? strerrorname_np(err) : "ok";

	if (!s) {
		snprintf(buf, len, "E%d", err);
		return buf;
	}
	return s;
}

void text_json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(out, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

struct text_proc *text_pick_process(struct text_trace *t, const struct text_opts *o,
				  const char *what, char *err, size_t el)
{
	if (text_check_process(t, o, err, el))
		return NULL;
	if (!o->process && t->nprocs > 1)
		fprintf(stderr, "%s: the trace holds %zu processes; showing the first (pid %lld),"
			" --process N for another\n", what, t->nprocs, (long long)t->procs[0].vpid);
	return &t->procs[o->process ? o->process - 1 : 0];
}

/* One event of a connect's socket: what it tells of the attempt.
 * Returns true when the attempt is over (its socket left SYN_SENT, or was
 * closed or freed first). */
static bool connect_event(struct text_connect *c, const struct model_event *ev)
{
	const char *n = ev->name;

	if (EV_OPT_HAS(ev, sk_id) && (uint32_t)EV_OPT_U(ev, sk_id, 0) != c->sk_id)
		return false;
	if (!strcmp(n, MODEL_E_tcp_v4_connect) && !c->dport) {
		c->daddr = EV_ADDR(ev, tcp_v4_connect, daddr);
		c->dport = (uint16_t)EV_U(ev, tcp_v4_connect, dport);
	} else if (!strcmp(n, MODEL_E_tcp_v4_connect_ret)) {
		/* On failure 3.10 has cleared the destination and sent no SYN:
		 * keep the destination asked for, and no ISN. */
		bool ok = EV_I_OR(ev, tcp_v4_connect_ret, ret, -1) == 0;

		c->saddr = EV_ADDR(ev, tcp_v4_connect_ret, saddr);
		c->sport = (uint16_t)EV_U(ev, tcp_v4_connect_ret, sport);
		if (ok) {
			c->daddr = EV_ADDR_OR(ev, tcp_v4_connect_ret, daddr, c->daddr);
			c->dport = (uint16_t)EV_U_OR(ev, tcp_v4_connect_ret, dport, c->dport);
			c->isn = (uint32_t)EV_U(ev, tcp_v4_connect_ret, isn);
		}
	} else if (!strcmp(n, MODEL_E_tcp_connect) && !c->syn_ts) {
		c->syn_ts = ev->ts_ns;
	} else if (!strcmp(n, MODEL_E_tcp_retransmit_skb_ret) &&
		   EV_I_OR(ev, tcp_retransmit_skb_ret, ret, -1) == 0) {
		/* the SYN sent again: tcp_retransmit_skb counts it (total_retrans)
		 * only when it left, not when it failed (EAGAIN, still queued) */
		c->syn_retrans++;
	} else if (EV_OPT_I(ev, sk_err, 0)) {
		/* tcp_reset, tcp_write_err, tcp_done...: the error connect will
		 * report (some events give it as the negative errno enum) */
		int64_t e = EV_OPT_I(ev, sk_err, 0);

		c->err = (int)(e < 0 ? -e : e);
	}
	if (!strcmp(n, MODEL_E_inet_sock_set_state) &&
	    EV_I(ev, inet_sock_set_state, oldstate) == MODEL_TCP_SYN_SENT) {
		c->state = (int)EV_I(ev, inet_sock_set_state, newstate);
		c->done_ts = ev->ts_ns;
		return true;
	}
	/* closed while still connecting: what it was is final */
	return !strcmp(n, MODEL_E_sys_close) || !strcmp(n, MODEL_E_sk_free);
}

/* The result: sys_connect's return, or for a non-blocking connect
 * (EINPROGRESS) what became of the socket. */
static void connect_result(const struct model *m, struct text_connect *c, bool over)
{
	struct model_event ev;
	int ret_err = 0;

	model_event_init(&ev);
	if (c->exit != MODEL_NONE && text_event(m, c->exit, &ev)) {
		ret_err = (int)-EV_I(&ev, sys_connect_ret, ret);
		c->exit_ts = ev.ts_ns;
	}
	model_event_release(&ev);
	if (c->exit == MODEL_NONE || ret_err == EINPROGRESS)
		ret_err = !over ? EINPROGRESS : c->state == MODEL_TCP_ESTABLISHED ? 0 : c->err;
	c->err = ret_err;
	if (!c->state)
		c->state = c->dport && c->sport ? MODEL_TCP_SYN_SENT : MODEL_TCP_CLOSE;
	snprintf(c->result, sizeof(c->result), "%s", text_errname(c->err, c->result, sizeof(c->result)));
}

/* A connect from its call tree: its socket's events from sys_connect until
 * the attempt is over (the socket left SYN_SENT), or the end of the trace. */
static void connect_scan(const struct model *m, const struct model_calltree *tr,
			 struct text_connect *c)
{
	const struct model_call *root = model_call_at(m, tr->root);
	size_t n = model_event_count(m), lim;
	struct model_event ev;
	bool over = false;

	memset(c, 0, sizeof(*c));
	c->end = root->exit_index != MODEL_NONE ? root->exit_index : root->enter_index;
	c->enter = root->enter_index;
	c->exit = root->exit_index;
	c->ts = root->enter_ns;
	c->sk_id = tr->sk_id;
	lim = c->exit != MODEL_NONE ? c->exit : n - 1;
	model_event_init(&ev);
	/* no socket (a bad descriptor): nothing of a socket to attribute */
	for (size_t i = c->enter; c->sk_id && i < n && (i <= lim || !over); i++) {
		if (!text_event(m, i, &ev))
			break;
		c->end = i;
		if (connect_event(c, &ev))
			over = true;
	}
	model_event_release(&ev);
	connect_result(m, c, over);
}

struct text_connect *text_connects_of(const struct model *m, size_t *n)
{
	size_t nt = model_calltree_count(m), k = 0;
	struct text_connect *v = NULL;

	*n = 0;
	for (size_t i = 0; i < nt; i++)
		k += model_calltree_at(m, i)->is_connect;
	if (!k || !(v = calloc(k, sizeof(*v))))
		return NULL;
	for (size_t i = 0; i < nt; i++) {
		const struct model_calltree *tr = model_calltree_at(m, i);

		if (!tr->is_connect)
			continue;
		connect_scan(m, tr, &v[*n]);
		v[*n].n = *n + 1;
		(*n)++;
	}
	return v;
}
