// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_tcp_timer.c - core/tcp_timer.c: when the SYN is repeated and when
 * the connect gives up, from 3.10's retransmits_timed_out written out here:
 * with rto_base = 1 s and thresh = ilog2(120) = 6, retries n give up after
 * (2^(n+1) - 1) s for n <= 6, and (2^7 - 1) + (n - 6) * 120 s beyond, the
 * RTO doubling from 1 s and capped at 120 s.
 */
#include <errno.h>
#include <stdio.h>
#include "harness.h"
#include "rx_test_util.h"

static unsigned long give_up_ms(unsigned int n)
{
	return n <= 6 ? ((2ul << n) - 1) * 1000 : (127ul + (n - 6) * 120ul) * 1000;
}

/* Drive a silent connect with tcp_syn_retries = @n (or TCP_SYNCNT when
 * @use_syncnt): the SYN at each RTO (1, 2, 4 ... capped at 120 s), and
 * ETIMEDOUT exactly at give_up_ms(n). */
static void run_silence(unsigned int n, int use_syncnt)
{
	char kv[64];
	const char *sysctls[] = { "connscope.fixed_secrets=1", kv, NULL };
	struct test_stack *ts;
	unsigned long now = 0, next = 0, rto = 1000;
	unsigned int sent = 0;
	struct rx_conn c;
	struct rx_out o;

	snprintf(kv, sizeof(kv), "net.ipv4.tcp_syn_retries=%u", use_syncnt ? 1 : n);
	ts = ts_new(sysctls);
	if (use_syncnt) {
		int v = (int)n;

		memset(&c, 0, sizeof(c));
		c.fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		EXPECT_EQ(cs_setsockopt(ts->net, c.fd, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)), 0);
		c.sk = rx_sk(ts, c.fd);
		EXPECT_EQ(rx_connect(ts, c.fd), EINPROGRESS);
		EXPECT(rx_take(ts, &c.syn) > 0);
		c.isn = c.syn.seq;
	} else {
		rx_syn_sent(ts, &c);
	}
	for (;;) {
		next += rto;
		if (next >= give_up_ms(n))
			break;
		STEP("n=%u: the SYN again at %lu ms", n, next);
		ts_advance_ms(ts, next - now - 1);
		EXPECT_EQ(rx_take(ts, &o), 0);
		ts_advance_ms(ts, 1);
		now = next;
		EXPECT(rx_take(ts, &o) > 0);
		EXPECT_EQ(o.seq, c.isn);
		sent++;
		rto = rto * 2 > 120000 ? 120000 : rto * 2;
	}
	EXPECT_EQ(sent, n);
	EXPECT_EQ(rx_mib(ts, "RetransSegs"), n);
	STEP("n=%u: alive 1 ms before %lu ms", n, give_up_ms(n));
	ts_advance_ms(ts, give_up_ms(n) - now - 1);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	ts_advance_ms(ts, 1);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_so_error(ts, c.fd), ETIMEDOUT);
	EXPECT_EQ(rx_mib(ts, "TCPTimeouts"), 1);
	ts_free(ts);
}

static void test_boundaries(void)
{
	for (unsigned int n = 1; n <= 4; n++)
		run_silence(n, 0);
}

/* Beyond thresh the boundary grows by TCP_RTO_MAX per retry:
 * 8 retries give up at 127 + 2 * 120 = 367 s. */
static void test_linear_part(void)
{
	run_silence(8, 0);
}

/* TCP_SYNCNT overrides tcp_syn_retries (which is 1 here). */
static void test_syncnt(void)
{
	run_silence(3, 1);
}

/* A soft error recorded earlier (an ICMP error while the socket was owned)
 * wins over ETIMEDOUT in tcp_write_err. */
static void test_soft_error_wins(void)
{
	static const char *const one[] = { "connscope.fixed_secrets=1",
					   "net.ipv4.tcp_syn_retries=1", NULL };
	struct test_stack *ts = ts_new(one);
	struct rx_conn c;

	rx_syn_sent(ts, &c);
	c.sk->sk_err_soft = EHOSTUNREACH;
	ts_advance_ms(ts, 1000);
	ts_advance_ms(ts, 2000);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_connect(ts, c.fd), EHOSTUNREACH);
	ts_free(ts);
}

