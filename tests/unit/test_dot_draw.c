// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_dot_draw.c - the state-machine and call-path diagrams from fixtures
 * (viz/dot/dot_state.c, dot_callpath.c), the output through agwrite and
 * libgvc (dot_output.c), the file names of --view all (dot_request.c) and
 * the HTML escaping of labels (dot_util.c).
 */
#include <unistd.h>
#include "harness.h"
#include "test_dot_util.h"
#include "../../viz/dot/dot_export.h"

/* Graphviz keeps its plugin registry and font caches for the process's
 * life: not our leaks (docs: toolchain.md section 4). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgvc.so\nleak:libcgraph.so\nleak:libfontconfig.so\nleak:libpango\n"
	       "leak:libcairo.so\nleak:libgvplugin_\nleak:libglib-2.0.so\nleak:libexpat.so\n";
}

static void test_state_machine(void)
{
	static const struct dot_transition t[] = {
		{ "TCP_SYN_SENT", "TCP_ESTABLISHED", 1, "tcp_rcv_state_process" },
		{ "TCP_CLOSE", "TCP_SYN_SENT", 1, "tcp_v4_connect" },
		{ "CLOSE", "SYN_SENT", 2, "tcp_v4_connect" },
		{ "SYN_SENT", "CLOSE", 1, "tcp_done" },
		{ "SYN_SENT", "CLOSE", 2, "tcp_disconnect" },
	};
	struct dot_state_view v = { .t = t, .n = 5, .current = "ESTABLISHED" };
	Agraph_t *g = dot_draw_state(&v);

	STEP("states CLOSE, SYN_SENT, ESTABLISHED; CLOSE->SYN_SENT given as 1 + 2");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT_EQ(agnnodes(g), 4);	/* and the legend */
	EXPECT(tn_node(g, "CLOSE") && tn_node(g, "SYN_SENT") && tn_node(g, "ESTABLISHED"));
	EXPECT(tn_node(g, "legend") != NULL);
	EXPECT(tn_node(g, "TCP_CLOSE") == NULL);
	EXPECT_EQ(agnedges(g), 3);
	STEP("each edge says its count and the event that made it");
	EXPECT(strcmp(tn_edge_attr(g, "CLOSE", "SYN_SENT", "label"), " 3 · tcp_v4_connect") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "SYN_SENT", "ESTABLISHED", "label"),
		      " 1 · tcp_rcv_state_process") == 0);
	EXPECT(strcmp(tn_edge_attr(g, "SYN_SENT", "CLOSE", "label"),
		      " 3 · 2 tcp_disconnect, 1 tcp_done") == 0);
	STEP("CLOSE is created first (top of the layout); colour means state");
	EXPECT(strcmp(agnameof(agfstnode(g)), "CLOSE") == 0);
	EXPECT(strcmp(tn_attr(g, "ESTABLISHED", "fillcolor"), dot_state_colour("ESTABLISHED")) == 0);
	EXPECT(strcmp(tn_attr(g, "SYN_SENT", "fillcolor"), tn_attr(g, "CLOSE", "fillcolor")) != 0);
	STEP("the current state is outlined, the others are not");
	EXPECT(strcmp(tn_attr(g, "ESTABLISHED", "penwidth"), "2.5") == 0);
	EXPECT(strcmp(tn_attr(g, "CLOSE", "penwidth"), "0.8") == 0);
	agclose(g);
}

/*
 * sys_connect (0 .. 48000 ns)
 *   sockfd_lookup_light (leaf, 600 ns to the next event)
 *   inet_stream_connect (1000 .. 13400: 12.4 µs)
 *     tcp_v4_connect (2000 .. 12000, ret -99 labelled EADDRNOTAVAIL)
 *       inet_hash_connect (3000 .. 3850, ret 1 without a label)
 *   sys_connect child after the deep one: security_socket_connect (leaf)
 */
