// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_text.c - the text reports (viz/text) fed hand-built events: one
 * process whose socket 1 holds port 40000 (ESTABLISHED), then a connect of
 * socket 2 whose port search refuses 40000 and takes 40001, one SYN
 * retransmission, then ESTABLISHED.  Expected lines are written out by hand
 * from the events given; a second process checks the per-process split.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "text.h"
#include "events.h"

static struct text_trace T;
static struct model_event E;
static uint64_t now_ns;
static int64_t pid = 100, tid = 101;

#define U(n, v) model_event_add_uint(&E, n, (uint64_t)(v))
#define I(n, v) model_event_add_int(&E, n, (int64_t)(v))
#define EN(n, v, l) model_event_add_enum(&E, n, (int64_t)(v), l)
#define A(n, s) model_event_add_addr(&E, n, inet_addr(s))

static void ev(const char *name)
{
	now_ns += 1000000;	/* 1 ms between events */
	model_event_set(&E, name, now_ns, tid);
	E.vpid = pid;
}

/* Fed as the provider declares it (core/trace/tp_*.h): a hand-built event
 * with a field its event does not have tests nothing real. */
static void feed(void)
{
	const struct model_event_decl *d = model_event_decl_find(E.name);

	EXPECT(d != NULL);
	for (size_t i = 0; d && i < E.nfields; i++) {
		if (!model_event_decl_field(d, E.fields[i].name))
			STEP("%s has no field %s", E.name, E.fields[i].name);
		EXPECT(model_event_decl_field(d, E.fields[i].name) != NULL);
	}
	EXPECT_EQ(text_trace_feed(&T, &E), 0);
}

static void set_state(int sk, int from, const char *fl, int to, const char *tl, int sport)
{
	ev("inet_sock_set_state");
	EN("oldstate", from, fl), EN("newstate", to, tl), U("sport", sport), U("dport", 80);
	A("saddr", "10.0.0.1"), A("daddr", "10.0.0.2"), U("sk_id", sk);
	feed();
}

static void hashed(int sk, int port, int slot)
{
	ev("inet_bind_hash"), U("sk_id", sk), U("port", port), U("num_owners", 1), feed();
	ev("__inet_hash_nolisten"), U("sk_id", sk), U("hash", slot), U("slot", slot), U("lock", slot);
	U("tw_id", 0), A("saddr", "10.0.0.1"), U("sport", port), A("daddr", "10.0.0.2");
	U("dport", 80), feed();
	ev("__inet_hash_nolisten_ret"), U("sk_id", sk), U("twrefcnt", 0), feed();
}

/* Socket 1, ESTABLISHED on 10.0.0.1:40000 (events 0..6). */
static void first_socket(void)
{
	ev("inet_hashinfo_init"), U("ehash_size", 256), U("ehash_locks", 256);
	U("bhash_size", 256), U("lhash_size", 32), feed();
	ev("sk_alloc"), U("sk_id", 1), U("skaddr", 0x1000), feed();
	ev("inet_bind_bucket_create"), U("port", 40000), U("bhash", 64), U("ok", 1), feed();
	hashed(1, 40000, 7);
	set_state(1, 7, "TCP_CLOSE", 1, "TCP_ESTABLISHED", 40000);
}

static void port_search(void)
{
	ev("inet_hash_connect"), U("sk_id", 2), A("saddr", "10.0.0.1"), A("daddr", "10.0.0.2");
	U("dport", 80), U("snum", 0), feed();
	ev("__inet_hash_connect"), U("sk_id", 2), U("snum", 0), U("port_offset", 3), U("hint", 0);
	U("offset", 3), U("low", 40000), U("high", 40003), U("remaining", 4), feed();
	ev("inet_hash_connect_probe"), U("sk_id", 2), U("i", 1), U("port", 40000), U("bhash", 64);
	EN("verdict", 2, "established_conflict"), feed();
	ev("inet_bind_bucket_create"), U("port", 40001), U("bhash", 65), U("ok", 1), feed();
	ev("inet_hash_connect_probe"), U("sk_id", 2), U("i", 2), U("port", 40001), U("bhash", 65);
	EN("verdict", 5, "ok_new_bucket"), feed();
	hashed(2, 40001, 9);
	ev("__inet_hash_connect_ret"), U("sk_id", 2), EN("ret", 0, "OK"), U("port", 40001), U("i", 2);
	U("hint", 2), EN("path", 0, "ephemeral"), feed();
	ev("inet_hash_connect_ret"), U("sk_id", 2), EN("ret", 0, "OK"), U("sport", 40001), feed();
}

