// SPDX-License-Identifier: GPL-2.0-only
/*
 * source.c - reading a connscope trace through libbabeltrace2.
 *
 * The graph: one source.ctf.fs per CTF trace directory found below the
 * path (a directory holding a `metadata` file, found with nftw), or one
 * source.ctf.lttng-live for a live URL; a filter.utils.muxer merging their
 * streams by time; and our own sink component, whose consume method takes
 * one batch of messages from its iterator.  model_source_next hands out the
 * batch's events one at a time, running the graph once more when the batch
 * is used up, so the caller never waits longer than one batch.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <babeltrace2/babeltrace.h>
#include "decode.h"

struct model_source {
	bt_graph *graph;
	const bt_plugin *ctf, *utils;
	bt_component_class_sink *sink_cls;
	bt_message_iterator *iter;		/* the sink's, made once the graph is configured */
	bt_message_array_const batch;		/* the current batch (the iterator's array) */
	uint64_t nbatch, pos;
	bool live, ended, failed;
	int last_status;			/* set by the consume method */
	uint64_t events, skipped;
	char path[256];
	char err[1024];
};

/* ------------------------------------------------------------------ */
/* errors                                                              */
/* ------------------------------------------------------------------ */

/* The current thread's babeltrace2 error: its causes that say something
 * (not the generic "method failed" ones naming component addresses),
 * innermost first, or "" if none. */
static void take_bt_error(char *buf, size_t len)
{
	const bt_error *e = bt_current_thread_take_error();
	size_t off = 0;
	uint64_t n;

	if (!len)
		return;
	buf[0] = '\0';
	if (!e)
		return;
	n = bt_error_get_cause_count(e);
	for (uint64_t i = 0; i < n && off + 1 < len; i++) {
		const char *m = bt_error_cause_get_message(bt_error_borrow_cause_by_index(e, i));
		int w;

		if (!m || strstr(m, "comp-addr=") || strstr(m, "iter-addr="))
			continue;
		w = snprintf(buf + off, len - off, "%s%s", off ? "; " : "", m);
		if (w < 0)
			break;
		off += (size_t)w;
	}
	if (off >= len)
		buf[len - 1] = '\0';
	bt_error_release(e);
}

static void set_err(struct model_source *s, const char *what)
{
	char cause[600];

	take_bt_error(cause, sizeof(cause));
	if (cause[0])
		snprintf(s->err, sizeof(s->err), "%s: %s (%s)", s->path, what, cause);
	else
		snprintf(s->err, sizeof(s->err), "%s: %s", s->path, what);
}

/* ------------------------------------------------------------------ */
/* the sink component class                                            */
/* ------------------------------------------------------------------ */

