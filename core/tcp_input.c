// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_input.c - the receive side of TCP (net/ipv4/tcp_input.c, Linux 3.10)
 * as a connect-only client meets it.  In the kernel's order: what an
 * incoming acknowledgement does to the sender side (buffer set-up, RTT and
 * RTO, the write queue, tcp_ack), the options of a segment
 * (tcp_parse_options), the peer's FIN and the text (tcp_fin,
 * tcp_data_queue), whether to ACK now or later, the checks of a
 * synchronized connection (tcp_validate_incoming, tcp_rcv_established),
 * and the state machine: every branch of SYN_SENT
 * (tcp_rcv_synsent_state_process), the switch to ESTABLISHED
 * (tcp_finish_connect), resets (tcp_reset), and tcp_rcv_state_process for
 * the other states: crossed SYNs (SYN_RECV), the LISTEN answers, and the
 * states of a close.
 *
 * connscope sends no payload and never queues received payload (there is
 * no recv()), so the kernel's loss recovery (SACK scoreboard, fast
 * retransmit, undo, congestion avoidance, loss probes), header prediction
 * and urgent data have nothing to act on; docs/divergences.md says where
 * each one would run.  Callers hold the socket: bh_lock_sock in softirq
 * context, or ownership while release_sock runs the backlog.
 */
#include <errno.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* sysctl_tcp_challenge_ack_limit: challenge ACKs per second (3.10's
 * default; not a connscope knob). */
static const unsigned int sysctl_tcp_challenge_ack_limit = 100;

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
static void tcp_set_rto(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_rto = __tcp_set_rto(tcp_sk(sk));
	if (icsk->icsk_rto > TCP_RTO_MAX)
		icsk->icsk_rto = TCP_RTO_MAX;
	cs_trace(tcp_set_rto, sk);
}

/* tcp_valid_rtt_meas - take one RTT sample: estimator, RTO, and the backoff
 * of earlier timeouts forgotten. */
static void tcp_valid_rtt_meas(struct sock *sk, u32 seq_rtt)
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

/*
 * tcp_clean_rtx_queue - take off the write queue every segment the peer
 * has now received (wholly below snd_una).  A SYN acknowledged sets
 * FLAG_SYN_ACKED and clears retrans_stamp: it is not data, and calling it
 * data would end slow start one packet early; anything else (the FIN)
 * sets FLAG_DATA_ACKED.  The RTT sample comes from the oldest segment
 * never retransmitted.  Returns the FLAG_* bits it found.
 */
