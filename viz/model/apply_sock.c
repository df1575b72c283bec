// SPDX-License-Identifier: GPL-2.0-only
/*
 * apply_sock.c - rule functions for sockets, TIME-WAIT sockets, timers,
 * table sizes and the counters derived from events.  Field names are the
 * trace's (docs/tracepoints.md).
 */
#include <stdlib.h>
#include <string.h>
#include "apply.h"

/* TCP header flags, as the receive events carry them. */
#define TH_SYN 0x02u
#define TH_RST 0x04u
#define TH_ACK 0x10u
/* tcp_v4_connect's first checks: sizeof(struct sockaddr_in), AF_INET. */
#define MODEL_SOCKADDR_IN_LEN 16
#define MODEL_AF_INET 2

struct msock *ev_sock(struct mstate *st, const struct model_event *ev, const char *field)
{
	return state_sock_get(st, (uint32_t)ev_uint(ev, field, 0), st->pos, ev->ts_ns);
}

/* inet_hashinfo_init, statedump_begin: the table sizes. */
void ap_sizes(struct mstate *st, const struct model_event *ev)
{
	if (EV_HAS(ev, hashinfo_sizes, ehash_size))
		st->sizes.ehash_size = (uint32_t)EV_U(ev, hashinfo_sizes, ehash_size);
	if (EV_HAS(ev, hashinfo_sizes, ehash_locks))
		st->sizes.ehash_locks = (uint32_t)EV_U(ev, hashinfo_sizes, ehash_locks);
	if (EV_HAS(ev, hashinfo_sizes, bhash_size))
		st->sizes.bhash_size = (uint32_t)EV_U(ev, hashinfo_sizes, bhash_size);
	if (EV_HAS(ev, hashinfo_sizes, lhash_size))
		st->sizes.lhash_size = (uint32_t)EV_U(ev, hashinfo_sizes, lhash_size);
}

/* net_init: a stack came up.  A trace may hold several runs one after
 * the other (each a new process, socket ids from 1 again): the model
 * follows the latest stack, so its state starts afresh. */
void ap_net_init(struct mstate *st, const struct model_event *ev)
{
	state_clear_ehash(st);
	state_clear_bhash(st);
	state_clear_lhash(st);
	st->nsocks = 0;
	st->ntimers = 0;
	st->nthreads = 0;
	st->nmibs = 0;
	st->latest = (struct model_latest){ .ehash_index = SIZE_MAX, .twchain_index = SIZE_MAX,
					    .bind_index = SIZE_MAX, .listen_index = SIZE_MAX };
	if (EV_HAS(ev, net_init, ehash_size))
		st->sizes.ehash_size = (uint32_t)EV_U(ev, net_init, ehash_size);
	if (EV_HAS(ev, net_init, bhash_size))
		st->sizes.bhash_size = (uint32_t)EV_U(ev, net_init, bhash_size);
}

void ap_sk_alloc(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, sk_alloc, sk_id);
	struct mthread *t = state_thread(st, ev->vtid);

	if (s)
		s->stamp = st->dump_gen;
	if (t && s)
		t->last_sk = s->pub.id;
}

/* The socket is freed: it must have left every table. */
void ap_sk_free(struct mstate *st, const struct model_event *ev)
{
	uint32_t id = (uint32_t)EV_U(ev, sk_free, sk_id);
	const struct msock *s = state_sock_const(st, id);

	if (s && (s->pub.where != MODEL_UNHASHED || s->pub.bound_port))
		state_incons(st, "sk_free: socket %u is still in a table", id);
	state_sock_remove(st, id);
}

/* sys_socket: the descriptor of the socket sk_alloc made on this thread. */
void ap_sys_socket(struct mstate *st, const struct model_event *ev)
{
	struct mthread *t = state_thread(st, ev->vtid);
	struct msock *s;

	if (EV_I(ev, sys_socket, ret) || !t || !t->last_sk)
		return;
	s = state_sock(st, t->last_sk);
	if (s)
		s->pub.fd = (int)EV_I(ev, sys_socket, fd);
	t->last_sk = 0;
}

void ap_sys_close(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = state_sock(st, (uint32_t)EV_U(ev, sys_close, sk_id));

	if (s)
		s->pub.fd = -1;
}