/* The SYN is lost once: the retransmit timer (another thread) resends it,
 * after a first try that found the SYN still queued below TCP (EAGAIN:
 * not a retransmission, total_retrans stays 0). */
static void retransmit(void)
{
	int64_t mine = tid;

	tid = 102;
	ev("tcp_retransmit_skb"), U("sk_id", 2), EN("state", 2, "TCP_SYN_SENT"), U("seq", 999);
	U("end_seq", 1000), U("flags", 2), U("retransmits", 0), feed();
	ev("tcp_retransmit_skb_ret"), U("sk_id", 2), EN("ret", -11, "EAGAIN"), U("total_retrans", 0);
	feed();
	ev("tcp_retransmit_timer"), U("sk_id", 2), EN("state", 2, "TCP_SYN_SENT");
	U("retransmits", 0), U("rto", 1000), U("backoff", 0), feed();
	ev("tcp_retransmit_skb"), U("sk_id", 2), EN("state", 2, "TCP_SYN_SENT"), U("seq", 999);
	U("end_seq", 1000), U("flags", 2), U("retransmits", 0), feed();
	ev("tcp_retransmit_skb_ret"), U("sk_id", 2), EN("ret", 0, "OK"), U("total_retrans", 1), feed();
	set_state(2, 2, "TCP_SYN_SENT", 1, "TCP_ESTABLISHED", 40001);
	tid = mine;
}

/* Socket 2's connect: events 7 (sk_alloc) .. 30 (sys_connect_ret). */
static void connect_two(void)
{
	ev("sk_alloc"), U("sk_id", 2), U("skaddr", 0x2000), feed();
	ev("sys_connect"), I("fd", 1), U("addrlen", 16), feed();
	ev("tcp_v4_connect"), U("sk_id", 2), A("daddr", "10.0.0.2"), U("dport", 80), feed();
	set_state(2, 7, "TCP_CLOSE", 2, "TCP_SYN_SENT", 0);
	port_search();
	ev("tcp_connect"), U("sk_id", 2), EN("state", 2, "TCP_SYN_SENT"), feed();
	ev("tcp_connect_ret"), U("sk_id", 2), EN("ret", 0, "OK"), U("snd_nxt", 1000), U("rto", 1000);
	feed();
	ev("tcp_v4_connect_ret"), U("sk_id", 2), EN("ret", 0, "OK"), A("saddr", "10.0.0.1");
	U("sport", 40001), A("daddr", "10.0.0.2"), U("dport", 80), U("isn", 999), feed();
	retransmit();
	ev("sys_connect_ret"), I("fd", 1), EN("ret", 0, "OK"), feed();
}

static void setup(void)
{
	text_trace_init(&T);
	model_event_init(&E);
	now_ns = 5000000000ull;
	pid = 100;
	tid = 101;
	harness_reset_steps();
	first_socket();
	connect_two();
}

static void teardown(void)
{
	model_event_release(&E);
	text_trace_free(&T);
}

/* Run report @name into a string (free it). */
static char *run(const char *name, const struct text_opts *o, int *rc)
{
	char *buf = NULL, err[256] = "";
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	*rc = text_report_find(name)->fn(&T, o, f, err, sizeof(err));
	fclose(f);
	if (getenv("TEST_TEXT_PRINT"))	/* to see what a report printed */
		fputs(buf, stderr);
	return buf;
}

#define HAS(out, s) do { STEP("expect %s", s); EXPECT(strstr(out, s) != NULL); } while (0)

static void test_connects(void)
{
	struct text_opts o = { .json = true };
	int rc;
	char *out = run("connects", &o, &rc);

	EXPECT_EQ(rc, 0);
	HAS(out, "\"src\":\"10.0.0.1:40001\",\"dst\":\"10.0.0.2:80\",\"isn\":999,\"result\":\"ok\","
		 "\"errno\":0,\"state\":\"ESTABLISHED\"");
	HAS(out, "\"syn_retrans\":1");
	/* tcp_connect is event 21 and SYN_SENT is left at event 29: 8 ms */
	HAS(out, "\"lat_ms\":8.000");
	EXPECT(strchr(out, '\n') == out + strlen(out) - 1);
	free(out);
}

