// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_tcp_ipv4_rcv.c - the receive side of core/tcp_ipv4.c and
 * tcp_timewait_state_process (core/tcp_minisocks.c) on the loop NIC:
 * tcp_v4_rcv's checks and counters, the reset for a segment no socket
 * wants (tcp_v4_send_reset, byte for byte), the socket lock's backlog,
 * IP_MINTTL, a listener's answers, ICMP errors (tcp_v4_err) and what a
 * TIME-WAIT sock does with each kind of segment.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"

#define PEER_TSVAL 0x22334455u
#define NO_PORT 4444

/* A segment to a port nobody uses. */
static void inject_to_nobody(struct test_stack *ts, uint8_t flags, uint32_t seq, uint32_t ack,
			     unsigned int datalen, uint8_t tos)
{
	struct rx_seg s = { .sport = 1234, .dport = NO_PORT, .seq = seq, .ack = ack,
			    .flags = flags, .window = 1000, .datalen = datalen, .tos = tos };

	rx_inject(ts, &s);
}

/* Check the RST tcp_v4_send_reset made for a segment from 1234 to NO_PORT. */
static void expect_rst(struct test_stack *ts, uint8_t flags, uint32_t seq, uint32_t ack,
		       uint8_t tos)
{
	struct rx_out o;
	uint32_t peer = inet_addr(TS_PEER), us = inet_addr(TS_ADDR);

	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, flags);
	EXPECT_EQ(o.seq, seq);
	EXPECT_EQ(o.ack, ack);
	EXPECT_EQ(o.sport, NO_PORT);
	EXPECT_EQ(o.dport, 1234);
	EXPECT_EQ(o.doff, 5);
	EXPECT_EQ(o.window, 0);
	EXPECT_EQ(rx_get16(o.th + 18), 0);		/* urgent pointer */
	EXPECT_EQ(rx_get16(o.ip + 2), 40);
	EXPECT_EQ(o.tos, tos);
	EXPECT_EQ(o.ttl, 64);
	EXPECT_EQ(o.ipid, 0);
	EXPECT_EQ(rx_get16(o.ip + 6), 0x4000);
	EXPECT(memcmp(o.ip + 12, &us, 4) == 0);
	EXPECT(memcmp(o.ip + 16, &peer, 4) == 0);
	EXPECT(rx_csums_ok(&o));
}

/* No socket: a SYN gets RST|ACK (seq 0, ack = seq + 1), an ACK gets a RST
 * at its ack, data + FIN is acknowledged whole; a RST gets nothing.  TOS is
 * copied; InSegs, OutSegs and OutRsts count. */
static void test_no_socket_reset(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_out o;

	STEP("SYN seq=1000 tos 0x10 to a closed port");
	inject_to_nobody(ts, 0x02, 1000, 0, 0, 0x10);
	expect_rst(ts, 0x14, 0, 1001, 0x10);
	STEP("ACK ack=777");
	inject_to_nobody(ts, 0x10, 1000, 777, 0, 0);
	expect_rst(ts, 0x04, 777, 0, 0);
	STEP("5 bytes + FIN, no ACK");
	inject_to_nobody(ts, 0x09, 2000, 0, 5, 0);
	expect_rst(ts, 0x14, 0, 2006, 0);
	STEP("RST: no answer");
	inject_to_nobody(ts, 0x04, 3000, 0, 0, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "InSegs"), 4);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 3);
	EXPECT_EQ(rx_mib(ts, "OutSegs"), 3);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 0);
	ts_free(ts);
}

/* Bad segments: a checksum error (short: found in tcp_v4_rcv; long: found
 * before the reset would go) counts InCsumErrors and InErrs; doff < 5 only
 * InErrs; doff past the end is dropped uncounted.  None is answered. */
