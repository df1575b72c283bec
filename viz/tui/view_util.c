// SPDX-License-Identifier: GPL-2.0-only
/*
 * view_util.c - what the panes share, below the view's state (view.c): the
 * socket an event is about, event and address formatting, and the row
 * writer every pane writes its lines with.  It calls nothing else of
 * viz/tui but the screen buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "events.h"
#include "panes.h"

uint32_t event_socket(const struct model_event *ev)
{
	uint64_t id = EV_OPT_U(ev, sk_id, 0);

	if (!id)
		id = EV_OPT_U(ev, tw_id, 0);
	return (uint32_t)id;
}

uint32_t view_event_socket(struct view *v, size_t index)
{
	if (model_event_get(v->m, index, v->ev))
		return 0;
	return event_socket(v->ev);
}

const char *addr_str(uint32_t be, char *buf, size_t len)
{
	const uint8_t *b = (const uint8_t *)&be;

	snprintf(buf, len, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return buf;
}

const char *state_str(int state)
{
	return model_state_name(state);
}

/* The 4-byte address fields without "addr" in their name (neighbour, ARP):
 * dotted quads like the others. */
static bool ipv4_field(const struct model_field *f)
{
	return f->kind == MODEL_FIELD_BYTES && f->len == 4 &&
	       (!strcmp(f->name, "ip") || !strcmp(f->name, "sip") || !strcmp(f->name, "tip"));
}

void event_format(const struct view *v, size_t index, const struct model_event *ev,
		  char *buf, size_t len)
{
	uint64_t t0 = model_event_ts(v->m, 0), t = ev->ts_ns;
	uint64_t dt = t >= t0 ? t - t0 : 0;
	size_t o;

	o = (size_t)snprintf(buf, len, "#%zu +%llu.%09llu %s", index,
			     (unsigned long long)(dt / 1000000000u),
			     (unsigned long long)(dt % 1000000000u), ev->name);
	for (size_t i = 0; i < ev->nfields && o + 1 < len; i++) {
		char val[128];

		if (ipv4_field(&ev->fields[i]))
			snprintf(val, sizeof(val), "%u.%u.%u.%u", ev->fields[i].bytes[0],
				 ev->fields[i].bytes[1], ev->fields[i].bytes[2], ev->fields[i].bytes[3]);
		else
			model_field_format(&ev->fields[i], val, sizeof(val));
		o += (size_t)snprintf(buf + o, len - o, " %s=%s", ev->fields[i].name, val);
	}
}

void pane_line(struct vscreen *s, const struct vrect *r, int row, int attr,
	       int hscroll, const char *text)
{
	if (row < 0 || row >= r->h)
		return;
	if (attr != VA_NORMAL) {
		struct vrect line = { r->x, r->y + row, r->w, 1 };

		vs_fill(s, &line, ' ', attr);
	}
	vs_puts_skip(s, r, r->x, r->y + row, attr, text, hscroll);
}

void pane_put(struct pane_rows *o, int attr, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (o->skip > 0) {
		o->skip--;
		return;
	}
	pane_line(o->s, o->r, o->row++, attr, o->hscroll, buf);
}

bool pane_full(const struct pane_rows *o)
{
	return o->row >= o->r->h;
}
