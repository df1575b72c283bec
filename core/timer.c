// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer.c - kernel timers on a per-stack base (kernel/timer.c, Linux 3.10).
 *
 * The kernel keeps pending timers in a hashed wheel and runs, jiffy by
 * jiffy, every timer whose expiry has come (__run_timers).  connscope keeps
 * them in a pairing heap ordered by the jiffy they will run at, then by when
 * they were armed, which gives the same order: earlier expiries first, and
 * timers of the same jiffy in the order they were armed.  Arming and
 * cancelling cost O(log n), amortised, however many timers are pending (a
 * TIME-WAIT socket holds one for 60 s).  A timer armed for a jiffy the base has already
 * run goes to the next jiffy, as internal_add_timer puts it in the slot of
 * base->timer_jiffies.  Each timer runs with the base lock released, so a
 * timer function may re-arm or delete timers, its own included.
 *
 * Time comes from the stack's clock: jiffies are milliseconds of its
 * monotonic clock (HZ = 1000).
 */
#include "net.h"
#include "clock.h"
#include "trace.h"

/* jiffies: milliseconds of the stack's monotonic clock (HZ = 1000). */
unsigned long net_jiffies(struct net *net)
{
	return (unsigned long)(net->clock->mono_ns(net->clock) / 1000000ULL);
}

/* get_seconds(): seconds of the real clock. */
long net_get_seconds(struct net *net)
{
	return (long)(net->clock->real_ns(net->clock) / 1000000000ULL);
}

/* ktime_get_real(): the real clock, or connscope.fixed_clock_ns when a lab
 * freezes it (so that ISNs are predictable). */
u64 net_ktime_get_real_ns(struct net *net)
{
	if (net->sysctl.fixed_clock_ns)
		return net->sysctl.fixed_clock_ns;
	return net->clock->real_ns(net->clock);
}

/* init_timers - init_timers_cpu: an empty base whose clock starts now. */
void init_timers(struct net *net)
{
	pthread_mutex_init(&net->timer_lock, NULL);
	net->timer_root = NULL;
	net->timer_count = 0;
	net->timer_jiffies = net_jiffies(net);
}

/* setup_timer - init_timer, then the timer's function and argument. */
void setup_timer(struct timer_list *timer, struct net *net,
		 void (*function)(unsigned long), unsigned long data)
{
	timer->child = timer->sibling = timer->prev = NULL;
	timer->pending = false;
	timer->base = net;
	timer->function = function;
	timer->data = data;
	timer->expires = 0;
	timer->wheel_expires = 0;
}

/* The heap's meld, what list_add_tail is to a wheel slot: two roots (no
 * sibling, no parent) become one tree, the one that runs later (a later
 * jiffy, or the same jiffy armed later) the first child of the other. */
static struct timer_list *cs_timer_meld(struct timer_list *a, struct timer_list *b)
{
	struct timer_list *c;

	if (!a || !b)
		return a ? a : b;
	if (a->wheel_expires != b->wheel_expires ?
	    time_after(a->wheel_expires, b->wheel_expires) : b->seq < a->seq) {
		c = a;
		a = b;
		b = c;
	}
	b->sibling = a->child;
	if (a->child)
		a->child->prev = b;
	b->prev = a;
	a->child = b;
	return a;
}

/* The children of a removed node melded into one tree: in pairs left to
 * right, then the pairs right to left (the two-pass pairing heap). */
static struct timer_list *cs_timer_merge_pairs(struct timer_list *c)
{
	struct timer_list *pairs = NULL, *root = NULL;

	while (c) {
		struct timer_list *a = c, *b = c->sibling;

		c = b ? b->sibling : NULL;
		a->sibling = a->prev = NULL;
		if (b)
			b->sibling = b->prev = NULL;
		a = cs_timer_meld(a, b);
		a->sibling = pairs;
		pairs = a;
	}
	while (pairs) {
		c = pairs->sibling;
		pairs->sibling = NULL;
		root = cs_timer_meld(root, pairs);
		pairs = c;
	}
	return root;
}

/* detach_timer - take a pending timer off its slot (here: out of the
 * heap); with @clear_pending it no longer counts as pending.  Caller holds
 * the base lock. */
static void detach_timer(struct timer_list *timer, bool clear_pending)
{
	struct net *base = timer->base;
	struct timer_list *sub = cs_timer_merge_pairs(timer->child);

	if (timer == base->timer_root) {
		base->timer_root = sub;
	} else {
		if (timer->prev->child == timer)
			timer->prev->child = timer->sibling;
		else
			timer->prev->sibling = timer->sibling;
		if (timer->sibling)
			timer->sibling->prev = timer->prev;
		base->timer_root = cs_timer_meld(base->timer_root, sub);
	}
	timer->child = timer->sibling = timer->prev = NULL;
	if (clear_pending)
		timer->pending = false;
}

/* detach_expired_timer - detach a timer __run_timers is about to run. */
static void detach_expired_timer(struct timer_list *timer, struct net *base)
{
	detach_timer(timer, true);
	base->timer_count--;
}

/* detach_if_pending - detach @timer if it is pending; returns 1 if it was. */
static int detach_if_pending(struct timer_list *timer, struct net *base,
			     bool clear_pending)
{
	if (!timer_pending(timer))
		return 0;

	detach_timer(timer, clear_pending);
	base->timer_count--;
	return 1;
}

