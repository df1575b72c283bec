/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * live.h - finding the live session that `connscope connect --trace live`
 * creates, and asking its process for a state dump once attached.
 *
 * connscope's relay daemon listens on 127.0.0.1, ports BASE (control),
 * BASE+1 (data) and BASE+2 (live), BASE = $CONNSCOPE_RELAY_PORT or 27342
 * (not lttng's defaults, so a user's own relay is left alone).  Its
 * session is named "connscope-live-PID", PID being the connscope process
 * that created it: SIGUSR1 to it makes the stack emit a state dump, so a
 * viewer that attaches late still sees every socket and table entry.
 */
#ifndef VIEW_LIVE_H
#define VIEW_LIVE_H

#include <stddef.h>
#include <sys/types.h>

#define LIVE_PORT_BASE_DEFAULT 27342
#define LIVE_SESSION_PREFIX "connscope-live-"

/* "net://127.0.0.1:27344": the relay's live URL for connscope's ports. */
void live_relay_url(char *buf, size_t len);

enum live_find {
	LIVE_FOUND = 0,		/* @url holds the session's URL */
	LIVE_NO_SESSION = 1,	/* the relay answers; no connscope session yet */
	LIVE_NO_RELAY = -1,	/* nothing answers at the relay URL */
};
/* Ask the relay at @relay for its sessions; pick the newest connscope one
 * (the largest PID among connscope-live-PID names). */
enum live_find live_find_session(const char *relay, char *url, size_t len);

/* The PID in a session URL ".../connscope-live-PID", 0 if none. */
pid_t live_session_pid(const char *url);
/* Ask that process for a state dump (SIGUSR1) if it is connscope.
 * 0 when signalled, -1 otherwise. */
int live_request_statedump(pid_t pid);

#endif
