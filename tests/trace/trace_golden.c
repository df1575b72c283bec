// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_golden.c - a fixed set of connects on the loop NIC, with fixed
 * secrets and a virtual clock, for the golden test (tests/trace/golden.sh):
 * every run gives the same ports, ISNs, hashes, slots and probe verdicts,
 * and the same bytes on the wire.  The stack at 10.77.0.1 (port range
 * 40000-40003, tcp_tw_reuse=1, tcp_syn_retries=1) talks to an in-process
 * peer at 10.77.0.2 that answers ARP, accepts SYNs to :80 (SYN-ACK with
 * MSS and timestamps), refuses :81 (RST), ignores :82 and answers a FIN
 * with FIN-ACK.
 *
 *   1. bind 10.77.0.1:40001 and connect it to :80  (a bind()-owned port)
 *   2. three connects to :80                        (the three other ports)
 *   3. a fourth connect to :80                      -> EADDRNOTAVAIL
 *   4. the same socket to :81                       -> ECONNREFUSED (RST)
 *   5. close the first ephemeral one                -> TIME-WAIT
 *   6. 2 s later a connect to :80                   (the TIME-WAIT recycled)
 *   7. a connect to :82                             -> ETIMEDOUT
 *
 * Prints each frame the stack sends ("tx" + hex), each connect's result
 * (port, ISN, error) and, at the end, the tables (cs_dump_tables).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "clock.h"
#include "nic.h"

static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static struct cs_clock *clk;

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

/* The timestamp value the stack sent in @th (0 if none). */
static uint32_t tsval_of(const uint8_t *th)
{
	size_t hl = (size_t)(th[12] >> 4) * 4;

	for (size_t i = 20; i + 1 < hl;) {
		if (th[i] == 0)
			break;
		if (th[i] == 1) {
			i++;
			continue;
		}
		if (th[i] == 8 && i + 10 <= hl)
			return get32(th + i + 2);
		i += th[i + 1] ? th[i + 1] : 1;
	}
	return 0;
}

/* Answer the TCP segment @req (from the stack) with @flags, MSS 1460 on a
 * SYN, and a timestamp echoing the stack's. */
