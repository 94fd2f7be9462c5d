/* stats.h - the corpus report: imr2xml --stats [--html FILE] DIR_OR_XML...
 * (docs/report.md). */
#ifndef IMR_STATS_H
#define IMR_STATS_H

#include <stdbool.h>

/* Reads every XML file named and every *.xml under the directories named
 * (walked in byte order of the names), validated against the embedded
 * schema when validate is set, and prints the report to stdout; with
 * html, also writes it to that file as one self-contained page.  Returns
 * the exit status: 0, 1 when a file was not a valid determination (it is
 * reported and left out), 2 on a usage or I/O error, 3 when the schema
 * failed to load. */
int imr_stats_run(char **paths, int npaths, const char *html, bool validate);

#endif
