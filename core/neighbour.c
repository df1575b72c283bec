// SPDX-License-Identifier: GPL-2.0-only
/*
 * neighbour.c - the neighbour (ARP) cache and its NUD state machine
 * (net/core/neighbour.c, Linux 3.10).
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
 * Locks: tbl->lock guards the hash chains; neigh->lock guards an entry's
 * state, address, queue and probe count.  Neither is held while a frame is
 * sent or an error reported, as in the kernel.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "net.h"
#include "ip.h"
#include "trace.h"


/* jiffies, and the parameters read from the sysctls at each use. */
static unsigned long neigh_now(const struct neighbour *n)
{
	return net_jiffies(n->net);
}

static unsigned long neigh_retrans_time(const struct neighbour *n)
{
	return (unsigned long)n->net->sysctl.neigh_retrans_ms * HZ / 1000;
}

static int neigh_ucast_probes(const struct neighbour *n)
{
	return n->net->sysctl.neigh_ucast_probes;
}

/* mcast_solicit, from connscope.neigh_mcast_probes (default 3). */
static int neigh_mcast_probes(const struct neighbour *n)
{
	return n->net->sysctl.neigh_mcast_probes;
}

/* neigh_max_probes - probes allowed: unicast ones only when re-checking a
 * known entry (PROBE), all kinds while resolving.  The counts are any int
 * (proc_dointvec): their sum wraps as the kernel's does, in u32. */
static int neigh_max_probes(const struct neighbour *n)
{
	const struct neigh_parms *p = &n->tbl->parms;

	return (n->nud_state & NUD_PROBE) ? neigh_ucast_probes(n) :
		(int)((u32)neigh_ucast_probes(n) + (u32)p->app_probes +
		      (u32)neigh_mcast_probes(n));
}

/* Every NUD state change goes through here, so the trace sees it.
 * Caller holds n->lock. */
static void neigh_set_state(struct neighbour *n, u8 state)
{
	u8 old = n->nud_state;

	n->nud_state = state;
	if (old != state)
		cs_trace(neigh_state_change, n, old);
}

/* The pending timer holds a reference (3.10 warns if it was pending). */
static void neigh_add_timer(struct neighbour *n, unsigned long when)
{
	neigh_hold(n);
	if (mod_timer(&n->timer, when))
		neigh_release(n);
}

static int neigh_del_timer(struct neighbour *n)
{
	if ((n->nud_state & NUD_IN_TIMER) && del_timer(&n->timer)) {
		neigh_release(n);
		return 1;
	}
	return 0;
}

/* neigh_connect / neigh_suspect - the fast output while the entry is
 * connected, the resolving output otherwise.  Caller holds n->lock. */
static void neigh_connect(struct neighbour *n)
{
	n->output = neigh_connected_output;
}

static void neigh_suspect(struct neighbour *n)
{
	n->output = neigh_resolve_output;
}

static unsigned int neigh_hash(__be32 key, const struct net_device *dev)
{
	u32 h = (u32)key ^ (u32)dev->ifindex;

	h ^= h >> 16;
	h ^= h >> 8;
	return h % NEIGH_HASHSIZE;
}

/* Caller holds tbl->lock. */
static struct neighbour *__neigh_find(struct neigh_table *tbl, __be32 key,
				      const struct net_device *dev)
{
	struct neighbour *n;

	for (n = tbl->hash[neigh_hash(key, dev)]; n; n = n->next)
		if (n->primary_key == key && n->dev == dev)
			return n;
	return NULL;
}

/* neigh_lookup - the entry for @key on @dev, held, or NULL. */
struct neighbour *neigh_lookup(struct neigh_table *tbl, __be32 key,
			       const struct net_device *dev)
{
	struct neighbour *n;

	pthread_mutex_lock(&tbl->lock);
	n = __neigh_find(tbl, key, dev);
	if (n)
		neigh_hold(n);
	pthread_mutex_unlock(&tbl->lock);
	return n;
}

/* __neigh_create - a new entry in NUD_NONE, set up by the protocol's
 * constructor (arp_constructor), unless one appeared meanwhile; returned
 * held (want_ref), the table keeping the first reference. */
