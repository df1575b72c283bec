/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tcp.h - TCP constants, the per-skb control block and the prototypes shared
 * by tcp*.c (include/net/tcp.h, Linux 3.10).
 */
#ifndef CS_TCP_H
#define CS_TCP_H

#include "types.h"
#include "sock.h"
#include "skbuff.h"

struct net;
struct rtable;

#define TCP_MSS_DEFAULT 536U
#define TCP_MIN_MSS 88U
#define TCP_BASE_MSS 512
#define MAX_TCP_WINDOW 32767U
#define MAX_TCP_OPTION_SPACE 40
#define TCP_DEFAULT_INIT_RCVWND 10
#define TCP_INIT_CWND 10
#define TCP_SYN_RETRIES 6
#define TCP_MAX_WSCALE 14U
#define TCP_TIMEOUT_INIT ((unsigned)(1 * HZ))
#define TCP_RESOURCE_PROBE_INTERVAL ((unsigned)(HZ / 2U))	/* local congestion */
#define TCP_TIMEOUT_FALLBACK ((unsigned)(3 * HZ))
#define TCP_RTO_MAX ((unsigned)(120 * HZ))
#define TCP_RTO_MIN ((unsigned)(HZ / 5))
#define TCP_DELACK_MAX ((unsigned)(HZ / 5))
#define TCP_DELACK_MIN ((unsigned)(HZ / 25))
#define TCP_ATO_MIN ((unsigned)(HZ / 25))
#define TCP_TIMEWAIT_LEN (60 * HZ)
#define TCP_PAWS_MSL 60
#define TCP_PAWS_WINDOW 1
#define TCP_MAX_QUICKACKS 16U

/* TCP socket options (include/uapi/linux/tcp.h) */
#define TCP_MAXSEG 2
#define TCP_SYNCNT 7

/* TCP header flag bits (TCPHDR_*) */
#define TCPHDR_FIN 0x01
#define TCPHDR_SYN 0x02
#define TCPHDR_RST 0x04
#define TCPHDR_PSH 0x08
#define TCPHDR_ACK 0x10
#define TCPHDR_URG 0x20
#define TCPHDR_ECE 0x40
#define TCPHDR_CWR 0x80

/* TCP option kinds and lengths */
#define TCPOPT_NOP 1
#define TCPOPT_EOL 0
#define TCPOPT_MSS 2
#define TCPOPT_WINDOW 3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_SACK 5
#define TCPOPT_TIMESTAMP 8
#define TCPOPT_MD5SIG 19
#define TCPOPT_EXP 254
#define TCPOLEN_MSS 4
#define TCPOLEN_WINDOW 3
#define TCPOLEN_SACK_PERM 2
#define TCPOLEN_TIMESTAMP 10
#define TCPOLEN_TSTAMP_ALIGNED 12
#define TCPOLEN_WSCALE_ALIGNED 4
#define TCPOLEN_SACKPERM_ALIGNED 4
#define TCPOLEN_MSS_ALIGNED 4

/* struct tcphdr (include/uapi/linux/tcp.h), wire layout. */
struct tcphdr {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
	u8 doff_res;		/* doff << 4 */
	u8 flags;		/* CWR ECE URG ACK PSH RST SYN FIN */
	__be16 window;
	u16 check;
	__be16 urg_ptr;
} __attribute__((packed));

static inline struct tcphdr *tcp_hdr(const struct sk_buff *skb)
{
	return (struct tcphdr *)(void *)skb_transport_header(skb);
}

/* tcp_hdrlen (include/linux/tcp.h): the header length, doff * 4. */
static inline unsigned int tcp_hdrlen(const struct sk_buff *skb)
{
	return (unsigned int)(tcp_hdr(skb)->doff_res >> 4) * 4;
}

/* struct tcp_skb_cb: the TCP part of skb->cb. */
struct tcp_skb_cb {
	u32 seq;
	u32 end_seq;
	u32 when;		/* jiffies when sent */
	u8 tcp_flags;
	u8 sacked;
	u8 ip_dsfield;
	u32 ack_seq;
};
#define TCP_SKB_CB(skb) ((struct tcp_skb_cb *)(void *)&((skb)->cb[0]))

