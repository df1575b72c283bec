// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_timer.c - the timer base (core/timer.c): expiry order, arming and
 * cancelling, re-arming from a timer function, and the clocks it reads.
 * A bare struct net with a virtual clock is enough: nothing else runs.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "net.h"
#include "clock.h"

static struct net *bare_net(struct cs_clock **clk)
{
	struct net *net = calloc(1, sizeof(*net));

	*clk = cs_clock_virtual_new(5000ULL * 1000000ULL, 1767225600ULL * 1000000000ULL);
	net->clock = *clk;
	init_timers(net);
	return net;
}

static void bare_free(struct net *net, struct cs_clock *clk)
{
	pthread_mutex_destroy(&net->timer_lock);
	free(net);
	cs_clock_free(clk);
}

static char order[32];
static int norder;

static void record(unsigned long data)
{
	order[norder++] = (char)data;
}

/* Timers run in expiry order, those of the same jiffy in arming order,
 * and only once their jiffy has come. */
static void test_order(void)
{
	struct cs_clock *clk;
	struct net *net = bare_net(&clk);
	struct timer_list a, b, c, d;
	unsigned long now = net_jiffies(net);

	EXPECT_EQ(now, 5000);
	norder = 0;
	setup_timer(&a, net, record, 'a');
	setup_timer(&b, net, record, 'b');
	setup_timer(&c, net, record, 'c');
	setup_timer(&d, net, record, 'd');
	STEP("arm a@+30, b@+10, c@+30, d@+20");
	EXPECT_EQ(mod_timer(&a, now + 30), 0);
	EXPECT_EQ(mod_timer(&b, now + 10), 0);
	EXPECT_EQ(mod_timer(&c, now + 30), 0);
	EXPECT_EQ(mod_timer(&d, now + 20), 0);
	EXPECT_EQ(get_next_timer_interrupt(net, now), now + 10);
	STEP("at +9 nothing runs");
	cs_clock_advance(clk, 9 * 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 0);
	STEP("at +10 b runs");
	cs_clock_advance(clk, 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 1);
	EXPECT(!timer_pending(&b));
	STEP("at +100 d, a, c run in that order");
	cs_clock_advance(clk, 90 * 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 3);
	order[norder] = 0;
	EXPECT(strcmp(order, "bdac") == 0);
	EXPECT_EQ(net->timer_count, 0);
	EXPECT_EQ(get_next_timer_interrupt(net, now + 100),
		  net->timer_jiffies + NEXT_TIMER_MAX_DELTA);
	bare_free(net, clk);
}

#define MANY 2000
static unsigned long many_ran[MANY];
static int nmany;

static void record_many(unsigned long data)
{
	many_ran[nmany++] = data;
}

/* Many timers, armed, re-armed and cancelled in a pseudo-random order
 * (the heap reshaped each time): they run exactly in (expiry, last arming)
 * order, and each once. */
static void test_many(void)
{
	static struct timer_list t[MANY];
	static unsigned long want_exp[MANY], want_seq[MANY];
	struct cs_clock *clk;
	struct net *net = bare_net(&clk);
	unsigned long now = net_jiffies(net), seq = 0, x = 12345;
	int live = 0, bad = 0;

	STEP("arm %d timers within 500 jiffies, re-arm a third, cancel a sixth", MANY);
	for (int i = 0; i < MANY; i++) {
		setup_timer(&t[i], net, record_many, (unsigned long)i);
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		want_exp[i] = now + 1 + (x >> 33) % 500;
		want_seq[i] = seq++;
		mod_timer(&t[i], want_exp[i]);
	}
	for (int i = 0; i < MANY; i += 3) {
		unsigned long old = want_exp[i];

		x = x * 6364136223846793005UL + 1442695040888963407UL;
		want_exp[i] = now + 1 + (x >> 33) % 500;
		EXPECT_EQ(mod_timer(&t[i], want_exp[i]), 1);
		if (want_exp[i] != old)	/* the same expiry leaves it in place */
			want_seq[i] = seq++;
	}
	for (int i = 1; i < MANY; i += 6)
		EXPECT_EQ(del_timer(&t[i]), 1);
	for (int i = 0; i < MANY; i++)
		live += timer_pending(&t[i]);
	STEP("at +500 all %d pending run in order", live);
	nmany = 0;
	cs_clock_advance(clk, 500 * 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), live);
	EXPECT_EQ(nmany, live);
	for (int k = 1; k < nmany; k++) {
		unsigned long a = many_ran[k - 1], b = many_ran[k];

		if (want_exp[a] > want_exp[b] ||
		    (want_exp[a] == want_exp[b] && want_seq[a] > want_seq[b]))
			bad++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(net->timer_count, 0);
	bare_free(net, clk);
}

/* mod_timer returns whether the timer was pending and moves it; del_timer
 * cancels it and returns whether it was pending. */
