#!/bin/sh
# Print typography (issue 4): nothing outside the text column on any page
# of any example or fixture (word boxes from pdftotext -bbox), a stress
# article that tries hard to overflow, hyphenated line ends in bokmål,
# footnotes on the page that refers to them, repeated table headers.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdftotext python3
require_bp

# bbox_ok LABEL PDF [ARGS]: no word past the column or the page edge.
bbox_ok() {
	_l=$1
	_pdf=$2
	shift 2
	if "$PY" "$E2E/bbox.py" "$_pdf" "$@" >"$T/bbox.out" 2>&1; then
		ok "$_l: every word inside the text column"
	else
		not_ok "$_l: every word inside the text column" \
		    "command: bbox.py $_pdf $*"
		show "$T/bbox.out"
	fi
	sed -n 's/^bbox.py: .*: \([0-9]* words, [0-9]* outside.*\)/# \1/p' \
	    "$T/bbox.out" | tail -n 1
}

# --- the stress article ----------------------------------------------------

mkdir -p "$T/stress/img"
make_png "$T/stress/img/tall.png" 40 1600
make_png "$T/stress/img/tiny.png" 3 3
"$PY" - "$T/stress/stress.md" <<'PYEOF'
import sys
out = ["---", "title: Stresstest for sats og brekking", "lang: nb", "---", ""]
word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe" * 4
out += ["Et langt ord uten bindestreker: %s slutt." % word, ""]
out += ["En lang nettadresse https://www.regjeringen.no/no/dokumenter/"
        "meld.-st.-9-20242025/id3059612/?ch=2&q=naeringsklynger-og-"
        "innovasjonspolitikk-i-norske-regioner-2014-2026 står midt i "
        "setningen.", ""]
# 60 rows of 8 columns, then a table too wide for any page.
out.append("| " + " | ".join("Kolonne %d" % c for c in range(1, 9)) + " |")
out.append("|" + "---|" * 8)
for r in range(1, 61):
    out.append("| " + " | ".join("r%dk%d verdi" % (r, c) for c in range(1, 9))
               + " |")
out.append("")
out.append("| " + " | ".join("Overskrift%02d" % c for c in range(1, 21)) + " |")
out.append("|" + "---|" * 20)
for r in range(1, 4):
    out.append("| " + " | ".join("celleinnhold%02d%02d" % (r, c)
                                  for c in range(1, 21)) + " |")
out.append("")
out += ["```", "x = '" + "abcdefghij" * 30 + "'",
        "y = [" + ", ".join(str(i) for i in range(120)) + "]", "```", ""]
names = ("alfa bravo charlie delta ekko foxtrot golf hotell india juliett "
         "kilo lima").split()
refs = " ".join("Påstand %s[^n%d]." % (names[i - 1], i) for i in range(1, 13))
out += ["Mange fotnoter på én side: " + refs, ""]
for i in range(1, 13):
    out.append("[^n%d]: Fotnote nummer %d forklarer påstanden i detalj, "
               "med kilde og årstall %d." % (i, i, 2000 + i))
out += ["", "![Et høyt bilde](img/tall.png)", "",
        "![Et lite bilde](img/tiny.png)", "",
        "Siste avsnitt i stresstesten."]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out) + "\n")
PYEOF

bp "$T/stress/stress.md" -o "$T/stress.pdf"
expect_rc 0 "stress article converts"
bbox_ok "stress article" "$T/stress.pdf"
check "stress article: every word in order" \
    "$PY" "$E2E/words.py" "$T/stress/stress.md" "$T/stress.pdf"
check "stress article: qpdf finds no error" qpdf_clean "$T/stress.pdf"

# The 60-row table spans pages: its header row starts every page it is on.
"$PY" - "$T/stress.pdf" >"$T/heads.out" 2>&1 <<'PYEOF'
import subprocess, sys
pdf = sys.argv[1]
n = int([l.split()[-1] for l in subprocess.run(["pdfinfo", pdf],
        capture_output=True, text=True).stdout.splitlines()
        if l.startswith("Pages:")][0])
pages = 0
for p in range(1, n + 1):
    t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"],
                       capture_output=True, text=True).stdout
    if "r1k1" in t or any("r%dk1 " % r in t for r in range(2, 61)):
        pages += 1
        if "Kolonne 1" not in t:
            print("page %d has table rows but no header" % p)
            sys.exit(1)
