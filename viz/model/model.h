/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * model.h - the trace model: the state of a connscope stack rebuilt from its
 * LTTng trace alone (issue 5).  The Graphviz exporter (viz/dot) and the
 * ncurses viewer (viz/tui) read the stack only through this API.
 *
 * Layering: this header and the viz/model sources know the trace (docs/tracepoints.md,
 * the docs/tp fragments) and nothing of core/.  Link build/lib/libcsmodel.a and
 * `pkg-config --libs babeltrace2`.
 *
 *   struct model_source *src = model_source_open(path, err, sizeof(err));
 *   struct model *m = model_new();
 *   struct model_event ev;
 *   model_event_init(&ev);
 *   while ((r = model_source_next(src, &ev)) == MODEL_SOURCE_OK)
 *       model_apply(m, &ev);
 *   ... r == MODEL_SOURCE_END, or MODEL_SOURCE_ERROR: model_source_error(src)
 *   model_seek(m, n);  model_dump_tables(m, stdout);
 *
 * or, all at once: model_load(m, path) (0, or -1 and model_error(m)).
 *
 * Event positions: events are numbered 0, 1, 2... in the order they were
 * applied.  The "cursor" is the number of events whose effects are in the
 * state: cursor n means events 0..n-1 applied.  The state AFTER event i is
 * model_seek(m, i + 1); model_seek(m, 0) is the empty model.
 *
 * Replay: the model keeps every event (compactly) and a snapshot of the
 * state every MODEL_SNAPSHOT_INTERVAL events; model_seek restores the nearest
 * snapshot at or before the target and re-applies forward from there, so
 * seeking backwards costs at most MODEL_SNAPSHOT_INTERVAL applications.
 *
 * History (packets, call trees, state transitions) covers every stored event
 * whatever the cursor; each record carries its event index so a view shows
 * only the records with index < cursor.
 *
 * Thread safety: none; one thread owns a model and a source.
 * Stability: names here are kept; new fields and functions are only added.
 */
#ifndef CS_VIZ_MODEL_H
#define CS_VIZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Decoded events                                                      */
/* ------------------------------------------------------------------ */

enum model_field_kind {
	MODEL_FIELD_INT,	/* signed integer: .i (and .u = (uint64_t).i) */
	MODEL_FIELD_UINT,	/* unsigned integer: .u (and .i = (int64_t).u) */
	MODEL_FIELD_ENUM,	/* integer with a label: .i/.u and .label */
	MODEL_FIELD_STRING,	/* .str */
	MODEL_FIELD_BYTES,	/* array or sequence of bytes: .bytes, .len */
};

struct model_field {
	const char *name;
	enum model_field_kind kind;
	int64_t i;
	uint64_t u;
	const char *label;	/* ENUM: the mapping's label ("TCP_SYN_SENT"), else NULL */
	const char *str;	/* STRING */
	const uint8_t *bytes;	/* BYTES */
	size_t len;		/* BYTES: number of bytes */
};

/*
 * One event, independent of babeltrace2.  Strings and arrays point into
 * storage owned by the event: valid until the next model_event_clear,
 * model_source_next or model_event_get into the same event.
 */
struct model_event {
	const char *name;	/* "tcp_connect" (the "connscope:" prefix removed) */
	uint64_t ts_ns;		/* clock value, ns from the clock's origin */
	int64_t vtid;		/* the vtid context, -1 if the trace lacks it */
	int64_t cpu;		/* the cpu_id packet context, -1 if unknown */
	int64_t vpid;		/* the vpid context, -1 if the trace lacks it */
	size_t nfields;
	struct model_field *fields;	/* in the event's declaration order */
	struct model_event_priv *priv;	/* storage; do not touch */
	/* 1: the event ran in softirq context (its thread was serving softirq
	 * work), 0: process context, -1: the trace does not say.  The common
	 * fields every connscope event ends with (pid, tid, softirq; see
	 * docs/tracepoints.md) are taken out of @fields by the decoder: pid
	 * fills @vpid and tid fills @vtid when those contexts are absent. */
	int softirq;
};

