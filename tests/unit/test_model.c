// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_model.c - the trace model (viz/model) fed hand-built events: the
 * table changes of each event, list orders (3.10 inserts at the head), the
 * TIME-WAIT hash dance, the listening hash, the state dump, --dump-tables'
 * exact format, replay (seek backwards and forwards across snapshots),
 * call trees, packets, timers, counters, the rule table, and the errors of
 * the trace reader.  Expected values are written out by hand from the
 * events given, never computed by the model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>
#include "harness.h"
#include "model.h"

static struct model *M;
static struct model_event E;
static uint64_t now_ns;
static int64_t vtid = 1;

static uint32_t ip(const char *s)
{
	return inet_addr(s);
}

static void setup(void)
{
	M = model_new();
	model_event_init(&E);
	now_ns = 1000;
	vtid = 1;
	harness_reset_steps();
}

static void teardown(void)
{
	model_event_release(&E);
	model_free(M);
	M = NULL;
}

static void ev(const char *name)
{
	now_ns += 1000;
	model_event_set(&E, name, now_ns, vtid);
}

#define U(n, v) model_event_add_uint(&E, n, (uint64_t)(v))
#define I(n, v) model_event_add_int(&E, n, (int64_t)(v))
#define EN(n, v, l) model_event_add_enum(&E, n, (int64_t)(v), l)
#define A(n, s) model_event_add_addr(&E, n, ip(s))

static int apply(void)
{
	return model_apply(M, &E);
}

/* The tables as text (model_dump_tables into memory). */
static char *dump(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	model_dump_tables(M, f);
	fclose(f);
	return buf;
}

static void expect_dump(const char *want)
{
	char *got = dump();

	if (strcmp(got, want))
		fprintf(stderr, "\n--- got:\n%s--- want:\n%s", got, want);
	EXPECT(!strcmp(got, want));
	free(got);
}

/* ---- event builders: the fields the stack's tracepoints carry ---- */

static void sizes(unsigned int ehash, unsigned int bhash)
{
	ev("inet_hashinfo_init");
	U("ehash_size", ehash);
	U("ehash_locks", ehash);
	U("bhash_size", bhash);
	U("lhash_size", 32);
	apply();
}

static void sk_alloc(uint32_t id)
{
	ev("sk_alloc");
	U("sk_id", id);
	U("skaddr", 0x1000 + id);
	apply();
}

static void set_state(uint32_t id, int from, int to)
{
	ev("inet_sock_set_state");
	EN("oldstate", from, "x");
	EN("newstate", to, "y");
	U("sk_id", id);
	apply();
}

static void bucket_create(unsigned int port, unsigned int bhash)
{
	ev("inet_bind_bucket_create");
	U("port", port);
	U("bhash", bhash);
	I("ok", 1);
	apply();
}

static void probe_new(uint32_t id, unsigned int port, unsigned int bhash)
{
	ev("inet_hash_connect_probe");
	U("sk_id", id);
	I("i", 1);
	U("port", port);
	U("bhash", bhash);
	EN("verdict", 5, "ok_new_bucket");
	apply();
}

static int bind_hash(uint32_t id, unsigned int port)
{
	ev("inet_bind_hash");
	U("sk_id", id);
	U("port", port);
	I("num_owners", 1);
	return apply();
}

static int hash_nolisten(uint32_t id, uint32_t hash, uint32_t slot, unsigned int sport,
			 unsigned int dport)
{
	ev("__inet_hash_nolisten");
	U("sk_id", id);
	U("hash", hash);
	U("slot", slot);
	U("lock", slot);
	U("tw_id", 0);
	A("saddr", "10.77.0.1");
	U("sport", sport);
	A("daddr", "10.77.0.2");
	U("dport", dport);
	return apply();
}

/* The ephemeral connect of socket @id to 10.77.0.2:@dport with port @sport. */
static void connect_ephemeral(uint32_t id, unsigned int sport, unsigned int bhash,
			      uint32_t hash, uint32_t slot, unsigned int dport)
{
	set_state(id, 7, 2);
	bucket_create(sport, bhash);
	probe_new(id, sport, bhash);
	bind_hash(id, sport);
	hash_nolisten(id, hash, slot, sport, dport);
}

static int unhash(uint32_t id, int listening, uint32_t slot, int done)
{
	ev("inet_unhash");
	U("sk_id", id);
	I("listening", listening);
	U("slot", slot);
	I("done", done);
	return apply();
}

static int put_port(uint32_t id, unsigned int port, unsigned int bhash)
{
	ev("inet_put_port");
	U("sk_id", id);
	U("port", port);
	U("bhash", bhash);
	return apply();
}

static int bucket_destroy(unsigned int port, unsigned int bhash, int destroyed)
{
	ev("inet_bind_bucket_destroy");
	U("port", port);
	U("bhash", bhash);
	I("destroyed", destroyed);
	return apply();
}

static void sk_free(uint32_t id)
{
	ev("sk_free");
	U("sk_id", id);
	apply();
}

/* tcp_done's end of a connected socket: unhash, port released, CLOSE. */
static void close_sock(uint32_t id, uint32_t slot, unsigned int port, unsigned int bhash,
		       int from)
{
	unhash(id, 0, slot, 1);
	put_port(id, port, bhash);
	bucket_destroy(port, bhash, 1);
	set_state(id, from, 7);
}

/* ---- events ---- */

static void test_event_fields(void)
{
	struct model_event e;
	size_t len;
	char buf[64];
	const uint8_t opt[4] = { 2, 4, 5, 0xb4 };

	model_event_init(&e);
	STEP("build an event with one field of each kind");
	EXPECT_EQ(model_event_set(&e, "tcp_connect", 42, 7), 0);
	model_event_add_int(&e, "neg", -5);
	model_event_add_uint(&e, "big", 0xfffffffffull);
	model_event_add_enum(&e, "state", 2, "TCP_SYN_SENT");
	model_event_add_str(&e, "name", "retransmit");
	model_event_add_bytes(&e, "options", opt, 4);
	model_event_add_addr(&e, "daddr", ip("10.77.0.2"));
	EXPECT(!strcmp(e.name, "tcp_connect"));
	EXPECT_EQ(e.ts_ns, 42);
	EXPECT_EQ(e.vtid, 7);
	EXPECT_EQ(e.nfields, 6);
	EXPECT(!strcmp(e.fields[0].name, "neg"));
	EXPECT(!strcmp(e.fields[5].name, "daddr"));
	EXPECT_EQ(model_event_int(&e, "neg", 0), -5);
	EXPECT(model_event_uint(&e, "big", 0) == 0xfffffffffull);
	EXPECT_EQ(model_event_int(&e, "state", 0), 2);
	EXPECT(!strcmp(model_event_label(&e, "state"), "TCP_SYN_SENT"));
	EXPECT(!strcmp(model_event_str(&e, "name"), "retransmit"));
	EXPECT(model_event_bytes(&e, "options", &len) && len == 4);
	EXPECT_EQ(model_event_addr(&e, "daddr", 0), ip("10.77.0.2"));
	STEP("absent fields give the default; a field of another kind too");
	EXPECT_EQ(model_event_int(&e, "nothing", -9), -9);
	EXPECT(model_event_str(&e, "neg") == NULL);
	EXPECT(model_event_label(&e, "neg") == NULL);
	EXPECT_EQ(model_event_addr(&e, "name", 77), 77);
	EXPECT(!model_event_has(&e, "nothing"));
	STEP("formatting");
	model_field_format(model_event_field(&e, "options"), buf, sizeof(buf));
	EXPECT(!strcmp(buf, "02 04 05 b4"));
	model_field_format(model_event_field(&e, "daddr"), buf, sizeof(buf));
	EXPECT(!strcmp(buf, "10.77.0.2"));
	model_field_format(model_event_field(&e, "state"), buf, sizeof(buf));
	EXPECT(!strcmp(buf, "TCP_SYN_SENT (2)"));
	STEP("clear keeps nothing of the old event");
	model_event_clear(&e);
	EXPECT_EQ(e.nfields, 0);
	EXPECT(!model_event_has(&e, "neg"));
	model_event_release(&e);
}

