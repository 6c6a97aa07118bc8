#!/bin/sh
# Reproducible output: the same inputs and SOURCE_DATE_EPOCH give
# byte-identical PDFs (also under another locale); SOURCE_DATE_EPOCH sets
# the creation date, and a different one changes it.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools pdfinfo cmp
require_bp

# twice LABEL ARGS...: two runs, both exit 0, identical bytes.
twice() {
	_l=$1
	shift
	bp "$@" -o "$T/one.pdf"
	_rc1=$RC
	bp "$@" -o "$T/two.pdf"
	if [ "$_rc1" -ne 0 ] || [ "$RC" -ne 0 ]; then
		not_ok "$_l: two runs give identical bytes" "exit statuses $_rc1 and $RC"
		show_last
	elif cmp "$T/one.pdf" "$T/two.pdf" >"$T/cmp.out" 2>&1; then
		ok "$_l: two runs give identical bytes"
	else
		not_ok "$_l: two runs give identical bytes" "command: $LAST_CMD"
		show "$T/cmp.out"
	fi
}

twice "fixture pack" "$FIX/pack.yaml"
twice "article with PNG and SVG images" "$FIX/good/images.md"
twice "memo style" -s memo "$FIX/good/table.md" "$FIX/good/footnotes.md"
if [ -f examples/uke48.yaml ]; then
	twice "examples/uke48.yaml" examples/uke48.yaml
else
	skip "determinism: examples/uke48.yaml not there yet"
fi

# same LABEL A.pdf B.pdf: identical bytes.
same() {
	if cmp "$2" "$3" >"$T/cmp.out" 2>&1; then
		ok "$1"
	else
		not_ok "$1"
		show "$T/cmp.out"
	fi
}

# Articles laid out on one thread or several give the same bytes; so
# does a pack whose articles are kept parsed (EPUB written too) and one
# that parses each article again when the PDF writer reaches it.
if [ -f examples/uke48.yaml ]; then
	bp -j 1 examples/uke48.yaml -o "$T/j1.pdf"
	bp -j 2 examples/uke48.yaml -o "$T/j2.pdf"
	bp -j 3 examples/uke48.yaml -o "$T/j3.pdf"
	same "-j 1, -j 2 and -j 3 lay out the same pack to the same bytes" \
	    "$T/j1.pdf" "$T/j2.pdf"
	same "-j 3 too" "$T/j1.pdf" "$T/j3.pdf"
	bp -j 2 examples/uke48.yaml -o "$T/both.pdf" -o "$T/both.epub"
	same "PDF with the EPUB (bodies kept) and alone (parsed again)" \
	    "$T/j1.pdf" "$T/both.pdf"
fi
bp -j 2 "$FIX/pack.yaml" -o "$T/p2.pdf"
bp -j 1 "$FIX/pack.yaml" -o "$T/p1.pdf"
same "fixture pack: -j 1 and -j 2 give the same bytes" "$T/p1.pdf" "$T/p2.pdf"
# Its headings article takes its title from its first heading: parsed
# again for the PDF alone, the heading must go from the body again.
bp -j 2 "$FIX/pack.yaml" -o "$T/pb.pdf" -o "$T/pb.epub"
same "fixture pack: PDF with the EPUB (bodies kept) and alone" "$T/p1.pdf" \
    "$T/pb.pdf"

# The creation date is SOURCE_DATE_EPOCH.
bp "$FIX/good/breaks.md" -o "$T/a.pdf"
want=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%S 2>/dev/null ||
    "$PY" -c 'import sys,time; print(time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(sys.argv[1]))))' "$SOURCE_DATE_EPOCH")
got=$(TZ=UTC pdf_info "$T/a.pdf" CreationDate)
case $got in
"$want"*) ok "CreationDate is SOURCE_DATE_EPOCH ($want)" ;;
*) not_ok "CreationDate is SOURCE_DATE_EPOCH" "want: $want" "got:  $got" ;;
esac

# Another SOURCE_DATE_EPOCH, another CreationDate.
saved=$SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$((saved + 86400 * 3 + 3661))
bp "$FIX/good/breaks.md" -o "$T/b.pdf"
SOURCE_DATE_EPOCH=$saved
got_b=$(TZ=UTC pdf_info "$T/b.pdf" CreationDate)
if [ -n "$got_b" ] && [ "$got_b" != "$got" ]; then
	ok "a different SOURCE_DATE_EPOCH gives a different CreationDate"
else
	not_ok "a different SOURCE_DATE_EPOCH gives a different CreationDate" \
	    "both: $got / $got_b"
fi
if cmp -s "$T/a.pdf" "$T/b.pdf"; then
	not_ok "a different SOURCE_DATE_EPOCH changes the file"
else
	ok "a different SOURCE_DATE_EPOCH changes the file"
fi

# The locale must not leak into the output (decimal commas in PDF numbers,
# translated messages in metadata): fr_FR.UTF-8 gives the same bytes.
if [ -n "${FR_LOCALE:-}" ]; then
	bp "$FIX/pack.yaml" -o "$T/c.pdf"
	saved=$LC_ALL
	LC_ALL=$FR_LOCALE
	if [ -n "${FR_LOCPATH:-}" ]; then
		LOCPATH=$FR_LOCPATH
		export LOCPATH
	fi
	bp "$FIX/pack.yaml" -o "$T/fr.pdf"
	LC_ALL=$saved
	unset LOCPATH
	if cmp -s "$T/c.pdf" "$T/fr.pdf"; then
		ok "LC_ALL=$FR_LOCALE gives the same bytes as C.UTF-8"
	else
		not_ok "LC_ALL=$FR_LOCALE gives the same bytes as C.UTF-8" \
		    "command: $LAST_CMD" "$(cmp "$T/c.pdf" "$T/fr.pdf" 2>&1)"
	fi
else
	note "fr_FR.UTF-8 not available: cross-locale determinism not checked"
fi

done_testing
