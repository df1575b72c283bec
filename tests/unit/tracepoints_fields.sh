#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tracepoints_fields.sh BUILD [DOC] - the per-event sections of
# docs/tracepoints.md describe the provider as it is (test_events checks
# only the generated index at its end).  Above the index:
#   - every event of the provider has a section: a heading that names
#     `connscope:EVENT` (or, in such a heading, `EVENT`);
#   - every event a heading names is in the provider;
#   - each row of a section's "| field |" table names (a, b, ...) fields of
#     the section's events;
#   - each field of a section's events appears in the section (a table row
#     or a `field` of its text).
# The provider's events and fields are BUILD/gen/tracepoints-index.md
# (scripts/tp_events.awk).  Then each kind of drift, made in a copy of
# DOC, must fail it.
set -eu
build=${1:-build}
cd "$(dirname "$0")/../.."
doc=${2:-docs/tracepoints.md}
index=$build/gen/tracepoints-index.md
[ -f "$index" ] || { echo "tracepoints_fields: no $index (make first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check DOC: 0 when its sections match the provider; what does not, on stdout
check() {
awk -v index_md="$index" -v doc="$1" '
BEGIN {
	while ((getline l < index_md) > 0) {
		if (l !~ /^\| `/) continue
		split(l, c, "|"); e = c[2]; gsub(/[ `]/, "", e); ev[e] = 1; nev++; evs[nev] = e
		n = split(c[3], a, "`")
		for (i = 2; i <= n; i += 2) { fld[e " " a[i]] = 1; nf[e]++; f[e, nf[e]] = a[i] }
	}
	bad = 0; ns = 0
}
function err(ln, msg) { printf "%s:%d: %s\n", doc, ln, msg; bad++ }
# the fields of section s not mentioned in it
function close_section(    i, j, e) {
	for (i = 1; i <= sn[ns]; i++) {
		e = se[ns, i]
		for (j = 1; j <= nf[e]; j++)
			if (!((ns " " f[e, j]) in said)) err(sl[ns], "`" e "`: field `" f[e, j] "` is not described")
	}
}
/^<!-- event index begin/ { stop = 1 }
stop { next }
/^#/ {
	if (ns) close_section()
	insec = 0; table = ""
	if ($0 !~ /connscope:/) next
	ns++; sl[ns] = FNR; sn[ns] = 0; insec = 1
	n = split($0, a, "`")
	for (i = 2; i <= n; i += 2) {
		e = a[i]; sub(/^connscope:/, "", e)
		if (e !~ /^[A-Za-z_][A-Za-z0-9_]*$/) continue
		if (!(e in ev)) { err(FNR, "`" e "` is not an event of the provider"); continue }
		sn[ns]++; se[ns, sn[ns]] = e; has[e] = 1
	}
	next
}
!insec { next }
{
	n = split($0, a, "`")
	for (i = 2; i <= n; i += 2) { w = a[i]; sub(/[ =].*/, "", w); said[ns " " w] = 1 }
}
/^\|/ {
	split($0, c, "|"); cell = c[2]; gsub(/^ +| +$/, "", cell)
	if (table == "") { table = cell; next }
	if (cell ~ /^-+$/ || table != "field") next
	n = split(cell, a, ",")
	for (i = 1; i <= n; i++) {
		w = a[i]; gsub(/[ `]/, "", w); said[ns " " w] = 1; ok = 0
		for (j = 1; j <= sn[ns]; j++) if ((se[ns, j] " " w) in fld) ok = 1
		if (!ok) err(FNR, "field `" w "` is no field of the section'"'"'s events")
	}
	next
}
{ table = "" }
END {
	if (ns) close_section()
	for (i = 1; i <= nev; i++) if (!(evs[i] in has)) err(0, "event `" evs[i] "` has no section")
	exit bad ? 1 : 0
}' "$1"
}

check "$doc" || { echo "tracepoints_fields: $doc does not describe the provider" >&2; exit 1; }
# wrong AWK_PROGRAM EXPECT: DOC edited by the sed program must fail, saying EXPECT
n=0
wrong() {
	n=$((n + 1))
	sed "$1" "$doc" >"$tmp/wrong.md"
	if check "$tmp/wrong.md" >"$tmp/out"; then
		echo "tracepoints_fields: not caught: $1" >&2; exit 1
	fi
	grep -qF -- "$2" "$tmp/out" || { echo "tracepoints_fields: wrong message for $1:" >&2; cat "$tmp/out" >&2; exit 1; }
}
# a field the event lost, still in its table
wrong 's/^| bhash | its bind-hash bucket |$/&\n| verdict | gone |/' 'field `verdict` is no field'
# an event the provider lost, still with a section
wrong '0,/^### /s//### `connscope:tcp_v4_rcv_process`\n\n&/' '`tcp_v4_rcv_process` is not an event'
# a section gone
wrong '/^#### `connscope:arp_rcv`$/,/^#### `connscope:netif_receive_skb`$/{/^#### `connscope:netif_receive_skb`$/!d}' 'event `arp_rcv` has no section'
# a field the provider has and the section does not say
wrong 's/^| sip, tip, sha |/| sip, tip |/' 'field `sha` is not described'
echo "tracepoints_fields: $doc describes every event and field; $n kinds of drift caught"
