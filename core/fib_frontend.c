// SPDX-License-Identifier: GPL-2.0-only
/*
 * fib_frontend.c - the IPv4 forwarding information base (FIB) of a stack
 * (net/ipv4/fib_frontend.c, with the lookup of fib_trie.c and the rule
 * order of fib_rules.c, Linux 3.10).
 *
 * The kernel fills the FIB from the interface addresses (fib_add_ifaddr)
 * and from user routes.  A stack has two interfaces, lo (127.0.0.1/8) and
 * its own (addr/prefixlen), plus an optional default gateway, so its FIB
 * is exactly what 3.10 builds for
 *     ip addr add 127.0.0.1/8 dev lo; ip addr add ADDR/LEN dev IF
 *     ip route add default via GW dev IF
 * with the routes in the local table (our addresses and broadcasts) looked
 * up before those in the main table (the subnet and the default route).
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"

/* fib_magic - add one kernel route, in the local table unless unicast. */
static int fib_magic(struct fib_table *tb, u16 type, __be32 dst, unsigned int len,
		     __be32 prefsrc, int oif)
{
	struct fib_entry *e;

	if (tb->n >= CS_FIB_MAX)
		return -ENOBUFS;
	e = &tb->e[tb->n++];
	memset(e, 0, sizeof(*e));
	e->prefix = dst;
	e->len = len;
	e->type = type;
	e->prefsrc = prefsrc;
	e->oif = oif;
	e->table = type == RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
	e->scope = type == RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK;
	e->nh_scope = RT_SCOPE_HOST;	/* fib_check_nh: no gateway */
	return 0;
}

/* fib_add_ifaddr - the routes an (up, primary) address brings: itself as
 * local, and unless it is a /31 or /32, its subnet (local on loopback,
 * else unicast on link) with the subnet's network and broadcast addresses
 * as broadcast routes. */
static int fib_add_ifaddr(struct fib_table *tb, __be32 addr, unsigned int len,
			  int oif, bool loopback)
{
	__be32 mask = inet_make_mask(len), prefix = addr & mask;
	int err;

	err = fib_magic(tb, RTN_LOCAL, addr, 32, addr, oif);
	if (err || ipv4_is_zeronet(prefix) || (prefix == addr && len >= 32))
		return err;
	err = fib_magic(tb, loopback ? RTN_LOCAL : RTN_UNICAST, prefix, len, addr, oif);
	if (!err && len < 31) {
		err = fib_magic(tb, RTN_BROADCAST, prefix, 32, addr, oif);
		if (!err)
			err = fib_magic(tb, RTN_BROADCAST, prefix | ~mask, 32, addr, oif);
	}
	return err;
}

/* fib_check_nh (fib_semantics.c, a gateway without RTNH_F_ONLINK) - the
 * gateway of "default via GW dev IF" looked up through IF with at least
 * link scope, before the route exists: it must be on a connected subnet,
 * a unicast or local address.  -ENETUNREACH or -EINVAL as 3.10 refuses. */
static int fib_check_nh(struct net *net, __be32 gw, int oif)
{
	struct flowi4 fl4 = { .daddr = gw, .flowi4_scope = RT_SCOPE_UNIVERSE + 1,
			      .flowi4_oif = oif };
	struct fib_result res;
	int err;

	if (fl4.flowi4_scope < RT_SCOPE_LINK)
		fl4.flowi4_scope = RT_SCOPE_LINK;
	err = fib_lookup(net, &fl4, &res);
	if (err)
		return err;
	err = -EINVAL;
	if (res.type != RTN_UNICAST && res.type != RTN_LOCAL)
		goto out;
	err = 0;
out:
	return err;
}

/* cs_fib_table_init - the FIB of a new stack: lo's address, the stack's
 * address on its interface, and "default via @gw" when @gw is not 0 and
 * fib_check_nh accepts it.  Returns 0, -EINVAL (bad prefix length, a
 * gateway that is not unicast), -ENETUNREACH (a gateway off the subnet)
 * or -ENOBUFS. */
int cs_fib_table_init(struct net *net, __be32 addr, unsigned int prefixlen, __be32 gw)
{
	struct fib_table *tb = &net->fib;
	struct fib_entry *e;
	int err;

	if (prefixlen > 32)
		return -EINVAL;
	tb->n = 0;
	cs_inet_insert_ifa(&net->loopback_dev, htonl(INADDR_LOOPBACK), 8, RT_SCOPE_HOST);
	err = fib_add_ifaddr(tb, htonl(INADDR_LOOPBACK), 8, LOOPBACK_IFINDEX, true);
	if (!err && addr) {
		cs_inet_insert_ifa(&net->dev, addr, prefixlen, RT_SCOPE_UNIVERSE);
		err = fib_add_ifaddr(tb, addr, prefixlen, net->dev.ifindex, false);
	}
	if (err || !gw)
		return err;
	err = fib_check_nh(net, gw, net->dev.ifindex);
	if (err)
		return err;
	if (tb->n >= CS_FIB_MAX)
		return -ENOBUFS;
	e = &tb->e[tb->n++];
	memset(e, 0, sizeof(*e));
	e->type = RTN_UNICAST;
	e->gateway = gw;
	e->oif = net->dev.ifindex;
	e->table = RT_TABLE_MAIN;
	e->scope = RT_SCOPE_UNIVERSE;
	e->nh_scope = RT_SCOPE_LINK;	/* fib_check_nh: the gateway's subnet route */
	return 0;
}

/* fib_table_lookup - longest prefix match in one table, skipping routes of
 * a narrower scope than the flow asks for and, for a flow bound to a
 * device, routes out of another device.  Returns 0 and fills @res, or
 * -EAGAIN when nothing matches. */
