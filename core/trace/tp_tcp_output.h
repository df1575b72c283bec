/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/tcp_output (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */

/* How tcp_transmit_skb got the buffer it hands to IP. */
LTTNG_UST_TRACEPOINT_ENUM(connscope, tx_clone,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("NO_CLONE", TX_NO_CLONE)
		lttng_ust_field_enum_value("CLONE_FCLONE", TX_CLONE_FCLONE)
		lttng_ust_field_enum_value("CLONE", TX_CLONE)
		lttng_ust_field_enum_value("PSKB_COPY", TX_PSKB_COPY)))

/* tcp_connect: the SYN is built, queued and sent: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint16_t, sport, ntohs(inet_sk(sk)->inet_sport))
		lttng_ust_field_integer(uint16_t, dport, ntohs(inet_sk(sk)->inet_dport))
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&inet_sk(sk)->inet_saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&inet_sk(sk)->inet_daddr, 4)
		lttng_ust_field_integer(uint32_t, write_seq, tcp_sk(sk)->write_seq)
		CS_TP_CTX))

/* tcp_connect_ret: the SYN was sent: sequence numbers and RTO */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		lttng_ust_field_integer(uint32_t, write_seq, tcp_sk(sk)->write_seq)
		lttng_ust_field_integer(uint32_t, packets_out, tcp_sk(sk)->packets_out)
		lttng_ust_field_integer(uint32_t, rto, inet_csk(sk)->icsk_rto)
		CS_TP_CTX))

/* tcp_connect_init: the connection's parameters before the SYN: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_connect_init,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, pmtu),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, pmtu, pmtu)
		lttng_ust_field_integer(uint16_t, user_mss, tcp_sk(sk)->rx_opt.user_mss)
		lttng_ust_field_integer(uint16_t, mss_clamp, tcp_sk(sk)->rx_opt.mss_clamp)
		lttng_ust_field_integer(int, tcp_timestamps, sock_net(sk)->sysctl.tcp_timestamps)
		lttng_ust_field_integer(int, tcp_window_scaling, sock_net(sk)->sysctl.tcp_window_scaling)
		lttng_ust_field_integer(int, sk_rcvbuf, sk->sk_rcvbuf)
		lttng_ust_field_integer(uint8_t, repair, tcp_sk(sk)->repair)
		CS_TP_CTX))

/* tcp_connect_init_ret: the connection's parameters: MSS, windows, scale, RTO */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_connect_init_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, tcp_header_len, tcp_sk(sk)->tcp_header_len)
		lttng_ust_field_integer(uint16_t, mss_clamp, tcp_sk(sk)->rx_opt.mss_clamp)
		lttng_ust_field_integer(uint32_t, mss_cache, tcp_sk(sk)->mss_cache)
		lttng_ust_field_integer(uint16_t, advmss, tcp_sk(sk)->advmss)
		lttng_ust_field_integer(uint32_t, rcv_wnd, tcp_sk(sk)->rcv_wnd)
		lttng_ust_field_integer(uint32_t, window_clamp, tcp_sk(sk)->window_clamp)
		lttng_ust_field_integer(uint8_t, rcv_wscale, tcp_sk(sk)->rx_opt.rcv_wscale)
		lttng_ust_field_integer(uint16_t, rcv_mss, inet_csk(sk)->icsk_ack.rcv_mss)
		lttng_ust_field_integer(uint32_t, rto, inet_csk(sk)->icsk_rto)
		CS_TP_CTX))

/* tcp_select_initial_window: the initial window and window scale */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_select_initial_window,
	LTTNG_UST_TP_ARGS(int, space, uint32_t, mss, uint32_t, init_rcv_wnd, int, wscale_ok,
			  uint32_t, rcv_wnd, uint32_t, window_clamp, uint8_t, rcv_wscale),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, space, space)
		lttng_ust_field_integer(uint32_t, mss, mss)
		lttng_ust_field_integer(uint32_t, init_rcv_wnd, init_rcv_wnd)
		lttng_ust_field_integer(int, wscale_ok, wscale_ok)
		lttng_ust_field_integer(uint32_t, rcv_wnd, rcv_wnd)
		lttng_ust_field_integer(uint32_t, window_clamp, window_clamp)
		lttng_ust_field_integer(uint8_t, rcv_wscale, rcv_wscale)
		CS_TP_CTX))

