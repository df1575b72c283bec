// SPDX-License-Identifier: GPL-2.0-only
/*
 * inet_connection_sock.c - bind()'s port allocator and its conflict rules,
 * the local port range, and the retransmit / delayed-ACK timer helpers of
 * connection sockets (net/ipv4/inet_connection_sock.c and the inlines of
 * include/net/inet_connection_sock.h, Linux 3.10).
 */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/random.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* sk_reuse value only the kernel itself sets: bind regardless. */
#define SK_FORCE_REUSE 2

/*
 * inet_get_local_port_range - net.ipv4.ip_local_port_range, [low, high].
 * 3.10 reads the global pair under a seqlock; each connscope stack has its
 * own copy in net->sysctl.
 */
void inet_get_local_port_range(struct net *net, int *low, int *high)
{
	*low = net->sysctl.ip_local_port_range[0];
	*high = net->sysctl.ip_local_port_range[1];
}

/* inet_is_reserved_local_port - is @port set in ip_local_reserved_ports? */
int inet_is_reserved_local_port(struct net *net, int port)
{
	const unsigned long *bits = net->sysctl.ip_local_reserved_ports;
	const unsigned int bpl = sizeof(unsigned long) * CHAR_BIT;

	if (!bits || port < 0 || port > 65535)
		return 0;
	return (int)((bits[(unsigned int)port / bpl] >> ((unsigned int)port % bpl)) & 1UL);
}

/* sock_i_uid - the owner of the socket's file.  Every connscope socket
 * belongs to this process, so its effective uid. */
static unsigned int sock_i_uid(const struct sock *sk)
{
	(void)sk;
	return (unsigned int)geteuid();
}

/* net_random - 3.10's prandom_u32: a random number, not a secret one. */
static u32 net_random(void)
{
	u32 v;

	if (getrandom(&v, sizeof(v), 0) != (ssize_t)sizeof(v))
		v = (u32)random();
	return v;
}

/*
 * inet_csk_bind_conflict - does an owner of @tb forbid @sk the port?  An
 * owner on another device never does.  Otherwise it conflicts on an
 * overlapping address unless both set SO_REUSEADDR and it is not
 * listening, or both set SO_REUSEPORT and it is in TIME-WAIT or has our
 * uid.  Without @relax, two SO_REUSEADDR sockets (the other not listening)
 * on an overlapping address also conflict.  Caller holds the bhash lock.
 */
int inet_csk_bind_conflict(const struct sock *sk, const struct inet_bind_bucket *tb,
			   bool relax)
{
	struct hlist_node *node;
	struct sock_common *sk2 = NULL;
	int reuse = sk->sk_reuse;
	int reuseport = sk->sk_reuseport;
	unsigned int uid = sock_i_uid(sk);

	/* All owners of @tb live in @sk's net: no net check (as in 3.10).
	 * 3.10 also skips IPv6-only owners: there are none here. */
	hlist_for_each(node, &tb->owners) {
		sk2 = container_of(node, struct sock_common, skc_bind_node);
		if (sk2 != &sk->__sk_common &&
		    (!sk->sk_bound_dev_if || !sk2->skc_bound_dev_if ||
		     sk->sk_bound_dev_if == sk2->skc_bound_dev_if)) {
			if ((!reuse || !sk2->skc_reuse || sk2->skc_state == TCP_LISTEN) &&
			    (!reuseport || !sk2->skc_reuseport ||
			     (sk2->skc_state != TCP_TIME_WAIT &&
			      uid != sock_i_uid((const struct sock *)(const void *)sk2)))) {
				const __be32 sk2_rcv_saddr = sk2->skc_rcv_saddr;

				if (!sk2_rcv_saddr || !sk->sk_rcv_saddr ||
				    sk2_rcv_saddr == sk->sk_rcv_saddr)
					break;
			}
			if (!relax && reuse && sk2->skc_reuse &&
			    sk2->skc_state != TCP_LISTEN) {
				const __be32 sk2_rcv_saddr = sk2->skc_rcv_saddr;

				if (!sk2_rcv_saddr || !sk->sk_rcv_saddr ||
				    sk2_rcv_saddr == sk->sk_rcv_saddr)
					break;
			}
		}
	}
	if (!node)
		sk2 = NULL;
	cs_trace(inet_csk_bind_conflict, sk, tb->port, relax, sk2 ? sk2->skc_id : 0,
		 sk2 != NULL);
	return sk2 != NULL;
}

