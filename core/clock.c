// SPDX-License-Identifier: GPL-2.0-only
/*
 * clock.c - the clocks the stack reads: the real ones (CLOCK_MONOTONIC for
 * jiffies, CLOCK_REALTIME for the ISN clock and get_seconds()) and a
 * virtual clock that tests advance by hand.
 *
 * The kernel reads its clocks directly (jiffies, ktime_get_real()); here
 * every read goes through a struct cs_clock so that a test can freeze time,
 * advance it by an exact amount, and predict timer expiries, TSvals and
 * ISNs.  The two virtual clocks always move together, as the real ones do.
 */
#include <stdlib.h>
#include <time.h>
#include "clock.h"

static u64 timespec_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static u64 real_mono_ns(struct cs_clock *c)
{
	(void)c;
	return timespec_ns(CLOCK_MONOTONIC);
}

static u64 real_real_ns(struct cs_clock *c)
{
	(void)c;
	return timespec_ns(CLOCK_REALTIME);
}

static struct cs_clock real_clock = {
	.mono_ns = real_mono_ns,
	.real_ns = real_real_ns,
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

/*
 * cs_clock_real - the process-wide real clock.  It is shared by every stack
 * that was not given a clock; cs_clock_advance and cs_clock_free ignore it.
 */
struct cs_clock *cs_clock_real(void)
{
	return &real_clock;
}

/* Virtual clock reads: the lock makes a read see both clocks advanced together. */
static u64 virt_mono_ns(struct cs_clock *c)
{
	u64 v;

	pthread_mutex_lock(&c->lock);
	v = c->v_mono_ns;
	pthread_mutex_unlock(&c->lock);
	return v;
}

static u64 virt_real_ns(struct cs_clock *c)
{
	u64 v;

	pthread_mutex_lock(&c->lock);
	v = c->v_real_ns;
	pthread_mutex_unlock(&c->lock);
	return v;
}

/*
 * cs_clock_virtual_new - a clock that only moves when cs_clock_advance is
 * called, starting at @mono_ns (CLOCK_MONOTONIC) and @real_ns (CLOCK_REALTIME).
 * Returns NULL if memory is short.
 */
struct cs_clock *cs_clock_virtual_new(u64 mono_ns, u64 real_ns)
{
	struct cs_clock *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->mono_ns = virt_mono_ns;
	c->real_ns = virt_real_ns;
	pthread_mutex_init(&c->lock, NULL);
	c->v_mono_ns = mono_ns;
	c->v_real_ns = real_ns;
	return c;
}

/*
 * cs_clock_advance - move a virtual clock forward by @ns on both time lines.
 * The caller then runs the stack (cs_net_poll) so that expired timers fire.
 * The real clock cannot be advanced: the call does nothing for it.
 */
void cs_clock_advance(struct cs_clock *c, u64 ns)
{
	if (!c || c == &real_clock)
		return;
	pthread_mutex_lock(&c->lock);
	c->v_mono_ns += ns;
	c->v_real_ns += ns;
	pthread_mutex_unlock(&c->lock);
}

/* cs_clock_free - release a virtual clock; NULL and the real clock are ignored. */
void cs_clock_free(struct cs_clock *c)
{
	if (!c || c == &real_clock)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c);
}
