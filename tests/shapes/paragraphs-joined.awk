# paragraphs-joined.awk - a viewer's copy, text flattened from a web page:
# the lines of each paragraph (the non-blank lines between blank lines)
# joined by single spaces, leading blanks gone.
#   awk -v ff=keep: a form feed stays where it was, inside the joined line
#                   (a page break mid-paragraph);
#       -v ff=drop: (the default) page breaks are blank lines.
{ sub(/\r$/, "") }
ff != "keep" { gsub(/\f/, "\n") ; n = split($0, piece, "\n") } 
ff == "keep" { n = 1; piece[1] = $0 }
{
	for (i = 1; i <= n; i++) {
		s = piece[i]
		sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s)
		if (s == "" || s == "\f") { flush(); continue }
		para = para (para == "" ? "" : " ") s
	}
}
END { flush() }
function flush() { if (para != "") print para; para = ""; }
