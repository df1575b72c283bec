// SPDX-License-Identifier: GPL-2.0-only
/*
 * pcap.c - a capture file of every frame a NIC sends and receives, in the
 * classic libpcap format that Wireshark and tshark read.
 *
 * It works with any backend by interposition: nic_set_pcap() saves the
 * backend's nic_ops and puts pcap_ops in their place; each pcap op calls the
 * backend's and records the frame.  The stack keeps calling nic->ops as
 * before and never knows.  A frame is recorded after the backend has sent
 * it (a frame the backend refused never reached the wire) or as soon as the
 * backend has handed it over; the timestamp is the real time at that moment.
 *
 * Threads: xmit may run in several threads at once; the file is written
 * under a mutex, one record at a time, and flushed after each record so
 * that the file is complete up to the last frame even if the program dies.
 * A send holds the mutex from the backend's call until its record is
 * written: the peer may answer at once, and another thread receiving the
 * answer would otherwise record it (and what follows) before the frame
 * that caused it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "nic.h"

#define PCAP_MAGIC		0xa1b2c3d4u	/* microsecond timestamps */
#define PCAP_VERSION_MAJOR	2
#define PCAP_VERSION_MINOR	4
#define PCAP_SNAPLEN		65535u
#define PCAP_LINKTYPE_ETHERNET	1u

struct pcap_file_header {
	uint32_t magic;
	uint16_t version_major;
	uint16_t version_minor;
	int32_t thiszone;
	uint32_t sigfigs;
	uint32_t snaplen;
	uint32_t linktype;
};

struct pcap_rec_header {
	uint32_t ts_sec;
	uint32_t ts_usec;
	uint32_t incl_len;
	uint32_t orig_len;
};

struct nic_pcap {
	const struct nic_ops *inner;	/* the backend's own ops */
	FILE *f;
	pthread_mutex_t lock;		/* one record at a time */
};

/* Append one record (header and frame) and flush it; caller holds p->lock. */
static void pcap_record(struct nic_pcap *p, const void *frame, size_t len)
{
	struct timespec ts;
	struct pcap_rec_header h;

	clock_gettime(CLOCK_REALTIME, &ts);
	h.ts_sec = (uint32_t)ts.tv_sec;
	h.ts_usec = (uint32_t)(ts.tv_nsec / 1000);
	h.orig_len = (uint32_t)len;
	h.incl_len = len > PCAP_SNAPLEN ? PCAP_SNAPLEN : (uint32_t)len;
	if (fwrite(&h, sizeof(h), 1, p->f) == 1)
		fwrite(frame, 1, h.incl_len, p->f);
	fflush(p->f);
}

static int pcap_xmit(struct nic *nic, const void *frame, size_t len)
{
	struct nic_pcap *p = nic->pcap;
	int err;

	pthread_mutex_lock(&p->lock);
	err = p->inner->xmit(nic, frame, len);
	if (!err)
		pcap_record(p, frame, len);
	pthread_mutex_unlock(&p->lock);
	return err;
}

static long pcap_recv(struct nic *nic, void *buf, size_t len)
{
	struct nic_pcap *p = nic->pcap;
	long n = p->inner->recv(nic, buf, len);

	if (n > 0) {
		pthread_mutex_lock(&p->lock);
		pcap_record(p, buf, (size_t)n);
		pthread_mutex_unlock(&p->lock);
	}
	return n;
}

static int pcap_wait(struct nic *nic, int timeout_ms)
{
	return nic->pcap->inner->wait(nic, timeout_ms);
}

static void pcap_wake(struct nic *nic)
{
	nic->pcap->inner->wake(nic);
}

/* Close the capture and give the NIC its own ops back. */
static void pcap_detach(struct nic *nic)
{
	struct nic_pcap *p = nic->pcap;

	nic->ops = p->inner;
	nic->pcap = NULL;
	fclose(p->f);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

static void pcap_destroy(struct nic *nic)
{
	pcap_detach(nic);
	nic->ops->destroy(nic);
}

static const struct nic_ops pcap_ops = {
	.xmit = pcap_xmit,
	.recv = pcap_recv,
	.wait = pcap_wait,
	.wake = pcap_wake,
	.destroy = pcap_destroy,
};

/* Create path and write the global header. */
static FILE *pcap_create(const char *path)
{
	const struct pcap_file_header fh = {
		.magic = PCAP_MAGIC,
		.version_major = PCAP_VERSION_MAJOR,
		.version_minor = PCAP_VERSION_MINOR,
		.snaplen = PCAP_SNAPLEN,
		.linktype = PCAP_LINKTYPE_ETHERNET,
	};
	FILE *f = fopen(path, "wbe");

	if (!f)
		return NULL;
	if (fwrite(&fh, sizeof(fh), 1, f) != 1 || fflush(f) != 0) {
		int e = errno;

		fclose(f);
		errno = e ? e : EIO;
		return NULL;
	}
	return f;
}

int nic_set_pcap(struct nic *nic, const char *path)
{
	struct nic_pcap *p;

	if (!nic)
		return -EINVAL;
	if (nic->pcap && nic->ops == &pcap_ops)
		pcap_detach(nic);
	if (!path)
		return 0;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->f = pcap_create(path);
	if (!p->f) {
		int e = errno;

		free(p);
		return -e;
	}
	pthread_mutex_init(&p->lock, NULL);
	p->inner = nic->ops;
	nic->ops = &pcap_ops;
	nic->pcap = p;
	return 0;
}
