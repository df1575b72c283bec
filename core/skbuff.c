// SPDX-License-Identifier: GPL-2.0-only
/*
 * skbuff.c - socket buffers (net/core/skbuff.c, Linux 3.10).
 *
 * An sk_buff describes a window [data, data + len) into a data area
 * [head, head + end) that may be shared by clones; the shared part at the
 * end of the area (skb_shinfo) counts them in dataref.  alloc_skb_fclone
 * allocates an original and its companion clone in one block, so that the
 * first skb_clone of the original (tcp_transmit_skb does one per segment)
 * costs no allocation; the block is freed when both halves are done.
 *
 * The data area is sized as 3.10's __alloc_skb sizes it on x86-64 with
 * SLUB: the request is cache-line aligned, the kernel's skb_shared_info
 * (320 bytes) is added, and the total is rounded up to the kmalloc cache
 * that would serve it; whatever is left after the shared info is usable
 * room.  truesize is therefore the kernel's value for the same request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "skbuff.h"
#include "route.h"
#include "trace.h"

static atomic_long skb_live;

/* cs_skb_live_count - sk_buffs allocated and not yet freed (for leak tests). */
long cs_skb_live_count(void)
{
	return atomic_load(&skb_live);
}

/* The size ksize() would report for kmalloc(@size) on x86-64 SLUB: the
 * general caches up to 8 KiB, page-order allocations above.  connscope's
 * malloc cannot be asked, so the size is computed before the allocation. */
static unsigned int cs_ksize(unsigned int size)
{
	static const unsigned int caches[] = { 8, 16, 32, 64, 96, 128, 192,
					       256, 512, 1024, 2048, 4096, 8192 };
	unsigned int pages = 4096;

	for (size_t i = 0; i < sizeof(caches) / sizeof(caches[0]); i++)
		if (size <= caches[i])
			return caches[i];
	while (pages < size)
		pages <<= 1;
	return pages;
}

/* skb_over_panic / skb_under_panic: a buffer overrun is a bug; stop. */
static void skb_panic(const struct sk_buff *skb, unsigned int sz, const char *msg)
{
	fprintf(stderr, "skbuff: %s: len:%u put:%u head:%p data:%p tail:%u end:%u\n",
		msg, skb->len, sz, (void *)skb->head, (void *)skb->data,
		skb->tail, skb->end);
	abort();
}

/* __alloc_skb: one sk_buff (or an fclone pair) and its data area of at
 * least @size bytes.  The companion of a pair starts
 * SKB_FCLONE_UNAVAILABLE, i.e. free for use. */
static struct sk_buff *__alloc_skb(unsigned int size, bool fclone)
{
	struct sk_buff_fclones *fc = NULL;
	struct skb_shared_info *shinfo;
	struct sk_buff *skb;
	u8 *data;

	/* Get the head.  connscope: malloc and a cleared struct, not calloc:
	 * glibc's calloc skips the per-thread cache (tcache). */
	if (fclone) {
		fc = malloc(sizeof(*fc));
		if (fc)
			*fc = (struct sk_buff_fclones){ 0 };
		skb = fc ? &fc->skb1 : NULL;
	} else {
		skb = malloc(sizeof(*skb));
		if (skb)
			*skb = (struct sk_buff){ 0 };
	}
	if (!skb)
		goto out;

	/* The head and the kernel's skb_shared_info are each cache-line
	 * aligned.  kmalloc may give more room than asked: the shared info
	 * goes at the very end, and all before it can be filled. */
	size = SKB_DATA_ALIGN(size);
	size += SKB_KERNEL_SHINFO_SIZE;
	size = cs_ksize(size) - SKB_KERNEL_SHINFO_SIZE;	/* SKB_WITH_OVERHEAD(ksize(data)) */
	data = malloc(size + SMP_CACHE_BYTES);	/* connscope's shared info after it */
	if (!data)
		goto nodata;

