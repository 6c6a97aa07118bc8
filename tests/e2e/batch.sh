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
bp --each "$A/en.md" --outdir "$T/nowhere/deeper" -v
expect_rc 0 "--each into a missing folder creates it (mkdir -p)"
expect_listing "$T/nowhere/deeper" "--outdir made with its parents holds the output" en.pdf
expect_err "nowhere/deeper: note: created the output folder" \
    "-v: a note says the output folder was created"
printf 'not a folder\n' >"$T/plainfile"
bp -q --each "$A/en.md" --outdir "$T/plainfile/sub"
expect_rc 2 "--outdir that cannot be created is a usage error"
expect_err "plainfile/sub: error: cannot create the output folder: Not a directory" \
    "--outdir that cannot be created: the error names the folder and the cause"

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

# A folder: *.md and *.markdown in any case are articles; subfolders and
# other files are skipped with a note each (-v, and in the report);
# hidden files quietly.
F=$T/mixed
mkdir -p "$F/undermappe" "$F/.git"
printf -- '---\ntitle: Alfa\n---\n\nAlfatekst.\n' >"$F/alfa.md"
printf -- '---\ntitle: Bravo\n---\n\nBravotekst.\n' >"$F/bravo.markdown"
printf -- '---\ntitle: Charlie\n---\n\nCharlietekst.\n' >"$F/charlie.MD"
printf -- '---\ntitle: Delta\n---\n\nDeltatekst.\n' >"$F/delta.Markdown"
printf 'notater\n' >"$F/notater.odt"
printf -- '# Skjult\n' >"$F/.skjult.md"
mkdir -p "$T/o6"
bp --each "$F" --outdir "$T/o6" -v --report "$T/o6.json"
expect_rc 0 "--each over a folder of .md, .markdown, .MD files"
expect_listing "$T/o6" "every spelling of .md and .markdown is an article, named without it" \
    alfa.pdf bravo.pdf charlie.pdf delta.pdf
check "a .MD article is converted" pdf_has "$T/o6/charlie.pdf" Charlietekst
expect_err "mixed/notater\.odt: note: skipped" "a file that is not an article: a note"
expect_err "mixed/undermappe: note: skipped" "a subfolder: a note"
expect_no_err "skjult|\.git" "hidden files and folders are skipped quietly"
check "the skip notes are in the report" "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
notes = [m["file"].rsplit("/", 1)[-1] for m in r["messages"]
         if m["severity"] == "note" and "skipped" in m["message"]]
assert notes == ["notater.odt", "undermappe"], notes' "$T/o6.json"
bp --each "$F" --outdir "$T/o6"
expect_no_err "skipped" "without -v the skip notes are not printed"

# --each with a manifest: the manifest's marking, organisation, language
# and style reach every article's own PDF.
M=$T/man
mkdir -p "$M"
printf -- '---\ntitle: Forste artikkel\n---\n\nForste tekst.\n' >"$M/en.md"
printf -- '---\ntitle: Andre artikkel\n---\n\nAndre tekst.\n' >"$M/to.md"
printf 'footer:\n  center: "{organisation}"\n' >"$M/org.yaml"
printf 'title: Samlingen\nclassification: BEGRENSET\norganisation: Testdepartementet\nlang: nb\nstyle: org.yaml\narticles:\n  - en.md\n  - to.md\n' >"$M/samling.yaml"
mkdir -p "$T/o7" "$T/o8"
bp --each "$M/samling.yaml" --outdir "$T/o7"
expect_rc 0 "--each over a manifest"
expect_listing "$T/o7" "--each over a manifest: one PDF per article" en.pdf to.pdf
for art in en to; do
	check "--each manifest: $art.pdf is marked BEGRENSET on every page" \
	    "$PY" "$E2E/pdfq.py" marking "$T/o7/$art.pdf" BEGRENSET
	check "--each manifest: $art.pdf shows the organisation (style's footer)" \
	    pdf_has "$T/o7/$art.pdf" Testdepartementet
	check "--each manifest: $art.pdf speaks the manifest's language (\"Side\", not \"Page\")" \
	    sh -c 'pdftotext "$1" - | grep -q "^Side [0-9]* av" &&
	    ! pdftotext "$1" - | grep -q "^Page [0-9]* of"' sh "$T/o7/$art.pdf"
done
check "--each manifest: each PDF keeps its article's title" \
    info_has "$T/o7/to.pdf" Title "Andre artikkel"
bp --each "$M/samling.yaml" --outdir "$T/o8" -M classification=HEMMELIG
check "--each manifest: -M classification= still wins" \
    "$PY" "$E2E/pdfq.py" marking "$T/o8/en.pdf" HEMMELIG