/* tcp_init_nondata_skb: a segment without data is initialised */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_init_nondata_skb,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, seq, TCP_SKB_CB(skb)->seq)
		lttng_ust_field_integer(uint32_t, end_seq, TCP_SKB_CB(skb)->end_seq)
		lttng_ust_field_integer_hex(uint8_t, flags, TCP_SKB_CB(skb)->tcp_flags)
		CS_TP_CTX))

/* tcp_connect_queue_skb: the SYN joins the write queue */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_connect_queue_skb,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, end_seq, TCP_SKB_CB(skb)->end_seq)
		lttng_ust_field_integer(uint32_t, write_seq, tcp_sk(sk)->write_seq)
		lttng_ust_field_integer(uint32_t, packets_out, tcp_sk(sk)->packets_out)
		lttng_ust_field_integer(uint32_t, qlen, sk->sk_write_queue.qlen)
		lttng_ust_field_integer(int, wmem_queued, sk->sk_wmem_queued)
		CS_TP_CTX))

/* TCP_ECN_send_syn: whether the SYN asks for ECN */
LTTNG_UST_TRACEPOINT_EVENT(connscope, TCP_ECN_send_syn,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, tcp_ecn, sock_net(sk)->sysctl.tcp_ecn)
		lttng_ust_field_integer_hex(uint8_t, flags, TCP_SKB_CB(skb)->tcp_flags)
		lttng_ust_field_integer_hex(uint8_t, ecn_flags, tcp_sk(sk)->ecn_flags)
		CS_TP_CTX))

/* tcp_syn_options: the options chosen for a SYN */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_syn_options,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct tcp_out_options *, opts,
			  unsigned int, size),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, mss, opts->mss)
		lttng_ust_field_integer(uint8_t, ts, !!(opts->options & OPTION_TS))
		lttng_ust_field_integer(uint32_t, tsval, opts->tsval)
		lttng_ust_field_integer(uint32_t, tsecr, opts->tsecr)
		lttng_ust_field_integer(int, wscale,
			(opts->options & OPTION_WSCALE) ? (int)opts->ws : -1)
		lttng_ust_field_integer(uint8_t, sack, !!(opts->options & OPTION_SACK_ADVERTISE))
		lttng_ust_field_integer(unsigned int, size, size)
		CS_TP_CTX))

/* At the end of tcp_options_write: @end is where the options stop, their
 * length follows from @opts (cs_tp_options_len). */
/* tcp_options_write: the option bytes as written after the 20-byte header */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_options_write,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const __be32 *, end,
			  const struct tcp_out_options *, opts),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_sequence_hex(uint8_t, options,
					     (const uint8_t *)end - cs_tp_options_len(opts),
					     uint8_t, cs_tp_options_len(opts))
		CS_TP_CTX))

/* tcp_transmit_skb: a queued segment is sent: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_transmit_skb,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, seq, uint32_t, end_seq,
			  uint8_t, tcp_flags, int, clone_it),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, seq, seq)
		lttng_ust_field_integer(uint32_t, end_seq, end_seq)
		lttng_ust_field_integer_hex(uint8_t, tcp_flags, tcp_flags)
		lttng_ust_field_integer(int, clone_it, clone_it)
		CS_TP_CTX))

/* clone: what tcp_transmit_skb sends (the queued segment's companion is
 * marked SKB_FCLONE_CLONE, a new clone is cloned, a copy is neither);
 * outsegs: 3.10's OutSegs test. */
/* tcp_transmit_skb_hdr: the TCP header of the segment sent */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_transmit_skb_hdr,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb,
			  const struct tcphdr *, th, int, clone_it),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, sport, ntohs(th->source))
		lttng_ust_field_integer(uint16_t, dport, ntohs(th->dest))
		lttng_ust_field_integer(uint32_t, seq, ntohl(th->seq))
		lttng_ust_field_integer(uint32_t, ack_seq, ntohl(th->ack_seq))
		lttng_ust_field_integer(uint8_t, doff, th->doff_res >> 4)
		lttng_ust_field_integer_hex(uint8_t, flags, th->flags)
		lttng_ust_field_integer(uint16_t, window, ntohs(th->window))
		lttng_ust_field_integer_hex(uint16_t, check, ntohs(th->check))
		lttng_ust_field_integer(uint16_t, urg_ptr, ntohs(th->urg_ptr))
		lttng_ust_field_integer(unsigned int, len, skb->len)
		lttng_ust_field_enum(connscope, tx_clone, int, clone,
				     !clone_it ? TX_NO_CLONE :
				     skb->fclone == SKB_FCLONE_CLONE ? TX_CLONE_FCLONE :
				     skb->cloned ? TX_CLONE : TX_PSKB_COPY)
		lttng_ust_field_integer(uint8_t, outsegs,
					after(TCP_SKB_CB(skb)->end_seq, tcp_sk(sk)->snd_nxt) ||
					TCP_SKB_CB(skb)->seq == TCP_SKB_CB(skb)->end_seq)
		CS_TP_CTX))

