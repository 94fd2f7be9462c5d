# pdfminer-v.awk - an imr-2016 letter (plain pdftotext text) in the shape
# pdfminer's pdf2txt -V gives the real letters: the first letter of a
# paragraph that opens a part (the header's "Case Number:", the
# credentials' line, the summary's first paragraph, an item's title and
# its three labelled parts) placed apart, on a line of its own ("  T")
# after its paragraph, that paragraph's first line a box apart from its
# other lines (boxes between blank lines), and each page's boxes out of
# order as pdfminer groups them: the header table at the end of its page
# (its values before its labels), the summary's first paragraph after
# the lines that continue it, the claims administrator's guideline after
# its continuation, an item's title after the item's parts (those of a
# page's last two items after all its boxes, the last item's first).
# Prints how many letters it placed apart on stderr.

function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
function decision(l) {
	return l ~ /: *(Upheld|Overturned|UPHELD|OVERTURNED) *$/ || l ~ /^(Upheld|Overturned|UPHELD|OVERTURNED)$/
}
function heading(l) {
	return l ~ /^(HOW THE IMR FINAL DETERMINATION WAS MADE|CLINICAL CASE SUMMARY|IMR ISSUES, DECISIONS AND RATIONALES)$/
}
function part_label(l) {
	return l ~ /^(Claims Administrator guideline:|MAXIMUS guideline:|Decision rationale:)/
}
# Boxes of the page: group 0 in order, group 1 (the header) at its end.
function box(g, text) { nbox[g]++; boxes[g, nbox[g]] = text }
function lines(from, to,   i, t) {
	t = ""
	for (i = from; i <= to; i++)
		t = t (i > from ? "\n" : "") L[i]
	return t
}
# A paragraph L[from..to] whose first letter goes apart: its first line
# without it, the letter, its other lines (rest_first: before them all).
function apart(from, to, rest_first) {
	if (rest_first && to > from)
		box(0, lines(from + 1, to))
	box(0, substr(L[from], 2))
	box(0, "  " substr(L[from], 1, 1))
	if (!rest_first && to > from)
		box(0, lines(from + 1, to))
	initials++
}
# The page's boxes; the titles of its last two items after all of them,
# the last item's first (as pdfminer sorts the short lines of a group).
function flush_page(   i, a, b) {
	a = ntitle > 1 ? tpos[ntitle - 1] : 0
	b = ntitle > 1 ? tpos[ntitle] : 0
	for (i = 1; i <= nbox[0]; i++)
		if (i != a && i != b)
			print boxes[0, i] "\n"
	if (a) {
		print boxes[0, b] "\n"
		print boxes[0, a] "\n"
	}
	for (i = nbox[1]; i >= 1; i--)
		print boxes[1, i] "\n"
	nbox[0] = nbox[1] = ntitle = 0
}
function put_title() {
	box(0, title)
	tpos[++ntitle] = nbox[0]
	title = ""
}
{
	n++
	page_break[n] = sub(/^\f/, "")
	L[n] = trim($0)
}
END {
	# The items' titles: back from each decision over the lines that end
	# in no sentence, and a modified request's back to its "was the
	# original request".
	section = ""
	for (i = 1; i <= n; i++) {
		if (heading(L[i]))
			section = L[i]
		if (section !~ /^IMR ISSUES/ || !decision(L[i]))
			continue
		t = i
		while (t > 1 && L[t - 1] != "" && L[t - 1] !~ /\.$/ && !part_label(L[t - 1]) && !heading(L[t - 1]) &&
		       L[t - 1] !~ /^The Final Determination/)
			t--
		if (lines(t, i) ~ /remaining IMR eligible|authorized by the Claims/ && lines(t, i) !~ /was the original request/)
			for (k = t - 1; k > 1 && k > t - 6; k--)
				if (L[k] ~ /was the original request/) {
					t = k
					break
				}
		title_start[t] = i
		for (k = t; k <= i; k++)
			in_title[k] = 1
	}
	section = "header"
	for (i = 1; i <= n; ) {
		# the title after its item's parts: before the next title, or at
		# the page's end
		if (title != "" && (page_break[i] || i in title_start))
			put_title()
		if (page_break[i]) {
			flush_page()
			printf "\f"
		}
		l = L[i]
		if (l == "") {
			i++
			continue
		}
		if (heading(l)) {
			section = l
			box(0, l)
			i++
			continue
		}
		# a paragraph: up to a blank, a page break, a heading, a label or
		# a title
		j = i
		while (j < n && L[j + 1] != "" && !page_break[j + 1] && !heading(L[j + 1]) &&
		       !part_label(L[j + 1]) && !(j + 1 in title_start) && !(in_title[i] && !in_title[j + 1]) &&
		       L[j + 1] !~ /^(The Expert Reviewer has|The expert reviewer developed|The Final Determination)/ &&
		       !(section ~ /^CLINICAL/ && L[j] ~ /:$/))
			j++
		if (section == "header") {
			if (l == "Case Number:") { # (the page's end reverses the header: the letter after)
				box(1, "  C")
				box(1, substr(lines(i, j), 2))
				initials++
			} else {
				box(1, lines(i, j))
			}
		} else if (l ~ /^The Expert Reviewer has the following credentials:/) {
			apart(i, i, 0)
			j = i
		} else if (l ~ /^The expert reviewer developed the following clinical case summary/) {
			box(0, lines(i, j))
			summary_first = 1
		} else if (summary_first && section ~ /^CLINICAL/) {
			apart(i, j, 1)
			summary_first = 0
		} else if (i in title_start) {
			j = title_start[i]
			title = substr(L[i], 2) (j > i ? "\n" lines(i + 1, j) : "") "\n\n  " substr(L[i], 1, 1)
			initials++
		} else if (part_label(l)) {
			apart(i, j, l ~ /^Claims/)
		} else {
			box(0, lines(i, j))
		}
		i = j + 1
	}
	if (title != "")
		put_title()
	flush_page()
	print initials + 0 > "/dev/stderr"
}
