// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_cmd.c - `connscope trace NAME TRACE_DIR`: reads a connscope trace
 * into one model per process (viz/text, viz/model) and prints one report:
 * show, connects, states, retrans, ports, tables, mib.  The same reports are
 * the babeltrace2 sink components sink.connscope.NAME (show: .text).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "../viz/text/text.h"
#include "trace_cmd.h"

void trace_usage(FILE *f)
{
	size_t n;
	const struct text_report *r = text_reports(&n);

	fputs("usage: connscope trace NAME TRACE_DIR [--json] [options]\n"
	      "\n"
	      "Read a connscope LTTng trace (a directory holding CTF traces) and print:\n", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %-9s %s\n", r[i].name, r[i].what);
	fputs("\n"
	      "      --json        one JSON object per line (per event, connect, change,\n"
	      "                    search...)\n"
	      "      --index       show: each event's index (for --at, --from, --to)\n"
	      "      --at N        tables: after event N of the process (default: just\n"
	      "                    before the stack's teardown)\n"
	      "      --from A      mib: from event A (default 0)\n"
	      "      --to B        mib: to event B, included (default: the last)\n"
	      "      --process N   the Nth process of the trace only (default: all;\n"
	      "                    tables and mib: the first)\n"
	      "\n"
	      "Exit status: 0; 1 when the trace is missing or cannot be read; 2 for bad\n"
	      "arguments.  See connscope-trace(1).\n", f);
}

static int num(const char *opt, const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9' || (v = strtoull(s, &end, 10), *end) || v > max) {
		fprintf(stderr, "connscope trace: %s wants a number, not '%s'\n", opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* Is option @opt meaningful for report @name? */
static int only_for(const char *opt, const char *name, const char *want)
{
	if (!strcmp(name, want))
		return 0;
	fprintf(stderr, "connscope trace: %s is an option of '%s', not of '%s'\n", opt, want, name);
	return -1;
}

static int parse(int argc, char **argv, struct text_opts *o, const char *name)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' }, { "index", no_argument, NULL, 'x' },
		{ "at", required_argument, NULL, 'a' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { "process", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = true; break;
		case 'x': if (only_for("--index", name, "show")) return -1; o->index = true; break;
		case 'a':
			if (only_for("--at", name, "tables") || num("--at", optarg, UINT64_MAX, &o->at))
				return -1;
			o->has_at = true;
			break;
		case 'f':
			if (only_for("--from", name, "mib") || num("--from", optarg, UINT64_MAX, &o->from))
				return -1;
			o->has_from = true;
			break;
		case 't':
			if (only_for("--to", name, "mib") || num("--to", optarg, UINT64_MAX, &o->to))
				return -1;
			o->has_to = true;
			break;
		case 'p':
			if (num("--process", optarg, 1u << 20, &v))
				return -1;
			if (!v) {
				fprintf(stderr, "connscope trace: --process counts from 1\n");
				return -1;
			}
			o->process = (unsigned)v;
			break;
		default:
			fprintf(stderr, "connscope trace: unknown option '%s' (connscope trace --help)\n",
				argv[optind - 1]);
			return -1;
		}
	}
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	const struct text_report *r;
	struct text_opts o;
	struct text_trace t;
	char err[1024] = "";
	const char *dir;
	int rc;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		trace_usage(stdout);
		return 0;
	}
	if (argc < 2) {
		fprintf(stderr, "connscope trace: expected NAME TRACE_DIR (connscope trace --help)\n");
		return 2;
	}
	r = text_report_find(argv[1]);
	if (!r) {
		fprintf(stderr, "connscope trace: unknown report '%s' (connscope trace --help)\n",
			argv[1]);
		return 2;
	}
	/* argv + 1: NAME stands for getopt's program name; one operand is left. */
	if (parse(argc - 1, argv + 1, &o, r->name))
		return 2;
	if (optind != argc - 2) {
		fprintf(stderr, "connscope trace %s: expected one TRACE_DIR, got %d\n", r->name,
			argc - 1 - optind);
		return 2;
	}
	dir = argv[1 + optind];
	text_trace_init(&t);
	if (text_trace_load(&t, dir, err, sizeof(err))) {
		fprintf(stderr, "connscope trace: %s\n", err);
		text_trace_free(&t);
		return 1;
	}
	text_trace_notes(&t, "connscope trace", stderr);
	rc = text_check_process(&t, &o, err, sizeof(err));
	if (!rc)
		rc = r->fn(&t, &o, stdout, err, sizeof(err));
	if (rc)
		fprintf(stderr, "connscope trace %s: %s\n", r->name, err);
	if (fflush(stdout) && !rc) {
		fprintf(stderr, "connscope trace %s: cannot write the output\n", r->name);
		rc = 1;
	}
	text_trace_free(&t);
	return rc;
}
