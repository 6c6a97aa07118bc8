#!/bin/sh
# Word documents (.docx) as articles (issue 16): the fixtures in
# tests/fixtures/docx/ (made by make.sh from kilde.md: pandoc's writer,
# LibreOffice's, and Word-isms added by hand) become clean articles in
# PDF, EPUB and Markdown with their metadata, the words in order
# (kilde.words.md, wordisms.words.md), headings in the outline; then
# hostile files (a zip bomb, a 500 MB document.xml, not a zip, nesting
# past libxml2's limit, no document.xml) give clear messages in bounded
# time.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_bp
require_tools pdftotext mutool unzip

D=$FIX/docx

epub_text() {
	unzip -p "$1" '*.xhtml' | "$PY" -c '
import html, re, sys
t = sys.stdin.read()
print(html.unescape(re.sub(r"<[^>]+>", " ", t)))' >"$2"
}

front() {
	if grep -qxF -- "$1: $2" "$T/$3.md"; then
		ok "$3: $1 is $2"
	else
		not_ok "$3: $1 is $2" "front matter:"
		sed -n '1,/^---$/p' "$T/$3.md" | sed 's/^/    | /' >&2
	fi
}

# doc NAME STATUS: convert; the common checks (kilde.md's text).
doc() {
	bp "$D/$1.docx" -o "$T/$1.pdf" -o "$T/$1.epub" -o "$T/$1.md"
	expect_rc "$2" "$1.docx converts to PDF, EPUB and Markdown"
	check "$1: the words in order in the PDF" \
	    "$PY" "$E2E/words.py" "$D/kilde.words.md" "$T/$1.pdf"
	epub_text "$T/$1.epub" "$T/$1.epub.txt"
	check "$1: the words in order in the EPUB" \
	    "$PY" "$E2E/words.py" "$D/kilde.words.md" --text "$T/$1.epub.txt"
	check "$1: headings in the outline" "$PY" "$E2E/pdfq.py" outline-has \
	    "$T/$1.pdf" "Bakgrunn" "Tiltak" "Tall" "Kode"
	front title "Havbruk i nord" "$1"
	front subtitle "Notat om vekst og miljø" "$1"
	front author "Kari Nordmann" "$1"
	front date 2026-11-18 "$1"
	front lang nb "$1"
	check "$1: the picture is in the PDF" \
	    sh -c "test \$(pdfimages -list '$T/$1.pdf' | wc -l) -ge 3"
	check "$1: a numbered list with a nested bullet list" \
	    grep -qE "^   [-*] månedlige tellinger" "$T/$1.md"
	check "$1: numbering goes on after a paragraph (5.)" \
	    grep -qE "^5[.)] Evaluering i 2028" "$T/$1.md"
	check "$1: a table, its header row first" \
	    grep -qE "^\| (\*\*)?Fylke" "$T/$1.md"
	check "$1: the footnote" grep -qF "Kilde: Fiskeridirektoratet, foreløpige" "$T/$1.md"
	check "$1: the link" grep -qF "(https://www.fiskeridir.no/statistikk)" "$T/$1.md"
	check "$1: a code block" grep -qxF "print(laks)" "$T/$1.md"
	check "$1: a quote" grep -qxF "> Vi ser en bedring, men nivået er fortsatt for høyt." "$T/$1.md"
	check "$1: bold, italic, strike, code" grep -qF \
	    "økte med **fire prosent** i 2026, og *særlig* i Nordland. Tallene for ~~2024~~ 2025" "$T/$1.md"
	check "$1: no page furniture of pandoc's (Author/Date paragraphs)" \
	    sh -c "! grep -qx 'Kari Nordmann' '$T/$1.md'"
}

doc pandoc 0
doc libreoffice 0
doc wordisms 1
check "wordisms: its own words in order in the PDF" \
    "$PY" "$E2E/words.py" "$D/wordisms.words.md" "$T/wordisms.pdf"
