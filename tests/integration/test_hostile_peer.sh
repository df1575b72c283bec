#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# test_hostile_peer.sh - a raw peer (tests/integration/hostile_peer, on cs1
# in cs-server) answers the stack's SYN to port 9 itself and sends malformed
# and hostile frames; an nft rule in cs-server drops port 9 before the
# kernel's own TCP sees it.  Each scenario is one `connscope connect`, whose
# MIB counters (--stats), tables (--dump-tables) and replies (as the peer
# saw them) are checked against 3.10's rules:
#
#   1 synsent-headers  ip_rcv / tcp_v4_rcv header checks at a SYN_SENT socket:
#                      IP header cut, IHL 4, version 6, IHL 15 past the frame,
#                      bad IP checksum, tot_len past the frame and below IHL,
#                      TCP header cut, doff 4, doff 15 past the segment, bad
#                      TCP checksum: all dropped in silence, each counted;
#                      IP options of bad lengths: ICMP parameter problem;
#                      a lone first and a lone last fragment: ReasmReqds
#   2 synsent-acks     tcp_rcv_synsent_state_process: RST without ACK, RST
#                      with a bad ack (ignored), ACK without SYN (ignored), a
#                      SYN-ACK with a bad ack (RST seq=ack), with a TSecr from
#                      the future (PAWSActive, RST), 50 SYN-ACKs with bad acks
#                      back to back (50 RSTs: 3.10 does not limit them), then
#                      the real SYN-ACK
#   3 synsent-icmp     icmp_rcv, icmp_unreach, tcp_v4_err: port unreachables
#                      (a hard error in SYN_SENT) with a bad checksum, cut to
#                      4 bytes, quoting less than an IP header, an IP header
#                      and 4 bytes, the wrong port, a seq out of window: all
#                      ignored, each counted; then the SYN-ACK
#   4 synsent-options  tcp_parse_options: SYN-ACKs with MSS/TS/WS of wrong
#                      lengths, lengths 0 and 1, TS past doff (connect -n 7):
#                      what was taken, from the stack's ACK (TS, window)
#   5 arp              arp_process: a reply spoofing the peer within locktime
#                      (ignored) and after it (taken, as in 3.10); a reply for
#                      an address never asked (no entry: the stack asks)
#   6 established      tcp_validate_incoming: PAWS (PAWSEstab, dup ACK), bad
#                      checksum, RST in window not at rcv_nxt and a SYN-ACK
#                      (challenge ACKs), RST out of window and a SYN without
#                      ACK (tcp_rcv_established's slow path: silence)
#   7 timewait         tcp_timewait_state_process after an active close: RST
#                      with a bad seq (silence, TIME-WAIT kept), bad checksum,
#                      a duplicate ACK (silence), a PAWS-failing one (ACK), a
#                      new SYN with no listener (ACK); a RST at rcv_nxt kills
#                      it (timewait-rst: the control)
#
# With LTTng installed each connect is also recorded (tcp_v4_rcv_ret,
# tcp_timewait_state_process and tcp_v4_err_ret) and the verdicts of those
# events are counted against the steps (rets_are).
#
# Where it runs: as test_kernel_peer.sh (where.sh).  Needs nft; without it
# it prints "SKIPPED: test_hostile_peer (...)" and exits 77.
# CS_KEEP=1 keeps the outputs.  Last line: "integration: N passed, M failed".
# shellcheck disable=SC2317
set -u
NAME=test_hostile_peer
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SELF=$ROOT/tests/integration/test_hostile_peer.sh
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
export BUILD
NET=$ROOT/labs/net
CS=$ROOT/$BUILD/bin/connscope
HP=$ROOT/$BUILD/tests/hostile_peer
PEER=10.77.0.2
PORT=9

# shellcheck source=tests/integration/where.sh
. "$ROOT/tests/integration/where.sh"

command -v nft >/dev/null 2>&1 ||
	{ echo "SKIPPED: $NAME (nft not installed: scripts/install-deps.sh)"; exit 77; }

