/* html.c - an HTML or XHTML page's bytes to the text of its lines (see
 * html.h and docs/grammar.md, "HTML input").
 *
 * libxml2's HTML parser reads the page, recovering from what is not well
 * formed as a browser would (XHTML too: MuPDF's and Apache Tika's), with
 * no network; entities are decoded by it.  Its complaints go to handlers
 * of this parse's context, counted, the first kept for an error should
 * the page hold no text.  The tree is then walked, without recursion (a
 * hostile page may nest deeply), writing lines as a text browser lays
 * them out, less its wrapping. */
#include "html.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <unistr.h>

#include "diag.h"

/* ---- telling an HTML page by its first bytes ----------------------- */

/* The first characters of data, lower-cased, as ASCII (any other
 * character a '?'): UTF-8 or, after its byte order mark, UTF-16. */
static size_t ascii_head(const char *data, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, step = 1, n = 0;
	int low = 0; /* which byte of a UTF-16 unit holds the ASCII */
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	else if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		i = 2, step = 2;
	else if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		i = 2, step = 2, low = 1;
	for (; i + step <= len && n + 1 < cap; i += step) {
		unsigned c = p[i + low];
		if (step == 2 && p[i + 1 - low] != 0)
			c = '?';
		out[n++] = c < 0x80 ? (char)(c >= 'A' && c <= 'Z' ? c + 32 : c) : '?';
	}
	out[n] = '\0';
	return n;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	return s;
}

/* s after word when s starts with it and then a blank or one of ends. */
static const char *after(const char *s, const char *word, const char *ends)
{
	size_t n = strlen(word);
	if (strncmp(s, word, n) != 0)
		return NULL;
	char c = s[n];
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c && strchr(ends, c)) ? s + n
	                                                                                : NULL;
}

/* Whether the first character, past a byte order mark and blanks (and
 * UTF-16's NULs), is a '<': nearly every input, a letter's text, is told
 * so at its first bytes, its head not copied. */
