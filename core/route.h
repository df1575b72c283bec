/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * route.h - struct rtable and a small FIB: the stack's local address, its
 * connected subnet, loopback, and an optional default gateway
 * (include/net/route.h, net/ipv4/route.c, Linux 3.10).
 */
#ifndef CS_ROUTE_H
#define CS_ROUTE_H

#include <stdatomic.h>
#include <arpa/inet.h>
#include "types.h"
#include "sock.h"

struct net;
struct sock;
struct flowi4;
struct sk_buff;

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

/* include/linux/inetdevice.h: an IPv4 address of a device, and the
 * device's IPv4 state (dev->ip_ptr): its address list.  A device holds one
 * address here, which is primary. */
struct in_ifaddr {
	struct in_ifaddr *ifa_next;
	__be32 ifa_local;
	__be32 ifa_address;		/* the same as ifa_local: no peer address */
	__be32 ifa_mask;
	unsigned char ifa_scope;
	unsigned char ifa_prefixlen;
};

struct in_device {
	struct in_ifaddr *ifa_list;
	struct in_ifaddr ifa;		/* the one entry ifa_list can hold */
};

/* inet_make_mask - the netmask of a prefix length, network order. */
static inline __be32 inet_make_mask(unsigned int logmask)
{
	return logmask ? htonl(~0U << (32 - logmask)) : 0;
}

/* inet_ifa_match - @addr is on the subnet of @ifa. */
static inline bool inet_ifa_match(__be32 addr, const struct in_ifaddr *ifa)
{
	return !((addr ^ ifa->ifa_address) & ifa->ifa_mask);
}

/* The primary addresses of @in_dev (no secondary ones exist here). */
#define for_primary_ifa(in_dev) { const struct in_ifaddr *ifa; \
	for (ifa = (in_dev)->ifa_list; ifa; ifa = ifa->ifa_next)
#define endfor_ifa(in_dev) }
#define FLOWI_FLAG_ANYSRC 0x01
#define FLOWI_FLAG_CAN_SLEEP 0x04

struct rtable {
	atomic_int refcnt;
	u16 rt_type;			/* RTN_* */
	unsigned int rt_flags;		/* RTCF_* */
	int rt_iif;
	int rt_oif;			/* output ifindex; 1 = loopback */
	__be32 rt_gateway;		/* next hop, 0 = on link */
	unsigned int metric_advmss;	/* RTAX_ADVMSS, 0 = derived */
	unsigned int metric_hoplimit;	/* RTAX_HOPLIMIT, 0 = sysctl */
	unsigned int metric_window;	/* RTAX_WINDOW */
	unsigned int metric_initrwnd;	/* RTAX_INITRWND */
	unsigned int metric_initcwnd;	/* RTAX_INITCWND */
	bool obsolete;
	struct net *net;		/* dev_net(dst->dev) */
	unsigned int dev_mtu;		/* dst->dev->mtu */
	u32 rt_pmtu;			/* learnt path MTU, 0 = none */
	unsigned long expires;		/* dst.expires: when rt_pmtu lapses */
	int error;			/* dst.error of an input route (ip_error) */
	bool rt_is_input;
	bool rt_uses_gateway;
	int (*input)(struct sk_buff *skb);	/* dst.input */
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
	u8 nh_scope;			/* the nexthop's scope (fib_check_nh) */
	u8 table;			/* RT_TABLE_LOCAL or RT_TABLE_MAIN */
};

#define RT_TABLE_MAIN 254
#define RT_TABLE_LOCAL 255

/* struct fib_result, reduced: the entry that matched and what it says. */
struct fib_result {
	unsigned char prefixlen;
	unsigned char type;
	unsigned char scope;
	const struct fib_entry *fi;
};

#define CS_FIB_MAX 16

struct fib_table {
	int n;
	struct fib_entry e[CS_FIB_MAX];
};

#define LOOPBACK_IFINDEX 1
#define IP_MAX_MTU 0xFFF0		/* net/ipv4/route.c */
#define RTO_ONLINK 0x01
#define IPTOS_TOS_MASK 0x1E
#define IPTOS_RT_MASK (IPTOS_TOS_MASK & ~3)
#define RT_TOS(tos) ((tos) & IPTOS_TOS_MASK)

/* The address classes of include/linux/in.h: 224/4, 224.0.0/24,
 * 255.255.255.255, 0/8 and 127/8. */
static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_local_multicast(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(0xffffffff);
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x00000000);
}

static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

/* flowi4_init_output / flowi4_update_output (include/net/flow.h). */
static inline void flowi4_init_output(struct flowi4 *fl4, int oif, u32 mark, u8 tos, u8 scope,
			u8 proto, u8 flags, __be32 daddr, __be32 saddr,
			__be16 dport, __be16 sport)
{
	fl4->flowi4_oif = oif;
	fl4->flowi4_mark = mark;
	fl4->flowi4_tos = tos;
	fl4->flowi4_scope = scope;
	fl4->flowi4_proto = proto;
	fl4->flowi4_flags = flags;
	fl4->daddr = daddr;
	fl4->saddr = saddr;
	fl4->fl4_dport = dport;
	fl4->fl4_sport = sport;
}

