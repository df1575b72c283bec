/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vscreen.h - the viewer's screen as a text buffer.
 *
 * Every pane draws into a struct vscreen: one code point and one attribute
 * role per cell.  The curses front end (term.c) copies it to the terminal,
 * the batch mode and the golden-screen tests print its text.  Nothing here
 * knows about curses, so screen composition can be tested without a terminal.
 */
#ifndef VIEW_VSCREEN_H
#define VIEW_VSCREEN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Attribute roles: term.c maps each to a colour pair or, on a monochrome
 * terminal, to bold/reverse/underline.  The text itself always carries a
 * marker too ('>' current line, '*' new entry, [STATE]), so a capture
 * without attributes stays readable. */
enum view_attr {
	VA_NORMAL,
	VA_DIM,		/* secondary information */
	VA_BOLD,	/* headings inside a pane */
	VA_TITLE,	/* pane title bar */
	VA_TITLE_FOCUS,	/* title bar of the pane that has the keys */
	VA_CURRENT,	/* the current step: code line, current event */
	VA_STATE,	/* the socket's current TCP state, on its way (SYN_SENT) */
	VA_REST,	/* the current state at rest: CLOSE without error, LISTEN */
	VA_FLASH,	/* a table entry the current event just inserted */
	VA_SELECT,	/* the selected packet, socket or help key */
	VA_STATUS,	/* the status line */
	VA_PAUSED,	/* "PAUSED" in the status line */
	VA_ERROR,	/* messages about bad input */
	VA_GOOD,	/* ESTABLISHED, OK */
	VA_BAD,		/* CLOSE after a failure, sk_err, errors in events */
	VA_COUNT
};

/* Line-drawing cells: term.c draws them with the terminal's line set, the
 * text output with ASCII. */
#define VS_HLINE 0x2500u
#define VS_VLINE 0x2502u

struct vrect {
	int x, y, w, h;
};

struct vscreen {
	int w, h;
	uint32_t *ch;
	uint8_t *at;
};

int vs_init(struct vscreen *s, int w, int h);
void vs_free(struct vscreen *s);
void vs_clear(struct vscreen *s);
int vs_resize(struct vscreen *s, int w, int h);

/* Put UTF-8 text at column x, row y, clipped to @clip (whole screen when
 * NULL); a tab becomes spaces up to the next multiple of 4 columns counted
 * from the start of @text.  Returns the column after the last cell written. */
int vs_puts(struct vscreen *s, const struct vrect *clip, int x, int y,
	    int attr, const char *text);
int vs_printf(struct vscreen *s, const struct vrect *clip, int x, int y,
	      int attr, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Write text starting @skip columns into it (horizontal scroll). */
int vs_puts_skip(struct vscreen *s, const struct vrect *clip, int x, int y,
		 int attr, const char *text, int skip);

/* Fill a rectangle with one code point and attribute. */
void vs_fill(struct vscreen *s, const struct vrect *r, uint32_t ch, int attr);
/* Change the attribute of @w cells from (x, y), keeping the text. */
void vs_set_attr(struct vscreen *s, int x, int y, int w, int attr);

uint32_t vs_ch(const struct vscreen *s, int x, int y);
int vs_at(const struct vscreen *s, int x, int y);

/* The screen as text: one line per row, trailing blanks removed, '\n' after
 * each line.  Returns the length (the output is cut to @len - 1 bytes). */
size_t vs_text(const struct vscreen *s, char *buf, size_t len);
void vs_write(const struct vscreen *s, FILE *f);

/* Display width of UTF-8 text (one column per code point, tabs counted as
 * 1), for layout decisions. */
int vs_width(const char *text);

#endif
