// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysctl.c - the knobs the connect path reads, set and read by name.
 *
 * Mirrors the proc handlers of Linux 3.10's kernel/sysctl.c that parse and
 * print /proc/sys values (proc_dointvec, proc_dointvec_minmax,
 * proc_do_large_bitmap) and the write/read of a /proc/sys file, as the
 * public cs_sysctl_* calls.  The table itself and the boot defaults are in
 * sysctl_net_ipv4.c.
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
#include "net.h"
#include "connscope/connscope.h"

#define LONG_BITS (8 * sizeof(unsigned long))
#define CTL_BLANKS " \t\n"		/* proc_wspace_sep */

/* ctl_printf - append to a value being printed (see struct ctl_out). */
void ctl_printf(struct ctl_out *o, const char *fmt, ...)
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

/* ---- parsing helpers (kernel/sysctl.c proc_get_long) ------------------ */

/*
 * proc_get_num - read one number at *@p: an optional '-', then digits in C
 * syntax (0x.. hex, 0.. octal, as the kernel's simple_strtoul base 0),
 * followed by the end or one of @trailers.  Returns 0, -EINVAL (not a
 * number) or -ERANGE (beyond 64 bits).
 */
static int proc_get_num(const char **p, const char *trailers, bool *neg,
			unsigned long long *mag)
{
	const char *s = *p;
	char *end;

	*neg = (*s == '-');
	if (*neg)
		s++;
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*mag = strtoull(s, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end && !strchr(trailers, *end))
		return -EINVAL;
	*p = end;
	return 0;
}

static bool ctl_in_bounds(const struct ctl_table *t, long long v)
{
	return (!t->extra1 || v >= *t->extra1) && (!t->extra2 || v <= *t->extra2);
}

/*
 * ctl_parse_intvec - the write side of __do_proc_dointvec: up to t->maxlen
 * blank-separated integers into @vals; elements not given keep their value.
 * With @minmax each is checked against extra1/extra2
 * (do_proc_dointvec_minmax_conv).  An empty value is -EINVAL, as in 3.10.
 */
int ctl_parse_intvec(const struct ctl_table *t, int *vals, const char *val,
		     bool minmax, const char **why)
{
	const char *p = val;
	int n = 0;

	for (;;) {
		unsigned long long mag;
		bool neg;
		long long v;
		int err;

		p += strspn(p, CTL_BLANKS);
		if (!*p)
			break;
		if (n == t->maxlen) {
			*why = "has too many values";
			return -EINVAL;
		}
		err = proc_get_num(&p, CTL_BLANKS, &neg, &mag);
		if (err == 0 && mag > (unsigned long long)INT_MAX + neg)
			err = -ERANGE;
		v = neg ? -(long long)mag : (long long)mag;
		if (err == 0 && minmax && !ctl_in_bounds(t, v))
			err = -ERANGE;
		if (err) {
			*why = err == -ERANGE ? "is out of range" : "is not a valid value";
			return -EINVAL;
		}
		vals[n++] = (int)v;
	}
	if (n == 0) {
		*why = "is not a valid value";
		return -EINVAL;
	}
	return 0;
}

/* "integer", "integer 0..2", "3 integers >= 1": what an int knob takes. */
static void accepts_ints(const struct ctl_table *t, struct ctl_out *o,
			 bool minmax)
{
	if (t->maxlen > 1)
		ctl_printf(o, "%d integers", t->maxlen);
	else
		ctl_printf(o, "integer");
	if (!minmax)
		return;
	if (t->extra1 && t->extra2)
		ctl_printf(o, " %lld..%lld", *t->extra1, *t->extra2);
	else if (t->extra1)
		ctl_printf(o, " >= %lld", *t->extra1);
	else if (t->extra2)
		ctl_printf(o, " <= %lld", *t->extra2);
}

/* The read side of __do_proc_dointvec: values separated by tabs. */
void ctl_read_intvec(const struct ctl_table *t, const void *data,
		     struct ctl_out *o)
{
	const int *vals = data;

	for (int i = 0; i < t->maxlen; i++)
		ctl_printf(o, i ? "\t%d" : "%d", vals[i]);
}

/* ---- the handlers ------------------------------------------------------ */

/* proc_dointvec: any int (3.10 truncates out-of-int values; we refuse them). */
static int write_dointvec(const struct ctl_table *t, void *data, const char *val,
			  const char **why)
{
	int tmp[CTL_MAX_INTS];
	int err;

	memcpy(tmp, data, sizeof(int) * (size_t)t->maxlen);
	err = ctl_parse_intvec(t, tmp, val, false, why);
	if (!err)
		memcpy(data, tmp, sizeof(int) * (size_t)t->maxlen);
	return err;
}

