/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl.h - the knobs the connect path reads, with Linux 3.10's defaults
 * (net/ipv4/sysctl_net_ipv4.c), plus connscope.* knobs for labs.
 * Each knob is settable by name through cs_sysctl_set ("key=value").
 */
#ifndef CS_SYSCTL_H
#define CS_SYSCTL_H

#include "types.h"

struct net;

struct cs_sysctl {
	/* net.ipv4.* */
	int ip_local_port_range[2];		/* 32768 61000 */
	unsigned long *ip_local_reserved_ports;	/* bitmap of 65536 bits, empty */
	int tcp_syn_retries;			/* 6 */
	int tcp_synack_retries;			/* 5 */
	int tcp_timestamps;			/* 1 */
	int tcp_sack;				/* 1 */
	int tcp_fack;				/* 1 */
	int tcp_window_scaling;			/* 1 */
	int tcp_ecn;				/* 2 */
	int tcp_tw_reuse;			/* 0 */
	int tcp_tw_recycle;			/* 0 */
	int tcp_rmem[3];			/* 4096 87380 6291456 */
	int tcp_wmem[3];			/* 4096 16384 4194304 */
	int tcp_adv_win_scale;			/* 1 */
	int tcp_app_win;			/* 31 */
	int tcp_workaround_signed_windows;	/* 0 */
	int tcp_mtu_probing;			/* 0 */
	int tcp_base_mss;			/* 512 */
	int tcp_fin_timeout;			/* 60 s */
	int tcp_max_tw_buckets;			/* thash_entries / 2 */
	int tcp_fastopen;			/* 0 */
	int tcp_abort_on_overflow;		/* 0 */
	int tcp_retries1, tcp_retries2;		/* 3, 15 */
	int ip_default_ttl;			/* 64 */
	int ip_no_pmtu_disc;			/* 0 */
	/* net.core.* */
	int rmem_max, wmem_max;			/* 212992 */
	/* connscope.* */
	unsigned int thash_entries;		/* ehash size, 256 */
	unsigned int nofile;			/* fd table size, 1024 */
	int fixed_secrets;			/* 1: secrets from the seed below */
	u32 secret_seed;			/* seed of net_secret / ehash secret */
	u64 fixed_clock_ns;			/* != 0: ISN clock frozen here */
	unsigned int security_deny_port;	/* != 0: deny connect() to this port */
	u32 security_deny_addr;			/* != 0: deny connect() to this address */
	int neigh_retrans_ms;			/* ARP retry interval, 1000 */
	int neigh_ucast_probes;			/* 3 */
	int neigh_mcast_probes;			/* 3 */
	/* net.ipv4.neigh.default.* (arp_tbl) and the inet_peer limits */
	int neigh_gc_thresh1, neigh_gc_thresh2, neigh_gc_thresh3;	/* 128 512 1024 */
	int neigh_gc_interval;			/* 30 s */
	int neigh_gc_stale_time;		/* 60 s */
	int inet_peer_threshold;		/* 65536 + 128 */
	int inet_peer_minttl, inet_peer_maxttl;	/* 120 s, 600 s */
};

/* Fill @s with 3.10's defaults. */
void cs_sysctl_defaults(struct cs_sysctl *s);
void cs_sysctl_free(struct cs_sysctl *s);
/*
 * cs_sysctl_apply - write @val to the knob @key of @s, as a write to
 * /proc/sys/<key> would (cs_sysctl_set wraps it).  Returns 0, -ENOENT,
 * -EINVAL or -ENOMEM; on failure @err holds a message naming the key and
 * what it accepts, and @s is unchanged.
 */
int cs_sysctl_apply(struct cs_sysctl *s, const char *key, const char *val,
		    char *err, size_t errlen);
/* cs_sysctl_read - @key's value as /proc/sys prints it (no newline); returns
 * the length it needs, like snprintf, or -ENOENT. */
int cs_sysctl_read(const struct cs_sysctl *s, const char *key, char *buf,
		   size_t len);
/* cs_sysctl_describe - the one-line description of @key, or NULL. */
const char *cs_sysctl_describe(const char *key);
/* net/ipv4/inet_connection_sock.c helpers that read the table. */
void inet_get_local_port_range(struct net *net, int *low, int *high);
int inet_is_reserved_local_port(struct net *net, int port);

#endif
