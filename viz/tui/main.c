// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c - connscope-view: the ncurses viewer of connscope traces.
 *
 *   connscope-view [options] TRACE_DIR        replay a recorded trace
 *   connscope-view [options] --live [URL]     follow an lttng-live session
 *
 * One thread: the loop reads the trace for at most ~20 ms, moves a running
 * replay on, redraws when something changed and waits at most 30 ms for a
 * key, so the screen never blocks on the trace and keys keep working while
 * the source is idle (toolchain notes, section 3.2).
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "codesrc.h"
#include "keys.h"
#include "live.h"
#include "model.h"
#include "term.h"
#include "view.h"

/*
 * Under LeakSanitizer (make SAN=1): 'd' lays diagrams out with Graphviz,
 * whose layout and fontconfig font cache keep memory for the process's
 * life (toolchain notes, section 4); only their frames are suppressed.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgvc.so\nleak:libcgraph.so\nleak:libfontconfig.so\nleak:libpango\n"
	       "leak:libcairo.so\nleak:libgvplugin_\nleak:libglib-2.0.so\nleak:libexpat.so\n";
}

struct opts {
	const char *path;	/* trace directory or URL */
	bool live;
	bool batch;
	bool bench;
	bool mono;
	bool projector;
	bool has_at;
	size_t at;
	const char *keys;
	int w, h;
	const char *source_dir;
	const char *export_dir;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: connscope-view [options] TRACE_DIR\n"
		"       connscope-view [options] --live [URL]\n"
		"The connect path of a connscope trace, running: code, socket, tables,\n"
		"packets and events, replayed from a trace directory or followed live\n"
		"through lttng-live (without URL: the session `connscope connect --trace\n"
		"live` creates, on 127.0.0.1 port $CONNSCOPE_RELAY_PORT+2, default %d).\n"
		"  --live           follow an lttng-live session\n"
		"  --batch          print the screen as text and exit (no terminal needed)\n"
		"  --at N           start at event N (0-based); --batch: the screen after\n"
		"                   replaying to event N (default: the last event)\n"
		"  --keys SCRIPT    --batch: keys to press first, e.g. 'nn<tab>z' (? lists keys)\n"
		"  --size WxH       --batch: the screen size (default 80x30)\n"
		"  --source DIR     read the Code pane from DIR/core/ (default: built in)\n"
		"  --mono           no colours\n"
		"  --projector      for a class: fewer, larger panes (Code, Socket, and\n"
		"                   Packets as a ladder)\n"
		"  --export-dir DIR where 'd' writes its SVG files (default .)\n"
		"  --bench          replay the whole trace as fast as possible, composing the\n"
		"                   screen every 50 ms; print events per second\n"
		"Keys: ? in the viewer.  Exit status: 0, 1 bad trace or terminal, 2 usage.\n",
		LIVE_PORT_BASE_DEFAULT + 2);
}

