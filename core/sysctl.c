// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysctl.c - the knobs the connect path reads, set and read by name.
 *
 * Mirrors the proc handlers of Linux 3.10's kernel/sysctl.c that parse and
 * print /proc/sys values (proc_dointvec, proc_dointvec_minmax and their
 * __do_proc_dointvec with its conv functions, proc_doulongvec_minmax,
 * proc_do_large_bitmap, on proc_get_long / proc_put_long), the lookup of a
 * name (fs/proc/proc_sysctl.c's find_entry) and the write/read of a
 * /proc/sys file, as the public cs_sysctl_* calls.  The table itself and
 * the boot defaults are in sysctl_net_ipv4.c.
 *
 * Values are written as /proc/sys files take them ("32768 61000",
 * "40000,40002-40003") and read back as the kernel prints them (vector
 * elements separated by a tab).  Names use dots; "net/ipv4/x" also works,
 * as with sysctl(8).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "sysctl.h"
#include "sysctl_table.h"

#define LONG_BITS (8 * sizeof(unsigned long))
#define CTL_BLANKS " \t\n"		/* proc_wspace_sep */

/* A value being printed: truncates at @len but counts what it needs. */
struct ctl_out {
	char *buf;
	size_t len;
	size_t used;				/* characters the full value needs */
};

/* cs_sysctl_printf - append to a value being printed (see struct ctl_out). */
static void __attribute__((format(printf, 2, 3)))
cs_sysctl_printf(struct ctl_out *o, const char *fmt, ...)
{
	size_t room = o->used < o->len ? o->len - o->used : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->used : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->used += (size_t)n;
}

/* proc_skip_spaces - step over the blanks at *@buf. */
static void proc_skip_spaces(const char **buf)
{
	*buf += strspn(*buf, CTL_BLANKS);
}

/*
 * proc_get_long - read one number at *@buf: an optional '-', then digits
 * in C syntax (0x.. hex, 0.. octal, as simple_strtoul with base 0),
 * followed by the end or one of @perm_tr.  Returns 0, -EINVAL (not a
 * number) or -ERANGE (beyond 64 bits; 3.10 wraps such a number).
 */
static int proc_get_long(const char **buf, unsigned long long *val, bool *neg,
			 const char *perm_tr)
{
	const char *p = *buf;
	char *end;

	*neg = (*p == '-');
	if (*neg)
		p++;
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	errno = 0;
	*val = strtoull(p, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end && !strchr(perm_tr, *end))
		return -EINVAL;
	*buf = end;
	return 0;
}

/* proc_put_long - print @val, with a '-' before it if @neg. */
static void proc_put_long(struct ctl_out *o, unsigned long long val, bool neg)
{
	cs_sysctl_printf(o, "%s%llu", neg ? "-" : "", val);
}

/* proc_put_char - print one character. */
static void proc_put_char(struct ctl_out *o, char c)
{
	cs_sysctl_printf(o, "%c", c);
}

/* Message for a -EINVAL / -ERANGE that a parse step returned. */
static const char *cs_sysctl_why(int err)
{
	return err == -ERANGE ? "is out of range" : "is not a valid value";
}

/*
 * do_proc_dointvec_conv - one int to or from its sign and magnitude.  A
 * magnitude beyond int is -ERANGE (3.10 truncates it).
 */
static int do_proc_dointvec_conv(bool *negp, unsigned long long *lvalp,
				 int *valp, int write, void *data)
{
	(void)data;
	if (write) {
		if (*lvalp > (unsigned long long)INT_MAX + *negp)
			return -ERANGE;
		*valp = *negp ? (int)-(long long)*lvalp : (int)*lvalp;
	} else {
		int val = *valp;

		*negp = val < 0;
		*lvalp = *negp ? (unsigned long long)-(long long)val
			       : (unsigned long long)val;
	}
	return 0;
}

struct do_proc_dointvec_minmax_conv_param {
	const long long *min;
	const long long *max;
};

/* do_proc_dointvec_minmax_conv - as above, and within min..max on a write. */
static int do_proc_dointvec_minmax_conv(bool *negp, unsigned long long *lvalp,
					int *valp, int write, void *data)
{
	struct do_proc_dointvec_minmax_conv_param *param = data;
	long long val;

	if (write) {
		if (*lvalp > (unsigned long long)INT_MAX + *negp)
			return -ERANGE;
		val = *negp ? -(long long)*lvalp : (long long)*lvalp;
		if ((param->min && *param->min > val) ||
		    (param->max && *param->max < val))
			return -ERANGE;
		*valp = (int)val;
	} else {
		return do_proc_dointvec_conv(negp, lvalp, valp, 0, NULL);
	}
	return 0;
}

typedef int dointvec_conv(bool *negp, unsigned long long *lvalp, int *valp,
			  int write, void *data);

/*
 * __do_proc_dointvec - up to maxlen / sizeof(int) ints, blank-separated on
 * a write and tab-separated on a read; a write sets the first elements it
 * is given and keeps the others.  Unlike 3.10 a write parses into a copy
 * and stores it only when every element is good, and values beyond the
 * vector are refused rather than left unread.
 */
static int __do_proc_dointvec(void *tbl_data, struct ctl_table *table,
			      int write, void *buffer, size_t *lenp,
			      dointvec_conv *conv, void *data, const char **why)
{
	int vals[CTL_MAX_INTS], *i, vleft, first = 1, err = 0;
	struct ctl_out o = { buffer, *lenp, 0 };
	const char *kbuf = buffer;

	if (!tbl_data || !table->maxlen) {
		*lenp = 0;
		return 0;
	}

	vleft = table->maxlen / (int)sizeof(*i);
	memcpy(vals, tbl_data, (size_t)table->maxlen);
	i = vals;

	if (!conv)
		conv = do_proc_dointvec_conv;

	if (!write && *lenp)
		o.buf[0] = '\0';

	for (; vleft--; i++, first = 0) {
		unsigned long long lval;
		bool neg;

		if (write) {
			proc_skip_spaces(&kbuf);

			if (!*kbuf)
				break;
			err = proc_get_long(&kbuf, &lval, &neg, CTL_BLANKS);
			if (err)
				break;
			err = conv(&neg, &lval, i, 1, data);
			if (err)
				break;
		} else {
			conv(&neg, &lval, i, 0, data);
			if (!first)
				proc_put_char(&o, '\t');
			proc_put_long(&o, lval, neg);
		}
	}

	if (write && !err) {
		proc_skip_spaces(&kbuf);
		if (*kbuf) {
			*why = "has too many values";
			return -EINVAL;
		}
	}
	if (write) {
		if (first || err) {
			*why = cs_sysctl_why(err);
			return -EINVAL;
		}
		memcpy(tbl_data, vals, (size_t)table->maxlen);
		return 0;
	}
	*lenp = o.used;
	return err;
}

static int do_proc_dointvec(struct ctl_table *table, int write, void *buffer,
			    size_t *lenp, dointvec_conv *conv, void *data,
			    const char **why)
{
	return __do_proc_dointvec(table->data, table, write, buffer, lenp,
				  conv, data, why);
}

/*
 * proc_dointvec - read or write a vector of ints.  Any int is taken (3.10
 * truncates values beyond int; they are refused here).
 */
int proc_dointvec(struct ctl_table *table, int write, void *buffer,
		  size_t *lenp, const char **why)
{
	return do_proc_dointvec(table, write, buffer, lenp, NULL, NULL, why);
}

/*
 * proc_dointvec_minmax - read or write a vector of ints, each written one
 * within table->extra1 .. table->extra2 (either may be absent).
 */
int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer,
			 size_t *lenp, const char **why)
{
	struct do_proc_dointvec_minmax_conv_param param = {
		.min = table->extra1,
		.max = table->extra2,
	};
	return do_proc_dointvec(table, write, buffer, lenp,
				do_proc_dointvec_minmax_conv, &param, why);
}

