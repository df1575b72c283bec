/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * decode.h - a babeltrace2 event message to a struct model_event
 * (decode.c), one decoder for the model source (source.c) and the sinks
 * (viz/text/text_sink.c, viz/dot/plugin.c).
 */
#ifndef CS_VIZ_DECODE_H
#define CS_VIZ_DECODE_H

#include <babeltrace2/babeltrace.h>
#include "model.h"

/* Decode @msg (an event message) into @ev: 0, 1 when the event is not a
 * connscope event (skipped), -1 when out of memory. */
int decode_event(const bt_message *msg, struct model_event *ev);

/* What a sink does with one decoded connscope event: 0, or -1 (out of memory). */
typedef int (*decode_apply_fn)(void *arg, const struct model_event *ev);

/*
 * A sink's consume step: the next batch of @it, each connscope event of it
 * decoded into @ev and given to @apply(@arg, @ev) (other providers' events
 * and other messages skipped, every message put).  Returns the status the
 * sink's consume method returns: OK, AGAIN, END (the stream is over: the
 * sink finishes), MEMORY_ERROR (decoding or @apply ran out of memory, or
 * the iterator did), ERROR.
 */
bt_component_class_sink_consume_method_status
decode_consume(bt_message_iterator *it, struct model_event *ev, decode_apply_fn apply, void *arg);

/* A sink's integer parameter @key (signed >= 0 or unsigned, at most @max)
 * into *@out, *@has whether it was given: 0, or -1 if of another type, out
 * of range or negative. */
int decode_param_uint(const bt_value *params, const char *key, uint64_t max, bool *has,
		      uint64_t *out);

/* A sink's graph-is-configured step: the iterator *@it on its input port 0. */
bt_component_class_sink_graph_is_configured_method_status
decode_configured(bt_self_component_sink *self, bt_message_iterator **it);

#endif
