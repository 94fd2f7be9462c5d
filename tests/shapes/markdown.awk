# markdown.awk - a letter's text as a PDF-to-Markdown converter writes it for
# an LLM pipeline (pymupdf4llm, docling, marker, markitdown):
#   - a heading (a line in capitals) prefixed "# " (the first) or "## ";
#   - the header table (-layout text: cells two blanks apart or more) as a
#     pipe table, its first row the table's head and a "|---|" rule after
#     it, a cell's wrapped line joined with "<br>" (-v br=1) or a blank;
#   - the labels the PDF sets in bold (the header's, a section's line
#     labels, an item's title before its decision) between -v em marks
#     ("**" by default; "*", "_", "__");
#   - Markdown's own characters escaped in text ("\*", "\_", "\[", a line
#     opening "\-", "\#", "1\." ...), & < > as entities with -v ent=1;
#   - bullets ("•", "●", "-") as "- ";
#   - the logo a "<!-- image -->" placeholder (-v image=1);
#   - paragraphs one line each (-v join=1) or their lines kept;
#   - a page break a "-----" rule (-v pages=rule) or nothing (drop).
BEGIN {
	if (em == "") em = "**"
	if (pages == "") pages = "rule"
	header = 1; nrows = 0; first_heading = 1
	n = split("Claims Administrator guideline:|MAXIMUS guideline:|Decision rationale:|State(s) of Licensure:|Certification(s)/Specialty:|The Expert Reviewer has the following credentials:|Medical Qualifications of the Expert Reviewer:|Case Summary:|Expert Reviewer Case Summary:|Rationale Used by the Expert Reviewer:|Medical Treatment Guideline(s) Used by the Claims Administrator:|Medical Treatment Guideline(s) Used by the Expert Reviewer:|Medical Treatment Guidelines Used by the Claims Administrator:|Medical Treatment Guidelines Used by the Expert Reviewer:", labels, "|")
	if (image)
		print "<!-- image -->\n"
}
{ sub(/\r$/, "") }
# A page break: what the converter makes of it.
/\f/ {
	gsub(/\f/, "")
	flush()
	if (pages == "rule") {
		end_table()
		print "\n-----\n"
	}
	if ($0 ~ /^ *$/) next
}
{
	line = $0
	trimmed = line; sub(/^ +/, "", trimmed); sub(/ +$/, "", trimmed)
	if (trimmed == "") { end_table(); flush(); blank(); next }
	if (heading(trimmed)) {
		end_table(); flush()
		header = 0
		print (first_heading ? "# " : "## ") escape(trimmed) "\n"
		first_heading = 0
		next
	}
	if (header && cells(line) >= 2) { row(line); next }
	if (header && nrows && line ~ /^   / && cells(line) >= 1) { cont(line); next }
	end_table()
	if (header && trimmed ~ /:$/) { flush(); print em escape(trimmed) em "\n"; next }
	text(trimmed)
}
END { end_table(); flush() }

function heading(s) {
	return s ~ /[A-Z][A-Z][A-Z].* [A-Z]/ && s !~ /[a-z]/ && s !~ /^CM[0-9][0-9]-/ && length(s) >= 12
}
# The cells of a -layout line: runs two blanks apart or more, with their columns.
function cells(s,    rest, off, k) {
	nc = 0; off = 0; rest = s
	while (match(rest, /[^ ]+( [^ ]+)*/)) {
		nc++
		cell[nc] = substr(rest, RSTART, RLENGTH); col[nc] = off + RSTART
		off += RSTART + RLENGTH - 1; rest = substr(rest, RSTART + RLENGTH)
	}
	return nc
}
function row(s,    k) {
	nrows++
	ncol[nrows] = nc
	for (k = 1; k <= nc; k++) { t[nrows, k] = cell[k]; tc[nrows, k] = col[k] }
	if (nc > width) width = nc
}
# A wrapped cell's next line: joined to the cell above it.
function cont(s,    k, j, best) {
	for (k = 1; k <= nc; k++) {
		best = 1
		for (j = 1; j <= ncol[nrows]; j++)
			if (tc[nrows, j] <= col[k] + 2) best = j
		t[nrows, best] = t[nrows, best] (br ? "<br>" : " ") cell[k]
	}
}
function end_table(    r, k, out) {
	if (!nrows) return
	flush()
	for (r = 1; r <= nrows; r++) {
		out = "|"
		for (k = 1; k <= width; k++)
			out = out " " (k <= ncol[r] ? cellmark(t[r, k]) : "") " |"
		print out
		if (r == 1) {
			out = "|"
			for (k = 1; k <= width; k++) out = out "---|"
			print out
		}
	}
	print ""
	nrows = 0; width = 0
}
function cellmark(s) {
	s = escape(s); gsub(/\|/, "\\|", s)
	return s ~ /:$/ || s ~ /:<br>/ ? em s em : s
}
function text(s,    i, lab, k, rest) {
	if (s ~ /^[•●▪] */) { flush(); sub(/^[•●▪] */, "", s); para = "- " escape(s); return }
	lab = ""
	for (k = 1; k <= n; k++)
		if (index(s, labels[k]) == 1) { lab = labels[k]; break }
	if (lab != "") {
		rest = substr(s, length(lab) + 1)
		s = em escape(lab) em escape(rest)
	} else if (match(s, /: (Upheld|Overturned|UPHELD|OVERTURNED)$/)) {
		i = RSTART
		s = em escape(substr(s, 1, i)) em escape(substr(s, i + 1))
	} else {
		s = escape(s)
		sub(/^\\?-( |$)/, "\\- ", s)
	}
	if (join) { para = para (para == "" ? "" : " ") s; return }
	print s
}
function escape(s) {
	gsub(/\\/, "\\\\", s)
	if (ent) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s) }
	gsub(/\*/, "\\*", s); gsub(/_/, "\\_", s); gsub(/\[/, "\\[", s); gsub(/\]/, "\\]", s)
	gsub(/`/, "\\`", s)
	if (s ~ /^#/) s = "\\" s
	if (s ~ /^[-+] /) s = "\\" s
	if (s ~ /^>/ && !ent) s = "\\" s
	if (match(s, /^[0-9]+[.)]/) && (length(s) == RLENGTH || substr(s, RLENGTH + 1, 1) == " "))
		s = substr(s, 1, RLENGTH - 1) "\\" substr(s, RLENGTH)
	return s
}
function flush() { if (para != "") print para "\n"; para = "" }
function blank() { if (!join) print "" }
