// SPDX-License-Identifier: GPL-2.0-only
/*
 * icmp.c - ICMP (net/ipv4/icmp.c, Linux 3.10): receiving messages (errors
 * about our packets go to the transport protocol, echo requests are
 * answered) and sending errors about packets we could not deliver
 * (icmp_send: host unreachable when ARP fails, protocol unreachable,
 * parameter problem, fragmentation needed).  icmp_pointers[] says, per
 * type, which handler takes a message and whether the type is an error.
 *
 * Defaults of 3.10: icmp_echo_ignore_all 0, icmp_echo_ignore_broadcasts 1,
 * icmp_ignore_bogus_error_responses 1, icmp_ratelimit 1000 ms for the
 * types in icmp_ratemask 0x1818 (unreachable, source quench, time
 * exceeded, parameter problem), icmp_errors_use_inbound_ifaddr 0.  The ICMP
 * socket sends without DF (pmtudisc DONT), so its packets take their IP ID
 * from the destination's inet_peer.  Timestamp requests are not answered
 * (icmp_discard); there are no ping or raw sockets.
 */
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "tcp.h"
#include "trace.h"

#define ICMP_RATEMASK 0x1818		/* net.ipv4.icmp_ratemask */
#define ICMP_RATELIMIT_MS 1000		/* net.ipv4.icmp_ratelimit */
#define ICMP_ECHO_IGNORE_ALL 0		/* net.ipv4.icmp_echo_ignore_all */
#define ICMP_ECHO_IGNORE_BROADCASTS 1	/* net.ipv4.icmp_echo_ignore_broadcasts */
#define ICMP_LL_RESERVED 16		/* LL_RESERVED_SPACE of the route's device */

/* The SNMP counters of include/net/icmp.h.  IcmpMsg has one counter per
 * type in 3.10; connscope keeps those of icmpmsg_mib_in/_out (0: none, the
 * enum's 0 being an Ip counter). */
#define ICMP_INC_STATS_BH(net, field) NET_INC_STATS(net, field)
#define ICMP_INC_STATS(net, field) NET_INC_STATS(net, field)
#define ICMPMSG_INC(net, tbl, type)						\
	do {									\
		if ((type) <= NR_ICMP_TYPES && (tbl)[type])			\
			atomic_fetch_add(&(net)->mib.v[(tbl)[type]], 1ULL);	\
	} while (0)
#define ICMPMSGIN_INC_STATS_BH(net, type) ICMPMSG_INC(net, icmpmsg_mib_in, type)
#define ICMPMSGOUT_INC_STATS(net, type) ICMPMSG_INC(net, icmpmsg_mib_out, type)

static const enum cs_mib_field icmpmsg_mib_in[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY] = MIB_ICMP_INECHOREPS,
	[ICMP_DEST_UNREACH] = MIB_ICMP_INDESTUNREACHS,
	[ICMP_SOURCE_QUENCH] = MIB_ICMP_INSRCQUENCHS,
	[ICMP_REDIRECT] = MIB_ICMP_INREDIRECTS,
	[ICMP_ECHO] = MIB_ICMP_INECHOS,
	[ICMP_TIME_EXCEEDED] = MIB_ICMP_INTIMEEXCDS,
	[ICMP_PARAMETERPROB] = MIB_ICMP_INPARMPROBS,
};

static const enum cs_mib_field icmpmsg_mib_out[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY] = MIB_ICMP_OUTECHOREPS,
	[ICMP_DEST_UNREACH] = MIB_ICMP_OUTDESTUNREACHS,
	[ICMP_PARAMETERPROB] = MIB_ICMP_OUTPARMPROBS,
};

/* What icmp_send and icmp_reply build: the ICMP header (data.icmph), then
 * data_len bytes of @skb from @offset.  @tos is what 3.10 sets in the ICMP
 * socket's inet->tos before sending. */
struct icmp_bxm {
	struct sk_buff *skb;
	int offset;
	unsigned int data_len;
	struct {
		struct icmphdr icmph;
	} data;
	unsigned int head_len;
	u8 tos;
};

/* ICMP control array: the handler of each type, and whether the type is
 * an error message (struct icmp_control; the table is at the end). */
struct icmp_control {
	void (*handler)(struct sk_buff *skb);
	short error;
};

static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1];

