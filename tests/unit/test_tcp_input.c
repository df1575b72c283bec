// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_tcp_input.c - core/tcp_input.c
 * and tcp_metrics.c on the loop NIC: every branch of SYN_SENT
 * (tcp_rcv_synsent_state_process), the SYN-ACK's options and the third
 * packet's bytes, tcp_finish_connect's state, the RTT and RTO, the delayed
 * final ACK, crossed SYNs, the silent peer, and the states of a close.
 * Each test is a script: inject a crafted segment, advance the virtual
 * clock, expect frames, states, counters and errnos worked out from 3.10's
 * formulas written out here.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"

/* 3.10 defaults the expected values below are derived from. */
#define TCP_RMEM1 87380		/* tcp_rmem[1]: the initial sk_rcvbuf */
#define ADV_WIN_SCALE 1		/* tcp_adv_win_scale */
#define PEER_TSVAL 0x11223344u

/* tcp_win_from_space with tcp_adv_win_scale 1. */
static int win_from_space(int space)
{
	return space - (space >> ADV_WIN_SCALE);
}

/* The window field of our first ACK (3.10, tcp_select_window): the SYN's
 * window rcv_wnd = min(full space rounded to @syn_mss, 10 * @syn_mss) is
 * also rcv_ssthresh, the free space is larger, so the new window is
 * rcv_ssthresh rounded up to 2^wscale, shifted down. */
static unsigned int first_ack_window(unsigned int syn_mss, unsigned int wscale)
{
	unsigned int space = (unsigned int)win_from_space(TCP_RMEM1);
	unsigned int rcv_wnd = (space / syn_mss) * syn_mss;
	unsigned int unit = 1u << wscale;

	if (rcv_wnd > 10 * syn_mss)
		rcv_wnd = 10 * syn_mss;
	return ((rcv_wnd + unit - 1) / unit * unit) >> wscale;
}

static void inject_synack(struct test_stack *ts, const struct rx_conn *c, uint8_t flags,
			  uint32_t ack, const uint8_t *opt, unsigned int optlen)
{
	struct rx_seg s = { .dport = c->sport, .seq = c->peer_isn, .ack = ack, .flags = flags,
			    .window = 29200, .opt = opt, .optlen = optlen };

	rx_inject(ts, &s);
}

/* A good SYN-ACK (MSS 1460, SACK, TS, WS 7) 30 ms after the SYN: options
 * parsed, ESTABLISHED, raw send window, RTT sample from TSecr, and the
 * third packet byte for byte. */
static void test_synack_good(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;
	struct tcp_sock *tp;

	STEP("connect, take the SYN");
	rx_syn_sent(ts, &c);
	tp = tcp_sk(c.sk);
	STEP("advance 30 ms, inject SYN-ACK seq=%u ack=ISN+1 TSecr=our TSval", c.peer_isn);
	ts_advance_ms(ts, 30);
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval, 7);
	inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);

	STEP("state and parsed options");
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(tp->rx_opt.mss_clamp, 1460);
	EXPECT_EQ(tp->rx_opt.wscale_ok, 1);
	EXPECT_EQ(tp->rx_opt.snd_wscale, 7);
	EXPECT_EQ(tp->rx_opt.rcv_wscale, 7);
	EXPECT_EQ(tp->rx_opt.tstamp_ok, 1);
	EXPECT(tp->rx_opt.sack_ok & 1);
	EXPECT(tp->rx_opt.sack_ok & 2);		/* tcp_fack = 1 */
	EXPECT_EQ(tp->rx_opt.ts_recent, PEER_TSVAL);
	EXPECT_EQ(tp->snd_wnd, 29200);		/* the SYN-ACK's window is not scaled */
	EXPECT_EQ(tp->max_window, 29200);
	EXPECT_EQ(tp->snd_una, c.isn + 1);
	EXPECT_EQ(tp->rcv_nxt, c.peer_isn + 1);
	EXPECT_EQ(tp->tcp_header_len, 32);
	EXPECT_EQ(tp->advmss, 1460 - 12);
	EXPECT_EQ(tp->mss_cache, 1460 - 12);
	EXPECT_EQ(inet_csk(c.sk)->icsk_ack.rcv_mss, 536);
	STEP("RTT 30 ms: srtt 8*30, rttvar max(2*30, 200), RTO 30 + 200; timer off");
	EXPECT_EQ(tp->srtt, 240);
	EXPECT_EQ(tp->rttvar, 200);
	EXPECT_EQ(inet_csk(c.sk)->icsk_rto, 230);
	EXPECT_EQ(tp->packets_out, 0);
	EXPECT_EQ(tp->retrans_stamp, 0);
	EXPECT_EQ(inet_csk(c.sk)->icsk_pending, 0);
	EXPECT_EQ(skb_queue_len(&c.sk->sk_write_queue), 0);
	EXPECT_EQ(tp->snd_cwnd, 10);

	STEP("the third packet");
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.len, 14 + 52);
	EXPECT_EQ(o.ip[0], 0x45);
	EXPECT_EQ(rx_get16(o.ip + 2), 52);
	EXPECT_EQ(o.ipid, (uint16_t)(c.syn_ipid + 1));
	EXPECT_EQ(rx_get16(o.ip + 6), 0x4000);
	EXPECT_EQ(o.ttl, 64);
	EXPECT_EQ(o.sport, c.sport);
	EXPECT_EQ(o.dport, RX_PEER_PORT);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(o.doff, 8);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.window, first_ack_window(1460, 7));
	EXPECT_EQ(o.window, 115);
	EXPECT(memcmp(o.th + 20, "\x01\x01\x08\x0a", 4) == 0);
	EXPECT_EQ(rx_get32(o.th + 24), c.syn_tsval + 30);
	EXPECT_EQ(rx_get32(o.th + 28), PEER_TSVAL);
	EXPECT(rx_csums_ok(&o));
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "OutSegs"), 2);
	EXPECT_EQ(rx_mib(ts, "CurrEstab"), 1);
	EXPECT_EQ(rx_mib(ts, "InSegs"), 1);
	STEP("connect again: 0, then EISCONN");
	EXPECT_EQ(rx_connect(ts, c.fd), 0);
	EXPECT_EQ(rx_connect(ts, c.fd), EISCONN);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* A SYN-ACK without timestamps or window scale, 50 ms later: the RTT comes
 * from the SYN's send time, 20-byte headers, both scales 0, window_clamp
 * within 65535, and an unscaled window in a 40-byte ACK. */
