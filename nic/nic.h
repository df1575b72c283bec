/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nic.h - the frame I/O backend interface.  A backend moves whole Ethernet
 * frames (no FCS) and knows nothing about IP or TCP.  Backends: loop.c (in
 * memory, for unit tests) and af_packet.c (a real interface).
 */
#ifndef CS_NIC_H
#define CS_NIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nic;
struct nic_pcap;
struct sock_filter;

struct nic_ops {
	/* Send one frame; returns 0 or -errno. */
	int (*xmit)(struct nic *nic, const void *frame, size_t len);
	/* Receive one frame into buf if one is ready; returns its length,
	 * 0 if none is ready, or -errno. */
	long (*recv)(struct nic *nic, void *buf, size_t len);
	/* Wait up to timeout_ms for a frame (or a wake-up); returns > 0 if
	 * one may be ready, 0 on timeout. */
	int (*wait)(struct nic *nic, int timeout_ms);
	/* Interrupt a wait() in progress (used to stop the softirq thread). */
	void (*wake)(struct nic *nic);
	void (*destroy)(struct nic *nic);
};

struct nic {
	const struct nic_ops *ops;
	char name[16];
	uint8_t mac[6];
	unsigned int mtu;
	int ifindex;
	struct nic_pcap *pcap;	/* pcap.c: the capture file, if one is set */
	/* Frames the NIC lost because its receive ring was full (a driver's
	 * rx_missed_errors): a running total the backend raises in recv(),
	 * read by the stack's NAPI poll. */
	unsigned long rx_missed;
};

static inline int nic_xmit(struct nic *nic, const void *frame, size_t len)
{
	return nic->ops->xmit(nic, frame, len);
}
static inline long nic_recv(struct nic *nic, void *buf, size_t len)
{
	return nic->ops->recv(nic, buf, len);
}
static inline void nic_destroy(struct nic *nic)
{
	nic->ops->destroy(nic);
}

/* loop.c: an in-memory NIC.  Frames the stack sends are kept in a transmit
 * queue that the test reads; frames the test injects are received. */
struct nic *nic_loop_new(const char *name, const uint8_t mac[6], unsigned int mtu);
/* Queue a frame for the stack to receive; returns 0 or -ENOMEM. */
int nic_loop_inject(struct nic *nic, const void *frame, size_t len);
/* Take the oldest frame the stack sent; returns its length, 0 if none. */
size_t nic_loop_take(struct nic *nic, void *buf, size_t len);
/* Number of frames sent and not yet taken. */
size_t nic_loop_pending(struct nic *nic);
/* Optional hook: called (without locks) for every frame the stack sends,
 * so a test can answer it; the hook may call nic_loop_inject. */
void nic_loop_set_responder(struct nic *nic,
			    void (*fn)(struct nic *nic, const void *frame,
				       size_t len, void *arg),
			    void *arg);

/* af_packet.c: an AF_PACKET socket on the interface ifname (in the calling
 * thread's network namespace), with a TPACKET_V2 receive ring and a BPF
 * filter that admits ARP and the IPv4 frames addressed to stack_addr_be (the
 * stack's own address, network order; 0 admits all IPv4).  MAC, MTU and
 * ifindex come from the interface.  On failure returns NULL, sets *err to a
 * negative errno and writes a sentence for the user into errbuf:
 *   -EPERM/-EACCES   no CAP_NET_RAW (the sentence says how to get it)
 *   -ENODEV          no such interface
 *   -ENETDOWN        the interface is down
 *   -EPROTONOSUPPORT not an Ethernet interface
 *   other            a failed socket option, mmap or bind (named in errbuf)
 * Once it is open, the process may drop its privileges. */
struct nic *nic_af_packet_new(const char *ifname, uint32_t stack_addr_be,
			      int *err, char *errbuf, size_t errlen);
/* True when the kernel accepted PACKET_IGNORE_OUTGOING (Linux >= 4.20); if
 * not, recv() drops the frames marked PACKET_OUTGOING itself. */
bool nic_af_packet_ignores_outgoing(const struct nic *nic);
/* The classic BPF program nic_af_packet_new attaches: AFP_FILTER_LEN
 * instructions written to code (ARP; IPv4 for stack_addr_be, or too short to
 * tell; nothing else). */
#define AFP_FILTER_LEN 9
void nic_af_packet_filter(uint32_t stack_addr_be, struct sock_filter *code);

/* pcap.c: write every frame the NIC sends and receives to path, as classic
 * pcap (magic a1b2c3d4, LINKTYPE_ETHERNET, microsecond timestamps), one
 * record flushed per frame.  Works with any backend: it interposes its own
 * nic_ops in front of the backend's.  Call it before the stack starts using
 * the NIC; path NULL stops capturing.  Returns 0 or -errno (the file could not
 * be created). */
int nic_set_pcap(struct nic *nic, const char *path);

#endif
