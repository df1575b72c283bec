/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sock.h - struct socket, struct sock and the inet/tcp layers on top of it
 * (include/linux/net.h, include/net/sock.h, inet_sock.h,
 * inet_connection_sock.h, linux/tcp.h, inet_timewait_sock.h).
 *
 * As in the kernel, each layer embeds the one below as its first member, so
 * inet_sk(sk), inet_csk(sk) and tcp_sk(sk) are plain casts.  Every sock and
 * TIME-WAIT sock carries an id (sk_id) that the trace uses as its identity.
 */
#ifndef CS_SOCK_H
#define CS_SOCK_H

#include <pthread.h>
#include <stdatomic.h>
#include "types.h"
#include "skbuff.h"
#include "timer.h"
#include <urcu-bp.h>	/* struct rcu_head */

struct net;
struct rtable;
struct inet_bind_bucket;
struct sockaddr;

/* include/uapi/linux/net.h */
typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING
} socket_state;

/* include/net/tcp_states.h */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_MAX_STATES
};
#define TCPF_ESTABLISHED (1 << TCP_ESTABLISHED)
#define TCPF_SYN_SENT (1 << TCP_SYN_SENT)
#define TCPF_SYN_RECV (1 << TCP_SYN_RECV)
#define TCPF_FIN_WAIT1 (1 << TCP_FIN_WAIT1)
#define TCPF_FIN_WAIT2 (1 << TCP_FIN_WAIT2)
#define TCPF_TIME_WAIT (1 << TCP_TIME_WAIT)
#define TCPF_CLOSE (1 << TCP_CLOSE)
#define TCPF_CLOSE_WAIT (1 << TCP_CLOSE_WAIT)
#define TCPF_LAST_ACK (1 << TCP_LAST_ACK)
#define TCPF_LISTEN (1 << TCP_LISTEN)
#define TCPF_CLOSING (1 << TCP_CLOSING)

/* sk_flags bits (enum sock_flags) */
enum sock_flags {
	SOCK_DEAD,
	SOCK_DONE,
	SOCK_LINGER,
	SOCK_KEEPOPEN,
	SOCK_LOCALROUTE,	/* SO_DONTROUTE: RT_CONN_FLAGS adds RTO_ONLINK */
};

/* sk_userlocks bits */
#define SOCK_SNDBUF_LOCK 1
#define SOCK_RCVBUF_LOCK 2
#define SOCK_BINDADDR_LOCK 4
#define SOCK_BINDPORT_LOCK 8

/* sk_shutdown bits */
#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

struct proto;
struct proto_ops;
struct socket;

/*
 * struct sock_common - the part a full socket shares with a TIME-WAIT socket,
 * so that both can sit in an ehash chain and be matched by the same code.
 */
struct sock_common {
	__be32 skc_daddr;		/* inet_daddr: foreign address */
	__be32 skc_rcv_saddr;		/* inet_rcv_saddr: bound local address */
	unsigned int skc_hash;		/* ehash / listening hash value */
	__be16 skc_dport;		/* inet_dport (network order) */
	u16 skc_num;			/* inet_num: local port (host order) */
	unsigned short skc_family;
	volatile unsigned char skc_state;
	unsigned char skc_reuse;	/* SO_REUSEADDR */
	unsigned char skc_reuseport;	/* SO_REUSEPORT */
	int skc_bound_dev_if;
	struct hlist_node skc_node;	/* ehash chain/twchain or listening hash */
	struct hlist_node skc_bind_node; /* owners list of the bind bucket */
	struct net *skc_net;
	atomic_int skc_refcnt;
	u32 skc_id;			/* connscope: identity in traces and dumps */
	bool skc_tw;			/* this is an inet_timewait_sock */
};

struct socket_lock {
	pthread_mutex_t slock;		/* the spinlock part (bh_lock_sock) */
	int owned;			/* a process holds the socket (lock_sock) */
	pthread_cond_t wq;		/* lock_sock waiters */
};

