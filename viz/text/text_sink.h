/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * text_sink.h - the methods shared by the text sink component classes
 * (text_sink.c); viz/dot/plugin.c declares the classes, one per report.
 */
#ifndef CS_VIZ_TEXT_SINK_H
#define CS_VIZ_TEXT_SINK_H

#include <babeltrace2/babeltrace.h>

/* Initialize a sink printing report @report ("show", "connects", ...). */
bt_component_class_initialize_method_status text_sink_init(bt_self_component_sink *self,
							   const bt_value *params,
							   const char *report);
bt_component_class_sink_graph_is_configured_method_status
text_sink_configured(bt_self_component_sink *self);
bt_component_class_sink_consume_method_status text_sink_consume(bt_self_component_sink *self);
void text_sink_finalize(bt_self_component_sink *self);

#endif
