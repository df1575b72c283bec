// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_tcp_output.c - core/tcp_output.c: the initial window and its scale,
 * window selection, MSS synchronisation, options, tcp_transmit_skb's clone
 * rules and counters, and the SYN on the wire byte by byte.
 *
 * Expected values are worked out in the comments from the 3.10 formulas
 * (docs: kernel-facts.md §7, §8, §10.4), never by calling the code.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"
#include "ip.h"
#include "route.h"
#include "clock.h"

/* ---------------------------------------------------------------- helpers */

static struct test_stack *ts;

static struct sock *new_sock(int *fd)
{
	struct socket *sock;
	int err, fput;

	*fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_FATAL(*fd >= 0);
	sock = sockfd_lookup_light(ts->net, *fd, &err, &fput);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sock);
	fput_light(sock, fput);
	return sock->sk;
}

static uint64_t mib(const char *name)
{
	uint64_t v = 0;

	EXPECT_EQ(cs_mib_get(ts->net, name, &v), 0);
	return v;
}

/* A route of MTU 1500 with no metrics, owned by the test. */
static struct rtable test_rt;

static void set_route(struct sock *sk, unsigned int mtu)
{
	memset(&test_rt, 0, sizeof(test_rt));
	atomic_init(&test_rt.refcnt, 1000);
	test_rt.rt_type = RTN_UNICAST;
	test_rt.net = ts->net;
	test_rt.dev_mtu = mtu;
	sk->sk_dst_cache = &test_rt;
}

/* af_ops that keep what tcp_transmit_skb hands to IP. */
static struct sk_buff *sent[8];
static int nsent;
static int xmit_ret;
static int rebuild_ret;

static int fake_queue_xmit(struct sk_buff *skb, struct flowi4 *fl)
{
	(void)fl;
	if (nsent < 8)
		sent[nsent++] = skb;
	else
		kfree_skb(skb);
	return xmit_ret;
}

static void fake_send_check(struct sock *sk, struct sk_buff *skb)
{
	(void)sk;
	tcp_hdr(skb)->check = htons(0xbeef);
}

static int fake_rebuild_header(struct sock *sk)
{
	(void)sk;
	return rebuild_ret;
}

static const struct inet_connection_sock_af_ops fake_ops = {
	.queue_xmit = fake_queue_xmit,
	.send_check = fake_send_check,
	.rebuild_header = fake_rebuild_header,
	.net_header_len = 20,
};

static void free_sent(void)
{
	for (int i = 0; i < nsent; i++)
		kfree_skb(sent[i]);
	nsent = 0;
}

/* A socket set up by hand as tcp_v4_connect leaves it before tcp_connect. */
static struct sock *hand_sock(int *fd)
{
	struct sock *sk = new_sock(fd);
	struct tcp_sock *tp = tcp_sk(sk);

	inet_csk(sk)->icsk_af_ops = &fake_ops;
	inet_sk(sk)->inet_sport = htons(40000);
	inet_sk(sk)->inet_dport = htons(80);
	inet_pton(AF_INET, TS_ADDR, &inet_sk(sk)->inet_saddr);
	inet_pton(AF_INET, TS_PEER, &inet_sk(sk)->inet_daddr);
	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;
	tp->write_seq = 1000000;
	set_route(sk, 1500);
	nsent = 0;
	xmit_ret = 0;
	rebuild_ret = 0;
	return sk;
}

static void hand_sock_done(struct sock *sk, int fd)
{
	free_sent();
	sk->sk_dst_cache = NULL;
	__skb_queue_purge(&sk->sk_write_queue);
	sk->sk_send_head = NULL;
	sk->sk_wmem_queued = 0;
	tcp_clear_xmit_timers(sk);
	sk->sk_state = TCP_CLOSE;
	cs_close(ts->net, fd);
}

static int suite_init(void)
{
	return 0;
}

static void setup(void)
{
	ts = ts_new(NULL);
}

static void teardown(void)
{
	ts_free(ts);
	ts = NULL;
}

/* ------------------------------------------- tcp_select_initial_window */

struct iw {
	u32 rcv_wnd, clamp;
	u8 wscale;
};

static struct iw initial_window(int space, u32 mss, u32 clamp, int wscale_ok, u32 init_rcv_wnd)
{
	struct iw r = { 0, clamp, 0xff };

	tcp_select_initial_window(ts->net, space, mss, &r.rcv_wnd, &r.clamp, wscale_ok,
				  &r.wscale, init_rcv_wnd);
	return r;
}

static void test_initial_window_mtu1500(void)
{
	struct iw r;

	setup();
	STEP("space 43690 (87380 - 87380/2), mss 1460, defaults");
	r = initial_window(43690, 1460, 0, 1, 0);
	/* 43690 -> 29 * 1460 = 42340; capped at 10 * 1460 = 14600.
	 * scale: 6291456 >> 7 = 49152 <= 65535 -> 7; clamp 65535 << 7. */
	EXPECT_EQ(r.rcv_wnd, 14600);
	EXPECT_EQ(r.wscale, 7);
	EXPECT_EQ(r.clamp, 8388480);
	teardown();
}

static void test_initial_window_big_mss(void)
{
	struct iw r;

	setup();
	STEP("mss 4000 > 1460: init_cwnd = max(14600 / 4000, 2) = 3");
	r = initial_window(43690, 4000, 0, 1, 0);
	/* 43690 -> 10 * 4000 = 40000; capped at 3 * 4000 = 12000 */
	EXPECT_EQ(r.rcv_wnd, 12000);
	STEP("loopback mss 65495: no quantising (space < mss), init_cwnd 2");
	r = initial_window(43690, 65495, 0, 1, 0);
	EXPECT_EQ(r.rcv_wnd, 43690);
	STEP("mss 100 <= 1 << 7: no initial-window cap at all");
	r = initial_window(43690, 100, 0, 1, 0);
	EXPECT_EQ(r.rcv_wnd, 43600);
	teardown();
}

static void test_initial_window_no_wscale(void)
{
	struct iw r;

	setup();
	STEP("window scaling off");
	r = initial_window(43690, 1460, 0, 0, 0);
	EXPECT_EQ(r.wscale, 0);
	EXPECT_EQ(r.rcv_wnd, 14600);
	EXPECT_EQ(r.clamp, 65535);
	teardown();
}

static void test_initial_window_clamp_and_initrwnd(void)
{
	struct iw r;

	setup();
	STEP("window_clamp 20000: space 20000 -> 13 * 1460 = 18980 -> 14600; scale 0");
	r = initial_window(43690, 1460, 20000, 1, 0);
	EXPECT_EQ(r.rcv_wnd, 14600);
	EXPECT_EQ(r.wscale, 0);
	EXPECT_EQ(r.clamp, 20000);
	STEP("route initrwnd 20: cap 20 * 1460 = 29200 instead of 14600");
	r = initial_window(43690, 1460, 0, 1, 20);
	EXPECT_EQ(r.rcv_wnd, 29200);
	STEP("negative space counts as 0");
	r = initial_window(-5, 1460, 0, 1, 0);
	EXPECT_EQ(r.rcv_wnd, 0);
	teardown();
}

static void test_initial_window_signed_workaround(void)
{
	struct iw r;

	setup();
	STEP("initrwnd 100 lifts the cap to 146000: window 42340");
	r = initial_window(43690, 1460, 0, 1, 100);
	EXPECT_EQ(r.rcv_wnd, 42340);
	STEP("tcp_workaround_signed_windows=1: 42340 -> 32767");
	ts->net->sysctl.tcp_workaround_signed_windows = 1;
	r = initial_window(43690, 1460, 0, 1, 100);
	EXPECT_EQ(r.rcv_wnd, 32767);
	teardown();
}

static void test_initial_window_rmem_max(void)
{
	struct iw r;

	setup();
	STEP("rmem_max 16 MiB beats tcp_rmem[2]: 16777216 >> 9 = 32768 -> scale 9");
	ts->net->sysctl.rmem_max = 16777216;
	r = initial_window(43690, 1460, 0, 1, 0);
	EXPECT_EQ(r.wscale, 9);
	EXPECT_EQ(r.clamp, 65535U << 9);
	STEP("tcp_rmem max 65535: no scaling needed");
	ts->net->sysctl.rmem_max = 1000;
	ts->net->sysctl.tcp_rmem[2] = 65535;
	r = initial_window(43690, 1460, 0, 1, 0);
	EXPECT_EQ(r.wscale, 0);
	teardown();
}

