/* SPDX-License-Identifier: GPL-2.0-only */
/* report.h - what `connscope connect` prints for each attempt. */
#ifndef CS_CLI_REPORT_H
#define CS_CLI_REPORT_H

#include <pthread.h>
#include <stdatomic.h>
#include <netinet/in.h>

struct net;

struct attempt_result {
	long seq;
	struct sockaddr_in src, dst;
	int target;		/* dst's index in the command line's targets */
	uint32_t isn;
	int err;		/* 0 or the errno connect(2) reported */
	int state;		/* TCP state after the attempt */
	long usec;
	uint32_t syn_retrans;
};

/* The errno's name ("ECONNREFUSED"), or "ok" for 0. */
const char *errno_name(int err);
/* Source address, ISN, state and retransmissions of the socket behind @fd. */
void report_fill(struct net *net, int fd, struct attempt_result *a);
/* One line (text or JSON) for the attempt, under @lock. */
void report_attempt(pthread_mutex_t *lock, int json, const struct attempt_result *a);
/* The progress line on stderr: done, rate, failures by errno. */
void report_progress(long done, long total, long failed, double secs,
		     const long *fail_by_errno, pthread_mutex_t *lock);

#endif
