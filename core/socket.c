// SPDX-License-Identifier: GPL-2.0-only
/*
 * socket.c - the system-call layer (net/socket.c, fs/file.c, Linux 3.10):
 * the descriptor table, sys_socket, sys_connect and the other calls the
 * public cs_* API mirrors.  Kernel functions return 0 or -errno; the cs_*
 * wrappers turn that into -1 and errno, as libc does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"
#include "trace.h"

int inet_create(struct net *net, struct socket *sock, int protocol);

/* sock_alloc - a struct socket with one file reference (the table's). */
static struct socket *sock_alloc(struct net *net)
{
	struct socket *sock = calloc(1, sizeof(*sock));

	if (!sock)
		return NULL;
	sock->state = SS_UNCONNECTED;
	sock->net = net;
	sock->fd = -1;
	atomic_init(&sock->f_count, 1);
	return sock;
}

/* sock_release - the last file reference is gone: release the protocol
 * socket (inet_release -> tcp_close) and free the struct socket. */
static void sock_release(struct socket *sock)
{
	if (sock->ops)
		sock->ops->release(sock);
	free(sock);
}

/* get_unused_fd / fd_install: the lowest free descriptor (fs/file.c
 * __alloc_fd); EMFILE when the table is full. */
static int sock_map_fd(struct net *net, struct socket *sock)
{
	int fd;

	pthread_mutex_lock(&net->fd_lock);
	fd = __alloc_fd(net);
	if (fd >= 0) {
		net->fdt[fd] = sock;
		sock->fd = fd;
	}
	pthread_mutex_unlock(&net->fd_lock);
	return fd;
}

/* sockfd_lookup_light - descriptor to socket, taking a file reference.
 * EBADF for a descriptor that is not open (err is preset to EBADF as in
 * the kernel).  Every descriptor in this table is a socket, so the
 * ENOTSOCK branch of sock_from_file cannot be reached. */
struct socket *sockfd_lookup_light(struct net *net, int fd, int *err, int *fput_needed)
{
	struct socket *sock = NULL;

	*err = -EBADF;
	*fput_needed = 0;
	pthread_mutex_lock(&net->fd_lock);
	if (fd >= 0 && (unsigned int)fd < net->max_fds && net->fdt[fd]) {
		sock = net->fdt[fd];
		atomic_fetch_add(&sock->f_count, 1);
		*fput_needed = 1;
		*err = 0;
	}
	pthread_mutex_unlock(&net->fd_lock);
	cs_trace(sockfd_lookup_light, fd, sock ? (sock->sk ? sock->sk->sk_id : 0) : 0,
		 sock ? (int)sock->state : 0, *err);
	return sock;
}

/* fput_light - drop the reference sockfd_lookup_light took. */
void fput_light(struct socket *sock, int fput_needed)
{
	if (fput_needed && atomic_fetch_sub(&sock->f_count, 1) == 1)
		sock_release(sock);
}

/*
 * move_addr_to_kernel - copy a user address into kernel storage.
 * EINVAL for a negative length or one larger than sockaddr_storage; a zero
 * length copies nothing; a NULL buffer is the copy_from_user fault (EFAULT).
 */
static int move_addr_to_kernel(const void *uaddr, int ulen,
			       struct sockaddr_storage *kaddr)
{
	int err = 0;

	if (ulen < 0 || ulen > (int)sizeof(struct sockaddr_storage))
		err = -EINVAL;
	else if (ulen == 0)
		err = 0;
	else if (!uaddr)
		err = -EFAULT;
	else
		memcpy(kaddr, uaddr, (size_t)ulen);
	cs_trace(move_addr_to_kernel, ulen, (int)sizeof(struct sockaddr_storage),
		 ulen >= 2 && uaddr ? ((const struct sockaddr *)uaddr)->sa_family : 0, err);
	return err;
}

/*
 * security_socket_connect - the LSM hook.  With no rule it allows, like a
 * kernel without an LSM; the connscope.security_deny_addr and
 * connscope.security_deny_port sysctls install a deny rule that returns
 * EACCES, so a lab can show where policy sits on the path.
 */
static int security_socket_connect(struct socket *sock, struct sockaddr *address,
				   int addrlen)
{
	const struct cs_sysctl *s = &sock->net->sysctl;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)(void *)address;
	int err = 0;

	if (addrlen >= (int)sizeof(*sin) && sin->sin_family == AF_INET) {
		bool addr_match = !s->security_deny_addr ||
				  s->security_deny_addr == sin->sin_addr.s_addr;
		bool port_match = !s->security_deny_port ||
				  s->security_deny_port == ntohs(sin->sin_port);

		if ((s->security_deny_addr || s->security_deny_port) &&
		    addr_match && port_match)
			err = -EACCES;
	}
	cs_trace(security_socket_connect, sock->sk->sk_id, err);
	return err;
}

/* sys_connect - SYSCALL_DEFINE3(connect): look the descriptor up, copy the
 * address, ask the security hook, then sock->ops->connect. */
