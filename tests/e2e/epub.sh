#!/bin/sh
# EPUB output: EPUBCheck finds no error and no warning on the example pack,
# on every good fixture alone and as a pack, on hostile input and on odd
# cases; the zip layout (mimetype first, stored, no extra fields, fixed
# order and dates); each article's XHTML holds every word of its Markdown
# and agrees with its PDF; every internal link goes to an id that exists
# and every note is linked both ways, also for notes cited from headings,
# tables, link text, alt text and other notes (each reference reaching its
# own note in the EPUB and the PDF); two runs give the same bytes; hostile
# Markdown and SVG leave nothing executable in the bundle.
# SPDX-License-Identifier: MIT
#
# Environment: EPUBCHECK (default: java -jar /usr/share/java/epubcheck.jar),
# EPUBCHECK_JOBS (parallel EPUBCheck runs, default: processors, at most 4).

. "$(dirname "$0")/lib.sh"
require_tools python3 pdftotext
require_bp

EPUBCHECK=${EPUBCHECK:-java -jar /usr/share/java/epubcheck.jar}
export EPUBCHECK
mkdir -p "$T/o" "$T/ec"

# --- the helper: zip layout, XHTML text, cross-format words, safety -------

cat >"$T/epubq.py" <<'PYEOF'
"""epubq.py COMMAND EPUB [ARGS]: questions about an EPUB made by briefpack.

layout EPUB EPOCH       zip layout: mimetype first and stored, no extra
                        fields anywhere, fixed order, every date = EPOCH,
                        manifest and zip hold the same files
text EPUB ID            the text of ID.xhtml (markings left out)
cross EPUB ID PDF       the XHTML's words appear in order in the PDF's text
                        (tables, figures and notes: each on its own)
safe EPUB               nothing executable: no script, iframe, object,
                        embed, foreignObject element, no on* attribute, no
                        href/src but http(s), mailto, ftp, or a file or
                        fragment that exists in the bundle
meta EPUB               identifier, language, modified (one per line)
hrefs EPUB ID           every link (<a href>) in ID.xhtml, one per line
anchors EPUB            every internal link of every XHTML file ("#id",
                        "a1.xhtml#id") goes to an id that exists; ids are
                        unique; no <a> inside an <a>; each noteref goes to
                        a footnote <aside> and each <aside> has one;
                        nav.xhtml holds no note references
fonts EPUB DIR LIMIT    the fonts are subsets of DIR's files (each at most
                        a fifth of its file, all together at most LIMIT
                        bytes), each named by an @font-face of style.css
                        and every @font-face's file there; with fc-query,
                        each has a glyph for every character of the text
                        (and alt text) that its file in DIR has
notemap EPUB ID PDF     for each note reference of ID.xhtml in order:
                        "<two words before it> => <the words of its
                        note>" (numbers in words left out); fails unless
                        the PDF has the same number after the same word
                        and that number before the same note text
"""
import html.parser
import posixpath
import re
import struct
import subprocess
import sys
import time
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, sys.argv[0].rsplit("/", 1)[0])
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUBNS = "{http://www.idpf.org/2007/ops}"
ACTIVE = {"script", "iframe", "object", "embed", "foreignobject", "frame",
          "frameset", "applet", "handler", "listener", "base", "form"}


def fail(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)


