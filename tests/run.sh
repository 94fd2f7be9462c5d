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
tools=$(dirname "$factcheck") # the test tools, built once
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
	sampled_out "$name" && return 1 # (not run: the caller reads no XML)
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

# facts_of NAME: sets facts to the letter's facts file, the real
# letters', the seeds' or the examples' (tests/facts/*/NAME.facts).
facts_of() {
	local d
	for d in real seeds examples; do
		facts=tests/facts/$d/$1.facts
		[ -f "$facts" ] && return
	done
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

# Other extractors' text is made once a `make check`: check.sh runs this
# suite for the release and the ASan builds at once, and names in
# IMR_SHAPE_CACHE a folder (under build/, emptied first) where each run
# finds what either extracted.  The first run to want a KEY makes it while
# the other waits on the KEY's lock (flock), so nothing is extracted
# twice.  Alone, every run extracts.
extracted() { # OUT KEY COMMAND... : COMMAND writes OUT (a file or a folder), kept as KEY
	local out=$1 key=$2 c=${IMR_SHAPE_CACHE:-}
	shift 2
	if [ -z "$c" ]; then
		"$@"
		return
	fi
	mkdir -p "$(dirname "$c/$key")" || return 1
	(
		flock 9 || exit 1
		if [ -e "$c/$key" ]; then
			cp -rT "$c/$key" "$out"
			exit
		fi
		"$@" || exit 1
		cp -rT "$out" "$c/$key.part" && mv -T "$c/$key.part" "$c/$key"
	) 9>"$c/$key.lock"
}

# The sampling switch.  Under the sanitizers (check.sh's second run,
# IMR_SANITIZED) a conversion of a letter in a derived shape is run for a
# sample of the letters: the shape is the test's name without its file
# names (a word with a "/", a case number "CM16-..."), e.g. ", re-wrapped
# (fmt -w 60)" or " (pdftotext -raw)"; of the conversions of one shape
# (counted from 0 in the order the suite makes them) the first runs, and
# every IMR_SAMPLE-th (4 unless set) from an offset the shape's cksum
# chooses, so each shape is read on several letters and each letter in
# several shapes.  A test whose name is a file name alone (the goldens,
# the real letters as they are) and every other test always runs.  The
# release run reads everything; IMR_SAMPLE=1 makes the sanitized run read
# everything too.  What is left out is counted and said before the
# summary line.  (docs/testing.md, "The sanitized run")
declare -A sample_seen=() sample_offset=()
sample_read=0 sample_left=0
# Conversions the sample would leave out that alone take a code path
# (gcov on the sanitized run reading every conversion, docs/testing.md):
# always run.
sample_pinned=(
	"seeds/003_911e865f50b21622.txt, re-wrapped (fmt -w 60)" # a page's "N of" cut from its total (normalize.c)
	"examples/imr-documents-reviewed-b.layout.txt, lines joined (-v join=paragraph)" # a case number as mid-line page furniture
	"examples/imr-2014-cover-narrow.txt, re-wrapped (fmt -w 72)" # a name value gone on to the next line (header.c)
	"real/txt/CM17-0002106.txt, folded (fold -w 95)" # a word the letter has once ending a line of the width (folded.c, ending_standing)
	"CM16-0234464.pdf (pdftohtml pages, pandoc-plain)" # a rendering told by its rule between pages alone (markup.c, imr_rendered_html)
)
sampled_out() { # NAME: true if the sanitized run leaves this conversion to the release run
	[ -n "${IMR_SANITIZED:-}" ] || return 1
	local every=${IMR_SAMPLE:-4} words w shape=
	[ "$every" -gt 1 ] || return 1
	for w in "${sample_pinned[@]}"; do
		[[ $1 == *"$w"* ]] && return 1
	done
	read -ra words <<<"$1"
	for w in "${words[@]}"; do
		case $w in */* | CM1[0-9]-*) ;; *) shape+=" $w" ;; esac
	done
	[ -n "$shape" ] || return 1
	if [ -z "${sample_offset[$shape]:-}" ]; then
		local sum
		sum=$(printf '%s' "$shape" | cksum)
		sample_offset[$shape]=$((${sum%% *} % every))
		sample_seen[$shape]=0
	fi
	local k=${sample_seen[$shape]}
	sample_seen[$shape]=$((k + 1))
	if [ "$k" = 0 ] || [ $(((k + ${sample_offset[$shape]}) % every)) = 0 ]; then
		sample_read=$((sample_read + 1))
		return 1
	fi
	sample_left=$((sample_left + 1))
	return 0
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
# Where each part of a request was read: issue 3's title wraps, its body
# region is on the second line (in both shapes).
i3=/d:determination/d:issues/d:issue[3]/d:request
printf '%s\n' "$i3/d:name/@line => 131" "$i3/d:sessions/@line => 131" "$i3/d:bodyRegion/@line => 132" \
	"$i3/d:bodyRegion/@page => 3" >"$tmp/pos.facts"
convert_ok "request parts' positions" examples/imr-2013-notice-b.txt "$tmp/pos.facts"
printf '%s\n' "$i3/d:name/@line => 158" "$i3/d:bodyRegion/@line => 159" >"$tmp/pos.facts"
convert_ok "request parts' positions (-layout)" examples/imr-2013-notice-b.layout.txt "$tmp/pos.facts"
# A 2013 notice without item sections: its numbered list is its items,
# each with its request (an overturned entry's service ends at its " is ").
awk '/Regarding the request/ {exit} {print}' examples/imr-2013-notice-a.txt >"$tmp/listonly.txt"
it=/d:determination/d:issues/d:issue
printf '%s\n' "count($it) => 2" "$it[1]/@decision => upheld" "$it[1]/d:service => omeprazole 20mg #60" \
	"$it[1]/d:request/d:strength/@value => 20" "$it[2]/@decision => overturned" \
	"$it[2]/d:service => six acupuncture sessions for the cervical and lumbar spine" \
	"$it[2]/@subcategory => acupuncture" "$it[2]/d:request/d:bodyRegion[1]/@line => 28" >"$tmp/lo.facts"
convert_ok "a notice whose numbered list is its items" "$tmp/listonly.txt" "$tmp/lo.facts"
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
# Fixed-pitch text (pdftotext -layout -fixed 3): every word spread apart by
# runs of blanks, labels and headings too ("HOW      THE     IMR ...").
if [ -d "$shared/real/pdf" ]; then
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf)
		if pdftotext -layout -fixed 3 "$pdf" "$tmp/fixed-$b.txt" 2>/dev/null; then
			convert_ok "$pdf (pdftotext -layout -fixed 3)" "$tmp/fixed-$b.txt" "tests/facts/real/$b.facts"
		else
			bad "pdftotext -layout -fixed 3 could not extract $pdf"
		fi
	done
fi
# PDFBox's text (PDFTextStripper, as Apache Tika and the public crawler of
# these letters use it) and `pdftotext -raw`: the header table row by row,
# single spaces between label and value, labels run into values ("Date
# Assigned: 12/05/2016 Date of Injury: 10/14/2016", "Priority: Standard
# Application" / "Received:" / the date).  The letters forbid extraction
# by their permission flags, which Tika ignores: decrypt first.
pdfbox_cp=/usr/share/java/pdfbox2-tools.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:/usr/share/java/commons-logging.jar
# (a JVM a letter and a way: the quick JIT alone and one GC thread, a
# third less CPU for the same text)
pdfbox_text() { # PDF OUT [-sort]
	qpdf --decrypt "$1" "$tmp/dec.pdf" &&
		java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$pdfbox_cp" org.apache.pdfbox.tools.ExtractText ${3:-} "$tmp/dec.pdf" "$2" 2>/dev/null
}
if [ -d "$shared/real/pdf" ]; then
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf)
		if pdftotext -raw "$pdf" "$tmp/raw-$b.txt" 2>/dev/null; then
			convert_ok "$pdf (pdftotext -raw)" "$tmp/raw-$b.txt" "tests/facts/real/$b.facts"
		else
			bad "pdftotext -raw could not extract $pdf"
		fi
		# and sorted by position (-sort, PDFTextStripper.setSortByPosition),
		# which puts a wrapped label's value before its last piece:
		# "Priority: Standard Application 11/28/2016" / "Received:".
		for sort in "" -sort; do
			if extracted "$tmp/pdfbox-$b.txt" "pdfbox$sort/$b.txt" pdfbox_text "$pdf" "$tmp/pdfbox-$b.txt" $sort; then
				convert_ok "$pdf (PDFBox ExtractText $sort)" "$tmp/pdfbox-$b.txt" "tests/facts/real/$b.facts"
			else
				bad "PDFBox (libpdfbox2-java, default-jre-headless) could not extract $pdf"
			fi
		done
	done
else
	echo "NOTICE: $shared/real/pdf is absent: PDFBox and pdftotext -raw shapes skipped"; skip=$((skip + 1))
fi
# A heading sharing its line with text (text flattened from a web page, a
# viewer's copy): run into the end of the line before it, or with the
# first line after it run into it.  The XML is the letter's own, but for
# the lines: every fact, every paragraph, and --verify holds.
strip_lines() { sed -e 's/ line="[0-9]*"//g' -e 's/ page="[0-9]*"//g' -e 's/ sha256="[0-9a-f]*"//' -e 's/ source="[^"]*"//'; }
# A letter in another shape is the letter's own XML, as FILTER sees them.
# The letter's own XML, as FILTER sees it, is made once a run: many
# shapes of one letter are compared with it.
declare -A letter_xmls=()
same_xml() { # name letter shaped filter
	sampled_out "$1" && return
	local own=${letter_xmls["$4 $2"]:-}
	if [ -z "$own" ]; then
		own=$tmp/letter-xml.${#letter_xmls[@]}
		run "$2" 2>/dev/null | "$4" >"$own"
		letter_xmls["$4 $2"]=$own
	fi
	if ! run --verify "$3" 2>"$tmp/err" | "$4" >"$tmp/shaped.xml"; then
		bad "$1: $(head -3 "$tmp/err")"
	elif ! cmp -s "$own" "$tmp/shaped.xml"; then
		bad "$1: not the letter's XML"
	else
		ok
	fi
}
moved=0
for in in examples/*.txt "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] || continue
	for mode in before after; do
		n=$(awk -v mode=$mode -f tests/shapes/heading-shares-line.awk "$in" 2>&1 >"$tmp/hs.txt")
		[ "$n" -gt 0 ] || continue
		moved=$((moved + n))
		same_xml "$in, headings run into the lines $mode them" "$in" "$tmp/hs.txt" strip_lines
	done
done
# (examples/ alone has 28 such headings; with ../shared, 100 and more)
want_moved=100
[ -d "$shared/real/txt" ] || want_moved=28
if [ "$moved" -ge "$want_moved" ]; then ok; else bad "only $moved headings found to run into their lines"; fi
# A viewer's copy, text flattened from a web page: the lines of each
# paragraph joined by single spaces (the header's labels on one line, its
# values run together after them, items' titles and labels mid-line),
# a page break inside a paragraph or a blank line, or each page one line.
# The real letters keep their facts.
joined=0
for join in paragraph blank page; do
	for in in "$shared"/real/txt/*.txt; do
		[ -f "$in" ] || continue
		awk -v join=$join -f tests/shapes/paragraphs-joined.awk "$in" >"$tmp/joined.txt"
		grep -q '^Case Number: Date Assigned: Decision Date: Priority:' "$tmp/joined.txt" && joined=$((joined + 1))
		convert_ok "$in, lines joined (-v join=$join)" "$tmp/joined.txt" "tests/facts/real/$(basename "$in" .txt).facts"
	done
done
if [ -d "$shared/real/txt" ]; then
	if [ "$joined" = 48 ]; then ok; else bad "lines joined: the awk script made $joined joined headers of 48"; fi
fi
# The examples joined so are their own XML but for the lines and the
# paragraphs a line break alone divided (which joining truly loses); the
# other examples' joined shapes are below.
one_paragraph() { strip_lines | sed 's/^ *//' | tr -d '\n' | sed 's#</p><p># #g'; }
for in in examples/imr-2014-claim.txt examples/imr-2014-cover-*.txt examples/imr-2014-single-spaced.txt \
	examples/imr-2016-*.txt paragraph:examples/imr-2014-double-spaced.txt paragraph:examples/imr-2014-physician.txt; do
	modes="paragraph blank page"
	case $in in paragraph:*) in=${in#paragraph:} modes=paragraph ;; esac
	for join in $modes; do
		awk -v join=$join -f tests/shapes/paragraphs-joined.awk "$in" >"$tmp/joined.txt"
		same_xml "$in, lines joined (-v join=$join)" "$in" "$tmp/joined.txt" one_paragraph
	done
done
# Redacted labels standing empty in a 2013 notice's rows: a short label
# ("Employee:", "Provider:") beside another, one the table does not know.
sed -e 's/^Employee Name:$/Employee:                                           Claim Number:/' \
	-e 's/^Provider Name:$/Provider:            Requesting Physician:/' examples/imr-2013-notice-b.layout.txt >"$tmp/redacted.txt"
if [ "$(grep -c '^Employee: .*Claim Number:$\|^Provider: .*Requesting Physician:$' "$tmp/redacted.txt")" != 2 ]; then
	bad "redacted labels: the sed script no longer finds its lines"
else
	printf '%s\n' 'count(//d:warning) => 0' 'count(/d:determination/d:header/*) => 7' >"$tmp/redacted.facts"
	convert_ok "a notice's redacted labels standing empty" "$tmp/redacted.txt" \
		tests/facts/examples/imr-2013-notice-b.layout.facts "$tmp/redacted.facts"
fi
# A letterhead, the notice's title and its date run into one line.
awk 'NR <= 7 { sub(/^ +/, ""); if ($0 != "") h = h (h == "" ? "" : " ") $0; if (NR == 7) print h; next } { print }' \
	examples/imr-2013-notice-a.txt >"$tmp/title.txt"
if [ "$(grep -c 'INC\. Independent Medical Review P\.O\. Box .* Determination Dated: 10/29/2013$' "$tmp/title.txt")" != 1 ]; then
	bad "letterhead, title and date on one line: the awk script no longer makes that line"
elif run --verify "$tmp/title.txt" 2>"$tmp/err" | strip_lines >"$tmp/title.xml" &&
	run examples/imr-2013-notice-a.txt | strip_lines | cmp -s - "$tmp/title.xml"; then
	ok
else
	bad "letterhead, title and date on one line: $(head -3 "$tmp/err")"
fi
# Unicode as PDF text carries it: a full-width colon, ligatures, no-break,
# thin, en and narrow no-break spaces in labels and headings.  Folded
# (NFKC), the letter is the example itself: the same XML but for @sha256.
lig=examples/imr-2016-standard.layout.txt
sed -e 's/Date Assigned:/Date Assigned\xef\xbc\x9a/' -e 's/Certification(s)/Certi\xef\xac\x81cation(s)/' \
	-e 's/CLINICAL CASE SUMMARY/CLINICAL\xe2\x80\x89CASE\xe2\x80\x89SUMMARY/' \
	-e 's/Decision rationale:/Decision\xe2\x80\x82rationale:/' -e 's/Case Number:/Case\xc2\xa0Number:/' \
	-e 's/MAXIMUS guideline:/MAXIMUS\xe2\x80\xafguideline:/' -e 's/fficient/\xef\xac\x83cient/g' "$lig" >"$tmp/lig.txt"
if [ "$(grep -c $'\xef\xac\x81\|\xef\xbc\x9a\|\xe2\x80\x89' "$tmp/lig.txt")" != 3 ]; then
	bad "ligatures and spaces: the sed script no longer finds its words in $lig"
elif run --verify --source-name "$lig" "$tmp/lig.txt" 2>"$tmp/err" | sed 's/ sha256="[0-9a-f]*"//' >"$tmp/lig.xml" &&
	sed 's/ sha256="[0-9a-f]*"//' "${lig%.txt}.xml" | cmp -s - "$tmp/lig.xml"; then
	ok
else
	bad "ligatures and spaces: not the XML of $lig: $(head -3 "$tmp/err")"
fi
# A line whose folded form is eleven times longer (U+FDFA, one character
# to eighteen): the text grows while it is read, the lines stay the lines.
awk -v big="$(printf '\xef\xb7\xba%.0s' $(seq 1000))" \
	'/CLINICAL CASE SUMMARY/ {print; getline; print big " Cafe\xcc\x81 \xef\xac\x81nal " $0; next} {print}' "$lig" >"$tmp/big.txt"
# (and a combining accent composed with its letter, a ligature after it)
printf '%s\n' "count(//d:caseSummary/d:p[@line = 22])  => 1" "contains(//d:caseSummary/d:p[@line = 22], 'عليه وسلمصلى')  => true" \
	"contains(//d:caseSummary/d:p[@line = 22], 'وسلم Café final The expert')  => true" \
	"//d:caseSummary/d:p[2]/@line => 25" >"$tmp/big.facts"
convert_ok "a line 18,000 characters long once folded" "$tmp/big.txt" tests/facts/examples/imr-2016-standard.layout.facts "$tmp/big.facts"
if [ -d "$shared/real" ]; then
	# A page break with blank lines around it inside each wrapped title.
	made=0
	for in in "$shared"/real/txt/*.txt "$shared"/seeds/*.txt examples/*.txt; do
		b=$(basename "$in" .txt)
		facts_of "$b"
		n=$(awk -f tests/shapes/pagebreak-in-title.awk "$in" 2>&1 >"$tmp/pb.txt")
		[ "$n" -gt 0 ] || continue
		made=$((made + n))
		convert_ok "$in with page breaks in its wrapped titles" "$tmp/pb.txt" "$facts"
	done
	if [ "$made" -ge 3 ]; then ok; else bad "only $made wrapped titles found to put page breaks in"; fi
fi
# The joined shapes of the 2013 notices (the header rows run into the
# salutation, numbered decisions and item sections mid-line), the lists of
# documents reviewed (one document a line: joined, told apart by their
# dates and the words a record opens with), the professional review's
# shared guideline and rationale (an item's part mid-line), page furniture
# mid-line, and the double-spaced and physician letters with their page
# breaks blank lines or each page one line: their own XML but for the
# lines and the paragraphs a line break alone divided.
notices=0 lists=0 shares=0
for in in examples/imr-2013-notice-*.txt examples/imr-documents-reviewed-*.txt examples/imr-professional-review-*.txt; do
	for join in paragraph blank page; do
		awk -v join=$join -f tests/shapes/paragraphs-joined.awk "$in" >"$tmp/joined.txt"
		grep -q 'Workers. Compensation: 1) MAXIMUS Federal Services, Inc. has determined' "$tmp/joined.txt" && notices=$((notices + 1))
		grep -q 'Review dated [0-9/]* Utilization Review Determination dated' "$tmp/joined.txt" && lists=$((lists + 1))
		grep -q 'relied upon\. [A-Z][^:]*: MTUS' "$tmp/joined.txt" && shares=$((shares + 1))
		same_xml "$in, lines joined (-v join=$join)" "$in" "$tmp/joined.txt" one_paragraph
	done
done
if [ "$notices/$lists/$shares" = 10/24/5 ]; then ok; else
	bad "lines joined: the awk script made $notices/$lists/$shares joined letters, lists, guidelines of 10/24/5"; fi
# A joined list whose records nothing tells apart (no date before a
# capital, no words a record opens with) says so; a record's dates joined
# by a list's joints are one record and no warning.
awk -v join=paragraph -f tests/shapes/paragraphs-joined.awk examples/imr-documents-reviewed-a.txt |
	sed 's#09/12/2013 MRI Report of the Right Shoulder#09/12/2013 an MRI report of the right shoulder#' >"$tmp/joined.txt"
sed 's#dated 06/04/2012 - 09/12/2013#dated 06/04/2012, 08/01/2012 and 09/12/2013#' examples/imr-documents-reviewed-a.txt >"$tmp/dates.txt"
if [ "$(grep -c '09/12/2013 an MRI report of the right shoulder dated' "$tmp/joined.txt")/$(grep -c '06/04/2012, 08/01/2012 and' "$tmp/dates.txt")" != 1/1 ]; then
	bad "documents run together: the sed scripts no longer find their records"
else
	printf '%s\n' 'count(//d:documentsReviewed/d:document) => 5' 'count(//d:warning) => 1' \
		'/d:determination/d:warning/@code => documents-run-together' '/d:determination/d:warning/@line => 7' \
		'/d:determination/d:warning => documents reviewed: record 5 holds another dated document from "an MRI report of the right shoulder dated 07/19/2012"' \
		'//d:documentsReviewed/d:document[5] => Medical Records from R. Delgado, MD dated 06/04/2012 - 09/12/2013 an MRI report of the right shoulder dated 07/19/2012' \
		'//d:documentsReviewed/d:document[4]/@to => 2013-09-10' >"$tmp/joined.facts"
	convert_ok "a joined list of documents nothing tells apart" "$tmp/joined.txt" "$tmp/joined.facts"
	printf '%s\n' 'count(//d:documentsReviewed/d:document) => 6' 'count(//d:warning) => 0' \
		'//d:documentsReviewed/d:document[5]/@date => 2012-06-04' >"$tmp/dates.facts"
	convert_ok "a record of three dates" "$tmp/dates.txt" "$tmp/dates.facts"
fi
# A bulleted list joined: each record after its bullet ("... dated
# 09/23/2013 - Medical Treatment ...", "... 09/12/2013 - MRI Report ...").
sed '/^DOCUMENTS REVIEWED$/,/^CLINICAL CASE SUMMARY$/{/^[A-Z][a-z]\|^MRI /s/^/- /}' examples/imr-documents-reviewed-a.txt |
	awk -v join=paragraph -f tests/shapes/paragraphs-joined.awk >"$tmp/joined.txt"
if ! grep -q 'determinations\. DOCUMENTS REVIEWED - Application .* 09/12/2013 - MRI Report of the Right Shoulder dated 07/19/2012 CLINICAL' "$tmp/joined.txt"; then
	bad "a bulleted list joined: the sed script no longer makes its line"
else
	printf '%s\n' 'count(//d:documentsReviewed/d:document) => 6' 'count(//d:warning) => 0' \
		'//d:documentsReviewed/d:document[1] => Application of Independent Medical Review dated 10/08/2013' \
		'//d:documentsReviewed/d:document[3] => Medical Treatment Utilization Schedule (MTUS)' \
		'//d:documentsReviewed/d:document[5]/@to => 2013-09-12' \
		'//d:documentsReviewed/d:document[6] => MRI Report of the Right Shoulder dated 07/19/2012' >"$tmp/joined.facts"
	convert_ok "a bulleted list of documents joined" "$tmp/joined.txt" "$tmp/joined.facts"
fi
# Joined, a hyphen that ended a line is followed by a blank ("drug-" /
# "taking" is "drug- taking"): that, and no more, is what differs.
lost_hyphen() { one_paragraph | sed 's/\([a-z]\)- \([a-z]\)/\1-\2/g'; }
for in in examples/imr-2014-double-spaced.txt examples/imr-2014-physician.txt; do
	for join in blank page; do
		awk -v join=$join -f tests/shapes/paragraphs-joined.awk "$in" >"$tmp/joined.txt"
		same_xml "$in, lines joined (-v join=$join)" "$in" "$tmp/joined.txt" lost_hyphen
	done
done
# Each page one line: the case summary's second paragraph (blank lines
# alone divided it) is one with the first, 11 paragraphs of the letter's 12.
awk -v join=page -f tests/shapes/paragraphs-joined.awk examples/imr-2014-physician.txt >"$tmp/joined.txt"
printf '%s\n' 'count(//d:p) => 11' 'count(//d:caseSummary/d:p) => 1' \
	'/d:determination/d:issues/d:issue[1]/d:service => Home transcutaneous electrical nerve stimulation (TENS) unit with electrodes and supplies, one- month rental' >"$tmp/joined.facts"
convert_ok "examples/imr-2014-physician.txt, each page one line: the hyphen lost" "$tmp/joined.txt" "$tmp/joined.facts"

# ---- issue 16a: loose spacing (pypdf), UTF-16, invisible characters, columns
# pypdf's text (the most used Python PDF library): a blank wherever the
# glyphs had a gap ("guideline :", "CM16 -0228949", "10 -14-2016",
# "bas ed on d ecisions", "200 4"); extracted now, never committed.
pypdf_text() { # PDF OUT
	qpdf --decrypt "$1" "$tmp/dec.pdf" && /usr/bin/python3 -c 'import sys,pypdf; r=pypdf.PdfReader(sys.argv[1]); print("\n".join(p.extract_text() for p in r.pages))' \
		"$tmp/dec.pdf" >"$2" 2>/dev/null
}
if [ -d "$shared/real/pdf" ] && /usr/bin/python3 -c 'import pypdf' 2>/dev/null; then
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf)
		if extracted "$tmp/pypdf-$b.txt" "pypdf/$b.txt" pypdf_text "$pdf" "$tmp/pypdf-$b.txt"; then
			convert_ok "$pdf (pypdf)" "$tmp/pypdf-$b.txt" "tests/facts/real/$b.facts"
		else
			bad "pypdf (python3-pypdf) could not extract $pdf"
		fi
	done
else
	echo "NOTICE: $shared/real/pdf or python3-pypdf is absent: pypdf shapes skipped"; skip=$((skip + 1))
fi
# Text saved by Windows tools: UTF-16 little- and big-endian with a
# byte-order mark, and little-endian without one.  Soft hyphens inside
# words, zero-width spaces, joiners and a word joiner in labels and
# headings.  Each is the example's XML, but for its digest.
ex=examples/imr-2016-standard.txt
no_digest() { sed 's/ sha256="[0-9a-f]*"//'; }
for shape in UTF-16LE UTF-16BE bomless softhy hyphens breaks; do
	case $shape in
	UTF-16*) iconv -f UTF-8 -t $shape "$ex" | { printf '\xff\xfe' | iconv -f UTF-16LE -t $shape; cat; } >"$tmp/shape.txt" ;;
	bomless) iconv -f UTF-8 -t UTF-16LE "$ex" >"$tmp/shape.txt" ;;
	softhy) sed -e 's/\([A-Za-z]\{4\}\)\([a-z]\{4,\}\)/\1\xc2\xad\2/g' -e 's/CLINICAL CASE/CLINICAL\xe2\x80\x8b CASE/' \
		-e 's/Decision rationale/Deci\xe2\x80\x8csion\xe2\x81\xa0 rationale/' -e 's/MAXIMUS/MAX\xe2\x80\x8dIMUS/' "$ex" >"$tmp/shape.txt" ;;
	# Every "-" one of the hyphens a PDF's text may carry instead (U+2010,
	# U+2011, U+2012, U+2212 in turn): the case number, dates, words.
	hyphens) awk 'BEGIN { split("\xe2\x80\x90 \xe2\x80\x91 \xe2\x80\x92 \xe2\x88\x92", h, " ") }
		{ o = ""; while ((i = index($0, "-")) > 0) { o = o substr($0, 1, i - 1) h[n++ % 4 + 1]; $0 = substr($0, i + 1) } print o $0 }' \
		"$ex" >"$tmp/shape.txt" ;;
	# Each line ended in turn by a vertical tab (Word's manual line break),
	# NEL, U+2028, U+2029, CRLF and LF: Unicode's mandatory breaks.
	breaks) awk 'BEGIN { n = split("\v,\302\205,\342\200\250,\342\200\251,\r\n,\n", b, ",") }
		{ printf "%s%s", $0, b[NR % n + 1] }' "$ex" >"$tmp/shape.txt" ;;
	esac
	if [ "$shape" = softhy ] && [ "$(grep -c $'\xc2\xad' "$tmp/shape.txt")" -lt 50 ]; then
		bad "invisible characters: the sed script no longer finds the words of $ex"
	elif [ "$shape" = hyphens ] && { grep -q -- - "$tmp/shape.txt" || [ "$(grep -c $'\xe2\x88\x92' "$tmp/shape.txt")" -lt 3 ]; }; then
		bad "hyphens: the awk script no longer replaces the hyphens of $ex"
	elif [ "$shape" = breaks ] && [ "$(tr -cd '\v' <"$tmp/shape.txt" | wc -c)" -lt 10 ]; then
		bad "breaks: the awk script no longer ends lines with a vertical tab"
	elif run --verify --source-name "$ex" "$tmp/shape.txt" 2>"$tmp/err" | no_digest >"$tmp/shape.xml" &&
		no_digest <"${ex%.txt}.xml" | cmp -s - "$tmp/shape.xml"; then
		ok
	else
		bad "$shape: not the XML of $ex: $(head -3 "$tmp/err")"
	fi
done
# A line of 200,000 letters each with a soft hyphen: removed in one pass
# over the line (one memmove each was quadratic: no end in a minute).
{ sed -n '1,33p' "$ex"; printf 'a\xc2\xad%.0s' $(seq 200000); echo; sed -n '34,$p' "$ex"; } >"$tmp/longshy.txt"
printf '%s\n' "string-length(//d:caseSummary/d:p[@line = 33]) => 202126" \
	"contains(//d:caseSummary/d:p[@line = 33], 'review of the aaaa')  => true" >"$tmp/longshy.facts"
convert_ok "a line of 200,000 soft hyphens" "$tmp/longshy.txt" tests/facts/examples/imr-2016-standard.facts "$tmp/longshy.facts"
# A UTF-16 text cut short, or with a lone surrogate, is refused: exit 1, no output.
printf '\xff\xfeC\0a\0s\0e\0\n' >"$tmp/odd16.txt"
expect "UTF-16 cut short" 1 "odd16.txt: error: input is UTF-16LE, but byte 10 starts no UTF-16 character (the text ends inside one)" "$tmp/odd16.txt" -o "$tmp/o.xml"
printf '\xff\xfeC\0\x00\xdca\0\n\0' >"$tmp/odd16.txt"
expect "UTF-16 lone surrogate" 1 "odd16.txt: error: input is UTF-16LE, but byte 4 starts no UTF-16 character (a lone surrogate)" "$tmp/odd16.txt" -o "$tmp/o.xml"
# A diagnostic's column is the original line's, whatever normalization
# removed or folded before it: a soft hyphen, a zero-width space, a
# ligature, a thin space and two blanks before "Decision" (column 7, the
# caret under it in the line as read, column 6).
printf 'Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\nR.\nCLINICAL CASE SUMMARY\nS.\nIMR ISSUES, DECISIONS AND RATIONALES\nCane: Upheld\nClaims Administrator guideline: x\n\xc2\xad\xe2\x80\x8b\xef\xac\x81\xe2\x80\x89  Decision rationale: y.\n' >"$tmp/col.txt"
expect "column in the original line" 1 "col.txt:9:7: error: syntax error, unexpected Decision rationale, expecting MAXIMUS guideline or text line" "$tmp/col.txt" -o "$tmp/o.xml"
if grep -qx '       |      ^' "$tmp/err"; then ok; else bad "column in the original line: the caret is not under \"Decision\": $(cat "$tmp/err")"; fi
# and in loose text, where runs of blanks became one: "Decision" at column 24.
printf 'Case Number:  CM16 -0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\nR.\nCLINICAL CASE SUMMARY\nS.\nIMR ISSUES, DECISIONS AND RATIONALES\nCane : Upheld\nClaims Administrator  guideline : x\n                       Decision rationale: y.\n' >"$tmp/col.txt"
expect "column in the original line, loose text" 1 "col.txt:9:24: error: syntax error, unexpected Decision rationale" "$tmp/col.txt" -o "$tmp/o.xml"

# --- issue 16b: text re-wrapped at another width, headings in title case ---
# A mail client or a web page dumped as text at 60 to 100 columns, a tool
# that reflows paragraphs (fmt), long lines broken (fold -s): a heading,
# a label, the credentials' intro, an item's title and its decision start
# in the middle of a line and end on the next (src/unwrap.c).  The real
# letters and seeds keep their facts.
if [ -d "$shared/real" ]; then
	broken=0
	for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
		b=$(basename "$in" .txt)
		facts_of "$b"
		for reflow in "fmt -w 60" "fmt -w 72" "fmt -w 80" "fmt -w 100" "fold -s -w 80"; do
			$reflow "$in" >"$tmp/wrapped.txt"
			# (the issues' intro, 97 characters, never on one line at 60)
			[ "$reflow" = "fmt -w 60" ] && ! grep -q 'The Final Determination was based on decisions for the disputed items/services set forth below:' "$tmp/wrapped.txt" && broken=$((broken + 1))
			convert_ok "$in, re-wrapped ($reflow)" "$tmp/wrapped.txt" "$facts"
		done
	done
	if [ "$broken" = 37 ]; then ok; else bad "re-wrapped: the issues' intro broken in $broken letters of 37 at 60 columns"; fi
	# A viewer's copy (each paragraph's lines joined, no blank line between
	# them) re-wrapped at 72 columns: the header's labels, its values and
	# the first heading run over three lines, read as one row.
	for in in "$shared"/real/txt/*.txt; do
		awk -v join=paragraph -f tests/shapes/paragraphs-joined.awk "$in" | fmt -u -w 72 >"$tmp/wrapped.txt"
		convert_ok "$in, lines joined then re-wrapped (fmt -u -w 72)" "$tmp/wrapped.txt" "tests/facts/real/$(basename "$in" .txt).facts"
	done
else
	echo "NOTICE: $shared/real is absent: re-wrapped real letters skipped"; skip=$((skip + 1))
fi
# The examples re-wrapped are their own XML but for the lines and the
# paragraphs (one_paragraph).  Not the 2013 notices (their -layout shape
# is read re-wrapped: "layout drift" below), documents-reviewed and
# professional-review letters, whose lines joined are not read yet (as
# above), nor below 100 columns the double-spaced and physician letters:
# fmt drops the page break inside their titles, and the blank lines left
# there end a paragraph (docs/grammar.md).
# The widths text is re-wrapped and folded at.  Under the sanitizers
# (check.sh's second run, IMR_SANITIZED) one width each: the release run
# reads every width, and the code a width takes is the same at the others.
if [ -n "${IMR_SANITIZED:-}" ]; then
	widths=72 notice_widths=72 fold_widths=72 wide_fold_widths=95
else
	widths="60 72 80 100" notice_widths="50 60 72 80 100" fold_widths="60 72 80" wide_fold_widths="95 100"
fi
for in in examples/imr-2014-claim.txt examples/imr-2014-cover-*.txt examples/imr-2014-single-spaced.txt \
	examples/imr-2016-*.txt wide:examples/imr-2014-double-spaced.txt wide:examples/imr-2014-physician.txt; do
	wraps=$widths
	case $in in wide:*) in=${in#wide:} wraps=100 ;; esac
	for w in $wraps; do
		fmt -w $w "$in" >"$tmp/wrapped.txt"
		same_xml "$in, re-wrapped (fmt -w $w)" "$in" "$tmp/wrapped.txt" one_paragraph
	done
done
# What is not read yet re-wrapped (a title whose page break fmt drops)
# degrades: --partial writes XML the schema accepts, with the header
# read, and the diagnostic shows the one input line it names, not the
# paragraph joined to it.
for in in examples/imr-2014-physician.txt:; do
	case=${in#*:} in=${in%%:*}
	fmt -w 72 "$in" >"$tmp/wrapped.txt"
	run --partial "$tmp/wrapped.txt" >"$tmp/out.xml" 2>"$tmp/err"; rc=$?
	long=$(sed -n 's/^ *[0-9][0-9]* | //p' "$tmp/err" | awk 'length > 72' | wc -l)
	if [ $rc -gt 1 ] || ! xmllint --noout --nonet --schema "$xsd" "$tmp/out.xml" 2>/dev/null; then
		bad "$in re-wrapped, --partial: exit $rc or invalid XML: $(head -3 "$tmp/err")"
	elif [ -n "$case" ] && ! grep -q "<caseNumber[^>]*>$case</caseNumber>" "$tmp/out.xml"; then
		bad "$in re-wrapped, --partial: no caseNumber $case"
	elif [ "$long" != 0 ]; then
		bad "$in re-wrapped: a diagnostic shows a source line longer than the input's 72 columns"
	else
		ok
	fi
done
# Headings in title case on a line of their own, as a web page shows them
# when CSS makes the capitals ("How the IMR Final Determination Was Made"),
# or every word capitalised ("Imr Issues, Decisions And Rationales"); "the
# following clinical case summary" in a sentence stays text.
if [ -d "$shared/real" ]; then
	titled=0 letters=0
	for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
		b=$(basename "$in" .txt)
		facts_of "$b"
		# (the two ways, one letter in two each)
		letters=$((letters + 1))
		if [ $((letters % 2)) = 0 ]; then
			how='How the IMR Final Determination Was Made' issues='IMR Issues, Decisions and Rationales'
		else
			how='How The Imr Final Determination Was Made' issues='Imr Issues, Decisions And Rationales'
		fi
		sed -e "s/^\( *\)HOW THE IMR FINAL DETERMINATION WAS MADE\$/\1$how/" -e 's/^\( *\)CLINICAL CASE SUMMARY$/\1Clinical Case Summary/' \
			-e "s/^\( *\)IMR ISSUES, DECISIONS AND RATIONALES\$/\1$issues/" "$in" >"$tmp/titled.txt"
		titled=$((titled + $(grep -c "^ *\($how\|Clinical Case Summary\|$issues\)\$" "$tmp/titled.txt")))
		convert_ok "$in, headings in title case ($how)" "$tmp/titled.txt" "$facts"
	done
	if [ "$titled" = 92 ]; then ok; else bad "title case: the sed script made $titled headings of 92"; fi
fi
# --- end of issue 16b ---
# ---- layout drift: pypdf re-wrapped, a -layout notice re-wrapped, fold -w ----
# pypdf's text re-wrapped (fmt): its blank before a label's colon, a
# hyphen or inside a word ("Claims Administrator guideline :", "Non
# -MTUS", "bas ed") becomes a line break ("... guideline" / ": Decision
# based on ..."), the line's blanks its indent.  The same facts as txt/.
# pypdf_shapes NAME MIN WHAT COUNT SHAPE...: pypdf's text of each real
# letter made into each SHAPE (a command run on the text: "fmt -w 72",
# "fold -w 95"), converted with the letter's facts, the test named
# "PDF (pypdf), NAME (SHAPE)"; COUNT, an awk program given the shape's
# last word as w, counts the distortion in each, MIN at least in all
# (WHAT says what it counted).
pypdf_shapes() {
	local name=$1 min=$2 what=$3 count=$4 pdf b shape n=0
	shift 4
	if [ ! -d "$shared/real/pdf" ] || ! /usr/bin/python3 -c 'import pypdf' 2>/dev/null; then
		echo "NOTICE: $shared/real/pdf or python3-pypdf is absent: pypdf $name skipped"; skip=$((skip + 1)); return
	fi
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf)
		if ! extracted "$tmp/pypdf-$b.txt" "pypdf/$b.txt" pypdf_text "$pdf" "$tmp/pypdf-$b.txt"; then
			bad "pypdf (python3-pypdf) could not extract $pdf"; continue
		fi
		for shape in "$@"; do
			$shape "$tmp/pypdf-$b.txt" >"$tmp/shaped.txt"
			n=$((n + $(awk -v w="${shape##* }" "$count" "$tmp/shaped.txt")))
			convert_ok "$pdf (pypdf), $name ($shape)" "$tmp/shaped.txt" "tests/facts/real/$b.facts"
		done
	done
	if [ "$n" -ge "$min" ]; then ok; else bad "pypdf $name: only $n $what"; fi
}
# (the shape itself: lines opening with a label's colon, with a piece
# joined by a hyphen, with the rest of a label broken after its indent)
pypdf_shapes re-wrapped 10 "lines open with the rest of a word or label" \
	'prev ~ /Administrator$/ && /^ *guideline/ || /^ *: / || /^ *-[A-Za-z]/ { n++ } { prev = $0 } END { print n + 0 }' \
	"fmt -w 72" "fmt -u -w 60" "fmt -w 100"
# A -layout 2013 notice re-wrapped: its title, centred in an indent, wraps
# in it ("Notice of Independent Medical Review" / "Determination", each
# indented) and is closed up into one cell (unwrap.c); a page's "Page" and
# its "2 of 4" a line apart are page furniture.  The letter's XML.
for in in examples/imr-2013-notice-a.layout.txt examples/imr-2013-notice-b.layout.txt; do
	for w in $notice_widths; do
		fmt -w $w "$in" >"$tmp/wrapped.txt"
		same_xml "$in, re-wrapped (fmt -w $w)" "$in" "$tmp/wrapped.txt" one_paragraph
	done
	fmt -w 72 "$in" >"$tmp/wrapped.txt"
	if grep -q '^ *Notice of Independent Medical Review$' "$tmp/wrapped.txt" && grep -q '^ *Determination$' "$tmp/wrapped.txt"; then ok; else
		bad "$in re-wrapped at 72: the title no longer wraps in its indent"
	fi
done
# A plain (not -layout) 2013 notice re-wrapped: with no blank line in its
# first page, fmt makes the header's rows, the letter and its numbered
# decisions one paragraph: a value parted from its label by a line break
# ("... Date of Injury:" / "11/2/2010 Claim Number: ..."), an entry's
# number from its phrase ("... under dispute: 1)" / "MAXIMUS Federal
# Services ..."), an entry's phrase broken after text ("... appropriate.
# 4) Regarding the request" / "for one urine drug screen: ..."), fmt's
# two blanks after a sentence.  The letter's XML, and so are its lines
# joined (a viewer's copy).
for in in examples/imr-2013-notice-a.txt examples/imr-2013-notice-b.txt; do
	for w in $notice_widths; do
		fmt -w $w "$in" >"$tmp/wrapped.txt"
		same_xml "$in, re-wrapped (fmt -w $w)" "$in" "$tmp/wrapped.txt" one_paragraph
	done
	for join in paragraph blank page; do
		awk -v join=$join -f tests/shapes/paragraphs-joined.awk "$in" >"$tmp/joined.txt"
		same_xml "$in, lines joined (-v join=$join)" "$in" "$tmp/joined.txt" one_paragraph
	done
done
fmt -w 72 examples/imr-2013-notice-a.txt >"$tmp/wrapped.txt"
if grep -q 'Date of Injury:$' "$tmp/wrapped.txt" && grep -q '^11/2/2010 Claim Number:' "$tmp/wrapped.txt"; then ok; else
	bad "notice re-wrapped at 72: the date of injury no longer parted from its label"
fi
fmt -w 100 examples/imr-2013-notice-b.txt >"$tmp/wrapped.txt"
if grep -q ' 4) Regarding the request$' "$tmp/wrapped.txt"; then ok; else
	bad "notice re-wrapped at 100: the fourth item's phrase no longer broken after text"
fi
# Text folded at a width without regard to words (fold -w N, no -s): each
# line cut at the width goes on with the next, no line break between
# (folded.c), every position still on its input line.  The real
# letters keep their facts; the seeds and examples are their own XML but
# for the lines.
if [ -d "$shared/real" ]; then
	cut=0
	for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
		b=$(basename "$in" .txt)
		facts_of "$b"
		for w in $fold_widths; do
			fold -w $w "$in" >"$tmp/folded.txt"
			# (words cut: a line of the width ending in a letter, the next opening with one)
			cut=$((cut + $(awk -v w=$w 'length(prev) == w && prev ~ /[a-z]$/ && /^[a-z]/ { n++ } { prev = $0 } END { print n + 0 }' "$tmp/folded.txt")))
			convert_ok "$in, folded (fold -w $w)" "$tmp/folded.txt" "$facts"
			case $in in "$shared"/seeds/*) same_xml "$in, folded (fold -w $w)" "$in" "$tmp/folded.txt" strip_lines ;; esac
		done
	done
	if [ "$cut" -ge 1000 ]; then ok; else bad "fold -w: only $cut words cut in the 37 letters"; fi
else
	echo "NOTICE: $shared/real is absent: folded real letters skipped"; skip=$((skip + 1))
fi
for in in examples/*.txt; do
	for w in $fold_widths; do
		fold -w $w "$in" >"$tmp/folded.txt"
		same_xml "$in, folded (fold -w $w)" "$in" "$tmp/folded.txt" strip_lines
	done
done
# Folded at a width most of the letters' own lines fit in (95, 100): at
# 95 few lines are cut, too few to be a quarter of the text, and the
# text is told folded by its lines of the width outnumbering those a few
# bytes shorter and by cuts whose pieces are a word of the letter; at
# 100 a letter has a line or two cut, read as they stand.  The facts
# hold for every letter (at 95 CM17-0002106's own line ending in
# "documented", a word it has once, before "as": no cut, for its last
# three letters end other words of the letter, "noted" and "indicated").
if [ -d "$shared/real" ]; then
	for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
		b=$(basename "$in" .txt)
		facts_of "$b"
		for w in $wide_fold_widths; do
			fold -w $w "$in" >"$tmp/folded.txt"
			convert_ok "$in, folded (fold -w $w)" "$tmp/folded.txt" "$facts"
		done
	done
	# (the shape: at 95 a letter has lines cut, fewer than a quarter of its own)
	fold -w 95 "$shared/real/txt/CM16-0228949.txt" >"$tmp/folded.txt"
	if [ "$(awk 'length == 95' "$tmp/folded.txt" | wc -l)" -ge 8 ] &&
		[ "$(awk 'length == 95' "$tmp/folded.txt" | wc -l)" -lt "$(($(grep -c . "$tmp/folded.txt") / 4))" ]; then ok; else
		bad "fold -w 95: CM16-0228949 no longer has a few lines cut"
	fi
fi
# A -layout line of the width before a line that opens with blanks to a
# column where the line has a word after blanks (the header's
# "Application  03/14/2017" / "   Received:" at 85 columns): the letter's
# own column, not a cut at a blank (folded.c, own_column).  The layout
# letters keep their facts at 85, and bench/fold-joins.sh's false joins
# over the 37 letters are as measured (14 at 85 before the rule).  A
# doubtful join before a line itself of the width is refused (the
# letter's own two lines: at 89 columns "He/she has no" / "affiliation"
# in each letter): 49 false joins at 89 before, 22 at 90.
if [ -d "$shared/real" ]; then
	for in in "$shared"/real/layout/*.txt; do
		facts_of "$(basename "$in" .txt)"
		fold -w 85 "$in" >"$tmp/folded.txt"
		convert_ok "$in, folded (fold -w 85)" "$tmp/folded.txt" "$facts"
	done
	if [ -z "${IMR_SANITIZED:-}" ]; then
		joins=$(bench/fold-joins.sh "$(dirname "$factcheck")" 85 89 90 | sed 's/ of [0-9]* lines[^;]*//; s/ cuts missed;.*//')
		if [ "$joins" = "fold -w 85: 1 false joins; 2 of 1760
fold -w 89: 15 false joins; 2 of 1461
fold -w 90: 18 false joins; 1 of 1299" ]; then ok; else bad "fold-joins at 85, 89 and 90 columns: $joins"; fi
	fi
fi
# pypdf's text folded: two distortions at once.  A fold cuts again the
# words pypdf split ("neck m usc" / "le,", "Official D" / "is ability",
# "Fl" / "e xeril"); the spacing is repaired in the row the lines make,
# not line by line.  The same facts as txt/.
# (words cut: a line of the width ending in a letter, the next opening
# with one; 570 at 72 columns alone, the sanitized run's one width)
folds=()
for w in $fold_widths; do folds+=("fold -w $w"); done
pypdf_shapes folded 500 "words cut in the 16 letters" \
	'length(prev) == w && prev ~ /[a-z]$/ && /^[a-z]/ { n++ } { prev = $0 } END { print n + 0 }' "${folds[@]}"
# A diagnostic in folded text names the input line and its column, and
# shows that line: "Decision rationale:" on the example's line 96 at
# column 19 once its MAXIMUS guideline is gone and the paragraph before
# runs into its line.
awk 'NR == 63 || NR == 64 || NR == 65 { next } NR == 62 { printf "%s ", $0; next } { print }' \
	examples/imr-2016-standard.txt | fold -w 60 >"$tmp/folded.txt"
if [ "$(sed -n '96p' "$tmp/folded.txt")" != "flow cryotherapy. Decision rationale: The MTUS does not addr" ]; then
	bad "folded diagnostic: the awk script no longer makes line 96"
else
	expect "folded text, a diagnostic's position" 1 "folded.txt:96:19: error: syntax error, unexpected Decision rationale" "$tmp/folded.txt" -o "$tmp/o.xml"
	if grep -qx '    96 | flow cryotherapy. Decision rationale: The MTUS does not addr' "$tmp/err"; then ok; else
		bad "folded diagnostic: not the input line shown: $(cat "$tmp/err")"
	fi
fi
# ---- end of layout drift ----
# ---- text folded narrow ----
# Text folded at 30 to 46 columns at its blanks (fold -s: a phone's or an
# e-reader's copy, a narrow viewer pane, a terminal pipeline): each line
# cut after its last blank, or inside a word longer than the width, goes
# on with the next (folded.c, imr_folded_at_blanks), every position still
# on its input line.  The real letters and the seeds keep their facts,
# the seeds and every example are their own XML but for the lines.
# Re-wrapped as narrow (fmt -w 30, -w 36), which no fold undoes: headings
# in capitals over three and four lines, a header label over two, a
# modified request's "was the original" / "request.", a notice's numbered
# decision over six lines; the real letters and seeds keep their facts,
# the examples the re-wrapped test above reads are their own XML but for
# the lines and the paragraphs.  Under the sanitizers one width each.
if [ -n "${IMR_SANITIZED:-}" ]; then
	narrow_folds=("fold -s -w 30") narrow_fmts=("fmt -w 36") narrow_want=$(((32 + 5) * 2 + 25 + 15))
else
	narrow_folds=("fold -s -w 30" "fold -s -w 36" "fold -s -w 40" "fold -s -w 46") narrow_fmts=("fmt -w 30" "fmt -w 36")
	narrow_want=$(((32 + 5) * 6 + 25 * 4 + 15 * 2))
fi
narrow=0 narrow_cut=0
if [ -d "$shared/real" ]; then
	for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
		facts_of "$(basename "$in" .txt)"
		for shape in "${narrow_folds[@]}" "${narrow_fmts[@]}"; do
			$shape "$in" >"$tmp/narrow.txt"
			narrow=$((narrow + 1))
			case $in:$shape in
			"$shared"/real/*:fold*) # (lines cut at a blank: a real letter's own end in none)
				narrow_cut=$((narrow_cut + $(grep -c ' $' "$tmp/narrow.txt"))) ;;
			esac
			convert_ok "$in, folded narrow ($shape)" "$tmp/narrow.txt" "$facts"
			case $in:$shape in "$shared"/seeds/*:fold*) same_xml "$in, folded narrow ($shape)" "$in" "$tmp/narrow.txt" strip_lines ;; esac
		done
	done
	# (5,560 at 30 columns alone, the sanitized run's one width)
	if [ "$narrow_cut" -ge 5000 ]; then ok; else bad "fold -s narrow: only $narrow_cut lines cut at a blank in the 32 real texts"; fi
else
	echo "NOTICE: $shared/real is absent: real letters folded narrow skipped"; skip=$((skip + 1))
	narrow_want=$((narrow_want - (32 + 5) * (${#narrow_folds[@]} + ${#narrow_fmts[@]})))
fi
for in in examples/*.txt; do
	for shape in "${narrow_folds[@]}"; do
		$shape "$in" >"$tmp/narrow.txt"
		narrow=$((narrow + 1))
		same_xml "$in, folded narrow ($shape)" "$in" "$tmp/narrow.txt" strip_lines
	done
done
for in in examples/imr-2013-notice-*.txt examples/imr-2014-claim.txt examples/imr-2014-cover-*.txt \
	examples/imr-2014-single-spaced.txt examples/imr-2016-*.txt; do
	for shape in "${narrow_fmts[@]}"; do
		$shape "$in" >"$tmp/narrow.txt"
		narrow=$((narrow + 1))
		same_xml "$in, re-wrapped narrow ($shape)" "$in" "$tmp/narrow.txt" one_paragraph
	done
done
if [ "$narrow" = "$narrow_want" ]; then ok; else bad "folded narrow: $narrow texts made, want $narrow_want"; fi
# A word longer than the width (a URL) cut inside by fold -s, at 30
# columns in three pieces ("(https://www.odg-twc.com/odgtw" / "c/knee.htm#..."
# / "herapy)"): joined back, the letter's XML with the URL whole.
sed '66s|$| (https://www.odg-twc.com/odgtwc/knee.htm#Continuousflowcryotherapy)|' examples/imr-2016-standard.txt >"$tmp/url.txt"
fold -s -w 30 "$tmp/url.txt" >"$tmp/narrow.txt"
if grep -qx 'c/knee.htm#Continuousflowcryot' "$tmp/narrow.txt"; then
	same_xml "a URL longer than the width, folded narrow (fold -s -w 30)" "$tmp/url.txt" "$tmp/narrow.txt" strip_lines
else
	bad "fold -s -w 30: the URL is no longer cut inside"
fi
# ---- end of text folded narrow ----
# ---- issue 16d: OCR'd text, pdfminer -V, words hyphenated at line ends ----
# OCR'd text (tesseract, as researchers read scanned or image-only copies):
# the header table's rules read as glyphs ("UR Denial Date: | 11/16/2016",
# "Standard ] Application").  An invented header in that shape is the
# example's own XML but for the lines; four real letters OCR'd now (300
# dpi, one thread: about 20 s of CPU) keep all their facts.
ocr_header=examples/imr-2016-standard.txt
{
	printf '%s\n' 'Case Number: | CM16-0243517' 'Date Assigned: 12/22/2016 | Date of Injury: 10/13/2016' \
		'Decision Date: 01/23/2017 UR Denial Date: | 11/17/2016' 'Priority: Standard ] Application 12/16/2016' \
		'| Received: |'
	tail -n +19 "$ocr_header"
} >"$tmp/ocr-header.txt"
if [ "$(sed -n 18,19p "$ocr_header" | tr '\n' '|')" != '12/16/2016||' ]; then
	bad "OCR'd header: $ocr_header no longer has its header in lines 1-18"
else
	same_xml "a header table's rules read as glyphs (OCR)" "$ocr_header" "$tmp/ocr-header.txt" strip_lines
fi
# A state OCR split at a blank ("W ashington, Califor nia", as at 200 dpi
# "W yoming"): the reviewer's states as the letter names them.
sed 's/^State(s) of Licensure: Washington, California$/State(s) of Licensure: W ashington, Califor nia/' \
	examples/imr-2016-expedited.layout.txt >"$tmp/ocr-states.txt"
if ! grep -q 'W ashington, Califor nia$' "$tmp/ocr-states.txt"; then
	bad "OCR'd states: the sed script no longer finds the licensure line of examples/imr-2016-expedited.layout.txt"
else
	same_xml "a reviewer's states split at a blank (OCR)" examples/imr-2016-expedited.layout.txt "$tmp/ocr-states.txt" strip_lines
fi
ocr_text() { # PDF OUT [TESSERACT-OPTION...]: each page at 300 dpi, one thread
	local pdf=$1 out=$2
	shift 2
	rm -f "$tmp"/page-*.pgm
	pdftoppm -r 300 -gray "$pdf" "$tmp/page" || return 1
	for page in "$tmp"/page-*.pgm; do
		OMP_THREAD_LIMIT=1 tesseract "$@" "$page" - 2>/dev/null
		printf '\f'
	done >"$out"
}
if [ -d "$shared/real/pdf" ] && command -v tesseract >/dev/null && command -v pdftoppm >/dev/null; then
	for b in CM16-0228949 CM16-0234464 CM17-0002106 CM17-0016761; do
		if extracted "$tmp/ocr-$b.txt" "ocr/$b.txt" ocr_text "$shared/real/pdf/$b.pdf" "$tmp/ocr-$b.txt"; then
			convert_ok "$b.pdf OCR'd (tesseract, 300 dpi)" "$tmp/ocr-$b.txt" "tests/facts/real/$b.facts"
		else
			bad "pdftoppm could not render $b.pdf"
		fi
	done
	rm -f "$tmp"/page-*.pgm
else
	echo "NOTICE: $shared/real/pdf, tesseract (tesseract-ocr, tesseract-ocr-eng) or pdftoppm is absent: OCR shapes skipped"; skip=$((skip + 1))
fi
# ---- session 28: OCR'd as one block (tesseract --psm 6), header labels lost ----
# tesseract --psm 6 reads a page as one block: the header table's rules
# become glyphs stuck to a label ("[|CaseNumber: | CM16-0234464 |") or
# letters after a value ("CM16-0228949 PO"), and labels are lost.
# CM16-0234464 and CM17-0002106 keep only "Case Number:" (and "Received:",
# a label's piece): converted, the case number read, every fact after the
# header kept, the six labels lost said in one warning
# (header-labels-missing) and their fields absent.  CM16-0228949 and
# CM17-0016761 lose "Case Number:" and "Decision Date:": the case number
# taken by its form, the lone date by the dates' order (after the
# assignment: the decision's), each said, every header fact kept.
# CM17-0016761's first page is OCR'd double-spaced, its second not: each
# page read as it is (pages spaced differently, below), its item's title
# whole (refused before: the title split by blank lines).
if [ -d "$shared/real/pdf" ] && command -v tesseract >/dev/null && command -v pdftoppm >/dev/null; then
	lost_labels='header: no Date Assigned:, Decision Date:, Priority:, Date of Injury:, UR Denial Date:, Application Received: (every imr-2016 letter has them; lost to OCR?): their fields are not read'
	for b in CM16-0234464 CM17-0002106 CM16-0228949 CM17-0016761; do
		if ! extracted "$tmp/ocr6-$b.txt" "ocr-psm6/$b.txt" ocr_text "$shared/real/pdf/$b.pdf" "$tmp/ocr6-$b.txt" --psm 6; then
			bad "pdftoppm could not render $b.pdf"; continue
		fi
		case $b in
		CM16-0234464 | CM17-0002106)
			grep -v '/d:header/' "tests/facts/real/$b.facts" >"$tmp/ocr6.facts"
			printf '%s\n' "/d:determination/d:header/d:caseNumber => $b" 'count(/d:determination/d:header/*) => 1' \
				'count(//d:warning) => 1' '/d:determination/d:warning/@code => header-labels-missing' \
				'/d:determination/d:warning/@line => 2' "/d:determination/d:warning => $lost_labels" >>"$tmp/ocr6.facts"
			convert_ok "$b.pdf OCR'd as one block (tesseract --psm 6), its labels lost" "$tmp/ocr6-$b.txt" "$tmp/ocr6.facts"
			;;
		CM16-0228949 | CM17-0016761)
			if [ $b = CM17-0016761 ] && ! awk 'BEGIN { p = 0 } /^\f/ { p++ } /^$/ { blank[p]++ } END { exit !(blank[0] >= 30 && blank[1] < 10) }' "$tmp/ocr6-$b.txt"; then
				bad "$b.pdf OCR'd as one block: no longer double-spaced on its first page alone"; continue
			fi
			printf '%s\n' 'count(//d:warning) => 2' '/d:determination/d:warning[1]/@code => header-date-order' \
				'/d:determination/d:warning[1]/@line => 6' '/d:determination/d:warning[2]/@code => header-value-by-type' \
				'/d:determination/d:warning[2]/@line => 3' >"$tmp/ocr6.facts"
			convert_ok "$b.pdf OCR'd as one block (tesseract --psm 6)" "$tmp/ocr6-$b.txt" "tests/facts/real/$b.facts" "$tmp/ocr6.facts"
			;;
		esac
	done
	rm -f "$tmp"/page-*.pgm
else
	echo "NOTICE: $shared/real/pdf, tesseract or pdftoppm is absent: OCR'd as one block skipped"; skip=$((skip + 1))
fi
# ---- end of session 28's OCR'd as one block ----
# ---- pages spaced differently ----
# A text joined from pages made apart (a page OCR'd, the others extracted;
# PDFs merged) may be double-spaced on some pages and not on others: each
# page is read as it is (normalize.c's page_spacing).  Made from txt/
# (no blank lines) and the seeds (four double-spaced, one not; cut into
# two pages at their middle): the first page double-spaced and the pages
# after it single-spaced, then the reverse (tests/shapes/spaced.awk: a
# blank line after each line of a single-spaced page, one blank line
# fewer in each run of a double-spaced one).  Every letter keeps its
# facts, and its own XML but for the lines, except the seed whose second
# half has short paragraphs (002: 25 of its 39 lines in runs between
# single blank lines, short of the 70 % that says double-spaced): that
# page is read as the whole text, single-spaced, each line a paragraph.
# (Before: 40 of 42 with their facts, one refused, 3 their own XML.)
# CM17-0016761 OCR'd at --psm 6 (above) is one such text: its first page
# double-spaced, its second not.
if [ -d "$shared/real/txt" ] && [ -d "$shared/seeds" ]; then
	made=0 same=0 differ=
	for in in "$shared"/real/txt/*.txt "$shared"/seeds/*.txt; do
		b=$(basename "$in" .txt)
		facts_of "$b"
		n=$(wc -l <"$in")
		if [ "$(tr -cd '\f' <"$in" | wc -c)" = 0 ]; then # a seed: two pages
			awk -v cut=$((n / 2)) 'NR >= cut && !done && !/^ *$/ { $0 = "\f" $0; done = 1 } { print }' "$in" >"$tmp/paged.txt"
		else
			cp "$in" "$tmp/paged.txt"
		fi
		# Double-spaced already when two lines in five are blank: the
		# other pages single-spaced again.
		mode=double pages="first rest"
		[ $(($(grep -c '^ *$' "$in") * 5)) -ge $((n * 2)) ] && mode=single pages="rest first"
		run "$in" 2>/dev/null | strip_lines >"$tmp/own.xml"
		for p in $pages; do
			shape="first page double-spaced"
			[ "$mode:$p" = double:rest ] || [ "$mode:$p" = single:first ] && shape="pages after the first double-spaced"
			awk -v mode=$mode -v pages=$p -f tests/shapes/spaced.awk "$tmp/paged.txt" >"$tmp/spaced-$b.txt"
			cmp -s "$tmp/paged.txt" "$tmp/spaced-$b.txt" || made=$((made + 1))
			convert_ok "$b.txt, $shape" "$tmp/spaced-$b.txt" "$facts"
			run "$tmp/spaced-$b.txt" 2>/dev/null | strip_lines >"$tmp/spaced.xml"
			if cmp -s "$tmp/own.xml" "$tmp/spaced.xml"; then same=$((same + 1)); else differ+=" $b ($shape)"; fi
		done
	done
	if [ $made = 42 ] && [ $same = 41 ] && [ "$differ" = " 002_2bfc817a51949ce5 (pages after the first double-spaced)" ]; then ok
	else bad "pages spaced differently: $made of 42 made, $same their letter's XML (41 want), differing:$differ"; fi
else
	echo "NOTICE: $shared/real/txt or $shared/seeds is absent: pages spaced differently skipped"; skip=$((skip + 1))
fi
# ---- end of pages spaced differently ----
# Words hyphenated at line ends, as a viewer or an OCR'd printed copy
# hyphenates ("Physical Medicine & Reha-" / "bilitation", an item's
# "...: Over-" / "turned"): the real letters keep their facts; the
# examples are their own XML but for the lines (each broken word whole,
# each compound's hyphen kept, --verify holding).  Not the 2013 notices'
# -layout text, whose centred title is one line of more than 60
# characters: no viewer hyphenates a title.
broken=0
for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] || continue
	b=$(basename "$in" .txt)
	facts_of "$b"
	n=$(awk -f tests/shapes/hyphenate.awk "$in" 2>&1 >"$tmp/hyphen.txt")
	broken=$((broken + n))
	convert_ok "$in, words hyphenated at line ends" "$tmp/hyphen.txt" "$facts"
done
if [ -d "$shared/real/txt" ] && [ "$broken" != 342 ]; then
	bad "words hyphenated at line ends: the awk script broke $broken words of the real letters, not 342"
fi
broken=0
for in in examples/*.txt; do
	case $in in examples/imr-2013-notice-?.layout.txt) continue ;; esac
	n=$(awk -f tests/shapes/hyphenate.awk "$in" 2>&1 >"$tmp/hyphen.txt")
	[ "$n" -gt 0 ] || continue
	broken=$((broken + n))
	same_xml "$in, words hyphenated at line ends" "$in" "$tmp/hyphen.txt" strip_lines
done
if [ "$broken" = 163 ]; then ok; else bad "words hyphenated at line ends: the awk script broke $broken words of the examples, not 163"; fi
# ---- words hyphenated at line ends in a text of capitals ----
# Hyphenated, then in capitals (small-caps fonts, some OCR: "DOCU-" /
# "MENTED"): the words are marked broken in the vocabulary's case
# (onecase.h) and joined in their own (text.h, imr_small_letter).  The
# letters keep the facts they keep in capitals (their diagnoses too) and
# --verify holds; the examples are their own XML in capitals but for the
# lines.
for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] || continue
	facts_of "$(basename "$in" .txt)"
	awk -v text_case=upper -f tests/shapes/vocabulary-facts.awk "$facts" >"$tmp/vocab.facts"
	awk -f tests/shapes/hyphenate.awk "$in" 2>/dev/null | tr a-z A-Z >"$tmp/hyphen.txt"
	convert_ok "$in, hyphenated at line ends, in capitals" "$tmp/hyphen.txt" "$tmp/vocab.facts"
done
for in in examples/*.txt; do
	case $in in examples/imr-2013-notice-?.layout.txt) continue ;; esac
	b=$(basename "$in" .txt)
	tr a-z A-Z <"$in" >"$tmp/caps-$b.txt"
	awk -f tests/shapes/hyphenate.awk "$in" 2>/dev/null | tr a-z A-Z >"$tmp/hyphen.txt"
	same_xml "$in, hyphenated at line ends, in capitals" "$tmp/caps-$b.txt" "$tmp/hyphen.txt" strip_lines
done
# (exactly: the reviewer's "MEDICAL COND-" / "ITION" whole in the XML)
awk -f tests/shapes/hyphenate.awk examples/imr-documents-reviewed-a.txt 2>/dev/null | tr a-z A-Z >"$tmp/hyphen.txt"
if [ "$(grep -c 'MEDICAL COND-$' "$tmp/hyphen.txt")" = 1 ] && [ "$(run "$tmp/hyphen.txt" | grep -o 'MEDICAL COND[-A-Z]*' | sort -u)" = "MEDICAL CONDITION" ]; then
	ok
else
	bad "a word hyphenated in capitals: 'MEDICAL COND-' / 'ITION' not made whole in imr-documents-reviewed-a"
fi
# ---- end of words hyphenated in capitals ----
# An item's decision hyphenated, in capitals or not ("Over-" / "turned",
# "UP-" / "HELD").
sed -e 's/^\(Physical therapy for the lumbar spine, two times a week for four weeks:\) Overturned$/\1 Over-\nturned/' \
	examples/imr-2016-standard.txt >"$tmp/decision.txt"
sed -e 's/^\(Physical therapy for the lumbar spine, two times a week for four weeks:\) Overturned$/\1 OVER-\n  TURNED/' \
	examples/imr-2016-standard.txt >"$tmp/decision-caps.txt"
if [ "$(grep -c '^turned$' "$tmp/decision.txt")" != 1 ]; then
	bad "a decision hyphenated: the sed script no longer finds its item in examples/imr-2016-standard.txt"
else
	same_xml "an item's decision hyphenated at the line's end" examples/imr-2016-standard.txt "$tmp/decision.txt" strip_lines
	same_xml "an item's decision hyphenated, in capitals" examples/imr-2016-standard.txt "$tmp/decision-caps.txt" strip_lines
fi
# The letter's scanner never backs up (docs/grammar.md, lexer.l): flex's
# scanning loop then keeps no last accepting state per byte (issue 16).
# A rule that brings a backing-up state back fails here, with flex's report.
# (-t, never -o /dev/null: on an error flex removes its output file, and
# as root that was /dev/null itself.)
if (cd "$tmp" && ${FLEX:-flex} -b -t "$here/grammar/lexer.l" >/dev/null) && grep -qx 'No backing up.' "$tmp/lex.backup"; then
	ok
else
	bad "grammar/lexer.l: flex -b reports backing-up states: $(grep -c '^State #' "$tmp/lex.backup" 2>/dev/null) (the first: $(grep -A3 -m1 '^State #' "$tmp/lex.backup" 2>/dev/null | tr '\n\t' '  '))"
fi
# pdfminer's text with -V (python3-pdfminer's pdf2txt, after qpdf --decrypt):
# each paragraph's first letter placed apart on a line of its own ("  T"),
# the paragraph without it ("he injured worker ..."), and the text boxes
# out of order (the header table after the items, a guideline's first
# line after the rest of it, a title after its rationale).  Put back in
# reading order by their words (src/reading_order.c): every letter keeps
# the facts of its txt/, --verify holding, with no warning, its facts'
# @line naming the line of pdf2txt's text they stand on (the case number,
# the first item's title); in batch mode all 16 are ok.
pdfminer_v_text() { # PDF OUT
	qpdf --decrypt "$1" "$tmp/dec.pdf" && /usr/bin/python3 /usr/bin/pdf2txt -V "$tmp/dec.pdf" >"$2" 2>/dev/null
}
if [ -d "$shared/real/pdf" ] && [ -f /usr/bin/pdf2txt ] && /usr/bin/python3 -c 'import pdfminer' 2>/dev/null; then
	mkdir -p "$tmp/pdfminer-V"
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf) in=$tmp/pdfminer-V/$b.txt
		if ! extracted "$in" "pdfminer-V/$b.txt" pdfminer_v_text "$pdf" "$in"; then
			bad "pdfminer (python3-pdfminer) could not extract $pdf"; continue
		fi
		# The line pdf2txt put the case number on.
		case_line=$(grep -n "^$b *\$" "$in" | head -1 | cut -d: -f1)
		printf '%s\n' "count(//d:warning) => 0" \
			"/d:determination/d:header/d:caseNumber/@line => ${case_line:-?}" >"$tmp/v.facts"
		convert_ok "$in (pdfminer -V)" "$in" "tests/facts/real/$b.facts" "$tmp/v.facts" || continue
		# The first item's @line: its title's first line as pdf2txt has it,
		# its first letter apart ("ontinue physical therapy ...: Upheld",
		# "welve physical therapy visits ... was the original request. Ten",
		# "dditional physical therapy ... of the right hip and foot:").
		l=$(xmllint --xpath 'string(//*[local-name()="issue"][1]/@line)' "$tmp/out.xml")
		if sed -n "${l:-0}p" "$in" | grep -qE '(Upheld|Overturned|:) *$|was the original request'; then
			ok
		else
			bad "$in (pdfminer -V): the first item's @line ($l) is not its title's line: $(sed -n "${l:-0}p" "$in")"
		fi
	done
	run -q -d "$tmp/pdfminer-V-out" "$tmp/pdfminer-V" 2>"$tmp/err"
	st=$?
	statuses=$(tail -n +2 "$tmp/pdfminer-V-out/manifest.tsv" | cut -f2,7 | sort | uniq -c | tr -s ' \t' '  ')
	if [ "$st" = 0 ] && [ "$statuses" = " 16 ok 0" ]; then ok; else bad "pdfminer -V: exit $st, statuses and warnings '$statuses', want 0 and 16 ok 0: $(head -3 "$tmp/err")"; fi
else
	echo "NOTICE: $shared/real/pdf or pdfminer (python3-pdfminer) is absent: pdfminer -V shapes skipped"; skip=$((skip + 1))
fi

# The same shape made of letters by tests/shapes/pdfminer-v.awk: the
# examples' imr-2016 letters, and the real letters' text when ../shared is
# here, their initials apart and their boxes out of order as pdf2txt -V
# has them (the header at the page's end, a guideline's continuation
# before its first line, titles after their items, a page's last two
# last item first).  Each is its letter's XML but for the lines and the
# paragraphs (the boxes between blank lines are paragraphs of their own).
strip_paragraphs() { strip_lines | sed -e ':a' -e 'N' -e '$!ba' -e 's#</p>\n *<p># #g'; }
apart=0
for in in examples/imr-2016-standard.txt examples/imr-2016-expedited.txt "$shared"/real/txt/*.txt; do
	[ -f "$in" ] || continue
	n=$(awk -f tests/shapes/pdfminer-v.awk "$in" 2>&1 >"$tmp/pdfminer-v.txt")
	apart=$((apart + n))
	same_xml "$in in pdf2txt -V's shape" "$in" "$tmp/pdfminer-v.txt" strip_paragraphs
done
if [ -d "$shared/real/txt" ] && [ "$apart" != 238 ]; then
	bad "pdf2txt -V's shape: the awk script placed $apart letters apart, not 238"
elif [ ! -d "$shared/real/txt" ] && [ "$apart" != 34 ]; then
	bad "pdf2txt -V's shape: the awk script placed $apart letters apart in the examples, not 34"
fi

# ---- more extractors: pdfminer (its default), PyMuPDF, Ghostscript ----
# Each extracts the sixteen letters (decrypted: they forbid extraction)
# in one process, and every letter keeps the facts of its txt/.
# PyMuPDF's get_text() as it comes, sorted by position (sort=True: a
# wrapped label's value before its last piece, a column's value a row
# early: "UR Denial Date:" / two dates / "Priority:"), and its blocks
# joined (a picture's placeholder "<image: DeviceRGB, ...>" among them).
if [ -d "$shared/real/pdf" ]; then
	mkdir -p "$tmp/dec" "$tmp/x"
	for pdf in "$shared"/real/pdf/*.pdf; do
		qpdf --decrypt "$pdf" "$tmp/dec/$(basename "$pdf")" || bad "qpdf could not decrypt $pdf"
	done
	more_shapes() { # tool: extracted into $tmp/x/tool-*/NAME.txt by the caller
		local d
		for d in "$tmp"/x/"$1"*; do
			[ -d "$d" ] || { bad "$1: nothing extracted"; continue; }
			for in in "$d"/*.txt; do
				convert_ok "$in ($(basename "$d"))" "$in" "tests/facts/real/$(basename "$in" .txt).facts"
			done
		done
	}
	if /usr/bin/python3 -c 'import pdfminer.high_level' 2>/dev/null; then
		mkdir -p "$tmp/x/pdfminer"
		extracted "$tmp/x/pdfminer" pdfminer /usr/bin/python3 -c 'import sys, os, pdfminer.high_level as h
for f in sys.argv[2:]:
    open(os.path.join(sys.argv[1], os.path.basename(f)[:-4] + ".txt"), "w").write(h.extract_text(f))' \
			"$tmp/x/pdfminer" "$tmp"/dec/*.pdf 2>/dev/null || bad "pdfminer could not extract the letters"
		more_shapes pdfminer
	else
		echo "NOTICE: pdfminer (python3-pdfminer) is absent: its shapes skipped"; skip=$((skip + 1))
	fi
	if /usr/bin/python3 -c 'import fitz' 2>/dev/null; then
		# (made in a folder of their own, cached as one, then put with the others)
		mkdir -p "$tmp/pymupdf/pymupdf-text" "$tmp/pymupdf/pymupdf-sort" "$tmp/pymupdf/pymupdf-blocks"
		extracted "$tmp/pymupdf" pymupdf /usr/bin/python3 -c 'import sys, os, fitz
for f in sys.argv[2:]:
    name = os.path.basename(f)[:-4] + ".txt"
    doc = fitz.open(f)
    for mode in ("text", "sort", "blocks"):
        pages = []
        for pg in doc:
            if mode == "blocks":
                pages.append("\n".join(b[4] for b in pg.get_text("blocks")))
            else:
                pages.append(pg.get_text(sort=(mode == "sort")))
        open(os.path.join(sys.argv[1], "pymupdf-" + mode, name), "w").write("\n\f".join(pages))' \
			"$tmp/pymupdf" "$tmp"/dec/*.pdf 2>/dev/null || bad "PyMuPDF could not extract the letters"
		cp -r "$tmp"/pymupdf/. "$tmp/x/"
		if [ "$(cat "$tmp"/x/pymupdf-blocks/*.txt | grep -c '^<image: ')" = 16 ]; then ok; else
			bad "PyMuPDF's blocks: not one picture placeholder a letter to drop"
		fi
		more_shapes pymupdf
	else
		echo "NOTICE: PyMuPDF (python3-fitz) is absent: its shapes skipped"; skip=$((skip + 1))
	fi
	if command -v gs >/dev/null; then
		mkdir -p "$tmp/x/gs-txtwrite"
		gs_text() { # each letter, or the first it could not extract
			local pdf
			for pdf in "$tmp"/dec/*.pdf; do
				gs -q -dNOPAUSE -dBATCH -sDEVICE=txtwrite -sOutputFile="$tmp/x/gs-txtwrite/$(basename "$pdf" .pdf).txt" "$pdf" 2>/dev/null ||
					{ echo "$pdf"; return 1; }
			done
		}
		extracted "$tmp/x/gs-txtwrite" gs-txtwrite gs_text >"$tmp/gs-failed" || bad "Ghostscript could not extract $(cat "$tmp/gs-failed")"
		more_shapes gs-txtwrite
	else
		echo "NOTICE: Ghostscript (ghostscript) is absent: its shapes skipped"; skip=$((skip + 1))
	fi
else
	echo "NOTICE: $shared/real/pdf is absent: pdfminer, PyMuPDF and Ghostscript shapes skipped"; skip=$((skip + 1))
fi

# ---- text in other hands: quoted, numbered, Markdown, HTML rendered ----
# Quoted in an e-mail reply ("> " on every line, "> > " twice), or copied
# with an editor's or a listing's line numbers (cat -n, nl, grep -n, a
# gutter " 12 | "): the marks are made blanks where they stood, so each
# example is its own XML, lines and pages too, but for its digest (a page
# break after a mark still opens its line); the real letters keep their
# facts.  Each letter in two of the six shapes.
marked() { # SHAPE FILE
	case $1 in
	quote) sed -e 's/^/> /' -e 's/^> $/>/' "$2" ;;
	quote2) sed -e 's/^/> > /' -e 's/^> > $/> >/' "$2" ;;
	cat-n) cat -n "$2" ;;
	nl) nl "$2" ;;
	grep-n) grep -n '' "$2" ;;
	gutter) awk '{ printf "%4d | %s\n", NR, $0 }' "$2" ;;
	esac
}
mark_shapes=(quote cat-n nl quote2 grep-n gutter)
k=0
for in in examples/*.txt "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] || continue
	b=$(basename "$in" .txt)
	for shape in "${mark_shapes[k % 6]}" "${mark_shapes[(k + 3) % 6]}"; do
		marked $shape "$in" >"$tmp/marked.txt"
		case $in in
		examples/*)
			if run --verify --source-name "$in" "$tmp/marked.txt" 2>"$tmp/err" | no_digest >"$tmp/marked.xml" &&
				no_digest <"${in%.txt}.xml" | cmp -s - "$tmp/marked.xml"; then
				ok
			else
				bad "$in, every line marked ($shape): not its XML: $(head -3 "$tmp/err")"
			fi ;;
		*)
			facts_of "$b"
			convert_ok "$in, every line marked ($shape)" "$tmp/marked.txt" "$facts" ;;
		esac
	done
	k=$((k + 1))
done
# A quoted letter's error is reported at the input's column: "Decision"
# at column 3, after the "> ".
printf 'Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\nR.\nCLINICAL CASE SUMMARY\nS.\nIMR ISSUES, DECISIONS AND RATIONALES\nCane: Upheld\nClaims Administrator guideline: x\nDecision rationale: y.\n' |
	sed 's/^/> /' >"$tmp/col.txt"
expect "a quoted letter's error at the input's column" 1 "col.txt:9:3: error: syntax error, unexpected Decision rationale" "$tmp/col.txt" -o "$tmp/o.xml"

# A list pasted from a word processor or a viewer: each record after a
# bullet ("•" and a tab, "●", Symbol's private bullet that Word's text
# keeps): the example's own XML but for its digest.
ex=examples/imr-documents-reviewed-a.txt
for bullet in '\xe2\x80\xa2\t' '\xe2\x97\x8f ' '\xef\x82\xb7\t'; do
	sed "/^DOCUMENTS REVIEWED\$/,/^CLINICAL CASE SUMMARY\$/{/^[A-Z][a-z]\|^MRI /s/^/$bullet/}" "$ex" >"$tmp/bullets.txt"
	if [ "$(grep -c $'^\xe2\|^\xef' "$tmp/bullets.txt")" != 6 ]; then
		bad "bullets: the sed script no longer finds the records of $ex"
	elif run --verify --source-name "$ex" "$tmp/bullets.txt" 2>"$tmp/err" | no_digest >"$tmp/bullets.xml" &&
		no_digest <"${ex%.txt}.xml" | cmp -s - "$tmp/bullets.xml"; then
		ok
	else
		bad "a list with bullets ($bullet): not the XML of $ex: $(head -3 "$tmp/err")"
	fi
done
# Markdown, as PDF-to-Markdown converters write it for language models
# (pymupdf4llm, docling, marker): "#" headings, bold or italic labels and
# titles, the header a pipe table ("| **Case Number:** | CM16-0228949 |",
# its "|---|" rule, "Application<br>Received:"), escapes ("2016\.",
# "\_"), "&amp;", "<!-- image -->", a "-----" rule between pages,
# paragraphs on one line or not (tests/shapes/markdown.awk, four ways,
# each real letter in two); the examples keep their facts.
md_ways=("-v br=1 -v image=1" "-v em=_ -v join=1 -v ent=1" "-v em=* -v pages=drop" "-v em=__ -v join=1 -v pages=drop -v image=1")
k=0 tables=0
for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt examples/*.txt; do
	[ -f "$in" ] || continue
	b=$(basename "$in" .txt)
	facts_of "$b"
	ways=("${md_ways[k % 4]}" "${md_ways[(k + 1) % 4]}")
	case $in in
	examples/imr-documents-reviewed-b.layout.txt) continue ;; # (its page's case number, its page break gone: docs/grammar.md)
	examples/*) ways=("${md_ways[0]}") ;;
	esac
	for way in "${ways[@]}"; do
		awk $way -f tests/shapes/markdown.awk "$in" >"$tmp/md.txt"
		grep -q '^|---|---|' "$tmp/md.txt" && tables=$((tables + 1))
		convert_ok "$in as Markdown ($way)" "$tmp/md.txt" "$facts"
	done
	k=$((k + 1))
done
if [ -d "$shared/real/layout" ] && [ "$tables" -lt 16 ]; then
	bad "Markdown: the awk script made $tables pipe tables of the real letters' headers, not 16 or more"
fi
# The converters themselves on the PDF's HTML (pdftohtml -s -i -noframes):
# pandoc's Markdown ("[]{#1}", ":::" divs, "**Case Number: **", "\" line
# ends) and GitHub's (raw "<div>"s over two lines), html2text's
# (python3-html2text: "**UR Denial Date: **11/16/2016"); and pandoc's plain
# text of it.
html_of() { pdftohtml -q -s -i -noframes -stdout "$1" >"$2"; }
if [ -d "$shared/real/pdf" ] && command -v pandoc >/dev/null && command -v html2markdown >/dev/null; then
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		html_of "$pdf" "$tmp/$b.html" || { bad "pdftohtml could not convert $pdf"; continue; }
		for way in "pandoc -t markdown" "pandoc -t gfm" "pandoc -t plain" html2markdown; do
			key=$(echo "$way" | tr -d ' ')
			case $way in
			pandoc*) extracted "$tmp/html.txt" "$key/$b.txt" $way -f html "$tmp/$b.html" -o "$tmp/html.txt" ;;
			*) extracted "$tmp/html.txt" "$key/$b.txt" sh -c 'html2markdown --body-width=0 <"$1" >"$2"' - "$tmp/$b.html" "$tmp/html.txt" ;;
			esac || { bad "$way could not convert $b.html"; continue; }
			convert_ok "$pdf (pdftohtml, $way)" "$tmp/html.txt" "tests/facts/real/$b.facts"
		done
	done
else
	echo "NOTICE: $shared/real/pdf, pandoc or html2markdown (python3-html2text) is absent: Markdown converters' shapes skipped"; skip=$((skip + 1))
fi

# ---- issue 16e: text whose letter case a pipeline changed ----
# All small letters (NLP and search stores: tr A-Z a-z) or all capitals
# (small-caps fonts, some OCR): the vocabulary is read in any case
# (src/onecase.c), the words stay as the text has them (--verify), and
# the facts that are vocabulary (tests/shapes/vocabulary-facts.awk) are
# exactly the letter's, and so are its diagnoses, in the text's case (a
# list's "AND" is its "and": a claim "FOR A, B, AND C; D" of a seed gave
# one diagnosis for three).  Each says so (text-one-case).
one_case=0
for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt \
	examples/imr-2014-claim.txt; do
	[ -f "$in" ] || continue
	b=$(basename "$in" .txt)
	facts_of "$b"
	if [ "$(awk -f tests/shapes/vocabulary-facts.awk "$facts" | grep -c ' => ')" -lt 20 ]; then
		bad "$b: vocabulary-facts.awk kept fewer than 20 facts"; continue
	fi
	one_case=$((one_case + 1))
	for c in lower upper; do
		awk -v text_case=$c -f tests/shapes/vocabulary-facts.awk "$facts" >"$tmp/vocab.facts"
		if [ $c = lower ]; then tr A-Z a-z <"$in"; else tr a-z A-Z <"$in"; fi >"$tmp/case.txt"
		convert_ok "$in in $c case" "$tmp/case.txt" "$tmp/vocab.facts"
		if ! run "$tmp/case.txt" 2>/dev/null | grep -q '<warning code="text-one-case">'; then
			bad "$in in $c case: no text-one-case warning"
		fi
	done
done
if [ -d "$shared/real/txt" ]; then
	want=33; [ -d "$shared/seeds" ] && want=38
	if [ "$one_case" = "$want" ]; then ok; else bad "the letters of one case: $one_case letters, not $want"; fi
else
	echo "NOTICE: $shared/real/txt is absent: text of one case checked on the examples only"; skip=$((skip + 1))
fi
# The examples of one case: their XML but for the words' case, the same
# items and decisions; ordinary text says nothing of case.
for in in examples/imr-2016-standard.txt examples/imr-2016-expedited.layout.txt; do
	for c in lower upper; do
		if [ $c = lower ]; then tr A-Z a-z <"$in"; else tr a-z A-Z <"$in"; fi >"$tmp/case.txt"
		convert_ok "$in in $c case" "$tmp/case.txt"
		want=$(run "$in" | grep -o 'decision="[a-z]*"' | tr '\n' ' ')
		got=$(run "$tmp/case.txt" | grep -o 'decision="[a-z]*"' | tr '\n' ' ')
		if [ -n "$want" ] && [ "$want" = "$got" ]; then ok; else bad "$in in $c case: decisions '$got', want '$want'"; fi
	done
	if run "$in" | grep -q 'text-one-case'; then bad "$in: ordinary text warned text-one-case"; else ok; fi
done

# ---- labels and headings read by their words: a label's colon set apart, a heading's colon or comma ----
# An extractor that sets a bold label's colon apart ("Case Number :",
# "Decision rationale :"; only the labels, not the letter's prose), or
# runs a label's or a heading's words together ("CaseNumber:",
# "CLINICALCASESUMMARY": the blanks lost, as OCR and some extractors do), a
# heading followed by a colon or a stop ("CLINICAL CASE SUMMARY:") and a
# heading with a comma more or less ("IMR ISSUES, DECISIONS, AND
# RATIONALES", "IMR ISSUES DECISIONS AND RATIONALES"), and a label glued
# to its value ("Case Number:CM16-0242302", "Decision rationale:The ...":
# the table's cells or a bold label's run joined without a blank, as
# pypdf and PDF.js join them): every letter with its facts, in txt/,
# layout/, the seeds and the examples.  (Labels with
# their colon apart are not loose text: pypdf's has its hyphens apart too,
# "CM16 -0228949", and only such text has its blanks repaired.)
labels='Case Number\|IMR Case Number\|Date Assigned\|Decision Date\|Priority\|Date of Injury\|UR Denial Date\|Application Received\|Employee\|Employee Name\|Claim Number\|Provider Name\|Claims Administrator guideline\|MAXIMUS guideline\|Decision rationale\|Treatment(s) in Dispute Listed on IMR Application'
headings='CLINICAL CASE SUMMARY\|HOW THE IMR FINAL DETERMINATION WAS MADE\|IMR ISSUES, DECISIONS AND RATIONALES\|MEDICAL PROFESSIONAL REVIEW\|DOCUMENTS REVIEWED'
words_shapes=(
	"label colon apart|s/^\( *\)\($labels\):/\1\2 :/; s/\(  \)\($labels\):/\1\2 :/g"
	"heading's colon|s/^\( *\)\($headings\) *\$/\1\2:/"
	"heading's stop|s/^\( *\)\($headings\) *\$/\1\2./"
	"a comma more|s/ISSUES, DECISIONS AND/ISSUES, DECISIONS, AND/"
	"a comma fewer|s/ISSUES, DECISIONS AND/ISSUES DECISIONS AND/"
	"labels' words run together|s/Case Number:/CaseNumber:/; s/Date Assigned:/DateAssigned:/; s/Decision Date:/DecisionDate:/; s/Date of Injury:/DateofInjury:/; s/UR Denial Date:/URDenialDate:/; s/Claims Administrator guideline:/ClaimsAdministratorguideline:/; s/MAXIMUS guideline:/MAXIMUSguideline:/; s/Decision rationale:/Decisionrationale:/"
	"headings' words run together|s/^\( *\)CLINICAL CASE SUMMARY *\$/\1CLINICALCASESUMMARY/; s/^\( *\)HOW THE IMR FINAL DETERMINATION WAS MADE *\$/\1HOWTHEIMRFINALDETERMINATIONWASMADE/"
	"labels glued to their values|s/^\( *\)\($labels\): */\1\2:/; s/\(  \)\($labels\): */\1\2:/g"
)
# each_shape SED_OPTION SHAPE...: every letter of txt/, layout/, the seeds
# and the examples made in each shape ("name|sed script"; a letter the
# script leaves as it is is not made) and converted with its facts;
# $shaped counts the texts made, sampled or not (convert_ok says what
# failed).
each_shape() {
	local opt=$1 in shape
	shift
	shaped=0
	for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt examples/*.txt; do
		[ -f "$in" ] || continue
		facts=; facts_of "$(basename "$in" .txt)"
		[ -f "$facts" ] || continue
		for shape in "$@"; do
			sed $opt "${shape#*|}" "$in" >"$tmp/shaped.txt"
			cmp -s "$tmp/shaped.txt" "$in" && continue
			convert_ok "$in, ${shape%%|*}" "$tmp/shaped.txt" "$facts"
			shaped=$((shaped + 1))
		done
	done
}
each_shape -e "${words_shapes[@]}"
if [ -d "$shared/real/txt" ] && [ -d "$shared/seeds" ]; then
	if [ "$shaped" = 454 ]; then ok; else bad "labels and headings by their words: $shaped texts made, not 454"; fi
else
	echo "NOTICE: $shared is absent: labels and headings by their words checked on the examples only"; skip=$((skip + 1))
fi
# Not loose text: the letter's own blanks before a hyphen stay
# ("06/04/2012 - 09/12/2013" is a range of dates, not "-09/12/2013").
sed "s/^\( *\)\($labels\):/\1\2 :/" examples/imr-documents-reviewed-a.txt >"$tmp/words.txt"
convert_ok "a documents-reviewed letter, its labels' colons apart" "$tmp/words.txt" \
	tests/facts/examples/imr-documents-reviewed-a.facts

# ---- an item's decision after a dash or with a stop ----
# Text re-typed or re-rendered by other hands (a viewer's copy, an e-mail,
# a summary table exported to text) writes an item's decision with a stop
# or a semicolon after it ("...: Upheld.", "Upheld." alone on the line
# after its title), a dash between blanks for its colon ("... - Upheld",
# the en and em dashes too) or in capitals: every letter of txt/, layout/,
# the seeds and the examples in each form, with its facts (the title is
# the letter's, the separator no part of it; --verify: every word read).
decision_shapes=(
	"decision with a stop|s/(: *(Upheld|Overturned)) *\$/\1./; s/^( *)(Upheld|Overturned) *\$/\1\2./"
	"decision with a semicolon|s/(: *(Upheld|Overturned)) *\$/\1;/; s/^( *)(Upheld|Overturned) *\$/\1\2;/"
	"decision after a hyphen|s/ *: *(Upheld|Overturned) *\$/ - \1/"
	"decision after an en dash|s/ *: *(Upheld|Overturned) *\$/ – \1/"
	"decision after an em dash|s/ *: *(Upheld|Overturned) *\$/ — \1/"
	"decision after a hyphen, a stop after it|s/ *: *(Upheld|Overturned) *\$/ - \1./"
	"decision in capitals|s/(: *|^ *)Upheld *\$/\1UPHELD/; s/(: *|^ *)Overturned *\$/\1OVERTURNED/"
)
each_shape -E "${decision_shapes[@]}"
want=147 # (the examples' 21 with an item, in seven forms)
if [ -d "$shared/real/txt" ] && [ -d "$shared/seeds" ]; then
	want=406
else
	echo "NOTICE: $shared is absent: decisions after a dash or with a stop checked on the examples only"; skip=$((skip + 1))
fi
if [ "$shaped" = $want ]; then ok; else bad "decisions after a dash or with a stop: $shaped texts made, not $want"; fi
# An example with its titles in four of the forms, and prose that stays
# prose: a sentence ending "... was upheld.", one with " - upheld by UR -"
# in it, and "upheld." alone where a sentence wraps.  The letter's four
# items, their titles and decisions, the sentences in the first item's
# rationale, nothing unparsed.
sed -e 's/^\(Associated surgical service: Cold therapy unit\): Upheld$/\1 - Upheld./' \
	-e 's/^\(thigh radiation\): Upheld$/\1 — Upheld/' \
	-e 's/^\(the original request, .* is\): Upheld$/\1: Upheld;/' \
	-e 's/^\(Physical therapy for the lumbar spine, .*\): Overturned$/\1 – OVERTURNED/' \
	-e '/^Without a defined period of 7 days/i\
The request - upheld by UR - named no duration, and the first review of it was upheld.\
A request for the same unit a year before was\
upheld.' examples/imr-2016-standard.txt >"$tmp/decided.txt"
issue=/d:determination/d:issues/d:issue
cat >"$tmp/decided.facts" <<EOF
count($issue) => 4
$issue[1]/d:service => Associated surgical service: Cold therapy unit
$issue[1]/@decision => upheld
$issue[2]/d:service => MRI of the lumbar spine without contrast to evaluate low back pain with right buttock and thigh radiation
$issue[2]/@decision => upheld
$issue[3]/d:service => Hydrocodone/acetaminophen 10/325mg #60
$issue[3]/d:title => Hydrocodone/acetaminophen 10/325mg #90 was the original request. Hydrocodone/acetaminophen 10/325mg #30 was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Hydrocodone/acetaminophen 10/325mg #60 is
$issue[3]/@decision => upheld
$issue[4]/d:service => Physical therapy for the lumbar spine, two times a week for four weeks
$issue[4]/@decision => overturned
count($issue[1]/d:rationale/d:p[contains(., 'was provided. The request - upheld by UR - named no duration, and the first review of it was upheld. A request for the same unit a year before was upheld. Without a defined')]) => 1
count(//d:unparsed) => 0
EOF
if [ "$(grep -c 'upheld\.$\| - Upheld\.$\| — Upheld$\| – OVERTURNED$\|: Upheld;$' "$tmp/decided.txt")" != 6 ]; then
	bad "decisions after a dash or with a stop: the example was not derived"
else
	convert_ok "examples/imr-2016-standard.txt, decisions in four forms, prose ending in upheld" "$tmp/decided.txt" \
		"$tmp/decided.facts" tests/facts/examples/imr-2016-standard.facts
fi
# ---- issue 16: HTML rendered as text (w3m, lynx, html2text), Apache Tika ----
# The letter's HTML (pdftohtml) rendered by a browser or a converter:
# lines wrapped again inside the PDF's, after a slash ("disputed items/"
# / "services set forth below:") and, by w3m, before a plural's "(s)"
# ("Section" / "(s): Special Studies."), every line indented by lynx (and
# runs of words its no-break spaces hold cut at its width: "right sho" /
# "ulder sprain"), and in pdftohtml's default multi-page form a rule
# between pages (w3m "━━━", html2text "===", lynx "___").  Each letter in
# both forms of the HTML, one per tool in turn, keeps the facts of its
# txt/.  First the repairs on an example (tests/shapes/rendered.awk):
# indented, its own XML (lines and pages too) but for its digest; broken
# and ruled too, its facts and its pages.
ex=examples/imr-2016-standard.txt
awk -v indent=3 -f tests/shapes/rendered.awk "$ex" >"$tmp/rendered.txt"
if run --verify --source-name "$ex" "$tmp/rendered.txt" 2>"$tmp/err" | no_digest >"$tmp/rendered.xml" &&
	no_digest <"${ex%.txt}.xml" | cmp -s - "$tmp/rendered.xml"; then
	ok
else
	bad "$ex indented by three (lynx): not its XML: $(head -3 "$tmp/err")"
fi
awk -v indent=3 -v breaks=1 -v rules=1 -f tests/shapes/rendered.awk "$ex" >"$tmp/rendered.txt"
if [ "$(grep -c -e 'items/$' -e '^   (s)' -e '^   =\{79\}$' "$tmp/rendered.txt")" != 8 ]; then
	bad "rendered.awk no longer breaks $ex after a slash, before its (s) and at its pages (want 1 + 4 + 3)"
elif convert_ok "$ex rendered (indented, broken, ruled)" "$tmp/rendered.txt" "tests/facts/examples/$(basename "$ex" .txt).facts"; then
	if [ "$(grep -o 'page="[0-9]*"' "$tmp/out.xml")" = "$(grep -o 'page="[0-9]*"' "${ex%.txt}.xml")" ]; then ok; else
		bad "$ex rendered: its rules between pages are not its page breaks"
	fi
fi
# A word a repair moved to another line keeps the position the input
# gave it: the credentials wrapped before their "(s)" ("... the following
# credentials: State" / "(s) of Licensure: ..."), its label misspelled
# ("License") so that the parse stops at the line "State" was put on.
# The error names the line and column "State" had (29:55), not 30:4, and
# shows no excerpt (that line's text no longer holds the word).
awk -v indent=3 -v breaks=1 -v rules=1 -f tests/shapes/rendered.awk "$ex" |
	awk '/credentials:$/ { print $0 " State"; getline; sub(/State\(s\) of Licensure/, "(s) of License") } { print }' \
		>"$tmp/rendered.txt"
expect "$ex rendered, a moved word's error" 1 \
	"rendered.txt:29:55: error: syntax error, unexpected text line, expecting State(s) of Licensure" "$tmp/rendered.txt"
if grep -q '^ *[0-9]* | ' "$tmp/err"; then bad "$ex rendered, a moved word's error: an excerpt: $(cat "$tmp/err")"; else ok; fi
render_html() { # TOOL HTML OUT
	case $1 in
	w3m) w3m -dump -cols 80 -T text/html <"$2" >"$3" ;;
	lynx) lynx -dump -nolist -stdin <"$2" >"$3" ;;
	html2text) /usr/bin/html2text "$2" >"$3" ;;
	esac
}
# rendered_shapes RENDER SHAPE... : each letter's HTML rendered by
# `RENDER SHAPE HTML OUT` in each SHAPE, of half the letters' single page
# and of the others' pages (the two alternate), with the facts of txt/.
rendered_shapes() {
	local render=$1 k=0 j shape form html pdf b
	shift
	for pdf in "$tmp"/dec/*.pdf; do
		[ -f "$tmp/pages/$(basename "$pdf" .pdf)s.html" ] || continue # (pdftohtml failed: said above)
		b=$(basename "$pdf" .pdf) j=0
		for shape in "$@"; do
			form=single html=$tmp/$b.single.html
			if [ $(((k + j) % 2)) = 1 ]; then form=pages html=$tmp/pages/${b}s.html; fi
			j=$((j + 1))
			extracted "$tmp/rendered.txt" "$shape-$form/$b.txt" "$render" "$shape" "$html" "$tmp/rendered.txt" ||
				{ bad "$shape could not render $b's HTML ($form)"; continue; }
			convert_ok "$pdf (pdftohtml $form, $shape)" "$tmp/rendered.txt" "tests/facts/real/$b.facts"
		done
		k=$((k + 1))
	done
}
if [ -d "$shared/real/pdf" ] && command -v w3m >/dev/null && command -v lynx >/dev/null && [ -x /usr/bin/html2text ]; then
	mkdir -p "$tmp/pages"
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		# -s -noframes: one page of HTML; without: the frames' pages in one file ("s.html")
		pdftohtml -q -s -i -noframes -stdout "$pdf" >"$tmp/$b.single.html" &&
			pdftohtml -q -i "$pdf" "$tmp/pages/$b" >/dev/null && [ -f "$tmp/pages/${b}s.html" ] ||
			bad "pdftohtml could not convert $pdf"
	done
	rendered_shapes render_html w3m lynx html2text
else
	echo "NOTICE: $shared/real/pdf, w3m, lynx or html2text is absent: HTML rendered as text skipped"; skip=$((skip + 1))
fi
# The same HTML rendered at other widths and by other hands, each letter
# in every one (issue 16, "every shape means every shape"): w3m -cols
# 60/120, lynx -width 60/120, html2text -width 60/120 and -ascii (which
# leaves the no-break spaces as "&#160;"), html2text's Markdown with no
# wrapping (python3-html2text --body-width 0) and pandoc's plain text
# with none (--wrap=none: no slash at a line's end, no indent), each of
# the single page and of the frames' pages (whose <hr/> between pages is
# then the only mark of a rendering too wide to break at a slash).
render_more() { # SHAPE HTML OUT
	case $1 in
	w3m-60 | w3m-120) w3m -dump -cols "${1#w3m-}" -T text/html <"$2" >"$3" ;;
	lynx-60 | lynx-120) lynx -dump -nolist -width "${1#lynx-}" -stdin <"$2" >"$3" ;;
	html2text-60 | html2text-120) /usr/bin/html2text -width "${1#html2text-}" "$2" >"$3" ;;
	html2text-ascii) /usr/bin/html2text -ascii "$2" >"$3" ;;
	html2markdown-0) html2markdown --body-width 0 "$2" >"$3" ;;
	pandoc-plain) pandoc -f html -t plain --wrap=none "$2" -o "$3" ;;
	esac
}
if [ -d "$shared/real/pdf" ] && command -v w3m >/dev/null && command -v lynx >/dev/null && [ -x /usr/bin/html2text ] &&
	command -v pandoc >/dev/null && command -v html2markdown >/dev/null; then
	rendered_shapes render_more w3m-60 w3m-120 lynx-60 lynx-120 html2text-60 html2text-120 html2text-ascii \
		html2markdown-0 pandoc-plain
	# (the shapes meant: html2text -ascii leaves references at lines' ends;
	# pandoc's plain text of the pages has rules and no slash break)
	render_more html2text-ascii "$tmp/$b.single.html" "$tmp/rendered.txt"
	if [ "$(grep -c '&#160;$' "$tmp/rendered.txt")" -ge 2 ]; then ok; else bad "html2text -ascii: no line ends in a reference"; fi
	render_more pandoc-plain "$tmp/pages/${b}s.html" "$tmp/rendered.txt"
	if grep -q '^-\{40,\}$' "$tmp/rendered.txt" && ! grep -q '[a-z]/$' "$tmp/rendered.txt"; then ok; else
		bad "pandoc --wrap=none of the pages: not ruled, or broken at a slash"
	fi
else
	echo "NOTICE: $shared/real/pdf, w3m, lynx, html2text, pandoc or html2markdown is absent: HTML rendered at other widths skipped"; skip=$((skip + 1))
fi
# MuPDF's HTML (mutool draw -F html: a <p> for each line of the PDF, the
# signature an <img> whose src is a data: URI) rendered as text: each
# line of the PDF a paragraph, the longer ones wrapped again by the
# renderer ("... #63" / "was" / blank line / "authorized ..."), read as
# double-spaced (runs of one or two lines between single blank lines,
# normalize.c); the picture a line of its own, emptied: w3m's "[9kAAA]"
# (its data: URI's tail after the last "/"), pandoc's "[]", html2text's
# whole URI on 300 lines of base64.  First on an example: its lines each
# a paragraph, wrapped at 64, keep its facts; the three placeholders
# after its first title, the example's XML but for the lines.
ex=examples/imr-2016-standard.txt
awk '{ if (length($0) > 64) { i = 64; while (i > 1 && substr($0, i, 1) != " ") i--
	print substr($0, 1, i - 1); print substr($0, i + 1) } else print; print "" }' "$ex" >"$tmp/each-line.txt"
if [ "$(grep -c . "$tmp/each-line.txt")" -gt "$(grep -c . "$ex")" ]; then
	convert_ok "$ex, each line a paragraph (wrapped at 64)" "$tmp/each-line.txt" "tests/facts/examples/imr-2016-standard.facts"
else
	bad "$ex: no line wrapped at 64"
fi
awk '{ print } /: Upheld$/ && !n++ { print "[9kAAA]"; print ""; print "[]"; print "[data:image/jpeg;base64,"
	print "/9j/4AAQSkZJRgABAQEA3ADcAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsL"; print "Z]" }' "$ex" >"$tmp/pictures.txt"
same_xml "$ex, a picture's placeholders (w3m, pandoc, html2text)" "$ex" "$tmp/pictures.txt" strip_lines
render_mupdf() { # TOOL HTML OUT
	case $1 in
	w3m) w3m -dump -cols 80 -T text/html <"$2" >"$3" ;;
	lynx) lynx -dump -nolist -stdin <"$2" >"$3" ;;
	html2text) /usr/bin/html2text "$2" >"$3" ;;
	pandoc) pandoc -f html -t plain "$2" -o "$3" ;;
	esac
}
if [ -d "$tmp/dec" ] && command -v mutool >/dev/null && command -v w3m >/dev/null && command -v lynx >/dev/null &&
	[ -x /usr/bin/html2text ] && command -v pandoc >/dev/null; then
	pictures=0
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		mutool draw -q -F html -o "$tmp/$b.mupdf.html" "$pdf" 2>/dev/null || { bad "mutool could not make $b's HTML"; continue; }
		for tool in w3m lynx html2text pandoc; do
			render_mupdf $tool "$tmp/$b.mupdf.html" "$tmp/rendered.txt" || { bad "$tool could not render $b's HTML"; continue; }
			pictures=$((pictures + $(grep -c -e '^\[[A-Za-z0-9+=]*\]$' -e '^\[data:image/' "$tmp/rendered.txt")))
			convert_ok "$pdf (MuPDF HTML, $tool)" "$tmp/rendered.txt" "tests/facts/real/$b.facts"
		done
	done
	# (the shape meant: each letter's signature, in w3m's, pandoc's and html2text's text)
	if [ "$pictures" = 48 ]; then ok; else bad "MuPDF HTML: $pictures pictures' placeholders, want 48"; fi
else
	echo "NOTICE: $shared/real/pdf, mutool, w3m, lynx, html2text or pandoc is absent: MuPDF's HTML rendered skipped"; skip=$((skip + 1))
fi
# HTML's character references left as they were anywhere in the lines
# (text cut from a page's source, an export that escaped it: "Physical
# Medicine &amp; Rehabilitation", "the patient&#39;s"), not only at their
# ends as html2text -ascii leaves them: put as their characters.  Each
# example is its own XML, lines too, but for its digest; the real letters
# and seeds keep their facts.
no_provenance() { sed -e 's/ sha256="[0-9a-f]*"//' -e 's/ source="[^"]*"//'; }
escaped=0
for in in examples/*.txt "$shared"/real/txt/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] && grep -q "[&']" "$in" || continue
	sed -e 's/&/\&amp;/g' -e "s/'/\&#39;/g" "$in" >"$tmp/escaped.txt"
	escaped=$((escaped + 1))
	if [[ $in == examples/* ]]; then
		same_xml "$in, its & and ' escaped (&amp; &#39;)" "$in" "$tmp/escaped.txt" no_provenance
	else
		facts_of "$(basename "$in" .txt)"
		convert_ok "$in, its & and ' escaped (&amp; &#39;)" "$tmp/escaped.txt" "$facts"
	fi
done
want_escaped=41 # (23 examples alone)
[ -d "$shared/real/txt" ] || want_escaped=23
if [ "$escaped" = "$want_escaped" ]; then ok; else bad "$escaped letters have an & or a ' to escape, want $want_escaped"; fi
# pdftotext's own options: DOS line ends (-eol dos), Latin-1 (-enc
# Latin1: the letters' curly quotes and dashes become "?" or go), no
# form feed between pages (-nopgbrk), each of its text and its -layout
# text; and txt/ with CRLF line ends.  The same facts.
if [ -d "$shared/real/pdf" ]; then
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		for opt in "-eol dos" "-enc Latin1" "-nopgbrk" "-layout -eol dos" "-layout -enc Latin1" "-layout -nopgbrk"; do
			# shellcheck disable=SC2086 # (the options are words)
			if pdftotext $opt "$pdf" "$tmp/opt.txt" 2>/dev/null; then
				convert_ok "$pdf (pdftotext $opt)" "$tmp/opt.txt" "tests/facts/real/$b.facts"
			else
				bad "pdftotext $opt could not extract $pdf"
			fi
		done
		sed 's/$/\r/' "$shared/real/txt/$b.txt" >"$tmp/crlf.txt"
		convert_ok "$shared/real/txt/$b.txt, CRLF line ends" "$tmp/crlf.txt" "tests/facts/real/$b.facts"
	done
	if [ "$(grep -c $'\r$' "$tmp/crlf.txt")" = "$(grep -c '' "$tmp/crlf.txt")" ] &&
		pdftotext -eol dos "$pdf" - | grep -q $'\r$' && ! pdftotext -nopgbrk "$pdf" - | grep -q $'\f'; then ok; else
		bad "CRLF text, pdftotext -eol dos or -nopgbrk: not the shape meant"
	fi
else
	echo "NOTICE: $shared/real/pdf is absent: pdftotext's options skipped"; skip=$((skip + 1))
fi
# ---- issue 16: running headers and footers that are not the letter's ----
# Another tool's lines around each page, made here from txt/ and layout/
# and from the examples with pages: a browser's print of the PDF (pdf.js:
# the date and the file's name atop each page, the address and "1/4" at
# its foot), a fax machine's line atop each page ("P.2/4"), a Bates stamp
# at each page's foot ("SLG-000124"); a fax header of two lines; a Bates
# stamp on the pages after the first; a footer whose counter opens it
# ("Page 2 of 4 - Smith Law Group", "2/4  https://...pdf"), a fax header
# whose counter opens it ("2  CONFIDENTIAL - FAX ..."); each with its form
# feeds and without (pdftotext -nopgbrk's shape).  A stamp without digits
# atop every page, the first too above the letter ("CONFIDENTIAL"), with
# form feeds only (without pages it is not found: grammar.md).
# Found by repetition (running.c, imr_blank_running_lines): the same
# facts, and exactly the lines the shape added emptied (pages --running).
declare -A running_lines=(
	[browser]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s12/7/26, 5:03 PM                     %s.pdf\n%s\nhttps://www.dir.ca.gov/dwc/IMR/%s.pdf                %d/%d\n",
		(i>1?"\f":""), b, p[i], b, i, n}}'
	[fax]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%sDEC-07-2026 10:%02d  FROM: SMITH LAW GROUP  9165550123  TO: 5105550199  P.%d/%d\n%s\n",
		(i>1?"\f":""), 30+i, i, n, p[i]}}'
	[Bates]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s%s\n                                                SLG-%06d\n", (i>1?"\f":""), p[i], 122+i}}'
	[fax of two lines]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%sDEC-07-2026 10:32  FROM: SMITH LAW GROUP  P.%d/%d\nTO: 5105550199  ATTN: CLAIMS DEPT 12\n%s\n",
		(i>1?"\f":""), i, n, p[i]}}'
	[Bates from page 2]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s%s\n%s\n", (i>1?"\f":""), p[i], (i>1 ? sprintf("                  SLG-%06d", 122+i) : "")}}'
	[page counter first]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s%s\n     Page %d of %d - Smith Law Group, Applicant Attorneys\n", (i>1?"\f":""), p[i], i, n}}'
	[counter first, address after]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s%s\n%d/%d                https://www.dir.ca.gov/dwc/IMR/%s.pdf\n", (i>1?"\f":""), p[i], i, n, b}}'
	[fax, counter first]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s%d  CONFIDENTIAL - FAX   SMITH LAW GROUP   (916) 555-0123\n%s\n", (i>1?"\f":""), i, p[i]}}'
	[footer without digits]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s%s\n        Smith Law Group - Independent Review File Copy\n", (i>1?"\f":""), p[i]}}'
	[stamp without digits]='BEGIN{RS="\f"} {p[++n]=$0} END{for(i=1;i<=n;i++){if(i==n && p[i]~/^[ \n]*$/)continue;
		printf "%s                    CONFIDENTIAL - ATTORNEY WORK PRODUCT\n%s\n", (i>1?"\f":""), p[i]}}'
)
# The lines each shape adds and are emptied: "PER-PAGE PAGES-WITHOUT
# FEWEST-PAGES" (Bates from page 2: none on the first, and one stamp alone,
# on a letter of two pages, counts nothing: kept), and whether it is found
# with pages only.
declare -A running_added=([browser]="2 0 2" [fax]="1 0 2" [Bates]="1 0 2" [fax of two lines]="2 0 2"
	[Bates from page 2]="1 1 3" [page counter first]="1 0 2" [counter first, address after]="1 0 2"
	[fax, counter first]="1 0 2" [stamp without digits]="1 0 2 pages-only" [footer without digits]="1 0 2 pages-only")
# running_emptied NAME FILE N: the running lines normalization empties in FILE are N.
running_emptied() {
	local got
	got=$("$tools/pages" --running "$2")
	if [ "${got%% *}" = "$3" ]; then ok; else bad "$1: ${got%% *} running lines emptied, want $3"; fi
}
# running_shape SHAPE IN: the shape made of IN, converted (with the letter's
# facts) and its added lines counted, with form feeds and without.
running_shape() {
	local shape=$1 in=$2 b per without fewest only pages want
	b=$(basename "$in" .txt)
	facts_of "$b"
	read -r per without fewest only <<<"${running_added[$shape]}"
	awk -v b="$b" "${running_lines[$shape]}" "$in" >"$tmp/running.txt"
	pages=$(($(grep -c $'\f' "$tmp/running.txt") + 1))
	# (The shape meant: a running line each page, each page its break.)
	if [ "$(grep -c 'dir\.ca\.gov\|P\.[0-9]/\|SLG-0\|Smith Law Group\|CONFIDENTIAL' "$tmp/running.txt")" -lt $((pages - without)) ] ||
		[ "$pages" -lt 2 ]; then
		bad "$in, $shape: not the shape meant"
	fi
	want=$((pages < fewest ? 0 : per * pages - without))
	convert_ok "$in, running lines ($shape)" "$tmp/running.txt" "$facts"
	running_emptied "$in, running lines ($shape)" "$tmp/running.txt" $want
	[ -n "$only" ] && return
	tr -d '\f' <"$tmp/running.txt" >"$tmp/running-nopgbrk.txt"
	convert_ok "$in, running lines ($shape, no form feeds)" "$tmp/running-nopgbrk.txt" "$facts"
	running_emptied "$in, running lines ($shape, no form feeds)" "$tmp/running-nopgbrk.txt" $want
}
if [ -d "$shared/real/txt" ] && [ -d "$shared/real/layout" ]; then
	for shape in "${!running_lines[@]}"; do
		for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt; do
			running_shape "$shape" "$in"
		done
	done
else
	echo "NOTICE: $shared/real is absent: running headers and footers skipped"; skip=$((skip + 1))
fi
for shape in "page counter first" "counter first, address after" "fax, counter first" "stamp without digits" \
	"footer without digits"; do
	for in in examples/*.txt; do
		grep -q $'\f' "$in" && running_shape "$shape" "$in"
	done
done
# A letter's own lines repeated are not running lines: an item's guideline
# line opening each page after the first (three of them, its digits the
# same each time) is kept, every one, as the golden has them; and the
# examples' golden XML (above) is unchanged.
sed 's/^\(Claims Administrator guideline: Decision based on MTUS Chronic\)/\f\1/' examples/imr-2014-claim.txt >"$tmp/guideline.txt"
guideline='Decision based on MTUS Chronic Pain Medical Treatment 2009'
if [ "$(grep -c $'^\f'"Claims Administrator guideline" "$tmp/guideline.txt")" != 3 ]; then
	bad "a guideline line atop each page: not the shape meant"
elif convert_ok "a guideline line atop each page after the first" "$tmp/guideline.txt" tests/facts/examples/imr-2014-claim.facts; then
	if [ "$(grep -c "$guideline" "$tmp/out.xml")" = "$(grep -c "$guideline" examples/imr-2014-claim.xml)" ] &&
		[ "$(grep -c "$guideline" examples/imr-2014-claim.xml)" = 6 ]; then ok; else
		bad "a guideline line atop each page after the first: $(grep -c "$guideline" "$tmp/out.xml") of the golden's 6 kept"
	fi
fi
# ---- a running footer without digits ----
# A line without digits closing every page (or all but the last) of three
# or more, or both of two when it ends in a letter, is another tool's
# footer ("footer without digits" above: its letters keep their facts,
# the line emptied on each page).  Not a letter's own line: the same
# footer once more in the letter's text is kept (none emptied); nor an
# item's guideline line closing each of three pages (its facts hold; a
# line opening with a label is never such a footer).
ex=examples/imr-2016-standard.txt
footer='        Smith Law Group - Independent Review File Copy'
awk -v f="$footer" '/^\f/ { print f } { print } END { print f }' "$ex" >"$tmp/footer.txt"
if [ "$(grep -c 'Independent Review File Copy' "$tmp/footer.txt")" != 4 ]; then
	bad "a footer without digits: not the shape meant"
else
	same_xml "$ex, a footer without digits on each of its 4 pages" "$ex" "$tmp/footer.txt" strip_lines
	running_emptied "$ex, a footer without digits" "$tmp/footer.txt" 4
	awk -v f="$footer" 'NR == 60 { print f } { print }' "$tmp/footer.txt" >"$tmp/footer-own.txt"
	running_emptied "$ex, a footer without digits also in its text" "$tmp/footer-own.txt" 0
fi
awk '{ print } /^MAXIMUS guideline: Decision based on MTUS Chronic/ { printf "\f" }' examples/imr-2014-claim.txt >"$tmp/guideline.txt"
if [ "$(grep -c $'^\f' "$tmp/guideline.txt")" != 3 ]; then
	bad "a guideline line closing each page: not the shape meant ($(grep -c $'^\f' "$tmp/guideline.txt") pages)"
else
	running_emptied "a guideline line closing each of three pages" "$tmp/guideline.txt" 0
	convert_ok "a guideline line closing each of three pages" "$tmp/guideline.txt" tests/facts/examples/imr-2014-claim.facts
fi
# ---- end of a running footer without digits ----
# No line of a letter as it is taken for a running line: every example,
# seed and real letter (txt/ and layout/), with its form feeds and
# without, has 0 lines emptied (pages --running), one by one.
mkdir -p "$tmp/own"
for in in examples/*.txt "$shared"/seeds/*.txt "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt; do
	[ -f "$in" ] || continue
	b=$(basename "$(dirname "$in")")-$(basename "$in")
	tr -d '\f' <"$in" >"$tmp/own/$b"
	running_emptied "$in, as it is" "$in" 0
	running_emptied "$in, no form feeds" "$tmp/own/$b" 0
done
# A letter's own numbers counting up, far apart, without pages: requests
# for dates of service a day apart, each numbered ("1) Regarding the
# request for ... (DOS 06/11/2013):", the numbers and the dates both
# count), and items whose titles are so dated ("...: Upheld"): their
# lines are kept, every one (a date's runs and a list's number count no
# page; an item's line is the letter's).
sed -e '94s/.*/1) Regarding the request for urine drug screen (DOS 06\/11\/2013):/' \
	-e '116s/.*/2) Regarding the request for urine drug screen (DOS 06\/12\/2013):/' \
	-e '153s/.*/3) Regarding the request for urine drug screen (DOS 06\/13\/2013):/' \
	examples/imr-2013-notice-b.txt | tr -d '\f' >"$tmp/own-numbered.txt"
