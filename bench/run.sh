#!/bin/sh
# make bench: briefpack against a bare Pango/Cairo floor (bench/floor.c) on
# a generated corpus (bench/gen.py) and, when installed, Node.js's API
# documentation. Prints a table: median wall and CPU time of RUNS runs,
# pages, pages per second, peak RSS; floor ratios; memory at 1x, 2x, 4x.
# Environment: BUILD (default build-bench), RUNS (3), N (articles, 200),
# SMALL=1 (a tiny corpus: CI checks that the bench runs, not its speed).
# SPDX-License-Identifier: MIT
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-bench}
RUNS=${RUNS:-3}
N=${N:-200}
[ "${SMALL:-0}" = 1 ] && N=6 && RUNS=1
BP=$BUILD/briefpack
FLOOR=$BUILD/floor
W=$BUILD/bench
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795000000}
rm -rf "$W"
mkdir -p "$W"

# measure LABEL CMD...: RUNS runs; prints "wall cpu rss" medians.
measure() {
	_l=$1
	shift
	: >"$W/m.txt"
	_i=0
	while [ "$_i" -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %U %S %M" -o "$W/t.txt" "$@" >"$W/out.txt" 2>"$W/err.txt" ||
			{ echo "bench: $_l failed:" >&2; cat "$W/err.txt" >&2; exit 1; }
		awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$W/t.txt" >>"$W/m.txt"
		_i=$((_i + 1))
	done
	sort -n "$W/m.txt" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}

pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# row LABEL PAGES "wall cpu rss" [FLOOR_WALL FLOOR_CPU]
row() {
	echo "$2 $3 ${4:-0 0}" | awk -v l="$1" '{
		pps = $2 > 0 ? $1 / $2 : 0
		r = $5 > 0 ? sprintf("%.2f / %.2f", $2 / $5, $3 / $6) : "-"
		printf "| %-34s | %6d | %7.2f | %7.2f | %8.0f | %7.1f | %-13s |\n",
		    l, $1, $2, $3, pps, $4 / 1024, r }'
}

header() {
	echo "| input | pages | wall s | CPU s | pages/s | RSS MB | wall / CPU vs floor |"
	echo "|---|--:|--:|--:|--:|--:|---|"
}

corpus() {
	python3 bench/gen.py "$1" "$2" >/dev/null
}

corpus "$W/c1" "$N"
ARTS=$(ls "$W"/c1/a*.md)

echo "# briefpack bench: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d), RUNS=$RUNS (median)"
echo "# machine noise: the spread of the $RUNS runs of the pack is shown below"
header
F=$(measure floor "$FLOOR" fonts "$W/floor.pdf" $ARTS)
FW=$(echo "$F" | cut -d' ' -f1)
FC=$(echo "$F" | cut -d' ' -f2)
row "floor (Pango + Cairo only)" "$(pages "$W/floor.pdf")" "$F"
M=$(measure pack "$BP" "$W/c1/pack.yaml" -o "$W/pack.pdf")
row "pack PDF ($N articles)" "$(pages "$W/pack.pdf")" "$M" "$FW $FC"
echo "# pack runs (wall CPU RSS): $(tr '\n' ';' <"$W/m.txt")"
M=$(measure epub "$BP" "$W/c1/pack.yaml" -o "$W/pack.epub")
row "pack EPUB" 0 "$M"
if "$BP" --help 2>&1 | grep -q -- --each; then
	mkdir -p "$W/e1" "$W/e2"
	M=$(measure each1 "$BP" --each -j1 --outdir "$W/e1" -f pdf $ARTS)
	row "--each -j1 (PDF)" "$(pages "$W/pack.pdf")" "$M" "$FW $FC"
	M=$(measure each2 "$BP" --each -j2 --outdir "$W/e2" -f pdf $ARTS)
	row "--each -j2 (PDF)" "$(pages "$W/pack.pdf")" "$M" "$FW $FC"
fi

# Node.js's API documentation, as it is (64 real files), if present.
if ls /usr/share/doc/nodejs/api/*.md >/dev/null 2>&1; then
	NODE=$(ls /usr/share/doc/nodejs/api/*.md)
	F=$(measure floor-node "$FLOOR" fonts "$W/floor-node.pdf" $NODE)
	row "floor: Node.js API docs" "$(pages "$W/floor-node.pdf")" "$F"
	M=$(measure node "$BP" --allow-outside $NODE -o "$W/node.pdf" || true)
	row "Node.js API docs, PDF" "$(pages "$W/node.pdf")" "$M" \
	    "$(echo "$F" | cut -d' ' -f1-2)"
fi

# Memory as the pack grows.
echo
echo "| corpus | articles | pages | peak RSS MB |"
echo "|---|--:|--:|--:|"
for k in 1 2 4; do
	corpus "$W/m$k" $((N * k))
	M=$(RUNS=1 measure "mem$k" "$BP" "$W/m$k/pack.yaml" -o "$W/m$k.pdf")
	echo "| ${k}x | $((N * k)) | $(pages "$W/m$k.pdf") | $(echo "$M" | awk '{ printf "%.1f", $3 / 1024 }') |"
done
