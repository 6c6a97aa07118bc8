#!/bin/sh
# Batch work (issue 5): --each with --outdir and --format, name collisions
# refused up front, -j giving identical bytes, the JSON report, the
# progress bar only on a terminal, and interrupted runs (SIGTERM, SIGKILL)
# leaving earlier outputs intact and no temporary file behind.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools python3 cmp pdfinfo
require_bp

A=$T/arts
mkdir -p "$A/sub" "$T/o1" "$T/o2" "$T/o3"
for n in en to tre fire; do
	printf -- '---\ntitle: Artikkel %s\nlang: nb\n---\n\nTekst i artikkel %s om havbruk.\n' \
	    "$n" "$n" >"$A/$n.md"
done

# --- --each ------------------------------------------------------------------

bp --each "$A" --outdir "$T/o1" -j 1
expect_rc 0 "--each -j1 over a folder"
expect_listing "$T/o1" "--each writes one PDF per article, named after it" \
    en.pdf fire.pdf to.pdf tre.pdf
check "--each: each output is that article alone" \
    pdf_has "$T/o1/tre.pdf" "Tekst i artikkel tre"
bp --each "$A" --outdir "$T/o2" -j 2
expect_rc 0 "--each -j2 over a folder"
same=0
for n in en to tre fire; do
	cmp -s "$T/o1/$n.pdf" "$T/o2/$n.pdf" || same=1
done
if [ $same -eq 0 ]; then
	ok "-j1 and -j2 write byte-identical files"
else
	not_ok "-j1 and -j2 write byte-identical files"
fi
bp --each "$A/en.md" "$A/to.md" --outdir "$T/o3" -f pdf,epub
expect_rc 0 "--each -f pdf,epub"
expect_listing "$T/o3" "--each -f pdf,epub writes both formats" \
    en.epub en.pdf to.epub to.pdf
bp --each "$A/en.md" --outdir "$T/o3" -f docx
expect_rc 2 "--each -f docx is a usage error"
bp --each "$A/en.md" --outdir "$T/nowhere"
expect_rc 2 "--each into a missing folder is a usage error"

# Two articles with the same name: nothing at all is written.
cp "$A/en.md" "$A/sub/en.md"
mkdir -p "$T/o4"
bp --each "$A/to.md" "$A/en.md" "$A/sub/en.md" --outdir "$T/o4"
expect_rc 2 "--each with colliding output names"
expect_err "en.md: error: output .*en.pdf. would also be written" \
    "the collision names the article and the output"
expect_listing "$T/o4" "a collision writes nothing, not even the other articles"

# --each without --outdir writes beside each article.
mkdir -p "$T/beside"
cp "$A/fire.md" "$T/beside/"
bp --each "$T/beside/fire.md"
expect_rc 0 "--each without --outdir"
expect_listing "$T/beside" "--each writes beside the article" fire.md fire.pdf

# A bad article costs one message and its own output only.
printf 'bad \377 byte\n' >"$T/bad.md"
mkdir -p "$T/o5"
bp --each "$A/en.md" "$T/bad.md" "$A/to.md" --outdir "$T/o5" -j 2 \
    --report "$T/o5/report.json"
expect_rc 1 "--each with one bad article"
expect_listing "$T/o5" "the good articles are written, the bad one not" \
    en.pdf to.pdf report.json

# --- the report ----------------------------------------------------------------

"$PY" - "$T/o5/report.json" "$T/bad.md" >"$T/rep.out" 2>&1 <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
bad = sys.argv[2]
assert r["briefpack"] and r["exit_status"] == 1, r["exit_status"]
ins = r["inputs"]
assert [i["path"].rsplit("/", 1)[-1] for i in ins] == ["en.md", "bad.md", "to.md"], ins
b = [i for i in ins if i["path"] == bad][0]
assert b["status"] == "failed" and b["error"], b
assert b["outputs"] == [], b
m = b["messages"][0]
assert m["severity"] == "error" and m["file"] == bad and m["line"] == 1, m
g = [i for i in ins if i["status"] == "ok"]
assert len(g) == 2 and all(len(i["outputs"]) == 1 for i in g), g
assert len(r["outputs"]) == 2 and all(o["pages"] > 0 and
    o["status"] == "written" and o["format"] == "pdf" for o in r["outputs"])
t = r["totals"]
assert t["inputs"] == 3 and t["failed"] == 1 and t["outputs"] == 2, t
assert t["errors"] >= 1 and t["pages"] == sum(o["pages"] for o in r["outputs"])
print("report ok")
PYEOF
if [ $? -eq 0 ]; then
	ok "the report lists inputs in order, outputs, messages with lines, totals"
else
	not_ok "the report lists inputs in order, outputs, messages with lines, totals"
	show "$T/rep.out"
fi
bp "$A/en.md" "$A/to.md" -o "$T/pack.pdf" -o "$T/pack.epub" \
    --report "$T/pack.json"
expect_rc 0 "a pack with --report"
check "the pack's report names both outputs of the one pack" "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["exit_status"] == 0 and len(r["inputs"]) == 2
assert sorted(o["format"] for o in r["outputs"]) == ["epub", "pdf"]
assert all(len(o["inputs"]) == 2 for o in r["outputs"])' "$T/pack.json"

# --- progress: only on a terminal ---------------------------------------------

bp --each "$A" --outdir "$T/o1"
if grep -q "articles" "$T/bp.err"; then
	not_ok "no progress bar when stderr is not a terminal" "$(cat "$T/bp.err")"
else
	ok "no progress bar when stderr is not a terminal"
fi
if have script; then
	script -qec "$BP --each $A --outdir $T/o1" /dev/null >"$T/tty.out" 2>&1
	if grep -q "4/4 articles" "$T/tty.out"; then
		ok "a progress bar on a terminal (articles done / total)"
	else
		not_ok "a progress bar on a terminal" "$(cat "$T/tty.out")"
	fi
	script -qec "$BP -q --each $A --outdir $T/o1" /dev/null >"$T/tty.out" 2>&1
	if grep -q "articles" "$T/tty.out"; then
		not_ok "-q: no progress bar on a terminal either"
	else
		ok "-q: no progress bar on a terminal either"
	fi
else
	skip "batch: script(1) not installed, no terminal test"
fi

# --- interrupted runs -----------------------------------------------------------

# A pack big enough to take a few seconds.
mkdir -p "$T/big" "$T/out"
"$PY" - "$T/big/big.md" <<'PYEOF'
import sys
ws = "laks torsk kvote eksport klynge havbruk innovasjon og i på for".split()
out = ["# Stor", ""]
for p in range(6000):
    out.append(" ".join(ws[(p + k) % len(ws)] for k in range(90)) + ".\n")
open(sys.argv[1], "w").write("\n".join(out))
PYEOF
printf 'earlier good output\n' >"$T/out/big.pdf"
for sig in TERM KILL; do
	"$BP" "$T/big/big.md" -o "$T/out/big.pdf" >/dev/null 2>&1 &
	pid=$!
	sleep 1.5
	kill -"$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ "$(cat "$T/out/big.pdf")" = "earlier good output" ]; then
		ok "SIG$sig mid-run: the earlier output is intact"
	else
		not_ok "SIG$sig mid-run: the earlier output is intact"
	fi
	expect_listing "$T/out" "SIG$sig mid-run: no temporary file left" big.pdf
done

done_testing
