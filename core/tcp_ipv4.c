// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_ipv4.c - TCP over IPv4 (net/ipv4/tcp_ipv4.c, Linux 3.10): the active
 * open tcp_v4_connect, checksums, TIME-WAIT reuse, the socket operations.
 * The receive half of the kernel file (tcp_v4_rcv, resets sent without a
 * socket, ICMP errors) is in tcp_ipv4_rcv.c.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "ip.h"
#include "secure_seq.h"
#include "trace.h"

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

/* tcp_v4_check / __tcp_v4_send_check: the full checksum over the
 * pseudo-header and segment (3.10 leaves the rest to the NIC with
 * CHECKSUM_PARTIAL; software computes it all here). */
void tcp_v4_send_check(struct sock *sk, struct sk_buff *skb)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcphdr *th = tcp_hdr(skb);

	th->check = 0;
	th->check = (u16)tcp_v4_checksum(inet->inet_saddr, inet->inet_daddr, th, skb->len);
	cs_trace(tcp_v4_send_check, sk, ntohs(th->check), skb->len);
}

/* tcp_v4_checksum - the RFC 793 checksum of a segment of @len bytes. */
u32 tcp_v4_checksum(__be32 saddr, __be32 daddr, const void *tcp, unsigned int len)
{
	u32 sum = csum_partial(tcp, len, 0);

	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, IPPROTO_TCP, sum));
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

static void tcp_v4_hash(struct sock *sk)
{
	inet_hash(sk);
}

static int tcp_v4_backlog_rcv(struct sock *sk, struct sk_buff *skb)
{
	return tcp_v4_do_rcv(sk, skb);
}

void tcp_release_cb(struct sock *sk);

struct proto tcp_prot = {
	.name = "TCP",
	.init = tcp_v4_init_sock,
	.destroy = tcp_v4_destroy_sock,
	.close = tcp_close,
	.connect = tcp_v4_connect,
	.disconnect = tcp_disconnect,
	.hash = tcp_v4_hash,
	.unhash = inet_unhash,
	.get_port = inet_csk_get_port,
	.twsk_unique = tcp_twsk_unique,
	.backlog_rcv = tcp_v4_backlog_rcv,
	.release_cb = tcp_release_cb,
};
