// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_view_screen.c - the viewer's parts that need no trace: the screen
 * buffer, the layout, the key table and its help, the source index of the
 * Code pane, the TCP option decoder and the header bytes of Packets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "codesrc.h"
#include "keys.h"
#include "layout.h"
#include "model.h"
#include "panes.h"
#include "view.h"
#include "vscreen.h"

static char text[8192];

static const char *screen_text(const struct vscreen *s)
{
	vs_text(s, text, sizeof(text));
	return text;
}

/* Text is clipped to its rectangle; tabs stop every 4 columns from the
 * start of the text; trailing blanks are not printed; line cells print as
 * ASCII. */
static void test_vscreen_text(void)
{
	struct vscreen s;
	struct vrect clip = { 2, 0, 5, 2 };
	struct vrect line = { 0, 2, 3, 1 };

	STEP("a 10x3 screen");
	EXPECT_EQ(vs_init(&s, 10, 3), 0);
	vs_puts(&s, &clip, 1, 0, VA_BOLD, "abcdefgh");
	vs_puts(&s, NULL, 0, 1, VA_NORMAL, "a\tb");
	vs_fill(&s, &line, VS_HLINE, VA_TITLE);
	vs_puts(&s, NULL, 3, 2, VA_NORMAL, "\xc3\xa9|");
	STEP("the clip cut 'a' (x=1) and everything after x=6");
	EXPECT(strcmp(screen_text(&s), "  bcdef\na   b\n---\xc3\xa9|\n") == 0);
	EXPECT_EQ(vs_at(&s, 2, 0), VA_BOLD);
	EXPECT_EQ(vs_at(&s, 1, 0), VA_NORMAL);
	EXPECT_EQ(vs_ch(&s, 3, 2), 0xe9);
	STEP("horizontal scroll skips columns of the text");
	vs_clear(&s);
	vs_puts_skip(&s, NULL, 0, 0, VA_NORMAL, "0123456789", 4);
	EXPECT(strncmp(screen_text(&s), "456789\n", 7) == 0);
	vs_free(&s);
}

/* 80x24 is the smallest layout: every pane gets a title and content rows,
 * none overlaps; below it the layout says too small; zoom gives one pane
 * everything but the status line. */
static void test_layout(void)
{
	struct layout l;
	int sizes[][2] = { { 80, 24 }, { 80, 30 }, { 120, 40 }, { 200, 60 } };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int w = sizes[k][0], h = sizes[k][1];
		static unsigned char owner[200 * 60];

		STEP("layout %dx%d", w, h);
		layout_compute(&l, w, h, -1, false);
		EXPECT(!l.too_small);
		memset(owner, 0, sizeof(owner));
		for (int p = 0; p < PANE_COUNT; p++) {
			struct vrect r = l.pane[p];

			EXPECT(r.h >= 4);	/* title + 3 rows at least */
			EXPECT(r.w >= 30);
			EXPECT(r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h - 1);
			for (int y = r.y; y < r.y + r.h; y++)
				for (int x = r.x; x < r.x + r.w; x++) {
					EXPECT_EQ(owner[y * w + x], 0);
					owner[y * w + x] = (unsigned char)(p + 1);
				}
		}
		EXPECT_EQ(l.status.y, h - 1);
	}
	STEP("79x24 and 80x23 are too small");
	layout_compute(&l, 79, 24, -1, false);
	EXPECT(l.too_small);
	layout_compute(&l, 80, 23, -1, false);
	EXPECT(l.too_small);
	STEP("zoom on Tables");
	layout_compute(&l, 80, 24, PANE_TABLES, false);
	EXPECT_EQ(l.pane[PANE_TABLES].w, 80);
	EXPECT_EQ(l.pane[PANE_TABLES].h, 23);
	EXPECT_EQ(l.pane[PANE_CODE].w, 0);
	STEP("projector at 80x24: Code, Socket, Packets only, Packets the whole width");
	layout_compute(&l, 80, 24, -1, true);
	EXPECT(l.pane[PANE_CODE].w >= 48 && l.pane[PANE_CODE].h >= 12);
	EXPECT(l.pane[PANE_SOCKET].w >= 30);
	EXPECT_EQ(l.pane[PANE_PACKETS].w, 80);
	EXPECT_EQ(l.pane[PANE_TABLES].w, 0);
	EXPECT_EQ(l.pane[PANE_EVENTS].w, 0);
}

