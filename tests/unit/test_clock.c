// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_clock.c - core/clock.c: the virtual clock starts where it is told,
 * moves only when advanced and moves both time lines together; the real
 * clock is shared and cannot be advanced or freed.
 */
#include <time.h>
#include "harness.h"
#include "clock.h"

static void test_virtual_start_and_advance(void)
{
	struct cs_clock *c = cs_clock_virtual_new(5000, 1767225600ULL * 1000000000ULL);

	STEP("a new virtual clock reads its start values");
	EXPECT(c != NULL);
	EXPECT_EQ(c->mono_ns(c), 5000);
	EXPECT_EQ(c->real_ns(c), 1767225600ULL * 1000000000ULL);
	STEP("it does not move by itself");
	EXPECT_EQ(c->mono_ns(c), 5000);
	STEP("advance 1.5 s: both clocks move by exactly that");
	cs_clock_advance(c, 1500000000ULL);
	EXPECT_EQ(c->mono_ns(c), 5000 + 1500000000ULL);
	EXPECT_EQ(c->real_ns(c), 1767225600ULL * 1000000000ULL + 1500000000ULL);
	cs_clock_free(c);
}

static void test_real_clock(void)
{
	struct cs_clock *r = cs_clock_real();
	struct timespec ts;
	u64 m1, m2, now;

	STEP("cs_clock_real is one shared clock");
	EXPECT(r == cs_clock_real());
	STEP("its monotonic reading never goes back");
	m1 = r->mono_ns(r);
	m2 = r->mono_ns(r);
	EXPECT(m2 >= m1);
	STEP("its real reading is CLOCK_REALTIME (same second, give or take one)");
	clock_gettime(CLOCK_REALTIME, &ts);
	now = r->real_ns(r) / 1000000000ULL;
	EXPECT(now + 1 >= (u64)ts.tv_sec && now <= (u64)ts.tv_sec + 1);
	STEP("advance and free ignore the real clock");
	cs_clock_advance(r, 1000000000ULL * 3600);
	EXPECT(r->real_ns(r) / 1000000000ULL < (u64)ts.tv_sec + 3000);
	cs_clock_free(r);
	cs_clock_free(NULL);
	EXPECT(r->mono_ns(r) >= m2);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("clock", NULL, NULL);

	CU_add_test(s, "virtual clock", test_virtual_start_and_advance);
	CU_add_test(s, "real clock", test_real_clock);
}
