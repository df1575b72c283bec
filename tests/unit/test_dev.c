// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_dev.c - the device layer (core/dev.c): protocol dispatch and the
 * drop of other protocols, runts, the NET_RX budget, the receive buffer
 * size, the loopback backlog limit, frames the NIC refuses and frames it
 * lost to a full receive ring.
 */
#include "lower.h"
#include "nic.h"

/* IPv4 and ARP reach their handlers; IPv6 and 802.2 frames are dropped
 * and counted as the device's rx_dropped; runts too. */
static void test_dispatch(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[60];

	memset(f, 0, sizeof f);
	memcpy(f, ts_mac, 6);
	memcpy(f + 6, ts_peer_mac, 6);
	STEP("ethertype 0x86dd");
	f[12] = 0x86; f[13] = 0xdd;
	ts_inject(ts, f, 60);
	STEP("length field 46 (802.2)");
	f[12] = 0; f[13] = 46;
	ts_inject(ts, f, 60);
	STEP("a 13-byte runt");
	ts_inject(ts, f, 13);
	EXPECT_EQ(mib(ts->net, MIB_CS_RXDROPNOTIP), 3);
	EXPECT_EQ(mib(ts->net, MIB_IP_INRECEIVES), 0);
	STEP("an IPv4 frame reaches ip_rcv");
	ts_inject(ts, f, lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, "x", 1));
	EXPECT_EQ(mib(ts->net, MIB_IP_INRECEIVES), 1);
	EXPECT_EQ(mib(ts->net, MIB_CS_RXDROPNOTIP), 3);
	lower_free(ts);
}

/* net_rx_action processes at most @budget frames per call. */
static void test_budget(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[60];
	size_t n = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.9", 99, "x", 1);

	for (int i = 0; i < 5; i++)
		nic_loop_inject(ts->nic, f, n);
	STEP("budget 3, then 3 again, then nothing");
	EXPECT_EQ(net_rx_action(ts->net, 3), 3);
	EXPECT_EQ(net_rx_action(ts->net, 3), 2);
	EXPECT_EQ(net_rx_action(ts->net, 3), 0);
	EXPECT_EQ(mib(ts->net, MIB_IP_INRECEIVES), 5);
	lower_free(ts);
}

/* Frames the NIC lost (its ring was full) are taken into Link RxMissed by
 * the next NAPI poll, once. */
static void test_rx_missed(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[60];
	size_t n = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, "x", 1);

	STEP("the NIC reports 7 lost frames; the next poll counts them");
	ts->nic->rx_missed = 7;
	nic_loop_inject(ts->nic, f, n);
	EXPECT_EQ(net_rx_action(ts->net, 64), 1);
	EXPECT_EQ(mib(ts->net, MIB_CS_RXMISSED), 7);
	EXPECT_EQ(ts->nic->rx_missed, 0);
	STEP("3 more, with nothing received: counted all the same");
	ts->nic->rx_missed = 3;
	EXPECT_EQ(net_rx_action(ts->net, 64), 0);
	EXPECT_EQ(mib(ts->net, MIB_CS_RXMISSED), 10);
	EXPECT_EQ(net_rx_action(ts->net, 64), 0);
	EXPECT_EQ(mib(ts->net, MIB_CS_RXMISSED), 10);
	lower_free(ts);
}

/* The receive buffer holds MTU + Ethernet + VLAN headers (1518 bytes); a
 * longer frame is cut there and IP sees a truncated packet. */
static void test_rx_size(void)
{
	struct test_stack *ts = lower_new(NULL);
	static u8 f[1700], payload[1600];
	size_t n = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, payload, 1505);

	STEP("a 1539-byte frame (IP tot_len 1525)");
	EXPECT_EQ(n, 1539);
	ts_inject(ts, f, n);
	EXPECT_EQ(mib(ts->net, MIB_IP_INTRUNCATEDPKTS), 1);
	STEP("a 1518-byte frame is whole");
	n = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 99, payload, 1484);
	ts_inject(ts, f, n);
	EXPECT_EQ(mib(ts->net, MIB_IP_INTRUNCATEDPKTS), 1);
	EXPECT_EQ(mib(ts->net, MIB_IP_INUNKNOWNPROTOS), 1);
	lower_free(ts);
}

/* netif_rx queues a frame while the backlog holds no more than
 * netdev_max_backlog (1000) frames, as enqueue_to_backlog: 1001 at most. */
static void test_backlog_limit(void)
{
	struct test_stack *ts = lower_new(NULL);
	long live = cs_skb_live_count();

	STEP("queue 1002 frames on lo's backlog");
	for (int i = 0; i < 1002; i++) {
		struct sk_buff *skb = alloc_skb(64);

		skb->net = ts->net;
		EXPECT_EQ(netif_rx(skb), i < 1001 ? 0 : 1);
	}
	EXPECT_EQ(skb_queue_len(&ts->net->lo_backlog), 1001);
	EXPECT_EQ(mib(ts->net, MIB_CS_RXDROPNOTIP), 1);
	EXPECT_EQ(cs_skb_live_count(), live + 1001);
	lower_free(ts);
}

/* A frame the NIC cannot take is dropped and counted; the sender sees
 * success, as with veth. */
static void test_tx_drop(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct nic *nic = ts->net->nic;
	struct sk_buff *skb = alloc_skb(64);

	memset(skb_put(skb, 60), 0, 60);
	skb->net = ts->net;
	skb->dev = &ts->net->dev;
	STEP("no NIC attached");
	ts->net->nic = NULL;
	EXPECT_EQ(dev_queue_xmit(skb), 0);
	ts->net->nic = nic;
	EXPECT_EQ(mib(ts->net, MIB_CS_TXDROPPED), 1);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("dev", NULL, NULL);

	CU_add_test(s, "protocol dispatch and drops", test_dispatch);
	CU_add_test(s, "NET_RX budget", test_budget);
	CU_add_test(s, "receive buffer size", test_rx_size);
	CU_add_test(s, "backlog limit", test_backlog_limit);
	CU_add_test(s, "transmit drop", test_tx_drop);
	CU_add_test(s, "receive ring drops: RxMissed", test_rx_missed);
}
