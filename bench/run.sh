#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/run.sh - `make bench`: N sequential connects, each closed at once, to
# the same kernel listener (cs-listen, 10.77.0.2:80 in cs-server), made
#   - by the kernel itself from 10.77.0.3 in cs-client (build/bench/kconnect),
#   - by connscope from 10.77.0.1 (`connscope connect -n N --close --json`),
#     once with no tracing session and once recorded by a real LTTng session
#     enabling connscope:*.
# Prints p50 and p99 connect latency (the connect call alone) and connects
# per second (the whole loop: socket, connect, close; for connscope the whole
# process, start-up included) for each, and the ratios.
#
#   bench/run.sh [-n N]        (default 2000; make bench N=5000)
#
# Needs the lab network: as root it brings it up in the host's namespaces and
# takes it down after; without root, or when the lab is already up (or with
# CS_LAB_USERNS=1), it runs itself inside a user namespace (labs/net/userns.sh).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF=$ROOT/bench/run.sh
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
export BUILD
NET=$ROOT/labs/net
CS=$ROOT/$BUILD/bin/connscope
KCONNECT=$ROOT/$BUILD/bench/kconnect
PEER=10.77.0.2
N=2000

while [ $# -gt 0 ]; do
	case $1 in
	-n) [ $# -ge 2 ] || { echo "usage: bench/run.sh [-n N]" >&2; exit 2; }; N=$2; shift 2;;
	-h|--help) sed -n '3,17s/^# \{0,1\}//p' "$0"; exit 0;;
	*) echo "usage: bench/run.sh [-n N]" >&2; exit 2;;
	esac
done
case $N in ''|*[!0-9]*|0) echo "bench: -n: not a positive count: $N" >&2; exit 2;; esac

lab_up_already() {
	ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qx -e cs-client -e cs-server
}
if [ "${CS_IN_USERNS:-}" != 1 ]; then
	if [ "$(id -u)" -ne 0 ] || [ "${CS_LAB_USERNS:-0}" = 1 ] || lab_up_already; then
		exec "$NET/userns.sh" --no-lab sh "$SELF" -n "$N"
	fi
fi

for p in "$CS" "$KCONNECT" "$ROOT/$BUILD/bin/cs-listen" "$ROOT/$BUILD/bin/cs-offload"; do
	[ -x "$p" ] || { echo "bench: $p is not built (make)" >&2; exit 1; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
sess=""
started_sessiond=""
cleanup() {
	[ -n "$sess" ] && lttng destroy "$sess" >/dev/null 2>&1
	if [ -n "$started_sessiond" ]; then
		pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null ||
		      cat "$HOME/.lttng/lttng-sessiond.pid" 2>/dev/null)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	fi
	"$NET/down.sh" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$NET/up.sh" --listen 80 --log "$T/listen.log" >/dev/null || { echo "bench: up.sh failed" >&2; exit 1; }

now_ns() { date +%s%N; }

# stats NAME LATENCY_FILE TOTAL_US: one line of the table; sets p50, p99, rate.
stats() {
	set -- "$1" "$2" "$3" "$(sort -n "$2" | awk '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "- - 0"; exit }
			i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++
			i99 = int(NR * 0.99); if (i99 < NR * 0.99) i99++
			print v[i50], v[i99], NR
		}')"
	# shellcheck disable=SC2086
	set -- "$1" "$2" "$3" $4
	p50=$4 p99=$5 ok=$6
	rate=$(awk -v n="$ok" -v us="$3" 'BEGIN { printf "%.0f", (us > 0 ? n * 1e6 / us : 0) }')
	printf '  %-28s %10s %10s %12s %8s\n' "$1" "$p50" "$p99" "$rate" "$ok/$N"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# The kernel: kconnect prints one latency per line and "total_us=T failed=F".
kernel_run() {
	ip netns exec cs-client "$KCONNECT" -n "$N" -b 10.77.0.3 "$PEER:80" > "$T/kernel.out"
	grep -v '^total_us=' "$T/kernel.out" > "$T/kernel.lat"
	sed -n 's/^total_us=\([0-9]*\).*/\1/p' "$T/kernel.out"
}

# connscope: the "usec" of each ok attempt; the whole process's wall time.
cs_run() {
	t0=$(now_ns)
	"$CS" connect --netns cs-client --json --close -n "$N" "$PEER:80" > "$T/$1.out"
	t1=$(now_ns)
	grep '"result":"ok"' "$T/$1.out" | sed 's/.*"usec":\([0-9]*\).*/\1/' > "$T/$1.lat"
	echo $(((t1 - t0) / 1000))
}

# Warm up both (ARP, page cache), then measure.
ip netns exec cs-client "$KCONNECT" -n 20 -b 10.77.0.3 "$PEER:80" >/dev/null
"$CS" connect --netns cs-client --close -n 20 "$PEER:80" >/dev/null

echo "bench: $N sequential connects, each closed at once, to $PEER:80 (cs-listen, Linux $(uname -r))"
printf '  %-28s %10s %10s %12s %8s\n' "" "p50 us" "p99 us" "connects/s" "ok"
k_total=$(kernel_run)
stats "kernel (10.77.0.3)" "$T/kernel.lat" "${k_total:-0}"
k50=$p50 k99=$p99 krate=$rate
c_total=$(cs_run off)
stats "connscope, tracing off" "$T/off.lat" "$c_total"
c50=$p50 c99=$p99 crate=$rate

# Tracing on: a real session recording every connscope event.
traced=""
if ! command -v lttng >/dev/null 2>&1; then
	why="lttng is not installed (scripts/install-deps.sh)"
elif ! lttng list >/dev/null 2>&1 && ! { lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1 &&
	started_sessiond=yes; }; then
	why="cannot start lttng-sessiond"
else
	sess="cs-bench-$$"
	if lttng create "$sess" --output="$T/trace" >/dev/null &&
	   lttng enable-event -u -s "$sess" 'connscope:*' >/dev/null &&
	   lttng start "$sess" >/dev/null; then
		# The first traced process makes the session's buffers: warm up.
		"$CS" connect --netns cs-client --close -n 20 "$PEER:80" >/dev/null
		t_total=$(cs_run on)
		lttng stop "$sess" >/dev/null
		stats "connscope, tracing on" "$T/on.lat" "$t_total"
		traced=yes
	else
		why="lttng create/enable-event/start failed"
	fi
fi
[ -n "$traced" ] || echo "  connscope, tracing on: skipped ($why)"

echo "ratios:"
echo "  connscope / kernel, tracing off: p50 x$(ratio "$c50" "$k50"), p99 x$(ratio "$c99" "$k99")," \
	"connects/s x$(ratio "$crate" "$krate") (the kernel makes x$(ratio "$krate" "$crate") as many)"
if [ -n "$traced" ]; then
	echo "  connscope tracing on / off:      p50 x$(ratio "$p50" "$c50"), p99 x$(ratio "$p99" "$c99")," \
		"connects/s x$(ratio "$rate" "$crate")"
	babeltrace2 "$T/trace" > "$T/bt.out" 2>&1
	events=$(grep -c '^\[' "$T/bt.out")
	lost=$(grep -o 'discarded [0-9]* event' "$T/bt.out" | awk '{ s += $2 } END { print s + 0 }')
	echo "  events recorded: $events ($(ratio "$events" $((N + 20))) per connect, with the 20 of the" \
		"warm-up), discarded by the tracer: $lost"
fi
