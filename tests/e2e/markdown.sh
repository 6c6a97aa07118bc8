#!/bin/sh
# The Markdown writer (-o x.md, --each -f md; src/md/). Every Markdown
# fixture and example article, and every pasted-text sample, is written
# as Markdown beside a copy of itself and read back: the two document
# models (--dump=model) must be equal but for what Markdown cannot or
# need not say the same way:
#  - the article's own "lang:": the file states the language decided for
#    the article (its own, guessed, or the pack's), so an article that had
#    none has one; it must equal the pack's language of the first reading
#    (a one-article pack speaks its article's language);
#  - empty text nodes, which cmark-gfm leaves beside some autolinks and
#    which no Markdown gives back.
# Then: image addresses from another folder, the one-article rule,
# --each -f md, the guessed language in the front matter, atomic writing.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_bp

# norm MODEL: the dump without what may differ (see above).
norm() {
	awk '/^article / { art = 1 } art && /^  lang: / { next }
	    /^ *text ""$/ { next } { print }' "$1"
}

# pack_lang MODEL: the pack's language in a dump, unquoted.
pack_lang() {
	awk '/^article / { exit } /^  lang: / { gsub(/"/, "", $2); print $2 }' "$1"
}

# roundtrip FOLDER PATTERN...: copy FOLDER, then write and reread each
# file matching a PATTERN in the copy.
roundtrip() {
	_src=$1
	shift
	_dst=$T/rt/$(echo "$_src" | tr '/' '_')
	mkdir -p "$_dst"
	cp -R "$_src"/. "$_dst"/
	for _pat in "$@"; do
		for _f in "$_dst"/$_pat; do
			[ -f "$_f" ] || continue
			_n=$_src/$(basename "$_f")
			case $_f in *.rt.md | */README.md) continue ;; esac
			bp --dump=model "$_f"
			cp "$T/bp.out" "$T/m1"
			if grep -q '^article a1 failed' "$T/m1"; then
				note "$_n: not an article (rejected); not written"
				continue
			fi
			_out=${_f%.*}.rt.md
			bp "$_f" -o "$_out"
			if [ "$RC" -gt 1 ] || [ ! -s "$_out" ]; then
				not_ok "$_n: written as Markdown"
				show_last
				continue
			fi
			bp --dump=model "$_out"
			cp "$T/bp.out" "$T/m2"
			norm "$T/m1" >"$T/n1"
			norm "$T/m2" >"$T/n2"
			if cmp -s "$T/n1" "$T/n2"; then
				ok "$_n: read back, the same model"
			else
				not_ok "$_n: read back, the same model" \
				    "diff of the models (first reading, reread):"
				diff -u "$T/n1" "$T/n2" | sed -n '1,30p' >&2
			fi
			_want=$(pack_lang "$T/m1")
			_got=$(sed -n '2,/^---$/s/^lang: //p' "$_out")
			if [ "$_got" = "$_want" ]; then
				ok "$_n: front matter says lang $_want"
			else
				not_ok "$_n: front matter says lang $_want" \
				    "it says: ${_got:-nothing}"
			fi
		done
	done
}

roundtrip "$FIX/good" '*.md'
roundtrip "$FIX/markdown" '*.md'
roundtrip examples/artikler '*.md'
roundtrip "$FIX/hostile-output" '*.md'
roundtrip "$FIX/hostile-input" '*.md'
roundtrip "$FIX/bad" '*.md'
roundtrip tests/regress '*.md'
[ -d "$FIX/paste" ] && roundtrip "$FIX/paste" '*.txt'

# --- the GFM spec's examples ------------------------------------------------

# Every example of the GFM spec, its extensions and smart punctuation (when
# the copies `make conformance` uses are there) is written and read back.
# Known to differ, each for its reason:
#  gfm-spec-032 042 050 085: a heading with the text of the title taken
#    from the first "# heading" was "foo-2" beside it; written, the title
#    is in the front matter and the heading is "foo";
#  gfm-spec-426: "foo******bar*********baz", emphasis no writer can say
#    again in Markdown without restating the text.
SPEC_DIR=tests/conformance/spec
[ -f "$SPEC_DIR/gfm-spec.txt" ] || SPEC_DIR=../shared/conformance
KNOWN=" gfm-spec-032 gfm-spec-042 gfm-spec-050 gfm-spec-085 gfm-spec-426 "
if [ -f "$SPEC_DIR/gfm-spec.txt" ]; then
	mkdir -p "$T/spec"
	$PY - "$SPEC_DIR" "$T/spec" <<'PYEOF'
import sys
src, dst = sys.argv[1], sys.argv[2]
fence = '`' * 32
for name in ('gfm-spec', 'gfm-extensions', 'smart-punct'):
    try:
        lines = open('%s/%s.txt' % (src, name), encoding='utf-8').read().split('\n')
    except OSError:
        continue
    i = n = 0
    while i < len(lines):
        if lines[i].startswith(fence + ' example'):
            j = i + 1
            md = []
            while lines[j] != '.':
                md.append(lines[j])
                j += 1
            n += 1
            with open('%s/%s-%03d.md' % (dst, name, n), 'w', encoding='utf-8') as f:
                f.write('\n'.join(md).replace('\u2192', '\t') + '\n')
            while not lines[j].startswith(fence):
                j += 1
            i = j + 1
        else:
            i += 1
