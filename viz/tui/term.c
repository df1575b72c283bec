// SPDX-License-Identifier: GPL-2.0-only
/*
 * term.c - the curses front end (see term.h).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "keys.h"
#include "term.h"

struct term {
	SCREEN *scr;
	bool colors;
	attr_t attr[VA_COUNT];
};

/* Colour pairs, one per attribute role that has one.  Readable on dark
 * and light terminals alike: coloured text only where the colour keeps
 * its contrast on both (red), everything else dark text on a coloured
 * background or white on a dark one; secondary text is the terminal's
 * own dim, never blue on black. */
static void setup_colors(struct term *t)
{
	static const struct {
		int role;
		short fg, bg;
		attr_t extra;
	} pairs[] = {
		{ VA_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD },
		{ VA_TITLE_FOCUS, COLOR_BLACK, COLOR_CYAN, A_BOLD },
		{ VA_CURRENT, COLOR_BLACK, COLOR_YELLOW, 0 },
		{ VA_STATE, COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		{ VA_REST, COLOR_BLACK, COLOR_CYAN, A_BOLD },
		{ VA_FLASH, COLOR_BLACK, COLOR_MAGENTA, A_BOLD },
		{ VA_SELECT, COLOR_BLACK, COLOR_WHITE, 0 },
		{ VA_STATUS, COLOR_WHITE, COLOR_BLUE, 0 },
		{ VA_PAUSED, COLOR_WHITE, COLOR_RED, A_BOLD },
		{ VA_ERROR, COLOR_RED, -1, A_BOLD },
		{ VA_GOOD, COLOR_BLACK, COLOR_GREEN, A_BOLD },
		{ VA_BAD, COLOR_WHITE, COLOR_RED, A_BOLD },
	};

	start_color();
	use_default_colors();
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		init_pair((short)(i + 1), pairs[i].fg, pairs[i].bg);
		t->attr[pairs[i].role] = COLOR_PAIR(i + 1) | pairs[i].extra;
	}
	t->attr[VA_BOLD] = A_BOLD;
	t->attr[VA_DIM] = A_DIM;
}

/* Without colours every role still looks different, and the text carries
 * a marker too ('>', '*', [STATE], PAUSED). */
static void setup_mono(struct term *t)
{
	t->attr[VA_DIM] = A_DIM;
	t->attr[VA_BOLD] = A_BOLD;
	t->attr[VA_TITLE] = A_BOLD;
	t->attr[VA_TITLE_FOCUS] = A_REVERSE | A_BOLD;
	t->attr[VA_CURRENT] = A_REVERSE;
	t->attr[VA_STATE] = A_REVERSE | A_BOLD;
	t->attr[VA_REST] = A_REVERSE;
	t->attr[VA_FLASH] = A_BOLD | A_UNDERLINE;
	t->attr[VA_SELECT] = A_REVERSE;
	t->attr[VA_STATUS] = A_REVERSE;
	t->attr[VA_PAUSED] = A_BOLD | A_BLINK;
	t->attr[VA_ERROR] = A_BOLD;
	t->attr[VA_GOOD] = A_REVERSE | A_BOLD;
	t->attr[VA_BAD] = A_REVERSE | A_BOLD | A_UNDERLINE;
}

struct term *term_open(bool mono, char *err, size_t len)
{
	struct term *t = calloc(1, sizeof(*t));
	const char *name = getenv("TERM");

	if (!t) {
		snprintf(err, len, "out of memory");
		return NULL;
	}
	t->scr = newterm(NULL, stdout, stdin);
	if (!t->scr) {
		snprintf(err, len, "cannot use the terminal (TERM=%s): try --batch",
			 name ? name : "unset");
		free(t);
		return NULL;
	}
	set_term(t->scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	t->colors = !mono && has_colors();
	if (t->colors)
		setup_colors(t);
	else
		setup_mono(t);
	return t;
}

void term_close(struct term *t)
{
	if (!t)
		return;
	endwin();
	delscreen(t->scr);
	free(t);
}

void term_size(struct term *t, int *w, int *h)
{
	(void)t;
	getmaxyx(stdscr, *h, *w);
}

bool term_has_colors(const struct term *t)
{
	return t->colors;
}

static void draw_cell(struct term *t, int y, int x, uint32_t c, int role)
{
	attr_t a = role >= 0 && role < VA_COUNT ? t->attr[role] : 0;

	if (c == VS_HLINE) {
		mvaddch(y, x, ACS_HLINE | a);
	} else if (c == VS_VLINE) {
		mvaddch(y, x, ACS_VLINE | a);
	} else if (c < 0x80) {
		mvaddch(y, x, (chtype)c | a);
	} else {
		wchar_t wc[2] = { (wchar_t)c, 0 };
		cchar_t cc;

		setcchar(&cc, wc, a, PAIR_NUMBER(a), NULL);
		mvadd_wch(y, x, &cc);
	}
}

void term_draw(struct term *t, const struct vscreen *s)
{
	int w, h;

	getmaxyx(stdscr, h, w);
	for (int y = 0; y < h && y < s->h; y++)
		for (int x = 0; x < w && x < s->w; x++) {
			/* the bottom-right cell would scroll some terminals */
			if (y == h - 1 && x == w - 1)
				continue;
			draw_cell(t, y, x, vs_ch(s, x, y), vs_at(s, x, y));
		}
	refresh();
}

int term_key(struct term *t, int timeout_ms)
{
	int c;

	(void)t;
	timeout(timeout_ms);
	c = getch();
	switch (c) {
	case ERR:
		return -1;
	case KEY_UP:
		return VK_UP;
	case KEY_DOWN:
		return VK_DOWN;
	case KEY_LEFT:
		return VK_LEFT;
	case KEY_RIGHT:
		return VK_RIGHT;
	case KEY_PPAGE:
		return VK_PGUP;
	case KEY_NPAGE:
		return VK_PGDN;
	case KEY_RESIZE:
		return VK_RESIZE;
	case KEY_BACKSPACE:
	case 8:
		return VK_BACKSPACE;
	case KEY_ENTER:
	case '\r':
		return VK_ENTER;
	default:
		return c;
	}
}
