/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ip.h - IPv4 and Ethernet wire headers and the IP layer's entry points
 * (include/net/ip.h, include/uapi/linux/ip.h, if_ether.h).
 */
#ifndef CS_IP_H
#define CS_IP_H

#include "types.h"
#include <arpa/inet.h>
#include "skbuff.h"
#include "sock.h"

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
/* struct kvec (include/linux/uio.h): one piece of a reply. */
struct kvec {
	void *iov_base;
	size_t iov_len;
};
/* struct ip_reply_arg (include/net/ip.h): a reply sent without a full
 * socket (tcp_v4_send_reset, tcp_v4_send_ack). */
struct ip_reply_arg {
	struct kvec iov[1];
	int flags;
	u32 csum;		/* the pseudo-header's partial sum */
	int csumoffset;		/* u16 offset of the checksum in iov[0].iov_base,
				 * -1 if none */
	int bound_dev_if;
	u8 tos;
};
/*
 * ip_send_unicast_reply - answer the received @skb with the @len bytes of
 * @arg->iov[0] (a TCP segment, its checksum completed at csumoffset):
 * routes saddr -> daddr with RT_TOS(arg->tos), builds the header as 3.10's
 * reply socket would (tos copied, DF, ID 0, TTL from the route or
 * ip_default_ttl) and sends it.  No route: the reply is silently dropped.
 * 3.10.105 passes that per-CPU socket first; connscope has none and
 * passes the namespace, as 3.10.0 does.
 */
void ip_send_unicast_reply(struct net *net, struct sk_buff *skb, __be32 daddr,
			   __be32 saddr, const struct ip_reply_arg *arg,
			   unsigned int len);
int ip_local_out(struct sk_buff *skb);
int ip_output(struct sk_buff *skb);
int ip_finish_output(struct sk_buff *skb);
/* ip_dont_fragment - pmtudisc DO, or WANT on a route whose MTU is not locked. */
bool ip_dont_fragment(const struct sock *sk, const struct rtable *rt);

/* ip_input.c */
/* IP_INC_STATS_BH (include/net/ip.h): the softirq flavour is the same add. */
#define IP_INC_STATS_BH(net, field) IP_INC_STATS(net, field)
#define NET_RX_DROP 1

/* ip_hdrlen - the header's length in bytes, ihl * 4. */
static inline unsigned int ip_hdrlen(const struct sk_buff *skb)
{
	return (unsigned int)(ip_hdr(skb)->ihl_version & 0x0f) * 4;
}

/* ip_is_fragment - MF set or a fragment offset: a piece of a datagram. */
static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* struct net_protocol (include/net/protocol.h): a transport protocol's
 * receive and ICMP error handlers; inet_protos[] holds TCP's and ICMP's. */
struct net_protocol {
	int (*handler)(struct sk_buff *skb);
	void (*err_handler)(struct sk_buff *skb, u32 info);
};
#define MAX_INET_PROTOS 256
extern const struct net_protocol *const inet_protos[MAX_INET_PROTOS];

int ip_rcv(struct sk_buff *skb);
int ip_local_deliver(struct sk_buff *skb);

/* IP options (include/uapi/linux/ip.h).  What ip_options_compile finds in
 * a received header goes in IPCB(skb)->opt, a struct ip_options (sock.h). */
#define IPOPT_END 0
#define IPOPT_NOOP 1
#define IPOPT_SSRR 0x89
#define IPOPT_LSRR 0x83

/* struct inet_skb_parm: IP's part of skb->cb. */
struct inet_skb_parm {
	struct ip_options opt;
};
#define IPCB(skb) ((struct inet_skb_parm *)(void *)((skb)->cb))

/* ip_options.c: check the options of a received header; 0 or -EINVAL. */
int ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb);

/* ip_fragment.c: a fragment for local delivery (consumed; nonzero). */
#define IP_DEFRAG_LOCAL_DELIVER 0
int ip_defrag(struct sk_buff *skb, u32 user);

/* icmp.c: receive an ICMP message (skb->data at the ICMP header); 0. */
int icmp_rcv(struct sk_buff *skb);
/* icmp.c: the SNMP counters of an ICMP message sent. */
void icmp_out_count(struct net *net, unsigned char type);
/* icmp.c: send an ICMP error about @skb_in (an IPv4 packet) to its sender. */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);

#endif