static void test_states_retrans(void)
{
	struct text_opts o = { 0 };
	int rc;
	char *out = run("states", &o, &rc);

	EXPECT_EQ(rc, 0);
	HAS(out, "SYN_SENT    -> ESTABLISHED 19.000\n");	/* events 10 .. 29 */
	HAS(out, "CLOSE       -> SYN_SENT    0.000\n");
	free(out);
	out = run("retrans", &o, &rc);
	HAS(out, "10.0.0.1:40001        R> 10.0.0.2:80           SYN_SENT    0x02       0    1000       0 OK\n");
	free(out);
}

static void test_ports(void)
{
	struct text_opts o = { 0 };
	int rc;
	char *out = run("ports", &o, &rc);

	EXPECT_EQ(rc, 0);
	HAS(out, "port_offset 0x00000003 hint 0 offset 0x00000003 low 40000 high 40003 remaining 4\n");
	HAS(out, "       1 40000  64     established_conflict   sk 1 ESTABLISHED 10.0.0.1:40000>10.0.0.2:80\n");
	HAS(out, "       2 40001  65     ok_new_bucket          \n");
	HAS(out, "  -> OK port 40001 (candidate 2), hint 0 -> 2, ephemeral\n");
	free(out);
}

static void test_tables_mib(void)
{
	struct text_opts o = { .has_at = true, .at = 6 };
	int rc;
	char *out = run("tables", &o, &rc);

	EXPECT_EQ(rc, 0);
	HAS(out, "after event 6 (inet_sock_set_state");
	HAS(out, "ESTAB       1     10.0.0.1:40000        10.0.0.2:80           chain    7     no\n");
	EXPECT(strstr(out, "40001") == NULL);
	free(out);
	o.at = 1000;
	free(run("tables", &o, &rc));
	EXPECT_EQ(rc, 2);
	o = (struct text_opts){ .json = true };
	out = run("mib", &o, &rc);
	HAS(out, "\"counters\":{\"ActiveOpens\":1,\"RetransSegs\":1}");
	free(out);
}

static void test_show(void)
{
	struct text_opts o = { .index = true };
	int rc;
	char *out = run("show", &o, &rc);

	EXPECT_EQ(rc, 0);
	HAS(out, "== process 100: 31 events, 1 connect\n");
	HAS(out, "\n-- connect 1: sk 2, 10.0.0.1:40001 -> 10.0.0.2:80, ok (ESTABLISHED), 1 SYN retransmissions\n");
	HAS(out, "     8   +0.008000  [101] sys_connect  fd = 1, addrlen = 16\n");
	HAS(out, "[101]       __inet_hash_connect  sk_id = 2, snum = 0, port_offset = 0x3, hint = 0,");
	HAS(out, "[101]   tcp_v4_connect_ret  sk_id = 2, ret = OK, saddr = 10.0.0.1:40001, daddr = 10.0.0.2:80, isn = 999\n");
	HAS(out, "[102] tcp_retransmit_timer  sk_id = 2, state = TCP_SYN_SENT,");
	EXPECT(strstr(out, "-- the stack, outside connects\n") < strstr(out, "-- connect 1"));
	free(out);
	o = (struct text_opts){ .json = true };
	out = run("show", &o, &rc);
	HAS(out, "{\"pid\":100,\"index\":13,\"time\":0.013000000,\"tid\":101,\"softirq\":-1,"
		 "\"depth\":4,\"connect\":1,\"event\":\"inet_hash_connect_probe\",\"fields\":{"
		 "\"sk_id\":2,\"i\":1,\"port\":40000,\"bhash\":64,\"verdict\":\"established_conflict\"}}\n");
	HAS(out, "\"index\":11,\"time\":0.011000000,\"tid\":101,\"softirq\":-1,\"depth\":2,"
		 "\"connect\":1,\"event\":\"inet_hash_connect\",\"fields\":{\"sk_id\":2,"
		 "\"saddr\":\"10.0.0.1\",\"daddr\":\"10.0.0.2\",\"dport\":80,\"snum\":0}}\n");
	HAS(out, "\"index\":1,\"time\":0.001000000,\"tid\":101,\"softirq\":-1,\"depth\":0,"
		 "\"connect\":null,\"event\":\"sk_alloc\"");
	free(out);
}

/* A non-blocking connect refused: EINPROGRESS, then the RST's error (the
 * err enum's negative value in tcp_reset, the plain errno in tcp_done). */
