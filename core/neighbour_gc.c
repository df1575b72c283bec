// SPDX-License-Identifier: GPL-2.0-only
/*
 * neighbour_gc.c - the life of the neighbour table and of an entry
 * (neigh_table_init / neigh_table_clear, neigh_alloc, neigh_destroy) and
 * the two garbage collectors of net/core/neighbour.c (Linux 3.10), kept
 * apart from neighbour.c's state machine to keep each file short.
 *
 * An entry lives while it is referenced: by the table, by its pending
 * timer, by each caller of a lookup.  neigh_forced_gc runs when a new entry
 * would pass gc_thresh2 / gc_thresh3 (neigh_alloc) and frees every entry
 * only the table holds that is not PERMANENT.  neigh_periodic_work (3.10's
 * gc_work) runs every base_reachable_time / 2 while the table holds
 * gc_thresh1 entries or more, and frees the ones only the table holds,
 * outside a timer, FAILED or unused for gc_stale_time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "net.h"

/* neigh_table_init - the ARP table of a stack, with arp_tbl's parameters
 * (retrans_time and ucast_probes are read from the sysctls when used). */
int neigh_table_init(struct net *net, struct neigh_table *tbl)
{
	memset(tbl->hash, 0, sizeof(tbl->hash));
	atomic_init(&tbl->entries, 0);
	tbl->net = net;
	tbl->last_flush = net_jiffies(net);
	setup_timer(&tbl->gc_timer, net, neigh_periodic_work, (unsigned long)tbl);
	tbl->constructor = arp_constructor;
	tbl->parms.retrans_time = 1 * HZ;
	tbl->parms.base_reachable_time = 30 * HZ;
	tbl->parms.reachable_time = 30 * HZ;
	tbl->parms.delay_probe_time = 5 * HZ;
	tbl->parms.ucast_probes = 3;
	tbl->parms.mcast_probes = net->sysctl.neigh_mcast_probes;
	tbl->parms.app_probes = 0;
	tbl->parms.queue_len = 0;
	tbl->parms.queue_len_bytes = 64 * 1024;
	tbl->parms.locktime = 1 * HZ;
	return pthread_mutex_init(&tbl->lock, NULL) ? -ENOMEM : 0;
}

/* neigh_table_clear - stop every entry's timer, drop queued frames and
 * free the entries.  The softirq must no longer run. */
void neigh_table_clear(struct neigh_table *tbl)
{
	del_timer(&tbl->gc_timer);
	for (int i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n = tbl->hash[i];

		while (n) {
			struct neighbour *next = n->next;

			del_timer(&n->timer);
			__skb_queue_purge(&n->arp_queue);
			pthread_mutex_destroy(&n->lock);
			free(n);
			n = next;
		}
		tbl->hash[i] = NULL;
	}
	atomic_store(&tbl->entries, 0);
	pthread_mutex_destroy(&tbl->lock);
}

/* neigh_alloc - a dead entry with one reference, counted in entries.  From
 * gc_thresh3 entries (gc_thresh2 if the last forced GC is 5 s old) it
 * first forces a GC, and fails at gc_thresh3 if nothing could go. */
struct neighbour *neigh_alloc(struct neigh_table *tbl, struct net_device *dev)
{
	const struct cs_sysctl *s = &tbl->net->sysctl;
	struct neighbour *n = NULL;
	unsigned long now = net_jiffies(tbl->net);
	int entries;

