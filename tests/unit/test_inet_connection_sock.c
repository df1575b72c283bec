// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_inet_connection_sock.c - core/inet_connection_sock.c: the port
 * range and reserved ports, bind() of an explicit port with and without
 * SO_REUSEADDR / SO_REUSEPORT, addresses and devices, inet_csk_bind_conflict
 * with and without relax, the port-0 search (free port, reserved ports, a
 * full range, the least-shared fallback, SO_REUSEPORT sharing), and the
 * retransmit / delayed-ACK timer helpers.
 */
#include "hash_test_util.h"

/* The range and the reserved bitmap come from the sysctls. */
static void test_port_range_reserved(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int low, high;

	inet_get_local_port_range(net, &low, &high);
	EXPECT_EQ(low, 32768);
	EXPECT_EQ(high, 61000);
	EXPECT_EQ(cs_sysctl_set(net, "net.ipv4.ip_local_port_range", "1024 2048"), 0);
	inet_get_local_port_range(net, &low, &high);
	EXPECT_EQ(low, 1024);
	EXPECT_EQ(high, 2048);
	EXPECT_EQ(inet_is_reserved_local_port(net, 100), 0);
	EXPECT_EQ(cs_sysctl_set(net, "net.ipv4.ip_local_reserved_ports", "100,200-202,65535"), 0);
	EXPECT_EQ(inet_is_reserved_local_port(net, 100), 1);
	EXPECT_EQ(inet_is_reserved_local_port(net, 101), 0);
	EXPECT_EQ(inet_is_reserved_local_port(net, 200), 1);
	EXPECT_EQ(inet_is_reserved_local_port(net, 202), 1);
	EXPECT_EQ(inet_is_reserved_local_port(net, 203), 0);
	EXPECT_EQ(inet_is_reserved_local_port(net, 65535), 1);
	EXPECT_EQ(inet_is_reserved_local_port(net, 65536), 0);
	ts_free(ts);
}

/* Two plain sockets cannot share a port; two SO_REUSEADDR sockets can
 * (fast path, fastreuse 1), unless the first one listens (listen clears
 * fastreuse, and a listener always conflicts); two SO_REUSEPORT sockets
 * can; SO_REUSEPORT on one side only cannot. */
static void test_explicit_reuse(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int a, b;

	STEP("plain / plain");
	a = hu_socket(ts), b = hu_socket(ts);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 50000), 0);
	EXPECT_EQ(hu_bucket(net, 50000)->fastreuse, 0);
	EXPECT_EQ(hu_bucket(net, 50000)->fastreuseport, 0);
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 50000), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	EXPECT_EQ(inet_sk(hu_sk(ts, b))->inet_num, 0);

	STEP("SO_REUSEADDR / SO_REUSEADDR");
	a = hu_socket(ts), b = hu_socket(ts);
	hu_setopt(ts, a, SO_REUSEADDR, 1);
	hu_setopt(ts, b, SO_REUSEADDR, 1);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 50001), 0);
	EXPECT_EQ(hu_bucket(net, 50001)->fastreuse, 1);
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 50001), 0);
	EXPECT_EQ(hu_bucket(net, 50001)->num_owners, 2);

	STEP("SO_REUSEADDR, the first one listening");
	a = hu_socket(ts), b = hu_socket(ts);
	hu_setopt(ts, a, SO_REUSEADDR, 1);
	hu_setopt(ts, b, SO_REUSEADDR, 1);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 50002), 0);
	EXPECT_EQ(cs_listen(net, a, 5), 0);
	EXPECT_EQ(hu_bucket(net, 50002)->fastreuse, 0);
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 50002), -1);
	EXPECT_EQ(errno, EADDRINUSE);

	STEP("SO_REUSEPORT / SO_REUSEPORT");
	a = hu_socket(ts), b = hu_socket(ts);
	hu_setopt(ts, a, SO_REUSEPORT, 1);
	hu_setopt(ts, b, SO_REUSEPORT, 1);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 50003), 0);
	EXPECT_EQ(hu_bucket(net, 50003)->fastreuseport, 1);
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 50003), 0);

	STEP("SO_REUSEPORT on the first only");
	a = hu_socket(ts), b = hu_socket(ts);
	hu_setopt(ts, a, SO_REUSEPORT, 1);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 50004), 0);
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 50004), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	STEP("SK_FORCE_REUSE joins regardless and leaves the flags alone");
	hu_sk(ts, b)->sk_reuse = 2;
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 50004), 0);
	EXPECT_EQ(hu_bucket(net, 50004)->num_owners, 2);
	EXPECT_EQ(hu_bucket(net, 50004)->fastreuseport, 1);
	ts_free(ts);
}

