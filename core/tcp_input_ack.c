// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_input_ack.c - the ACK part of net/ipv4/tcp_input.c (Linux 3.10): what
 * an incoming acknowledgement does to the sender side.  It moves snd_una,
 * takes acknowledged segments (the SYN, the FIN) off the write queue, feeds
 * the RTT estimator, sets the RTO, re-arms or clears the retransmit timer
 * and updates the send window.  Also the receive-side set-up that decides
 * the ACKs we send: buffer space, rcv_mss, quick-ack mode.  Split from
 * tcp_input.c for length only.
 *
 * connscope sends no payload, so the kernel's loss recovery (SACK
 * scoreboard, fast retransmit, undo, congestion avoidance, loss probes) has
 * nothing to act on; docs/divergences.md says where each one would run.
 * Every function runs with the socket held: bh_lock_sock in softirq
 * context, or owned by the process while release_sock runs the backlog.
 */
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* sysctl_tcp_challenge_ack_limit (3.10 default 100), not a connscope knob. */
#define TCP_CHALLENGE_ACK_LIMIT 100U

/*
 * tcp_rtt_estimator - Van Jacobson's smoothed RTT: srtt holds 8 x RTT and
 * mdev 4 x the mean deviation, in jiffies.  3.10 lowers mdev slowly when
 * the RTT falls (gain 1/32 instead of 1/4) and keeps rttvar, the largest
 * mdev over the last window of data, never below tcp_rto_min (200 ms).
 */
static void tcp_rtt_estimator(struct sock *sk, u32 mrtt)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long m = mrtt;

	if (m == 0)
		m = 1;
	if (tp->srtt != 0) {
		m -= (long)(tp->srtt >> 3);
		tp->srtt = (u32)((long)tp->srtt + m);
		if (m < 0) {
			m = -m;
			m -= (long)(tp->mdev >> 2);
			if (m > 0)
				m >>= 3;
		} else {
			m -= (long)(tp->mdev >> 2);
		}
		tp->mdev = (u32)((long)tp->mdev + m);
		if (tp->mdev > tp->mdev_max) {
			tp->mdev_max = tp->mdev;
			if (tp->mdev_max > tp->rttvar)
				tp->rttvar = tp->mdev_max;
		}
		if (after(tp->snd_una, tp->rtt_seq)) {
			if (tp->mdev_max < tp->rttvar)
				tp->rttvar -= (tp->rttvar - tp->mdev_max) >> 2;
			tp->rtt_seq = tp->snd_nxt;
			tp->mdev_max = TCP_RTO_MIN;	/* tcp_rto_min: no RTAX_RTO_MIN */
		}
	} else {
		tp->srtt = (u32)m << 3;
		tp->mdev = (u32)m << 1;
		tp->mdev_max = tp->rttvar = max(tp->mdev, TCP_RTO_MIN);
		tp->rtt_seq = tp->snd_nxt;
	}
	cs_trace(tcp_rtt_estimator, sk, mrtt);
}

/* tcp_set_rto - RTO = srtt + rttvar (__tcp_set_rto), at most TCP_RTO_MAX
 * (tcp_bound_rto).  No lower clamp is needed: rttvar >= 200 ms. */
void tcp_set_rto(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_rto = __tcp_set_rto(tcp_sk(sk));
	if (icsk->icsk_rto > TCP_RTO_MAX)
		icsk->icsk_rto = TCP_RTO_MAX;
	cs_trace(tcp_set_rto, sk);
}

/* tcp_valid_rtt_meas - take one RTT sample: estimator, RTO, and the backoff
 * of earlier timeouts forgotten. */
void tcp_valid_rtt_meas(struct sock *sk, u32 seq_rtt)
{
	tcp_rtt_estimator(sk, seq_rtt);
	tcp_set_rto(sk);
	inet_csk(sk)->icsk_backoff = 0;
}

/*
 * tcp_ack_update_rtt - the RTT sample of an ACK that acknowledged something:
 * now - TSecr when the peer echoed a non-zero timestamp (RFC 1323 RTTM),
 * else the age of the acknowledged segment unless it was retransmitted
 * (Karn's rule: tcp_ack_no_tstamp skips it).
 */
static void tcp_ack_update_rtt(struct sock *sk, int flag, s32 seq_rtt)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr)
		tcp_valid_rtt_meas(sk, tcp_time_stamp(sock_net(sk)) - tp->rx_opt.rcv_tsecr);
	else if (seq_rtt >= 0 && !(flag & FLAG_RETRANS_DATA_ACKED))
		tcp_valid_rtt_meas(sk, (u32)seq_rtt);
}

/* tcp_rearm_rto - after forward progress: no timer when nothing is left in
 * flight, else a fresh RTO from now.  (The early-retransmit and loss-probe
 * timers that 3.10 offsets here are never armed without data.) */
