/* output.h - writing XML out: to memory first, then atomically to a
 * file, so nothing half-written ever reaches a reader. */
#ifndef IMR_OUTPUT_H
#define IMR_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/* The document as indented UTF-8 XML, or NULL (out of memory). */
xmlBufferPtr imr_serialize(xmlDocPtr doc);

/* Write data to path through a temporary file in the same directory,
 * renamed into place; with make_dirs, create the missing directories
 * first.  Returns 0 or an errno value. */
int imr_write_atomically(const char *path, const void *data, size_t len, bool make_dirs);

#endif
