/* fuzz_convert.c - libFuzzer target over the whole pipeline:
 * normalize -> parse -> extract -> XML -> validate, then the output is
 * serialized and read back.  Each input runs twice: as a normal
 * conversion and with --partial.  Whatever the input, the result must be
 * a rejection with diagnostics or XML that is well-formed and valid. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "imr2xml.h"
#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct imr_schema *schema; /* both live for the process */
static struct imr_validator *validator;

static void check_output(xmlDocPtr doc)
{
	xmlBufferPtr buf = imr_serialize(doc);
	if (!buf)
		abort();
	/* Read it back: what we write must be well-formed, and valid. */
	xmlDocPtr again = xmlReadMemory((const char *)xmlBufferContent(buf), xmlBufferLength(buf),
	                                "fuzz.xml", NULL, XML_PARSE_NONET);
	if (!again)
		abort();
	struct imr_diags d;
	imr_diags_init(&d);
	if (!imr_validate_doc(validator, again, &d))
		abort();
	imr_diags_free(&d);
	xmlFreeDoc(again);
	xmlBufferFree(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!validator) {
		struct imr_diags d;
		imr_diags_init(&d);
		schema = imr_schema_load(&d);
		validator = schema ? imr_validator_new(schema) : NULL;
		imr_diags_free(&d);
		if (!validator)
			abort();
	}
	for (int partial = 0; partial < 2; partial++) {
		struct imr_options opt;
		imr_options_init(&opt);
		opt.partial = partial;
		struct imr_diags diags;
		imr_diags_init(&diags);
		xmlDocPtr doc = NULL;
		enum imr_status st = imr_convert((const char *)data, size, &opt, validator, &doc, NULL, &diags);
		if (st == IMR_INVALID_OUTPUT || st == IMR_SCHEMA_FAILED)
			abort(); /* our XML failed our schema: a bug */
		if (st == IMR_REJECTED && !doc && diags.errors == 0)
			abort(); /* a rejection must say why */
		if (st == IMR_OK && !doc)
			abort();
		if (doc) {
			check_output(doc);
			xmlFreeDoc(doc);
		}
		imr_diags_free(&diags);
	}
	return 0;
}
