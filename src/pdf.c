/* pdf.c - a PDF's bytes to the text of its pages (see pdf.h and
 * docs/pdf.md).
 *
 * poppler_page_get_text() gives a page's text in poppler's reading order,
 * one output line per text line: the same text engine as pdftotext
 * (TextOutputDev), and on the published letters the same lines as
 * pdftotext without -layout, less its blank lines between text blocks.
 *
 * Threads: every call opens its own PopplerDocument; poppler guards its
 * one global (GlobalParams) with a reference-counted initializer under a
 * mutex, and GLib's type system is thread-safe; what poppler makes lazily
 * without a lock is made once, before any conversion (init_poppler,
 * below).  What poppler says about
 * a broken file goes to g_log (domain "Poppler"); a handler installed
 * once keeps, per thread, what was said during the current extraction,
 * and passes everything else on to GLib's default handler. */
#include "pdf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <poppler.h>

#include "diag.h"

bool imr_is_pdf(const char *data, size_t len)
{
	return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

/* What a user may save under a letter's name that is neither its PDF nor
 * its text, by its first bytes (as file(1) knows them). */
static const struct {
	const char *magic;
	size_t len;
	const char *what;
} other_formats[] = {
	{"\xFF\xD8\xFF", 3, "a JPEG image"},
	{"\x89PNG\r\n\x1A\n", 8, "a PNG image"},
	{"GIF87a", 6, "a GIF image"},
	{"GIF89a", 6, "a GIF image"},
	{"II*\0", 4, "a TIFF image"},
	{"MM\0*", 4, "a TIFF image"},
	{"PK\x03\x04", 4, "a ZIP archive, or a Word or OpenDocument file"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "a Microsoft Office file"},
	{"\x1F\x8B", 2, "a gzip file"},
};

bool imr_refuse_other_format(const char *data, size_t len, const struct imr_options *opt,
                             struct imr_diags *diags)
{
	for (size_t i = 0; i < sizeof other_formats / sizeof *other_formats; i++) {
		if (len < other_formats[i].len ||
		    memcmp(data, other_formats[i].magic, other_formats[i].len) != 0)
			continue;
		const char *name = opt->source_name;
		size_t n = name ? strlen(name) : 0;
		bool pdf_name = n >= 4 && strcasecmp(name + n - 4, ".pdf") == 0;
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "not a %s (%s)",
		             pdf_name ? "PDF" : "PDF or a letter's text", other_formats[i].what);
		return true;
	}
	return false;
}

/* ---- poppler's messages ------------------------------------------------ */

struct poppler_log {
	size_t count;
	char first[200];
};

static _Thread_local struct poppler_log *current_log;

static void on_poppler_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                           gpointer data)
{
	struct poppler_log *l = current_log;
	if (!l) {
		g_log_default_handler(domain, level, message, data);
		return;
	}
	if (!l->count++)
		snprintf(l->first, sizeof l->first, "%s", message ? message : "");
}

/* Two things happen once per process, before any thread reads a PDF.
 *
 * poppler makes its global parameters when the first document opens and
 * deletes them when the last one closes: every letter would pay for
 * making them anew (1.4 ms, a third of the time of a two-page letter).
 * The one-page document below, open for the life of the process, keeps
 * them.
 *
 * poppler also makes some things lazily, without a lock, the first time a
 * page is read: the sRGB colour profile shared by all its graphics states
 * is one (GfxState::sRGBProfile); two threads reading their first page at
 * once both make it, and one frees the other's (ThreadSanitizer caught it
 * with the published letters).  Reading this document's page once, here,
 * makes them before there are threads to race. */
static const char keeper_pdf[] =
	"%PDF-1.4\n"
	"1 0 obj<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 9 9]/Contents 4 0 R"
	"/Resources<</Font<</F1 5 0 R>>>>>>\nendobj\n"
	"4 0 obj<</Length 28>>stream\nBT /F1 1 Tf 0 0 Td (x) Tj ET\nendstream\nendobj\n"
	"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>\nendobj\n"
	"xref\n0 6\n"
	"0000000000 65535 f \n"
	"0000000009 00000 n \n"
	"0000000053 00000 n \n"
	"0000000103 00000 n \n"
	"0000000210 00000 n \n"
	"0000000284 00000 n \n"
	"trailer<</Size 6/Root 1 0 R>>\nstartxref\n346\n%%EOF\n";
static PopplerDocument *volatile keeper; /* never read: volatile keeps the store */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_poppler(void)
{
	g_log_set_handler("Poppler",
	                  G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG,
	                  on_poppler_log, NULL);
	GBytes *bytes = g_bytes_new_static(keeper_pdf, sizeof keeper_pdf - 1);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
	g_bytes_unref(bytes);
	PopplerPage *page = doc ? poppler_document_get_page(doc, 0) : NULL;
	if (page) {
		g_free(poppler_page_get_text(page));
		g_object_unref(page);
	}
	keeper = doc;
}

/* ---- the text ---------------------------------------------------------- */

