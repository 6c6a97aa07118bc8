#!/bin/sh
# Pasted web pages (.txt articles, issue 15 part 1): each paste under
# tests/fixtures/paste/ becomes a PDF with the page's title, in its
# language (footer words, /Lang), its headings in the outline, speech
# paragraphs set with an en dash, no page furniture, and every word of
# the article (the lines named below, menus aside) in order. Then .txt in
# folders, manifests and --each; notes naming lines with -v; hostile
# pastes (empty, only furniture, NUL, CRLF, long lines, 10 MB).
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdftotext pdfinfo mutool python3
require_bp

P=$FIX/paste

# paste NAME LANG TITLE BODY_LINES HEADINGS SPEECH FURNITURE
#   BODY_LINES: sed line ranges of the article's own words ("4,$p");
#   HEADINGS: '|'-separated outline entries; SPEECH: exact text that
#   opens a speech paragraph ("" for none); FURNITURE: '|'-separated
#   phrases that must not be in the PDF.
paste() {
	_n=$1 _lang=$2 _title=$3 _lines=$4 _heads=$5 _speech=$6 _furn=$7
	_pdf=$T/$_n.pdf
	bp -v "$P/$_n.txt" -o "$_pdf"
	expect_rc 0 "$_n: written"
	is_pdf "$_pdf" || return 0
	check "$_n: title \"$_title\"" info_has "$_pdf" Title "$_title"
	_l=$(mutool show "$_pdf" trailer/Root/Lang 2>/dev/null)
	case $_l in
	"($_lang)") ok "$_n: language $_lang" ;;
	*) not_ok "$_n: language $_lang" "/Lang is $_l" ;;
	esac
	set_lang_words "$_lang"
	case $_lang in sv*) W_PAGE=Sida ;; esac
	_pages=$(pdf_pages "$_pdf")
	if pdf_text "$_pdf" | grep -q "^$W_PAGE [0-9]* $W_OF $_pages\$"; then
		ok "$_n: footer \"$W_PAGE N $W_OF $_pages\""
	else
		not_ok "$_n: footer \"$W_PAGE N $W_OF $_pages\""
	fi
	_old=$IFS
	IFS='|'
	# shellcheck disable=SC2086
	check "$_n: headings in the outline" \
	    "$PY" "$E2E/pdfq.py" outline-has "$_pdf" $_heads
	for _f in $_furn; do
		check "$_n: no \"$_f\"" pdf_lacks "$_pdf" "$_f"
	done
	IFS=$_old
	if [ -n "$_speech" ]; then
		check "$_n: speech \"$_speech\"" pdf_has_exact "$_pdf" "$_speech"
	fi
	check "$_n: notes name lines (-v)" \
	    grep -Eq "^$P/$_n.txt:[0-9]+: note: lines? [0-9]" "$T/bp.err"
	sed -n "$_lines" "$P/$_n.txt" >"$T/$_n.body.md"
	check "$_n: every word of the article, in order" \
	    words_in_order "$T/$_n.body.md" "$_pdf"
}

paste naeringsklynger nb "Giske vil videreutvikle næringsklyngene" '4,$p' \
    "Mangfold i norsk næringsliv|Helhetlig satsing på næringsklynger" \
    "– Dersom Regjeringen ønsker" "Hopp til innhold|Logg inn"
check "seed: the other speech paragraphs too" \
    pdf_has_exact "$T/naeringsklynger.pdf" "– For å få til det"
check "seed: no hyphen-minus speech left" \
    sh -c "! pdftotext -enc UTF-8 '$T/naeringsklynger.pdf' - | grep -q '^- '"
check "seed: 'Les hele saken' kept as text" \
    pdf_has "$T/naeringsklynger.pdf" "Les hele saken om utspillet"
check "seed: note for the navigation" \
    grep -q 'naeringsklynger.txt:1: note: lines 1-3: site navigation dropped' \
    "$T/bp.err"
check "seed: note for the heading" \
    grep -q 'naeringsklynger.txt:16: note: line 16: heading' "$T/bp.err"
check "seed: note for a speech paragraph" \
    grep -q 'naeringsklynger.txt:10: note: line 10: speech paragraph' \
    "$T/bp.err"

paste govuk-libraries en "New funding to restock school libraries in England" \
    '21,24p;26p;28,51p' "What schools can apply for|Background" "" \
    "Accept additional cookies|Skip to main content|essential cookies|Is this page useful|Crown copyright|Share this page|Search GOV.UK|Open Government Licence"
check "govuk: the byline from \"From:\"" \
    info_has "$T/govuk-libraries.pdf" Author "Department for Education"
check "govuk: the date from \"Published\"" \
    pdf_has "$T/govuk-libraries.pdf" "12 November 2026"
check "govuk: a real list" \
    pdf_has_exact "$T/govuk-libraries.pdf" "• shelving and seating"

paste nynorsk-pressemelding nn "Nye pengar til havbruksforsking på Vestlandet" \
    '15,16p;18,33p' "Samarbeid med næringa" "– Vi treng kunnskap" \
    "Hopp til hovudinnhald|Del på Facebook|Fann du det du leitte etter|Ansvarleg redaktør|Om regjeringa"
check "nynorsk: organisation from the date line" \
    info_has "$T/nynorsk-pressemelding.pdf" Author \
    "Nærings- og fiskeridepartementet"
