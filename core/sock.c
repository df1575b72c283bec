// SPDX-License-Identifier: GPL-2.0-only
/*
 * sock.c - generic socket memory, locking and callbacks (net/core/sock.c,
 * Linux 3.10).
 *
 * The socket lock has the kernel's two parts: a spinlock (here a mutex,
 * sk_lock.slock) taken by softirq code through bh_lock_sock, and an owner
 * flag set by process context through lock_sock.  While a process owns the
 * socket, softirq code queues segments to the backlog; release_sock runs
 * them before giving the socket up.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include "net.h"
#include "tcp.h"
#include "rcupdate.h"
#include "trace.h"

/* sock_lock_init - the socket lock (its spinlock and the owners' wait
 * queue) and the socket's wait queue, sk_wq: connscope's sleepers wait on
 * it with a timeout of the monotonic clock. */
static void sock_lock_init(struct sock *sk)
{
	pthread_condattr_t ca;

	pthread_mutex_init(&sk->sk_lock.slock, NULL);
	pthread_cond_init(&sk->sk_lock.wq, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sk->sk_wq, &ca);
	pthread_condattr_destroy(&ca);
}

/* sk_alloc - allocate a protocol socket (always a full tcp_sock here) with
 * one reference, a fresh id and the net it lives in. */
struct sock *sk_alloc(struct net *net, int family, struct proto *prot)
{
	struct sock *sk = calloc(1, sizeof(struct tcp_sock));

	if (!sk)
		return NULL;
	sk->sk_family = (unsigned short)family;
	sk->sk_prot = prot;
	sk->__sk_common.skc_net = net;
	atomic_init(&sk->sk_refcnt, 1);
	/* One unit of write memory stands for the sock itself: buffers still
	 * queued below TCP when the last reference goes keep it alive. */
	atomic_init(&sk->sk_wmem_alloc, 1);
	sk->sk_id = atomic_fetch_add(&net->next_sock_id, 1) + 1;
	sk->__sk_common.skc_id = sk->sk_id;
	INIT_HLIST_NODE(&sk->sk_node);
	INIT_HLIST_NODE(&sk->sk_bind_node);
	skb_queue_head_init(&sk->sk_backlog);
	skb_queue_head_init(&sk->sk_write_queue);
	sock_lock_init(sk);
	cs_trace(sk_alloc, sk);
	return sk;
}

/* The memory of a sock goes a grace period after __sk_free, as TCP's slab
 * (SLAB_DESTROY_BY_RCU) keeps it valid for lockless ehash readers. */
static void cs_sk_free_rcu(struct rcu_head *head)
{
	free(caa_container_of(head, struct sock, sk_rcu));
}

/* __sk_free - release the sock once nothing points at it; the memory
 * itself goes after a grace period (lockless ehash readers). */
static void __sk_free(struct sock *sk)
{
	cs_trace(sk_free, sk);
	__skb_queue_purge(&sk->sk_write_queue);
	__skb_queue_purge(&sk->sk_backlog);
	if (sk->sk_dst_cache)
		ip_rt_put(sk->sk_dst_cache);
	pthread_mutex_destroy(&sk->sk_lock.slock);
	pthread_cond_destroy(&sk->sk_lock.wq);
	pthread_cond_destroy(&sk->sk_wq);
	call_rcu(&sk->sk_rcu, cs_sk_free_rcu);
}

/* sk_free - the last reference is gone; the memory goes when the last
 * transmitted buffer is freed too (sk_wmem_alloc reaches zero). */
void sk_free(struct sock *sk)
{
	if (atomic_fetch_sub(&sk->sk_wmem_alloc, 1) == 1)
		__sk_free(sk);
}

void sock_hold(struct sock *sk)
{
	atomic_fetch_add(&sk->sk_refcnt, 1);
}

void sock_put(struct sock *sk)
{
	if (atomic_fetch_sub(&sk->sk_refcnt, 1) == 1)
		sk_free(sk);
}

/* sock_def_wakeup - the default sk_state_change: wake every sleeper.
 * Callers hold sk_lock.slock (bh_lock_sock) or own the socket. */
void sock_def_wakeup(struct sock *sk)
{
	pthread_cond_broadcast(&sk->sk_wq);
}

/* sock_def_error_report - the default sk_error_report (POLLERR wake-up). */
void sock_def_error_report(struct sock *sk)
{
	pthread_cond_broadcast(&sk->sk_wq);
}

/* sock_init_data - the generic defaults of a new socket, and the link
 * between the struct socket and its sock. */
