/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ip.h - IPv4 and Ethernet wire headers and the IP layer's entry points
 * (include/net/ip.h, include/uapi/linux/ip.h, if_ether.h).
 */
#ifndef CS_IP_H
#define CS_IP_H

#include "types.h"
#include "skbuff.h"

struct net;
struct sock;
struct flowi4;

#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_ZLEN 60			/* minimum frame without FCS */

#define IPPROTO_ICMP_ 1
#define IPPROTO_TCP_ 6

#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFSET 0x1FFF

#define PACKET_HOST 0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3
#define PACKET_OUTGOING 4

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	__be16 h_proto;
} __attribute__((packed));

struct iphdr {
	u8 ihl_version;		/* version << 4 | ihl */
	u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	u8 ttl;
	u8 protocol;
	u16 check;
	__be32 saddr;
	__be32 daddr;
} __attribute__((packed));

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)(void *)skb_network_header(skb);
}
static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)(void *)skb_mac_header(skb);
}

/* The Internet checksum helpers (include/net/checksum.h). */
u32 csum_partial(const void *buf, unsigned int len, u32 sum);
u16 csum_fold(u32 sum);
u16 ip_fast_csum(const void *iph, unsigned int ihl);
u32 csum_tcpudp_nofold(__be32 saddr, __be32 daddr, unsigned int len, u8 proto, u32 sum);

/* ip_output.c */
int ip_queue_xmit(struct sk_buff *skb, struct flowi4 *fl);
int ip_build_and_send_reply(struct net *net, struct sk_buff *skb, __be32 saddr,
			    __be32 daddr, u8 tos);
int ip_output(struct sk_buff *skb);
int ip_finish_output(struct sk_buff *skb, __be32 nexthop);
/* ip_input.c */
int ip_rcv(struct sk_buff *skb);
/* icmp.c (part of ip_input.c here): deliver an ICMP error to TCP. */
void icmp_rcv(struct sk_buff *skb);

#endif
