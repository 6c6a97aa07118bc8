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

PKGS = libcmark-gfm pangocairo pangofc cairo-pdf fontconfig yaml-0.1 \
       gdk-pixbuf-2.0 librsvg-2.0 glib-2.0
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions -lhyphen -lm

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla -Wno-overlength-strings
ifeq ($(MAINTAINER),1)
WARN += -Werror
endif
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -D_GNU_SOURCE \
       -DBP_DATADIR='"$(DATADIR)/briefpack"' $(CPPFLAGS)

SRCS := $(sort $(wildcard src/*.c src/*/*.c))
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/src/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check unit e2e sanitize lint clean install uninstall example \
        screenshots bench

all: $(BUILD)/briefpack

$(BUILD)/briefpack: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/src/%.o: src/%.c src/bp.h $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBOBJS) $(PKG_LIBS)

# The whole suite: unit tests, then end-to-end tests on the built binary.
check: all $(UNIT_BINS)
	@BUILD=$(BUILD) EPUBCHECK="$(EPUBCHECK)" sh tests/run.sh

unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do $$t || exit 1; done

# The suite again, built with AddressSanitizer and UBSan.
sanitize:
	$(MAKE) BUILD=build-san CC=gcc \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" check

# Only parse/ may include cmark, only pdf/ Pango and Cairo.
lint:
	@! grep -ln 'cmark' src/*.c src/model src/pdf src/style 2>/dev/null | grep . \
	  || { echo "lint: cmark used outside src/parse"; exit 1; }
	@! grep -ln '<pango\|<cairo' src/*.c src/model src/parse src/style 2>/dev/null | grep . \
	  || { echo "lint: Pango/Cairo used outside src/pdf"; exit 1; }
	@echo "lint: ok"

# The example briefing pack.
example: all
	$(BUILD)/briefpack examples/uke48.yaml -o $(BUILD)/uke48.pdf

# README pictures: the cover and a body page of the example pack.
screenshots: example
	pdftoppm -png -r 50 -f 1 -l 1 -singlefile $(BUILD)/uke48.pdf doc/cover
	pdftoppm -png -r 50 -f 5 -l 5 -singlefile $(BUILD)/uke48.pdf doc/page

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/briefpack/fonts \
	    $(DESTDIR)$(DATADIR)/briefpack/styles
	install -m 755 $(BUILD)/briefpack $(DESTDIR)$(BINDIR)/briefpack
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/briefpack/fonts/
	install -m 644 styles/*.yaml $(DESTDIR)$(DATADIR)/briefpack/styles/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/briefpack
	rm -rf $(DESTDIR)$(DATADIR)/briefpack

clean:
	rm -rf build build-san
