// SPDX-License-Identifier: GPL-2.0-only
/*
 * neighbour.c - the generic address resolution entity (net/core/neighbour.c,
 * Linux 3.10): the neighbour table and its two garbage collectors, the life
 * of an entry, and its NUD state machine.
 *
 * An entry maps a next-hop address on a device to a link-layer address.
 * Sending through an entry that is not resolved (__neigh_event_send) puts
 * it in INCOMPLETE, queues the frame (at most 64 KiB of truesize, oldest
 * dropped first) and solicits at once, then every retrans_time.  Probes
 * start at ucast_probes and stop at ucast + app + mcast probes, so an
 * unresolved entry sends mcast_probes (3) broadcast requests; when they are
 * used up it becomes FAILED and every queued frame is reported back
 * (error_report: ICMP host unreachable to the sender).  A reply makes it
 * REACHABLE and flushes the queue.  REACHABLE decays to STALE after
 * reachable_time; sending through a STALE entry starts DELAY, then PROBE
 * (unicast probes) unless the entry was confirmed meanwhile.
 *
 * An entry lives while it is referenced: by the table, by its pending
 * timer, by each caller of a lookup.  neigh_forced_gc runs when a new entry
 * would pass gc_thresh2 / gc_thresh3 (neigh_alloc); neigh_periodic_work
 * (3.10's gc_work) every base_reachable_time / 2.
 *
 * Locks: tbl->lock guards the hash chains; neigh->lock guards an entry's
 * state, address, queue and timer.  Nothing clever is done under either:
 * no frame is sent and no error reported with one held.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "net.h"
#include "ip.h"
#include "trace.h"

/* The output of an entry that is not set up (yet): drop. */
static int neigh_blackhole(struct neighbour *neigh, struct sk_buff *skb)
{
	(void)neigh;
	kfree_skb(skb);
	return -ENETDOWN;
}

/* neigh_forced_gc - free every entry only the table refers to, unless it
 * is PERMANENT.  Returns 1 if any went. */
