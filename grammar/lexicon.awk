# lexicon.awk - turn the lexicon (grammar/lexicon/*.tsv) into scanner
# rules and C tables.  POSIX awk.
#
#   awk -v mode=l -f grammar/lexicon.awk src/request.h FORMS UNITS REGIONS DRUGS SERVICES grammar/request.l
#       > build/request_lex.l      the template with its @LEXICON@ line
#                                  replaced by one rule per spelling
#   awk -v mode=c -f grammar/lexicon.awk src/request.h FORMS UNITS REGIONS DRUGS SERVICES
#       > build/lexicon_data.c     the tables of src/lexicon.h
#
# src/request.h is read for the taxonomy (IMR_CATEGORIES and
# IMR_SUBCATEGORIES), so a class or category the C code does not know is
# an error here, with its file and line, not a compiler message.
#
# The files (docs/request.md): '#' starts a comment line; columns are
# separated by tabs (one or more); the first column lists spellings
# separated by '|'.
#
#   forms.tsv     spellings  form      topical (yes|no)
#   units.tsv     spellings  unit      kind (strength|amount)
#   regions.tsv   spellings  site      spinal (yes|no)
#   drugs.tsv     spellings  class     generic (- for none)   [flags]
#   services.tsv  spellings  category  subcategory (-)        [flags]
#
# flags: word, group, transdermal, modifier, amount, modality, topical=CLASS
# (comma-separated).
#
# In a spelling a blank matches any run of blanks, a hyphen a hyphen, a
# blank or nothing ("x-ray", "x ray", "xray"), a slash a slash with
# blanks around or not, a period or an apostrophe itself or nothing.
# A spelling that ends in a word of forms.tsv ("Voltaren gel") matches
# every spelling of that form ("Voltaren gels") and gives the form back
# to the scanner as its own token.

BEGIN {
	FS = "\t+"
	errors = 0
	nforms = nunits = nsites = nentries = 0
	nrules = 0
}

function fail(msg) {
	printf "%s:%d: error: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	errors++
}

function trim(s) {
	sub(/^[ ]+/, "", s)
	sub(/[ ]+$/, "", s)
	return s
}

# The key two spellings collide on: a hyphen matches a blank or nothing,
# so "x-ray", "x ray" and "xray" are one (and, to keep it simple, so are
# "pain pump" and "painpump").
function key(s) {
	s = tolower(s)
	gsub(/[.' -]/, "", s)
	return s
}

function is_alnum(c) {
	return c ~ /^[A-Za-z0-9]$/
}

# A flex pattern (case-insensitive scanner) for a spelling.
function pat(s,    out, i, c, n) {
	s = tolower(trim(s))
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == " ") {
			while (substr(s, i + 1, 1) == " ")
				i++
			out = out "{ws}+"
		} else if (c == "-") {
			out = out "(\"-\"|{ws})?"
		} else if (c == "/") {
			out = out "{ws}*\"/\"{ws}*"
		} else if (c == ".") {
			out = out "\".\"?"
		} else if (c == "'") {
			out = out "\"'\"?"
		} else if (is_alnum(c)) {
			out = out c
		} else if (c == "\"" || c == "\\") {
			out = out "\"\\" c "\""
		} else {
			out = out "\"" c "\""
		}
	}
	return out
}

function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}

# Register a spelling: its rule (kind, id, back) and collision check.
function spelling(s, kind, id, where,    k, p, last, sep, prefix, f, alts, j, back) {
	s = trim(s)
	if (s == "") {
		fail("an empty spelling")
		return
	}
	back = 0
	p = ""
	k = key(s)
	# Does it end in a form word?  Then every spelling of the form.
	if (kind == "DRUG" || kind == "SERVICE") {
		last = tolower(s)
		if (match(last, /[ -][^ -]+$/)) {
			sep = substr(last, RSTART, 1)
			prefix = substr(s, 1, RSTART - 1)
			f = substr(last, RSTART + 1)
			if (f in formspell) {
				alts = ""
				for (j = 1; j <= nforms_sp; j++)
					if (form_sp_form[j] == formspell[f])
						alts = alts (alts == "" ? "" : "|") pat(form_sp[j])
				p = pat(prefix) (sep == " " ? "{ws}+" : "(\"-\"|{ws})?") "(" alts ")"
				k = key(prefix) "|" formspell[f]
				# A drug's form is the request's form; a service's
				# ("trigger point injection") is part of its name.
				if (kind == "DRUG") {
					back = 1
					entry_form[id] = form_token[formspell[f]]
				}
			}
		}
	}
	if (k in seen) {
		fail("\"" s "\" is already defined at " seen[k])
		return
	}
	seen[k] = where
	if (p == "")
		p = pat(s)
	nrules++
	rule_trail[nrules] = is_alnum(substr(s, length(s), 1))
	rule_pat[nrules] = p
	rule_kind[nrules] = kind
	rule_id[nrules] = id
	rule_back[nrules] = back
}

# ---- the taxonomy, from src/request.h -----------------------------------

