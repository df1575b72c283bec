/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * model_int.h - the model's private structures: the state (what a seek
 * restores), the event store, history, and the rule table's hook.
 */
#ifndef CS_VIZ_MODEL_INT_H
#define CS_VIZ_MODEL_INT_H

#include "model.h"

/* ---- the state: plain sorted arrays, so a snapshot is a deep copy ---- */

struct idvec {
	uint32_t *v;
	size_t n, cap;
};

struct eslot {
	uint32_t slot;
	struct idvec chain, tw;
};

struct mbucket {
	uint16_t port;
	int fastreuse, fastreuseport;
	struct model_bind_owner *o;
	size_t n, cap;
};

struct bslot {
	uint32_t slot;
	struct mbucket *b;
	size_t n, cap;
};

struct lslot {
	uint32_t slot;
	struct idvec chain;
};

/* A socket with what the rules remember between an entry event and its
 * return (the hash and slot __inet_check_established computed...). */
struct msock {
	struct model_sock pub;
	uint32_t pend_hash, pend_slot;	/* __inet_check_established / hashdance */
	uint16_t pend_lport;
	bool pend_valid;
	int prev_state;			/* state before the last transition */
	uint32_t pend_irs;		/* a SYN-ACK's seq, until it is accepted */
	bool pend_irs_valid;
	uint32_t stamp;			/* statedump generation that saw it */
};

struct mthread {
	int64_t vtid;
	uint32_t last_sk;		/* sk_alloc on this thread, for sys_socket */
};

struct mmib {
	const char *name;		/* static string */
	int64_t v;
};

struct mstate {
	size_t pos;			/* events applied */
	struct model_sizes sizes;
	struct msock *socks;		/* sorted by id */
	size_t nsocks, csocks;
	struct eslot *eh;		/* sorted by slot, non-empty */
	size_t neh, ceh;
	struct bslot *bh;
	size_t nbh, cbh;
	struct lslot *lh;
	size_t nlh, clh;
	struct model_timer *timers;	/* in arming order */
	size_t ntimers, ctimers;
	struct mthread *threads;
	size_t nthreads, cthreads;
	struct mmib *mibs;
	size_t nmibs, cmibs;
	uint64_t now_jiffies;
	struct model_latest latest;
	bool in_dump;
	uint32_t dump_gen;
	uint64_t statedumps;
	uint64_t inconsistent;
	size_t first_incons_index;
	char first_incons[160];
	bool oom;
};

void state_init(struct mstate *st);
void state_free(struct mstate *st);
int state_clone(struct mstate *dst, const struct mstate *src);

struct msock *state_sock(struct mstate *st, uint32_t id);
const struct msock *state_sock_const(const struct mstate *st, uint32_t id);
/* The socket @id, created ("first mention") if unknown; NULL: no memory or
 * id 0. */
struct msock *state_sock_get(struct mstate *st, uint32_t id, size_t index, uint64_t ns);
void state_sock_remove(struct mstate *st, uint32_t id);
struct mthread *state_thread(struct mstate *st, int64_t vtid);

/* lists; these return false when the change contradicts the list */
bool idvec_add_head(struct idvec *v, uint32_t id, bool *oom);
bool idvec_add_tail(struct idvec *v, uint32_t id, bool *oom);
bool idvec_remove(struct idvec *v, uint32_t id);
bool idvec_has(const struct idvec *v, uint32_t id);

struct eslot *state_eslot(struct mstate *st, uint32_t slot, bool create);
void state_eslot_prune(struct mstate *st, uint32_t slot);
struct lslot *state_lslot(struct mstate *st, uint32_t slot, bool create);
void state_lslot_prune(struct mstate *st, uint32_t slot);
struct bslot *state_bslot(struct mstate *st, uint32_t slot, bool create);
void state_bslot_prune(struct mstate *st, uint32_t slot);
/* The bind bucket of @port (@slot hint, or any slot if unknown). */
struct mbucket *state_bucket(struct mstate *st, uint16_t port, struct bslot **slotp);
uint32_t state_bhash_slot(const struct mstate *st, uint16_t port);
uint32_t state_ehash_slot(const struct mstate *st, uint32_t hash);

