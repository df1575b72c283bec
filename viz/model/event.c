// SPDX-License-Identifier: GPL-2.0-only
/*
 * event.c - struct model_event: one decoded trace event, independent of
 * babeltrace2.  Its strings and byte arrays live in an arena of blocks owned
 * by the event (blocks never move, so the pointers stay valid until the
 * event is cleared); the field array grows by doubling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"

#define ARENA_BLOCK 4096

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

struct model_event_priv {
	struct arena_block *blocks;	/* the first block is kept by clear */
	struct model_field *fields;
	size_t fcap;
};

static struct model_event_priv *priv_get(struct model_event *ev)
{
	if (!ev->priv)
		ev->priv = calloc(1, sizeof(*ev->priv));
	return ev->priv;
}

/* Copy @len bytes into the event's arena; NULL if out of memory. */
static void *arena_put(struct model_event *ev, const void *src, size_t len)
{
	struct model_event_priv *p = priv_get(ev);
	struct arena_block *b;
	void *dst;

	if (!p)
		return NULL;
	b = p->blocks;
	if (!b || b->cap - b->used < len) {
		size_t cap = len > ARENA_BLOCK ? len : ARENA_BLOCK;

		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = p->blocks;
		p->blocks = b;
	}
	dst = b->data + b->used;
	if (len)
		memcpy(dst, src, len);
	b->used += len;
	return dst;
}

static const char *arena_str(struct model_event *ev, const char *s)
{
	return arena_put(ev, s ? s : "", strlen(s ? s : "") + 1);
}

void model_event_init(struct model_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->vtid = -1;
	ev->cpu = -1;
	ev->vpid = -1;
	ev->softirq = -1;
	ev->name = "";
}

void model_event_clear(struct model_event *ev)
{
	struct model_event_priv *p = ev->priv;

	if (p && p->blocks) {
		struct arena_block *b = p->blocks, *next;

		/* keep the oldest block (the last in the list), free the rest */
		while (b->next) {
			next = b->next;
			free(b);
			b = next;
		}
		b->used = 0;
		p->blocks = b;
	}
	ev->name = "";
	ev->ts_ns = 0;
	ev->vtid = -1;
	ev->cpu = -1;
	ev->vpid = -1;
	ev->softirq = -1;
	ev->nfields = 0;
	ev->fields = p ? p->fields : NULL;
}

void model_event_release(struct model_event *ev)
{
	struct model_event_priv *p = ev->priv;

	if (p) {
		struct arena_block *b = p->blocks, *next;

		while (b) {
			next = b->next;
			free(b);
			b = next;
		}
		free(p->fields);
		free(p);
	}
	model_event_init(ev);
}

int model_event_set(struct model_event *ev, const char *name, uint64_t ts_ns, int64_t vtid)
{
	model_event_clear(ev);
	ev->name = arena_str(ev, name);
	if (!ev->name) {
		ev->name = "";
		return -1;
	}
	ev->ts_ns = ts_ns;
	ev->vtid = vtid;
	return 0;
}

void model_event_lift_common(struct model_event *ev)
{
	size_t n = ev->nfields;
	const struct model_field *f;

	if (n < 3)
		return;
	f = ev->fields + n - 3;
	if (strcmp(f[0].name, "pid") || strcmp(f[1].name, "tid") || strcmp(f[2].name, "softirq"))
		return;
	if (ev->vpid < 0)
		ev->vpid = f[0].i;
	if (ev->vtid < 0)
		ev->vtid = f[1].i;
	ev->softirq = f[2].i != 0;
	ev->nfields = n - 3;
}

/* A new zeroed field named @name at the end; NULL if out of memory. */
static struct model_field *field_new(struct model_event *ev, const char *name,
				     enum model_field_kind kind)
{
	struct model_event_priv *p = priv_get(ev);
	struct model_field *f;
	const char *n;

	if (!p)
		return NULL;
	if (ev->nfields == p->fcap) {
		size_t cap = p->fcap ? p->fcap * 2 : 16;
		struct model_field *nf = realloc(p->fields, cap * sizeof(*nf));

		if (!nf)
			return NULL;
		p->fields = nf;
		p->fcap = cap;
	}
	ev->fields = p->fields;
	n = arena_str(ev, name);
	if (!n)
		return NULL;
	f = &ev->fields[ev->nfields++];
	memset(f, 0, sizeof(*f));
	f->name = n;
	f->kind = kind;
	return f;
}

int model_event_add_int(struct model_event *ev, const char *name, int64_t v)
{
	struct model_field *f = field_new(ev, name, MODEL_FIELD_INT);

	if (!f)
		return -1;
	f->i = v;
	f->u = (uint64_t)v;
	return 0;
}

