#!/usr/bin/env bash
# demo.sh BUILD - convert every example, validate each, show one.
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
out=$build/demo
mkdir -p "$out"
for in in examples/*.txt; do
	xml=$out/$(basename "${in%.txt}").xml
	"$build/imr2xml" -o "$xml" "$in"
	"$build/imr2xml" --validate "$xml"
done
echo
echo "== $out/imr-2016-standard.xml (first 40 lines)"
head -40 "$out/imr-2016-standard.xml"