void sock_init_data(struct socket *sock, struct sock *sk)
{
	sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_state = TCP_CLOSE;
	sk->sk_state_change = sock_def_wakeup;
	sk->sk_error_report = sock_def_error_report;
	sk->sk_backlog_rcv = sk->sk_prot->backlog_rcv;
	sk->sk_rcvbuf = sock_net(sk)->sysctl.rmem_max;
	sk->sk_sndbuf = sock_net(sk)->sysctl.wmem_max;
	if (sock) {
		sk->sk_type = (u16)sock->type;
		sock->sk = sk;
		sk->sk_socket = sock;
	}
}

void bh_lock_sock(struct sock *sk)
{
	pthread_mutex_lock(&sk->sk_lock.slock);
}

void bh_unlock_sock(struct sock *sk)
{
	pthread_mutex_unlock(&sk->sk_lock.slock);
}

/* lock_sock - take ownership of the socket for process context, sleeping
 * while another process owns it (lock_sock_nested). */
void lock_sock(struct sock *sk)
{
	pthread_mutex_lock(&sk->sk_lock.slock);
	while (sk->sk_lock.owned)
		pthread_cond_wait(&sk->sk_lock.wq, &sk->sk_lock.slock);
	sk->sk_lock.owned = 1;
	pthread_mutex_unlock(&sk->sk_lock.slock);
}

/* __release_sock - run the backlog: segments that softirq queued while we
 * owned the socket.  Called with slock held; drops it around each segment,
 * as the kernel does, so softirq can keep queueing. */
static void __release_sock(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&sk->sk_backlog)) != NULL) {
		pthread_mutex_unlock(&sk->sk_lock.slock);
		cs_trace(sk_backlog_rcv, sk, skb->len);
		sk->sk_backlog_rcv(sk, skb);
		pthread_mutex_lock(&sk->sk_lock.slock);
	}
}

/* release_sock - process the backlog, run deferred work (tcp_release_cb),
 * give ownership up and wake the next owner. */
void release_sock(struct sock *sk)
{
	pthread_mutex_lock(&sk->sk_lock.slock);
	if (sk->sk_backlog.qlen)
		__release_sock(sk);
	if (sk->sk_prot->release_cb) {
		/* connscope: without slock (docs/divergences.md).  A timer that
		 * found the socket still owned meanwhile left its work in
		 * tsq_flags: another round runs it before ownership goes. */
		do {
			pthread_mutex_unlock(&sk->sk_lock.slock);
			sk->sk_prot->release_cb(sk);
			pthread_mutex_lock(&sk->sk_lock.slock);
			if (sk->sk_backlog.qlen)
				__release_sock(sk);
		} while (__atomic_load_n(&tcp_sk(sk)->tsq_flags, __ATOMIC_SEQ_CST));
	}
	sk->sk_lock.owned = 0;
	pthread_cond_signal(&sk->sk_lock.wq);
	pthread_mutex_unlock(&sk->sk_lock.slock);
}

/* sk_add_backlog - queue a segment for the owner; the limit is
 * sk_rcvbuf + sk_sndbuf as in 3.10 (sk_rcvqueues_full).  Caller holds slock. */
int sk_add_backlog(struct sock *sk, struct sk_buff *skb)
{
	unsigned int limit = (unsigned int)(sk->sk_rcvbuf + sk->sk_sndbuf);
	unsigned int queued = 0;

	for (struct sk_buff *p = sk->sk_backlog.next;
	     p != (struct sk_buff *)(void *)&sk->sk_backlog; p = p->next)
		queued += p->truesize;
	if (queued + skb->truesize > limit)
		return -ENOBUFS;
	__skb_queue_tail(&sk->sk_backlog, skb);
	return 0;
}

/* sock_sndtimeo - 0 for a non-blocking call, else the SO_SNDTIMEO value. */
long sock_sndtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sk->sk_sndtimeo;
}

/* sock_intr_errno - ERESTARTSYS when the wait had no timeout (the call
 * may be restarted), else EINTR. */
int sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}

/* sock_error - fetch and clear sk_err, negated. */
int sock_error(struct sock *sk)
{
	int err;

	if (!READ_ONCE(sk->sk_err))	/* unlocked, as in 3.10 */
		return 0;
	err = __atomic_exchange_n(&sk->sk_err, 0, __ATOMIC_SEQ_CST);
	return -err;
}

/* sk_setup_caps - the socket keeps the route; 3.10 also derives GSO and
 * checksum offload capabilities from it (none here: software only). */
void sk_setup_caps(struct sock *sk, struct rtable *rt)
{
	if (sk->sk_dst_cache)
		ip_rt_put(sk->sk_dst_cache);
	sk->sk_dst_cache = rt;
	sk->sk_route_caps = 0;
	cs_trace(sk_setup_caps, sk, rt ? rt->rt_type : 0, rt ? dst_mtu(rt) : 0);
}

