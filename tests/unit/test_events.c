// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_events.c - every event declared once (core/trace/tp_*.h, through
 * the generated table of viz/model/events.h): each declared event has a
 * model rule (NONE: deliberately none, it changes no state) and each rule a
 * declared event (a wrong field or event name in a rule does not even
 * build: tests/unit/events_build.sh); every rule, fed each declared
 * event with all its fields, reads only fields the event declares, of
 * their kind; a misread is counted (the check itself is checked); and the
 * event index of docs/tracepoints.md is the one generated from the
 * provider.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "events.h"

#define INDEX_BEGIN "<!-- event index begin"
#define INDEX_END "<!-- event index end"

static void test_every_event_has_a_rule(void)
{
	size_t n;
	const struct model_rule *r = model_rules(&n);

	EXPECT(model_nevent_decls > 150);
	for (size_t i = 0; i < model_nevent_decls; i++) {
		STEP("event %s", model_event_decls[i].name);
		EXPECT(model_rule_find(model_event_decls[i].name) != NULL);
		EXPECT(model_event_decls[i].meaning[0] != '\0');
	}
	for (size_t i = 0; i < n; i++) {
		STEP("rule %s", r[i].event);
		EXPECT(model_event_decl_find(r[i].event) != NULL);
		/* what it changes, or why it changes nothing (NONE: "no state change") */
		EXPECT(r[i].change != NULL && r[i].change[0] != '\0');
		EXPECT(r[i].effects == 0 || strcmp(r[i].change, "no state change"));
	}
	EXPECT_EQ(n, model_nevent_decls);
}

/* @d as an event whose every field is @v (addresses 10.77.0.v), except
 * its field @ek, an enum, which is its label @lj (value @lj). */
static void build(struct model_event *ev, const struct model_event_decl *d, int v, size_t ek,
		  size_t lj, uint64_t ts)
{
	uint8_t bytes[64] = { 10, 77, 0, (uint8_t)v };

	model_event_set(ev, d->name, ts, 1);
	for (size_t k = 0; k < d->nfields; k++) {
		const struct model_field_decl *f = &d->fields[k];

		switch (f->kind) {
		case MODEL_FIELD_INT:
			model_event_add_int(ev, f->name, v);
			break;
		case MODEL_FIELD_UINT:
			model_event_add_uint(ev, f->name, (uint64_t)v);
			break;
		case MODEL_FIELD_ENUM:
			if (k == ek)
				model_event_add_enum(ev, f->name, (int64_t)lj, f->labels[lj]);
			else
				model_event_add_enum(ev, f->name, v, v ? f->labels[0] : NULL);
			break;
		case MODEL_FIELD_STRING:
			model_event_add_str(ev, f->name, "retransmit");
			break;
		case MODEL_FIELD_BYTES:
			model_event_add_bytes(ev, f->name, bytes, f->len ? f->len : 4);
			break;
		}
	}
}

/* Every declared event through the model: each field 0, 1, 2, and each
 * label of each enum field in turn (the rules branch on them). */
static void test_rules_read_declared_fields(void)
{
	struct model *m = model_new();
	struct model_event ev;
	uint64_t before = model_event_misreads(NULL), ts = 1000;
	size_t napplied = 0;
	const char *first;

	model_event_init(&ev);
	for (int v = 0; v < 3; v++)
		for (size_t i = 0; i < model_nevent_decls; i++, napplied++) {
			build(&ev, &model_event_decls[i], v, SIZE_MAX, 0, ts += 1000);
			model_apply(m, &ev);
		}
	for (size_t i = 0; i < model_nevent_decls; i++) {
		const struct model_event_decl *d = &model_event_decls[i];

		for (size_t k = 0; k < d->nfields; k++)
			for (size_t j = 0; d->fields[k].labels && d->fields[k].labels[j]; j++, napplied++) {
				build(&ev, d, 1, k, j, ts += 1000);
				model_apply(m, &ev);
			}
	}
	STEP("%zu events applied", napplied);
	EXPECT(napplied > 3 * model_nevent_decls + 100);
	model_event_misreads(&first);
	if (model_event_misreads(NULL) != before)
		STEP("first misread: %s", first);
	EXPECT_EQ(model_event_misreads(NULL), before);
	model_event_release(&ev);
	model_free(m);
}

/* The check catches what it is for: a field the event lacks, a wrong kind. */
static void test_misread_is_counted(void)
{
	struct model_event ev;
	uint64_t n = model_event_misreads(NULL);
	const char *first;

	model_event_init(&ev);
	build(&ev, model_event_decl_find("sk_alloc"), 1, SIZE_MAX, 0, 1000);
	EXPECT_EQ(ev_uint(&ev, "sk_id", 0), 1);
	EXPECT_EQ(model_event_misreads(NULL), n);
	EXPECT_EQ(ev_uint(&ev, "dport", 7), 7);
	EXPECT_EQ(model_event_misreads(NULL), n + 1);
	EXPECT_EQ(ev_addr(&ev, "sk_id", 0), 0);
	EXPECT_EQ(model_event_misreads(NULL), n + 2);
	model_event_misreads(&first);
	EXPECT(first != NULL);
	/* a declared field missing from an older trace is no misread */
	model_event_set(&ev, "inet_bind", 2000, 1);
	EXPECT_EQ(ev_int(&ev, "ret", -1), -1);
	EXPECT_EQ(model_event_misreads(NULL), n + 2);
	model_event_release(&ev);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)len + 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void test_docs_index_up_to_date(void)
{
	char *doc = slurp("docs/tracepoints.md"), *idx = slurp(CS_EVENT_INDEX);
	char *begin, *end;

	STEP("docs/tracepoints.md against %s (make docs-events)", CS_EVENT_INDEX);
	EXPECT(doc && idx);
	if (!doc || !idx)
		goto out;
	begin = strstr(doc, INDEX_BEGIN);
	end = strstr(doc, INDEX_END);
	EXPECT(begin && end && end > begin);
	if (!begin || !end || end < begin)
		goto out;
	begin = strchr(begin, '\n') + 1;
	EXPECT_EQ((size_t)(end - begin), strlen(idx));
	EXPECT(!strncmp(begin, idx, strlen(idx)));
out:
	free(doc);
	free(idx);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("events", NULL, NULL);

	CU_add_test(s, "every declared event has a rule, every rule an event",
		    test_every_event_has_a_rule);
	CU_add_test(s, "rules read only declared fields", test_rules_read_declared_fields);
	CU_add_test(s, "a misread is counted (the one reported on stderr)", test_misread_is_counted);
	CU_add_test(s, "docs/tracepoints.md's event index is generated", test_docs_index_up_to_date);
}