# An article that fails in --each leaves its earlier output, which is
# now stale: a warning names it, and the report lists it as "stale".
S=$T/stale
mkdir -p "$S"
printf -- '---\ntitle: Stabil\n---\n\nStabil tekst.\n' >"$S/stabil.md"
printf -- '---\ntitle: Ustabil\n---\n\nForste utgave.\n' >"$S/ustabil.md"
mkdir -p "$T/o9"
bp --each "$S" --outdir "$T/o9" -f pdf,epub
expect_rc 0 "--each: a first run"
cp "$T/o9/ustabil.pdf" "$T/ustabil-before.pdf"
printf 'broken \377 byte\n' >"$S/ustabil.md"
bp --each "$S" --outdir "$T/o9" -f pdf,epub --report "$T/o9.json"
expect_rc 1 "--each: the article now fails"
expect_same "$T/o9/ustabil.pdf" "$T/ustabil-before.pdf" \
    "the earlier output of a failed article is kept"
expect_err "o9/ustabil\.pdf: warning: kept from an earlier run but stale: .*ustabil\.md failed" \
    "a warning names the stale PDF and the failed article"
expect_err "o9/ustabil\.epub: warning: kept from an earlier run but stale" \
    "a warning names the stale EPUB too"
check "the report lists the stale outputs with their reason" "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
st = [o for o in r["outputs"] if o["status"] == "stale"]
assert sorted(o["path"].rsplit("/", 1)[-1] for o in st) == ["ustabil.epub", "ustabil.pdf"], st
for o in st:
    assert "ustabil.md failed" in o["reason"] and "UTF-8" in o["reason"], o
    assert o["inputs"][0].endswith("ustabil.md"), o
assert r["totals"]["stale"] == 2, r["totals"]
w = [o for o in r["outputs"] if o["status"] == "written"]
assert len(w) == 2 and all("reason" not in o for o in w), w' "$T/o9.json"

# A failed output gives its reason: the message that made it fail.
mkdir -p "$T/o10/to.pdf"
bp --each "$A/en.md" "$A/to.md" --outdir "$T/o10" --report "$T/o10.json"
expect_rc 2 "--each: an output that cannot be written"
check "the report gives the failed output its reason" "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
f = [o for o in r["outputs"] if o["status"] == "failed"]
assert len(f) == 1 and f[0]["path"].endswith("/to.pdf"), f
assert f[0]["reason"] and "cannot" in f[0]["reason"], f' "$T/o10.json"

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
"$PY" - "$T/o5/report.json" "$BP" "$A/en.md" "$T/bad.md" "$A/to.md" "$T/o5" \
    >"$T/rep.out" 2>&1 <<'PYEOF'
import json, re, sys, time
r = json.load(open(sys.argv[1]))
want = [sys.argv[2], "--each", sys.argv[3], sys.argv[4], sys.argv[5],
        "--outdir", sys.argv[6], "-j", "2", "--report", sys.argv[1]]
assert r["command"] == want, (r["command"], want)
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["started"]), r["started"]
# The real start time, not SOURCE_DATE_EPOCH's.
t = time.mktime(time.strptime(r["started"], "%Y-%m-%dT%H:%M:%SZ"))
assert abs(t - time.mktime(time.gmtime())) < 600, r["started"]
outs = {o["path"]: o for o in r["outputs"]}
for i in r["inputs"]:
    spent = sum(outs[p]["seconds"] for p in i["outputs"])
    assert i["seconds"] >= spent > 0 or i["status"] == "failed", i
print("report ok")
PYEOF
if [ $? -eq 0 ]; then
	ok "the report has the command line, the real start time (UTC), and each input's time includes writing it"
else
	not_ok "the report has the command line, the real start time (UTC), and each input's time includes writing it"
	show "$T/rep.out"
fi

# Messages from workers are listed in input order, not in the order the
# workers happened to finish: the first article is long, the rest short.
O=$T/order
mkdir -p "$O"
make_long_article "$O/a00.md" 120
for n in 01 02 03 04 05; do
	printf -- '---\ntitle: Kort %s\n---\n\nKort tekst ![x](mangler-%s.png)\n' "$n" "$n" >"$O/a$n.md"
done
mkdir -p "$T/o11"
bp -q --each "$O" --outdir "$T/o11" -j 3 --report "$T/o11.json"
expect_rc 1 "--each -q with missing images"
expect_err "^briefpack: 5 images replaced by placeholders \(exit 1\)$" \
    "-q: the exit 1 still says why, in one closing line"
check "the report lists workers' messages in input order" "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
def key(m):
    return m["file"].rsplit("/", 1)[-1].split(".")[0]
top = [key(m) for m in r["messages"] if m["message"].startswith("wrote")]
assert top == ["a00", "a01", "a02", "a03", "a04", "a05"], top
for i in r["inputs"]:
    assert all(m["file"] == i["path"] for m in i["messages"]), i' "$T/o11.json"

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
