/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timer.h - kernel timers (include/linux/timer.h) on the stack's timer base.
 *
 * Each struct net owns one base, run by the softirq thread (or by
 * cs_net_poll in tests): run_timers() calls every timer whose expiry, in
 * jiffies of the net's clock, has passed.  The base lock is never held while
 * a timer function runs, as in the kernel.
 */
#ifndef CS_TIMER_H
#define CS_TIMER_H

#include "types.h"

struct net;

struct timer_list {
	/* position in the base's heap, when pending: first child, next
	 * sibling, and the parent (first child) or left sibling */
	struct timer_list *child, *sibling, *prev;
	u64 seq;			/* when it was armed: ties run in this order */
	unsigned long expires;		/* jiffies */
	void (*function)(unsigned long data);
	unsigned long data;
	struct net *net;
	const char *name;		/* for traces: "retransmit", "delack", "timewait" */
	u32 owner_id;			/* for traces: the socket id */
	bool pending;
	/* connscope: the jiffy the base will run it at.  Equal to expires,
	 * except for a timer armed for a jiffy the base has already run, which
	 * (as in the kernel's wheel) runs at the next jiffy the base runs. */
	unsigned long wheel_expires;
};

void setup_timer(struct timer_list *t, struct net *net, const char *name,
		 void (*fn)(unsigned long), unsigned long data);
/* mod_timer: (re)arm; returns 1 if it was pending. */
int mod_timer(struct timer_list *t, unsigned long expires);
/* del_timer: cancel; returns 1 if it was pending. */
int del_timer(struct timer_list *t);
static inline bool timer_pending(const struct timer_list *t)
{
	return t->pending;
}
/* init_timers: set up @net's timer base (init_timers_cpu); call once, after
 * net->clock is set and before any timer is armed. */
void init_timers(struct net *net);
/* run_timers: run every expired timer of @net's base; returns how many ran. */
int run_timers(struct net *net);
/* next_timer_expiry: jiffies of the earliest pending timer, or false. */
bool next_timer_expiry(struct net *net, unsigned long *expires);

/* jiffies of @net's clock (HZ = 1000) and the derived clocks. */
unsigned long net_jiffies(struct net *net);
#define tcp_time_stamp(net) ((u32)net_jiffies(net))
long net_get_seconds(struct net *net);		/* get_seconds(): realtime seconds */
u64 net_ktime_get_real_ns(struct net *net);	/* ktime_get_real() */

#endif
