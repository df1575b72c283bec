// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_input.c - the receive state machine of TCP (net/ipv4/tcp_input.c,
 * Linux 3.10) as a connect-only client meets it: the options of a SYN-ACK
 * (tcp_parse_options), every branch of SYN_SENT
 * (tcp_rcv_synsent_state_process), the switch to ESTABLISHED
 * (tcp_finish_connect), resets (tcp_reset), and tcp_rcv_state_process for
 * the other states: crossed SYNs (SYN_RECV), the LISTEN answers, and the
 * states of a close.  The rest of 3.10's tcp_input.c is split, for length
 * only, into tcp_input_ack.c (the ACK field, RTT, buffer set-up) and
 * tcp_input_established.c (checks and text of a synchronized connection).
 * Callers hold the socket: bh_lock_sock in softirq context, or ownership
 * while release_sock runs the backlog.
 */
#include <errno.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* TCP_DEFER_ACCEPT (icsk_accept_queue.rskq_defer_accept) is a listener
 * option; a connecting socket always has 0 there. */
#define TCP_DEFER_ACCEPT_OF_CONNECTING_SOCKET 0

/* The option kinds tcp_parse_options acts on, one case each. */
static void tcp_parse_one_option(const struct sk_buff *skb, int opcode, int opsize,
				 const unsigned char *ptr,
				 struct tcp_options_received *opt_rx, int estab)
{
	const struct cs_sysctl *sys = &skb->net->sysctl;
	bool syn = tcp_hdr(skb)->flags & TCPHDR_SYN;

	switch (opcode) {
	case TCPOPT_MSS:
		if (opsize == TCPOLEN_MSS && syn && !estab) {
			u16 in_mss = (u16)get_unaligned_be16(ptr);

			if (in_mss) {
				if (opt_rx->user_mss && opt_rx->user_mss < in_mss)
					in_mss = opt_rx->user_mss;
				opt_rx->mss_clamp = in_mss;
			}
		}
		break;
	case TCPOPT_WINDOW:
		if (opsize == TCPOLEN_WINDOW && syn && !estab && sys->tcp_window_scaling) {
			u8 snd_wscale = *ptr;

			opt_rx->wscale_ok = 1;
			if (snd_wscale > TCP_MAX_WSCALE)	/* 3.10 logs it */
				snd_wscale = TCP_MAX_WSCALE;
			opt_rx->snd_wscale = snd_wscale & 0xf;
		}
		break;
	case TCPOPT_TIMESTAMP:
		if (opsize == TCPOLEN_TIMESTAMP &&
		    ((estab && opt_rx->tstamp_ok) || (!estab && sys->tcp_timestamps))) {
			opt_rx->saw_tstamp = 1;
			opt_rx->rcv_tsval = get_unaligned_be32(ptr);
			opt_rx->rcv_tsecr = get_unaligned_be32(ptr + 4);
		}
		break;
	case TCPOPT_SACK_PERM:
		if (opsize == TCPOLEN_SACK_PERM && syn && !estab && sys->tcp_sack) {
			opt_rx->sack_ok = TCP_SACK_SEEN;
			opt_rx->dsack = 0;	/* tcp_sack_reset */
			opt_rx->num_sacks = 0;
		}
		break;
	default:
		/* SACK blocks are not recorded (nothing of ours can be
		 * SACKed: no data); MD5 is not configured; the Fast Open
		 * cookie (EXP) is only wanted with tcp_fastopen, off. */
		break;
	}
}

/*
 * tcp_parse_options - read the options of @skb into @opt_rx.  @estab says
 * the connection is set up: then MSS, window scale and SACK-permitted are
 * ignored and a timestamp counts only if one was negotiated.  Stops at EOL,
 * a length below 2 ("silly options") or an option running past the header.
 */
