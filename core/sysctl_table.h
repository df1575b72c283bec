/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl_table.h - private to core/sysctl.c (the proc handlers of
 * kernel/sysctl.c and the by-name API) and core/sysctl_net_ipv4.c (the
 * table of net/ipv4/sysctl_net_ipv4.c and the boot defaults).
 */
#ifndef CS_SYSCTL_TABLE_H
#define CS_SYSCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#define PORT_BITMAP_BITS 65536			/* ip_local_reserved_ports */
#define PORT_BITMAP_BYTES (PORT_BITMAP_BITS / 8)
#define CTL_MAX_INTS 3				/* the longest int vector (tcp_rmem) */

struct ctl_table;

/*
 * proc_handler (include/linux/sysctl.h): one function per kind of value,
 * told by @write which way it goes.  write == 0 prints table->data into
 * @buffer (at most *@lenp bytes with the NUL, no trailing newline) and sets
 * *@lenp to the length the whole value needs.  write == 1 parses the
 * NUL-terminated @buffer into table->data, all or nothing.  Returns 0 or a
 * -errno as 3.10 does; on failure *@why says what was wrong (user space
 * reports it; 3.10's write(2) has only the errno).  No file position: a
 * value is read or written whole.
 */
typedef int proc_handler(struct ctl_table *ctl, int write, void *buffer,
			 size_t *lenp, const char **why);

/*
 * struct ctl_table, one knob.  3.10's per-net tables are copies of
 * ipv4_net_table whose data pointers ipv4_sysctl_init_net moves into the
 * namespace; here the table holds the offset of the value in struct
 * cs_sysctl and a handler is given a copy with @data set from it.
 */
struct ctl_table {
	const char *procname;			/* full dotted name */
	void *data;				/* NULL in ctl_table[] */
	size_t offset;				/* of the value in struct cs_sysctl */
	int maxlen;				/* size of the value, in bytes */
	proc_handler *proc_handler;
	const long long *extra1;		/* minimum, or NULL */
	const long long *extra2;		/* maximum, or NULL */
	const char *desc;			/* one line for --help and docs */
};

/* kernel/sysctl.c handlers (core/sysctl.c). */
int proc_dointvec(struct ctl_table *table, int write, void *buffer,
		  size_t *lenp, const char **why);
int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer,
			 size_t *lenp, const char **why);
int proc_doulongvec_minmax(struct ctl_table *table, int write, void *buffer,
			   size_t *lenp, const char **why);
int proc_do_large_bitmap(struct ctl_table *table, int write, void *buffer,
			 size_t *lenp, const char **why);
/* connscope's own: one u32 with bounds, one IPv4 address. */
int cs_sysctl_douintvec_minmax(struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, const char **why);
int cs_sysctl_doipaddr(struct ctl_table *table, int write, void *buffer,
		       size_t *lenp, const char **why);
/* net/ipv4/sysctl_net_ipv4.c's handler (core/sysctl_net_ipv4.c). */
int ipv4_local_port_range(struct ctl_table *table, int write, void *buffer,
			  size_t *lenp, const char **why);

/*
 * cs_sysctl_accepts - what a write to @t takes ("integer 0..2"), for error
 * messages and the manual page; returns the length, like snprintf.
 */
int cs_sysctl_accepts(const struct ctl_table *t, char *buf, size_t len);

/* The table (core/sysctl_net_ipv4.c). */
extern const struct ctl_table ctl_table[];
extern const size_t ctl_table_count;

#endif
