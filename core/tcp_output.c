// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_output.c - building and sending TCP segments (net/ipv4/tcp_output.c,
 * Linux 3.10): the window we offer, the options and the header written by
 * tcp_transmit_skb, the MSS, what leaves the write queue after the SYN
 * (tcp_write_xmit and its tests, the FIN pushed by
 * __tcp_push_pending_frames), retransmission of a queued segment, the
 * active reset, the SYN-ACK of a simultaneous open, the SYN of an active
 * open (tcp_connect) and the ACK.
 *
 * connscope sends no payload, so the data paths of the kernel file (TSO,
 * Nagle for data, MTU probes, SACK blocks, Fast Open, MD5) are not here;
 * docs/divergences.md lists each omission.  Every function runs with the
 * socket owned (lock_sock) or, in softirq context, under bh_lock_sock.
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

/* INET_ECN_* (include/net/inet_ecn.h): the ECN bits of the IP TOS byte. */
#define INET_ECN_ECT_0 2
#define INET_ECN_MASK 3

static inline struct rtable *__sk_dst_get(const struct sock *sk)
{
	return sk->sk_dst_cache;
}

/* tcp_acceptable_seq - the sequence number of a segment without data: SND.NXT,
 * or the right edge of the peer's window if that window shrank below it. */
u32 tcp_acceptable_seq(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (!before(tcp_wnd_end(tp), tp->snd_nxt))
		return tp->snd_nxt;
	return tcp_wnd_end(tp);
}

/* tcp_advertise_mss - the MSS option of our SYN: advmss, lowered (and stored)
 * if the route's advmss metric is smaller. */
u16 tcp_advertise_mss(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct rtable *dst = __sk_dst_get(sk);
	int mss = tp->advmss;

	if (dst) {
		unsigned int metric = dst_metric_advmss(dst);

		if (metric < (unsigned int)mss) {
			mss = (int)metric;
			tp->advmss = (u16)mss;
		}
	}
	return (u16)mss;
}

/* tcp_dec_quickack_mode (include/net/tcp.h): an ACK went out for @pkts
 * segments; leaving quick-ack mode deflates ato. */
static void tcp_dec_quickack_mode(struct sock *sk, unsigned int pkts)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ack.quick) {
		if (pkts >= icsk->icsk_ack.quick) {
			icsk->icsk_ack.quick = 0;
			icsk->icsk_ack.ato = TCP_ATO_MIN;
		} else {
			icsk->icsk_ack.quick = (u8)(icsk->icsk_ack.quick - pkts);
		}
	}
}

/* tcp_event_ack_sent - an ACK is leaving: the delayed-ACK timer is moot. */
static void tcp_event_ack_sent(struct sock *sk, unsigned int pkts)
{
	tcp_dec_quickack_mode(sk, pkts);
	inet_csk_clear_xmit_timer(sk, ICSK_TIME_DACK);
}

/* tcp_select_initial_window - the window of our SYN and its scale: @space
 * rounded down to whole @mss, capped at TCP_DEFAULT_INIT_RCVWND segments
 * (3.10; 3.11 doubled it, 4.20 removed the cap in favour of 64 KiB), and the
 * smallest scale that lets max(tcp_rmem[2], rmem_max) fit in 16 bits. */
void tcp_select_initial_window(const struct net *net, int __space, u32 mss,
			       u32 *rcv_wnd, u32 *window_clamp, int wscale_ok,
			       u8 *rcv_wscale, u32 init_rcv_wnd)
{
	unsigned int space = (unsigned int)(__space < 0 ? 0 : __space);

	if (*window_clamp == 0)
		*window_clamp = (65535U << 14);
	space = min(*window_clamp, space);

	if (space > mss)
		space = (space / mss) * mss;

	if (net->sysctl.tcp_workaround_signed_windows)
		*rcv_wnd = min(space, MAX_TCP_WINDOW);
	else
		*rcv_wnd = space;

	*rcv_wscale = 0;
	if (wscale_ok) {
		space = max((u32)net->sysctl.tcp_rmem[2], (u32)net->sysctl.rmem_max);
		space = min(space, *window_clamp);
		while (space > 65535 && *rcv_wscale < TCP_MAX_WSCALE) {
			space >>= 1;
			(*rcv_wscale)++;
		}
	}

	if (mss > (1U << *rcv_wscale)) {
		int init_cwnd = TCP_DEFAULT_INIT_RCVWND;

		if (mss > 1460)
			init_cwnd = (int)max((1460U * TCP_DEFAULT_INIT_RCVWND) / mss, 2U);
		if (init_rcv_wnd)
			*rcv_wnd = min(*rcv_wnd, init_rcv_wnd * mss);
		else
			*rcv_wnd = min(*rcv_wnd, (u32)init_cwnd * mss);
	}

	*window_clamp = min(65535U << *rcv_wscale, *window_clamp);
	cs_trace(tcp_select_initial_window, __space, mss, init_rcv_wnd, wscale_ok,
		 *rcv_wnd, *window_clamp, *rcv_wscale);
}

