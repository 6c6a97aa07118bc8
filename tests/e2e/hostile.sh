#!/bin/sh
# Hostile input (issue 5): every case of the issue's Tests paragraph. For
# each: the documented exit status (README "Exit status": 0 written, 1
# article rejected or image replaced, 2 usage/configuration), a message
# naming the file (and line where there is one), no crash or sanitizer
# report, no output and no temporary file when the article is rejected,
# and a time bound (60 s each, wall time; the biggest must stay under 30 s
# of CPU time; their times are printed as "# note" lines). Big cases are generated here under
# $T and never committed; small readable ones are in
# tests/fixtures/hostile-input/. Under build-san (ASan) the biggest cases
# (article, table rows, the long word, the brackets) are scaled down by 10.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo pdftotext pdfimages qpdf mutool python3 timeout
require_bp

H=$FIX/hostile-input
G=$T/gen                     # generated inputs
O=$T/out                     # one folder per case for outputs
mkdir -p "$G" "$O"

# Sanitizer builds run about ten times slower: scale the biggest cases.
case $BP in
*build-san*) SCALE=10 ;;
*) SCALE=1 ;;
esac
[ "$SCALE" = 1 ] || note "ASan build: the biggest cases are 1/$SCALE size"

# The time bound of one run, and of the biggest case.
LIMIT=60
BIG_LIMIT=30

# re_path PATH: PATH as a grep -E pattern matching itself.
re_path() {
	printf '%s' "$1" | sed 's/[].[\*^$()+?{}|]/\\&/g'
}

# bytes FILE PYTHON-BYTES-EXPRESSION: write exact bytes.
bytes() {
	"$PY" -c 'import sys; open(sys.argv[1], "wb").write(eval(sys.argv[2]))' "$1" "$2"
}

# hbp ARGS...: run briefpack with a $LIMIT s bound; sets RC, LAST_CMD,
# SECS (CPU time, which the bounds are on: see cpu_mark in lib.sh) and
# WALL (wall time). A hang, a crash (signal) or a sanitizer report is a
# failed check of its own.
hbp() {
	LAST_CMD="briefpack $*"
	_t0=$(date +%s%N)
	cpu_mark
	timeout "$LIMIT" "$BP" "$@" >"$T/bp.out" 2>"$T/bp.err" </dev/null
	RC=$?
	cpu_since
	_t1=$(date +%s%N)
	SECS=$CPU_SECS
	WALL=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	if [ "$RC" -eq 124 ]; then
		not_ok "finished within $LIMIT s: $LAST_CMD"
		show_last
	elif [ "$RC" -ge 125 ]; then
		not_ok "briefpack ran to completion: $LAST_CMD" \
		    "crashed or could not run (exit status $RC)"
		show_last
	fi
	if grep -q 'Sanitizer\|runtime error:' "$T/bp.err"; then
		not_ok "no sanitizer report: $LAST_CMD"
		show_last
	fi
}

# within SECONDS DESC: the last run took less than SECONDS of CPU time.
within() {
	if awk -v s="$SECS" -v l="$1" 'BEGIN { exit !(s < l) }'; then
		ok "$2 (${SECS} s CPU < $1 s)"
	else
		not_ok "$2 (${SECS} s CPU, the bound is $1 s; wall ${WALL} s)"
	fi
}

# case_dir NAME: a fresh, empty output folder for a case.
case_dir() {
	_cd=$O/$(printf '%s' "$1" | tr -c 'A-Za-z0-9\n' '-')
	rm -rf "$_cd"
	mkdir -p "$_cd"
	echo "$_cd"
}

# reject NAME FILE REGEX: a rejected article: exit 1, an error line that
# starts with FILE: and then REGEX, no output file, no temporary file.
reject() {
	rj_n=$1 rj_f=$2 rj_re=$3
	rj_d=$(case_dir "$rj_n")
	hbp "$rj_f" -o "$rj_d/out.pdf"
	expect_rc 1 "$rj_n: rejected"
	expect_err "^$(re_path "$rj_f"):$rj_re" \
	    "$rj_n: the message names the file${4:+ and line} ($rj_re)"
	expect_listing "$rj_d" "$rj_n: no output and no temporary file"
}

# accept NAME RCS FILE [ARGS]: converted (exit one of RCS) to a valid PDF,
# no temporary file beside it. The PDF is $OUT.
accept() {
	ac_n=$1 ac_rcs=$2 ac_f=$3
	shift 3
	ac_d=$(case_dir "$ac_n")
	OUT=$ac_d/out.pdf
	hbp "$ac_f" -o "$OUT" "$@"
	expect_rc_in "$ac_rcs" "$ac_n: converted"
	if is_pdf "$OUT"; then
		ok "$ac_n: a readable PDF is written"
	else
		not_ok "$ac_n: a readable PDF is written"
		show_last
	fi
	expect_listing "$ac_d" "$ac_n: no temporary file left" out.pdf
}

