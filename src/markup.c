/* markup.c - Markdown's marks, HTML rendered as text, and what a regular
 * expression left of HTML's tags, read (markup.h). */
#define _GNU_SOURCE /* memmem */
#include "markup.h"

#include <string.h>

#include "words.h"

/*
 * ---- Markdown -------------------------------------------------------
 *
 * PDF-to-Markdown converters (pymupdf4llm, docling, marker; pandoc and
 * html2text from a PDF's HTML) write the letter's words with Markdown's
 * marks around them: "## HOW THE IMR ...", "**Decision rationale:**",
 * "_Upheld_", the header table as a pipe table ("| Case Number: |
 * CM16-0228949 |" with its "|---|---|" rule), "\-" and "2016\." escaped,
 * "<br>" in a cell, "<!-- image -->", "&amp;", pandoc's "[]{#1}" and
 * ":::" divs, a "-----" rule between pages.  Such text (imr_markdown_marked)
 * has each line's marks taken out (imr_unmark_line): the scanner then reads
 * the words as it reads a text extractor's, the table's cells a run of
 * blanks apart as in -layout text.
 */

/* Whether c is ASCII punctuation (what a backslash may escape). */
static bool punctuation(unsigned char c)
{
	return c > 0x20 && c < 0x7F && !imr_alnum((char)c);
}

/* The character an HTML entity at s[0..n) stands for ("&amp;" '&',
 * "&#160;" a blank), and its length in *len; 0 if none. */
static char entity(const char *s, size_t n, size_t *len)
{
	static const struct {
		const char *name;
		char c;
	} names[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},   {"&quot;", '"'},
	             {"&#39;", '\''}, {"&apos;", '\''}, {"&nbsp;", ' '}, {"&#160;", ' '},
	             {"&#34;", '"'}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t k = strlen(names[i].name);
		if (k <= n && memcmp(s, names[i].name, k) == 0) {
			*len = k;
			return names[i].c;
		}
	}
	return 0;
}

/* One line's HTML character references ("&#160;", "&amp;": entity) put
 * as the characters they stand for, from in[0..n) to out (never longer),
 * from[j] the byte of in that out[j] comes from.  Returns out's length. */
size_t imr_unescape_line(const char *in, size_t n, char *out, uint32_t *from)
{
	size_t m = 0, k;
	for (size_t i = 0; i < n; i++) {
		size_t at = i;
		char c = in[i];
		if (c == '&' && (c = entity(in + i, n - i, &k)))
			i += k - 1;
		else
			c = in[i];
		out[m] = c, from[m++] = (uint32_t)at;
	}
	return m;
}

/* A line of rules only: a table's "|---|:--|", a page's "-----", a
 * setext heading's "=====". */
static bool rule_line(const char *s, size_t n)
{
	size_t marks = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strchr("-=*_|: ", s[i]))
			return false;
		marks += s[i] == '-' || s[i] == '=' || s[i] == '*' || s[i] == '_';
	}
	return marks >= 3;
}

/* Where the bracket or brace opened at s[i] closes on the line, or n. */
static size_t closing(const char *s, size_t n, size_t i, char close)
{
	while (i < n && s[i] != close)
		i++;
	return i;
}

/*
 * One line of Markdown without its marks, from in[0..n) to out (never
 * longer), from[j] the byte of in that out[j] comes from; *in_tag says
 * an HTML tag opened on a line before is still open (pandoc breaks a
 * long one).  Returns out's length.
 */
