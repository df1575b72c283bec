// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_ipv4_rcv.c - the receive half of net/ipv4/tcp_ipv4.c (Linux 3.10),
 * kept in a file of its own so that each half reads in one sitting:
 * tcp_v4_rcv and what it calls, resets and ACKs sent without a full socket
 * (tcp_v4_send_reset, tcp_v4_send_ack, tcp_v4_timewait_ack), and ICMP
 * errors (tcp_v4_err).  The active open is in tcp_ipv4.c.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "ip.h"
#include "trace.h"

/* tcp_checksum_complete - see tcp.h.  3.10 folds skb->csum, seeded with the
 * pseudo-header by tcp_v4_checksum_init; here the sum is taken whole. */
bool tcp_checksum_complete(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		return false;
	if (tcp_v4_checksum(iph->saddr, iph->daddr, skb->data, skb->len) != 0)
		return true;
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	return false;
}

/* tcp_v4_checksum_init - check short segments (<= 76 bytes: headers and
 * options only) at once; longer ones are checked when first needed.
 * Returns non-zero for a bad checksum. */
static int tcp_v4_checksum_init(struct sk_buff *skb)
{
	if (skb->len <= 76)
		return tcp_checksum_complete(skb);
	return 0;
}

/* A reply built from the received segment alone (no socket parameters),
 * sent through ip_build_and_send_reply (ip_send_unicast_reply in 3.10):
 * addresses swapped, checksum over the pseudo-header, TOS copied. */
static int tcp_v4_send_reply(struct sk_buff *skb, const void *rep, unsigned int len,
			     u8 tos)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct sk_buff *nskb = alloc_skb(MAX_TCP_HEADER + len);
	struct tcphdr *th;

	if (!nskb)
		return -ENOBUFS;
	skb_reserve(nskb, MAX_TCP_HEADER);
	th = (struct tcphdr *)(void *)skb_put(nskb, len);
	memcpy(th, rep, len);
	skb_reset_transport_header(nskb);
	th->check = 0;
	th->check = (u16)tcp_v4_checksum(iph->daddr, iph->saddr, th, len);
	return ip_build_and_send_reply(skb->net, nskb, iph->daddr, iph->saddr, tos);
}

/*
 * tcp_v4_send_reset - answer @skb with a RST built from it alone: never to
 * a RST, only for a packet addressed to us (RTN_LOCAL).  Ports swapped;
 * with an ACK in the segment the RST takes seq = its ack_seq, else it
 * carries ACK with ack = seq + SYN + FIN + payload.  OutSegs and OutRsts.
 * @sk (may be NULL) only names the socket in the trace: 3.10 takes from it
 * the MD5 key and bound device, neither of which connscope has.
 */
void tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct net *net = skb->net;
	struct tcphdr rep;
	int verdict = SR_SENT;

	memset(&rep, 0, sizeof(rep));
	if (th->flags & TCPHDR_RST) {
		verdict = SR_NOT_FOR_RST;
		goto out;
	}
	if (!skb_rtable(skb) || skb_rtable(skb)->rt_type != RTN_LOCAL) {
		verdict = SR_NOT_LOCAL;
		goto out;
	}
	rep.dest = th->source;
	rep.source = th->dest;
	rep.doff_res = (sizeof(struct tcphdr) / 4) << 4;
	rep.flags = TCPHDR_RST;
	if (th->flags & TCPHDR_ACK) {
		rep.seq = th->ack_seq;
	} else {
		rep.flags |= TCPHDR_ACK;
		rep.ack_seq = htonl(ntohl(th->seq) + ((th->flags & TCPHDR_SYN) ? 1 : 0) +
				    ((th->flags & TCPHDR_FIN) ? 1 : 0) +
				    skb->len - tcp_hdrlen(skb));
	}
	if (tcp_v4_send_reply(skb, &rep, sizeof(rep), iph->tos))
		verdict = SR_FAILED;
	TCP_INC_STATS(net, OUTSEGS);
	TCP_INC_STATS(net, OUTRSTS);
out:
	cs_trace(tcp_v4_send_reset, sk ? sk->sk_id : 0, &rep, iph->daddr, iph->saddr, verdict);
}

/*
 * tcp_v4_send_ack - an ACK for a segment that has no full socket (a
 * TIME-WAIT sock answers here): seq, ack, window as given, the timestamp
 * option when @tsecr is non-zero.  OutSegs.
 */
