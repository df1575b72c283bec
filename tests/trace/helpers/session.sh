# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# helpers/session.sh - sourced by the trace tests (not a test itself): the session
# daemon a test records with.  session_daemon uses the one that answers or
# starts one (non-zero if it cannot); session_stop_daemon, from the test's
# cleanup, stops it again when session_daemon started it.

session_daemon() {
	started=""
	lttng list >/dev/null 2>&1 && return 0
	lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1 || return 1
	started=yes
}

session_stop_daemon() {
	[ -n "$started" ] || return 0
	pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null || cat "$HOME/.lttng/lttng-sessiond.pid" 2>/dev/null)
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	return 0
}