static void test_synack_plain(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;
	struct tcp_sock *tp;

	rx_syn_sent(ts, &c);
	tp = tcp_sk(c.sk);
	STEP("advance 50 ms, inject SYN-ACK with MSS 1400 only");
	ts_advance_ms(ts, 50);
	n = rx_synack_opts(opt, 1400, 0, 0, -1);
	inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(tp->rx_opt.tstamp_ok, 0);
	EXPECT_EQ(tp->rx_opt.wscale_ok, 0);
	EXPECT_EQ(tp->rx_opt.snd_wscale, 0);
	EXPECT_EQ(tp->rx_opt.rcv_wscale, 0);
	EXPECT(tp->window_clamp <= 65535);
	EXPECT_EQ(tp->tcp_header_len, 20);
	EXPECT_EQ(tp->advmss, 1460);
	EXPECT_EQ(tp->mss_cache, 1400);
	EXPECT_EQ(tp->srtt, 400);
	EXPECT_EQ(inet_csk(c.sk)->icsk_rto, 250);
	STEP("the ACK: 40 bytes, window = rcv_wnd unscaled");
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(rx_get16(o.ip + 2), 40);
	EXPECT_EQ(o.doff, 5);
	EXPECT_EQ(o.window, first_ack_window(1460, 0));
	EXPECT(rx_csums_ok(&o));
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* The SYN was retransmitted and no timestamp came back: Karn's rule gives
 * no RTT sample, so tcp_init_metrics falls back to RTO 3 s; cwnd stays 10
 * after one retransmission and drops to 1 after two. */
static void test_synack_after_retransmit(void)
{
	for (int retrans = 1; retrans <= 2; retrans++) {
		struct test_stack *ts = ts_new(NULL);
		struct rx_conn c;
		struct rx_out o;
		uint8_t opt[8];
		unsigned int n;

		rx_syn_sent(ts, &c);
		STEP("let the SYN be retransmitted %d time(s)", retrans);
		ts_advance_ms(ts, 1000);
		EXPECT(rx_take(ts, &o) > 0);
		if (retrans == 2) {
			ts_advance_ms(ts, 2000);
			EXPECT(rx_take(ts, &o) > 0);
		}
		EXPECT_EQ(o.seq, c.isn);
		n = rx_synack_opts(opt, 1460, 0, 0, -1);
		inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
		EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
		EXPECT_EQ(tcp_sk(c.sk)->srtt, 0);
		EXPECT_EQ(inet_csk(c.sk)->icsk_rto, 3000);
		EXPECT_EQ(tcp_sk(c.sk)->snd_cwnd, retrans > 1 ? 1 : 10);
		rx_abort_on_close(ts, c.fd);
		ts_free(ts);
	}
}

/* An unacceptable ACK (ack <= ISN, or ack > ISN + 1): a RST with seq =
 * their ack and no ACK flag; the socket keeps waiting in SYN_SENT with its
 * options undone.  A RST|ACK with a bad ack is not answered. */
static void test_synack_bad_ack(void)
{
	struct test_stack *ts = ts_new(NULL);
	uint32_t bad[2];
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;

	rx_syn_sent(ts, &c);
	bad[0] = c.isn;
	bad[1] = c.isn + 2;
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval, 7);
	for (int i = 0; i < 2; i++) {
		STEP("SYN-ACK acking %u (ISN %u)", bad[i], c.isn);
		inject_synack(ts, &c, 0x12, bad[i], opt, n);
		EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
		EXPECT(rx_take(ts, &o) > 0);
		EXPECT_EQ(o.flags, 0x04);
		EXPECT_EQ(o.seq, bad[i]);
		EXPECT_EQ(o.ack, 0);
		EXPECT_EQ(o.doff, 5);
		EXPECT_EQ(o.window, 0);
		EXPECT_EQ(o.sport, c.sport);
		EXPECT_EQ(o.dport, RX_PEER_PORT);
		EXPECT_EQ(rx_get16(o.ip + 2), 40);
		EXPECT(rx_csums_ok(&o));
		EXPECT_EQ(rx_mib(ts, "OutRsts"), (uint64_t)i + 1);
		EXPECT_EQ(tcp_sk(c.sk)->rx_opt.wscale_ok, 0);
		EXPECT_EQ(tcp_sk(c.sk)->rx_opt.mss_clamp, 536);
		EXPECT_EQ(tcp_sk(c.sk)->rx_opt.sack_ok, 0);
	}
	STEP("RST|ACK with a bad ack: dropped, no answer");
	inject_synack(ts, &c, 0x14, c.isn + 5, NULL, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_mib(ts, "OutRsts"), 2);
	ts_free(ts);
}