print("table on %d pages" % pages)
sys.exit(0 if pages >= 2 else 1)
PYEOF
if [ $? -eq 0 ]; then
	ok "60-row table: header row repeated on each of its pages"
	note "$(cat "$T/heads.out")"
else
	not_ok "60-row table: header row repeated on each of its pages"
	show "$T/heads.out"
fi

# Footnotes: each note is printed on the page whose text refers to it.
"$PY" - "$T/stress.pdf" >"$T/notes.out" 2>&1 <<'PYEOF'
import re, subprocess, sys
pdf = sys.argv[1]
n = int([l.split()[-1] for l in subprocess.run(["pdfinfo", pdf],
        capture_output=True, text=True).stdout.splitlines()
        if l.startswith("Pages:")][0])
names = ("alfa bravo charlie delta ekko foxtrot golf hotell india juliett "
         "kilo lima").split()
ref_page, note_page = {}, {}
for p in range(1, n + 1):
    t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"],
                       capture_output=True, text=True).stdout
    t = t.replace("\u00ad\n", "")
    for m in re.finditer(r"Påstand\s+([a-z]+)", t):
        if m.group(1) in names:
            ref_page.setdefault(names.index(m.group(1)) + 1, p)
    for m in re.finditer(r"Fotnote nummer (\d+)", t):
        note_page.setdefault(int(m.group(1)), p)
bad = [k for k in range(1, 13) if ref_page.get(k) is None or
       note_page.get(k) not in (ref_page.get(k), (ref_page.get(k) or 0) + 1)]
same = sum(1 for k in range(1, 13) if note_page.get(k) == ref_page.get(k))
print("%d of 12 notes on their reference's page" % same)
if bad or same < 6:
    print("notes away from their reference:", bad, ref_page, note_page)
    sys.exit(1)
PYEOF
if [ $? -eq 0 ]; then
	ok "footnotes at the foot of the page that refers to them"
	note "$(cat "$T/notes.out")"
else
	not_ok "footnotes at the foot of the page that refers to them"
	show "$T/notes.out"
fi

# --- every example and fixture: nothing outside the column ------------------

if [ -f examples/uke48.yaml ]; then
	bp examples/uke48.yaml -o "$T/uke48.pdf"
	bbox_ok "examples/uke48.yaml" "$T/uke48.pdf"
	bp examples/uke48.yaml -s memo -o "$T/uke48-memo.pdf"
	bbox_ok "examples/uke48.yaml (memo)" "$T/uke48-memo.pdf" \
	    --inner 25 --outer 25 --simplex
	# Bokmål articles are hyphenated: soft hyphens end some lines.
	for a in examples/artikler/01-*.md examples/artikler/02-*.md \
	    examples/artikler/05-*.md; do
		[ -f "$a" ] || continue
		bp "$a" -o "$T/nb.pdf"
		n=$(pdftotext "$T/nb.pdf" - | grep -c "$(printf '\302\255')\$")
		if [ "$n" -gt 0 ]; then
			ok "$a: hyphenated line ends ($n)"
		else
			not_ok "$a: hyphenated line ends" "none found"
		fi
	done
