#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# readme-images.sh - `make readme-images`: the README's pictures of the
# ladder and the port search, drawn by connscope-dot from a real trace.
# In a private lab (labs/net/userns.sh, its own lttng-sessiond) three
# traced connects against the kernel peer:
#   1. a handshake to 10.77.0.2:80 and close, with fixed secrets and the
#      first two candidate ports reserved (the search skips them)
#   2. SYNs the server drops, tcp_syn_retries=1 (retransmission, ETIMEDOUT)
# then docs/img/ladder-connect.png, docs/img/ladder-retransmit.png and
# docs/img/ports.png.  Needs the programs built (make).
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${BUILD:-build}
CS="$ROOT/$BUILD/bin/connscope"
DOT="$ROOT/$BUILD/bin/connscope-dot"
IMG="$ROOT/docs/img"

if [ -z "${CS_IN_USERNS:-}" ]; then
	exec sh "$ROOT/labs/net/userns.sh" --listen 80 sh "$0" "$@"
fi
out=$(mktemp -d /tmp/cs-img.XXXXXX)
mount -t tmpfs -o mode=0755 none /run/lttng 2>/dev/null ||
	{ mkdir -p /run/lttng && mount -t tmpfs -o mode=0755 none /run/lttng; }
mount -t tmpfs -o mode=1777 none /dev/shm
export HOME="$out/home"
mkdir -p "$HOME" "$IMG"
lttng-sessiond --daemonize --no-kernel --group="$(id -gn)" >/dev/null 2>&1
cleanup() {
	lttng destroy cs-img >/dev/null 2>&1 || true
	pid=$(cat /run/lttng/lttng-sessiond.pid 2>/dev/null || true)
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	rm -rf "$out"
}
trap cleanup EXIT
lttng create cs-img --output="$out/trace" >/dev/null
lttng enable-event -u -s cs-img 'connscope:*' >/dev/null
lttng add-context -u -s cs-img -t vtid -t vpid >/dev/null
lttng start cs-img >/dev/null
seed="-o connscope.fixed_secrets=1 -o connscope.secret_seed=13"
# The first candidate with this seed, learnt from a run outside the trace.
# shellcheck disable=SC2086
port=$(lttng stop cs-img >/dev/null; "$CS" connect --netns cs-client $seed 10.77.0.2:80 |
	sed -n 's/^0: [0-9.]*:\([0-9]*\) ->.*/\1/p'; lttng start cs-img >/dev/null)
# shellcheck disable=SC2086
"$CS" connect --netns cs-client $seed -o "net.ipv4.ip_local_reserved_ports=$port-$((port + 1))" \
	10.77.0.2:80 || true
ip netns exec cs-server nft add table inet csimg
ip netns exec cs-server nft add chain inet csimg input '{ type filter hook input priority 0; }'
ip netns exec cs-server nft add rule inet csimg input tcp dport 9 drop
"$CS" connect --netns cs-client -o net.ipv4.tcp_syn_retries=1 10.77.0.2:9 || true
ip netns exec cs-server nft delete table inet csimg
lttng stop cs-img >/dev/null
# One connscope process per run: --process picks it.
"$DOT" "$out/trace" -q --process 1 --connect 1 --view ladder -T png -o "$IMG/ladder-connect.png"
"$DOT" "$out/trace" -q --process 2 --connect 1 --view ladder -T png -o "$IMG/ladder-retransmit.png"
"$DOT" "$out/trace" -q --process 1 --connect 1 --view ports -T png -o "$IMG/ports.png"
echo "written: $IMG/ladder-connect.png $IMG/ladder-retransmit.png $IMG/ports.png"