/* tcp_select_window - the scaled window field of a non-SYN segment: never
 * shrink what was offered, remember the offer (rcv_wnd at rcv_wup), cap it
 * at what the field can carry.  (3.10 also clears pred_flags on a zero
 * window; connscope has no header-prediction fast path.) */
u16 tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 cur_win = tcp_receive_window(tp);
	u32 new_win = __tcp_select_window(sk);

	/* Never shrink the offered window; rcv_wnd/rcv_wup still move, or a
	 * zero window could not be offered in time. */
	if (new_win < cur_win)
		new_win = ALIGN(cur_win, 1U << tp->rx_opt.rcv_wscale);
	tp->rcv_wnd = new_win;
	tp->rcv_wup = tp->rcv_nxt;

	if (!tp->rx_opt.rcv_wscale && sock_net(sk)->sysctl.tcp_workaround_signed_windows)
		new_win = min(new_win, MAX_TCP_WINDOW);
	else
		new_win = min(new_win, 65535U << tp->rx_opt.rcv_wscale);

	/* RFC 1323 scaling. */
	new_win >>= tp->rx_opt.rcv_wscale;
	cs_trace(tcp_select_window, sk, cur_win, (u16)new_win);
	return (u16)new_win;
}

/* TCP_ECN_send_synack - a SYN-ACK answers ECN with ECE only, and only if our
 * own SYN negotiated it. */
void TCP_ECN_send_synack(const struct tcp_sock *tp, struct sk_buff *skb)
{
	TCP_SKB_CB(skb)->tcp_flags &= (u8)~TCPHDR_CWR;
	if (!(tp->ecn_flags & TCP_ECN_OK))
		TCP_SKB_CB(skb)->tcp_flags &= (u8)~TCPHDR_ECE;
}

/* TCP_ECN_send_syn - request ECN (ECE|CWR on the SYN) iff tcp_ecn == 1; the
 * default 2 only accepts it from peers. */
void TCP_ECN_send_syn(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->ecn_flags = 0;
	if (sock_net(sk)->sysctl.tcp_ecn == 1) {
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_ECE | TCPHDR_CWR;
		tp->ecn_flags = TCP_ECN_OK;
	}
	cs_trace(TCP_ECN_send_syn, sk, skb);
}

/* TCP_ECN_send - ECN marks of a non-SYN segment on an ECN connection: new
 * data is ECT (and carries a queued CWR); ACKs and retransmissions are not;
 * ECE while the peer's CE has not been answered by CWR. */
void TCP_ECN_send(struct sock *sk, struct sk_buff *skb, int tcp_header_len)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->ecn_flags & TCP_ECN_OK) {
		if (skb->len != (unsigned int)tcp_header_len &&
		    !before(TCP_SKB_CB(skb)->seq, tp->snd_nxt)) {
			inet_sk(sk)->tos |= INET_ECN_ECT_0;
			if (tp->ecn_flags & TCP_ECN_QUEUE_CWR) {
				tp->ecn_flags &= (u8)~TCP_ECN_QUEUE_CWR;
				tcp_hdr(skb)->flags |= TCPHDR_CWR;
			}
		} else {
			inet_sk(sk)->tos &= (u8)~INET_ECN_MASK;
		}
		if (tp->ecn_flags & TCP_ECN_DEMAND_CWR)
			tcp_hdr(skb)->flags |= TCPHDR_ECE;
	}
}

/* tcp_init_nondata_skb - control block of a segment without data; SYN and
 * FIN each take one sequence number. */
void tcp_init_nondata_skb(struct sk_buff *skb, u32 seq, u8 flags)
{
	skb->ip_summed = CHECKSUM_PARTIAL;
	TCP_SKB_CB(skb)->tcp_flags = flags;
	TCP_SKB_CB(skb)->sacked = 0;
	skb_shinfo(skb)->gso_segs = 1;
	TCP_SKB_CB(skb)->seq = seq;
	if (flags & (TCPHDR_SYN | TCPHDR_FIN))
		seq++;
	TCP_SKB_CB(skb)->end_seq = seq;
	cs_trace(tcp_init_nondata_skb, skb);
}

