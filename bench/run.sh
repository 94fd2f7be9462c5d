#!/usr/bin/env bash
# run.sh BUILD N - what `make bench` runs:
#  1. generate (once, again when the generator or examples/ change) a
#     synthetic corpus of N determinations in every shape the grammar knows;
#  2. each stage of the pipeline on one core and on all cores (bench-driver,
#     documents in memory): over the first N/10 documents in BENCH_RUNS (5)
#     rounds, each round every stage once, the fastest round kept and the
#     median beside it; then once over all N;
#  3. the batch mode end to end and the regex baseline (bench/regex_baseline.py)
#     on the same corpus, in the same run, one process/thread and all cores,
#     on the first N/10 documents (BENCH_RUNS rounds, each round both
#     programs at both -j, the fastest of each kept) and on all N (one
#     run): documents/s, the ratio of the
#     two, -j N / -j 1, and peak RSS.  Both write their files under
#     $BENCH_OUT (default: /dev/shm, a tmpfs, when there is one) and, when
#     that is a tmpfs, read a copy of the corpus there: what is timed is the
#     programs, not the disk (docs/performance.md says what a disk adds);
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
runs=${BENCH_RUNS:-5}
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
# The stages in rounds over the first N/10 documents: each round runs
# every stage once, on one core then on all, so that the three stages of a
# round meet the machine in the same state.  On a shared machine the same
# run varies by a quarter from one minute to the next: the fastest of
# $runs rounds is the least disturbed and is kept, with the median beside
# it and every run printed; (c)/(a) is taken within each round.  Then each
# stage once over all N documents (no state accumulates: the figure is the
# same but for the machine's phases).
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
declare -A rate rates every line
ratios=""
for r in $(seq "$runs"); do
	for t in 1 "$cpus"; do
		for mode in lex convert validate; do
			set -- $("$build/bench-driver" "$dir/list-$n-first-$small" "$mode" "$t")
			k=$mode-$t
			every[$k]="${every[$k]:-}${every[$k]:+, }$5"
			rates[$k]="${rates[$k]:-} $6"
			if [ -z "${rate[$k]:-}" ] || [ "$6" -gt "${rate[$k]}" ]; then
				rate[$k]=$6 line[$k]="$*"
			fi
			[ "$mode-$t" != validate-1 ] || ratios="$ratios $(awk -v a="$lexrate" -v c="$6" 'BEGIN{printf "%.2f", a / c}')"
			[ "$mode-$t" != lex-1 ] || lexrate=$6
		done
	done
done
echo "stages over the first $small documents, in $runs rounds (each round: every stage once):"
echo
echo "| stage | threads | documents | bytes | documents/s (fastest round) | median documents/s | MB/s (fastest) | every round, seconds |"
echo "|---|---|---|---|---|---|---|---|"
for mode in lex convert validate; do
	for t in 1 "$cpus"; do
		k=$mode-$t
		set -- ${line[$k]}
		echo "| $1 | $2 | $3 | $4 | $6 | $(printf '%s\n' ${rates[$k]} | median) | $7 | ${every[$k]} |"
	done
done
echo
echo "(a)/(c), one core, within each round:$ratios (fastest rounds: $(awk -v c="${rate[validate-1]}" -v a="${rate[lex-1]}" 'BEGIN{printf "%.2f", a / c}'); median $(printf '%s\n' $ratios | median))"
echo "all cores / one core, (c): $(awk -v m="${rate[validate-$cpus]}" -v o="${rate[validate-1]}" 'BEGIN{printf "%.2fx", m/o}') (fastest rounds)"
echo
echo "each stage once over all $n documents:"
echo
echo "| stage | threads | documents | bytes | seconds | documents/s | MB/s |"
echo "|---|---|---|---|---|---|---|"
for mode in lex convert validate; do
	for t in 1 "$cpus"; do
		set -- $("$build/bench-driver" "$list" "$mode" "$t")
		echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"
	done
