// SPDX-License-Identifier: GPL-2.0-only
/*
 * softirq.c - running softirq work (kernel/softirq.c, Linux 3.10): one pass
 * of the pending work (__do_softirq: NET_RX, then the timer softirq).
 * Softirq context is a role, held through net->softirq_lock (one CPU runs
 * softirqs at a time); the softirq thread (ksoftirqd) takes the role and
 * waits for it, a task that busy-polls (sk_busy_loop) takes it when it is
 * free.
 */
#include "net.h"
#include "softirq.h"
#include "tcp.h"

/* current_thread_info()->preempt_count: one per thread.  Its softirq
 * count tells softirq context from process context on any thread. */
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

/* __do_softirq restarts at most this many times while work is pending. */
#define MAX_SOFTIRQ_RESTART 10
/* netdev_budget is 300; a NAPI poll gets a weight of 64 frames. */
#define NAPI_POLL_WEIGHT 64

/*
 * __do_softirq - the pending softirq work, once: NET_RX (the loopback
 * backlog and the NIC) until both are empty or MAX_SOFTIRQ_RESTART polls
 * have been spent, then the timer softirq, then NET_RX again for what the
 * timers put on lo (an ICMP error for ourselves), within the same bound.
 * Caller holds the softirq role.  Returns the frames processed.
 */
int __do_softirq(struct net *net)
{
	int max_restart = MAX_SOFTIRQ_RESTART, total = 0, n;

	/* Serving softirq work until the end: the softirq count is raised. */
	__local_bh_disable(SOFTIRQ_OFFSET);
	while ((n = net_rx_action(net, NAPI_POLL_WEIGHT)) > 0) {
		total += n;
		if (!--max_restart)
			goto out;
	}
	if (run_timer_softirq(net))
		while (max_restart-- && (n = net_rx_action(net, NAPI_POLL_WEIGHT)) > 0)
			total += n;
out:
	__local_bh_enable(SOFTIRQ_OFFSET);
	return total;
}
