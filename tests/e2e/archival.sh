#!/bin/sh
# Archival and accessible PDF (SPEC; --pdf-standard, style key
# pdf.standard): on the example pack and every good fixture, each PDF/A-2
# and PDF/UA-1 clause the finishing step answers for (tests/e2e/pdfa.py,
# pikepdf), PDFBox Preflight with only its PDF/A-1-only codes, the
# structure tree read back in order without page furniture (pdfinfo
# -struct-text), byte-identical runs; then the option and the style key.
# A PDF with a hand-made structure record (test_archive --write) checks
# the tree whatever the painter records.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo qpdf python3
require_bp

TAB=$(printf '\t')
WANT=a-2a,ua-1                       # what every pack claims by default
# Preflight's PDF/A-1-only codes: transparency (PDF/A-2 allows it), CIDSet
# (PDF/A-2 does not require it), "part must be 1".
ALLOWED="2.2.1 2.2.2 3.1.11 7.11.2"
J=/usr/share/java
PREFLIGHT_CP=$J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/javax.activation.jar:$J/jaxb-api.jar:$J/commons-logging.jar

# A Python with pikepdf (Debian's python3-pikepdf is /usr/bin/python3's).
PYA=
for _p in "$PY" /usr/bin/python3; do
	if "$_p" -c 'import pikepdf' >/dev/null 2>&1; then
		PYA=$_p
		break
	fi
done
[ -n "$PYA" ] ||
    skip "archival: clause checks (python3-pikepdf is not installed)"
HAVE_PREFLIGHT=1
for _j in $(echo "$PREFLIGHT_CP" | tr ':' ' '); do
	[ -f "$_j" ] || HAVE_PREFLIGHT=0
done
have java || HAVE_PREFLIGHT=0
[ "$HAVE_PREFLIGHT" = 1 ] || skip "archival: PDFBox Preflight (needs java, " \
    "libpdfbox2-java, libactivation-java, libjaxb-api-java)"
: >"$T/preflight.list"

# clauses LABEL FILE [pdfa.py ARGS]: each clause of pdfa.py, a check.
clauses() {
	_l=$1
	_f=$2
	shift 2
	[ -n "$PYA" ] || return 0
	"$PYA" "$E2E/pdfa.py" "$_f" "$@" >"$T/clauses.out" 2>"$T/clauses.err"
	if [ $? -ge 2 ] || [ ! -s "$T/clauses.out" ]; then
		not_ok "$_l: pdfa.py reads the PDF"
		show "$T/clauses.err"
		return 0
	fi
	while IFS="$TAB" read -r _s _c _d; do
		if [ "$_s" = ok ]; then
			ok "$_l: $_c"
		else
			not_ok "$_l: $_c" "$_d"
		fi
	done <"$T/clauses.out"
}

# claimed FILE: the standards FILE's XMP claims ("a-2b", "no-xmp").
claimed() {
	"$PYA" "$E2E/pdfa.py" --claimed "$1" 2>/dev/null
}

# expect_claim LABEL FILE WANT: FILE claims WANT.
expect_claim() {
	[ -n "$PYA" ] || return 0
	_got=$(claimed "$2")
	if [ "$_got" = "$3" ]; then
		ok "$1: claims $3"
	else
		not_ok "$1: claims $3" "claims: ${_got:-nothing readable}"
	fi
}

# struct_text LABEL FILE ARTICLE.md...: the structure tree, read back in
# reading order, holds each article's words in order and no running
# footer. The text comes from pdfa.py --struct-text: poppler 22.12's
# pdfinfo -struct-text ends a marked-content sequence at the first EMC
# inside it, so it loses the text after each of Cairo's nested
# /ActualText spans (ligatures, spaces at line ends). pdfinfo still has
# to read the tree, and show no footer either.
struct_text() {
	_l=$1
	_f=$2
	shift 2
	if pdfinfo -struct-text "$_f" >"$T/poppler.txt" 2>&1 &&
	    head -1 "$T/poppler.txt" | grep -q '^Document'; then
		ok "$_l: pdfinfo -struct-text reads the tree from its Document"
	else
		not_ok "$_l: pdfinfo -struct-text reads the tree from its Document"
		show "$T/poppler.txt"
	fi
	[ -n "$PYA" ] || return 0
	"$PYA" "$E2E/pdfa.py" --struct-text "$_f" >"$T/struct.txt" 2>&1
	for _md in "$@"; do
		if "$PY" "$E2E/words.py" "$_md" --text "$T/struct.txt" \
		    >"$T/words.out" 2>&1; then
			ok "$_l: structure tree holds $_md's words in order"
		else
			not_ok "$_l: structure tree holds $_md's words in order"
			show "$T/words.out"
		fi
	done
	if grep -Eq '(Side|Page) [0-9]+ (av|of) [0-9]+' "$T/struct.txt" \
	    "$T/poppler.txt"; then
		not_ok "$_l: no running footer in the structure tree" \
		    "$(grep -Ehm1 '(Side|Page) [0-9]+ (av|of) [0-9]+' \
		    "$T/struct.txt" "$T/poppler.txt")"
	else
		ok "$_l: no running footer in the structure tree"
	fi
}

