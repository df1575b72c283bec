// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysctl_net_ipv4.c - the table of knobs (Linux 3.10's
 * net/ipv4/sysctl_net_ipv4.c, plus net.core.{r,w}mem_max from
 * net/core/sysctl_net_core.c and connscope's own connscope.* knobs), the
 * ip_local_port_range handler, and the values 3.10 boots with.
 *
 * Bounds: 3.10 checks only ip_local_port_range, ip_default_ttl,
 * tcp_retries1, tcp_adv_win_scale, tcp_rmem/tcp_wmem and {r,w}mem_max;
 * every other int there is a plain proc_dointvec.  connscope also bounds
 * the knobs whose out-of-range values 3.10 code never distinguishes or that
 * would be undefined behaviour in C (a shift by 32 or more, a seconds value
 * that overflows once turned into jiffies); see docs/divergences.md.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "sysctl.h"
#include "sysctl_table.h"

/*
 * set_local_port_range - store a checked range (3.10 takes the seqlock of
 * sysctl_local_ports around it; the knobs have no lock here).
 */
static void set_local_port_range(int *ports, const int range[2])
{
	ports[0] = range[0];
	ports[1] = range[1];
}

/*
 * ipv4_local_port_range - both ends 1..65535 (proc_dointvec_minmax on a
 * copy of the range), then low <= high, else EINVAL; only a valid pair is
 * stored.
 */
int ipv4_local_port_range(struct ctl_table *table, int write, void *buffer,
			  size_t *lenp, const char **why)
{
	int ret;
	int range[2];
	struct ctl_table tmp = {
		.data = &range,
		.maxlen = sizeof(range),
		.extra1 = table->extra1,
		.extra2 = table->extra2,
	};

	memcpy(range, table->data, sizeof(range));
	ret = proc_dointvec_minmax(&tmp, write, buffer, lenp, why);

	if (write && ret == 0) {
		if (range[1] < range[0]) {
			*why = "has low > high";
			ret = -EINVAL;
		} else {
			set_local_port_range(table->data, range);
		}
	}

	return ret;
}

static const long long zero = 0, one = 1, two = 2, thirty_one = 31;
static const long long port_max = 65535, ip_ttl_max = 255, tcp_retr1_max = 255;
static const long long max_tcp_syncnt = 127;		/* MAX_TCP_SYNCNT */
static const long long adv_win_scale_min = -31, adv_win_scale_max = 31;
static const long long fin_timeout_max = INT_MAX / 1000; /* seconds that fit in jiffies */
static const long long thash_max = 1 << 20, int_max = INT_MAX;
static const long long nr_open = 1048576;		/* fs.nr_open, CS_NR_OPEN */

/* no data yet; the offset and the size (maxlen) of a value in struct cs_sysctl */
#define DATA(field) NULL, offsetof(struct cs_sysctl, field), \
	(int)sizeof(((struct cs_sysctl *)0)->field)

