/* xml.h - the determination as an libxml2 tree (namespace
 * urn:imr2xml:determination:1), in the order xsd/determination.xsd sets. */
#ifndef IMR_XML_H
#define IMR_XML_H

#include <libxml/tree.h>

#include "determination.h"

/* NULL only when libxml2 runs out of memory. */
xmlDocPtr imr_xml_build(const struct imr_determination *d);

#endif
