// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_sysctl.c - core/sysctl.c: the proc handlers (parsing and printing
 * as /proc/sys does), the error messages, and the cs_sysctl_* API on a
 * stack.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"
#include "sysctl.h"
#include "sysctl_table.h"

static struct cs_sysctl s;
static char err[256];

static int set(const char *key, const char *val)
{
	return cs_sysctl_apply(&s, key, val, err, sizeof(err));
}

/* The value of @key as text (static buffer). */
static const char *get(const char *key)
{
	static char buf[512];

	if (cs_sysctl_read(&s, key, buf, sizeof(buf)) < 0)
		return "(unknown)";
	return buf;
}

static int setup(void)
{
	cs_sysctl_defaults(&s);
	return 0;
}

static int teardown(void)
{
	cs_sysctl_free(&s);
	return 0;
}

static void test_unknown_key(void)
{
	STEP("an unknown key is ENOENT with \"unknown sysctl 'x'\"");
	EXPECT_EQ(set("net.ipv4.no_such_knob", "1"), -ENOENT);
	EXPECT(strcmp(err, "unknown sysctl 'net.ipv4.no_such_knob'") == 0);
	EXPECT_EQ(cs_sysctl_read(&s, "tcp_ecn", err, sizeof(err)), -ENOENT);
	EXPECT(cs_sysctl_describe("net.ipv4") == NULL);
}

static void test_messages(void)
{
	STEP("out of range names the key, the value and what is accepted");
	EXPECT_EQ(set("net.ipv4.tcp_ecn", "7"), -EINVAL);
	EXPECT(strcmp(err, "net.ipv4.tcp_ecn: '7' is out of range "
		      "(accepted: integer 0..2)") == 0);
	STEP("not a number");
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "abc"), -EINVAL);
	EXPECT(strcmp(err, "net.ipv4.tcp_syn_retries: 'abc' is not a valid value "
		      "(accepted: integer 1..127)") == 0);
	STEP("too many values for one int");
	EXPECT_EQ(set("net.ipv4.tcp_ecn", "1 2"), -EINVAL);
	EXPECT(strcmp(err, "net.ipv4.tcp_ecn: '1 2' has too many values "
		      "(accepted: integer 0..2)") == 0);
	STEP("vectors and minimum-only bounds");
	EXPECT_EQ(set("net.ipv4.tcp_rmem", "4096 0 6291456"), -EINVAL);
	EXPECT(strcmp(err, "net.ipv4.tcp_rmem: '4096 0 6291456' is out of range "
		      "(accepted: 3 integers >= 1)") == 0);
	STEP("maximum-only bounds and plain ints");
	EXPECT_EQ(set("net.ipv4.tcp_retries1", "300"), -EINVAL);
	EXPECT(strstr(err, "(accepted: integer <= 255)") != NULL);
	EXPECT_EQ(set("net.ipv4.tcp_retries2", "x"), -EINVAL);
	EXPECT(strstr(err, "(accepted: integer)") != NULL);
	STEP("success clears the message");
	EXPECT_EQ(set("net.ipv4.tcp_ecn", "1"), 0);
	EXPECT(strcmp(err, "") == 0);
}

