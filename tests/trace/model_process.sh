#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The model on any trace (make trace-check): three `connscope connect` runs
# against the kernel (a private lab, labs/net/userns.sh) recorded by two
# LTTng sessions at once: one plain (enable-event only, no context, as a
# handout records) and one with the vpid and vtid contexts.
#   1. -n 5 to :80 (five sequential connects)
#   2. -n 6 -P 3 to :80 (three threads)
#   3. one connect to :81 (the kernel answers with a RST)
# Checks, for each session and each process (--process N):
#   tables   the default state (just before the stack's teardown) equals
#            the run's own --dump-tables, byte for byte: the right sockets
#            per process, nothing merged
#   calls    the call trees (connscope-model-dump --calls) are the same
#            whether the trace has the contexts or not
#   count    5, 6 and 1 connects; connscope-dot --connect 5 draws
#   synack   each connect to :80 holds the SYN-ACK's tcp_v4_rcv (softirq)
#            down to tcp_finish_connect as a subtree; the refused one holds
#            the RST's, down to tcp_reset
#   note     stderr names the three processes and the event shown
#   end      --at-end is the state after the teardown (no socket left)
# Prints "process: N passed, M failed"; exit 77 when it cannot run here.
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CS=$root/$BUILD/bin/connscope
MD=$root/$BUILD/bin/connscope-model-dump
DOT=$root/$BUILD/bin/connscope-dot

[ "$TRACE" = 1 ] || { echo "SKIPPED: process (tracing compiled out, TRACE=0)"; exit 77; }
for t in lttng lttng-sessiond; do
	command -v $t >/dev/null 2>&1 || { echo "FAILED: process-setup: $t is not installed"; exit 1; }
done
[ -x "$CS" ] && [ -x "$MD" ] && [ -x "$DOT" ] || { echo "FAILED: process-setup: not built"; exit 1; }

# Outside: the same script in a private lab with a listener on :80.
if [ "${CS_IN_USERNS:-}" != 1 ]; then
	exec sh "$root/labs/net/userns.sh" --listen 80 sh "$0" "$@"
fi

pass=0
failed=0
ok() { pass=$((pass + 1)); echo "PASSED: process-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: process-$1: $2"; }

out=$(mktemp -d "${TMPDIR:-/tmp}/cs-process.XXXXXX")
started=""
if ! lttng list >/dev/null 2>&1; then
	# our own daemon, as scripts/demo.sh starts it in a user namespace
	mount -t tmpfs -o mode=0755 none /run/lttng 2>/dev/null || true
	lttng-sessiond --daemonize --no-kernel --group="$(id -gn)" >/dev/null 2>&1 ||
		{ echo "SKIPPED: process (cannot start lttng-sessiond)"; exit 77; }
	started=yes
