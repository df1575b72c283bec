// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_route.c - IPv4 routes (core/route.c): every branch of
 * __ip_route_output_key, ip_route_connect and ip_route_newports, the
 * dst_ops values (MTU, advmss, hop limit), input routing and ip_error.
 * The stack is 10.77.0.1/24 on ifindex 2; some tests add "default via
 * 10.77.0.254".  Expected values come from the 3.10 rules written out in
 * each test, not from the code under test.
 */
#include "lower.h"
#include "route.h"

static struct rtable *out_key(struct net *net, const char *daddr, const char *saddr,
			      int oif, u8 tos, u8 flags, struct flowi4 *fl4)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = daddr ? A(daddr) : 0;
	fl4->saddr = saddr ? A(saddr) : 0;
	fl4->flowi4_oif = oif;
	fl4->flowi4_tos = tos;
	fl4->flowi4_flags = flags;
	fl4->flowi4_proto = IPPROTO_TCP_;
	return __ip_route_output_key(net, fl4);
}

#define EXPECT_ERR(rt, e) do {						\
	EXPECT(IS_ERR(rt));						\
	if (IS_ERR(rt))							\
		EXPECT_EQ(PTR_ERR(rt), (e));				\
	else								\
		ip_rt_put(rt);						\
} while (0)

/* A given source must be a unicast address of ours (or the flow must be
 * transparent): multicast, limited broadcast, 0/8 and foreign -> EINVAL. */
static void test_bad_sources(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("saddr 224.0.0.5, 255.255.255.255, 0.1.2.3 -> EINVAL");
	EXPECT_ERR(out_key(ts->net, "10.77.0.2", "224.0.0.5", 0, 0, 0, &fl4), -EINVAL);
	EXPECT_ERR(out_key(ts->net, "10.77.0.2", "255.255.255.255", 0, 0, 0, &fl4), -EINVAL);
	EXPECT_ERR(out_key(ts->net, "10.77.0.2", "0.1.2.3", 0, 0, 0, &fl4), -EINVAL);
	STEP("saddr 10.77.0.9 is not ours -> EINVAL");
	EXPECT_ERR(out_key(ts->net, "10.77.0.2", "10.77.0.9", 0, 0, 0, &fl4), -EINVAL);
	STEP("... unless the flow may use any source (IP_TRANSPARENT)");
	rt = out_key(ts->net, "10.77.0.2", "10.77.0.9", 0, 0, FLOWI_FLAG_ANYSRC, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.saddr, A("10.77.0.9"));
	EXPECT_EQ(rt->rt_type, RTN_UNICAST);
	ip_rt_put(rt);
	STEP("any address of 127/8 is ours (local route fallback)");
	rt = out_key(ts->net, "127.0.0.9", "127.0.0.5", 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	ip_rt_put(rt);
	STEP("loopback source towards the wire -> EINVAL (__mkroute_output)");
	EXPECT_ERR(out_key(ts->net, "10.77.0.2", "127.0.0.1", 0, 0, 0, &fl4), -EINVAL);
	lower_free(ts);
}

/* Unicast on the subnet: the connected route, source = its prefsrc, out
 * of ifindex 2, no gateway, MTU 1500, advmss 1460, TTL 64. */
static void test_subnet(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("route 10.77.0.2 with saddr 0");
	rt = out_key(ts->net, "10.77.0.2", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_UNICAST);
	EXPECT_EQ(rt->rt_flags, 0);
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	EXPECT_EQ(fl4.daddr, A("10.77.0.2"));
	EXPECT_EQ(fl4.flowi4_oif, 2);
	EXPECT_EQ(rt->rt_oif, 2);
	EXPECT_EQ(rt->rt_gateway, 0);
	EXPECT_EQ(rt_nexthop(rt, fl4.daddr), A("10.77.0.2"));
	EXPECT_EQ(dst_mtu(rt), 1500);
	EXPECT_EQ(dst_metric_advmss(rt), 1500 - 40);
	EXPECT_EQ(ip4_dst_hoplimit(rt), 64);
	STEP("ip_default_ttl=32 changes the hop limit");
	ts->net->sysctl.ip_default_ttl = 32;
	EXPECT_EQ(ip4_dst_hoplimit(rt), 32);
	ip_rt_put(rt);
	lower_free(ts);
}

/* No route: /24 without a gateway cannot reach 8.8.8.8; 0.x and the
 * limited broadcast and multicast also find no FIB entry. */
static void test_no_route(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;

	STEP("8.8.8.8, 255.255.255.255, 224.0.0.1, 0.1.2.3 -> ENETUNREACH");
	EXPECT_ERR(out_key(ts->net, "8.8.8.8", NULL, 0, 0, 0, &fl4), -ENETUNREACH);
	EXPECT_ERR(out_key(ts->net, "255.255.255.255", NULL, 0, 0, 0, &fl4), -ENETUNREACH);
	EXPECT_ERR(out_key(ts->net, "224.0.0.1", NULL, 0, 0, 0, &fl4), -ENETUNREACH);
	EXPECT_ERR(out_key(ts->net, "0.1.2.3", NULL, 0, 0, 0, &fl4), -ENETUNREACH);
	STEP("no MIB counter is touched by the lookup itself");
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTNOROUTES), 0);
	lower_free(ts);
}

