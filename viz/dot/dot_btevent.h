/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dot_btevent.h - babeltrace2 event messages into model events, for the
 * sink component (model.h has builders, not a babeltrace2 decoder).
 */
#ifndef CS_DOT_BTEVENT_H
#define CS_DOT_BTEVENT_H

#include <babeltrace2/babeltrace.h>

struct model_event;

/*
 * dot_bt_event - decode event message @msg into @ev (model_event_init'ed).
 * Returns 0, 1 when the event is not a connscope one (skip it), -1 when
 * out of memory.
 */
int dot_bt_event(const bt_message *msg, struct model_event *ev);

#endif
