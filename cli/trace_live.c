// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_live.c - an LTTng live session for `connscope connect --trace
 * live` (see trace_live.h), through the lttng tools (lttng_daemon.c).
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
#include "lttng_daemon.h"
#include "trace_live.h"

#define SESSION_PREFIX "connscope-live-"

static int port_base(void)
{
	const char *e = getenv("CONNSCOPE_RELAY_PORT");
	long b = e && *e ? strtol(e, NULL, 10) : TRACE_LIVE_PORT_BASE;

	return b > 0 && b <= 65533 ? (int)b : TRACE_LIVE_PORT_BASE;
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

	if (lttng_run(argv, out, sizeof(out)) != 0)
		return false;
	p = strstr(out, SESSION_PREFIX);
	if (!p)
		return false;
	snprintf(tl->session, sizeof(tl->session), "%.*s", (int)strcspn(p, " \t\n["), p);
	return true;
}

/* The relay daemon, as our child: it dies with us (PR_SET_PDEATHSIG).
 * Its output goes to @log, quoted if it does not come up. */
static int start_relayd(struct trace_live *tl, int base, int log)
{
	char c[64], d[64], l[64], out[256], group[128];
	const char *tmp = getenv("TMPDIR");

	snprintf(c, sizeof(c), "tcp://127.0.0.1:%d", base);
	snprintf(d, sizeof(d), "tcp://127.0.0.1:%d", base + 1);
	snprintf(l, sizeof(l), "tcp://127.0.0.1:%d", base + 2);
	snprintf(out, sizeof(out), "%s/connscope-live", tmp && *tmp ? tmp : "/tmp");
	lttng_group_arg(group, sizeof(group));
	tl->relayd = fork();
	if (tl->relayd < 0) {
		tl->relayd = 0;
		return -1;
	}
	if (tl->relayd == 0) {
		int null = open("/dev/null", O_RDWR);

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(null, 0);
		dup2(log >= 0 ? log : null, 1);
		dup2(log >= 0 ? log : null, 2);
		execlp("lttng-relayd", "lttng-relayd", "-C", c, "-D", d, "-L", l, "-o", out,
		       group[0] ? group : (char *)NULL, (char *)NULL);
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

/* Start the relay; on failure say why in its own words. */
static int relayd_or_error(struct trace_live *tl, int base)
{
	const char *tmp = getenv("TMPDIR");
	char path[512], out[2048] = "";
	int log, rc;

	snprintf(path, sizeof(path), "%s/connscope-relayd.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	log = mkostemp(path, O_CLOEXEC);
	if (log >= 0)
		unlink(path);
	rc = start_relayd(tl, base, log);
	if (rc < 0) {
		if (log >= 0 && lseek(log, 0, SEEK_SET) == 0) {
			ssize_t n = read(log, out, sizeof(out) - 1);

			out[n > 0 ? n : 0] = '\0';
		}
		if (!out[0])
			snprintf(out, sizeof(out), "nothing listens on 127.0.0.1:%d-%d (is "
				 "lttng-tools installed? is a port taken? CONNSCOPE_RELAY_PORT "
				 "moves them)", base, base + 2);
		lttng_daemon_error("--trace live", "lttng-relayd", out);
	}
	if (log >= 0)
		close(log);
	return rc;
}

/* Create, configure and start our session on the relay at @base. */
static int create_session(struct trace_live *tl, int base)
{
	char url[96];
	/* the contexts of --trace DIR: which process and thread */
	char *context[] = { "lttng", "add-context", "-u", "-s", tl->session, "-t", "vpid",
			    "-t", "vtid", "-t", "procname", NULL };

	snprintf(tl->session, sizeof(tl->session), SESSION_PREFIX "%d", (int)getpid());
	snprintf(url, sizeof(url), "--set-url=net://127.0.0.1:%d:%d", base, base + 1);
	if (lttng_cmd("create", tl->session, "--live=100000", url, NULL, NULL) != 0)
		return -1;
	tl->created = true;
	if (lttng_cmd("enable-event", "-u", "-s", tl->session, "connscope:*", NULL) != 0 ||
	    lttng_run(context, NULL, 0) != 0 ||
	    lttng_cmd("start", tl->session, NULL, NULL, NULL, NULL) != 0)
		return -1;
	return 0;
}

int trace_live_start(struct trace_live *tl)
{
	int base = port_base();
	char host[64] = "localhost";

	memset(tl, 0, sizeof(*tl));
	if (lttng_sessiond_ensure("--trace live", &tl->sessiond) < 0)
		return -1;
	if (tl->sessiond)
		lttng_wait_registered("--trace live");
	if (!find_session(tl)) {
		if (!listening(base + 2) && relayd_or_error(tl, base) < 0) {
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
	lttng_catch_stop_signals();
	gethostname(host, sizeof(host) - 1);
	snprintf(tl->url, sizeof(tl->url), "net://127.0.0.1:%d/host/%s/%s", base + 2, host,
		 tl->session);
	fprintf(stderr, "connscope: live session %s (connscope-view --live %s)\n",
		tl->session, tl->url);
	return 0;
}

void trace_live_stop(struct trace_live *tl)
{
	if (tl->created)
		lttng_cmd("destroy", tl->session, NULL, NULL, NULL, NULL);
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
		lttng_sessiond_stop();
	tl->sessiond = false;
}
