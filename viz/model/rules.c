// SPDX-License-Identifier: GPL-2.0-only
/*
 * rules.c - THE table: every connscope event (docs/tracepoints.md), what
 * it changes in the model, and the function that applies it.  model_apply
 * uses nothing else, and the views read the same table (model_rules), so
 * the trace, the model and the views cannot disagree about an event.
 *
 * An event's call role follows from the table itself: NAME opens a call
 * when NAME_ret is listed, NAME_ret closes it, any other event is a leaf.
 * Packets, call trees and state transitions are history, recorded for
 * every event stored (history.c) from the events named here with
 * MODEL_FX_PACKET / MODEL_FX_STATE.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "apply.h"

#define FX(x) MODEL_FX_##x
#define R(ev, fx, fn, change) { { MODEL_E_##ev, MODEL_CALL_LEAF, fx, change }, fn }
#define NONE(ev) R(ev, FX(NONE), NULL, "no state change")

static struct rule_impl table[] = {
	/* stack set-up, sizes */
	R(alloc_large_system_hash, FX(NONE), NULL, "no state change (a table allocated)"),
	R(inet_hashinfo_init, FX(SIZES), ap_sizes, "sets the ehash, lock, bhash and listening sizes"),
	R(net_init, FX(SIZES) | FX(SOCK), ap_net_init,
	  "a stack came up: the state starts afresh with its ehash and bhash sizes"),
	NONE(build_ehash_secret),
	R(net_exit, FX(NONE), NULL, "no state change (the stack's teardown starts: the default"
	  " moment of connscope-dot and connscope-model-dump is just before it)"),
	/* sockets: life, descriptors, states */
	R(sk_alloc, FX(SOCK), ap_sk_alloc, "a socket is born (state CLOSE)"),
	R(sk_free, FX(SOCK), ap_sk_free, "the socket is gone"),
	NONE(inet_create),
	R(sys_socket, FX(SOCK), ap_sys_socket, "the socket born on this thread gets its descriptor"),
	R(sys_close, FX(SOCK), ap_sys_close, "the socket loses its descriptor"),
	NONE(sys_connect), NONE(sys_connect_ret), NONE(sockfd_lookup_light),
	NONE(move_addr_to_kernel), NONE(security_socket_connect),
	R(inet_bind, FX(SOCK), ap_inet_bind, "a bound socket's local address and port"),
	NONE(inet_listen),
	NONE(inet_stream_connect), NONE(inet_stream_connect_ret),
	NONE(__inet_stream_connect), NONE(__inet_stream_connect_ret),
	NONE(inet_wait_for_connect), NONE(inet_wait_for_connect_ret),
	NONE(sk_backlog_rcv), NONE(sk_setup_caps),
	R(inet_sock_set_state, FX(SOCK) | FX(STATE) | FX(MIB), ap_set_state,
	  "the socket's TCP state (a transition; EstabResets when an established connection closes), "
	  "addresses and ports"),
	R(tcp_done, FX(SOCK) | FX(MIB), ap_tcp_done,
	  "the socket's error; AttemptFails when it ended an open"),
	NONE(tcp_close), NONE(tcp_disconnect), NONE(inet_csk_destroy_sock),
	R(tcp_write_err, FX(SOCK), ap_sk_err, "the socket's error (ETIMEDOUT)"),
	R(tcp_retransmit_timer, FX(SOCK), ap_retransmit_timer, "retransmissions and RTO"),
	NONE(tcp_write_timeout),
	/* tcp_v4_connect */
	R(tcp_v4_connect, FX(SOCK), ap_v4_connect, "the destination address and port asked for"),
	R(tcp_v4_connect_ret, FX(SOCK), ap_v4_connect_ret,
	  "the socket's 4-tuple as connect left it; the ISN on success"),
	R(tcp_v4_connect_isn, FX(SOCK), ap_connect_isn, "the ISN: write_seq, snd_una, snd_nxt"),
	NONE(tcp_v4_send_check), NONE(tcp_twsk_unique),
	NONE(ip_route_connect), NONE(ip_route_connect_ret), NONE(__ip_route_output_key),
	NONE(ip_route_newports), NONE(ip_route_newports_ret), NONE(ip_route_input),
	NONE(secure_tcp_sequence_number), NONE(secure_ipv4_port_ephemeral),
	/* the bind hash */
	R(inet_bind_bucket_create, FX(BHASH), ap_bucket_create,
	  "a bind bucket (fastreuse 0/0) at the head of its bhash slot"),
	R(inet_bind_bucket_destroy, FX(BHASH), ap_bucket_destroy,
	  "destroyed=1: the bind bucket leaves its slot"),
	R(inet_bind_hash, FX(BHASH), ap_bind_hash, "the socket becomes the head owner of the port's bucket"),
	R(inet_put_port, FX(BHASH), ap_put_port, "the socket leaves the port's owners"),
	NONE(inet_put_port_ret),
	NONE(inet_hash_connect), NONE(inet_hash_connect_ret),
	NONE(__inet_hash_connect), NONE(__inet_hash_connect_ret),
	R(inet_hash_connect_probe, FX(BHASH), ap_connect_probe,
	  "ok_new_bucket: the new bucket gets fastreuse = fastreuseport = -1"),
	NONE(inet_csk_get_port), NONE(inet_csk_get_port_probe), NONE(inet_csk_bind_conflict),
	R(inet_csk_get_port_ret, FX(BHASH), ap_get_port_ret,
	  "the bucket's fastreuse and fastreuseport after bind() or listen()"),
	/* the established hash */
	R(__inet_check_established, FX(EHASH), ap_check_established,
	  "remembers the port, hash and slot the socket is tried with"),
	R(__inet_check_established_ret, FX(EHASH) | FX(MIB), ap_check_established_ret,
	  "unique / tw_recycled: the socket at the head of its ehash chain (TWRecycled)"),
	R(__inet_hash_nolisten, FX(EHASH), ap_hash_nolisten, "the socket at the head of its ehash chain"),
	NONE(__inet_hash_nolisten_ret),
	R(__inet_hash, FX(LHASH) | FX(STATE), ap_inet_hash,
	  "listening=1: the listener (state LISTEN) at the head of its slot"),
	NONE(__inet_hash_ret),
	R(inet_unhash, FX(EHASH) | FX(LHASH), ap_unhash,
	  "done=1: the socket leaves its ehash chain or listening slot"),
	NONE(__inet_lookup_established), NONE(__inet_lookup_listener),
	/* TIME-WAIT */
	R(tcp_time_wait, FX(STATE), NULL,
	  "a transition to TIME_WAIT (3.10 does not use tcp_set_state for it)"),
	R(tcp_time_wait_ret, FX(MIB), ap_time_wait_ret, "made 0: TCPTimeWaitOverflow"),
	R(inet_twsk_alloc, FX(SOCK), ap_twsk_alloc, "a TIME-WAIT socket with the socket's identity"),
	R(__inet_twsk_hashdance, FX(BHASH), ap_hashdance,
	  "the TIME-WAIT socket becomes the head owner of the port's bucket"),
	R(__inet_twsk_hashdance_ret, FX(EHASH), ap_hashdance_ret,
	  "the TIME-WAIT socket at the head of twchain, the socket out of chain"),
	R(inet_twsk_schedule, FX(SOCK), ap_twsk_schedule, "the TIME-WAIT socket's time to die"),
	NONE(inet_twsk_deschedule), NONE(inet_twsk_deschedule_ret),
	R(inet_twsk_unhash, FX(EHASH), ap_twsk_unhash, "done=1: the TIME-WAIT socket leaves twchain"),
	R(inet_twsk_bind_unhash, FX(BHASH), ap_twsk_bind_unhash,
	  "done=1: the TIME-WAIT socket leaves the port's owners"),
	NONE(__inet_twsk_kill), NONE(__inet_twsk_kill_ret),
	R(tw_timer_handler, FX(MIB), ap_tw_timer, "TcpExt TW"),
	NONE(tw_timer_handler_ret),
	R(inet_twsk_free, FX(SOCK), ap_twsk_free, "the TIME-WAIT socket is gone"),
	NONE(tcp_timewait_state_process),
	R(tcp_timewait_state_process_ret, FX(SOCK) | FX(STATE), ap_tw_state_ret,
	  "the TIME-WAIT socket's substate (FIN_WAIT2 -> TIME_WAIT on the peer's FIN)"),
	/* timers */
	R(timer_armed, FX(TIMER), ap_timer_armed, "the timer is pending until its expiry"),
	R(timer_fired, FX(TIMER), ap_timer_gone, "the timer is no longer pending"),
	R(timer_cancelled, FX(TIMER), ap_timer_gone, "the timer is no longer pending"),
	NONE(inet_csk_reset_xmit_timer), NONE(inet_csk_clear_xmit_timer),
	NONE(tcp_send_delayed_ack),
	/* output */
	NONE(tcp_connect),
	R(tcp_connect_ret, FX(SOCK) | FX(MIB), ap_connect_ret, "snd_nxt, write_seq, RTO; ActiveOpens"),
	NONE(tcp_connect_init),
	R(tcp_connect_init_ret, FX(SOCK), ap_connect_init_ret,
	  "MSS clamp and cache, advmss, rcv_wnd, window clamp, our window scale, RTO"),
	NONE(tcp_select_initial_window), NONE(tcp_mtup_init), NONE(tcp_sync_mss),
	NONE(tcp_init_nondata_skb), NONE(tcp_connect_queue_skb), NONE(TCP_ECN_send_syn),
	NONE(tcp_syn_options),
	R(tcp_options_write, FX(PACKET), NULL, "the option bytes of the next header sent"),
	NONE(tcp_transmit_skb),
	R(tcp_transmit_skb_hdr, FX(PACKET) | FX(MIB), ap_xmit_hdr, "a segment sent (OutSegs)"),
	NONE(tcp_transmit_skb_ret), NONE(tcp_select_window),
	NONE(tcp_retransmit_skb),
	R(tcp_retransmit_skb_ret, FX(MIB), ap_retransmit_ret, "RetransSegs"),
	R(tcp_send_ack, FX(SOCK), ap_send_ack, "snd_nxt, rcv_nxt"),
	NONE(tcp_send_fin), NONE(tcp_send_active_reset),
	NONE(tcp_send_synack), NONE(tcp_send_synack_ret),
	/* input */
	R(tcp_v4_rcv, FX(PACKET), NULL, "a segment received"),
	R(tcp_v4_rcv_ret, FX(PACKET), NULL, "the socket the segment went to"),
	R(tcp_v4_do_rcv, FX(SOCK), ap_rx_entry,
	  "rcv_nxt, snd_una, snd_nxt; a SYN_SENT socket's SYN-ACK seq (the peer's ISN once accepted)"),
	NONE(tcp_v4_do_rcv_ret),
	R(tcp_v4_send_reset, FX(PACKET) | FX(MIB), ap_send_reset,
	  "a RST sent without a socket (OutSegs, unless the segment was a RST or not local)"),
	R(tcp_v4_send_ack, FX(PACKET) | FX(MIB), ap_tw_send_ack,
	  "an ACK sent by a TIME-WAIT socket (OutSegs)"),
	NONE(tcp_v4_err), NONE(tcp_v4_err_ret),
	R(tcp_rcv_state_process, FX(SOCK), ap_rx_entry,
	  "rcv_nxt, snd_una, snd_nxt; a SYN_SENT socket's SYN-ACK seq (the peer's ISN once accepted)"),
	NONE(tcp_rcv_state_process_ret),
	R(tcp_rcv_synsent_state_process, FX(SOCK), ap_rx_entry,
	  "rcv_nxt, snd_una, snd_nxt; the SYN-ACK's seq (the peer's ISN once accepted)"),
	R(tcp_rcv_synsent_state_process_ret, FX(SOCK), ap_synsent_ret,
	  "snd_una, rcv_nxt, snd_wnd; the peer's ISN"),
	R(tcp_rcv_established, FX(SOCK), ap_rx_entry, "rcv_nxt, snd_una, snd_nxt"),
	NONE(tcp_parse_options),
	R(TCP_ECN_rcv_synack, FX(SOCK), ap_ecn_synack,
	  "ECN agreed or not; in SYN_SENT the SYN-ACK was accepted: the peer's ISN (irs)"),
	NONE(TCP_ECN_rcv_syn),
	NONE(tcp_finish_connect),
	R(tcp_finish_connect_ret, FX(SOCK), ap_finish_connect_ret,
	  "windows, scales, MSS, RTO, srtt, cwnd and the options agreed"),
	NONE(tcp_init_metrics), NONE(tcp_init_buffer_space), NONE(tcp_initialize_rcv_mss),
	NONE(tcp_reset), NONE(tcp_fin),
	NONE(tcp_validate_incoming), NONE(tcp_data_queue),
	NONE(tcp_ack),
	R(tcp_ack_ret, FX(SOCK), ap_ack_ret, "snd_una, snd_wnd"),
	NONE(tcp_clean_rtx_queue),
	R(tcp_rtt_estimator, FX(SOCK), ap_rtt, "srtt"),
	R(tcp_set_rto, FX(SOCK), ap_set_rto, "RTO"),
	NONE(tcp_send_challenge_ack),
	/* IP, neighbours, devices, buffers, ICMP */
	NONE(ip_queue_xmit), NONE(ip_queue_xmit_ret),
	R(ip_local_out, FX(PACKET), NULL, "the IPv4 header of the segment being sent"),
	R(ip_rcv, FX(PACKET), NULL, "the IPv4 header of the segment being received"),
	NONE(ip_local_deliver), NONE(ip_defrag), NONE(ip_error),
	NONE(neigh_create), NONE(neigh_state_change), NONE(neigh_invalidate),
	NONE(neigh_resolve_output), NONE(arp_send), NONE(arp_rcv),
	NONE(dev_queue_xmit), NONE(netif_receive_skb), NONE(nic_rx_missed),
	NONE(alloc_skb_fclone), NONE(skb_clone), NONE(pskb_copy),
	NONE(icmp_rcv), NONE(icmp_push_reply), NONE(icmp_socket_deliver),
	/* the state dump */
	R(statedump_begin, FX(DUMP) | FX(SIZES), ap_sd_begin, "a state dump starts: the sizes"),
	R(statedump_sock, FX(DUMP) | FX(SOCK), ap_sd_sock, "a socket with its descriptor, as it is"),
	R(statedump_table, FX(DUMP), ap_sd_table, "the table is replaced by the entries that follow"),
	R(statedump_ehash, FX(DUMP) | FX(EHASH), ap_sd_ehash, "an ehash entry, appended to its list"),
	R(statedump_bind_bucket, FX(DUMP) | FX(BHASH), ap_sd_bucket,
	  "a bind bucket, appended to its slot"),
	R(statedump_bind_owner, FX(DUMP) | FX(BHASH), ap_sd_owner, "an owner, appended to the bucket"),
	R(statedump_listen, FX(DUMP) | FX(LHASH), ap_sd_listen, "a listener, appended to its slot"),
	R(statedump_timer, FX(DUMP) | FX(TIMER), ap_sd_timer, "a pending timer"),
	R(statedump_end, FX(DUMP) | FX(SOCK), ap_sd_end,
	  "the dump is complete: sockets it did not mention are gone"),
};

