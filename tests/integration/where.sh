# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# where.sh - sourced by the integration tests (not a test itself): decide
# where a test runs.  As root with no lab network up, here, in the host's
# namespaces; otherwise (not root, CS_LAB_USERNS=1, or a lab already up that
# belongs to someone else) it re-runs itself inside labs/net/userns.sh, or
# exits 77 with a SKIPPED line naming the test when user namespaces are not
# available.  Needs NAME, NET (labs/net) and SELF (the test's path).

where_skip() {
	echo "SKIPPED: $NAME (needs root or user namespaces): $1"
	exit 77
}

where_userns_ok() {
	command -v unshare >/dev/null 2>&1 && unshare -Urnm true 2>/dev/null
}

where_lab_up_already() {
	ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qx -e cs-client -e cs-server
}

if [ "${CS_IN_USERNS:-}" != 1 ]; then
	if [ "$(id -u)" -ne 0 ] || [ "${CS_LAB_USERNS:-0}" = 1 ] || where_lab_up_already; then
		where_userns_ok || where_skip "not root, and unprivileged user namespaces are not available"
		[ "$(id -u)" -eq 0 ] && where_lab_up_already &&
			echo "$NAME: the lab network is already up: testing in a private user namespace"
		exec "$NET/userns.sh" --no-lab sh "$SELF"
	fi
fi
