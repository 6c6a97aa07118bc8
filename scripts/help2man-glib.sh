#!/bin/sh
# briefpack's --help and --version as help2man reads them (make man):
# GLib's "Usage:" line joined to the usage under it (help2man's SYNOPSIS),
# its two option groups made one "Options:" list, "…" spelled "...".
# Run as help2man's program with BRIEFPACK naming the binary.
# SPDX-License-Identifier: MIT
set -eu
# help2man runs its program under LC_ALL=C, where GLib writes "…" as "?".
LC_ALL=C.UTF-8 "${BRIEFPACK:?set BRIEFPACK to the briefpack binary}" "$@" |
    LC_ALL=C awk '
/^Usage:$/ {
	if ((getline u) > 0) {
		sub(/^ +/, "", u)
		gsub(/\342\200\246/, "...", u)
		print "Usage: " u
	}
	next
}
/^$/ { blank++; next }
/^Application Options:$/ { blank = 0; next }
{
	for (; blank > 0; blank--)
		print ""
	print ($0 == "Help Options:" ? "Options:" : $0)
}
END { for (; blank > 0; blank--) print "" }'