void tcp_parse_options(const struct sk_buff *skb, struct tcp_options_received *opt_rx,
		       int estab)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const unsigned char *ptr = (const unsigned char *)(th + 1);
	int length = (th->doff_res >> 4) * 4 - (int)sizeof(struct tcphdr);

	opt_rx->saw_tstamp = 0;
	while (length > 0) {
		int opcode = *ptr++;
		int opsize;

		if (opcode == TCPOPT_EOL)
			break;
		if (opcode == TCPOPT_NOP) {
			length--;
			continue;
		}
		opsize = *ptr++;
		if (opsize < 2 || opsize > length)
			break;
		tcp_parse_one_option(skb, opcode, opsize, ptr, opt_rx, estab);
		ptr += opsize - 2;
		length -= opsize;
	}
	cs_trace(tcp_parse_options, skb, opt_rx, estab);
}

/* TCP_ECN_rcv_synack - ECN stays on only if the SYN-ACK has ECE without CWR. */
static void TCP_ECN_rcv_synack(struct tcp_sock *tp, const struct tcphdr *th)
{
	u8 before_flags = tp->ecn_flags;

	if ((tp->ecn_flags & TCP_ECN_OK) &&
	    (!(th->flags & TCPHDR_ECE) || (th->flags & TCPHDR_CWR)))
		tp->ecn_flags &= (u8)~TCP_ECN_OK;
	cs_trace(TCP_ECN_rcv_synack, (struct sock *)tp, th->flags, before_flags);
}

/* TCP_ECN_rcv_syn - a crossed SYN keeps ECN only with both ECE and CWR. */
static void TCP_ECN_rcv_syn(struct tcp_sock *tp, const struct tcphdr *th)
{
	u8 before_flags = tp->ecn_flags;

	if ((tp->ecn_flags & TCP_ECN_OK) &&
	    (!(th->flags & TCPHDR_ECE) || !(th->flags & TCPHDR_CWR)))
		tp->ecn_flags &= (u8)~TCP_ECN_OK;
	cs_trace(TCP_ECN_rcv_syn, (struct sock *)tp, th->flags, before_flags);
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


/* discard_and_undo / reset_and_undo of tcp_rcv_synsent_state_process: the
 * options parsed from a segment we refuse must not stick. */
static void tcp_synsent_undo(struct tcp_sock *tp, u16 saved_clamp)
{
	tp->rx_opt.tstamp_ok = 0;	/* tcp_clear_options */
	tp->rx_opt.sack_ok = 0;
	tp->rx_opt.wscale_ok = 0;
	tp->rx_opt.snd_wscale = 0;
	tp->rx_opt.mss_clamp = saved_clamp;
}

/* The timestamp and MSS bookkeeping shared by both SYN answers: with a
 * timestamp, 12 option bytes on every segment and ts_recent taken. */
static void tcp_synsent_tstamp(struct tcp_sock *tp)
{
	if (tp->rx_opt.saw_tstamp) {
		tp->rx_opt.tstamp_ok = 1;
		tp->tcp_header_len = sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
		tcp_store_ts_recent(tp);
	} else {
		tp->tcp_header_len = sizeof(struct tcphdr);
	}
}

/*
 * The SYN-ACK is acceptable: acknowledge our SYN (tcp_ack), take the peer's
 * sequence space, unscaled window, window scale, timestamps and MSS, and
 * finish the connect.  Then the third packet: sent now (returns -1, the
 * caller finishes step 6 by hand), or delayed by TCP_DELACK_MAX when a
 * writer waits or pingpong is set (returns 0 after freeing the skb).
 */
static int tcp_rcv_synsent_synack(struct sock *sk, struct sk_buff *skb,
				  const struct tcphdr *th, int *branch)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	TCP_ECN_rcv_synack(tp, th);
	tcp_init_wl(tp, TCP_SKB_CB(skb)->seq);
	tcp_ack(sk, skb, FLAG_SLOWPATH);
	tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
	tp->rcv_wup = TCP_SKB_CB(skb)->seq + 1;
	tp->snd_wnd = ntohs(th->window);	/* RFC 1323: a SYN's window is never scaled */
	if (!tp->rx_opt.wscale_ok) {
		tp->rx_opt.snd_wscale = tp->rx_opt.rcv_wscale = 0;
		tp->window_clamp = min(tp->window_clamp, 65535U);
	}
	tcp_synsent_tstamp(tp);
	if (tp->rx_opt.saw_tstamp)
		tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
	if ((tp->rx_opt.sack_ok & TCP_SACK_SEEN) && sock_net(sk)->sysctl.tcp_fack)
		tp->rx_opt.sack_ok |= TCP_FACK_ENABLED;	/* tcp_enable_fack */
	tcp_mtup_init(sk);
	tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
	tcp_initialize_rcv_mss(sk);
	/* tcp_poll reads the state without the lock: copied_seq first. */
	tp->copied_seq = tp->rcv_nxt;
	atomic_thread_fence(memory_order_seq_cst);
	tcp_finish_connect(sk, skb);
	/* Fast Open (tcp_rcv_fastopen_synack) never applies: tcp_fastopen = 0. */
	if (sk->sk_write_pending || TCP_DEFER_ACCEPT_OF_CONNECTING_SOCKET ||
	    icsk->icsk_ack.pingpong) {
		*branch = SYNSENT_SYNACK_DELAYED_ACK;
		icsk->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
		icsk->icsk_ack.lrcvtime = tcp_time_stamp(sock_net(sk));
		tcp_enter_quickack_mode(sk);
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_DACK, TCP_DELACK_MAX, TCP_RTO_MAX);
		kfree_skb(skb);
		return 0;
	}
	*branch = SYNSENT_SYNACK_ACCEPTED;
	tcp_send_ack(sk);
	return -1;
}

