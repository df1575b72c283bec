// SPDX-License-Identifier: GPL-2.0-only
/*
 * table_check.c - cs_check_tables: the invariants that bind the bhash, the
 * ehash, the listening hash and the descriptor table together, for tests
 * (and for anyone who suspects the tables).  Every bucket is checked under
 * its own lock; a stack in motion may move a socket between two buckets'
 * checks, so call it on a quiet stack.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "net.h"

struct check {
	char *msg;
	size_t len;
	int bad;
	unsigned long socks, tws, buckets;
};

static void fail(struct check *c, const char *fmt, ...)
{
	va_list ap;

	if (c->bad++)
		return;		/* report the first violation */
	va_start(ap, fmt);
	vsnprintf(c->msg, c->len, fmt, ap);
	va_end(ap);
}

/* Is @node on the list @head? */
static bool on_list(const struct hlist_head *head, const struct hlist_node *node)
{
	const struct hlist_node *n;

	hlist_for_each(n, head)
		if (n == node)
			return true;
	return false;
}

/* A full socket in ehash slot @slot. */
static void check_ehash_sock(struct check *c, struct net *net, unsigned int slot,
			     const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);
	struct inet_bind_bucket *tb = inet_csk(sk)->icsk_bind_hash;
	unsigned int want = inet_ehashfn(net, inet->inet_rcv_saddr, inet->inet_num,
					 inet->inet_daddr, inet->inet_dport);

	c->socks++;
	if (sk->sk_hash != want)
		fail(c, "socket %u: sk_hash %#x, its 4-tuple hashes to %#x", sk->sk_id,
		     sk->sk_hash, want);
	if ((sk->sk_hash & net->tcp_hashinfo.ehash_mask) != slot)
		fail(c, "socket %u is in ehash slot %u, its hash says %u", sk->sk_id, slot,
		     sk->sk_hash & net->tcp_hashinfo.ehash_mask);
	if ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN | TCPF_TIME_WAIT))
		fail(c, "socket %u in the ehash chain is %s", sk->sk_id,
		     cs_state_name(sk->sk_state));
	if (!tb)
		fail(c, "socket %u is hashed but has no bind bucket", sk->sk_id);
	else if (tb->port != inet->inet_num || !on_list(&tb->owners, &sk->sk_bind_node))
		fail(c, "socket %u (port %u) is not an owner of its bind bucket (port %u)",
		     sk->sk_id, inet->inet_num, tb->port);
}

/* A TIME-WAIT socket in ehash slot @slot. */
static void check_ehash_tw(struct check *c, struct net *net, unsigned int slot,
			   const struct inet_timewait_sock *tw)
{
	c->tws++;
	if ((tw->tw_hash & net->tcp_hashinfo.ehash_mask) != slot)
		fail(c, "TIME-WAIT %u is in ehash slot %u, its hash says %u", tw->tw_id, slot,
		     tw->tw_hash & net->tcp_hashinfo.ehash_mask);
	if (tw->tw_tb && (tw->tw_tb->port != tw->tw_num ||
			  !on_list(&tw->tw_tb->owners, &tw->tw_bind_node)))
		fail(c, "TIME-WAIT %u is not an owner of its bind bucket", tw->tw_id);
}

/* No two entries of one slot share a 4-tuple. */
static void check_unique(struct check *c, const struct inet_ehash_bucket *b, unsigned int slot)
{
	const struct hlist_node *x, *y;

	hlist_for_each(x, &b->chain) {
		const struct sock_common *a = container_of(x, const struct sock_common, skc_node);

		for (y = x->next; y; y = y->next) {
			const struct sock_common *o = container_of(y, const struct sock_common, skc_node);

			if (a->skc_daddr == o->skc_daddr && a->skc_rcv_saddr == o->skc_rcv_saddr &&
			    a->skc_dport == o->skc_dport && a->skc_num == o->skc_num)
				fail(c, "ehash slot %u holds one 4-tuple twice (port %u)", slot,
				     a->skc_num);
		}
	}
}

static void check_ehash(struct check *c, struct net *net)
{
	struct inet_hashinfo *h = &net->tcp_hashinfo;

	for (unsigned int i = 0; i <= h->ehash_mask; i++) {
		pthread_mutex_t *lock = inet_ehash_lockp(h, i);
		const struct hlist_node *n;

		pthread_mutex_lock(lock);
		hlist_for_each(n, &h->ehash[i].chain)
			check_ehash_sock(c, net, i, container_of(n, const struct sock, sk_node));
		hlist_for_each(n, &h->ehash[i].twchain)
			check_ehash_tw(c, net, i, inet_twsk(container_of(n, const struct sock_common,
									 skc_node)));
		check_unique(c, &h->ehash[i], i);
		pthread_mutex_unlock(lock);
	}
}

