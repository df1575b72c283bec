// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_ip_input.c - IPv4 input (core/ip_input.c) through the loop NIC:
 * each drop branch of ip_rcv counts what 3.10 counts (and nothing else),
 * padding is trimmed, fragments are counted and dropped, routing verdicts
 * (not ours, no route, martians), options, and delivery to ICMP, TCP and
 * an unknown protocol.
 */
#include "lower.h"
#include "trace.h"

static const u8 other_mac[6] = { 0x02, 0, 0, 0, 0, 0x77 };

/* Ip counters after one injected frame. */
struct ipc {
	unsigned long long rcv, hdr, csum, trunc, addr, noroute, reasm, unk, deliv;
};

static struct ipc counters(struct net *net)
{
	struct ipc c = {
		mib(net, MIB_IP_INRECEIVES), mib(net, MIB_IP_INHDRERRORS),
		mib(net, MIB_IP_INCSUMERRORS), mib(net, MIB_IP_INTRUNCATEDPKTS),
		mib(net, MIB_IP_INADDRERRORS), mib(net, MIB_IP_INNOROUTES),
		mib(net, MIB_IP_REASMREQDS), mib(net, MIB_IP_INUNKNOWNPROTOS),
		mib(net, MIB_IP_INDELIVERS),
	};
	return c;
}

static void expect_counters(struct net *net, struct ipc want)
{
	struct ipc got = counters(net);

	EXPECT_EQ(got.rcv, want.rcv);
	EXPECT_EQ(got.hdr, want.hdr);
	EXPECT_EQ(got.csum, want.csum);
	EXPECT_EQ(got.trunc, want.trunc);
	EXPECT_EQ(got.addr, want.addr);
	EXPECT_EQ(got.noroute, want.noroute);
	EXPECT_EQ(got.reasm, want.reasm);
	EXPECT_EQ(got.unk, want.unk);
	EXPECT_EQ(got.deliv, want.deliv);
}

/* An echo request of 8 data bytes from 10.77.0.2 to @dst. */
static size_t echo_frame(u8 *f, const u8 *eth_dst, const char *dst)
{
	u8 m[16];
	size_t ml = lower_icmp(m, 8, 0, 0x00070001, "pingdata", 8);

	return lower_ipv4(f, eth_dst, "10.77.0.2", dst, 1, m, ml);
}

/* The drop branches of ip_rcv, in 3.10's order, each with its counter. */
static void test_header_drops(void)
{
	struct test_stack *ts = lower_new(NULL);
	struct net *net = ts->net;
	u8 f[100];
	size_t n;

	STEP("frame for another MAC: dropped before InReceives");
	n = echo_frame(f, other_mac, "10.77.0.1");
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ 0 });
	STEP("10 bytes of IP: InHdrErrors");
	memcpy(f, ts_mac, 6);
	ts_inject(ts, f, 14 + 10);
	expect_counters(net, (struct ipc){ .rcv = 1, .hdr = 1 });
	STEP("version 6: InHdrErrors");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	f[14] = 0x65;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ .rcv = 2, .hdr = 2 });
	STEP("IHL 4: InHdrErrors");
	f[14] = 0x44;
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ .rcv = 3, .hdr = 3 });
	STEP("IHL 15 in a 36-byte packet: InHdrErrors");
	f[14] = 0x4f;
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ .rcv = 4, .hdr = 4 });
	STEP("bad checksum: InCsumErrors and InHdrErrors");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	f[25] ^= 0xff;
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ .rcv = 5, .hdr = 5, .csum = 1 });
	STEP("tot_len 37 > 36 bytes present: InTruncatedPkts");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	f[17] = 37;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ .rcv = 6, .hdr = 5, .csum = 1, .trunc = 1 });
	STEP("tot_len 19 < IHL*4: InHdrErrors");
	f[17] = 19;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(net, (struct ipc){ .rcv = 7, .hdr = 6, .csum = 1, .trunc = 1 });
	lower_free(ts);
}

#ifndef CS_NO_TRACE
/* The ip_rcv event's verdict and header, read from @f (a frame of @n
 * bytes) as the tracepoint reads them at drop: or at the return. */
static int rcv_verdict(const u8 *f, size_t n, u8 pkt_type, u8 *ihl_version)
{
	struct sk_buff *skb = alloc_skb(128);
	int v;

	skb_reset_network_header(skb);
	memcpy(skb_put(skb, (unsigned int)(n - 14)), f + 14, n - 14);
	skb->pkt_type = pkt_type;
	v = cs_tp_ip_rcv_verdict(skb);
	*ihl_version = cs_tp_ip_rcv_hdr(skb)->ihl_version;
	kfree_skb(skb);
	return v;
}

