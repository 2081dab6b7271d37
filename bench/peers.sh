#!/bin/sh
# attendance-score against other CSV tools doing the nearest equivalent
# aggregation, on the same log, each run once: the rows per cadre, month
# and status, which are the day counts attendance-score writes before it
# scores them. Run by bench/run:
#
#   sh bench/peers.sh B TOOLS DATA
#
# The peers are optional (`./setup --bench` installs them); a peer that is
# not installed is left out with a note. Each row of the table says which
# input it read; its ratio is its MB/s over the bare libcsv parse's on that
# same input.
#
#   mlr       Miller 6: a DSL put derives the month (the first 7 characters
#             of the date), then count -g cadre_id,month,status.
#   datamash  GNU datamash cannot derive a month, so awk writes
#             cadre_id,month,status first and datamash -s groups on all
#             three; the timed command is the whole pipeline. Neither reads
#             quoted CSV: they split on every comma, which is right for
#             this log and wrong for a name holding a comma.
#   csvsql    csvkit's SQL on an in-memory SQLite table, with -I (no type
#             inference: more than 10 times faster here, same counts).
#             csvkit holds the whole table in memory and reads about 1 MB/s,
#             so it reads a sample, the rows of 1 cadre in 20 (every month
#             of the year of those cadres), made once into DATA/peers; the
#             bare parse and attendance-score run on the sample too, so
#             its ratio compares like with like. Its seconds and RSS are
#             the sample's: both grow with the input.
#
# Peak RSS is the wait4 ru_maxrss of the command: for a pipeline (sh -c)
# that is the largest single process of it, since the kernel carries the
# largest reaped descendant up to the shell, not the sum of the processes
# that run at once. datamash's sort (its own child) spills to temporary
# files instead of holding the input.
#
# Counts: every peer's rows are checked against attendance-score's own
# day counts on the same input (its status columns turned into one line
# per cadre, month and status with a count above 0); "agree" means the
# two sorted lists are the same bytes.

B=$1
TOOLS=$2
DATA=$3
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$DATA/peers
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$B/bin/attendance-score" ]; then
	echo "note: $B/bin/attendance-score not built, peers skipped" >&2
	exit 0
fi