static void accepts_dointvec(const struct ctl_table *t, struct ctl_out *o)
{
	accepts_ints(t, o, false);
}

const struct ctl_handler proc_dointvec = {
	write_dointvec, ctl_read_intvec, accepts_dointvec,
};

/* proc_dointvec_minmax: each int within extra1..extra2. */
static int write_dointvec_minmax(const struct ctl_table *t, void *data,
				 const char *val, const char **why)
{
	int tmp[CTL_MAX_INTS];
	int err;

	memcpy(tmp, data, sizeof(int) * (size_t)t->maxlen);
	err = ctl_parse_intvec(t, tmp, val, true, why);
	if (!err)
		memcpy(data, tmp, sizeof(int) * (size_t)t->maxlen);
	return err;
}

static void accepts_dointvec_minmax(const struct ctl_table *t, struct ctl_out *o)
{
	accepts_ints(t, o, true);
}

const struct ctl_handler proc_dointvec_minmax = {
	write_dointvec_minmax, ctl_read_intvec, accepts_dointvec_minmax,
};

/* One "a" or "a-b" item of a port list into @bitmap; -EINVAL / -ERANGE. */
static int parse_port_item(const char **p, unsigned long *bitmap)
{
	unsigned long long a, b;
	bool neg;
	int err;

	err = proc_get_num(p, "-,\n", &neg, &a);
	if (err || neg)
		return err ? err : -EINVAL;
	b = a;
	if (**p == '-') {
		(*p)++;
		err = proc_get_num(p, ",\n", &neg, &b);
		if (err || neg || b < a)
			return err ? err : -EINVAL;
	}
	if (b >= PORT_BITMAP_BITS)
		return -ERANGE;
	for (unsigned long long port = a; port <= b; port++)
		bitmap[port / LONG_BITS] |= 1UL << (port % LONG_BITS);
	if (**p == ',')
		(*p)++;
	return 0;
}

/*
 * proc_do_large_bitmap (write) - "1,2,10-20": comma-separated ports and
 * inclusive ranges, each below 65536.  The new set replaces the old one;
 * an empty value (or a lone newline) clears it, as `echo > file` does.
 */
static int write_large_bitmap(const struct ctl_table *t, void *data,
			      const char *val, const char **why)
{
	unsigned long **bitmap = data;
	unsigned long *tmp = calloc(1, PORT_BITMAP_BYTES);
	const char *p = val;
	int err = 0;

	(void)t;
	if (!tmp || (!*bitmap && !(*bitmap = calloc(1, PORT_BITMAP_BYTES)))) {
		free(tmp);
		*why = "could not be stored (out of memory)";
		return -ENOMEM;
	}
	p += strspn(p, "\n");
	while (!err && *p) {
		err = parse_port_item(&p, tmp);
		p += strspn(p, "\n");
	}
	if (err)
		*why = err == -ERANGE ? "is out of range" : "is not a valid value";
	else
		memcpy(*bitmap, tmp, PORT_BITMAP_BYTES);
	free(tmp);
	return err ? -EINVAL : 0;
}

static bool port_bit(const unsigned long *bitmap, unsigned int port)
{
	return bitmap[port / LONG_BITS] & (1UL << (port % LONG_BITS));
}

/* proc_do_large_bitmap (read) - runs of set bits as "a" or "a-b", comma-separated. */
static void read_large_bitmap(const struct ctl_table *t, const void *data,
			      struct ctl_out *o)
{
	const unsigned long *bitmap = *(unsigned long *const *)data;
	bool first = true;

	(void)t;
	for (unsigned int a = 0; bitmap && a < PORT_BITMAP_BITS; a++) {
		unsigned int b = a;

		if (!port_bit(bitmap, a))
			continue;
		while (b + 1 < PORT_BITMAP_BITS && port_bit(bitmap, b + 1))
			b++;
		ctl_printf(o, "%s%u", first ? "" : ",", a);
		if (b != a)
			ctl_printf(o, "-%u", b);
		first = false;
		a = b;
	}
}

static void accepts_large_bitmap(const struct ctl_table *t, struct ctl_out *o)
{
	(void)t;
	ctl_printf(o, "comma-separated ports and ranges 0..65535 such as "
		   "'1,2,10-20', or empty");
}

const struct ctl_handler proc_do_large_bitmap = {
	write_large_bitmap, read_large_bitmap, accepts_large_bitmap,
};