/* An acceptable RST|ACK: ECONNREFUSED, seen by the next connect() of a
 * non-blocking socket, and by SO_ERROR on another; AttemptFails. */
static void test_rst_refused(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn a, b;
	struct rx_out o;

	rx_syn_sent(ts, &a);
	rx_syn_sent(ts, &b);
	STEP("RST|ACK ack=ISN+1 to both");
	inject_synack(ts, &a, 0x14, a.isn + 1, NULL, 0);
	inject_synack(ts, &b, 0x14, b.isn + 1, NULL, 0);
	EXPECT_EQ(a.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(b.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "AttemptFails"), 2);
	STEP("connect again: ECONNREFUSED; SO_ERROR on the other");
	EXPECT_EQ(rx_connect(ts, a.fd), ECONNREFUSED);
	EXPECT_EQ(rx_so_error(ts, b.fd), ECONNREFUSED);
	EXPECT_EQ(rx_so_error(ts, b.fd), 0);
	ts_free(ts);
}

/* A RST without ACK, and a segment with neither SYN nor RST nor ACK, are
 * dropped in SYN_SENT. */
static void test_rst_without_ack_ignored(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_syn_sent(ts, &c);
	STEP("RST alone");
	inject_synack(ts, &c, 0x04, 0, NULL, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("FIN alone");
	inject_synack(ts, &c, 0x01, 0, NULL, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "AttemptFails"), 0);
	ts_free(ts);
}

/* PAWS on the echoed timestamp: TSecr after now or before the SYN was
 * sent is refused (PAWSActive, RST); TSecr 0 is not checked. */
static void test_synack_paws(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;
	uint32_t tsecr[2];

	rx_syn_sent(ts, &c);
	ts_advance_ms(ts, 10);
	tsecr[0] = c.syn_tsval + 11;	/* one jiffy in the future */
	tsecr[1] = c.syn_tsval - 1;	/* before retrans_stamp */
	for (int i = 0; i < 2; i++) {
		STEP("SYN-ACK with TSecr %u (SYN TSval %u, now +10)", tsecr[i], c.syn_tsval);
		n = rx_synack_opts(opt, 1460, PEER_TSVAL, tsecr[i], 7);
		inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
		EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
		EXPECT_EQ(rx_mib(ts, "PAWSActive"), (uint64_t)i + 1);
		EXPECT(rx_take(ts, &o) > 0);
		EXPECT_EQ(o.flags, 0x04);
		EXPECT_EQ(o.seq, c.isn + 1);
		EXPECT_EQ(tcp_sk(c.sk)->rx_opt.tstamp_ok, 0);
	}
	STEP("TSecr exactly now: accepted");
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval + 10, 7);
	inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(rx_mib(ts, "PAWSActive"), 2);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);

	ts = ts_new(NULL);
	rx_syn_sent(ts, &c);
	STEP("TSecr 0: no PAWS test, no RTT from it");
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, 0, 7);
	opt[8] = opt[9] = opt[10] = opt[11] = 0;
	inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(rx_mib(ts, "PAWSActive"), 0);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* A plain ACK of our SYN (no SYN bit): dropped without answer, options
 * undone (discard_and_undo). */
