// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_ipv4.c - TCP over IPv4 (net/ipv4/tcp_ipv4.c, Linux 3.10): the active
 * open tcp_v4_connect, ICMP errors (tcp_v4_err), checksums, the replies
 * sent without a socket (tcp_v4_send_reset, tcp_v4_send_ack), the receive
 * entry tcp_v4_rcv and tcp_v4_do_rcv, TIME-WAIT reuse, the socket
 * operations.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "ip.h"
#include "secure_seq.h"
#include "trace.h"

/* tcp_v4_check (include/net/tcp.h): fold the pseudo-header of a segment
 * of @len bytes into the partial sum @base. */
static inline u16 tcp_v4_check(unsigned int len, __be32 saddr, __be32 daddr, u32 base)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, IPPROTO_TCP, base));
}

/*
 * tcp_twsk_unique - may a new connection take the 4-tuple of this TIME-WAIT
 * socket?  Only if the peer used timestamps, and either the port was bound
 * by the user (twp == NULL) or tcp_tw_reuse is on and the last timestamp
 * is more than a second old.  The new connection then starts past the old
 * sequence space and inherits the peer's timestamp.
 */
int tcp_twsk_unique(struct sock *sk, struct sock_common *sktw, void *twp)
{
	struct inet_timewait_sock *tw = inet_twsk(sktw);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	int unique = 0;

	if (tw->tw_ts_recent_stamp &&
	    (!twp || (net->sysctl.tcp_tw_reuse &&
		      net_get_seconds(net) - tw->tw_ts_recent_stamp > 1))) {
		tp->write_seq = tw->tw_snd_nxt + 65535 + 2;
		if (tp->write_seq == 0)
			tp->write_seq = 1;
		tp->rx_opt.ts_recent = tw->tw_ts_recent;
		tp->rx_opt.ts_recent_stamp = tw->tw_ts_recent_stamp;
		atomic_fetch_add(&tw->tw_refcnt, 1);
		unique = 1;
	}
	cs_trace(tcp_twsk_unique, sk, tw->tw_id, tw->tw_ts_recent_stamp,
		 net_get_seconds(net), net->sysctl.tcp_tw_reuse, twp != NULL,
		 unique, tp->write_seq);
	return unique;
}

