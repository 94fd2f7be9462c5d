#!/usr/bin/env bash
# hostile.sh BIN TMP - messy and hostile input: every case converts to
# valid XML or is refused with exit 1 and a diagnostic naming its line.
# The inputs are made here from our own examples.  Prints FAIL lines and
# "N passed, N failed".
set -u
bin=$1 tmp=$2
mkdir -p "$tmp"
xsd=xsd/determination.xsd
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL hostile: %s\n' "$*"; }
base=examples/imr-2016-standard.txt
golden=examples/imr-2016-standard.xml
issues() { grep -c '<issue ' "$1"; }
services() { grep -o '<service>[^<]*' "$1"; }

# A variant of the example must convert (exit 0), validate, keep the
# example's items, and print a diagnostic containing $3 (if given).
converts() { # name input [stderr-substring]
	if ! "$bin" "$2" >"$tmp/out.xml" 2>"$tmp/err"; then
		bad "$1: exit $?: $(head -2 "$tmp/err")"; return
	fi
	if ! xmllint --noout --nonet --schema "$xsd" "$tmp/out.xml" 2>/dev/null; then
		bad "$1: invalid XML"; return
	fi
	if [ "$(services "$tmp/out.xml")" != "$(services "$golden")" ]; then
		bad "$1: items differ from the example's"; return
	fi
	if [ -n "${3:-}" ] && ! grep -qF -- "$3" "$tmp/err"; then
		bad "$1: stderr lacks '$3': $(head -2 "$tmp/err")"; return
	fi
	ok
}

sed 's/$/\r/' "$base" >"$tmp/crlf.txt"
converts "CRLF line endings" "$tmp/crlf.txt"
tr '\n' '\r' <"$base" >"$tmp/cr.txt"
converts "lone CR line endings" "$tmp/cr.txt"
# Page furniture: form feeds with a footer and a repeated case number,
# one of them inside an item's rationale.
awk '{print} NR==40 || NR==85 {print "Page " ++p " of 3"; printf "\fCM16-0243517\n"}' "$base" >"$tmp/ff.txt"
converts "form feeds and page furniture" "$tmp/ff.txt"
if "$bin" "$tmp/ff.txt" 2>/dev/null | grep -q 'Page 1 of 3'; then bad "page footer kept in the XML"; else ok; fi
# Windows-1252 smart quotes and dashes.
sed '30s/$/ \x93quoted\x94 \x96 dash/' "$base" >"$tmp/cp1252.txt"
converts "Windows-1252 bytes" "$tmp/cp1252.txt" "cp1252.txt:30: warning: input is not valid UTF-8: 3 byte(s) read as Windows-1252"
if "$bin" "$tmp/cp1252.txt" 2>/dev/null | grep -q '“quoted” – dash'; then ok; else bad "Windows-1252 not decoded to UTF-8"; fi
# NUL and other control characters that XML forbids.
sed '31s/$/ a\x01b\x00c\x1b/' "$base" >"$tmp/nul.txt"
converts "NUL and control bytes" "$tmp/nul.txt" "nul.txt:31: warning: 3 control character(s) that XML forbids replaced by spaces"
printf '\xef\xbb\xbf' | cat - "$base" >"$tmp/bom.txt"
converts "byte order mark" "$tmp/bom.txt"
sed 's/ /\t/3; s/ /\xc2\xa0/5' "$base" >"$tmp/tabs.txt"
converts "tabs and no-break spaces" "$tmp/tabs.txt"

# Truncated mid-item: refused, nothing written; --partial writes valid XML.
awk '/MAXIMUS guideline/ && ++n == 3 {exit} {print}' "$base" >"$tmp/cut.txt"
lines=$(wc -l <"$tmp/cut.txt" | tr -d ' ')
rm -f "$tmp/cut.xml"
"$bin" -o "$tmp/cut.xml" "$tmp/cut.txt" 2>"$tmp/err"; st=$?
[ $st = 1 ] && [ ! -e "$tmp/cut.xml" ] && grep -q "cut.txt:$lines:[0-9]*: error: syntax error, unexpected end of file" "$tmp/err" && ok ||
	bad "truncated: exit $st, $(head -1 "$tmp/err")"
"$bin" --partial -o "$tmp/cut.xml" "$tmp/cut.txt" 2>/dev/null; st=$?
[ $st = 1 ] && xmllint --noout --nonet --schema "$xsd" "$tmp/cut.xml" 2>/dev/null &&
	grep -q 'complete="false"' "$tmp/cut.xml" && grep -q '<unparsed line="[0-9]*"[^>]*>Claims Administrator guideline:' "$tmp/cut.xml" &&
	[ "$(issues "$tmp/cut.xml")" = 3 ] && ok || bad "--partial on a truncated document (exit $st)"
