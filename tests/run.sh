#!/bin/sh
# Run the whole test suite: every unit test program $BUILD/tests/test_*,
# then every end-to-end script tests/e2e/*.sh. Each prints "ok - ..." or
# "not ok - ..." lines; this counts them, shows the failures with their
# details, and ends with "N passed, N failed".
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (default build), EPUBCHECK, VERBOSE=1 (show every
# line), TESTS="pattern ..." (run only programs whose name matches one),
# TEST_TIMEOUT (seconds per program, default 900; make sanitize: 1800; a
# script may ask for more with a "# test-timeout: N" line), SUITES (default
# "unit e2e": which of the two to run; `make unit` and `make e2e` pick one),
# PYTHON (default: the python3 found on PATH, by its real path),
# TEST_JOBS (programs run at once, default the number of CPUs; 1: one after
# the other, as they are listed). With more than one job the known slow
# programs start first; each program's output is kept in a file of its own
# and reported whole, in the listed order, once it and every program before
# it are done: the log reads as a serial run's.

set -u
cd "$(dirname "$0")/.." || exit 2

BUILD=${BUILD:-build}
TEST_TIMEOUT=${TEST_TIMEOUT:-900}     # seconds per test program: a hang
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

# The tests' Python (lib.sh: PYTHON, default python3), found once here:
# a version manager's shim (pyenv's) would otherwise look the same
# interpreter up again on each of the suite's thousands of calls, about
# a tenth of a second each.
if [ -z "${PYTHON:-}" ] && command -v python3 >/dev/null 2>&1; then
	PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
	[ -n "$PYTHON" ] && [ -x "$PYTHON" ] || PYTHON=python3
	export PYTHON
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

# The programs that take longest, longest first: with more than one job
# they start first, so the lanes end together. Names as reported; the
# rest follow in the listed order.
SLOW="markdown patho ace epub hostile pdf_basic pagelist archival paste"

TEST_JOBS=${TEST_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
case $TEST_JOBS in
'' | *[!0-9]*) echo "# note: TEST_JOBS=$TEST_JOBS is not a number: running one at a time"
	TEST_JOBS=1 ;;
esac
[ "$TEST_JOBS" -ge 1 ] || TEST_JOBS=1

# limit_of CMD...: the seconds a program may take: TEST_TIMEOUT, or more
# when a script asks for it ("# test-timeout: N" in its first 30 lines).
limit_of() {
	_want=
	[ "$1" = sh ] && [ -f "${2-}" ] &&
	    _want=$(sed -n '1,30s/^# test-timeout: *\([0-9][0-9]*\).*/\1/p' "$2" |
	    head -n 1)
	if [ -n "$_want" ] && [ "$_want" -gt "$TEST_TIMEOUT" ]; then
		echo "$_want"
	else
		echo "$TEST_TIMEOUT"
	fi
}

# exec_one DIR CMD...: run a test program under timeout; its stdout,
# stderr, seconds and exit status go to DIR/out, err, secs and rc (rc
# last: its presence says the program is done).
exec_one() {
	_d=$1
	shift
	_limit=$(limit_of "$@")
	echo "$_limit" >"$_d/limit"
	_start=$(date +%s)
	if [ "$TEST_JOBS" -gt 1 ]; then
		# In the background, so that an interrupted run can stop it.
		timeout "$_limit" "$@" >"$_d/out" 2>"$_d/err" </dev/null 8>&- &
		echo "$!" >"$_d/pid"
		wait "$!"
		_rc=$?
		rm -f "$_d/pid"
	else
		timeout "$_limit" "$@" >"$_d/out" 2>"$_d/err" </dev/null
		_rc=$?
	fi
	echo $(($(date +%s) - _start)) >"$_d/secs"
	echo "$_rc" >"$_d/rc.tmp" && mv "$_d/rc.tmp" "$_d/rc"
}

# report NAME DIR: count and report a finished program's lines.
report() {
	name=$1
	d=$2
	rc=$(cat "$d/rc")
	secs=$(cat "$d/secs")
	p=$(grep -c '^ok - ' "$d/out")
	f=$(grep -c '^not ok - ' "$d/out")
	s=$(grep -c '^SKIP ' "$d/out")
	extra=
	if [ "$rc" -eq 124 ]; then
		extra="$name: timed out after $(cat "$d/limit") s"
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
	grep '^SKIP ' "$d/out"
	if [ "${VERBOSE:-0}" = 1 ]; then
		sed 's/^/  /' "$d/out"
	fi
	if [ "$f" -gt 0 ]; then
		grep '^not ok - ' "$d/out" | sed "s|^not ok - |not ok - $name: |" |
		    tee -a "$tmp/failures"
		[ -n "$extra" ] && echo "not ok - $extra" | tee -a "$tmp/failures"
		if [ -s "$d/err" ]; then
			echo "  --- $name: details (stderr) ---"
			sed -n '1,400s/^/  /p' "$d/err"
			n=$(wc -l <"$d/err")
			[ "$n" -le 400 ] || echo "  ... ($n lines in all)"
		fi
	fi
	rm -rf "$d"
}

SUITES=${SUITES:-unit e2e}
case " $SUITES " in *" unit "*) run_unit=1 ;; *) run_unit=0 ;; esac
case " $SUITES " in *" e2e "*) run_e2e=1 ;; *) run_e2e=0 ;; esac

