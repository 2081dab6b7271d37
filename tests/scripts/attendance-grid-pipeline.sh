#!/bin/sh
# The month-end job from the township's sheet (SPEC section 11): on the
# sample county, the March 2018 attendance sheet testdata/grid-2018-03.csv
# (GBK, a title row, Chinese headers, a totals column, rows in the order
# of the names) through attendance-grid is the log's March, and through
# attendance-grid | attendance-score gives the very bytes attendance-score
# gives on the log. Run by tests/run as one test:
# tests/scripts/attendance-grid-pipeline.sh BUILD_DIR.
#
# Checked:
#   the sample generator makes the sheet (and the log, roster and
#     performance files beside it) byte for byte: gencounty -g 3;
#   the sheet is not UTF-8 (read as UTF-8 it is bad data);
#   attendance-grid, with --month and without (the title gives it), with
#     and without --roster: the header and the log's March rows ordered
#     by cadre_id then date;
#   attendance-score --month 2018-03, alone, with --roster, with --roster
#     --performance: stdout and stderr the same from the sheet as from
#     the log.
set -eu
B=${1:?usage: attendance-grid-pipeline.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
data=$(cd "$(dirname "$0")/../../testdata" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH=$B/bin:$PATH
cd "$work"
fail=0

mkdir gen
gencounty -g 3 -o gen
for f in grid-2018-03 log roster performance; do
	if ! cmp -s "gen/$f.csv" "$data/$f.csv"; then
		echo "FAIL: gencounty -g 3 does not make testdata/$f.csv"
		fail=1
	fi
done

st=0
attendance-grid --encoding utf-8 "$data/grid-2018-03.csv" >/dev/null 2>err.txt || st=$?
if [ $st -ne 65 ]; then
	echo "FAIL: the sheet read as UTF-8 exited $st, not 65 (is it GBK?)"
	fail=1
fi

# The log's March, as attendance-grid must write it.
{
	head -n 1 "$data/log.csv"
	grep '^[^,]*,[^,]*,2018-03-' "$data/log.csv" | LC_ALL=C sort -t, -k1,1 -k3,3
} > march.csv
if [ "$(wc -l < march.csv)" -lt 1000 ]; then
	echo "FAIL: the log's March has $(wc -l < march.csv) lines"
	fail=1
fi
for opts in "--month 2018-03" "" "--roster $data/roster.csv"; do
	st=0
	attendance-grid $opts < "$data/grid-2018-03.csv" > grid.csv 2>err.txt || st=$?
	if [ $st -ne 0 ] || ! cmp -s march.csv grid.csv; then
		echo "FAIL: attendance-grid $opts exited $st; differs from the log's March:"
		cat err.txt
		diff march.csv grid.csv | head -10
		fail=1
	else
		echo "ok: attendance-grid $opts: the log's March ($(($(wc -l < grid.csv) - 1)) rows)"
	fi
done

for opts in "" "--roster $data/roster.csv" \
    "--roster $data/roster.csv --performance $data/performance.csv"; do
	st1=0 st2=0
	attendance-score --month 2018-03 $opts < "$data/log.csv" > want.csv 2> want.err || st1=$?
	attendance-grid --month 2018-03 < "$data/grid-2018-03.csv" 2>/dev/null |
	    attendance-score --month 2018-03 $opts > got.csv 2> got.err || st2=$?
	if [ $st1 -ne 0 ] || [ $st2 -ne 0 ] || ! cmp -s want.csv got.csv ||
	    ! cmp -s want.err got.err; then
		echo "FAIL: attendance-score --month 2018-03 $opts: the sheet's ($st2) differs from the log's ($st1):"
		diff want.csv got.csv | head -10
		diff want.err got.err | head -4
		fail=1
	else
		echo "ok: attendance-score --month 2018-03 $opts: the same from the sheet ($(($(wc -l < got.csv) - 1)) rows)"
	fi
done
exit $fail
