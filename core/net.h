/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * net.h - struct net: one stack instance, the user-space stand-in for a
 * network namespace (include/net/net_namespace.h) together with the globals
 * 3.10 keeps for all namespaces (tcp_hashinfo, net_secret, the port hint).
 */
#ifndef CS_NET_H
#define CS_NET_H

#include <pthread.h>
#include <stdatomic.h>
#include "types.h"
#include "mib.h"
#include "timer.h"
#include "sock.h"
#include "inet_hashtables.h"
#include "route.h"
#include "neighbour.h"
#include "sysctl.h"

struct nic;
struct cs_clock;
struct inet_peer;

/* struct net_device, reduced to the one interface a stack owns. */
struct net_device {
	char name[16];
	int ifindex;
	u8 dev_addr[6];
	unsigned int mtu;
	bool up;
	unsigned int flags;		/* IFF_LOOPBACK for the loopback device */
	struct in_device ip_ptr;	/* its IPv4 addresses (__in_dev_get_rcu) */
};

/* include/uapi/linux/if.h */
#define IFF_UP 0x1
#define IFF_BROADCAST 0x2
#define IFF_LOOPBACK 0x8
#define IFF_NOARP 0x80

#define CS_MAX_FDS 1024			/* default connscope.nofile (RLIMIT_NOFILE) */
#define CS_NR_OPEN 1048576		/* its largest value (fs.nr_open) */

struct net {
	struct cs_sysctl sysctl;		/* net.ipv4.* and connscope.* knobs */
	char sysctl_err[256];			/* cs_sysctl_strerror(): the last error */
	struct inet_hashinfo tcp_hashinfo;
	struct inet_timewait_death_row tcp_death_row;
	struct cs_mib mib;

	/* net/core/secure_seq.c and build_ehash_secret(): per-boot secrets. */
	u32 net_secret[16];
	u32 inet_ehash_secret;
	_Atomic u32 port_hint;		/* __inet_hash_connect's static hint */

	struct net_device dev;
	__be32 addr;			/* the stack's own IPv4 address */
	unsigned int prefixlen;
	struct fib_table fib;
	struct neigh_table arp_tbl;
	struct nic *nic;
	struct sk_buff *rx_spare;	/* cs_nic_poll's buffer posted to the NIC */
	struct cs_clock *clock;

	/* The timer base (kernel/timer.c), one per stack. */
	pthread_mutex_t timer_lock;
	struct timer_list *timer_root;	/* the pending timer that runs first */
	unsigned int timer_count;	/* pending timers */
	u64 timer_seq;			/* timers armed so far */
	unsigned long timer_jiffies;	/* base->timer_jiffies: next jiffy to run */

	/* The fd table (fs/file.c, core/file.c): lowest free descriptor
	 * first, max_fds of them (connscope.nofile). */
	pthread_mutex_t fd_lock;
	struct socket **fdt;
	unsigned int max_fds;
	unsigned int next_fd;		/* no descriptor below it is free */
	unsigned long *open_fds;	/* one bit per open descriptor */
	unsigned long *full_fds_bits;	/* one bit per full word of open_fds */

	/* The softirq thread: NET_RX polling and the timer softirq. */
	pthread_t softirq;
	bool softirq_running;
	atomic_bool stopping;
	pthread_mutex_t softirq_lock;	/* serialises softirq work (one CPU) */
	atomic_int busy_poll;		/* threads in sk_busy_loop */

	atomic_uint next_sock_id;

	/* drivers/net/loopback.c: "lo" (ifindex 1, 127.0.0.1/8) and the
	 * backlog that loopback_xmit feeds (netif_rx -> process_backlog). */
	struct net_device loopback_dev;
	pthread_mutex_t lo_lock;
	struct sk_buff_head lo_backlog;

	/* net/ipv4/inetpeer.c: per-destination IP ID counters, an AVL tree
	 * (inet_peer_base: root and total). */
	pthread_mutex_t peer_lock;
	struct inet_peer *peers;
	int peer_total;

	/* net/ipv4/icmp.c: the ICMP socket's lock (icmp_xmit_lock). */
	pthread_mutex_t icmp_sk_lock;
};

/* dev_net - the stack a device belongs to (lo or its interface). */
static inline struct net *dev_net(const struct net_device *dev)
{
	if (dev->flags & IFF_LOOPBACK)
		return container_of(dev, struct net, loopback_dev);
	return container_of(dev, struct net, dev);
}

/* The net a descriptor-less caller (tests) may use. */
struct socket *sockfd_lookup_light(struct net *net, int fd, int *err, int *fput_needed);
void fput_light(struct socket *sock, int fput_needed);

/* net/core/dev.c: a received frame enters here (netif_receive_skb). */
int netif_receive_skb(struct sk_buff *skb);
/* net/core/dev.c: hand a finished frame to the NIC (dev_queue_xmit). */
int dev_queue_xmit(struct sk_buff *skb);
/* net/core/dev.c: the NET_RX softirq: take up to @budget frames from the
 * NIC and the loopback backlog and run each through netif_receive_skb.
 * Returns how many were processed. */
int net_rx_action(struct net *net, int budget);
/* fs/file.c: the descriptor table; the last two under fd_lock. */
int alloc_fdtable(struct net *net, unsigned int nr);
void free_fdtable(struct net *net);
int __alloc_fd(struct net *net);
void __put_unused_fd(struct net *net, unsigned int fd);
/* kernel/softirq.c: one pass of the pending softirq work (NET_RX, the
 * timers), by the holder of softirq_lock.  Returns frames processed. */
int __do_softirq(struct net *net);
/* net/core/dev.c (Linux 3.11+): busy-poll the NIC while @sk waits in the
 * handshake, for a bounded time (see dev.c). */
void sk_busy_loop(struct sock *sk);
/* net/core/dev.c netif_rx: queue a received skb for net_rx_action. */
int netif_rx(struct sk_buff *skb);
/* net/ethernet/eth.c */
u16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
int eth_header(struct sk_buff *skb, const struct net_device *dev, u16 type,
	       const u8 *daddr, const u8 *saddr);
/* drivers/net/loopback.c */
void loopback_net_init(struct net *net);
void loopback_net_exit(struct net *net);
int loopback_xmit(struct sk_buff *skb);
/* net/ipv4/inetpeer.c */
void inet_peer_base_init(struct net *net);
void cs_inet_peer_base_free(struct net *net);
struct inet_peer *inet_getpeer_v4(struct net *net, __be32 daddr, int create);
void inet_putpeer(struct inet_peer *p);
u16 inet_getid(struct inet_peer *p, int more);
bool inet_peer_xrlim_allow(struct net *net, struct inet_peer *peer, int timeout);

#endif
