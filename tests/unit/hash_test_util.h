/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hash_test_util.h - helpers shared by the hash-table, port-selection and
 * TIME-WAIT tests (test_inet_hashtables.c, test_inet_connection_sock.c,
 * test_inet_timewait_sock.c): sockets by descriptor, the 3.10 jhash and
 * port formula written out independently, and a SYN / SYN-ACK exchange on
 * the loop NIC.
 */
#ifndef CS_HASH_TEST_UTIL_H
#define CS_HASH_TEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "tcp.h"

/* The sock behind a descriptor (the fd table keeps its reference). */
static inline struct sock *hu_sk(struct test_stack *ts, int fd)
{
	int err, put;
	struct socket *sock = sockfd_lookup_light(ts->net, fd, &err, &put);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sock);
	fput_light(sock, put);
	return sock->sk;
}

/* A non-blocking TCP socket. */
static inline int hu_socket(struct test_stack *ts)
{
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	CU_ASSERT_FATAL(fd >= 0);
	return fd;
}

static inline int hu_setopt(struct test_stack *ts, int fd, int name, int val)
{
	return cs_setsockopt(ts->net, fd, SOL_SOCKET, name, &val, sizeof(val));
}

static inline int hu_bind(struct test_stack *ts, int fd, const char *addr, unsigned short port)
{
	struct sockaddr_in sin = ts_sin(addr, port);

	return cs_bind(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin));
}

/* cs_connect; returns 0 or the errno it set. */
static inline int hu_connect(struct test_stack *ts, int fd, const char *addr,
			     unsigned short port)
{
	struct sockaddr_in sin = ts_sin(addr, port);

	if (cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin)) == 0)
		return 0;
	return errno;
}

/* 3.10's jhash_3words (include/linux/jhash.h), written out for the test. */
static inline uint32_t hu_rol32(uint32_t w, unsigned int s)
{
	return (w << s) | (w >> (32 - s));
}

static inline uint32_t hu_jhash_3words(uint32_t a, uint32_t b, uint32_t c, uint32_t initval)
{
	a += 0xdeadbeef;
	b += 0xdeadbeef;
	c += initval;
	c ^= b; c -= hu_rol32(b, 14);
	a ^= c; a -= hu_rol32(c, 11);
	b ^= a; b -= hu_rol32(a, 25);
	c ^= b; c -= hu_rol32(b, 16);
	a ^= c; a -= hu_rol32(c, 4);
	b ^= a; b -= hu_rol32(a, 14);
	c ^= b; c -= hu_rol32(b, 24);
	return c;
}

/* inet_ehashfn as 3.10 defines it, net_hash_mix 0. */
static inline uint32_t hu_ehash(uint32_t secret, uint32_t laddr, uint16_t lport,
				uint32_t faddr, uint16_t fport_be)
{
	return hu_jhash_3words(laddr, faddr, ((uint32_t)lport << 16) | fport_be, secret);
}

/* 3.10's candidate i of the ephemeral search: low + (i + hint + offset) % remaining. */
static inline int hu_candidate(int low, int high, uint32_t hint, uint32_t port_offset, int i)
{
	uint32_t remaining = (uint32_t)(high - low + 1);

	return low + (int)(((uint32_t)i + hint + port_offset) % remaining);
}

/* Frame layout on the loop NIC: Ethernet 14, IPv4 20, TCP. */
#define HU_IP 14
#define HU_TCP 34

/* Take the next IPv4 frame (answering ARP); 0 if none. */
static inline size_t hu_take_tcp(struct test_stack *ts, uint8_t *f, size_t len)
{
	size_t n = ts_take_ip(ts, f, len);

	if (n && f[HU_IP + 9] != 6)
		return 0;
	return n;
}

static inline uint16_t hu_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t hu_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void hu_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void hu_put32(uint8_t *p, uint32_t v)
{
	hu_put16(p, (uint16_t)(v >> 16));
	hu_put16(p + 2, (uint16_t)v);
}

/* Inject a SYN-ACK from TS_PEER:@peer_port to us:@port acking @ack, with
 * MSS 1460 and, if @tsval, a timestamp option echoing @tsecr. */
