/* convert.c - the pipeline, one stage after the other:
 * [PDF ->] normalize -> lex + parse -> extract -> XML -> validate. */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "extract.h"
#include "imr2xml.h"
#include "normalize.h"
#include "parse.h"
#include "pdf.h"
#include "text.h"
#include "verify.h"
#include "xml.h"

/* A letter cut off inside its last rationale still parses: say so. */
static void warn_if_truncated(const struct imr_source *src, const struct imr_document *doc,
                              struct imr_diags *diags)
{
	if (!doc->issue_count)
		return;
	const struct imr_text *r = doc->issues[doc->issue_count - 1]->rationale;
	if (!r || !r->count)
		return;
	const struct imr_line *l = &r->lines[r->count - 1];
	char c = l->end > l->start ? src->text[l->end - 1] : '.';
	if (c != '.' && c != '"' && c != ')' && c != '!' && c != '?' && c != '\'')
		imr_diag_at(diags, src, IMR_WARNING, l->end,
		            "the document may be truncated: its last rationale ends mid-sentence");
}

/* An item whose title is empty (": Upheld" alone) is no item: report it,
 * and keep its text as unparsed so nothing is lost. */
static bool untitled_items(struct imr_arena *a, const struct imr_source *src,
                           const struct imr_document *doc, struct imr_determination *det,
                           struct imr_diags *diags)
{
	size_t bad = 0;
	for (size_t i = 0; i < det->issue_count; i++)
		bad += !*det->issues[i].service;
	if (!bad)
		return true;
	struct imr_unparsed *u = imr_arena_alloc(a, (det->unparsed_count + bad) * sizeof *u);
	memcpy(u, det->unparsed, det->unparsed_count * sizeof *u);
	size_t kept = 0;
	for (size_t i = 0; i < det->issue_count; i++) {
		struct imr_issue_facts *f = &det->issues[i];
		if (*f->service) {
			det->issues[kept++] = *f;
			continue;
		}
		const struct imr_span sp = doc->issues[i]->node.span;
		imr_diag_at(diags, src, IMR_ERROR, sp.start, "an item without a title (only its decision)");
		struct imr_text t = {.node = {IMR_N_TEXT, sp}};
		struct imr_line l = {.start = sp.start, .end = sp.end};
		t.lines = &l;
		t.count = 1;
		u[det->unparsed_count++] = (struct imr_unparsed){f->line, imr_text_join(a, src, &t, 0, 1)};
	}
	det->issue_count = kept;
	det->unparsed = u;
	det->complete = false;
	return false;
}

void imr_options_init(struct imr_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->max_input_bytes = IMR_DEFAULT_MAX_INPUT;
	opt->max_pages = IMR_DEFAULT_MAX_PAGES;
}

/* The front end both entry points share: a PDF to its text, normalize,
 * then parse into the arena.  NULL when the input is refused or nothing
 * was recognised.  *pages: the PDF's pages, or the text's. */
static struct imr_document *front_end(const char *data, size_t len, const struct imr_options *opt,
                                      struct imr_source *src, struct imr_arena *arena,
                                      size_t *pages, struct imr_diags *diags)
{
	imr_arena_init(arena);
	memset(src, 0, sizeof *src);
	*pages = 0;
	char *pdf_text = NULL;
	bool pdf = imr_is_pdf(data, len);
	if (pdf) {
		pdf_text = imr_pdf_text(data, len, opt, &len, pages, diags);
		if (!pdf_text)
			return NULL;
		data = pdf_text;
	}
	bool ok = imr_normalize(data, len, opt, src, diags);
	free(pdf_text);
	if (!ok)
		return NULL;
	if (!pdf)
		*pages = src->npages;
	return imr_parse(src, arena, diags);
}

enum imr_status imr_convert(const char *data, size_t len, const struct imr_options *opt,
                            struct imr_validator *validator, xmlDocPtr *out,
                            struct imr_summary *summary, struct imr_diags *diags)
{
	*out = NULL;
	if (summary)
		memset(summary, 0, sizeof *summary);
	struct imr_source src;
	struct imr_arena arena;
	enum imr_status st = IMR_REJECTED;
	size_t errors_before = diags->errors;
	size_t pages;
	struct imr_document *doc = front_end(data, len, opt, &src, &arena, &pages, diags);
	if (summary)
		summary->pages = pages;
	if (!doc)
		goto done;
	if (summary) {
		summary->variant = imr_variant_name(doc->variant);
		summary->issues = doc->issue_count;
	}
	bool clean = diags->errors == errors_before;
	warn_if_truncated(&src, doc, diags);
	if (!clean && !opt->partial)
		goto done;
	struct imr_determination det;
	imr_extract(&arena, &src, doc, &det);
	if (!untitled_items(&arena, &src, doc, &det, diags))
		clean = false;
	det.complete = det.complete && clean;
	if (summary)
		summary->complete = det.complete;
	xmlDocPtr x = imr_xml_build(&det);
	if (!x) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory building XML");
		st = IMR_USAGE;
		goto done;
	}
	if (validator && !imr_validate_doc(validator, x, diags)) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "internal error: the XML produced does not validate against the schema "
		             "(please report this with the input)");
		xmlFreeDoc(x);
		st = IMR_INVALID_OUTPUT;
		goto done;
	}
	if (opt->verify && !imr_verify(&src, x, diags))
		clean = false;
	*out = x;
	st = clean ? IMR_OK : IMR_REJECTED;
	if (!clean && !opt->partial) {
		xmlFreeDoc(x);
		*out = NULL;
	}
done:
	imr_arena_free(&arena);
	imr_source_free(&src);
	return st;
}

enum imr_status imr_dump_ast(const char *data, size_t len, const struct imr_options *opt,
                             FILE *out, struct imr_diags *diags)
{
	struct imr_source src;
	struct imr_arena arena;
	size_t errors_before = diags->errors;
	size_t pages;
	struct imr_document *doc = front_end(data, len, opt, &src, &arena, &pages, diags);
	if (doc)
		imr_ast_dump(doc, &src, out);
	enum imr_status st = doc && diags->errors == errors_before ? IMR_OK : IMR_REJECTED;
	imr_arena_free(&arena);
	imr_source_free(&src);
	return st;
}
