// SPDX-License-Identifier: GPL-2.0-only
/*
 * inetpeer.c - long-lived per-destination data (net/ipv4/inetpeer.c, Linux
 * 3.10), here what the IP ID of a packet without DF and the ICMP rate
 * limit need: each peer keeps a counter that starts at secure_ip_id(daddr)
 * and advances by one per packet (inet_getid), and a token bucket.
 *
 * As in 3.10 the peers are an AVL tree keyed by address, each held by a
 * reference count while in use.  A peer nobody holds is reclaimed by
 * inet_peer_gc, which looks at the nodes on the path of each lookup that
 * misses: one unused for at least ttl jiffies goes, ttl falling from
 * inet_peer_maxttl (10 min) to inet_peer_minttl (2 min) as the tree fills,
 * and 0 once it holds inet_peer_threshold (65536 + 128) peers.  The tree
 * lock is a mutex (3.10: a seqlock, with a lockless RCU lookup first).
 */
#include <stdlib.h>
#include <arpa/inet.h>
#include "net.h"
#include "rcupdate.h"
#include "secure_seq.h"

#define PEER_MAXDEPTH 40	/* an AVL tree of 2^27 nodes is lower */

struct inet_peer {
	struct inet_peer *avl_left, *avl_right;
	__be32 daddr;
	u32 avl_height;
	atomic_int refcnt;		/* -1: claimed by inet_peer_gc */
	u32 dtime;			/* jiffies of the last inet_putpeer */
	struct net *net;		/* for jiffies (3.10's are global) */
	struct inet_peer *gc_next;
	struct rcu_head rcu;		/* freed after a grace period */
	atomic_int ip_id_count;
	unsigned long rate_tokens;	/* ICMP rate limit bucket (jiffies) */
	unsigned long rate_last;
};

#define XRLIM_BURST_FACTOR 6

/* inet_initpeers, per stack. */
void inet_peer_base_init(struct net *net)
{
	pthread_mutex_init(&net->peer_lock, NULL);
	net->peers = NULL;
	net->peer_total = 0;
}

/* Free every peer with the stack (3.10 keeps one tree for the machine and
 * never frees it): the tree is flattened by right rotations, each node
 * freed once it has no left child left. */
void cs_inet_peer_base_free(struct net *net)
{
	struct inet_peer *p, *root = net->peers;

	while ((p = root) != NULL) {
		if (p->avl_left) {
			root = p->avl_left;
			p->avl_left = root->avl_right;
			root->avl_right = p;
		} else {
			root = p->avl_right;
			free(p);
		}
	}
	net->peers = NULL;
	net->peer_total = 0;
	pthread_mutex_destroy(&net->peer_lock);
}

static u32 node_height(const struct inet_peer *p)
{
	return p ? p->avl_height : 0;
}

/* addr_compare - 3.10 compares struct inetpeer_addr word by word in host
 * order; an IPv4 peer is its one word. */
static int addr_compare(__be32 a, __be32 b)
{
	u32 x = ntohl(a), y = ntohl(b);

	return x < y ? -1 : x > y;
}

/* lookup - walk down to @daddr, pushing the address of every link taken
 * (the root's first) onto @stack; returns the node or NULL and sets
 * *@endp past the last link pushed.  Caller holds peer_lock. */
static struct inet_peer *lookup(struct net *net, __be32 daddr, struct inet_peer **stack[],
				struct inet_peer ****endp)
{
	struct inet_peer ***sp = stack;
	struct inet_peer *u;

	*sp++ = &net->peers;
	for (u = net->peers; u;) {
		int cmp = addr_compare(daddr, u->daddr);
		struct inet_peer **v;

		if (cmp == 0)
			break;
		v = cmp < 0 ? &u->avl_left : &u->avl_right;
		*sp++ = v;
		u = *v;
	}
	*endp = sp;
	return u;
}

/* lookup_rightempty - the largest node below @start's left child, the
 * links to it pushed at @sp; returns it, *@endp past the links. */
static struct inet_peer *lookup_rightempty(struct inet_peer *start, struct inet_peer ***sp,
					   struct inet_peer ****endp)
{
	struct inet_peer **v = &start->avl_left;
	struct inet_peer *u = *v;

	*sp++ = v;
	while (u->avl_right) {
		v = &u->avl_right;
		*sp++ = v;
		u = *v;
	}
	*endp = sp;
	return u;
}

/* peer_avl_rebalance - restore heights and balance on every node whose
 * link is on the stack, from the deepest up.  The heights in the comments
 * are relative to the lighter side: LH, RH. */
