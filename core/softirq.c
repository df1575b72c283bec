// SPDX-License-Identifier: GPL-2.0-only
/*
 * softirq.c - kernel/softirq.c's part of the preempt count: __do_softirq
 * raises the softirq count for the time it serves softirq work
 * (cs_net_poll, on the softirq thread or any thread that polls).
 */
#include "softirq.h"

_Thread_local unsigned int preempt_count_tls;

/* 3.10 __local_bh_disable: add @cnt to the softirq count. */
void __local_bh_disable(unsigned int cnt)
{
	preempt_count_tls += cnt;
}

/* 3.10 __local_bh_enable: take @cnt off again. */
void __local_bh_enable(unsigned int cnt)
{
	preempt_count_tls -= cnt;
}
