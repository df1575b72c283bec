// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_proc.c - core/proc.c: counter names and groups, cs_mib_get by
 * /proc name, and cs_mib_print's /proc/net/snmp + netstat layout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"

static struct net *mib_net(void)
{
	struct net *net = calloc(1, sizeof(*net));

	cs_sysctl_defaults(&net->sysctl);
	return net;
}

static void mib_net_free(struct net *net)
{
	cs_sysctl_free(&net->sysctl);
	free(net);
}

static void test_names(void)
{
	STEP("names and groups are the kernel's /proc ones");
	EXPECT(strcmp(cs_mib_name(MIB_TCP_ACTIVEOPENS), "ActiveOpens") == 0);
	EXPECT(strcmp(cs_mib_group(MIB_TCP_ACTIVEOPENS), "Tcp") == 0);
	EXPECT(strcmp(cs_mib_name(MIB_LINUX_TWRECYCLED), "TWRecycled") == 0);
	EXPECT(strcmp(cs_mib_group(MIB_LINUX_TWRECYCLED), "TcpExt") == 0);
	EXPECT(strcmp(cs_mib_name(MIB_LINUX_PAWSACTIVEREJECTED), "PAWSActive") == 0);
	EXPECT(strcmp(cs_mib_name(MIB_IP_OUTNOROUTES), "OutNoRoutes") == 0);
	EXPECT(strcmp(cs_mib_group(MIB_IP_OUTNOROUTES), "Ip") == 0);
	STEP("IP's InCsumErrors is in IpExt (/proc/net/netstat) in 3.10");
	EXPECT(strcmp(cs_mib_group(MIB_IP_INCSUMERRORS), "IpExt") == 0);
	STEP("out-of-range fields have no name");
	EXPECT(cs_mib_name(CS_MIB_MAX) == NULL);
	EXPECT(cs_mib_group((enum cs_mib_field)-1) == NULL);
}

/*
 * The groups cs_mib_print must show, in order: /proc/net/snmp's (Ip, Icmp,
 * Tcp), then /proc/net/netstat's (TcpExt, IpExt), then any other group of
 * core/mib.h in order of first appearance.  Returns how many.
 */
static const char *const all_groups[] = {
#define GROUP_OF(e, g, n) g,
	CS_MIB_LIST(GROUP_OF)
#undef GROUP_OF
};

static int expected_groups(const char **out)
{
	static const char *const proc_order[] = { "Ip", "Icmp", "Tcp", "TcpExt", "IpExt" };
	const int nall = (int)(sizeof(all_groups) / sizeof(all_groups[0]));
	int n = 0;

	for (int i = 0; i < 5; i++)
		for (int j = 0; j < nall; j++)
			if (strcmp(all_groups[j], proc_order[i]) == 0) {
				out[n++] = proc_order[i];
				break;
			}
	for (int j = 0; j < nall; j++) {
		int seen = 0;

		for (int i = 0; i < n; i++)
			seen |= strcmp(out[i], all_groups[j]) == 0;
		if (!seen)
			out[n++] = all_groups[j];
	}
	return n;
}

/* The value a bare @name must give: the counter of that name in the first
 * group, in /proc order, that has one. */
static uint64_t bare_expected(struct net *net, const char *name)
{
	static const char *const names[] = {
#define NAME_OF(e, g, n) n,
		CS_MIB_LIST(NAME_OF)
#undef NAME_OF
	};
	const char *groups[CS_MIB_MAX];
	int ngroups = expected_groups(groups);

	for (int g = 0; g < ngroups; g++)
		for (int f = 0; f < CS_MIB_MAX; f++)
			if (strcmp(all_groups[f], groups[g]) == 0 &&
			    strcmp(names[f], name) == 0)
				return atomic_load(&net->mib.v[f]);
	return UINT64_MAX - 1;
}

static void test_get(void)
{
	struct net *net = mib_net();
	uint64_t v = 0;

	NET_ADD_STATS(net, TCP_ACTIVEOPENS, 3);
	NET_ADD_STATS(net, LINUX_TWRECYCLED, 5);
	NET_ADD_STATS(net, TCP_INCSUMERRORS, 7);
	NET_ADD_STATS(net, IP_INCSUMERRORS, 11);
	STEP("plain names");
	EXPECT_EQ(cs_mib_get(net, "ActiveOpens", &v), 0);
	EXPECT_EQ(v, 3);
	EXPECT_EQ(cs_mib_get(net, "TWRecycled", &v), 0);
	EXPECT_EQ(v, 5);
	STEP("a name in several groups: Group:Name picks one");
	EXPECT_EQ(cs_mib_get(net, "IpExt:InCsumErrors", &v), 0);
	EXPECT_EQ(v, 11);
	EXPECT_EQ(cs_mib_get(net, "Tcp:InCsumErrors", &v), 0);
	EXPECT_EQ(v, 7);
	STEP("a bare name is the counter of the first group in /proc order");
	for (int f = 0; f < CS_MIB_MAX; f++)
		if (strcmp(cs_mib_name((enum cs_mib_field)f), "InCsumErrors") == 0 &&
		    strcmp(all_groups[f], "IpExt") != 0 && strcmp(all_groups[f], "Tcp") != 0)
			atomic_store(&net->mib.v[f], 100 + (unsigned long long)f);
	EXPECT_EQ(cs_mib_get(net, "InCsumErrors", &v), 0);
	EXPECT_EQ(v, bare_expected(net, "InCsumErrors"));
	STEP("the fixed values: DefaultTTL follows the sysctl, MaxConn is -1");
	net->sysctl.ip_default_ttl = 77;
	EXPECT_EQ(cs_mib_get(net, "DefaultTTL", &v), 0);
	EXPECT_EQ(v, 77);
	EXPECT_EQ(cs_mib_get(net, "Forwarding", &v), 0);
	EXPECT_EQ(v, 2);
	EXPECT_EQ(cs_mib_get(net, "RtoMin", &v), 0);
	EXPECT_EQ(v, 200);
	EXPECT_EQ(cs_mib_get(net, "RtoMax", &v), 0);
	EXPECT_EQ(v, 120000);
	EXPECT_EQ(cs_mib_get(net, "MaxConn", &v), 0);
	EXPECT(v == UINT64_MAX);
	STEP("unknown names and wrong groups: ENOENT");
	errno = 0;
	EXPECT_EQ(cs_mib_get(net, "NoSuchCounter", &v), -1);
	EXPECT_EQ(errno, ENOENT);
	errno = 0;
	EXPECT_EQ(cs_mib_get(net, "Ip:ActiveOpens", &v), -1);
	EXPECT_EQ(errno, ENOENT);
	mib_net_free(net);
}

