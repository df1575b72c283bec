// SPDX-License-Identifier: GPL-2.0-only
/*
 * codestmt.c - which kernel statement an event reports (code_event_line)
 * and which of a function's cs_trace() calls of one event emitted it
 * (code_trace_pick), on the index codesrc.c builds (see codesrc.h).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "codesrc.h"

/* Does @t's text hold @word, as a whole word or the end of one
 * (case aside: "ok_new_bucket" in HC_OK_NEW_BUCKET)? */
static int trace_has(const struct code_index *ci, const struct code_trace *t, const char *word)
{
	size_t n = strlen(word);

	for (int l = t->line; n && l <= t->last; l++) {
		const char *b = code_line(ci, t->file, l);

		for (const char *p = b; *p; p++)
			if (!strncasecmp(p, word, n) && !code_ident_char((unsigned char)p[n]) &&
			    (p == b || !isalnum((unsigned char)p[-1])))
				return 1;
	}
	return 0;
}

/* Does @t pass an error constant (-EADDRNOTAVAIL)? */
static int trace_err(const struct code_index *ci, const struct code_trace *t)
{
	for (int l = t->line; l <= t->last; l++) {
		const char *p = strstr(code_line(ci, t->file, l), "-E");

		if (p && isupper((unsigned char)p[2]))
			return 1;
	}
	return 0;
}

const struct code_trace *code_trace_pick(const struct code_index *ci, const char *event,
					 const struct code_func *fn, const char *const *labels,
					 int nlabels, int err)
{
	const struct code_trace *best = NULL;
	int k = fn ? (int)(fn - ci->funcs) : -1, top = 0;

	for (int i = 0; event && i < ci->ntraces; i++) {
		const struct code_trace *t = &ci->traces[i];
		int score = 0;

		if ((k >= 0 && t->func != k) || t->eventlen != (int)strlen(event) ||
		    strncmp(t->event, event, (size_t)t->eventlen))
			continue;
		for (int j = 0; j < nlabels; j++)
			score += labels[j] && trace_has(ci, t, labels[j]) ? 4 : 0;
		if (err && trace_err(ci, t))
			score += err < 0 ? 1 : -1;
		if (err > 0 && trace_has(ci, t, "0"))
			score += 2;	/* a literal 0 result */
		if (!best || score > top) {
			best = t;
			top = score;
		}
	}
	return best;
}

/* Line @l trimmed of its indentation. */
static const char *trimmed(const struct code_index *ci, int file, int l)
{
	const char *t = code_line(ci, file, l);

	while (*t == ' ' || *t == '\t')
		t++;
	return t;
}

/* Is line @l code: not blank, not a comment, not a trace line, not a
 * lone brace? */
static int code_stmt(const struct code_index *ci, int file, int l)
{
	const char *t = trimmed(ci, file, l);

	return *t && !code_comment_line(t) && !code_is_trace(ci, file, l) &&
	       strcmp(t, "{") != 0 && strcmp(t, "}") != 0;
}

/* Is line @l a label ("next_port:")?  Its name's length, or 0. */
static int label_len(const struct code_index *ci, int file, int l)
{
	const char *t = trimmed(ci, file, l);
	int n = 0;

	while (code_ident_char((unsigned char)t[n]))
		n++;
	return n && t[n] == ':' && t[n + 1] == '\0' && strncmp(t, "default", 7) ? n : 0;
}

/* The line of label @name (@len chars) in @fn, or 0. */
static int label_line(const struct code_index *ci, const struct code_func *fn,
		      const char *name, int len)
{
	for (int l = fn->open + 1; l < fn->last; l++)
		if (label_len(ci, fn->file, l) == len &&
		    !strncmp(trimmed(ci, fn->file, l), name, (size_t)len))
			return l;
	return 0;
}

/* The return a NAME_ret event at line @from precedes (see code_event_line). */
static int ret_line(const struct code_index *ci, const struct code_func *fn, int from)
{
	int jumped = 0;

	for (int l = from; l < fn->last; l++) {
		const char *t = trimmed(ci, fn->file, l);

		if (!code_stmt(ci, fn->file, l))
			continue;
		if (!strncmp(t, "return", 6) && !code_ident_char((unsigned char)t[6]))
			return l;
		if (!jumped && !strncmp(t, "goto ", 5)) {
			int n = 0, to;

			while (code_ident_char((unsigned char)t[5 + n]))
				n++;
			to = label_line(ci, fn, t + 5, n);
			if (to) {
				jumped = 1;
				l = to;
			}
		}
	}
	return fn->last;
}

int code_event_line(const struct code_index *ci, const struct code_trace *t)
{
	const struct code_func *fn;
	int l;

	if (!t || t->func < 0)
		return 0;
	fn = &ci->funcs[t->func];
	if (t->eventlen > 4 && !strncmp(t->event + t->eventlen - 4, "_ret", 4))
		return ret_line(ci, fn, t->last + 1);
	for (l = t->line - 1; l > fn->open && !code_stmt(ci, fn->file, l); l--)
		;
	if (l > fn->open && label_len(ci, fn->file, l))
		return l;
	for (l = t->last + 1; l < fn->last; l++)
		if (code_stmt(ci, fn->file, l))
			return l;
	return fn->last;
}
