// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_secure_seq.c - core/secure_seq.c: md5_transform against RFC 1321,
 * jhash_3words against Bob Jenkins' lookup3, the ISN and port-offset
 * formulas of 3.10 written out here, and the secret set-up.
 *
 * Expected values never come from the code under test: MD5 digests are the
 * RFC's, jhash values come from a lookup3 written here (itself checked with
 * Jenkins' published vectors), and the ISN is rebuilt from its formula
 * (using md5_transform, which the RFC vectors prove separately).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "clock.h"
#include "secure_seq.h"

/* ---- MD5 (RFC 1321 appendix A.5) ---------------------------------------- */

/* Pad @msg into 64-byte blocks (RFC 1321 3.1-3.2), run md5_transform on each;
 * write the 16-byte digest as lowercase hex. */
static void md5_hex(const char *msg, char hex[33])
{
	size_t len = strlen(msg);
	size_t total = (len + 8) / 64 * 64 + 64;
	unsigned char *buf = calloc(1, total);
	u32 state[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	u64 bits = (u64)len * 8;

	memcpy(buf, msg, len);
	buf[len] = 0x80;
	for (int i = 0; i < 8; i++)
		buf[total - 8 + i] = (unsigned char)(bits >> (8 * i));
	for (size_t off = 0; off < total; off += 64) {
		u32 block[16];

		for (int w = 0; w < 16; w++) {
			const unsigned char *p = buf + off + 4 * w;

			block[w] = (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
				   (u32)p[3] << 24;
		}
		md5_transform(state, block);
	}
	for (int i = 0; i < 16; i++)
		sprintf(hex + 2 * i, "%02x", (state[i / 4] >> (8 * (i % 4))) & 0xff);
	free(buf);
}

static void test_md5_rfc1321(void)
{
	static const struct { const char *msg, *digest; } v[] = {
		{ "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
		/* two blocks: proves the chaining (hash[i] += ...) */
		{ "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		  "57edf4a22be3c955ac49da2e2107b67a" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char hex[33];

		STEP("MD5(\"%s\") with md5_transform on padded blocks", v[i].msg);
		md5_hex(v[i].msg, hex);
		EXPECT(strcmp(hex, v[i].digest) == 0);
	}
}

/* ---- jhash: an independent lookup3 (Bob Jenkins, public domain) --------- */

static u32 rot(u32 x, int k)
{
	return (x << k) | (x >> (32 - k));
}

static void ref_mix(u32 *a, u32 *b, u32 *c)
{
	*a -= *c; *a ^= rot(*c, 4);  *c += *b;
	*b -= *a; *b ^= rot(*a, 6);  *a += *c;
	*c -= *b; *c ^= rot(*b, 8);  *b += *a;
	*a -= *c; *a ^= rot(*c, 16); *c += *b;
	*b -= *a; *b ^= rot(*a, 19); *a += *c;
	*c -= *b; *c ^= rot(*b, 4);  *b += *a;
}

static void ref_final(u32 *a, u32 *b, u32 *c)
{
	*c ^= *b; *c -= rot(*b, 14);
	*a ^= *c; *a -= rot(*c, 11);
	*b ^= *a; *b -= rot(*a, 25);
	*c ^= *b; *c -= rot(*b, 16);
	*a ^= *c; *a -= rot(*c, 4);
	*b ^= *a; *b -= rot(*a, 14);
	*c ^= *b; *c -= rot(*b, 24);
}

/* lookup3 hashlittle, byte by byte (little-endian words). */
static u32 ref_hashlittle(const void *key, size_t length, u32 initval)
{
	const unsigned char *k = key;
	u32 a, b, c;

	a = b = c = 0xdeadbeef + (u32)length + initval;
	while (length > 12) {
		a += k[0] | (u32)k[1] << 8 | (u32)k[2] << 16 | (u32)k[3] << 24;
		b += k[4] | (u32)k[5] << 8 | (u32)k[6] << 16 | (u32)k[7] << 24;
		c += k[8] | (u32)k[9] << 8 | (u32)k[10] << 16 | (u32)k[11] << 24;
		ref_mix(&a, &b, &c);
		length -= 12;
		k += 12;
	}
	if (length == 0)
		return c;
	for (size_t i = 0; i < length; i++) {
		u32 byte = (u32)k[i] << (8 * (i % 4));

		if (i < 4)
			a += byte;
		else if (i < 8)
			b += byte;
		else
			c += byte;
	}
	ref_final(&a, &b, &c);
	return c;
}

/* lookup3 hashword for three words. */
static u32 ref_hashword3(u32 k0, u32 k1, u32 k2, u32 initval)
{
	u32 a, b, c;

	a = b = c = 0xdeadbeef + (3 << 2) + initval;
	c += k2;
	b += k1;
	a += k0;
	ref_final(&a, &b, &c);
	return c;
}

/*
 * 3.10's jhash_3words(a, b, c, iv) starts from (a + 0xdeadbeef,
 * b + 0xdeadbeef, c + iv); hashword3(k, 0) starts from
 * (k0 + 0xdeadbeef + 12, k1 + 0xdeadbeef + 12, k2 + 0xdeadbeef + 12).
 * So jhash_3words(a, b, c, iv) = hashword3(a - 12, b - 12,
 * c + iv - 0xdeadbeef - 12, 0).
 */
static u32 expected_jhash_3words(u32 a, u32 b, u32 c, u32 iv)
{
	return ref_hashword3(a - 12, b - 12, c + iv - 0xdeadbeef - 12, 0);
}

static void test_jhash_reference_is_lookup3(void)
{
	const char *s = "Four score and seven years ago";

	STEP("the test's lookup3 gives Jenkins' published driver5 values");
	EXPECT_EQ(ref_hashlittle(s, 30, 0), 0x17770551);
	EXPECT_EQ(ref_hashlittle(s, 30, 1), 0xcd628161);
}

static void test_jhash_3words(void)
{
	static const u32 in[][4] = {
		{ 0, 0, 0, 0 },
		{ 1, 2, 3, 4 },
		{ 0x0100007f, 0x0200007f, (80u << 16) | 0x5000, 0x12345678 },
		{ 0x01004d0a, 0x02004d0a, (40000u << 16) | 0x5000, 0xfffffffe },
		{ 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff },
	};

	STEP("lookup3 hashword({1,2,3}, 0) = 0xa46158f5 through jhash_3words");
	EXPECT_EQ(jhash_3words(13, 14, 3, 0xdeadbefb), 0xa46158f5);
	STEP("lookup3 final(1, 0, 0) -> c = 0x40f3f2be through jhash_3words");
	EXPECT_EQ(jhash_3words(1 - 0xdeadbeefu, 0 - 0xdeadbeefu, 0, 0), 0x40f3f2be);
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		STEP("jhash_3words(%#x, %#x, %#x, %#x) against lookup3", in[i][0],
		     in[i][1], in[i][2], in[i][3]);
		EXPECT_EQ(jhash_3words(in[i][0], in[i][1], in[i][2], in[i][3]),
			  expected_jhash_3words(in[i][0], in[i][1], in[i][2], in[i][3]));
	}
	STEP("6.x's form (all three words += iv + 0xdeadbeef + 12) differs");
	EXPECT(jhash_3words(1, 2, 3, 4) != ref_hashword3(1, 2, 3, 4));
}

/* ---- ISN and port offset ------------------------------------------------- */

#define T0_REAL_NS (1767225600ULL * 1000000000ULL + 123456789ULL)

/* A bare stack for the leaf functions: secrets, sysctls and a clock only. */
static struct net *bare_net(void)
{
	struct net *net = calloc(1, sizeof(*net));

	cs_sysctl_defaults(&net->sysctl);
	net->clock = cs_clock_virtual_new(1000ULL * 1000000000ULL, T0_REAL_NS);
	for (u32 i = 0; i < 16; i++)
		net->net_secret[i] = 0x01020304u * (i + 1) ^ 0xa5a5a5a5u;
	return net;
}

static void bare_net_free(struct net *net)
{
	cs_clock_free(net->clock);
	cs_sysctl_free(&net->sysctl);
	free(net);
}

/* The 3.10 formula, written out: h = {saddr, daddr, sport<<16 + dport,
 * secret[15]}, one MD5 block keyed by the secret, plus (ns >> 6). */
static u32 expected_isn(const u32 *secret, u32 saddr, u32 daddr, u16 sport_be,
			u16 dport_be, u64 real_ns)
{
	u32 h[4] = { saddr, daddr, ((u32)sport_be << 16) + dport_be, secret[15] };

	md5_transform(h, secret);
	return h[0] + (u32)(real_ns >> 6);
}

static void test_isn_formula(void)
{
	struct net *net = bare_net();
	u32 saddr = inet_addr("10.77.0.1"), daddr = inet_addr("10.77.0.2");
	u16 sport = htons(40000), dport = htons(80);
	u32 isn1, isn2;

	STEP("ISN at t0 for 10.77.0.1:40000 -> 10.77.0.2:80");
	isn1 = secure_tcp_sequence_number(net, saddr, daddr, sport, dport);
	EXPECT_EQ(isn1, expected_isn(net->net_secret, saddr, daddr, sport, dport,
				     T0_REAL_NS));
	STEP("advance the clock by 1 s: same 4-tuple, ISN moves by 10^9 >> 6 ticks");
	cs_clock_advance(net->clock, 1000000000ULL);
	isn2 = secure_tcp_sequence_number(net, saddr, daddr, sport, dport);
	EXPECT(isn2 != isn1);
	EXPECT_EQ(isn2, expected_isn(net->net_secret, saddr, daddr, sport, dport,
				     T0_REAL_NS + 1000000000ULL));
	EXPECT_EQ((u32)(isn2 - isn1),
		  (u32)(((T0_REAL_NS + 1000000000ULL) >> 6) - (T0_REAL_NS >> 6)));
	STEP("ports are taken raw (network order): swapping them changes the ISN");
	EXPECT(secure_tcp_sequence_number(net, saddr, daddr, dport, sport) !=
	       secure_tcp_sequence_number(net, saddr, daddr, sport, dport));
	bare_net_free(net);
}

static void test_isn_fixed_clock(void)
{
	struct net *net = bare_net();
	u32 saddr = inet_addr("10.77.0.1"), daddr = inet_addr("10.77.0.2");
	u64 frozen = 64ULL * 1000;
	u32 isn1;

	STEP("connscope.fixed_clock_ns=%llu freezes the clock term", (unsigned long long)frozen);
	net->sysctl.fixed_clock_ns = frozen;
	isn1 = secure_tcp_sequence_number(net, saddr, daddr, htons(1), htons(2));
	EXPECT_EQ(isn1, expected_isn(net->net_secret, saddr, daddr, htons(1),
				     htons(2), frozen));
	cs_clock_advance(net->clock, 5000000000ULL);
	EXPECT_EQ(secure_tcp_sequence_number(net, saddr, daddr, htons(1), htons(2)),
		  isn1);
	bare_net_free(net);
}

static void test_port_ephemeral(void)
{
	struct net *net = bare_net();
	u32 saddr = inet_addr("10.77.0.1"), daddr = inet_addr("10.77.0.2");
	u16 dport = htons(80);
	u32 h[4] = { saddr, daddr, (u32)dport ^ net->net_secret[14],
		     net->net_secret[15] };
	u32 off;

	STEP("offset = md5({saddr, daddr, dport ^ s[14], s[15]}, s)[0]");
	md5_transform(h, net->net_secret);
	off = secure_ipv4_port_ephemeral(net, saddr, daddr, dport);
	EXPECT_EQ(off, h[0]);
	STEP("no clock term in 3.10: the offset is the same a minute later");
	cs_clock_advance(net->clock, 60ULL * 1000000000ULL);
	EXPECT_EQ(secure_ipv4_port_ephemeral(net, saddr, daddr, dport), off);
	STEP("another destination port gives another offset");
	EXPECT(secure_ipv4_port_ephemeral(net, saddr, daddr, htons(81)) != off);
	bare_net_free(net);
}

/* ---- secrets --------------------------------------------------------------- */

/* The generator of docs/divergences.md, written out again. */
static u32 gen_word(u32 seed, u32 n)
{
	u32 x = seed + n * 0x9e3779b9u;

	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static void test_fixed_secrets(void)
{
	struct net *net = bare_net();
	u32 seed = 12345;

	STEP("fixed_secrets=1 secret_seed=%u: net_secret[i] = gen(seed, i + 1)", seed);
	memset(net->net_secret, 0, sizeof(net->net_secret));
	net->sysctl.fixed_secrets = 1;
	net->sysctl.secret_seed = seed;
	build_ehash_secret(net);
	for (u32 i = 0; i < 16; i++)
		EXPECT_EQ(net->net_secret[i], gen_word(seed, i + 1));
	EXPECT_EQ(net->inet_ehash_secret, gen_word(seed, 17));
	EXPECT(net->inet_ehash_secret != 0);
	STEP("a second call keeps the secrets (set once per stack)");
	net->sysctl.secret_seed = seed + 1;
	build_ehash_secret(net);
	EXPECT_EQ(net->inet_ehash_secret, gen_word(seed, 17));
	EXPECT_EQ(net->net_secret[0], gen_word(seed, 1));
	bare_net_free(net);
}

static void test_ehash_secret_never_zero(void)
{
	struct net *net = bare_net();
	u32 seed = 0u - 17u * 0x9e3779b9u;

	STEP("seed %#x makes candidate 17 zero: the draw must go on to 18", seed);
	EXPECT_EQ(gen_word(seed, 17), 0);
	net->sysctl.fixed_secrets = 1;
	net->sysctl.secret_seed = seed;
	build_ehash_secret(net);
	EXPECT_EQ(net->inet_ehash_secret, gen_word(seed, 18));
	EXPECT(net->inet_ehash_secret != 0);
	bare_net_free(net);
}

static void test_random_secrets(void)
{
	struct net *a = bare_net(), *b = bare_net();

	STEP("fixed_secrets=0: getrandom() secrets, different per stack, ehash non-zero");
	memset(a->net_secret, 0, sizeof(a->net_secret));
	memset(b->net_secret, 0, sizeof(b->net_secret));
	build_ehash_secret(a);
	build_ehash_secret(b);
	EXPECT(a->inet_ehash_secret != 0);
	EXPECT(b->inet_ehash_secret != 0);
	EXPECT(memcmp(a->net_secret, b->net_secret, sizeof(a->net_secret)) != 0);
	bare_net_free(a);
	bare_net_free(b);
}

static void test_first_socket_sets_secrets(void)
{
	static const char *const ctl[] = { "connscope.fixed_secrets=1",
					   "connscope.secret_seed=7", NULL };
	struct test_stack *ts = ts_new(ctl);
	int fd;

	STEP("the stack starts with no ehash secret");
	EXPECT_EQ(ts->net->inet_ehash_secret, 0);
	STEP("the first stream socket draws them (inet_create -> build_ehash_secret)");
	fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	EXPECT(fd >= 0);
	EXPECT_EQ(ts->net->inet_ehash_secret, gen_word(7, 17));
	EXPECT_EQ(ts->net->net_secret[15], gen_word(7, 16));
	cs_close(ts->net, fd);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("secure_seq", NULL, NULL);

	CU_add_test(s, "md5_transform gives RFC 1321 digests", test_md5_rfc1321);
	CU_add_test(s, "test lookup3 matches Jenkins' vectors", test_jhash_reference_is_lookup3);
	CU_add_test(s, "jhash_3words is 3.10's form of lookup3", test_jhash_3words);
	CU_add_test(s, "ISN = md5 hash + ns>>6", test_isn_formula);
	CU_add_test(s, "fixed_clock_ns freezes the ISN clock", test_isn_fixed_clock);
	CU_add_test(s, "ephemeral port offset", test_port_ephemeral);
	CU_add_test(s, "fixed secrets follow the generator", test_fixed_secrets);
	CU_add_test(s, "ehash secret is never zero", test_ehash_secret_never_zero);
	CU_add_test(s, "random secrets", test_random_secrets);
	CU_add_test(s, "first socket sets the secrets", test_first_socket_sets_secrets);
}