void ap_inet_bind(struct mstate *st, const struct model_event *ev)
{
	struct msock *s;

	if (EV_I(ev, inet_bind, ret))
		return;
	s = EV_SOCK(st, ev, inet_bind, sk_id);
	if (s) {
		s->pub.saddr = EV_ADDR(ev, inet_bind, rcv_saddr);
		s->pub.sport = (uint16_t)EV_U(ev, inet_bind, num);
	}
}

/*
 * The addresses and ports an event read from the socket itself
 * (inet_sock_set_state, tcp_v4_connect_ret).  Those events carry
 * inet_saddr, the model (and --dump-tables) inet_rcv_saddr: the two are
 * equal whenever inet_saddr is set, while a socket bound to a broadcast or
 * multicast address has inet_saddr 0 in 3.10, so a 0 saddr is not taken.
 */
static void sock_take_addrs(struct msock *s, const struct model_event *ev)
{
	uint32_t saddr = EV_ADDR(ev, sock_addrs, saddr);

	if (saddr)
		s->pub.saddr = saddr;
	if (EV_HAS(ev, sock_addrs, sport))
		s->pub.sport = (uint16_t)EV_U(ev, sock_addrs, sport);
	if (EV_HAS(ev, sock_addrs, daddr))
		s->pub.daddr = EV_ADDR(ev, sock_addrs, daddr);
	if (EV_HAS(ev, sock_addrs, dport))
		s->pub.dport = (uint16_t)EV_U(ev, sock_addrs, dport);
}

/* inet_sock_set_state: the transition, and the socket's addresses and
 * ports as they are (known before the socket is hashed). */
void ap_set_state(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, inet_sock_set_state, sk_id);
	int from = (int)EV_I(ev, inet_sock_set_state, oldstate), to = (int)EV_I(ev, inet_sock_set_state, newstate);

	if (!s)
		return;
	s->prev_state = from;
	s->pub.state = to;
	sock_take_addrs(s, ev);
	if (to == MODEL_TCP_CLOSE &&
	    (from == MODEL_TCP_ESTABLISHED || from == MODEL_TCP_CLOSE_WAIT))
		state_mib_add(st, "EstabResets", 1);
}

/* tcp_done: AttemptFails when the CLOSE it just made ended an open. */
void ap_tcp_done(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_done, sk_id);

	if (!s)
		return;
	s->pub.sk_err = abs((int)EV_I(ev, tcp_done, sk_err));
	if (s->pub.state == MODEL_TCP_CLOSE &&
	    (s->prev_state == MODEL_TCP_SYN_SENT || s->prev_state == MODEL_TCP_SYN_RECV))
		state_mib_add(st, "AttemptFails", 1);
}

void ap_sk_err(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_write_err, sk_id);

	if (s)
		s->pub.sk_err = abs((int)EV_I(ev, tcp_write_err, sk_err));
}

/* tcp_v4_connect entry: the destination asked for.  A sockaddr too short
 * or not AF_INET fails before the socket takes it (EINVAL, EAFNOSUPPORT);
 * other failures are corrected by tcp_v4_connect_ret. */
void ap_v4_connect(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_v4_connect, sk_id);

	if (!s || EV_I(ev, tcp_v4_connect, addr_len) < MODEL_SOCKADDR_IN_LEN || EV_I(ev, tcp_v4_connect, family) != MODEL_AF_INET)
		return;
	s->pub.daddr = EV_ADDR(ev, tcp_v4_connect, daddr);
	s->pub.dport = (uint16_t)EV_U(ev, tcp_v4_connect, dport);
}

/* tcp_v4_connect_ret: the socket's 4-tuple as connect left it (after a
 * failure too: dport back to 0, or never changed), the ISN on success. */
void ap_v4_connect_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_v4_connect_ret, sk_id);

	if (!s)
		return;
	sock_take_addrs(s, ev);
	if (!EV_I(ev, tcp_v4_connect_ret, ret))
		s->pub.isn = (uint32_t)EV_U(ev, tcp_v4_connect_ret, isn);
}

/* tcp_v4_connect_isn: write_seq is the ISN, and tcp_connect_init will set
 * snd_una to it. */
void ap_connect_isn(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_v4_connect_isn, sk_id);

	if (EV_HAS(ev, tcp_v4_connect_isn, jiffies))
		st->now_jiffies = EV_U(ev, tcp_v4_connect_isn, jiffies);
	if (!s)
		return;
	s->pub.isn = (uint32_t)EV_U(ev, tcp_v4_connect_isn, write_seq);
	s->pub.write_seq = s->pub.isn;
	s->pub.snd_una = s->pub.isn;
	s->pub.snd_nxt = s->pub.isn;
}

void ap_connect_init_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_connect_init_ret, sk_id);

	if (!s)
		return;
	s->pub.mss_clamp = (uint32_t)EV_U(ev, tcp_connect_init_ret, mss_clamp);
	s->pub.mss_cache = (uint32_t)EV_U(ev, tcp_connect_init_ret, mss_cache);
	s->pub.advmss = (uint32_t)EV_U(ev, tcp_connect_init_ret, advmss);
	s->pub.rcv_wnd = (uint32_t)EV_U(ev, tcp_connect_init_ret, rcv_wnd);
	s->pub.window_clamp = (uint32_t)EV_U(ev, tcp_connect_init_ret, window_clamp);
	s->pub.rcv_wscale = (int)EV_I(ev, tcp_connect_init_ret, rcv_wscale);
	s->pub.rcv_mss = (uint32_t)EV_U(ev, tcp_connect_init_ret, rcv_mss);
	s->pub.rto = (uint32_t)EV_U(ev, tcp_connect_init_ret, rto);
}

/* tcp_connect_ret: ActiveOpens counts a connect whose SYN went out
 * (tcp_connect returns 0 then). */
void ap_connect_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_connect_ret, sk_id);

	if (!s)
		return;
	s->pub.snd_nxt = (uint32_t)EV_U(ev, tcp_connect_ret, snd_nxt);
	s->pub.write_seq = (uint32_t)EV_U(ev, tcp_connect_ret, write_seq);
	s->pub.rto = (uint32_t)EV_U(ev, tcp_connect_ret, rto);
	if (!EV_I(ev, tcp_connect_ret, ret))
		state_mib_add(st, "ActiveOpens", 1);
}

/*
 * The receive entry events carry the socket's sequence state.  A SYN-ACK
 * (no RST) for a SYN_SENT socket holds the peer's ISN in seq; it becomes
 * irs only if the segment passes the SYN_SENT checks (acceptable ACK,
 * PAWS), which TCP_ECN_rcv_synack reports: remember it until then.
 */
void ap_rx_entry(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_rx_class, sk_id);
	unsigned int flags = (unsigned int)EV_U(ev, tcp_rx_class, flags);

	if (!s)
		return;
	s->pub.rcv_nxt = (uint32_t)EV_U(ev, tcp_rx_class, rcv_nxt);
	s->pub.snd_una = (uint32_t)EV_U(ev, tcp_rx_class, snd_una);
	s->pub.snd_nxt = (uint32_t)EV_U(ev, tcp_rx_class, snd_nxt);
	s->pend_irs_valid = EV_I(ev, tcp_rx_class, state) == MODEL_TCP_SYN_SENT &&
		(flags & (TH_SYN | TH_ACK | TH_RST)) == (TH_SYN | TH_ACK);
	if (s->pend_irs_valid)
		s->pend_irs = (uint32_t)EV_U(ev, tcp_rx_class, seq);
}

void ap_synsent_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_rcv_synsent_state_process_ret, sk_id);
	const char *branch = EV_LABEL(ev, tcp_rcv_synsent_state_process_ret, branch);

	if (!s)
		return;
	s->pub.snd_una = (uint32_t)EV_U(ev, tcp_rcv_synsent_state_process_ret, snd_una);
	s->pub.rcv_nxt = (uint32_t)EV_U(ev, tcp_rcv_synsent_state_process_ret, rcv_nxt);
	s->pub.snd_wnd = (uint32_t)EV_U(ev, tcp_rcv_synsent_state_process_ret, snd_wnd);
	if (branch && !strncmp(branch, "SYNACK_", 7))
		s->pub.irs = s->pub.rcv_nxt - 1;
}

