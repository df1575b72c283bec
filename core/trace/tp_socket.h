/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/socket (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* net/socket.c: the system-call layer. */
/* sys_socket: socket(2): a socket was created and given a descriptor */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sys_socket,
	LTTNG_UST_TP_ARGS(int, fd, int, type, int, protocol, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, fd, fd)
		lttng_ust_field_integer(int, type, type)
		lttng_ust_field_integer(int, protocol, protocol)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* sys_connect: connect(2): entry, the descriptor and length as passed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sys_connect,
	LTTNG_UST_TP_ARGS(int, fd, int, addrlen),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, fd, fd)
		lttng_ust_field_integer(int, addrlen, addrlen)
		CS_TP_CTX))

/* sys_connect_ret: connect(2) returns */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sys_connect_ret,
	LTTNG_UST_TP_ARGS(int, fd, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, fd, fd)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* sys_close: close(2) removed the descriptor */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sys_close,
	LTTNG_UST_TP_ARGS(int, fd, uint32_t, sk_id),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, fd, fd)
		lttng_ust_field_integer(uint32_t, sk_id, sk_id)
		CS_TP_CTX))

/* sockfd_lookup_light: a descriptor is turned into its socket */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sockfd_lookup_light,
	LTTNG_UST_TP_ARGS(int, fd, uint32_t, sk_id, int, sock_state, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, fd, fd)
		lttng_ust_field_integer(uint32_t, sk_id, sk_id)
		lttng_ust_field_enum(connscope, socket_state, int, sock_state, sock_state)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* move_addr_to_kernel: the address is copied in and its length checked */
LTTNG_UST_TRACEPOINT_EVENT(connscope, move_addr_to_kernel,
	LTTNG_UST_TP_ARGS(int, ulen, int, max_len, int, family, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, ulen, ulen)
		lttng_ust_field_integer(int, max_len, max_len)
		lttng_ust_field_integer(int, family, family)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* security_socket_connect: the LSM hook on connect */
LTTNG_UST_TRACEPOINT_EVENT(connscope, security_socket_connect,
	LTTNG_UST_TP_ARGS(uint32_t, sk_id, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* net/core/sock.c: socket memory and the socket lock. */
LTTNG_UST_TRACEPOINT_EVENT_CLASS(connscope, sock_class,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer_hex(uintptr_t, skaddr, (uintptr_t)sk)
		CS_TP_CTX))

/* sk_alloc: a struct tcp_sock was allocated */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, sock_class, connscope, sk_alloc,
	LTTNG_UST_TP_ARGS(const struct sock *, sk))
/* sk_free: a struct tcp_sock was freed */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, sock_class, connscope, sk_free,
	LTTNG_UST_TP_ARGS(const struct sock *, sk))

/* sk_backlog_rcv: a segment that arrived while a process owned the socket is processed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sk_backlog_rcv,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, len),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(unsigned int, len, len)
		CS_TP_CTX))

/* sk_setup_caps: the socket keeps its route */
LTTNG_UST_TRACEPOINT_EVENT(connscope, sk_setup_caps,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, rt_type, unsigned int, mtu),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, rt_type, rt_type)
		lttng_ust_field_integer(unsigned int, mtu, mtu)
		CS_TP_CTX))

/* net_namespace.c: the stack's teardown starts (cs_net_free): its
 * descriptors are closed next, then its tables freed. */
/* net_exit: the stack's teardown starts */
LTTNG_UST_TRACEPOINT_EVENT(connscope, net_exit,
	LTTNG_UST_TP_ARGS(const char *, ifname),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_string(ifname, ifname)
		CS_TP_CTX))

/* net_namespace.c: a stack came up. */
/* net_init: a stack came up: its interface, address and table sizes */
LTTNG_UST_TRACEPOINT_EVENT(connscope, net_init,
	LTTNG_UST_TP_ARGS(const char *, ifname, uint32_t, addr, unsigned int, prefixlen,
			  unsigned int, ehash_size, unsigned int, bhash_size),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_string(ifname, ifname)
		lttng_ust_field_array(uint8_t, addr, (const uint8_t *)&addr, 4)
		lttng_ust_field_integer(unsigned int, prefixlen, prefixlen)
		lttng_ust_field_integer(unsigned int, ehash_size, ehash_size)
		lttng_ust_field_integer(unsigned int, bhash_size, bhash_size)
		CS_TP_CTX))
