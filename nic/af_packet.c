// SPDX-License-Identifier: GPL-2.0-only
/*
 * af_packet.c - the real NIC: one AF_PACKET socket bound to one interface.
 *
 * Receive: a TPACKET_V2 ring shared with the kernel (mmap), one slot per
 * frame: the kernel marks a slot TP_STATUS_USER as soon as it has copied a
 * frame into it, recv() copies it out and gives the slot back
 * (TP_STATUS_KERNEL).  Not TPACKET_V3: V3 hands over whole blocks, when full
 * or when a retire timer of at least a millisecond fires, so every frame
 * waited up to that millisecond.  The ring has
 * RING_FRAME_NR slots: the peer's delayed ACKs come in bursts of up to a
 * thousand frames, which a ring of 1024 slots lost.  A frame the
 * kernel could not place (ring full) is counted by the socket
 * (PACKET_STATISTICS) and flagged TP_STATUS_LOSING on the next one; recv()
 * then reads the count into nic->rx_missed.
 * A classic BPF filter keeps everything but ARP and IPv4-for-the-stack out of
 * the ring, and PACKET_IGNORE_OUTGOING keeps out the frames the kernel itself
 * sends on the same interface (the kernel's own address lives on it too).
 *
 * Transmit: send(2) on the bound socket; the frame goes to the driver as is
 * (SOCK_RAW: we build the Ethernet header).
 *
 * One socket bound to ETH_P_ALL rather than one per protocol: a packet socket
 * binds a single protocol, and two sockets would need two rings and two fds to
 * poll.  The BPF filter does the protocol selection instead.
 *
 * Threads: recv() is called by whichever thread holds the stack's softirq
 * role (one at a time), wait() by the softirq thread; xmit() from any thread (send(2) on one socket is thread-safe); wake() from
 * any thread.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include "nic.h"

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23	/* Linux >= 4.20 */
#endif

/* Ring geometry: 8192 slots of 256 bytes (2 MiB), in blocks of 64 KiB so
 * that the kernel finds them without large contiguous allocations.  A slot
 * holds the tpacket2_hdr, the sockaddr_ll and a frame of up to 190 bytes:
 * every frame of a handshake, an ARP, an ICMP error.  A longer frame is
 * cut in the slot and, with PACKET_COPY_THRESH, queued whole to the
 * socket's receive queue (TP_STATUS_COPY): recv() reads it from there.
 * Not 2 KiB slots (16 MiB): on the lab's machine the first write to a slot
 * that had not been touched for a while cost 3.3 us (1 MiB: 0.03 us). */
#define RING_BLOCK_SIZE	(1u << 16)
#define RING_FRAME_SIZE	256u
#define RING_FRAME_NR	8192u
#define RING_BLOCK_NR	(RING_FRAME_NR / (RING_BLOCK_SIZE / RING_FRAME_SIZE))

struct af_packet_nic {
	struct nic nic;
	int fd;			/* the AF_PACKET socket */
	int efd;		/* eventfd written by wake() */
	uint8_t *ring;		/* RING_FRAME_NR slots, mmap'ed */
	size_t ring_len;
	unsigned int slot;	/* the slot recv() reads next */
	bool skip_outgoing;	/* PACKET_IGNORE_OUTGOING was refused */
};

static struct af_packet_nic *to_afp(struct nic *nic)
{
	return (struct af_packet_nic *)nic;
}

/* The slot recv() reads next, if the kernel has filled it. */
static struct tpacket2_hdr *afp_user_slot(struct af_packet_nic *afp, uint32_t *status)
{
	struct tpacket2_hdr *h = (struct tpacket2_hdr *)(afp->ring +
						(size_t)afp->slot * RING_FRAME_SIZE);

	*status = __atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE);
	return (*status & TP_STATUS_USER) ? h : NULL;
}

/* The frames the kernel dropped since the last read (the ring was full):
 * PACKET_STATISTICS returns and clears the socket's counters. */
static void afp_read_drops(struct af_packet_nic *afp)
{
	struct tpacket_stats st;
	socklen_t l = sizeof(st);

	if (getsockopt(afp->fd, SOL_PACKET, PACKET_STATISTICS, &st, &l) == 0)
		afp->nic.rx_missed += st.tp_drops;
}