def local(tag):
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def layout(path, epoch):
    z = zipfile.ZipFile(path)
    infos = z.infolist()
    raw = open(path, "rb").read()
    if not infos or infos[0].filename != "mimetype":
        fail("first entry is %r, not mimetype" % (infos[0].filename if infos else None))
    mt = infos[0]
    if mt.compress_type != zipfile.ZIP_STORED:
        fail("mimetype is compressed (method %d)" % mt.compress_type)
    if z.read("mimetype") != b"application/epub+zip":
        fail("mimetype holds %r" % z.read("mimetype"))
    # The local header of mimetype: name at 30, content right after it.
    if raw[:4] != b"PK\x03\x04" or raw[30:38] != b"mimetype" or \
            raw[38:58] != b"application/epub+zip":
        fail("mimetype's local header is not at the start with no extra field")
    want = time.gmtime(int(epoch))
    want = (max(want.tm_year, 1980), want.tm_mon, want.tm_mday, want.tm_hour,
            want.tm_min, want.tm_sec // 2 * 2)
    for i in infos:
        if i.extra != b"":
            fail("%s has an extra field in the central directory: %r" % (i.filename, i.extra))
        lh = raw[i.header_offset:i.header_offset + 30]
        nlen, xlen = struct.unpack("<HH", lh[26:30])
        if xlen != 0:
            fail("%s has a %d-byte extra field in its local header" % (i.filename, xlen))
        if i.flag_bits & 1:
            fail("%s is encrypted" % i.filename)
        if i.date_time != want:
            fail("%s is dated %r, not %r (SOURCE_DATE_EPOCH)" % (i.filename, i.date_time, want))
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        fail("duplicate entries: %r" % names)
    head = ["mimetype", "META-INF/container.xml", "EPUB/package.opf",
            "EPUB/nav.xhtml", "EPUB/cover.xhtml"]
    if names[:5] != head:
        fail("the first entries are %r, not %r" % (names[:5], head))
    rank = []
    for n in names[5:]:
        if re.fullmatch(r"EPUB/a\d+\.xhtml", n):
            rank.append((0, int(n[6:-6])))
        elif n == "EPUB/style.css":
            rank.append((1, 0))
        elif re.fullmatch(r"EPUB/img/\d+\.(png|jpg|gif|svg|webp)", n):
            rank.append((2, int(n[9:].split(".")[0])))
        elif n.startswith("EPUB/fonts/") and n.endswith(".ttf"):
            rank.append((3, 0))
        else:
            fail("unexpected entry %s" % n)
    if rank != sorted(rank):
        fail("entries out of order: %r" % names)
    opf = ET.fromstring(z.read("EPUB/package.opf"))
    items = {"EPUB/" + it.get("href") for it in opf.iter(OPF + "item")}
    files = {n for n in names if n.startswith("EPUB/") and n != "EPUB/package.opf"}
    if items != files:
        fail("manifest and zip differ: only in manifest %r, only in zip %r"
             % (sorted(items - files), sorted(files - items)))


class Text(html.parser.HTMLParser):
    """Text of a content document; skips <head> and class="marking"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []       # (tag, skipped)
        self.parts = []

    def skipping(self):
        return any(s for _, s in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skip = tag == "head" or "marking" in (a.get("class") or "").split()
        if tag in ("br", "hr", "img", "input", "meta", "link"):
            self.parts.append(" ")
            return
        self.stack.append((tag, skip))
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                   "pre", "figcaption", "aside", "div", "header", "section"):
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        self.parts.append(" " if tag not in ("p", "li", "td", "th") else "\n")

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)


def xhtml_of(path, ident):
    z = zipfile.ZipFile(path)
    return z.read("EPUB/%s.xhtml" % ident).decode("utf-8")


def text(path, ident):
    p = Text()
    p.feed(xhtml_of(path, ident))
    return "".join(p.parts)


def cross(path, ident, pdf):
    import words
    doc = ET.fromstring(xhtml_of(path, ident).encode("utf-8"))
    body = doc.find(XHTML + "body")
    side = []

    def strip(el):
        for sub in list(el):
            cls = (sub.get("class") or "").split()
            if "marking" in cls:
                el.remove(sub)
            elif local(sub.tag) == "table":
                for cell in sub.iter():
                    if local(cell.tag) in ("td", "th"):
                        side.append(("table cell", "".join(cell.itertext())))
                el.remove(sub)
            elif local(sub.tag) == "figure":
                # A figure may float to the next page: its words are
                # checked on their own, not in the body's order.
                side.append(("figure", "".join(sub.itertext())))
                el.remove(sub)
            elif local(sub.tag) == "aside":
                side.append(("note " + (sub.get("id") or ""), "".join(sub.itertext())))
                el.remove(sub)
            else:
                strip(sub)
    strip(body)
    seq = [(w, 0) for w in words.words(" ".join(body.itertext()))]
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                       stdout=subprocess.PIPE, check=True)
    stream = words.Stream(r.stdout.decode("utf-8", "replace"))
    problems = []
    for idx, cur in words.match_sequence(stream, seq):
        problems.append("body word %d \"%s\" (after: %s) near PDF text \"%s\""
                        % (idx, seq[idx][0], " ".join(w for w, _ in seq[max(0, idx - 5):idx]),
                           stream.context(cur)))
    for label, t in side:
        s = [(w, 0) for w in words.words(t)]
        for idx, _ in words.match_sequence(stream, s):
            problems.append("%s: \"%s\" not in the PDF" % (label, s[idx][0]))
    if not seq:
        problems.append("no words in the XHTML body")
    if problems:
        fail("%d XHTML words not found in order in %s:\n  %s"
             % (len(problems), pdf, "\n  ".join(problems[:15])))


def safe(path):
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    ids = {}
    docs = [n for n in names if n.endswith((".xhtml", ".svg", ".opf", ".xml"))]
    trees = {}
    for n in docs:
        data = z.read(n)
        low = data.lower()
        for bad in (b"<script", b"<iframe", b"<!entity", b"<!doctype svg"):
            if bad in low:
                fail("%s holds %r" % (n, bad.decode()))
        try:
            trees[n] = ET.fromstring(data)
        except ET.ParseError as e:
            fail("%s is not well-formed XML: %s" % (n, e))
        ids[n] = {el.get("id") for el in trees[n].iter() if el.get("id")}
    for n, tree in trees.items():
        for el in tree.iter():
            if local(el.tag).lower() in ACTIVE:
                fail("%s has a <%s> element" % (n, local(el.tag)))
            for a, v in el.attrib.items():
                la = local(a).lower()
                if la.startswith("on"):
                    fail("%s: <%s %s=\"%s\">" % (n, local(el.tag), a, v))
                if la not in ("href", "src", "full-path"):
                    continue
                v = v.strip()
                if re.match(r"(?i)(https?|ftp)://[a-z0-9.-]+", v) or \
                        re.match(r"(?i)mailto:", v):
                    continue
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", v):
                    fail("%s: %s=\"%s\" (a scheme that is not allowed)" % (n, a, v))
                if n.endswith(".opf") or n.endswith("container.xml"):
                    base = "EPUB/" if n.endswith(".opf") else ""
                else:
                    base = posixpath.dirname(n) + "/"
                target, _, frag = v.partition("#")
                target = posixpath.normpath(base + target) if target else n
                if target not in names:
                    fail("%s: %s=\"%s\" points at %s, which is not in the bundle"
                         % (n, a, v, target))
                if frag and frag not in ids.get(target, set()):
                    fail("%s: %s=\"%s\": no id \"%s\" in %s" % (n, a, v, frag, target))


def meta(path):
    z = zipfile.ZipFile(path)
    opf = ET.fromstring(z.read("EPUB/package.opf"))
    md = opf.find(OPF + "metadata")
    print(md.find(DC + "identifier").text)
    print(md.find(DC + "language").text)
    for m in md.iter(OPF + "meta"):
        if m.get("property") == "dcterms:modified":
            print(m.text)


def hrefs(path, ident):
    doc = ET.fromstring(xhtml_of(path, ident).encode("utf-8"))
    for el in doc.iter(XHTML + "a"):
        if el.get("href") is not None:
            print(el.get("href"))


def anchors(path):
    z = zipfile.ZipFile(path)
    docs, ids, problems = {}, {}, []
    for n in sorted(z.namelist()):
        if n.endswith(".xhtml"):
            try:
                docs[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                fail("%s is not well-formed XML: %s" % (n, e))
    for n, tree in docs.items():
        ids[n] = {}
        for el in tree.iter():
            i = el.get("id")
            if i is None:
                continue
            if i in ids[n]:
                problems.append("%s: id \"%s\" twice" % (n, i))
            ids[n][i] = el
    cited = set()
    for n, tree in docs.items():
        for a in tree.iter(XHTML + "a"):
            if any(d is not a for d in a.iter(XHTML + "a")):
                problems.append("%s: <a href=\"%s\"> holds another <a>"
                                % (n, a.get("href")))
            href = a.get("href")
            if href is None or "#" not in href or \
                    re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
                continue
            target, _, frag = href.partition("#")
            t = posixpath.normpath(posixpath.join(posixpath.dirname(n), target)) \
                if target else n
            el = ids.get(t, {}).get(frag)
            if t not in docs:
                problems.append("%s: href=\"%s\": no file %s" % (n, href, t))
            elif el is None:
                problems.append("%s: href=\"%s\": no id \"%s\" in %s"
                                % (n, href, frag, t))
            elif a.get(EPUBNS + "type") == "noteref":
                if el.get(EPUBNS + "type") != "footnote":
                    problems.append("%s: noteref \"%s\" goes to a <%s>, not a "
                                    "footnote" % (n, href, local(el.tag)))
                cited.add((t, frag))
    for n, tree in docs.items():
        for el in tree.iter():
            if el.get(EPUBNS + "type") == "footnote" and \
                    (n, el.get("id")) not in cited:
                problems.append("%s: note \"%s\" has no noteref link to it"
                                % (n, el.get("id")))
    nav = docs.get("EPUB/nav.xhtml")
    if nav is not None and any(local(el.tag) == "sup" or
                               el.get(EPUBNS + "type") == "noteref"
                               for el in nav.iter()):
        problems.append("EPUB/nav.xhtml: a heading carries a note reference")
    if problems:
        fail("%d broken links or notes:\n  %s"
             % (len(problems), "\n  ".join(problems[:20])))


def notemap(path, ident, pdf):
    import unicodedata
    import words
    doc = ET.fromstring(xhtml_of(path, ident).encode("utf-8"))
    blocks = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
              "figcaption", "aside")
    parent = {c: p for p in doc.iter() for c in p}
    notes = {el.get("id"): el for el in doc.iter(XHTML + "aside")}

    def before(block, stop):
        out = []

        def walk(el):
            if el is stop:
                return True
            out.append(el.text or "")
            for c in el:
                if walk(c):
                    return True
                out.append(c.tail or "")
            return False
        walk(block)
        return "".join(out)

    def plain(ws):
        return [re.sub(r"(?<=[^\d])\d+$", "", w) for w in ws]

    r = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                       stdout=subprocess.PIPE, check=True)
    text = unicodedata.normalize("NFC", r.stdout.decode("utf-8", "replace"))
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    problems = []
    for a in doc.iter(XHTML + "a"):
        if a.get(EPUBNS + "type") != "noteref":
            continue
        num = "".join(a.itertext()).strip()
        block = parent[a]
        while local(block.tag) not in blocks and block in parent:
            block = parent[block]
        ctx = plain(words.words(before(block, parent[a])))[-2:]
        note = notes.get(a.get("href", "")[1:])
        if note is None:
            problems.append("note %s after \"%s\": no <aside>" % (num, " ".join(ctx)))
            continue
        back = [el for el in note.iter() if "note-back" in (el.get("class") or "")]
        said = plain(words.words("".join(note.itertext())))
        if back and said and said[0] == "".join(back[0].itertext()).strip():
            said = said[1:]
        print("%s => %s" % (" ".join(ctx), " ".join(said)))
        if ctx and not re.search(r"(?i)%s\s*%s(?!\d)" % (re.escape(ctx[-1]), num), text):
            problems.append("PDF: no \"%s\" right after \"%s\"" % (num, ctx[-1]))
        if said and not re.search(r"(?im)^\s*%s\s+%s" % (num, r"\d*[\W_]+".join(
                re.escape(w) for w in said)), text):
            problems.append("PDF: no note \"%s %s\"" % (num, " ".join(said)))
    if problems:
        fail("%d notes differ in the PDF:\n  %s" % (len(problems), "\n  ".join(problems)))


def fc_charset(path):
    r = subprocess.run(["fc-query", "--format=%{charset}", path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    chars = set()
    for part in r.stdout.decode().split():
        a, _, b = part.partition("-")
        chars.update(range(int(a, 16), int(b or a, 16) + 1))
    return chars


class Chars(html.parser.HTMLParser):
    """The characters a content document draws: its text and alt text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chars, self.head = set(), 0

    def handle_starttag(self, tag, attrs):
        self.head += tag == "head"
        self.chars.update(ord(c) for k, v in attrs if k == "alt" and v for c in v)

    def handle_endtag(self, tag):
        self.head -= tag == "head"

    def handle_data(self, data):
        if not self.head:
            self.chars.update(ord(c) for c in data)


def fonts(path, fontdir, limit):
    import os
    import shutil
    import tempfile
    z = zipfile.ZipFile(path)
    names = sorted(n for n in z.namelist() if n.startswith("EPUB/fonts/"))
    css = z.read("EPUB/style.css").decode("utf-8")
    urls = sorted("EPUB/" + u for u in re.findall(r'url\("([^"]+)"\)', css))
    problems = []
    if names != urls:
        problems.append("fonts in the bundle %r, in @font-face %r" % (names, urls))
    text = Chars()
    for n in z.namelist():
        if n.endswith(".xhtml"):
            text.feed(z.read(n).decode("utf-8"))
    fc = shutil.which("fc-query")
    tmp = tempfile.mkdtemp()
    total = 0
    for n in names:
        data = z.read(n)
        total += len(data)
        orig = os.path.join(fontdir, posixpath.basename(n))
        if not os.path.exists(orig):
            problems.append("%s: no %s" % (n, orig))
            continue
        if len(data) * 5 > os.path.getsize(orig):
            problems.append("%s: %d bytes, more than a fifth of %s (%d)"
                            % (n, len(data), orig, os.path.getsize(orig)))
        if data[:4] != b"\0\1\0\0":
            problems.append("%s: not a TrueType font (starts %r)" % (n, data[:4]))
        if fc:
            f = os.path.join(tmp, posixpath.basename(n))
            open(f, "wb").write(data)
            have = fc_charset(f)
            miss = (text.chars & fc_charset(orig)) - have
            if not have or miss:
                problems.append("%s: no glyph for %r" % (n, "".join(
                    chr(c) for c in sorted(miss))[:60]))
    shutil.rmtree(tmp)
    if total > int(limit):
        problems.append("the fonts take %d bytes, more than %s" % (total, limit))
    print("%d fonts, %d bytes%s" % (len(names), total,
                                    "" if fc else " (no fc-query: glyphs not checked)"))
    if problems:
        fail("%d problems with the fonts:\n  %s" % (len(problems), "\n  ".join(problems)))


def main(argv):
    cmd, args = argv[0], argv[1:]
    if cmd == "layout":
        layout(*args)
    elif cmd == "text":
        sys.stdout.write(text(*args))
    elif cmd == "cross":
        cross(*args)
    elif cmd == "safe":
        safe(*args)
    elif cmd == "meta":
        meta(*args)
    elif cmd == "hrefs":
        hrefs(*args)
    elif cmd == "anchors":
        anchors(*args)
    elif cmd == "notemap":
        notemap(*args)
    elif cmd == "fonts":
        fonts(*args)
    else:
        fail(__doc__)


main(sys.argv[1:])
PYEOF
cp "$E2E/words.py" "$T/words.py"
EQ="$PY $T/epubq.py"

# --- EPUBCheck: queued as EPUBs are made, run by background workers -------

: >"$T/ec.queue"
have_epubcheck=1
case $EPUBCHECK in
java\ *)
	if ! have java; then
		have_epubcheck=0
		skip "epubcheck: java is not installed"
	fi
	jar=$(echo "$EPUBCHECK" | sed -n 's/.*-jar  *\([^ ]*\).*/\1/p')
	if [ -n "$jar" ] && [ ! -f "$jar" ]; then
		have_epubcheck=0
		skip "epubcheck: $jar not found"
	fi ;;
