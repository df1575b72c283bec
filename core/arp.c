// SPDX-License-Identifier: GPL-2.0-only
/*
 * arp.c - the Address Resolution Protocol (net/ipv4/arp.c, Linux 3.10):
 * how a new neighbour entry is set up, how it is solicited, what happens to
 * frames it could not deliver, and how received requests and replies are
 * answered and learnt.
 *
 * Defaults of 3.10 that shape the behaviour: arp_announce 0 (announce the
 * source of the waiting packet), arp_ignore 0 (answer for any local
 * address), arp_accept 0 (a reply or gratuitous ARP never creates an
 * entry, it only updates one that exists), forwarding off (no proxy ARP).
 */
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "trace.h"

#define ARPHRD_ETHER 1
#define ARPHRD_IEEE802 6
#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2

struct arphdr {
	__be16 ar_hrd;
	__be16 ar_pro;
	u8 ar_hln;
	u8 ar_pln;
	__be16 ar_op;
} __attribute__((packed));

/* The Ethernet/IPv4 ARP packet: header plus two (MAC, IPv4) pairs. */
#define ARP_HDR_LEN (sizeof(struct arphdr) + 2 * (ETH_ALEN + 4))
/* LL_RESERVED_SPACE of an Ethernet device: 14 rounded up to 16. */
#define ETH_LL_RESERVED 16

static const u8 eth_bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* arp_hdr (include/linux/if_arp.h): the ARP header at the network header. */
static inline struct arphdr *arp_hdr(const struct sk_buff *skb)
{
	return (struct arphdr *)(void *)skb_network_header(skb);
}

static void arp_solicit(struct neighbour *n, struct sk_buff *skb);
static void arp_error_report(struct neighbour *n, struct sk_buff *skb);

/* arp_generic_ops: the ops of a device without an hh cache (3.10 gives
 * Ethernet arp_hh_ops, whose fast path is the cached header; connscope
 * builds the header for each frame, as arp_generic_ops does). */
static const struct neigh_ops arp_generic_ops = {
	.solicit = arp_solicit,
	.error_report = arp_error_report,
	.output = neigh_resolve_output,
	.connected_output = neigh_connected_output,
};

/* arp_hash - the table's hash of an address on a device (3.10 multiplies
 * by a random hash_rnd; here the address and ifindex are folded). */
u32 arp_hash(__be32 key, const struct net_device *dev)
{
	u32 h = (u32)key ^ (u32)dev->ifindex;

	h ^= h >> 16;
	h ^= h >> 8;
	return h;
}

/* arp_mc_map - the Ethernet group address of an IPv4 multicast address. */
static void arp_mc_map(__be32 addr, u8 *buf)
{
	u32 a = ntohl(addr);

	buf[0] = 0x01;
	buf[1] = 0x00;
	buf[2] = 0x5e;
	buf[3] = (u8)((a >> 16) & 0x7f);
	buf[4] = (u8)(a >> 8);
	buf[5] = (u8)a;
}

/* arp_constructor - set up a new entry: multicast, NOARP or loopback, and
 * broadcast destinations need no ARP (NUD_NOARP with the address they
 * map to); the rest start unresolved. */
int arp_constructor(struct neighbour *neigh)
{
	__be32 addr = neigh->primary_key;
	struct net_device *dev = neigh->dev;

	neigh->type = (u16)inet_addr_type(dev_net(dev), addr);

	if (neigh->type == RTN_MULTICAST) {
		neigh->nud_state = NUD_NOARP;
		arp_mc_map(addr, neigh->ha);
	} else if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		neigh->nud_state = NUD_NOARP;
		memcpy(neigh->ha, dev->dev_addr, ETH_ALEN);
	} else if (neigh->type == RTN_BROADCAST) {
		neigh->nud_state = NUD_NOARP;
		memcpy(neigh->ha, eth_bcast, ETH_ALEN);
	}

	neigh->ops = &arp_generic_ops;

	if (neigh->nud_state & NUD_VALID)
		neigh->output = neigh->ops->connected_output;
	else
		neigh->output = neigh->ops->output;
	return 0;
}

/* arp_error_report - the entry failed: dst_link_failure on the waiting
 * packet (ICMP host unreachable to its sender), then free it. */
static void arp_error_report(struct neighbour *n, struct sk_buff *skb)
{
	(void)n;
	if (skb_rtable(skb))
		ipv4_link_failure(skb);
	kfree_skb(skb);
}

