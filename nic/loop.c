// SPDX-License-Identifier: GPL-2.0-only
/*
 * loop.c - the in-memory NIC for unit tests.
 *
 * Frames the stack transmits go to a tx queue that the test reads with
 * nic_loop_take; frames the test injects go to an rx queue that the stack
 * reads with recv.  Both queues are FIFO and protected by one mutex.  After
 * each transmit an optional responder hook sees the frame, with no lock
 * held, so it may inject an answer (the answer is received on the next
 * poll, as a real peer's would be).  wait() sleeps on a condition variable
 * until a frame is injected, wake() is called, or the timeout passes.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nic.h"

struct loop_frame {
	struct loop_frame *next;
	size_t len;
	unsigned char data[];
};

struct loop_queue {
	struct loop_frame *head, *tail;
	size_t count;
};

struct loop_nic {
	struct nic nic;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct loop_queue rx, tx;
	bool woken;
	void (*responder)(struct nic *nic, const void *frame, size_t len, void *arg);
	void *responder_arg;
};

static struct loop_nic *to_loop(struct nic *nic)
{
	return (struct loop_nic *)(void *)nic;
}

/* Queue helpers; the caller holds the NIC's lock. */
static int queue_push(struct loop_queue *q, const void *frame, size_t len)
{
	struct loop_frame *f = malloc(sizeof(*f) + len);

	if (!f)
		return -ENOMEM;
	f->next = NULL;
	f->len = len;
	memcpy(f->data, frame, len);
	if (q->tail)
		q->tail->next = f;
	else
		q->head = f;
	q->tail = f;
	q->count++;
	return 0;
}

static struct loop_frame *queue_pop(struct loop_queue *q)
{
	struct loop_frame *f = q->head;

	if (f) {
		q->head = f->next;
		if (!q->head)
			q->tail = NULL;
		q->count--;
	}
	return f;
}

static void queue_free(struct loop_queue *q)
{
	struct loop_frame *f;

	while ((f = queue_pop(q)) != NULL)
		free(f);
}

/* Copy @f into @buf (truncating to @len) and free it; returns the length
 * copied. */
static size_t frame_copy_out(struct loop_frame *f, void *buf, size_t len)
{
	size_t n = f->len < len ? f->len : len;

	memcpy(buf, f->data, n);
	free(f);
	return n;
}

/* xmit: keep a copy for the test, then let the responder see it, unlocked. */
static int loop_xmit(struct nic *nic, const void *frame, size_t len)
{
	struct loop_nic *ln = to_loop(nic);
	void (*fn)(struct nic *, const void *, size_t, void *);
	void *arg;
	int err;

	pthread_mutex_lock(&ln->lock);
	err = queue_push(&ln->tx, frame, len);
	fn = ln->responder;
	arg = ln->responder_arg;
	pthread_mutex_unlock(&ln->lock);
	if (!err && fn)
		fn(nic, frame, len, arg);
	return err;
}

/* recv: the oldest injected frame, 0 if none. */
static long loop_recv(struct nic *nic, void *buf, size_t len)
{
	struct loop_nic *ln = to_loop(nic);
	struct loop_frame *f;

	pthread_mutex_lock(&ln->lock);
	f = queue_pop(&ln->rx);
	pthread_mutex_unlock(&ln->lock);
	return f ? (long)frame_copy_out(f, buf, len) : 0;
}

/* wait: until a frame is queued, wake() is called, or @timeout_ms pass. */
static int loop_wait(struct nic *nic, int timeout_ms)
{
	struct loop_nic *ln = to_loop(nic);
	struct timespec ts;
	int ready;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&ln->lock);
	while (!ln->rx.count && !ln->woken)
		if (pthread_cond_timedwait(&ln->cond, &ln->lock, &ts) == ETIMEDOUT)
			break;
	ready = ln->rx.count > 0 || ln->woken;
	ln->woken = false;
	pthread_mutex_unlock(&ln->lock);
	return ready;
}

/* wake: end the current (or next) wait. */
static void loop_wake(struct nic *nic)
{
	struct loop_nic *ln = to_loop(nic);

	pthread_mutex_lock(&ln->lock);
	ln->woken = true;
	pthread_cond_broadcast(&ln->cond);
	pthread_mutex_unlock(&ln->lock);
}

/* destroy: free the NIC and every frame still queued. */
static void loop_destroy(struct nic *nic)
{
	struct loop_nic *ln = to_loop(nic);

	queue_free(&ln->rx);
	queue_free(&ln->tx);
	pthread_cond_destroy(&ln->cond);
	pthread_mutex_destroy(&ln->lock);
	free(ln);
}

static const struct nic_ops loop_ops = {
	.xmit = loop_xmit,
	.recv = loop_recv,
	.wait = loop_wait,
	.wake = loop_wake,
	.destroy = loop_destroy,
};

/* nic_loop_new - an in-memory NIC with index 2 (the first interface after
 * lo), the given name, MAC and MTU.  NULL when out of memory. */
struct nic *nic_loop_new(const char *name, const uint8_t mac[6], unsigned int mtu)
{
	struct loop_nic *ln = calloc(1, sizeof(*ln));
	pthread_condattr_t ca;

	if (!ln)
		return NULL;
	ln->nic.ops = &loop_ops;
	snprintf(ln->nic.name, sizeof(ln->nic.name), "%s", name ? name : "loop0");
	memcpy(ln->nic.mac, mac, 6);
	ln->nic.mtu = mtu;
	ln->nic.ifindex = 2;
	pthread_mutex_init(&ln->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ln->cond, &ca);
	pthread_condattr_destroy(&ca);
	return &ln->nic;
}

/* nic_loop_inject, nic_loop_take, nic_loop_pending, nic_loop_set_responder:
 * see nic.h. */
int nic_loop_inject(struct nic *nic, const void *frame, size_t len)
{
	struct loop_nic *ln = to_loop(nic);
	int err;

	pthread_mutex_lock(&ln->lock);
	err = queue_push(&ln->rx, frame, len);
	pthread_cond_broadcast(&ln->cond);
	pthread_mutex_unlock(&ln->lock);
	return err;
}

size_t nic_loop_take(struct nic *nic, void *buf, size_t len)
{
	struct loop_nic *ln = to_loop(nic);
	struct loop_frame *f;

	pthread_mutex_lock(&ln->lock);
	f = queue_pop(&ln->tx);
	pthread_mutex_unlock(&ln->lock);
	return f ? frame_copy_out(f, buf, len) : 0;
}

size_t nic_loop_pending(struct nic *nic)
{
	struct loop_nic *ln = to_loop(nic);
	size_t n;

	pthread_mutex_lock(&ln->lock);
	n = ln->tx.count;
	pthread_mutex_unlock(&ln->lock);
	return n;
}

void nic_loop_set_responder(struct nic *nic,
			    void (*fn)(struct nic *nic, const void *frame,
				       size_t len, void *arg),
			    void *arg)
{
	struct loop_nic *ln = to_loop(nic);

	pthread_mutex_lock(&ln->lock);
	ln->responder = fn;
	ln->responder_arg = arg;
	pthread_mutex_unlock(&ln->lock);
}
