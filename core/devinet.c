// SPDX-License-Identifier: GPL-2.0-only
/*
 * devinet.c - IPv4 addresses of the stack's devices (net/ipv4/devinet.c,
 * Linux 3.10): finding a device by index or by one of its addresses, and
 * choosing a source address for a destination (inet_select_addr).
 *
 * A stack has two devices, each with one primary address: lo with
 * 127.0.0.1/8 (scope host) and its interface with the configured address
 * (scope global).  Both are members of the all-hosts group 224.0.0.1,
 * which every IPv4 device joins when it comes up (ip_mc_up).
 */
#include <arpa/inet.h>
#include "net.h"

/* One in_ifaddr: address, prefix length and scope. */
struct cs_ifaddr {
	__be32 local;
	unsigned int prefixlen;
	int scope;
};

/* The primary address of @dev; false if it has none. */
static bool dev_primary_ifa(struct net *net, const struct net_device *dev,
			    struct cs_ifaddr *ifa)
{
	if (dev->flags & IFF_LOOPBACK) {
		ifa->local = htonl(INADDR_LOOPBACK);
		ifa->prefixlen = 8;
		ifa->scope = RT_SCOPE_HOST;
		return true;
	}
	if (dev != &net->dev || !net->addr)
		return false;
	ifa->local = net->addr;
	ifa->prefixlen = net->prefixlen;
	ifa->scope = RT_SCOPE_UNIVERSE;
	return true;
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

/* inet_select_addr - a source address on @dev for @dst within @scope.  The
 * kernel prefers, among @dev's primary addresses of a fitting scope, the
 * one whose subnet holds @dst, else the first; with one address per device
 * that is the address itself, whatever @dst.  Failing that, the first
 * non-link-scope address of any device, lo first. */
__be32 inet_select_addr(struct net *net, const struct net_device *dev,
			__be32 dst, int scope)
{
	const struct net_device *devs[2] = { &net->loopback_dev, &net->dev };
	struct cs_ifaddr ifa;

	if (dev && dev_primary_ifa(net, dev, &ifa) && ifa.scope <= scope)
		return ifa.local;
	for (int i = 0; i < 2; i++) {
		if (!dev_primary_ifa(net, devs[i], &ifa))
			continue;
		if (ifa.scope != RT_SCOPE_LINK && ifa.scope <= scope)
			return ifa.local;
	}
	(void)dst;
	return 0;
}

/* ip_check_mc_rcu (net/ipv4/igmp.c) - is @dev a member of @mc_addr?  Only
 * the all-hosts group, which every device joins by itself. */
bool ip_check_mc_rcu(const struct net_device *dev, __be32 mc_addr)
{
	(void)dev;
	return mc_addr == htonl(0xe0000001);
}