done

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
# When the outputs go to a tmpfs the inputs are read from one too: a copy
# of the corpus beside them.  The page cache cannot be relied on to hold
# it (on this project's machine it holds about 1.4 GB and lets the corpus
# go while 100,000 outputs are written), and then the runs would time the
# disk.
fstype=$(df --output=fstype "$BENCH_OUT" | tail -1)
batchlist=$list batchsmall=$dir/list-$n-first-$small
if [ "$fstype" = tmpfs ]; then
	cp -r "$corpus" "$outbase/corpus"
	sed "s|^$corpus/|$outbase/corpus/|" "$list" >"$outbase/list"
	head -n "$small" "$outbase/list" >"$outbase/list-first-$small"
	batchlist=$outbase/list batchsmall=$outbase/list-first-$small
fi
echo
echo "batch mode end to end (read, sha256, convert, validate, write each XML, manifest) against the"
echo "regex baseline (read, extract with re, write each JSON), on the same files, writing to"
echo "$BENCH_OUT ($fstype)$([ "$batchlist" = "$list" ] || echo ", reading a copy of the corpus there"):"
echo
echo "| documents | program | -j | seconds (N/10: fastest of $runs rounds) | documents/s | peak RSS MB | every run, seconds |"
echo "|---|---|---|---|---|---|---|"
# A fresh output directory for each run, removed after it: on ext4,
# creating files where many were just deleted is much slower.
# try KEY COMMAND...: one timed run into a fresh $out; a key keeps its
# fastest run and lists every run.
declare -A runs_of
try() {
	local key=$1
	shift
	rm -rf "$out"
	timed cur "$@"
	runs_of[$key]="${runs_of[$key]:-}${runs_of[$key]:+, }${secs[cur]}"
	if [ -z "${secs[$key]:-}" ] || awk -v a="${secs[cur]}" -v b="${secs[$key]}" 'BEGIN{exit !(a < b)}'; then
		secs[$key]=${secs[cur]} rss[$key]=${rss[cur]} note[$key]=${note[cur]}
	fi
}
# The N/10 documents in $runs rounds, each round both programs with -j 1
# and -j $cpus, the fastest of each kept (rounds, for the same reason as
# the stages'); then all N once.
#
# Before each run over all N, on a tmpfs: write and remove as many bytes as
# imr2xml's outputs of N documents take.  A virtual machine gets the pages
# of a tmpfs from its host the first time they are touched, and on this
# project's machine that made a 100,000-document run spend an eighth of its
# time in the kernel's copy into new pages (perf: copy_folio_from_iter_atomic
# 11.9 % of the samples, against 0.2 % for 10,000 documents, whose pages the
# earlier rounds had touched): the runs would time the host's memory.
warm() {
	[ "$fstype" = tmpfs ] && [ "${outbytes:-0}" -gt 0 ] || return 0
	head -c "$outbytes" /dev/zero >"$outbase/warm"
	rm -f "$outbase/warm"
}
out=$outbase/out
for size in "$small" "$n"; do
	l=$batchlist
	[ "$size" = "$n" ] || l=$batchsmall
	rounds=1
	[ "$size" = "$n" ] || rounds=$runs
	for r in $(seq "$rounds"); do
		for t in 1 "$cpus"; do
			[ "$size" = "$small" ] || warm
			try "imr2xml-$size-$t" "$build/imr2xml" -q -j "$t" -d "$out" --files-from "$l"
			[ -n "${outbytes:-}" ] || outbytes=$(($(du -sb "$out" | cut -f1) * n / small))
			case ${note[cur]} in
			*"$size documents: $size converted,"*) ;;
			*) echo "warning: imr2xml did not convert every document: ${note[cur]}" >&2 ;;
			esac
			items_x=$(awk -F'\t' 'NR > 1 {s += $4} END {print s + 0}' "$out/manifest.tsv")
			[ "$size" = "$small" ] || warm
			try "regex-$size-$t" python3 "$here/bench/regex_baseline.py" -j "$t" "$out" "$l"
			items_r=$(printf '%s\n' "${note[cur]}" | sed -n 's/.*documents, \([0-9]*\) items.*/\1/p')
			[ "$items_r" = "$items_x" ] ||
				echo "warning: the baseline found $items_r items, imr2xml $items_x" >&2
			rm -rf "$out"
		done
	done
	for t in 1 "$cpus"; do
		for p in imr2xml regex; do
			k=$p-$size-$t
			echo "| $size | $p | $t | ${secs[$k]} | $(awk -v d="$size" -v s="${secs[$k]}" 'BEGIN{printf "%.0f", d / s}') | ${rss[$k]} | ${runs_of[$k]} |"
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
