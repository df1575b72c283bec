#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# userns.sh - the lab network without root: run CMD in a new user, network
# and mount namespace (unshare -Urnm: you are root in there, and nowhere
# else), with the lab network brought up inside it first and taken down after.
#
#   labs/net/userns.sh [--listen PORT]... [--log FILE] [--no-lab] [--] CMD [ARG]...
#
# --listen/--log are passed to up.sh; --no-lab creates no lab (CMD runs
# up.sh itself).  Inside, `ip netns exec cs-client ...` works as with root:
# /run/netns is a private tmpfs of the mount namespace.  LTTng works as
# with root too: /run/lttng and /dev/shm are private tmpfs, and an
# lttng-sessiond runs, started with the group of this namespace's root
# (its default group, tracing, is not mapped here); plain `lttng create`,
# `enable-event -u 'connscope:*'`, `start`, `stop`, `destroy` and
# `connscope connect --trace DIR` record.  Everything vanishes when CMD
# exits.  Exit status: CMD's; 77 when user namespaces are not available
# here (the caller should report its test as skipped).
#
# Example: labs/net/userns.sh sh -c 'ip netns exec cs-client build/bin/connscope connect 10.77.0.2:80'
set -eu
# shellcheck source=labs/net/common.sh
. "$(dirname "$0")/common.sh"

usage() {
	sed -n '3,21s/^# \{0,1\}//p' "$0"
	exit "$1"
}

# Outside: check that an unprivileged user namespace can be made, then
# re-run this script in one.
if [ "${CS_IN_USERNS:-}" != 1 ]; then
	if ! command -v unshare >/dev/null 2>&1; then
		echo "userns.sh: unshare (util-linux) is not installed: no user namespaces" >&2
		exit 77
	fi
	if ! err=$(unshare -Urnm true 2>&1); then
		echo "userns.sh: user namespaces are not available here ($err);" \
			"check sysctl user.max_user_namespaces and" \
			"kernel.unprivileged_userns_clone / kernel.apparmor_restrict_unprivileged_userns" >&2
		exit 77
	fi
	CS_IN_USERNS=1 exec unshare -Urnm sh "$CS_NET_DIR/userns.sh" "$@"
fi

up_ports=""
up_log=""
lab=1
while [ $# -gt 0 ]; do
	case $1 in
	--listen) [ $# -ge 2 ] || usage 2; up_ports="$up_ports --listen $2"; shift 2;;
	--log) [ $# -ge 2 ] || usage 2; up_log=$2; shift 2;;
	--no-lab) lab=0; shift;;
	-h|--help) usage 0;;
	--) shift; break;;
	*) break;;
	esac
done
[ $# -gt 0 ] || usage 2

# /run/netns and /run/lttng writable and private to this mount namespace.
# If one of them does not exist it cannot be created (/run belongs to the
# real root): put a tmpfs on /run, with the old /run's entries bound back
# into it, and create them there.
private_run() {
	old=$(mktemp -d)
	mount --rbind /run "$old"
	mount -t tmpfs -o mode=0755 cs-run /run
	for e in "$old"/* "$old"/.[!.]*; do
		[ -e "$e" ] || [ -L "$e" ] || continue
		n=/run/$(basename "$e")
		[ -e "$n" ] || [ -L "$n" ] && continue	# made by mount(8) itself
		if [ -L "$e" ]; then cp -P "$e" "$n"
		elif [ -d "$e" ]; then mkdir "$n" && mount --rbind "$e" "$n"
		else : > "$n" && mount --bind "$e" "$n"
		fi
	done
	mkdir -p /run/netns /run/lttng
}

private_run_dirs() {
	if [ ! -d /run/netns ] || [ ! -d /run/lttng ]; then
		private_run
	fi
	mount -t tmpfs -o mode=0755 cs-netns /run/netns
	# LTTng's: the session daemon's sockets and lock, the shared memory
	# of its ring buffers and of its applications' wait futex
	mount -t tmpfs -o mode=0755 cs-lttng /run/lttng
	mount -t tmpfs -o mode=1777 cs-shm /dev/shm
}

# The session daemon of this namespace, given our own group (root here):
# its default group, tracing, is not mapped, and its chown would fail.
start_sessiond() {
	command -v lttng-sessiond >/dev/null 2>&1 || return 0
	log=$CS_LAB_DIR/lttng-sessiond.log
	if ! lttng-sessiond --background --no-kernel --group="$(id -gn)" \
		</dev/null >"$log" 2>&1; then
		echo "userns.sh: lttng-sessiond did not start (tracing will not work in" \
			"here): $(tr '\n' ' ' < "$log")" >&2
	fi
}

# It takes about 2 s to exit: not waited for (nothing else can reach it).
stop_sessiond() {
	pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null || true
}

private_run_dirs
ip link set lo up
CS_LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/connscope-userns.XXXXXX")
export CS_LAB_DIR
start_sessiond
if [ $lab -eq 1 ]; then
	if [ -n "$up_log" ]; then
		# shellcheck disable=SC2086
		"$CS_NET_DIR/up.sh" $up_ports --log "$up_log"
	else
		# shellcheck disable=SC2086
		"$CS_NET_DIR/up.sh" $up_ports
	fi
fi
rc=0
"$@" || rc=$?
"$CS_NET_DIR/down.sh" >/dev/null 2>&1 || true
stop_sessiond
rm -rf "$CS_LAB_DIR"
exit $rc
