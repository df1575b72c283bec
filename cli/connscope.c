// SPDX-License-Identifier: GPL-2.0-only
/*
 * connscope.c - the `connscope` command: a thin front end that opens the
 * interface, starts a stack on it, runs the connects the user asked for and
 * reports each attempt.  All TCP knowledge lives in libconnscope.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "nic.h"
#include "options.h"
#include "report.h"
#include "lttng_daemon.h"
#include "trace_cmd.h"
#include "trace_live.h"
#include "trace_record.h"

struct run {
	struct cli_options *o;
	struct net *net;
	long total;			/* count rounds of the targets */
	atomic_long next_seq, done, failed;
	long fail_by_errno[200];
	pthread_mutex_t lock;		/* output */
	double start;
};

/*
 * SIGUSR1 asks for a state dump (cs_statedump) into the trace.  The handler
 * only sets a flag and writes one byte to a pipe (both async-signal-safe);
 * a thread waiting on the pipe makes the call.
 */
static volatile sig_atomic_t statedump_requested;
static int statedump_pipe[2] = { -1, -1 };

static void on_sigusr1(int sig)
{
	int saved = errno;
	char c = 'd';

	(void)sig;
	statedump_requested = 1;
	if (write(statedump_pipe[1], &c, 1) < 0) {
		/* pipe full: a dump is already pending */
	}
	errno = saved;
}

/* The dump thread: one cs_statedump per request, until 'q' arrives. */
static void *statedump_thread(void *arg)
{
	struct net *net = arg;
	char c;

	while (read(statedump_pipe[0], &c, 1) == 1 && c != 'q') {
		if (statedump_requested) {
			statedump_requested = 0;
			cs_statedump(net);
		}
	}
	return NULL;
}

static int statedump_start(struct net *net, pthread_t *th)
{
	struct sigaction sa;

	if (pipe2(statedump_pipe, O_CLOEXEC) < 0)
		return -1;
	/* The handler must never block on a full pipe. */
	fcntl(statedump_pipe[1], F_SETFL, O_NONBLOCK);
	if (pthread_create(th, NULL, statedump_thread, net) != 0) {
		close(statedump_pipe[0]);
		close(statedump_pipe[1]);
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigusr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	return 0;
}

static void statedump_stop(pthread_t th)
{
	char q = 'q';

	signal(SIGUSR1, SIG_IGN);
	if (write(statedump_pipe[1], &q, 1) == 1)
		pthread_join(th, NULL);
	close(statedump_pipe[0]);
	close(statedump_pipe[1]);
}

/* Sleep @s seconds; a signal (SIGUSR1: a state dump) does not cut it short,
 * unless --trace caught a SIGINT or SIGTERM (then we go and clean up). */
static void sleep_s(double s)
{
	struct timespec t = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&t, &t) < 0 && errno == EINTR && !lttng_stopping())
		;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Enter the network namespace /run/netns/NAME (what `ip netns exec` does). */
static int enter_netns(const char *name)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "connscope: network namespace '%s': %s (is the lab up? "
			"sudo labs/net/up.sh)\n", name, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "connscope: entering network namespace '%s': %s\n",
			name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Give up root for @user once the AF_PACKET socket is open. */
static int drop_privileges(const char *user)
{
	struct passwd *pw = getpwnam(user);

	if (!pw) {
		fprintf(stderr, "connscope: --user: no user '%s'\n", user);
		return -1;
	}
	if (setgroups(0, NULL) < 0 || setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
		fprintf(stderr, "connscope: --user %s: %s\n", user, strerror(errno));
		return -1;
	}
	return 0;
}

static struct nic *open_nic(const struct cli_options *o)
{
	const char *iface = o->iface;
	char errbuf[512];
	struct nic *nic;
	int err = 0;