/* Every kind of field survives the model's compact store. */
static void test_store_roundtrip(void)
{
	struct model_event got;
	const uint8_t b[3] = { 1, 0, 255 };

	setup();
	ev("timer_armed");
	I("neg", -123456789012LL);
	U("u", 0xfedcba9876543210ull);
	EN("e", -111, "ECONNREFUSED");
	EN("nolabel", 3, NULL);
	model_event_add_str(&E, "name", "delack");
	model_event_add_bytes(&E, "b", b, 3);
	model_event_add_bytes(&E, "empty", NULL, 0);
	E.cpu = 3;
	E.vpid = 4242;
	apply();
	model_event_init(&got);
	EXPECT_EQ(model_event_get(M, 0, &got), 0);
	EXPECT(!strcmp(got.name, "timer_armed"));
	EXPECT_EQ(got.ts_ns, 2000);
	EXPECT_EQ(got.vtid, 1);
	EXPECT_EQ(got.cpu, 3);
	EXPECT_EQ(got.vpid, 4242);
	EXPECT_EQ(got.nfields, 7);
	EXPECT_EQ(model_event_int(&got, "neg", 0), -123456789012LL);
	EXPECT(model_event_uint(&got, "u", 0) == 0xfedcba9876543210ull);
	EXPECT_EQ(got.fields[1].kind, MODEL_FIELD_UINT);
	EXPECT_EQ(model_event_int(&got, "e", 0), -111);
	EXPECT(!strcmp(model_event_label(&got, "e"), "ECONNREFUSED"));
	EXPECT(model_event_label(&got, "nolabel") == NULL);
	EXPECT(!strcmp(model_event_str(&got, "name"), "delack"));
	EXPECT(got.fields[5].len == 3 && got.fields[5].bytes[2] == 255);
	EXPECT(got.fields[6].len == 0);
	EXPECT(!strcmp(model_event_name(M, 0), "timer_armed"));
	EXPECT_EQ(model_event_get(M, 1, &got), -1);
	model_event_release(&got);
	teardown();
}

/* ---- tables ---- */

static void test_connect_tables(void)
{
	const struct model_sock *s;
	struct model_latest l;

	setup();
	STEP("a 16-slot stack; socket 1 connects with port 40000");
	sizes(16, 16);
	sk_alloc(1);
	connect_ephemeral(1, 40000, 0, 0x1234, 4, 80);
	set_state(1, 2, 1);
	expect_dump("{\"ehash_size\":16,\"ehash\":[\n"
		    "  {\"bucket\":4,\"chain\":[{\"id\":1,\"tw\":false,\"state\":\"ESTABLISHED\","
		    "\"saddr\":\"10.77.0.1\",\"sport\":40000,\"daddr\":\"10.77.0.2\",\"dport\":80,"
		    "\"hash\":4660}],\"twchain\":[]}],\n"
		    "\"bhash_size\":16,\"bhash\":[\n"
		    "  {\"bucket\":0,\"buckets\":[{\"port\":40000,\"fastreuse\":-1,"
		    "\"fastreuseport\":-1,\"owners\":[{\"id\":1,\"tw\":false}]}]}],\n"
		    "\"listening_size\":32,\"listening\":[]}\n");
	s = model_sock_find(M, 1);
	EXPECT(s && s->where == MODEL_IN_CHAIN && s->slot == 4 && s->bound_port == 40000);
	model_get_latest(M, &l);
	EXPECT_EQ(l.ehash_id, 1);
	EXPECT_EQ(l.ehash_hash, 0x1234);
	EXPECT_EQ(l.bind_port, 40000);
	STEP("the socket closes: every table is empty again, then it is freed");
	close_sock(1, 4, 40000, 0, 1);
	expect_dump("{\"ehash_size\":16,\"ehash\":[],\n\"bhash_size\":16,\"bhash\":[],\n"
		    "\"listening_size\":32,\"listening\":[]}\n");
	EXPECT_EQ(model_sock_count(M), 1);
	sk_free(1);
	EXPECT_EQ(model_sock_count(M), 0);
	EXPECT(model_sock_find(M, 1) == NULL);
	teardown();
}

/* 3.10 adds at the head: the newest entry comes first in every list. */
static void test_list_order(void)
{
	struct model_ehash_slot e;
	struct model_bhash_slot b;
	struct model_bind_bucket bb;

	setup();
	sizes(16, 16);
	STEP("three sockets in ehash slot 3; two ports in bhash slot 1");
	for (uint32_t id = 1; id <= 3; id++)
		sk_alloc(id);
	connect_ephemeral(1, 40001, 1, 0x13, 3, 80);
	connect_ephemeral(2, 40017, 1, 0x23, 3, 80);
	set_state(3, 7, 2);
	bind_hash(3, 40017);	/* shares port 40017's bucket */
	hash_nolisten(3, 0x33, 3, 40017, 81);
	EXPECT_EQ(model_ehash_count(M), 1);
	EXPECT_EQ(model_ehash_at(M, 0, &e), 0);
	EXPECT(e.slot == 3 && e.nchain == 3 && e.ntwchain == 0);
	EXPECT(e.chain[0] == 3 && e.chain[1] == 2 && e.chain[2] == 1);
	EXPECT_EQ(model_bhash_at(M, 0, &b), 0);
	EXPECT(b.slot == 1 && b.nbuckets == 2);
	EXPECT_EQ(model_bhash_bucket(M, 0, 0, &bb), 0);
	EXPECT(bb.port == 40017 && bb.nowners == 2 && bb.owners[0].id == 3 && bb.owners[1].id == 2);
	EXPECT_EQ(model_bhash_bucket(M, 0, 1, &bb), 0);
	EXPECT(bb.port == 40001 && bb.nowners == 1);
	STEP("the middle one leaves: order of the others kept");
	unhash(2, 0, 3, 1);
	put_port(2, 40017, 1);
	bucket_destroy(40017, 1, 0);	/* still owned by 3: kept */
	model_ehash_at(M, 0, &e);
	EXPECT(e.nchain == 2 && e.chain[0] == 3 && e.chain[1] == 1);
	EXPECT(model_bind_bucket_find(M, 40017, &bb) && bb.nowners == 1 && bb.owners[0].id == 3);
	EXPECT_EQ(model_ehash_get(M, 5, &e), true);
	EXPECT_EQ(e.nchain, 0);
	EXPECT_EQ(model_ehash_get(M, 16, &e), false);
	teardown();
}

