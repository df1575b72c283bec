// SPDX-License-Identifier: GPL-2.0-only
/*
 * net_namespace.c - creating and destroying a stack (struct net), the
 * user-space stand-in for a network namespace plus the boot-time set-up of
 * net/ipv4 (tcp_init, inet_init): tables, secrets, routes, neighbours, the
 * timer base and the softirq thread.
 */
#include <errno.h>
#include <sched.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "net.h"
#include "clock.h"
#include "nic.h"
#include "tcp.h"
#include "rcupdate.h"
#include "trace.h"
#include "softirq.h"

void cs_close_all(struct net *net);

/* How long the softirq thread steps aside while a thread busy-polls. */
#define BUSY_POLL_YIELD_NS 200000L

/* The softirq thread (ksoftirqd): NET_RX (frames from the NIC) and the
 * timer softirq, one pass at a time under softirq_lock, as one CPU would
 * run them.  SCHED_BATCH: the kernel wakes it from the sender's send(2)
 * when a veth peer answers at once, and a woken thread that preempted the
 * sender would take the frame out of the hands of the thread about to
 * process it (inet_wait_for_connect's sk_busy_loop), at the price of a
 * hand-off (p50 13 -> 7 us measured on a prototype).  While a thread
 * busy-polls, it leaves the NIC to that thread. */
static void *cs_softirq_thread(void *arg)
{
	struct net *net = arg;
	struct sched_param sp = { .sched_priority = 0 };

	pthread_setschedparam(pthread_self(), SCHED_BATCH, &sp);

	while (!atomic_load(&net->stopping)) {
		unsigned long now = net_jiffies(net);
		unsigned long d = get_next_timer_interrupt(net, now) - now;
		int wait_ms = d < 100 ? (int)d : 100;

		if (atomic_load(&net->busy_poll)) {
			/* a connecting thread polls the NIC (sk_busy_loop) */
			struct timespec d = { 0, BUSY_POLL_YIELD_NS };

			nanosleep(&d, NULL);
			continue;
		}
		if (wait_ms)
			net->nic->ops->wait(net->nic, wait_ms);
		/* the frame that woke us may be the one a thread that began
		 * to busy-poll meanwhile is about to take: leave it to it
		 * rather than queue on the softirq role */
		if (atomic_load(&net->busy_poll))
			continue;
		cs_net_poll(net);
	}
	return NULL;
}

/* cs_net_poll - take the softirq role (waiting for it) and run softirq
 * passes until one finds nothing to receive (__do_softirq). */
int cs_net_poll(struct net *net)
{
	int n, total = 0;

	pthread_mutex_lock(&net->softirq_lock);
	while ((n = __do_softirq(net)) > 0)
		total += n;
	pthread_mutex_unlock(&net->softirq_lock);
	return total;
}

/*
 * setup_net - the per-namespace set-up of each subsystem, in the order of
 * 3.10's pernet list, with the boot-time tables of tcp_init and inet_init
 * that a stack of its own needs too.  3.10 undoes the steps that ran when
 * one fails; here the caller frees the whole stack (cs_net_free copes with
 * a half-made one).  The config is given here, where 3.10 has ip(8) and
 * sysctl(8) configure the namespace once it exists.
 */
static int setup_net(struct net *net, struct nic *nic,
		     const struct cs_net_config *cfg)
{
	const char *name = cfg->ifname ? cfg->ifname : nic->name;
	bool tw_buckets_set = false;
	const char *const *kv;
	int error;

	pthread_mutex_init(&net->timer_lock, NULL);
	pthread_mutex_init(&net->fd_lock, NULL);
	pthread_mutex_init(&net->softirq_lock, NULL);
	pthread_mutex_init(&net->icmp_sk_lock, NULL);
	pthread_mutex_init(&net->tcp_death_row.death_lock, NULL);
	loopback_net_init(net);
	inet_peer_base_init(net);		/* ipv4_inetpeer_init */
	cs_sysctl_defaults(&net->sysctl);	/* ipv4_sysctl_init_net */
	net->clock = cfg->clock ? cfg->clock : cs_clock_real();

	/* the device the stack owns, from its NIC (register_netdevice) */
	snprintf(net->dev.name, sizeof(net->dev.name), "%s", name);
	net->dev.ifindex = nic->ifindex ? nic->ifindex : 2;
	memcpy(net->dev.dev_addr, nic->mac, 6);
	net->dev.mtu = nic->mtu ? nic->mtu : 1500;
	net->dev.up = true;
	net->nic = nic;
	net->addr = cfg->addr.s_addr;
	net->prefixlen = cfg->prefixlen;

	/* the config's sysctl writes, as `sysctl -w` would make them */
	for (kv = cfg->sysctls; kv && *kv; kv++) {
		size_t n = strlen("net.ipv4.tcp_max_tw_buckets");

		if (cs_sysctl_set_kv(net, *kv) < 0)
			return -errno;
		if (!strncmp(*kv, "net.ipv4.tcp_max_tw_buckets", n) && (*kv)[n] == '=')
			tw_buckets_set = true;
	}
	error = alloc_fdtable(net, net->sysctl.nofile);
	if (error)
		return error;

	/* tcp_init: the tables and the death row; max_tw_buckets follows the
	 * ehash size unless it was set */
	error = inet_hashinfo_init(net, &net->tcp_hashinfo, net->sysctl.thash_entries);
	if (error)
		return error;
	if (!tw_buckets_set)
		net->sysctl.tcp_max_tw_buckets = (int)(net->tcp_hashinfo.ehash_mask + 1) / 2;
	net->tcp_death_row.hashinfo = &net->tcp_hashinfo;
	net->tcp_death_row.sysctl_max_tw_buckets = net->sysctl.tcp_max_tw_buckets;
	net->tcp_death_row.sysctl_tw_recycle = net->sysctl.tcp_tw_recycle;
	/* ip_fib_net_init, then arp_init's neighbour table */
	error = cs_fib_table_init(net, cfg->addr.s_addr, cfg->prefixlen, cfg->gateway.s_addr);
	if (error)
		return error;
	return neigh_table_init(net, &net->arp_tbl);
}

