#!/bin/sh
# Tables as a reader sees them, read back from the PDF: a narrow table
# is not stretched to the column, right-aligned numbers end at one x with
# tabular figures, the example's seven-column table gives its prose
# columns room, a table too wide for the column is cut into parts that
# repeat the first column (each part a Table with TH cells, every word
# there, nothing outside the column), and a header row never ends a page.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

require_tools pdftotext
require_bp

# Queries on pdftotext -bbox output; usage: tq.py COMMAND PDF ARGS.
cat >"$T/tq.py" <<'EOF'
import re, subprocess, sys
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')
MM = 72 / 25.4

def pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    return [[(float(m[0]), float(m[1]), float(m[2]), float(m[3]), m[4])
             for m in WORD.findall(p)] for p in out.split("<page ")[1:]]

def words(pdf):
    return [w for p in pages(pdf) for w in p]

def fail(msg):
    print(msg)
    sys.exit(1)

cmd, pdf, args = sys.argv[1], sys.argv[2], sys.argv[3:]
if cmd == "narrow":
    # The table (words args...) ends well before the column's right edge
    # (A4, briefing: inner 25 mm, outer 20 mm; page 1 is odd).
    right = 210 * MM - 20 * MM
    xs = [w[2] for w in words(pdf) if w[4] in args]
    if len(xs) < len(args):
        fail("table words missing: %r" % xs)
    if max(xs) > right - 100:
        fail("table reaches x %.1f, column ends at %.1f" % (max(xs), right))
elif cmd == "right":
    # Words args (one column, right-aligned) end at one x and, being the
    # same number of digits, are as wide (tabular figures).
    ws = [w for w in words(pdf) if w[4] in args]
    if len(ws) != len(args):
        fail("found %d of %d numbers" % (len(ws), len(args)))
    ends = [w[2] for w in ws]
    widths = [w[2] - w[0] for w in ws]
    if max(ends) - min(ends) > 0.3:
        fail("right edges differ: %r" % ends)
    if max(widths) - min(widths) > 0.05:
        fail("widths differ (proportional figures?): %r" % widths)
elif cmd == "prose":
    # In the column headed args[0] (up to the one headed args[1]), the
    # table's lines hold args[2] words on average or more.
    for p in pages(pdf):
        hx = [w for w in p if w[4] == args[0]]
        nx = [w for w in p if w[4] == args[1]]
        if not hx or not nx:
            continue
        x0, x1, top = hx[0][0] - 1, nx[0][0] - 1, hx[0][3]
        lines = {}
        for w in p:
            if x0 <= w[0] < x1 and w[1] > top + 12:
                lines.setdefault(round(w[3]), []).append(w)
        if not lines:
            continue
        avg = sum(len(v) for v in lines.values()) / len(lines)
        if avg < float(args[2]):
            fail("%.2f words a line in column %r (%.0f pt wide)" %
                 (avg, args[0], x1 - x0))
        print("%.2f words a line, column %.0f pt" % (avg, x1 - x0))
        sys.exit(0)
    fail("no page with columns %r and %r" % (args[0], args[1]))
elif cmd == "count":
    # Word args[0] appears args[1] times.
    n = sum(1 for w in words(pdf) if w[4] == args[0])
    if n != int(args[1]):
        fail("%r appears %d times, not %s" % (args[0], n, args[1]))
elif cmd == "kept":
    # On every page with a header word args[0], a body word args[1]
    # stands below it.
    bad = 0
    for n, p in enumerate(pages(pdf), 1):
        for h in (w for w in p if w[4] == args[0]):
            if not any(w[4] == args[1] and w[1] > h[3] for w in p):
                print("page %d: header row at y %.1f with no row under it"
                      % (n, h[1]))
                bad += 1
    if bad:
        sys.exit(1)
