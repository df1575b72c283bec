/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lower.h - helpers shared by the lower-layer unit tests (route, fib,
 * devinet, neighbour/arp, ip, icmp, dev, eth, loopback): a test stack,
 * dotted-address parsing, a bare socket, and frame builders that compute
 * every field independently of the stack.
 */
#ifndef CS_TEST_LOWER_H
#define CS_TEST_LOWER_H

#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "net.h"
#include "ip.h"

/* A dotted address as the stack stores it (network order). */
static inline __be32 A(const char *dotted)
{
	struct in_addr a;

	inet_pton(AF_INET, dotted, &a);
	return a.s_addr;
}

/* The NUD state of the entry for @key on @dev, NUD_NONE if there is none. */
static inline u8 lower_neigh_state(struct neigh_table *tbl, __be32 key,
				   const struct net_device *dev)
{
	struct neighbour *n = neigh_lookup(tbl, key, dev);
	u8 state = NUD_NONE;

	if (n) {
		pthread_mutex_lock(&n->lock);
		state = n->nud_state;
		pthread_mutex_unlock(&n->lock);
		neigh_release(n);
	}
	return state;
}

/* A test stack (10.77.0.1/24 on the loop NIC, virtual clock, no softirq
 * thread), with a default route via @gw when not NULL. */
static inline struct test_stack *lower_new(const char *gw)
{
	return ts_new_gw(NULL, gw);
}

static inline void lower_free(struct test_stack *ts)
{
	ts_free(ts);
}

/* A bare TCP socket of @net, enough for routing and IP output. */
static inline struct sock *lower_sock(struct net *net)
{
	struct tcp_sock *tp = calloc(1, sizeof(*tp));
	struct sock *sk = &tp->inet_conn.icsk_inet.sk;

	sk->__sk_common.skc_net = net;
	sk->sk_id = 4242;
	sk->sk_protocol = IPPROTO_TCP_;
	inet_sk(sk)->uc_ttl = -1;
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;
	return sk;
}

static inline void lower_sock_free(struct sock *sk)
{
	if (sk->sk_dst_cache)
		ip_rt_put(sk->sk_dst_cache);
	free(sk);
}

static inline unsigned long long mib(struct net *net, enum cs_mib_field f)
{
	return atomic_load(&net->mib.v[f]);
}

/* A received TCP segment from @saddr:@sport to @daddr:@dport (IP and TCP
 * headers only), as ip_send_unicast_reply reads the one it answers. */
static inline struct sk_buff *lower_rx_segment(struct test_stack *ts, const char *saddr,
					       u16 sport, const char *daddr, u16 dport)
{
	struct sk_buff *skb = alloc_skb(MAX_TCP_HEADER + 40);
	struct iphdr *iph;
	u8 *th;

	skb->net = ts->net;
	skb_reserve(skb, MAX_TCP_HEADER);
	iph = (struct iphdr *)(void *)skb_put(skb, 20);
	memset(iph, 0, 20);
	iph->ihl_version = 0x45;
	iph->protocol = 6;
	iph->saddr = A(saddr);
	iph->daddr = A(daddr);
	skb_reset_network_header(skb);
	th = skb_put(skb, 20);
	memset(th, 0, 20);
	th[0] = (u8)(sport >> 8);
	th[1] = (u8)sport;
	th[2] = (u8)(dport >> 8);
	th[3] = (u8)dport;
	th[12] = 5 << 4;
	skb_pull(skb, 20);
	skb_reset_transport_header(skb);
	return skb;
}

/* Send a 20-byte TCP-like segment @marker to @daddr from 10.77.0.1 (ports
 * 1234 -> 80, the marker in the first byte of the sequence number, no
 * checksum) through ip_send_unicast_reply, i.e. routed, IP header,
 * neighbour, device. */