static const struct dot_call calls[] = {
	{ "sys_connect", 0, 0, 48000, true, -99, "EADDRNOTAVAIL", NULL, false },
	{ "sockfd_lookup_light", 1, 400, 1000, false, 0, NULL, NULL, false },
	{ "inet_stream_connect", 1, 1000, 13400, true, 0, "OK", NULL, false },
	{ "tcp_v4_connect", 2, 2000, 12000, true, -99, "EADDRNOTAVAIL", NULL, false },
	{ "inet_hash_connect", 3, 3000, 3850, true, 1, NULL, NULL, false },
	{ "security_socket_connect", 1, 14000, -1, false, 0, NULL, "unique = 0", false },
	{ "tcp_v4_rcv", 1, 14500, 14800, true, 0, "OK", NULL, true },	/* softirq, attached */
};

static void test_callpath(void)
{
	struct dot_callpath_view v = { .sk_id = 1, .calls = calls, .n = 7 };
	Agraph_t *g = dot_draw_callpath(&v);

	STEP("the pre-order array becomes a tree: parents are one level up");
	EXPECT(g != NULL);
	if (!g)
		return;
	EXPECT_EQ(agnnodes(g), 8);	/* 7 calls, the legend */
	EXPECT_EQ(agnedges(g), 6);
	EXPECT(tn_edge(g, "c0", "c6") != NULL);
	STEP("softirq work attached to the connect is marked");
	EXPECT(tn_has(tn_label(g, "c6"), "softirq"));
	EXPECT(!tn_has(tn_label(g, "c5"), "softirq"));
	EXPECT(tn_edge(g, "c0", "c1") && tn_edge(g, "c0", "c2") && tn_edge(g, "c2", "c3") &&
	       tn_edge(g, "c3", "c4") && tn_edge(g, "c0", "c5"));
	EXPECT(tn_edge(g, "c2", "c5") == NULL);
	EXPECT(strcmp(tn_edge_attr(g, "c2", "c3", "tailport"), "e") == 0);
	EXPECT(tn_edge(g, "c4", "c5") == NULL);
	STEP("names, time in each step, and non-zero returns");
	EXPECT(tn_has(tn_label(g, "c2"), "inet_stream_connect"));
	EXPECT(tn_has(tn_label(g, "c2"), "12.4 µs"));
	EXPECT(tn_has(tn_label(g, "c0"), "48.0 µs"));
	EXPECT(tn_has(tn_label(g, "c4"), "850 ns"));
	EXPECT(tn_has(tn_label(g, "c1"), "600 ns"));
	EXPECT(tn_has(tn_label(g, "c3"), "ret -99 EADDRNOTAVAIL"));
	EXPECT(tn_has(tn_label(g, "c4"), "<TD>ret 1</TD>"));
	EXPECT(!tn_has(tn_label(g, "c2"), "ret"));
	STEP("a yes/no decision is shown even when it is 0");
	EXPECT(tn_has(tn_label(g, "c5"), ">unique = 0<"));
	EXPECT(tn_has(tn_label(g, "legend"), "shown even when 0"));
	EXPECT(tn_has(tn_label(g, "c5"), ">?<"));
	STEP("children keep their call order (ordering=out)");
	EXPECT(strcmp(agget(g, DOT_S("ordering")), "out") == 0);
	agclose(g);
}