# pdf_raw FILE: the PDF with streams uncompressed (qpdf --qdf), on stdout.
pdf_raw() {
	qpdf --qdf --object-streams=disable "$1" "$T/raw.qdf" >/dev/null 2>&1
	cat "$T/raw.qdf" 2>/dev/null
}

# pdf_lacks_bytes NAME FILE REGEX: neither the text nor the uncompressed
# bytes of FILE match REGEX (grep -E, case-insensitive).
pdf_lacks_bytes() {
	if pdf_text "$2" | grep -Eiq -- "$3"; then
		not_ok "$1" "the text of $2 matches $3"
	elif pdf_raw "$2" | grep -Eaiq -- "$3"; then
		not_ok "$1" "the uncompressed PDF matches $3:" \
		    "$(pdf_raw "$2" | grep -Eai -- "$3" | head -3)"
	else
		ok "$1"
	fi
}

# no_script_in_pdf NAME FILE: no JavaScript, actions or javascript:/
# vbscript:/data: link targets anywhere in the PDF.
no_script_in_pdf() {
	pdf_raw "$2" >"$T/js.qdf"
	if grep -aEq '/(JavaScript|JS|AA|OpenAction|Launch|SubmitForm|ImportData|RichMedia)[^A-Za-z]' "$T/js.qdf"; then
		not_ok "$1: no /JavaScript, /JS, /AA, /OpenAction or /Launch (qpdf --qdf)" \
		    "$(grep -aEn '/(JavaScript|JS|AA|OpenAction|Launch|SubmitForm|ImportData|RichMedia)[^A-Za-z]' "$T/js.qdf" | head -3)"
	else
		ok "$1: no /JavaScript, /JS, /AA, /OpenAction or /Launch (qpdf --qdf)"
	fi
	# Link targets: /URI (...) entries; shown text sits in content streams.
	grep -ai '/URI' "$T/js.qdf" >"$T/uris.txt"
	if grep -Eiq '(java|vb)script|data:' "$T/uris.txt"; then
		not_ok "$1: no javascript:, vbscript: or data: link target" \
		    "$(grep -Ei '(java|vb)script|data:' "$T/uris.txt" | head -3)"
	else
		ok "$1: no javascript:, vbscript: or data: link target ($(wc -l <"$T/uris.txt") links)"
	fi
	# The catalog: no actions; a name dictionary only for the named
	# destinations the contents link to (each article's first page).
	mutool show "$2" trailer/Root >"$T/root.txt" 2>&1
	mutool show "$2" trailer/Root/Names >>"$T/root.txt" 2>&1
	if grep -Eq '/(OpenAction|AA|JavaScript|EmbeddedFiles|URLS|AP)[^A-Za-z]' "$T/root.txt"; then
		not_ok "$1: the catalog and its name dictionary hold no /OpenAction, /AA, scripts or files (mutool)" "$(cat "$T/root.txt")"
	else
		ok "$1: the catalog and its name dictionary hold no /OpenAction, /AA, scripts or files (mutool)"
	fi
	# Every annotation mutool can list is a plain URI or internal link.
	mutool show -b "$2" grep 2>/dev/null | grep -ai '/S */JavaScript' >"$T/mjs.txt"
	if [ -s "$T/mjs.txt" ]; then
		not_ok "$1: no JavaScript action (mutool show grep)" "$(head -3 "$T/mjs.txt")"
	else
		ok "$1: no JavaScript action (mutool show grep)"
	fi
}

# EPUB output, when this build writes it.
EPUB=0
_d=$(case_dir epub-probe)
if "$BP" "$FIX/good/breaks.md" -o "$_d/probe.epub" >/dev/null 2>&1 &&
    [ -s "$_d/probe.epub" ]; then
	EPUB=1
fi

# epub_text FILE: every XHTML, CSS and OPF file of the EPUB, concatenated.
epub_text() {
	"$PY" - "$1" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.endswith((".xhtml", ".html", ".css", ".opf", ".ncx", ".svg")):
            sys.stdout.write(z.read(n).decode("utf-8", "replace") + "\n")
EOF
}

# epub_lacks NAME FILE REGEX: no file of the EPUB matches REGEX.
epub_lacks() {
	epub_text "$2" >"$T/epub.txt" 2>&1
	if grep -Eiq -- "$3" "$T/epub.txt"; then
		not_ok "$1" "$(grep -Ein -- "$3" "$T/epub.txt" | head -3)"
	else
		ok "$1"
	fi
}

# =====================================================================
# Rejected articles: exit 1, file:line: error, nothing written.