size_t imr_unmark_line(const char *in, size_t n, char *out, uint32_t *from, bool *in_tag)
{
	size_t m = 0, i = 0;
	if (*in_tag) {
		while (i < n && in[i] != '>')
			i++;
		*in_tag = i == n;
		i += i < n;
	}
	size_t lead = i;
	while (lead < n && lead < i + 3 && in[lead] == ' ')
		lead++;
	if (rule_line(in + i, n - i) || (n - lead >= 3 && memcmp(in + lead, ":::", 3) == 0))
		return 0;
	size_t first = lead; /* (where a list's "* " would be) */
	while (first < n && in[first] == ' ')
		first++;
	if (lead < n && in[lead] == '#') { /* an ATX heading's marks */
		size_t h = lead;
		while (h < n && in[h] == '#')
			h++;
		if (h - lead <= 6 && (h == n || in[h] == ' '))
			i = h + (h < n);
	}
	for (; i < n; i++) {
		char c = in[i], o = c;
		size_t k;
		if (c == '\\' && i + 1 < n && punctuation((unsigned char)in[i + 1])) {
			o = in[++i]; /* an escape: the character itself */
		} else if (c == '\\' && i + 1 == n) {
			continue; /* a hard line break */
		} else if ((c == '*' || c == '_') && i + 1 < n && in[i + 1] == c) {
			i++; /* strong emphasis */
			continue;
		} else if (c == '*' || c == '_') {
			/* emphasis, at a word's edge; not inside a word ("snake_case"),
			 * nor a list's "* " opening the line */
			bool before = i > 0 && imr_alnum(in[i - 1]), after = i + 1 < n && imr_alnum(in[i + 1]);
			bool item = c == '*' && i == first && (i + 1 == n || in[i + 1] == ' ');
			if (!(before && after) && !item)
				continue;
		} else if (c == '|' || c == '`') {
			o = ' '; /* a rule between a table's cells; code */
		} else if (c == '&' && (o = entity(in + i, n - i, &k))) {
			out[m] = o, from[m++] = (uint32_t)i;
			i += k - 1;
			continue;
		} else if (c == '&') {
			o = c;
		} else if (c == '<' && i + 1 < n && (imr_letter(in[i + 1]) || in[i + 1] == '/' || in[i + 1] == '!')) {
			/* an HTML tag or comment: gone ("<br>" a blank) */
			bool br = i + 3 < n && (in[i + 1] | 0x20) == 'b' && (in[i + 2] | 0x20) == 'r';
			const char *e = n - i >= 4 && memcmp(in + i, "<!--", 4) == 0 ? memmem(in + i, n - i, "-->", 3) : NULL;
			size_t end = e ? (size_t)(e - in) + 2 : closing(in, n, i, '>');
			*in_tag = end == n;
			if (br)
				out[m] = ' ', from[m++] = (uint32_t)i;
			i = end;
			continue;
		} else if ((c == '!' && i + 1 < n && in[i + 1] == '[') || c == '[') {
			continue; /* a link's or an image's mark */
		} else if (c == ']') {
			/* a link's target or pandoc's attributes after it: gone */
			if (i + 1 < n && (in[i + 1] == '(' || in[i + 1] == '{'))
				i = closing(in, n, i + 1, in[i + 1] == '(' ? ')' : '}');
			continue;
		}
		out[m] = o, from[m++] = (uint32_t)i;
	}
	return m;
}

/* Whether the text is Markdown: two lines at least open with a mark
 * every converter's text has, a heading's "# " or "## ", a table's "|",
 * or bold ("**", "__").  (A letter's line may open with "#60", never
 * with "# ".)  A look at each line's first bytes, no pass over the text. */
bool imr_markdown_marked(const struct imr_source *src)
{
	const char *t = src->text;
	size_t found = 0;
	for (size_t i = 0; i < src->nlines && found < 2; i++) {
		const char *l = t + src->line_start[i];
		found += (l[0] == '#' && (l[1] == ' ' || l[1] == '#')) || l[0] == '|' ||
		         ((l[0] == '*' || l[0] == '_') && l[1] == l[0]);
	}
	return found >= 2;
}

/*
 * ---- HTML rendered as text -----------------------------------------
 *
 * The letter's HTML (pdftohtml's) rendered by a browser or a converter
 * (w3m, lynx, html2text, pandoc): told by imr_rendered_html, its
 * character references put as their characters (imr_unescape_line,
 * above), the rule between its pages (imr_page_rule) made a page break.
 * The words it wrapped are put back by normalize.c's spacing repair's
 * pass (slash_piece, cut_piece, broken_word_before), which moves them
 * between lines with their columns.
 */

/* A rule alone on line s[0..n) (past blanks), forty characters or more
 * of one: what w3m ("━━━"), html2text ("==="), lynx ("___") and pandoc's
 * plain text ("---") make of the <hr/> pdftohtml puts after each page. */
bool imr_page_rule(const char *s, size_t n)
{
	static const char heavy[] = "\xe2\x94\x81"; /* U+2501 */
	while (n && *s == ' ')
		s++, n--;
	size_t k = 1, count = 0;
	char c = n ? *s : 0;
	if (n >= 3 && memcmp(s, heavy, 3) == 0)
		k = 3;
	else if (c != '=' && c != '_' && c != '-')
		return false;
	for (; n >= k && (k == 3 ? memcmp(s, heavy, 3) == 0 : *s == c); s += k, n -= k)
		count++;
	return !n && count >= 40;
}

