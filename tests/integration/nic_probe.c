// SPDX-License-Identifier: GPL-2.0-only
/*
 * nic_probe - drive the AF_PACKET NIC (nic/af_packet.c) alone, with no stack
 * on top, against the kernel on the lab network.  Run inside cs-client by
 * tests/integration/test_af_packet.sh.
 *
 *   nic_probe --open IFACE
 *	open the NIC, print what it read from the interface, close it; on
 *	failure print the NIC's error sentence and "errno=-N", exit 1.
 *   nic_probe IFACE STACK PEER OTHER PCAP
 *	with a capture to PCAP, as the host STACK (an address the kernel does
 *	not own on IFACE): ARP for PEER and read the kernel's reply from the
 *	ring; ping PEER from OTHER (the kernel's own address on IFACE) then
 *	from STACK, and check that only the reply to STACK passes the BPF
 *	filter, and that none of the kernel's own frames sent from IFACE
 *	(its ARP reply for OTHER) reaches the ring; send a SYN to PEER port 80, check the SYN-ACK's checksums
 *	(the kernel's transmit offload must be off), answer with a RST;
 *	ping PEER from STACK with 1400 bytes: the reply, longer than a ring
 *	slot, must come through whole (the receive queue's copy);
 *	check that wake() from another thread ends a wait().
 *
 * Prints one line per result ("ok ..." or "FAIL ...") and a last line
 * "frames sent=N received=M"; exits 0 when every step passed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include "nic.h"

#define ETH_HLEN_	14
#define PROBE_SPORT	40000
#define PROBE_ISS	0x12345678u
#define ECHO_ID_OTHER	0x0c51
#define ECHO_ID_STACK	0x0c52
#define ECHO_ID_BIG	0x0c53
#define BIG_PAYLOAD	1400

struct probe {
	struct nic *nic;
	uint32_t stack, peer, other;	/* network order */
	uint8_t peer_mac[6];
	unsigned int sent, received, failures;
	unsigned int other_seen;	/* frames for OTHER the filter let through */
	unsigned int stray;		/* frames neither ARP nor IPv4-for-STACK */
	unsigned int outgoing;		/* frames from IFACE's own MAC: the kernel's
					 * own transmissions, which must not reach us */
	uint8_t last[2048];		/* the last frame await() matched */
	size_t last_len;
};

/* A frame matcher: returns true when the frame is the one awaited. */
typedef bool (*match_fn)(struct probe *p, const uint8_t *f, size_t len);

static void result(struct probe *p, bool ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		p->failures++;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void put16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

/* The Internet checksum (RFC 1071) of len bytes, starting from sum. */
static uint16_t csum(const uint8_t *b, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(b + i);
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The TCP checksum of a segment between saddr and daddr (network order). */
static uint16_t tcp_csum(const uint8_t *seg, size_t len, uint32_t saddr, uint32_t daddr)
{
	uint8_t ph[12];

	memcpy(ph, &saddr, 4);
	memcpy(ph + 4, &daddr, 4);
	ph[8] = 0;
	ph[9] = 6;
	put16(ph + 10, (uint16_t)len);
	return csum(seg, len, (uint16_t)~csum(ph, sizeof(ph), 0));
}

static void eth_header(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
}

/* An IPv4 header without options at ip; returns its length (20). */
static size_t ip_header(uint8_t *ip, uint8_t proto, size_t payload, uint32_t s, uint32_t d)
{
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(20 + payload));
	put16(ip + 6, 0x4000);		/* DF */
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, &s, 4);
	memcpy(ip + 16, &d, 4);
	put16(ip + 10, csum(ip, 20, 0));
	return 20;
}

static void send_frame(struct probe *p, const uint8_t *f, size_t len, const char *what)
{
	int err = p->nic->ops->xmit(p->nic, f, len);

	if (err) {
		printf("FAIL send %s: %s\n", what, strerror(-err));
		p->failures++;
		return;
	}
	p->sent++;
}