	/* The memory accounted: the sk_buff and its head. */
	skb->truesize = SKB_TRUESIZE(size);
	atomic_init(&skb->users, 1);
	skb->head = data;
	skb->data = data;
	skb->tail = 0;
	skb->end = skb->tail + size;
	skb->mac_header = 0xffff;	/* "not set", as the kernel's ~0U */
	skb->transport_header = 0xffff;

	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, sizeof(struct skb_shared_info));
	atomic_init(&shinfo->dataref, 1);

	if (fc) {
		skb->fclone = SKB_FCLONE_ORIG;
		atomic_init(&fc->fclone_ref, 1);
		fc->skb2.fclone = SKB_FCLONE_UNAVAILABLE;
	}
	atomic_fetch_add(&skb_live, 1);
out:
	return skb;
nodata:
	free(fc ? (void *)fc : (void *)skb);
	skb = NULL;
	goto out;
}

/* alloc_skb - a plain buffer with @size bytes of room (GFP_ATOMIC callers
 * and process callers alike; allocation failure returns NULL). */
struct sk_buff *alloc_skb(unsigned int size)
{
	return __alloc_skb(size, false);
}

/* alloc_skb_fclone - an original with its companion clone in one block
 * (struct sk_buff_fclones), as sk_stream_alloc_skb uses for TCP. */
struct sk_buff *alloc_skb_fclone(unsigned int size)
{
	struct sk_buff *skb = __alloc_skb(size, true);

	if (skb)
		cs_trace(alloc_skb_fclone, skb, size);
	return skb;
}

/* skb_reserve - headroom: move data and tail of an empty buffer forward. */
void skb_reserve(struct sk_buff *skb, int len)
{
	skb->data += len;
	skb->tail += (unsigned int)len;
}

/* skb_put - extend the data at the tail; overrunning the end is a bug. */
unsigned char *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb_tail_pointer(skb);

	skb->tail += len;
	skb->len += len;
	if (skb->tail > skb->end)
		skb_panic(skb, len, "skb_over_panic");
	return tmp;
}

/* skb_push - extend the data at the front; running past head is a bug. */
unsigned char *skb_push(struct sk_buff *skb, unsigned int len)
{
	if (len > skb_headroom(skb))
		skb_panic(skb, len, "skb_under_panic");
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

/* skb_pull - drop @len bytes from the front; NULL if there are fewer. */
unsigned char *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

/* skb_trim - cut the data to @len bytes (no-op if already shorter). */
void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = (unsigned int)(skb->data - skb->head) + len;
	}
}

/* skb_release_data: drop this skb's claim on the data area; the last
 * claimant frees it.  A never-cloned skb owns it alone. */
static void skb_release_data(struct sk_buff *skb)
{
	if (!skb->cloned ||
	    atomic_fetch_sub(&skb_shinfo(skb)->dataref, 1) == 1)
		free(skb->head);
}

/* kfree_skbmem: free the sk_buff itself.  The companion of a pair becomes
 * available again; the pair's block goes when both halves are done. */
static void kfree_skbmem(struct sk_buff *skb)
{
	struct sk_buff_fclones *fc;

	atomic_fetch_sub(&skb_live, 1);
	switch (skb->fclone) {
	case SKB_FCLONE_UNAVAILABLE:
		free(skb);
		break;
	case SKB_FCLONE_ORIG:
		fc = container_of(skb, struct sk_buff_fclones, skb1);
		if (atomic_fetch_sub(&fc->fclone_ref, 1) == 1)
			free(fc);
		break;
	case SKB_FCLONE_CLONE:
		fc = container_of(skb, struct sk_buff_fclones, skb2);
		skb->fclone = SKB_FCLONE_UNAVAILABLE;
		if (atomic_fetch_sub(&fc->fclone_ref, 1) == 1)
			free(fc);
		break;
	}
}

