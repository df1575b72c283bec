// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_inet_hashtables.c - core/inet_hashtables.c: the hash functions, the
 * table sizes, bind buckets, the ephemeral port search of 3.10's
 * __inet_hash_connect (sequence, hint, reserved and bind()-owned ports, an
 * exhausted range), the bound-port branch, __inet_check_established, the
 * listening hash and the lookups.  Expected ports come from the 3.10
 * formula written out here; only the port offset is taken from
 * secure_ipv4_port_ephemeral, which test_secure_seq checks against vectors.
 */
#include "hash_test_util.h"
#include "secure_seq.h"

#define PEER_PORT 80

/* The ephemeral search, simulated: the first candidate not in @used. */
struct sim {
	int low, high;
	uint32_t hint;
};

static int sim_pick(struct sim *s, uint32_t port_offset, const int *used, int nused,
		    const int *reserved, int nreserved)
{
	int remaining = s->high - s->low + 1;

	for (int i = 1; i <= remaining; i++) {
		int port = hu_candidate(s->low, s->high, s->hint, port_offset, i), skip = 0;

		for (int k = 0; k < nused; k++)
			skip |= used[k] == port;
		for (int k = 0; k < nreserved; k++)
			skip |= reserved[k] == port;
		if (!skip) {
			s->hint += (uint32_t)i;
			return port;
		}
	}
	return -1;
}

static uint32_t offset_to(struct test_stack *ts, unsigned short dport)
{
	return secure_ipv4_port_ephemeral(ts->net, inet_addr(TS_ADDR), inet_addr(TS_PEER),
					  htons(dport));
}

/* A socket whose 4-tuple is set by hand: us -> TS_PEER:@dport, port @num. */
static struct sock *tuple_sock(struct test_stack *ts, int fd, unsigned short num,
			       unsigned short dport)
{
	struct sock *sk = hu_sk(ts, fd);
	struct inet_sock *inet = inet_sk(sk);

	inet->inet_rcv_saddr = inet->inet_saddr = inet_addr(TS_ADDR);
	inet->inet_daddr = inet_addr(TS_PEER);
	inet->inet_dport = htons(dport);
	inet->inet_num = num;
	return sk;
}

/* inet_ehashfn is 3.10's jhash_3words over (laddr, faddr, lport << 16 |
 * raw fport) with inet_ehash_secret; bhash and lhash are port masks. */
static void test_hash_functions(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int fd = hu_socket(ts);		/* draws the secrets */
	uint32_t l = inet_addr(TS_ADDR), f = inet_addr(TS_PEER);

	(void)fd;
	STEP("secret 0x%08x", net->inet_ehash_secret);
	EXPECT(net->inet_ehash_secret != 0);
	EXPECT_EQ(net_hash_mix(net), 0);
	EXPECT_EQ(inet_ehashfn(net, l, 40000, f, htons(80)),
		  hu_ehash(net->inet_ehash_secret, l, 40000, f, htons(80)));
	EXPECT_EQ(inet_ehashfn(net, l, 1, f, htons(1)),
		  hu_ehash(net->inet_ehash_secret, l, 1, f, htons(1)));
	EXPECT(inet_ehashfn(net, l, 40000, f, htons(80)) !=
	       inet_ehashfn(net, l, 40000, f, htons(81)));
	EXPECT_EQ(inet_bhashfn(net, 40000, 256), 40000 & 255);
	EXPECT_EQ(inet_bhashfn(net, 40000, 65536), 40000);
	EXPECT_EQ(inet_lhashfn(net, 8080), 8080 & 31);
	STEP("inet_sk_ehashfn reads the socket's own tuple");
	struct sock *sk = tuple_sock(ts, fd, 40001, 443);
	EXPECT_EQ(inet_sk_ehashfn(sk), hu_ehash(net->inet_ehash_secret, l, 40001, f, htons(443)));
	EXPECT_EQ(inet_sk_listen_hashfn(sk), 40001 & 31);
	inet_sk(sk)->inet_num = 0;
	ts_free(ts);
}

static void check_sizes(struct net *net, unsigned int thash, unsigned int ehash,
			unsigned int locks, unsigned int bhash)
{
	struct inet_hashinfo h;

	memset(&h, 0, sizeof(h));
	STEP("thash_entries %u", thash);
	EXPECT_EQ(inet_hashinfo_init(net, &h, thash), 0);
	EXPECT_EQ(h.ehash_mask + 1, ehash);
	EXPECT_EQ(h.ehash_locks_mask + 1, locks);
	EXPECT_EQ(h.bhash_size, bhash);
	cs_inet_hashinfo_destroy(&h);
}