/* icmp_xmit_lock - take the ICMP socket's lock.  3.10 uses a per-CPU
 * socket and a trylock, which fails only when the output path reports a
 * link failure for an ICMP packet being sent on the same CPU; connscope
 * reports link failures from the neighbour timer only, never from inside
 * a send, so it waits for the stack's lock (the socket of whichever
 * thread sends). */
static inline bool icmp_xmit_lock(struct net *net)
{
	return pthread_mutex_lock(&net->icmp_sk_lock) == 0;
}

static inline void icmp_xmit_unlock(struct net *net)
{
	pthread_mutex_unlock(&net->icmp_sk_lock);
}

/* icmpv4_xrlim_allow - send an ICMP frame?  Never limit PMTU discovery
 * nor anything over loopback; the types of the ratemask are limited per
 * destination by its inet_peer token bucket. */
static inline bool icmpv4_xrlim_allow(struct net *net, struct rtable *rt,
				      struct flowi4 *fl4, int type, int code)
{
	bool rc = true;

	if (type > NR_ICMP_TYPES)
		goto out;

	/* PMTU discovery is not limited. */
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		goto out;

	/* Nor is loopback. */
	if (rt->rt_oif == LOOPBACK_IFINDEX)
		goto out;

	/* Limit the types the ratemask enables. */
	if ((1 << type) & ICMP_RATEMASK) {
		struct inet_peer *peer = inet_getpeer_v4(net, fl4->daddr, 1);

		rc = inet_peer_xrlim_allow(net, peer, ICMP_RATELIMIT_MS * HZ / 1000);
		if (peer)
			inet_putpeer(peer);
	}
out:
	return rc;
}

/* icmp_out_count - the SNMP counters of an ICMP message sent (3.10 calls
 * it from __ip_make_skb for the ICMP socket). */
void icmp_out_count(struct net *net, unsigned char type)
{
	ICMPMSGOUT_INC_STATS(net, type);
	ICMP_INC_STATS(net, ICMP_OUTMSGS);
}

/* icmp_push_reply - build and send the message.  3.10 appends header and
 * data to the ICMP socket (ip_append_data, icmp_glue_bits), sums them and
 * pushes the pending frames (ip_push_pending_frames: the IP header, TTL
 * from the route, no DF, ID from the peer, icmp_out_count); connscope has
 * no ICMP socket and builds the one linear skb those steps make. */
static void icmp_push_reply(struct icmp_bxm *icmp_param, struct flowi4 *fl4,
			    struct rtable **rt)
{
	struct net *net = (*rt)->net;
	unsigned int len = icmp_param->head_len + icmp_param->data_len;
	struct sk_buff *skb = alloc_skb(ICMP_LL_RESERVED + sizeof(struct iphdr) + len);
	struct icmphdr *icmph;
	struct iphdr *iph;

	if (!skb)
		return;
	skb->net = net;
	skb_reserve(skb, ICMP_LL_RESERVED + sizeof(struct iphdr));
	skb_reset_transport_header(skb);
	icmph = (struct icmphdr *)(void *)skb_put(skb, len);
	*icmph = icmp_param->data.icmph;
	memcpy((u8 *)icmph + icmp_param->head_len,
	       icmp_param->skb->data + icmp_param->offset, icmp_param->data_len);
	icmph->checksum = csum_fold(csum_partial(icmph, len, 0));
	skb_dst_set(skb, dst_clone(*rt));
	iph = (struct iphdr *)(void *)skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	iph->ihl_version = 0x45;
	iph->tos = icmp_param->tos;
	iph->frag_off = 0;
	iph->ttl = (u8)ip4_dst_hoplimit(*rt);
	iph->protocol = IPPROTO_ICMP_;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	__ip_select_ident(net, iph, 0);
	icmp_out_count(net, icmph->type);
	cs_trace(icmp_push_reply, icmph->type, icmph->code, fl4->saddr, fl4->daddr,
		 icmp_param->data_len);
	ip_local_out(skb);
}

/* icmp_reply - answer a request (echo): to its source, from the address
 * it was sent to (fib_compute_spec_dst), with its TOS.  No options are
 * echoed (ip_options_echo: see docs/divergences.md). */
