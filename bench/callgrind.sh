#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/callgrind.sh - instructions per connect of the bench's connect loop
# (`connscope connect --json --stats --close` to cs-listen), counted by
# valgrind --tool=callgrind over every thread of the process: the count of
# a run of N1 connects is taken from that of a run of N2, so that start-up
# and exit cancel out.  Unlike the wall-clock numbers of bench/run.sh it
# hardly moves when the machine is busy (within about 1%), so it is the
# measure to compare two builds with on a shared machine.
#
#   bench/callgrind.sh [BUILD...]      (default: build build-notrace)
#
# Runs itself in a user namespace with the lab network (labs/net/userns.sh)
# unless CS_IN_USERNS is set.  Each callgrind output stays in
# $TMPDIR/cs-callgrind.*/ for callgrind_annotate.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
N1=${N1:-100}
N2=${N2:-600}
command -v valgrind >/dev/null 2>&1 || { echo "callgrind: valgrind is not installed" >&2; exit 1; }
[ $# -gt 0 ] || set -- build build-notrace
if [ "${CS_IN_USERNS:-}" != 1 ]; then
	exec "$ROOT/labs/net/userns.sh" --listen 80 sh "$0" "$@"
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/cs-callgrind.XXXXXX")

# count BIN N: the instructions callgrind counted in a run of N connects.
count() {
	out=$T/$(echo "$1" | tr / _).$2.out
	ip netns exec cs-client valgrind --tool=callgrind --callgrind-out-file="$out" \
		"$1" connect --json --stats --close -n "$2" 10.77.0.2:80 >/dev/null 2>"$T/err" ||
		{ tail -3 "$T/err" >&2; return 1; }
	awk '/^(summary|totals):/ { print $2; exit }' "$out"
}

for b in "$@"; do
	bin=$ROOT/$b/bin/connscope
	[ -x "$bin" ] || { echo "callgrind: $bin is not built" >&2; continue; }
	# a first run: ARP and the page cache
	ip netns exec cs-client "$bin" connect --close -n 20 10.77.0.2:80 >/dev/null
	i1=$(count "$bin" "$N1") && i2=$(count "$bin" "$N2") || exit 1
	echo "$b: $(( (i2 - i1) / (N2 - N1) )) instructions per connect" \
		"($N2 - $N1 connects; outputs in $T)"
done
