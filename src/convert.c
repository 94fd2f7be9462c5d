/* convert.c - the pipeline, one stage after the other:
 * [PDF or HTML ->] normalize -> lex + parse -> extract -> XML written and validated. */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "consistency.h"
#include "digest.h"
#include "diag.h"
#include "extract.h"
#include "html.h"
#include "imr2xml.h"
#include "normalize.h"
#include "parse.h"
#include "pdf.h"
#include "onecase.h"
#include "reading_order.h"
#include "text.h"
#include "unwrap.h"
#include "verify.h"
#include "word_boxes.h"
#include "xml.h"

/* The length of the character at s in a name XML can hold, or 0. */
static size_t name_char(const char *s, size_t n)
{
	return (unsigned char)*s < 0x20 ? 0 : imr_utf8_length((const unsigned char *)s, n);
}

/* A file's name as XML can hold it: the bytes that are not UTF-8 (a
 * name is bytes to the system) or are control characters written %XX. */
static const char *xml_name(struct imr_arena *a, const char *name)
{
	size_t n = strlen(name), bad = 0;
	for (size_t i = 0; i < n;) {
		size_t k = name_char(name + i, n - i);
		bad += !k;
		i += k ? k : 1;
	}
	if (!bad)
		return name;
	char *out = imr_arena_alloc(a, n + 2 * bad + 1), *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = name_char(name + i, n - i);
		if (k) {
			memcpy(o, name + i, k);
			o += k, i += k;
		} else {
			o += snprintf(o, 4, "%%%02X", (unsigned char)name[i++]);
		}
	}
	*o = '\0';
	return out;
}

void imr_options_init(struct imr_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->max_input_bytes = IMR_DEFAULT_MAX_INPUT;
	opt->max_pages = IMR_DEFAULT_MAX_PAGES;
}

/* The front end both entry points share: a PDF, an HTML page or word boxes to its
 * text, normalize, then parse into the arena.  NULL when the input is
 * refused or nothing was recognised.  *pages: the PDF's pages, or the
 * text's (an HTML page's as its text marks them). */
static struct imr_document *front_end(const char *data, size_t len, const struct imr_options *opt,
                                      struct imr_source *src, struct imr_arena *arena,
                                      size_t *pages, struct imr_diags *diags)
{
	imr_arena_init(arena);
	memset(src, 0, sizeof *src);
	*pages = 0;
	char *made = NULL; /* the text of a PDF, an HTML page or word boxes */
	bool pdf = imr_is_pdf(data, len), html = !pdf && imr_is_html(data, len);
	bool boxes = !pdf && !html && imr_is_word_boxes(data, len);
	if (!pdf && !html && !boxes && imr_refuse_other_format(data, len, opt, diags))
		return NULL;
	if (pdf || html || boxes) {
		made = pdf    ? imr_pdf_text(data, len, opt, &len, pages, diags)
		       : html ? imr_html_text(data, len, opt, &len, diags)
		              : imr_word_boxes_text(data, len, opt, &len, diags);
		if (!made)
			return NULL;
		data = made;
	}
	bool ok = imr_normalize(data, len, opt, src, diags);
	free(made);
	if (!ok)
		return NULL;
	if (!pdf)
		*pages = src->npages;
	/* Lone capitals: maybe pdfminer -V's boxes, out of reading order. */
	if (src->lone_capitals >= 2 && imr_restore_reading_order(src) < 0) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory");
		return NULL;
	}
	/* A text of one case is scanned and parsed in the vocabulary's case,
	 * and read (extraction, the XML) in its own. */
	bool one_case = imr_letter_case(src) != IMR_CASE_MIXED;
	if (one_case)
		imr_one_case_read(src);
	imr_unwrap(src);
	imr_mark_broken_words(arena, src);
	struct imr_document *doc = imr_parse(src, arena, diags);
	if (one_case)
		imr_one_case_restore(src, arena);
	return doc;
}

/* Both entry points: the XML as bytes in out, and when doc is not NULL
 * also as a tree (read back from the bytes). */
