# page.awk - a letter's text as an HTML page written by hand, whose text
# (html.c) is the letter's lines one for one: a head with a title, a
# style block and a script that holds letter-like text (none of which is
# shown), a comment; each paragraph (a run of lines with text) a <p>, its
# lines ended by <br> mid-paragraph and its words broken over the
# source's lines at their spaces, with an indent (white space a browser
# collapses); a blank line a <br> of its own; a form feed (a page break)
# an <hr>; "&", "<", ">" as entities, "'" as &#39;, and a no-break space
# as &nbsp; before every "Date".
BEGIN {
	print "<!DOCTYPE html>"
	print "<HTML lang=\"en\"><head><meta charset=\"utf-8\"><title>Case Number: CM00-0000000</title>"
	print "<style>\np { margin: 0 }\n/* Decision Date: 01/01/2000 */\n</style>"
	print "<script>document.title = \"<p>Priority: Expedited</p>\";</script>"
	print "</head><body><!-- Page 1 -->"
	open = 0
}
function escaped(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	gsub(/'/, "\\&#39;", s)
	gsub(/ Date/, "\\&nbsp;Date", s)
	gsub(/ /, "\n    ", s)
	return s
}
{
	line = $0
	if (substr(line, 1, 1) == "\f") {
		if (open)
			print "</p>"
		print "<hr>"
		open = 0
		line = substr(line, 2)
	}
	if (line == "") {
		if (open)
			print "</p>"
		print "<br>"
		open = 0
		next
	}
	if (!open)
		printf "<p>"
	open = 1
	print escaped(line) "<br>"
}
END {
	if (open)
		print "</p>"
	print "</body></HTML>"
}
