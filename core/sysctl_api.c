// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysctl_api.c - connscope's by-name sysctl calls on a stack (connscope.h):
 * set, get, "key=value", the listing and a check on a scratch table.  They
 * stand for sysctl(8) and the write(2)/read(2) of /proc/sys files, on top
 * of cs_sysctl_apply / cs_sysctl_read (core/sysctl.c); 3.10 has no
 * counterpart in the kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sysctl.h"
#include "sysctl_table.h"
#include "net.h"
#include "connscope/connscope.h"

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
	/* 3.10's tcp_max_tw_buckets and tcp_tw_recycle point into tcp_death_row */
	net->tcp_death_row.sysctl_max_tw_buckets = net->sysctl.tcp_max_tw_buckets;
	net->tcp_death_row.sysctl_tw_recycle = net->sysctl.tcp_tw_recycle;
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
