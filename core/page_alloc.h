/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * page_alloc.h - alloc_large_system_hash (mm/page_alloc.c, Linux 3.10), the
 * boot-time allocator tcp_init sizes the TCP hash tables with.
 */
#ifndef CS_PAGE_ALLOC_H
#define CS_PAGE_ALLOC_H

/*
 * alloc_large_system_hash - a zeroed table of 2^k buckets of @bucketsize
 * bytes.  @numentries 0 sizes it from memory (one bucket per 2^@scale
 * bytes); the count is rounded up to a power of two and capped at
 * @high_limit (0: 1/16 of memory) and 2^31, floored at @low_limit.
 * Stores k in *@hash_shift and 2^k - 1 in *@hash_mask when non-NULL.
 * NULL when out of memory.
 */
void *alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
			      unsigned long numentries, int scale,
			      unsigned int *hash_shift, unsigned int *hash_mask,
			      unsigned long low_limit, unsigned long high_limit);

#endif
