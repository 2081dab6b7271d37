#!/bin/sh
# case-track's benchmark: a million events of about 130,000 cases, made by
# bench/gencases.c in date order (the cases interleaved, as a real log is
# kept), through the per-case report, the summary, and the report with
# --rejects (which keeps every row's fields). One measured run each.
#
#   sh bench/case-track.sh B TOOLS DATA
#
# B holds bin/case-track, TOOLS the measure tool, DATA the benchmark data:
# DATA/cases.csv is made once and kept until bench/gencases.c changes.
# case-track holds the whole log to order each case's events by date, so
# its memory grows with the events: peak RSS is the figure to watch.

B=$1
TOOLS=$2
DATA=$3
top=$(cd "$(dirname "$0")/.." && pwd)
CC=${CC:-cc}
events=1000000
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

if [ ! -x "$B/bin/case-track" ]; then
	echo "note: $B/bin/case-track not built, skipped" >&2
	exit 0
fi
"$CC" -O2 -o "$TOOLS/gencases" "$top/bench/gencases.c" || {
	echo "bench/case-track.sh: cannot build gencases" >&2
	exit 1
}
cases=$DATA/cases.csv
stamp="$(cksum <"$top/bench/gencases.c") -e $events"
if [ ! -f "$cases" ] || [ "$(cat "$DATA/cases.stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $cases ..."
	mkdir -p "$DATA" || exit 1
	"$TOOLS/gencases" -e $events >"$cases.new" || exit 1
	mv "$cases.new" "$cases" && echo "$stamp" >"$DATA/cases.stamp" || exit 1
fi
cat "$cases" >/dev/null
rows=$(($(wc -l <"$cases") - 1))
status=0

printf '%-40s %9s %8s %10s %8s\n' command rows seconds rows/s "RSS MB"
# bench LABEL ARGS...: one measured run, one line of the table.
bench() {
	label=$1
	shift
	if ! "$TOOLS/measure" -i "$cases" -o /dev/null "$B/bin/case-track" "$@" \
	    >"$tmp/m" 2>"$tmp/err"; then
		echo "$label: failed (status $(cut -d' ' -f3 "$tmp/m"))" >&2
		sed 's/^/  /' "$tmp/err" >&2
		status=1
		return
	fi
	read -r secs rss _ <"$tmp/m"
	awk -v l="$label" -v rows="$rows" -v s="$secs" -v rss="$rss" 'BEGIN {
		t = s > 0.001 ? s : 0.001
		printf "%-40s %9d %8.3f %10.0f %8.1f\n", l, rows, s, rows / t,
		    rss * 1024 / 1e6
	}'
}

bench "case-track --as-of 2018-12-31" --as-of 2018-12-31
bench "case-track --as-of 2018-12-31 --summary" --as-of 2018-12-31 --summary
bench "case-track ... --rejects FILE" --as-of 2018-12-31 --rejects "$tmp/rejects.csv"
exit $status
