// SPDX-License-Identifier: GPL-2.0-only
/*
 * secure_seq.c - the keyed hashes of the connect path, as in Linux 3.10:
 *
 *   md5_transform             lib/md5.c: the bare MD5 compression function
 *   net_secret_init           net/core/secure_seq.c: fill net_secret
 *   build_ehash_secret        net/ipv4/af_inet.c: inet_ehash_secret, then net_secret
 *   secure_tcp_sequence_number  net/core/secure_seq.c: the ISN
 *   secure_ipv4_port_ephemeral  net/core/secure_seq.c: the ephemeral-port offset
 *   jhash_3words              include/linux/jhash.h: the ehash function's core
 *
 * 3.10 keys its ISN and port offset with one MD5 block over a 16-word secret;
 * 4.x replaced MD5 with SipHash (6.x: secure_tcp_seq, a 64-bit port offset,
 * and a per-address-pair TS offset).  The secrets are random, or derived from
 * connscope.secret_seed so that a lab can predict ports and ISNs.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <arpa/inet.h>
#include "secure_seq.h"
#include "net.h"
#include "timer.h"
#include "trace.h"

static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << shift) | (word >> (32 - shift));
}

/* ---- lib/md5.c ------------------------------------------------------ */

/* The four round functions of RFC 1321 (F, G, H, I); F1 picks y or z
 * by the bits of x. */
#define F1(x, y, z)	(z ^ (x & (y ^ z)))
#define F2(x, y, z)	F1(z, x, y)
#define F3(x, y, z)	(x ^ y ^ z)
#define F4(x, y, z)	(y ^ (x | ~z))

/* One MD5 step: add the round function, the message word and the step's
 * constant to w, rotate it, add x. */
#define MD5STEP(f, w, x, y, z, in, s) \
	(w += f(x, y, z) + in, w = (w << s | w >> (32 - s)) + x)

/*
 * md5_transform - lib/md5.c: one application of the MD5 compression
 * function to the 4-word chaining state @hash with the 16-word block @in
 * (words in host order; no padding, no length).  Pure.
 */