static void tcp_v4_send_ack(struct sk_buff *skb, u32 seq, u32 ack, u32 win, u32 tsval,
			    u32 tsecr, u8 tos)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct {
		struct tcphdr th;
		__be32 opt[TCPOLEN_TSTAMP_ALIGNED / 4];
	} __attribute__((packed)) rep;
	unsigned int len = sizeof(rep.th);
	int ret;

	memset(&rep, 0, sizeof(rep));
	if (tsecr) {
		rep.opt[0] = htonl((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
				   (TCPOPT_TIMESTAMP << 8) | TCPOLEN_TIMESTAMP);
		rep.opt[1] = htonl(tsval);
		rep.opt[2] = htonl(tsecr);
		len += TCPOLEN_TSTAMP_ALIGNED;
	}
	rep.th.dest = th->source;
	rep.th.source = th->dest;
	rep.th.doff_res = (u8)((len / 4) << 4);
	rep.th.seq = htonl(seq);
	rep.th.ack_seq = htonl(ack);
	rep.th.flags = TCPHDR_ACK;
	rep.th.window = htons((u16)win);
	ret = tcp_v4_send_reply(skb, &rep, len, tos);
	TCP_INC_STATS(skb->net, OUTSEGS);
	cs_trace(tcp_v4_send_ack, &rep.th, ip_hdr(skb)->daddr, ip_hdr(skb)->saddr, tsval,
		 tsecr, ret);
}

/* tcp_v4_timewait_ack - the TIME-WAIT sock's ACK: its snd_nxt and rcv_nxt,
 * the window it last offered, TSval now + offset, TSecr the peer's last. */
static void tcp_v4_timewait_ack(struct inet_timewait_sock *tw, struct sk_buff *skb)
{
	tcp_v4_send_ack(skb, tw->tw_snd_nxt, tw->tw_rcv_nxt,
			tw->tw_rcv_wnd >> tw->tw_rcv_wscale,
			tcp_time_stamp(tw->tw_net) + tw->tw_ts_offset, tw->tw_ts_recent,
			tw->tw_tos);
	inet_twsk_put(tw);
}

/*
 * tcp_v4_do_rcv - a segment for a full socket, which the caller holds
 * (bh_lock_sock, or owned while the backlog runs).  ESTABLISHED goes to
 * tcp_rcv_established; the rest, once length and checksum pass, to
 * tcp_rcv_state_process.  A LISTEN socket has no request socks or SYN
 * cookies here (tcp_v4_hnd_req finds nothing and returns it).  A return of
 * 1 from either means: answer with a reset.
 */
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct sock *rsk;

	cs_trace(tcp_v4_do_rcv, sk, skb);
	if (sk->sk_state == TCP_ESTABLISHED) { /* the fast path */
		tcp_rcv_established(sk, skb);
		cs_trace(tcp_v4_do_rcv_ret, sk, DO_RCV_PROCESSED);
		return 0;
	}

	if (skb->len < tcp_hdrlen(skb) || tcp_checksum_complete(skb))
		goto csum_err;

	/* A listener: 3.10's tcp_v4_hnd_req looks for a request sock or a
	 * SYN cookie first; connscope has neither, so it returns the
	 * listener itself. */

	if (tcp_rcv_state_process(sk, skb)) {
		rsk = sk;
		goto reset;
	}
	cs_trace(tcp_v4_do_rcv_ret, sk, DO_RCV_PROCESSED);
	return 0;

reset:
	tcp_v4_send_reset(rsk, skb);
	cs_trace(tcp_v4_do_rcv_ret, sk, DO_RCV_RESET);
discard:
	kfree_skb(skb);
	return 0;

csum_err:
	TCP_INC_STATS(sock_net(sk), INCSUMERRORS);
	TCP_INC_STATS(sock_net(sk), INERRS);
	cs_trace(tcp_v4_do_rcv_ret, sk, DO_RCV_CSUM_ERROR);
	goto discard;
}

