#!/bin/sh
# Expected outputs kept beside the fixtures, so that a change to the model,
# the layout or a writer shows up in review as a readable diff:
#   tests/fixtures/good/x.md -> x.model  (--dump=model)
#                               x.layout (--dump=layout, boxes to 0.01 pt)
#                               x.xhtml  (the article's XHTML in the EPUB)
# and tests/fixtures/outputs.sha256, the SHA-256 of every PDF and EPUB the
# example pack, the fixture pack, each fixture and (when Debian's
# nodejs package ships the API docs, at the version recorded) those docs
# give: a restructuring must leave every one of them byte-identical.
# `make regen` (REGEN=1) rewrites them all; review with `git diff`.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools unzip sha256sum
require_bp

REGEN=${REGEN:-0}
GOOD=$FIX/good
SUMS=$FIX/outputs.sha256
NODE_DIR=/usr/share/doc/nodejs/api
node_version=$(dpkg-query -S "$NODE_DIR/fs.md" >/dev/null 2>&1 && dpkg-query -W -f '${Version}' nodejs 2>/dev/null || :)

# compare LABEL EXPECTED GOT: GOT must equal the file EXPECTED; with
# REGEN=1 it becomes EXPECTED.
compare() {
	if [ "$REGEN" = 1 ]; then
		cp "$3" "$2"
		ok "$1: written"
	elif [ ! -f "$2" ]; then
		not_ok "$1: $2 exists (run make regen)"
	elif cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "differs from $2 (make regen rewrites it; review the diff):"
		diff -u "$2" "$3" | sed -n '1,40p' >&2
	fi
}

# --- text dumps beside each good fixture -------------------------------

for md in "$GOOD"/*.md; do
	b=${md%.md}
	n=$(basename "$b")
	bp --dump=model "$md"
	cp "$T/bp.out" "$T/$n.model"
	compare "$n: model" "$b.model" "$T/$n.model"
	bp --dump=layout "$md"
	cp "$T/bp.out" "$T/$n.layout"
	compare "$n: layout" "$b.layout" "$T/$n.layout"
	bp "$md" -o "$T/$n.epub"
	unzip -p "$T/$n.epub" EPUB/a1.xhtml >"$T/$n.xhtml" 2>/dev/null
	compare "$n: XHTML" "$b.xhtml" "$T/$n.xhtml"
done

# --- bytes of every output -----------------------------------------------

# out NAME ARGS...: write NAME.pdf and NAME.epub from ARGS, add their sums.
: >"$T/sums"
out() {
	_n=$1
	shift
	bp "$@" -o "$T/o-$_n.pdf" -o "$T/o-$_n.epub"
	for _e in pdf epub; do
		if [ -f "$T/o-$_n.$_e" ]; then
			_s=$(sha256sum <"$T/o-$_n.$_e" | cut -d' ' -f1)
		else
			_s=missing
		fi
		printf '%s  %s.%s\n' "$_s" "$_n" "$_e" >>"$T/sums"
	done
}
out example examples/uke48.yaml
out fixture-pack "$FIX/pack.yaml"
for md in "$GOOD"/*.md "$FIX"/hostile-output/*.md; do
	[ "$(basename "$md")" = README.md ] && continue
	out "$(basename "$(dirname "$md")")-$(basename "$md" .md)" "$md"
done
if [ -n "$node_version" ] && [ -d "$NODE_DIR" ]; then
	out "nodejs-$node_version" "$NODE_DIR" -j 2
fi

if [ "$REGEN" = 1 ]; then
	cp "$T/sums" "$SUMS"
	ok "output sums: written to $SUMS"
else
	# Every line recorded must match; Node's only at the same version.
	while read -r sum name; do
		case $name in
		nodejs-*)
			case $name in
			"nodejs-$node_version".*) ;;
			*) skip "$name: recorded for another nodejs-doc version"
			   continue ;;
			esac ;;
		esac
		got=$(awk -v n="$name" '$2 == n { print $1 }' "$T/sums")
		if [ "$got" = "$sum" ]; then
			ok "same bytes: $name"
		else
			not_ok "same bytes: $name" "recorded $sum, got ${got:-nothing}" \
			    "(make regen records the new sums when a change is meant)"
		fi
	done <"$SUMS"
	# And nothing made that is not recorded.
	while read -r sum name; do
		grep -q "  $name\$" "$SUMS" ||
		    not_ok "same bytes: $name is recorded (run make regen)"
	done <"$T/sums"
fi

done_testing
