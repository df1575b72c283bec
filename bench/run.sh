#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/run.sh - `make bench`: connscope and the kernel side by side, each
# making connects to the same kernel listener in cs-server (cs-listen), every
# connection closed right after it is made:
#   - the kernel from 10.77.0.3 in cs-client (build/bench/kconnect),
#   - connscope from 10.77.0.1 (`connscope connect --close --json --stats`),
# in one run each, for these cases:
#   P1, P2          -P 1 and -P 2, tracing compiled in, no session
#   notrace         -P 1, built with TRACE=0 (build-notrace)
#   recording       -P 1, an LTTng session recording connscope:* (N/4 connects)
#   held 0/1k/10k   with 0, 1 000 and 10 000 connections held open (--keep;
#                   kconnect -k), thash_entries and nofile sized to match,
#                   to a listener that closes at once (ports 81-84)
#   exhausted       a port range of 4096 with 3896 held: 150 connects
# For each: p50 and p99 connect latency (the connect call alone), connects
# per second (the whole process, `ip netns exec` and start-up included, for
# both: socket, connect, close of every attempt),
# CPU per connect (user + system time of the process over its attempts), and
# the ratio connscope / kernel; connscope's ring drops (Link RxMissed).  The
# kernel's tcp_max_tw_buckets is set to connscope's (thash_entries / 2).
# Then the targets, each met or not.  Numbers from a shared machine are
# noisy: run it more than once.
#
#   bench/run.sh [-n N]        (default 20000; make bench N=5000)
#
# Needs the lab network: as root it brings it up in the host's namespaces and
# takes it down after; without root, or when the lab is already up (or with
# CS_LAB_USERNS=1), it runs itself inside a user namespace (labs/net/userns.sh).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF=$ROOT/bench/run.sh
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
export BUILD
NET=$ROOT/labs/net
CS=$ROOT/$BUILD/bin/connscope
CS_NOTRACE=$ROOT/${BUILD}-notrace/bin/connscope
KCONNECT=$ROOT/$BUILD/bench/kconnect
PEER=10.77.0.2
N=20000

while [ $# -gt 0 ]; do
	case $1 in
	-n) [ $# -ge 2 ] || { echo "usage: bench/run.sh [-n N]" >&2; exit 2; }; N=$2; shift 2;;
	-h|--help) sed -n '3,29s/^# \{0,1\}//p' "$0"; exit 0;;
	*) echo "usage: bench/run.sh [-n N]" >&2; exit 2;;
	esac
done
case $N in ''|*[!0-9]*|0) echo "bench: -n: not a positive count: $N" >&2; exit 2;; esac

lab_up_already() {
	ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qx -e cs-client -e cs-server
}
if [ "${CS_IN_USERNS:-}" != 1 ]; then
	if [ "$(id -u)" -ne 0 ] || [ "${CS_LAB_USERNS:-0}" = 1 ] || lab_up_already; then
		exec "$NET/userns.sh" --no-lab sh "$SELF" -n "$N"
	fi
fi

# In the user namespace, a private LTTng (tmpfs over /run/lttng and
# /dev/shm, as tests/trace/view_tmux.sh does): a session of another program
# on the machine recording connscope:* would otherwise record the benchmark.
if [ "${CS_IN_USERNS:-}" = 1 ] && [ -d /run/lttng ]; then
	mount -t tmpfs none /run/lttng && mount -t tmpfs -o mode=1777 none /dev/shm ||
		echo "bench: no private /run/lttng: other LTTng sessions may record the benchmark" >&2
fi