/* Every key of issue 6 (and issue 9's o: the next process, issue 13's L:
 * the ladder, S: the port search, > < the next/previous connect, : go to
 * event) is in the
 * table, once, with a help line; scripts name keys the way the help does. */
static void test_key_table(void)
{
	static const int wanted[] = { ' ', 'n', 'p', 'N', 'P', '+', '-', 'g', 'G', VK_TAB,
				      'z', VK_UP, VK_DOWN, VK_LEFT, VK_RIGHT, VK_PGUP,
				      VK_PGDN, 's', '/', 'F', 'L', 'd', 'o', 'q', 'Q', '?',
				      '>', '<', ':', 'S' };
	int keys[16];

	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		const struct view_key *k = view_key_find(wanted[i]);

		STEP("key 0x%x", (unsigned)wanted[i]);
		EXPECT(k != NULL);
		if (k)
			EXPECT(k->help && strlen(k->help) > 5 && k->act);
	}
	STEP("no key twice, nothing more than the issue's keys");
	EXPECT_EQ(view_nkeys, sizeof(wanted) / sizeof(wanted[0]));
	for (size_t i = 0; i < view_nkeys; i++)
		for (size_t j = i + 1; j < view_nkeys; j++)
			EXPECT(view_keys[i].key != view_keys[j].key);
	STEP("parse 'nn<tab><space><pgdn>/x<enter><lt>'");
	EXPECT_EQ(view_key_parse("nn<tab><space><pgdn>/x<enter><lt>", keys, 16), 9);
	EXPECT_EQ(keys[2], VK_TAB);
	EXPECT_EQ(keys[3], ' ');
	EXPECT_EQ(keys[4], VK_PGDN);
	EXPECT_EQ(keys[7], VK_ENTER);
	EXPECT_EQ(keys[8], '<');
	EXPECT_EQ(view_key_parse("<nosuchkey>", keys, 16), -1);
	EXPECT_EQ(view_key_parse("<up", keys, 16), -1);
}

/* The help screen lists every key of the table (it is written from it)
 * and every pane of the pane table; at 80x24 it does not fit and pages:
 * its last row says so, pgdn shows the rest. */
static void test_help_from_table(void)
{
	static char all[16384];
	struct model *m = model_new();
	struct vscreen s;
	struct view v;

	EXPECT(m != NULL);
	EXPECT_EQ(view_init(&v, m, NULL), 0);
	EXPECT_EQ(vs_init(&s, 80, 24), 0);
	STEP("press ?, then pgdn until the last page");
	view_key(&v, '?');
	all[0] = '\0';
	for (int page = 0; page < 4; page++) {
		view_render(&v, &s);
		strncat(all, screen_text(&s), sizeof(all) - strlen(all) - 1);
		if (!page)
			EXPECT(strstr(text, "-- lines 1-21 of 36: down/pgdn for more") != NULL);
		view_key(&v, VK_PGDN);
	}
	EXPECT(strstr(text, "Events: the raw log") != NULL);
	for (size_t i = 0; i < view_nkeys; i++) {
		char line[160];

		STEP("help line of '%s'", view_keys[i].name);
		snprintf(line, sizeof(line), "  %-6s  %s", view_keys[i].name, view_keys[i].help);
		EXPECT(strstr(all, line) != NULL);
	}
	for (int p = 0; p < PANE_COUNT; p++)
		EXPECT(strstr(all, view_panes[p].legend) != NULL);
	STEP("at 120x40 it fits: no paging line");
	EXPECT_EQ(vs_resize(&s, 120, 40), 0);
	view_render(&v, &s);
	EXPECT(strstr(screen_text(&s), "-- lines") == NULL);
	EXPECT(strstr(text, "  ?       this help") != NULL);
	STEP("q closes the help");
	view_key(&v, 'q');
	view_render(&v, &s);
	EXPECT(strstr(screen_text(&s), "Help:") == NULL);
	vs_free(&s);
	view_free(&v);
	model_free(m);
}

