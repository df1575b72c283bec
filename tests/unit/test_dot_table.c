// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_dot_table.c - the hash-table diagrams (viz/dot/dot_table.c,
 * dot_bhash.c) drawn from fixtures: which nodes exist under which stable
 * id, which port each edge leaves from, how empty runs fold, where chains
 * and tables are cut, and what the highlight says.  No trace, no layout.
 */
#include "harness.h"
#include "test_dot_util.h"

#define A(a, b, c, d) { a, b, c, d }
#define SOCK(i, st, sp) { .id = (i), .state = (st), .saddr = A(10, 77, 0, 1), \
			  .daddr = A(10, 77, 0, 2), .sport = (sp), .dport = 80 }

static const struct dot_sock chain17[] = { SOCK(3, "TCP_ESTABLISHED", 40000) };
static const struct dot_sock chain158[] = { SOCK(4, "TCP_SYN_SENT", 43850),
					    SOCK(1, "TCP_ESTABLISHED", 43848) };
static const struct dot_sock tw158[] = {
	{ .id = 2, .tw = true, .state = "TIME_WAIT", .saddr = A(10, 77, 0, 1),
	  .daddr = A(10, 77, 0, 2), .sport = 43849, .dport = 81, .extra = "dies in 59900 ms" },
};
static const struct dot_slot slots[] = {
	{ .index = 17, .chain = chain17, .nchain = 1 },
	{ .index = 158, .chain = chain158, .nchain = 2, .twchain = tw158, .ntw = 1 },
};
static const struct dot_opts opts = { .max_chain = 8, .max_slots = 32 };

static struct dot_table_view ehash_view(void)
{
	/* 0x1e3f229e & 255 = 0x9e = 158: the slot sk 4 sits in. */
	return (struct dot_table_view){ .name = "ehash", .size = 256, .slots = slots, .nslots = 2,
		.hl = { .on = true, .id = 4, .hash = 0x1e3f229e, .slot = 158 } };
}

