// SPDX-License-Identifier: GPL-2.0-only
/*
 * model-dump.c - connscope-model-dump: rebuild a stack's tables from its
 * trace with the viz model and print them exactly as `connscope
 * --dump-tables` does (docs/table-dump.md), so the two can be compared
 * byte for byte.
 *
 *   connscope-model-dump TRACE_DIR|URL [--at N | --at-end | --before EV[:K] | --after EV[:K]]
 *                        [--process N | --vpid PID] [--check] [--calls]
 *
 * By default the tables just before the stack's teardown (the last
 * net_exit; the end of the trace when it has none), said on stderr.
 * --at N: the tables after the first N events; --at-end: after the last.  --before / --after EV[:K]:
 * the tables just before / just after the K-th event named EV (K = 1 the
 * first, -1 the last, the default), e.g. --before statedump_begin: the
 * model's own picture at the moment `connscope --dump-tables` wrote its
 * file (it emits a state dump right after).  --check: report on stderr the
 * events that contradicted the model, and fail if any did.  --vpid PID:
 * only the events of that process; --process N: the N-th process of the
 * trace (1-based; the first by default, and stderr says so when there are
 * more).  --calls: the call trees instead of the tables (every one, each
 * call indented by depth, "+" before softirq work attached to a connect).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"

static int usage(void)
{
	fprintf(stderr, "usage: connscope-model-dump TRACE_DIR|URL [--at N | --at-end | "
		"--before EV[:K] | --after EV[:K]] [--process N | --vpid PID] [--check] "
		"[--calls]\n");
	return 2;
}

struct opts {
	const char *path, *evname;
	long long at, vpid, process;
	long k;
	int after, check, at_end, calls;
};

/* 0, or 2 after a usage message. */
static int parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ .at = -1, .vpid = -1, .k = -1, .process = 0 };
	for (int i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--at") && i + 1 < argc) {
			o->at = strtoll(argv[++i], &end, 10);
			if (*end || o->at < 0)
				return usage();
		} else if ((!strcmp(argv[i], "--before") || !strcmp(argv[i], "--after")) &&
			   i + 1 < argc) {
			o->after = argv[i][2] == 'a';
			o->evname = argv[++i];
			end = strchr(argv[i], ':');
			if (end) {
				*end = '\0';
				o->k = strtol(end + 1, NULL, 10);
				if (!o->k)
					return usage();
			}
		} else if (!strcmp(argv[i], "--vpid") && i + 1 < argc) {
			o->vpid = strtoll(argv[++i], &end, 10);
			if (*end || o->vpid < 0)
				return usage();
		} else if (!strcmp(argv[i], "--process") && i + 1 < argc) {
			o->process = strtoll(argv[++i], &end, 10);
			if (*end || o->process < 1)
				return usage();
		} else if (!strcmp(argv[i], "--at-end")) {
			o->at_end = 1;
		} else if (!strcmp(argv[i], "--calls")) {
			o->calls = 1;
		} else if (!strcmp(argv[i], "--check")) {
			o->check = 1;
		} else if (argv[i][0] == '-' || o->path) {
			return usage();
		} else {
			o->path = argv[i];
		}
	}
	return o->path ? 0 : usage();
}

/* No position asked for: just before the stack's teardown, said on stderr. */
static void at_teardown(struct model *m, struct opts *o)
{
	size_t idx = model_teardown_index(m), n = model_event_count(m);

	if (idx == MODEL_NONE) {
		fprintf(stderr, "connscope-model-dump: the trace ends before the stack's teardown:"
			" the tables after its last event (%zu of %zu)\n", n ? n - 1 : 0, n);
		return;
	}
	fprintf(stderr, "connscope-model-dump: the tables just before the stack's teardown"
		" (event %zu, net_exit, of %zu); --at-end for after it\n", idx, n);
	o->at = (long long)idx;
}

/* Load the trace and move to the position asked for: 0, or 1 (message). */
static int load(struct model *m, struct opts *o)
{
	char note[512];

	if (o->vpid >= 0)
		model_follow_vpid(m, o->vpid);
	else
		model_follow_process(m, o->process ? (size_t)o->process : 1);
	if (model_load(m, o->path) < 0) {
		fprintf(stderr, "connscope-model-dump: %s\n", model_error(m));
		return 1;
	}
	if (o->vpid < 0 && (size_t)o->process > model_process_count(m) &&
	    model_process_count(m)) {
		fprintf(stderr, "connscope-model-dump: --process %lld: the trace holds %zu"
			" process%s\n", o->process, model_process_count(m),
			model_process_count(m) == 1 ? "" : "es");
		return 1;
	}
	if (o->vpid < 0 && !o->process && model_process_note(m, "--process ", note, sizeof(note)))
		fprintf(stderr, "connscope-model-dump: %s\n", note);
	if (model_context_note(m, note, sizeof(note)))
		fprintf(stderr, "connscope-model-dump: %s\n", note);
	if (o->at < 0 && !o->evname && !o->at_end)
		at_teardown(m, o);
	if (o->evname) {
		size_t idx = model_find_event(m, o->evname, o->k);

		if (idx == MODEL_NONE) {
			fprintf(stderr, "connscope-model-dump: %s: no event %s number %ld\n",
				o->path, o->evname, o->k);
			return 1;
		}
		o->at = (long long)(o->after ? idx + 1 : idx);
	}
	if (o->at >= 0 && model_seek(m, (size_t)o->at) < 0) {
		fprintf(stderr, "connscope-model-dump: %s\n", model_error(m));
		return 1;
	}
	return 0;
}

/* --calls: every call tree of the process, indented by depth, with the
 * softirq trees attached to a connect printed inside it (marked "+"). */
static void print_call(const struct model *m, size_t node, int depth)
{
	const struct model_call *c = model_call_at(m, node);

	printf("%*s%s%s%s", 2 * depth, "", c->attached ? "+ " : "", c->name,
	       c->softirq == 1 ? " [softirq]" : "");
	if (c->has_ret)
		printf(" = %lld", (long long)c->ret);
	putchar('\n');
	for (size_t k = c->first_child; k != MODEL_NONE; k = model_call_at(m, k)->next_sibling)
		print_call(m, k, depth + 1);
}

static void print_calls(const struct model *m)
{
	size_t n = model_calltree_count(m), connects = 0;

	for (size_t i = 0; i < n; i++) {
		const struct model_calltree *t = model_calltree_at(m, i);

		if (t->attached_to != MODEL_NONE)
			continue;
		if (t->is_connect)
			printf("connect %zu, sk %u:\n", ++connects, t->sk_id);
		else
			printf("%s, sk %u:\n", t->softirq ? "softirq" : "call", t->sk_id);
		print_call(m, t->root, 1);
	}
}

int main(int argc, char **argv)
{
	struct model_stats st;
	struct opts o;
	struct model *m;
	int rc = parse(argc, argv, &o);

	if (rc)
		return rc;
	m = model_new();
	if (!m) {
		fprintf(stderr, "connscope-model-dump: out of memory\n");
		return 1;
	}
	if (load(m, &o)) {
		model_free(m);
		return 1;
	}
	if (o.calls)
		print_calls(m);
	else
		model_dump_tables(m, stdout);
	model_get_stats(m, &st);
	rc = o.check && st.inconsistent ? 1 : 0;
	if (rc) {
		size_t idx;
		const char *why = model_first_inconsistency(m, &idx);

		fprintf(stderr, "connscope-model-dump: %llu events contradicted the model; "
			"the first, event %zu: %s\n", (unsigned long long)st.inconsistent, idx, why);
	}
	model_free(m);
	return rc;
}