static int tcp_clean_rtx_queue(struct sock *sk, u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	u32 now = tcp_time_stamp(sock_net(sk));
	int flag = 0;
	u32 pkts_acked = 0;
	s32 seq_rtt = -1;

	while ((skb = tcp_write_queue_head(sk)) && skb != tcp_send_head(sk)) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		u32 acked_pcount;
		u8 sacked = scb->sacked;

		/* One segment per skb (no TSO, so no tcp_tso_acked): a
		 * segment partly acknowledged is not acknowledged. */
		if (after(scb->end_seq, tp->snd_una))
			break;
		acked_pcount = (u32)tcp_skb_pcount(skb);

		if (sacked & TCPCB_RETRANS) {
			if (sacked & TCPCB_SACKED_RETRANS)
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

		tcp_unlink_write_queue(skb, sk);
		sk_wmem_free_skb(sk, skb);
	}

	if (between(tp->snd_up, prior_snd_una, tp->snd_una))
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
static void tcp_send_challenge_ack(struct sock *sk)
{
	/* Unlocked, as in 3.10: overwrites do not matter. */
	static atomic_uint challenge_timestamp;
	static atomic_uint challenge_count;
	u32 now = (u32)(net_jiffies(sock_net(sk)) / HZ);

	if (now != atomic_load(&challenge_timestamp)) {
		atomic_store(&challenge_timestamp, now);
		atomic_store(&challenge_count, 0);
	}
	if (atomic_fetch_add(&challenge_count, 1) + 1 <= sysctl_tcp_challenge_ack_limit) {
		NET_INC_LINUX(sock_net(sk), TCPCHALLENGEACK);
		tcp_send_ack(sk);
	}
	/* count above limit: this one was not sent. */
	cs_trace(tcp_send_challenge_ack, sk, atomic_load(&challenge_count),
		 sysctl_tcp_challenge_ack_limit);
}

/* tcp_store_ts_recent - remember the peer's last TSval and when (seconds). */
static void tcp_store_ts_recent(struct tcp_sock *tp)
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

/* TCP_ECN_rcv_ecn_echo - the peer echoes congestion (ECE on a non-SYN of
 * an ECN connection). */
static bool TCP_ECN_rcv_ecn_echo(const struct tcp_sock *tp, const struct tcphdr *th)
{
	if ((th->flags & TCPHDR_ECE) && !(th->flags & TCPHDR_SYN) &&
	    (tp->ecn_flags & TCP_ECN_OK))
		return true;
	return false;
}

/*
 * tcp_ack - process the ACK field of a segment (incoming ACKs only).
 * Returns 1 when it was new or a duplicate, 0 for an old ACK (ignored), -1
 * for an ACK beyond snd_nxt or too far behind snd_una (a challenge ACK is
 * sent for the latter).  connscope has no header-prediction fast path, so
 * @flag always holds FLAG_SLOWPATH: the window is checked on every ACK.
 */
static int tcp_ack(struct sock *sk, const struct sk_buff *skb, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 prior_snd_una = tp->snd_una;
	u32 ack_seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;
	u32 prior_packets = tp->packets_out;

	cs_trace(tcp_ack, sk, ack, ack_seq, flag);
	/* An ACK older than the ones before can probably be ignored. */
	if (before(ack, prior_snd_una)) {
		/* RFC 5961 5.2: blind data injection. */
		if (before(ack, prior_snd_una - tp->max_window)) {
			tcp_send_challenge_ack(sk);
			cs_trace(tcp_ack_ret, sk, -1, flag);
			return -1;
		}
		goto old_ack;
	}

	/* An ACK of data not sent yet: drop the segment (RFC 793, 3.9). */
	if (after(ack, tp->snd_nxt))
		goto invalid_ack;

	/* 3.10 re-arms the RTO here when an early-retransmit or loss-probe
	 * timer is pending; without data neither is ever armed. */

	if (after(ack, prior_snd_una))
		flag |= FLAG_SND_UNA_ADVANCED;

	/* ts_recent only once the segment is known to be in the window. */
	if (flag & FLAG_UPDATE_TS_RECENT)
		tcp_replace_ts_recent(tp, TCP_SKB_CB(skb)->seq);

	/* 3.10's pure forward advance without FLAG_SLOWPATH (TCPHPAcks) is
	 * for header prediction: here every ACK takes the slow branch. */
	if (ack_seq != TCP_SKB_CB(skb)->end_seq)
		flag |= FLAG_DATA;
	else
		NET_INC_LINUX(sock_net(sk), TCPPUREACKS);

	flag |= tcp_ack_update_window(sk, skb, ack, ack_seq);

	/* tcp_sacktag_write_queue: no SACK blocks are recorded. */

	if (TCP_ECN_rcv_ecn_echo(tp, tcp_hdr(skb)))
		flag |= FLAG_ECE;

	/* Something worked: forget the soft error. */
	WRITE_ONCE(sk->sk_err_soft, 0);
	icsk->icsk_probes_out = 0;
	tp->rcv_tstamp = tcp_time_stamp(sock_net(sk));
	if (!prior_packets)
		goto no_queue;

	/* What can leave the retransmit queue. */
	flag |= tcp_clean_rtx_queue(sk, prior_snd_una);

	/* Congestion avoidance, fast retransmit, loss probes and pacing have
	 * nothing to act on without data (docs/divergences.md). */
	cs_trace(tcp_ack_ret, sk, 1, flag);
	return 1;

no_queue:
	/* An ACK that opens a zero window: stop or re-time the probes. */
	if (tcp_send_head(sk))
		tcp_ack_probe(sk);
	cs_trace(tcp_ack_ret, sk, 1, flag);
	return 1;

invalid_ack:
	cs_trace(tcp_ack_ret, sk, -1, flag);
	return -1;

old_ack:
	/* 3.10 tags SACK blocks of an old ACK here: none are recorded. */
	cs_trace(tcp_ack_ret, sk, 0, flag);
	return 0;
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

/*
 * tcp_parse_options - read the options of @skb into @opt_rx.  @estab says
 * the connection is set up: then MSS, window scale and SACK-permitted are
 * ignored and a timestamp counts only if one was negotiated.  Stops at EOL,
 * a length below 2 ("silly options") or an option running past the header.
 * (3.10's Fast Open cookie argument is left out: tcp_fastopen is 0.)
 */
void tcp_parse_options(const struct sk_buff *skb, struct tcp_options_received *opt_rx,
		       int estab)
{
	const unsigned char *ptr;
	const struct tcphdr *th = tcp_hdr(skb);
	int length = (th->doff_res >> 4) * 4 - (int)sizeof(struct tcphdr);

	ptr = (const unsigned char *)(th + 1);
	opt_rx->saw_tstamp = 0;

	while (length > 0) {
		int opcode = *ptr++;
		int opsize;

		switch (opcode) {
		case TCPOPT_EOL:
			cs_trace(tcp_parse_options, skb, opt_rx, estab);
			return;
		case TCPOPT_NOP:	/* RFC 793, section 3.1 */
			length--;
			continue;
		default:
			opsize = *ptr++;
			if (opsize < 2) {	/* "silly options" */
				cs_trace(tcp_parse_options, skb, opt_rx, estab);
				return;
			}
			if (opsize > length) {	/* a partial option is not read */
				cs_trace(tcp_parse_options, skb, opt_rx, estab);
				return;
			}
			switch (opcode) {
			case TCPOPT_MSS:
				if (opsize == TCPOLEN_MSS && (th->flags & TCPHDR_SYN) && !estab) {
					u16 in_mss = (u16)get_unaligned_be16(ptr);

					if (in_mss) {
						if (opt_rx->user_mss &&
						    opt_rx->user_mss < in_mss)
							in_mss = opt_rx->user_mss;
						opt_rx->mss_clamp = in_mss;
					}
				}
				break;
			case TCPOPT_WINDOW:
				if (opsize == TCPOLEN_WINDOW && (th->flags & TCPHDR_SYN) &&
				    !estab && skb->net->sysctl.tcp_window_scaling) {
					u8 snd_wscale = *ptr;

					opt_rx->wscale_ok = 1;
					if (snd_wscale > TCP_MAX_WSCALE)	/* 3.10 logs it */
						snd_wscale = TCP_MAX_WSCALE;
					opt_rx->snd_wscale = snd_wscale & 0xf;
				}
				break;
			case TCPOPT_TIMESTAMP:
				if ((opsize == TCPOLEN_TIMESTAMP) &&
				    ((estab && opt_rx->tstamp_ok) ||
				     (!estab && skb->net->sysctl.tcp_timestamps))) {
					opt_rx->saw_tstamp = 1;
					opt_rx->rcv_tsval = get_unaligned_be32(ptr);
					opt_rx->rcv_tsecr = get_unaligned_be32(ptr + 4);
				}
				break;
			case TCPOPT_SACK_PERM:
				if (opsize == TCPOLEN_SACK_PERM && (th->flags & TCPHDR_SYN) &&
				    !estab && skb->net->sysctl.tcp_sack) {
					opt_rx->sack_ok = TCP_SACK_SEEN;
					tcp_sack_reset(opt_rx);
				}
				break;

			/* TCPOPT_SACK: 3.10 records where the SACK blocks are,
			 * for a sender with data in flight; connscope has none.
			 * TCPOPT_MD5SIG is not configured; TCPOPT_EXP (the Fast
			 * Open cookie) is only wanted with tcp_fastopen, off. */
			}
			ptr += opsize - 2;
			length -= opsize;
		}
	}
	cs_trace(tcp_parse_options, skb, opt_rx, estab);
}

/* TCP_ECN_rcv_synack - ECN stays on only if the SYN-ACK has ECE without CWR. */
static void TCP_ECN_rcv_synack(struct tcp_sock *tp, const struct tcphdr *th)
{
	if ((tp->ecn_flags & TCP_ECN_OK) &&
	    (!(th->flags & TCPHDR_ECE) || (th->flags & TCPHDR_CWR)))
		tp->ecn_flags &= (u8)~TCP_ECN_OK;
	cs_trace(TCP_ECN_rcv_synack, (struct sock *)tp, th);
}

/* TCP_ECN_rcv_syn - a crossed SYN keeps ECN only with both ECE and CWR. */
static void TCP_ECN_rcv_syn(struct tcp_sock *tp, const struct tcphdr *th)
{
	if ((tp->ecn_flags & TCP_ECN_OK) &&
	    (!(th->flags & TCPHDR_ECE) || !(th->flags & TCPHDR_CWR)))
		tp->ecn_flags &= (u8)~TCP_ECN_OK;
	cs_trace(TCP_ECN_rcv_syn, (struct sock *)tp, th);
}


/* tcp_parse_aligned_timestamp - the NOP NOP TS layout every Linux peer
 * sends after the handshake, read without the general parser. */
static bool tcp_parse_aligned_timestamp(struct tcp_sock *tp, const struct tcphdr *th)
{
	const unsigned char *ptr = (const unsigned char *)(th + 1);

	if (get_unaligned_be32(ptr) != ((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
			      (TCPOPT_TIMESTAMP << 8) | TCPOLEN_TIMESTAMP))
		return false;
	tp->rx_opt.saw_tstamp = 1;
	tp->rx_opt.rcv_tsval = get_unaligned_be32(ptr + 4);
	tp->rx_opt.rcv_tsecr = get_unaligned_be32(ptr + 8) - tp->tsoffset;
	return true;
}

/* tcp_fast_parse_options - options of a segment after the handshake: none
 * (returns false), the aligned timestamp, or the full parser. */
static bool tcp_fast_parse_options(const struct sk_buff *skb, const struct tcphdr *th,
				   struct tcp_sock *tp)
{
	unsigned int doff = th->doff_res >> 4;

	if (doff == sizeof(*th) / 4) {
		tp->rx_opt.saw_tstamp = 0;
		return false;
	} else if (tp->rx_opt.tstamp_ok &&
		   doff == (sizeof(*th) + TCPOLEN_TSTAMP_ALIGNED) / 4) {
		if (tcp_parse_aligned_timestamp(tp, th))
			return true;
	}
	tcp_parse_options(skb, &tp->rx_opt, 1);
	if (tp->rx_opt.saw_tstamp)
		tp->rx_opt.rcv_tsecr -= tp->tsoffset;
	return true;
}

/*
 * tcp_fin - the peer's FIN is in sequence: no more to receive; ESTABLISHED
 * (or SYN_RECV) -> CLOSE_WAIT with the ACK delayed (pingpong),
 * FIN_WAIT1 -> CLOSING and FIN_WAIT2 -> TIME-WAIT, each with an ACK now.
 */
static void tcp_fin(struct sock *sk)
{
	cs_trace(tcp_fin, sk);
	inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
	sock_set_flag(sk, SOCK_DONE);
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		inet_csk(sk)->icsk_ack.pingpong = 1;
		break;
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		break;		/* a retransmitted FIN: nothing new */
	case TCP_FIN_WAIT1:
		tcp_send_ack(sk);
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_send_ack(sk);
		tcp_time_wait(sk, TCP_TIME_WAIT, 0);
		break;
	default:
		break;		/* LISTEN, CLOSE: 3.10 logs "Impossible" */
	}
	/* Out-of-order data after the FIN would be dropped here: connscope
	 * keeps no out-of-order queue. */
	if (tcp_is_sack(tcp_sk(sk)))
		tcp_sack_reset(&tcp_sk(sk)->rx_opt);

	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_state_change(sk);
}

/* tcp_send_dupack - answer an unacceptable segment with an ACK; a repeat of
 * data we had already acknowledged also ends delayed ACKs (DelayedACKLost).
 * (3.10 adds a D-SACK block for that data; connscope sends no SACK blocks.) */
static void tcp_send_dupack(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
	    before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt)) {
		NET_INC_LINUX(sock_net(sk), DELAYEDACKLOST);
		tcp_enter_quickack_mode(sk);
	}
	tcp_send_ack(sk);
}