/* Whether line l[0..n) ends in one of its HTML's character references
 * (entity), as html2text -ascii leaves them ("Date of&#160;Injury:
 * &#160;", "&#34;"). */
static bool ends_in_reference(const char *l, size_t n)
{
	if (n < 5)
		return false;
	const char *e = l + n, *a = e - 5;
	while (a > l && a > e - 7 && *a != '&')
		a--;
	size_t k;
	return *a == '&' && entity(a, (size_t)(e - a), &k) && a + k == e;
}

/* Whether the text's HTML references were left as they were anywhere in
 * its lines, not only at their ends ("Physical Medicine &amp;
 * Rehabilitation", "the patient&#39;s": text cut from HTML's source,
 * an export that escaped it; a letter may have one "&" only): one is
 * enough, for a letter's own text has none ("&" alone, in "Medicine &
 * Rehabilitation").  One memchr pass, to the first. */
static bool references_within(const struct imr_source *src)
{
	const char *t = src->text, *end = t + src->len;
	size_t k;
	for (const char *c = t; (c = memchr(c, '&', (size_t)(end - c))); c++)
		if (entity(c, (size_t)(end - c), &k))
			return true;
	return false;
}

/* What a line's last byte may mark in a rendering of HTML: a word's
 * slash, a character reference's ';', a rule's ('=', '_', '-', U+2501's
 * last byte). */
enum { END_SLASH = 1, END_REFERENCE = 2, END_RULE = 4 };
static const unsigned char html_line_end[256] = {
	['/'] = END_SLASH, [';'] = END_REFERENCE, ['='] = END_RULE, ['_'] = END_RULE, ['-'] = END_RULE,
	[0x81] = END_RULE,
};

/* Whether the text is a rendering of the letter's HTML (w3m, html2text,
 * pandoc) by the breaks it wraps a word at: two lines at least end in a
 * word's slash before a line that opens with a letter ("disputed items/"
 * / "services ..."); or, rendered too wide to break at a slash (w3m
 * -cols 120, pandoc --wrap=none), by a rule between two pages
 * (imr_page_rule: the <hr/> of pdftohtml's frames' pages); or by two lines
 * ending in a character reference left as it was (*escaped then: they
 * are put as their characters, imr_unescape_line).  No line of a letter's
 * own text breaks or ends so, or is such a rule (in any extractor's text
 * of the real letters and the examples).  A look at each line's last
 * byte (html_line_end); the rendering's other marks (a break before a
 * plural's "(s)", its rules between pages) are only looked for in a text
 * this finds, or an indented one (lynx's). */
bool imr_rendered_html(const struct imr_source *src, bool *escaped)
{
	const char *t = src->text;
	const uint32_t *ls = src->line_start;
	size_t slashes = 0, references = 0;
	bool rule = false;
	/* (from the second line's end: the byte before a newline is text's) */
	for (size_t i = 2; i < src->nlines; i++) {
		const char *nl = t + ls[i] - 1, *l = t + ls[i - 1];
		unsigned mark = html_line_end[(unsigned char)nl[-1]];
		if (!mark)
			continue;
		if (mark == END_SLASH) {
			const char *b = nl + 1;
			while (*b == ' ')
				b++;
			slashes += *nl == '\n' && imr_letter(nl[-2]) && imr_letter(*b);
		} else if (mark == END_REFERENCE) {
			references += ends_in_reference(l, (size_t)(nl - l));
		} else {
			rule = rule || imr_page_rule(l, (size_t)(nl - l));
		}
	}
	*escaped = references >= 2 || references_within(src);
	return slashes >= 2 || rule || references >= 2;
}

