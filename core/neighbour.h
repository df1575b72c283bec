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
#include <stdatomic.h>
#include <string.h>
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
#define NUD_CONNECTED (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)
#define NUD_IN_TIMER (NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE)

/* neigh_update flags */
#define NEIGH_UPDATE_F_OVERRIDE 0x00000001
#define NEIGH_UPDATE_F_WEAK_OVERRIDE 0x00000002
#define NEIGH_UPDATE_F_ADMIN 0x80000000

struct net_device;
struct neighbour;

/* struct neigh_ops: what the protocol (ARP) does for the generic code. */
struct neigh_ops {
	void (*solicit)(struct neighbour *n, struct sk_buff *skb);
	void (*error_report)(struct neighbour *n, struct sk_buff *skb);
	int (*output)(struct neighbour *n, struct sk_buff *skb);
	int (*connected_output)(struct neighbour *n, struct sk_buff *skb);
};

struct neighbour {
	struct neighbour *next;
	struct net *net;
	atomic_int refcnt;		/* the table's, the timer's, each user's */
	__be32 primary_key;		/* the IPv4 address */
	u8 ha[6];			/* its MAC once resolved */
	u8 nud_state;
	atomic_int probes;		/* solicitations sent (wraps) */
	unsigned long confirmed, updated, used;
	struct sk_buff_head arp_queue;	/* frames waiting for resolution */
	struct timer_list timer;
	int dead;
	/* Appended for the 3.10 state machine: */
	pthread_mutex_t lock;		/* neigh->lock: state, ha, queue, probes */
	struct net_device *dev;		/* the device the entry is for */
	struct neigh_table *tbl;
	struct neigh_parms *parms;	/* the table's (neigh_parms_clone) */
	const struct neigh_ops *ops;
	u16 type;			/* inet_addr_type of the key (RTN_*) */
	unsigned int arp_queue_len_bytes; /* truesize of arp_queue */
	/* neigh->output: ops->output, or ops->connected_output while the
	 * entry is NUD_CONNECTED */
	int (*output)(struct neighbour *n, struct sk_buff *skb);
};

/* struct neigh_parms: arp_tbl's parameters.  retrans_time, ucast_probes
 * and mcast_probes are the sysctls connscope.neigh_retrans_ms,
 * neigh_ucast_probes and neigh_mcast_probes, read where 3.10 reads them. */
struct neigh_parms {
	unsigned long base_reachable_time; /* 30 s */
	unsigned long delay_probe_time;	/* 5 s */
	int app_probes;			/* 0: no arpd */
	/* unres_qlen_bytes: the unresolved queue's bound in truesize */
	int queue_len_bytes;		/* 64 KiB */
	unsigned long reachable_time;	/* 30 s (not randomised here) */
	unsigned long locktime;		/* 1 s */
};

#define NEIGH_HASHSIZE 64

struct neigh_table {
	struct net *net;
	/* arp_hash: the bucket is its value modulo NEIGH_HASHSIZE */
	u32 (*hash)(__be32 key, const struct net_device *dev);
	int (*constructor)(struct neighbour *n);
	pthread_mutex_t lock;
	struct neigh_parms parms;
	struct neighbour *hash_buckets[NEIGH_HASHSIZE];
	atomic_int entries;
	unsigned long last_flush;	/* jiffies of the last forced GC */
	/* 3.10's gc_work (a delayed work): a timer of the stack's base,
	 * armed while there are gc_thresh1 entries or more */
	struct timer_list gc_timer;
};

/* neigh_hold / neigh_release: the last
 * reference frees the entry (neigh_destroy). */
void neigh_destroy(struct neighbour *n);
static inline void neigh_hold(struct neighbour *n)
{
	atomic_fetch_add(&n->refcnt, 1);
}
static inline void neigh_release(struct neighbour *n)
{
	if (atomic_fetch_sub(&n->refcnt, 1) == 1)
		neigh_destroy(n);
}

int neigh_table_init(struct net *net, struct neigh_table *tbl);
void neigh_table_clear(struct neigh_table *tbl);
/* net/ipv4/arp.c: receive an ARP frame (skb->data at the ARP header). */
int arp_rcv(struct sk_buff *skb);

/* net/core/neighbour.c (the lookups return the entry held) */
struct neighbour *neigh_lookup(struct neigh_table *tbl, __be32 key,
			       const struct net_device *dev);
struct neighbour *__neigh_create(struct neigh_table *tbl, __be32 key,
				 struct net_device *dev, bool want_ref);
int __neigh_event_send(struct neighbour *neigh, struct sk_buff *skb);
int neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new, u32 flags);
struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
				 __be32 saddr, struct net_device *dev);
int neigh_resolve_output(struct neighbour *neigh, struct sk_buff *skb);
int neigh_connected_output(struct neighbour *neigh, struct sk_buff *skb);
/* The timer callbacks (the table's gc_work is a timer of the stack's base). */
void neigh_timer_handler(unsigned long arg);
void neigh_periodic_work(unsigned long arg);

/* __neigh_lookup - look up, and with @creat create (neigh_create), the
 * entry; returned held. */
static inline struct neighbour *__neigh_lookup(struct neigh_table *tbl, __be32 pkey,
					       struct net_device *dev, int creat)
{
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);

	if (n || !creat)
		return n;

	n = __neigh_create(tbl, pkey, dev, true);
	return IS_ERR(n) ? NULL : n;
}

/* neigh_event_send - note the use, and resolve if not connected.  The
 * fields are read under neigh->lock (3.10 reads them without). */
static inline int neigh_event_send(struct neighbour *neigh, struct sk_buff *skb)
{
	u8 state;

	pthread_mutex_lock(&neigh->lock);
	neigh->used = net_jiffies(neigh->net);
	state = neigh->nud_state;
	pthread_mutex_unlock(&neigh->lock);
	if (!(state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)))
		return __neigh_event_send(neigh, skb);
	return 0;
}

/* neigh_ha_snapshot (include/net/neighbour.h): a copy of the entry's
 * address, taken under n->lock (3.10 retries on its ha_lock seqlock). */
static inline void neigh_ha_snapshot(u8 *dst, struct neighbour *n)
{
	pthread_mutex_lock(&n->lock);
	memcpy(dst, n->ha, sizeof(n->ha));
	pthread_mutex_unlock(&n->lock);
}

/* dst_neigh_output (include/net/dst.h): a connected entry sends at once
 * (3.10's hh cache; here neigh_connected_output builds the same header),
 * any other through its output.  The state and the output are read under
 * n->lock, which 3.10 reads without. */
static inline int dst_neigh_output(struct neighbour *n, struct sk_buff *skb)
{
	int (*output)(struct neighbour *, struct sk_buff *);

	pthread_mutex_lock(&n->lock);
	output = (n->nud_state & NUD_CONNECTED) ? neigh_connected_output : n->output;
	pthread_mutex_unlock(&n->lock);
	return output(n, skb);
}

/* net/ipv4/arp.c */
u32 arp_hash(__be32 key, const struct net_device *dev);
int arp_constructor(struct neighbour *n);
void arp_send(int type, u16 ptype, __be32 dest_ip, struct net_device *dev,
	      __be32 src_ip, const u8 *dest_hw, const u8 *src_hw,
	      const u8 *target_hw);

#endif
