#!/usr/bin/env python3
# Questions the end-to-end tests ask about PDFs, Markdown articles and
# manifests, answered with poppler-utils and the standard library only.
# SPDX-License-Identifier: MIT
"""
usage: pdfq.py COMMAND ARGS...

  pages PDF                      number of pages (pdfinfo)
  find PDF PHRASE [--exact] [--from N]
                                 pages (one per line) whose text holds PHRASE
  has PDF PAGE PHRASE [--exact]  exit 0 when page PAGE holds PHRASE
  marking PDF TEXT               TEXT near the top and near the bottom of
                                 every page; failures listed, exit 1
  fonts PDF [--subset]           every font embedded (and subset); exit 1
  toc PDF WORD                   the contents page (first page with WORD in
                                 its first lines): "contents N", then one
                                 "PAGE<TAB>TITLE<TAB>yes|no" line per line
                                 ending in a number; yes when dot leaders
                                 (text or small drawn dots) fill the gap
  blanks PDF MSG [-f FILE|PHRASE...]
                                 per page: "N<TAB>msg|-<TAB>other words",
                                 the words being those not in MSG, not in
                                 a PHRASE (page furniture), not digits
  each-page PDF FROM TEMPLATE    pages FROM..N lacking TEMPLATE ({i}: the
                                 page, {n}: the count); exit 1 if any
  outline-has PDF (-f FILE|PHRASE...)
                                 every PHRASE is an entry of the outline
  headings ARTICLE.md            the article's headings, levels 2 to 6
  datestr LANG YYYY-MM-DD        the date written out (nb/nn, en)
  flush PDF FIRST LAST           the lines from the first line starting
                                 with word FIRST to the line before the one
                                 holding word LAST (same page) end at one x
                                 (justified); exit 1 naming a ragged one
  title ARTICLE.md               the article's title by the SPEC's rule
  manifest FILE.yaml             "key<TAB>value" per scalar key and
                                 "article<TAB>path" (resolved) per article

A PHRASE matches as a run of words (lower-cased letters and digits, NFC,
line-end hyphenation joined), so line breaks and punctuation do not matter;
with --exact it must appear as written, with runs of white space as one.
"""

import os
import re
import subprocess
import sys
import unicodedata

WORD_RE = re.compile(r"[^\W_]+")
HYPHEN_EOL = re.compile(r"([^\W_])[-\u2010\u2011\u00ad][ \t]*\n[ \t]*(?=[^\W_])")


def run(args):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.stderr.write("pdfq.py: %s failed: %s\n" % (
            " ".join(args), r.stderr.decode("utf-8", "replace").strip()))
        sys.exit(2)
    return r.stdout.decode("utf-8", "replace")


def norm(s):
    return unicodedata.normalize("NFC", s).replace("\u00ad", "")


def tokens(s):
    s = unicodedata.normalize("NFC", s).lower()
    s = HYPHEN_EOL.sub(r"\1", s).replace("\u00ad", "")
    return WORD_RE.findall(s)


def squash(s):
    return " ".join(norm(s).split())


def page_count(pdf):
    m = re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]), re.M)
    return int(m.group(1)) if m else 0


def page_texts(pdf, layout=False):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    pages = run(args + [pdf, "-"]).split("\f")
    n = page_count(pdf)
    return pages[:n] + [""] * (n - len(pages))


def contains(text, phrase, exact=False):
    if exact:
        return squash(phrase) in squash(text)
    want = tokens(phrase)
    have = tokens(text)
    if not want:
        return False
    for i in range(len(have) - len(want) + 1):
        if have[i:i + len(want)] == want:
            return True
    return False


def cmd_find(args):
    exact = "--exact" in args
    args = [a for a in args if a != "--exact"]
    start = 1
    if "--from" in args:
        k = args.index("--from")
        start = int(args[k + 1])
        del args[k:k + 2]
    pdf, phrase = args
    for i, t in enumerate(page_texts(pdf), 1):
        if i >= start and contains(t, phrase, exact):
            print(i)
    return 0


def cmd_has(args):
    exact = "--exact" in args
    args = [a for a in args if a != "--exact"]
    pdf, page, phrase = args
    texts = page_texts(pdf)
    p = int(page)
    return 0 if 1 <= p <= len(texts) and contains(texts[p - 1], phrase,
                                                   exact) else 1


WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">([^<]*)</word>')
PAGE_BOX = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def cmd_marking(args):
    pdf, text = args
    want = tokens(text)[0] if tokens(text) else text.lower()
    out = run(["pdftotext", "-enc", "UTF-8", "-bbox", pdf, "-"])
    pages = out.split("<page ")[1:]
    bad = []
    for i, p in enumerate(pages, 1):
        m = PAGE_BOX.search("<page " + p)
        h = float(m.group(2)) if m else 841.89
        top = bottom = False
        ys = []
        for w in WORD_BOX.finditer(p):
            y0, y1 = float(w.group(2)), float(w.group(4))
            ys.append((y0, y1))
            if tokens(w.group(5)) and tokens(w.group(5))[0] == want:
                if y0 < 0.12 * h:
                    top = True
                if y1 > 0.88 * h:
                    bottom = True
        if not top:
            bad.append("page %d: no \"%s\" in the top 12%% of the page" % (i, text))
        if not bottom:
            bad.append("page %d: no \"%s\" in the bottom 12%% of the page" % (i, text))
    if len(pages) != page_count(pdf):
        bad.append("pdftotext -bbox gave %d pages, pdfinfo says %d"
                   % (len(pages), page_count(pdf)))
    for b in bad:
        print(b)
    return 1 if bad or not pages else 0


def bundled_names(folder):
    """PostScript names of the fonts in folder (fc-query)."""
    names = set()
    for f in sorted(os.listdir(folder)):
        if f.endswith((".ttf", ".otf")):
            names.add(run(["fc-query", "-f", "%{postscriptname}\n",
                           os.path.join(folder, f)]).split("\n")[0])
    return names


def cmd_fonts(args):
    """fonts PDF [--subset] [--bundled DIR]: every font embedded (and
    subset; and one of DIR's fonts, by PostScript name)."""
    subset = "--subset" in args
    bundled = None
    if "--bundled" in args:
        i = args.index("--bundled")
        bundled = bundled_names(args[i + 1])
        args = args[:i] + args[i + 2:]
    pdf = [a for a in args if a != "--subset"][0]
    lines = run(["pdffonts", pdf]).splitlines()
    if len(lines) < 2 or not lines[1].startswith("---"):
        print("pdffonts printed no table")
        return 1
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[1])]
    bad = []
    rows = 0
    for ln in lines[2:]:
        if not ln.strip():
            continue
        rows += 1
        cols = [ln[a:b + 1].strip() for a, b in spans]
        name, emb, sub = cols[0], cols[3], cols[4]
        if emb != "yes":
            bad.append("not embedded: " + ln)
        elif subset and sub != "yes":
            bad.append("not subset: " + ln)
        elif bundled is not None and name.split("+")[-1] not in bundled:
            bad.append("not a bundled font: " + ln)
    if rows == 0:
        bad.append("no fonts at all (text drawn as paths?)")
    for b in bad:
        print(b)
    return 1 if bad else 0


def bbox_lines(pdf, page):
    """Lines of words on a page: lists of (x0, y0, x1, y1, text), top down."""
    out = run(["pdftotext", "-enc", "UTF-8", "-bbox", "-f", str(page), "-l",
               str(page), pdf, "-"])
    ws = [(float(m.group(1)), float(m.group(2)), float(m.group(3)),
           float(m.group(4)), html_unescape(m.group(5)))
          for m in WORD_BOX.finditer(out)]
    ws.sort(key=lambda w: (round(w[3]), w[0]))
    lines = []
    for w in ws:
        if lines and abs(lines[-1][-1][3] - w[3]) < 2.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w[0])
    return lines


