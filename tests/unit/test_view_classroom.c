// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_view_classroom.c - the viewer in a classroom (issue 13 item 5), on
 * tests/unit/golden/retrans.txt: one connscope process recorded with real
 * LTTng in a private lab (labs/net/userns.sh), tcp_syn_retries=1 and a
 * one-port range (40000): sk 1's SYN to a port the server drops, its one
 * retransmission 1 s later, ETIMEDOUT 2 s after that; sk 2 ESTABLISHED;
 * sk 3 to the same 4-tuple, EADDRNOTAVAIL.
 *
 * Golden screens of the SYN, the retransmission and the error at 80x24,
 * 120x40 and in projector mode; N and P through every step of the
 * timed-out connect and on into the next ones; > < :; the replay's pace
 * on an injected clock; the colour of the current state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "view_fixture.h"
#include "keys.h"
#include "model.h"
#include "panes.h"
#include "view.h"
#include "vscreen.h"

static struct model *fixture;
static char screen[32768];
static int attr_found;		/* the attribute of the cell render() looked for */

static int suite_init(void)
{
	fixture = load_fixture("retrans.txt");
	return fixture ? 0 : -1;
}

static int suite_clean(void)
{
	model_free(fixture);
	return 0;
}

/* The @nth (0-based) fixture event named @name at or after @from. */
static size_t find_nth(const char *name, size_t from, int nth)
{
	struct model_event ev;
	size_t n = model_event_count(fixture), i;

	model_event_init(&ev);
	for (i = from; i < n; i++)
		if (!model_event_get(fixture, i, &ev) && !strcmp(ev.name, name) && nth-- == 0)
			break;
	model_event_release(&ev);
	return i;
}

/* Render @v at w x h into screen[]; attr_found: the attribute of the
 * first cell of @find (-1 when absent or NULL). */
static void render(struct view *v, int w, int h, const char *find)
{
	struct vscreen s;
	const char *at;

	CU_ASSERT_FATAL(vs_init(&s, w, h) == 0);
	view_render(v, &s);
	vs_text(&s, screen, sizeof(screen));
	attr_found = -1;
	if (find && (at = strstr(screen, find))) {
		int row = 0, col = 0;

		for (const char *p = screen; p < at; p++) {
			if (*p == '\n') {
				row++;
				col = 0;
			} else if (((unsigned char)*p & 0xc0) != 0x80) {
				col++;
			}
		}
		attr_found = vs_at(&s, col, row);
	}
	vs_free(&s);
}

static void press(struct view *v, const char *script)
{
	int keys[128], n = view_key_parse(script, keys, 128);

	EXPECT(n >= 0);
	for (int i = 0; i < n; i++)
		view_key(v, keys[i]);
}

static void open_view(struct view *v, size_t pos)
{
	CU_ASSERT_FATAL(view_init(v, fixture, NULL) == 0);
	v->source = "golden/retrans.txt";
	view_goto(v, pos);
}

/* One moment at 80x24, 120x40 and in projector mode at 80x24 and 120x40. */
static void screens(size_t pos, const char *name, const char *find)
{
	static const struct { int w, h; bool projector; const char *suffix; } sizes[] = {
		{ 80, 24, false, "80x24" }, { 120, 40, false, "120x40" },
		{ 80, 24, true, "projector_80x24" }, { 120, 40, true, "projector_120x40" },
	};
	char file[64];
	struct view v;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		open_view(&v, pos);
		v.projector = v.ladder = sizes[k].projector;
		render(&v, sizes[k].w, sizes[k].h, NULL);
		STEP("%s at %s: %s", name, sizes[k].suffix, find);
		EXPECT(strstr(screen, find) != NULL);
		snprintf(file, sizeof(file), "%s_%s", name, sizes[k].suffix);
		golden_cmp(screen, file);
		view_free(&v);
	}
}

