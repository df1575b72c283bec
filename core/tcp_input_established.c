// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcp_input_established.c - segments on a synchronized connection, from
 * net/ipv4/tcp_input.c (Linux 3.10): ESTABLISHED (tcp_rcv_established) and
 * the checks and text handling that tcp_rcv_state_process shares with it
 * in the closing states: PAWS and the sequence check
 * (tcp_validate_incoming), the peer's FIN (tcp_fin), and whether to ACK
 * now or later.  Split from tcp_input.c for length only.
 *
 * connscope never queues received payload (there is no recv()): a segment
 * carrying data is dropped and acknowledged at once, as 3.10 treats a
 * segment it cannot take; rcv_nxt does not move, so the peer sends it
 * again.  Header prediction, urgent data and SACK/D-SACK blocks are not
 * modelled either (docs/divergences.md).  Callers hold the socket.
 */
#include <arpa/inet.h>
#include "net.h"
#include "tcp.h"
#include "trace.h"

/* tcp_parse_aligned_timestamp - the NOP NOP TS layout every Linux peer
 * sends after the handshake, read without the general parser. */
static bool tcp_parse_aligned_timestamp(struct tcp_sock *tp, const struct tcphdr *th)
{
	const unsigned char *ptr = (const unsigned char *)(th + 1);

	if (get_unaligned_be32(ptr) != ((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
			      (TCPOPT_TIMESTAMP << 8) | TCPOLEN_TIMESTAMP))
		return false;
	tp->rx_opt.saw_tstamp = 1;
	tp->rx_opt.rcv_tsval = get_unaligned_be32(ptr + 4);
	tp->rx_opt.rcv_tsecr = get_unaligned_be32(ptr + 8) - tp->tsoffset;
	return true;
}

/* tcp_fast_parse_options - options of a segment after the handshake: none
 * (returns false), the aligned timestamp, or the full parser. */
static bool tcp_fast_parse_options(const struct sk_buff *skb, const struct tcphdr *th,
				   struct tcp_sock *tp)
{
	unsigned int doff = th->doff_res >> 4;

	if (doff == sizeof(*th) / 4) {
		tp->rx_opt.saw_tstamp = 0;
		return false;
	} else if (tp->rx_opt.tstamp_ok &&
		   doff == (sizeof(*th) + TCPOLEN_TSTAMP_ALIGNED) / 4) {
		if (tcp_parse_aligned_timestamp(tp, th))
			return true;
	}
	tcp_parse_options(skb, &tp->rx_opt, 1);
	if (tp->rx_opt.saw_tstamp)
		tp->rx_opt.rcv_tsecr -= tp->tsoffset;
	return true;
}

/*
 * tcp_fin - the peer's FIN is in sequence: no more to receive; ESTABLISHED
 * (or SYN_RECV) -> CLOSE_WAIT with the ACK delayed (pingpong),
 * FIN_WAIT1 -> CLOSING and FIN_WAIT2 -> TIME-WAIT, each with an ACK now.
 */
static void tcp_fin(struct sock *sk)
{
	cs_trace(tcp_fin, sk);
	inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
	sock_set_flag(sk, SOCK_DONE);
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		inet_csk(sk)->icsk_ack.pingpong = 1;
		break;
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		break;		/* a retransmitted FIN: nothing new */
	case TCP_FIN_WAIT1:
		tcp_send_ack(sk);
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_send_ack(sk);
		tcp_time_wait(sk, TCP_TIME_WAIT, 0);
		break;
	default:
		break;		/* LISTEN, CLOSE: 3.10 logs "Impossible" */
	}
	/* No out-of-order queue or SACK state to purge here. */
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_state_change(sk);
}

/* tcp_send_dupack - answer an unacceptable segment with an ACK; a repeat of
 * data we had already acknowledged also ends delayed ACKs (DelayedACKLost).
 * (3.10 adds a D-SACK block for that data; connscope sends no SACK blocks.) */