/* tcp_disordered_ack - a pure duplicate ACK that changes nothing and whose
 * timestamp is at most one RTO old may pass PAWS (reordered ACKs). */
static bool tcp_disordered_ack(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	u32 seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;

	return (/* 1. A pure ACK at the right sequence number, */
		((th->flags & TCPHDR_ACK) && seq == TCP_SKB_CB(skb)->end_seq &&
		 seq == tp->rcv_nxt) &&
		/* 2. a duplicate one, */
		ack == tp->snd_una &&
		/* 3. that does not update the window, */
		!tcp_may_update_window(tp, ack, seq,
				       (u32)ntohs(th->window) << tp->rx_opt.snd_wscale) &&
		/* 4. and sits in the replay window. */
		(s32)(tp->rx_opt.ts_recent - tp->rx_opt.rcv_tsval) <=
		(s32)((inet_csk(sk)->icsk_rto * 1024) / HZ));
}

/* tcp_paws_discard - PAWS (RFC 1323): the timestamp went backwards by more
 * than TCP_PAWS_WINDOW and the segment is not a harmless disordered ACK. */
static bool tcp_paws_discard(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return !tcp_paws_check(&tp->rx_opt, TCP_PAWS_WINDOW, net_get_seconds(sock_net(sk))) &&
	       !tcp_disordered_ack(sk, skb);
}

