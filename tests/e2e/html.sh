#!/bin/sh
# Saved web pages (.html) as articles (issue 16): each fixture in
# tests/fixtures/html/ becomes a clean article in PDF, EPUB and Markdown:
# its title and metadata, the words of the article in order (NAME.words.md)
# in the PDF and the EPUB, none of the page furniture (NAME.furniture, one
# phrase a line), headings in the outline; then hostile pages (100,000
# elements deep, windows-1252 without a charset, nothing but furniture,
# script links) in bounded time.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_bp
require_tools pdftotext mutool unzip

H=$FIX/html

# epub_text EPUB OUT: the text of the article files, tags removed.
epub_text() {
	unzip -p "$1" '*.xhtml' | "$PY" -c '
import html, re, sys
t = sys.stdin.read()
t = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", t, flags=re.S)
print(html.unescape(re.sub(r"<[^>]+>", " ", t)))' >"$2"
}

# no_furniture NAME PDFTEXT: no phrase of NAME.furniture is in the text.
no_furniture() {
	_miss=
	while IFS= read -r _p; do
		[ -n "$_p" ] || continue
		if grep -qiF -- "$_p" "$2"; then
			_miss="$_miss [$_p]"
		fi
	done <"$H/$1.furniture"
	if [ -z "$_miss" ]; then
		ok "$1: no page furniture in the PDF"
	else
		not_ok "$1: no page furniture in the PDF" "found:$_miss"
	fi
}

# front KEY VALUE NAME: the written Markdown's front matter says so.
front() {
	if grep -qxF -- "$1: $2" "$T/$3.md"; then
		ok "$3: $1 is $2"
	else
		not_ok "$3: $1 is $2" "front matter:"
		sed -n '1,/^---$/p' "$T/$3.md" | sed 's/^/    | /' >&2
	fi
}

# page NAME STATUS: convert to PDF, EPUB and Markdown; text checks.
page() {
	bp "$H/$1.html" -o "$T/$1.pdf" -o "$T/$1.epub" -o "$T/$1.md"
	expect_rc "$2" "$1.html converts to PDF, EPUB and Markdown"
	pdftotext "$T/$1.pdf" "$T/$1.txt" 2>/dev/null
	check "$1: the article's words in order in the PDF" \
	    "$PY" "$E2E/words.py" "$H/$1.words.md" "$T/$1.pdf"
	epub_text "$T/$1.epub" "$T/$1.epub.txt"
	check "$1: the article's words in order in the EPUB" \
	    "$PY" "$E2E/words.py" "$H/$1.words.md" --text "$T/$1.epub.txt"
	no_furniture "$1" "$T/$1.txt"
	if grep -qiF "$(head -1 "$H/$1.furniture")" "$T/$1.epub.txt"; then
		not_ok "$1: no page furniture in the EPUB"
	else
		ok "$1: no page furniture in the EPUB"
	fi
}

page ministry 0
front title "Regjeringen styrker næringsklyngene" ministry
front subtitle "Regjeringen foreslår å øke bevilgningen til klyngeprogrammet med 50 millioner kroner i 2027." ministry
front date 2026-11-12 ministry
front lang nb ministry
front source https://www.regjeringen.no/no/aktuelt/klynger/id3001/ ministry
check "ministry: headings in the outline" "$PY" "$E2E/pdfq.py" outline-has \
    "$T/ministry.pdf" "Dette er klyngene" "Videre arbeid"
check "ministry: the image from ministry_files/ is in the PDF" \
    sh -c "test \$(pdfimages -list '$T/ministry.pdf' | wc -l) -ge 3"
check "ministry: a table with its header row (Markdown)" \
    grep -qF "| År | Millioner kroner |" "$T/ministry.md"
check "ministry: a nested list (Markdown)" \
    grep -qE "^  [-*] herav 5 innen havbruk" "$T/ministry.md"
check "ministry: links made absolute against the page's address" \
    grep -qF "(https://www.regjeringen.no/no/tema/klynger/id2000/)" "$T/ministry.md"
check "ministry: the EPUB has the image" \
    sh -c "unzip -l '$T/ministry.epub' | grep -q '\\.png'"

page newspaper 1
expect_err "newspaper.html:35: warning: image \"https://cdn.coastaltimes.example/img/harbour.jpg\" is remote" \
    "newspaper: a remote image is a placeholder with a warning at its line"
front title "Harbour towns bet on offshore wind" newspaper
front author "Jane Miller" newspaper
front date 2026-11-20 newspaper
front lang en-GB newspaper
check "newspaper: an ordered list keeps its start (Markdown)" \
    grep -qE "^3[.)] Dredge the northern basin" "$T/newspaper.md"
check "newspaper: a quote stays a quote (Markdown)" \
    grep -qE "^> This is the biggest" "$T/newspaper.md"

page plaindiv 0
front title "Rapport om havbruk 2026" plaindiv
front source https://www.fiskeridir.no/rapporter/havbruk-2026 plaindiv
check "plaindiv: links absolute against the address the browser saved it from" \
    grep -qF "(https://www.fiskeridir.no/rapporter/rapport.pdf)" "$T/plaindiv.md"
check "plaindiv: windows-1252 declared, converted (ø, «»)" \
    grep -qF "«Vi ser en bedring" "$T/plaindiv.txt"
bp "$H/plaindiv.html" -o "$T/p2.pdf" -v
expect_err "plaindiv.html:14: note: the article is the densest text" \
    "plaindiv: the note names the element taken as the article"

