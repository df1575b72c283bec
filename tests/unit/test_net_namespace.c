// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_net_namespace.c - core/net_namespace.c and core/table_dump.c:
 * creating a stack (argument checks, sysctls applied before tcp_init's
 * sizing), freeing one with sockets in every state, and the table dump
 * matching the tables.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "rx_test_util.h"
#include "nic.h"
#include "clock.h"

static void test_net_new_args(void)
{
	struct cs_net_config cfg;
	struct nic *nic = nic_loop_new("l", ts_mac, 1500);

	memset(&cfg, 0, sizeof(cfg));
	EXPECT(cs_net_new(nic, &cfg) == NULL);		/* address 0 */
	EXPECT_EQ(errno, EINVAL);
	inet_pton(AF_INET, TS_ADDR, &cfg.addr);
	cfg.prefixlen = 33;
	EXPECT(cs_net_new(nic, &cfg) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT(cs_net_new(NULL, &cfg) == NULL);
	STEP("a bad sysctl fails the creation and names nothing half-built");
	{
		static const char *const bad[] = { "net.ipv4.tcp_ecn=9", NULL };

		cfg.prefixlen = 24;
		cfg.no_softirq_thread = 1;
		cfg.sysctls = bad;
		EXPECT(cs_net_new(nic, &cfg) == NULL);
		EXPECT_EQ(errno, EINVAL);
	}
	nic_destroy(nic);
}

/* connscope.thash_entries reaches tcp_init's sizing; max_tw_buckets
 * follows it (half the ehash) unless set. */
static void test_sysctls_before_tables(void)
{
	static const char *const small[] = { "connscope.thash_entries=64", NULL };
	static const char *const both[] = { "connscope.thash_entries=64",
					    "net.ipv4.tcp_max_tw_buckets=5", NULL };
	struct test_stack *ts = ts_new(small);
	char buf[32];

	EXPECT_EQ(ts->net->tcp_hashinfo.ehash_mask + 1, 64);
	EXPECT_EQ(ts->net->tcp_hashinfo.bhash_size, 64);
	EXPECT_EQ(cs_sysctl_get(ts->net, "net.ipv4.tcp_max_tw_buckets", buf, sizeof(buf)), 0);
	EXPECT_EQ(atoi(buf), 32);
	EXPECT_EQ(ts->net->tcp_death_row.sysctl_max_tw_buckets, 32);
	ts_free(ts);
	ts = ts_new(both);
	EXPECT_EQ(ts->net->tcp_death_row.sysctl_max_tw_buckets, 5);
	ts_free(ts);
}

/* Freeing a stack with a SYN_SENT socket whose SYN waits for ARP, an
 * established one, an orphan in FIN_WAIT1 and a TIME-WAIT: no buffer
 * leaks (and ASan sees no use after free). */
static void test_free_with_everything(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct rx_conn a, b;
	long before = cs_skb_live_count();
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in far = ts_sin("10.77.0.9", 80);

	STEP("a SYN held in the ARP queue of 10.77.0.9");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&far, sizeof(far)), -1);
	STEP("an established socket, and one closed into FIN_WAIT1");
	rx_established(ts, &a, 10);
	rx_established(ts, &b, 20);
	EXPECT_EQ(cs_close(ts->net, b.fd), 0);
	ts_free(ts);
	EXPECT_EQ(cs_skb_live_count(), before);
}

/* Count occurrences of @needle in @s. */
static int count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* The dump lists what the tables hold: two SYN_SENT sockets in their
 * ehash slots, their bind buckets (-1/-1) with owners, a listener. */
static void test_table_dump(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct inet_hashinfo *h = &ts->net->tcp_hashinfo;
	struct rx_conn a, b;
	struct sockaddr_in me = ts_sin("0.0.0.0", 8080);
	int l = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	char *buf = NULL, want[160];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	EXPECT_EQ(cs_bind(ts->net, l, (struct sockaddr *)&me, sizeof(me)), 0);
	EXPECT_EQ(cs_listen(ts->net, l, 5), 0);
	rx_syn_sent(ts, &a);
	rx_syn_sent(ts, &b);
	EXPECT_EQ(cs_dump_tables(ts->net, f), 0);
	fclose(f);
	STEP("ehash: each socket in the slot of its hash");
	snprintf(want, sizeof(want), "{\"bucket\":%u,\"chain\":[{\"id\":%u,\"tw\":false,"
		 "\"state\":\"SYN_SENT\",\"saddr\":\"10.77.0.1\",\"sport\":%u,",
		 a.sk->sk_hash & h->ehash_mask, a.sk->sk_id, a.sport);
	EXPECT(strstr(buf, want) != NULL);
	EXPECT_EQ(count(buf, "\"state\":\"SYN_SENT\""), 2);
	STEP("bhash: the two connect buckets and the bind() bucket");
	snprintf(want, sizeof(want), "{\"bucket\":%u,\"buckets\":[{\"port\":%u,\"fastreuse\":-1,"
		 "\"fastreuseport\":-1,\"owners\":[{\"id\":%u,\"tw\":false}]}",
		 inet_bhashfn(ts->net, b.sport, h->bhash_size), b.sport, b.sk->sk_id);
	EXPECT(strstr(buf, want) != NULL);
	EXPECT(strstr(buf, "\"port\":8080,\"fastreuse\":0") != NULL);
	STEP("listening: the listener in slot 8080 & 31");
	snprintf(want, sizeof(want), "\"listening\":[\n  {\"bucket\":%u,\"chain\":[{\"id\":%u,",
		 8080 & 31, rx_sk(ts, l)->sk_id);
	EXPECT(strstr(buf, want) != NULL);
	EXPECT(strstr(buf, "\"ehash_size\":256") != NULL);
	free(buf);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("net_namespace.c, table_dump.c", NULL, NULL);

	CU_add_test(s, "cs_net_new argument checks", test_net_new_args);
	CU_add_test(s, "sysctls applied before the tables", test_sysctls_before_tables);
	CU_add_test(s, "cs_net_free with sockets in every state", test_free_with_everything);
	CU_add_test(s, "cs_dump_tables", test_table_dump);
}
