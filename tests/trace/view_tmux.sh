#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The viewer test (make trace-check): connscope-view headless under tmux.
#
#  replay  record a real LTTng session of the loop-NIC scenario
#          (trace_dot_connects: a listener, a bind+connect, two connects, a
#          refused one, a close into TIME-WAIT); step with N to the first SYN:
#          SYN_SENT, its ehash entry and the SYN's options on screen; follow
#          that socket to the last event: ESTABLISHED; one step back; d: one
#          SVG file per view in --export-dir; the help screen; a resize to
#          80x24 and below (the "too small" message)
#  bad     a missing trace, a corrupt trace, no relay daemon, a terminal too
#          small: a clear message, and the terminal restored (icanon echo)
#  live    (root, lab network up) an lttng-live session on private ports,
#          connscope-view --live attached, then `connscope connect --trace
#          live --hold`: the socket appears on screen (no time bound: the
#          machine may be loaded; the wait is generous); d writes the SVG
#          files from the live view too
#
# Prints "view: N passed, M failed"; exit 77 when skipped.
# shellcheck disable=SC2015  # "a && b || fail" chains are meant
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
VIEW="$root/$BUILD/bin/connscope-view"
CS="$root/$BUILD/bin/connscope"
SCEN="$root/$BUILD/tests/trace_dot_connects"
TM="tmux -L cstest-$$"
pass=0
failed=0

# As root, run in a private mount namespace with our own lttng-sessiond
# (tmpfs over /run/lttng and /dev/shm): the sessions then record our
# programs only, not those of other tests running at the same time.
if [ "$(id -u)" -eq 0 ] && [ -z "${CS_VIEW_ISOLATED:-}" ] && command -v unshare >/dev/null 2>&1 &&
	unshare -m --propagation private true 2>/dev/null; then
	# shellcheck disable=SC2016  # $0 is expanded by the inner shell
	CS_VIEW_ISOLATED=1 BUILD=$BUILD TRACE=$TRACE exec unshare -m --propagation private \
		sh -c 'mount -t tmpfs none /run/lttng && mount -t tmpfs -o mode=1777 none /dev/shm &&
		       exec sh "$0"' "$0"
fi

skip() { echo "SKIPPED: view ($1)"; echo "view: 0 passed, 0 failed, 1 skipped"; exit 77; }
ok() { pass=$((pass + 1)); echo "PASSED: view-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: view-$1: $2"; }

[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
[ -x "$VIEW" ] && [ -x "$SCEN" ] || skip "connscope-view or trace_dot_connects is not built"
for t in lttng babeltrace2 tmux; do
	command -v $t >/dev/null 2>&1 || { ko setup "$t is not installed"; exit 1; }
done

started=""
# in a user namespace the daemons' default group (tracing) is not mapped
group=""
[ -n "${CS_IN_USERNS:-}" ] && group="--group=$(id -gn)"
if ! lttng list >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	lttng-sessiond --daemonize --no-kernel $group >/dev/null 2>&1 ||
		{ ko setup "cannot start lttng-sessiond"; exit 1; }
	started=yes
fi
out=$(mktemp -d /tmp/cs-view.XXXXXX)
sess="cs-view-$$"
relayd=""
live_sess=""
lab_up=""
cleanup() {
	$TM kill-server >/dev/null 2>&1
	lttng destroy "$sess" >/dev/null 2>&1
	[ -n "$live_sess" ] && lttng destroy "$live_sess" >/dev/null 2>&1
	[ -n "$relayd" ] && kill "$relayd" 2>/dev/null
	[ -n "$lab_up" ] && sh "$root/labs/net/down.sh" >/dev/null 2>&1
	if [ -n "$started" ]; then
		pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null || cat "$HOME/.lttng/lttng-sessiond.pid" 2>/dev/null)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	fi
	rm -rf "$out"
}
trap cleanup EXIT

# ---------------------------------------------------------------- helpers