void ap_finish_connect_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_finish_connect_ret, sk_id);
	unsigned int o = 0;

	if (!s)
		return;
	s->pub.snd_wnd = (uint32_t)EV_U(ev, tcp_finish_connect_ret, snd_wnd);
	s->pub.snd_wscale = (int)EV_I(ev, tcp_finish_connect_ret, snd_wscale);
	s->pub.rcv_wscale = (int)EV_I(ev, tcp_finish_connect_ret, rcv_wscale);
	s->pub.mss_cache = (uint32_t)EV_U(ev, tcp_finish_connect_ret, mss_cache);
	s->pub.advmss = (uint32_t)EV_U(ev, tcp_finish_connect_ret, advmss);
	s->pub.rcv_mss = (uint32_t)EV_U(ev, tcp_finish_connect_ret, rcv_mss);
	s->pub.rto = (uint32_t)EV_U(ev, tcp_finish_connect_ret, rto);
	s->pub.srtt = (uint32_t)EV_U(ev, tcp_finish_connect_ret, srtt);
	s->pub.snd_cwnd = (uint32_t)EV_U(ev, tcp_finish_connect_ret, snd_cwnd);
	s->pub.rcv_wnd = (uint32_t)EV_U(ev, tcp_finish_connect_ret, rcv_wnd);
	s->pub.window_clamp = (uint32_t)EV_U(ev, tcp_finish_connect_ret, window_clamp);
	if (EV_I(ev, tcp_finish_connect_ret, tstamp_ok))
		o |= MODEL_OPT_TS;
	if (EV_I(ev, tcp_finish_connect_ret, sack_ok))
		o |= MODEL_OPT_SACK;
	if (s->pub.snd_wscale > 0 || s->pub.rcv_wscale > 0)
		o |= MODEL_OPT_WSCALE;
	s->pub.options = (s->pub.options & MODEL_OPT_ECN) | o;
}

void ap_ack_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_ack_ret, sk_id);

	if (!s)
		return;
	s->pub.snd_una = (uint32_t)EV_U(ev, tcp_ack_ret, snd_una);
	s->pub.snd_wnd = (uint32_t)EV_U(ev, tcp_ack_ret, snd_wnd);
}

void ap_send_ack(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_send_ack, sk_id);

	if (!s)
		return;
	s->pub.snd_nxt = (uint32_t)EV_U(ev, tcp_send_ack, snd_nxt);
	s->pub.rcv_nxt = (uint32_t)EV_U(ev, tcp_send_ack, rcv_nxt);
}

/* TCP_ECN_rcv_synack: ECN agreed or not.  In SYN_SENT it runs once the
 * SYN-ACK passed every check: the seq remembered is the peer's ISN. */
void ap_ecn_synack(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, TCP_ECN_rcv_synack, sk_id);
	unsigned int flags = (unsigned int)EV_U(ev, TCP_ECN_rcv_synack, flags);

	if (!s)
		return;
	if (EV_U(ev, TCP_ECN_rcv_synack, ecn_flags) & 1)
		s->pub.options |= MODEL_OPT_ECN;
	else
		s->pub.options &= ~(unsigned int)MODEL_OPT_ECN;
	if (s->pend_irs_valid && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
		s->pub.irs = s->pend_irs;
	s->pend_irs_valid = false;
}

void ap_retransmit_timer(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_retransmit_timer, sk_id);

	if (!s)
		return;
	s->pub.retransmits = (unsigned int)EV_U(ev, tcp_retransmit_timer, retransmits) + 1;
	s->pub.rto = (uint32_t)EV_U(ev, tcp_retransmit_timer, rto);
}

void ap_set_rto(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_set_rto, sk_id);

	if (s)
		s->pub.rto = (uint32_t)EV_U(ev, tcp_set_rto, rto);
}

void ap_rtt(struct mstate *st, const struct model_event *ev)
{
	struct msock *s = EV_SOCK(st, ev, tcp_rtt_estimator, sk_id);

	if (s)
		s->pub.srtt = (uint32_t)EV_U(ev, tcp_rtt_estimator, srtt);
}

/* inet_twsk_alloc: a TIME-WAIT socket with the socket's identity. */
void ap_twsk_alloc(struct mstate *st, const struct model_event *ev)
{
	struct msock *tw = EV_SOCK(st, ev, inet_twsk_alloc, tw_id);
	struct msock *sk = state_sock(st, (uint32_t)EV_U(ev, inet_twsk_alloc, sk_id));

	if (!tw)
		return;
	tw->pub.tw = true;
	tw->pub.state = (int)EV_I(ev, inet_twsk_alloc, substate);
	tw->pub.saddr = EV_ADDR(ev, inet_twsk_alloc, saddr);
	tw->pub.sport = (uint16_t)EV_U(ev, inet_twsk_alloc, sport);
	tw->pub.daddr = EV_ADDR(ev, inet_twsk_alloc, daddr);
	tw->pub.dport = (uint16_t)EV_U(ev, inet_twsk_alloc, dport);
	tw->pub.hash = (uint32_t)EV_U(ev, inet_twsk_alloc, hash);
	tw->pub.tw_of = (uint32_t)EV_U(ev, inet_twsk_alloc, sk_id);
	tw->stamp = st->dump_gen;
	if (sk)
		sk->pub.tw_sock = tw->pub.id;
}

