// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_threads.c - many application threads connecting through one stack:
 * 8 threads x 200 connects (half blocking, half non-blocking with poll and
 * SO_ERROR; the tables dumped all along), each closed at once, against an
 * in-test peer on the loop NIC that answers ARP, SYNs and FINs like a
 * kernel listener.  The stack runs its own softirq thread on the real
 * clock.  Afterwards every connect succeeded, the tables are consistent
 * (cs_check_tables), each connection left exactly one TIME-WAIT socket,
 * and freeing the stack leaks no buffer.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"
#include "nic.h"

#define THREADS 8
#define PER_THREAD 200

static uint32_t peer_isn_for(uint16_t sport)
{
	return 0x70000000u + (uint32_t)sport * 7919u;
}

static void peer_arp(struct nic *nic, const uint8_t *req)
{
	uint8_t rep[42];

	memcpy(rep, req + 6, 6);
	memcpy(rep + 6, ts_peer_mac, 6);
	rep[12] = 0x08; rep[13] = 0x06;
	memcpy(rep + 14, req + 14, 6);
	rep[20] = 0; rep[21] = 2;
	memcpy(rep + 22, ts_peer_mac, 6);
	memcpy(rep + 28, req + 38, 4);
	memcpy(rep + 32, req + 22, 10);
	nic_loop_inject(nic, rep, sizeof(rep));
}

/* The peer: a SYN gets a SYN-ACK (MSS 1460, TS, WS 7); a FIN gets FIN+ACK. */
static void peer(struct nic *nic, const void *frame, size_t len, void *arg)
{
	const uint8_t *f = frame, *th = f + RX_TCP;
	uint8_t out[128], opt[40];
	struct rx_seg s = { .window = 29200 };
	uint16_t sport;

	(void)arg;
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 1) {
		peer_arp(nic, f);
		return;
	}
	if (len < RX_TCP + 20 || f[12] != 0x08 || f[13] != 0x00 || f[RX_IP + 9] != 6)
		return;
	sport = rx_get16(th);
	s.dport = sport;
	if (th[13] == 0x02) {
		s.flags = 0x12;
		s.seq = peer_isn_for(sport);
		s.ack = rx_get32(th + 4) + 1;
		s.opt = opt;
		s.optlen = rx_synack_opts(opt, 1460, 1000, rx_get32(th + 28), 7);
	} else if (th[13] & 0x01) {
		s.flags = 0x11;
		s.seq = peer_isn_for(sport) + 1;
		s.ack = rx_get32(th + 4) + 1;
	} else {
		return;
	}
	nic_loop_inject(nic, out, rx_build(&s, out));
}

struct worker {
	struct net *net;
	int nonblock;		/* EINPROGRESS, then cs_poll and SO_ERROR */
	int ok, failed, first_errno;
};

/* A non-blocking connect: EINPROGRESS, poll (tcp_poll reads the state
 * and sk_err without the socket lock, as in 3.10), then SO_ERROR. */
static int connect_nonblock(struct net *net, int fd, const struct sockaddr_in *sin)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int err = -1;
	socklen_t l = sizeof(err);

	if (cs_connect(net, fd, (const struct sockaddr *)sin, sizeof(*sin)) == 0)
		return 0;
	if (errno != EINPROGRESS || cs_poll(net, &p, 1, 5000) != 1)
		return -1;
	if (cs_getsockopt(net, fd, SOL_SOCKET, SO_ERROR, &err, &l) < 0 || err) {
		errno = err;
		return -1;
	}
	return 0;
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	struct sockaddr_in sin = ts_sin(TS_PEER, RX_PEER_PORT);

	for (int i = 0; i < PER_THREAD; i++) {
		int fd = cs_socket(w->net, AF_INET, SOCK_STREAM | (w->nonblock ? SOCK_NONBLOCK : 0), 0);

		if (fd >= 0 && (w->nonblock ? connect_nonblock(w->net, fd, &sin) :
			cs_connect(w->net, fd, (struct sockaddr *)&sin, sizeof(sin))) == 0) {
			w->ok++;
		} else {
			if (!w->failed++)
				w->first_errno = errno;
		}
		if (fd >= 0)
			cs_close(w->net, fd);
	}
	return NULL;
}

