// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_rx.c - libFuzzer harness of the receive path on the loop NIC
 * (issue 12).  Each input is a fresh stack (fixed secrets, virtual clock)
 * with one connection put in SYN_SENT, ESTABLISHED or TIME-WAIT, then a
 * list of records, each one of:
 *   SEG     a TCP segment from the peer, checksums right, its sequence and
 *           acknowledgment numbers offsets from what the stack expects, any
 *           flags, window, options and payload length, then optionally one
 *           byte of the frame flipped (headers, checksums, lengths)
 *   RAW     any Ethernet payload (IPv4, ARP or other) to our MAC
 *   ICMP    an ICMP error quoting the last segment we sent, any type/code
 *   TIMER   the virtual clock jumps to the next pending timer
 *   WAIT    the clock moves on by up to 65 s
 *   SYSCTL  any knob of the table set to any int (vectors: every slot)
 *   SOCKOPT SO_RCVBUF, SO_SNDBUF, SO_LINGER, TCP_MAXSEG, TCP_SYNCNT,
 *           SO_REUSEADDR, SO_SNDTIMEO on the socket, any value
 *   ACTION  close, a new connect, poll, SO_ERROR, tcp_info
 * A record the stack refuses is fine; a crash, a sanitizer report, a hang
 * (libFuzzer's -timeout) or broken table invariants (cs_check_tables at
 * the end, the stack quiet) are findings.  Format: tests/fuzz/README.md.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "clock.h"
#include "net.h"
#include "nic.h"
#include "sysctl_table.h"
#include "tcp.h"
#include "timer.h"

#define US 0x0a4d0001u		/* 10.77.0.1 */
#define PEER 0x0a4d0002u	/* 10.77.0.2 */
#define PORT 80
#define MAX_RECORDS 96