/* The SYN: at 80 columns the packet line keeps flags, seq and ack. */
static void test_syn(void)
{
	size_t i = find_nth("tcp_transmit_skb_hdr", 0, 0);
	struct view v;

	open_view(&v, i);
	render(&v, 80, 24, "[S] seq 3133353994 ack 0");
	EXPECT(strstr(screen, "out 40000>9 [S] seq 3133353994 ack 0 win 14600") != NULL);
	STEP("the hash of sk 1's ehash and bhash slots, as the kernel computes them");
	EXPECT(strstr(screen, "inet_ehashfn") && strstr(screen, "0x1bb7f299 & 255 = slot 153"));
	EXPECT(strstr(screen, "inet_bhashfn 40000 = 40000") && strstr(screen, "slot 64"));
	STEP("Tables zoomed: the whole computation, with the kernel's arguments");
	press(&v, "<tab><tab>z");
	render(&v, 120, 40, NULL);
	EXPECT(strstr(screen, "inet_ehashfn(net, 10.77.0.1, 40000, 10.77.0.2, 9)") != NULL);
	EXPECT(strstr(screen, "40000<<16 | htons(9)") != NULL);
	EXPECT(strstr(screen, "inet_bhashfn(net, 40000, 256) = (40000 + 0) & 255 = slot 64"));
	STEP("SYN_SENT is on its way: the state's colour says so");
	golden_cmp(screen, "rt_syn_tables_120x40");
	press(&v, "q");
	render(&v, 80, 24, "[SYN_SENT]");
	EXPECT_EQ(attr_found, VA_STATE);
	view_free(&v);
	screens(i, "rt_syn", "[S]");
}

/* The retransmission: the ladder marks it with the RTO. */
static void test_retransmission(void)
{
	size_t i = find_nth("tcp_transmit_skb_hdr", 0, 1);

	screens(i, "rt_retrans", "[S]");
	{
		struct view v;

		open_view(&v, i);
		v.projector = v.ladder = true;
		render(&v, 80, 24, NULL);
		EXPECT(strstr(screen, "RETRANS #1 after 1.01") != NULL);
		view_free(&v);
	}
}

/* The error: sys_connect_ret ETIMEDOUT, CLOSE after the error in red. */
static void test_error(void)
{
	size_t i = find_nth("tcp_done", 0, 0);
	struct view v;

	open_view(&v, i);
	render(&v, 80, 24, "[CLOSE]");
	EXPECT_EQ(attr_found, VA_BAD);
	EXPECT(strstr(screen, "sk_err ETIMEDOUT") != NULL);
	STEP("sk 2 ESTABLISHED is green");
	view_goto(&v, find_nth("sys_connect_ret", 0, 1));
	render(&v, 80, 24, "[ESTABLISHED]");
	EXPECT_EQ(attr_found, VA_GOOD);
	view_free(&v);
	screens(i, "rt_error", "[CLOSE]");
}

/* Is @pos one of the positions N/P stopped at? */
static bool visited(const size_t *seen, int n, size_t pos)
{
	for (int k = 0; k < n; k++)
		if (seen[k] == pos)
			return true;
	return false;
}

/* Press @key until the position stops moving or reaches @until. */
static int walk(struct view *v, const char *key, size_t until, size_t *seen, int max)
{
	int n = 0;

	while (n < max) {
		size_t before = v->pos;

		press(v, key);
		if (v->pos == before)
			break;
		seen[n++] = v->pos;
		if (v->pos == until)
			break;
	}
	return n;
}

/* N from sk 1's sys_connect reaches every step of the timed-out connect
 * (both timer expiries, tcp_retransmit_timer, tcp_write_timeout, the
 * change to CLOSE, the final sys_connect_ret), then sk 2's connect and
 * sk 3's EADDRNOTAVAIL one to its end; P walks back through the same. */
static void test_steps(void)
{
	const char *const names[] = { "timer_fired", "tcp_retransmit_timer", "tcp_write_timeout" };
	size_t start = find_nth("sys_connect", 0, 0), end1 = find_nth("sys_connect_ret", 0, 0);
	size_t end3 = find_nth("sys_connect_ret", 0, 2), seen[400], back[400];
	size_t close1 = find_nth("inet_sock_set_state", 0, 1);
	struct view v;
	int n, nb;

	open_view(&v, 0);
	press(&v, "N");
	EXPECT_EQ(v.pos, start);
	n = walk(&v, "N", end3, seen, 400);
	STEP("%d steps from event %zu to %zu", n, start, v.pos);
	EXPECT_EQ(v.pos, end3);
	for (size_t k = 0; k < 3; k++) {
		EXPECT(visited(seen, n, find_nth(names[k], 0, 0)));
		EXPECT(visited(seen, n, find_nth(names[k], 0, 1)));
	}
	EXPECT(visited(seen, n, close1));		/* SYN_SENT > CLOSE */
	EXPECT(visited(seen, n, end1));			/* ETIMEDOUT */
	EXPECT(visited(seen, n, find_nth("sys_connect", 0, 1)));
	EXPECT(visited(seen, n, find_nth("sys_connect", 0, 2)));
	EXPECT(visited(seen, n, find_nth("__inet_check_established", 0, 0)));
	STEP("N past the last connect says so");
	press(&v, "N");
	EXPECT_EQ(v.pos, end3);
	EXPECT(strstr(v.msg, "no later connect step") != NULL);
	STEP("P walks back through the same steps");
	nb = walk(&v, "P", start, back, 400);
	EXPECT_EQ(v.pos, start);
	EXPECT_EQ(nb, n);
	for (int k = 0; k < n && k < nb; k++)
		EXPECT_EQ(back[k], k + 1 < n ? seen[n - 2 - k] : start);
	view_free(&v);
}

