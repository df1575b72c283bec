// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_timer.c - TCP's timers (net/ipv4/tcp_timer.c, Linux 3.10): the
 * retransmit timer that repeats the SYN with exponential backoff and gives
 * up after tcp_syn_retries, and the delayed-ACK timer.
 */
#include <errno.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* Deferred-work bits (tsq_flags): a timer that fired while a process
 * owned the socket runs at release_sock (tcp_release_cb). */
#define TCP_WRITE_TIMER_DEFERRED 1
#define TCP_DELACK_TIMER_DEFERRED 2

static unsigned long *tsq_flags(struct sock *sk)
{
	return &tcp_sk(sk)->tsq_flags;
}
#define TSQ_SHIFT 0

/* tcp_write_err - the connection timed out: the soft error (say an ICMP
 * unreachable seen earlier) or ETIMEDOUT, then tcp_done. */
void tcp_write_err(struct sock *sk)
{
	WRITE_ONCE(sk->sk_err, READ_ONCE(sk->sk_err_soft) ? : ETIMEDOUT);
	sk->sk_error_report(sk);
	cs_trace(tcp_write_err, sk, sk->sk_err);
	tcp_done(sk);
	NET_INC_LINUX(sock_net(sk), TCPABORTONTIMEOUT);
}

/* ilog2 (include/linux/log2.h) of a positive 32-bit value: fls(n) - 1. */
#define ilog2(n) (31 - __builtin_clz((unsigned int)(n)))

/*
 * retransmits_timed_out - has the connection been retransmitting for longer
 * than @boundary backoffs of rto_base would take?  3.10 computes the time
 * from the start of retransmission (retrans_stamp) and compares it with the
 * sum of the doubling RTOs, linear once they reach TCP_RTO_MAX.
 */
static bool retransmits_timed_out(struct sock *sk, unsigned int boundary,
				  unsigned int timeout, bool syn_set)
{
	unsigned int linear_backoff_thresh, start_ts;
	unsigned int rto_base = syn_set ? TCP_TIMEOUT_INIT : TCP_RTO_MIN;
	struct sk_buff *head;

	if (!inet_csk(sk)->icsk_retransmits)
		return false;
	start_ts = tcp_sk(sk)->retrans_stamp;
	head = skb_peek(&sk->sk_write_queue);
	if (!start_ts && head)
		start_ts = TCP_SKB_CB(head)->when;
	if (!timeout) {
		linear_backoff_thresh = ilog2(TCP_RTO_MAX / rto_base);
		if (boundary <= linear_backoff_thresh)
			timeout = ((2U << boundary) - 1) * rto_base;
		else
			timeout = ((2U << linear_backoff_thresh) - 1) * rto_base +
				  (boundary - linear_backoff_thresh) * TCP_RTO_MAX;
	}
	return (u32)(tcp_time_stamp(sock_net(sk)) - start_ts) >= timeout;
}

/* sysctl_tcp_orphan_retries (3.10 default 0), not a connscope knob. */
#define TCP_ORPHAN_RETRIES 0

/* tcp_orphan_retries - how often an orphan (closed by the process) may
 * retransmit: 0 after an ICMP error once the RTO hit TCP_RTO_MAX, and 8
 * (over 100 s at a 200 ms RTO) in place of the default 0 otherwise. */
static int tcp_orphan_retries(struct sock *sk, int alive)
{
	int retries = TCP_ORPHAN_RETRIES;

	if (READ_ONCE(sk->sk_err_soft) && !alive)
		retries = 0;
	if (retries == 0 && alive)
		retries = 8;
	return retries;
}

/* tcp_write_timeout - give up?  For SYN_SENT/SYN_RECV the boundary is
 * TCP_SYNCNT or tcp_syn_retries, for an orphan tcp_orphan_retries, else
 * tcp_retries2.  Returns 1 when the connection died.  (3.10's
 * tcp_out_of_resources for orphans never fires here: no orphan count, no
 * memory pool; no TCP_USER_TIMEOUT either.) */