/* Account for every frame read: the filter must let nothing else through. */
static void classify(struct probe *p, const uint8_t *f, size_t len)
{
	uint32_t daddr;

	if (len >= 12 && !memcmp(f + 6, p->nic->mac, 6))
		p->outgoing++;
	if (len >= 42 && get16(f + 12) == 0x0806)
		return;
	if (len < ETH_HLEN_ + 20 || get16(f + 12) != 0x0800) {
		p->stray++;
		return;
	}
	memcpy(&daddr, f + ETH_HLEN_ + 16, 4);
	if (daddr == p->other)
		p->other_seen++;
	else if (daddr != p->stack)
		p->stray++;
}

/* Read frames until match() accepts one or timeout_ms passes. */
static bool await(struct probe *p, match_fn match, long timeout_ms)
{
	static uint8_t buf[65536];
	long deadline = now_ms() + timeout_ms;

	for (;;) {
		long n = p->nic->ops->recv(p->nic, buf, sizeof(buf));
		long left;

		if (n > 0) {
			p->received++;
			classify(p, buf, (size_t)n);
			if (match && match(p, buf, (size_t)n)) {
				p->last_len = (size_t)n < sizeof(p->last) ? (size_t)n : sizeof(p->last);
				memcpy(p->last, buf, p->last_len);
				return true;
			}
			continue;
		}
		if (n < 0) {
			printf("FAIL recv: %s\n", strerror((int)-n));
			p->failures++;
			return false;
		}
		left = deadline - now_ms();
		if (left <= 0)
			return false;
		p->nic->ops->wait(p->nic, (int)left);
	}
}

/* Step 1: who-has PEER tell STACK, broadcast; the kernel's reply. */
static bool is_arp_reply(struct probe *p, const uint8_t *f, size_t len)
{
	const uint8_t *a = f + ETH_HLEN_;

	if (len < 42 || get16(f + 12) != 0x0806 || get16(a + 6) != 2)
		return false;
	if (memcmp(a + 14, &p->peer, 4) || memcmp(a + 24, &p->stack, 4) ||
	    memcmp(a + 18, p->nic->mac, 6))
		return false;
	memcpy(p->peer_mac, a + 8, 6);
	return true;
}

static void step_arp(struct probe *p)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t f[42] = { 0 }, *a = f + ETH_HLEN_;
	char line[96];
	bool ok;

	eth_header(f, bcast, p->nic->mac, 0x0806);
	put16(a, 1);		/* Ethernet */
	put16(a + 2, 0x0800);	/* IPv4 */
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);	/* request */
	memcpy(a + 8, p->nic->mac, 6);
	memcpy(a + 14, &p->stack, 4);
	memcpy(a + 24, &p->peer, 4);
	send_frame(p, f, sizeof(f), "ARP request");
	ok = await(p, is_arp_reply, 2000);
	snprintf(line, sizeof(line), "arp-reply mac=%02x:%02x:%02x:%02x:%02x:%02x",
		 p->peer_mac[0], p->peer_mac[1], p->peer_mac[2],
		 p->peer_mac[3], p->peer_mac[4], p->peer_mac[5]);
	result(p, ok, ok ? line : "arp-reply (none within 2 s)");
}

/* An ICMP echo request to PEER from saddr, identifier id. */
static void send_echo(struct probe *p, uint32_t saddr, uint16_t id)
{
	static const char payload[] = "csprobe!";
	uint8_t f[ETH_HLEN_ + 20 + 8 + 8], *ic;

	eth_header(f, p->peer_mac, p->nic->mac, 0x0800);
	ic = f + ETH_HLEN_ + ip_header(f + ETH_HLEN_, 1, 16, saddr, p->peer);
	ic[0] = 8;
	ic[1] = 0;
	put16(ic + 2, 0);
	put16(ic + 4, id);
	put16(ic + 6, 1);
	memcpy(ic + 8, payload, 8);
	put16(ic + 2, csum(ic, 16, 0));
	send_frame(p, f, sizeof(f), "ICMP echo");
}

static bool is_echo_reply_to_stack(struct probe *p, const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + ETH_HLEN_, *ic = ip + 20;

	return len >= ETH_HLEN_ + 28 && get16(f + 12) == 0x0800 && ip[9] == 1 &&
	       !memcmp(ip + 16, &p->stack, 4) && ic[0] == 0 && get16(ic + 4) == ECHO_ID_STACK;
}