/* The verdict the trace reports for each frame test_header_drops sends
 * is the one its counters show (ip_rcv's checks, in its order), and the
 * header reads as zeros when there is none. */
static void test_trace_verdicts(void)
{
	u8 f[100], ihlv;
	size_t n;

	STEP("a good header: IP_PASS; for another host: IP_OTHERHOST, no header");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_PASS);
	EXPECT_EQ(ihlv, 0x45);
	EXPECT_EQ(rcv_verdict(f, n, PACKET_OTHERHOST, &ihlv), CS_TP_IP_OTHERHOST);
	EXPECT_EQ(ihlv, 0);
	STEP("10 bytes: IP_HDR_ERROR, no header");
	EXPECT_EQ(rcv_verdict(f, 14 + 10, PACKET_HOST, &ihlv), CS_TP_IP_HDR_ERROR);
	EXPECT_EQ(ihlv, 0);
	STEP("version 6, IHL 4, IHL 15 in 36 bytes: IP_HDR_ERROR");
	f[14] = 0x65;
	lower_ip_recsum(f);
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_HDR_ERROR);
	EXPECT_EQ(ihlv, 0x65);
	f[14] = 0x44;
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_HDR_ERROR);
	f[14] = 0x4f;
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_HDR_ERROR);
	STEP("bad checksum: IP_CSUM_ERROR");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	f[25] ^= 0xff;
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_CSUM_ERROR);
	STEP("tot_len 37 > 36: IP_TRUNCATED; tot_len 19: IP_HDR_ERROR");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	f[17] = 37;
	lower_ip_recsum(f);
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_TRUNCATED);
	f[17] = 19;
	lower_ip_recsum(f);
	EXPECT_EQ(rcv_verdict(f, n, PACKET_HOST, &ihlv), CS_TP_IP_HDR_ERROR);
}
#endif

/* Link padding is trimmed to tot_len: a 36-byte echo request in a 60-byte
 * frame is answered with 8 data bytes, not 32. */
static void test_padding(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100], out[200];
	size_t n;

	memset(f, 0xee, sizeof f);
	n = echo_frame(f, ts_mac, "10.77.0.1");
	EXPECT_EQ(n, 50);
	STEP("inject the 50-byte frame padded to 60");
	ts_inject(ts, f, 60);
	n = ts_take_ip(ts, out, sizeof out);
	EXPECT_EQ(n, 14 + 20 + 8 + 8);
	EXPECT_EQ(out[14 + 20], 0);			/* echo reply */
	EXPECT(memcmp(out + 14 + 28, "pingdata", 8) == 0);
	expect_counters(ts->net, (struct ipc){ .rcv = 1, .deliv = 1 });
	lower_free(ts);
}

/* Fragments (MF set, or an offset) are counted in ReasmReqds and dropped. */
static void test_fragments(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100], out[100];
	size_t n;

	STEP("MF set");
	n = echo_frame(f, ts_mac, "10.77.0.1");
	f[20] = 0x20;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	STEP("offset 8 bytes");
	f[20] = 0x00; f[21] = 0x01;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(ts->net, (struct ipc){ .rcv = 2, .reasm = 2 });
	EXPECT_EQ(ts_take(ts, out, sizeof out), 0);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INMSGS), 0);
	lower_free(ts);
}

/* Routing verdicts: another host of the subnet is dropped uncounted
 * (3.10.4 ip_error with error 0), an unroutable destination counts
 * InNoRoutes, martians are dropped uncounted; none is delivered. */
static void test_route_verdicts(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100];
	size_t n;

	STEP("to 10.77.0.7 with our MAC");
	ts_inject(ts, f, echo_frame(f, ts_mac, "10.77.0.7"));
	expect_counters(ts->net, (struct ipc){ .rcv = 1 });
	STEP("to 8.8.8.8: InNoRoutes");
	ts_inject(ts, f, echo_frame(f, ts_mac, "8.8.8.8"));
	expect_counters(ts->net, (struct ipc){ .rcv = 2, .noroute = 1 });
	STEP("from 127.0.0.1, and to 127.0.0.1: martians");
	n = lower_ipv4(f, ts_mac, "127.0.0.1", "10.77.0.1", 1, "12345678", 8);
	ts_inject(ts, f, n);
	n = lower_ipv4(f, ts_mac, "10.77.0.2", "127.0.0.1", 1, "12345678", 8);
	ts_inject(ts, f, n);
	expect_counters(ts->net, (struct ipc){ .rcv = 4, .noroute = 1 });
	EXPECT_EQ(mib(ts->net, MIB_ICMP_INMSGS), 0);
	lower_free(ts);
}

/* Options: NOPs pass; an option whose length runs past the header, or a
 * malformed source route, is a header error answered with an ICMP parameter
 * problem (3.10's ip_options_compile); a well-formed loose source route is
 * refused uncounted, but only after every option was checked. */
