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


/*
 * tcp_rcv_synsent_state_process - a segment for a socket in SYN_SENT.
 * Returns 1 when the caller must answer with a reset (the skb is still the
 * caller's), 0 when the segment was consumed, and -1 when the caller is to
 * finish "step 6 onward by hand".  The _ret event is traced where each
 * branch is decided, just before the label it goes to.
 */
static int tcp_rcv_synsent_state_process(struct sock *sk, struct sk_buff *skb,
					 const struct tcphdr *th)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u16 saved_clamp = tp->rx_opt.mss_clamp;

	cs_trace(tcp_rcv_synsent_state_process, sk, skb);
	tcp_parse_options(skb, &tp->rx_opt, 0);
	if (tp->rx_opt.saw_tstamp)
		tp->rx_opt.rcv_tsecr -= tp->tsoffset;

	if (th->flags & TCPHDR_ACK) {
		/* RFC 793, SYN-SENT, first the ACK bit: an ACK at or below
		 * ISS, or beyond SND.NXT, is answered with a reset (unless
		 * RST is set: then the segment is dropped). */
		if (!after(TCP_SKB_CB(skb)->ack_seq, tp->snd_una) ||
		    after(TCP_SKB_CB(skb)->ack_seq, tp->snd_nxt)) {
			cs_trace(tcp_rcv_synsent_state_process_ret, sk,
				 SYNSENT_RESET_AND_UNDO_BAD_ACK, 1);
			goto reset_and_undo;
		}

		if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
		    !between(tp->rx_opt.rcv_tsecr, tp->retrans_stamp,
			     tcp_time_stamp(sock_net(sk)))) {
			NET_INC_LINUX(sock_net(sk), PAWSACTIVEREJECTED);
			cs_trace(tcp_rcv_synsent_state_process_ret, sk,
				 SYNSENT_RESET_AND_UNDO_PAWS, 1);
			goto reset_and_undo;
		}

		/* The ACK is acceptable.  With RST: "connection reset",
		 * drop the segment, enter CLOSED. */
		if (th->flags & TCPHDR_RST) {
			tcp_reset(sk);
			cs_trace(tcp_rcv_synsent_state_process_ret, sk, SYNSENT_RST, 0);
			goto discard;
		}

		/* Neither SYN nor RST: drop the segment. */
		if (!(th->flags & TCPHDR_SYN)) {
			cs_trace(tcp_rcv_synsent_state_process_ret, sk,
				 SYNSENT_DISCARD_AND_UNDO_NO_SYN, 0);
			goto discard_and_undo;
		}

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

		if (sk->sk_write_pending ||
		    TCP_DEFER_ACCEPT_OF_CONNECTING_SOCKET ||
		    icsk->icsk_ack.pingpong) {
			/* Save one ACK: data will follow within a few ticks
			 * when a writer waits. */
			icsk->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
			icsk->icsk_ack.lrcvtime = tcp_time_stamp(sock_net(sk));
			tcp_enter_quickack_mode(sk);
			inet_csk_reset_xmit_timer(sk, ICSK_TIME_DACK,
						  TCP_DELACK_MAX, TCP_RTO_MAX);
			cs_trace(tcp_rcv_synsent_state_process_ret, sk,
				 SYNSENT_SYNACK_DELAYED_ACK, 0);

discard:
			kfree_skb(skb);
			return 0;
		} else {
			tcp_send_ack(sk);
		}
		cs_trace(tcp_rcv_synsent_state_process_ret, sk, SYNSENT_SYNACK_ACCEPTED, -1);
		return -1;
	}

	/* No ACK in the segment. */

	if (th->flags & TCPHDR_RST) {
		/* RFC 793: a RST without ACK is dropped. */
		cs_trace(tcp_rcv_synsent_state_process_ret, sk, SYNSENT_RST_NO_ACK, 0);
		goto discard_and_undo;
	}

	/* PAWS. */
	if (tp->rx_opt.ts_recent_stamp && tp->rx_opt.saw_tstamp &&
	    tcp_paws_reject(&tp->rx_opt, 0, net_get_seconds(sock_net(sk)))) {
		cs_trace(tcp_rcv_synsent_state_process_ret, sk, SYNSENT_PAWS_DROP, 0);
		goto discard_and_undo;
	}

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
		cs_trace(tcp_rcv_synsent_state_process_ret, sk, SYNSENT_SIMULTANEOUS_OPEN, 0);
		goto discard;
	}
	/* Neither SYN nor RST: drop the segment. */
	cs_trace(tcp_rcv_synsent_state_process_ret, sk, SYNSENT_NO_SYN_NO_RST, 0);

discard_and_undo:
	tcp_clear_options(&tp->rx_opt);
	tp->rx_opt.mss_clamp = saved_clamp;
	goto discard;

reset_and_undo:
	tcp_clear_options(&tp->rx_opt);
	tp->rx_opt.mss_clamp = saved_clamp;
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
