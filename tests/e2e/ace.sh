#!/bin/sh
# Accessibility of the EPUB. Without any other tool: the EPUB
# Accessibility 1.1 metadata follows from the content (WCAG 2.1 AA claimed
# only when every image has alt text), every epub:type has its ARIA role,
# task boxes are labelled in the article's language, links are underlined.
# With Ace by DAISY (EPUB Accessibility 1.1 and WCAG 2 AA through axe):
# no violation in the example pack, a 12-article digest, every good
# fixture alone and as a pack, the memo style, hostile input and edge
# cases. Ace is skipped, saying why, when it, Node.js 20 or Chromium is
# missing (`sh scripts/install-deps.sh --ace` installs it into build-ace/).
# SPDX-License-Identifier: MIT
#
# Ace starts Chromium for every EPUB: some 300 s on two cores with
# another test program beside it, more under ASan.
# test-timeout: 1200
#
# Environment: ACE (default build-ace/node_modules/.bin/ace-cli),
# PUPPETEER_EXECUTABLE_PATH (default: chromium on PATH), ACE_JOBS (Ace
# runs at a time, default 2).

. "$(dirname "$0")/lib.sh"
require_tools python3
require_bp

cat >"$T/a11y.py" <<'PYEOF'
"""a11y.py COMMAND ARGS: accessibility questions about briefpack's EPUBs.

meta EPUB          the package's schema:* and dcterms:conformsTo metadata,
                   one "property=value" a line (the summary as "summary")
roles EPUB         every epub:type with an ARIA role has it; every checkbox
                   has an aria-label (printed, one a line); every link
                   shows text or has an aria-label
ace DESC REPORT    Ace's report.json: "ok" or each violation, one a line
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUBNS = "{http://www.idpf.org/2007/ops}"
# DPUB-ARIA's roles for the epub:type values briefpack writes.
ROLES = {"noteref": "doc-noteref", "footnote": "doc-footnote",
         "chapter": "doc-chapter", "toc": "doc-toc", "endnotes": "doc-endnotes",
         "page-list": "doc-pagelist", "pagebreak": "doc-pagebreak"}


def meta(path):
    opf = ET.fromstring(zipfile.ZipFile(path).read("EPUB/package.opf"))
    for m in opf.iter(OPF + "meta"):
        p = m.get("property") or ""
        if p == "schema:accessibilitySummary":
            print("summary=%s" % ("text" if (m.text or "").strip() else ""))
        elif p.startswith("schema:") or p == "dcterms:conformsTo":
            print("%s=%s" % (p, m.text))


def roles(path):
    z = zipfile.ZipFile(path)
    bad = []
    for n in sorted(z.namelist()):
        if not n.endswith(".xhtml"):
            continue
        doc = ET.fromstring(z.read(n))
        for el in doc.iter():
            t = el.get(EPUBNS + "type")
            tag = el.tag.replace(XHTML, "")
            if t in ROLES and tag != "a" or t == "noteref":
                if el.get("role") != ROLES[t]:
                    bad.append("%s: <%s epub:type=\"%s\" role=\"%s\">, not %s"
                               % (n, tag, t, el.get("role"), ROLES[t]))
            if tag == "input" and el.get("type") == "checkbox":
                if not (el.get("aria-label") or "").strip():
                    bad.append("%s: checkbox %s has no label" % (n, el.get("id")))
                else:
                    print(el.get("aria-label"))
            if tag == "a" and el.get("href") is not None:
                shown = "".join(el.itertext()).strip() or any(
                    (i.get("alt") or "").strip() for i in el.iter(XHTML + "img"))
                if not shown and not (el.get("aria-label") or "").strip():
                    bad.append("%s: link %s shows nothing and has no label"
                               % (n, el.get("href")))
    if bad:
        sys.stderr.write("%d problems:\n  %s\n" % (len(bad), "\n  ".join(bad[:20])))
        sys.exit(1)


def ace(desc, report):
    r = json.load(open(report))
    bad = []
    for doc in r.get("assertions", []):
        url = doc.get("earl:testSubject", {}).get("url", "?")
        for a in doc.get("assertions", []):
            res = a.get("earl:result", {})
            if res.get("earl:outcome") != "fail":
                continue
            test = a.get("earl:test", {})
            where = res.get("earl:pointer", {}).get("css") or [""]
            bad.append("%s: %s (%s) at %s: %s" % (
                url, test.get("dct:title"), test.get("earl:impact"), where[0],
                " ".join((res.get("dct:description") or "").split())[:200]))
    if bad:
        print("%d violations" % len(bad))
        for b in bad[:25]:
            print("  " + b)
        sys.exit(1)
    print("ok")


cmd = sys.argv[1]
if cmd == "meta":
    meta(sys.argv[2])
elif cmd == "roles":
    roles(sys.argv[2])
elif cmd == "ace":
    ace(sys.argv[2], sys.argv[3])
else:
    sys.exit(__doc__)
PYEOF
AQ="$PY $T/a11y.py"
mkdir -p "$T/e" "$T/ace"

# --- the EPUBs ------------------------------------------------------------------

# Each made EPUB is listed in $T/list (file, then what it is) for Ace.
: >"$T/list"
# make DESC FILE.epub STATUSES ARGS...: write an EPUB and list it.
make_epub() {
	_desc=$1
	_out=$2
	_rc=$3
	shift 3
	bp "$@" -o "$_out"
	expect_rc_in "$_rc" "$_desc to EPUB"
	if [ -s "$_out" ]; then
		printf '%s\t%s\n' "$_out" "$_desc" >>"$T/list"
	fi
}

[ ! -f examples/uke48.yaml ] ||
    make_epub "example pack" "$T/e/uke48.epub" 0 examples/uke48.yaml
if [ -d examples/artikler ]; then
	make_epub "12-article digest" "$T/e/digest.epub" 0 examples/artikler/*.md \
	    "$FIX/good/lists.md" "$FIX/good/table.md" "$FIX/good/footnotes.md" \
	    "$FIX/good/images.md" "$FIX/good/english.md"
fi
make_epub "fixture pack" "$T/e/pack.epub" 0 "$FIX/pack.yaml"
make_epub "fixture pack, memo style" "$T/e/memo.epub" 0 -s memo --no-toc "$FIX/pack.yaml"
for md in "$FIX"/good/*.md; do
	make_epub "$md" "$T/e/$(basename "$md" .md).epub" 0 "$md"
done
H=$FIX/hostile-output
make_epub "hostile pack" "$T/e/hostile.epub" 1 "$H/hostile.md" "$H/svg.md" "$H/ids.md"

# What the fixtures hold too little of: links that show no text, images
# without alt text, headings that skip levels or are empty, task boxes in
# English, a header cell with a link, deep nesting.
mkdir -p "$T/edge"
make_png "$T/edge/bilde.png" 40 20
{
	printf -- '---\ntitle: Edge cases\nlang: en\n---\n\n'
	printf 'An empty link [](https://example.org/empty), a link with only a note '
	printf '[[^a]](https://example.org/note) and [![](bilde.png)](https://example.org/pic).\n\n'
	printf 'An image without alt text: ![](bilde.png).\n\n'
	printf '![](bilde.png)\n\n#### Four after the title\n\n##\n\n###### Six\n\n'
	printf -- '- [ ] open\n- [x] done\n\n'
	printf '| [Head](https://example.org/h) | b |\n|---|---|\n| *cell* | `code` |\n\n'
	i=0
	while [ $i -lt 30 ]; do printf '> '; i=$((i + 1)); done
	printf 'deep quote\n\n'
	i=0
	while [ $i -lt 20 ]; do printf '%*s- item\n' $((i * 2)) ''; i=$((i + 1)); done
	printf '\n[^a]: The note.\n'
} >"$T/edge/edge.md"
make_epub "edge cases" "$T/e/edge.epub" 0 "$T/edge/edge.md"

# --- metadata, roles and labels (no Ace needed) ---------------------------------

# expect_meta DESC EPUB LINE...: each "property=value" line is there.
expect_meta() {
	_desc=$1
	_epub=$2
	shift 2
	$AQ meta "$_epub" >"$T/meta.txt" 2>&1
	for _l in "$@"; do
		if ! grep -qxF -- "$_l" "$T/meta.txt"; then
			not_ok "$_desc" "no metadata line: $_l"
			show "$T/meta.txt"
			return
		fi
	done
	ok "$_desc"
}

# expect_no_meta DESC EPUB PATTERN: no metadata line matches.
expect_no_meta() {
	$AQ meta "$2" >"$T/meta.txt" 2>&1
	if grep -Eq -- "$3" "$T/meta.txt"; then
		not_ok "$1" "a metadata line matches: $3"
		show "$T/meta.txt"
	else
		ok "$1"
	fi
}

if [ -s "$T/e/uke48.epub" ]; then
	expect_meta "example pack: EPUB Accessibility 1.1 metadata, WCAG 2.1 AA claimed" \
	    "$T/e/uke48.epub" schema:accessMode=textual schema:accessMode=visual \
	    schema:accessModeSufficient=textual schema:accessModeSufficient=textual,visual \
	    schema:accessibilityFeature=structuralNavigation \
	    schema:accessibilityFeature=tableOfContents \
	    schema:accessibilityFeature=readingOrder \
	    schema:accessibilityFeature=alternativeText \
	    schema:accessibilityHazard=none summary=text \
	    "dcterms:conformsTo=EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
fi
expect_meta "text only: textual, WCAG 2.1 AA claimed" "$T/e/breaks.epub" \
    schema:accessMode=textual schema:accessModeSufficient=textual \
    schema:accessibilityHazard=none summary=text \
    "dcterms:conformsTo=EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
expect_no_meta "text only: no visual access mode, no alternativeText" \
    "$T/e/breaks.epub" 'visual|alternativeText'
expect_meta "images without alt text: textual and visual" "$T/e/edge.epub" \
    schema:accessMode=textual schema:accessMode=visual \
    schema:accessModeSufficient=textual,visual summary=text
expect_no_meta "images without alt text: no WCAG 2.1 AA claim, no alternativeText, text alone does not suffice" \
    "$T/e/edge.epub" 'conformsTo|alternativeText|accessModeSufficient=textual$'

while IFS='	' read -r f desc; do
	if $AQ roles "$f" >"$T/roles.out" 2>"$T/roles.err"; then
		ok "$desc: every epub:type has its ARIA role, every checkbox and link a name"
	else
		not_ok "$desc: every epub:type has its ARIA role, every checkbox and link a name"
		show "$T/roles.err"
	fi
done <"$T/list"
$AQ roles "$T/e/lists.epub" 2>/dev/null | sort -u >"$T/labels.nb"
$AQ roles "$T/e/edge.epub" 2>/dev/null | sort -u >"$T/labels.en"
if [ "$(cat "$T/labels.nb")" = "Oppgave utført" ] &&
    [ "$(cat "$T/labels.en")" = "Task done" ]; then
	ok "task boxes are labelled in the article's language"
else
	not_ok "task boxes are labelled in the article's language" \
	    "nb: $(cat "$T/labels.nb")" "en: $(cat "$T/labels.en")"
fi
if $PY -c 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("EPUB/style.css").decode())' \
    "$T/e/pack.epub" 2>/dev/null |
    grep -q '^a { color: #[0-9a-f]*; text-decoration: underline; }$'; then
	ok "links are underlined, not told apart by colour alone"
else
	not_ok "links are underlined, not told apart by colour alone"
fi

# --- Ace by DAISY -----------------------------------------------------------------

ACE=${ACE:-$ROOT/build-ace/node_modules/.bin/ace-cli}
: "${PUPPETEER_EXECUTABLE_PATH:=$(command -v chromium || command -v chromium-browser || :)}"
export PUPPETEER_EXECUTABLE_PATH
why=
if [ ! -x "$ACE" ]; then
	why="Ace by DAISY is not installed ($ACE); sh scripts/install-deps.sh --ace installs it (needs npm and the network)"
elif ! have node || ! node -e 'process.exit(parseInt(process.versions.node, 10) >= 20 ? 0 : 1)' 2>/dev/null; then
	why="Ace by DAISY needs Node.js 20 or later (have: $(node --version 2>/dev/null || echo none))"
elif [ -z "$PUPPETEER_EXECUTABLE_PATH" ] || [ ! -x "$PUPPETEER_EXECUTABLE_PATH" ]; then
	why="Ace by DAISY needs Chromium (apt-get install chromium)"
else
	# Ace runs at all here: a report for the smallest EPUB, else why not.
	timeout 120 "$ACE" -s -f -o "$T/ace/probe" "$T/e/breaks.epub" >"$T/ace/probe.log" 2>&1
	if [ ! -s "$T/ace/probe/report.json" ]; then
		why="Ace by DAISY is installed but does not run: $(tail -3 "$T/ace/probe.log" | tr '\n' ' ')"
	fi
fi
if [ -n "$why" ]; then
	skip "ace: $why"
	done_testing
fi

# ace_one N FILE: Ace's report for FILE in $T/ace/N.
ace_one() {
	timeout 180 "$ACE" -s -f -o "$T/ace/$1" "$2" >"$T/ace/$1.log" 2>&1
}
jobs=${ACE_JOBS:-2}
n=0
while IFS='	' read -r f desc; do
	n=$((n + 1))
	ace_one "$n" "$f" </dev/null &
	[ $((n % jobs)) -ne 0 ] || wait
done <"$T/list"
wait
n=0
while IFS='	' read -r f desc; do
	n=$((n + 1))
	if [ ! -s "$T/ace/$n/report.json" ]; then
		not_ok "ace: $desc: 0 violations" "Ace wrote no report"
		show "$T/ace/$n.log"
	elif $AQ ace "$desc" "$T/ace/$n/report.json" >"$T/ace/$n.sum" 2>&1; then
		ok "ace: $desc: 0 violations"
	else
		not_ok "ace: $desc: 0 violations"
		show "$T/ace/$n.sum"
	fi
done <"$T/list"

done_testing
