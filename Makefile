# briefpack: Markdown articles to PDF briefing packs.
# SPDX-License-Identifier: MIT
-include config.mk

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build
CC      ?= cc
EPUBCHECK ?= java -jar /usr/share/java/epubcheck.jar

PKGS = libcmark-gfm pangocairo pangofc cairo-pdf fontconfig yaml-0.1 json-glib-1.0 \
       gdk-pixbuf-2.0 librsvg-2.0 glib-2.0 libzip zlib libqpdf harfbuzz-subset \
       libxml-2.0
# Loaded when first needed (dlopen, see bp_util_lib_load in src/bp.h),
# not linked: compiled against their headers, opened by the SONAME of the
# library pkg-config names, read here with readelf.
LAZY = librsvg-2.0 libxml-2.0 libqpdf
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(LAZY),$(PKGS))) \
              -lcmark-gfm-extensions -lhyphen -lm -ldl
soname = $(shell for d in $$(pkg-config --libs-only-L $(1) | sed 's/-L//g') \
    $$($(CC) -print-search-dirs | sed -n 's/^libraries: =//p' | tr : ' '); do \
    f=$$d/lib$(2).so; [ -e "$$f" ] && readelf -d "$$f" | \
    sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p' && break; done)
SONAMES := -DBP_SONAME_RSVG='"$(call soname,librsvg-2.0,rsvg-2)"' \
           -DBP_SONAME_XML='"$(call soname,libxml-2.0,xml2)"' \
           -DBP_SONAME_QPDF='"$(call soname,libqpdf,qpdf)"'

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla -Wno-overlength-strings
ifeq ($(MAINTAINER),1)
WARN += -Werror
endif
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -D_GNU_SOURCE \
       -DBP_DATADIR='"$(DATADIR)/briefpack"' $(SONAMES) $(CPPFLAGS)

SRCS := $(sort $(wildcard src/*.c src/*/*.c))
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/src/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)


.PHONY: regen
.PHONY: all check unit e2e sanitize lint clean install uninstall example \
        screenshots bench man

all: $(BUILD)/briefpack

$(BUILD)/briefpack: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/src/%.o: src/%.c src/bp.h $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBOBJS) $(PKG_LIBS)

# The man page, made by help2man (Debian's help2man package) from
# --help and --version, so it says what the program says. Its date is
# SOURCE_DATE_EPOCH's, else the last commit's: the same sources give the
# same page.
HELP2MAN ?= help2man
man: $(BUILD)/briefpack.1

$(BUILD)/briefpack.1: $(BUILD)/briefpack scripts/help2man-glib.sh
	@command -v $(HELP2MAN) >/dev/null 2>&1 || \
	    { echo "$@: needs help2man (scripts/install-deps.sh installs it)"; exit 1; }
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} \
	    LC_ALL=C.UTF-8 BRIEFPACK=$(BUILD)/briefpack $(HELP2MAN) --no-info \
	    --section=1 --no-discard-stderr \
	    --name="Markdown, text, web and Word articles to PDF briefing packs and EPUB" \
	    --output=$@.tmp scripts/help2man-glib.sh && mv $@.tmp $@

# The whole suite: unit tests, then end-to-end tests on the built binary.
# tests/run.sh runs TEST_JOBS test programs at once (default: the number
# of CPUs; TEST_JOBS=1 runs them one after the other) and prints each
# program's report whole, in the listed order. TEST_TIMEOUT: seconds per
# program (default 900: a hang, not a slow machine or a busy one; the
# tests bound their own speed on CPU time).
check: all $(UNIT_BINS)
	@BUILD=$(BUILD) EPUBCHECK="$(EPUBCHECK)" sh tests/run.sh

unit: $(UNIT_BINS)
	@BUILD=$(BUILD) SUITES=unit sh tests/run.sh

# Rewrite the expected outputs beside the fixtures (x.model, x.layout,
# x.xhtml) and tests/fixtures/outputs.sha256; review them with git diff.
regen: all
	@BUILD=$(BUILD) REGEN=1 sh tests/e2e/golden.sh

# The end-to-end suite alone (tests/e2e/*.sh on the built binary).
e2e: all
	@BUILD=$(BUILD) EPUBCHECK="$(EPUBCHECK)" SUITES=e2e sh tests/run.sh

