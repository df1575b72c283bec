// SPDX-License-Identifier: GPL-2.0-only
/*
 * route.c - IPv4 routes (net/ipv4/route.c and include/net/route.h, Linux
 * 3.10): output lookups for connect() and for every packet sent, input
 * lookups for every packet received, and the dst_ops a route carries (MTU,
 * advertised MSS, hop limit, link failure).
 *
 * 3.10 has no route cache any more (removed in 3.6): each lookup walks the
 * FIB and builds a struct rtable, which the kernel may keep in the FIB
 * nexthop; connscope always builds a fresh one.  The result is the same.
 * There is one FIB (core/fib_frontend.c) with the local and main tables,
 * two devices (lo and the stack's interface) and forwarding disabled.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"
#include "secure_seq.h"
#include "trace.h"

/* rt_dst_alloc - a new route on @dev with one reference. */
static struct rtable *rt_dst_alloc(struct net *net, const struct net_device *dev)
{
	struct rtable *rt = malloc(sizeof(*rt));	/* glibc's calloc skips tcache */

	if (!rt)
		return NULL;
	*rt = (struct rtable){ 0 };
	atomic_init(&rt->refcnt, 1);
	rt->net = net;
	rt->rt_oif = dev->ifindex;
	rt->dev_mtu = dev->mtu;
	/* 3.10's dst_alloc starts with dst_discard; ip_error with dst.error
	 * 0 drops as quietly.  The callers set the input of their route. */
	rt->input = ip_error;
	return rt;
}

/* dst_input - the route's input takes the received packet. */
int dst_input(struct sk_buff *skb)
{
	return skb_rtable(skb)->input(skb);
}

/* ip_rt_put - dst_release: drop one reference (NULL is allowed). */
void ip_rt_put(struct rtable *rt)
{
	if (rt && atomic_fetch_sub(&rt->refcnt, 1) == 1)
		free(rt);
}

/* dst_clone - take one more reference to @rt (NULL is allowed). */
struct rtable *dst_clone(struct rtable *rt)
{
	if (rt)
		atomic_fetch_add(&rt->refcnt, 1);
	return rt;
}

/* dst_mtu - ipv4_mtu: a learnt path MTU until it lapses, else the
 * device's MTU, never above IP_MAX_MTU (so loopback gives 65520). */
unsigned int dst_mtu(const struct rtable *rt)
{
	unsigned int mtu = rt->rt_pmtu;

	if (!mtu || time_after_eq(net_jiffies(rt->net), rt->expires))
		mtu = 0;
	if (mtu)
		return mtu;
	mtu = rt->dev_mtu;
	if (mtu > IP_MAX_MTU)
		mtu = IP_MAX_MTU;
	return mtu;
}

/* dst_metric_advmss - ipv4_default_advmss: the ADVMSS metric, else the
 * device MTU minus 40, at least ip_rt_min_advmss (256), at most 65495. */
unsigned int dst_metric_advmss(const struct rtable *rt)
{
	unsigned int advmss = rt->metric_advmss;

	if (advmss == 0) {
		advmss = rt->dev_mtu - 40 > 256 ? rt->dev_mtu - 40 : 256;
		if (advmss > 65535 - 40)
			advmss = 65535 - 40;
	}
	return advmss;
}

/* ip4_dst_hoplimit - the HOPLIMIT metric, else net.ipv4.ip_default_ttl. */
int ip4_dst_hoplimit(const struct rtable *rt)
{
	int hoplimit = (int)rt->metric_hoplimit;

	if (hoplimit == 0)
		hoplimit = rt->net->sysctl.ip_default_ttl;
	return hoplimit;
}

/* RT_CONN_FLAGS - the socket's TOS bits, plus RTO_ONLINK for SO_DONTROUTE. */
u8 RT_CONN_FLAGS(const struct sock *sk)
{
	return (u8)(RT_TOS(inet_sk(sk)->tos) | (sock_flag(sk, SOCK_LOCALROUTE) ? RTO_ONLINK : 0));
}

/* inet_sk_flowi_flags - IP_TRANSPARENT sockets may use any source. */
static u8 inet_sk_flowi_flags(const struct sock *sk)
{
	return inet_sk(sk)->transparent ? FLOWI_FLAG_ANYSRC : 0;
}