static int sys_connect(struct net *net, int fd, const struct sockaddr *uservaddr,
		       int addrlen)
{
	struct socket *sock; /* 3.10:1661 */
	struct sockaddr_storage address; /* 3.10:1662 */
	int err, fput_needed; /* 3.10:1663 */

	cs_trace(sys_connect, fd, addrlen);
	memset(&address, 0, sizeof(address));
	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock) /* 3.10:1666 */
		goto out; /* 3.10:1667 */
	err = move_addr_to_kernel(uservaddr, addrlen, &address); /* 3.10:1668 */
	if (err < 0) /* 3.10:1669 */
		goto out_put; /* 3.10:1670 */
	err = security_socket_connect(sock, (struct sockaddr *)&address, addrlen);
	if (err) /* 3.10:1674 */
		goto out_put; /* 3.10:1675 */
	sock->waiter = pthread_self();
	err = sock->ops->connect(sock, (struct sockaddr *)&address, addrlen, /* 3.10:1677 */
				 sock->f_flags);
out_put: /* 3.10:1679 */
	fput_light(sock, fput_needed);
out: /* 3.10:1681 */
	cs_trace(sys_connect_ret, fd, err);
	return err; /* 3.10:1682 */
}

static int set_errno(int err)
{
	if (err < 0) {
		/* ERESTARTSYS never reaches user space: with no SA_RESTART
		 * handler the C library sees EINTR. */
		errno = err == -ERESTARTSYS ? EINTR : -err;
		return -1;
	}
	return err;
}

int cs_connect(struct net *net, int fd, const struct sockaddr *addr, socklen_t len)
{
	return set_errno(sys_connect(net, fd, addr, (int)len));
}

/* 3.10's SOCK_TYPE_MASK, SOCK_MAX (SOCK_PACKET + 1) and NPROTO (AF_MAX 41). */
#define CS_SOCK_TYPE_MASK 0xf
#define CS_SOCK_MAX 11
#define CS_NPROTO 41

/* sys_socket -> sock_create -> inet_create, then sock_map_fd.  As in 3.10:
 * unknown flag bits are EINVAL, then (__sock_create) a family out of range
 * EAFNOSUPPORT, a type out of range EINVAL, an unregistered family
 * EAFNOSUPPORT. */
