// SPDX-License-Identifier: GPL-2.0-only
/*
 * devinet.c - IPv4 addresses of the stack's devices (net/ipv4/devinet.c,
 * Linux 3.10): finding a device by index or by one of its addresses, and
 * choosing a source address for a destination (inet_select_addr).
 *
 * A stack has two devices, each with one primary address (its in_device,
 * dev->ip_ptr): lo with 127.0.0.1/8 (scope host) and its interface with
 * the configured address (scope global).  Both are members of the all-hosts group 224.0.0.1,
 * which every IPv4 device joins when it comes up (ip_mc_up).
 */
#include <arpa/inet.h>
#include "net.h"

/* cs_inet_insert_ifa - see route.h.  The address is the device's only
 * one, hence primary. */
void cs_inet_insert_ifa(struct net_device *dev, __be32 local, unsigned int prefixlen,
			int scope)
{
	struct in_ifaddr *ifa = &dev->ip_ptr.ifa;

	ifa->ifa_next = NULL;
	ifa->ifa_local = local;
	ifa->ifa_address = local;
	ifa->ifa_prefixlen = (unsigned char)prefixlen;
	ifa->ifa_mask = inet_make_mask(prefixlen);
	ifa->ifa_scope = (unsigned char)scope;
	dev->ip_ptr.ifa_list = ifa;
}

/* dev_get_by_index - lo (index 1) or the stack's interface, else NULL. */
struct net_device *dev_get_by_index(struct net *net, int ifindex)
{
	if (ifindex == LOOPBACK_IFINDEX && net->loopback_dev.ifindex == LOOPBACK_IFINDEX)
		return &net->loopback_dev;
	if (ifindex && ifindex == net->dev.ifindex)
		return &net->dev;
	return NULL;
}

/* __ip_dev_find - the device that owns @addr: an exact interface address,
 * else (so that all of 127/8 works) a local route in the local table. */
struct net_device *__ip_dev_find(struct net *net, __be32 addr)
{
	struct flowi4 fl4 = { .daddr = addr };
	struct fib_result res;

	if (net->addr && addr == net->addr)
		return &net->dev;
	if (addr == htonl(INADDR_LOOPBACK))
		return dev_get_by_index(net, LOOPBACK_IFINDEX);
	if (!fib_lookup(net, &fl4, &res) && res.type == RTN_LOCAL &&
	    res.fi->table == RT_TABLE_LOCAL)
		return dev_get_by_index(net, res.fi->oif);
	return NULL;
}

/*
 * inet_select_addr - a source address on @dev for @dst within @scope:
 * among @dev's primary addresses of a fitting scope, the first whose
 * subnet holds @dst, else the first.  Failing that, the first address of
 * any device that is not of link scope and fits the scope; lo comes first
 * in the device list, so that non-loopback addresses on lo are preferred.
 */
__be32 inet_select_addr(struct net *net, const struct net_device *dev,
			__be32 dst, int scope)
{
	const struct net_device *devs[2] = { &net->loopback_dev, &net->dev };
	const struct in_device *in_dev;
	__be32 addr = 0;

	in_dev = dev ? __in_dev_get_rcu(dev) : NULL;
	if (!in_dev)
		goto no_in_dev;

	for_primary_ifa(in_dev) {
		if (ifa->ifa_scope > scope)
			continue;
		if (!dst || inet_ifa_match(dst, ifa)) {
			addr = ifa->ifa_local;
			break;
		}
		if (!addr)
			addr = ifa->ifa_local;
	} endfor_ifa(in_dev);

	if (addr)
		goto out_unlock;
no_in_dev:

	/* for_each_netdev: lo, then the interface. */
	for (int i = 0; i < 2; i++) {
		in_dev = __in_dev_get_rcu(devs[i]);

		for_primary_ifa(in_dev) {
			if (ifa->ifa_scope != RT_SCOPE_LINK &&
			    ifa->ifa_scope <= scope) {
				addr = ifa->ifa_local;
				goto out_unlock;
			}
		} endfor_ifa(in_dev);
	}
out_unlock:
	return addr;
}

/* ip_check_mc_rcu (net/ipv4/igmp.c) - is @dev a member of @mc_addr?  Only
 * the all-hosts group, which every device joins by itself. */
bool ip_check_mc_rcu(const struct net_device *dev, __be32 mc_addr)
{
	(void)dev;
	return mc_addr == htonl(0xe0000001);
}
