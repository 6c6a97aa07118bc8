#!/bin/sh
# Install the Debian packages briefpack needs to build, run and test.
# SPDX-License-Identifier: MIT
# Works as root or through sudo; installs only what is missing.
set -eu

PKGS="build-essential pkg-config
libcmark-gfm-dev libcmark-gfm-extensions-dev
libpango1.0-dev libcairo2-dev libglib2.0-dev libfontconfig-dev libharfbuzz-dev
libyaml-dev libhyphen-dev hyphen-no hyphen-en-us hyphen-en-gb hyphen-de hyphen-sv hyphen-da
libgdk-pixbuf-2.0-dev librsvg2-dev libzip-dev libjson-glib-dev zlib1g-dev
poppler-utils qpdf mupdf-tools epubcheck default-jre-headless
libxml2-utils unzip python3 time"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 2
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
