#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# record-references.sh - re-record every lab's reference trace (or the labs
# named): each handout's commands as written, with fixed secrets (the
# handouts set connscope.fixed_secrets=1), in a private lab network, into
# labs/NN-*/reference.  No root needed.  `make lab-references` runs it.
#
#   labs/record-references.sh [NN]...
set -eu
LABS=$(cd "$(dirname "$0")" && pwd)
if [ "${CS_IN_LAB:-}" != 1 ]; then
	CS_IN_LAB=1 exec "$LABS/net/userns.sh" --listen 80 --listen 8080 -- sh "$0" "$@"
fi
[ $# -gt 0 ] || set -- $(cd "$LABS" && ls -d [0-9][0-9]-*/ | cut -c1-2)
for n in "$@"; do
	for d in "$LABS/$n"-*/; do
		echo "== lab $n: ${d%/}/reference"
		sh "$LABS/lib/handout.sh" run "$n" "${d}reference" > /dev/null
		rm -f "${d}reference".*.svg "${d}reference".*.png
		chmod -R a+rX "${d}reference"
		du -sh "${d}reference"
	done
done
