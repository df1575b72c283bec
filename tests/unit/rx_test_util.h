/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rx_test_util.h - helpers of the receive-path tests (test_tcp_input.c,
 * test_tcp_ipv4_rcv.c): craft a TCP segment or an ICMP error from the peer
 * TS_PEER, read the frames the stack sent, and bring a socket to a state
 * (SYN_SENT with its SYN captured, ESTABLISHED).  Expected values are
 * computed here from the wire, never by calling the code under test.
 */
#ifndef CS_RX_TEST_UTIL_H
#define CS_RX_TEST_UTIL_H

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"

#define RX_IP 14		/* IPv4 header offset in a frame */
#define RX_TCP 34		/* TCP header offset (no IP options) */
#define RX_PEER_PORT 80

/* One segment from the peer to us.  Zero fields take the defaults noted. */
struct rx_seg {
	uint16_t sport, dport;		/* sport 0: RX_PEER_PORT */
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t window;
	const uint8_t *opt;		/* raw option bytes, multiple of 4 */
	unsigned int optlen;
	unsigned int datalen;		/* payload bytes (0x61 each) */
	uint8_t ttl;			/* 0: 64 */
	uint8_t tos;
	int bad_csum;			/* corrupt the TCP checksum */
	int doff;			/* != 0: this doff instead of the real one */
	uint32_t saddr;			/* 0: TS_PEER (network order) */
	uint32_t daddr;			/* 0: TS_ADDR (network order) */
};

static inline uint16_t rx_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint32_t rx_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void rx_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}
static inline void rx_put32(uint8_t *p, uint32_t v)
{
	rx_put16(p, (uint16_t)(v >> 16));
	rx_put16(p + 2, (uint16_t)v);
}