static void test_bad_segments(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_seg s = { .sport = 1234, .dport = NO_PORT, .seq = 1, .flags = 0x02 };
	struct rx_out o;

	STEP("short segment, bad checksum");
	s.bad_csum = 1;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_mib(ts, "Tcp:InCsumErrors"), 1);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 1);
	STEP("120-byte segment, bad checksum");
	s.datalen = 100;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_mib(ts, "Tcp:InCsumErrors"), 2);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 2);
	STEP("doff 4");
	s.bad_csum = 0;
	s.datalen = 0;
	s.doff = 4;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_mib(ts, "Tcp:InCsumErrors"), 2);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 3);
	STEP("doff 15 in a 20-byte segment");
	s.doff = 15;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 3);
	EXPECT_EQ(rx_mib(ts, "InSegs"), 4);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 0);
	ts_free(ts);
}

/* A long segment with a bad checksum for a socket in SYN_SENT is caught in
 * tcp_v4_do_rcv, for an established one in tcp_rcv_established. */
static void test_bad_checksum_for_socket(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_seg s = { .flags = 0x12, .window = 100, .datalen = 100, .bad_csum = 1 };
	struct rx_out o;

	rx_syn_sent(ts, &c);
	s.dport = c.sport;
	s.ack = c.isn + 1;
	STEP("bad SYN-ACK with 100 bytes");
	rx_inject(ts, &s);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_mib(ts, "Tcp:InCsumErrors"), 1);
	EXPECT_EQ(rx_take(ts, &o), 0);
	ts_free(ts);

	ts = ts_new(NULL);
	rx_established(ts, &c, PEER_TSVAL);
	s.dport = c.sport;
	s.seq = c.peer_isn + 1;
	s.flags = 0x10;
	STEP("bad data segment when established");
	rx_inject(ts, &s);
	EXPECT_EQ(rx_mib(ts, "Tcp:InCsumErrors"), 1);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 1);
	EXPECT_EQ(rx_take(ts, &o), 0);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* The SYN-ACK arrives while the test thread owns the socket (lock_sock):
 * it waits in the backlog and is processed by release_sock.  With the
 * backlog limit (sk_rcvbuf + sk_sndbuf) too small: TCPBacklogDrop. */
static void test_backlog(void)
{
	struct test_stack *ts = ts_new(NULL);
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };
	struct rx_conn c;
	struct rx_out o;
	int rcvbuf, sndbuf;

	rx_syn_sent(ts, &c);
	s.dport = c.sport;
	s.seq = c.peer_isn;
	s.ack = c.isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval, 7);
	STEP("own the socket, backlog limit 2 bytes, inject SYN-ACK");
	lock_sock(c.sk);
	rcvbuf = c.sk->sk_rcvbuf;
	sndbuf = c.sk->sk_sndbuf;
	c.sk->sk_rcvbuf = c.sk->sk_sndbuf = 1;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_mib(ts, "TCPBacklogDrop"), 1);
	EXPECT_EQ(skb_queue_len(&c.sk->sk_backlog), 0);
	c.sk->sk_rcvbuf = rcvbuf;
	c.sk->sk_sndbuf = sndbuf;
	STEP("normal limit: the SYN-ACK waits in the backlog");
	rx_inject(ts, &s);
	EXPECT_EQ(skb_queue_len(&c.sk->sk_backlog), 1);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("release_sock: processed");
	release_sock(c.sk);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(rx_connect(ts, c.fd), 0);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* IP_MINTTL: a segment below the socket's minimum TTL is dropped. */
static void test_min_ttl(void)
{
	struct test_stack *ts = ts_new(NULL);
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt, .ttl = 64 };
	struct rx_conn c;

	rx_syn_sent(ts, &c);
	inet_sk(c.sk)->min_ttl = 65;
	s.dport = c.sport;
	s.seq = c.peer_isn;
	s.ack = c.isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval, 7);
	STEP("SYN-ACK with TTL 64, min_ttl 65");
	rx_inject(ts, &s);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_mib(ts, "TCPMinTTLDrop"), 1);
	STEP("TTL 65");
	s.ttl = 65;
	rx_inject(ts, &s);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* A listener (passive opens are not implemented): an ACK is reset, a SYN
 * is dropped and counted in ListenDrops, a RST is dropped. */
