/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/secure_seq (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* The clock term is read back as isn - hash: seq_scale added it. */
/* secure_tcp_sequence_number: the ISN and its two terms (hash + clock). */
LTTNG_UST_TRACEPOINT_EVENT(connscope, secure_tcp_sequence_number,
	LTTNG_UST_TP_ARGS(uint32_t, saddr_arg, uint32_t, daddr_arg,
			  uint16_t, sport_arg, uint16_t, dport_arg,
			  uint32_t, hash_arg, uint32_t, isn_arg),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, saddr, &saddr_arg, 4)
		lttng_ust_field_array(uint8_t, daddr, &daddr_arg, 4)
		lttng_ust_field_integer(uint16_t, sport, sport_arg)
		lttng_ust_field_integer(uint16_t, dport, dport_arg)
		lttng_ust_field_integer_hex(uint32_t, hash, hash_arg)
		lttng_ust_field_integer_hex(uint32_t, clock, isn_arg - hash_arg)
		lttng_ust_field_integer(uint32_t, isn, isn_arg)
		CS_TP_CTX))

/* secure_ipv4_port_ephemeral: the port offset of a destination. */
LTTNG_UST_TRACEPOINT_EVENT(connscope, secure_ipv4_port_ephemeral,
	LTTNG_UST_TP_ARGS(uint32_t, saddr_arg, uint32_t, daddr_arg,
			  uint16_t, dport_arg, uint32_t, offset_arg),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, saddr, &saddr_arg, 4)
		lttng_ust_field_array(uint8_t, daddr, &daddr_arg, 4)
		lttng_ust_field_integer(uint16_t, dport, dport_arg)
		lttng_ust_field_integer(uint32_t, offset, offset_arg)
		CS_TP_CTX))

/* build_ehash_secret: the per-stack secrets were just set. */
LTTNG_UST_TRACEPOINT_EVENT(connscope, build_ehash_secret,
	LTTNG_UST_TP_ARGS(int, fixed_arg, uint32_t, seed_arg, uint32_t, ehash_arg),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, fixed, fixed_arg)
		lttng_ust_field_integer_hex(uint32_t, secret_seed, seed_arg)
		lttng_ust_field_integer_hex(uint32_t, ehash_secret, ehash_arg)
		CS_TP_CTX))
