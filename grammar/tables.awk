# tables.awk - the request scanner's tables packed for the caches.
#
# flex writes the lexicon's scanner (some 23,000 states) with compressed
# tables: for each byte of a word, the state's accepting rule, its base
# and default (yy_accept, yy_base, yy_def, one array each), then the
# check and next state of the transition (yy_chk, yy_nxt).  Those are five
# places in 1.5 MB for every byte, and for the lexicon's states nearly
# every one was a cache miss.  This rewrites flex's output so that a
# state's three entries share one 8-byte cell (yy_st) and a transition's
# two share four bytes (yy_tx): two places for every byte.  The lexicon
# also passes flex's limit for 16-bit tables (-Ca writes them in 32), so
# every table but the bases is made 16 bits again; a value that does not
# fit fails the build, as does flex's output not being as expected.
#
#   awk -f grammar/tables.awk build/request_lex.c >build/request_lex.c.packed

function fail(msg) { print "tables.awk: " msg > "/dev/stderr"; failed = 1; exit 1 }

# The numbers of a table's lines first..last into t[name, i]; its size.
function read_table(name, first, last,    i, k, n, f, j) {
	n = 0
	for (i = first; i <= last; i++) {
		k = split(line[i], f, /[^-0-9]+/)
		for (j = 1; j <= k; j++)
			if (f[j] ~ /^-?[0-9]+$/)
				t[name, n++] = f[j] + 0
	}
	return n
}

function fits16(name, n,    i) {
	for (i = 0; i < n; i++)
		if (t[name, i] > 32767 || t[name, i] < -32768)
			fail(name " has " t[name, i] ": more than 16 bits")
}

# s with every name[expr] made yy_cell[expr].field (expr may hold
# brackets of its own); the count in replaced.
function rewrite(s, name, cell, field,    out, at, i, depth, c) {
	out = ""
	while ((at = index(s, name "[")) > 0 && (at == 1 || substr(s, at - 1, 1) !~ /[A-Za-z0-9_]/)) {
		out = out substr(s, 1, at - 1) cell "["
		s = substr(s, at + length(name) + 1)
		depth = 1
		for (i = 1; i <= length(s) && depth; i++) {
			c = substr(s, i, 1)
			depth += (c == "[") - (c == "]")
		}
		if (depth)
			fail("an unclosed " name "[ in flex's output")
		out = out substr(s, 1, i - 1) "." field
		s = substr(s, i)
		replaced++
	}
	return out s
}

# A packed table of n cells, each the entries of the tables named in
# fields (t[name, k]), declared as decl.
function cells(comment, decl, n, fields,    name, m, k, j, row) {
	print "/* " comment " (tables.awk). */"
	print "static const " decl "[" n "] ="
	print "    {"
	m = split(fields, name, " ")
	for (k = 0; k < n; k++) {
		row = t[name[1], k]
		for (j = 2; j <= m; j++)
			row = row "," t[name[j], k]
		print "    {" row "}" (k + 1 < n ? "," : "")
	}
	print "    } ;"
}

{ line[NR] = $0 }

END {
	if (failed)
		exit 1
	names = "accept base def nxt chk"
	for (i = 1; i <= NR; i++)
		if (match(line[i], /^static const flex_int(16|32)_t yy_[a-z]+\[[0-9]+\] =$/)) {
			name = line[i]
			sub(/^static const flex_int(16|32)_t yy_/, "", name)
			sub(/\[.*/, "", name)
			if (index(" " names " ", " " name " ") == 0)
				continue
			for (j = i + 1; j <= NR && line[j] !~ /^ *} *;$/; j++)
				;
			if (j > NR)
				fail("yy_" name " has no end")
			size[name] = read_table(name, i + 1, j - 1)
			first[name] = i
			end[name] = j
		}
	split(names, want, " ")
	for (k = 1; k <= 5; k++)
		if (!(want[k] in size))
			fail("flex's output has no table yy_" want[k])
	if (size["def"] != size["base"] || size["nxt"] != size["chk"] || size["accept"] > size["base"])
		fail("the tables' sizes do not agree")
	fits16("accept", size["accept"]); fits16("def", size["def"])
	fits16("nxt", size["nxt"]); fits16("chk", size["chk"])
	for (i = size["accept"]; i < size["base"]; i++)
		t["accept", i] = 0 # template states accept nothing

	for (i = 1; i <= NR; i++) {
		if (i == first["accept"] || i == first["def"] || i == first["chk"]) {
			i = (i == first["accept"] ? end["accept"] : i == first["def"] ? end["def"] : end["chk"])
			continue
		}
		if (i == first["base"]) {
			cells("A state's base, default state and accepting rule",
			      "struct yy_state_cell { flex_int32_t base; flex_int16_t def, accept; } yy_st",
			      size["base"], "base def accept")
			i = end["base"]
			continue
		}
		if (i == first["nxt"]) {
			cells("A transition's check and next state",
			      "struct yy_trans_cell { flex_int16_t chk, nxt; } yy_tx", size["nxt"], "chk nxt")
			i = end["nxt"]
			continue
		}
		s = line[i]
		if (i > end["chk"] && s ~ /yy_(accept|base|def|nxt|chk)\[/) {
			s = rewrite(s, "yy_base", "yy_st", "base")
			s = rewrite(s, "yy_def", "yy_st", "def")
			s = rewrite(s, "yy_accept", "yy_st", "accept")
			s = rewrite(s, "yy_chk", "yy_tx", "chk")
			s = rewrite(s, "yy_nxt", "yy_tx", "nxt")
			if (s ~ /yy_(accept|base|def|nxt|chk)\[/)
				fail("a table left unrewritten: " s)
		}
		print s
	}
	if (replaced < 5)
		fail("only " replaced " uses of the tables rewritten")
}
