/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of the receive path: core/tcp_input*.c, core/tcp_metrics.c, the
 * receive half of core/tcp_ipv4.c and tcp_timewait_state_process (see
 * docs/tracepoints.md).  Read several times by LTTng: no include guard. */

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_v4_rcv_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("NOT_FOR_HOST", RCV_NOT_FOR_HOST)
		lttng_ust_field_enum_value("TOO_SHORT", RCV_TOO_SHORT)
		lttng_ust_field_enum_value("BAD_PACKET", RCV_BAD_PACKET)
		lttng_ust_field_enum_value("CSUM_ERROR", RCV_CSUM_ERROR)
		lttng_ust_field_enum_value("NO_SOCKET_RST", RCV_NO_SOCKET_RST)
		lttng_ust_field_enum_value("NO_SOCKET_BAD", RCV_NO_SOCKET_BAD)
		lttng_ust_field_enum_value("MINTTL_DROP", RCV_MINTTL_DROP)
		lttng_ust_field_enum_value("PROCESSED", RCV_PROCESSED)
		lttng_ust_field_enum_value("BACKLOG", RCV_BACKLOG)
		lttng_ust_field_enum_value("BACKLOG_DROP", RCV_BACKLOG_DROP)
		lttng_ust_field_enum_value("TIME_WAIT", RCV_TIME_WAIT)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_v4_do_rcv_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("PROCESSED", DO_RCV_PROCESSED)
		lttng_ust_field_enum_value("RESET", DO_RCV_RESET)
		lttng_ust_field_enum_value("CSUM_ERROR", DO_RCV_CSUM_ERROR)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_synsent_branch,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("RESET_AND_UNDO_BAD_ACK", SYNSENT_RESET_AND_UNDO_BAD_ACK)
		lttng_ust_field_enum_value("RESET_AND_UNDO_PAWS", SYNSENT_RESET_AND_UNDO_PAWS)
		lttng_ust_field_enum_value("RST", SYNSENT_RST)
		lttng_ust_field_enum_value("DISCARD_AND_UNDO_NO_SYN", SYNSENT_DISCARD_AND_UNDO_NO_SYN)
		lttng_ust_field_enum_value("SYNACK_ACCEPTED", SYNSENT_SYNACK_ACCEPTED)
		lttng_ust_field_enum_value("SYNACK_DELAYED_ACK", SYNSENT_SYNACK_DELAYED_ACK)
		lttng_ust_field_enum_value("RST_NO_ACK", SYNSENT_RST_NO_ACK)
		lttng_ust_field_enum_value("PAWS_DROP", SYNSENT_PAWS_DROP)
		lttng_ust_field_enum_value("SIMULTANEOUS_OPEN", SYNSENT_SIMULTANEOUS_OPEN)
		lttng_ust_field_enum_value("NO_SYN_NO_RST", SYNSENT_NO_SYN_NO_RST)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_validate_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("OK", TV_OK)
		lttng_ust_field_enum_value("PAWS_DUPACK", TV_PAWS_DUPACK)
		lttng_ust_field_enum_value("OUT_OF_WINDOW", TV_OUT_OF_WINDOW)
		lttng_ust_field_enum_value("OUT_OF_WINDOW_DUPACK", TV_OUT_OF_WINDOW_DUPACK)
		lttng_ust_field_enum_value("RST_RESET", TV_RST_RESET)
		lttng_ust_field_enum_value("RST_CHALLENGE", TV_RST_CHALLENGE)
		lttng_ust_field_enum_value("SYN_CHALLENGE", TV_SYN_CHALLENGE)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_data_queue_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("EMPTY", DQ_EMPTY)
		lttng_ust_field_enum_value("FIN", DQ_FIN)
		lttng_ust_field_enum_value("DATA_DROPPED", DQ_DATA_DROPPED)
		lttng_ust_field_enum_value("DUPLICATE", DQ_DUPLICATE)
		lttng_ust_field_enum_value("OUT_OF_WINDOW", DQ_OUT_OF_WINDOW)
		lttng_ust_field_enum_value("OUT_OF_ORDER", DQ_OUT_OF_ORDER)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_v4_err_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("SHORT", V4ERR_SHORT)
		lttng_ust_field_enum_value("NO_SOCKET", V4ERR_NO_SOCKET)
		lttng_ust_field_enum_value("TIME_WAIT", V4ERR_TIME_WAIT)
		lttng_ust_field_enum_value("SOCKET", V4ERR_SOCKET)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_send_reset_verdict,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("SENT", SR_SENT)
		lttng_ust_field_enum_value("NOT_FOR_RST", SR_NOT_FOR_RST)
		lttng_ust_field_enum_value("NOT_LOCAL", SR_NOT_LOCAL)))

LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_tw_status,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("TCP_TW_SUCCESS", TCP_TW_SUCCESS)
		lttng_ust_field_enum_value("TCP_TW_RST", TCP_TW_RST)
		lttng_ust_field_enum_value("TCP_TW_ACK", TCP_TW_ACK)
		lttng_ust_field_enum_value("TCP_TW_SYN", TCP_TW_SYN)))

/* A received segment: its header as the control block and wire hold it. */
LTTNG_UST_TRACEPOINT_EVENT_CLASS(connscope, tcp_rx_class,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, seq, TCP_SKB_CB(skb)->seq)
		lttng_ust_field_integer(uint32_t, end_seq, TCP_SKB_CB(skb)->end_seq)
		lttng_ust_field_integer(uint32_t, ack_seq, TCP_SKB_CB(skb)->ack_seq)
		lttng_ust_field_integer_hex(uint8_t, flags, tcp_hdr(skb)->flags)
		lttng_ust_field_integer(uint16_t, window, ntohs(tcp_hdr(skb)->window))
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		lttng_ust_field_integer(uint32_t, snd_una, tcp_sk(sk)->snd_una)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		CS_TP_CTX))

/* The option bytes of a received segment: doff * 4 - 20, never past the
 * bytes received (tcp_v4_rcv is traced once 20 header bytes are known). */
#ifndef CS_TP_RX_OPTLEN
#define CS_TP_RX_OPTLEN
static inline uint8_t cs_tp_rx_optlen(const struct sk_buff *skb)
{
	unsigned int hl = (unsigned int)(tcp_hdr(skb)->doff_res >> 4) * 4;

	if (hl > skb->len)
		hl = skb->len;
	return hl > 20 ? (uint8_t)(hl - 20) : 0;
}
#endif

/* net/ipv4/tcp_ipv4.c: the receive entry */
/* tcp_v4_rcv: a TCP segment for this host: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_rcv,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&ip_hdr(skb)->saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&ip_hdr(skb)->daddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(tcp_hdr(skb)->source))
		lttng_ust_field_integer(uint16_t, dport, ntohs(tcp_hdr(skb)->dest))
		lttng_ust_field_integer(uint32_t, seq, ntohl(tcp_hdr(skb)->seq))
		lttng_ust_field_integer(uint32_t, ack_seq, ntohl(tcp_hdr(skb)->ack_seq))
		lttng_ust_field_integer(uint8_t, doff, tcp_hdr(skb)->doff_res >> 4)
		lttng_ust_field_integer_hex(uint8_t, flags, tcp_hdr(skb)->flags)
		lttng_ust_field_integer(uint16_t, window, ntohs(tcp_hdr(skb)->window))
		lttng_ust_field_integer_hex(uint16_t, check, ntohs(tcp_hdr(skb)->check))
		lttng_ust_field_integer(uint32_t, len, skb->len)
		lttng_ust_field_integer(uint8_t, ttl, ip_hdr(skb)->ttl)
		lttng_ust_field_sequence_hex(uint8_t, options, (const uint8_t *)tcp_hdr(skb) + 20,
					     uint8_t, cs_tp_rx_optlen(skb))
		CS_TP_CTX))

/* tcp_v4_rcv_ret: what tcp_v4_rcv did with the segment (sk_id 0: no full socket) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_rcv_ret,
	LTTNG_UST_TP_ARGS(int, verdict, const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_enum(connscope, tcp_v4_rcv_verdict, int, verdict, verdict)
		lttng_ust_field_integer(uint32_t, sk_id, sk ? sk->sk_id : 0)
		lttng_ust_field_integer(int, ret, ret)
		CS_TP_CTX))

/* tcp_v4_do_rcv: a segment for one socket that holds it: entry */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, tcp_rx_class, connscope, tcp_v4_do_rcv,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb))

/* tcp_v4_do_rcv_ret: what tcp_v4_do_rcv did with the segment */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_do_rcv_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, verdict),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_v4_do_rcv_verdict, int, verdict, verdict)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		CS_TP_CTX))

