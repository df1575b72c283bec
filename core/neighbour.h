/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * neighbour.h - the ARP neighbour table (include/net/neighbour.h,
 * net/core/neighbour.c, net/ipv4/arp.c, Linux 3.10): IPv4 -> MAC entries
 * with NUD states, a queue of frames held while a lookup is unresolved, and
 * the retry timer that gives up with EHOSTUNREACH.
 */
#ifndef CS_NEIGHBOUR_H
#define CS_NEIGHBOUR_H

#include <pthread.h>
#include "types.h"
#include "skbuff.h"
#include "timer.h"

struct net;

/* NUD states (include/uapi/linux/neighbour.h) */
#define NUD_INCOMPLETE 0x01
#define NUD_REACHABLE 0x02
#define NUD_STALE 0x04
#define NUD_DELAY 0x08
#define NUD_PROBE 0x10
#define NUD_FAILED 0x20
#define NUD_NOARP 0x40
#define NUD_PERMANENT 0x80
#define NUD_NONE 0x00
#define NUD_VALID (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | \
		   NUD_STALE | NUD_DELAY)

struct neighbour {
	struct neighbour *next;
	struct net *net;
	__be32 primary_key;		/* the IPv4 address */
	u8 ha[6];			/* its MAC once resolved */
	u8 nud_state;
	int probes;
	unsigned long confirmed, updated, used;
	struct sk_buff_head arp_queue;	/* frames waiting for resolution */
	struct timer_list timer;
	int dead;
};

struct neigh_parms {
	unsigned long retrans_time;	/* 1 s */
	unsigned long base_reachable_time; /* 30 s */
	unsigned long delay_probe_time;	/* 5 s */
	int ucast_probes, mcast_probes, app_probes;	/* 3, 3, 0 */
	int queue_len;			/* frames held per entry (3) */
};

#define NEIGH_HASHSIZE 64

struct neigh_table {
	pthread_mutex_t lock;
	struct neigh_parms parms;
	struct neighbour *hash[NEIGH_HASHSIZE];
	int entries;
};

int neigh_table_init(struct net *net, struct neigh_table *tbl);
void neigh_table_clear(struct neigh_table *tbl);
/* Look up (creating if needed) the entry for @nexthop and send @skb through
 * it: now if resolved, else queue it and start ARP (neigh_resolve_output). */
int ip_finish_output2_neigh(struct net *net, __be32 nexthop, struct sk_buff *skb);
/* net/ipv4/arp.c: receive an ARP frame (skb->data at the ARP header). */
int arp_rcv(struct sk_buff *skb);

#endif
