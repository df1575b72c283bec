// SPDX-License-Identifier: GPL-2.0-only
/*
 * af_inet.c - the AF_INET socket layer (net/ipv4/af_inet.c, Linux 3.10):
 * inet_create, inet_release, inet_bind, inet_listen, inet_getname and the
 * connect entry points inet_stream_connect / __inet_stream_connect /
 * inet_wait_for_connect.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "secure_seq.h"
#include "trace.h"

static int inet_release(struct socket *sock);
static int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len);
static int inet_listen(struct socket *sock, int backlog);
static int inet_getname(struct socket *sock, struct sockaddr *uaddr, int *len, int peer);
int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len,
			int flags);

/* inet_stream_ops: the struct socket operations of a TCP socket. */
static const struct proto_ops inet_stream_ops = {
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_stream_connect,
	.listen = inet_listen,
	.getname = inet_getname,
	.poll = tcp_poll,
};

/*
 * inet_create - the AF_INET part of socket(2) for SOCK_STREAM/TCP: allocate
 * the sock, set the inet defaults and call the protocol's init.  The first
 * stream socket of a stack draws its secrets (build_ehash_secret).
 */
int inet_create(struct net *net, struct socket *sock, int protocol)
{
	struct inet_sock *inet;
	struct sock *sk;

	/* 3.10 draws the secrets before looking the protocol up, so a
	 * stream socket refused below still draws them. */
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		build_ehash_secret(net);
	if (sock->type != SOCK_STREAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != 0 && protocol != IPPROTO_TCP)
		return -EPROTONOSUPPORT;
	sock->state = SS_UNCONNECTED;
	sk = sk_alloc(net, AF_INET, &tcp_prot);
	if (!sk)
		return -ENOBUFS;
	sock->ops = &inet_stream_ops;
	sk->sk_protocol = IPPROTO_TCP;
	inet = inet_sk(sk);
	inet->pmtudisc = net->sysctl.ip_no_pmtu_disc ? IP_PMTUDISC_DONT
						     : IP_PMTUDISC_WANT;
	inet->inet_id = 0;
	inet->uc_ttl = -1;
	sock_init_data(sock, sk);
	sk->sk_prot->init(sk);
	cs_trace(inet_create, sk, protocol);
	return 0;
}

/* inet_release - close(2) reaches the protocol: tcp_close with the linger
 * time when SO_LINGER is set. */
static int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	long timeout = 0;

	if (!sk)
		return 0;
	if (sock_flag(sk, SOCK_LINGER))
		timeout = (long)sk->sk_lingertime;
	sock->sk = NULL;
	sk->sk_socket = NULL;
	sk->sk_prot->close(sk, timeout);
	return 0;
}

/*
 * inet_bind - bind(2): address checks in 3.10's order, then the port through
 * sk_prot->get_port (inet_csk_get_port) under the socket lock.
 */
static int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *addr = (struct sockaddr_in *)(void *)uaddr;
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	unsigned short snum;
	unsigned int chk_addr_ret;
	int err;

	err = -EINVAL;
	if (addr_len < (int)sizeof(struct sockaddr_in))
		goto out;
	err = -EAFNOSUPPORT;
	if (addr->sin_family != AF_INET && !(addr->sin_family == AF_UNSPEC &&
					     addr->sin_addr.s_addr == htonl(INADDR_ANY)))
		goto out;
	/* 3.10 asks the FIB (inet_addr_type): a local, multicast or broadcast
	 * address (the subnet's broadcast too) may be bound;
	 * !sysctl_ip_nonlocal_bind && !transparent && none of those. */
	chk_addr_ret = inet_addr_type(sock_net(sk), addr->sin_addr.s_addr);
	err = -EADDRNOTAVAIL;
	if (!inet->transparent && addr->sin_addr.s_addr != htonl(INADDR_ANY) &&
	    chk_addr_ret != RTN_LOCAL && chk_addr_ret != RTN_MULTICAST &&
	    chk_addr_ret != RTN_BROADCAST)
		goto out;
	snum = ntohs(addr->sin_port);
	/* The stack acts with CAP_NET_BIND_SERVICE: ports below 1024 are allowed. */
	lock_sock(sk);
	err = -EINVAL;
	if (sk->sk_state != TCP_CLOSE || inet->inet_num)
		goto out_release_sock;
	inet->inet_rcv_saddr = inet->inet_saddr = addr->sin_addr.s_addr;
	/* 3.10: a multicast or broadcast bind sends from the device's address. */
	if (chk_addr_ret == RTN_MULTICAST || chk_addr_ret == RTN_BROADCAST)
		inet->inet_saddr = 0;
	if (sk->sk_prot->get_port(sk, snum)) {
		inet->inet_saddr = inet->inet_rcv_saddr = 0;
		err = -EADDRINUSE;
		goto out_release_sock;
	}
	if (inet->inet_rcv_saddr)
		sk->sk_userlocks |= SOCK_BINDADDR_LOCK;
	if (snum)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
	inet->inet_sport = htons(inet->inet_num);
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk_dst_reset(sk);
	err = 0;
