/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * connscope_tp.h - the LTTng-UST provider "connscope".
 *
 * Shared enums are declared here; each core file's events live in its own
 * fragment (tp_<file>.h, no include guard: LTTng reads this header several
 * times).  These headers are the one declaration of every event: its name,
 * fields, kinds and enums, and its line of meaning, the comment
 * "NAME: meaning" on the line above it.  scripts/tp_events.awk derives the
 * model's event table (viz/model/events.h) and the event index of
 * docs/tracepoints.md from them; every event ends with CS_TP_CTX.
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER connscope

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "trace/connscope_tp.h"

#if !defined(CS_CONNSCOPE_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define CS_CONNSCOPE_TP_H

#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <lttng/tracepoint.h>
#include "../sock.h"
#include "../skbuff.h"
#include "../net.h"
#include "../tcp.h"
#include "../ip.h"
#include "../softirq.h"
#include <unistd.h>

/* The last fields of every event: where it ran, as the kernel's ftrace
 * header carries common_pid and common_preempt_count.  The process and
 * thread (getpid, gettid) and whether the thread was serving softirq work
 * (in_serving_softirq), so that a trace recorded without the vpid/vtid
 * contexts still tells stacks, threads and the softirq context apart. */
#ifndef CS_TP_CTX
/* getpid and gettid are system calls: each thread asks once and keeps the
 * answer, forgotten in a forked child (as LTTng's vtid context does). */
extern _Thread_local pid_t cs_tp_tid_cache, cs_tp_pid_cache;
static inline pid_t cs_tp_tid(void)
{
	if (!cs_tp_tid_cache)
		cs_tp_tid_cache = gettid();
	return cs_tp_tid_cache;
}
static inline pid_t cs_tp_pid(void)
{
	if (!cs_tp_pid_cache)
		cs_tp_pid_cache = getpid();
	return cs_tp_pid_cache;
}
#define CS_TP_CTX \
	lttng_ust_field_integer(int32_t, pid, cs_tp_pid()) \
	lttng_ust_field_integer(int32_t, tid, cs_tp_tid()) \
	lttng_ust_field_integer(uint8_t, softirq, in_serving_softirq() ? 1 : 0)
#endif

/* The trace's names for how tcp_transmit_skb got the buffer it sends
 * (tcp_transmit_skb_hdr's clone field; 3.10 has no such enum). */
#ifndef CS_TP_TX_CLONE
#define CS_TP_TX_CLONE
enum { TX_NO_CLONE, TX_CLONE_FCLONE, TX_CLONE, TX_PSKB_COPY };
#endif

/* The trace's names for the way out of tcp_rcv_synsent_state_process
 * (3.10 has no such enum), told at its label or return from @ret, the
 * segment's flags and the state: reset_and_undo: (1) for an unacceptable
 * ACK or a TSecr outside [retrans_stamp, now]; discard: (0) after a RST
 * (CLOSE), a deferred third packet (ESTABLISHED), crossed SYNs (SYN_RECV)
 * or, still in SYN_SENT, from discard_and_undo:; -1 once the ACK is sent. */
