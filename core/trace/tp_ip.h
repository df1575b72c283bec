/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/ip_output and core/ip_input (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

LTTNG_UST_TRACEPOINT_ENUM(connscope, ip_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("IP_PASS", 0)
		lttng_ust_field_enum_value("IP_OTHERHOST", 1)
		lttng_ust_field_enum_value("IP_HDR_ERROR", 2)
		lttng_ust_field_enum_value("IP_CSUM_ERROR", 3)
		lttng_ust_field_enum_value("IP_TRUNCATED", 4)
		lttng_ust_field_enum_value("IP_FRAGMENT", 5)
		lttng_ust_field_enum_value("IP_DELIVER", 6)
		lttng_ust_field_enum_value("IP_UNKNOWN_PROTO", 7)))

/* net/ipv4/ip_output.c ip_queue_xmit: entry (skb->data at the TCP header). */
/* ip_queue_xmit: a TCP segment goes down to IP: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_queue_xmit,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb, int, routed),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_integer(int, routed, routed)
		lttng_ust_field_integer(int, has_dst, sk->sk_dst_cache != NULL)
		CS_TP_CTX))

/* ip_queue_xmit_ret: the segment went down to IP: the result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_queue_xmit_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))

/* net/ipv4/ip_output.c __ip_local_out: the finished IPv4 header of every
 * packet the stack sends (TCP via ip_queue_xmit, RSTs, ICMP). */
/* ip_local_out: the finished IPv4 header of a packet the stack sends */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_local_out,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, skb->sk ? skb->sk->sk_id : 0)
		lttng_ust_field_integer_hex(uint8_t, tos, ip_hdr(skb)->tos)
		lttng_ust_field_integer(uint16_t, tot_len, ntohs(ip_hdr(skb)->tot_len))
		lttng_ust_field_integer(uint16_t, id, ntohs(ip_hdr(skb)->id))
		lttng_ust_field_integer_hex(uint16_t, frag_off, ntohs(ip_hdr(skb)->frag_off))
		lttng_ust_field_integer(uint8_t, ttl, ip_hdr(skb)->ttl)
		lttng_ust_field_integer(uint8_t, protocol, ip_hdr(skb)->protocol)
		lttng_ust_field_integer_hex(uint16_t, check, ntohs(ip_hdr(skb)->check))
		lttng_ust_field_array(uint8_t, saddr, &ip_hdr(skb)->saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, &ip_hdr(skb)->daddr, 4)
		CS_TP_CTX))

/* net/ipv4/ip_input.c ip_rcv: a received packet's header and verdict
 * (IP_PASS: on to routing; else why it was dropped).  @iph points at
 * zeros when the header could not be read. */
/* ip_rcv: a received packet's IPv4 header and what ip_rcv decided */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_rcv,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, const struct iphdr *, iph, int, verdict),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, ifindex, skb->skb_iif)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_integer_hex(uint8_t, ihl_version, iph->ihl_version)
		lttng_ust_field_integer_hex(uint8_t, tos, iph->tos)
		lttng_ust_field_integer(uint16_t, tot_len, ntohs(iph->tot_len))
		lttng_ust_field_integer(uint16_t, id, ntohs(iph->id))
		lttng_ust_field_integer_hex(uint16_t, frag_off, ntohs(iph->frag_off))
		lttng_ust_field_integer(uint8_t, ttl, iph->ttl)
		lttng_ust_field_integer(uint8_t, protocol, iph->protocol)
		lttng_ust_field_integer_hex(uint16_t, check, ntohs(iph->check))
		lttng_ust_field_array(uint8_t, saddr, &iph->saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, &iph->daddr, 4)
		lttng_ust_field_enum(connscope, ip_verdict, int, verdict, verdict)
		CS_TP_CTX))

/* net/ipv4/ip_input.c ip_local_deliver(_finish): a packet for this host. */
/* ip_local_deliver: a packet for this host goes to its protocol */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_local_deliver,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, int, protocol, int, verdict),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, protocol, protocol)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_enum(connscope, ip_verdict, int, verdict, verdict)
		CS_TP_CTX))

/* net/ipv4/route.c ip_error: a packet routed nowhere (forwarding is off). */
/* ip_error: a packet routed unreachable is dropped */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_error,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, int, error),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, daddr, &ip_hdr(skb)->daddr, 4)
		lttng_ust_field_integer(int, error, error)
		CS_TP_CTX))
