# SPDX-License-Identifier: GPL-2.0-only
# Lab 02's checks: process 1 = 3 connects to :80, 2 = 2 to :8080, 3 = one
# with run 1's first port reserved.  Every port from the model's search.
p() { ports "$1" "$2" .port; }
# The first candidate from the search's own inputs, the formula of
# __inet_hash_connect (i = 1).
first=$(ports 1 1 '.low + ((1 + .offset) % .remaining)')
check run1_port1 1 "$(p 1 1)" "run 1, connect 1: the port after the colon of src"
check run1_port2 1 "$(p 1 2)" "run 1, connect 2"
check run1_port3 1 "$(p 1 3)" "run 1, connect 3"
check_text why_consecutive 2 "hint grows by i = 1 each time, so the offset grows by one" "hint" "offset|i ?= ?1|\\+ ?1|one"
check port_offset 1 "$(ports 1 1 .port_offset)" "the decimal port_offset of run 1's first search"
check low 1 "$(ports 1 1 .low)" "low of the port range"
check remaining 1 "$(ports 1 1 .remaining)" "remaining = high - low + 1"
check by_hand 2 "$first" "low + (1 + port_offset) % remaining, with hint = 0"
check run2_port1 1 "$(p 2 1)" "run 2's first port"
check_text why_differs 2 "port_offset hashes the destination port too" "dport|destination|port" "hash|secret|md5|offset"
check run3_port 2 "$(p 3 1)" "the port run 3 took"
check run3_verdict1 1 "$(ports 3 1 '.candidates[0].verdict')" "the VERDICT of candidate 1 in run 3"
check run3_candidates 1 "$(ports 3 1 '.candidates | length')" "how many candidates run 3's search tried"
check hint_after3 1 "$(ports 1 3 .hint_after)" "the hint after run 1's third search"