# lists.html: <ol type="a|i">, list-style-type in CSS, a table aligned
# by align= and text-align (header cell, or most of a column's cells).
bp "$H/lists.html" -o "$T/lists.pdf" -o "$T/lists.epub" -o "$T/lists.md"
expect_rc 0 "lists.html converts to PDF, EPUB and Markdown"
pdftotext -layout "$T/lists.pdf" "$T/lists.txt"
for m in "a\. Alfa" "c\. Gamma" "i\. Punkt en" "A\. Underpunkt A" \
    "B\. Underpunkt B" "viii\. Punkt åtte" "ix\. Punkt ni" \
    "III\. Tredje del" "IV\. Fjerde del" "1\. En" "2\. To"; do
	check "lists.html: the PDF's marker: $m" grep -qE "^ *$m\$" "$T/lists.txt"
done
check "lists.html: the EPUB's <ol>s: type=\"a\", \"i\", \"A\", start=3 type=\"I\"" sh -c "
    unzip -p '$T/lists.epub' '*.xhtml' | grep -E '^<ol' | tr '\n' ' ' |
    grep -qF '<ol type=\"a\"> <ol type=\"i\"> <ol type=\"A\"> <ol start=\"3\" type=\"I\"> <ol>'"
bp "$H/lists.html" --dump=model
check "lists.html: the model has the styles, decimal unmarked" sh -c "
    grep 'list ordered' '$T/bp.out' | sed 's/^ *//' | tr '\n' '|' | grep -qxF \
    'list ordered start=1 delim=. style=lower-alpha tight|list ordered start=1 delim=. style=lower-roman tight|list ordered start=1 delim=. style=upper-alpha tight|list ordered start=3 delim=. style=upper-roman tight|list ordered start=1 delim=. tight|'"
check "lists.html: the Markdown's delimiter row (header cell; most cells)" \
    grep -qxF "| --- | --: | :-: | --- |" "$T/lists.md"
if [ -n "${EPUBCHECK:-}" ] && have java; then
	# shellcheck disable=SC2086
	check "lists.html: the EPUB passes EPUBCheck" $EPUBCHECK -q "$T/lists.epub"
fi

# A saved page's pictures are files: the Markdown leads to them.
mkdir -p "$T/mdout/deeper"
bp "$H/ministry.html" -o "$T/mdout/deeper/m.md"
check "ministry: the Markdown elsewhere leads back to ministry_files/" \
    grep -qE '\]\((\.\./)+.*ministry_files/graf\.png' "$T/mdout/deeper/m.md"
bp --allow-outside "$T/mdout/deeper/m.md" -o "$T/mdout/m.pdf"
expect_rc 0 "ministry: that Markdown converts back (--allow-outside)"
expect_no_err "image" "ministry: no image missing when read back"

bp "$H/ministry.html" -o "$T/again.pdf" -o "$T/again.epub"
check "ministry: the same PDF twice (byte for byte)" cmp -s "$T/ministry.pdf" "$T/again.pdf"
check "ministry: the same EPUB twice (byte for byte)" cmp -s "$T/ministry.epub" "$T/again.epub"

# --- hostile pages --------------------------------------------------------

"$PY" -c '
import sys
sys.stdout.write("<html><body><h1>Deep</h1>" + "<div>" * 100000 + "text")
' >"$T/deep.html"
cpu_mark
bp "$T/deep.html" -o "$T/deep.pdf"
cpu_since
expect_rc 1 "a page nested 100,000 deep is refused"
expect_err "deep.html: error: the page nests elements more than 255 deep" \
    "the message names the file and the limit"
expect_no_file "$T/deep.pdf" "nothing is written for it alone"
if awk -v s="$CPU_SECS" 'BEGIN { exit !(s <= 10) }'; then
	ok "refused in bounded time ($CPU_SECS s CPU)"
else
	not_ok "refused in bounded time" "took $CPU_SECS s CPU"
fi

# windows-1252 without any charset: read as such, with a note.
printf '<html><body><article><h1>Bl\345b\346r</h1><p>\223Sm\345 \370kninger\224 i \346rekraft og b\370ker.</p></article></body></html>' \
    >"$T/cp1252.html"
bp "$T/cp1252.html" -o "$T/cp1252.pdf" -o "$T/cp1252.md" -v
expect_rc 0 "a windows-1252 page without a charset converts"
expect_err "cp1252.html:1: note: no charset declared and the text is not UTF-8: read as windows-1252" \
    "a note says how it was read"
check "its text is right: “Små økninger”" grep -qF "“Små økninger” i ærekraft og bøker." "$T/cp1252.md"
front title "Blåbær" cp1252

# Nothing but furniture: an error, not an empty article.
printf '<html><body><nav><a href="/">Home</a></nav><footer>(c) 2026</footer></body></html>' \
    >"$T/empty.html"
bp "$T/empty.html" -o "$T/empty.pdf"
expect_rc 1 "a page of furniture alone is rejected"
expect_err "empty.html: error: no article text found in the page" "the message says why"

# Script links and raw markup never become links or markup.
printf '<html><body><article><h1>T</h1><p>A <a href="javascript:alert(1)">click</a> and <a href="#top">top</a>, *stars* and &lt;b&gt;tags&lt;/b&gt; and [x](y).</p><script>alert(2)</script></article></body></html>' \
    >"$T/script.html"
bp "$T/script.html" -o "$T/script.epub" -o "$T/script.pdf"
expect_rc 0 "a page with script links converts"
check "no javascript: in the EPUB" sh -c "! unzip -p '$T/script.epub' | grep -q 'javascript\\|alert'"
pdftotext "$T/script.pdf" "$T/script.txt"
check "markup characters survive as text" \
    grep -qF 'A click and top, *stars* and <b>tags</b> and [x](y).' "$T/script.txt"

done_testing
