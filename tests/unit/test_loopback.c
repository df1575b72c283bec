// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_loopback.c - the loopback device (core/loopback.c): its settings,
 * a packet to our own address going round through lo's backlog (no frame
 * on the NIC, zero MACs, the output route kept as the input route), and
 * the backlog freed with the stack.
 */
#include "lower.h"

static void test_device(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net_device *lo = &ts->net->loopback_dev;

	STEP("lo: index 1, MTU 65536, up, loopback");
	EXPECT_EQ(lo->ifindex, 1);
	EXPECT_EQ(lo->mtu, 65536);
	EXPECT(lo->up);
	EXPECT(lo->flags & IFF_LOOPBACK);
	EXPECT(strcmp(lo->name, "lo") == 0);
	EXPECT(memcmp(lo->dev_addr, lower_zero_mac, 6) == 0);
	lower_free(ts);
}

/* A packet to 10.77.0.1 never reaches the NIC: it waits on lo's backlog
 * as a frame 00:00:00:00:00:00 -> 00:00:00:00:00:00 (PACKET_HOST, input
 * index 1) still carrying its local output route, and is received by the
 * next NET_RX pass (InReceives, delivered to TCP). */
static void test_round_trip(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sk_buff *skb;
	u8 f[100];

	STEP("send 40 bytes to 10.77.0.1");
	lower_send(ts, "10.77.0.1", 0x42);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	EXPECT_EQ(skb_queue_len(&ts->net->lo_backlog), 1);
	skb = skb_peek(&ts->net->lo_backlog);
	CU_ASSERT_PTR_NOT_NULL_FATAL(skb);
	EXPECT(memcmp(skb_mac_header(skb), "\0\0\0\0\0\0\0\0\0\0\0\0\x08\x00", 14) == 0);
	EXPECT_EQ(skb->pkt_type, PACKET_HOST);
	EXPECT_EQ(skb->skb_iif, 1);
	EXPECT_EQ(skb->protocol, ETH_P_IP);
	EXPECT_EQ(skb->len, 40);
	CU_ASSERT_PTR_NOT_NULL_FATAL(skb_rtable(skb));
	EXPECT_EQ(skb_rtable(skb)->rt_type, RTN_LOCAL);
	EXPECT(!skb_rtable(skb)->rt_is_input);
	EXPECT(skb->sk == NULL);
	EXPECT_EQ(mib(ts->net, MIB_IP_OUTREQUESTS), 1);
	EXPECT_EQ(mib(ts->net, MIB_IP_INRECEIVES), 0);
	STEP("NET_RX: received and delivered");
	ts_poll(ts);
	EXPECT(mib(ts->net, MIB_IP_INRECEIVES) >= 1);
	EXPECT(mib(ts->net, MIB_IP_INDELIVERS) >= 1);
	EXPECT_EQ(ts_take(ts, f, sizeof f), 0);
	lower_free(ts);
}

/* Frames still queued when the stack goes are freed with it. */
static void test_exit_frees(void)
{
	struct test_stack *ts = lower_new(NULL);
	long live = cs_skb_live_count();

	STEP("queue two frames, then tear down the backlog");
	lower_send(ts, "10.77.0.1", 1);
	lower_send(ts, "127.0.0.1", 2);
	EXPECT_EQ(skb_queue_len(&ts->net->lo_backlog), 2);
	EXPECT_EQ(cs_skb_live_count(), live + 2);
	pthread_mutex_lock(&ts->net->lo_lock);
	__skb_queue_purge(&ts->net->lo_backlog);
	pthread_mutex_unlock(&ts->net->lo_lock);
	EXPECT_EQ(cs_skb_live_count(), live);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("loopback", NULL, NULL);

	CU_add_test(s, "device settings", test_device);
	CU_add_test(s, "round trip to our own address", test_round_trip);
	CU_add_test(s, "backlog freed", test_exit_frees);
}
