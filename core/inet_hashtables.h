/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * inet_hashtables.h - tcp_hashinfo: the bind hash (bhash), the established
 * hash (ehash, each bucket with its chain and twchain) and the 32-bucket
 * listening hash (include/net/inet_hashtables.h, Linux 3.10).
 */
#ifndef CS_INET_HASHTABLES_H
#define CS_INET_HASHTABLES_H

#include <pthread.h>
#include <stdatomic.h>
#include "types.h"

struct net;
struct sock;
struct sock_common;
struct inet_timewait_sock;

/*
 * struct inet_bind_bucket - one local port in use.  fastreuse and
 * fastreuseport are -1 for a bucket created by connect(), and >= 0 for one
 * created by bind() (inet_csk_get_port), which connect never shares.
 */
struct inet_bind_bucket {
	struct net *ib_net;
	unsigned short port;
	signed char fastreuse;
	signed char fastreuseport;
	int num_owners;
	struct hlist_node node;		/* in inet_bind_hashbucket.chain */
	struct hlist_head owners;	/* socks and twsks via skc_bind_node */
	unsigned int fastuid;		/* uid of the SO_REUSEPORT owners */
};

struct inet_bind_hashbucket {
	pthread_mutex_t lock;
	struct hlist_head chain;
};

/* An ehash slot: full sockets in chain, TIME-WAIT sockets in twchain (3.10). */
struct inet_ehash_bucket {
	struct hlist_head chain;
	struct hlist_head twchain;
};

#define INET_LHTABLE_SIZE 32

struct inet_listen_hashbucket {
	pthread_mutex_t lock;
	struct hlist_head head;
};

struct inet_hashinfo {
	struct inet_ehash_bucket *ehash;
	pthread_mutex_t *ehash_locks;
	unsigned int ehash_mask;
	unsigned int ehash_locks_mask;
	struct inet_bind_hashbucket *bhash;
	unsigned int bhash_size;
	struct inet_listen_hashbucket listening_hash[INET_LHTABLE_SIZE];
	atomic_int bsockets;		/* sockets bound in bhash (inet_bind_hash) */
};

/* struct inet_timewait_death_row, reduced: TIME-WAIT accounting. */
struct inet_timewait_death_row {
	pthread_mutex_t death_lock;
	int tw_count;
	int sysctl_tw_recycle;
	int sysctl_max_tw_buckets;
	struct inet_hashinfo *hashinfo;
};

static inline struct inet_ehash_bucket *inet_ehash_bucket(struct inet_hashinfo *h,
							  unsigned int hash) /* 3.10:161 */
{
	return &h->ehash[hash & h->ehash_mask];
}
static inline pthread_mutex_t *inet_ehash_lockp(struct inet_hashinfo *h,
						unsigned int hash)
{
	return &h->ehash_locks[hash & h->ehash_locks_mask];
}

/* INET_MATCH / INET_TW_MATCH (include/net/inet_hashtables.h, the 32-bit
 * form): does the sock (TIME-WAIT sock) @__sk, a struct sock_common *,
 * carry this 4-tuple, device and namespace?  @__saddr/@__sport are the
 * peer's, @__daddr/@__hnum ours.  3.10 compares the ports as one word
 * (INET_COMBINED_PORTS); connscope compares the two fields. */
#define INET_MATCH(__sk, __net, __saddr, __daddr, __sport, __hnum, __dif) \
	((__sk)->skc_dport == (__sport) && (__sk)->skc_num == (__hnum) && \
	 (__sk)->skc_daddr == (__saddr) && (__sk)->skc_rcv_saddr == (__daddr) && \
	 (!(__sk)->skc_bound_dev_if || (__sk)->skc_bound_dev_if == (__dif)) && \
	 (__sk)->skc_net == (__net))
#define INET_TW_MATCH(__sk, __net, __saddr, __daddr, __sport, __hnum, __dif) \
	(inet_twsk(__sk)->tw_dport == (__sport) && inet_twsk(__sk)->tw_num == (__hnum) && \
	 inet_twsk(__sk)->tw_daddr == (__saddr) && \
	 inet_twsk(__sk)->tw_rcv_saddr == (__daddr) && \
	 (!(__sk)->skc_bound_dev_if || (__sk)->skc_bound_dev_if == (__dif)) && \
	 (__sk)->skc_net == (__net))

