// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_tcp_ipv4.c - core/tcp_ipv4.c: tcp_v4_connect's checks and errors,
 * the state it leaves on success (SYN_SENT, saddr, sport, the ehash entry,
 * the bind bucket), the undo on failure, the peer-change reset of the
 * timestamp state, and tcp_twsk_unique's decision.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"
#include "secure_seq.h"

static struct sock *sk_of(struct test_stack *ts, int fd)
{
	int err, put;
	struct socket *sock = sockfd_lookup_light(ts->net, fd, &err, &put);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sock);
	fput_light(sock, put);
	return sock->sk;
}

static int nb_socket(struct test_stack *ts)
{
	return cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
}

static int connect_sin(struct test_stack *ts, int fd, struct sockaddr_in sin, int len)
{
	return cs_connect(ts->net, fd, (struct sockaddr *)&sin, (socklen_t)len);
}

/* addr_len < sizeof(sockaddr_in): EINVAL; a family other than AF_INET:
 * EAFNOSUPPORT.  Neither touches the socket. */
static void test_einval_eafnosupport(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);
	int fd = nb_socket(ts);

	STEP("addr_len 8");
	EXPECT_EQ(connect_sin(ts, fd, sin, 8), -1);
	EXPECT_EQ(errno, EINVAL);
	STEP("sin_family AF_INET6");
	sin.sin_family = AF_INET6;
	EXPECT_EQ(connect_sin(ts, fd, sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EAFNOSUPPORT);
	EXPECT_EQ(sk_of(ts, fd)->sk_state, TCP_CLOSE);
	EXPECT(sk_unhashed(sk_of(ts, fd)));
	ts_free(ts);
}

/* A source route with a zero destination is EINVAL. */
static void test_srr_zero_daddr(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin("0.0.0.0", 80);
	struct ip_options opt = { .faddr = inet_addr(TS_PEER), .optlen = 8, .srr = 4 };
	int fd = nb_socket(ts);

	inet_sk(sk_of(ts, fd))->inet_opt = &opt;
	EXPECT_EQ(connect_sin(ts, fd, sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EINVAL);
	inet_sk(sk_of(ts, fd))->inet_opt = NULL;
	ts_free(ts);
}

/* No route: ENETUNREACH and Ip OutNoRoutes.  With only 10.77.0.0/24 (no
 * default route), 255.255.255.255 and 224.0.0.1 have no route either; the
 * subnet broadcast 10.77.0.255 has a broadcast route, refused by
 * tcp_v4_connect itself (no OutNoRoutes).  Nothing is sent. */
static void test_enetunreach(void)
{
	struct test_stack *ts = ts_new(NULL);
	uint64_t noroutes = 0;
	uint8_t frame[1600];
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	STEP("connect to 192.0.2.1 with no gateway");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin("192.0.2.1", 80), 16), -1);
	EXPECT_EQ(errno, ENETUNREACH);
	EXPECT_EQ(cs_mib_get(ts->net, "OutNoRoutes", &noroutes), 0);
	EXPECT_EQ(noroutes, 1);
	STEP("connect to the subnet broadcast 10.77.0.255: RTCF_BROADCAST");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin("10.77.0.255", 80), 16), -1);
	EXPECT_EQ(errno, ENETUNREACH);
	EXPECT_EQ(cs_mib_get(ts->net, "OutNoRoutes", &noroutes), 0);
	EXPECT_EQ(noroutes, 1);
	STEP("255.255.255.255 and 224.0.0.1: no route without a default");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin("255.255.255.255", 80), 16), -1);
	EXPECT_EQ(errno, ENETUNREACH);
	EXPECT_EQ(connect_sin(ts, fd, ts_sin("224.0.0.1", 80), 16), -1);
	EXPECT_EQ(errno, ENETUNREACH);
	EXPECT_EQ(cs_mib_get(ts->net, "OutNoRoutes", &noroutes), 0);
	EXPECT_EQ(noroutes, 3);
	EXPECT_EQ(ts_take(ts, frame, sizeof(frame)), 0);
	EXPECT_EQ(sk_of(ts, fd)->sk_state, TCP_CLOSE);
	ts_free(ts);
}

/* With a default route, 255.255.255.255 and 224.0.0.1 are routed (as
 * broadcast and multicast) and refused by tcp_v4_connect: ENETUNREACH,
 * OutNoRoutes unchanged. */
