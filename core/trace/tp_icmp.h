/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/icmp (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* net/ipv4/icmp.c icmp_push_reply: an ICMP message leaves (an error from
 * icmp_send, or an echo reply). */
/* icmp_push_reply: an ICMP message leaves (an error made by icmp_send, or an echo reply) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, icmp_push_reply,
	LTTNG_UST_TP_ARGS(int, type, int, code, __be32, saddr, __be32, daddr, unsigned int, data_len),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, type, type)
		lttng_ust_field_integer(int, code, code)
		lttng_ust_field_array(uint8_t, saddr, &saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, &daddr, 4)
		lttng_ust_field_integer(unsigned int, data_len, data_len)
		CS_TP_CTX))

/* net/ipv4/icmp.c icmp_rcv: a received ICMP message with a good checksum. */
/* icmp_rcv: a received ICMP message whose checksum is right */
LTTNG_UST_TRACEPOINT_EVENT(connscope, icmp_rcv,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, int, type, int, code),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, saddr, &ip_hdr(skb)->saddr, 4)
		lttng_ust_field_integer(int, type, type)
		lttng_ust_field_integer(int, code, code)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		CS_TP_CTX))

/* net/ipv4/icmp.c icmp_socket_deliver: an error handed to the protocol of
 * the packet it quotes (skb->data at the quoted IPv4 header). */
/* icmp_socket_deliver: an ICMP error handed to the protocol of the packet it quotes */
LTTNG_UST_TRACEPOINT_EVENT(connscope, icmp_socket_deliver,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, uint32_t, info),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, type, icmp_hdr(skb)->type)
		lttng_ust_field_integer(int, code, icmp_hdr(skb)->code)
		lttng_ust_field_array(uint8_t, q_saddr, skb->data + 12, 4)
		lttng_ust_field_array(uint8_t, q_daddr, skb->data + 16, 4)
		lttng_ust_field_integer(uint8_t, q_protocol, skb->data[9])
		lttng_ust_field_integer(uint32_t, info, info)
		CS_TP_CTX))