/* tcp_sequence - does [seq, end_seq) touch the receive window?  The left
 * edge is rcv_wup, the last window we advertised. */
static bool tcp_sequence(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	return !before(end_seq, tp->rcv_wup) &&
	       !after(seq, tp->rcv_nxt + tcp_receive_window(tp));
}

/*
 * tcp_validate_incoming - RFC 793's first checks on a synchronized
 * connection: PAWS, then the sequence number (a duplicate ACK in answer),
 * then RST (accepted only at exactly rcv_nxt, else a challenge ACK: RFC
 * 5961), then SYN (always a challenge ACK).  Returns false when the segment
 * was consumed.  @syn_inerr counts an in-window SYN in InErrs.
 */
static bool tcp_validate_incoming(struct sock *sk, struct sk_buff *skb,
				  const struct tcphdr *th, int syn_inerr)
{
	struct tcp_sock *tp = tcp_sk(sk);

	/* RFC 1323 H1: PAWS first. */
	if (tcp_fast_parse_options(skb, th, tp) && tp->rx_opt.saw_tstamp &&
	    tcp_paws_discard(sk, skb)) {
		if (!(th->flags & TCPHDR_RST)) {
			NET_INC_LINUX(sock_net(sk), PAWSESTABREJECTED);
			tcp_send_dupack(sk, skb);
			goto discard;
		}
		/* A reset is accepted even when it fails PAWS. */
	}

	/* Step 1: the sequence number. */
	if (!tcp_sequence(tp, TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq)) {
		/* RFC 793 (pages 37, 69): every RST is validated by its
		 * sequence number; an unacceptable segment is answered with
		 * an ACK, unless it is a RST, which is just dropped. */
		if (!(th->flags & TCPHDR_RST)) {
			if (th->flags & TCPHDR_SYN)
				goto syn_challenge;
			tcp_send_dupack(sk, skb);
		}
		goto discard;
	}

	/* Step 2: the RST bit.  RFC 5961 3.2: reset the connection only if
	 * the sequence number is exactly rcv_nxt, else send a challenge ACK. */
	if (th->flags & TCPHDR_RST) {
		if (TCP_SKB_CB(skb)->seq == tp->rcv_nxt)
			tcp_reset(sk);
		else
			tcp_send_challenge_ack(sk);
		goto discard;
	}

	/* Step 3, security and precedence, is ignored. */

	/* Step 4: a SYN.  RFC 5961 4.2: send a challenge ACK. */
	if (th->flags & TCPHDR_SYN) {
syn_challenge:
		if (syn_inerr)
			TCP_INC_STATS(sock_net(sk), INERRS);
		NET_INC_LINUX(sock_net(sk), TCPSYNCHALLENGE);
		tcp_send_challenge_ack(sk);
		goto discard;
	}

	cs_trace(tcp_validate_incoming, sk, skb, 1);
	return true;

discard:
	/* Which check refused it: from the segment and the state. */
	cs_trace(tcp_validate_incoming, sk, skb, 0);
	kfree_skb(skb);
	return false;
}

