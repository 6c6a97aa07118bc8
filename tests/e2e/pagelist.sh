#!/bin/sh
# Print page numbers in the EPUB (issue 14, item 2): the EPUB made from a
# pack has a page-break marker where each page of the PDF of the same
# pack begins, and a page-list of them. For the example pack (also in
# the memo style), a pack of fixtures with a contents page, a long article
# (pages that begin inside paragraphs), an article of long lists, a long
# table, code, quotes and notes, a one-article pack and --each:
# the page-list has one entry per PDF page, in order, labelled as the PDF
# numbers them; the words that follow each marker begin that page's text
# in the PDF (pagelist.py);
# the EPUB is the same whether the PDF is written in the same run or not
# at all; two runs give the same bytes; EPUBCheck finds nothing;
# --no-page-list leaves it all out.
# SPDX-License-Identifier: MIT
#
# Environment: EPUBCHECK (default: java -jar /usr/share/java/epubcheck.jar).

. "$(dirname "$0")/lib.sh"
require_tools pdftotext pdfinfo python3 unzip
require_bp

EPUBCHECK=${EPUBCHECK:-java -jar /usr/share/java/epubcheck.jar}
have_epubcheck=1
case $EPUBCHECK in
java\ *)
	jar=$(echo "$EPUBCHECK" | sed -n 's/.*-jar  *\([^ ]*\).*/\1/p')
	if ! have java || { [ -n "$jar" ] && [ ! -f "$jar" ]; }; then
		have_epubcheck=0
		skip "epubcheck: java or $jar missing"
	fi ;;
esac
: "${JAVA_TOOL_OPTIONS:=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1}"
export JAVA_TOOL_OPTIONS

# epubcheck_ok DESC FILE: EPUBCheck finds no fatal, error or warning.
epubcheck_ok() {
	[ "$have_epubcheck" = 1 ] || return 0
	timeout 250 $EPUBCHECK "$2" >"$T/ec.out" 2>&1
	if grep -q '^Messages: 0 fatals / 0 errors / 0 warnings' "$T/ec.out" &&
	    ! grep -Eq '^(FATAL|ERROR|WARNING)' "$T/ec.out"; then
		ok "$1: EPUBCheck: 0 errors, 0 warnings"
	else
		not_ok "$1: EPUBCheck: 0 errors, 0 warnings"
		grep -E '^(FATAL|ERROR|WARNING|Messages)' "$T/ec.out" |
		    sed -n '1,20p' >"$T/ec.msgs"
		show "$T/ec.msgs"
	fi
}

# pages_match DESC EPUB PDF: the page-list and markers against the PDF.
pages_match() {
	if "$PY" "$E2E/pagelist.py" "$2" "$3" >"$T/pl.out" 2>&1; then
		ok "$1: page-list matches the PDF ($(tail -1 "$T/pl.out"))"
	else
		not_ok "$1: page-list matches the PDF"
		show "$T/pl.out"
	fi
}

# same_bytes DESC A B
same_bytes() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$2 and $3 differ"
	fi
}

# pack NAME ARGS...: NAME.pdf and NAME.epub in one run, NAME-only.epub
# without a PDF, and NAME-again.epub the same way again; then every check.
pack() {
	_name=$1
	shift
	bp "$@" -o "$T/$_name.pdf" -o "$T/$_name.epub"
	expect_rc 0 "$_name: PDF and EPUB in one run"
	bp "$@" -o "$T/$_name-only.epub"
	expect_rc 0 "$_name: EPUB alone"
	bp "$@" -o "$T/$_name-again.epub"
	pages_match "$_name" "$T/$_name.epub" "$T/$_name.pdf"
	same_bytes "$_name: the EPUB alone is the EPUB written with the PDF" \
	    "$T/$_name.epub" "$T/$_name-only.epub"
	same_bytes "$_name: two runs give the same EPUB" "$T/$_name-only.epub" \
	    "$T/$_name-again.epub"
	epubcheck_ok "$_name" "$T/$_name.epub"
}

# The example pack: cover, contents, blank left pages, figures, tables,
# code, notes.
pack example examples/uke48.yaml
if unzip -p "$T/example.epub" EPUB/package.opf >"$T/opf" 2>/dev/null &&
    grep -q '<dc:source id="print-source">Ukesoversikt uke 48: PDF, [0-9]* pages' "$T/opf" &&
    grep -q '<meta refines="#print-source" property="source-of">pagination</meta>' "$T/opf" &&
    grep -q 'schema:accessibilityFeature">pageBreakMarkers<' "$T/opf" &&
    grep -q 'schema:accessibilityFeature">pageNavigation<' "$T/opf"; then
	ok "example: dc:source names the printed edition as the pagination's source; pageBreakMarkers, pageNavigation"
