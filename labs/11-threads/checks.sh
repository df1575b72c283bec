# SPDX-License-Identifier: GPL-2.0-only
# Lab 11's checks: one process, eight connects over up to four threads.
tids=$(_show | awk '{ l = $0; sub(/^ *\+[0-9.]+ +/, "", l) }
	l ~ /^\[[0-9]+\] +sys_connect / { sub(/^\[/, "", l); sub(/\].*/, "", l); print l }' | sort -u | wc -l)
check threads 2 "$tids" "count the different [thread] numbers of the sys_connect lines"
bl=$(_show | grep -c 'tcp_v4_rcv_ret .*verdict = BACKLOG')
check backlog_segments 2 "$bl" "tcp_v4_rcv_ret lines with verdict = BACKLOG"
check backlog_runs 2 "$(count 1 sk_backlog_rcv)" "count the sk_backlog_rcv events"
check_text why_backlog 2 "the owner runs them in release_sock, because the socket was owned (lock_sock)" "release_sock|owner|own" "lock|owned"
check hint_final 1 "$(report ports 1 'map(.hint_after) | max')" "the largest hint after"
check same_hint 1 "$(report ports 1 'map(.hint) | if (unique | length) < length then "yes" else "no" end')" "yes or no"
check distinct_tuples 1 "$(report connects 1 'map(.src + ">" + .dst) | unique | length')" "count the different src>dst pairs"
