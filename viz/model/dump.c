// SPDX-License-Identifier: GPL-2.0-only
/*
 * dump.c - the model's tables in the format of `connscope --dump-tables`
 * (docs/table-dump.md), byte for byte: same keys in the same order, same
 * spacing and newlines, non-empty buckets in increasing order, lists head
 * first.  The tests compare the two outputs with cmp.  Also the one-line
 * packet format of the views.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "model_int.h"

static void put_addr(FILE *f, const char *key, uint32_t a)
{
	char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	fprintf(f, "\"%s\":\"%s\"", key, buf);
}

/* One entry of an ehash or listening list: the socket's record. */
static void dump_entry(FILE *f, const struct mstate *st, uint32_t id)
{
	const struct msock *s = state_sock_const(st, id);
	struct model_sock z = { .id = id };
	const struct model_sock *p = s ? &s->pub : &z;

	fprintf(f, "{\"id\":%u,\"tw\":%s,\"state\":\"%s\",", id, p->tw ? "true" : "false",
		model_state_name(p->state));
	put_addr(f, "saddr", p->saddr);
	fprintf(f, ",\"sport\":%u,", p->sport);
	put_addr(f, "daddr", p->daddr);
	fprintf(f, ",\"dport\":%u,\"hash\":%u}", p->dport, p->hash);
}

static void dump_list(FILE *f, const struct mstate *st, const char *name, const struct idvec *v)
{
	fprintf(f, "\"%s\":[", name);
	for (size_t i = 0; i < v->n; i++) {
		fputs(i ? "," : "", f);
		dump_entry(f, st, v->v[i]);
	}
	fputc(']', f);
}

static void dump_ehash(FILE *f, const struct mstate *st)
{
	fprintf(f, "\"ehash_size\":%u,\"ehash\":[", st->sizes.ehash_size);
	for (size_t i = 0; i < st->neh; i++) {
		fprintf(f, "%s\n  {\"bucket\":%u,", i ? "," : "", st->eh[i].slot);
		dump_list(f, st, "chain", &st->eh[i].chain);
		fputc(',', f);
		dump_list(f, st, "twchain", &st->eh[i].tw);
		fputc('}', f);
	}
	fputs("]", f);
}

static void dump_bhash(FILE *f, const struct mstate *st)
{
	fprintf(f, ",\n\"bhash_size\":%u,\"bhash\":[", st->sizes.bhash_size);
	for (size_t i = 0; i < st->nbh; i++) {
		fprintf(f, "%s\n  {\"bucket\":%u,\"buckets\":[", i ? "," : "", st->bh[i].slot);
		for (size_t j = 0; j < st->bh[i].n; j++) {
			const struct mbucket *b = &st->bh[i].b[j];

			fprintf(f, "%s{\"port\":%u,\"fastreuse\":%d,\"fastreuseport\":%d,",
				j ? "," : "", b->port, b->fastreuse, b->fastreuseport);
			fputs("\"owners\":[", f);
			for (size_t k = 0; k < b->n; k++)
				fprintf(f, "%s{\"id\":%u,\"tw\":%s}", k ? "," : "", b->o[k].id,
					b->o[k].tw ? "true" : "false");
			fputs("]}", f);
		}
		fputs("]}", f);
	}
	fputs("]", f);
}

static void dump_listening(FILE *f, const struct mstate *st)
{
	fprintf(f, ",\n\"listening_size\":%u,\"listening\":[", st->sizes.lhash_size);
	for (size_t i = 0; i < st->nlh; i++) {
		fprintf(f, "%s\n  {\"bucket\":%u,", i ? "," : "", st->lh[i].slot);
		dump_list(f, st, "chain", &st->lh[i].chain);
		fputc('}', f);
	}
	fputs("]", f);
}

int model_dump_tables(const struct model *m, FILE *f)
{
	fputs("{", f);
	dump_ehash(f, &m->st);
	dump_bhash(f, &m->st);
	dump_listening(f, &m->st);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

int model_packet_format(const struct model_packet *p, char *buf, size_t len)
{
	static const char fl[] = "FSRP.UEC";
	char flags[12], src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
	size_t n = 0;

	for (int b = 0; b < 8; b++)
		if (p->flags & (1u << b) && b != 4)
			flags[n++] = fl[b];
	if (p->flags & 0x10)
		flags[n++] = '.';
	flags[n] = '\0';
	inet_ntop(AF_INET, &p->saddr, src, sizeof(src));
	inet_ntop(AF_INET, &p->daddr, dst, sizeof(dst));
	return snprintf(buf, len, "%s %s.%u > %s.%u: Flags [%s], seq %u, ack %u, win %u, length %u",
			p->kind == MODEL_PKT_TCP_IN ? "IN " : "OUT", src, p->sport, dst, p->dport,
			flags, p->seq, p->ack_seq, p->window,
			p->len > (uint32_t)p->doff * 4 ? p->len - (uint32_t)p->doff * 4 : 0);
}
