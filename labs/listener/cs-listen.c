// SPDX-License-Identifier: GPL-2.0-only
/*
 * cs-listen - the lab's kernel-side TCP listener.
 *
 *   cs-listen [-p PORT]... [-l LOGFILE] [--close] [-d] [-h]
 *
 * Listens on every PORT given (default 80) on all addresses, accepts each
 * connection and logs one line per accepted peer:
 *
 *   accept <port> <peer-ip>:<peer-port>
 *
 * flushed at once, to LOGFILE (appended) or to standard output.  By default
 * a connection is kept until the peer closes it (data it sends is read and
 * discarded); with --close it is closed right after accept.  With -d it
 * detaches once every port is listening, so a script that starts it knows the
 * ports are ready when it returns.  SIGTERM or SIGINT: close everything,
 * exit 0.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define MAX_PORTS 64

struct listener {
	struct pollfd *pfd;	/* listening sockets first, then connections */
	unsigned short *port;	/* local port of each entry */
	size_t nlisten, n, cap;
	FILE *log;
	bool close_at_once;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: cs-listen [-p PORT]... [-l LOGFILE] [--close] [-d]\n"
		"  -p, --port PORT   listen on PORT (repeatable; default 80)\n"
		"  -l, --log FILE    append the accept lines to FILE (default: stdout)\n"
		"  -c, --close       close each connection right after accept\n"
		"                    (default: keep it until the peer closes)\n"
		"  -d, --daemon      detach once every port is listening\n"
		"  -h, --help        this text\n"
		"Logs one line per accepted connection: accept <port> <peer-ip>:<peer-port>\n");
}

/* Add a descriptor to the poll set, growing it as needed. */
static int add_fd(struct listener *l, int fd, unsigned short port)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct pollfd *p = realloc(l->pfd, cap * sizeof(*p));
		unsigned short *q;

		if (!p)
			return -1;
		l->pfd = p;
		q = realloc(l->port, cap * sizeof(*q));
		if (!q)
			return -1;
		l->port = q;
		l->cap = cap;
	}
	l->pfd[l->n] = (struct pollfd){ .fd = fd, .events = POLLIN };
	l->port[l->n] = port;
	l->n++;
	return 0;
}

/* Close entry i and fill its slot with the last one. */
static void drop_fd(struct listener *l, size_t i)
{
	close(l->pfd[i].fd);
	l->n--;
	l->pfd[i] = l->pfd[l->n];
	l->port[i] = l->port[l->n];
}

static int open_listener(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0) {
		perror("cs-listen: socket");
		return -1;
	}
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, SOMAXCONN) < 0) {
		fprintf(stderr, "cs-listen: port %u: %s\n", port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Accept every pending connection on listening entry i and log each. */
static void accept_all(struct listener *l, size_t i)
{
	for (;;) {
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		char ip[INET_ADDRSTRLEN];
		int fd = accept4(l->pfd[i].fd, (struct sockaddr *)&peer, &len,
				 SOCK_CLOEXEC | SOCK_NONBLOCK);

		if (fd < 0)
			return;	/* EAGAIN: none left; other errors: the peer left */
		inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof(ip));
		fprintf(l->log, "accept %u %s:%u\n", l->port[i], ip, ntohs(peer.sin_port));
		fflush(l->log);
		if (l->close_at_once || add_fd(l, fd, l->port[i]) < 0)
			close(fd);
	}
}

/* Read and discard what the peer of connection i sent; close it on EOF. */
static void serve_conn(struct listener *l, size_t i)
{
	char buf[4096];
	ssize_t n = read(l->pfd[i].fd, buf, sizeof(buf));

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		drop_fd(l, i);
}

static void run(struct listener *l, const sigset_t *unblocked)
{
	while (!stop) {
		size_t i;

		if (ppoll(l->pfd, l->n, NULL, unblocked) < 0)
			continue;	/* EINTR: stop is set */
		for (i = l->n; i-- > 0;) {
			if (!l->pfd[i].revents)
				continue;
			if (i < l->nlisten)
				accept_all(l, i);
			else
				serve_conn(l, i);
		}
	}
}

/* Fork; the parent exits 0 at once (the ports are already listening). */
static int daemonize(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		perror("cs-listen: fork");
		return -1;
	}
	if (pid > 0)
		_exit(0);
	setsid();
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	return 0;
}

static int parse_port(const char *s, unsigned short *port)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 1 || v > 65535)
		return -1;
	*port = (unsigned short)v;
	return 0;
}

struct options {
	unsigned short ports[MAX_PORTS];
	size_t nports;
	const char *log;
	bool close_at_once, daemon;
};

/* Returns 0, 1 for --help, or 2 for a usage error. */
static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "close", no_argument, NULL, 'c' },
		{ "daemon", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "p:l:cdh", longopts, NULL)) != -1) {
		if (c == 'p') {
			if (o->nports == MAX_PORTS || parse_port(optarg, &o->ports[o->nports])) {
				fprintf(stderr, "cs-listen: bad or too many ports: %s\n", optarg);
				return 2;
			}
			o->nports++;
		} else if (c == 'l') {
			o->log = optarg;
		} else if (c == 'c') {
			o->close_at_once = true;
		} else if (c == 'd') {
			o->daemon = true;
		} else {
			return c == 'h' ? 1 : 2;
		}
	}
	if (optind != argc)
		return 2;
	if (!o->nports)
		o->ports[o->nports++] = 80;
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .nports = 0 };
	struct listener l = { .log = stdout };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, unblocked;
	size_t i;
	int r = parse_args(argc, argv, &o);

	if (r) {
		usage(r == 1 ? stdout : stderr);
		return r == 1 ? 0 : 2;
	}
	l.close_at_once = o.close_at_once;
	if (o.log && !(l.log = fopen(o.log, "ae"))) {
		fprintf(stderr, "cs-listen: %s: %s\n", o.log, strerror(errno));
		return 1;
	}
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &unblocked);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < o.nports; i++) {
		int fd = open_listener(o.ports[i]);

		if (fd < 0 || add_fd(&l, fd, o.ports[i]) < 0)
			return 1;
	}
	l.nlisten = l.n;
	if (o.daemon && daemonize() < 0)
		return 1;
	run(&l, &unblocked);
	while (l.n)
		drop_fd(&l, l.n - 1);
	free(l.pfd);
	free(l.port);
	if (l.log != stdout)
		fclose(l.log);
	return 0;
}