# The suite again, built with AddressSanitizer and UBSan (TEST_JOBS
# programs at once, as for check; 1800 s each, ASan being slow).
sanitize:
	$(MAKE) BUILD=build-san CC=gcc \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" TEST_TIMEOUT=1800 check

# Only parse/ may include cmark and libxml2, only pdf/ Pango and Cairo, only
# epub/ libzip (and parse/docx.c, which reads Word's zip);
# the writers and the model read articles through the model, never the
# loader (its headers or its functions).
LOADER_CALLS = \<bp_(md|parse|bound|clean|meta_parse|meta_load|meta_set|yaml)_[a-z_]*[[:space:]]*\(
lint:
	@! grep -rlnE '\#include "parse/|$(LOADER_CALLS)' src/pdf src/epub src/md src/model 2>/dev/null | grep . \
	  || { echo "lint: the writers and the model must not use the loader (src/parse); read bodies with bp_article_body_acquire"; exit 1; }
	@! grep -rln 'cmark' src/*.c src/model src/pdf src/style src/epub src/md 2>/dev/null | grep . \
	  || { echo "lint: cmark used outside src/parse"; exit 1; }
	@! grep -rln '<pango\|<cairo' src/*.c src/model src/parse src/style src/epub src/md 2>/dev/null | grep . \
	  || { echo "lint: Pango/Cairo used outside src/pdf"; exit 1; }
	@! grep -rln '<zip\.h>' src/*.c src/*.h src/model src/parse src/pdf src/style src/md 2>/dev/null | grep -v '^src/parse/docx\.c$$' | grep . \
	  || { echo "lint: zip.h used outside src/epub (and the .docx reader, src/parse/docx.c)"; exit 1; }
	@! grep -rln '<libxml/' src/*.c src/*.h src/model src/pdf src/style src/epub src/md 2>/dev/null | grep . \
	  || { echo "lint: libxml2 used outside src/parse"; exit 1; }
	@! grep -rln '<qpdf/' src/*.c src/*.h src/model src/parse src/style src/epub src/md 2>/dev/null | grep . \
	  || { echo "lint: qpdf used outside src/pdf"; exit 1; }
	@echo "lint: ok"

# The example briefing pack.
example: all
	$(BUILD)/briefpack examples/uke48.yaml -o $(BUILD)/uke48.pdf -o $(BUILD)/uke48.epub

# README pictures: the cover, a body page, a table and a figure of the
# example pack.
screenshots: example
	sh scripts/screenshots.sh $(BUILD)/uke48.pdf doc

install: all $(BUILD)/briefpack.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/briefpack/fonts \
	    $(DESTDIR)$(DATADIR)/briefpack/styles $(DESTDIR)$(DATADIR)/briefpack/icc
	install -m 755 $(BUILD)/briefpack $(DESTDIR)$(BINDIR)/briefpack
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(BUILD)/briefpack.1 $(DESTDIR)$(MANDIR)/man1/briefpack.1
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/briefpack/fonts/
	install -m 644 icc/* $(DESTDIR)$(DATADIR)/briefpack/icc/
	install -m 644 styles/*.yaml $(DESTDIR)$(DATADIR)/briefpack/styles/
	install -d $(DESTDIR)$(DATADIR)/briefpack/data/lang
	install -m 644 data/lang/*.txt $(DESTDIR)$(DATADIR)/briefpack/data/lang/
	install -d $(DESTDIR)$(DATADIR)/briefpack/data/paste
	install -m 644 data/paste/*.txt $(DESTDIR)$(DATADIR)/briefpack/data/paste/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/briefpack
	rm -f $(DESTDIR)$(MANDIR)/man1/briefpack.1
	rm -rf $(DESTDIR)$(DATADIR)/briefpack

clean:
	rm -rf build build-san build-bench

# Fuzzing (tests/fuzz/): libFuzzer targets built with clang, ASan and UBSan
# against every source but src/main.c, objects in build-fuzz/. `make fuzz`
# runs each target FUZZ_SECONDS (make -j2 fuzz: two at a time) with its
# dictionary (tests/fuzz/TARGET.dict, else md.dict) and seed corpus; new
# inputs go to build-fuzz/corpus/TARGET, crashes to
# build-fuzz/crashes/TARGET/, the log to build-fuzz/TARGET.log.
# Replay a file: build-fuzz/fuzz_parse FILE (any target, any number of files).
.PHONY: fuzz fuzz-build fuzz-clean
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build-fuzz
FUZZ_ARGS    ?=
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
FUZZ_CFLAGS   = $(WARN) -g -O1 $(FUZZ_SAN) $(PKG_CFLAGS) -Isrc -D_GNU_SOURCE \
                -DBP_DATADIR='"$(CURDIR)"' $(SONAMES) $(CPPFLAGS)
FUZZ_TARGETS  = fuzz_parse fuzz_pipeline fuzz_manifest fuzz_txt fuzz_html \
                fuzz_docx
FUZZ_OBJS     = $(filter-out $(FUZZ_BUILD)/src/main.o,$(SRCS:%.c=$(FUZZ_BUILD)/%.o))
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)
# The EPUB writer is fuzzed once src/bp.h declares it.
FUZZ_EPUB    := $(shell grep -q '^bool bp_epub_write' src/bp.h 2>/dev/null && echo -DFUZZ_EPUB)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/src/%.o: src/%.c src/bp.h $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_EPUB) \
	    -DFUZZ_ROOT='"$(CURDIR)"' $(LDFLAGS) -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

# One target: fails when libFuzzer reports a crash, leak or timeout.
fuzz-run-%: $(FUZZ_BUILD)/%
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/crashes/$* tests/fuzz/corpus/$*
	@echo "fuzz: $* for $(FUZZ_SECONDS) s (log: $(FUZZ_BUILD)/$*.log)"
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    ASAN_OPTIONS=$${ASAN_OPTIONS:-detect_leaks=1} \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(FUZZ_BUILD)/$* -max_total_time=$(FUZZ_SECONDS) \
	    -dict=$(or $(wildcard tests/fuzz/$*.dict),tests/fuzz/md.dict) \
	    -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$*/ $(FUZZ_ARGS) \
	    $(FUZZ_BUILD)/corpus/$* tests/fuzz/corpus/$* \
	    >$(FUZZ_BUILD)/$*.log 2>&1; rc=$$?; \
	grep -E '^#[0-9]+[[:space:]]+DONE' $(FUZZ_BUILD)/$*.log | tail -1 | sed 's/^/fuzz: $*: /'; \
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' $(FUZZ_BUILD)/$*.log | \
	    sed 's/^/fuzz: $*: /'; \
	if [ $$rc -ne 0 ]; then \
		echo "fuzz: $*: FAILED (exit $$rc); artifacts:"; \
		ls $(FUZZ_BUILD)/crashes/$*/; \
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' $(FUZZ_BUILD)/$*.log | head -20; \
		exit 1; \
	fi

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

# Keep the objects and binaries make builds on the way to fuzz-run-*.
.SECONDARY: $(FUZZ_OBJS) $(FUZZ_BINS)

# The benchmark: an optimised build against a bare Pango/Cairo floor
# (bench/run.sh prints the table; SMALL=1 for a quick check).
.PHONY: bench
bench:
	$(MAKE) BUILD=build-bench CFLAGS="-O2 -g" build-bench/briefpack
	$(CC) -O2 -std=c11 -o build-bench/floor bench/floor.c \
	    $$(pkg-config --cflags --libs pangocairo pangofc cairo-pdf fontconfig)
	BUILD=build-bench sh bench/run.sh

# The GFM conformance suites (cmark-gfm's spec, extension and smart
# punctuation examples) through both writers. SPEC_DIR defaults to the
# copy `make conformance-copy` puts inside the repository (ignored by
# git), else to the steering repository's shared/conformance beside it.
SPEC_COPY = tests/conformance/spec
SPEC_DIR := $(if $(wildcard $(SPEC_COPY)/gfm-spec.txt),$(SPEC_COPY),../shared/conformance)
.PHONY: conformance conformance-copy
conformance-copy:
	@test -d ../shared/conformance || \
	    { echo "conformance-copy: no ../shared/conformance to copy"; exit 1; }
	mkdir -p $(SPEC_COPY)
	cp ../shared/conformance/*.txt $(SPEC_COPY)/

conformance: $(BUILD)/briefpack
	@if [ ! -d "$(SPEC_DIR)" ]; then \
		echo "conformance: SKIP ($(SPEC_DIR) not found)"; \
	else \
		python3 tests/conformance/run.py --spec-dir "$(SPEC_DIR)" \
		    --briefpack $(BUILD)/briefpack; \
	fi