/* ---- HTML whose tags a regular expression took out -----------------
 *
 * `sed 's/<[^>]*>//g'` (or perl's, or sed -E's) over pdftohtml's HTML,
 * or MuPDF's, takes out each tag that ends on its line and leaves the
 * rest: pdftohtml's stylesheet comment, once a page ("<!--" / "p
 * {margin: 0; padding: 0;} .ft10{font-size:18px;...}" / "-->"), the
 * rules of MuPDF's <style> ("body{background-color:slategray}") and
 * its pictures' <img> tags, whose data: URI runs over hundreds of lines
 * of base64 to the tag's '>'.  They are page furniture, blanked (as
 * running lines are, running.c): a comment's lines from a "<!--" that
 * opens its line to a "-->" that ends its line, every line between one of
 * a stylesheet (and the text after the one and before the other), and
 * then the HTML's file name alone on a line (its <title>, at each page's
 * top of pdftohtml's frames' HTML); a run of two lines or more that are
 * CSS rules and nothing else; a tag with an attribute ("<img
 * style=\"") left open on its line, to the '>' that ends it, every line
 * between without a '<'.  A letter's own text has none of them (a brace
 * or a "<" here and there is no stylesheet and no tag).  Python's
 * re.sub over the whole file and PDFBox's HTML leave none.
 */

/* Whether s[0..n) names a property of CSS (those of the stylesheets
 * pdftohtml and MuPDF write, and their families): a letter's "{follow-up:
 * 2 weeks}" names none. */
static bool css_property(const char *s, size_t n)
{
	static const char *const names[] = {"color",       "filter", "position", "transform", "white-space",
	                                    "line-height", "top",    "left",     "width",     "height",
	                                    "display",     "margin", "padding",  "box-shadow", "overflow",
	                                    "z-index",     "vertical-align", "letter-spacing", "word-spacing"};
	static const char *const families[] = {"-", "font-", "background", "border", "margin-", "padding-", "text-"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == n && memcmp(s, names[i], n) == 0)
			return true;
	for (size_t i = 0; i < sizeof families / sizeof *families; i++) {
		size_t k = strlen(families[i]);
		if (n > k && memcmp(s, families[i], k) == 0)
			return true;
	}
	return false;
}

/* The end of the CSS declarations "font-size:18px;color:#000000" at
 * s[i..n) before the '}' that closes them (i at it), or SIZE_MAX when
 * they are not declarations. */
static size_t css_declarations(const char *s, size_t n, size_t i)
{
	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n || s[i] == '}')
			return i;
		size_t p = i;
		while (i < n && (imr_lower(s[i]) || s[i] == '-'))
			i++;
		if (!css_property(s + p, i - p))
			return SIZE_MAX;
		while (i < n && s[i] == ' ')
			i++;
		if (i == n || s[i] != ':')
			return SIZE_MAX;
		size_t v = ++i;
		while (i < n && s[i] != ';' && s[i] != '}' && s[i] != '{')
			i++;
		if ((i < n && s[i] == '{') || imr_blank_text(s + v, i - v))
			return SIZE_MAX;
		i += i < n && s[i] == ';';
	}
}

/* The end of a CSS selector (".ft10", "p", "div.x > p", "a:hover") at
 * s[i..n), or i when there is none. */
static size_t css_selector(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && (imr_alnum(s[j]) || (s[j] && strchr(".#-_,:*> ", s[j]))))
		j++;
	return imr_blank_text(s + i, j - i) ? i : j;
}

/* Whether s[0..n) is CSS rules and nothing else ("p {margin: 0;}
 * .ft10{font-size:18px;}"). */
static bool css_rules(const char *s, size_t n)
{
	size_t i = 0, rules = 0;
	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			return rules > 0;
		size_t j = css_selector(s, n, i);
		if (j == i || j == n || s[j] != '{')
			return false;
		i = css_declarations(s, n, j + 1);
		if (i >= n || s[i] != '}')
			return false;
		i++, rules++;
	}
}

/* Whether s[0..n) is a line of a stylesheet: rules, a rule's opening
 * (".xflip {"), its declarations ("-moz-transform: scaleX(-1);"), its
 * closing "}"; or blank. */
static bool css_line(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n || css_rules(s, n))
		return true;
	if (s[i] == '}')
		return imr_blank_text(s + i + 1, n - i - 1);
	size_t j = css_selector(s, n, i);
	if (j > i && j < n && s[j] == '{')
		return imr_blank_text(s + j + 1, n - j - 1);
	j = css_declarations(s, n, i);
	return j == n && s[n - 1] == ';';
}

/* Whether s[0..n) opens with the mark w past blanks ("<!--"), a line of
 * a stylesheet after it (css_line). */
