/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * skbuff.h - struct sk_buff and its helpers (include/linux/skbuff.h).
 *
 * A buffer is one allocation [head, end) whose data area is shared between
 * clones through a reference count (skb_shared_info.dataref).  alloc_skb_fclone
 * allocates the original and its companion clone in one block, as 3.10 does,
 * so that tcp_transmit_skb's first clone costs no allocation.
 */
#ifndef CS_SKBUFF_H
#define CS_SKBUFF_H

#include <stdatomic.h>
#include "types.h"

struct sock;
struct net;
struct rtable;
struct net_device;

enum {
	SKB_FCLONE_UNAVAILABLE,	/* a plain skb */
	SKB_FCLONE_ORIG,	/* the original of an fclone pair */
	SKB_FCLONE_CLONE,	/* the companion, currently in use */
};

enum { CHECKSUM_NONE, CHECKSUM_UNNECESSARY, CHECKSUM_COMPLETE, CHECKSUM_PARTIAL };

/* sk_gso_type / gso_type values (include/linux/skbuff.h); TCP over IPv4 only. */
enum { SKB_GSO_TCPV4 = 1 << 0 };

/* The data area's shared part (skb_shinfo): how many skbs point at it. */
struct skb_shared_info {
	atomic_int dataref;
	unsigned short gso_segs;
};

struct sk_buff {
	struct sk_buff *next, *prev;	/* write queue / backlog / arp queue */
	struct sock *sk;
	struct net *net;		/* stack this buffer belongs to */
	unsigned char *head, *data;
	unsigned int tail, end;		/* offsets from head */
	unsigned int len;
	u16 transport_header, network_header, mac_header; /* offsets from head */
	u16 protocol;			/* ETH_P_*, host order */
	u8 pkt_type;			/* PACKET_HOST etc. for received frames */
	u8 fclone;			/* SKB_FCLONE_* */
	u8 cloned;			/* data area shared with another skb */
	u8 ip_summed;
	atomic_int users;		/* references to this sk_buff itself */
	unsigned int truesize;
	int skb_iif;			/* input ifindex */
	char cb[48] __attribute__((aligned(8))); /* per-layer control block */
	/* Called by kfree_skb/consume_skb before the buffer goes away, when
	 * set: sock_wfree / tcp_wfree give skb->truesize back to
	 * skb->sk->sk_wmem_alloc (net/core/skbuff.c skb_release_head_state). */
	void (*destructor)(struct sk_buff *skb);
	/* The route this packet follows (skb_dst / skb_rtable): one reference,
	 * dropped when the buffer is freed (skb_release_head_state). */
	struct rtable *dst;
	/* skb->dev: the device a frame arrived on (eth_type_trans) or leaves
	 * by (ip_output, arp_create). */
	struct net_device *dev;
};

/* The companion of an fclone pair and its shared reference count. */
struct sk_buff_fclones {
	struct sk_buff skb1;
	struct sk_buff skb2;
	atomic_int fclone_ref;
};

#define MAX_TCP_HEADER (128 + 32)	/* room for TCP, IP and link headers */

static inline struct skb_shared_info *skb_shinfo(const struct sk_buff *skb)
{
	return (struct skb_shared_info *)(void *)(skb->head + skb->end);
}

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->tail;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline unsigned int skb_tailroom(const struct sk_buff *skb)
{
	return skb->end - skb->tail;
}

static inline int skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && atomic_load(&skb_shinfo(skb)->dataref) != 1;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}
static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}
static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}
static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = (u16)(skb->data - skb->head);
}
static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = (u16)(skb->data - skb->head);
}
static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = (u16)(skb->data - skb->head);
}

/* skb_orphan - run the owner's destructor now and detach the buffer from its
 * socket (include/linux/skbuff.h). */
static inline void skb_orphan(struct sk_buff *skb)
{
	if (skb->destructor)
		skb->destructor(skb);
	skb->destructor = NULL;
	skb->sk = NULL;
}

/* A simple doubly linked queue of skbs (struct sk_buff_head). */
struct sk_buff_head {
	struct sk_buff *next, *prev;
	u32 qlen;
};

struct sk_buff *alloc_skb(unsigned int size);
struct sk_buff *alloc_skb_fclone(unsigned int size);
void skb_reserve(struct sk_buff *skb, int len);
unsigned char *skb_put(struct sk_buff *skb, unsigned int len);
unsigned char *skb_push(struct sk_buff *skb, unsigned int len);
unsigned char *skb_pull(struct sk_buff *skb, unsigned int len);
void skb_trim(struct sk_buff *skb, unsigned int len);
struct sk_buff *skb_clone(struct sk_buff *skb);
struct sk_buff *pskb_copy(struct sk_buff *skb);
struct sk_buff *skb_get(struct sk_buff *skb);
void kfree_skb(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);

void skb_queue_head_init(struct sk_buff_head *list);
void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *__skb_dequeue(struct sk_buff_head *list);
void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
void __skb_queue_purge(struct sk_buff_head *list);
static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	return list->qlen ? list->next : NULL;
}

/* Live-skb accounting, so tests can check that nothing leaks. */
long cs_skb_live_count(void);

/* SKB_TRUESIZE (include/linux/skbuff.h) with the x86-64 3.10 sizes of
 * struct sk_buff and struct skb_shared_info, each cache-line aligned. */
#define SMP_CACHE_BYTES 64
#define SKB_DATA_ALIGN(x) (((x) + (SMP_CACHE_BYTES - 1)) & ~(SMP_CACHE_BYTES - 1))
#define SKB_KERNEL_SKB_SIZE 256		/* SKB_DATA_ALIGN(sizeof(struct sk_buff)) */
#define SKB_KERNEL_SHINFO_SIZE 320	/* SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) */
#define SKB_TRUESIZE(x) ((x) + SKB_KERNEL_SKB_SIZE + SKB_KERNEL_SHINFO_SIZE)

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len;		/* no paged fragments in connscope */
}
static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb->data);
}
static inline u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}
static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->qlen == 0;
}
static inline struct rtable *skb_rtable(const struct sk_buff *skb)
{
	return skb->dst;
}
/* skb_dst_set - attach @rt, whose reference the skb now owns. */
void skb_dst_set(struct sk_buff *skb, struct rtable *rt);
/* skb_dst_drop - release the skb's route, if any. */
void skb_dst_drop(struct sk_buff *skb);
/* skb_copy - private copy of the buffer and its data (header fields too). */
struct sk_buff *skb_copy(const struct sk_buff *skb);
/* skb_realloc_headroom - a private copy with at least @headroom in front. */
struct sk_buff *skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom);
/* __skb_queue_head - insert at the front of @list. */
void __skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb);

#endif