/* __inet_check_established remembers, its _ret inserts (unique), and a
 * recycled TIME-WAIT socket leaves twchain just before. */
static void test_check_established(void)
{
	struct model_ehash_slot e;
	const struct model_sock *s;

	setup();
	sizes(16, 16);
	sk_alloc(5);
	set_state(5, 7, 2);
	ev("__inet_check_established");
	U("sk_id", 5);
	U("lport", 40002);
	U("hash", 0xabc);
	U("slot", 12);
	U("lock", 12);
	A("saddr", "10.77.0.1");
	A("daddr", "10.77.0.2");
	U("dport", 80);
	apply();
	STEP("not_unique_est: nothing is hashed");
	ev("__inet_check_established_ret");
	U("sk_id", 5);
	EN("ret", -99, "EADDRNOTAVAIL");
	EN("verdict", 3, "not_unique_est");
	U("tw_id", 0);
	EXPECT_EQ(apply(), 0);
	EXPECT_EQ(model_ehash_count(M), 0);
	STEP("unique: hashed at the head of slot 12 with the port tried");
	ev("__inet_check_established_ret");
	U("sk_id", 5);
	EN("ret", 0, "OK");
	EN("verdict", 0, "unique");
	U("tw_id", 0);
	EXPECT_EQ(apply(), 0);
	EXPECT(model_ehash_get(M, 12, &e) && e.nchain == 1 && e.chain[0] == 5);
	s = model_sock_find(M, 5);
	EXPECT(s->sport == 40002 && s->hash == 0xabc && s->dport == 80);
	STEP("a second _ret without its entry event contradicts the model");
	ev("__inet_check_established_ret");
	U("sk_id", 5);
	EN("ret", 0, "OK");
	EN("verdict", 0, "unique");
	U("tw_id", 0);
	EXPECT_EQ(apply(), 1);
	teardown();
}

static void tw_alloc(uint32_t tw, uint32_t sk, unsigned int sport, uint32_t hash)
{
	ev("inet_twsk_alloc");
	U("tw_id", tw);
	U("sk_id", sk);
	EN("substate", 6, "TCP_TIME_WAIT");
	A("saddr", "10.77.0.1");
	U("sport", sport);
	A("daddr", "10.77.0.2");
	U("dport", 80);
	U("hash", hash);
	apply();
}

static void test_time_wait(void)
{
	struct model_ehash_slot e;
	struct model_bind_bucket bb;

	setup();
	sizes(16, 16);
	sk_alloc(1);
	connect_ephemeral(1, 40000, 0, 0x1237, 7, 80);
	set_state(1, 2, 1);
	STEP("close: FIN_WAIT1, FIN_WAIT2, then tcp_time_wait (a transition of its own)");
	set_state(1, 1, 4);
	set_state(1, 4, 5);
	ev("tcp_time_wait");
	U("sk_id", 1);
	EN("state", 6, "TCP_TIME_WAIT");
	I("timeo", 0);
	apply();
	EXPECT_EQ(model_transition_count(M), 5);
	EXPECT(model_transition_at(M, 4)->from == MODEL_TCP_FIN_WAIT2 &&
	       model_transition_at(M, 4)->to == MODEL_TCP_TIME_WAIT &&
	       model_transition_at(M, 4)->sk_id == 1);
	STEP("tw 2 joins the bucket, then twchain; sk 1 leaves chain");
	tw_alloc(2, 1, 40000, 0x1237);
	ev("__inet_twsk_hashdance");
	U("tw_id", 2);
	U("sk_id", 1);
	U("hash", 0x1237);
	U("slot", 7);
	U("port", 40000);
	U("bhash", 0);
	EXPECT_EQ(apply(), 0);
	EXPECT(model_bind_bucket_find(M, 40000, &bb) && bb.nowners == 2);
	EXPECT(bb.owners[0].id == 2 && bb.owners[0].tw && bb.owners[1].id == 1 && !bb.owners[1].tw);
	EXPECT(model_ehash_get(M, 7, &e) && e.nchain == 1 && e.ntwchain == 0);
	ev("__inet_twsk_hashdance_ret");
	U("tw_id", 2);
	EXPECT_EQ(apply(), 0);
	EXPECT(model_ehash_get(M, 7, &e) && e.nchain == 0 && e.ntwchain == 1 && e.twchain[0] == 2);
	STEP("tcp_done: sk 1 gives the port back (no unhash: already out)");
	put_port(1, 40000, 0);
	bucket_destroy(40000, 0, 0);
	set_state(1, 1, 7);
	expect_dump("{\"ehash_size\":16,\"ehash\":[\n"
		    "  {\"bucket\":7,\"chain\":[],\"twchain\":[{\"id\":2,\"tw\":true,"
		    "\"state\":\"TIME_WAIT\",\"saddr\":\"10.77.0.1\",\"sport\":40000,"
		    "\"daddr\":\"10.77.0.2\",\"dport\":80,\"hash\":4663}]}],\n"
		    "\"bhash_size\":16,\"bhash\":[\n"
		    "  {\"bucket\":0,\"buckets\":[{\"port\":40000,\"fastreuse\":-1,"
		    "\"fastreuseport\":-1,\"owners\":[{\"id\":2,\"tw\":true}]}]}],\n"
		    "\"listening_size\":32,\"listening\":[]}\n");
	STEP("the TIME-WAIT period ends: twchain, bucket, then freed");
	ev("inet_twsk_unhash");
	U("tw_id", 2);
	U("hash", 0x1237);
	I("done", 1);
	EXPECT_EQ(apply(), 0);
	ev("inet_twsk_bind_unhash");
	U("tw_id", 2);
	U("port", 40000);
	I("done", 1);
	EXPECT_EQ(apply(), 0);
	EXPECT_EQ(bucket_destroy(40000, 0, 1), 0);
	ev("inet_twsk_free");
	U("tw_id", 2);
	EXPECT_EQ(apply(), 0);
	EXPECT_EQ(model_ehash_count(M), 0);
	EXPECT_EQ(model_bhash_count(M), 0);
	EXPECT(model_sock_find(M, 2) == NULL);
	teardown();
}

static void listen_hash(uint32_t id, unsigned int port, unsigned int lslot)
{
	ev("__inet_hash");
	U("sk_id", id);
	EN("state", 10, "TCP_LISTEN");
	U("port", port);
	A("saddr", "0.0.0.0");
	I("listening", 1);
	U("lslot", lslot);
	U("hash", 0);
	A("daddr", "0.0.0.0");
	U("dport", 0);
	apply();
}

