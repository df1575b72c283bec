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

static void peer_free_tree(struct inet_peer *p)
{
	if (!p)
		return;
	peer_free_tree(p->avl_left);
	peer_free_tree(p->avl_right);
	free(p);
}

/* Free every peer with the stack. */
void inet_peer_base_free(struct net *net)
{
	peer_free_tree(net->peers);
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

static void fix_height(struct inet_peer *n)
{
	u32 l = node_height(n->avl_left), r = node_height(n->avl_right);

	n->avl_height = (l > r ? l : r) + 1;
}

/* One rotation step at *@nodep when its subtrees differ by two: the
 * heavy child (or its inner grandchild, for a zig-zag) takes its place. */
static void peer_avl_rotate(struct inet_peer **nodep, int left_heavy)
{
	struct inet_peer *node = *nodep;
	struct inet_peer *c = left_heavy ? node->avl_left : node->avl_right;
	struct inet_peer *outer = left_heavy ? c->avl_left : c->avl_right;
	struct inet_peer *inner = left_heavy ? c->avl_right : c->avl_left;

	if (node_height(outer) >= node_height(inner)) {
		if (left_heavy) {
			node->avl_left = inner;
			c->avl_right = node;
		} else {
			node->avl_right = inner;
			c->avl_left = node;
		}
		fix_height(node);
		fix_height(c);
		*nodep = c;
		return;
	}
	if (left_heavy) {
		node->avl_left = inner->avl_right;
		c->avl_right = inner->avl_left;
		inner->avl_left = c;
		inner->avl_right = node;
	} else {
		node->avl_right = inner->avl_left;
		c->avl_left = inner->avl_right;
		inner->avl_right = c;
		inner->avl_left = node;
	}
	fix_height(node);
	fix_height(c);
	fix_height(inner);
	*nodep = inner;
}

/* peer_avl_rebalance - restore heights and balance on every node whose
 * link is on the stack, from the deepest up. */
static void peer_avl_rebalance(struct inet_peer **stack[], struct inet_peer ***stackend)
{
	while (stackend > stack) {
		struct inet_peer **nodep = *--stackend;
		struct inet_peer *node = *nodep;
		u32 lh = node_height(node->avl_left), rh = node_height(node->avl_right);

		if (lh > rh + 1)
			peer_avl_rotate(nodep, 1);
		else if (rh > lh + 1)
			peer_avl_rotate(nodep, 0);
		else
			node->avl_height = (lh > rh ? lh : rh) + 1;
	}
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
	free(p);
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

