#!/usr/bin/env bash
# db.sh BIN TMP - tests of the corpus database (--db, --db-merge).
#
# (a) Every query of docs/database.md (its ```sql blocks, each named by a
#     "-- query: NAME" line) is run with the sqlite3 shell against a
#     database built from examples/ and ../shared's letters, and each
#     answer is checked against the same count made another way: XPath
#     (xmllint) over the XML files batch mode wrote in the same run, or
#     the dates read from them.  A query without a check here fails.
# (b) The published PDFs: 16 letters and their items, PRAGMA
#     integrity_check, a second run adds nothing; databases built from two
#     halves merge into the one built from both (compared by a dump keyed
#     by sha256, not by bytes); loading the XML files gives the database
#     converting the letters gave.
# (c) Errors: a file that is no database, a database of another version,
#     a merge input that is missing; exit status and message.
# (d) A database of schema version 1 (sha256 UNIQUE, no ordinal) migrated
#     by --db and --db-merge, its rows, keys and index whole.
# Everything it makes is under TMP.  Prints FAIL lines and "N passed, N failed".
set -u
bin=${1:?usage: tests/db.sh BIN TMP} tmp=${2:?usage: tests/db.sh BIN TMP}
mkdir -p "$tmp" && tmp=$(cd "$tmp" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
shared=../shared
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL db: %s\n' "$*"; }
. tests/sigint.sh
export LC_ALL=C
rm -rf "$tmp"/*

sql() { sqlite3 -batch -separator '|' "$@"; }

# An XPath string literal of any value (concat() when it has both quotes).
lit() {
	local v=$1
	case $v in
	*\'*\"* | *\"*\'*) printf "concat('%s')" "$(printf '%s' "$v" | sed "s/'/', \"'\", '/g")" ;;
	*\'*) printf '"%s"' "$v" ;;
	*) printf "'%s'" "$v" ;;
	esac
}

# ---- (a) the analyst's questions --------------------------------------------
# examples/ carries no warning: one letter made here does (its item 1
# upheld against a rationale that concludes it necessary), so the warnings'
# question has rows to check with or without ../shared.
mkdir -p "$tmp/made"
sed '59s/: Upheld$/: Overturned/' examples/imr-2016-standard.txt >"$tmp/made/imr-2016-overturned-item.txt"
inputs=(examples "$tmp/made")
if [ -d "$shared/real" ] && [ -d "$shared/seeds" ]; then
	inputs+=("$shared/seeds" "$shared/real")
else
	echo "NOTICE: $shared is absent: the questions are checked on examples/ only"
fi
db=$tmp/corpus.sqlite out=$tmp/out
"$bin" -q -j 2 --db "$db" -d "$out" "${inputs[@]}" 2>"$tmp/err"
st=$?
[ $st = 0 ] && ok || bad "building the corpus database: exit $st: $(tail -3 "$tmp/err")"
# examples/ holds each letter's golden XML beside its text: the walk
# takes both, and the XML (the same sha256) is there already.
nxml=$(find "$out" -name '*.xml' | wc -l)
nex=$(ls examples/*.xml | wc -l)
grep -q "^imr2xml: $db: $nxml letters added ([0-9]* items), $nex there already$" "$tmp/err" && ok ||
	bad "summary: $(tail -1 "$tmp/err")"
[ "$(sql "$db" 'SELECT count(*) FROM letters')" = "$nxml" ] && ok ||
	bad "letters: $(sql "$db" 'SELECT count(*) FROM letters'), want $nxml (the XML files written)"

# The oracle: every XML file written, in one document, the namespace
# dropped so that plain XPath names match.
corpus=$tmp/corpus.xml
{
	echo '<corpus>'
	find "$out" -name '*.xml' | sort | while IFS= read -r f; do sed '1d; s/ xmlns="[^"]*"//' "$f"; done
	echo '</corpus>'
} >"$corpus"
x() { xmllint --xpath "$1" "$corpus" 2>/dev/null; }
lower="translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
[ "$(x 'count(//determination)')" = "$nxml" ] && ok || bad "the oracle's corpus has $(x 'count(//determination)') letters"
[ "$(sql "$db" 'SELECT count(*) FROM items')" = "$(x 'count(//issue)')" ] && ok || bad "items: not the issues of the XML"
[ "$(sql "$db" 'SELECT sum(items) FROM letters')" = "$(x 'count(//issue)')" ] && ok || bad "letters.items do not add up"

# Each row's counts against XPath: "want PATH" is count(PATH) for a
# column; rows that disagree are reported with the query's name.
qname= qbad=0
expect() { # column-value path
	local got=$1 want
	want=$(x "count($2)")
	if [ "$got" != "$want" ]; then
		qbad=$((qbad + 1))
		[ $qbad -le 3 ] && printf 'FAIL db: %s: %s, want %s by XPath %s\n' "$qname" "$got" "$want" "$2"
	fi
}
same() { # got want: values compared as they are
	if [ "$1" != "$2" ]; then
		qbad=$((qbad + 1))
		[ $qbad -le 3 ] && printf 'FAIL db: %s: %s, want %s\n' "$qname" "$1" "$2"
	fi
}
# A year column: the letters decided that year, or without a decision date.
year_pred() {
	if [ -z "$1" ]; then echo "[not(ancestor::determination/header/decisionDate)]"
	else echo "[starts-with(ancestor::determination/header/decisionDate, '$1')]"; fi
}
attr_pred() { # attribute value
	if [ -z "$2" ]; then echo "[not(@$1)]"; else echo "[@$1=$(lit "$2")]"; fi
}

check_overturn_by_category_year() {
	local total=0
	while IFS='|' read -r cat year items over pct; do
		local p="//issue$(attr_pred category "$cat")$(year_pred "$year")"
		expect "$items" "$p"
		expect "$over" "$p[@decision='overturned']"
		same "$pct" "$(awk -v o="$over" -v n="$items" 'BEGIN { printf "%.1f", 100 * o / n }')"
		total=$((total + items))
	done
	expect "$total" "//issue"
}
check_opioids_by_year() {
	local total=0
	while IFS='|' read -r year items over; do
		expect "$items" "//issue[@subcategory='opioids']$(year_pred "$year")"
		expect "$over" "//issue[@subcategory='opioids'][@decision='overturned']$(year_pred "$year")"
		total=$((total + items))
	done
	expect "$total" "//issue[@subcategory='opioids']"
}
check_overturn_by_drug() {
	local total=0
	while IFS='|' read -r drug items over; do
		local p="//issue[@category='pharmaceuticals'][request/name/@generic=$(lit "$drug") or (not(request/name/@generic) and request/name=$(lit "$drug"))]"
		expect "$items" "$p"
		expect "$over" "$p[@decision='overturned']"
		total=$((total + items))
	done
	expect "$total" "//issue[@category='pharmaceuticals'][request/name]"
}
overturn_by() { # XPath of the items of one key, @KEY@ standing for the key: rows key|items|overturned
	while IFS='|' read -r key items over; do
		local k p
		k=$(lit "$key")
		p=${1//@KEY@/"$k"} # quoted: bash 5.2 reads & in a replacement as the match
		expect "$items" "$p"
		expect "$over" "$p[@decision='overturned']"
	done
}
check_overturn_by_certification() { overturn_by "//issue[ancestor::determination/reviewer/certification=@KEY@]"; }
check_overturn_by_section() { overturn_by "//issue[maximusGuideline/citation/section=@KEY@]"; }
check_cites_opioids_specific_drug_list() {
	local n=0
	while IFS='|' read -r source item service decision; do
		expect 1 "//determination[@source=$(lit "$source")]//issue[@n='$item'][@decision='$decision'][service=$(lit "$service")]"
		n=$((n + 1))
	done
	expect "$n" "//issue[*/citation[@body='MTUS'][section='specific drug list']]"
}
# Days by the civil calendar, computed here (Howard Hinnant's algorithm).
days() { # YYYY-MM-DD
	awk -v d="$1" 'BEGIN { split(d, p, "-"); y = p[1] - (p[2] <= 2); era = int(y / 400);
		yoe = y - era * 400; m = p[2] + (p[2] > 2 ? -3 : 9);
		doy = int((153 * m + 2) / 5) + p[3] - 1; doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy;
		print era * 146097 + doe }'
}
check_days_ur_to_decision() {
	local n=0 sum=0 min= max= f dec ur d
	IFS='|' read -r letters mean mind maxd
	for f in $(find "$out" -name '*.xml'); do
		dec=$(sed -n 's|.*<decisionDate[^>]*>\([0-9-]*\)</decisionDate>.*|\1|p' "$f" | head -1)
		ur=$(sed -n 's|.*<urDenialDate[^>]*>\([0-9-]*\)</urDenialDate>.*|\1|p' "$f" | head -1)
		[ -n "$dec" ] && [ -n "$ur" ] || continue
		d=$(($(days "$dec") - $(days "$ur")))
		n=$((n + 1)) sum=$((sum + d))
		[ -z "$min" ] || [ $d -lt $min ] && min=$d
		[ -z "$max" ] || [ $d -gt $max ] && max=$d
	done
	local want
	want="$n|$(awk -v s=$sum -v n=$n 'BEGIN { printf "%.1f", s / n }')|$min.0|$max.0"
	same "$letters|$mean|$mind|$maxd" "$want"
}
# The full-text answers against contains() over the same paragraphs, in
# lower case: the FTS5 phrase also matches longer words (porter stems).
check_fts_rationale_urine_drug_screen() {
	local got want
	got=$(cat)
	want=$(x "//determination[.//issue/rationale/p[contains($lower, 'urine drug screen')]]/@source" |
		sed 's/^ *source="\(.*\)"$/\1/' | sort)
	[ -n "$got" ] || same "no rows" "some"
	same "$(echo $got)" "$(echo $want)"
}
check_fts_functional_restoration() {
	local n
	n=$(wc -l)
	local m="[contains($lower, 'functional restoration')]"
	[ "$n" -gt 0 ] || same "no rows" "some"
	expect "$n" "//caseSummary/p$m | //issue/rationale/p$m | //issue/claimsAdministratorGuideline/p$m | //issue/maximusGuideline/p$m | //issue/title$m | //issue/service$m"
}
check_letters_with_warnings() {
	local n=0
	while IFS='|' read -r source code line message; do
		expect 1 "//determination[@source=$(lit "$source")]//warning[@code='$code'][@line='$line'][.=$(lit "$message")]"
		n=$((n + 1))
	done
	expect "$n" "//warning"
}
check_modified_requests() {
	local n=0
	while IFS='|' read -r source item orig auth service decision; do
		expect 1 "//determination[@source=$(lit "$source")]//issue[@n='$item'][originalRequest=$(lit "$orig")][authorized=$(lit "$auth")][@decision='$decision']"
		n=$((n + 1))
	done
	expect "$n" "//issue[originalRequest]"
}
check_common_diagnoses() {
	local n=0
	while IFS='|' read -r diagnosis count; do
		expect "$count" "//caseSummary/diagnosis[.=$(lit "$diagnosis")]"
		n=$((n + 1))
	done
	same "$n rows" "10 rows"
}
check_overturn_by_priority() {
	local total=0
	while IFS='|' read -r priority items over; do
		local p
		if [ -z "$priority" ]; then p="//issue[not(ancestor::determination/header/priority)]"
		else p="//issue[ancestor::determination/header/priority='$priority']"; fi
		expect "$items" "$p"
		expect "$over" "$p[@decision='overturned']"
		total=$((total + items))
	done
	expect "$total" "//issue"
}
check_reviewer_documents() {
	local total=0
	while IFS='|' read -r body document count same; do
		local p="//maximusGuideline/citation[@body='$body']$(attr_pred document "$document")"
		expect "$count" "$p"
		expect "$same" "$p[@document = ../../claimsAdministratorGuideline/citation/@document]"
		total=$((total + count))
	done
	expect "$total" "//maximusGuideline/citation"
}

