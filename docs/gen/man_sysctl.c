// SPDX-License-Identifier: GPL-2.0-only
/*
 * man_sysctl - the SYSCTL KEYS section of connscope(1), printed as troff
 * from the sysctl table itself (core/sysctl_net_ipv4.c's ctl_table): each
 * key with its description, its default and what it accepts.  make
 * splices it between the page's "sysctl-keys" markers.
 */
#include <stdio.h>
#include "sysctl.h"
#include "sysctl_table.h"

/* Text for troff: a backslash is \e, a hyphen \-, a tab a space. */
static void esc(const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			putchar(' ');
		else if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

int main(void)
{
	struct cs_sysctl s;

	cs_sysctl_defaults(&s);
	for (size_t i = 0; i < ctl_table_count; i++) {
		const struct ctl_table *t = &ctl_table[i];
		char val[128], acc[160];
		if (cs_sysctl_read(&s, t->procname, val, sizeof(val)) < 0)
			val[0] = 0;
		cs_sysctl_accepts(t, acc, sizeof(acc));
		fputs(".TP\n.B ", stdout);
		esc(t->procname);
		putchar('\n');
		esc(t->desc ? t->desc : "");
		fputs("\nDefault: ", stdout);
		esc(*val ? val : "(empty)");
		fputs("; accepts ", stdout);
		esc(acc);
		fputs(".\n", stdout);
	}
	cs_sysctl_free(&s);
	return 0;
}
