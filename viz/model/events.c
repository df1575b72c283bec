// SPDX-License-Identifier: GPL-2.0-only
/*
 * events.c - the generated event table looked up by name, and the rules'
 * field reads checked against it (events.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events.h"

static const struct model_event_decl **sorted;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_uint_fast64_t misreads;
static char first_misread[128];

static int cmp_decl(const void *a, const void *b)
{
	return strcmp((*(const struct model_event_decl *const *)a)->name,
		      (*(const struct model_event_decl *const *)b)->name);
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct model_event_decl *const *)elem)->name);
}

static void decls_init(void)
{
	sorted = malloc(model_nevent_decls * sizeof(*sorted));
	if (!sorted)
		return;
	for (size_t i = 0; i < model_nevent_decls; i++)
		sorted[i] = &model_event_decls[i];
	qsort(sorted, model_nevent_decls, sizeof(*sorted), cmp_decl);
}

const struct model_event_decl *model_event_decl_find(const char *event)
{
	const struct model_event_decl *const *d;

	pthread_once(&once, decls_init);
	if (!sorted)
		return NULL;
	d = bsearch(event, sorted, model_nevent_decls, sizeof(*sorted), cmp_key);
	return d ? *d : NULL;
}

const struct model_field_decl *model_event_decl_field(const struct model_event_decl *d,
						      const char *field)
{
	for (size_t i = 0; d && i < d->nfields; i++)
		if (!strcmp(d->fields[i].name, field))
			return &d->fields[i];
	return NULL;
}

uint64_t model_event_misreads(const char **first)
{
	uint64_t n = atomic_load(&misreads);

	if (first)
		*first = n ? first_misread : NULL;
	return n;
}

static void misread(const struct model_event *ev, const char *field)
{
	if (atomic_fetch_add(&misreads, 1) == 0) {
		snprintf(first_misread, sizeof(first_misread), "%s.%s", ev->name, field);
		fprintf(stderr, "connscope model: a rule reads %s, which the event does not "
			"declare as such (core/trace/tp_*.h)\n", first_misread);
	}
}

/* Whether a field of @kind (@len bytes) serves a read of kind @want (an
 * address: @addr): INT reads any integer, an address 4 bytes. */
static bool kind_fits(enum model_field_kind want, bool addr, enum model_field_kind kind, size_t len)
{
	switch (want) {
	case MODEL_FIELD_INT:
		return kind == MODEL_FIELD_INT || kind == MODEL_FIELD_UINT || kind == MODEL_FIELD_ENUM;
	case MODEL_FIELD_BYTES:
		return kind == MODEL_FIELD_BYTES && (!addr || len == 4);
	default:
		return kind == want;
	}
}

/*
 * The field @field of @ev for a read of kind @want; NULL when absent.  A field the event has
 * is checked as it came; an absent one against the event's declaration.
 */
static const struct model_field *ev_read(const struct model_event *ev, const char *field,
					 enum model_field_kind want, bool addr)
{
	const struct model_field *f = model_event_field(ev, field);
	const struct model_field_decl *d;
	enum model_field_kind kind;
	size_t len;

	if (f) {
		kind = f->kind;
		len = f->len;
	} else {
		d = model_event_decl_field(model_event_decl_find(ev->name), field);
		if (!d) {
			misread(ev, field);
			return NULL;
		}
		kind = d->kind;
		len = d->len;
	}
	if (!kind_fits(want, addr, kind, len)) {
		misread(ev, field);
		return NULL;
	}
	return f;
}

int64_t ev_int(const struct model_event *ev, const char *field, int64_t dflt)
{
	const struct model_field *f = ev_read(ev, field, MODEL_FIELD_INT, false);

	return f ? f->i : dflt;
}

uint64_t ev_uint(const struct model_event *ev, const char *field, uint64_t dflt)
{
	const struct model_field *f = ev_read(ev, field, MODEL_FIELD_INT, false);

	return f ? f->u : dflt;
}

uint32_t ev_addr(const struct model_event *ev, const char *field, uint32_t dflt)
{
	const struct model_field *f = ev_read(ev, field, MODEL_FIELD_BYTES, true);
	uint32_t a = dflt;

	if (f && f->bytes)
		memcpy(&a, f->bytes, 4);
	return a;
}

const char *ev_label(const struct model_event *ev, const char *field)
{
	const struct model_field *f = ev_read(ev, field, MODEL_FIELD_ENUM, false);

	return f ? f->label : NULL;
}

const char *ev_str(const struct model_event *ev, const char *field)
{
	const struct model_field *f = ev_read(ev, field, MODEL_FIELD_STRING, false);

	return f ? f->str : NULL;
}

const uint8_t *ev_bytes(const struct model_event *ev, const char *field, size_t *len)
{
	const struct model_field *f = ev_read(ev, field, MODEL_FIELD_BYTES, false);

	if (len)
		*len = f ? f->len : 0;
	return f ? (f->bytes ? f->bytes : (const uint8_t *)"") : NULL;
}
