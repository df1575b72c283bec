// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile_peer - a raw peer on cs1 (in cs-server) that answers the stack's
 * SYN itself and sends malformed or hostile frames at the connecting, the
 * established or the TIME-WAIT socket.  Run by
 * tests/integration/test_hostile_peer.sh, with an nft rule that keeps the
 * kernel of cs-server from seeing the port (AF_PACKET sees the frames first).
 *
 *   hostile_peer PORT SCENARIO
 *
 * SCENARIO: synsent-headers, synsent-acks, synsent-icmp, synsent-options,
 * arp, established, timewait, timewait-rst.
 * Prints "ready", then one line per step: "step NAME: silence", "step NAME:
 * rx FLAGS seq=S ack=A ts=0|1 to=cs1|other" (the first TCP segment the stack
 * sent within the wait: S relative to its ISN, A to ours, whether it has
 * timestamps and went to cs1's MAC) or "step NAME: rx icmp type=T code=C
 * ptr=P", then "done".  Exit 1 when no SYN came, 2 for a usage error.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define IFACE		"cs1"
#define STACK_IP	0x0a4d0001u	/* 10.77.0.1 */
#define PEER_IP		0x0a4d0002u	/* 10.77.0.2 */
#define PEER_ISN	5000000u
#define WAIT_MS		300
#define FLOOD		50	/* SYN-ACKs in the flood */

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10

struct peer {
	int fd, ifindex;
	uint8_t mac[6], smac[6];
	uint16_t port, sport;
	uint32_t isn;		/* the stack's ISN */
	uint32_t tsval;		/* the stack's last TSval */
	uint32_t mytsval;	/* ours, growing */
	int syn_to_cs1;		/* the SYN was sent to cs1's MAC */
	int kill_tw;		/* timewait-rst: end with a RST at rcv_nxt */
};

/* What a step builds: a normal segment, then mutated by the step. */
struct seg {
	uint8_t f[1600];
	size_t len;		/* the frame's length */
};

static uint16_t csum(const void *p, size_t n, uint32_t sum)
{
	const uint8_t *b = p;

	for (; n > 1; n -= 2, b += 2)
		sum += (uint32_t)b[0] << 8 | b[1];
	if (n)
		sum += (uint32_t)b[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v & 0xff; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xffff); }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) << 16 | get16(p + 2); }

/* The IP header checksum and the TCP checksum (pseudo-header) of s. */
static void fix_csums(struct seg *s)
{
	uint8_t *ip = s->f + 14, *th = ip + 20, ph[12];
	size_t tl = get16(ip + 2) - 20;

	put16(ip + 10, 0);
	put16(ip + 10, csum(ip, 20, 0));
	put16(th + 16, 0);
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = IPPROTO_TCP;
	put16(ph + 10, (uint16_t)tl);
	put16(th + 16, csum(th, tl, 0xffff & ~csum(ph, 12, 0)));
}

/* A TCP segment from us to the stack; opts are padded to 4 bytes. */
static void build(struct peer *p, struct seg *s, int flags, uint32_t seq, uint32_t ack,
		  const uint8_t *opts, size_t olen, size_t dlen)
{
	uint8_t *ip = s->f + 14, *th = ip + 20;
	size_t ol = (olen + 3) & ~(size_t)3, tl = 20 + ol + dlen;

	memset(s->f, 0, sizeof(s->f));
	memcpy(s->f, p->smac, 6);
	memcpy(s->f + 6, p->mac, 6);
	put16(s->f + 12, ETH_P_IP);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(20 + tl));
	ip[6] = 0x40;
	ip[8] = 64;
	ip[9] = IPPROTO_TCP;
	put32(ip + 12, PEER_IP);
	put32(ip + 16, STACK_IP);
	put16(th, p->port);
	put16(th + 2, p->sport);
	put32(th + 4, seq);
	put32(th + 8, ack);
	th[12] = (uint8_t)(((20 + ol) / 4) << 4);
	th[13] = (uint8_t)flags;
	put16(th + 14, 65535);
	if (olen)
		memcpy(th + 20, opts, olen);
	memset(th + 20 + ol, 'x', dlen);
	s->len = 14 + 20 + tl;
	fix_csums(s);
}