/*
 * A SYN without ACK while in SYN_SENT: crossed SYNs (simultaneous open, or
 * a connect to ourselves).  SYN_RECV, the peer's sequence space and window,
 * then our queued SYN goes out again as a SYN-ACK.  The segment is dropped.
 */
static void tcp_rcv_synsent_crossed_syn(struct sock *sk, struct sk_buff *skb,
					const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_set_state(sk, TCP_SYN_RECV);
	tcp_synsent_tstamp(tp);
	tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
	tp->rcv_wup = TCP_SKB_CB(skb)->seq + 1;
	tp->snd_wnd = ntohs(th->window);
	tp->snd_wl1 = TCP_SKB_CB(skb)->seq;
	tp->max_window = tp->snd_wnd;
	TCP_ECN_rcv_syn(tp, th);
	tcp_mtup_init(sk);
	tcp_sync_mss(sk, inet_csk(sk)->icsk_pmtu_cookie);
	tcp_initialize_rcv_mss(sk);
	tcp_send_synack(sk);
}

/* The ACK branch of tcp_rcv_synsent_state_process (RFC 793 "first check the
 * ACK bit").  Returns 1 (send a reset), 0 (consumed) or -1 (ACK sent). */
static int tcp_rcv_synsent_ack(struct sock *sk, struct sk_buff *skb,
			       const struct tcphdr *th, u16 saved_clamp, int *branch)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 ack = TCP_SKB_CB(skb)->ack_seq, now = tcp_time_stamp(net);

	if (!after(ack, tp->snd_una) || after(ack, tp->snd_nxt)) {
		*branch = SYNSENT_RESET_AND_UNDO_BAD_ACK;
		goto reset_and_undo;
	}
	if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
	    now - tp->retrans_stamp < tp->rx_opt.rcv_tsecr - tp->retrans_stamp) {
		/* TSecr outside [retrans_stamp, now]: !between() in 3.10. */
		NET_INC_LINUX(net, PAWSACTIVEREJECTED);
		*branch = SYNSENT_RESET_AND_UNDO_PAWS;
		goto reset_and_undo;
	}
	if (th->flags & TCPHDR_RST) {
		*branch = SYNSENT_RST;
		tcp_reset(sk);
		kfree_skb(skb);
		return 0;
	}
	if (!(th->flags & TCPHDR_SYN)) {
		*branch = SYNSENT_DISCARD_AND_UNDO_NO_SYN;
		tcp_synsent_undo(tp, saved_clamp);
		kfree_skb(skb);
		return 0;
	}
	return tcp_rcv_synsent_synack(sk, skb, th, branch);
reset_and_undo:
	tcp_synsent_undo(tp, saved_clamp);
	return 1;
}

/*
 * tcp_rcv_synsent_state_process - a segment for a socket in SYN_SENT, every
 * branch of 3.10 in its order.  Returns 1 when the caller must answer with
 * a reset (the skb is still the caller's), 0 when the segment was consumed,
 * and -1 when the caller is to finish "step 6 onward by hand".
 */
