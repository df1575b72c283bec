// SPDX-License-Identifier: GPL-2.0-only
/*
 * options.c - the command line of `connscope connect` (docs/connscope.1 is
 * the same text in man form; keep both in step).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <arpa/inet.h>
#include "options.h"

void cli_usage(FILE *f)
{
	fputs(
"usage: connscope connect [options] HOST:PORT...\n"
"\n"
"Connect to each HOST:PORT in turn through one connscope stack (Linux 3.10's\n"
"connect path in user space) on a real interface, through an AF_PACKET socket.\n"
"Every step is traced with LTTng-UST (provider connscope) when a session\n"
"records it.\n"
"\n"
"  -i, --iface IF         interface (default: cs0 when it exists)\n"
"  -a, --addr A.B.C.D/N   the stack's address and subnet (default 10.77.0.1/24)\n"
"  -g, --gateway A.B.C.D  default route via this host (on the subnet)\n"
"  -n, --count N          connects to each target (default 1): N rounds, each\n"
"                         visiting the targets in the order given\n"
"  -P, --parallel P       threads sharing the list of connects (default 1)\n"
"      --bind ADDR[:PORT] bind(2) each socket first\n"
"      --nonblock         non-blocking connect: EINPROGRESS, then poll(2)\n"
"      --close            close each connection after it is made (active close)\n"
"      --keep K           with --close: keep the first K connections open until\n"
"                         the end (a stack holding K connections)\n"
"      --hold SECONDS     keep the connections and the stack alive this long\n"
"      --interval SECONDS pause between one thread's connects (e.g. to let a\n"
"                         TIME-WAIT age past tcp_tw_reuse's second)\n"
"  -o, --sysctl KEY=VALUE set a sysctl of the stack (repeatable), e.g.\n"
"                         -o net.ipv4.tcp_syn_retries=2\n"
"      --json             one JSON object per attempt on stdout (its target\n"
"                         is \"target\", its index in the list \"target_index\")\n"
"      --dump-tables FILE write the hash tables as JSON at exit (and a state\n"
"                         dump into the trace; SIGUSR1 also asks for one)\n"
"      --stats            print the MIB counters at exit (/proc/net/snmp form)\n"
"      --netns NAME       run inside network namespace NAME (a name of ip netns)\n"
"      --user NAME        drop root for NAME once the interface is open\n"
"      --pcap FILE        write every frame sent and received as pcap\n"
"      --trace DIR        record this run into DIR (new or empty) as a CTF trace\n"
"                         with the vpid, vtid and procname contexts, in an\n"
"                         LTTng session of its own (lttng-sessiond started\n"
"                         when none runs; all stopped at exit)\n"
"      --trace live       record this run in an LTTng live session for\n"
"                         connscope-view --live (lttng-relayd and the session\n"
"                         are started when needed and stopped at exit)\n"
"  -h, --help             this text\n"
"\n"
"Exit status: 0 when every attempt succeeded, 1 when any failed, 2 for a\n"
"usage error.\n", f);
}

static int parse_addr_prefix(const char *s, struct in_addr *a, unsigned int *len)
{
	char buf[64], *slash, *end;
	long n = 24;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash) {
		*slash++ = '\0';
		n = strtol(slash, &end, 10);
		if (*slash == '\0' || *end || n < 0 || n > 32)
			return -1;
	}
	if (inet_pton(AF_INET, buf, a) != 1)
		return -1;
	*len = (unsigned int)n;
	return 0;
}

/* "A.B.C.D:PORT" (PORT required unless @port_optional). */
static int parse_hostport(const char *s, struct sockaddr_in *sin, int port_optional)
{
	char buf[64], *colon, *end;
	long port = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	colon = strrchr(buf, ':');
	if (colon) {
		*colon++ = '\0';
		/* digits only: strtol alone would take "+80" and " 80" */
		if (*colon == '\0' || strspn(colon, "0123456789") != strlen(colon))
			return -1;
		port = strtol(colon, &end, 10);
		if (*end || port < 0 || port > 65535)
			return -1;
	} else if (!port_optional) {
		return -1;
	}
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((unsigned short)port);
	return inet_pton(AF_INET, buf, &sin->sin_addr) == 1 ? 0 : -1;
}

