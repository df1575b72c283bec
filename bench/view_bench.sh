#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/view_bench.sh - `make bench`, the viewer part: replay throughput of
# connscope-view on a trace of about one million connscope events
# (tests/trace/trace_dot_connects -n N on the loop NIC, recorded by a real
# LTTng session).  connscope-view --bench loads the trace (babeltrace2 ->
# model, events stored) and replays it from the first event to the last as
# fast as it can, composing the whole 120x40 screen once per 50 ms (screen
# updates batched); it prints events per second for both.
#
#   bench/view_bench.sh [-e EVENTS] [-t TRACE_DIR]   (default 1000000 events)
# shellcheck disable=SC2015  # "a && b || fail" chains are meant
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
VIEW=$ROOT/$BUILD/bin/connscope-view
SCEN=$ROOT/$BUILD/tests/trace_dot_connects
EVENTS=1000000
TRACE_DIR=

usage() { echo "usage: bench/view_bench.sh [-e EVENTS] [-t TRACE_DIR]" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	-e) [ $# -ge 2 ] || usage; EVENTS=$2; shift 2;;
	-t) [ $# -ge 2 ] || usage; TRACE_DIR=$2; shift 2;;
	*) usage;;
	esac
done
case $EVENTS in ''|*[!0-9]*|0) echo "view_bench: -e: not a positive count: $EVENTS" >&2; exit 2;; esac
[ -x "$VIEW" ] || { echo "view_bench: $VIEW is not built (make all)" >&2; exit 1; }
if [ -n "$TRACE_DIR" ]; then
	echo "== viz: connscope-view --bench on $TRACE_DIR"
	exec "$VIEW" --bench "$TRACE_DIR"
fi
[ -x "$SCEN" ] || { echo "view_bench: $SCEN is not built (make all)" >&2; exit 1; }
# shellcheck source=bench/record.sh
. "$(dirname "$0")/record.sh"
record_setup view_bench

# Calibrate on 200 cycles, then size the run to about EVENTS events.
record "$out/cal0" 0 && c0=$(count "$out/cal0") && rm -rf "$out/cal0" &&
record "$out/cal" 200 && cal=$(count "$out/cal") && rm -rf "$out/cal" ||
	{ echo "view_bench: the calibration runs failed" >&2; exit 1; }
[ -n "$c0" ] && [ -n "$cal" ] && [ "$cal" -gt "$c0" ] ||
	{ echo "view_bench: cannot count the calibration traces" >&2; exit 1; }
n=$(( (EVENTS - c0) * 206 / (cal - c0) + 1 ))
[ "$n" -gt 0 ] || n=1
echo "== viz: connscope-view replay of a trace of ~$EVENTS events ($n connect+close cycles)"
record "$out/trace" "$n" || { echo "view_bench: the recorded run failed" >&2; exit 1; }
"$VIEW" --bench "$out/trace"
