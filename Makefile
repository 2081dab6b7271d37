# cadre toolkit. `make` builds the programs into build/bin, `make check`
# runs every test, `make san` the same under AddressSanitizer and
# UndefinedBehaviorSanitizer, `make bench` the benchmarks.

CC ?= cc
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
CFLAGS ?= -O2 -g
WARN = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -Icommon
LDLIBS = -lcsv -lpcre2-8 -lm
B ?= build

PROGS = attendance-score attendance-grid residency-check annual-grade case-track quarter-report dispatch-match cadre-view cadre-xlsx
COMMON = cli codes csvio dailylog date diag idindex numfmt outfile rejects roster rules schema strmap \
    table width
UNITS = test_diag test_csvio test_date test_numfmt test_codes test_idindex test_rules test_strmap test_roster test_conformance \
    test_table test_width

COMMON_OBJS = $(COMMON:%=$(B)/common/%.o)
BINS = $(PROGS:%=$(B)/bin/%)
UNIT_BINS = $(UNITS:%=$(B)/tests/%) $(B)/tests/test_match

all: $(BINS) $(B)/bin/gencounty

$(B)/common/%.o: common/%.c common/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libcadre.a: $(COMMON_OBJS)
	rm -f $@
	ar rcs $@ $(COMMON_OBJS)

$(B)/bin/%: cmd/%/*.c $(B)/libcadre.a common/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c,$^) $(B)/libcadre.a $(LDLIBS)

$(B)/bin/gencounty: testdata/gencounty.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -o $@ $< -lm

$(B)/tests/%: tests/unit/%.c $(B)/libcadre.a common/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcadre.a $(LDLIBS) -lcmocka

$(B)/bin/dispatch-match: cmd/dispatch-match/match.h

# cadre-xlsx alone writes workbooks, on libxlsxwriter.
$(B)/bin/cadre-xlsx $(B)/fuzz-replay/cadre-xlsx $(B)/fuzz/cadre-xlsx: LDLIBS += -lxlsxwriter

# dispatch-match's exact assignment against brute force (tests/dispatch/).
$(B)/tests/test_match: tests/dispatch/test_match.c cmd/dispatch-match/match.c \
    cmd/dispatch-match/match.h $(B)/libcadre.a
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) -Icmd/dispatch-match $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(filter %.c,$^) $(B)/libcadre.a $(LDLIBS) -lcmocka

check: all $(UNIT_BINS)
	tests/run $(B)

san:
	$(MAKE) check B=build-san CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined"

# One job per program: a valgrind run costs a second whatever the case,
# so `make -j -O valgrind` spreads the cases over the cores.
valgrind: $(patsubst %,valgrind-%,$(notdir $(wildcard tests/e2e/*)))
valgrind-%: all
	VALGRIND=1 tests/run $(B) e2e $*

demo: all
	testdata/demo $(B)/bin

bench: all
	bench/run $(B)

# `make install` (PREFIX, default /usr/local; DESTDIR for staging) puts
# the programs in BINDIR and the man pages in MANDIR, so that
# `man attendance-score` works; `make uninstall` takes them away.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(PROGS:%=man/%.1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/cadre.7 $(DESTDIR)$(MANDIR)/man7

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(BINDIR)/%) $(PROGS:%=$(DESTDIR)$(MANDIR)/man1/%.1) \
	    $(DESTDIR)$(MANDIR)/man7/cadre.7

lint-man:
	mandoc -Tlint -W warning man/*.1 man/*.7

# Failure injection (tests/inject/): a shim that fails the Nth allocation.
# Built plain, without CFLAGS: it stands in for the C library's allocator.
$(B)/tests/failmalloc.so: tests/inject/failmalloc.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -fPIC -shared -o $@ $<

# Fuzzing (tests/fuzz/): a harness for the CSV reader and one per program.
# `make fuzz` builds them for libFuzzer with clang into build-fuzz/fuzz/
# (or B/fuzz/ with B=...); `make check` builds the same harnesses with a
# main that replays the inputs kept in tests/fuzz/regress/HARNESS/.
# The code under test is compiled with tests/fuzz/track.h, the harnesses
# without it.
HARNESSES = csvr $(PROGS)
FZ = $(B)/fuzz-obj
FZ_COMMON = $(COMMON:%=$(FZ)/common/%.o) $(FZ)/track.o
REPLAYS = $(HARNESSES:%=$(B)/fuzz-replay/%)
FUZZERS = $(HARNESSES:%=$(B)/fuzz/%)
FUZZ_B = $(if $(filter command line,$(origin B)),$(B),build-fuzz)
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
    -fno-sanitize-recover=all -fno-omit-frame-pointer

$(FZ)/common/%.o: common/%.c common/*.h tests/fuzz/track.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -include tests/fuzz/track.h \
	    $(if $(filter date width,$*),-DFUZZ_KEEP_STATE) -c -o $@ $<

$(FZ)/cmd/%.o: cmd/%.c cmd/*/*.h common/*.h tests/fuzz/track.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -include tests/fuzz/track.h \
	    -Dmain=fuzz_program_main -c -o $@ $<

$(FZ)/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h common/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(FZ)/fuzz_program-%.o: tests/fuzz/fuzz_program.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -DFUZZ_PROG='"$*"' -c -o $@ $<

# A harness's objects: the reader's, or a program's main and its own.
FZ_OBJS_csvr = $(FZ)/fuzz_csvr.o
define FZ_PROG
FZ_OBJS_$(1) = $(FZ)/fuzz_program-$(1).o $(patsubst cmd/%.c,$(FZ)/cmd/%.o,$(wildcard cmd/$(1)/*.c))
endef
$(foreach p,$(PROGS),$(eval $(call FZ_PROG,$(p))))

.SECONDEXPANSION:

$(B)/fuzz-replay/%: $$(FZ_OBJS_$$*) $(FZ)/replay.o $(FZ_COMMON)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(FZ_OBJS_$*) $(FZ)/replay.o $(FZ_COMMON) $(LDLIBS)

$(B)/fuzz/%: $$(FZ_OBJS_$$*) $(FZ_COMMON)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(FZ_OBJS_$*) $(FZ_COMMON) $(LDLIBS)

# tests/run replays the fuzzers' finds and injects failures.
check: $(REPLAYS) $(B)/tests/failmalloc.so

fuzz:
	$(MAKE) B=$(FUZZ_B) CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
	    LDFLAGS="-fsanitize=fuzzer,address,undefined" fuzz-harnesses
fuzz-harnesses: $(FUZZERS)

clean:
	rm -rf build build-san build-fuzz

.PHONY: all check san valgrind demo bench lint-man clean fuzz fuzz-harnesses \
    install uninstall
.SECONDARY:
