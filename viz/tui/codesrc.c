// SPDX-License-Identifier: GPL-2.0-only
/*
 * codesrc.c - index the project's sources by function and by tracepoint
 * (see codesrc.h).  A small line-based reader of kernel-style C: it needs
 * no preprocessor and no parser because core/ follows the kernel's layout
 * (signature from column 0, "{" and "}" alone on their lines).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codesrc.h"

/* Calls the kernel makes through a function pointer: the text that calls
 * @callee in its caller's body. */
static const struct {
	const char *callee;
	const char *text;
} code_indirect[] = {
	{ "inet_stream_connect", "ops->connect(" },
	{ "tcp_v4_connect", "sk_prot->connect(" },
	{ "__inet_check_established", "check_established(" },
	{ "__inet_hash_nolisten", "hash(sk, tw)" },
	{ "tcp_v4_send_check", "->send_check(" },
	{ "ip_queue_xmit", "->queue_xmit(" },
	{ "tcp_v4_do_rcv", "sk_backlog_rcv(" },
};

int code_ident_char(int c)
{
	return isalnum(c) || c == '_';
}

/* Cut a trailing 3.10:N marker comment off line @l; N, or 0 without one. */
static int cut_seed_marker(char *l)
{
	char *m = strstr(l, "/* 3.10:"), *p;
	int n = 0;

	while (m && strstr(m + 1, "/* 3.10:"))
		m = strstr(m + 1, "/* 3.10:");
	if (!m || !isdigit((unsigned char)m[8]))
		return 0;
	for (p = m + 8; isdigit((unsigned char)*p); p++)
		n = n * 10 + (*p - '0');
	if (strcmp(p, " */") != 0)
		return 0;
	while (m > l && (m[-1] == ' ' || m[-1] == '\t'))
		m--;
	*m = '\0';
	return n;
}

