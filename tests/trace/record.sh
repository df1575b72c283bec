#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# record.sh - recording a trace without setting LTTng up by hand, in the lab
# of labs/net/userns.sh (a private lab: never the host's cs-client/cs-server):
#
#   record-dir      connscope connect --trace DIR: DIR holds the run, every
#                   event with the vpid (= connscope's pid), vtid and procname
#                   contexts, with the lab's own lttng-sessiond
#   two-targets     -n 2 10.77.0.2:80 10.77.0.2:8080 in one run: --json names
#                   each attempt's target (in rounds); each target has its own
#                   port_offset and all share the hint, as 3.10's
#                   __inet_hash_connect: port = low + (i + hint + port_offset)
#                   % remaining, hint += i, the port the one --json reports
#   plain-lttng     the handout's lttng create / enable-event -u 'connscope:*'
#                   / start / stop / destroy record a connect
#   own-sessiond    --trace DIR with no session daemon: connscope starts one
#                   (with a group mapped in the user namespace) and stops it
#   not-empty       --trace into a non-empty directory: refused, exit 1
#   daemon-error    /run/lttng read-only: the error quotes lttng-sessiond's
#                   own words and says what to do
#   root-host       as root outside any user namespace (its group tracing
#                   mapped), in a private mount and network namespace with a
#                   veth pair of its own: --trace DIR starts lttng-sessiond,
#                   records a refused connect, stops the daemon
#
# As root: the set as nobody (setpriv; the ordinary user of a user
# namespace), the set as root, and root-host; otherwise as the calling user.  Exit 77
# when user namespaces (or lttng, babeltrace2) are not available.
# Usage: sh tests/trace/record.sh  (or: record.sh --inside ROLE, in the lab)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TRACE=${TRACE:-1}
CS=$ROOT/$BUILD/bin/connscope
SELF=$ROOT/tests/trace/record.sh
npass=0
nfail=0

passed() { npass=$((npass + 1)); echo "PASSED: $1"; }
failed() { nfail=$((nfail + 1)); echo "FAILED: $1: $2"; }

# Every connscope event carries the three contexts; vpid is @2.
check_contexts() {
	n=$(grep -c 'connscope:' "$1")
	ok=$(grep 'connscope:' "$1" | grep -c "{ vpid = $2, vtid = [0-9]*, procname = \"connscope\" }")
	[ "$n" -gt 0 ] && [ "$n" -eq "$ok" ] && return 0
	echo "$ok of $n events with vpid = $2, vtid, procname = connscope"
	return 1
}

# __inet_hash_connect and its return, one "E port_offset hint low remaining"
# or "R port i hint" line each, in trace order.
hash_connect_lines() {
	awk '
	function val(name,   r) {
		if (!match($0, name " = [0-9xA-Fa-f]+")) return ""
		r = substr($0, RSTART, RLENGTH); sub(/.* = /, "", r); return r
	}
	/connscope:__inet_hash_connect: / {
		print "E", val("port_offset"), val("hint"), val("low"), val("remaining") }
	/connscope:__inet_hash_connect_ret: / { print "R", val("port"), val(" i"), val("hint") }
	' "$1"
}