#ifndef CS_TP_SYNSENT_BRANCH
#define CS_TP_SYNSENT_BRANCH
enum tcp_synsent_branch {
	SYNSENT_RESET_AND_UNDO_BAD_ACK = 1, SYNSENT_RESET_AND_UNDO_PAWS, SYNSENT_RST,
	SYNSENT_DISCARD_AND_UNDO_NO_SYN, SYNSENT_SYNACK_ACCEPTED,
	SYNSENT_SYNACK_DELAYED_ACK, SYNSENT_RST_NO_ACK, SYNSENT_PAWS_DROP,
	SYNSENT_SIMULTANEOUS_OPEN, SYNSENT_NO_SYN_NO_RST,
};
static inline int cs_tp_synsent_branch(const struct sock *sk, const struct tcphdr *th, int ret)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 ack = ntohl(th->ack_seq);

	if (ret < 0)
		return SYNSENT_SYNACK_ACCEPTED;
	if (ret > 0)
		return !after(ack, tp->snd_una) || after(ack, tp->snd_nxt) ?
		       SYNSENT_RESET_AND_UNDO_BAD_ACK : SYNSENT_RESET_AND_UNDO_PAWS;
	switch (sk->sk_state) {
	case TCP_CLOSE:
		return SYNSENT_RST;
	case TCP_ESTABLISHED:
		return SYNSENT_SYNACK_DELAYED_ACK;
	case TCP_SYN_RECV:
		return SYNSENT_SIMULTANEOUS_OPEN;
	}
	if (th->flags & TCPHDR_ACK)
		return SYNSENT_DISCARD_AND_UNDO_NO_SYN;
	if (th->flags & TCPHDR_RST)
		return SYNSENT_RST_NO_ACK;
	return th->flags & TCPHDR_SYN ? SYNSENT_PAWS_DROP : SYNSENT_NO_SYN_NO_RST;
}
#endif

/* The trace's names for the check tcp_validate_incoming stopped at (3.10
 * has no such enum), told at its return true (@ok) or discard: label from
 * the segment and the state: a RST at rcv_nxt resets; another RST in the
 * window gets a challenge ACK, outside it is dropped; a segment failing
 * PAWS gets a dup ACK; a SYN a challenge ACK; the rest was out of the
 * window (dup ACK).  The window is read after the answer was sent, which
 * moved rcv_wup to rcv_nxt: a RST in [rcv_wup, rcv_nxt) while an ACK was
 * still delayed reads OUT_OF_WINDOW. */
#ifndef CS_TP_VALIDATE_VERDICT
#define CS_TP_VALIDATE_VERDICT
enum tcp_validate_verdict {
	TV_OK, TV_PAWS_DUPACK, TV_OUT_OF_WINDOW, TV_OUT_OF_WINDOW_DUPACK,
	TV_RST_RESET, TV_RST_CHALLENGE, TV_SYN_CHALLENGE,
};
static inline int cs_tp_validate_verdict(const struct sock *sk, const struct sk_buff *skb, int ok)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	u8 flags = tcp_hdr(skb)->flags;

	if (ok)
		return TV_OK;
	if (flags & TCPHDR_RST) {
		if (cb->seq == tp->rcv_nxt)
			return TV_RST_RESET;
		return !before(cb->end_seq, tp->rcv_wup) &&
		       !after(cb->seq, tp->rcv_nxt + tcp_receive_window(tp)) ?
		       TV_RST_CHALLENGE : TV_OUT_OF_WINDOW;
	}
	if (tp->rx_opt.saw_tstamp &&
	    !tcp_paws_check(&tp->rx_opt, TCP_PAWS_WINDOW, net_get_seconds(sock_net(sk))))
		return TV_PAWS_DUPACK;
	return flags & TCPHDR_SYN ? TV_SYN_CHALLENGE : TV_OUT_OF_WINDOW_DUPACK;
}
#endif

/* The trace's names for what tcp_data_queue made of the text (3.10 has no
 * such enum), from the segment and rcv_nxt before it moves. */
#ifndef CS_TP_DATA_QUEUE_VERDICT
#define CS_TP_DATA_QUEUE_VERDICT
enum tcp_data_queue_verdict {
	DQ_EMPTY, DQ_FIN, DQ_DATA_DROPPED, DQ_DUPLICATE, DQ_OUT_OF_WINDOW, DQ_OUT_OF_ORDER,
};
static inline int cs_tp_data_queue_verdict(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	u32 fin = tcp_hdr(skb)->flags & TCPHDR_FIN ? 1 : 0;

	if (cb->seq == cb->end_seq)
		return DQ_EMPTY;
	if (cb->seq == tp->rcv_nxt)
		return !tcp_receive_window(tp) ? DQ_OUT_OF_WINDOW :
		       cb->end_seq - cb->seq == fin ? DQ_FIN : DQ_DATA_DROPPED;
	if (!after(cb->end_seq, tp->rcv_nxt))
		return DQ_DUPLICATE;
	if (!before(cb->seq, tp->rcv_nxt + tcp_receive_window(tp)))
		return DQ_OUT_OF_WINDOW;
	return DQ_OUT_OF_ORDER;
}
#endif