const struct ctl_table ctl_table[] = {
	{ "net.ipv4.ip_local_port_range", DATA(ip_local_port_range),
	  ipv4_local_port_range, &one, &port_max,
	  "Ports connect() picks an ephemeral port from (__inet_hash_connect)." },
	{ "net.ipv4.ip_local_reserved_ports",
	  NULL, offsetof(struct cs_sysctl, ip_local_reserved_ports), PORT_BITMAP_BITS,
	  proc_do_large_bitmap, NULL, NULL,
	  "Ports the ephemeral-port search skips, e.g. 40000,40002-40003." },
	{ "net.ipv4.tcp_syn_retries", DATA(tcp_syn_retries),
	  proc_dointvec_minmax, &one, &max_tcp_syncnt,
	  "SYN retransmissions before connect() fails with ETIMEDOUT." },
	{ "net.ipv4.tcp_synack_retries", DATA(tcp_synack_retries),
	  proc_dointvec, NULL, NULL,
	  "SYN-ACK retransmissions of a passive open." },
	{ "net.ipv4.tcp_timestamps", DATA(tcp_timestamps),
	  proc_dointvec_minmax, &zero, &one,
	  "Send the timestamp option (RFC 1323) in the SYN." },
	{ "net.ipv4.tcp_sack", DATA(tcp_sack),
	  proc_dointvec_minmax, &zero, &one,
	  "Offer selective acknowledgements (SACK-permitted) in the SYN." },
	{ "net.ipv4.tcp_fack", DATA(tcp_fack),
	  proc_dointvec_minmax, &zero, &one,
	  "Use forward acknowledgement when the peer accepts SACK." },
	{ "net.ipv4.tcp_window_scaling", DATA(tcp_window_scaling),
	  proc_dointvec_minmax, &zero, &one,
	  "Send the window-scale option in the SYN." },
	{ "net.ipv4.tcp_ecn", DATA(tcp_ecn),
	  proc_dointvec_minmax, &zero, &two,
	  "ECN: 0 off, 1 request it in the SYN, 2 only accept it from peers." },
	{ "net.ipv4.tcp_tw_reuse", DATA(tcp_tw_reuse),
	  proc_dointvec_minmax, &zero, &one,
	  "Let connect() take over a TIME-WAIT 4-tuple idle for over 1 s (needs timestamps)." },
	{ "net.ipv4.tcp_tw_recycle", DATA(tcp_tw_recycle),
	  proc_dointvec_minmax, &zero, &one,
	  "Recycle TIME-WAIT sockets using per-peer timestamps (3.10 only; gone in 4.12)." },
	{ "net.ipv4.tcp_rmem", DATA(tcp_rmem),
	  proc_dointvec_minmax, &one, NULL,
	  "Receive buffer min, default, max (bytes); the default sizes the SYN window." },
	{ "net.ipv4.tcp_wmem", DATA(tcp_wmem),
	  proc_dointvec_minmax, &one, NULL,
	  "Send buffer min, default, max (bytes)." },
	{ "net.ipv4.tcp_adv_win_scale", DATA(tcp_adv_win_scale),
	  proc_dointvec_minmax, &adv_win_scale_min, &adv_win_scale_max,
	  "Window from buffer: space - space/2^n if n > 0, else space/2^-n." },
	{ "net.ipv4.tcp_app_win", DATA(tcp_app_win),
	  proc_dointvec_minmax, &zero, &thirty_one,
	  "Keep window/2^n of the buffer for the application (0: keep nothing)." },
	{ "net.ipv4.tcp_workaround_signed_windows", DATA(tcp_workaround_signed_windows),
	  proc_dointvec_minmax, &zero, &one,
	  "Never offer an initial window above 32767." },
	{ "net.ipv4.tcp_mtu_probing", DATA(tcp_mtu_probing),
	  proc_dointvec_minmax, &zero, &two,
	  "Path-MTU probing: 0 off, 1 after an ICMP black hole, 2 always." },
	{ "net.ipv4.tcp_base_mss", DATA(tcp_base_mss),
	  proc_dointvec, NULL, NULL,
	  "MSS that MTU probing starts from (search_low)." },
	{ "net.ipv4.tcp_fin_timeout", DATA(tcp_fin_timeout),
	  proc_dointvec_minmax, &zero, &fin_timeout_max,
	  "Seconds an orphaned socket stays in FIN-WAIT-2." },
	{ "net.ipv4.tcp_max_tw_buckets", DATA(tcp_max_tw_buckets),
	  proc_dointvec, NULL, NULL,
	  "Most TIME-WAIT sockets at once; beyond it sockets close at once." },
	{ "net.ipv4.tcp_fastopen", DATA(tcp_fastopen),
	  proc_dointvec, NULL, NULL,
	  "TCP Fast Open bits (1 = client); 0, off, in 3.10." },
	{ "net.ipv4.tcp_abort_on_overflow", DATA(tcp_abort_on_overflow),
	  proc_dointvec_minmax, &zero, &one,
	  "Reset connections that a full listener cannot accept." },
	{ "net.ipv4.tcp_retries1", DATA(tcp_retries1),
	  proc_dointvec_minmax, NULL, &tcp_retr1_max,
	  "Retransmissions after which the route is checked again." },
	{ "net.ipv4.tcp_retries2", DATA(tcp_retries2),
	  proc_dointvec, NULL, NULL,
	  "Retransmissions before an established connection is dropped." },
	{ "net.ipv4.ip_default_ttl", DATA(ip_default_ttl),
	  proc_dointvec_minmax, &one, &ip_ttl_max,
	  "TTL of sent packets when IP_TTL is not set." },
	{ "net.ipv4.ip_no_pmtu_disc", DATA(ip_no_pmtu_disc),
	  proc_dointvec_minmax, &zero, &one,
	  "1: send without DF (no path-MTU discovery)." },
	{ "net.core.rmem_max", DATA(rmem_max),
	  proc_dointvec_minmax, &one, NULL,
	  "Largest SO_RCVBUF a socket may ask for (bytes)." },
	{ "net.core.wmem_max", DATA(wmem_max),
	  proc_dointvec_minmax, &one, NULL,
	  "Largest SO_SNDBUF a socket may ask for (bytes)." },
	{ "connscope.thash_entries", DATA(thash_entries),
	  cs_sysctl_douintvec_minmax, &one, &thash_max,
	  "Established-hash buckets (boot option thash_entries); read only when the stack is created." },
	{ "connscope.nofile", DATA(nofile),
	  cs_sysctl_douintvec_minmax, &one, &nr_open,
	  "Descriptors the stack may have open (RLIMIT_NOFILE); read only when the stack is created." },
	{ "connscope.fixed_secrets", DATA(fixed_secrets),
	  proc_dointvec_minmax, &zero, &one,
	  "1: derive net_secret and the ehash secret from secret_seed; read at the first socket." },
	{ "connscope.secret_seed", DATA(secret_seed),
	  cs_sysctl_douintvec_minmax, NULL, NULL,
	  "Seed of the fixed secrets (generator in docs/divergences.md)." },
	{ "connscope.fixed_clock_ns", DATA(fixed_clock_ns),
	  proc_doulongvec_minmax, NULL, NULL,
	  "Non-zero: the ISN clock (CLOCK_REALTIME) stands still at this many ns." },
	{ "connscope.security_deny_port", DATA(security_deny_port),
	  cs_sysctl_douintvec_minmax, &zero, &port_max,
	  "Non-zero: the security_socket_connect hook refuses connect() to this port." },
	{ "connscope.security_deny_addr", DATA(security_deny_addr),
	  cs_sysctl_doipaddr, NULL, NULL,
	  "Non-zero: the security_socket_connect hook refuses connect() to this address." },
	{ "connscope.neigh_retrans_ms", DATA(neigh_retrans_ms),
	  proc_dointvec_minmax, &one, &int_max,
	  "Milliseconds between ARP requests (retrans_time_ms)." },
	{ "connscope.neigh_ucast_probes", DATA(neigh_ucast_probes),
	  proc_dointvec_minmax, &zero, &int_max,
	  "Unicast probes (ucast_solicit) re-checking a known but unconfirmed neighbour." },
	{ "connscope.neigh_mcast_probes", DATA(neigh_mcast_probes),
	  proc_dointvec_minmax, &zero, &int_max,
	  "Broadcast ARP requests (mcast_solicit) for an unresolved neighbour before "
	  "it fails (EHOSTUNREACH after that many retrans intervals)." },
	{ "net.ipv4.neigh.default.gc_thresh1", DATA(neigh_gc_thresh1),
	  proc_dointvec, NULL, NULL,
	  "Below this many neighbours the periodic GC keeps every entry." },
	{ "net.ipv4.neigh.default.gc_thresh2", DATA(neigh_gc_thresh2),
	  proc_dointvec, NULL, NULL,
	  "From this many a new neighbour forces a GC, at most every 5 s." },
	{ "net.ipv4.neigh.default.gc_thresh3", DATA(neigh_gc_thresh3),
	  proc_dointvec, NULL, NULL,
	  "Most neighbours: from this many a new one forces a GC, and fails if none goes." },
	{ "net.ipv4.neigh.default.gc_interval", DATA(neigh_gc_interval),
	  proc_dointvec_minmax, &zero, &fin_timeout_max,
	  "Seconds; kept as in 3.10, whose periodic GC runs every base_reachable_time/2." },
	{ "net.ipv4.neigh.default.gc_stale_time", DATA(neigh_gc_stale_time),
	  proc_dointvec_minmax, &zero, &fin_timeout_max,
	  "Seconds an unused neighbour outside a timer lives before the periodic GC frees it." },
	{ "net.ipv4.inet_peer_threshold", DATA(inet_peer_threshold),
	  proc_dointvec, NULL, NULL,
	  "From this many inet_peer entries, unused ones are reclaimed at once." },
	{ "net.ipv4.inet_peer_minttl", DATA(inet_peer_minttl),
	  proc_dointvec_minmax, &zero, &fin_timeout_max,
	  "Seconds an unused inet_peer is kept when the tree is nearly full." },
	{ "net.ipv4.inet_peer_maxttl", DATA(inet_peer_maxttl),
	  proc_dointvec_minmax, &zero, &fin_timeout_max,
	  "Seconds an unused inet_peer is kept when the tree is nearly empty." },
};