static void test_ack_without_syn(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n = rx_synack_opts(opt, 1460, PEER_TSVAL, 0, 7);

	rx_syn_sent(ts, &c);
	STEP("ACK ack=ISN+1, with options");
	inject_synack(ts, &c, 0x10, c.isn + 1, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(tcp_sk(c.sk)->snd_una, c.isn);
	EXPECT_EQ(tcp_sk(c.sk)->rx_opt.wscale_ok, 0);
	EXPECT_EQ(tcp_sk(c.sk)->rx_opt.mss_clamp, 536);
	ts_free(ts);
}

/* Crossed SYNs: a SYN without ACK moves us to SYN_RECV and our SYN goes
 * out again as a SYN-ACK (same ISN, options, unscaled window); the peer's
 * ACK then completes the open. */
static void test_simultaneous_open(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;
	struct rx_seg ack;

	rx_syn_sent(ts, &c);
	ts_advance_ms(ts, 5);
	STEP("inject SYN seq=%u with MSS, TS, WS", c.peer_isn);
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, 0, 7);
	inject_synack(ts, &c, 0x02, 0, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_RECV);
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, c.peer_isn + 1);
	EXPECT_EQ(tcp_sk(c.sk)->snd_wnd, 29200);
	EXPECT_EQ(tcp_sk(c.sk)->max_window, 29200);
	STEP("the SYN-ACK");
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x12);
	EXPECT_EQ(o.seq, c.isn);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(o.window, c.syn.window);
	EXPECT_EQ(o.doff, c.syn.doff);
	EXPECT(memcmp(o.th + 20, c.syn.th + 20, 8) == 0);	/* MSS, SACK_PERM, TS kind */
	EXPECT_EQ(rx_get32(o.th + 28), c.syn_tsval + 5);
	EXPECT_EQ(rx_get32(o.th + 32), PEER_TSVAL);
	EXPECT(memcmp(o.th + 36, c.syn.th + 36, 4) == 0);	/* NOP WS */
	EXPECT(rx_csums_ok(&o));
	EXPECT_EQ(rx_connect(ts, c.fd), EALREADY);
	STEP("inject the ACK of our SYN");
	memset(&ack, 0, sizeof(ack));
	ack.dport = c.sport;
	ack.seq = c.peer_isn + 1;
	ack.ack = c.isn + 1;
	ack.flags = 0x10;
	ack.window = 229;
	ack.opt = opt;
	ack.optlen = rx_ts_opts(opt, PEER_TSVAL + 1, c.syn_tsval + 5);
	rx_inject(ts, &ack);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(tcp_sk(c.sk)->snd_wnd, 229u << 7);
	EXPECT_EQ(tcp_sk(c.sk)->advmss, 1460 - 12);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_connect(ts, c.fd), 0);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* A writer waiting (sk_write_pending) defers the third packet: no ACK
 * until the delayed-ACK timer fires TCP_DELACK_MAX (200 ms) later. */
static void test_delayed_final_ack(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;

	rx_syn_sent(ts, &c);
	c.sk->sk_write_pending = 1;
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval, 7);
	STEP("SYN-ACK while a writer waits");
	inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(inet_csk(c.sk)->icsk_ack.ato, 40);		/* quick-ack mode: TCP_ATO_MIN */
	STEP("199 ms: still nothing");
	ts_advance_ms(ts, 199);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("200 ms: the ACK");
	ts_advance_ms(ts, 1);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(rx_mib(ts, "DelayedACKs"), 1);
	STEP("not pingpong: the timer inflated ato to min(2 x 40, rto)");
	EXPECT_EQ(inet_csk(c.sk)->icsk_ack.ato, 80);
	c.sk->sk_write_pending = 0;
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* No answer at all: the same SYN (same ISN, fresh TSval) at 1, 3, 7, 15,
 * 31 and 63 s, then ETIMEDOUT at 127 s (tcp_syn_retries 6). */
static void test_silence(void)
{
	static const unsigned int at[] = { 1, 3, 7, 15, 31, 63 };
	struct test_stack *ts = ts_new(NULL);
	unsigned int now = 0;
	struct rx_conn c;
	struct rx_out o;

	rx_syn_sent(ts, &c);
	for (unsigned int i = 0; i < 6; i++) {
		STEP("advance to %u s - 1 ms: nothing", at[i]);
		ts_advance_ms(ts, at[i] * 1000 - 1 - now);
		EXPECT_EQ(rx_take(ts, &o), 0);
		STEP("at %u s: SYN retransmission %u", at[i], i + 1);
		ts_advance_ms(ts, 1);
		now = at[i] * 1000;
		EXPECT(rx_take(ts, &o) > 0);
		EXPECT_EQ(o.flags, 0x02);
		EXPECT_EQ(o.seq, c.isn);
		EXPECT_EQ(rx_get32(o.th + 28), c.syn_tsval + now);
		EXPECT_EQ(o.ipid, (uint16_t)(c.syn_ipid + i + 1));
		EXPECT_EQ(rx_mib(ts, "RetransSegs"), i + 1);
	}
	EXPECT_EQ(rx_connect(ts, c.fd), EALREADY);
	STEP("127 s - 1 ms: still SYN_SENT");
	ts_advance_ms(ts, 127000 - 1 - now);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	STEP("127 s: ETIMEDOUT");
	ts_advance_ms(ts, 1);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "TCPTimeouts"), 1);
	EXPECT_EQ(rx_mib(ts, "TCPAbortOnTimeout"), 1);
	EXPECT_EQ(rx_mib(ts, "AttemptFails"), 1);
	EXPECT_EQ(rx_connect(ts, c.fd), ETIMEDOUT);
	ts_free(ts);
}

/* A segment from the peer on an established connection: seq @seq, ack
 * @ack, window 229 (x 128), a timestamp @tsval echoing our last TSval. */
static void inject_est(struct test_stack *ts, const struct rx_conn *c, uint8_t flags,
		       uint32_t seq, uint32_t ack, uint32_t tsval, unsigned int datalen)
{
	uint8_t opt[12];
	struct rx_seg s = { .dport = c->sport, .seq = seq, .ack = ack, .flags = flags,
			    .window = 229, .opt = opt, .datalen = datalen };

	s.optlen = rx_ts_opts(opt, tsval, c->syn_tsval);
	rx_inject(ts, &s);
}

