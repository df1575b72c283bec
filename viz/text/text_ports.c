// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_ports.c - `connscope trace ports`: each connect's port search as
 * __inet_hash_connect made it (inet_hash_connect, __inet_hash_connect,
 * inet_hash_connect_probe, __inet_hash_connect_ret): port_offset, the hint
 * before and after, every candidate port with its bhash slot and verdict,
 * and, for a refused port, the owners of its bind bucket at that moment
 * (the model replayed to the probe).
 */
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "../model/events.h"

/* One search under way (the events of one socket between the entry of
 * __inet_hash_connect and its return). */
struct search {
	uint32_t sk_id, saddr, daddr;
	uint16_t dport;
	uint64_t ts, snum, port_offset, hint, offset, low, high, remaining;
	uint64_t tw_id;			/* the TIME-WAIT socket the last check recycled, or 0 */
	size_t nprobes;
	bool open;
	FILE *buf;			/* the search's text until it ends */
	char *text;
	size_t len;
};

/* A verdict that refuses a port because someone holds it. */
static bool refused(const char *verdict)
{
	return verdict && (!strcmp(verdict, "bind_bucket_bind_user") ||
			   !strcmp(verdict, "established_conflict"));
}

/* The owners of @port's bind bucket before event @index. */
static void held_by(struct model *m, size_t index, uint16_t port, bool json, FILE *out)
{
	struct model_bind_bucket b;

	if (model_seek(m, index) || !model_bind_bucket_find(m, port, &b))
		return;
	for (size_t j = 0; j < b.nowners; j++) {
		const struct model_sock *s = model_sock_find(m, b.owners[j].id);
		char l[32] = "?", r[32] = "?";

		if (s) {
			text_addr_port(s->saddr, s->sport, l, sizeof(l));
			text_addr_port(s->daddr, s->dport, r, sizeof(r));
		}
		if (json)
			fprintf(out, "%s{\"id\":%u,\"tw\":%s,\"state\":\"%s\",\"local\":\"%s\",\"peer\":\"%s\"}",
				j ? "," : "", b.owners[j].id, b.owners[j].tw ? "true" : "false",
				s ? model_state_name(s->state) : "UNKNOWN", l, r);
		else
			fprintf(out, "%s%s %u %s %s>%s", j ? ", " : "", b.owners[j].tw ? "tw" : "sk",
				b.owners[j].id, s ? model_state_name(s->state) : "?", l, r);
	}
}

/* __inet_hash_connect's entry: the search's numbers, and its header. */
static void search_begin(const struct text_trace *t, const struct text_proc *p, bool json,
			 struct search *s, const struct model_event *ev, FILE *out)
{
	char sa[16], da[32];

	s->open = true;
	s->nprobes = 0;
	s->tw_id = 0;
	s->ts = ev->ts_ns;
	s->snum = EV_U(ev, __inet_hash_connect, snum);
	s->port_offset = EV_U(ev, __inet_hash_connect, port_offset);
	s->hint = EV_U(ev, __inet_hash_connect, hint);
	s->offset = EV_U(ev, __inet_hash_connect, offset);
	s->low = EV_U(ev, __inet_hash_connect, low);
	s->high = EV_U(ev, __inet_hash_connect, high);
	s->remaining = EV_U(ev, __inet_hash_connect, remaining);
	text_addr(s->saddr, sa, sizeof(sa));
	text_addr_port(s->daddr, s->dport, da, sizeof(da));
	if (json) {
		fprintf(out, "{\"pid\":%lld,\"time\":%.6f,\"sk_id\":%u,\"saddr\":\"%s\",\"dst\":\"%s\","
			"\"snum\":%llu,\"port_offset\":%llu,\"hint\":%llu,\"offset\":%llu,\"low\":%llu,"
			"\"high\":%llu,\"remaining\":%llu,\"candidates\":[", (long long)p->vpid,
			text_rel(t, s->ts), s->sk_id, sa, da, (unsigned long long)s->snum,
			(unsigned long long)s->port_offset, (unsigned long long)s->hint,
			(unsigned long long)s->offset, (unsigned long long)s->low,
			(unsigned long long)s->high, (unsigned long long)s->remaining);
		return;
	}
	fprintf(out, "%.6f pid %lld sk %u: %s -> %s", text_rel(t, s->ts), (long long)p->vpid,
		s->sk_id, sa, da);
	if (s->snum)
		fprintf(out, "  bound port %llu\n", (unsigned long long)s->snum);
	else
		fprintf(out, "  port_offset 0x%08llx hint %llu offset 0x%08llx low %llu high %llu"
			" remaining %llu\n", (unsigned long long)s->port_offset,
			(unsigned long long)s->hint, (unsigned long long)s->offset,
			(unsigned long long)s->low, (unsigned long long)s->high,
			(unsigned long long)s->remaining);
	fprintf(out, "  %6s %-6s %-6s %-22s %s\n", "I", "PORT", "BHASH", "VERDICT", "HELD BY");
}

/* One candidate port and its verdict (and holders when refused). */
static void probe(struct model *m, bool json, struct search *s, const struct model_event *ev,
		  size_t index, FILE *out)
{
	const char *v = EV_LABEL(ev, inet_hash_connect_probe, verdict);
	uint16_t port = (uint16_t)EV_U(ev, inet_hash_connect_probe, port);

	if (json) {
		fprintf(out, "%s{\"i\":%llu,\"port\":%u,\"bhash\":%llu,\"verdict\":\"%s\",\"held_by\":[",
			s->nprobes ? "," : "", (unsigned long long)EV_U(ev, inet_hash_connect_probe, i), port,
			(unsigned long long)EV_U(ev, inet_hash_connect_probe, bhash), v ? v : "?");
		if (refused(v))
			held_by(m, index, port, true, out);
		fputs("]}", out);
	} else {
		fprintf(out, "  %6llu %-6u %-6llu %-22s ",
			(unsigned long long)EV_U(ev, inet_hash_connect_probe, i), port,
			(unsigned long long)EV_U(ev, inet_hash_connect_probe, bhash), v ? v : "?");
		if (refused(v))
			held_by(m, index, port, false, out);
		fputc('\n', out);
	}
	s->nprobes++;
}

