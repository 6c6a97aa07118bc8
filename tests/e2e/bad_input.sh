#!/bin/sh
# Bad input: each rejected article gives exit 1, a GCC-style message with
# the right line, no output file, an earlier output left as it was and no
# temporary file; a missing image gives a placeholder; raw HTML is shown as
# text and never becomes markup or script; one bad article in a pack spoils
# nothing else; an unusable manifest is a usage error (exit 2).
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo pdftotext qpdf mutool python3
require_bp

Q="$PY $E2E/pdfq.py"
B=$FIX/bad
G=$T/fx                      # fixtures made here: binary ones
mkdir -p "$G"

# re_path PATH: PATH as a grep -E pattern matching itself.
re_path() {
	printf '%s' "$1" | sed 's/[].[\*^$()+?{}|]/\\&/g'
}

# bytes FILE PYTHON-BYTES-LITERAL: write exact bytes.
bytes() {
	"$PY" -c 'import sys; open(sys.argv[1], "wb").write(eval(sys.argv[2]))' "$1" "$2"
}

bytes "$G/utf8_body.md" "b'# Ugyldig tegn\n\nF\xc3\xb8rste linje er i orden.\nHer kommer et Latin-1-tegn: bl\xe5b\xe6r.\n'"
bytes "$G/utf8_front.md" "b'---\nlang: nb\ntitle: Caf\xe9 Oslo\n---\n\nBr\xc3\xb8dtekst.\n'"
bytes "$G/nul.md" "b'# Nullbyte\n\nab\x00cd\n'"
make_png "$G/bilde.png" 8 8
cp "$G/bilde.png" "$G/png_as_md.md"

# fail_case NAME FILE MESSAGE-REGEX: a rejected single article. The regex
# follows "FILE:" at the start of a stderr line.
fail_case() {
	_n=$1
	_f=$2
	_re="^$(re_path "$_f"):$3"
	_d=$T/case-$_n
	mkdir -p "$_d"
	bp "$_f" -o "$_d/out.pdf"
	expect_rc 1 "$_n: rejected"
	expect_err "$_re" "$_n: message names the file and line ($3)"
	expect_no_file "$_d/out.pdf" "$_n: no output file"
	expect_listing "$_d" "$_n: no temporary file left"
	printf 'an earlier output\n' >"$_d/out.pdf"
	cp "$_d/out.pdf" "$T/earlier"
	bp "$_f" -o "$_d/out.pdf"
	expect_rc 1 "$_n: rejected with an earlier output present"
	expect_same "$_d/out.pdf" "$T/earlier" "$_n: the earlier output is left untouched"
	expect_listing "$_d" "$_n: still no temporary file left" out.pdf
}

fail_case "invalid UTF-8 in the body" "$G/utf8_body.md" '4:31: error: invalid UTF-8'
fail_case "invalid UTF-8 in front matter" "$G/utf8_front.md" '3:11: error: invalid UTF-8'
fail_case "NUL byte" "$G/nul.md" '3:(3:)? error: .*[Nn][Uu][Ll]'
fail_case "PNG renamed .md" "$G/png_as_md.md" '1:(1:)? error: (invalid UTF-8|.*[Nn][Uu][Ll])'
fail_case "YAML syntax error" "$B/yaml_syntax.md" '3:[0-9]+: error: YAML'
fail_case "unclosed front matter" "$B/unclosed_front.md" '1:([0-9]+:)? error: '
fail_case "author as a mapping" "$B/author_mapping.md" '3:([0-9]+:)? error: front matter key "author" must be'
fail_case "keywords as a mapping" "$B/keywords_mapping.md" '5:([0-9]+:)? error: front matter key "keywords" must be'
fail_case "date: tomorrow" "$B/date_word.md" '3:([0-9]+:)? error: .*"date"'
fail_case "lang: \"!!\"" "$B/lang_bang.md" '2:([0-9]+:)? error: .*"lang"'
fail_case "article that does not exist" "$G/finnes-ikke.md" '([0-9]+:)*( )?error: '

# --- legal but odd input ---------------------------------------------------