static void test_ehash_nodes_and_ports(void)
{
	struct dot_table_view v = ehash_view();
	Agraph_t *g;

	STEP("draw ehash: slot 17 = [sk3], slot 158 = [sk4, sk1] + twchain [tw2]");
	g = dot_draw_table(&v, &opts);
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT(tn_node(g, "ehash") && tn_node(g, "sk3") && tn_node(g, "sk4") &&
	       tn_node(g, "sk1") && tn_node(g, "tw2"));
	EXPECT_EQ(agnnodes(g), 6);	/* and the legend */
	EXPECT(tn_has(tn_label(g, "legend"), "twchain"));
	STEP("each chain head hangs from its slot's port, the rest from 'next'");
	EXPECT(strcmp(tn_edge_attr(g, "ehash", "sk3", "tailport"), "s17:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "ehash", "sk4", "tailport"), "s158:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "sk4", "sk1", "tailport"), "next:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "ehash", "tw2", "tailport"), "t158:e") == 0);
	EXPECT(tn_edge(g, "ehash", "sk1") == NULL);
	EXPECT_EQ(agnedges(g), 4);
	STEP("the array has a port per drawn slot and a tw row for slot 158");
	EXPECT(tn_has(tn_label(g, "ehash"), "PORT=\"s17\""));
	EXPECT(tn_has(tn_label(g, "ehash"), "PORT=\"s158\""));
	EXPECT(tn_has(tn_label(g, "ehash"), "PORT=\"t158\""));
	EXPECT(!tn_has(tn_label(g, "ehash"), "PORT=\"t17\""));
	agclose(g);
}

static void test_ehash_folds_empty_runs(void)
{
	struct dot_table_view v = ehash_view();
	Agraph_t *g = dot_draw_table(&v, &opts);
	const char *l;

	STEP("slots 0..16 (17), 18..157 (140) and 159..255 (97) are empty");
	EXPECT(g != NULL);
	if (!g)
		return;
	l = tn_label(g, "ehash");
	EXPECT(tn_has(l, "… 17 empty …"));
	EXPECT(tn_has(l, "… 140 empty …"));
	EXPECT(tn_has(l, "… 97 empty …"));
	EXPECT_EQ(tn_count(l, "empty"), 3);
	EXPECT(tn_has(l, "<B>ehash</B> [256]"));
	agclose(g);
}

static void test_ehash_highlight(void)
{
	struct dot_table_view v = ehash_view();
	Agraph_t *g = dot_draw_table(&v, &opts);

	STEP("sk 4 (latest connect) says how inet_ehashfn put it in slot 158; sk 1 does not");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT(tn_has(tn_label(g, "sk4"), "inet_ehashfn("));
	EXPECT(tn_has(tn_label(g, "sk4"), ") = 0x1e3f229e &amp; 255 (ehash_mask) = slot 158"));
	EXPECT(tn_has(tn_label(g, "sk4"), "BORDER=\"2\""));
	EXPECT(!tn_has(tn_label(g, "sk1"), "hash"));
	EXPECT(!tn_has(tn_label(g, "sk1"), "inet_ehashfn"));
	EXPECT(tn_has(tn_label(g, "sk1"), "BORDER=\"0\""));
	STEP("the record shows id, state (TCP_ stripped), 4-tuple; tw2 its extra line");
	EXPECT(tn_has(tn_label(g, "sk4"), "sk 4"));
	EXPECT(tn_has(tn_label(g, "sk4"), ">SYN_SENT<"));
	EXPECT(tn_has(tn_label(g, "sk4"), "10.77.0.1:43850 → 10.77.0.2:80"));
	EXPECT(tn_has(tn_label(g, "tw2"), "dies in 59900 ms"));
	EXPECT(tn_has(tn_label(g, "tw2"), "tw 2"));
	STEP("colour only for state: ESTABLISHED and SYN_SENT fills differ");
	EXPECT(strcmp(dot_state_colour("TCP_ESTABLISHED"), dot_state_colour("SYN_SENT")) != 0);
	EXPECT(tn_has(tn_label(g, "sk1"), dot_state_colour("ESTABLISHED")));
	agclose(g);
}

/* Eleven sockets in slot 5 with max_chain 8: sk 1..8 drawn, then "+3 more". */
static void test_chain_cut(void)
{
	struct dot_sock ch[11];
	struct dot_slot s = { .index = 5, .chain = ch, .nchain = 11 };
	struct dot_table_view v = { .name = "ehash", .size = 64, .slots = &s, .nslots = 1 };
	Agraph_t *g;
	char id[16];

	for (int i = 0; i < 11; i++)
		ch[i] = (struct dot_sock)SOCK((uint32_t)i + 1, "ESTABLISHED", (uint16_t)(40000 + i));
	STEP("draw a chain of 11 with --max-chain 8");
	g = dot_draw_table(&v, &opts);
	EXPECT(g != NULL);
	if (!g)
		return;
	for (int i = 1; i <= 8; i++) {
		snprintf(id, sizeof(id), "sk%d", i);
		EXPECT(tn_node(g, id) != NULL);
	}
	EXPECT(tn_node(g, "sk9") == NULL);
	EXPECT(strcmp(tn_label(g, "more_ehash_5"), "+3 more") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "sk8", "more_ehash_5", "style"), "dashed") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "sk8", "more_ehash_5", "tailport"), "next:e") == 0);
	agclose(g);
}

/*
 * 40 slots in use (index 2i) with --max-slots 32: the first 31 rows and the
 * highlighted slot 78 are drawn; slots 62..76 (8 in use) fold into the gap
 * 61..77 (17 slots).
 */
