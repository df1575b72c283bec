// SPDX-License-Identifier: GPL-2.0-only
/*
 * proc.c - the SNMP and netstat counters by name (net/ipv4/proc.c, 3.10).
 *
 * The kernel shows its MIBs in /proc/net/snmp (groups Ip, Icmp, Tcp, ...)
 * and /proc/net/netstat (TcpExt, IpExt): per group, one line of names and
 * one line of values, both starting with "Group:".  connscope keeps only the
 * counters of the connect path (core/mib.h) and prints them the same way,
 * snmp groups first, then netstat's, then connscope's own (Arp, Link).
 * The fixed RFC 2012 values the kernel prints in front of Ip and Tcp
 * (Forwarding, DefaultTTL, RtoAlgorithm, RtoMin, RtoMax, MaxConn) are
 * printed too; Udp, UdpLite and IcmpMsg are left out.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "connscope/connscope.h"
#include "net.h"

static const char *const mib_names[CS_MIB_MAX] = {
#define CS_MIB_NAME(e, g, n) [MIB_##e] = n,
	CS_MIB_LIST(CS_MIB_NAME)
#undef CS_MIB_NAME
};

static const char *const mib_groups[CS_MIB_MAX] = {
#define CS_MIB_GROUP(e, g, n) [MIB_##e] = g,
	CS_MIB_LIST(CS_MIB_GROUP)
#undef CS_MIB_GROUP
};

/* cs_mib_name - the /proc name of counter @f ("ActiveOpens"), or NULL. */
const char *cs_mib_name(enum cs_mib_field f)
{
	return (unsigned int)f < CS_MIB_MAX ? mib_names[f] : NULL;
}

/* cs_mib_group - the /proc group of counter @f ("Tcp"), or NULL. */
const char *cs_mib_group(enum cs_mib_field f)
{
	return (unsigned int)f < CS_MIB_MAX ? mib_groups[f] : NULL;
}

/* The order of the groups in /proc/net/snmp, then /proc/net/netstat. */
static const char *const proc_group_order[] = { "Ip", "Icmp", "Tcp", "TcpExt", "IpExt" };
#define PROC_KNOWN_GROUPS (sizeof(proc_group_order) / sizeof(proc_group_order[0]))

/*
 * cs_mib_groups - the distinct groups in print order: the kernel's groups
 * that have counters here, then any other group in order of first
 * appearance in core/mib.h.  Returns how many were stored in @out.
 */
static int cs_mib_groups(const char **out)
{
	int n = 0;

	for (size_t i = 0; i < PROC_KNOWN_GROUPS; i++)
		for (int f = 0; f < CS_MIB_MAX; f++)
			if (strcmp(mib_groups[f], proc_group_order[i]) == 0) {
				out[n++] = proc_group_order[i];
				break;
			}
	for (int f = 0; f < CS_MIB_MAX; f++) {
		bool seen = false;

		for (int i = 0; i < n && !seen; i++)
			seen = strcmp(out[i], mib_groups[f]) == 0;
		if (!seen)
			out[n++] = mib_groups[f];
	}
	return n;
}

/*
 * The values the kernel prints in front of a group's counters: Ip's
 * Forwarding (2 = not a router; connscope never forwards) and DefaultTTL
 * (the sysctl), Tcp's RFC 2012 constants set by tcp_mib_init: RtoAlgorithm
 * 1 (other), RtoMin 200 and RtoMax 120000 (ms, TCP_RTO_MIN/MAX), MaxConn -1.
 */
struct proc_fixed {
	const char *group, *name;
	long long value;
	bool default_ttl;		/* the value is net.ipv4.ip_default_ttl */
};

static const struct proc_fixed proc_fixed[] = {
	{ "Ip", "Forwarding", 2, false },
	{ "Ip", "DefaultTTL", 0, true },
	{ "Tcp", "RtoAlgorithm", 1, false },
	{ "Tcp", "RtoMin", 200, false },
	{ "Tcp", "RtoMax", 120000, false },
	{ "Tcp", "MaxConn", -1, false },
};
#define PROC_FIXED (sizeof(proc_fixed) / sizeof(proc_fixed[0]))

/* cs_mib_name_match - "Group:Name" or "Name" against a counter's group and name. */
static bool cs_mib_name_match(const char *want, const char *group, const char *name)
{
	const char *colon = strchr(want, ':');

	if (!colon)
		return strcmp(want, name) == 0;
	return strlen(group) == (size_t)(colon - want) &&
	       strncmp(want, group, (size_t)(colon - want)) == 0 &&
	       strcmp(colon + 1, name) == 0;
}

