// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_sink.c - the text reports as babeltrace2 sink components of the
 * "connscope" plugin (declared in viz/dot/plugin.c): sink.connscope.text
 * (the readable listing of `connscope trace show`), .connects, .states,
 * .retrans, .ports, .tables and .mib.  Each one feeds every connscope event
 * it receives to one model per process and writes its report at the end of
 * the stream, to stdout or to the file of its `path` parameter.
 *
 *   babeltrace2 --plugin-path=build/lib/babeltrace2 TRACE -c sink.connscope.text
 *   babeltrace2 ... TRACE -c sink.connscope.tables -p 'at=120,json=yes'
 *
 * Parameters (all optional): path (string), json, index (bool), at, from, to,
 * process (integers, as the options of `connscope trace`).
 */
#include <stdlib.h>
#include <string.h>
#include "../model/decode.h"
#include "text.h"
#include "text_sink.h"

struct text_sink {
	bt_message_iterator *it;
	const struct text_report *report;
	struct text_trace trace;
	struct model_event ev;
	struct text_opts opts;
	char path[4096];
};

#define SELF(s) bt_self_component_sink_as_self_component(s)
#define FAIL(s, d, ...) do {								\
	fprintf(stderr, "sink.connscope.%s: ", (d)->report->name);			\
	fprintf(stderr, __VA_ARGS__);							\
	fputc('\n', stderr);								\
	BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(SELF(s), __VA_ARGS__);	\
} while (0)

/* A bool parameter: 0, or -1 if of another type. */
static int param_bool(const bt_value *p, const char *key, bool *out)
{
	const bt_value *v = bt_value_map_borrow_entry_value_const(p, key);

	if (!v)
		return 0;
	if (!bt_value_is_bool(v))
		return -1;
	*out = bt_value_bool_get(v);
	return 0;
}

/* The parameters into @d; NULL, or the name of the bad one. */
static const char *parse_params(const bt_value *p, struct text_sink *d)
{
	const bt_value *path = bt_value_map_borrow_entry_value_const(p, "path");
	struct text_opts *o = &d->opts;
	uint64_t proc = 0;
	bool has;

	if (path && !bt_value_is_string(path))
		return "path";
	if (path)
		snprintf(d->path, sizeof(d->path), "%s", bt_value_string_get(path));
	if (param_bool(p, "json", &o->json))
		return "json";
	if (param_bool(p, "index", &o->index))
		return "index";
	if (decode_param_uint(p, "at", UINT64_MAX, &o->has_at, &o->at))
		return "at";
	if (decode_param_uint(p, "from", UINT64_MAX, &o->has_from, &o->from))
		return "from";
	if (decode_param_uint(p, "to", UINT64_MAX, &o->has_to, &o->to))
		return "to";
	if (decode_param_uint(p, "process", 1u << 20, &has, &proc) || (has && !proc))
		return "process";
	o->process = (unsigned)proc;
	return NULL;
}

bt_component_class_initialize_method_status text_sink_init(bt_self_component_sink *self,
							   const bt_value *params,
							   const char *report)
{
	struct text_sink *d = calloc(1, sizeof(*d));
	const char *bad;

	if (!d)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	d->report = text_report_find(report);
	bad = parse_params(params, d);
	if (bad) {
		FAIL(self, d, "invalid parameter '%s' (see babeltrace2 help)", bad);
		free(d);
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	}
	if (bt_self_component_sink_add_input_port(self, "in", NULL, NULL)) {
		free(d);
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	}
	text_trace_init(&d->trace);
	model_event_init(&d->ev);
	bt_self_component_set_data(SELF(self), d);
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

bt_component_class_sink_graph_is_configured_method_status
text_sink_configured(bt_self_component_sink *self)
{
	struct text_sink *d = bt_self_component_get_data(SELF(self));

	return decode_configured(self, &d->it);
}

/* The end of the stream: the report. */
static bt_component_class_sink_consume_method_status finish(bt_self_component_sink *self,
							    struct text_sink *d)
{
	FILE *out = d->path[0] ? fopen(d->path, "w") : stdout;
	char err[1024] = "";
	int rc;

	if (!out) {
		FAIL(self, d, "cannot write %s", d->path);
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
	if (!d->trace.nprocs) {
		snprintf(err, sizeof(err), "no connscope event in the trace");
		rc = 1;
	} else {
		text_trace_notes(&d->trace, "sink.connscope", stderr);
		rc = text_check_process(&d->trace, &d->opts, err, sizeof(err));
		if (!rc)
			rc = d->report->fn(&d->trace, &d->opts, out, err, sizeof(err));
	}
	if ((out == stdout ? fflush(out) : fclose(out)) && !rc) {
		snprintf(err, sizeof(err), "write error");
		rc = 1;
	}
	if (rc) {
		FAIL(self, d, "%s", err);
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
}

/* One connscope event into the trace's processes. */
static int feed(void *arg, const struct model_event *ev)
{
	struct text_sink *d = arg;

	return text_trace_feed(&d->trace, ev) ? -1 : 0;
}

bt_component_class_sink_consume_method_status text_sink_consume(bt_self_component_sink *self)
{
	struct text_sink *d = bt_self_component_get_data(SELF(self));
	bt_component_class_sink_consume_method_status st = decode_consume(d->it, &d->ev, feed, d);

	if (st == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END)
		return finish(self, d);
	if (st == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR)
		FAIL(self, d, "out of memory while applying events to the model");
	return st;
}

void text_sink_finalize(bt_self_component_sink *self)
{
	struct text_sink *d = bt_self_component_get_data(SELF(self));

	if (!d)
		return;
	bt_message_iterator_put_ref(d->it);
	model_event_release(&d->ev);
	text_trace_free(&d->trace);
	free(d);
}
