// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_dot_connects.c - a few connects on the loop NIC for the diagram
 * test (tests/trace/dot_views.sh): the stack at 10.77.0.1 talks to an
 * in-process peer at 10.77.0.2 that answers ARP, accepts SYNs to port 80
 * (SYN-ACK), refuses port 81 (RST) and answers a FIN with FIN-ACK.
 *
 *   1. a listener on 0.0.0.0:8080                 (listening hash, bhash)
 *   2. bind 10.77.0.1:5000 + connect :80           -> ESTABLISHED
 *   3. two connects to :80 (ephemeral ports)       -> ESTABLISHED
 *   4. a connect to :81                            -> ECONNREFUSED
 *   5. close the first ephemeral one               -> TIME-WAIT
 *
 * With -n N (bench/dot_bench.sh), N more connect + close cycles follow.
 * Then writes the stack's tables (cs_dump_tables) to DUMP_FILE and exits
 * without tearing the stack down, so the trace ends in that state.
 *
 *   trace_dot_connects [-n N] DUMP_FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "nic.h"

static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };

static uint16_t csum(const uint8_t *p, size_t len, uint32_t sum)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)(p[len - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Answer the TCP segment @req (from the stack) with @flags. */
static void reply_tcp(struct nic *nic, const uint8_t *req, uint8_t flags, uint32_t seq,
		      uint32_t ack)
{
	const uint8_t *ip = req + 14, *th = ip + (ip[0] & 15) * 4;
	int syn = flags & 0x02;
	size_t tl = syn ? 24 : 20;
	uint8_t f[14 + 20 + 24] = { 0 }, *rip = f + 14, *rth = rip + 20, ph[12];

	memcpy(f, req + 6, 6);
	memcpy(f + 6, peer_mac, 6);
	f[12] = 0x08;
	rip[0] = 0x45;
	put16(rip + 2, (uint32_t)(20 + tl));
	put16(rip + 6, 0x4000);
	rip[8] = 64;
	rip[9] = 6;
	memcpy(rip + 12, ip + 16, 4);
	memcpy(rip + 16, ip + 12, 4);
	put16(rip + 10, csum(rip, 20, 0));
	memcpy(rth, th + 2, 2);
	memcpy(rth + 2, th, 2);
	put32(rth + 4, seq);
	put32(rth + 8, ack);
	rth[12] = (uint8_t)((tl / 4) << 4);
	rth[13] = flags;
	put16(rth + 14, 65535);
	if (syn) {		/* MSS 1460 */
		rth[20] = 2; rth[21] = 4; put16(rth + 22, 1460);
	}
	memcpy(ph, rip + 12, 8);
	ph[8] = 0; ph[9] = 6;
	put16(ph + 10, (uint32_t)tl);
	put16(rth + 16, csum(rth, tl, (uint32_t)(0xffff & ~csum(ph, 12, 0))));
	nic_loop_inject(nic, f, 14 + 20 + tl);
}

static void reply_arp(struct nic *nic, const uint8_t *req)
{
	uint8_t rep[42];

	memcpy(rep, req + 6, 6);
	memcpy(rep + 6, peer_mac, 6);
	rep[12] = 0x08; rep[13] = 0x06;
	memcpy(rep + 14, req + 14, 6);
	rep[20] = 0; rep[21] = 2;
	memcpy(rep + 22, peer_mac, 6);
	memcpy(rep + 28, req + 38, 4);
	memcpy(rep + 32, req + 22, 10);
	nic_loop_inject(nic, rep, sizeof(rep));
}

/* The peer: its ISN for a connection is 1000000 + the stack's port. */
static void peer(struct nic *nic, const void *frame, size_t len, void *arg)
{
	const uint8_t *f = frame, *th;
	uint32_t seq, isn;
	uint16_t sport, dport;

	(void)arg;
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 1) {
		reply_arp(nic, f);
		return;
	}
	if (len < 54 || f[12] != 0x08 || f[13] != 0x00 || f[23] != 6)
		return;
	th = f + 14 + (f[14] & 15) * 4;
	sport = (uint16_t)(th[0] << 8 | th[1]);
	dport = (uint16_t)(th[2] << 8 | th[3]);
	seq = get32(th + 4);
	isn = 1000000u + sport;
	if (th[13] == 0x02 && dport == 80)
		reply_tcp(nic, f, 0x12, isn, seq + 1);		/* SYN-ACK */
	else if (th[13] == 0x02)
		reply_tcp(nic, f, 0x14, 0, seq + 1);		/* RST-ACK: refused */
	else if (th[13] & 0x01)
		reply_tcp(nic, f, 0x11, isn + 1, seq + 1);	/* FIN-ACK */
}

static void settle(struct net *net, struct nic *nic)
{
	uint8_t buf[2048];

	for (int i = 0; i < 20; i++)
		cs_net_poll(net);
	while (nic_loop_take(nic, buf, sizeof(buf)))
		;
}

/* A non-blocking connect to 10.77.0.2:@port; returns SO_ERROR after it settled. */
static int connect_to(struct net *net, struct nic *nic, int fd, uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	socklen_t len = sizeof(int);
	int err = 0;

	inet_pton(AF_INET, "10.77.0.2", &sin.sin_addr);
	if (cs_connect(net, fd, (struct sockaddr *)&sin, sizeof(sin)) && errno != EINPROGRESS)
		return errno;
	settle(net, nic);
	cs_getsockopt(net, fd, SOL_SOCKET, SO_ERROR, &err, &len);
	return err;
}

static int sock_bound(struct net *net, const char *addr, uint16_t port, int reuse)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	inet_pton(AF_INET, addr, &sin.sin_addr);
	if (fd < 0 || (reuse && cs_setsockopt(net, fd, SOL_SOCKET, SO_REUSEADDR, &reuse,
					      sizeof(reuse))) ||
	    cs_bind(net, fd, (struct sockaddr *)&sin, sizeof(sin)))
		return -1;
	return fd;
}

