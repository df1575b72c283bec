/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panes.h - the panes, each drawn into its rectangle of the screen, and the
 * helpers they share.  Private to viz/tui.
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

/* The panes' content (title row excluded). */
void pane_code_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_socket_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_tables_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_packets_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_events_draw(struct view *v, struct vscreen *s, const struct vrect *r);
void pane_code_title(struct view *v, char *buf, size_t len);
/* A pane title's extra words ("sk 1 SYN_SENT"), "" when none. */
void pane_title_extra(struct view *v, int pane, char *buf, size_t len);

/* The socket an event is about (its sk_id, else tw_id), 0 if none. */
uint32_t view_event_socket(struct view *v, size_t index);
uint32_t event_socket(const struct model_event *ev);
/* The next (dir 1) or previous (dir -1) connect step of the view's socket
 * after/before event @from: the entry of a traced function in one of the
 * socket's call trees, or a state change.  false when there is none. */
bool view_connect_step(struct view *v, size_t from, int dir, size_t *out);
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

#endif