/* __mkroute_output - build the route for a finished lookup: broadcast and
 * multicast destinations override the FIB type; a broadcast route, and a
 * multicast route we are a member of, loop back locally (RTCF_LOCAL). */
static struct rtable *__mkroute_output(struct net *net, const struct fib_result *res,
				       const struct flowi4 *fl4, int orig_oif,
				       const struct net_device *dev_out,
				       unsigned int flags)
{
	const struct fib_entry *fi = res->fi;
	u16 type = res->type;
	struct rtable *rth;

	if (ipv4_is_loopback(fl4->saddr) && !(dev_out->flags & IFF_LOOPBACK))
		return ERR_PTR(-EINVAL);
	if (ipv4_is_lbcast(fl4->daddr))
		type = RTN_BROADCAST;
	else if (ipv4_is_multicast(fl4->daddr))
		type = RTN_MULTICAST;
	else if (ipv4_is_zeronet(fl4->daddr))
		return ERR_PTR(-EINVAL);
	if (dev_out->flags & IFF_LOOPBACK)
		flags |= RTCF_LOCAL;
	if (type == RTN_BROADCAST) {
		flags |= RTCF_BROADCAST | RTCF_LOCAL;
		fi = NULL;
	} else if (type == RTN_MULTICAST) {
		flags |= RTCF_MULTICAST | RTCF_LOCAL;
		if (!ip_check_mc_rcu(dev_out, fl4->daddr))
			flags &= ~RTCF_LOCAL;
		if (fi && res->prefixlen < 4)
			fi = NULL;
	}
	rth = rt_dst_alloc(net, dev_out);
	if (!rth)
		return ERR_PTR(-ENOBUFS);
	rth->rt_flags = flags;
	rth->rt_type = type;
	rth->rt_iif = orig_oif ? orig_oif : 0;
	if (flags & RTCF_LOCAL)
		rth->input = ip_local_deliver;
	/* rt_set_nexthop: the route's gateway (always on link here) becomes
	 * the next hop. */
	if (fi && fi->gateway) {
		rth->rt_gateway = fi->gateway;
		rth->rt_uses_gateway = true;
	}
	return rth;
}

/*
 * __ip_route_output_key - the output route resolver (3.10 order): check a
 * given source (not multicast, broadcast or zeronet, and ours unless the
 * flow may use any source), honour a bound device, route daddr 0 to
 * ourselves, look the FIB up (no route: -ENETUNREACH, unless bound to a
 * device: then on link), take a local route over loopback, pick the
 * source from the route's preferred source, and build the route.  Returns
 * a held route or ERR_PTR(-errno); @fl4 comes back with the chosen
 * addresses and oif.
 */
struct rtable *__ip_route_output_key(struct net *net, struct flowi4 *fl4)
{
	const struct net_device *dev_out = NULL;
	u8 tos = fl4->flowi4_tos & (IPTOS_RT_MASK | RTO_ONLINK);	/* RT_FL_TOS */
	unsigned int flags = 0;
	struct fib_result res;
	struct rtable *rth;
	int orig_oif;

	res.fi = NULL;
	res.type = RTN_UNSPEC;

	orig_oif = fl4->flowi4_oif;

	fl4->flowi4_tos = tos & IPTOS_RT_MASK;
	fl4->flowi4_scope = ((tos & RTO_ONLINK) ?
			     RT_SCOPE_LINK : RT_SCOPE_UNIVERSE);

	if (fl4->saddr) {
		rth = ERR_PTR(-EINVAL);
		if (ipv4_is_multicast(fl4->saddr) ||
		    ipv4_is_lbcast(fl4->saddr) ||
		    ipv4_is_zeronet(fl4->saddr))
			goto out;

		/* Multicast or limited broadcast from one of our addresses:
		 * out of the device that has it (3.10's "special hack", so
		 * that a socket bound to an address needs no
		 * IP_MULTICAST_IF). */
		if (fl4->flowi4_oif == 0 &&
		    (ipv4_is_multicast(fl4->daddr) ||
		     ipv4_is_lbcast(fl4->daddr))) {
			/* The same as inet_addr_type(saddr) == RTN_LOCAL. */
			dev_out = __ip_dev_find(net, fl4->saddr);
			if (dev_out == NULL)
				goto out;

			fl4->flowi4_oif = dev_out->ifindex;
			goto make_route;
		}

		if (!(fl4->flowi4_flags & FLOWI_FLAG_ANYSRC)) {
			/* The same as inet_addr_type(saddr) == RTN_LOCAL. */
			if (!__ip_dev_find(net, fl4->saddr))
				goto out;
		}
	}

