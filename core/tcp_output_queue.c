// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_output_queue.c - the second half of net/ipv4/tcp_output.c (Linux
 * 3.10), kept apart so that each half reads in one sitting: what leaves the
 * write queue after the SYN (tcp_write_xmit and its tests, the FIN pushed
 * by __tcp_push_pending_frames), retransmission of a queued segment,
 * __tcp_select_window, the active reset, and the SYN-ACK of a simultaneous
 * open.  The SYN itself, its options and tcp_transmit_skb are in
 * tcp_output.c.  Every function runs with the socket owned (lock_sock) or,
 * in softirq context, under bh_lock_sock.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "ip.h"
#include "route.h"
#include "trace.h"

/* tcp_event_new_data_sent - account a segment that left the send head:
 * advance sk_send_head, snd_nxt and packets_out; the first segment in
 * flight arms the retransmit timer (tcp_rearm_rto with no early-retransmit
 * or loss-probe timer pending: RTO = icsk_rto). */
static void tcp_event_new_data_sent(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int prior_packets = tp->packets_out;

	sk->sk_send_head = (skb == tcp_write_queue_tail(sk)) ? NULL : skb->next;
	tp->snd_nxt = TCP_SKB_CB(skb)->end_seq;
	tp->packets_out += (u32)tcp_skb_pcount(skb);
	if (!prior_packets)
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, icsk->icsk_rto,
					  TCP_RTO_MAX);
}

/* tcp_queue_skb - append a new segment to the write queue; it becomes the
 * send head if nothing else is waiting to be sent. */
static void tcp_queue_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->write_seq = TCP_SKB_CB(skb)->end_seq;
	__skb_queue_tail(&sk->sk_write_queue, skb);
	if (!sk->sk_send_head)
		sk->sk_send_head = skb;
	sk->sk_wmem_queued += (int)skb->truesize;
}

/* tcp_cwnd_test - how many segments the congestion window lets out now; the
 * final FIN is never held back by it. */
static unsigned int tcp_cwnd_test(const struct tcp_sock *tp, const struct sk_buff *skb)
{
	u32 in_flight, cwnd;

	if ((TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) && tcp_skb_pcount(skb) == 1)
		return 1;

	in_flight = tcp_packets_in_flight(tp);
	cwnd = tp->snd_cwnd;
	if (in_flight < cwnd)
		return cwnd - in_flight;
	return 0;
}

/* tcp_snd_wnd_test - does the segment fit in the peer's window? */
static bool tcp_snd_wnd_test(const struct tcp_sock *tp, const struct sk_buff *skb,
			     unsigned int cur_mss)
{
	u32 end_seq = TCP_SKB_CB(skb)->end_seq;

	if (skb->len > cur_mss)
		end_seq = TCP_SKB_CB(skb)->seq + cur_mss;
	return !after(end_seq, tcp_wnd_end(tp));
}

/* tcp_nagle_test - Nagle never holds a pushed segment, urgent data or the
 * final FIN; otherwise a short segment waits while small ones are unacked. */
static bool tcp_nagle_test(const struct tcp_sock *tp, const struct sk_buff *skb,
			   unsigned int cur_mss, int nonagle)
{
	if (nonagle & TCP_NAGLE_PUSH)
		return true;
	if (tcp_urg_mode(tp) || (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN))
		return true;
	return !(skb->len < cur_mss &&
		 ((nonagle & TCP_NAGLE_CORK) ||
		  (!nonagle && tp->packets_out && after(tp->snd_sml, tp->snd_una) &&
		   !after(tp->snd_sml, tp->snd_nxt))));
}

/* tcp_minshall_update - remember the end of the last short segment sent. */
static void tcp_minshall_update(struct tcp_sock *tp, unsigned int mss,
				const struct sk_buff *skb)
{
	if (skb->len < mss)
		tp->snd_sml = TCP_SKB_CB(skb)->end_seq;
}

/* tcp_write_xmit - send what the windows allow from the send head.  Returns
 * true if nothing is in flight yet something is still waiting (the caller
 * then arms the zero-window probe timer). */
