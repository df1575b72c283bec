/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of the state dump, core/table_dump.c cs_statedump (see
 * docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* An ehash / listening entry's fields, whichever kind of sock it is (the
 * same reads as cs_dump_tables). */
#ifndef CS_TP_STATEDUMP_HELPERS
#define CS_TP_STATEDUMP_HELPERS
static inline uint32_t cs_tp_skc_id(const struct sock_common *skc)
{
	if (skc->skc_tw)
		return inet_twsk(skc)->tw_id;
	return container_of(skc, const struct sock, __sk_common)->sk_id;
}
static inline int cs_tp_skc_state(const struct sock_common *skc)
{
	return skc->skc_tw ? inet_twsk(skc)->tw_substate : skc->skc_state;
}
static inline uint16_t cs_tp_skc_sport(const struct sock_common *skc)
{
	if (skc->skc_tw)
		return ntohs(inet_twsk(skc)->tw_sport);
	return ntohs(inet_sk(container_of(skc, const struct sock, __sk_common))->inet_sport);
}
#endif

LTTNG_UST_TRACEPOINT_ENUM(connscope, statedump_table,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("ehash", 0)
		lttng_ust_field_enum_value("bhash", 1)
		lttng_ust_field_enum_value("listening", 2)
		lttng_ust_field_enum_value("timers", 3)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, statedump_list,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("chain", 0)
		lttng_ust_field_enum_value("twchain", 1)))

/* statedump_begin: a state dump starts: the table sizes and the clock */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_begin,
	LTTNG_UST_TP_ARGS(const struct net *, net, unsigned long, now),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, ehash_size, net->tcp_hashinfo.ehash_mask + 1)
		lttng_ust_field_integer(uint32_t, ehash_locks, net->tcp_hashinfo.ehash_locks_mask + 1)
		lttng_ust_field_integer(uint32_t, bhash_size, net->tcp_hashinfo.bhash_size)
		lttng_ust_field_integer(uint32_t, lhash_size, INET_LHTABLE_SIZE)
		lttng_ust_field_array(uint8_t, addr, (const uint8_t *)&net->addr, 4)
		lttng_ust_field_integer(uint64_t, jiffies, now)
		CS_TP_CTX))

/* A socket that has a descriptor. */
/* statedump_sock: a socket that has a descriptor, as it is */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_sock,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, fd),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, fd, fd)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(inet_sk(sk)->inet_sport))
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		lttng_ust_field_integer(uint16_t, num, sk->__sk_common.skc_num)
		lttng_ust_field_integer_hex(uint32_t, hash, sk->sk_hash)
		lttng_ust_field_integer(uint32_t, isn, tcp_sk_isn(sk))
		lttng_ust_field_integer(uint32_t, snd_una, tcp_sk(sk)->snd_una)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		lttng_ust_field_integer(uint32_t, snd_wnd, tcp_sk(sk)->snd_wnd)
		lttng_ust_field_integer(uint32_t, rcv_wnd, tcp_sk(sk)->rcv_wnd)
		lttng_ust_field_integer(uint8_t, snd_wscale, tcp_sk(sk)->rx_opt.snd_wscale)
		lttng_ust_field_integer(uint8_t, rcv_wscale, tcp_sk(sk)->rx_opt.rcv_wscale)
		lttng_ust_field_integer(uint32_t, mss_cache, tcp_sk(sk)->mss_cache)
		lttng_ust_field_integer(uint16_t, advmss, tcp_sk(sk)->advmss)
		lttng_ust_field_integer(uint8_t, tstamp_ok, tcp_sk(sk)->rx_opt.tstamp_ok)
		lttng_ust_field_integer(uint8_t, sack_ok, tcp_sk(sk)->rx_opt.sack_ok)
		lttng_ust_field_integer(uint8_t, wscale_ok, tcp_sk(sk)->rx_opt.wscale_ok)
		lttng_ust_field_integer(uint32_t, rto, inet_csk(sk)->icsk_rto)
		CS_TP_CTX))

