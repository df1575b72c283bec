// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_trace.c - libFuzzer harness of the trace readers' common path
 * (viz/model: the metadata check, libbabeltrace2's source.ctf.fs, the
 * decoder and the model), issue 12.  tests/fuzz/trace/ holds a small real
 * trace (trace_dot_connects: packetized metadata, two stream files).  An
 * input damages a copy of it:
 *   byte 0   bit 0: the file (0 a stream file, bit 2 picks which; 1 the
 *            metadata); bit 1: cut the file at the next 4 bytes (mod its size)
 *   then     patches of 5 bytes: offset (4, mod the size), new byte (1)
 * and the copy is loaded (model_load) and its tables dumped.  An error is
 * fine; a crash, a sanitizer report or a run over 10 s (a hang) is a
 * finding.  Format: tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "model.h"

static const char *const files[] = { "metadata", "channel0_0", "channel0_1" };
#define NFILES 3

static struct {
	unsigned char *data;
	size_t len;
} orig[NFILES];
static char dir[64];

static int slurp(const char *path, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET))
		return -1;
	*data = malloc((size_t)n);
	*len = (size_t)n;
	if (!*data || fread(*data, 1, *len, f) != *len)
		return -1;
	return fclose(f);
}

static int spill(const char *name, const unsigned char *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len)
		return -1;
	return fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The pristine trace, from FUZZ_TRACE_DIR (run.sh sets it). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("FUZZ_TRACE_DIR");
	char path[512];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/cs-fuzz-trace.XXXXXX");
	if (!src || !mkdtemp(dir)) {
		fprintf(stderr, "fuzz_trace: set FUZZ_TRACE_DIR to tests/fuzz/trace\n");
		exit(1);
	}
	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", src, files[i]);
		if (slurp(path, &orig[i].data, &orig[i].len) || spill(files[i], orig[i].data, orig[i].len)) {
			fprintf(stderr, "fuzz_trace: cannot read %s\n", path);
			exit(1);
		}
	}
	return 0;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int which = size && (data[0] & 1) ? 0 : 1 + (size && (data[0] & 4) ? 1 : 0);
	size_t len = orig[which].len, pos = 1;
	unsigned char *copy;
	struct model *m;

	if (!size)
		return 0;
	copy = malloc(len);
	memcpy(copy, orig[which].data, len);
	if ((data[0] & 2) && size >= 5) {
		len = get32(data + 1) % (len + 1);
		pos = 5;
	}
	for (; pos + 5 <= size; pos += 5)
		if (len)
			copy[get32(data + pos) % len] = data[pos + 4];
	spill(files[which], copy, len);
	free(copy);
	m = model_new();
	if (m && model_load(m, dir) == 0) {
		FILE *null = fopen("/dev/null", "w");

		model_dump_tables(m, null);
		fclose(null);
	}
	model_free(m);
	spill(files[which], orig[which].data, orig[which].len);
	return 0;
}
