// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_af_inet.c - core/af_inet.c: every case of __inet_stream_connect
 * (AF_UNSPEC, EISCONN, EALREADY, EINPROGRESS, the wait with SO_SNDTIMEO,
 * an interrupted wait, the sock_error path), inet_bind and inet_listen.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"
#include "rx_test_util.h"

/* Borrow the struct socket behind a descriptor (the test's view of the
 * kernel's state); the reference is dropped at once, the table keeps it. */
static struct socket *sock_of(struct test_stack *ts, int fd)
{
	int err, put;
	struct socket *sock = sockfd_lookup_light(ts->net, fd, &err, &put);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sock);
	fput_light(sock, put);
	return sock;
}

static int connect_to(struct test_stack *ts, int fd, const char *addr, int port)
{
	struct sockaddr_in sin = ts_sin(addr, (unsigned short)port);

	return cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin));
}

/* Non-blocking: EINPROGRESS, then EALREADY while SYN_SENT. */
static void test_einprogress_ealready(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	STEP("first connect");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(sock_of(ts, fd)->state, SS_CONNECTING);
	EXPECT_EQ(sock_of(ts, fd)->sk->sk_state, TCP_SYN_SENT);
	STEP("second connect while SYN_SENT");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EALREADY);
	STEP("a different destination: still EALREADY (the address is not looked at)");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 81), -1);
	EXPECT_EQ(errno, EALREADY);
	ts_free(ts);
}

/* addr_len < sizeof(sa_family_t) is EINVAL before anything else. */
static void test_short_addr(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&sin, 1), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(sock_of(ts, fd)->state, SS_UNCONNECTED);
	ts_free(ts);
}

/* AF_UNSPEC: disconnect from any state.  From SYN_SENT the socket goes
 * back to CLOSE and SS_UNCONNECTED, gives its port back, and keeps
 * write_seq + max_window + 2 so that the next connect draws no new ISN. */
static void test_af_unspec(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sock *sk = sock_of(ts, fd)->sk;
	uint32_t isn;

	STEP("AF_UNSPEC on a fresh socket: 0");
	EXPECT_EQ(cs_connect(ts->net, fd, &unspec, sizeof(unspec)), 0);
	EXPECT_EQ(sock_of(ts, fd)->state, SS_UNCONNECTED);
	STEP("connect, then AF_UNSPEC from SYN_SENT");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	isn = tcp_sk(sk)->write_seq - 1;
	EXPECT_EQ(cs_connect(ts->net, fd, &unspec, sizeof(unspec)), 0);
	EXPECT_EQ(sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(sock_of(ts, fd)->state, SS_UNCONNECTED);
	EXPECT(sk_unhashed(sk));
	EXPECT(inet_csk(sk)->icsk_bind_hash == NULL);
	EXPECT_EQ(sk->sk_err, ECONNRESET);
	EXPECT_EQ(tcp_sk(sk)->write_seq, isn + 1 + 0 + 2);
	STEP("connect again: EINPROGRESS, SYN seq = old ISN + 3");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(tcp_sk(sk)->write_seq, isn + 3 + 1);
	ts_free(ts);
}

/* SS_UNCONNECTED with a sock not in CLOSE (a listener): EISCONN. */
static void test_listener_eisconn(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in me = ts_sin(TS_ADDR, 8080);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);

	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&me, sizeof(me)), 0);
	EXPECT_EQ(cs_listen(ts->net, fd, 5), 0);
	EXPECT_EQ(sock_of(ts, fd)->sk->sk_state, TCP_LISTEN);
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EISCONN);
	ts_free(ts);
}

/* An unknown socket state (SS_DISCONNECTING) is EINVAL. */
static void test_bad_state_einval(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);

	sock_of(ts, fd)->state = SS_DISCONNECTING;
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EINVAL);
	ts_free(ts);
}

/*
 * The sock_error path: the handshake dies (TCP_SYNCNT=1: the SYN is sent
 * at 0 s and 1 s, the timeout is at 3 s); the next connect reports the
 * socket's error once (ETIMEDOUT) and leaves it SS_UNCONNECTED.  When
 * SO_ERROR already consumed the error, connect says ECONNABORTED.
 */