void md5_transform(u32 *hash, const u32 *in)
{
	u32 a, b, c, d;

	a = hash[0];
	b = hash[1];
	c = hash[2];
	d = hash[3];

	MD5STEP(F1, a, b, c, d, in[0] + 0xd76aa478, 7);
	MD5STEP(F1, d, a, b, c, in[1] + 0xe8c7b756, 12);
	MD5STEP(F1, c, d, a, b, in[2] + 0x242070db, 17);
	MD5STEP(F1, b, c, d, a, in[3] + 0xc1bdceee, 22);
	MD5STEP(F1, a, b, c, d, in[4] + 0xf57c0faf, 7);
	MD5STEP(F1, d, a, b, c, in[5] + 0x4787c62a, 12);
	MD5STEP(F1, c, d, a, b, in[6] + 0xa8304613, 17);
	MD5STEP(F1, b, c, d, a, in[7] + 0xfd469501, 22);
	MD5STEP(F1, a, b, c, d, in[8] + 0x698098d8, 7);
	MD5STEP(F1, d, a, b, c, in[9] + 0x8b44f7af, 12);
	MD5STEP(F1, c, d, a, b, in[10] + 0xffff5bb1, 17);
	MD5STEP(F1, b, c, d, a, in[11] + 0x895cd7be, 22);
	MD5STEP(F1, a, b, c, d, in[12] + 0x6b901122, 7);
	MD5STEP(F1, d, a, b, c, in[13] + 0xfd987193, 12);
	MD5STEP(F1, c, d, a, b, in[14] + 0xa679438e, 17);
	MD5STEP(F1, b, c, d, a, in[15] + 0x49b40821, 22);

	MD5STEP(F2, a, b, c, d, in[1] + 0xf61e2562, 5);
	MD5STEP(F2, d, a, b, c, in[6] + 0xc040b340, 9);
	MD5STEP(F2, c, d, a, b, in[11] + 0x265e5a51, 14);
	MD5STEP(F2, b, c, d, a, in[0] + 0xe9b6c7aa, 20);
	MD5STEP(F2, a, b, c, d, in[5] + 0xd62f105d, 5);
	MD5STEP(F2, d, a, b, c, in[10] + 0x02441453, 9);
	MD5STEP(F2, c, d, a, b, in[15] + 0xd8a1e681, 14);
	MD5STEP(F2, b, c, d, a, in[4] + 0xe7d3fbc8, 20);
	MD5STEP(F2, a, b, c, d, in[9] + 0x21e1cde6, 5);
	MD5STEP(F2, d, a, b, c, in[14] + 0xc33707d6, 9);
	MD5STEP(F2, c, d, a, b, in[3] + 0xf4d50d87, 14);
	MD5STEP(F2, b, c, d, a, in[8] + 0x455a14ed, 20);
	MD5STEP(F2, a, b, c, d, in[13] + 0xa9e3e905, 5);
	MD5STEP(F2, d, a, b, c, in[2] + 0xfcefa3f8, 9);
	MD5STEP(F2, c, d, a, b, in[7] + 0x676f02d9, 14);
	MD5STEP(F2, b, c, d, a, in[12] + 0x8d2a4c8a, 20);

	MD5STEP(F3, a, b, c, d, in[5] + 0xfffa3942, 4);
	MD5STEP(F3, d, a, b, c, in[8] + 0x8771f681, 11);
	MD5STEP(F3, c, d, a, b, in[11] + 0x6d9d6122, 16);
	MD5STEP(F3, b, c, d, a, in[14] + 0xfde5380c, 23);
	MD5STEP(F3, a, b, c, d, in[1] + 0xa4beea44, 4);
	MD5STEP(F3, d, a, b, c, in[4] + 0x4bdecfa9, 11);
	MD5STEP(F3, c, d, a, b, in[7] + 0xf6bb4b60, 16);
	MD5STEP(F3, b, c, d, a, in[10] + 0xbebfbc70, 23);
	MD5STEP(F3, a, b, c, d, in[13] + 0x289b7ec6, 4);
	MD5STEP(F3, d, a, b, c, in[0] + 0xeaa127fa, 11);
	MD5STEP(F3, c, d, a, b, in[3] + 0xd4ef3085, 16);
	MD5STEP(F3, b, c, d, a, in[6] + 0x04881d05, 23);
	MD5STEP(F3, a, b, c, d, in[9] + 0xd9d4d039, 4);
	MD5STEP(F3, d, a, b, c, in[12] + 0xe6db99e5, 11);
	MD5STEP(F3, c, d, a, b, in[15] + 0x1fa27cf8, 16);
	MD5STEP(F3, b, c, d, a, in[2] + 0xc4ac5665, 23);

	MD5STEP(F4, a, b, c, d, in[0] + 0xf4292244, 6);
	MD5STEP(F4, d, a, b, c, in[7] + 0x432aff97, 10);
	MD5STEP(F4, c, d, a, b, in[14] + 0xab9423a7, 15);
	MD5STEP(F4, b, c, d, a, in[5] + 0xfc93a039, 21);
	MD5STEP(F4, a, b, c, d, in[12] + 0x655b59c3, 6);
	MD5STEP(F4, d, a, b, c, in[3] + 0x8f0ccc92, 10);
	MD5STEP(F4, c, d, a, b, in[10] + 0xffeff47d, 15);
	MD5STEP(F4, b, c, d, a, in[1] + 0x85845dd1, 21);
	MD5STEP(F4, a, b, c, d, in[8] + 0x6fa87e4f, 6);
	MD5STEP(F4, d, a, b, c, in[15] + 0xfe2ce6e0, 10);
	MD5STEP(F4, c, d, a, b, in[6] + 0xa3014314, 15);
	MD5STEP(F4, b, c, d, a, in[13] + 0x4e0811a1, 21);
	MD5STEP(F4, a, b, c, d, in[4] + 0xf7537e82, 6);
	MD5STEP(F4, d, a, b, c, in[11] + 0xbd3af235, 10);
	MD5STEP(F4, c, d, a, b, in[2] + 0x2ad7d2bb, 15);
	MD5STEP(F4, b, c, d, a, in[9] + 0xeb86d391, 21);

	hash[0] += a;
	hash[1] += b;
	hash[2] += c;
	hash[3] += d;
}