static void test_listening(void)
{
	struct model_lhash_slot l;

	setup();
	sizes(16, 16);
	sk_alloc(1);
	sk_alloc(2);
	STEP("bind(8080) then listen for 1; bind(8112) then listen for 2: same slot 16");
	bucket_create(8080, 0);
	bind_hash(1, 8080);
	ev("inet_csk_get_port_ret");
	U("sk_id", 1);
	I("ret", 0);
	U("port", 8080);
	I("fastreuse", 0);
	I("fastreuseport", 0);
	I("num_owners", 1);
	apply();
	listen_hash(1, 8080, 16);
	listen_hash(2, 8112, 16);
	EXPECT_EQ(model_lhash_count(M), 1);
	EXPECT(model_lhash_at(M, 0, &l) == 0 && l.slot == 16 && l.nchain == 2);
	EXPECT(l.chain[0] == 2 && l.chain[1] == 1);
	EXPECT_EQ(model_sock_find(M, 1)->state, MODEL_TCP_LISTEN);
	EXPECT_EQ(model_transition_count(M), 2);
	EXPECT_EQ(model_transition_at(M, 0)->to, MODEL_TCP_LISTEN);
	unhash(2, 1, 16, 1);
	expect_dump("{\"ehash_size\":16,\"ehash\":[],\n"
		    "\"bhash_size\":16,\"bhash\":[\n"
		    "  {\"bucket\":0,\"buckets\":[{\"port\":8080,\"fastreuse\":0,"
		    "\"fastreuseport\":0,\"owners\":[{\"id\":1,\"tw\":false}]}]}],\n"
		    "\"listening_size\":32,\"listening\":[\n"
		    "  {\"bucket\":16,\"chain\":[{\"id\":1,\"tw\":false,\"state\":\"LISTEN\","
		    "\"saddr\":\"0.0.0.0\",\"sport\":8080,\"daddr\":\"0.0.0.0\",\"dport\":0,"
		    "\"hash\":0}]}]}\n");
	teardown();
}

/* Events that contradict the model are counted, never fatal; events the
 * table does not know are counted and ignored. */
static void test_inconsistent_and_unknown(void)
{
	struct model_stats st;
	size_t idx;

	setup();
	sizes(16, 16);
	STEP("unhash of a socket that is in no chain");
	EXPECT_EQ(unhash(9, 0, 3, 1), 1);
	STEP("unhash with done=0 changes nothing and is fine");
	EXPECT_EQ(unhash(9, 0, 3, 0), 0);
	STEP("a bucket destroyed that does not exist; an owner of no bucket");
	EXPECT_EQ(bucket_destroy(1234, 2, 1), 1);
	EXPECT_EQ(bind_hash(9, 1234), 1);
	STEP("an unknown event");
	ev("something_new");
	U("x", 1);
	EXPECT_EQ(apply(), 0);
	model_get_stats(M, &st);
	EXPECT_EQ(st.inconsistent, 3);
	EXPECT_EQ(st.unknown, 1);
	EXPECT_EQ(st.applied, 6);
	EXPECT(strstr(model_first_inconsistency(M, &idx), "inet_unhash") != NULL);
	EXPECT_EQ(idx, 1);
	teardown();
}

/* ---- the state dump ---- */

static void sd_entry(const char *name, uint32_t slot, int list, uint32_t id, int tw, int state,
		     unsigned int sport, uint32_t hash)
{
	ev(name);
	U("slot", slot);
	if (list >= 0)
		EN("list", list, list ? "twchain" : "chain");
	U("pos", 0);
	U("id", id);
	U("tw", tw);
	EN("state", state, "s");
	A("saddr", "10.77.0.1");
	U("sport", sport);
	A("daddr", "10.77.0.2");
	U("dport", 80);
	U("hash", hash);
	if (list >= 0) {
		U("ttd", 0);
	}
	apply();
}

static void sd_table(int table)
{
	ev("statedump_table");
	EN("table", table, "t");
	U("size", 16);
	apply();
}

static void test_statedump(void)
{
	struct model_stats st;

	setup();
	STEP("a model with a stale socket 1 in slot 4 and stale bucket 40000");
	sizes(16, 16);
	sk_alloc(1);
	connect_ephemeral(1, 40000, 0, 0x14, 4, 80);
	STEP("the dump: sizes 32/32; 2 and 3 in slot 5 (that order), tw 4 in slot 5's twchain");
	ev("statedump_begin");
	U("ehash_size", 32);
	U("ehash_locks", 32);
	U("bhash_size", 32);
	U("lhash_size", 32);
	U("jiffies", 5000);
	apply();
	model_get_stats(M, &st);
	EXPECT(st.in_statedump);
	sd_table(0);
	sd_entry("statedump_ehash", 5, 0, 2, 0, 1, 41000, 0x25);
	sd_entry("statedump_ehash", 5, 0, 3, 0, 2, 41001, 0x45);
	sd_entry("statedump_ehash", 5, 1, 4, 1, 6, 41002, 0x65);
	sd_table(1);
	ev("statedump_bind_bucket");
	U("slot", 8);
	U("pos", 0);
	U("port", 41000);
	I("fastreuse", -1);
	I("fastreuseport", -1);
	I("num_owners", 1);
	apply();
	ev("statedump_bind_owner");
	U("slot", 8);
	U("port", 41000);
	U("pos", 0);
	U("id", 2);
	U("tw", 0);
	apply();
	sd_table(2);
	sd_entry("statedump_listen", 9, -1, 7, 0, 10, 8080, 0);
	sd_table(3);
	ev("statedump_end");
	apply();
	model_get_stats(M, &st);
	EXPECT(!st.in_statedump);
	EXPECT_EQ(st.statedumps, 1);
	EXPECT_EQ(st.inconsistent, 0);
	EXPECT_EQ(model_now_jiffies(M), 5000);
	expect_dump("{\"ehash_size\":32,\"ehash\":[\n"
		    "  {\"bucket\":5,\"chain\":["
		    "{\"id\":2,\"tw\":false,\"state\":\"ESTABLISHED\",\"saddr\":\"10.77.0.1\","
		    "\"sport\":41000,\"daddr\":\"10.77.0.2\",\"dport\":80,\"hash\":37},"
		    "{\"id\":3,\"tw\":false,\"state\":\"SYN_SENT\",\"saddr\":\"10.77.0.1\","
		    "\"sport\":41001,\"daddr\":\"10.77.0.2\",\"dport\":80,\"hash\":69}],"
		    "\"twchain\":[{\"id\":4,\"tw\":true,\"state\":\"TIME_WAIT\","
		    "\"saddr\":\"10.77.0.1\",\"sport\":41002,\"daddr\":\"10.77.0.2\",\"dport\":80,"
		    "\"hash\":101}]}],\n"
		    "\"bhash_size\":32,\"bhash\":[\n"
		    "  {\"bucket\":8,\"buckets\":[{\"port\":41000,\"fastreuse\":-1,"
		    "\"fastreuseport\":-1,\"owners\":[{\"id\":2,\"tw\":false}]}]}],\n"
		    "\"listening_size\":32,\"listening\":[\n"
		    "  {\"bucket\":9,\"chain\":[{\"id\":7,\"tw\":false,\"state\":\"LISTEN\","
		    "\"saddr\":\"10.77.0.1\",\"sport\":8080,\"daddr\":\"10.77.0.2\",\"dport\":80,"
		    "\"hash\":0}]}]}\n");
	STEP("socket 1, not in the dump, is gone");
	EXPECT(model_sock_find(M, 1) == NULL);
	EXPECT(model_sock_find(M, 4) && model_sock_find(M, 4)->tw);
	teardown();
}