bytes "$G/utf8-body.md" "b'# Ugyldig\n\nGod linje.\nBl\xe5b\xe6r er gode.\n'"
reject "invalid UTF-8 in the body" "$G/utf8-body.md" '4:3: error: invalid UTF-8' line

bytes "$G/utf8-front.md" "b'---\ntitle: Caf\xe9 Oslo\nlang: nb\n---\n\nTekst.\n'"
reject "invalid UTF-8 in front matter" "$G/utf8-front.md" '2:11: error: invalid UTF-8' line

bytes "$G/nul.md" "b'# Nullbyte\n\nab\x00cd\n'"
reject "NUL byte" "$G/nul.md" '3:3: error: NUL byte' line

printf -- '---\ntitle: [ikke lukket\nlang: nb\n---\n\nTekst.\n' >"$G/yaml-syntax.md"
reject "YAML syntax error" "$G/yaml-syntax.md" '[2-4]:[0-9]+: error: YAML' line

printf -- '---\ntitle: Aldri lukket\nlang: nb\n\nTeksten begynner her.\n' >"$G/unclosed.md"
reject "unclosed front matter" "$G/unclosed.md" '1: error: front matter is not closed' line

printf -- '---\nlang: nb\ntitle:\n  tekst: en mapping\n---\n\nTekst.\n' >"$G/type-title.md"
reject "wrong type: title is a mapping" "$G/type-title.md" \
    '3: error: front matter key "title" must be a string' line
printf -- '---\nauthor:\n  - [Kari, Ola]\n---\n\nTekst.\n' >"$G/type-author.md"
reject "wrong type: author is a list of lists" "$G/type-author.md" \
    '2: error: front matter key "author" must be' line
printf -- '---\ntitle: Smart\nsmart: kanskje\n---\n\nTekst.\n' >"$G/type-smart.md"
reject "wrong type: smart is not a boolean" "$G/type-smart.md" \
    '3:[0-9]+: error: front matter key "smart" must be true or false' line
printf -- '---\ndate: 2026-13-45\n---\n\nTekst.\n' >"$G/type-date.md"
reject "wrong type: an impossible date" "$G/type-date.md" \
    '2:[0-9]+: error: front matter key "date": .*not a valid date' line

reject "YAML bomb as keywords (wrong type)" "$H/yaml-bomb-keywords.md" \
    '12: error: front matter key "keywords" must be' line
within 5 "YAML bomb as keywords: refused fast"

# More than 10,000 YAML nodes: refused before the document is built.
"$PY" -c '
print("---\ntitle: Mange noder\nliste:")
for i in range(12000): print("  - n%d" % i)
print("---\n\nTekst.")' >"$G/yaml-nodes.md"
reject "YAML with 12,000 nodes" "$G/yaml-nodes.md" \
    '[0-9]+: error: YAML: more than 10000 nodes' line

make_png "$G/bilde.png" 8 8
cp "$G/bilde.png" "$G/png-as-md.md"
reject "a PNG renamed .md" "$G/png-as-md.md" '1:[0-9]+: error: (invalid UTF-8|NUL byte)' line

# Over the 64 MB input limit: a sparse file, refused by its size.
: >"$G/huge.md"
truncate -s 65M "$G/huge.md" 2>/dev/null || dd if=/dev/zero of="$G/huge.md" bs=1 count=0 seek=65M 2>/dev/null
reject "a 65 MB article (over the limit)" "$G/huge.md" ' error: file is too large'
within 5 "a 65 MB article: refused fast"

# A folder named like an article is a folder input; with no articles in
# it that is a usage error.
mkdir -p "$G/mappe.md"
_d=$(case_dir folder)
hbp "$G/mappe.md" -o "$_d/out.pdf"
expect_rc 2 "a folder named .md with nothing in it"
expect_err "^$(re_path "$G/mappe.md"): warning: no articles here" \
    "a folder named .md: the message names the folder"
expect_listing "$_d" "a folder named .md: nothing written"

# =====================================================================
# Legal but odd: exit 0 and a PDF.

: >"$G/empty.md"
accept "empty file" 0 "$G/empty.md"
if [ "$(pdf_info "$OUT" Title)" = empty ]; then
	ok "empty file: titled after its file name"
else
	not_ok "empty file: titled after its file name" "Title: $(pdf_info "$OUT" Title)"
fi

accept "YAML bomb in unknown front matter keys" 0 "$H/yaml-bomb.md"
within 5 "YAML bomb in front matter: read fast"
check "YAML bomb in front matter: the body is there" pdf_has "$OUT" "latterkrampe"