static void test_nonblock_refused(void)
{
	struct text_opts o = { .json = true };
	int rc;
	char *out;

	ev("sk_alloc"), U("sk_id", 3), U("skaddr", 0x4000), feed();
	ev("sys_connect"), I("fd", 2), U("addrlen", 16), feed();
	set_state(3, 7, "TCP_CLOSE", 2, "TCP_SYN_SENT", 0);
	ev("tcp_v4_connect_ret"), U("sk_id", 3), EN("ret", 0, "OK"), A("saddr", "10.0.0.1");
	U("sport", 40002), A("daddr", "10.0.0.2"), U("dport", 80), U("isn", 5), feed();
	ev("sys_connect_ret"), I("fd", 2), EN("ret", -115, "EINPROGRESS"), feed();
	ev("sk_alloc"), U("sk_id", 4), U("skaddr", 0x5000), feed();
	ev("tcp_reset"), U("sk_id", 3), EN("state", 2, "TCP_SYN_SENT");
	EN("sk_err", -111, "ECONNREFUSED"), feed();
	set_state(3, 2, "TCP_SYN_SENT", 7, "TCP_CLOSE", 40002);
	ev("tcp_done"), U("sk_id", 3), I("sk_err", 111), I("dead", 0), feed();
	out = run("connects", &o, &rc);
	HAS(out, "\"src\":\"10.0.0.1:40002\",\"dst\":\"10.0.0.2:80\",\"isn\":5,"
		 "\"result\":\"ECONNREFUSED\",\"errno\":111,\"state\":\"CLOSE\"");
	free(out);
}

/* connect(2) on a descriptor that is no socket: EBADF, and nothing of
 * another socket's events is taken for it. */
static void test_bad_fd(void)
{
	struct text_opts o = { .json = true };
	int rc;
	char *out;

	ev("sys_connect"), I("fd", 9), U("addrlen", 16), feed();
	ev("sockfd_lookup_light"), I("fd", 9), U("sk_id", 0), EN("ret", -9, "EBADF"), feed();
	ev("sys_connect_ret"), I("fd", 9), EN("ret", -9, "EBADF"), feed();
	ev("tcp_v4_connect_ret"), U("sk_id", 2), EN("ret", 0, "OK"), A("saddr", "10.0.0.1");
	U("sport", 40009), A("daddr", "10.0.0.2"), U("dport", 80), U("isn", 7), feed();
	out = run("connects", &o, &rc);
	HAS(out, "\"n\":2,\"time\":0.031000,\"sk_id\":0,\"src\":\"0.0.0.0:0\",\"dst\":\"0.0.0.0:0\","
		 "\"isn\":0,\"result\":\"EBADF\",\"errno\":9,\"state\":\"CLOSE\"");
	free(out);
}

/* Segments sent without a socket count in OutSegs as in 3.10: a RST built
 * (SENT), not one refused (NOT_FOR_RST), and a TIME-WAIT socket's ACK. */
static void test_mib_without_socket(void)
{
	struct text_opts o = { .json = true, .has_from = true, .from = 31 };
	int rc;
	char *out;

	ev("tcp_v4_send_reset"), U("sk_id", 0), EN("verdict", 0, "SENT"), feed();
	ev("tcp_v4_send_reset"), U("sk_id", 0), EN("verdict", 1, "NOT_FOR_RST"), feed();
	ev("tcp_v4_send_ack"), U("seq", 1), U("ack_seq", 2), feed();
	out = run("mib", &o, &rc);
	EXPECT_EQ(rc, 0);
	HAS(out, "\"from\":31,\"to\":33,\"counters\":{\"OutSegs\":2}}");
	free(out);
}

/* A search that takes a port by recycling a TIME-WAIT socket: the last
 * check of the search (__inet_check_established_ret) says so, and which. */
