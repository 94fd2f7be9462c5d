/* verify.h - "nothing lost": every word of the input's text (headings,
 * labels, the header table and page furniture aside) must appear in the
 * XML, in order, in the section it belongs to or in <unparsed>. */
#ifndef IMR_VERIFY_H
#define IMR_VERIFY_H

#include <libxml/tree.h>

#include "normalize.h"

/* Reports the first missing word with its line and column; returns
 * false if any is missing. */
bool imr_verify(const struct imr_source *src, xmlDocPtr doc, struct imr_diags *diags);
/* The XML's words in the order --verify reads them (the letter's),
 * one space apart: malloc'ed, NULL when out of memory. */
char *imr_verify_xml_words(xmlDocPtr doc);

#endif
