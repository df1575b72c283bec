// SPDX-License-Identifier: GPL-2.0-only
/*
 * eth.c - Ethernet framing (net/ethernet/eth.c, Linux 3.10): the header a
 * frame gets on the way out, and the classification of a frame on the way
 * in (for us, broadcast, multicast, or another host's).
 */
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"

#define ETH_P_802_3 0x0001
#define ETH_P_802_2 0x0004
#define ETH_P_802_3_MIN 0x0600

static const u8 eth_broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* eth_header - push the Ethernet header: @type, source @saddr (default the
 * device's), destination @daddr.  With no destination, loopback and NOARP
 * devices get zeros; others return -ETH_HLEN ("rebuild later"). */
int eth_header(struct sk_buff *skb, const struct net_device *dev, u16 type,
	       const u8 *daddr, const u8 *saddr)
{
	struct ethhdr *eth = (struct ethhdr *)(void *)skb_push(skb, ETH_HLEN);

	if (type != ETH_P_802_3 && type != ETH_P_802_2)
		eth->h_proto = htons(type);
	else
		eth->h_proto = htons((u16)(skb->len - ETH_HLEN));
	memcpy(eth->h_source, saddr ? saddr : dev->dev_addr, ETH_ALEN);
	if (daddr) {
		memcpy(eth->h_dest, daddr, ETH_ALEN);
		return ETH_HLEN;
	}
	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		memset(eth->h_dest, 0, ETH_ALEN);
		return ETH_HLEN;
	}
	return -ETH_HLEN;
}

/* eth_type_trans - a received frame on @dev: set the MAC header, pull it,
 * set pkt_type from the destination (broadcast, multicast, ours or another
 * host's) and return the protocol (host order).  Frames below the 802.3
 * length limit are 802.3 raw (IPX) or 802.2 LLC.  skb->dev is set to @dev
 * and skb_iif to its index. */
u16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	const struct ethhdr *eth;
	u16 proto;

	skb->dev = dev;
	skb->skb_iif = dev->ifindex;
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	eth = eth_hdr(skb);
	if (eth->h_dest[0] & 1) {
		if (!(dev->flags & IFF_LOOPBACK) &&
		    memcmp(eth->h_dest, eth_broadcast, ETH_ALEN) == 0)
			skb->pkt_type = PACKET_BROADCAST;
		else
			skb->pkt_type = PACKET_MULTICAST;
	} else if (memcmp(eth->h_dest, dev->dev_addr, ETH_ALEN) != 0) {
		skb->pkt_type = PACKET_OTHERHOST;
	}
	proto = ntohs(eth->h_proto);
	if (proto >= ETH_P_802_3_MIN)
		return proto;
	if (skb->len >= 2 && skb->data[0] == 0xff && skb->data[1] == 0xff)
		return ETH_P_802_3;
	return ETH_P_802_2;
}