static bt_component_class_initialize_method_status
sink_init(bt_self_component_sink *self, bt_self_component_sink_configuration *conf,
	  const bt_value *params, void *data)
{
	(void)conf;
	(void)params;
	bt_self_component_set_data(bt_self_component_sink_as_self_component(self), data);
	if (bt_self_component_sink_add_input_port(self, "in", NULL, NULL) !=
	    BT_SELF_COMPONENT_ADD_PORT_STATUS_OK)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

static bt_component_class_sink_graph_is_configured_method_status
sink_configured(bt_self_component_sink *self)
{
	struct model_source *s =
		bt_self_component_get_data(bt_self_component_sink_as_self_component(self));
	bt_self_component_port_input *in =
		bt_self_component_sink_borrow_input_port_by_name(self, "in");

	if (bt_message_iterator_create_from_sink_component(self, in, &s->iter) !=
	    BT_MESSAGE_ITERATOR_CREATE_FROM_SINK_COMPONENT_STATUS_OK)
		return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_OK;
}

/* One batch: the messages stay referenced by the iterator's array until we
 * put them (model_source_next does, one by one). */
static bt_component_class_sink_consume_method_status sink_consume(bt_self_component_sink *self)
{
	struct model_source *s =
		bt_self_component_get_data(bt_self_component_sink_as_self_component(self));

	switch (bt_message_iterator_next(s->iter, &s->batch, &s->nbatch)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		s->pos = 0;
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		s->nbatch = s->pos = 0;
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		s->nbatch = s->pos = 0;
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		s->nbatch = s->pos = 0;
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
	default:
		s->nbatch = s->pos = 0;
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
}

static void sink_finalize(bt_self_component_sink *self)
{
	struct model_source *s =
		bt_self_component_get_data(bt_self_component_sink_as_self_component(self));

	while (s->pos < s->nbatch)
		bt_message_put_ref(s->batch[s->pos++]);
	s->nbatch = s->pos = 0;
	bt_message_iterator_put_ref(s->iter);
	s->iter = NULL;
}

/* ------------------------------------------------------------------ */
/* finding the traces                                                  */
/* ------------------------------------------------------------------ */

struct dirlist {
	char **v;
	size_t n, cap;
	bool oom;
};
static struct dirlist *walk_list;	/* nftw has no user pointer */

static int walk_cb(const char *fpath, const struct stat *st, int type, struct FTW *ftw)
{
	char *dir;

	(void)st;
	if (type != FTW_F || strcmp(fpath + ftw->base, "metadata"))
		return 0;
	if (walk_list->n == walk_list->cap) {
		size_t cap = walk_list->cap ? walk_list->cap * 2 : 8;
		char **v = realloc(walk_list->v, cap * sizeof(*v));

		if (!v) {
			walk_list->oom = true;
			return 1;
		}
		walk_list->v = v;
		walk_list->cap = cap;
	}
	dir = strndup(fpath, ftw->base ? (size_t)ftw->base - 1 : 0);
	if (!dir) {
		walk_list->oom = true;
		return 1;
	}
	walk_list->v[walk_list->n++] = dir;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dirlist_free(struct dirlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Each trace's metadata checked before babeltrace2 reads it (metadata.c:
 * a packetized file cut inside a packet would make it spin forever). */
static int check_metadata(struct model_source *s, const struct dirlist *l)
{
	char file[4096 + 16], why[200];

	for (size_t i = 0; i < l->n; i++) {
		snprintf(file, sizeof(file), "%s/metadata", l->v[i]);
		if (model_metadata_check(file, why, sizeof(why))) {
			snprintf(s->err, sizeof(s->err),
				 "%.250s: the trace is truncated or corrupt (%.500s: %s)",
				 s->path, file, why);
			return -1;
		}
	}
	return 0;
}

/* Every directory below @path holding a `metadata` file, sorted. */
static int find_traces(struct model_source *s, struct dirlist *l)
{
	struct stat st;

	if (stat(s->path, &st) < 0) {
		snprintf(s->err, sizeof(s->err), "%s: %s", s->path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(s->err, sizeof(s->err), "%s: not a directory (give the trace directory)",
			 s->path);
		return -1;
	}
	walk_list = l;
	nftw(s->path, walk_cb, 16, FTW_PHYS);
	walk_list = NULL;
	if (l->oom) {
		snprintf(s->err, sizeof(s->err), "%s: out of memory", s->path);
		return -1;
	}
	if (!l->n) {
		snprintf(s->err, sizeof(s->err),
			 "%s: not a CTF trace (no `metadata` file below it)", s->path);
		return -1;
	}
	qsort(l->v, l->n, sizeof(*l->v), cmp_str);
	return check_metadata(s, l);
}

/* ------------------------------------------------------------------ */
/* the graph                                                           */
/* ------------------------------------------------------------------ */

/* Connect every output port of @src to a free muxer input port. */
static int connect_source(struct model_source *s, const bt_component_source *src,
			  const bt_component_filter *mux)
{
	uint64_t n = bt_component_source_get_output_port_count(src);

	for (uint64_t i = 0; i < n; i++) {
		const bt_port_output *out = bt_component_source_borrow_output_port_by_index_const(src, i);
		uint64_t k = bt_component_filter_get_input_port_count(mux);
		const bt_port_input *in = NULL;

		for (uint64_t j = 0; j < k; j++) {
			const bt_port_input *p = bt_component_filter_borrow_input_port_by_index_const(mux, j);

			if (!bt_port_is_connected(bt_port_input_as_port_const(p))) {
				in = p;
				break;
			}
		}
		if (!in || bt_graph_connect_ports(s->graph, out, in, NULL) !=
			   BT_GRAPH_CONNECT_PORTS_STATUS_OK) {
			set_err(s, "cannot connect the trace's streams to the muxer");
			return -1;
		}
	}
	return 0;
}

static const bt_component_source *add_source(struct model_source *s, const char *cls_name,
					      const char *input, int idx)
{
	const bt_component_class_source *cls =
		bt_plugin_borrow_source_component_class_by_name_const(s->ctf, cls_name);
	const bt_component_source *comp = NULL;
	bt_value *params = bt_value_map_create(), *inputs = NULL;
	char name[32];
	int ok;

	if (!cls || !params) {
		bt_value_put_ref(params);
		set_err(s, "babeltrace2's ctf plugin lacks a source class");
		return NULL;
	}
	ok = bt_value_map_insert_empty_array_entry(params, "inputs", &inputs) ==
		     BT_VALUE_MAP_INSERT_ENTRY_STATUS_OK &&
	     bt_value_array_append_string_element(inputs, input) ==
		     BT_VALUE_ARRAY_APPEND_ELEMENT_STATUS_OK;
	if (ok && s->live)
		ok = bt_value_map_insert_string_entry(params, "session-not-found-action", "end") ==
		     BT_VALUE_MAP_INSERT_ENTRY_STATUS_OK;
	snprintf(name, sizeof(name), "src%d", idx);
	if (!ok || bt_graph_add_source_component(s->graph, cls, name, params,
						  BT_LOGGING_LEVEL_NONE, &comp) !=
			   BT_GRAPH_ADD_COMPONENT_STATUS_OK) {
		if (s->live)
			set_err(s, "cannot attach to the live session (is lttng-relayd running?)");
		else
			set_err(s, "cannot read this CTF trace");
		comp = NULL;
	}
	bt_value_put_ref(params);
	return comp;
}

static int find_plugins(struct model_source *s)
{
	if (bt_plugin_find("ctf", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &s->ctf) !=
		    BT_PLUGIN_FIND_STATUS_OK ||
	    bt_plugin_find("utils", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &s->utils) !=
		    BT_PLUGIN_FIND_STATUS_OK) {
		set_err(s, "babeltrace2's ctf and utils plugins are not installed");
		return -1;
	}
	return 0;
}

static int add_sink(struct model_source *s, const bt_component_filter *mux)
{
	const bt_component_sink *sink = NULL;

	s->sink_cls = bt_component_class_sink_create("connscope-model", sink_consume);
	if (!s->sink_cls ||
	    bt_component_class_sink_set_initialize_method(s->sink_cls, sink_init) ||
	    bt_component_class_sink_set_graph_is_configured_method(s->sink_cls, sink_configured) ||
	    bt_component_class_sink_set_finalize_method(s->sink_cls, sink_finalize) ||
	    bt_graph_add_sink_component_with_initialize_method_data(
		    s->graph, s->sink_cls, "model", NULL, s, BT_LOGGING_LEVEL_NONE, &sink) !=
		    BT_GRAPH_ADD_COMPONENT_STATUS_OK) {
		set_err(s, "cannot create the model's sink");
		return -1;
	}
	if (bt_graph_connect_ports(s->graph,
				   bt_component_filter_borrow_output_port_by_name_const(mux, "out"),
				   bt_component_sink_borrow_input_port_by_name_const(sink, "in"),
				   NULL) != BT_GRAPH_CONNECT_PORTS_STATUS_OK) {
		set_err(s, "cannot connect the muxer to the model's sink");
		return -1;
	}
	return 0;
}

static int build_graph(struct model_source *s, const struct dirlist *traces)
{
	const bt_component_class_filter *mux_cls;
	const bt_component_filter *mux = NULL;

	s->graph = bt_graph_create(0);
	if (!s->graph || find_plugins(s))
		return s->graph ? -1 : (set_err(s, "out of memory"), -1);
	mux_cls = bt_plugin_borrow_filter_component_class_by_name_const(s->utils, "muxer");
	if (!mux_cls || bt_graph_add_filter_component(s->graph, mux_cls, "muxer", NULL,
						      BT_LOGGING_LEVEL_NONE, &mux) !=
				BT_GRAPH_ADD_COMPONENT_STATUS_OK) {
		set_err(s, "cannot create filter.utils.muxer");
		return -1;
	}
	for (size_t i = 0; i < (traces ? traces->n : 1); i++) {
		const bt_component_source *src =
			add_source(s, s->live ? "lttng-live" : "fs",
				   traces ? traces->v[i] : s->path, (int)i);

		if (!src || connect_source(s, src, mux))
			return -1;
	}
	return add_sink(s, mux);
}

/* Run the graph once now, so that what can only fail when it runs (no
 * relay daemon, an unreadable first packet) fails the open. */
static int first_run(struct model_source *s)
{
	switch (bt_graph_run_once(s->graph)) {
	case BT_GRAPH_RUN_ONCE_STATUS_OK:
	case BT_GRAPH_RUN_ONCE_STATUS_AGAIN:
		return 0;
	case BT_GRAPH_RUN_ONCE_STATUS_END:
		s->ended = true;
		return 0;
	default:
		set_err(s, s->live ? "cannot attach to the live session (is lttng-relayd running?)"
				   : "the trace is truncated or corrupt");
		return -1;
	}
}

bool model_is_live_url(const char *str)
{
	return str && (!strncmp(str, "net://", 6) || !strncmp(str, "net4://", 7) ||
		       !strncmp(str, "net6://", 7));
}

struct model_source *model_source_open(const char *path_or_url, char *err, size_t errlen)
{
	struct model_source *s = calloc(1, sizeof(*s));
	struct dirlist traces = { 0 };
	int rc;

	if (!s) {
		if (errlen)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(s->path, sizeof(s->path), "%s", path_or_url ? path_or_url : "");
	s->live = model_is_live_url(s->path);
	if (!path_or_url || !*path_or_url) {
		snprintf(s->err, sizeof(s->err), "no trace given");
		rc = -1;
	} else if (s->live) {
		rc = build_graph(s, NULL);
	} else {
		rc = find_traces(s, &traces);
		if (!rc)
			rc = build_graph(s, &traces);
	}
	dirlist_free(&traces);
	if (!rc)
		rc = first_run(s);
	if (rc) {
		if (errlen)
			snprintf(err, errlen, "%s", s->err);
		model_source_close(s);
		return NULL;
	}
	return s;
}

/* ------------------------------------------------------------------ */
/* iteration                                                           */
/* ------------------------------------------------------------------ */

static enum model_source_status source_fail(struct model_source *s, const char *what)
{
	set_err(s, what);
	s->failed = true;
	return MODEL_SOURCE_ERROR;
}

/* The next event of the current batch: 1 found, 0 batch used up, -1 error. */
static int next_in_batch(struct model_source *s, struct model_event *ev)
{
	while (s->pos < s->nbatch) {
		const bt_message *msg = s->batch[s->pos++];
		bool is_event = bt_message_get_type(msg) == BT_MESSAGE_TYPE_EVENT;
		int rc = is_event ? decode_event(msg, ev) : 0;

		bt_message_put_ref(msg);
		if (rc < 0)
			return -1;
		if (rc > 0)
			s->skipped++;
		else if (is_event) {
			s->events++;
			return 1;
		}
	}
	return 0;
}

enum model_source_status model_source_next(struct model_source *s, struct model_event *ev)
{
	if (!s)
		return MODEL_SOURCE_ERROR;
	if (s->failed)
		return MODEL_SOURCE_ERROR;
	for (;;) {
		int rc = next_in_batch(s, ev);

		if (rc > 0)
			return MODEL_SOURCE_OK;
		if (rc < 0)
			return source_fail(s, "out of memory decoding an event");
		if (s->ended)
			return MODEL_SOURCE_END;
		switch (bt_graph_run_once(s->graph)) {
		case BT_GRAPH_RUN_ONCE_STATUS_OK:
			continue;
		case BT_GRAPH_RUN_ONCE_STATUS_AGAIN:
			return MODEL_SOURCE_AGAIN;
		case BT_GRAPH_RUN_ONCE_STATUS_END:
			s->ended = true;
			if (!s->events && !s->live) {
				snprintf(s->err, sizeof(s->err),
					 "%s: no connscope events in this trace (%llu other events)",
					 s->path, (unsigned long long)s->skipped);
				s->failed = true;
				return MODEL_SOURCE_ERROR;
			}
			return MODEL_SOURCE_END;
		default:
			return source_fail(s, s->live ? "the live session failed"
						      : "the trace is truncated or corrupt");
		}
	}
}

const char *model_source_error(const struct model_source *s)
{
	return s ? s->err : "no source";
}

bool model_source_is_live(const struct model_source *s)
{
	return s && s->live;
}

uint64_t model_source_events(const struct model_source *s)
{
	return s ? s->events : 0;
}

uint64_t model_source_skipped(const struct model_source *s)
{
	return s ? s->skipped : 0;
}

void model_source_close(struct model_source *s)
{
	if (!s)
		return;
	/* Putting the graph finalizes the sink, which puts the batch and the
	 * iterator. */
	bt_graph_put_ref(s->graph);
	bt_component_class_sink_put_ref(s->sink_cls);
	bt_plugin_put_ref(s->ctf);
	bt_plugin_put_ref(s->utils);
	free(s);
}
