/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/af_inet (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* net/ipv4/af_inet.c */
/* inet_create: the sock behind socket(2) is initialised */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_create,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, protocol),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, protocol, protocol)
		lttng_ust_field_integer(int, pmtudisc, inet_sk(sk)->pmtudisc)
		CS_TP_CTX))

/* inet_bind: bind(2) at the AF_INET layer: the address and port asked for and obtained */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_bind,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, port, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_array(uint8_t, rcv_saddr,
				      (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(uint16_t, num, sk->__sk_common.skc_num)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* inet_listen: listen(2) at the AF_INET layer */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_listen,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, backlog, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, backlog, backlog)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* inet_stream_connect: connect(2) at the AF_INET layer, under the socket lock: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_stream_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, fd),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, fd, fd)
		CS_TP_CTX))

/* inet_stream_connect_ret: connect(2) at the AF_INET layer: its result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_stream_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* __inet_stream_connect: the socket-state switch of connect: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_stream_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, sock_state, int, addr_len,
			  int, family, int, nonblock),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, socket_state, int, sock_state, sock_state)
		lttng_ust_field_enum(connscope, tcp_state, int, tcp_state, sk->sk_state)
		lttng_ust_field_integer(int, addr_len, addr_len)
		lttng_ust_field_integer(int, family, family)
		lttng_ust_field_integer(int, nonblock, nonblock)
		CS_TP_CTX))

/* __inet_stream_connect_ret: the socket-state switch of connect: the states after it and its result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_stream_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, sock_state, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, socket_state, int, sock_state, sock_state)
		lttng_ust_field_enum(connscope, tcp_state, int, tcp_state, sk->sk_state)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* inet_wait_for_connect: the process sleeps while the socket is SYN_SENT or SYN_RECV */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_wait_for_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, long, timeo, int, writebias),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(long, timeo, timeo)
		lttng_ust_field_integer(int, writebias, writebias)
		CS_TP_CTX))

/* inet_wait_for_connect_ret: the wait ends: time left, a signal, the TCP state */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_wait_for_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, long, timeo, int, signal_pending),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(long, timeo_left, timeo)
		lttng_ust_field_integer(int, signal_pending, signal_pending)
		lttng_ust_field_enum(connscope, tcp_state, int, tcp_state, sk->sk_state)
		CS_TP_CTX))
