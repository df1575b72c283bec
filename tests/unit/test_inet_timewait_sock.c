// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_inet_timewait_sock.c - core/inet_timewait_sock.c and
 * core/tcp_minisocks.c: tcp_time_wait on an established socket (what the
 * TIME-WAIT sock copies, where it sits, its references and timer), expiry
 * after 60 s, the FIN_WAIT2 timeout rule, bucket overflow, early
 * deschedule, reschedule, and the TIME-WAIT rules of connect(): a matching
 * TIME-WAIT sock blocks the port with tcp_tw_reuse=0, is recycled with
 * tcp_tw_reuse=1 and a timestamp older than one second, and is always
 * recycled for a bound port when the peer used timestamps.
 */
#include "hash_test_util.h"

#define PEER_PORT 80
#define PEER_ISN 0x10000000u
#define PEER_TSVAL 777

/* An ESTABLISHED socket to TS_PEER:@dport (timestamps on when @tsval). */
static int est_socket(struct test_stack *ts, int fd, unsigned short dport, uint32_t tsval)
{
	if (fd < 0)
		fd = hu_socket(ts);
	EXPECT_EQ(hu_connect(ts, fd, TS_PEER, dport), EINPROGRESS);
	EXPECT(hu_handshake(ts, PEER_ISN, tsval) != 0);
	EXPECT_EQ(hu_sk(ts, fd)->sk_state, TCP_ESTABLISHED);
	return fd;
}

/* The first TIME-WAIT sock in the twchain of @sk_hash's slot. */
static struct inet_timewait_sock *tw_at(struct net *net, unsigned int hash)
{
	struct hlist_node *n =
		net->tcp_hashinfo.ehash[hash & net->tcp_hashinfo.ehash_mask].twchain.first;

	return n ? inet_twsk(container_of(n, struct sock_common, skc_node)) : NULL;
}

/* FIN exchange done: FIN_WAIT2, then tcp_time_wait(@state, @timeo). */
static void enter_tw(struct sock *sk, int state, int timeo)
{
	tcp_set_state(sk, TCP_FIN_WAIT2);
	tcp_time_wait(sk, state, timeo);
}

/* tcp_time_wait: the TIME-WAIT sock takes the socket's place in ehash
 * (twchain of the same slot) and in its bind bucket, copies its identity
 * and TCP state, holds three references, and dies in 60 s. */