# The queries, as the page has them.
awk '/^```sql/ { on = 1; n++; next } /^```/ { on = 0; next } on { print > (dir "/q" n ".sql") }' \
	dir="$tmp" docs/database.md
nq=$(ls "$tmp"/q*.sql 2>/dev/null | wc -l)
[ "$nq" -ge 10 ] && ok || bad "docs/database.md has $nq queries, want at least 10"
for q in "$tmp"/q*.sql; do
	qname=$(sed -n '1s/^-- query: //p' "$q")
	qbad=0
	if [ -z "$qname" ]; then
		bad "$q (docs/database.md): the block does not start with '-- query: NAME'"; continue
	fi
	check=check_${qname//-/_}
	if ! declare -F "$check" >/dev/null; then
		bad "$qname: no check of its answer in tests/db.sh"; continue
	fi
	if ! sql "$db" <"$q" >"$tmp/answer" 2>"$tmp/qerr" || [ -s "$tmp/qerr" ]; then
		bad "$qname: $(head -3 "$tmp/qerr")"; continue
	fi
	if [ ! -s "$tmp/answer" ]; then
		bad "$qname: no rows"; continue
	fi
	"$check" <"$tmp/answer"
	[ $qbad = 0 ] && ok || bad "$qname: $qbad answers differ from the XML's"
done

# Every column of letters and items that src/db.c reads by a path of child
# steps (and an attribute), as libxml2's XPath reads that path from the
# same XML: how many rows have a value, how many a list of several, and
# for a column of few values, how many rows have each.  The paths are
# taken from db.c's table, so a column added there is checked here; the
# loader walks these paths itself, not by XPath (db.c, "the loader").
columns() { # table-array rows-xpath
	sed -n "/^static const struct field $1\[\] = {/,/^};/p" src/db.c |
		sed -n 's/^[[:space:]]*F("\([a-z_0-9]*\)", \([A-Z]*\), "\([^"]*\)"),$/\1 \2 \3/p' |
		while read -r col type path; do
			case $col:$path in
			# the ordinal: 1 when the XML has no @letter (checked below)
			letter:* | *:*[\(\'=\|]* | *:.) continue ;;
			esac
			echo "$col $type ${path//d:/}"
		done
}
ncols=0
for spec in "letters letter_fields //determination" "items item_fields //issue"; do
	set -- $spec
	table=$1 rows=$3
	while read -r col type path; do
		ncols=$((ncols + 1))
		qname="$table.$col" qbad=0
		if [ "$type" = LIST ]; then
			expect "$(sql "$db" "SELECT count(*) FROM $table WHERE $col IS NOT NULL")" \
				"$rows[count($path) > 1 or string($path) != '']"
			expect "$(sql "$db" "SELECT count(*) FROM $table WHERE $col LIKE '%; %'")" \
				"$rows[count($path) > 1]"
		else
			expect "$(sql "$db" "SELECT count(*) FROM $table WHERE $col IS NOT NULL")" \
				"$rows[string($path) != '']"
		fi
		if [ "$type" = TEXT ] &&
			[ "$(sql "$db" "SELECT count(DISTINCT $col) FROM $table")" -le 12 ]; then
			while IFS='|' read -r v n; do
				[ -n "$v" ] && expect "$n" "$rows[string($path) = $(lit "$v")]"
			done < <(sql "$db" "SELECT $col, count(*) FROM $table WHERE $col IS NOT NULL GROUP BY $col")
		fi
		[ $qbad = 0 ] && ok || bad "$qname: $qbad counts differ from XPath's over the XML"
	done < <(columns "$2")
done
[ $ncols -ge 40 ] && ok || bad "only $ncols columns of letters and items read from src/db.c's table"
# A letter's ordinal in its input: 1 for each, none of these is joined.
[ "$(sql "$db" 'SELECT count(*) FROM letters WHERE letter = 1')" = "$nxml" ] && ok ||
	bad "letters.letter: $(sql "$db" 'SELECT letter, count(*) FROM letters GROUP BY letter'), want $nxml of 1"

# ---- (b) the published PDFs: counts, integrity, a second run, merging --------
# A dump of every table in which rowids are replaced by what they stand
# for: a letter by its sha256, any other id by its distance from the first
# of its letter's rows in its table (rows of a letter are inserted together,
# in document order).
dump() { # database
	local t cols c
	for t in $(sql "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'texts_fts%' ORDER BY name"); do
		cols=
		for c in $(sql "$1" "SELECT name FROM pragma_table_info('$t')"); do
			case $t:$c in
			letters:id) c="'-'" ;;
			*:letter_id) c="(SELECT sha256 || '#' || letter FROM letters WHERE id = x.letter_id)" ;;
			*:item_id) c="x.item_id - (SELECT min(id) FROM items WHERE letter_id = x.letter_id)" ;;
			*:citation_id) c="x.citation_id - (SELECT min(id) FROM citations WHERE letter_id = x.letter_id)" ;;
			*:id) c="x.id - (SELECT min(id) FROM $t WHERE letter_id = x.letter_id)" ;;
			*) c="x.$c" ;;
			esac
			cols=${cols:+$cols, }$c
		done
		echo "== $t"
		sql "$1" "SELECT $cols FROM $t AS x" | sort
	done
}
if [ -d "$shared/real/pdf" ]; then
	pdfs=("$shared"/real/pdf/*.pdf)
	r=$tmp/real.sqlite
	"$bin" --db "$r" -j 2 "$shared/real/pdf" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && ok || bad "--db real/pdf: exit $st: $(tail -3 "$tmp/err")"
	[ "$(sql "$r" 'SELECT count(*) FROM letters')" = ${#pdfs[@]} ] && ok || bad "real/pdf: not ${#pdfs[@]} letters"
	"$bin" -q -d "$tmp/realout" "$shared/real/pdf" 2>/dev/null
	want_items=$(cat "$tmp"/realout/pdf/*.xml | grep -c '<issue ')
	[ "$(sql "$r" 'SELECT count(*) FROM items')" = "$want_items" ] && ok ||
		bad "real/pdf: $(sql "$r" 'SELECT count(*) FROM items') items, want $want_items"
	grep -q "^imr2xml: $r: ${#pdfs[@]} letters added ($want_items items), 0 there already$" "$tmp/err" && ok ||
		bad "real/pdf summary: $(tail -1 "$tmp/err")"
	[ "$(sql "$r" 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity_check: $(sql "$r" 'PRAGMA integrity_check' | head -3)"
	sql "$r" "INSERT INTO texts_fts(texts_fts) VALUES ('integrity-check')" 2>"$tmp/qerr" && ok ||
		bad "the full-text index does not match its texts: $(cat "$tmp/qerr")"
	[ "$(sql "$r" 'PRAGMA journal_mode')" = wal ] && ok || bad "not in WAL mode"
	[ "$(sql "$r" 'PRAGMA user_version')" = 2 ] && ok || bad "user_version: $(sql "$r" 'PRAGMA user_version')"
	[ "$(sql "$r" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] && ok || bad "foreign keys point at nothing"
	dump "$r" >"$tmp/first.dump"
	"$bin" --db "$r" -j 2 "$shared/real/pdf" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && grep -q "^imr2xml: $r: 0 letters added (0 items), ${#pdfs[@]} there already$" "$tmp/err" &&
		grep -q " 0 converted, .* ${#pdfs[@]} skipped" "$tmp/err" && ok ||
		bad "a second run: exit $st: $(tail -2 "$tmp/err")"
	dump "$r" | cmp -s - "$tmp/first.dump" && ok || bad "a second run changed the database"
	# One letter more: only it is added.
	mkdir -p "$tmp/grown"
	cp "${pdfs[@]}" "$tmp/grown/"
	cp examples/imr-2016-standard.txt "$tmp/grown/"
	"$bin" --db "$r" "$tmp/grown" 2>"$tmp/err"
	grep -q "^imr2xml: $r: 1 letter added (4 items), ${#pdfs[@]} there already$" "$tmp/err" && ok ||
		bad "a grown folder: $(tail -1 "$tmp/err")"
	# The phrase of a letter's text, found by the index in that letter.
	hits=$(sql "$r" "SELECT DISTINCT l.source FROM texts_fts f JOIN texts t ON t.id = f.rowid JOIN letters l ON l.id = t.letter_id WHERE texts_fts MATCH '\"delivery truck\"'")
	[ "$hits" = "$tmp/grown/imr-2016-standard.txt" ] && ok || bad "full-text search for a phrase: '$hits'"

	# Two halves, merged, against both at once.
	half=$((${#pdfs[@]} / 2))
	printf '%s\n' "${pdfs[@]:0:$half}" >"$tmp/a.list"
	printf '%s\n' "${pdfs[@]:$half}" >"$tmp/b.list"
	"$bin" -q --db "$tmp/a.sqlite" --files-from "$tmp/a.list" 2>/dev/null &&
		"$bin" -q --db "$tmp/b.sqlite" -j 2 --files-from "$tmp/b.list" 2>/dev/null &&
		"$bin" -q --db "$tmp/both.sqlite" -j 2 "${pdfs[@]}" 2>/dev/null && ok || bad "building the halves"
	# Merged in the other order: rowids differ, the dump may not.
	"$bin" --db-merge "$tmp/merged.sqlite" "$tmp/b.sqlite" "$tmp/a.sqlite" 2>"$tmp/err" && ok ||
		bad "--db-merge: exit $?: $(cat "$tmp/err")"
	dump "$tmp/merged.sqlite" >"$tmp/merged.dump"
	dump "$tmp/both.sqlite" >"$tmp/both.dump"
	if cmp -s "$tmp/merged.dump" "$tmp/both.dump"; then ok; else
		bad "the merge of two halves is not the database of both"; diff "$tmp/both.dump" "$tmp/merged.dump" | head -5
	fi
	[ "$(grep -c '' "$tmp/both.dump")" -gt 300 ] && ok || bad "the dump is too small to compare anything"
	[ "$(sql "$tmp/merged.sqlite" 'PRAGMA integrity_check')" = ok ] &&
		sql "$tmp/merged.sqlite" "INSERT INTO texts_fts(texts_fts) VALUES ('integrity-check')" && ok ||
		bad "the merged database fails its integrity checks"
	q="SELECT count(*) FROM texts_fts WHERE texts_fts MATCH 'physical AND therapy'"
	[ "$(sql "$tmp/merged.sqlite" "$q")" = "$(sql "$tmp/both.sqlite" "$q")" ] &&
		[ "$(sql "$tmp/both.sqlite" "$q")" -gt 0 ] && ok || bad "full-text search in the merged database"
	# Merging again adds nothing.
	"$bin" --db-merge "$tmp/merged.sqlite" "$tmp/a.sqlite" 2>/dev/null &&
		dump "$tmp/merged.sqlite" | cmp -s - "$tmp/both.dump" && ok || bad "merging a letter twice"

	# The XML files, loaded: the database that converting the letters gave.
	"$bin" --db "$tmp/fromxml.sqlite" -j 2 "$tmp/realout/pdf" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && ok || bad "--db on XML files: exit $st: $(tail -2 "$tmp/err")"
	# (@source is the letter's path in both)
	if dump "$tmp/fromxml.sqlite" | cmp -s - "$tmp/both.dump"; then ok; else
		bad "the XML loaded is not the letters converted"; diff "$tmp/both.dump" <(dump "$tmp/fromxml.sqlite") | head -5
	fi
else
	echo "NOTICE: $shared is absent: the published PDFs' database is not tested"
fi

# ---- (c) errors ------------------------------------------------------------------
printf 'not a database, but long enough to be read as one: %0200d\n' 0 >"$tmp/notdb.sqlite"
"$bin" --db "$tmp/notdb.sqlite" examples/imr-2016-standard.txt 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "^imr2xml: error: $tmp/notdb.sqlite: file is not a database$" "$tmp/err" && ok ||
	bad "a file that is no database: exit $st: $(cat "$tmp/err")"
sql "$tmp/other.sqlite" 'CREATE TABLE t(x); PRAGMA user_version = 7'
"$bin" --db "$tmp/other.sqlite" examples/imr-2016-standard.txt 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "schema version 7; this imr2xml writes version 2" "$tmp/err" && ok ||
	bad "a database of another version: exit $st: $(cat "$tmp/err")"
sql "$tmp/theirs.sqlite" 'CREATE TABLE t(x)'
"$bin" --db "$tmp/theirs.sqlite" examples/imr-2016-standard.txt 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "not an imr2xml database (it has tables of its own)" "$tmp/err" &&
	[ "$(sql "$tmp/theirs.sqlite" "SELECT group_concat(name) FROM sqlite_master")" = t ] && ok ||
	bad "someone else's database: exit $st: $(cat "$tmp/err")"
"$bin" --db-merge "$tmp/m2.sqlite" "$tmp/missing.sqlite" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "^imr2xml: error: $tmp/missing.sqlite: cannot read: No such file or directory$" "$tmp/err" &&
	[ ! -e "$tmp/m2.sqlite" ] && ok ||
	bad "merging a missing database: exit $st: $(cat "$tmp/err")"
"$bin" --db-merge "$tmp/m3.sqlite" "$tmp/theirs.sqlite" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "$tmp/theirs.sqlite: not an imr2xml database" "$tmp/err" && ok ||
	bad "merging someone else's database: exit $st: $(cat "$tmp/err")"
"$bin" --db "$tmp/x.sqlite" --resume examples 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "resume and --format need -d OUTDIR" "$tmp/err" && ok || bad "--db --resume without -d: exit $st"
# An insert that fails (here a trigger of the test's, as a full disk would):
# the letters since the last commit go, none is half in, exit status 2.
"$bin" -q --db "$tmp/fails.sqlite" examples/imr-2014-physician.txt 2>/dev/null
sql "$tmp/fails.sqlite" "CREATE TRIGGER boom BEFORE INSERT ON citations WHEN (SELECT count(*) FROM letters) > 1
	BEGIN SELECT RAISE(FAIL, 'no room'); END"
"$bin" --db "$tmp/fails.sqlite" examples/imr-2016-standard.txt examples/imr-2016-expedited.txt 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -qx "imr2xml: error: $tmp/fails.sqlite: citations: no room" "$tmp/err" &&
	grep -qx "imr2xml: $tmp/fails.sqlite: the letters since the last commit are not in it" "$tmp/err" &&
	grep -qx "imr2xml: $tmp/fails.sqlite: 0 letters added (0 items), 0 there already" "$tmp/err" &&
	[ "$(sql "$tmp/fails.sqlite" 'SELECT count(*) FROM letters; SELECT count(*) FROM items; SELECT count(*) FROM texts' | tr '\n' ' ')" = "1 3 $(sql "$tmp/fails.sqlite" 'SELECT count(*) FROM texts WHERE letter_id = 1') " ] &&
	[ "$(sql "$tmp/fails.sqlite" 'PRAGMA integrity_check')" = ok ] && ok ||
	bad "a failing insert: exit $st: $(cat "$tmp/err")"
# A run that adds nothing writes nothing: FTS5's hashsize, kept in the
# database, is written only when it is not 16 MB already (made so by the
# first run), so the file's bytes, mtime and data_version stay as they were.
"$bin" -q --db "$tmp/still.sqlite" examples/imr-2016-standard.txt 2>/dev/null
[ "$(sql "$tmp/still.sqlite" "SELECT v FROM texts_fts_config WHERE k = 'hashsize'")" = 16777216 ] && ok ||
	bad "hashsize: $(sql "$tmp/still.sqlite" "SELECT v FROM texts_fts_config WHERE k = 'hashsize'")"
cp -p "$tmp/still.sqlite" "$tmp/still.before"
touch -d '2001-01-01 00:00:00' "$tmp/still.sqlite" "$tmp/still.before"
"$bin" --db "$tmp/still.sqlite" examples/imr-2016-standard.txt 2>"$tmp/err"
st=$?
[ $st = 0 ] && grep -qx "imr2xml: $tmp/still.sqlite: 0 letters added (0 items), 1 there already" "$tmp/err" &&
	cmp -s "$tmp/still.sqlite" "$tmp/still.before" &&
	[ "$(stat -c %Y "$tmp/still.sqlite")" = "$(stat -c %Y "$tmp/still.before")" ] && ok ||
	bad "a run that adds nothing wrote the database: exit $st, $(cmp "$tmp/still.sqlite" "$tmp/still.before" 2>&1)"
# One made by an imr2xml that set no hashsize gets it on its next run.
sql "$tmp/still.sqlite" "DELETE FROM texts_fts_config WHERE k = 'hashsize'"
"$bin" -q --db "$tmp/still.sqlite" examples/imr-2016-standard.txt 2>/dev/null
[ "$(sql "$tmp/still.sqlite" "SELECT v FROM texts_fts_config WHERE k = 'hashsize'")" = 16777216 ] && ok ||
	bad "hashsize not set on a database without it"
# A letter that is rejected is no row; the rest are loaded.
printf 'Not a determination at all.\n' >"$tmp/junk.txt"
"$bin" --db "$tmp/mixed.sqlite" "$tmp/junk.txt" examples/imr-2016-standard.txt 2>"$tmp/err"
st=$?
[ $st = 1 ] && [ "$(sql "$tmp/mixed.sqlite" 'SELECT source FROM letters')" = examples/imr-2016-standard.txt ] && ok ||
	bad "a rejected letter among good ones: exit $st, letters: $(sql "$tmp/mixed.sqlite" 'SELECT source FROM letters')"

# A letter cut short is a partial row (complete = 0), or with --no-partial no row.
awk '/MAXIMUS guideline/ && ++n == 2 {exit} {print}' examples/imr-2016-standard.txt >"$tmp/cut.txt"
"$bin" -q --db "$tmp/cut.sqlite" "$tmp/cut.txt" examples/imr-2014-physician.txt 2>/dev/null
st=$?
[ $st = 1 ] && [ "$(sql "$tmp/cut.sqlite" 'SELECT complete FROM letters ORDER BY source' | tr '\n' ' ')" = "0 1 " ] && ok ||
	bad "a letter cut short: exit $st, complete: $(sql "$tmp/cut.sqlite" 'SELECT complete FROM letters ORDER BY source' | tr '\n' ' ')"
"$bin" -q --no-partial --db "$tmp/cut-strict.sqlite" "$tmp/cut.txt" examples/imr-2014-physician.txt 2>/dev/null
st=$?
[ $st = 1 ] && [ "$(sql "$tmp/cut-strict.sqlite" 'SELECT source FROM letters')" = examples/imr-2014-physician.txt ] && ok ||
	bad "--no-partial --db: exit $st, letters: $(sql "$tmp/cut-strict.sqlite" 'SELECT source FROM letters')"

# The ICD codes printed with diagnoses are the code column, the name without them.
sed 's/Diagnoses include tear of the medial meniscus of the right knee, lumbar sprain,/Diagnoses include tear of the medial meniscus of the right knee (S83.211A), lumbar sprain,/' \
	examples/imr-2016-standard.txt >"$tmp/coded.txt"
"$bin" -q --db "$tmp/coded.sqlite" "$tmp/coded.txt" 2>/dev/null
got=$(sql "$tmp/coded.sqlite" "SELECT diagnosis || '=' || coalesce(code, '-') FROM diagnoses ORDER BY rowid" | tr '\n' ';')
[ "$got" = "tear of the medial meniscus of the right knee=S83.211A;lumbar sprain=-;lumbar radiculitis=-;" ] && ok ||
	bad "diagnoses with codes: $got"

# Ctrl-C (and SIGTERM) before the first document: here while the run waits
# for the database, locked by another writer (a sqlite3 shell fed from a
# FIFO holds BEGIN EXCLUSIVE on a database in rollback mode, so the open's
# journal_mode = WAL waits).  The run's handlers are in place already: it
# stops when the lock goes, with status 130, its summary, no letter added,
# a manifest.tsv.partial to resume from and no manifest.tsv.  (Before,
# the signal was lost: a background job ignores SIGINT until the handler
# was installed, after the open, and the run went on to the end.)
for sig in INT TERM; do
	l=$tmp/locked-$sig.sqlite out=$tmp/locked-$sig
	"$bin" -q --db "$l" examples/imr-2016-standard.txt 2>/dev/null
	sql "$l" 'PRAGMA journal_mode = DELETE' >/dev/null
	rm -f "$tmp/lock.fifo" && mkfifo "$tmp/lock.fifo"
	sqlite3 -batch "$l" <"$tmp/lock.fifo" >"$tmp/lock.out" &
	holder=$!
	exec 3>"$tmp/lock.fifo"
	echo "BEGIN EXCLUSIVE; SELECT 'locked';" >&3
	for _ in $(seq 100); do [ -s "$tmp/lock.out" ] && break; sleep 0.05; done
	"$bin" --db "$l" -d "$out" examples 2>"$tmp/err" &
	pid=$!
	# Signalled once it has the database open (and so waits for the lock).
	for _ in $(seq 200); do ls -l /proc/$pid/fd 2>/dev/null | grep -q "$l\$" && break; sleep 0.05; done
	sleep 0.2
	kill -$sig $pid
	echo "COMMIT;" >&3
	exec 3>&-
	wait $holder
	wait $pid
	st=$?
	[ $st = 130 ] && grep -qx "imr2xml: interrupted: $out/manifest.tsv.partial lists what was done; run again with --resume" "$tmp/err" &&
		grep -qx "imr2xml: $l: 0 letters added (0 items), 0 there already" "$tmp/err" &&
		[ "$(sql "$l" 'PRAGMA integrity_check; SELECT count(*) FROM letters' | tr '\n' ' ')" = "ok 1 " ] &&
		[ -f "$out/manifest.tsv.partial" ] && [ ! -e "$out/manifest.tsv" ] && ok ||
		bad "SIG$sig while the database is locked: exit $st: $(cat "$tmp/err")"
	"$bin" -q --resume --db "$l" -d "$out" examples 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && [ -f "$out/manifest.tsv" ] && [ ! -e "$out/manifest.tsv.partial" ] &&
		[ "$(sql "$l" 'SELECT count(*) FROM letters')" = "$(ls examples/*.txt | wc -l)" ] && ok ||
		bad "--resume after SIG$sig before the first document: exit $st: $(cat "$tmp/err")"
done
rm -f "$tmp/lock.fifo"

# Ctrl-C in a run of 1,500 letters (distinct: each its own number of
# blank lines at the end), with -d so that the manifest says how many
# are done: exit 130, the letters done (at least those counted before the
# signal) are in a sound database, and a run again adds the rest and only
# the rest.
mkdir -p "$tmp/many"
for i in $(seq 1500); do
	{ cat examples/imr-2016-standard.txt; head -c "$i" /dev/zero | tr '\0' '\n'; } >"$tmp/many/$i.txt"
done
m=$tmp/many.sqlite
"$bin" -q -j 2 --db "$m" -d "$tmp/manyout" "$tmp/many" 2>"$tmp/err" &
pid=$!
interrupt_after $pid "$tmp/manyout" 5
$hung && bad "SIGINT during --db: the run did not stop in 60 s"
added=$(sed -n "s|^imr2xml: $m: \([0-9]*\) letters added .*|\1|p" "$tmp/err")
[ $st = 130 ] && grep -q "^imr2xml: interrupted: .*run again with --resume$" "$tmp/err" &&
	[ "${added:-0}" -ge "$before" ] && [ "$added" -lt 1500 ] &&
	[ "$(sql "$m" 'PRAGMA integrity_check; SELECT count(*) FROM letters; SELECT count(*) FROM items' | tr '\n' ' ')" = "ok $added $((added * 4)) " ] &&
	ok || bad "SIGINT during --db: exit $st, $added letters added, $before done before the signal: $(tail -2 "$tmp/err")"
"$bin" -q -j 2 --db "$m" "$tmp/many" 2>"$tmp/err"; st=$?
[ $st = 0 ] && grep -q "^imr2xml: $m: $((1500 - added)) letters added ($(((1500 - added) * 4)) items), $added there already$" "$tmp/err" &&
	[ "$(sql "$m" 'PRAGMA integrity_check; SELECT count(*) FROM letters; SELECT count(*) FROM items' | tr '\n' ' ')" = "ok 1500 6000 " ] &&
	sql "$m" "INSERT INTO texts_fts(texts_fts) VALUES ('integrity-check')" && ok ||
	bad "the run after SIGINT: exit $st: $(tail -1 "$tmp/err")"
rm -rf "$tmp/many" "$tmp/manyout"

# ---- (d) schema version 1, migrated --------------------------------------------
# Version 1's schema is version 2's without the ordinal: sha256 UNIQUE.
# A database of it, holding three letters (made as version 2, copied
# table by table), then opened by --db with letters joined in one input.
v1_schema() {
	sed -e 's/^PRAGMA user_version = 2;$/PRAGMA user_version = 1;/' -e 's/^\tsha256 TEXT NOT NULL,$/\tsha256 TEXT NOT NULL UNIQUE,/' \
		-e 's/^\tgenerator TEXT,$/\tgenerator TEXT/' -e '/^\tletter INTEGER NOT NULL DEFAULT 1,$/d' \
		-e '/^\tUNIQUE (sha256, letter)$/d' src/schema.sql
}
v1_copy() { # v2-database v1-database
	local t cols
	v1_schema | sql "$2"
	for t in $(sql "$2" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'texts_fts%'"); do
		cols=$(sql "$2" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t')")
		sql "$2" "ATTACH '$1' AS v2; INSERT INTO $t($cols) SELECT $cols FROM v2.$t"
	done
	sql "$2" "INSERT INTO texts_fts(texts_fts) VALUES ('rebuild')"
}
schema_of() { # database: letters' columns and indexes, the version
	sql "$1" "SELECT * FROM pragma_table_info('letters'); SELECT i.\"unique\", group_concat(c.name) FROM pragma_index_list('letters') i,
		pragma_index_info(i.name) c GROUP BY i.name ORDER BY 2; PRAGMA user_version"
}
singles=(examples/imr-2016-standard.txt examples/imr-2014-claim.txt examples/imr-professional-review-a.txt)
cat "${singles[@]}" >"$tmp/three.txt"
"$bin" -q --db "$tmp/v2.sqlite" "${singles[@]}" 2>/dev/null
v1_copy "$tmp/v2.sqlite" "$tmp/v1.sqlite"
[ "$(sql "$tmp/v1.sqlite" 'PRAGMA user_version; SELECT count(*) FROM letters; SELECT count(*) FROM items' | tr '\n' ' ')" = "1 3 9 " ] &&
	ok || bad "a version 1 database made: $(sql "$tmp/v1.sqlite" 'PRAGMA user_version; SELECT count(*) FROM letters')"
cp "$tmp/v1.sqlite" "$tmp/v1-kept.sqlite"
"$bin" --db "$tmp/v1.sqlite" "$tmp/three.txt" 2>"$tmp/err"
st=$?
[ $st = 0 ] && grep -qx "imr2xml: $tmp/v1.sqlite: 3 letters added (9 items), 0 there already" "$tmp/err" && ok ||
	bad "--db on a version 1 database: exit $st: $(tail -2 "$tmp/err")"
# The table as a new database has it (columns, key, indexes), every row
# kept, the keys and the index whole.
"$bin" -q --db "$tmp/new.sqlite" examples/imr-2016-expedited.txt 2>/dev/null
if diff <(schema_of "$tmp/new.sqlite") <(schema_of "$tmp/v1.sqlite") >"$tmp/diff"; then ok; else
	bad "the migrated letters table is not schema.sql's: $(head -5 "$tmp/diff")"
fi
[ "$(sql "$tmp/v1.sqlite" "SELECT group_concat(letter || ':' || items, ' ') FROM (SELECT * FROM letters ORDER BY id); SELECT count(*) FROM items;
	SELECT count(DISTINCT sha256) FROM letters; PRAGMA foreign_key_check; PRAGMA integrity_check" | tr '\n' ' ')" = "1:4 1:4 1:1 1:4 2:4 3:1 18 4 ok " ] &&
	sql "$tmp/v1.sqlite" "INSERT INTO texts_fts(texts_fts) VALUES ('integrity-check')" && ok ||
	bad "the migrated database's rows: $(sql "$tmp/v1.sqlite" 'SELECT id, letter, items FROM letters; PRAGMA foreign_key_check' | tr '\n' ' ')"
q="SELECT count(*) FROM texts_fts WHERE texts_fts MATCH '\"delivery truck\"'"
[ "$(sql "$tmp/v1.sqlite" "$q")" = 2 ] && ok || bad "full-text search in the migrated database: $(sql "$tmp/v1.sqlite" "$q")"
# Deleting a letter deletes its rows (the items' key points at the new table).
[ "$(sql "$tmp/v1.sqlite" "PRAGMA foreign_keys = ON; DELETE FROM letters WHERE id = 1; SELECT count(*) FROM items; SELECT count(*) FROM texts WHERE letter_id = 1" | tr '\n' ' ')" = "14 0 " ] &&
	ok || bad "the migrated database: a letter's delete does not cascade"
"$bin" --db "$tmp/v1.sqlite" "$tmp/three.txt" 2>"$tmp/err"
grep -qx "imr2xml: $tmp/v1.sqlite: 0 letters added (0 items), 3 there already" "$tmp/err" && ok ||
	bad "a second run on the migrated database: $(tail -1 "$tmp/err")"
# --db-merge: a version 1 IN is read as it is (and left so), a version 1
# OUT migrated; the joined letters merge with their ordinals.
"$bin" -q --db "$tmp/joined.sqlite" "$tmp/three.txt" 2>/dev/null
cp "$tmp/v1-kept.sqlite" "$tmp/v1-out.sqlite"
"$bin" --db-merge "$tmp/v1-out.sqlite" "$tmp/joined.sqlite" 2>"$tmp/err" &&
	"$bin" --db-merge "$tmp/merged2.sqlite" "$tmp/v1-kept.sqlite" "$tmp/joined.sqlite" 2>>"$tmp/err" && ok ||
	bad "--db-merge with version 1 databases: $(cat "$tmp/err")"
for m in v1-out merged2; do
	[ "$(sql "$tmp/$m.sqlite" "PRAGMA user_version; SELECT group_concat(letter || ':' || items, ' ') FROM (SELECT * FROM letters ORDER BY id);
		SELECT count(*) FROM items; PRAGMA foreign_key_check" | tr '\n' ' ')" = "2 1:4 1:4 1:1 1:4 2:4 3:1 18 " ] &&
		ok || bad "--db-merge into $m: $(sql "$tmp/$m.sqlite" 'PRAGMA user_version; SELECT id, letter, items FROM letters' | tr '\n' ' ')"
done
[ "$(sql "$tmp/v1-kept.sqlite" 'PRAGMA user_version')" = 1 ] && ok || bad "--db-merge changed its version 1 input"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
