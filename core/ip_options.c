// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_options.c - IPv4 options of a received packet (net/ipv4/ip_options.c,
 * Linux 3.10): ip_options_compile walks the option list of the header,
 * checks each option's length and the source-route options, and notes
 * where a source route is (opt->srr).  A malformed option is answered
 * with an ICMP parameter problem pointing at the faulty byte.
 *
 * connscope sends no options (no IP_OPTIONS socket option, no
 * ip_options_echo), so the compile is only ever called for a received
 * skb.  Record route, timestamp, security and router alert are accepted
 * without their own checks (see docs/divergences.md).  Source routes are
 * refused by ip_rcv_options (accept_source_route 0), so
 * ip_options_rcv_srr has no caller and is not here.
 */
#include <errno.h>
#include <arpa/inet.h>
#include "net.h"
#include "ip.h"

/*
 * ip_options_compile - verify the options of @skb and fill @opt (optlen
 * set by the caller).  Returns 0, or -EINVAL after sending a parameter
 * problem whose pointer is the offset of the faulty byte in the header.
 */
int ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb)
{
	unsigned char *pp_ptr = NULL;
	unsigned char *optptr;
	unsigned char *iph;
	int optlen, l;

	(void)net;
	optptr = (unsigned char *)&(ip_hdr(skb)[1]);
	iph = optptr - sizeof(struct iphdr);

	for (l = opt->optlen; l > 0; ) {
		switch (*optptr) {
		case IPOPT_END:
			/* 3.10 also overwrites the bytes after the end with
			 * IPOPT_END (opt->is_changed); connscope leaves the
			 * header as it came. */
			goto eol;
		case IPOPT_NOOP:
			l--;
			optptr++;
			continue;
		}
		if (l < 2) {
			pp_ptr = optptr;
			goto error;
		}
		optlen = optptr[1];
		if (optlen < 2 || optlen > l) {
			pp_ptr = optptr;
			goto error;
		}
		switch (*optptr) {
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			if (optlen < 3) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] < 4) {
				pp_ptr = optptr + 2;
				goto error;
			}
			/* RFC 1812 5.2.4.1: one source route only. */
			if (opt->srr) {
				pp_ptr = optptr;
				goto error;
			}
			/* 3.10 notes a strict route (is_strictroute) for
			 * ip_options_rcv_srr, which has no caller here. */
			opt->srr = (unsigned char)(optptr - iph);
			break;
		default:
			/* IPOPT_RR, IPOPT_TIMESTAMP, IPOPT_RA, IPOPT_CIPSO,
			 * IPOPT_SEC, IPOPT_SID and unknown options: accepted
			 * from the wire (a received skb needs no capability). */
			break;
		}
		l -= optlen;
		optptr += optlen;
	}
eol:
	if (!pp_ptr)
		return 0;
error:
	icmp_send(skb, ICMP_PARAMETERPROB, 0, htonl((u32)(pp_ptr - iph) << 24));
	return -EINVAL;
}