static void test_write_dot_and_svg(void)
{
	static const struct dot_transition t[] = { { "CLOSE", "SYN_SENT", 1, "tcp_v4_connect" } };
	struct dot_state_view v = { .t = t, .n = 1 };
	char dir[] = "/tmp/test_dot_XXXXXX", path[64], err[256] = "";
	Agraph_t *g = dot_draw_state(&v), *back;
	FILE *f;
	char buf[4096] = "";
	size_t n;

	EXPECT(g && mkdtemp(dir));
	if (!g)
		return;
	STEP("-T dot: agwrite's text, no layout (no pos=), parses back");
	snprintf(path, sizeof(path), "%s/s.dot", dir);
	EXPECT_EQ(dot_write(g, "dot", path, err, sizeof(err)), 0);
	f = fopen(path, "r");
	back = f ? agread(f, NULL) : NULL;
	if (f)
		fclose(f);
	EXPECT(back && agnnodes(back) == 3 && agnedges(back) == 1);	/* 2 states, the legend */
	if (back)
		agclose(back);
	STEP("-T svg: laid out and rendered by gvc");
	snprintf(path, sizeof(path), "%s/s.svg", dir);
	EXPECT_EQ(dot_write(g, "svg", path, err, sizeof(err)), 0);
	f = fopen(path, "r");
	n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	EXPECT(tn_has(buf, "<svg") && tn_has(buf, "SYN_SENT"));
	unlink(path);
	snprintf(path, sizeof(path), "%s/s.dot", dir);
	unlink(path);
	rmdir(dir);
	STEP("unknown format, unwritable file: -1 and one sentence");
	EXPECT_EQ(dot_write(g, "gif", "/tmp/x.gif", err, sizeof(err)), -1);
	EXPECT(tn_has(err, "unknown output format 'gif'"));
	EXPECT_EQ(dot_write(g, "svg", "/nonexistent-dir/x.svg", err, sizeof(err)), -1);
	EXPECT(tn_has(err, "/nonexistent-dir/x.svg: No such file or directory"));
	agclose(g);
}

static void test_view_paths(void)
{
	char p[128];

	STEP("--view all: -<view> goes before the extension of the file name");
	EXPECT(dot_view_path("out.svg", DOT_VIEW_EHASH, p, sizeof(p)) == 0 &&
	       strcmp(p, "out-ehash.svg") == 0);
	EXPECT(dot_view_path("a/b.c.png", DOT_VIEW_STATE, p, sizeof(p)) == 0 &&
	       strcmp(p, "a/b.c-state.png") == 0);
	EXPECT(dot_view_path("dir.d/out", DOT_VIEW_BHASH, p, sizeof(p)) == 0 &&
	       strcmp(p, "dir.d/out-bhash") == 0);
	EXPECT(dot_view_path("d/.hidden", DOT_VIEW_TW, p, sizeof(p)) == 0 &&
	       strcmp(p, "d/.hidden-tw") == 0);
	EXPECT(dot_view_path("out.svg", DOT_VIEW_CALLPATH, p, 8) == -1);
	STEP("view names both ways");
	EXPECT_EQ(dot_view_parse("callpath"), DOT_VIEW_CALLPATH);
	EXPECT_EQ(dot_view_parse("all"), DOT_VIEW_ALL);
	EXPECT_EQ(dot_view_parse("bogus"), -1);
	EXPECT(strcmp(dot_view_name(DOT_VIEW_LISTEN), "listen") == 0);
}

static void test_html_escape(void)
{
	struct dot_buf b = { 0 };

	STEP("label text is escaped: & < > \"");
	dot_buf_esc(&b, "a<b>&\"c");
	EXPECT(b.s && strcmp(b.s, "a&lt;b&gt;&amp;&quot;c") == 0);
	STEP("the buffer grows past its first 256 bytes");
	for (int i = 0; i < 100; i++)
		dot_buf_printf(&b, "%08d", i);
	EXPECT_EQ(b.len, 22 + 800);
	EXPECT(b.s && strncmp(b.s + b.len - 8, "00000099", 8) == 0);
	dot_buf_free(&b);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("dot_draw", NULL, NULL);

	CU_add_test(s, "state machine", test_state_machine);
	CU_add_test(s, "callpath tree", test_callpath);
	CU_add_test(s, "write dot and svg", test_write_dot_and_svg);
	CU_add_test(s, "--view all file names", test_view_paths);
	CU_add_test(s, "HTML escaping and growth", test_html_escape);
}
