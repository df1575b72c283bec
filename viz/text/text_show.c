// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_show.c - `connscope trace show` and sink.connscope.text: the events
 * as people read them.  One block per process, and in it one block per
 * connect (a sys_connect call tree and its socket's events until it leaves
 * SYN_SENT) and for the stack's work outside connects; each line the time
 * since the trace's first event, the thread in brackets when there are
 * several ("softirq" for the receive side), the event indented by its call
 * depth on its thread (the model's call trees), its fields with addresses
 * as dotted quads (with their port when the event has one: daddr =
 * 10.77.0.2:80), enums by name, the fields declared hexadecimal in hex.
 */
#include <stdlib.h>
#include <string.h>
#include "text.h"

/* The fields the tracepoints declare with lttng_ust_field_integer_hex. */
static bool hex_field(const char *name)
{
	static const char *const hex[] = {
		"check", "clock", "clone", "copy", "ecn_flags",
		"ehash_secret", "flag", "flags", "frag_off", "hash", "ihl_version", "port_offset",
		"rt_flags", "secret_seed", "skaddr", "skbaddr", "tcp_flags", "timer", "tos",
	};

	for (size_t i = 0; i < sizeof(hex) / sizeof(hex[0]); i++)
		if (!strcmp(name, hex[i]))
			return true;
	return false;
}

/* "daddr" -> the event's "dport" field, NULL if none. */
static const struct model_field *port_of(const struct model_event *ev, const char *addr)
{
	size_t n = strlen(addr);
	char port[64];

	if (n < 4 || n >= sizeof(port) || strcmp(addr + n - 4, "addr"))
		return NULL;
	snprintf(port, sizeof(port), "%.*sport", (int)(n - 4), addr);
	return model_event_field(ev, port);
}

/* One field's value as people read it. */
static void field_value(const struct model_event *ev, const struct model_field *f, FILE *out)
{
	const struct model_field *port;
	uint32_t a;

	switch (f->kind) {
	case MODEL_FIELD_ENUM:
		if (f->label) {
			fputs(f->label, out);
			break;
		}
		/* fall through */
	case MODEL_FIELD_INT:
		fprintf(out, hex_field(f->name) ? "0x%llX" : "%lld", (long long)f->i);
		break;
	case MODEL_FIELD_UINT:
		fprintf(out, hex_field(f->name) ? "0x%llX" : "%llu", (unsigned long long)f->u);
		break;
	case MODEL_FIELD_STRING:
		fprintf(out, "\"%s\"", f->str ? f->str : "");
		break;
	case MODEL_FIELD_BYTES:
		if (f->len == 4) {
			char buf[32];

			memcpy(&a, f->bytes, 4);
			port = port_of(ev, f->name);
			fputs(port ? text_addr_port(a, (uint16_t)port->u, buf, sizeof(buf)) :
			      text_addr(a, buf, sizeof(buf)), out);
			break;
		}
		for (size_t i = 0; i < f->len; i++)
			fprintf(out, i ? " %02x" : "%02x", f->bytes[i]);
		break;
	}
}

/* Is @f a port shown with its address already? */
static bool port_shown(const struct model_event *ev, const struct model_field *f)
{
	size_t n = strlen(f->name);
	char addr[64];
	const struct model_field *a;

	if (n < 4 || n >= sizeof(addr) || strcmp(f->name + n - 4, "port"))
		return false;
	snprintf(addr, sizeof(addr), "%.*saddr", (int)(n - 4), f->name);
	a = model_event_field(ev, addr);
	return a && a->kind == MODEL_FIELD_BYTES && a->len == 4;
}

/* One event: time, thread, indentation, name, fields. */
static void event_line(const struct text_trace *t, const struct model *m, const struct text_opts *o,
		       bool threads, size_t i, const struct model_event *ev, FILE *out)
{
	size_t depth = model_call_stack_at(m, i, NULL, 0);
	bool first = true;

	if (o->index)
		fprintf(out, "%6zu ", i);
	fprintf(out, "%+11.6f  ", text_rel(t, ev->ts_ns));
	if (threads)
		fprintf(out, ev->softirq == 1 ? "[%lld softirq] " : "[%lld] ", (long long)ev->vtid);
	fprintf(out, "%*s%s ", (int)(depth > 1 ? 2 * (depth - 1) : 0), "", ev->name);
	for (size_t k = 0; k < ev->nfields; k++) {
		const struct model_field *f = &ev->fields[k];
		size_t n = strlen(f->name);

		if ((n > 3 && !strcmp(f->name + n - 3, "_v6")) || port_shown(ev, f))
			continue;
		fprintf(out, "%s%s = ", first ? " " : ", ", f->name);
		field_value(ev, f, out);
		first = false;
	}
	fputc('\n', out);
}

/* One field's value in JSON: numbers, enums by label, addresses dotted,
 * other bytes as a string of hex bytes. */
static void field_json(const struct model_field *f, FILE *out)
{
	char buf[32];
	uint32_t a;

	if (f->kind == MODEL_FIELD_ENUM && f->label) {
		text_json_str(out, f->label);
	} else if (f->kind == MODEL_FIELD_INT || f->kind == MODEL_FIELD_ENUM) {
		fprintf(out, "%lld", (long long)f->i);
	} else if (f->kind == MODEL_FIELD_UINT) {
		fprintf(out, "%llu", (unsigned long long)f->u);
	} else if (f->kind == MODEL_FIELD_STRING) {
		text_json_str(out, f->str);
	} else if (f->len == 4) {
		memcpy(&a, f->bytes, 4);
		text_json_str(out, text_addr(a, buf, sizeof(buf)));
	} else {
		fputc('"', out);
		for (size_t i = 0; i < f->len; i++)
			fprintf(out, i ? " %02x" : "%02x", f->bytes[i]);
		fputc('"', out);
	}
}

/* One event as a JSON object: where it is (process, index, connect, thread,
 * call depth on its thread, 0 for a root, as the text indents it) and
 * every field. */
static void event_json(const struct text_trace *t, const struct text_proc *p, size_t i,
		       size_t connect, const struct model_event *ev, FILE *out)
{
	size_t depth = model_call_stack_at(p->m, i, NULL, 0);

	fprintf(out, "{\"pid\":%lld,\"index\":%zu,\"time\":%.9f,\"tid\":%lld,\"softirq\":%d,"
		"\"depth\":%zu,\"connect\":", (long long)p->vpid, i, text_rel(t, ev->ts_ns),
		(long long)ev->vtid, ev->softirq, depth ? depth - 1 : 0);
	if (connect)
		fprintf(out, "%zu", connect);
	else
		fputs("null", out);
	fputs(",\"event\":", out);
	text_json_str(out, ev->name);
	fputs(",\"fields\":{", out);
	for (size_t k = 0; k < ev->nfields; k++) {
		if (k)
			fputc(',', out);
		text_json_str(out, ev->fields[k].name);
		fputc(':', out);
		field_json(&ev->fields[k], out);
	}
	fputs("}}\n", out);
}

/* The line that opens a connect's block. */
static void connect_header(const struct text_connect *c, FILE *out)
{
	char l[32], r[32];

	fprintf(out, "\n-- connect %zu: sk %u, %s -> %s, %s (%s), %u SYN retransmissions\n", c->n,
		c->sk_id, text_addr_port(c->saddr, c->sport, l, sizeof(l)),
		text_addr_port(c->daddr, c->dport, r, sizeof(r)), c->result, model_state_name(c->state),
		c->syn_retrans);
}

/* More than one thread in the process's call trees? */
static bool several_threads(const struct model *m)
{
	size_t n = model_calltree_count(m);

	for (size_t i = 1; i < n; i++)
		if (model_calltree_at(m, i)->vtid != model_calltree_at(m, 0)->vtid)
			return true;
	return false;
}

/* One process's block: its events, split into connect and stack blocks. */
static void show_proc(const struct text_trace *t, const struct text_proc *p,
		      const struct text_opts *o, FILE *out)
{
	const struct model *m = p->m;
	size_t n = model_event_count(m), nc, k = 0;
	struct text_connect *c = text_connects_of(m, &nc);
	bool threads = several_threads(m), stack_block = false;
	struct model_event ev;

	if (!o->json)
		fprintf(out, "== process %lld: %zu events, %zu connect%s\n", (long long)p->vpid, n,
			nc, nc == 1 ? "" : "s");
	model_event_init(&ev);
	for (size_t i = 0; i < n && text_event(m, i, &ev); i++) {
		size_t inside = 0;

		for (; k < nc && c[k].enter == i; k++, stack_block = false)
			if (!o->json)
				connect_header(&c[k], out);
		for (size_t j = k; j-- > 0 && !inside;)
			if (i <= c[j].end || (c[j].exit != MODEL_NONE && i <= c[j].exit))
				inside = j + 1;
		if (o->json) {
			event_json(t, p, i, inside, &ev, out);
			continue;
		}
		if (!inside && !stack_block) {
			fputs("\n-- the stack, outside connects\n", out);
			stack_block = true;
		}
		event_line(t, m, o, threads, i, &ev, out);
	}
	model_event_release(&ev);
	free(c);
}

int text_show(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	bool first = true;

	(void)err;
	(void)el;
	for (size_t p = 0; p < t->nprocs; p++) {
		if (!text_proc_listed(o, p))
			continue;
		if (!first && !o->json)
			fputc('\n', out);
		first = false;
		show_proc(t, &t->procs[p], o, out);
	}
	return 0;
}

static const struct text_report reports[] = {
	{ "show", text_show, "every event, readable: one block per process and per connect" },
	{ "connects", text_connects, "one line per connect (tcpconnect, tcpconnlat)" },
	{ "states", text_states, "every TCP state change, ms in the state left (tcpstates)" },
	{ "retrans", text_retrans, "every retransmission: state, RTO and backoff (tcpretrans)" },
	{ "ports", text_ports, "each connect's port search: candidates, verdicts, holders" },
	{ "tables", text_tables, "the hash tables' sockets after event N, like ss -tan (--at N)" },
	{ "mib", text_mib, "the counters events A..B changed (--from A --to B)" },
};

const struct text_report *text_reports(size_t *n)
{
	*n = sizeof(reports) / sizeof(reports[0]);
	return reports;
}

const struct text_report *text_report_find(const char *name)
{
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
		if (!strcmp(reports[i].name, name))
			return &reports[i];
	return NULL;
}