void model_event_init(struct model_event *ev);
void model_event_clear(struct model_event *ev);		/* empty it, keep storage */
void model_event_release(struct model_event *ev);	/* free storage */
/* Build an event by hand (tests, tools).  The strings are copied.
 * Return 0, or -1 on allocation failure. */
int model_event_set(struct model_event *ev, const char *name, uint64_t ts_ns, int64_t vtid);
int model_event_add_int(struct model_event *ev, const char *name, int64_t v);
int model_event_add_uint(struct model_event *ev, const char *name, uint64_t v);
int model_event_add_enum(struct model_event *ev, const char *name, int64_t v,
			 const char *label);
int model_event_add_str(struct model_event *ev, const char *name, const char *s);
int model_event_add_bytes(struct model_event *ev, const char *name,
			  const uint8_t *b, size_t len);
/* An IPv4 address field: 4 bytes from a network-order value. */
int model_event_add_addr(struct model_event *ev, const char *name, uint32_t be_addr);

/* The common fields every connscope event ends with (pid, tid, softirq;
 * docs/tracepoints.md) out of the field list: pid fills vpid and tid fills
 * vtid where they are -1 (the trace lacks those contexts), softirq fills
 * softirq.  A decoder calls it once all payload fields are added; an
 * event without them is left as it is. */
void model_event_lift_common(struct model_event *ev);

/* Lookups by field name (NULL / the default when absent or of another kind). */
const struct model_field *model_event_field(const struct model_event *ev, const char *name);
bool model_event_has(const struct model_event *ev, const char *name);
int64_t model_event_int(const struct model_event *ev, const char *name, int64_t dflt);
uint64_t model_event_uint(const struct model_event *ev, const char *name, uint64_t dflt);
const char *model_event_label(const struct model_event *ev, const char *name);
const char *model_event_str(const struct model_event *ev, const char *name);
const uint8_t *model_event_bytes(const struct model_event *ev, const char *name, size_t *len);
/* A 4-byte address field as a network-order value; @dflt when absent. */
uint32_t model_event_addr(const struct model_event *ev, const char *name, uint32_t dflt);
/* Format one field's value as babeltrace2 would show it, roughly:
 * 42, "TCP_SYN_SENT" (7), "text", 10.0.0.1 (4 bytes), 02 04 05 b4 (bytes). */
int model_field_format(const struct model_field *f, char *buf, size_t len);

/* ------------------------------------------------------------------ */
/* Reading a trace                                                     */
/* ------------------------------------------------------------------ */

enum model_source_status {
	MODEL_SOURCE_OK = 0,	/* *ev holds the next event */
	MODEL_SOURCE_AGAIN = 1,	/* live: nothing yet, try again later */
	MODEL_SOURCE_END = 2,	/* no more events */
	MODEL_SOURCE_ERROR = -1,/* model_source_error() says why */
};

struct model_source;

/*
 * model_source_open - read a CTF trace through libbabeltrace2.
 * @path_or_url: a directory (every directory below it holding a `metadata`
 * file is one CTF trace: source.ctf.fs for each, merged by time through
 * filter.utils.muxer), or an lttng-live URL "net://host/host/HOST/SESSION"
 * (source.ctf.lttng-live, session-not-found-action=end).
 * Returns NULL and writes one sentence to @err on failure: missing
 * directory, no CTF trace below it, unreadable metadata, no relay daemon.
 * Errors found while reading (truncated or corrupt stream, no connscope
 * event at all) come from model_source_next as MODEL_SOURCE_ERROR.
 * Events of other providers are skipped.
 */
struct model_source *model_source_open(const char *path_or_url, char *err, size_t errlen);
enum model_source_status model_source_next(struct model_source *src, struct model_event *ev);
const char *model_source_error(const struct model_source *src);
bool model_source_is_live(const struct model_source *src);
/* connscope events returned so far, other events skipped so far. */
uint64_t model_source_events(const struct model_source *src);
uint64_t model_source_skipped(const struct model_source *src);
void model_source_close(struct model_source *src);
/* Is @s an lttng-live URL (net://, net4://, net6://)? */
bool model_is_live_url(const char *s);
/* model_metadata_check (metadata.c) - is the CTF `metadata` file at @path
 * safe to hand to babeltrace2 (whole packets when packetized)?  0, or -1
 * with the reason in @err. */