/* Under 80x24 the screen is one message. */
static void test_too_small(void)
{
	struct model *m = model_new();
	struct vscreen s;
	struct view v;

	EXPECT_EQ(view_init(&v, m, NULL), 0);
	EXPECT_EQ(vs_init(&s, 60, 20), 0);
	view_render(&v, &s);
	EXPECT(strstr(screen_text(&s), "terminal too small: 60x20, need 80x24") != NULL);
	vs_free(&s);
	view_free(&v);
	model_free(m);
}

/* A source written the way core/ is: a split-out helper, a call through a
 * function pointer, a prototype, a struct initialiser, tracepoints. */
static const char demo_src[] =
	"/* demo */\n"
	"static int helper(struct sock *sk);\n"			/* 2: prototype */
	"static const struct ops demo_ops = {\n"		/* 3 */
	"\t.connect = real_connect,\n"
	"};\n"
	"\n"
	"static int helper(struct sock *sk)\n"			/* 7 */
	"{\n"
	"\treturn sk->sk_prot->connect(sk, 0, 0);\n"		/* 9 */
	"}\n"
	"\n"
	"int outer_connect(struct sock *sk, int a,\n"		/* 12 */
	"\t\t  int b)\n"
	"{\n"
	"\tint err;\n"
	"\n"
	"\tcs_trace(outer_connect, sk, a);\n"			/* 17 */
	"\t/* helper(sk) in a comment */\n"
	"\terr = helper(sk);\n"					/* 19 */
	"\tcs_trace(outer_connect_ret, sk, err);\n"		/* 20 */
	"\treturn err;\n"
	"}\n"
	"\n"
	"void tcp_v4_connect(struct sock *sk)\n"		/* 24 */
	"{\n"
	"\tcs_trace(inner_probe, sk);\n"			/* 26 */
	"}\n";

static void test_code_index(void)
{
	struct code_src src[] = { { "core/demo.c", demo_src } };
	struct code_index ci;
	const struct code_func *outer, *inner, *help;
	const struct code_trace *t;

	STEP("index the demo source");
	EXPECT_EQ(code_index_build(&ci, src, 1), 0);
	EXPECT_EQ(ci.nfuncs, 3);
	outer = code_func_find(&ci, "outer_connect");
	inner = code_func_find(&ci, "tcp_v4_connect");
	help = code_func_find(&ci, "helper");
	EXPECT(outer && inner && help);
	EXPECT(code_func_find(&ci, "outer") == NULL);
	EXPECT(code_func_find(&ci, "demo_ops") == NULL);
	if (!outer || !inner || !help)
		goto out;
	EXPECT_EQ(help->first, 7);
	EXPECT_EQ(outer->first, 12);
	EXPECT_EQ(outer->open, 14);
	EXPECT_EQ(outer->last, 22);
	STEP("tracepoints and the function holding them");
	t = code_trace_find(&ci, "outer_connect_ret", NULL);
	EXPECT(t && t->line == 20 && &ci.funcs[t->func] == outer);
	t = code_trace_find(&ci, "outer_connect", NULL);
	EXPECT(t && t->line == 17);
	EXPECT(code_trace_find(&ci, "inner_probe", outer) == NULL);
	STEP("the call to tcp_v4_connect: through the helper (line 19), not the comment");
	EXPECT_EQ(code_call_line(&ci, outer, "tcp_v4_connect"), 19);
	EXPECT_EQ(code_call_line(&ci, help, "tcp_v4_connect"), 9);
	EXPECT_EQ(code_call_line(&ci, outer, "helper"), 19);
	EXPECT_EQ(code_call_line(&ci, inner, "helper"), 0);
	EXPECT(strcmp(code_line(&ci, 0, 9), "\treturn sk->sk_prot->connect(sk, 0, 0);") == 0);
	EXPECT(strcmp(code_line(&ci, 0, 99), "") == 0);
out:
	code_index_free(&ci);
}

