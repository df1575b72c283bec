// SPDX-License-Identifier: GPL-2.0-only
/* report.c - the text and JSON lines of `connscope connect`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "report.h"

static const struct { int err; const char *name; } errnames[] = {
	{ EPERM, "EPERM" }, { EINTR, "EINTR" }, { EBADF, "EBADF" },
	{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
	{ EFAULT, "EFAULT" }, { EINVAL, "EINVAL" }, { EMFILE, "EMFILE" },
	{ EPIPE, "EPIPE" }, { ENONET, "ENONET" }, { EPROTO, "EPROTO" },
	{ EMSGSIZE, "EMSGSIZE" }, { ENOPROTOOPT, "ENOPROTOOPT" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ EADDRINUSE, "EADDRINUSE" }, { EADDRNOTAVAIL, "EADDRNOTAVAIL" },
	{ ENETUNREACH, "ENETUNREACH" }, { ECONNABORTED, "ECONNABORTED" },
	{ ECONNRESET, "ECONNRESET" }, { ENOBUFS, "ENOBUFS" }, { EISCONN, "EISCONN" },
	{ ENOTCONN, "ENOTCONN" }, { ETIMEDOUT, "ETIMEDOUT" },
	{ ECONNREFUSED, "ECONNREFUSED" }, { EHOSTDOWN, "EHOSTDOWN" },
	{ EHOSTUNREACH, "EHOSTUNREACH" }, { EALREADY, "EALREADY" },
	{ EINPROGRESS, "EINPROGRESS" },
};

const char *errno_name(int err)
{
	if (!err)
		return "ok";
	for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	return "EUNKNOWN";
}

void report_fill(struct net *net, int fd, struct attempt_result *a)
{
	struct cs_tcp_info info;
	socklen_t len = sizeof(a->src);

	if (cs_getsockname(net, fd, (struct sockaddr *)&a->src, &len) < 0)
		memset(&a->src, 0, sizeof(a->src));
	if (cs_tcp_info(net, fd, &info) == 0) {
		/* After a failure tcp_disconnect has let the source address
		 * go: report the flow the attempt was routed with (its SYN's
		 * 4-tuple, as tcpconnect reports at connect time). */
		if (info.flow_sport) {
			a->src.sin_family = AF_INET;
			a->src.sin_addr.s_addr = info.flow_saddr;
			a->src.sin_port = info.flow_sport;
		}
		a->isn = info.isn;
		a->state = info.state;
		a->syn_retrans = info.total_retrans;
	}
}

static void addr_str(const struct sockaddr_in *s, char *buf, size_t len)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &s->sin_addr, ip, sizeof(ip));
	snprintf(buf, len, "%s:%u", ip, ntohs(s->sin_port));
}

void report_attempt(pthread_mutex_t *lock, int json, const struct attempt_result *a)
{
	char src[32], dst[32];

	addr_str(&a->src, src, sizeof(src));
	addr_str(&a->dst, dst, sizeof(dst));
	pthread_mutex_lock(lock);
	if (json)
		printf("{\"seq\":%ld,\"target\":\"%s\",\"target_index\":%d,\"src\":\"%s\","
		       "\"dst\":\"%s\",\"isn\":%u,\"result\":\"%s\",\"errno\":%d,"
		       "\"state\":\"%s\",\"usec\":%ld,\"syn_retrans\":%u}\n",
		       a->seq, dst, a->target, src, dst, a->isn, errno_name(a->err), a->err,
		       cs_state_name(a->state), a->usec, a->syn_retrans);
	else if (a->err)
		printf("%ld: %s -> %s: %s (%s), state %s after %ld us, %u SYN retransmissions\n",
		       a->seq, src, dst, errno_name(a->err), strerror(a->err),
		       cs_state_name(a->state), a->usec, a->syn_retrans);
	else
		printf("%ld: %s -> %s: connected (%s) in %ld us, isn %u, %u SYN retransmissions\n",
		       a->seq, src, dst, cs_state_name(a->state), a->usec, a->isn,
		       a->syn_retrans);
	fflush(stdout);
	pthread_mutex_unlock(lock);
}

void report_progress(long done, long total, long failed, double secs,
		     const long *fail_by_errno, pthread_mutex_t *lock)
{
	char fails[256] = "";
	size_t n = 0;

	pthread_mutex_lock(lock);
	for (int e = 0; e < 200 && n < sizeof(fails) - 32; e++)
		if (fail_by_errno[e])
			n += (size_t)snprintf(fails + n, sizeof(fails) - n, " %s:%ld",
					      errno_name(e), fail_by_errno[e]);
	pthread_mutex_unlock(lock);
	fprintf(stderr, "\r%ld/%ld done, %.0f/s, %ld failed%s   ", done, total,
		secs > 0 ? (double)done / secs : 0.0, failed, fails);
}
