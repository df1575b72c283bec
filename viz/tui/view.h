/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * view.h - the viewer's state and what each key does, without curses.
 *
 * A struct view looks at a model (viz/model/model.h) at one event: "pos",
 * the index of the current event; the state shown is the model's state
 * after that event (model cursor pos + 1).  Keys change the view through
 * view_key(); time moves a running replay through view_tick(); the screen
 * is composed into a struct vscreen by view_render().  term.c feeds real
 * keys and time and copies the screen to the terminal; the batch mode and
 * the golden-screen tests feed scripted keys and print the text.
 */
#ifndef VIEW_VIEW_H
#define VIEW_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "layout.h"
#include "vscreen.h"

struct model;
struct model_event;
struct code_index;

#define VIEW_FILTER_MAX 64
#define VIEW_MSG_MAX 200
#define VIEW_MAX_PROCS 64	/* processes shown apart; more are not read */

struct view {
	struct model *m;
	const struct code_index *code;	/* NULL: the Code pane says so */
	/* the source */
	const char *source;		/* trace directory or lttng-live URL */
	bool live;
	bool loading;			/* the source may still deliver events */
	/* where we are */
	size_t pos;			/* current event index */
	bool paused;
	int speed;			/* index into the speed table */
	double play_ns;			/* a running replay: the trace time (ns) it
					 * reached; -1: from the current event */
	double last_ms;			/* time of the previous view_tick */
	bool ended;			/* a running replay reached the end */
	/* panes */
	int focus;
	int zoom;			/* -1 none */
	bool help;
	int help_scroll;
	int scroll[PANE_COUNT];		/* rows scrolled up (events: back) */
	int hscroll[PANE_COUNT];	/* columns scrolled right */
	size_t pkt_sel;			/* selected packet (index), SIZE_MAX: the latest */
	uint32_t sel_sock;		/* selected socket, 0: the current event's */
	bool follow;			/* steps and lists keep to the selected socket */
	bool ladder;			/* the Packets pane as a ladder (L) */
	bool ports;			/* the Tables pane as the port search (S) */
	bool projector;			/* --projector: Code, Socket, Packets */
	/* the event filter, and its prompt while it is being typed */
	char filter[VIEW_FILTER_MAX];
	bool editing;
	bool edit_goto;			/* the prompt is ':' (go to event), not '/' */
	char edit[VIEW_FILTER_MAX];
	/* one line for the status bar (export result, hints); error: a
	 * problem with the trace */
	char msg[VIEW_MSG_MAX];
	bool error;
	bool quit;
	/* where 'd' writes the Graphviz SVG files (export.c) */
	const char *export_dir;
	/* a monotonic clock in ms for view_tick's budget; NULL: no budget */
	double (*clock_ms)(void);
	/* screen geometry of the last render (for page sizes) */
	struct layout lay;
	/* scratch event for decoding stored events */
	struct model_event *ev;
	/* the socket the panes describe, computed by view_render */
	uint32_t cur_sock;
	/* the trace's connscope processes, one model each (view_process.c):
	 * pm[0] is the model given to view_init, m the one shown */
	struct model *pm[VIEW_MAX_PROCS];
	size_t npm, cur_pm;
};

/* Speeds: how fast the trace's clock runs in a replay, 1 = the events at
 * their recorded pace (a 1 s retransmission takes a second); the last
 * entry, 0, means "as fast as possible". */
extern const double view_speeds[];
extern const int view_nspeeds;
#define VIEW_SPEED_DEFAULT 4	/* 1x */
#define VIEW_TICK_EVENTS 100000	/* at most this many events per tick */

/* 0, or -1 when out of memory. */
int view_init(struct view *v, struct model *m, const struct code_index *code);
void view_free(struct view *v);

/* New events were applied to the model: keep the position sane (a live
 * view that is running follows the end). */
void view_events_added(struct view *v);
/* Bring the model's cursor to pos + 1 before reading its state. */
void view_sync(struct view *v);
/* Advance a running replay to the time @now_ms (ms, any origin).  Returns
 * true when the position changed.  Never applies for longer than about
 * @budget_ms, so keys stay responsive on big traces. */
bool view_tick(struct view *v, double now_ms, double budget_ms);
/* One key (a character or a VK_* code from keys.h).  Returns false when the
 * key means nothing here. */
bool view_key(struct view *v, int key);
/* Compose the whole screen (s->w x s->h). */
void view_render(struct view *v, struct vscreen *s);

/* Number of events in the model (stored). */
size_t view_count(const struct view *v);
/* The socket the panes describe: the selected one, else the current
 * event's, else the latest connect's; 0 when there is none. */
uint32_t view_socket(struct view *v);
/* Set the position (clamped) and bring the model there. */
void view_goto(struct view *v, size_t pos);
/* The event after (dir 1) or before (dir -1) @from that the view may stop
 * on: any event, or with F on, one of the selected socket's.  Returns
 * @from when there is none. */
size_t view_next_pos(struct view *v, size_t from, int dir);

/* Give @ev to the model of its process (a new model for a process not
 * seen yet; view_process.c).  0, or -1 with one sentence in @err. */
int view_apply(struct view *v, const struct model_event *ev, char *err, size_t errlen);
/* The status line's process part (" | pid N (2 of 3, o: next)") when the
 * trace holds more than one process, else "". */
void view_process_status(const struct view *v, char *buf, size_t len);

/* The key actions (the key table in keys.c points at them). */
void view_act_pause(struct view *v);
void view_act_next(struct view *v);
void view_act_prev(struct view *v);
void view_act_step_next(struct view *v);
void view_act_step_prev(struct view *v);
void view_act_faster(struct view *v);
void view_act_slower(struct view *v);
void view_act_first(struct view *v);
void view_act_last(struct view *v);
void view_act_next_pane(struct view *v);
void view_act_zoom(struct view *v);
void view_act_up(struct view *v);
void view_act_down(struct view *v);
void view_act_left(struct view *v);
void view_act_right(struct view *v);
void view_act_pgup(struct view *v);
void view_act_pgdn(struct view *v);
void view_act_select(struct view *v);
void view_act_filter(struct view *v);
void view_act_goto(struct view *v);
void view_act_connect_next(struct view *v);
void view_act_connect_prev(struct view *v);
/* The ':' prompt's text entered: go to that event, or say why not. */
void view_goto_typed(struct view *v, const char *text);
void view_act_follow(struct view *v);
void view_act_ladder(struct view *v);
void view_act_ports(struct view *v);
void view_act_export(struct view *v);
void view_act_close(struct view *v);
void view_act_quit(struct view *v);
void view_act_help(struct view *v);
void view_act_process(struct view *v);

#endif
