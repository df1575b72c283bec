// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_fill_ports.c - the port search of one connect, read from its events:
 * __inet_hash_connect (port_offset, hint, offset, low, remaining), one
 * inet_hash_connect_probe per candidate with its verdict, and
 * __inet_hash_connect_ret (the port taken, the hint after).  Who refused a
 * candidate comes from the events before its probe (__inet_check_established_ret,
 * tcp_twsk_unique) or, for a port bind() holds, from its bucket's owners.
 */
#include <stdlib.h>
#include <string.h>
#include "../model/events.h"
#include "dot_export.h"

struct pfill {
	struct dot_scene *sc;
	const struct model *m;
	struct dot_ports_view *v;
	struct dot_probe *probes;
	size_t cap;
	bool seen;			/* __inet_hash_connect met */
	uint32_t snum;
	const char *check;		/* the latest __inet_check_established's answer */
};

/* The owners of @port's bucket, as "sk 3, tw 5". */
static const char *owners_of(struct pfill *f, uint16_t port)
{
	struct model_bind_bucket b;
	char buf[128];
	size_t w = 0;

	if (!model_bind_bucket_find(f->m, port, &b))
		return "a bucket bind() made";
	w += (size_t)snprintf(buf, sizeof(buf), "bound by bind() (fastreuse %d): ", b.fastreuse);
	for (size_t i = 0; i < b.nowners && w + 16 < sizeof(buf); i++)
		w += (size_t)snprintf(buf + w, sizeof(buf) - w, "%s%s %u", i ? ", " : "",
				      b.owners[i].tw ? "tw" : "sk", b.owners[i].id);
	return dot_arena_printf(&f->sc->arena, "%s", buf);
}

static const char *why_of(struct pfill *f, const char *verdict, uint16_t port)
{
	if (!verdict)
		return NULL;
	if (!strcmp(verdict, "reserved"))
		return "in ip_local_reserved_ports";
	if (!strcmp(verdict, "bind_bucket_bind_user"))
		return owners_of(f, port);
	if (!strcmp(verdict, "established_conflict") || !strcmp(verdict, "tw_reuse"))
		return f->check;
	if (!strcmp(verdict, "bucket_alloc_failed"))
		return "no memory for a bucket";
	return NULL;
}

static int on_probe(struct pfill *f, const struct model_event *ev)
{
	struct dot_ports_view *v = f->v;
	struct dot_probe *p;
	uint32_t i = (uint32_t)EV_U(ev, inet_hash_connect_probe, i);

	if (v->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		struct dot_probe *a = dot_arena_alloc(&f->sc->arena, cap * sizeof(*a));

		if (!a)
			return -1;
		if (v->n)
			memcpy(a, f->probes, v->n * sizeof(*a));
		f->probes = a;
		f->cap = cap;
	}
	p = &f->probes[v->n++];
	p->i = i;
	p->port = (uint16_t)EV_U(ev, inet_hash_connect_probe, port);
	p->bhash = (uint32_t)EV_U(ev, inet_hash_connect_probe, bhash);
	p->expect = v->remaining ? (uint16_t)(v->low + (i + v->offset) % v->remaining) : 0;
	p->verdict = EV_LABEL(ev, inet_hash_connect_probe, verdict);
	p->verdict = dot_arena_printf(&f->sc->arena, "%s", p->verdict ? p->verdict : "?");
	p->taken = !strncmp(p->verdict, "ok_", 3) || !strcmp(p->verdict, "tw_reuse");
	p->why = why_of(f, p->verdict, p->port);
	f->check = NULL;
	return p->verdict ? 0 : -1;
}

/* __inet_check_established_ret / tcp_twsk_unique before a probe: its why. */
static void on_check(struct pfill *f, const struct model_event *ev, bool twsk)
{
	const char *l = twsk ? NULL : EV_LABEL(ev, __inet_check_established_ret, verdict);

	if (twsk)
		f->check = dot_arena_printf(&f->sc->arena, "tcp_twsk_unique(tw %llu) = %lld",
					    (unsigned long long)EV_U(ev, tcp_twsk_unique, tw_id),
					    (long long)EV_I(ev, tcp_twsk_unique, unique));
	else if (l && strcmp(l, "unique"))
		f->check = dot_arena_printf(&f->sc->arena, "%s%s%s: %s", f->check ? f->check : "",
					    f->check ? "; " : "", "__inet_check_established", l);
}

static void on_start(struct pfill *f, const struct model_event *ev)
{
	struct dot_ports_view *v = f->v;

	f->seen = true;
	f->snum = (uint32_t)EV_U(ev, __inet_hash_connect, snum);
	v->port_offset = (uint32_t)EV_U(ev, __inet_hash_connect, port_offset);
	v->hint_before = (uint32_t)EV_U(ev, __inet_hash_connect, hint);
	v->offset = (uint32_t)EV_U(ev, __inet_hash_connect, offset);
	v->low = (uint32_t)EV_U(ev, __inet_hash_connect, low);
	v->high = (uint32_t)EV_U(ev, __inet_hash_connect, high);
	v->remaining = (uint32_t)EV_U(ev, __inet_hash_connect, remaining);
}