static int fib_table_lookup(struct net *net, int table, const struct flowi4 *fl4,
			    struct fib_result *res)
{
	const struct fib_entry *best = NULL;

	for (int i = 0; i < net->fib.n; i++) {
		const struct fib_entry *e = &net->fib.e[i];

		if (e->table != table || (fl4->daddr & inet_make_mask(e->len)) != e->prefix)
			continue;
		if (e->scope < fl4->flowi4_scope)
			continue;
		if (fl4->flowi4_oif && e->oif != fl4->flowi4_oif)
			continue;
		if (!best || e->len > best->len)
			best = e;
	}
	if (!best)
		return -EAGAIN;
	res->fi = best;
	res->prefixlen = (unsigned char)best->len;
	res->type = (unsigned char)best->type;
	res->scope = best->scope;
	return 0;
}

/* fib_lookup - the default rules: the local table, then the main table.
 * Returns 0 or -ENETUNREACH. */
int fib_lookup(struct net *net, const struct flowi4 *fl4, struct fib_result *res)
{
	if (!fib_table_lookup(net, RT_TABLE_LOCAL, fl4, res))
		return 0;
	if (!fib_table_lookup(net, RT_TABLE_MAIN, fl4, res))
		return 0;
	return -ENETUNREACH;
}

/* inet_addr_type - what @addr is to this host: zeronet and limited
 * broadcast are broadcast, class D multicast, else the local table's type
 * for it, or unicast. */
unsigned int inet_addr_type(struct net *net, __be32 addr)
{
	struct flowi4 fl4 = { .daddr = addr };
	struct fib_result res;

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	if (!fib_table_lookup(net, RT_TABLE_LOCAL, &fl4, &res))
		return res.type;
	return RTN_UNICAST;
}

/* fib_info_update_nh_saddr - see route.h (3.10: fib_semantics.c, as
 * fib_check_nh above). */
__be32 fib_info_update_nh_saddr(struct net *net, const struct fib_entry *fi)
{
	return inet_select_addr(net, dev_get_by_index(net, fi->oif), fi->gateway, fi->scope);
}

/* __fib_validate_source - the source @src of a packet for @dst, looked up
 * the other way: it must be reachable as unicast (a local source only
 * with accept_local, never a broadcast one); no route at all is
 * accepted without rp_filter.  Positive when the way back is direct. */
static int __fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst,
				 u8 tos, int oif, struct net_device *dev,
				 int rpf, const struct in_device *idev, u32 *itag)
{
	int ret, no_addr, accept_local;
	struct fib_result res;
	struct flowi4 fl4;
	struct net *net;
	bool dev_match;

	(void)skb;
	(void)oif;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = src;
	fl4.saddr = dst;
	fl4.flowi4_tos = tos;
	fl4.flowi4_scope = RT_SCOPE_UNIVERSE;

	no_addr = idev->ifa_list == NULL;

	accept_local = IN_DEV_ACCEPT_LOCAL(idev);

	net = dev_net(dev);
	if (fib_lookup(net, &fl4, &res))
		goto last_resort;
	if (res.type != RTN_UNICAST) {
		if (res.type != RTN_LOCAL || !accept_local)
			goto e_inval;
	}
	*itag = 0;	/* fib_combine_itag: no route classes */
	dev_match = false;

	if (dev_get_by_index(net, FIB_RES_OIF(res)) == dev)	/* FIB_RES_DEV */
		dev_match = true;
	if (dev_match) {
		ret = FIB_RES_NH(res).nh_scope >= RT_SCOPE_HOST;
		return ret;
	}
	if (no_addr)
		goto last_resort;
	if (rpf == 1)
		goto e_rpf;
	fl4.flowi4_oif = dev->ifindex;

	ret = 0;
	if (fib_lookup(net, &fl4, &res) == 0) {
		if (res.type == RTN_UNICAST)
			ret = FIB_RES_NH(res).nh_scope >= RT_SCOPE_HOST;
	}
	return ret;

last_resort:
	if (rpf)
		goto e_rpf;
	*itag = 0;
	return 0;

e_inval:
	return -EINVAL;
e_rpf:
	return -EXDEV;
}

/* fib_validate_source - see route.h.  Without rp_filter and route
 * classes the check is skipped, unless the packet would leave by the
 * device it came in on while redirects may be sent (never here: the
 * callers pass the loopback index or 0). */
int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos, int oif,
			struct net_device *dev, const struct in_device *idev, u32 *itag)
{
	int r = IN_DEV_RPFILTER(idev);	/* no IPsec: no secpath */

	/* No route classes: fib_num_tclassid_users is 0. */
	if (!r && (dev->ifindex != oif || !IN_DEV_TX_REDIRECTS(idev))) {
		*itag = 0;
		return 0;
	}
	return __fib_validate_source(skb, src, dst, tos, oif, dev, r, idev, itag);
}

/* fib_compute_spec_dst - for a packet delivered to one of our unicast
 * addresses, that address; for a broadcast or multicast one, the source
 * our route back to the sender would use. */
__be32 fib_compute_spec_dst(struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct net *net = skb->net;
	int scope = RT_SCOPE_UNIVERSE;
	struct fib_result res;

	if ((rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST | RTCF_LOCAL)) == RTCF_LOCAL)
		return iph->daddr;
	if (!ipv4_is_zeronet(iph->saddr)) {
		struct flowi4 fl4 = { .daddr = iph->saddr, .flowi4_tos = RT_TOS(iph->tos) };

		if (!fib_lookup(net, &fl4, &res))
			return FIB_RES_PREFSRC(net, res);
	} else {
		scope = RT_SCOPE_LINK;
	}
	return inet_select_addr(net, skb->dev, iph->saddr, scope);
}