/* struct tcp_out_options: what tcp_syn_options chose for tcp_options_write. */
#define OPTION_SACK_ADVERTISE (1 << 0)
#define OPTION_TS (1 << 1)
#define OPTION_MD5 (1 << 2)
#define OPTION_WSCALE (1 << 3)
#define OPTION_FAST_OPEN_COOKIE (1 << 8)
struct tcp_out_options {
	u16 options;
	u16 mss;
	u8 ws;
	u8 num_sack_blocks;
	u8 hash_size;
	u32 tsval, tsecr;
};

extern struct proto tcp_prot;

/* tcp_urg_mode - urgent data is pending (snd_up ahead of snd_una); never
 * with connscope, which sends no data, but the header code asks as 3.10 does. */
static inline bool tcp_urg_mode(const struct tcp_sock *tp)
{
	return tp->snd_una != tp->snd_up;
}

/* tcp.c */
void tcp_set_state(struct sock *sk, int state);
void tcp_done(struct sock *sk);
void tcp_close(struct sock *sk, long timeout);
int tcp_disconnect(struct sock *sk, int flags);
void tcp_init_sock(struct sock *sk);
unsigned int tcp_poll(struct socket *sock);
int tcp_full_space(const struct sock *sk);
int tcp_win_from_space(const struct net *net, int space);
int tcp_setsockopt(struct sock *sk, int optname, const void *optval,
		   unsigned int optlen);
int tcp_getsockopt(struct sock *sk, int optname, void *optval, int *optlen);
int tcp_v4_init_sock(struct sock *sk);
void tcp_v4_destroy_sock(struct sock *sk);
void tcp_v4_err(struct sk_buff *icmp_skb, u32 info);

/* tcp_ipv4.c */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);
void tcp_v4_send_check(struct sock *sk, struct sk_buff *skb);
int tcp_v4_rcv(struct sk_buff *skb);
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb);
void tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb);
int tcp_twsk_unique(struct sock *sk, struct sock_common *sktw, void *twp);
extern const struct inet_connection_sock_af_ops ipv4_specific;

/* TCP_SKB_CB(skb)->sacked bits (include/net/tcp.h). */
#define TCPCB_SACKED_ACKED 0x01
#define TCPCB_SACKED_RETRANS 0x02
#define TCPCB_LOST 0x04
#define TCPCB_TAGBITS 0x07
#define TCPCB_EVER_RETRANS 0x80
#define TCPCB_RETRANS (TCPCB_SACKED_RETRANS | TCPCB_EVER_RETRANS)

/* Nagle modes (tp->nonagle, the nonagle argument of the push functions). */
#define TCP_NAGLE_OFF 1
#define TCP_NAGLE_CORK 2
#define TCP_NAGLE_PUSH 4

/* dev_queue_xmit / ip_queue_xmit positive codes (include/linux/netdevice.h). */
#define NET_XMIT_SUCCESS 0x00
#define NET_XMIT_DROP 0x01
#define NET_XMIT_CN 0x02
#define net_xmit_eval(e) ((e) == NET_XMIT_CN ? 0 : (e))

/* Segments in one skb (tcp_skb_pcount): always gso_segs, 1 without TSO. */
static inline int tcp_skb_pcount(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->gso_segs;
}

/* ALIGN (include/linux/kernel.h): @x rounded up to a multiple of @a, a
 * power of two. */
#define ALIGN(x, a) (((x) + (a) - 1) & ~((a) - 1))

/* The write queue (include/net/tcp.h): sk_write_queue holds every segment
 * not yet acknowledged; sk_send_head is the first one not yet sent. */
static inline struct sk_buff *tcp_write_queue_head(const struct sock *sk)
{
	return skb_peek(&sk->sk_write_queue);
}
static inline struct sk_buff *tcp_write_queue_tail(const struct sock *sk)
{
	return sk->sk_write_queue.qlen ? sk->sk_write_queue.prev : NULL;
}
static inline struct sk_buff *tcp_send_head(const struct sock *sk)
{
	return sk->sk_send_head;
}
static inline void __tcp_add_write_queue_head(struct sock *sk, struct sk_buff *skb)
{
	__skb_queue_head(&sk->sk_write_queue, skb);
}
static inline void tcp_unlink_write_queue(struct sk_buff *skb, struct sock *sk)
{
	__skb_unlink(skb, &sk->sk_write_queue);
}

/* sk_wmem_free_skb (include/net/sock.h): a segment off the write queue is
 * no longer charged to the socket.  3.10 frees it with __kfree_skb; the
 * queue held its only reference, so consume_skb frees it here. */
