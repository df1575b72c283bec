/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * connscope.h - the public API of libconnscope.
 *
 * libconnscope is a user-space re-implementation of the Linux 3.10 IPv4 TCP
 * active open.  Each cs_* call below mirrors one system call; like the libc
 * wrappers it returns -1 and sets errno on failure.  A stack instance
 * (struct net) owns its sysctls, hash tables, MIB, routes, neighbours and one
 * network interface reached through a NIC backend.
 */
#ifndef CONNSCOPE_H
#define CONNSCOPE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <poll.h>

#ifdef __cplusplus
extern "C" {
#endif

struct net;
struct nic;
struct cs_clock;

/* Options for cs_net_new().  Zeroed fields take the documented defaults. */
struct cs_net_config {
	const char *ifname;      /* name shown in traces (default: the NIC's) */
	struct in_addr addr;     /* the stack's IPv4 address (network order) */
	unsigned int prefixlen;  /* connected subnet length, 0..32 */
	struct in_addr gateway;  /* default route via this host; 0 = none */
	struct cs_clock *clock;  /* NULL: the real clocks (CLOCK_MONOTONIC/REALTIME) */
	int no_softirq_thread;   /* 1: the caller drives cs_net_poll() itself */
	/* "key=value" sysctls applied before the tables are built (so that
	 * connscope.thash_entries takes effect); NULL-terminated, may be NULL. */
	const char *const *sysctls;
};

/*
 * NICs: the stack's one network interface.  Make one with a constructor
 * below and hand it to cs_net_new(), which then owns it.
 *
 * cs_nic_af_packet_new - a real Ethernet interface through an AF_PACKET
 * socket (TPACKET_V3 receive ring), in the calling thread's network
 * namespace.
 *   @ifname  the interface, e.g. "cs0"
 *   @addr    the stack's own IPv4 address (network order): the socket's
 *            filter admits ARP and the IPv4 frames addressed to it; 0
 *            admits all IPv4
 *   @errbuf  if not NULL, a sentence for the user on failure (@errlen bytes)
 * Returns the NIC, or NULL with errno set:
 *   EPERM, EACCES    no CAP_NET_RAW (the sentence says how to get it)
 *   ENODEV           no such interface
 *   ENETDOWN         the interface is down
 *   EPROTONOSUPPORT  not an Ethernet interface
 *   other            a failed socket option, mmap or bind (named in @errbuf)
 * Once it is open the process may drop its privileges.
 */
struct nic *cs_nic_af_packet_new(const char *ifname, struct in_addr addr,
				 char *errbuf, size_t errlen);

/*
 * cs_nic_loop_new - an in-memory NIC: frames the stack sends wait in a
 * transmit queue (cs_nic_loop_take), frames given to cs_nic_loop_inject
 * are received.  With no peer, a stack on it still reaches its own
 * address (through its loopback device, as the kernel does).
 *   @name  at most 15 characters, NULL for "loop0"
 *   @mac   its Ethernet address (6 bytes)
 *   @mtu   68 .. 65535
 * Returns the NIC, or NULL with errno EINVAL (a bad argument) or ENOMEM.
 */
struct nic *cs_nic_loop_new(const char *name, const uint8_t mac[6], unsigned int mtu);

/* cs_nic_loop_inject - queue an Ethernet frame (no FCS) for the stack on
 * the loop NIC @nic to receive.  Returns 0, or -1 with errno ENOMEM. */
int cs_nic_loop_inject(struct nic *nic, const void *frame, size_t len);

/* cs_nic_loop_take - take the oldest frame the stack sent on the loop NIC
 * @nic into @buf (cut to @len).  Returns its length, 0 if none waits. */
size_t cs_nic_loop_take(struct nic *nic, void *buf, size_t len);

/* cs_nic_set_pcap - write every frame @nic sends and receives to @path as
 * classic pcap (LINKTYPE_ETHERNET); call it before cs_net_new().  NULL
 * stops capturing.  Returns 0, or -1 with errno (the file's creation
 * failed, or ENOMEM). */
int cs_nic_set_pcap(struct nic *nic, const char *path);

/* cs_nic_free - free a NIC that was not handed to cs_net_new(). */
void cs_nic_free(struct nic *nic);

/*
 * cs_net_new - create a stack bound to @nic.
 * Errors: EINVAL (bad prefix length or address), ENOMEM.
 * The stack takes ownership of @nic and frees it in cs_net_free().
 */
struct net *cs_net_new(struct nic *nic, const struct cs_net_config *cfg);

/* cs_net_free - close every descriptor (softirq still running), stop the
 * softirq thread, free the stack. */
void cs_net_free(struct net *net);

/*
 * cs_net_poll - run the stack's softirq work once in the calling thread:
 * receive every pending frame (NET_RX) and run every expired timer.
 * Returns the number of frames processed.  For tests with no_softirq_thread.
 */
int cs_net_poll(struct net *net);

/*
 * cs_sysctl_set / cs_sysctl_get - set or read a knob by name, e.g.
 * "net.ipv4.ip_local_port_range" = "32768 61000".  Errors: ENOENT (unknown
 * key), EINVAL (bad value; nothing is changed), ENOMEM;
 * cs_sysctl_strerror() then names the key and says what it accepts.
 * cs_sysctl_get writes the value as /proc/sys prints it (vector elements
 * separated by a tab, port lists as "40000,40002-40003") into @buf;
 * ERANGE if it does not fit in @len bytes.  "net/ipv4/x" works too.
 * connscope.thash_entries is read when the stack is created (set it through
 * cs_net_config.sysctls); connscope.fixed_secrets and secret_seed when the
 * first socket is created.
 */
int cs_sysctl_set(struct net *net, const char *key, const char *value);
int cs_sysctl_get(struct net *net, const char *key, char *buf, size_t len);
const char *cs_sysctl_strerror(struct net *net);
/* cs_sysctl_check - would "key=value" be accepted?  Returns 0, or -1 with
 * errno (ENOENT, EINVAL) and the reason, naming the key, in @err.  Needs no
 * stack: a command line can be checked before anything starts. */
int cs_sysctl_check(const char *kv, char *err, size_t errlen);
/* cs_sysctl_set_kv - parse "key=value" and set it (EINVAL without '='). */
int cs_sysctl_set_kv(struct net *net, const char *kv);
/* cs_sysctl_foreach - call @fn for every knob (name, current value). */
void cs_sysctl_foreach(struct net *net,
		       void (*fn)(const char *key, const char *value, void *arg),
		       void *arg);

/*
 * cs_socket - socket(2).  Only AF_INET/SOCK_STREAM/(0|IPPROTO_TCP).
 * Errors: EINVAL (unknown flags, type >= SOCK_MAX), EAFNOSUPPORT,
 * EPROTONOSUPPORT, ESOCKTNOSUPPORT, EMFILE (fd table
 * full), ENOMEM.  Returns the lowest free descriptor.
 */
int cs_socket(struct net *net, int domain, int type, int protocol);

/*
 * cs_bind - bind(2) through inet_bind and inet_csk_get_port.
 * Errors: EBADF, EINVAL (short address, already bound), EAFNOSUPPORT,
 * EADDRNOTAVAIL (address not local), EACCES (port < 1024 is allowed: the
 * stack runs with CAP_NET_BIND_SERVICE semantics), EADDRINUSE.
 */
int cs_bind(struct net *net, int fd, const struct sockaddr *addr, socklen_t len);

/* cs_listen - listen(2) through inet_listen.  Errors: EBADF, EINVAL, EADDRINUSE. */
int cs_listen(struct net *net, int fd, int backlog);

/*
 * cs_connect - connect(2) through sys_connect, exactly as Linux 3.10.
 * Errors: EBADF, EINVAL, EAFNOSUPPORT, EACCES (security hook), EISCONN,
 * EALREADY, EINPROGRESS (non-blocking), ENETUNREACH, EADDRNOTAVAIL, ENOBUFS,
 * ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, EINTR, ECONNABORTED.
 */
int cs_connect(struct net *net, int fd, const struct sockaddr *addr, socklen_t len);

/* cs_close - close(2): tcp_close on the socket, then the descriptor is freed. */
int cs_close(struct net *net, int fd);

/*
 * cs_setsockopt / cs_getsockopt - SOL_SOCKET: SO_ERROR (get only, clears it),
 * SO_REUSEADDR, SO_REUSEPORT, SO_SNDTIMEO (struct timeval), SO_RCVBUF,
 * SO_SNDBUF, SO_LINGER; IPPROTO_TCP: TCP_MAXSEG, TCP_SYNCNT.
 * Errors: EBADF, ENOPROTOOPT, EINVAL, EDOM.
 */
int cs_setsockopt(struct net *net, int fd, int level, int name,
		  const void *val, socklen_t len);
int cs_getsockopt(struct net *net, int fd, int level, int name,
		  void *val, socklen_t *len);

/* cs_fcntl - F_GETFL / F_SETFL (O_NONBLOCK only).  Errors: EBADF, EINVAL. */
int cs_fcntl(struct net *net, int fd, int cmd, int arg);

/* cs_poll - poll(2) over connscope descriptors (tcp_poll).  Errors: EINVAL. */
int cs_poll(struct net *net, struct pollfd *fds, nfds_t nfds, int timeout_ms);

/* cs_getsockname / cs_getpeername.  Errors: EBADF, EINVAL, ENOTCONN. */
int cs_getsockname(struct net *net, int fd, struct sockaddr *addr, socklen_t *len);
int cs_getpeername(struct net *net, int fd, struct sockaddr *addr, socklen_t *len);

/*
 * cs_interrupt - stand for a signal delivered to the thread sleeping in
 * cs_connect() on @fd: the wait ends and connect returns what
 * sock_intr_errno() gives (EINTR; ERESTARTSYS is reported as EINTR as for a
 * handler without SA_RESTART).  Errors: EBADF.
 */
int cs_interrupt(struct net *net, int fd);

/* cs_mib_get - read a MIB counter by its /proc name ("ActiveOpens", "TWRecycled"...).
 * Returns 0 and stores the value, or -1/ENOENT. */
int cs_mib_get(struct net *net, const char *name, uint64_t *value);
/* cs_mib_print - print the counters like /proc/net/snmp and /proc/net/netstat. */
void cs_mib_print(struct net *net, void *stdio_file);

/*
 * cs_dump_tables - write the hash tables (ehash chains and twchains,
 * bhash with its bind buckets and owners, the listening hash) as one JSON
 * object to @stdio_file (a FILE *), each table in bucket order and each
 * chain in list order.  Format: docs/table-dump.md.  Returns 0 or -1.
 */
int cs_dump_tables(struct net *net, void *stdio_file);

/*
 * cs_statedump - emit the state dump into the trace: connscope:statedump_begin,
 * one event per socket with a descriptor, per ehash / bind-hash / listening
 * entry (in the cs_dump_tables order, each table walked with all its locks
 * held) and per pending timer, then connscope:statedump_end
 * (docs/tracepoints.md).  A trace that starts late can rebuild the state
 * from it.  Called once by cs_net_new; `connscope` calls it on SIGUSR1.
 * Does nothing when no session records connscope:statedump_begin.
 * Returns 0, or -1/EINVAL for a NULL stack.
 */
int cs_statedump(struct net *net);

/*
 * cs_check_tables - check the invariants tying the tables together: every
 * ehash entry in the slot of its hash and owning its bind bucket, no
 * 4-tuple twice, no empty bind bucket, owner counts right, listeners in
 * LISTEN in their slot, descriptors leading to their socket and back.
 * Returns 0 (and a summary in @msg) or -1/EUCLEAN with the first violation
 * in @msg.  Call it on a quiet stack.
 */
int cs_check_tables(struct net *net, char *msg, size_t len);

/* struct cs_tcp_info - what getsockopt(TCP_INFO) would tell, plus the ISN. */
struct cs_tcp_info {
	uint8_t state;			/* TCP_ESTABLISHED = 1 ... */
	uint8_t retransmits;		/* icsk_retransmits */
	uint8_t backoff;		/* icsk_backoff */
	uint8_t snd_wscale, rcv_wscale;
	uint8_t options;		/* TCPI_OPT_TIMESTAMPS 1, _SACK 2, _WSCALE 4, _ECN 8 */
	uint32_t rto_ms;
	uint32_t snd_mss, rcv_mss, advmss;
	uint32_t isn;			/* our initial sequence number: snd_nxt - 1,
					 * true while the socket sent only its SYN
					 * (a connect); 0 before a SYN was sent */
	uint32_t saddr, daddr;		/* inet_saddr, inet_daddr, inet_sport, */
	uint16_t sport, dport;		/* inet_dport, network order; after a
					 * failed connect, tcp_disconnect (or
					 * tcp_v4_connect's failure:) has cleared
					 * dport, and tcp_disconnect the source
					 * address of a socket not bound to one */
	uint32_t flow_saddr, flow_daddr;	/* the flow the socket was routed */
	uint16_t flow_sport, flow_dport;	/* with (inet->cork.fl4), network
						 * order: the connect's 4-tuple,
						 * which its failure leaves there;
						 * sport 0 if no port was chosen */
	uint32_t snd_una, snd_nxt, rcv_nxt, snd_wnd, rcv_wnd;
	uint32_t total_retrans;		/* SYNs sent again */
	uint32_t sk_id;			/* the socket's id in traces and table dumps */
};

/* cs_tcp_info - tcp_get_info for @fd.  Errors: EBADF. */
int cs_tcp_info(struct net *net, int fd, struct cs_tcp_info *info);

/* cs_state_name - "ESTABLISHED", "SYN_SENT", ... for a TCP state number. */
const char *cs_state_name(int state);

#ifdef __cplusplus
}
#endif
#endif
