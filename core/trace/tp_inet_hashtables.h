/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/inet_hashtables and core/page_alloc (see docs/tracepoints.md).
 * Read several times by LTTng: no include guard. */

LTTNG_UST_TRACEPOINT_ENUM(connscope, hash_connect_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("reserved", HC_RESERVED)
		lttng_ust_field_enum_value("bind_bucket_bind_user", HC_BIND_BUCKET_BIND_USER)
		lttng_ust_field_enum_value("established_conflict", HC_ESTABLISHED_CONFLICT)
		lttng_ust_field_enum_value("tw_reuse", HC_TW_REUSE)
		lttng_ust_field_enum_value("ok_existing_bucket", HC_OK_EXISTING_BUCKET)
		lttng_ust_field_enum_value("ok_new_bucket", HC_OK_NEW_BUCKET)
		lttng_ust_field_enum_value("bucket_alloc_failed", HC_BUCKET_ALLOC_FAILED)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, hash_connect_path,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("ephemeral", HCP_EPHEMERAL)
		lttng_ust_field_enum_value("bound_sole_owner", HCP_BOUND_SOLE_OWNER)
		lttng_ust_field_enum_value("bound_shared", HCP_BOUND_SHARED)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, check_established_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("unique", CE_UNIQUE)
		lttng_ust_field_enum_value("tw_recycled", CE_TW_RECYCLED)
		lttng_ust_field_enum_value("not_unique_tw", CE_NOT_UNIQUE_TW)
		lttng_ust_field_enum_value("not_unique_est", CE_NOT_UNIQUE_EST)))

/* mm/page_alloc.c (tcp_init's tables) and the resulting sizes. */
/* alloc_large_system_hash: one hash table allocated at stack creation */
LTTNG_UST_TRACEPOINT_EVENT(connscope, alloc_large_system_hash,
	LTTNG_UST_TP_ARGS(const char *, tablename, unsigned long, entries,
			  unsigned long, bucketsize, int, ok),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_string(tablename, tablename)
		lttng_ust_field_integer(uint64_t, entries, entries)
		lttng_ust_field_integer(uint64_t, bucketsize, bucketsize)
		lttng_ust_field_integer(int, ok, ok)
		CS_TP_CTX))

/* inet_hashinfo_init: the sizes of the established, bind and listening hashes */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_hashinfo_init,
	LTTNG_UST_TP_ARGS(unsigned int, ehash_size, unsigned int, ehash_locks,
			  unsigned int, bhash_size, unsigned int, lhash_size),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, ehash_size, ehash_size)
		lttng_ust_field_integer(uint32_t, ehash_locks, ehash_locks)
		lttng_ust_field_integer(uint32_t, bhash_size, bhash_size)
		lttng_ust_field_integer(uint32_t, lhash_size, lhash_size)
		CS_TP_CTX))

/* Bind hash. */
/* inet_bind_bucket_create: a bind bucket for a local port, at the head of its bhash slot */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_bind_bucket_create,
	LTTNG_UST_TP_ARGS(unsigned int, port, unsigned int, bhash, int, ok),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(uint32_t, bhash, bhash)
		lttng_ust_field_integer(int, ok, ok)
		CS_TP_CTX))

/* inet_bind_bucket_destroy: an owner left a bind bucket: the bucket is freed if it has none left */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_bind_bucket_destroy,
	LTTNG_UST_TP_ARGS(const struct inet_bind_bucket *, tb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint16_t, port, tb->port)
		lttng_ust_field_integer(uint32_t, bhash,
			inet_bhashfn(tb->ib_net, tb->port, tb->ib_net->tcp_hashinfo.bhash_size))
		lttng_ust_field_integer(int, destroyed, hlist_empty(&tb->owners))
		CS_TP_CTX))

/* inet_bind_hash: a socket becomes an owner of a bind bucket */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_bind_hash,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, port, int, num_owners),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(int, num_owners, num_owners)
		CS_TP_CTX))

/* inet_put_port: a socket gives its local port back: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_put_port,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, port, unsigned int, bhash),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(uint32_t, bhash, bhash)
		CS_TP_CTX))

/* inet_put_port_ret: the port is given back */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_put_port_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		CS_TP_CTX))

/* Ephemeral port selection. */
/* inet_hash_connect: connect picks the local port and hashes the socket: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_hash_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		lttng_ust_field_integer(uint16_t, snum, sk->__sk_common.skc_num)
		CS_TP_CTX))

/* inet_hash_connect_ret: the port picked and the result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_hash_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_integer(uint16_t, sport, ntohs(inet_sk(sk)->inet_sport))
		CS_TP_CTX))

/* __inet_hash_connect: the ephemeral port search starts: range, hint, offset */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_hash_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, snum, uint32_t, port_offset,
			  uint32_t, hint, int, low, int, high, int, remaining),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, snum, snum)
		lttng_ust_field_integer_hex(uint32_t, port_offset, port_offset)
		lttng_ust_field_integer(uint32_t, hint, hint)
		lttng_ust_field_integer(uint32_t, offset, hint + port_offset)
		lttng_ust_field_integer(int, low, low)
		lttng_ust_field_integer(int, high, high)
		lttng_ust_field_integer(int, remaining, remaining)
		CS_TP_CTX))

