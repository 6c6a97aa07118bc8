#!/bin/sh
# Control characters and other invisible trouble (issue 11): C0 and C1
# controls, U+2028/2029, bidi overrides and isolates, noncharacters, in
# raw text and made by YAML escapes, in every kind of block and inline.
# The article loads with one warning per kind naming file:line, and
# neither output holds any of them: the PDF passes qpdf --check and its
# text keeps the words around them, in order; the EPUB passes EPUBCheck.
# The same for a manifest's title and a -M value.
# SPDX-License-Identifier: MIT
#
# Environment: EPUBCHECK (default: java -jar /usr/share/java/epubcheck.jar).

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo pdftotext qpdf python3 unzip
require_bp

EPUBCHECK=${EPUBCHECK:-java -jar /usr/share/java/epubcheck.jar}
G=$T/fx
mkdir -p "$G" "$T/o"

# re_path PATH: PATH as a grep -E pattern matching itself.
re_path() {
	printf '%s' "$1" | sed 's/[].[\*^$()+?{}|]/\\&/g'
}

# --- helpers: what may not be there, and words in order -------------------

# pdf_raw FILE: the text in content-stream order (the default order puts
# a line of a code block inside the paragraph above it).
pdf_raw() {
	pdftotext -raw -enc UTF-8 "$1" - 2>/dev/null
}

cat >"$T/ctl.py" <<'PYEOF'
"""ctl.py COMMAND ...: checks on text for controls.sh.

bad FILE [--ff]    exit 1 (naming them) if FILE holds a character that must
                   have been cleaned; --ff allows form feeds (pdftotext
                   ends each page with one)
epub EPUB          the same for every text entry of an EPUB but mimetype
order FILE WORD... the words appear in FILE, in this order, each whole
"""
import re, sys, zipfile

def bad_chars(text, allow_ff):
    found = []
    for i, ch in enumerate(text):
        c = ord(ch)
        if ch in "\t\n\r" or (allow_ff and ch == "\f"):
            continue
        if (c < 0x20 or 0x7F <= c <= 0x9F or c in (0x2028, 0x2029) or
                0x202A <= c <= 0x202E or 0x2066 <= c <= 0x2069 or
                0xFDD0 <= c <= 0xFDEF or (c & 0xFFFE) == 0xFFFE):
            found.append("U+%04X at %d" % (c, i))
    return found

def main():
    cmd = sys.argv[1]
    if cmd == "bad":
        text = open(sys.argv[2], encoding="utf-8", errors="strict").read()
        found = bad_chars(text, "--ff" in sys.argv[3:])
        if found:
            print("%s: %s" % (sys.argv[2], ", ".join(found[:10])))
            return 1
        return 0
    if cmd == "epub":
        z = zipfile.ZipFile(sys.argv[2])
        rc = 0
        for name in z.namelist():
            if not re.search(r"\.(xhtml|html|opf|ncx|xml|css)$", name):
                continue
            found = bad_chars(z.read(name).decode("utf-8"), False)
            if found:
                print("%s: %s" % (name, ", ".join(found[:10])))
                rc = 1
        return rc
    if cmd == "order":
        text = open(sys.argv[2], encoding="utf-8").read().lower()
        toks = re.findall(r"\w+", text)
        pos = 0
        for w in sys.argv[3:]:
            try:
                pos = toks.index(w.lower(), pos) + 1
            except ValueError:
                print("word %r not found (in order) after token %d; "
                      "text: %s" % (w, pos, " ".join(toks)[:600]))
                return 1
        return 0
    return 2

sys.exit(main())
PYEOF
CTL="$PY $T/ctl.py"

# --- the report's reproduction: one noncharacter ---------------------------------

printf 'hello \357\277\277 there\n' >"$G/c4.md"
bp "$G/c4.md" -o "$T/o/c4.pdf"
expect_rc 0 "U+FFFF in a paragraph: written"
expect_err "^$(re_path "$G/c4.md"):1:7: warning: noncharacter U\+FFFF replaced by U\+FFFD" \
    "U+FFFF in a paragraph: warning at 1:7"