static enum imr_status convert(const char *data, size_t len, const struct imr_options *opt,
                               struct imr_validator *validator, struct imr_buffer *out,
                               xmlDocPtr *doc, struct imr_summary *summary, struct imr_diags *diags)
{
	*out = (struct imr_buffer){0};
	if (doc)
		*doc = NULL;
	if (summary)
		memset(summary, 0, sizeof *summary);
	struct imr_source src;
	struct imr_arena arena;
	enum imr_status st = IMR_REJECTED;
	size_t errors_before = diags->errors;
	size_t pages;
	struct imr_document *ast = front_end(data, len, opt, &src, &arena, &pages, diags);
	if (summary)
		summary->pages = pages;
	if (!ast)
		goto done;
	size_t letters = 0, attributed = 0;
	for (const struct imr_document *l = ast; l; l = l->next)
		letters++, attributed += l->errors;
	if (summary) {
		summary->variant = imr_variant_name(ast->variant);
		summary->letters = letters;
		for (const struct imr_document *l = ast; l; l = l->next)
			summary->issues += l->issue_count;
	}
	bool clean = diags->errors == errors_before;
	/* An error that is no one letter's (none so far) fails them all. */
	bool shared_error = diags->errors - errors_before > attributed;
	if (!clean && !opt->partial)
		goto done;
	struct imr_determination one, *det = &one;
	if (letters > 1)
		det = imr_arena_alloc(&arena, letters * sizeof *det);
	char sha[65];
	if (!opt->sha256)
		imr_sha256_hex(data, len, sha);
	size_t k = 0;
	for (const struct imr_document *l = ast; l; l = l->next, k++) {
		struct imr_determination *d = &det[k];
		imr_extract(&arena, &src, l, d);
		d->source = opt->source_name ? xml_name(&arena, opt->source_name) : NULL;
		d->sha256 = opt->sha256 ? opt->sha256 : sha;
		imr_check(&arena, &src, l, d, diags);
		bool letter_clean = letters == 1 ? clean : l->errors == 0 && !shared_error;
		if (!imr_check_items(&arena, &src, l, d, diags))
			clean = letter_clean = false;
		d->complete = d->complete && letter_clean;
		if (summary) {
			summary->complete = k ? summary->complete && d->complete : d->complete;
			summary->warnings += d->warning_count;
			for (size_t i = 0; i < d->warning_count; i++)
				summary->warning_codes |= 1u << d->warnings[i].code;
		}
	}
	/* The XML is somewhat larger than the text it comes from. */
	struct imr_xml_writer w;
	if (!imr_xml_begin(&w, validator, diags, len + len / 2 + 4096)) {
		imr_xml_abandon(&w);
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory writing XML");
		st = IMR_USAGE;
		goto done;
	}
	imr_xml_write(&w, det, letters);
	st = imr_xml_finish(&w, out, diags);
	if (st == IMR_INVALID_OUTPUT)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "internal error: the XML produced does not validate against the schema "
		             "(please report this with the input)");
	if (st != IMR_OK)
		goto done;
	xmlDocPtr tree = NULL;
	if (doc || opt->verify) {
		tree = imr_xml_read(out->data, out->len, diags);
		if (!tree) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
			             "internal error: the XML produced is not well-formed "
			             "(please report this with the input)");
			imr_buffer_free(out);
			st = IMR_INVALID_OUTPUT;
			goto done;
		}
	}
	if (opt->verify && !imr_verify(&src, tree, diags))
		clean = false;
	st = clean ? IMR_OK : IMR_REJECTED;
	if (!clean && !opt->partial) {
		imr_buffer_free(out);
		xmlFreeDoc(tree);
		tree = NULL;
	}
	if (doc)
		*doc = tree;
	else
		xmlFreeDoc(tree);
done:
	imr_arena_free(&arena);
	imr_source_free(&src);
	return st;
}

enum imr_status imr_convert_to_buffer(const char *data, size_t len, const struct imr_options *opt,
                                      struct imr_validator *validator, struct imr_buffer *out,
                                      struct imr_summary *summary, struct imr_diags *diags)
{
	return convert(data, len, opt, validator, out, NULL, summary, diags);
}

enum imr_status imr_convert(const char *data, size_t len, const struct imr_options *opt,
                            struct imr_validator *validator, xmlDocPtr *out,
                            struct imr_summary *summary, struct imr_diags *diags)
{
	struct imr_buffer xml;
	enum imr_status st = convert(data, len, opt, validator, &xml, out, summary, diags);
	imr_buffer_free(&xml);
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
	for (const struct imr_document *l = doc; l; l = l->next) {
		if (l->ordinal)
			fprintf(out, "letter %u\n", l->ordinal);
		imr_ast_dump(l, &src, out);
	}
	enum imr_status st = doc && diags->errors == errors_before ? IMR_OK : IMR_REJECTED;
	imr_arena_free(&arena);
	imr_source_free(&src);
	return st;
}
