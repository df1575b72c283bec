/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_live.h - `connscope connect --trace live`: record this run in an
 * LTTng live session that connscope-view --live can follow.
 *
 * What it starts when needed (and stops at exit, only what it started):
 * lttng-sessiond (--no-kernel) when none answers, lttng-relayd on
 * 127.0.0.1 ports BASE (control), BASE+1 (data), BASE+2 (live) with
 * BASE = $CONNSCOPE_RELAY_PORT or 27342 (not lttng's defaults), and a
 * session "connscope-live-PID" with a 100 ms live timer recording
 * connscope:* with the vpid, vtid and procname contexts.  An existing
 * connscope-live-* session is reused as it is.  A first SIGINT or
 * SIGTERM cuts the run short (lttng_stopping, lttng_daemon.h).
 */
#ifndef CS_CLI_TRACE_LIVE_H
#define CS_CLI_TRACE_LIVE_H

#include <stdbool.h>
#include <sys/types.h>

#define TRACE_LIVE_PORT_BASE 27342

struct trace_live {
	char session[64];	/* the session recording us */
	bool created;		/* we created it: destroy it at exit */
	pid_t relayd;		/* the relay daemon we started, 0 if none */
	bool sessiond;		/* we started lttng-sessiond */
	char url[128];		/* the viewer's URL for the session */
};

/* Set up the live session; call before entering another network
 * namespace (the relay listens in this one).  0, or -1 after printing
 * why on stderr. */
int trace_live_start(struct trace_live *tl);
/* Destroy the session and stop the daemons that trace_live_start started. */
void trace_live_stop(struct trace_live *tl);

#endif
