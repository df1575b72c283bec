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
struct rtable;

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

/* ICMP (include/uapi/linux/icmp.h) */
struct icmphdr {
	u8 type;
	u8 code;
	u16 checksum;
	union {
		struct {
			__be16 id;
			__be16 sequence;
		} echo;
		__be32 gateway;
		struct {
			__be16 unused;
			__be16 mtu;
		} frag;
	} un;
} __attribute__((packed));

#define ICMP_ECHOREPLY 0
#define ICMP_DEST_UNREACH 3
#define ICMP_SOURCE_QUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PARAMETERPROB 12
#define ICMP_TIMESTAMP 13
#define ICMP_TIMESTAMPREPLY 14
#define ICMP_INFO_REQUEST 15
#define ICMP_INFO_REPLY 16
#define ICMP_ADDRESS 17
#define ICMP_ADDRESSREPLY 18
#define NR_ICMP_TYPES 18

#define ICMP_NET_UNREACH 0
#define ICMP_HOST_UNREACH 1
#define ICMP_PROT_UNREACH 2
#define ICMP_PORT_UNREACH 3
#define ICMP_FRAG_NEEDED 4
#define ICMP_SR_FAILED 5
#define ICMP_NET_UNKNOWN 6
#define ICMP_HOST_UNKNOWN 7
#define ICMP_HOST_ISOLATED 8
#define ICMP_NET_ANO 9
#define ICMP_HOST_ANO 10
#define ICMP_NET_UNR_TOS 11
#define ICMP_HOST_UNR_TOS 12
#define ICMP_PKT_FILTERED 13
#define ICMP_PREC_VIOLATION 14
#define ICMP_PREC_CUTOFF 15
#define NR_ICMP_UNREACH 15

#define IPTOS_PREC_INTERNETCONTROL 0xc0

static inline struct icmphdr *icmp_hdr(const struct sk_buff *skb)
{
	return (struct icmphdr *)(void *)skb_transport_header(skb);
}

/* The Internet checksum helpers (include/net/checksum.h). */
u32 csum_partial(const void *buf, unsigned int len, u32 sum);
u16 csum_fold(u32 sum);
u16 ip_fast_csum(const void *iph, unsigned int ihl);
u32 csum_tcpudp_nofold(__be32 saddr, __be32 daddr, unsigned int len, u8 proto, u32 sum);

/* ip_output.c */
/*
 * ip_queue_xmit - send a TCP segment (skb->data at the TCP header, skb->sk
 * set) on the socket's route; re-routes when the socket has none.  Returns
 * 0, a positive NET_XMIT code, or -EHOSTUNREACH (no route; skb freed).
 */
int ip_queue_xmit(struct sk_buff *skb, struct flowi4 *fl);
/*
 * ip_build_and_send_reply - the IP half of ip_send_unicast_reply, for a
 * reply sent without a full socket (tcp_v4_send_reset): @skb holds the
 * finished TCP segment (skb->data at its header, checksum done, headroom
 * for IP and Ethernet).  Routes saddr -> daddr with RT_TOS(@tos), builds
 * the header as the per-CPU reply socket would (tos copied, DF, ID 0, TTL
 * from the route or ip_default_ttl) and sends it.  Consumes @skb; returns
 * 0 or -errno (no route: the reply is silently dropped, as in 3.10).
 */
int ip_build_and_send_reply(struct net *net, struct sk_buff *skb, __be32 saddr,
			    __be32 daddr, u8 tos);
int ip_local_out(struct sk_buff *skb);
int ip_output(struct sk_buff *skb);
int ip_finish_output(struct sk_buff *skb);
/* ip_dont_fragment - pmtudisc DO, or WANT on a route whose MTU is not locked. */
bool ip_dont_fragment(const struct sock *sk, const struct rtable *rt);

/* ip_input.c */
/* What ip_rcv / ip_local_deliver did with a packet (traced as ip_verdict). */
enum ip_verdict {
	IP_VERDICT_PASS,		/* header good: on to routing */
	IP_VERDICT_OTHERHOST,		/* frame for another MAC: dropped uncounted */
	IP_VERDICT_HDR_ERROR,		/* InHdrErrors */
	IP_VERDICT_CSUM_ERROR,		/* InCsumErrors + InHdrErrors */
	IP_VERDICT_TRUNCATED,		/* InTruncatedPkts */
	IP_VERDICT_FRAGMENT,		/* ReasmReqds, then dropped (no reassembly) */
	IP_VERDICT_DELIVER,		/* handed to TCP or ICMP */
	IP_VERDICT_UNKNOWN_PROTO,	/* InUnknownProtos */
};
#define NET_RX_DROP_IP 1		/* NET_RX_DROP */
int ip_rcv(struct sk_buff *skb);
int ip_local_deliver(struct sk_buff *skb);

/* icmp.c: receive an ICMP message (skb->data at the ICMP header); 0. */
int icmp_rcv(struct sk_buff *skb);
/* icmp.c: the SNMP counters of an ICMP message sent. */
void icmp_out_count(struct net *net, unsigned char type);
/* icmp.c: send an ICMP error about @skb_in (an IPv4 packet) to its sender. */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);

#endif
