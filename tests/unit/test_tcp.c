// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_tcp.c - core/tcp.c: tcp_set_state's counters and table effects,
 * tcp_close in each state that a connect meets, SO_LINGER {1, 0}, tcp_poll
 * masks, and the TCP socket options.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"

/* CLOSE -> SYN_SENT -> ESTABLISHED -> CLOSE: CurrEstab up then down,
 * EstabResets once (leaving ESTABLISHED for CLOSE). */
static void test_set_state_counters(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;

	STEP("connect and establish");
	rx_established(ts, &c, 1000);
	EXPECT_EQ(rx_mib(ts, "CurrEstab"), 1);
	EXPECT_EQ(rx_mib(ts, "EstabResets"), 0);
	STEP("tcp_set_state(CLOSE) from ESTABLISHED");
	lock_sock(c.sk);
	tcp_set_state(c.sk, TCP_CLOSE);
	release_sock(c.sk);
	EXPECT_EQ(rx_mib(ts, "CurrEstab"), 0);
	EXPECT_EQ(rx_mib(ts, "EstabResets"), 1);
	EXPECT(sk_unhashed(c.sk));
	EXPECT(inet_csk(c.sk)->icsk_bind_hash == NULL);
	ts_free(ts);
}

/* tcp_set_state(CLOSE) keeps a port the user bound (SOCK_BINDPORT_LOCK). */
static void test_set_state_keeps_bound_port(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in me = ts_sin(TS_ADDR, 45000);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sock *sk = rx_sk(ts, fd);

	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&me, sizeof(me)), 0);
	EXPECT_EQ(rx_connect(ts, fd), EINPROGRESS);
	EXPECT(sk_hashed(sk));
	lock_sock(sk);
	tcp_set_state(sk, TCP_CLOSE);
	release_sock(sk);
	EXPECT(sk_unhashed(sk));
	CU_ASSERT_PTR_NOT_NULL_FATAL(inet_csk(sk)->icsk_bind_hash);
	EXPECT_EQ(inet_csk(sk)->icsk_bind_hash->port, 45000);
	ts_free(ts);
}

/* close() in SYN_SENT: CLOSE, unhashed, the bucket destroyed, no RST on
 * the wire; a SYN-ACK arriving afterwards is answered with a RST. */
static void test_close_syn_sent(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_hashinfo *h = &ts->net->tcp_hashinfo;
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };
	unsigned int b;

	rx_syn_sent(ts, &c);
	b = inet_bhashfn(ts->net, c.sport, h->bhash_size);
	EXPECT(!hlist_empty(&h->bhash[b].chain));
	STEP("close the SYN_SENT socket");
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(hlist_empty(&h->bhash[b].chain));
	EXPECT_EQ(ts_take(ts, o.f, sizeof(o.f)), 0);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 0);
	STEP("the SYN-ACK comes late: RST with seq = its ack");
	s.dport = c.sport;
	s.seq = c.peer_isn;
	s.ack = c.isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, 5, c.syn_tsval, 7);
	rx_inject(ts, &s);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x04);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 1);
	ts_free(ts);
}

/* SO_LINGER {1, 0} on an established socket: close sends a RST instead of
 * a FIN and the socket is gone (TCPAbortOnData as in 3.10's tcp_close). */
static void test_close_linger_zero(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct linger l = { 1, 0 };
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, 1000);
	EXPECT_EQ(cs_setsockopt(ts->net, c.fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
	STEP("close with linger 0");
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags & 0x04, 0x04);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT_EQ(rx_mib(ts, "TCPAbortOnData"), 1);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	ts_free(ts);
}

/* close() in ESTABLISHED: FIN (FIN_WAIT1), no RST. */
static void test_close_established_fin(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, 1000);
	sock_hold(c.sk);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x11);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT_EQ(c.sk->sk_state, TCP_FIN_WAIT1);
	EXPECT(sock_flag(c.sk, SOCK_DEAD));
	sock_put(c.sk);
	ts_free(ts);
}

/* tcp_poll: nothing in SYN_SENT, POLLOUT when established, and after a
 * refused connect POLLOUT|POLLERR|POLLHUP until SO_ERROR is read. */
static void test_poll_masks(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct pollfd p;
	struct rx_seg rst = { .flags = 0x14 };

	rx_syn_sent(ts, &c);
	p = (struct pollfd){ .fd = c.fd, .events = POLLIN | POLLOUT };
	EXPECT_EQ(cs_poll(ts->net, &p, 1, 0), 0);
	EXPECT_EQ(p.revents, 0);
	STEP("RST+ACK: refused");
	rst.dport = c.sport;
	rst.ack = c.isn + 1;
	rx_inject(ts, &rst);
	EXPECT_EQ(cs_poll(ts->net, &p, 1, 0), 1);
	EXPECT_EQ(p.revents & (POLLOUT | POLLERR | POLLHUP), POLLOUT | POLLERR | POLLHUP);
	EXPECT_EQ(rx_so_error(ts, c.fd), ECONNREFUSED);
	EXPECT_EQ(rx_so_error(ts, c.fd), 0);
	EXPECT_EQ(cs_poll(ts->net, &p, 1, 0), 1);
	EXPECT_EQ(p.revents & POLLERR, 0);
	EXPECT_EQ(p.revents & POLLHUP, POLLHUP);
	cs_close(ts->net, c.fd);
	STEP("an established socket: POLLOUT only");
	rx_established(ts, &c, 1000);
	rx_abort_on_close(ts, c.fd);
	p = (struct pollfd){ .fd = c.fd, .events = POLLIN | POLLOUT };
	EXPECT_EQ(cs_poll(ts->net, &p, 1, 0), 1);
	EXPECT_EQ(p.revents, POLLOUT);
	ts_free(ts);
}

