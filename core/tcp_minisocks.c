// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_minisocks.c - moving a TCP socket into TIME-WAIT
 * (net/ipv4/tcp_minisocks.c, Linux 3.10).
 */
#include <string.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* The TCP part of the new TIME-WAIT sock (struct tcp_timewait_sock): what
 * it needs to answer the peer and to hand a reusing connect() its
 * sequence and timestamp state. */
static void tcp_twsk_copy(struct inet_timewait_sock *tw, const struct tcp_sock *tp)
{
	tw->tw_rcv_wscale = tp->rx_opt.rcv_wscale;
	tw->tw_rcv_nxt = tp->rcv_nxt;
	tw->tw_snd_nxt = tp->snd_nxt;
	tw->tw_rcv_wnd = tcp_receive_window(tp);
	tw->tw_ts_recent = tp->rx_opt.ts_recent;
	tw->tw_ts_recent_stamp = tp->rx_opt.ts_recent_stamp;
	tw->tw_ts_offset = tp->tsoffset;
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
	struct net *net = sock_net(sk);
	struct inet_timewait_death_row *twdr = &net->tcp_death_row;
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	struct inet_timewait_sock *tw = NULL;
	const u32 sk_id = sk->sk_id;
	u32 tw_id = 0;
	/* tcp_tw_recycle's short TIME-WAIT needs the peer timestamp that
	 * tcp_remember_stamp keeps in tcp_metrics; connscope has no metrics
	 * cache, where 3.10 finds no entry and gets false too. */
	const bool recycle_ok = false;

	cs_trace(tcp_time_wait, sk, state, timeo);
	/* Read without death_lock, as 3.10 does: a racy bound is fine. */
	if (__atomic_load_n(&twdr->tw_count, __ATOMIC_RELAXED) < twdr->sysctl_max_tw_buckets)
		tw = inet_twsk_alloc(sk, state);

	if (tw) {
		const int rto = (int)((icsk->icsk_rto << 2) - (icsk->icsk_rto >> 1));

		tcp_twsk_copy(tw, tp);
		tw_id = tw->tw_id;
		__inet_twsk_hashdance(tw, sk, &net->tcp_hashinfo);

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
		/* Out of TIME-WAIT buckets: just close the socket. */
		NET_INC_LINUX(net, TCPTIMEWAITOVERFLOW);
	}

	/* 3.10 calls tcp_update_metrics(sk) here: no tcp_metrics cache. */
	tcp_done(sk);
	cs_trace(tcp_time_wait_ret, sk_id, tw_id, timeo);
}

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

/* The PAWS test of a TIME-WAIT sock: only when the segment has options and
 * the connection used timestamps. */
static bool tcp_tw_paws_reject(struct inet_timewait_sock *tw, struct sk_buff *skb,
			       const struct tcphdr *th, struct tcp_options_received *tmp_opt)
{
	tmp_opt->saw_tstamp = 0;
	if ((th->doff_res >> 4) > sizeof(*th) / 4 && tw->tw_ts_recent_stamp) {
		tcp_parse_options(skb, tmp_opt, 0);
		if (tmp_opt->saw_tstamp) {
			tmp_opt->rcv_tsecr -= tw->tw_ts_offset;
			tmp_opt->ts_recent = tw->tw_ts_recent;
			tmp_opt->ts_recent_stamp = tw->tw_ts_recent_stamp;
			return tcp_paws_reject(tmp_opt, th->flags & TCPHDR_RST,
					       net_get_seconds(tw->tw_net));
		}
	}
	return false;
}

/*
 * The FIN_WAIT2 substate (an orphan waiting for the peer's FIN): repeat
 * tcp_rcv_state_process's checks.  Out of window -> ACK; RST -> gone; a
 * new SYN or data -> gone with a RST; a duplicate ACK -> nothing; the FIN
 * -> true TIME-WAIT for TCP_TIMEWAIT_LEN, and an ACK.
 */
static enum tcp_tw_status tcp_tw_fin_wait2(struct inet_timewait_sock *tw,
					   struct sk_buff *skb, const struct tcphdr *th,
					   const struct tcp_options_received *tmp_opt,
					   bool paws_reject)
{
	struct inet_timewait_death_row *twdr = &tw->tw_net->tcp_death_row;
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;

	if (paws_reject || !tcp_in_window(seq, end_seq, tw->tw_rcv_nxt,
					  tw->tw_rcv_nxt + tw->tw_rcv_wnd))
		return TCP_TW_ACK;
	if (th->flags & TCPHDR_RST) {
		inet_twsk_deschedule(tw, twdr);		/* kill */
		inet_twsk_put(tw);
		return TCP_TW_SUCCESS;
	}
	if (!(th->flags & TCPHDR_SYN) || before(seq, tw->tw_rcv_nxt)) {
		if (!(th->flags & TCPHDR_ACK) || !after(end_seq, tw->tw_rcv_nxt) ||
		    end_seq == seq) {
			inet_twsk_put(tw);	/* a duplicate ACK */
			return TCP_TW_SUCCESS;
		}
		if ((th->flags & TCPHDR_FIN) && end_seq == tw->tw_rcv_nxt + 1) {
			tw->tw_substate = TCP_TIME_WAIT;
			tw->tw_rcv_nxt = end_seq;
			if (tmp_opt->saw_tstamp) {
				tw->tw_ts_recent_stamp = net_get_seconds(tw->tw_net);
				tw->tw_ts_recent = tmp_opt->rcv_tsval;
			}
			/* tw_recycle's short timeout needs the peer's stamp from
			 * the metrics cache (tcp_tw_remember_stamp): none here. */
			inet_twsk_schedule(tw, twdr, (int)TCP_TIMEWAIT_LEN);
			return TCP_TW_ACK;
		}
	}
	inet_twsk_deschedule(tw, twdr);			/* kill_with_rst */
	inet_twsk_put(tw);
	return TCP_TW_RST;
}