static struct neighbour *__neigh_create(struct neigh_table *tbl, __be32 key,
					struct net_device *dev)
{
	struct neighbour *n1, *rc, *n = neigh_alloc(tbl, dev);
	unsigned int h;

	if (!n) {
		rc = ERR_PTR(-ENOBUFS);
		goto out;
	}
	n->primary_key = key;
	if (tbl->constructor(n) < 0) {
		rc = ERR_PTR(-EINVAL);
		goto out_neigh_release;
	}
	pthread_mutex_lock(&tbl->lock);
	n1 = __neigh_find(tbl, key, dev);
	if (n1) {
		neigh_hold(n1);
		rc = n1;
		goto out_tbl_unlock;
	}
	n->dead = 0;
	neigh_hold(n);
	h = neigh_hash(key, dev);
	n->next = tbl->hash[h];
	tbl->hash[h] = n;
	pthread_mutex_unlock(&tbl->lock);
	cs_trace(neigh_create, n);
	neigh_gc_schedule(tbl);
	rc = n;
out:
	return rc;
out_tbl_unlock:
	pthread_mutex_unlock(&tbl->lock);
out_neigh_release:
	neigh_release(n);
	goto out;
}

/* __neigh_lookup - look up, and with @creat create, the entry. */
struct neighbour *__neigh_lookup(struct neigh_table *tbl, __be32 key,
				 struct net_device *dev, int creat)
{
	struct neighbour *n = neigh_lookup(tbl, key, dev);

	if (n || !creat)
		return n;
	n = __neigh_create(tbl, key, dev);
	return IS_ERR(n) ? NULL : n;
}

/* neigh_state - the NUD state of an entry (NUD_NONE if none), for tests
 * and tools. */
u8 neigh_state(struct neigh_table *tbl, __be32 key, const struct net_device *dev)
{
	struct neighbour *n = neigh_lookup(tbl, key, dev);
	u8 state = NUD_NONE;

	if (n) {
		pthread_mutex_lock(&n->lock);
		state = n->nud_state;
		pthread_mutex_unlock(&n->lock);
		neigh_release(n);
	}
	return state;
}

/* neigh_probe - solicit once (a copy of the oldest queued frame tells ARP
 * which source to announce) and count the probe.  Called with n->lock
 * held; releases it. */
static void neigh_probe(struct neighbour *n)
{
	struct sk_buff *skb = skb_peek(&n->arp_queue);

	if (skb)
		skb = skb_copy(skb);
	pthread_mutex_unlock(&n->lock);
	n->ops->solicit(n, skb);
	pthread_mutex_lock(&n->lock);
	n->probes = (int)((u32)n->probes + 1);	/* atomic_inc: wraps */
	pthread_mutex_unlock(&n->lock);
	kfree_skb(skb);
}

/* neigh_invalidate - resolution failed: report every queued frame to its
 * sender (the lock is dropped around each report) and empty the queue.
 * Caller holds n->lock. */
static void neigh_invalidate(struct neighbour *n)
{
	struct sk_buff *skb;

	NET_INC_STATS(n->net, CS_ARPFAILED);
	cs_trace(neigh_invalidate, n, skb_queue_len(&n->arp_queue));
	n->updated = neigh_now(n);
	while (n->nud_state == NUD_FAILED &&
	       (skb = __skb_dequeue(&n->arp_queue)) != NULL) {
		pthread_mutex_unlock(&n->lock);
		n->ops->error_report(n, skb);
		pthread_mutex_lock(&n->lock);
	}
	__skb_queue_purge(&n->arp_queue);
	n->arp_queue_len_bytes = 0;
}

/* neigh_timer_reachable - the REACHABLE/DELAY part of the timer: returns
 * the next expiry.  Caller holds n->lock. */
