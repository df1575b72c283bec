#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# handout.sh - run a lab handout's commands as written.
#
#   labs/lib/handout.sh cmds NN        print the ```sh blocks of labs/NN-*/README.md
#   labs/lib/handout.sh run NN DIR     run them (from the checkout's top, T=DIR)
#                                      in this shell's lab network; fail when
#                                      any says it was used wrong
#
# `run` is meant for inside labs/net/userns.sh (no root needed); the
# reference traces and `make check` both use it.
set -eu
LABS=$(cd "$(dirname "$0")/.." && pwd)
lab_dir() {
	for d in "$LABS/$(printf %02d "$(expr "$1" + 0)")"-*/; do [ -d "$d" ] && { echo "${d%/}"; return; }; done
	echo "handout.sh: no lab $1" >&2; exit 2
}
cmds() {
	awk '/^ *```sh *$/ { p = 1; next } /^ *```/ { p = 0 } p { sub(/^ +/, ""); print }' "$(lab_dir "$1")/README.md"
}
case ${1:-} in
cmds) cmds "$2";;
run)
	lab=$(lab_dir "$2")
	cd "$LABS/.."
	err=$(mktemp)
	T=$3 sh -c "$(cmds "$2")" > "$err.out" 2> "$err" || true
	cat "$err.out"; rm -f "$err.out"
	# What a command typed wrong prints: a usage text, an unknown option or
	# sysctl, a missing file or program.
	if grep -E 'usage:|unknown|invalid|not found|No such file|cannot|syntax error' "$err" >&2; then
		echo "handout.sh: lab ${lab##*/}: a command failed as written (above)" >&2
		rm -f "$err"; exit 1
	fi
	rm -f "$err";;
*) sed -n '3,11s/^# \{0,1\}//p' "$0" >&2; exit 2;;
esac