/* Ethernet + IPv4 header from the peer to us, protocol @proto. */
static inline void rx_ip_header_to(uint8_t *f, unsigned int iplen, uint8_t proto, uint8_t ttl,
				   uint8_t tos, uint32_t saddr, uint32_t us)
{
	uint8_t *ip = f + RX_IP;

	memcpy(f, ts_mac, 6);
	memcpy(f + 6, ts_peer_mac, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	ip[0] = 0x45;
	ip[1] = tos;
	rx_put16(ip + 2, (uint16_t)iplen);
	rx_put16(ip + 4, 0x1234);
	ip[6] = 0x40;
	ip[8] = ttl;
	ip[9] = proto;
	memcpy(ip + 12, &saddr, 4);
	memcpy(ip + 16, &us, 4);
	rx_put16(ip + 10, 0);
	rx_put16(ip + 10, ts_inet_csum(ip, 20, 0));
}

static inline void rx_ip_header(uint8_t *f, unsigned int iplen, uint8_t proto, uint8_t ttl,
				uint8_t tos, uint32_t saddr)
{
	rx_ip_header_to(f, iplen, proto, ttl, tos, saddr, inet_addr(TS_ADDR));
}

/* Build the frame of @s into @f; returns its length. */
static inline size_t rx_build(const struct rx_seg *s, uint8_t *f)
{
	unsigned int tcplen = 20 + s->optlen + s->datalen;
	uint8_t *th = f + RX_TCP;
	uint32_t saddr = s->saddr ? s->saddr : inet_addr(TS_PEER);
	uint32_t seed = 0;

	memset(f, 0, RX_TCP + tcplen);
	rx_ip_header_to(f, 20 + tcplen, 6, s->ttl ? s->ttl : 64, s->tos, saddr,
			s->daddr ? s->daddr : inet_addr(TS_ADDR));
	rx_put16(th, s->sport ? s->sport : RX_PEER_PORT);
	rx_put16(th + 2, s->dport);
	rx_put32(th + 4, s->seq);
	rx_put32(th + 8, s->ack);
	th[12] = (uint8_t)((s->doff ? (unsigned int)s->doff : (20 + s->optlen) / 4) << 4);
	th[13] = s->flags;
	rx_put16(th + 14, s->window);
	if (s->optlen)
		memcpy(th + 20, s->opt, s->optlen);
	memset(th + 20 + s->optlen, 0x61, s->datalen);
	for (int i = 12; i < 20; i += 2)
		seed += rx_get16(f + RX_IP + i);
	seed += 6 + tcplen;
	rx_put16(th + 16, ts_inet_csum(th, tcplen, seed));
	if (s->bad_csum)
		th[17] ^= 0x55;
	return RX_TCP + tcplen;
}

static inline void rx_inject(struct test_stack *ts, const struct rx_seg *s)
{
	uint8_t f[1600];

	ts_inject(ts, f, rx_build(s, f));
}

/* The options of a Linux 3.10 SYN-ACK: MSS, SACK_PERM + TS, NOP + WS. */
static inline unsigned int rx_synack_opts(uint8_t *o, uint16_t mss, uint32_t tsval,
					  uint32_t tsecr, int wscale)
{
	unsigned int n = 0;

	o[n++] = 2; o[n++] = 4; rx_put16(o + n, mss); n += 2;
	if (tsval || tsecr) {
		o[n++] = 4; o[n++] = 2; o[n++] = 8; o[n++] = 10;
		rx_put32(o + n, tsval); n += 4;
		rx_put32(o + n, tsecr); n += 4;
	}
	if (wscale >= 0) {
		o[n++] = 1; o[n++] = 3; o[n++] = 3; o[n++] = (uint8_t)wscale;
	}
	return n;
}

/* The aligned timestamp of an established segment: NOP NOP TS. */
static inline unsigned int rx_ts_opts(uint8_t *o, uint32_t tsval, uint32_t tsecr)
{
	o[0] = 1; o[1] = 1; o[2] = 8; o[3] = 10;
	rx_put32(o + 4, tsval);
	rx_put32(o + 8, tsecr);
	return 12;
}

/* A frame the stack sent, decoded. */
struct rx_out {
	size_t len;
	uint8_t f[1600];
	uint8_t *ip, *th;
	uint16_t sport, dport, window, ipid;
	uint32_t seq, ack;
	uint8_t flags, doff, ttl, tos;
};

/* Take the next TCP frame the stack sent (ARP answered); 0 if none. */
static inline size_t rx_take(struct test_stack *ts, struct rx_out *o)
{
	memset(o, 0, sizeof(*o));
	o->len = ts_take_ip(ts, o->f, sizeof(o->f));
	if (!o->len)
		return 0;
	o->ip = o->f + RX_IP;
	o->th = o->f + RX_IP + (o->ip[0] & 0xf) * 4;
	o->ipid = rx_get16(o->ip + 4);
	o->ttl = o->ip[8];
	o->tos = o->ip[1];
	if (o->ip[9] != 6)
		return o->len;
	o->sport = rx_get16(o->th);
	o->dport = rx_get16(o->th + 2);
	o->seq = rx_get32(o->th + 4);
	o->ack = rx_get32(o->th + 8);
	o->doff = o->th[12] >> 4;
	o->flags = o->th[13];
	o->window = rx_get16(o->th + 14);
	return o->len;
}

/* Both checksums of a frame we took are right. */
static inline int rx_csums_ok(const struct rx_out *o)
{
	return ts_inet_csum(o->ip, 20, 0) == 0 && ts_tcp_csum_check(o->ip) == 0;
}

/* The sock behind a descriptor. */
static inline struct sock *rx_sk(struct test_stack *ts, int fd)
{
	int err, put;
	struct socket *sock = sockfd_lookup_light(ts->net, fd, &err, &put);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sock);
	fput_light(sock, put);
	return sock->sk;
}

static inline uint64_t rx_mib(struct test_stack *ts, const char *name)
{
	uint64_t v = 0;

	EXPECT_EQ(cs_mib_get(ts->net, name, &v), 0);
	return v;
}

