# hyphenate.awk - the text of a letter as a viewer or an OCR'd printed
# copy hyphenates it: the last word of every long line (more than 60
# characters, more than three words; the word all letters and longer than
# seven) broken after its fourth letter, "Reha-" on the line, "bilitation"
# on a line of its own after it.  Prints how many words it broke on
# stderr.
{
	k = split($0, w, / /)
	if (length($0) > 60 && k > 3 && length(w[k]) > 7 && w[k] ~ /^[A-Za-z]+$/) {
		line = w[1]
		for (i = 2; i < k; i++)
			line = line " " w[i]
		print line " " substr(w[k], 1, 4) "-"
		print substr(w[k], 5)
		n++
	} else
		print
}
END { print n + 0 > "/dev/stderr" }
