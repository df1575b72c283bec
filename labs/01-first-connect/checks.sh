# SPDX-License-Identifier: GPL-2.0-only
# Lab 01's checks (sourced by labs/grade): one process, one connect.
src=$(conn 1 1 src)
check sport 2 "${src##*:}" "the source port: the number after the colon of \"src\" in the --json line"
check state 1 "$(conn 1 1 state)" "the state the connect ended in (\"state\")"
check_num usec 1 "$(conn 1 1 usec)" 5 "connscope trace connects \"\$T\" --json: the usec of connect 1"
check_num syn_retrans 1 "$(conn 1 1 syn_retrans)" 0 "SYN_RTX in connscope trace connects"
# The event names, read from the listing of process 1: the line after
# sys_connect, the event with a port_offset field, the one with the SYN's
# ports and flags 0x2.
names=$(_p=$(_pid 1); _show | awk -v pid="$_p" '
	$1 == "==" && $2 == "process" { in_p = ($3 == pid ":"); next }
	!in_p { next }
	{ l = $0; sub(/^ *\+[0-9.]+ +/, "", l); sub(/^\[[^]]*\] +/, "", l); n = l; sub(/ .*/, "", n) }
	after && !first { first = n }
	n == "sys_connect" { after = 1 }
	!port && l ~ /port_offset = / { port = n }
	!syn && l ~ / sport = / && l ~ / flags = 0x2(,|$)/ { syn = n }
	END { print first, port, syn }')
set -- $names
check first_event 2 "${1:-}" "the first line indented one step under sys_connect"
check port_event 2 "${2:-}" "the event with port_offset, hint, low and remaining"
check syn_event 2 "${3:-}" "the header the SYN leaves with: fields sport, dport, seq, flags"
check_text why_sleep 2 "the SYN-ACK is handled in softirq, which wakes the caller" "softirq|receive|rx" "wait|wake|sleep"
check_num out_segs 1 "$(mib 1 OutSegs)" 0 "the OutSegs line of connscope trace mib"
check_num frames 2 "$(( $(count 1 dev_queue_xmit) + $(count 1 netif_receive_skb) ))" 0 \
	"every arrow of the ladder: frames sent (dev_queue_xmit) and received (netif_receive_skb)"
