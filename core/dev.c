// SPDX-License-Identifier: GPL-2.0-only
/*
 * dev.c - the device layer (net/core/dev.c, Linux 3.10): frames in from
 * the NIC or the loopback backlog (the NET_RX softirq, net_rx_action), the
 * dispatch of each frame to its protocol (__netif_receive_skb), and frames
 * out to a device (dev_queue_xmit).
 *
 * Frames leave exactly as built: no padding to ETH_ZLEN.  This is what a
 * veth (the lab's link) carries: veth_xmit forwards the skb as is, and the
 * peer (or an AF_PACKET capture on it) sees 42-byte ARP frames and 54-byte
 * bare TCP segments.  Physical NICs pad short frames in the driver or in
 * hardware; that is below what connscope models.
 */
#include <errno.h>
#include <time.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "nic.h"
#include "tcp.h"
#include "softirq.h"
#include "trace.h"

#define NET_RX_SUCCESS 0
#define NET_RX_DROP 1
#define NETDEV_MAX_BACKLOG 1000		/* net.core.netdev_max_backlog */
#define NET_SKB_PAD 64			/* max(32, L1_CACHE_BYTES) */
#define VLAN_HLEN 4
#define BUSY_POLL_US 50			/* sk_busy_loop's bound (net.core.busy_read) */
#define BUSY_POLL_BUDGET 1		/* frames per sk_busy_loop poll (3.11's drivers: 4) */

/* __netif_receive_skb - hand a frame (skb->data past the Ethernet header,
 * skb->protocol set by eth_type_trans) to its protocol: IPv4 to ip_rcv,
 * ARP to arp_rcv.  Any other protocol has no handler: the device counts
 * it as rx_dropped and the frame is freed.  Softirq context. */
static int __netif_receive_skb(struct sk_buff *skb)
{
	skb_reset_network_header(skb);
	skb_reset_transport_header(skb);
	cs_trace(netif_receive_skb, skb);
	switch (skb->protocol) {
	case ETH_P_IP:
		return ip_rcv(skb);
	case ETH_P_ARP:
		return arp_rcv(skb);
	default:
		NET_INC_STATS(skb->net, CS_RXDROPNOTIP);
		kfree_skb(skb);
		return NET_RX_DROP;
	}
}

/* netif_receive_skb - process a received frame now (softirq context). */
int netif_receive_skb(struct sk_buff *skb)
{
	return __netif_receive_skb(skb);
}

/* netif_rx - queue a frame to the backlog (the loopback device's path) and
 * raise NET_RX: the softirq thread is woken.  A frame is queued while the
 * backlog holds no more than netdev_max_backlog frames (enqueue_to_backlog:
 * so at most one more than that); beyond, it is dropped. */
int netif_rx(struct sk_buff *skb)
{
	struct net *net = skb->net;
	int ret = NET_RX_SUCCESS;

	pthread_mutex_lock(&net->lo_lock);
	if (skb_queue_len(&net->lo_backlog) > NETDEV_MAX_BACKLOG)
		ret = NET_RX_DROP;
	else
		__skb_queue_tail(&net->lo_backlog, skb);
	pthread_mutex_unlock(&net->lo_lock);
	if (ret == NET_RX_DROP) {
		NET_INC_STATS(net, CS_RXDROPNOTIP);
		kfree_skb(skb);
		return ret;
	}
	if (net->nic)
		net->nic->ops->wake(net->nic);
	return ret;
}

/* process_backlog - the backlog's NAPI poll: up to @quota queued frames. */
static int process_backlog(struct net *net, int quota)
{
	int work = 0;

	while (work < quota) {
		struct sk_buff *skb;

		pthread_mutex_lock(&net->lo_lock);
		skb = __skb_dequeue(&net->lo_backlog);
		pthread_mutex_unlock(&net->lo_lock);
		if (!skb)
			break;
		__netif_receive_skb(skb);
		work++;
	}
	return work;
}

/* cs_nic_poll - the driver's NAPI poll: read up to @quota frames from the NIC
 * into new buffers (netdev_alloc_skb: NET_SKB_PAD of headroom, room for the
 * MTU plus Ethernet and VLAN headers) and receive each.  Runts shorter
 * than an Ethernet header are dropped, as a driver would.  Frames the NIC
 * lost to a full receive ring are counted (a driver's rx_missed_errors).
 * A buffer that received nothing stays posted for the next poll
 * (net->rx_spare), as a driver's receive descriptor keeps its buffer. */