printf '#         \n\nEn overskrift av bare mellomrom.\n' >"$G/space-heading.md"
accept "a heading of only spaces" 0 "$G/space-heading.md"
if [ "$(pdf_info "$OUT" Title)" = space-heading ]; then
	ok "a heading of only spaces: the title falls back to the file name"
else
	not_ok "a heading of only spaces: the title falls back to the file name" \
	    "Title: $(pdf_info "$OUT" Title)"
fi
printf -- '---\ntitle: "   "\n---\n\n##    \n\nTekst.\n' >"$G/space-title.md"
accept "a title of only spaces and an empty level-2 heading" 0 "$G/space-title.md"

"$PY" -c '
t = " ".join(["Tittelord%04d" % i for i in range(142)]) + " Tittelsluttx"
assert len(t) == 2000
print("---\ntitle: \"%s\"\nlang: nb\n---\n\nTeksten under en veldig lang tittel.\n" % t)' >"$G/long-title.md"
accept "a 2,000-character title" 0 "$G/long-title.md"
within 10 "a 2,000-character title: in time"
check "a 2,000-character title: its last word is on a page" pdf_has "$OUT" "Tittelsluttx"
check "a 2,000-character title: the body follows" pdf_has "$OUT" "veldig lang tittel"
_tl=$(pdf_info "$OUT" Title | wc -c)
if [ "$_tl" -ge 2000 ]; then
	ok "a 2,000-character title: whole in the PDF metadata ($_tl bytes)"
else
	not_ok "a 2,000-character title: whole in the PDF metadata" "Title has $_tl bytes"
fi

# 100,000 nested brackets (10,000 under ASan).
NB=$((100000 / SCALE))
"$PY" -c 'import sys; print("# Klammer\n\n" + "[" * int(sys.argv[1]) + "\n\nEtter klammene: klammeslutt.")' "$NB" >"$G/brackets.md"
accept "$NB nested brackets" 0 "$G/brackets.md"
note "$NB nested brackets: $SECS s CPU ($WALL s wall)"
within 20 "$NB nested brackets: in time"
check "$NB nested brackets: the text after them is kept" pdf_has "$OUT" "klammeslutt"
"$PY" -c 'print("# Lenker\n\n" + "[a](" * 30000 + "\n\n" + "![" * 30000 + "\n\nlenkeslutt")' >"$G/links.md"
accept "30,000 open links and images" 0 "$G/links.md"
within 20 "30,000 open links and images: in time"

# =====================================================================
# Deep nesting: flattened with a warning (exit 0), never a crash.

"$PY" -c 'print("> " * 5000 + "dypt sitat"); print(); print("Etter sitatet: sitatslutt.")' >"$G/deep-quotes.md"
accept "5,000-deep block quotes" 0 "$G/deep-quotes.md"
note "5,000-deep block quotes: $SECS s CPU ($WALL s wall)"
within 20 "5,000-deep block quotes: in time"
expect_err "^$(re_path "$G/deep-quotes.md"):1(:[0-9]+)?: warning: .*nested deeper than 128" \
    "5,000-deep block quotes: a warning names the file and line 1"
check "5,000-deep block quotes: the quoted text is kept" pdf_has "$OUT" "dypt sitat"
check "5,000-deep block quotes: the text after them is kept" pdf_has "$OUT" "sitatslutt"

"$PY" -c '
for i in range(3000): print("  " * i + "- punkt%d" % i)
print(); print("listeslutt")' >"$G/deep-list.md"
accept "3,000-deep indented list" 0 "$G/deep-list.md"
within 30 "3,000-deep indented list: in time"
check "3,000-deep list: the deepest item is kept" pdf_has "$OUT" "punkt2999"

# =====================================================================
# Big inputs.

# One 200,000-character word (20,000 under ASan): broken somewhere,
# never drawn off the page.
NW=$((200000 / SCALE))
"$PY" -c 'import sys; print("# Ord\n\nFør " + "abcdefghij" * (int(sys.argv[1]) // 10) + " etter ordslutt.")' "$NW" >"$G/long-word.md"
accept "a $NW-character word" 0 "$G/long-word.md"
note "a $NW-character word: $SECS s CPU ($WALL s wall)"
within "$BIG_LIMIT" "a $NW-character word: in time"
check "a $NW-character word: the text after it is kept" pdf_has "$OUT" "ordslutt"

# A row of 2,000 columns: only the first 64 are shown, with a warning.
"$PY" -c '
n = 2000
print("# Bred tabell\n")
print("|" + "|".join("k%d" % i for i in range(n)) + "|")
print("|" + "|".join("---" for i in range(n)) + "|")
print("|" + "|".join("v%d" % i for i in range(n)) + "|")
print("\ntabellslutt")' >"$G/wide-table.md"
accept "a 2,000-column table row" "0 1" "$G/wide-table.md"
note "a 2,000-column table: $SECS s CPU ($WALL s wall)"
within 20 "a 2,000-column table: in time"
expect_err "^$(re_path "$G/wide-table.md"):3:[0-9]+: warning: table has 2000 columns" \
    "a 2,000-column table: a warning names the file, line 3 and the limit"