/*
 * proc_doulongvec_minmax - read or write an unsigned long (here the one
 * u64 connscope.fixed_clock_ns, without bounds).  A sign, or anything
 * after the number, is -EINVAL.
 */
int proc_doulongvec_minmax(struct ctl_table *table, int write, void *buffer,
			   size_t *lenp, const char **why)
{
	struct ctl_out o = { buffer, *lenp, 0 };
	const char *kbuf = buffer;
	unsigned long long val;
	bool neg;
	int err;

	if (!write) {
		if (*lenp)
			o.buf[0] = '\0';
		proc_put_long(&o, *(u64 *)table->data, false);
		*lenp = o.used;
		return 0;
	}
	proc_skip_spaces(&kbuf);
	err = proc_get_long(&kbuf, &val, &neg, CTL_BLANKS);
	if (!err && neg)
		err = -EINVAL;
	proc_skip_spaces(&kbuf);
	if (!err && *kbuf)
		err = -EINVAL;
	if (err) {
		*why = cs_sysctl_why(err);
		return -EINVAL;
	}
	*(u64 *)table->data = val;
	return 0;
}

/*
 * cs_sysctl_douintvec_minmax (connscope; 3.10 has no unsigned int handler)
 * - one u32 within extra1 (default 0) .. extra2 (default UINT32_MAX).
 */
