#!/bin/sh
# A one-article pack is a memo: no cover, no contents, no blank pages, its
# title block and marking on page 1. --cover/--no-cover and the style's
# cover key (auto, true, false) override; blank left pages appear only
# where a duplex pack starts an article on a right-hand page, never at
# the end; messages say "1 page", "1 article", "1 layout thread".
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo pdftotext python3
require_bp

Q="$PY $E2E/pdfq.py"
BLANK="Denne siden er blank med vilje"
mkdir -p "$T/o" "$T/each"

# A one-paragraph note, a longer article (three pages or so), a second note.
cat >"$T/note.md" <<'EOF'
---
title: Kort notat om saken
date: 2026-11-27
lang: nb
classification: BEGRENSET
---

Dette er et kort notat om saken. Det har bare ett avsnitt.
EOF
cat >"$T/other.md" <<'EOF'
---
title: Et annet notat
lang: nb
---

Et annet og like kort notat.
EOF
{
	printf -- '---\ntitle: Lang sak\nlang: nb\n---\n\n'
	i=1
	while [ $i -le 40 ]; do
		printf 'Avsnitt %d handler om saken, og om hvordan den kom hit. ' $i
		printf 'Det er mange ord her, slik at teksten fyller sider. '
		printf 'Departementet vurderer saken og kommer tilbake til den.\n\n'
		i=$((i + 1))
	done
} >"$T/long.md"

# pages_with FILE PHRASE: the pages (space separated) that show PHRASE.
pages_with() {
	pdf_find "$1" "$2"
}

# expect_pages FILE N DESC
expect_pages() {
	_n=$(pdf_pages "$1")
	if [ "$_n" = "$2" ]; then
		ok "$3 ($2 pages)"
	else
		not_ok "$3 ($2 pages)" "got: ${_n:-no PDF} pages"
		show_last
	fi
}

# expect_eq GOT WANT DESC
expect_eq() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "got: \"$1\"" "want: \"$2\""
	fi
}

# --- the memo: one page for a one-paragraph note --------------------------

bp "$T/note.md" -o "$T/o/note.pdf" -v
expect_rc 0 "one short article"
expect_pages "$T/o/note.pdf" 1 "one-paragraph note is one page"
check "memo: title block on page 1" \
    pdf_has "$T/o/note.pdf" "Kort notat om saken" 1
check "memo: the text on page 1" \
    pdf_has "$T/o/note.pdf" "Det har bare ett avsnitt" 1
check "memo: the marking on page 1" \
    pdf_has "$T/o/note.pdf" "BEGRENSET" 1
check "memo: footer \"Side 1 av 1\"" \
    pdf_has "$T/o/note.pdf" "Side 1 av 1" 1
check "memo: no cover (no \"1 artikkel\")" \
    pdf_lacks "$T/o/note.pdf" "1 artikkel"
check "memo: no contents page" pdf_lacks "$T/o/note.pdf" "Innhold"
check "memo: no blank page" pdf_lacks "$T/o/note.pdf" "$BLANK"
# Messages in the singular.
expect_err 'laid out 1 page in' "-v: \"laid out 1 page\""
expect_err '\(1 layout thread;' "-v: \"1 layout thread\""
expect_err 'wrote 1 page, 1 article in' "-v: \"wrote 1 page, 1 article\""
expect_no_err '1 (pages|articles|layout threads)\b' "-v: no plural after 1"

# A longer article: one page per page of text, none blank, none at the end.
bp "$T/long.md" -o "$T/o/long.pdf"
n=$(pdf_pages "$T/o/long.pdf")
if [ "${n:-0}" -ge 2 ]; then
	ok "long memo: more than one page ($n)"
else
	not_ok "long memo: more than one page" "got: ${n:-no PDF}"
fi
check "long memo: no blank page" pdf_lacks "$T/o/long.pdf" "$BLANK"
check "long memo: every page carries text of the article" \
    $Q each-page "$T/o/long.pdf" 1 "Side {i} av {n}"
expect_eq "$(pages_with "$T/o/long.pdf" "Avsnitt 40 handler")" "$n" \
    "long memo: the last page holds the last paragraph (no trailing blank)"

# --- --cover, --no-cover -----------------------------------------------------

bp "$T/note.md" -o "$T/o/cover.pdf" --cover
expect_rc 0 "--cover with one article"
expect_pages "$T/o/cover.pdf" 3 "--cover, duplex: cover, its blank back, the article"
check "--cover: page 1 is the cover" pdf_has "$T/o/cover.pdf" "1 artikkel" 1
check "--cover: page 2 is the cover's blank back" \
    pdf_has "$T/o/cover.pdf" "$BLANK" 2
check "--cover: the article on page 3" \
    pdf_has "$T/o/cover.pdf" "Det har bare ett avsnitt" 3

bp -s memo "$T/note.md" -o "$T/o/cover-memo.pdf" --cover
expect_pages "$T/o/cover-memo.pdf" 2 "--cover, single-sided style: no blank back"

bp "$T/note.md" "$T/other.md" -o "$T/o/two.pdf"
expect_rc 0 "two articles"
check "two articles: a cover by default" pdf_has "$T/o/two.pdf" "2 artikler" 1

bp "$T/note.md" "$T/other.md" -o "$T/o/two-nc.pdf" --no-cover
expect_rc 0 "--no-cover with two articles"
check "--no-cover: page 1 is the contents" \
    pdf_has "$T/o/two-nc.pdf" "Innhold" 1