/* arp_solicit - send one request for the entry.  The source announced is
 * the waiting packet's if it is ours (arp_announce 0), else one chosen for
 * the target.  The first ucast_probes probes of a known entry go unicast
 * to its old address; a resolving entry's go broadcast. */
static void arp_solicit(struct neighbour *neigh, struct sk_buff *skb)
{
	__be32 saddr = 0;
	u8 dst_ha[ETH_ALEN];
	const u8 *dst_hw = NULL;
	struct net_device *dev = neigh->dev;
	__be32 target = neigh->primary_key;
	int probes = atomic_load(&neigh->probes);

	/* arp_announce 0: announce any local address */
	if (skb && inet_addr_type(dev_net(dev), ip_hdr(skb)->saddr) == RTN_LOCAL)
		saddr = ip_hdr(skb)->saddr;

	if (!saddr)
		saddr = inet_select_addr(dev_net(dev), dev, target, RT_SCOPE_LINK);

	/* the counts are any int: the difference wraps, as 3.10's */
	probes = (int)((u32)probes - (u32)neigh->net->sysctl.neigh_ucast_probes);
	if (probes < 0) {
		neigh_ha_snapshot(dst_ha, neigh);
		dst_hw = dst_ha;
	} else {
		probes -= neigh->parms->app_probes;
		if (probes < 0)
			return;		/* neigh_app_ns: no arpd */
	}

	arp_send(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr,
		 dst_hw, dev->dev_addr, NULL);
}

/* arp_create - build an ARP packet in a new skb: the Ethernet header to
 * @dest_hw (broadcast when NULL) from @src_hw, then hrd/pro/hln/pln/op,
 * the sender (@src_hw, @src_ip) and the target (@target_hw or zeros,
 * @dest_ip). */
static struct sk_buff *arp_create(int type, u16 ptype, __be32 dest_ip,
				  struct net_device *dev, __be32 src_ip,
				  const u8 *dest_hw, const u8 *src_hw,
				  const u8 *target_hw)
{
	struct sk_buff *skb;
	struct arphdr *arp;
	unsigned char *arp_ptr;
	int hlen = ETH_LL_RESERVED;

	/* Room for the link header, then the ARP packet. */
	skb = alloc_skb(ARP_HDR_LEN + (unsigned int)hlen);
	if (skb == NULL)
		return NULL;

	skb->net = dev_net(dev);
	skb_reserve(skb, (unsigned int)hlen);
	skb_reset_network_header(skb);
	arp = (struct arphdr *)(void *)skb_put(skb, ARP_HDR_LEN);
	skb->dev = dev;
	skb->protocol = ETH_P_ARP;
	if (src_hw == NULL)
		src_hw = dev->dev_addr;
	if (dest_hw == NULL)
		dest_hw = eth_bcast;

	/* The device header of the ARP frame */
	if (eth_header(skb, dev, ptype, dest_hw, src_hw) < 0)
		goto out;

	/* The ARP part: an Ethernet device's hardware type */
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons((u16)type);

	arp_ptr = (unsigned char *)(arp + 1);

	memcpy(arp_ptr, src_hw, ETH_ALEN);
	arp_ptr += ETH_ALEN;
	memcpy(arp_ptr, &src_ip, 4);
	arp_ptr += 4;
	if (target_hw != NULL)
		memcpy(arp_ptr, target_hw, ETH_ALEN);
	else
		memset(arp_ptr, 0, ETH_ALEN);
	arp_ptr += ETH_ALEN;
	memcpy(arp_ptr, &dest_ip, 4);

	return skb;

out:
	kfree_skb(skb);
	return NULL;
}

/* arp_xmit - send it off (the ARP_OUT hook accepts everything). */
static void arp_xmit(struct sk_buff *skb)
{
	dev_queue_xmit(skb);
}

/* arp_send - create and send an ARP packet.  Nothing on NOARP devices. */
void arp_send(int type, u16 ptype, __be32 dest_ip, struct net_device *dev,
	      __be32 src_ip, const u8 *dest_hw, const u8 *src_hw,
	      const u8 *target_hw)
{
	struct sk_buff *skb;

	/* No ARP on this interface. */
	if (dev->flags & IFF_NOARP)
		return;

	skb = arp_create(type, ptype, dest_ip, dev, src_ip,
			 dest_hw, src_hw, target_hw);
	if (skb == NULL)
		return;

	/* The trace: the packet as it leaves. */
	cs_trace(arp_send, type, src_ip, dest_ip, skb);
	arp_xmit(skb);
}