/* cs_dump_tables over and over while the workers run: it walks the tables
 * under their locks and reads each socket's state, which tcp_set_state
 * writes under the socket lock. */
static atomic_int dumping;

static void *dumper_fn(void *arg)
{
	FILE *null = fopen("/dev/null", "w");
	int n = 0;

	while (null && atomic_load(&dumping)) {
		cs_dump_tables(arg, null);
		n++;
	}
	if (null)
		fclose(null);
	return (void *)(intptr_t)n;
}

/* Wait (real time, bounded) until no full socket is left in the ehash:
 * every orphan has reached TIME-WAIT. */
static int settle(struct net *net)
{
	struct inet_hashinfo *h = &net->tcp_hashinfo;

	for (int tries = 0; tries < 500; tries++) {
		int busy = 0;

		for (unsigned int i = 0; i <= h->ehash_mask && !busy; i++) {
			pthread_mutex_lock(inet_ehash_lockp(h, i));
			busy = h->ehash[i].chain.first != NULL;
			pthread_mutex_unlock(inet_ehash_lockp(h, i));
		}
		if (!busy)
			return 0;
		struct timespec t = { 0, 10000000 };
		nanosleep(&t, NULL);
	}
	return -1;
}

static void test_many_threads(void)
{
	static const char *const sysctls[] = { "connscope.fixed_secrets=1",
					       "connscope.thash_entries=4096", NULL };
	struct cs_net_config cfg = { .prefixlen = 24, .sysctls = sysctls };
	struct nic *nic = nic_loop_new("loop0", ts_mac, 1500);
	struct worker w[THREADS];
	pthread_t th[THREADS], dumper;
	void *dumps = NULL;
	long live_before = cs_skb_live_count();
	char msg[256];
	uint64_t v = 0;
	int ok = 0;
	struct net *net;

	inet_pton(AF_INET, TS_ADDR, &cfg.addr);
	nic_loop_set_responder(nic, peer, NULL);
	net = cs_net_new(nic, &cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	STEP("%d threads x %d connects, half of them non-blocking", THREADS, PER_THREAD);
	atomic_store(&dumping, 1);
	pthread_create(&dumper, NULL, dumper_fn, net);
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ .net = net, .nonblock = i & 1 };
		pthread_create(&th[i], NULL, worker_fn, &w[i]);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		ok += w[i].ok;
		if (w[i].failed)
			fprintf(stderr, "thread %d: %d failed, first errno %d\n", i, w[i].failed,
				w[i].first_errno);
	}
	atomic_store(&dumping, 0);
	pthread_join(dumper, &dumps);
	EXPECT((intptr_t)dumps > 0);
	EXPECT_EQ(ok, THREADS * PER_THREAD);
	STEP("every orphan reaches TIME-WAIT");
	EXPECT_EQ(settle(net), 0);
	EXPECT_EQ(cs_check_tables(net, msg, sizeof(msg)), 0);
	fprintf(stderr, "  %s\n", msg);
	snprintf(msg + 128, 64, "0 sockets, %d TIME-WAIT", THREADS * PER_THREAD);
	EXPECT(strstr(msg, msg + 128) == msg);
	EXPECT_EQ(cs_mib_get(net, "ActiveOpens", &v), 0);
	EXPECT_EQ(v, THREADS * PER_THREAD);
	EXPECT_EQ(cs_mib_get(net, "CurrEstab", &v), 0);
	EXPECT_EQ(v, 0);
	cs_net_free(net);
	EXPECT_EQ(cs_skb_live_count(), live_before);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("threads", NULL, NULL);

	CU_add_test(s, "8 threads x 200 connects (4 non-blocking), tables consistent",
		    test_many_threads);
}
