# heading-shares-line.awk - a heading run into the text beside it, as
# text flattened from a web page or a viewer's copy has it.
#   awk -v mode=before: each heading alone on its line joins the end of the
#                       last line of text before it (blank lines between go);
#       -v mode=after:  the first line of text after it joins the heading.
# Prints the text; the number of headings moved goes to stderr.
BEGIN {
	heading = "^(HOW THE IMR FINAL DETERMINATION WAS MADE|CLINICAL CASE SUMMARY|" \
	          "IMR ISSUES, DECISIONS AND RATIONALES|DOCUMENTS REVIEWED|IMR DECISION\\(S\\) AND RATIONALE\\(S\\))$"
}
{ sub(/\r$/, "") }
mode == "before" {
	if ($0 ~ heading && n > 0 && last > 0) {
		line[last] = line[last] " " $0
		n = last # the blank lines between go
		moved++
		next
	}
	line[++n] = $0
	# (not onto page furniture, which normalization empties only alone)
	if ($0 ~ /[^ \f]/ && $0 !~ /^[ \f]*(CM[0-9][0-9]-[0-9]+|Page [0-9]+( of [0-9]+)?)[ ]*$/)
		last = n
	next
}
mode == "after" {
	if (pending != "" && $0 ~ /[^ \f]/) {
		print pending " " $0
		pending = ""
		moved++
		next
	}
	if (pending != "")
		next # blank lines between go
	if ($0 ~ heading) {
		pending = $0
		next
	}
	print
}
END {
	if (mode == "before")
		for (i = 1; i <= n; i++)
			print line[i]
	else if (pending != "")
		print pending
	print moved + 0 >"/dev/stderr"
}
