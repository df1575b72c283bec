#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# down.sh - take the lab network down: stop the listeners up.sh started,
# delete both namespaces (which deletes the veth pair).  Idempotent: with
# nothing up it does nothing and succeeds.
#
#   labs/net/down.sh [--listeners-only]
set -eu
# shellcheck source=labs/net/common.sh
. "$(dirname "$0")/common.sh"

only_listeners=0
case ${1:-} in
--listeners-only) only_listeners=1;;
'') ;;
-h|--help) sed -n '3,7s/^# \{0,1\}//p' "$0"; exit 0;;
*) echo "down.sh: unknown argument: $1" >&2; exit 2;;
esac

cs_ns_exists "$CS_CLIENT_NS" || cs_ns_exists "$CS_SERVER_NS" || exit 0
cs_need_admin

# SIGTERM, then up to 2 s for them to go, then SIGKILL.
stop_listeners() {
	pids=$(cs_ns_pids_named "$CS_SERVER_NS" cs-listen)
	[ -n "$pids" ] || return 0
	# shellcheck disable=SC2086
	kill $pids 2>/dev/null || true
	i=0
	while [ $i -lt 20 ]; do
		alive=""
		for pid in $pids; do
			kill -0 "$pid" 2>/dev/null && alive="$alive $pid"
		done
		[ -n "$alive" ] || return 0
		sleep 0.1
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	kill -9 $alive 2>/dev/null || true
}

cs_ns_exists "$CS_SERVER_NS" && stop_listeners
[ $only_listeners -eq 1 ] && exit 0
for ns in "$CS_CLIENT_NS" "$CS_SERVER_NS"; do
	cs_ns_exists "$ns" && ip netns del "$ns"
done
echo "lab network down"
