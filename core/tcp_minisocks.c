// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_minisocks.c - TIME-WAIT for TCP: what a TIME-WAIT sock makes of a
 * segment, and moving a socket into TIME-WAIT
 * (net/ipv4/tcp_minisocks.c, Linux 3.10).
 */
#include <string.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* sysctl_tcp_rfc1337 (3.10 default 0: a RST may end TIME-WAIT early), not
 * a connscope knob. */
#define TCP_RFC1337 0

/* tcp_in_window - does [seq, end_seq) touch the window [s_win, e_win]? */
static bool tcp_in_window(u32 seq, u32 end_seq, u32 s_win, u32 e_win)
{
	if (seq == s_win)
		return true;
	if (after(end_seq, s_win) && before(seq, e_win))
		return true;
	return seq == e_win && seq == end_seq;
}

/*
 * tcp_timewait_state_process - a segment for a TIME-WAIT sock.  TIME-WAIT
 * exists to close gracefully: to answer a peer still retransmitting its
 * FIN (our last ACK lost) for longer than its retransmission timeout.
 * tcp_v4_rcv holds one reference, which this function drops except for
 * TCP_TW_ACK and TCP_TW_SYN, where the caller still needs the sock.
 * Returns what the caller must do: nothing, ACK, RST, or hand a new SYN
 * to a listener.
 */
enum tcp_tw_status tcp_timewait_state_process(struct inet_timewait_sock *tw,
					      struct sk_buff *skb,
					      const struct tcphdr *th)
{
	struct tcp_options_received tmp_opt;
	struct inet_timewait_death_row *twdr = &tw->tw_net->tcp_death_row;
	bool paws_reject = false;

	cs_trace(tcp_timewait_state_process, tw, skb);
	memset(&tmp_opt, 0, sizeof(tmp_opt));
	tmp_opt.saw_tstamp = 0;
	if ((th->doff_res >> 4) > (sizeof(*th) >> 2) && tw->tw_ts_recent_stamp) {
		tcp_parse_options(skb, &tmp_opt, 0);

		if (tmp_opt.saw_tstamp) {
			tmp_opt.rcv_tsecr -= tw->tw_ts_offset;
			tmp_opt.ts_recent = tw->tw_ts_recent;
			tmp_opt.ts_recent_stamp = tw->tw_ts_recent_stamp;
			paws_reject = tcp_paws_reject(&tmp_opt, th->flags & TCPHDR_RST,
						      net_get_seconds(tw->tw_net));
		}
	}

	if (tw->tw_substate == TCP_FIN_WAIT2) {
		/* Repeat the checks of tcp_rcv_state_process. */

		/* Out of window: ACK it. */
		if (paws_reject ||
		    !tcp_in_window(TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq,
				   tw->tw_rcv_nxt,
				   tw->tw_rcv_nxt + tw->tw_rcv_wnd)) {
			cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_ACK, paws_reject);
			return TCP_TW_ACK;
		}

		if (th->flags & TCPHDR_RST)
			goto kill;

		if ((th->flags & TCPHDR_SYN) && !before(TCP_SKB_CB(skb)->seq, tw->tw_rcv_nxt))
			goto kill_with_rst;

		/* A duplicate ACK? */
		if (!(th->flags & TCPHDR_ACK) ||
		    !after(TCP_SKB_CB(skb)->end_seq, tw->tw_rcv_nxt) ||
		    TCP_SKB_CB(skb)->end_seq == TCP_SKB_CB(skb)->seq) {
			cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_SUCCESS, paws_reject);
			inet_twsk_put(tw);
			return TCP_TW_SUCCESS;
		}

		/* New data or a FIN.  Data after the half-duplex close gets
		 * a reset. */
		if (!(th->flags & TCPHDR_FIN) ||
		    TCP_SKB_CB(skb)->end_seq != tw->tw_rcv_nxt + 1) {
kill_with_rst:
			inet_twsk_deschedule(tw, twdr);
			cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_RST, paws_reject);
			inet_twsk_put(tw);
			return TCP_TW_RST;
		}

		/* The FIN: into true TIME-WAIT. */
		tw->tw_substate = TCP_TIME_WAIT;
		tw->tw_rcv_nxt = TCP_SKB_CB(skb)->end_seq;
		if (tmp_opt.saw_tstamp) {
			tw->tw_ts_recent_stamp = net_get_seconds(tw->tw_net);
			tw->tw_ts_recent = tmp_opt.rcv_tsval;
		}

		/* tcp_tw_recycle's short timeout needs the peer's stamp from
		 * the metrics cache (tcp_tw_remember_stamp): none here. */
		inet_twsk_schedule(tw, twdr, (int)TCP_TIMEWAIT_LEN);
		cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_ACK, paws_reject);
		return TCP_TW_ACK;
	}

	/*
	 * True TIME-WAIT.  RFC 1122 lets a TCP accept a new SYN that reopens
	 * the connection if the new ISN is above every sequence number of the
	 * old incarnation, and if it goes back to TIME-WAIT should the SYN
	 * prove an old duplicate.
	 */

	if (!paws_reject &&
	    (TCP_SKB_CB(skb)->seq == tw->tw_rcv_nxt &&
	     (TCP_SKB_CB(skb)->seq == TCP_SKB_CB(skb)->end_seq || (th->flags & TCPHDR_RST)))) {
		/* In window: only a reset or a bare ACK. */

		if (th->flags & TCPHDR_RST) {
			/* TIME-WAIT assassination (RFC 1337): no one has a
			 * full answer to it. */
			if (TCP_RFC1337 == 0) {
kill:
				inet_twsk_deschedule(tw, twdr);
				cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_SUCCESS,
					 paws_reject);
				inet_twsk_put(tw);
				return TCP_TW_SUCCESS;
			}
		}
		inet_twsk_schedule(tw, twdr, (int)TCP_TIMEWAIT_LEN);

		if (tmp_opt.saw_tstamp) {
			tw->tw_ts_recent = tmp_opt.rcv_tsval;
			tw->tw_ts_recent_stamp = net_get_seconds(tw->tw_net);
		}

		cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_SUCCESS, paws_reject);
		inet_twsk_put(tw);
		return TCP_TW_SUCCESS;
	}

	/* Out of window: every segment is ACKed at once, except a new SYN,
	 * accepted when it is no old duplicate: a higher sequence number, or
	 * (more reliably) a newer timestamp. */

	if ((th->flags & TCPHDR_SYN) && !(th->flags & TCPHDR_RST) &&
	    !(th->flags & TCPHDR_ACK) && !paws_reject &&
	    (after(TCP_SKB_CB(skb)->seq, tw->tw_rcv_nxt) ||
	     (tmp_opt.saw_tstamp &&
	      (s32)(tw->tw_ts_recent - tmp_opt.rcv_tsval) < 0))) {
		u32 isn = tw->tw_snd_nxt + 65535 + 2;
		if (isn == 0)
			isn++;
		TCP_SKB_CB(skb)->when = isn;
		cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_SYN, paws_reject);
		return TCP_TW_SYN;
	}

	if (paws_reject)
		NET_INC_LINUX(tw->tw_net, PAWSESTABREJECTED);

	if (!(th->flags & TCPHDR_RST)) {
		/* Restart the TIME-WAIT timer, except for an ACK-less SYN,
		 * which may be an old duplicate or a good new SYN below
		 * rcv_nxt. */
		if (paws_reject || (th->flags & TCPHDR_ACK))
			inet_twsk_schedule(tw, twdr, (int)TCP_TIMEWAIT_LEN);

		/* Answer with an ACK; the caller drops its reference. */
		cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_ACK, paws_reject);
		return TCP_TW_ACK;
	}
	cs_trace(tcp_timewait_state_process_ret, tw, TCP_TW_SUCCESS, paws_reject);
	inet_twsk_put(tw);
	return TCP_TW_SUCCESS;
}

