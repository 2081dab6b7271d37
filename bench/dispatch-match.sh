#!/bin/sh
# dispatch-match on a made-up province: 2,000 villages and 10,000
# candidates (the size SPEC section 7 asks for), then 20,000 villages and
# 100,000 candidates. Run by bench/run:
#
#   sh bench/dispatch-match.sh B TOOLS DATA
#
# The inputs are made once into DATA/dispatch by awk with its own random
# numbers (Park-Miller), so every awk makes the same bytes: a township per
# 20 villages, a unit per 2, one village in 10 without a paired unit, a
# quarter of the candidates township cadres.

B=$1
TOOLS=$2
DATA=$3
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$DATA/dispatch
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$B/bin/dispatch-match" ]; then
	echo "note: $B/bin/dispatch-match not built, skipped" >&2
	exit 0
fi

# gen V C: villages-V.csv and candidates-V.csv in $dir
gen() {
	awk -v V="$1" -v C="$2" -v vf="$dir/villages-$1.csv.new" \
	    -v cf="$dir/candidates-$1.csv.new" '
	function rnd(n) {
		seed = (seed * 16807) % 2147483647
		return seed % n
	}
	BEGIN {
		seed = 20180301
		T = int(V / 20); if (T < 1) T = 1
		U = int(V / 2); if (U < 1) U = 1
		split("weak_party disorder poor industry", need, " ")
		split("division division_reserve section section_reserve middle staff", rank, " ")
		split("party legal economy agri social other", spec, " ")
		print "village_id,name,township,needs,ethnic,paired_unit,priority" > vf
		for (i = 1; i <= V; i++) {
			m = rnd(16)
			needs = ""
			for (k = 0; k < 4; k++)
				if (int(m / 2 ^ k) % 2)
					needs = needs (needs == "" ? "" : ";") need[k + 1]
			paired = rnd(10) == 0 ? "" : "unit" rnd(U)
			printf "V%06d,village%d,town%d,%s,%s,%s,%s\n", i, i, rnd(T),
			    needs, rnd(5) == 0 ? "yes" : "no", paired,
			    rnd(3) == 0 ? "yes" : "no" > vf
		}
		print "cadre_id,name,birth_date,party,rank,unit,unit_level," \
		    "township,specialty,bilingual,available" > cf
		for (i = 1; i <= C; i++) {
			r = rnd(100)
			party = r < 70 ? "formal" : r < 80 ? "probationary" : "none"
			if (rnd(4) == 0) {
				level = "township"
				town = "town" rnd(T)
				unit = town " government"
			} else {
				r = rnd(100)
				level = r < 70 ? "county" : r < 80 ? "city" : \
				    r < 85 ? "province" : "enterprise"
				town = ""
				unit = "unit" rnd(U)
			}
			printf "C%07d,cadre%d,%d-%02d-%02d,%s,%s,%s,%s,%s,%s,%s,%s\n",
			    i, i, 1960 + rnd(38), 1 + rnd(12), 1 + rnd(28), party,
			    rank[1 + rnd(6)], unit, level, town, spec[1 + rnd(6)],
			    rnd(5) == 0 ? "yes" : "no", rnd(10) == 0 ? "no" : "yes" > cf
		}
	}' && mv "$dir/villages-$1.csv.new" "$dir/villages-$1.csv" &&
	    mv "$dir/candidates-$1.csv.new" "$dir/candidates-$1.csv"
}

mkdir -p "$dir" || exit 1
stamp=$(cksum <"$top/bench/dispatch-match.sh")
if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -f "$dir"/*.csv
	gen 2000 10000 && gen 20000 100000 || exit 1
	echo "$stamp" >"$dir/stamp"
fi

printf "%-44s %7s %8s %9s %8s\n" "command" "rows" "seconds" "rows/s" "RSS MB"
status=0
for v in 2000 20000; do
	c=$(($(wc -l <"$dir/candidates-$v.csv") - 1))
	if ! "$TOOLS/measure" -i "$dir/candidates-$v.csv" -o "$tmp/out" \
	    "$B/bin/dispatch-match" --villages "$dir/villages-$v.csv" \
	    --date 2018-03-01 >"$tmp/m" 2>"$tmp/err"; then
		echo "dispatch-match ($v villages): failed" >&2
		sed 's/^/  /' "$tmp/err" >&2
		status=1
		continue
	fi
	read -r secs rss _ <"$tmp/m"
	awk -v v="$v" -v c="$c" -v s="$secs" -v r="$rss" 'BEGIN {
		label = sprintf("dispatch-match %d villages %d candidates", v, c)
		printf "%-44s %7d %8.3f %9.0f %8.1f\n", label, c + v, s,
		    (c + v) / (s > 0.001 ? s : 0.001), r * 1024 / 1e6
	}'
done
exit $status
