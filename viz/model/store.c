// SPDX-License-Identifier: GPL-2.0-only
/*
 * store.c - every event the model was given, kept compactly for replay:
 * names, enum labels and string values are interned (a trace has few
 * distinct ones), integers are varints, byte arrays are stored as they are.
 *
 *   event: name-id, ts (8 bytes), vtid+1, cpu+1, vpid+1, softirq+1, nfields, fields...
 *   field: name-id, kind, then INT zigzag | UINT varint | ENUM zigzag +
 *          label-id+1 | STRING string-id | BYTES length + bytes
 */
#include <stdlib.h>
#include <string.h>
#include "model_int.h"

int grow(void **v, size_t *cap, size_t n, size_t elem)
{
	size_t c;
	void *p;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	p = realloc(*v, c * elem);
	if (!p)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

/* ---- interned strings ---- */

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

static int strtab_rehash(struct strtab *t, size_t hcap)
{
	uint32_t *h = calloc(hcap, sizeof(*h));

	if (!h)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t j = str_hash(t->s[i]) & (hcap - 1);

		while (h[j])
			j = (j + 1) & (hcap - 1);
		h[j] = (uint32_t)i + 1;
	}
	free(t->hash);
	t->hash = h;
	t->hcap = hcap;
	return 0;
}

/* The id of @s, added if new; -1 when out of memory. */
static int64_t strtab_id(struct strtab *t, const char *s)
{
	size_t j;

	if ((t->n + 1) * 2 > t->hcap && strtab_rehash(t, t->hcap ? t->hcap * 2 : 256))
		return -1;
	j = str_hash(s) & (t->hcap - 1);
	while (t->hash[j]) {
		if (!strcmp(t->s[t->hash[j] - 1], s))
			return t->hash[j] - 1;
		j = (j + 1) & (t->hcap - 1);
	}
	if (grow((void **)&t->s, &t->cap, t->n, sizeof(*t->s)))
		return -1;
	t->s[t->n] = strdup(s);
	if (!t->s[t->n])
		return -1;
	t->hash[j] = (uint32_t)t->n + 1;
	return (int64_t)t->n++;
}

const char *store_intern(struct store *s, const char *str)
{
	int64_t id = strtab_id(&s->strs, str ? str : "");

	return id < 0 ? NULL : s->strs.s[id];
}

void store_init(struct store *s)
{
	memset(s, 0, sizeof(*s));
}

void store_free(struct store *s)
{
	for (size_t i = 0; i < s->strs.n; i++)
		free(s->strs.s[i]);
	free(s->strs.s);
	free(s->strs.hash);
	free(s->buf);
	free(s->off);
	free(s->ts);
	memset(s, 0, sizeof(*s));
}

/* ---- encoding ---- */

static int reserve(struct store *s, size_t more)
{
	if (s->len + more <= s->cap)
		return 0;
	size_t c = s->cap ? s->cap : 65536;

	while (c < s->len + more)
		c *= 2;
	uint8_t *b = realloc(s->buf, c);

	if (!b)
		return -1;
	s->buf = b;
	s->cap = c;
	return 0;
}

