#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The trace test: one connect traced by a real LTTng session, read back with
# babeltrace2; the events must appear in the seed's order
# (tests/trace/expected-order.txt).  Starts lttng-sessiond when none runs
# and stops it afterwards.  Prints "trace: 1 passed, 0 failed" (or skipped).
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(dirname "$0")
prog="$BUILD/tests/trace_connect"

skip() { echo "SKIPPED: trace-order ($1)"; echo "trace: 0 passed, 0 failed, 1 skipped"; exit 0; }
fail() { echo "FAILED: trace-order: $1"; echo "trace: 0 passed, 1 failed"; exit 1; }

[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
command -v lttng >/dev/null 2>&1 || fail "lttng is not installed (run scripts/install-deps.sh)"
command -v babeltrace2 >/dev/null 2>&1 || fail "babeltrace2 is not installed"
[ -x "$prog" ] || fail "$prog is not built"

. "$here/helpers/session.sh"
session_daemon || fail "cannot start lttng-sessiond"
out=$(mktemp -d /tmp/cs-trace.XXXXXX)
sess="cs-trace-$$"
cleanup() {
	lttng destroy "$sess" >/dev/null 2>&1
	session_stop_daemon
	rm -rf "$out"
}
trap cleanup EXIT

lttng create "$sess" --output="$out/trace" >/dev/null || fail "lttng create"
lttng enable-event -u -s "$sess" 'connscope:*' >/dev/null || fail "lttng enable-event"
lttng start "$sess" >/dev/null || fail "lttng start"
"$prog" || fail "trace_connect failed"
lttng stop "$sess" >/dev/null || fail "lttng stop"
babeltrace2 "$out/trace" > "$out/events.txt" 2>"$out/bt.err" || fail "babeltrace2: $(cat "$out/bt.err")"
n=$(wc -l < "$out/events.txt")
[ "$n" -gt 0 ] || fail "no events recorded"

# Walk the trace once; each expected event must come after the previous one.
awk -v want="$here/expected-order.txt" '
	BEGIN { while ((getline l < want) > 0) if (l !~ /^#/ && l != "") seq_[n++] = l; i = 0 }
	{ for (f = 1; f <= NF; f++) if ($f ~ /^connscope:/) { ev = $f; sub(/:$/, "", ev); break }
	  if (i < n && ev == seq_[i]) i++ }
	END { if (i < n) { print "missing or out of order: " seq_[i] " (after " (i ? seq_[i-1] : "start") ")"; exit 1 } }
' "$out/events.txt" > "$out/check.txt" || fail "$(cat "$out/check.txt"); see the $n events above"
echo "PASSED: trace-order ($n events, $(grep -vc '^#' "$here/expected-order.txt") in the seed's order)"
echo "trace: 1 passed, 0 failed"