static int tcp_rcv_synsent_state_process(struct sock *sk, struct sk_buff *skb,
					 const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u16 saved_clamp = tp->rx_opt.mss_clamp;
	int branch = SYNSENT_NO_SYN_NO_RST, ret = 0;

	cs_trace(tcp_rcv_synsent_state_process, sk, skb);
	tcp_parse_options(skb, &tp->rx_opt, 0);
	if (tp->rx_opt.saw_tstamp)
		tp->rx_opt.rcv_tsecr -= tp->tsoffset;

	if (th->flags & TCPHDR_ACK) {
		ret = tcp_rcv_synsent_ack(sk, skb, th, saved_clamp, &branch);
		goto out;
	}
	if (th->flags & TCPHDR_RST) {
		branch = SYNSENT_RST_NO_ACK;
		goto discard_and_undo;
	}
	if (tp->rx_opt.ts_recent_stamp && tp->rx_opt.saw_tstamp &&
	    tcp_paws_reject(&tp->rx_opt, 0, net_get_seconds(sock_net(sk)))) {
		branch = SYNSENT_PAWS_DROP;
		goto discard_and_undo;
	}
	if (th->flags & TCPHDR_SYN) {
		branch = SYNSENT_SIMULTANEOUS_OPEN;
		tcp_rcv_synsent_crossed_syn(sk, skb, th);
		kfree_skb(skb);
		goto out;
	}
discard_and_undo:
	tcp_synsent_undo(tp, saved_clamp);
	kfree_skb(skb);
out:
	cs_trace(tcp_rcv_synsent_state_process_ret, sk, branch, ret);
	return ret;
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

/* SYN_RECV (after crossed SYNs) and an acceptable ACK: ESTABLISHED, the
 * waiter woken, window and metrics set up as tcp_finish_connect would. */
static void tcp_rcv_synrecv_ack(struct sock *sk, const struct sk_buff *skb,
				const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);

	inet_csk(sk)->icsk_af_ops->rebuild_header(sk);
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
	tp->lsndtime = tcp_time_stamp(sock_net(sk));
	tcp_initialize_rcv_mss(sk);
}

/*
 * FIN_WAIT1 and our FIN is acknowledged: FIN_WAIT2, sending shut down.  An
 * orphan (closed by the process) is handed to a FIN_WAIT2 TIME-WAIT sock
 * for tcp_fin_time, or reset if it may not linger or data came after
 * close.  Returns 1 (send a reset), 0 (go on), or 2 (consumed: discard).
 * 3.10 keeps the full socket on its keepalive timer when the wait exceeds
 * TCP_TIMEWAIT_LEN, or when this segment also carries the FIN or the
 * socket is owned; connscope has no keepalive timer (see divergences):
 * the FIN case goes on to step 7, the owned case is finished by
 * tcp_close, and a long wait goes to the TIME-WAIT sock at once.
 */
static int tcp_rcv_fin_wait1_acked(struct sock *sk, const struct sk_buff *skb,
				   const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 fin = (th->flags & TCPHDR_FIN) ? 1 : 0;
	int tmo;

	tcp_set_state(sk, TCP_FIN_WAIT2);
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | SEND_SHUTDOWN);
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		return 0;
	}
	if (tp->linger2 < 0 ||
	    (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
	     after(TCP_SKB_CB(skb)->end_seq - fin, tp->rcv_nxt))) {
		tcp_done(sk);
		NET_INC_LINUX(sock_net(sk), TCPABORTONDATA);
		return 1;
	}
	tmo = tcp_fin_time(sk);
	if (tmo <= (int)TCP_TIMEWAIT_LEN && (fin || sock_owned_by_user(sk)))
		return 0;
	tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
	return 2;
}

/* Step 5 of tcp_rcv_state_process: the ACK field and what it completes in
 * each state.  Returns 1 (send a reset), 0 (go on), 2 (consumed). */
