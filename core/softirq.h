/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * softirq.h - the softirq part of the preempt count (include/linux/
 * preempt_mask.h, kernel/softirq.c): each thread counts whether it is
 * serving softirq work, so code (and every trace event, as the kernel's
 * ftrace header carries common_preempt_count) can tell the softirq
 * context from the process context on any thread.
 */
#ifndef CS_SOFTIRQ_H
#define CS_SOFTIRQ_H

/* 3.10: SOFTIRQ_SHIFT 8, 8 bits of softirq count above the preempt bits. */
#define SOFTIRQ_SHIFT		8
#define SOFTIRQ_OFFSET		(1U << SOFTIRQ_SHIFT)
#define SOFTIRQ_MASK		(0xffU << SOFTIRQ_SHIFT)

/* current_thread_info()->preempt_count: one per thread (kernel/softirq.c). */
extern _Thread_local unsigned int preempt_count_tls;

static inline unsigned int preempt_count(void)
{
	return preempt_count_tls;
}

#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define in_softirq()		(softirq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)

/* __do_softirq's entry and exit: the softirq count raised while serving. */
void __local_bh_disable(unsigned int cnt);
void __local_bh_enable(unsigned int cnt);

#endif
