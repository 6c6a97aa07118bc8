#!/usr/bin/env python3
"""Generate the benchmark corpus: N articles (default 200, about ten
A4 pages each), bokmål and English, with tables, lists, code, footnotes
and an image; deterministic for a given N. Writes DIR/*.md, DIR/pack.yaml
and DIR/img/chart.png.

usage: gen.py DIR [N]
SPDX-License-Identifier: MIT
"""
import os
import random
import struct
import sys
import zlib

NB = ("næringsklynge innovasjon eksport havbruk fiskeri leverandørindustri "
      "verdiskaping kompetanse distriktspolitikk forskning samarbeid "
      "omstilling energi kraftnett industri digitalisering regelverk "
      "departementet regjeringen budsjettet kommunene fylkene bedriftene "
      "arbeidsplasser produktivitet konkurranseevne markedet").split()
EN = ("cluster innovation export aquaculture fisheries supplier industry "
      "value creation competence regional policy research cooperation "
      "transition energy grid digitalisation regulation ministry government "
      "budget municipalities counties companies jobs productivity "
      "competitiveness market").split()
SMALL_NB = "og i på for med som det en av til er at den om har ikke".split()
SMALL_EN = "and in on for with as the a of to is that it about has not".split()


def png(path, w=600, h=300):
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            bar = (x // 60) % 5
            top = h - 40 - bar * 45
            on = y > top and x % 60 > 8
            row += bytes((30, 80, 140) if on else (245, 245, 245))
        rows.append(bytes(row))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(b"".join(rows), 9)))
        f.write(chunk(b"IEND", b""))


def sentence(rng, big, small):
    n = rng.randint(8, 22)
    ws = [rng.choice(big) if rng.random() < 0.35 else rng.choice(small)
          for _ in range(n)]
    ws[0] = ws[0].capitalize()
    return " ".join(ws) + "."


def article(rng, k, lang):
    big, small = (NB, SMALL_NB) if lang == "nb" else (EN, SMALL_EN)
    out = ["---", "title: %s %d" % ("Notat" if lang == "nb" else "Note", k),
           "lang: %s" % lang, "date: 2026-11-%02d" % (1 + k % 27),
           "author: Bench %d" % k, "source: https://example.org/%d" % k,
           "abstract: " + sentence(rng, big, small), "---", ""]
    notes = 0
    for sec in range(1, 11):
        out += ["## %s %d" % ("Del" if lang == "nb" else "Part", sec), ""]
        for p in range(rng.randint(3, 5)):
            para = " ".join(sentence(rng, big, small)
                            for _ in range(rng.randint(3, 6)))
            if rng.random() < 0.3:
                notes += 1
                para += "[^%d]" % notes
            out += [para, ""]
        kind = sec % 4
        if kind == 0:
            out += ["| %s | 2024 | 2025 | %% |" % big[0], "|---|--:|--:|--:|"]
            for r in range(rng.randint(6, 14)):
                out.append("| %s | %d | %d | %.1f |" % (
                    rng.choice(big), rng.randint(100, 9999),
                    rng.randint(100, 9999), rng.uniform(-9, 9)))
            out.append("")
        elif kind == 1:
            for i in range(rng.randint(3, 6)):
                out.append("- " + sentence(rng, big, small))
                if rng.random() < 0.3:
                    out.append("  - " + sentence(rng, big, small))
            out.append("")
        elif kind == 2:
            out += ["```", "for x in range(%d):" % k,
                    "    print(x, '%s')" % rng.choice(big), "```", ""]
        else:
            out += ["![%s](img/chart.png)" % rng.choice(big), ""]
    for n in range(1, notes + 1):
        out.append("[^%d]: %s" % (n, sentence(rng, big, small)))
    return "\n".join(out) + "\n"


def main():
    d = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    os.makedirs(os.path.join(d, "img"), exist_ok=True)
    png(os.path.join(d, "img", "chart.png"))
    rng = random.Random(2026)
    names = []
    for k in range(1, n + 1):
        name = "a%04d.md" % k
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(article(rng, k, "nb" if k % 2 else "en"))
        names.append(name)
    with open(os.path.join(d, "pack.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Benchmark pack\nlang: nb\ndate: 2026-11-27\n"
                "classification: BEGRENSET\narticles:\n")
        for name in names:
            f.write("  - %s\n" % name)


if __name__ == "__main__":
    main()