void ap_twsk_schedule(struct mstate *st, const struct model_event *ev)
{
	struct msock *tw = EV_SOCK(st, ev, inet_twsk_schedule, tw_id);

	if (tw)
		tw->pub.tw_ttd = EV_U(ev, inet_twsk_schedule, ttd);
}

void ap_tw_state_ret(struct mstate *st, const struct model_event *ev)
{
	struct msock *tw = EV_SOCK(st, ev, tcp_timewait_state_process_ret, tw_id);

	if (tw)
		tw->pub.state = (int)EV_I(ev, tcp_timewait_state_process_ret, substate);
}

void ap_twsk_free(struct mstate *st, const struct model_event *ev)
{
	uint32_t id = (uint32_t)EV_U(ev, inet_twsk_free, tw_id);
	const struct msock *tw = state_sock_const(st, id);

	if (tw && (tw->pub.where != MODEL_UNHASHED || tw->pub.bound_port))
		state_incons(st, "inet_twsk_free: TIME-WAIT socket %u is still in a table", id);
	state_sock_remove(st, id);
}

/* tcp_time_wait_ret with made 0: tcp_max_tw_buckets was reached. */
void ap_time_wait_ret(struct mstate *st, const struct model_event *ev)
{
	if (!EV_I(ev, tcp_time_wait_ret, made))
		state_mib_add(st, "TCPTimeWaitOverflow", 1);
}

void ap_tw_timer(struct mstate *st, const struct model_event *ev)
{
	(void)ev;
	state_mib_add(st, "TW", 1);
}

void timer_set(struct mstate *st, uint64_t key, const char *name, uint32_t owner,
	       uint64_t expires, uint64_t now)
{
	struct model_timer *t = NULL;

	for (size_t i = 0; i < st->ntimers; i++)
		if (st->timers[i].key == key)
			t = &st->timers[i];
	if (!t) {
		if (grow((void **)&st->timers, &st->ctimers, st->ntimers, sizeof(*st->timers))) {
			st->oom = true;
			return;
		}
		t = &st->timers[st->ntimers++];
		memset(t, 0, sizeof(*t));
		t->key = key;
	}
	snprintf(t->name, sizeof(t->name), "%s", name ? name : "");
	t->owner_id = owner;
	t->expires = expires;
	t->armed_jiffies = now;
	t->armed_index = st->pos;
}

void ap_timer_armed(struct mstate *st, const struct model_event *ev)
{
	st->now_jiffies = EV_U(ev, timer_armed, now);
	timer_set(st, EV_U(ev, timer_armed, timer), EV_STR(ev, timer_armed, name),
		  (uint32_t)EV_U(ev, timer_armed, owner_id), EV_U(ev, timer_armed, expires), st->now_jiffies);
}

/* timer_fired, timer_cancelled: no longer pending. */
void ap_timer_gone(struct mstate *st, const struct model_event *ev)
{
	uint64_t key = EV_U(ev, timer_gone, timer);

	st->now_jiffies = EV_U(ev, timer_gone, now);
	for (size_t i = 0; i < st->ntimers; i++)
		if (st->timers[i].key == key) {
			memmove(&st->timers[i], &st->timers[i + 1],
				(st->ntimers - i - 1) * sizeof(*st->timers));
			st->ntimers--;
			return;
		}
}

void ap_xmit_hdr(struct mstate *st, const struct model_event *ev)
{
	if (EV_I(ev, tcp_transmit_skb_hdr, outsegs))
		state_mib_add(st, "OutSegs", 1);
}

/* tcp_v4_send_reset counts OutSegs once it has built and sent the RST
 * (verdict SENT); tcp_v4_send_ack always. */
void ap_send_reset(struct mstate *st, const struct model_event *ev)
{
	const char *v = EV_LABEL(ev, tcp_v4_send_reset, verdict);

	if (v && !strcmp(v, "SENT"))
		state_mib_add(st, "OutSegs", 1);
}

void ap_tw_send_ack(struct mstate *st, const struct model_event *ev)
{
	(void)ev;
	state_mib_add(st, "OutSegs", 1);
}

void ap_retransmit_ret(struct mstate *st, const struct model_event *ev)
{
	if (!EV_I(ev, tcp_retransmit_skb_ret, ret))
		state_mib_add(st, "RetransSegs", 1);
}
