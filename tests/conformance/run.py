#!/usr/bin/env python3
"""GFM conformance runner: every example of cmark-gfm's spec suites through
briefpack's whole pipeline, to PDF and EPUB (issue 7).

    tests/conformance/run.py [--spec-dir DIR] [--briefpack build/briefpack]
                             [--exceptions FILE] [--only FILE:N,...] [-v]

Files read (not copied into the repository): gfm-spec.txt,
gfm-extensions.txt, smart-punct.txt. An example is the text between a line
of 32 backticks + " example" and a line of 32 backticks; a line "." splits
the Markdown from the expected HTML; "→" is a tab. Examples are numbered per
file; the section is the nearest heading before the example.

Each example becomes an article with the front matter
    ---\ntitle: Example N\nlang: en\n---\n
(smart-punct.txt with smart punctuation on, the others with --no-smart).
Articles are converted in batches, `briefpack --each --outdir D -f pdf,epub
--report R -j 1 ...`, two batches at a time. A batch that crashes, times out
or exits with 2 is rerun one example per process so that the failure is
pinned on its example.

Checks per example
 1. run:  no crash, no timeout; exit 0, or 1 only with a warning/error
          message reported for that very article (read from --report).
 2. epub: the article's XHTML after the title block's </header> (up to the
          article's closing </section>) equals the expected HTML once both
          are normalised as below.
          Examples where briefpack sees raw HTML (our XHTML holds
          class="raw-html", or the expected HTML holds an HTML comment,
          which briefpack drops) are held instead to "raw":
            - no element outside the writer's own vocabulary, no on*
              attribute, nothing from the Markdown's tags as markup;
            - every raw-html element's text is the Markdown source (line
              by line) as typed, i.e. shown escaped;
            - the words of the expected HTML's text appear, in order, in
              the text of our XHTML.
          These are printed as "raw" in the per-file counts.
 3. pdf:  the words of the expected HTML's text (NFKC, casefold, runs of
          letters/digits) appear in order among the words pdftotext
          extracts (page furniture is extra words, so it is ignored). A
          word broken by a line end or hyphenation is accepted when the
          words, joined, appear in order in the extracted text joined.
          An example with a table is extracted with -layout (row by row):
          tables are as wide as their content, and the default reading
          order takes a narrow table's close columns for separate blocks.
 4. smart-punct only: the example again with lang: nb; the sequence of
          quotation marks in our XHTML body must be the expected one with
          “ ” -> « » and paired ‘ ’ -> ‹ › (an unpaired ’ is an apostrophe
          and stays).

Normalisation (both sides unless marked)
 - Parsed with html.parser; character and entity references become
   characters (so &quot; / " / &#34; are equal); NUL is U+FFFD on both.
 - Self-closing spelling: <br/>, <br />, <br> are one element; void
   elements are br, hr, img, input.
 - Attributes are sorted by name; boolean attributes (disabled, checked)
   have the value "".
 - Removed: every id attribute, every class attribute except
   class="language-*" on <code>, data-* and aria-* attributes,
   epub:type after it has been used below, title on <a> kept.
 - Table alignment: style="text-align: X" (ours) is align="X" (cmark).
 - Whitespace: outside <pre>, runs of white space are one space, and
   white space at the start or end of a block element and between block
   elements is removed. Inside <pre> nothing changes.
 - Footnotes, canonical form:
     reference  <fnref>N</fnref>
         cmark: <sup class="footnote-ref"><a href="#fnN" id="fnrefN">N</a></sup>
         ours:  <sup><a epub:type="noteref" href="#a1-fn-N">N</a></sup>
                (or <sup id=..>N</sup> inside a link)
     notes      <notes><note n="N">body</note>...</notes>
         cmark: <section class="footnotes"><ol><li id="fnN">body
                <a class="footnote-backref">↩</a></li></ol></section>
         ours:  <hr class="notes"/><aside epub:type="footnote"
                id="a1-fn-N"><p><a class="note-back">N</a> body</p></aside>
   The back link (↩ / N) is dropped from both once the note's number has
   been read.
 - Task items: <li class="task"><input type="checkbox" id=.. disabled=
   "disabled"/> (ours) and <li><input disabled="" type="checkbox" />
   (cmark) both become <li><input disabled="" type="checkbox"/>, checked
   likewise.
 - Links (expected side): briefpack's documented link policy (README,
   "What never gets in") is applied to the expected HTML: an <a> stays a
   link only for http:, https:, ftp: with a host, and mailto:; any other
   <a> is replaced by its content. hrefs are compared percent-decoded.
   Examples this changed are counted as "link-policy" in the summary.
 - Images: no example's image file exists, so briefpack draws a
   placeholder. Canonical form: <img src="URL"/> (src percent-decoded);
   ours: <span|p class="placeholder">LABEL: URL</span|p> is that <img>.
   An image alone in its paragraph is
   <figure><img src/><figcaption>title, else alt</figcaption></figure>
   (cmark's <p><img/></p>, a link around it dropped); alt/title of inline
   images are not compared (the placeholder cannot carry them).
Exit status: 1 if an example fails that exceptions.txt does not list
(or a listed one now passes: printed as "unexpected pass", not fatal).
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import difflib
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
import zipfile

FILES = [("spec", "gfm-spec.txt", False),
         ("extensions", "gfm-extensions.txt", False),
         ("smart", "smart-punct.txt", True)]
FENCE = "`" * 32
BATCH = 40
TIMEOUT = 120

VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col",
        "embed", "param", "source", "track", "wbr"}
BLOCK = {"p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5",
         "h6", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr",
         "figure", "figcaption", "notes", "note", "section", "div", "aside",
         "header", "#root"}
# Elements xhtml.c writes in an article body.
WRITER_TAGS = {"p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4",
               "h5", "h6", "pre", "code", "table", "thead", "tbody", "tr",
               "th", "td", "hr", "br", "figure", "figcaption", "img", "a",
               "em", "strong", "del", "sup", "span", "input", "aside"}


# ------------------------------------------------------------------ parse

def parse_suite(path):
    """[(number, section, markdown, expected_html)] of one file."""
    out = []
    section = ""
    n = 0
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(FENCE + " example"):
            md, exp = [], []
            cur = md
            i += 1
            while i < len(lines) and lines[i] != FENCE:
                if lines[i] == "." and cur is md:
                    cur = exp
                else:
                    cur.append(lines[i])
                i += 1
            n += 1
            fix = lambda ls: "".join(l + "\n" for l in ls).replace("\u2192", "\t")
            out.append((n, section, fix(md), fix(exp)))
        elif re.match(r"#{1,6} ", line):
            section = line.lstrip("#").strip()
        i += 1
    return out


class Node:
    __slots__ = ("tag", "attrs", "kids", "parent")

    def __init__(self, tag, attrs=None, parent=None):
        self.tag = tag
        self.attrs = dict(attrs or {})
        self.kids = []
        self.parent = parent


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.cur = self.root
        self.comments = 0

    def handle_starttag(self, tag, attrs):
        n = Node(tag, [(k, "" if v is None else v) for k, v in attrs],
                 self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, [(k, "" if v is None else v) for k, v in attrs],
                 self.cur)
        self.cur.kids.append(n)

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.kids.append(data.replace("\0", "\ufffd"))

    def handle_comment(self, data):
        self.comments += 1

    def unknown_decl(self, data):
        self.comments += 1

    def handle_pi(self, data):
        self.comments += 1


def tree(s):
    b = TreeBuilder()
    b.feed(s)
    b.close()
    return b.root, b.comments


def text_of(n):
    if isinstance(n, str):
        return n
    return "".join(text_of(k) for k in n.kids)


def walk(n):
    yield n
    if not isinstance(n, str):
        for k in list(n.kids):
            yield from walk(k)


def classes(n):
    return n.attrs.get("class", "").split()


def replace(n, new):
    """Put `new` (list of nodes/strings) where n stands."""
    p = n.parent
    i = p.kids.index(n)
    p.kids[i:i + 1] = new
    for k in new:
        if not isinstance(k, str):
            k.parent = p


# ------------------------------------------------------------- normalise

def allowed_link(href):
    u = urllib.parse.urlsplit(href)
    s = u.scheme.lower()
    if s in ("http", "https", "ftp"):
        return bool(u.netloc)
    return s == "mailto"


def strip_leading_space(node):
    """Drop white space at the start of node's first text."""
    for i, k in enumerate(node.kids):
        if isinstance(k, str):
            node.kids[i] = k.lstrip(" ")
            return