/*
 * cs_net_new - mirrors copy_net_ns: allocate the namespace (net_alloc), set
 * it up, and drop it if that fails.  Then the softirq thread starts, which
 * 3.10 has running already.
 */
struct net *cs_net_new(struct nic *nic, const struct cs_net_config *cfg)
{
	struct net *net;
	int rv;

	if (!nic || !cfg || cfg->prefixlen > 32 || cfg->addr.s_addr == 0) {
		errno = EINVAL;
		return NULL;
	}
	net = calloc(1, sizeof(*net));
	if (!net) {
		errno = ENOMEM;
		return NULL;
	}
	rv = setup_net(net, nic, cfg);
	if (rv < 0) {
		net->nic = NULL;	/* the caller keeps the NIC on failure */
		cs_net_free(net);
		errno = -rv;
		return NULL;
	}
	cs_trace(net_init, net->dev.name, net->addr, net->prefixlen,
		 net->tcp_hashinfo.ehash_mask + 1, net->tcp_hashinfo.bhash_size);
	if (!cfg->no_softirq_thread) {
		if (pthread_create(&net->softirq, NULL, cs_softirq_thread, net) == 0)
			net->softirq_running = true;
	}
	/* The state dump: a trace that starts here holds the table sizes. */
	cs_statedump(net);
	return net;
}

/*
 * cs_net_purge_orphans - once every descriptor is closed, the sockets still
 * in the ehash are orphans finishing a close (FIN_WAIT1, CLOSING, LAST_ACK)
 * or a handshake: take the first full socket of the first chain that has
 * one, reset the peer and end it with tcp_done, until none is left, so the stack leaves nothing behind,
 * here or at the peer.  3.10 never destroys a namespace with such sockets
 * in it; this is our exit.
 */
static void cs_net_purge_orphans(struct net *net)
{
	struct inet_hashinfo *h = &net->tcp_hashinfo;
	unsigned int i = 0;

	while (h->ehash && i <= h->ehash_mask) {
		pthread_mutex_t *lock = inet_ehash_lockp(h, i);
		struct sock *sk = NULL;

		pthread_mutex_lock(lock);
		if (h->ehash[i].chain.first) {
			sk = container_of(h->ehash[i].chain.first, struct sock, sk_node);
			sock_hold(sk);
		}
		pthread_mutex_unlock(lock);
		if (!sk) {
			i++;
			continue;
		}
		bh_lock_sock(sk);
		/* The peer still holds this connection: tell it, so that a
		 * later stack reusing the 4-tuple finds nothing there. */
		if ((1 << sk->sk_state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT | TCPF_FIN_WAIT1 |
					   TCPF_FIN_WAIT2 | TCPF_SYN_RECV | TCPF_CLOSING |
					   TCPF_LAST_ACK))
			tcp_send_active_reset(sk);
		tcp_done(sk);
		bh_unlock_sock(sk);
		sock_put(sk);
		i = 0;			/* and look again from the first chain */
	}
}

/* cs_net_free - the process exits and its namespace goes: as exit_files
 * closes the descriptors while softirq still runs (a close's FIN is
 * answered), then, mirroring cleanup_net, the softirq stops and the
 * tables are freed. */
void cs_net_free(struct net *net)
{
	if (!net)
		return;
	cs_trace(net_exit, net->dev.name);
	cs_close_all(net);
	if (net->softirq_running) {
		atomic_store(&net->stopping, true);
		net->nic->ops->wake(net->nic);
		pthread_join(net->softirq, NULL);
		net->softirq_running = false;
	}
	free_fdtable(net);
	cs_net_purge_orphans(net);
	loopback_net_exit(net);
	cs_inet_hashinfo_destroy(&net->tcp_hashinfo);
	neigh_table_clear(&net->arp_tbl);
	cs_inet_peer_base_free(net);
	rcu_barrier();	/* the socks waiting for a grace period are freed */
	kfree_skb(net->rx_spare);
	if (net->nic)
		nic_destroy(net->nic);
	cs_sysctl_free(&net->sysctl);
	free(net);
}
