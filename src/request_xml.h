/* request_xml.h - a request and a drug mention as XML: the types
 * Request and Medication of xsd/determination.xsd (docs/request.md),
 * written with the writer of output.h.  <request> comes after an item's
 * <service>; imr_request_xml_class writes @category and @subcategory
 * while the item's start tag is open. */
#ifndef IMR_REQUEST_XML_H
#define IMR_REQUEST_XML_H

#include "lexicon.h"
#include "output.h"
#include "request.h"
#include "text.h"

/* Where the request's words are in the input, for each part's @line and
 * @page: the title was read from joined->s at offset at. */
struct imr_request_where {
	const struct imr_joined *joined;
	size_t at;
};

void imr_request_xml(struct imr_xml_writer *w, const struct imr_request *r,
                     const struct imr_request_where *where);
void imr_request_xml_class(struct imr_xml_writer *w, const struct imr_request *r);
/* <medication class=... generic=... form=...> for a mention in text. */
void imr_medication_xml(struct imr_xml_writer *w, const char *text, const struct imr_drug_mention *m);

#endif
