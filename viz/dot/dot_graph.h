/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dot_graph.h - Graphviz diagrams of connscope's state, made through
 * libcgraph (agopen/agnode/agedge/agsafeset, HTML-like labels through
 * agstrdup_html) and written through agwrite or rendered through libgvc.
 *
 * Node ids are stable across snapshots: "ehash"/"listen"/"tw"/"bhash" for
 * a bucket array, "sk<sk_id>" and "tw<tw_id>" for sockets, "bb<port>" for
 * bind buckets, "more_<table>_<slot>" for a cut chain, the state name for
 * a state, "c<n>" (pre-order) for a call.  Nodes and edges are created in
 * slot order, then chain order, so two snapshots of the same trace diff
 * line by line.
 */
#ifndef CS_DOT_GRAPH_H
#define CS_DOT_GRAPH_H

#include <stdarg.h>
#include <stdio.h>
#include <cgraph.h>
#include "dot_view.h"

/* Graphviz 2.42 takes char * where it means const char *. */
#define DOT_S(x) ((char *)(uintptr_t)(x))

/* The one muted colour (structure, headers, the highlight) and the ink. */
#define DOT_MUTED  "#5b7390"
#define DOT_LIGHT  "#eef1f5"
#define DOT_INK    "#333333"

/* Each returns a new graph (agclose() it), or NULL when out of memory. */
Agraph_t *dot_draw_table(const struct dot_table_view *v, const struct dot_opts *o);
Agraph_t *dot_draw_bhash(const struct dot_bhash_view *v, const struct dot_opts *o);
Agraph_t *dot_draw_state(const struct dot_state_view *v);
Agraph_t *dot_draw_callpath(const struct dot_callpath_view *v);
Agraph_t *dot_draw_ladder(const struct dot_ladder_view *v);
Agraph_t *dot_draw_ports(const struct dot_ports_view *v, const struct dot_opts *o);

/*
 * dot_write - write @g to @path as @format: "dot" through agwrite (no
 * layout), anything else ("svg", "png", "pdf") through gvLayout("dot") and
 * gvRenderFilename.  Returns 0, or -1 with a message in @err.
 */
int dot_write(Agraph_t *g, const char *format, const char *path, char *err, size_t errlen);
/* dot_format_ok - 1 if @format is one connscope-dot accepts. */
int dot_format_ok(const char *format);

/* --- helpers shared by the view files (dot_util.c) --- */

/* A growable string. */
struct dot_buf {
	char *s;
	size_t len, cap;
	int oom;
};
void dot_buf_printf(struct dot_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dot_buf_vprintf(struct dot_buf *b, const char *fmt, va_list ap);
void dot_buf_esc(struct dot_buf *b, const char *text);	/* HTML-escaped */
void dot_buf_free(struct dot_buf *b);

/* A graph with connscope's slide style; rankdir "LR" or "TB". */
Agraph_t *dot_graph_new(const char *name, const char *rankdir, const char *caption);
void dot_set(void *obj, const char *attr, const char *value);
/* Set @obj's label to the HTML-like label in @b (consumes nothing). */
int dot_set_html(Agraph_t *g, void *obj, const struct dot_buf *b);
Agnode_t *dot_node(Agraph_t *g, const char *id);
/* An edge tail[:tport] -> head[:hport]; ports may be NULL. */
Agedge_t *dot_edge(Agraph_t *g, Agnode_t *tail, const char *tport, Agnode_t *head,
		   const char *hport);

/* "SYN_SENT" for "TCP_SYN_SENT" or "SYN_SENT". */
const char *dot_state_name(const char *state);
/* The fill colour of a state (colour only means state). */
const char *dot_state_colour(const char *state);
/* "sk12" / "tw3" into @id. */
void dot_sock_id(const struct dot_sock *s, char *id, size_t len);
/* Append a socket's HTML table (id, state, 4-tuple, extra, next port);
 * @hl_line != NULL highlights it and adds that line. */
void dot_sock_html(struct dot_buf *b, const struct dot_sock *s, const char *hl_line);
/* Mark which of @n slots are drawn: the first @limit, and @must always. */
void dot_pick_slots(size_t n, size_t limit, size_t must, char *shown);
/* A folded row: "… N empty …", or "… N slots, +K more in use …". */
void dot_gap_row(struct dot_buf *b, uint32_t n, size_t used);
/* The head row of a slot array: "<b>NAME</b> [SIZE]". */
void dot_array_open(struct dot_buf *b, const char *name, uint32_t size);
/* Close a slot array whose last drawn slot was @next - 1 (0: none), with
 * @used slots cut after it, and set it as @n's label; @nslots 0 says
 * "(all empty)".  Frees @b.  0, or -1 when @n is NULL or the label fails. */
int dot_array_close(Agraph_t *g, Agnode_t *n, struct dot_buf *b, uint32_t size,
		    uint32_t next, size_t used, size_t nslots);
/* Add a "+N more" node "more_<table>_<slot>" after @last (from its next port). */
int dot_more_node(Agraph_t *g, const char *table, uint32_t slot, Agnode_t *last,
		  const char *tport, size_t more);

/* "SYN,ACK": a TCP flag byte by name, low bit first (as tshark lists them). */
void dot_tcp_flags(uint8_t flags, char *buf, size_t len);
/* " mss 1460 sackOK ts ws 7": TCP option bytes in brief ("" for none). */
void dot_tcp_options(const uint8_t *opt, size_t optlen, char *buf, size_t len);
/* A legend: a node "legend" listing @n (key, meaning) pairs (the key is
 * HTML: a coloured cell or a sample), below @anchor (invisible edge) when
 * not NULL.  0, or -1 when out of memory. */
struct dot_legend_item {
	const char *key;	/* HTML-like label text of the key cell */
	const char *bg;		/* the key cell's fill, or NULL */
	const char *meaning;	/* plain text */
};
int dot_legend(Agraph_t *g, Agnode_t *anchor, const struct dot_legend_item *items, size_t n);

#endif