/* tcp_transmit_skb_ret: the segment was handed to IP: the result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_transmit_skb_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_integer(int, wmem_alloc, atomic_load(&((struct sock *)sk)->sk_wmem_alloc))
		CS_TP_CTX))

/* tcp_mtup_init: the MTU-probing state */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_mtup_init,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, enabled, inet_csk(sk)->icsk_mtup.enabled)
		lttng_ust_field_integer(int, search_high, inet_csk(sk)->icsk_mtup.search_high)
		lttng_ust_field_integer(int, search_low, inet_csk(sk)->icsk_mtup.search_low)
		CS_TP_CTX))

/* tcp_sync_mss: the sending MSS for a path MTU */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_sync_mss,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, pmtu),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, pmtu, pmtu)
		lttng_ust_field_integer(uint16_t, mss_clamp, tcp_sk(sk)->rx_opt.mss_clamp)
		lttng_ust_field_integer(uint16_t, tcp_header_len, tcp_sk(sk)->tcp_header_len)
		lttng_ust_field_integer(uint32_t, max_window, tcp_sk(sk)->max_window)
		lttng_ust_field_integer(uint32_t, mss_cache, tcp_sk(sk)->mss_cache)
		CS_TP_CTX))

/* tcp_select_window: the window of a non-SYN segment */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_select_window,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, cur_win, uint16_t, window),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, cur_win, cur_win)
		lttng_ust_field_integer(uint32_t, rcv_wnd, tcp_sk(sk)->rcv_wnd)
		lttng_ust_field_integer(uint8_t, rcv_wscale, tcp_sk(sk)->rx_opt.rcv_wscale)
		lttng_ust_field_integer(uint16_t, window, window)
		CS_TP_CTX))

/* tcp_retransmit_skb: a queued segment (the SYN, a FIN) is sent again: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_retransmit_skb,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, seq, TCP_SKB_CB(skb)->seq)
		lttng_ust_field_integer(uint32_t, end_seq, TCP_SKB_CB(skb)->end_seq)
		lttng_ust_field_integer_hex(uint8_t, flags, TCP_SKB_CB(skb)->tcp_flags)
		lttng_ust_field_integer(uint8_t, retransmits, inet_csk(sk)->icsk_retransmits)
		lttng_ust_field_integer(int, wmem_alloc, atomic_load(&((struct sock *)sk)->sk_wmem_alloc))
		lttng_ust_field_integer(int, wmem_queued, sk->sk_wmem_queued)
		CS_TP_CTX))

/* tcp_retransmit_skb_ret: the retransmission's result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_retransmit_skb_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		lttng_ust_field_integer(uint32_t, total_retrans, tcp_sk(sk)->total_retrans)
		lttng_ust_field_integer(uint32_t, retrans_out, tcp_sk(sk)->retrans_out)
		lttng_ust_field_integer(uint32_t, retrans_stamp, tcp_sk(sk)->retrans_stamp)
		CS_TP_CTX))

/* tcp_send_delayed_ack: the delayed-ACK timer is armed */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_delayed_ack,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ato),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, ato, ato)
		lttng_ust_field_integer(int, sent_now,
					!(inet_csk(sk)->icsk_ack.pending & ICSK_ACK_TIMER))
		lttng_ust_field_integer(unsigned long, timeout, inet_csk(sk)->icsk_ack.timeout)
		CS_TP_CTX))

/* tcp_send_ack: a pure ACK is built and sent */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_ack,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		CS_TP_CTX))

/* tcp_send_fin: close queues a FIN */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_fin,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, piggyback),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, write_seq, tcp_sk(sk)->write_seq)
		lttng_ust_field_integer(uint8_t, piggyback, piggyback)
		CS_TP_CTX))

/* tcp_send_active_reset: the connection is aborted with RST|ACK */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_active_reset,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		CS_TP_CTX))

/* tcp_send_synack: simultaneous open: the queued SYN is sent again as a SYN-ACK: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_synack,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		CS_TP_CTX))

/* tcp_send_synack_ret: the SYN-ACK's result */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_synack_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, err, int, ret, ret)
		CS_TP_CTX))
