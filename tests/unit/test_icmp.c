// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_icmp.c - ICMP (core/icmp.c): receive checks and counters, echo
 * replies (exact fields), errors delivered to TCP (a connect() fails with
 * the errno), the host unreachable sent over lo when ARP fails (exact
 * packet), the rules of icmp_send (never about an ICMP error, only the
 * first fragment, never to a broadcast) and its rate limit.
 */
#include "lower.h"
#include "clock.h"
#include "connscope/connscope.h"

static size_t icmp_frame(u8 *f, const u8 *eth_dst, const char *dst, u8 type,
			 u8 code, u32 rest, const void *data, size_t dlen)
{
	u8 m[600];
	size_t ml = lower_icmp(m, type, code, rest, data, dlen);

	return lower_ipv4(f, eth_dst, "10.77.0.2", dst, 1, m, ml);
}

/* Receive checks: a bad checksum counts InCsumErrors and InErrors, a
 * message shorter than its header InErrors, a type above 18 InErrors (the
 * type is counted first only when known), all after InMsgs. */
static void test_receive_checks(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;
	u8 f[200];
	size_t n;

	STEP("echo with a corrupted ICMP checksum");
	n = icmp_frame(f, ts_mac, "10.77.0.1", 8, 0, 1, "abcd", 4);
	f[34 + 2] ^= 0x55;
	ts_inject(ts, f, n);
	EXPECT_EQ(mib(net, MIB_ICMP_INMSGS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_INCSUMERRORS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_INERRORS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_INECHOS), 0);
	STEP("4 bytes of ICMP (checksum right)");
	n = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 1, "\xf7\xff\x08\x00", 4);
	ts_inject(ts, f, n);
	EXPECT_EQ(mib(net, MIB_ICMP_INMSGS), 2);
	EXPECT_EQ(mib(net, MIB_ICMP_INERRORS), 2);
	STEP("type 40");
	ts_inject(ts, f, icmp_frame(f, ts_mac, "10.77.0.1", 40, 0, 0, "", 0));
	EXPECT_EQ(mib(net, MIB_ICMP_INERRORS), 3);
	EXPECT_EQ(mib(net, MIB_ICMP_INCSUMERRORS), 1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* An echo request is answered: to the sender, from the address it was
 * sent to, TOS copied, no DF (the ICMP socket), TTL 64, type 0 with the
 * same id, sequence and data; the ID is the peer counter's. */
static void test_echo(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;
	u8 f[200], out[200];
	size_t n;

	STEP("ping 10.77.0.1 with TOS 0x10, id 0x1234, seq 7");
	n = icmp_frame(f, ts_mac, "10.77.0.1", 8, 0, 0x12340007, "hello!", 6);
	f[15] = 0x10;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	n = ts_take_ip(ts, out, sizeof out);
	CU_ASSERT_EQUAL_FATAL(n, 14 + 20 + 8 + 6);
	EXPECT(memcmp(out, ts_peer_mac, 6) == 0);
	EXPECT_EQ(out[14 + 1], 0x10);
	EXPECT_EQ(out[14 + 6] & 0x40, 0);
	EXPECT_EQ(out[14 + 8], 64);
	EXPECT_EQ(out[14 + 9], 1);
	EXPECT(memcmp(out + 14 + 12, f + 14 + 16, 4) == 0);
	EXPECT(memcmp(out + 14 + 16, f + 14 + 12, 4) == 0);
	EXPECT_EQ(ts_inet_csum(out + 14, 20, 0), 0);
	EXPECT(out[34] == 0 && out[35] == 0);
	EXPECT(memcmp(out + 34 + 4, f + 34 + 4, 4 + 6) == 0);
	EXPECT_EQ(ts_inet_csum(out + 34, 14, 0), 0);
	EXPECT_EQ(mib(net, MIB_ICMP_INECHOS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_OUTMSGS), 1);
	EXPECT_EQ(mib(net, MIB_ICMP_OUTECHOREPS), 1);
	STEP("ping 127.0.0.1 from the wire: a martian, no reply");
	ts_inject(ts, f, icmp_frame(f, ts_mac, "127.0.0.1", 8, 0, 1, "x", 1));
	EXPECT_EQ(ts_take(ts, out, sizeof out), 0);
	STEP("ping the subnet broadcast: ignored (InErrors)");
	ts_inject(ts, f, icmp_frame(f, lower_bcast, "10.77.0.255", 8, 0, 1, "x", 1));
	EXPECT_EQ(ts_take(ts, out, sizeof out), 0);
	EXPECT_EQ(mib(net, MIB_ICMP_INERRORS), 1);
	lower_free(ts);
}

/* Connect nonblocking to 10.77.0.2:80 and capture the SYN (the ARP
 * request is answered by the harness).  Returns the fd. */
static int syn_sent(struct test_stack *ts, u8 *syn, size_t cap, size_t *n)
{
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin)), -1);
	*n = ts_take_ip(ts, syn, cap);
	return fd;
}

