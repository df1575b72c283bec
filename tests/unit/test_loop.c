// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_loop.c - the in-memory NIC (nic/loop.c): FIFO receive and transmit
 * queues, truncation to the caller's buffer, the responder hook (called
 * with no lock held, so it may inject), wait and wake.
 */
#include <string.h>
#include "harness.h"
#include "nic.h"

static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };

static void test_queues(void)
{
	struct nic *nic = nic_loop_new("t0", mac, 1500);
	uint8_t buf[16];

	STEP("identity");
	EXPECT(strcmp(nic->name, "t0") == 0);
	EXPECT_EQ(nic->ifindex, 2);
	EXPECT_EQ(nic->mtu, 1500);
	EXPECT(memcmp(nic->mac, mac, 6) == 0);
	STEP("inject a, bb; recv returns them in order, then 0");
	nic_loop_inject(nic, "a", 1);
	nic_loop_inject(nic, "bb", 2);
	EXPECT_EQ(nic_recv(nic, buf, sizeof buf), 1);
	EXPECT_EQ(buf[0], 'a');
	EXPECT_EQ(nic_recv(nic, buf, sizeof buf), 2);
	EXPECT(memcmp(buf, "bb", 2) == 0);
	EXPECT_EQ(nic_recv(nic, buf, sizeof buf), 0);
	STEP("xmit x, yyy; pending 2; take in order; a short buffer truncates");
	EXPECT_EQ(nic_xmit(nic, "x", 1), 0);
	EXPECT_EQ(nic_xmit(nic, "yyy", 3), 0);
	EXPECT_EQ(nic_loop_pending(nic), 2);
	EXPECT_EQ(nic_loop_take(nic, buf, sizeof buf), 1);
	EXPECT_EQ(nic_loop_take(nic, buf, 2), 2);
	EXPECT(memcmp(buf, "yy", 2) == 0);
	EXPECT_EQ(nic_loop_pending(nic), 0);
	EXPECT_EQ(nic_loop_take(nic, buf, sizeof buf), 0);
	STEP("frames left in the queues are freed with the NIC");
	nic_loop_inject(nic, "left", 4);
	nic_xmit(nic, "over", 4);
	nic_destroy(nic);
}

static int responder_calls;

/* Answers each transmitted frame by injecting it back, reversed. */
static void echo_back(struct nic *nic, const void *frame, size_t len, void *arg)
{
	uint8_t r[16];

	for (size_t i = 0; i < len; i++)
		r[i] = ((const uint8_t *)frame)[len - 1 - i];
	responder_calls += *(int *)arg;
	nic_loop_inject(nic, r, len);
}

static void test_responder(void)
{
	struct nic *nic = nic_loop_new("t0", mac, 1500);
	int one = 1;
	uint8_t buf[16];

	responder_calls = 0;
	nic_loop_set_responder(nic, echo_back, &one);
	STEP("xmit abc: the responder injects cba");
	nic_xmit(nic, "abc", 3);
	EXPECT_EQ(responder_calls, 1);
	EXPECT_EQ(nic_recv(nic, buf, sizeof buf), 3);
	EXPECT(memcmp(buf, "cba", 3) == 0);
	EXPECT_EQ(nic_loop_pending(nic), 1);
	STEP("responder removed");
	nic_loop_set_responder(nic, NULL, NULL);
	nic_xmit(nic, "d", 1);
	EXPECT_EQ(responder_calls, 1);
	nic_destroy(nic);
}

/* wait: > 0 at once when a frame is queued or after wake(); 0 when the
 * timeout (0 ms here) passes with neither. */
static void test_wait_wake(void)
{
	struct nic *nic = nic_loop_new("t0", mac, 1500);

	STEP("nothing queued, timeout 0");
	EXPECT_EQ(nic->ops->wait(nic, 0), 0);
	STEP("a frame queued");
	nic_loop_inject(nic, "z", 1);
	EXPECT(nic->ops->wait(nic, 1000) > 0);
	STEP("woken: one wait returns, the next does not");
	nic_recv(nic, (uint8_t[4]){ 0 }, 4);
	nic->ops->wake(nic);
	EXPECT(nic->ops->wait(nic, 1000) > 0);
	EXPECT_EQ(nic->ops->wait(nic, 0), 0);
	nic_destroy(nic);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("loop NIC", NULL, NULL);

	CU_add_test(s, "queues", test_queues);
	CU_add_test(s, "responder", test_responder);
	CU_add_test(s, "wait and wake", test_wait_wake);
}