/* A table's walk starts: all its locks are held until its last entry. */
/* statedump_table: a table's walk starts */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_table,
	LTTNG_UST_TP_ARGS(int, table, unsigned int, size),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_enum(connscope, statedump_table, int, table, table)
		lttng_ust_field_integer(uint32_t, size, size)
		CS_TP_CTX))

/* statedump_ehash: one established-hash entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_ehash,
	LTTNG_UST_TP_ARGS(unsigned int, slot, int, list, unsigned int, pos,
			  const struct sock_common *, skc),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_enum(connscope, statedump_list, int, list, list)
		lttng_ust_field_integer(uint32_t, pos, pos)
		lttng_ust_field_integer(uint32_t, id, cs_tp_skc_id(skc))
		lttng_ust_field_integer(uint8_t, tw, skc->skc_tw)
		lttng_ust_field_enum(connscope, tcp_state, int, state, cs_tp_skc_state(skc))
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&skc->skc_rcv_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, cs_tp_skc_sport(skc))
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&skc->skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(skc->skc_dport))
		lttng_ust_field_integer_hex(uint32_t, hash, skc->skc_hash)
		lttng_ust_field_integer(uint64_t, ttd, skc->skc_tw ? inet_twsk(skc)->tw_ttd : 0)
		CS_TP_CTX))

/* statedump_bind_bucket: one bind bucket */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_bind_bucket,
	LTTNG_UST_TP_ARGS(unsigned int, slot, unsigned int, pos,
			  const struct inet_bind_bucket *, tb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint32_t, pos, pos)
		lttng_ust_field_integer(uint16_t, port, tb->port)
		lttng_ust_field_integer(int, fastreuse, tb->fastreuse)
		lttng_ust_field_integer(int, fastreuseport, tb->fastreuseport)
		lttng_ust_field_integer(int, num_owners, tb->num_owners)
		CS_TP_CTX))

/* statedump_bind_owner: one owner of the bind bucket just dumped */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_bind_owner,
	LTTNG_UST_TP_ARGS(unsigned int, slot, unsigned int, port, unsigned int, pos,
			  const struct sock_common *, skc),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(uint32_t, pos, pos)
		lttng_ust_field_integer(uint32_t, id, cs_tp_skc_id(skc))
		lttng_ust_field_integer(uint8_t, tw, skc->skc_tw)
		CS_TP_CTX))

/* statedump_listen: one listening-hash entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_listen,
	LTTNG_UST_TP_ARGS(unsigned int, slot, unsigned int, pos, const struct sock_common *, skc),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint32_t, pos, pos)
		lttng_ust_field_integer(uint32_t, id, cs_tp_skc_id(skc))
		lttng_ust_field_enum(connscope, tcp_state, int, state, cs_tp_skc_state(skc))
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&skc->skc_rcv_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, cs_tp_skc_sport(skc))
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&skc->skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(skc->skc_dport))
		lttng_ust_field_integer_hex(uint32_t, hash, skc->skc_hash)
		CS_TP_CTX))

/* A pending timer of the stack's timer base, in expiry order. */
/* statedump_timer: a pending timer */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_timer,
	LTTNG_UST_TP_ARGS(const struct timer_list *, t),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, timer, (uintptr_t)t)
		lttng_ust_field_string(name, cs_tp_timer_name(t))
		lttng_ust_field_integer(uint32_t, owner_id, cs_tp_timer_owner(t))
		lttng_ust_field_integer(uint64_t, expires, t->expires)
		CS_TP_CTX))

/* statedump_end: the state dump is complete: counts of what was dumped */
LTTNG_UST_TRACEPOINT_EVENT(connscope, statedump_end,
	LTTNG_UST_TP_ARGS(unsigned int, socks, unsigned int, ehash_entries,
			  unsigned int, bind_buckets, unsigned int, listeners, unsigned int, timers),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, socks, socks)
		lttng_ust_field_integer(uint32_t, ehash_entries, ehash_entries)
		lttng_ust_field_integer(uint32_t, bind_buckets, bind_buckets)
		lttng_ust_field_integer(uint32_t, listeners, listeners)
		lttng_ust_field_integer(uint32_t, timers, timers)
		CS_TP_CTX))
