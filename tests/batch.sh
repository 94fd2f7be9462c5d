#!/usr/bin/env bash
# batch.sh BIN TMP - tests of batch mode (-d): a corpus with bad files
# mixed in, exact counts, path mapping, an interrupted run resumed.
# Prints PASS/FAIL lines and "N passed, N failed".
set -u
bin=$1 tmp=$2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL batch: %s\n' "$*"; }
here=$(pwd)

corpus=$tmp/corpus
rm -rf "$corpus" "$tmp"/out*
mkdir -p "$corpus/a/b" "$corpus/c"
for i in 1 2 3; do
	for f in examples/*.txt; do cp "$f" "$corpus/a/b/$i-$(basename "$f")"; done
done
cp examples/imr-2014-physician.txt "$corpus/c/good.txt"
: >"$corpus/c/empty.txt"
printf '\x00\x01\x02\x03binary\x00\x00\x00\x00\x00\x00' >"$corpus/c/binary.txt"
awk '/MAXIMUS guideline/ && ++n == 2 {exit} {print}' examples/imr-2016-standard.txt >"$corpus/c/truncated.txt"
printf 'not a txt file\n' >"$corpus/c/ignored.dat"
# 21 good + 1 good + empty + binary + truncated = 25 inputs, 22 ok, 3 rejected.

"$bin" -q -j 2 -d "$tmp/out" "$corpus" 2>"$tmp/err"
st=$?
[ $st = 1 ] && ok || bad "exit $st with rejections, want 1"
m=$tmp/out/manifest.tsv
[ -f "$m" ] && ok || bad "no manifest"
[ "$(tail -n +2 "$m" | wc -l)" = 25 ] && ok || bad "manifest has $(tail -n +2 "$m" | wc -l) rows, want 25"
[ "$(cut -f2 "$m" | grep -c '^ok$')" = 22 ] && ok || bad "ok rows: $(cut -f2 "$m" | grep -c '^ok$'), want 22"
[ "$(cut -f2 "$m" | grep -c '^rejected$')" = 3 ] && ok || bad "rejected rows, want 3"
grep -q "25 documents: 22 converted, 0 partial, 3 rejected, 0 skipped, 0 errors" "$tmp/err" && ok ||
	bad "summary: $(tail -1 "$tmp/err")"
[ "$(find "$tmp/out" -name '*.xml' | wc -l)" = 22 ] && ok || bad "xml files: $(find "$tmp/out" -name '*.xml' | wc -l), want 22"
cmp -s "$tmp/out$corpus/a/b/1-imr-2016-standard.xml" examples/imr-2016-standard.xml 2>/dev/null ||
	cmp -s "$tmp/out/${corpus#/}/a/b/1-imr-2016-standard.xml" examples/imr-2016-standard.xml && ok ||
	bad "a/b/x.txt maps to OUTDIR/a/b/x.xml with the golden content"
grep -q "truncated.txt:[0-9]*:[0-9]*: error: syntax error" "$tmp/err" && ok || bad "rejections print diagnostics"
sorted=$(tail -n +2 "$m" | cut -f1 | sort | tr '\n' ' ')
inorder=$(tail -n +2 "$m" | cut -f1 | tr '\n' ' ')
[ "$sorted" = "$inorder" ] && ok || bad "manifest rows are not in input (sorted walk) order"
sum=$(sha256sum "$corpus/c/good.txt" | cut -d' ' -f1)
grep -q "c/good.txt	ok	imr-2014	3	$(wc -c <"$corpus/c/good.txt")	$sum	" "$m" && ok || bad "row of good.txt (size, sha256)"
[ -z "$(find "$tmp/out" -name '*.tmp*')" ] && ok || bad "temporary files left"

# On a terminal: a progress bar with done/total, rate, times, rejects.
if command -v script >/dev/null; then
	script -qc "$bin -j 1 -d $tmp/outtty $corpus" "$tmp/tty.log" >/dev/null 2>&1
	tr '\r' '\n' <"$tmp/tty.log" | grep -aqE '^\[=* *\] [0-9]+/25  [0-9]+ doc/s  [0-9:]+ elapsed  [0-9:]+ left  [0-9]+ rejected' &&
		ok || bad "no progress bar on a terminal"
fi
# Elsewhere, plain lines (none for a run this short) and the summary.
[ "$(grep -c '^imr2xml: ' "$tmp/err")" = 1 ] && ok || bad "-q: only the summary line"

# Unreadable inputs and hostile paths from a list: reported, counted, run goes on.
printf '%s\n' "$corpus/c/good.txt" "$corpus/missing.txt" "../../../etc/x.txt" >"$tmp/list"
(cd "$tmp" && "$here/$bin" -q -d out2 --files-from list) 2>"$tmp/err2"
st=$?
[ $st = 2 ] && ok || bad "exit $st with an unreadable input, want 2"
grep -q "missing.txt	error	-	0	0	-	cannot read: No such file or directory" "$tmp/out2/manifest.tsv" && ok ||
	bad "error row of an unreadable input"
grep -q "3 documents: 1 converted, 0 partial, 0 rejected, 0 skipped, 2 errors" "$tmp/err2" && ok ||
	bad "summary with errors: $(tail -1 "$tmp/err2")"
[ -z "$(find "$tmp" -maxdepth 1 -name '*.xml')" ] && [ ! -e /etc/x.xml ] && ok || bad "a path escaped OUTDIR"

# NUL-separated list on stdin.
printf '%s\0%s\0' "$corpus/c/good.txt" "$corpus/a/b/1-imr-2014-physician.txt" |
	"$bin" -q -d "$tmp/out3" --files-from - -0 2>/dev/null && ok || bad "--files-from - -0"
[ "$(tail -n +2 "$tmp/out3/manifest.tsv" | wc -l)" = 2 ] && ok || bad "-0 rows"

# A run fed N paths through a FIFO that stays open, so it waits for more:
# returns once N manifest rows are written, the run's pid in $pid.
start_fed_run() { # outdir N stderr-file
	rm -f "$tmp/fifo"; mkfifo "$tmp/fifo"
	"$bin" -q -j 2 -d "$1" --files-from "$tmp/fifo" 2>"$3" &
	pid=$!
	exec 7>"$tmp/fifo"
	head -"$2" "$tmp/all" >&7
	for _ in $(seq 100); do
		[ "$(wc -l <"$1/manifest.tsv.partial" 2>/dev/null || echo 0)" -gt "$2" ] && break
		sleep 0.1
	done
}

# Interrupted and resumed: the same outputs as an uninterrupted run.
find "$corpus" -name '*.txt' | sort >"$tmp/all"
"$bin" -q -j 2 -d "$tmp/full" --files-from "$tmp/all" 2>/dev/null
start_fed_run "$tmp/cut" 10 "$tmp/err4"
kill -9 $pid; wait $pid 2>/dev/null
exec 7>&-
[ ! -e "$tmp/cut/manifest.tsv" ] && [ "$(wc -l <"$tmp/cut/manifest.tsv.partial")" = 11 ] && ok ||
	bad "killed run: partial manifest of 10 rows"
"$bin" -q -j 2 --resume -d "$tmp/cut" --files-from "$tmp/all" 2>"$tmp/err5"
grep -q "25 documents: 12 converted, 0 partial, 3 rejected, 10 skipped, 0 errors" "$tmp/err5" && ok ||
	bad "resume summary: $(tail -1 "$tmp/err5")"
diff -r "$tmp/full" "$tmp/cut" >/dev/null && ok || bad "resumed outputs differ from an uninterrupted run"

# Ctrl-C: stops, keeps the partial manifest, says how to resume.
start_fed_run "$tmp/int" 3 "$tmp/err6"
kill -INT $pid; wait $pid; st=$?
exec 7>&-
[ $st = 130 ] && grep -q "run again with --resume" "$tmp/err6" && ok || bad "SIGINT: exit $st"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
