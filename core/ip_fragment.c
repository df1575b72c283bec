// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_fragment.c - IPv4 reassembly (net/ipv4/ip_fragment.c, Linux 3.10).
 *
 * connscope does not reassemble: nothing on the connect path is
 * fragmented, and a peer's lone fragments are only counted and dropped
 * (see docs/divergences.md).  There is no fragment queue (ip_find,
 * ip_frag_queue, ip_evictor), hence no ReasmOKs, ReasmFails or
 * ReasmTimeout.
 */
#include <errno.h>
#include "net.h"
#include "ip.h"
#include "trace.h"

/*
 * ip_defrag - process a fragment for @user.  3.10 counts ReasmReqds,
 * queues the fragment and returns -EINPROGRESS until the datagram is
 * complete; here the fragment is counted and dropped as if queued for a
 * datagram that never completes.  The skb is consumed.
 */
int ip_defrag(struct sk_buff *skb, u32 user)
{
	struct net *net = skb->net;

	IP_INC_STATS_BH(net, REASMREQDS);

	cs_trace(ip_defrag, skb, user);
	kfree_skb(skb);
	return -EINPROGRESS;
}