/* inet_hash_connect_probe: one candidate port of the search and what was made of it */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_hash_connect_probe,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, i, int, port, unsigned int, bhash,
			  int, verdict),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, i, i)
		lttng_ust_field_integer(uint16_t, port, port)
		lttng_ust_field_integer(uint32_t, bhash, bhash)
		lttng_ust_field_enum(connscope, hash_connect_verdict, int, verdict, verdict)
		CS_TP_CTX))

/* __inet_hash_connect_ret: the port search ends: the port, the hint moved, the result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_hash_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret, int, i, uint32_t, hint, int, path),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_integer(uint16_t, port, sk->__sk_common.skc_num)
		lttng_ust_field_integer(int, i, i)
		lttng_ust_field_integer(uint32_t, hint, hint)
		lttng_ust_field_enum(connscope, hash_connect_path, int, path, path)
		CS_TP_CTX))

/* Established hash. */
/* __inet_check_established: is the 4-tuple with this local port free in the established hash? entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_check_established,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, lport, unsigned int, hash,
			  unsigned int, slot, unsigned int, lock),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, lport, lport)
		lttng_ust_field_integer_hex(uint32_t, hash, hash)
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint32_t, lock, lock)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		CS_TP_CTX))

/* __inet_check_established_ret: the answer: unique, a TIME-WAIT socket recycled, or not unique */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_check_established_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret, int, verdict, uint32_t, tw_id),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_enum(connscope, check_established_verdict, int, verdict, verdict)
		lttng_ust_field_integer(uint32_t, tw_id, tw_id)
		CS_TP_CTX))

/* __inet_hash_nolisten: the socket goes to the head of its ehash chain: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_hash_nolisten,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, slot, unsigned int, lock,
			  uint32_t, tw_id),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer_hex(uint32_t, hash, sk->sk_hash)
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint32_t, lock, lock)
		lttng_ust_field_integer(uint32_t, tw_id, tw_id)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, sk->__sk_common.skc_num)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		CS_TP_CTX))

/* __inet_hash_nolisten_ret: the socket is in its ehash chain */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_hash_nolisten_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, twrefcnt),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, twrefcnt, twrefcnt)
		CS_TP_CTX))

/* Listening hash and unhash. */
/* __inet_hash: a listener goes into the listening hash (others into ehash): entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_hash,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, listening, unsigned int, lslot),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint16_t, port, sk->__sk_common.skc_num)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&sk->__sk_common.skc_rcv_saddr, 4)
		lttng_ust_field_integer(int, listening, listening)
		lttng_ust_field_integer(uint32_t, lslot, lslot)
		lttng_ust_field_integer_hex(uint32_t, hash, sk->sk_hash)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&sk->__sk_common.skc_daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, ntohs(sk->__sk_common.skc_dport))
		CS_TP_CTX))

/* __inet_hash_ret: the socket is hashed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_hash_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		CS_TP_CTX))

/* inet_unhash: a socket leaves the listening hash or its ehash chain */
LTTNG_UST_TRACEPOINT_EVENT(connscope, inet_unhash,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, done),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, listening, sk->sk_state == TCP_LISTEN)
		lttng_ust_field_integer(uint32_t, slot, sk->sk_state == TCP_LISTEN ?
			inet_sk_listen_hashfn(sk) :
			sk->sk_hash & sock_net(sk)->tcp_hashinfo.ehash_mask)
		lttng_ust_field_integer(int, done, done)
		CS_TP_CTX))

/* Receive-path lookups. */
/* __inet_lookup_established: receive path: the socket or TIME-WAIT socket a segment belongs to */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_lookup_established,
	LTTNG_UST_TP_ARGS(uint32_t, saddr, uint16_t, sport, uint32_t, daddr, unsigned int, hnum,
			  unsigned int, hash, unsigned int, slot, uint32_t, found_id, int, found_tw),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(sport))
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, hnum)
		lttng_ust_field_integer_hex(uint32_t, hash, hash)
		lttng_ust_field_integer(uint32_t, slot, slot)
		lttng_ust_field_integer(uint32_t, found_id, found_id)
		lttng_ust_field_integer(int, found_tw, found_tw)
		CS_TP_CTX))

/* __inet_lookup_listener: receive path: the listener for a segment */
LTTNG_UST_TRACEPOINT_EVENT(connscope, __inet_lookup_listener,
	LTTNG_UST_TP_ARGS(uint32_t, daddr, unsigned int, hnum, unsigned int, lslot,
			  uint32_t, found_id, int, score),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&daddr, 4)
		lttng_ust_field_integer(uint16_t, dport, hnum)
		lttng_ust_field_integer(uint32_t, lslot, lslot)
		lttng_ust_field_integer(uint32_t, found_id, found_id)
		lttng_ust_field_integer(int, score, score)
		CS_TP_CTX))