/* > and < go from connect to connect; : goes to an event, or says why not. */
static void test_connect_keys_and_goto(void)
{
	struct view v;

	open_view(&v, 0);
	for (int k = 0; k < 3; k++) {
		press(&v, ">");
		EXPECT_EQ(v.pos, find_nth("sys_connect", 0, k));
	}
	press(&v, ">");
	EXPECT(strstr(v.msg, "no later connect") != NULL);
	press(&v, "<lt>");
	EXPECT_EQ(v.pos, find_nth("sys_connect", 0, 1));
	STEP(":112<enter> goes to event 112");
	press(&v, ":112");
	render(&v, 80, 24, NULL);
	EXPECT(strstr(screen, "go to event: 112_") != NULL);
	press(&v, "<enter>");
	EXPECT_EQ(v.pos, 112);
	STEP("not a number, or past the end: a message, the position stays");
	press(&v, ":12x<enter>");
	EXPECT_EQ(v.pos, 112);
	EXPECT(strstr(v.msg, "is not an event number (0 to 303)") != NULL);
	press(&v, ":304<enter>");
	EXPECT_EQ(v.pos, 112);
	press(&v, ":<esc>");
	EXPECT(!v.editing);
	view_free(&v);
}

/* At 1x the 1 s retransmission takes a second of the (injected) clock:
 * 0.9 s after the SYN the timer has not fired, 0.2 s later it has; at 2x
 * the next 2 s (4 s of the trace) reach ETIMEDOUT. */
static void test_pace(void)
{
	size_t syn = find_nth("tcp_transmit_skb_hdr", 0, 0);
	size_t fired = find_nth("timer_fired", syn, 0), fired2 = find_nth("timer_fired", syn, 1);
	size_t end1 = find_nth("sys_connect_ret", 0, 0);
	struct view v;

	open_view(&v, syn);
	render(&v, 80, 24, NULL);
	EXPECT(strstr(screen, " 1\xc3\x97 ") != NULL);
	press(&v, "<space>");
	view_tick(&v, 1000.0, 20);
	view_tick(&v, 1900.0, 20);
	STEP("0.9 s: event %zu, before the timer (%zu)", v.pos, fired);
	EXPECT(v.pos < fired);
	view_tick(&v, 2100.0, 20);
	STEP("1.1 s: event %zu, past it, before the second expiry (%zu)", v.pos, fired2);
	EXPECT(v.pos >= fired && v.pos < fired2);
	press(&v, "+");
	view_tick(&v, 3000.0, 20);
	EXPECT(v.pos < fired2);		/* 1.1 s + 0.9 s x 2 = 2.9 s of the trace */
	view_tick(&v, 3100.0, 20);
	EXPECT(v.pos > end1);		/* 3.1 s: past ETIMEDOUT */
	view_free(&v);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("view_classroom", suite_init, suite_clean);

	CU_add_test(s, "the SYN at 80x24, its hashes, its state's colour", test_syn);
	CU_add_test(s, "the retransmission, its RTO on the ladder", test_retransmission);
	CU_add_test(s, "ETIMEDOUT: CLOSE in red, ESTABLISHED in green", test_error);
	CU_add_test(s, "N/P through every step of a timed-out connect", test_steps);
	CU_add_test(s, "> < between connects, : go to event", test_connect_keys_and_goto);
	CU_add_test(s, "replay at the recorded pace (injected clock)", test_pace);
}