static void icmp_reply(struct icmp_bxm *icmp_param, struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net *net = rt->net;
	struct flowi4 fl4;
	__be32 daddr, saddr;

	if (!icmp_xmit_lock(net))
		return;

	icmp_param->data.icmph.checksum = 0;

	icmp_param->tos = ip_hdr(skb)->tos;
	daddr = ip_hdr(skb)->saddr;
	saddr = fib_compute_spec_dst(skb);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	fl4.flowi4_tos = RT_TOS(ip_hdr(skb)->tos);
	fl4.flowi4_proto = IPPROTO_ICMP_;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		goto out_unlock;
	if (icmpv4_xrlim_allow(net, rt, &fl4, icmp_param->data.icmph.type,
			       icmp_param->data.icmph.code))
		icmp_push_reply(icmp_param, &fl4, &rt);
	ip_rt_put(rt);
out_unlock:
	icmp_xmit_unlock(net);
}

/* icmp_route_lookup - the route of an error: back to the offender's
 * source.  Without IPsec (xfrm_lookup finds no policy) this is the plain
 * output lookup. */
static struct rtable *icmp_route_lookup(struct net *net, struct flowi4 *fl4,
					const struct iphdr *iph, __be32 saddr, u8 tos)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = iph->saddr;
	fl4->saddr = saddr;
	fl4->flowi4_tos = RT_TOS(tos);
	fl4->flowi4_proto = IPPROTO_ICMP_;
	return __ip_route_output_key(net, fl4);
}

/*
 * icmp_send - send an ICMP error (@type, @code, @info in the header's
 * second word) about the IPv4 packet @skb_in to its source.  RFC 1122
 * 3.2.2: quote at least the IP header and 8 bytes (3.10 quotes as much as
 * fits in 576 bytes), never answer a multicast or broadcast address, link
 * or IP, and answer only the first fragment.
 */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	struct iphdr *iph;
	int room;
	struct icmp_bxm icmp_param;
	struct rtable *rt = skb_rtable(skb_in);
	struct flowi4 fl4;
	__be32 saddr;
	u8 tos;
	struct net *net;

	if (!rt)
		goto out;
	net = rt->net;

	/* Find the original header and check it is all there: icmp_send is
	 * called from odd places. */
	iph = ip_hdr(skb_in);

	if (skb_in->network_header + sizeof(*iph) > skb_in->tail)
		goto out;

	/* No replies to a link-level multicast or broadcast. */
	if (skb_in->pkt_type != PACKET_HOST)
		goto out;

	/* Nor to an IP-level one. */
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		goto out;

	/* Only fragment 0 is answered. */
	if (iph->frag_off & htons(IP_OFFSET))
		goto out;

	/* No ICMP error about an ICMP error. */
	if (icmp_pointers[type].error) {
		/* This is an error: is the offender one too? */
		if (iph->protocol == IPPROTO_ICMP_) {
			const u8 *itp = skb_network_header(skb_in) + (iph->ihl_version & 0x0f) * 4 +
					offsetof(struct icmphdr, type);

			if (itp + 1 > skb_in->data + skb_in->len)
				goto out;

			/* An unknown type counts as an error (not in the
			 * RFC, but the safe choice). */
			if (*itp > NR_ICMP_TYPES || icmp_pointers[*itp].error)
				goto out;
		}
	}

	if (!icmp_xmit_lock(net))
		return;

	/* The source address: the one the packet was sent to if it was for
	 * us; else (icmp_errors_use_inbound_ifaddr 0) the route's choice. */
	saddr = iph->daddr;
	if (!(rt->rt_flags & RTCF_LOCAL))
		saddr = 0;

	tos = icmp_pointers[type].error ? ((iph->tos & IPTOS_TOS_MASK) |
					   IPTOS_PREC_INTERNETCONTROL) :
					  iph->tos;

	/* The ICMP header. */
	memset(&icmp_param, 0, sizeof(icmp_param));
	icmp_param.data.icmph.type = (u8)type;
	icmp_param.data.icmph.code = (u8)code;
	icmp_param.data.icmph.un.gateway = info;
	icmp_param.data.icmph.checksum = 0;
	icmp_param.skb = skb_in;
	icmp_param.offset = skb_network_offset(skb_in);
	icmp_param.tos = tos;

	rt = icmp_route_lookup(net, &fl4, iph, saddr, tos);
	if (IS_ERR(rt))
		goto out_unlock;

	if (!icmpv4_xrlim_allow(net, rt, &fl4, type, code))
		goto ende;

	/* RFC 1812: as much as fits in 576 bytes. */
	room = (int)dst_mtu(rt);
	if (room > 576)
		room = 576;
	room -= sizeof(struct iphdr);
	room -= sizeof(struct icmphdr);

	icmp_param.data_len = (unsigned int)((int)skb_in->len - icmp_param.offset);
	if (icmp_param.data_len > (unsigned int)room)
		icmp_param.data_len = (unsigned int)room;
	icmp_param.head_len = sizeof(struct icmphdr);

	icmp_push_reply(&icmp_param, &fl4, &rt);
