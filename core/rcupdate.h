/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rcupdate.h - RCU for the established-hash lookups (include/linux/rcupdate.h,
 * rculist.h), on liburcu's "bulletproof" flavour: any thread may read
 * without registering, which matches softirq code running on whichever
 * thread polls the stack.
 *
 * Readers walk an ehash chain inside rcu_read_lock() without the bucket
 * lock; writers still take the ehash lock and publish with release stores;
 * a removed node keeps its ->next so that a reader standing on it can go
 * on; the memory of a sock or TIME-WAIT sock is freed only after a grace
 * period (call_rcu), as SLAB_DESTROY_BY_RCU guarantees in 3.10.
 */
#ifndef CS_RCUPDATE_H
#define CS_RCUPDATE_H

#include <urcu-bp.h>
#include "types.h"

/* hlist_add_head_rcu - publish @n at the head of @h (writer holds the lock). */
static inline void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	WRITE_ONCE(n->pprev, &h->first);
	rcu_assign_pointer(h->first, n);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
}

/* hlist_del_init_rcu - unlink @n; readers on it still see its successor. */
static inline void hlist_del_init_rcu(struct hlist_node *n)
{
	if (hlist_unhashed(n))
		return;
	rcu_assign_pointer(*n->pprev, n->next);
	if (n->next)
		WRITE_ONCE(n->next->pprev, n->pprev);
	WRITE_ONCE(n->pprev, NULL);
}

#define hlist_first_rcu(head) rcu_dereference((head)->first)
#define hlist_next_rcu(node) rcu_dereference((node)->next)

/* Walk a list inside rcu_read_lock(). */
#define hlist_for_each_rcu(pos, head) \
	for ((pos) = hlist_first_rcu(head); (pos); (pos) = hlist_next_rcu(pos))

#endif
