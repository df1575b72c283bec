// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_sysctl_net_ipv4.c - core/sysctl_net_ipv4.c: every knob exists with
 * Linux 3.10's default, the bounds of each knob, and the
 * ip_local_port_range rules (ipv4_local_port_range).
 *
 * The expected defaults are written here from the 3.10 sources (globals'
 * initialisers, tcp_sk_init, tcp_init, sk_init; see kernel-facts.md sections
 * 5 and 7.4), not read from the code under test.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "sysctl.h"

static const struct { const char *key, *value; } defaults_310[] = {
	{ "net.ipv4.ip_local_port_range", "32768\t61000" },
	{ "net.ipv4.ip_local_reserved_ports", "" },
	{ "net.ipv4.tcp_syn_retries", "6" },		/* TCP_SYN_RETRIES */
	{ "net.ipv4.tcp_synack_retries", "5" },		/* TCP_SYNACK_RETRIES */
	{ "net.ipv4.tcp_timestamps", "1" },
	{ "net.ipv4.tcp_sack", "1" },
	{ "net.ipv4.tcp_fack", "1" },
	{ "net.ipv4.tcp_window_scaling", "1" },
	{ "net.ipv4.tcp_ecn", "2" },			/* tcp_sk_init */
	{ "net.ipv4.tcp_tw_reuse", "0" },
	{ "net.ipv4.tcp_tw_recycle", "0" },
	{ "net.ipv4.tcp_rmem", "4096\t87380\t6291456" },	/* tcp_init, >= 768 MiB */
	{ "net.ipv4.tcp_wmem", "4096\t16384\t4194304" },
	{ "net.ipv4.tcp_adv_win_scale", "1" },
	{ "net.ipv4.tcp_app_win", "31" },
	{ "net.ipv4.tcp_workaround_signed_windows", "0" },
	{ "net.ipv4.tcp_mtu_probing", "0" },
	{ "net.ipv4.tcp_base_mss", "512" },		/* TCP_BASE_MSS */
	{ "net.ipv4.tcp_fin_timeout", "60" },		/* TCP_FIN_TIMEOUT / HZ */
	{ "net.ipv4.tcp_max_tw_buckets", "128" },	/* 256 buckets / 2 */
	{ "net.ipv4.tcp_fastopen", "0" },
	{ "net.ipv4.tcp_abort_on_overflow", "0" },
	{ "net.ipv4.tcp_retries1", "3" },		/* TCP_RETR1 */
	{ "net.ipv4.tcp_retries2", "15" },		/* TCP_RETR2 */
	{ "net.ipv4.ip_default_ttl", "64" },		/* IPDEFTTL */
	{ "net.ipv4.ip_no_pmtu_disc", "0" },
	{ "net.core.rmem_max", "212992" },		/* SKB_TRUESIZE(256) * 256 */
	{ "net.core.wmem_max", "212992" },
	{ "connscope.thash_entries", "256" },
	{ "connscope.nofile", "1024" },
	{ "connscope.fixed_secrets", "0" },
	{ "connscope.secret_seed", "0" },
	{ "connscope.fixed_clock_ns", "0" },
	{ "connscope.security_deny_port", "0" },
	{ "connscope.security_deny_addr", "0.0.0.0" },
	{ "connscope.neigh_retrans_ms", "1000" },
	{ "connscope.neigh_ucast_probes", "3" },
	{ "connscope.neigh_mcast_probes", "3" },
	{ "net.ipv4.neigh.default.gc_thresh1", "128" },	/* arp_tbl */
	{ "net.ipv4.neigh.default.gc_thresh2", "512" },
	{ "net.ipv4.neigh.default.gc_thresh3", "1024" },
	{ "net.ipv4.neigh.default.gc_interval", "30" },
	{ "net.ipv4.neigh.default.gc_stale_time", "60" },
	{ "net.ipv4.inet_peer_threshold", "65664" },	/* 65536 + 128 */
	{ "net.ipv4.inet_peer_minttl", "120" },
	{ "net.ipv4.inet_peer_maxttl", "600" },
};
#define NDEFAULTS (sizeof(defaults_310) / sizeof(defaults_310[0]))