sed -e '42s/.*/Retrospective urine drug screen (DOS 02\/03\/2014): Upheld/' \
	-e '61s/.*/Retrospective urine drug screen (DOS 02\/04\/2014): Upheld/' \
	-e '79s/.*/Retrospective urine drug screen (DOS 02\/05\/2014): Upheld/' \
	examples/imr-2014-claim.txt >"$tmp/own-titles.txt"
for own in numbered titles; do
	if [ "$(grep -c '(DOS 0[26]/' "$tmp/own-$own.txt")" != 3 ]; then
		bad "a letter's own lines counting ($own): not the shape meant"; continue
	fi
	running_emptied "a letter's own lines counting ($own)" "$tmp/own-$own.txt" 0
	if convert_ok "a letter's own lines counting ($own)" "$tmp/own-$own.txt"; then
		if [ "$(grep -c '<dateOfService date="201[34]-0[26]-' "$tmp/out.xml")" = 3 ]; then ok; else
			bad "a letter's own lines counting ($own): $(grep -c '<dateOfService' "$tmp/out.xml") of 3 dates of service read"
		fi
	fi
done
# Apache Tika's text, emulated: PDFBox's paragraphs (PDFTextStripper, as
# Tika's PDF2XHTML runs it, through ExtractText -html) each followed by a
# blank line, as Tika's XHTML-to-text gives them, more at a page's end
# (tests/shapes/tika.sed): a modified request's title over blank lines.
tika_text() { # PDF OUT
	java -cp "$pdfbox_cp" org.apache.pdfbox.tools.ExtractText -html "$1" "$tmp/tika.html" 2>/dev/null &&
		sed -f tests/shapes/tika.sed "$tmp/tika.html" >"$2"
}
if [ -d "$shared/real/pdf" ]; then
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		if extracted "$tmp/tika.txt" "tika/$b.txt" tika_text "$pdf" "$tmp/tika.txt"; then
			convert_ok "$pdf (Apache Tika, emulated)" "$tmp/tika.txt" "tests/facts/real/$b.facts"
		else
			bad "PDFBox (libpdfbox2-java, default-jre-headless) could not extract $pdf as HTML"
		fi
	done
else
	echo "NOTICE: $shared/real/pdf is absent: Apache Tika's shape skipped"; skip=$((skip + 1))
fi
# ---- end of HTML rendered as text, Apache Tika ----
# ---- a letter's HTML itself ----
# The letter's HTML or XHTML page read as the page it is (src/html.c:
# libxml2's HTML parser; a line for each block and each <br>; converters'
# marks of a PDF's pages, and <hr>, page breaks), not only as text
# rendered from it.  First a page written by hand from each example
# (tests/shapes/page.awk: a title, a style block and a script holding
# letter-like text, a comment, entities and a no-break space, <br>s
# mid-paragraph, words broken over the source's lines, an <hr> between
# pages), whose text is the example's lines one for one: its own XML,
# lines and pages too, but for its digest.
html_ex=examples/imr-2016-standard.txt
awk -f tests/shapes/page.awk "$html_ex" >"$tmp/page.html"
if [ "$(grep -c -e '^<style>$' -e '^<script>.*Priority: Expedited' -e '&amp;' -e '&nbsp;Date' -e '^<hr>$' \
	"$tmp/page.html")" = 9 ] && [ "$(grep -c '[a-z]<br>$' "$tmp/page.html")" -gt 50 ]; then
	ok
else
	bad "page.awk no longer writes $html_ex's page with a style, a script, entities and <hr>s (want 1 + 1 + 2 + 2 + 3)"
fi
for ex in examples/*.txt; do
	awk -f tests/shapes/page.awk "$ex" >"$tmp/page.html"
	if run --verify --source-name "$ex" "$tmp/page.html" 2>"$tmp/err" | no_digest >"$tmp/page.xml" &&
		no_digest <"${ex%.txt}.xml" | cmp -s - "$tmp/page.xml"; then
		ok
	else
		bad "$ex as an HTML page (page.awk): not its XML: $(head -3 "$tmp/err")"
	fi
done
# Its encodings: a character of its own (UTF-8, a <meta charset>) read
# the same from UTF-16 (a byte order mark), UTF-8 with a byte order mark,
# and Windows-1252 that declares no charset.
sed 's/cryotherapy\./cryoth\xc3\xa9rapy \xe2\x80\x9cx\xe2\x80\x9d./' "$html_ex" | awk -f tests/shapes/page.awk >"$tmp/page.html"
if run --source-name p "$tmp/page.html" 2>"$tmp/err" | no_digest >"$tmp/page.xml" &&
	[ "$(grep -c $'cryoth\xc3\xa9rapy \xe2\x80\x9cx\xe2\x80\x9d' "$tmp/page.xml")" = 4 ]; then
	ok
else
	bad "an HTML page in UTF-8: its own characters not read: $(head -3 "$tmp/err")"
fi
iconv -f UTF-8 -t UTF-16 "$tmp/page.html" >"$tmp/page-utf16.html"
{ printf '\xef\xbb\xbf'; cat "$tmp/page.html"; } >"$tmp/page-bom.html"
sed 's/<meta charset="utf-8">//' "$tmp/page.html" | iconv -f UTF-8 -t WINDOWS-1252 >"$tmp/page-1252.html"
for enc in utf16 bom 1252; do
	if run --source-name p "$tmp/page-$enc.html" 2>"$tmp/err" | no_digest | cmp -s - "$tmp/page.xml"; then ok; else
		bad "an HTML page in another encoding ($enc): not the UTF-8 page's XML: $(head -3 "$tmp/err")"
	fi
done
# Positions are those of the page's text, as for a PDF: a label
# misspelled is reported at the line and column it has in the example.
sed 's/State(s) of Licensure/State(s) of License/' "$html_ex" >"$tmp/license.txt"
awk -f tests/shapes/page.awk "$tmp/license.txt" >"$tmp/license.html"
expect "an HTML page's error, at its text's line" 1 \
	"license.html:30:1: error: syntax error, unexpected text line, expecting State(s) of Licensure" "$tmp/license.html"
if grep -qF "30 | State(s) of License: California,Oregon" "$tmp/err"; then ok; else
	bad "an HTML page's error: not its text line's excerpt: $(head -3 "$tmp/err")"
fi
# What is refused, with the file named: a page with no letter, one with
# no text at all, one nested too deep to be read to its end, one over
# --max-size; a frameset, its pages named.
printf '<!DOCTYPE html>\n<html><body><p>Minutes of the meeting</p></body></html>\n' >"$tmp/noletter.html"
expect "an HTML page with no letter" 1 "noletter.html: error: not an IMR Final Determination" "$tmp/noletter.html"
printf '<html>\n<head><title>Case Number: CM16-0243517</title></head><body> </body></html>\n' >"$tmp/empty.html"
expect "an HTML page with no text" 1 "empty.html: error: the HTML page holds no text" "$tmp/empty.html"
{ printf '<html><body>'; for i in $(seq 300); do printf '<div>'; done; cat "$html_ex"; } >"$tmp/deep.html"
expect "an HTML page nested too deep" 1 \
	"deep.html: error: damaged HTML page: libxml2 stopped reading it before its end: Excessive depth in document: 256" \
	"$tmp/deep.html"
awk -f tests/shapes/page.awk "$html_ex" >"$tmp/page.html"
expect "an HTML page over --max-size" 1 \
	"page.html: error: input is $(wc -c <"$tmp/page.html" | tr -d ' ') bytes, more than the limit of 1024 (see --max-size)" \
	--max-size=1K "$tmp/page.html"
# A letter's text with tags in it is text still: they are words of it.
sed '66s#$# <br> <b>see</b> <html>#' "$html_ex" >"$tmp/tagged.txt"
if convert_ok "a letter's text with tags mid-text" "$tmp/tagged.txt" "tests/facts/examples/imr-2016-standard.facts"; then
	if grep -qF '&lt;br&gt; &lt;b&gt;see&lt;/b&gt; &lt;html&gt;' "$tmp/out.xml"; then ok; else
		bad "a letter's text with tags mid-text: the tags are not in its XML as text"
	fi
fi
# Batch mode walks *.html, *.htm and *.xhtml too (the page's name ends in
# .xml); of x.txt and x.htm, x.txt is converted.
mkdir -p "$tmp/hb"
cp "$tmp/page.html" "$tmp/hb/a.html"
cp examples/imr-2014-claim.txt "$tmp/hb/b.txt"
cp "$tmp/page.html" "$tmp/hb/b.htm"
cp "$tmp/page.html" "$tmp/hb/c.xhtml"
run -q -d "$tmp/hbo" "$tmp/hb" 2>"$tmp/err"
st=$?
rows=$(tail -n +2 "$tmp/hbo/manifest.tsv" | cut -f1,2,8 | sed "s#^$tmp/##")
want=$(printf '%s\t%s\t%s\n' hb/a.html ok '' hb/b.htm error 'not converted: b.txt has the same output' \
	hb/b.txt ok '' hb/c.xhtml ok '')
if [ "$st" = 2 ] && [ "$rows" = "$want" ] && [ "$(cd "$tmp/hbo/hb" && echo *)" = "a.xml b.xml c.xml" ]; then
	ok
else
	bad "batch mode over .html, .htm, .xhtml: exit $st, rows:"$'\n'"$rows"
fi
if no_provenance <"$tmp/hbo/hb/a.xml" | cmp -s - <(no_provenance <"${html_ex%.txt}.xml"); then ok; else
	bad "batch mode: a.html's XML is not $html_ex's"
fi
# The real letters' HTML, each keeping the facts of its txt/, and its
# pages those of its PDF: pdftohtml's single page (-s -noframes: a <p> a
# text run, placed) and its frames' page (s.html: a <br> a run, <hr> and
# <a name=N> between pages), PDFBox's -html (Apache Tika's XHTML: a <p> a
# line, a page-break div a page), MuPDF's XHTML (a <p> a paragraph, a div
# "pageN" a page) and HTML (placed lines); pdftotext's word boxes (-bbox:
# a <word> a word, a <page> a page, the lines told by the words' heights;
# -bbox-layout: its <line>s too).
page_marks() { grep -o '<[A-Za-z]* [^>]*page="[0-9]*"' | sed 's/ .*page=/ /' | grep -v '^<p ' | uniq; }
pdfbox_html() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$pdfbox_cp" org.apache.pdfbox.tools.ExtractText -html "$1" "$2" 2>/dev/null; }
if [ -d "$tmp/dec" ] && command -v mutool >/dev/null && command -v pdftohtml >/dev/null; then
	first=1
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		run "$pdf" 2>/dev/null | page_marks >"$tmp/pdf.pages"
		mkdir -p "$tmp/frames"
		html_of "$pdf" "$tmp/$b.s.html" || bad "pdftohtml -s -noframes could not convert $pdf"
		pdftohtml -q -i "$pdf" "$tmp/frames/$b" || bad "pdftohtml could not make $pdf's frames"
		extracted "$tmp/$b.pdfbox.html" "pdfbox-html/$b.html" pdfbox_html "$pdf" "$tmp/$b.pdfbox.html" ||
			bad "PDFBox could not extract $pdf as HTML"
		mutool draw -q -F xhtml -o "$tmp/$b.mupdf.xhtml" "$pdf" 2>/dev/null || bad "mutool could not make $b's XHTML"
		mutool draw -q -F html -o "$tmp/$b.mupdf.html" "$pdf" 2>/dev/null || bad "mutool could not make $b's HTML"
		pdftotext -q -bbox "$pdf" "$tmp/$b.bbox.html" || bad "pdftotext -bbox could not extract $pdf"
		pdftotext -q -bbox-layout "$pdf" "$tmp/$b.bbox-layout.html" || bad "pdftotext -bbox-layout could not extract $pdf"
		for shape in "pdftohtml -s -noframes:$tmp/$b.s.html" "pdftohtml frames, s.html:$tmp/frames/${b}s.html" \
			"PDFBox -html:$tmp/$b.pdfbox.html" "mutool -F xhtml:$tmp/$b.mupdf.xhtml" "mutool -F html:$tmp/$b.mupdf.html" \
			"pdftotext -bbox:$tmp/$b.bbox.html" "pdftotext -bbox-layout:$tmp/$b.bbox-layout.html"; do
			if convert_ok "$pdf (HTML: ${shape%%:*})" "${shape#*:}" "tests/facts/real/$b.facts"; then
				if page_marks <"$tmp/out.xml" | cmp -s - "$tmp/pdf.pages"; then ok; else
					bad "$pdf (HTML: ${shape%%:*}): not the PDF's pages"
				fi
				# (Word boxes make lines: a page's words on one line, its facts
				# still read, would put every element on a page's first line.)
				case $shape in pdftotext\ -bbox*)
					lines=$(grep -o ' line="[0-9]*"' "$tmp/out.xml" | sort -u | wc -l)
					if [ "$lines" -ge 20 ]; then ok; else bad "$pdf (HTML: ${shape%%:*}): the XML's elements on $lines lines"; fi
				esac
			fi
		done
		if [ "$first" = 1 ]; then
			expect "pdftohtml's frameset" 1 \
				"$b.html: error: the HTML page is a frameset: its text is in its frames' pages, ${b}_ind.html, ${b}s.html" \
				"$tmp/frames/$b.html"
			first=0
		fi
	done
else
	echo "NOTICE: $shared/real/pdf, mutool or pdftohtml is absent: the real letters' HTML skipped"; skip=$((skip + 1))
fi
# ---- end of a letter's HTML itself ----

# ---- word boxes in TSV (pdftotext -tsv, tesseract's tsv) ----
# A letter's words as a table of boxes (src/word_boxes.c): pdftotext
# -tsv's from the PDF, tesseract's tsv output from a page's image (and
# pytesseract's image_to_data), the same twelve columns but for the order
# of block_num and par_num.  First every example as tesseract writes a
# page (tests/shapes/boxes.awk: a row per page, block, paragraph, line
# and word): its facts.  Then the sixteen letters as pdftotext -tsv
# writes them, as they are, with CRLF line ends and tesseract's header,
# and page by page with a header each (tesseract run on each page's image,
# its outputs joined): their facts, and their PDF's pages.
boxed=0
for ex in examples/*.txt; do
	facts=; facts_of "$(basename "$ex" .txt)"
	awk -f tests/shapes/boxes.awk "$ex" >"$tmp/boxes.tsv"
	convert_ok "$ex as tesseract's word boxes (boxes.awk)" "$tmp/boxes.tsv" "$facts"
	boxed=$((boxed + 1))
done
if [ "$boxed" = 25 ] && [ "$(awk -F '\t' '$1 == 5' "$tmp/boxes.tsv" | wc -l)" -gt 500 ]; then ok; else
	bad "word boxes: $boxed examples made, not 25, or too few words in the last"
fi
if [ -d "$tmp/dec" ]; then
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		pdftotext -q -tsv "$pdf" "$tmp/boxes.tsv" || bad "pdftotext -tsv could not extract $pdf"
		run "$pdf" 2>/dev/null | page_marks >"$tmp/pdf.pages"
		if convert_ok "$pdf (pdftotext -tsv's word boxes)" "$tmp/boxes.tsv" "tests/facts/real/$b.facts"; then
			if page_marks <"$tmp/out.xml" | cmp -s - "$tmp/pdf.pages"; then ok; else
				bad "$pdf (pdftotext -tsv's word boxes): not the PDF's pages"
			fi
			lines=$(grep -o ' line="[0-9]*"' "$tmp/out.xml" | sort -u | wc -l)
			if [ "$lines" -ge 20 ]; then ok; else bad "$pdf (pdftotext -tsv's word boxes): the XML's elements on $lines lines"; fi
		fi
		sed '1s/par_num\tblock_num/block_num\tpar_num/; s/$/\r/' "$tmp/boxes.tsv" >"$tmp/boxes-crlf.tsv"
		convert_ok "$pdf (word boxes, tesseract's header, CRLF)" "$tmp/boxes-crlf.tsv" "tests/facts/real/$b.facts"
		awk -F '\t' 'NR == 1 { head = $0; next } $1 == 1 { print head } { print }' "$tmp/boxes.tsv" >"$tmp/boxes-pages.tsv"
		if [ "$(grep -c '^level' "$tmp/boxes-pages.tsv")" = "$(grep -c '^1'$'\t' "$tmp/boxes.tsv")" ]; then
			convert_ok "$pdf (word boxes page by page, a header each)" "$tmp/boxes-pages.tsv" "tests/facts/real/$b.facts"
		else
			bad "$pdf: the word boxes page by page have not a header a page"
		fi
	done
else
	echo "NOTICE: $shared/real/pdf or qpdf is absent: pdftotext -tsv's word boxes not read"; skip=$((skip + 1))
fi
# Its errors: a row short of columns, at its line, quoted; a table without
# a word; a header of other columns is no table (read as text, refused).
awk -f tests/shapes/boxes.awk examples/imr-2016-standard.txt | sed '9s/\t[^\t]*\t[^\t]*$//' >"$tmp/short.tsv"
expect "word boxes: a row short of columns" 1 "short.tsv:9:1: error: word boxes: a row of 10 columns, not 12" \
	"$tmp/short.tsv" -o "$tmp/o.xml"
awk -f tests/shapes/boxes.awk examples/imr-2016-standard.txt | sed '9s/^5/7/' >"$tmp/level.tsv"
expect "word boxes: a level not 1 to 5" 1 "level.tsv:9:1: error: word boxes: a row whose level is not 1 to 5" "$tmp/level.tsv"
awk -f tests/shapes/boxes.awk examples/imr-2016-standard.txt | awk -F '\t' '$1 != 5' >"$tmp/nowords.tsv"
expect "word boxes: no word" 1 "nowords.tsv: error: word boxes: not one word in the table (" "$tmp/nowords.tsv"
# ---- end of word boxes in TSV ----

# ---- stripped HTML, quoted-printable ----
# HTML whose tags a regular expression took out (sed 's/<[^>]*>//g',
# sed -E, perl; python's re.sub over the whole file): what is left of
# pdftohtml's stylesheet comment at each page ("<!--" / "p {margin: 0;
# ...} .ft10{...}" / "-->"), of its frames' HTML (each page's <title>,
# the file's name), of MuPDF's <style> rules and its <img> tag left open
# over the data: URI's base64, is page furniture (markup.c,
# imr_blank_stripped_html); "&#160;" joins words, put as a blank.  Every
# letter keeps its facts, and no residue reaches the XML.
cat >"$tmp/no-residue.facts" <<'FACTS'
contains(string(/), 'font-') => false
contains(string(/), 'margin') => false
contains(string(/), '<!--') => false
contains(string(/), '-->') => false
contains(string(/), 'base64') => false
contains(string(/), '.html') => false
contains(string(/), '&#160;') => false
FACTS
strip_tags() { # HTML OUT [sed|sed-E|perl|python]
	case ${3:-sed} in
	sed) sed 's/<[^>]*>//g' "$1" >"$2" ;;
	sed-E) sed -E 's/<[^>]+>//g' "$1" >"$2" ;;
	perl) perl -pe 's/<[^>]*>//g' "$1" >"$2" ;;
	python) python3 -c 'import re,sys; sys.stdout.write(re.sub(r"<[^>]*>", "", open(sys.argv[1], encoding="utf-8").read()))' "$1" >"$2" ;;
	esac
}
pdfbox_html() { # PDF OUT
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$pdfbox_cp" org.apache.pdfbox.tools.ExtractText -html "$1" "$2" 2>/dev/null
}
if [ -d "$tmp/dec" ] && command -v pdftohtml >/dev/null && command -v mutool >/dev/null && command -v perl >/dev/null; then
	residue=0
	for pdf in "$tmp"/dec/*.pdf; do
		b=$(basename "$pdf" .pdf)
		facts=tests/facts/real/$b.facts
		pdftohtml -q -s -i -noframes -stdout "$pdf" >"$tmp/strip.html" 2>/dev/null || { bad "pdftohtml could not make $b's HTML"; continue; }
		residue=$((residue + $(grep -c '^<!--$' "$tmp/strip.html")))
		for how in sed sed-E perl python; do
			strip_tags "$tmp/strip.html" "$tmp/stripped.txt" $how
			convert_ok "$pdf (pdftohtml -s -i -noframes, tags stripped by $how)" "$tmp/stripped.txt" "$facts" "$tmp/no-residue.facts"
		done
		rm -rf "$tmp/frames" && mkdir "$tmp/frames"
		pdftohtml -q -s -i "$pdf" "$tmp/frames/$b" >/dev/null 2>&1 || { bad "pdftohtml could not make $b's frames"; continue; }
		strip_tags "$tmp/frames/$b-html.html" "$tmp/stripped.txt"
		convert_ok "$pdf (pdftohtml -s -i frames, tags stripped by sed)" "$tmp/stripped.txt" "$facts" "$tmp/no-residue.facts"
		mutool draw -q -F html -o "$tmp/strip.html" "$pdf" 2>/dev/null || { bad "mutool could not make $b's HTML"; continue; }
		strip_tags "$tmp/strip.html" "$tmp/stripped.txt"
		convert_ok "$pdf (MuPDF HTML, tags stripped by sed)" "$tmp/stripped.txt" "$facts" "$tmp/no-residue.facts"
		if extracted "$tmp/pdfbox.html" "pdfbox-html/$b.html" pdfbox_html "$pdf" "$tmp/pdfbox.html"; then
			strip_tags "$tmp/pdfbox.html" "$tmp/stripped.txt"
			convert_ok "$pdf (PDFBox -html, tags stripped by sed)" "$tmp/stripped.txt" "$facts" "$tmp/no-residue.facts"
		else
			bad "PDFBox (libpdfbox2-java) could not extract $pdf as HTML"
		fi
	done
	# (the shape meant: pdftohtml's comment at each of the 40 pages, and
	# the letter's own one more)
	if [ "$residue" = 56 ]; then ok; else bad "pdftohtml's HTML: $residue comments opening a line, want 56"; fi
else
	echo "NOTICE: $shared/real/pdf, pdftohtml, mutool or perl is absent: HTML with its tags stripped skipped"; skip=$((skip + 1))
fi
# A letter's own braces and "=" stay: lines of "{follow-up: 2 weeks}"
# (no property of CSS) and "VAS=7/10", "=5/10", a line ending in "="
# are neither a stylesheet nor quoted-printable.
ex=examples/imr-2016-standard.txt
awk 'NR == 34 { print; print "Pain was rated VAS=7/10 at rest and =5/10 with medication, flexion ="
	print "45 degrees; plan {follow-up: 2 weeks}"; print "{home-exercise: daily} {margin: none}"; next } { print }' "$ex" >"$tmp/literal.txt"
cat >"$tmp/literal.facts" <<'FACTS'
starts-with(/d:determination/d:caseSummary/d:p[1], 'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records: Pain was rated VAS=7/10 at rest and =5/10 with medication, flexion = 45 degrees; plan {follow-up: 2 weeks} {home-exercise: daily} {margin: none} The injured worker is a 48 year old male') => true
FACTS
convert_ok "$ex, literal '=' and braces" "$tmp/literal.txt" "tests/facts/examples/imr-2016-standard.facts" "$tmp/literal.facts"
# Quoted-printable (an e-mail's source, a saved .eml or .mht:
# "=E2=80=99", "=20" before a line's end, soft breaks "=" at 76
# characters), decoded before the text's characters are read (qp.c):
# txt/, layout/ and the seeds keep their facts; the letter above, its
# "=" written "=3D", its own words.
qp_encode() { python3 -c 'import quopri,sys; sys.stdout.buffer.write(quopri.encodestring(open(sys.argv[1],"rb").read()))' "$1"; }
qp=0
for in in "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] || continue
	qp_encode "$in" >"$tmp/qp.txt"
	grep -q '=$' "$tmp/qp.txt" && qp=$((qp + 1))
	facts_of "$(basename "$in" .txt)"
	convert_ok "$in, quoted-printable" "$tmp/qp.txt" "$facts"
done
want_qp=37
[ -d "$shared/real/txt" ] || want_qp=0
if [ "$qp" = "$want_qp" ]; then ok; else bad "$qp letters quoted-printable with soft breaks, want $want_qp"; fi
qp_encode "$tmp/literal.txt" >"$tmp/qp.txt"
convert_ok "$ex, literal '=' and braces, quoted-printable" "$tmp/qp.txt" "tests/facts/examples/imr-2016-standard.facts" "$tmp/literal.facts"
# An e-mail carrying a letter: its headers (to the first blank line), a
# multipart message's preamble, boundaries and part headers, are page
# furniture; the body quoted-printable with CRLF line ends, or 8bit.
# Every example keeps its facts, the mail's words none of the XML's, and
# the case number's line is the e-mail's.
mail_of() { # LETTER qp|8bit|multipart
	local b=b1_qGz0
	case $2 in
	multipart)
		printf 'From: "IMR Mailroom" <imr@example.org>\r\nTo: claims@example.com\r\nSubject: IMR Final Determination\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n boundary="%s"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n--%s\r\nContent-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' $b $b
		qp_encode "$1" | sed 's/$/\r/'
		printf '\r\n--%s--\r\nthe epilogue\r\n' $b ;;
	qp)
		printf 'From: imr@example.org\nSubject: IMR Final Determination\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
		qp_encode "$1" ;;
	8bit)
		printf 'From: imr@example.org\nSubject: IMR Final Determination\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
		cat "$1" ;;
	esac
}
cat >"$tmp/no-mail.facts" <<'FACTS'
contains(string(/), 'Mailroom') => false
contains(string(/), 'imr@example.org') => false
contains(string(/), 'b1_qGz0') => false
contains(string(/), 'MIME') => false
contains(string(/), 'quoted-printable') => false
contains(string(/), 'epilogue') => false
FACTS
mails=0
for in in examples/*.txt; do
	b=$(basename "$in" .txt)
	[ -f "tests/facts/examples/$b.facts" ] || continue
	for how in multipart qp 8bit; do
		mail_of "$in" $how >"$tmp/mail.eml"
		mails=$((mails + 1))
		convert_ok "$in, in an e-mail ($how)" "$tmp/mail.eml" "tests/facts/examples/$b.facts" "$tmp/no-mail.facts"
	done
done
if [ "$mails" = 75 ]; then ok; else bad "$mails e-mails of the examples, want 75"; fi
mail_of "$ex" multipart >"$tmp/mail.eml"
want=$(grep -n 'CM16-0243517' "$tmp/mail.eml" | head -1 | cut -d: -f1)
if run "$tmp/mail.eml" 2>/dev/null | grep -q "<caseNumber line=\"$want\" page=\"1\">CM16-0243517</caseNumber>"; then ok; else bad "$ex in an e-mail: the case number not at the e-mail's line $want"; fi
# What is all furniture says so; a soft break alone on its line ("=",
# no encoder's) is a line of its own, not an empty piece of a row.
printf 'From: a@example.org\nSubject: b\nContent-Type: multipart/mixed; boundary="q"\n\n--q\n\n--q--\n' >"$tmp/empty.eml"
expect "an e-mail without a letter" 1 "error: empty input: only an e-mail's headers or what is left of HTML's tags" "$tmp/empty.eml"
printf '<!--\np {margin: 0; padding: 0;}\n-->\nbody{color:black}\np{margin:0}\n' >"$tmp/empty.txt"
expect "a stylesheet without a letter" 1 "error: empty input: only an e-mail's headers or what is left of HTML's tags" "$tmp/empty.txt"
printf '=\r\n=\r\n=E2=80=99=E2=80=99=\r\n' >"$tmp/soft.txt"
expect "soft breaks alone on their lines" 1 "error: not an IMR Final Determination" "$tmp/soft.txt"
# ---- end of stripped HTML, quoted-printable ----

echo "== warnings: a letter that is cut off or disagrees with itself says so in the XML"
# warned NAME INPUT FACT... : converts (exit 0, valid, every word there) with these facts.
warned() {
	local name=$1 in=$2; shift 2
	printf '%s\n' "$@" >"$tmp/w.facts"
	convert_ok "warning: $name" "$in" "$tmp/w.facts"
}
std=examples/imr-2016-standard.txt
# Item 1 "Upheld" though its rationale concludes "not medically necessary": make it Overturned.
sed '59s/: Upheld$/: Overturned/' "$std" >"$tmp/w1.txt"
warned "decision against conclusion" "$tmp/w1.txt" \
	'count(//d:warning) => 1' \
	'/d:determination/d:issues/d:issue[1]/d:warning/@code => decision-conclusion-mismatch' \
	'/d:determination/d:issues/d:issue[1]/d:warning/@line => 59' \
	'/d:determination/d:issues/d:issue[1]/d:warning => item 1 is overturned, but its rationale concludes it is not medically necessary'
# The conclusions the rationale's grammar reads (an upheld item each; no
# warning may come of them): "the medical necessity ... is not established",
# "not supported ... as being medically necessary", the stock advice on
# weaning after "not medically necessary", "the request is not necessary".
sed -e '75s/.*/Therefore, the medical necessity of an associated cold therapy unit is not established./' \
	-e '91s/.*/for an MRI of the lumbar spine is not supported by the guidelines as being medically necessary./' \
	-e '111a\
Please refer to the MTUS, and if necessary, other relevant guidelines, regarding the weaning of this\
medication when medically appropriate.' "$std" >"$tmp/c1.txt"
warned "conclusions read in their sentences" "$tmp/c1.txt" \
	'count(//d:warning) => 0' \
	'/d:determination/d:issues/d:issue[1]/d:rationale/@conclusion => not-medically-necessary' \
	'/d:determination/d:issues/d:issue[2]/d:rationale/@conclusion => not-medically-necessary' \
	'/d:determination/d:issues/d:issue[3]/d:rationale/@conclusion => not-medically-necessary' \
	'/d:determination/d:issues/d:issue[4]/d:rationale/@conclusion => medically-necessary'
sed '124s/.*/Therefore, the request is not necessary./' "$std" >"$tmp/c2.txt"
warned "a conclusion without 'medically'" "$tmp/c2.txt" \
	'count(//d:warning) => 1' \
	'/d:determination/d:issues/d:issue[4]/d:rationale/@conclusion => not-medically-necessary' \
	'/d:determination/d:issues/d:issue[4]/d:warning/@code => decision-conclusion-mismatch'
# A title that leaves ultrasound ambiguous: the reviewer's guideline section
# "Ultrasound, therapeutic" makes it a therapy; without it, imaging.
sed -e '76s/^MRI of the lumbar spine without contrast/Ultrasound of the lumbar spine/' "$std" >"$tmp/u0.txt"
sed -e '80s/Section(s): Special Studies\./Section(s): Ultrasound, therapeutic./' "$tmp/u0.txt" >"$tmp/u1.txt"
warned "ultrasound, by its title" "$tmp/u0.txt" \
	'/d:determination/d:issues/d:issue[2]/@category => diagnostic-testing' \
	'/d:determination/d:issues/d:issue[2]/@subcategory => imaging'
warned "ultrasound, by the reviewer's guideline" "$tmp/u1.txt" \
	'/d:determination/d:issues/d:issue[2]/@category => rehabilitation' \
	'/d:determination/d:issues/d:issue[2]/@subcategory => other-therapies' \
	'/d:determination/d:issues/d:issue[2]/d:maximusGuideline/d:citation[1]/d:section[2] => therapeutic'
# The injury after the UR denial: 10/13/2016 -> 12/13/2016.
sed '16s|10/13/2016|12/13/2016|' "$std" >"$tmp/w2.txt"
warned "dates out of order" "$tmp/w2.txt" \
	'count(//d:warning) => 1' \
	'/d:determination/d:warning/@code => dates-out-of-order' \
	'/d:determination/d:warning => the injury (2016-12-13) is dated after the utilization review denial (2016-11-17)'
# The letter stops in the middle of its last rationale.
head -n -4 "$std" | sed '$s/\.$/ and/' >"$tmp/w3.txt"
warned "letter cut off" "$tmp/w3.txt" \
	'/d:determination/d:warning/@code => letter-truncated' \
	"/d:determination/d:warning/@line => $(wc -l <"$tmp/w3.txt" | tr -d ' ')"
# The last rationale's conclusion without its final period is no cut.
last=$(grep -n '[a-z]' "$std" | tail -1 | cut -d: -f1)
sed "${last}s/ is medically necessary\.\$/ is medically necessary/" "$std" >"$tmp/w3b.txt"
if ! grep -q 'necessary\.$' <(sed -n "${last}p" "$tmp/w3b.txt"); then ok; else bad "w3b: the period is still there"; fi
warned "a conclusion without its period" "$tmp/w3b.txt" 'count(//d:warning) => 0'
# A 2014 summary cut at exactly 2,000 characters, mid-word, as the 2014-15 letters cut it.
awk 'BEGIN { s = "The patient is a 50-year-old male injured on 01/02/2013. " }
	/^CLINICAL CASE SUMMARY/ { print; print "The expert reviewer developed the following clinical case summary based on a review of the"; print "case file, including all medical records:"; print ""
		t = ""; while (length(t) < 2100) t = t s "Pain persists in the low back with radiation to the leg and numbness. "
		t = substr(t, 1, 2000)
		# Wrapped at blanks, as pdftotext wraps: a line break stands for a blank.
		while (length(t) > 90) { k = 90; while (substr(t, k, 1) != " ") k--; print substr(t, 1, k - 1); t = substr(t, k + 1) }
		print t; print ""; skip = 1; next }
	/^IMR ISSUES/ { skip = 0 }
	!skip' examples/imr-2014-single-spaced.txt >"$tmp/w4.txt"
warned "summary cut at 2,000 characters" "$tmp/w4.txt" \
	'/d:determination/d:warning/@code => summary-truncated' \
	'/d:determination/d:warning => the case summary is cut off at exactly 2,000 characters, mid-word'
# The two numbered lists of a notice disagree on item 2.
sed '54s/is medically necessary/is not medically necessary/' examples/imr-2013-notice-a.txt >"$tmp/w5.txt"
warned "numbered lists disagree" "$tmp/w5.txt" \
	'/d:determination/d:warning/@code => list-mismatch' \
	'/d:determination/d:warning => the numbered lists disagree on item 2: overturned in the letter, upheld in the decision' \
	'/d:determination/d:issues/d:issue[2]/@decision => overturned'
# A notice whose item no list names: its decision is the rationale's conclusion.
printf 'Notice of Independent Medical Review Determination\nDear :\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\nCase Summary:\nA 40 year old male.\n1) Regarding the request for a cane:\nRationale Used by the Expert Reviewer:\nThe request for a cane is medically necessary and appropriate.\n' >"$tmp/w6.txt"
warned "decision from the rationale" "$tmp/w6.txt" \
	'/d:determination/d:issues/d:issue[1]/@decision => overturned' \
	'/d:determination/d:issues/d:issue[1]/d:warning/@code => decision-from-rationale' \
	'/d:determination/d:issues/d:issue[1]/d:warning/@line => 6'
# Bytes that are not UTF-8, and control characters XML forbids.
l=$(grep -n 'industrial injury' "$std" | head -1 | cut -d: -f1)
sed "${l}s/industrial/industri\xe9l/" "$std" >"$tmp/w7.txt"
warned "not UTF-8" "$tmp/w7.txt" \
	'/d:determination/d:warning/@code => not-utf8' "/d:determination/d:warning/@line => $l"
sed "${l}s/industrial/indus\x01trial/" "$std" >"$tmp/w8.txt"
warned "control characters" "$tmp/w8.txt" \
	'/d:determination/d:warning/@code => control-characters' "/d:determination/d:warning/@line => $l"
# The header: a column's date before its label, placed by the order of a
# determination's dates (the UR denial, 11/17/2016, is after it, so it is
# not the application's), and a value no label can take (in a table
# without four of the labels every imr-2016 letter has: said too).
body=$(sed -n '/^HOW THE IMR/,$p' "$std")
printf 'Case Number:     CM16-0243517\nDate Assigned:   12/22/2016\nDecision Date:   01/23/2017\nPriority:        Standard\n10/13/2016\nApplication Received:\nDate of Injury:\nUR Denial Date:  11/17/2016\n\n%s\n' "$body" >"$tmp/w10.txt"
warned "a header date placed by the dates' order" "$tmp/w10.txt" \
	'count(//d:warning) => 1' '/d:determination/d:warning/@code => header-date-order' '/d:determination/d:warning/@line => 5' \
	"/d:determination/d:warning => header: 10/13/2016 taken as the dateOfInjury by the order of a determination's dates, not by its place" \
	'/d:determination/d:header/d:dateOfInjury => 2016-10-13' '/d:determination/d:header/d:dateOfInjury/@line => 5' \
	'count(/d:determination/d:header/d:applicationReceived) => 0'
printf 'Case Number:     CM16-0243517\nDate Assigned:   12/22/2016\nPriority:        Standard\nExpedited\n\n%s\n' "$body" >"$tmp/w11.txt"
warned "a header value no label can take" "$tmp/w11.txt" \
	'count(//d:warning) => 2' '/d:determination/d:warning[1]/@code => header-value-unplaced' '/d:determination/d:warning[1]/@line => 4' \
	'/d:determination/d:warning[1] => header: no label could take the value Expedited' \
	'/d:determination/d:warning[2]/@code => header-labels-missing' '/d:determination/d:warning[2]/@line => 1' \
	'/d:determination/d:warning[2] => header: no Decision Date:, Date of Injury:, UR Denial Date:, Application Received: (every imr-2016 letter has them; lost to OCR?): their fields are not read' \
	'/d:determination/d:header/d:priority => standard'
# The case number's label lost (OCR, redacted away): taken by its form,
# said; in blocks (pdftotext: its value among the dates, which still go
# to their labels) and side by side (-layout: before the first label).
grep -v '^Case Number:$' "$std" >"$tmp/w12.txt"
printf '%s\n' 'count(//d:warning) => 1' '/d:determination/d:warning/@code => header-value-by-type' \
	'/d:determination/d:warning/@line => 5' \
	'/d:determination/d:warning => header: CM16-0243517 taken as the caseNumber by its form, its label not found' \
	'/d:determination/d:header/d:caseNumber/@line => 5' >"$tmp/w12.facts"
convert_ok "the case number's label lost, in blocks" "$tmp/w12.txt" tests/facts/examples/imr-2016-standard.facts "$tmp/w12.facts"
sed 's/^\( *\)Case Number:/\1            /' examples/imr-2016-standard.layout.txt >"$tmp/w13.txt"
printf '%s\n' 'count(//d:warning) => 1' '/d:determination/d:warning/@code => header-value-by-type' \
	'/d:determination/d:warning/@line => 1' '/d:determination/d:header/d:caseNumber/@line => 1' >"$tmp/w13.facts"
convert_ok "the case number's label lost, side by side" "$tmp/w13.txt" tests/facts/examples/imr-2016-standard.layout.facts "$tmp/w13.facts"
# A table column by column, a value before its label (an extractor that
# reads the cells in another order): the example's own facts.
printf 'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\nCM16-0243517\n12/22/2016\n01/23/2017\nStandard\n\n10/13/2016\nDate of Injury:\nUR Denial Date:   11/17/2016\nApplication\nReceived:\n12/16/2016\n\n\n\n%s\n' "$body" >"$tmp/col.txt"
printf '%s\n' 'count(//d:warning) => 0' '/d:determination/d:header/d:dateOfInjury/@line => 11' >"$tmp/col.facts"
convert_ok "a header column by column, a value before its label" "$tmp/col.txt" tests/facts/examples/imr-2016-standard.facts "$tmp/col.facts"
# And the real letter the 2014-15 format cut: seed 003's summary.
if [ -f "$shared/seeds/003_911e865f50b21622.txt" ]; then
	run "$shared/seeds/003_911e865f50b21622.txt" 2>"$tmp/err" >"$tmp/w9.xml"
	grep -q 'warning: the case summary is cut off at exactly 2,000 characters, mid-word \[summary-truncated\]' "$tmp/err" &&
		grep -q '<warning code="summary-truncated" line="73">' "$tmp/w9.xml" && ok || bad "seed 003's cut summary"
fi
# No warning where nothing is wrong: every example and real letter but seed 003.
nwarned=0
for in in examples/*.txt "$shared"/real/txt/*.txt "$shared"/real/layout/*.txt "$shared"/seeds/*.txt; do
	[ -f "$in" ] || continue
	grep -q '<warning' <(run "$in" 2>/dev/null) && nwarned=$((nwarned + 1))
done
if [ -d "$shared/seeds" ]; then want=1; else want=0; fi
[ "$nwarned" = "$want" ] && ok || bad "$nwarned letters warned, want $want (seed 003 only)"
# Batch mode: the manifest's warnings column and the summary's count.
mkdir -p "$tmp/wb"
cp "$tmp/w1.txt" "$tmp/w2.txt" "$tmp/wb/"; cp "$std" "$tmp/wb/w0.txt"
run -q -d "$tmp/wbo" "$tmp/wb" 2>"$tmp/err"
[ "$(cut -f7 "$tmp/wbo/manifest.tsv" | tr '\n' '|')" = "warnings|0|1 decision-conclusion-mismatch|1 dates-out-of-order|" ] && ok ||
	bad "manifest warnings column: $(cut -f7 "$tmp/wbo/manifest.tsv" | tr '\n' '|')"
grep -q "3 documents: 3 converted, 0 partial, 0 rejected, 0 skipped, 0 errors, 2 with warnings" "$tmp/err" && ok ||
	bad "summary counts the documents with warnings: $(tail -1 "$tmp/err")"

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
# A syntax error names a part in the letter's own words: a 2013 notice's
# "Rationale Used by the Expert Reviewer", not the token's alias that the
# later letters' "Decision rationale" gave it.
notice=examples/imr-2013-notice-a.txt
at=$(grep -n '^1) Regarding the request for' "$notice" | cut -d: -f1)
for label in "Rationale Used by the Expert Reviewer" "Medical Treatment Guideline(s) Used by the Expert Reviewer"; do
	sed "${at}i $label: misplaced." "$notice" >"$tmp/misplaced.txt"
	run "$tmp/misplaced.txt" -o "$tmp/o.xml" 2>"$tmp/err"; st=$?
	if [ $st = 1 ] && [ ! -e "$tmp/o.xml" ] &&
		[ "$(head -1 "$tmp/err")" = "$tmp/misplaced.txt:$at:1: error: syntax error, unexpected $label" ]; then ok; else
		bad "a notice's own words in a syntax error: exit $st: $(head -1 "$tmp/err")"
	fi
done
expect "too large" 1 "more than the limit of 100" --max-size=100 examples/imr-2014-single-spaced.txt -o "$tmp/o.xml"
expect "missing file" 2 "cannot read: No such file or directory" "$tmp/nonexistent.txt" -o "$tmp/o.xml"
expect "directory" 2 "cannot read: Is a directory" "$tmp" -o "$tmp/o.xml"
expect "unknown option" 2 "unrecognized option" --frobnicate
expect "two inputs" 2 "one input at a time" examples/imr-2014-physician.txt examples/imr-2014-physician.txt
expect "bad --max-size" 2 "--max-size: not a positive size (bytes, or with K, M or G): 'lots'" --max-size=lots x.txt

echo "== command-line conventions (xmllint's, pdftotext's, jq's)"
# exactly() NAME STATUS EXPECTED-STDERR ARGS...: the exit status and the whole of stderr.
exactly() {
	local name=$1 want=$2 msg=$3; shift 3
	run "$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" = "$want" ] && [ "$(cat "$tmp/err")" = "$msg" ]; then ok; else
		bad "$name: exit $got (want $want), stderr: $(head -3 "$tmp/err")"
	fi
}
# -o onto something that is no file (a FIFO here; /dev/null and a terminal
# alike) writes to it, as xmllint and pdftotext do, and never replaces it
# with a file (a rename over /dev/null, as root, made it one).
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
run -o "$tmp/fifo" examples/imr-2016-standard.txt 2>"$tmp/err"; st=$?
wait "$reader"
if [ "$st" = 0 ] && [ -p "$tmp/fifo" ] && run examples/imr-2016-standard.txt | cmp -s - "$tmp/fifo.out"; then ok; else
	bad "-o onto a FIFO: exit $st, still a FIFO: $([ -p "$tmp/fifo" ] && echo yes || echo no): $(head -2 "$tmp/err")"
fi
exactly "--max-size negative" 2 "imr2xml: --max-size: not a positive size (bytes, or with K, M or G): '-5'
Try 'imr2xml --help' for more information." --max-size -5 examples/imr-2016-standard.txt
exactly "--max-size zero" 2 "imr2xml: --max-size: not a positive size (bytes, or with K, M or G): '0'
Try 'imr2xml --help' for more information." --max-size 0 examples/imr-2016-standard.txt
exactly "--max-size 1k is 1024 bytes" 1 "examples/imr-2016-standard.txt: error: input is $(wc -c <"$std" | tr -d ' ') bytes, more than the limit of 1024 (see --max-size)" --max-size 1k "$std"
exactly "--max-size 16M" 0 "" --max-size 16M -o "$tmp/m.xml" "$std"
exactly "--max-size 2x" 2 "imr2xml: --max-size: not a positive size (bytes, or with K, M or G): '2x'
Try 'imr2xml --help' for more information." --max-size 2x "$std"
# getopt's messages name the command as the others do, not the path it was run by.
exactly "unknown option names imr2xml" 2 "imr2xml: unrecognized option '--frobnicate'
Try 'imr2xml --help' for more information." --frobnicate
exactly "missing argument names imr2xml" 2 "imr2xml: option requires an argument -- 'o'
Try 'imr2xml --help' for more information." -o
# No argument and a terminal on stdin: the usage (as jq), not a silent wait.
if command -v script >/dev/null; then
	timeout 20 script -qec "$bin" /dev/null </dev/null >"$tmp/tty" 2>&1; st=$?
	if [ $st = 2 ] && grep -q '^usage: imr2xml' "$tmp/tty"; then ok; else bad "no argument on a terminal: exit $st: $(head -2 "$tmp/tty")"; fi
	timeout 20 script -qec "$bin --format csv" /dev/null </dev/null >"$tmp/tty" 2>&1; st=$?
	if [ $st = 2 ] && grep -q '^usage: imr2xml' "$tmp/tty"; then ok; else bad "--format, no argument on a terminal: exit $st"; fi
else
	bad "script(1) (util-linux) is needed to test the terminal case"
fi
# Not a terminal: standard input is read.
exactly "empty standard input" 1 "<stdin>: error: empty input" </dev/null
# -q: errors only; the warnings are in the XML all the same.
exactly "-q keeps warnings off stderr" 0 "" -q -o "$tmp/q.xml" "$tmp/w3.txt"
if grep -q '<warning code="letter-truncated"' "$tmp/q.xml"; then ok; else bad "-q: the warning is not in the XML"; fi
if run "$tmp/w3.txt" 2>&1 >/dev/null | grep -q 'warning: the letter ends mid-sentence'; then ok; else bad "without -q the warning is on stderr"; fi
exactly "-q still shows errors" 2 "$tmp/none.txt: error: cannot read: No such file or directory" -q "$tmp/none.txt"
# A file of another kind under a letter's name: its kind, as file(1) names it.
printf '\377\330\377\340\000\020JFIF\000\001\001\000' >"$tmp/scan.pdf"
cp "$tmp/scan.pdf" "$tmp/scan.txt"
printf 'PK\003\004\024\000\006\000' >"$tmp/letter.pdf"
exactly "a JPEG named .pdf" 1 "$tmp/scan.pdf: error: not a PDF (a JPEG image)" "$tmp/scan.pdf"
exactly "a JPEG named .txt" 1 "$tmp/scan.txt: error: not a PDF or a letter's text (a JPEG image)" "$tmp/scan.txt"
exactly "a .docx named .pdf" 1 "$tmp/letter.pdf: error: not a PDF (a ZIP archive, or a Word or OpenDocument file)" "$tmp/letter.pdf"
# --help: the modes that are not batch mode are not listed under it.
run --help >"$tmp/help"
for opt in --print-schema --list-variants --help --version; do
	section=$(awk -v o="$opt" '/^[A-Z][a-z].*:$/ || /^Batch mode/ {s = $0} $0 ~ "^ +(-[a-zA-Z0-9], )?" o " " {print s; exit}' "$tmp/help")
	if [ "$section" = "Other modes:" ]; then ok; else bad "--help lists $opt under '$section'"; fi
done
# --validate as xmllint: - is standard input; a verdict a file, each on its own line.
exactly "--validate -" 0 "-: valid" --validate - <examples/imr-2016-standard.xml
sed '0,/decision="upheld"/s//decision="maybe"/' examples/imr-2016-standard.xml >"$tmp/invalid1.xml"
line=$(grep -n 'decision="maybe"' "$tmp/invalid1.xml" | cut -d: -f1)
mkdir -p "$tmp/dir.xml"
invalid="error: Element '{urn:imr2xml:determination:1}issue', attribute 'decision': [facet 'enumeration'] The value 'maybe' is not an element of the set {'upheld', 'overturned'}."
exactly "--validate several" 2 "$tmp/invalid1.xml:$line: $invalid
$tmp/invalid1.xml: invalid
$tmp/dir.xml: error: cannot read: Is a directory
-:$line: $invalid
-: invalid
examples/imr-2014-physician.xml: valid" --validate "$tmp/invalid1.xml" "$tmp/dir.xml" - examples/imr-2014-physician.xml <"$tmp/invalid1.xml"

echo "== the command line"
if run --source-name examples/imr-2014-physician.txt <examples/imr-2014-physician.txt 2>/dev/null |
	cmp -s - examples/imr-2014-physician.xml; then ok; else bad "stdin to stdout, named"; fi
if run <examples/imr-2014-physician.txt 2>/dev/null | sed -n 2p | grep -q ' source=' ; then bad "unnamed stdin has a @source"; else ok; fi
if run -o "$tmp/o.xml" examples/imr-2014-physician.txt && cmp -s "$tmp/o.xml" examples/imr-2014-physician.xml; then ok; else bad "-o OUT"; fi
if out=$(run --check examples/imr-2014-physician.txt) && [ -z "$out" ]; then ok; else bad "--check writes nothing"; fi
if run --print-schema | cmp -s - "$xsd"; then ok; else bad "--print-schema is the XSD"; fi
if run --help | grep -q '^usage: imr2xml'; then ok; else bad "--help"; fi
if run --version | grep -q '^imr2xml [0-9]'; then ok; else bad "--version"; fi
# Provenance: the input's name, its bytes' sha256 (computed here by sha256sum), the generator.
run examples/imr-2016-expedited.txt 2>/dev/null | sed -n 2p >"$tmp/root"
want="source=\"examples/imr-2016-expedited.txt\" sha256=\"$(sha256sum examples/imr-2016-expedited.txt | cut -d' ' -f1)\" generator=\"imr2xml $(run --version | cut -d' ' -f2)\""
grep -qF "$want" "$tmp/root" && ok || bad "provenance: $(cat "$tmp/root")"
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
expect "--validate missing file" 2 "none.xml: error: cannot read: No such file or directory" --validate "$tmp/none.xml"

echo "== degrade, don't drop: a letter that lacks one of its headings"
# degrades EXAMPLE VARIANT CASE NAME SED FACT...: the example (examples/EXAMPLE.txt)
# cut by SED is refused (exit 1, "unknown document variant"), and with
# --partial written all the same: valid, complete="false", of VARIANT, its
# case number CASE, these facts.
degrades() {
	local example=$1 variant=$2 case=$3 name=$4 edit=$5; shift 5
	sed "$edit" "examples/$example.txt" >"$tmp/dg.txt"
	rm -f "$tmp/dg.xml"
	run "$tmp/dg.txt" >/dev/null 2>"$tmp/err"; local st=$?
	if [ $st != 1 ] || ! grep -q 'error: unknown document variant' "$tmp/err"; then
		bad "degraded $example ($name): exit $st without --partial: $(head -2 "$tmp/err")"; return
	fi
	run --partial -o "$tmp/dg.xml" "$tmp/dg.txt" 2>"$tmp/err"; st=$?
	if [ $st != 1 ] || [ ! -s "$tmp/dg.xml" ]; then
		bad "degraded $example ($name): --partial exit $st, no XML: $(head -2 "$tmp/err")"; return
	fi
	if ! xmllint --noout --nonet --schema "$xsd" "$tmp/dg.xml" 2>/dev/null; then
		bad "degraded $example ($name): invalid XML"; return
	fi
	printf '%s\n' '/d:determination/@complete => false' "/d:determination/@variant => $variant" \
		"/d:determination/d:header/d:caseNumber => $case" "$@" >"$tmp/dg.facts"
	if "$factcheck" "$tmp/dg.xml" "$tmp/dg.facts" 2>"$tmp/ferr"; then ok; else bad "degraded $example ($name): facts"; cat "$tmp/ferr"; fi
}
degraded() { degrades imr-2016-standard imr-2016 CM16-0243517 "$@"; }
degraded "no case summary heading" 's/^CLINICAL CASE SUMMARY$/CLINICAL CASE SUMMARIES/' \
	'count(//d:issues/d:issue) => 4' '//d:issues/d:issue[3]/@decision => upheld' \
	'count(//d:reviewer/d:certification) => 2' 'count(//d:caseSummary/d:p) => 0' \
	'count(/d:determination/d:unparsed) => 1' '/d:determination/d:unparsed/@line => 32' \
	"starts-with(/d:determination/d:unparsed, 'CLINICAL CASE SUMMARIES The expert reviewer developed') => true"
degraded "no issues heading" 's/^IMR ISSUES, DECISIONS AND RATIONALES$/IMR ISSUES AND DECISIONS/' \
	'count(//d:issues/d:issue) => 0' 'count(//d:caseSummary/d:diagnosis) => 3' 'count(//d:reviewer/d:certification) => 2' \
	'count(/d:determination/d:unparsed) => 1' '/d:determination/d:unparsed/@line => 57'
# The reviewer's heading lost: its lines are read as the header's, and
# from the unknown heading on they are kept as unparsed, with their line.
degraded "no reviewer heading" 's/^HOW THE IMR FINAL DETERMINATION WAS MADE$/HOW THE IMR DETERMINATION WAS MADE/' \
	'count(//d:issues/d:issue) => 4' 'count(//d:caseSummary/d:diagnosis) => 3' \
	'count(/d:determination/d:unparsed) => 1' '/d:determination/d:unparsed/@line => 20' \
	"starts-with(/d:determination/d:unparsed, 'HOW THE IMR DETERMINATION WAS MADE MAXIMUS Federal Services sent') => true" \
	'count(//d:warning) => 0'
# Every variant: each section of a letter with the records reviewed cut
# in turn (heading and text), the others read as they are.
dr() { degrades imr-documents-reviewed-a imr-documents-reviewed CM13-0041207 "$@"; }
dr "no reviewer section" '29,38d' 'count(//d:issues/d:issue) => 3' '//d:issues/d:issue[1]/@decision => overturned' \
	'count(//d:reviewer/d:certification) => 0' 'count(//d:documentsReviewed/d:document) => 6' \
	'//d:caseSummary/d:patient/@age => 34' 'count(/d:determination/d:unparsed) => 0'
dr "no documents section" '39,46d' 'count(//d:issues/d:issue) => 3' '//d:issues/d:issue[3]/@decision => upheld' \
	'count(//d:reviewer/d:certification) => 2' 'count(//d:documentsReviewed) => 0' \
	'//d:caseSummary/d:patient/@age => 34' 'count(/d:determination/d:unparsed) => 0'
dr "no case summary section" '47,67d' 'count(//d:issues/d:issue) => 3' '//d:issues/d:issue[2]/@decision => upheld' \
	'count(//d:reviewer/d:certification) => 2' 'count(//d:documentsReviewed/d:document) => 6' \
	'count(//d:caseSummary/*) => 0' 'count(/d:determination/d:unparsed) => 0'
dr "no decisions section" '68,$d' 'count(//d:issues/d:issue) => 0' \
	'count(//d:reviewer/d:certification) => 2' 'count(//d:documentsReviewed/d:document) => 6' \
	'//d:caseSummary/d:patient/@age => 34' 'count(/d:determination/d:unparsed) => 0'
# A first heading garbled after the header: its paragraph is set aside, not
# read as more of the treatments list above it (a blank line apart).
dr "reviewer heading garbled" '29s/.*/HOW THE IMR DETERMINATION WAS MADE/' \
	'count(//d:treatmentsInDispute/d:treatment) => 3' '//d:treatmentsInDispute/d:treatment[3] => KETOPROFEN 20% CREAM 120GM' \
	'count(/d:determination/d:unparsed) => 1' '/d:determination/d:unparsed/@line => 29' \
	"starts-with(/d:determination/d:unparsed, 'HOW THE IMR DETERMINATION WAS MADE MAXIMUS Federal Services sent') => true" \
	'count(//d:issues/d:issue) => 3' 'count(//d:documentsReviewed/d:document) => 6'
degrades imr-2014-cover-plain imr-2014-cover CM14-0067415 "reviewer heading garbled" \
	'30s/.*/HOW THE IMR DETERMINATION WAS MADE/' \
	'count(//d:treatmentsInDispute/d:treatment) => 3' \
	'//d:treatmentsInDispute/d:treatment[3] => RIGHT L5-S1 TRANSFORAMINAL EPIDURAL STEROID INJECTION UNDER FLUOROSCOPY' \
	'count(/d:determination/d:unparsed) => 1' '/d:determination/d:unparsed/@line => 30' 'count(//d:issues/d:issue) => 3'
# A professional review: its first heading, then each section cut in turn.
pr() { degrades imr-professional-review-b imr-professional-review CM14-0071836 "$@"; }
pr "no title" '1d' 'count(//d:issues/d:issue) => 2' '//d:issues/d:issue[1]/@decision => overturned' \
	'//d:issues/d:issue[2]/@decision => upheld' '//d:reviewer/d:certification => Family Medicine' \
	'count(//d:documentsReviewed/d:document) => 5' '/d:determination/d:header/d:decisionDate => 2014-06-10'
pr "no issue at dispute" '16,18d' 'count(//d:issues/d:issue) => 0' '//d:reviewer/d:certification => Family Medicine' \
	'count(//d:documentsReviewed/d:document) => 5' '//d:caseSummary/d:patient/@age => 41'
pr "no case summary" '19,33d' 'count(//d:issues/d:issue) => 2' '//d:issues/d:issue[2]/@decision => upheld' \
	'count(//d:caseSummary/*) => 0' 'count(//d:documentsReviewed/d:document) => 5' \
	'//d:reviewer/d:certification => Family Medicine'
pr "no documents" '34,40d' 'count(//d:issues/d:issue) => 2' 'count(//d:documentsReviewed) => 0' \
	'//d:caseSummary/d:patient/@age => 41' '//d:reviewer/d:certification => Family Medicine'
pr "no guidelines" '41,50d' 'count(//d:issues/d:issue) => 2' 'count(//d:issues/d:issue/d:maximusGuideline) => 0' \
	'count(//d:issues/d:issue/d:rationale) => 2' '//d:reviewer/d:certification => Family Medicine'
pr "no rationale" '51,71d' 'count(//d:issues/d:issue) => 2' 'count(//d:issues/d:issue/d:rationale) => 0' \
	'count(//d:issues/d:issue/d:maximusGuideline) => 2' '//d:reviewer/d:certification => Family Medicine'
pr "no qualifications" '72,$d' 'count(//d:issues/d:issue) => 2' 'count(//d:reviewer/*) => 0' \
	'count(//d:documentsReviewed/d:document) => 5' '//d:caseSummary/d:patient/@age => 41'
# A 2013 notice without its title is still its letterhead and numbered
# decisions; without its decision part, its letter still states them.
degrades imr-2013-notice-a imr-2013-notice CM13-0017734 "no title" '6d' \
	'count(//d:issues/d:issue) => 2' '//d:issues/d:issue[1]/@decision => upheld' \
	'//d:issues/d:issue[2]/@decision => overturned' '/d:determination/d:header/d:decisionDate => 2013-10-29' \
	'count(/d:determination/d:header/d:employeeName) => 0' 'count(/d:determination/d:header/d:providerName) => 0' \
	"starts-with(//d:letter/d:p[1], 'Dear : MAXIMUS Federal Services, Inc. has completed') => true" \
	'//d:reviewer/d:certification => Occupational Medicine' 'count(/d:determination/d:unparsed) => 0'
degrades imr-2013-notice-b imr-2013-notice CM13-0029518 "title garbled" '6s/.*/NOTICE OF REVIEW/' \
	'count(//d:issues/d:issue) => 4' '//d:issues/d:issue[4]/@decision => overturned' \
	'/d:determination/d:header/d:claimNumber => WC09-41883' '//d:reviewer/d:certification => Anesthesiology' \
	'count(//d:letter/d:p) => 6'
degrades imr-2013-notice-b imr-2013-notice CM13-0029518 "no decision part" '51,$d' \
	'count(//d:issues/d:issue) => 4' '//d:issues/d:issue[1]/@decision => upheld' \
	'//d:issues/d:issue[4]/@decision => overturned' 'count(//d:reviewer/*) => 0' 'count(//d:caseSummary/*) => 0'
# Batch mode degrades by default: a partial row, its XML written.
sed 6d examples/imr-2013-notice-a.txt >"$tmp/untitled.txt"
rm -rf "$tmp/dgb"
run -q -d "$tmp/dgb" "$tmp/untitled.txt" >/dev/null 2>&1; st=$?
if [ $st = 1 ] && grep -q "untitled.txt	partial	imr-2013-notice	" "$tmp/dgb/manifest.tsv" &&
	grep -q 'complete="false"' "$tmp/dgb/untitled.xml"; then ok
else bad "batch: an untitled notice: exit $st, $(tail -1 "$tmp/dgb/manifest.tsv" 2>/dev/null)"; fi
# OCR that read a 2014 letter's first lines as one block (tesseract
# --psm 6: "Federal Services" / "[Case Number: | Cii7-0003890, |" /
# "Received:", no label whole): refused, and with --partial the letter's
# own XML but for those lines, kept as unparsed, and complete="false".
ex=examples/imr-2014-single-spaced.txt
{ printf 'Federal Services\n[Case Number: | Cii7-0003890, |\nReceived:\n'; cat "$ex"; } >"$tmp/ocr-block.txt"
rm -f "$tmp/ob.xml"
run --partial -o "$tmp/ob.xml" "$tmp/ocr-block.txt" 2>"$tmp/err"; st=$?
if [ $st = 1 ] && grep -q '^  <unparsed line="1">Federal Services \[Case Number: | Cii7-0003890, | Received:</unparsed>$' "$tmp/ob.xml" &&
	grep -v '<unparsed' "$tmp/ob.xml" | sed 's/ complete="false"//' | strip_lines | cmp -s - <(strip_lines <"${ex%.txt}.xml"); then ok
else bad "$ex after an OCR'd block: exit $st, not its XML and the block unparsed: $(head -2 "$tmp/err")"; fi
# A letter without its first page (pdftotext -f 2: lost, or not
# extracted; -f 3 for a letter of three pages or more): refused, and with
# --partial read as the nearest variant, imr-2014 (nothing on these pages
# tells 2014 from 2016), complete="false", with the warning
# letter-beginning-missing, and its items exactly the last ones of the
# whole letter (title and decision each), every word of the text in the
# XML or in <unparsed> (--verify).  When the items' heading is on those
# pages (7 of the 16 from page 2) the text before it is unparsed; when
# the text opens inside an item (the 9 others) it is read from there, the
# fragment before the first whole item (a guideline's or rationale's
# tail, its title lost) unparsed from line 1.  In three shapes:
# pdftotext, pdftotext -layout and PDFBox.
# items_of XML: each item's decision and service, a line each.
items_of() {
	xmllint --xpath '//*[local-name()="issue"]/@decision | //*[local-name()="issue"]/*[local-name()="service"]/text()' "$1" 2>/dev/null |
		sed -E 's/^ ?decision="([a-z]+)"$/\1/' | paste - -
}
# lost_beginning NAME TEXT WHOLE-XML: TEXT, a letter's later pages alone, read as above.
lost_beginning() {
	local name=$1 in=$2 whole=$3 headed=0
	grep -q '^ *IMR ISSUES, DECISIONS AND RATIONALES *$' "$in" && headed=1
	rm -f "$tmp/p2.xml"
	run --partial --verify -o "$tmp/p2.xml" "$in" 2>"$tmp/err"; local st=$?
	local want='error: the letter.s beginning is missing: the text opens inside its items'
	[ $headed = 1 ] && want='error: unknown document variant'
	if [ $st != 1 ] || ! grep -q "$want" "$tmp/err" || grep -q 'error: verify:' "$tmp/err"; then
		bad "$name: exit $st, want 1 and '$want': $(head -2 "$tmp/err")"; return
	fi
	if ! xmllint --noout --nonet --schema "$xsd" "$tmp/p2.xml" 2>/dev/null ||
		! grep -q '<determination [^>]*variant="imr-2014" complete="false"' "$tmp/p2.xml" ||
		! grep -q '<warning code="letter-beginning-missing"' "$tmp/p2.xml"; then
		bad "$name: not an imr-2014 letter, complete=\"false\", its beginning missing"; return
	fi
	items_of "$tmp/p2.xml" >"$tmp/p2-items"
	items_of "$whole" | tail -n "$(wc -l <"$tmp/p2-items")" >"$tmp/whole-items"
	if ! cmp -s "$tmp/p2-items" "$tmp/whole-items"; then
		bad "$name: not the whole letter's last items"; diff "$tmp/whole-items" "$tmp/p2-items" | head -5; return
	fi
	lost_items=$((lost_items + $(wc -l <"$tmp/p2-items")))
	# The fragment: what stands before the items' heading or the first
	# item's title, from the text's first line (PDFBox's opens with a
	# blank one) and where the warning points; none when the text opens
	# there.
	local top first
	top=$(grep -n -m1 '[^[:space:]]' "$in" | cut -d: -f1)
	if [ $headed = 1 ]; then
		first=$(grep -n -m1 '^ *IMR ISSUES, DECISIONS AND RATIONALES *$' "$in" | cut -d: -f1)
	else
		first=$(xmllint --xpath 'string(//*[local-name()="issue"][1]/@line)' "$tmp/p2.xml" 2>/dev/null)
	fi
	if ! grep -q "<warning code=\"letter-beginning-missing\" line=\"$top\">" "$tmp/p2.xml"; then
		bad "$name: the warning is not at line $top"; return
	fi
	if [ "${first:-0}" != "$top" ] && ! grep -q "^  <unparsed line=\"$top\"[ >]" "$tmp/p2.xml"; then
		bad "$name: the text before line ${first:-(end)} is not unparsed from line $top"; return
	fi
	if [ "${first:-0}" = "$top" ] && grep -q '<unparsed' "$tmp/p2.xml"; then
		bad "$name: opens at an item's title or the items' heading, yet something is unparsed"; return
	fi
	ok
}
if [ -d "$shared/real/pdf" ]; then
	headed=0 lost_items=0 lost_letters=0
	for pdf in "$shared"/real/pdf/*.pdf; do
		b=$(basename "$pdf" .pdf)
		run "$shared/real/txt/$b.txt" >"$tmp/whole.xml" 2>/dev/null
		pdftotext -f 2 "$pdf" "$tmp/page2.txt" 2>/dev/null || { bad "pdftotext -f 2 could not extract $pdf"; continue; }
		grep -q '^IMR ISSUES, DECISIONS AND RATIONALES$' "$tmp/page2.txt" && headed=$((headed + 1))
		# Without --partial: refused, no XML.
		rm -f "$tmp/p2.xml"
		run -o "$tmp/p2.xml" "$tmp/page2.txt" 2>/dev/null; st=$?
		if [ $st = 1 ] && [ ! -e "$tmp/p2.xml" ]; then ok; else bad "$pdf from page 2 without --partial: exit $st, want 1, no XML"; fi
		lost_beginning "$pdf from page 2 (pdftotext -f 2)" "$tmp/page2.txt" "$tmp/whole.xml"
		pdftotext -layout -f 2 "$pdf" "$tmp/page2.txt" 2>/dev/null || { bad "pdftotext -layout -f 2 could not extract $pdf"; continue; }
		run "$shared/real/layout/$b.txt" >"$tmp/whole-layout.xml" 2>/dev/null
		lost_beginning "$pdf from page 2 (pdftotext -layout -f 2)" "$tmp/page2.txt" "$tmp/whole-layout.xml"
		if extracted "$tmp/page2.txt" "pdfbox-page2/$b.txt" pdfbox_text "$pdf" "$tmp/page2.txt" "-startPage 2"; then
			lost_beginning "$pdf from page 2 (PDFBox -startPage 2)" "$tmp/page2.txt" "$tmp/whole.xml"
		else
			bad "PDFBox could not extract $pdf from page 2"
		fi
		if [ "$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" -ge 3 ]; then
			pdftotext -f 3 "$pdf" "$tmp/page3.txt" 2>/dev/null || { bad "pdftotext -f 3 could not extract $pdf"; continue; }
			lost_beginning "$pdf from page 3 (pdftotext -f 3)" "$tmp/page3.txt" "$tmp/whole.xml"
			lost_letters=$((lost_letters + 1))
		fi
	done
	if [ "$headed" = 7 ]; then ok; else bad "pdftotext -f 2: $headed letters with their items' heading after page 1, want 7"; fi
	# (Every item after the first page, in each of the three shapes, and
	# after the second of the letters of three pages or more.)
	if [ "$lost_letters" = 5 ] && [ "$lost_items" = $((3 * 32 + 11)) ]; then ok; else
		bad "letters without their beginning: $lost_letters of 3 pages or more, want 5; $lost_items items read, want $((3 * 32 + 11))"; fi
fi
# In batch mode such a letter is written (partial), the warning in the manifest.
sed -n '66,$p' examples/imr-2016-standard.txt >"$tmp/lost.txt"
rm -rf "$tmp/lostout"
run -q -d "$tmp/lostout" "$tmp/lost.txt" >/dev/null 2>&1; st=$?
if [ $st = 1 ] && [ "$(tail -n +2 "$tmp/lostout/manifest.tsv" | cut -f2-4,7)" = "partial	imr-2014	3	1 letter-beginning-missing" ] &&
	grep -q 'complete="false"' "$tmp/lostout/lost.xml"; then ok
else bad "batch: a letter without its beginning: exit $st, $(tail -1 "$tmp/lostout/manifest.tsv" 2>/dev/null)"; fi
# An example opening inside its first item's rationale (line 66 on), in
# both shapes: its last three items, the rationale's tail unparsed.
for in in examples/imr-2016-standard.txt examples/imr-2016-standard.layout.txt; do
	from=$(grep -n -m1 '^ *Decision rationale: The MTUS does not address' "$in" | cut -d: -f1)
	sed -n "$from,\$p" "$in" >"$tmp/lost.txt"
	rm -f "$tmp/lost.xml"
	run --partial --verify -o "$tmp/lost.xml" "$tmp/lost.txt" 2>"$tmp/err"; st=$?
	printf '%s\n' '/d:determination/@complete => false' '/d:determination/@variant => imr-2014' \
		'count(//d:issues/d:issue) => 3' '//d:issues/d:issue[1]/@decision => upheld' \
		'//d:issues/d:issue[3]/@decision => overturned' \
		"//d:issues/d:issue[3]/d:service => Physical therapy for the lumbar spine, two times a week for four weeks" \
		'count(/d:determination/d:unparsed) => 1' '/d:determination/d:unparsed/@line => 1' \
		"starts-with(/d:determination/d:unparsed, 'Decision rationale: The MTUS does not address') => true" \
		'/d:determination/d:warning/@code => letter-beginning-missing' 'count(//d:header) => 0' >"$tmp/lost.facts"
	if [ $st = 1 ] && ! grep -q 'error: verify:' "$tmp/err" &&
		xmllint --noout --nonet --schema "$xsd" "$tmp/lost.xml" 2>/dev/null &&
		"$factcheck" "$tmp/lost.xml" "$tmp/lost.facts" 2>"$tmp/ferr"; then ok
	else bad "$in from its first item's rationale: exit $st: $(head -2 "$tmp/err")"; cat "$tmp/ferr"; fi
done
# A golden: an invented letter's last page (tests/degraded/), its XML byte for byte.
for in in tests/degraded/*.txt; do
	rm -f "$tmp/dgold.xml"
	run --partial --verify -o "$tmp/dgold.xml" "$in" 2>"$tmp/err"; st=$?
	if [ $st = 1 ] && ! grep -q 'error: verify:' "$tmp/err" && cmp -s "$tmp/dgold.xml" "${in%.txt}.xml" &&
		xmllint --noout --nonet --schema "$xsd" "${in%.txt}.xml" 2>/dev/null; then ok
	else bad "$in: exit $st, or not ${in%.txt}.xml"; diff "${in%.txt}.xml" "$tmp/dgold.xml" | head -10; fi
done
# Not a letter: one "Decision rationale:" in prose, and nothing else; and
# the same with item labels out of their order.  Refused, --partial or not.
printf 'Minutes of the purchasing committee, March meeting.\nDecision rationale: the committee chose the second vendor, whose offer was\ncheaper and whose delivery was faster.\n' >"$tmp/prose.txt"
printf 'Notes.\nDecision rationale: we chose it.\nMAXIMUS guideline: none.\n' >"$tmp/prose2.txt"
for in in "$tmp/prose.txt" "$tmp/prose2.txt"; do
	for mode in "" --partial; do
		rm -f "$tmp/prose.xml"
		run $mode -o "$tmp/prose.xml" "$in" >/dev/null 2>"$tmp/err"; st=$?
		if [ $st = 1 ] && [ ! -e "$tmp/prose.xml" ] && grep -q 'error: not an IMR Final Determination' "$tmp/err"; then ok
		else bad "prose with an item's label ($mode): exit $st: $(head -1 "$tmp/err")"; fi
	done
done
# Less than most of a variant is still refused, --partial or not.
sed -e 's/^CLINICAL CASE SUMMARY$/CLINICAL CASE SUMMARIES/' -e 's/^IMR ISSUES, DECISIONS AND RATIONALES$/IMR ISSUES/' \
	examples/imr-2016-standard.txt >"$tmp/dg2.txt"
rm -f "$tmp/dg2.xml"
run --partial -o "$tmp/dg2.xml" "$tmp/dg2.txt" >/dev/null 2>"$tmp/err"; st=$?
if [ $st = 1 ] && [ ! -e "$tmp/dg2.xml" ] && grep -q 'unknown document variant' "$tmp/err"; then ok; else bad "one heading of three: exit $st"; fi

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
subsuite() { # title script [args...]
	echo "== $1"
	"$2" "$bin" "$tmp/${2##*/}.d" "${@:3}" >"$tmp/sub.log" 2>&1
	grep -E '^(FAIL|NOTICE)' "$tmp/sub.log"
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
echo "== letters joined in one input (cat, a PDF of a batch)"
# The k-th letter of XML, and a letter's own XML, each as one element with
# its positions, provenance and indentation left out: a letter joined after others is
# the letter read alone, its lines and pages those of the input.
letter_of() { # xml k
	xmllint --xpath "/*/*[$2]" "$1" | sed -E '1s/<determination[^>]*>/<determination>/; s/ (line|page)="[0-9]+"//g; s/^ +//'
}
own_letter() { # input
	run "$1" | xmllint --xpath '/*' - | sed -E '1s/<determination[^>]*>/<determination>/; s/ (line|page)="[0-9]+"//g; s/^ +//'
}
# joined NAME INPUT...: the inputs joined, read as that many letters, each
# the letter it is read alone (the first also by its facts file).
joined() {
	local name=$1 joined=$tmp/joined.${2##*.}; shift
	if [ "${1##*.}" = pdf ]; then
		qpdf --empty --pages "$@" -- "$joined" || { bad "$name: qpdf"; return; }
	else
		cat "$@" >"$joined"
	fi
	convert_ok "$name" "$joined" || return
	local xml=$tmp/joined.xml k=0 in
	cp "$tmp/out.xml" "$xml"
	facts_of "$(basename "${1%.*}" | sed 's/^dec-//')"
	xmllint --xpath '/*/*[1]' "$xml" | sed '1s/^<determination /&xmlns="urn:imr2xml:determination:1" /' >"$tmp/first.xml"
	if "$factcheck" "$tmp/first.xml" "$facts" 2>"$tmp/ferr"; then ok; else bad "$name: letter 1's facts"; cat "$tmp/ferr"; fi
	[ "$(xmllint --xpath 'concat(local-name(/*), " ", /*/@letters, " ", count(/*/*))' "$xml")" = "determinations $# $#" ] &&
		ok || bad "$name: not $# letters"
	for in; do
		k=$((k + 1))
		if cmp -s <(letter_of "$xml" $k) <(own_letter "$in"); then ok; else bad "$name: letter $k is not $in read alone"; fi
	done
}
joined "two imr-2016 letters (pdftotext)" examples/imr-2016-standard.txt examples/imr-2016-expedited.txt
joined "three variants (2014, documents reviewed -layout, professional review)" examples/imr-2014-claim.txt \
	examples/imr-documents-reviewed-a.layout.txt examples/imr-professional-review-b.txt
joined "three variants (2013 notice, 2016 -layout, 2014 cover -layout)" examples/imr-2013-notice-a.txt \
	examples/imr-2016-standard.layout.txt examples/imr-2014-cover-layout.txt
joined "professional review, 2013 notice, documents reviewed" examples/imr-professional-review-a.layout.txt \
	examples/imr-2013-notice-b.layout.txt examples/imr-documents-reviewed-b.txt
if [ -d "$shared/real/txt" ]; then
	joined "two real letters (pdftotext)" "$shared"/real/txt/CM16-0228949.txt "$shared"/real/txt/CM17-0019171.txt
	joined "two real letters (pdftotext -layout)" "$shared"/real/layout/CM17-0002106.txt "$shared"/real/layout/CM16-0246624.txt
	qpdf --decrypt "$shared"/real/pdf/CM16-0234464.pdf "$tmp/dec-CM16-0234464.pdf" &&
		qpdf --decrypt "$shared"/real/pdf/CM17-0012640.pdf "$tmp/dec-CM17-0012640.pdf" &&
		joined "two real PDFs joined by qpdf" "$tmp/dec-CM16-0234464.pdf" "$tmp/dec-CM17-0012640.pdf"
else
	echo "(../shared absent: real letters joined not tested)"
fi
# A syntax error in letter 2 (its last item's rationale label lost):
# letter 1 complete and as read alone, letter 2 complete="false".
sed '$d' examples/imr-2016-expedited.txt | sed 's/^Decision rationale://' >"$tmp/broken.txt"
cat examples/imr-2014-claim.txt "$tmp/broken.txt" >"$tmp/two.txt"
expect "letters joined, the second broken: rejected" 1 "two.txt:" "$tmp/two.txt"
run --partial "$tmp/two.txt" >"$tmp/two.xml" 2>/dev/null
[ $? = 1 ] && [ "$(xmllint --xpath 'concat(/*/@letters, " ", /*/*[1]/@complete, "|", /*/*[2]/@complete)' "$tmp/two.xml")" = "2 |false" ] &&
	ok || bad "letters joined, the second broken: --partial: $(head -c 300 "$tmp/two.xml")"
cmp -s <(letter_of "$tmp/two.xml" 1) <(own_letter examples/imr-2014-claim.txt) && ok ||
	bad "letters joined, the second broken: letter 1 is not as read alone"
# Batch mode: the manifest's letters column, a row per item of each letter,
# and the database, which keeps each letter as a row by its input's sha256
# and its ordinal in it.
cat examples/imr-2016-standard.txt examples/imr-2014-claim.txt examples/imr-professional-review-a.txt >"$tmp/three.txt"
rm -rf "$tmp/jb"
run -q -d "$tmp/jb" --format csv "$tmp/three.txt" examples/imr-2016-expedited.txt 2>/dev/null
[ "$(cut -f2,3,4,9 "$tmp/jb/manifest.tsv" | tr '\t\n' ' |')" = "status variant issues letters|ok imr-2016 9 3|ok imr-2016 3 1|" ] &&
	ok || bad "letters joined in batch mode: manifest $(cut -f2,3,4,9 "$tmp/jb/manifest.tsv" | tr '\t\n' ' |')"
[ "$(cut -d, -f2,3 "$tmp/jb/items.csv" | uniq -c | tr -s ' \n' ' ')" = " 1 \"case_number\",\"variant\" 4 \"CM16-0243517\",\"imr-2016\" 4 \"\",\"imr-2014\" 1 \"CM14-0052918\",\"imr-professional-review\" 3 \"CM17-0011946\",\"imr-2016\" " ] &&
	ok || bad "letters joined in batch mode: items.csv $(cut -d, -f2,3 "$tmp/jb/items.csv" | uniq -c | tr -s ' \n' ' ')"
[ "$(run --format csv --table letters "$tmp/jb/three.xml" | cut -d, -f2,3 | tr '\n' '|')" = '"case_number","variant"|"CM16-0243517","imr-2016"|"","imr-2014"|"CM14-0052918","imr-professional-review"|' ] &&
	ok || bad "letters joined: --table letters from the XML"
# The letters' rows: the text converted and its XML loaded give the same,
# and a second run adds nothing.
joined_rows() { # database
	sqlite3 "$1" "SELECT group_concat(r, ' ') FROM (SELECT letter || ':' || variant || ':' || items || ':' ||
		(SELECT count(*) FROM items WHERE letter_id = l.id) || ':' || (sha256 = '$(xmllint --xpath 'string(/*/@sha256)' "$tmp/jb/three.xml")') AS r
		FROM letters l ORDER BY letter)"
}
for in in three.txt jb/three.xml; do
	rm -rf "$tmp/jb.sqlite" "$tmp/jbo"
	run -q --db "$tmp/jb.sqlite" -d "$tmp/jbo" "$tmp/$in" 2>"$tmp/err"
	[ $? = 0 ] && [ "$(joined_rows "$tmp/jb.sqlite")" = "1:imr-2016:4:4:1 2:imr-2014:4:4:1 3:imr-professional-review:1:1:1" ] &&
		[ "$(sed -n 2p "$tmp/jbo/manifest.tsv" | cut -f2,3,4)" = "ok	imr-2016	9" ] &&
		ok || bad "letters joined: --db $in: $(joined_rows "$tmp/jb.sqlite") $(sed -n 2p "$tmp/jbo/manifest.tsv") $(cat "$tmp/err")"
done
run --db "$tmp/jb.sqlite" "$tmp/three.txt" "$tmp/jb/three.xml" 2>&1 | grep -qx "imr2xml: $tmp/jb.sqlite: 0 letters added (0 items), 6 there already" &&
	[ "$(sqlite3 "$tmp/jb.sqlite" 'SELECT count(*) FROM letters')" = 3 ] && ok || bad "letters joined: a second --db run added some"
# --stats counts every letter and item, of the XML and of the database.
for in in jb/three.xml jb.sqlite; do
	[ "$(run --stats "$tmp/$in" | awk 'NR == 1 { sub(/.*, /, ""); print } $1 == "items" && $2 ~ /^[0-9]+$/ { print $1, $2 }' | tr '\n' ' ')" = "3 letters items 9 " ] &&
		ok || bad "letters joined: --stats $in: $(run --stats "$tmp/$in" | head -5)"
done
run --validate "$tmp/jb/three.xml" >/dev/null 2>&1 && ok || bad "letters joined: --validate rejects <determinations>"

subsuite "PDF input" tests/pdf.sh "$factcheck" "$tools/mkpdf" "$tools/pages"
subsuite "export to CSV and JSON Lines (--format)" tests/export.sh "$tools/exportcheck"
subsuite "the corpus report (--stats, --html)" tests/report.sh
subsuite "the corpus database (--db, --db-merge, docs/database.md's queries)" tests/db.sh

echo
[ $skip -gt 0 ] && echo "($skip group(s) skipped: ../shared absent)"
[ $sample_left -gt 0 ] && echo "(sanitized run: $sample_read of $((sample_read + sample_left)) conversions of derived shapes read, one in ${IMR_SAMPLE:-4} of each shape, the first always; IMR_SAMPLE=1 reads them all)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
