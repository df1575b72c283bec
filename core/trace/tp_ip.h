/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/ip_output, core/ip_input and core/ip_fragment (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* What ip_rcv and ip_local_deliver_finish did with a packet (the
 * ip_verdict field; 3.10 has no such enum: the trace reads it from the
 * packet and the protocol table). */
#ifndef CS_TP_IP_VERDICT
#define CS_TP_IP_VERDICT
enum {
	CS_TP_IP_PASS, CS_TP_IP_OTHERHOST, CS_TP_IP_HDR_ERROR, CS_TP_IP_CSUM_ERROR,
	CS_TP_IP_TRUNCATED, CS_TP_IP_FRAGMENT, CS_TP_IP_DELIVER, CS_TP_IP_UNKNOWN_PROTO,
};

/* The header ip_rcv looked at, or zeros when there is none to read (a
 * frame for another host, or shorter than a header). */
static inline const struct iphdr *cs_tp_ip_rcv_hdr(const struct sk_buff *skb)
{
	static const struct iphdr zero;

	if (skb->pkt_type == PACKET_OTHERHOST || skb->len < sizeof(struct iphdr))
		return &zero;
	return ip_hdr(skb);
}

/* ip_rcv's checks in its order, read from the packet at its return (all
 * pass: IP_PASS) or at drop: (the first that failed). */
static inline int cs_tp_ip_rcv_verdict(const struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int ihl;

	if (skb->pkt_type == PACKET_OTHERHOST)
		return CS_TP_IP_OTHERHOST;
	if (skb->len < sizeof(struct iphdr))
		return CS_TP_IP_HDR_ERROR;
	ihl = iph->ihl_version & 0x0f;
	if (ihl < 5 || (iph->ihl_version >> 4) != 4 || skb->len < ihl * 4)
		return CS_TP_IP_HDR_ERROR;
	if (ip_fast_csum(iph, ihl))
		return CS_TP_IP_CSUM_ERROR;
	if (skb->len < ntohs(iph->tot_len))
		return CS_TP_IP_TRUNCATED;
	if (ntohs(iph->tot_len) < ihl * 4)
		return CS_TP_IP_HDR_ERROR;
	return CS_TP_IP_PASS;
}
#endif

LTTNG_UST_TRACEPOINT_ENUM(connscope, ip_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("IP_PASS", CS_TP_IP_PASS)
		lttng_ust_field_enum_value("IP_OTHERHOST", CS_TP_IP_OTHERHOST)
		lttng_ust_field_enum_value("IP_HDR_ERROR", CS_TP_IP_HDR_ERROR)
		lttng_ust_field_enum_value("IP_CSUM_ERROR", CS_TP_IP_CSUM_ERROR)
		lttng_ust_field_enum_value("IP_TRUNCATED", CS_TP_IP_TRUNCATED)
		lttng_ust_field_enum_value("IP_DELIVER", CS_TP_IP_DELIVER)
		lttng_ust_field_enum_value("IP_UNKNOWN_PROTO", CS_TP_IP_UNKNOWN_PROTO)))

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

/* net/ipv4/ip_input.c ip_rcv: a received packet's header and verdict, at
 * the return to ip_rcv_finish (IP_PASS) or at drop: (why).  The header
 * fields are zero when there was no header to read. */
/* ip_rcv: a received packet's IPv4 header and what ip_rcv decided */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_rcv,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, ifindex, skb->skb_iif)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_integer_hex(uint8_t, ihl_version, cs_tp_ip_rcv_hdr(skb)->ihl_version)
		lttng_ust_field_integer_hex(uint8_t, tos, cs_tp_ip_rcv_hdr(skb)->tos)
		lttng_ust_field_integer(uint16_t, tot_len, ntohs(cs_tp_ip_rcv_hdr(skb)->tot_len))
		lttng_ust_field_integer(uint16_t, id, ntohs(cs_tp_ip_rcv_hdr(skb)->id))
		lttng_ust_field_integer_hex(uint16_t, frag_off, ntohs(cs_tp_ip_rcv_hdr(skb)->frag_off))
		lttng_ust_field_integer(uint8_t, ttl, cs_tp_ip_rcv_hdr(skb)->ttl)
		lttng_ust_field_integer(uint8_t, protocol, cs_tp_ip_rcv_hdr(skb)->protocol)
		lttng_ust_field_integer_hex(uint16_t, check, ntohs(cs_tp_ip_rcv_hdr(skb)->check))
		lttng_ust_field_array(uint8_t, saddr, &cs_tp_ip_rcv_hdr(skb)->saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, &cs_tp_ip_rcv_hdr(skb)->daddr, 4)
		lttng_ust_field_enum(connscope, ip_verdict, int, verdict, cs_tp_ip_rcv_verdict(skb))
		CS_TP_CTX))

/* net/ipv4/ip_input.c ip_local_deliver_finish, at resubmit:: a packet for
 * this host and the protocol table's answer (skb->data past the IP
 * header). */
/* ip_local_deliver: a packet for this host goes to its protocol */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_local_deliver,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, int, protocol,
			  const struct net_protocol *, ipprot),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, protocol, protocol)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_enum(connscope, ip_verdict, int, verdict,
				     ipprot ? CS_TP_IP_DELIVER : CS_TP_IP_UNKNOWN_PROTO)
		CS_TP_CTX))

/* net/ipv4/ip_fragment.c ip_defrag: a fragment counted (ReasmReqds) and,
 * without reassembly, dropped. */
/* ip_defrag: a received fragment is counted and dropped */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_defrag,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, uint32_t, user),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint16_t, id, ntohs(ip_hdr(skb)->id))
		lttng_ust_field_integer_hex(uint16_t, frag_off, ntohs(ip_hdr(skb)->frag_off))
		lttng_ust_field_integer(uint8_t, protocol, ip_hdr(skb)->protocol)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_integer(uint32_t, user, user)
		CS_TP_CTX))

/* net/ipv4/route.c ip_error: a packet routed nowhere (forwarding is off). */
/* ip_error: a packet routed unreachable is dropped */
LTTNG_UST_TRACEPOINT_EVENT(connscope, ip_error,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, int, error),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, daddr, &ip_hdr(skb)->daddr, 4)
		lttng_ust_field_integer(int, error, error)
		CS_TP_CTX))
