#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Damaged traces (make trace-check, issue 12): record one run of
# trace_dot_connects on the loop NIC, then cut its metadata inside a
# packet header, inside its first packet and inside a later one, and
# overwrite part of a stream packet.  connscope-model-dump, connscope-dot
# and connscope-view --batch must each print one line naming themselves
# and exit 1 (libbabeltrace2 2.0.4 alone spins forever on such metadata;
# viz/model/metadata.c checks it first).  A 30 s timeout per run turns a
# hang into a failure.  Prints "damaged: N passed, M failed"; 77 = skipped.
# shellcheck disable=SC2015
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN="$root/$BUILD/bin"
SCEN="$root/$BUILD/tests/trace_dot_connects"
pass=0
failed=0

skip() { echo "SKIPPED: damaged ($1)"; echo "damaged: 0 passed, 0 failed, 1 skipped"; exit 77; }
ok() { pass=$((pass + 1)); echo "PASSED: damaged-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: damaged-$1: $2"; }

[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
for p in connscope-model-dump connscope-dot connscope-view; do
	[ -x "$BIN/$p" ] || skip "$p is not built"
done
[ -x "$SCEN" ] || skip "trace_dot_connects is not built"
command -v lttng >/dev/null 2>&1 || { ko setup "lttng is not installed"; exit 1; }

. "$here/helpers/session.sh"
session_daemon || { ko setup "cannot start lttng-sessiond"; exit 1; }
out=$(mktemp -d /tmp/cs-damaged.XXXXXX)
sess="cs-damaged-$$"
cleanup() {
	lttng destroy "$sess" >/dev/null 2>&1
	session_stop_daemon
	rm -rf "$out"
}
trap cleanup EXIT

# Only the scenario's events: it waits at a gate until the session filters
# on its pid.  It exits with its stack up, hence no leak check.
mkfifo "$out/gate"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	sh -c 'read x <"$0"; exec "$@"' "$out/gate" "$SCEN" "$out/dump.json" >/dev/null &
spid=$!
lttng create "$sess" --output="$out/trace" >/dev/null &&
	lttng enable-event -u -s "$sess" 'connscope:*' --filter "\$ctx.vpid == $spid" >/dev/null &&
	lttng start "$sess" >/dev/null || { echo go >"$out/gate"; ko record "lttng session"; exit 1; }
echo go >"$out/gate"
wait "$spid" || { ko record "trace_dot_connects failed"; exit 1; }
lttng stop "$sess" >/dev/null 2>&1
lttng destroy "$sess" >/dev/null 2>&1
T="$out/trace"
M=$(find "$T" -name metadata | head -1)
[ -n "$M" ] && [ "$(stat -c %s "$M")" -gt 4200 ] || { ko record "no packetized metadata in $T"; exit 1; }

# damage NAME CMD: a copy of the trace in $out/NAME, CMD run on its metadata
# ($1) and largest stream file ($2).
damage() {
	name=$1; shift
	rm -rf "${out:?}/$name" && cp -r "$T" "$out/$name" || return 1
	m=$(find "$out/$name" -name metadata | head -1)
	s=$(find "$out/$name" -type f -name 'channel*' ! -path '*index*' -exec ls -S {} + | head -1)
	sh -c "$1" sh "$m" "$s"
}
# readers NAME: each reader exits 1 with one line naming itself.
readers() {
	for p in connscope-model-dump connscope-dot connscope-view; do
		case $p in
		connscope-dot) args="-o $out/x.dot" ;;
		connscope-view) args="--batch" ;;
		*) args="" ;;
		esac
		# shellcheck disable=SC2086
		timeout 30 "$BIN/$p" "$out/$1" $args >/dev/null 2>"$out/err"
		rc=$?
		if [ "$rc" -eq 1 ] && [ "$(grep -c . "$out/err")" -eq 1 ] &&
		   grep -q "^$p: " "$out/err" && ! grep -qi 'sanitizer\|runtime error' "$out/err"; then
			ok "$1-$p"
		else
			ko "$1-$p" "rc $rc (124: hang), want 1; stderr: $(head -3 "$out/err" | tr '\n' ' ')"
		fi
	done
}

damage meta-header 'truncate -s 30 "$1"' && readers meta-header
damage meta-first 'truncate -s 100 "$1"' && readers meta-first
damage meta-later 'truncate -s 4200 "$1"' && readers meta-later
damage meta-exact 'truncate -s 37 "$1"' && readers meta-exact
damage stream 'sz=$(stat -c %s "$2"); head -c 64 /dev/zero | tr "\000" "\377" |
	dd of="$2" bs=1 seek=$((sz / 2 + 108)) conv=notrunc 2>/dev/null' && readers stream

echo "damaged: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
