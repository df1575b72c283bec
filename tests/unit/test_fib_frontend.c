// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_fib_frontend.c - the FIB a stack builds (core/fib_frontend.c): the
 * routes 3.10's fib_add_ifaddr adds for lo and for the interface address,
 * the default route, lookup order and scope, inet_addr_type, prefsrc and
 * fib_compute_spec_dst.
 */
#include "lower.h"
#include "route.h"
#include <errno.h>
#include "connscope/connscope.h"
#include "nic.h"

/* Find the entry for prefix/len in @table, or NULL. */
static const struct fib_entry *fib_find(struct net *net, const char *prefix,
					unsigned int len, int table)
{
	for (int i = 0; i < net->fib.n; i++) {
		const struct fib_entry *e = &net->fib.e[i];

		if (e->prefix == A(prefix) && e->len == len && e->table == table)
			return e;
	}
	return NULL;
}

static void expect_entry(struct net *net, const char *prefix, unsigned int len,
			 int table, int type, int scope, const char *prefsrc, int oif)
{
	const struct fib_entry *e = fib_find(net, prefix, len, table);

	STEP("entry %s/%u table %d", prefix, len, table);
	EXPECT(e != NULL);
	if (!e)
		return;
	EXPECT_EQ(e->type, type);
	EXPECT_EQ(e->scope, scope);
	EXPECT_EQ(e->prefsrc, prefsrc ? A(prefsrc) : 0);
	EXPECT_EQ(e->oif, oif);
	EXPECT_EQ(e->gateway, 0);
}

/* 127.0.0.1/8 on lo and 10.77.0.1/24 on index 2 give, as `ip route show
 * table all` lists on 3.10: local 127.0.0.1, local 127.0.0.0/8, broadcast
 * 127.0.0.0 and 127.255.255.255 (all table local, via lo); local 10.77.0.1,
 * broadcast 10.77.0.0 and 10.77.0.255 (table local), 10.77.0.0/24 scope
 * link (table main); plus "default via" when a gateway is set. */
static void test_table(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	struct net *net = ts->net;
	const struct fib_entry *d;

	EXPECT_EQ(net->fib.n, 9);
	expect_entry(net, "127.0.0.1", 32, RT_TABLE_LOCAL, RTN_LOCAL, RT_SCOPE_HOST, "127.0.0.1", 1);
	expect_entry(net, "127.0.0.0", 8, RT_TABLE_LOCAL, RTN_LOCAL, RT_SCOPE_HOST, "127.0.0.1", 1);
	expect_entry(net, "127.0.0.0", 32, RT_TABLE_LOCAL, RTN_BROADCAST, RT_SCOPE_LINK, "127.0.0.1", 1);
	expect_entry(net, "127.255.255.255", 32, RT_TABLE_LOCAL, RTN_BROADCAST, RT_SCOPE_LINK, "127.0.0.1", 1);
	expect_entry(net, "10.77.0.1", 32, RT_TABLE_LOCAL, RTN_LOCAL, RT_SCOPE_HOST, "10.77.0.1", 2);
	expect_entry(net, "10.77.0.0", 24, RT_TABLE_MAIN, RTN_UNICAST, RT_SCOPE_LINK, "10.77.0.1", 2);
	expect_entry(net, "10.77.0.0", 32, RT_TABLE_LOCAL, RTN_BROADCAST, RT_SCOPE_LINK, "10.77.0.1", 2);
	expect_entry(net, "10.77.0.255", 32, RT_TABLE_LOCAL, RTN_BROADCAST, RT_SCOPE_LINK, "10.77.0.1", 2);
	STEP("default via 10.77.0.254: main table, scope universe, no prefsrc");
	d = fib_find(net, "0.0.0.0", 0, RT_TABLE_MAIN);
	EXPECT(d != NULL);
	if (d) {
		EXPECT_EQ(d->gateway, A("10.77.0.254"));
		EXPECT_EQ(d->scope, RT_SCOPE_UNIVERSE);
		EXPECT_EQ(d->prefsrc, 0);
		EXPECT_EQ(d->oif, 2);
	}
	lower_free(ts);
}

/* /31 and /32 addresses: a /31 has its subnet route but no broadcasts; a
 * /32 only its local route.  A prefix length over 32 is refused. */
static void test_small_prefixes(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;

	STEP("10.9.9.1/31");
	EXPECT_EQ(cs_fib_table_init(net, A("10.9.9.1"), 31, 0), 0);
	EXPECT_EQ(net->fib.n, 4 + 2);
	expect_entry(net, "10.9.9.0", 31, RT_TABLE_MAIN, RTN_UNICAST, RT_SCOPE_LINK, "10.9.9.1", 2);
	EXPECT(fib_find(net, "10.9.9.1", 32, RT_TABLE_LOCAL) != NULL);
	STEP("10.9.9.1/32");
	EXPECT_EQ(cs_fib_table_init(net, A("10.9.9.1"), 32, 0), 0);
	EXPECT_EQ(net->fib.n, 4 + 1);
	STEP("prefix length 33");
	EXPECT_EQ(cs_fib_table_init(net, A("10.9.9.1"), 33, 0), -EINVAL);
	cs_fib_table_init(net, A("10.77.0.1"), 24, 0);
	lower_free(ts);
}

/* The local table is searched before the main one, longest prefix first,
 * skipping routes narrower in scope than the flow asks for. */
