#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The text test (make trace-check): `connscope trace` and the plugin's text
# sinks against a real LTTng session recording real runs of
# `connscope connect` against the kernel, inside labs/net/userns.sh (a
# private lab, a private lttng-sessiond: safe as root and as a user).
# Five processes in one trace:
#   A  three connects to the kernel listener (held open, --dump-tables)
#   B  a connect to a closed port (ECONNREFUSED, --stats)
#   C  a connect whose SYNs the server drops, tcp_syn_retries=2 (two SYN
#      retransmissions, ETIMEDOUT after 7 s, --stats)
#   D  six connects in a range of four ports: two EADDRNOTAVAIL, whose port
#      searches find every port held
#   E  four non-blocking connects from two threads (--nonblock -P 2 --close)
# and each report is checked against what the runs themselves said or what
# babeltrace2 prints of the raw events:
#   text     the connect blocks' 4-tuples, results and states = the CLI's
#            --json; the addresses in event lines are dotted quads; --json
#            has one object per event babeltrace2 prints
#   connects 4-tuples, ISNs, results, errnos, states, SYN retransmissions =
#            the CLI's --json, attempt by attempt (E's in any order)
#   ports    the candidates = babeltrace2's inet_hash_connect_probe events;
#            each port = low + (i + offset) % remaining, offset = hint +
#            port_offset, hint after >= hint + i (E's two threads share
#            the hint); a refused port's holders include the socket bound
#            to it
#   retrans  C's SYN retransmissions: as many as the CLI says, SYN_SENT,
#            RTO 1000 << backoff, backoff 0, 1
#   states   each connect's CLOSE -> SYN_SENT -> state as the CLI says; MS of
#            SYN_SENT = the time between the two events in babeltrace2's text
#   tables   at the event before A's state dump = A's --dump-tables sockets
#   mib      B's and C's counters = their --stats (Tcp ActiveOpens,
#            AttemptFails, OutSegs, RetransSegs); one event's change alone
#   sinks    babeltrace2 -c sink.connscope.NAME prints what connscope trace does
#   errors   a missing or corrupt trace: exit 1, one line; bad arguments: exit 2
# Last line "text: N passed, M failed"; exit 77 when it cannot run here.
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CS=$root/$BUILD/bin/connscope
PLUGDIR=$root/$BUILD/lib/babeltrace2
pass=0
failed=0

ok() { pass=$((pass + 1)); echo "PASSED: text-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: text-$1: $2"; }
skip() { echo "SKIPPED: text-reports ($1)"; exit 77; }

[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
for t in lttng lttng-sessiond babeltrace2; do
	command -v $t >/dev/null 2>&1 || skip "$t is not installed"
done
[ -x "$CS" ] && [ -f "$PLUGDIR/plugin-connscope.so" ] || skip "$CS or the plugin is not built"

case "$BUILD" in
*san*)	# an ASan plugin inside babeltrace2 (not built with ASan) needs the
	# runtime loaded first; babeltrace2's own allocations are not ours.
	LD_PRELOAD_BT=$(cc -print-file-name=libasan.so)
	ASAN_BT=detect_leaks=0:verify_asan_link_order=0 ;;
*)	LD_PRELOAD_BT=''; ASAN_BT='' ;;
esac
# babeltrace2 with our plugin
bt() { LD_PRELOAD=$LD_PRELOAD_BT ASAN_OPTIONS=$ASAN_BT babeltrace2 --plugin-path="$PLUGDIR" "$@"; }

out=$(mktemp -d "${TMPDIR:-/tmp}/cs-text.XXXXXX")
trap '[ -n "${CS_TEXT_KEEP:-}" ] && echo "kept $out" || rm -rf "$out"' EXIT
chmod 755 "$out"

# ---- the recording, inside a private lab -------------------------------
labs_rc=0
# a lab of its own even when this test runs in one (make trace-check under
# userns.sh): without CS_IN_USERNS, userns.sh makes a new namespace, and
# the recording's tmpfs, daemon and lab leave the caller's alone
env -u CS_IN_USERNS sh "$root/labs/net/userns.sh" --listen 80 sh "$here/helpers/text_record.sh" \
	"$out" "$CS" \
	> "$out/record.log" 2>&1 || labs_rc=$?
[ "$labs_rc" -eq 77 ] && skip "no user namespaces here"
if [ "$labs_rc" -ne 0 ] || [ ! -d "$out/trace" ]; then
	echo "FAILED: text-record: exit $labs_rc"; sed 's/^/  /' "$out/record.log"
	echo "text: 0 passed, 1 failed"; exit 1
