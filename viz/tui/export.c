// SPDX-License-Identifier: GPL-2.0-only
/*
 * export.c - the 'd' key: the state at the current event as Graphviz SVG
 * files, drawn in this process by viz/dot's exporter (dot_export) from the
 * viewer's own model, so a live view exports as well as a replay.
 */
#include <stdio.h>
#include "../dot/dot_export.h"
#include "model.h"
#include "panes.h"

/* The socket to highlight: the panes' socket @sk when the model at the
 * current event still knows it (a live socket, or one whose connect it
 * holds, as dot_fill wants); else 0, the latest connect's (a socket closed
 * and freed, a TIME-WAIT socket killed).  The model is at v->pos + 1. */
static uint32_t export_socket(const struct view *v, uint32_t sk)
{
	size_t n = model_calltree_count(v->m);

	if (!sk || model_sock_find(v->m, sk))
		return sk;
	for (size_t i = 0; i < n; i++)
		if (model_calltree_at(v->m, i)->sk_id == sk)
			return sk;
	return 0;
}

/* Write every view (connscope-dot --view all -T svg) after event v->pos,
 * highlighting the panes' socket, into EXPORT_DIR/connscope-POS-VIEW.svg;
 * then put the model back where the viewer had it (dot_export seeks it).
 * The status line says what was written, or why not. */
void view_export(struct view *v)
{
	struct dot_request r;
	char file[512], err[VIEW_MSG_MAX - 32], gone[48] = "";
	size_t cursor = model_current_index(v->m);
	uint32_t sk;
	int n;

	if (!view_count(v)) {
		snprintf(v->msg, sizeof(v->msg), "nothing to export yet");
		return;
	}
	n = snprintf(file, sizeof(file), "%s/connscope-%zu.svg", v->export_dir, v->pos);
	if (n < 0 || (size_t)n >= sizeof(file)) {
		snprintf(v->msg, sizeof(v->msg), "export directory name too long");
		return;
	}
	view_sync(v);		/* the model after event pos, for export_socket */
	sk = view_socket(v);
	dot_request_init(&r);
	r.socket = export_socket(v, sk);
	if (sk && !r.socket)
		snprintf(gone, sizeof(gone), " (socket %u is gone: no highlight)", sk);
	r.view = DOT_VIEW_ALL;
	r.format = "svg";
	r.output = file;
	r.has_at = true;
	r.at = v->pos;
	r.quiet = true;		/* nothing on stdout under curses */
	err[0] = '\0';
	if (dot_export(v->m, &r, err, sizeof(err)) == 0)
		snprintf(v->msg, sizeof(v->msg), "exported %s/connscope-%zu-*.svg%s",
			 v->export_dir, v->pos, gone);
	else
		snprintf(v->msg, sizeof(v->msg), "export failed: %s", err[0] ? err : "?");
	if (model_current_index(v->m) != cursor && model_seek(v->m, cursor))
		view_sync(v);
}
