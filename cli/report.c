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

/* A line being built without printf: the JSON line is written once per
 * attempt, and vfprintf cost more than the rest of the report. */
struct line {
	char buf[512];
	size_t n;
};

static void put_str(struct line *l, const char *s)
{
	size_t k = strlen(s);

	if (k > sizeof(l->buf) - l->n)
		k = sizeof(l->buf) - l->n;
	memcpy(l->buf + l->n, s, k);
	l->n += k;
}

static void put_long(struct line *l, long v)
{
	char d[24];
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	size_t i = sizeof(d);

	d[--i] = '\0';
	do
		d[--i] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		d[--i] = '-';
	put_str(l, d + i);
}

/* "a.b.c.d:port" */
static void put_addr(struct line *l, const struct sockaddr_in *s)
{
	const unsigned char *b = (const unsigned char *)&s->sin_addr;

	for (int i = 0; i < 4; i++) {
		put_long(l, b[i]);
		put_str(l, i < 3 ? "." : ":");
	}
	put_long(l, ntohs(s->sin_port));
}

static void addr_str(const struct sockaddr_in *s, char *buf, size_t len)
{
	struct line l = { .n = 0 };

	put_addr(&l, s);
	snprintf(buf, len, "%.*s", (int)l.n, l.buf);
}

/* The JSON line of an attempt, newline included. */
static void json_line(struct line *l, const struct attempt_result *a)
{
	size_t dst, dst_len;

	put_str(l, "{\"seq\":");
	put_long(l, a->seq);
	put_str(l, ",\"target\":\"");
	dst = l->n;
	put_addr(l, &a->dst);
	dst_len = l->n - dst;
	put_str(l, "\",\"target_index\":");
	put_long(l, a->target);
	put_str(l, ",\"src\":\"");
	put_addr(l, &a->src);
	put_str(l, "\",\"dst\":\"");
	if (dst_len <= sizeof(l->buf) - l->n) {	/* the target again */
		memcpy(l->buf + l->n, l->buf + dst, dst_len);
		l->n += dst_len;
	}
	put_str(l, "\",\"isn\":");
	put_long(l, (long)a->isn);
	put_str(l, ",\"result\":\"");
	put_str(l, errno_name(a->err));
	put_str(l, "\",\"errno\":");
	put_long(l, a->err);
	put_str(l, ",\"state\":\"");
	put_str(l, cs_state_name(a->state));
	put_str(l, "\",\"usec\":");
	put_long(l, a->usec);
	put_str(l, ",\"syn_retrans\":");
	put_long(l, (long)a->syn_retrans);
	put_str(l, "}\n");
}

void report_attempt(pthread_mutex_t *lock, int json, const struct attempt_result *a)
{
	struct line l = { .n = 0 };
	char src[32], dst[32];

	if (json) {
		json_line(&l, a);
		pthread_mutex_lock(lock);
		fwrite(l.buf, 1, l.n, stdout);
		fflush(stdout);
		pthread_mutex_unlock(lock);
		return;
	}
	addr_str(&a->src, src, sizeof(src));
	addr_str(&a->dst, dst, sizeof(dst));
	pthread_mutex_lock(lock);
	if (a->err)
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
