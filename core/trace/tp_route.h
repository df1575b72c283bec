/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/route (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* Route types (rtm_type), as `ip route` names them. */
LTTNG_UST_TRACEPOINT_ENUM(connscope, rtn_type,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("unspec", 0)
		lttng_ust_field_enum_value("unicast", 1)
		lttng_ust_field_enum_value("local", 2)
		lttng_ust_field_enum_value("broadcast", 3)
		lttng_ust_field_enum_value("anycast", 4)
		lttng_ust_field_enum_value("multicast", 5)
		lttng_ust_field_enum_value("blackhole", 6)
		lttng_ust_field_enum_value("unreachable", 7)))

/* net/ipv4/route.c __ip_route_output_key, at out:: one output lookup
 * (leaf), the flow as the lookup left it and the route made or the error. */
/* __ip_route_output_key: one output route lookup */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __ip_route_output_key,
	LTTNG_UST_TP_ARGS(const struct flowi4 *, fl4, const struct rtable *, rth),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, daddr, &fl4->daddr, 4)
		lttng_ust_field_array(uint8_t, saddr, &fl4->saddr, 4)
		lttng_ust_field_integer(int, oif, fl4->flowi4_oif)
		lttng_ust_field_integer_hex(uint8_t, tos, fl4->flowi4_tos)
		lttng_ust_field_integer(uint8_t, scope, fl4->flowi4_scope)
		lttng_ust_field_enum(connscope, rtn_type, int, rt_type, IS_ERR(rth) ? 0 : rth->rt_type)
		lttng_ust_field_integer_hex(unsigned int, rt_flags, IS_ERR(rth) ? 0 : rth->rt_flags)
		lttng_ust_field_enum(connscope, err, int, ret, IS_ERR(rth) ? (int)PTR_ERR(rth) : 0)
		CS_TP_CTX))

/* include/net/route.h ip_route_connect: entry, with the flow's inputs. */
/* ip_route_connect: connect routes to the destination: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_route_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, __be32, daddr, __be32, saddr, int, oif,
			  unsigned int, tos, __be16, sport, __be16, dport),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_array(uint8_t, daddr, &daddr, 4)
		lttng_ust_field_array(uint8_t, saddr, &saddr, 4)
		lttng_ust_field_integer(int, oif, oif)
		lttng_ust_field_integer_hex(unsigned int, tos, tos)
		lttng_ust_field_integer(uint16_t, sport, ntohs(sport))
		lttng_ust_field_integer(uint16_t, dport, ntohs(dport))
		CS_TP_CTX))

/* include/net/route.h ip_route_connect: exit, with the addresses chosen. */
/* ip_route_connect_ret: the route connect got */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_route_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct flowi4 *, fl4,
			  const struct rtable *, rt),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_array(uint8_t, daddr, &fl4->daddr, 4)
		lttng_ust_field_array(uint8_t, saddr, &fl4->saddr, 4)
		lttng_ust_field_integer(int, oif, fl4->flowi4_oif)
		lttng_ust_field_enum(connscope, rtn_type, int, rt_type, IS_ERR(rt) ? 0 : rt->rt_type)
		lttng_ust_field_integer_hex(unsigned int, rt_flags, IS_ERR(rt) ? 0 : rt->rt_flags)
		lttng_ust_field_enum(connscope, err, int, ret, IS_ERR(rt) ? (int)PTR_ERR(rt) : 0)
		CS_TP_CTX))

/* include/net/route.h ip_route_newports: entry (changed = a port moved). */
/* ip_route_newports: the route is looked up again with the chosen ports: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_route_newports,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, __be16, orig_sport, __be16, orig_dport,
			  __be16, sport, __be16, dport),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, orig_sport, ntohs(orig_sport))
		lttng_ust_field_integer(uint16_t, orig_dport, ntohs(orig_dport))
		lttng_ust_field_integer(uint16_t, sport, ntohs(sport))
		lttng_ust_field_integer(uint16_t, dport, ntohs(dport))
		lttng_ust_field_integer(int, changed, sport != orig_sport || dport != orig_dport)
		CS_TP_CTX))

/* ip_route_newports_ret: the route with the chosen ports */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_route_newports_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct rtable *, rt),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, IS_ERR(rt) ? (int)PTR_ERR(rt) : 0)
		CS_TP_CTX))

/* net/ipv4/route.c ip_route_input_noref: the input route of a packet. */
/* ip_route_input: the input route of a received packet */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_route_input,
	LTTNG_UST_TP_ARGS(__be32, daddr, __be32, saddr, const struct rtable *, rt, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, daddr, &daddr, 4)
		lttng_ust_field_array(uint8_t, saddr, &saddr, 4)
		lttng_ust_field_enum(connscope, rtn_type, int, rt_type, (ret == 0 && rt) ? rt->rt_type : 0)
		lttng_ust_field_integer_hex(unsigned int, rt_flags, (ret == 0 && rt) ? rt->rt_flags : 0)
		lttng_ust_field_integer(int, dst_error, (ret == 0 && rt) ? rt->error : 0)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))
