// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_connect.c - one connect on the loop NIC, for the trace test: a
 * stack at 10.77.0.1 connects to 10.77.0.2:80; an in-process peer answers
 * the ARP request, so the SYN reaches the wire.  Exits 0 when the SYN left.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "nic.h"

static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };

/* The peer: answer "who-has 10.77.0.2" with peer_mac. */
static void peer(struct nic *nic, const void *frame, size_t len, void *arg)
{
	const uint8_t *req = frame;
	uint8_t rep[42];
	int *syn_seen = arg;

	if (len >= 54 && req[12] == 0x08 && req[13] == 0x00 && req[23] == 6 &&
	    (req[47] & 0x02))
		*syn_seen = 1;
	if (len < 42 || req[12] != 0x08 || req[13] != 0x06 || req[21] != 1)
		return;
	memcpy(rep, req + 6, 6);
	memcpy(rep + 6, peer_mac, 6);
	rep[12] = 0x08; rep[13] = 0x06;
	memcpy(rep + 14, req + 14, 6);
	rep[20] = 0; rep[21] = 2;
	memcpy(rep + 22, peer_mac, 6);
	memcpy(rep + 28, req + 38, 4);
	memcpy(rep + 32, req + 22, 10);
	nic_loop_inject(nic, rep, sizeof(rep));
}

int main(void)
{
	static const char *const sysctls[] = { "connscope.fixed_secrets=1", NULL };
	struct cs_net_config cfg = { .prefixlen = 24, .no_softirq_thread = 1,
				     .sysctls = sysctls };
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct nic *nic = nic_loop_new("loop0", mac, 1500);
	int syn_seen = 0, fd, rc;
	struct net *net;

	inet_pton(AF_INET, "10.77.0.1", &cfg.addr);
	inet_pton(AF_INET, "10.77.0.2", &sin.sin_addr);
	nic_loop_set_responder(nic, peer, &syn_seen);
	net = cs_net_new(nic, &cfg);
	if (!net) {
		perror("cs_net_new");
		return 1;
	}
	fd = cs_socket(net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	rc = cs_connect(net, fd, (struct sockaddr *)&sin, sizeof(sin));
	if (rc == 0 || errno != EINPROGRESS) {
		perror("cs_connect");
		return 1;
	}
	for (int i = 0; i < 10 && !syn_seen; i++)
		cs_net_poll(net);
	cs_close(net, fd);
	cs_net_free(net);
	if (!syn_seen) {
		fprintf(stderr, "trace_connect: no SYN was sent\n");
		return 1;
	}
	return 0;
}