/* ------------------------------------------------------ window selection */

/* State after a SYN-ACK with MSS 1460 and wscale 7: rcv_wnd 14600. */
static void window_state(struct sock *sk, u8 wscale, u16 rcv_mss)
{
	struct tcp_sock *tp = tcp_sk(sk);

	sk->sk_rcvbuf = 87380;			/* full space 43690 */
	tp->rx_opt.rcv_wscale = wscale & 0xf;
	tp->window_clamp = 65535U << wscale;
	tp->rcv_wnd = 14600;
	tp->rcv_ssthresh = 14600;
	tp->rcv_nxt = 5001;
	tp->rcv_wup = 5001;
	inet_csk(sk)->icsk_ack.rcv_mss = rcv_mss;
}

static void test_select_window_scaled(void)
{
	struct sock *sk;
	int fd;

	setup();
	sk = new_sock(&fd);
	window_state(sk, 7, 536);
	STEP("free 43690 limited by rcv_ssthresh 14600, rounded up to 128: 14720");
	EXPECT_EQ(tcp_select_window(sk), 115);
	EXPECT_EQ(tcp_sk(sk)->rcv_wnd, 14720);
	EXPECT_EQ(tcp_sk(sk)->rcv_wup, 5001);

	STEP("an earlier offer of 20000 is never shrunk: ALIGN(20000, 128) = 20096");
	tcp_sk(sk)->rcv_wnd = 20000;
	EXPECT_EQ(tcp_select_window(sk), 157);
	EXPECT_EQ(tcp_sk(sk)->rcv_wnd, 20096);

	STEP("rcv_nxt moved 10000 into it: offer 10096 left < 14720 -> 14720");
	tcp_sk(sk)->rcv_nxt = 5001 + 10000;
	EXPECT_EQ(tcp_select_window(sk), 115);
	EXPECT_EQ(tcp_sk(sk)->rcv_wup, 15001);
	cs_close(ts->net, fd);
	teardown();
}

static void test_select_window_unscaled(void)
{
	struct sock *sk;
	int fd;

	setup();
	sk = new_sock(&fd);
	window_state(sk, 0, 1460);
	STEP("no scale: 14600 is within one mss of free space 14600: kept");
	EXPECT_EQ(tcp_select_window(sk), 14600);
	STEP("offer 5000 is more than one mss below: multiple of mss 14600");
	tcp_sk(sk)->rcv_wnd = 5000;
	tcp_sk(sk)->rcv_nxt = tcp_sk(sk)->rcv_wup + 5000;	/* nothing offered left */
	EXPECT_EQ(__tcp_select_window(sk), 14600);

	STEP("rcv_ssthresh 100000, rcvbuf 300000: 68 * 1460 = 99280, field caps at 65535");
	window_state(sk, 0, 1460);
	sk->sk_rcvbuf = 300000;
	tcp_sk(sk)->rcv_ssthresh = 100000;
	tcp_sk(sk)->rcv_wnd = 0;
	EXPECT_EQ(tcp_select_window(sk), 65535);
	EXPECT_EQ(tcp_sk(sk)->rcv_wnd, 99280);

	STEP("tcp_workaround_signed_windows caps an unscaled window at 32767");
	window_state(sk, 0, 1460);
	tcp_sk(sk)->rcv_ssthresh = 40000;
	tcp_sk(sk)->rcv_wnd = 40000;
	EXPECT_EQ(tcp_select_window(sk), 40000);
	ts->net->sysctl.tcp_workaround_signed_windows = 1;
	EXPECT_EQ(tcp_select_window(sk), 32767);
	EXPECT_EQ(tcp_sk(sk)->rcv_wnd, 40000);
	cs_close(ts->net, fd);
	teardown();
}

static void test_select_window_zero(void)
{
	struct sock *sk;
	int fd;

	setup();
	sk = new_sock(&fd);
	window_state(sk, 7, 536);
	STEP("receive memory nearly full: free 190 < rcv_mss 536 -> zero window");
	atomic_store(&sk->sk_rmem_alloc, 87000);
	inet_csk(sk)->icsk_ack.quick = 3;
	tcp_sk(sk)->rcv_nxt = tcp_sk(sk)->rcv_wup + tcp_sk(sk)->rcv_wnd;
	EXPECT_EQ(tcp_select_window(sk), 0);
	EXPECT_EQ(inet_csk(sk)->icsk_ack.quick, 0);
	atomic_store(&sk->sk_rmem_alloc, 0);
	cs_close(ts->net, fd);
	teardown();
}

static void test_acceptable_seq(void)
{
	struct sock *sk;
	int fd;

	setup();
	sk = new_sock(&fd);
	tcp_sk(sk)->snd_una = 1000;
	tcp_sk(sk)->snd_wnd = 500;
	tcp_sk(sk)->snd_nxt = 1200;
	STEP("snd_nxt inside the window");
	EXPECT_EQ(tcp_acceptable_seq(sk), 1200);
	STEP("window shrank below snd_nxt: its right edge");
	tcp_sk(sk)->snd_nxt = 1600;
	EXPECT_EQ(tcp_acceptable_seq(sk), 1500);
	cs_close(ts->net, fd);
	teardown();
}

/* ------------------------------------------------------------------- MSS */

static void test_mtu_mss(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	tp->tcp_header_len = 32;
	STEP("provisional clamp 536 with timestamps: 536 - 12 = 524");
	EXPECT_EQ(tcp_sync_mss(sk, 1500), 524);
	EXPECT_EQ(tp->mss_cache, 524);
	EXPECT_EQ(inet_csk(sk)->icsk_pmtu_cookie, 1500);
	STEP("peer clamp 1460: 1500 - 40 - 12 = 1448; without TS 1460");
	tp->rx_opt.mss_clamp = 1460;
	EXPECT_EQ(tcp_sync_mss(sk, 1500), 1448);
	tp->tcp_header_len = 20;
	EXPECT_EQ(tcp_mtu_to_mss(sk, 1500), 1460);
	STEP("8 bytes of IP options: 1452");
	inet_csk(sk)->icsk_ext_hdr_len = 8;
	EXPECT_EQ(__tcp_mtu_to_mss(sk, 1500), 1452);
	inet_csk(sk)->icsk_ext_hdr_len = 0;
	STEP("tiny MTU 68: floor 48, then minus options");
	tp->tcp_header_len = 32;
	EXPECT_EQ(tcp_mtu_to_mss(sk, 68), 36);
	STEP("mss_to_mtu inverts: 1448 + 32 + 20 = 1500");
	EXPECT_EQ(tcp_mss_to_mtu(sk, 1448), 1500);
	STEP("peer max window 1000: MSS bounded to half of it");
	tp->max_window = 1000;
	EXPECT_EQ(tcp_sync_mss(sk, 1500), 500);
	tp->max_window = 300;
	EXPECT_EQ(tcp_sync_mss(sk, 1500), 300);
	tp->max_window = 0;
	hand_sock_done(sk, fd);
	teardown();
}