static void test_slot_cut_keeps_highlight(void)
{
	static struct dot_sock socks[40];
	static struct dot_slot s[40];
	struct dot_table_view v = { .name = "ehash", .size = 128, .slots = s, .nslots = 40,
				    .hl = { .on = true, .id = 40, .hash = 78, .slot = 78 } };
	Agraph_t *g;
	const char *l;

	for (int i = 0; i < 40; i++) {
		socks[i] = (struct dot_sock)SOCK((uint32_t)i + 1, "SYN_SENT", (uint16_t)(50000 + i));
		s[i] = (struct dot_slot){ .index = (uint32_t)(2 * i), .chain = &socks[i], .nchain = 1 };
	}
	STEP("draw 40 slots in use with --max-slots 32, the highlight in the last");
	g = dot_draw_table(&v, &opts);
	EXPECT(g != NULL);
	if (!g)
		return;
	l = tn_label(g, "ehash");
	EXPECT(tn_has(l, "PORT=\"s60\""));
	EXPECT(!tn_has(l, "PORT=\"s62\""));
	EXPECT(tn_has(l, "PORT=\"s78\""));
	EXPECT(tn_has(l, "… 17 slots, +8 more in use …"));
	EXPECT(tn_node(g, "sk40") != NULL);
	EXPECT(tn_node(g, "sk32") == NULL);
	EXPECT(tn_has(l, "… 49 empty …"));	/* 79..127 */
	agclose(g);
}

/* A listener: the line under it is the view's own (the port chose the slot). */
static void test_listen_why(void)
{
	static const struct dot_sock l[] = { { .id = 7, .state = "LISTEN", .sport = 8080 } };
	static const struct dot_slot s = { .index = 16, .chain = l, .nchain = 1 };
	struct dot_table_view v = { .name = "listen", .size = 32, .slots = &s, .nslots = 1,
		.hl = { .on = true, .id = 7, .slot = 16, .why = "port 8080 → slot 16" } };
	Agraph_t *g = dot_draw_table(&v, &opts);

	STEP("listen: sk7 highlighted with the view's line, not a hash formula");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT(tn_has(tn_label(g, "sk7"), "port 8080 → slot 16"));
	EXPECT(!tn_has(tn_label(g, "sk7"), "hash"));
	EXPECT(tn_has(tn_label(g, "sk7"), "0.0.0.0:8080 → 0.0.0.0:0"));
	agclose(g);
}

static void test_empty_table(void)
{
	struct dot_table_view v = { .name = "listen", .size = 32 };
	Agraph_t *g = dot_draw_table(&v, &opts);

	STEP("an empty listening hash: the array alone, saying so");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT_EQ(agnnodes(g), 2);	/* the array, the legend */
	EXPECT(tn_has(tn_label(g, "listen"), "(all empty)"));
	EXPECT(tn_has(tn_label(g, "listen"), "… 32 empty …"));
	agclose(g);
}

/* bhash slot 72: bind buckets 43848 (sk1, sk5) and 40000 (sk3) chained. */
static const struct dot_sock own1[] = { SOCK(1, "ESTABLISHED", 43848), SOCK(5, "SYN_SENT", 43848) };
static const struct dot_sock own2[] = { SOCK(3, "ESTABLISHED", 40000) };
static const struct dot_bind_bucket bbs72[] = {
	{ .port = 43848, .fastreuse = -1, .fastreuseport = -1, .owners = own1, .nowners = 2 },
	{ .port = 40000, .fastreuse = 1, .fastreuseport = 0, .owners = own2, .nowners = 1 },
};
static const struct dot_bslot bslots[] = { { .index = 72, .bbs = bbs72, .nbb = 2 } };

