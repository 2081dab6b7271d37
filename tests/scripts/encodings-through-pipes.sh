#!/bin/sh
# --encoding auto decides from the first non-ASCII bytes also on a pipe
# (SPEC section 1, CSV): the county of mixed encodings of the e2e cases
# attendance-score/mixed-encodings-county-without-option and
# utf-16-county-tab-separated (a GBK log, a UTF-8 roster with a BOM, a
# GB18030 performance file; the same in UTF-16), each file read through a
# pipe: the log on standard input, trickled a few bytes per write, the
# roster and the performance file through named pipes. The output must be
# the cases' own .out, worked out by hand.
# Run by tests/run as one test: tests/scripts/encodings-through-pipes.sh BUILD_DIR.
set -eu
B=${1:?usage: encodings-through-pipes.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
dir=$(cd "$(dirname "$0")/../e2e/attendance-score" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

run() { # CASE ROSTER PERFORMANCE [OPTION]
	rm -f "$work/roster" "$work/perf"
	mkfifo "$work/roster" "$work/perf"
	cat "$dir/$2" > "$work/roster" &
	w1=$!
	cat "$dir/$3" > "$work/perf" &
	w2=$!
	if ! dd if="$dir/$1.in" bs=3 2>/dev/null |
	    "$B/bin/attendance-score" ${4:-} --roster "$work/roster" \
	    --performance "$work/perf" > "$work/out" 2> "$work/err"; then
		echo "FAIL: $1 through pipes exited non-zero:"
		cat "$work/err"
		status=1
	elif ! cmp -s "$dir/$1.out" "$work/out"; then
		echo "FAIL: $1 through pipes:"
		diff "$dir/$1.out" "$work/out" || :
		status=1
	fi
	# A writer whose pipe the program never opened is still waiting.
	kill "$w1" "$w2" 2>/dev/null || :
	wait "$w1" "$w2" 2>/dev/null || :
}

run mixed-encodings-county-without-option roster-utf-8-bom-excel.csv \
    perf-gb18030.csv
run utf-16-county-tab-separated roster-utf-16-tab.txt perf-utf-16-tab.txt -t
exit $status