/* Two processes in one trace: the model follows the one asked for. */
static void test_follow_vpid(void)
{
	struct model_stats st;

	setup();
	model_follow_vpid(M, 7);
	sizes(16, 16);		/* no vpid: taken */
	ev("sk_alloc");
	U("sk_id", 1);
	E.vpid = 7;
	EXPECT_EQ(apply(), 0);
	ev("sk_alloc");
	U("sk_id", 2);
	E.vpid = 8;
	EXPECT_EQ(apply(), 0);
	EXPECT(model_sock_find(M, 1) != NULL);
	EXPECT(model_sock_find(M, 2) == NULL);
	EXPECT_EQ(model_event_count(M), 2);
	model_get_stats(M, &st);
	EXPECT_EQ(st.other_process, 1);
	teardown();
}

static void test_net_init_resets(void)
{
	setup();
	sizes(16, 16);
	sk_alloc(1);
	connect_ephemeral(1, 40000, 0, 0x14, 4, 80);
	STEP("a new stack comes up in the same trace (another run)");
	ev("net_init");
	model_event_add_str(&E, "ifname", "cs0");
	A("addr", "10.77.0.1");
	U("prefixlen", 24);
	U("ehash_size", 64);
	U("bhash_size", 64);
	apply();
	expect_dump("{\"ehash_size\":64,\"ehash\":[],\n\"bhash_size\":64,\"bhash\":[],\n"
		    "\"listening_size\":32,\"listening\":[]}\n");
	EXPECT_EQ(model_sock_count(M), 0);
	teardown();
}

/* ---- replay ---- */

/* The reference: a fresh model given the first @n events of M. */
static char *dump_of_prefix(size_t n)
{
	struct model *r = model_new(), *save = M;
	struct model_event e;
	char *out;

	model_event_init(&e);
	for (size_t i = 0; i < n; i++) {
		model_event_get(save, i, &e);
		model_apply(r, &e);
	}
	model_event_release(&e);
	M = r;
	out = dump();
	M = save;
	model_free(r);
	return out;
}

static void test_seek(void)
{
	const size_t points[] = { 0, 1, 17, 4095, 4096, 4097, 9000, 5000, 12287, 100, 3 };
	size_t total;

	setup();
	sizes(16, 16);
	STEP("1500 sockets connect, one in three then closes: > 3 snapshots of events");
	for (uint32_t id = 1; id <= 1500; id++) {
		unsigned int port = 30000 + id;

		sk_alloc(id);
		connect_ephemeral(id, port, port & 15, id * 2654435761u, (id * 7) & 15, 80);
		set_state(id, 2, 1);
		if (id % 3 == 0) {
			close_sock(id, (id * 7) & 15, port, port & 15, 1);
			sk_free(id);
		}
	}
	total = model_event_count(M);
	EXPECT(total > 3 * MODEL_SNAPSHOT_INTERVAL);
	EXPECT_EQ(model_current_index(M), total);
	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		char *want, *got;

		STEP("seek to %zu", points[i]);
		EXPECT_EQ(model_seek(M, points[i]), 0);
		EXPECT_EQ(model_current_index(M), points[i]);
		got = dump();
		want = dump_of_prefix(points[i]);
		EXPECT(!strcmp(got, want));
		free(got);
		free(want);
	}
	STEP("a new event while rewound is stored, not applied");
	model_seek(M, 10);
	sk_alloc(9999);
	EXPECT_EQ(model_current_index(M), 10);
	EXPECT_EQ(model_event_count(M), total + 1);
	EXPECT(model_sock_find(M, 9999) == NULL);
	EXPECT_EQ(model_seek(M, total + 1), 0);
	EXPECT(model_sock_find(M, 9999) != NULL);
	STEP("out of range");
	EXPECT_EQ(model_seek(M, total + 2), -1);
	EXPECT(strstr(model_error(M), "out of range") != NULL);
	EXPECT_EQ(model_current_index(M), total + 1);
	STEP("time lookup");
	EXPECT_EQ(model_index_at_time(M, 0), 0);
	EXPECT_EQ(model_index_at_time(M, model_event_ts(M, 50)), 50);
	teardown();
}

/* ---- history ---- */

static void call(const char *name, uint32_t sk, int ret)
{
	ev(name);
	if (sk)
		U("sk_id", sk);
	if (strstr(name, "_ret"))
		EN("ret", ret, ret ? "E" : "OK");
	apply();
}

static void test_call_tree(void)
{
	const struct model_calltree *t;
	const struct model_call *root, *c;
	size_t stack[8], n, tree;

	setup();
	STEP("thread 1: sys_connect > inet_stream_connect > (tcp_v4_connect > leaf) ...");
	call("sys_connect", 0, 0);			/* 0 */
	call("inet_stream_connect", 3, 0);		/* 1 */
	vtid = 2;
	call("tcp_v4_rcv", 0, 0);			/* 2: another thread */
	vtid = 1;
	call("tcp_v4_connect", 3, 0);			/* 3 */
	call("secure_tcp_sequence_number", 0, 0);	/* 4: leaf */
	call("tcp_v4_connect_ret", 3, 0);		/* 5 */
	call("inet_stream_connect_ret", 3, -115);	/* 6 */
	call("sys_connect_ret", 0, -115);		/* 7 */
	vtid = 2;
	call("tcp_v4_rcv_ret", 0, 0);			/* 8 */
	EXPECT_EQ(model_calltree_count(M), 2);
	tree = model_connect_tree(M, 3);
	EXPECT_EQ(tree, 0);
	EXPECT_EQ(model_connect_tree(M, 4), MODEL_NONE);
	t = model_calltree_at(M, tree);
	EXPECT(t->is_connect && t->vtid == 1 && t->sk_id == 3);
	EXPECT(t->first_index == 0 && t->last_index == 7);
	root = model_call_at(M, t->root);
	EXPECT(!strcmp(root->name, "sys_connect") && root->exit_index == 7 && root->ret == -115);
	EXPECT_EQ(root->exit_ns - root->enter_ns, 7 * 1000);
	c = model_call_at(M, root->first_child);
	EXPECT(!strcmp(c->name, "inet_stream_connect") && c->depth == 1 && c->exit_index == 6);
	EXPECT(c->next_sibling == MODEL_NONE);
	c = model_call_at(M, c->first_child);
	EXPECT(!strcmp(c->name, "tcp_v4_connect") && c->enter_index == 3 && c->exit_index == 5);
	c = model_call_at(M, c->first_child);
	EXPECT(!strcmp(c->name, "secure_tcp_sequence_number") && c->leaf && c->depth == 3);
	STEP("the call stack at the leaf event");
	n = model_call_stack_at(M, 4, stack, 8);
	EXPECT_EQ(n, 4);
	EXPECT(!strcmp(model_call_at(M, stack[0])->name, "sys_connect"));
	EXPECT(!strcmp(model_call_at(M, stack[3])->name, "secure_tcp_sequence_number"));
	t = model_calltree_at(M, 1);
	EXPECT(!t->is_connect && t->vtid == 2 && t->first_index == 2 && t->last_index == 8);
	teardown();
}

