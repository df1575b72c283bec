#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The man pages (make trace-check): connscope(1) as make builds it lists
# every key of the sysctl table (read here from core/sysctl_net_ipv4.c's
# source, not through the generator) under SYSCTL KEYS, and connscope(1),
# connscope-view(1) and connscope-dot(1) give no warning under
# `man --warnings`; connscope-dot(1) names every view the program accepts.
# Prints "man: N passed, M failed"; exit 77 when man is missing.
# shellcheck disable=SC2015
set -u
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
page="$root/$BUILD/man/connscope.1"
pass=0
failed=0
ok() { pass=$((pass + 1)); echo "PASSED: man-$1"; }
ko() { failed=$((failed + 1)); echo "FAILED: man-$1: $2"; }
command -v man >/dev/null 2>&1 || { echo "SKIPPED: man (man is not installed)"; exit 77; }
[ -f "$page" ] || { ko build "$page is not built (make)"; echo "man: 0 passed, 1 failed"; exit 1; }

keys=$(sed -n 's/^[[:space:]]*{ "\([a-z0-9_.]*\)",.*/\1/p' "$root/core/sysctl_net_ipv4.c")
missing=""
for k in $keys; do
	sed -n '/^\.SH SYSCTL KEYS/,/^\.SH /p' "$page" | grep -qx "\.B $k" || missing="$missing $k"
done
n=$(printf '%s\n' $keys | grep -c .)
[ "$n" -gt 10 ] && [ -z "$missing" ] && ok "connscope(1) lists the $n sysctl keys" ||
	ko keys "${missing:-only $n keys found in the table}"

for p in "$page" "$root/docs/connscope-view.1" "$root/docs/connscope-dot.1"; do
	w=$(man --warnings -l "$p" 2>&1 >/dev/null)
	[ -z "$w" ] && ok "$(basename "$p") warning-free" || ko "$(basename "$p")" "$w"
done
missing=""
for v in ehash bhash listen tw state callpath ladder ports all; do
	grep -q "^\.B $v\$" "$root/docs/connscope-dot.1" || missing="$missing $v"
done
[ -z "$missing" ] && ok "connscope-dot(1) names every view" || ko views "missing:$missing"

echo "man: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
