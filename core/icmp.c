// SPDX-License-Identifier: GPL-2.0-only
/*
 * icmp.c - ICMP (net/ipv4/icmp.c, Linux 3.10): receiving messages (errors
 * about our packets go to the transport protocol, echo requests are
 * answered) and sending errors about packets we could not deliver
 * (icmp_send: host unreachable when ARP fails, protocol unreachable,
 * fragmentation needed).
 *
 * Defaults of 3.10: icmp_echo_ignore_all 0, icmp_echo_ignore_broadcasts 1,
 * icmp_ignore_bogus_error_responses 1, icmp_ratelimit 1000 ms for the
 * types in icmp_ratemask 0x1818 (unreachable, source quench, time
 * exceeded, parameter problem), icmp_errors_use_inbound_ifaddr 0.  The ICMP
 * socket sends without DF (pmtudisc DONT), so its packets take their IP ID
 * from the destination's inet_peer.  Timestamp requests are not answered
 * (treated as discarded); there are no ping or raw sockets.
 */
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "tcp.h"
#include "trace.h"

#define ICMP_RATEMASK 0x1818
#define ICMP_RATELIMIT_MS 1000
#define ICMP_ERROR_ROOM 576		/* RFC 1812: at most 576 bytes in all */
#define ICMP_LL_RESERVED 16

/* What icmp_send builds: the ICMP header, then data_len bytes from @src. */
struct icmp_bxm {
	struct icmphdr icmph;
	const u8 *src;
	unsigned int data_len;
	u8 tos;
};

/* icmp_error_type - types whose .error is set in icmp_pointers[]: every
 * type but the echo, timestamp, info and address ones. */
static bool icmp_error_type(int type)
{
	switch (type) {
	case ICMP_ECHOREPLY:
	case ICMP_ECHO:
	case ICMP_TIMESTAMP:
	case ICMP_TIMESTAMPREPLY:
	case 15: case 16:		/* ICMP_INFO_REQUEST / _REPLY */
	case ICMP_ADDRESS:
	case ICMP_ADDRESSREPLY:
		return false;
	default:
		return true;
	}
}

/* ICMPMSGIN_INC_STATS: the per-type input counters /proc/net/snmp shows. */
static void icmpmsg_in_count(struct net *net, int type)
{
	switch (type) {
	case ICMP_DEST_UNREACH: NET_INC_STATS(net, ICMP_INDESTUNREACHS); break;
	case ICMP_TIME_EXCEEDED: NET_INC_STATS(net, ICMP_INTIMEEXCDS); break;
	case ICMP_PARAMETERPROB: NET_INC_STATS(net, ICMP_INPARMPROBS); break;
	case ICMP_SOURCE_QUENCH: NET_INC_STATS(net, ICMP_INSRCQUENCHS); break;
	case ICMP_REDIRECT: NET_INC_STATS(net, ICMP_INREDIRECTS); break;
	case ICMP_ECHO: NET_INC_STATS(net, ICMP_INECHOS); break;
	case ICMP_ECHOREPLY: NET_INC_STATS(net, ICMP_INECHOREPS); break;
	default: break;
	}
}

/* icmp_out_count - OutMsgs and the per-type output counter. */
static void icmp_out_count(struct net *net, int type)
{
	NET_INC_STATS(net, ICMP_OUTMSGS);
	if (type == ICMP_DEST_UNREACH)
		NET_INC_STATS(net, ICMP_OUTDESTUNREACHS);
	else if (type == ICMP_PARAMETERPROB)
		NET_INC_STATS(net, ICMP_OUTPARMPROBS);
	else if (type == ICMP_ECHOREPLY)
		NET_INC_STATS(net, ICMP_OUTECHOREPS);
}

/* icmpv4_xrlim_allow - rate limit errors of the ratemask types per
 * destination, except fragmentation-needed and anything over loopback. */
static bool icmpv4_xrlim_allow(struct net *net, const struct rtable *rt,
			       const struct flowi4 *fl4, int type, int code)
{
	if (type > NR_ICMP_TYPES)
		return true;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return true;
	if (rt->rt_oif == LOOPBACK_IFINDEX)
		return true;
	if ((1 << type) & ICMP_RATEMASK) {
		struct inet_peer *peer = inet_getpeer_v4(net, fl4->daddr, 1);
		bool rc = inet_peer_xrlim_allow(net, peer, ICMP_RATELIMIT_MS * HZ / 1000);

		if (peer)
			inet_putpeer(peer);
		return rc;
	}
	return true;
}

/* icmp_push_reply - build and send the ICMP packet (what ip_append_data,
 * __ip_make_skb and ip_push_pending_frames do for the ICMP socket): header
 * and data, ICMP checksum, then an IP header without DF, TOS from @param,
 * TTL from the route, ID from the peer counter. */