/*
 * tcp_v4_connect - sk_prot->connect for TCP/IPv4; caller owns the socket.
 * Checks the address, routes, picks the source, enters SYN_SENT, binds a
 * port and hashes the socket (inet_hash_connect), re-routes with the new
 * port, draws the ISN and sends the SYN (tcp_connect).  failure: undoes
 * all of it.
 */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len) /* 3.10:142 */
{
	struct sockaddr_in *usin = (struct sockaddr_in *)(void *)uaddr;
	struct inet_sock *inet = inet_sk(sk); /* 3.10:145 */
	struct tcp_sock *tp = tcp_sk(sk); /* 3.10:146 */
	__be16 orig_sport, orig_dport; /* 3.10:147 */
	__be32 daddr, nexthop; /* 3.10:148 */
	struct flowi4 *fl4;
	struct rtable *rt;
	int err;
	struct ip_options *inet_opt;

	cs_trace(tcp_v4_connect, sk, addr_len, addr_len >= 2 ? usin->sin_family : 0,
		 addr_len >= 8 ? usin->sin_addr.s_addr : 0,
		 addr_len >= 4 ? ntohs(usin->sin_port) : 0);
	if (addr_len < (int)sizeof(struct sockaddr_in)) {
		cs_trace(tcp_v4_connect_ret, sk, -EINVAL);
		return -EINVAL;
	}

	if (usin->sin_family != AF_INET) {
		cs_trace(tcp_v4_connect_ret, sk, -EAFNOSUPPORT);
		return -EAFNOSUPPORT;
	}

	nexthop = daddr = usin->sin_addr.s_addr; /* 3.10:160 */
	inet_opt = inet->inet_opt;
	if (inet_opt && inet_opt->srr) {
		if (!daddr) {
			cs_trace(tcp_v4_connect_ret, sk, -EINVAL);
			return -EINVAL; /* 3.10:165 */
		}
		nexthop = inet_opt->faddr;
	}

	orig_sport = inet->inet_sport; /* 3.10:169 */
	orig_dport = usin->sin_port; /* 3.10:170 */
	fl4 = &inet->cork.fl4;
	rt = ip_route_connect(fl4, nexthop, inet->inet_saddr, /* 3.10:172 */
			      RT_CONN_FLAGS(sk), sk->sk_bound_dev_if, /* 3.10:173 */
			      IPPROTO_TCP, /* 3.10:174 */
			      orig_sport, orig_dport, sk, true); /* 3.10:175 */
	if (IS_ERR(rt)) {
		err = (int)PTR_ERR(rt);
		if (err == -ENETUNREACH)
			IP_INC_STATS(sock_net(sk), OUTNOROUTES);
		cs_trace(tcp_v4_connect_ret, sk, err);
		return err;
	}

	if (rt->rt_flags & (RTCF_MULTICAST | RTCF_BROADCAST)) {
		ip_rt_put(rt);
		cs_trace(tcp_v4_connect_ret, sk, -ENETUNREACH);
		return -ENETUNREACH;
	}

	if (!inet_opt || !inet_opt->srr)
		daddr = fl4->daddr;

	if (!inet->inet_saddr) /* 3.10:191 */
		inet->inet_saddr = fl4->saddr; /* 3.10:192 */
	inet->inet_rcv_saddr = inet->inet_saddr; /* 3.10:193 */

	if (tp->rx_opt.ts_recent_stamp && inet->inet_daddr != daddr) {
		/* Reset the state inherited from another peer. */
		tp->rx_opt.ts_recent = 0;
		tp->rx_opt.ts_recent_stamp = 0;
		if (!tp->repair)
			tp->write_seq = 0;
	}

	/* With tcp_tw_recycle 3.10 fetches the peer's last timestamp from
	 * the TCP metrics cache here (tcp_fetch_timewait_stamp); connscope
	 * has no such cache, so there is nothing to fetch. */

	inet->inet_dport = usin->sin_port; /* 3.10:207 */
	inet->inet_daddr = daddr; /* 3.10:208 */

	inet_csk(sk)->icsk_ext_hdr_len = 0;
	if (inet_opt)
		inet_csk(sk)->icsk_ext_hdr_len = inet_opt->optlen;

	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;

	/* The socket's identity is not known yet (sport may be 0), but it
	 * enters SYN_SENT now and, still holding the socket lock, picks a
	 * source port, goes into the hash tables and completes the set-up. */
	tcp_set_state(sk, TCP_SYN_SENT); /* 3.10:221 */
	err = inet_hash_connect(&sock_net(sk)->tcp_death_row, sk);
	if (err) /* 3.10:223 */
		goto failure; /* 3.10:224 */

	rt = ip_route_newports(fl4, rt, orig_sport, orig_dport, /* 3.10:226 */
			       inet->inet_sport, inet->inet_dport, sk); /* 3.10:227 */
	if (IS_ERR(rt)) { /* 3.10:228 */
		err = (int)PTR_ERR(rt);
		rt = NULL; /* 3.10:230 */
		goto failure; /* 3.10:231 */
	}
	/* Commit the destination to the socket. */
	sk->sk_gso_type = SKB_GSO_TCPV4; /* 3.10:234 */
	sk_setup_caps(sk, rt);

	if (!tp->write_seq && !tp->repair)
		tp->write_seq = secure_tcp_sequence_number(sock_net(sk), inet->inet_saddr,
							   inet->inet_daddr, /* 3.10:239 */
							   inet->inet_sport, /* 3.10:240 */
							   usin->sin_port); /* 3.10:241 */

	inet->inet_id = (u16)(tp->write_seq ^ (u32)net_jiffies(sock_net(sk)));
	cs_trace(tcp_v4_connect_isn, sk, tp->write_seq, inet->inet_id,
		 (u32)net_jiffies(sock_net(sk)));

	err = tcp_connect(sk); /* 3.10:245 */

	rt = NULL; /* 3.10:247 */
	if (err) /* 3.10:248 */
		goto failure; /* 3.10:249 */

	cs_trace(tcp_v4_connect_ret, sk, 0);
	return 0; /* 3.10:251 */

failure:
	/* Back to CLOSE: this unhashes the socket and releases the local
	 * port when it was chosen here. */
	tcp_set_state(sk, TCP_CLOSE);
	ip_rt_put(rt);
	sk->sk_route_caps = 0;
	inet->inet_dport = 0;
	cs_trace(tcp_v4_connect_ret, sk, err);
	return err;
}