static int cs_nic_poll(struct net *net, int quota)
{
	unsigned int room = net->dev.mtu + ETH_HLEN + VLAN_HLEN;
	int work = 0;

	while (work < quota && net->nic) {
		struct sk_buff *skb = net->rx_spare;
		long n;

		net->rx_spare = NULL;
		if (!skb) {
			skb = alloc_skb(room + NET_SKB_PAD);
			if (!skb)
				break;
			skb_reserve(skb, NET_SKB_PAD);
		}
		n = nic_recv(net->nic, skb->data, room);
		if (n <= 0) {
			net->rx_spare = skb;
			break;
		}
		work++;
		skb_put(skb, (unsigned int)n);
		skb->net = net;
		if (n < ETH_HLEN) {
			NET_INC_STATS(net, CS_RXDROPNOTIP);
			kfree_skb(skb);
			continue;
		}
		skb->protocol = eth_type_trans(skb, &net->dev);
		netif_receive_skb(skb);
	}
	if (net->nic && net->nic->rx_missed) {
		NET_ADD_STATS(net, CS_RXMISSED, net->nic->rx_missed);
		cs_trace(nic_rx_missed, net->dev.ifindex, net->nic->rx_missed,
			 atomic_load(&net->mib.v[MIB_CS_RXMISSED]));
		net->nic->rx_missed = 0;
	}
	return work;
}

/* net_rx_action - the NET_RX softirq: the loopback backlog, then the NIC,
 * within @budget frames in all.  Softirq context (the caller serialises
 * softirq work).  Returns how many frames were processed. */
int net_rx_action(struct net *net, int budget)
{
	int work = process_backlog(net, budget);

	if (work < budget)
		work += cs_nic_poll(net, budget - work);
	return work;
}

/* CLOCK_MONOTONIC in ns (3.11's busy_loop_us_clock): sk_busy_loop's bound
 * is real time, whatever the stack's clock. */
static long long cs_busy_loop_clock(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * sk_busy_loop - busy-poll the NIC for a socket waiting in the handshake
 * (Linux 3.11's net.core.busy_read, here BUSY_POLL_US of real time): NAPI
 * polls of BUSY_POLL_BUDGET frames in the calling thread (3.11's
 * ndo_busy_poll), each when the softirq role is free (3.10's in_interrupt()
 * test: softirq work already runs elsewhere), until the socket leaves
 * SYN_SENT/SYN_RECV or the time is up.  3.10 handles the SYN-ACK in the
 * connecting task (a veth runs the peer's softirq within our send); this
 * keeps it there instead of a hand-off to the softirq thread, and, one
 * frame at a time, stops at it: what came after it (the peer's FIN of the
 * connection before) is left to the softirq thread, as 3.10 handles that
 * FIN on the peer's CPU.  While a thread busy-polls, the softirq thread
 * leaves the NIC to it (net->busy_poll; later kernels'
 * NAPI_STATE_IN_BUSY_POLL): a softirq thread woken by the same frame would
 * take the role, and be descheduled holding it.  Called without the socket
 * lock.
 */
void sk_busy_loop(struct sock *sk)
{
	struct net *net = sock_net(sk);
	long long end = cs_busy_loop_clock() + BUSY_POLL_US * 1000LL;

	atomic_fetch_add(&net->busy_poll, 1);
	do {
		if (!pthread_mutex_trylock(&net->softirq_lock)) {
			__local_bh_disable(SOFTIRQ_OFFSET);
			net_rx_action(net, BUSY_POLL_BUDGET);
			__local_bh_enable(SOFTIRQ_OFFSET);
			pthread_mutex_unlock(&net->softirq_lock);
		}
		if (!((1 << READ_ONCE(sk->sk_state)) & (TCPF_SYN_SENT | TCPF_SYN_RECV)))
			break;
	} while (cs_busy_loop_clock() < end);
	atomic_fetch_sub(&net->busy_poll, 1);
}

/* dev_queue_xmit - send a finished frame (skb->data at the Ethernet
 * header) on skb->dev: the loopback device queues it back to ourselves,
 * the interface hands it to the NIC.  Like veth_xmit, a frame the NIC
 * refuses is counted as dropped and the call still succeeds.  Consumes
 * the skb; returns NET_XMIT_SUCCESS. */
int dev_queue_xmit(struct sk_buff *skb)
{
	struct net *net = skb->net;
	int err;

	cs_trace(dev_queue_xmit, skb);
	if (skb->dev->flags & IFF_LOOPBACK)
		return loopback_xmit(skb);
	err = net->nic ? nic_xmit(net->nic, skb->data, skb->len) : -ENETDOWN;
	if (err)
		NET_INC_STATS(net, CS_TXDROPPED);
	consume_skb(skb);
	return NET_XMIT_SUCCESS;
}
