#!/usr/bin/env bash
# run.sh - the test suite of imr2xml (run by `make check`).
#
#   tests/run.sh BIN FACTCHECK UNIT [WRAPPER...]
#
# BIN is the imr2xml to test; WRAPPER (e.g. valgrind ...) runs every
# conversion.  Documents in ../shared are read in place; when that folder
# is absent those tests are skipped with a notice.  Ends with the line
# "N passed, N failed".
set -u
bin=$1 factcheck=$2 unit=$3
shift 3
wrap=("$@")
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
shared=../shared
xsd=xsd/determination.xsd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
run()  { "${wrap[@]}" "$bin" "$@"; }

# A conversion that must succeed: exit 0 with --verify (every input word
# is in the XML), valid by xmllint (an oracle independent of ours), then
# the hand-read facts.
convert_ok() { # name input facts... 
	local name=$1 in=$2; shift 2
	local out=$tmp/out.xml
	if ! run --verify "$in" >"$out" 2>"$tmp/err"; then
		bad "$name: exit $? converting $in: $(head -3 "$tmp/err")"; return 1
	fi
	if ! xmllint --noout --nonet --schema "$xsd" "$out" 2>"$tmp/xerr"; then
		bad "$name: xmllint rejects the XML: $(head -3 "$tmp/xerr")"; return 1
	fi
	if [ $# -gt 0 ] && ! "$factcheck" "$out" "$@" 2>"$tmp/ferr"; then
		bad "$name: facts"; cat "$tmp/ferr"; return 1
	fi
	ok
}

# A rejection: exit status and a message on stderr, no output file.
expect() { # name status message-substring args...
	local name=$1 want=$2 msg=$3; shift 3
	rm -f "$tmp/o.xml"
	run "$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$want" ]; then
		bad "$name: exit $got, want $want: $(head -3 "$tmp/err")"; return
	fi
	if ! grep -qF -- "$msg" "$tmp/err"; then
		bad "$name: stderr lacks '$msg': $(head -3 "$tmp/err")"; return
	fi
	if [ -e "$tmp/o.xml" ]; then
		bad "$name: an output file was written"; return
	fi
	ok
}

echo "== unit tests of the scanner and the extractors"
if out=$("${wrap[@]}" "$unit"); then ok; else bad "unit tests"; fi
printf '%s\n' "$out" | grep -E '^(FAIL|unit:)'

