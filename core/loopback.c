// SPDX-License-Identifier: GPL-2.0-only
/*
 * loopback.c - the loopback device "lo" (drivers/net/loopback.c, Linux
 * 3.10): index 1, MTU 64 KiB, no ARP, address 00:00:00:00:00:00.  What it
 * transmits comes straight back through the receive path: loopback_xmit
 * classifies the frame (eth_type_trans) and queues it with netif_rx for the
 * next NET_RX pass.  The route stays attached (lo does not release the dst
 * on transmit), so ip_rcv_finish delivers with the output route and no
 * input lookup, as in the kernel.
 */
#include <string.h>
#include "net.h"

/* loopback_setup + register: the per-stack lo device and its backlog. */
void loopback_net_init(struct net *net)
{
	struct net_device *lo = &net->loopback_dev;

	memset(lo, 0, sizeof(*lo));
	strcpy(lo->name, "lo");
	lo->ifindex = LOOPBACK_IFINDEX;
	lo->mtu = 64 * 1024;
	lo->flags = IFF_UP | IFF_LOOPBACK;
	lo->up = true;
	pthread_mutex_init(&net->lo_lock, NULL);
	skb_queue_head_init(&net->lo_backlog);
}

/* Free what is still queued on the backlog. */
void loopback_net_exit(struct net *net)
{
	pthread_mutex_lock(&net->lo_lock);
	__skb_queue_purge(&net->lo_backlog);
	pthread_mutex_unlock(&net->lo_lock);
	pthread_mutex_destroy(&net->lo_lock);
}

/* loopback_xmit - the frame stops belonging to its sender (skb_orphan)
 * and is received on lo.  Always NETDEV_TX_OK (0). */
int loopback_xmit(struct sk_buff *skb)
{
	skb_orphan(skb);
	skb->protocol = eth_type_trans(skb, &skb->net->loopback_dev);
	netif_rx(skb);
	return 0;
}