void tcp_rearm_rto(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->packets_out)
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_RETRANS);
	else
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, inet_csk(sk)->icsk_rto,
					  TCP_RTO_MAX);
}

/* tcp_enter_loss - the RTO fired: forget which segments were retransmitted
 * (tcp_clear_retrans_partial: retrans_out = 0, the SACKED_RETRANS mark of
 * every sent segment cleared) so that the retransmission that follows
 * counts once.  3.10 also marks them LOST, halves ssthresh, sets cwnd 1
 * and enters CA_Loss: connscope has no congestion control (divergences).
 * Caller holds the socket. */
void tcp_enter_loss(struct sock *sk, int how)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	(void)how;
	tp->retrans_out = 0;
	for (skb = tcp_write_queue_head(sk); skb && skb != tcp_send_head(sk);
	     skb = (skb == tcp_write_queue_tail(sk)) ? NULL : skb->next)
		TCP_SKB_CB(skb)->sacked &= (u8)((~TCPCB_TAGBITS) | TCPCB_SACKED_ACKED);
}

/* sk_wmem_free_skb - an acknowledged segment leaves the write queue. */
static void tcp_wmem_free_acked(struct sock *sk, struct sk_buff *skb)
{
	__skb_unlink(skb, &sk->sk_write_queue);
	sk->sk_wmem_queued -= (int)skb->truesize;
	consume_skb(skb);
}

/*
 * tcp_clean_rtx_queue - free every segment wholly below snd_una.  A SYN
 * acknowledged sets FLAG_SYN_ACKED and clears retrans_stamp; anything else
 * (the FIN) FLAG_DATA_ACKED.  The RTT sample comes from the oldest segment
 * never retransmitted.  Returns the FLAG_* bits it found.
 */
static int tcp_clean_rtx_queue(struct sock *sk, u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 now = tcp_time_stamp(sock_net(sk));
	u32 pkts_acked = 0;
	s32 seq_rtt = -1;
	struct sk_buff *skb;
	int flag = 0;

	while ((skb = tcp_write_queue_head(sk)) && skb != tcp_send_head(sk)) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		u32 acked_pcount = (u32)tcp_skb_pcount(skb);

		/* One segment per skb (no TSO): partly acked means not acked. */
		if (after(scb->end_seq, tp->snd_una))
			break;
		if (scb->sacked & TCPCB_RETRANS) {
			if (scb->sacked & TCPCB_SACKED_RETRANS)
				tp->retrans_out -= acked_pcount;
			flag |= FLAG_RETRANS_DATA_ACKED;
			seq_rtt = -1;
		} else if (seq_rtt < 0) {
			seq_rtt = (s32)(now - scb->when);
		}
		tp->packets_out -= acked_pcount;
		pkts_acked += acked_pcount;
		if (!(scb->tcp_flags & TCPHDR_SYN)) {
			flag |= FLAG_DATA_ACKED;
		} else {
			flag |= FLAG_SYN_ACKED;
			tp->retrans_stamp = 0;
		}
		tcp_wmem_free_acked(sk, skb);
	}
	if (!before(tp->snd_up, prior_snd_una) && !after(tp->snd_up, tp->snd_una))
		tp->snd_up = tp->snd_una;
	cs_trace(tcp_clean_rtx_queue, sk, pkts_acked, seq_rtt, flag);
	if (flag & FLAG_ACKED) {
		tcp_ack_update_rtt(sk, flag, seq_rtt);
		tcp_rearm_rto(sk);
	}
	return flag;
}

/* tcp_may_update_window - RFC 793's test, as 3.10 writes it: the ACK moves
 * snd_una, or the segment is newer than the last window update, or it is
 * as new and offers more. */
static bool tcp_may_update_window(const struct tcp_sock *tp, u32 ack, u32 ack_seq,
				  u32 nwin)
{
	return after(ack, tp->snd_una) || after(ack_seq, tp->snd_wl1) ||
	       (ack_seq == tp->snd_wl1 && nwin > tp->snd_wnd);
}

/*
 * tcp_ack_update_window - take the peer's window (scaled, except on a SYN:
 * RFC 1323), remember the segment that carried it (snd_wl1), grow
 * max_window and re-derive the MSS from it; then snd_una = ack.
 */
static int tcp_ack_update_window(struct sock *sk, const struct sk_buff *skb, u32 ack,
				 u32 ack_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	u32 nwin = ntohs(th->window);
	int flag = 0;

	if (!(th->flags & TCPHDR_SYN))
		nwin <<= tp->rx_opt.snd_wscale;
	if (tcp_may_update_window(tp, ack, ack_seq, nwin)) {
		flag |= FLAG_WIN_UPDATE;
		tcp_update_wl(tp, ack_seq);
		if (tp->snd_wnd != nwin) {
			tp->snd_wnd = nwin;
			if (nwin > tp->max_window) {
				tp->max_window = nwin;
				tcp_sync_mss(sk, inet_csk(sk)->icsk_pmtu_cookie);
			}
		}
	}
	tp->snd_una = ack;
	return flag;
}

