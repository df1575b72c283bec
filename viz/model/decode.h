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

/* The consume status a sink returns when bt_message_iterator_next said
 * neither OK nor END (AGAIN, a memory error, any other error). */
bt_component_class_sink_consume_method_status
decode_consume_status(bt_message_iterator_next_status status);

#endif