fi
bp "$FIX/pack.yaml" -o "$T/pack.pdf"
bbox_ok "fixture pack" "$T/pack.pdf"
for f in "$FIX"/good/*.md; do
	bp "$f" -o "$T/one.pdf"
	bbox_ok "$f" "$T/one.pdf"
done

# English text is hyphenated with the English dictionary, never with
# soft hyphens inside URLs or code.
bp "$FIX/good/code.md" -o "$T/code.pdf"
if pdftotext "$T/code.pdf" - | grep -q "$(printf '\302\255')"; then
	not_ok "code blocks are never hyphenated"
else
	ok "code blocks are never hyphenated"
fi

# One language per article, decided once (issue 12): in a folder whose
# first article is bokmål and whose second says nothing, the second is
# the pack's language everywhere: quotes, hyphenation, words, XHTML lang.
mkdir -p "$T/lang"
printf -- '---\nlang: nb\ntitle: Først\n---\nHan sa "hei" til meg.\n' \
    >"$T/lang/a.md"
printf -- '---\ntitle: Second\n---\nShe said "hello" to me.\n' >"$T/lang/b.md"
printf -- '---\nlang: en\ntitle: Third\n---\nThey said "bye".\n' \
    >"$T/lang/c.md"
bp "$T/lang" -o "$T/lang.pdf" -o "$T/lang.epub"
expect_rc 0 "a folder of bokmål, unmarked and English articles"
pdftotext "$T/lang.pdf" "$T/lang.txt" 2>/dev/null
check "PDF: the unmarked article takes the pack's « »" \
    grep -q 'She said «hello» to me' "$T/lang.txt"
check "PDF: the English article keeps its “ ”" \
    grep -q 'They said “bye”' "$T/lang.txt"
unzip -p "$T/lang.epub" EPUB/a2.xhtml >"$T/lang-a2.xhtml" 2>/dev/null
check "EPUB: the unmarked article takes the pack's « »" \
    grep -q 'She said «hello» to me' "$T/lang-a2.xhtml"
check "EPUB: the unmarked article is lang=\"nb\"" \
    grep -q 'xml:lang="nb" lang="nb"' "$T/lang-a2.xhtml"
bp -M lang=en "$T/lang" --dump=model
check "-M lang=en is the pack's language for the unmarked article" \
    grep -q 'She said “hello” to me' "$T/bp.out"
check "-M lang does not override an article's own lang" \
    grep -q 'Han sa «hei» til meg' "$T/bp.out"

# --- the summary box is justified like the body ------------------------------

# Unhyphenated, its third line needed gaps too wide to justify and stayed
# ragged (issue 17's review of 05-kraft-industri).
cat >"$T/summary.md" <<'EOF'
---
title: Sammendrag
lang: nb
abstract: >-
  Køen av industriprosjekter som venter på nettilknytning, har vokst til over
  9 gigawatt. Notatet oppsummerer hvor køen står fast, hvilke tiltak som kan gi
  effekt før 2030, og hvilke avklaringer departementet trenger fra
  Energidepartementet før møtet i regjeringens energiutvalg.
---

Tekst.
EOF
"$BP" "$T/summary.md" -o "$T/summary.pdf" 2>"$T/bp.out"
check "summary box: every line but its last is justified (hyphenated)" \
    "$PY" "$E2E/pdfq.py" flush "$T/summary.pdf" Køen energiutvalg.

# No stack of more than two hyphenated line ends: a paragraph that made
# three in a row (English, the American dictionary) and the example pack.
cat >"$T/ladder.md" <<'EOF'
---
title: Ladder
lang: en
---

**Recommendation 11: Clarify the division of labour with the counties.** The
county authorities should have the main responsibility for supporting
networks and clusters of regional importance, and the national programme
should concentrate on clusters of national importance. The state should make
sure that the counties have the means to take on this role, and the two levels
should agree how a cluster can move from one to the other.
EOF
cat >"$T/ladder.py" <<'PYEOF'
import re, sys
# Lines of --dump=layout: a run of lines ending in a soft hyphen.
run = worst = ends = 0
for ln in sys.stdin:
    m = re.match(r'\s+line .*"(.*)"\s*$', ln)
    if not m:
        continue
    if m.group(1).endswith("\u00ad"):
        run += 1
        ends += 1
    else:
        run = 0
    worst = max(worst, run)
print("%d hyphenated line ends, at most %d in a row" % (ends, worst))
sys.exit(0 if ends > 0 and worst <= 2 else 1)
PYEOF
for _in in "$T/ladder.md" examples/uke48.yaml; do
	"$BP" "$_in" --dump=layout 2>/dev/null | "$PY" "$T/ladder.py" \
	    >"$T/ladder.out" 2>&1
	if [ $? -eq 0 ]; then
		ok "hyphens: at most two hyphenated line ends in a row ($_in)"
		sed 's/^/# /' "$T/ladder.out"
	else
		not_ok "hyphens: at most two hyphenated line ends in a row ($_in)"
		show "$T/ladder.out"
	fi
done
# The word kept whole is still one word in the text, and in order.
"$BP" "$T/ladder.md" -o "$T/ladder.pdf" 2>/dev/null
check "hyphens: the paragraph's words in order after the ladder is broken" \
    "$PY" "$E2E/words.py" "$T/ladder.md" "$T/ladder.pdf"

done_testing
