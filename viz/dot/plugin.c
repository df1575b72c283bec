// SPDX-License-Identifier: GPL-2.0-only
/*
 * plugin.c - the babeltrace2 plugin "connscope".  sink.connscope.dot feeds
 * every connscope event it receives to the trace model and, at the end of
 * the stream, writes the same diagrams as connscope-dot.  The text sinks
 * (sink.connscope.text, .connects, .states, .retrans, .ports, .tables, .mib)
 * print the reports of `connscope trace` (viz/text/text_sink.c).
 *
 *   babeltrace2 --plugin-path=build/lib/babeltrace2 TRACE \
 *       -c sink.connscope.dot -p 'path="out.svg",view="ehash"'
 *
 * Parameters (all optional but path): path (string), view (string: ehash,
 * bhash, listen, tw, state, callpath, all), format (string: dot, svg, png,
 * pdf), at, at-time, connect, socket, max-chain, max-slots (integers;
 * babeltrace2 accepts them signed or with a leading +), quiet (bool).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <babeltrace2/babeltrace.h>
#include "../model/decode.h"
#include "../model/model.h"
#include "dot_export.h"
#include "dot_graph.h"
#include "../text/text_sink.h"

struct dot_sink {
	bt_message_iterator *it;
	struct model *model;
	struct model_event ev;
	struct dot_request req;
	char path[4096];
	char format[8];
	uint64_t process;		/* process=N: the Nth connscope process (1) */
};

BT_PLUGIN_MODULE()
BT_PLUGIN(connscope);
BT_PLUGIN_DESCRIPTION("connscope: the stack's state drawn and printed from its trace");
BT_PLUGIN_AUTHOR("connscope");
BT_PLUGIN_LICENSE("GPL-2.0-only");

#define SELF(s) bt_self_component_sink_as_self_component(s)
#define FAIL(s, ...) do {							\
	fprintf(stderr, "sink.connscope.dot: " __VA_ARGS__);			\
	fputc('\n', stderr);							\
	BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(SELF(s), __VA_ARGS__);	\
} while (0)