/*
 * tcp_data_queue - step 7, the segment text.  An in-sequence FIN without
 * data advances rcv_nxt and runs tcp_fin.  Payload is never queued here
 * (no recv()): in sequence or not it is dropped with an immediate ACK, as
 * 3.10 does for a segment outside the window; rcv_nxt stays put so the
 * peer sends it again.  Consumes the skb.
 */
static void tcp_data_queue(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_sock *tp = tcp_sk(sk);

	if (TCP_SKB_CB(skb)->seq == TCP_SKB_CB(skb)->end_seq)
		goto drop;

	/* In-sequence segments go to the receive queue, others to the
	 * out-of-order queue; connscope has neither (see above). */
	if (TCP_SKB_CB(skb)->seq == tp->rcv_nxt) {
		if (tcp_receive_window(tp) == 0)
			goto out_of_window;

		/* In sequence and in window: 3.10 queues the data here. */
		if (TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq !=
		    (u32)((th->flags & TCPHDR_FIN) ? 1 : 0))
			goto out_of_window;
		cs_trace(tcp_data_queue, sk, skb);
		tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
		tcp_fin(sk);
		kfree_skb(skb);
		return;
	}

	if (!after(TCP_SKB_CB(skb)->end_seq, tp->rcv_nxt)) {
		/* A retransmission: ACK at once. */
		NET_INC_LINUX(sock_net(sk), DELAYEDACKLOST);

out_of_window:
		tcp_enter_quickack_mode(sk);
		inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
drop:
		/* Why it was dropped: from the segment and the state. */
		cs_trace(tcp_data_queue, sk, skb);
		kfree_skb(skb);
		return;
	}

	/* Out of the window, e.g. a zero-window probe. */
	if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt + tcp_receive_window(tp)))
		goto out_of_window;

	/* Out of order: 3.10 queues it (tcp_data_queue_ofo). */
	goto out_of_window;
}

/* tcp_data_snd_check - send what the new ACK or window lets out (a FIN
 * held by a closed window).  tcp_check_space has no writer to wake. */
void tcp_data_snd_check(struct sock *sk)
{
	tcp_push_pending_frames(sk);
}

/* tcp_ack_snd_check - an ACK is due: now if more than one full segment
 * arrived and the window moves on, or in quick-ack mode; else delayed.
 * (__tcp_ack_snd_check; there is never out-of-order data here.) */
static void tcp_ack_snd_check(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	if (!(icsk->icsk_ack.pending & ICSK_ACK_SCHED))
		return;
	if (((tp->rcv_nxt - tp->rcv_wup) > icsk->icsk_ack.rcv_mss &&
	     __tcp_select_window(sk) >= tp->rcv_wnd) ||
	    (icsk->icsk_ack.quick && !icsk->icsk_ack.pingpong))
		tcp_send_ack(sk);
	else
		tcp_send_delayed_ack(sk);
}

/*
 * tcp_rcv_established - a segment for an ESTABLISHED socket.  3.10's
 * header prediction fast path is not modelled; every segment takes the
 * slow path: length and checksum, tcp_validate_incoming, tcp_ack, the text
 * (tcp_data_queue), then send and ACK checks.  Returns 0 (3.10 never asks
 * for a reset from here).
 */
int tcp_rcv_established(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);

	tcp_sk(sk)->rx_opt.saw_tstamp = 0;
	cs_trace(tcp_rcv_established, sk, skb);

	/* The fast path needs pred_flags, which connscope never sets (no
	 * header prediction): every segment takes the slow path. */
	goto slow_path;

slow_path:
	if (skb->len < (unsigned int)(th->doff_res >> 4) * 4 || tcp_checksum_complete(skb))
		goto csum_error;

	if (!(th->flags & TCPHDR_ACK) && !(th->flags & TCPHDR_RST))
		goto discard;

	/* The standard slow path. */

	if (!tcp_validate_incoming(sk, skb, th, 1))
		return 0;

step5: __attribute__((unused));	/* a target of the fast path only */
	if (tcp_ack(sk, skb, FLAG_SLOWPATH | FLAG_UPDATE_TS_RECENT) < 0)
		goto discard;

	/* tcp_rcv_rtt_measure_ts, tcp_urg: no receive buffer tuning, no
	 * urgent data. */

	/* Step 7: the segment text. */
	tcp_data_queue(sk, skb);

	tcp_data_snd_check(sk);
	tcp_ack_snd_check(sk);
	return 0;

csum_error:
	TCP_INC_STATS(sock_net(sk), INCSUMERRORS);
	TCP_INC_STATS(sock_net(sk), INERRS);

discard:
	kfree_skb(skb);
	return 0;
}


