#!/usr/bin/env bash
# run.sh BUILD N - what `make bench` runs:
#  1. generate (once, again when the generator or examples/ change) a
#     synthetic corpus of N determinations in every shape the grammar knows;
#  2. each stage of the pipeline on one core and on all cores (bench-driver,
#     documents in memory), the fastest of BENCH_RUNS (3) runs;
#  3. the batch mode end to end and the regex baseline (bench/regex_baseline.py)
#     on the same corpus, in the same run, one process/thread and all cores,
#     on the first N/10 documents (the fastest of BENCH_RUNS runs) and on all
#     N (one run): documents/s, the ratio of the
#     two, -j N / -j 1, and peak RSS.  Both write their files under
#     $BENCH_OUT (default: /dev/shm, a tmpfs, when there is one): what is
#     timed is the programs, not the disk (docs/performance.md says what a
#     disk adds);
#  4. PDFs: the published letters (../shared/real/pdf, copied to 1,600) and
#     PDFs made of the first N/50 synthetic documents: poppler's text alone,
#     then the whole conversion; pages/s, and the share of the time that is
#     poppler's (CPU time of each part in one pass, bench-driver pdfsplit).
# Prints Markdown tables.
set -eu
build=$1 n=$2
here=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null || { echo "make bench: the regex baseline needs python3" >&2; exit 1; }
dir=$build/bench
corpus=$dir/corpus-$n
mkdir -p "$dir"
stamp="seed 1, $(cat "$here/bench/gencorpus.c" "$here"/examples/*.txt | cksum)"
if [ ! -f "$corpus/.complete" ] || [ "$(cat "$corpus/.complete")" != "$stamp" ]; then
	rm -rf "$corpus"
	"$build/gencorpus" "$corpus" "$n" 1 "$here/examples"
	echo "$stamp" >"$corpus/.complete"
fi
list=$dir/list-$n
find "$corpus" -name '*.txt' | sort >"$list"
small=$((n / 10 > 0 ? n / 10 : 1))
runs=${BENCH_RUNS:-3}
head -n "$small" "$list" >"$dir/list-$n-first-$small"
cpus=$(nproc)
if [ -z "${BENCH_OUT:-}" ]; then
	BENCH_OUT=$dir
	[ -d /dev/shm ] && [ -w /dev/shm ] && BENCH_OUT=/dev/shm
fi
outbase=$(mktemp -d "$BENCH_OUT/imr2xml-bench.XXXXXX")
trap 'rm -rf "$outbase"' EXIT
echo
echo "corpus: $(wc -l <"$list") documents, $(du -sh --apparent-size "$corpus" | cut -f1) ($corpus)"
echo "machine: $cpus CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(python3 --version)"
echo
# Each stage $runs times, the fastest kept: on a shared machine the same
# run varies by a quarter from one minute to the next, and the fastest is
# the least disturbed (every run is printed).
echo "| stage | threads | documents | bytes | seconds (best of $runs) | documents/s | MB/s | every run, seconds |"
echo "|---|---|---|---|---|---|---|---|"
declare -A rate
for mode in lex convert validate; do
	for t in 1 "$cpus"; do
		best="" all=""
		for r in $(seq "$runs"); do
			line=$("$build/bench-driver" "$list" "$mode" "$t")
			set -- $line
			all="$all${all:+, }$5"
			if [ -z "$best" ] || awk -v a="$5" -v b="$(printf '%s\n' "$best" | awk '{print $5}')" 'BEGIN{exit !(a < b)}'; then
				best=$line
			fi
		done
		set -- $best
		echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $all |"
		rate[$mode-$t]=$6
	done
done
echo
echo "(c)/(a), one core: $(awk -v c="${rate[validate-1]}" -v a="${rate[lex-1]}" 'BEGIN{printf "%.2f (the lexer pass is %.1fx faster than the whole pipeline)", c/a, a/c}')"
echo "all cores / one core, (c): $(awk -v m="${rate[validate-$cpus]}" -v o="${rate[validate-1]}" 'BEGIN{printf "%.2fx", m/o}')"

