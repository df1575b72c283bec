# SPDX-License-Identifier: GPL-2.0-only
# common.sh - names and helpers shared by up.sh, down.sh and userns.sh.
# Sourced, not run.  POSIX sh.

CS_CLIENT_NS=cs-client		# the stack's namespace
CS_SERVER_NS=cs-server		# the kernel peer's namespace
CS_CLIENT_IF=cs0
CS_SERVER_IF=cs1
CS_STACK_ADDR=10.77.0.1		# connscope's address: never configured on the kernel
CS_CLIENT_ADDR=10.77.0.3	# the kernel's own address on cs0, for comparison
CS_SERVER_ADDR=10.77.0.2
CS_PREFIX=24

CS_NET_DIR=$(cd "$(dirname "$0")" && pwd)
CS_ROOT=$(cd "$CS_NET_DIR/../.." && pwd)
# Where up.sh keeps the default listener log.  userns.sh points it at a
# private directory; otherwise one per user under $TMPDIR.
CS_LAB_DIR=${CS_LAB_DIR:-${TMPDIR:-/tmp}/connscope-lab-$(id -un 2>/dev/null || id -u)}

cs_die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

# Creating namespaces needs CAP_SYS_ADMIN: root, or root of a user namespace.
cs_need_admin() {
	[ "$(id -u)" -eq 0 ] && return 0
	cs_die "needs root: run it with sudo, or run your command without root inside" \
		"a user namespace: labs/net/userns.sh CMD..."
}

# The path of one of the project's programs: $BUILD/bin (default build/),
# else one installed in PATH.
cs_prog() {
	for d in "$CS_ROOT/${BUILD:-build}/bin" "$CS_ROOT/build/bin"; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	command -v "$1" 2>/dev/null && return 0
	cs_die "$1 not found: build it first: make ${BUILD:-build}/bin/$1"
}

cs_ns_exists() {
	ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qx "$1"
}

# Pids of the processes named $2 whose network namespace is $1.
cs_ns_pids_named() {
	for pid in $(ip netns pids "$1" 2>/dev/null); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && echo "$pid"
	done
	return 0
}
