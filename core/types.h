/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * types.h - kernel-style scalar types, the hlist used by every hash table,
 * and the sequence-number helpers.  Written for connscope; names follow
 * include/linux/types.h and include/linux/list.h so the code reads like 3.10.
 */
#ifndef CS_TYPES_H
#define CS_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef uint16_t __be16;	/* network byte order, stored raw */
typedef uint32_t __be32;

#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#ifndef min
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#endif

/* READ_ONCE / WRITE_ONCE (include/linux/compiler.h): a field read without
 * the lock that guards its writes (tcp_poll's sk_state, sk_err...).  The
 * kernel's volatile access is a data race in C11; relaxed atomics are the
 * same single load or store, and defined. */
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)


/* hlist: singly headed, doubly linked list (include/linux/list.h). */
struct hlist_node {
	struct hlist_node *next, **pprev;
};
struct hlist_head {
	struct hlist_node *first;
};

static inline void INIT_HLIST_NODE(struct hlist_node *n)
{
	n->next = NULL;
	WRITE_ONCE(n->pprev, NULL);
}

/* pprev is read without the chain's lock (inet_unhash, as in 3.10), so
 * it is written and read once (later kernels: hlist_unhashed_lockless). */
static inline bool hlist_unhashed(const struct hlist_node *n)
{
	return !READ_ONCE(n->pprev);
}

static inline bool hlist_empty(const struct hlist_head *h)
{
	return !h->first;
}

/* Insert at the head, as __sk_nulls_add_node_rcu and hlist_add_head do. */
static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	n->next = h->first;
	if (h->first)
		WRITE_ONCE(h->first->pprev, &n->next);
	h->first = n;
	WRITE_ONCE(n->pprev, &h->first);
}

static inline void hlist_del_init(struct hlist_node *n)
{
	if (hlist_unhashed(n))
		return;
	*n->pprev = n->next;
	if (n->next)
		WRITE_ONCE(n->next->pprev, n->pprev);
	INIT_HLIST_NODE(n);
}

#define hlist_for_each(pos, head) \
	for ((pos) = (head)->first; (pos); (pos) = (pos)->next)

#define hlist_for_each_safe(pos, tmp, head) \
	for ((pos) = (head)->first; (pos) && ((tmp) = (pos)->next, 1); (pos) = (tmp))

/* hlist_for_each_entry (include/linux/list.h): @pos is the entry holding
 * each node, through its @member. */
#define hlist_entry_safe(ptr, type, member) \
	((ptr) ? container_of(ptr, type, member) : NULL)
#define hlist_for_each_entry(pos, head, member) \
	for ((pos) = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); (pos); \
	     (pos) = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))

/* Sequence-number comparisons modulo 2^32 (include/net/tcp.h before/after). */
static inline bool before(u32 seq1, u32 seq2)
{
	return (s32)(seq1 - seq2) < 0;
}
#define after(seq2, seq1) before(seq1, seq2)

/* Jiffies comparisons (include/linux/jiffies.h). */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before(a, b) time_after(b, a)
#define time_before_eq(a, b) time_after_eq(b, a)

/* Kernel-internal errno never seen by user space (include/linux/errno.h). */
#define ERESTARTSYS 512

#define HZ 1000UL
/* msecs_to_jiffies (include/linux/jiffies.h), HZ being 1000. */
static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return (unsigned long)m * HZ / 1000;
}
#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))



/* ERR_PTR / IS_ERR / PTR_ERR (include/linux/err.h) for route lookups. */
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long error)
{
	return (void *)error;
}
static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}
static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

#endif
