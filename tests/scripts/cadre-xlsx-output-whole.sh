#!/bin/sh
# cadre-xlsx -o FILE writes the workbook whole or not at all (SPEC
# sections 1 and 10): a run that succeeds replaces FILE, with the mode a
# new file gets; a run that fails — bad data in the last input, an input
# that cannot be opened, a file-size limit reached while writing, FILE
# a directory — ends with one line on stderr and its status, leaves FILE
# as it was and no temporary file beside it. -o naming an input or the
# --rejects file is a usage error (64) that touches neither.
#
# Run by tests/run as one test: tests/scripts/cadre-xlsx-output-whole.sh
# BUILD_DIR.
set -eu
B=${1:?usage: cadre-xlsx-output-whole.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
data=$(cd "$(dirname "$0")/../../testdata" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir out
cp "$data/roster.csv" roster.csv
printf 'a,b\n1,2\n3,4,5\n' >ragged.csv
fail=0

# run WANT_STATUS WANT_ERR ARGS...: WANT_ERR begins the one line expected
# on stderr (empty: none).
run() {
	want=$1 pat=$2
	shift 2
	st=0
	"$B/bin/cadre-xlsx" "$@" >stdout 2>stderr || st=$?
	if [ "$st" != "$want" ]; then
		echo "cadre-xlsx $*: status $st, expected $want; stderr: $(cat stderr)"
		fail=1
	fi
	if [ -s stdout ]; then
		echo "cadre-xlsx $*: wrote on standard output"
		fail=1
	fi
	if [ -z "$pat" ]; then
		[ ! -s stderr ] || { echo "cadre-xlsx $*: stderr: $(cat stderr)"; fail=1; }
	elif [ "$(wc -l <stderr)" != 1 ] || ! grep -q "^cadre-xlsx: $pat" stderr; then
		echo "cadre-xlsx $*: stderr is not one line beginning 'cadre-xlsx: $pat':"
		cat stderr
		fail=1
	fi
}

# only_book: out/ holds the workbook and nothing else.
only_book() {
	if [ "$(ls -A out)" != book.xlsx ]; then
		echo "$1: out/ holds: $(ls -A out | tr '\n' ' ')"
		fail=1
	fi
}

unchanged() {
	if ! cmp -s before out/book.xlsx; then
		echo "$1: out/book.xlsx changed"
		fail=1
	fi
	only_book "$1"
}

# A run that succeeds replaces what was there, with a new file's mode.
echo 'the last quarter' >out/book.xlsx
chmod 600 out/book.xlsx
(umask 022 && run 0 '' -o out/book.xlsx roster.csv)
if [ "$(head -c 2 out/book.xlsx)" != PK ]; then
	echo "out/book.xlsx is not a workbook (a zip file) after a good run"
	fail=1
fi
if [ "$(stat -c %a out/book.xlsx)" != 644 ]; then
	echo "out/book.xlsx has mode $(stat -c %a out/book.xlsx), expected 644 (umask 022)"
	fail=1
fi
only_book "a good run"
cp out/book.xlsx before

# Bad data in the last input: nothing written.
run 65 'ragged.csv:3: ' -o out/book.xlsx roster.csv ragged.csv
unchanged "bad data"
run 66 'cannot open no-such.csv: ' -o out/book.xlsx roster.csv no-such.csv
unchanged "an input missing"

# A file-size limit reached while the workbook is written: 74, not a
# signal, and the temporary file goes.
for i in 1 2 3 4 5 6 7 8; do cat roster.csv; done | sed '1!{/^cadre_id/d}' >big.csv
st=0
(ulimit -f 2 && exec "$B/bin/cadre-xlsx" -o out/book.xlsx big.csv) >stdout 2>stderr || st=$?
if [ "$st" != 74 ] || [ "$(wc -l <stderr)" != 1 ] ||
    ! grep -q '^cadre-xlsx: write error on out/book.xlsx: ' stderr; then
	echo "over the file-size limit: status $st (expected 74), stderr: $(cat stderr)"
	fail=1
fi
unchanged "a file-size limit"

# FILE a directory: the workbook cannot be put there.
mkdir out/dir
run 74 'cannot create out/dir: Is a directory' -o out/dir roster.csv
rmdir out/dir
unchanged "-o a directory"

# -o naming an input, by another path; or the --rejects file.
cp roster.csv out/book.csv
run 64 '-o out/./book.csv is also an input file' -o out/./book.csv out/book.csv
cmp -s roster.csv out/book.csv || { echo "-o naming its input: the input changed"; fail=1; }
# (The common options' check finds this one: it takes -o's FILE for an
# input, as it takes every file the command line names.)
run 64 '--rejects out/./book.xlsx is also an input file' -o out/book.xlsx \
    --rejects out/./book.xlsx roster.csv
run 64 '-o out/new.xlsx is also the --rejects file' -o out/new.xlsx \
    --rejects out/new.xlsx roster.csv
rm out/book.csv
unchanged "-o naming an input or --rejects"
exit $fail