check "a 2,000-column table: the 64th column is shown" pdf_has "$OUT" "v63"
check "a 2,000-column table: the 65th is not" pdf_lacks "$OUT" "v64"
check "a 2,000-column table: the text after it is kept" pdf_has "$OUT" "tabellslutt"

# 20,000 rows (2,000 under ASan).
ROWS=$((20000 / SCALE))
"$PY" -c '
import sys
n = int(sys.argv[1])
print("# Lang tabell\n\n| Nr | Navn | Verdi |\n|---:|:-----|------:|")
for i in range(n): print("| %d | rad%d | %d |" % (i, i, i * 7))
print("\nradslutt")' "$ROWS" >"$G/long-table.md"
accept "a $ROWS-row table" 0 "$G/long-table.md"
note "a $ROWS-row table: $SECS s CPU ($WALL s wall), $(pdf_pages "$OUT") pages"
within "$BIG_LIMIT" "a $ROWS-row table: under $BIG_LIMIT s"
check "a $ROWS-row table: the last row is shown" pdf_has "$OUT" "rad$((ROWS - 1))"
check "a $ROWS-row table: the text after it is kept" pdf_has "$OUT" "radslutt"

# A 30 MB article (3 MB under ASan): prose, headings, lists, a table.
MB=$((30 / SCALE))
"$PY" - "$G/big.md" "$MB" <<'EOF'
import random, sys
path, mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(30)
words = ("laks torsk kvote eksport næringsklynge havbruk innovasjon departement "
         "rapport tiltak og i på for med som det en av til er at den").split()
out = ["---", "title: En artikkel på %d MB" % mb, "lang: nb", "---", ""]
size, p = 0, 0
while size < mb * 1000 * 1000:
    p += 1
    if p % 40 == 1:
        out.append("## Del %d\n" % p)
    if p % 97 == 0:
        out.append("- punkt en\n- punkt to\n  - under\n")
    if p % 131 == 0:
        out.append("| a | b |\n|---|---|\n| 1 | 2 |\n")
    para = " ".join(rng.choice(words) for _ in range(120)) + ".\n"
    out.append(para)
    size += len(para.encode())
out.append("Siste ord: artikkelslutt.\n")
open(path, "w", encoding="utf-8").write("\n".join(out))
EOF
if [ "$MB" -gt 16 ]; then
	# Over the 16 MB input limit (README): refused at once, by name.
	reject "a $MB MB article" "$G/big.md" " error: file is too large"
	within 5 "a $MB MB article: refused in time"
else
	accept "a $MB MB article" 0 "$G/big.md"
	note "a $MB MB article: $SECS s CPU ($WALL s wall), $(pdf_pages "$OUT") pages"
	within "$BIG_LIMIT" "a $MB MB article: under $BIG_LIMIT s"
	check "a $MB MB article: the last word is on the last page" \
	    pdf_has "$OUT" "artikkelslutt" "$(pdf_pages "$OUT")"
fi

# =====================================================================
# Scripts: right-to-left, CJK, emoji, combining marks.

accept "Arabic, Hebrew, CJK, emoji and combining text" "0 1" "$H/scripts.md"
expect_no_err ' error: ' "scripts: no error"
check "scripts: the Latin words are extractable" pdf_has "$OUT" "endword"
pdf_text "$OUT" >"$T/scripts.txt"
# ws_have LANG WORD: the word is extractable when a font has the script.
ws_have() {
	if [ -z "$(fc-list ":lang=$1" family 2>/dev/null | head -1)" ]; then
		note "scripts: no font for $1 here: \"$2\" not checked"
	elif grep -q -- "$2" "$T/scripts.txt"; then
		ok "scripts: the $1 word $2 is extractable"
	else
		not_ok "scripts: the $1 word $2 is extractable" \
		    "$(grep -n "$1\|Arabic\|Hebrew\|Chinese" "$T/scripts.txt" | head -5)"
	fi
}
if have fc-list; then
	ws_have he "שלום"
	ws_have ar "مرحبا"
	ws_have zh-cn "中文"
	ws_have ja "日本語"
else
	note "scripts: fc-list missing: script words not checked"
fi

# =====================================================================
# Images: missing, corrupt, truncated, oversized, wrongly named. Each is
# a warning naming the article and line, a placeholder, exit 1.

