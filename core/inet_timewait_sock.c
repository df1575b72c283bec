// SPDX-License-Identifier: GPL-2.0-only
/*
 * inet_timewait_sock.c - TIME-WAIT sockets: the small socket that keeps a
 * closed connection's 4-tuple and sequence numbers in the hash tables for
 * TCP_TIMEWAIT_LEN (net/ipv4/inet_timewait_sock.c, Linux 3.10).
 *
 * References on a TIME-WAIT sock, as in 3.10: one for its place in the
 * bind bucket, one for its place in ehash, one for death row (its pending
 * timer), plus any a caller takes.  It is freed when the last one goes.
 * 3.10 runs death row as a two-level wheel driven by one timer
 * (inet_twdr_hangman, inet_twdr_twcal_tick); connscope gives each TIME-WAIT
 * sock its own timer, firing at tw_ttd, as Linux 4.1 and later do.
 */
#include <stdlib.h>
#include "rcupdate.h"
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* Not static, unlike 3.10's death-row handler: the trace tells the timers
 * apart by their function (core/trace/tp_timer.h). */
void tw_timer_handler(unsigned long data);

/* inet_twsk_unhash - take @tw out of its ehash twchain, if it is there.
 * Caller holds the ehash lock.  Returns 1 if the caller must drop the
 * reference the link held (after unlocking), else 0. */
int inet_twsk_unhash(struct inet_timewait_sock *tw)
{
	if (hlist_unhashed(&tw->tw_node)) {
		cs_trace(inet_twsk_unhash, tw, 0);
		return 0;
	}

	hlist_del_init_rcu(&tw->tw_node);
	/* The caller drops the link's reference, not under the lock. */
	cs_trace(inet_twsk_unhash, tw, 1);
	return 1;
}

/* inet_twsk_bind_unhash - take @tw out of its bind bucket, which goes if
 * that was its last owner.  Caller holds the bhash lock.  Returns 1 if the
 * caller must drop the reference the link held, else 0. */
int inet_twsk_bind_unhash(struct inet_timewait_sock *tw, struct inet_hashinfo *hashinfo)
{
	struct inet_bind_bucket *tb = tw->tw_tb;

	(void)hashinfo;
	cs_trace(inet_twsk_bind_unhash, tw, tb != NULL);
	if (!tb)
		return 0;
	hlist_del_init(&tw->tw_bind_node);
	tw->tw_tb = NULL;
	inet_bind_bucket_destroy(tb);
	return 1;
}

/* __inet_twsk_kill - unlink @tw from ehash, then from its bind bucket,
 * each under its own lock, and drop the references those links held.
 * The caller still holds a reference of its own. */
static void __inet_twsk_kill(struct inet_timewait_sock *tw, struct inet_hashinfo *hashinfo)
{
	struct inet_bind_hashbucket *bhead;
	pthread_mutex_t *lock = inet_ehash_lockp(hashinfo, tw->tw_hash);
	int refcnt;

	cs_trace(__inet_twsk_kill, tw);
	pthread_mutex_lock(lock);
	refcnt = inet_twsk_unhash(tw);
	pthread_mutex_unlock(lock);

	bhead = &hashinfo->bhash[inet_bhashfn(tw->tw_net, tw->tw_num, hashinfo->bhash_size)];
	pthread_mutex_lock(&bhead->lock);
	refcnt += inet_twsk_bind_unhash(tw, hashinfo);
	pthread_mutex_unlock(&bhead->lock);

	cs_trace(__inet_twsk_kill_ret, tw, refcnt);
	while (refcnt) {
		inet_twsk_put(tw);
		refcnt--;
	}
}

/* cs_twsk_free_rcu - the memory of a TIME-WAIT sock, once no lockless
 * reader can stand on it (3.10 frees to an RCU-safe slab cache). */
static void cs_twsk_free_rcu(struct rcu_head *head)
{
	free(caa_container_of(head, struct inet_timewait_sock, tw_rcu));
}

/* inet_twsk_free - the last reference is gone; the memory goes after a
 * grace period, since a lockless ehash reader may still stand on it. */
static void inet_twsk_free(struct inet_timewait_sock *tw)
{
	cs_trace(inet_twsk_free, tw);
	call_rcu(&tw->tw_rcu, cs_twsk_free_rcu);
}