static void test_every_key_names_itself(void)
{
	static const char *const keys[] = {
		"net.ipv4.ip_local_port_range", "net.ipv4.ip_local_reserved_ports",
		"net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries",
		"net.ipv4.tcp_timestamps", "net.ipv4.tcp_sack", "net.ipv4.tcp_fack",
		"net.ipv4.tcp_window_scaling", "net.ipv4.tcp_ecn", "net.ipv4.tcp_tw_reuse",
		"net.ipv4.tcp_tw_recycle", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
		"net.ipv4.tcp_adv_win_scale", "net.ipv4.tcp_app_win",
		"net.ipv4.tcp_workaround_signed_windows", "net.ipv4.tcp_mtu_probing",
		"net.ipv4.tcp_base_mss", "net.ipv4.tcp_fin_timeout",
		"net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_fastopen",
		"net.ipv4.tcp_abort_on_overflow", "net.ipv4.tcp_retries1",
		"net.ipv4.tcp_retries2", "net.ipv4.ip_default_ttl",
		"net.ipv4.ip_no_pmtu_disc", "net.core.rmem_max", "net.core.wmem_max",
		"connscope.thash_entries", "connscope.fixed_secrets",
		"connscope.secret_seed", "connscope.fixed_clock_ns",
		"connscope.security_deny_port", "connscope.security_deny_addr",
		"connscope.neigh_retrans_ms", "connscope.neigh_ucast_probes",
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char before[512], prefix[128];

		STEP("%s = 'bad!' is EINVAL, names the key, changes nothing", keys[i]);
		snprintf(before, sizeof(before), "%s", get(keys[i]));
		snprintf(prefix, sizeof(prefix), "%s: 'bad!' ", keys[i]);
		EXPECT_EQ(set(keys[i], "bad!"), -EINVAL);
		EXPECT(strncmp(err, prefix, strlen(prefix)) == 0);
		EXPECT(strstr(err, "(accepted: ") != NULL);
		EXPECT(strcmp(get(keys[i]), before) == 0);
	}
}

static void test_int_parsing(void)
{
	STEP("blanks and a trailing newline are fine (echo 1 > file)");
	EXPECT_EQ(set("net.ipv4.tcp_ecn", " 1\n"), 0);
	EXPECT(strcmp(get("net.ipv4.tcp_ecn"), "1") == 0);
	STEP("numbers in C syntax, as simple_strtoul(.., 0): 0x10 and 010");
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "0x10"), 0);
	EXPECT(strcmp(get("net.ipv4.tcp_syn_retries"), "16") == 0);
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "010"), 0);
	EXPECT(strcmp(get("net.ipv4.tcp_syn_retries"), "8") == 0);
	STEP("'08' and '5x' end in a character that is not a blank: EINVAL");
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "08"), -EINVAL);
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "5x"), -EINVAL);
	STEP("empty and blank values are EINVAL, as an empty write in 3.10");
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", ""), -EINVAL);
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "  \n"), -EINVAL);
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "-"), -EINVAL);
	EXPECT(strcmp(get("net.ipv4.tcp_syn_retries"), "8") == 0);
	STEP("beyond 64 bits is out of range");
	EXPECT_EQ(set("net.ipv4.tcp_syn_retries", "99999999999999999999999"), -EINVAL);
	EXPECT(strstr(err, "is out of range") != NULL);
}

static void test_vectors(void)
{
	STEP("three values, read back tab-separated");
	EXPECT_EQ(set("net.ipv4.tcp_rmem", "4096 100000 8000000"), 0);
	EXPECT(strcmp(get("net.ipv4.tcp_rmem"), "4096\t100000\t8000000") == 0);
	STEP("fewer values change only the first ones");
	EXPECT_EQ(set("net.ipv4.tcp_rmem", "5000"), 0);
	EXPECT(strcmp(get("net.ipv4.tcp_rmem"), "5000\t100000\t8000000") == 0);
	STEP("a bad element: EINVAL and nothing stored, not even the good ones");
	EXPECT_EQ(set("net.ipv4.tcp_rmem", "7000 0 9000000"), -EINVAL);
	EXPECT(strcmp(get("net.ipv4.tcp_rmem"), "5000\t100000\t8000000") == 0);
	STEP("four values: too many");
	EXPECT_EQ(set("net.ipv4.tcp_wmem", "1 2 3 4"), -EINVAL);
	EXPECT(strstr(err, "has too many values (accepted: 3 integers >= 1)") != NULL);
}

static bool port_set(int port)
{
	const unsigned long *b = s.ip_local_reserved_ports;
	const size_t bits = 8 * sizeof(unsigned long);

	return b[port / bits] & (1UL << (port % bits));
}

