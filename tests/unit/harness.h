/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * harness.h - CUnit runner and script-style helpers shared by the unit tests.
 *
 * A test is a script of steps: STEP("inject SYN-ACK seq=%u", x) records what
 * the test is doing; EXPECT(cond) / EXPECT_EQ(a, b) check an expectation and,
 * when one fails, print every step run so far before reporting to CUnit.
 *
 * Each test file defines `void register_tests(void)` (adding its suite(s))
 * and gets main() from harness.c.
 */
#ifndef CS_TEST_HARNESS_H
#define CS_TEST_HARNESS_H

#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stddef.h>

struct net;
struct nic;
struct cs_clock;

void register_tests(void);

void harness_step(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void harness_fail(const char *file, int line, const char *what);
void harness_reset_steps(void);

#define STEP(...) harness_step(__FILE__, __LINE__, __VA_ARGS__)

#define EXPECT(cond) do {						\
	int ok_ = !!(cond);						\
	if (!ok_) harness_fail(__FILE__, __LINE__, #cond);		\
	CU_ASSERT(ok_);							\
} while (0)

#define EXPECT_EQ(a, b) do {						\
	long long va_ = (long long)(a), vb_ = (long long)(b);		\
	if (va_ != vb_) {						\
		char m_[256];						\
		snprintf(m_, sizeof m_, "%s == %s (got %lld, want %lld)", \
			 #a, #b, va_, vb_);				\
		harness_fail(__FILE__, __LINE__, m_);			\
	}								\
	CU_ASSERT_EQUAL(va_, vb_);					\
} while (0)

/* A stack on the loop NIC with a virtual clock and fixed secrets, driven by
 * the test thread (no softirq thread).  Address 10.77.0.1/24, MAC
 * 02:00:00:00:00:01, MTU 1500, gateway none unless set. */
struct test_stack {
	struct net *net;
	struct nic *nic;
	struct cs_clock *clock;
};
#define TS_ADDR "10.77.0.1"
#define TS_PEER "10.77.0.2"
extern const uint8_t ts_mac[6];
extern const uint8_t ts_peer_mac[6];

/* Create a stack; "key=value" sysctls (NULL-terminated list) are applied
 * before the tables are built.  NULL means {"connscope.fixed_secrets=1"};
 * a test passing its own list should include that line for reproducible
 * ports and ISNs. */
struct test_stack *ts_new(const char *const *sysctls);
/* The same with a default route via @gateway (dotted, on the subnet). */
struct test_stack *ts_new_gw(const char *const *sysctls, const char *gateway);
void ts_free(struct test_stack *ts);
/* Run the stack's softirq work (frames in, expired timers). */
int ts_poll(struct test_stack *ts);
/* Advance the virtual clock by ms and run the softirq work. */
void ts_advance_ms(struct test_stack *ts, unsigned long ms);
/* Take the next frame the stack sent (0 if none). */
size_t ts_take(struct test_stack *ts, uint8_t *buf, size_t len);
/* Take frames until one with IPv4 (not ARP) is found; answers ARP requests
 * for TS_PEER with ts_peer_mac along the way.  Returns its length or 0. */
size_t ts_take_ip(struct test_stack *ts, uint8_t *buf, size_t len);
/* Inject a frame for the stack to receive, then poll. */
void ts_inject(struct test_stack *ts, const void *frame, size_t len);
/* Make a sockaddr_in from dotted address and host-order port. */
struct sockaddr_in ts_sin(const char *addr, unsigned short port);

/* Independent Internet checksum (RFC 1071), for checking frames. */
uint16_t ts_inet_csum(const void *data, size_t len, uint32_t seed);
/* TCP checksum over the pseudo-header of an IPv4 packet starting at ip;
 * returns 0 when the packet's checksum is correct. */
uint16_t ts_tcp_csum_check(const uint8_t *ip);

#endif