/* Step 2: the reply to OTHER is sent first and must be filtered out; the
 * reply to STACK must come through.  Keep reading 300 ms after it, in case
 * the reply to OTHER was delayed by the peer's ARP for OTHER. */
static void step_filter(struct probe *p)
{
	char line[96];
	bool ok;

	send_echo(p, p->other, ECHO_ID_OTHER);
	send_echo(p, p->stack, ECHO_ID_STACK);
	ok = await(p, is_echo_reply_to_stack, 2000);
	result(p, ok, "echo-reply to the stack's address received");
	await(p, NULL, 300);
	snprintf(line, sizeof(line), "filter other_seen=%u stray=%u outgoing=%u",
		 p->other_seen, p->stray, p->outgoing);
	result(p, p->other_seen == 0 && p->stray == 0 && p->outgoing == 0, line);
}

static bool is_big_echo_reply(struct probe *p, const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + ETH_HLEN_, *ic = ip + 20;
	size_t i;

	if (len != ETH_HLEN_ + 28 + BIG_PAYLOAD || get16(f + 12) != 0x0800 || ip[9] != 1 ||
	    memcmp(ip + 16, &p->stack, 4) || ic[0] != 0 || get16(ic + 4) != ECHO_ID_BIG)
		return false;
	for (i = 0; i < BIG_PAYLOAD; i++)
		if (ic[8 + i] != (uint8_t)i)
			return false;
	return true;
}

/* Step 2b: an echo reply of 1442 bytes does not fit a ring slot; the NIC
 * reads it whole from the socket's receive queue (TP_STATUS_COPY). */
static void step_big_frame(struct probe *p)
{
	static uint8_t f[ETH_HLEN_ + 20 + 8 + BIG_PAYLOAD];
	uint8_t *ic;

	eth_header(f, p->peer_mac, p->nic->mac, 0x0800);
	ic = f + ETH_HLEN_ + ip_header(f + ETH_HLEN_, 1, 8 + BIG_PAYLOAD, p->stack, p->peer);
	ic[0] = 8;
	ic[1] = 0;
	put16(ic + 2, 0);
	put16(ic + 4, ECHO_ID_BIG);
	put16(ic + 6, 1);
	for (size_t i = 0; i < BIG_PAYLOAD; i++)
		ic[8 + i] = (uint8_t)i;
	put16(ic + 2, csum(ic, 8 + BIG_PAYLOAD, 0));
	send_frame(p, f, sizeof(f), "ICMP echo (1400 bytes)");
	result(p, await(p, is_big_echo_reply, 2000),
	       "1442-byte echo-reply received whole (longer than a ring slot)");
}

/* A TCP segment from STACK:PROBE_SPORT to PEER:80 with no options. */
static void send_tcp(struct probe *p, uint8_t flags, uint32_t seq, uint32_t ack)
{
	uint8_t f[ETH_HLEN_ + 20 + 20], *th;
	uint32_t v;

	eth_header(f, p->peer_mac, p->nic->mac, 0x0800);
	th = f + ETH_HLEN_ + ip_header(f + ETH_HLEN_, 6, 20, p->stack, p->peer);
	memset(th, 0, 20);
	put16(th, PROBE_SPORT);
	put16(th + 2, 80);
	v = htonl(seq);
	memcpy(th + 4, &v, 4);
	v = htonl(ack);
	memcpy(th + 8, &v, 4);
	th[12] = 5 << 4;
	th[13] = flags;
	put16(th + 14, flags & 0x04 ? 0 : 64240);
	put16(th + 16, tcp_csum(th, 20, p->stack, p->peer));
	send_frame(p, f, sizeof(f), "TCP");
}

static bool is_synack(struct probe *p, const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + ETH_HLEN_, *th = ip + 20;

	return len >= ETH_HLEN_ + 40 && get16(f + 12) == 0x0800 && ip[9] == 6 &&
	       !memcmp(ip + 16, &p->stack, 4) && get16(th) == 80 &&
	       get16(th + 2) == PROBE_SPORT && (th[13] & 0x12) == 0x12;
}

/* Step 3: SYN to PEER:80; the SYN-ACK must carry complete checksums (what a
 * wire would carry: the lab turned the peer's transmit offload off); RST. */
