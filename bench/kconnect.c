// SPDX-License-Identifier: GPL-2.0-only
/*
 * kconnect - the benchmark's kernel side: N sequential connects through the
 * Linux kernel's own TCP, each closed right after it is made, the same loop
 * `connscope connect -n N --close` runs through the connscope stack.
 *
 *   kconnect [-n N] [-b SRC_ADDR] HOST:PORT
 *
 * With -b the socket is bound to SRC_ADDR with IP_BIND_ADDRESS_NO_PORT, so
 * that the kernel chooses the port in connect() (__inet_hash_connect, as
 * connscope does), not in bind() (inet_csk_get_port, which walks the bind
 * hash past every TIME-WAIT port).
 *
 * Prints the duration of each connect(2) in microseconds, one per line (the
 * interval `connscope --json` reports as "usec"), then a last line
 * "total_us=T failed=F": the whole loop's wall time (socket, bind, connect,
 * close of every attempt) and the number of connects that failed.
 * Exit status 0 when all succeeded, 1 otherwise, 2 for a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24	/* Linux >= 4.2 */
#endif

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
 * connect, close.
 * Returns 0 or the errno, and the connect's duration in *@us. */
static int one(const struct sockaddr_in *dst, const struct sockaddr_in *src, double *us)
{
	double t0;
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return errno;
	if (src->sin_addr.s_addr &&
	    (setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &(int){ 1 }, sizeof(int)) < 0 ||
	     bind(fd, (const struct sockaddr *)src, sizeof(*src)) < 0)) {
		err = errno;
		close(fd);
		return err;
	}
	t0 = now_us();
	if (connect(fd, (const struct sockaddr *)dst, sizeof(*dst)) < 0)
		err = errno;
	*us = now_us() - t0;
	close(fd);
	return err;
}

int main(int argc, char **argv)
{
	struct sockaddr_in dst, src = { .sin_family = AF_INET };
	long n = 1, failed = 0;
	double t0, us = 0;
	int c;

	while ((c = getopt(argc, argv, "n:b:")) != -1) {
		if (c == 'n')
			n = atol(optarg);
		else if (c == 'b' && inet_pton(AF_INET, optarg, &src.sin_addr) == 1)
			continue;
		else
			goto usage;
	}
	if (optind != argc - 1 || n < 1 || parse_dst(argv[optind], &dst) < 0)
		goto usage;
	t0 = now_us();
	for (long i = 0; i < n; i++) {
		int err = one(&dst, &src, &us);

		if (err) {
			failed++;
			fprintf(stderr, "kconnect: connect %ld: %s\n", i, strerror(err));
			continue;
		}
		printf("%.1f\n", us);
	}
	printf("total_us=%.0f failed=%ld\n", now_us() - t0, failed);
	return failed ? 1 : 0;
usage:
	fprintf(stderr, "usage: kconnect [-n N] [-b SRC_ADDR] HOST:PORT\n");
	return 2;
}
