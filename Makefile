# cadre toolkit. `make` builds the programs into build/bin, `make check`
# runs every test, `make san` the same under AddressSanitizer and
# UndefinedBehaviorSanitizer, `make bench` the benchmarks.

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS += -Icommon
LDLIBS = -lcsv -lpcre2-8 -lm
B ?= build

PROGS = attendance-score residency-check annual-grade case-track quarter-report dispatch-match
COMMON = cli codes csvio dailylog date diag idindex numfmt rejects roster rules strmap
UNITS = test_csvio test_date test_numfmt test_codes test_idindex test_rules test_strmap test_roster test_conformance

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

valgrind: all
	VALGRIND=1 tests/run $(B) e2e

demo: all
	testdata/demo $(B)/bin

bench: all
	bench/run $(B)

lint-man:
	mandoc -Tlint -W warning man/*.1 man/*.7

clean:
	rm -rf build build-san

.PHONY: all check san valgrind demo bench lint-man clean
.SECONDARY:
