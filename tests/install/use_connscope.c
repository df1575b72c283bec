// SPDX-License-Identifier: GPL-2.0-only
/*
 * use_connscope.c - a program using the installed libconnscope through
 * connscope.h alone (tests/install/test_install.sh builds it with
 * `pkg-config --cflags --libs connscope`): a stack on the loop NIC
 * connects to its own address, through its loopback device.
 *
 *   1. to a closed port: the RST makes connect fail with ECONNREFUSED
 *      (ActiveOpens 1, AttemptFails 1)
 *   2. to its own bound port (a self-connect): the crossed SYNs make it
 *      ESTABLISHED, as on Linux
 *
 * Prints one line per check; exits 0 only when both hold.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <connscope/connscope.h>

static struct sockaddr_in own(unsigned short port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, "10.77.0.1", &sin.sin_addr);
	return sin;
}

static int refused(struct net *net)
{
	struct sockaddr_in dst = own(9);
	uint64_t opens = 0, fails = 0;
	int fd = cs_socket(net, AF_INET, SOCK_STREAM, 0), rc, err;

	rc = cs_connect(net, fd, (struct sockaddr *)&dst, sizeof(dst));
	err = errno;
	cs_mib_get(net, "ActiveOpens", &opens);
	cs_mib_get(net, "AttemptFails", &fails);
	cs_close(net, fd);
	printf("closed port: connect %d (%s), ActiveOpens %llu, AttemptFails %llu\n", rc,
	       rc ? strerror(err) : "ok", (unsigned long long)opens, (unsigned long long)fails);
	return rc == -1 && err == ECONNREFUSED && opens == 1 && fails == 1 ? 0 : 1;
}

static int self_connect(struct net *net)
{
	struct sockaddr_in me = own(5000);
	struct cs_tcp_info info;
	int fd = cs_socket(net, AF_INET, SOCK_STREAM, 0), rc;

	if (cs_bind(net, fd, (struct sockaddr *)&me, sizeof(me)) < 0) {
		printf("self-connect: bind: %s\n", strerror(errno));
		return 1;
	}
	rc = cs_connect(net, fd, (struct sockaddr *)&me, sizeof(me));
	if (cs_tcp_info(net, fd, &info) < 0)
		info.state = 0;
	printf("self-connect: connect %d (%s), state %s\n", rc, rc ? strerror(errno) : "ok",
	       cs_state_name(info.state));
	cs_close(net, fd);
	return rc == 0 && !strcmp(cs_state_name(info.state), "ESTABLISHED") ? 0 : 1;
}

int main(void)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 1 };
	struct cs_net_config cfg = { .prefixlen = 24 };
	struct nic *nic = cs_nic_loop_new("loop0", mac, 1500);
	struct net *net;
	int fails;

	if (!nic) {
		printf("cs_nic_loop_new: %s\n", strerror(errno));
		return 1;
	}
	inet_pton(AF_INET, "10.77.0.1", &cfg.addr);
	net = cs_net_new(nic, &cfg);
	if (!net) {
		printf("cs_net_new: %s\n", strerror(errno));
		cs_nic_free(nic);
		return 1;
	}
	fails = refused(net) + self_connect(net);
	cs_net_free(net);
	return fails ? 1 : 0;
}