static void step_checksums(struct probe *p)
{
	const uint8_t *ip = p->last + ETH_HLEN_, *th;
	uint32_t saddr, daddr;
	size_t ihl, seglen;
	bool ip_ok, tcp_ok;

	send_tcp(p, 0x02, PROBE_ISS, 0);
	if (!await(p, is_synack, 2000)) {
		result(p, false, "syn-ack (none within 2 s)");
		return;
	}
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	th = ip + ihl;
	seglen = get16(ip + 2) - ihl;
	memcpy(&saddr, ip + 12, 4);
	memcpy(&daddr, ip + 16, 4);
	ip_ok = csum(ip, ihl, 0) == 0;
	tcp_ok = ETH_HLEN_ + ihl + seglen <= p->last_len &&
		 tcp_csum(th, seglen, saddr, daddr) == 0;
	result(p, ip_ok, "syn-ack IPv4 header checksum complete");
	result(p, tcp_ok, "syn-ack TCP checksum complete");
	send_tcp(p, 0x04, PROBE_ISS + 1, 0);
}

static void *wake_later(void *arg)
{
	struct nic *nic = arg;
	struct timespec d = { 0, 50 * 1000000L };

	nanosleep(&d, NULL);
	nic->ops->wake(nic);
	return NULL;
}

/* Step 4: wake() from another thread ends a wait() at once (the stack stops
 * its softirq thread this way), long before the wait's 5 s timeout. */
static void step_wake(struct probe *p)
{
	pthread_t t;
	long t0 = now_ms(), waited;
	int r;

	await(p, NULL, 0);	/* drain what is left */
	if (pthread_create(&t, NULL, wake_later, p->nic)) {
		result(p, false, "wake: pthread_create");
		return;
	}
	r = p->nic->ops->wait(p->nic, 5000);
	waited = now_ms() - t0;
	pthread_join(t, NULL);
	result(p, r > 0 && waited < 4000, "wake() ends wait() before its timeout");
}

/* --open IFACE: report what the NIC read from the interface, or its error. */
static int probe_open(const char *ifname)
{
	char errbuf[512] = "";
	int err = 0;
	struct nic *nic = nic_af_packet_new(ifname, htonl(0x0a4d0001), &err, errbuf, sizeof(errbuf));

	if (!nic) {
		printf("error: %s\nerrno=%d\n", errbuf, err);
		return 1;
	}
	printf("open name=%s ifindex=%d mac=%02x:%02x:%02x:%02x:%02x:%02x mtu=%u ignore_outgoing=%d\n",
	       nic->name, nic->ifindex, nic->mac[0], nic->mac[1], nic->mac[2],
	       nic->mac[3], nic->mac[4], nic->mac[5], nic->mtu,
	       nic_af_packet_ignores_outgoing(nic));
	nic_destroy(nic);
	return 0;
}

static int parse_addr(const char *s, uint32_t *a)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1) {
		fprintf(stderr, "nic_probe: bad address %s\n", s);
		return -1;
	}
	*a = in.s_addr;
	return 0;
}

int main(int argc, char **argv)
{
	struct probe p = { .nic = NULL };
	char errbuf[512] = "";
	int err = 0;

	if (argc == 3 && !strcmp(argv[1], "--open"))
		return probe_open(argv[2]);
	if (argc != 6) {
		fprintf(stderr, "usage: nic_probe --open IFACE\n"
			"       nic_probe IFACE STACK PEER OTHER PCAP\n");
		return 2;
	}
	if (parse_addr(argv[2], &p.stack) || parse_addr(argv[3], &p.peer) ||
	    parse_addr(argv[4], &p.other))
		return 2;
	p.nic = nic_af_packet_new(argv[1], p.stack, &err, errbuf, sizeof(errbuf));
	if (!p.nic) {
		printf("FAIL open: %s\n", errbuf);
		return 1;
	}
	err = nic_set_pcap(p.nic, argv[5]);
	result(&p, err == 0, "pcap file created");
	step_arp(&p);
	if (!p.failures) {
		step_filter(&p);
		step_checksums(&p);
		step_big_frame(&p);
		step_wake(&p);
	}
	printf("frames sent=%u received=%u\n", p.sent, p.received);
	nic_destroy(p.nic);
	return p.failures ? 1 : 0;
}
