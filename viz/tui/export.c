// SPDX-License-Identifier: GPL-2.0-only
/*
 * export.c - the 'd' key: run connscope-dot (a separate program) on the
 * trace at the current event, and say in the status line what it wrote.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "panes.h"

extern char **environ;

/* Run @argv with stdin from /dev/null and stdout+stderr into a pipe; keep
 * the first line of what it printed in @out.  Returns the exit status, or
 * -1 if it could not run. */
static int run_capture(char *const argv[], char *out, size_t len)
{
	posix_spawn_file_actions_t fa;
	int fd[2], status = -1;
	size_t got = 0;
	ssize_t r;
	char buf[512];
	pid_t pid;

	out[0] = '\0';
	if (pipe2(fd, O_CLOEXEC))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 2);
	status = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	if (status) {
		errno = status;
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	status = -1;
	while ((r = read(fd[0], buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR))
		for (ssize_t i = 0; i < r && got + 1 < len; i++)
			if (!got || out[got - 1] != '\n')
				out[got++] = buf[i];
	close(fd[0]);
	out[got] = '\0';
	if (got && out[got - 1] == '\n')
		out[got - 1] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void view_export(struct view *v)
{
	char at[32], sock[32], file[512], out[256];
	char *argv[16];
	int n = 0, rc;
	uint32_t sk = view_socket(v);

	if (v->live || !v->source) {
		snprintf(v->msg, sizeof(v->msg),
			 "export reads a trace directory: run connscope-dot on the relay's output");
		return;
	}
	if (!view_count(v)) {
		snprintf(v->msg, sizeof(v->msg), "nothing to export yet");
		return;
	}
	snprintf(at, sizeof(at), "%zu", v->pos);
	snprintf(sock, sizeof(sock), "%u", sk);
	snprintf(file, sizeof(file), "%s/connscope-%zu.svg", v->export_dir, v->pos);
	argv[n++] = (char *)v->dot_prog;
	argv[n++] = (char *)v->source;
	argv[n++] = "--at";
	argv[n++] = at;
	if (sk) {
		argv[n++] = "--socket";
		argv[n++] = sock;
	}
	argv[n++] = "--view";
	argv[n++] = "all";
	argv[n++] = "-T";
	argv[n++] = "svg";
	argv[n++] = "-q";
	argv[n++] = "-o";
	argv[n++] = file;
	argv[n] = NULL;
	rc = run_capture(argv, out, sizeof(out));
	if (rc == 0)
		snprintf(v->msg, sizeof(v->msg), "exported %s/connscope-%zu-*.svg",
			 v->export_dir, v->pos);
	else if (rc < 0)
		snprintf(v->msg, sizeof(v->msg), "cannot run %s: %s", v->dot_prog, strerror(errno));
	else
		snprintf(v->msg, sizeof(v->msg), "connscope-dot failed: %s", out[0] ? out : "?");
}
