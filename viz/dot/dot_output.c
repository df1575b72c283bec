// SPDX-License-Identifier: GPL-2.0-only
/*
 * dot_output.c - write a diagram: DOT through cgraph's agwrite (no layout,
 * so the file diffs cleanly), SVG/PNG/PDF through libgvc (the "dot" layout
 * engine, then the renderer for the format).
 */
#include <errno.h>
#include <string.h>
#include <gvc.h>
#include "dot_graph.h"

int dot_format_ok(const char *format)
{
	static const char *const ok[] = { "dot", "svg", "png", "pdf" };

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(format, ok[i]) == 0)
			return 1;
	return 0;
}

/*
 * One Graphviz context for the whole process, never freed: Graphviz 2.42's
 * pango plugin keeps the last font name it measured across contexts, so a
 * second context after gvFreeContext reads freed memory (ASan sees it with
 * --view all).  The context stays reachable, so LeakSanitizer is quiet.
 */
static GVC_t *context(void)
{
	static GVC_t *gvc;

	if (!gvc)
		gvc = gvContext();
	return gvc;
}

/* Lay @g out and render it into @f; Graphviz reports its own errors. */
static int render(Agraph_t *g, const char *format, FILE *f, char *err, size_t errlen)
{
	GVC_t *gvc = context();
	int rc = -1;

	if (!gvc) {
		snprintf(err, errlen, "cannot create a Graphviz context");
		return -1;
	}
	if (gvLayout(gvc, g, "dot") != 0) {
		snprintf(err, errlen, "Graphviz could not lay the graph out");
		return -1;
	}
	rc = gvRender(gvc, g, format, f) == 0 ? 0 : -1;
	if (rc)
		snprintf(err, errlen, "Graphviz has no renderer for -T %.16s", format);
	gvFreeLayout(gvc, g);
	return rc;
}

int dot_write(Agraph_t *g, const char *format, const char *path, char *err, size_t errlen)
{
	FILE *f;
	int rc;

	if (!dot_format_ok(format)) {
		snprintf(err, errlen, "unknown output format '%.32s' (dot, svg, png, pdf)", format);
		return -1;
	}
	f = fopen(path, "w");
	if (!f) {
		snprintf(err, errlen, "%.200s: %s", path, strerror(errno));
		return -1;
	}
	if (strcmp(format, "dot") == 0) {
		rc = agwrite(g, f) == 0 ? 0 : -1;
		if (rc)
			snprintf(err, errlen, "%.200s: cannot write the graph", path);
	} else {
		agseterr(AGERR);	/* keep Graphviz's warnings (fonts) off stderr */
		rc = render(g, format, f, err, errlen);
	}
	if (fclose(f) != 0 && !rc) {
		snprintf(err, errlen, "%.200s: %s", path, strerror(errno));
		rc = -1;
	}
	return rc;
}
