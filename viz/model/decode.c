// SPDX-License-Identifier: GPL-2.0-only
/*
 * decode.c - one babeltrace2 event message as a struct model_event: the
 * name without "connscope:", the clock in ns from its origin, the vtid and
 * vpid contexts and the packet's cpu_id when the trace has them, and every
 * payload field in order (integers, enums with their label, strings, arrays
 * and sequences of bytes).  The length fields CTF adds for sequences
 * ("_options_length") and the common fields (pid, tid, softirq) are left
 * out of the list; the latter fill vpid, vtid and softirq.
 */
#include <stdlib.h>
#include <string.h>
#include "decode.h"

#define PROVIDER "connscope:"

static int decode_array(struct model_event *ev, const char *name, const bt_field *f)
{
	uint64_t n = bt_field_array_get_length(f);
	uint8_t small[64], *b = n <= sizeof(small) ? small : malloc(n);
	int rc;

	if (!b)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		const bt_field *e = bt_field_array_borrow_element_field_by_index_const(f, i);
		bt_field_class_type t = bt_field_get_class_type(e);

		if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
			b[i] = (uint8_t)bt_field_integer_signed_get_value(e);
		else if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
			b[i] = (uint8_t)bt_field_integer_unsigned_get_value(e);
		else
			b[i] = 0;
	}
	rc = model_event_add_bytes(ev, name, b, (size_t)n);
	if (b != small)
		free(b);
	return rc;
}

static int decode_enum(struct model_event *ev, const char *name, const bt_field *f,
		       bt_field_class_type t)
{
	bt_field_class_enumeration_mapping_label_array labels = NULL;
	uint64_t count = 0;
	int64_t v;

	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_ENUMERATION)) {
		v = bt_field_integer_signed_get_value(f);
		bt_field_enumeration_signed_get_mapping_labels(f, &labels, &count);
	} else {
		v = (int64_t)bt_field_integer_unsigned_get_value(f);
		bt_field_enumeration_unsigned_get_mapping_labels(f, &labels, &count);
	}
	return model_event_add_enum(ev, name, v, count ? labels[0] : NULL);
}

static int decode_field(struct model_event *ev, const char *name, const bt_field *f)
{
	bt_field_class_type t = bt_field_get_class_type(f);

	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_ENUMERATION))
		return decode_enum(ev, name, f, t);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		return model_event_add_int(ev, name, bt_field_integer_signed_get_value(f));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		return model_event_add_uint(ev, name, bt_field_integer_unsigned_get_value(f));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_BOOL))
		return model_event_add_int(ev, name, bt_field_bool_get_value(f));
	if (t == BT_FIELD_CLASS_TYPE_STRING)
		return model_event_add_str(ev, name, bt_field_string_get_value(f));
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_ARRAY))
		return decode_array(ev, name, f);
	return 0;	/* other kinds: not used by connscope */
}

/* An integer member of a context structure, -1 when absent. */
static int64_t ctx_int(const bt_field *ctx, const char *name)
{
	const bt_field *f;
	bt_field_class_type t;

	if (!ctx)
		return -1;
	f = bt_field_structure_borrow_member_field_by_name_const(ctx, name);
	if (!f)
		return -1;
	t = bt_field_get_class_type(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		return bt_field_integer_signed_get_value(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		return (int64_t)bt_field_integer_unsigned_get_value(f);
	return -1;
}

/* The vpid a per-process trace names in its environment (LTTng's per-pid
 * buffers: one trace directory per process), -1 if none. */
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

int decode_event(const bt_message *msg, struct model_event *ev)
{
	const bt_event *e = bt_message_event_borrow_event_const(msg);
	const bt_event_class *ec = bt_event_borrow_class_const(e);
	const bt_stream_class *sc = bt_event_class_borrow_stream_class_const(ec);
	const char *name = bt_event_class_get_name(ec);
	const bt_field *payload = bt_event_borrow_payload_field_const(e);
	const bt_packet *pkt = bt_event_borrow_packet_const(e);
	int64_t ns = 0, vtid;

	if (!name || strncmp(name, PROVIDER, strlen(PROVIDER)))
		return 1;
	if (bt_stream_class_borrow_default_clock_class_const(sc) &&
	    bt_clock_snapshot_get_ns_from_origin(
		    bt_message_event_borrow_default_clock_snapshot_const(msg), &ns) !=
		    BT_CLOCK_SNAPSHOT_GET_NS_FROM_ORIGIN_STATUS_OK)
		ns = 0;
	vtid = ctx_int(bt_event_borrow_common_context_field_const(e), "vtid");
	if (vtid < 0)
		vtid = ctx_int(bt_event_borrow_specific_context_field_const(e), "vtid");
	if (model_event_set(ev, name + strlen(PROVIDER), (uint64_t)ns, vtid))
		return -1;
	ev->cpu = pkt ? ctx_int(bt_packet_borrow_context_field_const(pkt), "cpu_id") : -1;
	ev->vpid = ctx_int(bt_event_borrow_common_context_field_const(e), "vpid");
	if (payload) {
		const bt_field_class *fc = bt_field_borrow_class_const(payload);
		uint64_t n = bt_field_class_structure_get_member_count(fc);

		for (uint64_t i = 0; i < n; i++) {
			const char *fname = bt_field_class_structure_member_get_name(
				bt_field_class_structure_borrow_member_by_index_const(fc, i));

			/* CTF sequence lengths ("_options_length") are not fields of ours */
			if (fname[0] == '_')
				continue;
			if (decode_field(ev, fname,
					 bt_field_structure_borrow_member_field_by_index_const(payload, i)))
				return -1;
		}
	}
	model_event_lift_common(ev);
	if (ev->vpid < 0)
		ev->vpid = env_vpid(e);
	return 0;
}

bt_component_class_sink_consume_method_status
decode_consume(bt_message_iterator *it, struct model_event *ev, decode_apply_fn apply, void *arg)
{
	bt_message_array_const msgs;
	uint64_t n;
	int rc = 0;

	switch (bt_message_iterator_next(it, &msgs, &n)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
	default:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
	for (uint64_t i = 0; i < n; i++) {
		if (!rc && bt_message_get_type(msgs[i]) == BT_MESSAGE_TYPE_EVENT) {
			int r = decode_event(msgs[i], ev);

			if (r < 0 || (r == 0 && apply(arg, ev)))
				rc = -1;
		}
		bt_message_put_ref(msgs[i]);
	}
	return rc ? BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR
		  : BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK;
}

int decode_param_uint(const bt_value *params, const char *key, uint64_t max, bool *has,
		      uint64_t *out)
{
	const bt_value *v = bt_value_map_borrow_entry_value_const(params, key);

	*has = v != NULL;
	if (!v)
		return 0;
	if (bt_value_is_unsigned_integer(v))
		*out = bt_value_integer_unsigned_get(v);
	else if (bt_value_is_signed_integer(v) && bt_value_integer_signed_get(v) >= 0)
		*out = (uint64_t)bt_value_integer_signed_get(v);
	else
		return -1;
	return *out > max ? -1 : 0;
}

bt_component_class_sink_graph_is_configured_method_status
decode_configured(bt_self_component_sink *self, bt_message_iterator **it)
{
	bt_self_component_port_input *port = bt_self_component_sink_borrow_input_port_by_index(self, 0);

	if (bt_message_iterator_create_from_sink_component(self, port, it))
		return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_OK;
}