static void test_ports_tw_recycled(void)
{
	struct text_opts o = { 0 };
	int rc;
	char *out;

	ev("inet_hash_connect"), U("sk_id", 5), A("saddr", "10.0.0.1"), A("daddr", "10.0.0.2");
	U("dport", 80), U("snum", 0), feed();
	ev("__inet_hash_connect"), U("sk_id", 5), U("snum", 0), U("port_offset", 3), U("hint", 2);
	U("offset", 5), U("low", 40000), U("high", 40003), U("remaining", 4), feed();
	ev("__inet_check_established_ret"), U("sk_id", 5), EN("ret", 0, "OK");
	EN("verdict", 1, "tw_recycled"), U("tw_id", 9), feed();
	ev("inet_hash_connect_probe"), U("sk_id", 5), U("i", 0), U("port", 40000), U("bhash", 64);
	EN("verdict", 1, "tw_reuse"), feed();
	ev("__inet_hash_connect_ret"), U("sk_id", 5), EN("ret", 0, "OK"), U("port", 40000), U("i", 0);
	U("hint", 3), EN("path", 0, "ephemeral"), feed();
	out = run("ports", &o, &rc);
	EXPECT_EQ(rc, 0);
	HAS(out, "  -> OK port 40000 (candidate 0), hint 2 -> 3, ephemeral (a TIME-WAIT socket recycled)\n");
	/* the search before (socket 2's) recycled none */
	HAS(out, "  -> OK port 40001 (candidate 2), hint 0 -> 2, ephemeral\n");
	free(out);
	o.json = true;
	out = run("ports", &o, &rc);
	HAS(out, "\"tw_id\":9,\"path\":\"ephemeral\"}");
	HAS(out, "\"tw_id\":0,\"path\":\"ephemeral\"}");
	free(out);
}

/* Searches of several threads that interleave: socket 5's search is open
 * while the searches of sockets 6..13 begin, and each is written whole. */
static void test_ports_interleaved(void)
{
	struct text_opts o = { 0 };
	int rc, n = 0;
	char *out, *at;

	for (int sk = 5; sk <= 13; sk++) {
		ev("inet_hash_connect"), U("sk_id", sk), A("saddr", "10.0.0.1");
		A("daddr", "10.0.0.2"), U("dport", 80), U("snum", 0), feed();
		ev("__inet_hash_connect"), U("sk_id", sk), U("snum", 0), U("port_offset", 3);
		U("hint", sk), U("offset", 3 + sk), U("low", 40000), U("high", 40100);
		U("remaining", 100), feed();
	}
	for (int sk = 5; sk <= 13; sk++) {
		ev("inet_hash_connect_probe"), U("sk_id", sk), U("i", 1), U("port", 40004 + sk);
		U("bhash", 64), EN("verdict", 5, "ok_new_bucket"), feed();
		ev("__inet_hash_connect_ret"), U("sk_id", sk), EN("ret", 0, "OK");
		U("port", 40004 + sk), U("i", 1), U("hint", sk + 1), EN("path", 0, "ephemeral");
		feed();
	}
	out = run("ports", &o, &rc);
	EXPECT_EQ(rc, 0);
	HAS(out, "pid 100 sk 5: 10.0.0.1 -> 10.0.0.2:80");
	HAS(out, "  -> OK port 40009 (candidate 1), hint 5 -> 6, ephemeral\n");
	HAS(out, "  -> OK port 40017 (candidate 1), hint 13 -> 14, ephemeral\n");
	for (at = out; (at = strstr(at, "  -> OK port ")); at++)
		n++;
	EXPECT_EQ(n, 1 + 9);	/* socket 2's search and these nine */
	free(out);
}

/* A second process: its own model, its own block, its own numbering. */
static void test_processes(void)
{
	struct text_opts o = { 0 };
	int rc;
	char *out;

	pid = 200;
	ev("sk_alloc"), U("sk_id", 1), U("skaddr", 0x3000), feed();
	EXPECT_EQ(T.nprocs, 2);
	out = run("show", &o, &rc);
	HAS(out, "\n== process 200: 1 events, 0 connects\n");
	free(out);
	o.process = 3;
	free(run("mib", &o, &rc));
	EXPECT_EQ(rc, 2);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite_with_setup_and_teardown("text", NULL, NULL, setup, teardown);

	CU_add_test(s, "connects", test_connects);
	CU_add_test(s, "states_retrans", test_states_retrans);
	CU_add_test(s, "ports", test_ports);
	CU_add_test(s, "ports_tw_recycled", test_ports_tw_recycled);
	CU_add_test(s, "ports_interleaved", test_ports_interleaved);
	CU_add_test(s, "tables_mib", test_tables_mib);
	CU_add_test(s, "show", test_show);
	CU_add_test(s, "nonblock_refused", test_nonblock_refused);
	CU_add_test(s, "bad_fd", test_bad_fd);
	CU_add_test(s, "mib_without_socket", test_mib_without_socket);
	CU_add_test(s, "processes", test_processes);
}