static void test_options(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[120], out[200], m[16];
	size_t ml = lower_icmp(m, 8, 0, 0x00070001, "pingdata", 8);
	size_t n;

	/* an IHL-6 header: 4 option bytes between the header and the payload */
	n = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 1, m, ml);
	memmove(f + 38, f + 34, ml);
	f[14] = 0x46;
	f[17] = (u8)(f[17] + 4);
	n += 4;
	STEP("four NOPs: delivered");
	memset(f + 34, 1, 4);
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	EXPECT(ts_take_ip(ts, out, sizeof out) > 0);
	STEP("option 7 of length 9 in 4 bytes: InHdrErrors, parameter problem at 20");
	f[34] = 7; f[35] = 9; f[36] = 4; f[37] = 0;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	EXPECT_EQ(ts_take_ip(ts, out, sizeof out), 14 + 20 + 8 + n - 14);
	EXPECT(out[14 + 20] == 12 && out[14 + 21] == 0);	/* parameter problem */
	EXPECT_EQ(out[14 + 24], 20);		/* ip_options_compile: pointer << 24 */
	EXPECT(memcmp(out + 14 + 28, f + 14, n - 14) == 0);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTPARMPROBS), 1);
	STEP("LSRR (0x83) of length 3: dropped");
	f[34] = 0x83; f[35] = 3; f[36] = 4; f[37] = 0;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(ts->net, (struct ipc){ .rcv = 3, .hdr = 1, .deliv = 1 });
	EXPECT_EQ(ts_take(ts, out, sizeof out), 0);
	STEP("LSRR with pointer 3: InHdrErrors, parameter problem at 22");
	f[36] = 3;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(ts->net, (struct ipc){ .rcv = 4, .hdr = 2, .deliv = 1 });
	EXPECT(ts_take_ip(ts, out, sizeof out) > 0);
	EXPECT_EQ(out[14 + 24], 22);
	STEP("a good LSRR, then a truncated option: InHdrErrors (all options checked first)");
	f[36] = 4; f[37] = 7;
	lower_ip_recsum(f);
	ts_inject(ts, f, n);
	expect_counters(ts->net, (struct ipc){ .rcv = 5, .hdr = 3, .deliv = 1 });
	EXPECT(ts_take_ip(ts, out, sizeof out) > 0);
	EXPECT_EQ(out[14 + 24], 23);
	EXPECT_EQ(mib(ts->net, MIB_ICMP_OUTPARMPROBS), 3);
	lower_free(ts);
}

/* Delivery: TCP to tcp_v4_rcv and ICMP to icmp_rcv count InDelivers; any
 * other protocol counts InUnknownProtos and gets an ICMP protocol
 * unreachable quoting it. */
static void test_delivery(void)
{
	struct test_stack *ts = lower_new(NULL);
	u8 f[100], out[200], tcp[20];
	size_t n, in;

	STEP("UDP (17) to us");
	in = lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 17, "udpudpud", 8);
	ts_inject(ts, f, in);
	expect_counters(ts->net, (struct ipc){ .rcv = 1, .unk = 1 });
	n = ts_take_ip(ts, out, sizeof out);
	EXPECT_EQ(n, 14 + 20 + 8 + 28);
	EXPECT_EQ(out[14 + 9], 1);			/* ICMP */
	EXPECT_EQ(out[14 + 1], 0xc0);			/* internetwork control */
	EXPECT(out[14 + 20] == 3 && out[14 + 21] == 2);	/* protocol unreachable */
	EXPECT(memcmp(out + 14 + 28, f + 14, 28) == 0);	/* quotes header + 8 */
	EXPECT_EQ(ts_inet_csum(out + 14 + 20, 8 + 28, 0), 0);
	STEP("a bare TCP header to us: InDelivers");
	memset(tcp, 0, sizeof tcp);
	tcp[12] = 0x50;
	ts_inject(ts, f, lower_ipv4(f, ts_mac, "10.77.0.2", "10.77.0.1", 6, tcp, 20));
	EXPECT_EQ(mib(ts->net, MIB_IP_INDELIVERS), 1);
	lower_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("ip_input", NULL, NULL);

	CU_add_test(s, "header drop branches and counters", test_header_drops);
#ifndef CS_NO_TRACE
	CU_add_test(s, "the ip_rcv event's verdict", test_trace_verdicts);
#endif
	CU_add_test(s, "padding trimmed", test_padding);
	CU_add_test(s, "fragments", test_fragments);
	CU_add_test(s, "routing verdicts", test_route_verdicts);
	CU_add_test(s, "options", test_options);
	CU_add_test(s, "delivery by protocol", test_delivery);
}