	if (fl4->flowi4_oif) {
		dev_out = dev_get_by_index(net, fl4->flowi4_oif);
		rth = ERR_PTR(-ENODEV);
		if (dev_out == NULL)
			goto out;

		if (!dev_out->up) {
			rth = ERR_PTR(-ENETUNREACH);
			goto out;
		}
		if (ipv4_is_local_multicast(fl4->daddr) ||
		    ipv4_is_lbcast(fl4->daddr)) {
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(net, dev_out, 0,
							      RT_SCOPE_LINK);
			goto make_route;
		}
		if (!fl4->saddr) {
			if (ipv4_is_multicast(fl4->daddr))
				fl4->saddr = inet_select_addr(net, dev_out, 0,
							      fl4->flowi4_scope);
			else if (!fl4->daddr)
				fl4->saddr = inet_select_addr(net, dev_out, 0,
							      RT_SCOPE_HOST);
		}
	}

	if (!fl4->daddr) {
		fl4->daddr = fl4->saddr;
		if (!fl4->daddr)
			fl4->daddr = fl4->saddr = htonl(INADDR_LOOPBACK);
		dev_out = &net->loopback_dev;
		fl4->flowi4_oif = LOOPBACK_IFINDEX;
		res.type = RTN_LOCAL;
		flags |= RTCF_LOCAL;
		goto make_route;
	}

	if (fib_lookup(net, fl4, &res)) {
		res.fi = NULL;
		if (fl4->flowi4_oif) {
			/* No route, but a bound device: assume the
			 * destination is on link (one may send out of a
			 * device with no route and no address; the FIB only
			 * tells whether a gateway is needed). */
			if (fl4->saddr == 0)
				fl4->saddr = inet_select_addr(net, dev_out, 0,
							      RT_SCOPE_LINK);
			res.type = RTN_UNICAST;
			goto make_route;
		}
		rth = ERR_PTR(-ENETUNREACH);
		goto out;
	}

	if (res.type == RTN_LOCAL) {
		if (!fl4->saddr) {
			if (res.fi->prefsrc)
				fl4->saddr = res.fi->prefsrc;
			else
				fl4->saddr = fl4->daddr;
		}
		dev_out = &net->loopback_dev;
		fl4->flowi4_oif = dev_out->ifindex;
		flags |= RTCF_LOCAL;
		goto make_route;
	}

	/* One nexthop per route and one default route: neither
	 * fib_select_multipath nor fib_select_default has a choice. */

	if (!fl4->saddr)
		fl4->saddr = FIB_RES_PREFSRC(net, res);

	dev_out = dev_get_by_index(net, FIB_RES_OIF(res));	/* FIB_RES_DEV */
	fl4->flowi4_oif = dev_out->ifindex;


make_route:
	rth = __mkroute_output(net, &res, fl4, orig_oif, dev_out, flags);

out:
	cs_trace(__ip_route_output_key, fl4, rth);
	return rth;
}

/* ip_route_output_flow - the lookup plus the IPsec policy step, which has
 * no policies here (xfrm_lookup returns the route unchanged). */
struct rtable *ip_route_output_flow(struct net *net, struct flowi4 *fl4,
				    struct sock *sk)
{
	(void)sk;
	return __ip_route_output_key(net, fl4);
}

struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4)
{
	return ip_route_output_flow(net, fl4, NULL);
}

/* ip_route_output_ports - a lookup keyed by the socket's flow (used by
 * ip_queue_xmit when the socket has no valid cached route). */
struct rtable *ip_route_output_ports(struct net *net, struct flowi4 *fl4,
				     struct sock *sk, __be32 daddr, __be32 saddr,
				     __be16 dport, __be16 sport, u8 proto,
				     u8 tos, int oif)
{
	flowi4_init_output(fl4, oif, sk ? sk->sk_mark : 0, tos, RT_SCOPE_UNIVERSE,
			   proto, sk ? inet_sk_flowi_flags(sk) : 0, daddr, saddr,
			   dport, sport);
	return ip_route_output_flow(net, fl4, sk);
}

