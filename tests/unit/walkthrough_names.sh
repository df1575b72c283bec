#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# walkthrough_names.sh BUILD [DOC] - docs/walkthrough.md names what is in
# the tree (issue 10, item 4: the walkthrough follows the code).  In each
# table row of DOC:
#   - every `core/X.c` (or .h) of the file and function columns exists;
#   - every `name` of the function column is a function (or function-like
#     macro) defined in one of the core/ files that row names (labels such
#     as `failure:` are not names);
#   - every `event` of the event column is an event of the provider that
#     one of the row's files emits (cs_trace(event, ...)), and a
#     `field` or `field = value` in the parentheses after it is one of that
#     event's fields (a named value: one of the provider's enum values).
#   - a row of seed lines N or N–M names a file that holds a 3.10:N..M
#     marker of core/ (docs/walkthrough.md's intro), when any file does.
# Anywhere in DOC, a `path/to/file` of the project exists.  The provider's
# events and fields are read from BUILD/gen/tracepoints-index.md (made by
# scripts/tp_events.awk from core/trace/tp_*.h); definitions from ctags.
# Then each kind of wrong name, added to a copy of DOC, must fail it.
set -eu
build=${1:-build}
cd "$(dirname "$0")/../.."
doc=${2:-docs/walkthrough.md}
index=$build/gen/tracepoints-index.md
[ -f "$index" ] || { echo "walkthrough_names: no $index (make first)" >&2; exit 1; }
command -v ctags >/dev/null 2>&1 || { echo "walkthrough_names: no ctags, skipped" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# "file name" for every function and macro of core/
for f in core/*.c core/*.h; do
	ctags -x --kinds-c=fd --language-force=C "$f" | awk -v f="$f" '{ print f, $1 }'
done >"$tmp/defs"
# "event field" for every field of every event ("event" alone too)
awk -F'|' '/^\| `/ { ev = $2; gsub(/[ `]/, "", ev); print ev; n = split($3, a, "`")
	for (i = 2; i <= n; i += 2) print ev, a[i] }' "$index" >"$tmp/events"
# "file event" for every cs_trace of core/
grep -o 'cs_trace([A-Za-z0-9_]*' core/*.c core/*.h | sed 's/:cs_trace(/ /' >"$tmp/emits"
# "file N" for every 3.10:N marker of core/
grep -o '3\.10:[0-9]*' core/*.c core/*.h | sed 's/:3\.10:/ /' >"$tmp/markers"
# every enum value of the provider
sed -n 's/.*lttng_ust_field_enum_value("\([^"]*\)".*/\1/p' core/trace/*.h >"$tmp/values"
# check DOC: 0 when every name of DOC is the tree's; the wrong ones on stdout
check() {
awk -v defs="$tmp/defs" -v events="$tmp/events" -v values="$tmp/values" \
	-v markers="$tmp/markers" -v emits="$tmp/emits" -v doc="$1" '
BEGIN {
	while ((getline l < defs) > 0) { split(l, a, " "); def[a[1] " " a[2]] = 1 }
	while ((getline l < events) > 0) { split(l, a, " "); ev[a[1] (a[2] == "" ? "" : " " a[2])] = 1 }
	while ((getline l < values) > 0) val[l] = 1
	while ((getline l < emits) > 0) { split(l, a, " "); emit[a[1] " " a[2]] = 1 }
	while ((getline l < markers) > 0) { split(l, a, " "); mark[a[1] " " a[2]] = 1; marked[a[2]] = 1 }
	bad = 0
}
function err(msg) { printf "%s:%d: %s\n", doc, FNR, msg; bad++ }
function exists(p) { return system("test -e \"" p "\"") == 0 }
# the backticked tokens of s into T[1..n]
function ticks(s, T,    n, a, i, k) {
	n = split(s, a, "`"); k = 0
	for (i = 2; i <= n; i += 2) T[++k] = a[i]
	return k
}
{
	line = $0
	n = ticks(line, T)
	for (i = 1; i <= n; i++)
		if (T[i] ~ /^(core|viz|cli|nic|tests|labs|docs|scripts|bench)\/[A-Za-z0-9_.\/-]+$/ && !exists(T[i]))
			err("`" T[i] "` does not exist")
}
/^\|/ {
	gsub(/\\\|/, "\001", line)
	nc = split(line, C, "|")
	if (nc < 6 || C[3] ~ /^ *file *$/ || C[3] ~ /^-+$/) next
	nf = 0; delete F
	for (c = 3; c <= 4; c++) {
		n = ticks(C[c], T)
		for (i = 1; i <= n; i++) if (T[i] ~ /^core\/[A-Za-z0-9_]+\.[ch]$/) F[++nf] = T[i]
	}
	# the seed lines of the row: "N:" or "N–M:" (an en dash)
	if (match(C[2], /^ *[0-9]+(–[0-9]+)?:?/)) {
		r = substr(C[2], RSTART, RLENGTH); gsub(/[ :]/, "", r)
		lo = r; hi = r; if (index(r, "–")) { lo = substr(r, 1, index(r, "–") - 1); hi = substr(r, index(r, "–") + length("–")) }
		any = 0; here = 0
		for (k = lo + 0; k <= hi + 0; k++) {
			if (!(k in marked)) continue
			any = 1
			for (j = 1; j <= nf; j++) if ((F[j] " " k) in mark) here = 1
		}
		if (any && !here) err("seed lines " r ": no file of the row holds a 3.10:" lo (hi == lo ? "" : "..3.10:" hi) " marker")
	}
	n = ticks(C[4], T)
	for (i = 1; i <= n; i++) {
		if (T[i] !~ /^[A-Za-z_][A-Za-z0-9_]*$/) continue
		found = 0; where = ""
		for (j = 1; j <= nf; j++) { if ((F[j] " " T[i]) in def) found = 1; where = where " " F[j] }
		if (!found) err("function `" T[i] "` is not defined in" (where == "" ? " any file of the row" : where))
	}
	# the event column: events outside parentheses, their fields inside
	s = C[5]; depth = 0; last = ""
	while (s != "") {
		c = substr(s, 1, 1)
		if (c == "(") { depth++; s = substr(s, 2); continue }
		if (c == ")") { depth--; s = substr(s, 2); continue }
		if (c != "`") { s = substr(s, 2); continue }
		s = substr(s, 2); k = index(s, "`"); tok = substr(s, 1, k - 1); s = substr(s, k + 1)
		if (tok ~ /:$/) continue
		if (depth == 0) {
			last = tok
			if (!(tok in ev)) { err("event `" tok "` is not in the provider"); continue }
			found = 0; where = ""
			for (j = 1; j <= nf; j++) { if ((F[j] " " tok) in emit) found = 1; where = where " " F[j] }
			if (!found) err("event `" tok "` is emitted by no file of the row:" where)
		} else {
			fld = tok; sub(/ *=.*/, "", fld)
			if (last == "" || !(last in ev)) continue
			if (!((last " " fld) in ev)) err("`" tok "`: event `" last "` has no field `" fld "`")
			v = tok; if (!sub(/^[^=]*= */, "", v)) continue
			if (v ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && !(v in val)) err("`" tok "`: `" v "` is no enum value of the provider")
		}
	}
}
END { exit bad ? 1 : 0 }' "$1"
}

check "$doc" || { echo "walkthrough_names: $doc names what the tree does not have" >&2; exit 1; }
# wrong ROW EXPECT: DOC with ROW added must fail, saying EXPECT
n=0
wrong() {
	n=$((n + 1))
	{ cat "$doc"; echo "$1"; } >"$tmp/wrong.md"
	if check "$tmp/wrong.md" >"$tmp/out"; then
		echo "walkthrough_names: not caught: $1" >&2; exit 1
	fi
	grep -qF -- "$2" "$tmp/out" || { echo "walkthrough_names: wrong message for $1:" >&2; cat "$tmp/out" >&2; exit 1; }
}
wrong '| x | `core/tcp_ipv4.c` | `tcp_v4_connectx` | — |' 'function `tcp_v4_connectx` is not defined in core/tcp_ipv4.c'
wrong '| x | `core/tcp_ipv4.c` | `tcp_connect` | — |' 'function `tcp_connect` is not defined in core/tcp_ipv4.c'
wrong '| x | `core/tcp_ipv4_rcv.c` | — | — |' '`core/tcp_ipv4_rcv.c` does not exist'
wrong '| x | `core/tcp_ipv4.c` | — | `tcp_v4_connectx` |' 'event `tcp_v4_connectx` is not in the provider'
wrong '| x | `core/arp.c` | — | `arp_rcv` (`verdict = 0`) |' 'event `arp_rcv` has no field `verdict`'
wrong '| x | `core/inet_hashtables.c` | — | `__inet_hash_connect_ret` (`path = bound`) |' '`bound` is no enum value'
wrong '| 2931: `tcp_connect_init(sk)` | `core/tcp_ipv4.c` | — | — |' 'seed lines 2931: no file of the row holds'
wrong '| x | `core/tcp_ipv4.c` | — | `tcp_connect` |' 'event `tcp_connect` is emitted by no file of the row: core/tcp_ipv4.c'
wrong 'See `core/neighbour_gc.c`.' '`core/neighbour_gc.c` does not exist'
echo "walkthrough_names: $doc matches the tree; $n wrong names caught"