/* tcp_options_write - lay out the options chosen by tcp_syn_options or
 * tcp_established_options, in the kernel's order: MSS, SACK-permitted folded
 * into the timestamp word (else NOP NOP TS), SACK-permitted alone, window
 * scale.  (MD5, SACK blocks and Fast Open are never chosen here.) */
void tcp_options_write(__be32 *ptr, struct tcp_sock *tp, struct tcp_out_options *opts)
{
	u16 options = opts->options;	/* a copy the SACK case may change */

	if (opts->mss) {
		*ptr++ = htonl((TCPOPT_MSS << 24) |
			       (TCPOLEN_MSS << 16) |
			       opts->mss);
	}

	if (OPTION_TS & options) {
		if (OPTION_SACK_ADVERTISE & options) {
			*ptr++ = htonl((TCPOPT_SACK_PERM << 24) |
				       (TCPOLEN_SACK_PERM << 16) |
				       (TCPOPT_TIMESTAMP << 8) |
				       TCPOLEN_TIMESTAMP);
			options &= (u16)~OPTION_SACK_ADVERTISE;
		} else {
			*ptr++ = htonl((TCPOPT_NOP << 24) |
				       (TCPOPT_NOP << 16) |
				       (TCPOPT_TIMESTAMP << 8) |
				       TCPOLEN_TIMESTAMP);
		}
		*ptr++ = htonl(opts->tsval);
		*ptr++ = htonl(opts->tsecr);
	}

	if (OPTION_SACK_ADVERTISE & options) {
		*ptr++ = htonl((TCPOPT_NOP << 24) |
			       (TCPOPT_NOP << 16) |
			       (TCPOPT_SACK_PERM << 8) |
			       TCPOLEN_SACK_PERM);
	}

	if (OPTION_WSCALE & options) {
		*ptr++ = htonl((TCPOPT_NOP << 24) |
			       (TCPOPT_WINDOW << 16) |
			       (TCPOLEN_WINDOW << 8) |
			       opts->ws);
	}

	cs_trace(tcp_options_write, (struct sock *)tp, ptr, opts);
}

/* tcp_syn_options - choose the options of a SYN within 40 bytes: always MSS;
 * timestamps (TSval = when + tsoffset, TSecr = ts_recent), window scale and
 * SACK-permitted as the sysctls allow.  Returns their size in bytes. */
unsigned int tcp_syn_options(struct sock *sk, struct sk_buff *skb,
			     struct tcp_out_options *opts)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct cs_sysctl *sys = &sock_net(sk)->sysctl;
	unsigned int remaining = MAX_TCP_OPTION_SPACE;

	opts->mss = tcp_advertise_mss(sk);
	remaining -= TCPOLEN_MSS_ALIGNED;

	if (sys->tcp_timestamps) {
		opts->options |= OPTION_TS;
		opts->tsval = TCP_SKB_CB(skb)->when + tp->tsoffset;
		opts->tsecr = tp->rx_opt.ts_recent;
		remaining -= TCPOLEN_TSTAMP_ALIGNED;
	}
	if (sys->tcp_window_scaling) {
		opts->ws = tp->rx_opt.rcv_wscale;
		opts->options |= OPTION_WSCALE;
		remaining -= TCPOLEN_WSCALE_ALIGNED;
	}
	if (sys->tcp_sack) {
		opts->options |= OPTION_SACK_ADVERTISE;
		if (!(OPTION_TS & opts->options))
			remaining -= TCPOLEN_SACKPERM_ALIGNED;
	}

	cs_trace(tcp_syn_options, sk, opts, MAX_TCP_OPTION_SPACE - remaining);
	return MAX_TCP_OPTION_SPACE - remaining;
}

/* tcp_established_options - options of a non-SYN segment: the timestamp if
 * it was negotiated (TSval 0 when sizing without a segment).  SACK blocks
 * never apply: connscope receives no out-of-order data. */
unsigned int tcp_established_options(struct sock *sk, struct sk_buff *skb,
				     struct tcp_out_options *opts)
{
	struct tcp_skb_cb *tcb = skb ? TCP_SKB_CB(skb) : NULL;
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int size = 0;