/* The active close: close() sends FIN (FIN_WAIT1); the ACK of it hands the
 * orphan to a FIN_WAIT2 TIME-WAIT sock for tcp_fin_timeout; the peer's FIN
 * is acknowledged by that sock, which turns TIME_WAIT for 60 s, then goes. */
static void test_active_close(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_timewait_sock *tw;
	unsigned long t0;
	struct rx_conn c;
	struct rx_out o;
	uint32_t una;

	rx_established(ts, &c, PEER_TSVAL);
	sock_hold(c.sk);
	STEP("close: FIN");
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT_EQ(c.sk->sk_state, TCP_FIN_WAIT1);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x11);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(rx_mib(ts, "CurrEstab"), 0);
	una = c.isn + 2;
	STEP("ACK of the FIN: FIN_WAIT2 TIME-WAIT sock, the socket done");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, una, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT(sk_unhashed(c.sk));
	tw = rx_find_tw(ts, c.sport);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	EXPECT_EQ(tw->tw_substate, TCP_FIN_WAIT2);
	EXPECT_EQ(tw->tw_rcv_nxt, c.peer_isn + 1);
	t0 = net_jiffies(ts->net);
	EXPECT_EQ(tw->tw_ttd, t0 + 60 * 1000);		/* tcp_fin_timeout 60 s > 3.5 RTO */
	EXPECT_EQ(rx_take(ts, &o), 0);
	sock_put(c.sk);
	STEP("the peer's FIN: ACK from the TIME-WAIT sock, TIME_WAIT 60 s");
	ts_advance_ms(ts, 7);
	inject_est(ts, &c, 0x11, c.peer_isn + 1, una, PEER_TSVAL + 2, 0);
	EXPECT_EQ(tw->tw_substate, TCP_TIME_WAIT);
	EXPECT_EQ(tw->tw_rcv_nxt, c.peer_isn + 2);
	EXPECT_EQ(tw->tw_ts_recent, PEER_TSVAL + 2);
	EXPECT_EQ(tw->tw_ttd, t0 + 7 + 60 * 1000);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.seq, una);
	EXPECT_EQ(o.ack, c.peer_isn + 2);
	EXPECT_EQ(o.window, first_ack_window(1460, 7));
	EXPECT_EQ(o.doff, 8);
	EXPECT_EQ(rx_get32(o.th + 24), c.syn_tsval + 7);
	EXPECT_EQ(rx_get32(o.th + 28), PEER_TSVAL + 2);
	EXPECT_EQ(o.ipid, 0);				/* the reply socket's */
	EXPECT(rx_csums_ok(&o));
	STEP("60 s later the TIME-WAIT sock is reaped");
	ts_advance_ms(ts, 60 * 1000 - 1);
	EXPECT(rx_find_tw(ts, c.sport) != NULL);
	ts_advance_ms(ts, 1);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	EXPECT_EQ(rx_mib(ts, "TW"), 1);
	ts_free(ts);
}

/* The peer acknowledges our FIN and sends its own in one segment: the
 * socket (not a TIME-WAIT sock) ACKs it and goes to TIME_WAIT. */
static void test_fin_ack_together(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_timewait_sock *tw;
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	sock_hold(c.sk);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("FIN|ACK acking our FIN");
	inject_est(ts, &c, 0x11, c.peer_isn + 1, c.isn + 2, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	tw = rx_find_tw(ts, c.sport);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	EXPECT_EQ(tw->tw_substate, TCP_TIME_WAIT);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.ack, c.peer_isn + 2);
	EXPECT_EQ(o.ipid, (uint16_t)(c.syn_ipid + 3));	/* the socket's own IP ID */
	sock_put(c.sk);
	ts_free(ts);
}

/* Simultaneous close: the peer's FIN arrives before the ACK of ours: we
 * ACK it (CLOSING), and the ACK of our FIN leads to TIME_WAIT. */
static void test_simultaneous_close(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_timewait_sock *tw;
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	sock_hold(c.sk);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("the peer's FIN, not acking ours");
	inject_est(ts, &c, 0x11, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSING);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.ack, c.peer_isn + 2);
	STEP("the ACK of our FIN");
	inject_est(ts, &c, 0x10, c.peer_isn + 2, c.isn + 2, PEER_TSVAL + 2, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	tw = rx_find_tw(ts, c.sport);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	EXPECT_EQ(tw->tw_substate, TCP_TIME_WAIT);
	EXPECT_EQ(rx_take(ts, &o), 0);
	sock_put(c.sk);
	ts_free(ts);
}

/* The passive close: the peer's FIN moves us to CLOSE_WAIT with the ACK
 * delayed (pingpong, ato 0: the next jiffy); close() sends our FIN
 * (LAST_ACK) and its ACK ends the socket with no TIME-WAIT sock. */
