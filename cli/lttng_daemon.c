// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng_daemon.c - the lttng tools run as programs for `connscope connect
 * --trace` (see lttng_daemon.h), the way the toolchain notes (section 2)
 * do by hand.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "lttng_daemon.h"

/* Read all of @fd into @out (up to @len - 1 bytes, the rest dropped). */
static void read_all(int fd, char *out, size_t len)
{
	size_t got = 0;
	ssize_t r;

	for (;;) {
		char sink[256], *dst = sink;
		size_t room = sizeof(sink);

		if (got + 1 < len) {
			dst = out + got;
			room = len - 1 - got;
		}
		r = read(fd, dst, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (dst != sink)
			got += (size_t)r;
	}
	out[got] = '\0';
}

/* Fork and exec @argv with stdin on /dev/null and stdout/stderr on @outfd
 * (-1: /dev/null); wait for it.  Returns its exit status or -1. */
static int spawn_wait(char *const argv[], int outfd)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(outfd >= 0 ? outfd : null, 1);
		dup2(outfd >= 0 ? outfd : null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int lttng_run(char *const argv[], char *out, size_t len)
{
	int fd[2], status;
	pid_t pid;

	if (!out)
		return spawn_wait(argv, -1);
	/* a pipe: the programs run here exit (a daemon is given a file
	 * instead, lttng_start_daemon, as it keeps its descriptors) */
	if (pipe2(fd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	read_all(fd[0], out, len);
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int lttng_cmd(const char *a, const char *b, const char *c, const char *d,
	      const char *e, const char *f)
{
	char *argv[] = { "lttng", (char *)a, (char *)b, (char *)c, (char *)d, (char *)e,
			 (char *)f, NULL };

	return lttng_run(argv, NULL, 0);
}

/* Is @gid mapped into our user namespace (/proc/self/gid_map)? */
static bool gid_mapped(gid_t gid)
{
	FILE *f = fopen("/proc/self/gid_map", "r");
	unsigned long in, out, count;
	bool mapped = false;

	if (!f)
		return true;	/* no user namespaces here: all are */
	while (!mapped && fscanf(f, "%lu %lu %lu", &in, &out, &count) == 3)
		mapped = gid >= in && gid - in < count;
	fclose(f);
	return mapped;
}

const char *lttng_group_arg(char *buf, size_t len)
{
	struct group *g = getgrnam("tracing");

	buf[0] = '\0';
	if (g && gid_mapped(g->gr_gid))
		return buf;
	g = getgrgid(getegid());
	if (g)
		snprintf(buf, len, "--group=%s", g->gr_name);
	return buf;
}

int lttng_start_daemon(char *const argv[], char *out, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/connscope-daemon.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		snprintf(out, len, "cannot create a file for its output (%s): %s", path,
			 strerror(errno));
		return spawn_wait(argv, -1);
	}
	unlink(path);
	rc = spawn_wait(argv, fd);
	lseek(fd, 0, SEEK_SET);
	read_all(fd, out, len);
	close(fd);
	return rc;
}

void lttng_one_line(char *text, size_t maxlen)
{
	char line[1024];
	size_t n = 0;

	for (const char *p = text; *p && n + 3 < sizeof(line); p++) {
		if (*p != '\n') {
			line[n++] = *p;
		} else if (p[1]) {
			line[n++] = ';';
			line[n++] = ' ';
		}
	}
	line[n] = '\0';
	if (n > maxlen && maxlen >= 4 && maxlen < sizeof(line))
		snprintf(line + maxlen - 4, 4, "...");
	strcpy(text, line);
}

void lttng_daemon_error(const char *what, const char *daemon, const char *output)
{
	char said[1024];
	const char *hint = "start one yourself and retry";

	snprintf(said, sizeof(said), "%s", *output ? output : "no output");
	lttng_one_line(said, 400);
	if (strstr(said, "Permission denied") || strstr(said, "Read-only"))
		hint = "its run directory (/run/lttng for root, $LTTNG_HOME/.lttng else) "
		       "is not writable here; as root of a user namespace, give it a "
		       "private /run/lttng and /dev/shm, as labs/net/userns.sh does";
	else if (strstr(said, "Invalid argument") || strstr(said, "group"))
		hint = "its tracing group is not usable here: start it with "
		       "--group=$(id -gn), or run inside labs/net/userns.sh";
	else if (strstr(said, "already running"))
		hint = "one runs that this user cannot reach: join its tracing group, "
		       "or stop it";
	fprintf(stderr, "connscope: %s: %s did not start: \"%s\"; %s\n", what, daemon, said,
		hint);
}

int lttng_sessiond_ensure(const char *what, bool *started)
{
	char group[128], out[4096];
	char *argv[] = { "lttng-sessiond", "--background", "--no-kernel", group, NULL };

	*started = false;
	if (lttng_cmd("list", NULL, NULL, NULL, NULL, NULL) == 0)
		return 0;
	if (!lttng_group_arg(group, sizeof(group))[0])
		argv[3] = NULL;
	if (lttng_start_daemon(argv, out, sizeof(out)) != 0) {
		if (!out[0])
			snprintf(out, sizeof(out), "cannot run lttng-sessiond (is lttng-tools "
				 "installed?)");
		lttng_daemon_error(what, "lttng-sessiond", out);
		return -1;
	}
	*started = true;
	return 0;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

void lttng_sessiond_stop(void)
{
	char path[512], buf[32] = "";
	const char *home = getenv("LTTNG_HOME") ? getenv("LTTNG_HOME") : getenv("HOME");
	FILE *f;
	int pid = 0;

	if (geteuid() == 0)
		snprintf(path, sizeof(path), "/run/lttng/lttng-sessiond.pid");
	else
		snprintf(path, sizeof(path), "%s/.lttng/lttng-sessiond.pid", home ? home : "");
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f))
		pid = atoi(buf);
	fclose(f);
	if (pid <= 0 || kill(pid, SIGTERM) < 0)
		return;
	/* it takes about a second: wait, so that the next run starts its own */
	for (int i = 0; i < 50 && kill(pid, 0) == 0; i++)
		sleep_ms(100);
}

void lttng_wait_registered(const char *what)
{
	char out[16384], want[48];
	char *argv[] = { "lttng", "list", "-u", NULL };

	snprintf(want, sizeof(want), "PID: %d ", (int)getpid());
	for (int i = 0; i < 30; i++) {
		if (lttng_run(argv, out, sizeof(out)) == 0 && strstr(out, want))
			return;
		sleep_ms(100);
	}
	fprintf(stderr, "connscope: %s: this process is not registered with the session "
		"daemon after 3 s (LTTNG_UST_REGISTER_TIMEOUT? another LTTNG_HOME?): the "
		"trace may miss events\n", what);
}

static volatile sig_atomic_t stop_signalled;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_signalled = 1;
}

bool lttng_stopping(void)
{
	return stop_signalled != 0;
}

void lttng_catch_stop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
