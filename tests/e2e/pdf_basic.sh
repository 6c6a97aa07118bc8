#!/bin/sh
# The PDF a pack becomes: page size, metadata, fonts, syntax, outline,
# footers, protective marking, cover, contents, odd start pages and blank
# pages. Run on the fixture pack and on examples/uke48.yaml.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo pdftotext pdffonts qpdf mutool python3
require_bp

Q="$PY $E2E/pdfq.py"

# field NAME: a scalar of the manifest read by pdfq.py manifest.
field() {
	awk -F '\t' -v k="$1" '$1 == k { print $2; exit }' "$T/manifest.txt"
}

# check_pack LABEL MANIFEST PDF: the briefing-style checks on a pack PDF
# made from MANIFEST. Leaves the article start pages in $T/starts.
check_pack() {
	L=$1
	M=$2
	P=$3
	d=
	$Q manifest "$M" >"$T/manifest.txt"
	awk -F '\t' '$1 == "article" { print $2 }' "$T/manifest.txt" >"$T/articles"
	n=$(wc -l <"$T/articles")
	lang=$(field lang)
	set_lang_words "${lang:-nb}"
	: >"$T/titles"
	while read -r a; do
		$Q title "$a" >>"$T/titles"
	done <"$T/articles"

	# Page size, page count, metadata.
	size=$(pdf_info "$P" "Page size")
	if [ "$size" = "595.276 x 841.89 pts (A4)" ]; then
		ok "$L: A4 pages"
	else
		not_ok "$L: A4 pages" "pdfinfo Page size: $size"
	fi
	pages=$(pdf_pages "$P")
	min=$((2 * n + 1))
	if [ "${pages:-0}" -ge "$min" ]; then
		ok "$L: at least $min pages for $n articles on odd pages ($pages)"
	else
		not_ok "$L: at least $min pages for $n articles on odd pages" \
		    "pdfinfo Pages: ${pages:-none}"
	fi
	want=$(field title)
	got=$(pdf_info "$P" Title)
	if [ "$got" = "$want" ]; then
		ok "$L: Title is the pack title"
	else
		not_ok "$L: Title is the pack title" "want: $want" "got:  $got"
	fi
	got=$(pdf_info "$P" Creator)
	if [ "$got" = "briefpack 0.1.0" ]; then
		ok "$L: Creator is briefpack 0.1.0"
	else
		not_ok "$L: Creator is briefpack 0.1.0" "got: $got"
	fi

	# Fonts, syntax, outline.
	check "$L: every font embedded" $Q fonts "$P"
	check "$L: every font subset" $Q fonts "$P" --subset
	check "$L: qpdf --check finds no error" qpdf_clean "$P"
	check "$L: outline lists every article title" \
	    $Q outline-has "$P" -f "$T/titles"
	: >"$T/headings"
	while read -r a; do
		$Q headings "$a" >>"$T/headings"
	done <"$T/articles"
	if [ -s "$T/headings" ]; then
		check "$L: outline lists every heading of every article" \
		    $Q outline-has "$P" -f "$T/headings"
	fi

	# Footer on every page after the cover; marking on every page.
	check "$L: footer \"$W_PAGE i $W_OF N\" on pages 2 to N" \
	    $Q each-page "$P" 2 "$W_PAGE {i} $W_OF {n}"
	marking=$(field classification)
	if [ -n "$marking" ]; then
		check "$L: marking \"$marking\" at top and bottom of every page" \
		    $Q marking "$P" "$marking"
	fi

	# Cover.
	check "$L: cover shows the pack title" pdf_has "$P" "$want" 1
	sub=$(field subtitle)
	[ -z "$sub" ] || check "$L: cover shows the subtitle" pdf_has "$P" "$sub" 1
	date=$(field date)
	if [ -n "$date" ]; then
		d=$($Q datestr "${lang:-nb}" "$date")
		check "$L: cover shows the date written out ($d)" \
		    pdf_has_exact "$P" "$d" 1
	fi
	org=$(field organisation)
	[ -z "$org" ] || check "$L: cover shows the organisation" \
	    pdf_has "$P" "$org" 1

	# Contents: an entry with leaders and a page number per article; the
	# article starts on that page, an odd one, in manifest order.
	$Q toc "$P" "$W_CONTENTS" >"$T/toc" 2>&1
	cpage=$(sed -n 's/^contents //p' "$T/toc")
	if [ "$cpage" = none ] || [ -z "$cpage" ]; then
		not_ok "$L: a contents page titled \"$W_CONTENTS\""
		show "$T/toc"
		cpage=1
	else
		ok "$L: a contents page titled \"$W_CONTENTS\" (page $cpage)"
	fi
	if $Q tails "$P" >"$T/tails"; then
		ok "$L: no stray line runs into a leader dot"
	else
		not_ok "$L: no stray line runs into a leader dot"
		show "$T/tails"
	fi
	: >"$T/starts"
	prev=$cpage
	while read -r title; do
		entry=$("$PY" - "$T/toc" "$title" <<'EOF'
import re, sys, unicodedata
def toks(s):
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", s).lower())
want = toks(sys.argv[2])
for ln in open(sys.argv[1], encoding="utf-8"):
    f = ln.rstrip("\n").split("\t")
    if len(f) == 3 and want and toks(f[1])[-len(want):] == want:
        print(f[0], f[2])
        break
EOF
)
		pg=${entry% *}
		lead=${entry#* }
		if [ -z "$entry" ]; then
			not_ok "$L: contents lists \"$title\" with a page number"
			show "$T/toc"
			continue
		fi
		ok "$L: contents lists \"$title\" with a page number ($pg)"
		if [ "$lead" = yes ]; then
			ok "$L: dot leaders before the page number of \"$title\""
		else
			not_ok "$L: dot leaders before the page number of \"$title\""
		fi
		if pdf_has "$P" "$title" "$pg"; then
			ok "$L: \"$title\" is on page $pg, as the contents say"
		else
			not_ok "$L: \"$title\" is on page $pg, as the contents say" \
			    "pages holding it: $(pdf_find "$P" "$title")"
		fi
		if [ $((pg % 2)) -eq 1 ] && [ "$pg" -gt "$prev" ]; then
			ok "$L: \"$title\" starts on an odd page after the one before ($pg)"
		else
			not_ok "$L: \"$title\" starts on an odd page after the one before" \
			    "page $pg, previous $prev"
		fi
		prev=$pg
		echo "$pg" >>"$T/starts"
	done <"$T/titles"

	# Blank pages: each page saying so is even, holds nothing else and
	# comes before an article or the contents; each empty page says so.
	{
		echo "$W_PAGE $W_OF"
		echo "$want"
		cat "$T/titles"
		for x in "$marking" "$org" "$d"; do
			[ -z "$x" ] || echo "$x"
		done
	} >"$T/furniture"
	$Q blanks "$P" "$W_BLANK" -f "$T/furniture" >"$T/blanks"
	bad=
	empty=
	while IFS='	' read -r i msg res; do
		if [ "$msg" = msg ]; then
			nxt=$((i + 1))
			if [ $((i % 2)) -ne 0 ] || [ -n "$res" ] ||
			    ! { [ "$nxt" -eq "$cpage" ] || grep -qx "$nxt" "$T/starts"; }; then
				bad="$bad page $i (other words: ${res:-none});"
			fi
		elif [ -z "$res" ]; then
			empty="$empty $i"
		fi
	done <"$T/blanks"
	if [ -z "$bad" ]; then
		ok "$L: blank-page notices only on even pages before an article or the contents"
	else
		not_ok "$L: blank-page notices only on even pages before an article or the contents" "$bad"
	fi
	if [ -z "$empty" ]; then
		ok "$L: every empty page says \"$W_BLANK\""
	else
		not_ok "$L: every empty page says \"$W_BLANK\"" "empty pages:$empty"
	fi
}

# --- the fixture pack ------------------------------------------------------

bp "$FIX/pack.yaml" -o "$T/pack.pdf"
expect_rc 0 "fixture pack converts"
expect_no_err 'warning|error' "fixture pack converts without a message"
if is_pdf "$T/pack.pdf"; then
	check_pack "fixture pack" "$FIX/pack.yaml" "$T/pack.pdf"
	# The first article is short, so the page after it must be blank.
	first=$(head -1 "$T/starts")
	if [ -n "$first" ] && pdf_has "$T/pack.pdf" "$W_BLANK" $((first + 1)); then
		ok "fixture pack: page $((first + 1)) after the one-page first article says \"$W_BLANK\""
	else
		not_ok "fixture pack: the page after the one-page first article says \"$W_BLANK\"" \
		    "first article starts on page ${first:-?}"
	fi
	# Clickable links.
	qpdf --qdf --object-streams=disable "$T/pack.pdf" "$T/pack.qdf" 2>/dev/null
	if grep -aq '/URI (https://www.regjeringen.no/)' "$T/pack.qdf"; then
		ok "fixture pack: the link to regjeringen.no is clickable (/URI)"
	else
		not_ok "fixture pack: the link to regjeringen.no is clickable (/URI)" \
		    "URIs found: $(grep -ao '/URI ([^)]*)' "$T/pack.qdf" | tr '\n' ' ')"
	fi
	# Metadata from the articles' front matter.
	check "fixture pack: Author names the articles' authors" \
	    info_has "$T/pack.pdf" Author "Kari Nordmann"
	check "fixture pack: Keywords holds the articles' keywords" \
	    info_has "$T/pack.pdf" Keywords kystflåte
else
	not_ok "fixture pack: a PDF to check" "no PDF at $T/pack.pdf"
	show_last
fi

# --- one article alone: title and metadata from its front matter ---------

bp "$FIX/good/nynorsk.md" -o "$T/nynorsk.pdf"
expect_rc 0 "nynorsk article converts alone"
got=$(pdf_info "$T/nynorsk.pdf" Title)
if [ "$got" = "Fiskeria i nord" ]; then
	ok "single article: Title is the article title"
else
	not_ok "single article: Title is the article title" "got: $got"
fi
got=$(pdf_info "$T/nynorsk.pdf" Author)
case $got in
*"Kari Nordmann"*"Per Vestlending"*) ok "single article: Author lists both authors" ;;
*) not_ok "single article: Author lists both authors" "got: $got" ;;
esac
got=$(pdf_info "$T/nynorsk.pdf" Keywords)
case $got in
*fiskeri*kystflåte*) ok "single article: Keywords from the front matter" ;;
*) not_ok "single article: Keywords from the front matter" "got: $got" ;;
esac
# Briefing style gives a single article a cover too: footers from page 2.
check "single article: footer \"Side i av N\" on pages 2 to N" \
    $Q each-page "$T/nynorsk.pdf" 2 "Side {i} av {n}"
