# Shared helpers for the end-to-end tests, sourced by tests/e2e/*.sh.
# Each check prints "ok - what" or "not ok - what" on stdout; details of a
# failure (the command, its exit status, its messages) go to stderr.
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (default build), BP (the binary, default
# $BUILD/briefpack), PYTHON (default python3), KEEP=1 keeps the temporary
# folder and names it on stderr.

set -u

E2E=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$E2E/../.." && pwd)
cd "$ROOT" || exit 2
FIX=tests/fixtures                  # fixtures, relative: messages name them so
BUILD=${BUILD:-build}
case $BUILD in
/*) : "${BP:=$BUILD/briefpack}" ;;
*) : "${BP:=$ROOT/$BUILD/briefpack}" ;;
esac
PY=${PYTHON:-python3}
: "${SOURCE_DATE_EPOCH:=1795000000}"
: "${LC_ALL:=C.UTF-8}"
: "${TZ:=UTC}"
export SOURCE_DATE_EPOCH LC_ALL TZ
SCRIPT=$(basename "$0" .sh)

NPASS=0
NFAIL=0
RC=0
LAST_CMD=

# --- temporary folder --------------------------------------------------

T=$(mktemp -d "${TMPDIR:-/tmp}/bp-$SCRIPT.XXXXXX") || exit 2
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "# $SCRIPT: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- results -----------------------------------------------------------

ok() {
	NPASS=$((NPASS + 1))
	echo "ok - $*"
}

# not_ok DESC [DETAIL...]: a failed check; details go to stderr.
not_ok() {
	NFAIL=$((NFAIL + 1))
	echo "not ok - $1"
	echo "not ok - $1" >&2
	shift
	for l in "$@"; do
		printf '    %s\n' "$l" >&2
	done
}

# Print a file to stderr, indented and cut to 40 lines.
show() {
	[ -s "$1" ] || return 0
	sed -n '1,40s/^/    | /p' "$1" >&2
	n=$(wc -l <"$1")
	[ "$n" -le 40 ] || echo "    | ... ($n lines)" >&2
}

# The last briefpack command, its status and its messages, to stderr.
show_last() {
	printf '    command: %s\n    exit status: %s\n' "$LAST_CMD" "$RC" >&2
	show "$T/bp.err"
}

# check DESC CMD...: ok when CMD succeeds; else its output goes to stderr.
check() {
	_desc=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then
		ok "$_desc"
	else
		not_ok "$_desc" "command: $*"
		show "$T/check.out"
	fi
}

# check_not DESC CMD...: ok when CMD fails.
check_not() {
	_desc=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then
		not_ok "$_desc" "command unexpectedly succeeded: $*"
		show "$T/check.out"
	else
		ok "$_desc"
	fi
}

skip() {
	echo "SKIP $*"
}

note() {
	echo "# $*"
}

# End of a script: exit 1 when a check failed.
done_testing() {
	[ "$NFAIL" -eq 0 ]
	exit $?
}

have() {
	command -v "$1" >/dev/null 2>&1
}

# require_tools TOOL...: SKIP and exit when one is missing.
require_tools() {
	for _t in "$@"; do
		if ! have "$_t"; then
			skip "$SCRIPT: $_t not installed"
			exit 0
		fi
	done
}

# The binary must exist; if not, that is one failure and the end.
require_bp() {
	if [ ! -x "$BP" ]; then
		not_ok "$SCRIPT: $BP exists (run make first)"
		done_testing
	fi
}

# --- running briefpack ---------------------------------------------------

# bp ARGS...: run briefpack; sets RC, LAST_CMD; output in $T/bp.out and
# $T/bp.err. A run longer than 120 s counts as a hang (RC 124). A crash or
# a sanitizer report is a failed check of its own.
bp() {
	LAST_CMD="briefpack $*"
	timeout 120 "$BP" "$@" >"$T/bp.out" 2>"$T/bp.err" </dev/null
	RC=$?
	bp_after
}

# bp_in FILE ARGS...: the same with FILE on standard input.
bp_in() {
	_in=$1
	shift
	LAST_CMD="briefpack $* <$_in"
	timeout 120 "$BP" "$@" >"$T/bp.out" 2>"$T/bp.err" <"$_in"
	RC=$?
	bp_after
}

bp_after() {
	if [ "$RC" -ge 124 ]; then
		case $RC in
		124) _why="hung: killed after 120 s" ;;
		125 | 126 | 127) _why="could not be run (is it being rebuilt?)" ;;
		*) _why="crashed: signal $((RC - 128))" ;;
		esac
		not_ok "briefpack ran to completion: $LAST_CMD" "$_why"
		show_last
	fi
	if grep -q 'Sanitizer\|runtime error:' "$T/bp.err"; then
		not_ok "no sanitizer report: $LAST_CMD"
		show_last
	fi
}

# expect_rc N DESC: the last run exited with status N.
expect_rc() {
	if [ "$RC" -eq "$1" ]; then
		ok "$2 (exit $1)"
	else
		not_ok "$2 (exit $1)"
		show_last
	fi
}

# expect_rc_in "N M" DESC: the last run exited with one of the statuses.
expect_rc_in() {
	for _c in $1; do
		if [ "$RC" -eq "$_c" ]; then
			ok "$2 (exit $RC)"
			return 0
		fi
	done
	not_ok "$2 (exit one of: $1)"
	show_last
}

# expect_err REGEX DESC: a line of the last run's stderr matches (grep -E).
expect_err() {
	if grep -Eq -- "$1" "$T/bp.err"; then
		ok "$2"
	else
		not_ok "$2" "no stderr line matches: $1"
		show_last
	fi
}

# expect_no_err REGEX DESC: no line of the last run's stderr matches.
expect_no_err() {
	if grep -Eq -- "$1" "$T/bp.err"; then
		not_ok "$2" "a stderr line matches: $1"
		show_last
	else
		ok "$2"
	fi
}

# expect_out REGEX DESC: a line of the last run's stdout matches.
expect_out() {
	if grep -Eq -- "$1" "$T/bp.out"; then
		ok "$2"
	else
		not_ok "$2" "no stdout line matches: $1"
		printf '    command: %s\n' "$LAST_CMD" >&2
		show "$T/bp.out"
	fi
}

expect_file() {
	if [ -s "$1" ]; then
		ok "$2"
	else
		not_ok "$2" "missing or empty: $1"
		show_last
	fi
}

expect_no_file() {
	if [ -e "$1" ]; then
		not_ok "$2" "exists: $1"
		show_last
	else
		ok "$2"
	fi
}

# expect_same FILE COPY DESC: FILE still has COPY's bytes.
expect_same() {
	if cmp -s "$1" "$2"; then
		ok "$3"
	else
		not_ok "$3" "$1 changed (or vanished)"
		show_last
	fi
}

# expect_listing DIR DESC NAME...: DIR holds exactly NAME... (hidden
# files included), so a leftover temporary file shows.
expect_listing() {
	_dir=$1
	_desc=$2
	shift 2
	(cd "$_dir" && ls -A) | LC_ALL=C sort >"$T/listing.have"
	printf '%s\n' "$@" | sed '/^$/d' | LC_ALL=C sort >"$T/listing.want"
	if cmp -s "$T/listing.have" "$T/listing.want"; then
		ok "$_desc"
	else
		not_ok "$_desc" "$_dir holds:" "$(tr '\n' ' ' <"$T/listing.have")" \
		    "expected:" "$(tr '\n' ' ' <"$T/listing.want")"
	fi
}

# --- CPU time ----------------------------------------------------------------

# Time bounds are on CPU time (user + system, every thread and child of
# the run included), not on wall time: tests/run.sh runs several test
# programs at once, and a busy machine stretches the wall time of a run,
# not the work it does. A run that stops working is still caught by the
# wall-time timeout around it. Only this shell's finished (waited-for)
# children count, so mark right before the run and read right after.

# cpu_mark: note the CPU time of this shell's finished children so far.
cpu_mark() {
	times >"$T/cpu.0"
}

# cpu_since: CPU_SECS is the CPU time, in seconds (two decimals), of the
# children that finished since cpu_mark.
cpu_since() {
	times >"$T/cpu.1"
	CPU_SECS=$(awk 'function s(x) { gsub(/,/, ".", x); sub(/s$/, "", x)
		split(x, a, "m"); return a[1] * 60 + a[2] }
	    FNR == 2 { t[FILENAME == ARGV[1]] = s($1) + s($2) }
	    END { d = t[0] - t[1]; printf "%.2f", d < 0 ? 0 : d }' \
	    "$T/cpu.0" "$T/cpu.1")
}

# --- PDF helpers -----------------------------------------------------------

# pdf_text FILE [PAGE]: the text of FILE (or of one page) on stdout.
pdf_text() {
	if [ $# -ge 2 ]; then
		pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" - 2>/dev/null
	else
		pdftotext -enc UTF-8 "$1" - 2>/dev/null
	fi
}

pdf_pages() {
	pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'
}

# pdf_info FILE FIELD: one pdfinfo field, e.g. Title, as printed.
pdf_info() {
	pdfinfo -isodates "$1" 2>/dev/null | sed -n "s/^$2: *//p"
}