static void test_enetunreach_bcast_mcast_routes(void)
{
	struct test_stack *ts = ts_new_gw(NULL, "10.77.0.254");
	uint64_t noroutes = 9;
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	STEP("255.255.255.255 via the default route: RTCF_BROADCAST");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin("255.255.255.255", 80), 16), -1);
	EXPECT_EQ(errno, ENETUNREACH);
	STEP("224.0.0.1 via the default route: RTCF_MULTICAST");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin("224.0.0.1", 80), 16), -1);
	EXPECT_EQ(errno, ENETUNREACH);
	EXPECT_EQ(cs_mib_get(ts->net, "OutNoRoutes", &noroutes), 0);
	EXPECT_EQ(noroutes, 0);
	ts_free(ts);
}

/* Success: SYN_SENT, saddr from the route, an ephemeral sport, the socket
 * first in its ehash chain at inet_ehashfn(...) & mask, and a bind bucket
 * made by connect (fastreuse = fastreuseport = -1) owning it. */
static void test_success_state(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int fd = nb_socket(ts);
	struct sock *sk = sk_of(ts, fd);
	struct inet_sock *inet = inet_sk(sk);
	struct inet_hashinfo *h = &net->tcp_hashinfo;
	struct inet_bind_bucket *tb;
	unsigned int hash, sport;
	struct hlist_node *n;
	int found = 0;

	STEP("connect to " TS_PEER ":80");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin(TS_PEER, 80), 16), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(inet->inet_saddr, inet_addr(TS_ADDR));
	EXPECT_EQ(inet->inet_rcv_saddr, inet_addr(TS_ADDR));
	EXPECT_EQ(inet->inet_daddr, inet_addr(TS_PEER));
	EXPECT_EQ(inet->inet_dport, htons(80));
	sport = ntohs(inet->inet_sport);
	EXPECT(sport >= 32768 && sport <= 61000);
	EXPECT_EQ(inet->inet_num, sport);
	EXPECT_EQ(tcp_sk(sk)->rx_opt.mss_clamp, 536);

	STEP("the ehash entry");
	hash = inet_ehashfn(net, inet->inet_rcv_saddr, (u16)sport,
			    inet->inet_daddr, inet->inet_dport);
	EXPECT_EQ(sk->sk_hash, hash);
	EXPECT(h->ehash[hash & h->ehash_mask].chain.first == &sk->sk_node);

	STEP("the bind bucket");
	tb = inet_csk(sk)->icsk_bind_hash;
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
	EXPECT_EQ(tb->port, sport);
	EXPECT_EQ(tb->fastreuse, -1);
	EXPECT_EQ(tb->fastreuseport, -1);
	hlist_for_each(n, &tb->owners)
		found += n == &sk->sk_bind_node;
	EXPECT_EQ(found, 1);
	hlist_for_each(n, &h->bhash[inet_bhashfn(net, (u16)sport, h->bhash_size)].chain)
		found += n == &tb->node;
	EXPECT_EQ(found, 2);
	ts_free(ts);
}

/* Failure after SYN_SENT (no port left: EADDRNOTAVAIL): back to CLOSE,
 * not hashed, no bucket, dport cleared; AttemptFails is not counted. */
