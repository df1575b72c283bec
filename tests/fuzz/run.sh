#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run every libFuzzer harness of tests/fuzz for FUZZ_TIME seconds from its
# seed corpus (tests/fuzz/corpus/NAME) with its dictionary (NAME.dict).
# New inputs go to a scratch directory, so the committed seeds stay as
# they are; a finding is kept as $BUILD/fuzz-NAME-crash-* and fails the run.
# Prints, per harness, libFuzzer's last status line (executions, coverage).
# FUZZ_HARNESSES (e.g. "rx") limits the run to those harnesses.
# fuzz_trace runs with leak detection off: the leaks it finds are inside
# libbabeltrace2 (not instrumented) on damaged metadata, not in connscope.
set -u
BUILD=${BUILD:-build-fuzz-notrace}
FUZZ_TIME=${FUZZ_TIME:-60}
here=$(cd "$(dirname "$0")" && pwd)
export FUZZ_TRACE_DIR="$here/trace"	# fuzz_trace damages a copy of it
fail=0
for bin in "$BUILD"/tests/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	case " ${FUZZ_HARNESSES:-$name} " in *" $name "*) ;; *) continue ;; esac
	leaks=1
	[ "$name" = trace ] && leaks=0
	work=$(mktemp -d "${TMPDIR:-/tmp}/cs-fuzz-$name.XXXXXX")
	dict=""
	[ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
	echo "== fuzz_$name for ${FUZZ_TIME} s"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=$leaks} "$bin" -max_total_time="$FUZZ_TIME" \
		-timeout=10 -rss_limit_mb=1024 -max_len=1024 -print_final_stats=1 $dict \
		-artifact_prefix="$BUILD/fuzz-$name-" "$work" "$here/corpus/$name" \
		>"$work.log" 2>&1
	rc=$?
	grep -E '^#[0-9]+ +(DONE|pulse)|stat::number_of_executed_units|cov:' "$work.log" | tail -2
	if [ "$rc" -ne 0 ]; then
		echo "FAILED: fuzz_$name (exit $rc); its log:"
		grep -v '^#[0-9]' "$work.log" | tail -40
		fail=1
	else
		echo "PASSED: fuzz_$name ($(ls "$work" | wc -l) new inputs, not kept)"
	fi
	rm -rf "$work" "$work.log"
done
[ "$fail" -eq 0 ]