	if (tp->rx_opt.tstamp_ok) {
		opts->options |= OPTION_TS;
		opts->tsval = tcb ? tcb->when + tp->tsoffset : 0;
		opts->tsecr = tp->rx_opt.ts_recent;
		size += TCPOLEN_TSTAMP_ALIGNED;
	}
	return size;
}

/* tcp_wfree - destructor of a transmitted clone.  TCP Small Queues never
 * throttles here (no data), so it is always sock_wfree. */
void tcp_wfree(struct sk_buff *skb)
{
	sock_wfree(skb);
}

/* tcp_transmit_skb - put a queued segment on the wire: clone it (the queue
 * keeps the original for retransmission), push and fill the TCP header and
 * options, charge the clone to sk_wmem_alloc, checksum it and hand it to
 * ip_queue_xmit.  Returns 0 or -errno (-ENOBUFS if the clone fails). */
int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, int clone_it)
{
	const struct inet_connection_sock *icsk = inet_csk(sk); /* 3.10:831 */
	struct inet_sock *inet; /* 3.10:832 */
	struct tcp_sock *tp; /* 3.10:833 */
	struct tcp_skb_cb *tcb; /* 3.10:834 */
	struct tcp_out_options opts; /* 3.10:835 */
	unsigned int tcp_options_size, tcp_header_size; /* 3.10:836 */
	struct tcphdr *th; /* 3.10:838 */
	int err; /* 3.10:839 */

	cs_trace(tcp_transmit_skb, sk, TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq,
		 TCP_SKB_CB(skb)->tcp_flags, clone_it);
	if (clone_it) {
		const struct sk_buff *fclone = skb + 1; /* 3.10:850 */

		if (skb->fclone == SKB_FCLONE_ORIG && fclone->fclone == SKB_FCLONE_CLONE)
			NET_INC_LINUX(sock_net(sk), TCPSPURIOUSRTXHOSTQUEUES);

		if (skb_cloned(skb))
			skb = pskb_copy(skb);
		else /* 3.10:859 */
			skb = skb_clone(skb);
		if (!skb) {
			cs_trace(tcp_transmit_skb_ret, sk, -ENOBUFS);
			return -ENOBUFS; /* 3.10:862 */
		}
	}

	inet = inet_sk(sk); /* 3.10:865 */
	tp = tcp_sk(sk); /* 3.10:866 */
	tcb = TCP_SKB_CB(skb); /* 3.10:867 */
	memset(&opts, 0, sizeof(opts)); /* 3.10:868 */

	if (tcb->tcp_flags & TCPHDR_SYN)
		tcp_options_size = tcp_syn_options(sk, skb, &opts);
	else /* 3.10:872 */
		tcp_options_size = tcp_established_options(sk, skb, &opts);
	tcp_header_size = tcp_options_size + (unsigned int)sizeof(struct tcphdr);

	skb_push(skb, tcp_header_size); /* 3.10:885 */
	skb_reset_transport_header(skb); /* 3.10:886 */

	skb_orphan(skb); /* 3.10:888 */
	skb->sk = sk; /* 3.10:889 */
	skb->destructor = tcp_wfree;
	atomic_fetch_add(&sk->sk_wmem_alloc, (int)skb->truesize);

	/* Build the TCP header and checksum it.  3.10 stores doff and the
	 * flags as one 16-bit word; struct tcphdr has a byte for each. */
	th = tcp_hdr(skb); /* 3.10:895 */
	th->source = inet->inet_sport; /* 3.10:896 */
	th->dest = inet->inet_dport; /* 3.10:897 */
	th->seq = htonl(tcb->seq); /* 3.10:898 */
	th->ack_seq = htonl(tp->rcv_nxt); /* 3.10:899 */
	th->doff_res = (u8)((tcp_header_size >> 2) << 4);
	th->flags = tcb->tcp_flags;

	if (tcb->tcp_flags & TCPHDR_SYN) {
		/* RFC 1323: the window of a SYN or SYN-ACK is never scaled. */
		th->window = htons((u16)min(tp->rcv_wnd, 65535U));
	} else { /* 3.10:908 */
		th->window = htons(tcp_select_window(sk)); /* 3.10:909 */
	}
	th->check = 0; /* 3.10:911 */
	th->urg_ptr = 0; /* 3.10:912 */

	/* The urg_mode test matters for a window probe below snd_una. */
	if (tcp_urg_mode(tp) && before(tcb->seq, tp->snd_up)) {
		if (before(tp->snd_up, tcb->seq + 0x10000)) {
			th->urg_ptr = htons((u16)(tp->snd_up - tcb->seq));
			th->flags |= TCPHDR_URG;
		} else if (after(tcb->seq + 0xFFFF, tp->snd_nxt)) {
			th->urg_ptr = htons(0xFFFF);
			th->flags |= TCPHDR_URG;
		}
	}

	tcp_options_write((__be32 *)(void *)(th + 1), tp, &opts);
	if ((tcb->tcp_flags & TCPHDR_SYN) == 0)
		TCP_ECN_send(sk, skb, (int)tcp_header_size);

	icsk->icsk_af_ops->send_check(sk, skb); /* 3.10:938 */

	if (tcb->tcp_flags & TCPHDR_ACK)
		tcp_event_ack_sent(sk, (unsigned int)tcp_skb_pcount(skb));

	/* 3.10 calls tcp_event_data_sent for a segment with data here;
	 * connscope sends none. */

	if (after(tcb->end_seq, tp->snd_nxt) || tcb->seq == tcb->end_seq)
		NET_ADD_STATS(sock_net(sk), TCP_OUTSEGS, tcp_skb_pcount(skb));

	/* The clone kind and the OutSegs test: the tracepoint reads them
	 * from skb and tcb. */
	cs_trace(tcp_transmit_skb_hdr, sk, skb, th, clone_it);
	err = icsk->icsk_af_ops->queue_xmit(skb, &inet->cork.fl4);
	if (err <= 0) {
		cs_trace(tcp_transmit_skb_ret, sk, err);
		return err; /* 3.10:952 */
	}

	/* 3.10 enters CWR here (tcp_enter_cwr): a local drop counts as
	 * congestion.  connscope sends no data, so there is no window to
	 * reduce. */
	cs_trace(tcp_transmit_skb_ret, sk, net_xmit_eval(err));
	return net_xmit_eval(err); /* 3.10:956 */
}

