#!/usr/bin/env python3
# Write the SVG data-flow diagram used by the digitalisation article.
# SPDX-License-Identifier: MIT
#
# Standard library only; the output is plain SVG 1.1 with no scripts, no
# external references (fonts are generic families) and an explicit
# width, height and viewBox.
#
# Usage: python3 examples/tools/make_diagram.py [OUTFILE]

import os
import sys
from xml.sax.saxutils import escape

W, H = 900, 520
INK = "#212529"
GREY = "#6c757d"
BLUE = "#003d73"
PALE = "#e7eef5"
TEAL = "#3e8ea8"
SAND = "#f4efe6"


def box(x, y, w, h, title, lines, fill, stroke):
    out = [f'<g>',
           f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" ry="8" '
           f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>',
           f'<text x="{x + w / 2:g}" y="{y + 24}" text-anchor="middle" '
           f'font-size="15" font-weight="bold" fill="{INK}">'
           f'{escape(title)}</text>']
    for i, line in enumerate(lines):
        out.append(f'<text x="{x + w / 2:g}" y="{y + 44 + i * 17}" '
                   f'text-anchor="middle" font-size="12.5" fill="{GREY}">'
                   f'{escape(line)}</text>')
    out.append('</g>')
    return "\n".join(out)


def arrow(x1, y1, x2, y2, colour=BLUE, dashed=False):
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return (f'<path d="M {x1} {y1} C {(x1 + x2) / 2:g} {y1}, '
            f'{(x1 + x2) / 2:g} {y2}, {x2} {y2}" fill="none" '
            f'stroke="{colour}" stroke-width="2"{dash} '
            f'marker-end="url(#{"headgrey" if dashed else "head"})"/>')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "artikler", "bilder", "datadeling.svg")

    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">',
        '<title>Once-only data sharing: registers, shared platform, '
        'services</title>',
        '<desc>Four authoritative registers publish data through a shared '
        'catalogue and an API gateway with machine-to-machine '
        'authorisation; three public services consume it. Illustrative '
        'diagram for the briefpack example pack.</desc>',
        '<defs>',
        f'<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{BLUE}"/></marker>',
        f'<marker id="headgrey" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{GREY}"/></marker>',
        '</defs>',
        f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
        f'<text x="30" y="38" font-size="20" font-weight="bold" '
        f'fill="{INK}">Once-only: data flows between agencies</text>',
        f'<text x="30" y="60" font-size="13" fill="{GREY}">'
        f'Citizens and businesses report a fact once; services fetch it '
        f'from the authoritative register.</text>',
        # column headings
        f'<text x="120" y="100" text-anchor="middle" font-size="13" '
        f'font-weight="bold" fill="{TEAL}">AUTHORITATIVE SOURCES</text>',
        f'<text x="450" y="100" text-anchor="middle" font-size="13" '
        f'font-weight="bold" fill="{TEAL}">SHARED PLATFORM</text>',
        f'<text x="780" y="100" text-anchor="middle" font-size="13" '
        f'font-weight="bold" fill="{TEAL}">SERVICES</text>',
    ]

    sources = [("Folkeregisteret", ["population register"]),
               ("Enhetsregisteret", ["legal entities"]),
               ("A-ordningen", ["wages and employment"]),
               ("Matrikkelen", ["land and buildings"])]
    for i, (t, l) in enumerate(sources):
        parts.append(box(30, 120 + i * 90, 180, 66, t, l, PALE, BLUE))

    parts.append(box(340, 140, 220, 96, "Data catalogue",
                     ["what exists, who owns it,", "terms of use"], SAND,
                     GREY))
    parts.append(box(340, 290, 220, 120, "API gateway",
                     ["machine-to-machine tokens", "consent and logging",
                      "rate limits"], SAND, GREY))

    services = [("Grant application", ["business support scheme"]),
                ("Export licence", ["dual-use goods"]),
                ("Statistics", ["quarterly indicators"])]
    for i, (t, l) in enumerate(services):
        parts.append(box(690, 140 + i * 110, 180, 66, t, l, PALE, BLUE))

    for i in range(4):
        y = 153 + i * 90
        parts.append(arrow(210, y, 338, 350))
        parts.append(arrow(210, y, 338, 188, colour=GREY, dashed=True))
    for i in range(3):
        parts.append(arrow(562, 350, 688, 173 + i * 110))

    # legend
    parts += [
        f'<line x1="30" y1="488" x2="70" y2="488" stroke="{BLUE}" '
        f'stroke-width="2"/>',
        f'<text x="80" y="492" font-size="12.5" fill="{INK}">data '
        f'(API calls)</text>',
        f'<line x1="220" y1="488" x2="260" y2="488" stroke="{GREY}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>',
        f'<text x="270" y="492" font-size="12.5" fill="{INK}">metadata '
        f'(descriptions only)</text>',
        f'<text x="870" y="492" text-anchor="end" font-size="11" '
        f'fill="{GREY}">Illustrative – not an official architecture'
        f'</text>',
        '</svg>',
    ]

    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