static inline void sk_wmem_free_skb(struct sock *sk, struct sk_buff *skb)
{
	sk->sk_wmem_queued -= (int)skb->truesize;
	consume_skb(skb);
}

/* The window the peer may still fill, by our last advertisement. */
static inline u32 tcp_receive_window(const struct tcp_sock *tp)
{
	s32 win = (s32)(tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt);

	if (win < 0)
		win = 0;
	return (u32)win;
}

/* End of the peer's advertised window. */
static inline u32 tcp_wnd_end(const struct tcp_sock *tp)
{
	return tp->snd_una + tp->snd_wnd;
}

/* tcp_left_out is sacked_out + lost_out in the kernel; connscope keeps no
 * SACK/loss scoreboard (no data is sent), so both terms are 0. */
static inline unsigned int tcp_packets_in_flight(const struct tcp_sock *tp)
{
	return tp->packets_out + tp->retrans_out;
}

/* Free receive space, converted to window (tcp_space). */
static inline int tcp_space(const struct sock *sk)
{
	return tcp_win_from_space(sock_net(sk), sk->sk_rcvbuf -
				  atomic_load(&sk->sk_rmem_alloc));
}

/* tcp_clear_retrans (tcp_input.c in 3.10): forget retransmission state.
 * Of its counters only retrans_out exists here (no SACK scoreboard). */
static inline void tcp_clear_retrans(struct tcp_sock *tp)
{
	tp->retrans_out = 0;
}

/* tcp_output.c */
int tcp_connect(struct sock *sk);
void tcp_connect_init(struct sock *sk);
void tcp_select_initial_window(const struct net *net, int space, u32 mss,
			       u32 *rcv_wnd, u32 *window_clamp, int wscale_ok,
			       u8 *rcv_wscale, u32 init_rcv_wnd);
void tcp_init_nondata_skb(struct sk_buff *skb, u32 seq, u8 flags);
int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, int clone_it);
int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb);
void tcp_send_delayed_ack(struct sock *sk);
void tcp_send_ack(struct sock *sk);
void tcp_send_fin(struct sock *sk);
void tcp_send_active_reset(struct sock *sk);
int tcp_send_synack(struct sock *sk);
unsigned int tcp_sync_mss(struct sock *sk, u32 pmtu);
void tcp_mtup_init(struct sock *sk);
unsigned int tcp_current_mss(struct sock *sk);
void tcp_connect_queue_skb(struct sock *sk, struct sk_buff *skb);
void TCP_ECN_send_syn(struct sock *sk, struct sk_buff *skb);
void TCP_ECN_send_synack(const struct tcp_sock *tp, struct sk_buff *skb);
void TCP_ECN_send(struct sock *sk, struct sk_buff *skb, int tcp_header_len);
unsigned int tcp_syn_options(struct sock *sk, struct sk_buff *skb,
			     struct tcp_out_options *opts);
unsigned int tcp_established_options(struct sock *sk, struct sk_buff *skb,
				     struct tcp_out_options *opts);
void tcp_options_write(__be32 *ptr, struct tcp_sock *tp, struct tcp_out_options *opts);
u16 tcp_advertise_mss(struct sock *sk);
int __tcp_mtu_to_mss(struct sock *sk, int pmtu);
int tcp_mtu_to_mss(struct sock *sk, int pmtu);
int tcp_mss_to_mtu(struct sock *sk, int mss);
u32 __tcp_select_window(struct sock *sk);
u16 tcp_select_window(struct sock *sk);
u32 tcp_acceptable_seq(const struct sock *sk);
void tcp_wfree(struct sk_buff *skb);
int __tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb);
void __tcp_push_pending_frames(struct sock *sk, unsigned int cur_mss, int nonagle);

/* tcp_push_pending_frames (include/net/tcp.h): send what is queued. */
static inline void tcp_push_pending_frames(struct sock *sk)
{
	if (tcp_send_head(sk)) {
		struct tcp_sock *tp = tcp_sk(sk);

		__tcp_push_pending_frames(sk, tcp_current_mss(sk), tp->nonagle);
	}
}

/* tcp_input.c */
int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb);
void tcp_parse_options(const struct sk_buff *skb, struct tcp_options_received *opt_rx,
		       int estab);
void tcp_finish_connect(struct sock *sk, struct sk_buff *skb);
void tcp_reset(struct sock *sk);
void tcp_initialize_rcv_mss(struct sock *sk);
void tcp_init_buffer_space(struct sock *sk);
void tcp_enter_quickack_mode(struct sock *sk);

