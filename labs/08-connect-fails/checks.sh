# SPDX-License-Identifier: GPL-2.0-only
# Lab 08's checks: run 1 refused, run 2 no neighbour, run 3 no route/broadcast.
check run1_errno 1 "$(conn 1 1 result)" "run 1's result"
check run2_errno 1 "$(conn 2 1 result)" "run 2's result"
check run3a_errno 1 "$(conn 3 1 result)" "run 3's first result"
check run3b_errno 1 "$(conn 3 2 result)" "run 3's second result"
u=$(conn 2 1 usec)
check_num run2_ms 1 "$( [ -n "$u" ] && echo $(( u / 1000 )))" 2 "run 2's usec / 1000"
check run1_branch 2 "$(event 1 tcp_rcv_synsent_state_process_ret branch)" "the branch field"
check_text rst_without_ack 2 "a RST without ACK in SYN_SENT is dropped" "drop|discard|ignor"
icmp=$( [ "$(count 2 icmp_push_reply)" -gt 0 ] && echo icmp_push_reply)
check run2_icmp_event 2 "$icmp" "the event that queues the ICMP the stack sends itself (not icmp_send)"
err=$( [ "$(count 2 tcp_v4_err)" -gt 0 ] && echo tcp_v4_err)
check run2_err_event 2 "$err" "the TCP handler of a received ICMP error"
check run3_event 1 "$(event 3 tcp_v4_connect_ret ret | sed 's/^ENETUNREACH$/tcp_v4_connect_ret/')" \
	"the _ret event of tcp_v4_connect"
check run3b_rt_type 2 "$(event 3 ip_route_connect_ret rt_type 2)" "ip_route_connect_ret of the second connect: rt_type"
check_text einval_eafnosupport 2 "a short address is EINVAL, a family other than AF_INET EAFNOSUPPORT" "len|length|short|size" "family|af_inet"