static void test_packets(void)
{
	const struct model_packet *p;
	const uint8_t opts[8] = { 2, 4, 5, 0xb4, 1, 3, 3, 7 };
	char line[160];

	setup();
	STEP("a SYN: options, header, IP header on the same thread");
	ev("tcp_options_write");
	U("sk_id", 1);
	model_event_add_bytes(&E, "options", opts, 8);
	apply();
	ev("tcp_transmit_skb_hdr");
	U("sk_id", 1);
	U("sport", 40000);
	U("dport", 80);
	U("seq", 1000);
	U("ack_seq", 0);
	U("doff", 7);
	U("flags", 0x02);
	U("window", 14600);
	U("check", 0xbeef);
	U("urg_ptr", 0);
	U("len", 28);
	apply();
	ev("ip_local_out");
	U("sk_id", 1);
	U("tos", 0);
	U("tot_len", 48);
	U("id", 77);
	U("frag_off", 0x4000);
	U("ttl", 64);
	U("protocol", 6);
	U("check", 0x1111);
	A("saddr", "10.77.0.1");
	A("daddr", "10.77.0.2");
	apply();
	STEP("a SYN-ACK: IP header, TCP header with its options, the socket");
	ev("ip_rcv");
	U("ttl", 63);
	U("id", 0);
	U("protocol", 6);
	A("saddr", "10.77.0.2");
	A("daddr", "10.77.0.1");
	EN("verdict", 0, "IP_PASS");
	apply();
	ev("tcp_v4_rcv");
	A("saddr", "10.77.0.2");
	A("daddr", "10.77.0.1");
	U("sport", 80);
	U("dport", 40000);
	U("seq", 5000);
	U("ack_seq", 1001);
	U("doff", 6);
	U("flags", 0x12);
	U("window", 65160);
	U("check", 1);
	U("len", 24);
	U("ttl", 63);
	model_event_add_bytes(&E, "options", opts, 4);
	apply();
	ev("tcp_v4_rcv_ret");
	EN("verdict", 7, "PROCESSED");
	U("sk_id", 1);
	I("ret", 0);
	apply();
	EXPECT_EQ(model_packet_count(M), 2);
	p = model_packet_at(M, 0);
	EXPECT(p->kind == MODEL_PKT_TCP_OUT && p->sk_id == 1 && p->seq == 1000 && p->doff == 7);
	EXPECT(p->has_options && p->optlen == 8 && !memcmp(p->options, opts, 8));
	EXPECT(p->has_ip && p->ttl == 64 && p->ip_id == 77 && p->saddr == ip("10.77.0.1"));
	EXPECT_EQ(p->index, 1);
	model_packet_format(p, line, sizeof(line));
	EXPECT(!strcmp(line, "OUT 10.77.0.1.40000 > 10.77.0.2.80: Flags [S], seq 1000, ack 0, "
			     "win 14600, length 0"));
	p = model_packet_at(M, 1);
	EXPECT(p->kind == MODEL_PKT_TCP_IN && p->sk_id == 1 && p->ack_seq == 1001);
	EXPECT(p->has_ip && p->ttl == 63 && p->optlen == 4 && p->options[3] == 0xb4);
	model_packet_format(p, line, sizeof(line));
	EXPECT(!strcmp(line, "IN  10.77.0.2.80 > 10.77.0.1.40000: Flags [S.], seq 5000, ack 1001, "
			     "win 65160, length 0"));
	STEP("a TIME-WAIT ACK with timestamps: NOP NOP TS rebuilt");
	ev("tcp_v4_send_ack");
	A("saddr", "10.77.0.1");
	A("daddr", "10.77.0.2");
	U("sport", 40000);
	U("dport", 80);
	U("seq", 2000);
	U("ack_seq", 6000);
	U("window", 115);
	U("tsval", 0x01020304);
	U("tsecr", 0x0a0b0c0d);
	apply();
	p = model_packet_at(M, 2);
	EXPECT(p && p->kind == MODEL_PKT_ACK_OUT && p->doff == 8 && p->optlen == 12);
	EXPECT(p->options[2] == 8 && p->options[4] == 1 && p->options[11] == 0x0d);
	STEP("a segment for a TIME-WAIT sock belongs to it (tcp_v4_rcv_ret names none)");
	ev("tcp_v4_rcv");
	A("saddr", "10.77.0.2");
	A("daddr", "10.77.0.1");
	U("sport", 80);
	U("dport", 40000);
	U("seq", 6000);
	U("flags", 0x10);
	U("doff", 5);
	U("len", 20);
	apply();
	ev("tcp_timewait_state_process");
	U("tw_id", 9);
	apply();
	ev("tcp_v4_rcv_ret");
	EN("verdict", 10, "TIME_WAIT");
	U("sk_id", 0);
	I("ret", 0);
	apply();
	p = model_packet_at(M, 3);
	EXPECT(p && p->kind == MODEL_PKT_TCP_IN && p->sk_id == 9);
	teardown();
}

static void timer_ev(const char *name, uint64_t key, uint32_t owner, uint64_t expires,
		     uint64_t now)
{
	ev(name);
	U("timer", key);
	model_event_add_str(&E, "name", "retransmit");
	U("owner_id", owner);
	U("expires", expires);
	if (!strcmp(name, "timer_armed"))
		I("delta", (int64_t)(expires - now));
	U("now", now);
	apply();
}

