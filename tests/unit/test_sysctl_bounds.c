// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_sysctl_bounds.c - every value the sysctls accept is safe (issue 12):
 * the extreme tcp_adv_win_scale, tcp_rmem and tcp_base_mss settings the
 * review found hanging, dividing by zero or overflowing, each through a
 * connect on the loop NIC; then a sweep of every numeric knob at its
 * bounds, -1, 0 and 1 (each value it accepts), set before the stack starts
 * and on a live one, through a connect, a close, TIME-WAIT and every timer.
 * Run under UBSan (make SAN=1) any undefined behaviour aborts it; a
 * wall-clock alarm turns a hang into a failure.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <limits.h>
#include "harness.h"
#include "rx_test_util.h"
#include "clock.h"
#include "nic.h"
#include "sysctl_table.h"
#include "timer.h"

#define WATCHDOG_S 60		/* per test, and per knob value in the sweep */

static char watch_what[160] = "?";

static void watchdog(int sig)
{
	static const char msg[] = "test_sysctl_bounds: hang (watchdog) at ";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0 ||
	    write(2, watch_what, strnlen(watch_what, sizeof(watch_what))) < 0)
		_exit(3);
	_exit(3);
}

static void watch(const char *what)
{
	snprintf(watch_what, sizeof(watch_what), "%s\n", what);
	alarm(WATCHDOG_S);
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

/* ---- the sweep: every numeric knob at its bounds ---------------------- */

/* A stack on the loop NIC as ts_new makes it, but NULL (not a failed
 * assertion) when cs_net_new refuses the setting. */
static struct test_stack *sweep_stack(const char *kv)
{
	const char *sysctls[] = { "connscope.fixed_secrets=1", kv, NULL };
	struct test_stack *ts = calloc(1, sizeof(*ts));
	struct cs_net_config cfg = { .prefixlen = 24, .no_softirq_thread = 1 };

	harness_reset_steps();
	ts->nic = nic_loop_new("loop0", ts_mac, 1500);
	ts->clock = cs_clock_virtual_new(1000ULL * 1000000000ULL, 1767225600ULL * 1000000000ULL);
	inet_pton(AF_INET, TS_ADDR, &cfg.addr);
	cfg.clock = ts->clock;
	cfg.sysctls = kv ? sysctls : NULL;
	ts->net = cs_net_new(ts->nic, &cfg);
	if (!ts->net) {
		nic_destroy(ts->nic);
		cs_clock_free(ts->clock);
		free(ts);
		return NULL;
	}
	return ts;
}

/* Jump the virtual clock to each pending timer in turn (at most @n, and
 * at most an hour of virtual time), answering nothing. */
static void run_timers_out(struct test_stack *ts, int n)
{
	unsigned long exp, now, start = net_jiffies(ts->net);
	struct rx_out o;

	while (n-- > 0 && ts->net->timer_count) {
		now = net_jiffies(ts->net);
		exp = get_next_timer_interrupt(ts->net, now);
		if (now - start > 3600UL * HZ)
			break;
		ts_advance_ms(ts, time_after(exp, now) ? exp - now : 1);
		while (rx_take(ts, &o))
			;
	}
}

static int sweep_established;	/* connects that reached ESTABLISHED */

/* One connect through @ts: SYN, SYN-ACK, ACK, our FIN, the peer's FIN and
 * ACK, TIME-WAIT, every timer run.  @live_kv is set once established (as
 * a write to /proc/sys on a running system would be).  Any errno is fine;
 * what must not happen is a hang, a crash or undefined behaviour. */
static void sweep_connect(struct test_stack *ts, const char *live_kv)
{
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };
	struct rx_conn c;
	struct rx_out o;
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int err;

	if (fd < 0)
		return;
	err = rx_connect(ts, fd);
	if (err == EINPROGRESS && rx_take(ts, &c.syn) && c.syn.flags == 0x02) {
		s.dport = c.syn.sport;
		s.seq = 0x50000000;
		s.ack = c.syn.seq + 1;
		s.optlen = rx_synack_opts(opt, 1460, 1, rx_get32(c.syn.th + 28), 7);
		rx_inject(ts, &s);
		while (rx_take(ts, &o))
			;
		if (rx_sk(ts, fd)->sk_state == TCP_ESTABLISHED)
			sweep_established++;
	}
	if (live_kv)
		cs_sysctl_set_kv(ts->net, live_kv);
	cs_close(ts->net, fd);
	if (err == EINPROGRESS && rx_take(ts, &o) && (o.flags & 0x01)) {
		struct rx_seg f = { .dport = o.sport, .seq = o.ack, .ack = o.seq + 1,
				    .flags = 0x11, .window = 29200 };

		rx_inject(ts, &f);
	}
	run_timers_out(ts, 200);
}