/* tcp_v4_send_reset: a RST built from a received segment alone (ports, seq, ack, flags 0: none built) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_send_reset,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb,
			  const struct tcphdr *, rep),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk ? sk->sk_id : 0)
		lttng_ust_field_enum(connscope, tcp_send_reset_verdict, int, verdict,
				     cs_tp_send_reset_verdict(skb, rep))
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&ip_hdr(skb)->daddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&ip_hdr(skb)->saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, rep ? ntohs(rep->source) : 0)
		lttng_ust_field_integer(uint16_t, dport, rep ? ntohs(rep->dest) : 0)
		lttng_ust_field_integer(uint32_t, seq, rep ? ntohl(rep->seq) : 0)
		lttng_ust_field_integer(uint32_t, ack_seq, rep ? ntohl(rep->ack_seq) : 0)
		lttng_ust_field_integer_hex(uint8_t, flags, rep ? rep->flags : 0)
		CS_TP_CTX))

/* tcp_v4_send_ack: an ACK sent without a full socket (by a TIME-WAIT socket) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_send_ack,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, const struct tcphdr *, rep,
			  uint32_t, tsval, uint32_t, tsecr),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&ip_hdr(skb)->daddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&ip_hdr(skb)->saddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(rep->source))
		lttng_ust_field_integer(uint16_t, dport, ntohs(rep->dest))
		lttng_ust_field_integer(uint32_t, seq, ntohl(rep->seq))
		lttng_ust_field_integer(uint32_t, ack_seq, ntohl(rep->ack_seq))
		lttng_ust_field_integer(uint16_t, window, ntohs(rep->window))
		lttng_ust_field_integer(uint32_t, tsval, tsval)
		lttng_ust_field_integer(uint32_t, tsecr, tsecr)
		CS_TP_CTX))

/* tcp_v4_err: an ICMP error about a segment sent: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_err,
	LTTNG_UST_TP_ARGS(int, type, int, code, uint32_t, info, const struct iphdr *, iph,
			  const struct tcphdr *, th),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int, type, type)
		lttng_ust_field_integer(int, code, code)
		lttng_ust_field_integer(uint32_t, info, info)
		lttng_ust_field_array(uint8_t, saddr, (const uint8_t *)&iph->saddr, 4)
		lttng_ust_field_array(uint8_t, daddr, (const uint8_t *)&iph->daddr, 4)
		lttng_ust_field_integer(uint16_t, sport, ntohs(th->source))
		lttng_ust_field_integer(uint16_t, dport, ntohs(th->dest))
		lttng_ust_field_integer(uint32_t, seq, ntohl(th->seq))
		CS_TP_CTX))

/* tcp_v4_err_ret: where tcp_v4_err left the error: the socket's state and errors (SOCKET) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_v4_err_ret,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, icmp_skb, const struct sock_common *, skc),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, skc ? skc->skc_id : 0)
		lttng_ust_field_enum(connscope, tcp_v4_err_verdict, int, verdict,
				     cs_tp_v4err_verdict(icmp_skb, skc))
		lttng_ust_field_enum(connscope, tcp_state, int, state,
				     skc && !skc->skc_tw ? skc->skc_state : 0)
		lttng_ust_field_enum(connscope, err, int, sk_err, skc && !skc->skc_tw ?
				     -((const struct sock *)skc)->sk_err : 0)
		lttng_ust_field_enum(connscope, err, int, sk_err_soft, skc && !skc->skc_tw ?
				     -((const struct sock *)skc)->sk_err_soft : 0)
		CS_TP_CTX))

/* net/ipv4/tcp_minisocks.c */
/* tcp_timewait_state_process: a segment for a TIME-WAIT socket: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_timewait_state_process,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_enum(connscope, tcp_state, int, substate, tw->tw_substate)
		lttng_ust_field_integer(uint32_t, seq, TCP_SKB_CB(skb)->seq)
		lttng_ust_field_integer(uint32_t, end_seq, TCP_SKB_CB(skb)->end_seq)
		lttng_ust_field_integer_hex(uint8_t, flags, tcp_hdr(skb)->flags)
		lttng_ust_field_integer(uint32_t, tw_rcv_nxt, tw->tw_rcv_nxt)
		lttng_ust_field_integer(uint32_t, tw_rcv_wnd, tw->tw_rcv_wnd)
		CS_TP_CTX))

/* tcp_timewait_state_process_ret: the TIME-WAIT socket's verdict on the segment */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_timewait_state_process_ret,
	LTTNG_UST_TP_ARGS(const struct inet_timewait_sock *, tw, int, status, int, paws_reject),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, tw_id, tw->tw_id)
		lttng_ust_field_enum(connscope, tcp_tw_status, int, status, status)
		lttng_ust_field_integer(int, paws_reject, paws_reject)
		lttng_ust_field_enum(connscope, tcp_state, int, substate, tw->tw_substate)
		lttng_ust_field_integer(uint32_t, tw_rcv_nxt, tw->tw_rcv_nxt)
		CS_TP_CTX))