static void test_timers_and_mib(void)
{
	const struct model_timer *t;

	setup();
	STEP("armed, re-armed (one timer), a second timer, one fired, one cancelled");
	timer_ev("timer_armed", 0xa0, 1, 2000, 1000);
	timer_ev("timer_armed", 0xa0, 1, 4000, 2000);
	timer_ev("timer_armed", 0xb0, 2, 2500, 2000);
	EXPECT_EQ(model_timer_count(M), 2);
	t = model_timer_at(M, 0);
	EXPECT(t->key == 0xa0 && t->expires == 4000 && t->owner_id == 1);
	EXPECT(!strcmp(t->name, "retransmit") && t->armed_index == 1);
	EXPECT_EQ(model_now_jiffies(M), 2000);
	timer_ev("timer_fired", 0xb0, 2, 2500, 2500);
	EXPECT_EQ(model_timer_count(M), 1);
	timer_ev("timer_cancelled", 0xa0, 1, 4000, 2600);
	EXPECT_EQ(model_timer_count(M), 0);
	EXPECT_EQ(model_now_jiffies(M), 2600);
	STEP("counters: ActiveOpens for a connect whose SYN left, not for ECONNREFUSED");
	ev("tcp_connect_ret");
	U("sk_id", 1);
	EN("ret", 0, "OK");
	U("snd_nxt", 101);
	U("write_seq", 101);
	U("packets_out", 1);
	U("rto", 1000);
	apply();
	ev("tcp_connect_ret");
	U("sk_id", 2);
	EN("ret", -111, "ECONNREFUSED");
	U("snd_nxt", 5);
	U("write_seq", 6);
	U("packets_out", 1);
	U("rto", 1000);
	apply();
	EXPECT_EQ(model_mib_get(M, "ActiveOpens"), 1);
	EXPECT_EQ(model_sock_find(M, 2)->snd_nxt, 5);
	STEP("AttemptFails: tcp_done after SYN_SENT -> CLOSE, not after ESTABLISHED -> CLOSE");
	set_state(1, 2, 7);
	ev("tcp_done");
	U("sk_id", 1);
	I("sk_err", 111);
	I("dead", 0);
	apply();
	set_state(2, 1, 7);
	ev("tcp_done");
	U("sk_id", 2);
	I("sk_err", 104);
	I("dead", 0);
	apply();
	EXPECT_EQ(model_mib_get(M, "AttemptFails"), 1);
	EXPECT_EQ(model_mib_get(M, "EstabResets"), 1);
	EXPECT_EQ(model_sock_find(M, 1)->sk_err, 111);
	STEP("TCPTimeWaitOverflow: tcp_time_wait_ret with made 0, not with made 1");
	ev("tcp_time_wait_ret");
	U("sk_id", 1);
	I("made", 1);
	I("timeo", 60000);
	apply();
	EXPECT_EQ(model_mib_get(M, "TCPTimeWaitOverflow"), 0);
	ev("tcp_time_wait_ret");
	U("sk_id", 2);
	I("made", 0);
	I("timeo", 60000);
	apply();
	EXPECT_EQ(model_mib_get(M, "TCPTimeWaitOverflow"), 1);
	teardown();
}

/* ---- socket fields told before the socket is hashed ---- */

/* One receive entry event (tcp_rx_class) for socket @id in @state. */
static void rx_entry(const char *name, uint32_t id, int state, uint32_t seq, uint32_t ack,
		     unsigned int flags, uint32_t snd_una)
{
	ev(name);
	U("sk_id", id);
	EN("state", state, "s");
	U("seq", seq);
	U("end_seq", seq + 1);
	U("ack_seq", ack);
	U("flags", flags);
	U("window", 65160);
	U("rcv_nxt", 0);
	U("snd_una", snd_una);
	U("snd_nxt", snd_una + 1);
	apply();
}

/* The SYN-ACK path of 3.10 for a SYN_SENT socket: the three entry events. */
static void synack_in(uint32_t id, uint32_t seq, uint32_t ack, uint32_t isn)
{
	rx_entry("tcp_v4_do_rcv", id, 2, seq, ack, 0x12, isn);
	rx_entry("tcp_rcv_state_process", id, 2, seq, ack, 0x12, isn);
	rx_entry("tcp_rcv_synsent_state_process", id, 2, seq, ack, 0x12, isn);
}

static void ecn_synack(uint32_t id, unsigned int flags)
{
	ev("TCP_ECN_rcv_synack");
	U("sk_id", id);
	U("flags", flags);
	U("ecn_flags", 0);
	apply();
}

static void test_irs_before_established(void)
{
	setup();
	STEP("SYN_SENT (ISN 1000) gets a SYN-ACK seq 5000 ack 1001: not yet accepted");
	sk_alloc(1);
	set_state(1, 7, 2);
	synack_in(1, 5000, 1001, 1000);
	EXPECT_EQ(model_sock_find(M, 1)->irs, 0);
	STEP("TCP_ECN_rcv_synack: the SYN-ACK passed the checks, irs = 5000 before ESTABLISHED");
	ecn_synack(1, 0x12);
	EXPECT_EQ(model_sock_find(M, 1)->irs, 5000);
	EXPECT_EQ(model_sock_find(M, 1)->state, MODEL_TCP_SYN_SENT);
	STEP("a retransmitted SYN-ACK seq 9 once ESTABLISHED changes nothing");
	set_state(1, 2, 1);
	rx_entry("tcp_v4_do_rcv", 1, 1, 9, 1001, 0x12, 1001);
	rx_entry("tcp_rcv_established", 1, 1, 9, 1001, 0x12, 1001);
	EXPECT_EQ(model_sock_find(M, 1)->irs, 5000);

	STEP("a SYN-ACK with a bad ACK (reset_and_undo) leaves irs unset");
	sk_alloc(2);
	set_state(2, 7, 2);
	synack_in(2, 7000, 55, 2000);
	ev("tcp_rcv_synsent_state_process_ret");
	U("sk_id", 2);
	EN("branch", 1, "SYNSENT_RESET_AND_UNDO_BAD_ACK");
	I("ret", 1);
	apply();
	EXPECT_EQ(model_sock_find(M, 2)->irs, 0);
	STEP("then a plain ACK (no SYN) and an RST|SYN|ACK are no ISN either");
	rx_entry("tcp_rcv_synsent_state_process", 2, 2, 7100, 2001, 0x10, 2000);
	ecn_synack(2, 0x12);
	EXPECT_EQ(model_sock_find(M, 2)->irs, 0);
	rx_entry("tcp_rcv_synsent_state_process", 2, 2, 7200, 2001, 0x16, 2000);
	ecn_synack(2, 0x12);
	EXPECT_EQ(model_sock_find(M, 2)->irs, 0);
	STEP("the good SYN-ACK seq 0xfffffff0 (the full 32 bits) is taken");
	synack_in(2, 0xfffffff0u, 2001, 2000);
	ecn_synack(2, 0x12);
	EXPECT_EQ(model_sock_find(M, 2)->irs, 0xfffffff0u);
	teardown();
}

static void v4_connect(uint32_t id, int addr_len, int family, const char *daddr,
		       unsigned int dport)
{
	ev("tcp_v4_connect");
	U("sk_id", id);
	I("addr_len", addr_len);
	I("family", family);
	A("daddr", daddr);
	U("dport", dport);
	A("saddr", "0.0.0.0");
	U("sport", 0);
	apply();
}

static void v4_connect_ret(uint32_t id, int ret, const char *saddr, unsigned int sport,
			   const char *daddr, unsigned int dport)
{
	ev("tcp_v4_connect_ret");
	U("sk_id", id);
	EN("ret", ret, "r");
	EN("state", ret ? 7 : 2, "s");
	A("saddr", saddr);
	U("sport", sport);
	A("daddr", daddr);
	U("dport", dport);
	U("isn", 777);
	apply();
}

/* inet_sock_set_state with the socket's addresses, as the stack emits it. */
static void set_state_addrs(uint32_t id, int from, int to, const char *saddr,
			    unsigned int sport, const char *daddr, unsigned int dport)
{
	ev("inet_sock_set_state");
	EN("oldstate", from, "x");
	EN("newstate", to, "y");
	U("sport", sport);
	U("dport", dport);
	A("saddr", saddr);
	A("daddr", daddr);
	U("sk_id", id);
	apply();
}

