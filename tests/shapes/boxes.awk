# boxes.awk - a letter's text as tesseract writes a page's words in its
# tsv output (tesseract IMAGE OUT tsv): a row per page (level 1), block
# (2), paragraph (3), line (4) and word (5), each with a box (made up
# here: the word's column and line), its confidence and its text.  A
# form feed opens a page, a blank line a block and its paragraph, each
# line of text a line, its words split at blanks.
#   awk -f tests/shapes/boxes.awk letter.txt >letter.tsv
BEGIN {
	OFS = "\t"
	print "level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height", "conf", "text"
	page = 1; block = 0; par = 0; open = 0
	print 1, page, 0, 0, 0, 0, 0, 0, 2550, 3300, -1, ""
}
{
	if (sub(/^\f/, "")) {
		page++; block = 0; open = 0
		print 1, page, 0, 0, 0, 0, 0, 0, 2550, 3300, -1, ""
	}
	if ($0 ~ /^[ \t]*$/) { open = 0; next }
	if (!open) {
		block++; line = 0; open = 1
		print 2, page, block, 0, 0, 0, 100, NR * 40, 2000, 40, -1, ""
		print 3, page, block, 1, 0, 0, 100, NR * 40, 2000, 40, -1, ""
	}
	line++
	print 4, page, block, 1, line, 0, 100, NR * 40, 2000, 40, -1, ""
	n = split($0, w, /[ \t]+/); k = 0
	for (i = 1; i <= n; i++)
		if (w[i] != "")
			print 5, page, block, 1, line, ++k, 100 + 60 * i, NR * 40, 50, 30, 96.5, w[i]
}