# is_pdf FILE: pdfinfo can read it.
is_pdf() {
	[ -s "$1" ] && pdfinfo "$1" >/dev/null 2>&1
}

# pdf_has FILE PHRASE [PAGE]: PHRASE (as words) in FILE's text.
pdf_has() {
	if [ $# -ge 3 ]; then
		"$PY" "$E2E/pdfq.py" has "$1" "$3" "$2"
	else
		[ -n "$("$PY" "$E2E/pdfq.py" find "$1" "$2")" ]
	fi
}

# pdf_has_exact FILE TEXT [PAGE]: TEXT as written (white space squashed).
pdf_has_exact() {
	if [ $# -ge 3 ]; then
		"$PY" "$E2E/pdfq.py" has "$1" "$3" "$2" --exact
	else
		[ -n "$("$PY" "$E2E/pdfq.py" find "$1" "$2" --exact)" ]
	fi
}

# pdf_find FILE PHRASE [FROM]: pages holding PHRASE, space separated.
pdf_find() {
	"$PY" "$E2E/pdfq.py" find "$1" "$2" --from "${3:-1}" | tr '\n' ' ' |
	    sed 's/ $//'
}

# pdf_has_nows FILE TEXT: TEXT in FILE's text once all white space is
# removed from both (for literal markup that may wrap anywhere).
pdf_has_nows() {
	pdf_text "$1" | tr -d ' \t\n\f\r' >"$T/nows.txt"
	printf '%s' "$2" | tr -d ' \t\n\f\r' >"$T/nows.want"
	grep -qF -- "$(cat "$T/nows.want")" "$T/nows.txt"
}

# words_in_order ARTICLE.md FILE.pdf: the word-coverage property.
words_in_order() {
	"$PY" "$E2E/words.py" "$1" "$2"
}

# qpdf_clean FILE: qpdf --check finds nothing.
qpdf_clean() {
	qpdf --check "$1" >"$T/qpdf.out" 2>&1
	_q=$?
	cat "$T/qpdf.out"
	[ "$_q" -eq 0 ] && grep -q 'No syntax or stream encoding errors' "$T/qpdf.out"
}

# Localised words the pages must show, by pack language.
set_lang_words() {
	case $1 in
	en*)
		W_PAGE=Page W_OF=of W_CONTENTS=Contents
		W_BLANK="This page is intentionally left blank" ;;
	nn*)
		W_PAGE=Side W_OF=av W_CONTENTS=Innhald
		W_BLANK="Denne sida er blank med vilje" ;;
	sv*)
		W_PAGE=Sida W_OF=av W_CONTENTS=Innehåll
		W_BLANK="Denna sida har avsiktligt lämnats tom" ;;
	da*)
		W_PAGE=Side W_OF=af W_CONTENTS=Indhold
		W_BLANK="Denne side er bevidst efterladt blank" ;;
	*)
		W_PAGE=Side W_OF=av W_CONTENTS=Innhold
		W_BLANK="Denne siden er blank med vilje" ;;
	esac
}