/* sk_dst_reset - forget the cached route (re-routed on next transmit). */
void sk_dst_reset(struct sock *sk)
{
	struct rtable *rt = sk->sk_dst_cache;

	sk->sk_dst_cache = NULL;
	if (rt)
		ip_rt_put(rt);
}

/*
 * cs_sk_schedule_timeout - one sleep of inet_wait_for_connect, where 3.10
 * calls schedule_timeout: sleep on sk_wq until woken or until @timeo
 * jiffies of the stack's clock pass.  Caller holds slock (the state test
 * and the sleep are atomic with the waker, so no wake-up is lost).  The
 * stack's clock may be virtual, so the sleep is cut into 10 ms slices of
 * real time and the remaining timeout is recomputed from the stack's
 * jiffies after each.  Returns what is left.
 */
long cs_sk_schedule_timeout(struct sock *sk, long timeo)
{
	struct net *net = sock_net(sk);
	unsigned long start = net_jiffies(net);
	long ms = timeo != MAX_SCHEDULE_TIMEOUT && timeo < 10 ? timeo : 10;
	struct timespec ts;
	long left;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&sk->sk_wq, &sk->sk_lock.slock, &ts);
	if (timeo == MAX_SCHEDULE_TIMEOUT)
		return timeo;
	left = timeo - (long)(net_jiffies(net) - start);
	return left > 0 ? left : 0;
}

/* sock_set_timeout - SO_SNDTIMEO/SO_RCVTIMEO: a timeval to jiffies.
 * EINVAL for a short buffer, EDOM for microseconds out of range; a
 * negative time means 0 (3.10 logs and clamps), 0:0 means forever. */
static int sock_set_timeout(long *timeo_p, const void *optval, unsigned int optlen)
{
	struct timeval tv;

	if (optlen < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, optval, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo_p = 0;
		return 0;
	}
	*timeo_p = MAX_SCHEDULE_TIMEOUT;
	if (tv.tv_sec == 0 && tv.tv_usec == 0)
		return 0;
	if (tv.tv_sec < (long)(MAX_SCHEDULE_TIMEOUT / (long)HZ - 1))
		*timeo_p = tv.tv_sec * (long)HZ +
			   (tv.tv_usec + (long)(1000000 / HZ - 1)) / (long)(1000000 / HZ);
	return 0;
}

#define SOCK_MIN_SNDBUF 4608	/* 2 * SKB_TRUESIZE(256) on x86-64 3.10 */
#define SOCK_MIN_RCVBUF 2304

static inline void sock_valbool_flag(struct sock *sk, int bit, int valbool)
{
	if (valbool)
		sock_set_flag(sk, bit);
	else
		sock_reset_flag(sk, bit);
}

int ip_setsockopt(struct sock *sk, int optname, const void *optval, unsigned int optlen);

/*
 * sock_setsockopt - setsockopt(2) at SOL_SOCKET (net/core/sock.c).  The
 * options connscope does not keep (SO_DEBUG, SO_PRIORITY, ...) give
 * ENOPROTOOPT, as do those 3.10 refuses to set (SO_TYPE, SO_ERROR, ...).
 */