/* internal_add_timer - file @timer in the slot of its expiry.  Caller
 * holds the base lock. */
static void internal_add_timer(struct net *base, struct timer_list *timer)
{
	unsigned long expires = timer->expires;
	unsigned long idx = expires - base->timer_jiffies;

	/* A timer added for the current jiffy, or for one already past, goes
	 * in the slot the base runs next. */
	if ((long)idx < 0)
		expires = base->timer_jiffies;
	timer->wheel_expires = expires;
	/* Timers are FIFO: */
	timer->seq = base->timer_seq++;
	base->timer_root = cs_timer_meld(base->timer_root, timer);
	base->timer_count++;
	timer->pending = true;
}

/* __mod_timer - (re)arm @timer for @expires (jiffies).  Returns 1 if it
 * was pending.  3.10's also takes pending_only and pinned, which none of
 * connscope's callers sets. */
static int __mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct net *base = timer->base;
	int ret = 0;

	pthread_mutex_lock(&base->timer_lock);

	/* The networking code often re-arms a timer for the expiry it
	 * already has: then there is nothing to do (mod_timer's shortcut,
	 * taken here under the base lock: see docs/divergences.md). */
	if (timer_pending(timer) && timer->expires == expires) {
		pthread_mutex_unlock(&base->timer_lock);
		return 1;
	}

	ret = detach_if_pending(timer, base, false);

	timer->expires = expires;
	internal_add_timer(base, timer);
	pthread_mutex_unlock(&base->timer_lock);
	cs_trace(timer_armed, timer, net_jiffies(base), ret);

	return ret;
}

/* mod_timer - modify a timer's timeout: the same as del_timer, set the
 * expiry, add_timer, but safe against a concurrent user of the timer.
 * Returns whether it modified a pending timer (1) or activated one (0). */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires);
}

/* del_timer - deactivate a timer, pending or not.  Returns whether it
 * deactivated a pending one.  Does not wait for a run already under way
 * (del_timer, not del_timer_sync). */
int del_timer(struct timer_list *timer)
{
	struct net *base = timer->base;
	int ret = 0;

	/* connscope: a timer never set up has no base to lock; the pending
	 * test is made under the lock (see docs/divergences.md). */
	if (base) {
		pthread_mutex_lock(&base->timer_lock);
		ret = detach_if_pending(timer, base, true);
		pthread_mutex_unlock(&base->timer_lock);
		if (ret)
			cs_trace(timer_cancelled, timer, net_jiffies(base));
	}

	return ret;
}

/* __run_timers - run every expired timer of the base: jiffy by jiffy up
 * to now, the timers of one jiffy in the order they were added, each with
 * the base lock released.  The caller is the stack's softirq context.
 * Returns how many ran. */
static int __run_timers(struct net *base)
{
	unsigned long jiffies = net_jiffies(base);
	struct timer_list *timer;
	int ran = 0;

	pthread_mutex_lock(&base->timer_lock);
	while (time_after_eq(jiffies, base->timer_jiffies)) {
		unsigned long index;

		/* connscope: the heap's root is the first slot with a timer;
		 * the empty jiffies before it are passed over at once. */
		timer = base->timer_root;
		if (!timer || time_after(timer->wheel_expires, jiffies)) {
			base->timer_jiffies = jiffies + 1;
			break;
		}
		if (time_after(timer->wheel_expires, base->timer_jiffies))
			base->timer_jiffies = timer->wheel_expires;
		index = base->timer_jiffies;
		++base->timer_jiffies;
		while ((timer = base->timer_root) && timer->wheel_expires == index) {
			void (*fn)(unsigned long);
			unsigned long data;

			fn = timer->function;
			data = timer->data;

			detach_expired_timer(timer, base);
			pthread_mutex_unlock(&base->timer_lock);
			/* call_timer_fn: trace_timer_expire_entry's place */
			cs_trace(timer_fired, timer, jiffies);
			fn(data);
			ran++;
			pthread_mutex_lock(&base->timer_lock);
		}
	}
	pthread_mutex_unlock(&base->timer_lock);
	return ran;
}

/* run_timer_softirq - the timer softirq: run the base if its next jiffy
 * has come.  Returns how many timers ran. */
int run_timer_softirq(struct net *base)
{
	if (time_after_eq(net_jiffies(base), base->timer_jiffies))
		return __run_timers(base);
	return 0;
}

/* get_next_timer_interrupt - the jiffy of the next pending timer, @now if
 * it has passed. */
unsigned long get_next_timer_interrupt(struct net *base, unsigned long now)
{
	unsigned long expires;

	pthread_mutex_lock(&base->timer_lock);
	/* connscope: the heap's root is __next_timer_interrupt's answer;
	 * with no timer it answers NEXT_TIMER_MAX_DELTA ahead. */
	expires = base->timer_root ? base->timer_root->wheel_expires :
		  base->timer_jiffies + NEXT_TIMER_MAX_DELTA;
	pthread_mutex_unlock(&base->timer_lock);

	if (time_after_eq(now, expires))
		return now;

	return expires;
}
