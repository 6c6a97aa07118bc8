#!/bin/sh
# Inputs whose cost grows faster than their size (issue 11, defect 4):
# cmark-gfm's own pathological tests and the CVEs of 2023 that Debian's
# libcmark-gfm 0.29.0.gfm.6 still has, the 30 kB table of 25 million
# cells, and shapes our own pipeline handled badly. Each is generated
# here (never committed) and converted to PDF and EPUB under a 4 GB
# address-space limit and a time bound: the documented exit status, a
# message naming the file and line, valid outputs when there are any, no
# output at all when the article is refused. The time bound is on CPU
# time (cpu_mark in lib.sh: other tests may share the machine); a run is
# stopped as hung after 3 times the bound in wall time. Times are
# "# note" lines.
# Under build-san (ASan) the address-space limit is not set (ASan maps
# terabytes) and the cases that convert are 1/10 size.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools qpdf pdftotext python3 timeout
require_bp

LIMIT=30                     # seconds per run (CPU time)
HANG=$((LIMIT * 3))          # seconds of wall time: hung
VMEM=4000000                 # ulimit -v, kB
case $BP in
*build-san*) SCALE=10 VMEM=unlimited ;;
*) SCALE=1 ;;
esac
[ "$SCALE" = 1 ] || note "ASan build: the cases that convert are 1/$SCALE size"

# re_path PATH: PATH as a grep -E pattern matching itself.
re_path() {
	printf '%s' "$1" | sed 's/[].[\*^$()+?{}|]/\\&/g'
}

# The generators: gen.py OUT CASE N writes case CASE at size N.
cat >"$T/gen.py" <<'EOF'
import sys
out, case, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def table(cols, rows, cells_per_row):
    s = "# Tabell\n\n|" + "|".join("k%d" % i for i in range(cols)) + "|\n"
    s += "|" + "|".join("-" for i in range(cols)) + "|\n"
    for r in range(rows):
        s += "|" + "|".join("r%dc%d" % (r, c) for c in range(cells_per_row)) + "|\n"
    return s + "\nEtter tabellen: tabellslutt.\n"
C = {
    # The defect: 5,000 header cells, then 5,000 one-cell rows.
    "wide": lambda: table(n, n, 1),
    "legit": lambda: "# Lang\n\n| Nr | Navn | Verdi | A | B |\n|---:|:--|--:|-|-|\n"
        + "".join("| %d | rad%d | %d | a | b |\n" % (i, i, i * 7) for i in range(n))
        + "\nradslutt\n",
    # Our pagination: one-line paragraphs are one keep chain.
    "short_paras": lambda: "".join("p%d\n\n" % i for i in range(n)),
    # CVE-2023-37463: columns times rows of text that is not a table row.
    "cols_rows": lambda: "|" + "x|" * n + "\n|" + "-|" * n + "\n" + "a\n" * n,
    # CVE-2023-22486 and cmark's "pattern ![[]() repeated".
    "img_links": lambda: "Før.\n\n" + "![[]()" * n + "\n",
    # CVE-2023-22483: emphasis that cannot pair (cmark issue #389).
    "emphasis": lambda: "Før.\n\n" + "*t " * n + "_t*_ " * n + "\n",
    # CVE-2023-22483: unclosed processing instructions and CDATA.
    "pi": lambda: "-1" + "<?x" * n + "y\n",
    "cdata": lambda: "x" + "<![CDATA[" * n + "\n",
    # CVE-2023-22483: a paragraph parsed again at each delimiter row.
    "table_rescan": lambda: "|-\nt>|-\n" * n + "y\n",
    "table_lines": lambda: ":-\n" + ":\n" * n + ":-\n",
    # CVE-2023-22483: the autolink extension.
    "autolink_www": lambda: "z_www." * n + "\n",
    "autolink_parens": lambda: "www." + ")" * n + "\n",
    "autolink_lt": lambda: "<http://s" * n + "\n",
    # CVE-2023-22483: strikethrough runs.
    "strike": lambda: "~e" + ",z~~" * n + "\n",
    # CVE-2023-22483: a reference title copied into every link.
    "ref_title": lambda: "[f]:u\n\"\n" + "[f]\n" * n + "[f]:u \"t\n",
    # CVE-2023-24822 (cmark's 24824): emphasis in deep quotes.
    "deep_quote_emph": lambda: ">" * n + "a*" * n + "\n",
    # cmark: empty lines in deeply nested lists.
    "deep_list_blanks": lambda: "- " * n + "x" + "\n" * n,
    # CVE-2023-26485: underscores nested n/2 deep (Pango: overlapping attributes).
    "underscores": lambda: "_" * n + "." + "_" * n + "\n\nundersluttord\n",
    # Our own: heading ids, footnote references, links in one paragraph,
    # punctuation between spaces (no place to break a line).
    "headings": lambda: "## Innledning\n\nTekst.\n\n" * n,
    "note_refs": lambda: "x[^a] " * n + "\n\n[^a]: Noten.\n",
    "links": lambda: "[t](/u) " * n + "\n",
    "nobreak": lambda: "Før.\n\n" + ": " * n + "\n",
}
with open(out, "w") as f:
    f.write(C[case]())