fi
# shellcheck disable=SC2317  # called by trap
cleanup() {
	for s in plain ctx; do lttng destroy "cs-proc-$s-$$" >/dev/null 2>&1; done
	if [ -n "$started" ]; then
		pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	fi
	if [ "${CS_KEEP:-0}" = 1 ]; then echo "process: kept $out"; else rm -rf "$out"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Each run waits at a gate until both sessions record its process only
# (other connscope programs may run meanwhile).  Under ASan, LeakSanitizer
# is off for these runs: liblttng-ust keeps each session's event objects
# (about 700, the same with main's code) when two sessions record a
# process, none of ours.
launch() {
	r=$1
	shift
	mkfifo "$out/gate$r"
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		sh -c 'read x <"$0"; exec "$@"' "$out/gate$r" "$CS" connect --netns cs-client "$@" \
		>"$out/out$r.txt" 2>"$out/err$r.txt" &
}
launch 1 -n 5 --dump-tables "$out/dump1.json" 10.77.0.2:80; p1=$!
launch 2 -n 6 -P 3 --dump-tables "$out/dump2.json" 10.77.0.2:80; p2=$!
launch 3 --dump-tables "$out/dump3.json" 10.77.0.2:81; p3=$!
filter="\$ctx.vpid == $p1 || \$ctx.vpid == $p2 || \$ctx.vpid == $p3"
for s in plain ctx; do
	sess=cs-proc-$s-$$
	lttng create "$sess" --output="$out/$s" >/dev/null &&
		lttng enable-event -u -s "$sess" 'connscope:*' --filter "$filter" >/dev/null ||
		{ ko setup "cannot create the LTTng session"; exit 1; }
	[ $s = plain ] || lttng add-context -u -s "$sess" -t vpid -t vtid >/dev/null
	lttng start "$sess" >/dev/null || { ko setup "lttng start"; exit 1; }
done
for n in 1 2 3; do
	echo go >"$out/gate$n"
	eval "wait \$p$n"
	rc=$?
	want=0; [ $n = 3 ] && want=1
	[ $rc -eq $want ] || ko "run$n" "connscope exited $rc: $(cat "$out/err$n.txt")"
done
for s in plain ctx; do lttng stop "cs-proc-$s-$$" >/dev/null; done

# tables and calls, per session and process
for s in plain ctx; do
	for n in 1 2 3; do
		"$MD" "$out/$s" --process $n >"$out/$s-tables$n" 2>"$out/$s-err$n" ||
			ko "tables-$s-$n" "$(cat "$out/$s-err$n")"
		"$MD" "$out/$s" --process $n --calls >"$out/$s-calls$n" 2>/dev/null
		if cmp -s "$out/dump$n.json" "$out/$s-tables$n"; then ok "tables-$s-$n"; else
			ko "tables-$s-$n" "differs from --dump-tables:
$(diff "$out/dump$n.json" "$out/$s-tables$n" | head -10)"
		fi
	done
done
# Each session stamps its own copy of an event, so where a softirq subtree
# meets the connecting thread's calls may differ by a call between the two
# recordings: compare each thread's own trees, and the attached subtrees
# (marked "+") apart, each with the connect it is attached to (none at all
# in either recording is the same too).
split_calls() {
	: >"$2"
	: >"$3"
	awk -v own="$2" -v att="$3" '
		/^[a-z]/ { hdr = $0; print > own; at = -1; next }
		{ d = match($0, /[^ ]/) }
		at >= 0 && d > at { print hdr substr($0, at) > att; next }
		{ at = -1 }
		/^ *\+ / { at = d; print hdr substr($0, d) > att; next }
		{ print > own }' "$1"
}
for n in 1 2 3; do
	split_calls "$out/plain-calls$n" "$out/p-own$n" "$out/p-att$n"
	split_calls "$out/ctx-calls$n" "$out/c-own$n" "$out/c-att$n"
	if [ -s "$out/plain-calls$n" ] && cmp -s "$out/p-own$n" "$out/c-own$n" &&
		cmp -s "$out/p-att$n" "$out/c-att$n"; then
		ok "calls-$n"
	else
		ko "calls-$n" "the call trees differ without the contexts:
$(diff "$out/ctx-calls$n" "$out/plain-calls$n" | head -10)"
	fi
done

# connect counts; connscope-dot --connect 5 on the plain trace
count() { grep -c '^connect [0-9]*, sk' "$out/plain-calls$1"; }
[ "$(count 1)" = 5 ] && [ "$(count 2)" = 6 ] && [ "$(count 3)" = 1 ] && ok count ||
	ko count "connects per process: $(count 1) $(count 2) $(count 3), not 5 6 1"
"$DOT" "$out/plain" --process 1 --connect 5 --view callpath -T dot -q -o "$out/c5.dot" \
	2>"$out/dot.err" && grep -q tcp_finish_connect "$out/c5.dot" && ok dot-connect5 ||
	ko dot-connect5 "$(cat "$out/dot.err")"

# the deciding softirq work inside each connect: an attached tcp_v4_rcv
# (marked "+"), and tcp_finish_connect (or tcp_reset) below the connect's
# root: in that subtree, or run from the socket's backlog by the connecting
# thread (sk_backlog_rcv) when the SYN-ACK came while it owned the socket
synack() {
	awk -v want="$2" '
		/^connect / { if (c && !(att && found)) bad++; c++; found = 0; att = 0; next }
		/^[a-z]/ { if (c && !(att && found)) bad++; c = 0; next }
		c && /\+ tcp_v4_rcv \[softirq\]/ { att = 1 }
		c && $1 == want && index($0, want) > 3 { found = 1 }
		END { if (c && !(att && found)) bad++; exit bad ? 1 : 0 }' "$1"
}
for n in 1 2; do
	synack "$out/plain-calls$n" tcp_finish_connect && ok "synack-$n" ||
		ko "synack-$n" "a connect without the SYN-ACK's subtree: $(head -60 "$out/plain-calls$n")"
done
synack "$out/plain-calls3" tcp_reset && ok rst || ko rst "$(cat "$out/plain-calls3")"

# what stderr says by default (no --process: the first, and which there
# are), with --process N (no note), and --at-end
"$MD" "$out/plain" >/dev/null 2>"$out/plain-err0"
grep -q "holds 3 connscope processes (pid $p1, $p2, $p3): showing process 1" \
	"$out/plain-err0" && grep -q "just before the stack's teardown (event [0-9]*, net_exit" \
	"$out/plain-err1" && ! grep -q "holds 3" "$out/plain-err1" && ok note ||
	ko note "$(cat "$out/plain-err0" "$out/plain-err1")"
"$MD" "$out/plain" --process 2 --at-end >"$out/end2" 2>/dev/null
if ! cmp -s "$out/end2" "$out/dump2.json" && ! grep -q "\"tw\":false" "$out/end2"; then ok end
else ko end "--at-end still shows sockets: $(head -20 "$out/end2")"; fi

echo "process: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