if is_pdf "$T/o/c4.pdf" && pdf_has "$T/o/c4.pdf" "hello" &&
    pdf_has "$T/o/c4.pdf" "there"; then
	ok "U+FFFF in a paragraph: a PDF with the words around it"
else
	not_ok "U+FFFF in a paragraph: a PDF with the words around it"
	show_last
fi

# --- the article ---------------------------------------------------------------

# Raw characters: U+0001 U+001B U+0007 (C0), U+0080 U+009B (C1), U+2028
# U+2029, U+202A-202E, U+2066-2069, U+FDD0 U+FFFE U+FFFF U+1FFFE. The
# title's ESC and BEL and the subtitle's are YAML escapes.
"$PY" - "$G/ctl.md" <<'PYEOF'
import sys
text = (
    '---\n'
    'title: "Kontroll\\e tittel\\a"\n'
    'subtitle: "Under\\u202Etittel\\uFFFF"\n'
    'lang: en\n'
    '---\n'
    '\n'
    'Alfa \x01bravo \x1bcharlie\u2028delta\u2029echo \x80foxtrot \x9bgolf.\n'
    '\n'
    '## Hotel \u202eindia\u202c juliett\n'
    '\n'
    'Kilo [lima \u2066mike\u2069](https://example.com/) november \ufdd0 '
    'oscar \U0001fffe papa.\n'
    '\n'
    '| Quebec \x07 | Romeo \u202d sierra \u202c |\n'
    '|---|---|\n'
    '| tango \uffff | uniform \u2067victor\u2069 |\n'
    '\n'
    'Whiskey `xray \x1b yankee \u202ezulu\u202c` amber.\n'
    '\n'
    '```\n'
    'codeone \x01 codetwo \u202e codethree \uffff codefour\u2028codefive\n'
    '```\n'
    '\n'
    'Footnote here.[^n]\n'
    '\n'
    '[^n]: Notea \u2068noteb\u2069 \x1b notec \ufffe noted \u202b notee.\n'
)
open(sys.argv[1], "w", encoding="utf-8").write(text)
PYEOF
A=$G/ctl.md
AR=$(re_path "$A")
WORDS="Alfa bravo charlie delta echo foxtrot golf Hotel india juliett Kilo
lima mike november oscar papa Quebec Romeo sierra tango uniform victor
Whiskey xray yankee zulu amber codeone codetwo codethree codefour codefive
Footnote here Notea noteb notec noted notee"

bp "$A" -o "$T/o/ctl.pdf" -o "$T/o/ctl.epub"
expect_rc 0 "article with controls: written"
expect_err "^$AR:2: warning: title: 2 control characters removed \(first U\+001B\)" \
    "title's escaped ESC and BEL: one warning at file:2"
expect_err "^$AR:3: warning: subtitle: bidirectional control character U\+202E removed" \
    "subtitle's escaped override: warning at file:3"
expect_err "^$AR:3: warning: subtitle: noncharacter U\+FFFF replaced by U\+FFFD" \
    "subtitle's escaped noncharacter: warning at file:3"
expect_err "^$AR:7:6: warning: [0-9]+ control characters removed \(first U\+0001\)" \
    "raw C0 and C1 controls: one warning at the first (7:6)"
expect_err "^$AR:7:21: warning: [0-9]+ line or page break characters replaced by spaces \(first U\+2028\)" \
    "U+2028/2029: one warning at the first (7:21)"
expect_err "^$AR:9:10: warning: [0-9]+ bidirectional control characters removed \(first U\+202E\)" \
    "bidi overrides and isolates: one warning at the first (9:10)"
expect_err "^$AR:11:[0-9]+: warning: [0-9]+ noncharacters replaced by U\+FFFD \(first U\+FDD0\)" \
    "noncharacters: one warning at the first (line 11)"
