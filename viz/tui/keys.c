// SPDX-License-Identifier: GPL-2.0-only
/*
 * keys.c - the key table (see keys.h).  The order here is the order of
 * the help screen.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "keys.h"
#include "view.h"

const struct view_key view_keys[] = {
	{ ' ', "space", "pause / resume the replay (PAUSED in the status line)", view_act_pause },
	{ 'n', "n", "step one event forward", view_act_next },
	{ 'p', "p", "step one event back", view_act_prev },
	{ 'N', "N", "next connect step of the selected socket", view_act_step_next },
	{ 'P', "P", "previous connect step of the selected socket", view_act_step_prev },
	{ '>', ">", "next connect (its sys_connect), any socket", view_act_connect_next },
	{ '<', "<", "previous connect (script: <lt>)", view_act_connect_prev },
	{ ':', ":", "go to event N: type the number, enter", view_act_goto },
	{ '+', "+", "replay faster (1\xc3\x97: the recorded pace)", view_act_faster },
	{ '-', "-", "replay slower", view_act_slower },
	{ 'g', "g", "first event", view_act_first },
	{ 'G', "G", "last event", view_act_last },
	{ VK_TAB, "tab", "next pane (its title is highlighted)", view_act_next_pane },
	{ 'z', "z", "zoom the pane to the whole screen / back", view_act_zoom },
	{ VK_UP, "up", "scroll up; Packets: previous packet", view_act_up },
	{ VK_DOWN, "down", "scroll down; Packets: next packet", view_act_down },
	{ VK_LEFT, "left", "scroll left", view_act_left },
	{ VK_RIGHT, "right", "scroll right", view_act_right },
	{ VK_PGUP, "pgup", "scroll up one page", view_act_pgup },
	{ VK_PGDN, "pgdn", "scroll down one page", view_act_pgdn },
	{ 's', "s", "select the next socket (then back to automatic)", view_act_select },
	{ '/', "/", "filter events: type a word, enter (empty: no filter)", view_act_filter },
	{ 'F', "F", "follow the selected socket: steps and lists keep to it", view_act_follow },
	{ 'L', "L", "Packets as a ladder: arrows, relative seq/ack, retransmissions", view_act_ladder },
	{ 'S', "S", "Tables as the socket's port search: candidates, bhash slot, verdict",
	  view_act_ports },
	{ 'd', "d", "export every view as Graphviz SVG into --export-dir", view_act_export },
	{ 'o', "o", "show the trace's next connscope process (its pid in the status line)",
	  view_act_process },
	{ 'q', "q", "close the zoomed pane or the help", view_act_close },
	{ 'Q', "Q", "quit the viewer", view_act_quit },
	{ '?', "?", "this help", view_act_help },
};
const size_t view_nkeys = sizeof(view_keys) / sizeof(view_keys[0]);

const struct view_key *view_key_find(int key)
{
	for (size_t i = 0; i < view_nkeys; i++)
		if (view_keys[i].key == key)
			return &view_keys[i];
	return NULL;
}

int view_key_dispatch(struct view *v, int key)
{
	const struct view_key *k = view_key_find(key);

	if (!k)
		return 0;
	k->act(v);
	return 1;
}

/* Names a script may use beyond the table's (which all work too). */
static const struct {
	const char *name;
	int key;
} key_aliases[] = {
	{ "enter", VK_ENTER }, { "esc", VK_ESC }, { "bs", VK_BACKSPACE },
	{ "lt", '<' }, { "resize", VK_RESIZE },
};

const char *view_key_name(int key, char *buf, size_t len)
{
	const struct view_key *k = view_key_find(key);

	if (k)
		return k->name;
	for (size_t i = 0; i < sizeof(key_aliases) / sizeof(key_aliases[0]); i++)
		if (key_aliases[i].key == key)
			return key_aliases[i].name;
	if (key > 0x20 && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "0x%x", (unsigned int)key);
	return buf;
}

/* The key named @name (@n bytes), -1 if none. */
static int key_by_name(const char *name, size_t n)
{
	for (size_t i = 0; i < view_nkeys; i++)
		if (strlen(view_keys[i].name) == n && !strncmp(view_keys[i].name, name, n))
			return view_keys[i].key;
	for (size_t i = 0; i < sizeof(key_aliases) / sizeof(key_aliases[0]); i++)
		if (strlen(key_aliases[i].name) == n && !strncmp(key_aliases[i].name, name, n))
			return key_aliases[i].key;
	return -1;
}

int view_key_parse(const char *script, int *keys, int max)
{
	int n = 0;

	for (const char *p = script; *p; p++) {
		int key = (unsigned char)*p;

		if (*p == '<') {
			const char *e = strchr(p, '>');

			if (!e || (key = key_by_name(p + 1, (size_t)(e - p - 1))) < 0)
				return -1;
			p = e;
		}
		if (n < max)
			keys[n] = key;
		n++;
	}
	return n < max ? n : max;
}

/* A key while the filter prompt is open. */
static void edit_key(struct view *v, int key)
{
	size_t n = strlen(v->edit);

	if ((key == VK_ENTER || key == '\r') && v->edit_goto) {
		v->editing = false;
		view_goto_typed(v, v->edit);
	} else if (key == VK_ENTER || key == '\r') {
		snprintf(v->filter, sizeof(v->filter), "%s", v->edit);
		v->editing = false;
		v->scroll[PANE_EVENTS] = 0;
	} else if (key == VK_ESC) {
		v->editing = false;
	} else if (key == VK_BACKSPACE || key == '\b') {
		if (n)
			v->edit[n - 1] = '\0';
	} else if (key >= 0x20 && key < 0x7f && n + 1 < sizeof(v->edit)) {
		v->edit[n] = (char)key;
		v->edit[n + 1] = '\0';
	}
}

bool view_key(struct view *v, int key)
{
	if (v->editing) {
		edit_key(v, key);
		return true;
	}
	if (v->help && (key == VK_UP || key == VK_DOWN || key == VK_PGUP || key == VK_PGDN)) {
		v->help_scroll += key == VK_UP ? -1 : key == VK_DOWN ? 1 : key == VK_PGUP ? -10 : 10;
		if (v->help_scroll < 0)
			v->help_scroll = 0;
		return true;
	}
	return view_key_dispatch(v, key) != 0;
}
