/*
 * imr2xml.h - public interface of libimr2xml, the library behind the
 * imr2xml command.
 *
 * The pipeline reads one way:
 *
 *     bytes [--pdf--> text, when the bytes are a PDF;
 *            --html--> text, when they are an HTML or XHTML page]
 *           --normalize--> text --lex--> tokens --parse--> AST
 *           --extract--> determination --write + validate--> XML bytes
 *
 * The input is the text of a letter as pdftotext extracts it (with or
 * without -layout), or the PDF itself: a buffer that starts with "%PDF-"
 * is read through poppler, page by page (docs/pdf.md); or its HTML or
 * XHTML page: a buffer that opens with "<!DOCTYPE html" or "<html" is
 * read through libxml2's HTML parser, a line for each block and <br>
 * (docs/grammar.md, "HTML input").
 *
 * The XML is written in one pass, without a tree, and validated against
 * the embedded schema as it is written.  A caller hands a buffer to
 * imr_convert_to_buffer() and gets back the validated XML, or nothing
 * and diagnostics; imr_convert() gives the same document as an xmlDoc.
 * Everything is reentrant: threads may convert documents concurrently as
 * long as each uses its own struct imr_validator.
 */
#ifndef IMR2XML_H
#define IMR2XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

#define IMR2XML_VERSION "0.1.0"
#define IMR2XML_NAMESPACE "urn:imr2xml:determination:1"

/* Exit statuses of the command, also used as result codes. */
enum imr_status {
	IMR_OK = 0,             /* parsed, converted and valid */
	IMR_REJECTED = 1,       /* the input is not a determination we can read */
	IMR_USAGE = 2,          /* bad command line, or an I/O error */
	IMR_SCHEMA_FAILED = 3,  /* the embedded schema did not compile */
	IMR_INVALID_OUTPUT = 4, /* our own XML failed the schema: a bug */
};

enum imr_severity { IMR_NOTE, IMR_WARNING, IMR_ERROR };

/* One diagnostic.  line and column are 1-based and refer to the original
 * input (for a PDF or an HTML page, to the lines of its text as read);
 * 0 means "the whole file". */
struct imr_diag {
	enum imr_severity severity;
	unsigned line;
	unsigned column;
	char *message;
	char *source_line; /* the offending input line, or NULL */
	unsigned caret;    /* the column in source_line (normalized: a ligature
	                    * folded, blanks collapsed), or 0: column's */
};

struct imr_diags {
	struct imr_diag *items;
	size_t count;
	size_t capacity;
	size_t errors;
	size_t warnings;
};

void imr_diags_init(struct imr_diags *d);
void imr_diags_free(struct imr_diags *d);
/* Print every diagnostic as FILE:LINE:COL: severity: message, with the
 * source line and a caret under the column when known. */
void imr_diags_print(const struct imr_diags *d, const char *filename, FILE *out);

struct imr_options {
	size_t max_input_bytes; /* inputs larger than this are refused: a text,
	                           a PDF's or a page's bytes, and the text read
	                           from either */
	size_t max_pages;       /* PDFs with more pages than this are refused */
	bool partial;           /* keep what parsed, with unparsed elements */
	bool verify;            /* check that every input word is in the XML */
	const char *source_name; /* the input's name for the XML's @source, or NULL */
	const char *sha256;     /* the input's digest when the caller has it, or NULL */
};

#define IMR_DEFAULT_MAX_INPUT ((size_t)16 << 20)
#define IMR_DEFAULT_MAX_PAGES ((size_t)300)

void imr_options_init(struct imr_options *opt);

/* The compiled schema: compile once per process, share read-only. */
struct imr_schema;
struct imr_schema *imr_schema_load(struct imr_diags *diags);
void imr_schema_free(struct imr_schema *schema);
const char *imr_schema_text(size_t *len);

/* A validation context: one per thread. */
struct imr_validator;
struct imr_validator *imr_validator_new(const struct imr_schema *schema);
void imr_validator_free(struct imr_validator *v);
/* Validate an in-memory document; errors go to diags with their line. */
bool imr_validate_doc(struct imr_validator *v, xmlDocPtr doc, struct imr_diags *diags);
/* Read an XML file safely (no network, no DTD, no entities) and
 * validate it; path "-" is standard input.  Returns IMR_OK, IMR_REJECTED
 * or IMR_USAGE (unreadable, or a directory). */
enum imr_status imr_validate_file(struct imr_validator *v, const char *path,
                                  struct imr_diags *diags);

/* What a conversion produced, for callers that report on it. */
struct imr_summary {
	const char *variant; /* static string, or NULL when rejected early (of
	                      * several letters joined, the first's) */
	size_t letters;      /* the letters the input holds (0: rejected early) */
	size_t issues;       /* all its letters' */
	bool complete;
	size_t warnings;        /* <warning> elements written */
	unsigned warning_codes; /* bit c: a warning with code c (imr_warning_code_name) */
	size_t pages; /* a PDF's pages; for text, its form-feed-separated pages
	                 (an HTML page's: as its converter marked them) */
};

/* The name of warning code c ("dates-out-of-order"), or NULL past the last. */
const char *imr_warning_code_name(unsigned c);

/* XML as bytes: UTF-8, NUL-terminated (the NUL not counted in len). */
struct imr_buffer {
	char *data; /* NULL when empty */
	size_t len;
	size_t cap; /* bytes allocated */
};
/* Free the bytes and leave the buffer empty; an empty one is fine. */
void imr_buffer_free(struct imr_buffer *b);

/*
 * Convert one document to XML bytes, validated as they are written.  On
 * IMR_OK out holds the XML (the caller frees it with imr_buffer_free).
 * With opt->partial a document the grammar could only partly read still
 * yields XML (complete="false") but the status stays IMR_REJECTED.
 * Otherwise out is left empty.  validator may be NULL to skip
 * validation.  IMR_INVALID_OUTPUT: our XML failed the schema (a bug; the
 * validator's messages are in diags).
 */
enum imr_status imr_convert_to_buffer(const char *data, size_t len, const struct imr_options *opt,
                                      struct imr_validator *validator, struct imr_buffer *out,
                                      struct imr_summary *summary, struct imr_diags *diags);

/*
 * The same, as a tree: on IMR_OK *out is the valid document, read back
 * from the bytes imr_convert_to_buffer writes (no network, no entities,
 * no whitespace-only text between elements); the caller frees it with
 * xmlFreeDoc.  With opt->partial as above.
 */
enum imr_status imr_convert(const char *data, size_t len, const struct imr_options *opt,
                            struct imr_validator *validator, xmlDocPtr *out,
                            struct imr_summary *summary, struct imr_diags *diags);

/* Print every document variant the grammar knows, with its headings in
 * order (imr2xml --list-variants). */
void imr_print_variants(FILE *out);

/* Print the AST of a document (for grammar work); returns the status of
 * the parse. */
enum imr_status imr_dump_ast(const char *data, size_t len, const struct imr_options *opt,
                             FILE *out, struct imr_diags *diags);

#endif
