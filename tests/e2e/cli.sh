#!/bin/sh
# The command line: options, inputs (file, folder, manifest, stdin),
# metadata overrides, styles, contents on and off, exit statuses.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo pdftotext pdffonts python3
require_bp

Q="$PY $E2E/pdfq.py"
A=$FIX/good/breaks.md
mkdir -p "$T/o"

# --- --version, --help, bad options ---------------------------------------

bp --version
expect_rc 0 "--version"
if [ "$(head -1 "$T/bp.out")" = "briefpack 0.1.0" ]; then
	ok "--version prints \"briefpack 0.1.0\""
else
	not_ok "--version prints \"briefpack 0.1.0\"" "got: $(head -1 "$T/bp.out")"
fi

bp --help
expect_rc 0 "--help"
expect_out '--output' "--help lists --output"
expect_out '--style' "--help lists --style"
expect_out '--no-toc' "--help lists --no-toc"
expect_out '--allow-outside' "--help lists --allow-outside"
expect_out '--no-cover' "--help lists --no-cover"
expect_out '^  briefpack \[OPTION.*\] INPUT\.\.\.$' \
    "--help: the usage line names INPUT... once"
if grep -q 'INPUT\.\.\. INPUT' "$T/bp.out"; then
	not_ok "--help: no doubled \"INPUT... INPUT...\"" "$(grep INPUT "$T/bp.out" | head -1)"
else
	ok "--help: no doubled \"INPUT... INPUT...\""
fi
expect_out '^Examples:$' "--help has examples"
expect_out '^    \$ briefpack .*-o ' "--help: an example command"
expect_out '^Environment:$' "--help has an environment part"
for v in SOURCE_DATE_EPOCH BRIEFPACK_DATADIR BRIEFPACK_CACHE_DIR TMPDIR; do
	expect_out "^  $v " "--help: environment names $v"
done
expect_out '^Exit status:$' "--help has the exit statuses"