static void icmp_push_reply(struct net *net, const struct icmp_bxm *param,
			    const struct flowi4 *fl4, struct rtable *rt)
{
	unsigned int len = sizeof(struct icmphdr) + param->data_len;
	struct sk_buff *skb = alloc_skb(ICMP_LL_RESERVED + sizeof(struct iphdr) + len);
	struct icmphdr *icmph;
	struct iphdr *iph;

	if (!skb)
		return;
	skb->net = net;
	skb_reserve(skb, ICMP_LL_RESERVED + sizeof(struct iphdr));
	skb_reset_transport_header(skb);
	icmph = (struct icmphdr *)(void *)skb_put(skb, len);
	*icmph = param->icmph;
	icmph->checksum = 0;
	memcpy(icmph + 1, param->src, param->data_len);
	icmph->checksum = csum_fold(csum_partial(icmph, len, 0));
	skb_dst_set(skb, dst_clone(rt));
	iph = (struct iphdr *)(void *)skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	iph->ihl_version = 0x45;
	iph->tos = param->tos;
	iph->frag_off = 0;
	iph->ttl = (u8)ip4_dst_hoplimit(rt);
	iph->protocol = IPPROTO_ICMP_;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	__ip_select_ident(net, iph, 0);
	icmp_out_count(net, param->icmph.type);
	cs_trace(icmp_push_reply, param->icmph.type, param->icmph.code, fl4->saddr,
		 fl4->daddr, param->data_len);
	ip_local_out(skb);
}

/* icmp_send_ok - the conditions under which icmp_send may answer @skb_in:
 * a unicast packet to us, the first fragment, and not an ICMP error about
 * an ICMP error. */
static bool icmp_send_ok(const struct sk_buff *skb_in, const struct rtable *rt, int type)
{
	const struct iphdr *iph = ip_hdr(skb_in);

	if (skb_in->network_header + sizeof(*iph) > skb_in->tail)
		return false;
	if (skb_in->pkt_type != PACKET_HOST)
		return false;
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		return false;
	if (iph->frag_off & htons(IP_OFFSET))
		return false;
	if (icmp_error_type(type) && iph->protocol == IPPROTO_ICMP_) {
		const u8 *itp = skb_network_header(skb_in) + (iph->ihl_version & 0x0f) * 4;

		if (itp + 1 > skb_in->data + skb_in->len)
			return false;
		if (*itp > NR_ICMP_TYPES || icmp_error_type(*itp))
			return false;
	}
	return true;
}

/* icmp_send - send an ICMP error (@type, @code, @info in the header's
 * second word) about the IPv4 packet @skb_in to its source, quoting its
 * header and as much payload as fits in 576 bytes.  The source is the
 * address the packet was sent to if it was for us, else chosen by the
 * route.  Errors are sent with precedence "internetwork control". */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	struct rtable *rt = skb_rtable(skb_in);
	const struct iphdr *iph;
	struct icmp_bxm param;
	struct flowi4 fl4;
	struct net *net;
	unsigned int room;

	if (!rt || !icmp_send_ok(skb_in, rt, type))
		return;
	net = rt->net;
	iph = ip_hdr(skb_in);
	memset(&param, 0, sizeof(param));
	param.tos = icmp_error_type(type) ?
		(u8)((iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL) : iph->tos;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = iph->saddr;
	fl4.saddr = (rt->rt_flags & RTCF_LOCAL) ? iph->daddr : 0;
	fl4.flowi4_tos = RT_TOS(param.tos);
	fl4.flowi4_proto = IPPROTO_ICMP_;
	rt = __ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;
	if (icmpv4_xrlim_allow(net, rt, &fl4, type, code)) {
		param.icmph.type = (u8)type;
		param.icmph.code = (u8)code;
		param.icmph.un.gateway = info;
		param.src = skb_network_header(skb_in);
		param.data_len = (unsigned int)(skb_in->data + skb_in->len - param.src);
		room = dst_mtu(rt) < ICMP_ERROR_ROOM ? dst_mtu(rt) : ICMP_ERROR_ROOM;
		room -= sizeof(struct iphdr) + sizeof(struct icmphdr);
		if (param.data_len > room)
			param.data_len = room;
		icmp_push_reply(net, &param, &fl4, rt);
	}
	ip_rt_put(rt);
}

/* icmp_reply - answer an ICMP request (echo): back to its source, from the
 * address it was sent to (fib_compute_spec_dst), with its TOS. */
static void icmp_reply(struct icmp_bxm *param, struct sk_buff *skb)
{
	struct net *net = skb->net;
	struct flowi4 fl4;
	struct rtable *rt;

	param->tos = ip_hdr(skb)->tos;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = ip_hdr(skb)->saddr;
	fl4.saddr = fib_compute_spec_dst(skb);
	fl4.flowi4_tos = RT_TOS(ip_hdr(skb)->tos);
	fl4.flowi4_proto = IPPROTO_ICMP_;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;
	if (icmpv4_xrlim_allow(net, rt, &fl4, param->icmph.type, param->icmph.code))
		icmp_push_reply(net, param, &fl4, rt);
	ip_rt_put(rt);
}