/*
 * inet_csk_get_port - tcp_prot.get_port: give @sk local port @snum, or,
 * when 0, search the range from a random rover: a free port ends the
 * search, so does a used one @sk may share; fast-reuse buckets are
 * remembered by fewest owners and, when the range is exhausted, the least
 * shared is taken (again:, at most five more times if the strict conflict
 * test then refuses it).  Returns 0, or 1 when the port is in use
 * (inet_bind turns that into EADDRINUSE).  Takes the bhash lock of the
 * port.
 */
int inet_csk_get_port(struct sock *sk, unsigned short snum)
{
	struct inet_hashinfo *hashinfo = &sock_net(sk)->tcp_hashinfo;
	struct inet_bind_hashbucket *head;
	struct inet_bind_bucket *tb;
	int ret, attempts = 5;
	struct net *net = sock_net(sk);
	int smallest_size = -1, smallest_rover;
	unsigned int uid = sock_i_uid(sk);

	cs_trace(inet_csk_get_port, sk, snum);
	if (!snum) {
		int remaining, rover, low, high;

again:
		inet_get_local_port_range(net, &low, &high);
		remaining = (high - low) + 1;
		smallest_rover = rover = (int)(net_random() % (u32)remaining) + low;

		smallest_size = -1;
		do {
			if (inet_is_reserved_local_port(net, rover)) {
				cs_trace(inet_csk_get_port_probe, sk, rover,
					 inet_bhashfn(net, (u16)rover, hashinfo->bhash_size),
					 GPV_RESERVED);
				goto next_nolock;
			}
			head = &hashinfo->bhash[inet_bhashfn(net, (u16)rover,
							    hashinfo->bhash_size)];
			pthread_mutex_lock(&head->lock);
			inet_bind_bucket_for_each(tb, &head->chain)
				if (ib_net(tb) == net && tb->port == rover) {
					if (((tb->fastreuse > 0 &&
					      sk->sk_reuse &&
					      sk->sk_state != TCP_LISTEN) ||
					     (tb->fastreuseport > 0 &&
					      sk->sk_reuseport &&
					      tb->fastuid == uid)) &&
					    (tb->num_owners < smallest_size || smallest_size == -1)) {
						smallest_size = tb->num_owners;
						smallest_rover = rover;
						if (atomic_load(&hashinfo->bsockets) > (high - low) + 1 &&
						    !inet_csk_bind_conflict(sk, tb, false)) {
							cs_trace(inet_csk_get_port_probe, sk, rover,
								 head - hashinfo->bhash, GPV_SMALLEST);
							snum = (unsigned short)smallest_rover;
							goto tb_found;
						}
					}
					if (!inet_csk_bind_conflict(sk, tb, false)) {
						cs_trace(inet_csk_get_port_probe, sk, rover,
							 head - hashinfo->bhash, GPV_SHARE);
						snum = (unsigned short)rover;
						goto tb_found;
					}
					goto next;
				}
			cs_trace(inet_csk_get_port_probe, sk, rover, head - hashinfo->bhash,
				 GPV_FREE);
			break;
		next:
			/* Only a bucket that conflicts comes here. */
			cs_trace(inet_csk_get_port_probe, sk, rover, head - hashinfo->bhash,
				 GPV_CONFLICT);
			pthread_mutex_unlock(&head->lock);
		next_nolock:
			if (++rover > high)
				rover = low;
		} while (--remaining > 0);

		/* The range is exhausted only when the loop ran out, never
		 * after the 'break': then no bucket lock is held here. */
		ret = 1;
		if (remaining <= 0) {
			if (smallest_size != -1) {
				snum = (unsigned short)smallest_rover;
				goto have_snum;
			}
			goto fail;
		}
		/* The port to use: head is set and its lock is held. */
		snum = (unsigned short)rover;
	} else {
have_snum:
		head = &hashinfo->bhash[inet_bhashfn(net, snum, hashinfo->bhash_size)];
		pthread_mutex_lock(&head->lock);
		inet_bind_bucket_for_each(tb, &head->chain)
			if (ib_net(tb) == net && tb->port == snum)
				goto tb_found;
	}
	tb = NULL;
	goto tb_not_found;
tb_found:
	if (!hlist_empty(&tb->owners)) {
		if (sk->sk_reuse == SK_FORCE_REUSE)
			goto success;

		if (((tb->fastreuse > 0 &&
		      sk->sk_reuse && sk->sk_state != TCP_LISTEN) ||
		     (tb->fastreuseport > 0 &&
		      sk->sk_reuseport && tb->fastuid == uid)) &&
		    smallest_size == -1) {
			goto success;
		} else {
			ret = 1;
			if (inet_csk_bind_conflict(sk, tb, true)) {
				if (((sk->sk_reuse && sk->sk_state != TCP_LISTEN) ||
				     (tb->fastreuseport > 0 &&
				      sk->sk_reuseport && tb->fastuid == uid)) &&
				    smallest_size != -1 && --attempts >= 0) {
					pthread_mutex_unlock(&head->lock);
					goto again;
				}

				goto fail_unlock;
			}
		}
	}
tb_not_found:
	ret = 1;
	if (!tb && (tb = inet_bind_bucket_create(net, head, snum)) == NULL)
		goto fail_unlock;
	if (hlist_empty(&tb->owners)) {
		if (sk->sk_reuse && sk->sk_state != TCP_LISTEN)
			tb->fastreuse = 1;
		else
			tb->fastreuse = 0;
		if (sk->sk_reuseport) {
			tb->fastreuseport = 1;
			tb->fastuid = uid;
		} else {
			tb->fastreuseport = 0;
		}
	} else {
		if (tb->fastreuse &&
		    (!sk->sk_reuse || sk->sk_state == TCP_LISTEN))
			tb->fastreuse = 0;
		if (tb->fastreuseport &&
		    (!sk->sk_reuseport || tb->fastuid != uid))
			tb->fastreuseport = 0;
	}
success:
	if (!inet_csk(sk)->icsk_bind_hash)
		inet_bind_hash(sk, tb, snum);
	ret = 0;

fail_unlock:
	pthread_mutex_unlock(&head->lock);
fail:
	cs_trace(inet_csk_get_port_ret, sk, ret, snum, ret ? NULL : tb);
	return ret;
}

