// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_input.c - IPv4 input (net/ipv4/ip_input.c, Linux 3.10): check the
 * header (ip_rcv), route the packet and look at its options
 * (ip_rcv_finish, ip_rcv_options), and deliver what is for this host to
 * its protocol (ip_local_deliver, ip_local_deliver_finish).  Every drop is
 * counted under the name /proc/net/snmp and /proc/net/netstat give it.
 *
 * Not modelled: reassembly (ip_defrag, core/ip_fragment.c, counts a
 * fragment and drops it), raw sockets, netfilter and IPsec (their hooks
 * accept everything), and TCP early demux (an optimisation that changes
 * nothing visible).
 */
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "tcp.h"
#include "trace.h"

/* The protocols of this stack (net/ipv4/protocol.c's inet_protos, which
 * inet_init fills from af_inet.c's tcp_protocol and icmp_protocol). */
static const struct net_protocol tcp_protocol = {
	.handler = tcp_v4_rcv,
	.err_handler = tcp_v4_err,
};

static const struct net_protocol icmp_protocol = {
	.handler = icmp_rcv,
};

const struct net_protocol *const inet_protos[MAX_INET_PROTOS] = {
	[IPPROTO_ICMP_] = &icmp_protocol,
	[IPPROTO_TCP_] = &tcp_protocol,
};

/* ip_local_deliver_finish - strip the IP header and hand the payload to
 * its protocol's handler (a negative return asks for another protocol),
 * counted in InDelivers.  A protocol with no handler, and no raw socket,
 * counts InUnknownProtos and answers with a protocol unreachable. */
static int ip_local_deliver_finish(struct sk_buff *skb)
{
	struct net *net = skb->net;

	skb_pull(skb, ip_hdrlen(skb));

	{
		int protocol = ip_hdr(skb)->protocol;
		const struct net_protocol *ipprot;

	resubmit:
		ipprot = inet_protos[protocol];
		cs_trace(ip_local_deliver, skb, protocol, ipprot);
		if (ipprot != NULL) {
			int ret;

			ret = ipprot->handler(skb);
			if (ret < 0) {
				protocol = -ret;
				goto resubmit;
			}
			IP_INC_STATS_BH(net, INDELIVERS);
		} else {
			IP_INC_STATS_BH(net, INUNKNOWNPROTOS);
			icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
			kfree_skb(skb);
		}
	}

	return 0;
}

/* ip_local_deliver - a packet for this host: fragments go to ip_defrag
 * first, then the LOCAL_IN hook (which accepts) and delivery. */
int ip_local_deliver(struct sk_buff *skb)
{
	/* A fragment goes to reassembly first. */

	if (ip_is_fragment(ip_hdr(skb))) {
		if (ip_defrag(skb, IP_DEFRAG_LOCAL_DELIVER))
			return 0;
	}

	return ip_local_deliver_finish(skb);
}

/* ip_rcv_options - compile the options into IPCB(skb)->opt: a malformed
 * one counts InHdrErrors (ip_options_compile has sent the parameter
 * problem); a source route is refused, as accept_source_route is 0 (so
 * ip_options_rcv_srr is never reached).  Returns true to drop.  3.10
 * first unshares the header (skb_cow); connscope's buffers are its own. */
static inline bool ip_rcv_options(struct sk_buff *skb)
{
	struct ip_options *opt;
	struct net *net = skb->net;

	opt = &(IPCB(skb)->opt);
	opt->optlen = (unsigned char)(ip_hdrlen(skb) - sizeof(struct iphdr));

	if (ip_options_compile(net, opt, skb)) {
		IP_INC_STATS_BH(net, INHDRERRORS);
		goto drop;
	}

	if (opt->srr) {
		/* !IN_DEV_SOURCE_ROUTE: accept_source_route is 0, and no
		 * martian is logged. */
		goto drop;
	}

	return false;
drop:
	return true;
}

/* ip_rcv_finish - give the packet its input route (unless it came over
 * loopback with its output route still attached), look at its options,
 * and pass it to the route's input: ip_local_deliver or ip_error. */
static int ip_rcv_finish(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);

	/* Set up the route the packet takes inside the stack. */
	if (!skb_rtable(skb)) {
		int err = ip_route_input_noref(skb, iph->daddr, iph->saddr,
					       iph->tos, skb->dev);
		if (err)
			goto drop;
	}

	if ((iph->ihl_version & 0x0f) > 5 && ip_rcv_options(skb))
		goto drop;

	return dst_input(skb);

drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}

/* ip_rcv - the IPv4 receive routine (skb->data at the IP header).  A frame
 * for another host is dropped unlooked at; then InReceives and the RFC
 * 1122 checks: room for a header, version 4 and IHL >= 5, the whole header
 * there, its checksum (RFC 1122 3.2.1.2: a bad one is dropped silently),
 * the total length against the frame and the IHL.  Link-layer padding is
 * trimmed and the PRE_ROUTING hook (which accepts) leads to
 * ip_rcv_finish. */
int ip_rcv(struct sk_buff *skb)
{
	struct net *net = skb->net;
	const struct iphdr *iph;
	u32 len;

	/* A frame for another host (promiscuous mode): not analysed. */
	if (skb->pkt_type == PACKET_OTHERHOST)
		goto drop;

	IP_INC_STATS_BH(net, INRECEIVES);

	/* pskb_may_pull: the buffer is linear. */
	if (skb->len < sizeof(struct iphdr))
		goto inhdr_error;

	iph = ip_hdr(skb);

	/* Acceptable: at least a header long, version 4, a right checksum,
	 * no bogus length. */
	if ((iph->ihl_version & 0x0f) < 5 || (iph->ihl_version >> 4) != 4)
		goto inhdr_error;

	if (skb->len < ip_hdrlen(skb))
		goto inhdr_error;

	iph = ip_hdr(skb);

	if (ip_fast_csum(iph, iph->ihl_version & 0x0f))
		goto csum_error;

	len = ntohs(iph->tot_len);
	if (skb->len < len) {
		IP_INC_STATS_BH(net, INTRUNCATEDPKTS);
		goto drop;
	} else if (len < ip_hdrlen(skb))
		goto inhdr_error;

	/* The link may have padded the frame: trim it to the IP length, so
	 * that skb->len is tot_len from here on. */
	skb_trim(skb, len);

	skb->transport_header = (u16)(skb->network_header + ip_hdrlen(skb));

	/* Clear what earlier layers left in the control block (3.10 clears
	 * IPCB's part of it). */
	memset(skb->cb, 0, sizeof(skb->cb));

	/* The socket goes now (tproxy). */
	skb_orphan(skb);

	cs_trace(ip_rcv, skb);
	return ip_rcv_finish(skb);

csum_error:
	IP_INC_STATS_BH(net, INCSUMERRORS);
inhdr_error:
	IP_INC_STATS_BH(net, INHDRERRORS);
drop:
	cs_trace(ip_rcv, skb);
	kfree_skb(skb);
	return NET_RX_DROP;
}
