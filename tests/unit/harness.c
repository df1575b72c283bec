// SPDX-License-Identifier: GPL-2.0-only
/*
 * harness.c - the CUnit main() shared by every unit-test binary, the step
 * log printed when an expectation fails, and the loop-NIC test stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <arpa/inet.h>
#include <CUnit/Basic.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "nic.h"
#include "clock.h"

#define MAX_STEPS 256

static char steps[MAX_STEPS][200];
static int nsteps;
static int printed_for_test;

void harness_reset_steps(void)
{
	nsteps = 0;
	printed_for_test = 0;
}

void harness_step(const char *file, int line, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (nsteps < MAX_STEPS)
		snprintf(steps[nsteps++], sizeof steps[0], "%s:%d: %s", file, line, msg);
}

void harness_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "\n  expectation failed at %s:%d: %s\n", file, line, what);
	if (printed_for_test)
		return;
	printed_for_test = 1;
	fprintf(stderr, "  steps run so far:\n");
	for (int i = 0; i < nsteps; i++)
		fprintf(stderr, "    %2d. %s\n", i + 1, steps[i]);
}

const uint8_t ts_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
const uint8_t ts_peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };

struct test_stack *ts_new_gw(const char *const *sysctls, const char *gateway)
{
	struct test_stack *ts = calloc(1, sizeof *ts);
	struct cs_net_config cfg;

	static const char *const fixed[] = { "connscope.fixed_secrets=1", NULL };

	harness_reset_steps();
	if (!sysctls)
		sysctls = fixed;
	ts->nic = nic_loop_new("loop0", ts_mac, 1500);
	/* 2026-01-01T00:00:00Z on the realtime clock; monotonic at 1000 s. */
	ts->clock = cs_clock_virtual_new(1000ULL * 1000000000ULL,
					 1767225600ULL * 1000000000ULL);
	memset(&cfg, 0, sizeof cfg);
	inet_pton(AF_INET, TS_ADDR, &cfg.addr);
	cfg.prefixlen = 24;
	if (gateway)
		inet_pton(AF_INET, gateway, &cfg.gateway);
	cfg.clock = ts->clock;
	cfg.no_softirq_thread = 1;
	cfg.sysctls = sysctls;
	ts->net = cs_net_new(ts->nic, &cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts->net);
	return ts;
}

struct test_stack *ts_new(const char *const *sysctls)
{
	return ts_new_gw(sysctls, NULL);
}

void ts_free(struct test_stack *ts)
{
	if (!ts)
		return;
	cs_net_free(ts->net);	/* frees the NIC */
	cs_clock_free(ts->clock);
	free(ts);
}

int ts_poll(struct test_stack *ts)
{
	return cs_net_poll(ts->net);
}

void ts_advance_ms(struct test_stack *ts, unsigned long ms)
{
	cs_clock_advance(ts->clock, (uint64_t)ms * 1000000ULL);
	cs_net_poll(ts->net);
}

size_t ts_take(struct test_stack *ts, uint8_t *buf, size_t len)
{
	return nic_loop_take(ts->nic, buf, len);
}

/* Answer an ARP request for TS_PEER (who-has peer tell us). */
static void ts_answer_arp(struct test_stack *ts, const uint8_t *req)
{
	uint8_t rep[60];
	struct in_addr peer;

	inet_pton(AF_INET, TS_PEER, &peer);
	if (memcmp(req + 38, &peer, 4) != 0 || req[21] != 1)
		return;
	memset(rep, 0, sizeof rep);
	memcpy(rep, req + 6, 6);		/* to the requester */
	memcpy(rep + 6, ts_peer_mac, 6);
	rep[12] = 0x08; rep[13] = 0x06;
	memcpy(rep + 14, req + 14, 6);		/* htype, ptype, hlen, plen */
	rep[20] = 0; rep[21] = 2;		/* ARPOP_REPLY */
	memcpy(rep + 22, ts_peer_mac, 6);
	memcpy(rep + 28, &peer, 4);
	memcpy(rep + 32, req + 22, 6);
	memcpy(rep + 38, req + 28, 4);
	ts_inject(ts, rep, sizeof rep);
}

size_t ts_take_ip(struct test_stack *ts, uint8_t *buf, size_t len)
{
	for (int guard = 0; guard < 64; guard++) {
		size_t n = ts_take(ts, buf, len);

		if (n == 0)
			return 0;
		if (n >= 42 && buf[12] == 0x08 && buf[13] == 0x06) {
			uint8_t copy[64];

			memcpy(copy, buf, n < sizeof copy ? n : sizeof copy);
			ts_answer_arp(ts, copy);
			continue;
		}
		if (n >= 34 && buf[12] == 0x08 && buf[13] == 0x00)
			return n;
	}
	return 0;
}

void ts_inject(struct test_stack *ts, const void *frame, size_t len)
{
	nic_loop_inject(ts->nic, frame, len);
	cs_net_poll(ts->net);
}

struct sockaddr_in ts_sin(const char *addr, unsigned short port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	return sin;
}

uint16_t ts_inet_csum(const void *data, size_t len, uint32_t seed)
{
	const uint8_t *p = data;
	uint64_t sum = seed;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t ts_tcp_csum_check(const uint8_t *ip)
{
	unsigned ihl = (ip[0] & 0xf) * 4u;
	unsigned tot = (unsigned)(ip[2] << 8 | ip[3]);
	unsigned tcplen = tot - ihl;
	uint32_t seed = 0;

	seed += (uint32_t)(ip[12] << 8 | ip[13]) + (uint32_t)(ip[14] << 8 | ip[15]);
	seed += (uint32_t)(ip[16] << 8 | ip[17]) + (uint32_t)(ip[18] << 8 | ip[19]);
	seed += 6 + tcplen;
	return ts_inet_csum(ip + ihl, tcplen, seed);
}

int main(void)
{
	unsigned int bad;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	register_tests();
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	bad = CU_get_number_of_failures() + CU_get_number_of_tests_failed() +
	      CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return bad ? 1 : 0;
}
