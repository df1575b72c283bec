#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# demo.sh - `sudo make demo`: three traced connects against the Linux kernel.
#
# Brings the lab network up (labs/net/up.sh), starts an LTTng session (and
# lttng-sessiond when none runs), then runs through connscope:
#   1. a connect to the kernel listener on 10.77.0.2:80   -> ESTABLISHED
#   2. a connect to a closed port, 10.77.0.2:81           -> ECONNREFUSED
#   3. a connect whose SYNs the server drops (nftables), with
#      net.ipv4.tcp_syn_retries=1                         -> ETIMEDOUT after 3 s
# stops the session, prints the connects as the trace tells them, the first
# one step by step and the SYN retransmissions (connscope trace connects,
# show, retrans), draws its ehash, bhash and callpath diagrams
# (connscope-dot, SVG), says where the trace and the diagrams are, and takes
# the lab network down.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${BUILD:-build}
CS="$ROOT/$BUILD/bin/connscope"

say() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
	echo "demo: needs root (network namespaces, AF_PACKET): run 'sudo make demo'." >&2
	echo "      Without root, inside a user namespace: labs/net/userns.sh scripts/demo.sh" >&2
	exit 1
fi

base=$ROOT/traces
[ -w "$ROOT" ] || base=${TMPDIR:-/tmp}/connscope-traces-$(id -un 2>/dev/null || id -u)
OUT=${CS_DEMO_DIR:-$base/demo-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
SESS="connscope-demo-$$"
started_sessiond=""
lab_up=""

cleanup() {
	lttng destroy "$SESS" >/dev/null 2>&1 || true
	if [ -n "$started_sessiond" ]; then
		pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null || true)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	fi
	ip netns exec cs-server nft delete table inet csdemo >/dev/null 2>&1 || true
	[ -n "$lab_up" ] && sh labs/net/down.sh >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

say "the lab network (labs/net/up.sh)"
sh labs/net/up.sh --listen 80 --log "$OUT/listener.log"
lab_up=yes

# Inside labs/net/userns.sh a session daemon already runs (the lab gives
# its namespace a private /run/lttng and /dev/shm and starts one with a
# group that is mapped there); as root on the host, start one if none runs.
if ! lttng list >/dev/null 2>&1; then
	lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1 ||
		{ echo "demo: cannot start lttng-sessiond (try: lttng-sessiond --background --no-kernel)" >&2; exit 1; }
	started_sessiond=yes
fi
lttng create "$SESS" --output="$OUT/trace" >/dev/null
lttng enable-event -u -s "$SESS" 'connscope:*' >/dev/null
# which process and thread each event comes from (connscope-dot's call trees)
lttng add-context -u -s "$SESS" -t vpid -t vtid -t procname >/dev/null
lttng start "$SESS" >/dev/null

say "1. connect to the kernel listener, 10.77.0.2:80"
"$CS" connect --netns cs-client --pcap "$OUT/connect.pcap" 10.77.0.2:80 || true
say "2. connect to a closed port, 10.77.0.2:81 (the kernel answers with a RST)"
"$CS" connect --netns cs-client 10.77.0.2:81 || true
say "3. SYNs dropped by the server; tcp_syn_retries=1 (SYN at 0 s and 1 s, give up at 3 s)"
ip netns exec cs-server nft add table inet csdemo
ip netns exec cs-server nft add chain inet csdemo input '{ type filter hook input priority 0; }'
ip netns exec cs-server nft add rule inet csdemo input tcp dport 9 drop
"$CS" connect --netns cs-client -o net.ipv4.tcp_syn_retries=1 10.77.0.2:9 || true
ip netns exec cs-server nft delete table inet csdemo

lttng stop "$SESS" >/dev/null
lttng destroy "$SESS" >/dev/null

say "the kernel listener's log"
cat "$OUT/listener.log"

babeltrace2 "$OUT/trace" > "$OUT/events.txt"
say "the three connects, from the trace (connscope trace connects $OUT/trace)"
"$CS" trace connects "$OUT/trace"
say "the first connect, step by step (connscope trace show $OUT/trace, its first block)"
"$CS" trace show "$OUT/trace" > "$OUT/show.txt"
awk '/^-- connect 1:/ { on = 1; print; next } on && /^(--|==) / { exit } on' "$OUT/show.txt"
say "the dropped SYNs, retransmitted (connscope trace retrans $OUT/trace)"
"$CS" trace retrans "$OUT/trace"

say "the first connect as diagrams (connscope-dot --process 1 --connect 1)"
DIAG="$OUT/diagrams"
mkdir -p "$DIAG"
# process 1 is the first run (the kernel listener); each run is a process
for v in ehash bhash callpath ladder ports; do
	"$ROOT/$BUILD/bin/connscope-dot" "$OUT/trace" --process 1 --connect 1 --view "$v" -T svg -q \
		-o "$DIAG/connect1-$v.svg" && echo "  $v: $DIAG/connect1-$v.svg" ||
		echo "  $v: not drawn (see the message above)"
done

say "where things are"
echo "  trace:     $OUT/trace      (babeltrace2 $OUT/trace)"
echo "  events:    $OUT/show.txt (connscope trace show: every event of the three runs, readable)"
echo "             $OUT/events.txt ($(wc -l < "$OUT/events.txt") events as babeltrace2 prints them)"
echo "  capture:   $OUT/connect.pcap (tshark -r $OUT/connect.pcap)"
echo "  diagrams:  $DIAG/connect1-{ehash,bhash,callpath,ladder,ports}.svg (connscope-dot --help for more views)"
