// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_arena.c - the bump allocator the views' strings and arrays live in
 * (dot_view.h).  Plain C, no Graphviz: with dot_fill_ports.c it is what
 * the viewer's port search (viz/tui/pane_ports.c) needs of viz/dot.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include "dot_view.h"

struct dot_arena_block {
	struct dot_arena_block *next;
	max_align_t data[];
};

void *dot_arena_alloc(struct dot_arena *a, size_t size)
{
	struct dot_arena_block *blk = calloc(1, sizeof(*blk) + size);

	if (!blk)
		return NULL;
	blk->next = a->head;
	a->head = blk;
	return blk->data;
}

char *dot_arena_printf(struct dot_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	s = dot_arena_alloc(a, (size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void dot_arena_free(struct dot_arena *a)
{
	while (a->head) {
		struct dot_arena_block *next = a->head->next;

		free(a->head);
		a->head = next;
	}
}