elif cmd == "tables":
    # The structure tree has args[0] Table elements, each with a TH.
    import pikepdf
    with pikepdf.open(pdf) as p:
        tables, stack = [], [p.Root.StructTreeRoot]
        while stack:
            e = stack.pop()
            if isinstance(e, pikepdf.Dictionary) and e.get("/S") == "/Table":
                tables.append(e)
            k = e.get("/K") if isinstance(e, pikepdf.Dictionary) else None
            if isinstance(k, pikepdf.Array):
                stack.extend(k)
            elif isinstance(k, pikepdf.Dictionary):
                stack.append(k)
        def has_th(e):
            if not isinstance(e, pikepdf.Dictionary):
                return False
            if e.get("/S") == "/TH":
                return True
            k = e.get("/K")
            kids = list(k) if isinstance(k, pikepdf.Array) else [k]
            return any(has_th(c) for c in kids)
        if len(tables) != int(args[0]):
            fail("%d Table elements, not %s" % (len(tables), args[0]))
        if not all(has_th(t) for t in tables):
            fail("a Table without TH cells")
EOF
tq() {
	/usr/bin/python3 "$T/tq.py" "$@"
}

# --- a narrow numeric table -------------------------------------------
cat >"$T/narrow.md" <<'EOF'
---
title: Narrow
lang: nb
---

Tre markeder i en smal tabell.

| Marked   | Mrd. kr |
|:---------|--------:|
| Polen    |    18,4 |
| Danmark  |    14,9 |
| Frankrike|    11,2 |
EOF
bp "$T/narrow.md" -o "$T/narrow.pdf"
check "narrow table: converted" test "$RC" = 0
check "narrow table: not stretched to the column" \
    tq narrow "$T/narrow.pdf" Polen Danmark Frankrike 18,4 14,9 11,2
check "right-aligned numbers: one right edge, tabular figures" \
    tq right "$T/narrow.pdf" 18,4 14,9 11,2

# --- the example's seven-column table ---------------------------------
bp examples/artikler/06-eos-regelverk.md -o "$T/eea.pdf"
check "EEA table: converted" test "$RC" = 0
check "EEA table: its prose column holds lines, not single words" \
    tq prose "$T/eea.pdf" What Lead 3
check "EEA table: every word in the text column" \
    /usr/bin/python3 tests/e2e/bbox.py "$T/eea.pdf"

# --- a table too wide for the column ------------------------------------
{
	printf -- '---\ntitle: Wide\nlang: en\n---\n\nTwelve columns.\n\n'
	printf '| Municipality |'
	for i in 1 2 3 4 5 6 7 8 9 10 11; do printf ' Indicator%s |' "$i"; done
	printf '\n|:--|'
	for i in 1 2 3 4 5 6 7 8 9 10 11; do printf -- '--:|'; done
	printf '\n'
	for town in Tromsø Bodø Trondheim Bergen; do
		printf '| %s |' "$town"
		for i in 1 2 3 4 5 6 7 8 9 10 11; do printf ' %s%s,5 |' "$i" 4321; done
		printf '\n'
	done
	printf '\nAfter the table.\n'
} >"$T/wide.md"
bp "$T/wide.md" -o "$T/wide.pdf"
check "wide table: converted" test "$RC" = 0
check "wide table: every word there, in order per cell" \
    /usr/bin/python3 tests/e2e/words.py "$T/wide.md" "$T/wide.pdf"
check "wide table: nothing outside the text column" \
    /usr/bin/python3 tests/e2e/bbox.py "$T/wide.pdf"
check "wide table: cut in two parts, each repeating the first column" \
    tq count "$T/wide.pdf" Municipality 2
check "wide table: the last column once" \
    tq count "$T/wide.pdf" Indicator11 1
check "wide table: two Table elements, each with TH cells" \
    tq tables "$T/wide.pdf" 2

# --- header rows never alone at a page foot ------------------------------
# Forty tables, each after 3 to 7 lines of text: they start at
# heights all over the page, so some header rows fall at a page foot.
{
	printf -- '---\ntitle: Feet\nlang: en\n---\n\n'
	i=1
	while [ $i -le 40 ]; do
		j=0
		while [ $j -lt $((3 + i % 5)) ]; do
			printf 'Line %s of the text before table %s.  \n' "$j" "$i"
			j=$((j + 1))
		done
		printf '\n| Headcell | Other |\n|---|---|\n'
		printf '| Bodycell | one |\n| Bodycell | two |\n\n'
		i=$((i + 1))
	done
} >"$T/feet.md"
bp "$T/feet.md" -o "$T/feet.pdf"
check "header rows: converted" test "$RC" = 0
check "header rows: each has a body row under it on its page" \
    tq kept "$T/feet.pdf" Headcell Bodycell

done_testing