/* The RTO fires while a process owns the socket: the work is deferred to
 * release_sock (tcp_release_cb), then the SYN goes out. */
static void test_deferred_while_owned(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_syn_sent(ts, &c);
	lock_sock(c.sk);
	ts_advance_ms(ts, 1000);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "RetransSegs"), 0);
	release_sock(c.sk);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.seq, c.isn);
	EXPECT_EQ(rx_mib(ts, "RetransSegs"), 1);
	ts_free(ts);
}

/* Every RTO enters loss first (3.10 tcp_enter_loss ->
 * tcp_clear_retrans_partial), so retrans_out counts the SYN once however
 * often it was repeated, and the SYN-ACK brings it back to 0. */
static void test_retrans_out_once(void)
{
	static const char *const f[] = { "connscope.fixed_secrets=1", NULL };
	struct test_stack *ts = ts_new(f);
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };
	struct rx_conn c;
	struct rx_out o;

	rx_syn_sent(ts, &c);
	ts_advance_ms(ts, 1000);
	EXPECT(rx_take(ts, &o) > 0);
	ts_advance_ms(ts, 2000);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(rx_mib(ts, "RetransSegs"), 2);
	EXPECT_EQ(tcp_sk(c.sk)->retrans_out, 1);
	EXPECT_EQ(tcp_sk(c.sk)->total_retrans, 2);
	s.dport = c.sport;
	s.seq = c.peer_isn;
	s.ack = c.isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, 1, 0, 7);
	rx_inject(ts, &s);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(tcp_sk(c.sk)->retrans_out, 0);
	EXPECT_EQ(tcp_sk(c.sk)->packets_out, 0);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* A closed socket whose FIN is never acknowledged (an orphan in FIN_WAIT1)
 * gives up after tcp_orphan_retries = 8 retransmissions (3.10: default
 * tcp_orphan_retries 0 means 8 while the RTO is below TCP_RTO_MAX), not
 * after tcp_retries2 = 15: 8 <= ilog2(120 s / 200 ms) = 9, so the limit is
 * (2^9 - 1) * 200 ms = 102.2 s from the first retransmission.  The RTO
 * starts near 200 ms (RTT 0 on the virtual clock) and doubles, so the
 * eighth retransmission comes ~51 s after the first, the ninth RTO ~102.5 s
 * after it, past the limit. */
static void test_orphan_retries(void)
{
	static const char *const f[] = { "connscope.fixed_secrets=1", NULL };
	struct test_stack *ts = ts_new(f);
	struct rx_conn c;
	struct rx_out o;
	unsigned int fins = 0;

	rx_established(ts, &c, 1000);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x11);
	for (int ms = 0; ms < 200000; ms += 100) {
		ts_advance_ms(ts, 100);
		while (rx_take(ts, &o) > 0)
			fins += (o.flags & 0x01) != 0;
	}
	EXPECT_EQ(fins, 8);
	EXPECT_EQ(rx_mib(ts, "RetransSegs"), 8);
	EXPECT_EQ(rx_mib(ts, "TCPAbortOnTimeout"), 1);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp_timer.c", NULL, NULL);

	CU_add_test(s, "SYN retries 1..4: every RTO and the give-up time", test_boundaries);
	CU_add_test(s, "SYN retries 8: RTO capped, linear boundary", test_linear_part);
	CU_add_test(s, "TCP_SYNCNT overrides tcp_syn_retries", test_syncnt);
	CU_add_test(s, "tcp_write_err: soft error wins", test_soft_error_wins);
	CU_add_test(s, "timer deferred while the socket is owned", test_deferred_while_owned);
	CU_add_test(s, "RTO: retrans_out counts the SYN once", test_retrans_out_once);
	CU_add_test(s, "orphan: gives up after tcp_orphan_retries (8)", test_orphan_retries);
}
