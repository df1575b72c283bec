/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * clock.h - the one interface through which the stack reads time.
 *
 * The kernel reads jiffies (HZ=1000 here) and ktime_get_real(); connscope
 * reads both from a struct cs_clock so that tests can drive a virtual clock
 * (advance it, then check what was sent) while programs use the real clocks.
 */
#ifndef CS_CLOCK_H
#define CS_CLOCK_H

#include <pthread.h>
#include "types.h"

struct cs_clock {
	u64 (*mono_ns)(struct cs_clock *c);	/* CLOCK_MONOTONIC: jiffies */
	u64 (*real_ns)(struct cs_clock *c);	/* CLOCK_REALTIME: ISN clock, get_seconds */
	/* Virtual clock state (unused by the real clock). */
	pthread_mutex_t lock;
	u64 v_mono_ns, v_real_ns;
};

/* The process-wide real clock (CLOCK_MONOTONIC / CLOCK_REALTIME). */
struct cs_clock *cs_clock_real(void);
/* A virtual clock starting at the given times; free with cs_clock_free. */
struct cs_clock *cs_clock_virtual_new(u64 mono_ns, u64 real_ns);
void cs_clock_advance(struct cs_clock *c, u64 ns);
void cs_clock_free(struct cs_clock *c);

#endif
