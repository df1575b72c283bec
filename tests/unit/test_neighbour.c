// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_neighbour.c - the neighbour state machine (core/neighbour.c) on the
 * loop NIC with the virtual clock: resolution retries every retrans_time
 * (never faster than HZ/2) and failure after mcast_probes requests, the
 * report of held frames, the 64 KiB unresolved queue, REACHABLE ageing to
 * STALE, DELAY and PROBE (unicast) and their failure, locktime, and the
 * NOARP entries for broadcast and multicast.
 */
#include <errno.h>
#include "lower.h"
#include "connscope/connscope.h"

static u8 state_of(struct test_stack *ts, const char *ip)
{
	return lower_neigh_state(&ts->net->arp_tbl, A(ip), &ts->net->dev);
}

/* Is @f a broadcast ARP request from us for @tip? */
static bool is_bcast_request(const u8 *f, size_t n, const char *tip)
{
	__be32 t = A(tip);

	return n == 42 && memcmp(f, lower_bcast, 6) == 0 && f[12] == 0x08 &&
	       f[13] == 0x06 && f[21] == 1 && memcmp(f + 38, &t, 4) == 0 &&
	       memcmp(f + 32, lower_zero_mac, 6) == 0;
}

static void reply_from_peer(struct test_stack *ts, const u8 *mac)
{
	u8 f[60];

	lower_arp(f, 60, 2, ts_mac, mac, "10.77.0.2", ts_mac, "10.77.0.1");
	memcpy(f + 6, mac, 6);
	ts_inject(ts, f, 60);
}

/* Unanswered resolution: requests at 0, 1 s, 2 s (probes start at
 * ucast_probes = 3 and stop at 3 + 0 + 3), FAILED at 3 s; the held frame
 * is reported back as an ICMP host unreachable over lo. */
static void test_failure(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;
	u8 f[100];

	STEP("send to 10.77.0.3 at t=0: request 1");
	lower_send(ts, "10.77.0.3", 1);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	EXPECT_EQ(state_of(ts, "10.77.0.3"), NUD_INCOMPLETE);
	STEP("t=999 ms: nothing; t=1000: request 2; t=2000: request 3");
	ts_advance_ms(ts, 999);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	ts_advance_ms(ts, 1);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	ts_advance_ms(ts, 1000);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	EXPECT_EQ(mib(net, MIB_CS_ARPFAILED), 0);
	STEP("t=3000: no request, FAILED, the frame reported");
	ts_advance_ms(ts, 1000);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.3"), NUD_FAILED);
	EXPECT_EQ(mib(net, MIB_CS_ARPFAILED), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_OUTMSGS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_OUTDESTUNREACHS), 1);
	STEP("the next NET_RX pass receives the ICMP error over lo");
	ts_poll(ts);
	EXPECT_EQ(mib(net, MIB_ICMP_INMSGS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_INDESTUNREACHS), 1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	STEP("sending again restarts resolution at once");
	lower_send(ts, "10.77.0.3", 2);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	EXPECT_EQ(state_of(ts, "10.77.0.3"), NUD_INCOMPLETE);
	lower_free(ts);
}

/* retrans_time below HZ/2 is raised to HZ/2, both for the first timer and
 * for the re-arming in the timer handler. */
static void test_retrans_floor(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];

	ts->net->sysctl.neigh_retrans_ms = 200;
	lower_send(ts, "10.77.0.3", 1);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	STEP("t=200..499: nothing");
	ts_advance_ms(ts, 200);
	ts_advance_ms(ts, 299);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	STEP("t=500: request 2; t=1000: request 3; t=1500: FAILED");
	ts_advance_ms(ts, 1);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	ts_advance_ms(ts, 500);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.3"));
	ts_advance_ms(ts, 500);
	EXPECT_EQ(state_of(ts, "10.77.0.3"), NUD_FAILED);
	STEP("retrans 2000 ms: request 2 at t=2000");
	ts->net->sysctl.neigh_retrans_ms = 2000;
	lower_send(ts, "10.77.0.4", 1);
	ts_take(ts, f, sizeof f);
	ts_advance_ms(ts, 1999);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	ts_advance_ms(ts, 1);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.4"));
	lower_free(ts);
}

/* The unresolved queue holds at most 64 KiB of truesize: a 20-byte segment
 * built in alloc_skb(MAX_TCP_HEADER + 20) has truesize 768 (192 bytes of
 * room in kmalloc-512, + 256 + 320), so 65536 / 768 = 85 fit and the
 * oldest go first. */