int model_metadata_check(const char *path, char *err, size_t len);

/* ------------------------------------------------------------------ */
/* The model                                                           */
/* ------------------------------------------------------------------ */

struct model;

#define MODEL_SNAPSHOT_INTERVAL 4096

struct model *model_new(void);
void model_free(struct model *m);

/*
 * model_apply - store @ev as the next event and, when the cursor is at the
 * end (the usual case; a live viewer that is not paused), apply it to the
 * state and advance the cursor.  When the cursor is behind (replay paused
 * or rewound), the event is only stored and its history records made.
 * Returns 0 (applied or stored; an event not in the rule table is counted
 * and otherwise ignored), 1 when the event's content contradicts the state
 * (a removal of something absent, an insertion of an unknown socket...: it
 * is applied as far as possible and counted in model_stats), -1 on
 * allocation failure (model_error).
 */
int model_apply(struct model *m, const struct model_event *ev);

/*
 * model_follow_vpid - a trace may hold several connscope processes (record
 * the vpid context to tell them apart): from now on only events of process
 * @vpid (and events without a vpid) are stored and applied; the others
 * are counted in model_stats.other_process.  -1 takes all.  By default the
 * model follows the first process (model_follow_process below).
 */
void model_follow_vpid(struct model *m, int64_t vpid);

/*
 * Processes.  Each connscope process runs its own stack (socket ids start
 * at 1 in each), so the model shows one process at a time: by default the
 * first one the trace holds; the others are counted, not merged.  A
 * process is told by the vpid context, else by the pid field every
 * connscope event carries, else by a per-process trace's environment; an
 * event that names no process (hand-built) belongs to whichever is shown.
 */
struct model_process {
	int64_t vpid;		/* the process id */
	uint64_t events;	/* its connscope events seen so far */
	uint64_t first_ns, last_ns;	/* its first and latest event's time */
};
/* model_follow_process - show the @n-th process (1-based, in the order the
 * trace first mentions them); 0 takes every process (merged: only for
 * traces known to hold one).  Call before the first model_apply. */
void model_follow_process(struct model *m, size_t n);
/* The process shown (1-based), 0 when all are taken. */
size_t model_followed_process(const struct model *m);
/* The processes seen so far (shown or skipped), in first-mention order. */
size_t model_process_count(const struct model *m);
const struct model_process *model_process_at(const struct model *m, size_t i);

/* When the trace holds more than one process: one sentence into @buf
 * naming them and the one shown, pointing at option @opt ("--process ",
 * followed by N) for another; returns 1.  0 (and "") with one process. */
int model_process_note(const struct model *m, const char *opt, char *buf, size_t len);

/* What the model cannot know from this trace, as one sentence naming the
 * context to record (a trace of an older connscope without the common
 * fields): no thread told apart (then no call tree is built), or several
 * stacks and no process told apart.  Returns 1, or 0 (and "") when the
 * trace says all the model needs. */
int model_context_note(const struct model *m, char *buf, size_t len);

/* The stack's teardown: the index of the last net_exit event (cs_net_free
 * starts), MODEL_NONE when the trace holds none (the stack was still up
 * when the recording stopped).  model_seek(m, index) is the state just
 * before it. */
size_t model_teardown_index(const struct model *m);

/* model_load - model_source_open + model_apply of every event + end.
 * 0, or -1 with model_error(m) (the source's sentence). */
int model_load(struct model *m, const char *path_or_url);

/* The last error as one sentence ("" if none). */
const char *model_error(const struct model *m);

size_t model_event_count(const struct model *m);
size_t model_current_index(const struct model *m);	/* the cursor */
/* model_seek - make the state that after events 0..n-1 (n <= count).
 * 0, or -1 (n out of range: model_error says so; the state is unchanged). */
