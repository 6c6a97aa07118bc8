#!/bin/sh
# Figure floats and keep rules (issue 17, items 6 and 8): a figure too
# tall for the room left on a page goes to the top of the next page,
# caption under it, while the text after it fills the page it left; every
# word is still in the text, in order; the structure tree and the EPUB
# keep the source order; the EPUB's page-list still matches the PDF. In
# the example pack no page ends with a heading.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdftotext pdfinfo python3
# pdfa.py needs pikepdf (Debian's python3-pikepdf is /usr/bin/python3's).
PYA=$PY
"$PY" -c "import pikepdf" >/dev/null 2>&1 || PYA=/usr/bin/python3
require_bp

# --- an article: text, a tall figure, more text ----------------------------

mkdir -p "$T/art/img"
make_png "$T/art/img/tall.png" 300 900
"$PY" - "$T/art/flyt.md" <<'PYEOF'
import sys
words = ("kysten", "fisken", "merdene", "havet", "fjorden", "laksen",
         "båten", "nota")


def para(tag, k, n):
    return " ".join("%s%d ligger ved %s %s i setning %d." % (
        tag, k, words[(k + s) % 8], words[(k * s) % 8], s)
        for s in range(1, n + 1))


out = ["---", "title: Figur som flyter", "lang: nb", "---", ""]
out += [para("Forantekst", k, 6) + "\n" for k in range(1, 7)]
out += ['![Et høyt bilde](img/tall.png "Figurtekst under det høye '
        'bildet")', ""]
out += [para("Etterpåtekst", k, 7) + "\n" for k in range(1, 8)]
open(sys.argv[1], "w").write("\n".join(out))
PYEOF

BP_DEBUG_TAGS=$T/tags.txt
export BP_DEBUG_TAGS
bp "$T/art/flyt.md" -o "$T/flyt.pdf" -o "$T/flyt.epub"
unset BP_DEBUG_TAGS
expect_rc 0 "text, a tall figure and text convert"

# The figure's page and the one before it, from the words' boxes.
cat >"$T/float.py" <<'PYEOF'
import re, subprocess, sys

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')
pdf = sys.argv[1]
out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"],
                     capture_output=True, text=True, check=True).stdout
pages = []
for chunk in out.split("<page ")[1:]:
    h = float(re.match(r'width="[\d.]+" height="([\d.]+)"', chunk).group(1))
    # The text area of the briefing style: 25 mm from the top, 22 mm
    # from the foot (running header and footer are outside it).
    top, foot = 25 * 72 / 25.4 - 8, h - 22 * 72 / 25.4
    ws = [(float(m.group(2)), float(m.group(4)), float(m.group(1)),
           m.group(5)) for m in WORD.finditer(chunk)]
    body = sorted(w for w in ws if w[0] > top and w[1] < foot + 2)
    pages.append((foot, body))
bad = []
fig = [n for n, (_, b) in enumerate(pages) if any(w[3] == "Figurtekst"
                                                  for w in b)]
if len(fig) != 1:
    print("the caption is on %d pages" % len(fig))
    sys.exit(1)
n = fig[0]
foot, body = pages[n]
if n == 0:
    bad.append("the figure is on the first page: nothing floated")
elif body[0][3] != "Figurtekst":
    bad.append("page %d begins with %r, not the figure and its caption"
               % (n + 1, body[0][3]))
else:
    # Nothing above the caption but the picture: no text.
    print("page %d: the figure at the top, its caption at y=%.0f"
          % (n + 1, body[0][0]))
after = [w for w in body if w[3].startswith("Etterpåtekst")]
cap = [w for w in body if w[3] == "Figurtekst"]
if not after or after[0][0] < cap[0][0]:
    bad.append("page %d: the text does not go on under the figure"
               % (n + 1))
if n > 0:
    pfoot, pbody = pages[n - 1]
    last = pbody[-1]
    if not any(w[3].startswith("Etterpåtekst") for w in pbody):
        bad.append("page %d has none of the text after the figure: it "
                   "did not float" % n)
    if last[1] < pfoot - 40:
        bad.append("page %d ends at y=%.0f, the text area at %.0f: a gap"
                   % (n, last[1], pfoot))
    else:
        print("page %d: its last line ends at y=%.0f (text area: %.0f)"
              % (n, last[1], pfoot))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PYEOF
if "$PY" "$T/float.py" "$T/flyt.pdf" >"$T/float.out" 2>&1; then
	ok "the figure floats: the page before it is filled with the text after it, the figure and its caption top the next page"
	sed 's/^/# /' "$T/float.out"
else
	not_ok "the figure floats: the page before it is filled with the text after it, the figure and its caption top the next page"
	show "$T/float.out"