npass=0
nfail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/cs-hostile-test.XXXXXX")
passed() { npass=$((npass + 1)); echo "PASSED: $1"; }
failed() { nfail=$((nfail + 1)); echo "FAILED: $1"; }
check() {
	d=$1; shift
	if "$@"; then passed "$d"; else failed "$d"; fi
}
finish() {
	[ -z "$tracing" ] || session_stop_daemon
	ip netns exec cs-server nft delete table inet cs_hostile 2>/dev/null
	"$NET/down.sh" >/dev/null 2>&1
	if [ "${CS_KEEP:-0}" = 1 ]; then echo "$NAME: files kept in $T"; else rm -rf "$T"; fi
	echo "integration: $npass passed, $nfail failed"
	[ $nfail -eq 0 ]
	exit $?
}

for p in "$BUILD/bin/cs-listen" "$BUILD/bin/cs-offload" "$BUILD/bin/connscope" \
	 "$BUILD/tests/hostile_peer"; do
	[ -x "$p" ] || make -s "$p" >/dev/null 2>&1 || { failed "build $p"; finish; }
done
"$NET/up.sh" --log "$T/listen.log" >/dev/null || { failed "up.sh brings the lab network up"; finish; }
n="ip netns exec cs-server nft"
{ $n add table inet cs_hostile &&
  $n add chain inet cs_hostile pre '{ type filter hook prerouting priority -300; }' &&
  $n add rule inet cs_hostile pre tcp dport $PORT drop; } ||
	{ failed "nft rule in cs-server hides port $PORT from its kernel"; finish; }

# With LTTng there, each scenario records tcp_v4_rcv's events and
# tcp_timewait_state_process's ($T/$S.events, babeltrace2's text).
tracing=""
if command -v lttng >/dev/null 2>&1 && command -v babeltrace2 >/dev/null 2>&1; then
	# shellcheck source=tests/trace/helpers/session.sh
	. "$ROOT/tests/trace/helpers/session.sh"
	session_daemon && tracing=yes
