/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timer.h - kernel timers (include/linux/timer.h) on the stack's timer base.
 *
 * Each struct net owns one base, run by the softirq thread (or by
 * cs_net_poll in tests): run_timer_softirq() calls every timer whose
 * expiry, in jiffies of the net's clock, has passed.  The base lock is
 * never held while a timer function runs, as in the kernel.
 */
#ifndef CS_TIMER_H
#define CS_TIMER_H

#include "types.h"

struct net;

/* 3.10's get_next_timer_interrupt answers at most this far ahead. */
#define NEXT_TIMER_MAX_DELTA	((1UL << 30) - 1)

struct timer_list {
	/* connscope: the list entry of a wheel slot, as a node of the
	 * base's heap: first child, next sibling, and the parent (first
	 * child) or left sibling; seq orders the timers of one jiffy as the
	 * slot's FIFO list does; pending is the kernel's entry.next != NULL */
	struct timer_list *child, *sibling, *prev;
	u64 seq;
	bool pending;
	/* connscope: the jiffy of the slot the base runs it in.  Equal to
	 * expires, except for a timer armed for a jiffy the base has already
	 * run, which internal_add_timer puts in the next one. */
	unsigned long wheel_expires;
	unsigned long expires;		/* jiffies */
	void (*function)(unsigned long data);
	unsigned long data;
	struct net *base;		/* the stack whose base holds it */
};

/* setup_timer: 3.10 binds the timer to the CPU's base; connscope's base is
 * the stack's, so @net is passed. */
void setup_timer(struct timer_list *timer, struct net *net,
		 void (*function)(unsigned long), unsigned long data);
/* mod_timer: (re)arm; returns 1 if it was pending. */
int mod_timer(struct timer_list *timer, unsigned long expires);
/* del_timer: cancel; returns 1 if it was pending. */
int del_timer(struct timer_list *timer);
static inline bool timer_pending(const struct timer_list *timer)
{
	return timer->pending;
}
/* init_timers: set up @net's timer base (init_timers_cpu); call once, after
 * net->clock is set and before any timer is armed. */
void init_timers(struct net *net);
/* run_timer_softirq: run every expired timer of @net's base; returns how
 * many ran (3.10 returns nothing: see docs/divergences.md). */
int run_timer_softirq(struct net *net);
/* get_next_timer_interrupt: the jiffy the earliest pending timer runs at,
 * @now if that has passed, base->timer_jiffies + NEXT_TIMER_MAX_DELTA if
 * none is pending. */
unsigned long get_next_timer_interrupt(struct net *net, unsigned long now);

/* jiffies of @net's clock (HZ = 1000) and the derived clocks. */
unsigned long net_jiffies(struct net *net);
#define tcp_time_stamp(net) ((u32)net_jiffies(net))
long net_get_seconds(struct net *net);		/* get_seconds(): realtime seconds */
u64 net_ktime_get_real_ns(struct net *net);	/* ktime_get_real() */

#endif
