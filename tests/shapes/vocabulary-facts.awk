# vocabulary-facts.awk - the facts of a letter (tests/facts/real/*.facts)
# that are its vocabulary, not its words' case: what a text of one case
# (tr A-Z a-z, all capitals) must still give exactly.  Counts, dates,
# the variant, decisions, conclusions, categories and the other values
# of closed vocabularies (attributes), the header's dates and priority,
# the case number upper-cased.  Left out: names and titles (a state, a
# guideline's document, a service, a diagnosis, a medication: the
# letter's words, in its case).
/ => / {
	i = index($0, " => ")
	x = substr($0, 1, i - 1)
	if (x ~ /d:caseNumber$/) {
		print "translate(" x ", 'cm', 'CM')" substr($0, i)
		next
	}
	if (x ~ /\/@(state|document)$/)
		next
	if (x ~ /^count\(/ || x ~ /\/@[A-Za-z]+$/ || x ~ /d:header\/d:[A-Za-z]*(Date|Assigned|Injury|Received|priority)$/)
		print
}