/* ip_route_connect_init - the flow key connect() routes with. */
static void ip_route_connect_init(struct flowi4 *fl4, __be32 dst, __be32 src,
				  u32 tos, int oif, u8 protocol, __be16 sport,
				  __be16 dport, struct sock *sk, bool can_sleep)
{
	u8 flow_flags = 0;

	if (inet_sk(sk)->transparent)
		flow_flags |= FLOWI_FLAG_ANYSRC;
	if (can_sleep)
		flow_flags |= FLOWI_FLAG_CAN_SLEEP;
	flowi4_init_output(fl4, oif, sk->sk_mark, (u8)tos, RT_SCOPE_UNIVERSE,
			   protocol, flow_flags, dst, src, dport, sport);
}

/* ip_route_connect - route a connect(): when the destination or the source
 * is still 0, a first lookup fills them in (and its route is dropped);
 * then the real lookup.  The LSM flow classification between the two is
 * empty without a security module. */
struct rtable *ip_route_connect(struct flowi4 *fl4, __be32 dst, __be32 src,
				u32 tos, int oif, u8 protocol, __be16 sport,
				__be16 dport, struct sock *sk, bool can_sleep)
{
	struct net *net = sock_net(sk);
	struct rtable *rt;

	cs_trace(ip_route_connect, sk, dst, src, oif, tos, sport, dport);
	ip_route_connect_init(fl4, dst, src, tos, oif, protocol,
			      sport, dport, sk, can_sleep);

	if (!dst || !src) {
		rt = __ip_route_output_key(net, fl4);
		if (IS_ERR(rt)) {
			cs_trace(ip_route_connect_ret, sk, fl4, rt);
			return rt;
		}
		ip_rt_put(rt);
		flowi4_update_output(fl4, oif, (u8)tos, fl4->daddr, fl4->saddr);
	}
	rt = ip_route_output_flow(net, fl4, sk);
	cs_trace(ip_route_connect_ret, sk, fl4, rt);
	return rt;
}

/* ip_route_newports - after connect() picked a port: if either port
 * changed, put the old route and look the flow up again with the ports. */
struct rtable *ip_route_newports(struct flowi4 *fl4, struct rtable *rt,
				 __be16 orig_sport, __be16 orig_dport,
				 __be16 sport, __be16 dport, struct sock *sk)
{
	cs_trace(ip_route_newports, sk, orig_sport, orig_dport, sport, dport);
	if (sport != orig_sport || dport != orig_dport) {
		fl4->fl4_dport = dport;
		fl4->fl4_sport = sport;
		ip_rt_put(rt);
		flowi4_update_output(fl4, sk->sk_bound_dev_if,
				     RT_CONN_FLAGS(sk), fl4->daddr,
				     fl4->saddr);
		rt = ip_route_output_flow(sock_net(sk), fl4, sk);
		cs_trace(ip_route_newports_ret, sk, rt);
		return rt;
	}
	cs_trace(ip_route_newports_ret, sk, rt);
	return rt;
}

/* __sk_dst_check - the socket's route if still valid; an obsolete one is
 * dropped from the socket and NULL returned.  Caller owns the socket. */
struct rtable *__sk_dst_check(struct sock *sk)
{
	struct rtable *rt = sk->sk_dst_cache;

	if (rt && rt->obsolete) {
		sk->sk_dst_cache = NULL;
		ip_rt_put(rt);
		return NULL;
	}
	return rt;
}

/* ip_rt_update_pmtu - __ip_rt_update_pmtu: remember a smaller path MTU
 * (never below ip_rt_min_pmtu, 552) for ip_rt_mtu_expires (10 min). */
void ip_rt_update_pmtu(struct rtable *rt, u32 mtu)
{
	if (dst_mtu(rt) < mtu)
		return;
	if (mtu < 512 + 20 + 20)
		mtu = 512 + 20 + 20;
	rt->rt_pmtu = mtu;
	rt->expires = net_jiffies(rt->net) + 10 * 60 * HZ;
	if (!rt->expires)
		rt->expires = 1;
}

/* ipv4_link_failure - the neighbour could not be resolved: send the
 * sender an ICMP host unreachable and let the route's PMTU lapse. */