int cs_sysctl_douintvec_minmax(struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, const char **why)
{
	long long lo = table->extra1 ? *table->extra1 : 0;
	long long hi = table->extra2 ? *table->extra2 : UINT32_MAX;
	u64 val = *(u32 *)table->data;
	struct ctl_table tmp = *table;
	int err;

	tmp.data = &val;
	err = proc_doulongvec_minmax(&tmp, write, buffer, lenp, why);
	if (!write || err)
		return err;
	if (val < (unsigned long long)lo || val > (unsigned long long)hi) {
		*why = "is out of range";
		return -EINVAL;
	}
	*(u32 *)table->data = (u32)val;
	return 0;
}
/*
 * proc_do_large_bitmap - the ip_local_reserved_ports bitmap as a list of
 * ports and inclusive ranges, "1,2,10-20", each below 65536.  A write
 * builds a new bitmap and, only if the whole list is good, replaces the old
 * one with it; an empty value (or a lone newline) clears it, as
 * `echo > file` does.  A port beyond the bitmap is "out of range" here
 * (3.10: -EINVAL like any other bad item).  A read prints the runs of set
 * bits the same way.
 */
int proc_do_large_bitmap(struct ctl_table *table, int write, void *buffer,
			 size_t *lenp, const char **why)
{
	unsigned long **bitmap = table->data, *tmp_bitmap;
	struct ctl_out o = { buffer, *lenp, 0 };
	const char *kbuf = buffer;
	int err = 0, first = 1;

	if (write) {
		tmp_bitmap = calloc(1, PORT_BITMAP_BYTES);
		if (!tmp_bitmap ||
		    (!*bitmap && !(*bitmap = calloc(1, PORT_BITMAP_BYTES)))) {
			free(tmp_bitmap);
			*why = "could not be stored (out of memory)";
			return -ENOMEM;
		}
		kbuf += strspn(kbuf, "\n");
		while (!err && *kbuf) {
			unsigned long long val_a, val_b;
			bool neg;

			err = proc_get_long(&kbuf, &val_a, &neg, "-,\n");
			if (err)
				break;
			if (neg) {
				err = -EINVAL;
				break;
			}
			val_b = val_a;
			if (*kbuf == '-') {
				kbuf++;
				err = proc_get_long(&kbuf, &val_b, &neg, ",\n");
				if (err)
					break;
				if (neg || val_b < val_a) {
					err = -EINVAL;
					break;
				}
			}
			if (val_b >= PORT_BITMAP_BITS) {
				err = -ERANGE;
				break;
			}
			for (unsigned long long bit = val_a; bit <= val_b; bit++)
				tmp_bitmap[bit / LONG_BITS] |= 1UL << (bit % LONG_BITS);
			first = 0;
			if (*kbuf == ',')
				kbuf++;
			kbuf += strspn(kbuf, "\n");
		}
		if (!err)
			memcpy(*bitmap, tmp_bitmap, PORT_BITMAP_BYTES);
		free(tmp_bitmap);
		if (err)
			*why = cs_sysctl_why(err);
		return err ? -EINVAL : 0;
	}

	if (*lenp)
		o.buf[0] = '\0';
	for (unsigned int bit_a = 0; *bitmap && bit_a < PORT_BITMAP_BITS; bit_a++) {
		unsigned int bit_b = bit_a;

		if (!((*bitmap)[bit_a / LONG_BITS] & (1UL << (bit_a % LONG_BITS))))
			continue;
		while (bit_b + 1 < PORT_BITMAP_BITS &&
		       ((*bitmap)[(bit_b + 1) / LONG_BITS] &
			(1UL << ((bit_b + 1) % LONG_BITS))))
			bit_b++;
		if (!first)
			proc_put_char(&o, ',');
		proc_put_long(&o, bit_a, false);
		if (bit_a != bit_b) {
			proc_put_char(&o, '-');
			proc_put_long(&o, bit_b, false);
		}
		first = 0;
		bit_a = bit_b;
	}
	*lenp = o.used;
	return 0;
}

/*
 * cs_sysctl_doipaddr (connscope) - a dotted-quad IPv4 address, kept in
 * network order; "0" is none.
 */
int cs_sysctl_doipaddr(struct ctl_table *table, int write, void *buffer,
		       size_t *lenp, const char **why)
{
	struct ctl_out o = { buffer, *lenp, 0 };
	char text[INET_ADDRSTRLEN];
	struct in_addr a;

	if (write) {
		if (strcmp(buffer, "0") == 0) {
			a.s_addr = 0;
		} else if (inet_pton(AF_INET, buffer, &a) != 1) {
			*why = "is not a valid value";
			return -EINVAL;
		}
		*(u32 *)table->data = a.s_addr;
		return 0;
	}
	if (*lenp)
		o.buf[0] = '\0';
	inet_ntop(AF_INET, table->data, text, sizeof(text));
	cs_sysctl_printf(&o, "%s", text);
	*lenp = o.used;
	return 0;
}