static void test_mtup(void)
{
	struct sock *sk;
	struct inet_connection_sock *icsk;
	int fd;

	setup();
	sk = hand_sock(&fd);
	icsk = inet_csk(sk);
	tcp_sk(sk)->tcp_header_len = 32;
	STEP("defaults: probing off, high = 536 + 40, low = 512 + 32 + 20");
	tcp_mtup_init(sk);
	EXPECT_EQ(icsk->icsk_mtup.enabled, 0);
	EXPECT_EQ(icsk->icsk_mtup.search_high, 576);
	EXPECT_EQ(icsk->icsk_mtup.search_low, 564);
	STEP("sync to 400 lowers search_high");
	tcp_sync_mss(sk, 400);
	EXPECT_EQ(icsk->icsk_mtup.search_high, 400);
	STEP("tcp_mtu_probing=2: enabled, MSS limited by search_low 564 -> 512");
	ts->net->sysctl.tcp_mtu_probing = 2;
	tcp_sk(sk)->rx_opt.mss_clamp = 1460;
	tcp_mtup_init(sk);
	EXPECT_EQ(icsk->icsk_mtup.enabled, 1);
	EXPECT_EQ(tcp_sync_mss(sk, 1500), 512);
	STEP("tcp_mtu_probing=1 is not enough to enable it at connect");
	ts->net->sysctl.tcp_mtu_probing = 1;
	tcp_mtup_init(sk);
	EXPECT_EQ(icsk->icsk_mtup.enabled, 0);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_current_mss(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	tp->rx_opt.mss_clamp = 1460;
	tp->tcp_header_len = 32;
	tcp_sync_mss(sk, 1500);
	STEP("TS negotiated: header 32 as assumed -> 1448");
	tp->rx_opt.tstamp_ok = 1;
	EXPECT_EQ(tcp_current_mss(sk), 1448);
	STEP("TS not negotiated while header_len says 32: 12 bytes more");
	tp->rx_opt.tstamp_ok = 0;
	EXPECT_EQ(tcp_current_mss(sk), 1460);
	STEP("route MTU changed to 1400: resync");
	tp->rx_opt.tstamp_ok = 1;
	test_rt.dev_mtu = 1400;
	EXPECT_EQ(tcp_current_mss(sk), 1348);
	EXPECT_EQ(inet_csk(sk)->icsk_pmtu_cookie, 1400);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_advertise_mss(void)
{
	struct sock *sk;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tcp_sk(sk)->advmss = 1460;
	STEP("route advmss metric 1400 < advmss: lowered and stored");
	test_rt.metric_advmss = 1400;
	EXPECT_EQ(tcp_advertise_mss(sk), 1400);
	EXPECT_EQ(tcp_sk(sk)->advmss, 1400);
	STEP("metric 1460 > advmss 1400: unchanged");
	test_rt.metric_advmss = 1460;
	EXPECT_EQ(tcp_advertise_mss(sk), 1400);
	STEP("no route: advmss as is");
	sk->sk_dst_cache = NULL;
	EXPECT_EQ(tcp_advertise_mss(sk), 1400);
	hand_sock_done(sk, fd);
	teardown();
}

/* --------------------------------------------------------------- options */

static struct sock *opt_sk;

static void check_opts(struct tcp_out_options *o, const uint8_t *want, size_t n)
{
	uint8_t buf[40];

	memset(buf, 0xee, sizeof(buf));
	tcp_options_write((__be32 *)(void *)buf, tcp_sk(opt_sk), o);
	EXPECT(memcmp(buf, want, n) == 0);
	EXPECT_EQ(buf[n], 0xee);
}

static void test_options_write(void)
{
	struct tcp_out_options o;
	int fd;

	setup();
	opt_sk = new_sock(&fd);
	STEP("MSS, SACK-perm folded into TS, WS");
	memset(&o, 0, sizeof(o));
	o.options = OPTION_TS | OPTION_SACK_ADVERTISE | OPTION_WSCALE;
	o.mss = 1460; o.ws = 7; o.tsval = 0x01020304; o.tsecr = 0xa0b0c0d0;
	check_opts(&o, (const uint8_t[]){ 2, 4, 5, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4,
		0xa0, 0xb0, 0xc0, 0xd0, 1, 3, 3, 7 }, 20);
	STEP("TS without SACK: NOP NOP TS");
	o.options = OPTION_TS;
	check_opts(&o, (const uint8_t[]){ 2, 4, 5, 0xb4, 1, 1, 8, 10, 1, 2, 3, 4,
		0xa0, 0xb0, 0xc0, 0xd0 }, 16);
	STEP("SACK without TS: NOP NOP SACK-perm");
	o.options = OPTION_SACK_ADVERTISE | OPTION_WSCALE;
	o.ws = 14;
	check_opts(&o, (const uint8_t[]){ 2, 4, 5, 0xb4, 1, 1, 4, 2, 1, 3, 3, 14 }, 12);
	STEP("no MSS (established segment), TS only");
	o.mss = 0;
	o.options = OPTION_TS;
	check_opts(&o, (const uint8_t[]){ 1, 1, 8, 10, 1, 2, 3, 4, 0xa0, 0xb0, 0xc0, 0xd0 }, 12);
	STEP("nothing");
	o.options = 0;
	check_opts(&o, (const uint8_t[]){ 0xee }, 0);
	cs_close(ts->net, fd);
	teardown();
}

static void test_syn_and_established_options(void)
{
	struct tcp_out_options o;
	struct sk_buff *skb;
	struct sock *sk;
	int fd;

	setup();
	sk = hand_sock(&fd);
	skb = alloc_skb(MAX_TCP_HEADER);
	TCP_SKB_CB(skb)->when = 777;
	tcp_sk(sk)->advmss = 1460;
	tcp_sk(sk)->rx_opt.rcv_wscale = 7;
	tcp_sk(sk)->rx_opt.ts_recent = 4242;
	STEP("defaults: 4 + 12 + 4 = 20 bytes, SACK shares the TS word");
	memset(&o, 0, sizeof(o));
	EXPECT_EQ(tcp_syn_options(sk, skb, &o), 20);
	EXPECT_EQ(o.mss, 1460);
	EXPECT_EQ(o.options, OPTION_TS | OPTION_WSCALE | OPTION_SACK_ADVERTISE);
	EXPECT_EQ(o.tsval, 777);
	EXPECT_EQ(o.tsecr, 4242);
	EXPECT_EQ(o.ws, 7);
	STEP("tsoffset is added to TSval");
	tcp_sk(sk)->tsoffset = 1000;
	memset(&o, 0, sizeof(o));
	tcp_syn_options(sk, skb, &o);
	EXPECT_EQ(o.tsval, 1777);
	tcp_sk(sk)->tsoffset = 0;
	STEP("timestamps off: SACK-perm takes its own word: 4 + 4 + 4");
	ts->net->sysctl.tcp_timestamps = 0;
	memset(&o, 0, sizeof(o));
	EXPECT_EQ(tcp_syn_options(sk, skb, &o), 12);
	EXPECT_EQ(o.options, OPTION_WSCALE | OPTION_SACK_ADVERTISE);
	STEP("all off: MSS only");
	ts->net->sysctl.tcp_sack = 0;
	ts->net->sysctl.tcp_window_scaling = 0;
	memset(&o, 0, sizeof(o));
	EXPECT_EQ(tcp_syn_options(sk, skb, &o), 4);
	EXPECT_EQ(o.options, 0);
	STEP("established: TS only when negotiated; TSval 0 without a segment");
	memset(&o, 0, sizeof(o));
	EXPECT_EQ(tcp_established_options(sk, skb, &o), 0);
	tcp_sk(sk)->rx_opt.tstamp_ok = 1;
	memset(&o, 0, sizeof(o));
	EXPECT_EQ(tcp_established_options(sk, skb, &o), 12);
	EXPECT_EQ(o.tsval, 777);
	EXPECT_EQ(o.tsecr, 4242);
	memset(&o, 0, sizeof(o));
	EXPECT_EQ(tcp_established_options(sk, NULL, &o), 12);
	EXPECT_EQ(o.tsval, 0);
	kfree_skb(skb);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_ecn_syn(void)
{
	struct sk_buff *skb;
	struct sock *sk;
	int fd;

	setup();
	sk = hand_sock(&fd);
	skb = alloc_skb(MAX_TCP_HEADER);
	STEP("tcp_ecn=2 (default): plain SYN, ECN off");
	tcp_init_nondata_skb(skb, 1, TCPHDR_SYN);
	tcp_sk(sk)->ecn_flags = TCP_ECN_DEMAND_CWR;
	TCP_ECN_send_syn(sk, skb);
	EXPECT_EQ(TCP_SKB_CB(skb)->tcp_flags, TCPHDR_SYN);
	EXPECT_EQ(tcp_sk(sk)->ecn_flags, 0);
	STEP("tcp_ecn=1: ECE|CWR requested");
	ts->net->sysctl.tcp_ecn = 1;
	TCP_ECN_send_syn(sk, skb);
	EXPECT_EQ(TCP_SKB_CB(skb)->tcp_flags, 0xc2);
	EXPECT_EQ(tcp_sk(sk)->ecn_flags, TCP_ECN_OK);
	STEP("SYN-ACK of an ECN connection keeps ECE, drops CWR");
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_ACK;
	TCP_ECN_send_synack(tcp_sk(sk), skb);
	EXPECT_EQ(TCP_SKB_CB(skb)->tcp_flags, TCPHDR_SYN | TCPHDR_ACK | TCPHDR_ECE);
	STEP("without ECN both go");
	tcp_sk(sk)->ecn_flags = 0;
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_CWR;
	TCP_ECN_send_synack(tcp_sk(sk), skb);
	EXPECT_EQ(TCP_SKB_CB(skb)->tcp_flags, TCPHDR_SYN | TCPHDR_ACK);
	kfree_skb(skb);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_init_nondata_skb(void)
{
	struct sk_buff *skb;

	setup();
	skb = alloc_skb(MAX_TCP_HEADER);
	STEP("SYN and FIN take a sequence number, ACK and RST do not");
	tcp_init_nondata_skb(skb, 0xffffffff, TCPHDR_SYN);
	EXPECT_EQ(TCP_SKB_CB(skb)->seq, 0xffffffffU);
	EXPECT_EQ(TCP_SKB_CB(skb)->end_seq, 0);
	EXPECT_EQ(tcp_skb_pcount(skb), 1);
	EXPECT_EQ(skb->ip_summed, CHECKSUM_PARTIAL);
	tcp_init_nondata_skb(skb, 10, TCPHDR_ACK | TCPHDR_FIN);
	EXPECT_EQ(TCP_SKB_CB(skb)->end_seq, 11);
	tcp_init_nondata_skb(skb, 10, TCPHDR_ACK);
	EXPECT_EQ(TCP_SKB_CB(skb)->end_seq, 10);
	tcp_init_nondata_skb(skb, 10, TCPHDR_ACK | TCPHDR_RST);
	EXPECT_EQ(TCP_SKB_CB(skb)->end_seq, 10);
	kfree_skb(skb);
	teardown();
}

/* ------------------------------------------------------ tcp_transmit_skb */

/* Queue a SYN as tcp_connect does, with `when` = @when. */
static struct sk_buff *queue_syn(struct sock *sk, u32 when)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = alloc_skb_fclone(MAX_TCP_HEADER + 15);

	CU_ASSERT_PTR_NOT_NULL_FATAL(skb);
	skb_reserve(skb, MAX_TCP_HEADER);
	tcp_init_nondata_skb(skb, tp->write_seq++, TCPHDR_SYN);
	TCP_SKB_CB(skb)->when = when;
	tcp_connect_queue_skb(sk, skb);
	return skb;
}

static struct sk_buff *companion(struct sk_buff *skb)
{
	return &container_of(skb, struct sk_buff_fclones, skb1)->skb2;
}

static void test_transmit_syn(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct sk_buff *syn;
	const uint8_t *th;
	int fd, wmem0;
	uint64_t outsegs0;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	tp->advmss = 1460;
	tp->rcv_wnd = 14600;
	tp->rx_opt.rcv_wscale = 7;
	tp->snd_nxt = tp->snd_una = tp->write_seq;
	syn = queue_syn(sk, 5555);
	EXPECT_EQ(tp->write_seq, 1000001);
	EXPECT_EQ(tp->packets_out, 1);
	EXPECT_EQ(sk->sk_write_queue.qlen, 1);
	EXPECT_EQ(sk->sk_wmem_queued, (int)syn->truesize);
	wmem0 = atomic_load(&sk->sk_wmem_alloc);
	outsegs0 = mib("OutSegs");

	STEP("first transmit: the fclone companion goes down, charged to the socket");
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), 0);
	EXPECT_EQ(nsent, 1);
	EXPECT(sent[0] == companion(syn));
	EXPECT(sent[0]->sk == sk);
	EXPECT(sent[0]->destructor == tcp_wfree);
	EXPECT_EQ(atomic_load(&sk->sk_wmem_alloc), wmem0 + (int)sent[0]->truesize);
	EXPECT_EQ(sent[0]->len, 40);
	EXPECT_EQ(syn->len, 0);
	th = (const uint8_t *)tcp_hdr(sent[0]);
	EXPECT(memcmp(th, (const uint8_t[]){ 0x9c, 0x40, 0x00, 0x50, 0x00, 0x0f, 0x42, 0x40,
		0, 0, 0, 0, 0xa0, 0x02, 0x39, 0x08, 0xbe, 0xef, 0, 0,
		2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0x15, 0xb3, 0, 0, 0, 0, 1, 3, 3, 7 }, 40) == 0);
	STEP("counted in OutSegs: end_seq is after snd_nxt (still the ISN)");
	EXPECT_EQ(mib("OutSegs"), outsegs0 + 1);
	EXPECT_EQ(mib("TCPSpuriousRtxHostQueues"), 0);

	STEP("again while the first clone is still held below: spurious, pskb_copy");
	tp->snd_nxt = tp->write_seq;
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), 0);
	EXPECT_EQ(nsent, 2);
	EXPECT(sent[1] != companion(syn) && sent[1] != syn);
	EXPECT_EQ(mib("TCPSpuriousRtxHostQueues"), 1);
	STEP("a retransmitted SYN is not counted in OutSegs");
	EXPECT_EQ(mib("OutSegs"), outsegs0 + 1);

	STEP("both freed: write memory is given back");
	free_sent();
	EXPECT_EQ(atomic_load(&sk->sk_wmem_alloc), wmem0);
	STEP("companion free again: clone, no spurious count");
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), 0);
	EXPECT(sent[0] == companion(syn));
	EXPECT_EQ(mib("TCPSpuriousRtxHostQueues"), 1);
	free_sent();

	STEP("SYN window is min(rcv_wnd, 65535), unscaled");
	tp->rcv_wnd = 70000;
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), 0);
	th = (const uint8_t *)tcp_hdr(sent[0]);
	EXPECT_EQ(th[14] << 8 | th[15], 65535);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_transmit_returns(void)
{
	struct sock *sk;
	struct sk_buff *syn;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tcp_sk(sk)->advmss = 1460;
	syn = queue_syn(sk, 1);
	STEP("an IP error is returned as is");
	xmit_ret = -EHOSTUNREACH;
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), -EHOSTUNREACH);
	STEP("NET_XMIT_CN (congestion notified) counts as sent");
	xmit_ret = NET_XMIT_CN;
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), 0);
	STEP("NET_XMIT_DROP stays positive");
	xmit_ret = NET_XMIT_DROP;
	EXPECT_EQ(tcp_transmit_skb(sk, syn, 1), NET_XMIT_DROP);
	hand_sock_done(sk, fd);
	teardown();
}