check_not "single article: no contents page by default" $Q toc "$T/nynorsk.pdf" Innhald
check "single article: byline shows the subtitle" pdf_has "$T/nynorsk.pdf" "Ei oversikt på nynorsk"
check "single article: byline shows the date written out" \
    pdf_has_exact "$T/nynorsk.pdf" "20. november 2026"
check "single article: the summary box shows the abstract" \
    pdf_has "$T/nynorsk.pdf" "Samandraget fortel kort om kvotane"
check "single article: unknown front matter keys are not printed" \
    pdf_lacks "$T/nynorsk.pdf" "Denne nøkkelen skal ikkje visast"

bp "$FIX/good/headings.md" -o "$T/headings.pdf"
got=$(pdf_info "$T/headings.pdf" Title)
if [ "$got" = "Overskrifter på alle nivåer" ]; then
	ok "single article without a title key: Title is its first level-1 heading"
else
	not_ok "single article without a title key: Title is its first level-1 heading" "got: $got"
fi

bp "$FIX/good/english.md" -o "$T/english.pdf" --cover
check "English article: footer \"Page i of N\" on pages 2 to N" \
    $Q each-page "$T/english.pdf" 2 "Page {i} of {n}"
check "English article: blank page says \"This page is intentionally left blank\"" \
    pdf_has "$T/english.pdf" "This page is intentionally left blank" 2
