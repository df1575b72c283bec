// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_inetpeer.c - per-destination peers (core/inetpeer.c): one entry per
 * address, the IP ID counter seeded by secure_ip_id (3.10.4 formula written
 * out here) and advanced by 1 + more, skipping 0, and the ICMP rate-limit
 * token bucket; the AVL tree stays balanced through inserts and reclaims.
 */
#include "lower.h"
#include "secure_seq.h"

static u32 want_secure_ip_id(struct net *net, __be32 daddr)
{
	u32 h[4] = { (u32)daddr, net->net_secret[13], net->net_secret[14],
		     net->net_secret[15] };

	md5_transform(h, net->net_secret);
	return h[0];
}

static void test_lookup(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct inet_peer *a, *b;

	STEP("no entry without create; one entry per address");
	EXPECT(inet_getpeer_v4(ts->net, A("10.77.0.2"), 0) == NULL);
	a = inet_getpeer_v4(ts->net, A("10.77.0.2"), 1);
	b = inet_getpeer_v4(ts->net, A("10.77.0.3"), 1);
	EXPECT(a != NULL && b != NULL && a != b);
	EXPECT(inet_getpeer_v4(ts->net, A("10.77.0.2"), 0) == a);
	lower_free(ts);
}

/* The counter: secure_ip_id(daddr) + 1 first, + (1 + more) each call,
 * with the secrets of the stack (set non-zero here). */
static void test_ids(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct inet_peer *p;
	u32 base;

	for (int i = 0; i < 16; i++)
		ts->net->net_secret[i] = 0x01010101u * (u32)(i + 1);
	base = want_secure_ip_id(ts->net, A("10.77.0.2"));
	p = inet_getpeer_v4(ts->net, A("10.77.0.2"), 1);
	STEP("ids: base+1, base+2, then +3 with more = 2");
	EXPECT_EQ(inet_getid(p, 0), (u16)(base + 1));
	EXPECT_EQ(inet_getid(p, 0), (u16)(base + 2));
	EXPECT_EQ(inet_getid(p, 2), (u16)(base + 5));
	STEP("a step landing the 32-bit counter on 0 gives 1 instead");
	EXPECT_EQ(inet_getid(p, (int)(0u - (base + 5) - 1)), 1);
	EXPECT_EQ(inet_getid(p, 0), 2);
	lower_free(ts);
}

/* Token bucket: starts full (6 s worth), 1 s per message, refills one
 * token per jiffy; no peer means no limit. */
static void test_xrlim(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct inet_peer *p = inet_getpeer_v4(ts->net, A("10.77.0.2"), 1);
	int ok = 0;

	STEP("7 messages at once: 6 allowed");
	for (int i = 0; i < 7; i++)
		ok += inet_peer_xrlim_allow(ts->net, p, 1000);
	EXPECT_EQ(ok, 6);
	STEP("500 ms later: no (500 tokens kept); 1000 ms later: yes, once");
	ts_advance_ms(ts, 500);
	EXPECT(!inet_peer_xrlim_allow(ts->net, p, 1000));
	ts_advance_ms(ts, 500);
	EXPECT(inet_peer_xrlim_allow(ts->net, p, 1000));
	EXPECT(!inet_peer_xrlim_allow(ts->net, p, 1000));
	STEP("a long quiet time refills only up to 6 messages");
	ts_advance_ms(ts, 60000);
	ok = 0;
	for (int i = 0; i < 10; i++)
		ok += inet_peer_xrlim_allow(ts->net, p, 1000);
	EXPECT_EQ(ok, 6);
	EXPECT(inet_peer_xrlim_allow(ts->net, NULL, 1000));
	lower_free(ts);
}

/* The tree is an AVL tree: 20000 peers made in ascending order (a plain
 * binary tree would be 20000 deep, far past the lookup stack's 40 links),
 * all found again; then reclaimed by the misses (odd addresses, between
 * the peers' even ones) of an aggressive GC (inet_peer_threshold 0: ttl 0), which unlinks nodes all over the tree;
 * then all made again. */
#define NPEERS 20000
static void test_avl(void)
{
	static struct inet_peer *p[NPEERS];
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;
	int found = 0, made = 0, misses = 0;

	STEP("make %d peers in ascending order, find each again", NPEERS);
	for (u32 i = 0; i < NPEERS; i++)
		p[i] = inet_getpeer_v4(net, htonl(0x0a000000u + 2 * i), 1);
	for (u32 i = 0; i < NPEERS; i++) {
		found += p[i] && inet_getpeer_v4(net, htonl(0x0a000000u + 2 * i), 0) == p[i];
		inet_putpeer(p[i]);
		inet_putpeer(p[i]);
	}
	EXPECT_EQ(found, NPEERS);
	EXPECT_EQ(net->peer_total, NPEERS);
	STEP("threshold 0: lookups that miss reclaim every unused peer on their path");
	net->sysctl.inet_peer_threshold = 0;
	while (net->peer_total && misses < 4 * NPEERS)
		inet_getpeer_v4(net, htonl(0x0a000000u + 2 * (u32)(misses++ % NPEERS) + 1), 0);
	EXPECT_EQ(net->peer_total, 0);
	STEP("the emptied tree takes them all again");
	net->sysctl.inet_peer_threshold = 65536 + 128;
	for (u32 i = NPEERS; i-- > 0;) {
		p[i] = inet_getpeer_v4(net, htonl(0x0a000000u + 2 * i), 1);
		made += p[i] != NULL;
	}
	for (u32 i = 0; i < NPEERS; i++)
		found += inet_getpeer_v4(net, htonl(0x0a000000u + 2 * i), 0) == p[i];
	EXPECT_EQ(made, NPEERS);
	EXPECT_EQ(found, 2 * NPEERS);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("inetpeer", NULL, NULL);

	CU_add_test(s, "lookup and create", test_lookup);
	CU_add_test(s, "IP ID counter", test_ids);
	CU_add_test(s, "rate limit bucket", test_xrlim);
	CU_add_test(s, "AVL tree: balance through inserts and reclaims", test_avl);
}
