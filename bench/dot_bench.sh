#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/dot_bench.sh - `make bench`, the viz part: a trace of about one
# million connscope events (tests/trace/trace_dot_connects -n N on the loop
# NIC, recorded by a real LTTng session) read by connscope-dot: trace ->
# model -> diagram.  Prints the events and the events per second, for the
# DOT output alone (cgraph, no layout) and for all views rendered as SVG.
#
#   bench/dot_bench.sh [-e EVENTS]      (default 1000000)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
DOT=$ROOT/$BUILD/bin/connscope-dot
SCEN=$ROOT/$BUILD/tests/trace_dot_connects
EVENTS=1000000

while [ $# -gt 0 ]; do
	case $1 in
	-e) [ $# -ge 2 ] || { echo "usage: bench/dot_bench.sh [-e EVENTS]" >&2; exit 2; }; EVENTS=$2; shift 2;;
	*) echo "usage: bench/dot_bench.sh [-e EVENTS]" >&2; exit 2;;
	esac
done
case $EVENTS in ''|*[!0-9]*|0) echo "dot_bench: -e: not a positive count: $EVENTS" >&2; exit 2;; esac
for f in "$DOT" "$SCEN"; do
	[ -x "$f" ] || { echo "dot_bench: $f is not built (make all)" >&2; exit 1; }
done
# shellcheck source=bench/record.sh
. "$(dirname "$0")/record.sh"
record_setup dot_bench

# discarded DIR: the events the tracer reports as discarded.
discarded() {
	babeltrace2 "$1" -c sink.utils.counter -p step=+0 2>/dev/null |
		awk '$2 == "Discarded" && $3 == "event" { print $1; exit }'
}
now_ns() { date +%s%N; }

# Calibrate: the fixed part (0 cycles) and the events per cycle (200
# cycles), then size the real run to at least EVENTS events.
if ! record "$out/cal0" 0 || ! record "$out/cal" 200; then
	echo "dot_bench: the calibration runs failed" >&2
	exit 1
fi
c0=$(count "$out/cal0")
cal=$(count "$out/cal")
if [ -z "$c0" ] || [ -z "$cal" ] || [ "$cal" -le "$c0" ]; then
	echo "dot_bench: cannot count the calibration traces" >&2
	exit 1
fi
n=$(( (EVENTS - c0) * 206 / (cal - c0) + 1 ))   # +3%: later cycles are a little shorter
[ "$n" -gt 0 ] || n=1
echo "== viz: connscope-dot on a trace of ~$EVENTS events ($n connect+close cycles on the loop NIC)"
# Up to three tries: a session daemon shared with other tests may go away.
ev=""
for try in 1 2 3; do
	rm -rf "$out/trace"
	record "$out/trace" "$n" && ev=$(count "$out/trace") && [ -n "$ev" ] && break
	echo "dot_bench: recording try $try failed" >&2
done
[ -n "$ev" ] || { echo "dot_bench: cannot record and count the trace" >&2; exit 1; }
lost=$(discarded "$out/trace")

# run NAME ARGS...: time one connscope-dot run, print events per second.
run() {
	name=$1; shift
	t0=$(now_ns)
	"$DOT" "$out/trace" -q "$@" 2>"$out/err" || { echo "dot_bench: $name: $(cat "$out/err")" >&2; return 1; }
	t1=$(now_ns)
	awk -v n="$ev" -v ns=$((t1 - t0)) -v name="$name" 'BEGIN {
		printf "  %-34s %9d events  %7.2f s  %10.0f events/s\n", name, n, ns / 1e9, n / (ns / 1e9) }'
}
run "trace -> model -> ehash (DOT)" --view ehash -T dot -o "$out/e.dot" &&
run "trace -> model -> all views (SVG)" --view all -T svg -o "$out/all.svg" || exit 1
[ "${lost:-0}" -eq 0 ] || echo "  (the tracer reported $lost discarded-event messages: the trace has gaps)"
