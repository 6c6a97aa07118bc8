#!/bin/sh
# Install the Debian packages briefpack needs to build, run and test.
# SPDX-License-Identifier: MIT
# Works as root or through sudo; installs only what is missing.
# Then, when npm can reach its registry, Ace by DAISY (the EPUB
# accessibility checker tests/e2e/ace.sh runs) into build-ace/; without
# it the test says why and skips. `install-deps.sh --ace`: only that.
set -eu

ACE_VERSION=1.4.6
ACE_DIR=$(cd "$(dirname "$0")/.." && pwd)/build-ace

# Ace from npm, with Debian's Chromium (never one of its own); a failure
# is reported, never fatal to the caller's build.
install_ace() {
	if [ -x "$ACE_DIR/node_modules/.bin/ace-cli" ]; then
		echo "install-deps: Ace by DAISY present ($ACE_DIR)"
		return 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "install-deps: no npm: Ace by DAISY not installed (tests/e2e/ace.sh will skip)"
		return 1
	fi
	echo "install-deps: installing Ace by DAISY $ACE_VERSION from npm into $ACE_DIR"
	mkdir -p "$ACE_DIR"
	if PUPPETEER_SKIP_DOWNLOAD=1 timeout 180 npm install --prefix "$ACE_DIR" \
	    --no-audit --no-fund --fetch-timeout=20000 --fetch-retries=1 \
	    "@daisy/ace-cli@$ACE_VERSION" >"$ACE_DIR/npm.log" 2>&1; then
		echo "install-deps: Ace by DAISY installed"
	else
		echo "install-deps: npm could not install Ace by DAISY (no network?); tests/e2e/ace.sh will skip; see $ACE_DIR/npm.log"
		return 1
	fi
}

if [ "${1:-}" = --ace ]; then
	install_ace
	exit $?
fi

PKGS="build-essential pkg-config
libcmark-gfm-dev libcmark-gfm-extensions-dev
libpango1.0-dev libcairo2-dev libglib2.0-dev libfontconfig-dev libharfbuzz-dev
libyaml-dev libhyphen-dev hyphen-no hyphen-en-us hyphen-en-gb hyphen-de hyphen-sv hyphen-da
libgdk-pixbuf-2.0-dev librsvg2-dev libzip-dev libjson-glib-dev zlib1g-dev
libqpdf-dev
poppler-utils qpdf mupdf-tools epubcheck default-jre-headless
python3-pikepdf libpdfbox2-java libactivation-java libjaxb-api-java
libxml2-dev libxml2-utils unzip python3 time chromium
help2man"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	install_ace || :
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
install_ace || :
