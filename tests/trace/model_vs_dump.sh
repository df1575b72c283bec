#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The model test (make trace-check): the tables the viz model rebuilds from
# a real LTTng trace must equal, byte for byte, what the stack itself wrote
# with --dump-tables (docs/table-dump.md).  Each scenario records one run of
# `connscope connect` against the kernel on the lab network (labs/net), then
#   - connscope-model-dump --before statedump_begin: the model built from the
#     ordinary events, at the moment the stack wrote its file (connscope
#     emits a state dump right after --dump-tables);
#   - connscope-model-dump --after statedump_end: the model rebuilt from that
#     state dump;
# must both be identical to the file, and no event may contradict the model
# (--check).  Scenarios:
#   ten        ten connects, ehash and bhash of 16 buckets (chains collide)
#   range      ip_local_port_range of four ports, six connects: four hashed,
#              two EADDRNOTAVAIL
#   bind       bind(addr, 0) then connect, three times; and bind(addr:5000)
#   time-wait  active close, then the same 4-tuple again after 2 s with
#              tcp_tw_reuse=1 (a TIME-WAIT socket recycled)
#   parallel   40 connects from 8 threads, 16 buckets
#   late       the trace starts after the connects; SIGUSR1 makes the state
#              dump the model must rebuild everything from
#   live       five connects read as they happen through lttng-relayd and
#              source.ctf.lttng-live (a relay daemon of its own, private ports)
#   loop       (no lab) the diagram scenario on the loop NIC: a listener, a
#              bound connect, a refused one, a TIME-WAIT (trace_dot_connects)
# The lab scenarios need root (the lab network is brought up, and down again
# at the end, unless it is already up); without root each is reported
# "SKIPPED: model-NAME (reason)".  Starts lttng-sessiond when none runs.
# Last line "model: N passed, M failed, K skipped"; exit 1 if M > 0, 77 if
# nothing could run.
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CS=$root/$BUILD/bin/connscope
MD=$root/$BUILD/bin/connscope-model-dump
LOOP=$root/$BUILD/tests/trace_dot_connects
DST=10.77.0.2:80
pass=0
failed=0
skipped=0

ok() { pass=$((pass + 1)); echo "PASSED: model-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: model-$1: $2"; }
sk() { skipped=$((skipped + 1)); echo "SKIPPED: model-$1 ($2)"; }
finish() {
	echo "model: $pass passed, $failed failed, $skipped skipped"
	[ "$failed" -gt 0 ] && exit 1
	[ "$pass" -eq 0 ] && exit 77
	exit 0
}

if [ "$TRACE" != 1 ]; then
	echo "SKIPPED: model-vs-dump (tracing compiled out, TRACE=0)"
	exit 77
fi
for t in lttng lttng-sessiond; do
	command -v $t >/dev/null 2>&1 || { ko setup "$t is not installed"; finish; }
done
if [ ! -x "$CS" ] || [ ! -x "$MD" ]; then
	ko setup "$CS or $MD is not built"
	finish
fi

started=""
if ! lttng list >/dev/null 2>&1; then
	if ! lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1; then
		echo "SKIPPED: model-vs-dump (cannot start lttng-sessiond as $(id -un))"
		exit 77
	fi
	started=yes
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/cs-model.XXXXXX")
sess="cs-model-$$"
lab_mine=""
cspid=""
relaypid=""
# shellcheck disable=SC2317  # called by trap
cleanup() {
	[ -n "$cspid" ] && kill "$cspid" 2>/dev/null
	lttng destroy "$sess" >/dev/null 2>&1
	[ -n "$relaypid" ] && kill "$relaypid" 2>/dev/null
	[ -n "$lab_mine" ] && sh "$root/labs/net/down.sh" >/dev/null 2>&1
	if [ -n "$started" ]; then
		# root's session daemon keeps its pid in /run/lttng, a user's in ~/.lttng
		if [ "$(id -u)" -eq 0 ]; then
			pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null)
		else
			pid=$(cat "${LTTNG_HOME:-$HOME}/.lttng/lttng-sessiond.pid" 2>/dev/null)
		fi
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	fi
	if [ "${CS_KEEP:-0}" = 1 ]; then
		echo "model: kept $out"
	else
		rm -rf "$out"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Other connscope programs may run meanwhile (other tests): each session