/* ehash = thash_entries rounded up to a power of two; 256 locks at most,
 * never more than slots; bhash = min(ehash, 65536); 0 sizes from memory. */
static void test_table_sizes(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1", "connscope.thash_entries=100", NULL };
	struct test_stack *ts = ts_new(kv);
	struct inet_hashinfo h;

	STEP("the stack's own tables, thash_entries=100");
	EXPECT_EQ(ts->net->tcp_hashinfo.ehash_mask, 127);
	EXPECT_EQ(ts->net->tcp_hashinfo.bhash_size, 128);
	check_sizes(ts->net, 1, 1, 1, 1);
	check_sizes(ts->net, 100, 128, 128, 128);
	check_sizes(ts->net, 256, 256, 256, 256);
	check_sizes(ts->net, 1000, 1024, 256, 1024);
	check_sizes(ts->net, 100000, 131072, 256, 65536);
	STEP("thash_entries 0: sized from memory");
	memset(&h, 0, sizeof(h));
	EXPECT_EQ(inet_hashinfo_init(ts->net, &h, 0), 0);
	EXPECT_EQ((h.ehash_mask + 1) & h.ehash_mask, 0);
	EXPECT(h.ehash_mask + 1 >= 256 && h.ehash_mask + 1 <= 512 * 1024);
	EXPECT_EQ(h.bhash_size, h.ehash_mask + 1 < 65536 ? h.ehash_mask + 1 : 65536);
	cs_inet_hashinfo_destroy(&h);
	ts_free(ts);
}

/* A bucket is created empty, gains an owner with inet_bind_hash, survives
 * a destroy while owned, and goes with its last owner in inet_put_port. */
static void test_bind_bucket_lifecycle(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct inet_hashinfo *h = &net->tcp_hashinfo;
	struct sock *sk = hu_sk(ts, hu_socket(ts));
	struct inet_bind_bucket *tb;

	STEP("create a bucket for 40000");
	tb = inet_bind_bucket_create(net, &h->bhash[inet_bhashfn(net, 40000, h->bhash_size)], 40000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
	EXPECT(hu_bucket(net, 40000) == tb);
	EXPECT_EQ(tb->fastreuse, 0);
	EXPECT_EQ(tb->fastreuseport, 0);
	EXPECT_EQ(tb->num_owners, 0);
	STEP("bind the socket to it");
	inet_bind_hash(sk, tb, 40000);
	EXPECT_EQ(inet_sk(sk)->inet_num, 40000);
	EXPECT(inet_csk(sk)->icsk_bind_hash == tb);
	EXPECT(tb->owners.first == &sk->sk_bind_node);
	EXPECT_EQ(tb->num_owners, 1);
	EXPECT_EQ(atomic_load(&h->bsockets), 1);
	STEP("destroy while owned: kept");
	inet_bind_bucket_destroy(tb);
	EXPECT(hu_bucket(net, 40000) == tb);
	STEP("put the port");
	inet_put_port(sk);
	EXPECT_EQ(inet_sk(sk)->inet_num, 0);
	EXPECT(inet_csk(sk)->icsk_bind_hash == NULL);
	EXPECT(hu_bucket(net, 40000) == NULL);
	EXPECT_EQ(atomic_load(&h->bsockets), 0);
	ts_free(ts);
}

/* Connects to one destination take, in order, the ports the 3.10 loop
 * gives with the hint advancing by i; a second destination starts from its
 * own offset and may share ports.  Each SYN leaves from that port and the
 * socket sits in ehash at its hash. */
static void test_port_sequence(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct sim s = { 32768, 61000, 0 };
	int used[6], nused = 0;

	for (int k = 0; k < 6; k++) {
		unsigned short dport = k < 5 ? PEER_PORT : PEER_PORT + 1;
		int fd = hu_socket(ts), want;
		struct sock *sk;
		uint32_t hash;

		STEP("connect %d to port %u", k, dport);
		EXPECT_EQ(hu_connect(ts, fd, TS_PEER, dport), EINPROGRESS);
		want = k < 5 ? sim_pick(&s, offset_to(ts, dport), used, nused, NULL, 0)
			     : sim_pick(&s, offset_to(ts, dport), NULL, 0, NULL, 0);
		if (k < 5)
			used[nused++] = want;
		sk = hu_sk(ts, fd);
		STEP("want %d, got %u, hint %u", want, inet_sk(sk)->inet_num, net->port_hint);
		EXPECT_EQ(inet_sk(sk)->inet_num, want);
		EXPECT_EQ(ntohs(inet_sk(sk)->inet_sport), want);
		EXPECT_EQ(net->port_hint, s.hint);
		EXPECT_EQ(hu_syn_sport(ts, NULL), want);
		hash = hu_ehash(net->inet_ehash_secret, inet_addr(TS_ADDR), (uint16_t)want,
				inet_addr(TS_PEER), htons(dport));
		EXPECT_EQ(sk->sk_hash, hash);
		EXPECT(net->tcp_hashinfo.ehash[hash & net->tcp_hashinfo.ehash_mask].chain.first ==
		       &sk->sk_node);
		EXPECT_EQ(hu_bucket(net, (unsigned short)want)->fastreuse, -1);
		EXPECT_EQ(hu_bucket(net, (unsigned short)want)->fastreuseport, -1);
	}
	ts_free(ts);
}

/* A port in ip_local_reserved_ports is skipped (candidate 2 is taken and
 * the hint advances by 2). */
static void test_reserved_port_skipped(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sim s = { 32768, 61000, 0 };
	int fd = hu_socket(ts), first, want;
	char val[16];

	first = hu_candidate(s.low, s.high, 0, offset_to(ts, PEER_PORT), 1);
	snprintf(val, sizeof(val), "%d", first);
	STEP("reserve %s", val);
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.ip_local_reserved_ports", val), 0);
	EXPECT_EQ(hu_connect(ts, fd, TS_PEER, PEER_PORT), EINPROGRESS);
	want = sim_pick(&s, offset_to(ts, PEER_PORT), NULL, 0, &first, 1);
	EXPECT_EQ(want, hu_candidate(s.low, s.high, 0, offset_to(ts, PEER_PORT), 2));
	EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, want);
	EXPECT_EQ(hu_syn_sport(ts, NULL), want);
	EXPECT_EQ(ts->net->port_hint, 2);
	ts_free(ts);
}

