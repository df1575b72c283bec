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

/* setup_timer - bind @t to @net's base with its function and argument;
 * @name labels it in traces. */
void setup_timer(struct timer_list *t, struct net *net, const char *name,
		 void (*fn)(unsigned long), unsigned long data)
{
	t->child = t->sibling = t->prev = NULL;
	t->pending = false;
	t->net = net;
	t->name = name;
	t->function = fn;
	t->data = data;
	t->expires = 0;
	t->wheel_expires = 0;
}

/* True when @a runs before @b: an earlier jiffy, or armed first. */
static bool timer_runs_before(const struct timer_list *a, const struct timer_list *b)
{
	if (a->wheel_expires != b->wheel_expires)
		return time_after(b->wheel_expires, a->wheel_expires);
	return a->seq < b->seq;
}

/* The heap's meld: two roots (no sibling, no parent) become one tree, the
 * later one the first child of the earlier. */
static struct timer_list *timer_meld(struct timer_list *a, struct timer_list *b)
{
	struct timer_list *c;

	if (!a || !b)
		return a ? a : b;
	if (timer_runs_before(b, a)) {
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

/* A list of siblings melded into one tree: in pairs left to right, then
 * the pairs right to left (the two-pass pairing heap). */
static struct timer_list *timer_merge_pairs(struct timer_list *c)
{
	struct timer_list *pairs = NULL, *root = NULL;

	while (c) {
		struct timer_list *a = c, *b = c->sibling;

		c = b ? b->sibling : NULL;
		a->sibling = a->prev = NULL;
		if (b)
			b->sibling = b->prev = NULL;
		a = timer_meld(a, b);
		a->sibling = pairs;
		pairs = a;
	}
	while (pairs) {
		c = pairs->sibling;
		pairs->sibling = NULL;
		root = timer_meld(root, pairs);
		pairs = c;
	}
	return root;
}

/* detach_timer - take a pending timer out of the base.  Caller holds
 * timer_lock. */
static void detach_timer(struct timer_list *t)
{
	struct net *net = t->net;
	struct timer_list *sub = timer_merge_pairs(t->child);

	if (t == net->timer_root) {
		net->timer_root = sub;
	} else {
		if (t->prev->child == t)
			t->prev->child = t->sibling;
		else
			t->prev->sibling = t->sibling;
		if (t->sibling)
			t->sibling->prev = t->prev;
		net->timer_root = timer_meld(net->timer_root, sub);
	}
	t->child = t->sibling = t->prev = NULL;
	t->pending = false;
	net->timer_count--;
}

/* internal_add_timer - insert after every timer that runs at or before it.
 * Caller holds timer_lock. */
static void internal_add_timer(struct net *net, struct timer_list *t)
{
	t->wheel_expires = t->expires;
	if (time_after(net->timer_jiffies, t->expires))
		t->wheel_expires = net->timer_jiffies;
	t->seq = net->timer_seq++;
	t->child = t->sibling = t->prev = NULL;
	net->timer_root = timer_meld(net->timer_root, t);
	net->timer_count++;
	t->pending = true;
}

/* mod_timer - (re)arm @t to run at @expires (jiffies).  Returns 1 if it
 * was pending, 0 if not.  Re-arming for the same expiry changes nothing. */
int mod_timer(struct timer_list *t, unsigned long expires)
{
	struct net *net = t->net;
	int ret;

	pthread_mutex_lock(&net->timer_lock);
	ret = t->pending;
	if (ret && t->expires == expires) {
		pthread_mutex_unlock(&net->timer_lock);
		return 1;
	}
	if (ret)
		detach_timer(t);
	t->expires = expires;
	internal_add_timer(net, t);
	pthread_mutex_unlock(&net->timer_lock);
	cs_trace(timer_armed, t, net_jiffies(net), ret);
	return ret;
}

/* del_timer - cancel @t.  Returns 1 if it was pending.  Does not wait for
 * a run already under way (del_timer, not del_timer_sync). */
int del_timer(struct timer_list *t)
{
	struct net *net = t->net;
	int ret = 0;

	if (!net)
		return 0;
	pthread_mutex_lock(&net->timer_lock);
	if (t->pending) {
		detach_timer(t);
		ret = 1;
	}
	pthread_mutex_unlock(&net->timer_lock);
	if (ret)
		cs_trace(timer_cancelled, t, net_jiffies(net));
	return ret;
}

/* run_timers - __run_timers: run, earliest first, every timer due by the
 * current jiffy; each runs with the base lock released.  The caller is the
 * stack's softirq context.  Returns how many ran. */
int run_timers(struct net *net)
{
	unsigned long now = net_jiffies(net);
	int ran = 0;

	for (;;) {
		struct timer_list *t;
		void (*fn)(unsigned long);
		unsigned long data;

		pthread_mutex_lock(&net->timer_lock);
		t = net->timer_root;
		if (!t || time_after(t->wheel_expires, now)) {
			if (time_after_eq(now, net->timer_jiffies))
				net->timer_jiffies = now + 1;
			pthread_mutex_unlock(&net->timer_lock);
			return ran;
		}
		if (time_after_eq(t->wheel_expires, net->timer_jiffies))
			net->timer_jiffies = t->wheel_expires + 1;
		detach_timer(t);
		fn = t->function;
		data = t->data;
		pthread_mutex_unlock(&net->timer_lock);
		cs_trace(timer_fired, t, now);
		fn(data);
		ran++;
	}
}

/* next_timer_expiry - the jiffy the earliest pending timer runs at. */
bool next_timer_expiry(struct net *net, unsigned long *expires)
{
	bool any;

	pthread_mutex_lock(&net->timer_lock);
	any = net->timer_root != NULL;
	if (any)
		*expires = net->timer_root->wheel_expires;
	pthread_mutex_unlock(&net->timer_lock);
	return any;
}
