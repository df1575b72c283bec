#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The ladder and the port search against what really happened (make
# trace-check): in a private lab (labs/net/userns.sh, its own lttng-sessiond)
# four traced `connscope connect --pcap` runs against the kernel peer:
#   1. a handshake to the listener on 10.77.0.2:80, then close (FIN, RST)
#   2. SYNs the server drops, tcp_syn_retries=1 (a retransmission, ETIMEDOUT)
#   3. a closed port, 10.77.0.2:81 (the kernel's RST)
#   4. run 1 again with fixed secrets and its port reserved
#      (ip_local_reserved_ports): the search skips the reserved candidates
# Each run is one connscope process of the trace.  For each run N:
# `connscope-dot --process N --view ladder --connect 1 -T dot` must
# draw the frames of its pcap (tshark), same count, order, direction, flags,
# absolute and relative seq/ack; `--view ports` must list the
# inet_hash_connect_probe events of the trace (babeltrace2), each port
# recomputed as low + (i + offset) % remaining; every view is laid out by
# Graphviz.  Prints "ladder: N passed, M failed"; exit 77 when skipped.
# shellcheck disable=SC2015
set -u
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CS="$root/$BUILD/bin/connscope"
DOT="$root/$BUILD/bin/connscope-dot"

skip() { echo "SKIPPED: ladder-pcap ($1)"; echo "ladder: 0 passed, 0 failed, 1 skipped"; exit 77; }
[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
[ -x "$CS" ] && [ -x "$DOT" ] || skip "connscope or connscope-dot is not built"
for t in lttng lttng-sessiond babeltrace2 tshark gvpr dot; do
	command -v $t >/dev/null 2>&1 || skip "$t is not installed (scripts/install-deps.sh)"
done
# Outside: the same script in a user namespace with the lab network up.
if [ -z "${CS_IN_USERNS:-}" ]; then
	sh "$root/labs/net/userns.sh" --listen 80 sh "$0" "$@"
	rc=$?
	[ "$rc" -eq 77 ] && skip "no user namespaces here"
	exit "$rc"
fi
# Inside a lab another script made (make trace-check under userns.sh): the
# private /run/lttng and the daemon below go in a mount namespace of our
# own, so the lab's /run/lttng and its lttng-sessiond stay as they are for
# the tests after this one.
if [ -z "${CS_LADDER_OWN_MOUNTS:-}" ]; then
	CS_LADDER_OWN_MOUNTS=1 exec unshare -m --propagation private sh "$0" "$@"
fi

pass=0
failed=0
ok() { pass=$((pass + 1)); echo "PASSED: ladder-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: ladder-$1: $2"; }

out=$(mktemp -d /tmp/cs-ladder.XXXXXX)
# The lab's /run/lttng and /dev/shm are not ours: private ones (in our
# mount namespace), our daemon.
mount -t tmpfs -o mode=0755 none /run/lttng 2>/dev/null ||
	{ mkdir -p /run/lttng && mount -t tmpfs -o mode=0755 none /run/lttng; } ||
	{ echo "FAILED: ladder-setup: cannot mount a private /run/lttng"; exit 1; }
mount -t tmpfs -o mode=1777 none /dev/shm || { echo "FAILED: ladder-setup: /dev/shm"; exit 1; }
export HOME="$out/home"
mkdir -p "$HOME"
lttng-sessiond --daemonize --no-kernel --group="$(id -gn)" >/dev/null 2>&1 ||
	{ echo "FAILED: ladder-setup: cannot start lttng-sessiond"; exit 1; }
cleanup() {
	lttng destroy cs-ladder >/dev/null 2>&1
	pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null)
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	ip netns exec cs-server nft delete table inet csladder >/dev/null 2>&1
	[ -n "${KEEP:-}" ] && cp -r "$out" "$KEEP"
	rm -rf "$out"
}
trap cleanup EXIT

lttng create cs-ladder --output="$out/trace" >/dev/null &&
lttng enable-event -u -s cs-ladder 'connscope:*' >/dev/null &&
lttng add-context -u -s cs-ladder -t vtid -t vpid >/dev/null &&
lttng start cs-ladder >/dev/null || { echo "FAILED: ladder-setup: lttng session"; exit 1; }
run() { n=$1; shift; "$CS" connect --netns cs-client --pcap "$out/c$n.pcap" "$@" >"$out/c$n.out" 2>&1; }
seed="-o connscope.fixed_secrets=1 -o connscope.secret_seed=13"
# shellcheck disable=SC2086
run 1 $seed 10.77.0.2:80
ip netns exec cs-server nft add table inet csladder &&
ip netns exec cs-server nft add chain inet csladder input '{ type filter hook input priority 0; }' &&
ip netns exec cs-server nft add rule inet csladder input tcp dport 9 drop ||
	ko setup "nft: cannot drop port 9"
