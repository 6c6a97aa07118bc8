#!/bin/sh
# Rebuild the seed corpora in tests/fuzz/corpus/<target>/ from the test
# fixtures, the examples, the styles and tests/regress/. Each seed starts
# with the option bytes its target reads (see the README comment at the top
# of each tests/fuzz/fuzz_*.c). Small on purpose: a few dozen files, each
# at most 16 KiB; libFuzzer grows its own corpus in build-fuzz/corpus/.
# SPDX-License-Identifier: MIT
#
# Usage: sh tests/fuzz/seed.sh      (from anywhere; rewrites the corpora)

set -eu
cd "$(dirname "$0")/../.."
C=tests/fuzz/corpus
MAX=16384

rm -rf "$C/fuzz_parse" "$C/fuzz_pipeline" "$C/fuzz_manifest" "$C/fuzz_txt" \
    "$C/fuzz_html" "$C/fuzz_docx"
mkdir -p "$C/fuzz_parse" "$C/fuzz_pipeline" "$C/fuzz_manifest" "$C/fuzz_txt" \
    "$C/fuzz_html" "$C/fuzz_docx"

# seed DIR NAME OPTION-BYTES(printf octal) FILE...: the option bytes, then
# the files one after another (cut to MAX bytes).
seed() {
	_dir=$1 _name=$2 _opt=$3
	shift 3
	{
		printf "$_opt"    # octal escapes: the format on purpose
		cat "$@"
	} | head -c "$MAX" >"$C/$_dir/$_name"
}

