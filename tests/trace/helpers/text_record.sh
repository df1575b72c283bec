#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# helpers/text_record.sh OUT CS - for tests/trace/text_reports.sh, run inside
# labs/net/userns.sh --listen 80: a private lttng-sessiond (its own /run/lttng
# and /dev/shm, the group that exists here, as scripts/demo.sh does) records
# five runs of connscope connect into OUT/trace; each run's --json (and
# --stats) output goes to OUT/{A,B,C,D,E}.json.
set -eu
OUT=$1
CS=$2
mkdir -p /run/lttng
mount -t tmpfs -o mode=0755 none /run/lttng
mount -t tmpfs -o mode=1777 none /dev/shm
lttng-sessiond --daemonize --no-kernel --group="$(id -gn)" >/dev/null
trap 'lttng destroy cs-text >/dev/null 2>&1 || true; kill "$(cat /run/lttng/lttng-sessiond.pid)" 2>/dev/null || true' EXIT
lttng create cs-text --output="$OUT/trace" >/dev/null
lttng enable-event -u -s cs-text 'connscope:*' >/dev/null
lttng add-context -u -s cs-text -t vpid -t vtid >/dev/null
lttng start cs-text >/dev/null
# A: three connects held open; the tables at exit
"$CS" connect --netns cs-client --json -n 3 --dump-tables "$OUT/A.tables.json" 10.77.0.2:80 \
	> "$OUT/A.json"
# B: a closed port
"$CS" connect --netns cs-client --json --stats 10.77.0.2:81 > "$OUT/B.json" || true
# C: SYNs dropped by the server, two retransmissions
ip netns exec cs-server nft add table inet cstext
ip netns exec cs-server nft add chain inet cstext input '{ type filter hook input priority 0; }'
ip netns exec cs-server nft add rule inet cstext input tcp dport 9 drop
"$CS" connect --netns cs-client --json --stats -o net.ipv4.tcp_syn_retries=2 10.77.0.2:9 \
	> "$OUT/C.json" || true
ip netns exec cs-server nft delete table inet cstext
# D: four ports for six connects
"$CS" connect --netns cs-client --json -n 6 -o "net.ipv4.ip_local_port_range=40000 40003" \
	10.77.0.2:80 > "$OUT/D.json" || true
# E: four non-blocking connects from two threads, closed at once
"$CS" connect --netns cs-client --json -n 4 -P 2 --nonblock --close 10.77.0.2:80 > "$OUT/E.json"
lttng stop cs-text >/dev/null
