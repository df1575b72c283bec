/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * secure_seq.h - ISN and ephemeral-port offset (net/core/secure_seq.c, 3.10)
 * and the hash primitives they use (lib/md5.c md5_transform, jhash).
 */
#ifndef CS_SECURE_SEQ_H
#define CS_SECURE_SEQ_H

#include "types.h"

struct net;

#define MD5_DIGEST_WORDS 4
#define MD5_MESSAGE_BYTES 64

/* lib/md5.c: one application of the MD5 compression function. */
void md5_transform(u32 *hash, const u32 *in);

/* net_secret / inet_ehash_secret set-up (net_secret_init, build_ehash_secret). */
void net_secret_init(struct net *net);
void build_ehash_secret(struct net *net);

u32 secure_tcp_sequence_number(struct net *net, __be32 saddr, __be32 daddr,
			       __be16 sport, __be16 dport);
u32 secure_ipv4_port_ephemeral(struct net *net, __be32 saddr, __be32 daddr,
			       __be16 dport);

/* secure_ip_id (3.10.4): the first IP ID of a new inet_peer entry.
 * h = {daddr, net_secret[13], net_secret[14], net_secret[15]}, one MD5
 * block keyed by net_secret, result h[0].  Defined in core/inetpeer.c,
 * its only user besides route.c's fallback. */
u32 secure_ip_id(struct net *net, __be32 daddr);

/* include/linux/jhash.h (3.10 form) */
u32 jhash_3words(u32 a, u32 b, u32 c, u32 initval);

#endif
