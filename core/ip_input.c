// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_input.c - IPv4 input (net/ipv4/ip_input.c, Linux 3.10): check the
 * header (ip_rcv), route the packet (ip_rcv_finish), and deliver what is
 * for this host to TCP or ICMP (ip_local_deliver).  Every drop is counted
 * under the name /proc/net/snmp and /proc/net/netstat give it.
 *
 * Not modelled: reassembly (a fragment is counted in ReasmReqds, as
 * ip_defrag counts it, and then dropped), raw sockets, TCP early demux (an
 * optimisation that changes nothing visible), and IP options other than
 * the source-route check (options are length-checked, then ignored).
 */
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "tcp.h"
#include "trace.h"

#define IPOPT_END 0
#define IPOPT_NOOP 1
#define IPOPT_LSRR 0x83
#define IPOPT_SSRR 0x89

static const struct iphdr ip_zero_hdr;

static bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* ip_local_deliver_finish - strip the IP header and hand the payload to
 * its protocol: TCP (tcp_v4_rcv) or ICMP (icmp_rcv), counted in
 * InDelivers.  Any other protocol has no handler: InUnknownProtos and an
 * ICMP protocol unreachable to the sender. */
static int ip_local_deliver_finish(struct sk_buff *skb)
{
	struct net *net = skb->net;
	int protocol = ip_hdr(skb)->protocol;
	int ret;

	skb_pull(skb, (unsigned int)((ip_hdr(skb)->ihl_version & 0x0f) * 4));
resubmit:
	switch (protocol) {
	case IPPROTO_TCP_:
		cs_trace(ip_local_deliver, skb, protocol, IP_VERDICT_DELIVER);
		ret = tcp_v4_rcv(skb);
		break;
	case IPPROTO_ICMP_:
		cs_trace(ip_local_deliver, skb, protocol, IP_VERDICT_DELIVER);
		ret = icmp_rcv(skb);
		break;
	default:
		cs_trace(ip_local_deliver, skb, protocol, IP_VERDICT_UNKNOWN_PROTO);
		IP_INC_STATS(net, INUNKNOWNPROTOS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		kfree_skb(skb);
		return 0;
	}
	if (ret < 0) {
		protocol = -ret;
		goto resubmit;
	}
	IP_INC_STATS(net, INDELIVERS);
	return 0;
}

/* ip_local_deliver - a packet for this host.  Fragments would go to
 * ip_defrag, which counts ReasmReqds; connscope does not reassemble and
 * drops them. */
int ip_local_deliver(struct sk_buff *skb)
{
	if (ip_is_fragment(ip_hdr(skb))) {
		IP_INC_STATS(skb->net, REASMREQDS);
		cs_trace(ip_local_deliver, skb, ip_hdr(skb)->protocol, IP_VERDICT_FRAGMENT);
		kfree_skb(skb);
		return 0;
	}
	return ip_local_deliver_finish(skb);
}

/* ip_options_srr_error - ip_options_compile's checks of a source-route
 * option: too short, pointer below 4, or a second one.  Returns the byte
 * the parameter problem points at, or NULL when the option is well formed. */
static const u8 *ip_options_srr_error(const u8 *opt, int optlen, bool seen)
{
	if (optlen < 3)
		return opt + 1;
	if (opt[2] < 4)
		return opt + 2;
	if (seen)
		return opt;
	return NULL;
}

/* ip_rcv_options - the part of ip_options_compile and the source-route
 * policy that decide whether to drop.  As in 3.10 the whole option list is
 * checked first: a malformed option (bad length, bad source route) gets an
 * ICMP parameter problem pointing at the faulty byte and counts
 * InHdrErrors; only then is a well-formed source route refused, uncounted
 * (accept_source_route is 0).  Returns true to drop. */
static bool ip_rcv_options(struct sk_buff *skb)
{
	const u8 *iph = skb_network_header(skb), *pp_ptr = NULL;
	const u8 *opt = iph + sizeof(struct iphdr);
	int left = (ip_hdr(skb)->ihl_version & 0x0f) * 4 - (int)sizeof(struct iphdr);
	bool srr = false;

	while (left > 0 && !pp_ptr) {
		int optlen;

		if (*opt == IPOPT_END)
			break;
		if (*opt == IPOPT_NOOP) {
			opt++;
			left--;
			continue;
		}
		optlen = left >= 2 ? opt[1] : 0;
		if (optlen < 2 || optlen > left) {
			pp_ptr = opt;
			break;
		}
		if (*opt == IPOPT_LSRR || *opt == IPOPT_SSRR) {
			pp_ptr = ip_options_srr_error(opt, optlen, srr);
			srr = true;
		}
		opt += optlen;
		left -= optlen;
	}
	if (pp_ptr) {
		/* 3.10: icmp_send in ip_options_compile, then InHdrErrors. */
		icmp_send(skb, ICMP_PARAMETERPROB, 0, htonl((u32)(pp_ptr - iph) << 24));
		IP_INC_STATS(skb->net, INHDRERRORS);
		return true;
	}
	return srr;
}

/* ip_rcv_finish - route the packet (unless it came over loopback with its
 * output route still attached), check options, and pass it to the route's
 * input: ip_local_deliver for a local route, ip_error otherwise. */
static int ip_rcv_finish(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	int err;

	if (!skb_rtable(skb)) {
		err = ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, skb->dev);
		if (err)
			goto drop;
	}
	if ((iph->ihl_version & 0x0f) > 5 && ip_rcv_options(skb))
		goto drop;
	if (skb_rtable(skb)->rt_flags & RTCF_LOCAL)
		return ip_local_deliver(skb);
	return ip_error(skb);
drop:
	kfree_skb(skb);
	return NET_RX_DROP_IP;
}