/* SO_ERROR: the pending error, which reading clears. */
static int so_error(struct test_stack *ts, int fd)
{
	int err = 0;
	socklen_t len = sizeof(err);

	cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_ERROR, &err, &len);
	return err;
}

/* An error quoting our SYN (header + 8 bytes) reaches tcp_v4_err with
 * skb->data at the quoted header: port unreachable refuses the connect.
 * A quote shorter than header + 8 is not delivered. */
static void test_error_to_tcp(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 syn[200], f[200];
	size_t n;
	int fd = syn_sent(ts, syn, sizeof syn, &n);

	CU_ASSERT_FATAL(n >= 14 + 40);
	STEP("port unreachable quoting the SYN's header and 7 bytes: ignored");
	ts_inject(ts, f, icmp_frame(f, ts_mac, "10.77.0.1", 3, 3, 0, syn + 14, 27));
	EXPECT_EQ(so_error(ts, fd), 0);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INDESTUNREACHS), 1);
	STEP("... quoting header + 8 bytes: ECONNREFUSED");
	ts_inject(ts, f, icmp_frame(f, ts_mac, "10.77.0.1", 3, 3, 0, syn + 14, 28));
	EXPECT_EQ(so_error(ts, fd), ECONNREFUSED);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INDESTUNREACHS), 2);
	cs_close(ts->net, fd);
	lower_free(ts);
}

/* Unreachable codes above 15 are dropped before TCP; fragmentation needed
 * with MTU 0 is passed on as 3.10 does (the route's path MTU becomes
 * ip_rt_min_pmtu, 552); a quote with IHL < 5 counts InErrors. */
static void test_unreach_checks(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 syn[200], f[200], q[28];
	size_t n;
	int fd = syn_sent(ts, syn, sizeof syn, &n), err, fput;
	struct socket *sock = sockfd_lookup_light(ts->net, fd, &err, &fput);

	CU_ASSERT_FATAL(sock != NULL);
	STEP("type 3 code 16: dropped; the route keeps the device MTU");
	ts_inject(ts, f, icmp_frame(f, ts_mac, "10.77.0.1", 3, 16, 0, syn + 14, 28));
	EXPECT_EQ(dst_mtu(sock->sk->sk_dst_cache), 1500);
	STEP("frag-needed with MTU 0: to TCP, path MTU 552");
	ts_inject(ts, f, icmp_frame(f, ts_mac, "10.77.0.1", 3, 4, 0, syn + 14, 28));
	EXPECT_EQ(dst_mtu(sock->sk->sk_dst_cache), 552);
	fput_light(sock, fput);
	STEP("DF and an MTU below the route's: the soft error EMSGSIZE, which SO_ERROR reads");
	EXPECT_EQ(so_error(ts, fd), EMSGSIZE);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INERRORS), 0);
	STEP("quoted header with IHL 4: InErrors");
	memcpy(q, syn + 14, 28);
	q[0] = 0x44;
	ts_inject(ts, f, icmp_frame(f, ts_mac, "10.77.0.1", 11, 0, 0, q, 28));
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INERRORS), 1);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INTIMEEXCDS), 1);
	EXPECT_EQ(so_error(ts, fd), 0);
	cs_close(ts->net, fd);
	lower_free(ts);
}

/* ARP never answers: at 3 s the queued packet is reported with an ICMP
 * host unreachable from us to us over lo: TOS 0xc0, no DF, TTL 64, type 3
 * code 1, quoting the whole packet; a connect() in the same situation
 * fails with EHOSTUNREACH once that error is received. */
static void test_link_failure(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);
	struct sk_buff *skb;
	u8 f[200];
	const u8 *ip;
	int fd, ms = 0, err = 0;

	STEP("a 40-byte packet to 10.77.0.2, no ARP reply for 3 s");
	lower_send(ts, "10.77.0.2", 0x5a);
	for (int i = 0; i < 3; i++) {
		EXPECT_EQ(ts_take(ts, f, sizeof f), 42);
		if (i < 2)
			ts_advance_ms(ts, 1000);
	}
	STEP("at 3 s the timer alone (no NET_RX pass): the ICMP waits on lo's backlog");
	cs_clock_advance(ts->clock, 1000ULL * 1000000ULL);
	run_timer_softirq(ts->net);
	EXPECT_EQ(skb_queue_len(&ts->net->lo_backlog), 1);
	skb = skb_peek(&ts->net->lo_backlog);
	CU_ASSERT_PTR_NOT_NULL_FATAL(skb);
	ip = skb->data;
	EXPECT_EQ(skb->len, 20 + 8 + 40);
	EXPECT(ip[0] == 0x45 && ip[1] == 0xc0);
	EXPECT_EQ(ip[6] & 0x40, 0);
	EXPECT(ip[8] == 64 && ip[9] == 1);
	EXPECT(memcmp(ip + 12, "\x0a\x4d\x00\x01\x0a\x4d\x00\x01", 8) == 0);
	EXPECT(ip[20] == 3 && ip[21] == 1);
	EXPECT_EQ(ts_inet_csum(ip + 20, 8 + 40, 0), 0);
	EXPECT(memcmp(ip + 28 + 16, "\x0a\x4d\x00\x02", 4) == 0);
	EXPECT_EQ(ip[28 + 20 + 4], 0x5a);
	EXPECT(memcmp(skb_mac_header(skb), "\0\0\0\0\0\0\0\0\0\0\0\0\x08\x00", 14) == 0);
	ts_poll(ts);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INDESTUNREACHS), 1);

	STEP("connect() to 10.77.0.3 with no ARP reply: EHOSTUNREACH after ~3 s");
	sin = ts_sin("10.77.0.3", 80);
	fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin));
	while ((err = so_error(ts, fd)) == 0 && ms < 10000) {
		ts_advance_ms(ts, 100);
		ms += 100;
		while (ts_take(ts, f, sizeof f))
			;
	}
	EXPECT_EQ(err, EHOSTUNREACH);
	EXPECT(ms >= 3000 && ms <= 3100);
	cs_close(ts->net, fd);
	lower_free(ts);
}

