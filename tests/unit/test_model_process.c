// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_model_process.c - the model on any trace (issue 9), with hand-built
 * events: the common fields (pid, tid, softirq) taken out of the field
 * list, one process at a time, softirq work attached to the connect it
 * decided (run by another thread or by the connecting thread itself), no
 * call tree when no thread is told apart, the teardown.
 */
#include <string.h>
#include "harness.h"
#include "model.h"

static struct model *M;
static struct model_event E;
static uint64_t now_ns;
static bool with_vtid;		/* the trace also has the vtid context */

/* One event of process @pid, thread @tid (@softirq: its context), with
 * the common fields last as the tracepoints write them, decoded as a
 * decoder does. */
static void ev(const char *name, int pid, int tid, int softirq, uint32_t sk, int ret)
{
	now_ns += 1000;
	model_event_set(&E, name, now_ns, with_vtid ? tid : -1);
	if (sk)
		model_event_add_uint(&E, "sk_id", sk);
	if (strstr(name, "_ret"))
		model_event_add_enum(&E, "ret", ret, ret ? "E" : "OK");
	model_event_add_int(&E, "pid", pid);
	model_event_add_int(&E, "tid", tid);
	model_event_add_uint(&E, "softirq", (uint64_t)softirq);
	model_event_lift_common(&E);
	model_apply(M, &E);
}

static void setup(void)
{
	M = model_new();
	model_event_init(&E);
	now_ns = 1000;
	harness_reset_steps();
}

static void teardown(void)
{
	model_event_release(&E);
	model_free(M);
}

static void test_common_fields(void)
{
	setup();
	STEP("pid, tid, softirq leave the fields and fill vpid, vtid, softirq");
	model_event_set(&E, "tcp_done", 5, -1);
	model_event_add_uint(&E, "sk_id", 3);
	model_event_add_int(&E, "pid", 40);
	model_event_add_int(&E, "tid", 41);
	model_event_add_uint(&E, "softirq", 1);
	model_event_lift_common(&E);
	EXPECT_EQ(E.nfields, 1);
	EXPECT(!strcmp(E.fields[0].name, "sk_id"));
	EXPECT(E.vpid == 40 && E.vtid == 41 && E.softirq == 1);
	STEP("a context the trace recorded wins; the store keeps softirq");
	model_event_set(&E, "tcp_done", 6, 77);
	model_event_add_int(&E, "pid", 40);
	model_event_add_int(&E, "tid", 41);
	model_event_add_uint(&E, "softirq", 0);
	model_event_lift_common(&E);
	EXPECT(E.vtid == 77 && E.vpid == 40 && E.softirq == 0 && E.nfields == 0);
	model_apply(M, &E);
	EXPECT_EQ(model_event_get(M, 0, &E), 0);
	EXPECT(E.vtid == 77 && E.vpid == 40 && E.softirq == 0);
	STEP("an event without them is left as it is");
	model_event_set(&E, "tcp_done", 7, 2);
	model_event_add_uint(&E, "sk_id", 3);
	model_event_lift_common(&E);
	EXPECT(E.nfields == 1 && E.vpid == -1 && E.softirq == -1);
	teardown();
}

/* Two processes, each with socket 1: one at a time, never merged. */
static void test_processes(void)
{
	char note[256];

	for (size_t want = 1; want <= 2; want++) {
		setup();
		STEP("follow process %zu", want);
		model_follow_process(M, want);
		ev("sk_alloc", 100, 100, 0, 1, 0);
		ev("sk_alloc", 200, 200, 0, 1, 0);
		ev("sk_alloc", 200, 200, 0, 2, 0);
		ev("net_exit", 100, 100, 0, 0, 0);
		EXPECT_EQ(model_process_count(M), 2);
		EXPECT_EQ(model_process_at(M, 1)->vpid, 200);
		EXPECT_EQ(model_process_at(M, 1)->events, 2);
		EXPECT_EQ(model_event_count(M), want == 1 ? 2 : 2);
		EXPECT_EQ(model_sock_count(M), want == 1 ? 1 : 2);
		EXPECT_EQ(model_teardown_index(M), want == 1 ? 1 : MODEL_NONE);
		EXPECT_EQ(model_process_note(M, "--process ", note, sizeof(note)), 1);
		EXPECT(strstr(note, "2 connscope processes (pid 100, 200)") != NULL);
		EXPECT(strstr(note, want == 1 ? "showing process 1 (pid 100)" :
				       "showing process 2 (pid 200)") != NULL);
		EXPECT_EQ(model_context_note(M, note, sizeof(note)), 0);
		teardown();
	}
}

