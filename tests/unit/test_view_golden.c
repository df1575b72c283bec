// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_view_golden.c - golden screens: the viewer on a recorded connect
 * (tests/unit/golden/connect.txt, babeltrace2 --clock-seconds text of a
 * real LTTng trace: a connect to the lab's kernel listener, ESTABLISHED,
 * close, TIME-WAIT), scripted keys on a fixed 80x30 screen, the text of the
 * screen compared with tests/unit/golden/NAME.screen.
 *
 * CS_GOLDEN_UPDATE=1 writes the .screen files instead of comparing (after
 * a deliberate change of the screen; review the diff before committing).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "view_fixture.h"
#include "codesrc.h"
#include "keys.h"
#include "model.h"
#include "panes.h"
#include "view.h"
#include "vscreen.h"

/* 'd' draws with Graphviz, which keeps its plugin registry and font caches
 * for the process's life: not our leaks (docs: toolchain.md section 4). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgvc.so\nleak:libcgraph.so\nleak:libfontconfig.so\nleak:libpango\n"
	       "leak:libcairo.so\nleak:libgvplugin_\nleak:libglib-2.0.so\nleak:libexpat.so\n";
}

#define GOLDEN_W 80
#define GOLDEN_H 30

/* ---- the screens ---- */

static struct model *fixture;
static char screen[16384];

static int suite_init(void)
{
	fixture = load_fixture("connect.txt");
	return fixture ? 0 : -1;
}

static int suite_clean(void)
{
	model_free(fixture);
	return 0;
}

/* The index of the first fixture event named @name at or after @from. */
static size_t find_event(const char *name, size_t from)
{
	struct model_event ev;
	size_t n = model_event_count(fixture), i;

	model_event_init(&ev);
	for (i = from; i < n; i++)
		if (!model_event_get(fixture, i, &ev) && !strcmp(ev.name, name))
			break;
	model_event_release(&ev);
	return i;
}

/* Render @v at w x h into screen[]. */
static void render(struct view *v, int w, int h)
{
	struct vscreen s;

	CU_ASSERT_FATAL(vs_init(&s, w, h) == 0);
	view_render(v, &s);
	vs_text(&s, screen, sizeof(screen));
	vs_free(&s);
}

/* Press the keys of @script, as term.c would deliver them. */
static void press(struct view *v, const char *script)
{
	int keys[128], n = view_key_parse(script, keys, 128);

	EXPECT(n >= 0);
	for (int i = 0; i < n; i++)
		view_key(v, keys[i]);
}

/* Compare screen[] with golden/NAME.screen (or write it). */
static void golden(const char *name)
{
	golden_cmp(screen, name);
}

/* A view of the fixture at event @pos, before any key; no Code pane
 * source (core/ changes every day: the Code pane has its own tests). */
static void open_view(struct view *v, size_t pos)
{
	CU_ASSERT_FATAL(view_init(v, fixture, NULL) == 0);
	v->source = "golden/connect.txt";
	view_goto(v, pos);
	render(v, GOLDEN_W, GOLDEN_H);
}


static void test_first_event(void)
{
	struct view v;

	open_view(&v, 0);
	STEP("g: the first event, no socket yet, PAUSED");
	press(&v, "g");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, " PAUSED ") != NULL);
	EXPECT(strstr(screen, "event 0/209") != NULL);
	EXPECT(strstr(screen, "no socket yet") != NULL);
	golden("first");
	view_free(&v);
}

/* The ehash insertion of the connect: the entry is there and flashes. */
static void test_hashed(void)
{
	size_t i = find_event("__inet_hash_nolisten", 0);
	struct view v;

	open_view(&v, i);
	STEP("event %zu: __inet_hash_nolisten", i);
	EXPECT(strstr(screen, "*[144] sk1 SYN_SENT 50245>10.77") != NULL);
	EXPECT(strstr(screen, "*[69] port 50245 (-1,-1): sk1") != NULL);
	golden("hashed");
	STEP("13 events later it no longer flashes");
	view_goto(&v, i + 13);
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, "*[144] sk1") == NULL);
	EXPECT(strstr(screen, " [144] sk1 SYN_SENT 50245>10.77") != NULL);
	view_free(&v);
}

/* N from the start goes to the connect's first step, sys_connect; P there
 * has nowhere to go; N again to a later step. */
