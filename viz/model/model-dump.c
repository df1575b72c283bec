// SPDX-License-Identifier: GPL-2.0-only
/*
 * model-dump.c - connscope-model-dump: rebuild a stack's tables from its
 * trace with the viz model and print them exactly as `connscope
 * --dump-tables` does (docs/table-dump.md), so the two can be compared
 * byte for byte.
 *
 *   connscope-model-dump TRACE_DIR|URL [--at N | --before EV[:K] | --after EV[:K]] [--vpid PID]
 *                        [--check]
 *
 * --at N: the tables after the first N events.  --before / --after EV[:K]:
 * the tables just before / just after the K-th event named EV (K = 1 the
 * first, -1 the last, the default), e.g. --before statedump_begin: the
 * model's own picture at the moment `connscope --dump-tables` wrote its
 * file (it emits a state dump right after).  --check: report on stderr the
 * events that contradicted the model, and fail if any did.  --vpid PID:
 * only the events of that process (a trace recorded with the vpid context
 * may hold several connscope runs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"

static int usage(void)
{
	fprintf(stderr, "usage: connscope-model-dump TRACE_DIR|URL [--at N | --before EV[:K] | "
		"--after EV[:K]] [--vpid PID] [--check]\n");
	return 2;
}

struct opts {
	const char *path, *evname;
	long long at, vpid;
	long k;
	int after, check;
};

/* 0, or 2 after a usage message. */
static int parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ .at = -1, .vpid = -1, .k = -1 };
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
			o->vpid = strtoll(argv[++i], NULL, 10);
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

/* Load the trace and move to the position asked for: 0, or 1 (message). */
static int load(struct model *m, struct opts *o)
{
	model_follow_vpid(m, o->vpid);
	if (model_load(m, o->path) < 0) {
		fprintf(stderr, "connscope-model-dump: %s\n", model_error(m));
		return 1;
	}
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