/* skb_release_head_state: the route and the owner's destructor. */
static void skb_release_head_state(struct sk_buff *skb)
{
	skb_dst_drop(skb);
	if (skb->destructor)
		skb->destructor(skb);
}

/* __kfree_skb - free an sk_buff whatever its user count. */
static void __kfree_skb(struct sk_buff *skb)
{
	skb_release_head_state(skb);
	if (skb->head)
		skb_release_data(skb);
	kfree_skbmem(skb);
}

/* kfree_skb - drop one reference (a drop after an error). */
void kfree_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	if (atomic_load(&skb->users) != 1 &&
	    atomic_fetch_sub(&skb->users, 1) != 1)
		return;
	__kfree_skb(skb);
}

/* consume_skb - drop one reference (normal end of life). */
void consume_skb(struct sk_buff *skb)
{
	kfree_skb(skb);
}

/* skb_get - take one more reference to the sk_buff (not a copy). */
struct sk_buff *skb_get(struct sk_buff *skb)
{
	atomic_fetch_add(&skb->users, 1);
	return skb;
}

/* skb_dst_set - the skb now owns the caller's reference to @rt. */
void skb_dst_set(struct sk_buff *skb, struct rtable *rt)
{
	skb->dst = rt;
}

/* skb_dst_drop - release the skb's route. */
void skb_dst_drop(struct sk_buff *skb)
{
	if (skb->dst) {
		ip_rt_put(skb->dst);
		skb->dst = NULL;
	}
}

/* __copy_skb_header: the header fields a clone or copy inherits. */
static void __copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	new->net = old->net;
	new->dev = old->dev;
	new->transport_header = old->transport_header;
	new->network_header = old->network_header;
	new->mac_header = old->mac_header;
	new->dst = old->dst ? dst_clone(old->dst) : NULL;
	memcpy(new->cb, old->cb, sizeof(old->cb));
	new->pkt_type = old->pkt_type;
	new->ip_summed = old->ip_summed;
	new->protocol = old->protocol;
	new->skb_iif = old->skb_iif;
}

/* __skb_clone: make @n describe the same data as @skb; both are then
 * marked cloned and the data area gains one reference. */
static struct sk_buff *__skb_clone(struct sk_buff *n, struct sk_buff *skb)
{
	n->next = n->prev = NULL;
	n->sk = NULL;
	__copy_skb_header(n, skb);
	n->len = skb->len;
	n->cloned = 1;
	n->destructor = NULL;
	n->tail = skb->tail;
	n->end = skb->end;
	n->head = skb->head;
	n->data = skb->data;
	n->truesize = skb->truesize;
	atomic_init(&n->users, 1);
	atomic_fetch_add(&skb_shinfo(skb)->dataref, 1);
	skb->cloned = 1;
	return n;
}

/* skb_clone - a new sk_buff sharing @skb's data.  An original whose
 * companion is free uses the companion (SKB_FCLONE_CLONE); otherwise a
 * plain sk_buff is allocated. */
struct sk_buff *skb_clone(struct sk_buff *skb)
{
	struct sk_buff_fclones *fc = container_of(skb, struct sk_buff_fclones, skb1);
	struct sk_buff *n;

	if (skb->fclone == SKB_FCLONE_ORIG &&
	    fc->skb2.fclone == SKB_FCLONE_UNAVAILABLE) {
		n = &fc->skb2;
		n->fclone = SKB_FCLONE_CLONE;
		atomic_fetch_add(&fc->fclone_ref, 1);
	} else {
		n = malloc(sizeof(*n));	/* glibc's calloc skips tcache */
		if (!n)
			return NULL;
		*n = (struct sk_buff){ 0 };
		n->fclone = SKB_FCLONE_UNAVAILABLE;
	}
	atomic_fetch_add(&skb_live, 1);

	n = __skb_clone(n, skb);
	cs_trace(skb_clone, skb, n);
	return n;
}

