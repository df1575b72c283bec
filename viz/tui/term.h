/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * term.h - the curses front end: open the terminal, copy a struct vscreen
 * to it (colours when the terminal has them, bold/reverse/underline when
 * it does not), read keys as VK_* codes.  The only file that uses curses.
 */
#ifndef VIEW_TERM_H
#define VIEW_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include "vscreen.h"

struct term;

/* Open the terminal on stdin/stdout.  NULL with a sentence in @err when
 * there is no usable terminal (TERM unknown...). */
struct term *term_open(bool mono, char *err, size_t len);
/* Restore the terminal and free @t. */
void term_close(struct term *t);
void term_size(struct term *t, int *w, int *h);
void term_draw(struct term *t, const struct vscreen *s);
/* The next key within @timeout_ms as a character or VK_* code; -1 if none. */
int term_key(struct term *t, int timeout_ms);
bool term_has_colors(const struct term *t);

#endif
