/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * route.h - struct rtable and a small FIB: the stack's local address, its
 * connected subnet, loopback, and an optional default gateway
 * (include/net/route.h, net/ipv4/route.c, Linux 3.10).
 */
#ifndef CS_ROUTE_H
#define CS_ROUTE_H

#include <stdatomic.h>
#include "types.h"

struct net;
struct sock;
struct flowi4;

/* rtm_type values (include/uapi/linux/rtnetlink.h) */
enum { RTN_UNSPEC, RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST,
       RTN_MULTICAST, RTN_BLACKHOLE, RTN_UNREACHABLE };

/* rt_flags (include/uapi/linux/in_route.h) */
#define RTCF_NOTIFY 0x00010000
#define RTCF_LOCAL 0x80000000
#define RTCF_BROADCAST 0x10000000
#define RTCF_MULTICAST 0x20000000

#define RT_SCOPE_UNIVERSE 0
#define RT_SCOPE_LINK 253
#define RT_SCOPE_HOST 254
#define FLOWI_FLAG_ANYSRC 0x01
#define FLOWI_FLAG_CAN_SLEEP 0x04

struct rtable {
	atomic_int refcnt;
	u16 rt_type;			/* RTN_* */
	unsigned int rt_flags;		/* RTCF_* */
	int rt_iif;
	int rt_oif;			/* output ifindex; 1 = loopback */
	__be32 rt_gateway;		/* next hop, 0 = on link */
	__be32 rt_src, rt_dst;		/* the flow the route was made for */
	unsigned int mtu;		/* dst_mtu */
	unsigned int metric_advmss;	/* RTAX_ADVMSS, 0 = derived */
	unsigned int metric_hoplimit;	/* RTAX_HOPLIMIT, 0 = sysctl */
	unsigned int metric_window;	/* RTAX_WINDOW */
	unsigned int metric_initrwnd;	/* RTAX_INITRWND */
	unsigned int metric_initcwnd;	/* RTAX_INITCWND */
	bool obsolete;
};

/* A FIB entry: prefix/len -> type, gateway, preferred source. */
struct fib_entry {
	__be32 prefix;
	unsigned int len;
	u16 type;			/* RTN_LOCAL, RTN_UNICAST, RTN_BROADCAST */
	__be32 gateway;
	__be32 prefsrc;
	int oif;
	u8 scope;
};

#define CS_FIB_MAX 16

struct fib_table {
	int n;
	struct fib_entry e[CS_FIB_MAX];
};

/* Build the FIB from the stack's address/prefix and optional gateway. */
int fib_table_init(struct net *net, __be32 addr, unsigned int prefixlen, __be32 gw);
/* Lookups return a held route or ERR_PTR(-errno). */
struct rtable *__ip_route_output_key(struct net *net, struct flowi4 *fl4);
struct rtable *ip_route_output_flow(struct net *net, struct flowi4 *fl4,
				    struct sock *sk);
struct rtable *ip_route_connect(struct flowi4 *fl4, __be32 dst, __be32 src,
				u32 tos, int oif, u8 protocol, __be16 sport,
				__be16 dport, struct sock *sk, bool can_sleep);
struct rtable *ip_route_newports(struct flowi4 *fl4, struct rtable *rt,
				 __be16 orig_sport, __be16 orig_dport,
				 __be16 sport, __be16 dport, struct sock *sk);
void ip_rt_put(struct rtable *rt);
struct rtable *dst_clone(struct rtable *rt);
unsigned int dst_mtu(const struct rtable *rt);
unsigned int dst_metric_advmss(const struct rtable *rt);
/* RT_CONN_FLAGS(sk): RT_TOS(inet->tos) | sock_flag(sk, SOCK_LOCALROUTE) */
u8 RT_CONN_FLAGS(const struct sock *sk);
bool ipv4_is_multicast(__be32 addr);
bool ipv4_is_lbcast(__be32 addr);
bool ipv4_is_zeronet(__be32 addr);
bool ipv4_is_loopback(__be32 addr);

#endif