static void test_time_wait_enter(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int fd = est_socket(ts, -1, PEER_PORT, PEER_TSVAL);
	struct sock *sk = hu_sk(ts, fd);
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned short port = inet_sk(sk)->inet_num;
	unsigned int hash = sk->sk_hash;
	u32 snd_nxt = tp->snd_nxt, rcv_nxt = tp->rcv_nxt, id = sk->sk_id;
	u32 wnd = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;
	long stamp = tp->rx_opt.ts_recent_stamp;
	unsigned long now = net_jiffies(net);
	struct inet_timewait_sock *tw;
	struct sock_common *found;

	STEP("established on port %u, ts_recent %u stamp %ld", port, tp->rx_opt.ts_recent, stamp);
	EXPECT_EQ(tp->rx_opt.ts_recent, PEER_TSVAL);
	EXPECT_EQ(stamp, net_get_seconds(net));
	inet_sk(sk)->tos = 0x10;	/* IP_TOS: inet_twsk_alloc copies it (3.10) */
	enter_tw(sk, TCP_TIME_WAIT, 0);
	tw = tw_at(net, hash);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tw);
	STEP("the socket left: CLOSE, unhashed, port given back");
	EXPECT_EQ(sk->sk_state, TCP_CLOSE);
	EXPECT(sk_unhashed(sk));
	EXPECT_EQ(hu_ehash_count(net, hash & net->tcp_hashinfo.ehash_mask, 0), 0);
	EXPECT_EQ(hu_ehash_count(net, hash & net->tcp_hashinfo.ehash_mask, 1), 1);
	STEP("identity and TCP state copied");
	EXPECT_EQ(tw->tw_state, TCP_TIME_WAIT);
	EXPECT_EQ(tw->tw_substate, TCP_TIME_WAIT);
	EXPECT_EQ(tw->tw_num, port);
	EXPECT_EQ(ntohs(tw->tw_sport), port);
	EXPECT_EQ(tw->tw_dport, htons(PEER_PORT));
	EXPECT_EQ(tw->tw_daddr, inet_addr(TS_PEER));
	EXPECT_EQ(tw->tw_rcv_saddr, inet_addr(TS_ADDR));
	EXPECT_EQ(tw->tw_hash, hash);
	EXPECT_EQ(tw->tw_tos, 0x10);
	EXPECT_EQ(tw->tw_snd_nxt, snd_nxt);
	EXPECT_EQ(tw->tw_rcv_nxt, rcv_nxt);
	EXPECT_EQ(tw->tw_rcv_wnd, wnd);
	EXPECT_EQ(tw->tw_ts_recent, PEER_TSVAL);
	EXPECT_EQ(tw->tw_ts_recent_stamp, stamp);
	EXPECT(tw->tw_id != id && tw->tw_id != 0);
	EXPECT(tw->__tw_common.skc_tw);
	STEP("in the bind bucket, the only owner");
	EXPECT(tw->tw_tb == hu_bucket(net, port));
	EXPECT(hu_bucket(net, port)->owners.first == &tw->tw_bind_node);
	EXPECT(tw->tw_bind_node.next == NULL);
	STEP("references: bhash, ehash, death row; timer at +60 s");
	EXPECT_EQ(atomic_load(&tw->tw_refcnt), 3);
	EXPECT_EQ(net->tcp_death_row.tw_count, 1);
	EXPECT_EQ(tw->tw_timeout, TCP_TIMEWAIT_LEN);
	EXPECT(timer_pending(&tw->tw_timer));
	EXPECT_EQ(tw->tw_timer.expires, now + TCP_TIMEWAIT_LEN);
	EXPECT_EQ(tw->tw_ttd, now + TCP_TIMEWAIT_LEN);
	STEP("a lookup finds it, held");
	found = __inet_lookup_established(net, inet_addr(TS_PEER), htons(PEER_PORT),
					  inet_addr(TS_ADDR), port, 0);
	EXPECT(found == &tw->__tw_common);
	EXPECT_EQ(atomic_load(&tw->tw_refcnt), 4);
	inet_twsk_put(tw);
	EXPECT_EQ(atomic_load(&tw->tw_refcnt), 3);
	ts_free(ts);			/* purges it */
}

/* After TCP_TIMEWAIT_LEN the timer kills it: out of ehash and the bind
 * bucket (which goes), TcpExt TW counted, death row empty. */
static void test_time_wait_expiry(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct sock *sk = hu_sk(ts, est_socket(ts, -1, PEER_PORT, PEER_TSVAL));
	unsigned short port = inet_sk(sk)->inet_num;
	unsigned int slot = sk->sk_hash & net->tcp_hashinfo.ehash_mask;

	enter_tw(sk, TCP_TIME_WAIT, 0);
	STEP("59.999 s later");
	ts_advance_ms(ts, TCP_TIMEWAIT_LEN - 1);
	EXPECT_EQ(hu_ehash_count(net, slot, 1), 1);
	EXPECT_EQ(hu_mib(ts, "TW"), 0);
	STEP("60 s");
	ts_advance_ms(ts, 1);
	EXPECT_EQ(hu_ehash_count(net, slot, 1), 0);
	EXPECT(hu_bucket(net, port) == NULL);
	EXPECT_EQ(hu_mib(ts, "TW"), 1);
	EXPECT_EQ(net->tcp_death_row.tw_count, 0);
	ts_free(ts);
}

/* A dead FIN_WAIT2 waits @timeo, but at least 3.5 RTO; TIME_WAIT always
 * waits TCP_TIMEWAIT_LEN whatever @timeo says. */
