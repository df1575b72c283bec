// SPDX-License-Identifier: GPL-2.0-only
/*
 * connscope-dot - draw connscope's state from a trace with Graphviz.
 *
 *   connscope-dot TRACE_DIR [--at EVENT_INDEX | --at-time NS | --connect N | --at-end]
 *                 [--process N] [--socket ID]
 *                 [--view ehash|bhash|listen|tw|state|callpath|ladder|ports|all]
 *                 [-T dot|svg|png|pdf] [--max-chain N] [--max-slots N] -o FILE
 *
 * Reads the trace through the model (viz/model), never the stack.  Exit
 * status: 0 done, 1 the trace or the output failed (one line on stderr),
 * 2 bad usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../model/model.h"
#include "dot_export.h"
#include "dot_graph.h"

/*
 * Under LeakSanitizer (make SAN=1): Graphviz's layout and its fontconfig
 * font cache keep memory for the process's life (toolchain notes, section
 * 4); only their frames are suppressed, never ours.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgvc.so\nleak:libfontconfig.so\nleak:libpango\nleak:libcairo.so\n"
	       "leak:libgvplugin_\nleak:libglib-2.0.so\nleak:libexpat.so\n";
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: connscope-dot TRACE_DIR [--at EVENT_INDEX | --at-time NS | --connect N |\n"
		"                     --at-end] [--process N] [--socket ID]\n"
		"                     [--view ehash|bhash|listen|tw|state|callpath|ladder|ports|all]\n"
		"                     [-T dot|svg|png|pdf] [--max-chain N] [--max-slots N] [-q] -o FILE\n"
		"  --at I         the state after event I (0-based, as babeltrace2 lists them)\n"
		"  --at-time NS   the state after the last event at most NS ns after the first\n"
		"  --connect N    the state when the Nth connect (1-based) returned; its socket\n"
		"  --at-end       the state after the last event (default: just before the\n"
		"                 stack's teardown, the net_exit event)\n"
		"  --process N    the Nth connscope process of the trace (1-based, default 1)\n"
		"  --socket ID    highlight socket ID, draw its connect (callpath, ladder,\n"
		"                 ports), its states\n"
		"  --view V       one view into FILE; all (default): one file per view,\n"
		"                 FILE with -<view> before its extension (out.svg -> out-ehash.svg)\n"
		"  -T FMT         dot (written by cgraph, no layout), svg (default), png, pdf\n"
		"  --max-chain N  entries drawn per chain or owner list, then \"+N more\" (8)\n"
		"  --max-slots N  slots in use drawn per table, candidates by ports (32);\n"
		"                 0 means no limit\n"
		"  -q             do not list the files written\n");
}

/* A decimal number within [0, max]; -1 if @s is not one. */
static int parse_num(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end || *out > max ? -1 : 0;
}

static int bad(const char *opt, const char *val)
{
	fprintf(stderr, "connscope-dot: %s: invalid value '%s'\n", opt, val);
	return 2;
}

static int parse_args(int argc, char **argv, struct dot_request *r, const char **trace,
		      size_t *process)
{
	static const struct option lo[] = {
		{ "at", 1, NULL, 'a' }, { "at-time", 1, NULL, 't' }, { "connect", 1, NULL, 'c' },
		{ "socket", 1, NULL, 's' }, { "view", 1, NULL, 'v' }, { "max-chain", 1, NULL, 'm' },
		{ "max-slots", 1, NULL, 'M' }, { "help", 0, NULL, 'h' }, { "at-end", 0, NULL, 'e' },
		{ "process", 1, NULL, 'p' }, { NULL, 0, NULL, 0 },
	};
	unsigned long long v;
	int c, view;

	while ((c = getopt_long(argc, argv, "T:o:qh", lo, NULL)) != -1) {
		switch (c) {
		case 'a': if (parse_num(optarg, UINT64_MAX, &v)) return bad("--at", optarg);
			r->has_at = true; r->at = v; break;
		case 't': if (parse_num(optarg, UINT64_MAX, &v)) return bad("--at-time", optarg);
			r->has_at_time = true; r->at_time = v; break;
		case 'c': if (parse_num(optarg, UINT32_MAX, &v) || !v) return bad("--connect", optarg);
			r->connect = (uint32_t)v; break;
		case 'e': r->at_end = true; break;
		case 'p': if (parse_num(optarg, 1000000, &v) || !v) return bad("--process", optarg);
			*process = (size_t)v; break;
		case 's': if (parse_num(optarg, UINT32_MAX, &v) || !v) return bad("--socket", optarg);
			r->socket = (uint32_t)v; break;
		case 'v': view = dot_view_parse(optarg);
			if (view < 0) return bad("--view", optarg);
			r->view = (enum dot_view_kind)view; break;
		case 'm': if (parse_num(optarg, 100000, &v) || !v) return bad("--max-chain", optarg);
			r->opts.max_chain = (unsigned)v; break;
		case 'M': if (parse_num(optarg, 100000, &v)) return bad("--max-slots", optarg);
			r->opts.max_slots = (unsigned)v; break;
		case 'T': if (!dot_format_ok(optarg)) return bad("-T", optarg);
			r->format = optarg; break;
		case 'o': r->output = optarg; break;
		case 'q': r->quiet = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1 || !r->output) {
		fprintf(stderr, "connscope-dot: %s\n", optind >= argc ? "no TRACE_DIR given"
			: optind < argc - 1 ? "one TRACE_DIR only" : "no output file (-o FILE)");
		usage(stderr);
		return 2;
	}
	if (r->has_at + r->has_at_time + (r->connect != 0) + r->at_end > 1) {
		fprintf(stderr, "connscope-dot: --at, --at-time, --connect and --at-end exclude each"
			" other\n");
		return 2;
	}
	*trace = argv[optind];
	return 0;
}

int main(int argc, char **argv)
{
	struct dot_request r;
	const char *trace = NULL;
	char err[512];
	struct model *m;
	size_t process = 0;	/* 0: not asked, the first (and say so) */
	int rc;

	dot_request_init(&r);
	rc = parse_args(argc, argv, &r, &trace, &process);
	if (rc)
		return rc;
	m = model_new();
	if (!m) {
		fprintf(stderr, "connscope-dot: out of memory\n");
		return 1;
	}
	model_follow_process(m, process ? process : 1);
	if (model_load(m, trace)) {
		fprintf(stderr, "connscope-dot: %s\n", model_error(m));
		model_free(m);
		return 1;
	}
	if (process > model_process_count(m) && model_process_count(m)) {
		fprintf(stderr, "connscope-dot: --process %zu: the trace holds %zu process%s\n",
			process, model_process_count(m), model_process_count(m) == 1 ? "" : "es");
		model_free(m);
		return 1;
	}
	if (!process && model_process_note(m, "--process ", err, sizeof(err)))
		fprintf(stderr, "connscope-dot: %s\n", err);
	if (model_context_note(m, err, sizeof(err))) {
		fprintf(stderr, "connscope-dot: %s\n", err);
		if (r.connect) {
			model_free(m);
			return 1;
		}
	}
	rc = dot_export(m, &r, err, sizeof(err));
	if (rc)
		fprintf(stderr, "connscope-dot: %s\n", err);
	else if (dot_default_moment(m, &r, err, sizeof(err)))
		fprintf(stderr, "connscope-dot: %s\n", err);
	model_free(m);
	return rc ? 1 : 0;
}
