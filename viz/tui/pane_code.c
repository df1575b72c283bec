// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_code.c - the Code pane: the connect path as code.  It lists the
 * function of the seed article (see codesrc.h for where the text comes
 * from) that is running at the current event, highlights the kernel
 * statement of the current step (code_event_line: never a tracepoint line;
 * the cs_trace() statements are left out of the listing), numbers each line
 * with connscope's line and, where the seed quotes it, the 3.10 line, and
 * shows the call stack beside it.
 */
#include <stdio.h>
#include <string.h>
#include "codesrc.h"
#include "model.h"
#include "panes.h"

/* The functions the seed article walks through, in its order. */
static const char *const seed_funcs[] = {
	"sys_connect", "inet_stream_connect", "__inet_stream_connect",
	"tcp_v4_connect", "inet_hash_connect", "__inet_hash_connect",
	"__inet_check_established", "__inet_hash", "inet_hash",
	"__inet_hash_nolisten", "inet_ehash_bucket", "tcp_connect",
	"tcp_transmit_skb",
};

#define CODE_STACK_MAX 32
#define CODE_NAME_MAX 64

static bool is_seed(const char *name)
{
	for (size_t i = 0; i < sizeof(seed_funcs) / sizeof(seed_funcs[0]); i++)
		if (!strcmp(name, seed_funcs[i]))
			return true;
	return false;
}

/* What the pane shows: the frames (root first), the function listed and
 * the line highlighted. */
struct code_view {
	char frames[CODE_STACK_MAX][CODE_NAME_MAX];
	int nframes;
	int shown;			/* frame listed, -1: none */
	const struct code_func *fn;
	int line;			/* 0: none */
	char event[CODE_NAME_MAX];	/* the current event */
};

/* What tells apart two cs_trace() calls of one event: its enum labels and
 * the sign of its err/ret field (see code_trace_pick). */
static int event_marks(const struct model_event *ev, const char **labels, int max, int *err)
{
	int n = 0;

	*err = 0;
	for (size_t i = 0; i < ev->nfields; i++) {
		const struct model_field *f = &ev->fields[i];

		if (f->kind == MODEL_FIELD_ENUM && f->label && n < max)
			labels[n++] = f->label;
		if ((f->kind == MODEL_FIELD_INT || f->kind == MODEL_FIELD_ENUM) &&
		    (!strcmp(f->name, "err") || !strcmp(f->name, "ret")))
			*err = f->i < 0 ? -1 : 1;
	}
	return n;
}

/* The function an event is emitted by: the one named like it (NAME and
 * NAME_ret come from function NAME), else the one holding its cs_trace;
 * @line: the statement the event reports (code_event_line). */
static const struct code_func *event_func(const struct code_index *ci,
					  const struct model_event *ev, int *line)
{
	char fname[CODE_NAME_MAX];
	const char *labels[8];
	size_t n = strlen(ev->name);
	const struct code_func *fn;
	const struct code_trace *t;
	int err, nl = event_marks(ev, labels, 8, &err);

	snprintf(fname, sizeof(fname), "%s", ev->name);
	if (n > 4 && !strcmp(ev->name + n - 4, "_ret") && n - 4 < sizeof(fname))
		fname[n - 4] = '\0';
	fn = code_func_find(ci, fname);
	t = code_trace_pick(ci, ev->name, fn, labels, nl, err);
	if (!t && !fn)
		t = code_trace_pick(ci, ev->name, NULL, labels, nl, err);
	if (t && !fn)
		fn = &ci->funcs[t->func];
	*line = code_event_line(ci, t);
	return fn;
}

static void add_frame(struct code_view *cv, const char *name, int len)
{
	if (cv->nframes >= CODE_STACK_MAX)
		return;
	snprintf(cv->frames[cv->nframes], CODE_NAME_MAX, "%.*s", len, name);
	if (cv->nframes && !strcmp(cv->frames[cv->nframes - 1], cv->frames[cv->nframes]))
		return;
	cv->nframes++;
}