/* Fill TCP_SKB_CB from the header: end_seq counts SYN, FIN and payload. */
static void tcp_v4_fill_cb(struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	tcb->seq = ntohl(th->seq);
	tcb->end_seq = tcb->seq + ((th->flags & TCPHDR_SYN) ? 1 : 0) +
		       ((th->flags & TCPHDR_FIN) ? 1 : 0) + skb->len - tcp_hdrlen(skb);
	tcb->ack_seq = ntohl(th->ack_seq);
	tcb->when = 0;
	tcb->ip_dsfield = ip_hdr(skb)->tos;	/* ipv4_get_dsfield */
	tcb->sacked = 0;
	tcb->tcp_flags = th->flags;
}

/* __inet_lookup_skb: the established table (chain, then twchain), then the
 * listeners.  The result is held. */
static struct sock_common *tcp_v4_lookup_skb(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct sock_common *skc;
	struct sock *sk;

	skc = __inet_lookup_established(skb->net, iph->saddr, th->source, iph->daddr,
					ntohs(th->dest), skb->skb_iif);
	if (skc)
		return skc;
	sk = __inet_lookup_listener(skb->net, iph->saddr, th->source, iph->daddr,
				    ntohs(th->dest), skb->skb_iif);
	return sk ? &sk->__sk_common : NULL;
}

/* The "process:" part of tcp_v4_rcv for a held full socket: the IP_MINTTL
 * check, then tcp_v4_do_rcv now, or the backlog while a process owns the
 * socket (TCPBacklogDrop past sk_rcvbuf + sk_sndbuf).  Drops the hold.
 * (3.10's prequeue serves a reader sleeping in recvmsg: never here.) */
static int tcp_v4_rcv_process(struct sock *sk, struct sk_buff *skb, int *verdict)
{
	struct net *net = skb->net;
	int ret = 0;

	if (ip_hdr(skb)->ttl < inet_sk(sk)->min_ttl) {
		NET_INC_LINUX(net, TCPMINTTLDROP);
		*verdict = RCV_MINTTL_DROP;
		goto discard_and_relse;
	}
	bh_lock_sock(sk);
	if (!sock_owned_by_user(sk)) {
		*verdict = RCV_PROCESSED;
		ret = tcp_v4_do_rcv(sk, skb);
	} else if (sk_add_backlog(sk, skb)) {
		bh_unlock_sock(sk);
		NET_INC_LINUX(net, TCPBACKLOGDROP);
		*verdict = RCV_BACKLOG_DROP;
		goto discard_and_relse;
	} else {
		*verdict = RCV_BACKLOG;
	}
	bh_unlock_sock(sk);
	sock_put(sk);
	return ret;
discard_and_relse:
	sock_put(sk);
	kfree_skb(skb);
	return 0;
}

/* No socket wants the segment: a reset if it is whole and its checksum
 * good (tcp_v4_send_reset), else InErrs (and InCsumErrors).  Frees it. */
static int tcp_v4_rcv_no_socket(struct sk_buff *skb)
{
	int verdict = RCV_NO_SOCKET_RST;

	if (skb->len < tcp_hdrlen(skb) || tcp_checksum_complete(skb)) {
		TCP_INC_STATS(skb->net, INCSUMERRORS);
		TCP_INC_STATS(skb->net, INERRS);
		verdict = RCV_NO_SOCKET_BAD;
	} else {
		tcp_v4_send_reset(NULL, skb);
	}
	kfree_skb(skb);
	return verdict;
}

/*
 * The "do_time_wait:" part of tcp_v4_rcv: length and checksum, then
 * tcp_timewait_state_process decides.  A new SYN with a listener for it
 * ends the TIME-WAIT sock (*sk2 is then the held listener, returns -1);
 * otherwise the segment is answered (ACK or RST) or dropped here.
 */
static int tcp_v4_rcv_time_wait(struct inet_timewait_sock *tw, struct sk_buff *skb,
				struct sock **sk2)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const struct iphdr *iph = ip_hdr(skb);

	if (skb->len < tcp_hdrlen(skb) || tcp_checksum_complete(skb)) {
		inet_twsk_put(tw);
		if (skb->len >= tcp_hdrlen(skb))	/* csum_error, else bad_packet */
			TCP_INC_STATS(skb->net, INCSUMERRORS);
		TCP_INC_STATS(skb->net, INERRS);
		goto discard;
	}
	switch (tcp_timewait_state_process(tw, skb, th)) {
	case TCP_TW_SYN:
		*sk2 = __inet_lookup_listener(skb->net, iph->saddr, th->source, iph->daddr,
					      ntohs(th->dest), skb->skb_iif);
		if (*sk2) {
			inet_twsk_deschedule(tw, &skb->net->tcp_death_row);
			inet_twsk_put(tw);
			return -1;
		}
		/* No listener: ACK it. */
		/* fall through */
	case TCP_TW_ACK:
		tcp_v4_timewait_ack(tw, skb);
		break;
	case TCP_TW_RST:
		tcp_v4_rcv_no_socket(skb);
		return RCV_TIME_WAIT;
	case TCP_TW_SUCCESS:
		break;
	}
