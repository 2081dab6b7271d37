#!/bin/sh
# Examples are tests: every command that README.md and the EXAMPLES
# section of each man page (man/*.1, man/*.7) show runs here on the
# sample county, and the output shown is the output printed. Run by
# tests/run as one test: tests/scripts/examples.sh BUILD_DIR.
#
# What is an example:
#   man page   each line of a .Bd -literal block, and each .Dl line, in
#              EXAMPLES (\e is a backslash there);
#   README.md  a code block (lines indented four spaces after a blank
#              line) whose first line begins with "$ " or with the name
#              of a program (a page man/NAME.1) and a space.
# A block with lines that begin with "$ " is a terminal session: each
# such line is a command, and the lines after it, up to the next "$ ",
# are what it prints; a block without is commands alone, whose output
# is not shown. A command goes on over lines that end in "\" or "|".
#
# What is compared: the shown lines that begin with "NAME: " (NAME a
# program) are standard error, the others standard output, each
# compared whole with what the command writes there. A shown line that
# ends in "\" goes on in the next (a long line folded to fit the page),
# and a line "..." stands for any lines of the output in its place.
# Every program run is watched: one that exits other than 0 fails the
# example unless the example shows that program's message (a closed pipe,
# `| head`, is no failure).
#
# The commands of one file run in order, in one temporary copy of
# testdata/ (so that a later one may read what an earlier one wrote),
# with the programs of BUILD_DIR first in PATH; "cd testdata", as a page
# begins, is where they already are.
set -u
B=${1:?usage: examples.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
count=0

progs=
for page in "$top"/man/*.1; do
	progs="$progs $(basename "$page" .1)"
done

# Each program through a watcher that writes down how it ended.
mkdir "$work/bin"
for p in $progs; do
	[ -x "$B/bin/$p" ] || continue
	cat >"$work/bin/$p" <<EOF
#!/bin/sh
"$B/bin/$p" "\$@"
st=\$?
[ \$st -eq 0 ] || [ \$st -eq 141 ] || echo "$p \$st" >>"\$EXAMPLES_STATUS"
exit \$st
EOF
	chmod +x "$work/bin/$p"
done
PATH=$work/bin:$PATH
export PATH

# extract FILE KIND: writes DIR/N.where (FILE:LINE), DIR/N.cmd and, for a
# terminal session, DIR/N.want; KIND is man or md.
extract() {
	awk -v kind="$2" -v file="$(basename "$1")" -v dir="$work/ex" -v progs="$progs" '
	function unesc(s) {
		if (kind == "man") {
			gsub(/\\e/, "\\", s)
			gsub(/\\&/, "", s)
		}
		return s
	}
	function flush(   i, l, session, cont, n, out) {
		if (nb == 0)
			return
		session = 0
		for (i = 1; i <= nb; i++)
			if (blk[i] ~ /^\$ /)
				session = 1
		cont = 0
		for (i = 1; i <= nb; i++) {
			l = blk[i]
			if (cont) {
				print l >> (dir "/" n ".cmd")
			} else if (session && l ~ /^\$ /) {
				n = ++ex
				print file ":" at[i] > (dir "/" n ".where")
				printf "%s\n", substr(l, 3) > (dir "/" n ".cmd")
				printf "" > (dir "/" n ".want")
				l = substr(l, 3)
			} else if (session && n) {
				print l >> (dir "/" n ".want")
				continue
			} else if (!session && l != "") {
				n = ++ex
				print file ":" at[i] > (dir "/" n ".where")
				print l > (dir "/" n ".cmd")
			} else
				continue
			cont = l ~ /[\\|][ \t]*$/
		}
		nb = 0
	}
	BEGIN {
		np = split(progs, pl, " ")
		for (i = 1; i <= np; i++)
			isprog[pl[i]] = 1
	}
	kind == "man" {
		if ($0 ~ /^\.Sh /) {
			flush(); inex = ($0 == ".Sh EXAMPLES"); inblk = 0
			next
		}
		if (!inex)
			next
		if ($0 ~ /^\.Bd -literal/) {
			inblk = 1
			next
		}
		if ($0 == ".Ed") {
			flush(); inblk = 0
			next
		}
		if (inblk) {
			blk[++nb] = unesc($0); at[nb] = NR
			next
		}
		if ($0 ~ /^\.Dl /) {
			blk[++nb] = unesc(substr($0, 5)); at[nb] = NR; flush()
		}
		next
	}
	kind == "md" {
		if ($0 ~ /^    / && (inblk || prev == "")) {
			if (!inblk) {
				w = substr($0, 5); split(w, word, " ")
				take = w ~ /^\$ / || (word[1] in isprog)
			}
			inblk = 1
			if (take) {
				blk[++nb] = substr($0, 5); at[nb] = NR
			}
		} else if (!(inblk && $0 == "")) {
			if (take)
				flush()
			inblk = 0; take = 0; nb = 0
		}
		prev = $0
	}
	END { flush() }' "$1"
}

# shown FILE: the lines as written, folded lines joined.
shown() {
	awk '{ if (sub(/\\$/, "")) { acc = acc $0; next } print acc $0; acc = "" }
	    END { if (acc != "") print acc }' "$1"
}

# matches WANT GOT: GOT is WANT, a line "..." in WANT standing for any lines.
matches() {
	if ! grep -qx '\.\.\.' "$1"; then
		cmp -s "$1" "$2"
		return
	fi
	sed '/^\.\.\.$/,$d' "$1" >"$work/head"
	sed '1,/^\.\.\.$/d' "$1" >"$work/tail"
	h=$(wc -l <"$work/head")
	t=$(wc -l <"$work/tail")
	[ $((h + t)) -le "$(wc -l <"$2")" ] &&
	    head -n "$h" "$2" | cmp -s - "$work/head" &&
	    { [ "$t" -eq 0 ] || tail -n "$t" "$2" | cmp -s - "$work/tail"; }
}

for doc in "$top"/README.md "$top"/man/*.1 "$top"/man/*.7; do
	[ -f "$doc" ] || continue
	case $doc in *.md) kind=md ;; *) kind=man ;; esac
	rm -rf "$work/ex" "$work/run"
	mkdir "$work/ex"
	extract "$doc" "$kind"
	cp -R "$top/testdata" "$work/run"
	ln -s . "$work/run/testdata"
	n=1
	while [ -f "$work/ex/$n.cmd" ]; do
		where=$(cat "$work/ex/$n.where")
		: >"$work/status"
		(cd "$work/run" && EXAMPLES_STATUS=$work/status sh "$work/ex/$n.cmd") \
		    </dev/null >"$work/out" 2>"$work/err"
		st=$?
		count=$((count + 1))
		why=
		if [ -f "$work/ex/$n.want" ]; then
			shown "$work/ex/$n.want" >"$work/want"
			pat="^($(echo $progs | tr ' ' '|')): "
			grep -E "$pat" "$work/want" >"$work/want.err"
			grep -vE "$pat" "$work/want" >"$work/want.out"
			matches "$work/want.out" "$work/out" || why="its output differs"
			cmp -s "$work/want.err" "$work/err" || why="${why:+$why and }its messages differ"
		fi
		while read -r p pst; do
			grep -q "^$p: " "$work/ex/$n.want" 2>/dev/null ||
			    why="${why:+$why; }$p exited $pst"
		done <"$work/status"
		if [ $st -ne 0 ] && [ ! -s "$work/status" ] && [ -z "$why" ]; then
			why="it exited $st"
		fi
		if [ -n "$why" ]; then
			fails=$((fails + 1))
			echo "FAIL: $where: $why:"
			sed 's/^/    /' "$work/ex/$n.cmd"
			if [ -f "$work/ex/$n.want" ]; then
				echo "  shown:"
				sed 's/^/    /' "$work/want" | head -20
			fi
			echo "  printed:"
			cat "$work/out" "$work/err" | head -20 | sed 's/^/    /'
		fi
		n=$((n + 1))
	done
	echo "$(basename "$doc"): $((n - 1)) examples"
done
# Somewhere to begin: a script that finds no example proves nothing.
[ "$count" -gt 0 ] || { echo "FAIL: no examples found"; exit 1; }
echo "$count examples, $fails failed"
[ $fails -eq 0 ]
