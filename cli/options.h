/* SPDX-License-Identifier: GPL-2.0-only */
/* options.h - the parsed command line of `connscope connect`. */
#ifndef CS_CLI_OPTIONS_H
#define CS_CLI_OPTIONS_H

#include <netinet/in.h>

#define CLI_MAX_SYSCTLS 64
#define CLI_MAX_SECONDS 1000000.0	/* --hold and --interval: 11.5 days */

struct cli_options {
	const char *iface;
	struct in_addr addr;
	unsigned int prefixlen;
	struct in_addr gateway;
	struct sockaddr_in *dsts;	/* the targets, in the order given */
	int ndsts;
	struct sockaddr_in bind;	/* sin_family 0 = no bind */
	long count;
	long keep;			/* --keep: attempts below it stay open */
	int parallel;
	int nonblock, close_after, json, stats;
	double hold;
	double interval;		/* pause between a thread's connects */
	const char *dump_tables;
	const char *netns;
	const char *user;
	const char *pcap;
	int trace_live;			/* --trace live: an lttng live session */
	const char *trace_dir;		/* --trace DIR: a session writing to DIR */
	const char *sysctls[CLI_MAX_SYSCTLS + 1];
	int nsysctls;
};

/* Parse argv (after the "connect" word); on a usage error print it and
 * return -1, on --help print the usage and return 1, else 0.  o->dsts is
 * allocated (free it with cli_free). */
int cli_parse(int argc, char **argv, struct cli_options *o);
void cli_usage(FILE *f);
void cli_free(struct cli_options *o);

#endif