discard:
	kfree_skb(skb);
	return RCV_TIME_WAIT;
}

/*
 * tcp_v4_rcv - a TCP segment arrived for us (skb->data at the TCP header,
 * softirq context).  In 3.10's order: not for this host -> drop; InSegs;
 * shorter than a header -> drop; doff < 5 -> InErrs; the checksum; the
 * control block; the socket lookup; then the TIME-WAIT sock, the full
 * socket (directly or via the backlog), or a reset for no socket.
 */
int tcp_v4_rcv(struct sk_buff *skb)
{
	struct sock_common *skc;
	struct sock *sk2 = NULL;
	u32 id = 0;
	int verdict, tw = 0, ret = 0;

	if (skb->pkt_type != PACKET_HOST) {
		verdict = RCV_NOT_FOR_HOST;
		goto discard_it;
	}
	TCP_INC_STATS(skb->net, INSEGS);
	if (skb->len < sizeof(struct tcphdr)) {
		verdict = RCV_TOO_SHORT;	/* pskb_may_pull fails */
		goto discard_it;
	}
	cs_trace(tcp_v4_rcv, skb);
	if (tcp_hdrlen(skb) < sizeof(struct tcphdr))
		goto bad_packet;
	if (skb->len < tcp_hdrlen(skb)) {
		verdict = RCV_TOO_SHORT;
		goto discard_it;
	}
	if (skb->ip_summed != CHECKSUM_UNNECESSARY && tcp_v4_checksum_init(skb)) {
		verdict = RCV_CSUM_ERROR;
		TCP_INC_STATS(skb->net, INCSUMERRORS);
		TCP_INC_STATS(skb->net, INERRS);
		goto discard_it;
	}
	tcp_v4_fill_cb(skb);
	skc = tcp_v4_lookup_skb(skb);
	if (!skc) {
		verdict = tcp_v4_rcv_no_socket(skb);
		goto out;
	}
	id = skc->skc_id;
	if (skc->skc_tw) {
		tw = 1;
		verdict = tcp_v4_rcv_time_wait(inet_twsk(skc), skb, &sk2);
		if (verdict >= 0)
			goto out;
		skc = &sk2->__sk_common;	/* a new SYN for a listener */
		id = skc->skc_id;
		tw = 0;
	}
	ret = tcp_v4_rcv_process((struct sock *)skc, skb, &verdict);
	goto out;
bad_packet:
	verdict = RCV_BAD_PACKET;
	TCP_INC_STATS(skb->net, INERRS);
discard_it:
	kfree_skb(skb);
out:
	cs_trace(tcp_v4_rcv_ret, verdict, id, tw, ret);
	return ret;
}

/* icmp_err_convert[].errno (net/ipv4/icmp.c): the errno of each
 * destination-unreachable code. */
static const int icmp_unreach_errno[NR_ICMP_UNREACH + 1] = {
	[ICMP_NET_UNREACH] = ENETUNREACH, [ICMP_HOST_UNREACH] = EHOSTUNREACH,
	[ICMP_PROT_UNREACH] = ENOPROTOOPT, [ICMP_PORT_UNREACH] = ECONNREFUSED,
	[ICMP_FRAG_NEEDED] = EMSGSIZE, [ICMP_SR_FAILED] = EOPNOTSUPP,
	[ICMP_NET_UNKNOWN] = ENETUNREACH, [ICMP_HOST_UNKNOWN] = EHOSTDOWN,
	[ICMP_HOST_ISOLATED] = ENONET, [ICMP_NET_ANO] = ENETUNREACH,
	[ICMP_HOST_ANO] = EHOSTUNREACH, [ICMP_NET_UNR_TOS] = ENETUNREACH,
	[ICMP_HOST_UNR_TOS] = EHOSTUNREACH, [ICMP_PKT_FILTERED] = EHOSTUNREACH,
	[ICMP_PREC_VIOLATION] = EHOSTUNREACH, [ICMP_PREC_CUTOFF] = EHOSTUNREACH,
};