static void test_fin_wait2_timeo(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int a = est_socket(ts, -1, PEER_PORT, PEER_TSVAL);
	int b = est_socket(ts, -1, PEER_PORT + 1, PEER_TSVAL);
	int c = est_socket(ts, -1, PEER_PORT + 2, PEER_TSVAL);
	struct sock *sa = hu_sk(ts, a), *sb = hu_sk(ts, b), *sc = hu_sk(ts, c);
	unsigned int ha = sa->sk_hash, hb = sb->sk_hash, hc = sc->sk_hash;
	unsigned long now = net_jiffies(net);
	u32 rto = inet_csk(sa)->icsk_rto;
	long rto35 = (long)((rto << 2) - (rto >> 1));

	STEP("rto %u: FIN_WAIT2 for 1 jiffy waits %ld", rto, rto35);
	enter_tw(sa, TCP_FIN_WAIT2, 1);
	EXPECT_EQ(tw_at(net, ha)->tw_substate, TCP_FIN_WAIT2);
	EXPECT_EQ(tw_at(net, ha)->tw_timer.expires, now + (unsigned long)rto35);
	EXPECT_EQ(tw_at(net, ha)->tw_timeout, TCP_TIMEWAIT_LEN);
	STEP("FIN_WAIT2 for 10 s");
	enter_tw(sb, TCP_FIN_WAIT2, 10000);
	EXPECT_EQ(tw_at(net, hb)->tw_timer.expires, now + 10000);
	STEP("TIME_WAIT asked for 10 s: 60 s");
	enter_tw(sc, TCP_TIME_WAIT, 10000);
	EXPECT_EQ(tw_at(net, hc)->tw_timer.expires, now + TCP_TIMEWAIT_LEN);
	EXPECT_EQ(net->tcp_death_row.tw_count, 3);
	ts_free(ts);
}

/* Past tcp_max_tw_buckets no TIME-WAIT sock is made: the socket simply
 * closes (TCPTimeWaitOverflow) and its port is free at once. */
static void test_overflow(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1", "net.ipv4.tcp_max_tw_buckets=0",
				   NULL };
	struct test_stack *ts = ts_new(kv);
	struct sock *sk = hu_sk(ts, est_socket(ts, -1, PEER_PORT, PEER_TSVAL));
	unsigned short port = inet_sk(sk)->inet_num;
	unsigned int slot = sk->sk_hash & ts->net->tcp_hashinfo.ehash_mask;

	enter_tw(sk, TCP_TIME_WAIT, 0);
	EXPECT_EQ(hu_mib(ts, "TCPTimeWaitOverflow"), 1);
	EXPECT_EQ(sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(hu_ehash_count(ts->net, slot, 1), 0);
	EXPECT(hu_bucket(ts->net, port) == NULL);
	EXPECT_EQ(ts->net->tcp_death_row.tw_count, 0);
	ts_free(ts);
}

/* inet_twsk_deschedule cancels the timer (death row's reference), unlinks
 * the sock from both tables and leaves only the caller's reference;
 * inet_twsk_schedule on a scheduled sock re-arms without a new reference. */
static void test_schedule_deschedule(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct sock *sk = hu_sk(ts, est_socket(ts, -1, PEER_PORT, PEER_TSVAL));
	unsigned short port = inet_sk(sk)->inet_num;
	unsigned int hash = sk->sk_hash;
	struct inet_timewait_sock *tw;
	unsigned long now = net_jiffies(net);

	enter_tw(sk, TCP_TIME_WAIT, 0);
	tw = tw_at(net, hash);
	STEP("reschedule for 5 s");
	inet_twsk_schedule(tw, &net->tcp_death_row, 5000);
	EXPECT_EQ(atomic_load(&tw->tw_refcnt), 3);
	EXPECT_EQ(net->tcp_death_row.tw_count, 1);
	EXPECT_EQ(tw->tw_timer.expires, now + 5000);
	STEP("deschedule with a reference of our own");
	atomic_fetch_add(&tw->tw_refcnt, 1);
	inet_twsk_deschedule(tw, &net->tcp_death_row);
	EXPECT(!timer_pending(&tw->tw_timer));
	EXPECT_EQ(net->tcp_death_row.tw_count, 0);
	EXPECT(tw_at(net, hash) == NULL);
	EXPECT(hu_bucket(net, port) == NULL);
	EXPECT(tw->tw_tb == NULL);
	EXPECT_EQ(atomic_load(&tw->tw_refcnt), 1);
	inet_twsk_put(tw);
	ts_advance_ms(ts, TCP_TIMEWAIT_LEN);
	EXPECT_EQ(hu_mib(ts, "TW"), 0);
	ts_free(ts);
}