/* The trace's names for where tcp_v4_err stopped (3.10 has no such
 * enum), told from the ICMP message and the sock found (@skc, NULL if
 * none): no sock for a quote too short or for no match; a TIME-WAIT sock;
 * or the socket's part ran to its out: label. */
#ifndef CS_TP_V4ERR_VERDICT
#define CS_TP_V4ERR_VERDICT
enum tcp_v4_err_verdict { V4ERR_SHORT, V4ERR_NO_SOCKET, V4ERR_TIME_WAIT, V4ERR_SOCKET };
static inline int cs_tp_v4err_verdict(const struct sk_buff *icmp_skb,
				      const struct sock_common *skc)
{
	const struct iphdr *iph = (const struct iphdr *)(const void *)icmp_skb->data;

	if (!skc)
		return icmp_skb->len < ((iph->ihl_version & 0xf) << 2) + 8U ? V4ERR_SHORT :
									     V4ERR_NO_SOCKET;
	return skc->skc_tw ? V4ERR_TIME_WAIT : V4ERR_SOCKET;
}
#endif

/* The trace's names for what tcp_v4_send_reset did (3.10 has no such
 * enum), told from the segment and the RST (@rep, NULL at an early
 * return): sent, or not, for a RST or for a segment not routed to us. */
#ifndef CS_TP_SEND_RESET_VERDICT
#define CS_TP_SEND_RESET_VERDICT
enum tcp_send_reset_verdict { SR_SENT, SR_NOT_FOR_RST, SR_NOT_LOCAL };
static inline int cs_tp_send_reset_verdict(const struct sk_buff *skb, const struct tcphdr *rep)
{
	if (rep)
		return SR_SENT;
	return (tcp_hdr(skb)->flags & TCPHDR_RST) ? SR_NOT_FOR_RST : SR_NOT_LOCAL;
}
#endif

/* The bytes tcp_options_write lays out for @opts: MSS 4; timestamps 12
 * (SACK-permitted folded into their first word); SACK-permitted alone 4;
 * window scale 4. */
#ifndef CS_TP_OPTIONS_LEN
#define CS_TP_OPTIONS_LEN
static inline uint8_t cs_tp_options_len(const struct tcp_out_options *opts)
{
	return (uint8_t)((opts->mss ? 4 : 0) + (opts->options & OPTION_TS ? 12 : 0) +
			 ((opts->options & OPTION_SACK_ADVERTISE) &&
			  !(opts->options & OPTION_TS) ? 4 : 0) +
			 (opts->options & OPTION_WSCALE ? 4 : 0));
}
#endif

/* An IPv4 address as the v4-mapped IPv6 address the kernel's
 * inet_sock_set_state puts in saddr_v6 / daddr_v6. */
#ifndef CS_TP_V4MAPPED
#define CS_TP_V4MAPPED
struct cs_tp_in6 { uint8_t b[16]; };
static inline struct cs_tp_in6 cs_tp_v4mapped(uint32_t a)
{
	struct cs_tp_in6 r = { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0 } };

	memcpy(&r.b[12], &a, 4);
	return r;
}
#endif

/* TCP states, named as the kernel's sock:inet_sock_set_state prints them. */
LTTNG_UST_TRACEPOINT_ENUM(connscope, tcp_state,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("TCP_UNKNOWN", 0)
		lttng_ust_field_enum_value("TCP_ESTABLISHED", 1)
		lttng_ust_field_enum_value("TCP_SYN_SENT", 2)
		lttng_ust_field_enum_value("TCP_SYN_RECV", 3)
		lttng_ust_field_enum_value("TCP_FIN_WAIT1", 4)
		lttng_ust_field_enum_value("TCP_FIN_WAIT2", 5)
		lttng_ust_field_enum_value("TCP_TIME_WAIT", 6)
		lttng_ust_field_enum_value("TCP_CLOSE", 7)
		lttng_ust_field_enum_value("TCP_CLOSE_WAIT", 8)
		lttng_ust_field_enum_value("TCP_LAST_ACK", 9)
		lttng_ust_field_enum_value("TCP_LISTEN", 10)
		lttng_ust_field_enum_value("TCP_CLOSING", 11)))