void ipv4_link_failure(struct sk_buff *skb)
{
	struct rtable *rt;

	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	rt = skb_rtable(skb);
	if (rt)
		rt->expires = net_jiffies(rt->net);
}

/* ip_select_fb_ident - the fallback IP ID when no peer entry exists. */
static void ip_select_fb_ident(struct net *net, struct iphdr *iph)
{
	static pthread_mutex_t ip_fb_id_lock = PTHREAD_MUTEX_INITIALIZER;
	static u32 ip_fallback_id;
	u32 salt;

	pthread_mutex_lock(&ip_fb_id_lock);
	salt = secure_ip_id(net, ip_fallback_id ^ iph->daddr);
	iph->id = htons((u16)(salt & 0xffff));
	ip_fallback_id = salt;
	pthread_mutex_unlock(&ip_fb_id_lock);
}

/* __ip_select_ident - the IP ID of a packet without DF (or not from a
 * connected socket): the destination's inet_peer counter. */
void __ip_select_ident(struct net *net, struct iphdr *iph, int more)
{
	struct inet_peer *peer = inet_getpeer_v4(net, iph->daddr, 1);

	if (peer) {
		iph->id = htons(inet_getid(peer, more));
		inet_putpeer(peer);
		return;
	}
	ip_select_fb_ident(net, iph);
}

/* ip_route_input_mc - a multicast packet for a group we are in (or, in
 * 3.10, one a multicast router forwards; there is none here): a sane
 * source, validated unless it is 0 (allowed for a link-local group only),
 * and a route delivered locally when we are a member. */
static int ip_route_input_mc(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			     u8 tos, struct net_device *dev, int our)
{
	struct rtable *rth;
	const struct in_device *in_dev = __in_dev_get_rcu(dev);
	u32 itag = 0;
	int err;

	/* Primary sanity checks (the device always has IPv4). */

	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr) ||
	    skb->protocol != ETH_P_IP)
		goto e_inval;

	/* !IN_DEV_ROUTE_LOCALNET: route_localnet is 0. */
	if (ipv4_is_loopback(saddr))
		goto e_inval;

	if (ipv4_is_zeronet(saddr)) {
		if (!ipv4_is_local_multicast(daddr))
			goto e_inval;
	} else {
		err = fib_validate_source(skb, saddr, 0, tos, 0, dev,
					  in_dev, &itag);
		if (err < 0)
			goto e_err;
	}
	rth = rt_dst_alloc(skb->net, &skb->net->loopback_dev);
	if (!rth)
		goto e_nobufs;

	rth->rt_flags = RTCF_MULTICAST;
	rth->rt_type = RTN_MULTICAST;
	rth->rt_is_input = true;
	rth->rt_iif = 0;
	rth->rt_pmtu = 0;
	rth->rt_gateway = 0;
	rth->rt_uses_gateway = false;
	if (our) {
		rth->input = ip_local_deliver;
		rth->rt_flags |= RTCF_LOCAL;
	}

	skb_dst_set(skb, rth);
	return 0;

e_nobufs:
	return -ENOBUFS;
e_inval:
	return -EINVAL;
e_err:
	return err;
}

/*
 * ip_route_input_slow - route a received packet: martian addresses are
 * refused (-EINVAL), limited and subnet broadcasts and our own addresses
 * are delivered locally once fib_validate_source accepts the source,
 * anything else gets an RTN_UNREACHABLE route whose input is ip_error
 * (forwarding is off).  The device always has IPv4 (in_dev),
 * route_localnet is 0 and martians are not logged.
 */