/*
 * tcp_v4_mtu_reduced - ICMP FRAG_NEEDED (RFC 1191): lower the route's path
 * MTU (inet_csk_update_pmtu), remember EMSGSIZE as a soft error if DF
 * packets no longer fit, and shrink the MSS when the socket's MTU was
 * larger.  tcp_simple_retransmit would resend queued segments now too
 * big: a SYN or FIN carries no payload and is never too big.  3.10 reads
 * the MTU from tp->mtu_info; connscope passes it.
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

/* icmp_err_convert[] (net/ipv4/icmp.c): the errno of each
 * destination-unreachable code (3.10 keeps a "fatal" flag beside it, which
 * TCP does not read). */
static const struct icmp_err {
	int err_no;		/* "errno" in 3.10, a macro in user space */
} icmp_err_convert[NR_ICMP_UNREACH + 1] = {
	[ICMP_NET_UNREACH] = { ENETUNREACH }, [ICMP_HOST_UNREACH] = { EHOSTUNREACH },
	[ICMP_PROT_UNREACH] = { ENOPROTOOPT }, [ICMP_PORT_UNREACH] = { ECONNREFUSED },
	[ICMP_FRAG_NEEDED] = { EMSGSIZE }, [ICMP_SR_FAILED] = { EOPNOTSUPP },
	[ICMP_NET_UNKNOWN] = { ENETUNREACH }, [ICMP_HOST_UNKNOWN] = { EHOSTDOWN },
	[ICMP_HOST_ISOLATED] = { ENONET }, [ICMP_NET_ANO] = { ENETUNREACH },
	[ICMP_HOST_ANO] = { EHOSTUNREACH }, [ICMP_NET_UNR_TOS] = { ENETUNREACH },
	[ICMP_HOST_UNR_TOS] = { EHOSTUNREACH }, [ICMP_PKT_FILTERED] = { EHOSTUNREACH },
	[ICMP_PREC_VIOLATION] = { EHOSTUNREACH }, [ICMP_PREC_CUTOFF] = { EHOSTUNREACH },
};

/*
 * tcp_v4_err - an ICMP error about a segment we sent (icmp_skb->data at
 * the quoted IP header, the ICMP header at the transport header).  Finds
 * the socket by the quoted 4-tuple; the quoted seq must lie in [snd_una,
 * snd_nxt] (else OutOfWindowIcmps).  In SYN_SENT/SYN_RECV the error is
 * hard: sk_err, error report, tcp_done, unless a process owns the socket
 * (then only sk_err_soft, which a later timeout reports).  Later states
 * keep it as sk_err_soft.  A net or host unreachable for the oldest
 * unacknowledged segment while it backs off undoes one backoff step
 * (draft-zimmermann-tcp-lcd, RFC 6069).
 */
