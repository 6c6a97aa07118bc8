#!/usr/bin/env python3
# PDF/A-2 and PDF/UA-1 clause checks on a finished PDF, with pikepdf.
# SPDX-License-Identifier: MIT
"""
usage: pdfa.py FILE.pdf [--claim LIST] [--articles N]
       pdfa.py --claimed FILE.pdf
       pdfa.py --struct-text FILE.pdf

Checks the clauses of ISO 19005-2 (PDF/A-2) and ISO 14289-1 (PDF/UA-1)
that briefpack's finishing step is responsible for, one named assertion
each, and prints one line per clause:

    ok<TAB>clause
    fail<TAB>clause<TAB>detail

--claim LIST: the standards the file must claim ("a-2a,ua-1", "a-2b",
"none"...); without it the claim is only checked against the file.
--articles N: the pack has N articles, each with a Sect that has /Lang.
Clauses that depend on the claim (output intent, structure tree) are
checked when the file claims them, and the claim itself must hold: 'a'
and 'ua' need a structure tree and alt text on every figure.

--claimed prints the file's claim ("a-2a,ua-1", "none").
--struct-text prints the structure tree with each element's text, in
reading order (what pdfinfo -struct-text prints, read with nested
marked content and /ActualText honoured).
Exit status: 0 every clause holds, 1 one does not, 2 usage error.
"""

import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "sh", "Do",
         "Tj", "TJ", "'", '"', "INLINE IMAGE", "BI"}
PDF_DATE = re.compile(r"^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$")
XMP_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$")


class Report:
    def __init__(self):
        self.failed = 0

    def check(self, clause, ok, detail=""):
        if ok:
            print("ok\t%s" % clause)
        else:
            self.failed += 1
            print("fail\t%s\t%s" % (clause, str(detail).replace("\n", " ")))


def text(obj):
    return str(obj) if obj is not None else None


def xmp_tree(pdf):
    md = pdf.Root.get("/Metadata")
    if not isinstance(md, Stream):
        return None, "no /Metadata stream in the catalog"
    if md.get("/Type") != Name.Metadata or md.get("/Subtype") != Name.XML:
        return None, "/Metadata is not /Type /Metadata /Subtype /XML"
    if "/Filter" in md:
        return None, "/Metadata is compressed (%s)" % md.Filter
    try:
        return ET.fromstring(md.read_bytes()), ""
    except ET.ParseError as e:
        return None, "XMP does not parse: %s" % e


def xmp_value(root, path):
    """The text of the first element at path (an ElementTree path)."""
    el = root.find(".//" + path, NS)
    return el.text if el is not None else None


def xmp_items(root, path):
    el = root.find(".//" + path, NS)
    if el is None:
        return None
    return [li.text or "" for li in el.iter("{%s}li" % NS["rdf"])]


def claim_of(root):
    if root is None:
        return set()
    claim = set()
    part = xmp_value(root, "pdfaid:part")
    conf = xmp_value(root, "pdfaid:conformance")
    if part == "2" and conf in ("A", "B", "U"):
        claim.add("a-2" + conf.lower())
    if xmp_value(root, "pdfuaid:part") == "1":
        claim.add("ua-1")
    return claim


def claim_text(claim):
    order = ["a-2a", "a-2b", "a-2u", "ua-1"]
    return ",".join(c for c in order if c in claim) or "none"