static int bad(const char *what, const char *val)
{
	fprintf(stderr, "connscope: invalid %s '%s'\n\n", what, val);
	cli_usage(stderr);
	return -1;
}

/* A decimal number of seconds, 0..CLI_MAX_SECONDS: no "", nan, inf, hex
 * or 1e30. */
static int parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (!*s || !strchr("0123456789.", *s) || strspn(s, "0123456789.eE+-") != strlen(s))
		return -1;
	v = strtod(s, &end);
	if (*end || !isfinite(v) || v < 0 || v > CLI_MAX_SECONDS)
		return -1;
	*out = v;
	return 0;
}

/* A name as `ip netns` takes it: no path, not "." or "..". */
static int check_netns_name(const char *s)
{
	if (!*s || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, "..") || strlen(s) >= NAME_MAX)
		return -1;
	return 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

enum { OPT_BIND = 256, OPT_NONBLOCK, OPT_CLOSE, OPT_KEEP, OPT_HOLD, OPT_INTERVAL, OPT_JSON, OPT_DUMP,
       OPT_STATS, OPT_NETNS, OPT_USER, OPT_PCAP, OPT_TRACE };

static const struct option longopts[] = {
	{ "iface", required_argument, NULL, 'i' },
	{ "addr", required_argument, NULL, 'a' },
	{ "gateway", required_argument, NULL, 'g' },
	{ "count", required_argument, NULL, 'n' },
	{ "parallel", required_argument, NULL, 'P' },
	{ "sysctl", required_argument, NULL, 'o' },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "nonblock", no_argument, NULL, OPT_NONBLOCK },
	{ "close", no_argument, NULL, OPT_CLOSE },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "hold", required_argument, NULL, OPT_HOLD },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dump-tables", required_argument, NULL, OPT_DUMP },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "netns", required_argument, NULL, OPT_NETNS },
	{ "user", required_argument, NULL, OPT_USER },
	{ "pcap", required_argument, NULL, OPT_PCAP },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* One option; returns 0, 1 (help) or -1 (usage error). */
static int cli_option(int c, struct cli_options *o)
{
	long v;

	switch (c) {
	case 'i': o->iface = optarg; return 0;
	case 'a':
		return parse_addr_prefix(optarg, &o->addr, &o->prefixlen) ? bad("address", optarg) : 0;
	case 'g':
		return inet_pton(AF_INET, optarg, &o->gateway) == 1 ? 0 : bad("gateway", optarg);
	case 'n':
		if (parse_long(optarg, 1, 100000000, &v))
			return bad("count", optarg);
		o->count = v;
		return 0;
	case 'P':
		if (parse_long(optarg, 1, 256, &v))
			return bad("parallel", optarg);
		o->parallel = (int)v;
		return 0;
	case 'o':
		if (o->nsysctls == CLI_MAX_SYSCTLS || !strchr(optarg, '='))
			return bad("sysctl (KEY=VALUE)", optarg);
		o->sysctls[o->nsysctls++] = optarg;
		return 0;
	case OPT_BIND:
		return parse_hostport(optarg, &o->bind, 1) ? bad("bind address", optarg) : 0;
	case OPT_NONBLOCK: o->nonblock = 1; return 0;
	case OPT_CLOSE: o->close_after = 1; return 0;
	case OPT_KEEP:
		if (parse_long(optarg, 0, 100000000, &v))
			return bad("keep count", optarg);
		o->keep = v;
		return 0;
	case OPT_HOLD:
		return parse_seconds(optarg, &o->hold) ? bad("hold time (seconds)", optarg) : 0;
	case OPT_INTERVAL:
		return parse_seconds(optarg, &o->interval) ? bad("interval (seconds)", optarg) : 0;
	case OPT_JSON: o->json = 1; return 0;
	case OPT_DUMP: o->dump_tables = optarg; return 0;
	case OPT_STATS: o->stats = 1; return 0;
	case OPT_NETNS:
		if (check_netns_name(optarg))
			return bad("--netns (a name as `ip netns` lists it, not a path)", optarg);
		o->netns = optarg;
		return 0;
	case OPT_USER: o->user = optarg; return 0;
	case OPT_PCAP: o->pcap = optarg; return 0;
	case OPT_TRACE:
#ifdef CS_NO_TRACE
		fprintf(stderr, "connscope: --trace: this connscope was built without "
			"tracing (make TRACE=0): nothing would be recorded\n");
		return -1;
#endif
		if (!*optarg)
			return bad("--trace (live or a directory)", optarg);
		o->trace_live = !strcmp(optarg, "live");
		o->trace_dir = o->trace_live ? NULL : optarg;
		return 0;
	case 'h': cli_usage(stdout); return 1;
	default: cli_usage(stderr); return -1;
	}
}