static void test_queue_limit(void)
{
	struct test_stack *ts = lower_new(NULL);
	unsigned int fit = 65536 / (192 + 256 + 320);
	u8 f[100];
	size_t n;

	EXPECT_EQ(fit, 85);
	STEP("queue 90 frames");
	for (int i = 0; i < 90; i++)
		lower_send(ts, "10.77.0.2", (u8)i);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.2"));
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	STEP("reply: frames 5..89 leave in order");
	reply_from_peer(ts, ts_peer_mac);
	for (unsigned int i = 90 - fit; i < 90; i++) {
		n = ts_take(ts, f, sizeof f);
		EXPECT_EQ(n, 54);
		EXPECT_EQ(f[14 + 20 + 4], i);
	}
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* REACHABLE lasts reachable_time (30 s) from the confirmation; the timer
 * that fires exactly then finds it still alive and re-arms HZ/2 later, so
 * with no recent use it is STALE at 30.5 s.  Use starts DELAY (5 s), then
 * PROBE: ucast_probes unicast requests to the old address, 1 s apart, then
 * FAILED. */
static void test_ageing_and_probe(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100], want[42];
	__be32 peer = A("10.77.0.2");

	lower_send(ts, "10.77.0.2", 1);
	ts_take(ts, f, sizeof f);
	reply_from_peer(ts, ts_peer_mac);
	ts_take(ts, f, sizeof f);
	STEP("t=30000 and 30499: still REACHABLE; t=30500: STALE");
	ts_advance_ms(ts, 30000);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	ts_advance_ms(ts, 499);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	ts_advance_ms(ts, 1);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_STALE);
	STEP("send: the frame goes to the old address, DELAY starts");
	lower_send(ts, "10.77.0.2", 2);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 54);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_DELAY);
	STEP("5 s later: PROBE, a unicast request (target MAC zero)");
	ts_advance_ms(ts, 5000);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_PROBE);
	memset(want, 0, sizeof want);
	memcpy(want, ts_peer_mac, 6);
	memcpy(want + 6, ts_mac, 6);
	want[12] = 0x08; want[13] = 0x06; want[15] = 1; want[16] = 0x08;
	want[18] = 6; want[19] = 4; want[21] = 1;
	memcpy(want + 22, ts_mac, 6);
	want[28] = 10; want[29] = 77; want[30] = 0; want[31] = 1;
	memcpy(want + 38, &peer, 4);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	EXPECT(memcmp(f, want, 42) == 0);
	STEP("probes 2 and 3 at +1 s, +2 s; FAILED at +3 s");
	ts_advance_ms(ts, 1000);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	ts_advance_ms(ts, 1000);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	EXPECT(memcmp(f, want, 42) == 0);
	ts_advance_ms(ts, 1000);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_FAILED);
	EXPECT_EQ(mib(ts->net, MIB_CS_ARPFAILED), 1);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTMSGS), 0);
	lower_free(ts);
}

/* A unicast reply during PROBE (or DELAY) makes the entry REACHABLE. */
static void test_probe_answered(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];

	lower_send(ts, "10.77.0.2", 1);
	ts_take(ts, f, sizeof f);
	reply_from_peer(ts, ts_peer_mac);
	ts_take(ts, f, sizeof f);
	ts_advance_ms(ts, 30000);
	ts_advance_ms(ts, 500);
	STEP("STALE at 30.5 s; send -> DELAY; 5 s later PROBE");
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_STALE);
	lower_send(ts, "10.77.0.2", 2);
	ts_take(ts, f, sizeof f);
	ts_advance_ms(ts, 5000);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_PROBE);
	STEP("the peer answers the probe");
	reply_from_peer(ts, ts_peer_mac);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	ts_advance_ms(ts, 10000);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	lower_free(ts);
}

/* The timer's other branches, reached here by setting the entry's
 * confirmed/used stamps (dst_confirm and the hh-less output path set them
 * in the kernel): DELAY with a fresh confirmation -> REACHABLE; REACHABLE
 * expiring with a recent use -> DELAY. */
