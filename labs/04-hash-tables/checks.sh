# SPDX-License-Identifier: GPL-2.0-only
# Lab 04's checks: process 1 = default tables, 2 = thash_entries=2.
check ehash_size 1 "$(event 1 inet_hashinfo_init ehash_size)" "inet_hashinfo_init: ehash_size"
check bhash_size 1 "$(event 1 inet_hashinfo_init bhash_size)" "inet_hashinfo_init: bhash_size"
check lhash_size 1 "$(event 1 inet_hashinfo_init lhash_size)" "inet_hashinfo_init: lhash_size"
check run1_slot1 2 "$(event 1 __inet_hash_nolisten slot)" "__inet_hash_nolisten of connect 1: slot"
check_text slot_formula 2 "the slot is the hash masked by the table size minus one" "size|mask|&|mod|%" "hash"
check run1_table 1 "$(report tables 1 '[.[0].sockets[].where] | unique | join(",")')" \
	"the Table column of connscope trace tables (where in --json)"
check listen_count 1 "$(report tables 1 '[.[0].sockets[] | select(.where == "listen")] | length')" \
	"rows whose table is listen"
check_text why_no_listen 1 "nothing on the client called listen()" "listen"
check run2_ehash_size 2 "$(event 2 inet_hashinfo_init ehash_size)" "inet_hashinfo_init of run 2"
check run2_max_chain 2 "$(report tables 2 '[.[0].sockets[] | select(.where == "chain") | .slot] | group_by(.) | map(length) | max // 0')" \
	"the most sockets in one slot of run 2's tables"
check run1_bhash 1 "$(event 1 inet_bind_bucket_create bhash)" "inet_bind_bucket_create: bhash"