/* One unsigned number (no sign), for the connscope u32/u64 knobs. */
static int parse_unsigned(const char *val, unsigned long long *v, const char **why)
{
	const char *p = val + strspn(val, CTL_BLANKS);
	bool neg;
	int err = proc_get_num(&p, CTL_BLANKS, &neg, v);

	if (!err && (neg || p[strspn(p, CTL_BLANKS)]))
		err = -EINVAL;
	if (err)
		*why = err == -ERANGE ? "is out of range" : "is not a valid value";
	return err ? -EINVAL : 0;
}

/* proc_douintvec_minmax (connscope): one u32 within extra1..extra2. */
static int write_u32(const struct ctl_table *t, void *data, const char *val,
		     const char **why)
{
	unsigned long long v;
	long long lo = t->extra1 ? *t->extra1 : 0;
	long long hi = t->extra2 ? *t->extra2 : UINT32_MAX;

	if (parse_unsigned(val, &v, why))
		return -EINVAL;
	if (v < (unsigned long long)lo || v > (unsigned long long)hi) {
		*why = "is out of range";
		return -EINVAL;
	}
	*(u32 *)data = (u32)v;
	return 0;
}

static void read_u32(const struct ctl_table *t, const void *data, struct ctl_out *o)
{
	(void)t;
	ctl_printf(o, "%u", *(const u32 *)data);
}

static void accepts_u32(const struct ctl_table *t, struct ctl_out *o)
{
	ctl_printf(o, "unsigned integer %lld..%lld", t->extra1 ? *t->extra1 : 0,
		   t->extra2 ? *t->extra2 : (long long)UINT32_MAX);
}

const struct ctl_handler proc_douintvec_minmax = {
	write_u32, read_u32, accepts_u32,
};

/* proc_dou64 (connscope): one unsigned 64-bit integer. */
static int write_u64(const struct ctl_table *t, void *data, const char *val,
		     const char **why)
{
	unsigned long long v;

	(void)t;
	if (parse_unsigned(val, &v, why))
		return -EINVAL;
	*(u64 *)data = v;
	return 0;
}

static void read_u64(const struct ctl_table *t, const void *data, struct ctl_out *o)
{
	(void)t;
	ctl_printf(o, "%llu", (unsigned long long)*(const u64 *)data);
}

static void accepts_u64(const struct ctl_table *t, struct ctl_out *o)
{
	(void)t;
	ctl_printf(o, "unsigned integer 0..18446744073709551615");
}

const struct ctl_handler proc_dou64 = {
	write_u64, read_u64, accepts_u64,
};

/* proc_doipaddr (connscope): a dotted-quad IPv4 address, kept in network order. */
static int write_ipaddr(const struct ctl_table *t, void *data, const char *val,
			const char **why)
{
	struct in_addr a;

	(void)t;
	if (strcmp(val, "0") == 0) {
		a.s_addr = 0;
	} else if (inet_pton(AF_INET, val, &a) != 1) {
		*why = "is not a valid value";
		return -EINVAL;
	}
	*(u32 *)data = a.s_addr;
	return 0;
}

static void read_ipaddr(const struct ctl_table *t, const void *data,
			struct ctl_out *o)
{
	char text[INET_ADDRSTRLEN];

	(void)t;
	inet_ntop(AF_INET, data, text, sizeof(text));
	ctl_printf(o, "%s", text);
}

static void accepts_ipaddr(const struct ctl_table *t, struct ctl_out *o)
{
	(void)t;
	ctl_printf(o, "IPv4 address a.b.c.d, or 0 for none");
}

const struct ctl_handler proc_doipaddr = {
	write_ipaddr, read_ipaddr, accepts_ipaddr,
};

/* ---- by name ------------------------------------------------------------- */

/* Names compare with '/' and '.' as the same separator, as sysctl(8) allows. */
static bool ctl_name_eq(const char *procname, const char *key)
{
	for (; *procname && *key; procname++, key++) {
		char k = *key == '/' ? '.' : *key;

		if (k != *procname)
			return false;
	}
	return *procname == *key;
}

static const struct ctl_table *ctl_find(const char *key)
{
	for (size_t i = 0; i < ctl_table_count; i++)
		if (ctl_name_eq(ctl_table[i].procname, key))
			return &ctl_table[i];
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
	const struct ctl_table *t = ctl_find(key);
	const char *why = "is not a valid value";
	char accepted[160];
	struct ctl_out o = { accepted, sizeof(accepted), 0 };
	int ret;

	if (!t) {
		snprintf(err, errlen, "unknown sysctl '%s'", key);
		return -ENOENT;
	}
	ret = t->proc_handler->write(t, (char *)s + t->offset, val, &why);
	if (ret == 0) {
		snprintf(err, errlen, "%s", "");
		return 0;
	}
	t->proc_handler->accepts(t, &o);
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
	const struct ctl_table *t = ctl_find(key);
	struct ctl_out o = { buf, len, 0 };

	if (!t)
		return -ENOENT;
	if (len)
		buf[0] = '\0';
	t->proc_handler->read(t, (const char *)s + t->offset, &o);
	return (int)o.used;
}