static void test_connect_steps(void)
{
	size_t sys = find_event("sys_connect", 0);
	struct view v;

	open_view(&v, 0);
	STEP("N from event 0");
	press(&v, "N");
	EXPECT_EQ(v.pos, sys);
	STEP("P from sys_connect: no earlier step");
	press(&v, "P");
	EXPECT_EQ(v.pos, sys);
	EXPECT(strstr(v.msg, "no earlier connect step") != NULL);
	STEP("N again: a later step of socket 1");
	press(&v, "N");
	EXPECT(v.pos > sys);
	view_free(&v);
}

/* The SYN: SYN_SENT, the ehash entry, the SYN's options decoded. */
static void test_syn(void)
{
	size_t i = find_event("tcp_transmit_skb_hdr", 0);
	struct view v;

	open_view(&v, i);
	STEP("event %zu: the SYN's header", i);
	EXPECT(strstr(screen, "[SYN_SENT]") != NULL);
	EXPECT(strstr(screen, " [144] sk1 SYN_SENT") != NULL);
	EXPECT(strstr(screen, ">80 [S] seq ") != NULL);	/* 80 columns: the short line */
	EXPECT(strstr(screen, "options [mss 1460,sackOK,TS val") != NULL);
	golden("syn");
	view_free(&v);
}

/* ESTABLISHED, and one step back is still SYN_SENT. */
static void test_established_and_back(void)
{
	size_t i = find_event("tcp_finish_connect_ret", 0);
	struct view v;

	open_view(&v, i);
	STEP("event %zu: tcp_finish_connect_ret", i);
	EXPECT(strstr(screen, "[ESTABLISHED]") != NULL);
	golden("established");
	render(&v, 120, 40);
	EXPECT(strstr(screen, "path CLOSE > SYN_SENT > ESTABLISHED") != NULL);
	STEP("back to the state change itself, then one more step back");
	view_goto(&v, find_event("inet_sock_set_state", find_event("tcp_finish_connect", 0)));
	press(&v, "p");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, "[SYN_SENT]") != NULL);
	EXPECT(strstr(screen, "[ESTABLISHED]") == NULL);
	view_free(&v);
}

/* TIME-WAIT: the twchain and the bind bucket owned by the TIME-WAIT sock. */
static void test_time_wait(void)
{
	size_t i = find_event("tcp_time_wait_ret", 0);
	struct view v;

	open_view(&v, i);
	STEP("event %zu: tcp_time_wait_ret", i);
	EXPECT(strstr(screen, "[144] tw tw2 TIME_WAIT") != NULL);
	golden("time_wait");
	view_free(&v);
}

static void test_help(void)
{
	struct view v;

	open_view(&v, 58);
	press(&v, "?");
	render(&v, GOLDEN_W, GOLDEN_H);
	golden("help");
	view_free(&v);
}

/* tab to Packets, zoom: the packets and the last one in detail. */
static void test_zoom_packets(void)
{
	size_t i = find_event("tcp_transmit_skb_ret", find_event("tcp_finish_connect", 0));
	struct view v;

	open_view(&v, i);
	press(&v, "<tab><tab><tab>z");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT_EQ(v.focus, PANE_PACKETS);
	EXPECT(strstr(screen, "= Packets =") != NULL);
	EXPECT(strstr(screen, "Socket") == NULL);
	golden("zoom_packets");
	STEP("up selects the SYN-ACK; q closes the zoom");
	press(&v, "<up>");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, "flags [SA]") != NULL);
	press(&v, "q");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, "Socket") != NULL);
	view_free(&v);
}

/* L: the Packets pane as a ladder: time, direction, flags, seq/ack
 * relative to each side's SYN (the SYN-ACK: seq 0 ack 1), and the ARP
 * frames between them (the fixture's arp_send, and arp_rcv with the
 * peer's address 32:fe:53:9c:14:3c), before the SYN-ACK. */
