// SPDX-License-Identifier: GPL-2.0-only
/*
 * inet_hashtables.c - tcp_hashinfo: the bind hash (one inet_bind_bucket per
 * local port in use), the established hash (chain + twchain per slot) and
 * the listening hash; ephemeral port selection for connect()
 * (net/ipv4/inet_hashtables.c and the inlines of include/net/
 * inet_hashtables.h and inet_sock.h, Linux 3.10).
 *
 * Locks as in 3.10: each bind-hash bucket has a lock; ehash slots share a
 * lock array (hash & ehash_locks_mask); each listening bucket has a lock.
 * Order: bhash bucket, then ehash lock.  The established lookup walks the
 * chains under RCU, as 3.10 does; the listener lookup takes the listening
 * bucket's lock where 3.10 uses RCU.
 */
#include <errno.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include "net.h"
#include "rcupdate.h"
#include "tcp.h"
#include "secure_seq.h"
#include "page_alloc.h"
#include "trace.h"

/*
 * net_hash_mix - 3.10 mixes the struct net address into every hash under
 * CONFIG_NET_NS.  Each connscope stack has its own tables, so there is
 * nothing to keep apart: 0, 3.10's value without CONFIG_NET_NS.
 */
u32 net_hash_mix(const struct net *net)
{
	(void)net;
	return 0;
}

/* inet_ehashfn (inet_sock.h): 3.10's jhash of the 4-tuple; local port in
 * host order in the high half, foreign port raw (network order) below. */
unsigned int inet_ehashfn(const struct net *net, __be32 laddr, u16 lport,
			  __be32 faddr, __be16 fport)
{
	return jhash_3words((u32)laddr, (u32)faddr, ((u32)lport) << 16 | (u32)fport,
			    net->inet_ehash_secret + net_hash_mix(net));
}

/* inet_sk_ehashfn: the ehash value of a socket's own 4-tuple. */
unsigned int inet_sk_ehashfn(const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	return inet_ehashfn(sock_net(sk), inet->inet_rcv_saddr, inet->inet_num,
			    inet->inet_daddr, inet->inet_dport);
}

/* inet_bhashfn: bind-hash slot of a local port. */
unsigned int inet_bhashfn(const struct net *net, u16 lport, unsigned int bhash_size)
{
	return (lport + net_hash_mix(net)) & (bhash_size - 1);
}

/* inet_lhashfn / inet_sk_listen_hashfn: listening slot of a local port. */
unsigned int inet_lhashfn(const struct net *net, unsigned short num)
{
	return (num + net_hash_mix(net)) & (INET_LHTABLE_SIZE - 1);
}

unsigned int inet_sk_listen_hashfn(const struct sock *sk)
{
	return inet_lhashfn(sock_net(sk), inet_sk(sk)->inet_num);
}

/* get_nulls_value for connscope's chains, which end in NULL, not in a
 * nulls marker naming their slot: the slot of the chain a walk ended in is
 * that of the last entry it visited (@last; none: it never left @slot). */
static unsigned int cs_ehash_nulls_value(const struct inet_hashinfo *hashinfo,
					 const struct sock_common *last, unsigned int slot)
{
	return last ? READ_ONCE(last->skc_hash) & hashinfo->ehash_mask : slot;
}

/* inet_bind_bucket_create - a bucket for local port @snum at the head of
 * @head's chain (fastreuse 0).  Caller holds head->lock.  NULL if no memory. */
struct inet_bind_bucket *inet_bind_bucket_create(struct net *net,
						 struct inet_bind_hashbucket *head,
						 unsigned short snum)
{
	struct inet_bind_bucket *tb = calloc(1, sizeof(*tb));

	if (tb) {
		tb->ib_net = net;
		tb->port = snum;
		tb->fastreuse = 0;
		tb->fastreuseport = 0;
		tb->num_owners = 0;
		tb->owners.first = NULL;
		hlist_add_head(&tb->node, &head->chain);
	}
	cs_trace(inet_bind_bucket_create, snum,
		 inet_bhashfn(net, snum, net->tcp_hashinfo.bhash_size), tb != NULL);
	return tb;
}

/* inet_bind_bucket_destroy - free @tb once no sock or TIME-WAIT sock owns
 * it.  Caller holds its bhash lock. */
