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

/* struct net_device, reduced to the one interface a stack owns. */
struct net_device {
	char name[16];
	int ifindex;
	u8 dev_addr[6];
	unsigned int mtu;
	bool up;
};

#define CS_MAX_FDS 1024			/* RLIMIT_NOFILE of the stack's fd table */

struct net {
	struct cs_sysctl sysctl;		/* net.ipv4.* and connscope.* knobs */
	char sysctl_err[256];			/* cs_sysctl_strerror(): the last error */
	struct inet_hashinfo tcp_hashinfo;
	struct inet_timewait_death_row tcp_death_row;
	struct cs_mib mib;

	/* net/core/secure_seq.c and build_ehash_secret(): per-boot secrets. */
	u32 net_secret[16];
	u32 inet_ehash_secret;
	u32 port_hint;			/* __inet_hash_connect's static hint */
	pthread_mutex_t hint_lock;

	struct net_device dev;
	__be32 addr;			/* the stack's own IPv4 address */
	unsigned int prefixlen;
	struct fib_table fib;
	struct neigh_table arp_tbl;
	struct nic *nic;
	struct cs_clock *clock;

	/* The timer base (kernel/timer.c), one per stack. */
	pthread_mutex_t timer_lock;
	struct timer_list timer_head;	/* sentinel of a list sorted by expiry */

	/* The fd table (fs/file.c): lowest free descriptor first. */
	pthread_mutex_t fd_lock;
	struct socket *fdt[CS_MAX_FDS];

	/* The softirq thread: NET_RX polling and the timer softirq. */
	pthread_t softirq;
	bool softirq_running;
	atomic_bool stopping;
	pthread_mutex_t softirq_lock;	/* serialises softirq work (one CPU) */

	atomic_uint next_sock_id;
};

/* The net a descriptor-less caller (tests) may use. */
struct socket *sockfd_lookup_light(struct net *net, int fd, int *err, int *fput_needed);
void fput_light(struct socket *sock, int fput_needed);

/* net/core/dev.c: a received frame enters here (netif_receive_skb). */
int netif_receive_skb(struct sk_buff *skb);
/* net/core/dev.c: hand a finished frame to the NIC (dev_queue_xmit). */
int dev_queue_xmit(struct sk_buff *skb);

#endif