static void test_failure_undo(void)
{
	static const char *const one_port[] = { "connscope.fixed_secrets=1",
		"net.ipv4.ip_local_port_range=40000 40000", NULL };
	struct test_stack *ts = ts_new(one_port);
	int a = nb_socket(ts), b = nb_socket(ts);
	struct sock *sk = sk_of(ts, b);
	uint64_t fails = 7;

	EXPECT_EQ(connect_sin(ts, a, ts_sin(TS_PEER, 80), 16), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(ntohs(inet_sk(sk_of(ts, a))->inet_sport), 40000);
	STEP("second connect to the same destination: the only port is taken");
	EXPECT_EQ(connect_sin(ts, b, ts_sin(TS_PEER, 80), 16), -1);
	EXPECT_EQ(errno, EADDRNOTAVAIL);
	EXPECT_EQ(sk->sk_state, TCP_CLOSE);
	EXPECT(sk_unhashed(sk));
	EXPECT(inet_csk(sk)->icsk_bind_hash == NULL);
	EXPECT_EQ(inet_sk(sk)->inet_dport, 0);
	EXPECT_EQ(inet_sk(sk)->inet_num, 0);
	EXPECT_EQ(cs_mib_get(ts->net, "AttemptFails", &fails), 0);
	EXPECT_EQ(fails, 0);
	ts_free(ts);
}

/* Step 8 of tcp_v4_connect: with a timestamp from an earlier peer, a
 * connect to a different peer clears it and draws a fresh ISN; to the
 * same peer, write_seq is kept and becomes the SYN's sequence number. */
static void test_peer_change_resets_ts(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = nb_socket(ts);
	struct sock *sk = sk_of(ts, fd);
	struct tcp_sock *tp = tcp_sk(sk);

	STEP("same peer: write_seq 12345 kept");
	tp->rx_opt.ts_recent_stamp = 5;
	tp->rx_opt.ts_recent = 77;
	tp->write_seq = 12345;
	inet_sk(sk)->inet_daddr = inet_addr(TS_PEER);
	EXPECT_EQ(connect_sin(ts, fd, ts_sin(TS_PEER, 80), 16), -1);
	EXPECT_EQ(tp->write_seq, 12346);
	EXPECT_EQ(tp->rx_opt.ts_recent, 77);
	cs_close(ts->net, fd);

	STEP("different peer: ts state cleared, ISN from secure_tcp_sequence_number");
	fd = nb_socket(ts);
	sk = sk_of(ts, fd);
	tp = tcp_sk(sk);
	tp->rx_opt.ts_recent_stamp = 5;
	tp->rx_opt.ts_recent = 77;
	tp->write_seq = 12345;
	inet_sk(sk)->inet_daddr = inet_addr("10.77.0.3");
	EXPECT_EQ(connect_sin(ts, fd, ts_sin(TS_PEER, 80), 16), -1);
	EXPECT_EQ(tp->rx_opt.ts_recent, 0);
	EXPECT_EQ(tp->rx_opt.ts_recent_stamp, 0);
	EXPECT_EQ(tp->write_seq - 1,
		  secure_tcp_sequence_number(ts->net, inet_sk(sk)->inet_saddr,
					     inet_sk(sk)->inet_daddr,
					     inet_sk(sk)->inet_sport, htons(80)));
	ts_free(ts);
}

/* tcp_twsk_unique on a hand-made TIME-WAIT sock: no timestamp -> never;
 * bound port (twp NULL) -> always with a timestamp; ephemeral -> only with
 * tcp_tw_reuse and a timestamp older than 1 s; write_seq = snd_nxt + 65537. */
static void test_twsk_unique_rule(void)
{
	struct test_stack *ts = ts_new(NULL);
	int fd = nb_socket(ts);
	struct sock *sk = sk_of(ts, fd);
	struct inet_timewait_sock tw;
	struct inet_timewait_sock *twp = NULL;
	long now = net_get_seconds(ts->net);

	memset(&tw, 0, sizeof(tw));
	atomic_init(&tw.tw_refcnt, 1);
	tw.tw_snd_nxt = 1000;
	tw.tw_ts_recent = 4242;

	STEP("no timestamp seen: not unique even for a bound port");
	EXPECT_EQ(tcp_twsk_unique(sk, &tw.__tw_common, NULL), 0);
	STEP("timestamp, bound port: unique");
	tw.tw_ts_recent_stamp = now;
	EXPECT_EQ(tcp_twsk_unique(sk, &tw.__tw_common, NULL), 1);
	EXPECT_EQ(tcp_sk(sk)->write_seq, 1000 + 65535 + 2);
	EXPECT_EQ(tcp_sk(sk)->rx_opt.ts_recent, 4242);
	EXPECT_EQ(atomic_load(&tw.tw_refcnt), 2);
	STEP("ephemeral, tcp_tw_reuse=0: not unique");
	EXPECT_EQ(tcp_twsk_unique(sk, &tw.__tw_common, &twp), 0);
	STEP("ephemeral, tcp_tw_reuse=1, stamp 1 s old: not unique (needs > 1 s)");
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.tcp_tw_reuse", "1"), 0);
	tw.tw_ts_recent_stamp = now - 1;
	EXPECT_EQ(tcp_twsk_unique(sk, &tw.__tw_common, &twp), 0);
	STEP("stamp 2 s old: unique");
	tw.tw_ts_recent_stamp = now - 2;
	tw.tw_snd_nxt = 0xffffffffu - 65536;	/* + 65537 wraps to 0 -> 1 */
	EXPECT_EQ(tcp_twsk_unique(sk, &tw.__tw_common, &twp), 1);
	EXPECT_EQ(tcp_sk(sk)->write_seq, 1);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp_ipv4.c", NULL, NULL);

	CU_add_test(s, "EINVAL and EAFNOSUPPORT", test_einval_eafnosupport);
	CU_add_test(s, "source route with daddr 0: EINVAL", test_srr_zero_daddr);
	CU_add_test(s, "ENETUNREACH: no route, subnet broadcast", test_enetunreach);
	CU_add_test(s, "ENETUNREACH: broadcast and multicast routes",
		    test_enetunreach_bcast_mcast_routes);
	CU_add_test(s, "success: state, saddr, sport, ehash, bind bucket", test_success_state);
	CU_add_test(s, "failure path undoes everything", test_failure_undo);
	CU_add_test(s, "peer change resets timestamp state", test_peer_change_resets_ts);
	CU_add_test(s, "tcp_twsk_unique rule", test_twsk_unique_rule);
}