void inet_bind_bucket_destroy(struct inet_bind_bucket *tb)
{
	/* Traced before the test: the event reports its outcome (destroyed). */
	cs_trace(inet_bind_bucket_destroy, tb);
	if (hlist_empty(&tb->owners)) {
		hlist_del_init(&tb->node);
		free(tb);
	}
}

/* inet_bind_hash - make @sk an owner of @tb, local port @snum.  Caller holds
 * the bhash lock. */
void inet_bind_hash(struct sock *sk, struct inet_bind_bucket *tb, unsigned short snum)
{
	atomic_fetch_add(&sock_net(sk)->tcp_hashinfo.bsockets, 1);
	inet_sk(sk)->inet_num = snum;
	hlist_add_head(&sk->sk_bind_node, &tb->owners);
	tb->num_owners++;
	inet_csk(sk)->icsk_bind_hash = tb;
	cs_trace(inet_bind_hash, sk, snum, tb->num_owners);
}

/* __inet_put_port - @sk gives its local port back; the bucket goes with its
 * last owner.  Takes the bhash lock. */
static void __inet_put_port(struct sock *sk)
{
	struct inet_hashinfo *hashinfo = &sock_net(sk)->tcp_hashinfo;
	const unsigned int bhash = inet_bhashfn(sock_net(sk), inet_sk(sk)->inet_num,
						hashinfo->bhash_size);
	struct inet_bind_hashbucket *head = &hashinfo->bhash[bhash];
	struct inet_bind_bucket *tb;

	atomic_fetch_sub(&hashinfo->bsockets, 1);

	pthread_mutex_lock(&head->lock);
	/* Traced under the lock, so the trace orders the owners' changes as
	 * the list saw them. */
	cs_trace(inet_put_port, sk, inet_sk(sk)->inet_num, bhash);
	tb = inet_csk(sk)->icsk_bind_hash;
	hlist_del_init(&sk->sk_bind_node);
	tb->num_owners--;
	inet_csk(sk)->icsk_bind_hash = NULL;
	inet_sk(sk)->inet_num = 0;
	inet_bind_bucket_destroy(tb);
	pthread_mutex_unlock(&head->lock);
	cs_trace(inet_put_port_ret, sk);
}

/* inet_put_port - 3.10 wraps __inet_put_port in local_bh_disable(). */
void inet_put_port(struct sock *sk)
{
	__inet_put_port(sk);
}

/* compute_score - how well listener @sk fits a segment to @daddr:@hnum on
 * @dif: -1 not at all; 2 for AF_INET; +4 each for a matching bound address
 * and bound device (a mismatching one disqualifies). */
static int compute_score(struct sock *sk, struct net *net, unsigned short hnum,
			 __be32 daddr, int dif)
{
	int score = -1;
	struct inet_sock *inet = inet_sk(sk);

	/* 3.10 also requires !ipv6_only_sock(sk): always true for AF_INET. */
	if (sock_net(sk) == net && inet->inet_num == hnum) {
		__be32 rcv_saddr = inet->inet_rcv_saddr;

		score = sk->sk_family == AF_INET ? 2 : 1;
		if (rcv_saddr) {
			if (rcv_saddr != daddr)
				return -1;
			score += 4;
		}
		if (sk->sk_bound_dev_if) {
			if (sk->sk_bound_dev_if != dif)
				return -1;
			score += 4;
		}
	}
	return score;
}

/* next_pseudo_random32 (include/linux/random.h): the next value of a
 * linear congruential generator. */
static inline u32 next_pseudo_random32(u32 seed)
{
	return seed * 1664525 + 1013904223;
}

/* __inet_lookup_listener - the listener for a segment to @daddr:@hnum, held
 * (sock_put it), or NULL.  SO_REUSEPORT listeners with the top score are
 * picked between by a pseudo-random walk seeded with the 4-tuple hash.
 * 3.10 walks the bucket under RCU and restarts when the walk ends on
 * another bucket's nulls marker; connscope holds the bucket's lock, so the
 * walk stays in the bucket. */
