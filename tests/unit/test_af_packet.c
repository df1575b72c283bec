// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_af_packet.c - the AF_PACKET NIC's classic BPF filter
 * (nic_af_packet_filter), run by the kernel on an AF_UNIX datagram socket:
 * a filter attached there sees each datagram as the packet, so the
 * program that guards the ring is tested without a network.  ARP and IPv4
 * for the stack pass, IPv4 for another host and other ethertypes do not,
 * and an IPv4 frame too short to carry a destination passes (the stack
 * counts it in InHdrErrors, as 3.10 does).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/filter.h>
#include "harness.h"
#include "nic.h"

struct filtered {
	int tx, rx;
};

static void filtered_open(struct filtered *f, uint32_t stack_addr_be)
{
	struct sock_filter code[AFP_FILTER_LEN];
	struct sock_fprog prog = { .len = AFP_FILTER_LEN, .filter = code };
	int sv[2] = { -1, -1 };

	nic_af_packet_filter(stack_addr_be, code);
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv), 0);
	EXPECT_EQ(setsockopt(sv[1], SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)), 0);
	f->tx = sv[0];
	f->rx = sv[1];
}

/* Send a frame of @len bytes with ethertype @type and IPv4 destination
 * @daddr (where it fits); true when it came through the filter whole. */
static bool passes(struct filtered *f, size_t len, uint16_t type, const char *daddr)
{
	uint8_t frame[64] = { 0 }, back[64];
	struct in_addr a;
	ssize_t n;

	frame[12] = (uint8_t)(type >> 8);
	frame[13] = (uint8_t)type;
	frame[14] = 0x45;
	inet_pton(AF_INET, daddr, &a);
	memcpy(frame + 30, &a, 4);
	if (send(f->tx, frame, len, 0) != (ssize_t)len)
		return false;
	n = recv(f->rx, back, sizeof(back), 0);
	return n == (ssize_t)len && !memcmp(back, frame, len);
}

static void test_filter(void)
{
	struct filtered f;

	filtered_open(&f, inet_addr("10.77.0.1"));
	STEP("IPv4 for the stack, ARP: accepted");
	EXPECT(passes(&f, 54, 0x0800, "10.77.0.1"));
	EXPECT(passes(&f, 34, 0x0800, "10.77.0.1"));
	EXPECT(passes(&f, 42, 0x0806, "10.77.0.2"));
	STEP("IPv4 for another host, IPv6, a runt: dropped");
	EXPECT(!passes(&f, 54, 0x0800, "10.77.0.2"));
	EXPECT(!passes(&f, 34, 0x0800, "10.77.0.3"));
	EXPECT(!passes(&f, 54, 0x86dd, "10.77.0.1"));
	EXPECT(!passes(&f, 13, 0x0800, "10.77.0.1"));
	STEP("IPv4 shorter than 34 bytes (no full destination): accepted");
	EXPECT(passes(&f, 33, 0x0800, "10.77.0.2"));
	EXPECT(passes(&f, 30, 0x0800, "10.77.0.2"));
	EXPECT(passes(&f, 14, 0x0800, "10.77.0.2"));
	close(f.tx);
	close(f.rx);
	STEP("stack address 0: every IPv4 frame");
	filtered_open(&f, 0);
	EXPECT(passes(&f, 54, 0x0800, "10.77.0.2"));
	EXPECT(!passes(&f, 54, 0x86dd, "10.77.0.1"));
	close(f.tx);
	close(f.rx);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("af_packet filter", NULL, NULL);

	CU_add_test(s, "BPF filter: ARP, IPv4 for the stack, short IPv4", test_filter);
}