/* Work out the frames, the function to list and its line at event pos. */
static void code_locate(struct view *v, struct code_view *cv)
{
	const struct code_index *ci = v->code;
	size_t nodes[CODE_STACK_MAX];
	size_t depth = model_call_stack_at(v->m, v->pos, nodes, CODE_STACK_MAX);
	const struct code_func *leaf;
	int leaf_line = 0;

	memset(cv, 0, sizeof(*cv));
	cv->shown = -1;
	if (model_event_get(v->m, v->pos, v->ev))
		return;
	snprintf(cv->event, sizeof(cv->event), "%s", v->ev->name);
	for (size_t i = 0; i < depth && i < CODE_STACK_MAX; i++) {
		const struct model_call *c = model_call_at(v->m, nodes[i]);

		/* leaf nodes that are not functions are events (tcp_transmit_skb_hdr) */
		if (c && (!c->leaf || code_func_find(ci, c->name)))
			add_frame(cv, c->name, (int)strlen(c->name));
	}
	leaf = event_func(ci, v->ev, &leaf_line);
	if (leaf)
		add_frame(cv, leaf->name, leaf->namelen);
	/* list the innermost seed function; else the event's own */
	for (int k = cv->nframes - 1; k >= 0 && cv->shown < 0; k--)
		if (is_seed(cv->frames[k]) && code_func_find(ci, cv->frames[k]))
			cv->shown = k;
	if (cv->shown < 0 && leaf)
		cv->shown = cv->nframes - 1;
	if (cv->shown < 0)
		return;
	cv->fn = code_func_find(ci, cv->frames[cv->shown]);
	if (cv->fn == leaf) {
		cv->line = leaf_line;
		return;
	}
	/* the line that calls the next frame down (or a deeper one) */
	for (int k = cv->shown + 1; k < cv->nframes && !cv->line; k++)
		cv->line = code_call_line(ci, cv->fn, cv->frames[k]);
}

/* The call stack, root first, one frame per row, indented by depth. */
static void draw_stack(struct vscreen *s, const struct vrect *r, const struct code_view *cv,
		       int skip)
{
	char buf[128];
	int row = 0;

	pane_line(s, r, row++, VA_BOLD, 0, "call stack");
	for (int k = skip; k < cv->nframes && row < r->h; k++, row++) {
		int ind = k - skip < 8 ? k - skip : 8;

		snprintf(buf, sizeof(buf), "%*s%s%s", ind, "", cv->frames[k],
			 k == cv->shown ? " <" : "");
		pane_line(s, r, row, k == cv->nframes - 1 ? VA_CURRENT :
			  is_seed(cv->frames[k]) ? VA_BOLD : VA_NORMAL, 0, buf);
	}
	if (row < r->h && strcmp(cv->event, cv->nframes ? cv->frames[cv->nframes - 1] : "")) {
		snprintf(buf, sizeof(buf), "event %s", cv->event);
		pane_line(s, r, row, VA_DIM, 0, buf);
	}
}

/* The stack on one row: "a > b > c", cut from the left to fit. */
static void draw_stack_row(struct vscreen *s, const struct vrect *r, const struct code_view *cv)
{
	char buf[1024] = "";
	size_t o = 0;
	int w;

	for (int k = 0; k < cv->nframes; k++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", k ? " > " : "",
				      cv->frames[k]);
	w = vs_width(buf);
	if (w > r->w - 7) {
		char cut[1100];

		snprintf(cut, sizeof(cut), "stack ..%s", buf + (w - (r->w - 9)));
		pane_line(s, r, 0, VA_DIM, 0, cut);
	} else {
		char line[1100];

		snprintf(line, sizeof(line), "stack %s", buf);
		pane_line(s, r, 0, VA_DIM, 0, line);
	}
}

#define CODE_GUTTER 11	/* ">1234 2925 " */

