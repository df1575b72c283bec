/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * keys.h - the key table: one entry per key, used both to dispatch keys
 * and to write the help screen, so the help can never miss a key.
 *
 * Keys are characters or the VK_* codes below; term.c translates curses'
 * KEY_* codes into them, key scripts (--keys, tests) spell them <name>.
 */
#ifndef VIEW_KEYS_H
#define VIEW_KEYS_H

#include <stddef.h>

struct view;

enum {
	VK_TAB = '\t',
	VK_ENTER = '\n',
	VK_ESC = 27,
	VK_BACKSPACE = 127,
	VK_UP = 0x110000,	/* above every Unicode code point */
	VK_DOWN,
	VK_LEFT,
	VK_RIGHT,
	VK_PGUP,
	VK_PGDN,
	VK_RESIZE,
};

struct view_key {
	int key;
	const char *name;	/* as the help shows it and scripts spell it */
	const char *help;
	void (*act)(struct view *v);
};

extern const struct view_key view_keys[];
extern const size_t view_nkeys;

/* The table entry for @key, or NULL. */
const struct view_key *view_key_find(int key);
/* Run @key's action; 0 when no entry has it. */
int view_key_dispatch(struct view *v, int key);
/* The name of a key ("n", "space", "<up>" style names without brackets). */
const char *view_key_name(int key, char *buf, size_t len);
/* Parse a key script: characters stand for themselves, <name> for the
 * named keys (<space> <tab> <enter> <esc> <bs> <up> <down> <left> <right>
 * <pgup> <pgdn> <lt>).  Writes at most @max keys; returns their number, or
 * -1 for an unknown <name>. */
int view_key_parse(const char *script, int *keys, int max);

#endif