static void test_bhash(void)
{
	struct dot_bhash_view v = { .size = 256, .slots = bslots, .nslots = 1,
				    .hl = { .on = true, .id = 5, .slot = 72 } };
	Agraph_t *g = dot_draw_bhash(&v, &opts);

	STEP("bhash: slot 72 -> bb43848 -> bb40000; owners from each bucket's owners cell");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT(strcmp(tn_edge_attr(g, "bhash", "bb43848", "tailport"), "s72:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "bb43848", "bb40000", "tailport"), "next:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "bb43848", "sk1", "tailport"), "owners:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "sk1", "sk5", "tailport"), "next:e") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "bb40000", "sk3", "tailport"), "owners:e") == 0);
	EXPECT(tn_edge(g, "bhash", "bb40000") == NULL);
	STEP("bucket fields: port, fastreuse, fastreuseport, owner count");
	EXPECT(tn_has(tn_label(g, "bb43848"), "port 43848"));
	EXPECT(tn_has(tn_label(g, "bb43848"), "fastreuse -1 · fastreuseport -1"));
	EXPECT(tn_has(tn_label(g, "bb40000"), "fastreuse 1 · fastreuseport 0"));
	EXPECT(tn_has(tn_label(g, "bb43848"), "owners (2)"));
	STEP("the owner added last (sk 5) and its bucket are highlighted");
	EXPECT(tn_has(tn_label(g, "sk5"), "owner of port 43848"));
	EXPECT(tn_has(tn_label(g, "sk5"), "BORDER=\"2\""));
	EXPECT(!tn_has(tn_label(g, "sk1"), "owner of"));
	EXPECT(tn_has(tn_label(g, "bb43848"),
		      "inet_bhashfn(43848, 256) = 43848 &amp; 255 (bhash_size - 1) = slot 72"));
	EXPECT(!tn_has(tn_label(g, "bb40000"), "= slot"));
	EXPECT(tn_has(tn_label(g, "bhash"), "… 72 empty …"));
	EXPECT(tn_has(tn_label(g, "bhash"), "… 183 empty …"));
	agclose(g);
}

static void test_bhash_owner_cut(void)
{
	struct dot_bhash_view v = { .size = 256, .slots = bslots, .nslots = 1 };
	struct dot_opts o = { .max_chain = 1, .max_slots = 32 };
	Agraph_t *g = dot_draw_bhash(&v, &o);

	STEP("--max-chain 1: one bucket per slot and one owner per bucket, then +N more");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT(tn_node(g, "sk1") != NULL);
	EXPECT(tn_node(g, "sk5") == NULL);
	EXPECT(tn_node(g, "bb40000") == NULL);
	EXPECT(strcmp(tn_label(g, "more_owners43848_0"), "+1 more") == 0);
	EXPECT(strcmp(tn_label(g, "more_bhash_72"), "+1 more") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "bb43848", "more_bhash_72", "tailport"), "next:e") == 0);
	agclose(g);
}

static void test_same_view_same_text(void)
{
	struct dot_table_view v = ehash_view();
	Agraph_t *g1 = dot_draw_table(&v, &opts), *g2 = dot_draw_table(&v, &opts), *back;
	char *s1 = g1 ? tn_write(g1) : NULL, *s2 = g2 ? tn_write(g2) : NULL, *s3 = NULL;

	STEP("two drawings of one snapshot write the same DOT, which parses back");
	EXPECT(s1 && s2 && strcmp(s1, s2) == 0);
	back = s1 ? agmemread(s1) : NULL;
	EXPECT(back != NULL);
	if (back) {
		EXPECT_EQ(agnnodes(back), 6);
		EXPECT_EQ(agnedges(back), 4);
		s3 = tn_write(back);
		EXPECT(s3 && strcmp(s1, s3) == 0);
		agclose(back);
	}
	free(s1);
	free(s2);
	free(s3);
	if (g1)
		agclose(g1);
	if (g2)
		agclose(g2);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("dot_table", NULL, NULL);

	CU_add_test(s, "ehash nodes and ports", test_ehash_nodes_and_ports);
	CU_add_test(s, "ehash folds empty runs", test_ehash_folds_empty_runs);
	CU_add_test(s, "ehash highlight", test_ehash_highlight);
	CU_add_test(s, "chain cut at --max-chain", test_chain_cut);
	CU_add_test(s, "slot cut keeps the highlight", test_slot_cut_keeps_highlight);
	CU_add_test(s, "listen: the view's highlight line", test_listen_why);
	CU_add_test(s, "empty table", test_empty_table);
	CU_add_test(s, "bhash buckets and owners", test_bhash);
	CU_add_test(s, "bhash owner cut", test_bhash_owner_cut);
	CU_add_test(s, "same view, same DOT", test_same_view_same_text);
}