struct sock *__inet_lookup_listener(struct net *net, __be32 saddr, __be16 sport,
				    __be32 daddr, u16 hnum, int dif)
{
	struct sock *sk, *result;
	struct hlist_node *node;
	unsigned int hash = inet_lhashfn(net, hnum);
	struct inet_listen_hashbucket *ilb = &net->tcp_hashinfo.listening_hash[hash];
	int score, hiscore, matches = 0, reuseport = 0;
	u32 phash = 0;

	pthread_mutex_lock(&ilb->lock);
begin:
	result = NULL;
	hiscore = 0;
	hlist_for_each(node, &ilb->head) {
		sk = container_of(node, struct sock, sk_node);
		score = compute_score(sk, net, hnum, daddr, dif);
		if (score > hiscore) {
			result = sk;
			hiscore = score;
			reuseport = sk->sk_reuseport;
			if (reuseport) {
				phash = inet_ehashfn(net, daddr, hnum, saddr, sport);
				matches = 1;
			}
		} else if (score == hiscore && reuseport) {
			matches++;
			if (((u64)phash * matches) >> 32 == 0)
				result = sk;
			phash = next_pseudo_random32(phash);
		}
	}
	if (result) {
		if (!atomic_inc_not_zero(&result->sk_refcnt))
			result = NULL;
		else if (compute_score(result, net, hnum, daddr, dif) < hiscore) {
			sock_put(result);
			goto begin;
		}
	}
	pthread_mutex_unlock(&ilb->lock);
	cs_trace(__inet_lookup_listener, daddr, hnum, hash,
		 result ? result->sk_id : 0, result ? hiscore : -1);
	return result;
}

/*
 * __inet_lookup_established - the socket for a received segment from
 * @saddr:@sport to @daddr:@hnum: the sock in chain, else the TIME-WAIT sock
 * in twchain (a TIME-WAIT sock must be found before the listeners are
 * looked at); held, or NULL.  Drop a TIME-WAIT result (skc_tw) with
 * inet_twsk_put, a sock with sock_put.  Only listeners have wildcards, so
 * the direct hit is the case to be fast for.
 */
struct sock_common *__inet_lookup_established(struct net *net, __be32 saddr,
					      __be16 sport, __be32 daddr,
					      u16 hnum, int dif)
{
	struct inet_hashinfo *hashinfo = &net->tcp_hashinfo;
	struct sock_common *sk;
	struct hlist_node *node;
	unsigned int hash = inet_ehashfn(net, daddr, hnum, saddr, sport);
	unsigned int slot = hash & hashinfo->ehash_mask;
	struct inet_ehash_bucket *head = &hashinfo->ehash[slot];

	rcu_read_lock();
begin:
	sk = NULL;	/* connscope: the walk's last entry (cs_ehash_nulls_value) */
	sk_nulls_for_each_rcu(sk, node, &head->chain) {
		if (sk->skc_hash != hash)
			continue;
		if (INET_MATCH(sk, net, saddr, daddr, sport, hnum, dif)) {
			if (!atomic_inc_not_zero(&sk->skc_refcnt))
				goto begintw;
			if (!INET_MATCH(sk, net, saddr, daddr, sport, hnum, dif)) {
				sock_put(container_of(sk, struct sock, __sk_common));
				goto begin;
			}
			goto out;
		}
	}
	/* A walk that ends in another slot's chain met an entry moved there
	 * meanwhile: look again. */
	if (cs_ehash_nulls_value(hashinfo, sk, slot) != slot)
		goto begin;

begintw:
	/* A TIME-WAIT sock must be found before the listener hash is looked at. */
	sk = NULL;	/* connscope: as at begin: */
	sk_nulls_for_each_rcu(sk, node, &head->twchain) {
		if (sk->skc_hash != hash)
			continue;
		if (INET_TW_MATCH(sk, net, saddr, daddr, sport, hnum, dif)) {
			if (!atomic_inc_not_zero(&sk->skc_refcnt)) {
				sk = NULL;
				goto out;
			}
			if (!INET_TW_MATCH(sk, net, saddr, daddr, sport, hnum, dif)) {
				inet_twsk_put(inet_twsk(sk));
				goto begintw;
			}
			goto out;
		}
	}
	/* The same test for the twchain walk. */
	if (cs_ehash_nulls_value(hashinfo, sk, slot) != slot)
		goto begintw;
	sk = NULL;
out:
	rcu_read_unlock();
	cs_trace(__inet_lookup_established, saddr, sport, daddr, hnum, hash, slot,
		 sk ? sk->skc_id : 0, sk ? sk->skc_tw : 0);
	return sk;
}

