// SPDX-License-Identifier: GPL-2.0-only
/*
 * live.c - connscope's live session: where it is and how to ask it for a
 * state dump (see live.h).  Uses the "sessions" query of babeltrace2's
 * source.ctf.lttng-live component class.
 */
#include <babeltrace2/babeltrace.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "live.h"

void live_relay_url(char *buf, size_t len)
{
	const char *e = getenv("CONNSCOPE_RELAY_PORT");
	long base = e && *e ? strtol(e, NULL, 10) : LIVE_PORT_BASE_DEFAULT;

	if (base <= 0 || base > 65533)
		base = LIVE_PORT_BASE_DEFAULT;
	snprintf(buf, len, "net://127.0.0.1:%ld", base + 2);
}

/* The lttng-live source class (a reference on its plugin in @plugin). */
static const bt_component_class_source *live_class(const bt_plugin **plugin)
{
	if (bt_plugin_find("ctf", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, plugin) !=
	    BT_PLUGIN_FIND_STATUS_OK)
		return NULL;
	return bt_plugin_borrow_source_component_class_by_name_const(*plugin, "lttng-live");
}

/* The connscope session of largest PID among the query's results. */
static enum live_find pick(const bt_value *res, char *url, size_t len)
{
	enum live_find found = LIVE_NO_SESSION;
	long best = -1;

	for (uint64_t i = 0; i < bt_value_array_get_length(res); i++) {
		const bt_value *s = bt_value_array_borrow_element_by_index_const(res, i);
		const bt_value *name = bt_value_map_borrow_entry_value_const(s, "session-name");
		const bt_value *u = bt_value_map_borrow_entry_value_const(s, "url");
		const char *n;
		long pid;

		if (!name || !u || !bt_value_is_string(name) || !bt_value_is_string(u))
			continue;
		n = bt_value_string_get(name);
		if (strncmp(n, LIVE_SESSION_PREFIX, strlen(LIVE_SESSION_PREFIX)))
			continue;
		pid = strtol(n + strlen(LIVE_SESSION_PREFIX), NULL, 10);
		if (pid > best) {
			best = pid;
			snprintf(url, len, "%s", bt_value_string_get(u));
			found = LIVE_FOUND;
		}
	}
	return found;
}

enum live_find live_find_session(const char *relay, char *url, size_t len)
{
	const bt_plugin *plugin = NULL;
	const bt_component_class_source *cls = live_class(&plugin);
	enum live_find ret = LIVE_NO_RELAY;
	bt_query_executor *q = NULL;
	const bt_value *res = NULL;
	bt_value *params;

	if (!cls) {
		bt_plugin_put_ref(plugin);
		return LIVE_NO_RELAY;
	}
	params = bt_value_map_create();
	if (params && bt_value_map_insert_string_entry(params, "url", relay) ==
	    BT_VALUE_MAP_INSERT_ENTRY_STATUS_OK)
		q = bt_query_executor_create(bt_component_class_source_as_component_class_const(cls),
					     "sessions", params);
	if (q) {
		bt_query_executor_set_logging_level(q, BT_LOGGING_LEVEL_NONE);
		if (bt_query_executor_query(q, &res) == BT_QUERY_EXECUTOR_QUERY_STATUS_OK &&
		    res && bt_value_is_array(res))
			ret = pick(res, url, len);
	}
	bt_current_thread_clear_error();
	bt_value_put_ref(res);
	bt_query_executor_put_ref(q);
	bt_value_put_ref(params);
	bt_plugin_put_ref(plugin);
	return ret;
}

pid_t live_session_pid(const char *url)
{
	const char *p = url ? strstr(url, LIVE_SESSION_PREFIX) : NULL;

	return p ? (pid_t)strtol(p + strlen(LIVE_SESSION_PREFIX), NULL, 10) : 0;
}

int live_request_statedump(pid_t pid)
{
	char path[64], comm[64] = "";
	FILE *f;

	if (pid <= 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = '\0';
	fclose(f);
	if (strncmp(comm, "connscope", 9) != 0)
		return -1;
	return kill(pid, SIGUSR1);
}