struct sock {
	struct sock_common __sk_common;
#define sk_daddr __sk_common.skc_daddr
#define sk_rcv_saddr __sk_common.skc_rcv_saddr
#define sk_hash __sk_common.skc_hash
#define sk_family __sk_common.skc_family
#define sk_state __sk_common.skc_state
#define sk_reuse __sk_common.skc_reuse
/* sk_reuse values (include/net/sock.h). */
#define SK_NO_REUSE	0
#define SK_CAN_REUSE	1
#define sk_reuseport __sk_common.skc_reuseport
#define sk_bound_dev_if __sk_common.skc_bound_dev_if
#define sk_node __sk_common.skc_node
#define sk_bind_node __sk_common.skc_bind_node
#define sk_refcnt __sk_common.skc_refcnt
	u32 sk_id;			/* identity in traces (= __sk_common.skc_id) */
	struct rcu_head sk_rcu;		/* the free after a grace period */
	struct socket_lock sk_lock;
	struct sk_buff_head sk_backlog;	/* segments queued while owned */
	int sk_err, sk_err_soft;
	long sk_sndtimeo, sk_rcvtimeo;
	int sk_rcvbuf, sk_sndbuf;
	atomic_int sk_wmem_alloc;
	unsigned int sk_userlocks;
	unsigned long sk_flags;
	unsigned long sk_lingertime;
	u16 sk_protocol, sk_type;
	unsigned char sk_shutdown;
	int sk_write_pending;
	u32 sk_mark;
	int sk_route_caps;
	int sk_gso_type;
	struct rtable *sk_dst_cache;
	struct sk_buff_head sk_write_queue;
	struct sk_buff *sk_send_head;
	pthread_cond_t sk_wq;		/* sk_sleep(): connect()/poll() waiters */
	struct socket *sk_socket;
	struct proto *sk_prot;
	void (*sk_state_change)(struct sock *sk);
	void (*sk_error_report)(struct sock *sk);
	int (*sk_backlog_rcv)(struct sock *sk, struct sk_buff *skb);
	int sk_wmem_queued;		/* truesize of the skbs on sk_write_queue */
	atomic_int sk_rmem_alloc;	/* receive memory; 0: received payload is never queued */
};

static inline struct net *sock_net(const struct sock *sk)
{
	return sk->__sk_common.skc_net;
}

static inline bool sock_flag(const struct sock *sk, enum sock_flags f)
{
	return sk->sk_flags & (1UL << f);
}
static inline void sock_set_flag(struct sock *sk, enum sock_flags f)
{
	sk->sk_flags |= 1UL << f;
}
static inline void sock_reset_flag(struct sock *sk, enum sock_flags f)
{
	sk->sk_flags &= ~(1UL << f);
}

static inline bool sk_unhashed(const struct sock *sk)
{
	return hlist_unhashed(&sk->sk_node);
}
static inline bool sk_hashed(const struct sock *sk)
{
	return !sk_unhashed(sk);
}

/* sk_head (include/net/sock.h): the first sock of a bind bucket's owners,
 * or NULL. */
static inline struct sock *sk_head(const struct hlist_head *head)
{
	return head->first ? container_of(head->first, struct sock, sk_bind_node) : NULL;
}

/* sk_nulls_for_each (include/net/sock.h) over an ehash chain: @__sk (a
 * struct sock_common *) is each sock or TIME-WAIT sock in @list.
 * connscope's chains end in NULL, not in a nulls marker. */
#define sk_nulls_for_each(__sk, node, list) \
	for ((node) = (list)->first; \
	     (node) && ((__sk) = container_of(node, struct sock_common, skc_node), 1); \
	     (node) = (node)->next)

/* sk_nulls_for_each_rcu: the same walk for a reader under rcu_read_lock. */
#define sk_nulls_for_each_rcu(__sk, node, list) \
	for ((node) = hlist_first_rcu(list); \
	     (node) && ((__sk) = container_of(node, struct sock_common, skc_node), 1); \
	     (node) = hlist_next_rcu(node))