/*
 * __inet_check_established - may @sk use local port @lport with its
 * destination?  The TIME-WAIT chain is searched first and its first match
 * decides (twsk_unique: recycle it, or EADDRNOTAVAIL); then any match in
 * the established chain means EADDRNOTAVAIL.  If unique, @sk is hashed; a
 * recycled TIME-WAIT sock is handed back in *@twp, or, with @twp NULL
 * (bound port), descheduled and released here.  Takes the ehash lock; the
 * caller may hold the port's bhash lock.
 */
int __inet_check_established(struct inet_timewait_death_row *death_row,
			     struct sock *sk, u16 lport,
			     struct inet_timewait_sock **twp) /* 3.10:313 */
{
	struct inet_hashinfo *hinfo = death_row->hashinfo; /* 3.10:315 */
	struct inet_sock *inet = inet_sk(sk); /* 3.10:316 */
	__be32 daddr = inet->inet_rcv_saddr; /* 3.10:317 */
	__be32 saddr = inet->inet_daddr; /* 3.10:318 */
	int dif = sk->sk_bound_dev_if; /* 3.10:319 */
	struct net *net = sock_net(sk); /* 3.10:322 */
	unsigned int hash = inet_ehashfn(net, daddr, lport, saddr, inet->inet_dport);
	struct inet_ehash_bucket *head = inet_ehash_bucket(hinfo, hash); /* 3.10:325 */
	pthread_mutex_t *lock = inet_ehash_lockp(hinfo, hash);
	struct sock_common *sk2;
	struct hlist_node *node;
	struct inet_timewait_sock *tw;
	int twrefcnt = 0;

	cs_trace(__inet_check_established, sk, lport, hash, hash & hinfo->ehash_mask,
		 hash & hinfo->ehash_locks_mask);
	pthread_mutex_lock(lock);

	/* TIME-WAIT socks first. */
	sk_nulls_for_each(sk2, node, &head->twchain) { /* 3.10:335 */
		if (sk2->skc_hash != hash)
			continue; /* 3.10:337 */

		if (INET_TW_MATCH(sk2, net, saddr, daddr, inet->inet_dport, lport, dif)) {
			tw = inet_twsk(sk2); /* 3.10:341 */
			if (twsk_unique(sk, sk2, twp)) /* 3.10:342 */
				goto unique; /* 3.10:343 */
			else /* 3.10:344 */
				goto not_unique; /* 3.10:345 */
		}
	}
	tw = NULL; /* 3.10:348 */

	/* Then the established chain. */
	sk_nulls_for_each(sk2, node, &head->chain) { /* 3.10:351 */
		if (sk2->skc_hash != hash)
			continue; /* 3.10:353 */
		if (INET_MATCH(sk2, net, saddr, daddr, inet->inet_dport, lport, dif))
			goto not_unique; /* 3.10:356 */
	}

unique: /* 3.10:359 */
	/* The port must be set before the sock is in the chain, where a
	 * lookup would otherwise find it under a wrong identity. */
	inet->inet_num = lport; /* 3.10:362 */
	inet->inet_sport = htons(lport); /* 3.10:363 */
	sk->sk_hash = hash; /* 3.10:364 */
	hlist_add_head_rcu(&sk->sk_node, &head->chain);
	if (tw) {
		twrefcnt = inet_twsk_unhash(tw);
		NET_INC_LINUX(net, TWRECYCLED);
	}
	/* Traced under the lock: the chain's order is the trace's order. */
	cs_trace(__inet_check_established_ret, sk, 0, tw ? CE_TW_RECYCLED : CE_UNIQUE,
		 tw ? tw->tw_id : 0);
	pthread_mutex_unlock(lock);
	if (twrefcnt)
		inet_twsk_put(tw);

