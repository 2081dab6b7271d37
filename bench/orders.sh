#!/bin/sh
# The unlucky orders (SPEC section 1: cost grows at most as n log n,
# whatever the order of the rows): the same rows in a friendly order and in
# an adversarial one, side by side, each run once, at sizes where a cost of
# n squared would take minutes.
#   attendance-score  one cadre's 232,000 days over 635 years, in date
#                     order / in random order (a fixed seed)
#   case-track        one case's 300,000 events, oldest first / newest first
#   quarter-report    one cadre's 100,000 monthly rows, in month order /
#                     in reverse
#
#   sh bench/orders.sh B TOOLS DATA
#
# B holds bin/, TOOLS the measure tool, DATA the benchmark data: the
# inputs are made with awk into DATA/orders/ once and kept until this file
# changes.

B=$1
TOOLS=$2
DATA=$3
dir=$DATA/orders
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
status=0

for p in attendance-score case-track quarter-report; do
	if [ ! -x "$B/bin/$p" ]; then
		echo "note: $B/bin/$p not built, orders skipped" >&2
		exit 0
	fi
done

stamp=$(cksum <"$0")
if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $dir ..."
	rm -rf "$dir" "$dir.new"
	mkdir -p "$dir.new" || exit 1
	awk 'function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
	BEGIN {
		split("present absent leave rest", st, " ")
		y = 1500; m = 1; d = 1
		print "cadre_id,date,status"
		for (i = 0; i < 232000; i++) {
			printf "C1,%04d-%02d-%02d,%s\n", y, m, d, st[i % 4 + 1]
			dim = m == 2 ? 28 + leap(y) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
			if (++d > dim) { d = 1; if (++m > 12) { m = 1; y++ } }
		}
	}' >"$dir.new/days-sorted.csv"
	# A fixed shuffle: each row keyed by a pseudo-random number, sorted.
	{ head -1 "$dir.new/days-sorted.csv"
	  tail -n +2 "$dir.new/days-sorted.csv" |
	      awk '{ s = (s * 1103515245 + 12345) % 2147483648
	          printf "%010d %s\n", s, $0 }' | sort -k1,1 | cut -d' ' -f2-; } \
	    >"$dir.new/days-random.csv"
	awk 'BEGIN {
		print "case_id,date,event,kind,person,unit,deadline"
		print "K1,1500-01-01,received,lead,p,u,"
		y = 1500; m = 1; d = 2
		for (i = 1; i < 300000; i++) {
			if (i % 10 == 0 && ++d > 28) { d = 1; if (++m > 12) { m = 1; y++ } }
			printf "K1,%04d-%02d-%02d,supervise,,,,\n", y, m, d
		}
	}' >"$dir.new/events-oldest-first.csv"
	{ head -1 "$dir.new/events-oldest-first.csv"
	  tail -n +2 "$dir.new/events-oldest-first.csv" | tac; } \
	    >"$dir.new/events-newest-first.csv"
	awk 'BEGIN {
		print "cadre_id,name,month,days_recorded,days_in_village,present,late,early,absent,leave,business,training,rest,required_days,attendance_score,performance_score,total"
		y = 1000; m = 1
		for (i = 0; i < 100000; i++) {
			printf "C1,,%04d-%02d,28,20,20,0,0,0,0,0,0,8,20,40,40,80\n", y, m
			if (++m > 12) { m = 1; y++ }
		}
	}' >"$dir.new/months-in-order.csv"
	{ head -1 "$dir.new/months-in-order.csv"
	  tail -n +2 "$dir.new/months-in-order.csv" | tac; } \
	    >"$dir.new/months-reversed.csv"
	echo "$stamp" >"$dir.new/stamp"
	mv "$dir.new" "$dir" || exit 1
fi

printf '%-44s %8s %8s %8s %8s\n' "command, input order" rows seconds "cpu s" "RSS MB"
# bench LABEL INPUT PROGRAM ARGS...: one measured run, one line.
bench() {
	label=$1
	in=$2
	shift 2
	if ! "$TOOLS/measure" -i "$in" -o /dev/null "$@" >"$tmp/m" 2>"$tmp/err"; then
		echo "$label: failed (status $(cut -d' ' -f3 "$tmp/m"))" >&2
		sed 's/^/  /' "$tmp/err" >&2
		status=1
		return
	fi
	read -r secs rss _ cpu <"$tmp/m"
	printf '%-44s %8d %8.3f %8.3f %8.1f\n' "$label" $(($(wc -l <"$in") - 1)) \
	    "$secs" "$cpu" "$(echo "$rss" | awk '{ print $1 * 1024 / 1e6 }')"
}
bench "attendance-score, days in date order" "$dir/days-sorted.csv" \
    "$B/bin/attendance-score"
bench "attendance-score, days in random order" "$dir/days-random.csv" \
    "$B/bin/attendance-score"
bench "case-track, events oldest first" "$dir/events-oldest-first.csv" \
    "$B/bin/case-track" --as-of 2600-01-01
bench "case-track, events newest first" "$dir/events-newest-first.csv" \
    "$B/bin/case-track" --as-of 2600-01-01
bench "quarter-report, months in order" "$dir/months-in-order.csv" \
    "$B/bin/quarter-report" --quarter 2018Q1
bench "quarter-report, months in reverse" "$dir/months-reversed.csv" \
    "$B/bin/quarter-report" --quarter 2018Q1
exit $status
