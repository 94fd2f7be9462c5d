/* export.h - determinations as tables: one row per item (issue), in CSV
 * or JSON Lines, read from the XML by XPath (docs/export.md).
 *
 * The rows are made FROM THE XML: the libxml2 tree of a document's
 * validated XML, or of an XML file given as input.  One table of
 * columns (export.c) names each column, its XPath (relative to the
 * document or to the issue) and whether it holds one value or many, so
 * the export cannot say anything the XML does not. */
#ifndef IMR_EXPORT_H
#define IMR_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "imr2xml.h"

enum imr_format {
	IMR_FORMAT_XML,   /* the XML itself: no export */
	IMR_FORMAT_CSV,   /* RFC 4180, a header row, many values joined with "; " */
	IMR_FORMAT_JSONL, /* one JSON object a line, many values as arrays */
};

/* --table: which table the rows are (docs/export.md). */
enum imr_table {
	IMR_TABLE_ITEMS,   /* one row per item (issue), the default */
	IMR_TABLE_LETTERS, /* one row per letter */
};
/* "items" or "letters"; false for anything else. */
bool imr_table_parse(const char *name, enum imr_table *out);
/* The table every later export makes; call it before any thread exports. */
void imr_export_set_table(enum imr_table t);
/* The name of that table: "items" or "letters" (batch mode's file name). */
const char *imr_table_name(void);

/* "xml", "csv" or "jsonl"; false for anything else. */
bool imr_format_parse(const char *name, enum imr_format *out);
/* The file name extension of a format: "xml", "csv", "jsonl". */
const char *imr_format_extension(enum imr_format f);

/* What starts an export: the header row for CSV, nothing for JSONL.
 * Appended to out; 0 or ENOMEM.  Call it once, before any thread makes
 * rows (it also seeds the JSON library's hash function). */
int imr_export_begin(enum imr_format f, struct imr_buffer *out);

/* The rows of one determination, one per issue in document order,
 * appended to out.  source names the input the rows come from: the
 * source column holds the root's @source, or source when there is none.
 * *rows (may be NULL) gets the number of rows.  0, ENOMEM, or EILSEQ
 * (JSON: source is needed and is not UTF-8). */
int imr_export_doc(enum imr_format f, xmlDocPtr doc, const char *source, struct imr_buffer *out,
                   size_t *rows);

/* The same from XML bytes (what the converter wrote, already valid):
 * read back safely (no network, no entities), then exported.  0, EINVAL
 * (not well-formed: the reasons in diags), ENOMEM or EILSEQ. */
int imr_export_xml(enum imr_format f, const char *xml, size_t len, const char *source,
                   struct imr_buffer *out, size_t *rows, struct imr_diags *diags);

/* True when the input is XML rather than a letter: its first character
 * (after a byte order mark and white space) is '<'. */
bool imr_is_xml(const char *data, size_t len);

/* True when doc's root is our <determination> (or <determinations>, the
 * letters of one input); otherwise false, and an error in diags that says
 * what it is instead. */
bool imr_is_determination(xmlDocPtr doc, struct imr_diags *diags);

/* The letters of our XML, in order: the root <determination>, or each
 * <determination> of a <determinations> (letters joined in one input);
 * NULL after the last.  And how many there are. */
xmlNodePtr imr_xml_first_letter(xmlDocPtr doc);
xmlNodePtr imr_xml_next_letter(xmlNodePtr letter);
size_t imr_xml_letters(xmlDocPtr doc);

/*
 * One input of `imr2xml --format FMT INPUT...`: XML is read and validated
 * (when validator is not NULL), a letter is converted; either way its rows
 * are appended to out.  Returns the status of the input (IMR_OK, or
 * IMR_REJECTED with the reasons in diags; a partial conversion yields rows
 * and IMR_REJECTED); *exported (may be NULL) tells whether there was XML to
 * export.
 */
enum imr_status imr_export_input(enum imr_format f, const char *data, size_t len, const char *source,
                                 const struct imr_options *opt, struct imr_validator *validator,
                                 struct imr_buffer *out, bool *exported, struct imr_diags *diags);

#endif
