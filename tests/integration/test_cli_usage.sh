#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# test_cli_usage.sh - `connscope connect` refuses each bad argument of issue
# 12 with one line naming it and exit 2, before it opens any interface (no
# network is used), and a good value of each still passes the parse (it
# then fails on the missing interface csnosuch0, or without CAP_NET_RAW on
# opening the AF_PACKET socket: exit 1, not a usage error).
# Last line: "integration-cli: N passed, M failed"; exit 1 if M > 0.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
CS=$ROOT/$BUILD/bin/connscope
[ -x "$CS" ] || { echo "SKIPPED: test_cli_usage ($CS is not built)"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/cs-cli-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
DST=10.77.0.2:80

# usage WANT_RC PATTERN ARGS...: exit status and the first stderr line.
usage() {
	want=$1 pat=$2; shift 2
	"$CS" connect "$@" >/dev/null 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && head -1 "$T/err" | grep -Eq -- "^connscope: .*$pat"; then
		pass=$((pass + 1)); echo "ok - $* -> $rc: $(head -1 "$T/err")"
	else
		fail=$((fail + 1)); echo "not ok - $*: rc $rc, want $want; $(head -2 "$T/err" | tr '\n' ' ')"
	fi
}
NOIF="(no interface named csnosuch0|needs CAP_NET_RAW)"

for v in nan inf -inf 1e30 "" -1 " 1" 0x10; do
	usage 2 "invalid hold time" --hold "$v" "$DST"
done
usage 2 "invalid interval" --interval nan "$DST"
usage 2 "invalid interval" --interval 1e30 "$DST"
usage 1 "$NOIF" -i csnosuch0 --hold 0.5 --interval 2 "$DST"
for d in "10.77.0.2:+80" "10.77.0.2: 80" "10.77.0.2:-1" "10.77.0.2:80 " "10.77.0.2:65536" \
	 "10.77.0.2:" " 10.77.0.2:80"; do
	usage 2 "invalid destination" "$d"
done
usage 2 "invalid bind address" --bind "10.77.0.1:+5" "$DST"
# "HOST: 80" unquoted is two targets, the first of them without a port
usage 2 "invalid destination .*'10.77.0.2:'" 10.77.0.2: 80
usage 1 "$NOIF" -i csnosuch0 10.77.0.2:080
for n in /run/netns/cs-client ./cs-client a/b . .. ""; do
	usage 2 "invalid --netns" --netns "$n" "$DST"
done
usage 2 "gateway 10.78.0.1 is not on the stack's subnet" -g 10.78.0.1 "$DST"
usage 2 "gateway 10.77.1.1 is not on the stack's subnet" -a 10.77.0.1/24 -g 10.77.1.1 "$DST"
usage 1 "$NOIF" -i csnosuch0 -a 10.0.0.1/8 -g 10.78.0.1 "$DST"
usage 2 "--dump-tables $T/no/such/dir.json: No such file" --dump-tables "$T/no/such/dir.json" "$DST"
usage 2 "--dump-tables $T: Is a directory" --dump-tables "$T" "$DST"
usage 1 "$NOIF" -i csnosuch0 --dump-tables "$T/ok.json" "$DST"
if [ -e "$T/ok.json" ]; then
	fail=$((fail + 1)); echo "not ok - the writability check left $T/ok.json behind"
else
	pass=$((pass + 1)); echo "ok - the writability check leaves no file"
fi

echo "integration-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