static int parse_size(const char *s, int *w, int *h)
{
	char x;

	return sscanf(s, "%d%c%d", w, &x, h) == 3 && x == 'x' && *w > 0 && *h > 0 &&
	       *w <= 1000 && *h <= 1000 ? 0 : -1;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "live", 0, NULL, 'l' }, { "batch", 0, NULL, 'b' }, { "at", 1, NULL, 'a' },
		{ "keys", 1, NULL, 'k' }, { "size", 1, NULL, 's' }, { "source", 1, NULL, 'S' },
		{ "mono", 0, NULL, 'm' }, { "export-dir", 1, NULL, 'e' },
		{ "bench", 0, NULL, 'B' }, { "projector", 0, NULL, 'p' }, { "help", 0, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->w = 80;
	o->h = 30;
	o->export_dir = ".";
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'l': o->live = true; break;
		case 'b': o->batch = true; break;
		case 'a':
			errno = 0;
			o->at = strtoull(optarg, &end, 10);
			if (errno || *end || !*optarg || *optarg == '-') {
				fprintf(stderr, "connscope-view: --at wants an event index, not '%s'\n", optarg);
				return 2;
			}
			o->has_at = true;
			break;
		case 'k': o->keys = optarg; break;
		case 's':
			if (parse_size(optarg, &o->w, &o->h)) {
				fprintf(stderr, "connscope-view: --size wants WxH, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'S': o->source_dir = optarg; break;
		case 'm': o->mono = true; break;
		case 'p': o->projector = true; break;
		case 'e': o->export_dir = optarg; break;
		case 'B': o->bench = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		o->path = argv[optind++];
	if (optind < argc || (!o->path && !o->live)) {
		usage(stderr);
		return 2;
	}
	if (o->live && o->path && !model_is_live_url(o->path)) {
		fprintf(stderr, "connscope-view: '%s' is not an lttng-live URL (net://HOST[:PORT]/host/HOSTNAME/SESSION)\n",
			o->path);
		return 2;
	}
	return 0;
}

/* Read what the source has, for at most @budget_ms.  Returns true when
 * events were added. */
static bool pump(struct view *v, struct model_source **src, struct model_event *ev,
		 double budget_ms, char *err, size_t errlen)
{
	double t0 = now_ms();
	bool added = false;

	while (*src && now_ms() - t0 < budget_ms) {
		enum model_source_status st = model_source_next(*src, ev);

		if (st == MODEL_SOURCE_OK) {
			if (view_apply(v, ev, err, errlen) < 0) {
				st = MODEL_SOURCE_ERROR;
			} else {
				added = true;
				continue;
			}
		}
		if (st == MODEL_SOURCE_AGAIN)
			break;
		if (st == MODEL_SOURCE_ERROR && !err[0])
			snprintf(err, errlen, "%s", model_source_error(*src));
		model_source_close(*src);
		*src = NULL;
		v->loading = false;
	}
	if (added)
		view_events_added(v);
	return added;
}

/* Read a whole trace (batch and bench).  With @store_only the model stays
 * at the first event and only stores the others, as the interactive
 * replay does.  0, or 1 with a message printed: a trace corrupt part way
 * fails as in connscope-dot and connscope-model-dump. */
static int load_all(struct view *v, const char *path, bool store_only)
{
	char err[512] = "";
	struct model_source *src = model_source_open(path, err, sizeof(err));
	struct model_event ev;

	if (!src) {
		fprintf(stderr, "connscope-view: %s\n", err);
		return 1;
	}
	model_event_init(&ev);
	v->loading = true;
	while (src) {
		pump(v, &src, &ev, 20, err, sizeof(err));
		if (store_only && view_count(v) && model_current_index(v->m) != 1)
			view_goto(v, 0);
	}
	model_event_release(&ev);
	if (err[0]) {
		fprintf(stderr, "connscope-view: %s\n", err);
		return 1;
	}
	if (!view_count(v)) {
		fprintf(stderr, "connscope-view: %s: no connscope event in this trace\n", path);
		return 1;
	}
	return 0;
}

static int run_batch(const struct opts *o, struct view *v)
{
	int keys[256], nkeys = 0;
	struct vscreen s;
	size_t n;

	if (o->live) {
		fprintf(stderr, "connscope-view: --batch reads a trace directory, not a live session\n");
		return 2;
	}
	if (o->keys && (nkeys = view_key_parse(o->keys, keys, 256)) < 0) {
		fprintf(stderr, "connscope-view: --keys: unknown <name> in '%s'\n", o->keys);
		return 2;
	}
	if (load_all(v, o->path, false))
		return 1;
	n = view_count(v);
	if (o->has_at && o->at >= n) {
		fprintf(stderr, "connscope-view: event index %zu is out of range: the trace has %zu events (0..%zu)\n",
			o->at, n, n - 1);
		return 1;
	}
	view_goto(v, o->has_at ? o->at : n - 1);
	if (vs_init(&s, o->w, o->h))
		return 1;
	view_render(v, &s);	/* the layout the keys see (page sizes) */
	for (int i = 0; i < nkeys && !v->quit; i++)
		view_key(v, keys[i]);
	view_render(v, &s);
	vs_write(&s, stdout);
	vs_free(&s);
	return 0;
}

static int run_bench(const struct opts *o, struct view *v)
{
	double t0 = now_ms(), t1, t2, t3;
	struct vscreen s;
	size_t n;
	long frames = 0;

	if (load_all(v, o->path, true))
		return 1;
	t1 = now_ms();
	n = view_count(v);
	if (vs_init(&s, 120, 40))
		return 1;
	view_goto(v, 0);
	v->clock_ms = now_ms;
	v->speed = view_nspeeds - 1;
	v->paused = false;
	t2 = now_ms();
	while (v->pos + 1 < n) {
		view_tick(v, now_ms(), 50);
		view_render(v, &s);
		frames++;
	}
	t3 = now_ms();
	printf("connscope-view --bench: %zu events\n", n);
	printf("  load   %.3f s  %.0f events/s (babeltrace2 + model, stored)\n",
	       (t1 - t0) / 1e3, (double)n / ((t1 - t0) / 1e3));
	printf("  replay %.3f s  %.0f events/s (model applied, %ld screens composed at 120x40, one per 50 ms)\n",
	       (t3 - t2) / 1e3, (double)n / ((t3 - t2) / 1e3), frames);
	vs_free(&s);
	return 0;
}

/* The interactive loop's state beyond the view. */
struct tui {
	struct view *v;
	struct model_source *src;
	struct model_event ev;
	char err[512];
	char relay[128];	/* --live without URL: where to look */
	char url[512];
	bool waiting;		/* for connscope's live session */
	double next_look;	/* when to ask the relay again */
	double opened;		/* when the live source was opened */
	bool dump_asked;
	bool has_at;
	size_t at;
};

/* --live without URL: look for connscope's session; open it when found. */
static void tui_look(struct tui *t, double now)
{
	enum live_find f;

	if (!t->waiting || now < t->next_look)
		return;
	t->next_look = now + 300;
	f = live_find_session(t->relay, t->url, sizeof(t->url));
	if (f == LIVE_NO_RELAY) {
		snprintf(t->v->msg, sizeof(t->v->msg),
			 "no relay daemon at %s yet: start `connscope connect --trace live ...`",
			 t->relay);
		return;
	}
	if (f == LIVE_NO_SESSION) {
		snprintf(t->v->msg, sizeof(t->v->msg),
			 "waiting for a connscope live session at %s", t->relay);
		return;
	}
	t->src = model_source_open(t->url, t->err, sizeof(t->err));
	if (!t->src)
		return;
	t->waiting = false;
	t->v->loading = true;
	t->v->source = t->url;
	t->opened = now;
	snprintf(t->v->msg, sizeof(t->v->msg), "attached to %.180s", t->url);
}

/* One turn of the loop without the key: read, ask for the state dump,
 * move the replay.  Returns true when the screen must be redrawn. */
static bool tui_turn(struct tui *t)
{
	struct view *v = t->v;
	double now = now_ms();
	bool dirty = false;
	size_t before = view_count(v);

	tui_look(t, now);
	if (t->src) {
		if (pump(v, &t->src, &t->ev, 20, t->err, sizeof(t->err)))
			dirty = true;
		if (!t->src) {		/* the source just ended */
			/* a live session that goes away closes the connection */
			if (v->live && t->err[0] && view_count(v)) {
				snprintf(v->msg, sizeof(v->msg), "the live session ended (%.150s)",
					 t->err);
				t->err[0] = '\0';
			}
			v->error = t->err[0] != '\0';
			if (v->error)
				snprintf(v->msg, sizeof(v->msg), "trace error: %.180s", t->err);
			else if (!v->live && model_context_note(v->m, v->msg, sizeof(v->msg)))
				;	/* what this trace cannot tell, and the context to add */
			else if (v->live && !strstr(v->msg, "session ended"))
				snprintf(v->msg, sizeof(v->msg), "the live session ended");
			dirty = true;
		}
	}
	if (!before && view_count(v) && !v->live)
		view_goto(v, 0);
	if (t->has_at && view_count(v) > t->at) {
		view_goto(v, t->at);
		t->has_at = false;
	}
	if (t->has_at && !t->src && !t->waiting) {
		snprintf(v->msg, sizeof(v->msg), "--at %zu: the trace has %zu events", t->at,
			 view_count(v));
		t->has_at = false;
	}
	if (v->live && !t->dump_asked && t->src && now - t->opened > 300) {
		t->dump_asked = true;
		live_request_statedump(live_session_pid(t->url));
	}
	if (view_tick(v, now, 20))
		dirty = true;
	return dirty || before != view_count(v);
}

static int run_tui(const struct opts *o, struct tui *t)
{
	struct view *v = t->v;
	struct term *term;
	struct vscreen s = { 0 };
	char err[256];
	bool dirty = true;
	int w, h;

	term = term_open(o->mono, err, sizeof(err));
	if (!term) {
		fprintf(stderr, "connscope-view: %s\n", err);
		return 1;
	}
	v->clock_ms = now_ms;
	while (!v->quit && !stop_requested) {
		int key;

		dirty |= tui_turn(t);
		if (t->err[0] && !view_count(v) && !t->src)
			break;
		term_size(term, &w, &h);
		if (dirty || s.w != w || s.h != h) {
			if (vs_resize(&s, w, h))
				break;
			view_render(v, &s);
			term_draw(term, &s);
			dirty = false;
		}
		key = term_key(term, t->src || t->waiting || !v->paused ? 30 : 100);
		if (key >= 0) {
			if (key != VK_RESIZE)
				view_key(v, key);
			dirty = true;
		}
	}
	term_close(term);
	vs_free(&s);
	if (t->err[0]) {
		fprintf(stderr, "connscope-view: %s\n", t->err);
		return 1;
	}
	return 0;
}

/* Open the source (or start looking for connscope's live session) and run
 * the terminal loop. */
static int run_interactive(const struct opts *o, struct view *v)
{
	struct tui t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.v = v;
	t.has_at = o->has_at;
	t.at = o->at;
	model_event_init(&t.ev);
	if (o->live) {
		v->paused = false;
		v->speed = view_nspeeds - 1;
	}
	if (o->live && !o->path) {
		live_relay_url(t.relay, sizeof(t.relay));
		t.waiting = true;
		v->source = t.relay;
	} else {
		t.src = model_source_open(o->path, t.err, sizeof(t.err));
		if (!t.src) {
			fprintf(stderr, "connscope-view: %s\n", t.err);
			model_event_release(&t.ev);
			return 1;
		}
		snprintf(t.url, sizeof(t.url), "%s", o->path);
		v->loading = true;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	rc = run_tui(o, &t);
	model_source_close(t.src);
	model_event_release(&t.ev);
	return rc;
}

int main(int argc, char **argv)
{
	static struct code_index code;
	struct opts o;
	struct view v;
	struct model *m;
	int rc = parse_opts(argc, argv, &o);

	if (rc)
		return rc;
	setlocale(LC_ALL, "");
	if (o.source_dir ? code_index_dir(&code, o.source_dir) : code_index_embedded(&code)) {
		fprintf(stderr, "connscope-view: %s: no core/ sources there\n", o.source_dir);
		return 1;
	}
	m = model_new();
	if (!m || view_init(&v, m, &code)) {
		fprintf(stderr, "connscope-view: out of memory\n");
		return 1;
	}
	v.source = o.path;
	v.live = o.live;
	v.export_dir = o.export_dir;
	v.projector = o.projector;
	v.ladder = o.projector;	/* the exchange as a ladder on the projector */
	if (!o.batch && !o.bench && (!isatty(0) || !isatty(1))) {
		fprintf(stderr, "connscope-view: not a terminal: printing the screen (--batch)\n");
		o.batch = true;
	}
	if (o.bench)
		rc = run_bench(&o, &v);
	else if (o.batch)
		rc = run_batch(&o, &v);
	else
		rc = run_interactive(&o, &v);
	view_free(&v);
	model_free(m);
	code_index_free(&code);
	return rc;
}
