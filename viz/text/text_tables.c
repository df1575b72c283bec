// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_tables.c - `connscope trace tables --at N`: the sockets of the
 * hash tables after event N, listed as `ss -tan` lists them (state, local,
 * peer) with where each one is hashed (ehash chain or twchain, listening
 * hash, slot); and `connscope trace mib --from A --to B`: the counters the
 * events A..B changed (the model's MIB deltas).
 */
#include <stdlib.h>
#include <string.h>
#include "text.h"

/* ss's short state names. */
static const char *ss_state(int state)
{
	static const char *const names[MODEL_TCP_MAX_STATES] = {
		"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
		"TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
	};

	return state > 0 && state < MODEL_TCP_MAX_STATES ? names[state] : "UNKNOWN";
}

/* One socket of the tables as a row (or a JSON object). */
static void sock_row(const struct model *m, uint32_t id, const char *where, uint32_t slot,
		     bool json, bool *first, FILE *out)
{
	const struct model_sock *s = model_sock_find(m, id);
	char l[32], r[32];

	if (!s)
		return;
	text_addr_port(s->saddr, s->sport, l, sizeof(l));
	text_addr_port(s->daddr, s->dport, r, sizeof(r));
	if (json)
		fprintf(out, "%s{\"id\":%u,\"tw\":%s,\"state\":\"%s\",\"local\":\"%s\",\"peer\":\"%s\","
			"\"where\":\"%s\",\"slot\":%u,\"hash\":%u}", *first ? "" : ",\n ", id,
			s->tw ? "true" : "false", model_state_name(s->state), l, r, where, slot, s->hash);
	else
		fprintf(out, "%-11s %-5u %-21s %-21s %-8s %-5u %s\n", ss_state(s->tw ? MODEL_TCP_TIME_WAIT :
			s->state), id, l, r, where, slot, s->tw ? "yes" : "no");
	*first = false;
}

/* Every hashed socket: listeners, then ehash chains and twchains by slot. */
static void tables_rows(const struct model *m, bool json, FILE *out)
{
	struct model_ehash_slot e;
	struct model_lhash_slot ls;
	bool first = true;

	for (size_t i = 0; i < model_lhash_count(m); i++)
		if (!model_lhash_at(m, i, &ls))
			for (size_t j = 0; j < ls.nchain; j++)
				sock_row(m, ls.chain[j], "listen", ls.slot, json, &first, out);
	for (size_t i = 0; i < model_ehash_count(m); i++) {
		if (model_ehash_at(m, i, &e))
			continue;
		for (size_t j = 0; j < e.nchain; j++)
			sock_row(m, e.chain[j], "chain", e.slot, json, &first, out);
		for (size_t j = 0; j < e.ntwchain; j++)
			sock_row(m, e.twchain[j], "twchain", e.slot, json, &first, out);
	}
}

/* The default position: the last event before the stack's teardown
 * (net_exit), as connscope-dot and connscope-model-dump take it; the last
 * event when the recording stopped with the stack still up. */
static size_t default_at(const struct model *m)
{
	size_t t = model_teardown_index(m), n = model_event_count(m);

	return t != MODEL_NONE && t > 0 ? t - 1 : n - 1;
}

int text_tables(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	struct text_proc *p = text_pick_process(t, o, "tables", err, el);
	size_t n, at;
	struct model_event ev;
	struct model_sizes sz;

	if (!p)
		return 2;
	n = model_event_count(p->m);
	if (o->has_at && o->at >= n) {
		snprintf(err, el, "--at %llu: the process's trace has %zu events (0..%zu)",
			 (unsigned long long)o->at, n, n - 1);
		return 2;
	}
	at = o->has_at ? (size_t)o->at : default_at(p->m);
	if (!o->has_at)
		fprintf(stderr, "tables: after event %zu, %s; --at N for another\n", at,
			at + 1 < n ? "just before the stack's teardown" : "the last");
	if (model_seek(p->m, at + 1)) {
		snprintf(err, el, "%s", model_error(p->m));
		return 1;
	}
	model_get_sizes(p->m, &sz);
	model_event_init(&ev);
	text_event(p->m, at, &ev);
	if (o->json) {
		fprintf(out, "{\"pid\":%lld,\"at\":%zu,\"event\":\"%s\",\"time\":%.6f,\"ehash_size\":%u,"
			"\"sockets\":[", (long long)p->vpid, at, ev.name, text_rel(t, ev.ts_ns),
			sz.ehash_size);
		tables_rows(p->m, true, out);
		fputs("]}\n", out);
	} else {
		fprintf(out, "pid %lld, after event %zu (%s, %.6f s), ehash %u slots:\n",
			(long long)p->vpid, at, ev.name, text_rel(t, ev.ts_ns), sz.ehash_size);
		fprintf(out, "%-11s %-5s %-21s %-21s %-8s %-5s %s\n", "State", "SK",
			"Local Address:Port", "Peer Address:Port", "Table", "Slot", "Twchain");
		tables_rows(p->m, false, out);
	}
	model_event_release(&ev);
	model_seek(p->m, n);
	return 0;
}

/* One counter: its value before event A and after event B. */
struct mib_row {
	const char *name;
	int64_t from, to;
};

/* The counters at cursor @c into @v (a row per name, first-seen order):
 * their value as .to when @to, else as .from.  Returns the array. */
static struct mib_row *mib_at(struct model *m, size_t c, struct mib_row *v, size_t *nv, bool to)
{
	model_seek(m, c);
	for (size_t i = 0; i < model_mib_count(m); i++) {
		const char *name;
		int64_t d;
		size_t k;

		model_mib_at(m, i, &name, &d);
		for (k = 0; k < *nv && strcmp(v[k].name, name); k++)
			;
		if (k == *nv) {
			struct mib_row *nvv = realloc(v, (*nv + 1) * sizeof(*v));

			if (!nvv)
				return v;
			v = nvv;
			v[k] = (struct mib_row){ name, 0, 0 };
			(*nv)++;
		}
		if (to)
			v[k].to = d;
		else
			v[k].from = d;
	}
	return v;
}

/* The event range asked for (defaults: the whole process): 0, or 2 and @err. */
static int mib_range(const struct model *m, const struct text_opts *o, size_t *from, size_t *to,
		     char *err, size_t el)
{
	size_t n = model_event_count(m);

	*from = o->has_from ? (size_t)o->from : 0;
	*to = o->has_to ? (size_t)o->to : n - 1;
	if ((o->has_from && o->from >= n) || (o->has_to && o->to >= n) || *from > *to) {
		snprintf(err, el, "--from %zu --to %zu: events 0..%zu, from <= to", *from, *to, n - 1);
		return 2;
	}
	return 0;
}

int text_mib(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	struct text_proc *p = text_pick_process(t, o, "mib", err, el);
	struct mib_row *v = NULL;
	size_t from, to, nv = 0, n;
	bool first = true;

	if (!p)
		return 2;
	if (mib_range(p->m, o, &from, &to, err, el))
		return 2;
	n = model_event_count(p->m);
	v = mib_at(p->m, from, v, &nv, false);
	v = mib_at(p->m, to + 1, v, &nv, true);
	model_seek(p->m, n);
	if (o->json)
		fprintf(out, "{\"pid\":%lld,\"from\":%zu,\"to\":%zu,\"counters\":{", (long long)p->vpid,
			from, to);
	else
		fprintf(out, "pid %lld, events %zu..%zu:\n%-22s %10s %10s %10s\n", (long long)p->vpid,
			from, to, "COUNTER", "BEFORE", "AFTER", "CHANGE");
	for (size_t k = 0; k < nv; k++) {
		if (v[k].from == v[k].to)
			continue;
		if (o->json)
			fprintf(out, "%s\"%s\":%lld", first ? "" : ",", v[k].name,
				(long long)(v[k].to - v[k].from));
		else
			fprintf(out, "%-22s %10lld %10lld %+10lld\n", v[k].name, (long long)v[k].from,
				(long long)v[k].to, (long long)(v[k].to - v[k].from));
		first = false;
	}
	if (o->json)
		fputs("}}\n", out);
	free(v);
	return 0;
}
