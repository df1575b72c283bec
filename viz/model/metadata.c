// SPDX-License-Identifier: GPL-2.0-only
/*
 * metadata.c - check a CTF trace's `metadata` file before babeltrace2 reads
 * it.  libbabeltrace2 2.0.4's packetized-metadata reader never tests for
 * end of file, so a metadata file cut inside a packet makes every reader
 * (and babeltrace2 itself) spin forever.  A packetized file (CTF 1.8
 * section 7.1: magic 0x75d11d57, uuid, checksum, content and packet sizes
 * in bits, three schemes, major, minor) must be whole packets, each holding
 * at least its header; a plain-text metadata file is left to babeltrace2.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "model.h"

#define TSDL_MAGIC 0x75d11d57u
#define PKT_HEADER 37		/* bytes: 4 + 16 + 4 + 4 + 4 + 5 */

static uint32_t get32(const unsigned char *p, int big)
{
	if (big)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Walk the packets of @f (@size bytes, byte order from the magic). */
static int check_packets(FILE *f, long size, int big, char *err, size_t len)
{
	unsigned char h[PKT_HEADER];
	long off = 0;

	while (off < size) {
		uint32_t content, packet;

		if (size - off < PKT_HEADER || fseek(f, off, SEEK_SET) ||
		    fread(h, 1, PKT_HEADER, f) != PKT_HEADER) {
			snprintf(err, len, "metadata cut inside a packet header at byte %ld", off);
			return -1;
		}
		content = get32(h + 24, big);
		packet = get32(h + 28, big);
		if (get32(h, big) != TSDL_MAGIC || content % 8 || packet % 8 ||
		    content < PKT_HEADER * 8 || packet < content) {
			snprintf(err, len, "metadata packet at byte %ld is corrupt", off);
			return -1;
		}
		if ((long)(packet / 8) > size - off) {
			snprintf(err, len, "metadata cut inside a packet: the file ends at byte %ld, the packet at %ld",
				 size, off + (long)(packet / 8));
			return -1;
		}
		off += (long)(packet / 8);
	}
	return 0;
}

int model_metadata_check(const char *path, char *err, size_t len)
{
	unsigned char m[4];
	FILE *f = fopen(path, "rb");
	long size;
	int rc = 0;

	if (!f) {
		snprintf(err, len, "%s", strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		snprintf(err, len, "cannot read the metadata: %s", strerror(errno));
		fclose(f);
		return -1;
	}
	if (size >= 4 && fread(m, 1, 4, f) == 4) {
		if (get32(m, 0) == TSDL_MAGIC)
			rc = check_packets(f, size, 0, err, len);
		else if (get32(m, 1) == TSDL_MAGIC)
			rc = check_packets(f, size, 1, err, len);
	}
	fclose(f);
	return rc;
}