int model_seek(struct model *m, size_t n);
/* model_event_get - decode stored event @index into @ev (see model_event). */
int model_event_get(const struct model *m, size_t index, struct model_event *ev);
/* Time of stored event @index (ns), 0 if out of range. */
uint64_t model_event_ts(const struct model *m, size_t index);
/* The first event index whose time is >= @ts_ns (count if none). */
size_t model_index_at_time(const struct model *m, uint64_t ts_ns);
/* Name of stored event @index (without "connscope:"), NULL if out of range. */
const char *model_event_name(const struct model *m, size_t index);
/* Index of the @k-th event named @name (k = 1 the first, k = -1 the last),
 * MODEL_NONE if there is no such event. */
size_t model_find_event(const struct model *m, const char *name, long k);

struct model_stats {
	uint64_t applied;	/* events applied to the state (forward) */
	uint64_t unknown;	/* events not in the rule table (ignored) */
	uint64_t inconsistent;	/* events that contradicted the state */
	uint64_t statedumps;	/* statedump_begin .. _end seen */
	bool in_statedump;	/* between statedump_begin and statedump_end */
	bool has_vtid;		/* the trace carries the vtid context */
	uint64_t other_process;	/* events skipped by model_follow_vpid */
};
void model_get_stats(const struct model *m, struct model_stats *st);
/* The first inconsistency met (event index and sentence), for debugging. */
const char *model_first_inconsistency(const struct model *m, size_t *index);

/* ------------------------------------------------------------------ */
/* The rule table: which state each event changes                      */
/* ------------------------------------------------------------------ */

enum model_call_role {
	MODEL_CALL_LEAF,	/* one event: a leaf function, a child of the open call */
	MODEL_CALL_ENTER,	/* NAME, with a NAME_ret partner: opens a call */
	MODEL_CALL_EXIT,	/* NAME_ret: closes the call NAME */
};

/* What part of the state an event changes (a bit set). */
enum model_effect {
	MODEL_FX_NONE = 0,
	MODEL_FX_SOCK = 1 << 0,		/* a socket's fields or its life */
	MODEL_FX_STATE = 1 << 1,	/* a TCP state transition */
	MODEL_FX_EHASH = 1 << 2,	/* ehash chain or twchain */
	MODEL_FX_BHASH = 1 << 3,	/* bind buckets or their owners */
	MODEL_FX_LHASH = 1 << 4,	/* the listening hash */
	MODEL_FX_TIMER = 1 << 5,	/* timers */
	MODEL_FX_PACKET = 1 << 6,	/* a packet sent or received */
	MODEL_FX_SIZES = 1 << 7,	/* table sizes */
	MODEL_FX_MIB = 1 << 8,		/* a counter */
	MODEL_FX_DUMP = 1 << 9,		/* the state dump */
};

struct model_rule {
	const char *event;		/* event name without "connscope:" */
	enum model_call_role role;
	unsigned int effects;		/* enum model_effect bits */
	const char *change;		/* one sentence: what the model does */
};

/* The table (sorted by name) and a lookup; NULL when the event is unknown. */
const struct model_rule *model_rules(size_t *n);
const struct model_rule *model_rule_find(const char *event);

/* ------------------------------------------------------------------ */
/* The state at the cursor                                             */
/* ------------------------------------------------------------------ */

/* TCP states as numbered in the trace's tcp_state enum (Linux's). */
enum {
	MODEL_TCP_ESTABLISHED = 1, MODEL_TCP_SYN_SENT, MODEL_TCP_SYN_RECV,
	MODEL_TCP_FIN_WAIT1, MODEL_TCP_FIN_WAIT2, MODEL_TCP_TIME_WAIT,
	MODEL_TCP_CLOSE, MODEL_TCP_CLOSE_WAIT, MODEL_TCP_LAST_ACK,
	MODEL_TCP_LISTEN, MODEL_TCP_CLOSING, MODEL_TCP_MAX_STATES
};
/* "ESTABLISHED" ... (as --dump-tables prints them); "UNKNOWN" otherwise. */
const char *model_state_name(int state);

