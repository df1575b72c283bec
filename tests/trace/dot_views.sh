#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The diagram test (make trace-check): record a real LTTng session of a few
# connects on the loop NIC (trace_dot_connects: a listener, a bind+connect,
# two ephemeral connects, a refused one, a close into TIME-WAIT), run every
# view of connscope-dot and of the babeltrace2 sink sink.connscope.dot, and
# re-read what they wrote with dot/gvpr/grep: the buckets, sockets and
# ports the stack's own --dump-tables lists must be there, the transitions
# babeltrace2 prints must be counted, the connect's calls must be drawn.
# Then the bad inputs: each must give one message and exit 1 or 2, never
# crash.  Prints "dot: N passed, M failed"; exit 77 when skipped.
# A && ok || ko stands for if/else here: ok and ko always succeed.
# shellcheck disable=SC2015
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DOT="$root/$BUILD/bin/connscope-dot"
PLUGDIR="$root/$BUILD/lib/babeltrace2"
SCEN="$root/$BUILD/tests/trace_dot_connects"
pass=0
failed=0

skip() { echo "SKIPPED: dot-views ($1)"; echo "dot: 0 passed, 0 failed, 1 skipped"; exit 77; }
ok() { pass=$((pass + 1)); echo "PASSED: dot-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: dot-$1: $2"; }

[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
[ -x "$DOT" ] && [ -f "$PLUGDIR/plugin-connscope.so" ] && [ -x "$SCEN" ] ||
	skip "connscope-dot, its plugin or trace_dot_connects is not built"
for t in lttng babeltrace2 dot gvpr jq; do
	command -v $t >/dev/null 2>&1 || { ko setup "$t is not installed"; exit 1; }
done
case "$BUILD" in
*san*)	# an ASan plugin inside babeltrace2 (not built with ASan) needs the
	# runtime loaded first; babeltrace2's own allocations are not ours.
	LD_PRELOAD_BT=$(cc -print-file-name=libasan.so)
	ASAN_BT=detect_leaks=0:verify_asan_link_order=0 ;;
*)	LD_PRELOAD_BT=''; ASAN_BT='' ;;
esac

. "$here/helpers/session.sh"
session_daemon || { ko setup "cannot start lttng-sessiond"; exit 1; }
out=$(mktemp -d /tmp/cs-dot.XXXXXX)
sess="cs-dot-$$"
cleanup() {
	[ -n "${spid:-}" ] && kill "$spid" 2>/dev/null	# a scenario still at its gate
	lttng destroy "$sess" >/dev/null 2>&1
	lttng destroy "$sess-empty" >/dev/null 2>&1
	session_stop_daemon
	rm -rf "$out"
}
trap cleanup EXIT

# record SESSION DIR EVENT: one run of the scenario into DIR, and only its
# events: other tests may run connscope programs meanwhile, so the scenario
# waits at a gate until the session filters on its pid (exec keeps it).
record() {
	rm -f "$out/gate"
	mkfifo "$out/gate" || return 1
	# The scenario exits with its stack up (its trace must end with the
	# tables it dumped), so LeakSanitizer would count that state as a leak.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		sh -c 'read x <"$0"; exec "$@"' "$out/gate" "$SCEN" "$out/dump-$1.json" &
	spid=$!
	lttng create "$1" --output="$2" >/dev/null &&
	lttng enable-event -u -s "$1" "$3" --filter "\$ctx.vpid == $spid" >/dev/null &&
	lttng add-context -u -s "$1" -t vtid >/dev/null &&
	lttng start "$1" >/dev/null
	rc=$?
	echo go >"$out/gate"
	wait "$spid" || rc=1
	lttng stop "$1" >/dev/null 2>&1
	lttng destroy "$1" >/dev/null 2>&1
	return $rc
}
# Up to three tries: a session daemon shared with other tests may go away.
for try in 1 2 3; do
	rm -rf "$out/trace"
	record "$sess" "$out/trace" 'connscope:*' && [ -f "$out/dump-$sess.json" ] &&
		babeltrace2 "$out/trace" >/dev/null 2>&1 && break
	[ "$try" = 3 ] && { ko record "the traced scenario failed 3 times"; exit 1; }
	lttng list >/dev/null 2>&1 || { lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1 && started=yes; }