static inline void hu_inject_synack(struct test_stack *ts, uint16_t peer_port, uint16_t port,
				    uint32_t seq, uint32_t ack, uint32_t tsval, uint32_t tsecr)
{
	uint8_t f[128];
	uint8_t *ip = f + HU_IP, *th = f + HU_TCP;
	unsigned int optlen = tsval ? 16 : 4, tcplen = 20 + optlen;
	uint32_t peer = inet_addr(TS_PEER), us = inet_addr(TS_ADDR);
	uint32_t seed = 0;

	memset(f, 0, sizeof(f));
	memcpy(f, ts_mac, 6);
	memcpy(f + 6, ts_peer_mac, 6);
	f[12] = 0x08;
	ip[0] = 0x45;
	hu_put16(ip + 2, (uint16_t)(20 + tcplen));
	ip[6] = 0x40;
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, &peer, 4);
	memcpy(ip + 16, &us, 4);
	hu_put16(ip + 10, ts_inet_csum(ip, 20, 0));
	hu_put16(th, peer_port);
	hu_put16(th + 2, port);
	hu_put32(th + 4, seq);
	hu_put32(th + 8, ack);
	th[12] = (uint8_t)((tcplen / 4) << 4);
	th[13] = 0x12;				/* SYN|ACK */
	hu_put16(th + 14, 29200);
	th[20] = 2; th[21] = 4; hu_put16(th + 22, 1460);
	if (tsval) {
		th[24] = 1; th[25] = 1; th[26] = 8; th[27] = 10;
		hu_put32(th + 28, tsval);
		hu_put32(th + 32, tsecr);
	}
	for (int i = 12; i < 20; i += 2)
		seed += hu_get16(ip + i);
	seed += 6 + tcplen;
	hu_put16(th + 16, ts_inet_csum(th, tcplen, seed));
	ts_inject(ts, f, HU_TCP + tcplen);
}

/* Take our SYN (the next TCP frame; default options MSS, SACK_PERM+TS at
 * offset 24, WS) and answer it with a SYN-ACK carrying timestamps, TSecr =
 * our TSval: the socket ends ESTABLISHED with ts_recent_stamp set.
 * Returns our source port, or 0 if no SYN was sent. */
static inline uint16_t hu_handshake(struct test_stack *ts, uint32_t peer_isn, uint32_t tsval)
{
	uint8_t f[1600];
	size_t n = hu_take_tcp(ts, f, sizeof(f));
	uint16_t sport;

	if (n < HU_TCP + 20 || !(f[HU_TCP + 13] & 0x02))
		return 0;
	sport = hu_get16(f + HU_TCP);
	hu_inject_synack(ts, hu_get16(f + HU_TCP + 2), sport, peer_isn,
			 hu_get32(f + HU_TCP + 4) + 1, tsval, hu_get32(f + HU_TCP + 28));
	while (hu_take_tcp(ts, f, sizeof(f)))
		;				/* our ACK */
	return sport;
}

/* The source port and sequence number of the next SYN sent, or 0. */
static inline uint16_t hu_syn_sport(struct test_stack *ts, uint32_t *seq)
{
	uint8_t f[1600];
	size_t n = hu_take_tcp(ts, f, sizeof(f));

	if (n < HU_TCP + 20 || f[HU_TCP + 13] != 0x02)
		return 0;
	if (seq)
		*seq = hu_get32(f + HU_TCP + 4);
	return hu_get16(f + HU_TCP);
}

/* Number of socks (or TIME-WAIT socks when @tw) in an ehash slot. */
static inline int hu_ehash_count(struct net *net, unsigned int slot, int tw)
{
	struct inet_ehash_bucket *b = &net->tcp_hashinfo.ehash[slot];
	struct hlist_node *n;
	int count = 0;

	hlist_for_each(n, tw ? &b->twchain : &b->chain)
		count++;
	return count;
}

/* The bind bucket of @port, or NULL. */
static inline struct inet_bind_bucket *hu_bucket(struct net *net, unsigned short port)
{
	struct inet_hashinfo *h = &net->tcp_hashinfo;
	struct inet_bind_bucket *tb;

	inet_bind_bucket_for_each(tb, &h->bhash[port & (h->bhash_size - 1)].chain)
		if (ib_net(tb) == net && tb->port == port)
			return tb;
	return NULL;
}

static inline uint64_t hu_mib(struct test_stack *ts, const char *name)
{
	uint64_t v = 0;

	EXPECT_EQ(cs_mib_get(ts->net, name, &v), 0);
	return v;
}

#endif