/* __tcp_mtu_to_mss - MSS for a path MTU before TCP options: MTU - IP - TCP
 * header, clamped by mss_clamp, less IP options, at least 48.  The
 * difference wraps as the kernel's int does (a wrapped search_low), in u32. */
int __tcp_mtu_to_mss(struct sock *sk, int pmtu)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_connection_sock *icsk = inet_csk(sk);
	int mss_now;

	mss_now = (int)((u32)pmtu - icsk->icsk_af_ops->net_header_len - sizeof(struct tcphdr));
	if (mss_now > tp->rx_opt.mss_clamp)
		mss_now = tp->rx_opt.mss_clamp;
	mss_now -= icsk->icsk_ext_hdr_len;
	if (mss_now < 48)
		mss_now = 48;
	return mss_now;
}

/* tcp_mtu_to_mss - the same less the options of every segment (timestamps). */
int tcp_mtu_to_mss(struct sock *sk, int pmtu)
{
	return __tcp_mtu_to_mss(sk, pmtu) -
	       (tcp_sk(sk)->tcp_header_len - (int)sizeof(struct tcphdr));
}

/* tcp_mss_to_mtu - the inverse of tcp_mtu_to_mss.  tcp_base_mss takes any
 * int: the sum wraps as the kernel's does (-fno-strict-overflow), in u32. */
int tcp_mss_to_mtu(struct sock *sk, int mss)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_connection_sock *icsk = inet_csk(sk);

	return (int)((u32)mss + tp->tcp_header_len + icsk->icsk_ext_hdr_len +
		     icsk->icsk_af_ops->net_header_len);
}

/* tcp_mtup_init - MTU probing state: on iff tcp_mtu_probing > 1; search
 * between tcp_base_mss's MTU and mss_clamp's MTU. */
void tcp_mtup_init(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_mtup.enabled = sock_net(sk)->sysctl.tcp_mtu_probing > 1;
	icsk->icsk_mtup.search_high = tp->rx_opt.mss_clamp + (int)sizeof(struct tcphdr) +
				      icsk->icsk_af_ops->net_header_len;
	icsk->icsk_mtup.search_low = tcp_mss_to_mtu(sk, sock_net(sk)->sysctl.tcp_base_mss);
	icsk->icsk_mtup.probe_size = 0;
	cs_trace(tcp_mtup_init, sk);
}

/* tcp_bound_to_half_wnd (include/net/tcp.h): keep segments within half the
 * largest window the peer offered (no-op while max_window is 0). */
