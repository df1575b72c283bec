#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# test_af_packet.sh - the AF_PACKET NIC and the lab network against the kernel.
#
# Brings the lab network up (labs/net/up.sh), checks it, drives the NIC with
# tests/integration/nic_probe inside cs-client (ARP through the ring, the BPF
# filter, complete checksums from the kernel, the error messages), reads the
# probe's capture back with tshark, and takes the lab down (labs/net/down.sh).
#
# As root it uses the host's network namespaces, unless the lab is already up
# (then, or with CS_LAB_USERNS=1, or without root, it runs itself inside a
# user namespace through labs/net/userns.sh).  With neither root nor user
# namespaces it prints "SKIPPED: test_af_packet (...)" and exits 77.
# Last line: "integration-nic: N passed, M failed"; exit 1 if M > 0.
# Traffic never leaves the two namespaces the test creates.
set -u
NAME=test_af_packet
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SELF=$ROOT/tests/integration/test_af_packet.sh
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
export BUILD
NET=$ROOT/labs/net
PROBE=$ROOT/$BUILD/tests/nic_probe

# Where to run: here (root), or in a user namespace (where.sh).
# shellcheck source=tests/integration/where.sh
. "$ROOT/tests/integration/where.sh"

pass=0
fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/cs-nic-test.XXXXXX")
LOG=$T/listen.log
PCAP=$T/probe.pcap

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
# check DESCRIPTION CMD...: one result from CMD's exit status.
check() {
	d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
finish() {
	"$NET/down.sh" >/dev/null 2>&1
	rm -rf "$T"
	echo "integration-nic: $pass passed, $fail failed"
	[ $fail -eq 0 ]
	exit $?
}

in_client() { ip netns exec cs-client "$@"; }

# The programs; build them if they are missing.
for p in "$BUILD/bin/cs-listen" "$BUILD/bin/cs-offload" "$BUILD/tests/nic_probe"; do
	[ -x "$p" ] || make -s "$p" >/dev/null 2>&1 || { not_ok "build $p"; finish; }
done

# ---- the lab network
check "up.sh brings the lab network up" "$NET/up.sh" --listen 80 --listen 8080 --log "$LOG"
check "cs0 carries the kernel's 10.77.0.3/24" \
	sh -c 'ip -n cs-client -o -4 addr show dev cs0 | grep -q "inet 10.77.0.3/24"'
check "10.77.0.1 (the stack's) is not configured on the kernel" \
	sh -c '! ip -n cs-client -o -4 addr show | grep -q "inet 10.77.0.1/"'
check "cs1 carries 10.77.0.2/24" \
	sh -c 'ip -n cs-server -o -4 addr show dev cs1 | grep -q "inet 10.77.0.2/24"'
check "transmit offloads off on cs0" \
	sh -c "ip netns exec cs-client $BUILD/bin/cs-offload cs0 | grep -qx 'tx-checksumming off'"
check "transmit offloads off on cs1" \
	sh -c "ip netns exec cs-server $BUILD/bin/cs-offload cs1 | grep -qx 'tx-checksumming off'"
listener_pids() {
	for pid in $(ip netns pids cs-server); do
		[ "$(cat /proc/"$pid"/comm 2>/dev/null)" = cs-listen ] && echo "$pid"
	done
}
pid1=$(listener_pids)
check "cs-listen runs in cs-server" test -n "$pid1"
check "up.sh again succeeds (idempotent)" \
	sh -c "'$NET/up.sh' --listen 80 --listen 8080 --log '$LOG' >/dev/null"
check "up.sh again keeps the same listener" test "$(listener_pids)" = "$pid1"

# A kernel connect from 10.77.0.3 to each port: cs-listen logs the peer.
for port in 80 8080; do
	in_client bash -c "exec 3<>/dev/tcp/10.77.0.2/$port" 2>/dev/null
	i=0
	while [ $i -lt 20 ] && ! grep -q "^accept $port 10\.77\.0\.3:[0-9][0-9]*\$" "$LOG" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	check "cs-listen logs 'accept $port 10.77.0.3:PORT'" \
		grep -q "^accept $port 10\.77\.0\.3:[0-9][0-9]*\$" "$LOG"
done

# ---- opening the NIC, and its errors
out=$(in_client "$PROBE" --open cs0)
mac=$(ip -n cs-client -o link show cs0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
idx=$(ip -n cs-client -o link show cs0 | cut -d: -f1)
check "the NIC opens cs0" test -n "$out"
check "MAC read from the interface ($mac)" sh -c "echo '$out' | grep -q ' mac=$mac '"
check "MTU read from the interface (1500)" sh -c "echo '$out' | grep -q ' mtu=1500 '"
check "ifindex read from the interface ($idx)" sh -c "echo '$out' | grep -q ' ifindex=$idx '"
check "PACKET_IGNORE_OUTGOING accepted (Linux >= 4.20)" \
	sh -c "echo '$out' | grep -q ' ignore_outgoing=1'"

out=$(in_client "$PROBE" --open nosuch0)
check "unknown interface: ENODEV and a message" \
	sh -c "echo '$out' | grep -q 'errno=-19' && echo '$out' | grep -q 'no interface named nosuch0'"

ip -n cs-client link add csdown0 type veth peer name csdown1
out=$(in_client "$PROBE" --open csdown0)
check "interface down: ENETDOWN and a message" \
	sh -c "echo '$out' | grep -q 'errno=-100' && echo '$out' | grep -q 'csdown0 is down'"
ip -n cs-client link del csdown0

out=$(in_client setpriv --inh-caps=-all --ambient-caps=-all --bounding-set=-net_raw \
	"$PROBE" --open cs0)
check "no CAP_NET_RAW: EPERM and how to get it" \
	sh -c "echo '$out' | grep -q 'errno=-1\$' &&
	       echo '$out' | grep -q 'needs CAP_NET_RAW to open an AF_PACKET socket on cs0' &&
	       echo '$out' | grep -q 'setcap cap_net_raw+ep build/bin/connscope'"

# ---- the probe: ARP, filter, checksums, capture
echo_reps() {
	# shellcheck disable=SC2016
	in_client awk '/^Icmp:/ { if (!h) { for (i = 1; i <= NF; i++) c[$i] = i; h = 1 }
		else print $(c["InEchoReps"]) }' /proc/net/snmp
}
reps0=$(echo_reps)
# The peer forgets 10.77.0.3, so that it ARPs for it during the probe and the
# kernel in cs-client answers from cs0: an outgoing frame the ring must not get.
ip -n cs-server neigh flush dev cs1
out=$(in_client "$PROBE" cs0 10.77.0.1 10.77.0.2 10.77.0.3 "$PCAP")
rc=$?
echo "$out" | sed 's/^/  probe: /'
echo "$out" | grep '^ok ' | while read -r _ what; do echo "$what"; done > "$T/ok"
echo "$out" | grep -c '^FAIL ' > "$T/nfail"
while read -r what; do ok "probe: $what"; done < "$T/ok"
[ "$(cat "$T/nfail")" -eq 0 ] || not_ok "probe: $(cat "$T/nfail") step(s) failed"
check "probe exits 0" test $rc -eq 0
check "the kernel in cs-client got the echo reply the filter kept from the ring" \
	test "$(echo_reps)" -gt "$reps0"

sent=$(echo "$out" | sed -n 's/^frames sent=\([0-9]*\) received=.*/\1/p')
recv=$(echo "$out" | sed -n 's/^frames sent=[0-9]* received=\([0-9]*\)/\1/p')
tsh() { tshark -r "$PCAP" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE "$@" 2>/dev/null; }
count() { tsh -Y "$1" | wc -l; }
magic=$(od -An -tx1 -N4 "$PCAP" | tr -d ' ')
check "pcap magic a1b2c3d4 (microseconds)" sh -c "[ '$magic' = d4c3b2a1 ] || [ '$magic' = a1b2c3d4 ]"
check "tshark reads the capture: sent + received = ${sent:-?} + ${recv:-?} frames" \
	test "$(tsh | wc -l)" -eq "$(( ${sent:-0} + ${recv:-0} ))" -a "${sent:-0}" -gt 0
check "capture: link type Ethernet" test "$(count 'eth')" -eq "$(tsh | wc -l)"
check "capture: ARP request from 10.77.0.1 and the kernel's reply" \
	test "$(count 'arp.opcode==1 && arp.src.proto_ipv4==10.77.0.1')" -eq 1 -a \
	     "$(count 'arp.opcode==2 && arp.src.proto_ipv4==10.77.0.2')" -eq 1
check "capture: no echo reply to 10.77.0.3 (filtered); two to 10.77.0.1 (one of 1442 bytes)" \
	test "$(count 'icmp.type==0 && ip.dst==10.77.0.3')" -eq 0 -a \
	     "$(count 'icmp.type==0 && ip.dst==10.77.0.1')" -eq 2
check "capture: SYN, SYN-ACK, RST" \
	test "$(count 'tcp.flags.syn==1 && tcp.flags.ack==0')" -eq 1 -a \
	     "$(count 'tcp.flags.syn==1 && tcp.flags.ack==1')" -eq 1 -a \
	     "$(count 'tcp.flags.reset==1')" -eq 1
check "capture: no malformed frame, no checksum error" \
	test "$(count '_ws.malformed || _ws.expert.severity==error')" -eq 0 -a \
	     "$(count 'tcp.checksum.status==0 || ip.checksum.status==0')" -eq 0

# ---- down
check "down.sh takes the lab network down" "$NET/down.sh"
check "no namespace left" sh -c '! ip netns list | grep -q "^cs-"'
check "the listener is gone" sh -c "! kill -0 $pid1 2>/dev/null"
check "down.sh again succeeds (idempotent)" "$NET/down.sh"
finish