const size_t ctl_table_count = sizeof(ctl_table) / sizeof(ctl_table[0]);

/* ---- defaults ------------------------------------------------------------ */

/*
 * cs_sysctl_defaults - Linux 3.10's boot values: the globals' initialisers,
 * tcp_sk_init (tcp_ecn = 2), tcp_init (tcp_rmem/tcp_wmem for a machine with
 * at least 768 MiB free, tcp_max_tw_buckets = ehash size / 2) and
 * sk_init (rmem_max = wmem_max = 212992 on x86-64).  If the 8 KiB port
 * bitmap cannot be allocated it stays NULL: no port is reserved, and a
 * write to ip_local_reserved_ports allocates it (or fails with ENOMEM).
 */
void cs_sysctl_defaults(struct cs_sysctl *s)
{
	memset(s, 0, sizeof(*s));
	s->ip_local_port_range[0] = 32768;
	s->ip_local_port_range[1] = 61000;
	s->ip_local_reserved_ports = calloc(1, PORT_BITMAP_BYTES);
	s->tcp_syn_retries = 6;			/* TCP_SYN_RETRIES */
	s->tcp_synack_retries = 5;		/* TCP_SYNACK_RETRIES */
	s->tcp_timestamps = 1;
	s->tcp_sack = 1;
	s->tcp_fack = 1;
	s->tcp_window_scaling = 1;
	s->tcp_ecn = 2;
	s->tcp_rmem[0] = 4096;			/* SK_MEM_QUANTUM */
	s->tcp_rmem[1] = 87380;
	s->tcp_rmem[2] = 6291456;		/* max(87380, min(6 MiB, free/128)) */
	s->tcp_wmem[0] = 4096;
	s->tcp_wmem[1] = 16384;
	s->tcp_wmem[2] = 4194304;		/* max(64 KiB, min(4 MiB, free/128)) */
	s->tcp_adv_win_scale = 1;
	s->tcp_app_win = 31;
	s->tcp_base_mss = 512;			/* TCP_BASE_MSS */
	s->tcp_fin_timeout = 60;		/* TCP_FIN_TIMEOUT, in seconds */
	s->tcp_retries1 = 3;			/* TCP_RETR1 */
	s->tcp_retries2 = 15;			/* TCP_RETR2 */
	s->ip_default_ttl = 64;			/* IPDEFTTL */
	s->rmem_max = 212992;			/* SKB_TRUESIZE(256) * 256 */
	s->wmem_max = 212992;
	s->thash_entries = 256;
	s->nofile = 1024;			/* the default RLIMIT_NOFILE */
	s->tcp_max_tw_buckets = (int)(s->thash_entries / 2);
	s->neigh_retrans_ms = 1000;		/* retrans_time_ms */
	s->neigh_ucast_probes = 3;
	s->neigh_mcast_probes = 3;
	s->neigh_gc_thresh1 = 128;		/* arp_tbl */
	s->neigh_gc_thresh2 = 512;
	s->neigh_gc_thresh3 = 1024;
	s->neigh_gc_interval = 30;
	s->neigh_gc_stale_time = 60;
	s->inet_peer_threshold = 65536 + 128;	/* a machine with over 128 MiB */
	s->inet_peer_minttl = 120;
	s->inet_peer_maxttl = 600;
}

/* cs_sysctl_free - release what cs_sysctl_defaults allocated. */
void cs_sysctl_free(struct cs_sysctl *s)
{
	free(s->ip_local_reserved_ports);
	s->ip_local_reserved_ports = NULL;
}

