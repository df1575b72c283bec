// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_dot_ladder.c - the ladder and the port search drawn from fixtures
 * (viz/dot/dot_ladder.c, dot_ports.c): the grid's rows and columns, the
 * frames as arrows (direction, retransmission colour, comment), the timer
 * bars, the state notes, the legend; the port table's rows, the taken
 * candidate, a formula mismatch, the fold of --max-slots, the verdicts
 * the legend explains; both laid out by libgvc.
 */
#include <unistd.h>
#include "harness.h"
#include "test_dot_util.h"
#include "../../viz/dot/dot_export.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgvc.so\nleak:libcgraph.so\nleak:libfontconfig.so\nleak:libpango\n"
	       "leak:libcairo.so\nleak:libgvplugin_\nleak:libglib-2.0.so\nleak:libexpat.so\n";
}

static const char *const peers[] = { "peer 10.77.0.2" };
static const char *const timers[] = { "retransmit" };
static const struct dot_lrow rows[] = {
	{ .ns = 0, .peer = -1, .timer = -1, .note = "sk 1 CLOSE → SYN_SENT", .state = "SYN_SENT" },
	{ .ns = 10, .peer = -1, .timer = 0, .tmark = DOT_T_ARM, .tlabel = "retransmit +1000 ms" },
	{ .ns = 20, .peer = 0, .out = true, .timer = -1, .frame = "40000 → 80 [SYN] seq 0 win 14600",
	  .raw = "tcp out flags 0x02 seq 7 ack 0 win 14600" },
	{ .ns = 1000000000, .peer = -1, .timer = 0, .tmark = DOT_T_FIRE, .tlabel = "retransmit fired" },
	{ .ns = 1000000100, .peer = 0, .out = true, .retrans = true, .timer = -1,
	  .frame = "40000 → 80 [SYN] seq 0 win 14600", .raw = "tcp out flags 0x02 seq 7 ack 0 win 14600",
	  .note = "retransmission 1: RTO 1000 ms expired, backoff 0" },
	{ .ns = 1000500000, .peer = 0, .timer = -1, .frame = "80 → 40000 [SYN,ACK] seq 0 ack 1 win 65160",
	  .raw = "tcp in flags 0x12 seq 99 ack 8 win 65160" },
};

static void test_ladder(void)
{
	struct dot_ladder_view v = { .caption = "frames", .stack = "connscope 10.77.0.1",
		.peers = peers, .npeers = 1, .timers = timers, .ntimers = 1, .rows = rows, .n = 6 };
	Agraph_t *g = dot_draw_ladder(&v), *row;
	char dir[] = "/tmp/test_ladder_XXXXXX", path[64], err[256] = "";

	STEP("a grid: heads, one rank=same row per moment, the legend");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT(tn_node(g, "stack") && tn_node(g, "peer0") && tn_node(g, "timer0") && tn_node(g, "legend"));
	EXPECT(strcmp(tn_label(g, "stack"), "connscope 10.77.0.1") == 0);
	row = agsubg(g, DOT_S("row_3"), 0);
	EXPECT(row && strcmp(agget(row, DOT_S("rank")), "same") == 0);
	EXPECT(row && agsubnode(row, tn_node(g, "stack_3"), 0) && agsubnode(row, tn_node(g, "peer0_3"), 0));
	STEP("frames: stack to peer; a received one drawn backwards; numbered in order");
	EXPECT(tn_has(tn_edge_attr(g, "stack_3", "peer0_3", "label"), "[SYN]"));
	EXPECT(strcmp(tn_edge_attr(g, "stack_3", "peer0_3", "comment"),
		      "frame 1 tcp out flags 0x02 seq 7 ack 0 win 14600") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "stack_6", "peer0_6", "dir"), "back") == 0);
	EXPECT(tn_has(tn_edge_attr(g, "stack_6", "peer0_6", "comment"), "frame 3 tcp in flags 0x12"));
	EXPECT(tn_edge(g, "peer0_6", "stack_6") == NULL);
	STEP("the retransmission in its colour, its RTO on the stack's side");
	EXPECT(strcmp(tn_edge_attr(g, "stack_5", "peer0_5", "color"), "#c0392b") == 0);
	EXPECT(tn_has(tn_label(g, "note_5"), "RTO 1000 ms"));
	STEP("the timer: a bar from armed to fired, nothing after");
	EXPECT(strcmp(tn_edge_attr(g, "timer0_2", "timer0_3", "style"), "solid") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "timer0_3", "timer0_4", "penwidth"), "4") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "timer0_4", "timer0_5", "style"), "invis") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "timer0_1", "timer0_2", "style"), "invis") == 0);
	EXPECT(strcmp(tn_attr(g, "timer0_2", "xlabel"), "retransmit +1000 ms") == 0);
	STEP("the state change in the state's colour; the times on the left");
	EXPECT(strcmp(tn_attr(g, "note_1", "fillcolor"), dot_state_colour("SYN_SENT")) == 0);
	EXPECT(strcmp(tn_label(g, "time_4"), "1.000 s") == 0);
	EXPECT(strcmp(tn_label(g, "time_3"), "0.000 ms") == 0);
	STEP("laid out and rendered by libgvc");
	EXPECT(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/l.svg", dir);
	EXPECT_EQ(dot_write(g, "svg", path, err, sizeof(err)), 0);
	EXPECT(access(path, R_OK) == 0);
	unlink(path);
	rmdir(dir);
	agclose(g);
}