static void test_listener(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_ADDR, 5555);
	struct rx_seg s = { .sport = 1234, .dport = 5555, .seq = 9, .window = 100 };
	struct rx_out o;
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);

	EXPECT_EQ(cs_bind(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	EXPECT_EQ(cs_listen(ts->net, fd, 5), 0);
	STEP("ACK ack=4321 to the listener");
	s.flags = 0x10;
	s.ack = 4321;
	rx_inject(ts, &s);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x04);
	EXPECT_EQ(o.seq, 4321);
	EXPECT_EQ(o.sport, 5555);
	STEP("SYN");
	s.flags = 0x02;
	s.ack = 0;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "ListenDrops"), 1);
	STEP("RST");
	s.flags = 0x04;
	rx_inject(ts, &s);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "ListenDrops"), 1);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 1);
	ts_free(ts);
}

/* An ICMP error from the peer quoting our SYN (its IP header and first 8
 * TCP bytes), with @seq in place of the SYN's sequence number. */
static void inject_icmp(struct test_stack *ts, const struct rx_conn *c, uint8_t type,
			uint8_t code, uint32_t seq)
{
	uint8_t f[128], *icmp = f + RX_TCP;
	unsigned int len = 8 + 20 + 8;

	memset(f, 0, sizeof(f));
	rx_ip_header(f, 20 + len, 1, 64, 0xc0, inet_addr(TS_PEER));
	icmp[0] = type;
	icmp[1] = code;
	memcpy(icmp + 8, c->syn.ip, 20);
	memcpy(icmp + 28, c->syn.th, 8);
	rx_put32(icmp + 32, seq);
	rx_put16(icmp + 2, ts_inet_csum(icmp, len, 0));
	ts_inject(ts, f, RX_TCP + len);
}

/* ICMP fragmentation needed (MTU @mtu) quoting our SYN, sent with @ttl. */
static void inject_icmp_mtu(struct test_stack *ts, const struct rx_conn *c, uint16_t mtu,
			    uint8_t ttl)
{
	uint8_t f[128], *icmp = f + RX_TCP;
	unsigned int len = 8 + 20 + 8;

	memset(f, 0, sizeof(f));
	rx_ip_header(f, 20 + len, 1, ttl, 0xc0, inet_addr(TS_PEER));
	icmp[0] = 3;
	icmp[1] = 4;
	rx_put16(icmp + 6, mtu);
	memcpy(icmp + 8, c->syn.ip, 20);
	memcpy(icmp + 28, c->syn.th, 8);
	rx_put16(icmp + 2, ts_inet_csum(icmp, len, 0));
	ts_inject(ts, f, RX_TCP + len);
}

/* ICMP errors in SYN_SENT are hard: each code's errno, returned by the
 * next connect(); AttemptFails. */
static void test_icmp_errors(void)
{
	static const struct { uint8_t type, code; int err; } cases[] = {
		{ 3, 3, ECONNREFUSED }, { 3, 1, EHOSTUNREACH }, { 3, 0, ENETUNREACH },
		{ 3, 2, ENOPROTOOPT }, { 3, 13, EHOSTUNREACH }, { 11, 0, EHOSTUNREACH },
		{ 12, 0, EPROTO },
	};
	struct test_stack *ts = ts_new(NULL);

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rx_conn c;

		rx_syn_sent(ts, &c);
		STEP("ICMP type %u code %u quoting our SYN", cases[i].type, cases[i].code);
		inject_icmp(ts, &c, cases[i].type, cases[i].code, c.isn);
		EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
		EXPECT_EQ(rx_connect(ts, c.fd), cases[i].err);
		EXPECT_EQ(rx_mib(ts, "AttemptFails"), (uint64_t)i + 1);
		EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	}
	ts_free(ts);
}

/* ICMP errors that do not end the connect: a quoted seq outside [snd_una,
 * snd_nxt] (OutOfWindowIcmps), source quench, a socket owned by a process
 * (LockDroppedIcmps; the error stays soft and wins over ETIMEDOUT at the
 * final timeout), and one for no socket (Icmp InErrors). */
