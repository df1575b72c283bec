/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/inet_connection_sock (see docs/tracepoints.md).
 * Read several times by LTTng: no include guard. */

LTTNG_UST_TRACEPOINT_ENUM(connscope, get_port_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("reserved", GPV_RESERVED)
		lttng_ust_field_enum_value("free", GPV_FREE)
		lttng_ust_field_enum_value("share", GPV_SHARE)
		lttng_ust_field_enum_value("smallest", GPV_SMALLEST)
		lttng_ust_field_enum_value("conflict", GPV_CONFLICT)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, icsk_timer_what,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("ICSK_TIME_RETRANS", ICSK_TIME_RETRANS)
		lttng_ust_field_enum_value("ICSK_TIME_DACK", ICSK_TIME_DACK)
		lttng_ust_field_enum_value("ICSK_TIME_PROBE0", ICSK_TIME_PROBE0)
		lttng_ust_field_enum_value("ICSK_TIME_KEEPOPEN", ICSK_TIME_KEEPOPEN)))

/* inet_csk_get_port: bind or listen asks for a local port: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_csk_get_port,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, snum),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, snum, snum)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_integer(int, reuse, sk->sk_reuse)
		lttng_ust_field_integer(int, reuseport, sk->sk_reuseport)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		CS_TP_CTX))

/* inet_csk_get_port_probe: one port tried by the port-0 search of inet_csk_get_port */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_csk_get_port_probe,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, rover, unsigned int, bhash, int, verdict),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, rover, rover)
		lttng_ust_field_integer(uint32_t, bhash, bhash)
		lttng_ust_field_enum(connscope, get_port_verdict, int, verdict, verdict)
		CS_TP_CTX))

/* inet_csk_get_port_ret: the port obtained and its bucket's fastreuse flags */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_csk_get_port_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret, unsigned int, snum,
			  const struct inet_bind_bucket *, tb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, ret, ret)
		lttng_ust_field_integer(uint16_t, port, snum)
		lttng_ust_field_integer(int, fastreuse, tb ? tb->fastreuse : 0)
		lttng_ust_field_integer(int, fastreuseport, tb ? tb->fastreuseport : 0)
		lttng_ust_field_integer(int, num_owners, tb ? tb->num_owners : 0)
		CS_TP_CTX))

/* inet_csk_bind_conflict: does a bind bucket's owner conflict with this socket? */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_csk_bind_conflict,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, port, int, relax,
			  uint32_t, other_id, int, conflict),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(int, relax, relax)
		lttng_ust_field_integer(uint32_t, other_id, other_id)
		lttng_ust_field_integer(int, conflict, conflict)
		CS_TP_CTX))

/* inet_csk_reset_xmit_timer: the retransmit or delayed-ACK timer is armed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_csk_reset_xmit_timer,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, what, unsigned long, when,
			  unsigned long, max_when),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, icsk_timer_what, int, what, what)
		lttng_ust_field_integer(uint64_t, when, when)
		lttng_ust_field_integer(uint64_t, max_when, max_when)
		lttng_ust_field_integer(uint64_t, expires,
			what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0 ?
			inet_csk(sk)->icsk_timeout :
			what == ICSK_TIME_DACK ? inet_csk(sk)->icsk_ack.timeout : 0)
		CS_TP_CTX))

/* inet_csk_clear_xmit_timer: a pending retransmit or delayed-ACK event is forgotten */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_csk_clear_xmit_timer,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, what),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, icsk_timer_what, int, what, what)
		CS_TP_CTX))