static void test_timer_branches(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct neighbour *n;
	u8 f[100];

	lower_send(ts, "10.77.0.2", 1);
	ts_take(ts, f, sizeof f);
	reply_from_peer(ts, ts_peer_mac);
	ts_take(ts, f, sizeof f);
	n = neigh_lookup(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	STEP("used 1 s before REACHABLE expires -> DELAY");
	ts_advance_ms(ts, 29000);
	n->used = net_jiffies(ts->net);
	ts_advance_ms(ts, 1001);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_DELAY);
	STEP("confirmed during DELAY -> REACHABLE when the DELAY timer fires");
	ts_advance_ms(ts, 2000);
	n->confirmed = net_jiffies(ts->net);
	ts_advance_ms(ts, 3000);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	neigh_release(n);
	lower_free(ts);
}

/* Back-to-back replies: a different address within locktime (1 s) of the
 * last update is refused (and the refusal counts as an update); after it,
 * the new address is taken. */
static void test_locktime(void)
{
	struct test_stack *ts = lower_new(NULL);
	const u8 other[6] = { 0x02, 0, 0, 0, 0, 0x99 };
	u8 f[100];

	lower_send(ts, "10.77.0.2", 1);
	ts_take(ts, f, sizeof f);
	reply_from_peer(ts, ts_peer_mac);
	ts_take(ts, f, sizeof f);
	STEP("+500 ms: reply from another MAC: refused");
	ts_advance_ms(ts, 500);
	reply_from_peer(ts, other);
	lower_send(ts, "10.77.0.2", 2);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 54);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	STEP("+1000 ms after that refusal: still within locktime of it");
	ts_advance_ms(ts, 1000);
	reply_from_peer(ts, other);
	lower_send(ts, "10.77.0.2", 3);
	ts_take(ts, f, sizeof f);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	STEP("+1001 ms: taken");
	ts_advance_ms(ts, 1001);
	reply_from_peer(ts, other);
	lower_send(ts, "10.77.0.2", 4);
	ts_take(ts, f, sizeof f);
	EXPECT(memcmp(f, other, 6) == 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	lower_free(ts);
}

/* Broadcast and multicast next hops need no ARP: NOARP entries with the
 * broadcast address or the 01:00:5e mapping, which ARP cannot change. */
static void test_noarp(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	const u8 mc[6] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };
	u8 f[100], rep[60];

	STEP("send to 10.77.0.255: straight to ff:ff:ff:ff:ff:ff");
	lower_send(ts, "10.77.0.255", 1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 54);
	EXPECT(memcmp(f, lower_bcast, 6) == 0);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.255"), &ts->net->dev), NUD_NOARP);
	STEP("an ARP reply claiming 10.77.0.255 changes nothing");
	lower_arp(rep, 60, 2, ts_mac, ts_peer_mac, "10.77.0.255", ts_mac, "10.77.0.1");
	ts_inject(ts, rep, 60);
	EXPECT_EQ(lower_neigh_state(&ts->net->arp_tbl, A("10.77.0.255"), &ts->net->dev), NUD_NOARP);
	lower_send(ts, "10.77.0.255", 2);
	ts_take(ts, f, sizeof f);
	EXPECT(memcmp(f, lower_bcast, 6) == 0);
	STEP("send to 224.1.2.3 (via the default route): 01:00:5e:01:02:03");
	lower_send(ts, "224.1.2.3", 3);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 54);
	EXPECT(memcmp(f, mc, 6) == 0);
	STEP("send to 8.8.8.8: ARP for the gateway 10.77.0.254");
	lower_send(ts, "8.8.8.8", 4);
	EXPECT(is_bcast_request(f, ts_take(ts, f, sizeof f), "10.77.0.254"));
	lower_free(ts);
}

/* neigh_update's rules, called directly (ARP only ever passes OVERRIDE or
 * nothing): no address for an entry that has none is refused; a different
 * address needs OVERRIDE, WEAK_OVERRIDE makes a connected entry STALE with
 * its old address instead; STALE with the same address keeps a connected
 * state; a state without an address is taken; NOARP entries refuse all
 * but an ADMIN change. */