esac

# A worker validates $T/ec/1.epub, 2.epub, ... as they appear, claiming
# each with mkdir so two workers never take the same one, until
# $T/ec/done exists and nothing is left.
ec_worker() {
	_i=1
	while :; do
		if [ -f "$T/ec/$_i.epub" ]; then
			if mkdir "$T/ec/$_i.claim" 2>/dev/null; then
				timeout 250 $EPUBCHECK "$T/ec/$_i.epub" \
				    >"$T/ec/$_i.part" 2>&1
				mv "$T/ec/$_i.part" "$T/ec/$_i.out"
			fi
			_i=$((_i + 1))
		elif [ -f "$T/ec/done" ]; then
			break
		else
			sleep 1
		fi
	done
}
ec_pids=
if [ "$have_epubcheck" = 1 ]; then
	# A JVM that compiles less, with one GC thread, runs EPUBCheck in
	# about half the time (JAVA_TOOL_OPTIONS set by the caller wins).
	: "${JAVA_TOOL_OPTIONS:=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1}"
	export JAVA_TOOL_OPTIONS
	_jobs=${EPUBCHECK_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
	[ "$_jobs" -ge 1 ] 2>/dev/null || _jobs=2
	[ "$_jobs" -le 4 ] || _jobs=4
	while [ "$_jobs" -gt 0 ]; do
		ec_worker </dev/null &
		ec_pids="$ec_pids $!"
		_jobs=$((_jobs - 1))
	done
fi

# epubcheck_later DESC FILE: validate FILE with EPUBCheck (in the background).
epubcheck_later() {
	if [ "$have_epubcheck" = 0 ]; then
		skip "epubcheck: $1"
		return
	fi
	if [ ! -s "$2" ]; then
		not_ok "epubcheck: $1: 0 errors, 0 warnings" "no EPUB: $2"
		return
	fi
	_n=$(($(wc -l <"$T/ec.queue") + 1))
	cp "$2" "$T/ec/$_n.tmp" && mv "$T/ec/$_n.tmp" "$T/ec/$_n.epub"
	printf '%s\t%s\n' "$_n" "$1" >>"$T/ec.queue"
}

# Wait for the workers. A run passes when it ends with "Messages: 0 fatals
# / 0 errors / 0 warnings" and prints no FATAL, ERROR or WARNING line.
epubcheck_results() {
	: >"$T/ec/done"
	for _p in $ec_pids; do
		wait "$_p"
	done
	while IFS='	' read -r _n _desc; do
		_out=$T/ec/$_n.out
		_sum=$(grep '^Messages:' "$_out" 2>/dev/null | tail -1)
		if echo "$_sum" | grep -q '^Messages: 0 fatals / 0 errors / 0 warnings' &&
		    ! grep -Eq '^(FATAL|ERROR|WARNING)' "$_out"; then
			ok "epubcheck: $_desc: 0 errors, 0 warnings"
		else
			not_ok "epubcheck: $_desc: 0 errors, 0 warnings" \
			    "${_sum:-EPUBCheck gave no summary (command: $EPUBCHECK)}"
			grep -E '^(FATAL|ERROR|WARNING)' "$_out" 2>/dev/null |
			    sed -n '1,20p' >"$T/ec.msgs"
			[ -s "$T/ec.msgs" ] || tail -20 "$_out" >"$T/ec.msgs" 2>&1
			show "$T/ec.msgs"
		fi
	done <"$T/ec.queue"
}

# check_anchors DESC EPUB: internal links and notes.
check_anchors() {
	check "$1: every #id and aN.xhtml#id link goes to an id; notes linked both ways" \
	    $EQ anchors "$2"
}

# check_layout DESC EPUB: the zip layout.
check_layout() {
	check "$1: zip layout (mimetype first, stored, no extra fields, fixed order and dates)" \
	    $EQ layout "$2" "$SOURCE_DATE_EPOCH"
}

# words_epub DESC MD EPUB ID: every Markdown word in the XHTML, in order.
words_epub() {
	$EQ text "$3" "$4" >"$T/xhtml.txt" 2>"$T/words.err" &&
	    "$PY" "$E2E/words.py" "$2" --text "$T/xhtml.txt" 2>>"$T/words.err"
	_r=$?
	if [ "$_r" -eq 0 ]; then
		ok "$1: every word of $2 in order in $4.xhtml"
	else
		not_ok "$1: every word of $2 in order in $4.xhtml"
		show "$T/words.err"
	fi
}

# cross_words DESC EPUB ID PDF: the XHTML's words in order in the PDF.
cross_words() {
	if $EQ cross "$2" "$3" "$4" 2>"$T/cross.err"; then
		ok "$1: the words of $3.xhtml appear in order in the PDF"
	else
		not_ok "$1: the words of $3.xhtml appear in order in the PDF"
		show "$T/cross.err"
	fi
}

# one_article MD STATUSES [check]: alone, to a PDF and an EPUB from one
# parse; with "check", EPUBCheck too.
one_article() {
	_b=$(echo "$1" | tr '/' '_' | sed 's/\.md$//')
	bp "$1" -o "$T/o/$_b.pdf" -o "$T/o/$_b.epub"
	expect_rc_in "$2" "$1 to PDF and EPUB"
	if [ ! -s "$T/o/$_b.epub" ]; then
		not_ok "$1: EPUB written" "missing: $T/o/$_b.epub"
		show_last
		return
	fi
	check_layout "$1" "$T/o/$_b.epub"
	words_epub "$1" "$1" "$T/o/$_b.epub" a1
	cross_words "$1" "$T/o/$_b.epub" a1 "$T/o/$_b.pdf"
	check "$1: nothing executable, every link and id resolves" \
	    $EQ safe "$T/o/$_b.epub"
	check_anchors "$1" "$T/o/$_b.epub"
	[ "${3:-}" != check ] || epubcheck_later "$1 alone" "$T/o/$_b.epub"
}

# --- every good fixture alone, and as a pack ---------------------------------

for md in "$FIX"/good/*.md; do
	one_article "$md" 0 check
done

bp "$FIX/pack.yaml" -o "$T/pack.epub"
expect_rc 0 "fixture pack to EPUB"
check_layout "fixture pack" "$T/pack.epub"
check "fixture pack: nothing executable, every link and id resolves" \
    $EQ safe "$T/pack.epub"
check_anchors "fixture pack" "$T/pack.epub"
epubcheck_later "fixture pack" "$T/pack.epub"
n=$(grep -c '^  - ' "$FIX/pack.yaml")
if [ "$($PY -c 'import sys,zipfile,re; print(sum(1 for x in zipfile.ZipFile(sys.argv[1]).namelist() if re.fullmatch(r"EPUB/a\d+\.xhtml", x)))' "$T/pack.epub")" = "$n" ]; then
	ok "fixture pack: one XHTML file per article ($n)"
else
	not_ok "fixture pack: one XHTML file per article ($n)"
fi

# --- the example pack -----------------------------------------------------------

if [ -f examples/uke48.yaml ]; then
	bp examples/uke48.yaml -o "$T/uke48.epub"
	expect_rc 0 "examples/uke48.yaml to EPUB"
	check_layout "example pack" "$T/uke48.epub"
	check "example pack: nothing executable, every link and id resolves" \
	    $EQ safe "$T/uke48.epub"
	check_anchors "example pack" "$T/uke48.epub"
	epubcheck_later "examples/uke48.yaml" "$T/uke48.epub"
	$EQ meta "$T/uke48.epub" >"$T/meta.txt" 2>&1
	if sed -n 1p "$T/meta.txt" | grep -Eq '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'; then
		ok "example pack: dc:identifier is a urn:uuid (version 5 layout)"
	else
		not_ok "example pack: dc:identifier is a urn:uuid" "got: $(sed -n 1p "$T/meta.txt")"
	fi
	want=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null ||
	    "$PY" -c 'import sys,time; print(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(sys.argv[1]))))' "$SOURCE_DATE_EPOCH")
	if [ "$(sed -n 3p "$T/meta.txt")" = "$want" ]; then
		ok "example pack: dcterms:modified is SOURCE_DATE_EPOCH ($want)"
	else
		not_ok "example pack: dcterms:modified is SOURCE_DATE_EPOCH" \
		    "want: $want" "got:  $(sed -n 3p "$T/meta.txt")"
	fi
	for md in $(find examples -name '*.md' ! -name README.md | LC_ALL=C sort); do
		one_article "$md" 0
	done
else
	skip "epub: examples/uke48.yaml not there"
fi

# --- fonts: subset to what each EPUB draws ------------------------------------

# check_fonts DESC EPUB LIMIT: fonts subset, named in the CSS, glyphs kept.
check_fonts() {
	if $EQ fonts "$2" fonts "$3" >"$T/fonts.out" 2>"$T/fonts.err"; then
		ok "$1: fonts subset, each in an @font-face, every character kept ($(cat "$T/fonts.out"))"
	else
		not_ok "$1: fonts subset, each in an @font-face, every character kept"
		show "$T/fonts.err"
	fi
}
[ ! -s "$T/uke48.epub" ] || check_fonts "example pack" "$T/uke48.epub" 600000
check_fonts "fixture pack" "$T/pack.epub" 600000
check_fonts "notes in odd places" "$T/o/tests_fixtures_good_notes-edge.epub" 600000
# A 12-article digest: the example's articles and five fixtures.
if [ -d examples/artikler ]; then
	bp examples/artikler/*.md "$FIX/good/lists.md" "$FIX/good/table.md" \
	    "$FIX/good/footnotes.md" "$FIX/good/images.md" "$FIX/good/english.md" \
	    -o "$T/digest.epub"
	expect_rc 0 "a 12-article digest to EPUB"
	check_fonts "12-article digest (at most 0.6 MB of fonts)" "$T/digest.epub" 600000
	epubcheck_later "12-article digest" "$T/digest.epub"
fi
# Only the faces drawn: plain text needs no code or italic font (the
# contents' article entries are bold, the cover's date and count regular).
printf -- '---\ntitle: Bare tekst\nlang: nb\n---\n\nBare vanlig tekst.\n' >"$T/plain.md"
bp "$T/plain.md" -o "$T/plain.epub"
_f=$($PY -c 'import sys,zipfile; print(" ".join(n[11:] for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("EPUB/fonts/")))' "$T/plain.epub")
_want="NotoSerif-Regular.ttf NotoSerif-Bold.ttf NotoSans-Regular.ttf NotoSans-Bold.ttf"
if [ "$_f" = "$_want" ]; then
	ok "plain text: only the faces it is drawn in go in, no italic, no code font"
else
	not_ok "plain text: only the faces it is drawn in go in" \
	    "want: $_want" "got:  $_f"
fi
bp -s memo "$T/plain.md" -o "$T/plain-memo.epub"
check_fonts "plain text, memo style" "$T/plain-memo.epub" 200000

# --- footnotes in odd places (issue 11) ----------------------------------------

# good/notes-edge.md (also checked alone above): each reference goes to
# its own note, in the EPUB and in the PDF of the same run: the two words
# before it, then the words of the note it reaches (numbers left out).
bp "$FIX/good/notes-edge.md" -o "$T/notes.epub" -o "$T/notes.pdf"
expect_rc 0 "notes in odd places to PDF and EPUB"
cat >"$T/notemap.want" <<'WANT'
kvotemeldingen => sitert bare fra en overskrift
en fotnote => sitert to ganger fra brødteksten
viser videre => den ytre noten viser til en indre note
seg selv => denne noten viser til seg selv
to noter => ring a viser til ring b
fylke => sitert fra en overskriftscelle i tabellen
troms => sitert fra en vanlig celle i tabellen
i lenketeksten => sitert fra lenketeksten
i teksten => sitert fra alternativ tekst til et bilde i teksten
fargefelt alene => sitert fra alternativ tekst til et bilde alene
og hyse => sitert fra et blokksitat
om sei => definert tidlig i kilden sitert fra punktlisten om sei og viser selv til en note
gang til => sitert to ganger fra brødteksten
i merket => merket har rare tegn
indre note => den indre noten er bare sitert fra en annen note
seg selv => denne noten viser til seg selv
ring b => ring b viser tilbake til ring a
en note => sitert bare fra en note som er definert tidlig
ring a => ring a viser til ring b
WANT
$EQ notemap "$T/notes.epub" a1 "$T/notes.pdf" >"$T/notemap.got" 2>"$T/notemap.err"
_r=$?
if [ "$_r" -eq 0 ] && cmp -s "$T/notemap.want" "$T/notemap.got"; then
	ok "notes in odd places: each reference reaches its own note, in the EPUB and the PDF"
else
	not_ok "notes in odd places: each reference reaches its own note, in the EPUB and the PDF"
	diff -u "$T/notemap.want" "$T/notemap.got" >>"$T/notemap.err"
	show "$T/notemap.err"
fi
if [ -s "$T/notes.pdf" ] &&
    ! pdftotext "$T/notes.pdf" - | grep -q '^ *[0-9][0-9]* En fotnote som aldri' &&
    ! $EQ text "$T/notes.epub" a1 | grep -q 'En fotnote som aldri'; then
	ok "notes in odd places: a note never cited is in neither output"
else
	not_ok "notes in odd places: a note never cited is in neither output"
fi
if have qpdf; then
	check "notes in odd places: qpdf --check finds nothing" qpdf_clean "$T/notes.pdf"
fi

# What the fixture cannot hold (words.py reads no "]" in alt text, and the
# EPUB shows no inline image's alt text): a worded alt text with a note,
# an image with a note inside link text, a missing image with a note.
mkdir -p "$T/alt"
make_png "$T/alt/bilde.png" 40 20
printf -- '---\ntitle: Noter i bildetekster\nlang: nb\n---\n\nTekst med ![Et lite bilde[^a]](bilde.png) i setningen, [en lenke med ![ikon[^b]](bilde.png) i](https://www.example.org/) og ![Borte[^c]](borte.png) til slutt.\n\n[^a]: Noten fra bildeteksten.\n[^b]: Noten fra et bilde i en lenke.\n[^c]: Noten fra et bilde som mangler.\n' >"$T/alt/alt.md"
bp "$T/alt/alt.md" -o "$T/alt.epub" -o "$T/alt.pdf"
expect_rc 1 "notes in alt text, one image missing: written"
check_anchors "notes in alt text" "$T/alt.epub"
check "notes in alt text: nothing executable, every link and id resolves" \
    $EQ safe "$T/alt.epub"
epubcheck_later "notes in alt text" "$T/alt.epub"
if pdftotext "$T/alt.pdf" - >"$T/alt.txt" 2>&1 &&
    grep -q '^ *1 Noten fra bildeteksten' "$T/alt.txt" &&
    grep -q '^ *2 Noten fra et bilde i en lenke' "$T/alt.txt" &&
    grep -q '^ *3 Noten fra et bilde som mangler' "$T/alt.txt"; then
	ok "notes in alt text: the PDF has every note"
else
	not_ok "notes in alt text: the PDF has every note"
	show "$T/alt.txt"
fi

# --- reproducible bytes --------------------------------------------------------

bp "$FIX/pack.yaml" -o "$T/again.epub"
if cmp "$T/pack.epub" "$T/again.epub" >"$T/cmp.out" 2>&1; then
	ok "two runs give byte-identical EPUBs"
else
	not_ok "two runs give byte-identical EPUBs"
	show "$T/cmp.out"
fi
TZ=America/New_York bp "$FIX/pack.yaml" -o "$T/tz.epub"
if cmp -s "$T/pack.epub" "$T/tz.epub"; then
	ok "another time zone gives the same bytes (zip dates are UTC)"
else
	not_ok "another time zone gives the same bytes (zip dates are UTC)"
fi
if [ -n "${FR_LOCALE:-}" ]; then
	LOCPATH=${FR_LOCPATH:-${LOCPATH:-}} LC_ALL=$FR_LOCALE bp "$FIX/pack.yaml" -o "$T/fr.epub"
	if cmp -s "$T/pack.epub" "$T/fr.epub"; then
		ok "a French locale gives the same bytes (no decimal commas in the CSS)"
	else
		not_ok "a French locale gives the same bytes"
	fi
else
	skip "epub: no French locale for the decimal-comma check"
fi
saved=$SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$((saved + 86400))
bp "$FIX/pack.yaml" -o "$T/later.epub"
SOURCE_DATE_EPOCH=$saved
$EQ meta "$T/pack.epub" >"$T/m1.txt"
$EQ meta "$T/later.epub" >"$T/m2.txt"
if [ "$(sed -n 1p "$T/m1.txt")" = "$(sed -n 1p "$T/m2.txt")" ] &&
    [ "$(sed -n 3p "$T/m1.txt")" != "$(sed -n 3p "$T/m2.txt")" ]; then
	ok "another SOURCE_DATE_EPOCH: same identifier, another dcterms:modified"
else
	not_ok "another SOURCE_DATE_EPOCH: same identifier, another dcterms:modified" \
	    "first:  $(tr '\n' ' ' <"$T/m1.txt")" "second: $(tr '\n' ' ' <"$T/m2.txt")"
fi
bp "$FIX/pack.yaml" -M "title=Another title" -o "$T/other.epub"
$EQ meta "$T/other.epub" >"$T/m3.txt"
if [ "$(sed -n 1p "$T/m1.txt")" != "$(sed -n 1p "$T/m3.txt")" ]; then
	ok "other content, other identifier"
else
	not_ok "other content, other identifier" "both: $(sed -n 1p "$T/m1.txt")"
fi

# --- hostile input ---------------------------------------------------------------

H=$FIX/hostile-output
bp "$H/hostile.md" "$H/svg.md" "$H/ids.md" -o "$T/hostile.epub" -o "$T/hostile.pdf"
expect_rc 1 "hostile pack: written, with placeholders"
check_layout "hostile pack" "$T/hostile.epub"
check "hostile pack: nothing executable (no script, iframe, on*=, javascript:), links resolve" \
    $EQ safe "$T/hostile.epub"
check_anchors "hostile pack" "$T/hostile.epub"
epubcheck_later "hostile pack" "$T/hostile.epub"
for s in script:8 onload:10 xxe:12 href:14 foreign:16 style:18 broken:20; do
	expect_err "svg\\.md:${s#*:}:1: warning: image \"svg/${s%:*}\\.svg\" " \
	    "unsafe SVG ${s%:*}.svg: a warning naming the file and line"
done
if [ "$($PY -c 'import sys,zipfile; print(sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("EPUB/img/")))' "$T/hostile.epub")" = "['EPUB/img/1.svg']" ]; then
	ok "hostile pack: only the safe SVG is in the bundle"
else
	not_ok "hostile pack: only the safe SVG is in the bundle"
fi
$PY -c 'import sys,zipfile; d=zipfile.ZipFile(sys.argv[1]).read("EPUB/img/1.svg"); sys.exit(b"<!DOCTYPE" in d or b"<svg" not in d)' "$T/hostile.epub"
if [ $? -eq 0 ]; then
	ok "the safe SVG goes in without its DOCTYPE"
else
	not_ok "the safe SVG goes in without its DOCTYPE"
fi
$EQ text "$T/hostile.epub" a1 >"$T/hostile.txt"
for lit in '<script>alert("blokk")</script>' \
    "<img src=\"x.png\" onerror=\"alert('bilde')\">" \
    "<a href=\"javascript:alert('a')\">" \
    "<iframe src=\"javascript:alert('ramme')\" onload=\"alert(1)\"></iframe>" \
    '<div onclick="alert(9)">Innhold i div</div>'; do
	if grep -qF -- "$lit" "$T/hostile.txt"; then
		ok "raw HTML shown as text: $lit"
	else
		not_ok "raw HTML shown as text: $lit"
		show "$T/hostile.txt"
	fi
done
for w in skript STOR mellomrom data vb fil relativ tab entitet referanse; do
	if grep -q "$w" "$T/hostile.txt"; then
		ok "unsafe link \"$w\" is kept as text"
	else
		not_ok "unsafe link \"$w\" is kept as text"
	fi
done
$EQ hrefs "$T/hostile.epub" a1 >"$T/hrefs.txt"
for h in 'https://www.example.org/a%20b?x=1&y=2#frag%23mer' \
    'https://xn--blbr-roah.example.org/sti?q=%C3%A6&p=%25zz&r=%41' \
    'mailto:post@example.org' 'ftp://ftp.example.org/fil.txt' \
    '#a1-ålegras-og-tang'; do
	if grep -qxF -- "$h" "$T/hrefs.txt"; then
		ok "safe link kept: $h"
	else
		not_ok "safe link kept: $h" "hrefs: $(tr '\n' ' ' <"$T/hrefs.txt")"
	fi
done
if [ "$(wc -l <"$T/hrefs.txt")" -eq 5 ]; then
	ok "hostile article: no other link"
else
	not_ok "hostile article: no other link" "hrefs: $(tr '\n' ' ' <"$T/hrefs.txt")"
fi
words_epub "hostile" "$H/hostile.md" "$T/hostile.epub" a1
words_epub "hostile" "$H/ids.md" "$T/hostile.epub" a3
cross_words "hostile" "$T/hostile.epub" a3 "$T/hostile.pdf"

# Links to headings and notes: ids unique, anchors resolve (safe checks
# that), and "#2026-figures" goes to the heading of that name.
$EQ hrefs "$T/hostile.epub" a3 >"$T/hrefs3.txt"
if grep -qxF '#a3-2026-figures' "$T/hrefs3.txt" && grep -qxF '#a3-fn-1' "$T/hrefs3.txt" &&
    [ "$(grep -c '^#a3-fnref-1' "$T/hrefs3.txt")" = 1 ]; then
	ok "internal links go to headings; notes link back to their first reference"
else
	not_ok "internal links go to headings; notes link back" "hrefs: $(tr '\n' ' ' <"$T/hrefs3.txt")"
fi

# Characters XML does not allow, and deep nesting.
{
	printf -- '---\ntitle: "Kontroll\\x01tegn"\nlang: nb\n---\n\n'
	printf 'Tekst med \001kontrolltegn\013 og \014sideskift og \177slett og\n'
	printf 'C1 \302\205 og ikketegn \357\277\276 slutt.\n\n'
	printf '## 中文 𝒜 ١٢٣ ² ½ ª µ\n\nOverskrifter i mange skrifter.\n\n'
	i=0
	while [ $i -lt 200 ]; do printf '> '; i=$((i + 1)); done
	printf 'dypt sitat\n\n'
	i=0
	while [ $i -lt 150 ]; do printf '%*s- punkt\n' $((i * 2)) ''; i=$((i + 1)); done
	# In a quote the flattening point falls on a list, not on an item.
	printf '\nMellomrom.\n\n'
	i=0
	while [ $i -lt 150 ]; do printf '> %*s- sitatpunkt\n' $((i * 2)) ''; i=$((i + 1)); done
	printf '\nSluttord.\n'
} >"$T/odd.md"
bp "$T/odd.md" -o "$T/odd.epub"
expect_rc_in "0 1" "control characters and deep nesting"
if [ -s "$T/odd.epub" ]; then
	check "control characters and deep nesting: well-formed, nothing executable" \
	    $EQ safe "$T/odd.epub"
	check_anchors "control characters and deep nesting" "$T/odd.epub"
	epubcheck_later "control characters and deep nesting" "$T/odd.epub"
else
	not_ok "control characters and deep nesting: EPUB written"
	show_last
fi

# Image formats: PNG, GIF and SVG go in as they are; WebP (not a core EPUB
# 3.2 type) goes in as PNG where gdk-pixbuf can read it, else it is a
# placeholder like a broken PNG; nothing ever goes in as .webp.
mkdir -p "$T/fmt"
make_png "$T/fmt/bilde.png" 40 20
"$PY" - "$T/fmt" <<'PYEOF'
import base64, sys
d = sys.argv[1]
open(d + "/bilde.gif", "wb").write(
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
    b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
open(d + "/bilde.webp", "wb").write(base64.b64decode(
    "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="))
png = open(d + "/bilde.png", "rb").read()
open(d + "/knekt.png", "wb").write(png[:16] + b"\xff" * 40)
PYEOF
printf -- '---\ntitle: Bildeformater\nlang: nb\n---\n\n![PNG](bilde.png)\n\n![GIF](bilde.gif)\n\n![WebP](bilde.webp)\n\n![Knekt](knekt.png)\n\nTo ganger samme bilde: ![igjen](bilde.png) slutt.\n' >"$T/fmt/format.md"
bp "$T/fmt/format.md" -o "$T/fmt.epub"
expect_rc 1 "image formats: written, the broken PNG a placeholder"
expect_err 'format\.md:12:1: warning: image "knekt\.png" cannot be decoded' \
    "a broken PNG: a warning naming the file and line"
$PY -c 'import sys,zipfile; print(" ".join(sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("EPUB/img/"))))' \
    "$T/fmt.epub" >"$T/fmt.list"
case $(cat "$T/fmt.list") in
"EPUB/img/1.png EPUB/img/2.gif") webp=placeholder ;;
"EPUB/img/1.png EPUB/img/2.gif EPUB/img/3.png") webp=png ;;
*) webp=bad ;;
esac
if [ "$webp" = placeholder ] &&
    grep -Eq 'format\.md:10:1: warning: image "bilde\.webp" cannot be decoded' "$T/bp.err"; then
	ok "WebP without a gdk-pixbuf loader: a warning and a placeholder"
elif [ "$webp" = png ]; then
	ok "WebP goes in as PNG"
else
	not_ok "images: PNG and GIF as they are, the same image once, WebP as PNG or a placeholder" \
	    "bundle: $(cat "$T/fmt.list")"
	show "$T/bp.err"
fi
epubcheck_later "image formats" "$T/fmt.epub"

# --- other paths: a failed article, a missing image, memo, no contents --------

bp -s memo --no-toc "$FIX/good/table.md" "$FIX/bad/yaml_syntax.md" \
    "$FIX/bad/missing_image.md" "$FIX/bad/raw_html.md" -o "$T/memo.epub"
expect_rc 1 "memo, --no-toc, a failed article and a missing image"
epubcheck_later "memo, --no-toc, a failed article and a missing image" "$T/memo.epub"
$EQ text "$T/memo.epub" a2 >"$T/failed.txt"
if grep -q 'Denne artikkelen kunne ikke tas med' "$T/failed.txt" &&
    grep -q 'yaml_syntax\.md' "$T/failed.txt"; then
	ok "a failed article is a page that names it and says why"
else
	not_ok "a failed article is a page that names it and says why"
	show "$T/failed.txt"
fi
if $EQ text "$T/memo.epub" a3 | grep -q 'Bildet er ikke tilgjengelig'; then
	ok "a missing image is a placeholder with the words the PDF uses"
else
	not_ok "a missing image is a placeholder with the words the PDF uses"
fi
if $PY -c 'import sys,zipfile; sys.exit(b"idref=\"nav\" linear=\"no\"" not in zipfile.ZipFile(sys.argv[1]).read("EPUB/package.opf"))' "$T/memo.epub"; then
	ok "--no-toc: the contents are not read in order (linear=\"no\")"
else
	not_ok "--no-toc: the contents are not read in order (linear=\"no\")"
fi
if $PY -c 'import sys,zipfile; c=zipfile.ZipFile(sys.argv[1]).read("EPUB/style.css").decode(); sys.exit(not ("\"Noto Sans\", sans-serif" in c and "Noto Serif" not in c and "#2e7d32" in c))' "$T/memo.epub"; then
	ok "memo: the CSS uses the style's fonts and colours"
else
	not_ok "memo: the CSS uses the style's fonts and colours"
fi

# --- the command line: default outputs, atomic output, refusals ------------------

mkdir -p "$T/fx"
cp -r "$FIX/good" "$FIX/pack.yaml" "$T/fx/"
bp "$T/fx/pack.yaml"
expect_rc 0 "a manifest without -o"
expect_file "$T/fx/pack.pdf" "a manifest without -o writes <manifest>.pdf"
expect_file "$T/fx/pack.epub" "a manifest without -o writes <manifest>.epub"
if [ -s "$T/fx/pack.epub" ] && cmp -s "$T/fx/pack.epub" "$T/pack.epub"; then
	ok "the default EPUB is the same as with -o"
else
	not_ok "the default EPUB is the same as with -o"
fi

bp "$FIX/good/breaks.md" -o "$T/no/such/folder/x.epub"
expect_rc 2 "an EPUB that cannot be written"
expect_err 'x\.epub' "an EPUB that cannot be written: the message names it"

mkdir -p "$T/keep"
cp "$T/pack.epub" "$T/keep/keep.epub"
bp "$FIX/bad/yaml_syntax.md" -o "$T/keep/keep.epub"
expect_rc 1 "no article could be read"
expect_same "$T/keep/keep.epub" "$T/pack.epub" "an earlier EPUB survives a run that writes nothing"
bp "$FIX/good/breaks.md" -o "$T/keep/keep.epub"
expect_rc 0 "an EPUB replaces an earlier one"
expect_listing "$T/keep" "no temporary files are left beside the EPUB" keep.epub

epubcheck_results
done_testing
