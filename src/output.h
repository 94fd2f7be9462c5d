/* output.h - writing XML out: in one pass into memory, validated as it is
 * written, then atomically to a file, so nothing half-written ever
 * reaches a reader. */
#ifndef IMR_OUTPUT_H
#define IMR_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "imr2xml.h"

/* Room in b for n more bytes and a final NUL; 0 or ENOMEM. */
int imr_buffer_reserve(struct imr_buffer *b, size_t n);
/* Append n bytes to b, keeping it NUL-terminated; 0 or ENOMEM. */
int imr_buffer_append(struct imr_buffer *b, const char *s, size_t n);

/*
 * The XML writer.  It writes exactly what libxml2's xmlSaveDoc with
 * XML_SAVE_FORMAT and encoding "UTF-8" writes for the same tree (the
 * tests hold it to that byte for byte): the XML declaration, two spaces
 * of indentation per level (at most 60), an element holding text on one
 * line with its text, an element with no content as <x/>, and a final
 * newline.  Text is escaped as libxml2 escapes it (& < > and CR), so
 * are attribute values (& < > " and TAB, LF, CR as character
 * references).  Every element is in the namespace of the root.
 *
 * With a validator, every element, attribute and text is handed to
 * libxml2's streaming schema validator as it is written: no tree, no
 * parse.
 *
 * Use, in the order the schema sets:
 *
 *     imr_xml_start_ns(w, "determination", IMR2XML_NAMESPACE);
 *     imr_xml_attr(w, "variant", "imr-2016");
 *     imr_xml_start(w, "issue");
 *     imr_xml_attr_int(w, "n", 1);
 *     imr_xml_element(w, "service", "Baclofen 10mg #90");
 *     imr_xml_end(w);
 *     imr_xml_end(w);
 *
 * Attributes come right after their element's start, before any content.
 * Text comes before an element's child elements, never after one (the
 * layout libxml2 would choose then depends on what follows).  Names are
 * not copied: pass string literals.  Errors (out of memory, misuse) are
 * sticky: every later call does nothing and imr_xml_finish reports it.
 */
struct imr_xml_open; /* an element being written */

struct imr_xml_writer {
	struct imr_buffer out;
	struct imr_validator *validator; /* NULL: write without validating */
	int error;                       /* 0, ENOMEM, or EINVAL (misuse) */
	const char *ns;                  /* the namespace of every element */
	bool done;                       /* the root is closed */
	bool tag_open;                   /* the last start tag lacks its '>' */
	size_t inline_from;              /* depth of the element whose text made its
	                                    content inline; 0: none */
	struct imr_xml_open *stack;      /* open elements, root first */
	size_t depth, stack_cap;
	/* The open start tag's attributes, for the validator: libxml2's SAX2
	 * layout, five pointers each, resolved from offsets into values. */
	const unsigned char **attrs;
	size_t *attr_at;                 /* two offsets (start, end) per attribute */
	size_t nattrs, attrs_cap;
	char *values;
	size_t values_len, values_cap;
};

/* Start a document (the XML declaration); validator may be NULL.  The
 * buffer starts with room for size_hint bytes.  false: out of memory, or
 * the validator could not start (w->error says which). */
bool imr_xml_begin(struct imr_xml_writer *w, struct imr_validator *validator, struct imr_diags *diags,
                   size_t size_hint);
/* The root element, declaring the namespace every element is in. */
void imr_xml_start_ns(struct imr_xml_writer *w, const char *name, const char *ns);
void imr_xml_start(struct imr_xml_writer *w, const char *name);
/* An attribute; a NULL value writes none (an optional attribute). */
void imr_xml_attr(struct imr_xml_writer *w, const char *name, const char *value);
void imr_xml_attr_int(struct imr_xml_writer *w, const char *name, long value);
/* Character content; NULL writes nothing, "" closes the start tag (<x></x>). */
void imr_xml_text(struct imr_xml_writer *w, const char *text);
void imr_xml_end(struct imr_xml_writer *w);
/* An element holding only text: start, text, end; NULL text writes no
 * element at all (an optional element). */
void imr_xml_element(struct imr_xml_writer *w, const char *name, const char *text);
/* End the document: every element must be closed.  On success the XML
 * moves to *out (NUL-terminated) and the result is IMR_OK; otherwise it
 * is IMR_INVALID_OUTPUT (the validator's errors are in diags) or
 * IMR_USAGE (out of memory or misuse, reported in diags), and out is
 * empty.  The writer is left empty either way. */
enum imr_status imr_xml_finish(struct imr_xml_writer *w, struct imr_buffer *out, struct imr_diags *diags);
/* Give up a document (after an error elsewhere). */
void imr_xml_abandon(struct imr_xml_writer *w);

/*
 * The streaming side of a validator (validate.c), which the writer
 * drives: one document between begin and end, its elements as libxml2's
 * SAX2 events (attrs: nattrs groups of localname, prefix, URI, value,
 * value end).  Errors go to diags as the validator finds them.
 */
bool imr_validator_begin(struct imr_validator *v, struct imr_diags *diags);
void imr_validator_start(struct imr_validator *v, const char *name, const char *ns, bool declare_ns,
                         size_t nattrs, const unsigned char **attrs);
void imr_validator_text(struct imr_validator *v, const char *text, size_t len);
void imr_validator_end(struct imr_validator *v, const char *name, const char *ns);
/* true: every event so far was valid. */
bool imr_validator_end_document(struct imr_validator *v);

/* Write data to path so that no reader ever sees it half-written: into
 * an unnamed file of its directory, linked in when complete (O_TMPFILE),
 * or where that cannot be, a named temporary file renamed into place;
 * mode 0644.  With make_dirs, create the missing directories first.
 * Returns 0 or an errno value. */
int imr_write_atomically(const char *path, const void *data, size_t len, bool make_dirs);

#endif