void tcp_v4_err(struct sk_buff *icmp_skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)icmp_skb->data;
	const struct tcphdr *th =
		(const struct tcphdr *)(void *)(icmp_skb->data + ((iph->ihl_version & 0xf) << 2));
	struct inet_connection_sock *icsk;
	struct tcp_sock *tp;
	const int type = icmp_hdr(icmp_skb)->type;
	const int code = icmp_hdr(icmp_skb)->code;
	struct sock *sk;
	struct sk_buff *skb;
	u32 seq;
	u32 remaining;
	int err;
	struct net *net = icmp_skb->net;

	if (icmp_skb->len < ((iph->ihl_version & 0xf) << 2) + 8U) {
		NET_INC_STATS(net, ICMP_INERRORS);
		cs_trace(tcp_v4_err_ret, icmp_skb, NULL);
		return;
	}
	cs_trace(tcp_v4_err, type, code, info, iph, th);

	/* inet_lookup: the established table (chain, then twchain), then the
	 * listeners; the result is held. */
	sk = (struct sock *)__inet_lookup_established(net, iph->daddr, th->dest, iph->saddr,
						      ntohs(th->source), icmp_skb->skb_iif);
	if (!sk)
		sk = __inet_lookup_listener(net, iph->daddr, th->dest, iph->saddr,
					    ntohs(th->source), icmp_skb->skb_iif);
	if (!sk) {
		NET_INC_STATS(net, ICMP_INERRORS);
		cs_trace(tcp_v4_err_ret, icmp_skb, NULL);
		return;
	}
	if (sk->sk_state == TCP_TIME_WAIT) {
		cs_trace(tcp_v4_err_ret, icmp_skb, &sk->__sk_common);
		inet_twsk_put(inet_twsk(&sk->__sk_common));
		return;
	}

	bh_lock_sock(sk);
	/* Dropping ICMPs for an owned socket could hurt a busy server; the
	 * exception is PMTU discovery (RFC 1191), whose messages may come from
	 * this host while the socket is held. */
	if (sock_owned_by_user(sk)) {
		if (!(type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED))
			NET_INC_LINUX(net, LOCKDROPPEDICMPS);
	}
	if (sk->sk_state == TCP_CLOSE)
		goto out;

	if (iph->ttl < inet_sk(sk)->min_ttl) {
		NET_INC_LINUX(net, TCPMINTTLDROP);
		goto out;
	}

	icsk = inet_csk(sk);
	tp = tcp_sk(sk);
	seq = ntohl(th->seq);
	if (sk->sk_state != TCP_LISTEN && !between(seq, tp->snd_una, tp->snd_nxt)) {
		NET_INC_LINUX(net, OUTOFWINDOWICMPS);
		goto out;
	}

	switch (type) {
	case ICMP_REDIRECT:
		/* do_redirect: connscope has no route cache to update. */
		goto out;
	case ICMP_SOURCE_QUENCH:
		/* Ignored. */
		goto out;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		break;
	case ICMP_DEST_UNREACH:
		if (code > NR_ICMP_UNREACH)
			goto out;

		if (code == ICMP_FRAG_NEEDED) { /* PMTU discovery (RFC 1191) */
			/* Not for a listener: the SYN-ACKs it sends are small. */
			if (sk->sk_state == TCP_LISTEN)
				goto out;

			/* 3.10 defers an owned socket's update to
			 * tcp_release_cb (TCP_MTU_REDUCED_DEFERRED). */
			if (!sock_owned_by_user(sk))
				tcp_v4_mtu_reduced(sk, info);
			goto out;
		}

		err = icmp_err_convert[code].err_no;
		/* May this error undo a backoff step
		 * (draft-zimmermann-tcp-lcd)? */
		if (code != ICMP_NET_UNREACH && code != ICMP_HOST_UNREACH)
			break;
		if (seq != tp->snd_una || !icsk->icsk_retransmits ||
		    !icsk->icsk_backoff)
			break;

		if (sock_owned_by_user(sk))
			break;

		icsk->icsk_backoff--;
		icsk->icsk_rto = (tp->srtt ? __tcp_set_rto(tp) : TCP_TIMEOUT_INIT) <<
				 icsk->icsk_backoff;
		if (icsk->icsk_rto > TCP_RTO_MAX)
			icsk->icsk_rto = TCP_RTO_MAX;	/* tcp_bound_rto */

		skb = tcp_write_queue_head(sk);
		if (!skb)		/* BUG_ON in 3.10 */
			break;

		remaining = icsk->icsk_rto - min(icsk->icsk_rto,
						 tcp_time_stamp(net) - TCP_SKB_CB(skb)->when);

		if (remaining) {
			inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, remaining, TCP_RTO_MAX);
		} else {
			/* The reverted RTO has already run out:
			 * retransmit now. */
			tcp_retransmit_timer(sk);
		}

		break;
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	default:
		goto out;
	}

	switch (sk->sk_state) {
	case TCP_LISTEN:
		/* Only a request sock could match (inet_csk_search_req);
		 * connscope makes none. */
		goto out;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		if (!sock_owned_by_user(sk)) {
			WRITE_ONCE(sk->sk_err, err);
			sk->sk_error_report(sk);
			tcp_done(sk);
		} else {
			WRITE_ONCE(sk->sk_err_soft, err);
		}
		goto out;
	}

	/* RFC 1122 4.2.3.9: report only the hard errors, and only with
	 * IP_RECVERR; connscope has no IP_RECVERR, so every error here waits
	 * as the soft error a timeout reports. */
	WRITE_ONCE(sk->sk_err_soft, err);