	if (twp) {
		*twp = tw;
	} else if (tw) {
		/* Bound port: nobody else takes it off death row. */
		inet_twsk_deschedule(tw, death_row);

		inet_twsk_put(tw);
	}
	return 0;

not_unique:
	/* Traced under the lock, while a TIME-WAIT match is still alive. */
	cs_trace(__inet_check_established_ret, sk, -EADDRNOTAVAIL,
		 tw ? CE_NOT_UNIQUE_TW : CE_NOT_UNIQUE_EST, tw ? tw->tw_id : 0);
	pthread_mutex_unlock(lock);
	return -EADDRNOTAVAIL;
}

/* inet_sk_port_offset - where this destination's ephemeral search starts
 * (RFC 6056 algorithm 3): keyed MD5 of both addresses and the peer port. */
static inline u32 inet_sk_port_offset(const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	return secure_ipv4_port_ephemeral(sock_net(sk), inet->inet_rcv_saddr,
					  inet->inet_daddr, inet->inet_dport);
}

/* __inet_hash_nolisten - put @sk (4-tuple set) at the head of its ehash
 * chain; the TIME-WAIT sock @tw it replaces, if any, leaves ehash.  Returns
 * the references on @tw the caller must drop.  Takes the ehash lock. */
int __inet_hash_nolisten(struct sock *sk, struct inet_timewait_sock *tw) /* 3.10:399 */
{
	struct inet_hashinfo *hashinfo = &sock_net(sk)->tcp_hashinfo;
	struct inet_ehash_bucket *head; /* 3.10:404 */
	pthread_mutex_t *lock;
	int twrefcnt = 0; /* 3.10:405 */

	sk->sk_hash = inet_sk_ehashfn(sk); /* 3.10:409 */
	head = inet_ehash_bucket(hashinfo, sk->sk_hash); /* 3.10:410 */
	lock = inet_ehash_lockp(hashinfo, sk->sk_hash); /* 3.10:412 */
	pthread_mutex_lock(lock);
	/* Traced under the lock: the chain's order is the trace's order. */
	cs_trace(__inet_hash_nolisten, sk, sk->sk_hash & hashinfo->ehash_mask,
		 sk->sk_hash & hashinfo->ehash_locks_mask, tw ? tw->tw_id : 0);
	hlist_add_head_rcu(&sk->sk_node, &head->chain);
	if (tw)
		twrefcnt = inet_twsk_unhash(tw); /* 3.10:418 */
	pthread_mutex_unlock(lock);
	cs_trace(__inet_hash_nolisten_ret, sk, twrefcnt);
	return twrefcnt; /* 3.10:422 */
}

/* __inet_hash - a listener goes into the listening hash (slot by local
 * port), any other sock into ehash through __inet_hash_nolisten. */
void __inet_hash(struct sock *sk)
{
	struct inet_hashinfo *hashinfo = &sock_net(sk)->tcp_hashinfo;
	struct inet_listen_hashbucket *ilb; /* 3.10:429 */

	if (sk->sk_state != TCP_LISTEN) { /* 3.10:431 */
		cs_trace(__inet_hash, sk, 0, inet_sk_listen_hashfn(sk));
		__inet_hash_nolisten(sk, NULL); /* 3.10:432 */
		cs_trace(__inet_hash_ret, sk);
		return; /* 3.10:433 */
	}

	ilb = &hashinfo->listening_hash[inet_sk_listen_hashfn(sk)]; /* 3.10:437 */

	pthread_mutex_lock(&ilb->lock);
	/* Traced under the lock: the bucket's order is the trace's order. */
	cs_trace(__inet_hash, sk, 1, ilb - hashinfo->listening_hash);
	hlist_add_head(&sk->sk_node, &ilb->head);
	pthread_mutex_unlock(&ilb->lock);
	cs_trace(__inet_hash_ret, sk);
}

/* inet_hash - tcp_prot.hash: a closed socket is never hashed. */
void inet_hash(struct sock *sk) /* 3.10:445 */
{
	if (sk->sk_state != TCP_CLOSE)
		__inet_hash(sk); /* 3.10:449 */
}

/* __sk_nulls_del_node_init_rcu (include/net/sock.h): take @sk out of its
 * chain for RCU readers (they still see its successor); true if it was in
 * one. */
static inline bool __sk_nulls_del_node_init_rcu(struct sock *sk)
{
	if (sk_hashed(sk)) {
		hlist_del_init_rcu(&sk->sk_node);
		return true;
	}
	return false;
}