fi
T=$out/trace
babeltrace2 "$T" > "$out/raw.txt" 2>"$out/bt.err" || { ko raw "$(head -1 "$out/bt.err")"; }
cat "$out/A.json" "$out/B.json" "$out/C.json" "$out/D.json" | grep '^{' > "$out/cli.json"
grep '^{' "$out/E.json" > "$out/E.only" && mv "$out/E.only" "$out/E.json"

# The attempt fields both JSON forms share, in one line each.
norm() {
	sed -n 's/.*"src":"\([^"]*\)","dst":"\([^"]*\)","isn":\([0-9]*\),"result":"\([^"]*\)","errno":\([0-9]*\),"state":"\([^"]*\)".*"syn_retrans":\([0-9]*\).*/\1 \2 \3 \4 \5 \6 \7/p'
}

# ---- connects ----------------------------------------------------------
"$CS" trace connects "$T" --json > "$out/connects.json" 2>"$out/err" || ko connects "exit $?: $(cat "$out/err")"
norm < "$out/cli.json" > "$out/cli.norm"
norm < "$out/connects.json" | head -11 > "$out/connects.norm"
norm < "$out/E.json" | sort > "$out/cliE.norm"
norm < "$out/C.json" > "$out/C.norm"
norm < "$out/connects.json" | tail -n +12 | sort > "$out/connectsE.norm"
if [ "$(wc -l < "$out/cli.norm")" -ne 11 ] || [ "$(wc -l < "$out/cliE.norm")" -ne 4 ]; then
	ko connects "the runs made $(wc -l < "$out/cli.norm") + $(wc -l < "$out/cliE.norm") attempts, not 11 + 4"
elif ! diff "$out/cli.norm" "$out/connects.norm" > "$out/diff" ||
	! diff "$out/cliE.norm" "$out/connectsE.norm" >> "$out/diff" ||
	! "$CS" trace connects "$T" --process 3 --json | norm | diff - "$out/C.norm" >> "$out/diff"; then
	ko connects "differs from connscope connect --json: $(head -4 "$out/diff" | tr '\n' ' ')"
else
	ok connects
fi

# ---- text --------------------------------------------------------------
"$CS" trace show "$T" > "$out/show.txt" 2>"$out/err" || ko text "exit $?: $(cat "$out/err")"
sed -n 's/^-- connect [0-9]*: sk [0-9]*, \([^ ]*\) -> \([^,]*\), \([^ ]*\) (\([A-Z_]*\)), \([0-9]*\) SYN.*/\1 \2 \3 \4 \5/p' \
	"$out/show.txt" > "$out/show.norm"
{ awk '{ print $1, $2, $4, $6, $7 }' "$out/cli.norm"
  awk '{ print $1, $2, $4, $6, $7 }' "$out/cliE.norm" | sort; } > "$out/cli.short"
{ head -11 "$out/show.norm"; tail -n +12 "$out/show.norm" | sort; } > "$out/show.short"
mv "$out/show.short" "$out/show.norm"
# Each connect's own tcp_v4_connect_ret line: the 4-tuple as the CLI has it.
grep ' tcp_v4_connect_ret ' "$out/show.txt" |
	sed -n 's/.*ret = OK, .*saddr = \([^,]*\), daddr = \([^,]*\), isn = \([0-9]*\).*/\1 \2 \3/p' | sort > "$out/show.tuples"
cat "$out/cli.norm" "$out/cliE.norm" | awk '$4 != "EADDRNOTAVAIL" { print $1, $2, $3 }' | sort > "$out/cli.tuples"
if ! diff "$out/cli.short" "$out/show.norm" > "$out/diff"; then
	ko text "connect blocks differ from --json: $(head -4 "$out/diff" | tr '\n' ' ')"
elif ! diff "$out/cli.tuples" "$out/show.tuples" > "$out/diff"; then
	ko text "tcp_v4_connect_ret lines differ from --json: $(head -4 "$out/diff" | tr '\n' ' ')"
elif [ "$("$CS" trace show "$T" --json | grep -c '^{"pid":')" -ne "$(grep -c ' connscope:' "$out/raw.txt")" ]; then
	ko text "show --json does not list each of babeltrace2's $(grep -c ' connscope:' "$out/raw.txt") events once"
elif grep -q '\[0\] = ' "$out/show.txt" || [ "$(grep -c '^== process' "$out/show.txt")" -ne 5 ]; then
	ko text "byte arrays in the listing, or not 5 process blocks"
else
	ok text
fi

