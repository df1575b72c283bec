/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lttng_daemon.h - running the lttng tools for `connscope connect --trace`
 * (trace_live.c, trace_record.c): the lttng command, the session daemon
 * started when none answers, the tracing group the daemons are given, and
 * the stop signals that cut --hold short.
 *
 * The group: lttng-sessiond and lttng-relayd chown their sockets to the
 * group "tracing" by default.  Where that group does not exist, or is not
 * mapped (a user namespace maps only the creator's group), the chown fails
 * with EINVAL and the daemon exits; they are then given the group of our
 * effective gid, which always exists there.
 */
#ifndef CS_CLI_LTTNG_DAEMON_H
#define CS_CLI_LTTNG_DAEMON_H

#include <stdbool.h>
#include <stddef.h>

/* Run a program quietly; its output (stdout and stderr) goes to @out (up
 * to @len - 1 bytes) when @out is not NULL, else to /dev/null.  Returns its
 * exit status, -1 if it did not run. */
int lttng_run(char *const argv[], char *out, size_t len);
/* `lttng A B ...` (up to six words, the rest NULL), quietly. */
int lttng_cmd(const char *a, const char *b, const char *c, const char *d,
	      const char *e, const char *f);
/* "--group=NAME" for the daemons into @buf, or "" when their default
 * group "tracing" exists and is mapped here. */
const char *lttng_group_arg(char *buf, size_t len);
/* Run a daemon's start command (argv, already including the group) with
 * its output kept in @out, a NUL-terminated text.  Returns its exit status
 * (-1: it did not run). */
int lttng_start_daemon(char *const argv[], char *out, size_t len);
/* Join a daemon's output into one line, its lines separated by "; " and
 * cut to @maxlen characters (for a one-line error message); @text must
 * hold @maxlen + 1 bytes. */
void lttng_one_line(char *text, size_t maxlen);
/* Print why a daemon did not start: its own words and what to do. */
void lttng_daemon_error(const char *what, const char *daemon, const char *output);

/* Make sure a session daemon answers `lttng list`: start one (--no-kernel)
 * when none does, and set *@started.  0, or -1 after printing the daemon's
 * error on stderr (@what names the option, e.g. "--trace DIR"). */
int lttng_sessiond_ensure(const char *what, bool *started);
/* Stop the lttng-sessiond that lttng_sessiond_ensure started. */
void lttng_sessiond_stop(void);
/* Wait (up to 3 s) until our process is registered with the session
 * daemon (`lttng list -u` names our pid), so that a session started next
 * records it from its first event; if it is not, say so on stderr.  Only
 * for a daemon started after us: with one running at our start, the
 * lttng-ust constructor registered before main(). */
void lttng_wait_registered(const char *what);

/* A first SIGINT or SIGTERM only cuts --hold short, so that the session
 * and the daemons are stopped on the way out; a second one kills. */
void lttng_catch_stop_signals(void);
/* Did one of those signals arrive? */
bool lttng_stopping(void);

#endif
