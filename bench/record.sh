# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# shellcheck disable=SC2154
# record.sh - sourced by the benchmarks (not run itself): record a loop-NIC
# scenario into a trace of its own events, and count a trace's events.
# record_setup sets $out (a scratch directory), $sess (a session name) and
# the cleanup; record needs $SCEN (the scenario program: trace_dot_connects)
# and sets $spid while it runs.

# record_setup NAME: lttng and babeltrace2 present, a session daemon (started
# when none runs, stopped at exit), a scratch directory, cleanup on exit.
record_setup() {
	for t in lttng babeltrace2; do
		command -v $t >/dev/null 2>&1 || { echo "$1: $t is not installed" >&2; exit 1; }
	done
	started=""
	if ! lttng list >/dev/null 2>&1; then
		lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1 ||
			{ echo "$1: no lttng-sessiond" >&2; exit 1; }
		started=yes
	fi
	out=$(mktemp -d "/tmp/cs-$1.XXXXXX")
	sess="cs-$1-$$"
	trap record_cleanup EXIT INT TERM
}

record_cleanup() {
	[ -n "${spid:-}" ] && kill "$spid" 2>/dev/null	# a scenario still at its gate
	lttng destroy "$sess" >/dev/null 2>&1
	if [ -n "$started" ]; then
		pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null || cat "$HOME/.lttng/lttng-sessiond.pid" 2>/dev/null)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	fi
	rm -rf "$out"
}

# record DIR N: the scenario with N connect+close cycles into DIR, its own
# events only (it waits at a gate until the session filters on its pid);
# large sub-buffers so that the consumer keeps up.
record() {
	rm -f "$out/gate"
	mkfifo "$out/gate" || return 1
	sh -c 'read x <"$0"; exec "$@"' "$out/gate" "$SCEN" -n "$2" "$out/dump.json" >/dev/null &
	spid=$!
	lttng create "$sess" --output="$1" >/dev/null &&
	lttng enable-channel -u -s "$sess" --subbuf-size=4M --num-subbuf=8 big >/dev/null &&
	lttng enable-event -u -s "$sess" -c big 'connscope:*' --filter "\$ctx.vpid == $spid" >/dev/null &&
	lttng add-context -u -s "$sess" -c big -t vtid >/dev/null &&
	lttng start "$sess" >/dev/null
	rc=$?
	echo go >"$out/gate"
	wait "$spid" || rc=1
	spid=
	lttng stop "$sess" >/dev/null 2>&1
	lttng destroy "$sess" >/dev/null 2>&1
	return $rc
}

# count DIR: the events in a trace (babeltrace2's counter sink).
count() {
	babeltrace2 "$1" -c sink.utils.counter -p step=+0 2>/dev/null |
		awk '$2 == "Event" && $3 == "messages" { print $1; exit }'
}
