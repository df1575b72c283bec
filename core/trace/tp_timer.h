/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/timer (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* What a timer is for and whose it is, read from its function and its
 * argument (struct timer_list has no such fields, in 3.10 or here): the
 * TCP timers' argument is the socket, the TIME-WAIT timer's the TIME-WAIT
 * socket; the neighbour timers have no socket (owner 0). */
#ifndef CS_TP_TIMER_HELPERS
#define CS_TP_TIMER_HELPERS
void tcp_write_timer(unsigned long data);	/* tcp_timer.c */
void tcp_delack_timer(unsigned long data);	/* tcp_timer.c */
void tw_timer_handler(unsigned long data);	/* inet_timewait_sock.c */
static inline const char *cs_tp_timer_name(const struct timer_list *t)
{
	if (t->function == tcp_write_timer)
		return "retransmit";
	if (t->function == tcp_delack_timer)
		return "delack";
	if (t->function == tw_timer_handler)
		return "timewait";
	if (t->function == neigh_timer_handler)
		return "neigh";
	if (t->function == neigh_periodic_work)
		return "neigh_gc";
	return "";
}
static inline uint32_t cs_tp_timer_owner(const struct timer_list *t)
{
	if (t->function == tcp_write_timer || t->function == tcp_delack_timer)
		return ((const struct sock *)t->data)->sk_id;
	if (t->function == tw_timer_handler)
		return ((const struct inet_timewait_sock *)t->data)->tw_id;
	return 0;
}
#endif

/* kernel/timer.c mod_timer: a timer was armed (or re-armed). */
/* timer_armed: a timer armed or re-armed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, timer_armed,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t, unsigned long, now, int, was_pending),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, cs_tp_timer_name(t))
		lttng_ust_field_integer(uint32_t, owner_id, cs_tp_timer_owner(t))
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		lttng_ust_field_integer(int64_t, delta, (int64_t)(t->expires - now))
		lttng_ust_field_integer(uint64_t, now, now)
		lttng_ust_field_integer(int, was_pending, was_pending)
		CS_TP_CTX))

/* kernel/timer.c __run_timers (call_timer_fn): a timer's function is about to run. */
/* timer_fired: a timer's function is about to run */
LTTNG_UST_TRACEPOINT_EVENT(connscope, timer_fired,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t, unsigned long, now),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, cs_tp_timer_name(t))
		lttng_ust_field_integer(uint32_t, owner_id, cs_tp_timer_owner(t))
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		lttng_ust_field_integer(uint64_t, now, now)
		CS_TP_CTX))

/* kernel/timer.c del_timer: a pending timer was cancelled. */
/* timer_cancelled: a pending timer was cancelled */
LTTNG_UST_TRACEPOINT_EVENT(connscope, timer_cancelled,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t, unsigned long, now),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, cs_tp_timer_name(t))
		lttng_ust_field_integer(uint32_t, owner_id, cs_tp_timer_owner(t))
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		lttng_ust_field_integer(uint64_t, now, now)
		CS_TP_CTX))
