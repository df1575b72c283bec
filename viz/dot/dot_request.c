// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_request.c - the parts of a request that need no trace: view names,
 * defaults, and the file names of --view all.
 */
#include <stdio.h>
#include <string.h>
#include "dot_export.h"

static const char *const view_names[] = {
	[DOT_VIEW_EHASH] = "ehash", [DOT_VIEW_BHASH] = "bhash", [DOT_VIEW_LISTEN] = "listen",
	[DOT_VIEW_TW] = "tw", [DOT_VIEW_STATE] = "state", [DOT_VIEW_CALLPATH] = "callpath",
	[DOT_VIEW_LADDER] = "ladder", [DOT_VIEW_PORTS] = "ports", [DOT_VIEW_ALL] = "all",
};

const char *dot_view_name(enum dot_view_kind v)
{
	return v <= DOT_VIEW_ALL ? view_names[v] : "?";
}

int dot_view_parse(const char *name)
{
	for (int v = 0; v <= DOT_VIEW_ALL; v++)
		if (strcmp(name, view_names[v]) == 0)
			return v;
	return -1;
}

void dot_request_init(struct dot_request *r)
{
	memset(r, 0, sizeof(*r));
	r->view = DOT_VIEW_ALL;
	r->format = "svg";
	r->opts.max_chain = DOT_MAX_CHAIN_DEFAULT;
	r->opts.max_slots = DOT_MAX_SLOTS_DEFAULT;
}

int dot_view_path(const char *output, enum dot_view_kind view, char *buf, size_t len)
{
	const char *slash = strrchr(output, '/');
	const char *dot = strrchr(slash ? slash + 1 : output, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : output) ? (size_t)(dot - output)
							      : strlen(output);
	int n = snprintf(buf, len, "%.*s-%s%s", (int)stem, output, dot_view_name(view),
			 output + stem);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}