/* Split a file's text into lines (in place), cutting the 3.10 markers. */
static int file_split(struct code_file *f)
{
	int cap = 256;

	f->lines = malloc(sizeof(*f->lines) * (size_t)cap);
	if (!f->lines)
		return -1;
	f->nlines = 0;
	for (char *p = f->text; *p; ) {
		char *nl = strchr(p, '\n');

		if (f->nlines == cap) {
			char **l = realloc(f->lines, sizeof(*l) * (size_t)(cap *= 2));

			if (!l)
				return -1;
			f->lines = l;
		}
		f->lines[f->nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	f->seed = calloc((size_t)f->nlines + 1, sizeof(*f->seed));
	f->trace = calloc((size_t)f->nlines + 1, 1);
	if (!f->seed || !f->trace)
		return -1;
	for (int i = 0; i < f->nlines; i++)
		f->seed[i] = cut_seed_marker(f->lines[i]);
	return 0;
}

/* Could this line start a function signature? */
static int sig_start(const char *l)
{
	return code_ident_char((unsigned char)l[0]) && strchr(l, '(') &&
	       strncmp(l, "static const", 12) != 0 && !strchr(l, '=');
}

static int push_func(struct code_index *ci, int *cap, const struct code_func *fn)
{
	if (ci->nfuncs == *cap) {
		struct code_func *n = realloc(ci->funcs, sizeof(*n) * (size_t)(*cap = *cap * 2 + 64));

		if (!n)
			return -1;
		ci->funcs = n;
	}
	ci->funcs[ci->nfuncs++] = *fn;
	return 0;
}

/* The name of the function whose signature starts at @l: the identifier
 * right before the first '('. */
static void sig_name(const char *l, struct code_func *fn)
{
	const char *paren = strchr(l, '(');
	const char *e = paren, *b;

	while (e > l && e[-1] == ' ')
		e--;
	b = e;
	while (b > l && code_ident_char((unsigned char)b[-1]))
		b--;
	fn->name = b;
	fn->namelen = (int)(e - b);
}

/* Find the function definitions of file @fi. */
static int index_funcs(struct code_index *ci, int fi, int *cap)
{
	struct code_file *f = &ci->files[fi];

	for (int i = 0; i < f->nlines; i++) {
		struct code_func fn = { .file = fi, .first = i + 1 };
		int j = i;

		if (!sig_start(f->lines[i]))
			continue;
		/* the signature runs until "{" alone, unless a ';' ends it */
		while (j < f->nlines && strcmp(f->lines[j], "{") != 0) {
			size_t n = strlen(f->lines[j]);

			if ((n && f->lines[j][n - 1] == ';') || j - i > 8)
				break;
			j++;
		}
		if (j >= f->nlines || strcmp(f->lines[j], "{") != 0)
			continue;
		sig_name(f->lines[i], &fn);
		fn.open = j + 1;
		while (j < f->nlines && strcmp(f->lines[j], "}") != 0)
			j++;
		fn.last = j + 1;
		if (fn.namelen && push_func(ci, cap, &fn))
			return -1;
		i = j;
	}
	return 0;
}

static int push_trace(struct code_index *ci, int *cap, const struct code_trace *t)
{
	if (ci->ntraces == *cap) {
		struct code_trace *n = realloc(ci->traces, sizeof(*n) * (size_t)(*cap = *cap * 2 + 64));

		if (!n)
			return -1;
		ci->traces = n;
	}
	ci->traces[ci->ntraces++] = *t;
	return 0;
}

/* The last line of the statement starting at line @l (1-based): where
 * its parentheses close. */
static int stmt_end(const struct code_file *f, int l, int last)
{
	int depth = 0;

	for (; l < last; l++) {
		for (const char *p = f->lines[l - 1]; *p; p++)
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (depth <= 0)
			return l;
	}
	return last;
}

/* Mark lines @t->line..@t->last as trace lines, and the whole-line comment
 * right above them: a comment next to a tracepoint is about the trace. */
static void mark_trace(struct code_file *f, const struct code_trace *t, int open)
{
	int l = t->line - 1;
	const char *e;

	for (int k = t->line; k <= t->last; k++)
		f->trace[k - 1] = 1;
	e = l > open ? f->lines[l - 1] + strlen(f->lines[l - 1]) : NULL;
	if (!e || e - f->lines[l - 1] < 2 || strcmp(e - 2, "*/") != 0)
		return;
	for (; l > open; l--) {
		const char *b = f->lines[l - 1];

		while (*b == ' ' || *b == '\t')
			b++;
		if (*b != '*' && strncmp(b, "/*", 2) != 0)
			return;	/* code before the comment's end: not a comment line */
		f->trace[l - 1] = 1;
		if (!strncmp(b, "/*", 2))
			return;
	}
}

/* Find every cs_trace(event, ...) and the function it is in. */
static int index_traces(struct code_index *ci, int *cap)
{
	for (int k = 0; k < ci->nfuncs; k++) {
		const struct code_func *fn = &ci->funcs[k];
		struct code_file *f = &ci->files[fn->file];

		for (int l = fn->open; l < fn->last; l++) {
			const char *p = strstr(f->lines[l - 1], "cs_trace(");
			struct code_trace t = { .file = fn->file, .line = l, .func = k };

			if (!p || (p > f->lines[l - 1] && code_ident_char((unsigned char)p[-1])))
				continue;
			t.event = p + 9;
			while (code_ident_char((unsigned char)t.event[t.eventlen]))
				t.eventlen++;
			t.last = stmt_end(f, l, fn->last);
			mark_trace(f, &t, fn->open);
			if (t.eventlen && push_trace(ci, cap, &t))
				return -1;
			l = t.last;
		}
	}
	return 0;
}

static int add_file(struct code_index *ci, const char *path, const char *text)
{
	struct code_file *f = &ci->files[ci->nfiles];

	f->path = strdup(path);
	f->text = strdup(text);
	f->lines = NULL;
	f->seed = NULL;
	f->trace = NULL;
	if (!f->path || !f->text) {
		free(f->path);
		free(f->text);
		return -1;
	}
	ci->nfiles++;
	return file_split(f);
}

static int index_all(struct code_index *ci)
{
	int fcap = 0, tcap = 0;

	for (int i = 0; i < ci->nfiles; i++)
		if (index_funcs(ci, i, &fcap))
			return -1;
	return index_traces(ci, &tcap);
}

int code_index_build(struct code_index *ci, const struct code_src *src, int n)
{
	memset(ci, 0, sizeof(*ci));
	ci->files = calloc((size_t)(n ? n : 1), sizeof(*ci->files));
	if (!ci->files)
		return -1;
	for (int i = 0; i < n; i++)
		if (add_file(ci, src[i].path, src[i].text))
			goto fail;
	if (index_all(ci))
		goto fail;
	return 0;
fail:
	code_index_free(ci);
	return -1;
}

int code_index_embedded(struct code_index *ci)
{
	int n = 0;

	while (view_src_files[n].path)
		n++;
	return code_index_build(ci, view_src_files, n);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, r;

	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *n = realloc(buf, cap = cap * 2 + 4096 + 1);

			if (!n) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = n;
		}
		r = fread(buf + len, 1, cap - len - 1, f);
		len += r;
	} while (r > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of DIR/core/<name>.c; -1 when DIR/core cannot be read. */
static int list_core(const char *dir, char ***names)
{
	char path[4096];
	struct dirent *d;
	int n = 0, cap = 0;
	DIR *dp;

	snprintf(path, sizeof(path), "%s/core", dir);
	dp = opendir(path);
	if (!dp)
		return -1;
	*names = NULL;
	while ((d = readdir(dp))) {
		size_t l = strlen(d->d_name);

		if (l < 3 || (strcmp(d->d_name + l - 2, ".c") != 0 && strcmp(d->d_name + l - 2, ".h") != 0))
			continue;
		if (n == cap) {
			char **nn = realloc(*names, sizeof(*nn) * (size_t)(cap = cap * 2 + 32));

			if (!nn)
				break;
			*names = nn;
		}
		if (!((*names)[n] = strdup(d->d_name)))
			break;
		n++;
	}
	closedir(dp);
	if (n)
		qsort(*names, (size_t)n, sizeof(**names), cmp_str);
	return n;
}

int code_index_dir(struct code_index *ci, const char *dir)
{
	char **names = NULL;
	int n = list_core(dir, &names), ret = -1;
	struct code_src *src;
	char path[4096];

	memset(ci, 0, sizeof(*ci));
	if (n <= 0) {
		free(names);
		errno = ENOENT;
		return -1;
	}
	src = calloc((size_t)n, sizeof(*src));
	for (int i = 0; src && i < n; i++) {
		char *rel = malloc(strlen(names[i]) + 6);

		snprintf(path, sizeof(path), "%s/core/%s", dir, names[i]);
		if (rel)
			sprintf(rel, "core/%s", names[i]);
		src[i].path = rel;
		src[i].text = read_all(path);
		if (!rel || !src[i].text)
			goto out;
	}
	ret = src ? code_index_build(ci, src, n) : -1;
out:
	for (int i = 0; i < n; i++) {
		if (src) {
			free((char *)src[i].path);
			free((char *)src[i].text);
		}
		free(names[i]);
	}
	free(src);
	free(names);
	return ret;
}

void code_index_free(struct code_index *ci)
{
	for (int i = 0; i < ci->nfiles; i++) {
		free(ci->files[i].path);
		free(ci->files[i].text);
		free(ci->files[i].lines);
		free(ci->files[i].seed);
		free(ci->files[i].trace);
	}
	free(ci->files);
	free(ci->funcs);
	free(ci->traces);
	memset(ci, 0, sizeof(*ci));
}

static int name_eq(const char *a, int alen, const char *b)
{
	return (int)strlen(b) == alen && strncmp(a, b, (size_t)alen) == 0;
}

const struct code_func *code_func_find(const struct code_index *ci, const char *name)
{
	for (int i = 0; name && i < ci->nfuncs; i++)
		if (name_eq(ci->funcs[i].name, ci->funcs[i].namelen, name))
			return &ci->funcs[i];
	return NULL;
}

const struct code_func *code_func_at(const struct code_index *ci, int file, int line)
{
	for (int i = 0; i < ci->nfuncs; i++) {
		const struct code_func *fn = &ci->funcs[i];

		if (fn->file == file && line >= fn->first && line <= fn->last)
			return fn;
	}
	return NULL;
}

const struct code_trace *code_trace_find(const struct code_index *ci,
					 const char *event, const struct code_func *fn)
{
	int k = fn ? (int)(fn - ci->funcs) : -1;

	for (int i = 0; event && i < ci->ntraces; i++) {
		const struct code_trace *t = &ci->traces[i];

		if ((k < 0 || t->func == k) && name_eq(t->event, t->eventlen, event))
			return t;
	}
	return NULL;
}

/* Is this line a comment line (inside a block comment or a // one)? */
int code_comment_line(const char *l)
{
	while (*l == ' ' || *l == '\t')
		l++;
	return l[0] == '*' || (l[0] == '/' && (l[1] == '*' || l[1] == '/'));
}

/* Does @l call @name directly: "name(" not preceded by an identifier char? */
static int calls(const char *l, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(l, name); p; p = strstr(p + 1, name))
		if ((p == l || !code_ident_char((unsigned char)p[-1])) && p[n] == '(')
			return 1;
	return 0;
}

/* The first body line of @fn that calls @callee itself (by name or
 * through its function pointer); 0 if none. */
static int direct_call_line(const struct code_index *ci, const struct code_func *fn,
			    const char *callee)
{
	const char *via = NULL;

	for (size_t i = 0; i < sizeof(code_indirect) / sizeof(code_indirect[0]); i++)
		if (strcmp(code_indirect[i].callee, callee) == 0)
			via = code_indirect[i].text;
	for (int l = fn->open + 1; l < fn->last; l++) {
		const char *t = code_line(ci, fn->file, l);

		if (code_comment_line(t) || code_is_trace(ci, fn->file, l))
			continue;
		if (calls(t, callee) || (via && strstr(t, via)))
			return l;
	}
	return 0;
}

/* Does line @l call a function of the index whose body calls @callee?
 * (an untraced function, which does not show on the call stack, can stand
 * between a traced caller and callee, such as inet_hash_connect's
 * inet_sk_port_offset or a lower-layer helper.) */
static int helper_calls(const struct code_index *ci, const char *l, const char *callee)
{
	for (const char *p = l; *p; p++) {
		const char *b = p;
		char name[128];
		size_t n;

		if (!code_ident_char((unsigned char)*p) || (p > l && code_ident_char((unsigned char)p[-1])))
			continue;
		while (code_ident_char((unsigned char)*p))
			p++;
		n = (size_t)(p - b);
		if (*p != '(' || n >= sizeof(name))
			continue;
		memcpy(name, b, n);
		name[n] = '\0';
		const struct code_func *g = code_func_find(ci, name);
		if (g && direct_call_line(ci, g, callee))
			return 1;
	}
	return 0;
}

int code_call_line(const struct code_index *ci, const struct code_func *fn,
		   const char *callee)
{
	int l;

	if (!fn || !callee)
		return 0;
	l = direct_call_line(ci, fn, callee);
	if (l)
		return l;
	for (l = fn->open + 1; l < fn->last; l++) {
		const char *t = code_line(ci, fn->file, l);

		if (!code_comment_line(t) && !code_is_trace(ci, fn->file, l) &&
		    helper_calls(ci, t, callee))
			return l;
	}
	return 0;
}

const char *code_line(const struct code_index *ci, int file, int line)
{
	if (file < 0 || file >= ci->nfiles || line < 1 || line > ci->files[file].nlines)
		return "";
	return ci->files[file].lines[line - 1];
}

int code_seed_line(const struct code_index *ci, int file, int line)
{
	if (file < 0 || file >= ci->nfiles || line < 1 || line > ci->files[file].nlines)
		return 0;
	return ci->files[file].seed[line - 1];
}

int code_is_trace(const struct code_index *ci, int file, int line)
{
	if (file < 0 || file >= ci->nfiles || line < 1 || line > ci->files[file].nlines)
		return 0;
	return ci->files[file].trace[line - 1];
}