# start NAME W H CMD...: run CMD in a new tmux session; afterwards the pane
# shows EXIT=<status> and the terminal modes stty reports (icanon, echo).
start() {
	name=$1 w=$2 h=$3
	shift 3
	$TM new-session -d -s "$name" -x "$w" -y "$h" \
		"$* ; echo EXIT=\$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)\$' | tr '\\n' ' '; echo; sleep 120" ||
		return 1
}
cap() { $TM capture-pane -p -t "$1" 2>/dev/null; }
keys() { _to=$1; shift; $TM send-keys -t "$_to" "$@"; }
# wait_for NAME PATTERN [TENTHS]: until the screen matches (grep -E).  The
# bound only ends a wait that failed: the live ones are generous, so that a
# loaded machine is no failure.
wait_for() {
	_i=0
	while [ $_i -lt "${3:-50}" ]; do
		cap "$1" | grep -Eq -- "$2" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
# restored NAME: the viewer exited and left the terminal as it found it.
restored() {
	wait_for "$1" 'EXIT=[0-9]' 50 && wait_for "$1" '^-?icanon -?echo' 20 &&
		cap "$1" | grep -q '^icanon echo'
}
# event NAME: the current event index from the status line.
event() { cap "$1" | sed -n 's/.*event \([0-9]*\)\/.*/\1/p' | tail -1; }
# svgs DIR N: d wrote DIR/connscope-N-<view>.svg for every view, each an
# SVG document (the XML declaration first, an <svg> element).
svgs() {
	for _v in ehash bhash listen tw state callpath; do
		_f="$1/connscope-$2-$_v.svg"
		[ "$(head -c 5 "$_f" 2>/dev/null)" = "<?xml" ] && grep -q '<svg' "$_f" ||
			{ echo "$_f: missing or not SVG"; return 1; }
	done
}
# export NAME DIR: press d in NAME; the status line names DIR's files and
# they are there.
export_svg() {
	keys "$1" d
	if wait_for "$1" "exported $2/connscope-[0-9]+-\\*\\.svg" 50; then
		_n=$(cap "$1" | sed -n "s|.*exported $2/connscope-\([0-9]*\)-\*\.svg.*|\1|p" | tail -1)
		if svgs "$2" "$_n"; then ok "$1 d (event $_n: $(ls "$2" | wc -l) SVG files)"; else ko "$1-d" "no SVG files"; fi
	else
		ko "$1-d" "no 'exported' in the status line"; cap "$1"; ls -l "$2"
	fi
}

# ---------------------------------------------------------------- replay

lttng create "$sess" --output="$out/trace" >/dev/null &&
	lttng enable-event -u -s "$sess" 'connscope:*' >/dev/null &&
	lttng add-context -u -s "$sess" -t vtid >/dev/null &&
	lttng start "$sess" >/dev/null &&
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 "$SCEN" "$out/dump.json" >/dev/null &&
	lttng stop "$sess" >/dev/null &&
	lttng destroy "$sess" >/dev/null || { ko record "the traced scenario failed"; exit 1; }
T="$out/trace"

mkdir -p "$out/svg" "$out/live-svg"
start r 120 40 "$VIEW" --export-dir "$out/svg" "$T" || { ko tmux "tmux cannot start"; exit 1; }
if wait_for r 'PAUSED +event 0/[0-9]+' 50; then ok load; else ko load "no first event on screen"; cap r; fi

# N (next connect step) until the first SYN is in the Packets pane
n=0
while [ $n -lt 60 ] && ! cap r | grep -q 'Flags \[S\],'; do
	keys r N
	sleep 0.1
	n=$((n + 1))
done
screen=$(cap r)
if echo "$screen" | grep -q '\[SYN_SENT\]' &&
	echo "$screen" | grep -Eq '\[[0-9]+\] sk[0-9]+ SYN_SENT [0-9]+>10\.77\.0\.2:80' &&
	echo "$screen" | grep -q 'options \[mss 1460,sackOK,TS val [0-9]* ecr 0,nop,wscale 7\]'; then
	ok "syn ($n steps)"
else
	ko syn "after $n N: no SYN_SENT, ehash entry or SYN options"; echo "$screen"
fi
sk=$(echo "$screen" | sed -n 's/.*Socket ── sk \([0-9]*\).*/\1/p' | head -1)

# F: follow that socket; G: the last event; it is ESTABLISHED there
keys r F G
if wait_for r "sk $sk \(selected\) ESTABLISHED" 20 && cap r | grep -q '\[ESTABLISHED\]'; then
	ok established
else
	ko established "socket $sk not ESTABLISHED at the end"; cap r
fi
last=$(event r)
keys r p
sleep 0.3
back=$(event r)
if [ -n "$back" ] && [ -n "$last" ] && [ "$back" -lt "$last" ] && cap r | grep -q "sk $sk (selected)"; then
	ok "back one step ($last -> $back)"
else
	ko back "p did not step back ($last -> $back)"
fi

# d: every view of the state after event $back, drawn in the viewer's process
export_svg r "$out/svg"
[ -f "$out/svg/connscope-$back-ehash.svg" ] && grep -q "<title>sk$sk</title>" "$out/svg/connscope-$back-ehash.svg" ||
	ko r-d-socket "no connscope-$back-ehash.svg with socket $sk in it"

keys r '?'
if wait_for r 'Help: connscope-view keys' 20 && cap r | grep -q 'next connect step of the selected socket'; then
	keys r q
	if wait_for r '─ Events' 20; then ok help; else ko help "q did not close the help"; fi
else
	ko help "no help screen"
fi

$TM resize-window -t r -x 80 -y 24
sleep 0.5
screen=$(cap r)
if [ "$(echo "$screen" | wc -l)" -le 24 ] && echo "$screen" | grep -q 'Code' &&
	echo "$screen" | grep -q 'Socket' && echo "$screen" | grep -q 'Tables' &&
	echo "$screen" | grep -q 'Packets' && echo "$screen" | grep -q 'Events' &&
	echo "$screen" | grep -q 'PAUSED'; then
	ok "resize 80x24"
else
	ko resize "not every pane at 80x24"; echo "$screen"
fi
$TM resize-window -t r -x 70 -y 20
if wait_for r 'terminal too small: 70x20, need 80x24' 20; then ok "resize 70x20"; else ko resize-small "no message"; fi
$TM resize-window -t r -x 120 -y 40
wait_for r 'Socket' 20 || ko resize-back "no panes after growing back"
keys r Q
if restored r && cap r | grep -q 'EXIT=0'; then ok quit; else ko quit "terminal not restored"; cap r; fi

# ---------------------------------------------------------------- bad input

# bad NAME WxH MESSAGE CMD...: a clear message, exit 1, terminal restored
bad() {
	name=$1 size=$2 msg=$3
	shift 3
	start "$name" "${size%x*}" "${size#*x}" "$@" || { ko "$name" "tmux"; return; }
	if restored "$name" && cap "$name" | grep -q 'EXIT=1' && cap "$name" | grep -Eiq -- "$msg"; then
		ok "$name"
	else
		ko "$name" "no clear message or terminal not restored"; cap "$name"
	fi
}
bad missing 120x40 'connscope-view: .*(no such|does not exist|not found)' "$VIEW" "$out/no-such-trace"
cp -r "$T" "$out/corrupt"
find "$out/corrupt" -name metadata | while read -r m; do head -c 300 /dev/urandom > "$m"; done
bad corrupt 120x40 'connscope-view: .*' "$VIEW" "$out/corrupt"
# a port with nothing behind it: the relay daemon is missing
bad norelay 120x40 'connscope-view: .*(relay|connect)' "$VIEW" --live "net://127.0.0.1:9/host/nohost/nosession"

start small 60 20 "$VIEW" "$T"
if wait_for small 'terminal too small: 60x20, need 80x24' 50; then
	keys small Q
	if restored small && cap small | grep -q 'EXIT=0'; then ok "too small"; else ko "too small" "not restored"; fi
else
	ko "too small" "no message"; cap small
fi

# ---------------------------------------------------------------- live

live() {
	[ "$(id -u)" -eq 0 ] || { echo "SKIPPED: view-live (needs root: the lab network)"; return; }
	command -v lttng-relayd >/dev/null 2>&1 || { ko live "lttng-relayd is not installed"; return; }
	if ! ip netns list 2>/dev/null | grep -q '^cs-client'; then
		sh "$root/labs/net/up.sh" --listen 80 >/dev/null 2>&1 || { echo "SKIPPED: view-live (no lab network)"; return; }
		lab_up=yes
	fi
	base=$((30000 + ($$ % 3000) * 3))
	export CONNSCOPE_RELAY_PORT=$base
	# shellcheck disable=SC2086  # $group: --group=G in a user namespace
	lttng-relayd -C "tcp://127.0.0.1:$base" -D "tcp://127.0.0.1:$((base + 1))" \
		-L "tcp://127.0.0.1:$((base + 2))" -o "$out/relay" $group >/dev/null 2>&1 &
	relayd=$!
	i=0
	while [ $i -lt 50 ] && ! ss -ltn 2>/dev/null | grep -q ":$((base + 2)) "; do
		sleep 0.1; i=$((i + 1))
	done
	live_sess="connscope-live-$$"
	lttng create "$live_sess" --live=100000 --set-url="net://127.0.0.1:$base:$((base + 1))" >/dev/null &&
		lttng enable-event -u -s "$live_sess" 'connscope:*' >/dev/null &&
		lttng add-context -u -s "$live_sess" -t vtid >/dev/null &&
		lttng start "$live_sess" >/dev/null || { ko live "cannot create the live session"; return; }
	# the viewer without URL finds connscope-live-* on CONNSCOPE_RELAY_PORT + 2
	start live 120 40 "CONNSCOPE_RELAY_PORT=$base" "$VIEW" --export-dir "$out/live-svg" --live ||
		{ ko live tmux; return; }
	if ! wait_for live "attached to net://127.0.0.1:$((base + 2))/host/.*/$live_sess" 600; then
		ko live "the viewer did not attach"; cap live; return
	fi
	sleep 0.5
	# --trace live reuses the session above (the same CONNSCOPE_RELAY_PORT)
	"$CS" connect --trace live --hold 3 --netns cs-client 10.77.0.2:80 > "$out/live.out" 2>&1 &
	cpid=$!
	if wait_for live 'Socket ── sk [0-9]+ ' 600; then
		ok "live (socket on screen)"
	else
		ko live "no socket on screen"; cap live; cat "$out/live.out"
	fi
	# the socket on screen is the one connscope reports (its 4-tuple), while
	# connscope holds it (once it exits, the teardown closes the socket)
	i=0
	while [ $i -lt 600 ] && ! grep -q '^0: ' "$out/live.out"; do sleep 0.1; i=$((i + 1)); done
	tuple=$(sed -n 's/^0: \(10\.77\.0\.1:[0-9]*\) -> \(10\.77\.0\.2:80\):.*/\1 > \2/p' "$out/live.out")
	if [ -n "$tuple" ] && wait_for live "$(echo "$tuple" | sed 's/\./\\./g')" 600; then
		ok "live socket $tuple"
	else
		ko live-tuple "connscope's socket ($tuple) not on screen"; cat "$out/live.out"
	fi
	wait "$cpid"
	# d in a live view: no trace directory, the viewer's own model
	export_svg live "$out/live-svg"
	keys live Q
	restored live || ko live-quit "terminal not restored"
	lttng destroy "$live_sess" >/dev/null 2>&1
	live_sess=""
	kill "$relayd" 2>/dev/null
	wait "$relayd" 2>/dev/null
	relayd=""
}

# The viewer first, waiting; then `connscope connect --trace live` starts the
# relay and the session itself; the viewer attaches late and asks for a state
# dump (SIGUSR1): the socket must still be on screen.  At exit connscope
# stops what it started.
live_late() {
	[ "$(id -u)" -eq 0 ] && ip netns list 2>/dev/null | grep -q '^cs-client' || return
	base=$((31000 + ($$ % 3000) * 3))
	export CONNSCOPE_RELAY_PORT=$base
	start late 120 40 "CONNSCOPE_RELAY_PORT=$base" "$VIEW" --live || { ko live-late tmux; return; }
	wait_for late 'no relay daemon at|waiting for a connscope live session' 600 ||
		ko live-late "the waiting viewer says nothing"
	"$CS" connect --trace live --hold 4 --netns cs-client 10.77.0.2:80 > "$out/late.out" 2>&1 &
	cpid=$!
	if wait_for late 'Socket ── sk [0-9]+ ' 600; then
		ok "live, attached late (state dump)"
	else
		ko live-late "no socket on screen"; cap late; cat "$out/late.out"
	fi
	wait "$cpid"
	sleep 0.5
	if lttng list 2>/dev/null | grep -q 'connscope-live-' || ss -ltn | grep -q ":$((base + 2)) "; then
		ko live-late "connscope left its session or relay behind"
	else
		ok "live, connscope stopped what it started"
	fi
	wait_for late 'the live session ended' 600 || ko live-late "the end of the session is not shown"
	keys late Q
	restored late || ko live-late-quit "terminal not restored"
}
live
live_late

echo "view: $pass passed, $failed failed"
[ $failed -eq 0 ]