/* An established connection with timestamps and wscale 7, set by hand. */
static void established(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	sk->sk_state = TCP_ESTABLISHED;
	tp->snd_una = tp->snd_nxt = tp->write_seq = 1000001;
	tp->snd_wnd = 29200;
	window_state(sk, 7, 536);
	tp->rcv_nxt = tp->rcv_wup = 7777;
	tp->rx_opt.tstamp_ok = 1;
	tp->rx_opt.ts_recent = 99;
	tp->tcp_header_len = 32;
}

static void test_send_ack(void)
{
	struct sock *sk;
	const uint8_t *th;
	u32 now;
	int fd;
	uint64_t outsegs0;

	setup();
	sk = hand_sock(&fd);
	established(sk);
	now = tcp_time_stamp(ts->net);
	inet_csk(sk)->icsk_ack.quick = 1;
	inet_csk(sk)->icsk_ack.ato = 100;
	outsegs0 = mib("OutSegs");
	STEP("pure ACK: seq snd_nxt, ack rcv_nxt, window 14720 >> 7, TS option");
	tcp_send_ack(sk);
	EXPECT_EQ(nsent, 1);
	th = (const uint8_t *)tcp_hdr(sent[0]);
	EXPECT(memcmp(th, (const uint8_t[]){ 0x9c, 0x40, 0x00, 0x50, 0x00, 0x0f, 0x42, 0x41,
		0, 0, 0x1e, 0x61, 0x80, 0x10, 0, 115, 0xbe, 0xef, 0, 0,
		1, 1, 8, 10, now >> 24, (now >> 16) & 0xff, (now >> 8) & 0xff, now & 0xff,
		0, 0, 0, 99 }, 32) == 0);
	EXPECT_EQ(sent[0]->len, 32);
	STEP("pure ACKs count in OutSegs (seq == end_seq)");
	EXPECT_EQ(mib("OutSegs"), outsegs0 + 1);
	STEP("the ACK ends quick-ack mode and deflates ato");
	EXPECT_EQ(inet_csk(sk)->icsk_ack.quick, 0);
	EXPECT_EQ(inet_csk(sk)->icsk_ack.ato, TCP_ATO_MIN);
	STEP("after a reset (CLOSE) nothing is sent");
	sk->sk_state = TCP_CLOSE;
	tcp_send_ack(sk);
	EXPECT_EQ(nsent, 1);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_send_ack_ecn_urg(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	const uint8_t *th;
	int fd;

	setup();
	sk = hand_sock(&fd);
	established(sk);
	tp = tcp_sk(sk);
	tp->rx_opt.tstamp_ok = 0;
	STEP("ECN connection owing CWR: the ACK carries ECE and is not ECT");
	tp->ecn_flags = TCP_ECN_OK | TCP_ECN_DEMAND_CWR;
	inet_sk(sk)->tos = 0x03;
	tcp_send_ack(sk);
	th = (const uint8_t *)tcp_hdr(sent[0]);
	EXPECT_EQ(th[13], TCPHDR_ACK | TCPHDR_ECE);
	EXPECT_EQ(inet_sk(sk)->tos & 3, 0);
	STEP("urgent pointer 100 bytes ahead");
	tp->ecn_flags = 0;
	tp->snd_up = tp->snd_una + 100;
	tcp_send_ack(sk);
	th = (const uint8_t *)tcp_hdr(sent[1]);
	EXPECT_EQ(th[13], TCPHDR_ACK | TCPHDR_URG);
	EXPECT_EQ(th[18] << 8 | th[19], 100);
	STEP("urgent pointer beyond 64 KiB: 0xffff");
	tp->snd_up = tp->snd_una + 0x10005;
	tcp_send_ack(sk);
	th = (const uint8_t *)tcp_hdr(sent[2]);
	EXPECT_EQ(th[13], TCPHDR_ACK | TCPHDR_URG);
	EXPECT_EQ(th[18] << 8 | th[19], 0xffff);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_ecn_send_data(void)
{
	struct sk_buff *skb;
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	established(sk);
	tp = tcp_sk(sk);
	skb = alloc_skb(MAX_TCP_HEADER + 10);
	skb_reserve(skb, MAX_TCP_HEADER);
	skb_put(skb, 10);
	skb_push(skb, 20);
	skb_reset_transport_header(skb);
	memset(tcp_hdr(skb), 0, 20);
	TCP_SKB_CB(skb)->seq = tp->snd_nxt;
	STEP("new data on an ECN connection: ECT(0) and the queued CWR");
	tp->ecn_flags = TCP_ECN_OK | TCP_ECN_QUEUE_CWR;
	TCP_ECN_send(sk, skb, 20);
	EXPECT_EQ(inet_sk(sk)->tos & 3, 2);
	EXPECT_EQ(tcp_hdr(skb)->flags, TCPHDR_CWR);
	EXPECT_EQ(tp->ecn_flags, TCP_ECN_OK);
	STEP("retransmitted data: not ECT");
	TCP_SKB_CB(skb)->seq = tp->snd_nxt - 10;
	TCP_ECN_send(sk, skb, 20);
	EXPECT_EQ(inet_sk(sk)->tos & 3, 0);
	STEP("no ECN: nothing touched");
	tp->ecn_flags = 0;
	inet_sk(sk)->tos = 3;
	TCP_ECN_send(sk, skb, 20);
	EXPECT_EQ(inet_sk(sk)->tos, 3);
	kfree_skb(skb);
	hand_sock_done(sk, fd);
	teardown();
}

/* ------------------------------------------------------ tcp_connect_init */

static void test_connect_init_defaults(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	sk->sk_err = 5;
	tp->rcv_nxt = 42;
	tp->retrans_out = 3;
	inet_csk(sk)->icsk_rto = 7;
	STEP("MTU 1500, defaults, provisional mss_clamp 536");
	tcp_connect_init(sk);
	EXPECT_EQ(tp->tcp_header_len, 32);
	EXPECT_EQ(tp->mss_cache, 524);		/* min(1460, 536) - 12 */
	EXPECT_EQ(tp->advmss, 1460);		/* 1500 - 40 */
	EXPECT_EQ(tp->rcv_wnd, 14600);
	EXPECT_EQ(tp->rcv_ssthresh, 14600);
	EXPECT_EQ(tp->window_clamp, 8388480);
	EXPECT_EQ(tp->rx_opt.rcv_wscale, 7);
	EXPECT_EQ(inet_csk(sk)->icsk_pmtu_cookie, 1500);
	EXPECT_EQ(inet_csk(sk)->icsk_mtup.search_high, 576);
	EXPECT_EQ(inet_csk(sk)->icsk_mtup.search_low, 564);
	STEP("sequence space at the ISN, nothing received yet");
	EXPECT_EQ(tp->snd_una, 1000000);
	EXPECT_EQ(tp->snd_nxt, 1000000);
	EXPECT_EQ(tp->snd_up, 1000000);
	EXPECT_EQ(tp->snd_sml, 1000000);
	EXPECT_EQ(tp->snd_wnd, 0);
	EXPECT_EQ(tp->rcv_nxt, 0);
	EXPECT_EQ(tp->rcv_wup, 0);
	EXPECT_EQ(tp->copied_seq, 0);
	EXPECT_EQ(sk->sk_err, 0);
	EXPECT_EQ(tp->retrans_out, 0);
	EXPECT_EQ(inet_csk(sk)->icsk_rto, 1000);
	EXPECT_EQ(inet_csk(sk)->icsk_retransmits, 0);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_connect_init_variants(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	STEP("TCP_MAXSEG 1000: clamp and advmss 1000, window 10 * 1000");
	tp->rx_opt.user_mss = 1000;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->rx_opt.mss_clamp, 1000);
	EXPECT_EQ(tp->mss_cache, 988);
	EXPECT_EQ(tp->advmss, 1000);
	EXPECT_EQ(tp->rcv_wnd, 10000);
	tp->rx_opt.user_mss = 0;
	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;

	STEP("timestamps off: header 20, mss_cache 536");
	ts->net->sysctl.tcp_timestamps = 0;
	tp->window_clamp = 0;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->tcp_header_len, 20);
	EXPECT_EQ(tp->mss_cache, 536);
	ts->net->sysctl.tcp_timestamps = 1;

	STEP("ts_recent_stamp set (TIME-WAIT reuse): mss 1448 -> window 14480");
	tp->rx_opt.ts_recent_stamp = 1;
	tp->window_clamp = 0;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->rcv_wnd, 14480);
	tp->rx_opt.ts_recent_stamp = 0;

	STEP("route window metric 30000 becomes the clamp: scale 0");
	test_rt.metric_window = 30000;
	tp->window_clamp = 0;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->window_clamp, 30000);
	EXPECT_EQ(tp->rx_opt.rcv_wscale, 0);
	EXPECT_EQ(tp->rcv_wnd, 14600);
	test_rt.metric_window = 0;

	STEP("route initrwnd 20: 29200");
	test_rt.metric_initrwnd = 20;
	tp->window_clamp = 0;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->rcv_wnd, 29200);
	test_rt.metric_initrwnd = 0;

	STEP("SO_RCVBUF 10000 locked: clamp = full space 5000, window 3 * 1460");
	sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
	sk->sk_rcvbuf = 10000;
	tp->window_clamp = 0;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->window_clamp, 5000);
	EXPECT_EQ(tp->rcv_wnd, 4380);
	EXPECT_EQ(tp->rx_opt.rcv_wscale, 0);
	STEP("a clamp already below the full space stays");
	tp->window_clamp = 3000;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->window_clamp, 3000);
	sk->sk_userlocks = 0;

	STEP("TCP_REPAIR keeps rcv_nxt");
	tp->repair = 1;
	tp->rcv_nxt = 4242;
	tcp_connect_init(sk);
	EXPECT_EQ(tp->rcv_nxt, 4242);
	EXPECT_EQ(tp->rcv_wup, 4242);
	tp->repair = 0;
	hand_sock_done(sk, fd);
	teardown();
}

