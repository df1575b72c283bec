/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/inet_timewait_sock and core/tcp_minisocks (see
 * docs/tracepoints.md).  Read several times by LTTng: no include guard. */

LTTNG_UST_TRACEPOINT_EVENT_CLASS(connscope, twsk_class,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		CS_TP_CTX))

/* inet_twsk_alloc: a TIME-WAIT socket is made from a closing socket */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_twsk_alloc,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, substate, tw->tw_substate)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&tw->__tw_common.skc_rcv_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, tw->__tw_common.skc_num)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&tw->__tw_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(tw->__tw_common.skc_dport))
		lttng_ust_field_integer_hex(uint32_t, hash, tw->__tw_common.skc_hash)
		CS_TP_CTX))

/* __inet_twsk_hashdance: the TIME-WAIT socket takes the socket's place in the tables: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_twsk_hashdance,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, const struct sock *, sk,
			  unsigned int, slot, unsigned int, bhash),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer_hex(uint32_t, hash, sk->sk_hash)
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint16_t, port, sk->__sk_common.skc_num)
		lttng_ust_field_integer(uint32_t, bhash, bhash)
		CS_TP_CTX))

/* __inet_twsk_hashdance_ret: the TIME-WAIT socket is in twchain and owns the port */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, twsk_class, connscope, __inet_twsk_hashdance_ret,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw))

/* inet_twsk_schedule: the TIME-WAIT socket's time to die is set */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_twsk_schedule,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, int, timeo, int, rescheduled),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer(int, timeo, timeo)
		lttng_ust_field_integer(uint64_t, ttd, tw->tw_ttd)
		lttng_ust_field_integer(int, rescheduled, rescheduled)
		CS_TP_CTX))

/* inet_twsk_deschedule: a TIME-WAIT socket is killed early (its 4-tuple is reused): entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_twsk_deschedule,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, int, was_pending),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer(int, was_pending, was_pending)
		CS_TP_CTX))

/* inet_twsk_deschedule_ret: the TIME-WAIT socket was killed */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, twsk_class, connscope, inet_twsk_deschedule_ret,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw))

/* inet_twsk_unhash: a TIME-WAIT socket leaves twchain */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_twsk_unhash,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, int, done),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer_hex(uint32_t, hash, tw->__tw_common.skc_hash)
		lttng_ust_field_integer(int, done, done)
		CS_TP_CTX))

/* inet_twsk_bind_unhash: a TIME-WAIT socket leaves its bind bucket */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_twsk_bind_unhash,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, int, done),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer(uint16_t, port, tw->__tw_common.skc_num)
		lttng_ust_field_integer(int, done, done)
		CS_TP_CTX))

/* __inet_twsk_kill: a TIME-WAIT socket is unlinked from the tables: entry */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, twsk_class, connscope, __inet_twsk_kill,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw))

/* __inet_twsk_kill_ret: the TIME-WAIT socket is unlinked */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_twsk_kill_ret,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, int, refcnt),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_integer(int, refcnt, refcnt)
		CS_TP_CTX))

/* tw_timer_handler: the TIME-WAIT period is over: entry */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, twsk_class, connscope, tw_timer_handler,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw))

/* tw_timer_handler_ret: the TIME-WAIT socket's timer handler is done */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, twsk_class, connscope, tw_timer_handler_ret,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw))

/* inet_twsk_free: the last reference is gone: the TIME-WAIT socket is freed */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, twsk_class, connscope, inet_twsk_free,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw))

/* tcp_minisocks.c */
/* tcp_time_wait: the socket enters TIME-WAIT (or a dead FIN_WAIT2): entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_time_wait,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, state, int, timeo),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, state)
		lttng_ust_field_integer(int, timeo, timeo)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		lttng_ust_field_integer(int64_t, ts_recent_stamp, tcp_sk(sk)->rx_opt.ts_recent_stamp)
		CS_TP_CTX))

/* tcp_time_wait_ret: whether a TIME-WAIT socket was made (made 0: TCPTimeWaitOverflow) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_time_wait_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct inet_timewait_sock *, tw,
			  int, timeo),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, made, tw != NULL)
		lttng_ust_field_integer(int, timeo, timeo)
		CS_TP_CTX))