/* inet_unhash - tcp_prot.unhash: @sk leaves the listening hash or its ehash
 * chain, under that table's lock.  No-op when not hashed. */
void inet_unhash(struct sock *sk)
{
	struct inet_hashinfo *hashinfo = &sock_net(sk)->tcp_hashinfo;
	pthread_mutex_t *lock;
	int done;

	if (sk_unhashed(sk))
		return;

	if (sk->sk_state == TCP_LISTEN)
		lock = &hashinfo->listening_hash[inet_sk_listen_hashfn(sk)].lock;
	else
		lock = inet_ehash_lockp(hashinfo, sk->sk_hash);

	pthread_mutex_lock(lock);
	done = __sk_nulls_del_node_init_rcu(sk);
	/* Traced under the lock: the chain's order is the trace's order. */
	cs_trace(inet_unhash, sk, done);
	pthread_mutex_unlock(lock);
}

/*
 * __inet_hash_connect - give @sk a local port and hash it into ehash.
 * Unbound: try port = low + (i + hint + port_offset) % remaining for
 * i = 1..remaining, skipping reserved ports.  A bucket made by bind()
 * (fastreuse or fastreuseport >= 0) is never shared; one made by connect()
 * is shared if check_established finds the 4-tuple unique; an unused port
 * gets a new bucket with fastreuse = fastreuseport = -1.  On success the
 * hint advances by i.  Bound by bind(): if @sk is the only owner of its
 * port it is hashed at once; otherwise check_established decides.
 * 0 or -EADDRNOTAVAIL.
 */