static const uint8_t us_mac[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t peer_mac[6] = { 2, 0, 0, 0, 0, 2 };

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned int get8(struct in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static unsigned int get16(struct in *in)
{
	unsigned int hi = get8(in);

	return hi << 8 | get8(in);
}

static uint32_t get32(struct in *in)
{
	uint32_t hi = get16(in);

	return hi << 16 | get16(in);
}

struct fz {
	struct net *net;
	struct nic *nic;
	struct cs_clock *clock;
	int fd;
	uint16_t sport;			/* our port, from the frames we send */
	uint32_t snd_nxt, rcv_nxt;	/* from the last segment we sent */
	uint8_t last[60];		/* its IP header + 8 bytes, for ICMP quotes */
	size_t lastlen;
};

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint16_t csum(const uint8_t *d, size_t len, uint32_t sum)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)d[i] << 8 | d[i + 1];
	if (len & 1)
		sum += (uint32_t)d[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Ethernet + IPv4 header (20 bytes) from @src to us, protocol @proto. */
static void ip_header(uint8_t *f, unsigned int iplen, uint8_t proto, uint32_t src)
{
	uint8_t *ip = f + 14;

	memcpy(f, us_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, iplen);
	ip[6] = 0x40;
	ip[8] = 64;
	ip[9] = proto;
	put32(ip + 12, src);
	put32(ip + 16, US);
	put16(ip + 10, csum(ip, 20, 0));
}

static void answer_arp(struct fz *z, const uint8_t *req)
{
	uint8_t r[42];

	if (req[21] != 1 || memcmp(req + 38, "\x0a\x4d\x00\x02", 4))
		return;
	memcpy(r, us_mac, 6);
	memcpy(r + 6, peer_mac, 6);
	memcpy(r + 12, "\x08\x06\x00\x01\x08\x00\x06\x04\x00\x02", 10);
	memcpy(r + 22, peer_mac, 6);
	memcpy(r + 28, req + 38, 4);
	memcpy(r + 32, us_mac, 6);
	memcpy(r + 38, req + 28, 4);
	nic_loop_inject(z->nic, r, sizeof(r));
}

/* Take every frame the stack sent: answer ARP for the peer, remember the
 * last TCP segment's numbers; then run the softirq again. */
static void drain(struct fz *z)
{
	uint8_t f[1600];
	size_t n;
	int rounds = 0;

	do {
		while ((n = nic_loop_take(z->nic, f, sizeof(f))) > 0) {
			const uint8_t *ip = f + 14, *th;
			unsigned int ihl, tot;

			if (n >= 42 && f[12] == 0x08 && f[13] == 0x06)
				answer_arp(z, f);
			if (n < 34 || f[12] != 0x08 || f[13] != 0x00 || ip[9] != 6)
				continue;
			ihl = (ip[0] & 0xf) * 4u;
			tot = (unsigned int)ip[2] << 8 | ip[3];
			if (n < 14 + ihl + 20u || tot < ihl + 20u)
				continue;
			th = ip + ihl;
			z->sport = (uint16_t)(th[0] << 8 | th[1]);
			z->snd_nxt = (uint32_t)th[4] << 24 | th[5] << 16 | th[6] << 8 | th[7];
			z->snd_nxt += tot - ihl - (th[12] >> 4) * 4u + !!(th[13] & 0x03);
			z->rcv_nxt = (uint32_t)th[8] << 24 | th[9] << 16 | th[10] << 8 | th[11];
			z->lastlen = ihl + 8 <= sizeof(z->last) ? ihl + 8 : sizeof(z->last);
			memcpy(z->last, ip, z->lastlen);
		}
	} while (cs_net_poll(z->net) > 0 && ++rounds < 64);
}

/* SEG: a segment from the peer to our port. */
static void rec_seg(struct fz *z, struct in *in, int syn_ack)
{
	uint8_t f[14 + 20 + 60 + 256] = { 0 }, *th = f + 34;
	unsigned int flags = syn_ack ? 0x12 : get8(in);
	int32_t dseq = (int16_t)get16(in), dack = (int16_t)get16(in);
	unsigned int win = get16(in), optlen = get8(in) % 41, datalen = get8(in);
	unsigned int doff = (20 + optlen + 3) / 4 * 4, tcplen = doff + datalen, mangle;
	uint32_t sum = 0;

	for (unsigned int i = 0; i < optlen; i++)
		th[20 + i] = (uint8_t)get8(in);
	memset(th + doff, 'a', datalen);
	ip_header(f, 20 + tcplen, 6, PEER);
	put16(th, PORT);
	put16(th + 2, z->sport);
	put32(th + 4, z->rcv_nxt + (uint32_t)dseq);
	put32(th + 8, z->snd_nxt + (uint32_t)dack);
	th[12] = (uint8_t)(doff / 4 << 4);
	th[13] = (uint8_t)flags;
	put16(th + 14, win);
	sum = (US >> 16) + (US & 0xffff) + (PEER >> 16) + (PEER & 0xffff) + 6 + tcplen;
	put16(th + 16, csum(th, tcplen, sum));
	mangle = get8(in);
	if (mangle & 1) {
		unsigned int off = get8(in) % (20 + tcplen);

		f[14 + off] ^= (uint8_t)get8(in);
	}
	nic_loop_inject(z->nic, f, 34 + tcplen);
}

/* RAW: any payload of any ethertype to our MAC. */
static void rec_raw(struct fz *z, struct in *in)
{
	uint8_t f[1514];
	unsigned int len = get8(in) * 4u, type = get16(in);

	memcpy(f, us_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	put16(f + 12, type);
	for (unsigned int i = 0; i < len && 14 + i < sizeof(f); i++)
		f[14 + i] = (uint8_t)get8(in);
	nic_loop_inject(z->nic, f, 14 + (len < sizeof(f) - 14 ? len : sizeof(f) - 14));
}

/* ICMP: an error from the peer or a router quoting our last segment. */
static void rec_icmp(struct fz *z, struct in *in)
{
	uint8_t f[14 + 20 + 8 + 60] = { 0 }, *ic = f + 34;
	unsigned int type = get8(in), code = get8(in), mode = get8(in);
	uint32_t info = get32(in);
	size_t qlen = z->lastlen;

	if (mode & 1 && qlen > 0)
		qlen = get8(in) % (qlen + 1);	/* a short quote */
	ip_header(f, 20 + 8 + (unsigned int)qlen, 1, mode & 2 ? 0x0a4d00feu : PEER);
	ic[0] = (uint8_t)type;
	ic[1] = (uint8_t)code;
	put32(ic + 4, info);
	memcpy(ic + 8, z->last, qlen);
	if (mode & 4 && qlen > 4)
		ic[8 + get8(in) % qlen] ^= (uint8_t)get8(in);
	put16(ic + 2, csum(ic, 8 + qlen, 0));
	nic_loop_inject(z->nic, f, 42 + qlen);
}

static void jump_to_timer(struct fz *z)
{
	unsigned long exp, now = net_jiffies(z->net);

	if (z->net->timer_count) {
		exp = get_next_timer_interrupt(z->net, now);
		cs_clock_advance(z->clock, (time_after(exp, now) ? exp - now : 1) * 1000000ULL);
	}
}

/* SYSCTL: knob @idx of the table (numeric ones only) to @v. */
static void rec_sysctl(struct fz *z, struct in *in)
{
	const struct ctl_table *t = &ctl_table[get8(in) % ctl_table_count];
	int32_t v = (int32_t)get32(in);
	char val[64];

	if (t->proc_handler != proc_dointvec && t->proc_handler != proc_dointvec_minmax &&
	    t->proc_handler != cs_sysctl_douintvec_minmax)
		return;
	if (t->maxlen == 3 * (int)sizeof(int))
		snprintf(val, sizeof(val), "%d %d %d", v, v, v);
	else if (t->maxlen == 2 * (int)sizeof(int))
		snprintf(val, sizeof(val), "%d %d", v, v);
	else
		snprintf(val, sizeof(val), "%d", v);
	cs_sysctl_set(z->net, t->procname, val);
}

static void rec_sockopt(struct fz *z, struct in *in)
{
	unsigned int which = get8(in) % 7;
	int v = (int)get32(in);
	struct linger l = { v & 1, v >> 1 };
	struct timeval tv = { v & 0xff, (v >> 8) % 1000000 };

	switch (which) {
	case 0: cs_setsockopt(z->net, z->fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)); break;
	case 1: cs_setsockopt(z->net, z->fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)); break;
	case 2: cs_setsockopt(z->net, z->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)); break;
	case 3: cs_setsockopt(z->net, z->fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)); break;
	case 4: cs_setsockopt(z->net, z->fd, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)); break;
	case 5: cs_setsockopt(z->net, z->fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)); break;
	default: cs_setsockopt(z->net, z->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)); break;
	}
}