/* The values to try for @t: its bounds, -1, 0, 1, and the int (or u32)
 * limits when it has none.  Returns how many were written to @v. */
static int sweep_values(const struct ctl_table *t, long long *v)
{
	bool u = t->proc_handler == cs_sysctl_douintvec_minmax;
	int n = 0;

	v[n++] = t->extra1 ? *t->extra1 : (u ? 0 : INT_MIN);
	v[n++] = t->extra2 ? *t->extra2 : (u ? UINT_MAX : INT_MAX);
	v[n++] = -1;
	v[n++] = 0;
	v[n++] = 1;
	if (t->extra1)
		v[n++] = *t->extra1 - 1;
	if (t->extra2)
		v[n++] = *t->extra2 + 1;
	return n;
}

static void sweep_one(const char *kv, int *tried)
{
	struct test_stack *ts;

	if (cs_sysctl_check(kv, NULL, 0) < 0)
		return;		/* refused: nothing to run */
	watch(kv);
	STEP("%s before the stack starts", kv);
	ts = sweep_stack(kv);
	if (ts) {
		sweep_connect(ts, NULL);
		ts_free(ts);
	}
	STEP("%s on a live stack", kv);
	ts = sweep_stack(NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	sweep_connect(ts, kv);
	ts_free(ts);
	(*tried)++;
}

/* Every numeric knob at each value it accepts among its bounds, -1, 0, 1
 * (an int vector takes the value in every slot; the port range its ends). */
static void test_sweep(void)
{
	static const char *const ranges[] = { "1 1", "1 65535", "65535 65535", "61000 32768" };
	int tried = 0;

	for (size_t i = 0; i < ctl_table_count; i++) {
		const struct ctl_table *t = &ctl_table[i];
		long long v[8];
		char kv[200];
		int n;

		if (t->proc_handler != proc_dointvec && t->proc_handler != proc_dointvec_minmax &&
		    t->proc_handler != cs_sysctl_douintvec_minmax)
			continue;
		n = sweep_values(t, v);
		for (int j = 0; j < n; j++) {
			if (t->maxlen == 3 * (int)sizeof(int))
				snprintf(kv, sizeof(kv), "%s=%lld %lld %lld", t->procname, v[j], v[j], v[j]);
			else
				snprintf(kv, sizeof(kv), "%s=%lld", t->procname, v[j]);
			sweep_one(kv, &tried);
		}
	}
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		char kv[80];

		snprintf(kv, sizeof(kv), "net.ipv4.ip_local_port_range=%s", ranges[i]);
		sweep_one(kv, &tried);
	}
	STEP("%d accepted values ran, %d connects of %d established", tried,
	     sweep_established, 2 * tried);
	EXPECT(tried > 100);
	EXPECT(sweep_established > tried);
	printf("\n    sweep: %d accepted values, %d of %d connects established ", tried,
	       sweep_established, 2 * tried);
}

static void test_watch_reset(void)
{
	alarm(0);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("sysctl_bounds", NULL, NULL);

	signal(SIGALRM, watchdog);
	watch("the issue 12 cases");
	CU_add_test(s, "tcp_adv_win_scale -18, -21, -31", test_adv_win_scale_low);
	CU_add_test(s, "zero receive space: window 0, no division", test_zero_receive_space);
	CU_add_test(s, "tcp_base_mss at the int limits", test_base_mss_extreme);
	CU_add_test(s, "every numeric knob at its bounds through a connect", test_sweep);
	CU_add_test(s, "watchdog off", test_watch_reset);
}