int tcp_write_timeout(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct net *net = sock_net(sk);
	int retry_until;
	bool syn_set = false;

	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		if (icsk->icsk_retransmits)
			sk_dst_reset(sk);	/* dst_negative_advice */
		retry_until = icsk->icsk_syn_retries ? : net->sysctl.tcp_syn_retries;
		syn_set = true;
	} else {
		/* Black hole detection (tcp_mtu_probing: off). */
		if (retransmits_timed_out(sk, (unsigned)net->sysctl.tcp_retries1, 0, false))
			sk_dst_reset(sk);	/* dst_negative_advice */

		retry_until = net->sysctl.tcp_retries2;
		/* 3.10: a dead socket gives up after tcp_orphan_retries. */
		if (sock_flag(sk, SOCK_DEAD))
			retry_until = tcp_orphan_retries(sk, icsk->icsk_rto < TCP_RTO_MAX);
	}

	if (retransmits_timed_out(sk, (unsigned)retry_until, 0, syn_set)) {
		/* Gone just too far. */
		cs_trace(tcp_write_timeout, sk, retry_until, 1);
		tcp_write_err(sk);
		return 1;
	}
	cs_trace(tcp_write_timeout, sk, retry_until, 0);
	return 0;
}

/*
 * tcp_retransmit_timer - the RTO fired with a segment (the SYN, a FIN)
 * unacknowledged: maybe give up, else resend the head of the write queue,
 * double the RTO (at most TCP_RTO_MAX) and re-arm.
 */
void tcp_retransmit_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct net *net = sock_net(sk);

	/* 3.10 first hands a Fast Open SYN-ACK to its own timer: never
	 * here (tcp_fastopen is 0). */

	if (!tp->packets_out)
		goto out;

	cs_trace(tcp_retransmit_timer, sk, icsk->icsk_retransmits, icsk->icsk_rto,
		 icsk->icsk_backoff);

	if (!tp->snd_wnd && !sock_flag(sk, SOCK_DEAD) &&
	    !((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))) {
		/* The peer shrank its window to 0 under our segment (3.10
		 * logs it): probe with it rather than time out, unless the
		 * peer has been silent for longer than TCP_RTO_MAX.  A FIN
		 * of connscope is always an orphan's, so this is not met. */
		if (tcp_time_stamp(net) - tp->rcv_tstamp > TCP_RTO_MAX) {
			tcp_write_err(sk);
			goto out;
		}
		tcp_enter_loss(sk, 0);
		tcp_retransmit_skb(sk, tcp_write_queue_head(sk));
		sk_dst_reset(sk);
		goto out_reset_timer;
	}

	if (tcp_write_timeout(sk))
		goto out;

	if (icsk->icsk_retransmits == 0) {
		/* 3.10 counts the failure of the recovery it was in; with no
		 * congestion state here it is always the CA_Open case. */
		NET_INC_LINUX(net, TCPTIMEOUTS);
	}

	/* Enter loss before every RTO retransmission, so that retrans_out
	 * counts the head once, not once per RTO. */
	tcp_enter_loss(sk, 0);

	if (tcp_retransmit_skb(sk, tcp_write_queue_head(sk)) > 0) {
		/* Local congestion: retry soon without backing off. */
		if (!icsk->icsk_retransmits)
			icsk->icsk_retransmits = 1;
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS,
					  min(icsk->icsk_rto, TCP_RESOURCE_PROBE_INTERVAL),
					  TCP_RTO_MAX);
		goto out;
	}

	/* Increase the timeout each time we retransmit. */
	icsk->icsk_backoff++;
	icsk->icsk_retransmits++;

out_reset_timer:
	/* 3.10 keeps a linear RTO for thin streams (tcp_thin_linear_timeouts,
	 * off by default): the backoff is always exponential here. */
	icsk->icsk_rto = min(icsk->icsk_rto << 1, TCP_RTO_MAX);
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, icsk->icsk_rto, TCP_RTO_MAX);
	if (retransmits_timed_out(sk, (unsigned)net->sysctl.tcp_retries1 + 1, 0, false))
		sk_dst_reset(sk);

out:;
}

/* tcp_write_timer_handler - dispatch a fired ICSK_TIME_* timer, re-arming
 * it when it fired early.  Caller holds the socket (bh lock, not owned). */
static void tcp_write_timer_handler(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = net_jiffies(sock_net(sk));
	int event;

	if (sk->sk_state == TCP_CLOSE || !icsk->icsk_pending)
		return;
	if (time_after(icsk->icsk_timeout, now)) {
		mod_timer(&icsk->icsk_retransmit_timer, icsk->icsk_timeout);
		return;
	}
	event = icsk->icsk_pending;
	icsk->icsk_pending = 0;
	if (event == ICSK_TIME_RETRANS)
		tcp_retransmit_timer(sk);
}

