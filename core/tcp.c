// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp.c - protocol-level TCP (net/ipv4/tcp.c, Linux 3.10): socket set-up,
 * the state setter every transition goes through, closing, disconnecting,
 * poll and the TCP socket options.
 */
#include <errno.h>
#include <string.h>
#include <poll.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"
#include "trace.h"

static const char *const tcp_state_names[TCP_MAX_STATES] = {
	[0] = "UNKNOWN",
	[TCP_ESTABLISHED] = "ESTABLISHED", [TCP_SYN_SENT] = "SYN_SENT",
	[TCP_SYN_RECV] = "SYN_RECV", [TCP_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_FIN_WAIT2] = "FIN_WAIT2", [TCP_TIME_WAIT] = "TIME_WAIT",
	[TCP_CLOSE] = "CLOSE", [TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_LAST_ACK] = "LAST_ACK", [TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
};

/* tcp_init_sock - the protocol defaults of a new TCP socket. */
void tcp_init_sock(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);

	tcp_init_xmit_timers(sk);
	icsk->icsk_rto = TCP_TIMEOUT_INIT;
	tp->mdev = TCP_TIMEOUT_INIT;
	tp->snd_cwnd = TCP_INIT_CWND;
	tp->snd_ssthresh = 0x7fffffff;	/* TCP_INFINITE_SSTHRESH */
	tp->mss_cache = TCP_MSS_DEFAULT;
	tp->tsoffset = 0;
	sk->sk_state = TCP_CLOSE;
	sk->sk_sndbuf = net->sysctl.tcp_wmem[1];
	sk->sk_rcvbuf = net->sysctl.tcp_rmem[1];
}

/*
 * tcp_set_state - every TCP state change: CurrEstab and EstabResets, and on
 * CLOSE the socket leaves the hash tables and gives its port back unless
 * the user bound it.  Emits inet_sock_set_state as the kernel's tracepoint
 * does (after the unhash, with the old state still in sk_state).
 */
