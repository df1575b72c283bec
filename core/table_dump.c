// SPDX-License-Identifier: GPL-2.0-only
/*
 * table_dump.c - the hash tables as JSON (cs_dump_tables), the connscope
 * counterpart of /proc/net/tcp (tcp4_seq_show in net/ipv4/tcp_ipv4.c): what
 * `connscope --dump-tables` writes and what the trace model must rebuild.
 * Each table is walked bucket by bucket under its bucket lock, in chain
 * order (head first), so the output is the tables' real content and order.
 * The format is described in docs/table-dump.md.
 *
 * cs_statedump walks the same tables in the same order and emits one trace
 * event per entry (docs/tracepoints.md), so that a trace which starts
 * late (a live viewer attaching to a running stack) still holds the state.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "net.h"
#include "trace.h"

static void put_addr(FILE *f, const char *key, __be32 a)
{
	char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	fprintf(f, "\"%s\":\"%s\"", key, buf);
}

/* One entry of an ehash chain: a full socket or a TIME-WAIT socket. */
static void dump_skc(FILE *f, const struct sock_common *skc)
{
	__be16 sport;
	u32 id;
	int state;

	if (skc->skc_tw) {
		const struct inet_timewait_sock *tw = inet_twsk(skc);

		id = tw->tw_id;
		sport = tw->tw_sport;
		state = tw->tw_substate;
	} else {
		const struct sock *sk = container_of(skc, const struct sock, __sk_common);

		id = sk->sk_id;
		sport = inet_sk(sk)->inet_sport;
		state = READ_ONCE(skc->skc_state);	/* set under the socket lock */
	}
	fprintf(f, "{\"id\":%u,\"tw\":%s,\"state\":\"%s\",", id,
		skc->skc_tw ? "true" : "false", cs_state_name(state));
	put_addr(f, "saddr", skc->skc_rcv_saddr);
	fprintf(f, ",\"sport\":%u,", ntohs(sport));
	put_addr(f, "daddr", skc->skc_daddr);
	fprintf(f, ",\"dport\":%u,\"hash\":%u}", ntohs(skc->skc_dport), skc->skc_hash);
}

static void dump_chain(FILE *f, const char *name, const struct hlist_head *head)
{
	const struct hlist_node *n;
	int first = 1;

	fprintf(f, "\"%s\":[", name);
	hlist_for_each(n, head) {
		fputs(first ? "" : ",", f);
		dump_skc(f, container_of(n, const struct sock_common, skc_node));
		first = 0;
	}
	fputc(']', f);
}

static void dump_ehash(FILE *f, struct inet_hashinfo *h)
{
	int first = 1;

	fprintf(f, "\"ehash_size\":%u,\"ehash\":[", h->ehash_mask + 1);
	for (unsigned int i = 0; i <= h->ehash_mask; i++) {
		struct inet_ehash_bucket *b = &h->ehash[i];
		pthread_mutex_t *lock = inet_ehash_lockp(h, i);

		pthread_mutex_lock(lock);
		if (!hlist_empty(&b->chain) || !hlist_empty(&b->twchain)) {
			fprintf(f, "%s\n  {\"bucket\":%u,", first ? "" : ",", i);
			dump_chain(f, "chain", &b->chain);
			fputc(',', f);
			dump_chain(f, "twchain", &b->twchain);
			fputc('}', f);
			first = 0;
		}
		pthread_mutex_unlock(lock);
	}
	fputs("]", f);
}

static void dump_owners(FILE *f, const struct inet_bind_bucket *tb)
{
	const struct hlist_node *n;
	int first = 1;

	fputs("\"owners\":[", f);
	hlist_for_each(n, &tb->owners) {
		const struct sock_common *skc =
			container_of(n, const struct sock_common, skc_bind_node);
		u32 id = skc->skc_tw ? inet_twsk(skc)->tw_id
				     : container_of(skc, const struct sock, __sk_common)->sk_id;

		fprintf(f, "%s{\"id\":%u,\"tw\":%s}", first ? "" : ",", id,
			skc->skc_tw ? "true" : "false");
		first = 0;
	}
	fputc(']', f);
}

