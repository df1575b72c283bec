// SPDX-License-Identifier: GPL-2.0-only
/*
 * tw_probe - two connects to the same destination from the same source port
 * in ONE stack, the first closed and left in TIME-WAIT, to see whether 3.10
 * lets the second one take the TIME-WAIT's 4-tuple.  Run inside cs-client by
 * tests/integration/test_kernel_peer.sh (test 6).
 *
 *   tw_probe [-i IF] [-o KEY=VALUE]... [--bind PORT] [--reuseaddr]
 *            [--settle MS] [--pcap FILE] [--dump FILE] HOST:PORT
 *
 * --bind PORT   bind both sockets to 10.77.0.1:PORT (the twp == NULL path of
 *               __inet_hash_connect); without it both use an ephemeral port
 *               (narrow ip_local_port_range to one port to force the same one)
 * --reuseaddr   SO_REUSEADDR on both sockets (3.10's bind() refuses a port a
 *               TIME-WAIT holds without it on both sides)
 * --settle MS   wait this long after the TIME-WAIT appeared (tcp_tw_reuse
 *               needs the peer's last timestamp to be more than 1 s old)
 * --dump FILE   the hash tables (cs_dump_tables) after the second attempt;
 *               FILE.tw gets them while the TIME-WAIT is there
 *
 * Prints key=value lines:
 *   first result=ok isn=N sport=P
 *   tw found=1 after_ms=M         (the first socket reached TIME_WAIT)
 *   second bind=ok result=EADDRNOTAVAIL isn=N sport=P
 *   mib TWRecycled=N
 * Exit 0 when it could run both attempts (whatever their result), 1 if not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include "connscope/connscope.h"
#include "nic.h"

#define STACK_ADDR	"10.77.0.1"
#define MAX_SYSCTLS	16
#define TW_WAIT_MS	3000

struct opts {
	const char *iface, *pcap, *dump;
	const char *sysctls[MAX_SYSCTLS + 1];
	int nsysctls, bind_port, reuseaddr, settle_ms;
	struct sockaddr_in dst;
};

static const char *err_name(int err)
{
	const char *n = err ? strerrorname_np(err) : "ok";

	return n ? n : "EUNKNOWN";
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

static int usage(void)
{
	fprintf(stderr, "usage: tw_probe [-i IF] [-o KEY=VALUE]... [--bind PORT] "
		"[--reuseaddr] [--settle MS] [--pcap FILE] [--dump FILE] HOST:PORT\n");
	return 2;
}

static int parse_dst(const char *s, struct sockaddr_in *sin)
{
	char buf[64], *colon;

	snprintf(buf, sizeof(buf), "%s", s);
	colon = strrchr(buf, ':');
	if (!colon)
		return -1;
	*colon++ = '\0';
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((unsigned short)atoi(colon));
	return inet_pton(AF_INET, buf, &sin->sin_addr) == 1 ? 0 : -1;
}

static int parse(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->iface = "cs0";
	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "-i") && i + 1 < argc - 1)
			o->iface = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc - 1 && o->nsysctls < MAX_SYSCTLS)
			o->sysctls[o->nsysctls++] = argv[++i];
		else if (!strcmp(argv[i], "--bind") && i + 1 < argc - 1)
			o->bind_port = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--reuseaddr"))
			o->reuseaddr = 1;
		else if (!strcmp(argv[i], "--settle") && i + 1 < argc - 1)
			o->settle_ms = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--pcap") && i + 1 < argc - 1)
			o->pcap = argv[++i];
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc - 1)
			o->dump = argv[++i];
		else
			return -1;
	}
	return i == argc - 1 ? parse_dst(argv[i], &o->dst) : -1;
}

/* socket, SO_REUSEADDR, bind as asked; *stage says which call failed. */
static int open_socket(struct net *net, const struct opts *o, const char **stage, int *err)
{
	struct sockaddr_in src = { .sin_family = AF_INET };
	int one = 1, fd;

	*err = 0;
	*stage = "socket";
	fd = cs_socket(net, AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	*stage = "setsockopt";
	if (o->reuseaddr &&
	    cs_setsockopt(net, fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		goto fail;
	*stage = "bind";
	inet_pton(AF_INET, STACK_ADDR, &src.sin_addr);
	src.sin_port = htons((unsigned short)o->bind_port);
	if (o->bind_port && cs_bind(net, fd, (struct sockaddr *)&src, sizeof(src)) < 0)
		goto fail;
	*stage = "connect";
	return fd;
fail:
	*err = errno;
	cs_close(net, fd);
	return -1;
}

/* One attempt; prints "WHAT bind=... result=... isn=... sport=..." and
 * stores the source port the connect used in *@sport. */
static int attempt(struct net *net, const struct opts *o, const char *what, int *sport)
{
	struct cs_tcp_info info = { 0 };
	const char *stage;
	int err, fd = open_socket(net, o, &stage, &err);

	if (fd < 0) {
		printf("%s bind=%s result=%s isn=0 sport=0\n", what,
		       !strcmp(stage, "bind") ? err_name(err) : "ok", err_name(err));
		return -1;
	}
	err = cs_connect(net, fd, (struct sockaddr *)&o->dst, sizeof(o->dst)) < 0 ? errno : 0;
	cs_tcp_info(net, fd, &info);
	*sport = ntohs(info.sport);
	printf("%s bind=ok result=%s isn=%u sport=%d\n", what, err_name(err), info.isn, *sport);
	fflush(stdout);
	return fd;
}

/* Does the table dump list a TIME-WAIT socket on @port (as its source)? */
static int tw_present(struct net *net, int port)
{
	char *buf = NULL, needle[96];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int found;

	if (!f)
		return 0;
	cs_dump_tables(net, f);
	fclose(f);
	snprintf(needle, sizeof(needle),
		 "\"tw\":true,\"state\":\"TIME_WAIT\",\"saddr\":\"%s\",\"sport\":%d,",
		 STACK_ADDR, port);
	found = buf && strstr(buf, needle) != NULL;
	free(buf);
	return found;
}

static void dump_to(struct net *net, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return;
	}
	cs_dump_tables(net, f);
	fclose(f);
}

/* The two attempts; -1 if the first could not even be made. */
static int run(struct net *net, const struct opts *o)
{
	char twdump[512];
	uint64_t recycled = 0;
	int fd, port = 0, waited = 0;

	fd = attempt(net, o, "first", &port);
	if (fd < 0)
		return -1;
	cs_close(net, fd);
	while (!tw_present(net, port) && waited < TW_WAIT_MS) {
		sleep_ms(5);
		waited += 5;
	}
	printf("tw found=%d after_ms=%d\n", waited < TW_WAIT_MS, waited);
	if (o->dump) {
		snprintf(twdump, sizeof(twdump), "%s.tw", o->dump);
		dump_to(net, twdump);
	}
	if (o->settle_ms)
		sleep_ms(o->settle_ms);
	fd = attempt(net, o, "second", &port);
	cs_mib_get(net, "TWRecycled", &recycled);
	printf("mib TWRecycled=%llu\n", (unsigned long long)recycled);
	if (o->dump)
		dump_to(net, o->dump);
	if (fd >= 0)
		cs_close(net, fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct cs_net_config cfg = { 0 };
	struct opts o;
	char errbuf[512];
	struct nic *nic;
	struct net *net;
	int err = 0;

	if (parse(argc, argv, &o) < 0)
		return usage();
	inet_pton(AF_INET, STACK_ADDR, &cfg.addr);
	cfg.prefixlen = 24;
	cfg.sysctls = o.sysctls;
	nic = nic_af_packet_new(o.iface, cfg.addr.s_addr, &err, errbuf, sizeof(errbuf));
	if (!nic) {
		fprintf(stderr, "tw_probe: %s\n", errbuf);
		return 1;
	}
	if (o.pcap && nic_set_pcap(nic, o.pcap) < 0) {
		fprintf(stderr, "tw_probe: cannot write %s\n", o.pcap);
		nic_destroy(nic);
		return 1;
	}
	net = cs_net_new(nic, &cfg);
	if (!net) {
		fprintf(stderr, "tw_probe: cs_net_new: %s\n", strerror(errno));
		nic_destroy(nic);
		return 1;
	}
	err = run(net, &o);
	cs_net_free(net);
	return err < 0 ? 1 : 0;
}
