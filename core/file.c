// SPDX-License-Identifier: GPL-2.0-only
/*
 * file.c - the descriptor table (fs/file.c, Linux 3.10): its allocation at
 * the stack's creation (alloc_fdtable, sized by connscope.nofile, the
 * RLIMIT_NOFILE of the stack's one process) and the lowest free descriptor
 * (__alloc_fd, __put_unused_fd).  Caller holds net->fd_lock.
 *
 * The free descriptor is found without a scan of the table: open_fds has one
 * bit per descriptor and full_fds_bits one bit per word of open_fds that is
 * full (the second level Linux 4.4 added; 3.10 searches open_fds alone).
 */
#include <errno.h>
#include <stdlib.h>
#include "net.h"

#define BITS_PER_LONG (8 * (unsigned int)sizeof(unsigned long))
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

/* find_next_zero_bit (lib/find_next_bit.c): the first clear bit of @addr at
 * or after @offset, or @size if there is none. */
static unsigned int find_next_zero_bit(const unsigned long *addr, unsigned int size,
				       unsigned int offset)
{
	unsigned int i = offset / BITS_PER_LONG;
	unsigned long w;

	if (offset >= size)
		return size;
	w = ~addr[i] & (~0UL << (offset % BITS_PER_LONG));
	while (!w) {
		if (++i >= BITS_TO_LONGS(size))
			return size;
		w = ~addr[i];
	}
	i = i * BITS_PER_LONG + (unsigned int)__builtin_ctzl(w);
	return i < size ? i : size;
}

/* alloc_fdtable - a table of @nr descriptors, all free.  -ENOMEM. */
int alloc_fdtable(struct net *net, unsigned int nr)
{
	net->fdt = calloc(nr, sizeof(*net->fdt));
	net->open_fds = calloc(BITS_TO_LONGS(nr), sizeof(unsigned long));
	net->full_fds_bits = calloc(BITS_TO_LONGS(BITS_TO_LONGS(nr)), sizeof(unsigned long));
	if (!net->fdt || !net->open_fds || !net->full_fds_bits) {
		free_fdtable(net);
		return -ENOMEM;
	}
	net->max_fds = nr;
	net->next_fd = 0;
	return 0;
}

/* free_fdtable - release what alloc_fdtable allocated. */
void free_fdtable(struct net *net)
{
	free(net->fdt);
	free(net->open_fds);
	free(net->full_fds_bits);
	net->fdt = NULL;
	net->open_fds = net->full_fds_bits = NULL;
	net->max_fds = 0;
}

static void __set_open_fd(unsigned int fd, struct net *net)
{
	unsigned int w = fd / BITS_PER_LONG;

	net->open_fds[w] |= 1UL << (fd % BITS_PER_LONG);
	if (!~net->open_fds[w])
		net->full_fds_bits[w / BITS_PER_LONG] |= 1UL << (w % BITS_PER_LONG);
}

static void __clear_open_fd(unsigned int fd, struct net *net)
{
	unsigned int w = fd / BITS_PER_LONG;

	net->open_fds[w] &= ~(1UL << (fd % BITS_PER_LONG));
	net->full_fds_bits[w / BITS_PER_LONG] &= ~(1UL << (w % BITS_PER_LONG));
}

/*
 * __alloc_fd - the lowest free descriptor, marked open: from next_fd (no
 * descriptor below it is free), the first word of open_fds that is not full
 * (through full_fds_bits), then the first clear bit in it.  -EMFILE when
 * all max_fds are open.
 */
int __alloc_fd(struct net *net)
{
	unsigned int nwords = BITS_TO_LONGS(net->max_fds);
	unsigned int fd = net->next_fd, w;

	if (fd >= net->max_fds)
		return -EMFILE;
	w = find_next_zero_bit(net->full_fds_bits, nwords, fd / BITS_PER_LONG);
	if (w >= nwords)
		return -EMFILE;
	if (w > fd / BITS_PER_LONG)
		fd = w * BITS_PER_LONG;
	fd = find_next_zero_bit(net->open_fds, net->max_fds, fd);
	if (fd >= net->max_fds)
		return -EMFILE;
	net->next_fd = fd + 1;
	__set_open_fd(fd, net);
	return (int)fd;
}

/* __put_unused_fd - @fd is free again; it is the lowest free one if it is
 * below next_fd. */
void __put_unused_fd(struct net *net, unsigned int fd)
{
	__clear_open_fd(fd, net);
	if (fd < net->next_fd)
		net->next_fd = fd;
}