static inline void flowi4_update_output(struct flowi4 *fl4, int oif, u8 tos, __be32 daddr,
			  __be32 saddr)
{
	fl4->flowi4_oif = oif;
	fl4->flowi4_tos = tos;
	fl4->daddr = daddr;
	fl4->saddr = saddr;
}

/* rt_nexthop: the gateway, or the destination itself when on link. */
static inline __be32 rt_nexthop(const struct rtable *rt, __be32 daddr)
{
	return rt->rt_gateway ? rt->rt_gateway : daddr;
}

/* Build the FIB from the stack's address/prefix and optional gateway. */
int cs_fib_table_init(struct net *net, __be32 addr, unsigned int prefixlen, __be32 gw);
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

/* fib_frontend.c (net/ipv4/fib_frontend.c, fib_trie.c lookups) */
int fib_lookup(struct net *net, const struct flowi4 *fl4, struct fib_result *res);
unsigned int inet_addr_type(struct net *net, __be32 addr);
/* fib_info_update_nh_saddr (fib_semantics.c) - the source inet_select_addr
 * picks on the route's device for its gateway, within the route's scope. */
__be32 fib_info_update_nh_saddr(struct net *net, const struct fib_entry *fi);
/* include/net/ip_fib.h: the route's device and source.  3.10 keeps the
 * source in the nexthop until an address changes (nh_saddr_genid); with
 * fixed addresses connscope computes it each time: the same value. */
#define FIB_RES_OIF(res) ((res).fi->oif)
#define FIB_RES_NH(res) (*(res).fi)	/* the one nexthop is the entry */
#define FIB_RES_SADDR(net, res) fib_info_update_nh_saddr((net), (res).fi)
#define FIB_RES_PREFSRC(net, res) \
	((res).fi->prefsrc ? (res).fi->prefsrc : FIB_RES_SADDR(net, res))
struct sk_buff;
/* fib_compute_spec_dst - the local address a received packet was for (the
 * source of a reply to it). */
__be32 fib_compute_spec_dst(struct sk_buff *skb);

/* route.c: input routing and the rest of dst_ops. */
struct sk_buff;
struct net_device;
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			 u8 tos, struct net_device *dev);
struct rtable *ip_route_output_ports(struct net *net, struct flowi4 *fl4,
				     struct sock *sk, __be32 daddr, __be32 saddr,
				     __be16 dport, __be16 sport, u8 proto,
				     u8 tos, int oif);
/* ip_route_output_key - ip_route_output_flow without a socket. */
struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4);
/* __sk_dst_check - the socket's cached route, unless it became obsolete
 * (then it is dropped and NULL returned). */
struct rtable *__sk_dst_check(struct sock *sk);
/* ip4_dst_hoplimit - the route's hop limit metric or ip_default_ttl. */
int ip4_dst_hoplimit(const struct rtable *rt);
/* ipv4_link_failure - dst_link_failure for IPv4: tell the sender. */
void ipv4_link_failure(struct sk_buff *skb);
/* ip_rt_update_pmtu - __ip_rt_update_pmtu on this route (ICMP FRAG_NEEDED). */
void ip_rt_update_pmtu(struct rtable *rt, u32 mtu);
/* ip_error - input route to nowhere: count and drop (forwarding is off). */
int ip_error(struct sk_buff *skb);
/* dst_input (include/net/dst.h) - hand a received packet to its route's
 * input: ip_local_deliver or ip_error. */
int dst_input(struct sk_buff *skb);
struct iphdr;
void __ip_select_ident(struct net *net, struct iphdr *iph, int more);

/* __in_dev_get_rcu - the IPv4 state of @dev (every device has one; a
 * macro, as struct net_device comes after this header). */
#define __in_dev_get_rcu(dev) ((const struct in_device *)&(dev)->ip_ptr)

/* The per-device sysctls ip_route_input_slow and fib_validate_source read
 * (include/linux/inetdevice.h), at 3.10's defaults: rp_filter 0,
 * accept_local 0, send_redirects 1. */
#define IN_DEV_RPFILTER(idev) 0
#define IN_DEV_ACCEPT_LOCAL(idev) 0
#define IN_DEV_TX_REDIRECTS(idev) 1

/* fib_validate_source - check the source of a received packet against the
 * FIB; 0 (or 1: directly connected), -EINVAL for a martian source. */
int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos, int oif,
			struct net_device *dev, const struct in_device *idev, u32 *itag);

/* devinet.c (net/ipv4/devinet.c) */
/* cs_inet_insert_ifa - give @dev the address @local/@prefixlen of @scope,
 * as `ip addr add` does through inet_insert_ifa (the FIB routes it brings
 * are cs_fib_table_init's). */
void cs_inet_insert_ifa(struct net_device *dev, __be32 local, unsigned int prefixlen,
			int scope);
struct net_device *dev_get_by_index(struct net *net, int ifindex);
struct net_device *__ip_dev_find(struct net *net, __be32 addr);
__be32 inet_select_addr(struct net *net, const struct net_device *dev,
			__be32 dst, int scope);
bool ip_check_mc_rcu(const struct net_device *dev, __be32 mc_addr);

#endif