/* atomic_inc_not_zero (asm/atomic.h): take a reference unless the count
 * has reached 0 (a lookup may not revive a dying sock). */
static inline bool atomic_inc_not_zero(atomic_int *v)
{
	int c = atomic_load(v);

	while (c != 0)
		if (atomic_compare_exchange_weak(v, &c, c + 1))
			return true;
	return false;
}

/* include/net/ip.h struct ip_options, reduced to what connect reads. */
struct ip_options {
	__be32 faddr;			/* first hop of a source route */
	unsigned char optlen;
	unsigned char srr;		/* offset of a source route option, 0 = none */
};

/* include/net/flow.h struct flowi4 */
struct flowi4 {
	int flowi4_oif;
	u32 flowi4_mark;
	u8 flowi4_tos;
	u8 flowi4_scope;
	u8 flowi4_proto;
	u8 flowi4_flags;
	__be32 saddr, daddr;
	__be16 fl4_sport, fl4_dport;
};

struct inet_sock {
	struct sock sk;
#define inet_daddr sk.__sk_common.skc_daddr
#define inet_rcv_saddr sk.__sk_common.skc_rcv_saddr
#define inet_dport sk.__sk_common.skc_dport
#define inet_num sk.__sk_common.skc_num
	__be32 inet_saddr;		/* source address used on the wire */
	s32 uc_ttl;			/* IP_TTL, -1 = route/sysctl default */
	__be16 inet_sport;
	struct ip_options *inet_opt;
	u16 inet_id;			/* IP ID counter seed */
	u8 tos;
	u8 pmtudisc;			/* IP_PMTUDISC_* */
	u8 transparent;
	u8 min_ttl;			/* IP_MINTTL: drop segments below this TTL */
	struct {
		struct flowi4 fl4;	/* inet->cork.fl.u.ip4 */
	} cork;
};

#define IP_PMTUDISC_DONT 0
#define IP_PMTUDISC_WANT 1
#define IP_PMTUDISC_DO 2
#define IP_PMTUDISC_PROBE 3

struct tcp_sock;

/* struct inet_connection_sock_af_ops, reduced. */
struct inet_connection_sock_af_ops {
	int (*queue_xmit)(struct sk_buff *skb, struct flowi4 *fl);
	void (*send_check)(struct sock *sk, struct sk_buff *skb);
	int (*rebuild_header)(struct sock *sk);
	u16 net_header_len;
};

enum { ICSK_TIME_RETRANS = 1, ICSK_TIME_DACK = 2, ICSK_TIME_PROBE0 = 3,
       ICSK_TIME_KEEPOPEN = 4 };
enum { ICSK_ACK_SCHED = 1, ICSK_ACK_TIMER = 2, ICSK_ACK_PUSHED = 4 };

struct inet_connection_sock {
	struct inet_sock icsk_inet;
	struct inet_bind_bucket *icsk_bind_hash;
	unsigned long icsk_timeout;
	struct timer_list icsk_retransmit_timer;
	struct timer_list icsk_delack_timer;
	u32 icsk_rto;
	u32 icsk_pmtu_cookie;
	const struct inet_connection_sock_af_ops *icsk_af_ops;
	u8 icsk_ca_state;
	u8 icsk_retransmits;
	u8 icsk_pending;
	u8 icsk_backoff;
	u8 icsk_probes_out;
	u8 icsk_syn_retries;
	u16 icsk_ext_hdr_len;
	struct {
		u8 pending, quick, pingpong, blocked;
		u32 ato;
		unsigned long timeout;
		u32 lrcvtime;
		u16 last_seg_size;
		u16 rcv_mss;
	} icsk_ack;
	struct {
		int enabled;
		int search_high, search_low;
		int probe_size;
	} icsk_mtup;
};

