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

int main(int argc, char **argv)
{
	const char *path = NULL, *evname = NULL;
	long long at = -1;
	long k = -1;
	long long vpid = -1;
	int after = 0;
	int check = 0;
	struct model *m;
	struct model_stats st;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--at") && i + 1 < argc) {
			char *end;

			at = strtoll(argv[++i], &end, 10);
			if (*end || at < 0)
				return usage();
		} else if ((!strcmp(argv[i], "--before") || !strcmp(argv[i], "--after")) &&
			   i + 1 < argc) {
			char *colon;

			after = argv[i][2] == 'a';
			evname = argv[++i];
			colon = strchr(argv[i], ':');
			if (colon) {
				*colon = '\0';
				k = strtol(colon + 1, NULL, 10);
				if (!k)
					return usage();
			}
		} else if (!strcmp(argv[i], "--vpid") && i + 1 < argc) {
			vpid = strtoll(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--check")) {
			check = 1;
		} else if (argv[i][0] == '-' || path) {
			return usage();
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return usage();
	m = model_new();
	if (!m) {
		fprintf(stderr, "connscope-model-dump: out of memory\n");
		return 1;
	}
	model_follow_vpid(m, vpid);
	if (model_load(m, path) < 0) {
		fprintf(stderr, "connscope-model-dump: %s\n", model_error(m));
		model_free(m);
		return 1;
	}
	if (evname) {
		size_t idx = model_find_event(m, evname, k);

		if (idx == MODEL_NONE) {
			fprintf(stderr, "connscope-model-dump: %s: no event %s number %ld\n", path,
				evname, k);
			model_free(m);
			return 1;
		}
		at = (long long)(after ? idx + 1 : idx);
	}
	if (at >= 0 && model_seek(m, (size_t)at) < 0) {
		fprintf(stderr, "connscope-model-dump: %s\n", model_error(m));
		model_free(m);
		return 1;
	}
	model_dump_tables(m, stdout);
	model_get_stats(m, &st);
	if (check && st.inconsistent) {
		size_t idx;
		const char *why = model_first_inconsistency(m, &idx);

		fprintf(stderr, "connscope-model-dump: %llu events contradicted the model; "
			"the first, event %zu: %s\n", (unsigned long long)st.inconsistent, idx, why);
	}
	model_free(m);
	return check && st.inconsistent ? 1 : 0;
}