/* twsk_unique asks sk_prot->twsk_unique; without one the answer is no. */
static void test_twsk_unique_dispatch(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	struct sock *sk = hu_sk(ts, est_socket(ts, -1, PEER_PORT, PEER_TSVAL));
	struct sock *other = hu_sk(ts, hu_socket(ts));
	unsigned int hash = sk->sk_hash;
	struct proto *saved = other->sk_prot, copy = *other->sk_prot;
	struct inet_timewait_sock *tw;

	enter_tw(sk, TCP_TIME_WAIT, 0);
	tw = tw_at(net, hash);
	STEP("tcp_twsk_unique, twp NULL, peer used timestamps: yes");
	EXPECT_EQ(twsk_unique(other, &tw->__tw_common, NULL), 1);
	inet_twsk_put(tw);		/* the reference a yes takes */
	STEP("no hook: no");
	copy.twsk_unique = NULL;
	other->sk_prot = &copy;
	EXPECT_EQ(twsk_unique(other, &tw->__tw_common, NULL), 0);
	other->sk_prot = saved;
	EXPECT_EQ(atomic_load(&tw->tw_refcnt), 3);
	ts_free(ts);
}

/* One-port range, tcp_tw_reuse=0: a TIME-WAIT sock for the same
 * destination makes the port busy (EADDRNOTAVAIL); another destination
 * shares the port. */
static void test_tw_blocks_port(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1",
				   "net.ipv4.ip_local_port_range=40000 40000", NULL };
	struct test_stack *ts = ts_new(kv);
	struct sock *sk = hu_sk(ts, est_socket(ts, -1, PEER_PORT, PEER_TSVAL));
	int b = hu_socket(ts);

	tcp_sk(sk)->rx_opt.ts_recent_stamp -= 10;
	enter_tw(sk, TCP_TIME_WAIT, 0);
	STEP("same destination");
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	EXPECT_EQ(hu_mib(ts, "TWRecycled"), 0);
	EXPECT_EQ(ts->net->tcp_death_row.tw_count, 1);
	STEP("another destination");
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT + 1), EINPROGRESS);
	EXPECT_EQ(hu_syn_sport(ts, NULL), 40000);
	EXPECT_EQ(ts->net->tcp_death_row.tw_count, 1);
	ts_free(ts);
}

/* tcp_tw_reuse=1: a timestamp exactly one second old is not enough; older
 * than one second, connect() recycles the TIME-WAIT sock: TWRecycled, the
 * sock leaves the tables and death row, and the new ISN is tw_snd_nxt +
 * 65535 + 2 with the peer's timestamp carried over. */
static void test_tw_reuse(void)
{
	const char *const kv[] = { "connscope.fixed_secrets=1", "net.ipv4.tcp_tw_reuse=1",
				   "net.ipv4.ip_local_port_range=40000 40000", NULL };
	struct test_stack *ts = ts_new(kv);
	struct net *net = ts->net;
	struct sock *sk = hu_sk(ts, est_socket(ts, -1, PEER_PORT, PEER_TSVAL));
	unsigned int hash = sk->sk_hash;
	int b = hu_socket(ts);
	struct inet_timewait_sock *tw;
	u32 snd_nxt, seq = 0;

	enter_tw(sk, TCP_TIME_WAIT, 0);
	tw = tw_at(net, hash);
	snd_nxt = tw->tw_snd_nxt;
	STEP("stamp now - 1");
	tw->tw_ts_recent_stamp = net_get_seconds(net) - 1;
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	STEP("stamp now - 2");
	tw->tw_ts_recent_stamp = net_get_seconds(net) - 2;
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT), EINPROGRESS);
	EXPECT_EQ(hu_mib(ts, "TWRecycled"), 1);
	EXPECT_EQ(inet_sk(hu_sk(ts, b))->inet_num, 40000);
	EXPECT(tw_at(net, hash) == NULL);
	EXPECT_EQ(net->tcp_death_row.tw_count, 0);
	EXPECT_EQ(hu_bucket(net, 40000)->num_owners, 1);
	EXPECT(hu_bucket(net, 40000)->owners.first == &hu_sk(ts, b)->sk_bind_node);
	EXPECT(hu_bucket(net, 40000)->owners.first->next == NULL);
	EXPECT_EQ(tcp_sk(hu_sk(ts, b))->rx_opt.ts_recent, PEER_TSVAL);
	STEP("the SYN starts at tw_snd_nxt + 65537");
	EXPECT_EQ(hu_syn_sport(ts, &seq), 40000);
	EXPECT_EQ(seq, snd_nxt + 65535 + 2);
	ts_advance_ms(ts, 10);
	EXPECT_EQ(hu_mib(ts, "TW"), 0);
	ts_free(ts);
}