static unsigned long neigh_timer_reachable(struct neighbour *n, unsigned long now)
{
	const struct neigh_parms *p = &n->tbl->parms;

	if (n->nud_state & NUD_REACHABLE) {
		if (!time_after(now, n->confirmed + p->reachable_time))
			return n->confirmed + p->reachable_time;
		n->updated = now;
		neigh_suspect(n);
		if (!time_after(now, n->used + p->delay_probe_time)) {
			neigh_set_state(n, NUD_DELAY);
			return now + p->delay_probe_time;
		}
		neigh_set_state(n, NUD_STALE);
		return now + HZ;
	}
	/* NUD_DELAY */
	n->updated = now;
	if (!time_after(now, n->confirmed + p->delay_probe_time)) {
		neigh_set_state(n, NUD_REACHABLE);
		neigh_connect(n);
		return n->confirmed + p->reachable_time;
	}
	neigh_set_state(n, NUD_PROBE);
	n->probes = 0;
	return now + neigh_retrans_time(n);
}

/* neigh_timer_handler - the entry's timer (timer softirq): age REACHABLE
 * and DELAY entries; for INCOMPLETE and PROBE, give up once the probes are
 * used up (FAILED, queue reported) or probe again. */
void neigh_timer_handler(unsigned long arg)
{
	struct neighbour *n = (struct neighbour *)arg;
	unsigned long now, next;

	pthread_mutex_lock(&n->lock);
	now = neigh_now(n);
	next = now + HZ;
	if (!(n->nud_state & NUD_IN_TIMER)) {
		pthread_mutex_unlock(&n->lock);
		goto out;
	}
	if (n->nud_state & (NUD_REACHABLE | NUD_DELAY))
		next = neigh_timer_reachable(n, now);
	else
		next = now + neigh_retrans_time(n);
	if ((n->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) &&
	    n->probes >= neigh_max_probes(n)) {
		neigh_set_state(n, NUD_FAILED);
		neigh_invalidate(n);
	}
	if (n->nud_state & NUD_IN_TIMER) {
		if (time_after(now + HZ / 2, next))
			next = now + HZ / 2;
		if (!mod_timer(&n->timer, next))
			neigh_hold(n);
	}
	if (n->nud_state & (NUD_INCOMPLETE | NUD_PROBE))
		neigh_probe(n);
	else
		pthread_mutex_unlock(&n->lock);
out:
	neigh_release(n);	/* the reference of the timer that ran */
}

/* neigh_queue_skb - hold @skb on an INCOMPLETE entry, dropping the oldest
 * frames while the queue would exceed queue_len_bytes.  Caller holds
 * n->lock. */
static void neigh_queue_skb(struct neighbour *n, struct sk_buff *skb)
{
	while (n->arp_queue_len_bytes + skb->truesize >
	       (unsigned int)n->tbl->parms.queue_len_bytes) {
		struct sk_buff *buff = __skb_dequeue(&n->arp_queue);

		if (!buff)
			break;
		n->arp_queue_len_bytes -= buff->truesize;
		kfree_skb(buff);
	}
	__skb_queue_tail(&n->arp_queue, skb);
	n->arp_queue_len_bytes += skb->truesize;
}

/* __neigh_event_send - an entry that is not usable as is: start resolving
 * (INCOMPLETE, first probe now, timer at retrans_time) or, for STALE,
 * start DELAY.  Returns 1 if @skb was queued (or dropped), 0 if it may be
 * sent now. */
