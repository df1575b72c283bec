#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The golden test (issue 10): trace_golden's fixed connects on the loop NIC
# (fixed secrets, virtual clock: see tests/trace/trace_golden.c) traced by a
# real LTTng session.  Its output (every frame sent, in hex; each connect's
# port, ISN and error; the tables) and the connect path's events (ports,
# ISNs, hashes, slots, probe verdicts, the timers armed, run and
# cancelled with their names and owners; pointer fields and timestamps
# removed) must equal tests/trace/golden-expected.txt.  A change to the
# stack that is meant to change a number or a byte regenerates the file:
#   GOLDEN_UPDATE=1 sh tests/trace/golden.sh
# and the diff goes in the same commit.  Starts lttng-sessiond when none
# runs and stops it afterwards.  Prints "golden: 1 passed, 0 failed".
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
prog="$BUILD/tests/trace_golden"
want="$here/golden-expected.txt"

skip() { echo "SKIPPED: golden ($1)"; echo "golden: 0 passed, 0 failed, 1 skipped"; exit 77; }
fail() { echo "FAILED: golden: $1"; echo "golden: 0 passed, 1 failed"; exit 1; }

[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
command -v lttng >/dev/null 2>&1 || fail "lttng is not installed (run scripts/install-deps.sh)"
command -v babeltrace2 >/dev/null 2>&1 || fail "babeltrace2 is not installed"
[ -x "$prog" ] || fail "$prog is not built"

. "$here/helpers/session.sh"
session_daemon || fail "cannot start lttng-sessiond"
out=$(mktemp -d /tmp/cs-golden.XXXXXX)
sess="cs-golden-$$"
cleanup() {
	lttng destroy "$sess" >/dev/null 2>&1
	session_stop_daemon
	rm -rf "$out"
}
trap cleanup EXIT

lttng create "$sess" --output="$out/trace" >/dev/null || fail "lttng create"
lttng enable-event -u -s "$sess" 'connscope:*' >/dev/null || fail "lttng enable-event"
lttng start "$sess" >/dev/null || fail "lttng start"
"$prog" > "$out/run.txt" &
gpid=$!
wait "$gpid" || fail "trace_golden failed"
lttng stop "$sess" >/dev/null || fail "lttng stop"
babeltrace2 "$out/trace" > "$out/events.txt" 2>"$out/bt.err" || fail "babeltrace2: $(cat "$out/bt.err")"

# The connect path's events of trace_golden's own process (a session
# records every process of its user), without timestamps, context, addresses and
# the fields every event ends with (pid, tid, softirq: who ran it).
path='sys_connect|inet_stream_connect|__inet_stream_connect|inet_wait_for_connect'
path="$path|tcp_v4_connect|tcp_v4_connect_isn|ip_route_connect|ip_route_newports"
path="$path|inet_hash_connect|inet_hash_connect_probe|secure_[a-z0-9_]*|__inet_hash_connect"
path="$path|inet_bind_bucket_create|inet_bind_bucket_destroy|inet_bind_hash|inet_put_port"
path="$path|__inet_check_established|tcp_twsk_unique|__inet_hash_nolisten|__inet_hash"
path="$path|inet_unhash|inet_csk_get_port|inet_csk_get_port_probe|inet_sock_set_state"
path="$path|tcp_connect|tcp_connect_init|tcp_select_initial_window|tcp_syn_options"
path="$path|tcp_options_write|tcp_transmit_skb|tcp_transmit_skb_hdr|tcp_init_nondata_skb"
path="$path|tcp_connect_queue_skb|TCP_ECN_send_syn|alloc_skb_fclone|skb_clone|tcp_done"
path="$path|tcp_time_wait|inet_twsk_[a-z_]*|__inet_twsk_[a-z_]*|tcp_write_timeout"
path="$path|tcp_retransmit_[a-z_]*|timer_armed|timer_fired|timer_cancelled"
{
	cat "$out/run.txt"
	echo "--- trace"
	sed -n 's/^\[[^]]*\] ([^)]*) [^ ]* \(connscope:[^ ]*\) { cpu_id = [0-9]* }, /\1 /p' \
		"$out/events.txt" |
		grep -E "^connscope:($path)(_ret)?: " |
		grep -F ", pid = $gpid, " |
		sed -E 's/ (skaddr|skbaddr|timer|clone) = 0x[0-9A-F]+,?//g' |
		sed -E 's/, pid = [0-9]+, tid = [0-9]+, softirq = [01] }$/ }/'
} > "$out/got.txt"
[ "$(grep -c '^connscope:' "$out/got.txt")" -gt 100 ] || fail "too few events recorded"
if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
	cp "$out/got.txt" "$want"
	echo "golden: wrote $want"
	exit 0
fi
[ -f "$want" ] || fail "$want is missing (GOLDEN_UPDATE=1 writes it)"
if ! diff -u "$want" "$out/got.txt" > "$out/diff.txt"; then
	head -60 "$out/diff.txt"
	fail "the run differs from $want (diff above)"
fi
echo "PASSED: golden ($(grep -c '^tx' "$want") frames, $(grep -c '^connscope:' "$want") events)"
echo "golden: 1 passed, 0 failed"
