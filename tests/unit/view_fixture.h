/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * view_fixture.h - the viewer tests' fixtures: a recorded trace as
 * `babeltrace2 --clock-seconds` text (tests/unit/golden/NAME.txt) read
 * back into model events, and the golden-screen comparison.  Included by
 * test_view_golden.c and test_view_classroom.c.
 *
 * CS_GOLDEN_UPDATE=1 writes the .screen files instead of comparing (after
 * a deliberate change of the screen; review the diff before committing).
 */
#ifndef TEST_VIEW_FIXTURE_H
#define TEST_VIEW_FIXTURE_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "model.h"

static const char *golden_dir(void)
{
	const char *d = getenv("CS_GOLDEN_DIR");

	return d && *d ? d : "tests/unit/golden";
}

/* ---- the fixture: babeltrace2's text output back into model events ---- */

struct cursor {
	const char *p;
};

static void skip_ws(struct cursor *c)
{
	while (*c->p == ' ')
		c->p++;
}

static int expect(struct cursor *c, const char *s)
{
	skip_ws(c);
	if (strncmp(c->p, s, strlen(s)))
		return -1;
	c->p += strlen(s);
	return 0;
}

/* An integer: decimal (maybe negative) or 0x hex. */
static int parse_int(struct cursor *c, int64_t *i, uint64_t *u, int *neg)
{
	char *end;

	skip_ws(c);
	*neg = *c->p == '-';
	if (*neg) {
		*i = strtoll(c->p, &end, 10);
		*u = (uint64_t)*i;
	} else {
		*u = strtoull(c->p, &end, 0);
		*i = (int64_t)*u;
	}
	if (end == c->p)
		return -1;
	c->p = end;
	return 0;
}

static int parse_string(struct cursor *c, char *out, size_t len)
{
	size_t n = 0;

	if (expect(c, "\""))
		return -1;
	while (*c->p && *c->p != '"') {
		if (*c->p == '\\' && c->p[1])
			c->p++;
		if (n + 1 < len)
			out[n++] = *c->p;
		c->p++;
	}
	out[n] = '\0';
	return expect(c, "\"");
}

/* One "name = value" into @ev (names starting with '_' are babeltrace's
 * sequence lengths: skipped). */
static int parse_field(struct cursor *c, struct model_event *ev, int add)
{
	char name[64], str[256];
	size_t n = 0;
	int64_t i;
	uint64_t u;
	int neg;

	skip_ws(c);
	while (*c->p && (isalnum((unsigned char)*c->p) || *c->p == '_') && n + 1 < sizeof(name))
		name[n++] = *c->p++;
	name[n] = '\0';
	if (!n || expect(c, "="))
		return -1;
	add = add && name[0] != '_';
	skip_ws(c);
	if (*c->p == '"') {
		if (parse_string(c, str, sizeof(str)))
			return -1;
		return add ? model_event_add_str(ev, name, str) : 0;
	}
	if (*c->p == '(') {		/* ( "LABEL" : container = N ) */
		c->p++;
		if (parse_string(c, str, sizeof(str)) || expect(c, ":") ||
		    expect(c, "container") || expect(c, "=") || parse_int(c, &i, &u, &neg) ||
		    expect(c, ")"))
			return -1;
		return add ? model_event_add_enum(ev, name, i, str) : 0;
	}
	if (*c->p == '[') {		/* [ [0] = 10, [1] = 77 ] */
		uint8_t bytes[256];
		size_t nb = 0;

		c->p++;
		skip_ws(c);
		while (*c->p == '[') {
			int64_t idx;
			uint64_t uidx;

			c->p++;
			if (parse_int(c, &idx, &uidx, &neg) || expect(c, "]") || expect(c, "=") ||
			    parse_int(c, &i, &u, &neg))
				return -1;
			if (nb < sizeof(bytes))
				bytes[nb++] = (uint8_t)u;
			skip_ws(c);
			if (*c->p == ',')
				c->p++;
			skip_ws(c);
		}
		if (expect(c, "]"))
			return -1;
		return add ? model_event_add_bytes(ev, name, bytes, nb) : 0;
	}
	if (parse_int(c, &i, &u, &neg))
		return -1;
	if (!add)
		return 0;
	return neg ? model_event_add_int(ev, name, i) : model_event_add_uint(ev, name, u);
}