static int tcp_bound_to_half_wnd(struct tcp_sock *tp, int pktsize)
{
	int cutoff;

	if (tp->max_window >= 512)
		cutoff = (int)(tp->max_window >> 1);
	else
		cutoff = (int)tp->max_window;

	if (cutoff && pktsize > cutoff)
		return max(cutoff, 68 - (int)tp->tcp_header_len);
	return pktsize;
}

/* tcp_sync_mss - recompute mss_cache for path MTU @pmtu and remember it in
 * icsk_pmtu_cookie.  Returns the new MSS. */
unsigned int tcp_sync_mss(struct sock *sk, u32 pmtu)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	int mss_now;

	if ((u32)icsk->icsk_mtup.search_high > pmtu)
		icsk->icsk_mtup.search_high = (int)pmtu;

	mss_now = tcp_mtu_to_mss(sk, (int)pmtu);
	mss_now = tcp_bound_to_half_wnd(tp, mss_now);

	icsk->icsk_pmtu_cookie = pmtu;
	if (icsk->icsk_mtup.enabled)
		mss_now = min(mss_now, tcp_mtu_to_mss(sk, icsk->icsk_mtup.search_low));
	tp->mss_cache = (u32)mss_now;
	cs_trace(tcp_sync_mss, sk, pmtu);
	return (unsigned int)mss_now;
}

/* tcp_current_mss - the MSS for the next segment: resync if the route's MTU
 * changed, then correct for options that differ from tcp_header_len. */
unsigned int tcp_current_mss(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct rtable *dst = __sk_dst_get(sk);
	struct tcp_out_options opts;
	unsigned int header_len;
	u32 mss_now = tp->mss_cache;

	if (dst) {
		u32 mtu = dst_mtu(dst);

		if (mtu != inet_csk(sk)->icsk_pmtu_cookie)
			mss_now = tcp_sync_mss(sk, mtu);
	}

	memset(&opts, 0, sizeof(opts));
	header_len = tcp_established_options(sk, NULL, &opts) +
		     (unsigned int)sizeof(struct tcphdr);
	if (header_len != tp->tcp_header_len) {
		int delta = (int)header_len - tp->tcp_header_len;

		mss_now = (u32)((int)mss_now - delta);
	}
	return mss_now;
}

/* tcp_event_new_data_sent - account a segment that left the send head:
 * advance sk_send_head, snd_nxt and packets_out; the first segment in
 * flight arms the retransmit timer.  (3.10 also re-arms when an
 * early-retransmit or loss-probe timer is pending: never armed here.) */
static void tcp_event_new_data_sent(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int prior_packets = tp->packets_out;

	sk->sk_send_head = (skb == tcp_write_queue_tail(sk)) ? NULL : skb->next;
	tp->snd_nxt = TCP_SKB_CB(skb)->end_seq;

	tp->packets_out += (u32)tcp_skb_pcount(skb);
	if (!prior_packets)
		tcp_rearm_rto(sk);
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
			/* The queued SYN may still be held by its clone:
			 * send a private copy in its place. */
			struct sk_buff *nskb = skb_copy(skb);

			if (nskb == NULL) {
				cs_trace(tcp_send_synack_ret, sk, -ENOMEM);
				return -ENOMEM;
			}
			tcp_unlink_write_queue(skb, sk);
			__tcp_add_write_queue_head(sk, nskb);
			sk_wmem_free_skb(sk, skb);
			sk->sk_wmem_queued += (int)nskb->truesize;
			skb = nskb;
		}
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_ACK;
		TCP_ECN_send_synack(tcp_sk(sk), skb);
	}
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sock_net(sk));
	err = tcp_transmit_skb(sk, skb, 1);
	cs_trace(tcp_send_synack_ret, sk, err);
	return err;
}

/* tcp_connect_init - connection state before the SYN: header length, MSS
 * from the route's MTU, advmss, the initial window and its scale, the send
 * sequence space at the ISN, RTO 1 s.  Caller owns the socket; the route is
 * already in sk_dst_cache (sk_setup_caps). */