/* net/ipv4/tcp_input.c */
/* tcp_parse_options: the options of one received segment */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_parse_options,
	LTTNG_UST_TP_ARGS(const struct sk_buff *, skb, const struct tcp_options_received *, opt,
			  int, estab),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, seq, TCP_SKB_CB(skb)->seq)
		lttng_ust_field_integer(int, estab, estab)
		lttng_ust_field_sequence(uint8_t, options, (const uint8_t *)(tcp_hdr(skb) + 1),
					 uint8_t, (tcp_hdr(skb)->doff_res >> 4) * 4 - 20)
		lttng_ust_field_integer(uint16_t, mss_clamp, opt->mss_clamp)
		lttng_ust_field_integer(uint16_t, user_mss, opt->user_mss)
		lttng_ust_field_integer(uint8_t, wscale_ok, opt->wscale_ok)
		lttng_ust_field_integer(uint8_t, snd_wscale, opt->snd_wscale)
		lttng_ust_field_integer(uint8_t, sack_ok, opt->sack_ok)
		lttng_ust_field_integer(uint8_t, saw_tstamp, opt->saw_tstamp)
		lttng_ust_field_integer(uint32_t, tsval, opt->saw_tstamp ? opt->rcv_tsval : 0)
		lttng_ust_field_integer(uint32_t, tsecr, opt->saw_tstamp ? opt->rcv_tsecr : 0)
		CS_TP_CTX))

/* tcp_rcv_state_process: a segment for a socket in any state but ESTABLISHED and TIME-WAIT: entry */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, tcp_rx_class, connscope, tcp_rcv_state_process,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb))

/* tcp_rcv_state_process_ret: what tcp_rcv_state_process did with the segment */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_rcv_state_process_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, ret, ret)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		CS_TP_CTX))

/* tcp_rcv_synsent_state_process: a segment for a SYN_SENT socket: entry */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, tcp_rx_class, connscope,
	tcp_rcv_synsent_state_process,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb))

/* tcp_rcv_synsent_state_process_ret: the branch tcp_rcv_synsent_state_process took */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_rcv_synsent_state_process_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct tcphdr *, th, int, ret),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_synsent_branch, int, branch,
				     cs_tp_synsent_branch(sk, th, ret))
		lttng_ust_field_integer(int, ret, ret)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, snd_una, tcp_sk(sk)->snd_una)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		lttng_ust_field_integer(uint32_t, snd_wnd, tcp_sk(sk)->snd_wnd)
		lttng_ust_field_integer(uint32_t, ts_recent, tcp_sk(sk)->rx_opt.ts_recent)
		CS_TP_CTX))

/* tcp_rcv_established: a segment for an ESTABLISHED socket */
LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, tcp_rx_class, connscope, tcp_rcv_established,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb))

/* TCP_ECN_rcv_synack: does ECN stay on after the SYN-ACK? */
LTTNG_UST_TRACEPOINT_EVENT(connscope, TCP_ECN_rcv_synack,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct tcphdr *, th),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer_hex(uint8_t, flags, th->flags)
		lttng_ust_field_integer_hex(uint8_t, ecn_flags, tcp_sk(sk)->ecn_flags)
		CS_TP_CTX))

/* TCP_ECN_rcv_syn: does ECN stay on after a crossed SYN? */
LTTNG_UST_TRACEPOINT_EVENT(connscope, TCP_ECN_rcv_syn,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct tcphdr *, th),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer_hex(uint8_t, flags, th->flags)
		lttng_ust_field_integer_hex(uint8_t, ecn_flags, tcp_sk(sk)->ecn_flags)
		CS_TP_CTX))

