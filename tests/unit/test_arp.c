// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_arp.c - ARP through the stack on the loop NIC (core/arp.c): the
 * exact request for an unresolved neighbour, the held frame leaving after
 * the reply, exact replies to requests for our address and to duplicate-
 * address probes, silence for other addresses, what is learnt from which
 * packet (arp_accept 0), the receive checks, and the failure report.
 * Frames are compared byte for byte with what 3.10 puts on a veth.
 */
#include "lower.h"

static const u8 req_to_peer[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff,	/* broadcast */
	0x02, 0, 0, 0, 0, 0x01,			/* our MAC */
	0x08, 0x06,				/* ETH_P_ARP */
	0x00, 0x01, 0x08, 0x00, 6, 4,		/* Ethernet, IPv4, 6, 4 */
	0x00, 0x01,				/* request */
	0x02, 0, 0, 0, 0, 0x01, 10, 77, 0, 1,	/* sender: us */
	0, 0, 0, 0, 0, 0, 10, 77, 0, 2,		/* target: ?, 10.77.0.2 */
};

static const u8 reply_to_peer[42] = {
	0x02, 0, 0, 0, 0, 0x02,			/* to the asker */
	0x02, 0, 0, 0, 0, 0x01,
	0x08, 0x06,
	0x00, 0x01, 0x08, 0x00, 6, 4,
	0x00, 0x02,				/* reply */
	0x02, 0, 0, 0, 0, 0x01, 10, 77, 0, 1,	/* sender: us */
	0x02, 0, 0, 0, 0, 0x02, 10, 77, 0, 2,	/* target: the asker */
};

static void inject_arp(struct test_stack *ts, int op, const u8 *eth_dst, const char *sip,
		       const u8 *tha, const char *tip)
{
	u8 f[60];

	ts_inject(ts, f, lower_arp(f, sizeof f, op, eth_dst, ts_peer_mac, sip, tha, tip));
}

/* A frame to an unresolved neighbour is held and one broadcast request
 * (exactly 42 bytes) asks for it; the reply lets the held frame go with
 * the peer's MAC, and the next frame goes at once. */
static void test_resolve(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[1600];
	size_t n;

	STEP("send to 10.77.0.2");
	lower_send(ts, "10.77.0.2", 0x11);
	n = ts_take(ts, f, sizeof f);
	EXPECT_EQ(n, 42);
	EXPECT(memcmp(f, req_to_peer, 42) == 0);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_INCOMPLETE);
	STEP("the peer replies (unicast to us, padded to 60 bytes)");
	inject_arp(ts, 2, ts_mac, "10.77.0.2", ts_mac, "10.77.0.1");
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_REACHABLE);
	n = ts_take(ts, f, sizeof f);
	EXPECT_EQ(n, 14 + 20 + 20);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	EXPECT(memcmp(f + 6, ts_mac, 6) == 0);
	EXPECT(f[12] == 0x08 && f[13] == 0x00);
	EXPECT_EQ(f[14 + 20 + 4], 0x11);
	STEP("the next frame leaves at once");
	lower_send(ts, "10.77.0.2", 0x22);
	n = ts_take(ts, f, sizeof f);
	EXPECT_EQ(n, 54);
	EXPECT_EQ(f[14 + 20 + 4], 0x22);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* A request for our address is answered (exact bytes) and its sender is
 * learnt as STALE; the reply takes no ARP round itself. */
static void test_answer_request(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];

	STEP("who-has 10.77.0.1 tell 10.77.0.2 (broadcast)");
	inject_arp(ts, 1, lower_bcast, "10.77.0.2", lower_zero_mac, "10.77.0.1");
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	EXPECT(memcmp(f, reply_to_peer, 42) == 0);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_STALE);
	STEP("sending to the asker now needs no request (STALE -> DELAY)");
	lower_send(ts, "10.77.0.2", 1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 54);
	EXPECT(f[12] == 0x08 && f[13] == 0x00);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_DELAY);
	lower_free(ts);
}

/* Requests for other hosts, and replies nobody asked for, create nothing
 * and get no answer (arp_accept 0, no proxy ARP). */
static void test_not_for_us(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];

	STEP("who-has 10.77.0.9 tell 10.77.0.2");
	inject_arp(ts, 1, lower_bcast, "10.77.0.2", lower_zero_mac, "10.77.0.9");
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_NONE);
	STEP("an unsolicited reply from 10.77.0.2");
	inject_arp(ts, 2, ts_mac, "10.77.0.2", ts_mac, "10.77.0.1");
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_NONE);
	STEP("a request for 127.0.0.1 and one for a multicast address: ignored");
	inject_arp(ts, 1, lower_bcast, "10.77.0.2", lower_zero_mac, "127.0.0.1");
	inject_arp(ts, 1, lower_bcast, "10.77.0.2", lower_zero_mac, "224.0.0.1");
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* A broadcast reply does not confirm reachability: the entry becomes
 * STALE, and sending the held frame through it starts DELAY at once.  A
 * request for another host from a host we know refreshes it (STALE). */