static void peer_avl_rebalance(struct inet_peer **stack[], struct inet_peer ***stackend)
{
	struct inet_peer **nodep;
	struct inet_peer *node, *l, *r;
	u32 lh, rh;

	while (stackend > stack) {
		nodep = *--stackend;
		node = *nodep;
		l = node->avl_left;
		r = node->avl_right;
		lh = node_height(l);
		rh = node_height(r);
		if (lh > rh + 1) { /* l: RH+2 */
			struct inet_peer *ll, *lr, *lrl, *lrr;
			u32 lrh;

			ll = l->avl_left;
			lr = l->avl_right;
			lrh = node_height(lr);
			if (lrh <= node_height(ll)) {	/* ll: RH+1 */
				node->avl_left = lr;	/* lr: RH or RH+1 */
				node->avl_right = r;	/* r: RH */
				node->avl_height = lrh + 1; /* RH+1 or RH+2 */
				l->avl_left = ll;	/* ll: RH+1 */
				l->avl_right = node;	/* node: RH+1 or RH+2 */
				l->avl_height = node->avl_height + 1;
				*nodep = l;
			} else { /* ll: RH, lr: RH+1 */
				lrl = lr->avl_left;	/* lrl: RH or RH-1 */
				lrr = lr->avl_right;	/* lrr: RH or RH-1 */
				node->avl_left = lrr;	/* lrr: RH or RH-1 */
				node->avl_right = r;	/* r: RH */
				node->avl_height = rh + 1; /* node: RH+1 */
				l->avl_left = ll;	/* ll: RH */
				l->avl_right = lrl;	/* lrl: RH or RH-1 */
				l->avl_height = rh + 1;	/* l: RH+1 */
				lr->avl_left = l;	/* l: RH+1 */
				lr->avl_right = node;	/* node: RH+1 */
				lr->avl_height = rh + 2;
				*nodep = lr;
			}
		} else if (rh > lh + 1) { /* r: LH+2 */
			struct inet_peer *rr, *rl, *rlr, *rll;
			u32 rlh;

			rr = r->avl_right;
			rl = r->avl_left;
			rlh = node_height(rl);
			if (rlh <= node_height(rr)) {	/* rr: LH+1 */
				node->avl_right = rl;	/* rl: LH or LH+1 */
				node->avl_left = l;	/* l: LH */
				node->avl_height = rlh + 1; /* LH+1 or LH+2 */
				r->avl_right = rr;	/* rr: LH+1 */
				r->avl_left = node;	/* node: LH+1 or LH+2 */
				r->avl_height = node->avl_height + 1;
				*nodep = r;
			} else { /* rr: LH, rl: LH+1 */
				rlr = rl->avl_right;	/* rlr: LH or LH-1 */
				rll = rl->avl_left;	/* rll: LH or LH-1 */
				node->avl_right = rll;	/* rll: LH or LH-1 */
				node->avl_left = l;	/* l: LH */
				node->avl_height = lh + 1; /* node: LH+1 */
				r->avl_right = rr;	/* rr: LH */
				r->avl_left = rlr;	/* rlr: LH or LH-1 */
				r->avl_height = lh + 1;	/* r: LH+1 */
				rl->avl_right = r;	/* r: LH+1 */
				rl->avl_left = node;	/* node: LH+1 */
				rl->avl_height = lh + 2;
				*nodep = rl;
			}
		} else {
			node->avl_height = (lh > rh ? lh : rh) + 1;
		}
	}
}

/* inetpeer_free_rcu - free a peer unlinked a grace period ago. */
static void inetpeer_free_rcu(struct rcu_head *head)
{
	free(caa_container_of(head, struct inet_peer, rcu));
}

/* link_to_pool - put @n in the empty link where the lookup ended. */
static void link_to_pool(struct net *net, struct inet_peer *n, struct inet_peer **stack[],
			 struct inet_peer ***stackptr)
{
	n->avl_height = 1;
	n->avl_left = n->avl_right = NULL;
	**--stackptr = n;
	peer_avl_rebalance(stack, stackptr);
	net->peer_total++;
}

/* unlink_from_pool - take @p out of the tree: its right subtree takes its
 * place, or when it has a left one the largest node of that. */
static void unlink_from_pool(struct net *net, struct inet_peer *p, struct inet_peer **stack[])
{
	struct inet_peer ***stackptr, ***delp;

	lookup(net, p->daddr, stack, &stackptr);
	delp = stackptr - 1;		/* *delp[0] == p */
	if (!p->avl_left) {
		*delp[0] = p->avl_right;
		--stackptr;
	} else {
		struct inet_peer *t = lookup_rightempty(p, stackptr, &stackptr);

		**--stackptr = t->avl_left;
		*delp[0] = t;
		t->avl_left = p->avl_left;
		t->avl_right = p->avl_right;
		t->avl_height = p->avl_height;
		delp[1] = &t->avl_left;	/* was &p->avl_left */
	}
	peer_avl_rebalance(stack, stackptr);
	net->peer_total--;
	call_rcu(&p->rcu, inetpeer_free_rcu);
}