/*
 * tcp_finish_connect - the handshake is over: ESTABLISHED, a route for the
 * metrics, tcp_init_metrics (RTO 3 s without an RTT sample, initial cwnd),
 * buffer space, and the connect() waiter woken through sk_state_change.
 * 3.10 also records the input route for early demux (absent here) and arms
 * the keepalive timer for SO_KEEPALIVE (not modelled, see divergences).
 */
void tcp_finish_connect(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	cs_trace(tcp_finish_connect, sk, skb != NULL);
	tcp_set_state(sk, TCP_ESTABLISHED);
	inet_csk(sk)->icsk_af_ops->rebuild_header(sk);
	tcp_init_metrics(sk);
	/* tcp_init_congestion_control: Reno has no init hook. */
	tp->lsndtime = tcp_time_stamp(sock_net(sk));
	tcp_init_buffer_space(sk);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_state_change(sk);
	cs_trace(tcp_finish_connect_ret, sk);
}

/*
 * tcp_reset - the peer reset the connection: the error a process sees
 * (ECONNREFUSED in SYN_SENT, EPIPE in CLOSE_WAIT, ECONNRESET otherwise;
 * nothing if already closed), the error report, then tcp_done.
 */
void tcp_reset(struct sock *sk)
{
	int err;

	switch (sk->sk_state) {
	case TCP_SYN_SENT:
		err = ECONNREFUSED;
		break;
	case TCP_CLOSE_WAIT:
		err = EPIPE;
		break;
	case TCP_CLOSE:
		cs_trace(tcp_reset, sk, 0);
		return;
	default:
		err = ECONNRESET;
	}
	cs_trace(tcp_reset, sk, err);
	WRITE_ONCE(sk->sk_err, err);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_error_report(sk);
	tcp_done(sk);
}


/*
 * tcp_rcv_synsent_state_process - a segment for a socket in SYN_SENT.
 * Returns 1 when the caller must answer with a reset (the skb is still the
 * caller's), 0 when the segment was consumed, and -1 when the caller is to
 * finish "step 6 onward by hand".
 */
static int tcp_rcv_synsent_state_process(struct sock *sk, struct sk_buff *skb,
					 const struct tcphdr *th)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int saved_clamp = tp->rx_opt.mss_clamp;

	cs_trace(tcp_rcv_synsent_state_process, sk, skb);
	tcp_parse_options(skb, &tp->rx_opt, 0);
	if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr)
		tp->rx_opt.rcv_tsecr -= tp->tsoffset;

	if (th->flags & TCPHDR_ACK) {
		/* RFC 793, SYN-SENT, first the ACK bit: an ACK at or below
		 * ISS, or beyond SND.NXT, is answered with a reset (unless
		 * RST is set: then the segment is dropped). */
		if (!after(TCP_SKB_CB(skb)->ack_seq, tp->snd_una) ||
		    after(TCP_SKB_CB(skb)->ack_seq, tp->snd_nxt))
			goto reset_and_undo;

		if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
		    !between(tp->rx_opt.rcv_tsecr, tp->retrans_stamp,
			     tcp_time_stamp(sock_net(sk)))) {
			NET_INC_LINUX(sock_net(sk), PAWSACTIVEREJECTED);
			goto reset_and_undo;
		}

		/* The ACK is acceptable.  With RST: "connection reset",
		 * drop the segment, enter CLOSED. */
		if (th->flags & TCPHDR_RST) {
			tcp_reset(sk);
			goto discard;
		}

		/* Neither SYN nor RST: drop the segment. */
		if (!(th->flags & TCPHDR_SYN))
			goto discard_and_undo;

		/* SYN set and our SYN acknowledged: ESTABLISHED. */
		TCP_ECN_rcv_synack(tp, th);

		tcp_init_wl(tp, TCP_SKB_CB(skb)->seq);
		tcp_ack(sk, skb, FLAG_SLOWPATH);

		/* The sequence numbers, then ESTABLISHED. */
		tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
		tp->rcv_wup = TCP_SKB_CB(skb)->seq + 1;

		/* RFC 1323: the window of a SYN-ACK is never scaled. */
		tp->snd_wnd = ntohs(th->window);

		if (!tp->rx_opt.wscale_ok) {
			tp->rx_opt.snd_wscale = tp->rx_opt.rcv_wscale = 0;
			tp->window_clamp = min(tp->window_clamp, 65535U);
		}

		if (tp->rx_opt.saw_tstamp) {
			tp->rx_opt.tstamp_ok = 1;
			tp->tcp_header_len = sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
			tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
			tcp_store_ts_recent(tp);
		} else {
			tp->tcp_header_len = sizeof(struct tcphdr);
		}

		if (tcp_is_sack(tp) && sock_net(sk)->sysctl.tcp_fack)
			tcp_enable_fack(tp);

		tcp_mtup_init(sk);
		tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
		tcp_initialize_rcv_mss(sk);

		/* tcp_poll does not take the socket lock: leave SYN_SENT
		 * only once copied_seq is set. */
		tp->copied_seq = tp->rcv_nxt;

		atomic_thread_fence(memory_order_seq_cst);

		tcp_finish_connect(sk, skb);

		/* 3.10 hands a Fast Open SYN-ACK to tcp_rcv_fastopen_synack
		 * here; tcp_fastopen is 0, so syn_fastopen is never set. */

		/* 3.10 also delays for icsk_accept_queue.rskq_defer_accept
		 * (TCP_DEFER_ACCEPT), a listener's option: 0 here. */
		if (sk->sk_write_pending ||
		    icsk->icsk_ack.pingpong) {
			/* Save one ACK: data will follow within a few ticks
			 * when a writer waits. */
			icsk->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
			icsk->icsk_ack.lrcvtime = tcp_time_stamp(sock_net(sk));
			tcp_enter_quickack_mode(sk);
			inet_csk_reset_xmit_timer(sk, ICSK_TIME_DACK,
						  TCP_DELACK_MAX, TCP_RTO_MAX);

discard:
			/* The branch taken: from the state and the flags. */
			cs_trace(tcp_rcv_synsent_state_process_ret, sk, th, 0);
			kfree_skb(skb);
			return 0;
		} else {
			tcp_send_ack(sk);
		}
		cs_trace(tcp_rcv_synsent_state_process_ret, sk, th, -1);
		return -1;
	}

	/* No ACK in the segment. */

	if (th->flags & TCPHDR_RST) {
		/* RFC 793: a RST without ACK is dropped. */
		goto discard_and_undo;
	}

	/* PAWS. */
	if (tp->rx_opt.ts_recent_stamp && tp->rx_opt.saw_tstamp &&
	    tcp_paws_reject(&tp->rx_opt, 0, net_get_seconds(sock_net(sk))))
		goto discard_and_undo;

	if (th->flags & TCPHDR_SYN) {
		/* A SYN without ACK: crossed SYNs of a simultaneous open,
		 * or a connect to ourselves. */
		tcp_set_state(sk, TCP_SYN_RECV);

		if (tp->rx_opt.saw_tstamp) {
			tp->rx_opt.tstamp_ok = 1;
			tcp_store_ts_recent(tp);
			tp->tcp_header_len = sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
		} else {
			tp->tcp_header_len = sizeof(struct tcphdr);
		}

		tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
		tp->copied_seq = tp->rcv_nxt;
		tp->rcv_wup = TCP_SKB_CB(skb)->seq + 1;

		/* RFC 1323: the window of a SYN is never scaled. */
		tp->snd_wnd = ntohs(th->window);
		tp->snd_wl1 = TCP_SKB_CB(skb)->seq;
		tp->max_window = tp->snd_wnd;

		TCP_ECN_rcv_syn(tp, th);

		tcp_mtup_init(sk);
		tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
		tcp_initialize_rcv_mss(sk);

		tcp_send_synack(sk);
		/* Data and URG in this segment are not accepted: drop it. */
		goto discard;
	}
	/* Neither SYN nor RST: drop the segment. */