static void test_update_flags(void)
{
	struct test_stack *ts = lower_new(NULL);
	const u8 a1[6] = { 0x02, 0, 0, 0, 0, 0x11 }, a2[6] = { 0x02, 0, 0, 0, 0, 0x22 };
	struct neighbour *n, *bc;

	n = __neigh_lookup(&ts->net->arp_tbl, A("10.77.0.2"), &ts->net->dev, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	STEP("no address, nothing known: -EINVAL, still NONE");
	EXPECT_EQ(neigh_update(n, NULL, NUD_REACHABLE, 0), -EINVAL);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_NONE);
	STEP("an address: REACHABLE with it");
	EXPECT_EQ(neigh_update(n, a1, NUD_REACHABLE, 0), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	EXPECT(memcmp(n->ha, a1, 6) == 0);
	STEP("another address without OVERRIDE: refused (0), nothing changes");
	EXPECT_EQ(neigh_update(n, a2, NUD_STALE, 0), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	EXPECT(memcmp(n->ha, a1, 6) == 0);
	STEP("STALE with the same address: a connected entry stays REACHABLE");
	EXPECT_EQ(neigh_update(n, a1, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	STEP("another address with WEAK_OVERRIDE: STALE, the old address kept");
	EXPECT_EQ(neigh_update(n, a2, NUD_REACHABLE, NEIGH_UPDATE_F_WEAK_OVERRIDE), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_STALE);
	EXPECT(memcmp(n->ha, a1, 6) == 0);
	STEP("another address with OVERRIDE: taken");
	EXPECT_EQ(neigh_update(n, a2, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE), 0);
	EXPECT(memcmp(n->ha, a2, 6) == 0);
	STEP("no address, something known: the known one, REACHABLE");
	EXPECT_EQ(neigh_update(n, NULL, NUD_REACHABLE, 0), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_REACHABLE);
	EXPECT(memcmp(n->ha, a2, 6) == 0);
	STEP("FAILED (no address needed)");
	EXPECT_EQ(neigh_update(n, NULL, NUD_FAILED, NEIGH_UPDATE_F_ADMIN), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.2"), NUD_FAILED);
	neigh_release(n);
	STEP("a NOARP entry: -EPERM unless ADMIN");
	bc = __neigh_lookup(&ts->net->arp_tbl, A("10.77.0.255"), &ts->net->dev, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bc);
	EXPECT_EQ(neigh_update(bc, a1, NUD_REACHABLE, NEIGH_UPDATE_F_OVERRIDE), -EPERM);
	EXPECT_EQ(state_of(ts, "10.77.0.255"), NUD_NOARP);
	EXPECT(memcmp(bc->ha, lower_bcast, 6) == 0);
	EXPECT_EQ(neigh_update(bc, a1, NUD_REACHABLE,
			       NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN), 0);
	EXPECT_EQ(state_of(ts, "10.77.0.255"), NUD_REACHABLE);
	neigh_release(bc);
	lower_free(ts);
}

/* connscope.neigh_mcast_probes (mcast_solicit) sets how many broadcast
 * requests an unresolved neighbour gets: with 1, one request, and the
 * connect fails with EHOSTUNREACH one retrans_time later. */
static void test_mcast_probes_knob(void)
{
	static const char *const one[] = { "connscope.fixed_secrets=1",
					   "connscope.neigh_mcast_probes=1", NULL };
	struct test_stack *ts = ts_new(one);
	struct sockaddr_in sin = ts_sin("10.77.0.9", 80);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int err = 0;
	socklen_t l = sizeof(err);
	u8 f[200];

	cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin));
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
	ts_advance_ms(ts, 999);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_ERROR, &err, &l), 0);
	EXPECT_EQ(err, 0);
	STEP("at 1 s the entry fails; the SYN's own RTO, due at the same tick,"
	     " restarts resolution with a new request, as in 3.10");
	ts_advance_ms(ts, 1);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_ERROR, &err, &l), 0);
	EXPECT_EQ(err, EHOSTUNREACH);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("neighbour", NULL, NULL);

	CU_add_test(s, "connscope.neigh_mcast_probes", test_mcast_probes_knob);

	CU_add_test(s, "resolution failure and report", test_failure);
	CU_add_test(s, "retrans_time floor", test_retrans_floor);
	CU_add_test(s, "unresolved queue limit", test_queue_limit);
	CU_add_test(s, "REACHABLE, STALE, DELAY, PROBE, FAILED", test_ageing_and_probe);
	CU_add_test(s, "probe answered", test_probe_answered);
	CU_add_test(s, "timer branches on confirmed/used", test_timer_branches);
	CU_add_test(s, "locktime", test_locktime);
	CU_add_test(s, "NOARP entries", test_noarp);
	CU_add_test(s, "neigh_update flags", test_update_flags);
}
