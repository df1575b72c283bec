# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# shellcheck disable=SC2154,SC2034  # variables shared with bench/run.sh
# stats.sh - sourced by bench/run.sh (not run itself): running a measured
# program, one row of the table per run (values kept as v_<field>_<name>),
# the ratios, the LTTng session of the recording case, and the targets.

now_us() { echo $(($(date +%s%N) / 1000)); }

# div A B: A / B with two decimals (0 when B is 0 or empty).
div() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# cpu_run OUT CMD...: CMD with stdout to OUT; its user + system time (the
# `times` of a subshell that ran only CMD: its children's line) in
# microseconds to OUT.cpu.
cpu_run() {
	out=$1
	shift
	( "$@" > "$out" 2>> "$T/stderr"; times > "$out.times" )
	awk 'NR == 2 { split($1, u, "m"); split($2, s, "m")
		printf "%.0f\n", ((u[1] * 60 + u[2]) + (s[1] * 60 + s[2])) * 1e6 }' \
		"$out.times" > "$out.cpu"
}

header() {
	printf '  %-14s %9s %9s %11s %10s %8s\n' "" "p50 us" "p99 us" "connects/s" "CPU us/c" "ok"
}

# row NAME LATENCY_FILE WALL_US COUNT: p50, p99 of the latencies, COUNT
# attempts in WALL_US, the CPU time of NAME's run per attempt.
row() {
	# shellcheck disable=SC2046
	set -- "$1" "$2" "$3" "$4" $(sort -n "$2" | awk '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "0 0 0"; exit }
			i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++
			i99 = int(NR * 0.99); if (i99 < NR * 0.99) i99++
			print v[i50], v[i99], NR
		}')
	rate=$(awk -v n="$4" -v us="$3" 'BEGIN { printf "%.0f", (us > 0 ? n * 1e6 / us : 0) }')
	cpu=$(awk -v n="$4" -v c="$(cat "$T/$1.out.cpu" 2>/dev/null)" \
		'BEGIN { printf "%.1f", (n > 0 ? c / n : 0) }')
	eval "v_p50_$1=$5 v_p99_$1=$6 v_rate_$1=$rate v_cpu_$1=$cpu"
	printf '  %-14s %9s %9s %11s %10s %8s\n' "$1" "$5" "$6" "$rate" "$cpu" "$7"
}

# val FIELD NAME: a value kept by row.
val() { eval "echo \${v_$1_$2:-0}"; }

# ratios CASE CS KERNEL: one line of connscope / kernel ratios.
ratios() {
	printf '  %-10s p50 x%s  p99 x%s  connects/s x%s  CPU x%s\n' "$1" \
		"$(div "$(val p50 "$2")" "$(val p50 "$3")")" "$(div "$(val p99 "$2")" "$(val p99 "$3")")" \
		"$(div "$(val rate "$2")" "$(val rate "$3")")" "$(div "$(val cpu "$2")" "$(val cpu "$3")")"
}

# record_start DIR: a session recording every connscope event into DIR
# (large sub-buffers, so that the consumer keeps up); sets sess, or why.
traced=""
record_start() {
	if ! command -v lttng >/dev/null 2>&1; then
		why="lttng is not installed (scripts/install-deps.sh)"
		return 1
	fi
	if ! lttng list >/dev/null 2>&1; then
		# --group: the default "tracing" group has no id in a user namespace
		lttng-sessiond --daemonize --no-kernel --group="$(id -gn)" >/dev/null 2>&1 ||
			{ why="cannot start lttng-sessiond"; return 1; }
		started_sessiond=yes
	fi
	sess="cs-bench-$$"
	if ! { lttng create "$sess" --output="$1" >/dev/null &&
	       lttng enable-channel -u -s "$sess" --subbuf-size=4M --num-subbuf=8 big >/dev/null &&
	       lttng enable-event -u -s "$sess" -c big 'connscope:*' >/dev/null &&
	       lttng start "$sess" >/dev/null; }; then
		why="lttng create/enable-event/start failed"
		return 1
	fi
	# The first traced process makes the session's buffers: warm up.
	"$CS" connect --netns cs-client --close -n 20 "$PEER:80" >/dev/null
	traced=yes
}

# record_stop: stop the session; sets events and lost (discarded by the tracer).
record_stop() {
	lttng stop "$sess" >/dev/null
	babeltrace2 "$T/trace" -c sink.utils.counter -p step=+0 > "$T/count" 2>/dev/null
	events=$(awk '$2 == "Event" && $3 == "messages" { print $1; exit }' "$T/count")
	lost=$(awk '$2 == "Discarded" && $3 == "event" { print $1; exit }' "$T/count")
	lost=${lost:-0}
}

# check DESCRIPTION VALUE OP LIMIT: one target, met or not.
check() {
	if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
		exit !((op == "<=" && v <= l) || (op == ">=" && v >= l) || (op == "==" && v == l)) }'
	then r=met; else r="NOT met"; fi
	printf '  %-58s %8s %s %-6s %s\n' "$1" "$2" "$3" "$4" "$r"
}

targets() {
	echo "targets:"
	check "p50 / kernel, no session" "$(div "$(val p50 cs_p1)" "$(val p50 k_p1)")" "<=" 1.4
	[ -n "$traced" ] && check "p50 / kernel, recording connscope:*" \
		"$(div "$(val p50 cs_rec)" "$(val p50 k_rec)")" "<=" 2.5
	check "p99 / kernel" "$(div "$(val p99 cs_p1)" "$(val p99 k_p1)")" "<=" 2.5
	check "connects/s / kernel" "$(div "$(val rate cs_p1)" "$(val rate k_p1)")" ">=" 0.85
	check "p50 with 10 000 held / none held" \
		"$(div "$(val p50 cs_held10k)" "$(val p50 cs_held0)")" "<=" 1.2
	check "connects/s -P 2 / -P 1" "$(div "$(val rate cs_p2)" "$(val rate cs_p1)")" ">=" 1.5
	check "ring drops in $N connects (cs_p1)" \
		"$(echo "$drops" | tr ' ' '\n' | sed -n 's/^cs_p1=//p')" "==" 0
}
