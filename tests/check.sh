#!/usr/bin/env bash
# check.sh BUILD - what `make check` runs: the suite with the release
# build, the suite with the ASan+UBSan build (its derived shapes sampled:
# tests/run.sh, IMR_SAMPLE), batch mode under TSan, and the golden tests
# under valgrind.  Ends with the line "N passed, N failed" over all of
# them.
#
# Two lanes at once, one a core (docs/testing.md): the release build
# (`make check-build`) and its suite; the sanitized build (`make
# check-asan-build`) and its suite; then TSan (its build too), valgrind
# and make install, each part taken by the first lane free.  Each part
# writes a log of its own; they are printed whole, in the order of the
# sections below (the release suite's as it runs), so no two parts' lines
# interleave.  IMR_CHECK_SERIAL=1 runs the lanes one after the other.
set -u
build=${1:-build}
cd "$(dirname "$0")/.." || exit 2
make=${MAKE:-make}
total_pass=0 total_fail=0
tally() { # the last "N passed, N failed" line of a log
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
	if [ -z "$line" ]; then # the suite died before its summary: that fails
		echo "FAIL the suite ended without its summary line"
		total_fail=$((total_fail + 1))
		return
	fi
	total_pass=$((total_pass + ${line%% passed*}))
	local f=${line#*, }
	total_fail=$((total_fail + ${f%% failed*}))
}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Tests make their files (FIFOs too) in temporary directories, never in
# the source tree: what git sees, and the special files (which git does
# not list), must be the same at the end.
tree_state() {
	git status --porcelain 2>/dev/null
	find . \( -path ./build -o -path ./.git \) -prune -o ! -type f ! -type d ! -type l -print
}
tree_before=$(tree_state)

# The release and ASan runs read the same extractors' text: made once,
# by whichever run wants it first (tests/run.sh, `extracted`).
export IMR_SHAPE_CACHE=$PWD/$build/shapes
rm -rf "$IMR_SHAPE_CACHE"

release_suite() {
	tests/run.sh "$build/imr2xml" "$build/factcheck" "$build/unit" "$build/roundtrip"
}

# The sanitized suite runs the release build's oracles and test tools
# (factcheck, roundtrip, mkpdf, ...): it waits for the release lane to
# have made them, which it says by a file in $logs (built or failed).
release_built() {
	until [ -e "$logs/release.built" ] || [ -e "$logs/release.failed" ]; do sleep 1; done
	[ -e "$logs/release.built" ]
}

sanitized_suite() {
	if ! $make -s --no-print-directory check-asan-build BUILD="$build" 2>&1; then
		echo "FAIL the ASan+UBSan build"; echo "0 passed, 1 failed"; return
	fi
	if ! release_built; then
		echo "FAIL the release build (its oracles and tools)"; echo "0 passed, 1 failed"; return
	fi
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	IMR_SANITIZED=1 tests/run.sh "$build/asan/imr2xml" "$build/factcheck" "$build/asan/unit" "$build/roundtrip"
}

tsan_batch() {
	if ! $make -s --no-print-directory check-tsan-build BUILD="$build" 2>&1; then
		echo "FAIL the ThreadSanitizer build"; echo "0 passed, 1 failed"; return
	fi
	local log=$logs/tsan.tmp
	local tp=0 tf=0 tsan_out
	tsan_out=$(mktemp -d)
	mkdir -p "$tsan_out/in" "$tsan_out/pdf"
	for i in 1 2 3 4 5; do for f in examples/*.txt; do cp "$f" "$tsan_out/in/$i-${f##*/}"; done; done
	# PDFs, in a directory of their own (walked like the texts): made from the
	# examples, and the published ones when ../shared is there.
	for f in examples/*.txt; do n=${f##*/}; "$build/mkpdf" <"$f" >"$tsan_out/pdf/${n%.txt}.pdf"; done
	cp ../shared/real/pdf/*.pdf "$tsan_out/pdf/" 2>/dev/null
	# HTML pages (libxml2's HTML parser in threads), made from the examples.
	mkdir -p "$tsan_out/html"
	for f in examples/*.txt; do n=${f##*/}; awk -f tests/shapes/page.awk "$f" >"$tsan_out/html/${n%.txt}.html"; done
	want=$((5 * $(ls examples/*.txt | wc -l) + $(ls "$tsan_out/pdf" | wc -l) + $(ls "$tsan_out/html" | wc -l)))
	if TSAN_OPTIONS=exitcode=99 "$build/tsan/imr2xml" -q -j 2 -d "$tsan_out/out" "$tsan_out/in" "$tsan_out/pdf" "$tsan_out/html" \
		2>"$log.err" && [ "$(tail -n +2 "$tsan_out/out/manifest.tsv" | wc -l)" = "$want" ] &&
		! grep -q ThreadSanitizer "$log.err"; then
		tp=1
	else
		tf=1; echo "FAIL ThreadSanitizer"; head -30 "$log.err"
	fi
	# The workers also make the rows of the export (XPath, jansson) in threads.
	rm -rf "$tsan_out/out"
	if TSAN_OPTIONS=exitcode=99 "$build/tsan/imr2xml" -q -j 2 -d "$tsan_out/out" --format jsonl "$tsan_out/in" 2>"$log.err" &&
		[ "$(wc -l <"$tsan_out/out/items.jsonl")" = $((5 * $(cat examples/*.xml | grep -c '<issue '))) ] &&
		! grep -q ThreadSanitizer "$log.err"; then
		tp=$((tp + 1))
	else
		tf=$((tf + 1)); echo "FAIL ThreadSanitizer, --format jsonl"; head -30 "$log.err"
	fi
	# And the database: rows made by the workers, inserted by whichever thread
	# retires documents.
	if TSAN_OPTIONS=exitcode=99 "$build/tsan/imr2xml" -q -j 2 --db "$tsan_out/c.sqlite" "$tsan_out/in" "$tsan_out/pdf" \
		2>"$log.err" && grep -q "^imr2xml: $tsan_out/c.sqlite: [1-9][0-9]* letters added" "$log.err" &&
		! grep -q ThreadSanitizer "$log.err"; then
		tp=$((tp + 1))
	else
		tf=$((tf + 1)); echo "FAIL ThreadSanitizer, --db"; head -30 "$log.err"
	fi
	rm -rf "$tsan_out" "$log.err"
	echo "$tp passed, $tf failed"
}

valgrind_text() {
	local log=$logs/valgrind.tmp in out
	local vp=0 vf=0
	# The goldens in one process (batch mode, one thread: the conversion of
	# each as in single-file mode, valgrind's start paid once), each XML
	# the golden's; and one of them as a single file, to standard output.
	out=$(mktemp -d)
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$build/imr2xml" -q -j 1 -d "$out" examples/*.txt 2>"$log.err"
	local st=$?
	for in in examples/*.txt; do
		if [ "$st" = 0 ] && ! grep -q "^==" "$log.err" && cmp -s "$out/${in%.txt}.xml" "${in%.txt}.xml"; then
			vp=$((vp + 1))
		else
			vf=$((vf + 1)); echo "FAIL valgrind (batch mode, exit $st): $in"; head -20 "$log.err"
		fi
	done
	rm -rf "$out"
	in=examples/imr-2016-standard.txt
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$build/imr2xml" "$in" 2>"$log.err" | cmp -s - "${in%.txt}.xml" && [ ! -s "$log.err" ]; then
		vp=$((vp + 1))
	else
		vf=$((vf + 1)); echo "FAIL valgrind: $in"; head -20 "$log.err"
	fi
	rm -f "$log.err"
	echo "$vp passed, $vf failed"
}

valgrind_pdf_db() {
	local log=$logs/valgrind-pdf.tmp in vdb
	local vp=0 vf=0
	# PDFs: poppler and GLib under valgrind too (the XML as the release build's);
	# and HTML pages, libxml2's HTML parser: one written from an example, and
	# a real letter's as pdftohtml writes it.
	"$build/mkpdf" <examples/imr-2016-standard.txt >"$log.pdf"
	awk -f tests/shapes/page.awk examples/imr-2016-standard.txt >"$log.html"
	local html=()
	if [ -f ../shared/real/pdf/CM16-0234464.pdf ] && qpdf --decrypt ../shared/real/pdf/CM16-0234464.pdf "$log.dec.pdf" &&
		pdftohtml -q -s -i -noframes -stdout "$log.dec.pdf" >"$log.s.html"; then
		html=("$log.s.html")
	fi
	for in in "$log.pdf" ../shared/real/pdf/CM16-0234464.pdf "$log.html" "${html[@]}"; do
		[ -f "$in" ] || continue
		if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			"$build/imr2xml" "$in" 2>"$log.err" | cmp -s - <("$build/imr2xml" "$in" 2>/dev/null) &&
			[ ! -s "$log.err" ]; then
			vp=$((vp + 1))
		else
			vf=$((vf + 1)); echo "FAIL valgrind: $in"; head -20 "$log.err"
		fi
	done
	# The database: the loader, the writer, SQLite, and a merge.
	vdb=$(mktemp -d)
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$build/imr2xml" -j 2 --db "$vdb/a.sqlite" examples/imr-2016-standard.txt examples/imr-2014-physician.txt \
		"$log.pdf" 2>"$log.err" >/dev/null && ! grep -q '^==' "$log.err" &&
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$build/imr2xml" --db-merge "$vdb/b.sqlite" "$vdb/a.sqlite" 2>>"$log.err" &&
		[ "$(sqlite3 "$vdb/b.sqlite" 'SELECT count(*) FROM letters')" = 3 ]; then
		vp=$((vp + 1))
	else
		vf=$((vf + 1)); echo "FAIL valgrind: --db, --db-merge"; head -20 "$log.err"
	fi
	rm -rf "$vdb"
	rm -f "$log.err" "$log.pdf" "$log.html" "$log.dec.pdf" "$log.s.html"
	echo "$vp passed, $vf failed"
}

install_check() { tests/install.sh "$build"; }

# The parts after the two suites, taken in this order by whichever lane is
# free (mkdir claims a part for one lane).
later_parts() {
	local part
	for part in tsan_batch valgrind_pdf_db valgrind_text install_check; do
		if mkdir "$logs/$part.claimed" 2>/dev/null; then
			"$part" >"$logs/$part" 2>&1
		fi
	done
}
lane2() {
	sanitized_suite >"$logs/asan" 2>&1
	release_built && later_parts # (they run the release build too)
}
release_build() {
	if $make --no-print-directory check-build BUILD="$build"; then
		touch "$logs/release.built"
	else
		touch "$logs/release.failed"
		return 1
	fi
}
if [ -n "${IMR_CHECK_SERIAL:-}" ]; then
	release_build || exit 2
	lane2
else
	lane2 &
	lane2_pid=$!
	# (the release build while lane 2 makes the ASan build)
	if ! release_build; then
		wait "$lane2_pid"
		exit 2
	fi
fi

echo "### release build"
release_suite 2>&1 | tee "$logs/release"
tally "$logs/release"
later_parts
[ -n "${lane2_pid:-}" ] && wait "$lane2_pid"

echo "### ASan + UBSan build"
cat "$logs/asan"
tally "$logs/asan"

echo "### ThreadSanitizer: batch mode in two threads, text and PDF, with and without the export"
cat "$logs/tsan_batch"
tally "$logs/tsan_batch"

echo "### valgrind on the golden tests and PDFs"
# (made in two parts, one a lane: their lines, then one summary line)
joined_summary() { # LOG... : the logs' lines but their summaries, then the sum of these
	local log line p=0 f=0
	for log in "$@"; do
		grep -vE '^[0-9]+ passed, [0-9]+ failed' "$log"
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
		if [ -z "$line" ]; then
			echo "FAIL ${log##*/}: ended without its summary line"; f=$((f + 1)); continue
		fi
		p=$((p + ${line%% passed*})); line=${line#*, }; f=$((f + ${line%% failed*}))
	done
	echo "$p passed, $f failed"
}
joined_summary "$logs/valgrind_text" "$logs/valgrind_pdf_db" >"$logs/valgrind"
cat "$logs/valgrind"
tally "$logs/valgrind"

echo "### make install, the libraries through pkg-config, the man pages"
cat "$logs/install_check"
tally "$logs/install_check"

echo "### the source tree after the tests"
if [ "$(tree_state)" = "$tree_before" ]; then
	total_pass=$((total_pass + 1))
else
	total_fail=$((total_fail + 1))
	echo "FAIL the tests left files in the source tree:"
	diff <(echo "$tree_before") <(tree_state)
fi

echo
echo "all: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
