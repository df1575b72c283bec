// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_view_seed.c - the 3.10:N markers of core/ against the seed article.
 *
 * A line of core/ that ends in the marker comment 3.10:N says it is line N
 * of the kernel's 3.10 source as the seed article quotes it; the Code pane
 * shows N beside connscope's number.  This test reads the seed (not part of
 * the project: ../shared/seed/, or $CS_SEED) and checks that each marked
 * line's code is the quoted line's code (whitespace and comments aside),
 * inside the function of the same name, in the kernel's order.  Without
 * the seed it exits 77 (skipped): the project holds no kernel text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codesrc.h"
#include "harness.h"

#define SEED_DEFAULT "../shared/seed/connect-path-linux-3.10.txt"
#define SEED_MAX 1024
#define TEXT_MAX 256

/* One code line the seed quotes: its function, number and normalised code. */
struct seed_line {
	char func[64];
	int num;
	char code[TEXT_MAX];
};

static struct seed_line seed[SEED_MAX];
static int nseed;

static int ident(int c)
{
	return isalnum(c) || c == '_';
}

/* @in without comments (*@incomment carries a block comment across lines)
 * and with only the blanks that separate two identifiers. */
static void normalise(const char *in, char *out, size_t len, int *incomment)
{
	size_t o = 0;
	int blank = 0;

	for (const char *p = in; *p && o + 2 < len; p++) {
		if (*incomment) {
			if (p[0] == '*' && p[1] == '/') {
				*incomment = 0;
				p++;
			}
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			*incomment = 1;
			p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '/')
			break;
		if (isspace((unsigned char)*p)) {
			blank = 1;
			continue;
		}
		if (blank && o && ident((unsigned char)out[o - 1]) && ident((unsigned char)*p))
			out[o++] = ' ';
		blank = 0;
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* The function a quoted line starts at column 0 ("int tcp_connect(struct
 * sock *sk)"; SYSCALL_DEFINE3(connect, ...) is sys_connect), or 0. */
static int seed_func_start(const char *code, char *name, size_t len)
{
	const char *paren = strchr(code, '('), *b, *e;
	size_t n = strlen(code);

	while (n && isspace((unsigned char)code[n - 1]))
		n--;
	if (!ident((unsigned char)code[0]) || !paren || (n && code[n - 1] == ';'))
		return 0;
	for (e = paren; e > code && e[-1] == ' '; e--)
		;
	for (b = e; b > code && ident((unsigned char)b[-1]); b--)
		;
	if (!strncmp(b, "SYSCALL_DEFINE", 14)) {
		for (b = e = paren + 1; ident((unsigned char)*e); e++)
			;
		snprintf(name, len, "sys_%.*s", (int)(e - b), b);
	} else {
		snprintf(name, len, "%.*s", (int)(e - b), b);
	}
	return e > b;
}

/* A numbered code line: " 631     err = ...".  Its code in *@code, or -1
 * (prose, which may start with a number too, has no ASCII-only code). */
static int seed_number(char *l, char **code)
{
	char *p = l, *c;
	int n = 0;

	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++)
		n = n * 10 + (*p - '0');
	if (*p && *p != ' ')
		return -1;
	*code = *p ? p + 1 : p;
	for (c = *code; *c && !(c[0] == '/' && c[1] == '/'); c++)
		if ((unsigned char)*c >= 0x80)
			return -1;
	return n;
}

/* Read the seed's quoted lines, each under the function it belongs to.
 * -1 when the seed is not there. */
static int seed_read(const char *path)
{
	char l[4096], func[64] = "";
	FILE *f = fopen(path, "r");
	int incomment = 0;

	if (!f)
		return -1;
	while (fgets(l, sizeof(l), f) && nseed < SEED_MAX) {
		char *code;
		int n;

		l[strcspn(l, "\r\n")] = '\0';
		n = seed_number(l, &code);
		if (n < 0) {
			/* an elision keeps the function; prose ends it */
			if (strncmp(l, "...", 3))
				func[0] = '\0';
			incomment = 0;
			continue;
		}
		if (seed_func_start(code, func, sizeof(func)))
			incomment = 0;
		if (!func[0])
			continue;
		snprintf(seed[nseed].func, sizeof(seed[nseed].func), "%s", func);
		seed[nseed].num = n;
		normalise(code, seed[nseed].code, TEXT_MAX, &incomment);
		nseed++;
	}
	fclose(f);
	return 0;
}

static const struct seed_line *seed_find(const char *func, int namelen, int num)
{
	for (int i = 0; i < nseed; i++)
		if (seed[i].num == num && (int)strlen(seed[i].func) == namelen &&
		    !strncmp(seed[i].func, func, (size_t)namelen))
			return &seed[i];
	return NULL;
}

/* The seed's functions, each of which must carry at least one marker. */
static const char *const seed_funcs[] = {
	"sys_connect", "__inet_stream_connect", "tcp_v4_connect", "inet_hash_connect",
	"__inet_hash_connect", "__inet_check_established", "__inet_hash", "inet_hash",
	"__inet_hash_nolisten", "inet_ehash_bucket", "tcp_connect", "tcp_transmit_skb",
};

static void test_markers(void)
{
	struct code_index ci;
	int marks = 0, per[sizeof(seed_funcs) / sizeof(seed_funcs[0])] = { 0 };

	STEP("the seed's quoted lines, by function");
	EXPECT(nseed > 400);
	CU_ASSERT_FATAL(code_index_embedded(&ci) == 0);
	for (int k = 0; k < ci.nfuncs; k++) {
		const struct code_func *fn = &ci.funcs[k];
		int prev = 0;

		for (int l = fn->first; l <= fn->last; l++) {
			int n = code_seed_line(&ci, fn->file, l), incomment = 0;
			const struct seed_line *s;
			char code[TEXT_MAX];

			if (!n)
				continue;
			marks++;
			STEP("%s:%d %.*s() says 3.10:%d", ci.files[fn->file].path, l, fn->namelen,
			     fn->name, n);
			s = seed_find(fn->name, fn->namelen, n);
			EXPECT(s != NULL);	/* the seed quotes that line of that function */
			EXPECT(n > prev);	/* in the kernel's order */
			prev = n;
			if (!s)
				continue;
			normalise(code_line(&ci, fn->file, l), code, sizeof(code), &incomment);
			EXPECT(code[0] != '\0');
			if (strcmp(code, s->code))
				printf("  connscope: %s\n  3.10:      %s\n", code, s->code);
			EXPECT(strcmp(code, s->code) == 0);
			for (size_t i = 0; i < sizeof(seed_funcs) / sizeof(seed_funcs[0]); i++)
				if ((int)strlen(seed_funcs[i]) == fn->namelen &&
				    !strncmp(seed_funcs[i], fn->name, (size_t)fn->namelen))
					per[i]++;
		}
	}
	STEP("every seed function is mapped; %d markers", marks);
	EXPECT(marks > 150);
	for (size_t i = 0; i < sizeof(seed_funcs) / sizeof(seed_funcs[0]); i++) {
		STEP("%s has a marker", seed_funcs[i]);
		EXPECT(per[i] > 0);
	}
	code_index_free(&ci);
}

/* The normaliser: comments and blanks aside, the code. */
static void test_normalise(void)
{
	char out[TEXT_MAX];
	int c = 0;

	normalise("\terr = sk->sk_prot->connect(sk, uaddr, addr_len); //x", out, sizeof(out), &c);
	EXPECT(strcmp(out, "err=sk->sk_prot->connect(sk,uaddr,addr_len);") == 0);
	normalise("  unsigned int  hash; /* 3.10:323 */", out, sizeof(out), &c);
	EXPECT(strcmp(out, "unsigned int hash;") == 0);
	normalise("/* Must record num", out, sizeof(out), &c);
	EXPECT(out[0] == '\0' && c == 1);
	normalise(" * funny identity. */ x = 1;", out, sizeof(out), &c);
	EXPECT(strcmp(out, "x=1;") == 0 && c == 0);
}

void register_tests(void)
{
	const char *path = getenv("CS_SEED") ? getenv("CS_SEED") : SEED_DEFAULT;
	CU_pSuite s;

	if (seed_read(path)) {
		printf("SKIPPED: no seed article at %s (set CS_SEED)\n", path);
		exit(77);
	}
	s = CU_add_suite("view_seed", NULL, NULL);
	CU_add_test(s, "normalised code: no comments, no blanks", test_normalise);
	CU_add_test(s, "each 3.10:N marker is the seed's line N", test_markers);
}