expect_err "wordisms.docx:53: warning: image \"word/media/image990.emf\" is a Windows metafile" \
    "wordisms: an EMF picture is a placeholder with a warning at its paragraph"
bp "$D/wordisms.docx" -o "$T/wordisms-v.pdf" -v
expect_err "wordisms.docx: note: 1 comment dropped" "wordisms: a note on the comment"
expect_err "wordisms.docx: note: 2 merged table cells shown as empty cells" \
    "wordisms: a note on merged cells"
check "wordisms: a heading through a style based on Overskrift1" \
    grep -qxF "# Endringer og merknader" "$T/wordisms.md"
check "wordisms: tracked changes: inserted text in, deleted text out" \
    grep -qxF "Teksten er godkjent av utvalget. Uendret." "$T/wordisms.md"
check "wordisms: w:numPr on a style makes list items" \
    grep -qE "^[-*] Første punkt fra stilen" "$T/wordisms.md"
check "wordisms: a HYPERLINK field is a link" \
    grep -qF "[regjeringen.no](https://www.regjeringen.no/)" "$T/wordisms.md"
check "wordisms: merged cells become empty cells" \
    grep -qF "| Sammenslått over to |  | aktiv |" "$T/wordisms.md"

bp "$D/wordisms.docx" -o "$T/again.pdf" -o "$T/again.epub"
check "wordisms: the same PDF twice (byte for byte)" cmp -s "$T/wordisms.pdf" "$T/again.pdf"
check "wordisms: the same EPUB twice (byte for byte)" cmp -s "$T/wordisms.epub" "$T/again.epub"

# --- what Markdown cannot say: list styles, column alignment, pictures -----

# lists.docx (lists.py): lists numbered a. b., i. ii. (nine items: viii.
# fits its column), A) B) nested (w:lvlText "%2)"), I. II.; a table
# aligned right and centred; a picture held only inside the .docx.
mkdir -p "$T/lists"
bp "$D/lists.docx" -o "$T/lists/l.pdf" -o "$T/lists/l.epub" -o "$T/lists/l.md"
expect_rc 0 "lists.docx converts to PDF, EPUB and Markdown"
pdftotext -layout "$T/lists/l.pdf" "$T/lists/l.txt"
for m in "a\. Alfa" "b\. Beta" "c\. Gamma" "i\. Punkt en" "ii\. Punkt to" \
    "A[)] Underpunkt A" "B[)] Underpunkt B" "iv\. Punkt fire" \
    "viii\. Punkt åtte" "ix\. Punkt ni" "I\. Første del" "II\. Andre del"; do
	check "lists: the PDF's marker: $m" grep -qE "^ *$m\$" "$T/lists/l.txt"
done
check_not "lists: no digits for the lettered list" grep -qE "^ *1\. Alfa" "$T/lists/l.txt"
check "lists: the EPUB's lists: type=\"a\", \"i\", \"A\", \"I\"" sh -c "
    unzip -p '$T/lists/l.epub' '*.xhtml' |
    grep -cE '<ol( class=\"paren\")? type=\"[aiAI]\">' | grep -qx 4"
check "lists: the EPUB's \"A)\" list keeps its parenthesis (class and CSS)" sh -c "
    unzip -p '$T/lists/l.epub' '*.xhtml' | grep -qF '<ol class=\"paren\" type=\"A\">' &&
    unzip -p '$T/lists/l.epub' '*.css' |
    grep -qF 'ol.paren[type=\"A\"] > li::marker { content: counter(list-item, upper-alpha) \") \"; }'"
bp "$D/lists.docx" --dump=model
check "lists: the model has the styles" sh -c "
    grep -c 'list ordered start=1 delim=. style=lower-alpha' '$T/bp.out' &&
    grep -q 'style=lower-roman' '$T/bp.out' && grep -q 'style=upper-alpha' '$T/bp.out' &&
    grep -q 'style=upper-roman' '$T/bp.out'"
