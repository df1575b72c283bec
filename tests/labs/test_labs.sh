#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# test_labs.sh - the labs (issue 14): for every lab, the grader gives the
# instructor's answers full marks on the reference trace, the empty template
# zero, and one wrong answer a FAIL on that question only; every handout's
# commands run as written in a private lab network (as nobody when run as
# root); a lab 02 run with random secrets is graded right from its own trace.
# Exit 77 when no user namespace can be made.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cs-labs.XXXXXX"); chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

# 1. The grader against the reference traces.
for d in labs/[0-9][0-9]-*/; do
	n=${d#labs/}; n=${n%%-*}
	key=labs/instructor/$n-answers.txt
	export GRADE_CACHE="$tmp/cache$n"
	out=$(labs/grade "$n" "$key" 2>&1) || bad "lab $n: instructor answers not full marks: $(echo "$out" | grep FAIL)"
	out=$(labs/grade "$n" "${d}answers.txt" 2>&1) && bad "lab $n: the empty template passed"
	echo "$out" | grep -q '^Score: 0/' || bad "lab $n: the empty template scored $(echo "$out" | grep Score)"
	# One wrong value: the first key that is not free text.
	k=$(grep -v '^#' "$key" | awk -F': ' 'length($2) < 40 { print $1; exit }')
	sed "s/^$k: .*/$k: 424242wrong/" "$key" > "$tmp/wrong"
	out=$(labs/grade "$n" "$tmp/wrong" 2>&1) && bad "lab $n: a wrong $k passed"
	[ "$(echo "$out" | grep -c ' FAIL ')" -eq 1 ] && echo "$out" | grep -q " $k  *FAIL" ||
		bad "lab $n: a wrong $k should fail that question only: $(echo "$out" | grep FAIL)"
	unset GRADE_CACHE
	# The reference was recorded from this handout: one process per run.
	runs=$(sh labs/lib/handout.sh cmds "$n" | grep -c '^\$CS ')
	got=$("${BUILD:-build}/bin/connscope" trace connects "${d}reference" --json 2>/dev/null | jq -s '[.[].pid] | unique | length')
	[ "$got" = "$runs" ] || bad "lab $n: the reference has $got processes, the handout $runs runs: make lab-references"
done
# Every file, function and event a handout's "Where to look" names exists:
# each `name` after core/FILE is a word of FILE, each connscope:EVENT is in
# docs/tracepoints.md.
for f in labs/[0-9][0-9]-*/README.md; do
	sed -n '/^## Where to look/,/^## Going further/p' "$f" | tr '\n' ' ' |
	grep -o 'core/[a-z_0-9]*\.[ch]\|`[A-Za-z_0-9]*`\|Events:' |
	awk '/^core\// { file = $0; next } /^Events:/ { file = ""; next }
		file != "" { gsub(/`/, ""); print file, $0 }' > "$tmp/names"
	while read -r file name; do
		grep -qw -- "$name" "$file" 2>/dev/null || bad "$f: $name is not in $file"
	done < "$tmp/names"
	for e in $(grep -o 'connscope:[A-Za-z_0-9]*' "$f" | sed 's/connscope://' | sort -u); do
		grep -qw -- "$e" docs/tracepoints.md || bad "$f: event $e is not in docs/tracepoints.md"
	done
done
echo "labs: grader checked on $(ls -d labs/[0-9][0-9]-*/ | wc -l) labs"

# 2. Every handout as written, and a lab 02 run with random secrets, in one
# private lab network (labs/net/userns.sh), as an ordinary user.
cat > "$tmp/inside.sh" <<'IN'
set -u
cd "$1"; tmp=$2; rc=0
for d in labs/[0-9][0-9]-*/; do
	n=${d#labs/}; n=${n%%-*}
	if ! sh labs/lib/handout.sh run "$n" "$tmp/t$n" > "$tmp/out$n" 2>&1; then
		echo "FAIL: lab $n's handout: $(tail -3 "$tmp/out$n")"; rc=1
	fi
	runs=$(sh labs/lib/handout.sh cmds "$n" | grep -c '^\$CS ')
	got=$(build/bin/connscope trace connects "$tmp/t$n" --json 2>/dev/null |
		jq -s '[.[].pid] | unique | length')
	[ "$got" = "$runs" ] || { echo "FAIL: lab $n: $runs runs, $got processes in the trace"; rc=1; }
done
# Lab 02 without fixed secrets; the answers from connect's own output.
sh labs/lib/handout.sh cmds 02 | sed 's/ -o connscope.fixed_secrets=1//' > "$tmp/random.sh"
T=$tmp/random sh "$tmp/random.sh" > "$tmp/random.out" 2>&1
port() { grep '"target"' "$tmp/random.out" | sed -n "${1}p" | sed 's/.*"src":"[0-9.]*:\([0-9]*\)".*/\1/'; }
printf 'run1_port1: %s\nrun1_port2: %s\nrun1_port3: %s\nrun2_port1: %s\n' \
	"$(port 1)" "$(port 2)" "$(port 3)" "$(port 4)" > "$tmp/random.ans"
out=$(labs/grade 02 "$tmp/random.ans" "$tmp/random" 2>&1)
for k in run1_port1 run1_port2 run1_port3 run2_port1; do
	echo "$out" | grep -q " $k  *PASS" || { echo "FAIL: random-secrets lab 02: $k not graded right: $out"; rc=1; }
done
[ "$(port 1)" = 50245 ] && { echo "FAIL: random secrets gave the fixed port"; rc=1; }
exit $rc
IN
u=$tmp/u; mkdir -p "$u"; chmod 1777 "$u"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$ROOT/build/bin/connscope"; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$u" TMPDIR="$u" \
		labs/net/userns.sh --listen 80 --listen 8080 -- sh "$tmp/inside.sh" "$ROOT" "$u"
	rc=$?
else
	labs/net/userns.sh --listen 80 --listen 8080 -- sh "$tmp/inside.sh" "$ROOT" "$u"
	rc=$?
fi
[ $rc -eq 77 ] && { echo "SKIPPED: handouts (needs user namespaces)"; exit 77; }
[ $rc -eq 0 ] || fail=1
[ $fail -eq 0 ] && echo "labs: all passed"
exit $fail
