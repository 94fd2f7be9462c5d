#!/usr/bin/env bash
# check.sh BUILD - what `make check` runs: the suite with the release
# build, the suite with the ASan+UBSan build, and the golden tests under
# valgrind.  Ends with the line "N passed, N failed" over all of them.
set -u
build=${1:-build}
cd "$(dirname "$0")/.." || exit 2
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
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Tests make their files (FIFOs too) in temporary directories, never in
# the source tree: what git sees, and the special files (which git does
# not list), must be the same at the end.
tree_state() {
	git status --porcelain 2>/dev/null
	find . \( -path ./build -o -path ./.git \) -prune -o ! -type f ! -type d ! -type l -print
}
tree_before=$(tree_state)

# The release and ASan runs read the same extractors' text: made once.
export IMR_SHAPE_CACHE=$PWD/$build/shapes
rm -rf "$IMR_SHAPE_CACHE"

echo "### release build"
tests/run.sh "$build/imr2xml" "$build/factcheck" "$build/unit" "$build/roundtrip" | tee "$log"
tally "$log"

echo "### ASan + UBSan build"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
IMR_SANITIZED=1 tests/run.sh "$build/asan/imr2xml" "$build/factcheck" "$build/asan/unit" "$build/roundtrip" | tee "$log"
tally "$log"
unset ASAN_OPTIONS UBSAN_OPTIONS

echo "### ThreadSanitizer: batch mode in two threads, text and PDF, with and without the export"
tp=0 tf=0
tsan_out=$(mktemp -d)
mkdir -p "$tsan_out/in" "$tsan_out/pdf"
for i in 1 2 3 4 5; do for f in examples/*.txt; do cp "$f" "$tsan_out/in/$i-${f##*/}"; done; done
# PDFs, in a directory of their own (walked like the texts): made from the
# examples, and the published ones when ../shared is there.
for f in examples/*.txt; do n=${f##*/}; "$build/mkpdf" <"$f" >"$tsan_out/pdf/${n%.txt}.pdf"; done
cp ../shared/real/pdf/*.pdf "$tsan_out/pdf/" 2>/dev/null
want=$((5 * $(ls examples/*.txt | wc -l) + $(ls "$tsan_out/pdf" | wc -l)))
if TSAN_OPTIONS=exitcode=99 "$build/tsan/imr2xml" -q -j 2 -d "$tsan_out/out" "$tsan_out/in" "$tsan_out/pdf" \
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
total_pass=$((total_pass + tp)) total_fail=$((total_fail + tf))

echo "### valgrind on the golden tests and PDFs"
vp=0 vf=0
for in in examples/*.txt; do
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$build/imr2xml" "$in" 2>"$log.err" | cmp -s - "${in%.txt}.xml" && [ ! -s "$log.err" ]; then
		vp=$((vp + 1))
	else
		vf=$((vf + 1)); echo "FAIL valgrind: $in"; head -20 "$log.err"
	fi
done
# PDFs: poppler and GLib under valgrind too (the XML as the release build's).
"$build/mkpdf" <examples/imr-2016-standard.txt >"$log.pdf"
for in in "$log.pdf" ../shared/real/pdf/CM16-0234464.pdf; do
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
rm -f "$log.err" "$log.pdf"
echo "$vp passed, $vf failed"
total_pass=$((total_pass + vp)) total_fail=$((total_fail + vf))

echo "### make install, the libraries through pkg-config, the man pages"
tests/install.sh "$build" | tee "$log"
tally "$log"

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