static bool opens_with_tag(const unsigned char *p, size_t len)
{
	size_t i = 0;
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	else if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		i = 2;
	for (; i < len; i++) {
		unsigned c = p[i];
		if (c != 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			return c == '<';
	}
	return false;
}

bool imr_is_html(const char *data, size_t len)
{
	if (!opens_with_tag((const unsigned char *)data, len))
		return false;
	char head[4096];
	ascii_head(data, len, head, sizeof head);
	const char *s = skip_blanks(head);
	/* An XML declaration, then comments (a browser's "saved from url"). */
	if (after(s, "<?xml", "?")) {
		const char *e = strstr(s, "?>");
		if (!e)
			return false;
		s = skip_blanks(e + 2);
	}
	while (strncmp(s, "<!--", 4) == 0) {
		const char *e = strstr(s + 4, "-->");
		if (!e)
			return false;
		s = skip_blanks(e + 3);
	}
	const char *d = after(s, "<!doctype", "");
	if (d)
		return after(skip_blanks(d), "html", ">") != NULL;
	return after(s, "<html", ">/") != NULL;
}

/* ---- the parser's complaints ----------------------------------------- */

struct html_log {
	size_t count;
	char first[200];
};

/* ctx is the parser context (its userData), _private ours. */
static void on_error(void *ctx, const char *msg, ...)
{
	struct html_log *log = ((htmlParserCtxtPtr)ctx)->_private;
	if (log->count++)
		return;
	va_list ap;
	va_start(ap, msg);
	vsnprintf(log->first, sizeof log->first, msg, ap);
	va_end(ap);
	size_t n = strlen(log->first);
	while (n && (log->first[n - 1] == '\n' || log->first[n - 1] == ' '))
		log->first[--n] = '\0';
}

static void on_warning(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The page's encoding: valid UTF-8 is read as UTF-8 whatever its <meta>
 * says (PDFBox's is malformed); UTF-16 by its byte order mark, and other
 * bytes by the charset the page declares, are libxml2's to tell; bytes
 * that are neither and declare nothing are Windows-1252, as in text. */
static const char *encoding_of(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return NULL;
	if (!u8_check(p, len))
		return "UTF-8";
	char head[4096];
	ascii_head(data, len, head, sizeof head);
	return strstr(head, "charset") || strstr(head, "encoding=") ? NULL : "windows-1252";
}

/* ---- the walk ---------------------------------------------------------- */

enum kind {
	INLINE, /* its text joins the line */
	BLOCK,  /* lines end before and after it */
	SKIP,   /* not shown: neither it nor what it holds */
	BREAK,  /* <br>: a line ends, an empty one too */
	RULE,   /* <hr>: a line ends, a page too */
	CELL,   /* a table cell: a space from its neighbours */
	PRE,    /* a block whose line ends and spaces are kept */
	FRAME,  /* <frame>, <iframe>: its page is elsewhere */
	PAGE,   /* pdftotext -bbox's <page>: a block that opens a page */
	WORD,   /* pdftotext -bbox's <word>: a space from its neighbours, on
	           the line of the words its box shares the height of */
};

/* Sorted by name (bsearch).  What a browser shows as a block, what it
 * does not show at all; anything else is inline. */
static const struct element {
	const char *name;
	enum kind kind;
} elements[] = {
	{"address", BLOCK},  {"article", BLOCK},  {"aside", BLOCK},    {"block", BLOCK},
	{"blockquote", BLOCK}, {"body", BLOCK},   {"br", BREAK},       {"caption", BLOCK},
	{"center", BLOCK},   {"dd", BLOCK},       {"details", BLOCK},  {"dialog", BLOCK},
	{"div", BLOCK},      {"dl", BLOCK},       {"doc", BLOCK},      {"dt", BLOCK},
	{"fieldset", BLOCK}, {"figcaption", BLOCK}, {"figure", BLOCK}, {"flow", BLOCK},
	{"footer", BLOCK},   {"form", BLOCK},     {"frame", FRAME},    {"frameset", BLOCK},
	{"h1", BLOCK},       {"h2", BLOCK},       {"h3", BLOCK},       {"h4", BLOCK},
	{"h5", BLOCK},       {"h6", BLOCK},       {"head", SKIP},      {"header", BLOCK},
	{"hr", RULE},        {"html", BLOCK},     {"iframe", FRAME},   {"legend", BLOCK},
	{"li", BLOCK},       {"line", BLOCK},     {"listing", PRE},    {"main", BLOCK},
	{"nav", BLOCK},      {"noscript", SKIP},  {"ol", BLOCK},       {"p", BLOCK},
	{"page", PAGE},      {"plaintext", PRE},  {"pre", PRE},        {"script", SKIP},
	{"section", BLOCK},  {"style", SKIP},     {"summary", BLOCK},  {"table", BLOCK},
	{"tbody", BLOCK},    {"td", CELL},        {"template", SKIP},  {"tfoot", BLOCK},
	{"th", CELL},        {"thead", BLOCK},    {"title", SKIP},     {"tr", BLOCK},
	{"ul", BLOCK},       {"word", WORD},      {"xmp", PRE},
};

static int by_element_name(const void *name, const void *e)
{
	return strcmp(name, ((const struct element *)e)->name);
}

static enum kind kind_of(xmlNodePtr n)
{
	const struct element *e = bsearch(n->name, elements, sizeof elements / sizeof *elements,
	                                  sizeof *elements, by_element_name);
	return e ? e->kind : INLINE;
}

struct walk {
	char *p;
	size_t len, cap, max;
	bool line_open;    /* the line has begun */
	bool space;        /* white space seen since its last character */
	bool page_pending; /* a page ended: a form feed opens the next line */
	bool any_line;     /* a line was written */
	bool any_text;     /* a character other than white space */
	bool failed;       /* out of memory, or over max */
	unsigned pre;      /* inside this many <pre>s */
	size_t controls;   /* C0 controls made spaces */
	char frames[200];  /* a frameset's pages, "a.html, b.html" */
	/* The last <word>'s box, top and bottom (pdftotext -bbox): a word
	 * whose box shares none of its height starts a line. */
	double word_top, word_bottom;
	bool any_word;
};

static void add(struct walk *w, char c)
{
	if (w->failed)
		return;
	if (w->len == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 65536;
		char *p = realloc(w->p, cap);
		if (!p) {
			w->failed = true;
			return;
		}
		w->p = p;
		w->cap = cap;
	}
	w->p[w->len++] = c;
	if (w->len > w->max)
		w->failed = true;
}

static void open_line(struct walk *w)
{
	if (w->line_open)
		return;
	if (w->page_pending)
		add(w, '\f');
	w->page_pending = false;
	w->line_open = true;
}

static void end_line(struct walk *w)
{
	if (w->line_open) {
		add(w, '\n');
		w->any_line = true;
	}
	w->line_open = false;
	w->space = false;
}

/* A page ends here: the next line opens with a form feed (the first
 * page's marks, before any line, make none; marks with nothing between
 * them, one). */
static void end_page(struct walk *w)
{
	end_line(w);
	if (w->any_line)
		w->page_pending = true;
}

static void text(struct walk *w, const xmlChar *s)
{
	for (; *s && !w->failed; s++) {
		unsigned char c = *s;
		bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
		if (w->pre && (c == '\n' || c == '\r')) {
			if (c == '\n' || s[1] != '\n') {
				open_line(w);
				end_line(w);
			}
			continue;
		}
		if (c < 0x20 && !blank) {
			w->controls++;
			blank = true;
		}
		if (blank && !w->pre) {
			w->space = true;
			continue;
		}
		if (w->space && w->line_open)
			add(w, ' ');
		w->space = false;
		open_line(w);
		add(w, blank ? (c == '\t' ? '\t' : ' ') : (char)c);
		w->any_text |= !blank;
	}
}

/* Attribute name of n, lower-cased, compacted (no blanks), in buf. */
static const char *attribute(xmlNodePtr n, const char *name, char *buf, size_t cap)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	size_t k = 0;
	for (const xmlChar *s = v; s && *s && k + 1 < cap; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			buf[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	buf[k] = '\0';
	bool found = v != NULL;
	xmlFree(v);
	return found ? buf : NULL;
}

/* A div that is a page, by the marks converters of PDFs give theirs:
 * class "page" (Apache Tika), id "pageN" (MuPDF) or "pageN-div"
 * (pdftohtml -s), a page break before it (PDFBox). */
static bool page_div(xmlNodePtr n)
{
	char buf[200];
	const char *v = attribute(n, "class", buf, sizeof buf);
	if (v && strcmp(v, "page") == 0)
		return true;
	if ((v = attribute(n, "id", buf, sizeof buf)) && strncmp(v, "page", 4) == 0) {
		size_t d = strspn(v + 4, "0123456789");
		if (d && (v[4 + d] == '\0' || strcmp(v + 4 + d, "-div") == 0))
			return true;
	}
	return (v = attribute(n, "style", buf, sizeof buf)) &&
	       (strstr(v, "page-break-before:always") || strstr(v, "break-before:page"));
}

/* After a div with a page break after it (PDFBox's). */
static bool page_after(xmlNodePtr n)
{
	char buf[200];
	const char *v = attribute(n, "style", buf, sizeof buf);
	return v && (strstr(v, "page-break-after:always") || strstr(v, "break-after:page"));
}

/* A <word> of pdftotext -bbox (-bbox-layout has its <line>s too): on a
 * line of its own when its box and the last word's share none of their
 * height (a bold label and its value set in another size still share
 * most of it). */
static void word_box(struct walk *w, xmlNodePtr n)
{
	char top[40], bottom[40];
	const char *a = attribute(n, "ymin", top, sizeof top), *b = attribute(n, "ymax", bottom, sizeof bottom);
	if (!a || !b)
		return;
	double y0 = strtod(a, NULL), y1 = strtod(b, NULL);
	if (w->any_word && (y0 >= w->word_bottom || y1 <= w->word_top))
		end_line(w);
	w->word_top = y0, w->word_bottom = y1, w->any_word = true;
}

/* pdftohtml's mark of a page: an empty <a name="N">, N its number. */
static bool page_anchor(xmlNodePtr n)
{
	char buf[32];
	const char *v = attribute(n, "name", buf, sizeof buf);
	return v && !n->children && *v && strspn(v, "0123456789") == strlen(v);
}

static void note_frame(struct walk *w, xmlNodePtr n)
{
	xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
	size_t k = strlen(w->frames);
	if (src && k + 3 < sizeof w->frames)
		snprintf(w->frames + k, sizeof w->frames - k, "%s%s", k ? ", " : "", (const char *)src);
	xmlFree(src);
}

/* Entering n: whether its children are walked. */
static bool enter(struct walk *w, xmlNodePtr n)
{
	/* Text; elements; not comments, processing instructions, a DTD. */
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		text(w, n->content);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	switch (kind_of(n)) {
	case INLINE:
		if (xmlStrcmp(n->name, (const xmlChar *)"a") == 0 && page_anchor(n))
			end_page(w);
		return true;
	case SKIP:
		return false;
	case BREAK:
		open_line(w);
		end_line(w);
		return false;
	case RULE:
		end_page(w);
		return false;
	case CELL:
		w->space = true;
		return true;
	case PRE:
		end_line(w);
		w->pre++;
		return true;
	case FRAME:
		note_frame(w, n);
		return false;
	case PAGE:
		end_page(w);
		w->any_word = false;
		return true;
	case WORD:
		word_box(w, n);
		w->space = true;
		return true;
	case BLOCK:
		if (xmlStrcmp(n->name, (const xmlChar *)"div") == 0 && page_div(n))
			end_page(w);
		else
			end_line(w);
		return true;
	}
	return true;
}

/* Leaving n, its children walked or not. */
static void leave(struct walk *w, xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	switch (kind_of(n)) {
	case BLOCK:
		if (xmlStrcmp(n->name, (const xmlChar *)"div") == 0 && page_after(n))
			end_page(w);
		else
			end_line(w);
		break;
	case PRE:
		end_line(w);
		w->pre--;
		break;
	case CELL:
	case WORD:
		w->space = true;
		break;
	case PAGE:
		end_line(w);
		break;
	case INLINE:
	case SKIP:
	case BREAK:
	case RULE:
	case FRAME:
		break;
	}
}

/* Depth first, in document order, by the tree's own links. */
static void walk_tree(struct walk *w, xmlDocPtr doc)
{
	xmlNodePtr n = doc->children;
	while (n && !w->failed) {
		if (enter(w, n) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			leave(w, n);
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n || n == (xmlNodePtr)doc) {
				n = NULL;
				break;
			}
		}
	}
	end_line(w);
}

char *imr_html_text(const char *data, size_t len, const struct imr_options *opt, size_t *text_len,
                    struct imr_diags *diags)
{
	*text_len = 0;
	if (len > opt->max_input_bytes || len > INT_MAX) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "input is %zu bytes, more than the limit of %zu (see --max-size)", len,
		             opt->max_input_bytes < INT_MAX ? opt->max_input_bytes : (size_t)INT_MAX);
		return NULL;
	}
	htmlParserCtxtPtr pc = htmlNewParserCtxt();
	if (!pc) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory reading the HTML page");
		return NULL;
	}
	struct html_log log = {0};
	pc->_private = &log;
	pc->sax->error = on_error;
	pc->sax->warning = on_warning;
	pc->sax->fatalError = on_error;
	htmlDocPtr doc = htmlCtxtReadMemory(pc, data, (int)len, NULL, encoding_of(data, len),
	                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	/* Halted (nested too deep, out of memory): the rest is not read. */
	bool halted = pc->disableSAX != 0;
	htmlFreeParserCtxt(pc);
	if (halted) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "damaged HTML page: libxml2 stopped reading it before its end: %s",
		             log.count ? log.first : "no reason given");
		xmlFreeDoc(doc);
		return NULL;
	}
	struct walk w = {.max = opt->max_input_bytes};
	if (doc)
		walk_tree(&w, doc);
	xmlFreeDoc(doc);
	if (w.failed && w.len > w.max)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the text of the HTML page is more than the limit of %zu bytes (see "
		             "--max-size)",
		             w.max);
	else if (w.failed)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory reading the HTML page");
	else if (!w.any_text && w.frames[0])
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the HTML page is a frameset: its text is in its frames' pages, %s (of "
		             "pdftohtml's frames, the one whose name ends in s.html holds the letter)",
		             w.frames);
	else if (!w.any_text && log.count)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the HTML page holds no text: damaged or empty (libxml2 reported %zu "
		             "problem(s), the first: %s)",
		             log.count, log.first);
	else if (!w.any_text)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "the HTML page holds no text");
	if (w.failed || !w.any_text) {
		free(w.p);
		return NULL;
	}
	if (w.controls)
		imr_diag_add(diags, IMR_WARNING, 0, 0, NULL, 0,
		             "%zu control character(s) in the HTML page's text replaced by spaces",
		             w.controls);
	*text_len = w.len;
	return w.p;
}