	entries = atomic_fetch_add(&tbl->entries, 1);
	if (entries >= s->neigh_gc_thresh3 ||
	    (entries >= s->neigh_gc_thresh2 && time_after(now, tbl->last_flush + 5 * HZ))) {
		if (!neigh_forced_gc(tbl) && entries >= s->neigh_gc_thresh3)
			goto out_entries;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		goto out_entries;
	skb_queue_head_init(&n->arp_queue);
	pthread_mutex_init(&n->lock, NULL);
	n->net = tbl->net;
	n->updated = n->used = now;
	n->nud_state = NUD_NONE;
	n->output = neigh_resolve_output;
	setup_timer(&n->timer, tbl->net, neigh_timer_handler, (unsigned long)n);
	n->tbl = tbl;
	n->dev = dev;
	atomic_init(&n->refcnt, 1);
	n->dead = 1;
out:
	return n;

out_entries:
	atomic_fetch_sub(&tbl->entries, 1);
	goto out;
}
/* neigh_destroy - the last reference is gone: free an entry already out
 * of the table (dead), with what it still queues. */
void neigh_destroy(struct neighbour *n)
{
	if (!n->dead)
		return;		/* 3.10 warns "Destroying alive neighbour" */
	if ((n->nud_state & NUD_IN_TIMER) && del_timer(&n->timer))
		atomic_fetch_sub(&n->refcnt, 1);	/* "Impossible event" */
	__skb_queue_purge(&n->arp_queue);
	n->arp_queue_len_bytes = 0;
	atomic_fetch_sub(&n->tbl->entries, 1);
	pthread_mutex_destroy(&n->lock);
	free(n);
}

/* Unlink *@np (its lock held, only the table's reference left), mark it
 * dead and drop that reference (neigh_cleanup_and_release). */
static void neigh_unlink_dead(struct neighbour **np)
{
	struct neighbour *n = *np;

	*np = n->next;
	n->dead = 1;
	pthread_mutex_unlock(&n->lock);
	neigh_release(n);
}

/* neigh_forced_gc - free every entry nobody but the table refers to and
 * that is not PERMANENT.  Returns 1 if any went. */
int neigh_forced_gc(struct neigh_table *tbl)
{
	int shrunk = 0;

	pthread_mutex_lock(&tbl->lock);
	for (int i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n, **np = &tbl->hash[i];

		while ((n = *np) != NULL) {
			pthread_mutex_lock(&n->lock);
			if (atomic_load(&n->refcnt) == 1 && !(n->nud_state & NUD_PERMANENT)) {
				neigh_unlink_dead(np);
				shrunk = 1;
				continue;
			}
			pthread_mutex_unlock(&n->lock);
			np = &n->next;
		}
	}
	tbl->last_flush = net_jiffies(tbl->net);
	pthread_mutex_unlock(&tbl->lock);
	return shrunk;
}

/* neigh_gc_schedule - arm the periodic work once the table reaches
 * gc_thresh1 (below it the work would find nothing to do: 3.10 runs it
 * always, connscope only then, so that an idle stack has no timer). */
void neigh_gc_schedule(struct neigh_table *tbl)
{
	if (atomic_load(&tbl->entries) < tbl->net->sysctl.neigh_gc_thresh1)
		return;
	pthread_mutex_lock(&tbl->lock);
	if (!timer_pending(&tbl->gc_timer))
		mod_timer(&tbl->gc_timer,
			  net_jiffies(tbl->net) + (tbl->parms.base_reachable_time >> 1));
	pthread_mutex_unlock(&tbl->lock);
}

/* neigh_periodic_work - from gc_thresh1 entries up, free those only the
 * table holds, outside a timer and not PERMANENT, that FAILED or were not
 * used for gc_stale_time; the lock is let go between buckets.  Runs again
 * in base_reachable_time / 2 while the table is that full. */
void neigh_periodic_work(unsigned long arg)
{
	struct neigh_table *tbl = (struct neigh_table *)arg;
	unsigned long stale = (unsigned long)tbl->net->sysctl.neigh_gc_stale_time * HZ;
	struct neighbour *n, **np;

	pthread_mutex_lock(&tbl->lock);
	if (atomic_load(&tbl->entries) < tbl->net->sysctl.neigh_gc_thresh1)
		goto out;
	for (int i = 0; i < NEIGH_HASHSIZE; i++) {
		np = &tbl->hash[i];
		while ((n = *np) != NULL) {
			unsigned int state;

			pthread_mutex_lock(&n->lock);
			state = n->nud_state;
			if (state & (NUD_PERMANENT | NUD_IN_TIMER)) {
				pthread_mutex_unlock(&n->lock);
				goto next_elt;
			}
			if (time_after(n->confirmed, n->used))
				n->used = n->confirmed;
			if (atomic_load(&n->refcnt) == 1 &&
			    (state == NUD_FAILED ||
			     time_after(net_jiffies(tbl->net), n->used + stale))) {
				neigh_unlink_dead(np);
				continue;
			}
			pthread_mutex_unlock(&n->lock);
next_elt:
			np = &n->next;
		}
		pthread_mutex_unlock(&tbl->lock);
		pthread_mutex_lock(&tbl->lock);
	}
out:
	if (atomic_load(&tbl->entries) >= tbl->net->sysctl.neigh_gc_thresh1)
		mod_timer(&tbl->gc_timer,
			  net_jiffies(tbl->net) + (tbl->parms.base_reachable_time >> 1));
	pthread_mutex_unlock(&tbl->lock);
}