check "lists: the model's table columns: right (Tonn), centre (Endring)" sh -c "
    grep -A6 'row header' '$T/bp.out' | tr -d ' ' | tr '\n' ' ' |
    grep -qF 'cellalign=none text\"Fylke\" cellalign=right text\"Tonn\" cellalign=center'"
check "lists: the Markdown's delimiter row" grep -qxF "| --- | --: | :-: |" "$T/lists/l.md"
check "lists: the Markdown writes digits (CommonMark has no letters)" \
    grep -qxF "1. Alfa" "$T/lists/l.md"
check "lists: Word's \"%2)\" keeps its parenthesis (Markdown)" \
    grep -qxF "   1) Underpunkt A" "$T/lists/l.md"
if [ -n "${EPUBCHECK:-}" ] && have java; then
	# shellcheck disable=SC2086
	check "lists: the EPUB passes EPUBCheck" $EPUBCHECK -q "$T/lists/l.epub"
fi

# The picture inside the .docx becomes a file beside the Markdown.
check "lists: the picture's file is written beside the Markdown" \
    cmp -s "$T/lists/l_files/image1.png" "$D/figur.png"
check "lists: the Markdown points to it" \
    grep -qxF "![Kart over anleggene](l_files/image1.png)" "$T/lists/l.md"
check_not "lists: no address inside the .docx" grep -q "lists.docx" "$T/lists/l.md"
bp "$T/lists/l.md" -o "$T/lists/again.pdf"
expect_rc 0 "lists: the Markdown converts back"
expect_no_err "image" "lists: no image missing when read back"
check "lists: the picture is in that PDF" \
    sh -c "test \$(pdfimages -list '$T/lists/again.pdf' | wc -l) -ge 3"
bp "$D/lists.docx" -o "$T/lists/l.md"
expect_rc 0 "lists: written again over the same pictures"
check "lists: the same bytes are left as they are (no second file)" \
    sh -c "test \$(ls '$T/lists/l_files' | wc -l) -eq 1"
printf 'not the picture\n' >"$T/lists/l_files/image1.png"
bp "$D/lists.docx" -o "$T/lists/l.md" -v
expect_rc 0 "lists: written again beside another file of that name"
check "lists: the other file is kept" grep -qx "not the picture" "$T/lists/l_files/image1.png"
check "lists: the picture takes a new name" \
    cmp -s "$T/lists/l_files/image1-2.png" "$D/figur.png"
check "lists: the Markdown points to the new name" \
    grep -qF "(l_files/image1-2.png)" "$T/lists/l.md"
expect_err "l_files/image1.png: note: holds another picture" "lists: a note says so"
# A file where the pictures' folder goes: a write error, nothing written.
mkdir "$T/lists/ro"
: >"$T/lists/ro/r_files"
bp "$D/lists.docx" -o "$T/lists/ro/r.md"
expect_rc 2 "lists: a picture that cannot be written is a write error"
expect_err "r_files: error: cannot make the folder for the pictures" \
    "lists: the message names the folder"
expect_no_file "$T/lists/ro/r.md" "lists: and no Markdown is written"

# --- a pack of a saved page and a Word file ----------------------------------

mkdir "$T/mappe"
cp -r "$FIX/html/ministry.html" "$FIX/html/ministry_files" "$D/pandoc.docx" "$T/mappe/"
bp "$T/mappe" -o "$T/pack.pdf" -o "$T/pack.epub" -v
expect_rc 0 "a folder of a saved page and a Word file makes a pack"
expect_err "ministry_files: note: skipped: a folder inside a folder" \
    "the saved page's _files folder is skipped with a note"
check "the pack's outline holds both articles and their headings" \
    "$PY" "$E2E/pdfq.py" outline-has "$T/pack.pdf" "Havbruk i nord" \
    "Regjeringen styrker næringsklyngene" "Dette er klyngene" "Tiltak"