/* Labels, gotos, a trace over two lines and a comment about a trace, and
 * two 3.10 markers: the rule of code_event_line (see codesrc.h). */
static const char rule_src[] =
	"int probe_connect(struct sock *sk, int port)\n"		/* 1 */
	"{\n"
	"\tint err = 0; /* 3.10:477 */\n"				/* 3 */
	"\n"
	"\tcs_trace(probe_connect, sk,\n"				/* 5 */
	"\t\t port);\n"
	"\tif (port)\n"						/* 7 */
	"\t\tgoto ok;\n"
	"\terr = -1;\n"						/* 9 */
	"\tcs_trace(probe_connect_ret, sk, err);\n"			/* 10 */
	"\tgoto out;\n"
	"ok:\n"							/* 12 */
	"\t/* the verdict, reported at the label */\n"		/* 13 */
	"\tcs_trace(probe_connect_probe, sk, port);\n"		/* 14 */
	"\terr = 0;\n"
	"out:\n"							/* 16 */
	"\treturn err; /* 3.10:584 */\n"				/* 17 */
	"}\n";

static void test_code_event_line(void)
{
	struct code_src src[] = { { "core/rule.c", rule_src } };
	const struct code_trace *t;
	struct code_index ci;

	EXPECT_EQ(code_index_build(&ci, src, 1), 0);
	STEP("the entry event: the statement after its two-line trace");
	t = code_trace_find(&ci, "probe_connect", NULL);
	EXPECT(t && t->line == 5 && t->last == 6);
	EXPECT_EQ(code_event_line(&ci, t), 7);
	STEP("the _ret event: through goto out to out:'s return");
	EXPECT_EQ(code_event_line(&ci, code_trace_find(&ci, "probe_connect_ret", NULL)), 17);
	STEP("a probe at a label: the label");
	EXPECT_EQ(code_event_line(&ci, code_trace_find(&ci, "probe_connect_probe", NULL)), 12);
	STEP("trace lines: the cs_trace statements and the comment above one");
	for (int l = 1; l <= 18; l++)
		EXPECT_EQ(code_is_trace(&ci, 0, l), l == 5 || l == 6 || l == 10 || l == 13 ||
			  l == 14);
	STEP("the 3.10 markers: the number, cut from the text");
	EXPECT_EQ(code_seed_line(&ci, 0, 3), 477);
	EXPECT_EQ(code_seed_line(&ci, 0, 17), 584);
	EXPECT_EQ(code_seed_line(&ci, 0, 9), 0);
	EXPECT(strcmp(code_line(&ci, 0, 3), "\tint err = 0;") == 0);
	EXPECT(strcmp(code_line(&ci, 0, 17), "\treturn err;") == 0);
	EXPECT_EQ(code_event_line(&ci, NULL), 0);
	code_index_free(&ci);
}