/* inet_peer_gc - reclaim the unused peers on the lookup path: the time
 * to live shrinks as the tree fills.  Caller holds peer_lock. */
static int inet_peer_gc(struct net *net, struct inet_peer **stack[], struct inet_peer ***stackptr)
{
	const struct cs_sysctl *s = &net->sysctl;
	struct inet_peer *p, *gchead = NULL;
	long long maxttl = (long long)s->inet_peer_maxttl * HZ;
	long long minttl = (long long)s->inet_peer_minttl * HZ;
	u32 delta, ttl;
	int cnt = 0;

	if (net->peer_total >= s->inet_peer_threshold)
		ttl = 0;	/* be aggressive */
	else
		ttl = (u32)(maxttl - (maxttl - minttl) / HZ * net->peer_total /
				     s->inet_peer_threshold * HZ);
	stackptr--;	/* the last link is the empty one */
	while (stackptr > stack) {
		int zero = 0;

		stackptr--;
		p = **stackptr;
		if (atomic_load(&p->refcnt) == 0) {
			delta = (u32)net_jiffies(net) - p->dtime;
			if (delta >= ttl && atomic_compare_exchange_strong(&p->refcnt, &zero, -1)) {
				p->gc_next = gchead;
				gchead = p;
			}
		}
	}
	while ((p = gchead) != NULL) {
		gchead = p->gc_next;
		cnt++;
		unlink_from_pool(net, p, stack);
	}
	return cnt;
}

/* inet_getpeer_v4 - the entry for @daddr, held (inet_putpeer); with
 * @create made on first use with its ID counter seeded from secure_ip_id.
 * A miss first lets inet_peer_gc reclaim along its path.  NULL if absent
 * (or out of memory). */
struct inet_peer *inet_getpeer_v4(struct net *net, __be32 daddr, int create)
{
	struct inet_peer **stack[PEER_MAXDEPTH], ***stackptr;
	struct inet_peer *p;
	int gccnt = 0;

	pthread_mutex_lock(&net->peer_lock);
relookup:
	p = lookup(net, daddr, stack, &stackptr);
	if (p) {
		atomic_fetch_add(&p->refcnt, 1);
		pthread_mutex_unlock(&net->peer_lock);
		return p;
	}
	if (!gccnt) {
		gccnt = inet_peer_gc(net, stack, stackptr);
		if (gccnt && create)
			goto relookup;
	}
	p = create ? calloc(1, sizeof(*p)) : NULL;
	if (p) {
		p->daddr = daddr;
		p->net = net;
		atomic_init(&p->refcnt, 1);
		p->dtime = (u32)net_jiffies(net);
		atomic_init(&p->ip_id_count, (int)secure_ip_id(net, daddr));
		/* so that the first token computation is at its maximum */
		p->rate_last = net_jiffies(net) - 60 * HZ;
		link_to_pool(net, p, stack, stackptr);
	}
	pthread_mutex_unlock(&net->peer_lock);
	return p;
}

/* inet_putpeer - drop a reference; the peer may be reclaimed from now. */
void inet_putpeer(struct inet_peer *p)
{
	p->dtime = (u32)net_jiffies(p->net);
	atomic_fetch_sub(&p->refcnt, 1);
}

/* inet_getid - advance the peer's counter by 1 + @more and return the new
 * value (0 is skipped in the 32-bit counter); the IP ID is its low 16 bits. */
u16 inet_getid(struct inet_peer *p, int more)
{
	int old, new;

	more++;
	do {
		old = atomic_load(&p->ip_id_count);
		new = (int)((unsigned int)old + (unsigned int)more);
		if (!new)
			new = 1;
	} while (!atomic_compare_exchange_weak(&p->ip_id_count, &old, new));
	return (u16)new;
}

/* inet_peer_xrlim_allow - a token bucket per destination: one token per
 * jiffy, up to XRLIM_BURST_FACTOR * @timeout; a message costs @timeout.
 * Without a peer entry everything is allowed.  Caller: ICMP output. */
bool inet_peer_xrlim_allow(struct net *net, struct inet_peer *peer, int timeout)
{
	unsigned long now, token;
	bool rc = false;

	if (!peer)
		return true;
	pthread_mutex_lock(&net->peer_lock);
	now = net_jiffies(net);
	token = peer->rate_tokens + (now - peer->rate_last);
	peer->rate_last = now;
	if (token > XRLIM_BURST_FACTOR * (unsigned long)timeout)
		token = XRLIM_BURST_FACTOR * (unsigned long)timeout;
	if (token >= (unsigned long)timeout) {
		token -= (unsigned long)timeout;
		rc = true;
	}
	peer->rate_tokens = token;
	pthread_mutex_unlock(&net->peer_lock);
	return rc;
}