/* include/linux/tcp.h struct tcp_options_received */
struct tcp_options_received {
	long ts_recent_stamp;		/* seconds, when ts_recent was taken */
	u32 ts_recent;
	u32 rcv_tsval, rcv_tsecr;
	u16 saw_tstamp : 1, tstamp_ok : 1, dsack : 1, wscale_ok : 1,
	    sack_ok : 4, snd_wscale : 4, rcv_wscale : 4;
	u8 num_sacks;
	u16 user_mss;
	u16 mss_clamp;
};

#define TCP_ECN_OK 1
#define TCP_ECN_QUEUE_CWR 2
#define TCP_ECN_DEMAND_CWR 4

struct tcp_sock {
	struct inet_connection_sock inet_conn;
	u16 tcp_header_len;
	u32 rcv_nxt, copied_seq, rcv_wup;
	u32 snd_nxt, snd_una, snd_sml, snd_up;
	u32 snd_wl1, snd_wnd, max_window;
	u32 mss_cache;
	u32 window_clamp, rcv_ssthresh;
	u16 advmss;
	u8 nonagle, repair, ecn_flags;
	struct tcp_options_received rx_opt;
	u32 rcv_wnd, write_seq, pushed_seq;
	u32 retrans_stamp;
	u32 packets_out, retrans_out, total_retrans;
	u32 srtt, mdev, rttvar;
	u32 snd_cwnd, snd_ssthresh;
	u32 lsndtime;
	u32 tsoffset;
	unsigned long tsq_flags;	/* timer work deferred to release_sock */
	int linger2;
	void *fastopen_req;		/* always NULL: tcp_fastopen defaults to 0 */
	u32 mdev_max;			/* largest mdev of the last RTT */
	u32 rtt_seq;			/* snd_nxt when rttvar was last updated */
	u32 rcv_tstamp;			/* when the last ACK arrived */
};

static inline struct inet_sock *inet_sk(const struct sock *sk)
{
	return (struct inet_sock *)(void *)sk;
}
static inline struct inet_connection_sock *inet_csk(const struct sock *sk)
{
	return (struct inet_connection_sock *)(void *)sk;
}
static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)(void *)sk;
}

/* connscope, not 3.10 (whose tcp_sock keeps no ISN): the initial sequence
 * number as the state shows it, for tcp_get_info and the state dump.  The
 * SYN takes one sequence number, so while the socket sent nothing else
 * (a connect) it is snd_nxt - 1; before any SYN snd_nxt and write_seq are
 * both 0, and so is the answer. */
static inline u32 tcp_sk_isn(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return tp->snd_nxt || tp->write_seq ? tp->snd_nxt - 1 : 0;
}

/* include/net/inet_timewait_sock.h + include/linux/tcp.h tcp_timewait_sock */
struct inet_timewait_sock {
	struct sock_common __tw_common;
#define tw_daddr __tw_common.skc_daddr
#define tw_rcv_saddr __tw_common.skc_rcv_saddr
#define tw_hash __tw_common.skc_hash
#define tw_dport __tw_common.skc_dport
#define tw_num __tw_common.skc_num
#define tw_family __tw_common.skc_family
#define tw_state __tw_common.skc_state
#define tw_reuse __tw_common.skc_reuse
#define tw_bound_dev_if __tw_common.skc_bound_dev_if
#define tw_node __tw_common.skc_node
#define tw_bind_node __tw_common.skc_bind_node
#define tw_refcnt __tw_common.skc_refcnt
#define tw_net __tw_common.skc_net
	u32 tw_id;			/* identity in traces (= __tw_common.skc_id) */
	struct rcu_head tw_rcu;		/* the free after a grace period */
	int tw_timeout;
	volatile unsigned char tw_substate;
	unsigned char tw_rcv_wscale;
	__be16 tw_sport;
	unsigned long tw_ttd;		/* jiffies when it dies */
	struct inet_bind_bucket *tw_tb;
	struct timer_list tw_timer;	/* connscope: one timer per twsk (see divergences) */
	/* tcp_timewait_sock */
	u32 tw_rcv_nxt, tw_snd_nxt, tw_rcv_wnd;
	u32 tw_ts_offset, tw_ts_recent;
	long tw_ts_recent_stamp;
	u8 tw_tos;			/* inet->tos, for the ACKs and RSTs it sends */
};