struct model_sizes {
	uint32_t ehash_size;	/* 0 while unknown */
	uint32_t ehash_locks;
	uint32_t bhash_size;
	uint32_t lhash_size;	/* 32 */
};
void model_get_sizes(const struct model *m, struct model_sizes *s);

/* Where a socket is hashed. */
enum model_where {
	MODEL_UNHASHED = 0,
	MODEL_IN_CHAIN,		/* ehash[slot].chain */
	MODEL_IN_TWCHAIN,	/* ehash[slot].twchain */
	MODEL_IN_LISTEN,	/* listening_hash[slot] */
};

/* TCP options agreed (bits). */
enum {
	MODEL_OPT_TS = 1, MODEL_OPT_SACK = 2, MODEL_OPT_WSCALE = 4, MODEL_OPT_ECN = 8,
};

/*
 * A socket or a TIME-WAIT socket (ids share one space).  A value the trace
 * has not told yet is 0.  Addresses are network order, ports host order.
 */
struct model_sock {
	uint32_t id;
	bool tw;			/* TIME-WAIT socket */
	int state;			/* TCP state; a TIME-WAIT socket's substate */
	int fd;				/* descriptor, -1 if unknown or closed */
	uint32_t saddr, daddr;		/* inet_rcv_saddr, daddr */
	uint16_t sport, dport;
	uint32_t hash;			/* sk_hash */
	enum model_where where;
	uint32_t slot;			/* ehash or listening slot when hashed */
	uint16_t bound_port;		/* owner of this port's bind bucket, 0 if none */
	uint32_t tw_of;			/* TIME-WAIT socket: the socket it replaced (0: not traced) */
	uint32_t tw_sock;		/* socket: its TIME-WAIT successor, 0 if none */
	/* sequence space and windows */
	uint32_t isn, irs;		/* our and the peer's initial sequence */
	uint32_t snd_una, snd_nxt, rcv_nxt, write_seq;
	uint32_t snd_wnd, rcv_wnd, window_clamp;
	int snd_wscale, rcv_wscale;	/* -1: not agreed / unknown */
	uint32_t mss_clamp, mss_cache, advmss, rcv_mss;
	unsigned int options;		/* MODEL_OPT_* agreed (after the SYN-ACK) */
	uint32_t rto, srtt;		/* jiffies, srtt x 8 */
	uint32_t snd_cwnd;
	int sk_err;			/* errno (positive) or 0 */
	unsigned int retransmits;
	uint64_t tw_ttd;		/* TIME-WAIT: jiffies it dies at */
	/* life */
	size_t born_index;		/* event that created it (or first mention) */
	uint64_t born_ns;
	uint32_t last_connect_tree;	/* index+1 of its latest connect call tree, 0 none */
};

size_t model_sock_count(const struct model *m);			/* live sockets */
const struct model_sock *model_sock_at(const struct model *m, size_t i);	/* by id order */
const struct model_sock *model_sock_find(const struct model *m, uint32_t id);

/* ehash: only non-empty slots, in increasing slot order; lists head first. */
struct model_ehash_slot {
	uint32_t slot;
	const uint32_t *chain;		/* socket ids */
	size_t nchain;
	const uint32_t *twchain;	/* TIME-WAIT socket ids */
	size_t ntwchain;
};
size_t model_ehash_count(const struct model *m);
int model_ehash_at(const struct model *m, size_t i, struct model_ehash_slot *out);
/* The slot @slot (empty lists if it is empty); false if out of range. */
bool model_ehash_get(const struct model *m, uint32_t slot, struct model_ehash_slot *out);