echo "== the request module: unit tests, then the items of every document"
rqunit=$(dirname "$unit")/request-unit
if out=$("${wrap[@]}" "$rqunit"); then ok; else bad "request unit tests"; fi
printf '%s\n' "$out" | grep -E '^(FAIL|unit:)'
# No item of a document may be "other" (tests/unit/request-other.txt lists
# the ones that truly are) or need the grammar's error recovery, and each
# one's XML must be valid.
docs=(examples/*.txt)
if [ -d "$shared/seeds" ] && [ -d "$shared/real" ]; then
	docs+=("$shared"/seeds/*.txt "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt)
else
	echo "NOTICE: $shared is absent: the request items of its documents are not checked"; skip=$((skip + 1))
fi
if out=$("${wrap[@]}" "$rqunit" --check "${docs[@]}"); then ok; else bad "request items of the documents"; fi
printf '%s\n' "$out" | grep -E '^(FAIL|request items:)'

echo "== examples: golden XML, schema, facts"
for in in examples/*.txt; do
	name=${in%.txt}
	if convert_ok "$in" "$in" "tests/facts/examples/$(basename "$name").facts"; then
		if cmp -s "$tmp/out.xml" "$name.xml"; then ok; else
			bad "$in: output differs from $name.xml"; diff "$name.xml" "$tmp/out.xml" | head -10
		fi
	fi
done
if run --dump-ast examples/imr-2014-double-spaced.txt >"$tmp/ast" 2>&1 &&
	cmp -s "$tmp/ast" tests/ast/imr-2014-double-spaced.ast; then ok; else
	bad "--dump-ast differs from tests/ast/imr-2014-double-spaced.ast"
	diff tests/ast/imr-2014-double-spaced.ast "$tmp/ast" | head -10
fi

echo "== real documents in $shared"
if [ -d "$shared/seeds" ]; then
	for in in "$shared"/seeds/*.txt; do
		convert_ok "$in" "$in" "tests/facts/seeds/$(basename "$in" .txt).facts"
	done
else
	echo "NOTICE: $shared/seeds is absent: seed tests skipped"; skip=$((skip + 1))
fi
if [ -d "$shared/real" ]; then
	for shape in txt layout; do
		for in in "$shared/real/$shape"/*.txt; do
			convert_ok "$in" "$in" "tests/facts/real/$(basename "$in" .txt).facts"
		done
	done
else
	echo "NOTICE: $shared/real is absent: real-document tests skipped"; skip=$((skip + 1))
fi

echo "== rejections: exit status, message, nothing written"
: >"$tmp/empty.txt"
printf '  \n\n \n' >"$tmp/blank.txt"
head -c 3000 /dev/urandom >"$tmp/binary.txt"
printf 'Dear Sir,\nPlease find enclosed the invoice for March.\n' >"$tmp/letter.txt"
# A determination cut off in the middle of its second item.
sed -n '1,/^Claims Administrator guideline/p' examples/imr-2016-standard.txt >"$tmp/cut1.txt"
awk '/Claims Administrator guideline/ && ++n == 2 {exit} {print}' examples/imr-2016-standard.txt >"$tmp/truncated.txt"
printf 'CLINICAL CASE SUMMARY\nSome text.\n' >"$tmp/variant.txt"
expect "empty input" 1 "error: empty input" "$tmp/empty.txt" -o "$tmp/o.xml"
expect "blank input" 1 "empty input: only white space" "$tmp/blank.txt" -o "$tmp/o.xml"
expect "binary input" 1 "error: binary data, not text" "$tmp/binary.txt" -o "$tmp/o.xml"
expect "not a determination" 1 "not an IMR Final Determination" "$tmp/letter.txt" -o "$tmp/o.xml"
expect "truncated in an item" 1 "truncated.txt:$(wc -l <"$tmp/truncated.txt" | tr -d ' '):" "$tmp/truncated.txt" -o "$tmp/o.xml"
expect "truncated names what was expected" 1 'unexpected end of file, expecting MAXIMUS guideline' "$tmp/cut1.txt" -o "$tmp/o.xml"
expect "unknown variant" 1 'unknown document variant: found heading(s) "CLINICAL CASE SUMMARY"' "$tmp/variant.txt" -o "$tmp/o.xml"
expect "too large" 1 "more than the limit of 100" --max-size=100 examples/imr-2014-single-spaced.txt -o "$tmp/o.xml"
expect "missing file" 2 "cannot read: No such file or directory" "$tmp/nonexistent.txt" -o "$tmp/o.xml"
expect "directory" 2 "cannot read: Is a directory" "$tmp" -o "$tmp/o.xml"
expect "unknown option" 2 "unrecognized option" --frobnicate
expect "two inputs" 2 "one input at a time" examples/imr-2014-physician.txt examples/imr-2014-physician.txt
expect "bad --max-size" 2 "not a positive number" --max-size=lots x.txt

echo "== the command line"
if run <examples/imr-2014-physician.txt 2>/dev/null | cmp -s - examples/imr-2014-physician.xml; then ok; else bad "stdin to stdout"; fi
if run -o "$tmp/o.xml" examples/imr-2014-physician.txt && cmp -s "$tmp/o.xml" examples/imr-2014-physician.xml; then ok; else bad "-o OUT"; fi
if out=$(run --check examples/imr-2014-physician.txt) && [ -z "$out" ]; then ok; else bad "--check writes nothing"; fi
if run --print-schema | cmp -s - "$xsd"; then ok; else bad "--print-schema is the XSD"; fi
if run --help | grep -q '^usage: imr2xml'; then ok; else bad "--help"; fi
if run --version | grep -q '^imr2xml [0-9]'; then ok; else bad "--version"; fi
expect "--validate a valid file" 0 "examples/imr-2016-standard.xml: valid" --validate examples/imr-2016-standard.xml
sed 's/decision="upheld"/decision="maybe"/' examples/imr-2016-standard.xml >"$tmp/invalid.xml"
line=$(grep -n 'decision="maybe"' "$tmp/invalid.xml" | head -1 | cut -d: -f1)
expect "--validate names file and line" 1 "invalid.xml:$line: error: Element '{urn:imr2xml:determination:1}issue', attribute 'decision'" --validate "$tmp/invalid.xml"
printf '<determination' >"$tmp/broken.xml"
expect "--validate malformed XML" 1 "broken.xml:1: error:" --validate "$tmp/broken.xml"
expect "--validate missing file" 2 "cannot open" --validate "$tmp/none.xml"

echo "== regressions found by the fuzzer"
for in in tests/regress/*.txt; do
	for mode in "" --partial; do
		rm -f "$tmp/r.xml"
		run $mode -o "$tmp/r.xml" "$in" 2>"$tmp/err"; st=$?
		if [ $st -gt 1 ]; then bad "$in $mode: exit $st: $(grep -v '^ ' "$tmp/err" | tail -1)"
		elif [ -e "$tmp/r.xml" ] && ! xmllint --noout --nonet --schema "$xsd" "$tmp/r.xml" 2>/dev/null; then
			bad "$in $mode: invalid XML"
		else ok; fi
	done
done

# A script of tests that reports its own "N passed, N failed".
subsuite() { # title script
	echo "== $1"
	"$2" "$bin" "$tmp/${2##*/}.d" >"$tmp/sub.log" 2>&1
	grep '^FAIL' "$tmp/sub.log"
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/sub.log" | tail -1)
	if [ -n "$line" ]; then
		pass=$((pass + ${line%% passed*})); local f=${line#*, }; fail=$((fail + ${f%% failed*}))
	else
		bad "$2 did not finish: $(tail -3 "$tmp/sub.log")"
	fi
}
subsuite "batch mode (-d)" tests/batch.sh
subsuite "messy and hostile input" tests/hostile.sh

echo
[ $skip -gt 0 ] && echo "($skip group(s) skipped: ../shared absent)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
