#!/usr/bin/env python3
# The EPUB's printed page numbers against the PDF made from the same pack:
# the nav's page-list has one entry per PDF page, in order, labelled 1..N,
# each leading to a page-break marker (epub:type pagebreak, role
# doc-pagebreak, aria-label = the label); and the words that follow a
# marker in the XHTML begin that page's text in the PDF.
#
#   pagelist.py FILE.epub FILE.pdf
#
# Prints one line per problem and a summary ("pages N, sampled M"); exits
# 1 when there is a problem. Uses pdftotext and pdfinfo.
# SPDX-License-Identifier: MIT

import html
import re
import subprocess
import sys
import unicodedata
import zipfile

WORDS = 3          # words after a marker that must begin the page
NEAR = 600         # ... within this many characters of the page's start

MARKER = re.compile(r'<span epub:type="pagebreak" role="doc-pagebreak" '
                    r'id="([^"]+)" aria-label="([^"]*)"/>')


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                         check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def squash(s):
    """Text for comparing: NFC, no soft hyphens, no white space, and a
    hyphen at a line's end joined (pdftotext keeps it)."""
    s = unicodedata.normalize("NFC", s).replace("\u00ad", "")
    s = re.sub(r"-\n", "", s)
    # Scripts the bundled fonts lack are left out of the PDF (a warning).
    s = re.sub("[\u2e80-\uffef]", "", s)
    return re.sub(r"\s+", "", s)


def page_text(pdf, n):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n),
                           "-l", str(n), pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


def following(doc, end):
    """The markup after a marker up to the next marker, the notes or the
    end of the section, as text."""
    rest = doc[end:]
    stop = len(rest)
    for pat in (MARKER, re.compile(r'<hr class="notes"/>'),
                re.compile(r"</section>"),
                re.compile(r'<nav epub:type="(landmarks|page-list)"')):
        m = pat.search(rest)
        if m and m.start() < stop:
            stop = m.start()
    rest = rest[:stop]
    # Hidden things the PDF does not print as text.
    rest = re.sub(r"<[^>]+>", " ", rest)
    return html.unescape(rest).split()


def main():
    epub, pdf = sys.argv[1], sys.argv[2]
    problems = []
    npages = pdf_pages(pdf)
    z = zipfile.ZipFile(epub)
    nav = z.read("EPUB/nav.xhtml").decode()
    m = re.search(r'<nav epub:type="page-list" role="doc-pagelist"[^>]*>'
                  r'(.*?)</nav>', nav, re.S)
    if not m:
        print("no page-list in nav.xhtml")
        return 1
    entries = re.findall(r'<li><a href="([^"#]+)#([^"]+)">([^<]*)</a></li>',
                         m.group(1))
    if len(entries) != npages:
        problems.append("page-list has %d entries, the PDF %d pages" %
                        (len(entries), npages))
    labels = [e[2] for e in entries]
    if labels != [str(k) for k in range(1, len(labels) + 1)]:
        problems.append("page-list labels are not 1..N in order: %s" %
                        " ".join(labels[:20]))
    docs = {}
    sampled = 0
    # The contents' pages all begin at the top of the nav document (its
    # lists admit nothing between their entries): the words that follow
    # the last of them begin the first.
    nav_pages = [k for k, e in enumerate(entries, 1) if e[0] == "nav.xhtml"]
    for k, (href, mid, label) in enumerate(entries, 1):
        if href not in docs:
            docs[href] = z.read("EPUB/" + href).decode()
        doc = docs[href]
        mk = None
        for cand in MARKER.finditer(doc):
            if cand.group(1) == mid:
                mk = cand
                break
        if mk is None:
            problems.append("page %s: no marker %s#%s" % (label, href, mid))
            continue
        if mk.group(2) != label:
            problems.append("page %s: marker labelled %r" % (label,
                                                             mk.group(2)))
        words = following(doc, mk.end())[:WORDS]
        # A figure's caption is printed under the picture.
        figure = doc[mk.end():].lstrip().startswith("<figure")
        if k > npages:
            break
        # A page with nothing of its own (a blank page: the next marker
        # follows at once; notes carried over) has nothing to sample, and
        # prints little: header, footer, marking, a line saying so.
        if not words:
            if (href != "nav.xhtml" and
                    doc[mk.end():].startswith("<span epub:type=\"pagebreak\"")
                    and len(page_text(pdf, k).split()) > 20):
                problems.append("page %s: the marker of the next page "
                                "follows at once, but the PDF page has "
                                "text" % label)
            continue
        want = squash(" ".join(words))
        text = squash(page_text(pdf, k))
        at = text.find(want)
        for j in nav_pages if href == "nav.xhtml" else []:
            if at < 0 or at > NEAR:
                text = squash(page_text(pdf, j))
                at = text.find(want)
        if at < 0 or (at > NEAR and not figure):
            # pdftotext may read a table's cells, or a running header
            # between lines, in another order: then the words one by one.
            at1, found = 0, True
            for w in words:
                at1 = text.find(squash(w), at1)
                if at1 < 0 or at1 > 2 * NEAR:
                    found = False
                    break
            if found:
                sampled += 1
                continue
            problems.append("page %s (%s#%s): %r %s" % (
                label, href, mid, " ".join(words),
                "not on the PDF page" if at < 0 else
                "not near the start of the PDF page (at %d)" % at))
            continue
        sampled += 1
    for p in problems:
        print(p)
    print("pages %d, sampled %d" % (npages, sampled))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
