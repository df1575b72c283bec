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

/* RFC 1321 constants: md5_k[i] = floor(2^32 * |sin(i + 1)|). */
static const u32 md5_k[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
	0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* RFC 1321 per-round rotation amounts, by step number modulo 4. */
static const u8 md5_shift[4][4] = {
	{ 7, 12, 17, 22 }, { 5, 9, 14, 20 }, { 4, 11, 16, 23 }, { 6, 10, 15, 21 },
};

/*
 * md5_round_fn - the round function of step @i on (b, c, d) and the index
 * of the message word that step consumes (RFC 1321 section 3.4).
 */
static u32 md5_round_fn(int i, u32 b, u32 c, u32 d, int *word)
{
	switch (i / 16) {
	case 0:
		*word = i;
		return d ^ (b & (c ^ d));		/* F: b ? c : d */
	case 1:
		*word = (5 * i + 1) % 16;
		return c ^ (d & (b ^ c));		/* G: d ? b : c */
	case 2:
		*word = (3 * i + 5) % 16;
		return b ^ c ^ d;			/* H: parity */
	default:
		*word = (7 * i) % 16;
		return c ^ (b | ~d);			/* I */
	}
}

/*
 * md5_transform - mirrors lib/md5.c md5_transform: one application of the
 * MD5 compression function to the 4-word chaining state @hash with the
 * 16-word block @in (words in host order; no padding, no length).  Pure.
 */
void md5_transform(u32 *hash, const u32 *in)
{
	u32 a = hash[0], b = hash[1], c = hash[2], d = hash[3];

	for (int i = 0; i < 64; i++) {
		int word;
		u32 f = md5_round_fn(i, b, c, d, &word);
		u32 sum = a + f + md5_k[i] + in[word];

		a = d;
		d = c;
		c = b;
		b = b + rol32(sum, md5_shift[i / 16][i % 4]);
	}
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

static u32 lowbias32(u32 x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static u32 fixed_secret_word(u32 seed, u32 n)
{
	return lowbias32(seed + n * SECRET_GAMMA);
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
		net->net_secret[i] = fixed_secret_word(net->sysctl.secret_seed, i + 1);
}

/* The non-zero candidate for inet_ehash_secret (the kernel's do/while loop). */
static u32 ehash_secret_draw(struct net *net)
{
	u32 rnd;
	u32 n = SECRET_EHASH_FIRST;

	do {
		if (net->sysctl.fixed_secrets)
			rnd = fixed_secret_word(net->sysctl.secret_seed, n++);
		else
			get_random_bytes(&rnd, sizeof(rnd));
	} while (rnd == 0);
	return rnd;
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
	u32 rnd;

	if (__atomic_load_n(&net->inet_ehash_secret, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&secret_lock);
	if (!net->inet_ehash_secret) {
		rnd = ehash_secret_draw(net);
		net_secret_init(net);
		__atomic_store_n(&net->inet_ehash_secret, rnd, __ATOMIC_RELEASE);
		cs_trace(build_ehash_secret, net->sysctl.fixed_secrets,
			 net->sysctl.secret_seed, rnd);
	}
	pthread_mutex_unlock(&secret_lock);
}

/* ---- net/core/secure_seq.c ------------------------------------------- */

/*
 * seq_scale - mirrors secure_seq.c seq_scale: add the 64 ns clock
 * (CLOCK_REALTIME in ns >> 6, wrapping every ~274 s) to the hash.
 * connscope.fixed_clock_ns freezes that clock (in net_ktime_get_real_ns).
 */
static u32 seq_scale(struct net *net, u32 seq, u32 *clock_term)
{
	*clock_term = (u32)(net_ktime_get_real_ns(net) >> 6);
	return seq + *clock_term;
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
	u32 clock_term, isn;

	hash[0] = (u32)saddr;
	hash[1] = (u32)daddr;
	hash[2] = ((u32)sport << 16) + (u32)dport;
	hash[3] = net->net_secret[15];

	md5_transform(hash, net->net_secret);

	isn = seq_scale(net, hash[0], &clock_term);
	cs_trace(secure_tcp_sequence_number, saddr, daddr, ntohs(sport),
		 ntohs(dport), hash[0], clock_term, isn);
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
static void jhash_final(u32 *a, u32 *b, u32 *c)
{
	*c ^= *b;
	*c -= rol32(*b, 14);
	*a ^= *c;
	*a -= rol32(*c, 11);
	*b ^= *a;
	*b -= rol32(*a, 25);
	*c ^= *b;
	*c -= rol32(*b, 16);
	*a ^= *c;
	*a -= rol32(*c, 4);
	*b ^= *a;
	*b -= rol32(*a, 14);
	*c ^= *b;
	*c -= rol32(*b, 24);
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

	jhash_final(&a, &b, &c);
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