FILENAME ~ /request\.h$/ {
	if ($0 ~ /^#define IMR_CATEGORIES\(X\)/)
		section = "cat"
	else if ($0 ~ /^#define IMR_SUBCATEGORIES\(X\)/)
		section = "sub"
	if (section != "" && $0 ~ /X\(/) {
		split($0, q, "\"")
		head = q[1]
		sub(/.*X\(/, "", head)
		gsub(/ /, "", head)
		split(head, ids, ",")
		if (section == "cat") {
			cat_id[q[2]] = ids[1]
			cat_of_id[ids[1]] = q[2]
		} else {
			sub_id[q[2]] = ids[1]
			sub_cat[q[2]] = cat_of_id[ids[2]]
			cat_has_sub[cat_of_id[ids[2]]] = 1
		}
	}
	if ($0 !~ /\\$/)
		section = ""
	next
}

/^[ \t]*#/ || /^[ \t]*$/ {
	if (FILENAME !~ /\.l$/)
		next
}

# ---- forms.tsv: spellings, form, topical ----------------------------------

FILENAME ~ /forms\.tsv$/ {
	if (NF != 3 || ($3 != "yes" && $3 != "no")) {
		fail("expected: spellings<TAB>form<TAB>yes|no")
		next
	}
	nforms++
	form_token[nforms] = $2
	form_topical[nforms] = $3 == "yes"
	n = split($1, sp, "|")
	for (i = 1; i <= n; i++) {
		s = trim(sp[i])
		formspell[tolower(s)] = nforms
		nforms_sp++
		form_sp[nforms_sp] = s
		form_sp_form[nforms_sp] = nforms
		spelling(s, "FORM", nforms - 1, FILENAME ":" FNR)
	}
	next
}

# ---- units.tsv: spellings, unit, kind --------------------------------------

FILENAME ~ /units\.tsv$/ {
	if (NF != 3 || ($3 != "strength" && $3 != "amount")) {
		fail("expected: spellings<TAB>unit<TAB>strength|amount")
		next
	}
	nunits++
	unit_token[nunits] = $2
	unit_amount[nunits] = $3 == "amount"
	n = split($1, sp, "|")
	for (i = 1; i <= n; i++)
		spelling(sp[i], $3 == "amount" ? "AUNIT" : "SUNIT", nunits - 1, FILENAME ":" FNR)
	next
}

# ---- regions.tsv: spellings, site, spinal -----------------------------------

FILENAME ~ /regions\.tsv$/ {
	if (NF != 3 || ($3 != "yes" && $3 != "no") || $2 !~ /^[a-z]+(-[a-z]+)*$/) {
		fail("expected: spellings<TAB>site (lower-case-words)<TAB>yes|no")
		next
	}
	if (!($2 in site_index)) {
		nsites++
		site_index[$2] = nsites
		site_token[nsites] = $2
		site_spinal[nsites] = $3 == "yes"
	} else if (site_spinal[site_index[$2]] != ($3 == "yes")) {
		fail("site " $2 " is spinal on one line and not on another")
	}
	n = split($1, sp, "|")
	for (i = 1; i <= n; i++)
		spelling(sp[i], "REGION", site_index[$2] - 1, FILENAME ":" FNR)
	next
}

# ---- drugs.tsv and services.tsv ------------------------------------------------

function flags_of(s, kind,    n, f, i, out) {
	out = "0"
	entry_topical_now = "IMR_SUB_NONE"
	if (s == "" || s == "-")
		return out
	n = split(s, f, ",")
	for (i = 1; i <= n; i++) {
		f[i] = trim(f[i])
		if (f[i] == "word")
			out = out " | IMR_LEX_WORD"
		else if (f[i] == "group")
			out = out " | IMR_LEX_GROUP"
		else if (f[i] == "transdermal")
			out = out " | IMR_LEX_TRANSDERMAL"
		else if (f[i] == "modifier")
			out = out " | IMR_LEX_MODIFIER"
		else if (f[i] == "amount" && kind == "SERVICE")
			out = out " | IMR_LEX_AMOUNT"
		else if (f[i] == "modality" && kind == "SERVICE")
			out = out " | IMR_LEX_MODALITY"
		else if (f[i] ~ /^topical=/ && kind == "DRUG") {
			t = substr(f[i], 9)
			if (!(t in sub_id) || sub_cat[t] != "pharmaceuticals")
				fail("topical=" t ": not a drug class of src/request.h")
			else
				entry_topical_now = "IMR_SUB_" sub_id[t]
		} else
			fail("unknown flag \"" f[i] "\"")
	}
	return out
}

function entry(kind, category, subcategory, generic, flags,    n, i, sp, id) {
	id = nentries
	nentries++
	n = split($1, sp, "|")
	e_phrase[id] = trim(sp[1])
	e_kind[id] = kind
	e_cat[id] = "IMR_CAT_" cat_id[category]
	e_sub[id] = subcategory == "-" ? "IMR_SUB_NONE" : "IMR_SUB_" sub_id[subcategory]
	e_generic[id] = generic
	e_flags[id] = flags_of(flags, kind)
	e_topical[id] = entry_topical_now
	e_file[id] = FILENAME
	e_line[id] = FNR
	for (i = 1; i <= n; i++)
		spelling(sp[i], kind, id, FILENAME ":" FNR)
}

FILENAME ~ /drugs\.tsv$/ {
	if (NF < 3 || NF > 4) {
		fail("expected: spellings<TAB>class<TAB>generic|-[<TAB>flags]")
		next
	}
	if (!($2 in sub_id) || sub_cat[$2] != "pharmaceuticals") {
		fail("\"" $2 "\" is not a drug class of src/request.h (IMR_SUBCATEGORIES)")
		next
	}
	entry("DRUG", "pharmaceuticals", $2, $3 == "-" ? "" : $3, NF == 4 ? $4 : "")
	next
}

FILENAME ~ /services\.tsv$/ {
	if (NF < 3 || NF > 4) {
		fail("expected: spellings<TAB>category<TAB>subcategory|-[<TAB>flags]")
		next
	}
	if (!($2 in cat_id)) {
		fail("\"" $2 "\" is not a category of src/request.h (IMR_CATEGORIES)")
		next
	}
	if ($3 == "-" && ($2 in cat_has_sub)) {
		fail("category " $2 " needs a subcategory")
		next
	}
	if ($3 != "-" && (!($3 in sub_id) || sub_cat[$3] != $2)) {
		fail("\"" $3 "\" is not a subcategory of " $2)
		next
	}
	entry("SERVICE", $2, $3, "", NF == 4 ? $4 : "")
	next
}

# ---- the scanner template ---------------------------------------------------------

FILENAME ~ /\.l$/ {
	if ($0 != "@LEXICON@") {
		print
		next
	}
	# One rule per entry and way of ending: its spellings are alternatives
	# (fewer rules keep the scanner's switch small for the compiler).  A
	# trailing context applies to the whole rule, so spellings ending in a
	# letter or digit and the others go to separate rules.
	n = 0
	for (i = 1; i <= nrules; i++) {
		g = rule_kind[i] SUBSEP rule_id[i] SUBSEP rule_back[i] SUBSEP rule_trail[i]
		if (!(g in group_pat)) {
			order[++n] = g
			group_pat[g] = rule_pat[i]
			group_kind[g] = rule_kind[i]
			group_id[g] = rule_id[i]
			group_back[g] = rule_back[i]
			group_trail[g] = rule_trail[i]
		} else {
			group_pat[g] = group_pat[g] "|" rule_pat[i]
		}
	}
	print " /* Generated by grammar/lexicon.awk from grammar/lexicon/ *.tsv: " nrules " spellings. */"
	for (i = 1; i <= n; i++) {
		g = order[i]
		printf "(%s)%s\t{ LEX(%s, %d, %d); }\n", group_pat[g], group_trail[g] ? "/{nb}" : "",
		       group_kind[g], group_id[g], group_back[g]
	}
	next
}

FILENAME ~ /\.tsv$/ {
	fail("unknown lexicon file (expected forms, units, regions, drugs or services)")
	next
}

END {
	if (errors)
		exit 1
	if (mode != "c")
		exit 0
	print "/* lexicon_data.c - generated by grammar/lexicon.awk from grammar/lexicon/ *.tsv;"
	print " * do not edit. */"
	print "#include \"lexicon.h\""
	print ""
	print "const struct imr_lexicon_form imr_lexicon_forms[] = {"
	for (i = 1; i <= nforms; i++)
		printf "\t{%s, %s},\n", cstr(form_token[i]), form_topical[i] ? "true" : "false"
	print "};"
	printf "const size_t imr_lexicon_form_count = %d;\n\n", nforms
	print "const struct imr_lexicon_unit imr_lexicon_units[] = {"
	for (i = 1; i <= nunits; i++)
		printf "\t{%s, %s},\n", cstr(unit_token[i]), unit_amount[i] ? "true" : "false"
	print "};"
	printf "const size_t imr_lexicon_unit_count = %d;\n\n", nunits
	print "const struct imr_lexicon_site imr_lexicon_sites[] = {"
	for (i = 1; i <= nsites; i++)
		printf "\t{%s, %s},\n", cstr(site_token[i]), site_spinal[i] ? "true" : "false"
	print "};"
	printf "const size_t imr_lexicon_site_count = %d;\n\n", nsites
	print "const struct imr_lexicon_entry imr_lexicon[] = {"
	for (i = 0; i < nentries; i++)
		printf "\t{%s, IMR_LEX_%s, %s, %s, %s, %s, %s, %s, %s, %d},\n", cstr(e_phrase[i]),
		       e_kind[i], e_cat[i], e_sub[i], e_topical[i], e_flags[i],
		       e_generic[i] == "" ? "NULL" : cstr(e_generic[i]),
		       (i in entry_form) ? cstr(entry_form[i]) : "NULL", cstr(e_file[i]), e_line[i]
	print "};"
	printf "const size_t imr_lexicon_count = %d;\n", nentries
}
