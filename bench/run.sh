#!/usr/bin/env bash
# run.sh BUILD N - what `make bench` runs: generate (once) a synthetic
# corpus of N determinations in every shape the grammar knows, then
# measure each stage on one core and on all cores, and the batch mode
# end to end (with its peak RSS).  Prints a Markdown table.
set -eu
build=$1 n=$2
dir=$build/bench
corpus=$dir/corpus-$n
mkdir -p "$dir"
if [ ! -f "$corpus/.complete" ]; then
	rm -rf "$corpus"
	"$build/gencorpus" "$corpus" "$n" 1
	touch "$corpus/.complete"
fi
list=$dir/list-$n
find "$corpus" -name '*.txt' | sort >"$list"
cpus=$(nproc)
echo
echo "corpus: $(wc -l <"$list") documents, $(du -sh --apparent-size "$corpus" | cut -f1) ($corpus)"
echo "machine: $cpus CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "| stage | threads | documents | bytes | seconds | documents/s | MB/s |"
echo "|---|---|---|---|---|---|---|"
declare -A rate
for mode in lex convert validate; do
	for t in 1 "$cpus"; do
		line=$("$build/bench-driver" "$list" "$mode" "$t")
		set -- $line
		echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"
		rate[$mode-$t]=$6
	done
done
echo
echo "(c)/(a), one core: $(awk -v c="${rate[validate-1]}" -v a="${rate[lex-1]}" 'BEGIN{printf "%.2f (the lexer pass is %.1fx faster than the whole pipeline)", c/a, a/c}')"
echo "all cores / one core, (c): $(awk -v m="${rate[validate-$cpus]}" -v o="${rate[validate-1]}" 'BEGIN{printf "%.2fx", m/o}')"
echo
echo "batch mode, end to end (read, convert, validate, write each file, manifest with sha256):"
# A fresh output directory for each run, all removed at the end: on ext4,
# creating files where many were just deleted is much slower.
rm -rf "$dir"/out-*
for t in 1 "$cpus"; do
	"$build/imr2xml" -q -j "$t" -d "$dir/out-$t-$$" --files-from "$list" 2>&1 | sed "s/^/  -j $t: /" | tail -1
done
rm -rf "$dir"/out-*