static void test_reserved_ports(void)
{
	STEP("\"40000,40002-40003\" reserves 40000, 40002, 40003");
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "40000,40002-40003"), 0);
	EXPECT(port_set(40000));
	EXPECT(!port_set(40001));
	EXPECT(port_set(40002));
	EXPECT(port_set(40003));
	EXPECT(!port_set(40004));
	EXPECT(strcmp(get("net.ipv4.ip_local_reserved_ports"), "40000,40002-40003") == 0);
	STEP("a write replaces the set; overlapping ranges merge when read");
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "1-3,2-5,0,65535\n"), 0);
	EXPECT(!port_set(40000));
	EXPECT(strcmp(get("net.ipv4.ip_local_reserved_ports"), "0-5,65535") == 0);
	STEP("errors: 65536, a reversed range, empty item, blank, dangling dash");
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "65536"), -EINVAL);
	EXPECT(strstr(err, "is out of range") != NULL);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "5-3"), -EINVAL);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "1,,2"), -EINVAL);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "1, 2"), -EINVAL);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "7-"), -EINVAL);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "-7"), -EINVAL);
	EXPECT(strcmp(get("net.ipv4.ip_local_reserved_ports"), "0-5,65535") == 0);
	STEP("a trailing comma is accepted, as the kernel skips the separator");
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "9,"), 0);
	EXPECT(strcmp(get("net.ipv4.ip_local_reserved_ports"), "9") == 0);
	STEP("an empty value (or a lone newline) clears the set");
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "\n"), 0);
	EXPECT(strcmp(get("net.ipv4.ip_local_reserved_ports"), "") == 0);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", "12"), 0);
	EXPECT_EQ(set("net.ipv4.ip_local_reserved_ports", ""), 0);
	EXPECT(!port_set(12));
}

static void test_other_types(void)
{
	struct in_addr a;

	STEP("u32, u64 and address knobs round-trip");
	EXPECT_EQ(set("connscope.secret_seed", "4294967295"), 0);
	EXPECT(strcmp(get("connscope.secret_seed"), "4294967295") == 0);
	EXPECT_EQ(set("connscope.fixed_clock_ns", "18446744073709551615"), 0);
	EXPECT(strcmp(get("connscope.fixed_clock_ns"), "18446744073709551615") == 0);
	EXPECT_EQ(set("connscope.security_deny_addr", "10.77.0.2"), 0);
	inet_pton(AF_INET, "10.77.0.2", &a);
	EXPECT_EQ(s.security_deny_addr, a.s_addr);
	EXPECT(strcmp(get("connscope.security_deny_addr"), "10.77.0.2") == 0);
	EXPECT_EQ(set("connscope.security_deny_addr", "0"), 0);
	EXPECT_EQ(s.security_deny_addr, 0);
	STEP("a u32 takes no sign and no second value");
	EXPECT_EQ(set("connscope.secret_seed", "-1"), -EINVAL);
	EXPECT_EQ(set("connscope.secret_seed", "1 2"), -EINVAL);
	EXPECT_EQ(set("connscope.security_deny_addr", "10.77.0"), -EINVAL);
	STEP("'/' works as the separator, as with sysctl(8)");
	EXPECT_EQ(set("net/ipv4/tcp_ecn", "0"), 0);
	EXPECT_EQ(s.tcp_ecn, 0);
}

static void test_read_length(void)
{
	char small[4];

	STEP("cs_sysctl_read truncates and returns the length it needs");
	EXPECT_EQ(cs_sysctl_read(&s, "net.core.rmem_max", small, sizeof(small)), 6);
	EXPECT(strcmp(small, "212") == 0);
	EXPECT_EQ(cs_sysctl_read(&s, "net.core.rmem_max", NULL, 0), 6);
}

/* ---- through the public API on a stack --------------------------------- */