def canon_expected(root):
    changed = []
    # Footnotes.
    for n in list(walk(root)):
        if isinstance(n, str):
            continue
        if n.tag == "sup" and "footnote-ref" in classes(n):
            replace(n, [mk("fnref", {}, [text_of(n).strip()])])
        elif n.tag == "section" and "footnotes" in classes(n):
            notes = mk("notes", {}, [])
            for ol in [k for k in n.kids if not isinstance(k, str)]:
                for li in [k for k in ol.kids if not isinstance(k, str)]:
                    num = re.sub(r"\D", "", li.attrs.get("id", ""))
                    for b in list(walk(li)):
                        if not isinstance(b, str) and b.tag == "a" and \
                                "footnote-backref" in classes(b):
                            p = b.parent
                            i = p.kids.index(b)
                            del p.kids[i]
                            if i > 0 and isinstance(p.kids[i - 1], str):
                                p.kids[i - 1] = p.kids[i - 1].rstrip(" ")
                    notes.kids.append(mk("note", {"n": num}, li.kids))
            replace(n, [notes])
    # Images alone in a paragraph become figures.
    for n in list(walk(root)):
        if isinstance(n, str) or n.tag != "p":
            continue
        kids = [k for k in n.kids if not (isinstance(k, str) and not k.strip())]
        img = None
        if len(kids) == 1 and not isinstance(kids[0], str):
            if kids[0].tag == "img":
                img = kids[0]
            elif kids[0].tag == "a":
                inner = [k for k in kids[0].kids
                         if not (isinstance(k, str) and not k.strip())]
                if len(inner) == 1 and not isinstance(inner[0], str) and \
                        inner[0].tag == "img":
                    img = inner[0]
        if img is not None:
            cap = img.attrs.get("title") or img.attrs.get("alt", "")
            fig = mk("figure", {}, [mk("img", {"src": img.attrs.get("src", "")}, [])])
            if cap:
                fig.kids.append(mk("figcaption", {}, [cap]))
            replace(n, [fig])
    for n in list(walk(root)):
        if isinstance(n, str):
            continue
        if n.tag == "img":
            n.attrs = {"src": n.attrs.get("src", "")}
        elif n.tag == "a" and "href" in n.attrs and not allowed_link(n.attrs["href"]):
            replace(n, n.kids)
            changed.append("link-policy")
    return changed


