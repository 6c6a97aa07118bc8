#!/bin/sh
# Faults, not inputs: a disk that fills up at every stage of a write (a
# small tmpfs filled with dd to many levels), a file size limit on the
# page spool (ulimit -f with SIGXFSZ ignored), a read-only folder, and
# every hostile fixture under an address-space limit. After each run:
# exit 0 with valid files, or exit 2 with a message naming the file and
# the cause, the earlier file untouched, and no temporary file left.
# SPDX-License-Identifier: MIT

. "$(dirname "$0")/lib.sh"
require_tools qpdf unzip python3 timeout
require_bp

MNT=$T/full
MOUNTED=0
fault_cleanup() {
	[ "$MOUNTED" = 1 ] && umount "$MNT" 2>/dev/null
	[ "$MOUNTED" = 2 ] && umount "$T/ro" 2>/dev/null
	cleanup
}
trap fault_cleanup EXIT

# A style without fonts in the EPUB, so an EPUB fits a small disk.
cat >"$T/small.yaml" <<'EOF'
epub:
  embed-fonts: false
EOF
ART=$FIX/good/english.md
OLD="an earlier good output"

# with_limits FSIZE_BYTES CMD...: run CMD with a file size limit and
# SIGXFSZ ignored, so writes fail with EFBIG instead of killing it.
with_fsize() {
	_lim=$1
	shift
	"$PY" -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execvp(sys.argv[2], sys.argv[2:])' "$_lim" "$@"
}

# valid FILE: a complete PDF or EPUB (or JSON report).
valid() {
	case $1 in
	*.pdf) qpdf --check "$1" >/dev/null 2>&1 ;;
	*.epub) unzip -tq "$1" >/dev/null 2>&1 ;;
	*.json) "$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" \
	    2>/dev/null ;;
	esac
}

# judge LABEL DIR OUT [KEPT]: the outcome of the last run writing OUT in
# DIR. Exit 0: OUT is valid. Exit 2: a message names OUT and the cause,
# OUT is absent (or still holds KEPT's bytes). Never a leftover
# temporary file. Counts one check per outcome, so every level shows.
judge() {
	_l=$1 _d=$2 _o=$3 _kept=${4-}
	_left=$(ls -A "$_d" | grep -v '^fill$' | grep -vx "$(basename "$_o")")
	if [ -n "$_left" ]; then
		not_ok "$_l: no temporary file left" "left: $_left"
		show_last
		return
	fi
	case $RC in
	0)
		if valid "$_o"; then
			ok "$_l: exit 0 and a valid file"
		else
			not_ok "$_l: exit 0 and a valid file" "$_o is not valid"
			show_last
		fi
		;;
	2)
		if ! grep -q "^$_o: error: .*\(No space left on device\|File too large\|Read-only file system\)" "$T/bp.err"; then
			not_ok "$_l: exit 2 names the file and the cause"
			show_last
		elif [ -n "$_kept" ] && ! cmp -s "$_o" "$_kept"; then
			not_ok "$_l: exit 2 and the earlier file untouched"
			show_last
		elif [ -z "$_kept" ] && [ -e "$_o" ]; then
			not_ok "$_l: exit 2 and no file" "exists: $_o"
			show_last
		else
			ok "$_l: exit 2, the file and the cause named, nothing half-written"
		fi
		;;
	*)
		not_ok "$_l: exit 0 or 2" "exit $RC"
		show_last
		;;
	esac
}

