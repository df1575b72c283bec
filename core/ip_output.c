// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_output.c - IPv4 output (net/ipv4/ip_output.c, Linux 3.10): the IP
 * header of a TCP segment (ip_queue_xmit) or of a reply sent without a
 * socket (ip_send_unicast_reply), then the common way out: total length
 * and checksum (__ip_local_out), OutRequests (ip_output), the MTU check
 * (ip_finish_output) and the neighbour (ip_finish_output2).
 *
 * Netfilter hooks (LOCAL_OUT, POST_ROUTING) are empty and IPsec has no
 * policies, so each hook simply continues.  IP options are not supported:
 * no socket carries any (there is no IP_OPTIONS socket option).
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "tcp.h"
#include "trace.h"

#define LL_RESERVED_SPACE_ETH 16	/* Ethernet header rounded up to 16 */

/* ip_send_check - compute the header checksum. */
static void ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl_version & 0x0f);
}

/* __ip_local_out - the header is complete: total length, checksum.  The
 * LOCAL_OUT hook accepts; returns 1 ("go on"). */
static int __ip_local_out(struct sk_buff *skb)
{
	struct iphdr *iph = ip_hdr(skb);

	iph->tot_len = htons((u16)skb->len);
	ip_send_check(iph);
	cs_trace(ip_local_out, skb);
	return 1;
}

/* ip_local_out - finish the header and send by the skb's route
 * (dst_output: ip_output for every route here). */
int ip_local_out(struct sk_buff *skb)
{
	int err = __ip_local_out(skb);

	if (err == 1)
		err = ip_output(skb);
	return err;
}

/* ip_select_ttl - IP_TTL if set, else the route's hop limit. */
static int ip_select_ttl(const struct inet_sock *inet, const struct rtable *rt)
{
	int ttl = inet->uc_ttl;

	if (ttl < 0)
		ttl = ip4_dst_hoplimit(rt);
	return ttl;
}

/* ip_dont_fragment - DF for IP_PMTUDISC_DO, and for IP_PMTUDISC_WANT on a
 * route whose MTU metric is not locked (never locked here). */
bool ip_dont_fragment(const struct sock *sk, const struct rtable *rt)
{
	(void)rt;
	return inet_sk(sk)->pmtudisc == IP_PMTUDISC_DO ||
	       inet_sk(sk)->pmtudisc == IP_PMTUDISC_WANT;
}

/* ip_select_ident_more - the IP ID (3.10.4): with DF, a connected socket
 * uses its own counter inet_id (and advances it by the segment count), an
 * unconnected one sends 0; without DF the destination's inet_peer counter. */
static void ip_select_ident_more(struct net *net, struct iphdr *iph,
				 struct sock *sk, int more)
{
	if (iph->frag_off & htons(IP_DF)) {
		if (sk && inet_sk(sk)->inet_daddr) {
			iph->id = htons(inet_sk(sk)->inet_id);
			inet_sk(sk)->inet_id += (u16)(1 + more);
		} else {
			iph->id = 0;
		}
	} else {
		__ip_select_ident(net, iph, more);
	}
}

/* ip_queue_xmit - put the IPv4 header in front of a TCP segment
 * (skb->data at the TCP header, skb->sk its socket) and send it: version
 * 4, IHL 5, TOS inet->tos, DF per ip_dont_fragment, TTL per ip_select_ttl,
 * the socket's protocol, addresses from the flow, ID per
 * ip_select_ident_more.  No route: OutNoRoutes, skb freed, -EHOSTUNREACH.
 * Caller owns the socket (process context or the socket's softirq lock).
 * connscope sends no IP options (no ip_options_build, no strict source
 * route test). */