/* N connects to :80, each closed once established (bench load). */
static int cycles(struct net *net, struct nic *nic, long n)
{
	for (long i = 0; i < n; i++) {
		int fd = cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

		if (fd < 0 || connect_to(net, nic, fd, 80) != 0)
			return -1;
		cs_close(net, fd);
		settle(net, nic);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const sysctls[] = { "connscope.fixed_secrets=1", NULL };
	struct cs_net_config cfg = { .prefixlen = 24, .no_softirq_thread = 1, .sysctls = sysctls };
	struct nic *nic = nic_loop_new("loop0", mac, 1500);
	struct net *net;
	int l, b, c1, c2, c3, bad = 0;
	const char *path = argv[argc - 1];
	long n = 0;
	FILE *dump;

	if (argc == 4 && strcmp(argv[1], "-n") == 0)
		n = strtol(argv[2], NULL, 10);
	if ((argc != 2 && argc != 4) || n < 0) {
		fprintf(stderr, "usage: trace_dot_connects [-n N] DUMP_FILE\n");
		return 2;
	}
	inet_pton(AF_INET, "10.77.0.1", &cfg.addr);
	nic_loop_set_responder(nic, peer, NULL);
	net = cs_net_new(nic, &cfg);
	if (!net) {
		perror("cs_net_new");
		return 1;
	}
	l = sock_bound(net, "0.0.0.0", 8080, 0);
	bad |= l < 0 || cs_listen(net, l, 16);
	b = sock_bound(net, "10.77.0.1", 5000, 1);
	bad |= b < 0 || connect_to(net, nic, b, 80) != 0;
	c1 = cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	bad |= connect_to(net, nic, c1, 80) != 0;
	c2 = cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	bad |= connect_to(net, nic, c2, 80) != 0;
	c3 = cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	bad |= connect_to(net, nic, c3, 81) != ECONNREFUSED;
	cs_close(net, c1);
	settle(net, nic);
	bad |= cycles(net, nic, n);
	dump = fopen(path, "w");
	if (!dump || cs_dump_tables(net, dump) || fclose(dump)) {
		perror(path);
		return 1;
	}
	if (bad) {
		fprintf(stderr, "trace_dot_connects: a step did not end as expected\n");
		return 1;
	}
	return 0;
}
