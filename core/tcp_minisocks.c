// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_minisocks.c - moving a TCP socket into TIME-WAIT
 * (net/ipv4/tcp_minisocks.c, Linux 3.10).
 */
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
	if (twdr->tw_count < twdr->sysctl_max_tw_buckets)
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