static void test_passive_close(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	sock_hold(c.sk);
	STEP("the peer's FIN");
	inject_est(ts, &c, 0x11, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE_WAIT);
	EXPECT_EQ(inet_csk(c.sk)->icsk_ack.pingpong, 1);
	EXPECT_EQ(rx_mib(ts, "CurrEstab"), 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("one jiffy later: the delayed ACK");
	ts_advance_ms(ts, 1);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.ack, c.peer_isn + 2);
	EXPECT_EQ(rx_mib(ts, "DelayedACKs"), 1);
	STEP("the timer left pingpong mode: ato back to TCP_ATO_MIN");
	EXPECT_EQ(inet_csk(c.sk)->icsk_ack.pingpong, 0);
	EXPECT_EQ(inet_csk(c.sk)->icsk_ack.ato, 40);
	STEP("close: FIN, LAST_ACK");
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT_EQ(c.sk->sk_state, TCP_LAST_ACK);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x11);
	STEP("its ACK: CLOSE, no TIME-WAIT sock");
	inject_est(ts, &c, 0x10, c.peer_isn + 2, c.isn + 2, PEER_TSVAL + 2, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	EXPECT_EQ(rx_mib(ts, "EstabResets"), 0);
	sock_put(c.sk);
	ts_free(ts);
}

/* A RST at exactly rcv_nxt resets (ECONNRESET, EstabResets); one elsewhere
 * in the window earns a challenge ACK (RFC 5961). */
static void test_established_rst(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	STEP("RST at rcv_nxt + 100: challenge ACK");
	inject_est(ts, &c, 0x04, c.peer_isn + 101, 0, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(rx_mib(ts, "TCPChallengeACK"), 1);
	STEP("RST at rcv_nxt: reset");
	inject_est(ts, &c, 0x04, c.peer_isn + 1, 0, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "EstabResets"), 1);
	EXPECT_EQ(rx_so_error(ts, c.fd), ECONNRESET);
	ts_free(ts);
}

/* A SYN in the window (the peer resends its SYN-ACK): challenge ACK,
 * TCPSYNChallenge and InErrs.  A bare SYN (no ACK, no RST) is dropped
 * before any check. */
static void test_established_syn(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	STEP("bare SYN: dropped");
	inject_est(ts, &c, 0x02, c.peer_isn + 1, 0, PEER_TSVAL + 1, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "TCPSYNChallenge"), 0);
	STEP("SYN-ACK again");
	inject_est(ts, &c, 0x12, c.peer_isn, c.isn + 1, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(rx_mib(ts, "TCPSYNChallenge"), 1);
	EXPECT_EQ(rx_mib(ts, "InErrs"), 1);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* Data is not queued (connscope has no recv): ACKed at once without moving
 * rcv_nxt.  Out of the window: a duplicate ACK.  An old timestamp: PAWS
 * (PAWSEstab) and a duplicate ACK.  An ACK beyond snd_nxt: dropped. */
static void test_established_segments(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	STEP("100 bytes at rcv_nxt");
	inject_est(ts, &c, 0x18, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 1, 100);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, c.peer_isn + 1);
	EXPECT_EQ(tcp_sk(c.sk)->rx_opt.ts_recent, PEER_TSVAL + 1);
	STEP("a segment 100000 bytes ahead: out of window");
	inject_est(ts, &c, 0x10, c.peer_isn + 100001, c.isn + 1, PEER_TSVAL + 2, 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.ack, c.peer_isn + 1);
	EXPECT_EQ(rx_mib(ts, "PAWSEstab"), 0);
	STEP("a timestamp older than ts_recent: PAWS");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn + 1, PEER_TSVAL - 100, 10);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(rx_mib(ts, "PAWSEstab"), 1);
	STEP("an ACK beyond snd_nxt: dropped");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn + 5, PEER_TSVAL + 3, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(tcp_sk(c.sk)->snd_una, c.isn + 1);
	STEP("a pure ACK: TCPPureAcks");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 3, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT(rx_mib(ts, "TCPPureAcks") >= 1);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* A closed window holds the FIN back; the ACK that opens it lets it out
 * (tcp_ack_probe, then tcp_data_snd_check). */
static void test_fin_after_window_opens(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_seg s;
	uint8_t opt[12];
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	sock_hold(c.sk);
	STEP("the peer closes its window");
	memset(&s, 0, sizeof(s));
	s.dport = c.sport;
	s.seq = c.peer_isn + 1;
	s.ack = c.isn + 1;
	s.flags = 0x10;
	s.opt = opt;
	s.optlen = rx_ts_opts(opt, PEER_TSVAL + 1, c.syn_tsval);
	rx_inject(ts, &s);
	EXPECT_EQ(tcp_sk(c.sk)->snd_wnd, 0);
	STEP("close: the FIN waits");
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT_EQ(c.sk->sk_state, TCP_FIN_WAIT1);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT(tcp_send_head(c.sk) != NULL);
	STEP("the window opens: the FIN goes");
	s.window = 229;
	s.optlen = rx_ts_opts(opt, PEER_TSVAL + 2, c.syn_tsval);
	rx_inject(ts, &s);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x11);
	EXPECT_EQ(o.seq, c.isn + 1);
	EXPECT(tcp_send_head(c.sk) == NULL);
	STEP("reset it: done");
	inject_est(ts, &c, 0x04, c.peer_isn + 1, 0, PEER_TSVAL + 3, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	sock_put(c.sk);
	ts_free(ts);
}