void tcp_connect_init(struct sock *sk)
{
	const struct rtable *dst = __sk_dst_get(sk);
	const struct cs_sysctl *sys = &sock_net(sk)->sysctl;
	struct tcp_sock *tp = tcp_sk(sk);
	u8 rcv_wscale;

	cs_trace(tcp_connect_init, sk, dst_mtu(dst));
	/* Fixed up when the answer comes (tcp_rcv_synsent_state_process). */
	tp->tcp_header_len = (u16)(sizeof(struct tcphdr) +
				   (sys->tcp_timestamps ? TCPOLEN_TSTAMP_ALIGNED : 0));

	/* A TCP_MAXSEG from the user clamps the MSS. */
	if (tp->rx_opt.user_mss)
		tp->rx_opt.mss_clamp = tp->rx_opt.user_mss;
	tp->max_window = 0;
	tcp_mtup_init(sk);
	tcp_sync_mss(sk, dst_mtu(dst));

	if (!tp->window_clamp)
		tp->window_clamp = dst->metric_window;
	tp->advmss = (u16)dst_metric_advmss(dst);
	if (tp->rx_opt.user_mss && tp->rx_opt.user_mss < tp->advmss)
		tp->advmss = tp->rx_opt.user_mss;

	tcp_initialize_rcv_mss(sk);

	/* A receive buffer set by the user limits the window. */
	if ((sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    (tp->window_clamp > (u32)tcp_full_space(sk) || tp->window_clamp == 0))
		tp->window_clamp = (u32)tcp_full_space(sk);

	tcp_select_initial_window(sock_net(sk), tcp_full_space(sk),
				  tp->advmss - (tp->rx_opt.ts_recent_stamp ?
						tp->tcp_header_len - sizeof(struct tcphdr) : 0),
				  &tp->rcv_wnd, &tp->window_clamp, sys->tcp_window_scaling,
				  &rcv_wscale, dst->metric_initrwnd);
	tp->rx_opt.rcv_wscale = rcv_wscale & 0xf;
	tp->rcv_ssthresh = tp->rcv_wnd;

	WRITE_ONCE(sk->sk_err, 0);
	sock_reset_flag(sk, SOCK_DONE);
	tp->snd_wnd = 0;
	tcp_init_wl(tp, 0);
	tp->snd_una = tp->write_seq;
	tp->snd_sml = tp->write_seq;
	tp->snd_up = tp->write_seq;
	tp->snd_nxt = tp->write_seq;

	if (!tp->repair)
		tp->rcv_nxt = 0;
	tp->rcv_wup = tp->rcv_nxt;
	tp->copied_seq = tp->rcv_nxt;

	inet_csk(sk)->icsk_rto = TCP_TIMEOUT_INIT;
	inet_csk(sk)->icsk_retransmits = 0;
	tcp_clear_retrans(tp);
	cs_trace(tcp_connect_init_ret, sk);
}

/* tcp_connect_queue_skb - put the SYN on the write queue: write_seq moves
 * past it (ISN + 1) and it counts as in flight (it is sent right after). */
void tcp_connect_queue_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	tcb->end_seq += skb->len;
	__skb_queue_tail(&sk->sk_write_queue, skb);
	sk->sk_wmem_queued += (int)skb->truesize;
	tp->write_seq = tcb->end_seq;
	tp->packets_out += (u32)tcp_skb_pcount(skb);
	cs_trace(tcp_connect_queue_skb, sk, skb);
}

/* tcp_connect - build the SYN, queue it, send it and arm the retransmit
 * timer.  Only -ENOBUFS (no buffer) and -ECONNREFUSED (from the transmit)
 * fail the connect; any other transmit error is left to the timer.
 * snd_nxt moves after the transmit so that the SYN is counted in OutSegs. */