def mk(tag, attrs, kids):
    n = Node(tag, attrs)
    n.kids = list(kids)
    for k in n.kids:
        if not isinstance(k, str):
            k.parent = n
    return n


def canon_ours(root):
    for n in list(walk(root)):
        if isinstance(n, str):
            continue
        if n.tag == "sup":
            a = [k for k in n.kids if not isinstance(k, str)]
            if (a and a[0].tag == "a" and a[0].attrs.get("epub:type") == "noteref") \
                    or (not a and "id" in n.attrs and "fnref" in n.attrs["id"]):
                replace(n, [mk("fnref", {}, [text_of(n).strip()])])
        elif n.tag == "hr" and "notes" in classes(n):
            replace(n, [])
        elif "placeholder" in classes(n):
            t = text_of(n)
            url = t.split(": ", 1)[1] if ": " in t else t
            replace(n, [mk("img", {"src": url}, [])])
    # Consecutive asides -> <notes>.
    for n in list(walk(root)):
        if isinstance(n, str) or n.tag != "aside":
            continue
        num = re.sub(r".*fn-", "", n.attrs.get("id", ""))
        for b in list(walk(n)):
            if not isinstance(b, str) and "note-back" in classes(b):
                p = b.parent
                i = p.kids.index(b)
                del p.kids[i]
                if i < len(p.kids) and isinstance(p.kids[i], str):
                    p.kids[i] = p.kids[i].lstrip(" ")
                if p.tag == "p" and not "".join(text_of(k) for k in p.kids).strip() \
                        and not [k for k in p.kids if not isinstance(k, str)]:
                    # the note's own <p> made for a note not starting with one
                    replace(p, [])
                break
        note = mk("note", {"n": num}, n.kids)
        p = n.parent
        i = p.kids.index(n)
        j = i - 1
        while j >= 0 and isinstance(p.kids[j], str) and not p.kids[j].strip():
            j -= 1
        if j >= 0 and not isinstance(p.kids[j], str) and p.kids[j].tag == "notes":
            del p.kids[j + 1:i + 1]
            p.kids[j].kids.append(note)
            note.parent = p.kids[j]
        else:
            replace(n, [mk("notes", {}, [note])])