else
	not_ok "example: dc:source names the printed edition as the pagination's source; pageBreakMarkers, pageNavigation"
	grep -E 'source|accessibilityFeature' "$T/opf" >"$T/opf.src" 2>/dev/null
	show "$T/opf.src"
fi
# Blank pages before right-hand article starts: markers together.
if unzip -p "$T/example.epub" EPUB/a1.xhtml 2>/dev/null | grep -q \
    'aria-label="4"/><span epub:type="pagebreak" role="doc-pagebreak" id="page-5" aria-label="5"/>'; then
	ok "example: a blank left page's marker stands with the next page's"
else
	not_ok "example: a blank left page's marker stands with the next page's"
fi

# The memo style: no cover, no contents, articles run on (an article
# begins inside a page; the pages after begin inside it).
pack memo-style -s memo examples/uke48.yaml

# Fixtures as one pack with a contents page: tables, notes, code, lists,
# quotes and images starting pages; and a long article whose pages begin
# inside paragraphs.
make_long_article "$T/lang.md" 40
pack fixtures --toc -M title=Fixtures $FIX/good/table.md \
    $FIX/good/footnotes.md $FIX/good/code.md $FIX/good/lists.md \
    $FIX/good/quotes.md $FIX/good/images.md "$T/lang.md"
inside=$(unzip -p "$T/fixtures.epub" EPUB/a7.xhtml 2>/dev/null |
    grep -c '[[:alnum:].,] <span epub:type="pagebreak"')
if [ "${inside:-0}" -gt 0 ]; then
	ok "fixtures: pages that begin inside a paragraph get a marker at the word ($inside)"
else
	not_ok "fixtures: pages that begin inside a paragraph get a marker at the word"
fi

# Pages that begin in lists, a table, code, a quote, between notes: an
# article of each, long enough to run over pages.
"$PY" - "$T/mixed.md" <<'PYEOF'
import sys
out = ["---", "title: Mixed blocks over many pages", "lang: en", "---", ""]
words = ("the committee reviewed every programme and found that most of "
         "them met their targets while a few fell short").split()
def text(k, n):
    return " ".join(words[(k + i) % len(words)] for i in range(n))
for k in range(60):
    out.append("- Item %d: %s." % (k, text(k, 14)))
out.append("")
for k in range(25):
    out += ["%d. Loose item %d: %s." % (k + 1, k, text(k, 40)), "",
            "    - nested %d: %s." % (k, text(k + 3, 10)), ""]
out += ["| No. | Name | Note |", "|---:|:---|:---|"]
for k in range(120):
    out.append("| %d | Row %d %s | %s |" % (k, k, text(k, 3), text(k + 5, 8)))
out += ["", "```c"]
for k in range(150):
    out.append("int value_%d = compute(%d, \"%s\");" % (k, k, text(k, 4)))
out += ["```", ""]
for k in range(12):
    out += ["> Quoted paragraph %d: %s." % (k, text(k, 60)), ">"]
out.append("")
for k in range(30):
    out += ["Paragraph %d with a note[^n%d]: %s." % (k, k, text(k, 50)), ""]
for k in range(30):
    out += ["[^n%d]: Note %d: %s." % (k, k, text(k, 70)), ""]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PYEOF
pack mixed "$T/mixed.md"

# One article alone.
pack single "$T/lang.md"

# --each: every article its own pack, with its own pages.
mkdir -p "$T/each" "$T/each-epub"
cp $FIX/good/table.md $FIX/good/footnotes.md "$T/lang.md" "$T/each/"
bp --each "$T/each" --outdir "$T/each" -f pdf,epub -j 2
expect_rc 0 "--each -f pdf,epub"
bp --each "$T/each" --outdir "$T/each-epub" -f epub -j 2
expect_rc 0 "--each -f epub"
for n in table footnotes lang; do
	pages_match "--each $n" "$T/each/$n.epub" "$T/each/$n.pdf"
	same_bytes "--each $n: the EPUB alone is the EPUB written with the PDF" \
	    "$T/each/$n.epub" "$T/each-epub/$n.epub"
done
epubcheck_ok "--each lang" "$T/each/lang.epub"

# --no-page-list: no markers, no page-list, no source, nothing claimed.
bp examples/uke48.yaml --no-page-list -o "$T/none.epub"
expect_rc 0 "--no-page-list"
if unzip -p "$T/none.epub" 2>/dev/null |
    grep -Eq 'pagebreak|page-list|dc:source|printPageNumbers|pageBreakMarkers'; then
	not_ok "--no-page-list: no markers, page-list, source or claim"
else
	ok "--no-page-list: no markers, page-list, source or claim"
fi
epubcheck_ok "--no-page-list" "$T/none.epub"

done_testing