static int __neigh_event_send(struct neighbour *n, struct sk_buff *skb)
{
	bool immediate_probe = false;
	unsigned long now;
	int rc = 0;

	pthread_mutex_lock(&n->lock);
	now = neigh_now(n);
	if (n->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		goto out_unlock;
	if (!(n->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
		if ((u32)neigh_mcast_probes(n) + (u32)n->tbl->parms.app_probes) {
			unsigned long rt = neigh_retrans_time(n);

			n->probes = neigh_ucast_probes(n);
			neigh_set_state(n, NUD_INCOMPLETE);
			n->updated = now;
			neigh_add_timer(n, now + (rt > HZ / 2 ? rt : HZ / 2));
			immediate_probe = true;
		} else {
			neigh_set_state(n, NUD_FAILED);
			n->updated = now;
			pthread_mutex_unlock(&n->lock);
			kfree_skb(skb);
			return 1;
		}
	} else if (n->nud_state & NUD_STALE) {
		neigh_set_state(n, NUD_DELAY);
		n->updated = now;
		neigh_add_timer(n, now + n->tbl->parms.delay_probe_time);
	}
	if (n->nud_state == NUD_INCOMPLETE) {
		if (skb)
			neigh_queue_skb(n, skb);
		rc = 1;
	}
out_unlock:
	if (immediate_probe)
		neigh_probe(n);
	else
		pthread_mutex_unlock(&n->lock);
	return rc;
}

/* neigh_event_send - note the use, and resolve if not connected. */
static int neigh_event_send(struct neighbour *n, struct sk_buff *skb)
{
	u8 state;

	pthread_mutex_lock(&n->lock);
	n->used = neigh_now(n);
	state = n->nud_state;
	pthread_mutex_unlock(&n->lock);
	if (!(state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)))
		return __neigh_event_send(n, skb);
	return 0;
}

/* neigh_hard_header - dev_hard_header with the entry's current address. */
static int neigh_hard_header(struct neighbour *n, struct sk_buff *skb)
{
	u8 ha[6];

	skb_pull(skb, (unsigned int)skb_network_offset(skb));
	pthread_mutex_lock(&n->lock);
	memcpy(ha, n->ha, sizeof(ha));
	pthread_mutex_unlock(&n->lock);
	return eth_header(skb, n->dev, skb->protocol, ha, NULL);
}

/* neigh_resolve_output - send through an entry that may need resolving:
 * the frame goes now if the entry is usable, else waits on its queue.
 * Returns 0 (sent or queued) or -EINVAL (no route on the skb, or no
 * header could be built: the frame is freed). */
int neigh_resolve_output(struct neighbour *n, struct sk_buff *skb)
{
	int queued, rc = 0;

	if (!skb_rtable(skb)) {
		kfree_skb(skb);
		return -EINVAL;
	}
	queued = neigh_event_send(n, skb);
	cs_trace(neigh_resolve_output, n, queued);
	if (!queued) {
		if (neigh_hard_header(n, skb) >= 0)
			rc = dev_queue_xmit(skb);
		else {
			kfree_skb(skb);
			rc = -EINVAL;
		}
	}
	return rc;
}

/* neigh_connected_output - send through a connected entry (the kernel's
 * hh-cache path: the cached header is the one built here). */
int neigh_connected_output(struct neighbour *n, struct sk_buff *skb)
{
	if (neigh_hard_header(n, skb) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

/* neigh_update_flush - the entry just became valid: send what waited on
 * it, each frame through the entry's current output, with the lock
 * dropped around each send.  Called with n->lock held; releases it. */
static void neigh_update_flush(struct neighbour *n)
{
	struct sk_buff *skb;

	while ((n->nud_state & NUD_VALID) &&
	       (skb = __skb_dequeue(&n->arp_queue)) != NULL) {
		int (*output)(struct neighbour *, struct sk_buff *) = n->output;

		n->arp_queue_len_bytes -= skb->truesize;
		pthread_mutex_unlock(&n->lock);
		output(n, skb);
		pthread_mutex_lock(&n->lock);
	}
	__skb_queue_purge(&n->arp_queue);
	n->arp_queue_len_bytes = 0;
	pthread_mutex_unlock(&n->lock);
}

/* neigh_update_lladdr - the address part of neigh_update: decides which
 * address and state to keep.  Returns false when the update is refused (a
 * different address without override).  Caller holds n->lock. */
static bool neigh_update_lladdr(struct neighbour *n, const u8 **lladdr, u8 *new,
				u32 flags)
{
	u8 old = n->nud_state;

	if (!(old & NUD_VALID))
		return true;
	if (*lladdr != n->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
		if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) && (old & NUD_CONNECTED)) {
			*lladdr = n->ha;
			*new = NUD_STALE;
			return true;
		}
		return false;
	}
	if (*lladdr == n->ha && *new == NUD_STALE &&
	    ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) || (old & NUD_CONNECTED)))
		*new = old;
	return true;
}

/* neigh_update_invalid - neigh_update to a state without an address
 * (NONE, INCOMPLETE, FAILED): a failed resolution reports its queue.
 * Caller holds n->lock. */
