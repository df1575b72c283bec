// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_ip_output.c - IPv4 output (core/ip_output.c): the header
 * ip_queue_xmit builds (every field, checked against 3.10's rules and an
 * independent checksum), TTL and DF choices, the IP ID rules of
 * ip_select_ident_more, routing and re-routing, the no-route exit, the
 * socket-less reply header, OutRequests and the MTU check.
 */
#include "lower.h"
#include "secure_seq.h"

/* Make 10.77.0.2 resolved (STALE, from its request for us) so that
 * frames leave at once; drop the ARP reply it gets. */
static void learn_peer(struct test_stack *ts)
{
	u8 f[60];

	ts_inject(ts, f, lower_arp(f, 60, 1, lower_bcast, ts_peer_mac, "10.77.0.2",
				   lower_zero_mac, "10.77.0.1"));
	ts_take(ts, f, sizeof f);
}

/* A socket "connected" 10.77.0.1:1234 -> @daddr:80. */
static struct sock *conn_sock(struct test_stack *ts, const char *daddr)
{
	struct sock *sk = lower_sock(ts->net);
	struct inet_sock *inet = inet_sk(sk);

	inet->inet_saddr = A("10.77.0.1");
	inet->inet_daddr = daddr ? A(daddr) : 0;
	inet->inet_sport = htons(1234);
	inet->inet_dport = htons(80);
	return sk;
}

/* Send a segment of @len bytes (first byte @marker) on @sk; @segs > 1 sets
 * gso_segs as a TSO skb would. */
static int xmit(struct test_stack *ts, struct sock *sk, unsigned int len, u8 marker, int segs)
{
	struct sk_buff *skb = alloc_skb(MAX_TCP_HEADER + len);

	skb_reserve(skb, MAX_TCP_HEADER);
	memset(skb_put(skb, len), 0, len);
	skb->data[0] = marker;
	skb->sk = sk;
	skb->net = ts->net;
	skb_shinfo(skb)->gso_segs = (unsigned short)segs;
	return ip_queue_xmit(skb, &inet_sk(sk)->cork.fl4);
}

/* Take the next frame; return a pointer to its IP header (or NULL). */
static const u8 *take_ip(struct test_stack *ts, u8 *f, size_t cap, size_t *n)
{
	*n = ts_take(ts, f, cap);
	if (*n < 34 || f[12] != 0x08 || f[13] != 0x00)
		return NULL;
	return f + 14;
}

/* Every header field of a segment from a connected socket: 0x45, tos,
 * total length, ID = inet_id (which then advances), DF, TTL 64, TCP,
 * addresses; the checksum verifies with an independent routine. */
static void test_header(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = conn_sock(ts, "10.77.0.2");
	const u8 want[20] = { 0x45, 0x10, 0x00, 40, 0x12, 0x34, 0x40, 0x00, 64, 6, 0, 0,
			      10, 77, 0, 1, 10, 77, 0, 2 };
	u8 f[1600];
	const u8 *ip;
	size_t n;

	learn_peer(ts);
	inet_sk(sk)->tos = 0x10;
	inet_sk(sk)->inet_id = 0x1234;
	STEP("send 20 bytes");
	EXPECT_EQ(xmit(ts, sk, 20, 0xaa, 0), 0);
	ip = take_ip(ts, f, sizeof f, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
	EXPECT_EQ(n, 14 + 40);
	EXPECT(memcmp(ip, want, 10) == 0);
	EXPECT(memcmp(ip + 12, want + 12, 8) == 0);
	EXPECT_EQ(ts_inet_csum(ip, 20, 0), 0);
	EXPECT_EQ(ip[20], 0xaa);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	EXPECT_EQ(inet_sk(sk)->inet_id, 0x1235);
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTREQUESTS), 1);
	STEP("the socket now caches its route");
	EXPECT(sk->sk_dst_cache != NULL);
	STEP("next segment: ID 0x1235; a 2-segment skb advances inet_id by 2");
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[4] == 0x12 && ip[5] == 0x35);
	xmit(ts, sk, 20, 0, 2);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[4] == 0x12 && ip[5] == 0x36);
	EXPECT_EQ(inet_sk(sk)->inet_id, 0x1238);
	STEP("inet_id wraps at 16 bits");
	inet_sk(sk)->inet_id = 0xffff;
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[4] == 0xff && ip[5] == 0xff);
	EXPECT_EQ(inet_sk(sk)->inet_id, 0);
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTREQUESTS), 4);
	lower_free(ts);
	lower_sock_free(sk);
}

