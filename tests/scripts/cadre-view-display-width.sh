#!/bin/sh
# cadre-view lines its columns up by display width (SPEC section 10), not
# by bytes or characters: checked against a layout made here, by a second
# and independent reckoning of the width of each character from Python's
# unicodedata (East Asian Width W or F: two columns; a combining mark,
# Mn or Me: none; else one), on the sample county's Chinese roster, the
# township ranking in Chinese, and mixed text (Latin with combining marks,
# full-width forms, Hangul, kana, a CJK extension B character), each whole
# and cut with --max-width. Run with LANG and LC_ALL unset, as cron does,
# and under the C locale: the widths must not depend on the locale.
#
# Run by tests/run as one test: tests/scripts/cadre-view-display-width.sh
# BUILD_DIR.
set -eu
B=${1:?usage: cadre-view-display-width.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
data=$(cd "$(dirname "$0")/../../testdata" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
if ! "$py" -c 'import unicodedata' 2>/dev/null; then
	echo "no $py with unicodedata (./setup --deps installs it)"
	exit 1
fi
cd "$work"

cp "$data/roster.csv" roster.csv
"$B/bin/attendance-score" --performance "$data/performance.csv" <"$data/log.csv" 2>/dev/null |
    "$B/bin/quarter-report" --quarter 2018Q1 --roster "$data/roster.csv" --by township \
    --lang zh >townships.csv
printf '%s\n' \
    'id,name,place,score,code' \
    'K01,Rene'"$(printf '\314\201')"' Zu'"$(printf '\314\210')"'rich,Zürich,87.33,0012' \
    'K02,김민수,ソウル市,100,0034' \
    'K03,ＡＢＣ全角,𠀀𠀁村,-2.5,C7' \
    'K04,王明,五十家子镇,,12' \
    'K05,Li,x,7,' >mixed.csv

# expect.py FILE [MAX]: the table cadre-view should write, made here.
cat >expect.py <<'EOF'
import csv, re, sys, unicodedata

def cw(ch):
    if unicodedata.category(ch) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1

def width(s):
    return sum(cw(ch) for ch in s)

def cut(s, n):
    if n is None or width(s) <= n:
        return s
    out, w = "", 0
    for ch in s:
        if w + cw(ch) > n - 1:
            break
        out, w = out + ch, w + cw(ch)
    return out + "…"

NUM = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")

def number(s):
    s = s.strip(" \t")
    return bool(NUM.match(s)) and s != "-0" and sum(c.isdigit() for c in s) <= 11

rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
mx = int(sys.argv[2]) if len(sys.argv) > 2 else None
n = len(rows[0])
rows = [[r[i] if i < len(r) else "" for i in range(n)] for r in rows]
# A column of numbers is one by its values, before any is cut.
right = [any(r[c].strip() for r in rows[1:]) and
         all(number(r[c]) for r in rows[1:] if r[c].strip()) for c in range(n)]
rows = [[cut(s, mx) for s in r] for r in rows]
wid = [max(width(r[c]) for r in rows) for c in range(n)]

def line(cells):
    out = []
    for c, s in enumerate(cells):
        pad = " " * (wid[c] - width(s))
        out.append(pad + s if right[c] else s + pad)
    return "  ".join(out).rstrip(" ") + "\n"

sys.stdout.write(line(rows[0]))
sys.stdout.write(line(["-" * w for w in wid]))
for r in rows[1:]:
    sys.stdout.write(line(r))
EOF

fail=0
for f in roster.csv townships.csv mixed.csv; do
	for max in "" 8 5 2; do
		"$py" expect.py "$f" $max >want
		for env in "env -u LANG -u LC_ALL -u LC_CTYPE" "env LC_ALL=C"; do
			$env "$B/bin/cadre-view" ${max:+--max-width $max} "$f" >got
			if ! cmp -s want got; then
				echo "cadre-view ${max:+--max-width $max }$f ($env): not the layout by display width:"
				diff want got | head -10
				fail=1
			fi
		done
	done
done

# And read the other way: in cadre-view's own table of the roster, every
# column starts at the display column where its dashes start, in every
# line: the text before it is exactly that wide. The roster's Chinese
# columns are wider in columns than in characters, so a layout by
# characters or bytes would fail here.
"$B/bin/cadre-view" roster.csv >got
"$py" - <<'EOF' || fail=1
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.category(c) in ("Mn", "Me") else
               2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
lines = open("got", encoding="utf-8").read().splitlines()
rule = lines[1]
starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]
if len(starts) != 10:
    sys.exit("%d columns in the rule, expected the roster's 10" % len(starts))
for ln in lines[2:]:
    for s in starts[1:]:
        pos = w = 0
        while w < s and pos < len(ln):
            w += width(ln[pos])
            pos += 1
        if pos == len(ln):
            break # the rest of the line is empty cells
        if w != s:
            sys.exit("line %r: a column starts at display column %d, expected %d" % (ln, w, s))
        if ln[pos - 2:pos] != "  ":
            sys.exit("line %r: no two spaces before display column %d" % (ln, s))
if not any(width(l) > len(l) for l in lines[2:]):
    sys.exit("the roster's table has no wide characters")
EOF
exit $fail
