// SPDX-License-Identifier: GPL-2.0-only
/*
 * page_alloc.c - alloc_large_system_hash (mm/page_alloc.c, Linux 3.10):
 * the sizing rule behind the TCP established and bind hash tables.
 * Memory figures (nr_kernel_pages, nr_all_pages) are the machine's physical
 * memory as sysconf reports it; the table comes from calloc.
 */
#include <stdlib.h>
#include <unistd.h>
#include "page_alloc.h"
#include "trace.h"

/* roundup_pow_of_two for a non-zero count. */
static unsigned long roundup_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* ilog2 of a non-zero count. */
static unsigned int ilog2(unsigned long long n)
{
	unsigned int l = 0;

	while (n >>= 1)
		l++;
	return l;
}

/* The automatic size: memory rounded up to a whole MiB, one bucket per
 * 2^scale bytes, at least one page's worth of buckets. */
static unsigned long auto_entries(unsigned long bucketsize, int scale,
				  unsigned long pages, unsigned int page_shift)
{
	unsigned long n = pages;

	n += (1UL << (20 - page_shift)) - 1;
	n >>= 20 - page_shift;
	n <<= 20 - page_shift;
	if ((unsigned int)scale > page_shift)
		n >>= ((unsigned int)scale - page_shift);
	else
		n <<= (page_shift - (unsigned int)scale);
	if (n * bucketsize < (1UL << page_shift))
		n = (1UL << page_shift) / bucketsize;
	return n;
}

void *alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
			      unsigned long numentries, int scale,
			      unsigned int *hash_shift, unsigned int *hash_mask,
			      unsigned long low_limit, unsigned long high_limit)
{
	const unsigned long pages = (unsigned long)sysconf(_SC_PHYS_PAGES);
	const unsigned int page_shift = ilog2((unsigned long)sysconf(_SC_PAGESIZE));
	unsigned long long max = high_limit;
	unsigned int log2qty;
	void *table;

	if (!numentries)
		numentries = auto_entries(bucketsize, scale, pages, page_shift);
	numentries = roundup_pow_of_two(numentries);

	/* Limit the table to 1/16 of memory by default. */
	if (max == 0)
		max = ((unsigned long long)pages << page_shift >> 4) / bucketsize;
	if (max > 0x80000000ULL)
		max = 0x80000000ULL;
	if (numentries < low_limit)
		numentries = low_limit;
	if (numentries > max)
		numentries = (unsigned long)max;

	log2qty = ilog2(numentries);
	table = calloc(1UL << log2qty, bucketsize);
	cs_trace(alloc_large_system_hash, tablename, 1UL << log2qty, bucketsize,
		 table != NULL);
	if (!table)
		return NULL;
	if (hash_shift)
		*hash_shift = log2qty;
	if (hash_mask)
		*hash_mask = (1U << log2qty) - 1;
	return table;
}