static void dump_bhash(FILE *f, struct inet_hashinfo *h)
{
	int first = 1;

	fprintf(f, ",\n\"bhash_size\":%u,\"bhash\":[", h->bhash_size);
	for (unsigned int i = 0; i < h->bhash_size; i++) {
		struct inet_bind_hashbucket *head = &h->bhash[i];
		const struct hlist_node *n;
		int tfirst = 1;

		pthread_mutex_lock(&head->lock);
		if (!hlist_empty(&head->chain)) {
			fprintf(f, "%s\n  {\"bucket\":%u,\"buckets\":[", first ? "" : ",", i);
			hlist_for_each(n, &head->chain) {
				const struct inet_bind_bucket *tb =
					container_of(n, const struct inet_bind_bucket, node);

				fprintf(f, "%s{\"port\":%u,\"fastreuse\":%d,\"fastreuseport\":%d,",
					tfirst ? "" : ",", tb->port, tb->fastreuse,
					tb->fastreuseport);
				dump_owners(f, tb);
				fputc('}', f);
				tfirst = 0;
			}
			fputs("]}", f);
			first = 0;
		}
		pthread_mutex_unlock(&head->lock);
	}
	fputs("]", f);
}

static void dump_listening(FILE *f, struct inet_hashinfo *h)
{
	int first = 1;

	fprintf(f, ",\n\"listening_size\":%d,\"listening\":[", INET_LHTABLE_SIZE);
	for (unsigned int i = 0; i < INET_LHTABLE_SIZE; i++) {
		struct inet_listen_hashbucket *ilb = &h->listening_hash[i];

		pthread_mutex_lock(&ilb->lock);
		if (!hlist_empty(&ilb->head)) {
			fprintf(f, "%s\n  {\"bucket\":%u,", first ? "" : ",", i);
			dump_chain(f, "chain", &ilb->head);
			fputc('}', f);
			first = 0;
		}
		pthread_mutex_unlock(&ilb->lock);
	}
	fputs("]", f);
}

int cs_dump_tables(struct net *net, void *stdio_file)
{
	FILE *f = stdio_file;
	struct inet_hashinfo *h = &net->tcp_hashinfo;

	fputs("{", f);
	dump_ehash(f, h);
	dump_bhash(f, h);
	dump_listening(f, h);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

/* The sockets that have a descriptor, each under its bh lock (the softirq
 * may be changing it).  Orphans are found in the ehash walk. */
static unsigned int statedump_socks(struct net *net)
{
	unsigned int n = 0;

	pthread_mutex_lock(&net->fd_lock);
	for (int fd = 0; fd < (int)net->max_fds; fd++) {
		struct socket *sock = net->fdt[fd];

		if (!sock || !sock->sk)
			continue;
		bh_lock_sock(sock->sk);
		cs_trace(statedump_sock, sock->sk, fd);
		bh_unlock_sock(sock->sk);
		n++;
	}
	pthread_mutex_unlock(&net->fd_lock);
	return n;
}

static unsigned int statedump_list(unsigned int slot, int list, const struct hlist_head *head)
{
	const struct hlist_node *node;
	unsigned int pos = 0;

	hlist_for_each(node, head) {
		const struct sock_common *skc =
			container_of(node, const struct sock_common, skc_node);

		if (list < 0)
			cs_trace(statedump_listen, slot, pos, skc);
		else
			cs_trace(statedump_ehash, slot, list, pos, skc);
		pos++;
	}
	return pos;
}

/* The ehash with every ehash lock held (in index order; no path holds two
 * of them, so this cannot deadlock), so no chain changes during the walk
 * and the entries are one consistent picture. */
static unsigned int statedump_ehash(struct inet_hashinfo *h)
{
	unsigned int i, n = 0;

	for (i = 0; i <= h->ehash_locks_mask; i++)
		pthread_mutex_lock(&h->ehash_locks[i]);
	cs_trace(statedump_table, 0, h->ehash_mask + 1);
	for (i = 0; i <= h->ehash_mask; i++) {
		n += statedump_list(i, 0, &h->ehash[i].chain);
		n += statedump_list(i, 1, &h->ehash[i].twchain);
	}
	for (i = h->ehash_locks_mask + 1; i-- > 0;)
		pthread_mutex_unlock(&h->ehash_locks[i]);
	return n;
}

/* The bind hash with every bhash lock held (no ehash lock is held here:
 * the order is bhash, then ehash). */
static unsigned int statedump_bhash(struct inet_hashinfo *h)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->bhash_size; i++)
		pthread_mutex_lock(&h->bhash[i].lock);
	cs_trace(statedump_table, 1, h->bhash_size);
	for (i = 0; i < h->bhash_size; i++) {
		const struct hlist_node *node, *o;
		unsigned int pos = 0;

		hlist_for_each(node, &h->bhash[i].chain) {
			const struct inet_bind_bucket *tb =
				container_of(node, const struct inet_bind_bucket, node);
			unsigned int opos = 0;

			cs_trace(statedump_bind_bucket, i, pos++, tb);
			hlist_for_each(o, &tb->owners)
				cs_trace(statedump_bind_owner, i, tb->port, opos++,
					 container_of(o, const struct sock_common, skc_bind_node));
			n++;
		}
	}
	for (i = h->bhash_size; i-- > 0;)
		pthread_mutex_unlock(&h->bhash[i].lock);
	return n;
}