static void test_sock_error_path(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1, err = -1;
	socklen_t len = sizeof(err);
	uint8_t frame[1600];

	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &one, sizeof(one)), 0);
	STEP("connect (the peer answers ARP), then 3 s of silence");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT(ts_take_ip(ts, frame, sizeof(frame)) > 0);
	ts_advance_ms(ts, 1000);
	ts_advance_ms(ts, 2000);
	EXPECT_EQ(sock_of(ts, fd)->sk->sk_state, TCP_CLOSE);
	STEP("connect reports ETIMEDOUT");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, ETIMEDOUT);
	EXPECT_EQ(sock_of(ts, fd)->state, SS_UNCONNECTED);
	STEP("a new attempt starts from scratch");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT(ts_take_ip(ts, frame, sizeof(frame)) > 0);
	ts_advance_ms(ts, 1000);
	ts_advance_ms(ts, 2000);
	STEP("SO_ERROR takes the error first");
	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, ETIMEDOUT);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	EXPECT_EQ(err, 0);
	STEP("then connect has no error to give: ECONNABORTED");
	EXPECT_EQ(connect_to(ts, fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, ECONNABORTED);
	ts_free(ts);
}

struct bg_connect {
	struct test_stack *ts;
	int fd, ret, err;
	volatile int done;
};

static void *bg_connect_fn(void *arg)
{
	struct bg_connect *b = arg;

	b->ret = connect_to(b->ts, b->fd, TS_PEER, 80);
	b->err = errno;
	b->done = 1;
	return NULL;
}

/* Wait until the background connect sleeps in inet_wait_for_connect
 * (the socket is SYN_SENT and no longer owned). */
static void wait_sleeping(struct test_stack *ts, struct bg_connect *b)
{
	struct sock *sk = sock_of(ts, b->fd)->sk;

	for (int i = 0; i < 5000 && !b->done; i++) {
		if (sk->sk_state == TCP_SYN_SENT && !sk->sk_lock.owned)
			return;
		struct timespec t = { 0, 1000000 };
		nanosleep(&t, NULL);
	}
}

/* A blocking connect with SO_SNDTIMEO: when the time runs out during the
 * handshake, 3.10 returns EINPROGRESS (the error set before the wait). */
static void test_sndtimeo_expiry(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };
	struct bg_connect b = { .ts = ts };
	pthread_t th;

	b.fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	EXPECT_EQ(cs_setsockopt(ts->net, b.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), 0);
	STEP("blocking connect in a thread");
	pthread_create(&th, NULL, bg_connect_fn, &b);
	wait_sleeping(ts, &b);
	STEP("advance the clock past 100 ms");
	for (int i = 0; i < 500 && !b.done; i++) {
		ts_advance_ms(ts, 50);
		struct timespec t = { 0, 2000000 };
		nanosleep(&t, NULL);
	}
	pthread_join(th, NULL);
	EXPECT_EQ(b.ret, -1);
	EXPECT_EQ(b.err, EINPROGRESS);
	EXPECT_EQ(sock_of(ts, b.fd)->state, SS_CONNECTING);
	ts_free(ts);
}

/* A signal during the wait (cs_interrupt): sock_intr_errno gives
 * ERESTARTSYS with no timeout, which the caller sees as EINTR. */
static void test_interrupted_wait(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct bg_connect b = { .ts = ts };
	pthread_t th;

	b.fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	pthread_create(&th, NULL, bg_connect_fn, &b);
	wait_sleeping(ts, &b);
	STEP("interrupt the sleeping connect");
	EXPECT_EQ(cs_interrupt(ts->net, b.fd), 0);
	pthread_join(th, NULL);
	EXPECT_EQ(b.ret, -1);
	EXPECT_EQ(b.err, EINTR);
	STEP("restarting the call: SS_CONNECTING, so EALREADY (non-blocking)");
	EXPECT_EQ(cs_fcntl(ts->net, b.fd, F_SETFL, O_NONBLOCK), 0);
	EXPECT_EQ(connect_to(ts, b.fd, TS_PEER, 80), -1);
	EXPECT_EQ(errno, EALREADY);
	ts_free(ts);
}

/* sock_intr_errno itself: EINTR when a timeout was set. */
static void test_sock_intr_errno(void)
{
	EXPECT_EQ(sock_intr_errno(MAX_SCHEDULE_TIMEOUT), -ERESTARTSYS);
	EXPECT_EQ(sock_intr_errno(1000), -EINTR);
}