# fill AVAIL_KB: leave about AVAIL_KB free on the small disk.
fill() {
	rm -rf "$MNT"/* "$MNT"/.[!.]* 2>/dev/null
	_free=$(df -k --output=avail "$MNT" | tail -1 | tr -d ' ')
	_n=$((_free - $1))
	[ "$_n" -gt 0 ] && dd if=/dev/zero of="$MNT/fill" bs=1k count="$_n" \
	    2>/dev/null
	:
}

# --- disk full: PDF, EPUB and report at every 4 KiB of free space ----------

if [ "$(id -u)" != 0 ]; then
	skip "$SCRIPT: disk-full matrix needs root to mount a tmpfs"
elif ! mkdir -p "$MNT" || ! mount -t tmpfs -o size=400k tmpfs "$MNT" 2>/dev/null
then
	skip "$SCRIPT: cannot mount a tmpfs here"
else
	MOUNTED=1
	# Sizes of the outputs when there is room.
	bp "$ART" -s "$T/small.yaml" -o "$T/ref.pdf" -o "$T/ref.epub" \
	    --report "$T/ref.json"
	expect_rc 0 "reference run"
	for f in pdf epub json; do
		eval "size_$f=\$(( \$(stat -c %s \"\$T/ref.$f\") / 1024 + 8 ))"
	done
	note "outputs: pdf ${size_pdf} KiB, epub ${size_epub} KiB, report ${size_json} KiB (+8)"
	for f in pdf epub; do
		eval "top=\$size_$f"
		k=0
		while [ "$k" -le "$top" ]; do
			# A fresh output, then over an earlier one.
			fill "$k"
			bp "$ART" -s "$T/small.yaml" -o "$MNT/x.$f"
			judge "disk full, $f, ${k} KiB free" "$MNT" "$MNT/x.$f"
			fill "$k"
			printf '%s\n' "$OLD" >"$MNT/x.$f"
			cp "$MNT/x.$f" "$T/old.$f"
			bp "$ART" -s "$T/small.yaml" -o "$MNT/x.$f"
			judge "disk full, $f over an earlier file, ${k} KiB free" \
			    "$MNT" "$MNT/x.$f" "$T/old.$f"
			k=$((k + 4))
		done
	done
	# The report is written last: the PDF elsewhere, the report on the
	# full disk. Exit 2 then, and the PDF is still whole.
	k=0
	while [ "$k" -le "$size_json" ]; do
		fill "$k"
		bp "$ART" -o "$T/r.pdf" --report "$MNT/r.json"
		judge "disk full, report, ${k} KiB free" "$MNT" "$MNT/r.json"
		if valid "$T/r.pdf"; then
			ok "disk full, report, ${k} KiB free: the PDF is whole"
		else
			not_ok "disk full, report, ${k} KiB free: the PDF is whole"
		fi
		k=$((k + 2))
	done
	# --each: every article that fits is written, the others say why.
	fill 60
	bp --each "$FIX/good" --outdir "$MNT" -j 2 -s "$T/small.yaml"
	expect_rc 2 "disk full, --each: exit 2"
	for p in "$MNT"/*.pdf; do
		[ -e "$p" ] || continue
		if valid "$p"; then
			ok "disk full, --each: $(basename "$p") is whole"
		else
			not_ok "disk full, --each: $(basename "$p") is whole"
		fi
	done
	if ls -A "$MNT" | grep -q '\.tmp$'; then
		not_ok "disk full, --each: no temporary file left" "$(ls -A "$MNT")"
	else
		ok "disk full, --each: no temporary file left"
	fi
	umount "$MNT" && MOUNTED=0
fi

# --- a read-only folder ------------------------------------------------

mkdir -p "$T/ro"
if [ "$(id -u)" = 0 ]; then
	if mount -t tmpfs -o ro,size=64k tmpfs "$T/ro" 2>/dev/null; then
		MOUNTED=2
	else
		skip "$SCRIPT: cannot mount a read-only tmpfs"
	fi
else
	chmod 555 "$T/ro"
fi
if [ "$MOUNTED" = 2 ] || [ "$(id -u)" != 0 ]; then
	bp "$ART" -o "$T/ro/x.pdf"
	expect_rc 2 "read-only folder"
	expect_err "^$T/ro/x.pdf: error: cannot create a file in \"$T/ro\": (Read-only file system|Permission denied)" \
	    "read-only folder: the file and the cause named"
	[ "$MOUNTED" = 2 ] && umount "$T/ro" && MOUNTED=0
fi

# --- the page spool under a file size limit (ulimit -f) --------------------

make_long_article "$T/long.md" 400
mkdir -p "$T/spool" "$T/out"
for lim in 4096 65536 262144 1048576 4194304 16777216; do
	rm -f "$T/out/long.pdf"
	LAST_CMD="briefpack (file size limit $lim) $T/long.md -o $T/out/long.pdf"
	TMPDIR=$T/spool with_fsize "$lim" timeout 120 "$BP" "$T/long.md" \
	    -o "$T/out/long.pdf" >"$T/bp.out" 2>"$T/bp.err" </dev/null
	RC=$?
	bp_after
	case $RC in
	0) judge "file size limit $lim" "$T/out" "$T/out/long.pdf" ;;
	2)
		if grep -q "error: .*File too large" "$T/bp.err"; then
			ok "file size limit $lim: exit 2 says the file is too large"
		else
			not_ok "file size limit $lim: exit 2 says the file is too large"
			show_last
		fi
		expect_no_file "$T/out/long.pdf" "file size limit $lim: no PDF"
		;;
	*) not_ok "file size limit $lim: exit 0 or 2" "exit $RC"; show_last ;;
	esac
	if [ -n "$(ls -A "$T/spool")" ]; then
		not_ok "file size limit $lim: nothing left in TMPDIR" "$(ls -A "$T/spool")"
	else
		ok "file size limit $lim: nothing left in TMPDIR"
	fi
done

# --- hostile fixtures under a 4 GB address-space limit --------------------

# AddressSanitizer reserves terabytes of address space: not under it.
if grep -q '__asan_init' "$BP" 2>/dev/null; then
	skip "$SCRIPT: address-space limit (sanitizer build)"
else
	for f in "$FIX"/hostile-output/*.md "$FIX"/hostile-input/*.md \
	    "$FIX"/hostile-input/*.yaml "$FIX"/bad/*.md tests/regress/*.md; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		rm -f "$T/h.pdf" "$T/h.epub"
		LAST_CMD="briefpack (ulimit -v 4000000) $f -o $T/h.pdf -o $T/h.epub"
		(ulimit -v 4000000 && exec timeout 60 "$BP" "$f" -o "$T/h.pdf" \
		    -o "$T/h.epub") >"$T/bp.out" 2>"$T/bp.err" </dev/null
		RC=$?
		bp_after
		case $RC in
		0 | 1)
			if grep -q 'nothing written' "$T/bp.err" &&
			    [ ! -e "$T/h.pdf" ] && [ ! -e "$T/h.epub" ]; then
				ok "4 GB address space: $b (exit $RC, nothing written, says so)"
			elif valid "$T/h.pdf" && valid "$T/h.epub"; then
				ok "4 GB address space: $b (exit $RC, valid files)"
			else
				not_ok "4 GB address space: $b (exit $RC, valid files)"
				show_last
			fi
			;;
		2)
			if [ -s "$T/bp.err" ]; then
				ok "4 GB address space: $b (exit 2 with a reason)"
			else
				not_ok "4 GB address space: $b (exit 2 with a reason)"
			fi
			;;
		*) not_ok "4 GB address space: $b" "exit $RC"; show_last ;;
		esac
	done
fi

done_testing