/* The built-in sources hold the seed's functions, each found by name. */
static void test_code_embedded(void)
{
	static const char *const seed[] = {
		"sys_connect", "inet_stream_connect", "__inet_stream_connect",
		"tcp_v4_connect", "inet_hash_connect", "__inet_hash_connect",
		"__inet_check_established", "__inet_hash_nolisten", "__inet_hash",
		"inet_hash", "tcp_connect", "tcp_transmit_skb",
	};
	struct code_index ci;

	EXPECT_EQ(code_index_embedded(&ci), 0);
	for (size_t i = 0; i < sizeof(seed) / sizeof(seed[0]); i++) {
		const struct code_func *f = code_func_find(&ci, seed[i]);
		char want[80];

		STEP("%s", seed[i]);
		EXPECT(f != NULL);
		if (!f)
			continue;
		/* its definition line names it, followed by '(' */
		snprintf(want, sizeof(want), "%s(", seed[i]);
		EXPECT(strstr(code_line(&ci, f->file, f->first), want) != NULL);
		EXPECT(strcmp(code_line(&ci, f->file, f->last), "}") == 0);
		/* and it emits its own event (inet_hash is not traced: it only
		 * calls __inet_hash, which is) */
		if (strcmp(seed[i], "inet_hash"))
			EXPECT(code_trace_find(&ci, seed[i], f) != NULL);
	}
	code_index_free(&ci);
}

/* Options as tcpdump prints them, from bytes written out by hand. */
static void test_tcp_options(void)
{
	static const uint8_t syn[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 0,
				       1, 3, 3, 7 };
	static const uint8_t bad[] = { 2, 4, 0x05 };
	char buf[160];

	view_tcp_options(syn, sizeof(syn), buf, sizeof(buf));
	EXPECT(strcmp(buf, "mss 1460,sackOK,TS val 7 ecr 0,nop,wscale 7") == 0);
	view_tcp_options(bad, sizeof(bad), buf, sizeof(buf));
	EXPECT(strcmp(buf, "bad opt 2") == 0);
}

/* The header bytes Packets shows, against a SYN written out by hand. */
static void test_packet_bytes(void)
{
	struct model_packet p;
	uint8_t b[80];
	static const uint8_t want[] = {
		0x45, 0x00, 0x00, 0x3c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0xab, 0xcd,
		10, 77, 0, 1, 10, 77, 0, 2,
		0xcb, 0x16, 0x00, 0x50, 0xf2, 0xa0, 0x7e, 0xe2, 0, 0, 0, 0, 0xa0, 0x02,
		0x39, 0x08, 0x11, 0x22, 0x00, 0x00, 2, 4, 0x05, 0xb4,
	};

	memset(&p, 0, sizeof(p));
	p.has_ip = true;
	p.tot_len = 60;
	p.ip_id = 0x1234;
	p.frag_off = 0x4000;
	p.ttl = 64;
	p.protocol = 6;
	p.ip_check = 0xabcd;
	memcpy(&p.saddr, (uint8_t[]){ 10, 77, 0, 1 }, 4);
	memcpy(&p.daddr, (uint8_t[]){ 10, 77, 0, 2 }, 4);
	p.sport = 51990;
	p.dport = 80;
	p.seq = 4070604514u;
	p.doff = 10;
	p.flags = 0x02;
	p.window = 14600;
	p.check = 0x1122;
	p.has_options = true;
	p.optlen = 4;
	memcpy(p.options, (uint8_t[]){ 2, 4, 0x05, 0xb4 }, 4);
	EXPECT_EQ(view_packet_bytes(&p, b, sizeof(b)), 44);
	EXPECT(memcmp(b, want, sizeof(want)) == 0);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("view_screen", NULL, NULL);

	CU_add_test(s, "screen buffer text, clip, tabs, UTF-8", test_vscreen_text);
	CU_add_test(s, "layout from 80x24 up, too small, zoom", test_layout);
	CU_add_test(s, "key table: issue 6's keys, scripts", test_key_table);
	CU_add_test(s, "help screen written from the key table", test_help_from_table);
	CU_add_test(s, "terminal too small message", test_too_small);
	CU_add_test(s, "code index: functions, tracepoints, calls", test_code_index);
	CU_add_test(s, "code index: the event's statement, 3.10 lines", test_code_event_line);
	CU_add_test(s, "code index: the seed's functions built in", test_code_embedded);
	CU_add_test(s, "TCP options decoded like tcpdump", test_tcp_options);
	CU_add_test(s, "packet header bytes", test_packet_bytes);
}
