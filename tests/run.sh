#!/bin/sh
# Run the whole test suite: every unit test program $BUILD/tests/test_*,
# then every end-to-end script tests/e2e/*.sh. Each prints "ok - ..." or
# "not ok - ..." lines; this counts them, shows the failures with their
# details, and ends with "N passed, N failed".
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (default build), EPUBCHECK, VERBOSE=1 (show every
# line), TESTS="pattern ..." (run only programs whose name matches one),
# TEST_TIMEOUT (seconds per program, default 300; make sanitize: 900), SUITES (default
# "unit e2e": which of the two to run; `make unit` and `make e2e` pick one).

set -u
cd "$(dirname "$0")/.." || exit 2

BUILD=${BUILD:-build}
TEST_TIMEOUT=${TEST_TIMEOUT:-300}     # seconds per test program
EPUBCHECK=${EPUBCHECK:-java -jar /usr/share/java/epubcheck.jar}
SOURCE_DATE_EPOCH=1795000000
LC_ALL=C.UTF-8
TZ=UTC
export BUILD EPUBCHECK SOURCE_DATE_EPOCH LC_ALL TZ
unset LANG LANGUAGE 2>/dev/null || :
# Sanitized builds: a report must not look like briefpack's own exit 1.
ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=87:halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS
if [ -f tests/lsan.supp ] && [ -z "${LSAN_OPTIONS:-}" ]; then
	LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp
	export LSAN_OPTIONS
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bp-run.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# A French locale catches decimal commas in PDF numbers (determinism.sh
# compares output made under it). Not installed: try to build one for
# this run only; failing that, note it and carry on.
FR_LOCALE=
FR_LOCPATH=
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
	FR_LOCALE=fr_FR.UTF-8
elif command -v localedef >/dev/null 2>&1 && mkdir -p "$tmp/locale" &&
    { localedef -i fr_FR -f UTF-8 "$tmp/locale/fr_FR.UTF-8" >/dev/null 2>&1; :; } &&
    LOCPATH=$tmp/locale LC_ALL=fr_FR.UTF-8 python3 -c \
    'import locale; locale.setlocale(locale.LC_ALL, ""); assert locale.localeconv()["decimal_point"] == ","' \
    2>/dev/null; then
	FR_LOCALE=fr_FR.UTF-8
	FR_LOCPATH=$tmp/locale
	echo "# note: fr_FR.UTF-8 is not installed; built it for this run with localedef"
else
	echo "# note: fr_FR.UTF-8 locale not available: the decimal-comma check is not run"
fi
export FR_LOCALE FR_LOCPATH

if ! command -v java >/dev/null 2>&1; then
	echo "SKIP epubcheck (java is not installed)"
fi
for t in pdftotext pdfinfo pdffonts qpdf mutool python3 timeout; do
	command -v "$t" >/dev/null 2>&1 || echo "SKIP checks that need $t (not installed)"
done

pass=0
fail=0
nskip=0
: >"$tmp/failures"

selected() {
	[ -z "${TESTS:-}" ] && return 0
	for pat in $TESTS; do
		case $1 in *$pat*) return 0 ;; esac
	done
	return 1
}

# run_one NAME CMD...: run a test program, count and report its lines.
run_one() {
	name=$1
	shift
	start=$(date +%s)
	timeout "$TEST_TIMEOUT" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	secs=$(($(date +%s) - start))
	p=$(grep -c '^ok - ' "$tmp/out")
	f=$(grep -c '^not ok - ' "$tmp/out")
	s=$(grep -c '^SKIP ' "$tmp/out")
	extra=
	if [ "$rc" -eq 124 ]; then
		extra="$name: timed out after $TEST_TIMEOUT s"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		extra="$name: exited with status $rc without a failing check (crash?)"
	elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		extra="$name: ran no checks"
	fi
	[ -n "$extra" ] && f=$((f + 1))
	pass=$((pass + p))
	fail=$((fail + f))
	nskip=$((nskip + s))
	printf '# %s: %d passed, %d failed (%d s)\n' "$name" "$p" "$f" "$secs"
	grep '^SKIP ' "$tmp/out"
	if [ "${VERBOSE:-0}" = 1 ]; then
		sed 's/^/  /' "$tmp/out"
	fi
	if [ "$f" -gt 0 ]; then
		grep '^not ok - ' "$tmp/out" | sed "s|^not ok - |not ok - $name: |" |
		    tee -a "$tmp/failures"
		[ -n "$extra" ] && echo "not ok - $extra" | tee -a "$tmp/failures"
		if [ -s "$tmp/err" ]; then
			echo "  --- $name: details (stderr) ---"
			sed -n '1,400s/^/  /p' "$tmp/err"
			n=$(wc -l <"$tmp/err")
			[ "$n" -le 400 ] || echo "  ... ($n lines in all)"
		fi
	fi
}

SUITES=${SUITES:-unit e2e}
case " $SUITES " in *" unit "*) run_unit=1 ;; *) run_unit=0 ;; esac
case " $SUITES " in *" e2e "*) run_e2e=1 ;; *) run_e2e=0 ;; esac

found=0
[ "$run_unit" = 1 ] && for prog in "$BUILD"/tests/test_*; do
	[ -f "$prog" ] && [ -x "$prog" ] || continue
	found=1
	selected "$(basename "$prog")" || continue
	run_one "$(basename "$prog")" "$prog"
done
[ "$found" = 1 ] || [ "$run_unit" = 0 ] ||
    echo "# note: no unit test programs in $BUILD/tests"

[ "$run_e2e" = 1 ] && for script in tests/e2e/*.sh; do
	[ -f "$script" ] || continue
	case $script in */lib.sh) continue ;; esac
	selected "$(basename "$script")" || continue
	run_one "$(basename "$script" .sh)" sh "$script"
done

if [ "$fail" -gt 0 ]; then
	echo
	echo "Failures:"
	cat "$tmp/failures"
fi
[ "$nskip" -eq 0 ] || echo "# $nskip skipped (SKIP lines above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