# A broken item in the middle: recovery resumes at the next item.
awk '/MAXIMUS guideline/ && ++n == 2 {next} {print}' "$base" >"$tmp/hole.txt"
"$bin" --partial "$tmp/hole.txt" >"$tmp/hole.xml" 2>"$tmp/err"; st=$?
[ $st = 1 ] && [ "$(issues "$tmp/hole.xml")" = 4 ] && [ "$(grep -c 'complete="false"' "$tmp/hole.xml")" = 2 ] &&
	xmllint --noout --nonet --schema "$xsd" "$tmp/hole.xml" 2>/dev/null && ok ||
	bad "recovery at the next item (exit $st, $(issues "$tmp/hole.xml") issues)"
# Nothing lost: what was not understood is in <unparsed>.
for f in cut hole; do
	"$bin" --partial --verify "$tmp/$f.txt" >/dev/null 2>"$tmp/err"
	grep -q "verify:" "$tmp/err" && bad "--partial --verify on $f: $(grep verify: "$tmp/err")" || ok
done
awk '{print} /Decision rationale/ && ++n == 4 {exit}' "$base" >"$tmp/midsentence.txt"
echo "the rationale stops here and" >>"$tmp/midsentence.txt"
"$bin" --check "$tmp/midsentence.txt" 2>"$tmp/err"
grep -q "warning: the letter ends mid-sentence: a truncated download or extraction (\"the rationale stops here and\") \[letter-truncated\]" "$tmp/err" && ok || bad "no truncation warning: $(cat "$tmp/err")"

# Limits and pathological shapes: refused or converted, never hung.
head -c 17000000 /dev/zero | tr '\0' 'a' >"$tmp/huge.txt"
"$bin" "$tmp/huge.txt" >/dev/null 2>"$tmp/err"; st=$?
[ $st = 1 ] && grep -q "input is 17000000 bytes, more than the limit of 16777216" "$tmp/err" && ok || bad "over the size limit: exit $st"
{ head -20 "$base"; head -c 10000000 /dev/zero | tr '\0' 'w'; echo; tail -n +21 "$base"; } >"$tmp/longline.txt"
timeout 60 "$bin" --check "$tmp/longline.txt" 2>/dev/null; st=$?
[ $st = 0 ] && ok || bad "a 10 MB line: exit $st"
{ head -40 "$base"; yes '' | head -1000000; tail -n +41 "$base"; } >"$tmp/blanks.txt"
timeout 60 "$bin" --check "$tmp/blanks.txt" 2>/dev/null; st=$?
[ $st = 0 ] && ok || bad "a million blank lines: exit $st"
{ cat "$base"; for _ in $(seq 20000); do echo "IMR ISSUES, DECISIONS AND RATIONALES"; done; } >"$tmp/headings.txt"
timeout 60 "$bin" --check "$tmp/headings.txt" 2>"$tmp/err"; st=$?
[ $st = 1 ] && grep -q "error: syntax error, unexpected heading IMR ISSUES" "$tmp/err" && ok || bad "repeated headings: exit $st"

# Reading XML never fetches, loads a DTD or expands entities.
cat >"$tmp/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE determination [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<determination xmlns="urn:imr2xml:determination:1" variant="imr-2014">&secret;</determination>
XML
"$bin" --validate "$tmp/xxe.xml" >/dev/null 2>"$tmp/err"; st=$?
[ $st = 1 ] && ! grep -q 'root:' "$tmp/err" && grep -q "xxe.xml:[0-9]*: error:" "$tmp/err" && ok || bad "external entity: exit $st"
{ echo '<?xml version="1.0"?>'; echo '<!DOCTYPE d ['; echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">';
  p=a; for n in b c d e f g h i j; do echo "<!ENTITY $n \"&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;\">"; p=$n; done
  echo ']>'; echo "<determination xmlns=\"urn:imr2xml:determination:1\" variant=\"imr-2014\">&j;</determination>"; } >"$tmp/bomb.xml"
timeout 30 "$bin" --validate "$tmp/bomb.xml" >/dev/null 2>"$tmp/err"; st=$?
[ $st = 1 ] && [ "$(wc -c <"$tmp/err")" -lt 100000 ] && ok || bad "entity expansion bomb: exit $st"
cat >"$tmp/netdtd.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE determination SYSTEM "http://203.0.113.1/evil.dtd">
<determination xmlns="urn:imr2xml:determination:1" variant="imr-2014"/>
XML
timeout 30 "$bin" --validate "$tmp/netdtd.xml" >/dev/null 2>"$tmp/err"; st=$?
[ $st = 1 ] && grep -q "netdtd.xml:3: error: Element '{urn:imr2xml:determination:1}determination': Missing child element" "$tmp/err" && ok ||
	bad "DTD on the network: exit $st: $(head -2 "$tmp/err")"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