/* Our own addresses: type local, out of lo (index 1), RTCF_LOCAL; MTU is
 * lo's 65536 capped at IP_MAX_MTU 65520, advmss 65536-40 capped 65495. */
static void test_local(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("route 10.77.0.1");
	rt = out_key(ts->net, "10.77.0.1", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	EXPECT_EQ(rt->rt_flags, RTCF_LOCAL);
	EXPECT_EQ(rt->rt_oif, LOOPBACK_IFINDEX);
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	EXPECT_EQ(dst_mtu(rt), 65520);
	EXPECT_EQ(dst_metric_advmss(rt), 65495);
	ip_rt_put(rt);
	STEP("127.0.0.5 uses 127/8 (prefsrc 127.0.0.1)");
	rt = out_key(ts->net, "127.0.0.5", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	EXPECT_EQ(fl4.saddr, A("127.0.0.1"));
	ip_rt_put(rt);
	lower_free(ts);
}

/* daddr 0: to saddr if given, else both become 127.0.0.1; local via lo. */
static void test_daddr_zero(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("daddr 0, saddr 0 -> 127.0.0.1 -> 127.0.0.1");
	rt = out_key(ts->net, NULL, NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.daddr, A("127.0.0.1"));
	EXPECT_EQ(fl4.saddr, A("127.0.0.1"));
	EXPECT_EQ(fl4.flowi4_oif, LOOPBACK_IFINDEX);
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	EXPECT(rt->rt_flags & RTCF_LOCAL);
	ip_rt_put(rt);
	STEP("daddr 0, saddr 10.77.0.1 -> to 10.77.0.1");
	rt = out_key(ts->net, NULL, "10.77.0.1", 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.daddr, A("10.77.0.1"));
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	ip_rt_put(rt);
	lower_free(ts);
}

/* Broadcast: the subnet's network and broadcast addresses are broadcast
 * routes (RTCF_BROADCAST | RTCF_LOCAL); the limited broadcast needs a FIB
 * match first (the default route) and is then made broadcast too. */
static void test_broadcast(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	struct flowi4 fl4;
	struct rtable *rt;
	const char *dsts[] = { "10.77.0.255", "10.77.0.0", "255.255.255.255" };

	for (int i = 0; i < 3; i++) {
		STEP("route %s", dsts[i]);
		rt = out_key(ts->net, dsts[i], NULL, 0, 0, 0, &fl4);
		CU_ASSERT_FATAL(!IS_ERR(rt));
		EXPECT_EQ(rt->rt_type, RTN_BROADCAST);
		EXPECT_EQ(rt->rt_flags, RTCF_BROADCAST | RTCF_LOCAL);
		EXPECT_EQ(rt->rt_gateway, 0);
		EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
		ip_rt_put(rt);
	}
	lower_free(ts);
}

/* Multicast: via the default route, type multicast with no gateway; LOCAL
 * only for a group we are in (224.0.0.1).  With a given source of ours and
 * no oif, the route is made at once out of that source's device. */
static void test_multicast(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("224.0.0.1 (all-hosts, joined)");
	rt = out_key(ts->net, "224.0.0.1", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_MULTICAST);
	EXPECT_EQ(rt->rt_flags, RTCF_MULTICAST | RTCF_LOCAL);
	EXPECT_EQ(rt->rt_gateway, 0);
	ip_rt_put(rt);
	STEP("224.1.2.3 (not joined)");
	rt = out_key(ts->net, "224.1.2.3", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_flags, RTCF_MULTICAST);
	ip_rt_put(rt);
	lower_free(ts);

	ts = lower_new(NULL);
	STEP("no default route, but saddr 10.77.0.1 given: made on its device");
	rt = out_key(ts->net, "224.1.2.3", "10.77.0.1", 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_MULTICAST);
	EXPECT_EQ(fl4.flowi4_oif, 2);
	ip_rt_put(rt);
	lower_free(ts);
}

/* Default gateway: off-subnet traffic goes to it; the source is the
 * device's address (inet_select_addr, the route has no prefsrc); the TOS
 * bit RTO_ONLINK narrows the lookup to link scope, which excludes it. */
static void test_gateway(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("route 8.8.8.8 via 10.77.0.254");
	rt = out_key(ts->net, "8.8.8.8", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_UNICAST);
	EXPECT_EQ(rt->rt_gateway, A("10.77.0.254"));
	EXPECT(rt->rt_uses_gateway);
	EXPECT_EQ(rt_nexthop(rt, fl4.daddr), A("10.77.0.254"));
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	EXPECT_EQ(fl4.flowi4_oif, 2);
	ip_rt_put(rt);
	STEP("on-subnet traffic still goes direct");
	rt = out_key(ts->net, "10.77.0.2", NULL, 0, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_gateway, 0);
	ip_rt_put(rt);
	STEP("tos with RTO_ONLINK: 8.8.8.8 is not on link -> ENETUNREACH");
	EXPECT_ERR(out_key(ts->net, "8.8.8.8", NULL, 0, RTO_ONLINK, 0, &fl4), -ENETUNREACH);
	EXPECT_EQ(fl4.flowi4_scope, RT_SCOPE_LINK);
	STEP("tos 0x1f is masked to 0x1c in the flow");
	rt = out_key(ts->net, "10.77.0.2", NULL, 0, 0x1e, 0, &fl4);
	EXPECT_EQ(fl4.flowi4_tos, 0x1c);
	ip_rt_put(rt);
	STEP("0.1.2.3 matches the default route but is refused -> EINVAL");
	EXPECT_ERR(out_key(ts->net, "0.1.2.3", NULL, 0, 0, 0, &fl4), -EINVAL);
	lower_free(ts);
}

/* A flow bound to a device (SO_BINDTODEVICE): unknown index -> ENODEV; a
 * destination with no route is assumed on link; limited broadcast is made
 * at once with a link-scope source. */
static void test_oif(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;
	struct rtable *rt;

	STEP("oif 7 -> ENODEV");
	EXPECT_ERR(out_key(ts->net, "10.77.0.2", NULL, 7, 0, 0, &fl4), -ENODEV);
	STEP("oif 2, 8.8.8.8 without a route: on link, source 10.77.0.1");
	rt = out_key(ts->net, "8.8.8.8", NULL, 2, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_UNICAST);
	EXPECT_EQ(rt->rt_gateway, 0);
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	ip_rt_put(rt);
	STEP("oif 2, 255.255.255.255: broadcast out of index 2");
	rt = out_key(ts->net, "255.255.255.255", NULL, 2, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_type, RTN_BROADCAST);
	EXPECT_EQ(rt->rt_oif, 2);
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	ip_rt_put(rt);
	STEP("oif 1 (lo), 10.77.0.2: no lo route for it; assumed on link of lo");
	rt = out_key(ts->net, "10.77.0.2", NULL, 1, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(rt->rt_oif, 1);
	EXPECT(rt->rt_flags & RTCF_LOCAL);
	ip_rt_put(rt);
	STEP("oif 2, daddr 0, no source: the device's address (RT_SCOPE_HOST), then to itself");
	rt = out_key(ts->net, NULL, NULL, 2, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	EXPECT_EQ(fl4.daddr, A("10.77.0.1"));
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	EXPECT_EQ(rt->rt_oif, LOOPBACK_IFINDEX);
	ip_rt_put(rt);
	STEP("oif 1, 224.1.2.3 from 127.0.0.5: the given source is kept (3.10 picks one only without)");
	rt = out_key(ts->net, "224.1.2.3", "127.0.0.5", 1, 0, 0, &fl4);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.saddr, A("127.0.0.5"));
	EXPECT_EQ(rt->rt_type, RTN_MULTICAST);
	ip_rt_put(rt);
	lower_free(ts);
}

/* Path MTU learnt from ICMP: lower only, at least 552, lapses after 10 min. */
static void test_pmtu(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct flowi4 fl4;
	struct rtable *rt = out_key(ts->net, "10.77.0.2", NULL, 0, 0, 0, &fl4);

	STEP("update to 1400, then to 9000 (ignored), then to 100 (552)");
	ip_rt_update_pmtu(rt, 1400);
	EXPECT_EQ(dst_mtu(rt), 1400);
	ip_rt_update_pmtu(rt, 9000);
	EXPECT_EQ(dst_mtu(rt), 1400);
	ip_rt_update_pmtu(rt, 100);
	EXPECT_EQ(dst_mtu(rt), 552);
	STEP("after 600 s the device MTU is back");
	ts_advance_ms(ts, 600 * 1000);
	EXPECT_EQ(dst_mtu(rt), 1500);
	STEP("an ADVMSS metric wins over the derived value");
	rt->metric_advmss = 1200;
	EXPECT_EQ(dst_metric_advmss(rt), 1200);
	ip_rt_put(rt);
	lower_free(ts);
}

/* ip_route_connect: the flow gets the socket's mark, the given tos/oif/
 * protocol/ports and CAN_SLEEP (+ANYSRC when transparent); with src 0 the
 * first lookup fills the source in; errors come back unchanged. */
static void test_route_connect(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = lower_sock(ts->net);
	struct flowi4 fl4;
	struct rtable *rt;

	sk->sk_mark = 7;
	STEP("connect route to 10.77.0.2:80 from port 0");
	rt = ip_route_connect(&fl4, A("10.77.0.2"), 0, 0x10, 0, IPPROTO_TCP_,
			      0, htons(80), sk, true);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	EXPECT_EQ(fl4.daddr, A("10.77.0.2"));
	EXPECT_EQ(fl4.flowi4_mark, 7);
	EXPECT_EQ(fl4.flowi4_proto, IPPROTO_TCP_);
	EXPECT_EQ(fl4.fl4_dport, htons(80));
	EXPECT_EQ(fl4.fl4_sport, 0);
	EXPECT_EQ(fl4.flowi4_flags, FLOWI_FLAG_CAN_SLEEP);
	EXPECT_EQ(fl4.flowi4_tos, 0x10);
	EXPECT_EQ(rt->rt_type, RTN_UNICAST);
	EXPECT_EQ(atomic_load(&rt->refcnt), 1);
	ip_rt_put(rt);
	STEP("daddr 0 -> 127.0.0.1, local");
	rt = ip_route_connect(&fl4, 0, 0, 0, 0, IPPROTO_TCP_, 0, htons(80), sk, true);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.daddr, A("127.0.0.1"));
	EXPECT_EQ(rt->rt_type, RTN_LOCAL);
	ip_rt_put(rt);
	STEP("transparent socket: ANYSRC, so a foreign bound source is accepted");
	inet_sk(sk)->transparent = 1;
	rt = ip_route_connect(&fl4, A("10.77.0.2"), A("10.77.0.9"), 0, 0, IPPROTO_TCP_,
			      htons(1000), htons(80), sk, false);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT_EQ(fl4.flowi4_flags, FLOWI_FLAG_ANYSRC);
	EXPECT_EQ(fl4.saddr, A("10.77.0.9"));
	ip_rt_put(rt);
	inet_sk(sk)->transparent = 0;
	STEP("errors: ENETUNREACH for 8.8.8.8, EINVAL for a foreign source");
	EXPECT_ERR(ip_route_connect(&fl4, A("8.8.8.8"), 0, 0, 0, IPPROTO_TCP_, 0,
				    htons(80), sk, true), -ENETUNREACH);
	EXPECT_ERR(ip_route_connect(&fl4, A("10.77.0.2"), A("10.77.0.9"), 0, 0,
				    IPPROTO_TCP_, 0, htons(80), sk, true), -EINVAL);
	STEP("broadcast destination: the route says so (tcp_v4_connect refuses it)");
	rt = ip_route_connect(&fl4, A("10.77.0.255"), 0, 0, 0, IPPROTO_TCP_, 0,
			      htons(80), sk, true);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	EXPECT(rt->rt_flags & RTCF_BROADCAST);
	ip_rt_put(rt);
	lower_sock_free(sk);
	lower_free(ts);
}

/* ip_route_newports: unchanged ports keep the very same route; a changed
 * port puts it and looks up again with the new ports in the flow. */
static void test_newports(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = lower_sock(ts->net);
	struct flowi4 fl4;
	struct rtable *rt, *rt2;

	rt = ip_route_connect(&fl4, A("10.77.0.2"), 0, 0, 0, IPPROTO_TCP_, 0,
			      htons(80), sk, true);
	CU_ASSERT_FATAL(!IS_ERR(rt));
	STEP("same ports: same route");
	rt2 = ip_route_newports(&fl4, rt, 0, htons(80), 0, htons(80), sk);
	EXPECT(rt2 == rt);
	EXPECT_EQ(atomic_load(&rt->refcnt), 1);
	STEP("sport 0 -> 40000: a new lookup");
	rt2 = ip_route_newports(&fl4, rt, 0, htons(80), htons(40000), htons(80), sk);
	CU_ASSERT_FATAL(!IS_ERR(rt2));
	EXPECT_EQ(fl4.fl4_sport, htons(40000));
	EXPECT_EQ(fl4.saddr, A("10.77.0.1"));
	EXPECT_EQ(rt2->rt_type, RTN_UNICAST);
	ip_rt_put(rt2);
	lower_sock_free(sk);
	lower_free(ts);
}

/* RT_CONN_FLAGS: RT_TOS of inet->tos, plus RTO_ONLINK for SO_DONTROUTE. */
static void test_conn_flags(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sock *sk = lower_sock(ts->net);

	STEP("tos 0x10, 0xff; then SOCK_LOCALROUTE");
	inet_sk(sk)->tos = 0x10;
	EXPECT_EQ(RT_CONN_FLAGS(sk), 0x10);
	inet_sk(sk)->tos = 0xff;
	EXPECT_EQ(RT_CONN_FLAGS(sk), 0x1e);
	sock_set_flag(sk, SOCK_LOCALROUTE);
	EXPECT_EQ(RT_CONN_FLAGS(sk), 0x1f);
	lower_sock_free(sk);
	lower_free(ts);
}

static void test_addr_classes(void)
{
	STEP("ipv4_is_* on boundary addresses");
	EXPECT(ipv4_is_multicast(A("224.0.0.0")) && ipv4_is_multicast(A("239.255.255.255")));
	EXPECT(!ipv4_is_multicast(A("240.0.0.0")) && !ipv4_is_multicast(A("223.255.255.255")));
	EXPECT(ipv4_is_local_multicast(A("224.0.0.255")) && !ipv4_is_local_multicast(A("224.0.1.0")));
	EXPECT(ipv4_is_lbcast(A("255.255.255.255")) && !ipv4_is_lbcast(A("255.255.255.254")));
	EXPECT(ipv4_is_zeronet(A("0.255.255.255")) && !ipv4_is_zeronet(A("1.0.0.0")));
	EXPECT(ipv4_is_loopback(A("127.255.0.1")) && !ipv4_is_loopback(A("128.0.0.1")));
}

/* An input route for a packet with @daddr/@saddr of @proto. */
static int in_route(struct test_stack *ts, const char *daddr, const char *saddr,
		    u16 proto, struct sk_buff **out)
{
	struct sk_buff *skb = alloc_skb(64);

	skb->net = ts->net;
	skb->dev = &ts->net->dev;
	skb->protocol = proto;
	*out = skb;
	return ip_route_input_noref(skb, A(daddr), A(saddr), 0, skb->dev);
}

/* Input routing: ours -> local; broadcasts -> broadcast; another host ->
 * unreachable with error 0 (FIB knows it) or ENETUNREACH (no route);
 * martians -> EINVAL; all-hosts multicast -> multicast + local. */
static void test_input(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sk_buff *skb;
	const struct { const char *d, *s; u16 proto; int ret, type; unsigned int flags; int err; } c[] = {
		{ "10.77.0.1", "10.77.0.2", ETH_P_IP, 0, RTN_LOCAL, RTCF_LOCAL, 0 },
		{ "255.255.255.255", "10.77.0.2", ETH_P_IP, 0, RTN_BROADCAST, RTCF_BROADCAST | RTCF_LOCAL, 0 },
		{ "10.77.0.255", "10.77.0.2", ETH_P_IP, 0, RTN_BROADCAST, RTCF_BROADCAST | RTCF_LOCAL, 0 },
		{ "0.0.0.0", "0.0.0.0", ETH_P_IP, 0, RTN_BROADCAST, RTCF_BROADCAST | RTCF_LOCAL, 0 },
		{ "10.77.0.7", "10.77.0.2", ETH_P_IP, 0, RTN_UNREACHABLE, 0, 0 },
		{ "8.8.8.8", "10.77.0.2", ETH_P_IP, 0, RTN_UNREACHABLE, 0, ENETUNREACH },
		{ "224.0.0.1", "10.77.0.2", ETH_P_IP, 0, RTN_MULTICAST, RTCF_MULTICAST | RTCF_LOCAL, 0 },
		{ "224.0.0.5", "10.77.0.2", ETH_P_IP, -EINVAL, 0, 0, 0 },
		{ "10.77.0.1", "127.0.0.1", ETH_P_IP, -EINVAL, 0, 0, 0 },
		{ "127.0.0.1", "10.77.0.2", ETH_P_IP, -EINVAL, 0, 0, 0 },
		{ "10.77.0.1", "224.0.0.9", ETH_P_IP, -EINVAL, 0, 0, 0 },
		{ "10.77.0.1", "0.0.0.9", ETH_P_IP, -EINVAL, 0, 0, 0 },
		{ "0.0.0.7", "10.77.0.2", ETH_P_IP, -EINVAL, 0, 0, 0 },
		{ "10.77.0.255", "10.77.0.2", ETH_P_ARP, -EINVAL, 0, 0, 0 },
		/* fib_validate_source: with rp_filter 0 3.10 skips the check
		 * (the way out is never the way in: oif is loopback or 0), so
		 * a source that is ours, our subnet's broadcast or network
		 * address, or has no route back, is accepted. */
		{ "10.77.0.1", "10.77.0.1", ETH_P_IP, 0, RTN_LOCAL, RTCF_LOCAL, 0 },
		{ "10.77.0.1", "10.77.0.255", ETH_P_IP, 0, RTN_LOCAL, RTCF_LOCAL, 0 },
		{ "10.77.0.1", "10.77.0.0", ETH_P_IP, 0, RTN_LOCAL, RTCF_LOCAL, 0 },
		{ "10.77.0.255", "10.77.0.1", ETH_P_IP, 0, RTN_BROADCAST, RTCF_BROADCAST | RTCF_LOCAL, 0 },
		{ "10.77.0.1", "8.8.8.8", ETH_P_IP, 0, RTN_LOCAL, RTCF_LOCAL, 0 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int ret;

		STEP("input route %s <- %s (proto %#x)", c[i].d, c[i].s, c[i].proto);
		ret = in_route(ts, c[i].d, c[i].s, c[i].proto, &skb);
		EXPECT_EQ(ret, c[i].ret);
		if (ret == 0) {
			EXPECT_EQ(skb_rtable(skb)->rt_type, c[i].type);
			EXPECT_EQ(skb_rtable(skb)->rt_flags, c[i].flags);
			EXPECT_EQ(skb_rtable(skb)->error, c[i].err);
			EXPECT(skb_rtable(skb)->rt_is_input);
			/* 3.10 allocates every input route on lo. */
			EXPECT_EQ(skb_rtable(skb)->rt_oif, LOOPBACK_IFINDEX);
		} else {
			EXPECT(skb_rtable(skb) == NULL);
		}
		kfree_skb(skb);
	}
	lower_free(ts);
}

/* ip_error: with forwarding off, ENETUNREACH counts InNoRoutes, error 0
 * (a destination the FIB knows) counts nothing. */
static void test_ip_error(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sk_buff *skb;

	STEP("8.8.8.8: InNoRoutes");
	in_route(ts, "8.8.8.8", "10.77.0.2", ETH_P_IP, &skb);
	memset(skb_put(skb, 20), 0, 20);
	skb_reset_network_header(skb);
	ip_hdr(skb)->daddr = A("8.8.8.8");
	ip_error(skb);
	EXPECT_EQ(mib(ts->net, MIB_IP_INNOROUTES), 1);
	STEP("10.77.0.7: nothing counted");
	in_route(ts, "10.77.0.7", "10.77.0.2", ETH_P_IP, &skb);
	memset(skb_put(skb, 20), 0, 20);
	skb_reset_network_header(skb);
	ip_error(skb);
	EXPECT_EQ(mib(ts->net, MIB_IP_INNOROUTES), 1);
	EXPECT_EQ(mib(ts->net, MIB_IP_INADDRERRORS), 0);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("route", NULL, NULL);

	CU_add_test(s, "bad and foreign sources", test_bad_sources);
	CU_add_test(s, "subnet route", test_subnet);
	CU_add_test(s, "no route", test_no_route);
	CU_add_test(s, "local routes", test_local);
	CU_add_test(s, "daddr 0", test_daddr_zero);
	CU_add_test(s, "broadcast", test_broadcast);
	CU_add_test(s, "multicast", test_multicast);
	CU_add_test(s, "default gateway", test_gateway);
	CU_add_test(s, "bound device", test_oif);
	CU_add_test(s, "path MTU", test_pmtu);
	CU_add_test(s, "ip_route_connect", test_route_connect);
	CU_add_test(s, "ip_route_newports", test_newports);
	CU_add_test(s, "RT_CONN_FLAGS", test_conn_flags);
	CU_add_test(s, "address classes", test_addr_classes);
	CU_add_test(s, "input routes", test_input);
	CU_add_test(s, "ip_error", test_ip_error);
}
