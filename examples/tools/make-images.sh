#!/bin/sh
# Regenerate every image in examples/artikler/bilder/ from the scripts here.
# SPDX-License-Identifier: MIT
# Needs python3, a C compiler, pkg-config and the gdk-pixbuf development files
# (Debian: libgdk-pixbuf-2.0-dev). The outputs are deterministic.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../artikler/bilder"
mkdir -p "$out"
python3 "$here/make_charts.py" "$out"
python3 "$here/make_diagram.py" "$out/datadeling.svg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/make_photo" "$here/make_photo.c" \
    $(pkg-config --cflags --libs gdk-pixbuf-2.0) -lm
"$tmp/make_photo" "$out/fjord-oppdrett.jpg"
ls -l "$out"