static void test_default_fields(void)
{
	struct cs_sysctl s;

	STEP("cs_sysctl_defaults fills 3.10's boot values");
	cs_sysctl_defaults(&s);
	EXPECT_EQ(s.ip_local_port_range[0], 32768);
	EXPECT_EQ(s.ip_local_port_range[1], 61000);
	EXPECT(s.ip_local_reserved_ports != NULL);
	if (s.ip_local_reserved_ports) {
		static const unsigned char none[65536 / 8];

		EXPECT(memcmp(s.ip_local_reserved_ports, none, sizeof(none)) == 0);
	}
	EXPECT_EQ(s.tcp_syn_retries, 6);
	EXPECT_EQ(s.tcp_synack_retries, 5);
	EXPECT_EQ(s.tcp_timestamps, 1);
	EXPECT_EQ(s.tcp_sack, 1);
	EXPECT_EQ(s.tcp_fack, 1);
	EXPECT_EQ(s.tcp_window_scaling, 1);
	EXPECT_EQ(s.tcp_ecn, 2);
	EXPECT_EQ(s.tcp_tw_reuse, 0);
	EXPECT_EQ(s.tcp_tw_recycle, 0);
	EXPECT_EQ(s.tcp_rmem[0], 4096);
	EXPECT_EQ(s.tcp_rmem[1], 87380);
	EXPECT_EQ(s.tcp_rmem[2], 6291456);
	EXPECT_EQ(s.tcp_wmem[0], 4096);
	EXPECT_EQ(s.tcp_wmem[1], 16384);
	EXPECT_EQ(s.tcp_wmem[2], 4194304);
	EXPECT_EQ(s.tcp_adv_win_scale, 1);
	EXPECT_EQ(s.tcp_app_win, 31);
	EXPECT_EQ(s.tcp_workaround_signed_windows, 0);
	EXPECT_EQ(s.tcp_mtu_probing, 0);
	EXPECT_EQ(s.tcp_base_mss, 512);
	EXPECT_EQ(s.tcp_fin_timeout, 60);
	EXPECT_EQ(s.tcp_max_tw_buckets, 128);
	EXPECT_EQ(s.tcp_fastopen, 0);
	EXPECT_EQ(s.tcp_abort_on_overflow, 0);
	EXPECT_EQ(s.tcp_retries1, 3);
	EXPECT_EQ(s.tcp_retries2, 15);
	EXPECT_EQ(s.ip_default_ttl, 64);
	EXPECT_EQ(s.ip_no_pmtu_disc, 0);
	EXPECT_EQ(s.rmem_max, 212992);
	EXPECT_EQ(s.wmem_max, 212992);
	EXPECT_EQ(s.thash_entries, 256);
	EXPECT_EQ(s.nofile, 1024);
	EXPECT_EQ(s.fixed_secrets, 0);
	EXPECT_EQ(s.secret_seed, 0);
	EXPECT_EQ(s.fixed_clock_ns, 0);
	EXPECT_EQ(s.security_deny_port, 0);
	EXPECT_EQ(s.security_deny_addr, 0);
	EXPECT_EQ(s.neigh_retrans_ms, 1000);
	EXPECT_EQ(s.neigh_ucast_probes, 3);
	EXPECT_EQ(s.neigh_mcast_probes, 3);
	cs_sysctl_free(&s);
	EXPECT(s.ip_local_reserved_ports == NULL);
}

static void test_default_text(void)
{
	struct cs_sysctl s;

	cs_sysctl_defaults(&s);
	for (size_t i = 0; i < NDEFAULTS; i++) {
		char buf[64];

		STEP("%s reads as /proc/sys shows it", defaults_310[i].key);
		EXPECT_EQ(cs_sysctl_read(&s, defaults_310[i].key, buf, sizeof(buf)),
			  (long long)strlen(defaults_310[i].value));
		EXPECT(strcmp(buf, defaults_310[i].value) == 0);
		EXPECT(cs_sysctl_describe(defaults_310[i].key) != NULL);
	}
	cs_sysctl_free(&s);
}

struct seen {
	int count[NDEFAULTS];
	int unknown;
};