out:
	/* trace: what the socket holds now (its state, sk_err, sk_err_soft),
	 * read while the lock still keeps softirq and timers off it */
	cs_trace(tcp_v4_err_ret, icmp_skb, &sk->__sk_common);
	bh_unlock_sock(sk);
	sock_put(sk);
}

/* tcp_v4_send_check / __tcp_v4_send_check: the full checksum over the
 * pseudo-header and segment (3.10 leaves the rest to the NIC with
 * CHECKSUM_PARTIAL; software computes it all here). */
void tcp_v4_send_check(struct sock *sk, struct sk_buff *skb)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcphdr *th = tcp_hdr(skb);

	th->check = 0;
	th->check = tcp_v4_check(skb->len, inet->inet_saddr, inet->inet_daddr,
				 csum_partial(th, skb->len, 0));
	cs_trace(tcp_v4_send_check, sk, ntohs(th->check), skb->len);
}

/*
 * tcp_v4_send_reset - answer @skb with a RST built from the segment alone:
 * never to a RST, only for a packet addressed to us (RTN_LOCAL).  Ports
 * swapped; with an ACK in the segment the RST takes seq = its ack_seq,
 * else it carries ACK with ack = seq + SYN + FIN + payload.  OutSegs and
 * OutRsts.  @sk may be NULL: 3.10 takes from it the MD5 key, the
 * transparent flag and the bound device, none of which reaches the reply
 * in connscope (docs/divergences.md).
 */
void tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct {
		struct tcphdr th;
	} rep;
	struct ip_reply_arg arg;
	struct net *net;

	/* Never send a reset in response to a reset. */
	if (th->flags & TCPHDR_RST) {
		cs_trace(tcp_v4_send_reset, sk, skb, NULL);
		return;
	}

	if (skb_rtable(skb)->rt_type != RTN_LOCAL) {
		cs_trace(tcp_v4_send_reset, sk, skb, NULL);
		return;
	}

	/* Swap the send and the receive. */
	memset(&rep, 0, sizeof(rep));
	rep.th.dest = th->source;
	rep.th.source = th->dest;
	rep.th.doff_res = (sizeof(struct tcphdr) / 4) << 4;
	rep.th.flags = TCPHDR_RST;

	if (th->flags & TCPHDR_ACK) {
		rep.th.seq = th->ack_seq;
	} else {
		rep.th.flags |= TCPHDR_ACK;
		rep.th.ack_seq = htonl(ntohl(th->seq) + ((th->flags & TCPHDR_SYN) ? 1 : 0) +
				       ((th->flags & TCPHDR_FIN) ? 1 : 0) +
				       skb->len - tcp_hdrlen(skb));
	}

	memset(&arg, 0, sizeof(arg));
	arg.iov[0].iov_base = (unsigned char *)&rep;
	arg.iov[0].iov_len = sizeof(rep.th);

	arg.csum = csum_tcpudp_nofold(ip_hdr(skb)->daddr, ip_hdr(skb)->saddr,
				      (unsigned int)arg.iov[0].iov_len, IPPROTO_TCP, 0);
	arg.csumoffset = offsetof(struct tcphdr, check) / 2;

	net = skb->net;
	arg.tos = ip_hdr(skb)->tos;
	ip_send_unicast_reply(net, skb, ip_hdr(skb)->saddr, ip_hdr(skb)->daddr, &arg,
			      (unsigned int)arg.iov[0].iov_len);

	TCP_INC_STATS(net, OUTSEGS);
	TCP_INC_STATS(net, OUTRSTS);
	cs_trace(tcp_v4_send_reset, sk, skb, &rep.th);
}

/*
 * tcp_v4_send_ack - an ACK for a segment that has no full socket (a
 * TIME-WAIT sock answers here): seq, ack, window as given, the timestamp
 * option when @tsecr is non-zero.  OutSegs.  3.10 also takes the bound
 * device, an MD5 key and reply flags, which connscope has not.
 */
