#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# images.sh - the handouts' pictures, drawn from each lab's reference trace
# (`make lab-images`), so they follow the trace: connscope-dot PNGs and the
# viewer's screen as text (connscope-view --batch).
set -eu
cd "$(dirname "$0")/../.."
B=${BUILD:-build}/bin
# lab view process [more connscope-dot options]
while read -r lab view proc more; do
	d=$(ls -d labs/"$lab"-*/)
	mkdir -p "${d}img"
	# shellcheck disable=SC2086
	"$B/connscope-dot" "${d}reference" --process "$proc" --view "$view" -T png -q $more \
		-o "${d}img/$view.png"
	echo "${d}img/$view.png"
done <<'LIST'
01 ladder 1
02 ports 1
03 ports 1 --connect 5
04 ehash 1
05 tw 2 --connect 2
07 ladder 2
08 ladder 1
09 state 1
10 bhash 1
11 ehash 1
LIST
for lab in 01 04 06; do
	d=$(ls -d labs/"$lab"-*/)
	mkdir -p "${d}img"
	# the screen when connect 1 returned (its last event)
	at=$("$B/connscope" trace connects "${d}reference" --json | jq -s ".[0].exit")
	"$B/connscope-view" --batch --mono --size 100x32 --at "$at" "${d}reference" > "${d}img/view.txt"
	echo "${d}img/view.txt"
done
# Lab 12's capture as the handout's tshark command prints it.
d=$(ls -d labs/12-*/)
if command -v tshark > /dev/null; then
	tshark -r "${d}reference/syn.pcap" -T fields -E header=y -e ip.src -e tcp.srcport \
		-e tcp.flags.str -e tcp.window_size_value -e tcp.options.mss_val \
		-e tcp.options.wscale.shift -e tcp.options.timestamp.tsval -e ip.id \
		2> /dev/null > "${d}img/syn.txt"
	echo "${d}img/syn.txt"
fi
# The text pictures into the handouts: the ```text block after each
# "<!-- img/NAME.txt: ..." marker line gets img/NAME.txt.
for readme in labs/[0-9][0-9]-*/README.md; do
	grep -q '^<!-- img/[a-z0-9]*\.txt: ' "$readme" || continue
	awk -v dir="${readme%README.md}" '
		skip && /^```$/ { skip = 0; print; next }
		skip { next }
		{ print }
		/^<!-- img\/[a-z0-9]*\.txt: / {
			f = $2; sub(/:$/, "", f); getline; print
			while ((getline l < (dir f)) > 0) print l
			close(dir f); skip = 1
		}' "$readme" > "$readme.new" && mv "$readme.new" "$readme"
done
