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

/* A value being printed: truncates at @len but counts what it needs. */
struct ctl_out {
	char *buf;
	size_t len;
	size_t used;				/* characters the full value needs */
};

void ctl_printf(struct ctl_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A proc handler (kernel/sysctl.c): write() parses @val into @data, all or
 * nothing, and returns 0 or -errno with *@why saying what was wrong; read()
 * prints the value; accepts() says what a write takes, for error messages.
 */
struct ctl_handler {
	int (*write)(const struct ctl_table *t, void *data, const char *val,
		     const char **why);
	void (*read)(const struct ctl_table *t, const void *data, struct ctl_out *o);
	void (*accepts)(const struct ctl_table *t, struct ctl_out *o);
};

/* struct ctl_table, reduced: one knob. */
struct ctl_table {
	const char *procname;			/* full dotted name */
	size_t offset;				/* of the value in struct cs_sysctl */
	int maxlen;				/* number of ints (int vectors) */
	const struct ctl_handler *proc_handler;
	const long long *extra1;		/* minimum, or NULL */
	const long long *extra2;		/* maximum, or NULL */
	const char *desc;			/* one line for --help and docs */
};

/* kernel/sysctl.c handlers (core/sysctl.c). */
extern const struct ctl_handler proc_dointvec;
extern const struct ctl_handler proc_dointvec_minmax;
extern const struct ctl_handler proc_do_large_bitmap;
/* connscope's own: one u32 with bounds, one u64, one IPv4 address. */
extern const struct ctl_handler proc_douintvec_minmax;
extern const struct ctl_handler proc_dou64;
extern const struct ctl_handler proc_doipaddr;

/* Helpers the table's own handlers (ipv4_local_port_range) build on. */
int ctl_parse_intvec(const struct ctl_table *t, int *vals, const char *val,
		     bool minmax, const char **why);
void ctl_read_intvec(const struct ctl_table *t, const void *data,
		     struct ctl_out *o);

/* The table (core/sysctl_net_ipv4.c). */
extern const struct ctl_table ctl_table[];
extern const size_t ctl_table_count;

#endif