/* Thread 1 connects and waits; the softirq thread 2 runs the SYN-ACK
 * meanwhile: it is attached under inet_wait_for_connect. */
static void test_synack_attached(void)
{
	const struct model_calltree *t, *s;
	const struct model_call *w, *r;
	size_t stack[8];

	setup();
	ev("sys_connect", 9, 1, 0, 0, 0);			/* 0 */
	ev("inet_wait_for_connect", 9, 1, 0, 4, 0);		/* 1 */
	ev("tcp_v4_rcv", 9, 2, 1, 0, 0);			/* 2 */
	ev("tcp_rcv_state_process", 9, 2, 1, 4, 0);		/* 3 */
	ev("tcp_finish_connect", 9, 2, 1, 4, 0);		/* 4: leaf */
	ev("inet_wait_for_connect_ret", 9, 1, 0, 4, 0);		/* 5: woken */
	ev("tcp_rcv_state_process_ret", 9, 2, 1, 4, 0);		/* 6 */
	ev("tcp_v4_rcv_ret", 9, 2, 1, 4, 0);			/* 7 */
	ev("sys_connect_ret", 9, 1, 0, 0, 0);			/* 8 */
	ev("sys_connect", 9, 1, 0, 0, 0);			/* 9: the next one */
	ev("sys_connect_ret", 9, 1, 0, 0, -111);		/* 10 */
	EXPECT_EQ(model_calltree_count(M), 3);
	t = model_calltree_at(M, 0);
	s = model_calltree_at(M, 1);
	EXPECT(t->is_connect && t->sk_id == 4 && !t->softirq);
	EXPECT(s->softirq && s->attached_to == 0 && s->vtid == 2);
	EXPECT_EQ(t->decided_by, 1);
	STEP("the SYN-ACK's root is a child of inet_wait_for_connect");
	r = model_call_at(M, s->root);
	w = model_call_at(M, r->parent);
	EXPECT(r->attached && r->softirq == 1 && !strcmp(w->name, "inet_wait_for_connect"));
	EXPECT(w->first_child == s->root && r->depth == 2);
	EXPECT_EQ(model_call_at(M, model_call_at(M, r->first_child)->first_child)->depth, 4);
	STEP("its own call stack stops at its root");
	EXPECT_EQ(model_call_stack_at(M, 4, stack, 8), 3);
	EXPECT(!strcmp(model_call_at(M, stack[0])->name, "tcp_v4_rcv"));
	EXPECT(model_calltree_at(M, 2)->decided_by == MODEL_NONE);
	teardown();
}

/* Thread 1 busy-polls in inet_wait_for_connect (sk_busy_loop) and runs
 * the SYN-ACK itself (softirq = 1, its own tid): the frame's leaf events
 * stay out, tcp_v4_rcv is a subtree under inet_wait_for_connect as on the
 * softirq thread, and it decides the connect; the same with the vtid
 * context. */