def check_xmp(rep, pdf, root, why, claim, want):
    rep.check("XMP metadata present, uncompressed, and parses", root is not None, why)
    if want is not None:
        rep.check("XMP identification matches the claim asked for (%s)" % claim_text(want),
                  claim == want, "file claims %s" % claim_text(claim))
    if root is None:
        return
    if any(c.startswith("a-2") for c in claim):
        rep.check("pdfaid:part is 2 with conformance A, B or U",
                  xmp_value(root, "pdfaid:part") == "2", xmp_value(root, "pdfaid:part"))
    if "ua-1" in claim:
        ok = xmp_value(root, "pdfuaid:part") == "1"
        rep.check("pdfuaid:part is 1 (PDF/UA claimed)", ok)
        if any(c.startswith("a-2") for c in claim):
            uris = [e.text for e in root.iter("{%s}namespaceURI" % NS["pdfaSchema"])]
            rep.check("pdfaExtension schema describes the pdfuaid namespace",
                      NS["pdfuaid"] in uris, "schemas: %s" % uris)
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, Dictionary) else Dictionary()
    title = xmp_items(root, "dc:title")
    rep.check("dc:title (x-default) equals Info Title and is not empty",
              title is not None and len(title) == 1 and title[0] == text(info.get("/Title"))
              and title[0] != "", "dc:title %r, Title %r" % (title, text(info.get("/Title"))))
    creator = xmp_items(root, "dc:creator")
    author = text(info.get("/Author"))
    rep.check("dc:creator equals Info Author",
              (author is None and creator is None) or creator == [author],
              "dc:creator %r, Author %r" % (creator, author))
    desc = xmp_items(root, "dc:description")
    subject = text(info.get("/Subject"))
    rep.check("dc:description equals Info Subject",
              (subject is None and desc is None) or desc == [subject],
              "dc:description %r, Subject %r" % (desc, subject))
    for prop, key in (("pdf:Keywords", "/Keywords"), ("pdf:Producer", "/Producer"),
                      ("xmp:CreatorTool", "/Creator")):
        got, want_v = xmp_value(root, prop), text(info.get(key))
        rep.check("%s equals Info %s" % (prop, key[1:]), got == want_v,
                  "%s %r, %s %r" % (prop, got, key[1:], want_v))
    lang = xmp_items(root, "dc:language")
    rep.check("dc:language equals the catalog's /Lang",
              lang is not None and lang == [text(pdf.Root.get("/Lang"))],
              "dc:language %r, /Lang %r" % (lang, text(pdf.Root.get("/Lang"))))
    for xkey, ikey in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
        xd, idate = xmp_value(root, xkey), text(info.get(ikey))
        mx = XMP_DATE.match(xd or "")
        mi = PDF_DATE.match(idate or "")
        rep.check("Info %s is D:YYYYMMDDHHmmSSZ and equals %s" % (ikey[1:], xkey),
                  mx is not None and mi is not None and mx.groups() == mi.groups(),
                  "%s %r, %s %r" % (ikey[1:], idate, xkey, xd))


def check_catalog(rep, pdf, claim):
    root = pdf.Root
    if any(c.startswith("a-2") for c in claim):
        ois = root.get("/OutputIntents")
        good = False
        if isinstance(ois, Array):
            for oi in ois:
                prof = oi.get("/DestOutputProfile")
                if (oi.get("/S") == Name.GTS_PDFA1 and isinstance(prof, Stream)
                        and prof.get("/N") == 3 and prof.read_bytes()[36:40] == b"acsp"):
                    good = True
        rep.check("OutputIntent /GTS_PDFA1 with an ICC stream of /N 3", good)
    rep.check("catalog /Lang is set", bool(text(root.get("/Lang"))))
    vp = root.get("/ViewerPreferences")
    rep.check("ViewerPreferences /DisplayDocTitle true",
              isinstance(vp, Dictionary) and vp.get("/DisplayDocTitle") is True)
    tid = pdf.trailer.get("/ID")
    rep.check("trailer /ID holds two strings",
              isinstance(tid, Array) and len(tid) == 2 and len(bytes(tid[0])) == 16)
    if claim & {"a-2a", "ua-1"}:
        mi = root.get("/MarkInfo")
        rep.check("MarkInfo /Marked true ('a' or 'ua' claimed)",
                  isinstance(mi, Dictionary) and mi.get("/Marked") is True)
        rep.check("a structure tree ('a' or 'ua' claimed)", "/StructTreeRoot" in root)


def check_pages(rep, pdf):
    bad_annot, bad_tabs = [], []
    for i, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if isinstance(annots, Array) and len(annots) > 0:
            if page.obj.get("/Tabs") != Name.S:
                bad_tabs.append(i)
            for a in annots:
                if a.get("/F") != 4 or not text(a.get("/Contents")):
                    bad_annot.append(i)
    rep.check("every annotation has /F 4 and /Contents", not bad_annot,
              "pages %s" % sorted(set(bad_annot))[:10])
    rep.check("pages with annotations have /Tabs /S", not bad_tabs,
              "pages %s" % bad_tabs[:10])


def values(d):
    return [d[k] for k in d.keys()] if isinstance(d, Dictionary) else []


