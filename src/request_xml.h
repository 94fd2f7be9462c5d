/* request_xml.h - a request and a drug mention as XML: the types
 * Request and Medication of xsd/determination.xsd (docs/request.md).
 * For the integrator: <request> goes into <issue> after <service>, and
 * imr_request_xml_class puts @category/@subcategory on <issue>. */
#ifndef IMR_REQUEST_XML_H
#define IMR_REQUEST_XML_H

#include <libxml/tree.h>

#include "lexicon.h"
#include "request.h"

/* Append <request> (in namespace ns) to parent; NULL when out of memory. */
xmlNodePtr imr_request_xml(xmlNodePtr parent, xmlNsPtr ns, const struct imr_request *r);
/* Set @category and, when there is one, @subcategory on node; false when
 * out of memory. */
bool imr_request_xml_class(xmlNodePtr node, const struct imr_request *r);
/* Append <medication class=... generic=... form=...> for a mention in
 * text; NULL when out of memory. */
xmlNodePtr imr_medication_xml(xmlNodePtr parent, xmlNsPtr ns, const char *text,
                              const struct imr_drug_mention *m);

#endif