# The man page: help2man makes it from --help and --version (make man).
# It is made in a build folder of this test's own (the binary under test
# linked into it), never in $BUILD, which other tests running at the same
# time share; -o keeps make from rebuilding the binary.
if have help2man && have make; then
	MB=$T/manbuild
	mkdir -p "$MB"
	case $BP in
	/*) ln -s "$BP" "$MB/briefpack" ;;
	*) ln -s "$ROOT/$BP" "$MB/briefpack" ;;
	esac
	man1=$MB/briefpack.1
	if make -s --no-print-directory BUILD="$MB" -o "$MB/briefpack" \
	    "$man1" >"$T/make.out" 2>&1 && [ -s "$man1" ]; then
		ok "make man: briefpack.1 made with help2man"
		cp "$man1" "$T/first.1"
		for want in '^\.TH BRIEFPACK "1" "November 2026" "briefpack 0\.1\.0"' \
		    '^\.SH SYNOPSIS' '^\[.*OPTION.*\.\.\.\] [^ ]*INPUT[^ ]*\.\.\.$' \
		    '^\.SH OPTIONS' '\\-\\-no\\-cover' '\\-\\-output' \
		    '^\.SH ENVIRONMENT' '^SOURCE_DATE_EPOCH' '^BRIEFPACK_DATADIR' \
		    '^TMPDIR' '^\.SH EXAMPLES' 'briefpack note\.md .*-o note\.pdf'; do
			if grep -Eq -- "$want" "$man1"; then
				ok "man page has $want"
			else
				not_ok "man page has $want"
				show "$man1"
			fi
		done
		rm -f "$man1"
		make -s --no-print-directory BUILD="$MB" -o "$MB/briefpack" \
		    "$man1" >"$T/make.out" 2>&1
		check "man page: made again, byte-identical (SOURCE_DATE_EPOCH)" \
		    cmp "$T/first.1" "$man1"
		if have groff; then
			groff -man -Tutf8 "$man1" 2>"$T/groff.err" |
			    sed 's/.\x08//g' >"$T/man.txt"
			check "man page: groff renders the option list" \
			    grep -q -- '--no-cover' "$T/man.txt"
			check "man page: groff says nothing" test ! -s "$T/groff.err"
		else
			skip "man page rendering: groff not installed"
		fi
	else
		not_ok "make man: briefpack.1 made with help2man"
		show "$T/make.out"
	fi
else
	skip "man page: help2man or make not installed"
fi

bp --no-such-option "$A" -o "$T/o/x.pdf"
expect_rc 2 "unknown option"
expect_err 'no-such-option' "unknown option: the message names it"
expect_no_file "$T/o/x.pdf" "unknown option: no output"

bp
expect_rc 2 "no input at all"

bp "$A"
expect_rc 2 "an article and no -o"
expect_err 'no output given' "an article and no -o: \"no output given\""

# --- styles ------------------------------------------------------------------

bp -s no-such-style "$A" -o "$T/o/x.pdf"
expect_rc 2 "unknown style"
expect_err 'no-such-style' "unknown style: the message names it"
expect_no_file "$T/o/x.pdf" "unknown style: no output"

bp -s "$T/no-such-file.yaml" "$A" -o "$T/o/x.pdf"
expect_rc 2 "style file that does not exist"
expect_no_file "$T/o/x.pdf" "style file that does not exist: no output"

printf 'page:\n  size: [A4\n' >"$T/broken-style.yaml"
bp -s "$T/broken-style.yaml" "$A" -o "$T/o/x.pdf"
expect_rc 2 "style file with a YAML error"
expect_err 'broken-style\.yaml:[0-9]+' "style file with a YAML error: message names file and line"
expect_no_file "$T/o/x.pdf" "style file with a YAML error: no output"

bp -s memo "$FIX/good/table.md" "$FIX/good/footnotes.md" "$FIX/good/lists.md" -o "$T/memo.pdf"
expect_rc 0 "memo style"
# sans_only PDF: Noto Sans is used and Noto Serif is not.
sans_only() {
	pdffonts "$1" >"$T/fonts.txt" 2>&1
	cat "$T/fonts.txt"
	grep -q 'NotoSans-Regular' "$T/fonts.txt" && ! grep -q 'NotoSerif' "$T/fonts.txt"
}
check "memo style: body in Noto Sans (NotoSans-Regular, no NotoSerif)" sans_only "$T/memo.pdf"
check "memo style: no cover, the first article's text on page 1" \
    pdf_has "$T/memo.pdf" "Fylkene i tabellen har hvert sitt særpreg" 1
check "memo style: single-sided, no blank pages" \
    pdf_lacks "$T/memo.pdf" "Denne siden er blank med vilje"
for a in table footnotes lists; do
	check "memo style: every word of $a.md" words_in_order "$FIX/good/$a.md" "$T/memo.pdf"
done

bp "$FIX/good/table.md" "$FIX/good/footnotes.md" "$FIX/good/lists.md" -o "$T/briefing.pdf"
mp=$(pdf_pages "$T/memo.pdf")
bpg=$(pdf_pages "$T/briefing.pdf")
if [ -n "$mp" ] && [ -n "$bpg" ] && [ "$mp" -lt "$bpg" ]; then
	ok "memo style takes fewer pages than briefing ($mp < $bpg)"
else
	not_ok "memo style takes fewer pages than briefing" "memo: $mp, briefing: $bpg"
fi

if [ -f styles/memo.yaml ]; then
	cp styles/memo.yaml "$T/my-style.yaml"
	bp -s "$T/my-style.yaml" "$FIX/good/table.md" -o "$T/mystyle.pdf"
	expect_rc 0 "a style given as a file path"
	check "a style given as a file path is used (Noto Sans)" sans_only "$T/mystyle.pdf"
fi

# --- inputs: stdin, folder, manifest without -o -----------------------------

printf '# Fra standard inn\n\nTeksten kom fra stdinkanalen.\n' >"$T/stdin.md"
bp_in "$T/stdin.md" - -o "$T/stdin.pdf"
expect_rc 0 "\"-\" reads an article from standard input"
if [ "$(pdf_info "$T/stdin.pdf" Title)" = "Fra standard inn" ]; then
	ok "stdin article: Title is its level-1 heading"
else
	not_ok "stdin article: Title is its level-1 heading" "got: $(pdf_info "$T/stdin.pdf" Title)"
fi
check "stdin article: its text is in the PDF" words_in_order "$T/stdin.md" "$T/stdin.pdf"

mkdir "$T/mappe"
# Made in another order than their names; titles sort the other way.
printf '# Charlie tredje\n\nTekst c.\n' >"$T/mappe/c.md"
printf '# Alfa kommer sist alfabetisk\n\nTekst a.\n' >"$T/mappe/a.md"
printf '# Bravo\n\nTekst b.\n' >"$T/mappe/b.md"
printf 'Ikke Markdown: hemmeligtekstfil\n' >"$T/mappe/notater.rtf"
bp "$T/mappe" --no-toc -o "$T/mappe.pdf"
expect_rc 0 "a folder as input"
pa=$(pdf_find "$T/mappe.pdf" "Alfa kommer sist alfabetisk" 2 | cut -d' ' -f1)
pb=$(pdf_find "$T/mappe.pdf" "Bravo" 2 | cut -d' ' -f1)
pc=$(pdf_find "$T/mappe.pdf" "Charlie tredje" 2 | cut -d' ' -f1)
if [ -n "$pa" ] && [ -n "$pb" ] && [ -n "$pc" ] && [ "$pa" -lt "$pb" ] && [ "$pb" -lt "$pc" ]; then
	ok "folder: its articles in file name order (a, b, c)"
else
	not_ok "folder: its articles in file name order (a, b, c)" "pages: a=$pa b=$pb c=$pc"
fi
check "folder: files other than articles (.md, .markdown, .txt) are left out" \
    pdf_lacks "$T/mappe.pdf" hemmeligtekstfil

mkdir "$T/m"
cp "$FIX/good/breaks.md" "$FIX/good/quotes.md" "$T/m/"
printf 'title: Pakke uten utdata\ndate: 2026-11-27\nlang: nb\narticles:\n  - breaks.md\n  - quotes.md\n' >"$T/m/pakke.yaml"
bp "$T/m/pakke.yaml"
expect_rc 0 "a manifest and no -o"
expect_file "$T/m/pakke.pdf" "a manifest and no -o: writes the manifest's name with .pdf"
expect_file "$T/m/pakke.epub" "a manifest and no -o: writes the manifest's name with .epub"
expect_listing "$T/m" "a manifest and no -o: nothing else left in its folder" \
    breaks.md quotes.md pakke.yaml pakke.pdf pakke.epub

# A manifest entry that is no article (missing, a folder, a manifest, the
# manifest itself) is an error at its line in the manifest; the rest of
# the pack is written, with a page for each such entry (exit 1).
mkdir -p "$T/me/undermappe"
printf -- '---\ntitle: Gyldig artikkel\n---\n\nGyldigtekst her.\n' >"$T/me/gyldig.md"
printf 'title: Annen\narticles:\n  - gyldig.md\n' >"$T/me/annen.yml"
printf 'title: Feilpakke\nlang: nb\narticles:\n  - gyldig.md\n  - borte.md\n  - undermappe\n  - pakke.yaml\n  - annen.yml\n' >"$T/me/pakke.yaml"
bp "$T/me/pakke.yaml" -o "$T/me.pdf" --report "$T/me.json"
expect_rc 1 "manifest with entries that are not articles"
expect_err "me/pakke\.yaml:5:[0-9]+: error: article \"borte\.md\" does not exist" \
    "a missing entry: error at its manifest line"
expect_err "me/pakke\.yaml:6:[0-9]+: error: article \"undermappe\" is a folder" \
    "a folder entry: error at its manifest line"
expect_err "me/pakke\.yaml:7:[0-9]+: error: article \"pakke\.yaml\" is a manifest" \
    "the manifest listing itself: error at its manifest line"
expect_err "me/pakke\.yaml:8:[0-9]+: error: article \"annen\.yml\" is a manifest" \
    "another manifest as an entry: error at its manifest line"
expect_no_err "me/(borte\.md|undermappe|annen\.yml):" \
    "no message is reported against the entries' own paths"
check "the good article is in the pack" pdf_has "$T/me.pdf" "Gyldigtekst her"
check "a page names the missing entry and why" \
    pdf_has "$T/me.pdf" "borte.md does not exist"
check "a page names the manifest entry and why" \
    pdf_has "$T/me.pdf" "pakke.yaml is a manifest, not an article"
check_not "the manifest's own text is not set as an article" \
    pdf_has "$T/me.pdf" "title Feilpakke lang nb"
check "the report gives each refused entry its reason" "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
bad = {i["path"].rsplit("/", 1)[-1]: i for i in r["inputs"] if i["status"] == "failed"}
assert sorted(bad) == ["annen.yml", "borte.md", "pakke.yaml", "undermappe"], bad
assert "line 5" in bad["borte.md"]["error"], bad["borte.md"]' "$T/me.json"

# Markings carry up: a pack without its own marking takes the highest of
# its articles' markings, on every page (cover, contents, blank pages).
mkdir -p "$T/mk"
printf -- '---\ntitle: Merket notat\nclassification: BEGRENSET\nlang: nb\n---\n\nMerket tekst.\n' >"$T/mk/a.md"
printf -- '---\ntitle: Umerket notat\nlang: nb\n---\n\nUmerket tekst.\n' >"$T/mk/b.md"
bp "$T/mk" -o "$T/mk1.pdf"
expect_rc 0 "a folder with one marked and one unmarked article"
check "the pack takes its article's marking: every page BEGRENSET" \
    $Q marking "$T/mk1.pdf" BEGRENSET
printf -- '---\ntitle: Hemmelig notat\nclassification: Hemmelig\nlang: nb\n---\n\nHemmelig tekst.\n' >"$T/mk/c.md"
bp "$T/mk" -o "$T/mk2.pdf"
check "the highest marking wins (Hemmelig over BEGRENSET), as written" \
    $Q marking "$T/mk2.pdf" Hemmelig
check_not "the lower marking is not printed" pdf_has "$T/mk2.pdf" BEGRENSET
printf 'title: Pakke\nclassification: BEGRENSET\narticles:\n  - a.md\n  - b.md\n  - c.md\n' >"$T/mk/pakke.yaml"
bp "$T/mk/pakke.yaml" -o "$T/mk3.pdf"
expect_rc 0 "a manifest marked lower than one of its articles"
check "the manifest's own marking wins, even when lower" \
    $Q marking "$T/mk3.pdf" BEGRENSET
expect_err "mk/c\.md: warning: marked \"Hemmelig\", above the pack's own marking \"BEGRENSET\"" \
    "an article marked above the pack's own marking: a warning"
bp "$T/mk/pakke.yaml" -M classification= -o "$T/mk4.pdf"
check "-M classification= clears the manifest's marking: the highest article's again" \
    $Q marking "$T/mk4.pdf" Hemmelig

# --- -M overrides --------------------------------------------------------

bp "$FIX/pack.yaml" -M "title=Overstyrt tittel" -M author="Ola Nordmann" \
    -M keywords=overstyrt -M date=2026-12-24 -M classification=HEMMELIG \
    -o "$T/meta.pdf"
expect_rc 0 "-M title, author, keywords, date, classification"
got=$(pdf_info "$T/meta.pdf" Title)
if [ "$got" = "Overstyrt tittel" ]; then
	ok "-M title= overrides the manifest title (pdfinfo Title)"
else
	not_ok "-M title= overrides the manifest title (pdfinfo Title)" "got: $got"
fi
check "-M title= is on the cover" pdf_has "$T/meta.pdf" "Overstyrt tittel" 1
check "-M author= is in Author" info_has "$T/meta.pdf" Author "Ola Nordmann"
check "-M keywords= is in Keywords" info_has "$T/meta.pdf" Keywords overstyrt
check "-M date= is on the cover, written out" pdf_has_exact "$T/meta.pdf" "24. desember 2026" 1
check "-M classification= marks every page" $Q marking "$T/meta.pdf" HEMMELIG
check "-M classification= replaces the manifest's marking" \
    pdf_lacks "$T/meta.pdf" BEGRENSET

bp "$A" -M "title=Enkeltartikkel med ny tittel" -o "$T/meta1.pdf"
got=$(pdf_info "$T/meta1.pdf" Title)
if [ "$got" = "Enkeltartikkel med ny tittel" ]; then
	ok "-M title= sets the title of a single-article PDF"
else
	not_ok "-M title= sets the title of a single-article PDF" "got: $got"
fi

bp "$FIX/pack.yaml" -M lang=en -o "$T/en.pdf"
expect_rc 0 "-M lang=en on a Norwegian pack"
n=$(pdf_pages "$T/en.pdf")
check "-M lang=en: footer \"Page 2 of $n\"" pdf_has_exact "$T/en.pdf" "Page 2 of $n" 2
check "-M lang=en: contents titled \"Contents\"" $Q toc "$T/en.pdf" Contents
check "-M lang=en: blank pages say \"This page is intentionally left blank\"" \
    pdf_has "$T/en.pdf" "This page is intentionally left blank"
check "-M lang=en: cover date \"27 November 2026\"" pdf_has_exact "$T/en.pdf" "27 November 2026" 1

bp "$A" -M nosuchkey=1 -o "$T/o/x.pdf"
expect_rc 2 "-M with an unknown key"
expect_no_file "$T/o/x.pdf" "-M with an unknown key: no output"

bp "$A" -M date=tomorrow -o "$T/o/x.pdf"
expect_rc 2 "-M date= with a bad date"
expect_no_file "$T/o/x.pdf" "-M date= with a bad date: no output"

# --- contents on and off ---------------------------------------------------

bp "$FIX/good/breaks.md" "$FIX/good/quotes.md" "$FIX/good/lists.md" -o "$T/toc.pdf"
bp "$FIX/good/breaks.md" "$FIX/good/quotes.md" "$FIX/good/lists.md" --no-toc -o "$T/notoc.pdf"
expect_rc 0 "--no-toc"
check "three articles: a contents page by default" $Q toc "$T/toc.pdf" Innhold
check_not "--no-toc: no contents page" $Q toc "$T/notoc.pdf" Innhold
t1=$(pdf_pages "$T/toc.pdf")
t2=$(pdf_pages "$T/notoc.pdf")
if [ -n "$t1" ] && [ -n "$t2" ] && [ "$t2" -lt "$t1" ]; then
	ok "--no-toc: fewer pages ($t2 < $t1)"
else
	not_ok "--no-toc: fewer pages" "with: $t1, without: $t2"
fi
bp "$FIX/good/quotes.md" --toc -o "$T/toc1.pdf"
expect_rc 0 "--toc on one article"
check "--toc: one article gets a contents page" $Q toc "$T/toc1.pdf" Innhold

# --- -q and -v -------------------------------------------------------------

bp -q "$FIX/bad/missing_image.md" -o "$T/q.pdf"
expect_rc 1 "-q with a missing image"
expect_no_err 'warning' "-q: no warnings on stderr"
expect_err '^briefpack: 1 image replaced by a placeholder \(exit 1\)$' \
    "-q: an exit 1 still says why, in one closing line"
bp -q "$FIX/bad/missing_image.md" "$FIX/good/quotes.md" -o "$T/q.pdf" -o "$T/q.epub"
expect_err '^briefpack: 1 image replaced by a placeholder \(exit 1\)$' \
    "-q: an image is counted once however many outputs show it"
bp -q "$FIX/good/quotes.md" -o "$T/q.pdf"
expect_rc 0 "-q with nothing wrong"
expect_no_err '^briefpack: |: (note|warning|error): ' \
    "-q and exit 0: no closing line, no message"
bp "$FIX/good/quotes.md" -o "$T/plain.pdf"
bp -v "$FIX/good/quotes.md" -o "$T/verbose.pdf"
expect_rc 0 "-v"
check "-v: the same PDF as without it" cmp "$T/plain.pdf" "$T/verbose.pdf"

# --- --allow-outside -------------------------------------------------------

mkdir -p "$T/out/inne"
printf '# Utenfor\n\nDenne teksten ligger utenforteksten.\n' >"$T/out/utenfor.md"
printf '# Innenfor\n\nInnenforteksten.\n' >"$T/out/inne/innenfor.md"
printf 'title: Utenfor-test\narticles:\n  - innenfor.md\n  - ../utenfor.md\n' >"$T/out/inne/m.yaml"
bp "$T/out/inne/m.yaml" -o "$T/outside.pdf"
expect_rc_in "1 2" "manifest naming ../utenfor.md without --allow-outside is refused"
expect_err 'utenfor\.md' "refused outside article: the message names it"
if [ -f "$T/outside.pdf" ] && pdftotext "$T/outside.pdf" - | grep -q utenforteksten; then
	not_ok "refused outside article: its text is not in the PDF"
else
	ok "refused outside article: its text is not in the PDF"
fi
bp --allow-outside "$T/out/inne/m.yaml" -o "$T/outside2.pdf"
expect_rc 0 "--allow-outside lets the manifest name ../utenfor.md"
check "--allow-outside: the outside article's text is in the PDF" \
    pdf_has "$T/outside2.pdf" utenforteksten

bp "$FIX/bad/outside_image.md" -o "$T/oimg.pdf"
expect_rc 1 "image outside the article's folder: placeholder"
expect_err 'outside_image\.md:8:[0-9]+: warning: .*fargefelt\.png' \
    "image outside the article's folder: warning at line 8"
bp --allow-outside "$FIX/bad/outside_image.md" -o "$T/oimg2.pdf"
expect_rc 0 "--allow-outside lets the article use ../good/img/fargefelt.png"

# --- output formats --------------------------------------------------------

# -o FILE.epub writes an EPUB that EPUBCheck passes with no error and no
# warning (tests/e2e/epub.sh checks much more of it).
bp "$A" -o "$T/x.epub"
expect_rc 0 "-o FILE.epub"
expect_file "$T/x.epub" "-o FILE.epub: the file exists"
EPUBCHECK=${EPUBCHECK:-java -jar /usr/share/java/epubcheck.jar}
case $EPUBCHECK in
java\ *) have java && ec_ok=1 || ec_ok=0 ;;
*) ec_ok=1 ;;
esac
if [ "$ec_ok" = 1 ] && [ -s "$T/x.epub" ]; then
	$EPUBCHECK "$T/x.epub" >"$T/ec.out" 2>&1
	if grep -q '^Messages: 0 fatals / 0 errors / 0 warnings' "$T/ec.out" &&
	    ! grep -Eq '^(FATAL|ERROR|WARNING)' "$T/ec.out"; then
		ok "-o FILE.epub: EPUBCheck reports no error and no warning"
	else
		not_ok "-o FILE.epub: EPUBCheck reports no error and no warning"
		show "$T/ec.out"
	fi
else
	skip "cli: EPUBCheck (java is not installed)"
fi

# -o twice writes both formats from one parse.
bp "$A" -o "$T/both.pdf" -o "$T/both.epub"
expect_rc 0 "-o FILE.pdf -o FILE.epub"
expect_file "$T/both.pdf" "-o FILE.pdf -o FILE.epub: the PDF"
expect_file "$T/both.epub" "-o FILE.pdf -o FILE.epub: the EPUB"

# Pages wait in TMPDIR: when it cannot be written, one clear error and no
# output; an earlier PDF at the same name stays as it was.
cp "$T/both.pdf" "$T/keep.pdf"
_tmp=${TMPDIR-}
TMPDIR=$T/no/such/dir
export TMPDIR
bp "$A" -o "$T/keep.pdf"
if [ -n "$_tmp" ]; then TMPDIR=$_tmp; else unset TMPDIR; fi
expect_rc 2 "TMPDIR that cannot be written"
expect_err 'cannot create a temporary file' "TMPDIR that cannot be written: says so"
if cmp -s "$T/both.pdf" "$T/keep.pdf"; then
	ok "TMPDIR that cannot be written: the earlier PDF is untouched"
else
	not_ok "TMPDIR that cannot be written: the earlier PDF is untouched"
fi

# Compiled hyphenation dictionaries: written to BRIEFPACK_CACHE_DIR, read
# back on the next run; the pages the same with a cold cache, a warm one,
# a damaged one and none (BRIEFPACK_CACHE_DIR empty).
_cache=${BRIEFPACK_CACHE_DIR-unset}
export BRIEFPACK_CACHE_DIR="$T/hcache"
bp "$A" -o "$T/hc-cold.pdf"
expect_rc 0 "hyphenation cache: cold run"
if ls "$T/hcache"/hyph_nb_NO-*.hyph >/dev/null 2>&1; then
	ok "hyphenation cache: the bokmål dictionary's compiled copy is written"
else
	not_ok "hyphenation cache: the bokmål dictionary's compiled copy is written" \
	    "$(ls -la "$T/hcache" 2>&1)"
fi
bp "$A" -o "$T/hc-warm.pdf"
check "hyphenation cache: a warm run gives the same PDF" \
    cmp "$T/hc-cold.pdf" "$T/hc-warm.pdf"
for f in "$T/hcache"/*.hyph; do
	[ -f "$f" ] && head -c 30000 "$f" >"$f.cut" && mv "$f.cut" "$f"
done
bp "$A" -o "$T/hc-bad.pdf"
expect_rc 0 "hyphenation cache: a truncated copy is no error"
expect_no_err 'warning|error' "hyphenation cache: a truncated copy: nothing said"
check "hyphenation cache: a truncated copy: the same PDF" \
    cmp "$T/hc-cold.pdf" "$T/hc-bad.pdf"
BRIEFPACK_CACHE_DIR=
bp "$A" -o "$T/hc-none.pdf"
check "hyphenation cache: none (BRIEFPACK_CACHE_DIR empty): the same PDF" \
    cmp "$T/hc-cold.pdf" "$T/hc-none.pdf"
if [ "$_cache" = unset ]; then unset BRIEFPACK_CACHE_DIR
else BRIEFPACK_CACHE_DIR=$_cache; fi

# librsvg, libxml2 and libqpdf are loaded when first needed (dlopen),
# not at start-up: the binary is not linked against them.
if have ldd; then
	ldd "$BP" >"$T/ldd.out" 2>&1
	if grep -Eq 'librsvg|libxml2|libqpdf' "$T/ldd.out"; then
		not_ok "librsvg, libxml2, libqpdf: not linked (loaded when needed)" \
		    "$(grep -E 'librsvg|libxml2|libqpdf' "$T/ldd.out")"
	else
		ok "librsvg, libxml2, libqpdf: not linked (loaded when needed)"
	fi
fi
# glibc's loader says what it opens: an archival PDF loads libqpdf, an
# EPUB alone (paginated as the PDF too, for its page-list) does not, and
# a Markdown article without images loads neither librsvg nor libxml2.
(LD_DEBUG=files && export LD_DEBUG && bp "$A" -o "$T/ld.pdf")
if grep -q 'file=libqpdf' "$T/bp.err"; then
	ok "an archival PDF loads libqpdf"
else
	not_ok "an archival PDF loads libqpdf" "LD_DEBUG=files shows no libqpdf"
fi
if grep -Eq 'file=(librsvg|libxml2)' "$T/bp.err"; then
	not_ok "a Markdown article without images loads neither librsvg nor libxml2"
else
	ok "a Markdown article without images loads neither librsvg nor libxml2"
fi
(LD_DEBUG=files && export LD_DEBUG && bp "$A" -o "$T/ld.epub")
if grep -q 'file=libqpdf' "$T/bp.err"; then
	not_ok "an EPUB alone does not load libqpdf"
else
	ok "an EPUB alone does not load libqpdf"
fi

bp "$A" -o "$T/o/x.docx"
expect_rc 2 "-o with an unknown extension"
expect_no_file "$T/o/x.docx" "-o with an unknown extension: no output"
expect_listing "$T/o" "refused runs leave nothing in the output folder"

done_testing
