/* xml.h - the determination as XML (namespace urn:imr2xml:determination:1),
 * in the order xsd/determination.xsd sets. */
#ifndef IMR_XML_H
#define IMR_XML_H

#include <libxml/tree.h>

#include "determination.h"
#include "output.h"

/* Write the whole document, root element and all, to w: a letter alone
 * as <determination>, several (d[0..letters)) as <determinations>. */
void imr_xml_write(struct imr_xml_writer *w, const struct imr_determination *d, size_t letters);

/* Read XML we wrote back into a tree (validate.c): no network, no
 * entities, no whitespace-only text between elements; errors to diags.
 * NULL if it is not well-formed. */
xmlDocPtr imr_xml_read(const char *xml, size_t len, struct imr_diags *diags);

#endif
