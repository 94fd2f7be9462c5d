#!/usr/bin/env bash
# run.sh - the test suite of imr2xml (run by `make check`).
#
#   tests/run.sh BIN FACTCHECK UNIT ROUNDTRIP [WRAPPER...]
#
# BIN is the imr2xml to test; ROUNDTRIP the writer's oracle
# (tests/roundtrip.c); WRAPPER (e.g. valgrind ...) runs every
# conversion.  Documents in ../shared are read in place; when that folder
# is absent those tests are skipped with a notice.  Ends with the line
# "N passed, N failed".
set -u
bin=$1 factcheck=$2 unit=$3 roundtrip=$4
shift 4
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
# is in the XML), valid by xmllint (an oracle independent of ours), the
# very bytes libxml2's serializer makes of it (the writer's oracle), then
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
	if ! "$roundtrip" "$out" 2>"$tmp/rerr"; then
		bad "$name: not as libxml2 writes it"; cat "$tmp/rerr"; return 1
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

echo "== other extractors' shapes of the real letters"
if [ -d "$shared/real/pdf" ] && command -v mutool >/dev/null; then
	# MuPDF's text: label and value on alternate lines, blank lines between
	# rows, its own page breaks; extracted now, never committed.
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf)
		if mutool draw -q -F txt -o "$tmp/mutool-$b.txt" "$pdf" 2>/dev/null; then
			convert_ok "$pdf (mutool draw -F txt)" "$tmp/mutool-$b.txt" "tests/facts/real/$b.facts"
		else
			bad "mutool could not extract $pdf"
		fi
	done
else
	echo "NOTICE: $shared/real/pdf or mutool (mupdf-tools) is absent: mutool shapes skipped"; skip=$((skip + 1))