static void test_icmp_not_fatal(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;

	rx_syn_sent(ts, &c);
	STEP("port unreachable quoting seq ISN+5");
	inject_icmp(ts, &c, 3, 3, c.isn + 5);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_mib(ts, "OutOfWindowIcmps"), 1);
	STEP("source quench");
	inject_icmp(ts, &c, 4, 0, c.isn);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	STEP("port unreachable while the socket is owned");
	lock_sock(c.sk);
	inject_icmp(ts, &c, 3, 3, c.isn);
	EXPECT_EQ(rx_mib(ts, "LockDroppedIcmps"), 1);
	EXPECT_EQ(c.sk->sk_err_soft, ECONNREFUSED);
	EXPECT_EQ(c.sk->sk_err, 0);
	release_sock(c.sk);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	STEP("127 s of silence: the soft error is reported");
	for (int ms = 0; ms < 127000; ms += 500) {
		struct rx_out o;

		ts_advance_ms(ts, 500);
		while (rx_take(ts, &o))
			;	/* the SYNs; ARP answered, so the neighbour stays valid */
	}
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_connect(ts, c.fd), ECONNREFUSED);
	STEP("an ICMP error for no socket");
	{
		uint64_t before = rx_mib(ts, "Icmp:InErrors");

		inject_icmp(ts, &c, 3, 3, c.isn);
		EXPECT_EQ(rx_mib(ts, "Icmp:InErrors"), before + 1);
	}
	ts_free(ts);
}

/* RFC 6069: a net or host unreachable for the backed-off SYN undoes one
 * backoff step (RTO back from 2 s to 1 s) before the hard error; a port
 * unreachable does not. */
static void test_icmp_backoff_revert(void)
{
	static const struct { uint8_t code; unsigned int backoff, rto; } cases[] = {
		{ 1, 0, 1000 }, { 0, 0, 1000 }, { 3, 1, 2000 },
	};

	for (unsigned int i = 0; i < 3; i++) {
		struct test_stack *ts = ts_new(NULL);
		struct rx_conn c;
		struct rx_out o;

		rx_syn_sent(ts, &c);
		ts_advance_ms(ts, 1000);
		EXPECT(rx_take(ts, &o) > 0);
		EXPECT_EQ(inet_csk(c.sk)->icsk_backoff, 1);
		EXPECT_EQ(inet_csk(c.sk)->icsk_rto, 2000);
		STEP("unreachable code %u after one retransmission", cases[i].code);
		inject_icmp(ts, &c, 3, cases[i].code, c.isn);
		EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
		EXPECT_EQ(inet_csk(c.sk)->icsk_backoff, cases[i].backoff);
		EXPECT_EQ(inet_csk(c.sk)->icsk_rto, cases[i].rto);
		ts_free(ts);
	}
}

/* FRAG_NEEDED with MTU 1000: the route's path MTU shrinks and the MSS is
 * re-derived from it: min(1000 - 20 - 20, mss_clamp 536 until the peer's
 * MSS is known) - 12 timestamp bytes; the connect goes on.  IP_MINTTL
 * applies to ICMP errors too. */
static void test_icmp_frag_needed_and_minttl(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;

	rx_syn_sent(ts, &c);
	STEP("fragmentation needed, MTU 1000");
	inject_icmp_mtu(ts, &c, 1000, 64);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(inet_csk(c.sk)->icsk_pmtu_cookie, 1000);
	EXPECT_EQ(dst_mtu(c.sk->sk_dst_cache), 1000);
	EXPECT_EQ(tcp_sk(c.sk)->mss_cache, (1000 - 20 - 20 < 536 ? 1000 - 20 - 20 : 536) - 12);
	STEP("port unreachable with TTL 64, min_ttl 100");
	inet_sk(c.sk)->min_ttl = 100;
	inject_icmp(ts, &c, 3, 3, c.isn);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_mib(ts, "TCPMinTTLDrop"), 1);
	ts_free(ts);
}