int ip_queue_xmit(struct sk_buff *skb, struct flowi4 *fl4)
{
	struct sock *sk = skb->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct ip_options *inet_opt;
	struct rtable *rt;
	struct iphdr *iph;
	int res;

	skb->net = sock_net(sk);	/* the route's device names the stack */
	cs_trace(ip_queue_xmit, sk, skb, skb_rtable(skb) != NULL);

	/* A packet routed already skips all of this. */
	inet_opt = inet->inet_opt;
	rt = skb_rtable(skb);
	if (rt != NULL)
		goto packet_routed;

	/* Make sure the packet can be routed. */
	rt = __sk_dst_check(sk);
	if (rt == NULL) {
		__be32 daddr;

		/* With a source route, the first hop. */
		daddr = inet->inet_daddr;
		if (inet_opt && inet_opt->srr)
			daddr = inet_opt->faddr;

		/* On failure the transport's retransmissions keep trying
		 * until a route appears or the connection times out. */
		rt = ip_route_output_ports(sock_net(sk), fl4, sk, daddr, inet->inet_saddr,
					   inet->inet_dport, inet->inet_sport,
					   (u8)sk->sk_protocol, RT_CONN_FLAGS(sk),
					   sk->sk_bound_dev_if);
		if (IS_ERR(rt))
			goto no_route;
		sk_setup_caps(sk, rt);
	}
	skb_dst_set(skb, dst_clone(rt));

packet_routed:
	/* The route is known: build the IP header.  3.10 stores version,
	 * IHL and TOS as one 16-bit word. */
	iph = (struct iphdr *)(void *)skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	iph->ihl_version = 0x45;
	iph->tos = inet->tos;
	if (ip_dont_fragment(sk, rt))
		iph->frag_off = htons(IP_DF);
	else
		iph->frag_off = 0;
	iph->ttl = (u8)ip_select_ttl(inet, rt);
	iph->protocol = (u8)sk->sk_protocol;
	iph->saddr = fl4->saddr;	/* ip_copy_addrs */
	iph->daddr = fl4->daddr;

	ip_select_ident_more(sock_net(sk), iph, sk,
			     (skb_shinfo(skb)->gso_segs ? skb_shinfo(skb)->gso_segs : 1) - 1);

	res = ip_local_out(skb);
	cs_trace(ip_queue_xmit_ret, sk, res);
	return res;

no_route:
	IP_INC_STATS(sock_net(sk), OUTNOROUTES);
	kfree_skb(skb);
	cs_trace(ip_queue_xmit_ret, sk, -EHOSTUNREACH);
	return -EHOSTUNREACH;
}

/* cs_reply_skb - the skb ip_append_data would fill for a reply: @len bytes
 * of @data at the transport header, headroom for IP and Ethernet. */
static struct sk_buff *cs_reply_skb(struct net *net, const void *data, unsigned int len)
{
	struct sk_buff *nskb = alloc_skb(MAX_TCP_HEADER + len);

	if (!nskb)
		return NULL;
	nskb->net = net;
	skb_reserve(nskb, MAX_TCP_HEADER);
	memcpy(skb_put(nskb, len), data, len);
	skb_reset_transport_header(nskb);
	return nskb;
}

/* ip_send_unicast_reply - see ip.h.  The per-CPU reply socket of 3.10
 * (unicast_sock) has pmtudisc WANT, uc_ttl -1 and no peer, hence DF, the
 * route's TTL and ID 0 (ip_select_ident on an unconnected socket).  3.10
 * echoes the segment's IP options (ip_options_echo); connscope sends
 * none. */
