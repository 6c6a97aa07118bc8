#!/bin/sh
# README pictures from the example pack: the cover, a body page, the first
# page with a table and the first body page with a figure (found in the
# PDF, so they follow the layout). Usage: screenshots.sh PACK.pdf DOCDIR
# SPDX-License-Identifier: MIT
set -eu
pdf=$1
doc=$2
shot() {
	pdftoppm -png -r 50 -f "$1" -l "$1" -singlefile "$pdf" "$doc/$2"
}
n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
shot 1 cover
shot 5 page
# The table: the first page whose text has the EEA table's first row (its first cell wraps).
i=1
while [ "$i" -le "$n" ]; do
	if pdftotext -f "$i" -l "$i" "$pdf" - | grep -q "Batteries"; then
		shot "$i" table
		break
	fi
	i=$((i + 1))
done
# The figure: the first page after the cover that holds a picture.
i=$(pdfimages -list "$pdf" | awk 'NR > 2 && $1 > 1 { print $1; exit }')
[ -n "$i" ] && shot "$i" figure
