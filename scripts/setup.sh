#!/bin/sh
# Fresh machine to example pack: install Debian packages, build, and write
# the example briefing pack (build/uke48.pdf and build/uke48.epub).
# SPDX-License-Identifier: MIT
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
make
make example
echo "setup: wrote build/uke48.pdf and build/uke48.epub"