# One timed run of a program over a list: wall-clock seconds from start to
# exit (process start-up, schema compilation, interpreter start-up
# included, the same for both), and what its summary line says.
declare -A secs rss note
timed() { # key command...
	local key=$1 t0 t1 out
	shift
	t0=$(date +%s.%N)
	out=$("$@" 2>&1 | tail -1)
	t1=$(date +%s.%N)
	secs[$key]=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')
	rss[$key]=$(printf '%s\n' "$out" | sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p')
	note[$key]=$out
}
echo
echo "batch mode end to end (read, sha256, convert, validate, write each XML, manifest) against the"
echo "regex baseline (read, extract with re, write each JSON), on the same files, writing to"
echo "$BENCH_OUT ($(df --output=fstype "$BENCH_OUT" | tail -1)):"
echo
echo "| documents | program | -j | seconds (N/10: best of $runs) | documents/s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
# A fresh output directory for each run, removed after it: on ext4,
# creating files where many were just deleted is much slower.
# The fastest of tries runs (each into a fresh $out): best KEY TRIES COMMAND...
best() {
	local key=$1 tries=$2 r b="" brss="" bnote=""
	shift 2
	for r in $(seq "$tries"); do
		rm -rf "$out"
		timed "$key" "$@"
		if [ -z "$b" ] || awk -v a="${secs[$key]}" -v b="$b" 'BEGIN{exit !(a < b)}'; then
			b=${secs[$key]} brss=${rss[$key]} bnote=${note[$key]}
		fi
	done
	secs[$key]=$b rss[$key]=$brss note[$key]=$bnote
}
# The N/10 documents $runs times each for both programs, the fastest kept;
# all N once.
for size in "$small" "$n"; do
	l=$list
	[ "$size" = "$n" ] || l=$dir/list-$n-first-$small
	tries=1
	[ "$size" = "$n" ] || tries=$runs
	for t in 1 "$cpus"; do
		out=$outbase/out
		best "imr2xml-$size-$t" "$tries" "$build/imr2xml" -q -j "$t" -d "$out" --files-from "$l"
		case ${note[imr2xml-$size-$t]} in
		*"$size documents: $size converted,"*) ;;
		*) echo "warning: imr2xml did not convert every document: ${note[imr2xml-$size-$t]}" >&2 ;;
		esac
		items_x=$(awk -F'\t' 'NR > 1 {s += $4} END {print s + 0}' "$out/manifest.tsv")
		best "regex-$size-$t" "$tries" python3 "$here/bench/regex_baseline.py" -j "$t" "$out" "$l"
		items_r=$(printf '%s\n' "${note[regex-$size-$t]}" | sed -n 's/.*documents, \([0-9]*\) items.*/\1/p')
		[ "$items_r" = "$items_x" ] ||
			echo "warning: the baseline found $items_r items, imr2xml $items_x" >&2
		rm -rf "$out"
		for p in imr2xml regex; do
			k=$p-$size-$t
			echo "| $size | $p | $t | ${secs[$k]} | $(awk -v d="$size" -v s="${secs[$k]}" 'BEGIN{printf "%.0f", d / s}') | ${rss[$k]} |"
		done
	done
done
ratio() { awk -v a="${secs[$2]}" -v b="${secs[$1]}" 'BEGIN{printf "%.2f", a / b}'; } # how many times faster $1 is than $2
echo
echo "imr2xml / regex baseline, documents/s on $n documents: $(ratio "imr2xml-$n-1" "regex-$n-1") with -j 1," \
	"$(ratio "imr2xml-$n-$cpus" "regex-$n-$cpus") with -j $cpus (both found $items_x items)"
for size in "$small" "$n"; do
	echo "-j $cpus / -j 1 on $size documents: imr2xml $(ratio "imr2xml-$size-$cpus" "imr2xml-$size-1")," \
		"regex baseline $(ratio "regex-$size-$cpus" "regex-$size-1")"
done
echo "peak RSS, $small then $n documents: imr2xml -j 1 ${rss[imr2xml-$small-1]} and ${rss[imr2xml-$n-1]} MB," \
	"-j $cpus ${rss[imr2xml-$small-$cpus]} and ${rss[imr2xml-$n-$cpus]} MB"

# ---- PDFs ------------------------------------------------------------------
echo
echo "PDF input: poppler's text alone (pdftext), then the whole conversion and validation (validate):"
echo
echo "| PDFs | stage | threads | documents | bytes | seconds | documents/s | pages | pages/s |"
echo "|---|---|---|---|---|---|---|---|---|"
pdfs=$dir/pdf-$n
pdfstamp="$stamp, $(cksum <"$here/tests/mkpdf.c")"
if [ ! -f "$pdfs/.complete" ] || [ "$(cat "$pdfs/.complete")" != "$pdfstamp" ]; then
	rm -rf "$pdfs"
	mkdir -p "$pdfs/made"
	head -n $((n / 50 > 0 ? n / 50 : 1)) "$list" | while read -r f; do
		b=${f#"$corpus"/}
		"$build/mkpdf" <"$f" >"$pdfs/made/${b//\//-}.pdf"
	done
	echo "$pdfstamp" >"$pdfs/.complete"
fi
find "$pdfs/made" -name '*.pdf' | sort >"$dir/pdf-made"
: >"$dir/pdf-real"
for i in $(seq 100); do ls "$here"/../shared/real/pdf/*.pdf 2>/dev/null >>"$dir/pdf-real" || break; done
for kind in real made; do
	[ -s "$dir/pdf-$kind" ] || { echo "| $kind | (none: ../shared/real/pdf is absent) |"; continue; }
	declare -A pdfsecs
	for mode in pdftext validate; do
		for t in 1 "$cpus"; do
			set -- $("$build/bench-driver" "$dir/pdf-$kind" "$mode" "$t")
			echo "| $kind | $1 | $2 | $3 | $4 | $5 | $6 | $8 | $9 |"
			pdfsecs[$mode-$t]=$5
		done
	done
	# The share by CPU time, in one pass: each PDF's text, then its conversion.
	share=$("$build/bench-driver" "$dir/pdf-$kind" pdfsplit 1 | sed -n 's/^cpu: //p')
	echo "| $kind | where the time goes, one core (CPU time): $share |"
done
out=$outbase/out
rm -rf "$out"
timed "pdf-batch" "$build/imr2xml" -q -j "$cpus" -d "$out" --files-from "$dir/pdf-made"
rm -rf "$out"
echo
echo "batch mode over the made PDFs, -j $cpus: ${note[pdf-batch]}"