/*
 * The true TIME-WAIT substate: an in-window bare ACK or RST restarts the
 * 60 s (a RST ends it instead, unless tcp_rfc1337); a newer SYN may reopen
 * the connection (TCP_TW_SYN, with the ISN to use in TCP_SKB_CB->when);
 * anything else not a RST is answered with an ACK.
 */
static enum tcp_tw_status tcp_tw_time_wait(struct inet_timewait_sock *tw,
					   struct sk_buff *skb, const struct tcphdr *th,
					   const struct tcp_options_received *tmp_opt,
					   bool paws_reject)
{
	struct inet_timewait_death_row *twdr = &tw->tw_net->tcp_death_row;
	u32 seq = TCP_SKB_CB(skb)->seq;
	bool rst = th->flags & TCPHDR_RST;

	if (!paws_reject && seq == tw->tw_rcv_nxt &&
	    (seq == TCP_SKB_CB(skb)->end_seq || rst)) {
		if (rst && !TCP_RFC1337) {
			inet_twsk_deschedule(tw, twdr);	/* TIME-WAIT assassination */
			inet_twsk_put(tw);
			return TCP_TW_SUCCESS;
		}
		inet_twsk_schedule(tw, twdr, (int)TCP_TIMEWAIT_LEN);
		if (tmp_opt->saw_tstamp) {
			tw->tw_ts_recent = tmp_opt->rcv_tsval;
			tw->tw_ts_recent_stamp = net_get_seconds(tw->tw_net);
		}
		inet_twsk_put(tw);
		return TCP_TW_SUCCESS;
	}
	if ((th->flags & (TCPHDR_SYN | TCPHDR_RST | TCPHDR_ACK)) == TCPHDR_SYN &&
	    !paws_reject &&
	    (after(seq, tw->tw_rcv_nxt) ||
	     (tmp_opt->saw_tstamp && (s32)(tw->tw_ts_recent - tmp_opt->rcv_tsval) < 0))) {
		u32 isn = tw->tw_snd_nxt + 65535 + 2;

		TCP_SKB_CB(skb)->when = isn ? isn : 1;
		return TCP_TW_SYN;
	}
	if (paws_reject)
		NET_INC_LINUX(tw->tw_net, PAWSESTABREJECTED);
	if (!rst) {
		if (paws_reject || (th->flags & TCPHDR_ACK))
			inet_twsk_schedule(tw, twdr, (int)TCP_TIMEWAIT_LEN);
		return TCP_TW_ACK;	/* the caller's reference goes with the ACK */
	}
	inet_twsk_put(tw);
	return TCP_TW_SUCCESS;
}

/*
 * tcp_timewait_state_process - a segment for a TIME-WAIT sock (tcp_v4_rcv
 * holds one reference, which this function drops except for TCP_TW_ACK
 * and TCP_TW_SYN, where the caller still needs the sock).  Returns what
 * the caller must do: nothing, ACK, RST, or hand a new SYN to a listener.
 */
enum tcp_tw_status tcp_timewait_state_process(struct inet_timewait_sock *tw,
					      struct sk_buff *skb,
					      const struct tcphdr *th)
{
	struct tcp_options_received tmp_opt;
	enum tcp_tw_status status;
	bool paws_reject;

	memset(&tmp_opt, 0, sizeof(tmp_opt));
	cs_trace(tcp_timewait_state_process, tw, skb);
	/* connscope: a reference of our own, so that the exit event may still
	 * read the sock after the branches below drop the caller's. */
	atomic_fetch_add(&tw->tw_refcnt, 1);
	paws_reject = tcp_tw_paws_reject(tw, skb, th, &tmp_opt);
	if (tw->tw_substate == TCP_FIN_WAIT2)
		status = tcp_tw_fin_wait2(tw, skb, th, &tmp_opt, paws_reject);
	else
		status = tcp_tw_time_wait(tw, skb, th, &tmp_opt, paws_reject);
	cs_trace(tcp_timewait_state_process_ret, tw, status, paws_reject);
	inet_twsk_put(tw);
	return status;
}
