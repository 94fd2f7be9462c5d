#!/usr/bin/env bash
# demo.sh BUILD - what make demo shows: every example converted and
# validated, a published letter read straight from its PDF, a corpus
# converted in batch mode with its table of items, and the corpus report.
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$build/imr2xml
out=$build/demo
rm -rf "$out"
mkdir -p "$out"
say() { printf '\n== %s\n' "$*"; }

say "every example, converted and validated"
for in in examples/*.txt; do
	xml=$out/$(basename "${in%.txt}").xml
	"$bin" -o "$xml" "$in"
	"$bin" --validate "$xml"
done

pdf=$(ls ../shared/real/pdf/*.pdf 2>/dev/null | head -1 || true)
if [ -n "$pdf" ]; then
	say "a published letter, read from its PDF: $bin $pdf (its first 30 lines)"
	"$bin" "$pdf" | head -30
	corpus=(../shared/real/pdf examples)
else
	echo "(../shared is absent: no published PDF to show; the corpus is examples/)"
	corpus=(examples)
fi

say "batch mode: $bin -q -d $out/corpus --format csv ${corpus[*]}"
"$bin" -q -d "$out/corpus" --format csv "${corpus[@]}" || true
echo "manifest: $out/corpus/manifest.tsv ($(($(wc -l <"$out/corpus/manifest.tsv") - 1)) rows);" \
	"one row per item: $out/corpus/items.csv ($(($(wc -l <"$out/corpus/items.csv") - 1)) items)"
cut -d, -f2,3,4 "$out/corpus/items.csv" | head -5

say "the corpus report: $bin --stats --html $out/report.html $out/corpus"
"$bin" --stats --html "$out/report.html" "$out/corpus" | head -40
echo "...  (the whole page, with its charts: $out/report.html)"
