# SPDX-License-Identifier: GPL-2.0-only
# Lab 05's checks: four processes, two connects each over one port.
holder() { ports "$1" 2 '.candidates[0].held_by[0].state'; }
check run1_errno 1 "$(conn 1 2 result)" "the result of run 1's second connect"
check run1_holder_state 2 "$(holder 1)" "HELD BY in run 1's second search: the first socket's state"
check run1_verdict 2 "$(event 1 __inet_check_established_ret verdict)" "__inet_check_established_ret of run 1: verdict"
check run2_holder_state 1 "$(holder 2)" "HELD BY in run 2's second search"
check_text why_run2_fails 2 "tcp_twsk_unique needs tcp_tw_reuse" "tw_reuse|reuse" "0|off|default|disabled|not set"
check run3_reuse_event 2 "$(count 3 tcp_twsk_unique | sed 's/^[1-9][0-9]*$/tcp_twsk_unique/')" \
	"the function __inet_check_established asks about a TIME-WAIT socket"
check run3_twrecycled 1 "$(mib 3 TWRecycled)" "TWRecycled in connscope trace mib --process 3"
i1=$(conn 3 1 isn); i2=$(conn 3 2 isn)
check run3_isn_delta 2 "$( [ -n "$i1" ] && [ -n "$i2" ] && echo $(( (i2 - i1 + 4294967296) % 4294967296 )) )" \
	"second ISN minus first ISN (mod 2^32)"
check_text why_isn_jump 2 "the new ISN must lie beyond everything the old connection sent" "snd_nxt|sequence|seq" "old|previous|duplicate|wrap|beyond|above"
check run4_errno 1 "$(conn 4 2 result)" "the result of run 4's second connect"
check_text why_run4 2 "without timestamps tw_ts_recent_stamp is 0: no reuse" "timestamp|ts_recent|paws"