out_release_sock:
	release_sock(sk);
out:
	cs_trace(inet_bind, sk, addr_len >= 8 ? ntohs(addr->sin_port) : 0, err);
	return err;
}

/* inet_csk_listen_start - take the port again (it may have been lost
 * to a race) and enter LISTEN in the listening hash. */
static int inet_csk_listen_start(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	sk->sk_state = TCP_LISTEN;
	if (!sk->sk_prot->get_port(sk, inet->inet_num)) {
		inet->inet_sport = htons(inet->inet_num);
		sk_dst_reset(sk);
		sk->sk_prot->hash(sk);
		return 0;
	}
	sk->sk_state = TCP_CLOSE;
	return -EADDRINUSE;
}

/* inet_listen - listen(2) on an unconnected stream socket. */
static int inet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	unsigned char old_state;
	int err;

	lock_sock(sk);
	err = -EINVAL;
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		goto out;
	old_state = sk->sk_state;
	if (!((1 << old_state) & (TCPF_CLOSE | TCPF_LISTEN)))
		goto out;
	if (old_state != TCP_LISTEN) {
		err = inet_csk_listen_start(sk);
		if (err)
			goto out;
	}
	err = 0;
out:
	release_sock(sk);
	cs_trace(inet_listen, sk, backlog, err);
	return err;
}

/* inet_getname - getsockname/getpeername; ENOTCONN for a peer that is not
 * there (no dport, or a closed/SYN_SENT socket asked for its peer). */
static int inet_getname(struct socket *sock, struct sockaddr *uaddr, int *len, int peer)
{
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)uaddr;

	sin->sin_family = AF_INET;
	if (peer) {
		if (!inet->inet_dport ||
		    (((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_SYN_SENT)) && peer == 1))
			return -ENOTCONN;
		sin->sin_port = inet->inet_dport;
		sin->sin_addr.s_addr = inet->inet_daddr;
	} else {
		__be32 addr = inet->inet_rcv_saddr;

		if (!addr)
			addr = inet->inet_saddr;
		sin->sin_port = inet->inet_sport;
		sin->sin_addr.s_addr = addr;
	}
	memset(sin->sin_zero, 0, sizeof(sin->sin_zero));
	*len = (int)sizeof(*sin);
	return 0;
}

/*
 * inet_wait_for_connect - sleep while the handshake runs (SYN_SENT or
 * SYN_RECV), with the socket lock released, until woken by a state change,
 * a signal, or the end of @timeo.  Returns the time left.  Before the
 * sleep, what the NIC receives is processed here for a bounded time
 * (sk_busy_loop): in 3.10 the SYN-ACK is handled inside the connecting task
 * (a veth runs the peer's softirq within our send, and the task's own
 * softirqs run when release_sock re-enables bottom halves).
 */
static long inet_wait_for_connect(struct sock *sk, long timeo, int writebias)
{
	struct socket *sock = sk->sk_socket;

	cs_trace(inet_wait_for_connect, sk, timeo, writebias);
	sk->sk_write_pending += writebias;
	release_sock(sk);
	sk_busy_loop(sk);
	pthread_mutex_lock(&sk->sk_lock.slock);
	while ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		if ((sock && READ_ONCE(sock->signal_pending)) || !timeo)
			break;
		timeo = cs_sk_schedule_timeout(sk, timeo);
	}
	pthread_mutex_unlock(&sk->sk_lock.slock);
	lock_sock(sk);
	sk->sk_write_pending -= writebias;
	cs_trace(inet_wait_for_connect_ret, sk, timeo,
		 sock ? READ_ONCE(sock->signal_pending) : 0);
	return timeo;
}

