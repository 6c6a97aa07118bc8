#!/bin/sh
# Official documents (issue 17, items 2 and 3): the exemption from public
# access (front matter, manifest, -M "exempt") on every page, the cover
# and in the PDF's and the EPUB's metadata; numbered copies (--copies N,
# a manifest's distribution list) written as pack-1.pdf ... pack-N.pdf,
# each page carrying its copy's number and holder, a distribution page,
# copies that differ only in those words and are byte-reproducible, and
# the errors around them.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdftotext pdfinfo python3 cmp unzip
require_bp

EX=$T/ex
mkdir -p "$EX/art" "$T/o" "$T/o2" "$T/solo"
cat >"$EX/art/a.md" <<'EOF'
---
title: Havbruk og trafikklys
lang: nb
exempt: offl. § 13 første ledd
---

Regjeringen vil justere kapasiteten i produksjonsområdene.

## Bakgrunn

Trafikklyssystemet ble innført i 2017.
EOF
cat >"$EX/art/b.md" <<'EOF'
---
title: Eksport av sjømat
lang: nb
---

Sjømateksporten økte i november.
EOF
cat >"$EX/art/c.md" <<'EOF'
---
title: Nynorsk notat
lang: nn
exempt: offl. § 14
---

Departementet vurderer saka vidare.
EOF
cat >"$EX/pack.yaml" <<'EOF'
title: Ukesoversikt uke 48
date: 2026-11-27
lang: nb
classification: BEGRENSET
exempt: offl. § 15 første ledd
distribution:
  - Statsråden
  - Statssekretær Hansen
  - Ekspedisjonssjef Berg
articles:
  - art/a.md
  - art/b.md
EOF

# pages_with FILE PHRASE: how many pages of FILE show PHRASE (exact).
pages_with() {
	"$PY" "$E2E/pdfq.py" find "$1" "$2" --exact | wc -l | tr -d ' '
}

# --- the exemption ----------------------------------------------------------

bp "$EX/art/a.md" -o "$T/a.pdf" -o "$T/a.epub"
expect_rc 0 "an article with exempt converts"
n=$(pdf_pages "$T/a.pdf")
check "exempt: every page shows the exemption line" \
    "$PY" "$E2E/pdfq.py" each-page "$T/a.pdf" 1 \
    "Unntatt offentlighet, jf. offl. § 13 første ledd"
