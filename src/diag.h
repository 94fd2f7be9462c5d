/* diag.h - collecting diagnostics with positions in the original input. */
#ifndef IMR_DIAG_H
#define IMR_DIAG_H

#include "imr2xml.h"

struct imr_source;

#if defined(__GNUC__)
#define IMR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define IMR_PRINTF(f, a)
/* imr_diags_print, and with quiet (-q) the errors only (and their
 * notes): warnings are in the XML and the manifest all the same. */
void imr_diags_print_quiet(const struct imr_diags *d, const char *filename, bool quiet, FILE *out);

#endif

/* Diagnostics beyond this many errors are counted but not stored. */
enum { IMR_MAX_STORED_DIAGS = 20 };

void imr_diag_add(struct imr_diags *d, enum imr_severity sev, unsigned line, unsigned column,
                  const char *source_line, size_t source_len, const char *fmt, ...) IMR_PRINTF(7, 8);

/* A diagnostic at a byte offset of the normalized text. */
void imr_diag_at(struct imr_diags *d, const struct imr_source *src, enum imr_severity sev,
                 unsigned offset, const char *fmt, ...) IMR_PRINTF(5, 6);

/* imr_diags_print, and with quiet (-q) the errors only (and their
 * notes): warnings are in the XML and the manifest all the same. */
void imr_diags_print_quiet(const struct imr_diags *d, const char *filename, bool quiet, FILE *out);

#endif
