// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_metrics.c - the per-destination TCP metrics (net/ipv4/tcp_metrics.c,
 * Linux 3.10), as seen by a connection that has just been established.
 *
 * 3.10 keeps a cache of what earlier connections to the same destination
 * learnt (RTT, RTT variance, ssthresh, cwnd, reordering) and seeds a new
 * connection from it.  connscope keeps no such cache, so every connection
 * starts as 3.10's first connection to a destination does: with a fresh,
 * empty entry (docs/divergences.md).
 */
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* tcp_init_cwnd - the initial congestion window: the route's initcwnd
 * metric, else TCP_INIT_CWND (10).  (tcp_input.c in 3.10; snd_cwnd_clamp,
 * ~0 unless a cached metric locks it, never lowers it here.) */
u32 tcp_init_cwnd(const struct tcp_sock *tp, const struct rtable *dst)
{
	u32 cwnd = dst ? dst->metric_initcwnd : 0;

	(void)tp;
	if (!cwnd)
		cwnd = TCP_INIT_CWND;
	return cwnd;
}

/*
 * tcp_init_metrics - seed a new connection's congestion and RTT state.
 * With a route, 3.10 looks up (creating) the destination's entry; an empty
 * entry resets ssthresh to "infinite" and has no RTT to offer.  Then, when
 * the handshake gave no RTT sample (srtt 0: the SYN was retransmitted and
 * no timestamp came back), the RTO falls back to 3 s (RFC 6298 5.7); and
 * the initial cwnd is 1 after more than one retransmission, else
 * tcp_init_cwnd.  Caller holds the socket.
 */
void tcp_init_metrics(struct sock *sk)
{
	const struct rtable *dst = sk->sk_dst_cache;
	struct tcp_sock *tp = tcp_sk(sk);
	int fallback = 0;

	if (dst)
		tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	if (tp->srtt == 0) {
		tp->mdev = tp->mdev_max = tp->rttvar = TCP_TIMEOUT_FALLBACK;
		inet_csk(sk)->icsk_rto = TCP_TIMEOUT_FALLBACK;
		fallback = 1;
	}
	if (tp->total_retrans > 1)
		tp->snd_cwnd = 1;
	else
		tp->snd_cwnd = tcp_init_cwnd(tp, dst);
	cs_trace(tcp_init_metrics, sk, fallback);
}