bp --each "$T/mappe" -f pdf,epub
expect_rc 0 "--each over the folder"
expect_file "$T/mappe/ministry.pdf" "--each: ministry.html -> ministry.pdf"
expect_file "$T/mappe/pandoc.epub" "--each: pandoc.docx -> pandoc.epub"
case ${EPUBCHECK:-} in
*java*) have java || EPUBCHECK= ;;
esac
if [ -n "${EPUBCHECK:-}" ]; then
	# shellcheck disable=SC2086
	check "the pack's EPUB passes EPUBCheck" $EPUBCHECK -q "$T/pack.epub"
else
	skip "EPUBCheck (java is not installed)"
fi

# --- hostile files ----------------------------------------------------------

# limit ARGS...: bp under a time limit (10 s of CPU time: see cpu_mark
# in lib.sh).
limit() {
	cpu_mark
	bp "$@"
	cpu_since
	if awk -v s="$CPU_SECS" 'BEGIN { exit !(s <= 10) }'; then
		ok "bounded time ($CPU_SECS s CPU): $LAST_CMD"
	else
		not_ok "bounded time: $LAST_CMD" "took $CPU_SECS s CPU"
	fi
}

# A document.xml of 500 MB (deflated to about 0.5 MB): refused before it
# is inflated, by its size and by its ratio.
"$PY" - "$T/big.docx" "$D/pandoc.docx" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[2])
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in src.namelist():
        if n == "word/document.xml":
            continue
        z.writestr(n, src.read(n))
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
        chunk = b"<w:p><w:r><w:t>aaaaaaaa</w:t></w:r></w:p>" * 25000
        for _ in range(500):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
PY
limit "$T/big.docx" -o "$T/big.pdf"
expect_rc 1 "a 500 MB document.xml is refused"
expect_err "big.docx: error: word/document.xml inflates to [0-9]+ bytes" \
    "the message names the part and its size"
expect_no_file "$T/big.pdf" "nothing is written"

# A zip bomb under the size cap: 30 MB of one byte, deflated 1000 times.
"$PY" - "$T/bomb.docx" "$D/pandoc.docx" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[2])
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in src.namelist():
        z.writestr(n, src.read(n) if n != "word/styles.xml" else b" " * (30 << 20))
PY
limit "$T/bomb.docx" -o "$T/bomb.pdf"
expect_rc 1 "a zip bomb is refused"
expect_err "bomb.docx: error: word/styles.xml inflates to 31457280 bytes .*zip bomb" \
    "the message says why"

# Not a zip, and a zip without a document.
printf 'This is not a Word document.\n' >"$T/text.docx"
bp "$T/text.docx" -o "$T/text.pdf"
expect_rc 1 "a text file named .docx is rejected"
expect_err "text.docx: error: not a Word document \(.docx is a zip file\): Not a zip archive" \
    "the message says it is not a zip"
"$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("a.txt", "x")' "$T/empty.docx"
bp "$T/empty.docx" -o "$T/empty.pdf"
expect_rc 1 "a zip without word/document.xml is rejected"
expect_err "empty.docx: error: not a Word document: word/document.xml is missing" \
    "the message names the missing part"

# Elements nested 100,000 deep: libxml2 stops at 256.
"$PY" - "$T/deep.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", '<w:document xmlns:w="x"><w:body>' +
               "<w:sdt>" * 100000 + "<w:p><w:r><w:t>x</w:t></w:r></w:p>")
PY
limit "$T/deep.docx" -o "$T/deep.pdf"
expect_rc 1 "a document nested 100,000 deep is refused"
expect_err "deep.docx: error: word/document.xml is not well-formed XML: Excessive depth" \
    "the message names the part and the depth"

# An entity bomb (billion laughs) is not expanded.
"$PY" - "$T/laughs.docx" <<'PY'
import sys, zipfile
ents = '<!ENTITY a0 "ha">' + "".join('<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">' % ((i,) + (i - 1,) * 10) for i in range(1, 10))
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE w:document [' + ents +
               ']><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Laughs &a9;</w:t></w:r></w:p></w:body></w:document>')
PY
limit "$T/laughs.docx" -o "$T/laughs.md"
expect_rc_in "0 1" "an entity bomb is neither expanded nor a hang"

done_testing