/* TTL: IP_TTL when set, else the route's HOPLIMIT metric, else
 * ip_default_ttl. */
static void test_ttl(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = conn_sock(ts, "10.77.0.2");
	u8 f[200];
	const u8 *ip;
	size_t n;

	learn_peer(ts);
	STEP("uc_ttl 5");
	inet_sk(sk)->uc_ttl = 5;
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[8] == 5);
	STEP("uc_ttl -1, route hoplimit metric 30");
	inet_sk(sk)->uc_ttl = -1;
	sk->sk_dst_cache->metric_hoplimit = 30;
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[8] == 30);
	STEP("no metric, ip_default_ttl 100");
	sk->sk_dst_cache->metric_hoplimit = 0;
	ts->net->sysctl.ip_default_ttl = 100;
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[8] == 100);
	lower_free(ts);
	lower_sock_free(sk);
}

/* secure_ip_id as 3.10.4 computes it, written out here. */
static u32 expect_secure_ip_id(struct net *net, __be32 daddr)
{
	u32 h[4] = { (u32)daddr, net->net_secret[13], net->net_secret[14],
		     net->net_secret[15] };

	md5_transform(h, net->net_secret);
	return h[0];
}

/* DF and the ID without DF: pmtudisc DO and WANT set DF, DONT and PROBE
 * do not; without DF the ID comes from the destination's peer counter,
 * first secure_ip_id(daddr) + 1, then one more per packet. */
static void test_df_and_peer_id(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = conn_sock(ts, "10.77.0.2");
	u32 base;
	u8 f[200];
	const u8 *ip;
	size_t n;

	learn_peer(ts);
	STEP("IP_PMTUDISC_DO: DF");
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_DO;
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	EXPECT(ip && ip[6] == 0x40 && ip[7] == 0);
	STEP("IP_PMTUDISC_DONT: no DF, ID from the inet_peer of 10.77.0.2");
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_DONT;
	inet_sk(sk)->inet_id = 7;
	base = expect_secure_ip_id(ts->net, A("10.77.0.2"));
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
	EXPECT_EQ(ip[6], 0);
	EXPECT_EQ((ip[4] << 8) | ip[5], (base + 1) & 0xffff);
	EXPECT_EQ(inet_sk(sk)->inet_id, 7);
	STEP("IP_PMTUDISC_PROBE (3): no DF, next peer ID");
	inet_sk(sk)->pmtudisc = 3;
	xmit(ts, sk, 20, 0, 0);
	ip = take_ip(ts, f, sizeof f, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
	EXPECT_EQ(ip[6], 0);
	EXPECT_EQ((ip[4] << 8) | ip[5], (base + 2) & 0xffff);
	lower_free(ts);
	lower_sock_free(sk);
}

/* With DF, a socket that is not connected (inet_daddr 0) sends ID 0. */
static void test_unconnected_id(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = conn_sock(ts, NULL);
	struct sk_buff *skb = alloc_skb(MAX_TCP_HEADER + 20);
	struct flowi4 fl4;
	u8 f[200];
	const u8 *ip;
	size_t n;

	learn_peer(ts);
	inet_sk(sk)->inet_id = 0x4444;
	skb_reserve(skb, MAX_TCP_HEADER);
	memset(skb_put(skb, 20), 0, 20);
	skb->sk = sk;
	skb->net = ts->net;
	STEP("a pre-routed skb from an unconnected socket");
	skb_dst_set(skb, ip_route_output_ports(ts->net, &fl4, sk, A("10.77.0.2"),
					       A("10.77.0.1"), htons(80), htons(1234),
					       IPPROTO_TCP_, 0, 0));
	EXPECT_EQ(ip_queue_xmit(skb, &fl4), 0);
	ip = take_ip(ts, f, sizeof f, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
	EXPECT(ip[4] == 0 && ip[5] == 0);
	EXPECT_EQ(ip[6], 0x40);
	EXPECT_EQ(inet_sk(sk)->inet_id, 0x4444);
	STEP("a pre-routed skb does not give the socket a route");
	EXPECT(sk->sk_dst_cache == NULL);
	lower_free(ts);
	lower_sock_free(sk);
}

/* No route: OutNoRoutes, the skb freed, -EHOSTUNREACH.  An obsolete
 * cached route is dropped and the socket re-routed. */
static void test_routing(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = conn_sock(ts, "8.8.8.8");
	long live = cs_skb_live_count();
	u8 f[200];
	size_t n;

	STEP("8.8.8.8 without a gateway");
	EXPECT_EQ(xmit(ts, sk, 20, 0, 0), -EHOSTUNREACH);
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTNOROUTES), 1);
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTREQUESTS), 0);
	EXPECT_EQ(cs_skb_live_count(), live);
	EXPECT(sk->sk_dst_cache == NULL);
	lower_sock_free(sk);

	sk = conn_sock(ts, "10.77.0.2");
	learn_peer(ts);
	xmit(ts, sk, 20, 0, 0);
	ts_take(ts, f, sizeof f);
	STEP("mark the cached route obsolete: the next send re-routes");
	sk->sk_dst_cache->obsolete = true;
	xmit(ts, sk, 20, 0, 0);
	EXPECT(take_ip(ts, f, sizeof f, &n) != NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sk->sk_dst_cache);
	EXPECT(!sk->sk_dst_cache->obsolete);
	lower_free(ts);
	lower_sock_free(sk);
}