PYEOF
	total=0 same=0 bad=
	for f in "$T"/spec/*.md; do
		case $f in *.rt.md) continue ;; esac
		b=${f%.md}
		n=${b##*/}
		"$BP" --dump=model "$f" >"$b.m1" 2>/dev/null
		grep -q '^article a1 failed' "$b.m1" && continue
		total=$((total + 1))
		"$BP" "$f" -o "$b.rt.md" >/dev/null 2>&1
		"$BP" --dump=model "$b.rt.md" >"$b.m2" 2>/dev/null
		norm "$b.m1" >"$b.n1"
		norm "$b.m2" >"$b.n2"
		if cmp -s "$b.n1" "$b.n2"; then
			same=$((same + 1))
		else
			case $KNOWN in
			*" $n "*) ;;
			*) bad="$bad $n" ;;
			esac
		fi
	done
	if [ -z "$bad" ]; then
		ok "GFM spec examples: $same of $total read back the same (the rest known)"
	else
		not_ok "GFM spec examples: $same of $total read back the same" \
		    "differ, not known:$bad (KEEP=1 keeps $T/spec)"
	fi
else
	skip "markdown: GFM spec examples (no $SPEC_DIR/gfm-spec.txt)"
fi

# --- what the writer chose -------------------------------------------------

M=$T/rt/tests_fixtures_markdown
check "escapes: a special character stays text" \
    grep -q '^\\# ikke overskrift$' "$M/escapes.rt.md"
check "escapes: lists of one kind are parted by an HTML comment" \
    grep -q '^<!-- -->$' "$M/escapes.rt.md"
check "meta: a value YAML would read as null is quoted" \
    grep -q '^title: "null"$' "$M/meta.rt.md"
check "meta: smart: false is kept, straight quotes escaped" \
    grep -q '^Rette \\"anførselstegn\\"' "$M/meta.rt.md"
check "meta: a summary of two lines is a literal block" \
    grep -q '^abstract: |' "$M/meta.rt.md"

# --- the guessed language ---------------------------------------------------

bp -v "$FIX/markdown/nolang.md" -o "$T/nolang.md"
expect_rc 0 "an article without lang is written"
expect_err 'nolang\.md: note: language guessed: nn \(set lang: to silence this\)' \
    "the guess is a note naming the article"
check "the written file says lang: nn" grep -qx 'lang: nn' "$T/nolang.md"
bp -v "$FIX/markdown/nolang.md" -M lang=nb -o "$T/nolang-nb.md"
expect_no_err 'language guessed' "-M lang: no guess"
check "-M lang decides: lang: nb" grep -qx 'lang: nb' "$T/nolang-nb.md"
printf -- '---\ntitle: Kort\n---\n\nFor kort.\n' >"$T/short.md"
bp -v "$T/short.md" -o "$T/short-out.md"
expect_err 'short\.md: note: language not guessed: too few words' \
    "too little text: a note says it could not tell"
check "too little text: the pack's language (en)" \
    grep -qx 'lang: en' "$T/short-out.md"

# --- images from another folder ---------------------------------------------

mkdir -p "$T/out/deeper"
bp "$FIX/good/images.md" -o "$T/out/deeper/images.md"
expect_rc 0 "an article with images written into another folder"
check "image addresses lead from the new folder to the files" \
    grep -q '](\.\./\.\./.*/img/' "$T/out/deeper/images.md"
bp --allow-outside --dump=model "$T/out/deeper/images.md"
check_not "read back (--allow-outside), no image is missing" \
    grep -q ' missing$' "$T/bp.out"

# --- one article per file ---------------------------------------------------

bp "$FIX/good/lists.md" "$FIX/good/table.md" -o "$T/two.md"
expect_rc 2 "-o x.md with two articles is a usage error"
expect_err 'two\.md: error: a Markdown output holds one article, and the inputs give 2; use --each -f md' \
    "the message says why and what to use"
expect_no_file "$T/two.md" "nothing written"
bp "$FIX/good/lists.md" "$FIX/good/table.md" -o "$T/two.md" -o "$T/two.pdf"
expect_no_file "$T/two.pdf" "nor the other outputs of that run"

bp --each -f md,pdf --outdir "$T/each" "$FIX/good/lists.md" "$FIX/good/table.md"
expect_rc 0 "--each -f md,pdf"
expect_file "$T/each/lists.md" "--each -f md: lists.md"
expect_file "$T/each/table.md" "--each -f md: table.md"
expect_file "$T/each/table.pdf" "--each -f md,pdf: the PDF too"
mkdir -p "$T/own"
cp "$FIX/good/lists.md" "$T/own/lists.md"
cp "$T/own/lists.md" "$T/own/lists.copy"
bp --each -f md "$T/own/lists.md"
expect_rc 2 "--each -f md beside its own article (lists.md) is refused"
expect_err 'would overwrite its own article' "the message says why"
expect_same "$T/own/lists.md" "$T/own/lists.copy" "the article is untouched"
bp "$T/own/lists.md" -o "$T/own/lists.md"
expect_rc 2 "-o naming the article itself is refused"
expect_same "$T/own/lists.md" "$T/own/lists.copy" "the article is untouched"

bp --report "$T/r.json" "$FIX/good/lists.md" -o "$T/r.md"
expect_rc 0 "-o x.md with --report"
check "the report lists the output as format md" $PY -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert [o["format"] for o in r["outputs"]] == ["md"], r["outputs"]
assert r["outputs"][0]["status"] == "written", r["outputs"]
' "$T/r.json"

# --- atomic ---------------------------------------------------------------

printf 'an earlier output\n' >"$T/keep.md"
cp "$T/keep.md" "$T/keep.copy"
bp "$FIX/bad/yaml_syntax.md" -o "$T/keep.md"
expect_rc_in "1 2" "a rejected article writes no Markdown"
expect_same "$T/keep.md" "$T/keep.copy" "an earlier output is kept"
bp "$FIX/good/lists.md" -o "$T/no/such/folder/x.md"
expect_rc 2 "an output folder that does not exist"
expect_err 'x\.md: error: cannot create a file' "the message names the file"

done_testing
