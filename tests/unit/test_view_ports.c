// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_view_ports.c - the Tables pane's port search mode (S, issue 13
 * item 2) on tests/unit/golden/retrans.txt (see test_view_classroom.c):
 * every connect's search as the viewer shows it, checked line by line
 * against the trace's own __inet_hash_connect, inet_hash_connect_probe and
 * __inet_hash_connect_ret events; golden screens at 80x24 and 120x40.
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

static void render(struct view *v, int w, int h)
{
	struct vscreen s;

	CU_ASSERT_FATAL(vs_init(&s, w, h) == 0);
	view_render(v, &s);
	vs_text(&s, screen, sizeof(screen));
	vs_free(&s);
}

static void press(struct view *v, const char *script)
{
	int keys[64], n = view_key_parse(script, keys, 64);

	EXPECT(n >= 0);
	for (int i = 0; i < n; i++)
		view_key(v, keys[i]);
}

/* The screen holds @want (printed with the screen when it does not). */
static void has(const char *want)
{
	if (!strstr(screen, want))
		fprintf(stderr, "missing \"%s\" in:\n%s\n", want, screen);
	EXPECT(strstr(screen, want) != NULL);
}

/* One search, from the events after the @nth (0-based) __inet_hash_connect:
 * the Tables pane zoomed at the search's return shows each number. */
static size_t check_search(int nth)
{
	size_t n = model_event_count(fixture), i, probes = 0;
	struct model_event ev;
	struct view v;
	uint64_t sk = 0, hint = 0;
	char want[160];
	int k = -1;

	model_event_init(&ev);
	CU_ASSERT_FATAL(view_init(&v, fixture, NULL) == 0);
	v.source = "golden/retrans.txt";
	for (i = 0; i < n; i++) {
		if (model_event_get(fixture, i, &ev))
			continue;
		if (!strcmp(ev.name, "__inet_hash_connect") && ++k == nth) {
			sk = model_event_uint(&ev, "sk_id", 0);
			hint = model_event_uint(&ev, "hint", 0);
			view_goto(&v, i);
			v.sel_sock = (uint32_t)sk;
			press(&v, "<tab><tab>zS");
			render(&v, 120, 40);
			STEP("search %d: sk %llu", nth, (unsigned long long)sk);
			snprintf(want, sizeof(want), "port_offset 0x%08llx",
				 (unsigned long long)model_event_uint(&ev, "port_offset", 0));
			has(want);
			snprintf(want, sizeof(want), "hint %llu -> (searching)", (unsigned long long)hint);
			has(want);
			snprintf(want, sizeof(want), "low %llu high %llu remaining %llu",
				 (unsigned long long)model_event_uint(&ev, "low", 0),
				 (unsigned long long)model_event_uint(&ev, "high", 0),
				 (unsigned long long)model_event_uint(&ev, "remaining", 0));
			has(want);
		} else if (k == nth && model_event_uint(&ev, "sk_id", 0) == sk &&
			   !strcmp(ev.name, "inet_hash_connect_probe")) {
			view_goto(&v, i);
			render(&v, 120, 40);
			snprintf(want, sizeof(want), "%4llu %5llu %5llu %s",
				 (unsigned long long)model_event_uint(&ev, "i", 0),
				 (unsigned long long)model_event_uint(&ev, "port", 0),
				 (unsigned long long)model_event_uint(&ev, "bhash", 0),
				 model_event_label(&ev, "verdict"));
			has(want);
			probes++;
		} else if (k == nth && model_event_uint(&ev, "sk_id", 0) == sk &&
			   !strcmp(ev.name, "__inet_hash_connect_ret")) {
			view_goto(&v, i);
			render(&v, 120, 40);
			snprintf(want, sizeof(want), "hint %llu -> %llu", (unsigned long long)hint,
				 (unsigned long long)model_event_uint(&ev, "hint", 0));
			has(want);
			snprintf(want, sizeof(want), "-> %s: ", model_event_label(&ev, "ret"));
			has(want);
			break;
		}
	}
	EXPECT(probes > 0);
	view_free(&v);
	model_event_release(&ev);
	return i;
}

/* Every search of the trace, as its events say; before the first one,
 * during sk 1's connect, the pane says it has not searched yet. */
static void test_searches(void)
{
	size_t end = check_search(0);
	struct view v;

	CU_ASSERT_FATAL(view_init(&v, fixture, NULL) == 0);
	view_goto(&v, model_find_event(fixture, "sys_connect", 1));
	v.sel_sock = 1;
	press(&v, "<tab><tab>zS");
	render(&v, 120, 40);
	has("sk1's connect has not searched a port yet");
	view_free(&v);

	EXPECT(end < model_event_count(fixture));
	check_search(1);
	check_search(2);
}

/* The refused candidate of sk 3 (EADDRNOTAVAIL) and who refused it; the
 * screens at 80x24 and 120x40; S again: the tables back. */
static void test_screens(void)
{
	size_t n = model_event_count(fixture), at = n;
	struct model_event ev;
	struct view v;
	int k = 0;

	model_event_init(&ev);
	for (size_t i = 0; i < n; i++)
		if (!model_event_get(fixture, i, &ev) && !strcmp(ev.name, "__inet_hash_connect_ret") &&
		    ++k == 3)
			at = i;
	model_event_release(&ev);
	CU_ASSERT_FATAL(at < n);
	CU_ASSERT_FATAL(view_init(&v, fixture, NULL) == 0);
	v.source = "golden/retrans.txt";
	view_goto(&v, at);
	press(&v, "S");
	render(&v, 120, 40);
	has("sk3 __inet_hash_connect");
	has("established_conflict");
	has("-> EADDRNOTAVAIL: no port after 1 candidate");
	golden_cmp(screen, "ports_120x40");
	render(&v, 80, 24);
	has("port search");
	golden_cmp(screen, "ports_80x24");
	press(&v, "S");
	render(&v, 120, 40);
	EXPECT(strstr(screen, "port search") == NULL);
	has("ehash 256 slots");
	STEP("--projector has no Tables pane: S says so");
	v.projector = true;
	press(&v, "S");
	EXPECT(!v.ports);
	EXPECT(strstr(v.msg, "not shown with --projector") != NULL);
	view_free(&v);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("view_ports", suite_init, suite_clean);

	CU_add_test(s, "S: each search as its trace events say", test_searches);
	CU_add_test(s, "S: sk 3's refused port, 80x24 and 120x40", test_screens);
}