static int ip_route_input_slow(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			       u8 tos, struct net_device *dev)
{
	struct fib_result res;
	const struct in_device *in_dev = __in_dev_get_rcu(dev);
	struct flowi4 fl4;
	unsigned int flags = 0;
	u32 itag = 0;
	struct rtable *rth;
	int err = -EINVAL;
	struct net *net = skb->net;

	/* The weirdest martians, which fib_lookup may not catch. */

	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		goto martian_source;

	res.fi = NULL;
	if (ipv4_is_lbcast(daddr) || (saddr == 0 && daddr == 0))
		goto brd_input;

	/* A zero source is accepted for the limited broadcast only. */
	if (ipv4_is_zeronet(saddr))
		goto martian_source;

	if (ipv4_is_zeronet(daddr))
		goto martian_destination;

	/* Loopback addresses from the wire: !IN_DEV_NET_ROUTE_LOCALNET. */
	if (ipv4_is_loopback(daddr)) {
		goto martian_destination;
	} else if (ipv4_is_loopback(saddr)) {
		goto martian_source;
	}

	/* Now the packet can be routed. */
	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_tos = tos;
	fl4.flowi4_scope = RT_SCOPE_UNIVERSE;
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	err = fib_lookup(net, &fl4, &res);
	if (err != 0)
		goto no_route;

	if (res.type == RTN_BROADCAST)
		goto brd_input;

	if (res.type == RTN_LOCAL) {
		err = fib_validate_source(skb, saddr, daddr, tos,
					  LOOPBACK_IFINDEX,
					  dev, in_dev, &itag);
		if (err < 0)
			goto martian_source_keep_err;
		goto local_input;
	}

	/* !IN_DEV_FORWARD: with forwarding off, ip_mkroute_input is never
	 * reached (3.10.4: no_route with err still 0). */
	goto no_route;
out:	return err;

brd_input:
	if (skb->protocol != ETH_P_IP)
		goto e_inval;

	if (!ipv4_is_zeronet(saddr)) {
		err = fib_validate_source(skb, saddr, 0, tos, 0, dev,
					  in_dev, &itag);
		if (err < 0)
			goto martian_source_keep_err;
	}
	flags |= RTCF_BROADCAST;
	res.type = RTN_BROADCAST;

local_input:
	rth = rt_dst_alloc(net, &net->loopback_dev);
	if (!rth)
		goto e_nobufs;

	rth->input = ip_local_deliver;

	rth->rt_flags = flags | RTCF_LOCAL;
	rth->rt_type = res.type;
	rth->rt_is_input = true;
	rth->rt_iif = 0;
	rth->rt_pmtu = 0;
	rth->rt_gateway = 0;
	rth->rt_uses_gateway = false;
	if (res.type == RTN_UNREACHABLE) {
		rth->input = ip_error;
		rth->error = -err;
		rth->rt_flags &= ~RTCF_LOCAL;
	}
	skb_dst_set(skb, rth);
	err = 0;
	goto out;

no_route:
	res.type = RTN_UNREACHABLE;
	if (err == -ESRCH)
		err = -ENETUNREACH;
	goto local_input;

	/* Martians are not cached, to be logged (RFC 1812); no logging
	 * here (log_martians 0). */
martian_destination:

e_inval:
	err = -EINVAL;
	goto out;

e_nobufs:
	err = -ENOBUFS;
	goto out;

martian_source:
	err = -EINVAL;
martian_source_keep_err:
	/* ip_handle_martian_source only logs. */
	goto out;
}

/* ip_route_input_noref - attach an input route to a received skb.  A
 * multicast destination is routed only for a group we are in (a software
 * filter: many cards' are not to be trusted).  Returns 0 or -errno (the
 * packet is then dropped by the caller). */
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			 u8 tos, struct net_device *dev)
{
	int res;

	if (ipv4_is_multicast(daddr)) {
		int our = ip_check_mc_rcu(dev, daddr);

		if (our) {
			int res = ip_route_input_mc(skb, daddr, saddr, tos,
						   dev, our);

			cs_trace(ip_route_input, daddr, saddr, skb_rtable(skb), res);
			return res;
		}
		cs_trace(ip_route_input, daddr, saddr, skb_rtable(skb), -EINVAL);
		return -EINVAL;
	}
	res = ip_route_input_slow(skb, daddr, saddr, tos, dev);
	cs_trace(ip_route_input, daddr, saddr, skb_rtable(skb), res);
	return res;
}

/* ip_error - the input of an RTN_UNREACHABLE route.  With forwarding off
 * the kernel only counts: EHOSTUNREACH as InAddrErrors, ENETUNREACH as
 * InNoRoutes (a destination the FIB knows gives error 0: not counted). */
int ip_error(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);

	cs_trace(ip_error, skb, rt->error);
	switch (rt->error) {
	case EHOSTUNREACH:
		IP_INC_STATS(skb->net, INADDRERRORS);
		break;
	case ENETUNREACH:
		IP_INC_STATS(skb->net, INNOROUTES);
		break;
	}
	kfree_skb(skb);
	return 0;
}