static void test_ladder(void)
{
	size_t i = find_event("tcp_transmit_skb_ret", find_event("tcp_finish_connect", 0));
	struct view v;

	open_view(&v, i);
	press(&v, "<tab><tab><tab>zL");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(v.ladder);
	EXPECT(strstr(screen, "--[S] seq 0 win ") != NULL);
	EXPECT(strstr(screen, "<--[SA] seq 0 ack 1 win ") != NULL);
	EXPECT(strstr(screen, "--[A] seq 1 ack 1 win ") != NULL);
	EXPECT(strstr(screen, " arp --[who-has 10.77.0.2? tell 10.77.0.1]--> 10.77.0.2") != NULL);
	EXPECT(strstr(screen, " arp <--[reply 10.77.0.2 is-at 32:fe:53:9c:14:3c]-- 10.77.0.2"));
	EXPECT(strstr(screen, "is-at") < strstr(screen, "<--[SA]"));
	golden("ladder");
	STEP("L again: the tcpdump-like lines");
	press(&v, "L");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, "<--[SA]") == NULL);
	EXPECT(strstr(screen, "who-has") == NULL);
	view_free(&v);
}

/* '/' filters the event log; an empty filter clears it. */
static void test_filter(void)
{
	struct view v;

	open_view(&v, 200);
	press(&v, "/tcp_v4_rcv");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, "filter events: tcp_v4_rcv_") != NULL);
	press(&v, "<enter>");
	render(&v, GOLDEN_W, GOLDEN_H);
	golden("filter");
	STEP("every listed event but the current one names tcp_v4_rcv");
	for (const char *l = screen; (l = strstr(l, "\n #")); l++) {
		const char *e = strchr(l + 1, '\n');

		EXPECT(strstr(l, "tcp_v4_rcv") && strstr(l, "tcp_v4_rcv") < e);
	}
	STEP("/ opens empty (not with the old filter); enter alone clears it");
	press(&v, "/");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(v.edit[0] == '\0');
	EXPECT(strstr(screen, "filter events: _") != NULL);
	press(&v, "<enter>");
	EXPECT(v.filter[0] == '\0');
	STEP("the ARP and neighbour addresses are dotted quads (ip=, sip=, tip=)");
	press(&v, "/neigh<enter>");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, " ip=10.77.0.2") != NULL && strstr(screen, "ip=0a ") == NULL);
	view_free(&v);
}

/* space runs the replay at the recorded pace (1x): the fixture's events
 * are microseconds apart, so 1 ms of the (injected) clock plays a few; +
 * makes it 2x; the end of the trace pauses it. */
static void test_playing(void)
{
	uint64_t t0 = model_event_ts(fixture, 0);
	size_t at;
	struct view v;

	open_view(&v, 0);
	press(&v, "<space>");
	EXPECT(!v.paused);
	view_tick(&v, 5000.0, 20);
	view_tick(&v, 5001.0, 20);
	STEP("1 ms at 1x: every event of the first ms of the trace, no later one");
	EXPECT(model_event_ts(fixture, v.pos) <= t0 + 1000000);
	EXPECT(v.pos + 1 < model_event_count(fixture) &&
	       model_event_ts(fixture, v.pos + 1) > t0 + 1000000);
	at = v.pos;
	press(&v, "+");
	render(&v, GOLDEN_W, GOLDEN_H);
	EXPECT(strstr(screen, " PLAYING ") != NULL);
	EXPECT(strstr(screen, " 2\xc3\x97 ") != NULL);
	view_tick(&v, 5001.5, 20);
	STEP("0.5 ms more at 2x: the trace's clock at +2 ms");
	EXPECT(v.pos >= at);
	EXPECT(model_event_ts(fixture, v.pos) <= t0 + 2000000);
	EXPECT(v.pos + 1 < model_event_count(fixture) &&
	       model_event_ts(fixture, v.pos + 1) > t0 + 2000000);
	view_tick(&v, 100000.0, 20);
	EXPECT_EQ(v.pos, model_event_count(fixture) - 1);
	EXPECT(v.paused);
	view_free(&v);
}

/* F: n keeps to the selected socket's events. */
static void test_follow(void)
{
	size_t i = find_event("ip_local_out", 0), want;
	struct model_event ev;
	struct view v;

	model_event_init(&ev);
	for (want = i + 1; !model_event_get(fixture, want, &ev); want++)
		if (model_event_uint(&ev, "sk_id", 0) == 1)
			break;
	model_event_release(&ev);
	open_view(&v, i);
	STEP("F at event %zu, then n: event %zu", i, want);
	press(&v, "Fn");
	EXPECT(v.follow);
	EXPECT_EQ(v.sel_sock, 1);
	EXPECT(want > i + 1);
	EXPECT_EQ(v.pos, want);
	render(&v, GOLDEN_W, GOLDEN_H);
	golden("follow");
	view_free(&v);
}