# --- fixtures made at test time ------------------------------------------

# make_png FILE [W H]: a small valid RGB PNG (a colour gradient).
make_png() {
	"$PY" - "$1" "${2:-48}" "${3:-32}" <<'EOF'
import struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(t, d):
    c = struct.pack(">I", len(d)) + t + d
    return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + b"".join(bytes((x * 255 // w, y * 255 // h, 128))
               for x in range(w)) for y in range(h))
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
EOF
}

# make_long_article FILE PARAGRAPHS: a multi-page nb article of long
# compound words (so lines get hyphenated), numbered paragraphs and a
# heading every fifth paragraph. The same every time.
make_long_article() {
	"$PY" - "$1" "$2" <<'PYEOF'
import random, sys
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(48)
long = ("næringsklyngeprogrammet fiskeridepartementet innovasjonsselskapene "
        "verdiskapingspotensialet leverandørindustrien havbruksnæringen "
        "omstillingsevnen distriktspolitikken forskningsinstituttene "
        "kompetansearbeidsplassene eksportmulighetene samarbeidsavtalene "
        "sjømatnæringen kunnskapsmiljøene grunnrenteskatten").split()
short = ("og i på for med som det en av til er at den om har ikke men "
         "fra skal kan ble år nye mer flere store alle").split()
out = ["---", "title: Lang artikkel over flere sider", "lang: nb", "---", ""]
for p in range(1, n + 1):
    if p % 5 == 1:
        out += ["## Del %d av rapporten" % (p // 5 + 1), ""]
    ws = ["Avsnitt%03d" % p]
    for k in range(rng.randint(60, 90)):
        ws.append(rng.choice(long) if rng.random() < 0.3 else rng.choice(short))
    ws[-1] += "."
    line, lines = "", []
    for w in ws:
        if len(line) + len(w) > 72:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    lines.append(line)
    out += lines + [""]
out.append("Siste ord i artikkelen: sluttpunktum.")
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
PYEOF
}

# pdf_lacks FILE PHRASE: PHRASE (as words) is on no page of FILE.
pdf_lacks() {
	! pdf_has "$1" "$2"
}

# info_has FILE FIELD TEXT: pdfinfo's FIELD holds TEXT.
info_has() {
	_v=$(pdf_info "$1" "$2")
	case $_v in
	*"$3"*) return 0 ;;
	esac
	echo "pdfinfo $2: $_v"
	return 1
}