/* A bound port shared with a TIME-WAIT sock: check_established recycles it
 * whatever tcp_tw_reuse says if the peer used timestamps, and refuses it
 * (EADDRNOTAVAIL) if the peer did not. */
static void test_tw_bound_port(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct net *net = ts->net;
	int a = hu_socket(ts), b = hu_socket(ts), c = hu_socket(ts), d = hu_socket(ts);
	struct inet_timewait_sock *tw;
	unsigned int hash;
	u32 snd_nxt, seq = 0;

	hu_setopt(ts, a, SO_REUSEADDR, 1);
	hu_setopt(ts, b, SO_REUSEADDR, 1);
	EXPECT_EQ(hu_bind(ts, a, TS_ADDR, 45100), 0);
	est_socket(ts, a, PEER_PORT, PEER_TSVAL);
	hash = hu_sk(ts, a)->sk_hash;
	enter_tw(hu_sk(ts, a), TCP_TIME_WAIT, 0);
	tw = tw_at(net, hash);
	snd_nxt = tw->tw_snd_nxt;
	STEP("B binds 45100 next to the TIME-WAIT sock and connects");
	EXPECT_EQ(hu_bind(ts, b, TS_ADDR, 45100), 0);
	EXPECT_EQ(hu_connect(ts, b, TS_PEER, PEER_PORT), EINPROGRESS);
	EXPECT_EQ(hu_mib(ts, "TWRecycled"), 1);
	EXPECT(tw_at(net, hash) == NULL);
	EXPECT_EQ(net->tcp_death_row.tw_count, 0);
	EXPECT_EQ(hu_syn_sport(ts, &seq), 45100);
	EXPECT_EQ(seq, snd_nxt + 65535 + 2);

	STEP("peer without timestamps: the TIME-WAIT sock is kept");
	hu_setopt(ts, c, SO_REUSEADDR, 1);
	hu_setopt(ts, d, SO_REUSEADDR, 1);
	EXPECT_EQ(hu_bind(ts, c, TS_ADDR, 45101), 0);
	est_socket(ts, c, PEER_PORT, 0);
	EXPECT_EQ(tcp_sk(hu_sk(ts, c))->rx_opt.ts_recent_stamp, 0);
	hash = hu_sk(ts, c)->sk_hash;
	enter_tw(hu_sk(ts, c), TCP_TIME_WAIT, 0);
	EXPECT_EQ(hu_bind(ts, d, TS_ADDR, 45101), 0);
	EXPECT_EQ(hu_connect(ts, d, TS_PEER, PEER_PORT), EADDRNOTAVAIL);
	EXPECT(tw_at(net, hash) != NULL);
	EXPECT_EQ(hu_mib(ts, "TWRecycled"), 1);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("inet_timewait_sock", NULL, NULL);

	CU_add_test(s, "tcp_time_wait", test_time_wait_enter);
	CU_add_test(s, "expiry after 60 s", test_time_wait_expiry);
	CU_add_test(s, "FIN_WAIT2 timeout", test_fin_wait2_timeo);
	CU_add_test(s, "tcp_max_tw_buckets overflow", test_overflow);
	CU_add_test(s, "schedule / deschedule", test_schedule_deschedule);
	CU_add_test(s, "twsk_unique dispatch", test_twsk_unique_dispatch);
	CU_add_test(s, "TIME-WAIT blocks the port (tcp_tw_reuse=0)", test_tw_blocks_port);
	CU_add_test(s, "tcp_tw_reuse=1 recycles", test_tw_reuse);
	CU_add_test(s, "bound port with a TIME-WAIT owner", test_tw_bound_port);
}
