// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_live.c - an LTTng live session for `connscope connect --trace
 * live` (see trace_live.h).  Runs the lttng tools as programs, the way
 * docs (toolchain notes, section 2) do by hand.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "trace_live.h"

#define SESSION_PREFIX "connscope-live-"

static int port_base(void)
{
	const char *e = getenv("CONNSCOPE_RELAY_PORT");
	long b = e && *e ? strtol(e, NULL, 10) : TRACE_LIVE_PORT_BASE;

	return b > 0 && b <= 65533 ? (int)b : TRACE_LIVE_PORT_BASE;
}

/* Run a program quietly; its output goes to @out (up to @len - 1 bytes)
 * when @out is not NULL, else to /dev/null (a daemon it starts must not
 * keep a pipe of ours open).  Returns its exit status, -1 if it did not run. */
static int run(char *const argv[], char *out, size_t len)
{
	int fd[2] = { -1, -1 }, status;
	size_t got = 0;
	ssize_t r;
	pid_t pid;

	if (out && pipe2(fd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		if (out) {
			close(fd[0]);
			close(fd[1]);
		}
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(out ? fd[1] : null, 1);
		dup2(out ? fd[1] : null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (!out)
		goto wait;
	close(fd[1]);
	for (;;) {
		char sink[256], *dst = sink;
		size_t room = sizeof(sink);

		if (out && got + 1 < len) {
			dst = out + got;
			room = len - 1 - got;
		}
		r = read(fd[0], dst, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (dst != sink)
			got += (size_t)r;
	}
	close(fd[0]);
	out[got] = '\0';
wait:
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int lttng(const char *a, const char *b, const char *c, const char *d,
		 const char *e, const char *f)
{
	char *argv[] = { "lttng", (char *)a, (char *)b, (char *)c, (char *)d, (char *)e,
			 (char *)f, NULL };

	return run(argv, NULL, 0);
}

/* Does something accept connections on 127.0.0.1:@port? */
static bool listening(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = fd >= 0 && connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* An existing connscope live session (its name into tl->session). */
static bool find_session(struct trace_live *tl)
{
	char out[8192], *p;
	char *argv[] = { "lttng", "list", NULL };

	if (run(argv, out, sizeof(out)) != 0)
		return false;
	p = strstr(out, SESSION_PREFIX);
	if (!p)
		return false;
	snprintf(tl->session, sizeof(tl->session), "%.*s", (int)strcspn(p, " \t\n["), p);
	return true;
}

/* The relay daemon, as our child: it dies with us (PR_SET_PDEATHSIG). */
static int start_relayd(struct trace_live *tl, int base)
{
	char c[64], d[64], l[64], out[256];
	const char *tmp = getenv("TMPDIR");

	snprintf(c, sizeof(c), "tcp://127.0.0.1:%d", base);
	snprintf(d, sizeof(d), "tcp://127.0.0.1:%d", base + 1);
	snprintf(l, sizeof(l), "tcp://127.0.0.1:%d", base + 2);
	snprintf(out, sizeof(out), "%s/connscope-live", tmp && *tmp ? tmp : "/tmp");
	tl->relayd = fork();
	if (tl->relayd < 0) {
		tl->relayd = 0;
		return -1;
	}
	if (tl->relayd == 0) {
		int null = open("/dev/null", O_RDWR);

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execlp("lttng-relayd", "lttng-relayd", "-C", c, "-D", d, "-L", l, "-o", out,
		       (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 50 && !listening(base + 2); i++) {
		struct timespec t = { 0, 100000000 };

		if (waitpid(tl->relayd, NULL, WNOHANG) == tl->relayd) {
			tl->relayd = 0;
			return -1;
		}
		nanosleep(&t, NULL);
	}
	return listening(base + 2) ? 0 : -1;
}

/* Create, configure and start our session on the relay at @base. */
static int create_session(struct trace_live *tl, int base)
{
	char url[96];

	snprintf(tl->session, sizeof(tl->session), SESSION_PREFIX "%d", (int)getpid());
	snprintf(url, sizeof(url), "--set-url=net://127.0.0.1:%d:%d", base, base + 1);
	if (lttng("create", tl->session, "--live=100000", url, NULL, NULL) != 0)
		return -1;
	tl->created = true;
	if (lttng("enable-event", "-u", "-s", tl->session, "connscope:*", NULL) != 0 ||
	    lttng("add-context", "-u", "-s", tl->session, "-t", "vtid") != 0 ||
	    lttng("start", tl->session, NULL, NULL, NULL, NULL) != 0)
		return -1;
	return 0;
}

/* A first SIGINT or SIGTERM only cuts --hold short, so that the session
 * and the daemons are stopped on the way out; a second one kills. */
static volatile sig_atomic_t stop_signalled;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_signalled = 1;
}

bool trace_live_stopping(void)
{
	return stop_signalled != 0;
}

static void catch_stop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int trace_live_start(struct trace_live *tl)
{
	int base = port_base();
	char host[64] = "localhost";

	memset(tl, 0, sizeof(*tl));
	if (lttng("list", NULL, NULL, NULL, NULL, NULL) != 0) {
		char *argv[] = { "lttng-sessiond", "--daemonize", "--no-kernel", NULL };

		if (run(argv, NULL, 0) != 0) {
			fprintf(stderr, "connscope: --trace live: cannot start lttng-sessiond "
				"(is lttng-tools installed?)\n");
			return -1;
		}
		tl->sessiond = true;
	}
	if (!find_session(tl)) {
		if (!listening(base + 2) && start_relayd(tl, base) < 0) {
			fprintf(stderr, "connscope: --trace live: cannot start lttng-relayd on "
				"127.0.0.1:%d-%d\n", base, base + 2);
			trace_live_stop(tl);
			return -1;
		}
		if (create_session(tl, base) < 0) {
			fprintf(stderr, "connscope: --trace live: cannot create the session %s\n",
				tl->session);
			trace_live_stop(tl);
			return -1;
		}
	}
	catch_stop_signals();
	gethostname(host, sizeof(host) - 1);
	snprintf(tl->url, sizeof(tl->url), "net://127.0.0.1:%d/host/%s/%s", base + 2, host,
		 tl->session);
	fprintf(stderr, "connscope: live session %s (connscope-view --live %s)\n",
		tl->session, tl->url);
	return 0;
}

/* Stop lttng-sessiond if we started it (its pid file as root or user). */
static void stop_sessiond(void)
{
	char path[512], buf[32] = "";
	const char *home = getenv("LTTNG_HOME") ? getenv("LTTNG_HOME") : getenv("HOME");
	FILE *f;

	if (geteuid() == 0)
		snprintf(path, sizeof(path), "/run/lttng/lttng-sessiond.pid");
	else
		snprintf(path, sizeof(path), "%s/.lttng/lttng-sessiond.pid", home ? home : "");
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f) && atoi(buf) > 0)
		kill(atoi(buf), SIGTERM);
	fclose(f);
}

void trace_live_stop(struct trace_live *tl)
{
	if (tl->created)
		lttng("destroy", tl->session, NULL, NULL, NULL, NULL);
	if (tl->created && tl->relayd > 0) {
		/* a live viewer learns that the session is gone within ~0.5 s;
		 * give it a second before its relay goes away */
		struct timespec t = { 1, 0 };

		nanosleep(&t, NULL);
	}
	tl->created = false;
	if (tl->relayd > 0) {
		kill(tl->relayd, SIGTERM);
		waitpid(tl->relayd, NULL, 0);
		tl->relayd = 0;
	}
	if (tl->sessiond)
		stop_sessiond();
	tl->sessiond = false;
}