check "English article: date written out in English" \
    pdf_has_exact "$T/english.pdf" "15 October 2026"

# An article's own classification marks its pages when it stands alone.
printf -- '---\ntitle: Classified note\nlang: en\nclassification: RESTRICTED\n---\n\nA short restricted note.\n' >"$T/restricted.md"
bp "$T/restricted.md" -o "$T/restricted.pdf"
expect_rc 0 "article with a classification key converts"
check "article classification: marking at top and bottom of every page" \
    $Q marking "$T/restricted.pdf" RESTRICTED

# SVG text asks for the machine's families (DejaVu, Arial, Times, Courier):
# it is set in the bundled fonts, the serif, sans and mono of its kind. The
# list markers of three levels come from the bundled fonts too.
mkdir -p "$T/svgfonts"
cat >"$T/svgfonts/drawing.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120">
<text x="10" y="20" font-family="DejaVu Sans, Arial, sans-serif">Sans words</text>
<text x="10" y="45" font-family="Times New Roman" font-weight="bold">Serif words</text>
<text x="10" y="70" font-family="Courier New, monospace">Mono words</text>
<text x="10" y="95" font-family="Some Font Nobody Has">Unknown family</text>
</svg>
EOF
printf -- '---\ntitle: Drawing\nlang: en\n---\n\n![A drawing with text in four families.](drawing.svg)\n\n- one\n  - two\n    - three\n' >"$T/svgfonts/a.md"
bp "$T/svgfonts/a.md" -o "$T/svgfonts.pdf"
expect_rc 0 "an SVG with text in machine families converts"
check "SVG text and list markers: only the bundled fonts" \
    $Q fonts "$T/svgfonts.pdf" --bundled "$ROOT/fonts"
pdffonts "$T/svgfonts.pdf" >"$T/svgfonts.fonts" 2>&1
for f in NotoSans-Regular NotoSerif-Bold NotoSansMono-Regular; do
	if grep -q "+$f " "$T/svgfonts.fonts"; then
		ok "SVG text: a family of its kind maps to $f"
	else
		not_ok "SVG text: a family of its kind maps to $f"
		show "$T/svgfonts.fonts"
	fi
done

# --- the example pack --------------------------------------------------------

if [ -f examples/uke48.yaml ]; then
	bp examples/uke48.yaml -o "$T/uke48.pdf"
	expect_rc 0 "examples/uke48.yaml converts"
	if is_pdf "$T/uke48.pdf"; then
		check_pack "uke48" examples/uke48.yaml "$T/uke48.pdf"
		check "uke48: only the bundled fonts (its SVG's text too)" \
		    $Q fonts "$T/uke48.pdf" --bundled "$ROOT/fonts"
	else
		not_ok "uke48: a PDF to check" "no PDF at $T/uke48.pdf"
	fi
else
	skip "pdf_basic: examples/uke48.yaml not there yet"
fi

done_testing