/* Copy one ring frame into buf.  Returns its length, or 0 when the frame is
 * not for the stack: one we would have sent ourselves (only seen when the
 * kernel refused PACKET_IGNORE_OUTGOING), or one larger than buf (a GSO
 * frame from a peer with offloads on; a real NIC would drop it too).  A
 * frame too long for its slot is read whole from the receive queue. */
static long afp_copy_frame(struct af_packet_nic *afp, const struct tpacket2_hdr *h,
			   uint32_t status, void *buf, size_t len)
{
	const struct sockaddr_ll *sll;
	ssize_t n = 0;

	sll = (const struct sockaddr_ll *)((const uint8_t *)h +
					   TPACKET_ALIGN(sizeof(struct tpacket2_hdr)));
	if (status & TP_STATUS_COPY)	/* the whole frame: the receive queue */
		n = recv(afp->fd, buf, len, MSG_DONTWAIT | MSG_TRUNC);
	if (afp->skip_outgoing && sll->sll_pkttype == PACKET_OUTGOING)
		return 0;
	if (status & TP_STATUS_COPY)
		return n > 0 && (size_t)n <= len ? (long)n : 0;
	if (h->tp_snaplen != h->tp_len || h->tp_snaplen > len)
		return 0;
	memcpy(buf, (const uint8_t *)h + h->tp_mac, h->tp_snaplen);
	return (long)h->tp_snaplen;
}