static int neigh_forced_gc(struct neigh_table *tbl)
{
	int shrunk = 0;
	int i;

	pthread_mutex_lock(&tbl->lock);
	for (i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;
		struct neighbour **np;

		np = &tbl->hash_buckets[i];
		while ((n = *np) != NULL) {
			/* An entry may go if nobody refers to it and it
			 * is not permanent. */
			pthread_mutex_lock(&n->lock);
			if (atomic_load(&n->refcnt) == 1 &&
			    !(n->nud_state & NUD_PERMANENT)) {
				*np = n->next;
				n->dead = 1;
				shrunk = 1;
				pthread_mutex_unlock(&n->lock);
				neigh_release(n);	/* neigh_cleanup_and_release */
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

/* The pending timer holds a reference.  3.10 reports a double add as a
 * bug; the extra reference is given back here. */
static void neigh_add_timer(struct neighbour *n, unsigned long when)
{
	neigh_hold(n);
	if (mod_timer(&n->timer, when))
		neigh_release(n);
}

static int neigh_del_timer(struct neighbour *n)
{
	if ((n->nud_state & NUD_IN_TIMER) &&
	    del_timer(&n->timer)) {
		neigh_release(n);
		return 1;
	}
	return 0;
}

/* neigh_alloc - a dead entry with one reference, counted in entries.  From
 * gc_thresh3 entries (gc_thresh2 if the last forced GC is 5 s old) it
 * first forces a GC, and fails at gc_thresh3 if nothing could go. */
static struct neighbour *neigh_alloc(struct neigh_table *tbl, struct net_device *dev)
{
	const struct cs_sysctl *s = &tbl->net->sysctl;
	struct neighbour *n = NULL;
	unsigned long now = net_jiffies(tbl->net);
	int entries;

	entries = atomic_fetch_add(&tbl->entries, 1);
	if (entries >= s->neigh_gc_thresh3 ||
	    (entries >= s->neigh_gc_thresh2 &&
	     time_after(now, tbl->last_flush + 5 * HZ))) {
		if (!neigh_forced_gc(tbl) &&
		    entries >= s->neigh_gc_thresh3)
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
	n->output = neigh_blackhole;
	n->parms = &tbl->parms;		/* neigh_parms_clone */
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

/* neigh_lookup - the entry for @pkey on @dev, held, or NULL.  3.10 walks
 * the chain under RCU; here under tbl->lock. */
struct neighbour *neigh_lookup(struct neigh_table *tbl, __be32 pkey,
			       const struct net_device *dev)
{
	struct neighbour *n;
	u32 hash_val;

	pthread_mutex_lock(&tbl->lock);
	hash_val = tbl->hash(pkey, dev) % NEIGH_HASHSIZE;

	for (n = tbl->hash_buckets[hash_val]; n != NULL; n = n->next) {
		if (dev == n->dev && n->primary_key == pkey) {
			neigh_hold(n);
			break;
		}
	}

	pthread_mutex_unlock(&tbl->lock);
	return n;
}

/* 3.10 schedules the table's gc_work at neigh_table_init and for ever
 * after.  connscope arms its timer once the table holds gc_thresh1
 * entries (below that the work finds nothing to do), so that an idle
 * stack has no pending timer. */
static void cs_neigh_gc_schedule(struct neigh_table *tbl)
{
	if (atomic_load(&tbl->entries) < tbl->net->sysctl.neigh_gc_thresh1)
		return;
	pthread_mutex_lock(&tbl->lock);
	if (!timer_pending(&tbl->gc_timer))
		mod_timer(&tbl->gc_timer,
			  net_jiffies(tbl->net) + (tbl->parms.base_reachable_time >> 1));
	pthread_mutex_unlock(&tbl->lock);
}

/* __neigh_create - a new entry in NUD_NONE, set up by the protocol's
 * constructor (arp_constructor), unless one appeared meanwhile; with
 * @want_ref it is returned held, the table keeping the first reference. */
struct neighbour *__neigh_create(struct neigh_table *tbl, __be32 pkey,
				 struct net_device *dev, bool want_ref)
{
	u32 hash_val;
	int error;
	struct neighbour *n1, *rc, *n = neigh_alloc(tbl, dev);

	if (!n) {
		rc = ERR_PTR(-ENOBUFS);
		goto out;
	}

	n->primary_key = pkey;

	/* The protocol sets the entry up. */
	if (tbl->constructor && (error = tbl->constructor(n)) < 0) {
		rc = ERR_PTR(error);
		goto out_neigh_release;
	}

	n->confirmed = net_jiffies(tbl->net) - (n->parms->base_reachable_time << 1);

	pthread_mutex_lock(&tbl->lock);
	hash_val = tbl->hash(pkey, dev) % NEIGH_HASHSIZE;

	for (n1 = tbl->hash_buckets[hash_val]; n1 != NULL; n1 = n1->next) {
		if (dev == n1->dev && n1->primary_key == pkey) {
			if (want_ref)
				neigh_hold(n1);
			rc = n1;
			goto out_tbl_unlock;
		}
	}

	n->dead = 0;
	if (want_ref)
		neigh_hold(n);
	n->next = tbl->hash_buckets[hash_val];
	tbl->hash_buckets[hash_val] = n;
	pthread_mutex_unlock(&tbl->lock);
	/* The trace: where 3.10 logs that the entry is created. */
	cs_trace(neigh_create, n);
	cs_neigh_gc_schedule(tbl);
	rc = n;
out:
	return rc;
out_tbl_unlock:
	pthread_mutex_unlock(&tbl->lock);
out_neigh_release:
	neigh_release(n);
	goto out;
}

/* neigh_destroy - the last reference is gone: free an entry that must
 * already be out of the table (dead), with what it still queues. */
void neigh_destroy(struct neighbour *neigh)
{
	if (!neigh->dead)
		return;		/* 3.10 warns: destroying an alive neighbour */

	neigh_del_timer(neigh);	/* 3.10 warns if it was pending: impossible */

	pthread_mutex_lock(&neigh->lock);
	__skb_queue_purge(&neigh->arp_queue);
	pthread_mutex_unlock(&neigh->lock);
	neigh->arp_queue_len_bytes = 0;

	atomic_fetch_sub(&neigh->tbl->entries, 1);
	pthread_mutex_destroy(&neigh->lock);
	free(neigh);		/* 3.10: kfree_rcu */
}

/* The state is suspicious: no fast path.  Called with neigh->lock held. */
static void neigh_suspect(struct neighbour *neigh)
{
	neigh->output = neigh->ops->output;
}

/* The state is fine: the fast path.  Called with neigh->lock held. */
static void neigh_connect(struct neighbour *neigh)
{
	neigh->output = neigh->ops->connected_output;
}

/* neigh_periodic_work - from gc_thresh1 entries up, free those only the
 * table holds, outside a timer and not PERMANENT, that FAILED or were not
 * used for gc_staletime. */
void neigh_periodic_work(unsigned long arg)
{
	struct neigh_table *tbl = (struct neigh_table *)arg;
	struct neighbour *n;
	struct neighbour **np;
	unsigned int i;

	pthread_mutex_lock(&tbl->lock);

	if (atomic_load(&tbl->entries) < tbl->net->sysctl.neigh_gc_thresh1)
		goto out;

	for (i = 0; i < NEIGH_HASHSIZE; i++) {
		np = &tbl->hash_buckets[i];

		while ((n = *np) != NULL) {
			unsigned int state;

			pthread_mutex_lock(&n->lock);

			state = n->nud_state;
			if (state & (NUD_PERMANENT | NUD_IN_TIMER)) {
				pthread_mutex_unlock(&n->lock);
				goto next_elt;
			}

			if (time_before(n->used, n->confirmed))
				n->used = n->confirmed;

			if (atomic_load(&n->refcnt) == 1 &&
			    (state == NUD_FAILED ||
			     time_after(net_jiffies(tbl->net), n->used +
					(unsigned long)tbl->net->sysctl.neigh_gc_stale_time * HZ))) {
				*np = n->next;
				n->dead = 1;
				pthread_mutex_unlock(&n->lock);
				neigh_release(n);	/* neigh_cleanup_and_release */
				continue;
			}
			pthread_mutex_unlock(&n->lock);

next_elt:
			np = &n->next;
		}
		/* The lock may be let go here, between buckets. */
		pthread_mutex_unlock(&tbl->lock);
		pthread_mutex_lock(&tbl->lock);
	}
out:
	/* Every bucket is visited every base_reachable_time / 2 (here while
	 * the table holds gc_thresh1 entries or more). */
	if (atomic_load(&tbl->entries) >= tbl->net->sysctl.neigh_gc_thresh1)
		mod_timer(&tbl->gc_timer,
			  net_jiffies(tbl->net) + (tbl->parms.base_reachable_time >> 1));
	pthread_mutex_unlock(&tbl->lock);
}

/* neigh_max_probes - probes allowed: unicast ones only when re-checking a
 * known entry (PROBE), all kinds while resolving.  The counts are any int
 * (proc_dointvec): their sum wraps as the kernel's does, in u32. */
static int neigh_max_probes(struct neighbour *n)
{
	struct neigh_parms *p = n->parms;

	return (n->nud_state & NUD_PROBE) ?
		n->net->sysctl.neigh_ucast_probes :
		(int)((u32)n->net->sysctl.neigh_ucast_probes + (u32)p->app_probes +
		      (u32)n->net->sysctl.neigh_mcast_probes);
}

/* neigh_invalidate - resolution failed: report every queued frame to its
 * sender and empty the queue.  Called with neigh->lock held; drops it
 * around each report. */
static void neigh_invalidate(struct neighbour *neigh)
{
	struct sk_buff *skb;

	NET_INC_STATS(neigh->net, CS_ARPFAILED);	/* res_failed */
	/* The trace: where 3.10 logs that the entry failed; it counts the
	 * frames about to be reported. */
	cs_trace(neigh_invalidate, neigh);
	neigh->updated = net_jiffies(neigh->net);

	/* A delicate place: error_report may come back to this very entry,
	 * so the state is checked again for each frame. */
	while (neigh->nud_state == NUD_FAILED &&
	       (skb = __skb_dequeue(&neigh->arp_queue)) != NULL) {
		pthread_mutex_unlock(&neigh->lock);
		neigh->ops->error_report(neigh, skb);
		pthread_mutex_lock(&neigh->lock);
	}
	__skb_queue_purge(&neigh->arp_queue);
	neigh->arp_queue_len_bytes = 0;
}

/* neigh_probe - solicit once and count the probe.  Called with
 * neigh->lock held; releases it. */
static void neigh_probe(struct neighbour *neigh)
{
	struct sk_buff *skb = skb_peek(&neigh->arp_queue);
	/* a copy keeps the frame alive should the queue overflow meanwhile */
	if (skb)
		skb = skb_copy(skb);
	pthread_mutex_unlock(&neigh->lock);
	neigh->ops->solicit(neigh, skb);
	atomic_fetch_add(&neigh->probes, 1);
	kfree_skb(skb);
}

/* neigh_timer_handler - an entry's timer expired (timer softirq): age
 * REACHABLE and DELAY entries; for INCOMPLETE and PROBE, give up once the
 * probes are used up (FAILED, queue reported) or probe again. */
void neigh_timer_handler(unsigned long arg)
{
	unsigned long now, next;
	struct neighbour *neigh = (struct neighbour *)arg;
	unsigned int state;

	pthread_mutex_lock(&neigh->lock);

	state = neigh->nud_state;
	now = net_jiffies(neigh->net);
	next = now + HZ;

	if (!(state & NUD_IN_TIMER))
		goto out;

	/* Each neigh_state_change below fires just before the assignment
	 * and reads the state being left. */
	if (state & NUD_REACHABLE) {
		if (time_before_eq(now,
				   neigh->confirmed + neigh->parms->reachable_time)) {
			/* still alive */
			next = neigh->confirmed + neigh->parms->reachable_time;
		} else if (time_before_eq(now,
					  neigh->used + neigh->parms->delay_probe_time)) {
			/* delayed */
			cs_trace(neigh_state_change, neigh, NUD_DELAY);
			neigh->nud_state = NUD_DELAY;
			neigh->updated = net_jiffies(neigh->net);
			neigh_suspect(neigh);
			next = now + neigh->parms->delay_probe_time;
		} else {
			/* suspected */
			cs_trace(neigh_state_change, neigh, NUD_STALE);
			neigh->nud_state = NUD_STALE;
			neigh->updated = net_jiffies(neigh->net);
			neigh_suspect(neigh);
		}
	} else if (state & NUD_DELAY) {
		if (time_before_eq(now,
				   neigh->confirmed + neigh->parms->delay_probe_time)) {
			/* reachable again */
			cs_trace(neigh_state_change, neigh, NUD_REACHABLE);
			neigh->nud_state = NUD_REACHABLE;
			neigh->updated = net_jiffies(neigh->net);
			neigh_connect(neigh);
			next = neigh->confirmed + neigh->parms->reachable_time;
		} else {
			/* probed */
			cs_trace(neigh_state_change, neigh, NUD_PROBE);
			neigh->nud_state = NUD_PROBE;
			neigh->updated = net_jiffies(neigh->net);
			atomic_store(&neigh->probes, 0);
			next = now + msecs_to_jiffies((unsigned int)neigh->net->sysctl.neigh_retrans_ms);
		}
	} else {
		/* NUD_PROBE|NUD_INCOMPLETE */
		next = now + msecs_to_jiffies((unsigned int)neigh->net->sysctl.neigh_retrans_ms);
	}

	if ((neigh->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) &&
	    atomic_load(&neigh->probes) >= neigh_max_probes(neigh)) {
		cs_trace(neigh_state_change, neigh, NUD_FAILED);
		neigh->nud_state = NUD_FAILED;
		neigh_invalidate(neigh);
	}

	if (neigh->nud_state & NUD_IN_TIMER) {
		if (time_before(next, net_jiffies(neigh->net) + HZ / 2))
			next = net_jiffies(neigh->net) + HZ / 2;
		if (!mod_timer(&neigh->timer, next))
			neigh_hold(neigh);
	}
	if (neigh->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) {
		neigh_probe(neigh);
	} else {
out:
		pthread_mutex_unlock(&neigh->lock);
	}

	neigh_release(neigh);	/* the reference of the timer that ran */
}

/* __neigh_event_send - an entry that is not usable as is: start resolving
 * (INCOMPLETE, first probe now, timer at retrans_time) or, for STALE,
 * start DELAY.  Returns 1 if @skb was queued (or dropped), 0 if it may be
 * sent now. */
int __neigh_event_send(struct neighbour *neigh, struct sk_buff *skb)
{
	int rc;
	bool immediate_probe = false;

	pthread_mutex_lock(&neigh->lock);

	rc = 0;
	if (neigh->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		goto out_unlock_bh;

	if (!(neigh->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
		if ((u32)neigh->net->sysctl.neigh_mcast_probes + (u32)neigh->parms->app_probes) {
			unsigned long next, now = net_jiffies(neigh->net);

			atomic_store(&neigh->probes, neigh->net->sysctl.neigh_ucast_probes);
			/* the trace reads the state being left */
			cs_trace(neigh_state_change, neigh, NUD_INCOMPLETE);
			neigh->nud_state = NUD_INCOMPLETE;
			neigh->updated = now;
			next = now + max(msecs_to_jiffies((unsigned int)neigh->net->sysctl.neigh_retrans_ms),
					 HZ / 2);
			neigh_add_timer(neigh, next);
			immediate_probe = true;
		} else {
			cs_trace(neigh_state_change, neigh, NUD_FAILED);
			neigh->nud_state = NUD_FAILED;
			neigh->updated = net_jiffies(neigh->net);
			pthread_mutex_unlock(&neigh->lock);

			kfree_skb(skb);
			return 1;
		}
	} else if (neigh->nud_state & NUD_STALE) {
		/* delayed */
		cs_trace(neigh_state_change, neigh, NUD_DELAY);
		neigh->nud_state = NUD_DELAY;
		neigh->updated = net_jiffies(neigh->net);
		neigh_add_timer(neigh,
				net_jiffies(neigh->net) + neigh->parms->delay_probe_time);
	}

	if (neigh->nud_state == NUD_INCOMPLETE) {
		if (skb) {
			while (neigh->arp_queue_len_bytes + skb->truesize >
			       (unsigned int)neigh->parms->queue_len_bytes) {
				struct sk_buff *buff;

				buff = __skb_dequeue(&neigh->arp_queue);
				if (!buff)
					break;
				neigh->arp_queue_len_bytes -= buff->truesize;
				kfree_skb(buff);
			}
			__skb_queue_tail(&neigh->arp_queue, skb);
			neigh->arp_queue_len_bytes += skb->truesize;
		}
		rc = 1;
	}
out_unlock_bh:
	if (immediate_probe)
		neigh_probe(neigh);
	else
		pthread_mutex_unlock(&neigh->lock);
	return rc;
}

/* neigh_update - the generic update: @lladdr is the new address or NULL,
 * @new the new state.  NEIGH_UPDATE_F_OVERRIDE lets a different address
 * replace the cached one; NEIGH_UPDATE_F_WEAK_OVERRIDE makes a connected
 * entry with a different address STALE instead, and keeps the state when
 * the address is the same; NEIGH_UPDATE_F_ADMIN is an administrative
 * change.  The caller holds a reference. */
int neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new, u32 flags)
{
	u8 old;
	int err;

	pthread_mutex_lock(&neigh->lock);

	old = neigh->nud_state;
	err = -EPERM;

	if (!(flags & NEIGH_UPDATE_F_ADMIN) &&
	    (old & (NUD_NOARP | NUD_PERMANENT)))
		goto out;

	if (!(new & NUD_VALID)) {
		neigh_del_timer(neigh);
		if (old & NUD_CONNECTED)
			neigh_suspect(neigh);
		/* the trace reads the state being left */
		cs_trace(neigh_state_change, neigh, new);
		neigh->nud_state = new;
		err = 0;
		if ((old & (NUD_INCOMPLETE | NUD_PROBE)) &&
		    (new & NUD_FAILED))
			neigh_invalidate(neigh);
		goto out;
	}

	/* Compare the new address with the cached one (every device here
	 * has an address: 3.10's first case, a device without, is gone). */
	if (lladdr) {
		/* Something is cached and an address is proposed: if they
		 * differ, the override flags decide below. */
		if ((old & NUD_VALID) &&
		    !memcmp(lladdr, neigh->ha, sizeof(neigh->ha)))
			lladdr = neigh->ha;
	} else {
		/* No address given: use what we know, else refuse. */
		err = -EINVAL;
		if (!(old & NUD_VALID))
			goto out;
		lladdr = neigh->ha;
	}

	if (new & NUD_CONNECTED)
		neigh->confirmed = net_jiffies(neigh->net);
	neigh->updated = net_jiffies(neigh->net);

	/* A valid entry whose address does not change keeps its state when
	 * the new one is STALE. */
	err = 0;
	if (old & NUD_VALID) {
		if (lladdr != neigh->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
			if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) &&
			    (old & NUD_CONNECTED)) {
				lladdr = neigh->ha;
				new = NUD_STALE;
			} else
				goto out;
		} else {
			if (lladdr == neigh->ha && new == NUD_STALE &&
			    ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) ||
			     (old & NUD_CONNECTED)))
				new = old;
		}
	}

	if (new != old) {
		neigh_del_timer(neigh);
		if (new & NUD_IN_TIMER)
			neigh_add_timer(neigh, (net_jiffies(neigh->net) +
						((new & NUD_REACHABLE) ?
						 neigh->parms->reachable_time :
						 0)));
		cs_trace(neigh_state_change, neigh, new);
		neigh->nud_state = new;
	}

	if (lladdr != neigh->ha) {
		memcpy(neigh->ha, lladdr, sizeof(neigh->ha));
		if (!(new & NUD_CONNECTED))
			neigh->confirmed = net_jiffies(neigh->net) -
				      (neigh->parms->base_reachable_time << 1);
	}
	if (new == old)
		goto out;
	if (new & NUD_CONNECTED)
		neigh_connect(neigh);
	else
		neigh_suspect(neigh);
	if (!(old & NUD_VALID)) {
		struct sk_buff *skb;

		/* Again: no dead loop if something went wrong. */
		while (neigh->nud_state & NUD_VALID &&
		       (skb = __skb_dequeue(&neigh->arp_queue)) != NULL) {
			/* 3.10 looks the frame's neighbour up again through
			 * its dst and reads its output unlocked; here the
			 * entry is the one, its output read under the lock. */
			int (*output)(struct neighbour *, struct sk_buff *) = neigh->output;

			pthread_mutex_unlock(&neigh->lock);
			output(neigh, skb);
			pthread_mutex_lock(&neigh->lock);
		}
		__skb_queue_purge(&neigh->arp_queue);
		neigh->arp_queue_len_bytes = 0;
	}
out:
	pthread_mutex_unlock(&neigh->lock);

	return err;
}

/* neigh_event_ns - a host asked for one of our addresses: learn (or
 * refresh) its address as STALE.  Returned held. */
struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
				 __be32 saddr, struct net_device *dev)
{
	struct neighbour *neigh = __neigh_lookup(tbl, saddr, dev, lladdr != NULL);

	if (neigh)
		neigh_update(neigh, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
	return neigh;
}

/* neigh_resolve_output - slow and careful: the frame goes now if the entry
 * is usable, else waits on its queue.  Returns 0 (sent or queued) or
 * -EINVAL (no route on the skb, or no header could be built: the frame is
 * freed).  No hh cache: the header is built from the address each time. */
int neigh_resolve_output(struct neighbour *neigh, struct sk_buff *skb)
{
	int rc = 0;

	if (!skb_rtable(skb))
		goto discard;

	if (!neigh_event_send(neigh, skb)) {
		int err;
		struct net_device *dev = neigh->dev;
		u8 ha[ETH_ALEN];

		skb_pull(skb, (unsigned int)skb_network_offset(skb));
		neigh_ha_snapshot(ha, neigh);
		err = eth_header(skb, dev, skb->protocol, ha, NULL);

		if (err >= 0)
			rc = dev_queue_xmit(skb);
		else
			goto out_kfree_skb;
	}
out:
	/* The trace: the entry's state and queue as the frame leaves or
	 * waits (INCOMPLETE: held). */
	cs_trace(neigh_resolve_output, neigh);
	return rc;
discard:
out_kfree_skb:
	rc = -EINVAL;
	kfree_skb(skb);
	goto out;
}

/* neigh_connected_output - as fast as possible, without the hh cache. */
int neigh_connected_output(struct neighbour *neigh, struct sk_buff *skb)
{
	struct net_device *dev = neigh->dev;
	u8 ha[ETH_ALEN];
	int err;

	skb_pull(skb, (unsigned int)skb_network_offset(skb));
	neigh_ha_snapshot(ha, neigh);
	err = eth_header(skb, dev, skb->protocol, ha, NULL);

	if (err >= 0)
		err = dev_queue_xmit(skb);
	else {
		err = -EINVAL;
		kfree_skb(skb);
	}
	return err;
}

/* neigh_table_init - the ARP table of a stack with arp_tbl's parameters
 * (retrans_time and the probe counts are the sysctls, read when used). */
int neigh_table_init(struct net *net, struct neigh_table *tbl)
{
	memset(tbl->hash_buckets, 0, sizeof(tbl->hash_buckets));
	atomic_init(&tbl->entries, 0);
	tbl->net = net;
	tbl->last_flush = net_jiffies(net);
	setup_timer(&tbl->gc_timer, net, neigh_periodic_work, (unsigned long)tbl);
	tbl->hash = arp_hash;
	tbl->constructor = arp_constructor;
	tbl->parms.base_reachable_time = 30 * HZ;
	tbl->parms.reachable_time = 30 * HZ;
	tbl->parms.delay_probe_time = 5 * HZ;
	tbl->parms.app_probes = 0;
	tbl->parms.queue_len_bytes = 64 * 1024;
	tbl->parms.locktime = 1 * HZ;
	return pthread_mutex_init(&tbl->lock, NULL) ? -ENOMEM : 0;
}

/* neigh_table_clear - stop every entry's timer, drop queued frames and
 * free the entries (3.10's neigh_ifdown for every device).  The softirq
 * must no longer run. */
void neigh_table_clear(struct neigh_table *tbl)
{
	del_timer(&tbl->gc_timer);
	for (int i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n = tbl->hash_buckets[i];

		while (n) {
			struct neighbour *next = n->next;

			del_timer(&n->timer);
			__skb_queue_purge(&n->arp_queue);
			pthread_mutex_destroy(&n->lock);
			free(n);
			n = next;
		}
		tbl->hash_buckets[i] = NULL;
	}
	atomic_store(&tbl->entries, 0);
	pthread_mutex_destroy(&tbl->lock);
}