# The JSON src ports, in attempt order, against the trace's ports and the
# 3.10 formula; the hint carried from each connect to the next.
check_hint() {
	hash_connect_lines "$1" > "$T/hc.txt"
	sed -n 's/.*"src":"[0-9.]*:\([0-9]*\)".*/\1/p' "$2" > "$T/sports.txt"
	prev="" k=0 msg=""
	offsets=""
	while read -r tag a b c d; do
		if [ "$tag" = E ]; then
			po=$a hint=$b low=$c rem=$d
			[ -n "$prev" ] && [ "$hint" != "$prev" ] &&
				msg="$msg connect $((k + 1)): hint $hint, the previous left $prev;"
			offsets="$offsets $po"
			continue
		fi
		k=$((k + 1))
		port=$a i=$b prev=$c
		want=$((low + ((i + ((hint + po) & 0xffffffff)) & 0xffffffff) % rem))
		[ "$port" -eq "$want" ] ||
			msg="$msg connect $k: port $port, 3.10 gives $want;"
		[ "$prev" -eq $((hint + i)) ] || msg="$msg connect $k: hint after $prev;"
		js=$(sed -n "${k}p" "$T/sports.txt")
		[ "$js" = "$port" ] || msg="$msg connect $k: --json src port $js, trace $port;"
	done < "$T/hc.txt"
	[ "$k" -eq 4 ] || msg="$msg $k connects in the trace, not 4;"
	# shellcheck disable=SC2086  # one word per offset
	set -- $offsets
	[ $# -eq 4 ] && [ "$1" = "$3" ] && [ "$2" = "$4" ] && [ "$1" != "$2" ] ||
		msg="$msg port_offsets$offsets: not one per target;"
	[ -z "$msg" ] && return 0
	echo "$msg"
	return 1
}

# --trace DIR with the lab's session daemon; two targets in rounds.
t_record_dir() {
	"$CS" connect --netns cs-client --trace "$T/tr" --json -n 2 \
		10.77.0.2:80 10.77.0.2:8080 > "$T/two.json" 2> "$T/two.err" &
	pid=$!
	wait $pid || { failed "$1 record-dir" "exit $?: $(cat "$T/two.err")"; return; }
	babeltrace2 "$T/tr" > "$T/tr.txt" 2>&1 ||
		{ failed "$1 record-dir" "babeltrace2: $(head -3 "$T/tr.txt")"; return; }
	if err=$(check_contexts "$T/tr.txt" $pid); then passed "$1 record-dir"
	else failed "$1 record-dir" "$err"; fi
	targets=$(sed -n 's/.*"target":"\([^"]*\)","target_index":\([0-9]\).*/\2=\1/p' \
		"$T/two.json" | tr '\n' ' ')
	if [ "$targets" != "0=10.77.0.2:80 1=10.77.0.2:8080 0=10.77.0.2:80 1=10.77.0.2:8080 " ]; then
		failed "$1 two-targets" "--json targets: $targets"
	elif err=$(check_hint "$T/tr.txt" "$T/two.json"); then passed "$1 two-targets"
	else failed "$1 two-targets" "$err"; fi
}

# The handout's plain lttng commands.
t_plain() {
	s=lab-$$
	if lttng create "$s" --output="$T/plain" >"$T/plain.log" 2>&1 &&
		lttng enable-event -u -s "$s" 'connscope:*' >>"$T/plain.log" 2>&1 &&
		lttng start "$s" >>"$T/plain.log" 2>&1 &&
		"$CS" connect --netns cs-client 10.77.0.2:80 >>"$T/plain.log" 2>&1 &&
		lttng stop "$s" >>"$T/plain.log" 2>&1 &&
		lttng destroy "$s" >>"$T/plain.log" 2>&1 &&
		babeltrace2 "$T/plain" 2>&1 | grep -q 'connscope:tcp_finish_connect'; then
		passed "$1 plain-lttng"
	else
		failed "$1 plain-lttng" "$(tr '\n' ' ' < "$T/plain.log")"
	fi
}

# Without a session daemon: connscope starts (and stops) its own.
t_own_sessiond() {
	pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null)
	[ -n "$pid" ] && kill "$pid"
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
	"$CS" connect --netns cs-client --trace "$T/own" 10.77.0.2:80 > /dev/null 2> "$T/own.err" &
	cpid=$!
	if ! wait $cpid; then
		failed "$1 own-sessiond" "exit $?: $(cat "$T/own.err")"
	elif lttng list > /dev/null 2>&1; then
		failed "$1 own-sessiond" "the session daemon it started still runs"
	elif ! babeltrace2 "$T/own" > "$T/own.txt" 2>&1 ||
		! grep -q 'connscope:tcp_finish_connect' "$T/own.txt"; then
		failed "$1 own-sessiond" "no connect in the trace: $(head -2 "$T/own.txt")"
	elif err=$(check_contexts "$T/own.txt" $cpid); then passed "$1 own-sessiond"
	else failed "$1 own-sessiond" "$err"; fi
}