/* copy_skb_header: header fields plus the GSO count of the shared info.
 * Header offsets are relative to head and the copy keeps the headroom,
 * so they carry over unchanged. */
static void copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	__copy_skb_header(new, old);
	skb_shinfo(new)->gso_segs = skb_shinfo(old)->gso_segs;
}

/* skb_copy - a private copy of the sk_buff and all of its data area. */
struct sk_buff *skb_copy(const struct sk_buff *skb)
{
	unsigned int headerlen = skb_headroom(skb);
	struct sk_buff *n = alloc_skb(skb->end);

	if (!n)
		return NULL;
	skb_reserve(n, (int)headerlen);
	skb_put(n, skb->len);
	memcpy(n->head, skb->head, headerlen + skb->len);
	copy_skb_header(n, skb);
	return n;
}

/* pskb_copy - __pskb_copy(skb, skb_headroom(skb)): a private copy of the
 * headers and linear data with the same headroom, e.g. to rewrite the
 * headers of a buffer that is still shared with a clone in flight. */
struct sk_buff *pskb_copy(struct sk_buff *skb)
{
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n = alloc_skb(skb_headlen(skb) + headroom);

	if (n) {
		skb_reserve(n, (int)headroom);
		skb_put(n, skb_headlen(skb));
		memcpy(n->data, skb->data, n->len);
		copy_skb_header(n, skb);
	}
	cs_trace(pskb_copy, skb, n);
	return n;
}

/* skb_headers_offset_update - move the header offsets by @off (after the
 * data moved within a new area); unset offsets stay unset. */
static void skb_headers_offset_update(struct sk_buff *skb, int off)
{
	if (skb->transport_header != 0xffff)
		skb->transport_header = (u16)(skb->transport_header + off);
	if (skb->network_header != 0xffff)
		skb->network_header = (u16)(skb->network_header + off);
	if (skb->mac_header != 0xffff)
		skb->mac_header = (u16)(skb->mac_header + off);
}

/* skb_realloc_headroom - a private copy with at least @headroom bytes in
 * front of the data (the kernel clones and grows the head by the cache-
 * aligned difference; the copy here ends up the same). */
struct sk_buff *skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom)
{
	unsigned int old = skb_headroom(skb), delta;
	struct sk_buff *n;

	if (headroom <= old)
		return pskb_copy(skb);
	delta = SKB_DATA_ALIGN(headroom - old);
	n = alloc_skb(old + delta + skb->len);
	if (!n)
		return NULL;
	skb_reserve(n, (int)(old + delta));
	memcpy(skb_put(n, skb->len), skb->data, skb->len);
	copy_skb_header(n, skb);
	skb_headers_offset_update(n, (int)delta);
	return n;
}

/* Queue helpers (include/linux/skbuff.h): a circular list whose head is
 * the sk_buff_head itself.  The caller holds whatever lock protects it. */
void skb_queue_head_init(struct sk_buff_head *list)
{
	list->prev = list->next = (struct sk_buff *)(void *)list;
	list->qlen = 0;
}

static void __skb_insert(struct sk_buff *newsk, struct sk_buff *prev,
			 struct sk_buff *next, struct sk_buff_head *list)
{
	newsk->next = next;
	newsk->prev = prev;
	next->prev = prev->next = newsk;
	list->qlen++;
}

/* __skb_queue_tail / __skb_queue_head / __skb_unlink / __skb_dequeue /
 * __skb_queue_purge: the unlocked list operations. */
void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	__skb_insert(skb, list->prev, (struct sk_buff *)(void *)list, list);
}

void __skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb)
{
	__skb_insert(skb, (struct sk_buff *)(void *)list, list->next, list);
}

void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	struct sk_buff *next = skb->next, *prev = skb->prev;

	list->qlen--;
	skb->next = skb->prev = NULL;
	next->prev = prev;
	prev->next = next;
}

struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

void __skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}