# records only the process of its scenario.  launch DIR CMD...: start CMD
# held at a gate (its pid is $cspid, the same once it runs); release DIR
# lets it go.
launch() {
	ld=$1
	shift
	rm -f "$ld/gate"
	mkfifo "$ld/gate" || return 1
	sh -c 'read x <"$0"; exec "$@"' "$ld/gate" "$@" >"$ld/out.txt" 2>"$ld/err.txt" &
	cspid=$!
}
release() {
	echo go >"$1/gate"
}
# session_create DIR PID: every connscope event of process PID, with vtid.
session_create() {
	lttng create "$sess" --output="$1" >/dev/null &&
	lttng enable-event -u -s "$sess" 'connscope:*' --filter "\$ctx.vpid == $2" >/dev/null &&
	lttng add-context -u -s "$sess" -t vtid >/dev/null
}
session_end() {
	lttng stop "$sess" >/dev/null 2>&1
	lttng destroy "$sess" >/dev/null 2>&1
}

# compare NAME DIR [TRACE]: the model before the last state dump and after
# it, against DIR/dump.json.
compare() {
	tr=${3:-$2/trace}
	if ! "$MD" "$tr" --before statedump_begin --check >"$2/before.json" 2>"$2/before.err"; then
		ko "$1" "the model (ordinary events): $(cat "$2/before.err")"
		return 1
	fi
	if ! cmp -s "$2/dump.json" "$2/before.json"; then
		ko "$1" "the model built from the events differs from --dump-tables:
$(diff "$2/dump.json" "$2/before.json" | head -20)"
		return 1
	fi
	if ! "$MD" "$tr" --after statedump_end --check >"$2/after.json" 2>"$2/after.err"; then
		ko "$1" "the model (state dump): $(cat "$2/after.err")"
		return 1
	fi
	if ! cmp -s "$2/dump.json" "$2/after.json"; then
		ko "$1" "the model rebuilt from the state dump differs from --dump-tables:
$(diff "$2/dump.json" "$2/after.json" | head -20)"
		return 1
	fi
	return 0
}

# scenario NAME EXPECTED-EXIT CONNSCOPE-ARGS...: record, compare.
scenario() {
	name=$1 want=$2
	shift 2
	d=$out/$name
	mkdir -p "$d"
	launch "$d" "$CS" connect --netns cs-client --dump-tables "$d/dump.json" "$@" "$DST"
	if ! session_create "$d/trace" "$cspid" || ! lttng start "$sess" >/dev/null; then
		ko "$name" "cannot create the LTTng session"
		return
	fi
	release "$d"
	wait "$cspid"
	rc=$?
	cspid=""
	session_end
	if [ "$rc" -ne "$want" ]; then
		ko "$name" "connscope exited $rc, not $want: $(tail -3 "$d/out.txt" "$d/err.txt")"
		return
	fi
	compare "$name" "$d" && ok "$name"
}

# wait_lines FILE N: until FILE has N JSON reports (20 s at most).
wait_lines() {
	i=0
	while [ "$({ grep -c '"result"' "$1"; } 2>/dev/null || true)" -lt "$2" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -lt 200 ]
}