# ---- ports -------------------------------------------------------------
"$CS" trace ports "$T" --json > "$out/ports.json" 2>"$out/err" || ko ports "exit $?: $(cat "$out/err")"
# every candidate as "pid sk i port bhash verdict", in both
awk '{ match($0, /"pid":[0-9]+/); pid = substr($0, RSTART + 6, RLENGTH - 6)
	match($0, /"sk_id":[0-9]+/); sk = substr($0, RSTART + 8, RLENGTH - 8)
	for (s = $0; match(s, /\{"i":[0-9]+,"port":[0-9]+,"bhash":[0-9]+,"verdict":"[a-z_]+"/); s = substr(s, RSTART + RLENGTH)) {
		c = substr(s, RSTART, RLENGTH); gsub(/[{"]|[a-z_]+":/, "", c); gsub(/,/, " ", c)
		print pid, sk, c } }' "$out/ports.json" | sort > "$out/ports.cand"
grep 'connscope:inet_hash_connect_probe:' "$out/raw.txt" |
	sed -n 's/.*vpid = \([0-9]*\),.* sk_id = \([0-9]*\), i = \([0-9]*\), port = \([0-9]*\), bhash = \([0-9]*\), verdict = ( "\([a-z_]*\)".*/\1 \2 \3 \4 \5 \6/p' |
	sort > "$out/raw.cand"
# Recompute each candidate and the hint from the search's own numbers.
awk -F'"candidates":' '{
	head = $1; n = split($2, c, "{\"i\":");
	match(head, /"port_offset":[0-9]+/); po = substr(head, RSTART + 14, RLENGTH - 14)
	match(head, /"hint":[0-9]+/); h = substr(head, RSTART + 7, RLENGTH - 7)
	match(head, /"offset":[0-9]+/); off = substr(head, RSTART + 9, RLENGTH - 9)
	match(head, /"low":[0-9]+/); low = substr(head, RSTART + 6, RLENGTH - 6)
	match(head, /"remaining":[0-9]+/); rem = substr(head, RSTART + 12, RLENGTH - 12)
	if (off + 0 != (h + po) % 4294967296) { print "offset " off " != hint " h " + port_offset " po; bad = 1 }
	for (k = 2; k <= n; k++) {
		split(c[k], f, /[,:]/); i = f[1]; port = f[3]
		want = low + ((i + off) % 4294967296) % rem
		if (port + 0 != want) { print "candidate " i ": port " port ", expected " want; bad = 1 }
	}
	match($2, /"hint_after":[0-9]+/); ha = substr($2, RSTART + 13, RLENGTH - 13)
	match($2, /"ret":"[A-Z]+"/); ret = substr($2, RSTART + 7, RLENGTH - 8)
	# at least hint + i: another thread of the process (E) may add its own
	# i to the shared hint before this search traces it, as in 3.10
	if (ret == "OK" && ha + 0 < h + i) { print "hint after " ha ", expected " h " + " i " or more"; bad = 1 }
	searches++
} END { if (searches != 15) { print searches " searches, not 15"; bad = 1 } exit bad }' \
	"$out/ports.json" > "$out/ports.check"
ports_rc=$?
refused=$(grep -o '"verdict":"established_conflict","held_by":\[{' "$out/ports.json" | wc -l)
held_ok=$(grep -o '"port":[0-9]*,"bhash":[0-9]*,"verdict":"established_conflict","held_by":\[[^]]*\]' \
	"$out/ports.json" | awk '{ match($0, /"port":[0-9]+/); p = substr($0, RSTART + 7, RLENGTH - 7)
		if (index($0, ":" p "\"") && (index($0, "ESTABLISHED") || index($0, "SYN_SENT"))) n++ }
		END { print n + 0 }')
if [ ! -s "$out/raw.cand" ] || ! diff "$out/raw.cand" "$out/ports.cand" > "$out/diff"; then
	ko ports "candidates differ from the trace's probes: $(head -4 "$out/diff" | tr '\n' ' ')"
elif [ "$ports_rc" -ne 0 ]; then
	ko ports "$(head -3 "$out/ports.check" | tr '\n' ' ')"
elif [ "$refused" -lt 8 ] || [ "$held_ok" -ne "$refused" ]; then
	ko ports "$refused refused probes ($held_ok naming the socket that holds the port)"
else
	ok ports
fi

# ---- retrans -----------------------------------------------------------
"$CS" trace retrans "$T" --json > "$out/retrans.json" 2>"$out/err" || ko retrans "exit $?"
want=$(cat "$out/cli.norm" "$out/cliE.norm" | awk '{ s += $7 } END { print s }')
got=$(grep -c '"state":"SYN_SENT"' "$out/retrans.json")
rto=$(sed -n 's/.*"rto":\([0-9]*\),"backoff":\([0-9]*\).*/\1:\2/p' "$out/retrans.json" | tr '\n' ' ')
if [ "$want" -ne 2 ] || [ "$got" -ne "$want" ] || [ "$(wc -l < "$out/retrans.json")" -ne "$want" ]; then
	ko retrans "$got SYN retransmissions listed, the runs say $want (expected 2)"
elif [ "$rto" != "1000:0 2000:1 " ]; then
	ko retrans "RTO:backoff '$rto', expected '1000:0 2000:1 '"
else
	ok retrans
fi

# ---- states ------------------------------------------------------------
"$CS" trace states "$T" --json > "$out/states.json" 2>"$out/err" || ko states "exit $?"
sed -n 's/.*"pid":\([0-9]*\),.*"lport":\([0-9]*\),.*"oldstate":"SYN_SENT","newstate":"\([A-Z_]*\)","ms":\([0-9.]*\).*/\1 \2 \3 \4/p' \
	"$out/states.json" > "$out/states.synsent"
# the CLI's source port and final state of each attempt (port 0: EADDRNOTAVAIL)
cat "$out/cli.norm" "$out/cliE.norm" | awk '{ split($1, a, ":"); print a[2], $6 }' | sort > "$out/cli.ps"
awk '{ print $2, $3 }' "$out/states.synsent" | sort > "$out/states.ps"
# C's SYN_SENT time from babeltrace2's own time stamps
pidC=$(sed -n 's/.*"pid":\([0-9]*\),.*"dst":"10.77.0.2:9".*/\1/p' "$out/connects.json")
raw_ms=$(grep "vpid = $pidC[,} ]" "$out/raw.txt" | grep 'connscope:inet_sock_set_state:' |
	grep 'TCP_SYN_SENT' | sed 's/^\[\([0-9:.]*\)\].*/\1/' |
	awk -F: '{ t[NR] = $1 * 3600 + $2 * 60 + $3 } END { printf "%.3f", (t[2] - t[1]) * 1000 }')
our_ms=$(awk -v p="$pidC" '$1 == p { print $4 }' "$out/states.synsent")
if ! diff "$out/cli.ps" "$out/states.ps" > "$out/diff"; then
	ko states "SYN_SENT exits differ from --json: $(head -4 "$out/diff" | tr '\n' ' ')"
elif [ -z "$raw_ms" ] || awk -v a="$raw_ms" -v b="$our_ms" 'BEGIN { d = a - b; exit !(d > 0.002 || d < -0.002) }'; then
	ko states "C's SYN_SENT lasted $our_ms ms, babeltrace2's time stamps say $raw_ms"
else
	ok states
fi

# ---- tables ------------------------------------------------------------
pidA=$(sed -n '1s/.*"pid":\([0-9]*\),.*/\1/p' "$out/connects.json")
"$CS" trace show --index "$T" | awk -v p="$pidA" '/^== process/ { on = ($3 == p ":") }
	on && / statedump_begin / { i = $1 } END { print i }' > "$out/dumpidx"
at=$(( $(cat "$out/dumpidx") - 1 ))
"$CS" trace tables "$T" --at "$at" --json > "$out/tables.json" 2>"$out/err" || ko tables "exit $?"
grep -o '{"id":[0-9]*,"tw":[a-z]*,"state":"[A-Z_]*","local":"[^"]*","peer":"[^"]*","where":"[a-z]*","slot":[0-9]*' \
	"$out/tables.json" | sed 's/"[a-z]*"://g; s/[{"]//g' | awk -F, '{ print $3, $4, $5, $6, $7 }' |
	sort > "$out/tables.ours"
awk '/"ehash":/ { on = 1 } /"bhash_size"/ { on = 0 }
	on { match($0, /"bucket":[0-9]+/); b = substr($0, RSTART + 9, RLENGTH - 9)
	     for (s = $0; match(s, /"state":"[A-Z_]+","saddr":"[0-9.]+","sport":[0-9]+,"daddr":"[0-9.]+","dport":[0-9]+/); s = substr(s, RSTART + RLENGTH)) {
		 e = substr(s, RSTART, RLENGTH); gsub(/"[a-z]+":/, "", e); gsub(/"/, "", e); split(e, f, ",")
		 w = index(s, "\"twchain\"") < RSTART && index(s, "\"twchain\"") ? "twchain" : "chain"
		 print f[1], f[2] ":" f[3], f[4] ":" f[5], w, b } }' "$out/A.tables.json" | sort > "$out/tables.cli"
if [ "$(wc -l < "$out/tables.cli")" -ne 3 ] || ! diff "$out/tables.cli" "$out/tables.ours" > "$out/diff"; then
	ko tables "at event $at: differs from --dump-tables: $(head -6 "$out/diff" | tr '\n' ' ')"
else
	ok tables
fi

# ---- mib ---------------------------------------------------------------
mib_bad=""
for run in B:2 C:3; do
	name=${run%:*}
	awk '/^Tcp:/ { if (!h) { for (i = 2; i <= NF; i++) n[i] = $i; h = 1 }
		else for (i = 2; i <= NF; i++) if (n[i] ~ /^(ActiveOpens|AttemptFails|OutSegs|RetransSegs)$/ && $i != 0) print n[i], $i }' \
		"$out/$name.json" | sort > "$out/$name.stats"
	"$CS" trace mib "$T" --process "${run#*:}" --json 2>/dev/null |
		grep -o '"[A-Za-z]*":-\{0,1\}[0-9]*' | sed 's/"//g; s/:/ /' |
		grep -E '^(ActiveOpens|AttemptFails|OutSegs|RetransSegs) ' | sort > "$out/$name.mib"
	diff "$out/$name.stats" "$out/$name.mib" > "$out/diff" ||
		mib_bad="$mib_bad $name: $(tr '\n' ' ' < "$out/diff")"
done
# one event alone: B's first segment sent counts one OutSegs
xi=$("$CS" trace show --index "$T" | awk '/^== process/ { p++ } p == 2 && / tcp_transmit_skb_hdr / { print $1; exit }')
one=$("$CS" trace mib "$T" --process 2 --from "$xi" --to "$xi" --json | sed 's/.*"counters"://')
[ "$one" = '{"OutSegs":1}}' ] || mib_bad="$mib_bad event $xi alone: $one"
if [ -n "$mib_bad" ] || [ ! -s "$out/C.stats" ]; then
	ko mib "differs from --stats:$mib_bad"
else
	ok mib
fi

# ---- the sink components -----------------------------------------------
sink_bad=""
for s in text:show connects:connects states:states retrans:retrans ports:ports; do
	bt "$T" -c "sink.connscope.${s%:*}" > "$out/sink.txt" 2>"$out/err" ||
		sink_bad="$sink_bad ${s%:*}(exit $?)"
	"$CS" trace "${s#*:}" "$T" > "$out/cli.txt" 2>/dev/null
	cmp -s "$out/sink.txt" "$out/cli.txt" || sink_bad="$sink_bad ${s%:*}"
done
bt "$T" -c sink.connscope.tables -p "at=$at,json=yes" > "$out/sink.txt" 2>/dev/null
cmp -s "$out/sink.txt" "$out/tables.json" || sink_bad="$sink_bad tables"
bt "$T" -c sink.connscope.connects -p "json=yes,path=\"$out/sink.json\"" \
	>/dev/null 2>&1
cmp -s "$out/sink.json" "$out/connects.json" || sink_bad="$sink_bad connects(path)"
if [ -n "$sink_bad" ]; then
	ko sinks "babeltrace2 -c sink.connscope.NAME differs from connscope trace:$sink_bad"
else
	ok sinks
fi

# ---- errors ------------------------------------------------------------
err_bad=""
expect() {	# expect RC DESCRIPTION CMD...: exit RC with one line on stderr
	want=$1; what=$2; shift 2
	"$@" > /dev/null 2> "$out/err"; rc=$?
	[ "$rc" -eq "$want" ] && [ "$(wc -l < "$out/err")" -eq 1 ] || err_bad="$err_bad $what(exit $rc, $(wc -l < "$out/err") lines)"
}
mkdir -p "$out/corrupt"
cp -r "$T/." "$out/corrupt/"
find "$out/corrupt" -name metadata | while read -r f; do printf 'garbage {{{' > "$f"; done
expect 1 missing "$CS" trace connects "$out/nowhere"
expect 1 corrupt "$CS" trace show "$out/corrupt"
expect 2 no-dir "$CS" trace connects
expect 2 bad-name "$CS" trace nosuch "$T"
expect 2 bad-option "$CS" trace connects "$T" --frobnicate
expect 2 at-not-number "$CS" trace tables "$T" --at x1
expect 2 at-out-of-range "$CS" trace tables "$T" --process 1 --at 99999999
expect 2 at-elsewhere "$CS" trace states "$T" --at 3
expect 2 two-dirs "$CS" trace connects "$T" "$T"
expect 2 no-such-process "$CS" trace connects "$T" --process 6
if [ -n "$err_bad" ]; then ko errors "$err_bad"; else ok errors; fi

echo "text: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
