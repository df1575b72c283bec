// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_packets.c - the Packets pane: the frames sent and received up to the
 * current event, one tcpdump-like line each, and the selected one in
 * detail: IP and TCP header field by field, the options decoded, the
 * header bytes in hex (rebuilt from the traced fields).  As a ladder (L)
 * the list holds the ARP frames too (arp_send, arp_rcv), in event order,
 * as connscope-dot --view ladder draws them.
 */
#include <stdio.h>
#include <string.h>
#include "events.h"
#include "panes.h"

/* The packets up to the current event: [0, *end). */
static size_t packets_seen(struct view *v)
{
	size_t n = model_packet_count(v->m), lo = 0, hi = n;

	/* packets are stored in event order: binary search index <= pos */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct model_packet *p = model_packet_at(v->m, mid);

		if (p && p->index <= v->pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *kind_str(enum model_packet_kind k)
{
	switch (k) {
	case MODEL_PKT_TCP_OUT:
		return "out";
	case MODEL_PKT_TCP_IN:
		return "in";
	case MODEL_PKT_RST_OUT:
		return "rst";
	case MODEL_PKT_ACK_OUT:
		return "tw-ack";
	}
	return "?";
}

/* Decode TCP options as tcpdump does: "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7". */
int view_tcp_options(const uint8_t *o, size_t n, char *buf, size_t len)
{
	size_t i = 0, w = 0;

	buf[0] = '\0';
	while (i < n && w + 1 < len) {
		uint8_t kind = o[i], l = i + 1 < n ? o[i + 1] : 0;
		const char *sep = w ? "," : "";

		if (kind == 0) {
			w += (size_t)snprintf(buf + w, len - w, "%seol", sep);
			break;
		}
		if (kind == 1) {
			w += (size_t)snprintf(buf + w, len - w, "%snop", sep);
			i++;
			continue;
		}
		if (l < 2 || i + l > n) {
			w += (size_t)snprintf(buf + w, len - w, "%sbad opt %u", sep, kind);
			break;
		}
		if (kind == 2 && l == 4)
			w += (size_t)snprintf(buf + w, len - w, "%smss %u", sep, o[i + 2] << 8 | o[i + 3]);
		else if (kind == 3 && l == 3)
			w += (size_t)snprintf(buf + w, len - w, "%swscale %u", sep, o[i + 2]);
		else if (kind == 4 && l == 2)
			w += (size_t)snprintf(buf + w, len - w, "%ssackOK", sep);
		else if (kind == 8 && l == 10)
			w += (size_t)snprintf(buf + w, len - w, "%sTS val %u ecr %u", sep,
					      (unsigned)o[i + 2] << 24 | (unsigned)o[i + 3] << 16 |
					      (unsigned)o[i + 4] << 8 | o[i + 5],
					      (unsigned)o[i + 6] << 24 | (unsigned)o[i + 7] << 16 |
					      (unsigned)o[i + 8] << 8 | o[i + 9]);
		else
			w += (size_t)snprintf(buf + w, len - w, "%sopt-%u len %u", sep, kind, l);
		i += l;
	}
	return (int)w;
}

static void put16(uint8_t *b, unsigned int v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b + 2, v & 0xffff);
}

/* The IP (when known) and TCP headers as bytes; returns their length. */
size_t view_packet_bytes(const struct model_packet *p, uint8_t *b, size_t max)
{
	size_t o = 0, tcp = 20u + (p->has_options ? p->optlen : 0);

	if (max < 20 + 20 + 40)
		return 0;
	memset(b, 0, max);
	if (p->has_ip) {
		b[0] = 0x45;
		b[1] = p->tos;
		put16(b + 2, p->tot_len);
		put16(b + 4, p->ip_id);
		put16(b + 6, p->frag_off);
		b[8] = p->ttl;
		b[9] = p->protocol;
		put16(b + 10, p->ip_check);
		memcpy(b + 12, &p->saddr, 4);
		memcpy(b + 16, &p->daddr, 4);
		o = 20;
	}
	put16(b + o, p->sport);
	put16(b + o + 2, p->dport);
	put32(b + o + 4, p->seq);
	put32(b + o + 8, p->ack_seq);
	b[o + 12] = (uint8_t)(p->doff << 4);
	b[o + 13] = p->flags;
	put16(b + o + 14, p->window);
	put16(b + o + 16, p->check);
	put16(b + o + 18, p->urg_ptr);
	if (p->has_options)
		memcpy(b + o + 20, p->options, p->optlen);
	return o + tcp;
}

static void flags_str(uint8_t f, char *buf, size_t len)
{
	static const char names[] = "FSRPAUEC";
	size_t w = 0;

	for (int i = 0; i < 8 && w + 1 < len; i++)
		if (f & (1 << i))
			buf[w++] = names[i];
	if (!w && len > 1)
		buf[w++] = '.';
	buf[w] = '\0';
}

/* A packet line for a narrower pane: the addresses are in the Socket pane,
 * the flags, seq and ack must stay.  @tiny (80 columns): "out 40000>9 [S]
 * seq 3133353994 ack 0 win 14600 len 0" (len: the payload); else
 * tcpdump's words without addresses, options and length: "OUT 40000 > 9:
 * Flags [S], seq 3133353994, ack 0, win 14600".  Flags as tcpdump's. */
static void short_line(const struct model_packet *p, bool tiny, char *buf, size_t len)
{
	static const char names[] = "FSRPAUEC";
	char fl[12];
	size_t w = 0;

	for (int i = 0; i < 8; i++)
		if ((p->flags & (1 << i)) && i != 4)
			fl[w++] = names[i];
	if (p->flags & 0x10)
		fl[w++] = '.';
	fl[w] = '\0';
	if (tiny)
		snprintf(buf, len, "%s %u>%u [%s] seq %u ack %u win %u len %u", kind_str(p->kind),
			 p->sport, p->dport, fl, p->seq, p->ack_seq, p->window,
			 p->len >= p->doff * 4u ? p->len - p->doff * 4u : 0);
	else
		snprintf(buf, len, "%s %u > %u: Flags [%s], seq %u, ack %u, win %u",
			 p->kind == MODEL_PKT_TCP_IN ? "IN " : "OUT", p->sport, p->dport, fl, p->seq,
			 p->ack_seq, p->window);
}

/* Ladder mode: the sequence base of @sk's packets one way (@out): its SYN's
 * sequence, else the first seen minus 1 (as Wireshark counts). */
static bool seq_base(struct view *v, size_t upto, uint32_t sk, bool out, uint32_t *base)
{
	for (size_t j = 0; j <= upto; j++) {
		const struct model_packet *q = model_packet_at(v->m, j);

		if (!q || q->sk_id != sk || (q->kind != MODEL_PKT_TCP_IN) != out)
			continue;
		*base = q->seq - !(q->flags & 0x02);
		return true;
	}
	return false;
}

/* How many times packet @i repeats an earlier segment of its socket (same
 * seq, same SYN/FIN), and the time since the previous copy: the RTO. */
static unsigned retrans_of(struct view *v, size_t i, const struct model_packet *p, uint64_t *gap)
{
	uint64_t last = 0;
	unsigned k = 0;

	if (p->kind != MODEL_PKT_TCP_OUT || !(p->flags & 0x03))
		return 0;
	for (size_t j = 0; j < i; j++) {
		const struct model_packet *q = model_packet_at(v->m, j);

		if (q && q->kind == MODEL_PKT_TCP_OUT && q->sk_id == p->sk_id && q->seq == p->seq &&
		    q->flags == p->flags) {
			k++;
			last = q->ts_ns;
		}
	}
	*gap = k ? p->ts_ns - last : 0;
	return k;
}

/* One ladder row: "+0.001370 stack <--[SA] seq 0 ack 1 win 65160-- 10.77.0.2". */
static void ladder_line(struct view *v, size_t i, const struct model_packet *p, char *buf,
			size_t len)
{
	bool out = p->kind != MODEL_PKT_TCP_IN;
	uint32_t b1 = 0, b2 = 0, seq = p->seq, ack = p->ack_seq;
	uint64_t t0 = model_event_ts(v->m, 0), gap;
	unsigned rx = retrans_of(v, i, p, &gap);
	char fl[12], peer[16], ackt[24] = "", rt[48] = "";

	if (seq_base(v, i, p->sk_id, out, &b1))
		seq -= b1;
	if (seq_base(v, i, p->sk_id, !out, &b2))
		ack -= b2;
	flags_str(p->flags, fl, sizeof(fl));
	if (p->flags & 0x10)
		snprintf(ackt, sizeof(ackt), " ack %u", ack);
	if (rx)
		snprintf(rt, sizeof(rt), "  RETRANS #%u after %.3f s", rx, (double)gap / 1e9);
	addr_str(out ? p->daddr : p->saddr, peer, sizeof(peer));
	snprintf(buf, len, "+%.6f sk%-2u %s[%s] seq %u%s win %u%s %s%s",
		 p->ts_ns >= t0 ? (double)(p->ts_ns - t0) / 1e9 : 0.0, p->sk_id,
		 out ? "--" : "<--", fl, seq, ackt, p->window, out ? "-->" : "--",
		 p->has_ip ? peer : "peer", rt);
}

/* The ARP frames (arp_send, arp_rcv) up to the current event, by event
 * index, at most @max; returns how many. */
#define LADDER_ARP_MAX 64
static size_t arp_seen(struct view *v, size_t *idx, size_t max)
{
	static const char *const names[] = { MODEL_E_arp_send, MODEL_E_arp_rcv };
	size_t n = 0;

	for (size_t k = 0; k < 2; k++)
		for (long i = 1; n < max; i++) {
			size_t at = model_find_event(v->m, names[k], i), j = n;

			if (at == MODEL_NONE || at > v->pos)
				break;
			while (j > 0 && idx[j - 1] > at) {	/* insertion: by index */
				idx[j] = idx[j - 1];
				j--;
			}
			idx[j] = at;
			n++;
		}
	return n;
}

/* One ARP row: "+0.000123 arp --[who-has 10.77.0.2? tell 10.77.0.1]--> 10.77.0.2"
 * or "<--[reply 10.77.0.2 is-at 32:fe:53:9c:14:3c]-- 10.77.0.2". */
static void arp_line(struct view *v, size_t index, char *buf, size_t len)
{
	uint64_t t0 = model_event_ts(v->m, 0);
	bool out;
	uint32_t sip, tip;
	size_t hl = 0;
	const uint8_t *ha;
	char s[16], t[16], what[64];

	if (model_event_get(v->m, index, v->ev)) {
		snprintf(buf, len, "arp ?");
		return;
	}
	out = !strcmp(v->ev->name, MODEL_E_arp_send);
	sip = EV_ADDR(v->ev, arp_frame, sip);
	tip = EV_ADDR(v->ev, arp_frame, tip);
	ha = EV_BYTES(v->ev, arp_frame, sha, &hl);
	addr_str(sip, s, sizeof(s));
	addr_str(tip, t, sizeof(t));
	if (EV_U(v->ev, arp_frame, op) == 2 && ha && hl == 6)
		snprintf(what, sizeof(what), "reply %s is-at %02x:%02x:%02x:%02x:%02x:%02x", s, ha[0],
			 ha[1], ha[2], ha[3], ha[4], ha[5]);
	else
		snprintf(what, sizeof(what), "who-has %s? tell %s", t, s);
	snprintf(buf, len, "+%.6f arp %s[%s]%s %s",
		 v->ev->ts_ns >= t0 ? (double)(v->ev->ts_ns - t0) / 1e9 : 0.0, out ? "--" : "<--",
		 what, out ? "-->" : "--", out ? t : s);
}

/* The ladder's list: the packets [first packet .. seen) and the ARP
 * frames between them, in event order, the last @h rows ending at the
 * selected packet's row. */
static void draw_ladder_list(struct view *v, struct pane_rows *o, size_t seen, size_t sel, int h)
{
	size_t arp[LADDER_ARP_MAX], na = arp_seen(v, arp, LADDER_ARP_MAX), before = 0, row;
	size_t selrow, first, i = 0, j = 0;
	const struct model_packet *ps = model_packet_at(v->m, sel);

	while (before < na && ps && arp[before] < ps->index)
		before++;
	selrow = sel + before;
	if (sel + 1 == seen)		/* the latest packet: the ARP after it too */
		selrow = sel + na;
	first = selrow + 1 > (size_t)h ? selrow + 1 - (size_t)h : 0;
	for (row = 0; (i < seen || j < na) && o->row < h; row++) {
		const struct model_packet *p = i < seen ? model_packet_at(v->m, i) : NULL;
		char line[512];
		bool is_arp = j < na && (!p || arp[j] < p->index);

		if (row < first) {
			is_arp ? j++ : i++;
			continue;
		}
		if (is_arp) {
			arp_line(v, arp[j++], line, sizeof(line));
			pane_put(o, VA_DIM, " %s", line);
			continue;
		}
		if (p)
			ladder_line(v, i, p, line, sizeof(line));
		pane_put(o, i == sel ? VA_SELECT : VA_NORMAL, "%c%s", i == sel ? '>' : ' ',
			 p ? line : "?");
		i++;
	}
}

static void draw_detail(struct view *v, struct pane_rows *o, const struct model_packet *p)
{
	char a[16], b[16], fl[12], opts[256];
	uint8_t bytes[80];
	size_t n = view_packet_bytes(p, bytes, sizeof(bytes));
	uint64_t t0 = model_event_ts(v->m, 0);

	flags_str(p->flags, fl, sizeof(fl));
	pane_put(o, VA_BOLD, "packet #%zu %s sk %u at +%.9f s", p->index, kind_str(p->kind), p->sk_id,
	    p->ts_ns >= t0 ? (double)(p->ts_ns - t0) / 1e9 : 0.0);
	if (p->has_ip)
		pane_put(o, VA_NORMAL, "IP  %s > %s tos 0x%x ttl %u id %u off 0x%04x%s len %u csum 0x%04x",
		    addr_str(p->saddr, a, sizeof(a)), addr_str(p->daddr, b, sizeof(b)), p->tos,
		    p->ttl, p->ip_id, p->frag_off, p->frag_off & 0x4000 ? " DF" : "",
		    p->tot_len, p->ip_check);
	pane_put(o, VA_NORMAL, "TCP %u > %u seq %u ack %u", p->sport, p->dport, p->seq, p->ack_seq);
	pane_put(o, VA_NORMAL, "    flags [%s] win %u doff %u csum 0x%04x urg %u len %u", fl,
	    p->window, p->doff, p->check, p->urg_ptr, p->len);
	if (p->has_options) {
		view_tcp_options(p->options, p->optlen, opts, sizeof(opts));
		pane_put(o, VA_NORMAL, "options [%s]", opts);
	} else {
		pane_put(o, VA_DIM, "options: not in the trace");
	}
	for (size_t off = 0; off < n && o->row < o->r->h; off += 16) {
		char hex[64];
		size_t w = 0;

		for (size_t i = off; i < n && i < off + 16; i++)
			w += (size_t)snprintf(hex + w, sizeof(hex) - w, "%s%02x",
					      i == off ? "" : (i - off) % 4 ? " " : "  ", bytes[i]);
		pane_put(o, VA_DIM, "%04zx  %s", off, hex);
	}
}

void pane_packets_draw(struct view *v, struct vscreen *s, const struct vrect *r)
{
	size_t seen = packets_seen(v), sel, first, arp[LADDER_ARP_MAX];
	size_t rows = seen + (v->ladder ? arp_seen(v, arp, LADDER_ARP_MAX) : 0);
	struct pane_rows o = { s, r, 0, 0, v->hscroll[PANE_PACKETS] };
	int list_h = r->h;
	struct vrect detail = *r;

	if (!seen) {
		pane_line(s, r, 0, VA_DIM, 0, "no packet yet");
		return;
	}
	sel = v->pkt_sel == SIZE_MAX || v->pkt_sel >= seen ? seen - 1 : v->pkt_sel;
	/* the list above, the selected packet's detail below (from 6 rows) */
	if (r->h >= 6) {
		list_h = r->h / 2 > 2 ? r->h / 2 : 2;
		if (v->projector)	/* the ladder first, the detail below */
			list_h = r->h * 2 / 3;
		if ((size_t)list_h > rows)
			list_h = rows < 2 ? 2 : (int)rows;
		detail.y = r->y + list_h;
		detail.h = r->h - list_h;
	}
	first = sel + 1 > (size_t)list_h ? sel + 1 - (size_t)list_h : 0;
	if (v->ladder)
		draw_ladder_list(v, &o, seen, sel, list_h);
	for (size_t i = first; !v->ladder && i < seen && o.row < list_h; i++) {
		const struct model_packet *p = model_packet_at(v->m, i);
		char line[512];

		if (!p)
			continue;
		model_packet_format(p, line, sizeof(line));
		if (vs_width(line) >= r->w && !v->hscroll[PANE_PACKETS])
			short_line(p, false, line, sizeof(line));
		if (vs_width(line) >= r->w && !v->hscroll[PANE_PACKETS])
			short_line(p, true, line, sizeof(line));
		pane_put(&o, i == sel ? VA_SELECT : VA_NORMAL, "%c%s", i == sel ? '>' : ' ', line);
	}
	if (list_h < r->h && model_packet_at(v->m, sel)) {
		struct pane_rows d = { s, &detail, 0, 0, v->hscroll[PANE_PACKETS] };

		draw_detail(v, &d, model_packet_at(v->m, sel));
	}
}

void pane_packets_title(struct view *v, char *buf, size_t len)
{
	if (v->pkt_sel != SIZE_MAX)
		snprintf(buf, len, "packet %zu selected", v->pkt_sel + 1);
}