fi

check "every word of the article in the PDF's text, in order" \
    "$PY" "$E2E/words.py" "$T/art/flyt.md" "$T/flyt.pdf"

# The structure tree reads in source order: the caption between the text
# before the figure and the text after it, though painted after some of
# it.
if "$PYA" "$E2E/pdfa.py" --struct-text "$T/flyt.pdf" >"$T/struct.txt" 2>&1 &&
    "$PY" - "$T/struct.txt" <<'PYEOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.find("Forantekst2")
c = s.find("Figurtekst")
e = s.find("Etterpåtekst1")
sys.exit(0 if 0 <= a < c < e else 1)
PYEOF
then
	ok "the structure tree keeps the source order (text, figure, text)"
else
	not_ok "the structure tree keeps the source order (text, figure, text)"
	show "$T/struct.txt"
fi
# In the record itself: an element's element kids come in index (source)
# order, notes aside.
if "$PY" - "$T/tags.txt" <<'PYEOF'
import re, sys
tags = {}
kids = {}
for ln in open(sys.argv[1]):
    m = re.match(r"elem (\d+) (\S+)", ln)
    if m:
        tags[int(m.group(1))] = m.group(2)
    m = re.match(r"kid (\d+) elem (\d+)$", ln)
    if m and tags.get(int(m.group(2))) != "Note":
        kids.setdefault(int(m.group(1)), []).append(int(m.group(2)))
sys.exit(0 if all(k == sorted(k) for k in kids.values()) and kids else 1)
PYEOF
then
	ok "the structure record attaches every element in source order"
else
	not_ok "the structure record attaches every element in source order"
fi

check "archival clauses hold (PDF/A-2a, PDF/UA-1)" \
    "$PYA" "$E2E/pdfa.py" "$T/flyt.pdf" --claim a-2a,ua-1 --articles 1

# The EPUB is the source order (laid out by the reading system); its
# page-list still begins each page where the PDF's does.
if have unzip; then
	unzip -p "$T/flyt.epub" 'EPUB/*.xhtml' 2>/dev/null >"$T/flyt.xhtml"
	if "$PY" - "$T/flyt.xhtml" <<'PYEOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a, f, e = s.find("Forantekst2"), s.find("<figure"), s.find("Etterpåtekst1")
sys.exit(0 if 0 <= a < f < e else 1)
PYEOF
	then
		ok "the EPUB keeps the figure where the source has it"
	else
		not_ok "the EPUB keeps the figure where the source has it"
	fi
	check "the EPUB's page-list matches the PDF's pages" \
	    "$PY" "$E2E/pagelist.py" "$T/flyt.epub" "$T/flyt.pdf"
fi

# --- keep rules on the example pack --------------------------------------

bp "$FIX/../../examples/uke48.yaml" -o "$T/uke48.pdf"
expect_rc 0 "the example pack converts"
if "$PY" - "$T/uke48.pdf" examples/artikler/*.md >"$T/heads.out" 2>&1 <<'PYEOF'
import re, subprocess, sys, unicodedata

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')


def squash(s):
    s = unicodedata.normalize("NFC", s).replace("\u00ad", "")
    return re.sub(r"[\W_]+", "", s).lower()


heads = set()
for md in sys.argv[2:]:
    fence = False
    for ln in open(md, encoding="utf-8"):
        if ln.startswith("```"):
            fence = not fence
        m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", ln)
        if m and not fence:
            heads.add(squash(re.sub(r"[*_`]", "", m.group(1))))
out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", sys.argv[1],
                      "-"], capture_output=True, text=True,
                     check=True).stdout
bad = 0
for n, chunk in enumerate(out.split("<page ")[1:], start=1):
    h = float(re.match(r'width="[\d.]+" height="([\d.]+)"', chunk).group(1))
    foot = h - 22 * 72 / 25.4
    ws = [(round(float(m.group(4))), float(m.group(1)), m.group(5))
          for m in WORD.finditer(chunk)]
    body = sorted(w for w in ws if w[0] < foot + 2)
    if not body:
        continue
    y = body[-1][0]
    line = squash(" ".join(w[2] for w in body if abs(w[0] - y) < 2))
    if len(line) >= 6 and any(hd.endswith(line) for hd in heads):
        print("page %d ends with a heading: %s" % (n, line))
        bad += 1
print("%d headings, %d pages ending with one" % (len(heads), bad))
sys.exit(1 if bad else 0)
PYEOF
then
	ok "no page of the example pack ends with a heading ($(tail -1 "$T/heads.out"))"
else
	not_ok "no page of the example pack ends with a heading"
	show "$T/heads.out"
fi

done_testing
