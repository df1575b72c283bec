// SPDX-License-Identifier: GPL-2.0-only
/*
 * cs_nic.c - the public NIC constructors of connscope.h over the backends
 * of nic/ (af_packet.c, loop.c, pcap.c), so that a program using the
 * installed libconnscope can make a stack without nic/nic.h.  Errors in
 * errno, as the other cs_* calls report them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "connscope/connscope.h"
#include "nic.h"

struct nic *cs_nic_af_packet_new(const char *ifname, struct in_addr addr,
				 char *errbuf, size_t errlen)
{
	char sentence[512];
	struct nic *nic;
	int err = 0;

	if (!ifname) {
		errno = EINVAL;
		return NULL;
	}
	nic = nic_af_packet_new(ifname, addr.s_addr, &err, sentence, sizeof(sentence));
	if (!nic) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s", sentence);
		errno = err < 0 ? -err : EIO;
	}
	return nic;
}

struct nic *cs_nic_loop_new(const char *name, const uint8_t mac[6], unsigned int mtu)
{
	struct nic *nic;

	if (!mac || mtu < 68 || mtu > 65535 || (name && (!*name || strlen(name) > 15))) {
		errno = EINVAL;
		return NULL;
	}
	nic = nic_loop_new(name, mac, mtu);
	if (!nic)
		errno = ENOMEM;
	return nic;
}

int cs_nic_loop_inject(struct nic *nic, const void *frame, size_t len)
{
	int err = nic_loop_inject(nic, frame, len);

	if (err < 0) {
		errno = -err;
		return -1;
	}
	return 0;
}

size_t cs_nic_loop_take(struct nic *nic, void *buf, size_t len)
{
	return nic_loop_take(nic, buf, len);
}

int cs_nic_set_pcap(struct nic *nic, const char *path)
{
	int err = nic_set_pcap(nic, path);

	if (err < 0) {
		errno = -err;
		return -1;
	}
	return 0;
}

void cs_nic_free(struct nic *nic)
{
	if (nic)
		nic_destroy(nic);
}