/* cs_sysctl_accepts - see sysctl_table.h. */
int cs_sysctl_accepts(const struct ctl_table *t, char *buf, size_t len)
{
	struct ctl_out o = { buf, len, 0 };
	int n = t->maxlen / (int)sizeof(int);

	if (len)
		buf[0] = '\0';
	if (t->proc_handler == ipv4_local_port_range)
		cs_sysctl_printf(&o, "two integers 'low high' with %lld <= low <= high <= %lld",
				 *t->extra1, *t->extra2);
	else if (t->proc_handler == proc_do_large_bitmap)
		cs_sysctl_printf(&o, "comma-separated ports and ranges 0..65535 such as "
				 "'1,2,10-20', or empty");
	else if (t->proc_handler == cs_sysctl_douintvec_minmax)
		cs_sysctl_printf(&o, "unsigned integer %lld..%lld", t->extra1 ? *t->extra1 : 0,
				 t->extra2 ? *t->extra2 : (long long)UINT32_MAX);
	else if (t->proc_handler == proc_doulongvec_minmax)
		cs_sysctl_printf(&o, "unsigned integer 0..18446744073709551615");
	else if (t->proc_handler == cs_sysctl_doipaddr)
		cs_sysctl_printf(&o, "IPv4 address a.b.c.d, or 0 for none");
	else if (n > 1)
		cs_sysctl_printf(&o, "%d integers", n);
	else
		cs_sysctl_printf(&o, "integer");
	if (t->proc_handler != proc_dointvec_minmax)
		return (int)o.used;
	if (t->extra1 && t->extra2)
		cs_sysctl_printf(&o, " %lld..%lld", *t->extra1, *t->extra2);
	else if (t->extra1)
		cs_sysctl_printf(&o, " >= %lld", *t->extra1);
	else if (t->extra2)
		cs_sysctl_printf(&o, " <= %lld", *t->extra2);
	return (int)o.used;
}

/* ---- by name ------------------------------------------------------------- */

/*
 * find_entry - mirrors fs/proc/proc_sysctl.c's lookup of a name, flattened:
 * one table of full dotted names, where '/' and '.' are the same separator
 * (as sysctl(8) translates them).
 */
static const struct ctl_table *find_entry(const char *name)
{
	for (size_t i = 0; i < ctl_table_count; i++) {
		const char *procname = ctl_table[i].procname, *key = name;

		for (; *procname && *key; procname++, key++)
			if ((*key == '/' ? '.' : *key) != *procname)
				break;
		if (!*procname && !*key)
			return &ctl_table[i];
	}
	return NULL;
}

/*
 * cs_sysctl_apply - the write(2) to /proc/sys/<key>: find @key, parse @val
 * with its handler and store it.  Returns 0, -ENOENT (unknown key),
 * -EINVAL (bad value) or -ENOMEM, with a message in @err naming the key and
 * what it accepts.  Nothing is stored on failure.  No lock: as in 3.10, a
 * running stack reads the knobs without one.
 */
int cs_sysctl_apply(struct cs_sysctl *s, const char *key, const char *val,
		    char *err, size_t errlen)
{
	const struct ctl_table *t = find_entry(key);
	const char *why = "is not a valid value";
	size_t len = strlen(val);
	struct ctl_table tmp;
	char accepted[160];
	int ret;

	if (!t) {
		snprintf(err, errlen, "unknown sysctl '%s'", key);
		return -ENOENT;
	}
	tmp = *t;
	tmp.data = (char *)s + t->offset;
	ret = t->proc_handler(&tmp, 1, (char *)val, &len, &why);
	if (ret == 0) {
		snprintf(err, errlen, "%s", "");
		return 0;
	}
	cs_sysctl_accepts(t, accepted, sizeof(accepted));
	snprintf(err, errlen, "%s: '%s' %s (accepted: %s)", t->procname, val, why,
		 accepted);
	return ret;
}

/*
 * cs_sysctl_read - the read(2) of /proc/sys/<key> without the newline.
 * Writes at most @len bytes (NUL included) into @buf and returns the length
 * the full value needs (like snprintf), or -ENOENT for an unknown key.
 */
int cs_sysctl_read(const struct cs_sysctl *s, const char *key, char *buf,
		   size_t len)
{
	const struct ctl_table *t = find_entry(key);
	const char *why = NULL;
	struct ctl_table tmp;

	if (!t)
		return -ENOENT;
	tmp = *t;
	tmp.data = (char *)s + t->offset;
	t->proc_handler(&tmp, 0, buf, &len, &why);
	return (int)len;
}

/* cs_sysctl_describe - the one-line description of @key, or NULL. */
const char *cs_sysctl_describe(const char *key)
{
	const struct ctl_table *t = find_entry(key);

	return t ? t->desc : NULL;
}