run 2 -o net.ipv4.tcp_syn_retries=1 10.77.0.2:9
run 3 10.77.0.2:81
port=$(sed -n 's/^0: [0-9.]*:\([0-9]*\) ->.*/\1/p' "$out/c1.out")
[ -n "$port" ] || ko setup "no port in run 1's output: $(cat "$out/c1.out")"
res="$port-$((port + 2))"
[ "${port:-0}" -ge 60999 ] && res=$port
# shellcheck disable=SC2086
run 4 $seed -o "net.ipv4.ip_local_reserved_ports=$res" 10.77.0.2:80
lttng stop cs-ladder >/dev/null
lttng destroy cs-ladder >/dev/null
T="$out/trace"
babeltrace2 "$T" >"$out/events.txt" 2>"$out/bt.err" || { ko record "$(cat "$out/bt.err")"; exit 1; }

# frames_pcap N: one line per frame of run N's capture:
#   "tcp DIR FLAGS SEQ ACK RSEQ RACK" or "arp DIR OP".
frames_pcap() {
	tshark -r "$out/c$1.pcap" -T fields -E separator=' ' -e ip.src -e tcp.flags -e tcp.seq_raw \
		-e tcp.ack_raw -e tcp.seq -e tcp.ack -e arp.src.proto_ipv4 -e arp.opcode 2>/dev/null |
	awk 'function hex(s,   v, i) { v = 0; s = tolower(s); sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v }
	     { if (NF == 2) { print "arp", ($1 == "10.77.0.1" ? "out" : "in"), $2 + 0; next }
	       fl = sprintf("0x%02x", hex($2)); ack = (hex($2) % 32 >= 16)
	       print "tcp", ($1 == "10.77.0.1" ? "out" : "in"), fl, $3, $4, $5, ack ? $6 : "-" }'
}
# frames_dot FILE: the same from the ladder's edges (comment, then label).
frames_dot() {
	gvpr 'E[comment != ""] { print($.comment, " | ", $.label) }' "$1" |
	awk '{ n = $2; sub(/^frame [0-9]+ frame /, ""); line[n] = $0; if (n > max) max = n }
	     END { for (i = 1; i <= max; i++) print line[i] }' |
	awk -F' [|] ' '{ split($1, a, " ")
		if (a[1] == "arp") { print "arp", a[2], a[4]; next }
		rs = $2; sub(/.* seq /, "", rs); sub(/ .*/, "", rs)
		ra = "-"; if ($2 ~ / ack /) { ra = $2; sub(/.* ack /, "", ra); sub(/ .*/, "", ra) }
		print "tcp", a[2], a[4], a[6], a[8], rs, ra }'
}

for n in 1 2 3 4; do
	f="$out/ladder$n.dot"
	if ! "$DOT" "$T" -q -T dot --process "$n" --view ladder --connect 1 -o "$f" 2>"$out/err"; then
		ko "connect$n" "$(cat "$out/err")"; continue
	fi
	dot -Tsvg "$f" -o "$f.svg" 2>"$f.err" && ! grep -q . "$f.err" || { ko "layout$n" "$(cat "$f.err")"; continue; }
	frames_pcap "$n" >"$out/want$n"
	frames_dot "$f" >"$out/got$n"
	if [ -s "$out/want$n" ] && cmp -s "$out/want$n" "$out/got$n"; then
		ok "connect $n: $(wc -l <"$out/want$n") frames as in its pcap ($(awk '{ printf "%s%s ", $1 == "arp" ? "arp-" : "", $3 }' "$out/want$n"))"
	else
		ko "connect$n" "pcap vs ladder: $(diff "$out/want$n" "$out/got$n" | tr '\n' ' ')"
	fi
done
grep -q 'retransmission 1: RTO 1000 ms expired, backoff 0' "$out/ladder2.dot" &&
	grep -q 'connect() returns -110 ETIMEDOUT' "$out/ladder2.dot" &&
	grep -q 'retransmit +2000 ms' "$out/ladder2.dot" &&
	ok "connect 2: the retransmission's RTO, the doubled timer, ETIMEDOUT" ||
	ko retransmission "no RTO/backoff note or no ETIMEDOUT in ladder2.dot"