static void test_synack_same_thread(void)
{
	const struct model_calltree *s;
	const struct model_call *w, *r, *k;

	for (int pass = 0; pass < 2; pass++) {
		setup();
		with_vtid = pass == 1;
		STEP("%s the vtid context", with_vtid ? "with" : "without");
		ev("sys_connect", 9, 1, 0, 0, 0);			/* 0 */
		ev("inet_wait_for_connect", 9, 1, 0, 4, 0);		/* 1 */
		ev("netif_receive_skb", 9, 1, 1, 0, 0);			/* 2 */
		ev("ip_rcv", 9, 1, 1, 0, 0);				/* 3 */
		ev("tcp_v4_rcv", 9, 1, 1, 0, 0);			/* 4 */
		ev("tcp_rcv_state_process", 9, 1, 1, 4, 0);		/* 5 */
		ev("tcp_finish_connect", 9, 1, 1, 4, 0);		/* 6 */
		ev("tcp_rcv_state_process_ret", 9, 1, 1, 4, 0);		/* 7 */
		ev("tcp_v4_rcv_ret", 9, 1, 1, 4, 0);			/* 8 */
		ev("timer_cancelled", 9, 1, 1, 0, 0);			/* 9 */
		ev("inet_wait_for_connect_ret", 9, 1, 0, 4, 0);		/* 10 */
		ev("sys_connect_ret", 9, 1, 0, 0, 0);			/* 11 */
		EXPECT_EQ(model_calltree_count(M), 2);
		s = model_calltree_at(M, 1);
		EXPECT(s->softirq && s->attached_to == 0 && s->vtid == 1 && s->sk_id == 4);
		EXPECT_EQ(model_calltree_at(M, 0)->decided_by, 1);
		r = model_call_at(M, s->root);
		w = model_call_at(M, r->parent);
		EXPECT(!strcmp(r->name, "tcp_v4_rcv") && r->attached && r->softirq == 1);
		EXPECT(!strcmp(w->name, "inet_wait_for_connect") && w->first_child == s->root);
		EXPECT(r->next_sibling == MODEL_NONE && r->depth == 2 && r->exit_index == 8);
		k = model_call_at(M, r->first_child);
		EXPECT(!strcmp(k->name, "tcp_rcv_state_process") && k->depth == 3);
		EXPECT(!strcmp(model_call_at(M, k->first_child)->name, "tcp_finish_connect"));
		STEP("inet_wait_for_connect_ret closes the process context's call");
		EXPECT_EQ(w->exit_index, 10);
		EXPECT_EQ(model_call_at(M, model_calltree_at(M, 0)->root)->exit_index, 11);
		with_vtid = false;
		teardown();
	}
}

/* Thread 1's busy poll runs thread 2's SYN-ACK: attached to thread 2's
 * connect; work on no socket being connected nests where it ran, deciding
 * nothing; a process-context event ends softirq work left open. */
static void test_busy_poll_other_socket(void)
{
	const struct model_call *r;

	setup();
	ev("sys_connect", 9, 2, 0, 0, 0);			/* 0 */
	ev("inet_wait_for_connect", 9, 2, 0, 5, 0);		/* 1 */
	ev("sys_connect", 9, 1, 0, 0, 0);			/* 2 */
	ev("inet_wait_for_connect", 9, 1, 0, 4, 0);		/* 3 */
	ev("tcp_v4_rcv", 9, 1, 1, 5, 0);			/* 4: tree 2 */
	ev("tcp_finish_connect", 9, 1, 1, 5, 0);		/* 5 */
	ev("tcp_v4_rcv_ret", 9, 1, 1, 5, 0);			/* 6 */
	ev("tcp_v4_rcv", 9, 1, 1, 7, 0);			/* 7: tree 3 */
	ev("tcp_done", 9, 1, 1, 7, 0);				/* 8: no _ret */
	ev("inet_wait_for_connect_ret", 9, 1, 0, 4, 0);		/* 9 */
	EXPECT_EQ(model_calltree_count(M), 4);
	EXPECT_EQ(model_calltree_at(M, 2)->attached_to, 0);
	EXPECT_EQ(model_calltree_at(M, 0)->decided_by, 2);
	r = model_call_at(M, model_calltree_at(M, 2)->root);
	EXPECT(!strcmp(model_call_at(M, r->parent)->name, "inet_wait_for_connect"));
	EXPECT_EQ(model_call_at(M, r->parent)->enter_index, 1);
	STEP("socket 7's work nests in thread 1's wait, closed by its return");
	EXPECT_EQ(model_calltree_at(M, 3)->attached_to, 1);
	EXPECT_EQ(model_calltree_at(M, 1)->decided_by, MODEL_NONE);
	r = model_call_at(M, model_calltree_at(M, 3)->root);
	EXPECT(r->attached && r->exit_index == 8);
	EXPECT_EQ(model_call_at(M, r->parent)->enter_index, 3);
	EXPECT_EQ(model_call_at(M, r->parent)->exit_index, 9);
	teardown();
}

/* A non-blocking connect returns EINPROGRESS; the SYN-ACK that decides
 * it later goes under its root, the segments after it do not. */
