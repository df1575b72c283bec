#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# trace-summary.sh EVENTS.txt - the first connect of a babeltrace2 text dump,
# one line per step: seconds since the connect began, the event indented by
# call depth (an event with a NAME_ret partner opens a level), its fields.
set -eu
[ -r "${1:-}" ] || { echo "usage: trace-summary.sh EVENTS.txt (babeltrace2 text output)" >&2; exit 2; }
awk '
function ts(s,   a) { split(s, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
function evname(   f, ev) {
	for (f = 1; f <= NF; f++) if ($f ~ /^connscope:/) { ev = $f; sub(/^connscope:/, "", ev); sub(/:$/, "", ev); return ev }
	return ""
}
NR == FNR { ev = evname(); if (ev ~ /_ret$/) { sub(/_ret$/, "", ev); opens[ev] = 1 } next }
{
	ev = evname()
	if (ev == "" || (!on && ev != "sys_connect")) next
	t = $1; gsub(/[\[\]]/, "", t)
	if (!on) { on = 1; t0 = ts(t) }
	body = $0; sub(/^.*\}, \{ /, "", body); sub(/ \}$/, "", body)
	if (ev ~ /_ret$/ && depth > 0) depth--
	ind = ""; for (i = 0; i < depth; i++) ind = ind "  "
	printf "%+10.6f  %s%s  %s\n", ts(t) - t0, ind, ev, body
	if (ev in opens) depth++
	if (ev == "sys_connect_ret") exit
}' "$1" "$1" |
# Readable values: 4-byte arrays as dotted addresses, enums by name, no
# v4-mapped IPv6 copies, no lengths of sequences, no common fields (pid,
# tid, softirq: docs/tracepoints.md).
sed -E \
	-e 's/(, )?pid = [0-9]+, tid = [0-9]+, softirq = [01]$//' \
	-e 's/, [a-z]+addr_v6 = \[( \[[0-9]+\] = [0-9]+,?)+ \]//g' \
	-e 's/\[ \[0\] = ([0-9]+), \[1\] = ([0-9]+), \[2\] = ([0-9]+), \[3\] = ([0-9]+) \]/\1.\2.\3.\4/g' \
	-e 's/\( "([^"]*)" : container = -?[0-9]+ \)/\1/g' \
	-e 's/, _[a-z_]+_length = [0-9]+//g' \
	-e 's/\[[0-9]+\] = //g'