int tcp_connect(struct sock *sk) /* 3.10:2925 */
{
	struct tcp_sock *tp = tcp_sk(sk); /* 3.10:2927 */
	struct sk_buff *buff; /* 3.10:2928 */
	int err; /* 3.10:2929 */

	cs_trace(tcp_connect, sk);
	tcp_connect_init(sk); /* 3.10:2931 */

	if (tp->repair) {
		tcp_finish_connect(sk, NULL); /* 3.10:2934 */
		cs_trace(tcp_connect_ret, sk, 0);
		return 0; /* 3.10:2935 */
	}

	buff = alloc_skb_fclone(MAX_TCP_HEADER + 15);
	if (buff == NULL) {
		cs_trace(tcp_connect_ret, sk, -ENOBUFS);
		return -ENOBUFS; /* 3.10:2940 */
	}

	/* Room for the headers. */
	skb_reserve(buff, MAX_TCP_HEADER); /* 3.10:2943 */

	tcp_init_nondata_skb(buff, tp->write_seq++, TCPHDR_SYN); /* 3.10:2945 */
	tp->retrans_stamp = TCP_SKB_CB(buff)->when = tcp_time_stamp(sock_net(sk));
	tcp_connect_queue_skb(sk, buff); /* 3.10:2947 */
	TCP_ECN_send_syn(sk, buff); /* 3.10:2948 */

	/* Send the SYN.  3.10 sends it with data through tcp_send_syn_data
	 * when a Fast Open request exists; fastopen_req is always NULL here
	 * (tcp_fastopen defaults to 0). */
	err = tcp_transmit_skb(sk, buff, 1);
	if (err == -ECONNREFUSED) {
		cs_trace(tcp_connect_ret, sk, err);
		return err; /* 3.10:2954 */
	}

	/* snd_nxt moves after tcp_transmit_skb, so that the SYN is counted
	 * in OutSegs. */
	tp->snd_nxt = tp->write_seq; /* 3.10:2959 */
	tp->pushed_seq = tp->write_seq; /* 3.10:2960 */
	TCP_INC_STATS(sock_net(sk), ACTIVEOPENS);

	/* The timer that sends the SYN again until an answer comes. */
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, inet_csk(sk)->icsk_rto, TCP_RTO_MAX);
	cs_trace(tcp_connect_ret, sk, 0);
	return 0; /* 3.10:2966 */
}

/*
 * tcp_send_delayed_ack - arm the delayed-ACK timer: ato, bounded by 500 ms
 * (200 ms in pingpong or after a push) and by the smoothed RTT, but never
 * later than an already armed timer; if that one is about to fire (within
 * ato/4) or was blocked, ACK now.
 */
void tcp_send_delayed_ack(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = net_jiffies(sock_net(sk));
	int ato = (int)icsk->icsk_ack.ato;
	unsigned long timeout;

	if (ato > (int)TCP_DELACK_MIN) {
		const struct tcp_sock *tp = tcp_sk(sk);
		int max_ato = HZ / 2;

		if (icsk->icsk_ack.pingpong || (icsk->icsk_ack.pending & ICSK_ACK_PUSHED))
			max_ato = (int)TCP_DELACK_MAX;
		if (tp->srtt) {
			int rtt = (int)max(tp->srtt >> 3, TCP_DELACK_MIN);

			if (rtt < max_ato)
				max_ato = rtt;
		}
		ato = min(ato, max_ato);
	}
	timeout = now + (unsigned long)ato;
	if (icsk->icsk_ack.pending & ICSK_ACK_TIMER) {
		if (icsk->icsk_ack.blocked ||
		    time_after_eq(now + (unsigned long)(ato >> 2), icsk->icsk_ack.timeout)) {
			tcp_send_ack(sk);
			cs_trace(tcp_send_delayed_ack, sk, ato);
			return;
		}
		if (!time_after(icsk->icsk_ack.timeout, timeout))
			timeout = icsk->icsk_ack.timeout;
	}
	icsk->icsk_ack.pending |= ICSK_ACK_SCHED | ICSK_ACK_TIMER;
	icsk->icsk_ack.timeout = timeout;
	mod_timer(&icsk->icsk_delack_timer, timeout);	/* sk_reset_timer */
	cs_trace(tcp_send_delayed_ack, sk, ato);
}

/* tcp_send_ack - send a pure ACK now (the third packet of the handshake):
 * seq = tcp_acceptable_seq, ack = rcv_nxt, window from tcp_select_window.
 * Not after a reset (CLOSE).  Without memory, retry from the delayed-ACK
 * timer in TCP_DELACK_MAX. */
void tcp_send_ack(struct sock *sk)
{
	struct sk_buff *buff;

	if (sk->sk_state == TCP_CLOSE)
		return;
	cs_trace(tcp_send_ack, sk);

	buff = alloc_skb(MAX_TCP_HEADER);
	if (buff == NULL) {
		inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;
		inet_csk(sk)->icsk_ack.ato = TCP_ATO_MIN;
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_DACK, TCP_DELACK_MAX, TCP_RTO_MAX);
		return;
	}

	skb_reserve(buff, MAX_TCP_HEADER);
	tcp_init_nondata_skb(buff, tcp_acceptable_seq(sk), TCPHDR_ACK);
	TCP_SKB_CB(buff)->when = tcp_time_stamp(sock_net(sk));
	tcp_transmit_skb(sk, buff, 0);
}