/* tcp_finish_connect: the SYN-ACK was accepted: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_finish_connect,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, with_skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, with_skb, with_skb)
		CS_TP_CTX))

/* tcp_finish_connect_ret: the connection as it starts */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_finish_connect_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, snd_wnd, tcp_sk(sk)->snd_wnd)
		lttng_ust_field_integer(uint8_t, snd_wscale, tcp_sk(sk)->rx_opt.snd_wscale)
		lttng_ust_field_integer(uint8_t, rcv_wscale, tcp_sk(sk)->rx_opt.rcv_wscale)
		lttng_ust_field_integer(uint32_t, mss_cache, tcp_sk(sk)->mss_cache)
		lttng_ust_field_integer(uint16_t, advmss, tcp_sk(sk)->advmss)
		lttng_ust_field_integer(uint16_t, rcv_mss, inet_csk(sk)->icsk_ack.rcv_mss)
		lttng_ust_field_integer(uint32_t, rto, inet_csk(sk)->icsk_rto)
		lttng_ust_field_integer(uint32_t, srtt, tcp_sk(sk)->srtt)
		lttng_ust_field_integer(uint32_t, snd_cwnd, tcp_sk(sk)->snd_cwnd)
		lttng_ust_field_integer(uint32_t, rcv_wnd, tcp_sk(sk)->rcv_wnd)
		lttng_ust_field_integer(uint32_t, rcv_ssthresh, tcp_sk(sk)->rcv_ssthresh)
		lttng_ust_field_integer(uint32_t, window_clamp, tcp_sk(sk)->window_clamp)
		lttng_ust_field_integer(uint8_t, tstamp_ok, tcp_sk(sk)->rx_opt.tstamp_ok)
		lttng_ust_field_integer(uint8_t, sack_ok, tcp_sk(sk)->rx_opt.sack_ok)
		CS_TP_CTX))

/* tcp_init_buffer_space: the socket's buffer space and window clamp at the start */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_init_buffer_space,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, maxwin),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, sk_rcvbuf, sk->sk_rcvbuf)
		lttng_ust_field_integer(int, sk_sndbuf, sk->sk_sndbuf)
		lttng_ust_field_integer(int, maxwin, maxwin)
		lttng_ust_field_integer(uint32_t, window_clamp, tcp_sk(sk)->window_clamp)
		lttng_ust_field_integer(uint32_t, rcv_ssthresh, tcp_sk(sk)->rcv_ssthresh)
		CS_TP_CTX))

/* tcp_initialize_rcv_mss: the receive MSS estimate at the start */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_initialize_rcv_mss,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint16_t, advmss, tcp_sk(sk)->advmss)
		lttng_ust_field_integer(uint32_t, mss_cache, tcp_sk(sk)->mss_cache)
		lttng_ust_field_integer(uint32_t, rcv_wnd, tcp_sk(sk)->rcv_wnd)
		lttng_ust_field_integer(uint16_t, rcv_mss, inet_csk(sk)->icsk_ack.rcv_mss)
		CS_TP_CTX))

/* tcp_init_metrics: the RTT, RTO, cwnd and ssthresh at the start (no metrics cache) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_init_metrics,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, rto_fallback),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, rto_fallback, rto_fallback)
		lttng_ust_field_integer(uint32_t, srtt, tcp_sk(sk)->srtt)
		lttng_ust_field_integer(uint32_t, rto, inet_csk(sk)->icsk_rto)
		lttng_ust_field_integer(uint32_t, total_retrans, tcp_sk(sk)->total_retrans)
		lttng_ust_field_integer(uint32_t, snd_cwnd, tcp_sk(sk)->snd_cwnd)
		lttng_ust_field_integer(uint32_t, snd_ssthresh, tcp_sk(sk)->snd_ssthresh)
		CS_TP_CTX))

/* tcp_reset: the peer reset the connection */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_reset,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, sk_err),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_enum(connscope, err, int, sk_err, -sk_err)
		CS_TP_CTX))

/* tcp_fin: the peer's FIN is in sequence */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_fin,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_state, int, state, sk->sk_state)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		lttng_ust_field_integer(int, dead, (int)((sk->sk_flags >> SOCK_DEAD) & 1))
		CS_TP_CTX))

