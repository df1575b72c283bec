/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/timer (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* kernel/timer.c mod_timer: a timer was armed (or re-armed). */
/* timer_armed: a timer armed or re-armed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, timer_armed,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t, unsigned long, now, int, was_pending),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, t->name ? t->name : "")
		lttng_ust_field_integer(uint32_t, owner_id, t->owner_id)
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		lttng_ust_field_integer(int64_t, delta, (int64_t)(t->expires - now))
		lttng_ust_field_integer(uint64_t, now, now)
		lttng_ust_field_integer(int, was_pending, was_pending)
		CS_TP_CTX))

/* kernel/timer.c __run_timers: a timer's function is about to run. */
/* timer_fired: a timer's function is about to run */
LTTNG_UST_TRACEPOINT_EVENT(connscope, timer_fired,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t, unsigned long, now),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, t->name ? t->name : "")
		lttng_ust_field_integer(uint32_t, owner_id, t->owner_id)
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		lttng_ust_field_integer(uint64_t, now, now)
		CS_TP_CTX))

/* kernel/timer.c del_timer: a pending timer was cancelled. */
/* timer_cancelled: a pending timer was cancelled */
LTTNG_UST_TRACEPOINT_EVENT(connscope, timer_cancelled,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t, unsigned long, now),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, t->name ? t->name : "")
		lttng_ust_field_integer(uint32_t, owner_id, t->owner_id)
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		lttng_ust_field_integer(uint64_t, now, now)
		CS_TP_CTX))
