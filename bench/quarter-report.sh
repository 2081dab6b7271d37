#!/bin/sh
# quarter-report on a province's year: the monthly rows of 8,000 cadres x
# 12 months, made once by running attendance-score on DATA/log.csv. The
# bulletin of 2018Q1 reads the whole year (the other quarters are checked,
# not counted), with and without tasks and spot checks, by cadre and by
# township; the last run reads the quarter's rows alone and finds the
# quarter itself. Run by bench/run:
#
#   sh bench/quarter-report.sh B TOOLS DATA
#
# Everything is made once into DATA/quarter-report and kept until the log,
# attendance-score's source or this script changes. The tasks (three per
# cadre, due across the quarter, some done late, some not done) and the
# spot checks (one cadre in 4, one in 10 of them absent) are written by
# awk for the cadres with monthly rows in the quarter, so the same log
# gives the same bytes.

B=$1
TOOLS=$2
DATA=$3
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$DATA/quarter-report
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for p in attendance-score quarter-report; do
	if [ ! -x "$B/bin/$p" ]; then
		echo "note: $B/bin/$p not built, quarter-report skipped" >&2
		exit 0
	fi
done

mkdir -p "$dir" || exit 1
stamp="$(cat "$DATA/stamp" 2>/dev/null) $(cksum <"$top/cmd/attendance-score/attendance-score.c") $(cksum <"$top/bench/quarter-report.sh")"
if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $dir ..."
	rm -f "$dir"/*
	"$B/bin/attendance-score" --roster "$DATA/roster.csv" \
	    --performance "$DATA/performance.csv" <"$DATA/log.csv" \
	    >"$dir/months.csv.new" 2>"$tmp/err" || {
		echo "quarter-report: attendance-score failed" >&2
		sed 's/^/  /' "$tmp/err" >&2
		exit 1
	}
	awk -F, 'NR == 1 || $3 ~ /^2018-0[123]$/' "$dir/months.csv.new" \
	    >"$dir/q1.csv.new" || exit 1
	awk -F, -v tf="$dir/tasks.csv.new" -v cf="$dir/checks.csv.new" '
	BEGIN {
		print "task_id,cadre_id,due,done" > tf
		print "cadre_id,date,result" > cf
	}
	NR > 1 && $1 != last {
		last = $1
		n++
		for (k = 0; k < 3; k++) {
			d = 1 + (n + 7 * k) % 27
			m = 1 + k
			done = n % 5 == 0 ? "" : sprintf("2018-%02d-%02d", m,
			    n % 3 == 0 ? d + 1 : d)
			printf("T%d-%d,%s,2018-%02d-%02d,%s\n", n, k, $1, m, d,
			    done) > tf
		}
		if (n % 4 == 0)
			printf("%s,2018-%02d-%02d,%s\n", $1, 1 + n % 3,
			    1 + n % 28, n % 40 == 0 ? "absent" : "present") > cf
	}' "$dir/q1.csv.new" || exit 1
	for f in months q1 tasks checks; do
		mv "$dir/$f.csv.new" "$dir/$f.csv" || exit 1
	done
	echo "$stamp" >"$dir/stamp"
fi

printf "%-44s %7s %8s %9s %8s\n" "command" "rows" "seconds" "rows/s" "RSS MB"
status=0
# run LABEL INPUT ARGS...: one measured run of quarter-report on INPUT.
run() {
	label=$1
	in=$2
	shift 2
	rows=$(($(wc -l <"$in") - 1))
	if ! "$TOOLS/measure" -i "$in" -o "$tmp/out" \
	    "$B/bin/quarter-report" --roster "$DATA/roster.csv" "$@" \
	    >"$tmp/m" 2>"$tmp/err"; then
		echo "$label: failed" >&2
		sed 's/^/  /' "$tmp/err" >&2
		status=1
		return
	fi
	read -r secs rss _ <"$tmp/m"
	awk -v l="$label" -v n="$rows" -v s="$secs" -v r="$rss" 'BEGIN {
		printf "%-44s %7d %8.3f %9.0f %8.1f\n", l, n, s,
		    n / (s > 0.001 ? s : 0.001), r * 1024 / 1e6
	}'
}
run "quarter-report --quarter 2018Q1 (a year)" "$dir/months.csv" \
    --quarter 2018Q1
run "quarter-report + tasks, checks (a year)" "$dir/months.csv" \
    --quarter 2018Q1 --tasks "$dir/tasks.csv" --checks "$dir/checks.csv"
run "quarter-report --by township (a year)" "$dir/months.csv" \
    --quarter 2018Q1 --by township
run "quarter-report, quarter found (2018Q1 rows)" "$dir/q1.csv"
exit $status