/* The smallest terminal: every pane is still there. */
static void test_small(void)
{
	struct view v;

	open_view(&v, find_event("tcp_transmit_skb_hdr", 0));
	render(&v, 80, 24);
	for (int p = 0; p < PANE_COUNT; p++)
		EXPECT(strstr(screen, pane_name(p)) != NULL);
	golden("small_80x24");
	view_free(&v);
}

/* The Code pane on the built-in sources: the line of the step, the stack. */
static void test_code_pane(void)
{
	struct code_index ci;
	struct view v;
	const char *cur;

	CU_ASSERT_FATAL(code_index_embedded(&ci) == 0);
	CU_ASSERT_FATAL(view_init(&v, fixture, &ci) == 0);
	STEP("the SYN's header: tcp_transmit_skb, the queue_xmit its trace precedes");
	view_goto(&v, find_event("tcp_transmit_skb_hdr", 0));
	render(&v, 120, 40);
	EXPECT(strstr(screen, "tcp_transmit_skb() tcp_output.c:") != NULL);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, "->queue_xmit(") &&
	       strstr(cur, "->queue_xmit(") < strchr(cur + 1, '\n'));
	EXPECT(strstr(screen, "cs_trace(") == NULL);	/* no tracepoint listed */
	EXPECT(strstr(screen, "stack ..") != NULL);	/* one row: the code keeps the width */
	render(&v, 200, 60);
	EXPECT(strstr(screen, "call stack") != NULL);
	/* the seed's 3.10 line beside connscope's where the seed quotes it */
	EXPECT(strstr(screen, "  956     return net_xmit_eval(err);") != NULL);
	EXPECT(strstr(screen, "sys_connect") != NULL);
	render(&v, 120, 40);
	STEP("the route lookup: tcp_v4_connect's line that leads to ip_route_connect");
	view_goto(&v, find_event("ip_route_connect", 0));
	render(&v, 120, 40);
	EXPECT(strstr(screen, "tcp_v4_connect() tcp_ipv4.c:") != NULL);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, "route") && strstr(cur, "route") < strchr(cur + 1, '\n'));
	STEP("the port search's entry: inet_hash_connect, a seed function, listed itself");
	view_goto(&v, find_event("inet_hash_connect", 0));
	render(&v, 120, 40);
	EXPECT(strstr(screen, "inet_hash_connect() inet_hashtables.c:") != NULL);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, "ret = __inet_hash_connect(") &&
	       strstr(cur, "ret = __inet_hash_connect(") < strchr(cur + 1, '\n'));
	STEP("the port probe: __inet_hash_connect at its ok: label");
	view_goto(&v, find_event("inet_hash_connect_probe", 0));
	render(&v, 120, 40);
	EXPECT(strstr(screen, "__inet_hash_connect() inet_hashtables.c:") != NULL);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, "ok:") && strstr(cur, "ok:") < strchr(cur + 1, '\n'));
	EXPECT(strstr(screen, "cs_trace(") == NULL);
	STEP("the search's result: the return that ok: reaches through goto out");
	view_goto(&v, find_event("__inet_hash_connect_ret", 0));
	render(&v, 120, 40);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, "return ret;") && strstr(cur, "return ret;") < strchr(cur + 1, '\n'));
	STEP("tcp_v4_connect's result 0: the success's return 0 (251), not an error's");
	view_goto(&v, find_event("tcp_v4_connect_ret", 0));
	render(&v, 120, 40);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, " 251     return 0;") &&
	       strstr(cur, " 251     return 0;") < strchr(cur + 1, '\n'));
	STEP("tcp_connect's entry: tcp_connect_init, 3.10's line 2931");
	view_goto(&v, find_event("tcp_connect", 0));
	render(&v, 120, 40);
	EXPECT(strstr(screen, "(3.10:2931)") != NULL);
	cur = strstr(screen, "\n> ");
	EXPECT(cur && strstr(cur, " 2931     tcp_connect_init(sk);") &&
	       strstr(cur, " 2931     tcp_connect_init(sk);") < strchr(cur + 1, '\n'));
	view_free(&v);
	code_index_free(&ci);
}

/* An SVG file as Graphviz writes it: the XML declaration first, an <svg>
 * element; 1 when @path is one and holds @want (NULL: anything). */
static int svg_ok(const char *path, const char *want)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t len;

	if (!f)
		return 0;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	return !strncmp(buf, "<?xml", 5) && strstr(buf, "<svg") && (!want || strstr(buf, want));
}

