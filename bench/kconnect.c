// SPDX-License-Identifier: GPL-2.0-only
/*
 * kconnect - the benchmark's kernel side: N connects through the Linux
 * kernel's own TCP, each closed right after it is made, the same loop
 * `connscope connect -n N --close` runs through the connscope stack.
 *
 *   kconnect [-n N] [-P P] [-k K] [-b SRC_ADDR] HOST:PORT
 *
 * -P: P threads share the N connects (connscope -P).  -k: the first K
 * connections stay open until the end (connscope --keep K).  With -b the
 * socket is bound to SRC_ADDR with IP_BIND_ADDRESS_NO_PORT, so that the
 * kernel chooses the port in connect() (__inet_hash_connect, as connscope
 * does), not in bind() (inet_csk_get_port, which walks the bind hash past
 * every TIME-WAIT port).
 *
 * Prints the duration of each connect(2) in microseconds, one per line,
 * "k" before those of the K kept connections (the interval `connscope
 * --json` reports as "usec"), then a last line "total_us=T failed=F": the
 * whole run's wall time (socket, bind, connect, close of every attempt) and
 * the number of connects that failed.  Exit status 0 when all succeeded, 1
 * otherwise, 2 for a usage error.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24	/* Linux >= 4.2 */
#endif

struct run {
	struct sockaddr_in dst, src;
	long n, keep;
	atomic_long next, failed;
	pthread_mutex_t lock;		/* stdout */
};

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int parse_dst(const char *s, struct sockaddr_in *sin)
{
	char buf[64], *colon;

	snprintf(buf, sizeof(buf), "%s", s);
	colon = strrchr(buf, ':');
	if (!colon)
		return -1;
	*colon++ = '\0';
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((unsigned short)atoi(colon));
	return inet_pton(AF_INET, buf, &sin->sin_addr) == 1 ? 0 : -1;
}

/* One connect: socket, optional bind to @src (port 0, chosen at connect),
 * connect, and close unless @keep.  Returns 0 or the errno, and the
 * connect's duration in *@us. */
static int one(const struct run *r, int keep, double *us)
{
	double t0;
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return errno;
	if (r->src.sin_addr.s_addr &&
	    (setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &(int){ 1 }, sizeof(int)) < 0 ||
	     bind(fd, (const struct sockaddr *)&r->src, sizeof(r->src)) < 0)) {
		err = errno;
		close(fd);
		return err;
	}
	t0 = now_us();
	if (connect(fd, (const struct sockaddr *)&r->dst, sizeof(r->dst)) < 0)
		err = errno;
	*us = now_us() - t0;
	if (!keep || err)
		close(fd);
	return err;
}

static void *worker(void *arg)
{
	struct run *r = arg;
	long i;
	double us = 0;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->n) {
		int err = one(r, i < r->keep, &us);

		pthread_mutex_lock(&r->lock);
		if (err) {
			atomic_fetch_add(&r->failed, 1);
			fprintf(stderr, "kconnect: connect %ld: %s\n", i, strerror(err));
		} else {
			printf("%s%.1f\n", i < r->keep ? "k" : "", us);
			fflush(stdout);	/* as connscope reports each attempt */
		}
		pthread_mutex_unlock(&r->lock);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static struct run r = { .src = { .sin_family = AF_INET }, .n = 1,
				.lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t th[64];
	long p = 1;
	double t0;
	int c;

	while ((c = getopt(argc, argv, "n:P:k:b:")) != -1) {
		if (c == 'n')
			r.n = atol(optarg);
		else if (c == 'P')
			p = atol(optarg);
		else if (c == 'k')
			r.keep = atol(optarg);
		else if (c == 'b' && inet_pton(AF_INET, optarg, &r.src.sin_addr) == 1)
			continue;
		else
			goto usage;
	}
	if (optind != argc - 1 || r.n < 1 || p < 1 || p > 64 || r.keep < 0 ||
	    parse_dst(argv[optind], &r.dst) < 0)
		goto usage;
	if (r.keep) {	/* room for the kept descriptors, within the hard limit */
		struct rlimit rl;

		getrlimit(RLIMIT_NOFILE, &rl);
		if (rl.rlim_cur < (rlim_t)r.keep + 64)
			rl.rlim_cur = rl.rlim_max < (rlim_t)r.keep + 64 ? rl.rlim_max
								: (rlim_t)r.keep + 64;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			fprintf(stderr, "kconnect: RLIMIT_NOFILE %ld: %s\n", r.keep + 64,
				strerror(errno));
	}
	t0 = now_us();
	for (long i = 0; i < p; i++)
		pthread_create(&th[i], NULL, worker, &r);
	for (long i = 0; i < p; i++)
		pthread_join(th[i], NULL);
	printf("total_us=%.0f failed=%ld\n", now_us() - t0, atomic_load(&r.failed));
	return atomic_load(&r.failed) ? 1 : 0;
usage:
	fprintf(stderr, "usage: kconnect [-n N] [-P P] [-k K] [-b SRC_ADDR] HOST:PORT\n");
	return 2;
}
