#!/bin/sh
# make bench: briefpack against a bare Pango/Cairo floor (bench/floor.c) on
# a generated corpus (bench/gen.py) and, when installed, Node.js's API
# documentation. Prints a table: median wall and CPU time of RUNS runs,
# pages, pages per second, peak RSS; floor ratios; pandoc's EPUB writer
# when pandoc is installed; one article (ms); a 12-article --each batch
# at -j 1 and -j 2; memory at 1x, 2x, 4x.
# Environment: BUILD (default build-bench), RUNS (3), QRUNS (runs of the
# one-article rows, 21), N (articles, 200),
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
FONTS=$(pwd)/fonts
W=$BUILD/bench
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795000000}
rm -rf "$W"
mkdir -p "$W"

# measure LABEL CMD...: RUNS runs; prints "wall cpu rss" medians (of
# each column on its own) and keeps the runs in $W/LABEL.runs.
measure() {
	_l=$1
	shift
	: >"$W/$_l.runs"
	_i=0
	while [ "$_i" -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %U %S %M" -o "$W/t.txt" "$@" >"$W/out.txt" 2>"$W/err.txt" ||
			{ echo "bench: $_l failed:" >&2; cat "$W/err.txt" >&2; exit 1; }
		awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$W/t.txt" >>"$W/$_l.runs"
		_i=$((_i + 1))
	done
	_m=$(( (RUNS + 1) / 2 ))
	for _c in 1 2 3; do
		cut -d' ' -f$_c "$W/$_l.runs" | sort -n | sed -n "${_m}p"
	done | tr '\n' ' '
	echo
}

# spread LABEL: "min-max" wall seconds of a measured command's runs.
spread() {
	sort -n "$W/$1.runs" | awk 'NR == 1 { lo = $1 } { hi = $1 }
	    END { printf "%.2f-%.2f s", lo, hi }'
}

pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# row LABEL PAGES "wall cpu rss" [FLOOR_WALL FLOOR_CPU]
row() {
	echo "$2 $3 ${4:-0 0}" | awk -v l="$1" '{
		pps = ($2 > 0 && $1 > 0) ? sprintf("%.0f", $1 / $2) : "-"
		r = ($5 > 0) ? sprintf("%.2f / %.2f", $2 / $5, $3 / $6) : "-"
		p = ($1 > 0) ? $1 : "-"
		printf "| %-36s | %6s | %7.2f | %7.2f | %7s | %7.1f | %-13s |\n",
		    l, p, $2, $3, pps, $4 / 1024, r }'
}

header() {
	echo "| input | pages | wall s | CPU s | pages/s | peak RSS MB | wall / CPU vs floor |"
	echo "|---|--:|--:|--:|--:|--:|---|"
}

corpus() {
	python3 bench/gen.py "$1" "$2" >/dev/null
}

# suite LABEL FLOOR_INPUTS -- BRIEFPACK_INPUTS...: the rows of one corpus.
suite() {
	_name=$1
	_pack=$2
	shift 2
	F=$(measure "floor-$_name" "$FLOOR" "$FONTS" "$W/floor-$_name.pdf" "$@")
	FW=$(echo "$F" | cut -d' ' -f1)
	FC=$(echo "$F" | cut -d' ' -f2)
	row "floor: $_name" "$(pages "$W/floor-$_name.pdf")" "$F"
	for j in 1 2; do
		M=$(measure "pdf$j-$_name" "$BP" -q -j $j $_pack -o "$W/$_name.pdf")
		row "$_name: PDF pack, -j $j" "$(pages "$W/$_name.pdf")" "$M" "$FW $FC"
	done
	M=$(measure "epub-$_name" "$BP" -q $_pack -o "$W/$_name.epub")
	row "$_name: EPUB" 0 "$M"
	if command -v pandoc >/dev/null 2>&1; then
		M=$(measure "pandoc-$_name" pandoc -f gfm -t epub3 \
		    -o "$W/$_name-pandoc.epub" "$@")
		row "$_name: pandoc's EPUB (for scale)" 0 "$M"
	fi
	NOISE="$NOISE $_name floor $(spread "floor-$_name"), -j 2 $(spread "pdf2-$_name");"
}

corpus "$W/c1" "$N"
ARTS=$(ls "$W"/c1/a*.md)
NOISE=

echo "# briefpack bench: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//')), $(uname -m), $(date -u +%Y-%m-%d), RUNS=$RUNS (median of each column)"
echo
header
suite generated "$W/c1/pack.yaml" $ARTS
mkdir -p "$W/e1" "$W/e2"
M=$(measure each1 "$BP" -q --each -j 1 --outdir "$W/e1" -f pdf $ARTS)
row "generated: --each -j 1 (PDF)" "$(pages "$W/generated.pdf")" "$M" "$FW $FC"
M=$(measure each2 "$BP" -q --each -j 2 --outdir "$W/e2" -f pdf $ARTS)
row "generated: --each -j 2 (PDF)" "$(pages "$W/generated.pdf")" "$M" "$FW $FC"
mkdir -p "$W/e3"
M=$(measure each3 "$BP" -q --each -j 2 --outdir "$W/e3" -f epub $ARTS)
row "generated: --each -j 2 (EPUB)" 0 "$M"