/* The value under @name in a "G: names\nG: values" pair of lines. */
static long long column(const char *names, const char *values, const char *name)
{
	char *n = strdup(names), *v = strdup(values);
	char *sn, *sv;
	char *tn = strtok_r(n, " ", &sn);
	char *tv = strtok_r(v, " ", &sv);
	long long found = -999;

	for (; tn && tv; tn = strtok_r(NULL, " ", &sn), tv = strtok_r(NULL, " ", &sv))
		if (strcmp(tn, name) == 0) {
			found = atoll(tv);
			break;
		}
	free(n);
	free(v);
	return found;
}

static int count_words(const char *line)
{
	int n = 0;

	for (const char *p = line; *p; p++)
		if (*p != ' ' && (p == line || p[-1] == ' '))
			n++;
	return n;
}

/* The line of @lines that starts with "@group:", after @from; -1 if none. */
static int find_line(char **lines, int nlines, int from, const char *group)
{
	size_t len = strlen(group);

	for (int i = from; i < nlines; i++)
		if (strncmp(lines[i], group, len) == 0 && lines[i][len] == ':')
			return i;
	return -1;
}

static void test_print(void)
{
	const char *groups[CS_MIB_MAX];
	int ngroups = expected_groups(groups);
	struct net *net = mib_net();
	char *text = NULL, *lines[2 * CS_MIB_MAX];
	size_t size = 0;
	int nlines = 0, ip, tcp, ext, ipext;
	FILE *f = open_memstream(&text, &size);

	NET_ADD_STATS(net, TCP_ACTIVEOPENS, 4);
	NET_ADD_STATS(net, LINUX_TWRECYCLED, 9);
	NET_ADD_STATS(net, IP_OUTNOROUTES, 2);
	STEP("print into a memory stream");
	cs_mib_print(net, f);
	fclose(f);
	for (char *save, *l = strtok_r(text, "\n", &save); l && nlines < 2 * CS_MIB_MAX;
	     l = strtok_r(NULL, "\n", &save))
		lines[nlines++] = l;
	STEP("two lines per group, groups in /proc order, then connscope's");
	EXPECT_EQ(nlines, 2 * ngroups);
	for (int g = 0; g < ngroups && 2 * g + 1 < nlines; g++) {
		EXPECT_EQ(find_line(lines, nlines, 2 * g, groups[g]), 2 * g);
		EXPECT_EQ(find_line(lines, nlines, 2 * g + 1, groups[g]), 2 * g + 1);
		EXPECT_EQ(count_words(lines[2 * g]), count_words(lines[2 * g + 1]));
	}
	ip = find_line(lines, nlines, 0, "Ip");
	tcp = find_line(lines, nlines, 0, "Tcp");
	ext = find_line(lines, nlines, 0, "TcpExt");
	ipext = find_line(lines, nlines, 0, "IpExt");
	EXPECT(ip >= 0 && tcp >= 0 && ext >= 0 && ipext >= 0);
	if (ip >= 0 && tcp >= 0 && ext >= 0 && ipext >= 0) {
		STEP("Ip starts with Forwarding DefaultTTL, Tcp with the RFC 2012 values");
		EXPECT(strncmp(lines[ip], "Ip: Forwarding DefaultTTL InReceives", 36) == 0);
		EXPECT(strncmp(lines[ip + 1], "Ip: 2 64 0", 10) == 0);
		EXPECT(strncmp(lines[tcp], "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens", 51) == 0);
		EXPECT(strncmp(lines[tcp + 1], "Tcp: 1 200 120000 -1 4", 22) == 0);
		STEP("each value sits under its name");
		EXPECT_EQ(column(lines[ip], lines[ip + 1], "OutNoRoutes"), 2);
		EXPECT_EQ(column(lines[ext], lines[ext + 1], "TWRecycled"), 9);
		EXPECT_EQ(column(lines[ext], lines[ext + 1], "TCPTimeouts"), 0);
		EXPECT_EQ(column(lines[ipext], lines[ipext + 1], "InCsumErrors"), 0);
	}
	free(text);
	mib_net_free(net);
}

static void test_stack_counters(void)
{
	struct test_stack *ts = ts_new(NULL);
	uint64_t v = 99;

	STEP("a fresh stack reads 0 ActiveOpens through the API");
	EXPECT_EQ(cs_mib_get(ts->net, "ActiveOpens", &v), 0);
	EXPECT_EQ(v, 0);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("proc", NULL, NULL);

	CU_add_test(s, "names and groups", test_names);
	CU_add_test(s, "cs_mib_get by name", test_get);
	CU_add_test(s, "cs_mib_print layout", test_print);
	CU_add_test(s, "counters of a stack", test_stack_counters);
}
