// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_sysctl_bounds.c - every value the sysctls accept is safe (issue 12):
 * the extreme tcp_adv_win_scale, tcp_rmem and tcp_base_mss settings the
 * review found hanging, dividing by zero or overflowing, each through a
 * connect on the loop NIC.  A wall-clock alarm turns a hang into a failure.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"

#define WATCHDOG_S 60

static void watchdog(int sig)
{
	static const char msg[] = "test_sysctl_bounds: hang (watchdog)\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

/* Answer the SYN of @c with a SYN-ACK; wscale < 0 leaves WS out (a peer
 * with tcp_window_scaling=0). */
static void answer_syn(struct test_stack *ts, struct rx_conn *c, int wscale)
{
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };

	s.dport = c->sport;
	s.seq = c->peer_isn;
	s.ack = c->isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, 0x11223344u, c->syn_tsval, wscale);
	rx_inject(ts, &s);
}

/* tcp_adv_win_scale -21 (tcp_fixup_rcvbuf, 3.10's u32 compare ends the
 * loop when the int wraps) and -31: the handshake completes. */
static void test_adv_win_scale_low(void)
{
	static const char *const v[] = { "-18", "-21", "-31" };

	for (unsigned int i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char kv[64];
		const char *sysctls[] = { "connscope.fixed_secrets=1", kv, NULL };
		struct test_stack *ts;
		struct rx_conn c;

		snprintf(kv, sizeof(kv), "net.ipv4.tcp_adv_win_scale=%s", v[i]);
		STEP("%s: connect, SYN-ACK, ESTABLISHED", kv);
		ts = ts_new(sysctls);
		rx_syn_sent(ts, &c);
		answer_syn(ts, &c, 7);
		EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
		rx_abort_on_close(ts, c.fd);
		ts_free(ts);
	}
}

/* A zero receive space (tcp_rmem 1 1 1, scale -1) against a peer without
 * window scaling: __tcp_select_window offers 0 instead of dividing by 0,
 * on the handshake's ACK and again at close. */
static void test_zero_receive_space(void)
{
	const char *sysctls[] = { "connscope.fixed_secrets=1", "net.ipv4.tcp_rmem=1 1 1",
				  "net.ipv4.tcp_adv_win_scale=-1", NULL };
	struct test_stack *ts = ts_new(sysctls);
	struct rx_conn c;
	struct rx_out o;

	STEP("connect, SYN-ACK without WS: ESTABLISHED, the ACK offers window 0");
	rx_syn_sent(ts, &c);
	answer_syn(ts, &c, -1);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.window, 0);
	STEP("scale -17 on the live stack, close: a FIN with window 0");
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.tcp_adv_win_scale", "-17"), 0);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT(o.flags & 0x01);
	EXPECT_EQ(o.window, 0);
	ts_free(ts);
}

/* tcp_base_mss near INT_MAX (and INT_MIN) with tcp_mtu_probing=2:
 * tcp_mss_to_mtu wraps as the kernel's int does, and the MSS falls to
 * the 48-byte floor of tcp_sync_mss as in 3.10. */
static void test_base_mss_extreme(void)
{
	static const char *const v[] = { "2147483647", "2147483600", "-2147483648" };

	for (unsigned int i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char kv[64];
		const char *sysctls[] = { "connscope.fixed_secrets=1", "net.ipv4.tcp_mtu_probing=2",
					  kv, NULL };
		struct test_stack *ts;
		struct rx_conn c;

		snprintf(kv, sizeof(kv), "net.ipv4.tcp_base_mss=%s", v[i]);
		STEP("%s: connect, SYN-ACK, ESTABLISHED", kv);
		ts = ts_new(sysctls);
		rx_syn_sent(ts, &c);
		answer_syn(ts, &c, 7);
		EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
		rx_abort_on_close(ts, c.fd);
		ts_free(ts);
	}
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("sysctl_bounds", NULL, NULL);

	signal(SIGALRM, watchdog);
	alarm(WATCHDOG_S);
	CU_add_test(s, "tcp_adv_win_scale -18, -21, -31", test_adv_win_scale_low);
	CU_add_test(s, "zero receive space: window 0, no division", test_zero_receive_space);
	CU_add_test(s, "tcp_base_mss at the int limits", test_base_mss_extreme);
}
