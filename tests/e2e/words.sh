#!/bin/sh
# Word coverage: every word of every fixture and example article appears
# in its PDF's text, in order (tests/e2e/words.py). First, words.py itself
# is shown to catch dropped, cut and reordered text on made-up page text.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools python3

# --- words.py on hand-made text: it passes what it should, fails the rest --

cat >"$T/sample.md" <<'EOF'
---
title: Prøveartikkel
subtitle: For selvtesten
---

# Innledning

Første avsnitt med *utheving* og en [lenke](https://example.org/x "tittel") om fiskeri på kysten.
Ordet arbeidsmarkedspolitikken blir delt ved linjeslutt.

| Fylke | Tall |
|-------|-----:|
| Troms | 12 |
| Rogaland | 34 |
| Språk | en-GB |

```sh
echo alfa01 bravo02 charlie03 delta04 ekko05 foxtrot06 golf07 hotell08 india09 juliett10
```

1. punkt en
1. punkt to

Tekst med fotnote[^a] og slutten.

[^a]: Fotnotetekst om kvoter.
EOF
# What pdftotext could give for a good PDF: marking, page furniture,
# upper case, a decomposed "å", a ligature, a soft hyphen, hyphenation at
# a line end and across a page break, a wrapped code line, cells one per
# line, "en-GB" broken at its hyphen, which pdftotext joins to "enGB", and
# a header cell hyphenated with a soft hyphen, the next cell read before
# the rest of the word ("Fyl<SHY> Tall" / "ke").
printf '%s\n' "BEGRENSET" "PRØVEARTIKKEL" "For selvtesten" "Innledning" \
    "Første avsnitt med utheving og en lenke om ﬁskeri pa$(printf '\314\212') kysten. Ordet arbeids-" \
    "markedspolitikken blir delt ved linjeslutt." "" "Fyl$(printf '\302\255') Tall" "ke" "Troms" "12" \
    "Rogaland" "34" "Språk" "enGB" "" \
    "echo alfa01 bravo02 charlie03 delta04 ekko05 foxtrot06 golf07 hotel" \
    "l08 india09 juliett10" "" "1. punkt en" "2. punkt to" "" \
    "Tekst med fotnote1 og slut-" "Side 1 av 2" >"$T/good.txt"
printf '\f%s\n' "BEGRENSET" >>"$T/good.txt"
printf '%s\n' "ten." "1 Fotnotetekst om kvo$(printf '\302\255')ter." "Side 2 av 2" >>"$T/good.txt"

check "words.py: accepts a faithful text (hyphens, ligature, NFD, page break)" \
    "$PY" "$E2E/words.py" "$T/sample.md" --text "$T/good.txt"

# mutate NAME SED-SCRIPT: a damaged copy of good.txt that words.py must reject.
mutate() {
	sed "$2" "$T/good.txt" >"$T/bad-$1.txt"
	if cmp -s "$T/good.txt" "$T/bad-$1.txt"; then
		not_ok "words.py: rejects $1 (the mutation changed nothing: test bug)"
		return
	fi
	check_not "words.py: rejects $1" \
	    "$PY" "$E2E/words.py" "$T/sample.md" --text "$T/bad-$1.txt"
}
mutate "a dropped table row" '/^Rogaland$/d; /^34$/d'
mutate "a lost second half of a hyphenated word" '/^ke$/d'
mutate "a code line cut at the margin" 's/^l08 india09 juliett10$//'
mutate "a paragraph moved after the code" '/^F.*rste avsnitt/,/^markedspolitikken/{H;d;}; /^l08/G'
mutate "a dropped footnote" '/Fotnotetekst/d'
mutate "a dropped subtitle" '/^For selvtesten$/d'
mutate "a lost last word" 's/^ten\.$//'
mutate "a misspelt word" 's/utheving/uthevning/'
mutate "a dropped heading" '/^Innledning$/d'
mutate "a lost half of a joined word" 's/^enGB$/en/'

# --- every fixture article, alone ------------------------------------------

require_bp
require_tools pdftotext

mkdir -p "$T/out"
# convert_words ARTICLE EXIT-STATUSES: convert alone, then check the words.
convert_words() {
	_name=$(basename "$1" .md)
	_pdf=$T/out/$(echo "$1" | tr '/' '_' | sed 's/\.md$//').pdf
	bp "$1" -o "$_pdf"
	expect_rc_in "$2" "$1 converts"
	if [ ! -s "$_pdf" ]; then
		not_ok "words of $1 in order in its PDF" "no PDF written"
		return
	fi
	if words_in_order "$1" "$_pdf" 2>"$T/words.err"; then
		ok "words of $1 in order in its PDF"
	else
		not_ok "words of $1 in order in its PDF" \
		    "command: $PY tests/e2e/words.py $1 (pdf of: $LAST_CMD)"
		show "$T/words.err"
	fi
}

for md in "$FIX"/good/*.md; do
	convert_words "$md" 0
done
convert_words "$FIX/bad/missing_image.md" 1
convert_words "$FIX/bad/raw_html.md" "0 1"

make_long_article "$T/lang-artikkel.md" 40
convert_words "$T/lang-artikkel.md" 0
pages=$(pdf_pages "$T/out/$(echo "$T/lang-artikkel" | tr '/' '_').pdf")
if [ "${pages:-0}" -ge 3 ]; then
	ok "the long article fills several pages ($pages)"
else
	not_ok "the long article fills several pages" "pages: ${pages:-none}"
fi

# --- every example article, alone -------------------------------------------

if [ -d examples ] && [ -n "$(find examples -name '*.md' ! -name README.md | head -1)" ]; then
	for md in $(find examples -name '*.md' ! -name README.md | LC_ALL=C sort); do
		convert_words "$md" 0
	done
else
	skip "words: no example articles under examples/ yet"
fi

# --- real-world input: a press release pasted from the web -----------------

corpus=$ROOT/../shared/corpus/naeringsklynger.txt
if [ -f "$corpus" ]; then
	cp "$corpus" "$T/naeringsklynger.md"
	convert_words "$T/naeringsklynger.md" 0
else
	skip "words: shared/corpus/naeringsklynger.txt not found beside the repository"
fi

done_testing