/*
 * cs_mib_get - read one counter by its /proc name, e.g. "ActiveOpens", or
 * "Group:Name" when a name is in several groups ("Tcp:InCsumErrors"; a bare
 * name is the one of the first group in /proc order).  The fixed values
 * (Forwarding, DefaultTTL, RtoAlgorithm, RtoMin, RtoMax, MaxConn) are
 * readable too; MaxConn's -1 reads as UINT64_MAX.  -1/ENOENT if unknown.
 */
int cs_mib_get(struct net *net, const char *name, uint64_t *value)
{
	const char *groups[CS_MIB_MAX];
	int ngroups = cs_mib_groups(groups);

	if (!net || !name || !value) {
		errno = EINVAL;
		return -1;
	}
	for (int g = 0; g < ngroups; g++) {
		for (size_t i = 0; i < PROC_FIXED; i++)
			if (strcmp(proc_fixed[i].group, groups[g]) == 0 &&
			    cs_mib_name_match(name, groups[g], proc_fixed[i].name)) {
				*value = proc_fixed[i].default_ttl ?
					 (uint64_t)net->sysctl.ip_default_ttl :
					 (uint64_t)proc_fixed[i].value;
				return 0;
			}
		for (int f = 0; f < CS_MIB_MAX; f++)
			if (strcmp(mib_groups[f], groups[g]) == 0 &&
			    cs_mib_name_match(name, groups[g], mib_names[f])) {
				*value = atomic_load(&net->mib.v[f]);
				return 0;
			}
	}
	errno = ENOENT;
	return -1;
}

/*
 * cs_mib_seq_group - one group as snmp_seq_show and netstat_seq_show print
 * each of their lists: "Group:" and the names, then "Group:" and the
 * values, the fixed values first (3.10 keeps Tcp's in the MIB itself, set
 * by tcp_mib_init).
 */
static void cs_mib_seq_group(struct net *net, FILE *seq, const char *group)
{
	fprintf(seq, "%s:", group);
	for (size_t i = 0; i < PROC_FIXED; i++)
		if (strcmp(proc_fixed[i].group, group) == 0)
			fprintf(seq, " %s", proc_fixed[i].name);
	for (int f = 0; f < CS_MIB_MAX; f++)
		if (strcmp(mib_groups[f], group) == 0)
			fprintf(seq, " %s", mib_names[f]);
	fprintf(seq, "\n%s:", group);
	for (size_t i = 0; i < PROC_FIXED; i++)
		if (strcmp(proc_fixed[i].group, group) == 0)
			fprintf(seq, " %lld", proc_fixed[i].default_ttl ?
				(long long)net->sysctl.ip_default_ttl : proc_fixed[i].value);
	for (int f = 0; f < CS_MIB_MAX; f++)
		if (strcmp(mib_groups[f], group) == 0)
			fprintf(seq, " %llu", (unsigned long long)atomic_load(&net->mib.v[f]));
	fputc('\n', seq);
}

/*
 * snmp_seq_show - /proc/net/snmp: Ip, Icmp (icmp_put's lines; icmpmsg_put's
 * IcmpMsg is left out) and Tcp.  Udp and UdpLite are left out.
 */
static void snmp_seq_show(struct net *net, FILE *seq)
{
	cs_mib_seq_group(net, seq, "Ip");
	cs_mib_seq_group(net, seq, "Icmp");
	cs_mib_seq_group(net, seq, "Tcp");
}

/* netstat_seq_show - /proc/net/netstat: TcpExt, then IpExt. */
static void netstat_seq_show(struct net *net, FILE *seq)
{
	cs_mib_seq_group(net, seq, "TcpExt");
	cs_mib_seq_group(net, seq, "IpExt");
}

/*
 * cs_mib_print - what `cat /proc/net/snmp /proc/net/netstat` shows
 * (snmp_seq_show, then netstat_seq_show), then connscope's own groups (Arp,
 * Link) the same way.  @stdio_file is a FILE *; NULL means stdout.
 * Counters are read one by one without a lock, as the kernel folds its
 * per-CPU counters.
 */
void cs_mib_print(struct net *net, void *stdio_file)
{
	FILE *out = stdio_file ? stdio_file : stdout;
	const char *groups[CS_MIB_MAX];
	int ngroups = cs_mib_groups(groups);

	if (!net)
		return;
	snmp_seq_show(net, out);
	netstat_seq_show(net, out);
	for (int g = 0; g < ngroups; g++) {
		bool known = false;

		for (size_t i = 0; i < PROC_KNOWN_GROUPS; i++)
			known |= strcmp(groups[g], proc_group_order[i]) == 0;
		if (!known)
			cs_mib_seq_group(net, out, groups[g]);
	}
}