/* Different specific addresses never conflict; a wildcard overlaps all.
 * Sockets bound to different devices never conflict; one bound to none
 * overlaps all. */
static void test_explicit_addr_dev(void)
{
	struct test_stack *ts = ts_new(NULL);
	int a = hu_socket(ts), b = hu_socket(ts), c = hu_socket(ts);
	int d = hu_socket(ts), e = hu_socket(ts), f = hu_socket(ts);

	STEP("10.77.0.1 and 127.0.0.1 share 50010; 0.0.0.0 does not");
	EXPECT_EQ(hu_bind(ts, a, TS_ADDR, 50010), 0);
	EXPECT_EQ(hu_bind(ts, b, "127.0.0.1", 50010), 0);
	EXPECT_EQ(hu_bind(ts, c, "0.0.0.0", 50010), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	STEP("a plain owner on another address clears fastreuse / fastreuseport");
	a = hu_socket(ts), b = hu_socket(ts);
	hu_setopt(ts, a, SO_REUSEADDR, 1);
	hu_setopt(ts, a, SO_REUSEPORT, 1);
	EXPECT_EQ(hu_bind(ts, a, TS_ADDR, 50012), 0);
	EXPECT_EQ(hu_bucket(ts->net, 50012)->fastreuse, 1);
	EXPECT_EQ(hu_bucket(ts->net, 50012)->fastreuseport, 1);
	EXPECT_EQ(hu_bind(ts, b, "127.0.0.1", 50012), 0);
	EXPECT_EQ(hu_bucket(ts->net, 50012)->fastreuse, 0);
	EXPECT_EQ(hu_bucket(ts->net, 50012)->fastreuseport, 0);
	EXPECT_EQ(hu_bucket(ts->net, 50012)->num_owners, 2);
	STEP("devices 3 and 4 share 50011; no device does not");
	hu_sk(ts, d)->sk_bound_dev_if = 3;
	hu_sk(ts, e)->sk_bound_dev_if = 4;
	EXPECT_EQ(hu_bind(ts, d, "0.0.0.0", 50011), 0);
	EXPECT_EQ(hu_bind(ts, e, "0.0.0.0", 50011), 0);
	EXPECT_EQ(hu_bind(ts, f, "0.0.0.0", 50011), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	ts_free(ts);
}

/* inet_csk_bind_conflict: a socket never conflicts with itself; two
 * SO_REUSEADDR sockets conflict only without relax (the port-0 search's
 * strict test); without SO_REUSEADDR on the newcomer they always do. */
static void test_bind_conflict_relax(void)
{
	struct test_stack *ts = ts_new(NULL);
	int a = hu_socket(ts), b = hu_socket(ts);
	struct sock *sa = hu_sk(ts, a), *sb = hu_sk(ts, b);
	struct inet_bind_bucket *tb;

	hu_setopt(ts, a, SO_REUSEADDR, 1);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 50020), 0);
	tb = hu_bucket(ts->net, 50020);
	EXPECT_EQ(inet_csk_bind_conflict(sa, tb, false), 0);
	STEP("B without SO_REUSEADDR");
	EXPECT_EQ(inet_csk_bind_conflict(sb, tb, true), 1);
	EXPECT_EQ(inet_csk_bind_conflict(sb, tb, false), 1);
	STEP("B with SO_REUSEADDR");
	sb->sk_reuse = 1;
	EXPECT_EQ(inet_csk_bind_conflict(sb, tb, true), 0);
	EXPECT_EQ(inet_csk_bind_conflict(sb, tb, false), 1);
	STEP("B on another address: never");
	inet_sk(sb)->inet_rcv_saddr = inet_addr("127.0.0.1");
	inet_sk(sa)->inet_rcv_saddr = inet_addr(TS_ADDR);
	EXPECT_EQ(inet_csk_bind_conflict(sb, tb, false), 0);
	inet_sk(sa)->inet_rcv_saddr = 0;
	inet_sk(sb)->inet_rcv_saddr = 0;
	STEP("A listening: conflicts even with relax");
	sa->sk_state = TCP_LISTEN;
	EXPECT_EQ(inet_csk_bind_conflict(sb, tb, true), 1);
	sa->sk_state = TCP_CLOSE;
	ts_free(ts);
}

/* Port 0 takes the one free port of the range, skips reserved ports, and
 * fails (EADDRINUSE) when every port is taken. */