/* tcp_validate_incoming: the PAWS, sequence, RST and SYN checks of a synchronized connection */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_validate_incoming,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb, int, ok),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_validate_verdict, int, verdict,
				     cs_tp_validate_verdict(sk, skb, ok))
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		lttng_ust_field_integer(uint32_t, rcv_wup, tcp_sk(sk)->rcv_wup)
		lttng_ust_field_integer(uint32_t, rcv_wnd, tcp_sk(sk)->rcv_wnd)
		lttng_ust_field_integer(uint32_t, ts_recent, tcp_sk(sk)->rx_opt.ts_recent)
		CS_TP_CTX))

/* tcp_data_queue: the segment's text (step 7) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_data_queue,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, const struct sk_buff *, skb),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_enum(connscope, tcp_data_queue_verdict, int, verdict,
				     cs_tp_data_queue_verdict(sk, skb))
		lttng_ust_field_integer(uint32_t, seq, TCP_SKB_CB(skb)->seq)
		lttng_ust_field_integer(uint32_t, end_seq, TCP_SKB_CB(skb)->end_seq)
		lttng_ust_field_integer(uint32_t, rcv_nxt, tcp_sk(sk)->rcv_nxt)
		CS_TP_CTX))

/* net/ipv4/tcp_input.c: the ACK part */
/* tcp_ack: an incoming ACK is processed: entry */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_ack,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, ack, uint32_t, ack_seq, int, flag),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, ack, ack)
		lttng_ust_field_integer(uint32_t, seq, ack_seq)
		lttng_ust_field_integer_hex(int, flag, flag)
		lttng_ust_field_integer(uint32_t, snd_una, tcp_sk(sk)->snd_una)
		lttng_ust_field_integer(uint32_t, snd_nxt, tcp_sk(sk)->snd_nxt)
		lttng_ust_field_integer(uint32_t, packets_out, tcp_sk(sk)->packets_out)
		CS_TP_CTX))

/* tcp_ack_ret: what tcp_ack did: snd_una, the window */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_ack_ret,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, int, ret, int, flag),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(int, ret, ret)
		lttng_ust_field_integer_hex(int, flag, flag)
		lttng_ust_field_integer(uint32_t, snd_una, tcp_sk(sk)->snd_una)
		lttng_ust_field_integer(uint32_t, snd_wnd, tcp_sk(sk)->snd_wnd)
		lttng_ust_field_integer(uint32_t, snd_wl1, tcp_sk(sk)->snd_wl1)
		lttng_ust_field_integer(uint32_t, max_window, tcp_sk(sk)->max_window)
		lttng_ust_field_integer(uint32_t, packets_out, tcp_sk(sk)->packets_out)
		CS_TP_CTX))

/* tcp_clean_rtx_queue: acknowledged segments leave the write queue */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_clean_rtx_queue,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, pkts_acked, int32_t, seq_rtt,
			  int, flag),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, pkts_acked, pkts_acked)
		lttng_ust_field_integer(int32_t, seq_rtt, seq_rtt)
		lttng_ust_field_integer_hex(int, flag, flag)
		lttng_ust_field_integer(uint32_t, packets_out, tcp_sk(sk)->packets_out)
		lttng_ust_field_integer(uint32_t, retrans_stamp, tcp_sk(sk)->retrans_stamp)
		CS_TP_CTX))

/* tcp_rtt_estimator: an RTT sample updates srtt and rttvar */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_rtt_estimator,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, uint32_t, mrtt),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, mrtt, mrtt)
		lttng_ust_field_integer(uint32_t, srtt, tcp_sk(sk)->srtt)
		lttng_ust_field_integer(uint32_t, mdev, tcp_sk(sk)->mdev)
		lttng_ust_field_integer(uint32_t, mdev_max, tcp_sk(sk)->mdev_max)
		lttng_ust_field_integer(uint32_t, rttvar, tcp_sk(sk)->rttvar)
		CS_TP_CTX))

/* tcp_set_rto: the RTO from srtt and rttvar */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_set_rto,
	LTTNG_UST_TP_ARGS(const struct sock *, sk),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(uint32_t, rto, inet_csk(sk)->icsk_rto)
		CS_TP_CTX))

/* tcp_send_challenge_ack: a challenge ACK is sent (or rate-limited) */
LTTNG_UST_TRACEPOINT_EVENT(connscope, tcp_send_challenge_ack,
	LTTNG_UST_TP_ARGS(const struct sock *, sk, unsigned int, count, unsigned int, limit),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, sk_id, sk->sk_id)
		lttng_ust_field_integer(unsigned int, count, count)
		lttng_ust_field_integer(unsigned int, limit, limit)
		CS_TP_CTX))