/* A segment not routed to us as local (a subnet broadcast): no reset. */
static void test_no_reset_for_broadcast(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_seg s = { .sport = 1234, .dport = NO_PORT, .seq = 1, .flags = 0x02 };
	struct rx_out o;

	s.daddr = inet_addr("10.77.0.255");
	rx_inject(ts, &s);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 0);
	ts_free(ts);
}

/* ARP silence: the neighbour never answers, so the queued SYN is dropped,
 * an ICMP host unreachable to ourselves (dst_link_failure) reaches
 * tcp_v4_err, and connect() fails with EHOSTUNREACH after the neighbour's
 * retries (3 probes, 1 s apart), not after the SYN's 127 s. */
static void test_arp_silence(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_PEER, RX_PEER_PORT);
	uint8_t f[1600];
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int ms = 0;

	STEP("connect; no ARP reply ever");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	while (rx_sk(ts, fd)->sk_state == TCP_SYN_SENT && ms < 10000) {
		ts_advance_ms(ts, 100);
		ms += 100;
		while (ts_take(ts, f, sizeof(f)))
			;
	}
	STEP("failed after %d ms", ms);
	EXPECT(ms >= 3000 && ms <= 4000);
	EXPECT_EQ(rx_connect(ts, fd), EHOSTUNREACH);
	EXPECT_EQ(rx_mib(ts, "AttemptFails"), 1);
	ts_free(ts);
}

/* Bring a connection to the FIN_WAIT2 TIME-WAIT sock (close, ACK of FIN). */
static struct inet_timewait_sock *fin_wait2_tw(struct test_stack *ts, struct rx_conn *c)
{
	uint8_t opt[12];
	struct rx_seg s = { .flags = 0x10, .window = 229, .opt = opt };
	struct rx_out o;