/* ---- the secrets ----------------------------------------------------- */

/*
 * The fixed-secret generator (connscope only; documented in
 * docs/divergences.md so that a student can recompute it):
 *   x_n = secret_seed + n * 0x9e3779b9 (mod 2^32), n = 1, 2, 3, ...
 *   out_n = lowbias32(x_n)
 *   net_secret[i] = out_(i+1) for i = 0..15;
 *   inet_ehash_secret = the first non-zero out_n for n = 17, 18, ...
 * lowbias32 (C. Wellons' integer hash) is a bijection with lowbias32(0) = 0.
 */
#define SECRET_GAMMA 0x9e3779b9u
#define SECRET_EHASH_FIRST 17

/* out_n of the fixed-secret generator: lowbias32(seed + n * gamma). */
static u32 cs_fixed_secret_word(u32 seed, u32 n)
{
	u32 x = seed + n * SECRET_GAMMA;

	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

/* get_random_bytes(): getrandom(2), retried until the buffer is full. */
static void get_random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("connscope: getrandom");
			abort();
		}
		p += n;
		len -= (size_t)n;
	}
}

/*
 * net_secret_init - mirrors net/core/secure_seq.c net_secret_init (3.10.4):
 * fill the 16-word net_secret once, from getrandom() or, with
 * connscope.fixed_secrets, from the seed.  Words may be zero, as in 3.10.4
 * (3.10.105 forces each word non-zero).  Caller: build_ehash_secret, under
 * secret_lock.
 */
void net_secret_init(struct net *net)
{
	if (!net->sysctl.fixed_secrets) {
		get_random_bytes(net->net_secret, sizeof(net->net_secret));
		return;
	}
	for (u32 i = 0; i < 16; i++)
		net->net_secret[i] = cs_fixed_secret_word(net->sysctl.secret_seed, i + 1);
}

/* Serialises the first-socket set-up of every stack (the kernel's cmpxchg). */
static pthread_mutex_t secret_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * build_ehash_secret - mirrors net/ipv4/af_inet.c build_ehash_secret (3.10):
 * called by inet_create for the first stream socket; sets the non-zero
 * inet_ehash_secret and fills net_secret, once per stack.  Safe to call on
 * every socket creation and from several threads: it returns at once when
 * the secret exists.  3.10 publishes the ehash secret with cmpxchg and then
 * fills net_secret, so a racing creator could briefly hash with a zero
 * net_secret; here both are set under a lock and the ehash secret is
 * published last.  (6.x: net_get_random_once on first use of each secret.)
 */
void build_ehash_secret(struct net *net)
{
	u32 rnd, n = SECRET_EHASH_FIRST;

	/* connscope: inet_create's test, made here for every caller. */
	if (__atomic_load_n(&net->inet_ehash_secret, __ATOMIC_ACQUIRE))
		return;

	do {
		if (net->sysctl.fixed_secrets)
			rnd = cs_fixed_secret_word(net->sysctl.secret_seed, n++);
		else
			get_random_bytes(&rnd, sizeof(rnd));
	} while (rnd == 0);

	/* connscope: the lock stands for cmpxchg(&inet_ehash_secret, 0, rnd). */
	pthread_mutex_lock(&secret_lock);
	if (!net->inet_ehash_secret) {
		net_secret_init(net);
		__atomic_store_n(&net->inet_ehash_secret, rnd, __ATOMIC_RELEASE);
		cs_trace(build_ehash_secret, net->sysctl.fixed_secrets,
			 net->sysctl.secret_seed, rnd);
	}
	pthread_mutex_unlock(&secret_lock);
}

/* ---- net/core/secure_seq.c ------------------------------------------- */

/*
 * seq_scale - secure_seq.c: add the 64 ns clock (CLOCK_REALTIME in ns >> 6,
 * wrapping every ~274 s) to the hash, so that sequence numbers of one
 * 4-tuple keep moving forward.  connscope.fixed_clock_ns freezes that
 * clock (in net_ktime_get_real_ns).
 */
