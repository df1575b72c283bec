// SPDX-License-Identifier: GPL-2.0-only
/*
 * inetpeer.c - long-lived per-destination data (net/ipv4/inetpeer.c, Linux
 * 3.10), here only what the IP ID of a packet without DF needs: each peer
 * keeps a counter that starts at secure_ip_id(daddr) and advances by one
 * per packet (inet_getid).
 *
 * 3.10 keeps peers in an AVL tree and reclaims unused ones after
 * inet_peer_minttl (120 s) to inet_peer_maxttl (10 min) depending on
 * memory; connscope keeps them in a list for the life of the stack.
 */
#include <stdlib.h>
#include "net.h"
#include "secure_seq.h"

struct inet_peer {
	struct inet_peer *next;
	__be32 daddr;
	atomic_int ip_id_count;
	unsigned long rate_tokens;	/* ICMP rate limit bucket (jiffies) */
	unsigned long rate_last;
};

#define XRLIM_BURST_FACTOR 6

/* inet_initpeers, per stack. */
void inet_peer_base_init(struct net *net)
{
	pthread_mutex_init(&net->peer_lock, NULL);
	net->peers = NULL;
}

/* Free every peer with the stack. */
void inet_peer_base_free(struct net *net)
{
	struct inet_peer *p = net->peers;

	while (p) {
		struct inet_peer *next = p->next;

		free(p);
		p = next;
	}
	net->peers = NULL;
	pthread_mutex_destroy(&net->peer_lock);
}

/* inet_getpeer_v4 - the entry for @daddr; with @create, made on first use
 * with its ID counter seeded from secure_ip_id.  NULL if absent (or out of
 * memory). */
struct inet_peer *inet_getpeer_v4(struct net *net, __be32 daddr, int create)
{
	struct inet_peer *p;

	pthread_mutex_lock(&net->peer_lock);
	for (p = net->peers; p; p = p->next)
		if (p->daddr == daddr)
			break;
	if (!p && create) {
		p = calloc(1, sizeof(*p));
		if (p) {
			p->daddr = daddr;
			atomic_init(&p->ip_id_count, (int)secure_ip_id(net, daddr));
			/* so that the first token computation is at its maximum */
			p->rate_last = net_jiffies(net) - 60 * HZ;
			p->next = net->peers;
			net->peers = p;
		}
	}
	pthread_mutex_unlock(&net->peer_lock);
	return p;
}

/* inet_getid - advance the peer's counter by 1 + @more and return the new
 * value (0 is skipped in the 32-bit counter); the IP ID is its low 16 bits. */
u16 inet_getid(struct inet_peer *p, int more)
{
	int old, new;

	more++;
	do {
		old = atomic_load(&p->ip_id_count);
		new = (int)((unsigned int)old + (unsigned int)more);
		if (!new)
			new = 1;
	} while (!atomic_compare_exchange_weak(&p->ip_id_count, &old, new));
	return (u16)new;
}

/* inet_peer_xrlim_allow - a token bucket per destination: one token per
 * jiffy, up to XRLIM_BURST_FACTOR * @timeout; a message costs @timeout.
 * Without a peer entry everything is allowed.  Caller: ICMP output. */
bool inet_peer_xrlim_allow(struct net *net, struct inet_peer *peer, int timeout)
{
	unsigned long now, token;
	bool rc = false;

	if (!peer)
		return true;
	pthread_mutex_lock(&net->peer_lock);
	now = net_jiffies(net);
	token = peer->rate_tokens + (now - peer->rate_last);
	peer->rate_last = now;
	if (token > XRLIM_BURST_FACTOR * (unsigned long)timeout)
		token = XRLIM_BURST_FACTOR * (unsigned long)timeout;
	if (token >= (unsigned long)timeout) {
		token -= (unsigned long)timeout;
		rc = true;
	}
	peer->rate_tokens = token;
	pthread_mutex_unlock(&net->peer_lock);
	return rc;
}
