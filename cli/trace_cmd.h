/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_cmd.h - `connscope trace NAME TRACE_DIR [options]`: the readable
 * listing and the BCC-style analyses of a recorded trace (viz/text).
 */
#ifndef CS_CLI_TRACE_CMD_H
#define CS_CLI_TRACE_CMD_H

#include <stdio.h>

/* For `connscope --help`, after the connect usage. */
#define TRACE_CMD_USAGE_LINE "\nusage: connscope trace NAME TRACE_DIR [--json] [options]" \
	"   (show, connects, states, retrans,\n       ports, tables, mib: connscope trace --help)\n"

/* @argv[0] is "trace".  Exit status: 0, 1 (the trace cannot be read or
 * answer), 2 (bad arguments). */
int cmd_trace(int argc, char **argv);
void trace_usage(FILE *f);

#endif
