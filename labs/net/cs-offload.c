// SPDX-License-Identifier: GPL-2.0-only
/*
 * cs-offload - show or turn off the transmit offloads of an interface, the
 * part of `ethtool -K IF tx off gso off` the lab network needs, so that the
 * lab does not depend on ethtool being installed.
 *
 *   cs-offload IFACE          print "tx-checksumming on|off" and "gso on|off"
 *   cs-offload IFACE off      turn both off (needs CAP_NET_ADMIN)
 *
 * Why: a veth with transmit checksum offload passes the kernel's TCP
 * segments to its peer with the checksum only started (CHECKSUM_PARTIAL);
 * an AF_PACKET socket on the peer, like connscope's NIC, then reads a frame
 * whose TCP checksum is wrong.  With offload off the kernel completes the
 * checksum before the frame leaves, so the bytes read are the bytes a wire
 * would carry.  Turning transmit checksums off also turns TSO off; GSO off
 * keeps the kernel from passing multi-segment frames across the veth.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>

/* One legacy ethtool get/set command on ifname; returns 0 or -errno. */
static int ethtool_value(int fd, const char *ifname, unsigned int cmd, unsigned int *data)
{
	struct ethtool_value ev = { .cmd = cmd, .data = *data };
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&ev;
	if (ioctl(fd, SIOCETHTOOL, &ifr) < 0)
		return -errno;
	*data = ev.data;
	return 0;
}

static int show(int fd, const char *ifname)
{
	unsigned int tx = 0, gso = 0;
	int err = ethtool_value(fd, ifname, ETHTOOL_GTXCSUM, &tx);

	if (!err)
		err = ethtool_value(fd, ifname, ETHTOOL_GGSO, &gso);
	if (err) {
		fprintf(stderr, "cs-offload: %s: %s\n", ifname, strerror(-err));
		return 1;
	}
	printf("tx-checksumming %s\ngso %s\n", tx ? "on" : "off", gso ? "on" : "off");
	return 0;
}

static int turn_off(int fd, const char *ifname)
{
	unsigned int off = 0;
	int err = ethtool_value(fd, ifname, ETHTOOL_STXCSUM, &off);

	if (!err)
		err = ethtool_value(fd, ifname, ETHTOOL_SGSO, &off);
	if (err) {
		fprintf(stderr, "cs-offload: %s: %s\n", ifname, strerror(-err));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int fd, ret;

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "off") != 0) ||
	    strlen(argv[1]) >= IFNAMSIZ) {
		fprintf(stderr, "usage: cs-offload IFACE [off]\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("cs-offload: socket");
		return 1;
	}
	ret = argc == 3 ? turn_off(fd, argv[1]) : show(fd, argv[1]);
	close(fd);
	return ret;
}