: >"$G/empty.md"
bp "$G/empty.md" -o "$T/empty.pdf"
expect_rc 0 "an empty article is legal"
if [ "$(pdf_info "$T/empty.pdf" Title)" = empty ]; then
	ok "an empty article is titled after its file name"
else
	not_ok "an empty article is titled after its file name" \
	    "Title: $(pdf_info "$T/empty.pdf" Title)"
fi

bytes "$G/bom.md" "b'\xef\xbb\xbf# Med byte order mark\n\nTekst etter BOM.\n'"
bp "$G/bom.md" -o "$T/bom.pdf"
expect_rc 0 "a UTF-8 byte order mark is allowed"
if [ "$(pdf_info "$T/bom.pdf" Title)" = "Med byte order mark" ]; then
	ok "with a byte order mark the first heading is still the title"
else
	not_ok "with a byte order mark the first heading is still the title" \
	    "Title: $(pdf_info "$T/bom.pdf" Title)"
fi

bytes "$G/crlf.md" "b'---\r\ntitle: Windows-linjeslutt\r\nlang: nb\r\n---\r\n\r\nTekst med CRLF.\r\n'"
bp "$G/crlf.md" -o "$T/crlf.pdf"
expect_rc 0 "CRLF line ends, front matter included"
if [ "$(pdf_info "$T/crlf.pdf" Title)" = "Windows-linjeslutt" ]; then
	ok "CRLF line ends: the front matter title is read"
else
	not_ok "CRLF line ends: the front matter title is read" \
	    "Title: $(pdf_info "$T/crlf.pdf" Title)"
fi

# Deep nesting is flattened with a warning, never a crash or a hang.
"$PY" -c 'print("> " * 5000 + "dyp tekst"); print(); print("- " * 3000 + "dyp liste")' >"$G/deep.md"
bp "$G/deep.md" -o "$T/deep.pdf"
expect_rc_in "0 1" "5000 nested quotes and 3000 nested list items"
expect_file "$T/deep.pdf" "deep nesting: a PDF is written"

# --- a missing image: placeholder, exit 1, output written ------------------

mkdir -p "$T/img"
printf 'an earlier output\n' >"$T/img/out.pdf"
bp "$B/missing_image.md" -o "$T/img/out.pdf"
expect_rc 1 "missing image"
expect_err "^$(re_path "$B/missing_image.md"):8:[0-9]+: warning: image \"finnes-ikke\\.png\"" \
    "missing image: warning names the file, line 8 and the image"
if is_pdf "$T/img/out.pdf"; then
	ok "missing image: the PDF is written over the earlier output"
else
	not_ok "missing image: the PDF is written over the earlier output"
fi
check "missing image: qpdf --check finds no error" qpdf_clean "$T/img/out.pdf"
check "missing image: the placeholder names the image" pdf_has "$T/img/out.pdf" "finnes-ikke.png"
check "missing image: the placeholder says the image is not available" \
    pdf_has "$T/img/out.pdf" "Bildet er ikke tilgjengelig"
check "missing image: the text around it is kept" words_in_order "$B/missing_image.md" "$T/img/out.pdf"
expect_listing "$T/img" "missing image: no temporary file left" out.pdf

printf '# Ødelagt bilde\n\n![Ødelagt](ødelagt.png)\n\nTekst etter.\n' >"$G/broken_image.md"
printf 'not a PNG at all\n' >"$G/ødelagt.png"
bp "$G/broken_image.md" -o "$T/broken_image.pdf"
expect_rc 1 "an image file that is not an image"
expect_err "^$(re_path "$G/broken_image.md"):3:[0-9]+: warning: image \"ødelagt\\.png\"" \
    "broken image: warning names the file, line 3 and the image"
check "broken image: a PDF with a placeholder is written" is_pdf "$T/broken_image.pdf"