done
T="$out/trace"
DUMP="$out/dump-$sess.json"
babeltrace2 "$T" > "$out/events.txt" 2>/dev/null || { ko record "babeltrace2 cannot read the trace"; exit 1; }

# nodes FILE: the node names of a DOT file, one a line (gvpr re-parses it).
nodes() { gvpr 'N { print($.name) }' "$1"; }
# has_all FILE LIST: every line of LIST is a node of FILE.
has_all() {
	nodes "$1" > "$1.nodes" || return 1
	printf '%s\n' "$2" | while read -r w; do
		[ -z "$w" ] || grep -qx "$w" "$1.nodes" || { echo "no node $w"; return 1; }
	done
}
# words LIST: the lines of LIST on one line.
words() { printf '%s\n' "$1" | tr '\n' ' ' | sed 's/ $//'; }
# laid FILE: dot lays it out (the DOT is valid, every port exists).
laid() { dot -Tdot "$1" -o "$1.laid" 2>"$1.err" && ! grep -q . "$1.err"; }

# view V [ARGS]: connscope-dot --view V -T dot into $out/V.dot.
view() { v=$1; shift; "$DOT" "$T" -q -T dot --view "$v" -o "$out/$v.dot" "$@"; }
# has_text FILE LIST: every line of LIST occurs in FILE.
has_text() {
	printf '%s\n' "$2" | while read -r w; do
		[ -z "$w" ] || grep -qF -- "$w" "$1" || { echo "no $w"; return 1; }
	done
}

# flags_ok FILE: each bind bucket of the dump shows its port and reuse flags.
flags_ok() {
	jq -r '.bhash[].buckets[] | "port \(.port)</B>|fastreuse \(.fastreuse) · fastreuseport \(.fastreuseport)<"' \
		"$DUMP" | while IFS='|' read -r p fl; do
		grep -qF "$p" "$1" && grep -q "$p.*$fl" "$1" || { echo "$p: no '$fl'"; return 1; }
	done
}

# --- ehash: the dump's slots, sockets and TIME-WAIT sockets -----------------
if view ehash 2>"$out/err" && laid "$out/ehash.dot"; then
	want=$(jq -r '.ehash[] | (.chain[] | "sk\(.id)"), (.twchain[] | "tw\(.id)")' "$DUMP")
	ports=$(jq -r '.ehash[] | (if (.chain|length) > 0 then "PORT=\"s\(.bucket)\"" else empty end),
		(if (.twchain|length) > 0 then "PORT=\"t\(.bucket)\"" else empty end)' "$DUMP")
	if [ -z "$want" ]; then ko ehash "no socket in the stack's dump"
	elif msg=$(has_all "$out/ehash.dot" "ehash
$want") && msg=$(has_text "$out/ehash.dot" "$ports"); then
		ok "ehash ($(words "$want"); slots $(jq -r '[.ehash[].bucket] | join(" ")' "$DUMP"))"
	else ko ehash "$msg"; fi
else ko ehash "$(cat "$out/err" "$out/ehash.dot.err" 2>/dev/null)"; fi

# --- the highlight's hash computation, against the trace's own events -------
# val KEY: field KEY of the babeltrace2 line on stdin.
fval() { sed -n "s/.*[{,] $1 = \([^ ,]*\).*/\1/p"; }
# ehash: a socket the dump still has in a chain, its last __inet_hash_nolisten.
msg=""
for id in $(jq -r '.ehash[].chain[].id' "$DUMP"); do
	line=$(grep "connscope:__inet_hash_nolisten: .*[{,] sk_id = $id," "$out/events.txt" | tail -1)
	[ -n "$line" ] || continue
	hash=$(printf '0x%08x' "$(echo "$line" | fval hash)")
	slot=$(echo "$line" | fval slot)
	if view ehash --socket "$id" -o "$out/ehash-hl.dot" 2>"$out/err" &&
		grep -q "inet_ehashfn([0-9.]*, [0-9]*, [0-9.]*, [0-9]*) = $hash &amp; [0-9]* (ehash_mask) = slot $slot<" \
			"$out/ehash-hl.dot"; then msg="sk $id: $hash slot $slot"
	else msg="FAIL sk $id: no \"= $hash ... = slot $slot\" on its highlight"; fi
	break
done
case "$msg" in
"") ko ehash-hash "no socket of the dump's ehash has an __inet_hash_nolisten" ;;
FAIL*) ko ehash-hash "${msg#FAIL }" ;;
*) ok "ehash highlight: inet_ehashfn as __inet_hash_nolisten ($msg)" ;;
esac
# listen: the listener's __inet_hash (listening = 1): its port and lslot.
line=$(grep 'connscope:__inet_hash: .*[{,] listening = 1' "$out/events.txt" | tail -1)
port=$(echo "$line" | fval port); lslot=$(echo "$line" | fval lslot)
[ -n "$line" ] && view listen -o "$out/listen-hl.dot" 2>"$out/err" &&
	grep -q "inet_lhashfn($port) = $port &amp; [0-9]* (INET_LHTABLE_SIZE - 1) = slot $lslot<" \
		"$out/listen-hl.dot" &&
	ok "listen highlight: inet_lhashfn as __inet_hash (port $port, slot $lslot)" ||
	ko listen-hash "no \"inet_lhashfn($port) ... = slot $lslot\" (port ${port:-?})"
