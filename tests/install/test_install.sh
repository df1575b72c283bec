#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# test_install.sh - `make install` into a staging directory (DESTDIR), then:
#
#   files        the library, header, connscope.pc, every program with its
#                man page, and the babeltrace2 plugin are there
#   plugin-dir   the plugin directory is one babeltrace2 searches by itself
#                (`babeltrace2 list-plugins`), and babeltrace2 loads the
#                staged plugin (sink.connscope.dot)
#   use-shared   tests/install/use_connscope.c, built with
#                `pkg-config --cflags --libs connscope` alone
#                (PKG_CONFIG_PATH into the staging directory), connects on
#                the loop NIC: ECONNREFUSED from a closed port, ESTABLISHED
#                by a self-connect
#   use-static   the same linked against libconnscope.a with
#                `pkg-config --static --libs` (Libs.private complete)
#
# Needs no root and no network.  Prints "install: N passed, M failed".
# pkg-config's output and $USE_CFLAGS are meant to be split into words:
# shellcheck disable=SC2046,SC2086
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
USE_CFLAGS=${USE_CFLAGS:-}	# the sanitizers of a SAN=1 library
cd "$ROOT" || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/cs-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
npass=0
nfail=0
passed() { npass=$((npass + 1)); echo "PASSED: $1"; }
failed() { nfail=$((nfail + 1)); echo "FAILED: $1: $2"; }

STAGE=$T/stage
PREFIX=/usr/local
if ! $MAKE --no-print-directory -s install DESTDIR="$STAGE" PREFIX="$PREFIX" \
	> "$T/install.log" 2>&1; then
	echo "FAILED: make install: $(tail -5 "$T/install.log")"
	exit 1
fi
P=$STAGE$PREFIX
# the Makefile's BT_PLUGIN_DIR (install-check passes it)
PLUGIN_DIR=${BT_PLUGIN_DIR:-$(pkg-config --variable=libdir babeltrace2)/babeltrace2/plugins}

missing=""
for f in lib/libconnscope.a lib/libconnscope.so.0 lib/libconnscope.so \
	include/connscope/connscope.h lib/pkgconfig/connscope.pc; do
	[ -e "$P/$f" ] || missing="$missing $f"
done
for p in connscope connscope-dot connscope-view connscope-model-dump cs-listen cs-offload; do
	[ -x "$P/bin/$p" ] || missing="$missing bin/$p"
	[ -f "$P/share/man/man1/$p.1" ] || missing="$missing man1/$p.1"
done
[ -f "$STAGE$PLUGIN_DIR/plugin-connscope.so" ] || missing="$missing $PLUGIN_DIR/plugin-connscope.so"
if [ -z "$missing" ]; then passed files; else failed files "missing:$missing"; fi

# A SAN=1 plugin loads only into a process that has the ASan runtime first.
bt_asan() {
	case $USE_CFLAGS in
	*address*) LD_PRELOAD=$(cc -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0 "$@";;
	*) "$@";;
	esac
}
if ! command -v babeltrace2 > /dev/null; then
	echo "SKIPPED: plugin-dir (babeltrace2 is not installed)"
elif ! babeltrace2 list-plugins 2>&1 | grep -qx "  - $PLUGIN_DIR"; then
	failed plugin-dir "$PLUGIN_DIR is not among babeltrace2's plugin paths"
elif ! bt_asan babeltrace2 --plugin-path="$STAGE$PLUGIN_DIR" help sink.connscope.dot \
	> "$T/help" 2>&1; then
	failed plugin-dir "the staged plugin does not load: $(head -3 "$T/help")"
else
	passed plugin-dir
fi

export PKG_CONFIG_PATH="$P/lib/pkgconfig"
prefix=$(pkg-config --variable=prefix connscope)
if [ "$(cd "$prefix" 2>/dev/null && pwd -P)" != "$(cd "$P" && pwd -P)" ]; then
	failed use-shared "connscope.pc's prefix is $prefix, not the staged $P"
elif ! cc -std=c11 -Wall -Wextra -Werror $USE_CFLAGS -o "$T/use" tests/install/use_connscope.c \
	$(pkg-config --cflags --libs connscope) > "$T/cc.log" 2>&1; then
	failed use-shared "build: $(head -5 "$T/cc.log")"
elif LD_LIBRARY_PATH=$P/lib "$T/use" > "$T/use.out" 2>&1; then
	passed "use-shared ($(tr '\n' ';' < "$T/use.out"))"
else
	failed use-shared "$(cat "$T/use.out")"
fi

# libconnscope.a by name; the rest from Libs.private
if ! cc -std=c11 -Wall -Wextra -Werror $USE_CFLAGS -o "$T/use-static" tests/install/use_connscope.c \
	$(pkg-config --static --cflags --libs connscope | sed 's/-lconnscope/-l:libconnscope.a/') \
	> "$T/cc.log" 2>&1; then
	failed use-static "build: $(head -5 "$T/cc.log")"
elif ldd "$T/use-static" | grep -q libconnscope; then
	failed use-static "linked against the shared library"
elif "$T/use-static" > "$T/use.out" 2>&1; then
	passed use-static
else
	failed use-static "$(cat "$T/use.out")"
fi

echo "install: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