# The list: program i (1..nprog) is reported as name_i and run as
# "$run_i" "$arg_i" (arg_i empty: no argument).
nprog=0
add() {
	nprog=$((nprog + 1))
	eval "name_$nprog=\$1 run_$nprog=\$2 arg_$nprog=\${3-}"
}

found=0
[ "$run_unit" = 1 ] && for prog in "$BUILD"/tests/test_*; do
	[ -f "$prog" ] && [ -x "$prog" ] || continue
	found=1
	selected "$(basename "$prog")" || continue
	add "$(basename "$prog")" "$prog"
done
[ "$found" = 1 ] || [ "$run_unit" = 0 ] ||
    echo "# note: no unit test programs in $BUILD/tests"

[ "$run_e2e" = 1 ] && for script in tests/e2e/*.sh; do
	[ -f "$script" ] || continue
	case $script in */lib.sh) continue ;; esac
	selected "$(basename "$script")" || continue
	add "$(basename "$script" .sh)" sh "$script"
done

# start I: run program I (in the background when TEST_JOBS > 1, telling
# the main loop through fd 8 when it is done).
start() {
	mkdir "$tmp/$1"
	eval "_run=\$run_$1 _arg=\$arg_$1"
	if [ "$TEST_JOBS" -gt 1 ]; then
		if [ -n "$_arg" ]; then
			(exec_one "$tmp/$1" "$_run" "$_arg"; echo "$1" >&8) &
		else
			(exec_one "$tmp/$1" "$_run"; echo "$1" >&8) &
		fi
	elif [ -n "$_arg" ]; then
		exec_one "$tmp/$1" "$_run" "$_arg"
	else
		exec_one "$tmp/$1" "$_run"
	fi
}

# flush: report every finished program that has no unfinished one before it.
next=1
flush() {
	while [ "$next" -le "$nprog" ] && [ -f "$tmp/$next/rc" ]; do
		eval "_name=\$name_$next"
		report "$_name" "$tmp/$next"
		next=$((next + 1))
	done
}

if [ "$TEST_JOBS" -le 1 ] || [ "$nprog" -le 1 ]; then
	TEST_JOBS=1
	i=1
	while [ "$i" -le "$nprog" ]; do
		start "$i"
		flush
		i=$((i + 1))
	done
else
	# Interrupted: stop the programs still running (timeout passes the
	# signal on to the program's process group), then exit.
	stop() {
		for _p in "$tmp"/*/pid; do
			[ -f "$_p" ] && kill "$(cat "$_p")" 2>/dev/null
		done
		exit 130
	}
	trap stop INT TERM
	mkfifo "$tmp/done" && exec 8<>"$tmp/done" || exit 2
	# The launch order: the slow ones first, then the rest as listed.
	order=
	for slow in $SLOW; do
		i=1
		while [ "$i" -le "$nprog" ]; do
			eval "_name=\$name_$i"
			[ "$_name" = "$slow" ] && order="$order $i"
			i=$((i + 1))
		done
	done
	i=1
	while [ "$i" -le "$nprog" ]; do
		case " $order " in *" $i "*) ;; *) order="$order $i" ;; esac
		i=$((i + 1))
	done
	running=0
	for i in $order; do
		while [ "$running" -ge "$TEST_JOBS" ]; do
			read -r _done <&8
			running=$((running - 1))
			flush
		done
		start "$i"
		running=$((running + 1))
	done
	while [ "$running" -gt 0 ]; do
		read -r _done <&8
		running=$((running - 1))
		flush
	done
	exec 8<&-
	trap 'exit 130' INT TERM
fi
flush

if [ "$fail" -gt 0 ]; then
	echo
	echo "Failures:"
	cat "$tmp/failures"
fi
[ "$nskip" -eq 0 ] || echo "# $nskip skipped (SKIP lines above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
