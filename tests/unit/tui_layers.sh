#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tui_layers.sh BUILD - viz/tui calls and includes downwards only (issue 10,
# item 5): for each pair of its files, "A uses B" when A's object needs a
# symbol B's object defines, or A includes B's header; tsort fails on a loop.
set -eu
build=${1:-build}
obj=$build/obj/viz/tui
cd "$(dirname "$0")/../.."
[ -d "$obj" ] || { echo "tui_layers: no $obj (build connscope-view first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for o in "$obj"/*.o; do
	f=$(basename "$o" .o)
	nm --defined-only "$o" | awk '$2 ~ /^[TDRB]$/ { print $3 }' | sed "s/\$/ $f/" >>"$tmp/defs"
	nm --undefined-only "$o" | awk '{ print $NF }' | sed "s/^/$f /" >>"$tmp/uses"
done
# pairs "user provider" for every symbol one tui file takes from another
sort -k1,1 "$tmp/defs" >"$tmp/defs.s"
awk '{ print $2, $1 }' "$tmp/uses" | sort -k1,1 >"$tmp/uses.s"
join "$tmp/uses.s" "$tmp/defs.s" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$tmp/calls"
# includes between viz/tui files: "x.c/x.h includes y.h" as "x y"
for f in viz/tui/*.c viz/tui/*.h; do
	b=$(basename "$f"); b=${b%.*}
	sed -n 's/^#include "\([a-z_]*\)\.h"$/\1/p' "$f" | while read -r h; do
		[ -f "viz/tui/$h.h" ] && [ "$h" != "$b" ] && echo "$b.${f##*.} $h.h"
	done
done | sort -u >"$tmp/incl"
rc=0
if ! tsort "$tmp/calls" >/dev/null 2>"$tmp/err"; then
	echo "tui_layers: the files of viz/tui call each other in a circle:" >&2
	cat "$tmp/err" >&2
	rc=1
fi
if ! tsort "$tmp/incl" >/dev/null 2>"$tmp/err"; then
	echo "tui_layers: the headers of viz/tui include each other in a circle:" >&2
	cat "$tmp/err" >&2
	rc=1
fi
[ $rc -eq 0 ] && echo "tui_layers: $(wc -l <"$tmp/calls") calls between files, no circle"
exit $rc