/* __inet_hash_connect_ret: the port taken and the hint after. */
static void search_end(bool json, struct search *s, const struct model_event *ev, FILE *out)
{
	const char *ret = EV_LABEL(ev, __inet_hash_connect_ret, ret);
	const char *path = EV_LABEL(ev, __inet_hash_connect_ret, path);

	if (json)
		fprintf(out, "],\"ret\":\"%s\",\"port\":%llu,\"i\":%llu,\"hint_after\":%llu,"
			"\"tw_id\":%llu,\"path\":\"%s\"}\n", ret ? ret : "?",
			(unsigned long long)EV_U(ev, __inet_hash_connect_ret, port),
			(unsigned long long)EV_U(ev, __inet_hash_connect_ret, i),
			(unsigned long long)EV_U(ev, __inet_hash_connect_ret, hint),
			(unsigned long long)s->tw_id, path ? path : "?");
	else
		fprintf(out, "  -> %s port %llu (candidate %llu), hint %llu -> %llu, %s%s\n",
			ret ? ret : "?", (unsigned long long)EV_U(ev, __inet_hash_connect_ret, port),
			(unsigned long long)EV_U(ev, __inet_hash_connect_ret, i), (unsigned long long)s->hint,
			(unsigned long long)EV_U(ev, __inet_hash_connect_ret, hint), path ? path : "?",
			s->tw_id ? " (a TIME-WAIT socket recycled)" : "");
	s->open = false;
}

/* The search of socket @sk (made at inet_hash_connect), NULL if none.  Each
 * search is allocated on its own: its open memstream holds the addresses of
 * its text and len, which must not move when another search is added. */
static struct search *search_of(struct search ***v, size_t *n, uint32_t sk, bool make)
{
	struct search **grown, *s;

	for (size_t i = 0; i < *n; i++)
		if ((*v)[i]->sk_id == sk)
			return (*v)[i];
	if (!make || !(s = calloc(1, sizeof(*s))))
		return NULL;
	if (!(grown = realloc(*v, (*n + 1) * sizeof(*grown)))) {
		free(s);
		return NULL;
	}
	*v = grown;
	grown[(*n)++] = s;
	s->sk_id = sk;
	return s;
}

/* One event of the pass: each search is written to its own buffer, and the
 * buffer out when the search ends (parallel connects interleave). */
static void ports_event(const struct text_trace *t, struct text_proc *p, bool json,
			struct search ***v, size_t *nv, const struct model_event *ev, size_t i,
			FILE *out)
{
	uint32_t sk = (uint32_t)EV_OPT_U(ev, sk_id, 0);
	struct search *s = search_of(v, nv, sk, !strcmp(ev->name, MODEL_E_inet_hash_connect));

	if (!s)
		return;
	if (!strcmp(ev->name, MODEL_E_inet_hash_connect)) {
		s->saddr = EV_ADDR(ev, inet_hash_connect, saddr);
		s->daddr = EV_ADDR(ev, inet_hash_connect, daddr);
		s->dport = (uint16_t)EV_U(ev, inet_hash_connect, dport);
	} else if (!strcmp(ev->name, MODEL_E___inet_hash_connect) && !s->open) {
		s->buf = open_memstream(&s->text, &s->len);
		if (s->buf)
			search_begin(t, p, json, s, ev, s->buf);
	} else if (!strcmp(ev->name, MODEL_E_inet_hash_connect_probe) && s->open) {
		probe(p->m, json, s, ev, i, s->buf);
	} else if (!strcmp(ev->name, MODEL_E___inet_check_established_ret) && s->open) {
		const char *verdict = EV_LABEL(ev, __inet_check_established_ret, verdict);

		/* the port taken is the one of the last check */
		s->tw_id = verdict && !strcmp(verdict, "tw_recycled") ?
			   EV_U(ev, __inet_check_established_ret, tw_id) : 0;
	} else if (!strcmp(ev->name, MODEL_E___inet_hash_connect_ret) && s->open) {
		search_end(json, s, ev, s->buf);
		fclose(s->buf);
		fwrite(s->text, 1, s->len, out);
		free(s->text);
		s->buf = NULL;
		s->text = NULL;
	}
}

/* Every search of one process, each written whole when it ends. */
static void proc_ports(const struct text_trace *t, struct text_proc *p, bool json, FILE *out)
{
	struct model *m = p->m;
	size_t n = model_event_count(m), nv = 0;
	struct model_event ev;
	struct search **v = NULL;

	model_event_init(&ev);
	for (size_t i = 0; i < n && text_event(m, i, &ev); i++)
		if (EV_OPT_HAS(&ev, sk_id))
			ports_event(t, p, json, &v, &nv, &ev, i, out);
	for (size_t k = 0; k < nv; k++) {
		if (v[k]->buf) {
			fclose(v[k]->buf);
			free(v[k]->text);
		}
		free(v[k]);
	}
	free(v);
	model_event_release(&ev);
	model_seek(m, n);
}

int text_ports(struct text_trace *t, const struct text_opts *o, FILE *out, char *err, size_t el)
{
	(void)err;
	(void)el;
	for (size_t p = 0; p < t->nprocs; p++)
		if (text_proc_listed(o, p))
			proc_ports(t, &t->procs[p], o->json, out);
	return 0;
}
