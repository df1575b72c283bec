// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_btevent.c - a babeltrace2 event message into a struct model_event,
 * through model.h's public builders only, so that the sink component
 * (plugin.c) can feed the model event by event: payload integers, enums
 * (value and label), strings and byte arrays; the vtid and vpid contexts
 * (or the events' common pid/tid/softirq fields, model_event_lift_common); the
 * cpu_id of the packet; the time in ns from the clock's origin.
 */
#include <string.h>
#include <babeltrace2/babeltrace.h>
#include "../model/model.h"
#include "dot_btevent.h"

static const char *enum_label(const bt_field *f, bool is_signed)
{
	bt_field_class_enumeration_mapping_label_array labels;
	uint64_t n = 0;

	if (is_signed)
		bt_field_enumeration_signed_get_mapping_labels(f, &labels, &n);
	else
		bt_field_enumeration_unsigned_get_mapping_labels(f, &labels, &n);
	return n ? labels[0] : NULL;
}

/* An array or sequence of integers, as bytes (the trace's addresses,
 * MACs and option bytes are uint8 arrays). */
static int add_bytes(struct model_event *ev, const char *name, const bt_field *f)
{
	uint64_t n = bt_field_array_get_length(f);
	uint8_t buf[256];

	if (n > sizeof(buf))
		n = sizeof(buf);
	for (uint64_t i = 0; i < n; i++) {
		const bt_field *e = bt_field_array_borrow_element_field_by_index_const(f, i);
		bt_field_class_type t = bt_field_get_class_type(e);

		if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
			buf[i] = (uint8_t)bt_field_integer_unsigned_get_value(e);
		else if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
			buf[i] = (uint8_t)bt_field_integer_signed_get_value(e);
		else
			return 0;
	}
	return model_event_add_bytes(ev, name, buf, (size_t)n);
}

static int add_field(struct model_event *ev, const char *name, const bt_field *f)
{
	bt_field_class_type t = bt_field_get_class_type(f);

	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_ENUMERATION))
		return model_event_add_enum(ev, name, (int64_t)bt_field_integer_unsigned_get_value(f),
					    enum_label(f, false));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_ENUMERATION))
		return model_event_add_enum(ev, name, bt_field_integer_signed_get_value(f),
					    enum_label(f, true));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		return model_event_add_uint(ev, name, bt_field_integer_unsigned_get_value(f));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		return model_event_add_int(ev, name, bt_field_integer_signed_get_value(f));
	if (t == BT_FIELD_CLASS_TYPE_STRING)
		return model_event_add_str(ev, name, bt_field_string_get_value(f));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_ARRAY))
		return add_bytes(ev, name, f);
	return 0;
}

/* An integer member @name of structure @s, or @dflt. */
static int64_t struct_int(const bt_field *s, const char *name, int64_t dflt)
{
	const bt_field *f;
	bt_field_class_type t;

	if (!s || bt_field_get_class_type(s) != BT_FIELD_CLASS_TYPE_STRUCTURE)
		return dflt;
	f = bt_field_structure_borrow_member_field_by_name_const(s, name);
	if (!f)
		return dflt;
	t = bt_field_get_class_type(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		return (int64_t)bt_field_integer_unsigned_get_value(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		return bt_field_integer_signed_get_value(f);
	return dflt;
}

/* The vpid a per-process trace names in its environment (LTTng's per-pid
 * buffers), -1 if none. */
static int64_t env_vpid(const bt_event *e)
{
	const bt_stream *s = bt_event_borrow_stream_const(e);
	const bt_value *v = s ? bt_trace_borrow_environment_entry_value_by_name_const(
					bt_stream_borrow_trace_const(s), "vpid") : NULL;

	if (v && bt_value_is_signed_integer(v))
		return bt_value_integer_signed_get(v);
	if (v && bt_value_is_unsigned_integer(v))
		return (int64_t)bt_value_integer_unsigned_get(v);
	return -1;
}

int dot_bt_event(const bt_message *msg, struct model_event *ev)
{
	const bt_event *e = bt_message_event_borrow_event_const(msg);
	const char *name = bt_event_class_get_name(bt_event_borrow_class_const(e));
	const bt_field *payload = bt_event_borrow_payload_field_const(e);
	const bt_packet *pkt = bt_event_borrow_packet_const(e);
	int64_t ts = 0;
	uint64_t n;

	if (!name || strncmp(name, "connscope:", 10) != 0)
		return 1;
	if (bt_message_event_borrow_stream_class_default_clock_class_const(msg))
		bt_clock_snapshot_get_ns_from_origin(
			bt_message_event_borrow_default_clock_snapshot_const(msg), &ts);
	if (model_event_set(ev, name + 10, (uint64_t)ts,
			    struct_int(bt_event_borrow_common_context_field_const(e), "vtid", -1)))
		return -1;
	ev->cpu = pkt ? struct_int(bt_packet_borrow_context_field_const(pkt), "cpu_id", -1) : -1;
	n = payload ? bt_field_class_structure_get_member_count(bt_field_borrow_class_const(payload))
		    : 0;
	for (uint64_t i = 0; i < n; i++) {
		const bt_field_class_structure_member *mc =
			bt_field_class_structure_borrow_member_by_index_const(
				bt_field_borrow_class_const(payload), i);

		if (add_field(ev, bt_field_class_structure_member_get_name(mc),
			      bt_field_structure_borrow_member_field_by_index_const(payload, i)))
			return -1;
	}
	ev->vpid = struct_int(bt_event_borrow_common_context_field_const(e), "vpid", -1);
	model_event_lift_common(ev);
	if (ev->vpid < 0)
		ev->vpid = env_vpid(e);
	return 0;
}