/* nic_ops.recv: the next frame from the ring, 0 if the ring is empty. */
static long afp_recv(struct nic *nic, void *buf, size_t len)
{
	struct af_packet_nic *afp = to_afp(nic);

	for (;;) {
		struct tpacket2_hdr *h;
		uint32_t status;
		long n;

		h = afp_user_slot(afp, &status);
		if (!h)
			return 0;
		if (status & TP_STATUS_LOSING)
			afp_read_drops(afp);
		n = afp_copy_frame(afp, h, status, buf, len);
		__atomic_store_n(&h->tp_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
		afp->slot = (afp->slot + 1) % RING_FRAME_NR;
		if (n > 0)
			return n;
	}
}

/* nic_ops.xmit: one frame out of the interface. */
static int afp_xmit(struct nic *nic, const void *frame, size_t len)
{
	struct af_packet_nic *afp = to_afp(nic);
	ssize_t n;

	do
		n = send(afp->fd, frame, len, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

/* A pending socket error (ENETDOWN when the link goes down) makes poll()
 * report POLLERR until it is read; read it so that wait() does not spin. */
static void afp_clear_error(struct af_packet_nic *afp)
{
	int err = 0;
	socklen_t l = sizeof(err);

	getsockopt(afp->fd, SOL_SOCKET, SO_ERROR, &err, &l);
}

/* nic_ops.wait: sleep until the kernel fills a slot, wake() is called, or
 * timeout_ms passes. */
static int afp_wait(struct nic *nic, int timeout_ms)
{
	struct af_packet_nic *afp = to_afp(nic);
	struct pollfd p[2] = {
		{ .fd = afp->fd, .events = POLLIN },
		{ .fd = afp->efd, .events = POLLIN },
	};
	uint32_t status;
	uint64_t v;
	int n;

	if (afp_user_slot(afp, &status))
		return 1;
	n = poll(p, 2, timeout_ms);
	if (n <= 0)
		return n < 0 && errno == EINTR ? 1 : 0;
	if (p[1].revents & POLLIN) {
		if (read(afp->efd, &v, sizeof(v)) < 0)
			v = 0;
	}
	if (p[0].revents & POLLERR)
		afp_clear_error(afp);
	return 1;
}

/* nic_ops.wake: make a wait() in progress return now. */
static void afp_wake(struct nic *nic)
{
	uint64_t one = 1;

	if (write(to_afp(nic)->efd, &one, sizeof(one)) < 0)
		return;	/* the counter is full: a wake-up is pending anyway */
}

static void afp_destroy(struct nic *nic)
{
	struct af_packet_nic *afp = to_afp(nic);

	if (afp->ring && afp->ring != MAP_FAILED)
		munmap(afp->ring, afp->ring_len);
	if (afp->fd >= 0)
		close(afp->fd);
	if (afp->efd >= 0)
		close(afp->efd);
	free(afp);
}

static const struct nic_ops af_packet_ops = {
	.xmit = afp_xmit,
	.recv = afp_recv,
	.wait = afp_wait,
	.wake = afp_wake,
	.destroy = afp_destroy,
};

/* Where nic_af_packet_new reports a failure. */
struct afp_err {
	int *err;
	char *buf;
	size_t len;
};

/* Record a failure: *err = -e and a sentence for the user; returns -e. */
static int afp_fail(const struct afp_err *ep, int e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int afp_fail(const struct afp_err *ep, int e, const char *fmt, ...)
{
	va_list ap;

	if (ep->err)
		*ep->err = -e;
	if (ep->buf && ep->len) {
		va_start(ap, fmt);
		vsnprintf(ep->buf, ep->len, fmt, ap);
		va_end(ap);
	}
	return -e;
}

/* Open the packet socket with protocol 0: it receives nothing until bind(),
 * so no frame reaches the ring before the filter is in place. */
static int afp_open_socket(struct af_packet_nic *afp, const char *ifname,
			   const struct afp_err *ep)
{
	afp->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (afp->fd < 0 && (errno == EPERM || errno == EACCES))
		return afp_fail(ep, errno,
			"connscope needs CAP_NET_RAW to open an AF_PACKET socket on %s: "
			"run it with sudo, or grant the capability: "
			"sudo setcap cap_net_raw+ep build/bin/connscope", ifname);
	if (afp->fd < 0)
		return afp_fail(ep, errno, "socket(AF_PACKET): %s", strerror(errno));
	afp->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (afp->efd < 0)
		return afp_fail(ep, errno, "eventfd: %s", strerror(errno));
	return 0;
}

/* ifindex, flags, MAC and MTU of the interface (SIOCGIF*). */
static int afp_read_ifinfo(struct af_packet_nic *afp, const char *ifname,
			   const struct afp_err *ep)
{
	struct ifreq ifr;

	if (strlen(ifname) >= IFNAMSIZ)
		return afp_fail(ep, ENODEV, "interface name too long: %s", ifname);
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(afp->fd, SIOCGIFINDEX, &ifr) < 0)
		return afp_fail(ep, ENODEV,
			"no interface named %s in this network namespace "
			"(for the lab: labs/net/up.sh, then ip netns exec cs-client ...)", ifname);
	afp->nic.ifindex = ifr.ifr_ifindex;
	if (ioctl(afp->fd, SIOCGIFFLAGS, &ifr) < 0)
		return afp_fail(ep, errno, "SIOCGIFFLAGS %s: %s", ifname, strerror(errno));
	if (!(ifr.ifr_flags & IFF_UP))
		return afp_fail(ep, ENETDOWN,
			"interface %s is down: bring it up with ip link set %s up", ifname, ifname);
	if (ioctl(afp->fd, SIOCGIFHWADDR, &ifr) < 0)
		return afp_fail(ep, errno, "SIOCGIFHWADDR %s: %s", ifname, strerror(errno));
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER)
		return afp_fail(ep, EPROTONOSUPPORT,
			"interface %s is not an Ethernet interface (link type %u)",
			ifname, (unsigned int)ifr.ifr_hwaddr.sa_family);
	memcpy(afp->nic.mac, ifr.ifr_hwaddr.sa_data, 6);
	if (ioctl(afp->fd, SIOCGIFMTU, &ifr) < 0)
		return afp_fail(ep, errno, "SIOCGIFMTU %s: %s", ifname, strerror(errno));
	afp->nic.mtu = (unsigned int)ifr.ifr_mtu;
	snprintf(afp->nic.name, sizeof(afp->nic.name), "%s", ifname);
	return 0;
}

/* The classic BPF filter: accept ARP (requests, replies, broadcast or not)
 * and IPv4 whose destination is the stack's address; drop everything else.
 * An IPv4 frame too short to hold a destination address (under 34 bytes) is
 * accepted: the stack's ip_rcv counts it in InReceives and InHdrErrors, as
 * 3.10 does, where a load past its end would have dropped it unseen.
 * stack_addr_be 0 accepts every IPv4 frame.  Writes AFP_FILTER_LEN
 * instructions to code. */
void nic_af_packet_filter(uint32_t stack_addr_be, struct sock_filter *code)
{
	const struct sock_filter prog[AFP_FILTER_LEN] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),			/* 0: A = ethertype */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, 5, 0),	/* 1: ARP -> 7 */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 5),	/* 2: not IPv4 -> 8 */
		BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),			/* 3: A = frame length */
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, ETH_HLEN + 20, 0, 2), /* 4: short -> 7 */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ETH_HLEN + 16),	/* 5: A = IPv4 daddr */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ntohl(stack_addr_be), 0, 1), /* 6 */
		BPF_STMT(BPF_RET | BPF_K, 0x40000),			/* 7: accept */
		BPF_STMT(BPF_RET | BPF_K, 0),				/* 8: drop */
	};

	memcpy(code, prog, sizeof(prog));
	if (!stack_addr_be)
		code[6] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0x40000);
}

