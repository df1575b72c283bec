# SPDX-License-Identifier: GPL-2.0-only
# Lab 06's checks: runs 1-2 fixed secrets and clock, 3-4 random secrets.
check run1_isn 1 "$(conn 1 1 isn)" "ISN of run 1"
check run2_isn 1 "$(conn 2 1 isn)" "ISN of run 2"
check run3_isn 1 "$(conn 3 1 isn)" "ISN of run 3"
check run4_isn 1 "$(conn 4 1 isn)" "ISN of run 4"
check same_34 2 "$( [ "$(conn 3 1 isn)" = "$(conn 4 1 isn)" ] && echo yes || echo no)" "yes or no"
check run1_clock 2 "$(event 1 secure_tcp_sequence_number clock)" "the clock field as printed (0x...)"
check_text isn_formula 2 "isn = hash + clock (mod 2^32)" "hash" "clock" "\\+|plus|add|sum"
check_text why_secret 2 "guess the next ISN: spoof or inject into a connection" "guess|predict" "spoof|inject|hijack|forge|reset"
