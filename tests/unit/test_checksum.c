// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_checksum.c - the Internet checksum helpers (core/checksum.c) against
 * published vectors and the harness's independent RFC 1071 routine.
 */
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "ip.h"

/* RFC 1071 section 3 example: the words 0001 f203 f4f5 f6f7 sum to ddf2,
 * so the checksum is its complement 220d. */
static void test_rfc1071_vector(void)
{
	const u8 buf[8] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	u16 c;
	u8 out[2];

	STEP("fold the partial sum of the RFC 1071 example");
	c = csum_fold(csum_partial(buf, sizeof buf, 0));
	memcpy(out, &c, 2);
	EXPECT_EQ(out[0], 0x22);
	EXPECT_EQ(out[1], 0x0d);
}

/* An odd length pads the last byte with a zero byte on its right. */
static void test_odd_length(void)
{
	const u8 buf[3] = { 0x12, 0x34, 0x56 };
	u16 c;

	STEP("checksum of 12 34 56: 0x1234 + 0x5600 = 0x6834 -> ~ = 0x97cb");
	c = csum_fold(csum_partial(buf, 3, 0));
	EXPECT_EQ(ntohs(c), 0x97cb);
	EXPECT_EQ(ntohs(c), ts_inet_csum(buf, 3, 0));
}

/* A header with its checksum in place checks to zero; with the field
 * zeroed, ip_fast_csum computes the published value. */
static void test_ip_header(void)
{
	u8 h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		     0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	u16 c;

	STEP("header with check b861 verifies");
	EXPECT_EQ(ip_fast_csum(h, 5), 0);
	STEP("recompute with the field zeroed");
	h[10] = h[11] = 0;
	c = ip_fast_csum(h, 5);
	EXPECT_EQ(ntohs(c), 0xb861);
	STEP("a flipped bit no longer verifies");
	memcpy(h + 10, &c, 2);
	h[8] ^= 1;
	EXPECT(ip_fast_csum(h, 5) != 0);
}

/* csum_tcpudp_nofold over a segment gives the same checksum as the
 * harness's independent pseudo-header routine. */
static void test_pseudo_header(void)
{
	u8 pkt[20 + 21];
	__be32 s = inet_addr("10.77.0.1"), d = inet_addr("10.77.0.2");
	u16 c;

	memset(pkt, 0, sizeof pkt);
	pkt[0] = 0x45;
	pkt[3] = sizeof pkt;
	pkt[9] = 6;
	memcpy(pkt + 12, &s, 4);
	memcpy(pkt + 16, &d, 4);
	for (unsigned i = 20; i < sizeof pkt; i++)
		pkt[i] = (u8)(i * 7);
	pkt[20 + 16] = pkt[20 + 17] = 0;
	STEP("TCP checksum over 21 bytes via csum_tcpudp_nofold");
	c = csum_fold(csum_tcpudp_nofold(s, d, 21, 6, csum_partial(pkt + 20, 21, 0)));
	memcpy(pkt + 20 + 16, &c, 2);
	EXPECT_EQ(ts_tcp_csum_check(pkt), 0);
	STEP("partial sums chained over an even split equal one sum");
	EXPECT_EQ(csum_fold(csum_partial(pkt + 20, 10, csum_partial(pkt + 30, 11, 0))),
		  csum_fold(csum_partial(pkt + 20, 21, 0)));
	STEP("a sum near 0xffffffff still folds with end-around carry");
	EXPECT_EQ(csum_fold(0xffffffffU), 0);
	EXPECT_EQ(csum_fold(0x0001fffeU), 0);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("checksum", NULL, NULL);

	CU_add_test(s, "RFC 1071 example", test_rfc1071_vector);
	CU_add_test(s, "odd length", test_odd_length);
	CU_add_test(s, "IPv4 header checksum", test_ip_header);
	CU_add_test(s, "TCP pseudo-header", test_pseudo_header);
}