static int put_varint(struct store *s, uint64_t v)
{
	if (reserve(s, 10))
		return -1;
	while (v >= 0x80) {
		s->buf[s->len++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	s->buf[s->len++] = (uint8_t)v;
	return 0;
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static int put_str(struct store *s, const char *str)
{
	int64_t id = strtab_id(&s->strs, str ? str : "");

	return id < 0 ? -1 : put_varint(s, (uint64_t)id);
}

static int put_field(struct store *s, const struct model_field *f)
{
	if (put_str(s, f->name) || put_varint(s, f->kind))
		return -1;
	switch (f->kind) {
	case MODEL_FIELD_INT:
		return put_varint(s, zigzag(f->i));
	case MODEL_FIELD_UINT:
		return put_varint(s, f->u);
	case MODEL_FIELD_ENUM:
		if (put_varint(s, zigzag(f->i)))
			return -1;
		if (!f->label)
			return put_varint(s, 0);
		int64_t id = strtab_id(&s->strs, f->label);

		return id < 0 ? -1 : put_varint(s, (uint64_t)id + 1);
	case MODEL_FIELD_STRING:
		return put_str(s, f->str);
	case MODEL_FIELD_BYTES:
		if (put_varint(s, f->len) || reserve(s, f->len))
			return -1;
		if (f->len)
			memcpy(s->buf + s->len, f->bytes, f->len);
		s->len += f->len;
		return 0;
	}
	return -1;
}

int store_add(struct store *s, const struct model_event *ev)
{
	size_t start = s->len;

	if (s->n == s->cap_ev) {
		size_t c = s->cap_ev ? s->cap_ev * 2 : 1024;
		uint64_t *o = realloc(s->off, c * sizeof(*o));

		if (!o)
			return -1;
		s->off = o;
		o = realloc(s->ts, c * sizeof(*o));
		if (!o)
			return -1;
		s->ts = o;
		s->cap_ev = c;
	}
	if (put_str(s, ev->name) || reserve(s, 8))
		goto fail;
	memcpy(s->buf + s->len, &ev->ts_ns, 8);
	s->len += 8;
	if (put_varint(s, zigzag(ev->vtid + 1)) || put_varint(s, zigzag(ev->cpu + 1)) ||
	    put_varint(s, zigzag(ev->vpid + 1)) || put_varint(s, zigzag(ev->softirq + 1)) ||
	    put_varint(s, ev->nfields))
		goto fail;
	for (size_t i = 0; i < ev->nfields; i++)
		if (put_field(s, &ev->fields[i]))
			goto fail;
	s->off[s->n] = start;
	s->ts[s->n] = ev->ts_ns;
	s->n++;
	return 0;
fail:
	s->len = start;
	return -1;
}

/* ---- decoding ---- */

static uint64_t get_varint(const uint8_t **p)
{
	uint64_t v = 0;
	int shift = 0;

	while (**p & 0x80) {
		v |= (uint64_t)(**p & 0x7f) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (uint64_t)**p << shift;
	(*p)++;
	return v;
}

static int get_field(const struct store *s, const uint8_t **p, struct model_event *ev)
{
	const char *name = s->strs.s[get_varint(p)];
	uint64_t kind = get_varint(p), v, len;

	switch (kind) {
	case MODEL_FIELD_INT:
		return model_event_add_int(ev, name, unzigzag(get_varint(p)));
	case MODEL_FIELD_UINT:
		return model_event_add_uint(ev, name, get_varint(p));
	case MODEL_FIELD_ENUM:
		v = get_varint(p);
		len = get_varint(p);
		return model_event_add_enum(ev, name, unzigzag(v), len ? s->strs.s[len - 1] : NULL);
	case MODEL_FIELD_STRING:
		return model_event_add_str(ev, name, s->strs.s[get_varint(p)]);
	case MODEL_FIELD_BYTES:
		len = get_varint(p);
		*p += len;
		return model_event_add_bytes(ev, name, *p - len, (size_t)len);
	}
	return -1;
}

const char *store_name(const struct store *s, size_t i)
{
	const uint8_t *p;

	if (i >= s->n)
		return NULL;
	p = s->buf + s->off[i];
	return s->strs.s[get_varint(&p)];
}

int store_get(const struct store *s, size_t i, struct model_event *ev)
{
	const uint8_t *p;
	uint64_t ts, n;
	int64_t vtid, cpu, vpid, softirq;
	const char *name;

	if (i >= s->n)
		return -1;
	p = s->buf + s->off[i];
	name = s->strs.s[get_varint(&p)];
	memcpy(&ts, p, 8);
	p += 8;
	vtid = unzigzag(get_varint(&p)) - 1;
	cpu = unzigzag(get_varint(&p)) - 1;
	vpid = unzigzag(get_varint(&p)) - 1;
	softirq = unzigzag(get_varint(&p)) - 1;
	if (model_event_set(ev, name, ts, vtid))
		return -1;
	ev->cpu = cpu;
	ev->vpid = vpid;
	ev->softirq = (int)softirq;
	n = get_varint(&p);
	for (uint64_t k = 0; k < n; k++)
		if (get_field(s, &p, ev))
			return -1;
	return 0;
}