static void reply_tcp(struct nic *nic, const uint8_t *req, uint8_t flags, uint32_t seq,
		      uint32_t ack)
{
	const uint8_t *ip = req + 14, *th = ip + (ip[0] & 15) * 4;
	uint32_t tsecr = tsval_of(th);
	size_t tl = 20 + ((flags & 0x02) ? 4 : 0) + (tsecr ? 12 : 0), o = 20;
	uint8_t f[14 + 20 + 36] = { 0 }, *rip = f + 14, *rth = rip + 20, ph[12];

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
	put16(rth + 14, 29200);
	if (flags & 0x02) {
		rth[o] = 2; rth[o + 1] = 4; put16(rth + o + 2, 1460);
		o += 4;
	}
	if (tsecr) {
		rth[o] = 1; rth[o + 1] = 1; rth[o + 2] = 8; rth[o + 3] = 10;
		put32(rth + o + 4, 5000 + tsecr);
		put32(rth + o + 8, tsecr);
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

/* The peer; prints every frame.  Its ISN for a connection is 1000000 + the
 * stack's port. */
static void peer(struct nic *nic, const void *frame, size_t len, void *arg)
{
	const uint8_t *f = frame, *th;
	uint32_t seq, isn;
	uint16_t sport, dport;

	(void)arg;
	printf("tx %zu ", len);
	for (size_t i = 0; i < len; i++)
		printf("%02x", f[i]);
	printf("\n");
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
	else if (th[13] == 0x02 && dport == 81)
		reply_tcp(nic, f, 0x14, 0, seq + 1);		/* RST-ACK: refused */
	else if ((th[13] & 0x01) && dport == 80)
		reply_tcp(nic, f, 0x11, isn + 1, seq + 1);	/* FIN-ACK */
}

/* Advance the virtual clock by @ms in 100 ms steps, running the stack. */
static void run_ms(struct net *net, unsigned int ms)
{
	for (unsigned int t = 0; t < ms; t += 100) {
		cs_clock_advance(clk, 100ULL * 1000000ULL);
		for (int i = 0; i < 4; i++)
			cs_net_poll(net);
	}
}

/* A connect to 10.77.0.2:@port; prints and returns SO_ERROR once settled
 * (at most @ms of virtual time). */
static int connect_to(struct net *net, const char *what, int fd, uint16_t port, unsigned int ms)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	socklen_t len = sizeof(int);
	struct cs_tcp_info ti;
	int err = 0;

	printf("connect %s -> :%u\n", what, port);
	inet_pton(AF_INET, "10.77.0.2", &sin.sin_addr);
	if (cs_connect(net, fd, (struct sockaddr *)&sin, sizeof(sin)) && errno != EINPROGRESS) {
		err = errno;
	} else {
		for (unsigned int t = 0; t < ms; t += 100) {
			run_ms(net, 100);
			if (cs_tcp_info(net, fd, &ti) == 0 && ti.state != 2 /* TCP_SYN_SENT */)
				break;
		}
		cs_getsockopt(net, fd, SOL_SOCKET, SO_ERROR, &err, &len);
	}
	memset(&ti, 0, sizeof(ti));
	cs_tcp_info(net, fd, &ti);
	printf("result %s port=%u isn=%u state=%s err=%s\n", what, ntohs(ti.sport), ti.isn,
	       cs_state_name(ti.state), err ? strerror(err) : "0");
	return err;
}

static int sock_new(struct net *net)
{
	return cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
}

int main(void)
{
	static const char *const sysctls[] = { "connscope.fixed_secrets=1",
		"net.ipv4.ip_local_port_range=40000 40003", "net.ipv4.tcp_tw_reuse=1",
		"net.ipv4.tcp_syn_retries=1", NULL };
	struct cs_net_config cfg = { .prefixlen = 24, .no_softirq_thread = 1, .sysctls = sysctls };
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(40001) };
	struct nic *nic = nic_loop_new("loop0", mac, 1500);
	struct net *net;
	int b, c[3], d, e, t, bad = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	clk = cs_clock_virtual_new(1000ULL * 1000000000ULL, 1767225600ULL * 1000000000ULL);
	cfg.clock = clk;
	inet_pton(AF_INET, "10.77.0.1", &cfg.addr);
	inet_pton(AF_INET, "10.77.0.1", &sin.sin_addr);
	nic_loop_set_responder(nic, peer, NULL);
	net = cs_net_new(nic, &cfg);
	if (!net) {
		perror("cs_net_new");
		return 1;
	}
	b = sock_new(net);
	bad |= cs_bind(net, b, (struct sockaddr *)&sin, sizeof(sin));
	bad |= connect_to(net, "bound", b, 80, 1000) != 0;
	for (int i = 0; i < 3; i++) {
		char what[8];

		snprintf(what, sizeof(what), "c%d", i);
		c[i] = sock_new(net);
		bad |= connect_to(net, what, c[i], 80, 1000) != 0;
	}
	d = sock_new(net);
	bad |= connect_to(net, "full", d, 80, 1000) != EADDRNOTAVAIL;
	bad |= connect_to(net, "refused", d, 81, 1000) != ECONNREFUSED;
	printf("close c0\n");
	cs_close(net, c[0]);
	run_ms(net, 2000);
	e = sock_new(net);
	bad |= connect_to(net, "reuse", e, 80, 1000) != 0;
	t = sock_new(net);
	bad |= connect_to(net, "timeout", t, 82, 10000) != ETIMEDOUT;
	fflush(stdout);
	if (cs_dump_tables(net, stdout)) {
		perror("cs_dump_tables");
		return 1;
	}
	fflush(stdout);
	if (bad) {
		fprintf(stderr, "trace_golden: a step did not end as expected\n");
		return 1;
	}
	cs_net_free(net);
	cs_clock_free(clk);
	return 0;
}