static int tcp_rcv_state_ack(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int acceptable = tcp_ack(sk, skb, FLAG_SLOWPATH | FLAG_UPDATE_TS_RECENT) > 0;

	switch (sk->sk_state) {
	case TCP_SYN_RECV:
		if (!acceptable)
			return 1;
		tcp_rcv_synrecv_ack(sk, skb, th);
		break;
	case TCP_FIN_WAIT1:
		if (tp->snd_una == tp->write_seq)
			return tcp_rcv_fin_wait1_acked(sk, skb, th);
		break;
	case TCP_CLOSING:
		if (tp->snd_una == tp->write_seq) {
			tcp_time_wait(sk, TCP_TIME_WAIT, 0);
			return 2;
		}
		break;
	case TCP_LAST_ACK:
		if (tp->snd_una == tp->write_seq) {
			/* tcp_update_metrics: no metrics cache to update. */
			tcp_done(sk);
			return 2;
		}
		break;
	}
	return 0;
}

/* Step 7: the text.  After close (RCV_SHUTDOWN) new data earns a reset
 * (RFC 1122, TCPAbortOnData: returns 1); else tcp_data_queue.  Returns 0
 * with *queued set when the skb was consumed. */
static int tcp_rcv_state_text(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th,
			      int *queued)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 fin = (th->flags & TCPHDR_FIN) ? 1 : 0;

	switch (sk->sk_state) {
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			break;
		/* fall through */
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		if ((sk->sk_shutdown & RCV_SHUTDOWN) &&
		    TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
		    after(TCP_SKB_CB(skb)->end_seq - fin, tp->rcv_nxt)) {
			NET_INC_LINUX(sock_net(sk), TCPABORTONDATA);
			tcp_reset(sk);
			return 1;
		}
		/* fall through */
	case TCP_ESTABLISHED:
		tcp_data_queue(sk, skb);
		*queued = 1;
		break;
	}
	return 0;
}

/* The LISTEN case: an ACK earns a reset, a RST is dropped, and a SYN would
 * go to conn_request.  connscope implements only the active open: the SYN
 * is dropped and counted in ListenDrops (see divergences). */
static int tcp_rcv_listen(struct sock *sk, const struct tcphdr *th)
{
	if (th->flags & TCPHDR_ACK)
		return 1;
	if ((th->flags & (TCPHDR_RST | TCPHDR_SYN | TCPHDR_FIN)) == TCPHDR_SYN)
		NET_INC_LINUX(sock_net(sk), LISTENDROPS);
	return 0;
}

/*
 * tcp_rcv_state_process - RFC 793 "SEGMENT ARRIVES" for every state but
 * ESTABLISHED and TIME-WAIT.  Returns 1 when the caller must send a reset
 * (the skb is then still the caller's), else 0 with the skb consumed.
 */
int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	int queued = 0, ret = 0;

	tcp_sk(sk)->rx_opt.saw_tstamp = 0;
	cs_trace(tcp_rcv_state_process, sk, skb);
	switch (sk->sk_state) {
	case TCP_CLOSE:
		goto discard;
	case TCP_LISTEN:
		ret = tcp_rcv_listen(sk, th);
		if (ret)
			goto out;
		goto discard;
	case TCP_SYN_SENT:
		ret = tcp_rcv_synsent_state_process(sk, skb, th);
		if (ret >= 0)
			goto out;
		/* Step 6 onward by hand: no urgent data; free, then send. */
		ret = 0;
		kfree_skb(skb);
		tcp_data_snd_check(sk);
		goto out;
	}
	if (!(th->flags & (TCPHDR_ACK | TCPHDR_RST)))
		goto discard;
	if (!tcp_validate_incoming(sk, skb, th, 0))
		goto out;
	ret = tcp_rcv_state_ack(sk, skb, th);
	if (ret == 1)
		goto out;
	if (ret == 2) {
		ret = 0;
		goto discard;
	}
	/* Step 6, the URG bit: urgent data is not modelled (no data). */
	ret = tcp_rcv_state_text(sk, skb, th, &queued);
	if (ret)
		goto out;
	if (sk->sk_state != TCP_CLOSE) {
		tcp_data_snd_check(sk);
		tcp_ack_snd_check(sk);
	}
	if (queued)
		goto out;
discard:
	kfree_skb(skb);
out:
	cs_trace(tcp_rcv_state_process_ret, sk, ret);
	return ret;
}
