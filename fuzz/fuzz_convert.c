/* fuzz_convert.c - libFuzzer target over the whole pipeline:
 * normalize -> parse -> extract -> XML written and validated as it is
 * written.  Each input runs twice: as a normal conversion and with
 * --partial.  Whatever the input, the result must be a rejection with
 * diagnostics or XML that is well-formed and valid, by the streaming
 * validator and again by the tree validator on the XML read back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "imr2xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct imr_schema *schema; /* both live for the process */
static struct imr_validator *validator;

static void check_output(const struct imr_buffer *xml)
{
	/* Read it back: what we write must be well-formed, and valid. */
	xmlDocPtr again = xmlReadMemory(xml->data, (int)xml->len, "fuzz.xml", NULL, XML_PARSE_NONET);
	if (!again)
		abort();
	struct imr_diags d;
	imr_diags_init(&d);
	if (!imr_validate_doc(validator, again, &d))
		abort();
	imr_diags_free(&d);
	xmlFreeDoc(again);
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
		struct imr_buffer xml;
		enum imr_status st =
			imr_convert_to_buffer((const char *)data, size, &opt, validator, &xml, NULL, &diags);
		if (st == IMR_INVALID_OUTPUT || st == IMR_SCHEMA_FAILED)
			abort(); /* our XML failed our schema: a bug */
		if (st == IMR_REJECTED && !xml.data && diags.errors == 0)
			abort(); /* a rejection must say why */
		if (st == IMR_OK && !xml.data)
			abort();
		if (xml.data)
			check_output(&xml);
		imr_buffer_free(&xml);
		imr_diags_free(&diags);
	}
	return 0;
}
