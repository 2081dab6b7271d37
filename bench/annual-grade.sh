#!/bin/sh
# annual-grade on a province's year: the monthly rows of 8,000 cadres x 12
# months, made once by running attendance-score on DATA/log.csv, with and
# without reviews, training days and a quota. Run by bench/run:
#
#   sh bench/annual-grade.sh B TOOLS DATA
#
# Everything is made once into DATA/annual-grade and kept until the log,
# attendance-score's source or this script changes. The reviews (one
# cadre in 10, grades cycling through the review columns) and the training
# days (two courses per cadre) are written by awk from the roster, so the
# same roster gives the same bytes.

B=$1
TOOLS=$2
DATA=$3
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$DATA/annual-grade
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for p in attendance-score annual-grade; do
	if [ ! -x "$B/bin/$p" ]; then
		echo "note: $B/bin/$p not built, annual-grade skipped" >&2
		exit 0
	fi
done

mkdir -p "$dir" || exit 1
stamp="$(cat "$DATA/stamp" 2>/dev/null) $(cksum <"$top/cmd/attendance-score/attendance-score.c") $(cksum <"$top/bench/annual-grade.sh")"
if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $dir ..."
	rm -f "$dir"/*
	"$B/bin/attendance-score" --roster "$DATA/roster.csv" \
	    --performance "$DATA/performance.csv" <"$DATA/log.csv" \
	    >"$dir/months.csv.new" 2>"$tmp/err" || {
		echo "annual-grade: attendance-score failed" >&2
		sed 's/^/  /' "$tmp/err" >&2
		exit 1
	}
	awk -F, -v rf="$dir/reviews.csv.new" -v tf="$dir/training.csv.new" '
	BEGIN {
		split("excellent good fair poor", g, " ")
		print "cadre_id,year,village_grade,township_grade,county_grade" > rf
		print "cadre_id,date,days" > tf
	}
	NR > 1 {
		n++
		if (n % 10 == 0) {
			k = int(n / 10) % 3
			printf("%s,2018,%s,%s,%s\n", $1, g[1 + n % 4],
			    (k >= 1 ? g[1 + (n + 1) % 4] : ""),
			    (k >= 2 ? g[1 + (n + 2) % 4] : "")) > rf
		}
		printf("%s,2018-03-%02d,%s\n", $1, 5 + n % 20,
		    (n % 7 == 0 ? 1.5 : 3)) > tf
		printf("%s,2018-09-%02d,%d\n", $1, 3 + n % 20, 1 + n % 3) > tf
	}' "$DATA/roster.csv" || exit 1
	for f in months reviews training; do
		mv "$dir/$f.csv.new" "$dir/$f.csv" || exit 1
	done
	echo "$stamp" >"$dir/stamp"
fi

rows=$(($(wc -l <"$dir/months.csv") - 1))
printf "%-44s %7s %8s %9s %8s\n" "command" "rows" "seconds" "rows/s" "RSS MB"
status=0
# run LABEL ARGS...: one measured run of annual-grade on the monthly rows.
run() {
	label=$1
	shift
	if ! "$TOOLS/measure" -i "$dir/months.csv" -o "$tmp/out" \
	    "$B/bin/annual-grade" --year 2018 --roster "$DATA/roster.csv" "$@" \
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
run "annual-grade --roster"
run "annual-grade + reviews, training, quota 20%" \
    --reviews "$dir/reviews.csv" --training "$dir/training.csv" \
    --excellent-quota 20%
exit $status