fi
if [ -d "$shared/real" ]; then
	# A page break with blank lines around it inside each wrapped title.
	made=0
	for in in "$shared"/real/txt/*.txt "$shared"/seeds/*.txt examples/*.txt; do
		b=$(basename "$in" .txt)
		facts=tests/facts/real/$b.facts
		[ -f "$facts" ] || facts=tests/facts/seeds/$b.facts
		[ -f "$facts" ] || facts=tests/facts/examples/$b.facts
		n=$(awk -f tests/shapes/pagebreak-in-title.awk "$in" 2>&1 >"$tmp/pb.txt")
		[ "$n" -gt 0 ] || continue
		made=$((made + n))
		convert_ok "$in with page breaks in its wrapped titles" "$tmp/pb.txt" "$facts"
	done
	if [ "$made" -ge 3 ]; then ok; else bad "only $made wrapped titles found to put page breaks in"; fi
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
expect "unknown variant: the nearest and what differs" 1 'the nearest known variant is imr-2014 (no header table, headings "HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES"): this text lacks "HOW THE IMR FINAL DETERMINATION WAS MADE", "IMR ISSUES, DECISIONS AND RATIONALES"' "$tmp/variant.txt" -o "$tmp/o.xml"
# A professional review without its rationale section.
printf 'MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\nCane: Upheld\nCASE SUMMARY:\nA.\nDOCUMENTS REVIEWED FOR DETERMINATION:\nB.\nMEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\nREVIEWER AND WHY:\nC.\nMEDICAL REVIEWER QUALIFICATIONS:\nD.\n' >"$tmp/pr.txt"
expect "unknown variant: a heading missing" 1 'the nearest known variant is imr-professional-review (headings "MEDICAL PROFESSIONAL REVIEW", ' "$tmp/pr.txt" -o "$tmp/o.xml"
expect "unknown variant: says which heading is missing" 1 'this text lacks "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:"' "$tmp/pr.txt" -o "$tmp/o.xml"
printf 'Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\nR.\nCLINICAL CASE SUMMARY\nS.\nIMR ISSUES, DECISIONS AND RATIONALES\nCane: Upheld\nClaims Administrator guideline: x\nMAXIMUS guideline: x\nDecision rationale: y.\n' >"$tmp/table.txt"
sed 's/^Case Number: CM16-0000001$//' "$tmp/table.txt" | sed 's/^CLINICAL CASE SUMMARY$/CASE HISTORY/' >"$tmp/table2.txt"
expect "unknown variant: the header counts" 1 'found heading(s) "HOW THE IMR FINAL DETERMINATION WAS MADE", "IMR ISSUES, DECISIONS AND RATIONALES" and no header table; the nearest known variant is imr-2014' "$tmp/table2.txt" -o "$tmp/o.xml"
# A notice whose item the lists do not decide and whose rationale concludes nothing.
printf 'Notice of Independent Medical Review Determination\nDear :\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\nCase Summary:\nA.\n1) Regarding the request for a cane:\nRationale Used by the Expert Reviewer:\nThe guidelines are silent.\n' >"$tmp/undecided.txt"
expect "an item with no decision" 1 "undecided.txt:6:1: error: item 1 (a cane) states no decision" "$tmp/undecided.txt" -o "$tmp/o.xml"
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
# Every variant named in the schema is listed, each with its headings.
run --list-variants >"$tmp/variants" 2>&1
for v in $(grep -o '<xs:enumeration value="imr-[a-z0-9-]*"' "$xsd" | cut -d'"' -f2); do
	if grep -qx "$v" "$tmp/variants"; then ok; else bad "--list-variants lacks $v"; fi
done
if [ "$(grep -c '^imr-' "$tmp/variants")" = "$(grep -c '<xs:enumeration value="imr-' "$xsd")" ]; then ok; else bad "--list-variants: not one entry per variant"; fi
if awk '/^imr-professional-review$/ {p=1} p && /^    / {print; n++} n == 7 {exit}' "$tmp/variants" | tr -d ' ' |
	cmp -s - <(printf '%s\n' "MEDICALPROFESSIONALREVIEW" "ISSUEATDISPUTE:" "CASESUMMARY:" "DOCUMENTSREVIEWEDFORDETERMINATION:" "MEDICALTREATMENTGUIDELINE(S)RELIEDUPONBYPROFESSIONALREVIEWERANDWHY:" "RATIONALEFORWHYTHEREQUESTEDTREATMENT/SERVICEIS/WASNOTMEDICALLYNECESSARY:" "MEDICALREVIEWERQUALIFICATIONS:"); then ok; else bad "--list-variants: the professional review's headings in order"; fi
expect "--list-variants takes no file" 2 "--list-variants takes no file" --list-variants x.txt
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
		elif [ -e "$tmp/r.xml" ] && ! "$roundtrip" "$tmp/r.xml" 2>"$tmp/rerr"; then
			bad "$in $mode: not as libxml2 writes it"; cat "$tmp/rerr"
		else ok; fi
	done
done

# A script of tests that reports its own "N passed, N failed".
subsuite() { # title script [extra arguments, before TMP]
	echo "== $1"
	local script=$2; shift 2
	"$script" "$bin" "$@" "$tmp/${script##*/}.d" >"$tmp/sub.log" 2>&1
	grep '^FAIL' "$tmp/sub.log"
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/sub.log" | tail -1)
	if [ -n "$line" ]; then
		pass=$((pass + ${line%% passed*})); local f=${line#*, }; fail=$((fail + ${f%% failed*}))
	else
		bad "$script did not finish: $(tail -3 "$tmp/sub.log")"
	fi
}
subsuite "batch mode (-d)" tests/batch.sh
subsuite "messy and hostile input" tests/hostile.sh
# The export's oracle is built beside factcheck (tests/exportcheck.c).
subsuite "export to CSV and JSON Lines (--format)" tests/export.sh "${factcheck%/*}/exportcheck"
subsuite "the corpus report (--stats, --html)" tests/report.sh

echo
[ $skip -gt 0 ] && echo "($skip group(s) skipped: ../shared absent)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
