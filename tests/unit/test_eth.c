// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_eth.c - Ethernet framing (core/eth.c): eth_header on the way out,
 * eth_type_trans's packet types and protocols on the way in.
 */
#include "lower.h"

static struct sk_buff *frame_skb(struct net *net, const u8 *dst, u16 proto, const u8 *first2)
{
	struct sk_buff *skb = alloc_skb(128);
	u8 *f = skb_put(skb, 60);

	memset(f, 0, 60);
	memcpy(f, dst, 6);
	memcpy(f + 6, ts_peer_mac, 6);
	f[12] = (u8)(proto >> 8);
	f[13] = (u8)proto;
	if (first2)
		memcpy(f + 14, first2, 2);
	skb->net = net;
	return skb;
}

/* pkt_type from the destination MAC, and the protocol from the type or
 * length field. */
static void test_type_trans(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;
	const u8 mc[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 }, other[6] = { 2, 0, 0, 0, 0, 9 };
	const struct { const u8 *dst; struct net_device *dev; int type; } c[] = {
		{ ts_mac, &net->dev, PACKET_HOST },
		{ lower_bcast, &net->dev, PACKET_BROADCAST },
		{ mc, &net->dev, PACKET_MULTICAST },
		{ other, &net->dev, PACKET_OTHERHOST },
		{ lower_bcast, &net->loopback_dev, PACKET_MULTICAST },
		{ lower_zero_mac, &net->loopback_dev, PACKET_HOST },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct sk_buff *skb = frame_skb(net, c[i].dst, 0x0800, NULL);

		STEP("frame %zu", i);
		EXPECT_EQ(eth_type_trans(skb, c[i].dev), 0x0800);
		EXPECT_EQ(skb->pkt_type, c[i].type);
		EXPECT_EQ(skb->len, 46);
		EXPECT(skb_mac_header(skb) == skb->head);
		EXPECT(skb->dev == c[i].dev);
		EXPECT_EQ(skb->skb_iif, c[i].dev->ifindex);
		kfree_skb(skb);
	}
	STEP("length field 0x002e: 802.2 LLC, or raw 802.3 when the data starts ff ff");
	{
		struct sk_buff *a = frame_skb(net, ts_mac, 0x002e, (const u8 *)"\xaa\xaa");
		struct sk_buff *b = frame_skb(net, ts_mac, 0x002e, (const u8 *)"\xff\xff");

		EXPECT_EQ(eth_type_trans(a, &net->dev), 0x0004);
		EXPECT_EQ(eth_type_trans(b, &net->dev), 0x0001);
		kfree_skb(a);
		kfree_skb(b);
	}
	lower_free(ts);
}

/* eth_header: type, source (default the device's), destination; without
 * a destination, zeros on lo and "not built" (-14) elsewhere. */
static void test_header(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct sk_buff *skb = alloc_skb(64);
	const u8 src[6] = { 2, 1, 1, 1, 1, 1 };

	skb_reserve(skb, 32);
	skb_put(skb, 10);
	STEP("IPv4 to the peer from the device");
	EXPECT_EQ(eth_header(skb, &ts->net->dev, 0x0800, ts_peer_mac, NULL), 14);
	EXPECT(memcmp(skb->data, ts_peer_mac, 6) == 0);
	EXPECT(memcmp(skb->data + 6, ts_mac, 6) == 0);
	EXPECT(skb->data[12] == 0x08 && skb->data[13] == 0x00);
	skb_pull(skb, 14);
	STEP("802.3 type: the length goes in the field; explicit source");
	EXPECT_EQ(eth_header(skb, &ts->net->dev, 0x0001, ts_peer_mac, src), 14);
	EXPECT(skb->data[12] == 0 && skb->data[13] == 10);
	EXPECT(memcmp(skb->data + 6, src, 6) == 0);
	skb_pull(skb, 14);
	STEP("no destination: lo gets zeros, the interface -14");
	EXPECT_EQ(eth_header(skb, &ts->net->loopback_dev, 0x0800, NULL, NULL), 14);
	EXPECT(memcmp(skb->data, lower_zero_mac, 6) == 0);
	skb_pull(skb, 14);
	EXPECT_EQ(eth_header(skb, &ts->net->dev, 0x0800, NULL, NULL), -14);
	kfree_skb(skb);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("eth", NULL, NULL);

	CU_add_test(s, "eth_type_trans", test_type_trans);
	CU_add_test(s, "eth_header", test_header);
}