static int on_event(struct pfill *f, const struct model_event *ev)
{
	const char *n = ev->name;

	if (!strcmp(n, MODEL_E___inet_hash_connect))
		on_start(f, ev);
	else if (!strcmp(n, MODEL_E_inet_hash_connect_probe))
		return on_probe(f, ev);
	else if (!strcmp(n, MODEL_E___inet_check_established_ret))
		on_check(f, ev, false);
	else if (!strcmp(n, MODEL_E_tcp_twsk_unique))
		on_check(f, ev, true);
	else if (!strcmp(n, MODEL_E___inet_hash_connect_ret)) {
		const char *l = EV_LABEL(ev, __inet_hash_connect_ret, ret);

		f->v->ret = dot_arena_printf(&f->sc->arena, "%s", l ? l : "?");
		f->v->port = (uint16_t)EV_U(ev, __inet_hash_connect_ret, port);
		f->v->hint_after = (uint32_t)EV_U(ev, __inet_hash_connect_ret, hint);
		return f->v->ret ? 0 : -1;
	}
	return 0;
}

int dot_fill_ports(struct dot_scene *sc, struct model *m, const struct model_calltree *t)
{
	struct pfill f = { .sc = sc, .m = m, .v = &sc->ports };
	struct model_event ev;
	int rc = 0;

	memset(&sc->ports, 0, sizeof(sc->ports));
	if (!t) {
		snprintf(sc->ports_why, sizeof(sc->ports_why), "the trace has no connect there");
		return 0;
	}
	model_event_init(&ev);
	for (size_t i = t->first_index; i <= t->last_index && !rc; i++) {
		if (model_event_get(m, i, &ev))
			break;
		if (EV_OPT_U(&ev, sk_id, 0) == t->sk_id)
			rc = on_event(&f, &ev);
	}
	model_event_release(&ev);
	sc->ports.sk_id = t->sk_id;
	sc->ports.probes = f.probes;
	sc->ports.total = sc->ports.n;
	sc->has_ports = f.seen && !f.snum;
	if (!sc->has_ports)
		snprintf(sc->ports_why, sizeof(sc->ports_why), f.seen
			 ? "sk %u's connect used its bound port %u: no search"
			 : "sk %u's connect made no port search", t->sk_id, f.snum);
	sc->ports.caption = dot_arena_printf(&sc->arena, "the port search of sk %u's connect"
					     " (__inet_hash_connect)", t->sk_id);
	return rc || !sc->ports.caption ? -1 : 0;
}

/* The yes/no decisions and the probes a call tree shows, 0 included:
 * the event (the leaf's, or a call's _ret) and the field that says it. */
#define LEAF(e, f) { MODEL_E_##e, MODEL_EF(e, f), false }
#define RET(e, f) { MODEL_E_##e, MODEL_EF(e##_ret, f), true }
static const struct { const char *event, *field; bool on_ret; } decisions[] = {
	LEAF(tcp_twsk_unique, unique),
	LEAF(tcp_write_timeout, dead),
	LEAF(inet_bind_bucket_destroy, destroyed),
	RET(__inet_check_established, verdict),
	RET(__inet_hash_connect, path),
};

const char *dot_call_detail(struct dot_scene *sc, const struct model *m, const struct model_call *c)
{
	struct model_event ev;
	const char *out = NULL;

	model_event_init(&ev);
	if (!strcmp(c->name, MODEL_E_inet_hash_connect_probe)) {
		if (model_event_get(m, c->enter_index, &ev) == 0)
			out = dot_arena_printf(&sc->arena, "port %llu → %s",
					       (unsigned long long)EV_U(&ev, inet_hash_connect_probe, port),
					       EV_LABEL(&ev, inet_hash_connect_probe, verdict) ?
					       EV_LABEL(&ev, inet_hash_connect_probe, verdict) : "?");
	}
	for (size_t k = 0; !out && k < sizeof(decisions) / sizeof(decisions[0]); k++) {
		const struct model_field *fl;
		size_t at = decisions[k].on_ret ? c->exit_index : c->enter_index;

		if (strcmp(c->name, decisions[k].event) || at == MODEL_NONE ||
		    model_event_get(m, at, &ev) || !(fl = model_event_field(&ev, decisions[k].field)))
			continue;
		out = fl->label ? dot_arena_printf(&sc->arena, "%s %s", fl->name, fl->label)
				: dot_arena_printf(&sc->arena, "%s = %lld", fl->name, (long long)fl->i);
	}
	model_event_release(&ev);
	return out;
}
