#!/usr/bin/env bash
# export.sh BIN TMP EXPORTCHECK - tests of --format csv|jsonl: every item of
# every example and of every real letter in ../shared round-trips (the
# export read back by tests/exportcheck.c, each cell compared with the XML
# by XPath of its own), one file for a whole batch with its rows in input
# order, quoting and escaping, and the rejections.  Everything it makes is
# under TMP.  Prints FAIL lines and "N passed, N failed".
set -u
bin=${1:?usage: tests/export.sh BIN TMP EXPORTCHECK} tmp=${2:?} check=${3:?}
mkdir -p "$tmp" && tmp=$(cd "$tmp" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
shared=../shared
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL export: %s\n' "$*"; }

# exported NAME FMT EXPORT SOURCE XML...: the oracle agrees with EXPORT.
exported() {
	local name=$1 fmt=$2 file=$3; shift 3
	if "$check" "$fmt" "$file" "$@" >"$tmp/check.out" 2>&1; then ok; else
		bad "$name ($fmt): $(head -5 "$tmp/check.out")"
	fi
}

echo "== examples: letters and their XML"
pairs=()
for in in examples/*.txt; do pairs+=("$in" "${in%.txt}.xml"); done
for fmt in csv jsonl; do
	if "$bin" --format "$fmt" -o "$tmp/examples.$fmt" examples/*.txt 2>"$tmp/err"; then
		exported "examples/*.txt" "$fmt" "$tmp/examples.$fmt" "${pairs[@]}"
	else
		bad "--format $fmt examples/*.txt: exit $?: $(head -3 "$tmp/err")"
	fi
	# XML files as input, told from letters by their content.
	xpairs=()
	for x in examples/*.xml; do xpairs+=("$x" "$x"); done
	if "$bin" --format "$fmt" examples/*.xml >"$tmp/xml.$fmt" 2>"$tmp/err"; then
		exported "examples/*.xml as input" "$fmt" "$tmp/xml.$fmt" "${xpairs[@]}"
	else
		bad "--format $fmt examples/*.xml: exit $?: $(head -3 "$tmp/err")"
	fi
done
# Standard input, and a letter and an XML file mixed.
# Unnamed standard input: no @source in the XML, "<stdin>" in the column.
"$bin" <examples/imr-2014-physician.txt >"$tmp/stdin.xml" 2>/dev/null
if "$bin" --format csv <examples/imr-2014-physician.txt >"$tmp/stdin.csv" 2>"$tmp/err"; then
	exported "stdin" csv "$tmp/stdin.csv" "<stdin>" "$tmp/stdin.xml"
else bad "--format csv from stdin: $(head -3 "$tmp/err")"; fi
if "$bin" --format jsonl examples/imr-2016-standard.xml examples/imr-2014-physician.txt >"$tmp/mixed.jsonl" 2>"$tmp/err"; then
	exported "XML and a letter" jsonl "$tmp/mixed.jsonl" examples/imr-2016-standard.xml \
		examples/imr-2016-standard.xml examples/imr-2014-physician.txt examples/imr-2014-physician.xml
else bad "--format jsonl XML and a letter: $(head -3 "$tmp/err")"; fi

echo "== the real letters in $shared"
if [ -d "$shared/seeds" ] || [ -d "$shared/real" ]; then
	inputs=() rpairs=()
	for in in "$shared"/seeds/*.txt "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt; do
		[ -f "$in" ] || continue
		x=$tmp/real/${in#"$shared"/}
		x=${x%.txt}.xml
		mkdir -p "${x%/*}"
		if "$bin" -o "$x" "$in" 2>"$tmp/err"; then
			inputs+=("$in") rpairs+=("$in" "$x")
		else
			bad "$in does not convert: $(head -3 "$tmp/err")"
		fi
	done
	[ ${#inputs[@]} -ge 5 ] && ok || bad "only ${#inputs[@]} real letters found"
	for fmt in csv jsonl; do
		if "$bin" --format "$fmt" -o "$tmp/real.$fmt" "${inputs[@]}" 2>"$tmp/err"; then
			exported "the real letters" "$fmt" "$tmp/real.$fmt" "${rpairs[@]}"
		else
			bad "--format $fmt on the real letters: exit $?: $(head -3 "$tmp/err")"
		fi
	done
else
	echo "NOTICE: $shared is absent: the real letters' export is not tested"
fi

echo "== batch mode: one file for the run, rows in input order"
dirs=(examples)
for d in "$shared/seeds" "$shared/real/txt" "$shared/real/layout"; do [ -d "$d" ] && dirs+=("$d"); done
out=$tmp/batch
rm -rf "$out"
if "$bin" -q -j 2 -d "$out" --format csv "${dirs[@]}" 2>"$tmp/err"; then ok; else
	bad "batch --format csv: exit $?: $(tail -3 "$tmp/err")"
fi
m=$out/manifest.tsv
# The input order, computed here: the arguments in order, each directory's
# *.txt in byte order of the names.
for d in "${dirs[@]}"; do printf '%s\n' "$d"/*.txt | LC_ALL=C sort; done >"$tmp/want-order"
tail -n +2 "$m" | cut -f1 >"$tmp/got-order"
if cmp -s "$tmp/want-order" "$tmp/got-order"; then ok; else
	bad "the manifest is not in input order"; diff "$tmp/want-order" "$tmp/got-order" | head -5
fi
# The XML of each input, where batch mode puts it: a path with ".." from
# the base name of the directory named on (../shared/real/txt: txt/).
bpairs=()
while IFS= read -r p; do
	x=$p
	case $p in ../*) x=${p#"$shared"/}; x=${x#real/} ;; esac
	bpairs+=("$p" "$out/${x%.txt}.xml")
done <"$tmp/got-order"
[ -f "$out/items.csv" ] && [ ! -e "$out/items.csv.partial" ] && ok ||
	bad "no items.csv, or items.csv.partial left"
exported "batch items.csv" csv "$out/items.csv" "${bpairs[@]}"
# The count, asserted on its own: the rows are the issues the manifest counts.
want=$(tail -n +2 "$m" | awk -F'\t' '{n += $4} END {print n}')
got=$("$check" csv "$out/items.csv" "${bpairs[@]}" 2>/dev/null | sed -n 's/.*documents, \([0-9]*\) rows.*/\1/p')
[ -n "$want" ] && [ "$want" = "$got" ] && [ "$want" -gt 50 ] && ok || bad "items.csv has $got rows, the manifest counts $want issues"
# The source column, in order, is the manifest's path column, item by item.
awk -F'\t' 'NR > 1 {for (i = 0; i < $4; i++) print $1}' "$m" >"$tmp/want-sources"
# --resume: every input skipped, the rows made again from the XML it wrote.
if "$bin" -q -d "$out" --resume --format jsonl "${dirs[@]}" 2>"$tmp/err" &&
	grep -q " 0 converted, 0 partial, 0 rejected, $(wc -l <"$tmp/want-order" | tr -d ' ') skipped" "$tmp/err"; then ok; else
	bad "batch --resume --format jsonl: $(tail -2 "$tmp/err")"
fi
exported "batch --resume items.jsonl" jsonl "$out/items.jsonl" "${bpairs[@]}"
grep -o '^{"source":"[^"]*"' "$out/items.jsonl" | cut -d'"' -f4 >"$tmp/got-sources"
cmp -s "$tmp/want-sources" "$tmp/got-sources" && ok || bad "items.jsonl's sources are not the manifest's, item by item"
# Without --format no items file is written.
rm -rf "$tmp/plain"
"$bin" -q -d "$tmp/plain" examples 2>/dev/null
[ -z "$(find "$tmp/plain" -name 'items.*')" ] && ok || bad "an items file without --format"

echo "== quoting and escaping"
for fmt in csv jsonl; do
	# Commas, quotes, a newline, a tab, "; ", UTF-8, in a valid XML file.
	if "$bin" --format "$fmt" tests/export/quoting.xml >"$tmp/q.$fmt" 2>"$tmp/err"; then
		exported "quoting.xml" "$fmt" "$tmp/q.$fmt" tests/export/quoting.xml tests/export/quoting.xml
	else bad "--format $fmt quoting.xml: $(head -3 "$tmp/err")"; fi
	# The elements being added to the vocabulary fill their columns.
	if "$bin" --no-validate --format "$fmt" tests/export/future.xml >"$tmp/f.$fmt" 2>"$tmp/err"; then
		exported "future.xml" "$fmt" "$tmp/f.$fmt" unused tests/export/future.xml
	else bad "--format $fmt --no-validate future.xml: $(head -3 "$tmp/err")"; fi
done
# The cells must not be empty where future.xml has values (the oracle
# would agree with an export that lost a whole element only if its own
# path were wrong too).
grep -q '"strength":\[550,0.5\],"strength_unit":\["mg","%"\]' "$tmp/f.jsonl" && ok || bad "future.xml: strengths"
grep -q '"retrospective":true' "$tmp/f.jsonl" && grep -q '"retrospective":false' "$tmp/f.jsonl" && ok || bad "future.xml: retrospective"
grep -q '"body_region":\["lumbar spine","knee"\],"laterality":\["left","right"\],"levels":\["L4-L5","L5-S1"\]' "$tmp/f.jsonl" && ok || bad "future.xml: body regions"
grep -q '"category":"pharmaceuticals","subcategory":"NSAIDs"' "$tmp/f.jsonl" && ok || bad "future.xml: category"
grep -q '"request_name":"Naproxen sodium","generic":"naproxen",' "$tmp/f.jsonl" && ok || bad "future.xml: generic"
# A brand's generic name, as the converter writes it: Norco and Hydrocodone/APAP alike.
n=$("$bin" --format csv examples/imr-2016-standard.txt 2>/dev/null | grep -c '"Hydrocodone/acetaminophen","acetaminophen/hydrocodone",')
[ "$n" = 1 ] && ok || bad "examples/imr-2016-standard.txt: the generic column of its Hydrocodone/acetaminophen item"
grep -q '"warnings":\["quantity-unclear","page-missing"\]' "$tmp/f.jsonl" && ok || bad "future.xml: warnings"
grep -q '^"letters/a, b.pdf",' "$tmp/f.csv" && ok || bad "future.xml: @source"
# A letter made to contain them, converted.
sed 's/Cold therapy unit/Cold therapy unit, "deluxe" – naïve 冷却; rental/' examples/imr-2016-standard.txt >"$tmp/quotes.txt"
"$bin" -o "$tmp/quotes.xml" "$tmp/quotes.txt" 2>/dev/null
grep -q 'unit, "deluxe" – naïve 冷却; rental' "$tmp/quotes.xml" && ok || bad "the invented letter's title is not in its XML"
for fmt in csv jsonl; do
	"$bin" --format "$fmt" "$tmp/quotes.txt" >"$tmp/quotes.$fmt" 2>/dev/null
	exported "an invented letter with quotes" "$fmt" "$tmp/quotes.$fmt" "$tmp/quotes.txt" "$tmp/quotes.xml"
done
grep -q '"Associated surgical service: Cold therapy unit, ""deluxe"" – naïve 冷却; rental"' "$tmp/quotes.csv" && ok ||
	bad "CSV: a double quote is doubled inside a quoted field"

echo "== directories, the letters table, the request's numbers"
# A directory is walked as batch mode walks one: *.txt, *.pdf and *.xml in
# byte order of the names; the same rows as the files named in that order.
"$bin" --format csv examples >"$tmp/dir.csv" 2>"$tmp/err" && ok || bad "--format csv DIR: exit $?: $(head -3 "$tmp/err")"
"$bin" --format csv $(printf '%s\n' examples/*.txt examples/*.xml | LC_ALL=C sort) >"$tmp/files.csv" 2>/dev/null
cmp -s "$tmp/dir.csv" "$tmp/files.csv" && ok || bad "--format csv DIR: not the rows of its files in order"
[ "$(($(grep -c '' "$tmp/dir.csv") - 1))" = "$(cat examples/*.xml | grep -c '<issue ' | awk '{ print 2 * $1 }')" ] && ok ||
	bad "--format csv DIR: $(grep -c '' "$tmp/dir.csv") lines"
"$bin" --format jsonl examples/imr-2016-standard.txt >"$tmp/std.jsonl" 2>/dev/null
grep -q '"service":"Physical therapy for the lumbar spine, two times a week for four weeks",.*"frequency":"two times a week","frequency_times":2,"frequency_every":null,"frequency_per":"week","sessions":8,' "$tmp/std.jsonl" &&
	ok || bad "frequency as times per period: $(grep -o '"frequency[^,]*,[^,]*,[^,]*,[^,]*' "$tmp/std.jsonl" | tail -1)"
grep -q '"original_request":"Hydrocodone/acetaminophen 10/325mg #90","authorized":"Hydrocodone/acetaminophen 10/325mg #30"' "$tmp/std.jsonl" &&
	ok || bad "a modified item's original and authorized request"
grep -q '^{"source":"examples/imr-2016-standard.txt",.*"outcome":"partially-overturned","priority":"standard","diagnoses":\["tear of the medial meniscus of the right knee","lumbar sprain","lumbar radiculitis"\],"item":1,"line":59,"page":2,' "$tmp/std.jsonl" &&
	ok || bad "the letter's outcome, priority, diagnoses and the item's page"
# --table letters: one row per letter; its counts against the XML's.
"$bin" --format jsonl --table letters examples/*.xml >"$tmp/letters.jsonl" 2>"$tmp/err" && ok ||
	bad "--table letters: exit $?: $(head -3 "$tmp/err")"
[ "$(grep -c '' "$tmp/letters.jsonl")" = "$(ls examples/*.xml | wc -l)" ] && ok || bad "--table letters: not one row per letter"
want=$(for f in examples/*.xml; do
	printf '%s %s %s\n' "$(grep -c '<issue ' "$f")" "$(grep -c '<issue [^>]*decision="overturned"' "$f")" \
		"$(grep -c '<issue [^>]*decision="upheld"' "$f")"
done)
got=$(sed 's/.*"items":\([0-9]*\),"overturned":\([0-9]*\),"upheld":\([0-9]*\),.*/\1 \2 \3/' "$tmp/letters.jsonl")
[ "$got" = "$want" ] && ok || bad "--table letters: items, overturned, upheld differ from the XML's"
grep -q '^{"source":"examples/imr-2016-standard.txt","case_number":"CM16-0243517","variant":"imr-2016",.*"outcome":"partially-overturned","priority":"standard",.*"sha256":"2aac1eedee95c10550f6a85be3d52982fab66e62da6524cfb6692cd4fd0a444f","complete":true,"items":4,"overturned":1,"upheld":3,' "$tmp/letters.jsonl" &&
	grep -q '"medications":\["Hydrocodone/acetaminophen","Ibuprofen"\],"warnings":\[\]}$' "$tmp/letters.jsonl" && ok ||
	bad "--table letters: the row of imr-2016-standard"
rm -rf "$tmp/lout"
"$bin" -q -d "$tmp/lout" --format csv --table letters examples 2>/dev/null
[ "$(grep -c '' "$tmp/lout/letters.csv" 2>/dev/null)" = $(($(ls examples/*.txt | wc -l) + 1)) ] && [ ! -e "$tmp/lout/items.csv" ] &&
	ok || bad "batch mode --table letters: OUTDIR/letters.csv"

echo "== rejections"
expect() { # name status message args...
	local name=$1 want=$2 msg=$3; shift 3
	rm -f "$tmp/o.out"
	"$bin" "$@" >"$tmp/stdout" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$want" ]; then bad "$name: exit $got, want $want: $(head -3 "$tmp/err")"
	elif ! grep -qF -- "$msg" "$tmp/err"; then bad "$name: stderr lacks '$msg': $(head -3 "$tmp/err")"
	else ok; fi
}
: >"$tmp/empty.txt"
sed 's/decision="upheld"/decision="maybe"/' examples/imr-2016-standard.xml >"$tmp/invalid.xml"
printf '<determination' >"$tmp/broken.xml"
expect "unknown format" 2 "--format: not xml, csv or jsonl: 'xls'" --format xls examples/imr-2014-physician.txt
expect "--format with --check" 2 "does not combine" --format csv --check examples/imr-2014-physician.txt
expect "--html without --stats" 2 "--html goes with --stats" --html "$tmp/x.html" examples/imr-2014-physician.txt
expect "a rejected letter" 1 "error: empty input" --format csv -o "$tmp/o.out" "$tmp/empty.txt"
[ ! -e "$tmp/o.out" ] && ok || bad "a rejected letter: something was written"
expect "invalid XML" 1 "invalid.xml:" --format csv -o "$tmp/o.out" "$tmp/invalid.xml"
[ ! -e "$tmp/o.out" ] && ok || bad "invalid XML: something was written"
expect "malformed XML" 1 "broken.xml:1: error:" --format jsonl "$tmp/broken.xml"
[ ! -s "$tmp/stdout" ] && ok || bad "malformed XML: something was written"
expect "the XML of tomorrow is validated" 1 "future.xml" --format csv tests/export/future.xml
expect "a missing file" 2 "cannot read" --format csv examples/imr-2014-physician.txt "$tmp/none.txt"
printf '<html><body>a page</body></html>\n' >"$tmp/page.xml"
expect "XML that is not ours" 1 "page.xml:1: error: not imr2xml's XML: its root is <html>, not <determination> in urn:imr2xml:determination:1" --format csv "$tmp/page.xml"
expect "--table without --format" 2 "--table goes with --format csv or jsonl" --table letters examples/imr-2014-physician.txt
expect "an unknown table" 2 "--table: not letters or items: 'rows'" --format csv --table rows examples/imr-2014-physician.txt
# A file name that is not UTF-8: XML (and JSON) hold it with its bad bytes as %XX.
cp examples/imr-2014-physician.txt "$tmp/"$'\xff'.txt
"$bin" "$tmp/"$'\xff'.txt >"$tmp/ff.xml" 2>/dev/null
grep -qF "source=\"$tmp/%FF.txt\"" "$tmp/ff.xml" && ok || bad "a name that is not UTF-8: @source $(grep -o 'source="[^"]*"' "$tmp/ff.xml")"
for fmt in csv jsonl; do
	"$bin" --format $fmt "$tmp/"$'\xff'.txt >"$tmp/ff.$fmt" 2>/dev/null &&
		exported "a name that is not UTF-8, in $fmt" $fmt "$tmp/ff.$fmt" "$tmp/%FF.txt" "$tmp/ff.xml" ||
		bad "a name that is not UTF-8, in $fmt: exit $?"
done
# One good, one bad: the good one's rows, exit status 1.
"$bin" --format csv "$tmp/empty.txt" examples/imr-2014-physician.txt >"$tmp/one.csv" 2>/dev/null
st=$?
[ $st = 1 ] && ok || bad "one input rejected: exit $st, want 1"
exported "the rows of the good input" csv "$tmp/one.csv" examples/imr-2014-physician.txt examples/imr-2014-physician.xml

echo "$pass passed, $fail failed"