/* icmp_echo - answer a ping with the same id, sequence and data. */
static void icmp_echo(struct sk_buff *skb)
{
	struct icmp_bxm param;

	memset(&param, 0, sizeof(param));
	param.icmph = *icmp_hdr(skb);
	param.icmph.type = ICMP_ECHOREPLY;
	param.src = skb->data;
	param.data_len = skb->len;
	icmp_reply(&param, skb);
}

/* icmp_socket_deliver - pass an error to the protocol of the packet it
 * quotes (skb->data at the quoted IP header), once that header and 8
 * bytes of its payload are present: TCP's tcp_v4_err. */
static void icmp_socket_deliver(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;

	if (skb->len < (unsigned int)(iph->ihl_version & 0x0f) * 4 + 8)
		return;
	cs_trace(icmp_socket_deliver, skb, info);
	if (iph->protocol == IPPROTO_TCP_)
		tcp_v4_err(skb, info);
}

/* icmp_unreach - destination unreachable, source quench, time exceeded
 * and parameter problem: check the quoted header, work out @info (the MTU
 * of fragmentation-needed, the pointer of a parameter problem) and deliver.
 * A quoted header too short or with IHL < 5 counts as InErrors. */
static void icmp_unreach(struct sk_buff *skb)
{
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph;
	u32 info = 0;

	if (skb->len < sizeof(struct iphdr))
		goto out_err;
	iph = (const struct iphdr *)(void *)skb->data;
	if ((iph->ihl_version & 0x0f) < 5)
		goto out_err;
	if (icmph->type == ICMP_DEST_UNREACH) {
		if ((icmph->code & 15) == ICMP_FRAG_NEEDED && !skb->net->sysctl.ip_no_pmtu_disc) {
			info = ntohs(icmph->un.frag.mtu);
			if (!info)
				return;
		}
		if (icmph->code > NR_ICMP_UNREACH)
			return;
	} else if (icmph->type == ICMP_PARAMETERPROB) {
		info = ntohl(icmph->un.gateway) >> 24;
	}
	icmp_socket_deliver(skb, info);
	return;
out_err:
	NET_INC_STATS(skb->net, ICMP_INERRORS);
}

/* icmp_redirect - pass the new gateway to the protocol. */
static void icmp_redirect(struct sk_buff *skb)
{
	if (skb->len < sizeof(struct iphdr)) {
		NET_INC_STATS(skb->net, ICMP_INERRORS);
		return;
	}
	icmp_socket_deliver(skb, icmp_hdr(skb)->un.gateway);
}

/* icmp_dispatch - icmp_pointers[type].handler. */
static void icmp_dispatch(struct sk_buff *skb, int type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		icmp_unreach(skb);
		break;
	case ICMP_REDIRECT:
		icmp_redirect(skb);
		break;
	case ICMP_ECHO:
		icmp_echo(skb);
		break;
	default:
		break;		/* icmp_discard, ping_rcv without ping sockets */
	}
}

/* icmp_rcv - an ICMP message for us (skb->data at the ICMP header): count
 * it (InMsgs), verify its checksum (InCsumErrors and InErrors), count its
 * type, refuse unknown types and, when sent to a broadcast or multicast
 * address, everything but (unignored) echo, timestamp and address
 * messages (InErrors); then handle it.  Consumes the skb. */
void icmp_rcv(struct sk_buff *skb)
{
	struct net *net = skb->net;
	const struct rtable *rt = skb_rtable(skb);
	int type;

	NET_INC_STATS(net, ICMP_INMSGS);
	if (csum_fold(csum_partial(skb->data, skb->len, 0))) {
		NET_INC_STATS(net, ICMP_INCSUMERRORS);
		goto error;
	}
	if (!skb_pull(skb, sizeof(struct icmphdr)))
		goto error;
	type = icmp_hdr(skb)->type;
	cs_trace(icmp_rcv, skb, type, icmp_hdr(skb)->code);
	icmpmsg_in_count(net, type);
	if (type > NR_ICMP_TYPES)
		goto error;
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)) {
		if (type == ICMP_ECHO || type == ICMP_TIMESTAMP)
			goto error;		/* icmp_echo_ignore_broadcasts */
		if (type != ICMP_ADDRESS && type != ICMP_ADDRESSREPLY)
			goto error;
	}
	icmp_dispatch(skb, type);
	kfree_skb(skb);
	return;
error:
	NET_INC_STATS(net, ICMP_INERRORS);
	kfree_skb(skb);
}