check "nynorsk: date 20.11.2026" \
    pdf_has "$T/nynorsk-pressemelding.pdf" "20. november 2026"

paste wrapped-vedlikehold nb "Vegvesenet vil bruke mer på vedlikehold" \
    '8p;12,35p' "Bruer først" "– En stengt bru på en fjellovergang" \
    "Hopp til hovedinnhold|Skriv ut|Var denne siden nyttig|Statens vegvesen Ja"
check "wrapped: lines joined (no line ends at the paste's breaks)" \
    pdf_has_exact "$T/wrapped-vedlikehold.pdf" "vil ramme næringstransporten"
check "wrapped: note about the wrapping" \
    grep -q 'note: hard-wrapped text (lines of at most 72' "$T/bp.err"

paste list-heading nb "Strømstøtte til husholdninger blir forlenget" \
    '9p;13,32p' "Bakgrunn" "" \
    "Gå til hovedinnhold|Kopier lenke|Personvernerklæring|Relaterte saker|Ny nettleie fra sommeren"
check "list: unmarked short lines became a list" \
    pdf_has_exact "$T/list-heading.pdf" "• Grensen settes ned"
check "list: bulleted lines stay a list" \
    pdf_has_exact "$T/list-heading.pdf" "• Du trenger ikke å gjøre noe selv"
check "list: byline and date" \
    pdf_has_exact "$T/list-heading.pdf" "Av Kari Nordmann · 14. februar 2027"

paste nyhet-byline nb "Strømprisen stiger kraftig i Sør-Norge" \
    '10,14p;17,24p' "Kulda varer" "– Det er kaldt, og det blåser lite" \
    "Kopier lenke|Slik får du strømstøtte|Ansvarlig redaktør|Del artikkelen|Distrikt"
check "byline page: the date from among the short lines" \
    pdf_has "$T/nyhet-byline.pdf" "12. januar 2027"

paste svenska-pressmeddelande sv "Regeringen satsar på nya järnvägar" \
    '7p;9,13p' "Bakgrund" "– Det här är den största satsningen" \
    "Hoppa till innehållet|Dela på Facebook|Var sidan till hjälp|Kontakta oss"

# --- where an article may stand ----------------------------------------------

mkdir -p "$T/folder"
cp "$P/naeringsklynger.txt" "$P/list-heading.txt" "$T/folder/"
printf '# Notat\n\nEn kort tekst.\n' >"$T/folder/notat.md"
bp "$T/folder" -o "$T/folder.pdf"
expect_rc 0 "folder: .txt and .md articles together"
check "folder: three articles" pdf_has "$T/folder.pdf" "3 artikler"

cat >"$T/pack.yaml" <<EOF
title: Pakke
lang: nb
articles:
  - folder/naeringsklynger.txt
  - folder/notat.md
EOF
bp "$T/pack.yaml" -o "$T/pack.pdf"
expect_rc 0 "manifest: a .txt article"
check "manifest: its title in the contents" \
    pdf_has "$T/pack.pdf" "Giske vil videreutvikle næringsklyngene"

bp --each --outdir "$T/each" -f pdf "$T/folder/naeringsklynger.txt"
expect_rc 0 "--each: a .txt article"
expect_file "$T/each/naeringsklynger.pdf" "--each: named without .txt"

# --- hostile pastes ----------------------------------------------------------

: >"$T/empty.txt"
bp "$T/empty.txt" -o "$T/empty.pdf"
expect_rc_in "0 1" "empty paste: no crash"

printf 'Hopp til innhold\nLogg inn\nMeny\nSøk\n' >"$T/furn.txt"
bp "$T/furn.txt" -o "$T/furn.pdf"
expect_rc 1 "only furniture: the article fails"
expect_err 'furn.txt:1: error: nothing but page furniture' \
    "only furniture: a clear message"

printf 'Tittel\n\nTekst med\000NUL.\n' >"$T/nul.txt"
bp "$T/nul.txt" -o "$T/nul.pdf"
expect_rc 1 "NUL byte: the article fails"
expect_err 'nul.txt:3:[0-9]+: error: NUL byte' "NUL byte: named at its line"

printf 'Meny\r\nSak om noe\r\n\r\nEn setning med nok ord til prosa her.\r\n\r\n- Sier hun, og mer til, sa hun.' \
    >"$T/crlf.txt"
bp "$T/crlf.txt" -o "$T/crlf.pdf"
expect_rc 0 "CRLF, no final newline"
check "CRLF: title" info_has "$T/crlf.pdf" Title "Sak om noe"

"$PY" - "$T/big.txt" <<'EOF'
import sys
words = ("klyngene innovasjon næringsliv regjeringen satsing forskning "
         "bedriftene kompetanse").split()
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("Meny\nLogg inn\nEn stor sak\n\n")
    n = 0
    while f.tell() < 10 * 1024 * 1024:
        f.write(" ".join(words[(n + k) % len(words)] for k in range(60)) + ".\n\n")
        n += 1
        if n % 50 == 0:
            f.write("Del %d av saken\n\n" % n)
    f.write("x" * 300000 + "\n")
EOF
bp "$T/big.txt" --pdf-standard none -o "$T/big.pdf"
expect_rc_in "0 1" "10 MB paste with a 300 kB line: finishes"

done_testing