/* A 20-byte reply through ip_send_unicast_reply with @tos and @csumoffset
 * to the sender of a segment from @saddr. */
static void send_reply(struct test_stack *ts, const char *saddr, u8 tos, int csumoffset)
{
	struct sk_buff *rx = lower_rx_segment(ts, saddr, 80, "10.77.0.1", 1234);
	struct ip_reply_arg arg;
	u8 th[20];

	memset(th, 0, sizeof th);
	th[12] = 5 << 4;
	memset(&arg, 0, sizeof(arg));
	arg.iov[0].iov_base = th;
	arg.iov[0].iov_len = sizeof th;
	arg.csum = csum_tcpudp_nofold(A("10.77.0.1"), A(saddr), sizeof th, 6, 0);
	arg.csumoffset = csumoffset;
	arg.tos = tos;
	ip_send_unicast_reply(ts->net, rx, A(saddr), A("10.77.0.1"), &arg, sizeof th);
	kfree_skb(rx);
}

/* The reply header of ip_send_unicast_reply: tos copied, DF, ID 0, TTL
 * 64, TCP, the given addresses; the TCP checksum completed at csumoffset
 * (8 u16 words in).  No route: nothing sent, no counter. */
static void test_reply(void)
{
	struct test_stack *ts = lower_new(NULL);
	const u8 want[20] = { 0x45, 0x08, 0x00, 40, 0, 0, 0x40, 0x00, 64, 6, 0, 0,
			      10, 77, 0, 1, 10, 77, 0, 2 };
	u8 f[200];
	const u8 *ip;
	size_t n;

	learn_peer(ts);
	STEP("reply with tos 0x08, checksum at offset 8");
	send_reply(ts, "10.77.0.2", 0x08, 8);
	ip = take_ip(ts, f, sizeof f, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
	EXPECT(memcmp(ip, want, 10) == 0);
	EXPECT(memcmp(ip + 12, want + 12, 8) == 0);
	EXPECT_EQ(ts_inet_csum(ip, 20, 0), 0);
	EXPECT(ip[36] != 0 || ip[37] != 0);
	EXPECT_EQ(csum_fold(csum_tcpudp_nofold(A("10.77.0.1"), A("10.77.0.2"), 20, 6,
					       csum_partial(ip + 20, 20, 0))), 0);
	STEP("reply to 8.8.8.8: no route");
	send_reply(ts, "8.8.8.8", 0, -1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTNOROUTES), 0);
	lower_free(ts);
}

/* Larger than the MTU with DF: FragFails, an ICMP fragmentation-needed
 * (MTU 1500) to ourselves, -EMSGSIZE, nothing on the wire. */
static void test_mtu(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = conn_sock(ts, "10.77.0.2");
	u8 f[2000];

	learn_peer(ts);
	STEP("1481 bytes of TCP: 1501 > 1500");
	EXPECT_EQ(xmit(ts, sk, 1481, 0, 0), -EMSGSIZE);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(mib(ts->net, MIB_IP_FRAGFAILS), 1);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTDESTUNREACHS), 1);
	STEP("1480 bytes: exactly 1500, sent");
	EXPECT_EQ(xmit(ts, sk, 1480, 0, 0), 0);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 1514);
	lower_free(ts);
	lower_sock_free(sk);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("ip_output", NULL, NULL);

	CU_add_test(s, "header fields and ID increment", test_header);
	CU_add_test(s, "TTL", test_ttl);
	CU_add_test(s, "DF and the peer ID", test_df_and_peer_id);
	CU_add_test(s, "unconnected socket ID", test_unconnected_id);
	CU_add_test(s, "routing and re-routing", test_routing);
	CU_add_test(s, "reply without a socket", test_reply);
	CU_add_test(s, "MTU", test_mtu);
}