/* tcp_input.c: the FLAG_* bits tcp_ack gathers. */
#define FLAG_DATA 0x01			/* the segment carried data */
#define FLAG_WIN_UPDATE 0x02		/* it updated the send window */
#define FLAG_DATA_ACKED 0x04		/* it acknowledged new data */
#define FLAG_RETRANS_DATA_ACKED 0x08	/* ... some of it retransmitted */
#define FLAG_SYN_ACKED 0x10		/* it acknowledged our SYN */
#define FLAG_ECE 0x40			/* ECE set on a non-SYN */
#define FLAG_SLOWPATH 0x100		/* check the window update fully */
#define FLAG_SND_UNA_ADVANCED 0x400	/* snd_una moved */
#define FLAG_UPDATE_TS_RECENT 0x4000	/* may update ts_recent */
#define FLAG_ACKED (FLAG_DATA_ACKED | FLAG_SYN_ACKED)
void tcp_rearm_rto(struct sock *sk);
void tcp_enter_loss(struct sock *sk, int how);

int tcp_rcv_established(struct sock *sk, struct sk_buff *skb);
void tcp_data_snd_check(struct sock *sk);

/* tcp_metrics.c, with no metrics cache */
#define TCP_INFINITE_SSTHRESH 0x7fffffff
void tcp_init_metrics(struct sock *sk);
u32 tcp_init_cwnd(const struct tcp_sock *tp, const struct rtable *dst);

/* tcp_minisocks.c: what a TIME-WAIT sock makes of a segment. */
enum tcp_tw_status {
	TCP_TW_SUCCESS = 0,		/* consumed (or ignored) */
	TCP_TW_RST = 1,			/* answer with a reset */
	TCP_TW_ACK = 2,			/* answer with an ACK */
	TCP_TW_SYN = 3,			/* a new SYN may reopen the 4-tuple */
};
enum tcp_tw_status tcp_timewait_state_process(struct inet_timewait_sock *tw,
					      struct sk_buff *skb,
					      const struct tcphdr *th);

/* What the receive path decided, for its trace events (docs/tracepoints.md). */
enum tcp_v4_rcv_verdict {
	RCV_NOT_FOR_HOST, RCV_TOO_SHORT, RCV_BAD_PACKET, RCV_CSUM_ERROR,
	RCV_NO_SOCKET_RST, RCV_NO_SOCKET_BAD, RCV_MINTTL_DROP, RCV_PROCESSED,
	RCV_BACKLOG, RCV_BACKLOG_DROP, RCV_TIME_WAIT,
};
enum tcp_v4_do_rcv_verdict { DO_RCV_PROCESSED, DO_RCV_RESET, DO_RCV_CSUM_ERROR };

/* tcp_ipv4.c, receive side: __tcp_checksum_complete on the segment at
 * skb->data (pseudo-header from ip_hdr); true when it is wrong.  A segment
 * found good is marked CHECKSUM_UNNECESSARY. */
bool tcp_checksum_complete(struct sk_buff *skb);

/* rx_opt.sack_ok bits */
#define TCP_SACK_SEEN (1 << 0)
#define TCP_FACK_ENABLED (1 << 1)

/* between (include/net/tcp.h): is seq2 <= seq1 <= seq3, modulo 2^32? */
static inline bool between(u32 seq1, u32 seq2, u32 seq3)
{
	return seq3 - seq2 >= seq1 - seq2;
}

/* tcp_sack_reset (include/net/tcp.h): no D-SACK or SACK blocks to send. */
static inline void tcp_sack_reset(struct tcp_options_received *rx_opt)
{
	rx_opt->dsack = 0;
	rx_opt->num_sacks = 0;
}

/* tcp_clear_options, tcp_is_sack, tcp_enable_fack (include/net/tcp.h). */
static inline void tcp_clear_options(struct tcp_options_received *rx_opt)
{
	rx_opt->tstamp_ok = rx_opt->sack_ok = 0;
	rx_opt->wscale_ok = rx_opt->snd_wscale = 0;
}

static inline int tcp_is_sack(const struct tcp_sock *tp)
{
	return tp->rx_opt.sack_ok;
}

static inline void tcp_enable_fack(struct tcp_sock *tp)
{
	tp->rx_opt.sack_ok |= TCP_FACK_ENABLED;
}