static void tcp_v4_send_ack(struct sk_buff *skb, u32 seq, u32 ack,
			    u32 win, u32 tsval, u32 tsecr, u8 tos)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct {
		struct tcphdr th;
		__be32 opt[TCPOLEN_TSTAMP_ALIGNED >> 2];
	} __attribute__((packed)) rep;
	struct ip_reply_arg arg;
	struct net *net = skb->net;

	memset(&rep, 0, sizeof(rep));
	memset(&arg, 0, sizeof(arg));

	arg.iov[0].iov_base = (unsigned char *)&rep;
	arg.iov[0].iov_len = sizeof(rep.th);
	if (tsecr) {
		rep.opt[0] = htonl((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
				   (TCPOPT_TIMESTAMP << 8) |
				   TCPOLEN_TIMESTAMP);
		rep.opt[1] = htonl(tsval);
		rep.opt[2] = htonl(tsecr);
		arg.iov[0].iov_len += TCPOLEN_TSTAMP_ALIGNED;
	}

	/* Swap the send and the receive. */
	rep.th.dest = th->source;
	rep.th.source = th->dest;
	rep.th.doff_res = (u8)((arg.iov[0].iov_len / 4) << 4);
	rep.th.seq = htonl(seq);
	rep.th.ack_seq = htonl(ack);
	rep.th.flags = TCPHDR_ACK;
	rep.th.window = htons((u16)win);

	arg.csum = csum_tcpudp_nofold(ip_hdr(skb)->daddr, ip_hdr(skb)->saddr,
				      (unsigned int)arg.iov[0].iov_len, IPPROTO_TCP, 0);
	arg.csumoffset = offsetof(struct tcphdr, check) / 2;
	arg.tos = tos;
	ip_send_unicast_reply(net, skb, ip_hdr(skb)->saddr, ip_hdr(skb)->daddr, &arg,
			      (unsigned int)arg.iov[0].iov_len);

	TCP_INC_STATS(net, OUTSEGS);
	cs_trace(tcp_v4_send_ack, skb, &rep.th, tsval, tsecr);
}

/* tcp_v4_timewait_ack - the TIME-WAIT sock's ACK: its snd_nxt and rcv_nxt,
 * the window it last offered, TSval now + offset, TSecr the peer's last;
 * then the caller's reference on the sock goes. */
static void tcp_v4_timewait_ack(struct sock *sk, struct sk_buff *skb)
{
	struct inet_timewait_sock *tw = inet_twsk(&sk->__sk_common);

	tcp_v4_send_ack(skb, tw->tw_snd_nxt, tw->tw_rcv_nxt,
			tw->tw_rcv_wnd >> tw->tw_rcv_wscale,
			tcp_time_stamp(tw->tw_net) + tw->tw_ts_offset,
			tw->tw_ts_recent,
			tw->tw_tos);

	inet_twsk_put(tw);
}

/* tcp_checksum_complete - see tcp.h.  3.10 folds skb->csum, seeded with the
 * pseudo-header by tcp_v4_checksum_init; here the sum is taken whole. */