/* Data after close() (RCV_SHUTDOWN) in FIN_WAIT1: reset it
 * (TCPAbortOnData) and answer with a RST. */
static void test_data_after_close(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	sock_hold(c.sk);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("10 bytes in FIN_WAIT1");
	inject_est(ts, &c, 0x18, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 1, 10);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_mib(ts, "TCPAbortOnData"), 1);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x04);
	EXPECT_EQ(o.seq, c.isn + 1);
	sock_put(c.sk);
	ts_free(ts);
}

/* CLOSE_WAIT and a RST: EPIPE.  tcp_reset on a closed socket: nothing. */
static void test_reset_errors(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	int fd;

	rx_established(ts, &c, PEER_TSVAL);
	inject_est(ts, &c, 0x11, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE_WAIT);
	STEP("RST at rcv_nxt in CLOSE_WAIT");
	inject_est(ts, &c, 0x04, c.peer_isn + 2, 0, PEER_TSVAL + 2, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(rx_so_error(ts, c.fd), EPIPE);
	EXPECT_EQ(rx_mib(ts, "EstabResets"), 1);
	while (rx_take(ts, &o))
		;
	STEP("tcp_reset on a socket in CLOSE");
	fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	bh_lock_sock(rx_sk(ts, fd));
	tcp_reset(rx_sk(ts, fd));
	bh_unlock_sock(rx_sk(ts, fd));
	EXPECT_EQ(rx_sk(ts, fd)->sk_err, 0);
	EXPECT_EQ(rx_sk(ts, fd)->sk_state, TCP_CLOSE);
	ts_free(ts);
}

/* An orphan that may not linger (linger2 < 0) is reset when its FIN is
 * acknowledged (TCPAbortOnData, RST, no TIME-WAIT sock). */
static void test_fin_wait1_no_linger(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	tcp_sk(c.sk)->linger2 = -1;
	sock_hold(c.sk);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("ACK of the FIN");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn + 2, PEER_TSVAL + 1, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT(rx_find_tw(ts, c.sport) == NULL);
	EXPECT_EQ(rx_mib(ts, "TCPAbortOnData"), 1);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x04);
	EXPECT_EQ(o.seq, c.isn + 2);
	sock_put(c.sk);
	ts_free(ts);
}

/* tcp_fin_timeout 90 s: the FIN_WAIT2 wait is longer than TCP_TIMEWAIT_LEN
 * (3.10: keepalive timer, then 60 s of TIME-WAIT sock; connscope: the
 * TIME-WAIT sock for the whole 90 s). */
static void test_fin_wait2_long_timeout(void)
{
	static const char *const sys[] = { "connscope.fixed_secrets=1",
					   "net.ipv4.tcp_fin_timeout=90", NULL };
	struct test_stack *ts = ts_new(sys);
	struct inet_timewait_sock *tw;
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	EXPECT_EQ(cs_close(ts->net, c.fd), 0);
	EXPECT(rx_take(ts, &o) > 0);
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn + 2, PEER_TSVAL + 1, 0);
	tw = rx_find_tw(ts, c.sport);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	EXPECT_EQ(tw->tw_substate, TCP_FIN_WAIT2);
	EXPECT_EQ(tw->tw_ttd, net_jiffies(ts->net) + 90000);
	ts_free(ts);
}

/* A SYN without ACK in SYN_SENT that fails PAWS against a ts_recent kept
 * from an earlier connection (tcp_twsk_unique) is dropped. */
static void test_crossed_syn_paws(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;

	rx_syn_sent(ts, &c);
	tcp_sk(c.sk)->rx_opt.ts_recent = 5000;
	tcp_sk(c.sk)->rx_opt.ts_recent_stamp = net_get_seconds(ts->net);
	STEP("SYN with TSval 4000 < ts_recent 5000");
	n = rx_synack_opts(opt, 1460, 4000, 0, 7);
	inject_synack(ts, &c, 0x02, 0, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("TSval 6000: crossed SYN accepted");
	n = rx_synack_opts(opt, 1460, 6000, 0, 7);
	inject_synack(ts, &c, 0x02, 0, opt, n);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_RECV);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x12);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* SYN_RECV and an ACK beyond snd_nxt: not acceptable, RST at its ack. */
static void test_syn_recv_bad_ack(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;

	rx_syn_sent(ts, &c);
	n = rx_synack_opts(opt, 1460, 0, 0, 7);
	inject_synack(ts, &c, 0x02, 0, opt, n);
	EXPECT(rx_take(ts, &o) > 0);
	STEP("ACK of ISN+5");
	{
		struct rx_seg s = { .dport = c.sport, .seq = c.peer_isn + 1, .ack = c.isn + 5,
				    .flags = 0x10, .window = 100 };

		rx_inject(ts, &s);
	}
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_RECV);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x04);
	EXPECT_EQ(o.seq, c.isn + 5);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* The delayed ACK's timing (tcp_send_delayed_ack): with ato 100 ms and
 * pingpong the delay is min(ato, 200 ms, max(srtt/8 = 30, 40 ms)) = 40 ms;
 * asked again while that timer is pending, it ACKs at once when the timer
 * is within ato/4 (10 ms) of firing. */