# bhash: a port the dump still holds, taken by a probe: the probe's bhash slot.
msg=""
for id in $(jq -r '.bhash[].buckets[].owners[] | select(.tw | not) | .id' "$DUMP"); do
	line=$(grep "connscope:inet_hash_connect_probe: .*[{,] sk_id = $id,.*\"ok_" "$out/events.txt" | tail -1)
	[ -n "$line" ] || continue
	port=$(echo "$line" | fval port); bslot=$(echo "$line" | fval bhash)
	if view bhash --socket "$id" -o "$out/bhash-hl.dot" 2>"$out/err" &&
		grep -q "inet_bhashfn($port, [0-9]*) = $port &amp; [0-9]* (bhash_size - 1) = slot $bslot<" \
			"$out/bhash-hl.dot"; then msg="sk $id: port $port slot $bslot"
	else msg="FAIL sk $id: no \"inet_bhashfn($port, ...) = slot $bslot\""; fi
	break
done
case "$msg" in
"") ko bhash-hash "no owner in the dump's bhash took its port by a probe" ;;
FAIL*) ko bhash-hash "${msg#FAIL }" ;;
*) ok "bhash highlight: inet_bhashfn as inet_hash_connect_probe ($msg)" ;;
esac

# --- bhash: bind buckets by port, their owners, their slots and flags -------
if view bhash 2>"$out/err" && laid "$out/bhash.dot"; then
	want=$(jq -r '.bhash[].buckets[] | "bb\(.port)", (.owners[] | if .tw then "tw\(.id)" else "sk\(.id)" end)' "$DUMP")
	slots=$(jq -r '.bhash[] | "PORT=\"s\(.bucket)\""' "$DUMP")
	if msg=$(has_all "$out/bhash.dot" "bhash
$want") && msg=$(has_text "$out/bhash.dot" "$slots") && msg=$(flags_ok "$out/bhash.dot"); then
		ok "bhash ($(words "$want"))"
	else ko bhash "$msg"; fi
else ko bhash "$(cat "$out/err" "$out/bhash.dot.err" 2>/dev/null)"; fi

# --- listen and tw ----------------------------------------------------------
if view listen 2>"$out/err" && laid "$out/listen.dot"; then
	want=$(jq -r '.listening[].chain[] | "sk\(.id)"' "$DUMP")
	msg=$(has_all "$out/listen.dot" "listen
$want") && [ -n "$want" ] &&
	grep -qF "PORT=\"s$(jq -r '.listening[0].bucket' "$DUMP")\"" "$out/listen.dot" &&
	ok "listen ($(words "$want"))" || ko listen "${msg:-slot missing}"
else ko listen "$(cat "$out/err")"; fi
if view tw 2>"$out/err" && laid "$out/tw.dot"; then
	want=$(jq -r '.ehash[].twchain[] | "tw\(.id)"' "$DUMP")
	msg=$(has_all "$out/tw.dot" "tw
$want") && [ -n "$want" ] &&
	! grep -q '^[[:space:]]*sk[0-9]' "$out/tw.dot.nodes" &&
	ok "tw ($(words "$want"))" || ko tw "${msg:-a full socket in the TIME-WAIT view}"
else ko tw "$(cat "$out/err")"; fi

# --- state: every transition babeltrace2 shows, with its count --------------
if view state 2>"$out/err" && laid "$out/state.dot"; then
	# What babeltrace2 shows: every inet_sock_set_state; a listener's
	# CLOSE -> LISTEN at __inet_hash (listening = 1), and TIME_WAIT at
	# tcp_time_wait or tcp_timewait_state_process_ret, which 3.10 enters
	# without tcp_set_state (from the socket's last state).
	awk '
	function val(k,   r) { r = $0; if (!sub(".*[{,] " k " = ", "", r)) return ""; sub(/[ ,].*/, "", r); return r }
	function lab(k,   r) { r = $0; if (!sub(".*[{,] " k " = \\( \"(TCP_)?", "", r)) return ""; sub(/".*/, "", r); return r }
	function tr(id, from, to) { if (from != to) print from, to; last[id] = to }
	/connscope:inet_sock_set_state:/ { tr(val("sk_id"), lab("oldstate"), lab("newstate")) }
	/connscope:__inet_hash:/ && val("listening") == 1 { tr(val("sk_id"), "CLOSE", "LISTEN") }
	/connscope:tcp_time_wait:/ && lab("state") == "TIME_WAIT" { id = val("sk_id"); tr(id, last[id], "TIME_WAIT") }
	/connscope:tcp_timewait_state_process_ret:/ {
		id = val("tw_id"); tr(id, (id in last) ? last[id] : "FIN_WAIT2", lab("substate")) }
	' "$out/events.txt" | sort | uniq -c > "$out/transitions"
	gvpr 'E { print($.tail.name, " ", $.head.name, " ", $.label) }' "$out/state.dot" |
		sed 's/ · .*//' |
		awk '{ print $3, $1, $2 }' | sort > "$out/edges"
	awk '{ print $1, $2, $3 }' "$out/transitions" | sort > "$out/transitions.sorted"
	if [ -s "$out/transitions.sorted" ] && cmp -s "$out/edges" "$out/transitions.sorted"; then
		ok "state ($(wc -l < "$out/edges") transitions, counts as babeltrace2 shows)"
	else ko state "edges differ from the trace: $(diff "$out/transitions.sorted" "$out/edges" | tr '\n' ' ')"; fi
else ko state "$(cat "$out/err")"; fi

# --- callpath of the second connect (the first ephemeral one) ---------------
if view callpath --connect 2 2>"$out/err" && laid "$out/callpath.dot"; then
	msg=$(grep -v '^#' "$here/expected-order.txt" | sed -n 's/^connscope://p' | grep -v '_ret$' |
		while read -r fn; do grep -q ">$fn<" "$out/callpath.dot" || printf ' %s' "$fn"; done)
	[ -z "$msg" ] && [ "$(nodes "$out/callpath.dot" | head -1)" = c0 ] &&
	grep -q '>sys_connect<' "$out/callpath.dot" &&
	ok "callpath (every step of the seed's connect path)" || ko callpath "missing:$msg"
else ko callpath "$(cat "$out/err")"; fi

# --- legends, labels, the frames and the port search ---------------------------
msg=""
for v in ehash bhash listen tw state callpath; do grep -q '^[[:space:]]*legend' "$out/$v.dot.nodes" 2>/dev/null ||
	{ nodes "$out/$v.dot" | grep -qx legend; } || msg="$msg $v"; done
[ -z "$msg" ] && ok "every view has a legend" || ko legends "no legend in:$msg"
# Each state edge names the event that made it, as babeltrace2 shows it.
gvpr 'E { print($.label) }' "$out/state.dot" | grep -v ' · [a-z_]' >"$out/unlabelled"
[ ! -s "$out/unlabelled" ] && ok "state edges say their event" ||
	ko state-cause "edges without an event: $(tr '\n' ' ' <"$out/unlabelled")"
# A TIME-WAIT socket says which socket it replaced, as babeltrace2 shows
# __inet_twsk_hashdance (tw_id, sk_id) for each TIME-WAIT socket drawn.
if view tw 2>"$out/err"; then
	awk '/connscope:__inet_twsk_hashdance:/ { t = $0; s = $0
		sub(/.*[{,] tw_id = /, "", t); sub(/[ ,].*/, "", t); sub(/.*[{,] sk_id = /, "", s); sub(/[ ,].*/, "", s)
		print t, s }' "$out/events.txt" > "$out/tw_of"
	msg=""; n=0
	while read -r t s; do
		grep -qx "tw$t" "$out/tw.dot.nodes" || continue
		n=$((n + 1))
		gvpr "N[name == \"tw$t\"] { print(\$.label) }" "$out/tw.dot" | grep -q "was sk $s " || msg="$msg tw$t"
	done < "$out/tw_of"
	[ "$n" -gt 0 ] && [ -z "$msg" ] && ok "tw: each of the $n TIME-WAIT sockets names the socket it replaced" ||
		ko tw-of "${msg:-no TIME-WAIT socket drawn}"
fi
for v in ladder ports; do
	if view "$v" --connect 2 2>"$out/err" && laid "$out/$v.dot"; then ok "$v laid out by dot"
	else ko "$v" "$(cat "$out/err" "$out/$v.dot.err" 2>/dev/null)"; fi
done
grep -q 'ok_new_bucket\|ok_existing_bucket' "$out/ports.dot" && ok "ports: the taken candidate's verdict" ||
	ko ports-verdict "no taken verdict"

# --- --view all through gvc: svg, png, pdf ----------------------------------
if "$DOT" "$T" -q --view all -T svg -o "$out/all.svg" 2>"$out/err"; then
	msg=""
	for v in ehash bhash listen tw state callpath ladder ports; do
		f="$out/all-$v.svg"
		{ [ -s "$f" ] && grep -q '<svg' "$f" && xmllint --noout "$f" 2>/dev/null; } || msg="$msg $v"
	done
	[ -z "$msg" ] && ok "all views as SVG" || ko all-svg "bad or missing:$msg"
else ko all-svg "$(cat "$out/err")"; fi
"$DOT" "$T" -q --view ehash -T png -o "$out/e.png" 2>"$out/err" &&
	[ "$(head -c 4 "$out/e.png" | tail -c 3)" = PNG ] && ok png || ko png "$(cat "$out/err")"
"$DOT" "$T" -q --view bhash -T pdf -o "$out/b.pdf" 2>"$out/err" &&
	[ "$(head -c 4 "$out/b.pdf")" = "%PDF" ] && ok pdf || ko pdf "$(cat "$out/err")"

# --- same snapshot, same text; an earlier event, an earlier state -----------
"$DOT" "$T" -q -T dot --view ehash -o "$out/again.dot" &&
	cmp -s "$out/ehash.dot" "$out/again.dot" && ok "two runs write the same DOT" ||
	ko deterministic "two runs differ"
if "$DOT" "$T" -q -T dot --view ehash --connect 1 -o "$out/c1.dot" 2>"$out/err"; then
	has_all "$out/c1.dot" sk2 >/dev/null && ! grep -qx 'sk4' "$out/c1.dot.nodes" &&
	grep -q 'sk 2.*SYN_SENT' "$out/c1.dot" && ok "--connect 1: the state when it returned (non-blocking: SYN_SENT)" ||
	ko connect1 "expected sk2 in SYN_SENT alone: $(tr '\n' ' ' < "$out/c1.dot.nodes")"
else ko connect1 "$(cat "$out/err")"; fi
"$DOT" "$T" -q -T dot --view ehash --at 0 -o "$out/at0.dot" 2>"$out/err" &&
	grep -q '(all empty)' "$out/at0.dot" && ok "--at 0: nothing hashed yet" || ko at0 "$(cat "$out/err")"
"$DOT" "$T" -q -T dot --view ehash --at-time 0 -o "$out/t0.dot" 2>"$out/err" &&
	grep -q '(all empty)' "$out/t0.dot" && "$DOT" "$T" -q -T dot --view ehash --at-time 999999999999 \
	-o "$out/tend.dot" 2>"$out/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "past the trace's end" "$out/err" &&
	ok "--at-time: 0 is the start, past the end is refused" || ko at-time "rc $rc: $(cat "$out/err")"

# --- the babeltrace2 sink writes the same diagrams --------------------------
for v in ehash bhash callpath; do
	if LD_PRELOAD=$LD_PRELOAD_BT ASAN_OPTIONS=$ASAN_BT babeltrace2 --plugin-path="$PLUGDIR" "$T" -c sink.connscope.dot \
		-p "path=\"$out/bt-$v.dot\",format=\"dot\",view=\"$v\",quiet=yes" >"$out/bt.out" 2>"$out/err"; then
		"$DOT" "$T" -q -T dot --view "$v" -o "$out/cli-$v.dot" &&
		cmp -s "$out/bt-$v.dot" "$out/cli-$v.dot" && ok "sink.connscope.dot $v = connscope-dot $v" ||
		ko "plugin-$v" "the sink's DOT differs from connscope-dot's"
	else ko "plugin-$v" "$(head -3 "$out/err" | tr '\n' ' ')"; fi
done

# --- bad input: one message, exit 1 (2 for usage), no crash -----------------
# bad NAME WANT_RC PATTERN ARGS...
bad() {
	name=$1 want=$2 pat=$3; shift 3
	"$DOT" "$@" >"$out/bad.out" 2>"$out/bad.err"
	rc=$?
	lines=$(grep -c . "$out/bad.err")
	if [ "$rc" -eq "$want" ] && [ "$lines" -ge 1 ] && head -1 "$out/bad.err" | grep -q "^connscope-dot: .*$pat" &&
	   ! grep -qi 'sanitizer\|segmentation\|abort' "$out/bad.err"; then
		ok "bad input: $name ($(head -1 "$out/bad.err"))"
	else
		ko "bad-$name" "rc $rc, want $want; stderr: $(head -3 "$out/bad.err" | tr '\n' ' ')"
	fi
}
mkdir -p "$out/notctf" && echo "not a trace" > "$out/notctf/readme.txt"
cp -r "$T" "$out/trunc"
find "$out/trunc" -type f -name 'channel*' ! -path '*index*' -exec sh -c \
	'truncate -s $(( $(stat -c %s "$1") / 2 + 7 )) "$1"' sh {} \;
record "$sess-empty" "$out/empty" 'connscope:no_such_event' >/dev/null 2>&1
bad "missing directory" 1 "" "$out/nowhere" -o "$out/x.dot"
bad "not a CTF trace" 1 "" "$out/notctf" -o "$out/x.dot"
bad "truncated trace" 1 "" "$out/trunc" -o "$out/x.dot"
bad "no connscope event" 1 "" "$out/empty" -o "$out/x.dot"
bad "event index out of range" 1 "out of range" "$T" --at 99999999 -o "$out/x.dot"
bad "unknown socket" 1 "socket 4242" "$T" --socket 4242 -o "$out/x.dot"
bad "unknown view" 2 "--view" "$T" --view nope -o "$out/x.dot"
bad "no output" 2 "no output" "$T"
bad "ports of a bound connect" 1 "no port search to draw: .*bound port" "$T" --view ports --connect 1 -o "$out/x.dot"
bad "unwritable output" 1 "No such file" "$T" --view ehash -o "$out/no/such/dir.svg"

echo "dot: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