# late: the session starts once the connects are made; SIGUSR1 then puts the
# state into the trace, and the model must rebuild the tables from it alone.
scenario_late() {
	d=$out/late
	mkdir -p "$d"
	launch "$d" "$CS" connect --netns cs-client --json -n 5 --hold 5 \
		-o connscope.thash_entries=16 --dump-tables "$d/dump.json" "$DST"
	session_create "$d/trace" "$cspid" || { ko late "cannot create the LTTng session"; return; }
	release "$d"
	if ! wait_lines "$d/out.txt" 5; then
		ko late "the connects did not finish: $(cat "$d/out.txt" "$d/err.txt")"
		return
	fi
	lttng start "$sess" >/dev/null
	sleep 0.3
	kill -USR1 "$cspid"
	wait "$cspid"
	rc=$?
	cspid=""
	session_end
	[ "$rc" -eq 0 ] || { ko late "connscope exited $rc: $(tail -3 "$d/out.txt")"; return; }
	babeltrace2 "$d/trace" >"$d/events.txt" 2>/dev/null
	n=$(grep -c 'connscope:statedump_begin' "$d/events.txt")
	a=$(grep -c 'connscope:sk_alloc' "$d/events.txt")
	if [ "$n" -ne 2 ] || [ "$a" -ne 0 ]; then
		ko late "expected 2 state dumps (SIGUSR1, --dump-tables) and no sk_alloc, got $n and $a"
		return
	fi
	if ! grep -m1 'connscope:\(statedump_begin\|sys_close\)' "$d/events.txt" |
	     grep -q statedump_begin; then
		late_slow=yes	# SIGUSR1 came after the hold (a slow session start)
		return
	fi
	# state dump 1 is SIGUSR1's, 2 the one after --dump-tables
	for w in "--after statedump_end:1" "--before statedump_begin:2" "--after statedump_end:2"; do
		# shellcheck disable=SC2086
		if ! "$MD" "$d/trace" $w --check >"$d/sig.json" 2>"$d/sig.err" ||
		   ! cmp -s "$d/dump.json" "$d/sig.json"; then
			ko late "the model $w differs from --dump-tables: $(cat "$d/sig.err")
$(diff "$d/dump.json" "$d/sig.json" | head -20)"
			return
		fi
	done
	ok late
}

# live: the model reads the session through a relay daemon while it runs.
scenario_live() {
	d=$out/live
	mkdir -p "$d"
	command -v lttng-relayd >/dev/null 2>&1 || { sk live "lttng-relayd is not installed"; return; }
	p=$((30000 + ($$ % 3000) * 3))
	# in a user namespace the relay's default group (tracing) is not mapped
	group=""
	[ -n "${CS_IN_USERNS:-}" ] && group="--group=$(id -gn)"
	# shellcheck disable=SC2086
	lttng-relayd -C "tcp://127.0.0.1:$p" -D "tcp://127.0.0.1:$((p + 1))" \
		-L "tcp://127.0.0.1:$((p + 2))" -o "$d/relay" $group >"$d/relayd.log" 2>&1 &
	relaypid=$!
	sleep 1
	launch "$d" "$CS" connect --netns cs-client -n 5 --hold 1 -o connscope.thash_entries=16 \
		--dump-tables "$d/dump.json" "$DST"
	if ! lttng create "$sess" --live 100000 --ctrl-url "tcp://127.0.0.1:$p" \
		--data-url "tcp://127.0.0.1:$((p + 1))" >"$d/create.log" 2>&1 ||
	   ! lttng enable-event -u -s "$sess" 'connscope:*' --filter "\$ctx.vpid == $cspid" >/dev/null ||
	   ! lttng add-context -u -s "$sess" -t vtid >/dev/null || ! lttng start "$sess" >/dev/null; then
		release "$d"
		wait "$cspid"
		cspid=""
		sk live "no live session with a relay daemon here: $(tail -1 "$d/create.log")"
		return
	fi
	"$MD" "net://127.0.0.1:$((p + 2))/host/$(hostname)/$sess" --before statedump_begin --check \
		>"$d/before.json" 2>"$d/before.err" &
	mdpid=$!
	release "$d"
	wait "$cspid"
	rc=$?
	cspid=""
	session_end
	i=0
	while kill -0 "$mdpid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill "$mdpid" 2>/dev/null
	wait "$mdpid"
	mrc=$?
	kill "$relaypid" 2>/dev/null
	wait "$relaypid" 2>/dev/null
	relaypid=""
	[ "$rc" -eq 0 ] || { ko live "connscope exited $rc: $(tail -3 "$d/err.txt")"; return; }
	if [ "$mrc" -ne 0 ] || ! cmp -s "$d/dump.json" "$d/before.json"; then
		ko live "the model read live (exit $mrc) differs: $(cat "$d/before.err")
$(diff "$d/dump.json" "$d/before.json" | head -20)"
		return
	fi
	ok live
}

