#!/bin/sh
# cadre-xlsx's workbook opened by LibreOffice (headless, Debian
# libreoffice-calc-nogui) and saved back as CSV, every sheet: the CSV must
# be the input byte for byte (SPEC section 10: text stays text, numbers
# show as written). The inputs: the sample county's quarterly bulletin
# in English and in Chinese, its township ranking in Chinese, and a file of the values a spreadsheet likes to change (ids, 18-digit id
# numbers, codes with leading zeros, months, dates, quarters, negative and
# decimal numbers, a quoted comma, text that looks like a formula).
#
# LibreOffice is a large install: without soffice the test is skipped
# (exit 77, which tests/run counts apart), except under CI, where
# ./setup --deps installs it and a missing soffice is a failure.
#
# Run by tests/run as one test: tests/scripts/cadre-xlsx-libreoffice.sh
# BUILD_DIR.
set -eu
B=${1:?usage: cadre-xlsx-libreoffice.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
data=$(cd "$(dirname "$0")/../../testdata" && pwd)
if ! command -v soffice >/dev/null 2>&1; then
	if [ -n "${CI:-}" ]; then
		echo "no soffice under CI: ./setup --deps installs libreoffice-calc-nogui"
		exit 1
	fi
	echo "no soffice (Debian libreoffice-calc-nogui): the LibreOffice round trip is skipped"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
PATH=$B/bin:$PATH

attendance-score --performance "$data/performance.csv" <"$data/log.csv" 2>/dev/null >scores.csv
quarter-report --quarter 2018Q1 --roster "$data/roster.csv" --tasks "$data/tasks.csv" \
    --checks "$data/checks.csv" <scores.csv >bulletin.csv
quarter-report --quarter 2018Q1 --roster "$data/roster.csv" --tasks "$data/tasks.csv" \
    --checks "$data/checks.csv" --lang zh <scores.csv >bulletin-zh.csv
quarter-report --quarter 2018Q1 --roster "$data/roster.csv" --by township --lang zh \
    <scores.csv >townships.csv
cat >values.csv <<'EOF'
cadre_id,name,id_number,code,month,date,quarter,score,days,delta,note
C0001,王明,110101199003071234,0012,2018-03,2018-03-05,2018Q1,87.33,22,-3,"派驻, 第一书记"
C0002,李红,110101198504125670,0034,2018-04,2018-04-01,2018Q2,90,20,0,
C0003,Ｚhang,110101197001010011,1200,2018-05,2018-05-31,2018Q2,40,,5.5,"=HYPERLINK(""x"")"
EOF

# to_csv BOOK: every sheet of BOOK as CSV, BOOK-SHEET.csv in out/: comma,
# quote ", UTF-8 (76), from line 1, cells as shown, all sheets (-1).
to_csv() {
	rm -rf out
	timeout 300 soffice --headless -env:UserInstallation="file://$work/profile" \
	    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
	    --outdir out "$1" >soffice.log 2>&1 || {
		echo "soffice failed on $1:"
		cat soffice.log
		exit 1
	}
}

fail=0
same() {
	if ! cmp -s "$1" "$2"; then
		echo "$2, read by LibreOffice, is not $1:"
		diff "$1" "$2" | head -10
		fail=1
	fi
}

cadre-xlsx -o book.xlsx --chart 乡镇:平均总分 cadres=bulletin.csv 干部=bulletin-zh.csv \
    乡镇=townships.csv values.csv
to_csv book.xlsx
same bulletin.csv out/book-cadres.csv
same bulletin-zh.csv out/book-干部.csv
same townships.csv out/book-乡镇.csv
same values.csv out/book-values.csv

# With a title: the title row, and then the same table; standard input
# makes a sheet named after the workbook.
cadre-xlsx -o titled.xlsx --title '2018年第一季度乡镇排名' - <townships.csv
to_csv titled.xlsx
ls out >sheets
[ "$(cat sheets)" = titled-titled.csv ] || { echo "sheets of titled.xlsx: $(cat sheets)"; fail=1; }
head -1 out/titled-titled.csv >title
printf '2018年第一季度乡镇排名,,,,,,,,,,\n' >want-title
same want-title title
tail -n +2 out/titled-titled.csv >table
same townships.csv table
exit $fail