def canon_url(v):
    """Percent-decoded, scheme in lower case, punycode host labels decoded."""
    v = urllib.parse.unquote(v)
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):(//)?([^/?#]*)(.*)$", v, re.S)
    if not m:
        return v
    host = m.group(3)
    if m.group(2):
        labels = []
        for lab in host.split("."):
            if lab.lower().startswith("xn--"):
                try:
                    lab = lab[4:].encode("ascii").decode("punycode")
                except (UnicodeError, ValueError):
                    pass
            labels.append(lab)
        host = ".".join(labels)
    return m.group(1).lower() + ":" + (m.group(2) or "") + host + m.group(4)


def serialise(root):
    """Canonical text: block tags on lines of their own."""
    out = []

    def attrs(n):
        a = {}
        for k, v in n.attrs.items():
            if k in ("id", "epub:type") or k.startswith("data-") or \
                    k.startswith("aria-"):
                continue
            if k == "class":
                keep = [c for c in v.split() if n.tag == "code" and
                        c.startswith("language-")]
                if not keep:
                    continue
                v = " ".join(keep)
            if k == "style":
                m = re.match(r"\s*text-align:\s*(\w+);?\s*$", v)
                if m:
                    k, v = "align", m.group(1)
            if k in ("disabled", "checked"):
                v = ""
            if k in ("href", "src"):
                v = canon_url(v)
            a[k] = v
        return "".join(' %s="%s"' % (k, html.escape(a[k], quote=True))
                       for k in sorted(a))

    def go(n, pre):
        if isinstance(n, str):
            out.append(("t", n if pre else re.sub(r"[ \t\n\r\f]+", " ", n)))
            return
        blk = n.tag in BLOCK
        if n.tag != "#root":
            if n.tag in VOID:
                out.append(("b" if blk else "i", "<%s%s/>" % (n.tag, attrs(n))))
                return
            out.append(("b" if blk else "i", "<%s%s>" % (n.tag, attrs(n))))
        for k in n.kids:
            go(k, pre or n.tag == "pre")
        if n.tag != "#root":
            out.append(("b" if blk else "i", "</%s>" % n.tag))

    go(root, False)
    # Trim white space next to block tags.
    res = []
    for i, (kind, s) in enumerate(out):
        if kind == "t":
            if i > 0 and out[i - 1][0] == "b" and not out[i - 1][1].startswith("<pre"):
                s = s.lstrip(" ")
            if i + 1 < len(out) and out[i + 1][0] == "b" and \
                    not out[i + 1][1].startswith("</pre"):
                s = s.rstrip(" ")
            if not s:
                continue
            res.append(s)
        elif kind == "b":
            res.append("\n" + s + "\n")
        else:
            res.append(s)
    text = "".join(res)
    text = re.sub(r"\n+", "\n", text) if "<pre" not in text else text
    text = "\n".join(l for l in text.split("\n") if l != "") if "<pre" not in text \
        else re.sub(r"\n{2,}(?=<)", "\n", text).strip("\n")
    return text.strip(" ")


# --------------------------------------------------------------- checks

def words(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return re.findall(r"[^\W_]+", s)


def in_order(need, have):
    it = iter(have)
    if all(w in it for w in need):
        return True
    joined = "".join(have)
    pos = 0
    for w in need:
        k = joined.find(w, pos)
        if k < 0:
            return False
        pos = k + len(w)
    return True


def body_of(xhtml):
    start = xhtml.find("</header>")
    end = xhtml.rfind("</section>")
    if start < 0 or end < 0:
        return None
    return xhtml[start + len("</header>"):end]


def nb_quotes(expected_text):
    """The expected quotation marks with nb's « » ‹ ›; unpaired ’ stays."""
    chars = list(expected_text)
    stack = []
    for i, c in enumerate(chars):
        if c == "\u201c":
            chars[i] = "\u00ab"
        elif c == "\u201d":
            chars[i] = "\u00bb"
        elif c == "\u2018":
            stack.append(i)
        elif c == "\u2019" and stack:
            chars[stack.pop()] = "\u2039"
            chars[i] = "\u203a"
    return [c for c in chars if c in QUOTES]


QUOTES = set("\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a\u201e\u201a\"'")


def check_example(ex, res, md):
    """Returns (ok, kind, messages) for one example's outputs."""
    msgs = []
    kind = "epub"
    rc, art_msgs, outdir, stem = res["rc"], res["msgs"], res["outdir"], res["stem"]
    if rc is None or rc not in (0, 1):
        return False, "run", ["run: exit %s %s" % (rc, res.get("err", "")[:300])], []
    if rc == 1 and not art_msgs:
        msgs.append("run: exit 1 with no message for this article")
    if ex["html"].strip() == "<IGNORE>":
        # The suite only asks that this input does not crash.
        return not msgs, "run", msgs, []
    epub = os.path.join(outdir, stem + ".epub")
    pdf = os.path.join(outdir, stem + ".pdf")
    if not os.path.exists(epub) or not os.path.exists(pdf):
        return False, "run", msgs + ["run: output missing (%s)" % "; ".join(art_msgs)[:300]], []
    with zipfile.ZipFile(epub) as z:
        xhtml = z.read("EPUB/a1.xhtml").decode("utf-8")
    body = body_of(xhtml)
    exp_root, exp_comments = tree(ex["html"])
    exp_text = text_of(exp_root)
    tags = []
    if body is None:
        msgs.append("epub: no title block / article section found")
    else:
        our_root, _ = tree(body)
        raw = 'class="raw-html"' in body or exp_comments > 0
        if raw:
            kind = "raw"
            bad = sorted({n.tag for n in walk(our_root) if not isinstance(n, str)
                          and n.tag not in WRITER_TAGS | {"#root"}})
            if bad:
                msgs.append("raw: markup passed through: %s" % ", ".join(bad))
            for n in walk(our_root):
                if isinstance(n, str):
                    continue
                if any(k.lower().startswith("on") for k in n.attrs):
                    msgs.append("raw: event attribute on <%s>" % n.tag)
                if "raw-html" in classes(n) or (n.tag == "code" and n.parent
                                                 and "raw-html" in classes(n.parent)):
                    for line in text_of(n).split("\n"):
                        if line.strip() and line.strip() not in md:
                            msgs.append("raw: shown text not as typed: %r" % line[:80])
                            break
            if not in_order(words(exp_text), words(text_of(our_root))):
                msgs.append("raw: expected text missing from XHTML text")
        else:
            tags = canon_expected(exp_root)
            canon_ours(our_root)
            a, b = serialise(exp_root), serialise(our_root)
            if a != b:
                d = list(difflib.unified_diff(a.split("\n"), b.split("\n"),
                                              "expected", "briefpack", n=1,
                                              lineterm=""))
                msgs.append("epub: differs\n    " + "\n    ".join(d[2:40]))
    # PDF
    try:
        # A table is read by its rows (-layout): a table is only as wide
        # as its content, and pdftotext's default reading order takes a
        # narrow table's close columns for blocks of their own.
        layout = ["-layout"] if "<table" in ex["html"] else []
        t = subprocess.run(["pdftotext", "-enc", "UTF-8"] + layout + [pdf, "-"],
                           capture_output=True, timeout=60)
        pdf_text = t.stdout.decode("utf-8", "replace")
        if not in_order(words(exp_text), words(pdf_text)):
            need, have = words(exp_text), words(pdf_text)
            miss = [repr(w) for w in need if w not in have][:8]
            msgs.append("pdf: expected words not found in order (missing: %s)"
                        % " ".join(miss))
    except (OSError, subprocess.TimeoutExpired) as e:
        msgs.append("pdf: pdftotext failed: %s" % e)
    # nb quotes
    if res.get("nb") is not None:
        nb = res["nb"]
        if nb["rc"] not in (0, 1):
            msgs.append("nb: exit %s" % nb["rc"])
        else:
            try:
                with zipfile.ZipFile(os.path.join(nb["outdir"], nb["stem"] + ".epub")) as z:
                    nbody = body_of(z.read("EPUB/a1.xhtml").decode("utf-8")) or ""
                got = [c for c in text_of(tree(nbody)[0]) if c in QUOTES]
                want = nb_quotes(exp_text)
                if got != want:
                    msgs.append("nb: quotes %s, expected %s" % ("".join(got), "".join(want)))
            except (OSError, KeyError, zipfile.BadZipFile) as e:
                msgs.append("nb: %s" % e)
    return not msgs, kind, msgs + (["(%s)" % t for t in sorted(set(tags))] if msgs and tags else []), tags


# ------------------------------------------------------------------ run

def check(arg):
    e, res = arg
    return check_example(e, res, e["md"])


def run_batch(bp, items, workdir, smart, style):
    """items: [(stem, md_text)]. Returns {stem: {rc, msgs, outdir, stem}}."""
    indir = tempfile.mkdtemp(dir=workdir, prefix="in")
    outdir = tempfile.mkdtemp(dir=workdir, prefix="out")
    paths = []
    for stem, text in items:
        p = os.path.join(indir, stem + ".md")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)

    def once(ps):
        rep = os.path.join(outdir, "report-%s.json" % os.path.basename(ps[0]))
        cmd = [bp, "--each", "--outdir", outdir, "-f", "pdf,epub", "-j", "1",
               "-q", "--report", rep] + (["-s", style] if style else []) + ([] if smart else ["--no-smart"]) + ps
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
            rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            rc, err = None, "timeout after %ds" % TIMEOUT
        per = {}
        try:
            with open(rep, encoding="utf-8") as f:
                for inp in json.load(f).get("inputs", []):
                    st = os.path.basename(inp["path"])[:-3]
                    per[st] = ["%s: %s" % (m["severity"], m["message"])
                               for m in inp.get("messages", [])
                               if m["severity"] in ("warning", "error")]
        except (OSError, ValueError):
            pass
        return rc, err, per

    rc, err, per = once(paths)
    out = {}
    if rc in (0, 1):
        for stem, _ in items:
            out[stem] = {"rc": 0 if not per.get(stem) else 1,
                         "msgs": per.get(stem, []), "outdir": outdir,
                         "stem": stem, "err": err}
        if rc == 1 and not any(per.values()):
            for stem, _ in items:
                out[stem]["rc"] = 1   # exit 1 that no article explains
        return out
    # Pin the failure: one process per example.
    for stem, _ in items:
        r1, e1, p1 = once([os.path.join(indir, stem + ".md")])
        out[stem] = {"rc": r1 if r1 not in (0, 1) else (1 if p1.get(stem) else r1),
                     "msgs": p1.get(stem, []), "outdir": outdir,
                     "stem": stem, "err": e1}
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    copy = os.path.join(here, "spec")
    ap.add_argument("--spec-dir", default=copy if os.path.exists(
        os.path.join(copy, "gfm-spec.txt")) else
        os.path.join(top, "..", "shared", "conformance"))
    ap.add_argument("--briefpack", default=os.path.join(top, "build", "briefpack"))
    ap.add_argument("--exceptions", default=os.path.join(here, "exceptions.txt"))
    ap.add_argument("--only", default="", help="e.g. spec:12,extensions:3")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--reuse", help="check the outputs kept in this work folder again")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    exceptions = {}
    if os.path.exists(args.exceptions):
        for line in open(args.exceptions, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            f, num = line.split()[:2]
            exceptions[(f, int(num))] = line
    only = {tuple(x.split(":")) for x in args.only.split(",") if x}

    examples = []
    for key, fname, smart in FILES:
        for num, sec, md, exp in parse_suite(os.path.join(args.spec_dir, fname)):
            if only and (key, str(num)) not in only:
                continue
            examples.append({"file": key, "num": num, "section": sec,
                             "md": md, "html": exp, "smart": smart})

    if args.reuse:
        work = args.reuse
        with open(os.path.join(work, "results.json"), encoding="utf-8") as f:
            results = json.load(f)
    else:
        work = tempfile.mkdtemp(prefix="bp-conformance-")
        results = convert(args, examples, work)
    checked = check_all(examples, results)
    return report(args, examples, checked, exceptions, work)


def convert(args, examples, work):
    # The XHTML does not depend on the fonts: leave them out of the EPUB,
    # which makes each EPUB ~20 times faster to write.
    style = None
    src = os.path.join(os.path.dirname(args.briefpack), "..", "styles", "briefing.yaml")
    if os.path.exists(src):
        style = os.path.join(work, "style.yaml")
        with open(src, encoding="utf-8") as f:
            text = f.read()
        with open(style, "w", encoding="utf-8") as f:
            f.write(re.sub(r"embed-fonts:\s*true", "embed-fonts: false", text))
    front = "---\ntitle: Example %d\nlang: %s\n---\n"
    jobs = []
    for key, _, smart in FILES:
        exs = [e for e in examples if e["file"] == key]
        items = [("%s-%04d" % (key, e["num"]), front % (e["num"], "en") + e["md"]) for e in exs]
        if smart:
            items += [("%s-nb-%04d" % (key, e["num"]), front % (e["num"], "nb") + e["md"]) for e in exs]
        for i in range(0, len(items), BATCH):
            jobs.append((items[i:i + BATCH], smart))
    results = {}
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        futs = [pool.submit(run_batch, args.briefpack, it, work, sm, style)
                for it, sm in jobs]
        for f in futs:
            results.update(f.result())
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f)
    return results


def check_all(examples, results):
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        args_ = []
        for e in examples:
            res = dict(results["%s-%04d" % (e["file"], e["num"])])
            if e["smart"]:
                res["nb"] = results.get("%s-nb-%04d" % (e["file"], e["num"]))
            args_.append((e, res))
        return list(pool.map(check, args_, chunksize=16))


def report(args, examples, checked, exceptions, work):

    counts = {}
    passed = failed = excused = 0
    unexpected = []
    for e, (ok, kind, msgs, tags) in zip(examples, checked):
        c = counts.setdefault(e["file"], {"pass": 0, "fail": 0, "excepted": 0,
                                          "raw": 0, "link-policy": 0})
        if kind == "raw":
            c["raw"] += 1
        if tags:
            c["link-policy"] += 1
        key = (e["file"], e["num"])
        if ok:
            passed += 1
            c["pass"] += 1
            if key in exceptions:
                print("%s %d: unexpected pass (listed in exceptions)" % key)
            continue
        failed += 1
        if key in exceptions:
            excused += 1
            c["excepted"] += 1
            if not args.verbose:
                continue
        else:
            c["fail"] += 1
            unexpected.append(key)
        print("FAIL %s %d [%s]%s" % (e["file"], e["num"], e["section"],
                                      " (raw HTML rule)" if kind == "raw" else "")
              + ("  [excepted]" if key in exceptions else ""))
        for m in msgs:
            print("    " + m)
    print()
    for key, _, _ in FILES:
        if key in counts:
            c = counts[key]
            print("%-11s %4d passed, %3d failed (%d listed in exceptions); "
                  "%d held to the raw-HTML rule, %d with non-web links unwrapped"
                  % (key, c["pass"], c["fail"] + c["excepted"], c["excepted"],
                     c["raw"], c["link-policy"]))
    print("%d passed, %d failed" % (passed, failed))
    if unexpected:
        print("%d failures not in %s" % (len(unexpected),
                                         os.path.relpath(args.exceptions)))
    if args.keep or args.reuse:
        print("work folder:", work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