static inline struct inet_timewait_sock *inet_twsk(const struct sock_common *skc)
{
	return (struct inet_timewait_sock *)(void *)skc;
}

/* struct proto (include/net/sock.h), the members the connect path calls. */
struct proto {
	const char *name;
	int (*init)(struct sock *sk);
	void (*destroy)(struct sock *sk);
	void (*close)(struct sock *sk, long timeout);
	int (*connect)(struct sock *sk, struct sockaddr *uaddr, int addr_len);
	int (*disconnect)(struct sock *sk, int flags);
	void (*hash)(struct sock *sk);
	void (*unhash)(struct sock *sk);
	int (*get_port)(struct sock *sk, unsigned short snum);
	int (*twsk_unique)(struct sock *sk, struct sock_common *sktw, void *twp);
	int (*backlog_rcv)(struct sock *sk, struct sk_buff *skb);
	void (*release_cb)(struct sock *sk);	/* tcp_release_cb: deferred timer work */
};

/* struct proto_ops: the socket-layer operations of inet_stream_ops. */
struct proto_ops {
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *uaddr, int addr_len);
	int (*connect)(struct socket *sock, struct sockaddr *uaddr, int addr_len,
		       int flags);
	int (*listen)(struct socket *sock, int backlog);
	int (*getname)(struct socket *sock, struct sockaddr *uaddr, int *len,
		       int peer);
	unsigned int (*poll)(struct socket *sock);
};

struct socket {
	socket_state state;
	short type;
	int f_flags;			/* file->f_flags: O_NONBLOCK */
	int fd;
	struct sock *sk;
	const struct proto_ops *ops;
	struct net *net;
	atomic_int f_count;		/* file references (fget/fput) */
	pthread_t waiter;		/* connscope: the thread sleeping in connect */
	volatile int signal_pending;	/* connscope: cs_interrupt() stands for a signal */
};

/* signal_pending (include/linux/sched.h) for the caller of @sock:
 * cs_interrupt() stands for a signal.  Seeing it also takes it, as the
 * kernel delivers a signal on the way back to user space. */
static inline bool signal_pending(struct socket *sock)
{
	bool pending = READ_ONCE(sock->signal_pending);

	WRITE_ONCE(sock->signal_pending, 0);
	return pending;
}

/* core/sock.c (net/core/sock.c) */
struct sock *sk_alloc(struct net *net, int family, struct proto *prot);
void sk_free(struct sock *sk);
void sock_hold(struct sock *sk);
void sock_put(struct sock *sk);
void sock_init_data(struct socket *sock, struct sock *sk);
void lock_sock(struct sock *sk);
void release_sock(struct sock *sk);
void bh_lock_sock(struct sock *sk);
void bh_unlock_sock(struct sock *sk);
static inline bool sock_owned_by_user(const struct sock *sk)
{
	return sk->sk_lock.owned;
}
int sk_add_backlog(struct sock *sk, struct sk_buff *skb);
long sock_sndtimeo(const struct sock *sk, bool noblock);
int sock_intr_errno(long timeo);
int sock_error(struct sock *sk);
void sk_setup_caps(struct sock *sk, struct rtable *rt);
/* sock_wfree - the write-memory destructor: give skb->truesize back to
 * skb->sk->sk_wmem_alloc (set by tcp_transmit_skb through tcp_wfree). */
void sock_wfree(struct sk_buff *skb);
void sk_dst_reset(struct sock *sk);
/* Default callbacks: wake every waiter on sk_wq. */
void sock_def_wakeup(struct sock *sk);
void sock_def_error_report(struct sock *sk);
/* Sleep on sk_wq with the socket lock released; returns remaining timeo. */
long cs_sk_schedule_timeout(struct sock *sk, long timeo);

#endif