def html_unescape(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#39;", "'").replace("&amp;", "&"))


TRACE_PATH = re.compile(r"<fill_path .*?</fill_path>", re.S)
TRACE_XY = re.compile(r'\b(?:x|x1|x2|x3)="([-\d.]+)" (?:y|y1|y2|y3)="([-\d.]+)"')


def dot_paths(pdf, page):
    """Centres of small filled shapes (leader dots drawn as paths)."""
    r = subprocess.run(["mutool", "trace", pdf, str(page)],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    dots = []
    for m in TRACE_PATH.finditer(r.stdout.decode("utf-8", "replace")):
        # Several dots may share one path: split at each moveto.
        for sub in re.split(r"<moveto ", m.group(0))[1:]:
            pts = [(float(x), float(y)) for x, y in
                   TRACE_XY.findall("<moveto " + sub)]
            if not pts:
                continue
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if max(xs) - min(xs) < 4 and max(ys) - min(ys) < 4:
                dots.append(((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2))
    return dots


TRACE_SEG = re.compile(r"<(moveto|lineto|curveto) ([^>]*)/>")


def cmd_flush(args):
    pdf, first, last = args
    for page in range(1, page_count(pdf) + 1):
        lines = bbox_lines(pdf, page)
        starts = [i for i, ln in enumerate(lines) if ln[0][4] == first]
        if not starts:
            continue
        ends = [i for i, ln in enumerate(lines)
                if i > starts[0] and any(w[4].startswith(last) for w in ln)]
        if not ends:
            break
        body = lines[starts[0]:ends[0]]
        right = max(ln[-1][2] for ln in body)
        bad = [ln for ln in body if right - ln[-1][2] > 1.0]
        for ln in bad:
            print("page %d: ragged by %.1f pt: %s" % (
                page, right - ln[-1][2], " ".join(w[4] for w in ln)))
        return 1 if bad or len(body) < 2 else 0
    print("no lines from %r to %r on one page" % (first, last))
    return 1


def cmd_tails(args):
    """tails PDF: dots (small closed curves) that a straight segment runs
    into, the mark of a path not reset before a dot (a stray hairline)."""
    pdf, = args
    r = subprocess.run(["mutool", "trace", pdf],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    found = 0
    for n, pg in enumerate(r.stdout.decode("utf-8", "replace")
                           .split("<page ")[1:], 1):
        for m in TRACE_PATH.finditer(pg):
            for sub in re.split(r"(?=<moveto )", m.group(0))[1:]:
                segs = TRACE_SEG.findall(sub)
                kinds = [k for k, _ in segs]
                if "curveto" not in kinds or "lineto" not in kinds:
                    continue
                last_line = max(i for i, k in enumerate(kinds) if k == "lineto")
                if last_line > kinds.index("curveto"):
                    continue  # a line after the curves: a rounded shape
                pts = [(float(x), float(y)) for _, a in segs[last_line + 1:]
                       for x, y in TRACE_XY.findall(a)]
                xs = [p[0] for p in pts]
                ys = [p[1] for p in pts]
                if pts and max(xs) - min(xs) < 4 and max(ys) - min(ys) < 4:
                    print("page %d: a line runs into the dot at %.1f %.1f"
                          % (n, xs[0], ys[0]))
                    found += 1
    return 1 if found else 0


def cmd_toc(args):
    pdf, word = args
    plain = page_texts(pdf)
    where = None
    for i, t in enumerate(plain, 1):
        head = " ".join(t.split("\n")[:8])
        if word.lower() in tokens(head):
            where = i
            break
    if where is None:
        print("contents none")
        return 1
    print("contents %d" % where)
    dots = dot_paths(pdf, where)
    pending = ""
    prev_y = None
    for ln in bbox_lines(pdf, where):
        last = ln[-1]
        y0, y1 = min(w[1] for w in ln), max(w[3] for w in ln)
        if prev_y is not None and y0 - prev_y > 1.5 * (y1 - y0):
            pending = ""
        prev_y = y1
        if not (re.fullmatch(r"\d+", last[4]) and len(ln) >= 2):
            pending = (pending + " " + " ".join(w[4] for w in ln)).strip()
            continue
        textw = [w for w in ln[:-1] if not re.fullmatch(r"[.·…]+", w[4])]
        title = " ".join(w[4] for w in textw)
        gap0 = max(w[2] for w in textw) if textw else ln[0][0]
        gap1 = last[0]
        n_text = sum(1 for w in ln[:-1] if re.fullmatch(r"[.·…]+", w[4]))
        n_path = sum(1 for x, y in dots
                     if gap0 - 1 <= x <= gap1 + 1 and y0 - 2 <= y <= y1 + 2)
        leaders = "yes" if n_text >= 1 or n_path >= 3 else "no"
        print("%s\t%s\t%s" % (last[4], " ".join((pending + " " + title).split()),
                              leaders))
        pending = ""
    return 0


def cmd_each_page(args):
    """each-page PDF FROM TEMPLATE: pages FROM..N lacking TEMPLATE, where
    {i} is the page number and {n} the page count (exact match)."""
    pdf, first, template = args[0], int(args[1]), args[2]
    texts = page_texts(pdf)
    n = len(texts)
    bad = [str(i) for i in range(first, n + 1)
           if not contains(texts[i - 1], template.format(i=i, n=n), True)]
    if bad:
        print("pages without \"%s\": %s" % (template, " ".join(bad)))
    return 1 if bad or n == 0 else 0


def outline_titles(pdf):
    r = subprocess.run(["mutool", "show", pdf, "outline"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    titles = []
    for ln in r.stdout.decode("utf-8", "replace").splitlines():
        m = re.search(r'"(.*)"\t', ln) or re.search(r'"(.*)"', ln)
        if m:
            titles.append(m.group(1).replace('\\"', '"'))
    return titles


def cmd_outline_has(args):
    """outline-has PDF PHRASE...: every PHRASE is an outline entry."""
    pdf, phrases = args[0], phrase_args(args[1:])
    have = [tokens(t) for t in outline_titles(pdf)]
    missing = [p for p in phrases if tokens(p) not in have]
    for p in missing:
        print("not in the outline: " + p)
    if missing:
        print("outline: " + " | ".join(outline_titles(pdf)))
    return 1 if missing or not have else 0


def cmd_headings(args):
    """headings ARTICLE.md: its headings of level 2 to 6, one a line."""
    with open(args[0], encoding="utf-8", errors="replace") as f:
        _meta, body = read_front(f.read())
    lines = body.split("\n")
    fence = False
    for k, ln in enumerate(lines):
        if re.match(r"^ {0,3}(`{3,}|~{3,})", ln):
            fence = not fence
        if fence:
            continue
        m = re.match(r"^ {0,3}(#{2,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", ln)
        if (not m and k + 1 < len(lines) and ln.strip()
                and re.match(r"^ {0,3}-{2,}\s*$", lines[k + 1])
                and not re.match(r"^\s*([-*+]|\d+[.)]|>|\|)", ln)
                and (k == 0 or not lines[k - 1].strip())):
            print(strip_inline(ln.strip()))
        elif m:
            print(strip_inline(m.group(2)))
    return 0


def strip_inline(s):
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return re.sub(r"[*_`~]", "", s)


MONTHS = {
    "nb": "januar februar mars april mai juni juli august september oktober "
          "november desember",
    "en": "January February March April May June July August September "
          "October November December",
}


def cmd_datestr(args):
    """datestr LANG YYYY-MM-DD: the date written out as the cover shows it."""
    lang, date = args
    y, m, d = (int(x) for x in date[:10].split("-"))
    primary = lang.split("-")[0].lower()
    if primary == "en":
        print("%d %s %d" % (d, MONTHS["en"].split()[m - 1], y))
    else:
        print("%d. %s %d" % (d, MONTHS["nb"].split()[m - 1], y))
    return 0


def phrase_args(args):
    """Phrases given as arguments, or one a line in a file after -f."""
    if len(args) == 2 and args[0] == "-f":
        with open(args[1], encoding="utf-8") as f:
            return [ln.rstrip("\n") for ln in f if ln.strip()]
    return args


def cmd_blanks(args):
    """blanks PDF MESSAGE [-f FILE | PHRASE...]: per page, whether it shows
    MESSAGE and the words on it that are neither MESSAGE, nor in a PHRASE
    (page furniture: marking, titles, footer words), nor digits."""
    pdf, msg, phrases = args[0], args[1], phrase_args(args[2:])
    allowed = set(tokens(msg))
    for p in phrases:
        allowed.update(tokens(p))
    for i, t in enumerate(page_texts(pdf), 1):
        rest = [w for w in tokens(t) if w not in allowed and not w.isdigit()]
        print("%d\t%s\t%s" % (i, "msg" if contains(t, msg) else "-",
                              " ".join(rest)))
    return 0


def read_front(md):
    lines = md.split("\n")
    meta = {}
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                break
            m = re.match(r"^([A-Za-z_][\w-]*):[ \t]*(.*?)\s*$", lines[i])
            if m:
                v = m.group(2)
                if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                    v = v[1:-1]
                meta[m.group(1)] = v
        else:
            return {}, md
        return meta, "\n".join(lines[i + 1:])
    return meta, md


def cmd_title(args):
    path = args[0]
    with open(path, encoding="utf-8", errors="replace") as f:
        meta, body = read_front(f.read())
    if meta.get("title"):
        print(meta["title"])
        return 0
    in_fence = False
    for ln in body.split("\n"):
        if re.match(r"^ {0,3}(`{3,}|~{3,})", ln):
            in_fence = not in_fence
        if in_fence:
            continue
        m = re.match(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", ln)
        if m:
            print(re.sub(r"[*_`]", "", m.group(1)))
            return 0
    print(re.sub(r"\.md$", "", os.path.basename(path)))
    return 0


def cmd_manifest(args):
    path = args[0]
    base = os.path.dirname(path)
    in_articles = False
    with open(path, encoding="utf-8") as f:
        for ln in f:
            ln = re.sub(r"\s+#.*$", "", ln.rstrip("\n"))
            if not ln.strip():
                continue
            m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*?)\s*$", ln)
            if m:
                in_articles = m.group(1) == "articles"
                v = m.group(2)
                if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                    v = v[1:-1]
                if v:
                    print("%s\t%s" % (m.group(1), v))
                continue
            m = re.match(r"^\s*-\s+(?:path:\s*)?(.*?)\s*$", ln)
            if in_articles and m:
                v = m.group(1).strip("\"'")
                print("article\t%s" % os.path.normpath(os.path.join(base, v)))
    return 0


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "pages":
        print(page_count(args[0]))
        return 0
    table = {"find": cmd_find, "has": cmd_has, "marking": cmd_marking,
             "fonts": cmd_fonts, "toc": cmd_toc, "tails": cmd_tails,
             "blanks": cmd_blanks,
             "title": cmd_title, "manifest": cmd_manifest,
             "each-page": cmd_each_page, "outline-has": cmd_outline_has,
             "headings": cmd_headings, "datestr": cmd_datestr,
             "flush": cmd_flush}
    if cmd not in table:
        sys.stderr.write(__doc__)
        return 2
    return table[cmd](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