/*
 * __inet_stream_connect - connect(2) for a stream socket; caller owns the
 * socket.  AF_UNSPEC disconnects; otherwise the switch on sock->state
 * starts the protocol's connect (or finds one running), then the caller
 * waits for the handshake unless non-blocking.  A socket closed meanwhile
 * (RST, timeout, ICMP error, another disconnect) goes to sock_error:.
 */
int __inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, /* 3.10:599 */
			  int addr_len, int flags) /* 3.10:600 */
{
	struct sock *sk = sock->sk; /* 3.10:602 */
	int err; /* 3.10:603 */
	long timeo; /* 3.10:604 */

	cs_trace(__inet_stream_connect, sk, (int)sock->state, addr_len,
		 addr_len >= 2 ? uaddr->sa_family : 0, flags & O_NONBLOCK ? 1 : 0);
	if (addr_len < (int)sizeof(uaddr->sa_family)) {
		cs_trace(__inet_stream_connect_ret, sk, (int)sock->state, -EINVAL);
		return -EINVAL;
	}

	if (uaddr->sa_family == AF_UNSPEC) {
		err = sk->sk_prot->disconnect(sk, flags);
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
		goto out;
	}

	switch (sock->state) {
	default:
		err = -EINVAL;
		goto out;
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		err = -EALREADY;
		/* Out of the switch with the error of this state. */
		break;
	case SS_UNCONNECTED:
		err = -EISCONN;
		if (sk->sk_state != TCP_CLOSE)
			goto out;

		err = sk->sk_prot->connect(sk, uaddr, addr_len); /* 3.10:631 */
		if (err < 0) /* 3.10:632 */
			goto out; /* 3.10:633 */

		sock->state = SS_CONNECTING; /* 3.10:635 */

		/* Just entered SS_CONNECTING: a non-blocking caller gets
		 * EINPROGRESS rather than EALREADY. */
		err = -EINPROGRESS; /* 3.10:641 */
		break; /* 3.10:642 */
	}

	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK); /* 3.10:645 */

	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) { /* 3.10:647 */
		/* Fast Open data waiting to be sent (never: tcp_fastopen=0). */
		int writebias = (sk->sk_protocol == IPPROTO_TCP) && /* 3.10:648 */
				tcp_sk(sk)->fastopen_req ? 1 : 0;

		/* err is set above. */
		if (!timeo || !inet_wait_for_connect(sk, timeo, writebias)) /* 3.10:653 */
			goto out; /* 3.10:654 */

		err = sock_intr_errno(timeo); /* 3.10:656 */
		if (signal_pending(sock))
			goto out; /* 3.10:658 */
	}

	/* Closed by RST, timeout, ICMP error or another disconnect. */
	if (sk->sk_state == TCP_CLOSE) /* 3.10:664 */
		goto sock_error; /* 3.10:665 */

	/* sk_err may be set now if an error came after ESTABLISHED with
	 * IP_RECVERR; later calls report it as usual. */

	sock->state = SS_CONNECTED; /* 3.10:672 */
	err = 0; /* 3.10:673 */
out: /* 3.10:674 */
	cs_trace(__inet_stream_connect_ret, sk, (int)sock->state, err);
	return err; /* 3.10:675 */

sock_error: /* 3.10:677 */
	err = sock_error(sk) ? : -ECONNABORTED; /* 3.10:678 */
	sock->state = SS_UNCONNECTED; /* 3.10:679 */
	if (sk->sk_prot->disconnect(sk, flags)) /* 3.10:680 */
		sock->state = SS_DISCONNECTING; /* 3.10:681 */
	goto out; /* 3.10:682 */
}

/* inet_stream_connect - sock->ops->connect: __inet_stream_connect under
 * lock_sock; release_sock then runs what softirq queued meanwhile. */
int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len,
			int flags)
{
	int err;

	cs_trace(inet_stream_connect, sock->sk, sock->fd);
	lock_sock(sock->sk);
	err = __inet_stream_connect(sock, uaddr, addr_len, flags);
	release_sock(sock->sk);
	cs_trace(inet_stream_connect_ret, sock->sk, err);
	return err;
}