static unsigned int statedump_listening(struct inet_hashinfo *h)
{
	unsigned int i, n = 0;

	for (i = 0; i < INET_LHTABLE_SIZE; i++)
		pthread_mutex_lock(&h->listening_hash[i].lock);
	cs_trace(statedump_table, 2, INET_LHTABLE_SIZE);
	for (i = 0; i < INET_LHTABLE_SIZE; i++)
		n += statedump_list(i, -1, &h->listening_hash[i].head);
	for (i = INET_LHTABLE_SIZE; i-- > 0;)
		pthread_mutex_unlock(&h->listening_hash[i].lock);
	return n;
}

static int timer_order(const void *a, const void *b)
{
	const struct timer_list *x = *(const struct timer_list *const *)a;
	const struct timer_list *y = *(const struct timer_list *const *)b;

	if (x->wheel_expires != y->wheel_expires)
		return time_after(x->wheel_expires, y->wheel_expires) ? 1 : -1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The timer base's pending timers, in the order they will run: the heap
 * read breadth first into an array, sorted as the base runs them.  Out of
 * memory, only the table's header is dumped. */
static unsigned int statedump_timers(struct net *net)
{
	const struct timer_list **v, *c;
	unsigned int n = 0;

	pthread_mutex_lock(&net->timer_lock);
	cs_trace(statedump_table, 3, 0);
	v = malloc((net->timer_count + 1) * sizeof(*v));
	if (v && net->timer_root) {
		v[n++] = net->timer_root;
		for (unsigned int i = 0; i < n; i++)
			for (c = v[i]->child; c && n < net->timer_count; c = c->sibling)
				v[n++] = c;
		qsort(v, n, sizeof(*v), timer_order);
		for (unsigned int i = 0; i < n; i++)
			cs_trace(statedump_timer, v[i]);
	}
	pthread_mutex_unlock(&net->timer_lock);
	free(v);
	return n;
}

int cs_statedump(struct net *net)
{
	unsigned int socks, entries, buckets, listeners, timers;

	if (!net) {
		errno = EINVAL;
		return -1;
	}
	if (!cs_trace_enabled(statedump_begin))
		return 0;
	cs_trace(statedump_begin, net, net_jiffies(net));
	socks = statedump_socks(net);
	entries = statedump_ehash(&net->tcp_hashinfo);
	buckets = statedump_bhash(&net->tcp_hashinfo);
	listeners = statedump_listening(&net->tcp_hashinfo);
	timers = statedump_timers(net);
	cs_trace(statedump_end, socks, entries, buckets, listeners, timers);
	return 0;
}
