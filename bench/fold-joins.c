/* fold-joins.c - how imr_normalize reads text folded at a width (issue 16).
 *
 *   fold-joins FOLDED TRUTH
 *
 * FOLDED is `fold -w W` of a letter; TRUTH has a byte for each of its
 * lines: 'c' a line the fold cut, 'E' a line of the width the letter had
 * itself, 'e' any other (bench/fold-joins.sh makes it).  Prints the lines
 * of the width that were the letter's own but go on with the next line in
 * the normalized text (false joins) and the cuts that end their row
 * (missed), or "not folded" when the text is not told folded.  With
 * FOLD_JOINS_LINES set, each such line's number on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imr2xml.h"
#include "normalize.h"

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	if (f && fseek(f, 0, SEEK_END) == 0) {
		long len = ftell(f);
		rewind(f);
		if (len >= 0 && (b = malloc((size_t)len + 1)) && fread(b, 1, (size_t)len, f) == (size_t)len)
			*n = (size_t)len;
		else
			free(b), b = NULL;
	}
	if (f)
		fclose(f);
	if (!b) {
		fprintf(stderr, "fold-joins: cannot read %s\n", path);
		exit(2);
	}
	return b;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fold-joins FOLDED TRUTH\n");
		return 2;
	}
	size_t n, tn;
	char *data = slurp(argv[1], &n), *truth = slurp(argv[2], &tn);
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_source src = {0};
	struct imr_diags diags;
	imr_diags_init(&diags);
	if (!imr_normalize(data, n, &opt, &src, &diags)) {
		imr_diags_print(&diags, argv[1], stderr);
		return 1;
	}
	bool lines = getenv("FOLD_JOINS_LINES") != NULL;
	size_t ends = 0, false_joins = 0, cuts = 0, missed = 0;
	for (size_t i = 0; i < tn && i + 1 < src.nlines; i++) {
		/* (a line that goes on with the next has no newline at its end) */
		bool joined = src.folded && src.line_start[i + 1] > src.line_start[i] &&
		              src.text[src.line_start[i + 1] - 1] != '\n';
		if (truth[i] == 'c') {
			cuts++, missed += !joined;
			if (!joined && lines && src.folded)
				fprintf(stderr, "missed %zu\n", i + 1);
		} else if (truth[i] == 'E') {
			ends++, false_joins += joined;
			if (joined && lines)
				fprintf(stderr, "false-join %zu\n", i + 1);
		}
	}
	if (src.folded)
		printf("%zu %zu %zu %zu\n", ends, false_joins, cuts, missed);
	else
		printf("not folded\n");
	imr_source_free(&src);
	imr_diags_free(&diags);
	free(data);
	free(truth);
	return 0;
}