/*
 * tcp_v4_mtu_reduced - ICMP FRAG_NEEDED (RFC 1191): lower the route's path
 * MTU (inet_csk_update_pmtu), remember EMSGSIZE as a soft error if DF
 * packets no longer fit, and shrink the MSS when the socket's MTU was
 * larger.  tcp_simple_retransmit would resend queued segments now too
 * big: a SYN or FIN carries no payload and is never too big.
 */
static void tcp_v4_mtu_reduced(struct sock *sk, u32 mtu)
{
	struct rtable *dst = __sk_dst_check(sk);

	if (!dst && inet_csk(sk)->icsk_af_ops->rebuild_header(sk) == 0)
		dst = sk->sk_dst_cache;
	if (!dst)
		return;
	ip_rt_update_pmtu(dst, mtu);
	if (mtu < dst_mtu(dst) && ip_dont_fragment(sk, dst))
		WRITE_ONCE(sk->sk_err_soft, EMSGSIZE);
	mtu = dst_mtu(dst);
	if (inet_sk(sk)->pmtudisc != IP_PMTUDISC_DONT && inet_csk(sk)->icsk_pmtu_cookie > mtu)
		tcp_sync_mss(sk, mtu);
}

/*
 * The RFC 6069 part of tcp_v4_err: a net or host unreachable for the
 * oldest unacknowledged segment while its retransmissions back off undoes
 * one backoff step and re-arms the timer for what is left of it (or
 * retransmits now if nothing is).  Caller holds the socket, not owned.
 */
static void tcp_v4_err_revert_backoff(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_write_queue_head(sk);
	u32 elapsed, remaining;

	if (!skb)
		return;
	icsk->icsk_backoff--;
	icsk->icsk_rto = (tp->srtt ? __tcp_set_rto(tp) : TCP_TIMEOUT_INIT) << icsk->icsk_backoff;
	if (icsk->icsk_rto > TCP_RTO_MAX)
		icsk->icsk_rto = TCP_RTO_MAX;	/* tcp_bound_rto */
	elapsed = tcp_time_stamp(sock_net(sk)) - TCP_SKB_CB(skb)->when;
	remaining = icsk->icsk_rto - min(icsk->icsk_rto, elapsed);
	if (remaining)
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, remaining, TCP_RTO_MAX);
	else
		tcp_retransmit_timer(sk);
}

/*
 * The ICMP type/code switch of tcp_v4_err: the errno to report, or 0 when
 * the message is handled here (FRAG_NEEDED, reverted backoff aside) or
 * ignored (redirect, source quench, unknown).  Caller holds the socket.
 */
static int tcp_v4_err_errno(struct sock *sk, int type, int code, u32 info, u32 seq,
			    int *verdict)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	int err;

	switch (type) {
	case ICMP_PARAMETERPROB:
		return EPROTO;
	case ICMP_TIME_EXCEEDED:
		return EHOSTUNREACH;
	case ICMP_DEST_UNREACH:
		if (code > NR_ICMP_UNREACH)
			break;
		if (code == ICMP_FRAG_NEEDED) {
			*verdict = V4ERR_FRAG_NEEDED;
			if (sk->sk_state != TCP_LISTEN && !sock_owned_by_user(sk))
				tcp_v4_mtu_reduced(sk, info);
			return 0;
		}
		err = icmp_unreach_errno[code];
		if ((code == ICMP_NET_UNREACH || code == ICMP_HOST_UNREACH) &&
		    seq == tcp_sk(sk)->snd_una && icsk->icsk_retransmits &&
		    icsk->icsk_backoff && !sock_owned_by_user(sk))
			tcp_v4_err_revert_backoff(sk);
		return err;
	default:
		break;		/* redirect (no route cache to update), quench, others */
	}
	*verdict = V4ERR_IGNORED;
	return 0;
}

/* The socket part of tcp_v4_err, under bh_lock_sock: state, IP_MINTTL and
 * sequence checks, the errno, and who gets it.  Returns the errno given
 * to the socket (0 if none). */
