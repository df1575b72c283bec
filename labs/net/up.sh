#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# up.sh - bring the lab network up (idempotent: run it again, same result).
#
#   labs/net/up.sh [--listen PORT]... [--log FILE]
#
#   cs-client                                   cs-server
#   cs0  10.77.0.3/24 (the kernel)  <- veth ->  cs1  10.77.0.2/24
#        10.77.0.1    (connscope, never             cs-listen on PORT... (default 80)
#                      configured on the kernel)
#
# The transmit offloads of cs0 and cs1 are turned off, so the frames crossing
# the veth carry complete checksums (see labs/net/cs-offload.c); IPv6 is off
# in both namespaces so that the link carries only what the lab sends.
# cs-listen logs one line per accepted connection to FILE (appended; default
# $CS_LAB_DIR/cs-listen.log).  A listener already running with the same
# ports and log is kept; otherwise it is restarted.  Needs root, or root in a
# user namespace (labs/net/userns.sh).
set -eu
# shellcheck source=labs/net/common.sh
. "$(dirname "$0")/common.sh"

usage() {
	sed -n '3,17s/^# \{0,1\}//p' "$0"
	exit "$1"
}

ports=""
log=""
while [ $# -gt 0 ]; do
	case $1 in
	--listen)
		[ $# -ge 2 ] || usage 2
		case $2 in ''|*[!0-9]*) cs_die "--listen: not a port: $2";; esac
		if [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then cs_die "--listen: not a port: $2"; fi
		ports="$ports $2"; shift 2;;
	--log) [ $# -ge 2 ] || usage 2; log=$2; shift 2;;
	-h|--help) usage 0;;
	*) echo "up.sh: unknown argument: $1" >&2; usage 2;;
	esac
done
[ -n "$ports" ] || ports=80
if [ -z "$log" ]; then
	mkdir -p "$CS_LAB_DIR"
	log=$CS_LAB_DIR/cs-listen.log
fi
case $log in /*) ;; *) log=$(pwd)/$log;; esac

cs_need_admin
listen=$(cs_prog cs-listen)
offload=$(cs_prog cs-offload)

# One namespace with IPv6 off and loopback up.
make_ns() {
	cs_ns_exists "$1" || ip netns add "$1"
	if [ -d /proc/sys/net/ipv6 ]; then
		# shellcheck disable=SC2016
		ip netns exec "$1" sh -c 'for f in all default; do
			echo 1 > /proc/sys/net/ipv6/conf/$f/disable_ipv6; done'
	fi
	ip -n "$1" link set lo up
}

# The veth pair, unless both ends are already where they belong.
make_veth() {
	if ip -n "$CS_CLIENT_NS" link show "$CS_CLIENT_IF" >/dev/null 2>&1 &&
	   ip -n "$CS_SERVER_NS" link show "$CS_SERVER_IF" >/dev/null 2>&1; then
		return 0
	fi
	ip -n "$CS_CLIENT_NS" link del "$CS_CLIENT_IF" 2>/dev/null || true
	ip -n "$CS_SERVER_NS" link del "$CS_SERVER_IF" 2>/dev/null || true
	ip -n "$CS_CLIENT_NS" link add "$CS_CLIENT_IF" type veth \
		peer name "$CS_SERVER_IF" netns "$CS_SERVER_NS"
}

# Addresses (the stack's is removed if anyone added it), offloads off, up.
configure() {
	ip -n "$CS_CLIENT_NS" addr del "$CS_STACK_ADDR/$CS_PREFIX" dev "$CS_CLIENT_IF" 2>/dev/null || true
	ip -n "$CS_CLIENT_NS" addr replace "$CS_CLIENT_ADDR/$CS_PREFIX" dev "$CS_CLIENT_IF"
	ip -n "$CS_SERVER_NS" addr replace "$CS_SERVER_ADDR/$CS_PREFIX" dev "$CS_SERVER_IF"
	ip netns exec "$CS_CLIENT_NS" "$offload" "$CS_CLIENT_IF" off
	ip netns exec "$CS_SERVER_NS" "$offload" "$CS_SERVER_IF" off
	ip -n "$CS_CLIENT_NS" link set "$CS_CLIENT_IF" up
	ip -n "$CS_SERVER_NS" link set "$CS_SERVER_IF" up
}

# cs-listen in cs-server: keep one started with the same arguments.
start_listener() {
	args="-d -l $log"
	for p in $ports; do args="$args -p $p"; done
	want="$listen $args"
	for pid in $(cs_ns_pids_named "$CS_SERVER_NS" cs-listen); do
		have=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
		[ "$have" = "$want " ] && return 0
	done
	"$CS_NET_DIR/down.sh" --listeners-only
	# shellcheck disable=SC2086
	ip netns exec "$CS_SERVER_NS" "$listen" $args
}

make_ns "$CS_CLIENT_NS"
make_ns "$CS_SERVER_NS"
make_veth
configure
start_listener
mac=$(ip -n "$CS_CLIENT_NS" -o link show "$CS_CLIENT_IF" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
echo "lab network up:"
echo "  $CS_CLIENT_NS: $CS_CLIENT_IF $mac, kernel $CS_CLIENT_ADDR/$CS_PREFIX;" \
	"connscope's address $CS_STACK_ADDR (not configured on the kernel)"
# shellcheck disable=SC2086
echo "  $CS_SERVER_NS: $CS_SERVER_IF $CS_SERVER_ADDR/$CS_PREFIX, cs-listen on port(s)$(printf ' %s' $ports)"
echo "  listener log: $log"
