/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/skbuff (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* net/core/skbuff.c alloc_skb_fclone: an original + companion pair. */
/* alloc_skb_fclone: an sk_buff and its companion clone allocated together */
LTTNG_UST_TRACEPOINT_EVENT(connscope, alloc_skb_fclone,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, unsigned int, size),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, skbaddr, (uintptr_t)skb)
		lttng_ust_field_integer(unsigned int, size, size)
		lttng_ust_field_integer(unsigned int, truesize, skb->truesize)
		CS_TP_CTX))

/* net/core/skbuff.c skb_clone: @n shares @skb's data. */
/* skb_clone: a second sk_buff sharing the data of another */
LTTNG_UST_TRACEPOINT_EVENT(connscope, skb_clone,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, const struct sk_buff *, n),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, skbaddr, (uintptr_t)skb)
		lttng_ust_field_integer_hex(uintptr_t, clone, (uintptr_t)n)
		lttng_ust_field_integer(int, orig_fclone, skb->fclone)
		lttng_ust_field_integer(int, clone_fclone, n->fclone)
		lttng_ust_field_integer(int, companion, n->fclone == SKB_FCLONE_CLONE)
		lttng_ust_field_integer(int, dataref, atomic_load(&skb_shinfo(skb)->dataref))
		CS_TP_CTX))

/* net/core/skbuff.c pskb_copy: a private copy (NULL when allocation failed). */
/* pskb_copy: a private copy of an sk_buff's headers and data */
LTTNG_UST_TRACEPOINT_EVENT(connscope, pskb_copy,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, const struct sk_buff *, n),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer_hex(uintptr_t, skbaddr, (uintptr_t)skb)
		lttng_ust_field_integer_hex(uintptr_t, copy, (uintptr_t)n)
		lttng_ust_field_integer(int, orig_fclone, skb->fclone)
		lttng_ust_field_integer(int, orig_cloned, skb->cloned)
		lttng_ust_field_integer(unsigned int, len, skb->len)
		CS_TP_CTX))