static void test_update_existing(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];

	lower_send(ts, "10.77.0.2", 1);
	ts_take(ts, f, sizeof f);
	STEP("broadcast reply: STALE, then the held frame leaves and starts DELAY");
	inject_arp(ts, 2, lower_bcast, "10.77.0.2", ts_mac, "10.77.0.1");
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_DELAY);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 54);
	STEP("a request for 10.77.0.9 from the peer makes it STALE");
	inject_arp(ts, 1, lower_bcast, "10.77.0.2", lower_zero_mac, "10.77.0.9");
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_STALE);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* A duplicate-address probe (sender 0.0.0.0) for our address gets a reply
 * to the prober with target address 0.0.0.0; for another address none. */
static void test_dad(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];
	u8 want[42];

	memcpy(want, reply_to_peer, 42);
	memset(want + 38, 0, 4);
	STEP("probe for 10.77.0.1");
	inject_arp(ts, 1, lower_bcast, "0.0.0.0", lower_zero_mac, "10.77.0.1");
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	EXPECT(memcmp(f, want, 42) == 0);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("0.0.0.0"), &ts->net->dev), NUD_NONE);
	STEP("probe for 10.77.0.9: silence");
	inject_arp(ts, 1, lower_bcast, "0.0.0.0", lower_zero_mac, "10.77.0.9");
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* arp_rcv drops: frames for another MAC, too short, wrong address
 * lengths; arp_process ignores non-Ethernet hardware, other protocols and
 * opcodes.  None of them is answered. */
static void test_receive_checks(void)
{
	struct test_stack *ts = lower_new(NULL);
	const u8 other[6] = { 0x02, 0, 0, 0, 0, 0x77 };
	u8 f[60], out[100];

	STEP("request unicast to another MAC");
	ts_inject(ts, f, lower_arp(f, 60, 1, other, ts_peer_mac, "10.77.0.2", lower_zero_mac, "10.77.0.1"));
	STEP("request cut to 41 bytes");
	lower_arp(f, 60, 1, lower_bcast, ts_peer_mac, "10.77.0.2", lower_zero_mac, "10.77.0.1");
	ts_inject(ts, f, 41);
	STEP("hln 8");
	lower_arp(f, 60, 1, lower_bcast, ts_peer_mac, "10.77.0.2", lower_zero_mac, "10.77.0.1");
	f[18] = 8;
	ts_inject(ts, f, 60);
	STEP("hardware type 7, protocol 0x86dd, opcode 3");
	lower_arp(f, 60, 1, lower_bcast, ts_peer_mac, "10.77.0.2", lower_zero_mac, "10.77.0.1");
	f[15] = 7;
	ts_inject(ts, f, 60);
	f[15] = 1; f[16] = 0x86; f[17] = 0xdd;
	ts_inject(ts, f, 60);
	f[16] = 0x08; f[17] = 0x00; f[21] = 3;
	ts_inject(ts, f, 60);
	EXPECT_EQ(ts_take(ts, out, sizeof out), 0);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev), NUD_NONE);
	STEP("hardware type 6 (IEEE 802) is accepted like Ethernet");
	f[15] = 6; f[21] = 1;
	ts_inject(ts, f, 60);
	EXPECT_EQ(ts_take(ts, out, sizeof out), 42);
	lower_free(ts);
}

/* The source announced in a request is the held packet's when it is one
 * of ours; a packet from a foreign source (a transparent socket) makes ARP
 * announce the address inet_select_addr picks, 10.77.0.1, not .50. */
static void test_announce_source(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = lower_sock(ts->net);
	struct inet_sock *inet = inet_sk(sk);
	struct sk_buff *skb = alloc_skb(MAX_TCP_HEADER + 20);
	u8 f[100];

	inet->transparent = 1;
	inet->inet_saddr = A("10.77.0.50");
	inet->inet_daddr = A("10.77.0.2");
	inet->inet_sport = htons(1234);
	inet->inet_dport = htons(80);
	skb_reserve(skb, MAX_TCP_HEADER);
	memset(skb_put(skb, 20), 0, 20);
	skb->sk = sk;
	skb->net = ts->net;
	STEP("a transparent socket sends from 10.77.0.50 to 10.77.0.2");
	EXPECT_EQ(ip_queue_xmit(skb, &inet->cork.fl4), 0);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	EXPECT(memcmp(f + 28, "\x0a\x4d\x00\x01", 4) == 0);
	lower_free(ts);
	lower_sock_free(sk);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("arp", NULL, NULL);

	CU_add_test(s, "resolve: request, reply, held frame", test_resolve);
	CU_add_test(s, "answer a request for us", test_answer_request);
	CU_add_test(s, "requests for others, unsolicited replies", test_not_for_us);
	CU_add_test(s, "updates of an existing entry", test_update_existing);
	CU_add_test(s, "duplicate address detection", test_dad);
	CU_add_test(s, "receive checks", test_receive_checks);
	CU_add_test(s, "announced source", test_announce_source);
}