# Articles: each fixture with a different language / smart choice, so the
# option byte varies across the corpus.
n=0
for f in tests/fixtures/good/*.md tests/fixtures/bad/*.md \
    tests/fixtures/hostile-input/*.md tests/regress/*.md; do
	[ -f "$f" ] || continue
	base=$(basename "$(dirname "$f")")-$(basename "$f" .md)
	# byte 0: bit 0 smart, bits 1-3 language (0..7)
	o=$(printf '\\%03o' $(( (n % 8) * 2 + (n / 8) % 2 )))
	seed fuzz_parse "$base" "$o" "$f"
	# pipeline: the same article; byte 1 cycles through the style bits
	o1=$(printf '\\%03o' $(( (n * 37) % 256 & 0x7f )))
	seed fuzz_pipeline "$base" "$o$o1" "$f"
	n=$((n + 1))
done

# The example articles (short ones whole; the long one cut).
for f in examples/artikler/0[1-3]*.md; do
	base=example-$(basename "$f" .md)
	seed fuzz_parse "$base" '\003' "$f"
	seed fuzz_pipeline "$base" '\003\000' "$f"
done

# Image blobs for the loader's checks (fuzz_parse bit 5): whole and cut
# PNG, JPEG, GIF and WebP files.
blob() {
	{
		printf '\040# Bilde\n\n![x](x.img)\n@@IMAGE@@\n'
		head -c "$2" "$3"
	} >"$C/fuzz_parse/$1"
}
blob image-png 100000 tests/fixtures/good/img/fargefelt.png
blob image-png-cut 60 tests/fixtures/good/img/fargefelt.png
blob image-jpeg 4000 tests/regress/issue-5-truncated-image.jpg
blob image-png-bomb 100 tests/regress/issue-5-pixel-bomb.png
blob image-svg 100000 tests/fixtures/good/img/soyler.svg
printf '\040# GIF\n\n![x](x.img)\n@@IMAGE@@\nGIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377!\371\004\001\000\000\000\000,\000\000\000\000\001\000\001\000\000\002\002D\001\000;' \
    >"$C/fuzz_parse/image-gif"
printf '\040# WebP\n\n![x](x.img)\n@@IMAGE@@\nRIFF\032\000\000\000WEBPVP8L\015\000\000\000/\000\000\000\020\007\020\021\021\210\210\376\007\000' \
    >"$C/fuzz_parse/image-webp"

# A -M line before the article (fuzz_parse bit 4).
printf '\020date=2026-11-27T10:00:00+01:00\n# Tittel\n\nTekst.\n' \
    >"$C/fuzz_parse/meta-option"

# Pipeline specials: two articles, an image blob, EPUB only, memo style.
printf '\040\000# En\n\nForste.\n+++\n---\ntitle: To\nlang: en\n---\n\nSecond.\n' \
    >"$C/fuzz_pipeline/two-articles"
{
	printf '\100\000# Bilde\n\n![x](x.img)\n\n![p](i.png) ![s](i.svg) ![j](i.jpg)\n@@IMAGE@@\n'
	cat tests/fixtures/good/img/soyler.svg
} >"$C/fuzz_pipeline/image-blob"
{
	printf '\100\000# Bilde\n\n![x](x.img "tittel")\n@@IMAGE@@\n'
	cat tests/fixtures/good/img/fargefelt.png
} >"$C/fuzz_pipeline/image-blob-png"
printf '\220\217---\ntitle: Memo\nlang: nb\nclassification: BEGRENSET\n---\n\n## Del\n\nTekst med fotnote.[^1]\n\n[^1]: Noten.\n' \
    >"$C/fuzz_pipeline/memo-epub-only"

# Manifests with a style after the "---8<---" line.
seed fuzz_manifest fixture-pack '\000' tests/fixtures/pack.yaml
seed fuzz_manifest example-pack '\002' examples/uke48.yaml
for s in styles/*.yaml; do
	{
		printf '\006'
		cat tests/fixtures/pack.yaml
		printf -- '---8<---\n'
		cat "$s"
	} | head -c "$MAX" >"$C/fuzz_manifest/style-$(basename "$s" .yaml)"
done
printf '\001title: Ute\narticles:\n  - ../../etc/passwd\n  - /etc/passwd\n  - ok.md\nstyle: ../x.yaml\n---8<---\npage:\n  size: "100mm 100mm"\n  margin-inner: 1in\n' \
    >"$C/fuzz_manifest/outside"
printf '\000a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\narticles: [*c]\n---8<---\ncolors: &k {text: "#000"}\nheader: *k\n' \
    >"$C/fuzz_manifest/aliases"
for f in tests/fixtures/hostile-input/*.yaml; do
	[ -f "$f" ] || continue
	seed fuzz_manifest "hostile-$(basename "$f" .yaml)" '\000' "$f"
done

# Pasted text and saved pages (fuzz_txt, fuzz_html): byte 0 cycles
# through smart punctuation, the languages, the guess and -o x.md.
n=0
for f in tests/fixtures/paste/*.txt; do
	o=$(printf '\\%03o' $(( (n * 11) % 64 )))
	seed fuzz_txt "$(basename "$f" .txt)" "$o" "$f"
	n=$((n + 1))
done
for f in tests/fixtures/html/*.html; do
	o=$(printf '\\%03o' $(( (n * 11) % 64 )))
	seed fuzz_html "$(basename "$f" .html)" "$o" "$f"
	n=$((n + 1))
done

# Word documents (fuzz_docx): each fixture's parts between "---8<---"
# lines (byte 0 bit 6 clear), and the file itself (bit 6 set).
for f in tests/fixtures/docx/*.docx; do
	base=$(basename "$f" .docx)
	o=$(printf '\\%03o' $(( (n * 11) % 64 )))
	{
		printf "$o"
		sep=
		for p in word/document.xml word/numbering.xml word/styles.xml \
		    word/footnotes.xml word/_rels/document.xml.rels \
		    docProps/core.xml word/media/image1.png; do
			printf '%s' "$sep"
			sep='
---8<---
'
			unzip -p "$f" "$p" 2>/dev/null || true
		done
	} | head -c "$MAX" >"$C/fuzz_docx/$base"
	o=$(printf '\\%03o' $(( 64 + (n * 11) % 64 )))
	seed fuzz_docx "raw-$base" "$o" "$f"
	n=$((n + 1))
done

echo "seed: $(ls "$C/fuzz_parse" | wc -l) parse, $(ls "$C/fuzz_pipeline" | wc -l) pipeline, $(ls "$C/fuzz_manifest" | wc -l) manifest, $(ls "$C/fuzz_txt" | wc -l) txt, $(ls "$C/fuzz_html" | wc -l) html, $(ls "$C/fuzz_docx" | wc -l) docx seeds in $C"