/* bhash: non-empty slots in slot order; buckets and owners in list order. */
struct model_bind_owner {
	uint32_t id;
	bool tw;
};
struct model_bind_bucket {
	uint16_t port;
	int fastreuse, fastreuseport;	/* -1/-1: made by connect() */
	const struct model_bind_owner *owners;
	size_t nowners;
};
struct model_bhash_slot {
	uint32_t slot;
	size_t nbuckets;
};
size_t model_bhash_count(const struct model *m);
int model_bhash_at(const struct model *m, size_t i, struct model_bhash_slot *out);
int model_bhash_bucket(const struct model *m, size_t i, size_t j,
		       struct model_bind_bucket *out);
/* The bucket for @port, false if none. */
bool model_bind_bucket_find(const struct model *m, uint16_t port,
			    struct model_bind_bucket *out);

/* listening hash: non-empty slots in slot order, lists head first. */
struct model_lhash_slot {
	uint32_t slot;
	const uint32_t *chain;
	size_t nchain;
};
size_t model_lhash_count(const struct model *m);
int model_lhash_at(const struct model *m, size_t i, struct model_lhash_slot *out);

/* The latest insertions (for highlighting): socket id and event index, 0 /
 * SIZE_MAX when none. */
struct model_latest {
	uint32_t ehash_id;		/* latest socket put into an ehash chain */
	size_t ehash_index;
	uint32_t ehash_hash;		/* the hash that put it there */
	uint32_t twchain_id;		/* latest TIME-WAIT socket into a twchain */
	size_t twchain_index;
	uint16_t bind_port;		/* latest bind bucket owner added ... */
	uint32_t bind_id;		/* ... and who */
	size_t bind_index;
	uint32_t listen_id;
	size_t listen_index;
};
void model_get_latest(const struct model *m, struct model_latest *l);

/* Timers (kernel timers of the stack's timer base) pending at the cursor. */
struct model_timer {
	uint64_t key;			/* the timer's address in the trace */
	char name[24];			/* "retransmit", "delack", "timewait", ... */
	uint32_t owner_id;		/* socket / TIME-WAIT socket id, 0 none */
	uint64_t expires;		/* jiffies */
	uint64_t armed_jiffies;		/* jiffies when last armed */
	size_t armed_index;		/* event that armed it */
};
size_t model_timer_count(const struct model *m);
const struct model_timer *model_timer_at(const struct model *m, size_t i);
/* The stack's jiffies as last seen in the trace (for countdowns). */
uint64_t model_now_jiffies(const struct model *m);

/* MIB counters derived from or carried by events (name -> delta since the
 * start of the trace), in first-seen order. */
size_t model_mib_count(const struct model *m);
bool model_mib_at(const struct model *m, size_t i, const char **name, int64_t *delta);
int64_t model_mib_get(const struct model *m, const char *name);

/* The tables as `connscope --dump-tables` writes them (docs/table-dump.md),
 * byte for byte.  0, or -1 on a write error. */
int model_dump_tables(const struct model *m, FILE *f);

/* ------------------------------------------------------------------ */
/* History: every stored event, whatever the cursor                    */
/* ------------------------------------------------------------------ */

/* A frame the stack sent or received, as the trace tells it. */
enum model_packet_kind {
	MODEL_PKT_TCP_OUT,	/* tcp_transmit_skb_hdr (+ options, + IP header) */
	MODEL_PKT_TCP_IN,	/* tcp_v4_rcv (+ IP header, + options) */
	MODEL_PKT_RST_OUT,	/* tcp_v4_send_reset (no socket) */
	MODEL_PKT_ACK_OUT,	/* tcp_v4_send_ack (TIME-WAIT socket) */
};
struct model_packet {
	enum model_packet_kind kind;
	size_t index;			/* event index of the TCP header event */
	uint64_t ts_ns;
	uint32_t sk_id;			/* socket (or TIME-WAIT socket) id, 0 if none */
	/* IPv4 (has_ip false when the trace did not give the header) */
	bool has_ip;
	uint8_t tos, ttl, protocol;
	uint16_t tot_len, ip_id, frag_off, ip_check;
	uint32_t saddr, daddr;		/* network order */
	/* TCP */
	uint16_t sport, dport;
	uint32_t seq, ack_seq;
	uint8_t doff, flags;		/* flags: FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 */
	uint16_t window, check, urg_ptr;
	uint32_t len;			/* TCP header + payload bytes */
	uint8_t options[40];
	uint8_t optlen;
	bool has_options;		/* options bytes known */
};
size_t model_packet_count(const struct model *m);
const struct model_packet *model_packet_at(const struct model *m, size_t i);
/* Format a packet as one tcpdump-like line. */
int model_packet_format(const struct model_packet *p, char *buf, size_t len);