/* A port bound with bind() (bucket fastreuse >= 0) is never shared by
 * connect: the search moves on to candidate 2 and the hint advances by 2. */
static void test_bound_port_skipped(void)
{
	struct test_stack *ts = ts_new(NULL);
	int b = hu_socket(ts), c = hu_socket(ts);	/* the first socket draws the secrets */
	uint32_t off = offset_to(ts, PEER_PORT);
	int first = hu_candidate(32768, 61000, 0, off, 1);
	int second = hu_candidate(32768, 61000, 0, off, 2);

	STEP("bind() takes %d", first);
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", (unsigned short)first), 0);
	EXPECT_EQ(hu_bucket(ts->net, (unsigned short)first)->fastreuse, 0);
	EXPECT_EQ(hu_connect(ts, c, TS_PEER, PEER_PORT), EINPROGRESS);
	EXPECT_EQ(inet_sk(hu_sk(ts, c))->inet_num, second);
	EXPECT_EQ(hu_syn_sport(ts, NULL), second);
	EXPECT_EQ(ts->net->port_hint, 2);
	ts_free(ts);
}

/* The bind()-bucket test is fastreuse >= 0 OR fastreuseport >= 0: with a
 * one-port range, either one keeps connect off the port; only a bucket
 * with both at -1 is shared (check_established then decides). */