/* tcp_write_timer - the timer function: run now, or defer to release_sock
 * when a process owns the socket.  Static in 3.10; connscope's trace
 * (core/trace/tp_timer.h) tells the timers apart by their function. */
void tcp_write_timer(unsigned long data)
{
	struct sock *sk = (struct sock *)data;

	sock_hold(sk);
	bh_lock_sock(sk);
	if (!sock_owned_by_user(sk))
		tcp_write_timer_handler(sk);
	else	/* hand the work to tcp_release_cb (test_and_set_bit) */
		__atomic_fetch_or(tsq_flags(sk), TCP_WRITE_TIMER_DEFERRED << TSQ_SHIFT,
				  __ATOMIC_SEQ_CST);
	bh_unlock_sock(sk);
	sock_put(sk);
}

/* tcp_delack_timer_handler - send the ACK that was held back. */
static void tcp_delack_timer_handler(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (sk->sk_state == TCP_CLOSE || !(icsk->icsk_ack.pending & ICSK_ACK_TIMER))
		return;
	if (time_after(icsk->icsk_ack.timeout, net_jiffies(sock_net(sk)))) {
		mod_timer(&icsk->icsk_delack_timer, icsk->icsk_ack.timeout);
		return;
	}
	icsk->icsk_ack.pending &= (u8)~ICSK_ACK_TIMER;
	if (icsk->icsk_ack.pending & ICSK_ACK_SCHED) {
		if (!icsk->icsk_ack.pingpong) {
			/* Delayed ACK missed: inflate ATO. */
			icsk->icsk_ack.ato = min(icsk->icsk_ack.ato << 1, icsk->icsk_rto);
		} else {
			/* Delayed ACK missed: leave pingpong mode, deflate ATO. */
			icsk->icsk_ack.pingpong = 0;
			icsk->icsk_ack.ato = TCP_ATO_MIN;
		}
		tcp_send_ack(sk);
		NET_INC_LINUX(sock_net(sk), DELAYEDACKS);
	}
}

/* tcp_delack_timer - the same for the delayed-ACK timer (not static: as
 * tcp_write_timer). */
void tcp_delack_timer(unsigned long data)
{
	struct sock *sk = (struct sock *)data;

	sock_hold(sk);
	bh_lock_sock(sk);
	if (!sock_owned_by_user(sk))
		tcp_delack_timer_handler(sk);
	else	/* hand the work to tcp_release_cb (test_and_set_bit) */
		__atomic_fetch_or(tsq_flags(sk), TCP_DELACK_TIMER_DEFERRED << TSQ_SHIFT,
				  __ATOMIC_SEQ_CST);
	bh_unlock_sock(sk);
	sock_put(sk);
}

/* tcp_release_cb - sk_prot->release_cb: run timer work deferred while the
 * socket was owned.  Called by release_sock with the socket still owned
 * (and, in connscope, without its spinlock: a timer may set a bit
 * meanwhile, so the bits are taken and cleared in one atomic step). */
void tcp_release_cb(struct sock *sk)
{
	unsigned long flags, nflags;

	/* Only an atomic operation when some flag is set. */
	do {
		flags = __atomic_load_n(tsq_flags(sk), __ATOMIC_SEQ_CST);
		if (!(flags & (3UL << TSQ_SHIFT)))
			return;
		nflags = flags & ~(3UL << TSQ_SHIFT);
	} while (!__atomic_compare_exchange_n(tsq_flags(sk), &flags, nflags, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));

	flags >>= TSQ_SHIFT;
	if (flags & TCP_WRITE_TIMER_DEFERRED)
		tcp_write_timer_handler(sk);
	if (flags & TCP_DELACK_TIMER_DEFERRED)
		tcp_delack_timer_handler(sk);
}

/* tcp_init_xmit_timers - inet_csk_init_xmit_timers for TCP. */
void tcp_init_xmit_timers(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	setup_timer(&icsk->icsk_retransmit_timer, sock_net(sk),
		    tcp_write_timer, (unsigned long)sk);
	setup_timer(&icsk->icsk_delack_timer, sock_net(sk),
		    tcp_delack_timer, (unsigned long)sk);
	icsk->icsk_pending = 0;
	icsk->icsk_ack.pending = 0;
}

/* tcp_clear_xmit_timers - inet_csk_clear_xmit_timers. */
void tcp_clear_xmit_timers(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_pending = 0;
	icsk->icsk_ack.pending = 0;
	del_timer(&icsk->icsk_retransmit_timer);
	del_timer(&icsk->icsk_delack_timer);
}