int model_event_add_uint(struct model_event *ev, const char *name, uint64_t v)
{
	struct model_field *f = field_new(ev, name, MODEL_FIELD_UINT);

	if (!f)
		return -1;
	f->u = v;
	f->i = (int64_t)v;
	return 0;
}

int model_event_add_enum(struct model_event *ev, const char *name, int64_t v,
			 const char *label)
{
	struct model_field *f = field_new(ev, name, MODEL_FIELD_ENUM);

	if (!f)
		return -1;
	f->i = v;
	f->u = (uint64_t)v;
	f->label = label ? arena_str(ev, label) : NULL;
	return label && !f->label ? -1 : 0;
}

int model_event_add_str(struct model_event *ev, const char *name, const char *s)
{
	struct model_field *f = field_new(ev, name, MODEL_FIELD_STRING);

	if (!f)
		return -1;
	f->str = arena_str(ev, s);
	return f->str ? 0 : -1;
}

int model_event_add_bytes(struct model_event *ev, const char *name,
			  const uint8_t *b, size_t len)
{
	struct model_field *f = field_new(ev, name, MODEL_FIELD_BYTES);

	if (!f)
		return -1;
	f->bytes = arena_put(ev, b, len);
	f->len = len;
	return f->bytes || !len ? 0 : -1;
}

int model_event_add_addr(struct model_event *ev, const char *name, uint32_t be_addr)
{
	uint8_t b[4];

	memcpy(b, &be_addr, 4);
	return model_event_add_bytes(ev, name, b, 4);
}

const struct model_field *model_event_field(const struct model_event *ev, const char *name)
{
	for (size_t i = 0; i < ev->nfields; i++)
		if (!strcmp(ev->fields[i].name, name))
			return &ev->fields[i];
	return NULL;
}

bool model_event_has(const struct model_event *ev, const char *name)
{
	return model_event_field(ev, name) != NULL;
}

static bool is_int(const struct model_field *f)
{
	return f && (f->kind == MODEL_FIELD_INT || f->kind == MODEL_FIELD_UINT ||
		     f->kind == MODEL_FIELD_ENUM);
}

int64_t model_event_int(const struct model_event *ev, const char *name, int64_t dflt)
{
	const struct model_field *f = model_event_field(ev, name);

	return is_int(f) ? f->i : dflt;
}

uint64_t model_event_uint(const struct model_event *ev, const char *name, uint64_t dflt)
{
	const struct model_field *f = model_event_field(ev, name);

	return is_int(f) ? f->u : dflt;
}

const char *model_event_label(const struct model_event *ev, const char *name)
{
	const struct model_field *f = model_event_field(ev, name);

	return f && f->kind == MODEL_FIELD_ENUM ? f->label : NULL;
}

const char *model_event_str(const struct model_event *ev, const char *name)
{
	const struct model_field *f = model_event_field(ev, name);

	return f && f->kind == MODEL_FIELD_STRING ? f->str : NULL;
}

const uint8_t *model_event_bytes(const struct model_event *ev, const char *name, size_t *len)
{
	const struct model_field *f = model_event_field(ev, name);

	if (!f || f->kind != MODEL_FIELD_BYTES)
		return NULL;
	if (len)
		*len = f->len;
	return f->bytes ? f->bytes : (const uint8_t *)"";
}

uint32_t model_event_addr(const struct model_event *ev, const char *name, uint32_t dflt)
{
	size_t len;
	const uint8_t *b = model_event_bytes(ev, name, &len);
	uint32_t a;

	if (!b || len != 4)
		return dflt;
	memcpy(&a, b, 4);
	return a;
}

int model_field_format(const struct model_field *f, char *buf, size_t len)
{
	size_t off = 0;
	int n = 0;

	switch (f->kind) {
	case MODEL_FIELD_INT:
		return snprintf(buf, len, "%lld", (long long)f->i);
	case MODEL_FIELD_UINT:
		return snprintf(buf, len, "%llu", (unsigned long long)f->u);
	case MODEL_FIELD_ENUM:
		return snprintf(buf, len, "%s (%lld)", f->label ? f->label : "?",
				(long long)f->i);
	case MODEL_FIELD_STRING:
		return snprintf(buf, len, "\"%s\"", f->str ? f->str : "");
	case MODEL_FIELD_BYTES:
		if (len)
			buf[0] = '\0';
		if (f->len == 4 && strstr(f->name, "addr") && !strstr(f->name, "skaddr"))
			return snprintf(buf, len, "%u.%u.%u.%u", f->bytes[0], f->bytes[1],
					f->bytes[2], f->bytes[3]);
		for (size_t i = 0; i < f->len; i++) {
			n = snprintf(buf + off, off < len ? len - off : 0, "%s%02x",
				     i ? " " : "", f->bytes[i]);
			off += (size_t)n;
		}
		return (int)off;
	}
	return snprintf(buf, len, "?");
}