/* cs_connect to TS_PEER:RX_PEER_PORT; 0 or the errno it set. */
static inline int rx_connect(struct test_stack *ts, int fd)
{
	struct sockaddr_in sin = ts_sin(TS_PEER, RX_PEER_PORT);

	if (cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin)) == 0)
		return 0;
	return errno;
}

static inline int rx_so_error(struct test_stack *ts, int fd)
{
	int v = -1;
	socklen_t l = sizeof(v);

	EXPECT_EQ(cs_getsockopt(ts->net, fd, SOL_SOCKET, SO_ERROR, &v, &l), 0);
	return v;
}

/* What we know of our connection after its SYN left. */
struct rx_conn {
	int fd;
	struct sock *sk;
	uint16_t sport;
	uint32_t isn, syn_tsval, peer_isn;
	uint16_t syn_ipid;
	struct rx_out syn;
};

/* A non-blocking socket connecting to the peer: EINPROGRESS, and its SYN
 * taken off the wire. */
static inline void rx_syn_sent(struct test_stack *ts, struct rx_conn *c)
{
	memset(c, 0, sizeof(*c));
	c->fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CU_ASSERT_FATAL(c->fd >= 0);
	c->sk = rx_sk(ts, c->fd);
	EXPECT_EQ(rx_connect(ts, c->fd), EINPROGRESS);
	CU_ASSERT_FATAL(rx_take(ts, &c->syn) > 0);
	EXPECT_EQ(c->syn.flags, 0x02);
	c->sport = c->syn.sport;
	c->isn = c->syn.seq;
	c->syn_ipid = c->syn.ipid;
	/* 3.10's SYN options: MSS, SACK_PERM + TS, NOP + WS. */
	c->syn_tsval = rx_get32(c->syn.th + 28);
	c->peer_isn = 0x50000000;
}

/* Answer the SYN with a full SYN-ACK (MSS 1460, TS, WS 7, window 29200)
 * and take our ACK: ESTABLISHED. */
static inline void rx_established(struct test_stack *ts, struct rx_conn *c, uint32_t peer_tsval)
{
	uint8_t opt[40];
	struct rx_seg s = { .flags = 0x12, .window = 29200, .opt = opt };
	struct rx_out o;

	rx_syn_sent(ts, c);
	s.dport = c->sport;
	s.seq = c->peer_isn;
	s.ack = c->isn + 1;
	s.optlen = rx_synack_opts(opt, 1460, peer_tsval, c->syn_tsval, 7);
	rx_inject(ts, &s);
	EXPECT_EQ(c->sk->sk_state, TCP_ESTABLISHED);
	EXPECT(rx_take(ts, &o) > 0);
	EXPECT_EQ(o.flags, 0x10);
	EXPECT_EQ(rx_connect(ts, c->fd), 0);
}

/* SO_LINGER {1, 0}: the close at ts_free aborts with a RST, so that the
 * test ends without leaving a FIN_WAIT1 orphan behind. */
static inline void rx_abort_on_close(struct test_stack *ts, int fd)
{
	struct linger l = { 1, 0 };

	EXPECT_EQ(cs_setsockopt(ts->net, fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
}

/* Our sock's twsk in the established table, or NULL. */
static inline struct inet_timewait_sock *rx_find_tw(struct test_stack *ts, uint16_t sport)
{
	struct inet_hashinfo *h = &ts->net->tcp_hashinfo;

	for (unsigned int i = 0; i <= h->ehash_mask; i++) {
		struct hlist_node *n;

		hlist_for_each(n, &h->ehash[i].twchain) {
			struct inet_timewait_sock *tw = container_of(n, struct inet_timewait_sock,
								     __tw_common.skc_node);

			if (tw->tw_num == sport)
				return tw;
		}
	}
	return NULL;
}

#endif