/*
 * tcp_send_challenge_ack - RFC 5961 ACK throttling: at most
 * tcp_challenge_ack_limit challenge ACKs per second.  As in 3.10 the count
 * is global and unlocked ("we don't care of overwrites"); atomics keep it
 * free of C11 data races.
 */
void tcp_send_challenge_ack(struct sock *sk)
{
	static atomic_uint challenge_timestamp, challenge_count;
	u32 now = (u32)(net_jiffies(sock_net(sk)) / HZ);
	int sent = 0;

	if (now != atomic_load(&challenge_timestamp)) {
		atomic_store(&challenge_timestamp, now);
		atomic_store(&challenge_count, 0);
	}
	if (atomic_fetch_add(&challenge_count, 1) + 1 <= TCP_CHALLENGE_ACK_LIMIT) {
		NET_INC_LINUX(sock_net(sk), TCPCHALLENGEACK);
		sent = 1;
	}
	cs_trace(tcp_send_challenge_ack, sk, sent);
	if (sent)
		tcp_send_ack(sk);
}

/* tcp_store_ts_recent - remember the peer's last TSval and when (seconds). */
void tcp_store_ts_recent(struct tcp_sock *tp)
{
	tp->rx_opt.ts_recent = tp->rx_opt.rcv_tsval;
	tp->rx_opt.ts_recent_stamp = net_get_seconds(sock_net((struct sock *)tp));
}

/* tcp_replace_ts_recent - RFC 1323 "update TS.Recent" for a segment that
 * starts at or before the last ACK we sent, if it passes PAWS. */
static void tcp_replace_ts_recent(struct tcp_sock *tp, u32 seq)
{
	struct net *net = sock_net((struct sock *)tp);

	if (tp->rx_opt.saw_tstamp && !after(seq, tp->rcv_wup) &&
	    tcp_paws_check(&tp->rx_opt, 0, net_get_seconds(net)))
		tcp_store_ts_recent(tp);
}

/* tcp_ack_probe - a FIN waits at the send head (zero window): if the window
 * now fits it, stop probing; else probe again after the backed-off RTO. */
static void tcp_ack_probe(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (!after(TCP_SKB_CB(tcp_send_head(sk))->end_seq, tcp_wnd_end(tp))) {
		icsk->icsk_backoff = 0;
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_PROBE0);
	} else {
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
					  min(icsk->icsk_rto << icsk->icsk_backoff, TCP_RTO_MAX),
					  TCP_RTO_MAX);
	}
}

/*
 * tcp_ack - process the ACK field of a segment.  Returns 1 when it was new
 * or a duplicate with nothing queued, 0 for an old ACK (ignored), -1 for an
 * ACK beyond snd_nxt or too far behind snd_una (a challenge ACK is sent for
 * the latter).  connscope has no header-prediction fast path, so @flag
 * always holds FLAG_SLOWPATH: the window is checked on every ACK.
 */
int tcp_ack(struct sock *sk, const struct sk_buff *skb, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 prior_snd_una = tp->snd_una;
	u32 ack_seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;
	u32 prior_packets = tp->packets_out;
	int ret = 1;

	cs_trace(tcp_ack, sk, ack, ack_seq, flag);
	if (before(ack, prior_snd_una)) {
		if (before(ack, prior_snd_una - tp->max_window)) {
			tcp_send_challenge_ack(sk);
			ret = -1;
		} else {
			ret = 0;	/* old_ack: no SACK blocks to tag */
		}
		goto out;
	}
	if (after(ack, tp->snd_nxt)) {
		ret = -1;		/* invalid_ack */
		goto out;
	}
	if (after(ack, prior_snd_una))
		flag |= FLAG_SND_UNA_ADVANCED;
	if (flag & FLAG_UPDATE_TS_RECENT)
		tcp_replace_ts_recent(tp, TCP_SKB_CB(skb)->seq);

	if (ack_seq != TCP_SKB_CB(skb)->end_seq)
		flag |= FLAG_DATA;
	else
		NET_INC_LINUX(sock_net(sk), TCPPUREACKS);
	flag |= tcp_ack_update_window(sk, skb, ack, ack_seq);
	if ((tcp_hdr(skb)->flags & TCPHDR_ECE) && !(tcp_hdr(skb)->flags & TCPHDR_SYN) &&
	    (tp->ecn_flags & TCP_ECN_OK))
		flag |= FLAG_ECE;	/* TCP_ECN_rcv_ecn_echo */

	WRITE_ONCE(sk->sk_err_soft, 0);
	icsk->icsk_probes_out = 0;
	tp->rcv_tstamp = tcp_time_stamp(sock_net(sk));
	if (!prior_packets) {
		if (tcp_send_head(sk))
			tcp_ack_probe(sk);
		goto out;
	}
	flag |= tcp_clean_rtx_queue(sk, prior_snd_una);
out:
	cs_trace(tcp_ack_ret, sk, ret, flag);
	return ret;
}