/*
 * tcp_time_wait - @sk enters TIME-WAIT (@state TCP_TIME_WAIT) or a dead
 * FIN_WAIT2 (@state TCP_FIN_WAIT2, for @timeo jiffies): a TIME-WAIT sock
 * takes its place in the tables for TCP_TIMEWAIT_LEN (FIN_WAIT2: @timeo,
 * at least 3.5 RTO), then the socket itself is done.  Past
 * tcp_max_tw_buckets no TIME-WAIT sock is made (TCPTimeWaitOverflow).
 * Caller holds the socket.
 */
void tcp_time_wait(struct sock *sk, int state, int timeo)
{
	struct inet_timewait_sock *tw = NULL;
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	/* tcp_tw_recycle's short TIME-WAIT needs the peer timestamp that
	 * tcp_remember_stamp keeps in tcp_metrics; connscope has no metrics
	 * cache, where 3.10 finds no entry and gets false too. */
	bool recycle_ok = false;
	struct inet_timewait_death_row *twdr = &sock_net(sk)->tcp_death_row;

	cs_trace(tcp_time_wait, sk, state, timeo);
	/* Read without death_lock, as 3.10 does: a racy bound is fine. */
	if (__atomic_load_n(&twdr->tw_count, __ATOMIC_RELAXED) < twdr->sysctl_max_tw_buckets)
		tw = inet_twsk_alloc(sk, state);

	if (tw != NULL) {
		const int rto = (int)((icsk->icsk_rto << 2) - (icsk->icsk_rto >> 1));

		tw->tw_rcv_wscale = tp->rx_opt.rcv_wscale;
		tw->tw_rcv_nxt = tp->rcv_nxt;
		tw->tw_snd_nxt = tp->snd_nxt;
		tw->tw_rcv_wnd = tcp_receive_window(tp);
		tw->tw_ts_recent = tp->rx_opt.ts_recent;
		tw->tw_ts_recent_stamp = tp->rx_opt.ts_recent_stamp;
		tw->tw_ts_offset = tp->tsoffset;

		/* Into the tables in the socket's place. */
		__inet_twsk_hashdance(tw, sk, &sock_net(sk)->tcp_hashinfo);

		/* Get the TIME-WAIT timeout firing. */
		if (timeo < rto)
			timeo = rto;

		if (recycle_ok) {
			tw->tw_timeout = rto;
		} else {
			tw->tw_timeout = (int)TCP_TIMEWAIT_LEN;
			if (state == TCP_TIME_WAIT)
				timeo = (int)TCP_TIMEWAIT_LEN;
		}

		inet_twsk_schedule(tw, twdr, timeo);
		inet_twsk_put(tw);
	} else {
		/* Out of TIME-WAIT buckets (3.10: or of memory): just close
		 * the socket. */
		NET_INC_LINUX(sock_net(sk), TCPTIMEWAITOVERFLOW);
	}

	/* 3.10 calls tcp_update_metrics(sk) here: no tcp_metrics cache. */
	tcp_done(sk);
	/* trace: the caller still holds sk; tw is only tested, not read: our
	 * reference is gone, and a RST, a port recycle or its timer on
	 * another thread may already have freed it. */
	cs_trace(tcp_time_wait_ret, sk, tw, timeo);
}