/* The lines of @fn that are not trace lines; how many (at most @max). */
static int listing_lines(const struct code_index *ci, const struct code_func *fn,
			 int *vis, int max)
{
	int n = 0;

	for (int l = fn->first; l <= fn->last && n < max; l++)
		if (!code_is_trace(ci, fn->file, l))
			vis[n++] = l;
	return n;
}

/* The listing of cv->fn without its trace lines, the highlighted line kept
 * in view; connscope's line number, then the seed's 3.10 one. */
static void draw_listing(struct view *v, struct vscreen *s, const struct vrect *r,
			 const struct code_view *cv)
{
	const struct code_func *fn = cv->fn;
	int vis[1024];
	int total = listing_lines(v->code, fn, vis, 1024), top, cur = 0;

	for (int k = 0; k < total; k++)
		if (vis[k] == cv->line)
			cur = k;
	top = cur - r->h / 3;
	if (top > total - r->h)
		top = total - r->h;
	if (top < 0)
		top = 0;
	top -= v->scroll[PANE_CODE];
	if (top < 0) {
		v->scroll[PANE_CODE] += top;
		top = 0;
	}
	for (int row = 0; row < r->h && top + row < total; row++) {
		int l = vis[top + row], k = code_seed_line(v->code, fn->file, l);
		bool here = l == cv->line;
		int at = here ? VA_CURRENT : VA_NORMAL;
		char old[8] = "";

		if (k)
			snprintf(old, sizeof(old), "%d", k);
		pane_line(s, r, row, at, 0, "");
		vs_printf(s, r, r->x, r->y + row, here ? VA_CURRENT : VA_DIM, "%c%4d %4s ",
			  here ? '>' : ' ', l, old);
		vs_puts_skip(s, r, r->x + CODE_GUTTER, r->y + row, at,
			     code_line(v->code, fn->file, l), v->hscroll[PANE_CODE]);
	}
}

void pane_code_draw(struct view *v, struct vscreen *s, const struct vrect *r)
{
	struct code_view cv;
	struct vrect list = *r, side;

	if (!v->code) {
		pane_line(s, r, 0, VA_DIM, 0, "no source index");
		return;
	}
	if (!view_count(v)) {
		pane_line(s, r, 0, VA_DIM, 0, "no event yet");
		return;
	}
	code_locate(v, &cv);
	if (r->w >= 110) {	/* the stack beside the code only when the code keeps 80 */
		side.w = r->w / 3 < 28 ? r->w / 3 : 28;
		side.x = r->x + r->w - side.w;
		side.y = r->y;
		side.h = r->h;
		list.w = r->w - side.w - 1;
		draw_stack(s, &side, &cv, cv.nframes > side.h - 1 ? cv.nframes - (side.h - 1) : 0);
	} else if (r->h > 3) {
		draw_stack_row(s, r, &cv);
		list.y++;
		list.h--;
	}
	if (!cv.fn) {
		char buf[160];

		snprintf(buf, sizeof(buf), "%s: no source line (not a function of core/)", cv.event);
		pane_line(s, &list, 0, VA_DIM, 0, buf);
		return;
	}
	draw_listing(v, s, &list, &cv);
}

void pane_code_title(struct view *v, char *buf, size_t len)
{
	struct code_view cv;

	buf[0] = '\0';
	if (!v->code || !view_count(v))
		return;
	code_locate(v, &cv);
	if (cv.fn) {
		const char *path = v->code->files[cv.fn->file].path;
		const char *base = strrchr(path, '/');
		int l = cv.line ? cv.line : cv.fn->first, k = code_seed_line(v->code, cv.fn->file, l);
		char old[24] = "";

		if (k)
			snprintf(old, sizeof(old), " (3.10:%d)", k);
		snprintf(buf, len, "%.*s() %s:%d%s%s", cv.fn->namelen, cv.fn->name,
			 base ? base + 1 : path, l, old,
			 is_seed(cv.frames[cv.shown]) ? "" : " (beyond the seed)");
	}
}