static bool opens_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	while (n && *s == ' ')
		s++, n--;
	return n >= k && memcmp(s, w, k) == 0 && css_line(s + k, n - k);
}

/* Whether s[0..n) ends with the mark w before blanks ("-->"), a line of a
 * stylesheet before it ("\tp {margin: 0; padding: 0;}-->"). */
static bool ends_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	while (n && s[n - 1] == ' ')
		n--;
	return n >= k && memcmp(s + n - k, w, k) == 0 && css_line(s, n - k);
}

/* Where a tag with an attribute opens on s[0..n) and is left open (no
 * '>' after it): "<img style=\"...", or n. */
static size_t open_tag(const char *s, size_t n)
{
	const char *lt = memchr(s, '<', n);
	if (!lt || memchr(lt, '>', n - (size_t)(lt - s)))
		return n;
	size_t i = (size_t)(lt - s) + 1, name = i;
	while (i < n && imr_letter(s[i]))
		i++;
	if (i == name || i == n || s[i] != ' ')
		return n;
	while (i < n && s[i] == ' ')
		i++;
	size_t attribute = i;
	while (i < n && (imr_lower(s[i]) || s[i] == '-'))
		i++;
	return i > attribute && i + 1 < n && s[i] == '=' && (s[i + 1] == '"' || s[i + 1] == '\'')
	               ? (size_t)(lt - s)
	               : n;
}

/* Whether s[0..n) is a file's name alone ending in ".html" or ".htm"
 * (a <title>'s, pdftohtml's, at each page's top of its frames' HTML). */
static bool html_file_name(const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	if (memchr(s, ' ', n))
		return false;
	return (n > 5 && memcmp(s + n - 5, ".html", 5) == 0) || (n > 4 && memcmp(s + n - 4, ".htm", 4) == 0);
}

/* The residue of stripped tags blanked (see above); then, when a
 * comment's was, the HTML's file name alone on its line (its title). */
void imr_blank_stripped_html(struct imr_source *src)
{
	/* Every residue holds a '<' or a '{': a text with neither (nearly
	 * every letter) is passed over by two memchr, not looked at a line
	 * at a time. */
	if (!memchr(src->text, '<', src->len) && !memchr(src->text, '{', src->len))
		return;
	size_t run = 0; /* lines of CSS rules so far, the line before the last */
	bool comment = false;
	for (size_t i = 0; i < src->nlines; i++) {
		size_t n, m;
		const char *s = imr_source_index_text(src, i, &n);
		if (n >= 4 && opens_with(s, n, "<!--")) {
			size_t j = i + 1;
			const char *t = NULL;
			while (j < src->nlines && (t = imr_source_index_text(src, j, &m), !ends_with(t, m, "-->")) &&
			       css_line(t, m))
				j++;
			if (j < src->nlines && ends_with(t, m, "-->")) {
				for (; i <= j; i++)
					imr_blank_line_text(src, i, 0, SIZE_MAX);
				i--, run = 0, comment = true;
				continue;
			}
		}
		size_t at = n > 4 ? open_tag(s, n) : n;
		if (at < n) {
			size_t j = i + 1;
			const char *t = NULL, *gt = NULL;
			while (j < src->nlines && (t = imr_source_index_text(src, j, &m), !(gt = memchr(t, '>', m))) &&
			       !memchr(t, '<', m) && m)
				j++;
			if (gt && !memchr(t, '<', (size_t)(gt - t))) {
				imr_blank_line_text(src, i, at, SIZE_MAX);
				for (size_t k = i + 1; k < j; k++)
					imr_blank_line_text(src, k, 0, SIZE_MAX);
				imr_blank_line_text(src, j, 0, (size_t)(gt - t) + 1);
				i = j, run = 0;
				continue;
			}
		}
		if (n && memchr(s, '{', n) && css_rules(s, n)) {
			if (++run == 2)
				imr_blank_line_text(src, i - 1, 0, SIZE_MAX);
			if (run >= 2)
				imr_blank_line_text(src, i, 0, SIZE_MAX);
		} else {
			run = 0;
		}
	}
	for (size_t i = 0; comment && i < src->nlines; i++) {
		size_t n;
		const char *s = imr_source_index_text(src, i, &n);
		if (n > 4 && html_file_name(s, n))
			imr_blank_line_text(src, i, 0, SIZE_MAX);
	}
}