static int tcp_v4_err_sock(struct sock *sk, const struct iphdr *iph, u32 seq, int type,
			   int code, u32 info, int *verdict)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	int err;

	if (sk->sk_state == TCP_CLOSE) {
		*verdict = V4ERR_CLOSED;
		return 0;
	}
	if (iph->ttl < inet_sk(sk)->min_ttl) {
		NET_INC_LINUX(net, TCPMINTTLDROP);
		*verdict = V4ERR_MINTTL;
		return 0;
	}
	if (sk->sk_state != TCP_LISTEN &&
	    tp->snd_nxt - tp->snd_una < seq - tp->snd_una) {	/* !between() */
		NET_INC_LINUX(net, OUTOFWINDOWICMPS);
		*verdict = V4ERR_OUT_OF_WINDOW;
		return 0;
	}
	err = tcp_v4_err_errno(sk, type, code, info, seq, verdict);
	if (!err)
		return 0;
	switch (sk->sk_state) {
	case TCP_LISTEN:
		/* Only request socks could match; connscope makes none. */
		*verdict = V4ERR_LISTEN;
		return 0;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		if (!sock_owned_by_user(sk)) {
			*verdict = V4ERR_HARD;
			WRITE_ONCE(sk->sk_err, err);
			sk->sk_error_report(sk);
			tcp_done(sk);
		} else {
			WRITE_ONCE(sk->sk_err_soft, err);
		}
		return err;
	}
	WRITE_ONCE(sk->sk_err_soft, err);
	return err;
}

/*
 * tcp_v4_err - an ICMP error about a segment we sent (icmp_skb->data at
 * the quoted IP header, the ICMP header at the transport header).  Finds
 * the socket by the quoted 4-tuple; the quoted seq must lie in [snd_una,
 * snd_nxt] (else OutOfWindowIcmps).  In SYN_SENT/SYN_RECV the error is
 * hard: sk_err, error report, tcp_done, unless a process owns the socket
 * (then only sk_err_soft, which a later timeout reports).  Later states
 * keep it as sk_err_soft (IP_RECVERR is not supported).
 */
void tcp_v4_err(struct sk_buff *icmp_skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)icmp_skb->data;
	const unsigned int ihl = (iph->ihl_version & 0xf) * 4U;
	const struct tcphdr *th = (const struct tcphdr *)(void *)(icmp_skb->data + ihl);
	const int type = icmp_hdr(icmp_skb)->type, code = icmp_hdr(icmp_skb)->code;
	struct net *net = icmp_skb->net;
	int verdict = V4ERR_SOFT, err = 0;
	struct sock_common *skc;
	struct sock *sk = NULL;

	if (icmp_skb->len < ihl + 8) {
		NET_INC_STATS(net, ICMP_INERRORS);
		cs_trace(tcp_v4_err_ret, 0, V4ERR_SHORT, 0);
		return;
	}
	cs_trace(tcp_v4_err, type, code, info, iph, th);
	skc = __inet_lookup_established(net, iph->daddr, th->dest, iph->saddr,
					ntohs(th->source), icmp_skb->skb_iif);
	if (!skc) {
		sk = __inet_lookup_listener(net, iph->daddr, th->dest, iph->saddr,
					    ntohs(th->source), icmp_skb->skb_iif);
		skc = sk ? &sk->__sk_common : NULL;
	}
	if (!skc) {
		NET_INC_STATS(net, ICMP_INERRORS);
		cs_trace(tcp_v4_err_ret, 0, V4ERR_NO_SOCKET, 0);
		return;
	}
	if (skc->skc_tw) {
		cs_trace(tcp_v4_err_ret, skc->skc_id, V4ERR_TIME_WAIT, 0);
		inet_twsk_put(inet_twsk(skc));
		return;
	}
	sk = (struct sock *)skc;
	bh_lock_sock(sk);
	if (sock_owned_by_user(sk) && !(type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED))
		NET_INC_LINUX(net, LOCKDROPPEDICMPS);
	err = tcp_v4_err_sock(sk, iph, ntohl(th->seq), type, code, info, &verdict);
	bh_unlock_sock(sk);
	cs_trace(tcp_v4_err_ret, sk->sk_id, verdict, err);
	sock_put(sk);
}