def resources_walk(pdf):
    """Every font and image XObject the pages use, through forms too."""
    seen, fonts, images = set(), [], []

    def walk(res):
        if not isinstance(res, Dictionary):
            return
        for f in values(res.get("/Font")):
            if f.objgen not in seen or f.objgen == (0, 0):
                seen.add(f.objgen)
                fonts.append(f)
        for x in values(res.get("/XObject")):
            if x.objgen in seen:
                continue
            seen.add(x.objgen)
            if x.get("/Subtype") == Name.Image:
                images.append(x)
                if isinstance(x.get("/SMask"), Stream):
                    images.append(x.SMask)
            elif x.get("/Subtype") == Name.Form:
                walk(x.get("/Resources"))
        for p in values(res.get("/Pattern")):
            if p.objgen not in seen:
                seen.add(p.objgen)
                walk(p.get("/Resources"))

    for page in pdf.pages:
        walk(page.obj.get("/Resources"))
    return fonts, images


def check_fonts_images(rep, pdf, claim):
    fonts, images = resources_walk(pdf)
    noembed, nomap, nouni = [], [], []
    for f in fonts:
        if "/ToUnicode" not in f and f.get("/Encoding") not in (
                Name.WinAnsiEncoding, Name.MacRomanEncoding, Name.StandardEncoding):
            nouni.append(text(f.get("/BaseFont")))
        descs = list(f.DescendantFonts) if f.get("/Subtype") == Name.Type0 else [f]
        for d in descs:
            if d.get("/Subtype") == Name.Type3:
                continue
            fd = d.get("/FontDescriptor")
            if not isinstance(fd, Dictionary) or not any(
                    k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                noembed.append(text(d.get("/BaseFont")))
            if d.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in d:
                nomap.append(text(d.get("/BaseFont")))
    rep.check("every font embedded (%d fonts)" % len(fonts), not noembed, noembed)
    rep.check("CIDFontType2 fonts have /CIDToGIDMap", not nomap, nomap)
    if claim & {"a-2a", "a-2u"}:
        rep.check("every font maps to Unicode ('a' or 'u' claimed)", not nouni, nouni)
    interp = [x.objgen for x in images if x.get("/Interpolate") is True]
    rep.check("no image with /Interpolate true (%d images)" % len(images), not interp, interp)


def content_marks(pdf, page):
    """MCIDs in stream order, and painting operators outside tagged content."""
    mcids, loose, stack = [], 0, []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BMC", "BDC"):
            tagged = str(operands[0]) == "/Artifact"
            if op == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
                tagged = True
            stack.append(tagged)
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op in PAINT and not any(stack):
            loose += 1
    return mcids, loose


def struct_elems(pdf):
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return []
    out, todo, seen = [], [root.get("/K")], set()
    while todo:
        k = todo.pop()
        if isinstance(k, Array):
            todo.extend(reversed(list(k)))
        elif isinstance(k, Dictionary) and k.get("/Type", Name.StructElem) == Name.StructElem \
                and "/S" in k and k.objgen not in seen:
            seen.add(k.objgen)
            out.append(k)
            todo.append(k.get("/K"))
    return out


def attrs(elem):
    a = elem.get("/A")
    if isinstance(a, Dictionary):
        return [a]
    if isinstance(a, Array):
        return [x for x in a if isinstance(x, Dictionary)]
    return []


def check_content_and_tree(rep, pdf, claim, articles):
    page_mcids, loose_pages = {}, []
    for i, page in enumerate(pdf.pages, 1):
        mcids, loose = content_marks(pdf, page)
        page_mcids[page.obj.objgen] = mcids
        if loose:
            loose_pages.append((i, loose))
    rep.check("no painting operator outside marked content (artifact or MCID)",
              not loose_pages, "page, count: %s" % loose_pages[:10])

    elems = struct_elems(pdf)
    tree = "/StructTreeRoot" in pdf.Root
    figures = [e for e in elems if e.S == Name.Figure]
    noalt = [i for i, e in enumerate(figures) if not text(e.get("/Alt"))]
    if tree or claim & {"a-2a", "ua-1"}:
        # Without a tree these cannot hold: say so rather than pass empty.
        none = "" if tree else "no structure tree"
        if claim & {"a-2a", "ua-1"}:
            rep.check("every Figure has /Alt (%d figures)" % len(figures),
                      tree and not noalt, none or "%d without" % len(noalt))
        ths = [e for e in elems if e.S == Name.TH]
        noscope = [e for e in ths if not any("/Scope" in a for a in attrs(e))]
        rep.check("every TH has /Scope (%d TH)" % len(ths), tree and not noscope,
                  none or "%d without" % len(noscope))
        langs = [e for e in elems if e.S == Name.Sect and text(e.get("/Lang"))]
        if articles is not None:
            rep.check("each article's Sect has /Lang (%d articles)" % articles,
                      len(langs) >= articles, "%d Sect with /Lang" % len(langs))
        notes = [e for e in elems if e.S == Name.Note]
        rep.check("every Note has an /ID (%d notes)" % len(notes),
                  tree and all("/ID" in e for e in notes), none)
        check_parent_tree(rep, pdf, elems, page_mcids)
    if claim_of(xmp_tree(pdf)[0]) & {"a-2a", "ua-1"}:
        rep.check("the claim holds: 'a'/'ua' with a tree and all alt text",
                  tree and not noalt, "tree %s, %d figures without /Alt" % (tree, len(noalt)))


def number_tree(node, out):
    if not isinstance(node, Dictionary):
        return
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids") or []:
        number_tree(kid, out)


def check_parent_tree(rep, pdf, elems, page_mcids):
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        rep.check("ParentTree consistent with MCIDs and StructParent", False, "no tree")
        return
    ptree = {}
    number_tree(root.get("/ParentTree"), ptree)
    problems = []
    # What the elements hold: (page, mcid) -> element, annotation -> element.
    held, objr = {}, {}
    for e in elems:
        pg = e.get("/Pg")
        kids = e.get("/K")
        kids = list(kids) if isinstance(kids, Array) else [kids]
        for k in kids:
            if isinstance(k, int):
                if pg is None:
                    problems.append("MCID %s without /Pg" % k)
                    continue
                held[(pg.objgen, int(k))] = e.objgen
            elif isinstance(k, Dictionary) and k.get("/Type") == Name.MCR:
                held[(k.Pg.objgen, int(k.MCID))] = e.objgen
            elif isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR:
                objr[k.Obj.objgen] = e.objgen
    for i, page in enumerate(pdf.pages, 1):
        mcids = page_mcids[page.obj.objgen]
        key = page.obj.get("/StructParents")
        if mcids:
            arr = ptree.get(int(key)) if key is not None else None
            if not isinstance(arr, Array):
                problems.append("page %d: no parent-tree array" % i)
                continue
            for m in mcids:
                owner = held.get((page.obj.objgen, m))
                if owner is None:
                    problems.append("page %d: MCID %d in no element" % (i, m))
                elif m >= len(arr) or arr[m].objgen != owner:
                    problems.append("page %d: MCID %d: parent tree disagrees" % (i, m))
        for a in page.obj.get("/Annots") or []:
            key = a.get("/StructParent")
            if key is None or a.objgen not in objr:
                problems.append("page %d: annotation not in the tree" % i)
            elif ptree.get(int(key)) is None or ptree[int(key)].objgen != objr[a.objgen]:
                problems.append("page %d: annotation's StructParent disagrees" % i)
    for (pg, m) in held:
        if not any(page.obj.objgen == pg and m in page_mcids[pg] for page in pdf.pages):
            problems.append("an element holds MCID %d that no page has" % m)
            break
    nk = root.get("/ParentTreeNextKey")
    if ptree and (nk is None or int(nk) <= max(ptree)):
        problems.append("ParentTreeNextKey %s <= %d" % (nk, max(ptree)))
    rep.check("ParentTree consistent with MCIDs and StructParent", not problems,
              "; ".join(problems[:5]))


# ---------------------------------------------------------------------------
# The structure tree's text in reading order (--struct-text). poppler's
# pdfinfo -struct-text (22.12) ends a marked-content sequence at the
# first EMC inside it, so the text after Cairo's nested /ActualText spans
# (ligatures, a space at a line's end) is lost there; this reader nests
# sequences as ISO 32000-1 14.6 does and uses /ActualText.

HEX_RE = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def cmap_of(font):
    """code bytes -> text, and the code length, from a font's ToUnicode."""
    tu = font.get("/ToUnicode")
    width = 2 if font.get("/Subtype") == Name.Type0 else 1
    table = {}
    if not isinstance(tu, Stream):
        return table, width

    def hexes(b):
        return [bytes.fromhex(re.sub(rb"\s", b"", h).decode()) for h in HEX_RE.findall(b)]

    data = tu.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        hs = hexes(block)
        for i in range(0, len(hs) - 1, 2):
            table[hs[i]] = hs[i + 1].decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            hs = hexes(line)
            if len(hs) < 3:
                continue
            lo, hi = int.from_bytes(hs[0], "big"), int.from_bytes(hs[1], "big")
            n = len(hs[0])
            if b"[" in line:
                for k, dst in enumerate(hs[2:]):
                    table[(lo + k).to_bytes(n, "big")] = dst.decode("utf-16-be", "replace")
            else:
                base = int.from_bytes(hs[2], "big")
                for k in range(hi - lo + 1):
                    table[(lo + k).to_bytes(n, "big")] = chr(base + k) if base + k < 0x110000 else ""
    for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
        hs = hexes(block)
        if hs:
            width = len(hs[0])
    return table, width


def page_texts(page, fonts_cache):
    """MCID -> its text, for one page."""
    fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
    texts, stack, font = {}, [], None

    def current():
        for kind, val in reversed(stack):
            if kind == "mcid":
                return val
        return None

    def emit(t):
        m = current()
        if m is None or any(kind == "actual" for kind, _ in stack):
            return
        texts[m] = texts.get(m, "") + t

    def show(b):
        if font is None:
            return
        table, width = font
        emit("".join(table.get(b[i:i + width], "") for i in range(0, len(b), width)))

    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "Tf" and operands and str(operands[0]) in fonts:
            f = fonts[str(operands[0])]
            key = f.objgen
            if key not in fonts_cache or key == (0, 0):
                fonts_cache[key] = cmap_of(f)
            font = fonts_cache[key]
        elif op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            if isinstance(props, Dictionary) and "/MCID" in props:
                stack.append(("mcid", int(props.MCID)))
            elif isinstance(props, Dictionary) and "/ActualText" in props:
                emit(str(props.ActualText))
                stack.append(("actual", None))
            else:
                stack.append(("other", None))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tj" or op == "'" or op == '"':
            if op != "Tj":
                emit("\n")
            show(bytes(operands[-1]))
        elif op == "TJ":
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    show(bytes(item))
        elif op in ("Td", "TD", "T*", "Tm", "BT"):
            emit("\n")
    return texts


def struct_text(pdf):
    """The tree as lines: element types indented, their text quoted."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return "no structure tree\n"
    cache, per_page = {}, {}

    def text_of(pg, m):
        if pg.objgen not in per_page:
            per_page[pg.objgen] = page_texts(pikepdf.Page(pg), cache)
        return per_page[pg.objgen].get(m, "")

    out = []

    def walk(e, depth):
        out.append("  " * depth + str(e.get("/S", "?"))[1:])
        kids = e.get("/K")
        kids = list(kids) if isinstance(kids, Array) else [kids]
        for k in kids:
            if isinstance(k, int) and "/Pg" in e:
                t = text_of(e.Pg, int(k))
            elif isinstance(k, Dictionary) and k.get("/Type") == Name.MCR:
                t = text_of(k.Pg, int(k.MCID))
            elif isinstance(k, Dictionary) and "/S" in k:
                walk(k, depth + 1)
                continue
            else:
                continue
            t = re.sub("\n+", "\n", t).strip("\n")
            if t:
                out.append("  " * (depth + 1) + '"%s"' % t.replace("\n", "\n" + "  " * (depth + 1)))

    k = root.get("/K")
    for e in (list(k) if isinstance(k, Array) else [k]):
        if isinstance(e, Dictionary):
            walk(e, 0)
    return "\n".join(out) + "\n"


def main(argv):
    want, articles, path, only_claim = None, None, None, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--claim" and i + 1 < len(argv):
            want = set() if argv[i + 1] == "none" else set(argv[i + 1].split(","))
            i += 2
        elif a == "--articles" and i + 1 < len(argv):
            articles = int(argv[i + 1])
            i += 2
        elif a == "--claimed":
            only_claim = True
            i += 1
        elif a == "--struct-text":
            only_claim = "struct"
            i += 1
        elif path is None:
            path = a
            i += 1
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if path is None:
        print(__doc__, file=sys.stderr)
        return 2
    pdf = pikepdf.open(path)
    if only_claim == "struct":
        sys.stdout.write(struct_text(pdf))
        return 0
    root, why = xmp_tree(pdf)
    claim = claim_of(root)
    if only_claim:
        print(claim_text(claim) if root is not None else "no-xmp")
        return 0
    rep = Report()
    # Clauses of what the file claims, and of what it should claim.
    expect = claim | (want or set())
    check_xmp(rep, pdf, root, why, claim, want)
    check_catalog(rep, pdf, expect)
    check_pages(rep, pdf)
    check_fonts_images(rep, pdf, expect)
    check_content_and_tree(rep, pdf, expect, articles)
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