void tcp_set_state(struct sock *sk, int state)
{
	struct net *net = sock_net(sk);
	int oldstate = sk->sk_state;

	switch (state) {
	case TCP_ESTABLISHED:
		if (oldstate != TCP_ESTABLISHED)
			TCP_INC_STATS(net, CURRESTAB);
		break;
	case TCP_CLOSE:
		if (oldstate == TCP_CLOSE_WAIT || oldstate == TCP_ESTABLISHED)
			TCP_INC_STATS(net, ESTABRESETS);
		sk->sk_prot->unhash(sk);
		if (inet_csk(sk)->icsk_bind_hash &&
		    !(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
			inet_put_port(sk);
		/* fall through */
	default:
		if (oldstate == TCP_ESTABLISHED)
			NET_DEC_STATS(net, TCP_CURRESTAB);
	}
	cs_trace(inet_sock_set_state, sk, oldstate, state);
	WRITE_ONCE(sk->sk_state, (unsigned char)state);	/* tcp_poll reads it unlocked */
}

/* inet_csk_destroy_sock - the end of an orphaned socket (CLOSE). */
static void inet_csk_destroy_sock(struct sock *sk)
{
	cs_trace(inet_csk_destroy_sock, sk);
	sk->sk_prot->destroy(sk);
	sock_put(sk);
}

/* tcp_done - the connection is over (RST, timeout, ICMP, TIME-WAIT):
 * AttemptFails for a failed open, CLOSE, timers off, waiters woken. */
void tcp_done(struct sock *sk)
{
	if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_SYN_RECV)
		TCP_INC_STATS(sock_net(sk), ATTEMPTFAILS);
	tcp_set_state(sk, TCP_CLOSE);
	tcp_clear_xmit_timers(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	cs_trace(tcp_done, sk, sk->sk_err);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_state_change(sk);
	else
		inet_csk_destroy_sock(sk);
}

/* new_state[]: the state close() moves to, and whether a FIN is due
 * (TCP_ACTION_FIN), from the table in tcp.c. */
#define TCP_ACTION_FIN (1 << 7)
static const unsigned char new_state[16] = {
	[0] = TCP_CLOSE,
	[TCP_ESTABLISHED] = TCP_FIN_WAIT1 | TCP_ACTION_FIN,
	[TCP_SYN_SENT] = TCP_CLOSE,
	[TCP_SYN_RECV] = TCP_FIN_WAIT1 | TCP_ACTION_FIN,
	[TCP_FIN_WAIT1] = TCP_FIN_WAIT1,
	[TCP_FIN_WAIT2] = TCP_FIN_WAIT2,
	[TCP_TIME_WAIT] = TCP_CLOSE,
	[TCP_CLOSE] = TCP_CLOSE,
	[TCP_CLOSE_WAIT] = TCP_LAST_ACK | TCP_ACTION_FIN,
	[TCP_LAST_ACK] = TCP_LAST_ACK,
	[TCP_LISTEN] = TCP_CLOSE,
	[TCP_CLOSING] = TCP_CLOSING,
};

/* tcp_close_state - move to the close state; true when a FIN must be sent. */
static int tcp_close_state(struct sock *sk)
{
	int next = (int)new_state[sk->sk_state];
	int ns = next & 0x0f;

	tcp_set_state(sk, ns);
	return next & TCP_ACTION_FIN;
}

/*
 * tcp_close - close(2) of a TCP socket (3.10): SYN_SENT goes straight to
 * CLOSE with no RST; ESTABLISHED sends a FIN (FIN_WAIT1); SO_LINGER with a
 * zero time aborts with a RST through disconnect.  The socket is then
 * orphaned: it lives on in the tables until the handshake of the close ends.
 */
void tcp_close(struct sock *sk, long timeout)
{
	int state;

	lock_sock(sk);
	cs_trace(tcp_close, sk, timeout);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);

	if (sk->sk_state == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);

		/* inet_csk_listen_stop: no accept queue to empty here. */

		goto adjudge_to_death;
	}

	/* 3.10 flushes the receive queue here, counting the data nobody
	 * read; connscope queues no received data (data_was_unread is 0). */

	/* Already reset (e.g. by tcp_reset): just kill it. */
	if (sk->sk_state == TCP_CLOSE)
		goto adjudge_to_death;

	/* RFC 2525, 2.17: a RST, not a FIN, when data would be lost. */
	if (tcp_sk(sk)->repair) {
		sk->sk_prot->disconnect(sk, 0);
	} else if (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime) {
		/* Zero linger, checked after the unread data. */
		sk->sk_prot->disconnect(sk, 0);
		NET_INC_LINUX(sock_net(sk), TCPABORTONDATA);
	} else if (tcp_close_state(sk)) {
		/* FIN once the application has read all the data. */
		tcp_send_fin(sk);
	}

	/* sk_stream_wait_close: no data is ever queued, so there is
	 * nothing to wait for. */
	(void)timeout;

adjudge_to_death:
	state = sk->sk_state;
	sock_hold(sk);
	sock_set_flag(sk, SOCK_DEAD);	/* sock_orphan */

	/* The last release_sock of its life: it runs the backlog. */
	release_sock(sk);

	/* Now the stack owns the socket: finish the close under the BH lock. */
	bh_lock_sock(sk);

	/* Destroyed meanwhile by a segment or the backlog? */
	if (state != TCP_CLOSE && sk->sk_state == TCP_CLOSE)
		goto out;

	/* Not in the RFC: an orphan in FIN_WAIT2 waits tcp_fin_time at most
	 * (TCP_LINGER2 < 0 resets it at once), so that a peer cannot keep
	 * it forever. */
	if (sk->sk_state == TCP_FIN_WAIT2) {
		struct tcp_sock *tp = tcp_sk(sk);

		if (tp->linger2 < 0) {
			tcp_set_state(sk, TCP_CLOSE);
			tcp_send_active_reset(sk);
		} else {
			const int tmo = tcp_fin_time(sk);

			if (tmo > (int)TCP_TIMEWAIT_LEN) {
				/* 3.10 first keeps the socket on its keepalive
				 * timer for tmo - TCP_TIMEWAIT_LEN; connscope has
				 * none: TIME-WAIT at once, for the whole wait. */
				tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
				goto out;
			} else {
				tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
				goto out;
			}
		}
	}
	/* tcp_check_oom: connscope keeps no protocol memory pool. */

	if (sk->sk_state == TCP_CLOSE)
		inet_csk_destroy_sock(sk);
	/* Otherwise the socket lives until the protocol closes it. */

out:
	bh_unlock_sock(sk);
	sock_put(sk);
}