int __inet_hash_connect(struct inet_timewait_death_row *death_row, /* 3.10:477 */
			struct sock *sk, u32 port_offset, /* 3.10:478 */
			int (*check_established)(struct inet_timewait_death_row *, /* 3.10:479 */
						 struct sock *, u16, struct inet_timewait_sock **),
			int (*hash)(struct sock *sk, struct inet_timewait_sock *twp)) /* 3.10:481 */
{
	struct inet_hashinfo *hinfo = death_row->hashinfo; /* 3.10:483 */
	const unsigned short snum = inet_sk(sk)->inet_num; /* 3.10:484 */
	struct inet_bind_hashbucket *head; /* 3.10:485 */
	struct inet_bind_bucket *tb; /* 3.10:486 */
	int ret; /* 3.10:487 */
	struct net *net = sock_net(sk); /* 3.10:488 */
	int twrefcnt = 1; /* 3.10:489 */

	if (!snum) { /* 3.10:491 */
		int i, remaining, low, high, port; /* 3.10:492 */
		u32 offset = net->port_hint + port_offset;
		struct inet_timewait_sock *tw = NULL; /* 3.10:495 */

		inet_get_local_port_range(net, &low, &high);
		remaining = (high - low) + 1; /* 3.10:498 */
		cs_trace(__inet_hash_connect, sk, 0, port_offset, offset - port_offset, low,
			 high, remaining);

		for (i = 1; i <= remaining; i++) { /* 3.10:501 */
			port = low + (int)(((u32)i + offset) % (u32)remaining);
			if (inet_is_reserved_local_port(net, port)) {
				cs_trace(inet_hash_connect_probe, sk, i, port,
					 inet_bhashfn(net, (u16)port, hinfo->bhash_size),
					 HC_RESERVED);
				continue; /* 3.10:504 */
			}
			head = &hinfo->bhash[inet_bhashfn(net, (u16)port, hinfo->bhash_size)];
			pthread_mutex_lock(&head->lock);

			/* No rcv_saddr check: the established check is
			 * unique enough. */
			inet_bind_bucket_for_each(tb, &head->chain) { /* 3.10:513 */
				if (ib_net(tb) == net && tb->port == port) {
					if (tb->fastreuse >= 0 || /* 3.10:516 */
					    tb->fastreuseport >= 0) /* 3.10:517 */
						goto next_port; /* 3.10:518 */
					if (!check_established(death_row, sk, /* 3.10:520 */
							       (u16)port, &tw))
						goto ok; /* 3.10:522 */
					goto next_port; /* 3.10:523 */
				}
			}

			tb = inet_bind_bucket_create(net, head, (unsigned short)port);
			if (!tb) { /* 3.10:529 */
				cs_trace(inet_hash_connect_probe, sk, i, port,
					 head - hinfo->bhash, HC_BUCKET_ALLOC_FAILED);
				pthread_mutex_unlock(&head->lock);
				break; /* 3.10:531 */
			}
			tb->fastreuse = -1; /* 3.10:533 */
			tb->fastreuseport = -1; /* 3.10:534 */
			goto ok; /* 3.10:535 */

		next_port: /* 3.10:537 */
			/* The verdict from the bucket: made by bind(), or
			 * check_established said not unique. */
			cs_trace(inet_hash_connect_probe, sk, i, port, head - hinfo->bhash,
				 tb->fastreuse >= 0 || tb->fastreuseport >= 0 ?
				 HC_BIND_BUCKET_BIND_USER : HC_ESTABLISHED_CONFLICT);
			pthread_mutex_unlock(&head->lock);
		}

		cs_trace(__inet_hash_connect_ret, sk, -EADDRNOTAVAIL, i, net->port_hint,
			 HCP_EPHEMERAL);
		return -EADDRNOTAVAIL; /* 3.10:542 */

ok: /* 3.10:544 */
		/* The verdict from the state: a recycled TIME-WAIT sock, or
		 * a bucket without owners yet (just made), or a shared one. */
		cs_trace(inet_hash_connect_probe, sk, i, port, head - hinfo->bhash,
			 tw ? HC_TW_REUSE : hlist_empty(&tb->owners) ?
			 HC_OK_NEW_BUCKET : HC_OK_EXISTING_BUCKET);
		net->port_hint += (u32)i;

		/* The bucket's lock is still held. */
		inet_bind_hash(sk, tb, (unsigned short)port);
		if (sk_unhashed(sk)) { /* 3.10:549 */
			inet_sk(sk)->inet_sport = htons((u16)port);
			twrefcnt += hash(sk, tw); /* 3.10:551 */
		}
		if (tw) /* 3.10:553 */
			twrefcnt += inet_twsk_bind_unhash(tw, hinfo); /* 3.10:554 */
		pthread_mutex_unlock(&head->lock);

		if (tw) { /* 3.10:557 */
			inet_twsk_deschedule(tw, death_row); /* 3.10:558 */
			while (twrefcnt) { /* 3.10:559 */
				twrefcnt--; /* 3.10:560 */
				inet_twsk_put(tw); /* 3.10:561 */
			}
		}

		cs_trace(__inet_hash_connect_ret, sk, 0, i, net->port_hint, HCP_EPHEMERAL);
		ret = 0; /* 3.10:565 */
		goto out; /* 3.10:566 */
	}

	cs_trace(__inet_hash_connect, sk, snum, port_offset, 0, 0, 0, 0);
	head = &hinfo->bhash[inet_bhashfn(net, snum, hinfo->bhash_size)]; /* 3.10:569 */
	tb = inet_csk(sk)->icsk_bind_hash; /* 3.10:570 */
	pthread_mutex_lock(&head->lock);
	if (sk_head(&tb->owners) == sk && !sk->sk_bind_node.next) { /* 3.10:572 */
		hash(sk, NULL); /* 3.10:573 */
		pthread_mutex_unlock(&head->lock);
		cs_trace(__inet_hash_connect_ret, sk, 0, 0, 0, HCP_BOUND_SOLE_OWNER);
		return 0; /* 3.10:575 */
	} else { /* 3.10:576 */
		pthread_mutex_unlock(&head->lock);
		/* No definite answer: walk the established hash. */
		ret = check_established(death_row, sk, snum, NULL); /* 3.10:579 */
		cs_trace(__inet_hash_connect_ret, sk, ret, 0, 0, HCP_BOUND_SHARED);
out: /* 3.10:580 */
		return ret; /* 3.10:582 */
	}
}

/* inet_hash_connect - tcp_v4_connect's bind-and-hash step:
 * __inet_hash_connect with this destination's port offset,
 * __inet_check_established and __inet_hash_nolisten. */
