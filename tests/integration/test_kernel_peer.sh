#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# test_kernel_peer.sh - the connscope stack against the real Linux kernel as
# its peer, on the lab network (labs/net/up.sh), through `connscope connect`:
#
#   1 listener      the kernel's listener accepts; the peer it logs is the src printed
#   2 refused       closed port: ECONNREFUSED after one RST, well under a second
#   3 syn-timeout   SYNs dropped in cs-server (nft), tcp_syn_retries=2: ETIMEDOUT,
#                   SYNs at 0, 1, 3 s, failure at 7 s ((2^3 - 1) x 1 s)
#   4 no-host       10.77.0.9 (no such host): EHOSTUNREACH once ARP gives up (3 s)
#   5 port-range    ip_local_port_range "40000 40003": 4 connects, the 5th EADDRNOTAVAIL
#   6 time-wait     the same 4-tuple again after an active close, as 3.10 decides
#                   (bind conflict, tcp_twsk_unique, tcp_tw_reuse)
#   7 wire          every frame the stack sent, captured on cs1, decodes in tshark
#                   with no malformed packet and no checksum error
#   8 syn-vs-kernel the stack's SYN and the kernel's own SYN: same options in the
#                   same order, same TTL, DF and TOS; window and wscale per 3.10
#   9 no-leak       1000 connects with --close under valgrind (or ASan/LSan)
#
# As root it uses the host's network namespaces, unless the lab is already up
# (then, or with CS_LAB_USERNS=1, or without root, it runs itself inside a
# user namespace through labs/net/userns.sh).  With neither root nor user
# namespaces it prints "SKIPPED: test_kernel_peer (...)" and exits 77.  A test
# whose tool is missing is reported "SKIPPED: <n> <name> (reason)".
# CS_KEEP=1 keeps the captures and logs (the path is printed).
# Last line: "integration: N passed, M failed[, K skipped]"; exit 1 if M > 0.
# Traffic never leaves the two namespaces the test creates.
# Helpers called through check() look unreachable to shellcheck:
# shellcheck disable=SC2317
set -u
NAME=test_kernel_peer
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SELF=$ROOT/tests/integration/test_kernel_peer.sh
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
export BUILD
NET=$ROOT/labs/net
CS=$ROOT/$BUILD/bin/connscope
TW_PROBE=$ROOT/$BUILD/tests/tw_probe
STACK=10.77.0.1
PEER=10.77.0.2
KERNEL=10.77.0.3

# Where to run: here (root), or in a user namespace (where.sh).
# shellcheck source=tests/integration/where.sh
. "$ROOT/tests/integration/where.sh"

npass=0
nfail=0
nskip=0
T=$(mktemp -d "${TMPDIR:-/tmp}/cs-peer-test.XXXXXX")
LOG=$T/listen.log
CAP=$T/cs1.pcapng
cap_pid=""

passed() { npass=$((npass + 1)); echo "PASSED: $1"; }
failed() { nfail=$((nfail + 1)); echo "FAILED: $1"; }
skipped() { nskip=$((nskip + 1)); echo "SKIPPED: $1 ($2)"; }
# check DESCRIPTION CMD...: one result from CMD's exit status.
check() {
	d=$1; shift
	if "$@"; then passed "$d"; else failed "$d"; fi
}
finish() {
	stop_capture
	"$NET/down.sh" >/dev/null 2>&1
	if [ "${CS_KEEP:-0}" = 1 ]; then echo "$NAME: files kept in $T"; else rm -rf "$T"; fi
	if [ $nskip -gt 0 ]; then
		echo "integration: $npass passed, $nfail failed, $nskip skipped"
	else
		echo "integration: $npass passed, $nfail failed"
	fi
	[ $nfail -eq 0 ]
	exit $?
}