static void test_api(void)
{
	struct test_stack *ts = ts_new(NULL);
	char buf[64], tiny[3];

	STEP("cs_sysctl_set_kv + cs_sysctl_get round trip");
	EXPECT_EQ(cs_sysctl_set_kv(ts->net, "net.ipv4.tcp_syn_retries=3"), 0);
	EXPECT_EQ(cs_sysctl_get(ts->net, "net.ipv4.tcp_syn_retries", buf, sizeof(buf)), 0);
	EXPECT(strcmp(buf, "3") == 0);
	EXPECT_EQ(ts->net->sysctl.tcp_syn_retries, 3);
	STEP("blanks around the key are ignored");
	EXPECT_EQ(cs_sysctl_set_kv(ts->net, " net.ipv4.tcp_ecn = 1"), 0);
	EXPECT_EQ(ts->net->sysctl.tcp_ecn, 1);
	STEP("a bad value: -1, EINVAL, the message names the key");
	errno = 0;
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.ip_local_port_range", "0 10"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT(strncmp(cs_sysctl_strerror(ts->net), "net.ipv4.ip_local_port_range: '0 10'",
		       36) == 0);
	STEP("an unknown key: -1, ENOENT, \"unknown sysctl 'x'\"");
	errno = 0;
	EXPECT_EQ(cs_sysctl_set(ts->net, "x", "1"), -1);
	EXPECT_EQ(errno, ENOENT);
	EXPECT(strcmp(cs_sysctl_strerror(ts->net), "unknown sysctl 'x'") == 0);
	errno = 0;
	EXPECT_EQ(cs_sysctl_get(ts->net, "y", buf, sizeof(buf)), -1);
	EXPECT_EQ(errno, ENOENT);
	STEP("no '=': EINVAL");
	errno = 0;
	EXPECT_EQ(cs_sysctl_set_kv(ts->net, "net.ipv4.tcp_ecn"), -1);
	EXPECT_EQ(errno, EINVAL);
	STEP("a buffer too small for the value: ERANGE");
	errno = 0;
	EXPECT_EQ(cs_sysctl_get(ts->net, "net.core.rmem_max", tiny, sizeof(tiny)), -1);
	EXPECT_EQ(errno, ERANGE);
	STEP("tcp_max_tw_buckets and tcp_tw_recycle reach the death row");
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.tcp_max_tw_buckets", "5"), 0);
	EXPECT_EQ(ts->net->tcp_death_row.sysctl_max_tw_buckets, 5);
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.tcp_tw_recycle", "1"), 0);
	EXPECT_EQ(ts->net->tcp_death_row.sysctl_tw_recycle, 1);
	EXPECT(strcmp(cs_sysctl_strerror(ts->net), "") == 0);
	ts_free(ts);
}

struct long_value {
	const char *want;
	int found;
};

static void find_ports(const char *key, const char *value, void *arg)
{
	struct long_value *lv = arg;

	if (strcmp(key, "net.ipv4.ip_local_reserved_ports") == 0)
		lv->found = strcmp(value, lv->want) == 0;
}

static void test_foreach_long_value(void)
{
	struct test_stack *ts = ts_new(NULL);
	char list[1024] = "";
	struct long_value lv = { list, -1 };

	for (int p = 1; p < 200; p += 2)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%d",
			 p > 1 ? "," : "", p);
	STEP("a value longer than 128 characters (%zu) reaches the callback whole",
	     strlen(list));
	EXPECT_EQ(cs_sysctl_set(ts->net, "net.ipv4.ip_local_reserved_ports", list), 0);
	cs_sysctl_foreach(ts->net, find_ports, &lv);
	EXPECT_EQ(lv.found, 1);
	ts_free(ts);
}

/*
 * The handlers as kernel/sysctl.c has them: one function, told by @write
 * which way, on the table entry's data; a read reports the length the
 * whole value needs.
 */
