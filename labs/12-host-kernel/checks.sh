# SPDX-License-Identifier: GPL-2.0-only
# Lab 12's checks: TR holds trace/ (connscope) and syn.pcap (both SYNs).
syn() { # ADDR FIELD: a field of the SYN (not SYN-ACK) from ADDR in the capture
	[ -r "$TR/syn.pcap" ] && command -v tshark > /dev/null || return 0
	tshark -r "$TR/syn.pcap" -Y "ip.src == $1 && tcp.flags.ack == 0" -T fields -e "$2" 2>/dev/null | head -n 1
}
kp=$(syn 10.77.0.3 tcp.srcport); cp=$(syn 10.77.0.1 tcp.srcport)
check kernel_window 1 "$(syn 10.77.0.3 tcp.window_size_value)" "the kernel's SYN (from 10.77.0.3): window"
check cs_window 1 "$(syn 10.77.0.1 tcp.window_size_value)" "connscope's SYN (from 10.77.0.1): window"
check_text why_window 2 "3.10: rcv_wnd = 10 MSS (TCP_DEFAULT_INIT_RCVWND), from tcp_select_initial_window" "rcv_wnd|init_rcv|10 ?\\*|mss|initial"
check kernel_wscale 1 "$(syn 10.77.0.3 tcp.options.wscale.shift)" "the kernel's window scale shift"
check cs_wscale 1 "$(syn 10.77.0.1 tcp.options.wscale.shift)" "connscope's window scale shift"
check_text why_wscale 1 "the receive buffer space (tcp_rmem max) decides the shift" "rmem|buffer|space"
check kernel_port 1 "$kp" "the kernel's source port"
check cs_port 1 "$cp" "connscope's source port"
check both_in_range 1 "$( [ -n "$kp" ] && [ -n "$cp" ] && [ "$kp" -ge 32768 ] && [ "$kp" -le 60999 ] && [ "$cp" -ge 32768 ] && [ "$cp" -le 61000 ] && echo yes || echo no)" "yes or no"
check kernel_port_even 1 "$( [ -n "$kp" ] && { [ $((kp % 2)) -eq 0 ] && echo yes || echo no; })" "yes or no"
ws=$(event 1 tcp_v4_connect_isn write_seq); jf=$(event 1 tcp_v4_connect_isn jiffies)
check cs_ip_id 2 "$( [ -n "$ws" ] && [ -n "$jf" ] && echo $(( (ws ^ jf) & 65535 )))" "(write_seq ^ jiffies) & 0xffff of tcp_v4_connect_isn"
kid=$(syn 10.77.0.3 ip.id)
check kernel_ip_id 1 "$( [ -n "$kid" ] && printf "%d" "$kid")" "ip.id of the kernel's SYN in the capture, in decimal"
check_text what_changed 2 "a difference seen between the two SYNs or connects" "window|wscale|scale|port|isn|timestamp|tsval|ecn|tfo|id"