/* d at event @pos of @v into @dir: one SVG per view, named after @pos,
 * drawn from the state after that event (the ehash caption says which),
 * the ehash file holding @want (the highlighted socket: node "sk<id>"),
 * the callpath file a connect; the status line names the files, then
 * says @note; the model is back at @cursor.  The files are removed. */
static void check_export(struct view *v, const char *dir, size_t pos, const char *want,
			 const char *note, size_t cursor)
{
	static const char *const views[] = { "ehash", "bhash", "listen", "tw", "state", "callpath",
					     "ladder", "ports" };
	char path[512], msg[192], caption[64];

	press(v, "d");
	snprintf(msg, sizeof(msg), "exported %s/connscope-%zu-*.svg%s", dir, pos, note);
	STEP("status line: %s", v->msg);
	EXPECT(strcmp(v->msg, msg) == 0);
	EXPECT_EQ(model_current_index(fixture), cursor);
	snprintf(caption, sizeof(caption), "after event %zu of %zu", pos,
		 model_event_count(fixture));
	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		snprintf(path, sizeof(path), "%s/connscope-%zu-%s.svg", dir, pos, views[i]);
		STEP("%s", path);
		EXPECT(svg_ok(path, NULL));
		if (i == 0)
			EXPECT(svg_ok(path, caption) && svg_ok(path, want));
		if (i == 5)
			EXPECT(svg_ok(path, "sys_connect"));
		unlink(path);
	}
}

/* d draws every view in-process (viz/dot's exporter) from the viewer's own
 * model: in a replay, and in a live view (no trace directory to hand to
 * another program); the model goes back to where the viewer had it. */
static void test_export(void)
{
	size_t i = find_event("tcp_finish_connect", 0), n = model_event_count(fixture);
	char dir[] = "/tmp/cs-view-export.XXXXXX", path[512];
	struct view v;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	open_view(&v, i);
	v.export_dir = dir;
	STEP("replay, event %zu: socket 1 connected, in ehash", i);
	check_export(&v, dir, i, "<title>sk1</title>", "", i + 1);
	STEP("the model elsewhere (a live view's newest event): put back there");
	model_seek(fixture, n);
	check_export(&v, dir, i, "<title>sk1</title>", "", n);
	view_free(&v);

	STEP("live: no trace directory, the newest event (TIME-WAIT socket 2 just freed)");
	open_view(&v, n - 1);
	v.live = true;
	v.source = NULL;
	v.export_dir = dir;
	check_export(&v, dir, n - 1, "<svg", " (socket 2 is gone: no highlight)", n);
	STEP("live, socket 1 selected by hand: highlighted although closed (its connect is known)");
	v.sel_sock = 1;
	check_export(&v, dir, n - 1, "<svg", "", n);
	STEP("an export directory that does not exist: the error in the status line");
	snprintf(path, sizeof(path), "%s/missing", dir);
	v.export_dir = path;
	press(&v, "d");
	EXPECT(strncmp(v.msg, "export failed: ", 15) == 0 && strstr(v.msg, "No such file"));
	EXPECT_EQ(model_current_index(fixture), n);
	view_free(&v);
	EXPECT(rmdir(dir) == 0);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("view_golden", suite_init, suite_clean);

	CU_add_test(s, "Packets as a ladder (L)", test_ladder);
	CU_add_test(s, "first event", test_first_event);
	CU_add_test(s, "ehash insertion flashes", test_hashed);
	CU_add_test(s, "N/P connect steps", test_connect_steps);
	CU_add_test(s, "the SYN: SYN_SENT, ehash entry, options", test_syn);
	CU_add_test(s, "ESTABLISHED, then one step back", test_established_and_back);
	CU_add_test(s, "TIME-WAIT in the twchain", test_time_wait);
	CU_add_test(s, "help screen", test_help);
	CU_add_test(s, "zoomed Packets pane, selection, q", test_zoom_packets);
	CU_add_test(s, "event filter", test_filter);
	CU_add_test(s, "playing at the recorded pace, 1x and 2x", test_playing);
	CU_add_test(s, "F follows the socket", test_follow);
	CU_add_test(s, "80x24", test_small);
	CU_add_test(s, "Code pane: step line and call stack", test_code_pane);
	CU_add_test(s, "d exports every view as SVG, replay and live", test_export);
}
