#!/usr/bin/env bash
# pdf.sh BIN TMP FACTCHECK MKPDF PAGES - PDF input: the published letters
# in ../shared/real/pdf against their text, PDFs made here from our
# examples (tests/mkpdf.c) against the examples' facts, and every refusal
# with a PDF made for it.  Nothing here is a committed binary.  Prints
# FAIL lines and "N passed, N failed".
set -u
bin=$1 tmp=$2 factcheck=$3 mkpdf=$4 pages=$5
mkdir -p "$tmp"
xsd=xsd/determination.xsd
shared=../shared/real
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL pdf: %s\n' "$*"; }

# The XML without what may differ between a PDF and its text: the lines
# and pages (of the text as extracted), the paragraphs, and the input's
# name and digest.
facts_of() { sed -E -e 's/ (line|page)="[0-9]*"//g' -e 's/ source="[^"]*"//' -e 's/ sha256="[^"]*"//' -e '/^ *<p>.*<\/p>$/d' "$1"; }

# A PDF that must convert: exit 0 with --verify, valid by xmllint, its
# facts; then the same facts as the XML of its text (if given).
converts() { # name pdf facts [text.xml]
	local name=$1 pdf=$2 facts=$3 ref=${4:-}
	"$bin" --verify "$pdf" >"$tmp/out.xml" 2>"$tmp/err"
	local st=$?
	if [ $st != 0 ]; then bad "$name: exit $st: $(head -3 "$tmp/err")"; return 1; fi
	if [ -s "$tmp/err" ]; then
		bad "$name: diagnostics: $(head -3 "$tmp/err")"; return 1
	fi
	if ! xmllint --noout --nonet --schema "$xsd" "$tmp/out.xml" 2>"$tmp/xerr"; then
		bad "$name: xmllint rejects the XML: $(head -3 "$tmp/xerr")"; return 1
	fi
	if ! "$factcheck" "$tmp/out.xml" "$facts" 2>"$tmp/ferr"; then
		bad "$name: facts"; head -20 "$tmp/ferr"; return 1
	fi
	if [ -n "$ref" ] && ! diff <(facts_of "$ref") <(facts_of "$tmp/out.xml") >"$tmp/diff"; then
		bad "$name: issues, services, decisions, citations or dates differ from the text's"
		head -10 "$tmp/diff"; return 1
	fi
	ok
}

# A refusal: exit status 1, the message, nothing written.
refused() { # name message args...
	local name=$1 msg=$2; shift 2
	rm -f "$tmp/o.xml"
	"$bin" "$@" -o "$tmp/o.xml" >"$tmp/out" 2>"$tmp/err"
	local st=$?
	if [ $st != 1 ]; then bad "$name: exit $st, want 1: $(head -3 "$tmp/err")"; return; fi
	if ! grep -qF -- "$msg" "$tmp/err"; then bad "$name: stderr lacks '$msg': $(head -3 "$tmp/err")"; return; fi
	if [ -e "$tmp/o.xml" ] || [ -s "$tmp/out" ]; then bad "$name: something was written"; return; fi
	ok
}

echo "== the published letters: PDF against text"
if [ -d "$shared/pdf" ]; then
	for pdf in "$shared"/pdf/*.pdf; do
		n=$(basename "$pdf" .pdf)
		"$bin" "$shared/txt/$n.txt" >"$tmp/txt.xml" 2>/dev/null
		converts "$n.pdf" "$pdf" "tests/facts/real/$n.facts" "$tmp/txt.xml" || continue
		# The paragraphs too, but for the hyphens that end lines: pdftotext
		# drops them ("follow-" / "up" becomes "followup", "11-17-" /
		# "2016" becomes "11-172016"), poppler's text keeps them.
		nohyphen() { sed -E -e 's/ (line|page)="[0-9]*"//g' -e 's/ source="[^"]*"//' -e 's/ sha256="[^"]*"//' "$1" | tr -d -- -; }
		if diff <(nohyphen "$tmp/txt.xml") <(nohyphen "$tmp/out.xml") >/dev/null; then ok; else
			bad "$n.pdf: paragraphs differ from the text's beyond hyphens"
		fi
	done
	# Batch mode over PDFs counts their pages (pdfinfo's count, summed here).
	want=0
	for pdf in "$shared"/pdf/*.pdf; do want=$((want + $(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}'))); done
	"$bin" -q -d "$tmp/pdfbatch" "$shared/pdf" 2>"$tmp/err"
	grep -qE "16 documents: 16 converted, .*, $want pages in [0-9.]+ s, [0-9]+ documents/s, [0-9]+ pages/s" "$tmp/err" && ok ||
		bad "batch summary of the PDFs ($want pages): $(tail -1 "$tmp/err")"
	if "$pages" "$shared/pdf/CM16-0234464.pdf" 4 >"$tmp/pages.log"; then ok; else
		bad "page index of a real PDF"; grep FAIL "$tmp/pages.log"
	fi
else
	echo "NOTICE: $shared/pdf is absent: the published PDFs are not tested"
fi

echo "== PDFs made from the examples"
for txt in examples/*.txt; do
	n=$(basename "$txt" .txt)
	"$mkpdf" <"$txt" >"$tmp/$n.pdf"
	converts "$n (made PDF)" "$tmp/$n.pdf" "tests/facts/examples/$n.facts" "${txt%.txt}.xml"
done
std=$tmp/imr-2016-standard.pdf
if "$pages" >"$tmp/pages.log" && "$pages" "$std" 3 >>"$tmp/pages.log"; then ok; else
	bad "page index"; grep FAIL "$tmp/pages.log"
fi
"$bin" "$std" >"$tmp/file.xml" 2>/dev/null
if "$bin" --source-name "$std" <"$std" 2>/dev/null | cmp -s - "$tmp/file.xml"; then ok; else bad "a PDF on stdin"; fi
if "$bin" --source-name "$std" - <"$std" 2>/dev/null | cmp -s - "$tmp/file.xml"; then ok; else bad "a PDF on stdin (-)"; fi
cp "$std" "$tmp/letter-without-suffix"
if "$bin" --source-name "$std" "$tmp/letter-without-suffix" 2>/dev/null | cmp -s - "$tmp/file.xml"; then ok; else
	bad "a PDF is known by its content, not its name"
fi
if "$bin" --dump-ast "$std" 2>/dev/null | grep -q 'issue'; then ok; else bad "--dump-ast of a PDF"; fi
# Page furniture: a footer on every page and the case number atop each
# page after the first; removed, the facts unchanged.
awk '/^\f./ {print "Page " ++p " of 3"; sub(/^\f/, "\fCM16-0243517\n")} {print}' \
	examples/imr-2016-standard.txt >"$tmp/furniture.txt"
"$mkpdf" <"$tmp/furniture.txt" >"$tmp/furniture.pdf"
converts "page furniture" "$tmp/furniture.pdf" tests/facts/examples/imr-2016-standard.facts \
	examples/imr-2016-standard.xml
if grep -q 'Page [0-9] of 3' "$tmp/out.xml"; then bad "page footer kept in the XML"; else ok; fi
"$bin" "$tmp/furniture.txt" >"$tmp/furniture.xml" 2>/dev/null
for x in "$tmp/out.xml" "$tmp/furniture.xml"; do
	if [ "$(grep -c CM16-0243517 "$x")" = 1 ]; then ok; else
		bad "the case number atop each page is kept in ${x##*/}: $(grep -c CM16-0243517 "$x") times"
	fi
