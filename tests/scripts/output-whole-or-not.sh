#!/bin/sh
# -o FILE is written whole or not at all, --rejects is a file of its own,
# and a failing program writes one line (SPEC section 1, Bad input and
# Command line). Run by tests/run as one test: this script BUILD_DIR.
#   - a good run puts the report in FILE, and nothing else in its folder;
#   - bad data, a file-size limit (ulimit -f) and a signal leave FILE as it
#     was and no temporary file beside it;
#   - --rejects that is the standard output's file, or the -o file, is a
#     usage error (64) before either is written;
#   - a directory as standard input is 66, as a directory operand is;
#   - a program failing after a note (annual-grade's rows without a total)
#     writes only the line that says why.
set -u
B=${1:?usage: output-whole-or-not.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
PATH=$B/bin:$PATH
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
# only_files DIR F...: DIR holds exactly the files F (no temporary ones).
only_files() {
	d=$1
	shift
	got=$(cd "$d" && ls -A | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$got" = "$want" ] || fail "$d holds '$got', expected '$want'"
}

printf 'cadre_id,date,status\nC1,2018-03-01,present\nC1,2018-03-02,absent\n' >log.csv
printf 'cadre_id,date,status\nC1,2018-03-01,present\nC1,2018-03-31,bogus\n' >bad.csv
mkdir out

# A good run: the report in out/s.csv, whole; the folder holds only it.
attendance-score -o out/s.csv <log.csv >stdout.txt 2>err.txt
[ $? -eq 0 ] || fail "good run: exit $?, $(cat err.txt)"
[ -s stdout.txt ] && fail "good run: the report also went to standard output"
# C1: 1 present + 1 absent in March: days_in_village 1, required 20;
# attendance 40 - 3 x 1 - 2 x (20 - 1) = -1 -> 0.
printf 'cadre_id,name,month,days_recorded,days_in_village,present,late,early,absent,leave,business,training,rest,required_days,attendance_score,performance_score,total\nC1,,2018-03,2,1,1,0,0,1,0,0,0,0,20,0,,\n' >want.csv
cmp -s out/s.csv want.csv || fail "good run: out/s.csv differs: $(cat out/s.csv)"
only_files out s.csv
# The long option is the same.
attendance-score --output out/s.csv <log.csv 2>err.txt || fail "--output: $(cat err.txt)"
cmp -s out/s.csv want.csv || fail "--output: out/s.csv differs"

# Bad data: exit 65, out/s.csv as it was, nothing left beside it.
cp want.csv before.csv
attendance-score -o out/s.csv <bad.csv 2>err.txt
st=$?
[ $st -eq 65 ] || fail "bad data: exit $st, expected 65"
cmp -s out/s.csv before.csv || fail "bad data: out/s.csv was changed"
only_files out s.csv
[ "$(wc -l <err.txt)" -eq 1 ] || fail "bad data: stderr not one line: $(cat err.txt)"

# A new file that bad data never creates.
attendance-score -o out/new.csv <bad.csv 2>/dev/null
[ -e out/new.csv ] && fail "bad data: out/new.csv was created"
only_files out s.csv

# A file-size limit: 74 with a message, not SIGXFSZ; the file as it was.
# The report of 400 cadres is some 40 kB, over a limit of 8 blocks (4 kB
# or 8 kB as the shell counts them).
awk 'BEGIN { print "cadre_id,date,status"
	for (i = 1; i <= 400; i++) printf "C%04d,2018-03-01,present\n", i }' >big.csv
(ulimit -f 8; attendance-score -o out/s.csv <big.csv) 2>err.txt
st=$?
[ $st -eq 74 ] || fail "file-size limit: exit $st, expected 74: $(cat err.txt)"
grep -q "write error on" err.txt || fail "file-size limit: no message: $(cat err.txt)"
[ "$(wc -l <err.txt)" -eq 1 ] || fail "file-size limit: stderr not one line: $(cat err.txt)"
cmp -s out/s.csv before.csv || fail "file-size limit: out/s.csv was changed"
only_files out s.csv
# The same limit on standard output: 74 too.
(ulimit -f 8; attendance-score <big.csv >out/plain.csv) 2>err.txt
st=$?
[ $st -eq 74 ] || fail "file-size limit on stdout: exit $st, expected 74"
rm -f out/plain.csv

# A signal (a cron job's time limit) leaves no temporary file.
mkfifo fifo
attendance-score -o out/s.csv <fifo 2>/dev/null &
pid=$!
exec 3>fifo
printf 'cadre_id,date,status\nC1,2018-03-01,present\n' >&3
sleep 1
kill -TERM $pid
exec 3>&-
wait $pid 2>/dev/null
cmp -s out/s.csv before.csv || fail "signal: out/s.csv was changed"
only_files out s.csv

# --rejects that is standard output's file, or the -o file: 64, and
# neither written.
printf 'keep\n' >r.csv
attendance-score --rejects r.csv <bad.csv >r.csv 2>err.txt
st=$?
# The shell empties r.csv for ">"; the program must not write into it.
[ $st -eq 64 ] || fail "--rejects = stdout: exit $st, expected 64"
[ -s r.csv ] && fail "--rejects = stdout: r.csv was written: $(cat r.csv)"
grep -q "standard output" err.txt || fail "--rejects = stdout: message: $(cat err.txt)"
printf 'keep\n' >r.csv
attendance-score --rejects r.csv -o r.csv <bad.csv 2>err.txt
st=$?
[ $st -eq 64 ] || fail "--rejects = -o: exit $st, expected 64"
[ "$(cat r.csv)" = keep ] || fail "--rejects = -o: r.csv was written"
attendance-score --rejects out/s.csv -o ./out/s.csv <bad.csv 2>err.txt
st=$?
[ $st -eq 64 ] || fail "--rejects = -o by another path: exit $st, expected 64"
cmp -s out/s.csv before.csv || fail "--rejects = -o by another path: out/s.csv changed"
only_files out s.csv

# A directory as standard input: 66, as an operand.
attendance-score <out 2>err.txt
st=$?
[ $st -eq 66 ] || fail "directory stdin: exit $st, expected 66"
grep -q "cannot open <stdin>" err.txt || fail "directory stdin: message: $(cat err.txt)"
attendance-score out 2>err.txt
st=$?
[ $st -eq 66 ] || fail "directory operand: exit $st, expected 66"

# One line on failure: annual-grade notes a row without a total, then
# cannot write its report.
printf 'cadre_id,month,days_in_village,total\nC1,2018-03,20,\nC1,2018-04,20,90\n' >months.csv
annual-grade --year 2018 <months.csv >/dev/full 2>err.txt
st=$?
[ $st -eq 74 ] || fail "annual-grade > /dev/full: exit $st, expected 74"
[ "$(wc -l <err.txt)" -eq 1 ] || fail "annual-grade > /dev/full: stderr not one line: $(cat err.txt)"
# And when it ends well, the note is there.
annual-grade --year 2018 <months.csv >/dev/null 2>err.txt
grep -q "without a total" err.txt || fail "annual-grade: the note is lost: $(cat err.txt)"

[ $fails -eq 0 ]
