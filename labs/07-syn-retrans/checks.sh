# SPDX-License-Identifier: GPL-2.0-only
# Lab 07's checks: run 1 tcp_syn_retries=1, run 2 =2, SYNs dropped.
secs() { u=$(conn "$1" 1 usec); [ -n "$u" ] && echo $(( (u + 500000) / 1000000 )); }
check run1_seconds 1 "$(secs 1)" "usec of run 1 / 1e6, rounded"
check run2_seconds 2 "$(secs 2)" "usec of run 2 / 1e6, rounded"
check run2_errno 1 "$(conn 2 1 result)" "the result of run 2"
check run2_retrans 1 "$(report retrans 2 length)" "the lines of run 2 in connscope trace retrans"
t0=$(conn 2 1 time)
check run2_retrans_at 2 "$(report retrans 2 "map(.time - $t0 | round | tostring) | join(\",\")" 2>/dev/null)" \
	"each retransmission's TIME minus the connect's TIME, rounded, comma-separated"
check run2_last_rto 1 "$(report retrans 2 '.[-1].rto')" "RTO(ms) of run 2's last retransmission"
check_text boundary 2 "timeout = sum of RTOs 1+2+4 = 2^(n+1)-1" "1 ?\\+ ?2 ?\\+ ?4|2\\^|sum|double|backoff"
check default_seconds 1 127 "2^(6+1) - 1"
check syncnt_field 1 icsk_syn_retries "the inet_connection_sock field TCP_SYNCNT writes"
