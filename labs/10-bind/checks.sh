# SPDX-License-Identifier: GPL-2.0-only
# Lab 10's checks: run 1 two sockets bound to :5000, run 2 bound to :0.
check run1_first 1 "$(conn 1 1 result)" "run 1's first result"
b2=$(event 1 inet_bind ret 2)
check run1_second 2 "$( [ -n "$b2" ] && [ "$b2" != OK ] && echo "$b2" || conn 1 2 result)" "the errno of the second socket (inet_bind ret, or the connect)"
check run1_failed_call 2 "$( [ -n "$b2" ] && [ "$b2" != OK ] && echo bind || echo connect)" "bind or connect: the second inet_bind event's ret"
check run1_path 2 "$(ports 1 1 .path)" "PATH of the first search"
check run1_candidates 1 "$(ports 1 1 '.candidates | length')" "candidates of the first search"
check run2_port 1 "$(ports 2 1 .port)" "the port of run 2"
check run2_chooser 2 "$( [ "$(count 2 inet_csk_get_port)" -gt 0 ] && echo inet_csk_get_port)" "the function bind(2) calls to find a port"
check run2_path 1 "$(ports 2 1 .path)" "PATH of run 2's search"
check_text reuseaddr 2 "a bind conflict is per port, before any destination is known; SO_REUSEADDR on both allows it" "reuse" "port|bind|conflict"