static u32 seq_scale(struct net *net, u32 seq)
{
	return seq + (u32)(net_ktime_get_real_ns(net) >> 6);
}

/*
 * secure_tcp_sequence_number - mirrors secure_seq.c (3.10): the initial
 * sequence number of a connection.  h = {saddr, daddr, sport << 16 | dport,
 * net_secret[15]} with addresses and ports as raw network-order values; one
 * MD5 block keyed by net_secret; ISN = h[0] + clock.  Called by
 * tcp_v4_connect with the socket locked; reads only the immutable secret.
 * (6.x: secure_tcp_seq, SipHash over the same 4-tuple, same clock.)
 */
u32 secure_tcp_sequence_number(struct net *net, __be32 saddr, __be32 daddr,
			       __be16 sport, __be16 dport)
{
	u32 hash[MD5_DIGEST_WORDS];
	u32 isn;

	hash[0] = (u32)saddr;
	hash[1] = (u32)daddr;
	hash[2] = ((u32)sport << 16) + (u32)dport;
	hash[3] = net->net_secret[15];

	md5_transform(hash, net->net_secret);

	isn = seq_scale(net, hash[0]);
	cs_trace(secure_tcp_sequence_number, saddr, daddr, ntohs(sport),
		 ntohs(dport), hash[0], isn);
	return isn;
}

/*
 * secure_ipv4_port_ephemeral - mirrors secure_seq.c (3.10): the per-
 * destination offset __inet_hash_connect adds to its port hint.
 * h = {saddr, daddr, dport ^ net_secret[14], net_secret[15]}; one MD5 block
 * keyed by net_secret; result h[0].  No clock term in 3.10 (6.x: 64-bit
 * SipHash that also mixes in jiffies / 10 s).
 */
u32 secure_ipv4_port_ephemeral(struct net *net, __be32 saddr, __be32 daddr,
			       __be16 dport)
{
	u32 hash[MD5_DIGEST_WORDS];

	hash[0] = (u32)saddr;
	hash[1] = (u32)daddr;
	hash[2] = (u32)dport ^ net->net_secret[14];
	hash[3] = net->net_secret[15];

	md5_transform(hash, net->net_secret);

	cs_trace(secure_ipv4_port_ephemeral, saddr, daddr, ntohs(dport), hash[0]);
	return hash[0];
}

/* ---- include/linux/jhash.h (3.10) ------------------------------------ */

#define JHASH_INITVAL 0xdeadbeefu

/* __jhash_final: Bob Jenkins' lookup3 final() mix of (a, b, c) into c. */
#define __jhash_final(a, b, c)			\
{						\
	c ^= b; c -= rol32(b, 14);		\
	a ^= c; a -= rol32(c, 11);		\
	b ^= a; b -= rol32(a, 25);		\
	c ^= b; c -= rol32(b, 16);		\
	a ^= c; a -= rol32(c, 4);		\
	b ^= a; b -= rol32(a, 14);		\
	c ^= b; c -= rol32(b, 24);		\
}

/*
 * jhash_3words - mirrors include/linux/jhash.h jhash_3words (3.10): a and b
 * get JHASH_INITVAL, c gets @initval, then the final mix; returns c.  Pure.
 * 6.x adds (initval + JHASH_INITVAL + 12) to all three words instead, so
 * the two versions give different hashes for the same input.
 */
u32 jhash_3words(u32 a, u32 b, u32 c, u32 initval)
{
	a += JHASH_INITVAL;
	b += JHASH_INITVAL;
	c += initval;

	__jhash_final(a, b, c);
	return c;
}

/* secure_ip_id - (3.10.4; removed in 3.10.105 with
 * the inetpeer-based IDs).  Reads net_secret as it is: 3.10.4 does not
 * call net_secret_init here, so before the first TCP socket it is zero. */
u32 secure_ip_id(struct net *net, __be32 daddr)
{
	u32 hash[MD5_DIGEST_WORDS];

	hash[0] = (u32)daddr;
	hash[1] = net->net_secret[13];
	hash[2] = net->net_secret[14];
	hash[3] = net->net_secret[15];
	md5_transform(hash, net->net_secret);
	return hash[0];
}