/* inet_twsk_put - drop one reference on @tw; free it with the last. */
void inet_twsk_put(struct inet_timewait_sock *tw)
{
	if (atomic_fetch_sub(&tw->tw_refcnt, 1) == 1)
		inet_twsk_free(tw);
}

/*
 * __inet_twsk_hashdance - @tw takes @sk's place: it joins @sk's bind bucket
 * (sk stays there too), enters the twchain of @sk's ehash slot, and only
 * then @sk leaves the chain, so a lookup always finds one of them.  Sets the
 * three references of the two links and of the caller.
 */
void __inet_twsk_hashdance(struct inet_timewait_sock *tw, struct sock *sk,
			   struct inet_hashinfo *hashinfo)
{
	const struct inet_sock *inet = inet_sk(sk);
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct inet_ehash_bucket *ehead = inet_ehash_bucket(hashinfo, sk->sk_hash);
	pthread_mutex_t *lock = inet_ehash_lockp(hashinfo, sk->sk_hash);
	unsigned int bh = inet_bhashfn(tw->tw_net, inet->inet_num, hashinfo->bhash_size);
	struct inet_bind_hashbucket *bhead = &hashinfo->bhash[bh];

	/* Step 1: into the bind bucket.  Any sock with a port is in one.
	 * The entry event is traced under the bhash lock and the return
	 * event under the ehash lock, so the trace orders the owners and the
	 * twchain as the lists saw them. */
	pthread_mutex_lock(&bhead->lock);
	cs_trace(__inet_twsk_hashdance, tw, sk, sk->sk_hash & hashinfo->ehash_mask, bh);
	tw->tw_tb = icsk->icsk_bind_hash;
	hlist_add_head(&tw->tw_bind_node, &tw->tw_tb->owners);
	pthread_mutex_unlock(&bhead->lock);

	pthread_mutex_lock(lock);
	/* Step 2: into twchain, before sk leaves chain (lookups search chain
	 * first). */
	hlist_add_head_rcu(&tw->tw_node, &ehead->twchain);
	/* Step 3: sk out of the established chain. */
	hlist_del_init_rcu(&sk->sk_node);
	/* One reference each for the bhash link, the ehash link and the
	 * caller, set before anyone can find @tw. */
	atomic_fetch_add(&tw->tw_refcnt, 1 + 1 + 1);
	cs_trace(__inet_twsk_hashdance_ret, tw);
	pthread_mutex_unlock(lock);
}

/*
 * inet_twsk_alloc - a TIME-WAIT sock for @sk in substate @state (TIME_WAIT
 * or FIN_WAIT2), with @sk's identity (addresses, ports, hash, device,
 * TOS, SO_REUSEADDR) and a fresh tw_id; no references yet.  NULL if no memory.
 */
struct inet_timewait_sock *inet_twsk_alloc(const struct sock *sk, int state)
{
	struct inet_timewait_sock *tw = calloc(1, sizeof(*tw));

	if (tw != NULL) {
		const struct inet_sock *inet = inet_sk(sk);
		struct net *net = sock_net(sk);

		/* Give it an identity. */
		tw->tw_daddr = inet->inet_daddr;
		tw->tw_rcv_saddr = inet->inet_rcv_saddr;
		tw->tw_bound_dev_if = sk->sk_bound_dev_if;
		/* The TOS of the ACKs and RSTs it sends. */
		tw->tw_tos = inet->tos;
		tw->tw_num = inet->inet_num;
		tw->tw_state = TCP_TIME_WAIT;
		tw->tw_substate = (unsigned char)state;
		tw->tw_sport = inet->inet_sport;
		tw->tw_dport = inet->inet_dport;
		tw->tw_family = sk->sk_family;
		tw->tw_reuse = sk->sk_reuse;
		tw->tw_hash = sk->sk_hash;
		tw->tw_net = net;
		tw->__tw_common.skc_tw = true;
		tw->tw_id = atomic_fetch_add(&net->next_sock_id, 1) + 1;
		/* Lookups are lockless (RCU): no reference may be set before
		 * the sock is complete (the hash dance sets them). */
		atomic_init(&tw->tw_refcnt, 0);
		INIT_HLIST_NODE(&tw->tw_node);
		INIT_HLIST_NODE(&tw->tw_bind_node);
		setup_timer(&tw->tw_timer, net, tw_timer_handler, (unsigned long)tw);
		cs_trace(inet_twsk_alloc, tw, sk);
	}

