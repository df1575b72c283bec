# SPDX-License-Identifier: GPL-2.0-only
# grade.sh - the grader's checks and trace queries, sourced by labs/grade
# (which sets CS, TR, ANS and TMPD).  A lab's checks.sh calls:
#
#   check KEY POINTS EXPECTED HINT          answer equals EXPECTED (case and
#                                           surrounding blanks ignored)
#   check_num KEY POINTS EXPECTED TOL HINT  a number within TOL of EXPECTED
#   check_text KEY POINTS HINT RE...        free text: present, and matching
#                                           every extended regex RE (case
#                                           ignored); marked for the instructor
#
# and reads the trace through:
#   pids                     the trace's processes, in order of first event
#   conn P N FIELD           connect N (1-based) of process P: a field of
#                            `connscope trace connects --json`
#   ports P N JQ             a jq filter on connect N's port search
#   report NAME P JQ         a jq filter (-s: the array of lines) on the lines
#                            of report NAME of process P
#   mib P COUNTER            a counter's change over process P
#   event P NAME FIELD [K]   FIELD of the Kth (default 1st) event NAME of
#                            process P, from `connscope trace show`
#   count P NAME             how many events NAME process P has
#
# An expected value is always computed from the trace, or is a fact of the
# code (an errno a branch returns).  GRADE_EXPECTED=1 also prints each
# expected value as "key: value": an answer key for that trace.

_pass=0; _fail=0; _pts=0; _max=0; _n=0; _marked=0

answer() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*:[[:space:]]*//p" "$ANS" | head -n 1 |
		sed 's/[[:space:]]*$//'
}

_result() { # KEY POINTS OK HINT [NOTE]
	_n=$((_n + 1)); _max=$((_max + $2))
	if [ "$3" = 1 ]; then
		_pass=$((_pass + 1)); _pts=$((_pts + $2))
		printf '%-3s %-28s PASS (%d/%d)%s\n' "$_n" "$1" "$2" "$2" "${5:-}"
	else
		_fail=$((_fail + 1))
		printf '%-3s %-28s FAIL (0/%d)\n      hint: %s\n' "$_n" "$1" "$2" "$4"
	fi
}

check() {
	[ -n "${GRADE_EXPECTED:-}" ] && echo "$1: $3"
	a=$(answer "$1" | tr '[:upper:]' '[:lower:]')
	e=$(printf '%s' "$3" | tr '[:upper:]' '[:lower:]')
	ok=0
	[ -n "$a" ] && [ -n "$e" ] && [ "$a" = "$e" ] && ok=1
	_result "$1" "$2" "$ok" "$4"
}

check_num() {
	[ -n "${GRADE_EXPECTED:-}" ] && echo "$1: $3"
	a=$(answer "$1")
	ok=0
	if [ -n "$a" ] && [ -n "$3" ] && [ "$3" != null ]; then
		ok=$(awk -v a="$a" -v e="$3" -v t="$4" 'BEGIN {
			if (a !~ /^-?[0-9]+(\.[0-9]+)?$/) { print 0; exit }
			d = a - e; if (d < 0) d = -d; print (d <= t) ? 1 : 0 }')
	fi
	_result "$1" "$2" "$ok" "$5"
}

check_text() {
	k=$1; p=$2; h=$3; shift 3
	a=$(answer "$k")
	ok=0
	if [ "${#a}" -ge 10 ]; then
		ok=1
		for re in "$@"; do
			printf '%s\n' "$a" | grep -Eqi -- "$re" || ok=0
		done
	fi
	[ "$ok" = 1 ] && _marked=$((_marked + 1))
	_result "$k" "$p" "$ok" "$h (a sentence naming: $*)" "  [free text: the instructor reads it]"
}

_cache() { # REPORT [ARGS]: the report's --json lines, computed once
	f="$TMPD/$(printf "%s" "$1${3:-}${4:-}" | tr -c "A-Za-z0-9" _)"
	if [ ! -e "$f" ]; then
		"$CS" trace "$@" --json > "$f" 2>/dev/null || : > "$f"
	fi
	cat "$f"
}

pids() {
	_cache connects "$TR" | jq -s -r \
		'reduce .[].pid as $p ([]; if index([$p]) then . else . + [$p] end) | .[]'
}

_pid() { pids | sed -n "${1}p"; }

conn() {
	_p=$(_pid "$1"); _cache connects "$TR" > /dev/null
	jq -s -r --argjson p "${_p:-0}" --argjson n "$2" \
		"[.[] | select(.pid == \$p)][\$n - 1].$3 // empty" "$TMPD/connects" 2>/dev/null
}

ports() {
	sk=$(conn "$1" "$2" sk_id)
	[ -n "$sk" ] || return 0
	_p=$(_pid "$1"); _cache ports "$TR" | jq -s -r --argjson p "${_p:-0}" --argjson sk "$sk" \
		"[.[] | select(.pid == \$p and .sk_id == \$sk)][0] | $3" 2>/dev/null
}

report() {
	_p=$(_pid "$2"); _x=""; [ "$1" = tables ] && _x="--process $2"
	# shellcheck disable=SC2086
	_cache "$1" "$TR" $_x | jq -s -r --argjson p "${_p:-0}" \
		"[.[] | select(.pid == \$p)] | $3" 2>/dev/null
}

mib() {
	_cache mib "$TR" --process "$1" | jq -r ".counters.$2 // 0" 2>/dev/null
}

_show() {
	f="$TMPD/show"
	[ -e "$f" ] || "$CS" trace show "$TR" > "$f" 2>/dev/null || : > "$f"
	cat "$f"
}

# The value of FIELD in the Kth event NAME of process P (the text listing:
# "  +T  NAME  field = value, field = value").
event() {
	_p=$(_pid "$1"); _show | awk -v pid="$_p" -v ev="$2" -v f="$3" -v k="${4:-1}" '
		$1 == "==" && $2 == "process" { in_p = ($3 == pid ":"); next }
		in_p {
			line = $0; sub(/^ *\+[0-9.]+ +/, "", line); sub(/^\[[^]]*\] +/, "", line)
			name = line; sub(/ .*/, "", name)
			if (name != ev || ++seen != k) next
			sub(/^[^ ]+ +/, "", line)
			n = split(line, a, /, /)
			for (i = 1; i <= n; i++)
				if (index(a[i], f " = ") == 1) {
					v = substr(a[i], length(f) + 4); gsub(/"/, "", v); print v; exit
				}
		}'
}

count() {
	_p=$(_pid "$1"); _show | awk -v pid="$_p" -v ev="$2" '
		$1 == "==" && $2 == "process" { in_p = ($3 == pid ":"); next }
		in_p { l = $0; sub(/^ *\+[0-9.]+ +/, "", l); sub(/^\[[^]]*\] +/, "", l); sub(/ .*/, "", l); if (l == ev) n++ } END { print n + 0 }'
}

grade_total() {
	echo "Score: $_pts/$_max ($_pass passed, $_fail failed; $_marked free-text answers to read)"
	[ "$_fail" -eq 0 ]
}