static void neigh_update_invalid(struct neighbour *n, u8 old, u8 new)
{
	neigh_del_timer(n);
	if (old & NUD_CONNECTED)
		neigh_suspect(n);
	neigh_set_state(n, new);
	if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (new & NUD_FAILED))
		neigh_invalidate(n);
}

/* neigh_update - set the entry's link-layer address and state (from ARP).
 * NOARP and PERMANENT entries are left alone.  An entry that becomes valid
 * sends its queue; one that stays valid keeps its state when told STALE
 * with the same address.  Returns 0, -EPERM or -EINVAL. */
int neigh_update(struct neighbour *n, const u8 *lladdr, u8 new, u32 flags)
{
	unsigned long now;
	u8 old;

	pthread_mutex_lock(&n->lock);
	now = neigh_now(n);
	old = n->nud_state;
	if (!(flags & NEIGH_UPDATE_F_ADMIN) && (old & (NUD_NOARP | NUD_PERMANENT)))
		goto refused;
	if (!(new & NUD_VALID)) {
		neigh_update_invalid(n, old, new);
		pthread_mutex_unlock(&n->lock);
		return 0;
	}
	if (lladdr) {
		if ((old & NUD_VALID) && !memcmp(lladdr, n->ha, sizeof(n->ha)))
			lladdr = n->ha;
	} else {
		if (!(old & NUD_VALID)) {
			pthread_mutex_unlock(&n->lock);
			return -EINVAL;
		}
		lladdr = n->ha;
	}
	if (new & NUD_CONNECTED)
		n->confirmed = now;
	n->updated = now;
	if (!neigh_update_lladdr(n, &lladdr, &new, flags)) {
		pthread_mutex_unlock(&n->lock);
		return 0;
	}
	if (new != old) {
		neigh_del_timer(n);
		if (new & NUD_IN_TIMER)
			neigh_add_timer(n, now + ((new & NUD_REACHABLE) ?
						  n->tbl->parms.reachable_time : 0));
		neigh_set_state(n, new);
	}
	if (lladdr != n->ha) {
		memcpy(n->ha, lladdr, sizeof(n->ha));
		if (!(new & NUD_CONNECTED))
			n->confirmed = now - (n->tbl->parms.base_reachable_time << 1);
	}
	if (new == old) {
		pthread_mutex_unlock(&n->lock);
		return 0;
	}
	if (new & NUD_CONNECTED)
		neigh_connect(n);
	else
		neigh_suspect(n);
	if (!(old & NUD_VALID)) {
		neigh_update_flush(n);
		return 0;
	}
	pthread_mutex_unlock(&n->lock);
	return 0;

refused:
	pthread_mutex_unlock(&n->lock);
	return -EPERM;
}

/* neigh_event_ns - a host asked for one of our addresses: learn (or
 * refresh) its address as STALE. */
struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
				 __be32 saddr, struct net_device *dev)
{
	struct neighbour *n = __neigh_lookup(tbl, saddr, dev, lladdr != NULL);

	if (n)
		neigh_update(n, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
	return n;	/* held: the caller releases it */
}

/* ip_finish_output2_neigh - the neighbour half of ip_finish_output2: find
 * or create the entry for @nexthop on skb->dev and send through it
 * (dst_neigh_output: the connected path, else the entry's output). */
int ip_finish_output2_neigh(struct net *net, __be32 nexthop, struct sk_buff *skb)
{
	int (*output)(struct neighbour *, struct sk_buff *);
	struct neighbour *n;
	int err;

	n = neigh_lookup(&net->arp_tbl, nexthop, skb->dev);
	if (!n)
		n = __neigh_create(&net->arp_tbl, nexthop, skb->dev);
	if (IS_ERR(n)) {
		kfree_skb(skb);
		return -EINVAL;
	}
	pthread_mutex_lock(&n->lock);
	output = (n->nud_state & NUD_CONNECTED) ? neigh_connected_output : n->output;
	pthread_mutex_unlock(&n->lock);
	err = output(n, skb);
	neigh_release(n);
	return err;
}
