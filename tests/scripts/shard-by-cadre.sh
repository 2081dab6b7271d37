#!/bin/sh
# Beyond one machine (README): the programs whose output is per cadre give
# the same bytes when every per-cadre input is split by cadre_id into N
# shards, each shard run on its own, and the outputs merged. Run by
# tests/run as one test: tests/scripts/shard-by-cadre.sh BUILD_DIR.
#
# The split and the merge are the README's own (read from it); a shell
# loop stands in for GNU parallel. Shards of 1, 3 and 7 on the sample county:
#   attendance-score --performance, with and without --roster (log.csv,
#     performance.csv, roster.csv split)
#   residency-check --year 2018, with and without --roster
#   annual-grade --year 2018 --roster, with and without --reviews and
#     --training, on the monthly rows attendance-score makes of the whole
#     log (split like the rest)
set -eu
B=${1:?usage: shard-by-cadre.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
data=$(cd "$(dirname "$0")/../../testdata" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH=$B/bin:$PATH
cd "$work"

# The split and the merge are taken from the README's section "Beyond one
# machine", so that the recipe a reader copies is the one tested:
# shard N FILE.csv writes FILE.0.csv ... FILE.(N-1).csv, each with the
# header, the rows of one cadre_id all in one shard, the same in every
# file; merge OUT joins out.0.csv ... into OUT, one header, rows ordered
# by cadre_id (a stable sort keeps each cadre's rows in shard order).
readme=$data/../README.md
sed -n '/^    shard() {$/,/^    }$/s/^    //p' "$readme" > shard.sh
{
	echo 'merge() {'
	sed -n '/^    { head -n 1 out.0.csv$/,/^    } > /s/^    //p' "$readme" |
	    sed 's/^} > .*/} > "$1"/'
	echo '}'
} > merge.sh
if ! grep -q awk shard.sh || ! grep -q sort merge.sh; then
	echo "FAIL: the README's shard() or merge recipe is not where expected"
	exit 1
fi
. ./shard.sh
. ./merge.sh

fail=0
# run COMMAND OUT: a failing command ends the test, showing its stderr
# (the counts a program warns of are the shard's, so stderr is not compared).
run() {
	st=0
	eval "$1" > "$2" 2> err.txt || st=$?
	if [ $st -ne 0 ]; then
		echo "FAIL: $1 exited $st:"
		cat err.txt
		exit 1
	fi
}

# check NAME N COMMAND: COMMAND (with {} for the shard number) on the
# whole input (shard "all") and on N shards, merged; the same bytes?
check() {
	name=$1 n=$2
	shift 2
	cmd=$*
	run "$(echo "$cmd" | sed 's/{}/all/g')" want.csv
	rm -f out.*.csv
	s=0
	while [ $s -lt "$n" ]; do
		run "$(echo "$cmd" | sed "s/{}/$s/g")" "out.$s.csv"
		s=$((s + 1))
	done
	merge got.csv
	if cmp -s want.csv got.csv; then
		echo "ok: $name, $n shards ($(($(wc -l < want.csv) - 1)) rows)"
	else
		echo "FAIL: $name, $n shards differ from the whole:"
		diff want.csv got.csv | head -10
		fail=1
	fi
}

for f in log performance roster reviews training; do
	cp "$data/$f.csv" "$f.all.csv"
done
run 'attendance-score --performance performance.all.csv < log.all.csv' \
    monthly.all.csv
# Each shard's files are split the same way, so a cadre's log, roster,
# performance, reviews, training and monthly rows meet in one shard.
for n in 1 3 7; do
	for f in log performance roster reviews training monthly; do
		shard "$n" "$f.all.csv"
		# file.all.0.csv -> file.0.csv
		s=0
		while [ $s -lt "$n" ]; do
			mv "$f.all.$s.csv" "$f.$s.csv"
			s=$((s + 1))
		done
	done
	check "attendance-score --performance" "$n" \
	    'attendance-score --performance performance.{}.csv < log.{}.csv'
	check "attendance-score --performance --roster" "$n" \
	    'attendance-score --performance performance.{}.csv --roster roster.{}.csv < log.{}.csv'
	check "residency-check" "$n" \
	    'residency-check --year 2018 < log.{}.csv'
	check "residency-check --roster" "$n" \
	    'residency-check --year 2018 --roster roster.{}.csv < log.{}.csv'
	check "annual-grade --roster" "$n" \
	    'annual-grade --year 2018 --roster roster.{}.csv < monthly.{}.csv'
	check "annual-grade --roster --reviews --training" "$n" \
	    'annual-grade --year 2018 --roster roster.{}.csv --reviews reviews.{}.csv --training training.{}.csv < monthly.{}.csv'
done
exit $fail