static bool tcp_write_xmit(struct sock *sk, unsigned int mss_now, int nonagle)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	unsigned int sent_pkts = 0;

	while ((skb = tcp_send_head(sk))) {
		if (!tcp_cwnd_test(tp, skb))
			break;
		if (!tcp_snd_wnd_test(tp, skb, mss_now))
			break;
		if (!tcp_nagle_test(tp, skb, mss_now,
				    skb == tcp_write_queue_tail(sk) ? nonagle : TCP_NAGLE_PUSH))
			break;

		TCP_SKB_CB(skb)->when = tcp_time_stamp(sock_net(sk));
		if (tcp_transmit_skb(sk, skb, 1))
			break;

		tcp_event_new_data_sent(sk, skb);
		tcp_minshall_update(tp, mss_now, skb);
		sent_pkts += (unsigned int)tcp_skb_pcount(skb);
	}
	if (sent_pkts)
		return false;
	return !tp->packets_out && tcp_send_head(sk);
}

/* tcp_check_probe_timer - nothing in flight and no timer: probe the
 * peer's window when the RTO expires. */
static void tcp_check_probe_timer(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);

	if (!tcp_sk(sk)->packets_out && !icsk->icsk_pending)
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0, icsk->icsk_rto, TCP_RTO_MAX);
}

/* __tcp_push_pending_frames - transmit the queued segments; if none could
 * go while nothing is in flight, arm the window probe. */
void __tcp_push_pending_frames(struct sock *sk, unsigned int cur_mss, int nonagle)
{
	if (sk->sk_state == TCP_CLOSE)
		return;

	if (tcp_write_xmit(sk, cur_mss, nonagle))
		tcp_check_probe_timer(sk);
}

/* __tcp_select_window - the window we can offer now: free receive space,
 * limited by rcv_ssthresh; with window scaling rounded up to a whole scale
 * unit, without it kept a multiple of rcv_mss.  Never under memory
 * pressure here (connscope keeps no protocol memory pool).  A receive
 * space of 0 offers window 0 as later kernels do (3.10 divides by it). */
u32 __tcp_select_window(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int mss = icsk->icsk_ack.rcv_mss;
	int free_space = tcp_space(sk);
	int full_space = min((int)tp->window_clamp, tcp_full_space(sk));
	int window;

	if (mss > full_space) {
		mss = full_space;
		if (mss <= 0)
			return 0;
	}

	if (free_space < (full_space >> 1)) {
		icsk->icsk_ack.quick = 0;
		if (free_space < mss)
			return 0;
	}

	if (free_space > (int)tp->rcv_ssthresh)
		free_space = (int)tp->rcv_ssthresh;

	window = (int)tp->rcv_wnd;
	if (tp->rx_opt.rcv_wscale) {
		window = free_space;
		if (((window >> tp->rx_opt.rcv_wscale) << tp->rx_opt.rcv_wscale) != window)
			window = ((window >> tp->rx_opt.rcv_wscale) + 1) << tp->rx_opt.rcv_wscale;
	} else {
		if (window <= free_space - mss || window > free_space)
			window = (free_space / mss) * mss;
		else if (mss == full_space && free_space > window + (full_space >> 1))
			window = free_space;
	}
	return (u32)window;
}

/* __tcp_retransmit_skb - send a queued segment again: refuse if too much of
 * the socket's memory is still below us or the route is gone, refresh
 * `when` (hence TSval) and transmit a clone (a copy if the last clone is
 * still held).  Payload trimming, splitting and collapsing never apply:
 * connscope's segments carry no data. */
int __tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_mtup.probe_size)
		icsk->icsk_mtup.probe_size = 0;

	if (atomic_load(&sk->sk_wmem_alloc) >
	    min(sk->sk_wmem_queued + (sk->sk_wmem_queued >> 2), sk->sk_sndbuf))
		return -EAGAIN;

	if (icsk->icsk_af_ops->rebuild_header(sk))
		return -EHOSTUNREACH;

	tcp_current_mss(sk);

	if (!before(TCP_SKB_CB(skb)->seq, tcp_wnd_end(tp)) &&
	    TCP_SKB_CB(skb)->seq != tp->snd_una)
		return -EAGAIN;

	TCP_SKB_CB(skb)->when = tcp_time_stamp(sock_net(sk));
	return tcp_transmit_skb(sk, skb, 1);
}

/* tcp_retransmit_skb - retransmit and account: RetransSegs, total_retrans,
 * the RETRANS mark (Karn's rule for the RTT sample) and retrans_stamp, the
 * time of the first retransmission, which a SYN already set at connect. */
