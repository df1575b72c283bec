/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/arp and core/neighbour (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* NUD states (include/uapi/linux/neighbour.h). */
LTTNG_UST_TRACEPOINT_ENUM(connscope, nud_state,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("NUD_NONE", 0x00)
		lttng_ust_field_enum_value("NUD_INCOMPLETE", 0x01)
		lttng_ust_field_enum_value("NUD_REACHABLE", 0x02)
		lttng_ust_field_enum_value("NUD_STALE", 0x04)
		lttng_ust_field_enum_value("NUD_DELAY", 0x08)
		lttng_ust_field_enum_value("NUD_PROBE", 0x10)
		lttng_ust_field_enum_value("NUD_FAILED", 0x20)
		lttng_ust_field_enum_value("NUD_NOARP", 0x40)
		lttng_ust_field_enum_value("NUD_PERMANENT", 0x80)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, arp_op,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("ARPOP_REQUEST", 1)
		lttng_ust_field_enum_value("ARPOP_REPLY", 2)))

/* net/ipv4/arp.c arp_send: an ARP packet leaves (skb->data at Ethernet). */
/* arp_send: an ARP packet leaves */
LTTNG_UST_TRACEPOINT_EVENT(connscope, arp_send,
	LTTNG_UST_TP_ARGS(int, op, __be32, sip, __be32, tip, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_enum(connscope, arp_op, int, op, op)
		lttng_ust_field_array(uint8_t, sip, &sip, 4)
		lttng_ust_field_array(uint8_t, tip, &tip, 4)
		lttng_ust_field_array(uint8_t, sha, skb->data + 14 + 8, 6)
		lttng_ust_field_array(uint8_t, tha, skb->data + 14 + 18, 6)
		lttng_ust_field_array(uint8_t, eth_dst, skb->data, 6)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		CS_TP_CTX))

/* net/ipv4/arp.c arp_process, at out:: a received ARP packet that passed
 * arp_rcv's checks (the header is whole: 8 bytes, then sha, sip, tha,
 * tip), read from the packet. */
/* arp_rcv: a received ARP packet, as arp_process leaves it */
LTTNG_UST_TRACEPOINT_EVENT(connscope, arp_rcv,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_enum(connscope, arp_op, int, op,
				     (skb_network_header(skb)[6] << 8) | skb_network_header(skb)[7])
		lttng_ust_field_array(uint8_t, sip, skb_network_header(skb) + 14, 4)
		lttng_ust_field_array(uint8_t, tip, skb_network_header(skb) + 24, 4)
		lttng_ust_field_array(uint8_t, sha, skb_network_header(skb) + 8, 6)
		CS_TP_CTX))

/* net/core/neighbour.c __neigh_create: a new entry (after arp_constructor). */
/* neigh_create: a new neighbour entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, neigh_create,
	LTTNG_UST_TP_ARGS(const struct neighbour *, n),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, ip, &n->primary_key, 4)
		lttng_ust_field_integer(int, ifindex, n->dev->ifindex)
		lttng_ust_field_enum(connscope, nud_state, int, state, n->nud_state)
		lttng_ust_field_integer(int, addr_type, n->type)
		lttng_ust_field_array(uint8_t, ha, n->ha, 6)
		CS_TP_CTX))

/* net/core/neighbour.c: an entry changes NUD state (any function); fired
 * just before the assignment, it reads the state being left. */
/* neigh_state_change: a neighbour entry's NUD state changes */
LTTNG_UST_TRACEPOINT_EVENT(connscope, neigh_state_change,
	LTTNG_UST_TP_ARGS(const struct neighbour *, n, int, new_state),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, ip, &n->primary_key, 4)
		lttng_ust_field_integer(int, ifindex, n->dev->ifindex)
		lttng_ust_field_enum(connscope, nud_state, int, old, n->nud_state)
		lttng_ust_field_enum(connscope, nud_state, int, state, new_state)
		lttng_ust_field_array(uint8_t, ha, n->ha, 6)
		lttng_ust_field_integer(int, probes, n->probes)
		CS_TP_CTX))

/* net/core/neighbour.c neigh_invalidate: resolution failed; the frames
 * queued are about to be reported to their senders. */
/* neigh_invalidate: address resolution failed: the held packets are reported and dropped */
LTTNG_UST_TRACEPOINT_EVENT(connscope, neigh_invalidate,
	LTTNG_UST_TP_ARGS(const struct neighbour *, n),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, ip, &n->primary_key, 4)
		lttng_ust_field_integer(int, ifindex, n->dev->ifindex)
		lttng_ust_field_integer(unsigned int, queued, n->arp_queue.qlen)
		CS_TP_CTX))

/* net/core/neighbour.c neigh_resolve_output, at out:: a frame through an
 * entry that is not connected, held (INCOMPLETE) or sent. */
/* neigh_resolve_output: a packet goes out through a neighbour entry that is not connected */
LTTNG_UST_TRACEPOINT_EVENT(connscope, neigh_resolve_output,
	LTTNG_UST_TP_ARGS(const struct neighbour *, n),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, ip, &n->primary_key, 4)
		lttng_ust_field_integer(int, ifindex, n->dev->ifindex)
		lttng_ust_field_enum(connscope, nud_state, int, state, n->nud_state)
		lttng_ust_field_integer(unsigned int, qlen, n->arp_queue.qlen)
		CS_TP_CTX))