/* tcp_fixup_sndbuf - room for an initial window of full segments. */
static void tcp_fixup_sndbuf(struct sock *sk)
{
	int sndmem = (int)SKB_TRUESIZE(tcp_sk(sk)->rx_opt.mss_clamp + MAX_TCP_HEADER);

	sndmem *= TCP_INIT_CWND;
	if (sk->sk_sndbuf < sndmem)
		sk->sk_sndbuf = min(sndmem, sock_net(sk)->sysctl.tcp_wmem[2]);
}

/* tcp_fixup_rcvbuf - room for 10 segments of advmss (fewer when advmss >
 * 1460), each skb's truesize grown by 128 until its window covers advmss.
 * As in 3.10 the window is compared as a u32 with mss, so a very negative
 * tcp_adv_win_scale ends the loop when rcvmem wraps; the kernel's int
 * arithmetic wraps (-fno-strict-overflow), done here in u32 (no C UB). */
static void tcp_fixup_rcvbuf(struct sock *sk)
{
	const struct net *net = sock_net(sk);
	u32 mss = tcp_sk(sk)->advmss;
	u32 icwnd = TCP_DEFAULT_INIT_RCVWND;
	int rcvmem;

	if (mss > 1460)
		icwnd = max((1460U * TCP_DEFAULT_INIT_RCVWND) / mss, 2U);
	rcvmem = (int)SKB_TRUESIZE(mss + MAX_TCP_HEADER);
	while ((u32)tcp_win_from_space(net, rcvmem) < mss)
		rcvmem = (int)((u32)rcvmem + 128);
	rcvmem = (int)((u32)rcvmem * icwnd);
	if (sk->sk_rcvbuf < rcvmem)
		sk->sk_rcvbuf = min(rcvmem, net->sysctl.tcp_rmem[2]);
}

/*
 * tcp_init_buffer_space - buffers and window limits once established:
 * buffers raised unless the user locked them, window_clamp at most the
 * whole buffer's window (less 1/2^tcp_app_win for the application, and
 * one segment in reserve), rcv_ssthresh within it.
 */
void tcp_init_buffer_space(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int app_win = sock_net(sk)->sysctl.tcp_app_win;
	u32 advmss = tp->advmss;
	int maxwin;

	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK))
		tcp_fixup_rcvbuf(sk);
	if (!(sk->sk_userlocks & SOCK_SNDBUF_LOCK))
		tcp_fixup_sndbuf(sk);
	maxwin = tcp_full_space(sk);
	if (tp->window_clamp >= (u32)maxwin) {
		tp->window_clamp = (u32)maxwin;
		if (app_win && maxwin > 4 * (int)advmss)
			tp->window_clamp = (u32)max(maxwin - (maxwin >> app_win), 4 * (int)advmss);
	}
	if (app_win && tp->window_clamp > 2 * advmss && tp->window_clamp + advmss > (u32)maxwin)
		tp->window_clamp = max(2 * advmss, (u32)maxwin - advmss);
	tp->rcv_ssthresh = min(tp->rcv_ssthresh, tp->window_clamp);
	cs_trace(tcp_init_buffer_space, sk, maxwin);
}

/* tcp_initialize_rcv_mss - our guess of the peer's segment size: advmss,
 * mss_cache and half the window bound it, then 536 above and 88 below. */
void tcp_initialize_rcv_mss(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int hint = min((unsigned int)tp->advmss, tp->mss_cache);

	hint = min(hint, tp->rcv_wnd / 2);
	hint = min(hint, TCP_MSS_DEFAULT);
	hint = max(hint, TCP_MIN_MSS);
	inet_csk(sk)->icsk_ack.rcv_mss = (u16)hint;
	cs_trace(tcp_initialize_rcv_mss, sk);
}

/* tcp_enter_quickack_mode - ACK the next segments at once (tcp_incr_quickack:
 * half a window of rcv_mss segments, at least 2, at most 16). */
void tcp_enter_quickack_mode(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned int quickacks = tcp_sk(sk)->rcv_wnd / (2 * icsk->icsk_ack.rcv_mss);

	if (quickacks == 0)
		quickacks = 2;
	if (quickacks > icsk->icsk_ack.quick)
		icsk->icsk_ack.quick = (u8)min(quickacks, TCP_MAX_QUICKACKS);
	icsk->icsk_ack.pingpong = 0;
	icsk->icsk_ack.ato = TCP_ATO_MIN;
}