# The ARP timer is armed 1000 ms after the neighbour's `now`; the trace reads
# jiffies again at mod_timer, a few ms later on a loaded machine.
neigh_ms=$(grep -o 'neigh +[0-9]* ms' "$out/ladder1.dot" | awk '$2 >= 900 && $2 <= 1000 { print $2 + 0; exit }')
grep -q 'SYN_SENT → ESTABLISHED' "$out/ladder1.dot" && [ -n "$neigh_ms" ] &&
	ok "connect 1: state changes and timers on the stack's side (neigh +$neigh_ms ms)" ||
	ko states "no SYN_SENT → ESTABLISHED, or no ARP timer of 900-1000 ms in ladder1.dot"
"$DOT" "$T" -q -T dot --process 1 --view ladder -o "$out/run.dot" 2>"$out/err" &&
	[ "$(gvpr 'E[comment != ""] { print($.comment) }' "$out/run.dot" | wc -l)" -eq "$(wc -l <"$out/want1")" ] &&
	ok "the whole run of process 1: every frame of its capture" || ko run "$(cat "$out/err")"

# --- ports: the table against the trace's probes ------------------------------
# probes_bt N: "i port bhash verdict expected" for the Nth connect's process.
probes_bt() {
	pid=$(awk '/connscope:sys_connect:/ { split($0, a, "vpid = "); split(a[2], b, " "); sub(/[,}]/, "", b[1]); print b[1] }' \
		"$out/events.txt" | sed -n "${1}p")
	awk -v pid="$pid" '
	function val(k,   r) { r = $0; if (!sub(".*[{,] " k " = ", "", r)) return ""; sub(/[ ,].*/, "", r); return r }
	function lab(k,   r) { r = $0; if (!sub(".*[{,] " k " = \\( \"", "", r)) return ""; sub(/".*/, "", r); return r }
	index($0, "vpid = " pid " ") == 0 { next }
	/connscope:__inet_hash_connect:/ { off = val("offset"); low = val("low"); rem = val("remaining") }
	/connscope:inet_hash_connect_probe:/ { i = val("i")
		print i, val("port"), val("bhash"), lab("verdict"), low + (i + off) % rem }
	' "$out/events.txt"
}
# probes_dot FILE: the same from the ports table's rows.
probes_dot() {
	gvpr 'N[name == "ports"] { print($.label) }' "$1" | sed 's/<TR>/\n/g' |
	sed -n 's/.*ALIGN="RIGHT"[^>]*>\([0-9]*\)<\/TD><TD[^>]*>\([0-9]*\)<\/TD><TD[^>]*>\([0-9]*\)[^<]*<\/TD><TD[^>]*>\([0-9]*\)<\/TD><TD[^>]*><FONT[^>]*>\([a-z_]*\)<.*/\1 \2 \4 \5 \3/p'
}
for n in 1 4; do
	f="$out/ports$n.dot"
	if "$DOT" "$T" -q -T dot --process "$n" --view ports --connect 1 --max-slots 0 -o "$f" 2>"$out/err" &&
	   dot -Tsvg "$f" -o "$f.svg" 2>"$f.err" && ! grep -q . "$f.err"; then
		probes_bt "$n" >"$out/pwant$n"
		probes_dot "$f" >"$out/pgot$n"
		if [ -s "$out/pwant$n" ] && cmp -s "$out/pwant$n" "$out/pgot$n" &&
		   awk '$2 != $5 { exit 1 }' "$out/pwant$n"; then
			ok "ports $n: $(wc -l <"$out/pwant$n") candidates as the trace probed them ($(awk '{ printf "%s ", $4 }' "$out/pwant$n"))"
		else
			ko "ports$n" "trace vs table: $(diff "$out/pwant$n" "$out/pgot$n" | tr '\n' ' ')"
		fi
	else ko "ports$n" "$(cat "$out/err" "$f.err" 2>/dev/null)"; fi
done
[ "$(awk '$4 == "reserved"' "$out/pwant4" | wc -l)" -ge 1 ] &&
	grep -q 'in ip_local_reserved_ports' "$out/ports4.dot" &&
	ok "ports 4: the reserved candidates are skipped and say why" ||
	ko reserved "run 4 met no reserved candidate: $(cat "$out/c4.out")"
"$DOT" "$T" -q -T dot --process 4 --view callpath --connect 1 -o "$out/cp4.dot" 2>"$out/err" &&
	grep -q "port $port → reserved" "$out/cp4.dot" && grep -q 'port [0-9]* → ok_new_bucket' "$out/cp4.dot" &&
	ok "callpath: the probe nodes show their port and verdict" || ko callpath-probes "$(cat "$out/err")"

echo "ladder: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
