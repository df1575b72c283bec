// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_table_bounds.c - bounded memory (issue 12): 100 000 spoofed ARP
 * requests for our address, each from a new sender, and 100 000 ICMP echo
 * requests from new off-link sources, on the loop NIC with the virtual
 * clock moving.  The neighbour table stays within gc_thresh3 (3.10's
 * neigh_forced_gc and neigh_periodic_work), the inet_peer tree within
 * inet_peer_threshold (inet_peer_gc), every request is answered while
 * there is room, and a connect to the real peer still completes.
 */
#include <arpa/inet.h>
#include "lower.h"
#include "rx_test_util.h"

#define FLOOD 100000

static void drain(struct test_stack *ts, unsigned long *sent)
{
	u8 f[1600];

	while (ts_take(ts, f, sizeof(f)))
		(*sent)++;
}

/* An ARP request for TS_ADDR from sender 10.<i>, MAC 02:<i>. */
static void inject_arp_from(struct test_stack *ts, u32 i)
{
	static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	u8 sha[6] = { 0x02, 0x42, (u8)(i >> 24), (u8)(i >> 16), (u8)(i >> 8), (u8)i };
	u8 f[60] = { 0 };
	__be32 sip = htonl(0x0a000000u | (i & 0xffffff)), tip = A(TS_ADDR);

	memcpy(f, bcast, 6);
	memcpy(f + 6, sha, 6);
	f[12] = 0x08; f[13] = 0x06;
	f[14] = 0x00; f[15] = 0x01;
	f[16] = 0x08; f[17] = 0x00;
	f[18] = 6; f[19] = 4;
	f[21] = 1;
	memcpy(f + 22, sha, 6);
	memcpy(f + 28, &sip, 4);
	memcpy(f + 38, &tip, 4);
	ts_inject(ts, f, sizeof(f));
}

/* An ICMP echo request to TS_ADDR from 20.<i> (off link: the reply goes
 * through the gateway TS_PEER, with an IP ID from the source's inet_peer). */
static void inject_echo_from(struct test_stack *ts, u32 i)
{
	u8 f[14 + 20 + 8] = { 0 };
	u8 *ic = f + 34;

	rx_ip_header(f, 28, 1, 64, 0, htonl(0x14000000u | (i & 0xffffff)));
	memset(ic, 0, 8);
	ic[0] = 8;
	rx_put16(ic + 4, 0x4242);
	rx_put16(ic + 6, (uint16_t)i);
	rx_put16(ic + 2, ts_inet_csum(ic, 8, 0));
	ts_inject(ts, f, sizeof(f));
}

static void expect_connect(struct test_stack *ts)
{
	struct rx_conn c;
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };

	STEP("a connect to the peer: SYN out (its ARP answered), SYN-ACK in, ESTABLISHED");
	rx_syn_sent(ts, &c);
	s.dport = c.sport;
	s.seq = c.peer_isn;
	s.ack = c.isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, 1, c.syn_tsval, 7);
	rx_inject(ts, &s);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	rx_abort_on_close(ts, c.fd);
}

static void test_arp_flood(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	struct neigh_table *tbl = &ts->net->arp_tbl;
	unsigned long sent = 0;
	int most = 0;

	STEP("%d ARP requests from new senders, 1 ms of virtual time per 10", FLOOD);
	for (u32 i = 1; i <= FLOOD; i++) {
		inject_arp_from(ts, i);
		drain(ts, &sent);
		if (atomic_load(&tbl->entries) > most)
			most = atomic_load(&tbl->entries);
		if (i % 10 == 0)
			ts_advance_ms(ts, 1);
	}
	STEP("at most gc_thresh3 entries at any time; more than gc_thresh1 were made");
	EXPECT(most <= 1024);
	EXPECT(most > 128);
	EXPECT(atomic_load(&tbl->entries) <= 1024);
	EXPECT_EQ(sent, FLOOD);		/* each answered: the GC always found room */
	STEP("10 min later the periodic GC has freed the stale entries");
	ts_advance_ms(ts, 600 * 1000);
	EXPECT(atomic_load(&tbl->entries) < 128);
	expect_connect(ts);
	lower_free(ts);
}

static void test_icmp_flood(void)
{
	struct test_stack *ts = lower_new(TS_PEER);	/* ts_take_ip answers its ARP */
	unsigned long sent = 0;
	int most = 0;
	uint64_t replies = 0;

	STEP("%d echo requests from new off-link sources", FLOOD);
	for (u32 i = 1; i <= FLOOD; i++) {
		inject_echo_from(ts, i);
		/* the gateway's ARP first: answered by ts_take_ip */
		if (i == 1) {
			u8 f[1600];

			EXPECT(ts_take_ip(ts, f, sizeof(f)) > 0);
			sent++;
		}
		drain(ts, &sent);
		if (ts->net->peer_total > most)
			most = ts->net->peer_total;
		if (i % 10 == 0)
			ts_advance_ms(ts, 1);
	}
	STEP("at most inet_peer_threshold peers at any time (most %d)", most);
	EXPECT(most <= 65536 + 128);
	EXPECT(most > 1000);
	EXPECT_EQ(cs_mib_get(ts->net, "OutEchoReps", &replies), 0);
	EXPECT_EQ(replies, FLOOD);
	EXPECT(sent >= FLOOD);
	expect_connect(ts);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("table_bounds", NULL, NULL);

	CU_add_test(s, "ARP flood: the neighbour table within gc_thresh3", test_arp_flood);
	CU_add_test(s, "ICMP flood: inet_peer within inet_peer_threshold", test_icmp_flood);
}