static const struct dot_probe probes[] = {
	{ 1, 40001, 33, 40001, "reserved", "in ip_local_reserved_ports", false },
	{ 2, 40002, 34, 40002, "bind_bucket_bind_user", "bound by bind() (fastreuse 0): sk 3", false },
	{ 3, 40004, 36, 40003, "ok_new_bucket", NULL, true },
};

static void test_ports(void)
{
	struct dot_ports_view v = { .caption = "search", .sk_id = 4, .port_offset = 0xabcd,
		.hint_before = 2, .hint_after = 5, .offset = 0xabcf, .low = 32768, .high = 61000,
		.remaining = 28233, .ret = "OK", .port = 40004, .probes = probes, .n = 3, .total = 3 };
	struct dot_opts all = { 8, 0 }, two = { 8, 2 };
	Agraph_t *g = dot_draw_ports(&v, &all);
	const char *l;

	STEP("the inputs, every candidate, the result");
	EXPECT(g != NULL);
	if (!g)
		return;
	l = tn_label(g, "ports");
	EXPECT(tn_has(l, "port_offset 0x0000ABCD") && tn_has(l, "hint 2 → 5"));
	EXPECT(tn_has(l, "remaining 28233") && tn_has(l, "offset = hint + port_offset = 43983"));
	EXPECT(tn_has(l, ">40001<") && tn_has(l, ">40002<") && tn_has(l, ">40004<"));
	EXPECT(tn_has(l, "in ip_local_reserved_ports") && tn_has(l, "sk 3"));
	EXPECT(tn_has(l, "port 40004 after 3 candidates"));
	STEP("the taken row filled; a port the formula disagrees with marked");
	EXPECT(tn_has(l, "BGCOLOR=\"#b7dcb0\" PORT=\"p3\""));
	EXPECT(tn_has(l, "40003 (≠)") && !tn_has(l, "40001 (≠)"));
	STEP("the legend: the verdicts met, not the others");
	l = tn_label(g, "legend");
	EXPECT(tn_has(l, "reserved") && tn_has(l, "bind_bucket_bind_user") && tn_has(l, "ok_new_bucket"));
	EXPECT(!tn_has(l, "tw_reuse"));
	agclose(g);
	STEP("--max-slots 2: the first row, a fold, the taken one");
	g = dot_draw_ports(&v, &two);
	EXPECT(g != NULL);
	if (!g)
		return;
	l = tn_label(g, "ports");
	EXPECT(tn_has(l, "PORT=\"p1\"") && !tn_has(l, "PORT=\"p2\"") && tn_has(l, "PORT=\"p3\""));
	EXPECT(tn_has(l, "not drawn (--max-slots 2)"));
	agclose(g);
}

static void test_tcp_text(void)
{
	static const uint8_t syn[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 };
	char buf[96];

	STEP("flags by name, low bit first; options in brief");
	dot_tcp_flags(0x12, buf, sizeof(buf));
	EXPECT(strcmp(buf, "SYN,ACK") == 0);
	dot_tcp_flags(0x11, buf, sizeof(buf));
	EXPECT(strcmp(buf, "FIN,ACK") == 0);
	dot_tcp_options(syn, sizeof(syn), buf, sizeof(buf));
	EXPECT(strcmp(buf, " mss 1460 sackOK ts ws 7") == 0);
	STEP("a truncated option stops the walk");
	dot_tcp_options(syn, 3, buf, sizeof(buf));
	EXPECT(strcmp(buf, "") == 0);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("dot_ladder", NULL, NULL);

	CU_add_test(s, "ladder grid and frames", test_ladder);
	CU_add_test(s, "port search table", test_ports);
	CU_add_test(s, "TCP flags and options", test_tcp_text);
}