check "--no-cover: no cover" pdf_lacks "$T/o/two-nc.pdf" "2 artikler"
# Contents on 1, blank 2, article 3, blank 4, article 5.
expect_pages "$T/o/two-nc.pdf" 5 "--no-cover: contents and two right-hand starts"
expect_eq "$(pages_with "$T/o/two-nc.pdf" "$BLANK")" "2 4" \
    "--no-cover: blank left pages only before right-hand starts"
expect_eq "$(pages_with "$T/o/two-nc.pdf" "Et annet og like kort notat")" "5" \
    "--no-cover: the second article starts on page 5"

bp "$T/note.md" "$T/other.md" -o "$T/o/two-bare.pdf" --no-cover --no-toc
expect_pages "$T/o/two-bare.pdf" 3 "--no-cover --no-toc: article, blank, article"

bp "$T/note.md" -o "$T/o/x.pdf" --cover --no-cover
expect_rc 2 "--cover --no-cover"
expect_err 'contradict' "--cover --no-cover: the message says they contradict"
expect_no_file "$T/o/x.pdf" "--cover --no-cover: no output"

# --- the style's cover key ----------------------------------------------------

printf 'cover: true\n' >"$T/cover-true.yaml"
bp -s "$T/cover-true.yaml" "$T/note.md" -o "$T/o/st-true.pdf"
expect_rc 0 "style cover: true"
check "style cover: true gives one article a cover" \
    pdf_has "$T/o/st-true.pdf" "1 artikkel" 1

bp -s "$T/cover-true.yaml" "$T/note.md" -o "$T/o/st-true-nc.pdf" --no-cover
expect_pages "$T/o/st-true-nc.pdf" 1 "--no-cover beats the style's cover: true"

printf 'cover: false\n' >"$T/cover-false.yaml"
bp -s "$T/cover-false.yaml" "$T/note.md" "$T/other.md" -o "$T/o/st-false.pdf"
check "style cover: false: two articles without a cover" \
    pdf_lacks "$T/o/st-false.pdf" "2 artikler"
bp -s "$T/cover-false.yaml" "$T/note.md" "$T/other.md" -o "$T/o/st-false-c.pdf" --cover
check "--cover beats the style's cover: false" \
    pdf_has "$T/o/st-false-c.pdf" "2 artikler" 1

printf 'cover: auto\n' >"$T/cover-auto.yaml"
bp -s "$T/cover-auto.yaml" "$T/note.md" -o "$T/o/st-auto.pdf"
expect_rc 0 "style cover: auto"
expect_pages "$T/o/st-auto.pdf" 1 "style cover: auto: one article is a memo"

printf 'cover: maybe\n' >"$T/cover-bad.yaml"
bp -s "$T/cover-bad.yaml" "$T/note.md" -o "$T/o/st-bad.pdf"
expect_rc 2 "style cover: maybe"
expect_err 'cover-bad\.yaml:1.*cover.*auto, true or false' \
    "style cover: maybe: the message names file, line, key and the choices"

# article-start: page: no blank pages but the cover's back (duplex).
printf 'article-start: page\n' >"$T/start-page.yaml"
bp -s "$T/start-page.yaml" "$T/note.md" "$T/other.md" -o "$T/o/start-page.pdf"
expect_eq "$(pages_with "$T/o/start-page.pdf" "$BLANK")" "2" \
    "article-start: page: only the cover's back is blank"
bp -s "$T/start-page.yaml" "$T/note.md" -o "$T/o/start-page1.pdf"
expect_pages "$T/o/start-page1.pdf" 1 "article-start: page: a memo is one page"

# --- --each: each article alone is a memo -----------------------------------

bp --each --outdir "$T/each" "$T/note.md" "$T/other.md"
expect_rc 0 "--each"
expect_pages "$T/each/note.pdf" 1 "--each: the first article's PDF is a memo"
expect_pages "$T/each/other.pdf" 1 "--each: the second article's PDF is a memo"

# --- the EPUB beside a memo ---------------------------------------------------

bp "$T/note.md" -o "$T/o/note2.pdf" -o "$T/o/note.epub"
expect_rc 0 "memo as PDF and EPUB"
if have unzip; then
	unzip -p "$T/o/note.epub" EPUB/nav.xhtml >"$T/nav.xhtml" 2>/dev/null
	n=$(grep -c '<li><a href="[^"]*#page-[^"]*">' "$T/nav.xhtml")
	expect_eq "$n" "1" "memo EPUB: the page-list has the PDF's one page"
	check "memo EPUB: page 1 is in the article" \
	    grep -q '<a href="a1.xhtml#page-1">1</a>' "$T/nav.xhtml"
else
	skip "memo EPUB page-list: unzip not installed"
fi
if have java && [ -n "${EPUBCHECK:-}" ]; then
	if $EPUBCHECK "$T/o/note.epub" >"$T/epubcheck.out" 2>&1 &&
	    grep -q 'No errors or warnings detected' "$T/epubcheck.out"; then
		ok "memo EPUB: epubcheck finds nothing"
	else
		not_ok "memo EPUB: epubcheck finds nothing"
		show "$T/epubcheck.out"
	fi
else
	skip "memo EPUB: epubcheck (java or EPUBCHECK missing)"
fi

done_testing
