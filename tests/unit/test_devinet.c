// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_devinet.c - devices and their addresses (core/devinet.c):
 * dev_get_by_index, __ip_dev_find, inet_select_addr, ip_check_mc_rcu.
 */
#include "lower.h"
#include "route.h"

static void test_by_index(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;

	STEP("index 1 is lo, 2 the interface, others nothing");
	EXPECT(dev_get_by_index(net, 1) == &net->loopback_dev);
	EXPECT(dev_get_by_index(net, 2) == &net->dev);
	EXPECT(dev_get_by_index(net, 0) == NULL);
	EXPECT(dev_get_by_index(net, 3) == NULL);
	EXPECT(dev_net(&net->loopback_dev) == net);
	EXPECT(dev_net(&net->dev) == net);
	lower_free(ts);
}

/* __ip_dev_find: exact addresses, then any local route (all of 127/8). */
static void test_dev_find(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;

	STEP("10.77.0.1, 127.0.0.1, 127.8.8.8, 10.77.0.2, 10.77.0.255");
	EXPECT(__ip_dev_find(net, A("10.77.0.1")) == &net->dev);
	EXPECT(__ip_dev_find(net, A("127.0.0.1")) == &net->loopback_dev);
	EXPECT(__ip_dev_find(net, A("127.8.8.8")) == &net->loopback_dev);
	EXPECT(__ip_dev_find(net, A("10.77.0.2")) == NULL);
	EXPECT(__ip_dev_find(net, A("10.77.0.255")) == NULL);
	lower_free(ts);
}

/* inet_select_addr: the device's address if its scope fits; otherwise the
 * first non-link-scope address of a device that fits, lo first. */
static void test_select_addr(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;

	STEP("interface, any scope: 10.77.0.1");
	EXPECT_EQ(inet_select_addr(net, &net->dev, A("8.8.8.8"), RT_SCOPE_UNIVERSE), A("10.77.0.1"));
	EXPECT_EQ(inet_select_addr(net, &net->dev, 0, RT_SCOPE_LINK), A("10.77.0.1"));
	STEP("lo at host scope: 127.0.0.1");
	EXPECT_EQ(inet_select_addr(net, &net->loopback_dev, 0, RT_SCOPE_HOST), A("127.0.0.1"));
	STEP("lo at link scope: 127.0.0.1 is host scope, so 10.77.0.1");
	EXPECT_EQ(inet_select_addr(net, &net->loopback_dev, 0, RT_SCOPE_LINK), A("10.77.0.1"));
	STEP("lo at universe scope: the same");
	EXPECT_EQ(inet_select_addr(net, &net->loopback_dev, 0, RT_SCOPE_UNIVERSE), A("10.77.0.1"));
	lower_free(ts);
}

static void test_mc(void)
{
	struct test_stack *ts = lower_new(NULL);

	STEP("all-hosts is joined, other groups are not");
	EXPECT(ip_check_mc_rcu(&ts->net->dev, A("224.0.0.1")));
	EXPECT(ip_check_mc_rcu(&ts->net->loopback_dev, A("224.0.0.1")));
	EXPECT(!ip_check_mc_rcu(&ts->net->dev, A("224.0.0.2")));
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("devinet", NULL, NULL);

	CU_add_test(s, "dev_get_by_index", test_by_index);
	CU_add_test(s, "__ip_dev_find", test_dev_find);
	CU_add_test(s, "inet_select_addr", test_select_addr);
	CU_add_test(s, "ip_check_mc_rcu", test_mc);
}
