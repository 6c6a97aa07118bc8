#!/usr/bin/env python3
# Draw the PNG bar charts used by the example articles.
# SPDX-License-Identifier: MIT
#
# Standard library only: pixels are drawn into a bytearray, text uses the
# 5x7 bitmap font below, and the PNG is written with zlib + struct. The
# output is byte-identical on every run and every machine (no system fonts,
# no timestamps in the file).
#
# Usage: python3 examples/tools/make_charts.py [OUTDIR]
#        (default OUTDIR: examples/artikler/bilder next to this script)

import os
import struct
import sys
import zlib

# ---------------------------------------------------------------------------
# 5x7 bitmap font: upper case, digits, Æ Ø Å and a little punctuation.
# ---------------------------------------------------------------------------

FONT = {
    "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "B": ["####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."],
    "C": [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
    "D": ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
    "E": ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
    "F": ["#####", "#....", "#....", "####.", "#....", "#....", "#...."],
    "G": [".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"],
    "H": ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "I": [".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."],
    "J": ["..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."],
    "K": ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"],
    "L": ["#....", "#....", "#....", "#....", "#....", "#....", "#####"],
    "M": ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
    "N": ["#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"],
    "O": [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "P": ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
    "Q": [".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"],
    "R": ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
    "S": [".####", "#....", "#....", ".###.", "....#", "....#", "####."],
    "T": ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
    "U": ["#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "V": ["#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."],
    "W": ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."],
    "X": ["#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"],
    "Y": ["#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."],
    "Z": ["#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"],
    "Æ": [".####", "#.#..", "#.#..", "#####", "#.#..", "#.#..", "#.###"],
    "Ø": ["....#", ".###.", "#..##", "#.#.#", "##..#", ".###.", "#...."],
    "Å": ["..#..", ".#.#.", "..#..", ".###.", "#...#", "#####", "#...#"],
    "0": [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "1": ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
    "2": [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
    "3": ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
    "4": ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
    "5": ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
    "6": ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
    "7": ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
    "8": [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
    "9": [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
    " ": [".....", ".....", ".....", ".....", ".....", ".....", "....."],
    ".": [".....", ".....", ".....", ".....", ".....", ".##..", ".##.."],
    ",": [".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."],
    "-": [".....", ".....", ".....", "#####", ".....", ".....", "....."],
    "–": [".....", ".....", ".....", "#####", ".....", ".....", "....."],
    ":": [".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."],
    "(": ["...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#."],
    ")": [".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#..."],
    "/": [".....", "....#", "...#.", "..#..", ".#...", "#....", "....."],
    "%": ["##...", "##..#", "...#.", "..#..", ".#...", "#..##", "...##"],
}

GLYPH_W, GLYPH_H = 5, 7


class Canvas:
    """An RGB image in a bytearray, with just enough drawing for a chart."""

    def __init__(self, width, height, bg):
        self.w, self.h = width, height
        self.px = bytearray(bytes(bg) * (width * height))

    def put(self, x, y, rgb):
        if 0 <= x < self.w and 0 <= y < self.h:
            i = (y * self.w + x) * 3
            self.px[i:i + 3] = bytes(rgb)

    def rect(self, x0, y0, x1, y1, rgb):
        """Fill the half-open rectangle [x0, x1) x [y0, y1)."""
        x0, x1 = max(0, x0), min(self.w, x1)
        y0, y1 = max(0, y0), min(self.h, y1)
        if x0 >= x1:
            return
        row = bytes(rgb) * (x1 - x0)
        for y in range(y0, y1):
            i = (y * self.w + x0) * 3
            self.px[i:i + len(row)] = row

    def hline(self, x0, x1, y, rgb, dash=0):
        for x in range(x0, x1):
            if dash == 0 or (x // dash) % 2 == 0:
                self.put(x, y, rgb)

    def text_width(self, s, scale):
        return len(s) * (GLYPH_W + 1) * scale - scale

    def text(self, x, y, s, rgb, scale=2):
        """Draw s with its top-left corner at (x, y)."""
        for ch in s.upper():
            glyph = FONT.get(ch, FONT[" "])
            for gy, row in enumerate(glyph):
                for gx, cell in enumerate(row):
                    if cell == "#":
                        self.rect(x + gx * scale, y + gy * scale,
                                  x + (gx + 1) * scale, y + (gy + 1) * scale,
                                  rgb)
            x += (GLYPH_W + 1) * scale

    def text_centered(self, cx, y, s, rgb, scale=2):
        self.text(cx - self.text_width(s, scale) // 2, y, s, rgb, scale)

    def text_right(self, rx, y, s, rgb, scale=2):
        self.text(rx - self.text_width(s, scale), y, s, rgb, scale)

    def png(self):
        """Encode as an 8-bit RGB PNG with no ancillary chunks."""
        raw = bytearray()
        stride = self.w * 3
        for y in range(self.h):
            raw.append(0)  # filter type: none
            raw += self.px[y * stride:(y + 1) * stride]

        def chunk(tag, data):
            body = tag + data
            return (struct.pack(">I", len(data)) + body +
                    struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))

        ihdr = struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                chunk(b"IDAT", zlib.compress(bytes(raw), 9)) +
                chunk(b"IEND", b""))


WHITE = (255, 255, 255)
INK = (33, 37, 41)
GREY = (108, 117, 125)
GRID = (206, 212, 218)
BLUE = (0, 61, 115)       # dark ministry blue
TEAL = (62, 142, 168)     # lighter series colour


def fmt_nb(value):
    """Norwegian decimal comma, one decimal."""
    return ("%.1f" % value).replace(".", ",")


def grouped_bar_chart(path, title, subtitle, categories, series, ymax, ystep,
                      unit):
    """categories: list of (label line 1, label line 2);
    series: list of (legend label, colour, values)."""
    c = Canvas(800, 500, WHITE)
    c.text(40, 24, title, INK, scale=3)
    c.text(40, 56, subtitle, GREY, scale=2)

    left, right, top, bottom = 80, 780, 122, 400
    # y axis: grid lines and labels
    v = 0
    while v <= ymax:
        y = bottom - round((bottom - top) * v / ymax)
        c.hline(left, right, y, GRID if v else INK, dash=0 if v == 0 else 6)
        c.text_right(left - 10, y - 7, str(v), GREY, scale=2)
        v += ystep
    c.text(40, 84, unit, GREY, scale=2)

    n = len(categories)
    slot = (right - left) / n
    nser = len(series)
    bar_w = int(slot * 0.7 / nser)
    for i, (l1, l2) in enumerate(categories):
        x0 = left + round(slot * i + (slot - bar_w * nser) / 2)
        for s, (_, colour, values) in enumerate(series):
            val = values[i]
            h = round((bottom - top) * val / ymax)
            bx = x0 + s * bar_w
            c.rect(bx + 1, bottom - h, bx + bar_w - 1, bottom, colour)
            if s == nser - 1 or nser == 1:
                label = fmt_nb(val) if isinstance(val, float) else str(val)
                c.text_centered(bx + bar_w // 2, bottom - h - 14, label, INK,
                                scale=1)
        cx = left + round(slot * (i + 0.5))
        c.text_centered(cx, bottom + 12, l1, INK, scale=2)
        if l2:
            c.text_centered(cx, bottom + 30, l2, INK, scale=2)

    # legend, bottom right
    lx = right
    for label, colour, _ in reversed(series):
        w = c.text_width(label, 2)
        lx -= w
        c.text(lx, 462, label, INK, scale=2)
        lx -= 22
        c.rect(lx, 462, lx + 14, 476, colour)
        lx -= 30

    with open(path, "wb") as f:
        f.write(c.png())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "artikler", "bilder")
    os.makedirs(outdir, exist_ok=True)

    # Illustrative figures only (see examples/README.md).
    grouped_bar_chart(
        os.path.join(outdir, "eksport-varegrupper.png"),
        "VAREEKSPORT UTENOM OLJE OG GASS",
        "JANUAR–OKTOBER, MRD. KR. ILLUSTRASJON MED FIKTIVE TALL",
        [("SJØMAT", ""), ("METALL", ""), ("MASKINER", ""),
         ("KJEMI", ""), ("KRAFT", ""), ("TRE OG", "PAPIR"),
         ("ANNET", "")],
        [("2025", TEAL, [141.2, 71.8, 58.3, 44.9, 27.4, 15.6, 52.3]),
         ("2026", BLUE, [148.7, 76.5, 63.1, 43.2, 21.9, 16.4, 55.0])],
        ymax=160, ystep=20, unit="MRD. KR")

    grouped_bar_chart(
        os.path.join(outdir, "klyngemidler.png"),
        "CLUSTER PROGRAMME FUNDING 2014–2026",
        "STATE GRANTS PER YEAR, NOK MILLION. FICTIONAL FIGURES",
        [("14", ""), ("15", ""), ("16", ""), ("17", ""), ("18", ""),
         ("19", ""), ("20", ""), ("21", ""), ("22", ""), ("23", ""),
         ("24", ""), ("25", ""), ("26", "")],
        [("GRANTS", BLUE, [96, 104, 118, 127, 137, 141, 156, 149, 138, 131,
                           134, 142, 150])],
        ymax=180, ystep=30, unit="NOK MILLION")


if __name__ == "__main__":
    main()
