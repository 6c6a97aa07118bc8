#!/usr/bin/env python3
# Word coverage: every word of a Markdown article appears in the text that
# pdftotext extracts from its PDF, in the same order.
# SPDX-License-Identifier: MIT
"""
usage: words.py [-v] ARTICLE.md (FILE.pdf | --text FILE.txt)

Words are runs of letters and digits (any script, so æøå count), compared
lower-cased after Unicode NFC. On the PDF side, soft hyphens are removed,
ligatures expanded and words hyphenated at a line end ("ord-\\nbeta") joined,
also when a page footer and header come between the halves.

What is compared:
  * the body, in order: Markdown syntax, link targets, image paths and alt
    texts, reference definitions, footnote labels, list numbers, task boxes,
    fence info strings and HTML comments are left out;
  * each footnote definition, each table cell and the front matter's title,
    subtitle, author and abstract: each in its own order, anywhere
    in the PDF (they may be placed away from the body: notes at the page
    foot, cells read row by row or column by column).

Exit status: 0 all found, 1 words missing (listed on stderr), 2 usage error.
"""

import bisect
import html
import re
import subprocess
import sys
import unicodedata

WORD_RE = re.compile(r"[^\W_]+")
# A word broken at a hyphen at a line end, or at a soft hyphen anywhere
# (pdftotext keeps U+00AD and may put other text before the rest).
HYPHEN_DANGLING = re.compile(r"([^\W_]+)(?:[-\u2010\u2011][ \t]*\n|\u00ad)")
LIGATURES = re.compile("[\ufb00-\ufb06]")
# How far past a dangling hyphen the rest of the word may be (characters
# of the word stream: a footer, a header and a marking fit easily).
DANGLING_REACH = 400


def norm(s, keep_shy=False):
    s = unicodedata.normalize("NFC", s)
    if not keep_shy:
        s = s.replace("\u00ad", "")
    s = LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), s)
    return s.lower()


def words(s):
    return WORD_RE.findall(norm(s))


# ---------------------------------------------------------------------------
# Markdown side

FENCE_RE = re.compile(r"^( {0,3}(?:>[ ]?)*)\s*(`{3,}|~{3,})(.*)$")
FOOTDEF_RE = re.compile(r"^ {0,3}\[\^([^\]]+)\]:[ \t]?(.*)$")
REFDEF_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")
DELIM_ROW_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
LIST_NUM_RE = re.compile(r"^(\s*(?:>\s*)*)(\d{1,9})([.)])(?=\s|$)")
BULLET_RE = re.compile(r"^(\s*(?:>\s*)*)([-*+])(?=\s)")
TASK_RE = re.compile(r"^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+)\[[ xX]\](?=\s)")
IMAGE_INLINE_RE = re.compile(
    r"!\[(?:[^\]\\]|\\.)*\]\((?:[^()\s]|\([^()]*\))*"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
IMAGE_REF_RE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\[[^\]]*\]")
LINK_INLINE_RE = re.compile(
    r"\]\(\s*<?(?:[^()\s<>]|\([^()]*\))*>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
LINK_REF_RE = re.compile(r"\]\[[^\]]*\]")
FOOTREF_RE = re.compile(r"\[\^[^\]\s]+\]")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
CODESPAN_RE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def inline_text(line):
    """The displayed text of one line of inline Markdown (roughly)."""
    out = []
    pos = 0
    for m in CODESPAN_RE.finditer(line):
        out.append(inline_plain(line[pos:m.start()]))
        out.append(" " + m.group(2) + " ")
        pos = m.end()
    out.append(inline_plain(line[pos:]))
    return "".join(out)


def inline_plain(s):
    s = IMAGE_INLINE_RE.sub(" ", s)
    s = IMAGE_REF_RE.sub(" ", s)
    s = FOOTREF_RE.sub(" ", s)
    s = LINK_INLINE_RE.sub("] ", s)
    s = LINK_REF_RE.sub("] ", s)
    s = ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), s)
    return s


