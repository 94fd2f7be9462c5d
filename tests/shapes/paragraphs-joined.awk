# paragraphs-joined.awk - a viewer's copy, text flattened from a web page:
# the lines of each paragraph joined by single spaces, leading blanks gone.
#   awk -v join=paragraph: a paragraph is the lines between blank lines; a
#                          page break (a form feed) stays where it was, inside
#                          the joined line when it falls mid-paragraph;
#       -v join=blank:     the same, a page break a blank line;
#       -v join=page:      every line of a page joined into one.
{ sub(/\r$/, "") }
join == "page" || join == "blank" {
	n = split($0, piece, "\f")
	for (i = 1; i <= n; i++) {
		if (i > 1)
			flush()
		add(piece[i], join == "blank")
	}
	next
}
{ add($0, 1) }
END { flush() }
function add(s, blank_ends) {
	sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s)
	if (s == "" || s == "\f") {
		if (blank_ends)
			flush()
		return
	}
	para = para (para == "" ? "" : " ") s
}
function flush() { if (para != "") print para; para = "" }
