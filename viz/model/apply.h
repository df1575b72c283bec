/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * apply.h - the functions the rule table (rules.c) points at: each applies
 * one event's state change to the model's state.  apply_sock.c (sockets,
 * timers, counters), apply_tables.c (the hash tables), apply_dump.c (the
 * state dump).
 */
#ifndef CS_VIZ_APPLY_H
#define CS_VIZ_APPLY_H

#include "events.h"
#include "model_int.h"

/* The socket named by field @f of @ev (event or class @e), created on first mention. */
#define EV_SOCK(st, ev, e, f) ev_sock((st), (ev), MODEL_EF(e, f))

struct msock *ev_sock(struct mstate *st, const struct model_event *ev, const char *field);

/* apply_sock.c */
void ap_sizes(struct mstate *st, const struct model_event *ev);
void ap_net_init(struct mstate *st, const struct model_event *ev);
void ap_sk_alloc(struct mstate *st, const struct model_event *ev);
void ap_sk_free(struct mstate *st, const struct model_event *ev);
void ap_sys_socket(struct mstate *st, const struct model_event *ev);
void ap_sys_close(struct mstate *st, const struct model_event *ev);
void ap_inet_bind(struct mstate *st, const struct model_event *ev);
void ap_set_state(struct mstate *st, const struct model_event *ev);
void ap_tcp_done(struct mstate *st, const struct model_event *ev);
void ap_sk_err(struct mstate *st, const struct model_event *ev);
void ap_v4_connect(struct mstate *st, const struct model_event *ev);
void ap_v4_connect_ret(struct mstate *st, const struct model_event *ev);
void ap_connect_isn(struct mstate *st, const struct model_event *ev);
void ap_connect_init_ret(struct mstate *st, const struct model_event *ev);
void ap_connect_ret(struct mstate *st, const struct model_event *ev);
void ap_rx_entry(struct mstate *st, const struct model_event *ev);
void ap_synsent_ret(struct mstate *st, const struct model_event *ev);
void ap_finish_connect_ret(struct mstate *st, const struct model_event *ev);
void ap_ack_ret(struct mstate *st, const struct model_event *ev);
void ap_send_ack(struct mstate *st, const struct model_event *ev);
void ap_ecn_synack(struct mstate *st, const struct model_event *ev);
void ap_retransmit_timer(struct mstate *st, const struct model_event *ev);
void ap_set_rto(struct mstate *st, const struct model_event *ev);
void ap_rtt(struct mstate *st, const struct model_event *ev);
void ap_twsk_alloc(struct mstate *st, const struct model_event *ev);
void ap_twsk_schedule(struct mstate *st, const struct model_event *ev);
void ap_tw_state_ret(struct mstate *st, const struct model_event *ev);
void ap_twsk_free(struct mstate *st, const struct model_event *ev);
void ap_time_wait_ret(struct mstate *st, const struct model_event *ev);
void ap_tw_timer(struct mstate *st, const struct model_event *ev);
void ap_timer_armed(struct mstate *st, const struct model_event *ev);
void ap_timer_gone(struct mstate *st, const struct model_event *ev);
void ap_xmit_hdr(struct mstate *st, const struct model_event *ev);
void ap_retransmit_ret(struct mstate *st, const struct model_event *ev);
void ap_send_reset(struct mstate *st, const struct model_event *ev);
void ap_tw_send_ack(struct mstate *st, const struct model_event *ev);

/* apply_tables.c */
void ap_bucket_create(struct mstate *st, const struct model_event *ev);
void ap_bucket_destroy(struct mstate *st, const struct model_event *ev);
void ap_connect_probe(struct mstate *st, const struct model_event *ev);
void ap_get_port_ret(struct mstate *st, const struct model_event *ev);
void ap_bind_hash(struct mstate *st, const struct model_event *ev);
void ap_put_port(struct mstate *st, const struct model_event *ev);
void ap_check_established(struct mstate *st, const struct model_event *ev);
void ap_check_established_ret(struct mstate *st, const struct model_event *ev);
void ap_hash_nolisten(struct mstate *st, const struct model_event *ev);
void ap_inet_hash(struct mstate *st, const struct model_event *ev);
void ap_unhash(struct mstate *st, const struct model_event *ev);
void ap_hashdance(struct mstate *st, const struct model_event *ev);
void ap_hashdance_ret(struct mstate *st, const struct model_event *ev);
void ap_twsk_unhash(struct mstate *st, const struct model_event *ev);
void ap_twsk_bind_unhash(struct mstate *st, const struct model_event *ev);

/* apply_dump.c */
void ap_sd_begin(struct mstate *st, const struct model_event *ev);
void ap_sd_sock(struct mstate *st, const struct model_event *ev);
void ap_sd_table(struct mstate *st, const struct model_event *ev);
void ap_sd_ehash(struct mstate *st, const struct model_event *ev);
void ap_sd_bucket(struct mstate *st, const struct model_event *ev);
void ap_sd_owner(struct mstate *st, const struct model_event *ev);
void ap_sd_listen(struct mstate *st, const struct model_event *ev);
void ap_sd_timer(struct mstate *st, const struct model_event *ev);
void ap_sd_end(struct mstate *st, const struct model_event *ev);

/* shared by apply_tables.c and apply_dump.c */
bool owner_add(struct mstate *st, struct mbucket *b, uint32_t id, bool tw, bool head);
bool owner_remove(struct mbucket *b, uint32_t id);
void timer_set(struct mstate *st, uint64_t key, const char *name, uint32_t owner,
	       uint64_t expires, uint64_t now);

#endif