fi
[ -n "$tracing" ] || echo "$NAME: no LTTng session daemon: the trace checks are skipped"
trace_start() {
	[ -n "$tracing" ] || return 0
	ts="cs-hostile-$S-$$"
	lttng create "$ts" --output="$T/$S.trace" >/dev/null &&
	lttng enable-event -u -s "$ts" 'connscope:tcp_v4_rcv*' >/dev/null &&
	lttng enable-event -u -s "$ts" 'connscope:tcp_timewait_state_process*' >/dev/null &&
	lttng enable-event -u -s "$ts" 'connscope:tcp_v4_err_ret' >/dev/null &&
	lttng add-context -u -s "$ts" -t vtid >/dev/null &&
	lttng start "$ts" >/dev/null
}
trace_stop() {
	[ -n "$tracing" ] || return 0
	lttng stop "$ts" >/dev/null 2>&1
	lttng destroy "$ts" >/dev/null 2>&1
	babeltrace2 "$T/$S.trace" > "$T/$S.events" 2>/dev/null
}
# rcv_rets: per thread, each tcp_v4_rcv ends with one tcp_v4_rcv_ret before
# the next (a ret alone: a segment too short for the entry event, or not
# for this host).  Prints "VERDICT=N ..." for tcp_v4_rcv_ret, "TCP_TW_X=N
# ..." for tcp_timewait_state_process_ret, "err_VERDICT=N ..." for
# tcp_v4_err_ret, and "tw=N tw_ret=N unpaired=N".
rcv_rets() {
	[ -n "$tracing" ] || { echo "no trace"; return 0; }
	awk '{ t = $0; sub(/.*vtid = /, "", t); sub(/[^0-9].*/, "", t) }
		/connscope:tcp_v4_rcv: / { if (open[t]) bad++; open[t] = 1 }
		/connscope:tcp_v4_rcv_ret: / {
			v = $0; sub(/.*verdict = \( "/, "", v); sub(/".*/, "", v)
			if (!open[t] && v != "TOO_SHORT" && v != "NOT_FOR_HOST") bad++
			open[t] = 0; n[v]++
		}
		/connscope:tcp_v4_err_ret: / {
			v = $0; sub(/.*verdict = \( "/, "", v); sub(/".*/, "", v); n["err_" v]++
		}
		/connscope:tcp_timewait_state_process: / { tw++ }
		/connscope:tcp_timewait_state_process_ret: / {
			twr++; v = $0; sub(/.*status = \( "/, "", v); sub(/".*/, "", v); n[v]++
		}
		END { for (v in open) if (open[v]) bad++
		      for (v in n) printf "%s=%d ", v, n[v]
		      printf "tw=%d tw_ret=%d unpaired=%d\n", tw, twr, bad }' "$T/$S.events"
}
# rets_are WANT: rcv_rets prints exactly the words of WANT (any order).
rets_are() {
	[ -n "$tracing" ] || return 0
	got=$(rcv_rets | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$1" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
	[ "$got" = "$want" ] || { echo "  rcv_rets: $got(want $want)"; return 1; }
}

# jf FIELD JSON_LINE
jf() { printf '%s\n' "$2" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
# mib GROUP NAME: a counter of the last run's --stats output ($T/$S.out).
mib() {
	awk -v g="$1:" -v k="$2" '$1 == g && !seen[g]++ { for (i = 2; i <= NF; i++) if ($i == k) c = i; next }
		$1 == g && c { print $c; exit }' "$T/$S.out"
}
# counters "Group:Name=V[,V2] ...": every one as expected (one of the Vs).
counters() {
	bad=""
	for kv in "$@"; do
		g=${kv%%:*} r=${kv#*:} k=${r%%=*} v=${r#*=}
		got=$(mib "$g" "$k")
		case ",$v," in *",$got,"*) [ -n "$got" ] && continue;; esac
		bad="$bad $g:$k=${got:-?}(want $v)"
	done
	[ -z "$bad" ] || { echo "  counters:$bad"; return 1; }
}
# reply STEP TEXT: what the peer saw after STEP.
reply() { grep -q "^step $1: $2" "$T/$S.peer"; }
replies() {
	bad=""
	while [ $# -ge 2 ]; do
		reply "$1" "$2" || bad="$bad [$(grep "^step $1:" "$T/$S.peer" || echo "$1: none")]"
		shift 2
	done
	[ -z "$bad" ] || { echo "  replies (want other):$bad"; return 1; }
}

# run SCENARIO CONNECT_ARGS...: the peer, then one `connscope connect`.
run() {
	S=$1; shift
	: > "$T/$S.peer"
	ip netns exec cs-server "$HP" $PORT "$S" > "$T/$S.peer" 2>&1 &
	hp=$!
	i=0
	while [ $i -lt 50 ] && ! grep -q '^ready' "$T/$S.peer"; do sleep 0.1; i=$((i + 1)); done
	trace_start || failed "$S: an LTTng session records it"
	timeout 30 "$CS" connect --netns cs-client --json --stats --pcap "$T/$S.pcap" \
		--dump-tables "$T/$S.json" "$@" > "$T/$S.out"
	trace_stop
	line=$(head -1 "$T/$S.out")
	wait $hp
	hprc=$?
	check "$S: the peer ran its steps (exit $hprc)" test $hprc -eq 0
}

run synsent-headers "$PEER:$PORT"
check "synsent-headers: every malformed frame dropped in silence, then the SYN-ACK answered (ACK)" \
	replies ip-short silence ihl-4 silence version-6 silence ihl-15-short silence ip-csum silence \
		totlen-long silence totlen-lt-ihl silence tcp-short silence doff-4 silence \
		doff-15 silence tcp-csum silence synack "rx A seq=1 ack=1 "
# ip_options_compile: an option of length 0, one longer than the header
# and one cut after its kind byte: an ICMP parameter problem pointing at it
check "synsent-headers: IP options of bad lengths answered by ICMP parameter problem pointing at the option (21, 20, 23)" \
	replies ipopt-len0 "rx icmp type=12 code=0 ptr=21" ipopt-past-ihl "rx icmp type=12 code=0 ptr=20" \
		ipopt-cut "rx icmp type=12 code=0 ptr=23"
# ip_local_deliver: a fragment goes to ip_defrag (ReasmReqds); a lone first
# or last fragment waits there, never delivered (connscope drops it at once,
# docs/divergences.md: no reassembly)
check "synsent-headers: a lone first fragment and a lone last fragment of a SYN-ACK: silence" \
	replies frag-first silence frag-last silence
check "synsent-headers: connect ok, ESTABLISHED ($(jf result "$line"))" \
	test "$(jf result "$line")" = ok -a "$(jf state "$line")" = ESTABLISHED
# ip_rcv: InHdrErrors for the cut header, IHL 4, version 6, IHL past the
# frame, the bad checksum (also IpExt InCsumErrors), tot_len < IHL and the
# three bad options;
# InTruncatedPkts for tot_len past the frame.  tcp_v4_rcv: InSegs for the 5
# delivered; InErrs for doff 4 and the bad checksum (also Tcp InCsumErrors).
# InDelivers 4 or 5: ip_local_deliver_finish counts the SYN-ACK after
# tcp_v4_rcv returns, which may be after connect() returned and the
# counters were printed (as a read of /proc/net/snmp races it).
check "synsent-headers: MIB as 3.10's ip_rcv and tcp_v4_rcv count them" \
	counters Ip:InReceives=17 Ip:InHdrErrors=9 Ip:ReasmReqds=2 IpExt:InCsumErrors=1 IpExt:InTruncatedPkts=1 \
		Ip:InDelivers=4,5 Tcp:InSegs=5 Tcp:InErrs=2 Tcp:InCsumErrors=1 Tcp:OutRsts=0 \
		Icmp:OutMsgs=3 Icmp:OutParmProbs=3

# tcp_v4_rcv: one tcp_v4_rcv_ret per segment, with the verdict of its way out
check "synsent-headers: tcp_v4_rcv_ret: TOO_SHORT 2 (cut, doff past the segment), BAD_PACKET, CSUM_ERROR, PROCESSED" \
	rets_are "TOO_SHORT=2 BAD_PACKET=1 CSUM_ERROR=1 PROCESSED=1 tw=0 tw_ret=0 unpaired=0"

run synsent-acks "$PEER:$PORT"
check "synsent-acks: RST, RST with a bad ack and ACK without SYN ignored; bad ack and future TSecr answered by RST seq=ack; then ACK" \
	replies rst-noack silence rstack-badack silence ack-nosyn silence \
		synack-badack "rx R seq=1000 ack=0 " synack-badtsecr "rx R seq=1 ack=0 " \
		synack-flood "50 RSTs for 50" synack "rx A seq=1 ack=1 "
check "synsent-acks: connect ok, ESTABLISHED ($(jf result "$line"))" \
	test "$(jf result "$line")" = ok -a "$(jf state "$line")" = ESTABLISHED
check "synsent-acks: MIB: OutRsts 52, PAWSActive 1, no InErrs, no AttemptFails" \
	counters Tcp:OutRsts=52 TcpExt:PAWSActive=1 Tcp:InErrs=0 Tcp:AttemptFails=0 Tcp:InSegs=56

run synsent-icmp "$PEER:$PORT"
check "synsent-icmp: port unreachables with a bad checksum or a bad quote answered by nothing, then the SYN-ACK answered" \
	replies icmp-csum silence icmp-short silence icmp-noquote silence icmp-quote-short silence \
		icmp-wrongport silence icmp-wrongseq silence synack "rx A seq=1 ack=1 "
check "synsent-icmp: none of them aborted the connect: ok, ESTABLISHED ($(jf result "$line"))" \
	test "$(jf result "$line")" = ok -a "$(jf state "$line")" = ESTABLISHED
# icmp_rcv: InMsgs for all 6, InCsumErrors and InErrors for the checksum,
# InErrors for the 4-byte message; icmp_unreach: InErrors for a quote
# shorter than an IP header; icmp_socket_deliver: silence for IP header + 4
# bytes; tcp_v4_err: InErrors for the wrong port (no socket),
# OutOfWindowIcmps for a seq outside snd_una..snd_nxt.
check "synsent-icmp: MIB: Icmp InMsgs 6, InCsumErrors 1, InErrors 4, InDestUnreachs 4; OutOfWindowIcmps 1" \
	counters Icmp:InMsgs=6 Icmp:InCsumErrors=1 Icmp:InErrors=4 Icmp:InDestUnreachs=4 \
		TcpExt:OutOfWindowIcmps=1 Tcp:AttemptFails=0
# two reach tcp_v4_err: the wrong port returns before the lock
# (NO_SOCKET), the wrong seq leaves by out: with the socket unharmed
check "synsent-icmp: tcp_v4_err_ret NO_SOCKET 1, SOCKET 1; the SYN-ACK PROCESSED" \
	rets_are "err_NO_SOCKET=1 err_SOCKET=1 PROCESSED=1 tw=0 tw_ret=0 unpaired=0"

run synsent-options -n 7 "$PEER:$PORT"
# tcp_parse_options: an option of a wrong length is skipped (MSS 3, TS 9,
# WS 2); a length of 0 or 1, or one running past doff, ends the parse.
# The stack's ACK has timestamps iff TS was taken; its window is scaled
# (rcv_wscale 7: < 1024) iff WS was taken.
opt() {
	l=$(grep "^step $1:" "$T/synsent-options.peer")
	w=${l##*win=}
	case $l in *"flags=0x10 ts=$2 "*) ;; *) echo "  $1: $l"; return 1;; esac
	if [ "$3" = scaled ]; then [ "${w:-0}" -lt 1024 ]; else [ "${w:-0}" -ge 1024 ]; fi ||
		{ echo "  $1: $l"; return 1; }
}
check "synsent-options: good options: TS and WS taken" opt good 1 scaled
check "synsent-options: TS of length 9 skipped, WS after it taken" opt ts-len9 0 scaled
check "synsent-options: WS of length 2 skipped, TS after it taken" opt ws-len2 1 unscaled
check "synsent-options: an option of length 0 ends the parse (no TS, no WS)" opt len0 0 unscaled
check "synsent-options: an option of length 1 ends the parse (no TS, no WS)" opt len1 0 unscaled
check "synsent-options: TS running past doff not parsed, WS before it taken" opt past-doff 0 scaled
check "synsent-options: MSS of length 3 skipped, TS and WS after it taken" opt mss-len3 1 scaled
check "synsent-options: all 7 connects ok ($(grep -c '"result":"ok"' "$T/synsent-options.out"))" \
	test "$(grep -c '"result":"ok"' "$T/synsent-options.out")" -eq 7

# arp_process (arp_accept 0, locktime 1 s): the stack's entry for the peer
# was made by the reply to its request just before the SYN.
run arp --interval 3 "$PEER:$PORT" "10.77.0.50:$PORT"
check "arp: a reply spoofing $PEER within locktime is ignored (the dup ACK still goes to cs1)" \
	replies spoof-early "rx A seq=1 ack=1 ts=1 to=cs1"
check "arp: the same reply after locktime is taken (3.10: the dup ACK goes to the spoofed MAC)" \
	replies spoof-late "rx A seq=1 ack=1 ts=1 to=other"
check "arp: a reply for 10.77.0.50, never asked, creates no entry: the next connect asks for it" \
	replies unasked "ARP request for 10.77.0.50" unasked-syn "SYN to cs1"
check "arp: first connect ok, second refused by the peer's RST ($(jf result "$(sed -n 2p "$T/arp.out")"))" \
	test "$(jf result "$line")" = ok -a "$(jf result "$(sed -n 2p "$T/arp.out")")" = ECONNREFUSED

run established --hold 2 "$PEER:$PORT"
check "established: PAWS-failing data gets a dup ACK, bad checksum silence, in-window RST and SYN-ACK a challenge ACK, RST out of window and bare SYN silence" \
	replies synack "rx A seq=1 ack=1 " paws-old "rx A seq=1 ack=1 " tcp-csum silence \
		rst-inwindow "rx A seq=1 ack=1 " rst-outwindow silence syn-noack silence \
		synack-again "rx A seq=1 ack=1 "
check "established: MIB: PAWSEstab 1, TCPChallengeACK 2, TCPSYNChallenge 1, InErrs 2, InCsumErrors 1, no EstabResets" \
	counters TcpExt:PAWSEstab=1 TcpExt:TCPChallengeACK=2 TcpExt:TCPSYNChallenge=1 \
		Tcp:InErrs=2 Tcp:InCsumErrors=1 Tcp:EstabResets=0
check "established: the socket still ESTABLISHED in the tables at exit" \
	grep -q '"chain":\[{"id":[0-9]*,"tw":false,"state":"ESTABLISHED","saddr":"10.77.0.1","sport":[0-9]*,"daddr":"10.77.0.2","dport":9,' \
	"$T/established.json"

run timewait --close --hold 2 "$PEER:$PORT"
check "timewait: FIN acked; RST with a bad seq, bad checksum and duplicate ACK in silence; PAWS-failing ACK answered" \
	replies fin "rx A seq=2 ack=2 " rst-badseq silence tcp-csum silence ack-dup silence \
		paws-old "rx A seq=2 ack=2 "
# a new SYN (seq after rcv_nxt, newer TS) is TCP_TW_SYN; with no listener
# tcp_v4_rcv falls through to the TIME-WAIT ACK
check "timewait: an acceptable new SYN, no listener: the TIME-WAIT's ACK" \
	replies syn-new "rx A seq=2 ack=2 "
check "timewait: MIB: PAWSEstab 1, InErrs 1, InCsumErrors 1" \
	counters TcpExt:PAWSEstab=1 Tcp:InErrs=1 Tcp:InCsumErrors=1
# the SYN-ACK and the FIN go to the full socket; the short segment with a
# bad checksum stops at tcp_v4_rcv's entry check (csum_error:); four reach
# the TIME-WAIT sock: the RST with a bad seq and the duplicate ACK
# (SUCCESS), the PAWS-failing ACK (ACK), the new SYN (SYN, then the ACK)
check "timewait: tcp_v4_rcv_ret PROCESSED 2, CSUM_ERROR 1, TIME_WAIT 4; tcp_timewait_state_process 4, each with its _ret" \
	rets_are "PROCESSED=2 CSUM_ERROR=1 TIME_WAIT=4 TCP_TW_SUCCESS=2 TCP_TW_ACK=1 TCP_TW_SYN=1 tw=4 tw_ret=4 unpaired=0"
check "timewait: the TIME-WAIT socket still in the twchain at exit" \
	grep -q '"twchain":\[{"id":[0-9]*,"tw":true,"state":"TIME_WAIT","saddr":"10.77.0.1","sport":[0-9]*,"daddr":"10.77.0.2","dport":9,' \
	"$T/timewait.json"

# the control: a RST at tw_rcv_nxt kills the TIME-WAIT (tcp_rfc1337 0)
run timewait-rst --close --hold 2 "$PEER:$PORT"
check "timewait-rst: a RST at rcv_nxt: silence, and no TIME-WAIT left at exit" \
	sh -c "grep -q '^step rst-rcvnxt: silence' '$T/timewait-rst.peer' &&
	       grep -q '\"ehash\"' '$T/timewait-rst.json' && ! grep -q '\"tw\":true' '$T/timewait-rst.json'"
check "timewait-rst: the RST at rcv_nxt is a fifth TIME_WAIT segment, TCP_TW_SUCCESS (kill:)" \
	rets_are "PROCESSED=2 CSUM_ERROR=1 TIME_WAIT=5 TCP_TW_SUCCESS=3 TCP_TW_ACK=1 TCP_TW_SYN=1 tw=5 tw_ret=5 unpaired=0"
finish