static void collect(const char *key, const char *value, void *arg)
{
	struct seen *seen = arg;

	for (size_t i = 0; i < NDEFAULTS; i++)
		if (strcmp(key, defaults_310[i].key) == 0) {
			seen->count[i]++;
			if (strcmp(key, "connscope.fixed_secrets") == 0)
				EXPECT(strcmp(value, "1") == 0);
			else
				EXPECT(strcmp(value, defaults_310[i].value) == 0);
			return;
		}
	seen->unknown++;
}

static void test_every_knob_on_a_stack(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct seen seen;

	memset(&seen, 0, sizeof(seen));
	STEP("cs_sysctl_foreach on a fresh stack lists each knob once, at its default");
	cs_sysctl_foreach(ts->net, collect, &seen);
	EXPECT_EQ(seen.unknown, 0);
	for (size_t i = 0; i < NDEFAULTS; i++) {
		STEP("%s listed once", defaults_310[i].key);
		EXPECT_EQ(seen.count[i], 1);
	}
	ts_free(ts);
}

/* Set @val on a fresh default table; returns the apply result. */
static int try_set(const char *key, const char *val)
{
	struct cs_sysctl s;
	char err[256];
	int ret;

	cs_sysctl_defaults(&s);
	ret = cs_sysctl_apply(&s, key, val, err, sizeof(err));
	cs_sysctl_free(&s);
	return ret;
}

static void test_bounds(void)
{
	static const struct { const char *key, *bad_low, *low, *high, *bad_high; } b[] = {
		{ "net.ipv4.tcp_syn_retries", "0", "1", "127", "128" },
		{ "net.ipv4.tcp_timestamps", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_sack", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_fack", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_window_scaling", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_ecn", "-1", "0", "2", "3" },
		{ "net.ipv4.tcp_tw_reuse", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_tw_recycle", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_adv_win_scale", "-32", "-31", "31", "32" },
		{ "net.ipv4.tcp_app_win", "-1", "0", "31", "32" },
		{ "net.ipv4.tcp_workaround_signed_windows", "-1", "0", "1", "2" },
		{ "net.ipv4.tcp_mtu_probing", "-1", "0", "2", "3" },
		{ "net.ipv4.tcp_fin_timeout", "-1", "0", "2147483", "2147484" },
		{ "net.ipv4.tcp_abort_on_overflow", "-1", "0", "1", "2" },
		{ "net.ipv4.ip_default_ttl", "0", "1", "255", "256" },
		{ "net.ipv4.ip_no_pmtu_disc", "-1", "0", "1", "2" },
		{ "net.core.rmem_max", "0", "1", "2147483647", "2147483648" },
		{ "net.core.wmem_max", "0", "1", "2147483647", "2147483648" },
		{ "net.ipv4.tcp_rmem", "0 1 1", "1 1 1", "1 1 2147483647", "1 1 2147483648" },
		{ "net.ipv4.tcp_wmem", "1 0 1", "1 1 1", "2147483647", "2147483648" },
		{ "connscope.thash_entries", "0", "1", "1048576", "1048577" },
		{ "connscope.nofile", "0", "1", "1048576", "1048577" },
		{ "connscope.fixed_secrets", "-1", "0", "1", "2" },
		{ "connscope.security_deny_port", "-1", "0", "65535", "65536" },
		{ "connscope.neigh_retrans_ms", "0", "1", "2147483647", "2147483648" },
		{ "connscope.neigh_ucast_probes", "-1", "0", "2147483647", "2147483648" },
		{ "connscope.secret_seed", "-1", "0", "4294967295", "4294967296" },
		{ "connscope.fixed_clock_ns", "-1", "0", "18446744073709551615",
		  "18446744073709551616" },
	};

	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		STEP("%s accepts '%s'..'%s', refuses '%s' and '%s'", b[i].key,
		     b[i].low, b[i].high, b[i].bad_low, b[i].bad_high);
		EXPECT_EQ(try_set(b[i].key, b[i].bad_low), -EINVAL);
		EXPECT_EQ(try_set(b[i].key, b[i].low), 0);
		EXPECT_EQ(try_set(b[i].key, b[i].high), 0);
		EXPECT_EQ(try_set(b[i].key, b[i].bad_high), -EINVAL);
	}
}

