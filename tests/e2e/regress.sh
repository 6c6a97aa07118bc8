#!/bin/sh
# Regressions: every tests/regress/NAME.md (one a fixed bug, named after
# its issue) converts to PDF and EPUB without a crash or a hang, into
# files that qpdf and unzip accept; NAME.expect, when present, holds what
# else must stay true, one assertion a line:
#   status N          the exit status
#   stderr TEXT       a line of standard error, exactly
#   pdf-images N      images embedded in the PDF (pdfimages -list)
#   within SECONDS    the run takes less CPU time (see cpu_mark in lib.sh)
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools qpdf unzip
require_bp

for md in tests/regress/*.md; do
	[ -f "$md" ] || continue
	n=$(basename "$md" .md)
	rm -f "$T/out.pdf" "$T/out.epub"
	cpu_mark
	bp "$md" -o "$T/out.pdf" -o "$T/out.epub"
	cpu_since
	secs=$CPU_SECS
	expect_rc_in "0 1" "$n: converted, no crash"
	if qpdf --check "$T/out.pdf" >/dev/null 2>&1 &&
	    unzip -tq "$T/out.epub" >/dev/null 2>&1; then
		ok "$n: the PDF and the EPUB are whole"
	else
		not_ok "$n: the PDF and the EPUB are whole"
		show_last
	fi
	[ -f "tests/regress/$n.expect" ] || continue
	while IFS= read -r line; do
		what=${line%% *}
		arg=${line#* }
		case $what in
		status) expect_rc "$arg" "$n: exit status" ;;
		stderr)
			if grep -Fxq -- "$arg" "$T/bp.err"; then
				ok "$n: says: $arg"
			else
				not_ok "$n: says: $arg"
				show_last
			fi ;;
		pdf-images)
			got=$(pdfimages -list "$T/out.pdf" 2>/dev/null |
			    awk 'NR > 2' | wc -l)
			if [ "$got" -eq "$arg" ]; then
				ok "$n: $arg images in the PDF"
			else
				not_ok "$n: $arg images in the PDF" "found $got"
			fi ;;
		within)
			if awk -v s="$secs" -v l="$arg" 'BEGIN { exit !(s < l) }'
			then
				ok "$n: within $arg s ($secs s CPU)"
			else
				not_ok "$n: within $arg s" "took $secs s CPU"
			fi ;;
		'' | '#'*) ;;
		*) not_ok "$n.expect: unknown assertion: $line" ;;
		esac
	done <"tests/regress/$n.expect"
done

done_testing
