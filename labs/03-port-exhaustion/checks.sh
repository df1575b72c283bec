# SPDX-License-Identifier: GPL-2.0-only
# Lab 03's checks: process 1 = 5 connects over 4 ports; 2 = 4 connects over 2.
failed=$(report connects 1 'map(.result != "ok") | index(true) | if . == null then empty else . + 1 end')
check run1_failed_attempt 2 "$failed" "the seq (from 1) of the first attempt whose result is not ok"
check run1_errno 2 "$(conn 1 "${failed:-5}" result)" "the errno name connect returned"
check run1_tried 1 "$(ports 1 "${failed:-5}" '.candidates | length')" "the candidates of the failing search"
check run1_verdict 1 "$(ports 1 "${failed:-5}" '[.candidates[].verdict] | unique | join(",")')" \
	"the VERDICT the failing search gave every candidate"
check_num run1_fail_usec 1 "$(conn 1 "${failed:-5}" usec)" 5 "usec of the failing connect"
check run1_fail_isn 1 "$(conn 1 "${failed:-5}" isn)" "no SYN: the ISN column"
check run2_ok 2 "$(report connects 2 '[.[] | select(.result == "ok")] | length')" "count the ok lines of run 2"
check run2_8080_port1 1 "$(ports 2 2 .port)" "run 2's second connect went to :8080"
check run2_8080_port2 1 "$(ports 2 4 .port)" "run 2's fourth connect went to :8080"
check_text why_shared 2 "the 4-tuple (saddr, sport, daddr, dport) is what must be unique" "tuple|dport|destination" "unique|differ|same"
check run2_sharing_40000 1 "$(report tables 2 '[.[0].sockets[] | select(.local | endswith(":40000"))] | length')" \
	"the sockets whose local port is 40000 in the tables"