/* Table set-up and tear-down (tcp_init's part), sized from thash_entries. */
int inet_hashinfo_init(struct net *net, struct inet_hashinfo *h,
		       unsigned int thash_entries);
void cs_inet_hashinfo_destroy(struct inet_hashinfo *h);

/* Hash functions (include/net/inet_sock.h, inet_hashtables.h). */
unsigned int inet_ehashfn(const struct net *net, __be32 laddr, u16 lport,
			  __be32 faddr, __be16 fport);
unsigned int inet_sk_ehashfn(const struct sock *sk);
unsigned int inet_bhashfn(const struct net *net, u16 lport, unsigned int bhash_size);
unsigned int inet_lhashfn(const struct net *net, unsigned short num);
unsigned int inet_sk_listen_hashfn(const struct sock *sk);
u32 net_hash_mix(const struct net *net);

struct inet_bind_bucket *inet_bind_bucket_create(struct net *net,
						 struct inet_bind_hashbucket *head,
						 unsigned short snum);
void inet_bind_bucket_destroy(struct inet_bind_bucket *tb);
/* ib_net, inet_bind_bucket_for_each (include/net/inet_hashtables.h). */
static inline struct net *ib_net(const struct inet_bind_bucket *ib)
{
	return ib->ib_net;
}
#define inet_bind_bucket_for_each(tb, head) hlist_for_each_entry(tb, head, node)

void inet_bind_hash(struct sock *sk, struct inet_bind_bucket *tb, unsigned short snum);
void inet_put_port(struct sock *sk);

int inet_hash_connect(struct inet_timewait_death_row *death_row, struct sock *sk);
int __inet_hash_connect(struct inet_timewait_death_row *death_row, struct sock *sk,
			u32 port_offset,
			int (*check_established)(struct inet_timewait_death_row *,
						 struct sock *, u16,
						 struct inet_timewait_sock **),
			int (*hash)(struct sock *sk, struct inet_timewait_sock *twp));
int __inet_hash_nolisten(struct sock *sk, struct inet_timewait_sock *tw);
void __inet_hash(struct sock *sk);
void inet_hash(struct sock *sk);
void inet_unhash(struct sock *sk);

/* Lookups for the receive path; return a held reference (sock_put it). */
struct sock_common *__inet_lookup_established(struct net *net, __be32 saddr,
					      __be16 sport, __be32 daddr,
					      u16 hnum, int dif);
struct sock *__inet_lookup_listener(struct net *net, __be32 saddr, __be16 sport,
				    __be32 daddr, u16 hnum, int dif);

/* 3.10 keeps __inet_check_established static; connscope exports it for tests. */
int __inet_check_established(struct inet_timewait_death_row *death_row,
			     struct sock *sk, u16 lport,
			     struct inet_timewait_sock **twp);

/* The trace's names for what __inet_hash_connect made of one candidate port
 * (inet_hash_connect_probe's verdict, computed at next_port: and ok:). */
enum inet_hash_connect_verdict {
	HC_RESERVED,			/* in ip_local_reserved_ports */
	HC_BIND_BUCKET_BIND_USER,	/* bucket made by bind(): fastreuse >= 0 */
	HC_ESTABLISHED_CONFLICT,	/* check_established said not unique */
	HC_TW_REUSE,			/* unique by recycling a TIME-WAIT socket */
	HC_OK_EXISTING_BUCKET,		/* shared a connect()-made bucket */
	HC_OK_NEW_BUCKET,		/* port unused: new bucket */
	HC_BUCKET_ALLOC_FAILED,		/* inet_bind_bucket_create failed: stop */
};

/* The trace's names for the branch of __inet_hash_connect that returned. */
enum inet_hash_connect_path {
	HCP_EPHEMERAL,			/* inet_num == 0: port search */
	HCP_BOUND_SOLE_OWNER,		/* bound, only owner of its port: hashed */
	HCP_BOUND_SHARED,		/* bound, shared port: check_established */
};

/* The trace's names for what __inet_check_established found (at unique:
 * and not_unique:). */
enum inet_check_established_verdict {
	CE_UNIQUE,			/* no match: hashed */
	CE_TW_RECYCLED,			/* a TIME-WAIT match was reusable: hashed */
	CE_NOT_UNIQUE_TW,		/* a TIME-WAIT match that may not be reused */
	CE_NOT_UNIQUE_EST,		/* an established (or SYN_SENT) match */
};

#endif