/* tcp_need_reset - states in which disconnecting must tell the peer. */
static bool tcp_need_reset(int state)
{
	return (1 << state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT | TCPF_FIN_WAIT1 |
			       TCPF_FIN_WAIT2 | TCPF_SYN_RECV);
}

/*
 * tcp_disconnect - connect(AF_UNSPEC), the sock_error path of connect, and
 * SO_LINGER abort: back to CLOSE, a RST when the peer must know, the socket
 * reusable.  write_seq moves on by max_window + 2 so that a reconnect does
 * not reuse sequence numbers.
 */
int tcp_disconnect(struct sock *sk, int flags)
{
	struct inet_sock *inet = inet_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int old_state = sk->sk_state;

	(void)flags;
	if (old_state != TCP_CLOSE)
		tcp_set_state(sk, TCP_CLOSE);
	if (tcp_need_reset(old_state) ||
	    (tp->snd_nxt != tp->write_seq && (1 << old_state) & (TCPF_CLOSING | TCPF_LAST_ACK))) {
		tcp_send_active_reset(sk);
		WRITE_ONCE(sk->sk_err, ECONNRESET);
	} else if (old_state == TCP_SYN_SENT) {
		WRITE_ONCE(sk->sk_err, ECONNRESET);
	}
	tcp_clear_xmit_timers(sk);
	__skb_queue_purge(&sk->sk_write_queue);
	sk->sk_send_head = NULL;
	inet->inet_dport = 0;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK))
		inet->inet_saddr = inet->inet_rcv_saddr = 0;
	WRITE_ONCE(sk->sk_shutdown, 0);
	sock_reset_flag(sk, SOCK_DONE);
	tp->srtt = 0;
	tp->write_seq += tp->max_window + 2;
	if (tp->write_seq == 0)
		tp->write_seq = 1;
	icsk->icsk_backoff = 0;
	tp->snd_cwnd = 2;
	icsk->icsk_probes_out = 0;
	tp->packets_out = 0;
	tp->snd_ssthresh = 0x7fffffff;
	tp->snd_wnd = 0;
	tp->window_clamp = 0;
	tp->rx_opt.num_sacks = 0;
	icsk->icsk_ack.pending = 0;
	tp->rcv_nxt = tp->copied_seq = tp->rcv_wup = 0;
	sk_dst_reset(sk);
	cs_trace(tcp_disconnect, sk, old_state, sk->sk_err);
	sk->sk_error_report(sk);
	return 0;
}

/* tcp_win_from_space - the window a buffer of @space bytes can offer. */
int tcp_win_from_space(const struct net *net, int space)
{
	int scale = net->sysctl.tcp_adv_win_scale;

	return scale <= 0 ? space >> (-scale) : space - (space >> scale);
}

/* tcp_full_space - the window the whole receive buffer can offer. */
int tcp_full_space(const struct sock *sk)
{
	return tcp_win_from_space(sock_net(sk), sk->sk_rcvbuf);
}

/*
 * tcp_poll - the readiness of a TCP socket: nothing while the handshake
 * runs, POLLOUT once established, POLLHUP|POLLOUT (and POLLERR while an
 * error is pending) after a failed connect, since tcp_done shut both ways.
 */