/* An skb as ip_rcv leaves it for a packet from 10.77.0.2 to @dst:
 * network header, input route, data past the IP header. */
static struct sk_buff *rx_skb(struct test_stack *ts, const char *dst, u16 frag_off)
{
	struct sk_buff *skb = alloc_skb(128);
	u8 *ip;

	skb->net = ts->net;
	skb->dev = &ts->net->dev;
	skb->protocol = ETH_P_IP;
	skb_reserve(skb, 16);
	ip = skb_put(skb, 28);
	memset(ip, 0, 28);
	ip[0] = 0x45; ip[3] = 28; ip[8] = 64; ip[9] = 99;
	ip[6] = (u8)(frag_off >> 8); ip[7] = (u8)frag_off;
	memcpy(ip + 12, "\x0a\x4d\x00\x02", 4);
	*(__be32 *)(void *)(ip + 16) = A(dst);
	skb_reset_network_header(skb);
	ip_route_input_noref(skb, A(dst), A("10.77.0.2"), 0, skb->dev);
	skb_pull(skb, 20);
	return skb;
}

/* icmp_send's refusals: a non-first fragment, a frame that was not
 * unicast to us, a packet to a broadcast address, and an error about an
 * ICMP error (here: our protocol unreachable, queued for an unresolved
 * neighbour that never answers, whose link failure would need one). */
static void test_send_rules(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sk_buff *skb;
	u8 f[200];

	STEP("fragment offset 8: nothing");
	skb = rx_skb(ts, "10.77.0.1", 1);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	kfree_skb(skb);
	STEP("a frame that came as a link broadcast: nothing");
	skb = rx_skb(ts, "10.77.0.1", 0);
	skb->pkt_type = PACKET_BROADCAST;
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	kfree_skb(skb);
	STEP("to 10.77.0.255 (broadcast route): nothing");
	skb = rx_skb(ts, "10.77.0.255", 0);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	kfree_skb(skb);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTMSGS), 0);
	STEP("MF set on offset 0 (a first fragment): sent");
	skb = rx_skb(ts, "10.77.0.1", 0x2000);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	kfree_skb(skb);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTMSGS), 1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 42);	/* ARP for 10.77.0.2 */
	STEP("ARP never answers: the queued ICMP error gets no error itself");
	ts_advance_ms(ts, 1000);
	ts_advance_ms(ts, 1000);
	ts_advance_ms(ts, 1000);
	ts_poll(ts);
	EXPECT_EQ(mib(ts->net, MIB_CS_ARPFAILED), 1);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTMSGS), 1);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INMSGS), 0);
	lower_free(ts);
}

/* Errors of the ratemask types to one destination: a bucket of 6 s worth
 * of tokens, 1 s per message: 6 at once, then one per second. */
static void test_rate_limit(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[200], out[200];
	int sent = 0;

	STEP("ten unknown-protocol packets at once");
	for (int i = 0; i < 10; i++) {
		ts_inject(ts, f, lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, "x", 1));
		while (ts_take_ip(ts, out, sizeof out))
			sent++;
	}
	EXPECT_EQ(sent, 6);
	EXPECT_EQ(mib(ts->net, MIB_IP_INUNKNOWNPROTOS), 10);
	STEP("999 ms later: none; 1000 ms: one");
	ts_advance_ms(ts, 999);
	ts_inject(ts, f, lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, "x", 1));
	EXPECT_EQ(ts_take_ip(ts, out, sizeof out), 0);
	ts_advance_ms(ts, 1);
	ts_inject(ts, f, lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, "x", 1));
	EXPECT(ts_take_ip(ts, out, sizeof out) > 0);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("icmp", NULL, NULL);

	CU_add_test(s, "receive checks", test_receive_checks);
	CU_add_test(s, "echo reply", test_echo);
	CU_add_test(s, "errors delivered to TCP", test_error_to_tcp);
	CU_add_test(s, "unreachable checks", test_unreach_checks);
	CU_add_test(s, "link failure: host unreachable over lo", test_link_failure);
	CU_add_test(s, "icmp_send rules", test_send_rules);
	CU_add_test(s, "rate limit", test_rate_limit);
}
