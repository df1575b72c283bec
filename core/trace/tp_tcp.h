/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/tcp (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* net/ipv4/tcp.c: the state setter, with the fields of the kernel's
 * sock:inet_sock_set_state (4.16+) plus the connscope socket id. */
/* inet_sock_set_state: a TCP state change, with the fields of the kernel's sock:inet_sock_set_state */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_sock_set_state,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, oldstate, int, newstate),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, skaddr, (uintptr_t)sk)
		lttng_ust_field_enum(connscope, tcp_state, int, oldstate, oldstate)
		lttng_ust_field_enum(connscope, tcp_state, int, newstate, newstate)
		lttng_ust_field_integer(uint16_t, sport, ntohs(inet_sk(sk)->inet_sport))
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		lttng_ust_field_integer(uint16_t, family, sk->sk_family)
		lttng_ust_field_integer(uint16_t, protocol, sk->sk_protocol)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&inet_sk(sk)->inet_saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_array(uint8_t, saddr_v6, cs_tp_v4mapped(inet_sk(sk)->inet_saddr).b, 16)
		lttng_ust_field_array(uint8_t, daddr_v6, cs_tp_v4mapped(sk->__sk_common.skc_daddr).b, 16)
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		CS_TP_CTX))

/* tcp_done: the connection is over */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_done,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, sk_err),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, sk_err, sk_err)
		lttng_ust_field_integer(int, dead, (int)((sk->sk_flags >> SOCK_DEAD) & 1))
		CS_TP_CTX))

/* tcp_close: close(2) reached TCP */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_close,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, long, timeout),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(long, timeout, timeout)
		CS_TP_CTX))

/* tcp_disconnect: the connection is torn down (AF_UNSPEC, socket error, SO_LINGER abort) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_disconnect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, old_state, int, sk_err),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, old_state, old_state)
		lttng_ust_field_integer(int, sk_err, sk_err)
		lttng_ust_field_integer(uint32_t, write_seq, tcp_sk(sk)->write_seq)
		CS_TP_CTX))

/* inet_csk_destroy_sock: an orphaned socket reached CLOSE and is freed */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, sock_class, connscope, inet_csk_destroy_sock,
	LTTNG_UST_TP_ARGS(const struct sock *, sk))

/* net/ipv4/tcp_timer.c */
/* tcp_retransmit_timer: the retransmit timer runs */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_retransmit_timer,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, retransmits,
			  unsigned int, rto, unsigned int, backoff),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(unsigned int, retransmits, retransmits)
		lttng_ust_field_integer(unsigned int, rto, rto)
		lttng_ust_field_integer(unsigned int, backoff, backoff)
		CS_TP_CTX))

/* tcp_write_timeout: whether the retransmissions are over */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_write_timeout,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, retry_until, int, dead),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(unsigned int, retransmits, inet_csk(sk)->icsk_retransmits)
		lttng_ust_field_integer(int, retry_until, retry_until)
		lttng_ust_field_integer(uint32_t, elapsed,
					tcp_time_stamp(sock_net(sk)) - tcp_sk(sk)->retrans_stamp)
		lttng_ust_field_integer(int, dead, dead)
		CS_TP_CTX))

/* tcp_write_err: the connection timed out */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_write_err,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, sk_err),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, sk_err, sk_err)
		CS_TP_CTX))