	if (!iface) {
		if (!if_nametoindex("cs0")) {
			fprintf(stderr, "connscope: no interface given and no cs0 here: use -i IF, "
				"or run inside the lab (--netns cs-client; sudo labs/net/up.sh)\n");
			return NULL;
		}
		iface = "cs0";
	}
	nic = nic_af_packet_new(iface, o->addr.s_addr, &err, errbuf, sizeof(errbuf));
	if (!nic) {
		fprintf(stderr, "connscope: %s\n", errbuf);
		return NULL;
	}
	if (o->pcap && nic_set_pcap(nic, o->pcap) < 0) {
		fprintf(stderr, "connscope: --pcap %s: cannot create the file\n", o->pcap);
		nic_destroy(nic);
		return NULL;
	}
	return nic;
}

/* Wait for a non-blocking connect: poll for POLLOUT, then SO_ERROR. */
static int wait_nonblocking(struct net *net, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int err = 0;
	socklen_t len = sizeof(err);

	if (cs_poll(net, &p, 1, -1) < 0)
		return errno;
	if (cs_getsockopt(net, fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return errno;
	return err;
}

/* One attempt: socket, optional bind, connect (blocking or not), to the
 * target of its place in the rounds. */
static void attempt(struct run *r, long seq)
{
	struct cli_options *o = r->o;
	int target = (int)(seq % o->ndsts);
	struct attempt_result a = { .seq = seq, .dst = o->dsts[target], .target = target };
	double t0;
	int fd;

	fd = cs_socket(r->net, AF_INET, SOCK_STREAM | (o->nonblock ? SOCK_NONBLOCK : 0), 0);
	if (fd < 0) {
		a.err = errno;
		goto report;
	}
	if (o->bind.sin_family &&
	    cs_bind(r->net, fd, (struct sockaddr *)&o->bind, sizeof(o->bind)) < 0) {
		a.err = errno;
		goto report;
	}
	t0 = now_s();
	if (cs_connect(r->net, fd, (struct sockaddr *)&a.dst, sizeof(a.dst)) < 0) {
		a.err = errno;
		if (o->nonblock && a.err == EINPROGRESS)
			a.err = wait_nonblocking(r->net, fd);
	}
	a.usec = (long)((now_s() - t0) * 1e6);
	report_fill(r->net, fd, &a);
report:
	report_attempt(&r->lock, o->json, &a);
	atomic_fetch_add(&r->done, 1);
	if (a.err) {
		atomic_fetch_add(&r->failed, 1);
		pthread_mutex_lock(&r->lock);
		r->fail_by_errno[a.err < 200 ? a.err : 0]++;
		pthread_mutex_unlock(&r->lock);
	}
	if (fd < 0)
		return;
	/* otherwise (--keep K: the first K) the connection is held until
	 * cs_net_free closes it */
	if ((o->close_after && seq >= o->keep) || a.err)
		cs_close(r->net, fd);
}

static void *worker(void *arg)
{
	struct run *r = arg;
	long seq;

	/* after a first ^C under --trace no new attempt starts: the run
	 * ends and its trace is complete */
	while (!lttng_stopping() && (seq = atomic_fetch_add(&r->next_seq, 1)) < r->total) {
		if (seq >= r->o->parallel && r->o->interval > 0)
			sleep_s(r->o->interval);
		attempt(r, seq);
	}
	return NULL;
}

/* Run the attempts on P threads, with a progress line on a terminal. */
static void run_attempts(struct run *r)
{
	pthread_t th[256];
	int show = !r->o->json && r->total >= 100 && isatty(STDERR_FILENO);

	for (int i = 0; i < r->o->parallel; i++)
		pthread_create(&th[i], NULL, worker, r);
	while (show && atomic_load(&r->done) < r->total) {
		struct timespec t = { 0, 200000000 };

		nanosleep(&t, NULL);
		report_progress(r->done, r->total, r->failed, now_s() - r->start,
				r->fail_by_errno, &r->lock);
	}
	for (int i = 0; i < r->o->parallel; i++)
		pthread_join(th[i], NULL);
	if (show)
		fputc('\n', stderr);
}

static void hold_and_finish(struct run *r)
{
	struct cli_options *o = r->o;

	if (o->hold > 0)
		sleep_s(o->hold);
	if (o->dump_tables) {
		FILE *f = fopen(o->dump_tables, "w");
		int bad = !f || cs_dump_tables(r->net, f) < 0;

		if (f && fclose(f))
			bad = 1;
		if (bad) {
			fprintf(stderr, "connscope: --dump-tables %s: %s\n", o->dump_tables,
				strerror(errno));
			atomic_fetch_add(&r->failed, 1);	/* exit 1, not 0 */
		}
		/* The same picture into the trace: a model rebuilt from the
		 * trace can be checked against the file at this point. */
		cs_statedump(r->net);
	}
	/* The connections still held are closed by cs_net_free, as a
	 * process's exit closes its descriptors: the trace's net_exit marks
	 * the state they were in. */
	if (o->stats)
		cs_mib_print(r->net, stdout);
}

/* Start what --trace asked for: a live session or one writing to DIR.
 * The live session first: its relay listens in this namespace. */
static int trace_start(const struct cli_options *o, struct trace_live *live,
		       struct trace_record *rec)
{
	if (o->trace_live)
		return trace_live_start(live);
	if (o->trace_dir)
		return trace_record_start(rec, o->trace_dir);
	return 0;
}

static void trace_stop(const struct cli_options *o, struct trace_live *live,
		       struct trace_record *rec)
{
	if (o->trace_live)
		trace_live_stop(live);
	if (o->trace_dir)
		trace_record_stop(rec);
}

/* The stack on the NIC, with the command line's address, route, sysctls. */
static struct net *make_stack(const struct cli_options *o, struct nic *nic)
{
	struct cs_net_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.addr = o->addr;
	cfg.prefixlen = o->prefixlen;
	cfg.gateway = o->gateway;
	cfg.sysctls = o->sysctls;
	return cs_net_new(nic, &cfg);
}

/* The attempts, their report and the end of the run, on a started stack. */
static int run_stack(struct cli_options *o, struct net *net)
{
	struct run r;
	pthread_t dumper;
	int dumping;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.net = net;
	r.total = o->count * o->ndsts;
	pthread_mutex_init(&r.lock, NULL);
	dumping = statedump_start(r.net, &dumper) == 0;
	r.start = now_s();
	run_attempts(&r);
	hold_and_finish(&r);
	if (dumping)
		statedump_stop(dumper);
	cs_net_free(r.net);
	return r.failed ? 1 : 0;
}

static int cmd_connect(int argc, char **argv)
{
	struct cli_options o;
	struct nic *nic;
	struct net *net;
	struct trace_live live;
	struct trace_record rec;
	char err[256];
	int rc = cli_parse(argc, argv, &o);

	if (rc)
		return rc > 0 ? 0 : 2;
	for (int i = 0; i < o.nsysctls; i++)
		if (cs_sysctl_check(o.sysctls[i], err, sizeof(err)) < 0) {
			fprintf(stderr, "connscope: -o %s\n", err);
			cli_free(&o);
			return 2;
		}
	rc = 1;
	if (trace_start(&o, &live, &rec) < 0) {
		cli_free(&o);
		return 1;
	}
	if (o.netns && enter_netns(o.netns) < 0)
		goto out;
	nic = open_nic(&o);
	if (!nic)
		goto out;
	if (o.user && drop_privileges(o.user) < 0) {
		nic_destroy(nic);
		goto out;
	}
	net = make_stack(&o, nic);
	if (!net) {
		fprintf(stderr, "connscope: cannot start the stack: %s\n", strerror(errno));
		nic_destroy(nic);
		rc = 2;
		goto out;
	}
	rc = run_stack(&o, net);
out:
	trace_stop(&o, &live, &rec);
	cli_free(&o);
	return rc;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		cli_usage(argc < 2 ? stderr : stdout);
		fputs(TRACE_CMD_USAGE_LINE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "trace"))
		return cmd_trace(argc - 1, argv + 1);
	if (strcmp(argv[1], "connect") != 0) {
		fprintf(stderr, "connscope: unknown command '%s'\n\n", argv[1]);
		cli_usage(stderr);
		fputs(TRACE_CMD_USAGE_LINE, stderr);
		return 2;
	}
	return cmd_connect(argc - 1, argv + 1);
}
