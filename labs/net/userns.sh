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
# /run/netns is a private tmpfs of the mount namespace.  Everything vanishes
# when CMD exits.  Exit status: CMD's; 77 when user namespaces are not
# available here (the caller should report its test as skipped).
#
# Example: labs/net/userns.sh sh -c 'ip netns exec cs-client build/bin/connscope connect 10.77.0.2:80'
set -eu
# shellcheck source=labs/net/common.sh
. "$(dirname "$0")/common.sh"

usage() {
	sed -n '3,15s/^# \{0,1\}//p' "$0"
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

# A writable /run/netns private to this mount namespace.  If the directory
# does not exist it cannot be created (/run belongs to the real root): put
# a tmpfs on /run, with the old /run's entries bound back into it.
private_netns_dir() {
	if [ -d /run/netns ]; then
		mount -t tmpfs -o mode=0755 cs-netns /run/netns
		return 0
	fi
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
	mkdir /run/netns
}

private_netns_dir
ip link set lo up
CS_LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/connscope-userns.XXXXXX")
export CS_LAB_DIR
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
rm -rf "$CS_LAB_DIR"
exit $rc