def parse_front_matter(lines):
    """Split off front matter. Returns (units, index of first body line)."""
    if not lines or lines[0].rstrip() != "---":
        return [], 0
    end = None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            end = i
            break
    if end is None:
        return [], 0
    units = []
    wanted = ("title", "subtitle", "author", "abstract", "summary")
    i = 1
    while i < end:
        m = re.match(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$", lines[i])
        i += 1
        if not m or m.group(1) not in wanted:
            continue
        key, val = m.group(1), m.group(2).strip()
        parts = []
        if val in ("", "|", ">", "|-", ">-", "|+", ">+"):
            # Block scalar or block sequence: the indented lines after it.
            while i < end and (lines[i].startswith((" ", "\t", "-"))
                               or not lines[i].strip()):
                item = lines[i].strip()
                if item.startswith("- "):
                    item = item[2:]
                parts.append(item)
                i += 1
        elif val.startswith("[") and val.endswith("]"):
            parts = [p.strip() for p in val[1:-1].split(",")]
        else:
            parts = [val]
        text = " ".join(p.strip("\"'") for p in parts)
        ws = words(text)
        if ws:
            units.append(("front matter " + key, [(w, i) for w in ws]))
    return units, end + 1


def md_units(md):
    """Returns (body words, side units); words are (word, line) pairs."""
    md = COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), md)
    lines = md.split("\n")
    side, first = parse_front_matter(lines)
    body = []
    fence = None          # (char, length) while inside a fenced block
    foot = None           # words of the footnote being read
    i = first
    n = len(lines)
    while i < n:
        line = lines[i]
        lineno = i + 1
        if fence is not None:
            m = FENCE_RE.match(line)
            if (m and m.group(2)[0] == fence[0] and len(m.group(2)) >= fence[1]
                    and not m.group(3).strip()):
                fence = None
            else:
                target = foot if foot is not None else body
                target.extend((w, lineno) for w in words(line))
            i += 1
            continue
        m = FENCE_RE.match(line)
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            fence = (m.group(2)[0], len(m.group(2)))
            i += 1
            continue
        m = FOOTDEF_RE.match(line)
        if m:
            foot = []
            side.append(("footnote [^%s] (line %d)" % (m.group(1), lineno),
                         foot))
            foot.extend((w, lineno) for w in words(inline_text(m.group(2))))
            i += 1
            continue
        if foot is not None:
            if line.strip() == "" or line.startswith(("    ", "\t")):
                foot.extend((w, lineno) for w in words(inline_text(line)))
                i += 1
                continue
            foot = None
        if REFDEF_RE.match(line):
            i += 1
            continue
        if ("|" in line and i + 1 < n and DELIM_ROW_RE.match(lines[i + 1])
                and "-" in lines[i + 1]):
            i = read_table(lines, i, side)
            continue
        line = TASK_RE.sub(r"\1", line)
        line = LIST_NUM_RE.sub(r"\1", line)
        body.extend((w, lineno) for w in words(inline_text(line)))
        i += 1
    return body, side


def split_cells(row):
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells, cur, in_code = [], [], False
    k = 0
    while k < len(row):
        ch = row[k]
        if ch == "\\" and k + 1 < len(row) and row[k + 1] == "|":
            cur.append("|")
            k += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        k += 1
    cells.append("".join(cur))
    return cells


def read_table(lines, i, side):
    """Each cell of the table starting at lines[i] becomes a side unit."""
    rows = [i] + list(range(i + 2, len(lines)))
    end = i + 2
    for r in rows:
        if r >= i + 2 and (not lines[r].strip()):
            break
        end = r + 1
        for c, cell in enumerate(split_cells(lines[r])):
            ws = words(inline_text(cell))
            if ws:
                side.append(("table cell, line %d column %d" % (r + 1, c + 1),
                             [(w, r + 1) for w in ws]))
    return end


# ---------------------------------------------------------------------------
# PDF side