static int afp_attach_filter(struct af_packet_nic *afp, uint32_t stack_addr_be,
			     const struct afp_err *ep)
{
	struct sock_filter code[AFP_FILTER_LEN];
	struct sock_fprog prog = { .len = AFP_FILTER_LEN, .filter = code };

	nic_af_packet_filter(stack_addr_be, code);
	if (setsockopt(afp->fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0)
		return afp_fail(ep, errno, "SO_ATTACH_FILTER: %s", strerror(errno));
	return 0;
}

/* TPACKET_V2 ring: set the version, ask for the ring, map it.  Also ask the
 * kernel not to loop the interface's outgoing frames into it. */
static int afp_setup_ring(struct af_packet_nic *afp, const struct afp_err *ep)
{
	int v = TPACKET_V2, one = 1;
	struct tpacket_req req = {
		.tp_block_size = RING_BLOCK_SIZE,
		.tp_block_nr = RING_BLOCK_NR,
		.tp_frame_size = RING_FRAME_SIZE,
		.tp_frame_nr = RING_FRAME_NR,
	};

	if (setsockopt(afp->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) < 0)
		return afp_fail(ep, errno, "PACKET_VERSION TPACKET_V2: %s", strerror(errno));
	if (setsockopt(afp->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0)
		afp->skip_outgoing = true;	/* Linux < 4.20: recv() skips them */
	if (setsockopt(afp->fd, SOL_PACKET, PACKET_COPY_THRESH, &one, sizeof(one)) < 0)
		return afp_fail(ep, errno, "PACKET_COPY_THRESH: %s", strerror(errno));
	if (setsockopt(afp->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) < 0)
		return afp_fail(ep, errno, "PACKET_RX_RING: %s", strerror(errno));
	afp->ring_len = (size_t)RING_BLOCK_SIZE * RING_BLOCK_NR;
	afp->ring = mmap(NULL, afp->ring_len, PROT_READ | PROT_WRITE, MAP_SHARED, afp->fd, 0);
	if (afp->ring == MAP_FAILED)
		return afp_fail(ep, errno, "mmap of the packet ring: %s", strerror(errno));
	return 0;
}

/* Bind to every protocol on the one interface: frames start flowing. */
static int afp_bind(struct af_packet_nic *afp, const struct afp_err *ep)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = afp->nic.ifindex,
	};

	if (bind(afp->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return afp_fail(ep, errno, "bind to %s: %s", afp->nic.name, strerror(errno));
	return 0;
}

struct nic *nic_af_packet_new(const char *ifname, uint32_t stack_addr_be,
			      int *err, char *errbuf, size_t errlen)
{
	const struct afp_err e = { err, errbuf, errlen };
	struct af_packet_nic *afp;

	if (!ifname || !*ifname) {
		afp_fail(&e, EINVAL, "no interface name");
		return NULL;
	}
	afp = calloc(1, sizeof(*afp));
	if (!afp) {
		afp_fail(&e, ENOMEM, "out of memory");
		return NULL;
	}
	afp->nic.ops = &af_packet_ops;
	afp->fd = afp->efd = -1;
	if (afp_open_socket(afp, ifname, &e) || afp_read_ifinfo(afp, ifname, &e) ||
	    afp_attach_filter(afp, stack_addr_be, &e) || afp_setup_ring(afp, &e) ||
	    afp_bind(afp, &e)) {
		afp_destroy(&afp->nic);
		return NULL;
	}
	if (err)
		*err = 0;
	return &afp->nic;
}

bool nic_af_packet_ignores_outgoing(const struct nic *nic)
{
	return !((const struct af_packet_nic *)nic)->skip_outgoing;
}
