# pagebreak-in-title.awk - the text of a letter with a page break, blank
# lines around it, inside every wrapped item title (between a title's
# last line, "...: Upheld", and the line before it when that line does not
# end a sentence), as PDFBox and Tika put them.  Prints how many it made
# on stderr.
{ line[NR] = $0 }
END {
	for (i = 1; i <= NR; i++) {
		print line[i]
		if (i < NR && line[i + 1] ~ /: *(Upheld|Overturned|UPHELD|OVERTURNED) *$/ &&
		    line[i] !~ /[.:] *$/ && line[i] ~ /[a-z0-9]/) {
			print ""; print "\f"; print ""; n++
		}
	}
	print n + 0 > "/dev/stderr"
}