# loop: no lab, no root; the program writes its dump and exits with the
# stack still up, so the end of the trace is the moment of the dump.
scenario_loop() {
	d=$out/loop
	mkdir -p "$d"
	[ -x "$LOOP" ] || { sk loop "$LOOP is not built"; return; }
	# it exits with the stack still up on purpose: no leak report
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 launch "$d" "$LOOP" "$d/dump.json"
	if ! session_create "$d/trace" "$cspid" || ! lttng start "$sess" >/dev/null; then
		ko loop "cannot create the LTTng session"
		return
	fi
	release "$d"
	wait "$cspid"
	rc=$?
	cspid=""
	session_end
	[ "$rc" -eq 0 ] || { ko loop "trace_dot_connects exited $rc: $(tail -3 "$d/err.txt")"; return; }
	if ! "$MD" "$d/trace" --check >"$d/end.json" 2>"$d/end.err" ||
	   ! cmp -s "$d/dump.json" "$d/end.json"; then
		ko loop "the model at the end differs: $(cat "$d/end.err")
$(diff "$d/dump.json" "$d/end.json" | head -20)"
		return
	fi
	ok loop
}

scenario_loop

LAB="ten range bind bind-port time-wait parallel late live"
if [ "$(id -u)" -ne 0 ]; then
	for s in $LAB; do sk "$s" "needs root: the lab network and its kernel listener"; done
	finish
fi
if ! ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qx cs-client; then
	if ! sh "$root/labs/net/up.sh" --listen 80 >"$out/up.log" 2>&1; then
		for s in $LAB; do sk "$s" "labs/net/up.sh failed: $(tail -1 "$out/up.log")"; done
		finish
	fi
	lab_mine=yes
fi
if ! ip netns exec cs-server ss -ltn 2>/dev/null | grep -q '[:.]80 '; then
	for s in $LAB; do sk "$s" "no listener on $DST in the lab (labs/net/up.sh --listen 80)"; done
	finish
fi

scenario ten 0 -n 10 -o connscope.thash_entries=16
scenario range 1 -n 6 -o "net.ipv4.ip_local_port_range=40000 40003" -o connscope.thash_entries=16
scenario bind 0 -n 3 --bind 10.77.0.1 -o connscope.thash_entries=16
scenario bind-port 0 -n 1 --bind 10.77.0.1:5000
# time-wait must exercise what it is named after: a TIME-WAIT socket
# recycled, another one in the dump.  The kernel peer decides part of that
# (a RST from it ends a connection without TIME-WAIT): up to three runs.
tw_try=1
while :; do
	rm -rf "$out/time-wait"
	scenario time-wait 0 -n 2 --close --interval 2.2 --hold 0.5 \
		-o "net.ipv4.ip_local_port_range=40000 40000" -o net.ipv4.tcp_tw_reuse=1
	[ -f "$out/time-wait/after.json" ] || break
	if grep -q '"tw":true' "$out/time-wait/dump.json" &&
	   babeltrace2 "$out/time-wait/trace" 2>/dev/null | grep -q '"tw_recycled"'; then
		break
	fi
	if [ $tw_try -ge 3 ]; then
		ko time-wait-content "three runs without a TIME-WAIT socket recycled (the peer reset?)"
		break
	fi
	echo "model-time-wait: no TIME-WAIT recycled in run $tw_try (the peer reset?): again"
	pass=$((pass - 1))
	tw_try=$((tw_try + 1))
done
scenario parallel 0 -n 40 -P 8 -o connscope.thash_entries=16
late_try=1
while :; do
	late_slow=""
	rm -rf "$out/late"
	scenario_late
	[ -z "$late_slow" ] && break
	if [ $late_try -ge 3 ]; then
		sk late "three runs where SIGUSR1 arrived after the 5 s hold (LTTng too slow here)"
		break
	fi
	late_try=$((late_try + 1))
done
scenario_live
finish
