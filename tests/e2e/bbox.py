#!/usr/bin/env python3
"""Fail when a word of a PDF reaches past its page's text column or edge.

usage: bbox.py PDF [--inner MM --outer MM --width MM --height MM --simplex]

The column of an odd page starts at the inner margin, of an even page (in
duplex) at the outer one, as styles/briefing.yaml sets them. Every word
pdftotext finds (page furniture included, which stays inside the column
too) must lie between the column's edges (0.5 pt slack for glyph overhang)
and inside the page. Prints the offenders and a count.
SPDX-License-Identifier: MIT
"""
import argparse
import re
import subprocess
import sys

MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--inner", type=float, default=25)
    ap.add_argument("--outer", type=float, default=20)
    ap.add_argument("--simplex", action="store_true")
    a = ap.parse_args()
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", a.pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    bad = []
    words = 0
    for n, chunk in enumerate(out.split("<page ")[1:], start=1):
        m = PAGE.match("<page " + chunk)
        pw, ph = float(m.group(1)), float(m.group(2))
        odd = n % 2 == 1 or a.simplex
        left = (a.inner if odd else a.outer) * MM
        right = pw - (a.outer if odd else a.inner) * MM
        for w in WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(w.group(i)) for i in range(1, 5))
            words += 1
            if x0 < left - 0.5 or x1 > right + 0.5 or y0 < 0 or y1 > ph:
                bad.append("page %d: %r at x %.1f-%.1f (column %.1f-%.1f), "
                           "y %.1f-%.1f" % (n, w.group(5), x0, x1, left,
                                            right, y0, y1))
    for b in bad[:20]:
        print("bbox.py: %s: %s" % (a.pdf, b), file=sys.stderr)
    print("bbox.py: %s: %d words, %d outside the text column" %
          (a.pdf, words, len(bad)), file=sys.stderr)
    return 1 if bad or words == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
