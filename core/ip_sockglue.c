// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_sockglue.c - IPPROTO_IP socket options (net/ipv4/ip_sockglue.c, 3.10):
 * the ones that change the SYN's IP header (IP_TOS, IP_TTL, IP_MTU_DISCOVER).
 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include "net.h"
#include "trace.h"

#define INET_ECN_MASK 3

/* do_ip_setsockopt for the options above; ENOPROTOOPT for the rest. */
int ip_setsockopt(struct sock *sk, int optname, const void *optval, unsigned int optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	int val = 0, err = 0;

	if (optlen >= sizeof(int))
		memcpy(&val, optval, sizeof(int));
	else if (optlen >= 1)
		val = *(const unsigned char *)optval;
	else
		return -EINVAL;
	lock_sock(sk);
	switch (optname) {
	case IP_TOS:
		/* TCP keeps its own ECN bits in the TOS byte. */
		val &= ~INET_ECN_MASK;
		val |= inet->tos & INET_ECN_MASK;
		if (inet->tos != val) {
			inet->tos = (u8)val;
			sk_dst_reset(sk);
		}
		break;
	case IP_TTL:
		if (optlen < 1 || (val != -1 && (val < 1 || val > 255)))
			err = -EINVAL;
		else
			inet->uc_ttl = val;
		break;
	case IP_MTU_DISCOVER:
		if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_PROBE)
			err = -EINVAL;
		else
			inet->pmtudisc = (u8)val;
		break;
	default:
		err = -ENOPROTOOPT;
	}
	release_sock(sk);
	return err;
}