static void tcp_send_dupack(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
	    before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt)) {
		NET_INC_LINUX(sock_net(sk), DELAYEDACKLOST);
		tcp_enter_quickack_mode(sk);
	}
	tcp_send_ack(sk);
}

/* tcp_disordered_ack - a pure duplicate ACK that changes nothing and whose
 * timestamp is at most one RTO old may pass PAWS (reordered ACKs). */
static bool tcp_disordered_ack(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	u32 seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;
	u32 nwin = (u32)ntohs(th->window) << tp->rx_opt.snd_wscale;

	return (th->flags & TCPHDR_ACK) && seq == TCP_SKB_CB(skb)->end_seq &&
	       seq == tp->rcv_nxt && ack == tp->snd_una &&
	       !(after(ack, tp->snd_una) || after(seq, tp->snd_wl1) ||
		 (seq == tp->snd_wl1 && nwin > tp->snd_wnd)) &&
	       (s32)(tp->rx_opt.ts_recent - tp->rx_opt.rcv_tsval) <=
	       (s32)((inet_csk(sk)->icsk_rto * 1024) / HZ);
}

/* tcp_paws_discard - PAWS (RFC 1323): the timestamp went backwards by more
 * than TCP_PAWS_WINDOW and the segment is not a harmless disordered ACK. */
static bool tcp_paws_discard(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return !tcp_paws_check(&tp->rx_opt, TCP_PAWS_WINDOW, net_get_seconds(sock_net(sk))) &&
	       !tcp_disordered_ack(sk, skb);
}

/* tcp_sequence - does [seq, end_seq) touch the receive window?  The left
 * edge is rcv_wup, the last window we advertised. */
static bool tcp_sequence(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	return !before(end_seq, tp->rcv_wup) &&
	       !after(seq, tp->rcv_nxt + tcp_receive_window(tp));
}

/*
 * tcp_validate_incoming - RFC 793's first checks on a synchronized
 * connection: PAWS, then the sequence number (a duplicate ACK in answer),
 * then RST (accepted only at exactly rcv_nxt, else a challenge ACK: RFC
 * 5961), then SYN (always a challenge ACK).  Returns false when the segment
 * was consumed.  @syn_inerr counts an in-window SYN in InErrs.
 */
bool tcp_validate_incoming(struct sock *sk, struct sk_buff *skb,
				  const struct tcphdr *th, int syn_inerr)
{
	struct tcp_sock *tp = tcp_sk(sk);

	/* RFC 1323 H1: PAWS first. */
	if (tcp_fast_parse_options(skb, th, tp) && tp->rx_opt.saw_tstamp &&
	    tcp_paws_discard(sk, skb)) {
		if (!(th->flags & TCPHDR_RST)) {
			NET_INC_LINUX(sock_net(sk), PAWSESTABREJECTED);
			tcp_send_dupack(sk, skb);
			cs_trace(tcp_validate_incoming, sk, TV_PAWS_DUPACK);
			goto discard;
		}
		/* A reset is accepted even when it fails PAWS. */
	}

	/* Step 1: the sequence number. */
	if (!tcp_sequence(tp, TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq)) {
		/* RFC 793 (pages 37, 69): every RST is validated by its
		 * sequence number; an unacceptable segment is answered with
		 * an ACK, unless it is a RST, which is just dropped. */
		if (!(th->flags & TCPHDR_RST)) {
			if (th->flags & TCPHDR_SYN)
				goto syn_challenge;
			tcp_send_dupack(sk, skb);
			cs_trace(tcp_validate_incoming, sk, TV_OUT_OF_WINDOW_DUPACK);
			goto discard;
		}
		cs_trace(tcp_validate_incoming, sk, TV_OUT_OF_WINDOW);
		goto discard;
	}

	/* Step 2: the RST bit.  RFC 5961 3.2: reset the connection only if
	 * the sequence number is exactly rcv_nxt, else send a challenge ACK. */
	if (th->flags & TCPHDR_RST) {
		cs_trace(tcp_validate_incoming, sk,
			 TCP_SKB_CB(skb)->seq == tp->rcv_nxt ? TV_RST_RESET : TV_RST_CHALLENGE);
		if (TCP_SKB_CB(skb)->seq == tp->rcv_nxt)
			tcp_reset(sk);
		else
			tcp_send_challenge_ack(sk);
		goto discard;
	}

	/* Step 3, security and precedence, is ignored. */

	/* Step 4: a SYN.  RFC 5961 4.2: send a challenge ACK. */
	if (th->flags & TCPHDR_SYN) {
syn_challenge:
		if (syn_inerr)
			TCP_INC_STATS(sock_net(sk), INERRS);
		NET_INC_LINUX(sock_net(sk), TCPSYNCHALLENGE);
		tcp_send_challenge_ack(sk);
		cs_trace(tcp_validate_incoming, sk, TV_SYN_CHALLENGE);
		goto discard;
	}

	cs_trace(tcp_validate_incoming, sk, TV_OK);
	return true;

discard:
	kfree_skb(skb);
	return false;
}

