// SPDX-License-Identifier: GPL-2.0-only
/*
 * pane_table.c - the pane table: each pane's name, drawing, title words
 * and help line in one entry, so a pane is added or changed in one place.
 */
#include "panes.h"

const struct pane_def view_panes[PANE_COUNT] = {
	[PANE_CODE] = { "Code", pane_code_draw, pane_code_title,
			"the seed's function running, the current line '>', the call stack." },
	[PANE_SOCKET] = { "Socket", pane_socket_draw, pane_socket_title,
			  "its state machine, [current state], sequence numbers, timers." },
	[PANE_TABLES] = { "Tables", pane_tables_draw, pane_tables_title,
			  "ehash, bhash, listening hash ('*' just inserted); S: the port search." },
	[PANE_PACKETS] = { "Packets", pane_packets_draw, pane_packets_title,
			   "one line per frame, the selected one in detail." },
	[PANE_EVENTS] = { "Events", pane_events_draw, pane_events_title,
			  "the raw log, '>' the current event." },
};

const char *pane_name(int pane)
{
	return pane >= 0 && pane < PANE_COUNT ? view_panes[pane].name : "?";
}