static void test_bind_bucket_or_rule(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40000", NULL };
	struct test_stack *ts = ts_new(kv);
	int b = hu_socket(ts), c = hu_socket(ts);
	struct inet_bind_bucket *tb;

	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 40000), 0);
	tb = hu_bucket(ts->net, 40000);
	STEP("fastreuse 0, fastreuseport 0");
	EXPECT_EQ(hu_connect(ts, c, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	STEP("fastreuse -1, fastreuseport 0");
	tb->fastreuse = -1;
	EXPECT_EQ(hu_connect(ts, c, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	STEP("fastreuse 0, fastreuseport -1");
	tb->fastreuse = 0;
	tb->fastreuseport = -1;
	EXPECT_EQ(hu_connect(ts, c, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	STEP("both -1: shared");
	tb->fastreuse = -1;
	EXPECT_EQ(hu_connect(ts, c, TS_PEER, PEER_PORT), EINPROGRESS);
	EXPECT_EQ(inet_sk(hu_sk(ts, c))->inet_num, 40000);
	EXPECT_EQ(hu_syn_sport(ts, NULL), 40000);
	EXPECT_EQ(tb->num_owners, 2);
	ts_free(ts);
}

/* Four ports: four connects to one destination use them all, the fifth
 * fails with EADDRNOTAVAIL (hint unchanged); another destination shares
 * an existing connect() bucket. */
static void test_range_of_four(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40003", NULL };
	struct test_stack *ts = ts_new(kv);
	struct sim s = { 40000, 40003, 0 };
	int used[4], nused = 0, fd, want;
	uint32_t hint;

	for (int k = 0; k < 4; k++) {
		fd = hu_socket(ts);
		EXPECT_EQ(hu_connect(ts, fd, TS_PEER, PEER_PORT), EINPROGRESS);
		want = sim_pick(&s, offset_to(ts, PEER_PORT), used, nused, NULL, 0);
		used[nused++] = want;
		STEP("connect %d: want %d", k, want);
		EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, want);
		EXPECT_EQ(hu_syn_sport(ts, NULL), want);
	}
	EXPECT_EQ(used[0] + used[1] + used[2] + used[3], 40000 + 40001 + 40002 + 40003);
	hint = ts->net->port_hint;
	STEP("fifth connect");
	fd = hu_socket(ts);
	EXPECT_EQ(hu_connect(ts, fd, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	EXPECT_EQ(hu_sk(ts, fd)->sk_state, TCP_CLOSE);
	EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, 0);
	EXPECT_EQ(ts->net->port_hint, hint);
	STEP("another destination");
	EXPECT_EQ(hu_connect(ts, fd, TS_PEER, PEER_PORT + 1), EINPROGRESS);
	want = sim_pick(&s, offset_to(ts, PEER_PORT + 1), NULL, 0, NULL, 0);
	EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, want);
	EXPECT_EQ(hu_bucket(ts->net, (unsigned short)want)->num_owners, 2);
	EXPECT_EQ(hu_syn_sport(ts, NULL), want);
	ts_free(ts);
}

/* __inet_check_established: a matching socket in chain is EADDRNOTAVAIL
 * and leaves ours untouched; otherwise ours takes the port, the hash and
 * the head of the chain.  A socket bound to a device matches only that
 * device (or a caller bound to none matches everything it lists). */
static void test_check_established(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct inet_timewait_sock *tw = (void *)1;
	int a = hu_socket(ts);
	struct sock *b;
	unsigned short pa;
	uint32_t hash;

	EXPECT_EQ(hu_connect(ts, a, TS_PEER, PEER_PORT), EINPROGRESS);
	pa = inet_sk(hu_sk(ts, a))->inet_num;
	EXPECT_EQ(hu_syn_sport(ts, NULL), pa);
	b = tuple_sock(ts, hu_socket(ts), 0, PEER_PORT);
	STEP("same 4-tuple as A (port %u)", pa);
	EXPECT_EQ(__inet_check_established(&net->tcp_death_row, b, pa, &tw), -EADDRNOTAVAIL);
	EXPECT(sk_unhashed(b));
	EXPECT_EQ(inet_sk(b)->inet_num, 0);
	EXPECT(tw == (void *)1);
	STEP("A bound to device 5, B asks for device 6: no match");
	hu_sk(ts, a)->sk_bound_dev_if = 5;
	b->sk_bound_dev_if = 5;
	EXPECT_EQ(__inet_check_established(&net->tcp_death_row, b, pa, &tw), -EADDRNOTAVAIL);
	b->sk_bound_dev_if = 6;
	EXPECT_EQ(__inet_check_established(&net->tcp_death_row, b, pa, &tw), 0);
	EXPECT(tw == NULL);
	inet_unhash(b);
	hu_sk(ts, a)->sk_bound_dev_if = 0;
	b->sk_bound_dev_if = 0;
	STEP("another peer port: unique");
	inet_sk(b)->inet_num = 0;
	inet_sk(b)->inet_dport = htons(PEER_PORT + 1);
	EXPECT_EQ(__inet_check_established(&net->tcp_death_row, b, pa, NULL), 0);
	hash = hu_ehash(net->inet_ehash_secret, inet_addr(TS_ADDR), pa, inet_addr(TS_PEER),
			htons(PEER_PORT + 1));
	EXPECT_EQ(inet_sk(b)->inet_num, pa);
	EXPECT_EQ(ntohs(inet_sk(b)->inet_sport), pa);
	EXPECT_EQ(b->sk_hash, hash);
	EXPECT(net->tcp_hashinfo.ehash[hash & net->tcp_hashinfo.ehash_mask].chain.first ==
	       &b->sk_node);
	inet_unhash(b);
	inet_sk(b)->inet_num = 0;
	ts_free(ts);
}

/* __inet_hash_nolisten computes sk_hash and heads the chain; inet_unhash
 * takes it out (twice is harmless); inet_hash ignores a closed socket. */
static void test_hash_nolisten_unhash(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct sock *sk = tuple_sock(ts, hu_socket(ts), 40000, 443);
	uint32_t hash = hu_ehash(net->inet_ehash_secret, inet_addr(TS_ADDR), 40000,
				 inet_addr(TS_PEER), htons(443));
	unsigned int slot = hash & net->tcp_hashinfo.ehash_mask;

	STEP("inet_hash on a CLOSE socket");
	inet_hash(sk);
	EXPECT(sk_unhashed(sk));
	STEP("__inet_hash_nolisten");
	EXPECT_EQ(__inet_hash_nolisten(sk, NULL), 0);
	EXPECT_EQ(sk->sk_hash, hash);
	EXPECT(net->tcp_hashinfo.ehash[slot].chain.first == &sk->sk_node);
	STEP("lookup finds it, with a reference");
	int ref = atomic_load(&sk->sk_refcnt);
	struct sock_common *found = __inet_lookup_established(net, inet_addr(TS_PEER), htons(443),
							      inet_addr(TS_ADDR), 40000, 0);
	EXPECT(found == &sk->__sk_common);
	EXPECT_EQ(atomic_load(&sk->sk_refcnt), ref + 1);
	EXPECT(!found->skc_tw);
	sock_put(sk);
	EXPECT(__inet_lookup_established(net, inet_addr(TS_PEER), htons(444),
					 inet_addr(TS_ADDR), 40000, 0) == NULL);
	STEP("a socket of state SYN_SENT goes through __inet_hash to ehash");
	inet_unhash(sk);
	EXPECT(sk_unhashed(sk));
	EXPECT_EQ(hu_ehash_count(net, slot, 0), 0);
	inet_unhash(sk);
	sk->sk_state = TCP_SYN_SENT;
	inet_hash(sk);
	EXPECT(net->tcp_hashinfo.ehash[slot].chain.first == &sk->sk_node);
	inet_unhash(sk);
	sk->sk_state = TCP_CLOSE;
	inet_sk(sk)->inet_num = 0;
	ts_free(ts);
}

/* Listeners sit in listening_hash[port & 31]; the lookup prefers a bound
 * address (+4) and a bound device (+4) over a wildcard, and a mismatching
 * one disqualifies. */
static void test_listen_lookup(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int wild = hu_socket(ts), spec = hu_socket(ts);
	struct sock *w = hu_sk(ts, wild), *s = hu_sk(ts, spec), *r;
	uint32_t us = inet_addr(TS_ADDR), peer = inet_addr(TS_PEER);

	EXPECT_EQ(hu_setopt(ts, wild, SO_REUSEPORT, 1), 0);
	EXPECT_EQ(hu_setopt(ts, spec, SO_REUSEPORT, 1), 0);
	EXPECT_EQ(hu_bind(ts, wild, "0.0.0.0", 8080), 0);
	EXPECT_EQ(hu_bind(ts, spec, TS_ADDR, 8080), 0);
	EXPECT_EQ(cs_listen(net, wild, 5), 0);
	STEP("one wildcard listener in slot %u", 8080 & 31);
	EXPECT(net->tcp_hashinfo.listening_hash[8080 & 31].head.first == &w->sk_node);
	r = __inet_lookup_listener(net, peer, htons(5555), us, 8080, 2);
	EXPECT(r == w);
	if (r)
		sock_put(r);
	EXPECT_EQ(cs_listen(net, spec, 5), 0);
	STEP("the bound-address listener wins for its address");
	r = __inet_lookup_listener(net, peer, htons(5555), us, 8080, 2);
	EXPECT(r == s);
	if (r)
		sock_put(r);
	r = __inet_lookup_listener(net, peer, htons(5555), inet_addr("127.0.0.1"), 8080, 2);
	EXPECT(r == w);
	if (r)
		sock_put(r);
	STEP("bound device 7: wins on 7, disqualified on 3");
	s->sk_bound_dev_if = 7;
	r = __inet_lookup_listener(net, peer, htons(5555), us, 8080, 7);
	EXPECT(r == s);
	if (r)
		sock_put(r);
	r = __inet_lookup_listener(net, peer, htons(5555), us, 8080, 3);
	EXPECT(r == w);
	if (r)
		sock_put(r);
	s->sk_bound_dev_if = 0;
	EXPECT(__inet_lookup_listener(net, peer, htons(5555), us, 8081, 2) == NULL);
	STEP("unhash the wildcard listener");
	inet_unhash(w);
	EXPECT(sk_unhashed(w));
	EXPECT(net->tcp_hashinfo.listening_hash[8080 & 31].head.first == &s->sk_node);
	r = __inet_lookup_listener(net, peer, htons(5555), inet_addr("127.0.0.1"), 8080, 2);
	EXPECT(r == NULL);
	ts_free(ts);
}

/* Bound port, only owner: hashed at once, even over a matching socket that
 * check_established would refuse. */
static void test_bound_sole_owner(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = hu_socket(ts);
	struct sock *x = tuple_sock(ts, hu_socket(ts), 45000, PEER_PORT);

	STEP("a socket with the same 4-tuple in ehash, not in the bind bucket");
	EXPECT_EQ(__inet_hash_nolisten(x, NULL), 0);
	EXPECT_EQ(hu_bind(ts, fd, TS_ADDR, 45000), 0);
	EXPECT_EQ(hu_connect(ts, fd, TS_PEER, PEER_PORT), EINPROGRESS);
	EXPECT(sk_hashed(hu_sk(ts, fd)));
	EXPECT_EQ(hu_syn_sport(ts, NULL), 45000);
	inet_unhash(x);
	inet_sk(x)->inet_num = 0;
	ts_free(ts);
}

/* Bound port shared by two SO_REUSEADDR sockets: check_established
 * decides; the same destination is EADDRNOTAVAIL, another one works. */
static void test_bound_shared(void)
{
	struct test_stack *ts = ts_new(NULL);
	int a = hu_socket(ts), b = hu_socket(ts);
	uint64_t before = hu_mib(ts, "TWRecycled");

	EXPECT_EQ(hu_setopt(ts, a, SO_REUSEADDR, 1), 0);
	EXPECT_EQ(hu_setopt(ts, b, SO_REUSEADDR, 1), 0);
	EXPECT_EQ(hu_bind(ts, a, TS_ADDR, 45001), 0);
	EXPECT_EQ(hu_bind(ts, b, TS_ADDR, 45001), 0);
	EXPECT_EQ(hu_bucket(ts->net, 45001)->num_owners, 2);
	STEP("A connects");
	EXPECT_EQ(hu_connect(ts, a, TS_PEER, PEER_PORT), EINPROGRESS);
	EXPECT_EQ(hu_syn_sport(ts, NULL), 45001);
	STEP("B connects to the same destination");
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	EXPECT(sk_unhashed(hu_sk(ts, b)));
	EXPECT_EQ(inet_sk(hu_sk(ts, b))->inet_num, 45001);
	STEP("B connects elsewhere");
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT + 1), EINPROGRESS);
	EXPECT_EQ(hu_syn_sport(ts, NULL), 45001);
	EXPECT_EQ(hu_mib(ts, "TWRecycled"), before);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("inet_hashtables", NULL, NULL);

	CU_add_test(s, "hash functions", test_hash_functions);
	CU_add_test(s, "table sizes", test_table_sizes);
	CU_add_test(s, "bind bucket lifecycle", test_bind_bucket_lifecycle);
	CU_add_test(s, "ephemeral port sequence", test_port_sequence);
	CU_add_test(s, "reserved port skipped", test_reserved_port_skipped);
	CU_add_test(s, "bind() port skipped", test_bound_port_skipped);
	CU_add_test(s, "bind() bucket: fastreuse or fastreuseport", test_bind_bucket_or_rule);
	CU_add_test(s, "range of four ports", test_range_of_four);
	CU_add_test(s, "__inet_check_established", test_check_established);
	CU_add_test(s, "__inet_hash_nolisten / inet_unhash / lookup", test_hash_nolisten_unhash);
	CU_add_test(s, "listening hash and lookup", test_listen_lookup);
	CU_add_test(s, "bound port, sole owner", test_bound_sole_owner);
	CU_add_test(s, "bound port, shared", test_bound_shared);
}