/* One bind bucket: in the right slot, not empty, its count right, each
 * owner pointing back at it, the socket owners counted. */
static void check_bind_bucket(struct check *c, struct net *net, unsigned int slot,
			      const struct inet_bind_bucket *tb)
{
	const struct hlist_node *n;
	int owners = 0, socks = 0;

	c->buckets++;
	if (inet_bhashfn(net, tb->port, net->tcp_hashinfo.bhash_size) != slot)
		fail(c, "bind bucket of port %u is in bhash slot %u", tb->port, slot);
	hlist_for_each(n, &tb->owners) {
		const struct sock_common *skc = container_of(n, const struct sock_common,
							     skc_bind_node);
		const struct inet_bind_bucket *back = skc->skc_tw ? inet_twsk(skc)->tw_tb :
			inet_csk(container_of(skc, const struct sock, __sk_common))->icsk_bind_hash;

		owners++;
		socks += !skc->skc_tw;
		if (back != tb || skc->skc_num != tb->port)
			fail(c, "an owner of port %u points at another bucket", tb->port);
	}
	if (!owners)
		fail(c, "bind bucket of port %u has no owner (it should be destroyed)", tb->port);
	/* 3.10 counts full sockets only: __inet_twsk_hashdance adds the
	 * TIME-WAIT socket to the owners without num_owners++. */
	if (socks != tb->num_owners)
		fail(c, "bind bucket of port %u counts %d socket owners, holds %d", tb->port,
		     tb->num_owners, socks);
}

static void check_bhash(struct check *c, struct net *net)
{
	struct inet_hashinfo *h = &net->tcp_hashinfo;

	for (unsigned int i = 0; i < h->bhash_size; i++) {
		const struct hlist_node *n;

		pthread_mutex_lock(&h->bhash[i].lock);
		hlist_for_each(n, &h->bhash[i].chain)
			check_bind_bucket(c, net, i, container_of(n, const struct inet_bind_bucket,
								  node));
		pthread_mutex_unlock(&h->bhash[i].lock);
	}
}

/* Listeners in their slot, in LISTEN; descriptors point at their socket. */
static void check_listen_and_fds(struct check *c, struct net *net)
{
	struct inet_hashinfo *h = &net->tcp_hashinfo;

	for (unsigned int i = 0; i < INET_LHTABLE_SIZE; i++) {
		const struct hlist_node *n;

		pthread_mutex_lock(&h->listening_hash[i].lock);
		hlist_for_each(n, &h->listening_hash[i].head) {
			const struct sock *sk = container_of(n, const struct sock, sk_node);

			if (sk->sk_state != TCP_LISTEN || inet_sk_listen_hashfn(sk) != i)
				fail(c, "listening slot %u holds socket %u (%s)", i, sk->sk_id,
				     cs_state_name(sk->sk_state));
		}
		pthread_mutex_unlock(&h->listening_hash[i].lock);
	}
	pthread_mutex_lock(&net->fd_lock);
	for (int fd = 0; fd < (int)net->max_fds; fd++) {
		const struct socket *sock = net->fdt[fd];
		unsigned long bit = 1UL << (fd % (8 * sizeof(long)));
		bool open = net->open_fds[fd / (8 * sizeof(long))] & bit;

		if (sock && (sock->fd != fd || !sock->sk || sock->sk->sk_socket != sock))
			fail(c, "descriptor %d does not lead to its socket and back", fd);
		if (open != (sock != NULL) || (!sock && fd < (int)net->next_fd))
			fail(c, "descriptor %d: open_fds bit %d, socket %s, next_fd %u", fd,
			     open, sock ? "set" : "none", net->next_fd);
	}
	pthread_mutex_unlock(&net->fd_lock);
}

int cs_check_tables(struct net *net, char *msg, size_t len)
{
	struct check c = { .msg = msg, .len = len };

	if (len)
		msg[0] = '\0';
	check_ehash(&c, net);
	check_bhash(&c, net);
	check_listen_and_fds(&c, net);
	if (c.bad) {
		errno = EUCLEAN;
		return -1;
	}
	snprintf(msg, len, "%lu sockets, %lu TIME-WAIT, %lu bind buckets: consistent",
		 c.socks, c.tws, c.buckets);
	return 0;
}