static void test_delayed_ack_timing(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;
	uint8_t opt[40];
	unsigned int n;

	rx_syn_sent(ts, &c);
	ts_advance_ms(ts, 30);
	n = rx_synack_opts(opt, 1460, PEER_TSVAL, c.syn_tsval, 7);
	inject_synack(ts, &c, 0x12, c.isn + 1, opt, n);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(tcp_sk(c.sk)->srtt, 240);
	inet_csk(c.sk)->icsk_ack.ato = 100;
	STEP("the peer's FIN: pingpong, delayed ACK after 40 ms");
	inject_est(ts, &c, 0x11, c.peer_isn + 1, c.isn + 1, PEER_TSVAL + 1, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	ts_advance_ms(ts, 39);
	EXPECT_EQ(rx_take(ts, &o), 0);
	ts_advance_ms(ts, 1);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.ack, c.peer_isn + 2);
	STEP("arm again; 29 ms later ask again: still delayed");
	bh_lock_sock(c.sk);
	tcp_send_delayed_ack(c.sk);
	bh_unlock_sock(c.sk);
	ts_advance_ms(ts, 29);
	bh_lock_sock(c.sk);
	tcp_send_delayed_ack(c.sk);
	bh_unlock_sock(c.sk);
	EXPECT_EQ(rx_take(ts, &o), 0);
	STEP("30 ms: within ato/4 of the timeout: ACK now");
	ts_advance_ms(ts, 1);
	EXPECT_EQ(rx_take(ts, &o), 0);
	bh_lock_sock(c.sk);
	tcp_send_delayed_ack(c.sk);
	bh_unlock_sock(c.sk);
	EXPECT(rx_take(ts, &o) > 0);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

/* An ACK far behind snd_una (more than max_window): challenge ACK. */
static void test_ack_too_old(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn c;
	struct rx_out o;

	rx_established(ts, &c, PEER_TSVAL);
	STEP("ACK of ISN - 40000 (max_window 29200)");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn - 40000, PEER_TSVAL + 1, 0);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(rx_mib(ts, "TCPChallengeACK"), 1);
	STEP("ACK of ISN (old, within max_window): ignored");
	inject_est(ts, &c, 0x10, c.peer_isn + 1, c.isn, PEER_TSVAL + 1, 0);
	EXPECT_EQ(rx_take(ts, &o), 0);
	EXPECT_EQ(rx_mib(ts, "TCPChallengeACK"), 1);
	EXPECT_EQ(tcp_sk(c.sk)->snd_una, c.isn + 1);
	rx_abort_on_close(ts, c.fd);
	ts_free(ts);
}

static void register_close_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp_input_established_and_close", NULL, NULL);

	CU_add_test(s, "active close to TIME-WAIT", test_active_close);
	CU_add_test(s, "FIN and ACK in one segment", test_fin_ack_together);
	CU_add_test(s, "simultaneous close (CLOSING)", test_simultaneous_close);
	CU_add_test(s, "passive close (CLOSE_WAIT, LAST_ACK)", test_passive_close);
	CU_add_test(s, "RST in ESTABLISHED", test_established_rst);
	CU_add_test(s, "SYN in ESTABLISHED", test_established_syn);
	CU_add_test(s, "data, window, PAWS, bad ACK", test_established_segments);
	CU_add_test(s, "FIN held by a closed window", test_fin_after_window_opens);
	CU_add_test(s, "data after close: RST", test_data_after_close);
	CU_add_test(s, "RST in CLOSE_WAIT: EPIPE; tcp_reset in CLOSE", test_reset_errors);
	CU_add_test(s, "FIN_WAIT1 orphan with linger2 < 0", test_fin_wait1_no_linger);
	CU_add_test(s, "FIN_WAIT2 wait over 60 s", test_fin_wait2_long_timeout);
	CU_add_test(s, "crossed SYN failing PAWS", test_crossed_syn_paws);
	CU_add_test(s, "SYN_RECV and a bad ACK", test_syn_recv_bad_ack);
	CU_add_test(s, "delayed ACK timing", test_delayed_ack_timing);
	CU_add_test(s, "ACK too old: challenge", test_ack_too_old);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp_input_synsent", NULL, NULL);

	CU_add_test(s, "good SYN-ACK and the third packet", test_synack_good);
	CU_add_test(s, "SYN-ACK without TS or WS", test_synack_plain);
	CU_add_test(s, "SYN-ACK after SYN retransmissions", test_synack_after_retransmit);
	CU_add_test(s, "unacceptable ACK: RST", test_synack_bad_ack);
	CU_add_test(s, "RST|ACK: ECONNREFUSED", test_rst_refused);
	CU_add_test(s, "RST without ACK ignored", test_rst_without_ack_ignored);
	CU_add_test(s, "PAWS on TSecr", test_synack_paws);
	CU_add_test(s, "ACK without SYN dropped", test_ack_without_syn);
	CU_add_test(s, "simultaneous open", test_simultaneous_open);
	CU_add_test(s, "delayed final ACK", test_delayed_final_ack);
	CU_add_test(s, "silence: retransmissions and ETIMEDOUT", test_silence);
	register_close_tests();

}