# One short article as a user converts it (the seed, with front matter):
# wall milliseconds, the median of QRUNS runs of each, the hyphenation
# cache warm (made by the first run); the cold row gives each run an
# empty cache folder of its own, as on a machine's first run.
QRUNS=${QRUNS:-21}
[ "${SMALL:-0}" = 1 ] && QRUNS=3
SEED=examples/artikler/01-naeringsklynger.md
# ms LABEL CMD...: the median wall time of QRUNS runs, in ms.
ms() {
	_l=$1
	shift
	: >"$W/$_l.ms"
	_i=0
	while [ "$_i" -lt "$QRUNS" ]; do
		[ "$_l" = seed-cold ] && export BRIEFPACK_CACHE_DIR="$W/cold-$_i"
		_t0=$(date +%s%N)
		"$@" >"$W/out.txt" 2>"$W/err.txt" ||
			{ echo "bench: $_l failed:" >&2; cat "$W/err.txt" >&2; exit 1; }
		_t1=$(date +%s%N)
		echo $(( (_t1 - _t0) / 1000 )) >>"$W/$_l.ms"
		_i=$((_i + 1))
	done
	[ "$_l" = seed-cold ] && unset BRIEFPACK_CACHE_DIR
	sort -n "$W/$_l.ms" | sed -n "$(( (QRUNS + 1) / 2 ))p" |
	    awk '{ printf "%.1f", $1 / 1000 }'
}
SF=$(ms seed-floor "$FLOOR" "$FONTS" "$W/seed-floor.pdf" "$SEED")
SP=$(ms seed-pdf "$BP" -q "$SEED" -o "$W/seed.pdf")
SE=$(ms seed-epub "$BP" -q "$SEED" -o "$W/seed.epub")
SC=$(ms seed-cold "$BP" -q "$SEED" -o "$W/seed-cold.pdf")
SD=
command -v pandoc >/dev/null 2>&1 &&
    SD=$(ms seed-pandoc pandoc -f gfm -t epub3 -o "$W/seed-pandoc.epub" "$SEED")
echo
echo "| one article ($SEED) | ms | vs floor |"
echo "|---|--:|--:|"
for r in "floor (Pango/Cairo, the same text):$SF" "PDF (PDF/A-2a + UA-1):$SP" \
    "EPUB:$SE" "PDF, hyphenation cache cold:$SC" \
    ${SD:+"pandoc's EPUB (for scale):$SD"}; do
	echo "$r" | awk -F: -v f="$SF" '{ printf "| %s | %.1f | %.2f |\n", $1, $2, $2 / f }'
done

# A small batch: --each of 12 generated articles to PDF and EPUB, one
# worker against two (each worker's start-up is what a small batch pays).
corpus "$W/c12" 12
ARTS12=$(ls "$W"/c12/a*.md)
mkdir -p "$W/s1" "$W/s2"
echo
header
M1=$(measure small1 "$BP" -q --each -j 1 --outdir "$W/s1" -f pdf,epub $ARTS12)
row "12 articles: --each -f pdf,epub -j 1" 0 "$M1"
M2=$(measure small2 "$BP" -q --each -j 2 --outdir "$W/s2" -f pdf,epub $ARTS12)
row "12 articles: --each -f pdf,epub -j 2" 0 "$M2"
echo "$M1 $M2" | awk '{ printf "\n-j 2 is %.2fx the speed of -j 1 on the small batch (CPU %.2f s against %.2f s).\n", $1 / $4, $5, $2 }'

# Node.js's API documentation, as it is (64 real files), if present.
if [ "${SMALL:-0}" != 1 ] && ls /usr/share/doc/nodejs/api/*.md >/dev/null 2>&1; then
	NODE=$(ls /usr/share/doc/nodejs/api/*.md)
	echo
	header
	suite "Node.js API docs" "--allow-outside $NODE" $NODE
fi
echo
echo "Machine noise (min-max wall of the runs):$NOISE"

# Memory as the pack grows.
echo
echo "| corpus | articles | pages | peak RSS MB, -j 1 | peak RSS MB, -j 2 |"
echo "|---|--:|--:|--:|--:|"
for k in 1 2 4; do
	corpus "$W/m$k" $((N * k))
	M1=$(RUNS=1 measure "mem1-$k" "$BP" -q -j 1 "$W/m$k/pack.yaml" -o "$W/m$k.pdf")
	M2=$(RUNS=1 measure "mem2-$k" "$BP" -q -j 2 "$W/m$k/pack.yaml" -o "$W/m$k.pdf")
	echo "| ${k}x | $((N * k)) | $(pages "$W/m$k.pdf") | $(echo "$M1" | awk '{ printf "%.1f", $3 / 1024 }') | $(echo "$M2" | awk '{ printf "%.1f", $3 / 1024 }') |"
done
