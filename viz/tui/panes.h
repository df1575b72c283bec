/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panes.h - the panes, each drawn into its rectangle of the screen, and the
 * helpers they share.  Private to viz/tui.
 *
 * The files call downwards only, never in a circle:
 *   keys.c > view_act.c > export.c, view_step.c, view_process.c > view.c
 *   view_draw.c > pane_table.c > pane_*.c > view.c > view_util.c > vscreen.c
 */
#ifndef VIEW_PANES_H
#define VIEW_PANES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "view.h"
#include "vscreen.h"

struct model_event;
struct model_sock;

/* What a pane is: its name, how its content (title row excluded) is
 * drawn, the extra words of its title ("sk 1 SYN_SENT", "" when none; NULL:
 * never any) and the help's line about it.  One entry per pane_id. */
struct pane_def {
	const char *name;
	void (*draw)(struct view *v, struct vscreen *s, const struct vrect *r);
	void (*title)(struct view *v, char *buf, size_t len);
	const char *legend;
};
extern const struct pane_def view_panes[PANE_COUNT];
const char *pane_name(int pane);

void pane_code_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_socket_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_tables_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_packets_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_events_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_code_title(struct view *v, char *buf, size_t len);
void pane_socket_title(struct view *v, char *buf, size_t len);
void pane_packets_title(struct view *v, char *buf, size_t len);
void pane_events_title(struct view *v, char *buf, size_t len);
void pane_tables_title(struct view *v, char *buf, size_t len);
/* The attribute of socket @sk's current state: VA_GOOD, VA_BAD, VA_REST
 * or VA_STATE (see pane_socket.c). */
int pane_state_attr(struct view *v, const struct model_sock *sk);
/* A pane title's extra words, "" when none. */
void pane_title_extra(struct view *v, int pane, char *buf, size_t len);

/* The socket an event is about (its sk_id, else tw_id), 0 if none. */
uint32_t view_event_socket(struct view *v, size_t index);
uint32_t event_socket(const struct model_event *ev);
/* The next (dir 1) or previous (dir -1) connect step of the step socket
 * after/before event @from: the entry of a traced function in one of the
 * socket's call trees, a state change, a packet, a timer (also on another
 * thread), the connect's final return.  false when there is none. */
bool view_connect_step(struct view *v, size_t from, int dir, size_t *out);
/* The socket N and P step through: the selected one, else the one whose
 * connect runs at the current event, else view_socket's. */
uint32_t view_step_socket(struct view *v);
/* Is @pos strictly inside a connect of @sk (after its sys_connect, before
 * its final return)? */
bool view_connect_inside(struct view *v, uint32_t sk, size_t pos);
/* The start (sys_connect) of the next (dir 1) or previous (dir -1) connect
 * after/before @from, any socket; its final return in *end, its socket in
 * *sk. */
bool view_connect_next(struct view *v, size_t from, int dir, size_t *out, size_t *end,
		       uint32_t *sk);
/* Move the packet selection by @delta packets (positive: later). */
void view_packet_move(struct view *v, int delta);
/* Run connscope-dot on the current state ('d'); the result in v->msg. */
void view_export(struct view *v);

/* One event as a log line: "#12 +0.000001234 name field=value ...". */
void event_format(const struct view *v, size_t index, const struct model_event *ev,
		  char *buf, size_t len);
/* "10.77.0.1" from a network-order address. */
const char *addr_str(uint32_t be, char *buf, size_t len);
/* A TCP state's name, short enough for the panes. */
const char *state_str(int state);

struct model_packet;
/* TCP options decoded like tcpdump: "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7". */
int view_tcp_options(const uint8_t *opt, size_t n, char *buf, size_t len);
/* The packet's IP (when traced) and TCP headers as bytes (@max >= 80). */
size_t view_packet_bytes(const struct model_packet *p, uint8_t *b, size_t max);

/* Write @text into row @row of @r with the pane's horizontal scroll. */
void pane_line(struct vscreen *s, const struct vrect *r, int row, int attr,
	       int hscroll, const char *text);

/* The row writer of the panes: the rows written so far into @r, the rows
 * still to skip (scrolled away) and the columns scrolled right. */
struct pane_rows {
	struct vscreen *s;
	const struct vrect *r;
	int row, skip;
	int hscroll;
};
/* One formatted line on the next row (or skipped while o->skip > 0). */
void pane_put(struct pane_rows *o, int attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Is the pane's content full? */
bool pane_full(const struct pane_rows *o);
/* The Tables pane in port search mode (S): socket @sk's search (pane_ports.c). */
void pane_ports_draw(struct view *v, struct pane_rows *o, uint32_t sk);

#endif