int sock_setsockopt(struct socket *sock, int level, int optname,
		    const void *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val;
	int valbool;
	struct linger ling;
	int ret = 0;

	/* connscope: sys_setsockopt's choice of level (3.10: the protocol's
	 * setsockopt through sock->ops, tcp_setsockopt then ip_setsockopt). */
	if (level == IPPROTO_TCP)
		return tcp_setsockopt(sk, optname, optval, optlen);
	if (level == IPPROTO_IP)
		return ip_setsockopt(sk, optname, optval, optlen);
	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;

	if (optlen < sizeof(int))
		return -EINVAL;

	if (!optval)	/* get_user's fault */
		return -EFAULT;
	memcpy(&val, optval, sizeof(val));

	valbool = val ? 1 : 0;

	lock_sock(sk);

	switch (optname) {
	case SO_REUSEADDR:
		sk->sk_reuse = (valbool ? SK_CAN_REUSE : SK_NO_REUSE);
		break;
	case SO_REUSEPORT:
		sk->sk_reuseport = valbool;
		break;
	case SO_SNDBUF:
		/* Not an error above the maximum: BSD takes the buffer sizes
		 * as hints, so applications need not guess the largest one.
		 * Compared as u32 (min_t): a negative value takes the maximum,
		 * and the doubling wraps rather than overflow an int. */
		val = (int)min((u32)val, (u32)sock_net(sk)->sysctl.wmem_max);
		sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
		sk->sk_sndbuf = (int)max((u32)val * 2, (u32)SOCK_MIN_SNDBUF);
		break;
	case SO_RCVBUF:
		/* The same hint for the receive buffer. */
		val = (int)min((u32)val, (u32)sock_net(sk)->sysctl.rmem_max);
		sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
		sk->sk_rcvbuf = (int)max((u32)val * 2, (u32)SOCK_MIN_RCVBUF);
		break;
	case SO_KEEPALIVE:
		sock_valbool_flag(sk, SOCK_KEEPOPEN, valbool);
		break;
	case SO_LINGER:
		if (optlen < sizeof(ling)) {
			ret = -EINVAL;	/* 1003.1g */
			break;
		}
		memcpy(&ling, optval, sizeof(ling));
		if (!ling.l_onoff) {
			sock_reset_flag(sk, SOCK_LINGER);
		} else {
			sk->sk_lingertime = (unsigned long)ling.l_linger * HZ;
			sock_set_flag(sk, SOCK_LINGER);
		}
		break;
	case SO_RCVTIMEO:
		ret = sock_set_timeout(&sk->sk_rcvtimeo, optval, optlen);
		break;
	case SO_SNDTIMEO:
		ret = sock_set_timeout(&sk->sk_sndtimeo, optval, optlen);
		break;
	default:
		ret = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return ret;
}

/* sock_getsockopt - getsockopt(2) at SOL_SOCKET; copies at most *optlen. */
int sock_getsockopt(struct socket *sock, int level, int optname,
		    void *optval, int *optlen)
{
	struct sock *sk = sock->sk;
	union {
		int val;
		struct linger ling;
		struct timeval tm;
	} v;
	int lv = sizeof(int);
	int len;

	/* connscope: sys_getsockopt's choice of level, as in sock_setsockopt */
	if (level == IPPROTO_TCP)
		return tcp_getsockopt(sk, optname, optval, optlen);
	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;

	len = *optlen;
	if (len < 0)
		return -EINVAL;

	memset(&v, 0, sizeof(v));

	switch (optname) {
	case SO_REUSEADDR:
		v.val = sk->sk_reuse;
		break;
	case SO_REUSEPORT:
		v.val = sk->sk_reuseport;
		break;
	case SO_KEEPALIVE:
		v.val = sock_flag(sk, SOCK_KEEPOPEN);
		break;
	case SO_TYPE:
		v.val = sk->sk_type;
		break;
	case SO_PROTOCOL:
		v.val = sk->sk_protocol;
		break;
	case SO_DOMAIN:
		v.val = sk->sk_family;
		break;
	case SO_ERROR:
		v.val = -sock_error(sk);
		if (v.val == 0)
			v.val = __atomic_exchange_n(&sk->sk_err_soft, 0, __ATOMIC_SEQ_CST);
		break;
	case SO_SNDBUF:
		v.val = sk->sk_sndbuf;
		break;
	case SO_RCVBUF:
		v.val = sk->sk_rcvbuf;
		break;
	case SO_LINGER:
		lv = sizeof(v.ling);
		v.ling.l_onoff = sock_flag(sk, SOCK_LINGER);
		v.ling.l_linger = (int)(sk->sk_lingertime / HZ);
		break;
	case SO_RCVTIMEO:
		lv = sizeof(struct timeval);
		if (sk->sk_rcvtimeo == MAX_SCHEDULE_TIMEOUT) {
			v.tm.tv_sec = 0;
			v.tm.tv_usec = 0;
		} else {
			v.tm.tv_sec = sk->sk_rcvtimeo / HZ;
			v.tm.tv_usec = ((sk->sk_rcvtimeo % HZ) * 1000000) / HZ;
		}
		break;
	case SO_SNDTIMEO:
		lv = sizeof(struct timeval);
		if (sk->sk_sndtimeo == MAX_SCHEDULE_TIMEOUT) {
			v.tm.tv_sec = 0;
			v.tm.tv_usec = 0;
		} else {
			v.tm.tv_sec = sk->sk_sndtimeo / HZ;
			v.tm.tv_usec = ((sk->sk_sndtimeo % HZ) * 1000000) / HZ;
		}
		break;
	default:
		return -ENOPROTOOPT;
	}

	if (len > lv)
		len = lv;
	memcpy(optval, &v, (size_t)len);
	*optlen = len;
	return 0;
}

/* sock_wfree - the write-memory destructor: the buffer leaves the host (or
 * is freed), so its truesize no longer counts against sk_sndbuf. */
void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	if (atomic_fetch_sub(&sk->sk_wmem_alloc, (int)skb->truesize) == (int)skb->truesize)
		__sk_free(sk);
}
