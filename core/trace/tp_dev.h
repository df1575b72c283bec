/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/dev, core/eth, core/loopback (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* skb->pkt_type of a received frame (include/uapi/linux/if_packet.h). */
LTTNG_UST_TRACEPOINT_ENUM(connscope, pkt_type,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("PACKET_HOST", 0)
		lttng_ust_field_enum_value("PACKET_BROADCAST", 1)
		lttng_ust_field_enum_value("PACKET_MULTICAST", 2)
		lttng_ust_field_enum_value("PACKET_OTHERHOST", 3)
		lttng_ust_field_enum_value("PACKET_OUTGOING", 4)))

/* net/core/dev.c __netif_receive_skb: a frame reaches the protocol
 * dispatch (the Ethernet header has been pulled). */
/* netif_receive_skb: a received frame reaches the protocol dispatch */
LTTNG_UST_TRACEPOINT_EVENT(connscope, netif_receive_skb,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, ifindex, skb->skb_iif)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_integer_hex(uint16_t, protocol, skb->protocol)
		lttng_ust_field_enum(connscope, pkt_type, int, pkt_type, skb->pkt_type)
		lttng_ust_field_array(uint8_t, h_dest, skb_mac_header(skb), 6)
		lttng_ust_field_array(uint8_t, h_source, skb_mac_header(skb) + 6, 6)
		CS_TP_CTX))

/* net/core/dev.c, the driver's NAPI poll: frames the NIC lost because its
 * receive ring was full (AF_PACKET's PACKET_STATISTICS tp_drops). */
/* nic_rx_missed: frames the NIC lost because its receive ring was full (Link RxMissed) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, nic_rx_missed,
	LTTNG_UST_TP_ARGS(int, ifindex, unsigned long, missed, unsigned long long, total),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, ifindex, ifindex)
		lttng_ust_field_integer(unsigned long, missed, missed)
		lttng_ust_field_integer(unsigned long long, total, total)
		CS_TP_CTX))

/* net/core/dev.c dev_queue_xmit: a finished frame leaves by a device. */
/* dev_queue_xmit: a finished frame leaves by a device */
LTTNG_UST_TRACEPOINT_EVENT(connscope, dev_queue_xmit,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, ifindex, skb->dev->ifindex)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_array(uint8_t, h_dest, skb->data, 6)
		lttng_ust_field_array(uint8_t, h_source, skb->data + 6, 6)
		lttng_ust_field_integer_hex(uint16_t, protocol,
			(uint16_t)(skb->data[12] << 8 | skb->data[13]))
		CS_TP_CTX))