if /usr/bin/python3 -c 'import pikepdf' 2>/dev/null; then
	r=$(/usr/bin/python3 -c 'import pikepdf, sys
print(pikepdf.open(sys.argv[1]).open_metadata().get("dc:rights"))' "$T/a.pdf")
	if [ "$r" = "Unntatt offentlighet, jf. offl. § 13 første ledd" ]; then
		ok "exempt: the PDF's XMP dc:rights holds it"
	else
		not_ok "exempt: the PDF's XMP dc:rights holds it" "dc:rights: $r"
	fi
else
	skip "office: XMP checks (python3-pikepdf is not installed)"
fi
if unzip -p "$T/a.epub" EPUB/package.opf | grep -q \
    '<dc:rights>Unntatt offentlighet, jf. offl. § 13 første ledd</dc:rights>'; then
	ok "exempt: the EPUB's dc:rights holds it"
else
	not_ok "exempt: the EPUB's dc:rights holds it"
fi
if unzip -p "$T/a.epub" EPUB/a1.xhtml | grep -q \
    '<small>Unntatt offentlighet, jf. offl. § 13 første ledd</small>'; then
	ok "exempt: the EPUB's article shows it by its marking"
else
	not_ok "exempt: the EPUB's article shows it by its marking"
fi
if have java && [ -f /usr/share/java/epubcheck.jar ]; then
	java -jar /usr/share/java/epubcheck.jar "$T/a.epub" >"$T/ec.out" 2>&1
	if grep -q '0 fatals / 0 errors / 0 warnings' "$T/ec.out"; then
		ok "exempt: EPUBCheck finds no error or warning"
	else
		not_ok "exempt: EPUBCheck finds no error or warning"
		show "$T/ec.out"
	fi
else
	skip "office: EPUBCheck (java or epubcheck.jar missing)"
fi

bp "$EX/art/c.md" -o "$T/c.pdf"
check "exempt: nynorsk words in a nynorsk article" \
    pdf_has_exact "$T/c.pdf" "Unnateke offentlegheit, jf. offl. § 14" 1
bp "$EX/art/b.md" -M lang=en -M "exempt=offl. § 15" -o "$T/b.pdf"
expect_rc 0 "-M exempt=... is a pack key"
check "exempt: -M sets the pack's, in English for an English pack" \
    pdf_has_exact "$T/b.pdf" "Exempt from public disclosure, cf. offl. § 15" 1

printf -- '---\ntitle: T\nexempt:\n  - a\n---\n\nText.\n' >"$T/bad.md"
bp "$T/bad.md" -o "$T/bad.pdf"
expect_rc_in "1 2" "exempt as a list is refused"
expect_err 'bad\.md:3:[0-9]*:? ?error: front matter key "exempt" must be a string' \
    "exempt of the wrong type: an error naming file, line and key"

bp "$EX/art/a.md" --dump=model
expect_out '^ *exempt: "offl\. § 13 første ledd"' "--dump=model shows exempt"
bp "$EX/art/a.md" -o "$T/a-out.md"
if grep -q '^exempt: offl. § 13 første ledd$' "$T/a-out.md"; then
	ok "the Markdown writer keeps exempt in the front matter"
else
	not_ok "the Markdown writer keeps exempt in the front matter"
	show "$T/a-out.md"
fi

# --- numbered copies from a distribution list ---------------------------------

bp "$EX/pack.yaml" -o "$T/o/pack.pdf" -o "$T/o/pack.epub" \
    --report "$T/o/r.json" -v
expect_rc 0 "a manifest with a distribution list converts"
expect_listing "$T/o" "three numbered copies and one EPUB, no pack.pdf" \
    pack-1.pdf pack-2.pdf pack-3.pdf pack.epub r.json
expect_err 'pack\.epub: note: one EPUB, without a copy number' \
    "the EPUB is one, unnumbered, and a note says so"
n=$(pdf_pages "$T/o/pack-2.pdf")
check "copy 2: every page shows its number and holder" \
    "$PY" "$E2E/pdfq.py" each-page "$T/o/pack-2.pdf" 1 \
    "Eksemplar 2 av 3 · Statssekretær Hansen"
check "copy 3: every page shows its number and holder" \
    "$PY" "$E2E/pdfq.py" each-page "$T/o/pack-3.pdf" 1 \
    "Eksemplar 3 av 3 · Ekspedisjonssjef Berg"
got=$(pages_with "$T/o/pack-1.pdf" "Eksemplar 2 av 3")
if [ "$got" = 0 ]; then
	ok "copy 1 carries no other copy's words"
else
	not_ok "copy 1 carries no other copy's words" "on $got pages"
fi
# The distribution page: after the cover and its back, before the contents.
check "the distribution page is page 3" \
    pdf_has_exact "$T/o/pack-1.pdf" "Distribusjonsliste" 3
for h in "1 Statsråden" "2 Statssekretær Hansen" "3 Ekspedisjonssjef Berg"; do
	check "the distribution page lists copy $h" \
	    pdf_has_exact "$T/o/pack-1.pdf" "$h" 3
done
check "the contents follow it on page 5" \
    pdf_has_exact "$T/o/pack-1.pdf" "Innhold" 5
check "the cover shows the pack's exemption" \
    pdf_has_exact "$T/o/pack-1.pdf" \
    "Unntatt offentlighet, jf. offl. § 15 første ledd" 1
check "the cover shows the copy's number and holder" \
    pdf_has_exact "$T/o/pack-2.pdf" "Eksemplar 2 av 3 · Statssekretær Hansen" 1
# An article's own exemption on its pages, the pack's on the others.
p=$("$PY" "$E2E/pdfq.py" find "$T/o/pack-1.pdf" "Havbruk og trafikklys" \
    --from 6 | head -1)
check "article a's pages show its own exemption" \
    pdf_has_exact "$T/o/pack-1.pdf" "Unntatt offentlighet, jf. offl. § 13 første ledd" "${p:-0}"
p=$("$PY" "$E2E/pdfq.py" find "$T/o/pack-1.pdf" "Sjømateksporten" | head -1)
check "article b's pages show the pack's" \
    pdf_has_exact "$T/o/pack-1.pdf" "Unntatt offentlighet, jf. offl. § 15 første ledd" "${p:-0}"

# The copies differ only in the copy words.
for k in 1 2 3; do
	pdftotext -enc UTF-8 "$T/o/pack-$k.pdf" - 2>/dev/null |
	    sed -E 's/Eksemplar [0-9] av 3( · [^ ].*)?$/COPY/' >"$T/o/t$k.txt"
done
if cmp -s "$T/o/t1.txt" "$T/o/t2.txt" && cmp -s "$T/o/t1.txt" "$T/o/t3.txt"
then
	ok "the copies' text differs only in the copy words"
else
	not_ok "the copies' text differs only in the copy words" \
	    "$(diff "$T/o/t1.txt" "$T/o/t2.txt" | head -5)"
fi
if ! grep -q COPY "$T/o/t1.txt"; then
	not_ok "the copy words are found in the text"
else
	ok "the copy words are found in the text"
fi
bp "$EX/pack.yaml" -o "$T/o2/pack.pdf"
same=0
for k in 1 2 3; do
	cmp -s "$T/o/pack-$k.pdf" "$T/o2/pack-$k.pdf" || same=1
done
if [ $same -eq 0 ]; then
	ok "two runs give byte-identical copies"
else
	not_ok "two runs give byte-identical copies"
fi
if /usr/bin/python3 -c 'import pikepdf' 2>/dev/null; then
	for k in 1 3; do
		/usr/bin/python3 "$E2E/pdfa.py" "$T/o/pack-$k.pdf" --claim \
		    a-2a,ua-1 --articles 2 >"$T/cl.out" 2>&1
		if [ -s "$T/cl.out" ] && ! grep -qv '^ok' "$T/cl.out"; then
			ok "copy $k: every PDF/A and PDF/UA clause holds"
		else
			not_ok "copy $k: every PDF/A and PDF/UA clause holds"
			grep -v '^ok' "$T/cl.out" | head -5 >&2
		fi
	done
fi
"$PY" - "$T/o/r.json" <<'PYEOF' >"$T/rep.out" 2>&1
import json, sys
r = json.load(open(sys.argv[1]))
paths = sorted(o["path"].rsplit("/", 1)[1] for o in r["outputs"]
               if o["status"] == "written")
assert paths == ["pack-1.pdf", "pack-2.pdf", "pack-3.pdf", "pack.epub"], paths
PYEOF
if [ $? -eq 0 ]; then
	ok "--report lists every copy written"
else
	not_ok "--report lists every copy written"
	show "$T/rep.out"
fi

# --- --copies ------------------------------------------------------------------

bp "$EX/art/b.md" -M lang=en --copies 2 -o "$T/solo/b.pdf"
expect_rc 0 "--copies 2 without a list"
expect_listing "$T/solo" "--copies 2 writes b-1.pdf and b-2.pdf" \
    b-1.pdf b-2.pdf
bp "$EX/art/b.md" -M lang=en --copies 2 -o "$T/solo/b.pdf" -v
expect_err 'b\.pdf: note: wrote 2 numbered copies, b-1\.pdf to b-2\.pdf, of [0-9]+ pages?' \
    "-v names the copies written, not b.pdf alone"
check "--copies: every page shows \"Copy 2 of 2\" in English" \
    "$PY" "$E2E/pdfq.py" each-page "$T/solo/b-2.pdf" 1 "Copy 2 of 2"
got=$(pages_with "$T/solo/b-1.pdf" "Distribution list")
if [ "$got" = 0 ]; then
	ok "--copies without a list has no distribution page"
else
	not_ok "--copies without a list has no distribution page"
fi
bp "$EX/pack.yaml" --copies 2 -o "$T/x.pdf"
expect_rc 2 "--copies against a list of another length is refused"
expect_err 'pack\.yaml: error: --copies 2, but the distribution list names 3 holders' \
    "the message names both numbers"
bp "$EX/pack.yaml" --copies 3 -o "$T/o2/agree.pdf"
expect_rc 0 "--copies as long as the list is fine"
for bad in 0 1000 x; do
	bp "$EX/art/b.md" --copies "$bad" -o "$T/x.pdf"
	expect_rc 2 "--copies $bad is refused"
done
bp --each "$EX/art/b.md" --copies 2 --outdir "$T/o2"
expect_rc 2 "--copies with --each is refused"
mkdir -p "$T/each"
bp --each "$EX/art/b.md" -M "exempt=offl. § 15" --outdir "$T/each"
check "--each: -M exempt reaches each article's pack" \
    pdf_has_exact "$T/each/b.pdf" "Unntatt offentlighet, jf. offl. § 15" 1

printf 'title: T\ndistribution: []\narticles:\n  - art/b.md\n' >"$EX/empty.yaml"
bp "$EX/empty.yaml" -o "$T/x.pdf"
expect_rc 2 "an empty distribution list is refused"
expect_err 'empty\.yaml:2: error: manifest key "distribution" must be a non-empty list' \
    "the message names the manifest's line and key"
printf 'title: T\ndistribution:\n  - A\n  - [B, C]\narticles:\n  - art/b.md\n' \
    >"$EX/nested.yaml"
bp "$EX/nested.yaml" -o "$T/x.pdf"
expect_rc 2 "a distribution entry that is no name is refused"
expect_err 'nested\.yaml:4:[0-9]+: error: each entry of "distribution"' \
    "the message names the entry's line"
bp "$EX/pack.yaml" --dump=model
expect_out '^ *holder: "Statssekretær Hansen"' \
    "--dump=model lists the holders"

done_testing