bool tcp_checksum_complete(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		return false;
	if (tcp_v4_check(skb->len, iph->saddr, iph->daddr, csum_partial(skb->data, skb->len, 0)))
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
		if (tcp_rcv_established(sk, skb)) {
			rsk = sk;
			goto reset;
		}
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

/*
 * tcp_v4_rcv - a TCP segment arrived for us (skb->data at the TCP header,
 * softirq context).  In 3.10's order: not for this host -> drop; InSegs;
 * shorter than a header -> drop; doff < 5 -> InErrs; the checksum; the
 * control block; the socket lookup; then the TIME-WAIT sock, the full
 * socket (directly or via the backlog), or a reset for no socket.  (3.10's
 * prequeue serves a reader asleep in recvmsg: never here.)
 */
int tcp_v4_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph;
	const struct tcphdr *th;
	struct sock *sk;
	int ret;
	struct net *net = skb->net;

	if (skb->pkt_type != PACKET_HOST) {
		cs_trace(tcp_v4_rcv_ret, RCV_NOT_FOR_HOST, NULL, 0);
		goto discard_it;
	}

	/* Counted even if it turns out bad. */
	TCP_INC_STATS(net, INSEGS);

	if (skb->len < sizeof(struct tcphdr)) {		/* pskb_may_pull */
		cs_trace(tcp_v4_rcv_ret, RCV_TOO_SHORT, NULL, 0);
		goto discard_it;
	}

	th = tcp_hdr(skb);
	cs_trace(tcp_v4_rcv, skb);

	if ((th->doff_res >> 4) < sizeof(struct tcphdr) / 4) {
		cs_trace(tcp_v4_rcv_ret, RCV_BAD_PACKET, NULL, 0);
		goto bad_packet;
	}
	if (skb->len < tcp_hdrlen(skb)) {		/* pskb_may_pull */
		cs_trace(tcp_v4_rcv_ret, RCV_TOO_SHORT, NULL, 0);
		goto discard_it;
	}

	/* Header prediction validates length and doff later (doff 0 is
	 * excluded above), so a long segment's checksum may wait. */
	if (skb->ip_summed != CHECKSUM_UNNECESSARY && tcp_v4_checksum_init(skb)) {
		cs_trace(tcp_v4_rcv_ret, RCV_CSUM_ERROR, NULL, 0);
		goto csum_error;
	}

	th = tcp_hdr(skb);
	iph = ip_hdr(skb);
	TCP_SKB_CB(skb)->seq = ntohl(th->seq);
	TCP_SKB_CB(skb)->end_seq = (TCP_SKB_CB(skb)->seq + ((th->flags & TCPHDR_SYN) ? 1 : 0) +
				    ((th->flags & TCPHDR_FIN) ? 1 : 0) +
				    skb->len - tcp_hdrlen(skb));
	TCP_SKB_CB(skb)->ack_seq = ntohl(th->ack_seq);
	TCP_SKB_CB(skb)->when = 0;
	TCP_SKB_CB(skb)->ip_dsfield = iph->tos;		/* ipv4_get_dsfield */
	TCP_SKB_CB(skb)->sacked = 0;

	/* __inet_lookup_skb: the established table (chain, then twchain),
	 * then the listeners; the result is held. */
	sk = (struct sock *)__inet_lookup_established(net, iph->saddr, th->source, iph->daddr,
						      ntohs(th->dest), skb->skb_iif);
	if (!sk)
		sk = __inet_lookup_listener(net, iph->saddr, th->source, iph->daddr,
					    ntohs(th->dest), skb->skb_iif);
	if (!sk)
		goto no_tcp_socket;

process:
	if (sk->sk_state == TCP_TIME_WAIT)
		goto do_time_wait;

	if (iph->ttl < inet_sk(sk)->min_ttl) {
		NET_INC_LINUX(net, TCPMINTTLDROP);
		cs_trace(tcp_v4_rcv_ret, RCV_MINTTL_DROP, sk, 0);
		goto discard_and_relse;
	}

	bh_lock_sock(sk);
	ret = 0;
	if (!sock_owned_by_user(sk)) {
		ret = tcp_v4_do_rcv(sk, skb);
	} else if (sk_add_backlog(sk, skb)) {
		bh_unlock_sock(sk);
		NET_INC_LINUX(net, TCPBACKLOGDROP);
		cs_trace(tcp_v4_rcv_ret, RCV_BACKLOG_DROP, sk, 0);
		goto discard_and_relse;
	}
	/* trace: still under the socket's spinlock, so the owner is the one
	 * the test above saw: none (processed) or a process (backlog). */
	cs_trace(tcp_v4_rcv_ret, sock_owned_by_user(sk) ? RCV_BACKLOG : RCV_PROCESSED, sk, ret);
	bh_unlock_sock(sk);

	sock_put(sk);

	return ret;

no_tcp_socket:
	if (skb->len < tcp_hdrlen(skb) || tcp_checksum_complete(skb)) {
		cs_trace(tcp_v4_rcv_ret, RCV_NO_SOCKET_BAD, NULL, 0);
csum_error:
		TCP_INC_STATS(net, INCSUMERRORS);
bad_packet:
		TCP_INC_STATS(net, INERRS);
	} else {
		tcp_v4_send_reset(NULL, skb);
		/* trace: after TCP_TW_RST sk still points at the TIME-WAIT
		 * sock (not read: it is gone), after a failed lookup it is
		 * NULL. */
		cs_trace(tcp_v4_rcv_ret, sk ? RCV_TIME_WAIT : RCV_NO_SOCKET_RST, NULL, 0);
	}

discard_it:
	/* Drop the segment. */
	kfree_skb(skb);
	return 0;

discard_and_relse:
	sock_put(sk);
	goto discard_it;

do_time_wait:
	if (skb->len < tcp_hdrlen(skb)) {
		inet_twsk_put(inet_twsk(&sk->__sk_common));
		cs_trace(tcp_v4_rcv_ret, RCV_TIME_WAIT, NULL, 0);
		goto bad_packet;
	}
	if (tcp_checksum_complete(skb)) {
		inet_twsk_put(inet_twsk(&sk->__sk_common));
		cs_trace(tcp_v4_rcv_ret, RCV_TIME_WAIT, NULL, 0);
		goto csum_error;
	}
	switch (tcp_timewait_state_process(inet_twsk(&sk->__sk_common), skb, th)) {
	case TCP_TW_SYN: {
		struct sock *sk2 = __inet_lookup_listener(net, iph->saddr, th->source,
							  iph->daddr, ntohs(th->dest),
							  skb->skb_iif);
		if (sk2) {
			inet_twsk_deschedule(inet_twsk(&sk->__sk_common), &net->tcp_death_row);
			inet_twsk_put(inet_twsk(&sk->__sk_common));
			sk = sk2;
			goto process;
		}
		/* No listener: on to the ACK. */
	}
	/* fall through */
	case TCP_TW_ACK:
		tcp_v4_timewait_ack(sk, skb);
		break;
	case TCP_TW_RST:
		goto no_tcp_socket;
	case TCP_TW_SUCCESS:;
	}
	cs_trace(tcp_v4_rcv_ret, RCV_TIME_WAIT, NULL, 0);
	goto discard_it;
}

