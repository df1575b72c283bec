/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/tcp_ipv4 (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* net/ipv4/tcp_ipv4.c */
/* tcp_v4_connect: connect at the TCP layer: the address asked for */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, addr_len, int, family,
			  uint32_t, daddr, unsigned int, dport),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, addr_len, addr_len)
		lttng_ust_field_integer(int, family, family)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, dport)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&inet_sk(sk)->inet_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(inet_sk(sk)->inet_sport))
		CS_TP_CTX))

/* tcp_v4_connect_ret: the socket's 4-tuple as connect left it, the ISN and the result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&inet_sk(sk)->inet_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(inet_sk(sk)->inet_sport))
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		lttng_ust_field_integer(uint32_t, isn, tcp_sk(sk)->write_seq - 1)
		CS_TP_CTX))

/* tcp_v4_connect_isn: the ISN chosen and the first IP id */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_connect_isn,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, write_seq, unsigned int, inet_id,
			  uint32_t, jiffies),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, write_seq, write_seq)
		lttng_ust_field_integer(uint16_t, inet_id, inet_id)
		lttng_ust_field_integer(uint32_t, jiffies, jiffies)
		CS_TP_CTX))

/* tcp_v4_send_check: the TCP checksum of a segment sent */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_send_check,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, check, unsigned int, len),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer_hex(uint16_t, check, check)
		lttng_ust_field_integer(unsigned int, len, len)
		CS_TP_CTX))

/* tcp_twsk_unique: may this connect take the 4-tuple of a TIME-WAIT socket? */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_twsk_unique,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, tw_id, long, tw_ts_recent_stamp,
			  long, now, int, reuse, int, bound_port, int, unique,
			  uint32_t, write_seq),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, tw_id, tw_id)
		lttng_ust_field_integer(long, tw_ts_recent_stamp, tw_ts_recent_stamp)
		lttng_ust_field_integer(long, now, now)
		lttng_ust_field_integer(int, tcp_tw_reuse, reuse)
		lttng_ust_field_integer(int, ephemeral, bound_port)
		lttng_ust_field_integer(int, unique, unique)
		lttng_ust_field_integer(uint32_t, write_seq, write_seq)
		CS_TP_CTX))
