// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_record.c - `connscope connect --trace DIR` (see trace_record.h):
 * an LTTng session of our own writing a CTF trace into DIR.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "lttng_daemon.h"
#include "trace_record.h"

/* Is the directory @path empty? */
static bool dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool empty = true;

	if (!d)
		return false;
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	return empty;
}

/* DIR made (when it does not exist) and checked empty; its absolute path
 * into tr->dir.  *@made: we created it.  0, or -1 after saying why. */
static int prepare_dir(struct trace_record *tr, const char *dir, bool *made)
{
	struct stat st;

	*made = false;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode) || !dir_empty(dir)) {
			fprintf(stderr, "connscope: --trace %s: %s (give a new directory, or "
				"remove it first)\n", dir, S_ISDIR(st.st_mode) ?
				"the directory is not empty" : "not a directory");
			return -1;
		}
	} else if (mkdir(dir, 0755) < 0) {
		fprintf(stderr, "connscope: --trace %s: cannot create the directory: %s\n",
			dir, strerror(errno));
		return -1;
	} else {
		*made = true;
	}
	if (!realpath(dir, tr->dir)) {
		fprintf(stderr, "connscope: --trace %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* One lttng command of the set-up; on failure quote what lttng said. */
static int step(const char *dir, char *const argv[])
{
	char out[2048];

	if (lttng_run(argv, out, sizeof(out)) == 0)
		return 0;
	lttng_one_line(out, 400);
	fprintf(stderr, "connscope: --trace %s: lttng %s failed: \"%s\"\n", dir, argv[1],
		out[0] ? out : "no output (is lttng-tools installed?)");
	return -1;
}

/* Create, configure and start the session. */
static int create_session(struct trace_record *tr, const char *dir, bool *created)
{
	char output[PATH_MAX + 16];
	char *create[] = { "lttng", "create", tr->session, output, NULL };
	char *enable[] = { "lttng", "enable-event", "-u", "-s", tr->session, "connscope:*",
			   NULL };
	/* vpid/vtid/procname: which process and thread each event comes from */
	char *context[] = { "lttng", "add-context", "-u", "-s", tr->session, "-t", "vpid",
			    "-t", "vtid", "-t", "procname", NULL };
	char *start[] = { "lttng", "start", tr->session, NULL };

	snprintf(output, sizeof(output), "--output=%s", tr->dir);
	if (step(dir, create) < 0)
		return -1;
	*created = true;
	if (step(dir, enable) < 0 || step(dir, context) < 0 || step(dir, start) < 0)
		return -1;
	return 0;
}

/* The keeper: wait until our end of the pipe closes (connscope finished
 * or died), then stop and destroy the session, and the daemon if we
 * started it.  Signals meant for connscope (a ^C) do not stop it. */
static void keeper(struct trace_record *tr, int rfd, bool sessiond)
{
	int null = open("/dev/null", O_RDWR);
	char c;
	ssize_t r;

	/* hold none of connscope's pipes (a `connscope ... | head` ends with it) */
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	do
		r = read(rfd, &c, 1);
	while (r > 0 || (r < 0 && errno == EINTR));
	lttng_cmd("stop", tr->session, NULL, NULL, NULL, NULL);
	lttng_cmd("destroy", tr->session, NULL, NULL, NULL, NULL);
	if (sessiond)
		lttng_sessiond_stop();
	_exit(0);
}

static int start_keeper(struct trace_record *tr, bool sessiond)
{
	int fd[2];

	if (pipe2(fd, O_CLOEXEC) < 0)
		return -1;
	tr->keeper = fork();
	if (tr->keeper < 0) {
		tr->keeper = 0;
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (tr->keeper == 0) {
		close(fd[1]);
		keeper(tr, fd[0], sessiond);
	}
	close(fd[0]);
	tr->keeper_fd = fd[1];
	return 0;
}

int trace_record_start(struct trace_record *tr, const char *dir)
{
	bool made, sessiond = false, created = false;

	memset(tr, 0, sizeof(*tr));
	tr->keeper_fd = -1;
	snprintf(tr->session, sizeof(tr->session), "connscope-%d", (int)getpid());
	if (prepare_dir(tr, dir, &made) < 0)
		return -1;
	if (lttng_sessiond_ensure("--trace DIR", &sessiond) < 0)
		goto fail;
	if (sessiond)
		lttng_wait_registered("--trace DIR");
	if (create_session(tr, dir, &created) < 0 || start_keeper(tr, sessiond) < 0)
		goto fail;
	lttng_catch_stop_signals();
	return 0;
fail:
	if (created)
		lttng_cmd("destroy", tr->session, NULL, NULL, NULL, NULL);
	if (sessiond)
		lttng_sessiond_stop();
	if (made)
		rmdir(tr->dir);
	return -1;
}

void trace_record_stop(struct trace_record *tr)
{
	if (!tr->keeper)
		return;
	close(tr->keeper_fd);
	while (waitpid(tr->keeper, NULL, 0) < 0 && errno == EINTR)
		;
	tr->keeper = 0;
	fprintf(stderr, "connscope: trace recorded in %s (babeltrace2 %s)\n", tr->dir, tr->dir);
}