I=$T/img
mkdir -p "$I"
make_png "$I/ok.png" 16 16
"$PY" - "$I" <<'EOF'
import os, struct, sys, zlib
d = sys.argv[1]
def chunk(t, data):
    c = struct.pack(">I", len(data)) + t + data
    return c + struct.pack(">I", zlib.crc32(t + data) & 0xffffffff)
sig = b"\x89PNG\r\n\x1a\n"
ok = open(os.path.join(d, "ok.png"), "rb").read()
# 100000 x 100000 RGB: 30 GB of pixels, and an IDAT that is a bomb too.
ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0))
row = b"\0" + b"\0" * 300000
comp = zlib.compressobj(9)
idat = comp.compress(row * 200) + comp.flush()
open(os.path.join(d, "huge.png"), "wb").write(sig + ihdr + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
open(os.path.join(d, "truncated.png"), "wb").write(ok[:60])
open(os.path.join(d, "corrupt.png"), "wb").write(sig + os.urandom(0) + b"\x00\x00\x00\x0dIHDR" + b"\xff" * 200)
open(os.path.join(d, "text.png"), "w").write("Dette er bare tekst, ikke et bilde.\n")
EOF
cp examples/artikler/bilder/fjord-oppdrett.jpg "$I/photo.png"
head -c 20000 examples/artikler/bilder/fjord-oppdrett.jpg >"$I/truncated.jpg"
cp "$I/ok.png" "$I/ok-copy.png"

# img_case NAME IMAGE RCS MESSAGE-REGEX: an article with just that image.
img_case() {
	ic_n=$1 ic_img=$2 ic_rcs=$3 ic_re=$4
	printf '# Bilde\n\nTekst før.\n\n![Bildetekst](%s)\n\nTekst etter: bildeslutt.\n' "$ic_img" >"$I/$ic_n.md"
	accept "image: $ic_n" "$ic_rcs" "$I/$ic_n.md"
	within 20 "image: $ic_n: in time"
	if [ -n "$ic_re" ]; then
		expect_err "^$(re_path "$I/$ic_n.md"):5:[0-9]+: warning: $ic_re" \
		    "image: $ic_n: a warning names the article, line 5 and the problem"
		check "image: $ic_n: a placeholder is drawn" pdf_has "$OUT" "$ic_img"
	fi
	check "image: $ic_n: the text after it is kept" pdf_has "$OUT" "bildeslutt"
}
img_case missing finnes-ikke.png 1 'image "finnes-ikke\.png" not found'
img_case corrupt corrupt.png 1 'image "corrupt\.png"'
img_case truncated truncated.png 1 'image "truncated\.png" cannot be decoded: the file is truncated'
img_case truncated-jpeg truncated.jpg 1 'image "truncated\.jpg" cannot be decoded: the file is truncated'
img_case oversized huge.png 1 'image "huge\.png" cannot be decoded: it has 100000 x 100000 pixels'
img_case text-named-png text.png 1 'image "text\.png" is not a PNG'
img_case jpeg-named-png photo.png 0 ''
if pdfimages -list "$OUT" 2>/dev/null | grep -q ' jpeg '; then
	ok "image: a JPEG named .png is embedded as a JPEG"
else
	not_ok "image: a JPEG named .png is embedded as a JPEG" "$(pdfimages -list "$OUT" 2>&1)"
fi
img_case remote 'http://127.0.0.1:9/bilde.png' 1 'image "http://127\.0\.0\.1:9/bilde\.png" is remote'

# =====================================================================
# Path escapes: images and manifest entries outside the folder.

S=$T/secret
mkdir -p "$S" "$T/art/sub"
printf 'hemmelig-innhold-42\n' >"$S/hemmelig.txt"
make_png "$S/hemmelig.png" 37 23
cp "$S/hemmelig.png" "$T/art/hemmelig-kopi.png"
printf '# Utenfor\n\n![a](../../../../../../../../etc/passwd)\n\n![b](/etc/passwd)\n\n![c](../secret/hemmelig.png)\n\n![d](%%2e%%2e/secret/hemmelig.png)\n\n![e](file:///etc/passwd)\n\n![f](sub/../../secret/hemmelig.png)\n\nutenforslutt\n' >"$T/art/escape.md"
accept "path escapes in images" 1 "$T/art/escape.md"
for l in 3 5 7 9 11 13; do
	expect_err "^$(re_path "$T/art/escape.md"):$l:[0-9]+: warning: image .*(outside|remote)" \
	    "path escapes: the image on line $l is refused with a warning"
done
pdf_lacks_bytes "path escapes: nothing of /etc/passwd in the PDF" "$OUT" 'root:x:0'
if pdfimages -list "$OUT" 2>/dev/null | awk 'NR > 2 { print $4 "x" $5 }' | grep -q '^37x23$'; then
	not_ok "path escapes: the outside image is not embedded"
else
	ok "path escapes: the outside image is not embedded"
fi
printf '# Tillatt\n\n![c](../secret/hemmelig.png)\n' >"$T/art/escape-ok.md"
accept "an outside image with --allow-outside" 0 "$T/art/escape-ok.md" --allow-outside

# =====================================================================
# SVG: external entities and external references are never followed.

# serve: a local HTTP server that logs every request (nothing may come).
HTTP_LOG=$T/http.log
: >"$HTTP_LOG"
"$PY" - "$T/http.port" "$HTTP_LOG" <<'EOF' &
import http.server, sys
port_file, log = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        open(log, "a").write(self.path + "\n")
        self.send_response(404)
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(port_file + ".tmp", "w").write(str(s.server_address[1]))
import os
os.rename(port_file + ".tmp", port_file)
s.timeout = 0.5
while True:
    s.handle_request()
EOF
HTTP_PID=$!
# Up to 30 s (a busy machine starts Python slowly): without the port the
# SVGs would name port 9 and the network check below would prove nothing.
_i=0
while [ "$_i" -lt 150 ] && [ ! -s "$T/http.port" ]; do
	sleep 0.2
	_i=$((_i + 1))
done
PORT=$(cat "$T/http.port" 2>/dev/null || echo 9)

# The article and its SVGs in svgroot/svg/, a secret beside it in
# svgroot/secret/ (outside the article's folder).
V=$T/svgroot/svg
mkdir -p "$V"
cp -r "$S" "$T/svgroot/secret"
cp "$H/svg-xxe.svg" "$V/xxe.svg"
sed "s/PORT/$PORT/g" "$H/svg-external.svg" >"$V/external.svg"
printf '# SVG\n\nFør.\n\n![Entiteter](xxe.svg)\n\n![Eksterne](external.svg)\n\nsvgslutt\n' >"$V/svg.md"
accept "SVG with external entities and references" "0 1" "$V/svg.md"
within 20 "SVG: in time"
check "SVG: the text after the images is kept" pdf_has "$OUT" "svgslutt"
pdf_lacks_bytes "SVG: nothing of /etc/passwd in the PDF" "$OUT" 'root:x:0'
pdf_lacks_bytes "SVG: nothing of a file the entity names in the PDF" "$OUT" 'hemmelig-innhold'
if pdfimages -list "$OUT" 2>/dev/null | awk 'NR > 2 { print $4 "x" $5 }' | grep -q '^37x23$'; then
	not_ok "SVG: the outside image it references is not embedded"
else
	ok "SVG: the outside image it references is not embedded"
fi
if [ "$EPUB" = 1 ]; then
	_d=$(case_dir svg-epub)
	hbp "$V/svg.md" -o "$_d/out.epub"
	expect_rc_in "0 1" "SVG: an EPUB is written too"
	epub_lacks "SVG: nothing of /etc/passwd in the EPUB" "$_d/out.epub" 'root:x:0'
	epub_lacks "SVG: no external entity declaration in the EPUB" "$_d/out.epub" '<!ENTITY'
	epub_lacks "SVG: no reference to the HTTP server in the EPUB" "$_d/out.epub" "127\\.0\\.0\\.1:$PORT"
	epub_lacks "SVG: no reference to /etc in the EPUB" "$_d/out.epub" '"(file://)?/etc/'
fi
sleep 0.3
if [ -s "$HTTP_LOG" ]; then
	not_ok "SVG: nothing was fetched from the network" "requests: $(tr '\n' ' ' <"$HTTP_LOG")"
else
	ok "SVG: nothing was fetched from the network"
fi
kill "$HTTP_PID" 2>/dev/null
wait "$HTTP_PID" 2>/dev/null

# =====================================================================
# Raw HTML and javascript: links: shown as text, never markup or script.

accept "raw HTML with script, iframe and event handlers" 0 "$H/html.md"
expect_err "^$(re_path "$H/html.md"):5(:[0-9]+)?: warning: raw HTML" \
    "raw HTML: one warning naming the file and its first line (5)"
_nw=$(grep -c 'warning: raw HTML' "$T/bp.err")
if [ "$_nw" -eq 1 ]; then
	ok "raw HTML: the warning is given once"
else
	not_ok "raw HTML: the warning is given once" "$_nw warnings"
fi
check "raw HTML: the script is shown as text" pdf_has_nows "$OUT" '<script>alert("blokk")</script>'
check "raw HTML: the event handler is shown as text" pdf_has_nows "$OUT" 'onerror="alert('"'"'bilde'"'"')"'
check "raw HTML: the words after it are kept" pdf_has "$OUT" "tareskog"
no_script_in_pdf "raw HTML and javascript: links" "$OUT"
if [ "$EPUB" = 1 ]; then
	_d=$(case_dir html-epub)
	hbp "$H/html.md" -o "$_d/out.epub"
	expect_rc 0 "raw HTML: an EPUB is written too"
	epub_lacks "raw HTML: no <script> element in the EPUB" "$_d/out.epub" '<script'
	epub_lacks "raw HTML: no <iframe> element in the EPUB" "$_d/out.epub" '<iframe'
	epub_lacks "raw HTML: no event handler attribute in the EPUB" "$_d/out.epub" '<[^>]* on[a-z]+ *='
	epub_lacks "raw HTML: no javascript:/vbscript:/data: link in the EPUB" "$_d/out.epub" \
	    '(href|src) *= *"[[:space:]]*((java|vb)script|data):'
fi

# =====================================================================
# Manifests: a YAML bomb, and paths that leave the manifest's folder.

M=$T/man
mkdir -p "$M/pakke"
printf '# God artikkel\n\nGod tekst: manifestord.\n' >"$M/pakke/ok.md"
cp "$H/yaml-bomb-manifest.yaml" "$M/pakke/bomb.yaml"
hbp "$M/pakke/bomb.yaml" -o "$M/bomb.pdf"
expect_rc 0 "manifest with a YAML bomb in an unknown key"
within 5 "manifest with a YAML bomb: read fast"
expect_err "^$(re_path "$M/pakke/bomb.yaml"):5(:[0-9]+)?: warning: unknown manifest key \"lol1\"" \
    "manifest with a YAML bomb: a warning names the manifest, line 5 and the key"
check "manifest with a YAML bomb: the pack is written" pdf_has "$M/bomb.pdf" "manifestord"

cp "$H/yaml-bomb-articles.yaml" "$M/pakke/bomb-list.yaml"
_d=$(case_dir bomb-list)
hbp "$M/pakke/bomb-list.yaml" -o "$_d/out.pdf"
expect_rc 2 "manifest whose article list is a YAML bomb"
within 5 "manifest whose article list is a YAML bomb: refused fast"
expect_err "^$(re_path "$M/pakke/bomb-list.yaml"):[0-9]+(:[0-9]+)?: error: each entry of \"articles\"" \
    "manifest whose article list is a YAML bomb: an error names the manifest and line"
expect_listing "$_d" "manifest whose article list is a YAML bomb: nothing written"

printf 'title: Utenfor\narticles:\n  - ../../../../../../../etc/passwd\n  - /etc/passwd\n  - ok.md\n  - sub/../../utenfor.md\n' >"$M/pakke/escape.yaml"
printf '# Utenfor\n\nroot:x:0:0 skal aldri med.\n' >"$M/utenfor.md"
hbp "$M/pakke/escape.yaml" -o "$M/escape.pdf"
expect_rc 1 "manifest with paths outside its folder"
expect_err "^$(re_path "$M/pakke/escape.yaml"):3:5: error: article path .* leaves the manifest's folder" \
    "manifest escapes: ../ on line 3 is an error naming the manifest"
expect_err "^$(re_path "$M/pakke/escape.yaml"):4:5: error: article path \"/etc/passwd\" is absolute" \
    "manifest escapes: the absolute path on line 4 is an error"
expect_err "^$(re_path "$M/pakke/escape.yaml"):6:5: error: article path" \
    "manifest escapes: sub/../../ on line 6 is an error"
check "manifest escapes: the good article is written" pdf_has "$M/escape.pdf" "manifestord"
pdf_lacks_bytes "manifest escapes: nothing of /etc/passwd in the PDF" "$M/escape.pdf" 'root:x:0'

printf 'title: Bare utenfor\narticles:\n  - ../utenfor.md\n' >"$M/pakke/only-escape.yaml"
_d=$(case_dir only-escape)
hbp "$M/pakke/only-escape.yaml" -o "$_d/out.pdf"
expect_rc 2 "manifest whose only article is outside"
expect_err "^$(re_path "$M/pakke/only-escape.yaml"):3:5: error: article path" \
    "manifest whose only article is outside: the error names the manifest and line"
expect_listing "$_d" "manifest whose only article is outside: nothing written"

printf 'title: Stil utenfor\nstyle: ../../../../etc/stil.yaml\narticles:\n  - ok.md\n' >"$M/pakke/style-escape.yaml"
_d=$(case_dir style-escape)
hbp "$M/pakke/style-escape.yaml" -o "$_d/out.pdf"
expect_rc 2 "manifest whose style is outside its folder"
expect_err "^$(re_path "$M/pakke/style-escape.yaml"): error: style .* outside" \
    "manifest whose style is outside: the error names the manifest"
expect_listing "$_d" "manifest whose style is outside: nothing written"

# Regressions (tests/regress/) have their own runner: regress.sh.

done_testing
