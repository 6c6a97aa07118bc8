#!/bin/sh
# Link targets in the PDF: every legal Markdown link makes a well-formed
# /URI that reads back as the link's target (percent-encoded where a PDF
# string or a URI needs it), and the whole GFM spec as one pack passes
# qpdf --check with no warning.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools qpdf python3
require_bp

SPEC_DIR=${SPEC_DIR:-}
if [ -z "$SPEC_DIR" ]; then
	for d in tests/conformance/spec ../shared/conformance; do
		[ -f "$d/gfm-spec.txt" ] && SPEC_DIR=$d && break
	done
fi

# Each line: the Markdown link, then TAB, then the target it must reach.
cat >"$T/cases.tsv" <<'EOF'
[a](http://example.com/s?q=(a)+b))	http://example.com/s?q=(a)+b
[b](<http://example.com/x(y>)	http://example.com/x(y
[c](https://example.com/a\b)	https://example.com/a\b
[d](https://example.com/it's"q")	https://example.com/it's"q"
[e](https://example.no/blåbær?ø=æ)	https://example.no/blåbær?ø=æ
[f](<https://example.com/a b>)	https://example.com/a b
[g](https://example.com/100%25/x)	https://example.com/100%/x
[h](https://example.com/50%/x%zz)	https://example.com/50%/x%zz
[i](https://example.com/{x}|y^`z`)	https://example.com/{x}|y^`z`
[j](https://[2001:db8::1]:8080/p)	https://[2001:db8::1]:8080/p
<mailto:a(b)@example.com>	mailto:a(b)@example.com
EOF
"$PY" - "$T/cases.tsv" "$T/links.md" <<'PYEOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("# Links\n\n")
    for md, _ in rows:
        f.write("Link %s here.\n\n" % md)
PYEOF

bp "$T/links.md" -o "$T/links.pdf"
expect_rc 0 "legal links: converted"
if qpdf --check "$T/links.pdf" >"$T/qpdf.out" 2>&1 &&
    ! grep -q WARNING "$T/qpdf.out"; then
	ok "legal links: qpdf --check finds nothing"
else
	not_ok "legal links: qpdf --check finds nothing"
	show "$T/qpdf.out"
fi
qpdf --qdf --object-streams=disable "$T/links.pdf" "$T/links.qdf" 2>/dev/null
# The /URI strings, decoded from PDF string syntax, then from percent
# encoding, must be the targets, in order.
if "$PY" - "$T/links.qdf" "$T/cases.tsv" >"$T/uri.out" 2>&1 <<'PYEOF'
import re, sys, urllib.parse
raw = open(sys.argv[1], "rb").read()
want = [l.rstrip("\n").split("\t")[1]
        for l in open(sys.argv[2], encoding="utf-8")]
got = []
for m in re.finditer(rb"/URI \(((?:\\.|[^\\)])*)\)", raw):
    s = re.sub(rb"\\(.)", rb"\1", m.group(1)).decode("ascii")
    if any(c in s for c in "()\\ '\"{}|^`") or any(ord(c) > 126 for c in s):
        print("not encoded:", s)
        sys.exit(1)
    got.append(urllib.parse.unquote(s))
if got != want:
    print("got ", got)
    print("want", want)
    sys.exit(1)
PYEOF
then
	ok "legal links: every /URI is plain ASCII and reads back as its target"
else
	not_ok "legal links: every /URI is plain ASCII and reads back as its target"
	show "$T/uri.out"
fi

# --- the GFM spec as one pack ---------------------------------------------

if [ -z "$SPEC_DIR" ]; then
	skip "$SCRIPT: GFM spec pack (no gfm-spec.txt; set SPEC_DIR)"
else
	mkdir -p "$T/spec"
	"$PY" - "$SPEC_DIR" "$T/spec" <<'PYEOF'
import os, sys
n = 0
for name in ("gfm-spec.txt", "gfm-extensions.txt", "smart-punct.txt"):
    path = os.path.join(sys.argv[1], name)
    if not os.path.exists(path):
        continue
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("`" * 32 + " example"):
            j, md = i + 1, []
            while lines[j] != ".":
                md.append(lines[j])
                j += 1
            n += 1
            with open(os.path.join(sys.argv[2], "ex%04d.md" % n), "w",
                      encoding="utf-8") as f:
                f.write("\n".join(md).replace("\u2192", "\t") + "\n")
            while not lines[j].startswith("`" * 32):
                j += 1
            i = j
        i += 1
pass
PYEOF
	bp "$T/spec" -q -o "$T/spec.pdf" -o "$T/spec.epub"
	# One example is a front matter block that is not a mapping (exit 1).
	expect_rc_in "0 1" "GFM spec as one pack: written"
	if qpdf --check "$T/spec.pdf" >"$T/qpdf.out" 2>&1 &&
	    ! grep -q WARNING "$T/qpdf.out"; then
		ok "GFM spec as one pack: qpdf --check finds nothing"
	else
		not_ok "GFM spec as one pack: qpdf --check finds nothing"
		show "$T/qpdf.out"
	fi
fi

done_testing