void ip_send_unicast_reply(struct net *net, struct sk_buff *skb, __be32 daddr,
			   __be32 saddr, const struct ip_reply_arg *arg,
			   unsigned int len)
{
	struct flowi4 fl4;
	struct rtable *rt;
	struct sk_buff *nskb;
	struct iphdr *iph;

	flowi4_init_output(&fl4, arg->bound_dev_if, 0,
			   RT_TOS(arg->tos),
			   RT_SCOPE_UNIVERSE, ip_hdr(skb)->protocol,
			   0,
			   daddr, saddr,
			   tcp_hdr(skb)->source, tcp_hdr(skb)->dest);
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;

	/* ip_append_data and ip_push_pending_frames on the reply socket: one
	 * skb with the reply, its checksum completed, the IP header in
	 * front. */
	nskb = cs_reply_skb(net, arg->iov[0].iov_base, len);
	if (!nskb)
		goto out;
	if (arg->csumoffset >= 0)
		*((u16 *)(void *)skb_transport_header(nskb) + arg->csumoffset) =
			csum_fold(csum_partial(skb_transport_header(nskb), len, arg->csum));
	nskb->ip_summed = CHECKSUM_NONE;
	skb_dst_set(nskb, rt);		/* the skb takes the route's reference */
	rt = NULL;
	iph = (struct iphdr *)(void *)skb_push(nskb, sizeof(struct iphdr));
	skb_reset_network_header(nskb);
	iph->ihl_version = 0x45;
	iph->tos = arg->tos;
	iph->frag_off = htons(IP_DF);
	iph->ttl = (u8)ip4_dst_hoplimit(skb_rtable(nskb));
	iph->protocol = ip_hdr(skb)->protocol;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	iph->id = 0;
	ip_local_out(nskb);
out:
	ip_rt_put(rt);
}

/* ip_output - count the packet (OutRequests), send it by the route's
 * device as IPv4; the POST_ROUTING hook accepts. */
int ip_output(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);

	IP_INC_STATS(skb->net, OUTREQUESTS);
	skb->dev = dev_get_by_index(skb->net, rt->rt_oif);
	skb->protocol = ETH_P_IP;
	return ip_finish_output(skb);
}

/* ip_skb_dst_mtu - the device MTU for IP_PMTUDISC_PROBE sockets, else the
 * route's (path) MTU. */
static unsigned int ip_skb_dst_mtu(const struct sk_buff *skb)
{
	const struct inet_sock *inet = skb->sk ? inet_sk(skb->sk) : NULL;

	return (inet && inet->pmtudisc == IP_PMTUDISC_PROBE) ? skb->dev->mtu : dst_mtu(skb_rtable(skb));
}

/* ip_fragment - the packet is larger than the MTU.  With DF the kernel
 * refuses (FragFails, ICMP fragmentation needed to the sender, -EMSGSIZE);
 * connscope does the same without DF, as it does not fragment. */
static int ip_fragment(struct sk_buff *skb, unsigned int mtu)
{
	IP_INC_STATS(skb->net, FRAGFAILS);
	if (ip_hdr(skb)->frag_off & htons(IP_DF))
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
	kfree_skb(skb);
	return -EMSGSIZE;
}

/* ip_finish_output2 - make room for the link header if needed and hand
 * the packet to the neighbour of its next hop, created if there is none.
 * 3.10 finds the entry under RCU without a reference
 * (__ipv4_neigh_lookup_noref, __neigh_create without want_ref); here it
 * is held until the output returns. */
static int ip_finish_output2(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = skb->dev;
	struct neighbour *neigh;
	__be32 nexthop;

	if (skb_headroom(skb) < LL_RESERVED_SPACE_ETH) {
		struct sk_buff *skb2 = skb_realloc_headroom(skb, LL_RESERVED_SPACE_ETH);

		if (!skb2) {
			kfree_skb(skb);
			return -ENOMEM;
		}
		consume_skb(skb);
		skb = skb2;
	}

	nexthop = rt_nexthop(rt, ip_hdr(skb)->daddr);
	neigh = neigh_lookup(&skb->net->arp_tbl, nexthop, dev);
	if (!neigh)
		neigh = __neigh_create(&skb->net->arp_tbl, nexthop, dev, true);
	if (!IS_ERR(neigh)) {
		int res = dst_neigh_output(neigh, skb);

		neigh_release(neigh);
		return res;
	}

	kfree_skb(skb);
	return -EINVAL;
}

/* ip_finish_output - fragment if larger than the MTU, else go on. */
int ip_finish_output(struct sk_buff *skb)
{
	unsigned int mtu = ip_skb_dst_mtu(skb);

	if (skb->len > mtu)
		return ip_fragment(skb, mtu);
	return ip_finish_output2(skb);
}