/* ip_rcv_drop - the drop exit of ip_rcv (counters already done): trace
 * the verdict and free the packet. */
static int ip_rcv_drop(struct sk_buff *skb, const struct iphdr *iph, int verdict)
{
	cs_trace(ip_rcv, skb, iph, verdict);
	kfree_skb(skb);
	return NET_RX_DROP_IP;
}

/* ip_rcv - the IPv4 receive routine (skb->data at the IP header): drop
 * frames for another host uncounted; count InReceives; then the RFC 1122
 * checks in 3.10's order: room for a header, version 4 and IHL >= 5, the
 * whole header present, its checksum (InCsumErrors and InHdrErrors), the
 * total length against the frame (InTruncatedPkts) and the IHL (InHdr-
 * Errors); trim link-layer padding and go on to ip_rcv_finish. */
int ip_rcv(struct sk_buff *skb)
{
	struct net *net = skb->net;
	const struct iphdr *iph;
	unsigned int ihl, len;

	if (skb->pkt_type == PACKET_OTHERHOST)
		return ip_rcv_drop(skb, &ip_zero_hdr, IP_VERDICT_OTHERHOST);
	IP_INC_STATS(net, INRECEIVES);
	if (skb->len < sizeof(struct iphdr))
		goto inhdr_error;
	iph = ip_hdr(skb);
	ihl = iph->ihl_version & 0x0f;
	if (ihl < 5 || (iph->ihl_version >> 4) != 4 || skb->len < ihl * 4)
		goto inhdr_error;
	if (ip_fast_csum(iph, ihl)) {
		IP_INC_STATS(net, INCSUMERRORS);
		IP_INC_STATS(net, INHDRERRORS);
		return ip_rcv_drop(skb, iph, IP_VERDICT_CSUM_ERROR);
	}
	len = ntohs(iph->tot_len);
	if (skb->len < len) {
		IP_INC_STATS(net, INTRUNCATEDPKTS);
		return ip_rcv_drop(skb, iph, IP_VERDICT_TRUNCATED);
	}
	if (len < ihl * 4)
		goto inhdr_error;
	skb_trim(skb, len);
	skb->transport_header = (u16)(skb->network_header + ihl * 4);
	memset(skb->cb, 0, sizeof(skb->cb));
	skb_orphan(skb);
	cs_trace(ip_rcv, skb, iph, IP_VERDICT_PASS);
	return ip_rcv_finish(skb);

inhdr_error:
	IP_INC_STATS(net, INHDRERRORS);
	return ip_rcv_drop(skb, skb->len >= sizeof(struct iphdr) ? ip_hdr(skb) : &ip_zero_hdr,
			   IP_VERDICT_HDR_ERROR);
}
