// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_pcap.c - the capture writer (nic/pcap.c) in front of the loop NIC and
 * of a backend whose transmit fails.  The file is read back byte by byte and
 * compared with the classic pcap layout written out here independently:
 * a 24-byte global header (magic a1b2c3d4, version 2.4, zone 0, sigfigs 0,
 * snaplen, linktype 1) and per frame a 16-byte record header (seconds,
 * microseconds, included length, original length) followed by the bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "harness.h"
#include "nic.h"

static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

/* A file name of our own under TMPDIR. */
static void tmp_path(char *buf, size_t len, const char *tag)
{
	snprintf(buf, len, "%s/cs-test-pcap-%ld-%s.pcap",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), tag);
}

/* The whole file in a malloc'ed buffer; *len its size. */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = malloc(1 << 16);

	*len = f && b ? fread(b, 1, 1 << 16, f) : 0;
	if (f)
		fclose(f);
	return b;
}

static uint32_t u32_at(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint16_t u16_at(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

/* Check the record at off: lengths, bytes, and a timestamp in [t0, t1]. */
static size_t expect_record(const uint8_t *b, size_t off, const uint8_t *frame,
			    size_t len, time_t t0, time_t t1)
{
	EXPECT(u32_at(b + off) >= (uint32_t)t0 && u32_at(b + off) <= (uint32_t)t1);
	EXPECT(u32_at(b + off + 4) < 1000000u);
	EXPECT_EQ(u32_at(b + off + 8), len);
	EXPECT_EQ(u32_at(b + off + 12), len);
	EXPECT(memcmp(b + off + 16, frame, len) == 0);
	return off + 16 + len;
}

/* The global header, then one record per frame sent and received, in the
 * order they crossed the NIC; the frames still reach the backend and the
 * stack unchanged. */
static void test_records_both_directions(void)
{
	uint8_t out[60], in[42], got[128], *b;
	char path[256];
	struct nic *nic = nic_loop_new("loop0", mac, 1500);
	time_t t0 = time(NULL), t1;
	size_t len, off;

	memset(out, 0xa5, sizeof(out));
	memset(in, 0x5a, sizeof(in));
	tmp_path(path, sizeof(path), "both");
	STEP("capture the loop NIC to %s", path);
	EXPECT_EQ(nic_set_pcap(nic, path), 0);
	STEP("send a 60-byte frame: the backend gets it");
	EXPECT_EQ(nic->ops->xmit(nic, out, sizeof(out)), 0);
	EXPECT_EQ(nic_loop_take(nic, got, sizeof(got)), sizeof(out));
	EXPECT(memcmp(got, out, sizeof(out)) == 0);
	STEP("receive a 42-byte frame through the wrapper");
	EXPECT_EQ(nic_loop_inject(nic, in, sizeof(in)), 0);
	EXPECT(nic->ops->wait(nic, 0) > 0);
	EXPECT_EQ(nic->ops->recv(nic, got, sizeof(got)), sizeof(in));
	EXPECT(memcmp(got, in, sizeof(in)) == 0);
	STEP("nothing more to receive: no record");
	EXPECT_EQ(nic->ops->recv(nic, got, sizeof(got)), 0);
	t1 = time(NULL);
	b = slurp(path, &len);
	STEP("file: 24 + (16 + 60) + (16 + 42) bytes");
	EXPECT_EQ(len, 24 + 16 + 60 + 16 + 42);
	EXPECT_EQ(u32_at(b), 0xa1b2c3d4u);
	EXPECT_EQ(u16_at(b + 4), 2);
	EXPECT_EQ(u16_at(b + 6), 4);
	EXPECT_EQ(u32_at(b + 8), 0);
	EXPECT_EQ(u32_at(b + 12), 0);
	EXPECT_EQ(u32_at(b + 16), 65535);
	EXPECT_EQ(u32_at(b + 20), 1);
	off = expect_record(b, 24, out, sizeof(out), t0, t1);
	expect_record(b, off, in, sizeof(in), t0, t1);
	free(b);
	nic_destroy(nic);
	unlink(path);
}

/* nic_set_pcap(nic, NULL) gives the backend its own ops back: later frames
 * are not recorded. */
static void test_stop_restores_ops(void)
{
	uint8_t f[60] = { 0 }, *b;
	char path[256];
	struct nic *nic = nic_loop_new("loop0", mac, 1500);
	const struct nic_ops *own = nic->ops;
	size_t len;

	tmp_path(path, sizeof(path), "stop");
	STEP("start: the ops are interposed");
	EXPECT_EQ(nic_set_pcap(nic, path), 0);
	EXPECT(nic->ops != own);
	STEP("stop: the backend's ops are back");
	EXPECT_EQ(nic_set_pcap(nic, NULL), 0);
	EXPECT(nic->ops == own);
	EXPECT(nic->pcap == NULL);
	EXPECT_EQ(nic->ops->xmit(nic, f, sizeof(f)), 0);
	b = slurp(path, &len);
	STEP("the file holds the global header only");
	EXPECT_EQ(len, 24);
	free(b);
	nic_destroy(nic);
	unlink(path);
}

/* A file that cannot be created: -errno, the NIC untouched. */
static void test_unwritable_path(void)
{
	struct nic *nic = nic_loop_new("loop0", mac, 1500);
	const struct nic_ops *own = nic->ops;

	STEP("capture to a directory that does not exist");
	EXPECT_EQ(nic_set_pcap(nic, "/nonexistent-dir/x.pcap"), -ENOENT);
	EXPECT(nic->ops == own);
	nic_destroy(nic);
}

/* A backend that refuses every frame: a frame that never reached the wire
 * is not in the capture, and the error reaches the caller. */
static int refuse_xmit(struct nic *nic, const void *frame, size_t len)
{
	(void)nic, (void)frame, (void)len;
	return -ENOBUFS;
}
static long none_recv(struct nic *nic, void *buf, size_t len)
{
	(void)nic, (void)buf, (void)len;
	return 0;
}
static int none_wait(struct nic *nic, int timeout_ms)
{
	(void)nic, (void)timeout_ms;
	return 0;
}
static void none_wake(struct nic *nic)
{
	(void)nic;
}
static void free_destroy(struct nic *nic)
{
	free(nic);
}
static const struct nic_ops refusing_ops = {
	refuse_xmit, none_recv, none_wait, none_wake, free_destroy,
};

static void test_failed_xmit_not_recorded(void)
{
	struct nic *nic = calloc(1, sizeof(*nic));
	uint8_t f[60] = { 0 }, *b;
	char path[256];
	size_t len;

	nic->ops = &refusing_ops;
	tmp_path(path, sizeof(path), "refuse");
	EXPECT_EQ(nic_set_pcap(nic, path), 0);
	STEP("xmit fails with -ENOBUFS through the wrapper");
	EXPECT_EQ(nic->ops->xmit(nic, f, sizeof(f)), -ENOBUFS);
	b = slurp(path, &len);
	EXPECT_EQ(len, 24);
	free(b);
	STEP("destroy through the wrapper frees the backend too (ASan checks)");
	nic_destroy(nic);
	unlink(path);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("pcap", NULL, NULL);

	CU_add_test(s, "records both directions", test_records_both_directions);
	CU_add_test(s, "stop restores the backend's ops", test_stop_restores_ops);
	CU_add_test(s, "unwritable path", test_unwritable_path);
	CU_add_test(s, "failed xmit is not recorded", test_failed_xmit_not_recorded);
}