# A PNG header with garbage after it: the decoder must fail cleanly.
bytes "$G/trunc.png" "open('$G/bilde.png','rb').read()[:40] + b'garbage' * 10"
printf '# Avkuttet bilde\n\n![Avkuttet](trunc.png)\n\nTekst etter avkuttet.\n' >"$G/trunc_image.md"
bp "$G/trunc_image.md" -o "$T/trunc.pdf"
expect_rc 1 "a truncated PNG"
expect_err 'trunc_image\.md:3:[0-9]+: warning: .*trunc\.png' "truncated PNG: a warning at line 3"
check "truncated PNG: a PDF is written" is_pdf "$T/trunc.pdf"

# --- raw HTML: literal text, never markup or script ------------------------

bp "$B/raw_html.md" -o "$T/html.pdf"
expect_rc_in "0 1" "raw HTML"
expect_err "^$(re_path "$B/raw_html.md"):8:([0-9]+:)? warning: " "raw HTML: a warning at its first line (8)"
check "raw HTML: <script>alert(1)</script> is shown as text" \
    pdf_has_nows "$T/html.pdf" '<script>alert(1)</script>'
check "raw HTML: the javascript: link is shown as text" \
    pdf_has_nows "$T/html.pdf" 'href="javascript:alert(1)">x</a>'
check "raw HTML: the onerror attribute is shown as text" \
    pdf_has_nows "$T/html.pdf" 'onerror="alert(2)"'
if qpdf --qdf --object-streams=disable "$T/html.pdf" "$T/html.qdf" >/dev/null 2>&1 ||
    [ -s "$T/html.qdf" ]; then
	# The shown text may sit in content streams as literal strings
	# ("(href=\"javascript:...\") Tj"); anywhere else it is a leak.
	grep -ain 'javascript' "$T/html.qdf" | grep -Ev 'T[Jj][[:space:]]*$' >"$T/js.txt"
	if [ -s "$T/js.txt" ]; then
		not_ok "raw HTML: \"javascript\" only as shown text in the PDF (qpdf --qdf)" \
		    "$(head -5 "$T/js.txt")"
	else
		ok "raw HTML: \"javascript\" only as shown text in the PDF (qpdf --qdf)"
	fi
	if grep -aEq '/(JS|AA|OpenAction|Launch|SubmitForm|ImportData)[^A-Za-z]' "$T/html.qdf"; then
		not_ok "raw HTML: no /JS, /AA, /OpenAction or /Launch in the PDF" \
		    "$(grep -aEn '/(JS|AA|OpenAction|Launch|SubmitForm|ImportData)[^A-Za-z]' "$T/html.qdf" | head -5)"
	else
		ok "raw HTML: no /JS, /AA, /OpenAction or /Launch in the PDF"
	fi
	if grep -aq '/URI' "$T/html.qdf"; then
		not_ok "raw HTML: the <a href> made no link annotation" \
		    "$(grep -a '/URI' "$T/html.qdf" | head -5)"
	else
		ok "raw HTML: the <a href> made no link annotation"
	fi
else
	not_ok "raw HTML: qpdf can rewrite the PDF for inspection"
fi
mutool show "$T/html.pdf" trailer/Root >"$T/root.txt" 2>&1
mutool show "$T/html.pdf" trailer/Root/Names >>"$T/root.txt" 2>&1
if grep -Eq '/(OpenAction|AA|JavaScript|EmbeddedFiles|URLS|AP)[^A-Za-z]' "$T/root.txt"; then
	not_ok "raw HTML: the catalog and its name dictionary hold no /OpenAction, /AA, scripts or files" "$(cat "$T/root.txt")"
else
	ok "raw HTML: the catalog and its name dictionary hold no /OpenAction, /AA, scripts or files"
fi

# --- a pack with one bad article between two good ones ----------------------