/*
 * tcp_data_queue - step 7, the segment text.  An in-sequence FIN without
 * data advances rcv_nxt and runs tcp_fin.  Payload is never queued here
 * (no recv()): in sequence or not it is dropped with an immediate ACK, as
 * 3.10 does for a segment outside the window; rcv_nxt stays put so the
 * peer sends it again.  Consumes the skb.
 */
void tcp_data_queue(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_sock *tp = tcp_sk(sk);

	if (TCP_SKB_CB(skb)->seq == TCP_SKB_CB(skb)->end_seq) {
		cs_trace(tcp_data_queue, sk, skb, DQ_EMPTY);
		goto drop;
	}

	/* In-sequence segments go to the receive queue, others to the
	 * out-of-order queue; connscope has neither (see above). */
	if (TCP_SKB_CB(skb)->seq == tp->rcv_nxt) {
		if (tcp_receive_window(tp) == 0) {
			cs_trace(tcp_data_queue, sk, skb, DQ_OUT_OF_WINDOW);
			goto out_of_window;
		}

		/* In sequence and in window: 3.10 queues the data here. */
		if (TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq !=
		    (u32)((th->flags & TCPHDR_FIN) ? 1 : 0)) {
			cs_trace(tcp_data_queue, sk, skb, DQ_DATA_DROPPED);
			goto out_of_window;
		}
		cs_trace(tcp_data_queue, sk, skb, DQ_FIN);
		tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
		tcp_fin(sk);
		kfree_skb(skb);
		return;
	}

	if (!after(TCP_SKB_CB(skb)->end_seq, tp->rcv_nxt)) {
		/* A retransmission: ACK at once. */
		cs_trace(tcp_data_queue, sk, skb, DQ_DUPLICATE);
		NET_INC_LINUX(sock_net(sk), DELAYEDACKLOST);

out_of_window:
		tcp_enter_quickack_mode(sk);
		inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;	/* inet_csk_schedule_ack */
drop:
		kfree_skb(skb);
		return;
	}

	/* Out of the window, e.g. a zero-window probe. */
	if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt + tcp_receive_window(tp))) {
		cs_trace(tcp_data_queue, sk, skb, DQ_OUT_OF_WINDOW);
		goto out_of_window;
	}

	/* Out of order: 3.10 queues it (tcp_data_queue_ofo). */
	cs_trace(tcp_data_queue, sk, skb, DQ_OUT_OF_ORDER);
	goto out_of_window;
}

/* tcp_data_snd_check - send what the new ACK or window lets out (a FIN
 * held by a closed window).  tcp_check_space has no writer to wake. */
void tcp_data_snd_check(struct sock *sk)
{
	if (tcp_send_head(sk))
		__tcp_push_pending_frames(sk, tcp_current_mss(sk), tcp_sk(sk)->nonagle);
}

/*
 * tcp_send_delayed_ack - arm the delayed-ACK timer: ato, bounded by 500 ms
 * (200 ms in pingpong or after a push) and by the smoothed RTT, but never
 * later than an already armed timer; if that one is about to fire (within
 * ato/4) or was blocked, ACK now.  tcp_output.c's in 3.10; here next to
 * its only caller, since connscope's tcp_output.c sends no delayed ACKs.
 */