int inet_hash_connect(struct inet_timewait_death_row *death_row, struct sock *sk)
{
	int ret;

	cs_trace(inet_hash_connect, sk);
	ret = __inet_hash_connect(death_row, sk, inet_sk_port_offset(sk),
				  __inet_check_established, __inet_hash_nolisten); /* 3.10:593 */
	cs_trace(inet_hash_connect_ret, sk, ret);
	return ret;
}

/* inet_ehash_locks_alloc - 256 ehash locks (3.10's count below 4 CPUs),
 * never more than there are ehash slots. */
static int inet_ehash_locks_alloc(struct inet_hashinfo *h)
{
	unsigned int i, size = 256;

	if (size > h->ehash_mask + 1)
		size = h->ehash_mask + 1;
	h->ehash_locks = calloc(size, sizeof(*h->ehash_locks));
	if (!h->ehash_locks)
		return -ENOMEM;
	for (i = 0; i < size; i++)
		pthread_mutex_init(&h->ehash_locks[i], NULL);
	h->ehash_locks_mask = size - 1;
	return 0;
}

/*
 * inet_hashinfo_init - tcp_init's tables: ehash of thash_entries slots
 * rounded up to a power of two (0: sized from memory, at most 512 Ki), its
 * locks, bhash of min(ehash, 64 Ki) slots; then the 32 listening buckets
 * (inet_hashinfo_init proper).  0 or -ENOMEM.
 */
int inet_hashinfo_init(struct net *net, struct inet_hashinfo *h,
		       unsigned int thash_entries)
{
	unsigned int i, bhash_shift;

	(void)net;
	h->ehash = alloc_large_system_hash("TCP established", sizeof(*h->ehash),
					   thash_entries, 17, NULL, &h->ehash_mask,
					   0, thash_entries ? 0 : 512 * 1024);
	if (!h->ehash)
		return -ENOMEM;
	if (inet_ehash_locks_alloc(h))
		goto fail_ehash;
	h->bhash = alloc_large_system_hash("TCP bind", sizeof(*h->bhash),
					   h->ehash_mask + 1UL, 17, &bhash_shift,
					   NULL, 0, 64 * 1024);
	if (!h->bhash)
		goto fail_locks;
	h->bhash_size = 1U << bhash_shift;
	for (i = 0; i < h->bhash_size; i++)
		pthread_mutex_init(&h->bhash[i].lock, NULL);
	atomic_init(&h->bsockets, 0);
	for (i = 0; i < INET_LHTABLE_SIZE; i++)
		pthread_mutex_init(&h->listening_hash[i].lock, NULL);
	cs_trace(inet_hashinfo_init, h->ehash_mask + 1, h->ehash_locks_mask + 1,
		 h->bhash_size, INET_LHTABLE_SIZE);
	return 0;

fail_locks:
	free(h->ehash_locks);
	h->ehash_locks = NULL;
fail_ehash:
	free(h->ehash);
	h->ehash = NULL;
	return -ENOMEM;
}

/* cs_inet_hashinfo_destroy - free the tables once every socket is gone
 * (3.10 never frees tcp_hashinfo); any TIME-WAIT sock left is ended, any
 * bind bucket left is freed. */
void cs_inet_hashinfo_destroy(struct inet_hashinfo *h)
{
	unsigned int i;

	/* TIME-WAIT socks outlive their sockets: end them first, as a
	 * namespace's exit does (inet_twsk_purge). */
	if (h->ehash && h->bhash)
		inet_twsk_purge(h, AF_INET);
	for (i = 0; h->bhash && i < h->bhash_size; i++) {
		struct hlist_node *node, *tmp;

		hlist_for_each_safe(node, tmp, &h->bhash[i].chain)
			free(container_of(node, struct inet_bind_bucket, node));
		pthread_mutex_destroy(&h->bhash[i].lock);
	}
	for (i = 0; h->ehash_locks && i <= h->ehash_locks_mask; i++)
		pthread_mutex_destroy(&h->ehash_locks[i]);
	if (h->ehash)
		for (i = 0; i < INET_LHTABLE_SIZE; i++)
			pthread_mutex_destroy(&h->listening_hash[i].lock);
	free(h->bhash);
	free(h->ehash_locks);
	free(h->ehash);
	h->bhash = NULL;
	h->ehash_locks = NULL;
	h->ehash = NULL;
}