/* cs_sysctl_describe - the one-line description of @key, or NULL. */
const char *cs_sysctl_describe(const char *key)
{
	const struct ctl_table *t = ctl_find(key);

	return t ? t->desc : NULL;
}

/*
 * After a write, copy the knobs 3.10 keeps inside tcp_death_row (its
 * sysctl data pointers point there) into the stack's death row.
 */
static void sysctl_sync_death_row(struct net *net)
{
	net->tcp_death_row.sysctl_max_tw_buckets = net->sysctl.tcp_max_tw_buckets;
	net->tcp_death_row.sysctl_tw_recycle = net->sysctl.tcp_tw_recycle;
}

/* cs_sysctl_set - see connscope.h. */
int cs_sysctl_set(struct net *net, const char *key, const char *value)
{
	int ret;

	if (!net || !key || !value) {
		errno = EINVAL;
		return -1;
	}
	ret = cs_sysctl_apply(&net->sysctl, key, value, net->sysctl_err,
			      sizeof(net->sysctl_err));
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	sysctl_sync_death_row(net);
	return 0;
}

/* cs_sysctl_get - see connscope.h; ERANGE when @buf is too small. */
int cs_sysctl_get(struct net *net, const char *key, char *buf, size_t len)
{
	int ret;

	if (!net || !key || !buf) {
		errno = EINVAL;
		return -1;
	}
	ret = cs_sysctl_read(&net->sysctl, key, buf, len);
	if (ret == -ENOENT)
		snprintf(net->sysctl_err, sizeof(net->sysctl_err),
			 "unknown sysctl '%s'", key);
	if (ret >= 0 && (size_t)ret >= len)
		ret = -ERANGE;
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return 0;
}

/* cs_sysctl_strerror - the message of the last failed set/get ("" if none). */
const char *cs_sysctl_strerror(struct net *net)
{
	return net ? net->sysctl_err : "no stack";
}

/* cs_sysctl_set_kv - "key=value" (blanks around the key are ignored). */
int cs_sysctl_set_kv(struct net *net, const char *kv)
{
	const char *eq = kv ? strchr(kv, '=') : NULL;
	char key[128];
	size_t start, end;

	if (!net || !eq) {
		if (net)
			snprintf(net->sysctl_err, sizeof(net->sysctl_err),
				 "'%s' is not key=value", kv ? kv : "(null)");
		errno = EINVAL;
		return -1;
	}
	start = strspn(kv, " \t");
	end = (size_t)(eq - kv);
	while (end > start && (kv[end - 1] == ' ' || kv[end - 1] == '\t'))
		end--;
	if (end - start >= sizeof(key)) {
		snprintf(net->sysctl_err, sizeof(net->sysctl_err),
			 "unknown sysctl '%.*s'", (int)(end - start), kv + start);
		errno = ENOENT;
		return -1;
	}
	memcpy(key, kv + start, end - start);
	key[end - start] = '\0';
	return cs_sysctl_set(net, key, eq + 1);
}

/* cs_sysctl_foreach - every knob in table order with its current value. */
void cs_sysctl_foreach(struct net *net,
		       void (*fn)(const char *key, const char *value, void *arg),
		       void *arg)
{
	for (size_t i = 0; net && fn && i < ctl_table_count; i++) {
		const char *name = ctl_table[i].procname;
		char small[128];
		int need = cs_sysctl_read(&net->sysctl, name, small, sizeof(small));
		char *big = NULL;

		if (need >= (int)sizeof(small)) {
			big = malloc((size_t)need + 1);
			if (big)
				cs_sysctl_read(&net->sysctl, name, big, (size_t)need + 1);
		}
		fn(name, big ? big : small, arg);
		free(big);
	}
}

/* cs_sysctl_check - see connscope.h: try "key=value" on a scratch table. */
int cs_sysctl_check(const char *kv, char *err, size_t errlen)
{
	struct cs_sysctl s;
	char key[128];
	const char *eq = kv ? strchr(kv, '=') : NULL;
	int ret;

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof(key)) {
		snprintf(err, errlen, "'%s' is not KEY=VALUE", kv ? kv : "");
		errno = EINVAL;
		return -1;
	}
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	cs_sysctl_defaults(&s);
	ret = cs_sysctl_apply(&s, key, eq + 1, err, errlen);
	cs_sysctl_free(&s);
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return 0;
}