int cs_socket(struct net *net, int domain, int type, int protocol)
{
	struct socket *sock;
	int err, fd;

	if (type & ~CS_SOCK_TYPE_MASK & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return set_errno(-EINVAL);
	if (domain < 0 || domain >= CS_NPROTO)
		return set_errno(-EAFNOSUPPORT);
	if ((type & CS_SOCK_TYPE_MASK) >= CS_SOCK_MAX)
		return set_errno(-EINVAL);
	if (domain != AF_INET)
		return set_errno(-EAFNOSUPPORT);
	sock = sock_alloc(net);
	if (!sock)
		return set_errno(-ENOMEM);
	sock->type = (short)(type & CS_SOCK_TYPE_MASK);
	if (type & SOCK_NONBLOCK)
		sock->f_flags |= O_NONBLOCK;
	err = inet_create(net, sock, protocol);
	if (err < 0) {
		free(sock);
		return set_errno(err);
	}
	fd = sock_map_fd(net, sock);
	cs_trace(sys_socket, fd, sock->type, protocol, fd < 0 ? fd : 0);
	if (fd < 0)
		sock_release(sock);
	return set_errno(fd);
}

/* sys_bind: lookup, move_addr_to_kernel, sock->ops->bind. */
int cs_bind(struct net *net, int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_storage address;
	struct socket *sock;
	int err, fput_needed;

	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	memset(&address, 0, sizeof(address));
	err = move_addr_to_kernel(addr, (int)len, &address);
	if (err >= 0)
		err = sock->ops->bind(sock, (struct sockaddr *)&address, (int)len);
	fput_light(sock, fput_needed);
	return set_errno(err);
}

/* sys_listen: the backlog is capped at somaxconn (128). */
int cs_listen(struct net *net, int fd, int backlog)
{
	struct socket *sock;
	int err, fput_needed;

	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	if ((unsigned int)backlog > 128)
		backlog = 128;
	err = sock->ops->listen(sock, backlog);
	fput_light(sock, fput_needed);
	return set_errno(err);
}

/* sys_close: remove the descriptor; the socket is released when the last
 * reference (possibly held by a concurrent call) is dropped. */
int cs_close(struct net *net, int fd)
{
	struct socket *sock = NULL;

	pthread_mutex_lock(&net->fd_lock);
	if (fd >= 0 && (unsigned int)fd < net->max_fds && net->fdt[fd]) {
		sock = net->fdt[fd];
		net->fdt[fd] = NULL;
		__put_unused_fd(net, (unsigned int)fd);
	}
	pthread_mutex_unlock(&net->fd_lock);
	if (!sock)
		return set_errno(-EBADF);
	cs_trace(sys_close, fd, sock->sk ? sock->sk->sk_id : 0);
	fput_light(sock, 1);
	return 0;
}

static int getname(struct net *net, int fd, struct sockaddr *addr,
		   socklen_t *len, int peer)
{
	struct sockaddr_storage address;
	struct socket *sock;
	int err, fput_needed, alen = 0;

	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	if (!len || (int)*len < 0) {
		fput_light(sock, fput_needed);
		return set_errno(-EINVAL);
	}
	memset(&address, 0, sizeof(address));
	err = sock->ops->getname(sock, (struct sockaddr *)&address, &alen, peer);
	if (!err) {
		/* move_addr_to_user: copy at most *len, report the full length. */
		memcpy(addr, &address, (size_t)((int)*len < alen ? (int)*len : alen));
		*len = (socklen_t)alen;
	}
	fput_light(sock, fput_needed);
	return set_errno(err);
}

int cs_getsockname(struct net *net, int fd, struct sockaddr *addr, socklen_t *len)
{
	return getname(net, fd, addr, len, 0);
}

int cs_getpeername(struct net *net, int fd, struct sockaddr *addr, socklen_t *len)
{
	return getname(net, fd, addr, len, 1);
}

/* do_fcntl for F_GETFL / F_SETFL: only O_NONBLOCK is kept. */
int cs_fcntl(struct net *net, int fd, int cmd, int arg)
{
	struct socket *sock;
	int err, fput_needed;

	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	if (cmd == F_GETFL)
		err = O_RDWR | sock->f_flags;
	else if (cmd == F_SETFL)
		sock->f_flags = arg & O_NONBLOCK;
	else
		err = -EINVAL;
	fput_light(sock, fput_needed);
	return set_errno(err);
}

int sock_setsockopt(struct socket *sock, int level, int optname,
		    const void *optval, unsigned int optlen);
int sock_getsockopt(struct socket *sock, int level, int optname,
		    void *optval, int *optlen);

/* sys_setsockopt: negative lengths are EINVAL; SOL_SOCKET goes to
 * sock_setsockopt, the rest to the protocol (tcp_setsockopt). */
int cs_setsockopt(struct net *net, int fd, int level, int name,
		  const void *val, socklen_t len)
{
	struct socket *sock;
	int err, fput_needed;

	if ((int)len < 0)
		return set_errno(-EINVAL);
	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	err = sock_setsockopt(sock, level, name, val, len);
	fput_light(sock, fput_needed);
	return set_errno(err);
}

int cs_getsockopt(struct net *net, int fd, int level, int name,
		  void *val, socklen_t *len)
{
	struct socket *sock;
	int err, fput_needed, l;

	if (!len)
		return set_errno(-EFAULT);
	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	l = (int)*len;
	err = sock_getsockopt(sock, level, name, val, &l);
	if (!err)
		*len = (socklen_t)l;
	fput_light(sock, fput_needed);
	return set_errno(err);
}

/* cs_interrupt - signal_wake_up on the thread sleeping in connect(). */
int cs_interrupt(struct net *net, int fd)
{
	struct socket *sock;
	int err, fput_needed;

	sock = sockfd_lookup_light(net, fd, &err, &fput_needed);
	if (!sock)
		return set_errno(err);
	WRITE_ONCE(sock->signal_pending, 1);	/* as a signal: no lock */
	if (sock->sk) {
		bh_lock_sock(sock->sk);
		pthread_cond_broadcast(&sock->sk->sk_wq);
		bh_unlock_sock(sock->sk);
	}
	fput_light(sock, fput_needed);
	return 0;
}

/* Close every descriptor (used when the stack is freed). */
void cs_close_all(struct net *net)
{
	for (unsigned int fd = 0; fd < net->max_fds; fd++)
		if (net->fdt[fd])
			cs_close(net, fd);
}

static void poll_sleep_ms(int ms)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = (long)ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* do_poll / sock_poll: ask each socket's tcp_poll; sleep in short slices
 * until one is ready or the timeout (ms, -1 = none) passes. */
int cs_poll(struct net *net, struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	struct timespec start, now;

	if (!fds && nfds)
		return set_errno(-EFAULT);
	if (nfds > CS_MAX_FDS)
		return set_errno(-EINVAL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int ready = 0;
		long elapsed;

		for (nfds_t i = 0; i < nfds; i++) {
			struct socket *sock;
			int err, fput_needed;

			fds[i].revents = 0;
			if (fds[i].fd < 0)
				continue;
			sock = sockfd_lookup_light(net, fds[i].fd, &err, &fput_needed);
			if (!sock) {
				fds[i].revents = POLLNVAL;
			} else {
				unsigned int mask = sock->ops->poll(sock);

				fds[i].revents = (short)(mask & ((unsigned)fds[i].events |
								 POLLERR | POLLHUP));
				fput_light(sock, fput_needed);
			}
			if (fds[i].revents)
				ready++;
		}
		if (ready || timeout_ms == 0)
			return ready;
		clock_gettime(CLOCK_MONOTONIC, &now);
		elapsed = (now.tv_sec - start.tv_sec) * 1000 +
			  (now.tv_nsec - start.tv_nsec) / 1000000;
		if (timeout_ms > 0 && elapsed >= timeout_ms)
			return 0;
		poll_sleep_ms(1);
	}
}