void tcp_send_delayed_ack(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = net_jiffies(sock_net(sk));
	int ato = (int)icsk->icsk_ack.ato;
	unsigned long timeout;

	if (ato > (int)TCP_DELACK_MIN) {
		const struct tcp_sock *tp = tcp_sk(sk);
		int max_ato = HZ / 2;

		if (icsk->icsk_ack.pingpong || (icsk->icsk_ack.pending & ICSK_ACK_PUSHED))
			max_ato = (int)TCP_DELACK_MAX;
		if (tp->srtt) {
			int rtt = (int)max(tp->srtt >> 3, TCP_DELACK_MIN);

			if (rtt < max_ato)
				max_ato = rtt;
		}
		ato = min(ato, max_ato);
	}
	timeout = now + (unsigned long)ato;
	if (icsk->icsk_ack.pending & ICSK_ACK_TIMER) {
		if (icsk->icsk_ack.blocked ||
		    time_after_eq(now + (unsigned long)(ato >> 2), icsk->icsk_ack.timeout)) {
			cs_trace(tcp_send_delayed_ack, sk, ato, 1);
			tcp_send_ack(sk);
			return;
		}
		if (!time_after(icsk->icsk_ack.timeout, timeout))
			timeout = icsk->icsk_ack.timeout;
	}
	icsk->icsk_ack.pending |= ICSK_ACK_SCHED | ICSK_ACK_TIMER;
	icsk->icsk_ack.timeout = timeout;
	mod_timer(&icsk->icsk_delack_timer, timeout);	/* sk_reset_timer */
	cs_trace(tcp_send_delayed_ack, sk, ato, 0);
}

/* tcp_ack_snd_check - an ACK is due: now if more than one full segment
 * arrived and the window moves on, or in quick-ack mode; else delayed.
 * (__tcp_ack_snd_check; there is never out-of-order data here.) */
void tcp_ack_snd_check(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	if (!(icsk->icsk_ack.pending & ICSK_ACK_SCHED))
		return;
	if (((tp->rcv_nxt - tp->rcv_wup) > icsk->icsk_ack.rcv_mss &&
	     __tcp_select_window(sk) >= tp->rcv_wnd) ||
	    (icsk->icsk_ack.quick && !icsk->icsk_ack.pingpong))
		tcp_send_ack(sk);
	else
		tcp_send_delayed_ack(sk);
}

/*
 * tcp_rcv_established - ESTABLISHED (and CLOSE_WAIT from tcp_v4_do_rcv's
 * view: only ESTABLISHED comes here).  3.10's header prediction fast path
 * is not modelled; every segment takes the slow path: length and checksum,
 * tcp_validate_incoming, tcp_ack, the text (tcp_data_queue), then send and
 * ACK checks.  Returns 0 (3.10 never asks for a reset from here).
 */
int tcp_rcv_established(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);

	tcp_sk(sk)->rx_opt.saw_tstamp = 0;
	cs_trace(tcp_rcv_established, sk, skb);
	if (skb->len < (unsigned int)(th->doff_res >> 4) * 4 || tcp_checksum_complete(skb)) {
		TCP_INC_STATS(sock_net(sk), INCSUMERRORS);
		TCP_INC_STATS(sock_net(sk), INERRS);
		goto discard;
	}
	if (!(th->flags & (TCPHDR_ACK | TCPHDR_RST)))
		goto discard;
	if (!tcp_validate_incoming(sk, skb, th, 1))
		return 0;
	if (tcp_ack(sk, skb, FLAG_SLOWPATH | FLAG_UPDATE_TS_RECENT) < 0)
		goto discard;
	tcp_data_queue(sk, skb);
	tcp_data_snd_check(sk);
	tcp_ack_snd_check(sk);
	return 0;
discard:
	kfree_skb(skb);
	return 0;
}