static void test_unbounded_ints(void)
{
	static const char *const keys[] = {
		"net.ipv4.tcp_synack_retries", "net.ipv4.tcp_base_mss",
		"net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_fastopen",
		"net.ipv4.tcp_retries2",
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		STEP("%s is a plain proc_dointvec: any int, nothing beyond", keys[i]);
		EXPECT_EQ(try_set(keys[i], "-2147483648"), 0);
		EXPECT_EQ(try_set(keys[i], "2147483647"), 0);
		EXPECT_EQ(try_set(keys[i], "2147483648"), -EINVAL);
		EXPECT_EQ(try_set(keys[i], "-2147483649"), -EINVAL);
	}
	STEP("tcp_retries1 has only a maximum (255), as in 3.10");
	EXPECT_EQ(try_set("net.ipv4.tcp_retries1", "-7"), 0);
	EXPECT_EQ(try_set("net.ipv4.tcp_retries1", "255"), 0);
	EXPECT_EQ(try_set("net.ipv4.tcp_retries1", "256"), -EINVAL);
}

/* Apply @val to ip_local_port_range of @s and read the range back. */
static int set_range(struct cs_sysctl *s, const char *val, char *err)
{
	return cs_sysctl_apply(s, "net.ipv4.ip_local_port_range", val, err, 256);
}

static void test_port_range_rules(void)
{
	struct cs_sysctl s;
	char err[256];

	cs_sysctl_defaults(&s);
	STEP("1 65535 is the widest range");
	EXPECT_EQ(set_range(&s, "1 65535", err), 0);
	EXPECT_EQ(s.ip_local_port_range[0], 1);
	EXPECT_EQ(s.ip_local_port_range[1], 65535);
	STEP("low == high is allowed");
	EXPECT_EQ(set_range(&s, "5000 5000", err), 0);
	EXPECT_EQ(s.ip_local_port_range[0], 5000);
	STEP("0 as low, 65536 as high: EINVAL, range unchanged");
	EXPECT_EQ(set_range(&s, "0 100", err), -EINVAL);
	EXPECT_EQ(set_range(&s, "100 65536", err), -EINVAL);
	EXPECT_EQ(s.ip_local_port_range[0], 5000);
	EXPECT_EQ(s.ip_local_port_range[1], 5000);
	STEP("low > high: EINVAL naming the key, range unchanged");
	EXPECT_EQ(set_range(&s, "40000 30000", err), -EINVAL);
	EXPECT(strcmp(err, "net.ipv4.ip_local_port_range: '40000 30000' has low > high "
		      "(accepted: two integers 'low high' with 1 <= low <= high <= 65535)") == 0);
	EXPECT_EQ(s.ip_local_port_range[0], 5000);
	EXPECT_EQ(s.ip_local_port_range[1], 5000);
	STEP("one value sets low only (proc_dointvec writes what it is given)");
	EXPECT_EQ(set_range(&s, "30000 61000", err), 0);
	EXPECT_EQ(set_range(&s, "40000", err), 0);
	EXPECT_EQ(s.ip_local_port_range[0], 40000);
	EXPECT_EQ(s.ip_local_port_range[1], 61000);
	STEP("a low alone above the current high: EINVAL");
	EXPECT_EQ(set_range(&s, "62000", err), -EINVAL);
	EXPECT_EQ(s.ip_local_port_range[0], 40000);
	STEP("three values: EINVAL");
	EXPECT_EQ(set_range(&s, "1 2 3", err), -EINVAL);
	cs_sysctl_free(&s);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("sysctl_net_ipv4", NULL, NULL);

	CU_add_test(s, "defaults are 3.10's (fields)", test_default_fields);
	CU_add_test(s, "defaults are 3.10's (as text)", test_default_text);
	CU_add_test(s, "every knob on a stack", test_every_knob_on_a_stack);
	CU_add_test(s, "bounds of each knob", test_bounds);
	CU_add_test(s, "plain proc_dointvec knobs", test_unbounded_ints);
	CU_add_test(s, "ip_local_port_range rules", test_port_range_rules);
}