/* get_unaligned_be16/32 (asm/unaligned.h): option fields are unaligned. */
static inline u16 get_unaligned_be16(const unsigned char *p)
{
	return (u16)(p[0] << 8 | p[1]);
}
static inline u32 get_unaligned_be32(const unsigned char *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* __tcp_set_rto: RTO without backoff = srtt + rttvar (srtt is 8 x RTT). */
static inline u32 __tcp_set_rto(const struct tcp_sock *tp)
{
	return (tp->srtt >> 3) + tp->rttvar;
}

/* The segment that last updated the send window (snd_wl1). */
static inline void tcp_init_wl(struct tcp_sock *tp, u32 seq)
{
	tp->snd_wl1 = seq;
}
static inline void tcp_update_wl(struct tcp_sock *tp, u32 seq)
{
	tp->snd_wl1 = seq;
}

/* tcp_fin_time (an inline of include/net/tcp.h in 3.10; here in
 * tcp_input.c because it reads the stack's sysctl). */
int tcp_fin_time(const struct sock *sk);

#define TCP_PAWS_24DAYS (60 * 60 * 24 * 24)

/* tcp_paws_check - does the timestamp pass PAWS with @paws_win of slack?
 * Also when ts_recent is 24 days old or 0.  @now is get_seconds(), read
 * from the socket's stack here. */
static inline bool tcp_paws_check(const struct tcp_options_received *rx_opt,
				  int paws_win, long now)
{
	if ((s32)(rx_opt->ts_recent - rx_opt->rcv_tsval) <= paws_win)
		return true;
	if (now >= rx_opt->ts_recent_stamp + TCP_PAWS_24DAYS)
		return true;
	if (!rx_opt->ts_recent)
		return true;
	return false;
}

/* tcp_paws_reject - PAWS rejects the segment; a RST is let through once
 * ts_recent is older than TCP_PAWS_MSL seconds. */
static inline bool tcp_paws_reject(const struct tcp_options_received *rx_opt,
				   int rst, long now)
{
	if (tcp_paws_check(rx_opt, 0, now))
		return false;
	if (rst && now >= rx_opt->ts_recent_stamp + TCP_PAWS_MSL)
		return false;
	return true;
}

/* tcp_timer.c */
void tcp_init_xmit_timers(struct sock *sk);
void tcp_clear_xmit_timers(struct sock *sk);
void tcp_retransmit_timer(struct sock *sk);
void tcp_write_err(struct sock *sk);
int tcp_write_timeout(struct sock *sk);

/* inet_connection_sock.c */
void inet_csk_reset_xmit_timer(struct sock *sk, int what, unsigned long when,
			       unsigned long max_when);
void inet_csk_clear_xmit_timer(struct sock *sk, int what);
int inet_csk_get_port(struct sock *sk, unsigned short snum);
int inet_csk_bind_conflict(const struct sock *sk, const struct inet_bind_bucket *tb,
			   bool relax);
/* What inet_csk_get_port's port-0 search made of one rover (trace). */
enum inet_csk_get_port_verdict {
	GPV_RESERVED,		/* in ip_local_reserved_ports */
	GPV_FREE,		/* no bucket: take it */
	GPV_SHARE,		/* bucket without conflict: share it */
	GPV_SMALLEST,		/* least-shared fast-reuse bucket, table crowded */
	GPV_CONFLICT,		/* bucket with a conflicting owner: next */
};

/* tcp_minisocks.c, inet_timewait_sock.c */
void tcp_time_wait(struct sock *sk, int state, int timeo);
struct inet_timewait_sock *inet_twsk_alloc(const struct sock *sk, int state);
void __inet_twsk_hashdance(struct inet_timewait_sock *tw, struct sock *sk,
			   struct inet_hashinfo *hashinfo);
int inet_twsk_unhash(struct inet_timewait_sock *tw);
int inet_twsk_bind_unhash(struct inet_timewait_sock *tw, struct inet_hashinfo *hashinfo);
void inet_twsk_deschedule(struct inet_timewait_sock *tw,
			  struct inet_timewait_death_row *twdr);
void inet_twsk_schedule(struct inet_timewait_sock *tw,
			struct inet_timewait_death_row *twdr, int timeo);
void inet_twsk_put(struct inet_timewait_sock *tw);
int twsk_unique(struct sock *sk, struct sock_common *sktw, void *twp);
/* End every TIME-WAIT sock of @family in @hashinfo (the stack goes away). */
void inet_twsk_purge(struct inet_hashinfo *hashinfo, int family);

#endif