/* tcp_v4_init_sock - sk_prot->init: TCP defaults plus the IPv4 ops. */
int tcp_v4_init_sock(struct sock *sk)
{
	tcp_init_sock(sk);
	inet_csk(sk)->icsk_af_ops = &ipv4_specific;
	return 0;
}

/* tcp_v4_destroy_sock - sk_prot->destroy: timers off, queues purged, the
 * bind bucket released. */
void tcp_v4_destroy_sock(struct sock *sk)
{
	tcp_clear_xmit_timers(sk);
	__skb_queue_purge(&sk->sk_write_queue);
	sk->sk_send_head = NULL;
	if (inet_csk(sk)->icsk_bind_hash)
		inet_put_port(sk);
}

/* inet_sk_rebuild_header - icsk_af_ops->rebuild_header: make sure the
 * socket has a route, re-routing with its own flow if it was reset. */
static int inet_sk_rebuild_header(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	struct rtable *rt;

	if (sk->sk_dst_cache && !sk->sk_dst_cache->obsolete)
		return 0;
	rt = ip_route_output_flow(sock_net(sk), &inet->cork.fl4, sk);
	if (IS_ERR(rt)) {
		sk->sk_route_caps = 0;
		return (int)PTR_ERR(rt);
	}
	sk_setup_caps(sk, rt);
	return 0;
}

const struct inet_connection_sock_af_ops ipv4_specific = {
	.queue_xmit = ip_queue_xmit,
	.send_check = tcp_v4_send_check,
	.rebuild_header = inet_sk_rebuild_header,
	.net_header_len = 20,
};

void tcp_release_cb(struct sock *sk);

struct proto tcp_prot = {
	.name = "TCP",
	.init = tcp_v4_init_sock,
	.destroy = tcp_v4_destroy_sock,
	.close = tcp_close,
	.connect = tcp_v4_connect,
	.disconnect = tcp_disconnect,
	.hash = inet_hash,
	.unhash = inet_unhash,
	.get_port = inet_csk_get_port,
	.twsk_unique = tcp_twsk_unique,
	.backlog_rcv = tcp_v4_do_rcv,
	.release_cb = tcp_release_cb,
};