/* Call trees: one per top-level call of a thread (sys_connect, tcp_v4_rcv
 * from the softirq thread, a timer...), nodes in a flat array.  Threads are
 * told apart by the vtid context or the events' tid field.  A thread's
 * softirq-context events (softirq = 1) have a call stack of their own, so
 * softirq work makes the same subtrees on any thread (its root tcp_v4_rcv,
 * a timer's run...), each a tree of its own, then attached (attached_to):
 * to the connect of the socket it touched, while the connect runs under the
 * call open at the time (on another thread, or the connecting thread's own
 * wait that ran it: sk_busy_loop), after a non-blocking connect returned
 * EINPROGRESS under its root until one decides it; otherwise under the call
 * its own thread was in when it ran (as the kernel nests it there). */
#define MODEL_NONE ((size_t)-1)
struct model_call {
	const char *name;		/* function (= event name without _ret) */
	size_t enter_index;		/* event index of NAME (or of the leaf event) */
	size_t exit_index;		/* event index of NAME_ret, MODEL_NONE while open */
	uint64_t enter_ns, exit_ns;	/* exit_ns == enter_ns for a leaf */
	bool leaf;
	int depth;			/* 0 for the root */
	size_t parent, first_child, next_sibling;	/* node indices or MODEL_NONE */
	int64_t ret;			/* the _ret event's ret field, 0 if none */
	bool has_ret;
	int softirq;			/* 1: ran in softirq context, 0: process
					 * context, -1: the trace does not say */
	bool attached;			/* the root of a softirq tree put here (under
					 * the connect it touched, or the call its
					 * thread was in): its parent is in another
					 * context, maybe on another thread */
};
struct model_calltree {
	size_t root;			/* node index */
	int64_t vtid;
	uint32_t sk_id;			/* the first socket id met in the tree, 0 none */
	bool is_connect;		/* root is sys_connect */
	size_t first_index, last_index;	/* event index range */
	bool softirq;			/* its root ran in softirq context (the
					 * softirq field; without it: a root that is
					 * not a system call) */
	size_t attached_to;		/* softirq work on a socket being connected
					 * (the SYN-ACK, a RST, an ICMP error, the
					 * retransmit timer): the connect tree it was
					 * attached to, as a subtree of the call open
					 * at the time; other softirq work run by a
					 * thread in a call: that thread's tree;
					 * MODEL_NONE */
	size_t decided_by;		/* a connect: the attached tree that decided it
					 * (tcp_finish_connect, tcp_reset, tcp_write_err
					 * or tcp_done ran in it), MODEL_NONE */
};
size_t model_calltree_count(const struct model *m);
const struct model_calltree *model_calltree_at(const struct model *m, size_t i);
size_t model_call_count(const struct model *m);
const struct model_call *model_call_at(const struct model *m, size_t node);
/* The latest connect tree (sys_connect root) of socket @sk_id, MODEL_NONE
 * if none.  @sk_id 0: the latest connect tree of any socket. */
size_t model_connect_tree(const struct model *m, uint32_t sk_id);
/* The innermost call open at event @index on its thread (the "call stack"
 * for the code pane): writes up to @max node indices, root first, returns
 * the depth. */
size_t model_call_stack_at(const struct model *m, size_t index, size_t *nodes, size_t max);

/* TCP state transitions seen (for the state-machine view). */
struct model_transition {
	size_t index;
	uint32_t sk_id;
	int from, to;
};
size_t model_transition_count(const struct model *m);
const struct model_transition *model_transition_at(const struct model *m, size_t i);

#ifdef __cplusplus
}
#endif
#endif