struct text {
	char *p;
	size_t len, cap;
	size_t controls; /* C0 controls in poppler's text, made spaces */
	bool any;        /* some character other than white space */
};

static bool grow(struct text *t, size_t more)
{
	if (t->cap - t->len >= more)
		return true;
	size_t cap = t->cap ? t->cap : 65536;
	while (cap - t->len < more)
		cap *= 2;
	char *p = realloc(t->p, cap);
	if (!p)
		return false;
	t->p = p;
	t->cap = cap;
	return true;
}

/* Append one page's text: a form feed first on every page but the first,
 * a newline last.  Control characters other than newline and tab become
 * spaces, so a form feed is only ever a page break. */
static bool append_page(struct text *t, const char *s, bool first)
{
	size_t n = strlen(s);
	if (!grow(t, n + 2))
		return false;
	if (!first)
		t->p[t->len++] = '\f';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && c != '\t') {
			c = ' ';
			t->controls++;
		} else if (c != ' ' && c != '\n' && c != '\t') {
			t->any = true;
		}
		t->p[t->len++] = (char)c;
	}
	if (!n || s[n - 1] != '\n')
		t->p[t->len++] = '\n';
	return true;
}

/* A complete PDF ends with %%EOF (in its last 1024 bytes, as readers
 * look for it); a file cut short does not.  poppler would rebuild the
 * cross-reference table and read what is left, silently losing the
 * rest. */
static bool has_eof_marker(const char *data, size_t len)
{
	if (len < 5)
		return false;
	size_t from = len > 1024 ? len - 1024 : 0;
	for (size_t i = len - 5;; i--) {
		if (memcmp(data + i, "%%EOF", 5) == 0)
			return true;
		if (i == from)
			return false;
	}
}

static PopplerDocument *open_document(const char *data, size_t len, const struct poppler_log *log,
                                      struct imr_diags *diags)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes); /* the document holds its own reference */
	if (doc)
		return doc;
	if (g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the PDF is encrypted and needs a password to be read (decrypt it first, "
		             "e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)");
	else
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "damaged PDF, poppler cannot read it: %s",
		             log->count ? log->first : err ? err->message : "unknown error");
	g_clear_error(&err);
	return NULL;
}

/* Every page's text into t; false (with an error) when refused. */
static bool extract(PopplerDocument *doc, const struct imr_options *opt, struct text *t,
                    size_t *pages, const struct poppler_log *log, struct imr_diags *diags)
{
	int n = poppler_document_get_n_pages(doc);
	*pages = n > 0 ? (size_t)n : 0;
	if (n <= 0) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "the PDF has no pages");
		return false;
	}
	if ((size_t)n > opt->max_pages) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the PDF has %d pages, more than the limit of %zu (see --max-pages)", n,
		             opt->max_pages);
		return false;
	}
	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
			             "damaged PDF: page %d of %d cannot be read%s%s", i + 1, n,
			             log->count ? ": " : "", log->first);
			return false;
		}
		char *s = poppler_page_get_text(page);
		g_object_unref(page);
		bool ok = append_page(t, s ? s : "", i == 0);
		g_free(s);
		if (!ok) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory reading the PDF's text");
			return false;
		}
		if (t->len > opt->max_input_bytes) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
			             "the text of the PDF's first %d page(s) is %zu bytes, more than the "
			             "limit of %zu (see --max-size)",
			             i + 1, t->len, opt->max_input_bytes);
			return false;
		}
	}
	if (!t->any) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the PDF has no text layer: its %d page(s) hold no text, only images or "
		             "nothing (a scan?); imr2xml reads the text of a PDF, it does no OCR",
		             n);
		return false;
	}
	return true;
}

char *imr_pdf_text(const char *data, size_t len, const struct imr_options *opt, size_t *text_len,
                   size_t *pages, struct imr_diags *diags)
{
	*text_len = 0;
	*pages = 0;
	if (len > opt->max_input_bytes) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "input is %zu bytes, more than the limit of %zu (see --max-size)", len,
		             opt->max_input_bytes);
		return NULL;
	}
	if (!has_eof_marker(data, len)) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "damaged PDF: it does not end with %%%%EOF (truncated?)");
		return NULL;
	}
	pthread_once(&init_once, init_poppler);
	struct poppler_log log = {0};
	current_log = &log;
	struct text t = {0};
	PopplerDocument *doc = open_document(data, len, &log, diags);
	bool ok = doc && extract(doc, opt, &t, pages, &log, diags);
	if (doc)
		g_object_unref(doc);
	current_log = NULL;
	if (!ok) {
		free(t.p);
		return NULL;
	}
	if (log.count)
		imr_diag_add(diags, IMR_WARNING, 0, 0, NULL, 0,
		             "the PDF has errors, its text may be incomplete: poppler reported %zu "
		             "problem(s), the first: %s",
		             log.count, log.first);
	if (t.controls)
		imr_diag_add(diags, IMR_WARNING, 0, 0, NULL, 0,
		             "%zu control character(s) in the PDF's text replaced by spaces", t.controls);
	*text_len = t.len;
	return t.p;
}
