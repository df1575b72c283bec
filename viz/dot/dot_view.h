/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dot_view.h - what a diagram shows, as plain data.
 *
 * The drawing code (dot_*.c) reads only these structures; dot_fill.c fills
 * them from the trace model (viz/model/model.h), and the unit tests fill
 * them from fixtures.  Every array is in the order it is drawn: slots by
 * increasing index, chains head first (3.10 inserts at the head), calls in
 * pre-order.  Strings and arrays are borrowed: they live in a dot_arena or
 * in the caller's static data.
 */
#ifndef CS_DOT_VIEW_H
#define CS_DOT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One socket or TIME-WAIT socket in a chain or an owner list. */
struct dot_sock {
	uint32_t id;		/* sk_id, or tw_id when tw */
	bool tw;		/* a TIME-WAIT sock (node id "tw<id>", else "sk<id>") */
	const char *state;	/* "SYN_SENT", "TCP_ESTABLISHED", ... (TCP_ prefix optional) */
	uint8_t saddr[4], daddr[4];	/* network order */
	uint16_t sport, dport;	/* host order */
	uint32_t hash;		/* sk_hash */
	const char *extra;	/* one more line (a timer, ...) or NULL */
};

/* One non-empty slot of a socket hash table (ehash, listening hash). */
struct dot_slot {
	uint32_t index;
	const struct dot_sock *chain;
	size_t nchain;
	const struct dot_sock *twchain;	/* ehash only */
	size_t ntw;
};

/* The socket to highlight: the one inserted by the latest connect. */
struct dot_highlight {
	bool on;
	uint32_t id;
	bool tw;
	uint32_t hash;		/* the value that chose the slot */
	uint32_t slot;
	const char *why;	/* the line drawn under it; NULL: "hash H & mask = slot S" */
};

/* ehash, listening hash, or the TIME-WAIT part of ehash. */
struct dot_table_view {
	const char *name;	/* "ehash", "listen", "tw": node id of the array */
	const char *caption;	/* graph label, or NULL */
	uint32_t size;		/* number of slots */
	const struct dot_slot *slots;
	size_t nslots;
	struct dot_highlight hl;
};

/* One inet_bind_bucket and its owners. */
struct dot_bind_bucket {
	uint16_t port;
	int fastreuse, fastreuseport;	/* -1 when created by connect() */
	const struct dot_sock *owners;
	size_t nowners;
};

struct dot_bslot {
	uint32_t index;
	const struct dot_bind_bucket *bbs;
	size_t nbb;
};

struct dot_bhash_view {
	const char *caption;
	uint32_t size;
	const struct dot_bslot *slots;
	size_t nslots;
	struct dot_highlight hl;	/* slot = bhash slot, id = owner */
};

/* One TCP state transition seen in the trace, and how often. */
struct dot_transition {
	const char *from, *to;
	unsigned long count;
	const char *cause;	/* the event that made it ("tcp_time_wait"), or NULL */
};

struct dot_state_view {
	const char *caption;
	const struct dot_transition *t;
	size_t n;
	const char *current;	/* state to outline (the selected socket's), or NULL */
};

/* One step of a connect's call tree, in pre-order. */
struct dot_call {
	const char *name;	/* kernel function name */
	unsigned depth;		/* 0 for sys_connect */
	int64_t entry_ns;	/* event time */
	int64_t exit_ns;	/* the _ret event's time; -1 for a one-event step */
	bool has_ret;
	int ret;		/* the _ret event's ret, when has_ret */
	const char *ret_label;	/* its enum label ("EADDRNOTAVAIL"), NULL if none */
	const char *detail;	/* what it decided ("port 37911 ok_new_bucket", "unique = 0"), or NULL */
	bool attached;		/* softirq work of another thread placed here (the
				 * SYN-ACK, a RST, a timer): marked "softirq" */
};

struct dot_callpath_view {
	const char *caption;
	uint32_t sk_id;
	const struct dot_call *calls;
	size_t n;
};

/*
 * The ladder (sequence diagram) of a connect or a run: one row per moment,
 * in trace order.  A row is a frame on the wire (an arrow between the
 * stack's column and a peer's), a state change of the stack's socket, a
 * timer armed, fired or cancelled, or a note (connect()'s return).
 */
enum dot_tmark { DOT_T_NONE, DOT_T_ARM, DOT_T_FIRE, DOT_T_CANCEL };

struct dot_lrow {
	int64_t ns;		/* since the ladder's first row */
	int peer;		/* a frame: its peer's column (0-based); -1 no frame */
	bool out;		/* the stack sent it (else received) */
	bool retrans;		/* a retransmission (drawn in its colour) */
	bool arp;		/* an ARP frame */
	const char *frame;	/* the arrow's label (flags, rel. seq/ack, window, options) */
	const char *raw;	/* the frame in absolute numbers (the edge's comment) */
	const char *note;	/* written on the stack's side (a state change, a return) */
	const char *state;	/* a state change: the state entered (its colour) */
	int timer;		/* the timer column this row touches, -1 none */
	enum dot_tmark tmark;
	const char *tlabel;	/* "armed 1000 ms", "fired", "cancelled" */
};

struct dot_ladder_view {
	const char *caption;
	const char *stack;	/* the stack's column head */
	const char *const *peers;	/* the peers' column heads */
	size_t npeers;
	const char *const *timers;	/* the timer columns ("retransmit", "neigh") */
	size_t ntimers;
	const struct dot_lrow *rows;
	size_t n;
};

/* One candidate port of __inet_hash_connect's search. */
struct dot_probe {
	uint32_t i;		/* candidate number, from 1 */
	uint16_t port;
	uint32_t bhash;		/* its bind-hash slot */
	uint16_t expect;	/* low + (i + offset) % remaining, recomputed */
	const char *verdict;	/* "ok_new_bucket", "reserved", ... */
	const char *why;	/* who refused it (a socket, a reservation), or NULL */
	bool taken;
};

/* The port search of one connect (__inet_hash_connect, ephemeral path). */
struct dot_ports_view {
	const char *caption;
	uint32_t sk_id;
	uint32_t port_offset, hint_before, hint_after, offset;
	uint32_t low, high, remaining;
	const char *ret;	/* "OK", "EADDRNOTAVAIL" */
	uint16_t port;		/* the port taken, 0 none */
	const struct dot_probe *probes;
	size_t n;
	size_t total;		/* probes in the trace (n may be cut by --max-slots) */
};

/* Drawing options shared by every view. */
struct dot_opts {
	unsigned max_chain;	/* entries drawn per chain / owner list (default 8) */
	unsigned max_slots;	/* non-empty slots drawn per table (default 32) */
};

#define DOT_MAX_CHAIN_DEFAULT 8
#define DOT_MAX_SLOTS_DEFAULT 32

/* A bump allocator for the strings and arrays a view borrows. */
struct dot_arena {
	struct dot_arena_block *head;
};

void *dot_arena_alloc(struct dot_arena *a, size_t size);	/* zeroed; NULL on ENOMEM */
char *dot_arena_printf(struct dot_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dot_arena_free(struct dot_arena *a);

#endif
