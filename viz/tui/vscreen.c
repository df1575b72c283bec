// SPDX-License-Identifier: GPL-2.0-only
/*
 * vscreen.c - the viewer's screen as a text buffer (see vscreen.h).
 */
#include <stdlib.h>
#include <string.h>
#include "vscreen.h"

#define VS_TAB 4

int vs_init(struct vscreen *s, int w, int h)
{
	s->w = w > 0 ? w : 1;
	s->h = h > 0 ? h : 1;
	s->ch = calloc((size_t)s->w * (size_t)s->h, sizeof(*s->ch));
	s->at = calloc((size_t)s->w * (size_t)s->h, sizeof(*s->at));
	if (!s->ch || !s->at) {
		vs_free(s);
		return -1;
	}
	vs_clear(s);
	return 0;
}

void vs_free(struct vscreen *s)
{
	free(s->ch);
	free(s->at);
	s->ch = NULL;
	s->at = NULL;
}

int vs_resize(struct vscreen *s, int w, int h)
{
	if (s->ch && s->w == w && s->h == h)
		return 0;
	vs_free(s);
	return vs_init(s, w, h);
}

void vs_clear(struct vscreen *s)
{
	size_t n = (size_t)s->w * (size_t)s->h;

	for (size_t i = 0; i < n; i++)
		s->ch[i] = ' ';
	memset(s->at, VA_NORMAL, n);
}

/* Decode one UTF-8 sequence at *p; invalid bytes come out as '?'. */
static uint32_t utf8_next(const char **p)
{
	const unsigned char *u = (const unsigned char *)*p;
	uint32_t c = u[0];
	int n = 0;

	if (c < 0x80)
		n = 0;
	else if ((c & 0xe0) == 0xc0)
		n = 1, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 2, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 3, c &= 0x07;
	else {
		(*p)++;
		return '?';
	}
	for (int i = 1; i <= n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*p += i;
			return '?';
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*p += n + 1;
	return c;
}

static int in_clip(const struct vscreen *s, const struct vrect *clip, int x, int y)
{
	if (x < 0 || y < 0 || x >= s->w || y >= s->h)
		return 0;
	if (!clip)
		return 1;
	return x >= clip->x && x < clip->x + clip->w &&
	       y >= clip->y && y < clip->y + clip->h;
}

static void put_cell(struct vscreen *s, const struct vrect *clip, int x, int y,
		     uint32_t c, int attr)
{
	if (!in_clip(s, clip, x, y))
		return;
	s->ch[(size_t)y * (size_t)s->w + (size_t)x] = c;
	s->at[(size_t)y * (size_t)s->w + (size_t)x] = (uint8_t)attr;
}

int vs_puts_skip(struct vscreen *s, const struct vrect *clip, int x, int y,
		 int attr, const char *text, int skip)
{
	int col = 0;	/* column inside the text */

	while (*text) {
		uint32_t c = utf8_next(&text);
		int n = 1;

		if (c == '\t') {
			n = VS_TAB - col % VS_TAB;
			c = ' ';
		} else if (c < 0x20 || c == 0x7f) {
			c = '?';
		}
		for (int i = 0; i < n; i++, col++)
			if (col >= skip)
				put_cell(s, clip, x + col - skip, y, c, attr);
	}
	return x + (col > skip ? col - skip : 0);
}

int vs_puts(struct vscreen *s, const struct vrect *clip, int x, int y,
	    int attr, const char *text)
{
	return vs_puts_skip(s, clip, x, y, attr, text, 0);
}

int vs_printf(struct vscreen *s, const struct vrect *clip, int x, int y,
	      int attr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return vs_puts(s, clip, x, y, attr, buf);
}

void vs_fill(struct vscreen *s, const struct vrect *r, uint32_t ch, int attr)
{
	for (int y = r->y; y < r->y + r->h; y++)
		for (int x = r->x; x < r->x + r->w; x++)
			put_cell(s, NULL, x, y, ch, attr);
}

void vs_set_attr(struct vscreen *s, int x, int y, int w, int attr)
{
	for (int i = 0; i < w; i++)
		if (in_clip(s, NULL, x + i, y))
			s->at[(size_t)y * (size_t)s->w + (size_t)(x + i)] = (uint8_t)attr;
}

uint32_t vs_ch(const struct vscreen *s, int x, int y)
{
	return in_clip(s, NULL, x, y) ? s->ch[(size_t)y * (size_t)s->w + (size_t)x] : ' ';
}

int vs_at(const struct vscreen *s, int x, int y)
{
	return in_clip(s, NULL, x, y) ? s->at[(size_t)y * (size_t)s->w + (size_t)x] : VA_NORMAL;
}

/* Encode one cell for the text output: line-drawing cells become ASCII. */
static size_t cell_utf8(uint32_t c, char out[4])
{
	if (c == VS_HLINE)
		c = '-';
	else if (c == VS_VLINE)
		c = '|';
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

size_t vs_text(const struct vscreen *s, char *buf, size_t len)
{
	size_t o = 0;

	for (int y = 0; y < s->h; y++) {
		int end = s->w;

		while (end > 0 && vs_ch(s, end - 1, y) == ' ')
			end--;
		for (int x = 0; x < end; x++) {
			char u[4];
			size_t n = cell_utf8(vs_ch(s, x, y), u);

			for (size_t i = 0; i < n; i++, o++)
				if (o + 1 < len)
					buf[o] = u[i];
		}
		if (o + 1 < len)
			buf[o] = '\n';
		o++;
	}
	if (len)
		buf[o < len ? o : len - 1] = '\0';
	return o;
}

void vs_write(const struct vscreen *s, FILE *f)
{
	size_t n = (size_t)s->w * (size_t)s->h * 4 + (size_t)s->h + 1;
	char *buf = malloc(n);

	if (!buf)
		return;
	vs_text(s, buf, n);
	fputs(buf, f);
	free(buf);
}

int vs_width(const char *text)
{
	int n = 0;

	while (*text) {
		utf8_next(&text);
		n++;
	}
	return n;
}