static void test_port_zero_free(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40003", NULL };
	struct test_stack *ts = ts_new(kv);
	struct net *net = ts->net;
	int fd;

	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 40000), 0);
	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 40001), 0);
	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 40003), 0);
	STEP("bind(0) with 40002 free");
	fd = hu_socket(ts);
	EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", 0), 0);
	EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, 40002);
	EXPECT_EQ(ntohs(inet_sk(hu_sk(ts, fd))->inet_sport), 40002);
	EXPECT_EQ(hu_bucket(net, 40002)->fastreuse, 0);
	EXPECT_EQ(hu_sk(ts, fd)->sk_userlocks & SOCK_BINDPORT_LOCK, 0);
	STEP("bind(0) with the range full");
	fd = hu_socket(ts);
	EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", 0), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	ts_free(ts);

	const char *const kv2[] = { "connscope.fixed_secrets=1",
				    "net.ipv4.ip_local_port_range=40000 40003",
				    "net.ipv4.ip_local_reserved_ports=40000-40001", NULL };
	ts = ts_new(kv2);
	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 40002), 0);
	STEP("bind(0) with 40000-40001 reserved, 40002 taken");
	fd = hu_socket(ts);
	EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", 0), 0);
	EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, 40003);
	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 0), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	STEP("an explicit bind to a reserved port is allowed");
	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 40000), 0);
	ts_free(ts);
}

/* Port 0 with SO_REUSEADDR and every port taken by SO_REUSEADDR owners:
 * the strict test refuses them all, and the least shared port is taken. */
