/* embed.c - libimr2xml in a program of one's own: a determination (its
 * PDF or its text) in a buffer to a validated xmlDoc.
 *
 *   cc embed.c $(pkg-config --cflags --libs imr2xml) -o embed
 *   ./embed letter.pdf > letter.xml
 *
 * Writes the XML to stdout and "VARIANT: N issue(s), N page(s)" to
 * stderr; exits with imr2xml's status (0 converted, 1 rejected, ...). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <imr2xml.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, got;
	char chunk[1 << 16];
	while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		char *p = realloc(buf, n + got);
		if (!p)
			break;
		buf = p;
		memcpy(buf + n, chunk, got);
		n += got;
	}
	if (f)
		fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: embed FILE\n", stderr);
		return IMR_USAGE;
	}
	size_t len;
	char *data = slurp(argv[1], &len);
	if (!data) {
		perror(argv[1]);
		return IMR_USAGE;
	}
	xmlInitParser();

	/* The schema is compiled once; each thread would get a validator. */
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_schema *schema = imr_schema_load(&diags);
	struct imr_validator *validator = schema ? imr_validator_new(schema) : NULL;

	/* The conversion itself. */
	struct imr_options opt;
	imr_options_init(&opt);
	opt.source_name = argv[1]; /* the XML's @source */
	struct imr_summary summary;
	xmlDocPtr doc = NULL;
	enum imr_status st = validator ? imr_convert(data, len, &opt, validator, &doc, &summary, &diags)
	                               : IMR_SCHEMA_FAILED;
	imr_diags_print(&diags, argv[1], stderr);

	if (doc) {
		fprintf(stderr, "%s: %zu issue(s), %zu page(s)\n", summary.variant, summary.issues,
		        summary.pages);
		xmlSaveCtxtPtr save = xmlSaveToFd(1, "UTF-8", XML_SAVE_FORMAT);
		bool ok = save && xmlSaveDoc(save, doc) >= 0;
		if ((save && xmlSaveClose(save) < 0) || !ok)
			st = IMR_USAGE;
		xmlFreeDoc(doc);
	}
	imr_diags_free(&diags);
	imr_validator_free(validator);
	imr_schema_free(schema);
	free(data);
	xmlCleanupParser();
	return (int)st;
}