/* "{ a = 1, b = 2 }": fields added when @add.  *ctx is set when the group
 * is a context (cpu_id, vtid), *vtid to the vtid. */
static int parse_group(struct cursor *c, struct model_event *ev, int add, int64_t *vtid,
		       int *ctx)
{
	if (expect(c, "{"))
		return -1;
	skip_ws(c);
	while (*c->p && *c->p != '}') {
		const char *start = c->p;

		if (!strncmp(c->p, "vtid = ", 7) || !strncmp(c->p, "cpu_id = ", 9)) {
			*ctx = 1;
			if (c->p[0] == 'v')
				*vtid = strtoll(c->p + 7, NULL, 10);
		}
		if (parse_field(c, ev, add && !*ctx))
			return -1;
		skip_ws(c);
		if (*c->p == ',')
			c->p++;
		skip_ws(c);
		if (c->p == start)
			return -1;
	}
	return expect(c, "}");
}

#define MAX_GROUPS 8

/* One line of `babeltrace2 --clock-seconds` output into @ev. */
static int parse_line(const char *line, struct model_event *ev)
{
	const char *name = strstr(line, " connscope:"), *groups;
	int ctx[MAX_GROUPS] = { 0 }, ngroups = 0;
	unsigned long long s, ns;
	int64_t vtid = -1;
	char evname[96];
	struct cursor c;

	if (!name || sscanf(line, "[%llu.%llu]", &s, &ns) != 2)
		return -1;
	name += 11;
	groups = strstr(name, ": {");
	if (!groups || (size_t)(groups - name) >= sizeof(evname))
		return -1;
	snprintf(evname, sizeof(evname), "%.*s", (int)(groups - name), name);
	/* first pass: which groups are contexts, and the vtid */
	for (c.p = groups + 1; ngroups < MAX_GROUPS; ) {
		if (parse_group(&c, NULL, 0, &vtid, &ctx[ngroups++]))
			return -1;
		if (expect(&c, ","))
			break;
	}
	if (model_event_set(ev, evname, s * 1000000000ull + ns, vtid))
		return -1;
	/* second pass: the payload's fields */
	c.p = groups + 1;
	for (int g = 0; g < ngroups; g++) {
		int dummy_ctx = ctx[g];
		int64_t dummy_vtid;

		if (parse_group(&c, ev, !ctx[g], &dummy_vtid, &dummy_ctx))
			return -1;
		expect(&c, ",");
	}
	return 0;
}

static struct model *load_fixture(const char *name)
{
	char path[512], line[4096];
	struct model_event ev;
	struct model *m = model_new();
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s", golden_dir(), name);
	f = fopen(path, "r");
	if (!f || !m) {
		if (f)
			fclose(f);
		model_free(m);
		return NULL;
	}
	model_event_init(&ev);
	while (fgets(line, sizeof(line), f)) {
		n++;
		if (parse_line(line, &ev) || model_apply(m, &ev) < 0) {
			fprintf(stderr, "%s:%d: cannot read this line\n", path, n);
			model_free(m);
			m = NULL;
			break;
		}
	}
	model_event_release(&ev);
	fclose(f);
	return m;
}

/* Compare screen[] with golden/NAME.screen (or write it). */
static void golden_cmp(const char *screen, const char *name)
{
	static char want[32768];
	char path[512];
	FILE *f;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s.screen", golden_dir(), name);
	f = fopen(path, getenv("CS_GOLDEN_UPDATE") ? "w" : "r");
	STEP("compare with %s", path);
	EXPECT(f != NULL);
	if (f && getenv("CS_GOLDEN_UPDATE")) {
		fputs(screen, f);
	} else if (f) {
		len = fread(want, 1, sizeof(want) - 1, f);
		want[len] = '\0';
		if (strcmp(want, screen))
			fprintf(stderr, "\n--- %s (expected)\n%s--- got\n%s", path, want, screen);
		EXPECT(strcmp(want, screen) == 0);
	}
	if (f)
		fclose(f);
}

#endif