unsigned int tcp_poll(struct socket *sock)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;

	int state = READ_ONCE(sk->sk_state), shutdown = READ_ONCE(sk->sk_shutdown);

	/* No socket lock, as in 3.10 (sock_poll_wait then plain reads): each
	 * field is read once (READ_ONCE: divergences.md). */
	if (state == TCP_LISTEN)
		return 0;	/* inet_csk_listen_poll: no accept queue here */
	if (shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= POLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if ((1 << state) & ~(TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		/* Writable either way: when not shut down for sending the
		 * write queue never holds data here, so sk_stream_wspace is
		 * always >= sk_stream_min_wspace; when shut down, 3.10
		 * reports POLLOUT so that a writer sees the error. */
		mask |= POLLOUT | POLLWRNORM;
	}
	if (READ_ONCE(sk->sk_err))
		mask |= POLLERR;
	return mask;
}

/* tcp_setsockopt - IPPROTO_TCP options the connect path reads. */
int tcp_setsockopt(struct sock *sk, int optname, const void *optval,
		   unsigned int optlen)
{
	int val, err = 0;

	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	lock_sock(sk);
	switch (optname) {
	case TCP_MAXSEG:
		if (val < (int)TCP_MIN_MSS || val > (int)MAX_TCP_WINDOW)
			err = -EINVAL;
		else
			tcp_sk(sk)->rx_opt.user_mss = (u16)val;
		break;
	case TCP_SYNCNT:
		if (val < 1 || val > 127)	/* MAX_TCP_SYNCNT */
			err = -EINVAL;
		else
			inet_csk(sk)->icsk_syn_retries = (u8)val;
		break;
	default:
		err = -ENOPROTOOPT;
	}
	release_sock(sk);
	return err;
}

/* tcp_getsockopt - read back TCP_MAXSEG (mss_cache or user_mss) and TCP_SYNCNT. */
int tcp_getsockopt(struct sock *sk, int optname, void *optval, int *optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val, len = *optlen;

	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case TCP_MAXSEG:
		val = (int)tp->mss_cache;
		if (!val && ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)))
			val = tp->rx_opt.user_mss;
		break;
	case TCP_SYNCNT:
		val = inet_csk(sk)->icsk_syn_retries ? :
			sock_net(sk)->sysctl.tcp_syn_retries;
		break;
	default:
		return -ENOPROTOOPT;
	}
	len = len < (int)sizeof(int) ? len : (int)sizeof(int);
	memcpy(optval, &val, (size_t)len);
	*optlen = len;
	return 0;
}

/* tcp_get_info - the TCP_INFO view of a socket, plus its ISN, addresses,
 * the flow it was routed with, and id. */
static void tcp_get_info(const struct sock *sk, struct cs_tcp_info *info)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);

	memset(info, 0, sizeof(*info));
	info->state = sk->sk_state;
	info->retransmits = icsk->icsk_retransmits;
	info->backoff = icsk->icsk_backoff;
	if (tp->rx_opt.tstamp_ok)
		info->options |= 1;
	if (tp->rx_opt.sack_ok)
		info->options |= 2;
	if (tp->rx_opt.wscale_ok) {
		info->options |= 4;
		info->snd_wscale = tp->rx_opt.snd_wscale;
		info->rcv_wscale = tp->rx_opt.rcv_wscale;
	}
	if (tp->ecn_flags & TCP_ECN_OK)
		info->options |= 8;
	info->rto_ms = icsk->icsk_rto * 1000 / HZ;
	info->snd_mss = tp->mss_cache;
	info->rcv_mss = icsk->icsk_ack.rcv_mss;
	info->advmss = tp->advmss;
	info->isn = tcp_sk_isn(sk);
	info->saddr = inet_sk(sk)->inet_saddr;
	info->daddr = inet_sk(sk)->inet_daddr;
	info->sport = inet_sk(sk)->inet_sport;
	info->dport = inet_sk(sk)->inet_dport;
	info->flow_saddr = inet_sk(sk)->cork.fl4.saddr;
	info->flow_daddr = inet_sk(sk)->cork.fl4.daddr;
	info->flow_sport = inet_sk(sk)->cork.fl4.fl4_sport;
	info->flow_dport = inet_sk(sk)->cork.fl4.fl4_dport;
	info->snd_una = tp->snd_una;
	info->snd_nxt = tp->snd_nxt;
	info->rcv_nxt = tp->rcv_nxt;
	info->snd_wnd = tp->snd_wnd;
	info->rcv_wnd = tp->rcv_wnd;
	info->total_retrans = tp->total_retrans;
	info->sk_id = sk->sk_id;
}

int cs_tcp_info(struct net *net, int fd, struct cs_tcp_info *info)
{
	struct socket *sock;
	int err, fput_needed;

	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock) {
		errno = -err;
		return -1;
	}
	lock_sock(sock->sk);
	tcp_get_info(sock->sk, info);
	release_sock(sock->sk);
	fput_light(sock, fput_needed);
	return 0;
}

const char *cs_state_name(int state)
{
	return state > 0 && state < TCP_MAX_STATES ? tcp_state_names[state] : "UNKNOWN";
}