static void test_port_zero_smallest(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40003", NULL };
	struct test_stack *ts = ts_new(kv);
	static const unsigned short ports[] = { 40000, 40000, 40001, 40001, 40002, 40003, 40003 };
	int fd;

	for (size_t k = 0; k < sizeof(ports) / sizeof(ports[0]); k++) {
		fd = hu_socket(ts);
		hu_setopt(ts, fd, SO_REUSEADDR, 1);
		EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", ports[k]), 0);
	}
	STEP("bind(0), SO_REUSEADDR: 40002 has the fewest owners");
	fd = hu_socket(ts);
	hu_setopt(ts, fd, SO_REUSEADDR, 1);
	EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", 0), 0);
	EXPECT_EQ(inet_sk(hu_sk(ts, fd))->inet_num, 40002);
	EXPECT_EQ(hu_bucket(ts->net, 40002)->num_owners, 2);
	EXPECT_EQ(hu_bucket(ts->net, 40002)->fastreuse, 1);
	STEP("without SO_REUSEADDR nothing is shared");
	EXPECT_EQ(hu_bind(ts, hu_socket(ts), "0.0.0.0", 0), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	ts_free(ts);
}

/* Port 0 with SO_REUSEPORT and every port held by SO_REUSEPORT owners of
 * our uid: the first port looked at is shared. */
static void test_port_zero_reuseport(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40003", NULL };
	struct test_stack *ts = ts_new(kv);
	int fd;
	unsigned short port;

	for (unsigned short p = 40000; p <= 40003; p++) {
		fd = hu_socket(ts);
		hu_setopt(ts, fd, SO_REUSEPORT, 1);
		EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", p), 0);
	}
	fd = hu_socket(ts);
	hu_setopt(ts, fd, SO_REUSEPORT, 1);
	EXPECT_EQ(hu_bind(ts, fd, "0.0.0.0", 0), 0);
	port = inet_sk(hu_sk(ts, fd))->inet_num;
	STEP("took %u", port);
	EXPECT(port >= 40000 && port <= 40003);
	EXPECT_EQ(hu_bucket(ts->net, port)->num_owners, 2);
	EXPECT_EQ(hu_bucket(ts->net, port)->fastreuseport, 1);
	ts_free(ts);
}

/* Port 0, SO_REUSEPORT, the one port of the range shared with a plain
 * owner that joined by SK_FORCE_REUSE (flags untouched, fastreuseport
 * still 1): the search settles on that port, the relaxed test still
 * conflicts, the search is retried five times, then EADDRINUSE. */
static void test_port_zero_retry(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40000", NULL };
	struct test_stack *ts = ts_new(kv);
	int a = hu_socket(ts), b = hu_socket(ts), c = hu_socket(ts);

	hu_setopt(ts, a, SO_REUSEPORT, 1);
	EXPECT_EQ(hu_bind(ts, a, "0.0.0.0", 40000), 0);
	hu_sk(ts, b)->sk_reuse = 2;
	EXPECT_EQ(hu_bind(ts, b, "0.0.0.0", 40000), 0);
	EXPECT_EQ(hu_bucket(ts->net, 40000)->fastreuseport, 1);
	hu_setopt(ts, c, SO_REUSEPORT, 1);
	EXPECT_EQ(hu_bind(ts, c, "0.0.0.0", 0), -1);
	EXPECT_EQ(errno, EADDRINUSE);
	EXPECT_EQ(inet_sk(hu_sk(ts, c))->inet_num, 0);
	EXPECT_EQ(hu_bucket(ts->net, 40000)->num_owners, 2);
	ts_free(ts);
}

/* RETRANS / PROBE0 arm the retransmit timer at now + when (clamped to
 * max_when) and record the event; DACK arms the delayed-ACK timer; clear
 * forgets the event but leaves the timer armed, as 3.10 does. */
static void test_xmit_timers(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sock *sk = hu_sk(ts, hu_socket(ts));
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = net_jiffies(ts->net);

	STEP("RETRANS 3000");
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, 3000, TCP_RTO_MAX);
	EXPECT_EQ(icsk->icsk_pending, ICSK_TIME_RETRANS);
	EXPECT_EQ(icsk->icsk_timeout, now + 3000);
	EXPECT(timer_pending(&icsk->icsk_retransmit_timer));
	EXPECT_EQ(icsk->icsk_retransmit_timer.expires, now + 3000);
	STEP("RETRANS 200 s, clamped to 120 s");
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, 200000, TCP_RTO_MAX);
	EXPECT_EQ(icsk->icsk_timeout, now + TCP_RTO_MAX);
	EXPECT_EQ(icsk->icsk_retransmit_timer.expires, now + TCP_RTO_MAX);
	STEP("PROBE0");
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0, 500, TCP_RTO_MAX);
	EXPECT_EQ(icsk->icsk_pending, ICSK_TIME_PROBE0);
	EXPECT_EQ(icsk->icsk_retransmit_timer.expires, now + 500);
	STEP("clear PROBE0: the event goes, the timer stays");
	inet_csk_clear_xmit_timer(sk, ICSK_TIME_PROBE0);
	EXPECT_EQ(icsk->icsk_pending, 0);
	EXPECT(timer_pending(&icsk->icsk_retransmit_timer));
	STEP("DACK 40");
	EXPECT(!timer_pending(&icsk->icsk_delack_timer));
	icsk->icsk_ack.pending = ICSK_ACK_SCHED;
	icsk->icsk_ack.blocked = 1;
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_DACK, 40, TCP_DELACK_MAX);
	EXPECT_EQ(icsk->icsk_ack.pending, ICSK_ACK_SCHED | ICSK_ACK_TIMER);
	EXPECT_EQ(icsk->icsk_ack.timeout, now + 40);
	EXPECT_EQ(icsk->icsk_delack_timer.expires, now + 40);
	EXPECT_EQ(icsk->icsk_pending, 0);
	STEP("clear DACK");
	inet_csk_clear_xmit_timer(sk, ICSK_TIME_DACK);
	EXPECT_EQ(icsk->icsk_ack.pending, 0);
	EXPECT_EQ(icsk->icsk_ack.blocked, 0);
	STEP("an unknown event changes nothing");
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_KEEPOPEN, 10, TCP_RTO_MAX);
	EXPECT_EQ(icsk->icsk_pending, 0);
	EXPECT_EQ(icsk->icsk_ack.pending, 0);
	EXPECT_EQ(icsk->icsk_retransmit_timer.expires, now + 500);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("inet_connection_sock", NULL, NULL);

	CU_add_test(s, "port range and reserved ports", test_port_range_reserved);
	CU_add_test(s, "explicit port: SO_REUSEADDR / SO_REUSEPORT", test_explicit_reuse);
	CU_add_test(s, "explicit port: addresses and devices", test_explicit_addr_dev);
	CU_add_test(s, "inet_csk_bind_conflict relax", test_bind_conflict_relax);
	CU_add_test(s, "port 0: free, reserved, full", test_port_zero_free);
	CU_add_test(s, "port 0: least shared SO_REUSEADDR port", test_port_zero_smallest);
	CU_add_test(s, "port 0: SO_REUSEPORT", test_port_zero_reuseport);
	CU_add_test(s, "port 0: retried search", test_port_zero_retry);
	CU_add_test(s, "xmit timers", test_xmit_timers);
}