static void test_lookup(void)
{
	struct test_stack *ts = lower_new("10.77.0.254");
	struct flowi4 fl4 = { .daddr = A("10.77.0.255") };
	struct fib_result res;

	STEP("10.77.0.255: the local broadcast /32 beats the main /24");
	EXPECT_EQ(fib_lookup(ts->net, &fl4, &res), 0);
	EXPECT_EQ(res.type, RTN_BROADCAST);
	EXPECT_EQ(res.prefixlen, 32);
	STEP("10.77.0.9: main /24 beats the default route");
	fl4.daddr = A("10.77.0.9");
	EXPECT_EQ(fib_lookup(ts->net, &fl4, &res), 0);
	EXPECT_EQ(res.prefixlen, 24);
	STEP("8.8.8.8: default route; with link scope, nothing");
	fl4.daddr = A("8.8.8.8");
	EXPECT_EQ(fib_lookup(ts->net, &fl4, &res), 0);
	EXPECT_EQ(res.prefixlen, 0);
	EXPECT_EQ(FIB_RES_PREFSRC(ts->net, res), A("10.77.0.1"));
	fl4.flowi4_scope = RT_SCOPE_LINK;
	EXPECT_EQ(fib_lookup(ts->net, &fl4, &res), -ENETUNREACH);
	STEP("a flow bound to lo does not match routes out of index 2");
	fl4.flowi4_scope = 0;
	fl4.flowi4_oif = 1;
	fl4.daddr = A("10.77.0.9");
	EXPECT_EQ(fib_lookup(ts->net, &fl4, &res), -ENETUNREACH);
	lower_free(ts);
}

/* inet_addr_type: 0/8 and 255.255.255.255 broadcast, 224/4 multicast,
 * local-table types for ours and our broadcasts, unicast otherwise. */
static void test_addr_type(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;

	STEP("inet_addr_type of a few addresses");
	EXPECT_EQ(inet_addr_type(net, A("0.0.0.0")), RTN_BROADCAST);
	EXPECT_EQ(inet_addr_type(net, A("0.1.2.3")), RTN_BROADCAST);
	EXPECT_EQ(inet_addr_type(net, A("255.255.255.255")), RTN_BROADCAST);
	EXPECT_EQ(inet_addr_type(net, A("239.1.1.1")), RTN_MULTICAST);
	EXPECT_EQ(inet_addr_type(net, A("10.77.0.1")), RTN_LOCAL);
	EXPECT_EQ(inet_addr_type(net, A("127.3.3.3")), RTN_LOCAL);
	EXPECT_EQ(inet_addr_type(net, A("10.77.0.255")), RTN_BROADCAST);
	EXPECT_EQ(inet_addr_type(net, A("10.77.0.2")), RTN_UNICAST);
	EXPECT_EQ(inet_addr_type(net, A("8.8.8.8")), RTN_UNICAST);
	lower_free(ts);
}

/* fib_compute_spec_dst: a packet to our unicast address answers from it;
 * one to a broadcast answers from the source of the route back. */
static void test_spec_dst(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sk_buff *skb = alloc_skb(64);
	struct iphdr *iph;

	skb->net = ts->net;
	skb->dev = &ts->net->dev;
	skb->protocol = ETH_P_IP;
	iph = (struct iphdr *)(void *)skb_put(skb, 20);
	memset(iph, 0, 20);
	skb_reset_network_header(skb);
	iph->saddr = A("10.77.0.2");
	STEP("to 10.77.0.1 (local route)");
	iph->daddr = A("10.77.0.1");
	ip_route_input_noref(skb, iph->daddr, iph->saddr, 0, skb->dev);
	EXPECT_EQ(fib_compute_spec_dst(skb), A("10.77.0.1"));
	skb_dst_drop(skb);
	STEP("to 10.77.0.255 (broadcast route)");
	iph->daddr = A("10.77.0.255");
	ip_route_input_noref(skb, iph->daddr, iph->saddr, 0, skb->dev);
	EXPECT_EQ(fib_compute_spec_dst(skb), A("10.77.0.1"));
	kfree_skb(skb);
	lower_free(ts);
}

/* fib_check_nh: a gateway must be on the subnet (ENETUNREACH off it, as
 * `ip route add default via 10.78.0.1` answers on 3.10), unicast or local
 * (the subnet's broadcast address: EINVAL); cs_net_new refuses the stack. */
static void test_gateway_check(void)
{
	static const struct { const char *gw; int err; } c[] = {
		{ "10.78.0.1", ENETUNREACH }, { "192.168.1.1", ENETUNREACH },
		{ "127.0.0.1", ENETUNREACH }, { "10.77.0.255", EINVAL },
		{ "10.77.0.0", EINVAL }, { "10.77.0.2", 0 }, { "10.77.0.1", 0 },
	};

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct cs_net_config cfg = { .prefixlen = 24, .no_softirq_thread = 1 };
		struct nic *nic = nic_loop_new("t0", ts_mac, 1500);
		struct net *net;

		STEP("gateway %s on 10.77.0.1/24: errno %d", c[i].gw, c[i].err);
		cfg.addr.s_addr = A("10.77.0.1");
		cfg.gateway.s_addr = A(c[i].gw);
		errno = 0;
		net = cs_net_new(nic, &cfg);
		if (c[i].err) {
			EXPECT(net == NULL);
			EXPECT_EQ(errno, c[i].err);
			if (!net)
				nic_destroy(nic);
		} else {
			EXPECT(net != NULL);
		}
		if (net)
			cs_net_free(net);
	}
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("fib_frontend", NULL, NULL);

	CU_add_test(s, "fib_check_nh: the gateway on the subnet", test_gateway_check);

	CU_add_test(s, "routes of lo, the interface and the gateway", test_table);
	CU_add_test(s, "/31, /32 and bad prefix lengths", test_small_prefixes);
	CU_add_test(s, "lookup order and scope", test_lookup);
	CU_add_test(s, "inet_addr_type", test_addr_type);
	CU_add_test(s, "fib_compute_spec_dst", test_spec_dst);
}
