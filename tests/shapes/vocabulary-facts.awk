# vocabulary-facts.awk - the facts of a letter (tests/facts/real/*.facts)
# that are its vocabulary, not its words' case: what a text of one case
# (tr A-Z a-z, all capitals) must still give exactly.  Counts, dates,
# the variant, decisions, conclusions, categories and the other values
# of closed vocabularies (attributes), the header's dates and priority,
# the case number upper-cased.  Left out: names and titles (a state, a
# guideline's document, a service, a medication: the letter's words, in
# its case).  With -v text_case=upper (lower) the diagnoses are kept, in
# capitals (small letters): a list is cut at its joints ("AND", "and")
# in any case, so it gives the letter's diagnoses, in the text's case.
/ => / {
	i = index($0, " => ")
	x = substr($0, 1, i - 1)
	if (x ~ /d:caseSummary\/d:diagnosis\[[0-9]+\]$/ && text_case != "") {
		v = substr($0, i + 4)
		print x " => " (text_case == "upper" ? toupper(v) : tolower(v))
		next
	}
	if (x ~ /^count\(.*d:warning\)$/) { # and text-one-case
		print x " => " substr($0, i + 4) + 1
		next
	}
	if (x ~ /d:caseNumber$/) {
		print "translate(" x ", 'cm', 'CM')" substr($0, i)
		next
	}
	if (x ~ /\/@(state|document)$/)
		next
	if (x ~ /^count\(/ || x ~ /\/@[A-Za-z]+$/ || x ~ /d:header\/d:[A-Za-z]*(Date|Assigned|Injury|Received|priority)$/)
		print
}