/* --dump-tables FILE must be writable now, not only found out at exit: a
 * file made here to try is removed again. */
static int check_writable(const char *path)
{
	int made = access(path, F_OK) != 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);

	if (fd < 0) {
		fprintf(stderr, "connscope: --dump-tables %s: %s\n", path, strerror(errno));
		return -1;
	}
	close(fd);
	if (made)
		unlink(path);
	return 0;
}

/* The checks that need every option: the gateway on the stack's subnet
 * (what 3.10's fib_check_nh asks of a route's gateway), the dump file. */
static int cli_check(const struct cli_options *o)
{
	uint32_t mask = o->prefixlen ? ~0U << (32 - o->prefixlen) : 0;
	char gw[INET_ADDRSTRLEN];

	if (o->gateway.s_addr &&
	    (ntohl(o->gateway.s_addr) & mask) != (ntohl(o->addr.s_addr) & mask)) {
		inet_ntop(AF_INET, &o->gateway, gw, sizeof(gw));
		fprintf(stderr, "connscope: gateway %s is not on the stack's subnet (--addr)\n", gw);
		return -1;
	}
	return o->dump_tables ? check_writable(o->dump_tables) : 0;
}

/* The targets, HOST:PORT each; the attempts are count rounds of them. */
static int parse_targets(int n, char **args, struct cli_options *o)
{
	o->dsts = calloc((size_t)n, sizeof(*o->dsts));
	if (!o->dsts) {
		fprintf(stderr, "connscope: out of memory\n");
		return -1;
	}
	o->ndsts = n;
	for (int i = 0; i < n; i++)
		if (parse_hostport(args[i], &o->dsts[i], 0)) {
			cli_free(o);
			return bad("destination (HOST:PORT, HOST an IPv4 address)", args[i]);
		}
	if (o->count > 100000000 / n) {
		cli_free(o);
		fprintf(stderr, "connscope: -n %ld with %d targets: more than 100000000 "
			"connects\n", o->count, n);
		return -1;
	}
	if (o->parallel > o->count * n)
		o->parallel = (int)(o->count * n);
	return 0;
}

int cli_parse(int argc, char **argv, struct cli_options *o)
{
	int c, rc;

	memset(o, 0, sizeof(*o));
	inet_pton(AF_INET, "10.77.0.1", &o->addr);
	o->prefixlen = 24;
	o->count = 1;
	o->parallel = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:a:g:n:P:o:h", longopts, NULL)) != -1) {
		rc = cli_option(c, o);
		if (rc)
			return rc;
	}
	if (optind >= argc) {
		fprintf(stderr, "connscope: expected HOST:PORT (one or more)\n\n");
		cli_usage(stderr);
		return -1;
	}
	if (parse_targets(argc - optind, argv + optind, o))
		return -1;
	if (cli_check(o)) {
		cli_free(o);
		return -1;
	}
	return 0;
}

void cli_free(struct cli_options *o)
{
	free(o->dsts);
	o->dsts = NULL;
}
