// SPDX-License-Identifier: GPL-2.0-only
/*
 * table_dump.c - the hash tables as JSON (cs_dump_tables), the connscope
 * counterpart of /proc/net/tcp (tcp4_seq_show in net/ipv4/tcp_ipv4.c): what
 * `connscope --dump-tables` writes and what the trace model must rebuild.
 * Each table is walked bucket by bucket under its bucket lock, in chain
 * order (head first), so the output is the tables' real content and order.
 * The format is described in docs/table-dump.md.
 */
#include <stdio.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "net.h"

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
		state = skc->skc_state;
	}
	fprintf(f, "{\"id\":%u,\"tw\":%s,\"state\":\"%s\",", id,
		skc->skc_tw ? "true" : "false", tcp_state_name(state));
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