/* struct socket states. */
LTTNG_UST_TRACEPOINT_ENUM(connscope, socket_state,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("SS_FREE", 0)
		lttng_ust_field_enum_value("SS_UNCONNECTED", 1)
		lttng_ust_field_enum_value("SS_CONNECTING", 2)
		lttng_ust_field_enum_value("SS_CONNECTED", 3)
		lttng_ust_field_enum_value("SS_DISCONNECTING", 4)))

/* Return values: 0 or a negative errno, named. */
LTTNG_UST_TRACEPOINT_ENUM(connscope, err,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("OK", 0)
		lttng_ust_field_enum_value("EPERM", -1)
		lttng_ust_field_enum_value("ENOENT", -2)
		lttng_ust_field_enum_value("EINTR", -4)
		lttng_ust_field_enum_value("EBADF", -9)
		lttng_ust_field_enum_value("EAGAIN", -11)
		lttng_ust_field_enum_value("ENOMEM", -12)
		lttng_ust_field_enum_value("EACCES", -13)
		lttng_ust_field_enum_value("EFAULT", -14)
		lttng_ust_field_enum_value("EINVAL", -22)
		lttng_ust_field_enum_value("EMFILE", -24)
		lttng_ust_field_enum_value("EPIPE", -32)
		lttng_ust_field_enum_value("ENONET", -64)
		lttng_ust_field_enum_value("EPROTO", -71)
		lttng_ust_field_enum_value("ENOTSOCK", -88)
		lttng_ust_field_enum_value("EMSGSIZE", -90)
		lttng_ust_field_enum_value("ENOPROTOOPT", -92)
		lttng_ust_field_enum_value("EOPNOTSUPP", -95)
		lttng_ust_field_enum_value("EAFNOSUPPORT", -97)
		lttng_ust_field_enum_value("EADDRINUSE", -98)
		lttng_ust_field_enum_value("EADDRNOTAVAIL", -99)
		lttng_ust_field_enum_value("ENETUNREACH", -101)
		lttng_ust_field_enum_value("ECONNABORTED", -103)
		lttng_ust_field_enum_value("ECONNRESET", -104)
		lttng_ust_field_enum_value("ENOBUFS", -105)
		lttng_ust_field_enum_value("EISCONN", -106)
		lttng_ust_field_enum_value("ENOTCONN", -107)
		lttng_ust_field_enum_value("ETIMEDOUT", -110)
		lttng_ust_field_enum_value("ECONNREFUSED", -111)
		lttng_ust_field_enum_value("EHOSTDOWN", -112)
		lttng_ust_field_enum_value("EHOSTUNREACH", -113)
		lttng_ust_field_enum_value("EALREADY", -114)
		lttng_ust_field_enum_value("EINPROGRESS", -115)
		lttng_ust_field_enum_value("ERESTARTSYS", -512)))

#include "tp_socket.h"
#include "tp_af_inet.h"
#include "tp_tcp.h"
#include "tp_tcp_ipv4.h"
#include "tp_inet_hashtables.h"
#include "tp_inet_connection_sock.h"
#include "tp_timewait.h"
#include "tp_secure_seq.h"
#include "tp_route.h"
#include "tp_tcp_output.h"
#include "tp_tcp_input.h"
#include "tp_ip.h"
#include "tp_arp.h"
#include "tp_skbuff.h"
#include "tp_timer.h"
#include "tp_dev.h"
#include "tp_icmp.h"
#include "tp_statedump.h"

#endif /* CS_CONNSCOPE_TP_H */

#include <lttng/tracepoint-event.h>