EOF

# prun ARGS...: briefpack under the address-space limit, stopped after
# HANG s; sets RC, LAST_CMD, SECS (CPU time) and WALL (wall time). A
# hang, crash or sanitizer report fails.
prun() {
	LAST_CMD="briefpack $*"
	_t0=$(date +%s%N)
	cpu_mark
	(ulimit -v "$VMEM" && exec timeout "$HANG" "$BP" "$@") \
	    >"$T/bp.out" 2>"$T/bp.err" </dev/null
	RC=$?
	cpu_since
	_t1=$(date +%s%N)
	SECS=$CPU_SECS
	WALL=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	if [ "$RC" -eq 124 ]; then
		not_ok "finished within $HANG s (wall time; hung?): $LAST_CMD"
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

# epub_ok FILE: a zip whose first entry is mimetype, every entry intact.
epub_ok() {
	"$PY" - "$1" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.namelist()[0] == "mimetype", z.namelist()[:1]
    assert z.testzip() is None
EOF
}

# pcase NAME CASE N RCS [REGEX]: generate CASE at size N, convert it to
# PDF and EPUB. Exit one of RCS; a stderr line "FILE:" then REGEX (none:
# no warning or error at all); in time;
# with exit 0 or 1 and outputs, valid ones; refused, no output at all.
# Sets D (the case's folder) and IN.
pcase() {
	pc_n=$1 pc_c=$2 pc_size=$3 pc_rcs=$4 pc_re=${5:-}
	D=$T/$pc_c
	IN=$D/in.md
	mkdir -p "$D"
	if ! "$PY" "$T/gen.py" "$IN" "$pc_c" "$pc_size"; then
		not_ok "$pc_n: input generated"
		return
	fi
	prun "$IN" -o "$D/out.pdf" -o "$D/out.epub"
	note "$pc_n ($(wc -c <"$IN") bytes): exit $RC in $SECS s CPU ($WALL s wall)"
	expect_rc_in "$pc_rcs" "$pc_n: exit status"
	if [ -n "$pc_re" ]; then
		expect_err "^$(re_path "$IN"):$pc_re" \
		    "$pc_n: the message names the file and line"
	else
		expect_no_err ' (warning|error): ' "$pc_n: no warning or error"
	fi
	if awk -v s="$SECS" -v l="$LIMIT" 'BEGIN { exit !(s < l) }'; then
		ok "$pc_n: in time (${SECS} s CPU < $LIMIT s)"
	else
		not_ok "$pc_n: in time (${SECS} s CPU, the bound is $LIMIT s; wall ${WALL} s)"
	fi
	if grep -q ' error: ' "$T/bp.err" && [ "$RC" -eq 1 ] &&
	    [ ! -e "$D/out.pdf" ] && [ ! -e "$D/out.epub" ]; then
		ok "$pc_n: refused, nothing written"
	elif [ "$RC" -le 1 ] && [ -s "$D/out.pdf" ] && [ -s "$D/out.epub" ]; then
		check "$pc_n: the PDF passes qpdf --check" qpdf_clean "$D/out.pdf"
		check "$pc_n: the EPUB is a whole zip, mimetype first" \
		    epub_ok "$D/out.epub"
	else
		not_ok "$pc_n: refused with nothing written, or both outputs written"
		show_last
	fi
}

# =====================================================================
# Tables.

# The defect: 5,000 columns cut to 64 before cmark-gfm sees them (one
# warning at the header's line); padded to 64 x 5,001 cells, over the
# limit: refused, naming the table's line.
pcase "5,000 x 5,000 table" wide 5000 1 \
    '3:1: warning: table has 5000 columns; only the first 64 are kept'
expect_err "^$(re_path "$IN"):3: error: table of 64 columns and up to 5001 rows" \
    "5,000 x 5,000 table: refused at the table's line 3"
_w=$(grep -c 'table has' "$T/bp.err")
if [ "$_w" -eq 1 ]; then
	ok "5,000 x 5,000 table: exactly one column warning"
else
	not_ok "5,000 x 5,000 table: exactly one column warning ($_w)"
fi

# 2,000 columns and 2,000 rows: cut to 64 x 2,001 cells, converted.
N=$((2000 / SCALE))
pcase "$N x $N table" wide "$N" "0 1" \
    "3:1: warning: table has $N columns; only the first 64 are kept"
if [ -s "$D/out.pdf" ]; then
	# Three questions of one PDF, its text extracted once (not three
	# times): pdf_has's own test, pdfq.py's page_texts and contains.
	"$PY" - "$E2E" "$D/out.pdf" k63 k64 tabellslutt >"$T/has.out" \
	    2>"$T/has.err" <<'EOF'
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import pdfq
texts = pdfq.page_texts(sys.argv[2])
for phrase in sys.argv[3:]:
    print("yes" if any(pdfq.contains(t, phrase) for t in texts) else "no")
EOF
	if [ "$(sed -n 1p "$T/has.out")" = yes ]; then
		ok "$N x $N table: column 64 is shown"
	else
		not_ok "$N x $N table: column 64 is shown" "k63 not found"
		show "$T/has.err"
	fi
	if [ "$(sed -n 2p "$T/has.out")" = yes ]; then
		not_ok "$N x $N table: column 65 is not" "k64 found"
	else
		ok "$N x $N table: column 65 is not"
	fi
	if [ "$(sed -n 3p "$T/has.out")" = yes ]; then
		ok "$N x $N table: the text after it is kept"
	else
		not_ok "$N x $N table: the text after it is kept" \
		    "tabellslutt not found"
		show "$T/has.err"
	fi
fi

# A legitimate long table: 20,000 rows of 5 columns, no message.
N=$((20000 / SCALE))
pcase "$N rows x 5 columns" legit "$N" 0
if [ -s "$D/out.pdf" ]; then
	check "$N rows x 5 columns: the last row is shown" \
	    pdf_has "$D/out.pdf" "rad$((N - 1))"
fi

# Pagination walked each keep chain from every slice of it: a run of
# 300,000 one-line paragraphs (one chain) took 52 s. Now linear.
N=$((300000 / SCALE))
pcase "$N one-line paragraphs" short_paras "$N" 0

pcase "CVE-2023-37463: 10,000 columns, 10,000 lines" cols_rows 10000 1 \
    '1: error: table of 64 columns'

# =====================================================================
# cmark-gfm 0.29.0.gfm.6: inlines (CVE-2023-22483, -22486).

pcase 'CVE-2023-22486: "![[]()" x 100,000' img_links 100000 1 \
    '3: error: paragraph has [0-9]+ unclosed "!\[" before its links'
pcase 'CVE-2023-22483: "*t " x 150,000, "_t*_ " x 150,000' emphasis 150000 1 \
    '3: error: paragraph has more than [0-9]+ runs of \* _ ~'
pcase 'CVE-2023-22483: "<?x" x 300,000' pi 300000 1 \
    '1: error: paragraph has unclosed "<\?"'
pcase 'cmark: "<![CDATA[" x 200,000' cdata 200000 1 \
    '1: error: paragraph has unclosed "<\?", "<!\[CDATA\["'
pcase 'CVE-2023-22483: "z_www." x 80,000' autolink_www 80000 1 \
    '1: error: (words with many "www\.")|(paragraph of [0-9]+ bytes)'
pcase 'CVE-2023-22483: "www." and 1,000,000 ")"' autolink_parens 1000000 1 \
    '1: error: words with many "www\."'
pcase 'CVE-2023-22483: "<http://s" x 100,000' autolink_lt 100000 1 \
    '1: error: (words with many "www\.", "://")|(paragraph of [0-9]+ bytes)'
pcase 'CVE-2023-22483: "~e" and ",z~~" x 250,000' strike 250000 1 \
    '1: error: paragraph has more than [0-9]+ runs of'
pcase 'CVE-2023-22483: a reference title used 250,000 times' ref_title 250000 1 \
    '[0-9]+: error: (a link reference definition|paragraph of)'

# =====================================================================
# cmark-gfm 0.29.0.gfm.6: blocks.

pcase 'CVE-2023-22483: "|-" and "t>|-" x 30,000' table_rescan 30000 1 \
    '[0-9]+: error: table rows .* more than [0-9]+ steps'
pcase 'CVE-2023-22483: ":" x 500,000 before ":-"' table_lines 500000 1 \
    '[0-9]+: error: (table rows .* more than [0-9]+ steps|text here has a run)'
pcase 'CVE-2023-24822: ">" x 100,000 then "a*" x 100,000' deep_quote_emph 100000 1 \
    '1: error: lists or quotes nested [0-9]+ deep'
pcase 'cmark: 100,000 list markers, 100,000 blank lines' deep_list_blanks 100000 1 \
    '1: error: lists or quotes nested [0-9]+ deep'

# CVE-2023-26485: 5 million '_' each side: strong emphasis 2.5 million
# deep, flattened past BP_MAX_INLINE_DEPTH with a warning; converted.
N=$((5000000 / SCALE))
pcase "CVE-2023-26485: '_' x $N, '.', '_' x $N" underscores "$N" "0 1" \
    '1: warning: emphasis and links nested deeper than [0-9]+ levels are flattened'
if [ -s "$D/out.pdf" ]; then
	check "'_' x $N: the text after it is kept" \
	    pdf_has "$D/out.pdf" "undersluttord"
fi

# =====================================================================
# Our pipeline: heading ids, footnote references, links, line breaks.

pcase "40,000 headings of the same text" headings 40000 1 \
    '[0-9]+: error: too many headings with the same text'
pcase "60,000 references to one footnote" note_refs 60000 1 \
    '1: error: paragraph has 60000 footnote references'
pcase "1,200,000 links in one paragraph" links 1200000 1 \
    '1: error: paragraph of [0-9]+ bytes with 1200000 links'
pcase '": " x 200,000: a line with no place to break' nobreak 200000 1 \
    '3: error: text here has a run of [0-9]+ characters'

done_testing