ende:
	ip_rt_put(rt);
out_unlock:
	icmp_xmit_unlock(net);
out:;
}

/* icmp_socket_deliver - pass an error to the protocol of the packet it
 * quotes (skb->data at the quoted IP header), once that header and 8
 * bytes of its payload are there, so that the handlers need not check:
 * TCP's tcp_v4_err (no raw sockets; ICMP has no error handler). */
static void icmp_socket_deliver(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	const struct net_protocol *ipprot;
	int protocol = iph->protocol;

	/* pskb_may_pull: the buffer is linear. */
	if (skb->len < (unsigned int)(iph->ihl_version & 0x0f) * 4 + 8)
		return;

	cs_trace(icmp_socket_deliver, skb, info);
	ipprot = inet_protos[protocol];
	if (ipprot && ipprot->err_handler)
		ipprot->err_handler(skb, info);
}

/* icmp_unreach - ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, ICMP_SOURCE_QUENCH
 * and ICMP_PARAMETERPROB: check the quoted header (only the IP header is
 * checked here; longer ones are the upper layers' business), work out
 * @info (the MTU of fragmentation needed, the pointer of a parameter
 * problem) and throw the message at the transport layer (RFC 1122 3.2.2.1,
 * 3.2.2.2). */
static void icmp_unreach(struct sk_buff *skb)
{
	const struct iphdr *iph;
	struct icmphdr *icmph;
	struct net *net;
	u32 info = 0;

	net = skb->net;

	/* An incomplete header? */
	if (skb->len < sizeof(struct iphdr))
		goto out_err;

	icmph = icmp_hdr(skb);
	iph = (const struct iphdr *)(void *)skb->data;

	if ((iph->ihl_version & 0x0f) < 5) /* a mangled header: drop */
		goto out_err;

	if (icmph->type == ICMP_DEST_UNREACH) {
		switch (icmph->code & 15) {
		case ICMP_NET_UNREACH:
		case ICMP_HOST_UNREACH:
		case ICMP_PROT_UNREACH:
		case ICMP_PORT_UNREACH:
			break;
		case ICMP_FRAG_NEEDED:
			if (!net->sysctl.ip_no_pmtu_disc)
				info = ntohs(icmph->un.frag.mtu);
			break;
		default:
			break;
		}
		if (icmph->code > NR_ICMP_UNREACH)
			goto out;
	} else if (icmph->type == ICMP_PARAMETERPROB)
		info = ntohl(icmph->un.gateway) >> 24;

	/* RFC 1122 3.2.2: the protocol is the quoted header's.  A bogus
	 * error to a broadcast is ignored before this test in 3.10 only when
	 * icmp_ignore_bogus_error_responses is 0; it is 1. */
	icmp_socket_deliver(skb, info);

out:
	return;
out_err:
	ICMP_INC_STATS_BH(net, ICMP_INERRORS);
	goto out;
}

/* icmp_redirect - pass the new gateway to the protocol. */
static void icmp_redirect(struct sk_buff *skb)
{
	if (skb->len < sizeof(struct iphdr)) {
		ICMP_INC_STATS_BH(skb->net, ICMP_INERRORS);
		return;
	}

	icmp_socket_deliver(skb, icmp_hdr(skb)->un.gateway);
}

/* icmp_echo - answer a ping (RFC 1122 3.2.2.6: an echo server MUST exist
 * and return the request's data) with the same id, sequence and data. */