if [ "$(grep -c "^$AR:[0-9:]* warning: " "$T/bp.err")" -eq 7 ]; then
	ok "article with controls: seven warnings, one per value and kind"
else
	not_ok "article with controls: seven warnings, one per value and kind"
	show_last
fi

# The PDF: valid, its text clean, the words all there and in order.
if is_pdf "$T/o/ctl.pdf"; then
	ok "article with controls: a PDF"
	check "article with controls: qpdf --check" qpdf_clean "$T/o/ctl.pdf"
	pdf_raw "$T/o/ctl.pdf" >"$T/ctl.txt"
	check "PDF text holds no control, separator, bidi control or noncharacter" \
	    $CTL bad "$T/ctl.txt" --ff
	# shellcheck disable=SC2086
	check "PDF text keeps the words around them, in order" \
	    $CTL order "$T/ctl.txt" Kontroll tittel Undertittel $WORDS
	pdfinfo "$T/o/ctl.pdf" 2>/dev/null | sed -n 's/^Title: *//p' >"$T/title.txt"
	check "PDF Title holds no control character" $CTL bad "$T/title.txt"
	check "PDF Title is \"Kontroll tittel\"" grep -qx 'Kontroll tittel' "$T/title.txt"
else
	not_ok "article with controls: a PDF" "no PDF: $T/o/ctl.pdf"
	show_last
fi

# The EPUB: clean XHTML, the words in order, and EPUBCheck.
expect_file "$T/o/ctl.epub" "article with controls: an EPUB"
check "EPUB XHTML, OPF and nav hold no control, separator, bidi control or noncharacter" \
    $CTL epub "$T/o/ctl.epub"
unzip -p "$T/o/ctl.epub" '*.xhtml' 2>/dev/null |
    sed 's/<[^>]*>/ /g' >"$T/ctl.xhtml.txt"
# shellcheck disable=SC2086
check "EPUB text keeps the words around them, in order" \
    $CTL order "$T/ctl.xhtml.txt" $WORDS

# A pack keeps each article's text and parses it again when writing: the
# text it keeps is the cleaned one.
printf '# Second\n\nPlain text.\n' >"$G/second.md"
bp "$A" "$G/second.md" -o "$T/o/pack.pdf" -o "$T/o/pack.epub"
expect_rc 0 "pack with the article: written"
if is_pdf "$T/o/pack.pdf"; then
	pdf_raw "$T/o/pack.pdf" >"$T/pack.txt"
	check "pack PDF text holds none of them" $CTL bad "$T/pack.txt" --ff
	# shellcheck disable=SC2086
	check "pack PDF keeps the words, in order" $CTL order "$T/pack.txt" $WORDS
else
	not_ok "pack with the article: a PDF" "no PDF: $T/o/pack.pdf"
	show_last
fi
check "pack EPUB holds none of them" $CTL epub "$T/o/pack.epub"

# --- a manifest and -M -------------------------------------------------------

printf 'title: "Pakke\\e tittel"\narticles:\n  - second.md\n' >"$G/pack.yaml"
bp "$G/pack.yaml" -o "$T/o/man.pdf" -o "$T/o/man.epub"
expect_rc 0 "manifest title with an escaped ESC: written"
expect_err "^$(re_path "$G/pack.yaml"):1: warning: title: control character U\+001B removed" \
    "manifest title: warning at manifest:1"
pdfinfo "$T/o/man.pdf" 2>/dev/null | sed -n 's/^Title: *//p' >"$T/title.txt"
check "manifest title: PDF Title is \"Pakke tittel\"" grep -qx 'Pakke tittel' "$T/title.txt"
check "manifest title: EPUB holds no control character" $CTL epub "$T/o/man.epub"