class Stream:
    """The PDF's words run together, with the position where each starts."""

    def __init__(self, text):
        # Words are run together, so "ord-\nbeta" already reads "ordbeta":
        # a word may start at any word start and run on over line breaks
        # and hyphens. Hyphenated halves are also kept as fragments for
        # when a footer and header, or another table cell, sit between.
        # Soft hyphens stay: they split words (the run-together stream
        # is the same) and mark fragments.
        text = norm(text, keep_shy=True)
        self.text = text
        parts, starts, offsets = [], [], []
        pos = 0
        for m in WORD_RE.finditer(text):
            starts.append(pos)
            offsets.append(m.start())
            parts.append(m.group(0))
            pos += len(m.group(0))
        self.s = "".join(parts)
        self.starts = starts
        self.start_set = set(starts)
        self.offsets = offsets
        # Dangling hyphenated fragments: stream start and end of each.
        by_offset = dict(zip(offsets, starts))
        self.frags = []
        for m in HYPHEN_DANGLING.finditer(text):
            st = by_offset.get(m.start(1))
            if st is not None:
                self.frags.append((st, st + len(m.group(1))))
        self.frag_starts = [f[0] for f in self.frags]

    def find_word(self, w, cur, limit=None):
        """First position >= cur where a word of the PDF begins with w."""
        p = self.s.find(w, cur, limit if limit is not None else len(self.s))
        while p != -1 and p not in self.start_set:
            p = self.s.find(w, p + 1,
                            limit if limit is not None else len(self.s))
        return p

    def match(self, w, cur):
        """(start, end) of the earliest place w can match from cur, or None."""
        if cur > 0 and self.s.startswith(w, cur):
            return cur, cur + len(w)   # run-on: "foo*bar*baz" -> foobarbaz
        p = self.find_word(w, cur)
        best = (p, p + len(w)) if p != -1 else None
        # A word split over a page by a hyphen: "ord-" ... footer ... "beta".
        k = bisect.bisect_left(self.frag_starts, cur)
        while k < len(self.frags):
            fs, fe = self.frags[k]
            if best is not None and fs >= best[0]:
                break
            frag = self.s[fs:fe]
            if len(frag) < len(w) and w.startswith(frag):
                rest = w[len(frag):]
                q = self.find_word(rest, fe, fe + DANGLING_REACH + len(rest))
                if q != -1:
                    return fs, q + len(rest)
            k += 1
        return best

    def context(self, pos, width=70):
        """Some PDF text around stream position pos, for messages."""
        k = bisect.bisect_right(self.starts, pos) - 1
        off = self.offsets[k] if 0 <= k < len(self.offsets) else 0
        snippet = self.text[max(0, off - width):off + width]
        return " ".join(snippet.split())


def match_sequence(stream, seq, cur=0):
    """Match words in order from cur. Returns list of misses (index, cur).

    Greedy, with one kind of second try: when a word is not found, the
    last few words joined with it are looked for as one PDF word, for
    text that pdftotext joins ("en-GB" broken at its hyphen reads "enGB").
    """
    misses = []
    starts = []          # (index, start) of each matched word
    for idx, (w, _line) in enumerate(seq):
        m = stream.match(w, cur)
        if m is None:
            for k in range(1, 4):
                if len(starts) < k or starts[-k][0] != idx - k:
                    break
                joined = "".join(x for x, _ in seq[idx - k:idx + 1])
                p = stream.find_word(joined, starts[-k][1])
                if p != -1:
                    m = (p, p + len(joined))
                    break
        if m is None:
            misses.append((idx, cur))
            continue
        starts.append((idx, m[0]))
        cur = m[1]
    return misses


def describe(seq, idx):
    before = " ".join(w for w, _ in seq[max(0, idx - 4):idx])
    after = " ".join(w for w, _ in seq[idx + 1:idx + 3])
    return "line %d: \"%s\"  (in: ... %s [%s] %s ...)" % (
        seq[idx][1], seq[idx][0], before, seq[idx][0], after)


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.stderr.write("words.py: pdftotext failed on %s: %s\n"
                         % (path, r.stderr.decode("utf-8", "replace")))
        sys.exit(2)
    return r.stdout.decode("utf-8", "replace")


def main(argv):
    verbose = False
    if argv and argv[0] == "-v":
        verbose = True
        argv = argv[1:]
    if len(argv) == 3 and argv[1] == "--text":
        md_path, src = argv[0], argv[2]
        with open(src, encoding="utf-8", errors="replace") as f:
            text = f.read()
    elif len(argv) == 2:
        md_path, src = argv
        text = pdf_text(src)
    else:
        sys.stderr.write(__doc__)
        return 2
    with open(md_path, encoding="utf-8", errors="replace") as f:
        md = f.read()
    body, side = md_units(md)
    stream = Stream(text)
    problems = []
    total = len(body)
    misses = match_sequence(stream, body)
    for idx, cur in misses:
        problems.append("body " + describe(body, idx)
                        + "\n      PDF text near the last match: \""
                        + stream.context(cur) + "\"")
    for label, seq in side:
        total += len(seq)
        for idx, cur in match_sequence(stream, seq):
            problems.append(label + ": " + describe(seq, idx))
    if total == 0 and md.strip():
        problems.append("no words found in the Markdown (is it empty?)")
    if problems:
        sys.stderr.write("words.py: %s: %d of %d words not found in order in %s:\n"
                         % (md_path, len(problems), total, src))
        for p in problems[:15]:
            sys.stderr.write("  " + p + "\n")
        if len(problems) > 15:
            sys.stderr.write("  ... and %d more\n" % (len(problems) - 15))
        return 1
    if verbose:
        sys.stderr.write("words.py: %s: all %d words found (%d side units)\n"
                         % (md_path, total, len(side)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