t_refusals() {
	mkdir "$T/full" && : > "$T/full/x"
	out=$("$CS" connect --netns cs-client --trace "$T/full" 10.77.0.2:80 2>&1)
	rc=$?
	case $rc:$out in
	1:*"not empty"*) passed "$1 not-empty";;
	*) failed "$1 not-empty" "exit $rc: $out";;
	esac
	# a run directory nobody can write: no daemon answers, none can start
	# shellcheck disable=SC2016  # expanded by the inner shell
	out=$(unshare -m sh -c 'mount -t tmpfs -o ro cs-ro /run/lttng &&
		exec "$0" connect --netns cs-client --trace "$1" 10.77.0.2:80' "$CS" "$T/ro" 2>&1)
	rc=$?
	case $rc:$out in
	1:*"lttng-sessiond did not start: \""*"Read-only"*"userns.sh"*)
		passed "$1 daemon-error";;
	*) failed "$1 daemon-error" "exit $rc: $out";;
	esac
}

# Root without a user namespace: the host's daemon defaults, hidden from
# the rest of the machine by tmpfs over /run/lttng and /dev/shm.
root_host() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/cs-record.XXXXXX")
	# shellcheck disable=SC2016  # expanded by the inner shell
	unshare -mn --propagation private sh -c '
		mount -t tmpfs -o mode=0755 cs-lttng /run/lttng &&
		mount -t tmpfs -o mode=1777 cs-shm /dev/shm &&
		ip link set lo up && ip link add csr0 type veth peer name csr1 &&
		ip addr add 10.9.0.2/24 dev csr1 && ip link set csr0 up && ip link set csr1 up &&
		"$1" csr1 off > /dev/null && "$1" csr0 off > /dev/null || exit 3
		"$0" connect -i csr0 -a 10.9.0.1/24 --trace "$2/tr" --json 10.9.0.2:81 > "$2/out" &&
			exit 4
		babeltrace2 "$2/tr" > "$2/tr.txt" 2>&1 || exit 5
		lttng list > /dev/null 2>&1 && exit 6
		exit 0' "$CS" "$ROOT/$BUILD/bin/cs-offload" "$T" 2> "$T/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		failed root-host "step $rc: $(tr '\n' ' ' < "$T/err")"
	elif ! grep -q '"result":"ECONNREFUSED"' "$T/out"; then
		failed root-host "not refused: $(cat "$T/out")"
	elif ! grep -q 'connscope:tcp_done' "$T/tr.txt" ||
		! err=$(check_contexts "$T/tr.txt" '[0-9]*'); then
		failed root-host "trace: ${err:-no tcp_done}"
	else
		passed root-host
	fi
	rm -rf "$T"
}

inside() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/cs-record.XXXXXX")
	t_record_dir "$1"
	t_plain "$1"
	t_own_sessiond "$1"
	t_refusals "$1"
	rm -rf "$T"
	echo "record ($1): $npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}

if [ "${1:-}" = --inside ]; then
	inside "$2"
	exit $?
fi

skip() { echo "SKIPPED: record ($1)"; exit 77; }
[ "$TRACE" = 1 ] || skip "tracing compiled out (TRACE=0)"
for t in lttng lttng-sessiond babeltrace2 unshare; do
	command -v $t > /dev/null 2>&1 || skip "$t is not installed"
done
[ -x "$CS" ] || { echo "FAILED: record: $CS is not built"; exit 1; }
unshare -Urnm true 2>/dev/null || skip "no user namespaces here"
# A lab of its own, also when run inside another userns.sh (a nested one).
lab() {
	env -u CS_IN_USERNS "$ROOT/labs/net/userns.sh" --listen 80 --listen 8080 \
		sh "$SELF" --inside "$1"
}
rc=0
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv > /dev/null &&
		setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$CS"; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups env -u CS_IN_USERNS \
			HOME=/tmp BUILD="$BUILD" "$ROOT/labs/net/userns.sh" --listen 80 --listen 8080 \
			sh "$SELF" --inside nobody || rc=1
	else
		echo "SKIPPED: record as nobody (cannot become nobody here, or $ROOT is not readable by nobody)"
	fi
	lab root || rc=1
	if [ -z "${CS_IN_USERNS:-}" ]; then
		root_host
		[ "$nfail" -eq 0 ] || rc=1
	fi
else
	lab "$(id -un)" || rc=1
fi
exit $rc