discard_and_undo:
	tcp_clear_options(&tp->rx_opt);
	tp->rx_opt.mss_clamp = (u16)saved_clamp;
	goto discard;

reset_and_undo:
	tcp_clear_options(&tp->rx_opt);
	tp->rx_opt.mss_clamp = (u16)saved_clamp;
	cs_trace(tcp_rcv_synsent_state_process_ret, sk, th, 1);
	return 1;
}

/* tcp_fin_time - how long an orphan may wait in FIN_WAIT2: TCP_LINGER2 or
 * tcp_fin_timeout, but at least 3.5 RTO.  In jiffies. */
int tcp_fin_time(const struct sock *sk)
{
	int fin_timeout = tcp_sk(sk)->linger2 ? :
			  sock_net(sk)->sysctl.tcp_fin_timeout * (int)HZ;
	const int rto = (int)inet_csk(sk)->icsk_rto;

	if (fin_timeout < (rto << 2) - (rto >> 1))
		fin_timeout = (rto << 2) - (rto >> 1);
	return fin_timeout;
}

/*
 * tcp_rcv_state_process - RFC 793 "SEGMENT ARRIVES" for every state but
 * ESTABLISHED and TIME-WAIT.  Returns 1 when the caller must send a reset
 * (the skb is then still the caller's), else 0 with the skb consumed.
 * connscope has no passive open (a SYN to a listener is dropped and
 * counted in ListenDrops), no Fast Open, no urgent data and no keepalive
 * timer (see docs/divergences.md).
 */