#define NRULES (sizeof(table) / sizeof(table[0]))

static struct model_rule sorted_pub[NRULES];
static const struct rule_impl *sorted[NRULES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_rule(const void *a, const void *b)
{
	return strcmp((*(const struct rule_impl *const *)a)->pub.event,
		      (*(const struct rule_impl *const *)b)->pub.event);
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct rule_impl *const *)elem)->pub.event);
}

static const struct rule_impl *find_raw(const char *event)
{
	const struct rule_impl *const *r =
		bsearch(event, sorted, NRULES, sizeof(sorted[0]), cmp_key);

	return r ? *r : NULL;
}

/* Sort the table by name and derive each event's call role. */
static void rules_init(void)
{
	char buf[128];
	size_t len;

	for (size_t i = 0; i < NRULES; i++)
		sorted[i] = &table[i];
	qsort(sorted, NRULES, sizeof(sorted[0]), cmp_rule);
	for (size_t i = 0; i < NRULES; i++) {
		struct rule_impl *r = &table[i];

		len = strlen(r->pub.event);
		snprintf(buf, sizeof(buf), "%s_ret", r->pub.event);
		if (len > 4 && !strcmp(r->pub.event + len - 4, "_ret")) {
			snprintf(buf, sizeof(buf), "%.*s", (int)(len - 4), r->pub.event);
			if (find_raw(buf))
				r->pub.role = MODEL_CALL_EXIT;
		} else if (find_raw(buf)) {
			r->pub.role = MODEL_CALL_ENTER;
		}
	}
	for (size_t i = 0; i < NRULES; i++)
		sorted_pub[i] = sorted[i]->pub;
}

const struct rule_impl *rule_impl_find(const char *event)
{
	pthread_once(&once, rules_init);
	return find_raw(event);
}

const struct model_rule *model_rule_find(const char *event)
{
	const struct rule_impl *r = rule_impl_find(event);

	return r ? &r->pub : NULL;
}

const struct model_rule *model_rules(size_t *n)
{
	pthread_once(&once, rules_init);
	if (n)
		*n = NRULES;
	return sorted_pub;
}

bool rules_apply(struct mstate *st, const struct model_event *ev)
{
	const struct rule_impl *r = rule_impl_find(ev->name);

	if (!r)
		return false;
	if (r->apply)
		r->apply(st, ev);
	return true;
}