void state_clear_ehash(struct mstate *st);
void state_clear_bhash(struct mstate *st);
void state_clear_lhash(struct mstate *st);

void state_mib_add(struct mstate *st, const char *name, int64_t d);
/* Record an inconsistency (the first one's sentence is kept). */
void state_incons(struct mstate *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- the rule table ---- */

typedef void (*model_apply_fn)(struct mstate *st, const struct model_event *ev);

struct rule_impl {
	struct model_rule pub;
	model_apply_fn apply;		/* NULL: no state change (call tree only) */
};

const struct rule_impl *rule_impl_find(const char *event);
/* Apply @ev (event number st->pos) to @st; returns false if not in the table. */
bool rules_apply(struct mstate *st, const struct model_event *ev);

/* ---- the event store (store.c) ---- */

struct strtab {
	char **s;
	size_t n, cap;
	uint32_t *hash;			/* open addressing: id + 1, 0 empty */
	size_t hcap;
};

struct store {
	uint8_t *buf;
	size_t len, cap;
	uint64_t *off;			/* per event */
	uint64_t *ts;			/* per event */
	size_t n, cap_ev;
	struct strtab strs;
};

void store_init(struct store *s);
void store_free(struct store *s);
int store_add(struct store *s, const struct model_event *ev);
int store_get(const struct store *s, size_t i, struct model_event *ev);
const char *store_name(const struct store *s, size_t i);
/* Intern @str: a pointer that lives as long as the store; NULL no memory. */
const char *store_intern(struct store *s, const char *str);

/* ---- history (history.c) ---- */

struct hthread {
	int64_t vtid;
	bool soft;			/* the thread's softirq-context events (softirq
					 * = 1): a stack of their own, as the kernel's
					 * interrupt frames on the task's stack */
	size_t *stack;			/* open call nodes, root first */
	size_t depth, cap;
	size_t tree;			/* tree of the current root, MODEL_NONE */
	bool in_timer;			/* the root is a timer's run (timer_fired) */
	size_t last_index;		/* its latest event */
	uint64_t last_ns;
	size_t pkt_out;			/* last outgoing packet without IP header */
	size_t pkt_in;			/* last incoming packet waiting for its socket */
	uint8_t opts[40];		/* tcp_options_write, for the next header */
	uint8_t optlen;
	uint32_t opts_sk;
	bool opts_valid;
	bool ip_valid;			/* ip_rcv seen, for the next tcp_v4_rcv */
	struct model_packet ip;		/* its IP fields */
};

struct history {
	struct model_packet *pk;
	size_t npk, cpk;
	struct model_call *calls;
	size_t ncalls, ccalls;
	size_t *last_child;		/* per call node: its last child, to append */
	size_t *ev_node;		/* per event: its call node, MODEL_NONE */
	size_t cev;
	struct model_calltree *trees;
	size_t ntrees, ctrees;
	struct model_transition *tr;
	size_t ntr, ctr;
	struct hthread *th;
	size_t nth, cth;
};

void history_init(struct history *h);
void history_free(struct history *h);
/* Record @ev (event @index) in the history; -1 on allocation failure. */
int history_add(struct history *h, struct store *names, const struct model_event *ev,
		size_t index);

/* ---- the model ---- */

struct model {
	struct store store;
	struct history hist;
	struct mstate st;		/* the state at the cursor (st.pos) */
	struct mstate *snaps;		/* snaps[k]: state at pos k * INTERVAL */
	size_t nsnaps, csnaps;
	struct model_event scratch;	/* decoding stored events */
	uint64_t unknown;
	uint64_t other_process;
	int64_t vpid;			/* model_follow_vpid, -1 all */
	size_t follow;			/* model_follow_process, 0 all */
	struct model_process *procs;	/* processes seen, first-mention order */
	size_t nprocs, cprocs;
	uint64_t anon_stacks;		/* net_init events naming no process */
	bool has_vtid;
	char err[1024];
};

/* process.c: note @ev's process; true when the model shows it. */
bool process_take(struct model *m, const struct model_event *ev);

/* small growth helper: make room for one more element in *@v. */
int grow(void **v, size_t *cap, size_t n, size_t elem);

#endif