static void connect_new(struct fz *z)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(PORT),
				   .sin_addr.s_addr = htonl(PEER) };

	z->fd = cs_socket(z->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (z->fd >= 0)
		cs_connect(z->net, z->fd, (struct sockaddr *)&sin, sizeof(sin));
}

static void rec_action(struct fz *z, struct in *in)
{
	struct pollfd p = { .fd = z->fd, .events = POLLIN | POLLOUT };
	struct cs_tcp_info ti;
	int v;
	socklen_t l = sizeof(v);

	switch (get8(in) % 5) {
	case 0: cs_close(z->net, z->fd); break;
	case 1: connect_new(z); break;
	case 2: cs_poll(z->net, &p, 1, 0); break;
	case 3: cs_getsockopt(z->net, z->fd, SOL_SOCKET, SO_ERROR, &v, &l); break;
	default: cs_tcp_info(z->net, z->fd, &ti); break;
	}
}

static int fz_new(struct fz *z)
{
	static const char *const sysctls[] = { "connscope.fixed_secrets=1", NULL };
	struct cs_net_config cfg = { .prefixlen = 24, .no_softirq_thread = 1,
				     .sysctls = sysctls };

	memset(z, 0, sizeof(*z));
	z->nic = nic_loop_new("loop0", us_mac, 1500);
	z->clock = cs_clock_virtual_new(1000ULL * 1000000000ULL, 1767225600ULL * 1000000000ULL);
	cfg.addr.s_addr = htonl(US);
	cfg.clock = z->clock;
	z->net = cs_net_new(z->nic, &cfg);
	return z->net ? 0 : -1;
}

/* Put the connection in the state byte @s asks: 0 SYN_SENT, 1 ESTABLISHED
 * (a SYN-ACK with the input's options), 2 TIME-WAIT (then our FIN, the
 * peer's FIN-ACK). */
static void fz_start(struct fz *z, unsigned int s, struct in *in)
{
	connect_new(z);
	drain(z);
	if (s % 3 == 0)
		return;
	rec_seg(z, in, 1);
	drain(z);
	if (s % 3 == 1)
		return;
	cs_close(z->net, z->fd);
	drain(z);
	{
		struct in fin = { (const uint8_t *)"\x11\x00\x00\x00\x00\x72\x10\x00\x00\x00", 10 };

		rec_seg(z, &fin, 0);
		drain(z);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	struct fz z;
	char msg[256];

	if (fz_new(&z))
		return 0;
	fz_start(&z, get8(&in), &in);
	for (int r = 0; r < MAX_RECORDS && in.n; r++) {
		switch (get8(&in) % 8) {
		case 0: rec_seg(&z, &in, 0); break;
		case 1: rec_raw(&z, &in); break;
		case 2: rec_icmp(&z, &in); break;
		case 3: jump_to_timer(&z); break;
		case 4: cs_clock_advance(z.clock, (uint64_t)get16(&in) * 1000000ULL); break;
		case 5: rec_sysctl(&z, &in); break;
		case 6: rec_sockopt(&z, &in); break;
		default: rec_action(&z, &in); break;
		}
		drain(&z);
	}
	if (cs_check_tables(z.net, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "fuzz_rx: table invariant broken: %s\n", msg);
		abort();
	}
	cs_net_free(z.net);
	cs_clock_free(z.clock);
	return 0;
}