	return tw;
}

/*
 * tw_timer_handler - the TIME-WAIT period is over (3.10: the death-row
 * wheel reaching @tw's slot): @tw leaves the tables, TcpExt TW counts it,
 * and death row drops its reference.
 */
void tw_timer_handler(unsigned long data)
{
	struct inet_timewait_sock *tw = (struct inet_timewait_sock *)data;
	struct net *net = tw->tw_net;
	struct inet_timewait_death_row *twdr = &net->tcp_death_row;

	cs_trace(tw_timer_handler, tw);
	pthread_mutex_lock(&twdr->death_lock);
	__atomic_fetch_sub(&twdr->tw_count, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&twdr->death_lock);
	__inet_twsk_kill(tw, twdr->hashinfo);
	NET_INC_LINUX(net, TIMEWAITED);
	cs_trace(tw_timer_handler_ret, tw);
	inet_twsk_put(tw);
}

/*
 * inet_twsk_deschedule - end @tw early (its port is being reused): cancel
 * its timer, dropping death row's reference, then unlink it from the
 * tables.  The caller holds a reference.
 */
void inet_twsk_deschedule(struct inet_timewait_sock *tw,
			  struct inet_timewait_death_row *twdr)
{
	int was_pending;

	pthread_mutex_lock(&twdr->death_lock);
	was_pending = del_timer(&tw->tw_timer);
	if (was_pending) {
		inet_twsk_put(tw);
		__atomic_fetch_sub(&twdr->tw_count, 1, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&twdr->death_lock);
	cs_trace(inet_twsk_deschedule, tw, was_pending);
	__inet_twsk_kill(tw, twdr->hashinfo);
	cs_trace(inet_twsk_deschedule_ret, tw);
}

/*
 * inet_twsk_schedule - (re)arm @tw's timer @timeo jiffies from now.  The
 * first time, death row takes a reference and counts @tw.
 */
void inet_twsk_schedule(struct inet_timewait_sock *tw,
			struct inet_timewait_death_row *twdr, int timeo)
{
	int rescheduled;

	pthread_mutex_lock(&twdr->death_lock);
	rescheduled = del_timer(&tw->tw_timer);
	if (rescheduled)
		__atomic_fetch_sub(&twdr->tw_count, 1, __ATOMIC_RELAXED);
	else
		atomic_fetch_add(&tw->tw_refcnt, 1);
	tw->tw_ttd = net_jiffies(tw->tw_net) + (unsigned long)timeo;
	mod_timer(&tw->tw_timer, tw->tw_ttd);
	__atomic_fetch_add(&twdr->tw_count, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&twdr->death_lock);
	cs_trace(inet_twsk_schedule, tw, timeo, rescheduled);
}

/* twsk_unique - may @sk reuse the 4-tuple of TIME-WAIT sock @sktw?  Asks
 * the protocol (tcp_twsk_unique); no hook means no. */
int twsk_unique(struct sock *sk, struct sock_common *sktw, void *twp)
{
	if (sk->sk_prot->twsk_unique)
		return sk->sk_prot->twsk_unique(sk, sktw, twp);
	return 0;
}

/*
 * inet_twsk_purge - end every TIME-WAIT sock of @family in @hashinfo (the
 * stack is going away, as when 3.10 tears a namespace down).  Takes the
 * ehash locks slot by slot; the caller holds none.
 */
void inet_twsk_purge(struct inet_hashinfo *hashinfo, int family)
{
	unsigned int slot;

	for (slot = 0; slot <= hashinfo->ehash_mask; slot++) {
		struct inet_ehash_bucket *head = &hashinfo->ehash[slot];
		pthread_mutex_t *lock = inet_ehash_lockp(hashinfo, slot);
		struct inet_timewait_sock *tw;

		for (;;) {
			struct hlist_node *node;

			pthread_mutex_lock(lock);
			tw = NULL;
			hlist_for_each(node, &head->twchain) {
				struct sock_common *skc = container_of(node, struct sock_common,
								       skc_node);

				if (skc->skc_family == family) {
					tw = inet_twsk(skc);
					atomic_fetch_add(&tw->tw_refcnt, 1);
					break;
				}
			}
			pthread_mutex_unlock(lock);
			if (!tw)
				break;
			inet_twsk_deschedule(tw, &tw->tw_net->tcp_death_row);
			inet_twsk_put(tw);
		}
	}
}