/* ----------------------------------------------------------- tcp_connect */

static void test_connect_direct(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	u32 now;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	sk->sk_state = TCP_SYN_SENT;
	now = tcp_time_stamp(ts->net);
	STEP("tcp_connect with IP accepting the SYN");
	EXPECT_EQ(tcp_connect(sk), 0);
	EXPECT_EQ(nsent, 1);
	EXPECT_EQ(tp->write_seq, 1000001);
	EXPECT_EQ(tp->snd_nxt, 1000001);
	EXPECT_EQ(tp->pushed_seq, 1000001);
	EXPECT_EQ(tp->snd_una, 1000000);
	EXPECT_EQ(tp->packets_out, 1);
	EXPECT_EQ(tp->retrans_stamp, now);
	EXPECT_EQ(TCP_SKB_CB(tcp_write_queue_head(sk))->when, now);
	EXPECT_EQ(TCP_SKB_CB(tcp_write_queue_head(sk))->seq, 1000000);
	EXPECT_EQ(TCP_SKB_CB(tcp_write_queue_head(sk))->end_seq, 1000001);
	EXPECT_EQ(mib("ActiveOpens"), 1);
	EXPECT_EQ(mib("OutSegs"), 1);
	STEP("retransmit timer armed for icsk_rto = 1 s");
	EXPECT_EQ(inet_csk(sk)->icsk_pending, ICSK_TIME_RETRANS);
	EXPECT(timer_pending(&inet_csk(sk)->icsk_retransmit_timer));
	EXPECT_EQ(inet_csk(sk)->icsk_timeout, net_jiffies(ts->net) + 1000);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_connect_xmit_errors(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	sk->sk_state = TCP_SYN_SENT;
	STEP("ECONNREFUSED from the transmit fails the connect");
	xmit_ret = -ECONNREFUSED;
	EXPECT_EQ(tcp_connect(sk), -ECONNREFUSED);
	EXPECT_EQ(mib("ActiveOpens"), 0);
	EXPECT_EQ(tp->snd_nxt, 1000000);
	EXPECT(!timer_pending(&inet_csk(sk)->icsk_retransmit_timer));
	hand_sock_done(sk, fd);

	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	sk->sk_state = TCP_SYN_SENT;
	STEP("any other transmit error is left to the retransmit timer");
	xmit_ret = -EHOSTUNREACH;
	EXPECT_EQ(tcp_connect(sk), 0);
	EXPECT_EQ(mib("ActiveOpens"), 1);
	EXPECT_EQ(tp->snd_nxt, 1000001);
	EXPECT(timer_pending(&inet_csk(sk)->icsk_retransmit_timer));
	hand_sock_done(sk, fd);
	teardown();
}

static void test_connect_repair(void)
{
	struct sock *sk;
	int fd;

	setup();
	sk = hand_sock(&fd);
	sk->sk_state = TCP_SYN_SENT;
	tcp_sk(sk)->repair = 1;
	STEP("TCP_REPAIR: no SYN, straight to ESTABLISHED");
	EXPECT_EQ(tcp_connect(sk), 0);
	EXPECT_EQ(nsent, 0);
	EXPECT_EQ(sk->sk_write_queue.qlen, 0);
	EXPECT_EQ(sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(mib("ActiveOpens"), 0);
	tcp_sk(sk)->repair = 0;
	hand_sock_done(sk, fd);
	teardown();
}

/* ------------------------------------------------------ retransmission */

static void test_retransmit_direct(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct sk_buff *syn;
	const uint8_t *th;
	u32 t0, t1;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	sk->sk_state = TCP_SYN_SENT;
	t0 = tcp_time_stamp(ts->net);
	EXPECT_EQ(tcp_connect(sk), 0);
	syn = tcp_write_queue_head(sk);
	cs_clock_advance(ts->clock, 1000ULL * 1000000ULL);
	t1 = tcp_time_stamp(ts->net);
	EXPECT_EQ(t1, t0 + 1000);

	STEP("retransmit while the first clone is still below: copy, spurious");
	inet_csk(sk)->icsk_mtup.probe_size = 1000;
	EXPECT_EQ(tcp_retransmit_skb(sk, syn), 0);
	EXPECT_EQ(inet_csk(sk)->icsk_mtup.probe_size, 0);
	EXPECT_EQ(nsent, 2);
	EXPECT_EQ(mib("TCPSpuriousRtxHostQueues"), 1);
	EXPECT_EQ(mib("RetransSegs"), 1);
	EXPECT_EQ(mib("OutSegs"), 1);
	EXPECT_EQ(tp->total_retrans, 1);
	EXPECT_EQ(tp->retrans_out, 1);
	EXPECT(TCP_SKB_CB(syn)->sacked & TCPCB_RETRANS);
	EXPECT_EQ(TCP_SKB_CB(syn)->when, t1);
	EXPECT_EQ(TCP_SKB_CB(syn)->ack_seq, tp->snd_nxt);
	STEP("retrans_stamp keeps the first SYN's time");
	EXPECT_EQ(tp->retrans_stamp, t0);
	STEP("same seq and options, fresh TSval");
	th = (const uint8_t *)tcp_hdr(sent[1]);
	EXPECT(memcmp(th + 4, (const uint8_t[]){ 0x00, 0x0f, 0x42, 0x40 }, 4) == 0);
	EXPECT(memcmp(th + 20, (const uint8_t[]){ 2, 4, 5, 0xb4, 4, 2, 8, 10 }, 8) == 0);
	EXPECT_EQ((u32)th[28] << 24 | (u32)th[29] << 16 | (u32)th[30] << 8 | th[31], t1);

	STEP("two clones still below: more than 1.25 x the queue -> EAGAIN");
	EXPECT_EQ(tcp_retransmit_skb(sk, syn), -EAGAIN);
	EXPECT_EQ(nsent, 2);
	EXPECT_EQ(mib("RetransSegs"), 1);
	free_sent();

	STEP("retrans_stamp 0: set to this retransmission's time");
	tp->retrans_stamp = 0;
	EXPECT_EQ(tcp_retransmit_skb(sk, syn), 0);
	EXPECT_EQ(tp->retrans_stamp, t1);
	EXPECT_EQ(mib("TCPSpuriousRtxHostQueues"), 1);
	EXPECT_EQ(tp->total_retrans, 2);
	free_sent();

	STEP("route lost: EHOSTUNREACH, nothing sent");
	rebuild_ret = -ENETUNREACH;
	EXPECT_EQ(tcp_retransmit_skb(sk, syn), -EHOSTUNREACH);
	EXPECT_EQ(nsent, 0);
	rebuild_ret = 0;
	STEP("segment beyond the peer's window (and not at snd_una): EAGAIN");
	tp->snd_una = 999990;
	tp->snd_wnd = 5;
	EXPECT_EQ(tcp_retransmit_skb(sk, syn), -EAGAIN);
	EXPECT_EQ(mib("RetransSegs"), 2);
	hand_sock_done(sk, fd);
	teardown();
}

/* ---------------------------------------------------- FIN, RST, SYN-ACK */

static void fin_state(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	established(sk);
	sk->sk_state = TCP_FIN_WAIT1;
	tp->rx_opt.tstamp_ok = 0;
	tp->tcp_header_len = 20;
	tp->rx_opt.mss_clamp = 1460;
	tp->snd_cwnd = 10;
	tp->packets_out = 0;
}

static void test_send_fin(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	const uint8_t *th;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	fin_state(sk);
	STEP("nothing queued: a new FIN|ACK segment, sent at once");
	tcp_send_fin(sk);
	EXPECT_EQ(nsent, 1);
	th = (const uint8_t *)tcp_hdr(sent[0]);
	EXPECT_EQ(th[13], TCPHDR_FIN | TCPHDR_ACK);
	EXPECT(memcmp(th + 4, (const uint8_t[]){ 0x00, 0x0f, 0x42, 0x41 }, 4) == 0);
	EXPECT_EQ(tp->write_seq, 1000002);
	EXPECT_EQ(tp->snd_nxt, 1000002);
	EXPECT_EQ(tp->packets_out, 1);
	EXPECT(tcp_send_head(sk) == NULL);
	EXPECT_EQ(sk->sk_write_queue.qlen, 1);
	EXPECT_EQ(inet_csk(sk)->icsk_pending, ICSK_TIME_RETRANS);
	hand_sock_done(sk, fd);

	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	fin_state(sk);
	tp->snd_wnd = 0;
	STEP("zero window: the FIN waits as send head, probe timer armed");
	tcp_send_fin(sk);
	EXPECT_EQ(nsent, 0);
	EXPECT(tcp_send_head(sk) != NULL);
	EXPECT_EQ(tp->packets_out, 0);
	EXPECT_EQ(inet_csk(sk)->icsk_pending, ICSK_TIME_PROBE0);
	STEP("the FIN is not held by a full congestion window");
	tp->snd_wnd = 100;
	tp->snd_cwnd = 0;
	__tcp_push_pending_frames(sk, 1460, TCP_NAGLE_OFF);
	EXPECT_EQ(nsent, 1);
	EXPECT_EQ(tp->snd_nxt, 1000002);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_send_fin_piggyback(void)
{
	struct sk_buff *skb;
	struct sock *sk;
	struct tcp_sock *tp;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	fin_state(sk);
	sk->sk_state = TCP_CLOSE;
	skb = alloc_skb_fclone(MAX_TCP_HEADER);
	skb_reserve(skb, MAX_TCP_HEADER);
	tcp_init_nondata_skb(skb, tp->write_seq, TCPHDR_ACK);
	__skb_queue_tail(&sk->sk_write_queue, skb);
	sk->sk_send_head = skb;
	STEP("an unsent segment is waiting: the FIN rides on it");
	tcp_send_fin(sk);
	EXPECT_EQ(sk->sk_write_queue.qlen, 1);
	EXPECT_EQ(TCP_SKB_CB(skb)->tcp_flags, TCPHDR_ACK | TCPHDR_FIN);
	EXPECT_EQ(TCP_SKB_CB(skb)->end_seq, 1000002);
	EXPECT_EQ(tp->write_seq, 1000002);
	STEP("socket CLOSE: pushing does nothing");
	EXPECT_EQ(nsent, 0);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_send_active_reset(void)
{
	struct sock *sk;
	const uint8_t *th;
	int fd;

	setup();
	sk = hand_sock(&fd);
	established(sk);
	tcp_sk(sk)->rx_opt.tstamp_ok = 0;
	STEP("RST|ACK at snd_nxt, ack rcv_nxt; OutRsts and OutSegs");
	tcp_send_active_reset(sk);
	EXPECT_EQ(nsent, 1);
	th = (const uint8_t *)tcp_hdr(sent[0]);
	EXPECT_EQ(th[13], TCPHDR_RST | TCPHDR_ACK);
	EXPECT_EQ(th[12], 0x50);
	EXPECT(memcmp(th + 4, (const uint8_t[]){ 0x00, 0x0f, 0x42, 0x41, 0, 0, 0x1e, 0x61 }, 8) == 0);
	EXPECT_EQ(mib("OutRsts"), 1);
	EXPECT_EQ(mib("OutSegs"), 1);
	EXPECT_EQ(mib("TCPAbortFailed"), 0);
	STEP("failed transmit: TCPAbortFailed, still counted in OutRsts");
	xmit_ret = -ENOBUFS;
	tcp_send_active_reset(sk);
	EXPECT_EQ(mib("TCPAbortFailed"), 1);
	EXPECT_EQ(mib("OutRsts"), 2);
	hand_sock_done(sk, fd);
	teardown();
}

static void test_send_synack(void)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct sk_buff *syn;
	const uint8_t *th;
	int fd;

	setup();
	sk = hand_sock(&fd);
	tp = tcp_sk(sk);
	sk->sk_state = TCP_SYN_SENT;
	STEP("no SYN queued: EFAULT");
	EXPECT_EQ(tcp_send_synack(sk), -EFAULT);
	ts->net->sysctl.tcp_ecn = 1;
	EXPECT_EQ(tcp_connect(sk), 0);
	syn = tcp_write_queue_head(sk);
	STEP("crossed SYN: the queued SYN (still cloned below) is copied, ACK added");
	sk->sk_state = TCP_SYN_RECV;
	tp->rcv_nxt = 5556;
	EXPECT_EQ(tcp_send_synack(sk), 0);
	EXPECT_EQ(nsent, 2);
	EXPECT(tcp_write_queue_head(sk) != syn);
	EXPECT_EQ(sk->sk_write_queue.qlen, 1);
	EXPECT_EQ(sk->sk_wmem_queued, (int)tcp_write_queue_head(sk)->truesize);
	th = (const uint8_t *)tcp_hdr(sent[1]);
	STEP("same ISN, ack = rcv_nxt, SYN|ACK|ECE (CWR dropped), unscaled window, SYN options");
	EXPECT(memcmp(th + 4, (const uint8_t[]){ 0x00, 0x0f, 0x42, 0x40, 0, 0, 0x15, 0xb4 }, 8) == 0);
	EXPECT_EQ(th[12], 0xa0);
	EXPECT_EQ(th[13], TCPHDR_SYN | TCPHDR_ACK | TCPHDR_ECE);
	EXPECT_EQ(th[14] << 8 | th[15], 14600);
	EXPECT(memcmp(th + 20, (const uint8_t[]){ 2, 4, 5, 0xb4, 4, 2, 8, 10 }, 8) == 0);
	STEP("again: already a SYN-ACK, just sent with a fresh `when`");
	free_sent();
	cs_clock_advance(ts->clock, 3000ULL * 1000000ULL);
	EXPECT_EQ(tcp_send_synack(sk), 0);
	EXPECT_EQ(TCP_SKB_CB(tcp_write_queue_head(sk))->when, tcp_time_stamp(ts->net));
	EXPECT_EQ(nsent, 1);
	STEP("head is not a SYN: EFAULT");
	TCP_SKB_CB(tcp_write_queue_head(sk))->tcp_flags = TCPHDR_ACK;
	EXPECT_EQ(tcp_send_synack(sk), -EFAULT);
	hand_sock_done(sk, fd);
	teardown();
}

/* ------------------------------------------------- the SYN on the wire */

static const uint8_t peer_ip[4] = { 10, 77, 0, 2 };
static const uint8_t own_ip[4] = { 10, 77, 0, 1 };

struct conn {
	int fd;
	struct sock *sk;
	u32 isn, jiffies;
};

/* Non-blocking connect to TS_PEER:80; the ISN and the jiffies of the
 * connect are read back from the socket and the clock. */
static struct conn start_connect(void)
{
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);
	struct conn c;

	c.sk = new_sock(&c.fd);
	EXPECT_EQ(cs_fcntl(ts->net, c.fd, F_SETFL, O_NONBLOCK), 0);
	c.jiffies = tcp_time_stamp(ts->net);
	EXPECT_EQ(cs_connect(ts->net, c.fd, (struct sockaddr *)&sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	c.isn = tcp_sk(c.sk)->snd_una;
	return c;
}

static u32 get32(const uint8_t *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* Check Ethernet, IPv4 and the fixed TCP fields of a SYN; returns the TCP
 * header for the options. */
static const uint8_t *check_syn_frame(const uint8_t *f, size_t n, const struct conn *c,
				      unsigned int doff, uint8_t flags, u16 ip_id)
{
	const uint8_t *ip = f + 14, *th = ip + 20;
	unsigned int tot_len = 20 + doff * 4;

	EXPECT(n >= 14 + tot_len);
	EXPECT(memcmp(f, ts_peer_mac, 6) == 0);
	EXPECT(memcmp(f + 6, ts_mac, 6) == 0);
	EXPECT(f[12] == 0x08 && f[13] == 0x00);
	STEP("IPv4: 0x45, TOS 0, tot_len %u, ID %u, DF, TTL 64, TCP", tot_len, ip_id);
	EXPECT_EQ(ip[0], 0x45);
	EXPECT_EQ(ip[1], 0);
	EXPECT_EQ(ip[2] << 8 | ip[3], tot_len);
	EXPECT_EQ(ip[4] << 8 | ip[5], ip_id);
	EXPECT(ip[6] == 0x40 && ip[7] == 0x00);
	EXPECT_EQ(ip[8], 64);
	EXPECT_EQ(ip[9], 6);
	EXPECT_EQ(ts_inet_csum(ip, 20, 0), 0);
	EXPECT(memcmp(ip + 12, own_ip, 4) == 0);
	EXPECT(memcmp(ip + 16, peer_ip, 4) == 0);
	STEP("TCP: ports, seq = ISN, ack 0, doff %u, flags %#x, window 14600", doff, flags);
	EXPECT_EQ(th[0] << 8 | th[1], ntohs(inet_sk(c->sk)->inet_sport));
	EXPECT_EQ(th[2] << 8 | th[3], 80);
	EXPECT_EQ(get32(th + 4), c->isn);
	EXPECT_EQ(get32(th + 8), 0);
	EXPECT_EQ(th[12], doff << 4);
	EXPECT_EQ(th[13], flags);
	EXPECT_EQ(th[14] << 8 | th[15], 14600);
	EXPECT(th[18] == 0 && th[19] == 0);
	EXPECT_EQ(ts_tcp_csum_check(ip), 0);
	return th;
}

static void put32(uint8_t *p, u32 v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void test_syn_frame_default(void)
{
	uint8_t f[1600], want[20] = { 2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0,
				      0, 0, 0, 0, 1, 3, 3, 7 };
	const uint8_t *th;
	struct conn c;
	size_t n;

	setup();
	c = start_connect();
	n = ts_take_ip(ts, f, sizeof(f));
	STEP("the SYN after ARP: %zu bytes", n);
	EXPECT_EQ(n, 74);
	th = check_syn_frame(f, n, &c, 10, 0x02, (u16)((c.isn ^ c.jiffies) & 0xffff));
	put32(want + 8, c.jiffies);
	STEP("options: MSS 1460, SACK-perm + TS (TSval = jiffies, TSecr 0), NOP WS 7");
	EXPECT(memcmp(th + 20, want, 20) == 0);
	EXPECT_EQ(mib("ActiveOpens"), 1);
	EXPECT_EQ(mib("OutSegs"), 1);
	cs_close(ts->net, c.fd);
	teardown();
}

static void syn_variant(const char *const *sysctls, unsigned int doff, uint8_t flags,
			const uint8_t *opts, size_t optlen, int ts_at)
{
	uint8_t f[1600], want[40];
	const uint8_t *th;
	struct conn c;
	size_t n;

	ts = ts_new(sysctls);
	c = start_connect();
	n = ts_take_ip(ts, f, sizeof(f));
	th = check_syn_frame(f, n, &c, doff, flags, (u16)((c.isn ^ c.jiffies) & 0xffff));
	memcpy(want, opts, optlen);
	if (ts_at >= 0)
		put32(want + ts_at, c.jiffies);
	EXPECT(memcmp(th + 20, want, optlen) == 0);
	cs_close(ts->net, c.fd);
	teardown();
}

static void test_syn_frame_variants(void)
{
	STEP("timestamps off: MSS, NOP NOP SACK-perm, NOP WS -> doff 8");
	syn_variant((const char *const[]){ "connscope.fixed_secrets=1",
		"net.ipv4.tcp_timestamps=0", NULL }, 8, 0x02,
		(const uint8_t[]){ 2, 4, 5, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7 }, 12, -1);
	STEP("SACK off: MSS, NOP NOP TS, NOP WS -> doff 10");
	syn_variant((const char *const[]){ "connscope.fixed_secrets=1",
		"net.ipv4.tcp_sack=0", NULL }, 10, 0x02,
		(const uint8_t[]){ 2, 4, 5, 0xb4, 1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0,
				   1, 3, 3, 7 }, 20, 8);
	STEP("window scaling off: MSS, SACK-perm + TS -> doff 9");
	syn_variant((const char *const[]){ "connscope.fixed_secrets=1",
		"net.ipv4.tcp_window_scaling=0", NULL }, 9, 0x02,
		(const uint8_t[]){ 2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0 }, 16, 8);
	STEP("all off: MSS only -> doff 6");
	syn_variant((const char *const[]){ "connscope.fixed_secrets=1",
		"net.ipv4.tcp_timestamps=0", "net.ipv4.tcp_sack=0",
		"net.ipv4.tcp_window_scaling=0", NULL }, 6, 0x02,
		(const uint8_t[]){ 2, 4, 5, 0xb4 }, 4, -1);
	STEP("tcp_ecn=1: SYN|ECE|CWR");
	syn_variant((const char *const[]){ "connscope.fixed_secrets=1",
		"net.ipv4.tcp_ecn=1", NULL }, 10, 0xc2,
		(const uint8_t[]){ 2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0,
				   1, 3, 3, 7 }, 20, 8);
}

static void test_syn_retransmit_frame(void)
{
	uint8_t f1[1600], f2[1600];
	const uint8_t *th1, *th2;
	struct conn c;
	size_t n1, n2;

	setup();
	c = start_connect();
	n1 = ts_take_ip(ts, f1, sizeof(f1));
	th1 = check_syn_frame(f1, n1, &c, 10, 0x02, (u16)((c.isn ^ c.jiffies) & 0xffff));
	STEP("RTO 1 s: the retransmit timer sends the SYN again");
	ts_advance_ms(ts, 1000);
	n2 = ts_take_ip(ts, f2, sizeof(f2));
	EXPECT_EQ(n2, 74);
	th2 = check_syn_frame(f2, n2, &c, 10, 0x02,
			      (u16)(((c.isn ^ c.jiffies) + 1) & 0xffff));
	STEP("same seq and options, TSval = jiffies + 1000");
	EXPECT(memcmp(th2 + 20, th1 + 20, 8) == 0);
	EXPECT_EQ(get32(th2 + 28), c.jiffies + 1000);
	EXPECT(memcmp(th2 + 32, th1 + 32, 8) == 0);
	EXPECT_EQ(mib("RetransSegs"), 1);
	EXPECT_EQ(mib("OutSegs"), 1);
	EXPECT_EQ(tcp_sk(c.sk)->total_retrans, 1);
	EXPECT_EQ(tcp_sk(c.sk)->retrans_stamp, c.jiffies);
	cs_close(ts->net, c.fd);
	teardown();
}

/* ---------------------------------------------------------- registration */

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("tcp_output", suite_init, NULL);

	CU_add_test(s, "initial window, MTU 1500", test_initial_window_mtu1500);
	CU_add_test(s, "initial window, large mss", test_initial_window_big_mss);
	CU_add_test(s, "initial window, no window scaling", test_initial_window_no_wscale);
	CU_add_test(s, "initial window, clamp and initrwnd", test_initial_window_clamp_and_initrwnd);
	CU_add_test(s, "initial window, signed-window workaround", test_initial_window_signed_workaround);
	CU_add_test(s, "initial window, rmem_max", test_initial_window_rmem_max);
	CU_add_test(s, "select window, scaled", test_select_window_scaled);
	CU_add_test(s, "select window, unscaled", test_select_window_unscaled);
	CU_add_test(s, "select window, zero", test_select_window_zero);
	CU_add_test(s, "acceptable seq", test_acceptable_seq);
	CU_add_test(s, "mtu to mss", test_mtu_mss);
	CU_add_test(s, "mtu probing init", test_mtup);
	CU_add_test(s, "current mss", test_current_mss);
	CU_add_test(s, "advertised mss", test_advertise_mss);
	CU_add_test(s, "options write", test_options_write);
	CU_add_test(s, "syn and established options", test_syn_and_established_options);
	CU_add_test(s, "ECN on the SYN", test_ecn_syn);
	CU_add_test(s, "non-data skb", test_init_nondata_skb);
	CU_add_test(s, "transmit SYN: clone, header, counters", test_transmit_syn);
	CU_add_test(s, "transmit return values", test_transmit_returns);
	CU_add_test(s, "send ack", test_send_ack);
	CU_add_test(s, "send ack: ECN and urgent", test_send_ack_ecn_urg);
	CU_add_test(s, "ECN marks on data", test_ecn_send_data);
	CU_add_test(s, "connect init defaults", test_connect_init_defaults);
	CU_add_test(s, "connect init variants", test_connect_init_variants);
	CU_add_test(s, "connect", test_connect_direct);
	CU_add_test(s, "connect transmit errors", test_connect_xmit_errors);
	CU_add_test(s, "connect repair", test_connect_repair);
	CU_add_test(s, "retransmit", test_retransmit_direct);
	CU_add_test(s, "send fin", test_send_fin);
	CU_add_test(s, "send fin on a queued segment", test_send_fin_piggyback);
	CU_add_test(s, "active reset", test_send_active_reset);
	CU_add_test(s, "send synack", test_send_synack);
	CU_add_test(s, "SYN frame, defaults", test_syn_frame_default);
	CU_add_test(s, "SYN frame, sysctl variants", test_syn_frame_variants);
	CU_add_test(s, "SYN retransmission frame", test_syn_retransmit_frame);
}