static void icmp_echo(struct sk_buff *skb)
{
	if (!ICMP_ECHO_IGNORE_ALL) {
		struct icmp_bxm icmp_param;

		memset(&icmp_param, 0, sizeof(icmp_param));
		icmp_param.data.icmph = *icmp_hdr(skb);
		icmp_param.data.icmph.type = ICMP_ECHOREPLY;
		icmp_param.skb = skb;
		icmp_param.offset = 0;
		icmp_param.data_len = skb->len;
		icmp_param.head_len = sizeof(struct icmphdr);
		icmp_reply(&icmp_param, skb);
	}
}

/* icmp_discard - the types nothing is done with (and, here, the timestamp
 * request and the echo reply: no timestamp answers, no ping sockets). */
static void icmp_discard(struct sk_buff *skb)
{
	(void)skb;
}

/* icmp_rcv - an ICMP message for us (skb->data at the ICMP header): count
 * it, verify its checksum, count its type, drop unknown types (RFC 1122
 * 3.2.2: silently) and, sent to a broadcast or multicast address, all but
 * (unignored) echo and timestamp requests and the address messages; then
 * the type's handler.  Consumes the skb. */
int icmp_rcv(struct sk_buff *skb)
{
	struct icmphdr *icmph;
	struct rtable *rt = skb_rtable(skb);
	struct net *net = rt->net;

	ICMP_INC_STATS_BH(net, ICMP_INMSGS);

	/* CHECKSUM_NONE: __skb_checksum_complete. */
	if (csum_fold(csum_partial(skb->data, skb->len, 0)))
		goto csum_error;

	if (!skb_pull(skb, sizeof(*icmph)))
		goto error;

	icmph = icmp_hdr(skb);
	cs_trace(icmp_rcv, skb, icmph->type, icmph->code);

	ICMPMSGIN_INC_STATS_BH(net, icmph->type);
	/* 18 is the highest known type: anything else is dropped. */
	if (icmph->type > NR_ICMP_TYPES)
		goto error;

	/* Parse the message. */
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)) {
		/* RFC 1122 3.2.2.6 and 3.2.2.8: an echo or timestamp request
		 * to a broadcast MAY be ignored (a sysctl decides). */
		if ((icmph->type == ICMP_ECHO ||
		     icmph->type == ICMP_TIMESTAMP) &&
		    ICMP_ECHO_IGNORE_BROADCASTS) {
			goto error;
		}
		if (icmph->type != ICMP_ECHO &&
		    icmph->type != ICMP_TIMESTAMP &&
		    icmph->type != ICMP_ADDRESS &&
		    icmph->type != ICMP_ADDRESSREPLY) {
			goto error;
		}
	}

	icmp_pointers[icmph->type].handler(skb);

drop:
	kfree_skb(skb);
	return 0;
csum_error:
	ICMP_INC_STATS_BH(net, ICMP_INCSUMERRORS);
error:
	ICMP_INC_STATS_BH(net, ICMP_INERRORS);
	goto drop;
}

/* How each type is handled, and which types are errors. */
static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY] = { .handler = icmp_discard },	/* ping_rcv */
	[1] = { .handler = icmp_discard, .error = 1 },
	[2] = { .handler = icmp_discard, .error = 1 },
	[ICMP_DEST_UNREACH] = { .handler = icmp_unreach, .error = 1 },
	[ICMP_SOURCE_QUENCH] = { .handler = icmp_unreach, .error = 1 },
	[ICMP_REDIRECT] = { .handler = icmp_redirect, .error = 1 },
	[6] = { .handler = icmp_discard, .error = 1 },
	[7] = { .handler = icmp_discard, .error = 1 },
	[ICMP_ECHO] = { .handler = icmp_echo },
	[9] = { .handler = icmp_discard, .error = 1 },
	[10] = { .handler = icmp_discard, .error = 1 },
	[ICMP_TIME_EXCEEDED] = { .handler = icmp_unreach, .error = 1 },
	[ICMP_PARAMETERPROB] = { .handler = icmp_unreach, .error = 1 },
	[ICMP_TIMESTAMP] = { .handler = icmp_discard },	/* icmp_timestamp */
	[ICMP_TIMESTAMPREPLY] = { .handler = icmp_discard },
	[ICMP_INFO_REQUEST] = { .handler = icmp_discard },
	[ICMP_INFO_REPLY] = { .handler = icmp_discard },
	[ICMP_ADDRESS] = { .handler = icmp_discard },
	[ICMP_ADDRESSREPLY] = { .handler = icmp_discard },
};