P=$T/pack
mkdir -p "$P"
printf -- '---\ntitle: God artikkel en\nlang: nb\n---\n\nForste gode artikkel om laksepris.\n' >"$P/a-god.md"
bytes "$P/defekt-notat.md" "b'# Defekt\n\nUgyldig \xff byte.\n'"
printf -- '---\ntitle: God artikkel to\nlang: nb\n---\n\nAndre gode artikkel om torskekvote.\n' >"$P/c-god.md"
printf 'title: Pakke med en defekt artikkel\ndate: 2026-11-27\nlang: nb\narticles:\n  - a-god.md\n  - defekt-notat.md\n  - c-god.md\n' >"$P/pakke.yaml"
bp "$P/pakke.yaml"
expect_rc 1 "pack with one bad article"
expect_err 'defekt-notat\.md:3:9: error: invalid UTF-8' "pack: the bad article's message names it, line 3, column 9"
if is_pdf "$P/pakke.pdf"; then
	ok "pack: the PDF is still written"
	check "pack: the first good article is whole" words_in_order "$P/a-god.md" "$P/pakke.pdf"
	check "pack: the second good article is whole" words_in_order "$P/c-god.md" "$P/pakke.pdf"
	pa=$(pdf_find "$P/pakke.pdf" "Forste gode artikkel om laksepris" | cut -d' ' -f1)
	pc=$(pdf_find "$P/pakke.pdf" "Andre gode artikkel om torskekvote" | cut -d' ' -f1)
	# The contents page may name it too: take the first page after a-god.
	pb=$(pdf_find "$P/pakke.pdf" "defekt-notat" $((${pa:-0} + 1)) | cut -d' ' -f1)
	if [ -n "$pb" ]; then
		ok "pack: a page names the failed article (page $pb)"
	else
		not_ok "pack: a page names the failed article"
	fi
	if [ -n "$pa" ] && [ -n "$pb" ] && [ -n "$pc" ] && [ "$pa" -lt "$pb" ] && [ "$pb" -lt "$pc" ]; then
		ok "pack: the failed article's page stands in its place"
	else
		not_ok "pack: the failed article's page stands in its place" "pages: a=$pa bad=$pb c=$pc"
	fi
	check "pack: the failed article's page says it could not be included" \
	    pdf_has "$P/pakke.pdf" "Denne artikkelen kunne ikke tas med"
	check "pack: qpdf --check finds no error" qpdf_clean "$P/pakke.pdf"
else
	not_ok "pack: the PDF is still written"
fi
expect_listing "$P" "pack: no temporary file left" \
    a-god.md c-god.md defekt-notat.md pakke.yaml pakke.pdf pakke.epub

# --- unusable manifests: exit 2, nothing written -----------------------------

# manifest_case NAME CONTENT REGEX: exit 2, message, no output, no temp.
manifest_case() {
	_d=$T/man-$(echo "$1" | tr -c 'a-z0-9\n' '-')
	mkdir -p "$_d"
	cp "$FIX/good/breaks.md" "$_d/"
	printf '%s' "$2" >"$_d/m.yaml"
	bp "$_d/m.yaml"
	expect_rc 2 "$1"
	expect_err "$3" "$1: message names the manifest ($3)"
	expect_listing "$_d" "$1: no output and no temporary file" breaks.md m.yaml
	printf 'an earlier output\n' >"$_d/m.pdf"
	cp "$_d/m.pdf" "$T/earlier"
	bp "$_d/m.yaml"
	expect_same "$_d/m.pdf" "$T/earlier" "$1: an earlier output is left untouched"
}
manifest_case "manifest with a YAML error" \
    "$(printf 'title: Feil\narticles:\n  - breaks.md\n  key: verdi\n')" 'm\.yaml:4(:[0-9]+)?: error: '
manifest_case "manifest whose articles is not a list" \
    "$(printf 'title: Feil\narticles: 5\n')" 'm\.yaml:2(:[0-9]+)?: error: '
manifest_case "manifest that is a list" \
    "$(printf -- '- breaks.md\n')" 'm\.yaml(:[0-9]+)*: error: '
manifest_case "manifest with invalid UTF-8" \
    "$(printf 'title: Caf\351\narticles:\n  - breaks.md\n')" 'm\.yaml:1(:[0-9]+)?: error: '

bp "$T/ingen-slik.yaml" -o "$T/ingen.pdf"
expect_rc 2 "a manifest that does not exist"
expect_no_file "$T/ingen.pdf" "a manifest that does not exist: no output"

done_testing