static inline void lower_send(struct test_stack *ts, const char *daddr, u8 marker)
{
	struct sk_buff *rx = lower_rx_segment(ts, daddr, 80, "10.77.0.1", 1234);
	struct ip_reply_arg arg;
	u8 th[20];

	memset(th, 0, sizeof th);
	th[0] = 1234 >> 8;
	th[1] = 1234 & 0xff;
	th[3] = 80;
	th[4] = marker;
	th[12] = 5 << 4;
	memset(&arg, 0, sizeof(arg));
	arg.iov[0].iov_base = th;
	arg.iov[0].iov_len = sizeof th;
	arg.csumoffset = -1;
	ip_send_unicast_reply(ts->net, rx, A(daddr), A("10.77.0.1"), &arg, sizeof th);
	kfree_skb(rx);
}

/* An Ethernet/IPv4 ARP frame: 42 bytes, padded with zeros to @len. */
static inline size_t lower_arp(u8 *f, size_t len, int op, const u8 *eth_dst,
			       const u8 *sha, const char *sip, const u8 *tha,
			       const char *tip)
{
	__be32 s = A(sip), t = A(tip);

	memset(f, 0, len);
	memcpy(f, eth_dst, 6);
	memcpy(f + 6, sha, 6);
	f[12] = 0x08; f[13] = 0x06;
	f[14] = 0x00; f[15] = 0x01;		/* ARPHRD_ETHER */
	f[16] = 0x08; f[17] = 0x00;		/* ETH_P_IP */
	f[18] = 6; f[19] = 4;
	f[20] = 0; f[21] = (u8)op;
	memcpy(f + 22, sha, 6);
	memcpy(f + 28, &s, 4);
	memcpy(f + 32, tha, 6);
	memcpy(f + 38, &t, 4);
	return len;
}

/* An Ethernet + IPv4 frame from the peer's MAC to @eth_dst: header 0x45,
 * TTL 64, ID 0x0101, DF, @proto, @src -> @dst, checksum computed by the
 * harness's independent routine, then @plen bytes of @payload.  Returns
 * the frame length. */
static inline size_t lower_ipv4(u8 *f, const u8 *eth_dst, const char *src,
				const char *dst, u8 proto, const void *payload,
				size_t plen)
{
	__be32 s = A(src), d = A(dst);
	size_t tot = 20 + plen;
	u16 c;

	memcpy(f, eth_dst, 6);
	memcpy(f + 6, ts_peer_mac, 6);
	f[12] = 0x08; f[13] = 0x00;
	memset(f + 14, 0, 20);
	f[14] = 0x45;
	f[16] = (u8)(tot >> 8); f[17] = (u8)tot;
	f[18] = 0x01; f[19] = 0x01;
	f[20] = 0x40;
	f[22] = 64;
	f[23] = proto;
	memcpy(f + 26, &s, 4);
	memcpy(f + 30, &d, 4);
	c = ts_inet_csum(f + 14, 20, 0);
	f[24] = (u8)(c >> 8); f[25] = (u8)c;
	memcpy(f + 34, payload, plen);
	return 14 + tot;
}

/* Recompute the IP header checksum of a frame built by lower_ipv4 after
 * editing its header (IHL from the header). */
static inline void lower_ip_recsum(u8 *f)
{
	unsigned int ihl = (f[14] & 0x0f) * 4u;
	u16 c;

	f[24] = f[25] = 0;
	c = ts_inet_csum(f + 14, ihl, 0);
	f[24] = (u8)(c >> 8); f[25] = (u8)c;
}

/* An ICMP message: type, code, 4 bytes of rest, data; checksum set. */
static inline size_t lower_icmp(u8 *m, u8 type, u8 code, u32 rest,
				const void *data, size_t dlen)
{
	u16 c;

	m[0] = type; m[1] = code; m[2] = m[3] = 0;
	m[4] = (u8)(rest >> 24); m[5] = (u8)(rest >> 16);
	m[6] = (u8)(rest >> 8); m[7] = (u8)rest;
	memcpy(m + 8, data, dlen);
	c = ts_inet_csum(m, 8 + dlen, 0);
	m[2] = (u8)(c >> 8); m[3] = (u8)c;
	return 8 + dlen;
}

static const u8 lower_bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 lower_zero_mac[6];

#endif