/* TCP_MAXSEG: 88..32767; TCP_SYNCNT: 1..127; others ENOPROTOOPT. */
static void test_tcp_sockopts(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	int v;
	socklen_t l = sizeof(v);

	v = 87;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)), -1);
	EXPECT_EQ(errno, EINVAL);
	v = 32768;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)), -1);
	v = 1000;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)), 0);
	EXPECT_EQ(tcp_sk(rx_sk(ts, fd))->rx_opt.user_mss, 1000);
	v = 0;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)), -1);
	EXPECT_EQ(errno, EINVAL);
	v = 128;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)), -1);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &v, &l), 0);
	EXPECT_EQ(v, 6);	/* tcp_syn_retries while unset */
	v = 3;
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)), 0);
	EXPECT_EQ(cs_getsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &v, &l), 0);
	EXPECT_EQ(v, 3);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, 99, &v, sizeof(v)), -1);
	EXPECT_EQ(errno, ENOPROTOOPT);
	EXPECT_EQ(cs_setsockopt(ts->net, fd, IPPROTO_TCP, TCP_SYNCNT, &v, 2), -1);
	EXPECT_EQ(errno, EINVAL);
	ts_free(ts);
}

/* cs_tcp_info: the ISN and the 4-tuple survive a refused connect (the
 * flow's after tcp_disconnect). */
static void test_tcp_info(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct cs_tcp_info info;
	struct rx_seg rst = { .flags = 0x14 };
	struct sockaddr_in peer = { .sin_family = AF_INET, .sin_port = htons(RX_PEER_PORT) };

	peer.sin_addr.s_addr = inet_addr(TS_PEER);
	rx_syn_sent(ts, &c);
	rst.dport = c.sport;
	rst.ack = c.isn + 1;
	rx_inject(ts, &rst);
	EXPECT_EQ(cs_tcp_info(ts->net, c.fd, &info), 0);
	EXPECT_EQ(info.state, TCP_CLOSE);
	EXPECT_EQ(info.isn, c.isn);
	EXPECT_EQ(ntohs(info.sport), c.sport);
	EXPECT_EQ(info.saddr, inet_addr(TS_ADDR));
	EXPECT_EQ(info.daddr, inet_addr(TS_PEER));
	EXPECT_EQ(ntohs(info.dport), RX_PEER_PORT);
	EXPECT_EQ(info.sk_id, c.sk->sk_id);
	STEP("connect again: sock_error, tcp_disconnect clears saddr and dport");
	EXPECT_EQ(cs_connect(ts->net, c.fd, (struct sockaddr *)&peer, sizeof(peer)), -1);
	EXPECT_EQ(errno, ECONNREFUSED);
	EXPECT_EQ(cs_tcp_info(ts->net, c.fd, &info), 0);
	EXPECT(info.saddr == 0 && info.dport == 0);
	STEP("the flow it was routed with still holds the connect's 4-tuple");
	EXPECT_EQ(info.flow_saddr, inet_addr(TS_ADDR));
	EXPECT_EQ(info.flow_daddr, inet_addr(TS_PEER));
	EXPECT_EQ(ntohs(info.flow_sport), c.sport);
	EXPECT_EQ(ntohs(info.flow_dport), RX_PEER_PORT);
	EXPECT_EQ(cs_tcp_info(ts->net, 99, &info), -1);
	EXPECT_EQ(errno, EBADF);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp.c", NULL, NULL);

	CU_add_test(s, "tcp_set_state: CurrEstab, EstabResets, unhash", test_set_state_counters);
	CU_add_test(s, "tcp_set_state: a bound port stays", test_set_state_keeps_bound_port);
	CU_add_test(s, "close in SYN_SENT: no RST; late SYN-ACK gets one", test_close_syn_sent);
	CU_add_test(s, "close with SO_LINGER {1,0}: RST", test_close_linger_zero);
	CU_add_test(s, "close in ESTABLISHED: FIN", test_close_established_fin);
	CU_add_test(s, "tcp_poll masks", test_poll_masks);
	CU_add_test(s, "TCP_MAXSEG and TCP_SYNCNT", test_tcp_sockopts);
	CU_add_test(s, "cs_tcp_info", test_tcp_info);
}