done
# Encrypted without a user password (as the published letters are): read.
qpdf --encrypt "" owner 256 -- "$std" "$tmp/owner.pdf"
converts "encrypted, no password needed" "$tmp/owner.pdf" tests/facts/examples/imr-2016-standard.facts \
	examples/imr-2016-standard.xml

echo "== refusals"
qpdf --encrypt secret owner 256 -- "$std" "$tmp/encrypted.pdf"
refused "encrypted with a password" "encrypted.pdf: error: the PDF is encrypted and needs a password" \
	"$tmp/encrypted.pdf"
"$mkpdf" --image <examples/imr-2016-standard.txt >"$tmp/scan.pdf"
refused "image-only" "scan.pdf: error: the PDF has no text layer" "$tmp/scan.pdf"
head -c "$(($(wc -c <"$std") / 2))" "$std" >"$tmp/truncated.pdf"
refused "truncated" "truncated.pdf: error: damaged PDF: it does not end with %%EOF" "$tmp/truncated.pdf"
printf '%%PDF-1.4\n1 0 obj <</Type /Catalog\n%%%%EOF\n' >"$tmp/damaged.pdf"
refused "damaged" "damaged.pdf: error: damaged PDF, poppler cannot read it" "$tmp/damaged.pdf"
printf 'Dear Sir,\nPlease find enclosed the invoice for March.\n' | "$mkpdf" >"$tmp/invoice.pdf"
refused "not a determination" "invoice.pdf: error: not an IMR Final Determination" "$tmp/invoice.pdf"
"$mkpdf" --pages 301 </dev/null >"$tmp/thick.pdf"
refused "too many pages" "thick.pdf: error: the PDF has 301 pages, more than the limit of 300 (see --max-pages)" \
	"$tmp/thick.pdf"
refused "--max-pages" "the PDF has 3 pages, more than the limit of 2" --max-pages=2 "$std"
refused "--max-size, the PDF's bytes" "input is $(wc -c <"$std" | tr -d ' ') bytes, more than the limit of 1000" \
	--max-size=1000 "$std"
# Much text in few bytes (compressed streams): the text is bounded too.
yes 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.' | head -12000 | "$mkpdf" >"$tmp/plain.pdf"
qpdf --compress-streams=y "$tmp/plain.pdf" "$tmp/dense.pdf"
refused "--max-size, the PDF's text" "more than the limit of 200000 (see --max-size)" --max-size=200000 \
	"$tmp/dense.pdf"
"$bin" --max-pages=0 "$std" >/dev/null 2>"$tmp/err"
if [ $? = 2 ] && grep -q 'not a positive number of pages' "$tmp/err"; then ok; else bad "--max-pages=0 is a usage error"; fi

echo "== batch mode with PDFs"
rm -rf "$tmp/batch"
"$bin" -q -j 2 -d "$tmp/batch" "$std" "$tmp/scan.pdf" examples/imr-2014-physician.txt 2>"$tmp/err"
st=$?
m=$tmp/batch/manifest.tsv
if [ $st = 1 ] && [ "$(cut -f2 "$m" | tail -n +2 | tr '\n' ' ')" = "ok rejected ok " ]; then ok; else
	bad "batch: exit $st, manifest: $(cut -f1,2 "$m" 2>/dev/null | tr '\n' ' ')"
fi

echo "$pass passed, $fail failed"