/* arp_process - handle a received ARP packet (arp_rcv checked the header
 * and that the device does ARP).  Reply to a request for one of our
 * addresses, learning the asker (its address is probably not cached yet,
 * and it is about to talk to us); otherwise take from the packet only an
 * update of an entry we already have (arp_accept 0).  No proxy ARP:
 * forwarding is off.  Always consumes the skb. */
static int arp_process(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct arphdr *arp;
	unsigned char *arp_ptr;
	struct rtable *rt;
	unsigned char *sha;
	__be32 sip, tip;
	int addr_type;
	struct neighbour *n;
	struct net *net = dev_net(dev);

	arp = arp_hdr(skb);

	/* Ethernet devices accept the hardware types Ethernet (1) and
	 * IEEE 802.2 (6). */
	if ((arp->ar_hrd != htons(ARPHRD_ETHER) &&
	     arp->ar_hrd != htons(ARPHRD_IEEE802)) ||
	    arp->ar_pro != htons(ETH_P_IP))
		goto out;

	/* Requests and replies only. */
	if (arp->ar_op != htons(ARPOP_REPLY) &&
	    arp->ar_op != htons(ARPOP_REQUEST))
		goto out;

	/* The sender's and the target's addresses. */
	arp_ptr = (unsigned char *)(arp + 1);
	sha = arp_ptr;
	arp_ptr += ETH_ALEN;
	memcpy(&sip, arp_ptr, 4);
	arp_ptr += 4;
	arp_ptr += ETH_ALEN;
	memcpy(&tip, arp_ptr, 4);
	/* Requests for multicast or 127.x.x.x addresses are bad: drop them
	 * (route_localnet 0). */
	if (ipv4_is_multicast(tip) || ipv4_is_loopback(tip))
		goto out;

	/* Special case: IPv4 duplicate address detection (RFC 2131) */
	if (sip == 0) {
		if (arp->ar_op == htons(ARPOP_REQUEST) &&
		    inet_addr_type(net, tip) == RTN_LOCAL)
			arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
				 dev->dev_addr, sha);
		goto out;
	}

	if (arp->ar_op == htons(ARPOP_REQUEST) &&
	    ip_route_input_noref(skb, tip, sip, 0, dev) == 0) {

		rt = skb_rtable(skb);
		addr_type = rt->rt_type;

		if (addr_type == RTN_LOCAL) {
			/* arp_ignore 0, arp_filter 0: always answer */
			n = neigh_event_ns(&net->arp_tbl, sha, sip, dev);
			if (n) {
				arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip,
					 sha, dev->dev_addr, sha);
				neigh_release(n);
			}
			goto out;
		}
	}

	/* Otherwise learn from the packet, for an entry we already have. */

	n = __neigh_lookup(&net->arp_tbl, sip, dev, 0);

	if (n) {
		int state = NUD_REACHABLE;
		int override;

		/* Of several different replies back-to-back, the FIRST one
		 * wins (several proxies may answer): no thrashing, and the
		 * fastest router.  n->updated is read under n->lock. */
		pthread_mutex_lock(&n->lock);
		override = time_after(net_jiffies(net), n->updated + n->parms->locktime);
		pthread_mutex_unlock(&n->lock);

		/* Broadcast replies and requests do not prove that the
		 * neighbour is reachable. */
		if (arp->ar_op != htons(ARPOP_REPLY) ||
		    skb->pkt_type != PACKET_HOST)
			state = NUD_STALE;
		neigh_update(n, sha, (u8)state, override ? NEIGH_UPDATE_F_OVERRIDE : 0);
		neigh_release(n);
	}

out:
	/* The trace reads the packet: op, addresses, sender MAC. */
	cs_trace(arp_rcv, skb);
	consume_skb(skb);
	return 0;
}

/* arp_rcv - an ARP frame from the device layer (skb->data at the ARP
 * header).  The frame is not shared (3.10's skb_share_check, and its
 * out_of_mem: exit, have nothing to do) and linear (pskb_may_pull is a
 * length test); the ARP_IN hook accepts everything. */
int arp_rcv(struct sk_buff *skb)
{
	const struct arphdr *arp;

	if ((skb->dev->flags & IFF_NOARP) ||
	    skb->pkt_type == PACKET_OTHERHOST)
		goto freeskb;

	/* The header and both (MAC, IPv4) pairs must be there. */
	if (skb->len < ARP_HDR_LEN)
		goto freeskb;

	arp = arp_hdr(skb);
	if (arp->ar_hln != ETH_ALEN || arp->ar_pln != 4)
		goto freeskb;

	return arp_process(skb);

freeskb:
	kfree_skb(skb);
	return 0;
}