/* NOP NOP TS(val, ecr): 12 bytes. */
static size_t ts_opt(struct peer *p, uint8_t *o, uint32_t val)
{
	o[0] = o[1] = 1;
	o[2] = 8;
	o[3] = 10;
	put32(o + 4, val);
	put32(o + 8, p->tsval);
	return 12;
}

static size_t synack_opts(struct peer *p, uint8_t *o, uint32_t ecr)
{
	size_t n;

	o[0] = 2; o[1] = 4; put16(o + 2, 1460);	/* MSS */
	n = 4 + ts_opt(p, o + 4, p->mytsval += 10);
	put32(o + n - 4, ecr);
	o[n] = 1; o[n + 1] = 3; o[n + 2] = 3; o[n + 3] = 7;	/* NOP WS 7 */
	return n + 4;
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* The next TCP frame from the stack to our port, or ICMP message from it,
 * within ms, into s. */
static int rx(struct peer *p, struct seg *s, long ms)
{
	long end = now_ms() + ms;
	struct sockaddr_ll sll;
	socklen_t sl;
	ssize_t n;

	for (;;) {
		long left = end - now_ms();
		struct pollfd pf = { p->fd, POLLIN, 0 };

		if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
			return 0;
		sl = sizeof(sll);
		n = recvfrom(p->fd, s->f, sizeof(s->f), 0, (struct sockaddr *)&sll, &sl);
		if (n < 54 || sll.sll_pkttype == PACKET_OUTGOING || get16(s->f + 12) != ETH_P_IP)
			continue;
		if (get32(s->f + 26) != STACK_IP)
			continue;
		if (s->f[23] != IPPROTO_ICMP &&
		    (s->f[23] != IPPROTO_TCP || get16(s->f + 36) != p->port))
			continue;
		s->len = (size_t)n;
		return 1;
	}
}

/* A SYN without ACK from the stack (its first or a retransmission). */
static int is_syn(const struct seg *s)
{
	return s->f[23] == IPPROTO_TCP && (s->f[47] & (F_SYN | F_ACK)) == F_SYN;
}

/* The stack's TSval in a received segment, if any. */
static void learn_ts(struct peer *p, const struct seg *s)
{
	const uint8_t *th = s->f + 34, *o = th + 20, *e = th + (th[12] >> 4) * 4;

	while (o < e && *o != 0) {
		if (*o == 1) { o++; continue; }
		if (o + 1 >= e || o[1] < 2)
			return;
		if (*o == 8 && o[1] == 10)
			p->tsval = get32(o + 2);
		o += o[1];
	}
}

static int has_ts(const struct seg *s)
{
	const uint8_t *th = s->f + 34;

	return (th[12] >> 4) > 5 && memmem(th + 20, (th[12] >> 4) * 4 - 20, "\x08\x0a", 2);
}

static void send_frame(struct peer *p, const struct seg *s)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = p->ifindex,
				   .sll_halen = 6 };

	memcpy(sll.sll_addr, p->smac, 6);
	if (sendto(p->fd, s->f, s->len, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		perror("hostile_peer: sendto");
}

/* Send s, report the stack's first answer within WAIT_MS (or silence). */
static void step(struct peer *p, const char *name, const struct seg *s)
{
	struct seg r;
	const uint8_t *th = r.f + 34;
	static const char fl[] = "FSRPA";
	char flags[8];
	int i, j = 0, got;

	send_frame(p, s);
	/* a retransmitted SYN is not an answer */
	while ((got = rx(p, &r, WAIT_MS)) && is_syn(&r))
		;
	if (!got) {
		printf("step %s: silence\n", name);
		return;
	}
	if (r.f[23] == IPPROTO_ICMP) {
		printf("step %s: rx icmp type=%d code=%d ptr=%d\n", name, r.f[34], r.f[35],
		       r.f[38]);
		fflush(stdout);
		return;
	}
	learn_ts(p, &r);
	for (i = 0; i < 5; i++)
		if (th[13] & (1 << i))
			flags[j++] = fl[i];
	flags[j] = '\0';
	printf("step %s: rx %s seq=%u ack=%u ts=%d to=%s\n", name, flags,
	       get32(th + 4) - p->isn, (th[13] & F_ACK) ? get32(th + 8) - PEER_ISN : 0,
	       has_ts(&r), memcmp(r.f, p->mac, 6) ? "other" : "cs1");
	fflush(stdout);
}

static int open_peer(struct peer *p)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	struct ifreq ifr;

	p->fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (p->fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", IFACE);
	if (ioctl(p->fd, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	memcpy(p->mac, ifr.ifr_hwaddr.sa_data, 6);
	p->ifindex = (int)if_nametoindex(IFACE);
	sll.sll_ifindex = p->ifindex;
	return bind(p->fd, (struct sockaddr *)&sll, sizeof(sll));
}

/* Wait (5 s) for the stack's SYN to our port. */
static int wait_syn(struct peer *p)
{
	struct seg s;

	while (rx(p, &s, 5000)) {
		if (!is_syn(&s))
			continue;
		memcpy(p->smac, s.f + 6, 6);
		p->syn_to_cs1 = !memcmp(s.f, p->mac, 6);
		p->sport = get16(s.f + 34);
		p->isn = get32(s.f + 38);
		learn_ts(p, &s);
		return 0;
	}
	return -1;
}

/* Our segment with fresh timestamps: flags, seq and ack relative. */
static void seg_ts(struct peer *p, struct seg *s, int flags, uint32_t seq, uint32_t ack,
		   uint32_t tsval, size_t dlen)
{
	uint8_t o[12];

	ts_opt(p, o, tsval);
	build(p, s, flags, PEER_ISN + seq, p->isn + ack, o, sizeof(o), dlen);
}

static void synack(struct peer *p, struct seg *s, uint32_t ack, uint32_t ecr)
{
	uint8_t o[24];
	size_t n = synack_opts(p, o, ecr);

	build(p, s, F_SYN | F_ACK, PEER_ISN, p->isn + ack, o, n, 0);
}

/* Re-checksum the IP header only. */
static void ip_csum(struct seg *s)
{
	put16(s->f + 24, 0);
	put16(s->f + 24, csum(s->f + 14, (s->f[14] & 15) * 4, 0));
}

/* Four bytes of IP options into s (IHL 6). */
static void ip_opts(struct seg *s, const char *o)
{
	uint8_t *ip = s->f + 14;

	memmove(ip + 24, ip + 20, s->len - 34);
	memcpy(ip + 20, o, 4);
	ip[0] = 0x46;
	put16(ip + 2, get16(ip + 2) + 4);
	s->len += 4;
	ip_csum(s);
}

/* ip_rcv's and tcp_v4_rcv's header checks, IP options, lone fragments,
 * then the real SYN-ACK. */
static void synsent_headers(struct peer *p)
{
	struct seg s;
	uint8_t *ip = s.f + 14, *th = ip + 20;

	synack(p, &s, 1, p->tsval); s.len = 14 + 10; step(p, "ip-short", &s);
	synack(p, &s, 1, p->tsval); ip[0] = 0x44; ip_csum(&s); step(p, "ihl-4", &s);
	synack(p, &s, 1, p->tsval); ip[0] = 0x65; step(p, "version-6", &s);
	synack(p, &s, 1, p->tsval); ip[0] = 0x4f; s.len = 14 + 40; step(p, "ihl-15-short", &s);
	synack(p, &s, 1, p->tsval); ip[10] ^= 1; step(p, "ip-csum", &s);
	synack(p, &s, 1, p->tsval); put16(ip + 2, get16(ip + 2) + 100); ip_csum(&s);
	step(p, "totlen-long", &s);
	synack(p, &s, 1, p->tsval); put16(ip + 2, 16); ip_csum(&s); step(p, "totlen-lt-ihl", &s);
	synack(p, &s, 1, p->tsval); put16(ip + 2, 30); ip_csum(&s); s.len = 14 + 30;
	step(p, "tcp-short", &s);
	synack(p, &s, 1, p->tsval); th[12] = 0x40; fix_csums(&s); step(p, "doff-4", &s);
	synack(p, &s, 1, p->tsval); th[12] = 0xf0; fix_csums(&s); step(p, "doff-15", &s);
	synack(p, &s, 1, p->tsval); th[16] ^= 1; step(p, "tcp-csum", &s);
	synack(p, &s, 1, p->tsval); ip_opts(&s, "\x01\x44\x00\x00"); step(p, "ipopt-len0", &s);
	synack(p, &s, 1, p->tsval); ip_opts(&s, "\x07\x08\x04\x00");
	step(p, "ipopt-past-ihl", &s);
	synack(p, &s, 1, p->tsval); ip_opts(&s, "\x01\x01\x01\x44"); step(p, "ipopt-cut", &s);
	synack(p, &s, 1, p->tsval); put16(ip + 6, 0x2000); ip_csum(&s); step(p, "frag-first", &s);
	synack(p, &s, 1, p->tsval); put16(ip + 6, 3); ip_csum(&s); step(p, "frag-last", &s);
	synack(p, &s, 1, p->tsval); step(p, "synack", &s);
}

/* n SYN-ACKs with bad acks back to back; count the RSTs answering them. */
static void synack_flood(struct peer *p, int n)
{
	struct seg s, r;
	int i, rsts = 0;

	for (i = 0; i < n; i++) {
		synack(p, &s, 2000 + (uint32_t)i, p->tsval);
		send_frame(p, &s);
	}
	while (rsts < n && rx(p, &r, 1000))
		if (r.f[23] == IPPROTO_TCP && r.f[47] == F_RST &&
		    get32(r.f + 38) - p->isn - 2000 < (uint32_t)n)
			rsts++;
	printf("step synack-flood: %d RSTs for %d\n", rsts, n);
}

/* tcp_rcv_synsent_state_process: RSTs and ACKs that are not acceptable. */
static void synsent_acks(struct peer *p)
{
	struct seg s;

	build(p, &s, F_RST, 12345, 0, NULL, 0, 0); step(p, "rst-noack", &s);
	build(p, &s, F_RST | F_ACK, 0, p->isn + 1000, NULL, 0, 0); step(p, "rstack-badack", &s);
	seg_ts(p, &s, F_ACK, 0, 1, p->mytsval += 10, 0); step(p, "ack-nosyn", &s);
	synack(p, &s, 1000, p->tsval); step(p, "synack-badack", &s);
	synack(p, &s, 1, p->tsval + 100000); step(p, "synack-badtsecr", &s);
	synack_flood(p, FLOOD);
	synack(p, &s, 1, p->tsval); step(p, "synack", &s);
}

/* tcp_validate_incoming at an ESTABLISHED socket. */
static void established(struct peer *p)
{
	struct seg s;

	synack(p, &s, 1, p->tsval); step(p, "synack", &s);
	seg_ts(p, &s, F_ACK | F_PSH, 1, 1, p->mytsval - 100000, 1); step(p, "paws-old", &s);
	seg_ts(p, &s, F_ACK | F_PSH, 1, 1, p->mytsval += 10, 1); s.f[50] ^= 1;
	step(p, "tcp-csum", &s);
	seg_ts(p, &s, F_RST, 101, 0, p->mytsval += 10, 0); step(p, "rst-inwindow", &s);
	seg_ts(p, &s, F_RST, 100000001, 0, p->mytsval += 10, 0); step(p, "rst-outwindow", &s);
	seg_ts(p, &s, F_SYN, 1, 0, p->mytsval += 10, 0); step(p, "syn-noack", &s);
	seg_ts(p, &s, F_SYN | F_ACK, 1, 1, p->mytsval += 10, 0); step(p, "synack-again", &s);
}

/* tcp_timewait_state_process, after the stack's active close. */
static void timewait(struct peer *p)
{
	struct seg s;

	synack(p, &s, 1, p->tsval); step(p, "synack", &s);
	if (!rx(p, &s, 2000) || s.f[23] != IPPROTO_TCP || !(s.f[47] & F_FIN)) {
		printf("step fin: no FIN from the stack\n");
		return;
	}
	learn_ts(p, &s);
	seg_ts(p, &s, F_FIN | F_ACK, 1, 2, p->mytsval += 10, 0); step(p, "fin", &s);
	seg_ts(p, &s, F_RST, 1002, 0, p->mytsval += 10, 0); step(p, "rst-badseq", &s);
	seg_ts(p, &s, F_ACK, 2, 2, p->mytsval += 10, 0); s.f[50] ^= 1; step(p, "tcp-csum", &s);
	seg_ts(p, &s, F_ACK, 2, 2, p->mytsval += 10, 0); step(p, "ack-dup", &s);
	seg_ts(p, &s, F_ACK, 2, 2, p->mytsval - 100000, 0); step(p, "paws-old", &s);
	seg_ts(p, &s, F_SYN, 100000, 0, p->mytsval += 10, 0); step(p, "syn-new", &s);
	if (p->kill_tw) {
		seg_ts(p, &s, F_RST, 2, 0, p->mytsval += 10, 0);
		step(p, "rst-rcvnxt", &s);
	}
}

/* An ICMP message quoting the stack's SYN (sport, dport, seq as given):
 * qlen bytes of the quote (the IP header is 20). */
static void icmp(struct peer *p, struct seg *s, int type, int code, uint16_t sport,
		 uint16_t dport, uint32_t seq, size_t qlen)
{
	uint8_t *ip = s->f + 14, *ic = ip + 20, *q = ic + 8;

	memset(s->f, 0, sizeof(s->f));
	memcpy(s->f, p->smac, 6);
	memcpy(s->f + 6, p->mac, 6);
	put16(s->f + 12, ETH_P_IP);
	q[0] = 0x45;
	put16(q + 2, 60);
	q[8] = 64;
	q[9] = IPPROTO_TCP;
	put32(q + 12, STACK_IP);
	put32(q + 16, PEER_IP);
	put16(q + 10, csum(q, 20, 0));
	put16(q + 20, sport);
	put16(q + 22, dport);
	put32(q + 24, seq);
	ic[0] = (uint8_t)type;
	ic[1] = (uint8_t)code;
	put16(ic + 2, csum(ic, 8 + qlen, 0));
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(20 + 8 + qlen));
	ip[8] = 64;
	ip[9] = IPPROTO_ICMP;
	put32(ip + 12, PEER_IP);
	put32(ip + 16, STACK_IP);
	ip_csum(s);
	s->len = 14 + 20 + 8 + qlen;
}

/* icmp_rcv, icmp_unreach, tcp_v4_err: port unreachable (a hard error in
 * SYN_SENT) with bad checksums and bad quotes, then the real SYN-ACK. */
static void synsent_icmp(struct peer *p)
{
	struct seg s;
	uint16_t sp = p->sport, dp = p->port;

	icmp(p, &s, 3, 3, sp, dp, p->isn, 28); s.f[36] ^= 1; step(p, "icmp-csum", &s);
	icmp(p, &s, 3, 3, sp, dp, p->isn, 0); s.len -= 4;
	put16(s.f + 16, 24); put16(s.f + 36, 0); put16(s.f + 36, csum(s.f + 34, 4, 0));
	ip_csum(&s); step(p, "icmp-short", &s);
	icmp(p, &s, 3, 3, sp, dp, p->isn, 10); step(p, "icmp-noquote", &s);
	icmp(p, &s, 3, 3, sp, dp, p->isn, 24); step(p, "icmp-quote-short", &s);
	icmp(p, &s, 3, 3, sp, dp + 1, p->isn, 28); step(p, "icmp-wrongport", &s);
	icmp(p, &s, 3, 3, sp, dp, p->isn + 1000, 28); step(p, "icmp-wrongseq", &s);
	synack(p, &s, 1, p->tsval); step(p, "synack", &s);
}

/* tcp_parse_options: SYN-ACKs with options of bad lengths, one per SYN
 * (connect -n 7); the stack's ACK shows whether TS and WS were taken. */
static void synsent_options(struct peer *p)
{
	static const struct { const char *name; uint8_t o[20]; size_t n; } v[] = {
		{ "good", { 2, 4, 5, 180, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 }, 20 },
		{ "ts-len9", { 2, 4, 5, 180, 8, 9, 0, 0, 0, 1, 0, 0, 0, 1, 3, 3, 7 }, 17 },
		{ "ws-len2", { 2, 4, 5, 180, 3, 2, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0 }, 18 },
		{ "len0", { 2, 4, 5, 180, 3, 0, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 3, 3 }, 20 },
		{ "len1", { 2, 4, 5, 180, 3, 1, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 3, 3 }, 20 },
		{ "past-doff", { 2, 4, 5, 180, 1, 3, 3, 7, 8, 10, 0, 0, 0, 1, 0, 0 }, 16 },
		{ "mss-len3", { 2, 3, 5, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 }, 19 },
	};
	struct seg s, r;
	uint8_t o[20];
	size_t i;
	int got;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (i && wait_syn(p) < 0) {
			printf("step %s: no SYN\n", v[i].name);
			return;
		}
		memcpy(o, v[i].o, sizeof(o));
		/* a TS option (kind 8, length 10) echoes the SYN's TSval */
		if (memmem(o, v[i].n, "\x08\x0a", 2))
			put32((uint8_t *)memmem(o, v[i].n, "\x08\x0a", 2) + 6, p->tsval);
		build(p, &s, F_SYN | F_ACK, PEER_ISN, p->isn + 1, o, v[i].n, 0);
		send_frame(p, &s);
		while ((got = rx(p, &r, 1000)) && is_syn(&r))
			;
		if (!got) {
			printf("step %s: no ACK\n", v[i].name);
			continue;
		}
		printf("step %s: flags=0x%02x ts=%d win=%u\n", v[i].name, r.f[47], has_ts(&r),
		       get16(r.f + 48));
		fflush(stdout);
	}
}

static const uint8_t spoof_mac[6] = { 0x02, 0, 0, 0, 0, 0x66 };

/* An ARP packet from (sha, sip) to the stack. */
static void arp(struct peer *p, int op, const uint8_t *sha, uint32_t sip, uint32_t tip)
{
	struct seg s;
	uint8_t *a = s.f + 14;

	memset(s.f, 0, sizeof(s.f));
	memcpy(s.f, p->smac, 6);
	memcpy(s.f + 6, sha, 6);
	put16(s.f + 12, ETH_P_ARP);
	put16(a, 1);
	put16(a + 2, ETH_P_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, (uint16_t)op);
	memcpy(a + 8, sha, 6);
	put32(a + 14, sip);
	memcpy(a + 18, p->smac, 6);
	put32(a + 24, tip);
	s.len = 60;
	send_frame(p, &s);
}

/* The stack's next ARP request for tip within ms. */
static int rx_arp_request(struct peer *p, uint32_t tip, long ms)
{
	long end = now_ms() + ms;
	struct sockaddr_ll sll;
	socklen_t sl = sizeof(sll);
	struct pollfd pf = { p->fd, POLLIN, 0 };
	uint8_t f[1600];
	ssize_t n;

	while (end > now_ms() && poll(&pf, 1, (int)(end - now_ms())) > 0) {
		n = recvfrom(p->fd, f, sizeof(f), 0, (struct sockaddr *)&sll, &sl);
		if (n >= 42 && sll.sll_pkttype != PACKET_OUTGOING && get16(f + 12) == ETH_P_ARP &&
		    get16(f + 20) == 1 && get32(f + 28) == STACK_IP && get32(f + 38) == tip)
			return 1;
	}
	return 0;
}

/* arp_process with arp_accept 0: a reply spoofing the peer within locktime
 * of the entry's last update is ignored, after it taken; a reply for an
 * address never asked creates nothing (the stack still asks for it). */
static void arp_spoof(struct peer *p)
{
	struct seg s;
	uint32_t other = PEER_IP + 48;	/* 10.77.0.50 */

	synack(p, &s, 1, p->tsval); step(p, "synack", &s);
	arp(p, 2, spoof_mac, PEER_IP, STACK_IP);
	seg_ts(p, &s, F_ACK | F_PSH, 1, 1, p->mytsval - 100000, 1); step(p, "spoof-early", &s);
	usleep(1300 * 1000);
	arp(p, 2, spoof_mac, PEER_IP, STACK_IP);
	seg_ts(p, &s, F_ACK | F_PSH, 1, 1, p->mytsval - 100000, 1); step(p, "spoof-late", &s);
	arp(p, 2, spoof_mac, other, STACK_IP);
	/* the second connect (to 10.77.0.50, after --interval) */
	if (!rx_arp_request(p, other, 5000)) {
		printf("step unasked: no ARP request for 10.77.0.50\n");
		return;
	}
	printf("step unasked: ARP request for 10.77.0.50\n");
	arp(p, 2, p->mac, other, STACK_IP);
	if (wait_syn(p) < 0) {
		printf("step unasked-syn: no SYN\n");
		return;
	}
	build(p, &s, F_RST | F_ACK, 0, p->isn + 1, NULL, 0, 0);
	put32(s.f + 26, other);
	fix_csums(&s);
	send_frame(p, &s);
	printf("step unasked-syn: SYN to %s\n", p->syn_to_cs1 ? "cs1" : "other");
}

static int run_scenario(struct peer *p, const char *name)
{
	if (!strcmp(name, "synsent-headers"))
		synsent_headers(p);
	else if (!strcmp(name, "synsent-acks"))
		synsent_acks(p);
	else if (!strcmp(name, "synsent-icmp"))
		synsent_icmp(p);
	else if (!strcmp(name, "synsent-options"))
		synsent_options(p);
	else if (!strcmp(name, "arp"))
		arp_spoof(p);
	else if (!strcmp(name, "established"))
		established(p);
	else if (!strcmp(name, "timewait"))
		timewait(p);
	else if (!strcmp(name, "timewait-rst"))
		p->kill_tw = 1, timewait(p);
	else
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	struct peer p = { .mytsval = 1000000 };
	int r;

	if (argc != 3) {
		fprintf(stderr, "usage: hostile_peer PORT SCENARIO\n");
		return 2;
	}
	p.port = (uint16_t)atoi(argv[1]);
	if (open_peer(&p) < 0) {
		perror("hostile_peer: " IFACE);
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	if (wait_syn(&p) < 0) {
		fprintf(stderr, "hostile_peer: no SYN from the stack\n");
		return 1;
	}
	r = run_scenario(&p, argv[2]);
	printf("done\n");
	return r;
}
