// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_connects.c - `connscope trace connects`: one line per connect, as
 * BCC's tcpconnect and tcpconnlat print them, with the result, the SYN
 * retransmissions and the ISN.  LAT(ms) is tcpconnlat's: from the SYN
 * (tcp_connect) to the socket leaving SYN_SENT; --json's keys are those of
 * `connscope connect --json` where they mean the same.
 */
#include <stdlib.h>
#include "text.h"

/* One connect as a JSON object on one line. */
static void connect_json(const struct text_trace *t, const struct text_proc *p,
			 const struct text_connect *c, FILE *out)
{
	char src[32], dst[32];

	fprintf(out, "{\"pid\":%lld,\"n\":%zu,\"time\":%.6f,\"sk_id\":%u,", (long long)p->vpid,
		c->n, text_rel(t, c->ts), c->sk_id);
	fprintf(out, "\"src\":\"%s\",\"dst\":\"%s\",\"isn\":%u,\"result\":\"%s\",\"errno\":%d,",
		text_addr_port(c->saddr, c->sport, src, sizeof(src)),
		text_addr_port(c->daddr, c->dport, dst, sizeof(dst)), c->isn, c->result, c->err);
	fprintf(out, "\"state\":\"%s\",\"lat_ms\":", model_state_name(c->state));
	if (c->syn_ts && c->done_ts)
		fprintf(out, "%.3f", (double)(c->done_ts - c->syn_ts) / 1e6);
	else
		fputs("null", out);
	fprintf(out, ",\"usec\":");
	if (c->exit_ts)
		fprintf(out, "%llu", (unsigned long long)(c->exit_ts - c->ts) / 1000);
	else
		fputs("null", out);
	fprintf(out, ",\"syn_retrans\":%u,\"enter\":%zu,\"exit\":", c->syn_retrans, c->enter);
	if (c->exit != MODEL_NONE)
		fprintf(out, "%zu}\n", c->exit);
	else
		fputs("null}\n", out);
}

/* One connect as a line under the column header. */
static void connect_line(const struct text_trace *t, const struct text_proc *p,
			 const struct text_connect *c, FILE *out)
{
	char sa[16], da[16], lat[16] = "-";

	if (c->syn_ts && c->done_ts)
		snprintf(lat, sizeof(lat), "%.3f", (double)(c->done_ts - c->syn_ts) / 1e6);
	fprintf(out, "%-10.6f %-7lld %-4u %-2d %-15s %-6u %-15s %-6u %-13s %-12s %8s %7u %u\n",
		text_rel(t, c->ts), (long long)p->vpid, c->sk_id, 4,
		text_addr(c->saddr, sa, sizeof(sa)), c->sport, text_addr(c->daddr, da, sizeof(da)),
		c->dport, c->result, model_state_name(c->state), lat, c->syn_retrans, c->isn);
}

int text_connects(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	(void)err;
	(void)el;
	if (!o->json)
		fprintf(out, "%-10s %-7s %-4s %-2s %-15s %-6s %-15s %-6s %-13s %-12s %8s %7s %s\n",
			"TIME(s)", "PID", "SK", "IP", "SADDR", "SPORT", "DADDR", "DPORT", "RESULT",
			"STATE", "LAT(ms)", "SYN_RTX", "ISN");
	for (size_t i = 0; i < t->nprocs; i++) {
		size_t n;
		struct text_connect *c;

		if (!text_proc_listed(o, i))
			continue;
		c = text_connects_of(t->procs[i].m, &n);

		for (size_t k = 0; k < n; k++) {
			if (o->json)
				connect_json(t, &t->procs[i], &c[k], out);
			else
				connect_line(t, &t->procs[i], &c[k], out);
		}
		free(c);
	}
	return 0;
}
