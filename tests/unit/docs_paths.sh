#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# docs_paths.sh [FILE...] - every `path` of the project that a page names
# exists: in each Markdown page of the tree (or each FILE), a backticked
# token that starts with one of the project's top directories (core/,
# viz/, cli/, nic/, tests/, labs/, docs/, scripts/, bench/) is a file or
# directory of the tree; one that starts with shared/ (the article and
# notes beside the project) is one of ../shared when that is there.
# Files move between reshapes (tcp_ipv4_rcv.c into tcp_ipv4.c); a page
# naming the old one fails here.  A page naming a missing file must fail
# it (checked on a copy).
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check FILE...: the missing paths on stdout, 1 when there is one
check() {
	bad=0
	for f in "$@"; do
		grep -no '`\(core\|viz\|cli\|nic\|tests\|labs\|docs\|scripts\|bench\|shared\)/[A-Za-z0-9_./-]*`' "$f" |
			tr -d '`' >"$tmp/paths" || true
		while IFS=: read -r ln p; do
			case $p in
			shared/*) [ -d ../shared ] || continue; q=../$p ;;
			*) q=$p ;;
			esac
			[ -e "$q" ] || { echo "$f:$ln: \`$p\` does not exist"; bad=1; }
		done <"$tmp/paths"
	done
	return $bad
}

if [ $# -gt 0 ]; then
	set -- "$@"
else
	set -- $(git ls-files '*.md' 2>/dev/null || find . -name '*.md' -not -path './build*')
fi
check "$@" || { echo "docs_paths: pages name files the tree does not have" >&2; exit 1; }
printf 'See `core/tcp_ipv4_rcv.c` and `tests/unit/test_tcp_ipv4.c`.\n' >"$tmp/wrong.md"
check "$tmp/wrong.md" >"$tmp/out" && { echo "docs_paths: a missing file was not caught" >&2; exit 1; }
grep -qF '`core/tcp_ipv4_rcv.c` does not exist' "$tmp/out" && ! grep -q test_tcp_ipv4.c "$tmp/out" ||
	{ echo "docs_paths: wrong report for a missing file:" >&2; cat "$tmp/out" >&2; exit 1; }
echo "docs_paths: every path of $# pages exists; a missing one is caught"