static const char *param_str(const bt_value *params, const char *key, int *bad)
{
	const bt_value *v = bt_value_map_borrow_entry_value_const(params, key);

	if (!v)
		return NULL;
	if (!bt_value_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return bt_value_string_get(v);
}

/* The numeric parameters into the request. */
static const char *numbers(const bt_value *p, struct dot_request *r)
{
	uint64_t v;
	bool has;

	if (decode_param_uint(p, "at", UINT64_MAX, &r->has_at, &r->at))
		return "at";
	if (decode_param_uint(p, "at-time", UINT64_MAX, &r->has_at_time, &r->at_time))
		return "at-time";
	if (decode_param_uint(p, "connect", UINT32_MAX, &has, &v) || (has && !v))
		return "connect";
	r->connect = has ? (uint32_t)v : 0;
	if (decode_param_uint(p, "socket", UINT32_MAX, &has, &v) || (has && !v))
		return "socket";
	r->socket = has ? (uint32_t)v : 0;
	if (decode_param_uint(p, "max-chain", 100000, &has, &v) || (has && !v))
		return "max-chain";
	if (has)
		r->opts.max_chain = (unsigned)v;
	if (decode_param_uint(p, "max-slots", 100000, &has, &v))
		return "max-slots";
	if (has)
		r->opts.max_slots = (unsigned)v;
	return NULL;
}

/* The parameters into @d->req; NULL, or the name of the bad one. */
static const char *parse_params(const bt_value *p, struct dot_sink *d)
{
	const char *s, *bad_num;
	const bt_value *q;
	int bad = 0, view;
	bool has;

	dot_request_init(&d->req);
	s = param_str(p, "path", &bad);
	if (!s || bad)
		return "path";
	snprintf(d->path, sizeof(d->path), "%s", s);
	d->req.output = d->path;
	s = param_str(p, "view", &bad);
	view = s ? dot_view_parse(s) : DOT_VIEW_ALL;
	if (bad || view < 0)
		return "view";
	d->req.view = (enum dot_view_kind)view;
	s = param_str(p, "format", &bad);
	if (bad || (s && !dot_format_ok(s)))
		return "format";
	snprintf(d->format, sizeof(d->format), "%s", s ? s : "svg");
	d->req.format = d->format;
	bad_num = numbers(p, &d->req);
	if (bad_num)
		return bad_num;
	if (d->req.has_at + d->req.has_at_time + (d->req.connect != 0) > 1)
		return "at/at-time/connect (only one)";
	if (decode_param_uint(p, "process", 1000000, &has, &d->process) || (has && !d->process))
		return "process";
	if (!has)
		d->process = 1;
	q = bt_value_map_borrow_entry_value_const(p, "at-end");
	if (q && !bt_value_is_bool(q))
		return "at-end";
	d->req.at_end = q && bt_value_bool_get(q);
	if (d->req.at_end && (d->req.has_at || d->req.has_at_time || d->req.connect))
		return "at/at-time/connect/at-end (only one)";
	q = bt_value_map_borrow_entry_value_const(p, "quiet");
	if (q && !bt_value_is_bool(q))
		return "quiet";
	d->req.quiet = q && bt_value_bool_get(q);
	return NULL;
}

static bt_component_class_initialize_method_status
dot_init(bt_self_component_sink *self, bt_self_component_sink_configuration *config,
	 const bt_value *params, void *init_data)
{
	struct dot_sink *d = calloc(1, sizeof(*d));
	const char *bad;

	(void)config;
	(void)init_data;
	if (!d)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	bad = parse_params(params, d);
	if (bad) {
		FAIL(self, "missing or invalid parameter '%s' (path=\"FILE\" is required)", bad);
		free(d);
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	}
	d->model = model_new();
	if (d->model)
		model_follow_process(d->model, (size_t)d->process);
	if (!d->model || bt_self_component_sink_add_input_port(self, "in", NULL, NULL)) {
		model_free(d->model);
		free(d);
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	}
	model_event_init(&d->ev);
	bt_self_component_set_data(SELF(self), d);
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

static bt_component_class_sink_graph_is_configured_method_status
dot_configured(bt_self_component_sink *self)
{
	struct dot_sink *d = bt_self_component_get_data(SELF(self));

	return decode_configured(self, &d->it);
}

/* The end of the stream: draw. */
static bt_component_class_sink_consume_method_status finish(bt_self_component_sink *self,
							    struct dot_sink *d)
{
	char err[512];

	if (dot_export(d->model, &d->req, err, sizeof(err))) {
		FAIL(self, "%s", err);
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
	/* what was drawn: the first process of several, the moment */
	if (model_process_note(d->model, "process=", err, sizeof(err)))
		fprintf(stderr, "sink.connscope.dot: %s\n", err);
	if (dot_default_moment(d->model, &d->req, err, sizeof(err)))
		fprintf(stderr, "sink.connscope.dot: %s\n", err);
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
}

/* One connscope event into the model. */
static int apply(void *arg, const struct model_event *ev)
{
	struct dot_sink *d = arg;

	return model_apply(d->model, ev) < 0 ? -1 : 0;
}

static bt_component_class_sink_consume_method_status dot_consume(bt_self_component_sink *self)
{
	struct dot_sink *d = bt_self_component_get_data(SELF(self));
	bt_component_class_sink_consume_method_status st = decode_consume(d->it, &d->ev, apply, d);

	if (st == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END)
		return finish(self, d);
	if (st == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR)
		FAIL(self, "out of memory while applying events to the model");
	return st;
}

static void dot_finalize(bt_self_component_sink *self)
{
	struct dot_sink *d = bt_self_component_get_data(SELF(self));

	if (!d)
		return;
	bt_message_iterator_put_ref(d->it);
	model_event_release(&d->ev);
	model_free(d->model);
	free(d);
}

BT_PLUGIN_SINK_COMPONENT_CLASS(dot, dot_consume);
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(dot, "Graphviz diagrams of connscope's hash tables, "
					   "states and connect call path");
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(dot,
	"Parameters: path=\"FILE\" (required), view=\"ehash|bhash|listen|tw|state|callpath|ladder|ports|all\","
	" format=\"dot|svg|png|pdf\", at=N, at-time=NS, connect=N, at-end=yes, process=N, socket=ID,"
	" max-chain=N, max-slots=N, quiet=yes.  Same meaning as connscope-dot's options (see its --help).");
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(dot, dot_init);
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(dot, dot_configured);
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(dot, dot_finalize);

/* The text sinks: one class per report of `connscope trace`, sharing the
 * methods of viz/text/text_sink.c. */
#define TEXT_HELP "Parameters (all optional): path=\"FILE\" (default: standard output), json=yes," \
	" index=yes (text), at=N (tables), from=A, to=B (mib), process=N (that process only)." \
	"  Same meaning as the options of connscope trace (see connscope-trace(1))."
#define TEXT_SINK(id, report, descr)								\
static bt_component_class_initialize_method_status						\
id##_init(bt_self_component_sink *self, bt_self_component_sink_configuration *config,		\
	  const bt_value *params, void *init_data)						\
{												\
	(void)config;										\
	(void)init_data;									\
	return text_sink_init(self, params, report);						\
}												\
BT_PLUGIN_SINK_COMPONENT_CLASS(id, text_sink_consume);						\
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(id, descr);						\
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(id, TEXT_HELP);						\
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(id, id##_init);				\
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(id, text_sink_configured);		\
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(id, text_sink_finalize)

TEXT_SINK(text, "show", "connscope events as people read them: one block per process and per "
	  "connect, indented by call depth");
TEXT_SINK(connects, "connects", "one line per connect: 4-tuple, result, latency, SYN "
	  "retransmissions, ISN (tcpconnect, tcpconnlat)");
TEXT_SINK(states, "states", "every TCP state change and the ms spent in the state left (tcpstates)");
TEXT_SINK(retrans, "retrans", "every retransmission with its state, RTO and backoff (tcpretrans)");
TEXT_SINK(ports, "ports", "each connect's ephemeral port search: candidates, verdicts, holders");
TEXT_SINK(tables, "tables", "the hash tables' sockets after an event, like ss -tan");
TEXT_SINK(mib, "mib", "the counters changed between two events");
