#!/bin/sh
# make install and make uninstall (SPEC section 1, Command line): every
# program and man page lands under DESTDIR/PREFIX, the installed programs
# run, man reads the installed pages, and uninstall takes all of it away.
# Run by tests/run as one test: tests/scripts/install.sh BUILD_DIR.
set -u
B=${1:?usage: install.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

progs=$(sed -n 's/^PROGS = //p' "$top/Makefile")
make -s -C "$top" B="$B" install DESTDIR="$dest" PREFIX=/opt/cadre >"$dest.log" 2>&1 ||
    { cat "$dest.log"; rm -f "$dest.log"; exit 1; }
rm -f "$dest.log"
for p in $progs; do
	[ -x "$dest/opt/cadre/bin/$p" ] || fail "$p not installed"
	"$dest/opt/cadre/bin/$p" --version | grep -q "^$p (cadre toolkit)" ||
	    fail "installed $p does not run"
	page=$dest/opt/cadre/share/man/man1/$p.1
	[ -f "$page" ] || fail "$p.1 not installed"
	# man -l reads the page as installed; its NAME section names the program.
	MANWIDTH=80 man -l "$page" 2>/dev/null | grep -q "^ *$p " ||
	    fail "man -l $p.1 does not show its name"
done
[ -f "$dest/opt/cadre/share/man/man7/cadre.7" ] || fail "cadre.7 not installed"
# man finds the pages by name through MANPATH, as `man attendance-score`.
MANPATH=$dest/opt/cadre/share/man MANWIDTH=80 man attendance-score 2>/dev/null |
    grep -q "monthly evaluation" || fail "man attendance-score does not find the page"

make -s -C "$top" B="$B" uninstall DESTDIR="$dest" PREFIX=/opt/cadre >/dev/null 2>&1 ||
    fail "make uninstall failed"
left=$(find "$dest" -type f | wc -l)
[ "$left" -eq 0 ] || fail "uninstall left $left files: $(find "$dest" -type f)"
[ $fails -eq 0 ]