/* inet_bind: length, family, non-local address, double bind. */
static void test_inet_bind(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in me = ts_sin(TS_ADDR, 5000), other = ts_sin("10.77.0.9", 5000);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);

	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&me, 8), -1);
	EXPECT_EQ(errno, EINVAL);
	me.sin_family = AF_INET6;
	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&me, sizeof(me)), -1);
	EXPECT_EQ(errno, EAFNOSUPPORT);
	me.sin_family = AF_INET;
	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&other, sizeof(other)), -1);
	EXPECT_EQ(errno, EADDRNOTAVAIL);
	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&me, sizeof(me)), 0);
	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&me, sizeof(me)), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT(sock_of(ts, fd)->sk->sk_userlocks & SOCK_BINDPORT_LOCK);
	EXPECT(sock_of(ts, fd)->sk->sk_userlocks & SOCK_BINDADDR_LOCK);
	ts_free(ts);
}

/* inet_bind and inet_addr_type (3.10): the subnet's broadcast address and
 * a multicast address may be bound (RTN_BROADCAST, RTN_MULTICAST); then
 * rcv_saddr is that address and saddr 0 (the device's address is used). */
static void test_inet_bind_bcast_mcast(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in bc = ts_sin("10.77.0.255", 5001), mc = ts_sin("224.0.0.1", 5002);
	struct sockaddr_in lo = ts_sin("127.0.0.5", 5003);
	int fd1 = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	int fd2 = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	int fd3 = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	const struct inet_sock *inet;

	STEP("subnet broadcast 10.77.0.255: bound, saddr 0");
	EXPECT_EQ(cs_bind(ts->net, fd1, (struct sockaddr *)&bc, sizeof(bc)), 0);
	inet = inet_sk(sock_of(ts, fd1)->sk);
	EXPECT_EQ(inet->inet_rcv_saddr, bc.sin_addr.s_addr);
	EXPECT_EQ(inet->inet_saddr, 0);
	STEP("multicast 224.0.0.1: bound, saddr 0");
	EXPECT_EQ(cs_bind(ts->net, fd2, (struct sockaddr *)&mc, sizeof(mc)), 0);
	inet = inet_sk(sock_of(ts, fd2)->sk);
	EXPECT_EQ(inet->inet_rcv_saddr, mc.sin_addr.s_addr);
	EXPECT_EQ(inet->inet_saddr, 0);
	STEP("loopback 127.0.0.5 (RTN_LOCAL): bound, saddr kept");
	EXPECT_EQ(cs_bind(ts->net, fd3, (struct sockaddr *)&lo, sizeof(lo)), 0);
	EXPECT_EQ(inet_sk(sock_of(ts, fd3)->sk)->inet_saddr, lo.sin_addr.s_addr);
	cs_close(ts->net, fd1);
	cs_close(ts->net, fd2);
	cs_close(ts->net, fd3);
	ts_free(ts);
}

/* Non-blocking, after the SYN-ACK: the first connect() returns 0 and
 * marks the socket SS_CONNECTED (3.10), the next one says EISCONN. */
static void test_connected_then_eisconn(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;

	STEP("EINPROGRESS, SYN-ACK, then connect() again: 0");
	rx_established(ts, &c, 1000);	/* its last step: connect() == 0 */
	EXPECT_EQ(sock_of(ts, c.fd)->state, SS_CONNECTED);
	STEP("once more: EISCONN");
	EXPECT_EQ(rx_connect(ts, c.fd), EISCONN);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("af_inet.c", NULL, NULL);

	CU_add_test(s, "EINPROGRESS then EALREADY", test_einprogress_ealready);
	CU_add_test(s, "addr_len < 2: EINVAL", test_short_addr);
	CU_add_test(s, "0 after the handshake, then EISCONN", test_connected_then_eisconn);
	CU_add_test(s, "AF_UNSPEC disconnect", test_af_unspec);
	CU_add_test(s, "listener: EISCONN", test_listener_eisconn);
	CU_add_test(s, "SS_DISCONNECTING: EINVAL", test_bad_state_einval);
	CU_add_test(s, "sock_error path: ETIMEDOUT then ECONNABORTED", test_sock_error_path);
	CU_add_test(s, "SO_SNDTIMEO expiry: EINPROGRESS", test_sndtimeo_expiry);
	CU_add_test(s, "interrupted wait: EINTR", test_interrupted_wait);
	CU_add_test(s, "sock_intr_errno", test_sock_intr_errno);
	CU_add_test(s, "inet_bind checks", test_inet_bind);
	CU_add_test(s, "inet_bind: broadcast and multicast addresses", test_inet_bind_bcast_mcast);
}
