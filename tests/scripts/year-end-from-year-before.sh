#!/bin/sh
# The year-end pipeline of the README on a daily log that begins in the
# year before (SPEC section 6): a dispatch round that started in November
# 2017 brings rows of 2017-11 and 2017-12 ahead of the sample county's
# year. attendance-score scores those months too; annual-grade checks
# their monthly rows, counts them on stderr and grades 2018 exactly as it
# does without them. Run by tests/run as one test:
# tests/scripts/year-end-from-year-before.sh BUILD_DIR.
#
# Added rows: C0002 (dispatched 2017-11-20) and C0004 (2017-05-15)
# present every day from 2017-11-20 to 2017-12-31, and C0001 (dispatched
# 2018-01-01) present on 2017-12-31, a day before its dispatch began: 43 +
# 43 + 1 rows.
set -eu
B=${1:?usage: year-end-from-year-before.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
data=$(cd "$(dirname "$0")/../../testdata" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH=$B/bin:$PATH
cd "$work"

{
	head -n 1 "$data/log.csv"
	for id in C0002 C0004; do
		d=20; while [ $d -le 30 ]; do echo "$id,,2017-11-$d,present"; d=$((d + 1)); done
		d=1; while [ $d -le 31 ]; do printf '%s,,2017-12-%02d,present\n' "$id" $d; d=$((d + 1)); done
	done
	echo "C0001,,2017-12-31,present"
	tail -n +2 "$data/log.csv"
} > log.csv

# grades LOG: the README's year-end pipeline on LOG, the monthly rows kept.
grades() {
	attendance-score --roster "$data/roster.csv" --performance "$data/performance.csv" \
	    < "$1" > "monthly.$1" 2> "score-err.$1"
	annual-grade --year 2018 --roster "$data/roster.csv" --reviews "$data/reviews.csv" \
	    --training "$data/training.csv" --excellent-quota 20% \
	    < "monthly.$1" > "grades.$1" 2> "grade-err.$1"
}

cp "$data/log.csv" log-2018.csv
grades log-2018.csv
if ! grades log.csv; then
	echo "FAIL: the pipeline on a log that begins in 2017-11 exited non-zero:"
	cat score-err.log.csv grade-err.log.csv
	exit 1
fi
fail=0
# The months of 2017 were scored: C0002's and C0004's with their days,
# and C0001 has no month of 2017 (its one row lies before its dispatch).
for want in 'C0002,.*,2017-11,11,11,' 'C0002,.*,2017-12,31,31,' \
    'C0004,.*,2017-12,31,31,'; do
	if ! grep -q "^$want" monthly.log.csv; then
		echo "FAIL: no monthly row $want"
		fail=1
	fi
done
if grep -q '^C0001,.*,2017-' monthly.log.csv; then
	echo "FAIL: C0001 has a month of 2017, before its dispatch"
	fail=1
fi
if ! grep -q '1 row of 1 cadre outside the dispatch' score-err.log.csv; then
	echo "FAIL: attendance-score did not count C0001's row before its dispatch:"
	cat score-err.log.csv
	fail=1
fi
# Every monthly row of 2017 is counted on stderr, and none is graded.
n=$(grep -c ',2017-1[12],' monthly.log.csv)
if [ "$n" -lt 3 ] || ! grep -q "^annual-grade: $n monthly rows of years other than 2018: checked, not counted$" \
    grade-err.log.csv; then
	echo "FAIL: annual-grade did not count the $n monthly rows of 2017:"
	cat grade-err.log.csv
	fail=1
fi
if ! cmp -s grades.log-2018.csv grades.log.csv; then
	echo "FAIL: the grades of 2018 differ when the log begins in 2017:"
	diff grades.log-2018.csv grades.log.csv | head -10
	fail=1
fi
[ $fail -eq 0 ] && echo "ok: $n monthly rows of 2017 checked, the grades of 2018 unchanged"
exit $fail