# jf FIELD JSON_LINE: one field of a `connscope --json` line.
jf() { printf '%s\n' "$2" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
# between X LO HI: LO <= X <= HI (integers).
between() { [ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
# tsh FILE ARGS...: tshark with checksum verification on.
tsh() {
	f=$1; shift
	tshark -r "$f" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE "$@" 2>/dev/null
}
count() { tsh "$1" -Y "$2" | wc -l; }
have() { command -v "$1" >/dev/null 2>&1; }
# cs ARGS...: connscope connect inside cs-client.
cs() { "$CS" connect --netns cs-client "$@"; }
# Wait up to 2 s for a line matching the regex $1 in the listener's log.
wait_log() {
	i=0
	while [ $i -lt 20 ] && ! grep -q "$1" "$LOG" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q "$1" "$LOG" 2>/dev/null
}
# ms N: microseconds as milliseconds, for messages.
ms() { echo $(($1 / 1000)); }

# A capture on cs1 (the peer's end of the veth) for tests 7 and 8, from
# before the first connect to after test 8.
start_capture() {
	ip netns exec cs-server dumpcap -q -i cs1 -w "$CAP" >"$T/dumpcap.log" 2>&1 &
	cap_pid=$!
	i=0
	while [ $i -lt 50 ] && ! [ -s "$CAP" ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$CAP" ] || { cat "$T/dumpcap.log"; return 1; }
	sleep 0.2
}
stop_capture() {
	[ -n "$cap_pid" ] || return 0
	sleep 0.2
	kill -INT "$cap_pid" 2>/dev/null
	wait "$cap_pid" 2>/dev/null
	cap_pid=""
}

for p in "$BUILD/bin/cs-listen" "$BUILD/bin/cs-offload" "$BUILD/bin/connscope" \
	 "$BUILD/tests/tw_probe"; do
	[ -x "$p" ] || make -s "$p" >/dev/null 2>&1 || { failed "build $p"; finish; }
done
"$NET/up.sh" --listen 80 --listen 8080 --log "$LOG" >/dev/null ||
	{ failed "up.sh brings the lab network up"; finish; }
capture=0
if have dumpcap && have tshark; then
	start_capture && capture=1
fi

# ---- 1: the kernel listener accepts, and logs the src the command printed
t1() {
	out=$(cs --json "$PEER:80"); rc=$?
	src=$(jf src "$out")
	check "1 listener: connect exits 0, result ok, ESTABLISHED" \
		test $rc -eq 0 -a "$(jf result "$out")" = ok -a "$(jf state "$out")" = ESTABLISHED
	check "1 listener: src is $STACK:<ephemeral> ($src)" \
		sh -c "echo '$src' | grep -q '^10\.77\.0\.1:[0-9][0-9]*\$'"
	check "1 listener: cs-listen logs 'accept 80 $src'" wait_log "^accept 80 $src\$"
	out=$(cs --json "$PEER:8080")
	src=$(jf src "$out")
	check "1 listener: on port 8080 too ('accept 8080 $src')" wait_log "^accept 8080 $src\$"
}

# ---- 2: a closed port
t2() {
	pc=$T/t2.pcap
	out=$(cs --json --pcap "$pc" "$PEER:81"); rc=$?
	us=$(jf usec "$out")
	check "2 refused: ECONNREFUSED (errno 111), exit 1" \
		test $rc -eq 1 -a "$(jf result "$out")" = ECONNREFUSED -a "$(jf errno "$out")" = 111
	check "2 refused: after $(ms "${us:-0}") ms (< 500 ms), no SYN retransmission" \
		sh -c "[ '${us:-x}' -lt 500000 ] && [ '$(jf syn_retrans "$out")' = 0 ]"
	# (Only this connection's segments: a peer may still be retransmitting
	# a FIN to an earlier run's stack, which is gone.)
	p=$(jf src "$out" | cut -d: -f2)
	if have tshark; then
		check "2 refused: one SYN sent, one RST+ACK received" \
			test "$(count "$pc" "tcp.flags.syn==1 && tcp.srcport==${p:-0}")" -eq 1 -a \
			     "$(count "$pc" "tcp.flags.reset==1 && tcp.flags.ack==1 && tcp.dstport==${p:-0}")" -eq 1 -a \
			     "$(count "$pc" "tcp.flags.reset==1 && tcp.port==${p:-0}")" -eq 1
	else
		skipped "2 refused: RST count" "tshark not installed: scripts/install-deps.sh"
	fi
}

# ---- 3: SYNs dropped in cs-server
t3() {
	if ! have nft; then
		skipped "3 syn-timeout" "nft not installed (nftables): scripts/install-deps.sh"
		return
	fi
	if ! have tshark; then
		skipped "3 syn-timeout" "tshark not installed: scripts/install-deps.sh"
		return
	fi
	n="ip netns exec cs-server nft"
	if ! { $n add table inet cs_test &&
	       $n add chain inet cs_test input '{ type filter hook input priority -300; }' &&
	       $n add rule inet cs_test input ip saddr $STACK tcp dport 80 \
			'tcp flags & (syn | ack) == syn' counter drop; }; then
		failed "3 syn-timeout: nft rule in cs-server"
		return
	fi
	pc=$T/t3.pcap
	out=$(timeout 30 "$CS" connect --netns cs-client --json --pcap "$pc" \
		-o net.ipv4.tcp_syn_retries=2 "$PEER:80"); rc=$?
	drops=$($n list table inet cs_test | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
	$n delete table inet cs_test
	us=$(jf usec "$out")
	p=$(jf src "$out" | cut -d: -f2)
	check "3 syn-timeout: ETIMEDOUT (errno 110), exit 1, syn_retrans 2" \
		test $rc -eq 1 -a "$(jf result "$out")" = ETIMEDOUT -a "$(jf errno "$out")" = 110 -a \
		     "$(jf syn_retrans "$out")" = 2
	check "3 syn-timeout: failure after $(ms "${us:-0}") ms (3.10: (2^(2+1)-1) x 1 s = 7000 +- 100)" \
		between "${us:-}" 6900000 7100000
	check "3 syn-timeout: the nft rule dropped 3 SYNs (${drops:-?})" test "${drops:-0}" = 3
	tsh "$pc" -Y "tcp.flags.syn==1 && tcp.srcport==${p:-0}" -T fields \
		-e frame.time_relative -e tcp.seq_raw > "$T/t3.syns"
	check "3 syn-timeout: 3 SYNs on the wire, all with the same ISN" \
		sh -c "[ \$(wc -l < '$T/t3.syns') -eq 3 ] && [ \$(cut -f2 '$T/t3.syns' | sort -u | wc -l) -eq 1 ]"
	gaps=$(awk 'NR > 1 { printf "%s%d", sep, ($1 - prev) * 1000 + 0.5; sep = " " } { prev = $1 }' \
		"$T/t3.syns")
	# shellcheck disable=SC2086
	set -- $gaps
	check "3 syn-timeout: SYN intervals ${1:-?} ms, ${2:-?} ms (3.10: 1000, 2000 +- 100)" \
		sh -c "[ $# -eq 2 ] && [ $1 -ge 900 ] && [ $1 -le 1100 ] && [ $2 -ge 1900 ] && [ $2 -le 2100 ]"
	check "3 syn-timeout: nothing came back from the peer to port ${p:-?}" \
		test "$(count "$pc" "ip.src==$PEER && tcp.dstport==${p:-0}")" -eq 0
}

# ---- 4: an address on the subnet with no host
t4() {
	pc=$T/t4.pcap
	out=$(timeout 30 "$CS" connect --netns cs-client --json --pcap "$pc" \
		-o net.ipv4.tcp_syn_retries=2 10.77.0.9:80); rc=$?
	us=$(jf usec "$out")
	check "4 no-host: EHOSTUNREACH (errno 113), exit 1 (got $(jf result "$out"))" \
		test $rc -eq 1 -a "$(jf result "$out")" = EHOSTUNREACH -a "$(jf errno "$out")" = 113
	check "4 no-host: after $(ms "${us:-0}") ms (3.10: mcast_probes 3 x retrans_time 1 s = 3000 +- 200)" \
		between "${us:-}" 2800000 3200000
	# 3.10's neigh_timer_handler: probes start at ucast_probes (3) for a new
	# entry and it fails once they reach ucast + app + mcast (6): broadcast
	# requests at 0, 1 and 2 s, failure at 3 s.  The SYN retransmitted at
	# 3 s (1 + 2) races that failure: if it runs after the entry failed and
	# before the ICMP error reached the socket, it restarts resolution with a
	# fourth request, as 3.10 would when both timers expire in one jiffy.
	if have tshark; then
		tsh "$pc" -Y "arp.opcode==1 && arp.dst.proto_ipv4==10.77.0.9 && eth.dst==ff:ff:ff:ff:ff:ff" \
			-T fields -e frame.time_relative > "$T/t4.arp"
		times=$(awk '{ printf "%s%d", sep, $1 * 1000 + 0.5; sep = " " }' "$T/t4.arp")
		# shellcheck disable=SC2086
		set -- $times
		check "4 no-host: broadcast ARP requests for 10.77.0.9 at 0, 1, 2 s +- 100 ms ($times ms)" \
			sh -c "[ $# -ge 3 ] && [ $# -le 4 ] && [ ${1:-9999} -le 100 ] &&
			       [ ${2:-0} -ge 900 ] && [ ${2:-0} -le 1100 ] &&
			       [ ${3:-0} -ge 1900 ] && [ ${3:-0} -le 2100 ] && [ ${4:-3000} -ge 2900 ]"
		check "4 no-host: no TCP segment reached the wire (the SYNs waited in the ARP queue)" \
			test "$(count "$pc" "tcp && ip.dst==10.77.0.9")" -eq 0
	else
		skipped "4 no-host: ARP count" "tshark not installed: scripts/install-deps.sh"
	fi
}

# ---- 5: a four-port range
t5() {
	out=$(cs --json -o net.ipv4.ip_local_port_range="40000 40003" -n 5 "$PEER:80"); rc=$?
	echo "$out" | head -4 | while read -r l; do jf src "$l"; done | sort > "$T/t5.src"
	last=$(echo "$out" | sed -n 5p)
	check "5 port-range: 4 connects ok, then EADDRNOTAVAIL (errno 99), exit 1" \
		test $rc -eq 1 -a "$(echo "$out" | head -4 | grep -c '"result":"ok"')" -eq 4 -a \
		     "$(jf result "$last")" = EADDRNOTAVAIL -a "$(jf errno "$last")" = 99
	printf '10.77.0.1:%s\n' 40000 40001 40002 40003 > "$T/t5.want"
	check "5 port-range: the four used ports 40000..40003, each once" \
		cmp -s "$T/t5.src" "$T/t5.want"
	ok=1
	for port in 40000 40001 40002 40003; do wait_log "^accept 80 $STACK:$port\$" || ok=0; done
	check "5 port-range: cs-listen accepted all four" test $ok -eq 1
}

# ---- 6: TIME-WAIT against a real peer
tw() { ip netns exec cs-client "$TW_PROBE" "$@" "$PEER:80"; }
kv() { printf '%s\n' "$2" | sed -n "s/^$1 .*$3=\([^ ]*\).*/\1/p"; }
t6() {
	# The command line: `-n 2 --bind ADDR:PORT --close` makes both attempts in
	# one stack, but bind(2) without SO_REUSEADDR: 3.10's
	# inet_csk_bind_conflict refuses the port while the first socket (or its
	# TIME-WAIT) owns it, whatever the timestamps.
	for ts in 1 0; do
		out=$(cs --json -n 2 --bind "$STACK:45100" --close -o net.ipv4.tcp_timestamps=$ts \
			--dump-tables "$T/t6.json" "$PEER:80")
		second=$(echo "$out" | sed -n 2p)
		check "6 time-wait: connscope -n 2 --bind :45100 --close (timestamps $ts): first ok, second EADDRINUSE at bind (no SO_REUSEADDR)" \
			test "$(jf result "$(echo "$out" | sed -n 1p)")" = ok -a \
			     "$(jf result "$second")" = EADDRINUSE
		check "6 time-wait: tables at exit: port 45100 has one owner (the first socket, or its TIME-WAIT), bucket from bind (fastreuse 0)" \
			grep -q '"port":45100,"fastreuse":0,"fastreuseport":0,"owners":\[{"id":[0-9]*,"tw":[a-z]*}\]' \
			"$T/t6.json"
	done
	# With SO_REUSEADDR (tw_probe) bind succeeds; __inet_hash_connect's bound
	# path calls __inet_check_established with twp == NULL: tcp_twsk_unique
	# lets the connect reuse the TIME-WAIT when the peer used timestamps.
	out=$(tw --bind 45101 --reuseaddr --dump "$T/t6b.json" --pcap "$T/t6b.pcap")
	isn1=$(kv first "$out" isn)
	isn2=$(kv second "$out" isn)
	check "6 time-wait: bound + SO_REUSEADDR: the first socket reaches TIME_WAIT" \
		test "$(kv tw "$out" found)" = 1
	check "6 time-wait: TIME_WAIT listed in the twchain and as a bind owner while it lasts" \
		sh -c "grep -q '\"twchain\":\[{\"id\":[0-9]*,\"tw\":true,\"state\":\"TIME_WAIT\",\"saddr\":\"$STACK\",\"sport\":45101,' '$T/t6b.json.tw' &&
		       grep -q '\"port\":45101,[^]]*\"tw\":true' '$T/t6b.json.tw'"
	check "6 time-wait: bound + SO_REUSEADDR, timestamps on: the second connect reuses it (TWRecycled 1)" \
		test "$(kv second "$out" result)" = ok -a "$(kv mib "$out" TWRecycled)" = 1
	want=$(( (${isn1:-0} + 65539) % 4294967296 ))
	check "6 time-wait: second ISN = tw_snd_nxt + 65535 + 2 = ISN1 + 2 + 65537 ($want; got ${isn2:-?})" \
		test "${isn2:-x}" = "$want"
	check "6 time-wait: tables after: the new socket ESTABLISHED in the chain, no TIME-WAIT left" \
		sh -c "grep -q '\"chain\":\[{\"id\":[0-9]*,\"tw\":false,\"state\":\"ESTABLISHED\",\"saddr\":\"$STACK\",\"sport\":45101,' '$T/t6b.json' &&
		       ! grep -q '\"tw\":true' '$T/t6b.json'"
	if have tshark; then
		# the FIN that made the TIME-WAIT sock: a duplicate FIN after it is
		# out of window in tcp_timewait_state_process and leaves ts_recent
		ts=$(tsh "$T/t6b.pcap" -Y "ip.src==$PEER && tcp.flags.fin==1" -T fields \
			-e tcp.options.timestamp.tsval | head -1)
		ecr=$(tsh "$T/t6b.pcap" -Y "tcp.flags.syn==1 && ip.src==$STACK" -T fields \
			-e tcp.options.timestamp.tsecr | tail -1)
		check "6 time-wait: the new SYN echoes the TIME-WAIT's ts_recent (TSecr $ecr = the peer's FIN TSval $ts)" \
			test -n "$ts" -a "$ts" = "$ecr"
	fi
	out=$(tw --bind 45102 --reuseaddr -o net.ipv4.tcp_timestamps=0)
	check "6 time-wait: bound + SO_REUSEADDR, timestamps off: EADDRNOTAVAIL (tw_ts_recent_stamp 0)" \
		test "$(kv tw "$out" found)" = 1 -a "$(kv second "$out" result)" = EADDRNOTAVAIL -a \
		     "$(kv mib "$out" TWRecycled)" = 0
	# Ephemeral ports (twp != NULL): only tcp_tw_reuse and a peer timestamp
	# more than 1 s old allow it.  The range is one port, so both need it.
	out=$(tw -o net.ipv4.ip_local_port_range="40100 40100")
	check "6 time-wait: ephemeral, tcp_tw_reuse 0: EADDRNOTAVAIL" \
		test "$(kv tw "$out" found)" = 1 -a "$(kv second "$out" result)" = EADDRNOTAVAIL
	out=$(tw -o net.ipv4.tcp_tw_reuse=1 -o net.ipv4.ip_local_port_range="40101 40101")
	check "6 time-wait: ephemeral, tcp_tw_reuse 1, timestamp < 1 s old: EADDRNOTAVAIL" \
		test "$(kv tw "$out" found)" = 1 -a "$(kv second "$out" result)" = EADDRNOTAVAIL
	out=$(tw --settle 2100 -o net.ipv4.tcp_tw_reuse=1 -o net.ipv4.ip_local_port_range="40102 40102")
	check "6 time-wait: ephemeral, tcp_tw_reuse 1, timestamp > 1 s old: reused (port 40102, TWRecycled 1)" \
		test "$(kv second "$out" result)" = ok -a "$(kv second "$out" sport)" = 40102 -a \
		     "$(kv mib "$out" TWRecycled)" = 1
}

# ---- 8 (traffic): one SYN from the stack and one from the kernel, on the capture
syn8_port=""
t8_traffic() {
	out=$(cs --json "$PEER:80")
	syn8_port=$(jf src "$out" | cut -d: -f2)
	ip netns exec cs-client bash -c "exec 3<>/dev/tcp/$PEER/80" 2>/dev/null ||
		echo "  the kernel's own connect from $KERNEL failed"
	wait_log "^accept 80 $KERNEL:"
	# Let the capture take the kernel's SYN in before it is stopped (a
	# loaded machine may be slow to hand it to dumpcap).
	i=0
	while [ $i -lt 50 ] && [ "$(count "$CAP" "ip.src==$KERNEL && tcp.flags.syn==1" 2>/dev/null)" != 1 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# ---- 7: every frame the stack sent, as cs1 received it
t7() {
	f="ip.src==$STACK || arp.src.proto_ipv4==$STACK"
	n=$(count "$CAP" "$f")
	check "7 wire: the capture on cs1 holds the stack's frames ($n)" test "$n" -gt 20
	check "7 wire: they include the stack's ARP requests, SYNs and FINs" \
		test "$(count "$CAP" "arp.src.proto_ipv4==$STACK")" -gt 0 -a \
		     "$(count "$CAP" "ip.src==$STACK && tcp.flags.syn==1")" -gt 0 -a \
		     "$(count "$CAP" "ip.src==$STACK && tcp.flags.fin==1")" -gt 0
	bad=$(count "$CAP" "($f) && (_ws.malformed || _ws.expert.severity==error)")
	check "7 wire: no malformed frame, no expert error ($bad)" test "$bad" -eq 0
	bad=$(count "$CAP" "($f) && (tcp.checksum.status==0 || ip.checksum.status==0)")
	good=$(count "$CAP" "ip.src==$STACK && tcp.checksum.status==1 && ip.checksum.status==1")
	check "7 wire: no bad IP or TCP checksum ($bad bad; $good segments verified good)" \
		test "$bad" -eq 0 -a "$good" -eq "$(count "$CAP" "ip.src==$STACK && tcp")"
}

# ---- 8: the stack's SYN against the kernel's
syn_fields() {
	tsh "$CAP" -Y "tcp.flags.syn==1 && tcp.flags.ack==0 && $1" -T fields -E separator=' ' \
		-e tcp.option_kind -e ip.ttl -e ip.flags.df -e ip.dsfield -e tcp.options.mss_val \
		-e ip.len -e tcp.hdr_len -e tcp.flags.ece -e tcp.flags.cwr -e tcp.options.timestamp.tsecr \
		-e tcp.window_size_value -e tcp.options.wscale.shift | head -1
}
t8() {
	s=$(syn_fields "ip.src==$STACK && tcp.srcport==${syn8_port:-0}")
	k=$(syn_fields "ip.src==$KERNEL")
	echo "  stack  SYN: kinds ttl df tos mss iplen thl ece cwr tsecr window wscale = $s"
	echo "  kernel SYN: kinds ttl df tos mss iplen thl ece cwr tsecr window wscale = $k"
	if [ -z "$s" ] || [ -z "$k" ]; then
		failed "8 syn-vs-kernel: both SYNs on the capture (stack: ${s:-none}; kernel: ${k:-none})"
		return
	fi
	# shellcheck disable=SC2086
	set -- $s
	s_kinds=$1 s_ttl=$2 s_df=$3 s_tos=$4 s_rest="$5 $6 $7 $8 $9 ${10}" s_win=${11} s_ws=${12}
	# shellcheck disable=SC2086
	set -- $k
	check "8 syn-vs-kernel: same TCP options in the same order ($s_kinds: MSS, SACK_PERM, TS, NOP, WS)" \
		test "$s_kinds" = "$1" -a "$s_kinds" = "2,4,8,1,3"
	check "8 syn-vs-kernel: same TTL ($s_ttl), DF ($s_df), TOS ($s_tos)" \
		test "$s_ttl" = "$2" -a "$s_df" = "$3" -a "$s_tos" = "$4" -a "$s_ttl" = 64
	check "8 syn-vs-kernel: same MSS, IP length, header length, no ECE/CWR, TSecr 0 ($s_rest)" \
		test "$s_rest" = "$5 $6 $7 $8 $9 ${10}"
	# 3.10's tcp_select_initial_window, written out: sk_rcvbuf = tcp_rmem[1]
	# = 87380, tcp_full_space = 87380 - 87380/2 (tcp_adv_win_scale 1); rounded
	# down to the MSS (1460); at most TCP_DEFAULT_INIT_RCVWND (10) MSS.
	mss=1460
	space=$((87380 - 87380 / 2))
	space=$((space / mss * mss))
	win=$((space < 10 * mss ? space : 10 * mss))
	# rcv_wscale: shift max(tcp_rmem[2] = 6291456, rmem_max = 212992) right
	# until it fits in 16 bits (at most 14 times).
	r=6291456 ws=0
	while [ $r -gt 65535 ] && [ $ws -lt 14 ]; do r=$((r >> 1)); ws=$((ws + 1)); done
	check "8 syn-vs-kernel: stack window $s_win = 3.10's min(floor(43690/1460)*1460, 10*1460) = $win (this kernel: ${11})" \
		test "$s_win" = "$win"
	check "8 syn-vs-kernel: stack wscale $s_ws = 3.10's for tcp_rmem[2] 6291456 = $ws (this kernel: ${12})" \
		test "$s_ws" = "$ws"
	# The kernel computes its shift the same way from its own sysctls.
	r=$(ip netns exec cs-client cut -f3 /proc/sys/net/ipv4/tcp_rmem)
	m=$(ip netns exec cs-client cat /proc/sys/net/core/rmem_max)
	[ "${m:-0}" -gt "${r:-0}" ] && r=$m
	kws=0
	while [ "${r:-0}" -gt 65535 ] && [ $kws -lt 14 ]; do r=$((r >> 1)); kws=$((kws + 1)); done
	check "8 syn-vs-kernel: the kernel's wscale ${12} follows the same formula from its tcp_rmem[2]/rmem_max ($kws)" \
		test "${12}" = "$kws"
}

# ---- 9: no leak over 1000 connects
t9() {
	n=1000
	if ldd "$CS" 2>/dev/null | grep -q libasan; then
		how="ASan/LeakSanitizer"
		out=$(ASAN_OPTIONS=detect_leaks=1:exitcode=9 "$CS" connect --netns cs-client --json \
			--close -n $n "$PEER:80" 2>"$T/t9.err"); rc=$?
		leak_ok() { ! grep -q 'ERROR: LeakSanitizer' "$T/t9.err"; }
	elif have valgrind; then
		how="valgrind"
		out=$(valgrind --leak-check=full --child-silent-after-fork=yes \
			--errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
			"$CS" connect --netns cs-client --json --close -n $n "$PEER:80" 2>"$T/t9.err"); rc=$?
		leak_ok() {
			grep -q 'All heap blocks were freed' "$T/t9.err" ||
			grep -q 'definitely lost: 0 bytes in 0 blocks' "$T/t9.err"
		}
	else
		skipped "9 no-leak" "neither an ASan build (make SAN=1) nor valgrind: scripts/install-deps.sh"
		return
	fi
	okn=$(echo "$out" | grep -c '"result":"ok"')
	check "9 no-leak: $n connects with --close under $how: $okn ok, exit $rc" \
		test $rc -eq 0 -a "$okn" -eq $n
	check "9 no-leak: $how reports no leak and no memory error" leak_ok
	[ $rc -eq 9 ] && grep -v '^==[0-9]*== *$' "$T/t9.err" | head -40
}

t1
t2
t3
t4
t5
t6
t8_traffic
if [ $capture -eq 1 ]; then
	stop_capture
	t7
	t8
else
	skipped "7 wire" "dumpcap/tshark not available: scripts/install-deps.sh"
	skipped "8 syn-vs-kernel" "dumpcap/tshark not available: scripts/install-deps.sh"
fi
t9
finish
