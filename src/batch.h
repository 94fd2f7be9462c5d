/* batch.h - converting whole corpora: many inputs, N threads, a
 * manifest with one row per input, resumable. */
#ifndef IMR_BATCH_H
#define IMR_BATCH_H

#include <stdbool.h>

#include "export.h"
#include "imr2xml.h"

struct imr_batch_options {
	const char *outdir;
	char **inputs; /* files and directories (walked for *.txt) */
	int ninputs;
	const char *files_from; /* a list of paths, "-" for stdin */
	bool nul_separated;     /* the list is NUL-separated (-0) */
	int jobs;               /* threads; 0: online CPUs */
	bool resume;
	bool quiet;
	bool validate;
	struct imr_options opt;
	/* csv or jsonl: OUTDIR/items.csv (or .jsonl) has every item of the
	 * run, in input order, besides the XML files. */
	enum imr_format format;
	/* --db FILE.sqlite: every letter's rows into the database (db.h);
	 * outdir may then be NULL: nothing else is written. */
	const char *db;
};

/* Returns the exit status: 0 all converted, 1 any rejected, 2 usage or
 * I/O errors, 3 the schema failed to load, 130 interrupted. */
int imr_batch_run(const struct imr_batch_options *b);

#endif
