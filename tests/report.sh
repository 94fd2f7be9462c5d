#!/usr/bin/env bash
# report.sh BIN TMP - tests of the corpus report (--stats [--html FILE]).
#
# (a) Over the XML of the examples and of the real letters in ../shared
#     (converted here by batch mode), every number of the text report must
#     equal what this script counts on its own: xmllint --shell asks each
#     file for its decision date, issues, decisions, categories, the
#     bodies the reviewer cited, certifications, states and warnings, and
#     awk adds them up and formats them.  Nothing goes through imr2xml's
#     report code.
# (b) The HTML page is well-formed XML (xmllint), and headless Chromium
#     renders it: --dump-dom has the tables and one <svg> chart per
#     breakdown with one bar per row counted in (a), and --screenshot makes
#     a PNG of the window's size.  Skipped with a NOTICE only when chromium
#     is not installed and cannot be.
# Everything it makes is under TMP.  Prints FAIL lines and "N passed, N failed".
set -u
bin=${1:?usage: tests/report.sh BIN TMP} tmp=${2:?usage: tests/report.sh BIN TMP}
mkdir -p "$tmp" && tmp=$(cd "$tmp" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
shared=../shared
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL report: %s\n' "$*"; }
export LC_ALL=C

# ---- the corpus ---------------------------------------------------------
out=$tmp/out
rm -rf "$out" "$tmp/facts"
real=()
for d in "$shared/seeds" "$shared/real/txt" "$shared/real/layout"; do [ -d "$d" ] && real+=("$d"); done
if [ ${#real[@]} -gt 0 ]; then
	"$bin" -q -d "$out" "${real[@]}" 2>/dev/null || bad "batch mode on the real letters: exit $?"
else
	echo "NOTICE: $shared is absent: the report is tested on the examples only"
	mkdir -p "$out"
fi
# What --stats reads, in its order: the arguments, directories walked in
# byte order for *.xml.
list_xml() { for a in "$@"; do if [ -d "$a" ]; then find "$a" -name '*.xml' -type f | sort; else echo "$a"; fi; done; }

# ---- (a) the counts, made here --------------------------------------------
D=/d:determination
ns='setns d=urn:imr2xml:determination:1'
answers() { sed -n 's|^\(/ > \)*Object is a [a-zA-Z ]* : ||p'; }

# facts FILE: one record a line, tab-separated:
#   L year items overturned     (the letter)
#   I decision category bodies  (each item; bodies "MTUS,ODG" or "none")
#   C certification / S state   (distinct, of the reviewer)
#   W code                      (each warning)
# xmllint --shell answers many questions in one process, but shortens
# strings of 40 characters or more ("...") and writes bytes beyond ASCII
# as #XX: such answers are asked again of xmllint --xpath string(...),
# which prints them whole.
text() { # FILE XPATH: the string, the determination's namespace by local-name()
	xmllint --xpath "string($(sed "s/d:\([A-Za-z]*\)/*[local-name()='\1']/g" <<<"$2"))" "$1" 2>/dev/null
}
facts() {
	local f=$1 a v k b i q=()
	mapfile -t a < <(printf '%s\n' "$ns" "xpath count($D/d:issues/d:issue)" \
		"xpath count($D/d:reviewer/d:certification)" "xpath count($D/d:reviewer/d:license)" \
		"xpath count(//d:warning)" | xmllint --shell "$f" | answers)
	local n=${a[0]} nc=${a[1]} nl=${a[2]} nw=${a[3]} over=0
	# The questions of the second pass, the strings' paths kept to ask again.
	q+=("$D/d:header/d:decisionDate")
	for ((k = 1; k <= n; k++)); do
		q+=("$D/d:issues/d:issue[$k]/@decision" "$D/d:issues/d:issue[$k]/@category")
		for b in MTUS ODG ACOEM other; do
			q+=("#count($D/d:issues/d:issue[$k]/d:maximusGuideline/d:citation[@body='$b'])")
		done
	done
	for ((k = 1; k <= nc; k++)); do q+=("($D/d:reviewer/d:certification)[$k]"); done
	for ((k = 1; k <= nl; k++)); do q+=("($D/d:reviewer/d:license)[$k]/@state"); done
	for ((k = 1; k <= nw; k++)); do q+=("(//d:warning)[$k]/@code" "(//d:warning)[$k]/@line"); done
	q+=("$D/@source")
	mapfile -t v < <({
		echo "$ns"
		for b in "${q[@]}"; do
			case $b in '#'*) echo "xpath ${b#\#}" ;; *) echo "xpath string($b)" ;; esac
		done
	} | xmllint --shell "$f" | answers)
	for ((i = 0; i < ${#q[@]}; i++)); do
		if [[ ${v[i]} == *'#'* || (${#v[i]} -ge 43 && ${v[i]} == *...) ]]; then
			v[i]=$(text "$f" "${q[i]}")
		fi
	done
	local date=${v[0]} year=unknown items=() d c bodies
	[[ $date =~ ^[0-9]{4} ]] && year=${date:0:4}
	for ((k = 1, i = 1; k <= n; k++)); do
		d=${v[i]} c=${v[i + 1]:-(none)} bodies=""
		for b in 2:MTUS 3:ODG 4:ACOEM 5:other; do
			[ "${v[i + ${b%%:*}]}" -gt 0 ] && bodies=${bodies:+$bodies,}${b#*:}
		done
		i=$((i + 6))
		[ "$d" = overturned ] && over=$((over + 1))
		items+=("I	$d	$c	${bodies:-none}")
	done
	printf '%s\tL\t%s\t%s\t%s\n' "$f" "$year" "$n" "$over"
	for d in "${items[@]}"; do printf '%s\t%s\n' "$f" "$d"; done
	local -A seen=()
	for ((k = 0; k < nc + nl; k++, i++)); do
		if ((k < nc)); then b=C; else b=S; fi
		b+=${v[i]}
		[ -n "${seen[$b]:-}" ] && continue
		seen[$b]=1
		printf '%s\t%s\t%s\n' "$f" "${b:0:1}" "${v[i]}"
	done
	# The letter as the report names it: its @source, or the file's path.
	local source=${v[${#q[@]} - 1]:-$f}
	for ((k = 0; k < nw; k++, i += 2)); do printf '%s\tW\t%s\t%s\t%s\n' "$f" "${v[i]}" "$source" "${v[i + 1]:--}"; done
}

# The facts of every file, asked once a run, in $tmp/facts.
declare -A asked=()
ask() {
	local f
	for f in "$@"; do
		[ -n "${asked[$f]:-}" ] && continue
		asked[$f]=1
		facts "$f" >>"$tmp/facts"
	done
}

# expected FILE...: the report's tables as "title|label|cell|cell...".
expected() {
	local f
	ask "$@"
	# The categories by the Division's names (the taxonomy of src/request.h).
	local names
	names=$(sed -n 's/^\tX([A-Z_]*, "\([^"]*\)", "\([^"]*\)").*/\1=\2/p' src/request.h | paste -sd';')
	printf '%s\n' "$@" | awk -F'\t' 'NR == FNR { want[$0]; next } $1 in want' - "$tmp/facts" | awk -F'\t' -v catnames="$names" '
	BEGIN { npairs = split(catnames, pairs, ";"); for (i = 1; i <= npairs; i++) { split(pairs[i], kv, "="); named[kv[1]] = kv[2] } }
	function pct(a, b) { return b ? sprintf("%.1f%%", 100 * a / b) : "-" }
	function ratio(a, b) { return b ? sprintf("%.2f", a / b) : "-" }
	function units(n, unit) { return n " " unit (n == 1 ? "" : "s") }
	function ours(part, base, unit, years) {
		if (!base) return "-"
		if (base < 30) return "too few: " units(base, unit)
		return sprintf("%.1f%% (%d of %s, %s)", 100 * part / base, part, units(base, unit), years)
	}
	function ours_ratio(items, letters, years) {
		if (!letters) return "-"
		if (letters < 30) return "too few: " units(letters, "letter")
		return sprintf("%.2f (%d items in %s, %s)", items / letters, items, units(letters, "letter"), years)
	}
	function row(t, s) { print t "|" s }
	$2 == "L" {
		file = $1; letters++; y = $3; n[file] = $4; o[file] = $5; yr[file] = y
		items += $4; over += $5; multi += ($4 > 1)
		ny[y]++; iy[y] += $4; oy[y] += $5; my[y] += ($4 > 1)
		per[$4]++
	}
	$2 == "I" {
		ic[$4]++; oc[$4] += ($3 == "overturned")
		if ($4 != "(none)") { cat[yr[$1]]++; if (tolower(substr($4, 1, 5)) == "pharm") ph[yr[$1]]++ }
		nb = split($5, b, ",")
		for (j = 1; j <= nb; j++) { ib[b[j]]++; ob[b[j]] += ($3 == "overturned") }
	}
	$2 == "C" { hasc[$1] = 1; if (n[$1] > 0) { lc[$3]++; icert[$3] += n[$1]; ocert[$3] += o[$1] } }
	$2 == "S" { hass[$1] = 1; if (n[$1] > 0) { ls[$3]++; ist[$3] += n[$1]; ost[$3] += o[$1] } }
	$2 == "W" { wc[$3]++; if (!(($1 SUBSEP $3) in wl)) { wl[$1, $3]; wlet[$3]++ }
		row("Letters with warnings", $4 "|" $3 "|" $5) }
	END {
		for (f in n) if (n[f] > 0) {
			if (!(f in hasc)) { lc["(none)"]++; icert["(none)"] += n[f]; ocert["(none)"] += o[f] }
			if (!(f in hass)) { ls["(none)"]++; ist["(none)"] += n[f]; ost["(none)"] += o[f] }
		}
		# What the page must draw: a chart per breakdown, a bar per row (counted
		# before the published figures look years up).
		nyr = 0; for (y in ny) nyr++
		npl = 0; for (k in per) npl++
		ncat = 0; for (c in ic) ncat++
		ncert = 0; for (c in lc) ncert++
		nst = 0; for (s in ls) nst++
		nw = 0; for (w in wc) nw++
		print "BARS|items-per-letter|" npl
		print "BARS|year|" nyr
		print "BARS|category|" ncat
		print "BARS|certification|" ncert
		print "BARS|body|5"
		print "BARS|state|" nst
		if (nw) print "BARS|warnings|" nw
		t = "The corpus"
		row(t, "letters|" letters "|-")
		row(t, "items|" items "|-")
		row(t, "items per letter|" ratio(items, letters) "|-")
		row(t, "letters with more than one item|" multi "|" pct(multi, letters))
		row(t, "items upheld|" items - over "|" pct(items - over, items))
		row(t, "items overturned|" over "|" pct(over, items))
		for (k in per) row("Letters by number of items", k "|" per[k] "|" pct(per[k], letters))
		for (y in ny) row("By year of the decision date", y "|" ny[y] "|" iy[y] "|" ratio(iy[y], ny[y]) "|" \
			pct(my[y], ny[y]) "|" oy[y] "|" pct(oy[y], iy[y]))
		for (c in ic) row("By category of the item", (c in named ? named[c] : c) "|" ic[c] "|" pct(ic[c], items) "|" oc[c] "|" pct(oc[c], ic[c]))
		for (c in lc) row("By the reviewer'"'"'s certification", c "|" lc[c] "|" icert[c] "|" ocert[c] "|" pct(ocert[c], icert[c]))
		split("MTUS ODG ACOEM other none", names, " ")
		for (j = 1; j <= 5; j++) { bn = names[j]
			row("By the body the reviewer cited", bn "|" ib[bn] + 0 "|" pct(ib[bn], items) "|" ob[bn] + 0 "|" pct(ob[bn], ib[bn])) }
		for (s in ls) row("By the reviewer'"'"'s state of licensure", s "|" ls[s] "|" ist[s] "|" ost[s] "|" pct(ost[s], ist[s]))
		for (w in wc) row("Warnings", w "|" wc[w] "|" wlet[w])
		# The published figures (as the issue gives them) and ours for their years.
		t = "Beside the published figures"
		# Ours: never on fewer than 30 items (or letters), and with its count
		# and the years of its letters.
		row(t, "items upheld|2014|91%|" ours(iy[2014] - oy[2014], iy[2014], "item", "2014"))
		row(t, "items per letter|2014|1.9|" ours_ratio(iy[2014], ny[2014], "2014"))
		row(t, "letters with more than one item|2015|39%|" ours(my[2015], ny[2015], "letter", "2015"))
		row(t, "items overturned|2016|8.4%|" ours(oy[2016], iy[2016], "item", "2016"))
		row(t, "items overturned|2024|12.7%|" ours(oy[2024], iy[2024], "item", "2024"))
		ncatd = 0; npha = 0; first = last = 0
		for (yy = 2014; yy <= 2018; yy++) {
			ncatd += cat[yy]; npha += ph[yy]
			if (ny[yy] > 0) { if (!first) first = yy; last = yy }
		}
		row(t, "pharmaceutical items (share)|2014-2018|45-48%|" ours(npha, ncatd, "item", first == last ? first : first "-" last))
		npub = 5 + (iy[2014] >= 30) + (ny[2015] >= 30) + (iy[2016] >= 30) + (iy[2024] >= 30) + (ncatd >= 30)
		print "BARS|published|" npub
	}' | sort
}

# reported REPORT: the same shape, read from the text: a title, maybe a
# "(note)", a header, rows with cells two or more spaces apart.
reported() {
	awk '
	function cells(s,   out, n, i, f) {
		gsub(/^ +| +$/, "", s); n = split(s, f, /  +/); out = f[1]
		for (i = 2; i <= n; i++) out = out "|" f[i]
		return out
	}
	NR == 1 { next }
	/^$/ { state = 0; next }
	state == 0 { title = $0; state = 1; next }
	state == 1 && /^\(/ { next }
	state == 1 { state = 2; next }
	state == 2 && $0 == "  none found" { next }
	state == 2 {
		r = cells($0)
		if (title == "Beside the published figures") sub(/\|[^|]*$/, "", r)
		print title "|" r
	}' "$1" | sort
}

compare() { # name files...
	local name=$1; shift
	expected "$@" >"$tmp/want"
	grep -v '^BARS|' "$tmp/want" >"$tmp/want-tables"
	reported "$tmp/report" >"$tmp/got-tables"
	if cmp -s "$tmp/want-tables" "$tmp/got-tables"; then ok; else
		bad "$name: the report's numbers differ from the counts (< counted here, > reported)"
		diff "$tmp/want-tables" "$tmp/got-tables" | head -20
	fi
	local letters
	letters=$(sed -n 's/^The corpus|letters|\([0-9]*\).*/\1/p' "$tmp/want")
	[ "$letters" = "$#" ] && ok || bad "$name: $letters letters counted, $# files"
}

echo "== (a) the text report against counts of our own"
inputs=(examples "$out" tests/export/quoting.xml)
mapfile -t files < <(list_xml "${inputs[@]}")
if "$bin" --stats "${inputs[@]}" >"$tmp/report" 2>"$tmp/err"; then ok; else
	bad "--stats: exit $?: $(head -3 "$tmp/err")"
fi
compare "examples and real letters" "${files[@]}"
[ "${#files[@]}" -ge 20 ] && ok || bad "only ${#files[@]} XML files"
cp "$tmp/want" "$tmp/want-main"
# The elements being added (categories, warnings): read without validation.
if "$bin" --stats --no-validate "${inputs[@]}" tests/export/future.xml >"$tmp/report" 2>"$tmp/err"; then ok; else
	bad "--stats --no-validate with future.xml: exit $?: $(head -3 "$tmp/err")"
fi
compare "with categories and warnings" "${files[@]}" tests/export/future.xml
# future.xml adds one pharmaceutical and one rehabilitation item, and a warning no letter has.
cat_count() { awk -F'|' -v c="$2" '$1 == "By category of the item" && $2 == c {print $3}' "$1"; }
[ "$(cat_count "$tmp/want" Pharmaceuticals)" = $(($(cat_count "$tmp/want-main" Pharmaceuticals) + 1)) ] &&
	[ "$(cat_count "$tmp/want" Rehabilitation)" = $(($(cat_count "$tmp/want-main" Rehabilitation) + 1)) ] &&
	grep -q '^Warnings|page-missing|1|1$' "$tmp/want" &&
	ok || bad "future.xml's warnings and categories were not counted"
# Validated, future.xml is reported and left out.
"$bin" --stats examples/imr-2014-physician.xml tests/export/future.xml >"$tmp/report" 2>"$tmp/err"
st=$?
[ $st = 1 ] && grep -q 'future.xml:' "$tmp/err" && ok || bad "an invalid file: exit $st, want 1 and its errors"
compare "an invalid file left out" examples/imr-2014-physician.xml
"$bin" --stats >/dev/null 2>"$tmp/err"; [ $? = 2 ] && grep -q 'needs XML files' "$tmp/err" && ok || bad "--stats with nothing"
"$bin" --stats --format csv examples >/dev/null 2>"$tmp/err"; [ $? = 2 ] && ok || bad "--stats --format"
# Nothing to count is said, and is no success: an empty folder, a folder
# of PDFs, a PDF or a letter's text named.
mkdir -p "$tmp/empty" "$tmp/pdfs"
"$bin" --stats --html "$tmp/empty.html" "$tmp/empty" >"$tmp/report" 2>"$tmp/err"
st=$?
if [ $st = 1 ] && grep -q '^items per letter  *-' "$tmp/report" && xmllint --noout "$tmp/empty.html" 2>/dev/null &&
	grep -qx "imr2xml: error: no XML files among the inputs: --stats reads imr2xml's XML (imr2xml -d OUTDIR) or its database (--db)" "$tmp/err"
then ok; else
	bad "--stats on no letters: exit $st: $(head -3 "$tmp/err")"
fi
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/pdfs/a.pdf"
"$bin" --stats "$tmp/pdfs" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "no XML files among the inputs" "$tmp/err" && ok || bad "--stats on a folder of PDFs: $(head -2 "$tmp/err")"
"$bin" --stats "$tmp/pdfs/a.pdf" examples/imr-2014-physician.xml >"$tmp/report" 2>"$tmp/err"
[ $? = 1 ] && grep -qx "$tmp/pdfs/a.pdf: error: a PDF, not imr2xml's XML: convert it first (imr2xml -d OUTDIR, or --db)" "$tmp/err" &&
	grep -q '^imr2xml corpus report: 1 XML file read, 1 letter' "$tmp/report" && ok ||
	bad "--stats on a PDF: $(head -2 "$tmp/err")"
"$bin" --stats examples/imr-2014-physician.txt >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "imr-2014-physician.txt: error: not XML, not imr2xml's XML: convert it first" "$tmp/err" && ok ||
	bad "--stats on a letter's text: $(head -2 "$tmp/err")"
# The database of the same XML files: the same report, but its first line.
rm -f "$tmp/corpus.sqlite"
if "$bin" -q --db "$tmp/corpus.sqlite" "${inputs[@]}" 2>"$tmp/err" &&
	"$bin" --stats "${inputs[@]}" >"$tmp/from-xml" 2>/dev/null &&
	"$bin" --stats "$tmp/corpus.sqlite" >"$tmp/from-db" 2>"$tmp/err" &&
	diff <(tail -n +2 "$tmp/from-xml") <(tail -n +2 "$tmp/from-db") >/dev/null &&
	grep -qx "imr2xml corpus report: the database $tmp/corpus.sqlite, $(sed -n '1s/.*, \([0-9]*\) letters$/\1/p' "$tmp/from-xml") letters" "$tmp/from-db"
then ok; else
	bad "--stats DATABASE is not the report of its XML files: $(head -2 "$tmp/err")"
fi
"$bin" --stats "$tmp/corpus.sqlite" examples/imr-2014-physician.xml >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "corpus.sqlite: error: a database: --stats reads one database alone, or XML files" "$tmp/err" && ok ||
	bad "--stats with a database and XML: $(head -2 "$tmp/err")"

echo "== (b) the page"
page=$tmp/report.html
cp "$tmp/want-main" "$tmp/want"
if "$bin" --stats --html "$page" "${inputs[@]}" >/dev/null 2>"$tmp/err"; then ok; else bad "--html: exit $?"; fi
if xmllint --noout --nonet "$page" 2>"$tmp/xerr"; then ok; else bad "the page is not well-formed: $(head -3 "$tmp/xerr")"; fi
grep -q '<script\|src="http\|href="http\|@import\|url(' "$page" && bad "the page has a script or fetches something" || ok
head -1 "$page" | grep -qx '<!DOCTYPE html>' && ok || bad "the page does not start with <!DOCTYPE html>"
# Every chart drawn in the file: one rect of class bar... per row.
grep -o '<svg [^>]*data-chart="[^"]*"\|<rect class="bar[^"]*"' "$page" |
	awk '/^<svg/ { match($0, /data-chart="[^"]*"/); c = substr($0, RSTART + 12, RLENGTH - 13); order[++n] = c; bars[c] = 0; next }
	     { bars[c]++ } END { for (i = 1; i <= n; i++) print "BARS|" order[i] "|" bars[order[i]] }' | sort >"$tmp/got-bars"
grep '^BARS|' "$tmp/want" >"$tmp/want-bars"
cmp -s "$tmp/want-bars" "$tmp/got-bars" && ok || { bad "the page's charts (< expected, > in the file)"; diff "$tmp/want-bars" "$tmp/got-bars"; }
# Every chart has its scale: an axis, five ticks from 0 to its maximum, and
# what it counts (the published figures and the years in percent).
charts=$(grep -o '<svg ' "$page" | wc -l)
[ "$(grep -o '<text class="tick"[^>]*>[^<]*</text>' "$page" | wc -l)" = $((6 * charts)) ] &&
	grep -q '<text class="tick"[^>]*>0%</text>' "$page" && grep -q '<text class="tick"[^>]*>100%</text>' "$page" &&
	grep -q '<text class="tick"[^>]*>percent</text>' "$page" && grep -q '<text class="tick"[^>]*>items</text>' "$page" &&
	ok || bad "the charts' axes and scales"

chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	make -s install-packages PACKAGES=chromium >/dev/null 2>&1
	chromium=$(command -v chromium || command -v chromium-browser)
fi
if [ ! -s "$page" ]; then
	bad "no page to render"
elif [ -z "$chromium" ]; then
	echo "NOTICE: chromium is not installed and could not be (apt-get install chromium): the page is not rendered"
else
	# A fresh profile each time, nothing fetched or updated; as root it needs --no-sandbox.
	browse() { # profile args...
		local prof=$tmp/$1; shift
		rm -rf "$prof"
		timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$prof" "$@" 2>>"$tmp/chromium.err"
		local st=$? i pids
		# Its helpers go on a moment after it exits: wait for them, end them if they linger.
		for i in 1 2 3 4 5 6 7 8 9 10; do
			pids=$(pgrep -f -- "--user-data-dir=$prof") || break
			sleep 0.5
		done
		pids=$(pgrep -f -- "--user-data-dir=$prof") && kill $pids 2>/dev/null
		return $st
	}
	if browse prof-dom --dump-dom "file://$page" >"$tmp/dom.html"; then ok; else bad "chromium --dump-dom: exit $?"; fi
	n=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
	want=$(wc -l <"$tmp/want-bars")
	[ "$n" = "$want" ] && ok || bad "the rendered page has $n <svg> charts, want $want"
	grep -o '<svg [^>]*data-chart="[^"]*"\|<rect class="bar[^"]*"' "$tmp/dom.html" |
		awk '/^<svg/ { match($0, /data-chart="[^"]*"/); c = substr($0, RSTART + 12, RLENGTH - 13); order[++n] = c; bars[c] = 0; next }
		     { bars[c]++ } END { for (i = 1; i <= n; i++) print "BARS|" order[i] "|" bars[order[i]] }' | sort >"$tmp/dom-bars"
	cmp -s "$tmp/want-bars" "$tmp/dom-bars" && ok || { bad "the rendered charts' bars (< expected, > rendered)"; diff "$tmp/want-bars" "$tmp/dom-bars"; }
	for id in published items-per-letter year category certification body state; do
		grep -q "<table id=\"table-$id\"" "$tmp/dom.html" && ok || bad "the rendered page lacks the table $id"
	done
	grep -q '<h1>IMR Final Determinations' "$tmp/dom.html" && ok || bad "the rendered page lacks its heading"
	grep -qF 'as published by' "$tmp/dom.html" && grep -qF 'Compensation Institute (CWCI)' "$tmp/dom.html" && ok ||
		bad "the rendered page does not name its sources"
	rm -f "$tmp/shot.png"
	if browse prof-shot --hide-scrollbars --window-size=1280,2000 --screenshot="$tmp/shot.png" "file://$page" >/dev/null; then ok; else
		bad "chromium --screenshot: exit $?"
	fi
	# A PNG: its signature, then the IHDR chunk's width and height.
	sig=$(od -An -tx1 -N8 "$tmp/shot.png" 2>/dev/null | tr -d ' \n')
	wh=$(od -An -tu1 -j16 -N8 "$tmp/shot.png" 2>/dev/null |
		awk '{ print ($1 * 16777216 + $2 * 65536 + $3 * 256 + $4) "x" ($5 * 16777216 + $6 * 65536 + $7 * 256 + $8) }')
	size=$(wc -c <"$tmp/shot.png" 2>/dev/null || echo 0)
	[ "$sig" = 89504e470d0a1a0a ] && [ "$wh" = 1280x2000 ] && [ "$size" -gt 20000 ] && ok ||
		bad "the screenshot is not a 1280x2000 PNG: signature $sig, $wh, $size bytes"
fi

echo "$pass passed, $fail failed"