log=$DATA/log.csv
sample=$dir/sample.csv
mkdir -p "$dir" || exit 1
stamp="$(cat "$DATA/stamp" 2>/dev/null) $(cksum <"$top/bench/peers.sh")"
if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $dir ..."
	rm -f "$dir"/*
	awk -F, 'NR == FNR {
		if (FNR > 1 && FNR % 20 == 2)
			keep[$1] = 1
		next
	}
	FNR == 1 || $1 in keep' "$DATA/roster.csv" "$log" \
	    >"$sample.new" || exit 1
	mv "$sample.new" "$sample" || exit 1
	echo "$stamp" >"$dir/stamp"
fi
cat "$log" "$sample" >/dev/null

have() {
	if command -v "$1" >/dev/null 2>&1; then
		return 0
	fi
	echo "note: $1 not installed (./setup --bench), left out" >&2
	return 1
}

# The versions of the peers, so that a table can be read later.
versions=
have mlr && versions="$versions, Miller $(mlr --version | sed 's/^mlr //')"
have datamash && versions="$versions, GNU datamash $(datamash --version |
    sed -n '1s/.* //p')"
have csvsql && versions="$versions, csvkit $(csvsql --version 2>&1 |
    sed 's/^csvsql //')"

table=$tmp/table
status=0

# run LABEL INPUT OUTPUT COMMAND...: one measured run, one line of $table
# (an underscore in LABEL is printed as a space).
run() {
	label=$1
	in=$2
	out=$3
	shift 3
	if ! "$TOOLS/measure" -i "$in" -o "$out" "$@" >"$tmp/m" 2>"$tmp/err"
	then
		echo "$(echo "$label" | tr _ ' '): failed" \
		    "(status $(cut -d' ' -f3 "$tmp/m"))" >&2
		sed 's/^/  /' "$tmp/err" >&2
		status=1
		return 1
	fi
	read -r secs rss _ <"$tmp/m"
	case $in in
	"$sample") name=sample ;;
	*) name=log ;;
	esac
	echo "$label $name $(($(wc -l <"$in") - 1)) $(wc -c <"$in") $secs $rss" \
	    >>"$table"
}

# counts: attendance-score's monthly rows as cadre_id,month,status,count.
counts() {
	awk -F, 'NR == 1 {
		for (i = 1; i <= NF; i++)
			col[$i] = i
		n = split("present late early absent leave business " \
		    "training rest", st, " ")
		next
	}
	{
		for (k = 1; k <= n; k++)
			if ($col[st[k]] > 0)
				print $col["cadre_id"] "," $col["month"] "," \
				    st[k] "," $col[st[k]]
	}' "$1" | LC_ALL=C sort
}

# check LABEL PEER_OUTPUT ATTENDANCE_SCORE_OUTPUT: marks the last line of
# $table "agree" or "DIFFER".
check() {
	grep -v '^cadre_id,' "$2" | LC_ALL=C sort >"$tmp/peer.k"
	counts "$3" >"$tmp/as.k"
	if cmp -s "$tmp/peer.k" "$tmp/as.k"; then
		v=agree
	else
		v=DIFFER
		echo "$1: its counts differ from attendance-score's" >&2
		status=1
	fi
	sed '$s/$/ '"$v"'/' "$table" >"$tmp/t" && mv "$tmp/t" "$table"
}

query="select cadre_id, substr(date, 1, 7) as month, status,
    count(*) as count from log group by cadre_id, month, status"
premonth='{ print $1 "," (NR == 1 ? "month" : substr($3, 1, 7)) "," $4 }'

run libcsv_parse "$log" /dev/null "$TOOLS/csvparse" ||
    { echo "peers: the bare parse failed" >&2; exit 1; }
run attendance-score "$log" "$tmp/as.csv" "$B/bin/attendance-score" ||
    exit 1
if have mlr >/dev/null 2>&1; then
	run mlr "$log" "$tmp/mlr.csv" mlr --icsv --ocsv \
	    put '$month = substr0($date, 0, 6)' \
	    then count -g cadre_id,month,status &&
	    check mlr "$tmp/mlr.csv" "$tmp/as.csv"
fi
if have datamash >/dev/null 2>&1; then
	run "awk_|_datamash" "$log" "$tmp/dm.csv" sh -c \
	    'awk -F, "$1" | datamash -t, --header-in -s -g 1,2,3 count 1' \
	    sh "$premonth" &&
	    check datamash "$tmp/dm.csv" "$tmp/as.csv"
fi
if have csvsql >/dev/null 2>&1; then
	run libcsv_parse "$sample" /dev/null "$TOOLS/csvparse" || exit 1
	run attendance-score "$sample" "$tmp/as-sample.csv" \
	    "$B/bin/attendance-score" || exit 1
	# The variable quiets a deprecation warning of SQLAlchemy 1.4.
	run csvsql "$sample" "$tmp/ck.csv" \
	    env SQLALCHEMY_SILENCE_UBER_WARNING=1 \
	    csvsql -I --tables log --query "$query" &&
	    check csvsql "$tmp/ck.csv" "$tmp/as-sample.csv"
fi

echo "peers: attendance-score against other tools counting days per cadre,"
echo "month and status, each run once${versions:+ (${versions#, })}"
awk '
BEGIN {
	printf "%-18s %6s %8s %6s %8s %7s %6s %8s %s\n", "command", "input",
	    "rows", "MB", "seconds", "MB/s", "ratio", "RSS MB", "counts"
}
{
	mb = $4 / 1e6
	secs = $5 > 0.001 ? $5 : 0.001
	rate = mb / secs
	if ($1 == "libcsv_parse")
		base[$2] = rate
	gsub(/_/, " ", $1)
	printf "%-18s %6s %8d %6.1f %8.3f %7.1f %6.3f %8.1f %s\n", $1, $2,
	    $3, mb, $5, rate, rate / base[$2], $6 * 1024 / 1e6,
	    (NF >= 7 ? $7 : "-")
}' "$table"
exit $status
