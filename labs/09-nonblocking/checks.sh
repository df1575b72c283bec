# SPDX-License-Identifier: GPL-2.0-only
# Lab 09's checks: one process, two non-blocking connects.
check connect1_ret 2 "$(event 1 sys_connect_ret ret)" "the ret field of the first sys_connect_ret"
check nonblock_field 1 "$(event 1 __inet_stream_connect nonblock)" "the nonblock field"
w=$(count 1 inet_wait_for_connect)
check waits 1 "$( [ "$w" -gt 0 ] && echo yes || echo no)" "yes or no: any inet_wait_for_connect?"
check wait_events 1 "$w" "count the inet_wait_for_connect events"
check connect2_result 2 "$(conn 1 2 result)" "connect 2's result"
check_text how_learned 2 "getsockopt SO_ERROR after poll" "so_error|getsockopt"
check second_call_syn_sent 2 EALREADY "SS_CONNECTING in __inet_stream_connect"
check second_call_est 2 EISCONN "SS_CONNECTED"
check_text close_in_syn_sent 2 "tcp_close: SYN_SENT goes straight to CLOSE, no RST or FIN" "close" "no|not|without"