for p in "$CS" "$CS_NOTRACE" "$KCONNECT" "$ROOT/$BUILD/bin/cs-listen" "$ROOT/$BUILD/bin/cs-offload"; do
	[ -x "$p" ] || { echo "bench: $p is not built (make; make TRACE=0)" >&2; exit 1; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
sess=""
started_sessiond=""
cleanup() {
	[ -n "$sess" ] && lttng destroy "$sess" >/dev/null 2>&1
	if [ -n "$started_sessiond" ]; then
		pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null ||
		      cat "$HOME/.lttng/lttng-sessiond.pid" 2>/dev/null)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	fi
	"$NET/down.sh" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$NET/up.sh" --listen 80 --log "$T/listen.log" >/dev/null || { echo "bench: up.sh failed" >&2; exit 1; }
# Ports 81-84: a listener that closes each connection at once, so that the
# connections held open by the client do not pile up in cs-listen's poll
# set; one port per case, so that the kernel's TIME-WAIT sockets of one case
# (same 4-tuples) do not take the ports of the next.
ip netns exec cs-server "$ROOT/$BUILD/bin/cs-listen" -p 81 -p 82 -p 83 -p 84 --close \
	-l "$T/listen81.log" -d || { echo "bench: cs-listen -p 81..84 failed" >&2; exit 1; }

# shellcheck source=bench/stats.sh
. "$ROOT/bench/stats.sh"

ksysctl() { ip netns exec cs-client sh -c "echo '$2' > /proc/sys/net/ipv4/$1"; }

# kernel NAME PORT COUNT KEEP P [TW]: kconnect; one row.
kernel() {
	ksysctl tcp_max_tw_buckets "${6:-128}"
	t0=$(now_us)
	cpu_run "$T/$1.out" ip netns exec cs-client "$KCONNECT" -n "$3" -k "$4" -P "$5" \
		-b 10.77.0.3 "$PEER:$2"
	t1=$(now_us)
	grep -v -e '^total_us=' -e '^k' "$T/$1.out" > "$T/$1.lat"
	row "$1" "$T/$1.lat" $((t1 - t0)) "$3"
}

# cs NAME PORT COUNT KEEP P BIN [SYSCTL...]: connscope; one row.
cs() {
	name=$1 port=$2 count=$3 keep=$4 par=$5 bin=$6
	shift 6
	for kv in "$@"; do
		set -- "$@" -o "$kv"
		shift
	done
	t0=$(now_us)
	cpu_run "$T/$name.out" "$bin" connect --netns cs-client --json --stats --close \
		--keep "$keep" -n "$count" -P "$par" "$@" "$PEER:$port"
	t1=$(now_us)
	grep '"result":"ok"' "$T/$name.out" |
		awk -v k="$keep" -F'[:,]' '{ if ($2 + 0 >= k) print }' |
		sed 's/.*"usec":\([0-9]*\).*/\1/' > "$T/$name.lat"
	missed=$(awk '/^Link:/ { n++; if (n == 1) split($0, h); else for (i = 2; i <= NF; i++)
		if (h[i] == "RxMissed") print $i }' "$T/$name.out")
	drops="${drops}$name=${missed:-?} "
	row "$name" "$T/$name.lat" $((t1 - t0)) "$count"
}

# Warm up both (ARP, page cache), then measure.
ip netns exec cs-client "$KCONNECT" -n 20 -b 10.77.0.3 "$PEER:80" >/dev/null
"$CS" connect --netns cs-client --close -n 20 "$PEER:80" >/dev/null
drops=""
NREC=$((N / 4 > 0 ? N / 4 : 1))
NHELD=$((N / 2 > 0 ? N / 2 : 1))

echo "bench: connects, each closed at once, to $PEER (cs-listen, Linux $(uname -r), $(nproc) CPUs)"
header
kernel k_p1 80 "$N" 0 1
cs cs_p1 80 "$N" 0 1 "$CS"
cs cs_notrace 80 "$N" 0 1 "$CS_NOTRACE"
kernel k_p2 80 "$N" 0 2
cs cs_p2 80 "$N" 0 2 "$CS"
kernel k_rec 80 "$NREC" 0 1
if record_start "$T/trace"; then
	cs cs_rec 80 "$NREC" 0 1 "$CS"
	record_stop
else
	echo "  cs_rec: skipped ($why)"
fi
kernel k_held0 81 "$NHELD" 0 1
cs cs_held0 81 "$NHELD" 0 1 "$CS"
kernel k_held1k 82 $((NHELD + 1000)) 1000 1 512
cs cs_held1k 82 $((NHELD + 1000)) 1000 1 "$CS" connscope.thash_entries=1024 connscope.nofile=1100
kernel k_held10k 83 $((NHELD + 10000)) 10000 1 8192
cs cs_held10k 83 $((NHELD + 10000)) 10000 1 "$CS" connscope.thash_entries=16384 \
	connscope.nofile=10100
ksysctl ip_local_port_range "32768 36863"
kernel k_exhausted 84 4046 3896 1 2048
cs cs_exhausted 84 4046 3896 1 "$CS" connscope.thash_entries=4096 connscope.nofile=4100 \
	"net.ipv4.ip_local_port_range=32768 36863"
ksysctl ip_local_port_range "32768 61000"

echo "ratios connscope / kernel (p50, p99, connects/s, CPU per connect):"
for c in p1 notrace p2 rec held0 held1k held10k exhausted; do
	k=k_$c
	[ "$c" = notrace ] && k=k_p1
	ratios "$c" "cs_$c" "$k"
done
[ -n "$traced" ] && echo "  recording: $events events ($(div "$events" "$NREC") per connect," \
	"with the warm-up), discarded by the tracer: $lost"
echo "ring drops (Link RxMissed): $drops"
targets