# finished LABEL FILE ARTICLES ARTICLE.md...: every check of a default PDF.
finished() {
	_l=$1
	_f=$2
	_n=$3
	shift 3
	if ! is_pdf "$_f"; then
		not_ok "$_l: a PDF to check" "no PDF at $_f"
		show_last
		return 0
	fi
	check "$_l: qpdf --check finds no error" qpdf_clean "$_f"
	# An image without alt text is a warning, and the file claims a-2b.
	_want=$WANT
	if grep -q 'has no alt text' "$T/bp.err"; then
		_want=a-2b
		expect_err '^[^:]+\.md:[0-9]+:[0-9]+: warning: image .* has no alt text' \
		    "$_l: the missing alt text is a warning naming file:line"
	fi
	clauses "$_l" "$_f" --claim "$_want" --articles "$_n"
	struct_text "$_l" "$_f" "$@"
	echo "$_f" >>"$T/preflight.list"
}

# --- the example pack and every fixture, as made by default -------------

if [ -f examples/uke48.yaml ]; then
	"$PY" "$E2E/pdfq.py" manifest examples/uke48.yaml |
	    awk -F '\t' '$1 == "article" { print $2 }' >"$T/uke48.articles"
	bp examples/uke48.yaml -o "$T/uke48.pdf"
	expect_rc 0 "examples/uke48.yaml converts"
	# shellcheck disable=SC2046
	finished uke48 "$T/uke48.pdf" "$(wc -l <"$T/uke48.articles")" \
	    $(cat "$T/uke48.articles")
	bp examples/uke48.yaml -o "$T/uke48-again.pdf"
	if cmp -s "$T/uke48.pdf" "$T/uke48-again.pdf"; then
		ok "uke48: two runs are byte-identical"
	else
		not_ok "uke48: two runs are byte-identical" \
		    "$(cmp "$T/uke48.pdf" "$T/uke48-again.pdf" 2>&1)"
	fi
else
	skip "archival: examples/uke48.yaml not there"
