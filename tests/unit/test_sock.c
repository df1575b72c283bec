// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_sock.c - core/sock.c and core/ip_sockglue.c: the socket lock and its
 * backlog, sock_error, the SOL_SOCKET options (SO_SNDTIMEO's conversions
 * and errors, SO_ERROR, buffer sizes, SO_LINGER) and the IP options that
 * change the SYN's IP header.
 */
#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"

/* A segment that arrives while the process owns the socket waits in the
 * backlog; release_sock runs it. */
static void test_backlog(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };

	rx_syn_sent(ts, &c);
	s.dport = c.sport;
	s.seq = c.peer_isn;
	s.ack = c.isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, 7, c.syn_tsval, 7);
	STEP("own the socket, inject the SYN-ACK");
	lock_sock(c.sk);
	rx_inject(ts, &s);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(c.sk->sk_backlog.qlen, 1);
	STEP("release_sock processes it");
	release_sock(c.sk);
	EXPECT_EQ(c.sk->sk_backlog.qlen, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* sock_error: fetch and clear, negated. */
static void test_sock_error(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	struct sock *sk = rx_sk(ts, fd);

	EXPECT_EQ(sock_error(sk), 0);
	sk->sk_err = ECONNREFUSED;
	EXPECT_EQ(sock_error(sk), -ECONNREFUSED);
	EXPECT_EQ(sk->sk_err, 0);
	STEP("SO_ERROR falls back to the soft error, each read once");
	sk->sk_err_soft = EHOSTUNREACH;
	EXPECT_EQ(rx_so_error(ts, fd), EHOSTUNREACH);
	EXPECT_EQ(rx_so_error(ts, fd), 0);
	ts_free(ts);
}

/* SO_SNDTIMEO: short buffer EINVAL, usec out of range EDOM, negative
 * seconds 0, {0,0} forever, else rounded up to jiffies; read back. */
static void test_sndtimeo(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	struct sock *sk = rx_sk(ts, fd);
	struct timeval tv = { 1, 1000000 };
	socklen_t l = sizeof(tv);

	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, 8), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), -1);
	EXPECT_EQ(errno, EDOM);
	tv = (struct timeval){ -5, 0 };
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), 0);
	EXPECT_EQ(sk->sk_sndtimeo, 0);
	tv = (struct timeval){ 0, 0 };
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), 0);
	EXPECT_EQ(sk->sk_sndtimeo, MAX_SCHEDULE_TIMEOUT);
	STEP("2.0005 s is 2001 jiffies (microseconds round up)");
	tv = (struct timeval){ 2, 500 };
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), 0);
	EXPECT_EQ(sk->sk_sndtimeo, 2001);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, &l), 0);
	EXPECT_EQ(tv.tv_sec, 2);
	EXPECT_EQ(tv.tv_usec, 1000);
	ts_free(ts);
}

/* SO_RCVBUF / SO_SNDBUF: capped at rmem_max/wmem_max, doubled, locked. */
static void test_bufsizes(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	struct sock *sk = rx_sk(ts, fd);
	int v = 10000;
	socklen_t l = sizeof(v);

	EXPECT_EQ(sk->sk_rcvbuf, 87380);	/* tcp_rmem[1] */
	EXPECT_EQ(sk->sk_sndbuf, 16384);	/* tcp_wmem[1] */
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	EXPECT_EQ(sk->sk_rcvbuf, 20000);
	EXPECT(sk->sk_userlocks & SOCK_RCVBUF_LOCK);
	v = 1 << 30;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	EXPECT_EQ(sk->sk_sndbuf, 2 * 212992);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_SNDBUF, &v, &l), 0);
	EXPECT_EQ(v, 2 * 212992);
	v = 1;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	EXPECT_EQ(sk->sk_rcvbuf, 2304);		/* SOCK_MIN_RCVBUF */
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_RCVBUF, &v, 2), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_RAW, 1, &v, sizeof(v)), -1);
	EXPECT_EQ(errno, ENOPROTOOPT);
	STEP("negative values: 3.10's min_t(u32) makes them the maximum (issue 12)");
	v = -1459548160;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	EXPECT_EQ(sk->sk_rcvbuf, 2 * 212992);
	v = -1;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	EXPECT_EQ(sk->sk_sndbuf, 2 * 212992);
	STEP("rmem_max INT_MAX: the doubling wraps as the kernel's u32 does");
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.core.rmem_max", "2147483647"), 0);
	v = 2147483647;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	EXPECT_EQ(sk->sk_rcvbuf, -2);
	ts_free(ts);
}

/* IP_TTL and IP_TOS reach the SYN's IP header; IP_MTU_DISCOVER DONT
 * clears DF. */
static void test_ip_options_on_syn(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int ttl = 17, tos = 0x28 | 3, dont = IP_PMTUDISC_DONT, bad = 0;
	struct rx_out o;

	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_IP, IP_TTL, &bad, sizeof(bad)), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)), 0);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)), 0);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_IP, IP_MTU_DISCOVER, &dont, sizeof(dont)), 0);
	EXPECT_EQ(rx_connect(ts, fd), EINPROGRESS);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.ttl, 17);
	EXPECT_EQ(o.tos, 0x28);		/* TCP keeps the ECN bits to itself */
	EXPECT_EQ(rx_get16(o.ip + 6) & 0x4000, 0);
	EXPECT(rx_csums_ok(&o));
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("sock.c, ip_sockglue.c", NULL, NULL);

	CU_add_test(s, "backlog while owned, run at release_sock", test_backlog);
	CU_add_test(s, "sock_error and SO_ERROR", test_sock_error);
	CU_add_test(s, "SO_SNDTIMEO conversions and errors", test_sndtimeo);
	CU_add_test(s, "SO_RCVBUF and SO_SNDBUF", test_bufsizes);
	CU_add_test(s, "IP_TTL, IP_TOS, IP_MTU_DISCOVER on the SYN", test_ip_options_on_syn);
}