static void test_mod_del(void)
{
	struct cs_clock *clk;
	struct net *net = bare_net(&clk);
	struct timer_list a;
	unsigned long now = net_jiffies(net);

	norder = 0;
	setup_timer(&a, net, record, 'a');
	STEP("arm at +50, re-arm at +5");
	EXPECT_EQ(mod_timer(&a, now + 50), 0);
	EXPECT_EQ(mod_timer(&a, now + 5), 1);
	EXPECT_EQ(a.expires, now + 5);
	EXPECT_EQ(get_next_timer_interrupt(net, now), now + 5);
	EXPECT_EQ(get_next_timer_interrupt(net, now + 7), now + 7);
	STEP("re-arming for the same expiry keeps it pending");
	EXPECT_EQ(mod_timer(&a, now + 5), 1);
	STEP("del_timer cancels; a second del_timer finds nothing");
	EXPECT_EQ(del_timer(&a), 1);
	EXPECT_EQ(del_timer(&a), 0);
	cs_clock_advance(clk, 100 * 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 0);
	EXPECT_EQ(norder, 0);
	bare_free(net, clk);
}

static struct timer_list *self_timer;
static int self_runs;

/* Re-arms itself for the jiffy being run: the base defers it to the next. */
static void rearm_now(unsigned long data)
{
	struct net *net = (struct net *)data;

	self_runs++;
	if (self_runs < 3)
		mod_timer(self_timer, net_jiffies(net));
}

/* A timer re-armed from its own function for a jiffy already run goes to
 * the next jiffy: it does not run again in the same pass. */
static void test_rearm_in_callback(void)
{
	struct cs_clock *clk;
	struct net *net = bare_net(&clk);
	struct timer_list t;
	unsigned long now = net_jiffies(net);

	self_timer = &t;
	self_runs = 0;
	setup_timer(&t, net, rearm_now, (unsigned long)net);
	mod_timer(&t, now + 1);
	STEP("advance 1 ms: runs once and re-arms for the current jiffy");
	cs_clock_advance(clk, 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 1);
	EXPECT_EQ(self_runs, 1);
	EXPECT(timer_pending(&t));
	EXPECT_EQ(t.wheel_expires, now + 2);
	STEP("next jiffy: runs again");
	cs_clock_advance(clk, 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 1);
	EXPECT_EQ(self_runs, 2);
	STEP("advance 10 ms: the third run, which does not re-arm");
	cs_clock_advance(clk, 10 * 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 1);
	EXPECT_EQ(self_runs, 3);
	EXPECT(!timer_pending(&t));
	bare_free(net, clk);
}

/* A timer armed for an expiry before the last jiffy the base ran runs at
 * the next run_timer_softirq, before timers due later. */
static void test_past_expiry(void)
{
	struct cs_clock *clk;
	struct net *net = bare_net(&clk);
	struct timer_list a, b;
	unsigned long now = net_jiffies(net);

	norder = 0;
	setup_timer(&a, net, record, 'a');
	setup_timer(&b, net, record, 'b');
	run_timer_softirq(net);
	STEP("arm a for 10 jiffies ago, b for now + 1");
	mod_timer(&b, now + 1);
	mod_timer(&a, now - 10);
	EXPECT_EQ(a.expires, now - 10);
	EXPECT_EQ(a.wheel_expires, now + 1);
	cs_clock_advance(clk, 1000000ULL);
	EXPECT_EQ(run_timer_softirq(net), 2);
	order[norder] = 0;
	EXPECT(strcmp(order, "ba") == 0);
	bare_free(net, clk);
}

/* The clocks: jiffies are monotonic milliseconds, get_seconds is real
 * seconds, ktime_get_real is frozen by connscope.fixed_clock_ns. */
static void test_clocks(void)
{
	struct cs_clock *clk;
	struct net *net = bare_net(&clk);

	STEP("virtual clock at mono 5 s (5000 jiffies), real 1767225600 s");
	EXPECT_EQ(net_jiffies(net), 5000);
	EXPECT_EQ(net_get_seconds(net), 1767225600L);
	EXPECT_EQ(net_ktime_get_real_ns(net), 1767225600ULL * 1000000000ULL);
	cs_clock_advance(clk, 1500000ULL);
	EXPECT_EQ(net_jiffies(net), 5001);
	STEP("fixed_clock_ns freezes ktime_get_real only");
	net->sysctl.fixed_clock_ns = 123456789ULL;
	EXPECT_EQ(net_ktime_get_real_ns(net), 123456789ULL);
	EXPECT_EQ(net_get_seconds(net), 1767225600L);
	bare_free(net, clk);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("timer", NULL, NULL);

	CU_add_test(s, "expiry order", test_order);
	CU_add_test(s, "mod_timer and del_timer", test_mod_del);
	CU_add_test(s, "re-arm from the timer function", test_rearm_in_callback);
	CU_add_test(s, "expiry in the past", test_past_expiry);
	CU_add_test(s, "clocks", test_clocks);
	CU_add_test(s, "many timers: heap order", test_many);
}