	rx_established(ts, c, PEER_TSVAL);
	EXPECT_EQ(cs_close(ts->net, c->fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	s.dport = c->sport;
	s.seq = c->peer_isn + 1;
	s.ack = c->isn + 2;
	s.optlen = rx_ts_opts(opt, PEER_TSVAL + 1, c->syn_tsval);
	rx_inject(ts, &s);
	return rx_find_tw(ts, c->sport);
}

static void inject_tw(struct test_stack *ts, const struct rx_conn *c, uint8_t flags,
		      uint32_t seq, uint32_t tsval, unsigned int datalen)
{
	uint8_t opt[12];
	struct rx_seg s = { .dport = c->sport, .seq = seq, .ack = c->isn + 2, .flags = flags,
			    .window = 229, .opt = opt, .datalen = datalen };

	s.optlen = rx_ts_opts(opt, tsval, c->syn_tsval);
	rx_inject(ts, &s);
}

/* The FIN_WAIT2 substate: out of window -> ACK; a duplicate ACK ->
 * nothing; new data -> RST and the sock gone; (RST -> gone, silently). */
static void test_tw_fin_wait2(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_timewait_sock *tw;
	struct rx_conn c;
	struct rx_out o;

	tw = fin_wait2_tw(ts, &c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	STEP("a segment 100000 ahead: ACK");
	inject_tw(ts, &c, 0x10, c.peer_isn + 100001, PEER_TSVAL + 2, 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.seq, c.isn + 2);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	STEP("a duplicate ACK: nothing");
	inject_tw(ts, &c, 0x10, c.peer_isn + 1, PEER_TSVAL + 2, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT(rx_find_tw(ts, c.sport) == tw);
	STEP("10 bytes of data: RST, the sock gone");
	inject_tw(ts, &c, 0x18, c.peer_isn + 1, PEER_TSVAL + 2, 10);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x04);
	EXPECT_EQ(o.seq, c.isn + 2);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	ts_free(ts);

	ts = ts_new(NULL);
	tw = fin_wait2_tw(ts, &c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	STEP("RST in window: the sock gone, no answer");
	inject_tw(ts, &c, 0x04, c.peer_isn + 1, PEER_TSVAL + 2, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	ts_free(ts);
}

/* The TIME_WAIT substate: a retransmitted FIN is ACKed again and restarts
 * the 60 s; a bare ACK in window restarts them silently; an old timestamp
 * (PAWSEstab) is ACKed; a newer SYN with no listener is ACKed; a RST at
 * rcv_nxt ends the sock. */
static void test_tw_time_wait(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_timewait_sock *tw;
	struct rx_conn c;
	struct rx_out o;

	tw = fin_wait2_tw(ts, &c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	inject_tw(ts, &c, 0x11, c.peer_isn + 1, PEER_TSVAL + 2, 0);
	EXPECT_EQ(tw->tw_substate, TCP_TIME_WAIT);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("10 s later, the FIN again: ACK, 60 s from now");
	ts_advance_ms(ts, 10000);
	inject_tw(ts, &c, 0x11, c.peer_isn + 1, PEER_TSVAL + 3, 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.ack, c.peer_isn + 2);
	EXPECT_EQ(tw->tw_ttd, net_jiffies(ts->net) + 60000);
	STEP("10 s later, a bare ACK at rcv_nxt: silent, 60 s from now");
	ts_advance_ms(ts, 10000);
	inject_tw(ts, &c, 0x10, c.peer_isn + 2, PEER_TSVAL + 4, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(tw->tw_ttd, net_jiffies(ts->net) + 60000);
	EXPECT_EQ(tw->tw_ts_recent, PEER_TSVAL + 4);
	STEP("an old timestamp: PAWSEstab, ACK");
	inject_tw(ts, &c, 0x10, c.peer_isn + 2, PEER_TSVAL - 1000, 0);
	EXPECT_EQ(rx_mib(ts, "PAWSEstab"), 1);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("a new SYN, no listener: ACK");
	{
		struct rx_seg s = { .dport = c.sport, .seq = c.peer_isn + 1000000, .flags = 0x02,
				    .window = 100 };

		rx_inject(ts, &s);
		EXPECT(rx_take(ts, &o) > 0);
		EXPECT_EQ(o.flags, 0x10);
		EXPECT_EQ(o.ack, c.peer_isn + 2);
	}
	STEP("an ICMP error for the TIME-WAIT sock: ignored");
	inject_icmp(ts, &c, 3, 3, c.isn + 2);
	EXPECT(rx_find_tw(ts, c.sport) == tw);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("RST at rcv_nxt: the sock gone");
	inject_tw(ts, &c, 0x04, c.peer_isn + 2, PEER_TSVAL + 5, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp_v4_rcv", NULL, NULL);

	CU_add_test(s, "no socket: reset", test_no_socket_reset);
	CU_add_test(s, "bad checksum and doff", test_bad_segments);
	CU_add_test(s, "bad checksum for a socket", test_bad_checksum_for_socket);
	CU_add_test(s, "backlog while owned", test_backlog);
	CU_add_test(s, "IP_MINTTL", test_min_ttl);
	CU_add_test(s, "listener", test_listener);
	CU_add_test(s, "no reset for a broadcast", test_no_reset_for_broadcast);
	s = CU_add_suite("tcp_v4_err", NULL, NULL);
	CU_add_test(s, "hard errors in SYN_SENT", test_icmp_errors);
	CU_add_test(s, "errors that do not end the connect", test_icmp_not_fatal);
	CU_add_test(s, "RFC 6069 backoff revert", test_icmp_backoff_revert);
	CU_add_test(s, "FRAG_NEEDED and IP_MINTTL", test_icmp_frag_needed_and_minttl);
	CU_add_test(s, "ARP silence: EHOSTUNREACH", test_arp_silence);
	s = CU_add_suite("tcp_timewait_state_process", NULL, NULL);
	CU_add_test(s, "FIN_WAIT2 substate", test_tw_fin_wait2);
	CU_add_test(s, "TIME_WAIT substate", test_tw_time_wait);
}
