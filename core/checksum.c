// SPDX-License-Identifier: GPL-2.0-only
/*
 * checksum.c - the Internet checksum (RFC 1071) as the kernel computes it
 * (lib/checksum.c, include/asm-generic/checksum.h, Linux 3.10).
 *
 * Sums are kept as the kernel keeps them: 16-bit words read in host byte
 * order and added with end-around carry.  One's-complement addition does not
 * depend on byte order, so storing the folded result back in host order puts
 * the right bytes on the wire.
 */
#include <string.h>
#include <arpa/inet.h>
#include "ip.h"

/* Fold a 64-bit accumulator into 32 bits with end-around carries. */
static u32 csum_from64(u64 sum)
{
	sum = (sum & 0xffffffffULL) + (sum >> 32);
	sum = (sum & 0xffffffffULL) + (sum >> 32);
	return (u32)sum;
}

/* csum_partial - add the 16-bit words of @buf (an odd last byte is padded
 * with zero, as RFC 1071 says) to the partial sum @sum. */
u32 csum_partial(const void *buf, unsigned int len, u32 sum)
{
	const unsigned char *p = buf;
	u64 acc = sum;
	unsigned int i;

	for (i = 0; i + 1 < len; i += 2) {
		u16 w;

		memcpy(&w, p + i, 2);
		acc += w;
	}
	if (len & 1) {
		unsigned char last[2] = { p[len - 1], 0 };
		u16 w;

		memcpy(&w, last, 2);
		acc += w;
	}
	return csum_from64(acc);
}

/* csum_fold - fold a 32-bit partial sum to 16 bits and complement it. */
u16 csum_fold(u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/* ip_fast_csum - the IPv4 header checksum over @ihl 32-bit words; 0 when
 * checking a header whose check field is already right. */
u16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

/* csum_tcpudp_nofold - add the TCP/UDP pseudo-header (source, destination,
 * zero, protocol, length) to @sum, unfolded. */
u32 csum_tcpudp_nofold(__be32 saddr, __be32 daddr, unsigned int len, u8 proto,
		       u32 sum)
{
	u64 acc = sum;

	acc += csum_partial(&saddr, 4, 0);
	acc += csum_partial(&daddr, 4, 0);
	acc += htons((u16)proto);
	acc += htons((u16)len);
	return csum_from64(acc);
}