bp "$G/second.md" -M "title=$(printf 'a\033b')" -o "$T/o/m.pdf" -o "$T/o/m.epub"
expect_rc 0 "-M title with ESC: written"
expect_err "^briefpack: warning: -M title: control character U\+001B removed" \
    "-M title with ESC: warning names the option"
pdfinfo "$T/o/m.pdf" 2>/dev/null | sed -n 's/^Title: *//p' >"$T/title.txt"
check "-M title with ESC: PDF Title is \"ab\"" grep -qx 'ab' "$T/title.txt"
check "-M title with ESC: EPUB holds no control character" $CTL epub "$T/o/m.epub"

bp "$G/second.md" -M "title=$(printf 'x\357\277\277y\342\200\256z')" -o "$T/o/n.pdf"
expect_rc 0 "-M title with U+FFFF and U+202E: written"
expect_err "^briefpack: warning: -M title: noncharacter U\+FFFF replaced by U\+FFFD" \
    "-M title with U+FFFF: warned"
expect_file "$T/o/n.pdf" "-M title with U+FFFF and U+202E: a PDF"

# --- EPUBCheck -----------------------------------------------------------------

# Character references make their characters after the text was cleaned:
# cmark decodes "&#x1B;" and writes "&#xFFFF;" as an invalid byte. The
# same rules hold for them, with a warning at their line.
mkdir -p "$T/o"
printf 'Ref &#xFFFF; and &#x1B; esc &#x202E;rtl &#8232; sep &#xFDD0; x.\n\n[l](https://example.com/&#xFFFE;)\n' >"$T/ref.md"
bp "$T/ref.md" -o "$T/o/ref.pdf" -o "$T/o/ref.epub"
expect_rc 0 "character references to controls and noncharacters"
expect_err "ref.md:1: warning: a character reference to a noncharacter was replaced by U\\+FFFD" \
    "character references: the noncharacter named at its line"
expect_err "ref.md:1: warning: control character U\\+001B removed" \
    "character references: the control character named at its line"
expect_err "ref.md:3: warning: a character reference to a noncharacter" \
    "character references: in a link target too"
check "character references: qpdf --check" qpdf --check "$T/o/ref.pdf"
if pdftotext "$T/o/ref.pdf" - 2>/dev/null | grep -q 'Ref .* and esc rtl sep'; then
	ok "character references: the words around them are in the PDF"
else
	not_ok "character references: the words around them are in the PDF"
fi

have_epubcheck=1
case $EPUBCHECK in
java\ *)
	if ! have java; then
		have_epubcheck=0
	fi
	jar=$(echo "$EPUBCHECK" | sed -n 's/.*-jar  *\([^ ]*\).*/\1/p')
	if [ -n "$jar" ] && [ ! -f "$jar" ]; then
		have_epubcheck=0
	fi ;;
esac
if [ "$have_epubcheck" = 1 ]; then
	: "${JAVA_TOOL_OPTIONS:=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1}"
	export JAVA_TOOL_OPTIONS
	for e in ctl pack man; do
		if [ ! -s "$T/o/$e.epub" ]; then
			not_ok "epubcheck: $e.epub: 0 errors, 0 warnings" "no EPUB"
			continue
		fi
		timeout 250 $EPUBCHECK "$T/o/$e.epub" >"$T/ec.out" 2>&1
		_sum=$(grep '^Messages:' "$T/ec.out" | tail -1)
		if echo "$_sum" | grep -q '^Messages: 0 fatals / 0 errors / 0 warnings' &&
		    ! grep -Eq '^(FATAL|ERROR|WARNING)' "$T/ec.out"; then
			ok "epubcheck: $e.epub: 0 errors, 0 warnings"
		else
			not_ok "epubcheck: $e.epub: 0 errors, 0 warnings" \
			    "${_sum:-EPUBCheck gave no summary (command: $EPUBCHECK)}"
			show "$T/ec.out"
		fi
	done
else
	skip "epubcheck: java or the EPUBCheck jar is missing"
fi

done_testing
