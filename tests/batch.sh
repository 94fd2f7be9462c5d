#!/usr/bin/env bash
# batch.sh BIN TMP - tests of batch mode (-d): a corpus with bad files
# mixed in, exact counts, path mapping, every input accounted for (in
# error when it cannot be read), an interrupted run resumed.  Everything
# it makes, FIFOs included, is under TMP (made if missing) or a mktemp
# directory it removes.  Prints FAIL lines and "N passed, N failed".
set -u
bin=${1:?usage: tests/batch.sh BIN TMP} tmp=${2:?usage: tests/batch.sh BIN TMP}
mkdir -p "$tmp" && tmp=$(cd "$tmp" && pwd) || exit 2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL batch: %s\n' "$*"; }
. tests/sigint.sh
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

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
# 3 x the examples + 1 good + empty + binary + truncated, all but 3 ok:
# empty and binary rejected, truncated written all the same (partial: batch
# mode degrades, it does not drop a letter).
nex=$(ls examples/*.txt | wc -l)
total=$((3 * nex + 4)) good=$((3 * nex + 1))

"$bin" -q -j 2 -d "$tmp/out" "$corpus" 2>"$tmp/err"
st=$?
[ $st = 1 ] && ok || bad "exit $st with rejections, want 1"
m=$tmp/out/manifest.tsv
[ -f "$m" ] && ok || bad "no manifest"
[ "$(tail -n +2 "$m" | wc -l)" = $total ] && ok || bad "manifest has $(tail -n +2 "$m" | wc -l) rows, want $total"
[ "$(cut -f2 "$m" | grep -c '^ok$')" = $good ] && ok || bad "ok rows: $(cut -f2 "$m" | grep -c '^ok$'), want $good"
[ "$(cut -f2 "$m" | grep -c '^rejected$')" = 2 ] && ok || bad "rejected rows, want 2"
[ "$(grep -c '/c/truncated.txt	partial	imr-2016	' "$m")" = 1 ] && ok || bad "truncated.txt's row: not partial"
grep -q "$total documents: $good converted, 1 partial, 2 rejected, 0 skipped, 0 errors" "$tmp/err" && ok ||
	bad "summary: $(tail -1 "$tmp/err")"
[ "$(find "$tmp/out" -name '*.xml' | wc -l)" = $((good + 1)) ] && ok || bad "xml files: $(find "$tmp/out" -name '*.xml' | wc -l), want $((good + 1))"
grep -q ' complete="false"' "$(find "$tmp/out" -name truncated.xml)" && ok || bad "truncated.xml is not complete=\"false\""
# --no-partial: batch mode refuses what it would write as partial: the
# truncated letter rejected (its message in the manifest), no XML for it,
# the rest as before; the last of --partial and --no-partial wins.
"$bin" -q -j 2 --no-partial -d "$tmp/outstrict" "$corpus/c" 2>"$tmp/err"
st=$?
ms=$tmp/outstrict/manifest.tsv
[ $st = 1 ] && ok || bad "--no-partial: exit $st, want 1"
[ "$(tail -n +2 "$ms" | cut -f1,2 | sed 's|.*/||' | sort | tr '\n' ' ')" = "binary.txt	rejected empty.txt	rejected good.txt	ok truncated.txt	rejected " ] &&
	ok || bad "--no-partial rows: $(tail -n +2 "$ms" | cut -f1,2 | tr '\n' ' ')"
grep '/c/truncated.txt	rejected	' "$ms" | cut -f8 | grep -qE '^line [0-9]+, column [0-9]+: syntax error, ' && ok ||
	bad "--no-partial: truncated.txt's message: $(grep '/c/truncated.txt	' "$ms" | cut -f8)"
[ "$(find "$tmp/outstrict" -name '*.xml' | sed 's|.*/||')" = good.xml ] && ok ||
	bad "--no-partial: XML files: $(find "$tmp/outstrict" -name '*.xml' | tr '\n' ' ')"
grep -q "4 documents: 1 converted, 0 partial, 3 rejected, 0 skipped, 0 errors" "$tmp/err" && ok ||
	bad "--no-partial summary: $(tail -1 "$tmp/err")"
"$bin" -q --no-partial --partial -d "$tmp/outlast" "$corpus/c/truncated.txt" 2>/dev/null
st=$?
[ $st = 1 ] && [ "$(tail -n +2 "$tmp/outlast/manifest.tsv" | cut -f2)" = partial ] &&
	[ -f "$(find "$tmp/outlast" -name truncated.xml)" ] && ok || bad "--no-partial --partial: exit $st, not partial"
rm -rf "$tmp/outlast"
"$bin" -q --partial --no-partial -d "$tmp/outlast" "$corpus/c/truncated.txt" 2>/dev/null
st=$?
[ $st = 1 ] && [ "$(tail -n +2 "$tmp/outlast/manifest.tsv" | cut -f2)" = rejected ] &&
	[ -z "$(find "$tmp/outlast" -name '*.xml')" ] && ok || bad "--partial --no-partial: exit $st, not rejected"
# Single-file mode keeps its default (no XML on a syntax error): the
# same with --no-partial; --partial still writes it.
"$bin" --no-partial "$corpus/c/truncated.txt" >"$tmp/single.out" 2>/dev/null
st=$?
[ $st = 1 ] && [ ! -s "$tmp/single.out" ] && ok || bad "--no-partial FILE: exit $st, $(wc -c <"$tmp/single.out") bytes written"
"$bin" "$corpus/c/truncated.txt" >"$tmp/single.out" 2>/dev/null
st=$?
[ $st = 1 ] && [ ! -s "$tmp/single.out" ] && ok || bad "FILE with a syntax error: exit $st, $(wc -c <"$tmp/single.out") bytes written"
"$bin" --partial "$corpus/c/truncated.txt" >"$tmp/single.out" 2>/dev/null
st=$?
[ $st = 1 ] && grep -q ' complete="false"' "$tmp/single.out" && ok || bad "--partial FILE: exit $st, no complete=\"false\""
# The same XML as the golden file, but for @source: the input's path here.
same_xml() { # output golden
	sed 's/ source="[^"]*"//' "$1" | cmp -s - <(sed 's/ source="[^"]*"//' "$2")
}
# An absolute argument (/.../corpus) is mirrored from its base name on,
# never from the root: OUTDIR/corpus/a/b/x.xml.
same_xml "$tmp/out/corpus/a/b/1-imr-2016-standard.xml" examples/imr-2016-standard.xml && ok ||
	bad "/x/corpus/a/b/x.txt maps to OUTDIR/corpus/a/b/x.xml with the golden content"
[ ! -e "$tmp/out/${corpus#/}" ] && ok ||
	bad "an absolute input path is mirrored whole under OUTDIR"
grep -q "truncated.txt:[0-9]*:[0-9]*: error: syntax error" "$tmp/err" && ok || bad "rejections print diagnostics"
sorted=$(tail -n +2 "$m" | cut -f1 | sort | tr '\n' ' ')
inorder=$(tail -n +2 "$m" | cut -f1 | tr '\n' ' ')
[ "$sorted" = "$inorder" ] && ok || bad "manifest rows are not in input (sorted walk) order"
sum=$(sha256sum "$corpus/c/good.txt" | cut -d' ' -f1)
grep -q "c/good.txt	ok	imr-2014	3	$(wc -c <"$corpus/c/good.txt")	$sum	" "$m" && ok || bad "row of good.txt (size, sha256)"
[ -z "$(find "$tmp/out" -name '*.tmp*')" ] && ok || bad "temporary files left"
# Variant names whole, however long (the column once kept 15 characters).
for v in imr-professional-review imr-documents-reviewed imr-2013-notice; do
	want=$((3 * $(ls examples/"$v"*.txt | wc -l)))
	[ "$(cut -f3 "$m" | grep -cx "$v")" = "$want" ] && ok || bad "variant $v: $(cut -f3 "$m" | grep -c "^$v") rows, want $want"
done
# The message column: the position in words before the message (no bare "1: ").
[ "$(grep '/c/binary.txt	' "$m" | cut -f8)" = "line 1: $("$bin" "$corpus/c/binary.txt" 2>&1 | sed -n 's/^[^:]*:1: error: //p')" ] &&
	ok || bad "binary.txt's message: $(grep '/c/binary.txt	' "$m" | cut -f8)"
grep '/c/truncated.txt	' "$m" | cut -f8 | grep -qE '^line [0-9]+, column [0-9]+: syntax error, ' && ok ||
	bad "truncated.txt's message: $(grep '/c/truncated.txt	' "$m" | cut -f8)"
# Each XML is written unnamed and linked in when complete (O_TMPFILE), or
# through a named temporary file where that cannot be: over an existing
# output (a second run into the same OUTDIR).  Both give whole files,
# mode 0644, and leave nothing behind.
x=$(find "$tmp/out" -name '1-imr-2016-standard.xml')
[ "$(stat -c %a "$x")" = 644 ] && ok || bad "an output's mode is $(stat -c %a "$x"), want 644"
printf 'stale\n' >"$x"
"$bin" -q -j 2 -d "$tmp/out" "$corpus" 2>/dev/null
same_xml "$x" examples/imr-2016-standard.xml && [ "$(stat -c %a "$x")" = 644 ] && ok ||
	bad "a second run into the same OUTDIR does not replace an output whole"
[ -z "$(find "$tmp/out" -name '*.tmp*')" ] && ok || bad "temporary files left by the second run"

# On a terminal: a progress bar with done/total, rate, times, rejects.
if command -v script >/dev/null; then
	script -qc "$bin -j 1 -d $tmp/outtty $corpus" "$tmp/tty.log" >/dev/null 2>&1
	tr '\r' '\n' <"$tmp/tty.log" | grep -aqE '^\[=* *\] [0-9]+/'"$total"'  [0-9]+ doc/s  [0-9:]+ elapsed  [0-9:]+ left  [0-9]+ rejected' &&
		ok || bad "no progress bar on a terminal"
fi
# A list read once (a FIFO) is not counted for the bar: it is read for the run.
if command -v script >/dev/null; then
	rm -f "$tmp/ttyfifo"; mkfifo "$tmp/ttyfifo" || bad "mkfifo $tmp/ttyfifo"
	printf '%s\n' "$corpus/c/good.txt" "$corpus/a/b/1-imr-2014-physician.txt" >"$tmp/ttyfifo" &
	timeout 60 script -qc "$bin -j 1 -d $tmp/outttyf --files-from $tmp/ttyfifo" "$tmp/tty2.log" >/dev/null 2>&1
	wait
	[ "$(tail -n +2 "$tmp/outttyf/manifest.tsv" 2>/dev/null | wc -l)" = 2 ] && ok || bad "a FIFO list on a terminal: rows lost"
fi
# Elsewhere, plain lines (none for a run this short) and the summary.
[ "$(grep -c '^imr2xml: ' "$tmp/err")" = 1 ] && ok || bad "-q: only the summary line"

# Unreadable inputs and hostile paths from a list: reported, counted, run goes on.
printf '%s\n' "$corpus/c/good.txt" "$corpus/missing.txt" "../../../etc/x.txt" >"$tmp/list"
(cd "$tmp" && "$bin" -q -d out2 --files-from list) 2>"$tmp/err2"
st=$?
[ $st = 2 ] && ok || bad "exit $st with an unreadable input, want 2"
grep -q "missing.txt	error	-	0	0	-	0	cannot read: No such file or directory" "$tmp/out2/manifest.tsv" && ok ||
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
	rm -f "$tmp/fifo"; mkfifo "$tmp/fifo" || bad "mkfifo $tmp/fifo"
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
grep -q "$total documents: $((good - 10)) converted, 1 partial, 2 rejected, 10 skipped, 0 errors" "$tmp/err5" && ok ||
	bad "resume summary: $(tail -1 "$tmp/err5")"
diff -r "$tmp/full" "$tmp/cut" >/dev/null && ok || bad "resumed outputs differ from an uninterrupted run"

# Ctrl-C: stops, keeps the partial manifest, says how to resume.
start_fed_run "$tmp/int" 3 "$tmp/err6"
kill -INT $pid; wait $pid; st=$?
exec 7>&-
[ $st = 130 ] && grep -q "run again with --resume" "$tmp/err6" && ok || bad "SIGINT: exit $st"

# Ctrl-C in a run of 1,500 inputs: the workers finish the documents in hand
# and start no other; the queue (256 inputs) is not drained.  Every XML
# written has its row, --resume does the rest.
mkdir -p "$tmp/many"
std=examples/imr-2016-standard.txt
for i in $(seq 1500); do ln -f "$std" "$tmp/many/$i.txt" 2>/dev/null || cp "$std" "$tmp/many/$i.txt"; done
"$bin" -q -j 2 -d "$tmp/outint" "$tmp/many" 2>"$tmp/err7" &
pid=$!
interrupt_after $pid "$tmp/outint" 5
$hung && bad "SIGINT: the run did not stop in 60 s"
rows=$(($(wc -l <"$tmp/outint/manifest.tsv.partial") - 1))
[ $st = 130 ] && [ ! -e "$tmp/outint/manifest.tsv" ] && ok || bad "SIGINT in a long run: exit $st, want 130 and no manifest.tsv"
# The documents in hand (2 workers), and those the workers start before
# the pending signal reaches a thread after SIGCONT (on a loaded machine
# the scheduler may take tens of milliseconds: up to 64 is allowed), but
# not the ring's 256 queued inputs, which a drained queue would add.
[ "$rows" -ge "$before" ] && [ "$rows" -le $((before + 64)) ] && ok ||
	bad "SIGINT: $rows rows after the signal, $before before it: the queue was drained"
[ "$(find "$tmp/outint" -name '*.xml' | wc -l)" = "$rows" ] &&
	[ "$(tail -n +2 "$tmp/outint/manifest.tsv.partial" | cut -f2 | grep -cx ok)" = "$rows" ] && ok ||
	bad "SIGINT: $(find "$tmp/outint" -name '*.xml' | wc -l) XML files for $rows rows"
"$bin" -q -j 2 --resume -d "$tmp/outint" "$tmp/many" 2>"$tmp/err8"; st=$?
[ $st = 0 ] && [ "$(tail -n +2 "$tmp/outint/manifest.tsv" | wc -l)" = 1500 ] &&
	grep -q "1500 documents: $((1500 - rows)) converted, 0 partial, 0 rejected, $rows skipped, 0 errors" "$tmp/err8" &&
	ok || bad "--resume after SIGINT: exit $st, $(tail -1 "$tmp/err8")"
# A resumed run with nothing left to do reads nothing: no rate to report.
"$bin" -q -j 2 --resume -d "$tmp/outint" "$tmp/many" 2>"$tmp/err9"
grep -q "1500 documents: 0 converted, 0 partial, 0 rejected, 1500 skipped, 0 errors, 0 with warnings, 0 pages in [0-9.]* s, 0 documents/s, 0 pages/s, 0.0 MB/s" "$tmp/err9" &&
	ok || bad "--resume with everything done: $(tail -1 "$tmp/err9")"
rm -rf "$tmp/many" "$tmp/outint"

# -q: the errors and the summary on stderr, no warnings (they are in the manifest).
mkdir -p "$tmp/warn"
head -n -4 "$std" | sed '$s/\.$/ and/' >"$tmp/warn/cut.txt"
cp "$std" "$tmp/warn/good.txt"
printf 'x\n' >"$tmp/warn/other.txt"
"$bin" -q -j 2 -d "$tmp/outw" "$tmp/warn" 2>"$tmp/err10"
[ "$(wc -l <"$tmp/err10")" = 2 ] && grep -q "^$tmp/warn/other.txt: error: " "$tmp/err10" &&
	grep -q '^imr2xml: 3 documents: 2 converted, 0 partial, 1 rejected, ' "$tmp/err10" &&
	[ "$(grep "/cut.txt	" "$tmp/outw/manifest.tsv" | cut -f7)" = "1 letter-truncated" ] && ok ||
	bad "-q: stderr $(head -3 "$tmp/err10")"
"$bin" -j 2 -d "$tmp/outw2" "$tmp/warn" 2>&1 | grep -q "cut.txt:[0-9]*: warning: the letter ends mid-sentence" && ok ||
	bad "without -q, the warning is on stderr"


# ---- Every path a walk meets whose name ends in .txt or .pdf is a row ----
# An error row: no variant, issues, size, hash or warnings; the reason as the message.
err_row() { printf '%s\terror\t-\t0\t0\t-\t0\t%s\t0' "$1" "$2"; } # (letters: none read)
has_row() { grep -qxF -- "$2" "$1"; } # manifest row
good=examples/imr-2016-standard.txt
good_row() { # path: the row of a copy of $good
	printf '%s\tok\timr-2016\t4\t%s\t%s\t0\t\t1' "$1" "$(wc -c <"$good" | tr -d ' ')" "$(sha256sum "$good" | cut -d' ' -f1)"
}
w=$tmp/walk
mkdir -p "$w/dir.txt" "$w/sub/deeper"
cp "$good" "$w/a.txt"
ln -s "$w/nowhere" "$w/dangling.txt"
cp "$good" "$w/dir.txt/inside.txt" # a directory named x.txt is an input, not walked
mkfifo "$w/fifo.txt" || bad "mkfifo $w/fifo.txt"
ln -s a.txt "$w/link.txt"
cp "$good" "$w/pair.pdf"
cp "$good" "$w/pair.txt"
cp "$good" "$w/scan.pdf" # text named .pdf: the converter goes by content
printf 'not an input\n' >"$w/notes.dat"
cp "$good" "$w/sub/deeper/b.txt"
timeout 60 "$bin" -q -j 2 -d "$tmp/outw" "$w" 2>"$tmp/errw"
st=$?
m=$tmp/outw/manifest.tsv
[ $st = 2 ] && ok || bad "walk with inputs in error: exit $st, want 2"
want="$w/a.txt ok
$w/dangling.txt error
$w/dir.txt error
$w/fifo.txt error
$w/link.txt ok
$w/pair.pdf error
$w/pair.txt ok
$w/scan.pdf ok
$w/sub/deeper/b.txt ok"
got=$(tail -n +2 "$m" | cut -f1,2 | tr '\t' ' ')
[ "$got" = "$want" ] && ok || bad "walk rows (path status):"$'\n'"$got"
has_row "$m" "$(err_row "$w/dangling.txt" "cannot read: dangling symbolic link")" && ok || bad "row of a dangling link"
has_row "$m" "$(err_row "$w/dir.txt" "cannot read: Is a directory")" && ok || bad "row of a directory named x.txt"
has_row "$m" "$(err_row "$w/fifo.txt" "cannot read: not a regular file")" && ok || bad "row of a FIFO named x.txt"
has_row "$m" "$(err_row "$w/pair.pdf" "not converted: pair.txt has the same output")" && ok || bad "row of x.pdf beside x.txt"
for f in a.txt link.txt pair.txt scan.pdf sub/deeper/b.txt; do
	has_row "$m" "$(good_row "$w/$f")" && ok || bad "row of $f"
done
grep -q "9 documents: 5 converted, 0 partial, 0 rejected, 0 skipped, 4 errors" "$tmp/errw" && ok ||
	bad "walk summary: $(tail -1 "$tmp/errw")"
for e in "dangling.txt: error: cannot read: dangling symbolic link" "dir.txt: error: cannot read: Is a directory" \
	"fifo.txt: error: cannot read: not a regular file" "pair.pdf: error: not converted: pair.txt has the same output"; do
	grep -qxF "$w/$e" "$tmp/errw" && ok || bad "stderr lacks '$w/$e'"
done
same_xml "$tmp/outw/${w##*/}/scan.xml" "${good%.txt}.xml" && ok || bad "x.pdf maps to OUTDIR/.../x.xml"
[ ! -e "$tmp/outw/${w##*/}/pair.pdf.xml" ] && [ ! -e "$tmp/outw/${w##*/}/dir.txt" ] && ok || bad "outputs of inputs in error"

# A list that cannot be opened or read is a row too.
"$bin" -q -d "$tmp/outl1" --files-from "$tmp/no-such-list" 2>"$tmp/errl"
st=$?
[ $st = 2 ] && has_row "$tmp/outl1/manifest.tsv" "$(err_row "$tmp/no-such-list" "cannot read the list: No such file or directory")" &&
	grep -q "1 document: 0 converted, 0 partial, 0 rejected, 0 skipped, 1 errors" "$tmp/errl" && ok ||
	bad "a missing list: exit $st, $(tail -1 "$tmp/errl")"
"$bin" -q -d "$tmp/outl2" --files-from "$w/sub" 2>"$tmp/errl"
st=$?
[ $st = 2 ] && has_row "$tmp/outl2/manifest.tsv" "$(err_row "$w/sub" "cannot read the list: Is a directory")" && ok ||
	bad "a list that is a directory: exit $st, $(tail -1 "$tmp/errl")"

# ---- Unreadable file and subdirectory -----------------------------------
# chmod 000 does not stop root: as root, the run is made as nobody.  The
# test first checks that the user really cannot read them, so it cannot
# pass without testing anything.
if [ "$(id -u)" = 0 ]; then
	as_user=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
	command -v setpriv >/dev/null || bad "setpriv (util-linux) is needed to test unreadable inputs as root"
else
	as_user=(env)
fi
u=$(mktemp -d) # not under $tmp: that user may not enter it
trap 'chmod -R u+rwx "$u"; rm -rf "$u"' EXIT
chmod 755 "$u"
mkdir -p "$u/in/locked" "$u/out"
chmod 777 "$u/out"
cp "$good" "$u/in/a.txt"
cp "$good" "$u/in/locked/x.txt"
cp "$good" "$u/in/secret.txt"
cp "$bin" "$u/imr2xml" # the checkout may be closed to that user
chmod 000 "$u/in/secret.txt" "$u/in/locked"
if "${as_user[@]}" cat "$u/in/secret.txt" >/dev/null 2>&1 || "${as_user[@]}" ls "$u/in/locked" >/dev/null 2>&1 ||
	! "${as_user[@]}" cat "$u/in/a.txt" >/dev/null 2>&1; then
	bad "could not make a file and a directory unreadable to $("${as_user[@]}" id -un 2>&1): unreadable inputs untested"
else
	"${as_user[@]}" "$u/imr2xml" -q -d "$u/out/o" "$u/in" 2>"$u/err"
	st=$?
	m=$u/out/o/manifest.tsv
	[ $st = 2 ] && ok || bad "unreadable inputs: exit $st, want 2: $(head -3 "$u/err")"
	[ "$(tail -n +2 "$m" | cut -f1)" = "$u/in/a.txt"$'\n'"$u/in/locked"$'\n'"$u/in/secret.txt" ] && ok ||
		bad "rows with unreadable inputs: $(tail -n +2 "$m" | cut -f1,2 | tr '\n' ' ')"
	has_row "$m" "$(good_row "$u/in/a.txt")" && ok || bad "row of the readable file"
	has_row "$m" "$(err_row "$u/in/secret.txt" "cannot read: Permission denied")" && ok || bad "row of an unreadable file"
	has_row "$m" "$(err_row "$u/in/locked" "cannot read directory: Permission denied")" && ok ||
		bad "row of an unreadable directory"
	grep -qxF "$u/in/locked: error: cannot read directory: Permission denied" "$u/err" && ok ||
		bad "no diagnostic for an unreadable directory"
	grep -q "3 documents: 1 converted, 0 partial, 0 rejected, 0 skipped, 2 errors" "$u/err" && ok ||
		bad "summary with unreadable inputs: $(tail -1 "$u/err")"
fi

# ---- A file that vanishes between the walk and its reading ---------------
# The walk lists a directory before any of its inputs is converted.  To
# remove the last file after that for certain, but before a worker reads
# it, the run's stderr is a FIFO this script leaves unread: once the pipe
# (64 KiB) is full of the diagnostics of the 3000 empty inputs sorted
# before it, the main thread cannot retire a row, the ring of 256 slots
# fills, and no worker gets near the last input until the script reads on.
v=$tmp/vanish
mkdir -p "$v"
for i in $(seq -w 1 3000); do : >"$v/$i.txt"; done
cp "$good" "$v/zz-gone.txt"
rm -f "$tmp/errfifo"; mkfifo "$tmp/errfifo" || bad "mkfifo $tmp/errfifo"
"$bin" -q -j 2 -d "$tmp/outv" "$v" 2>"$tmp/errfifo" &
pid=$!
exec 8<"$tmp/errfifo"
IFS= read -r -u 8 first # a row was retired: the directory has been listed
rm "$v/zz-gone.txt"
{ printf '%s\n' "$first"; cat <&8; } >"$tmp/errv"
exec 8<&-
wait $pid
st=$?
[ $st = 2 ] && ok || bad "a file gone during the run: exit $st, want 2"
[ "$(tail -n +2 "$tmp/outv/manifest.tsv" | wc -l)" = 3001 ] && ok || bad "rows with a file gone during the run"
[ "$(tail -1 "$tmp/outv/manifest.tsv")" = "$(err_row "$v/zz-gone.txt" "cannot read: No such file or directory")" ] && ok ||
	bad "row of a file gone during the run: $(tail -1 "$tmp/outv/manifest.tsv")"
grep -q "3001 documents: 0 converted, 0 partial, 3000 rejected, 0 skipped, 1 errors" "$tmp/errv" && ok ||
	bad "summary with a file gone during the run: $(tail -1 "$tmp/errv")"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