fi
for md in "$FIX"/good/*.md; do
	n=$(basename "$md" .md)
	[ "$n" = README ] && continue
	bp "$md" -o "$T/good-$n.pdf"
	finished "$n" "$T/good-$n.pdf" 1 "$md"
done

# --- a structure tree from a hand-made record ----------------------------

TA=$BUILD/tests/test_archive
if [ -x "$TA" ]; then
	if "$TA" --write "$T/tagged.pdf" >"$T/ta.out" 2>&1 &&
	    is_pdf "$T/tagged.pdf"; then
		ok "tagged sample: written by test_archive"
		check "tagged sample: qpdf --check finds no error" \
		    qpdf_clean "$T/tagged.pdf"
		clauses "tagged sample" "$T/tagged.pdf" --claim "$WANT" \
		    --articles 1
		pdfinfo -struct-text "$T/tagged.pdf" 2>&1 | tr -s ' \n' '  ' \
		    >"$T/tagged.txt"
		if grep -q '"Title of the article" P (block) "Hello, this is" Link (inline) " a link"' \
		    "$T/tagged.txt" && ! grep -q 'Running header\|Page 1 of' \
		    "$T/tagged.txt"; then
			ok "tagged sample: structure text in order, no furniture"
		else
			not_ok "tagged sample: structure text in order, no furniture"
			show "$T/tagged.txt"
		fi
		echo "$T/tagged.pdf" >>"$T/preflight.list"
	else
		not_ok "tagged sample: written by test_archive"
		show "$T/ta.out"
	fi
else
	skip "archival: tagged sample ($TA not built: make check builds it)"
fi

# --- PDFBox Preflight, one JVM for every file ----------------------------

if [ "$HAVE_PREFLIGHT" = 1 ] && [ -s "$T/preflight.list" ]; then
	(cd "$T" && java -cp "$PREFLIGHT_CP" \
	    org.apache.pdfbox.preflight.Validator_A1b xml group preflight.list \
	    >preflight.log 2>&1)
	"$PY" - "$T/preflight.list.preflight.xml" $ALLOWED >"$T/pf.out" 2>&1 <<'EOF'
import sys
import xml.etree.ElementTree as ET
path, allowed = sys.argv[1], set(sys.argv[2:])
try:
    root = ET.parse(path).getroot()
except (OSError, ET.ParseError) as e:
    print("fail\t(all)\tno Preflight report: %s" % e)
    sys.exit(0)
for pf in root.iter("preflight"):
    codes = [c.text for c in pf.iter("code")]
    bad = sorted(set(c for c in codes if c not in allowed))
    if pf.find("exceptionThrown") is not None:
        bad.append("exception: %s" % pf.findtext("exceptionThrown/message"))
    print("%s\t%s\t%s" % ("fail" if bad else "ok", pf.get("name"),
                          " ".join(bad) + (" (%d errors in all)" % len(codes))))
EOF
	while IFS="$TAB" read -r _s _n _d; do
		if [ "$_s" = ok ]; then
			ok "Preflight: $_n shows only PDF/A-1-only codes"
		else
			not_ok "Preflight: $_n shows only PDF/A-1-only codes" \
			    "other codes: $_d"
		fi
	done <"$T/pf.out"
	[ -s "$T/pf.out" ] || { not_ok "Preflight ran"; show "$T/preflight.log"; }
fi

# --- --pdf-standard and the style key ------------------------------------

MD=$FIX/good/english.md
bp "$MD" --pdf-standard none -o "$T/none.pdf"
expect_rc 0 "--pdf-standard none converts"
expect_claim "--pdf-standard none" "$T/none.pdf" no-xmp
check "--pdf-standard none: qpdf --check finds no error" qpdf_clean "$T/none.pdf"
bp "$MD" --pdf-standard a-2b -o "$T/a2b.pdf"
expect_claim "--pdf-standard a-2b" "$T/a2b.pdf" a-2b
clauses "--pdf-standard a-2b" "$T/a2b.pdf" --claim a-2b
bp "$MD" --pdf-standard a-2u -o "$T/a2u.pdf"
expect_claim "--pdf-standard a-2u" "$T/a2u.pdf" a-2u
bp "$MD" --pdf-standard UA-1 -o "$T/ua1.pdf"
expect_claim "--pdf-standard UA-1 (any case)" "$T/ua1.pdf" ua-1
for bad in a-3b "a-2a,a-2b" "none,ua-1" "" "ua-1,"; do
	bp "$MD" --pdf-standard "$bad" -o "$T/bad.pdf"
	expect_rc 2 "--pdf-standard \"$bad\" is a usage error"
	expect_err "pdf-standard takes a comma-separated list" \
	    "--pdf-standard \"$bad\": the message says what it takes"
done
expect_no_file "$T/bad.pdf" "--pdf-standard: nothing written after a usage error"

printf 'pdf:\n  standard: a-2b\n' >"$T/std.yaml"
bp "$MD" -s "$T/std.yaml" -o "$T/style.pdf"
expect_claim "style pdf.standard: a-2b" "$T/style.pdf" a-2b
bp "$MD" -s "$T/std.yaml" --pdf-standard a-2u -o "$T/style-cli.pdf"
expect_claim "--pdf-standard wins over the style" "$T/style-cli.pdf" a-2u
printf 'pdf:\n  standard: pdf-x\n' >"$T/std-bad.yaml"
bp "$MD" -s "$T/std-bad.yaml" -o "$T/style-bad.pdf"
expect_rc 2 "style pdf.standard: a bad value is an error"
expect_err 'std-bad.yaml:2:[0-9]+: error: style key "pdf.standard" must be' \
    "style pdf.standard: the error names the file, line and key"

mkdir -p "$T/each"
cp "$FIX/good/english.md" "$FIX/good/lists.md" "$T/each/"
bp --each --pdf-standard a-2b --outdir "$T/each-out" "$T/each/english.md" \
    "$T/each/lists.md"
expect_rc 0 "--each --pdf-standard a-2b converts"
expect_claim "--each: english.pdf" "$T/each-out/english.pdf" a-2b
expect_claim "--each: lists.pdf" "$T/each-out/lists.pdf" a-2b
bp --each --outdir "$T/each-def" "$T/each/english.md"
clauses "--each, default" "$T/each-def/english.pdf" --claim "$WANT" \
    --articles 1

# The contents' links lead to each article's first page (Cairo 1.16 drops
# links to pages not yet written, so they go by named destination).
if [ -n "$PYA" ] && [ -f "$T/uke48.pdf" ]; then
	if "$PYA" - "$T/uke48.pdf" >"$T/dests.out" 2>&1 <<'PYEOF'
import re, subprocess, sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
index = {pg.objgen: i + 1 for i, pg in enumerate(pdf.pages)}
names = list(pdf.Root.Names.Dests.Names)
dests = {str(names[i]): index[names[i + 1][0].objgen]
         for i in range(0, len(names), 2)}
text = subprocess.run(["pdftotext", "-layout", "-f", "3", "-l", "3",
                       sys.argv[1], "-"], capture_output=True,
                      text=True).stdout
printed = [int(m) for m in re.findall(r"\S\s{2,}(\d+)\s*$", text, re.M)]
links = [a for a in pdf.pages[2].obj.get("/Annots", [])
         if "/Dest" in a]
bad = [str(a.Dest) for a in links if str(a.Dest) not in dests]
targets = sorted(set(dests[str(a.Dest)] for a in links))
print("targets", targets, "printed", printed, "unresolved", bad)
sys.exit(0 if links and not bad and targets == sorted(set(printed))
         else 1)
PYEOF
	then
		ok "contents links lead to the pages the contents print"
	else
		not_ok "contents links lead to the pages the contents print"
		show "$T/dests.out"
	fi
fi

done_testing