static void test_addrs_before_hashed(void)
{
	const struct model_sock *s;

	setup();
	STEP("tcp_v4_connect entry: the destination 10.77.0.2:80, nothing else yet");
	sk_alloc(1);
	v4_connect(1, 16, 2, "10.77.0.2", 80);
	s = model_sock_find(M, 1);
	EXPECT(s->daddr == ip("10.77.0.2") && s->dport == 80);
	EXPECT(s->saddr == 0 && s->sport == 0);
	STEP("CLOSE -> SYN_SENT: the source address from the route, port still 0");
	set_state_addrs(1, 7, 2, "10.77.0.1", 0, "10.77.0.2", 80);
	s = model_sock_find(M, 1);
	EXPECT(s->saddr == ip("10.77.0.1") && s->sport == 0);
	EXPECT(s->daddr == ip("10.77.0.2") && s->dport == 80);
	EXPECT(s->where == MODEL_UNHASHED);

	STEP("addr_len 8 and AF_INET6: tcp_v4_connect fails before taking them");
	sk_alloc(2);
	v4_connect(2, 8, 2, "10.77.0.2", 80);
	v4_connect(2, 16, 10, "10.77.0.2", 80);
	s = model_sock_find(M, 2);
	EXPECT(s->daddr == 0 && s->dport == 0);
	v4_connect_ret(2, -22, "0.0.0.0", 0, "0.0.0.0", 0);
	s = model_sock_find(M, 2);
	EXPECT(s->daddr == 0 && s->dport == 0 && s->isn == 0);

	STEP("a failure after SYN_SENT: the return has dport 0, daddr kept (3.10's failure:)");
	sk_alloc(3);
	v4_connect(3, 16, 2, "10.77.0.3", 443);
	set_state_addrs(3, 7, 2, "10.77.0.1", 0, "10.77.0.3", 443);
	set_state_addrs(3, 2, 7, "10.77.0.1", 0, "10.77.0.3", 443);
	v4_connect_ret(3, -99, "10.77.0.1", 0, "10.77.0.3", 0);
	s = model_sock_find(M, 3);
	EXPECT(s->daddr == ip("10.77.0.3") && s->dport == 0 && s->isn == 0);
	EXPECT(s->saddr == ip("10.77.0.1"));

	STEP("inet_saddr 0 (a broadcast bind in 3.10) keeps the bound inet_rcv_saddr");
	sk_alloc(4);
	ev("inet_bind");
	U("sk_id", 4);
	A("rcv_saddr", "10.77.0.255");
	U("port", 5000);
	U("num", 5000);
	EN("ret", 0, "OK");
	apply();
	set_state_addrs(4, 7, 2, "0.0.0.0", 5000, "10.77.0.2", 80);
	s = model_sock_find(M, 4);
	EXPECT(s->saddr == ip("10.77.0.255") && s->sport == 5000);
	EXPECT(s->daddr == ip("10.77.0.2") && s->dport == 80);
	teardown();
}

/* ---- the rule table ---- */

static void test_rules(void)
{
	size_t n;
	const struct model_rule *r = model_rules(&n);

	EXPECT(n > 150);
	for (size_t i = 1; i < n; i++)
		EXPECT(strcmp(r[i - 1].event, r[i].event) < 0);	/* sorted, unique */
	for (size_t i = 0; i < n; i++)
		EXPECT(r[i].change && r[i].change[0]);
	EXPECT_EQ(model_rule_find("tcp_connect")->role, MODEL_CALL_ENTER);
	EXPECT_EQ(model_rule_find("tcp_connect_ret")->role, MODEL_CALL_EXIT);
	EXPECT_EQ(model_rule_find("timer_armed")->role, MODEL_CALL_LEAF);
	EXPECT_EQ(model_rule_find("tcp_v4_do_rcv")->role, MODEL_CALL_ENTER);
	EXPECT(model_rule_find("inet_bind_hash")->effects & MODEL_FX_BHASH);
	EXPECT(model_rule_find("__inet_twsk_hashdance_ret")->effects & MODEL_FX_EHASH);
	EXPECT(model_rule_find("statedump_ehash")->effects & MODEL_FX_DUMP);
	EXPECT(model_rule_find("no_such_event") == NULL);
	EXPECT(!strcmp(model_state_name(MODEL_TCP_SYN_SENT), "SYN_SENT"));
	EXPECT(!strcmp(model_state_name(0), "UNKNOWN"));
	EXPECT(!strcmp(model_state_name(12), "UNKNOWN"));
}

/* ---- the trace reader's errors (no LTTng needed) ---- */

static void test_source_errors(void)
{
	char err[1024], dir[] = "/tmp/cs-model-test.XXXXXX", path[256];
	struct model *m = model_new();
	FILE *f;

	EXPECT(mkdtemp(dir) != NULL);
	STEP("a missing directory");
	snprintf(path, sizeof(path), "%s/none", dir);
	EXPECT(model_source_open(path, err, sizeof(err)) == NULL);
	EXPECT(strstr(err, "No such file or directory") != NULL);
	EXPECT_EQ(model_load(m, path), -1);
	EXPECT(strstr(model_error(m), "No such file") != NULL);
	STEP("a directory with no metadata below it");
	EXPECT(model_source_open(dir, err, sizeof(err)) == NULL);
	EXPECT(strstr(err, "not a CTF trace") != NULL);
	STEP("a file, not a directory");
	snprintf(path, sizeof(path), "%s/file", dir);
	f = fopen(path, "w");
	fputs("x", f);
	fclose(f);
	EXPECT(model_source_open(path, err, sizeof(err)) == NULL);
	EXPECT(strstr(err, "not a directory") != NULL);
	unlink(path);
	STEP("a metadata file that is not CTF");
	snprintf(path, sizeof(path), "%s/t", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/t/metadata", dir);
	f = fopen(path, "w");
	fputs("this is not CTF metadata {", f);
	fclose(f);
	EXPECT(model_source_open(dir, err, sizeof(err)) == NULL);
	EXPECT(strstr(err, "cannot read this CTF trace") != NULL);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t", dir);
	rmdir(path);
	rmdir(dir);
	STEP("an empty argument; URL detection");
	EXPECT(model_source_open("", err, sizeof(err)) == NULL);
	EXPECT(model_is_live_url("net://localhost/host/h/s"));
	EXPECT(!model_is_live_url("/tmp/net://"));
	model_free(m);
}

#define T(fn) CU_add_test(s, #fn, fn)

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("model", NULL, NULL);

	T(test_event_fields);
	T(test_store_roundtrip);
	T(test_connect_tables);
	T(test_list_order);
	T(test_check_established);
	T(test_time_wait);
	T(test_listening);
	T(test_inconsistent_and_unknown);
	T(test_statedump);
	T(test_net_init_resets);
	T(test_follow_vpid);
	T(test_seek);
	T(test_call_tree);
	T(test_packets);
	T(test_timers_and_mib);
	T(test_irs_before_established);
	T(test_addrs_before_hashed);
	T(test_rules);
	T(test_source_errors);
}
