/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_record.h - `connscope connect --trace DIR`: record this run into
 * DIR as a CTF trace (babeltrace2 DIR; connscope-dot, connscope-view,
 * connscope-model-dump DIR).
 *
 * A session "connscope-PID" writing to DIR records connscope:* with the
 * contexts vpid, vtid and procname; lttng-sessiond is started when none
 * answers (lttng_daemon.h: with a tracing group that exists here) and
 * stopped at the end.  The session is stopped and destroyed by a keeper
 * process forked before --user drops root, when connscope finishes or dies,
 * so that DIR is complete once connscope exits.  DIR must not exist or be
 * an empty directory.  A first SIGINT or SIGTERM ends the run early (no
 * new attempt, --hold cut short), with the trace complete.
 */
#ifndef CS_CLI_TRACE_RECORD_H
#define CS_CLI_TRACE_RECORD_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

struct trace_record {
	char session[64];	/* connscope-PID */
	char dir[PATH_MAX];	/* DIR, absolute (the daemon's cwd is not ours) */
	int keeper_fd;		/* its end closed: the keeper stops the session */
	pid_t keeper;		/* the keeper process, 0 if none */
};

/* Start recording into @dir.  0, or -1 after printing why on stderr. */
int trace_record_start(struct trace_record *tr, const char *dir);
/* Stop recording: wait until the keeper has stopped and destroyed the
 * session (and the daemon it started); DIR then holds the whole trace. */
void trace_record_stop(struct trace_record *tr);

#endif