int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	cs_trace(tcp_retransmit_skb, sk, skb);
	err = __tcp_retransmit_skb(sk, skb);
	if (err == 0) {
		TCP_INC_STATS(sock_net(sk), RETRANSSEGS);
		tp->total_retrans++;
		TCP_SKB_CB(skb)->sacked |= TCPCB_RETRANS;
		tp->retrans_out += (u32)tcp_skb_pcount(skb);
		if (!tp->retrans_stamp)
			tp->retrans_stamp = TCP_SKB_CB(skb)->when;
		TCP_SKB_CB(skb)->ack_seq = tp->snd_nxt;
	}
	cs_trace(tcp_retransmit_skb_ret, sk, err);
	return err;
}

/* tcp_send_fin - queue a FIN (on the last unsent segment if there is one,
 * else in a new segment; memory is retried until it comes) and push it. */
void tcp_send_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_write_queue_tail(sk);
	unsigned int mss_now = tcp_current_mss(sk);

	cs_trace(tcp_send_fin, sk, tcp_send_head(sk) != NULL);
	if (tcp_send_head(sk) != NULL) {
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_FIN;
		TCP_SKB_CB(skb)->end_seq++;
		tp->write_seq++;
	} else {
		for (;;) {
			skb = alloc_skb_fclone(MAX_TCP_HEADER);
			if (skb)
				break;
			sched_yield();
		}
		skb_reserve(skb, MAX_TCP_HEADER);
		tcp_init_nondata_skb(skb, tp->write_seq, TCPHDR_ACK | TCPHDR_FIN);
		tcp_queue_skb(sk, skb);
	}
	__tcp_push_pending_frames(sk, mss_now, TCP_NAGLE_OFF);
}

/* tcp_send_active_reset - abort: an RST|ACK at the acceptable sequence,
 * no options, never retransmitted.  OutRsts counts it even if it failed. */
void tcp_send_active_reset(struct sock *sk)
{
	struct sk_buff *skb;

	cs_trace(tcp_send_active_reset, sk);
	skb = alloc_skb(MAX_TCP_HEADER);
	if (!skb) {
		NET_INC_LINUX(sock_net(sk), TCPABORTFAILED);
		return;
	}
	skb_reserve(skb, MAX_TCP_HEADER);
	tcp_init_nondata_skb(skb, tcp_acceptable_seq(sk), TCPHDR_ACK | TCPHDR_RST);
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sock_net(sk));
	if (tcp_transmit_skb(sk, skb, 0))
		NET_INC_LINUX(sock_net(sk), TCPABORTFAILED);
	TCP_INC_STATS(sock_net(sk), OUTRSTS);
}

/* Replace the queued SYN by a private copy (the skb_copy branch of
 * tcp_send_synack): the old one may still be referenced by its clone. */
static struct sk_buff *tcp_synack_copy_syn(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff *nskb = skb_copy(skb);

	if (!nskb)
		return NULL;
	__skb_unlink(skb, &sk->sk_write_queue);
	__skb_queue_head(&sk->sk_write_queue, nskb);
	sk->sk_wmem_queued -= (int)skb->truesize;
	kfree_skb(skb);
	sk->sk_wmem_queued += (int)nskb->truesize;
	return nskb;
}

/* tcp_send_synack - simultaneous open: our SYN crossed the peer's, so send
 * the queued SYN again as a SYN-ACK (same ISN and options, fresh `when`).
 * -EFAULT if the queue does not start with our SYN. */
int tcp_send_synack(struct sock *sk)
{
	struct sk_buff *skb = tcp_write_queue_head(sk);
	int err;

	cs_trace(tcp_send_synack, sk);
	if (skb == NULL || !(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN)) {
		cs_trace(tcp_send_synack_ret, sk, -EFAULT);
		return -EFAULT;
	}
	if (!(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_ACK)) {
		if (skb_cloned(skb)) {
			skb = tcp_synack_copy_syn(sk, skb);
			if (!skb) {
				cs_trace(tcp_send_synack_ret, sk, -ENOMEM);
				return -ENOMEM;
			}
		}
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_ACK;
		TCP_ECN_send_synack(tcp_sk(sk), skb);
	}
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sock_net(sk));
	err = tcp_transmit_skb(sk, skb, 1);
	cs_trace(tcp_send_synack_ret, sk, err);
	return err;
}