static void test_nonblocking_attached(void)
{
	setup();
	ev("sys_connect", 9, 1, 0, 0, 0);
	ev("tcp_v4_connect", 9, 1, 0, 5, 0);
	ev("tcp_v4_connect_ret", 9, 1, 0, 5, 0);
	ev("sys_connect_ret", 9, 1, 0, 0, -115);
	ev("tcp_v4_rcv", 9, 1, 1, 5, 0);
	ev("tcp_finish_connect", 9, 1, 1, 5, 0);
	ev("tcp_v4_rcv_ret", 9, 1, 1, 5, 0);
	ev("tcp_v4_rcv", 9, 1, 1, 5, 0);
	ev("tcp_v4_rcv_ret", 9, 1, 1, 5, 0);
	EXPECT_EQ(model_calltree_count(M), 3);
	EXPECT_EQ(model_calltree_at(M, 1)->attached_to, 0);
	EXPECT_EQ(model_call_at(M, model_calltree_at(M, 1)->root)->parent,
		  model_calltree_at(M, 0)->root);
	EXPECT_EQ(model_calltree_at(M, 0)->decided_by, 1);
	EXPECT_EQ(model_calltree_at(M, 2)->attached_to, MODEL_NONE);
	teardown();
}

/* The retransmit timer gives up while thread 1 waits: its run (from
 * timer_fired, which has no return) is attached when it starts, and
 * decides the connect although nothing closes it. */
static void test_timer_attached(void)
{
	const struct model_calltree *s;
	const struct model_call *r;

	setup();
	ev("sys_connect", 9, 1, 0, 0, 0);			/* 0 */
	ev("inet_wait_for_connect", 9, 1, 0, 4, 0);		/* 1 */
	now_ns += 1000;
	model_event_set(&E, "timer_fired", now_ns, 2);		/* 2 */
	model_event_add_uint(&E, "owner_id", 4);
	E.softirq = 1;
	model_apply(M, &E);
	ev("tcp_retransmit_timer", 9, 2, 1, 4, 0);		/* 3 */
	ev("tcp_write_timeout", 9, 2, 1, 4, 0);			/* 4 */
	ev("tcp_write_err", 9, 2, 1, 4, 0);			/* 5 */
	ev("tcp_done", 9, 2, 1, 4, 0);				/* 6 */
	ev("inet_wait_for_connect_ret", 9, 1, 0, 4, 0);		/* 7 */
	ev("sys_connect_ret", 9, 1, 0, 0, -110);		/* 8 */
	s = model_calltree_at(M, 1);
	EXPECT(s->softirq && s->attached_to == 0 && s->sk_id == 4);
	EXPECT_EQ(model_calltree_at(M, 0)->decided_by, 1);
	r = model_call_at(M, s->root);
	EXPECT(!strcmp(r->name, "timer_fired") && !r->leaf && r->attached && r->depth == 2);
	EXPECT(!strcmp(model_call_at(M, r->parent)->name, "inet_wait_for_connect"));
	EXPECT_EQ(model_call_at(M, r->first_child)->depth, 3);
	STEP("a frame after it ends the timer's run");
	ev("netif_receive_skb", 9, 2, 1, 0, 0);			/* 9 */
	EXPECT_EQ(model_call_at(M, model_calltree_at(M, 1)->root)->exit_index, 6);
	teardown();
}

/* No thread told apart: no call tree, and one line naming the context. */
static void test_no_threads(void)
{
	char note[256];

	setup();
	now_ns += 1000;
	model_event_set(&E, "sys_connect", now_ns, -1);
	model_apply(M, &E);
	model_event_set(&E, "sys_connect_ret", now_ns + 1, -1);
	model_apply(M, &E);
	EXPECT_EQ(model_calltree_count(M), 0);
	EXPECT_EQ(model_context_note(M, note, sizeof(note)), 1);
	EXPECT(strstr(note, "lttng add-context -u -t vtid") != NULL);
	teardown();
}

#define T(fn) CU_add_test(s, #fn, fn)

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("model_process", NULL, NULL);

	T(test_common_fields);
	T(test_processes);
	T(test_synack_attached);
	T(test_synack_same_thread);
	T(test_busy_poll_other_socket);
	T(test_nonblocking_attached);
	T(test_timer_attached);
	T(test_no_threads);
}