/*
 * inet_csk_clear_xmit_timer - forget a pending ICSK_TIME_* event.  As in
 * 3.10 (without INET_CSK_CLEAR_TIMERS) the timer itself stays armed and
 * its handler finds nothing pending.
 */
void inet_csk_clear_xmit_timer(struct sock *sk, int what)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0) {
		icsk->icsk_pending = 0;
	} else if (what == ICSK_TIME_DACK) {
		icsk->icsk_ack.blocked = 0;
		icsk->icsk_ack.pending = 0;
	}
	cs_trace(inet_csk_clear_xmit_timer, sk, what);
}

/*
 * inet_csk_reset_xmit_timer - arm the retransmit timer (RETRANS, PROBE0) or
 * the delayed-ACK timer (DACK) @when jiffies from now, at most @max_when.
 * Caller owns the socket or holds its bh lock.
 */
void inet_csk_reset_xmit_timer(struct sock *sk, int what, unsigned long when,
			       unsigned long max_when)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (when > max_when)
		when = max_when;

	if (what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0) {
		icsk->icsk_pending = (u8)what;
		icsk->icsk_timeout = net_jiffies(sock_net(sk)) + when;
		mod_timer(&icsk->icsk_retransmit_timer, icsk->icsk_timeout);
	} else if (what == ICSK_TIME_DACK) {
		icsk->icsk_ack.pending |= ICSK_ACK_TIMER;
		icsk->icsk_ack.timeout = net_jiffies(sock_net(sk)) + when;
		mod_timer(&icsk->icsk_delack_timer, icsk->icsk_ack.timeout);
	}
	/* trace: the expiry is read back from the field just armed */
	cs_trace(inet_csk_reset_xmit_timer, sk, what, when, max_when);
}