int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	int queued = 0;

	tp->rx_opt.saw_tstamp = 0;
	cs_trace(tcp_rcv_state_process, sk, skb);

	switch (sk->sk_state) {
	case TCP_CLOSE:
		goto discard;

	case TCP_LISTEN:
		if (th->flags & TCPHDR_ACK) {
			cs_trace(tcp_rcv_state_process_ret, sk, 1);
			return 1;
		}

		if (th->flags & TCPHDR_RST)
			goto discard;

		if (th->flags & TCPHDR_SYN) {
			if (th->flags & TCPHDR_FIN)
				goto discard;
			/* 3.10 calls icsk_af_ops->conn_request here; connscope
			 * implements only the active open. */
			NET_INC_LINUX(sock_net(sk), LISTENDROPS);
			goto discard;
		}
		goto discard;

	case TCP_SYN_SENT:
		queued = tcp_rcv_synsent_state_process(sk, skb, th);
		if (queued >= 0) {
			cs_trace(tcp_rcv_state_process_ret, sk, queued);
			return queued;
		}

		/* Step 6 onward by hand (tcp_urg: no urgent data here). */
		kfree_skb(skb);
		tcp_data_snd_check(sk);
		cs_trace(tcp_rcv_state_process_ret, sk, 0);
		return 0;
	}

	if (!(th->flags & TCPHDR_ACK) && !(th->flags & TCPHDR_RST))
		goto discard;

	if (!tcp_validate_incoming(sk, skb, th, 0)) {
		cs_trace(tcp_rcv_state_process_ret, sk, 0);
		return 0;
	}

	/* Step 5: the ACK field. */
	if (true) {
		int acceptable = tcp_ack(sk, skb, FLAG_SLOWPATH |
						  FLAG_UPDATE_TS_RECENT) > 0;

		switch (sk->sk_state) {
		case TCP_SYN_RECV:
			if (acceptable) {
				/* The socket must be routed for the metrics. */
				icsk->icsk_af_ops->rebuild_header(sk);

				tcp_mtup_init(sk);
				tcp_init_buffer_space(sk);
				tp->copied_seq = tp->rcv_nxt;
				atomic_thread_fence(memory_order_seq_cst);
				tcp_set_state(sk, TCP_ESTABLISHED);
				sk->sk_state_change(sk);

				tp->snd_una = TCP_SKB_CB(skb)->ack_seq;
				tp->snd_wnd = (u32)ntohs(th->window) << tp->rx_opt.snd_wscale;
				tcp_init_wl(tp, TCP_SKB_CB(skb)->seq);

				if (tp->rx_opt.tstamp_ok)
					tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;

				tcp_init_metrics(sk);

				/* No spurious cwnd restart on the first data. */
				tp->lsndtime = tcp_time_stamp(sock_net(sk));

				tcp_initialize_rcv_mss(sk);
			} else {
				cs_trace(tcp_rcv_state_process_ret, sk, 1);
				return 1;
			}
			break;

		case TCP_FIN_WAIT1:
			if (tp->snd_una == tp->write_seq) {
				tcp_set_state(sk, TCP_FIN_WAIT2);
				WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | SEND_SHUTDOWN);

				if (!sock_flag(sk, SOCK_DEAD)) {
					/* Wake a lingering close(). */
					sk->sk_state_change(sk);
				} else {
					int tmo;

					if (tp->linger2 < 0 ||
					    (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
					     after(TCP_SKB_CB(skb)->end_seq -
						   ((th->flags & TCPHDR_FIN) ? 1 : 0), tp->rcv_nxt))) {
						tcp_done(sk);
						NET_INC_LINUX(sock_net(sk), TCPABORTONDATA);
						cs_trace(tcp_rcv_state_process_ret, sk, 1);
						return 1;
					}

					tmo = tcp_fin_time(sk);
					if (tmo > (int)TCP_TIMEWAIT_LEN) {
						/* 3.10 first keeps the socket on its
						 * keepalive timer for tmo - TCP_TIMEWAIT_LEN;
						 * connscope has none: TIME-WAIT at once. */
						tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
						goto discard;
					} else if ((th->flags & TCPHDR_FIN) || sock_owned_by_user(sk)) {
						/* 3.10 arms the keepalive timer for tmo
						 * so as not to lose the FIN; connscope
						 * takes the FIN in step 7, and tcp_close
						 * finishes an owned socket. */
					} else {
						tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
						goto discard;
					}
				}
			}
			break;

		case TCP_CLOSING:
			if (tp->snd_una == tp->write_seq) {
				tcp_time_wait(sk, TCP_TIME_WAIT, 0);
				goto discard;
			}
			break;

		case TCP_LAST_ACK:
			if (tp->snd_una == tp->write_seq) {
				/* tcp_update_metrics: no metrics cache. */
				tcp_done(sk);
				goto discard;
			}
			break;
		}
	}

	/* Step 6, the URG bit (tcp_urg): urgent data is not modelled. */

	/* Step 7: the segment text. */
	switch (sk->sk_state) {
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			break;
		/* fall through */
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		/* RFC 793 queues data in these states; RFC 1122 (and BSD
		 * 4.4) send a reset. */
		if (sk->sk_shutdown & RCV_SHUTDOWN) {
			if (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
			    after(TCP_SKB_CB(skb)->end_seq - ((th->flags & TCPHDR_FIN) ? 1 : 0),
				  tp->rcv_nxt)) {
				NET_INC_LINUX(sock_net(sk), TCPABORTONDATA);
				tcp_reset(sk);
				cs_trace(tcp_rcv_state_process_ret, sk, 1);
				return 1;
			}
		}
		/* fall through */
	case TCP_ESTABLISHED:
		tcp_data_queue(sk, skb);
		queued = 1;
		break;
	}

	/* tcp_data_queue may have moved the socket to TIME-WAIT. */
	if (sk->sk_state != TCP_CLOSE) {
		tcp_data_snd_check(sk);
		tcp_ack_snd_check(sk);
	}

	if (!queued) {
discard:
		kfree_skb(skb);
	}
	cs_trace(tcp_rcv_state_process_ret, sk, 0);
	return 0;
}