static void test_handler_directly(void)
{
	static const long long lo = 0, hi = 5, port_lo = 1, port_hi = 65535;
	int vec[3] = { 1, -2, 3 }, range[2] = { 100, 200 };
	struct ctl_table t = { .procname = "x", .data = vec, .maxlen = sizeof(vec) };
	const char *why = NULL;
	char buf[16], acc[64];
	size_t len = sizeof(buf);

	STEP("write == 0 prints the vector, tab-separated");
	EXPECT_EQ(proc_dointvec(&t, 0, buf, &len, &why), 0);
	EXPECT(strcmp(buf, "1\t-2\t3") == 0);
	EXPECT_EQ(len, 6);
	STEP("a short buffer is cut but the whole length reported");
	len = 3;
	EXPECT_EQ(proc_dointvec(&t, 0, buf, &len, &why), 0);
	EXPECT(strcmp(buf, "1\t") == 0);
	EXPECT_EQ(len, 6);
	STEP("write == 1 sets the elements given and keeps the rest");
	len = 3;
	EXPECT_EQ(proc_dointvec(&t, 1, "7 8", &len, &why), 0);
	EXPECT(vec[0] == 7 && vec[1] == 8 && vec[2] == 3);
	STEP("a bad element stores nothing");
	EXPECT_EQ(proc_dointvec(&t, 1, "9 x", &len, &why), -EINVAL);
	EXPECT(strcmp(why, "is not a valid value") == 0);
	EXPECT(vec[0] == 7 && vec[1] == 8 && vec[2] == 3);
	STEP("proc_dointvec_minmax checks extra1..extra2");
	t.extra1 = &lo;
	t.extra2 = &hi;
	EXPECT_EQ(proc_dointvec_minmax(&t, 1, "5 6", &len, &why), -EINVAL);
	EXPECT(strcmp(why, "is out of range") == 0);
	EXPECT_EQ(vec[0], 7);
	EXPECT_EQ(proc_dointvec_minmax(&t, 1, "0 5", &len, &why), 0);
	EXPECT(vec[0] == 0 && vec[1] == 5);
	STEP("ipv4_local_port_range refuses low > high and keeps the range");
	t = (struct ctl_table){ .procname = "r", .data = range, .maxlen = sizeof(range),
				.proc_handler = ipv4_local_port_range,
				.extra1 = &port_lo, .extra2 = &port_hi };
	EXPECT_EQ(ipv4_local_port_range(&t, 1, "300 250", &len, &why), -EINVAL);
	EXPECT(strcmp(why, "has low > high") == 0);
	EXPECT(range[0] == 100 && range[1] == 200);
	EXPECT_EQ(ipv4_local_port_range(&t, 1, "10 20", &len, &why), 0);
	EXPECT(range[0] == 10 && range[1] == 20);
	STEP("cs_sysctl_accepts names what the handler takes");
	EXPECT_EQ(cs_sysctl_accepts(&t, acc, sizeof(acc)),
		  (int)strlen("two integers 'low high' with 1 <= low <= high <= 65535"));
	EXPECT(strcmp(acc, "two integers 'low high' with 1 <= low <= high <= 65535") == 0);
}

void register_tests(void)
{
	CU_pSuite p = CU_add_suite("sysctl handlers", setup, teardown);
	CU_pSuite a = CU_add_suite("sysctl API", NULL, NULL);

	CU_add_test(p, "unknown key", test_unknown_key);
	CU_add_test(p, "error messages", test_messages);
	CU_add_test(p, "every key names itself", test_every_key_names_itself);
	CU_add_test(p, "integer parsing", test_int_parsing);
	CU_add_test(p, "int vectors", test_vectors);
	CU_add_test(p, "reserved ports list", test_reserved_ports);
	CU_add_test(p, "u32, u64, address", test_other_types);
	CU_add_test(p, "read length", test_read_length);
	CU_add_test(p, "one handler, write 0 or 1", test_handler_directly);
	CU_add_test(a, "set/get/strerror/set_kv", test_api);
	CU_add_test(a, "foreach with a long value", test_foreach_long_value);
}
