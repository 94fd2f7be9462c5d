/* validate.c - the embedded schema, compiled once per process, and one
 * validation context per thread (as xmllint does it).  Errors reach a
 * structured handler per context, never a global one.
 *
 * What we write is validated as it is written: the writer (output.c)
 * hands each element to libxml2's streaming validator, the SAX2 handler
 * xmlSchemaSAXPlug returns, called directly -- no tree, no parser.  Files
 * given to --validate are read into a tree and validated whole. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include "diag.h"
#include "imr2xml.h"
#include "output.h"
#include "xml.h"

/* libxml2 2.12 made the structured error callback take a const pointer. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *imr_xml_error;
#else
typedef xmlError *imr_xml_error;
#endif

extern const char imr_schema_data[];
extern const unsigned long imr_schema_size;

struct imr_schema {
	xmlSchemaPtr schema;
};

struct imr_validator {
	xmlSchemaValidCtxtPtr ctxt;
	/* While a document is written: the plugged validator's handler. */
	xmlSchemaSAXPlugPtr plug;
	xmlSAXHandlerPtr sax;
	void *sax_ctx;
};

const char *imr_schema_text(size_t *len)
{
	*len = (size_t)imr_schema_size;
	return imr_schema_data;
}

/* One error of libxml2 as one diagnostic, message without its newline. */
static void to_diag(void *data, imr_xml_error err)
{
	struct imr_diags *diags = data;
	if (!diags || !err || err->level == XML_ERR_NONE)
		return;
	const char *msg = err->message ? err->message : "unknown error";
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	enum imr_severity sev = err->level == XML_ERR_WARNING ? IMR_WARNING : IMR_ERROR;
	imr_diag_add(diags, sev, err->line > 0 ? (unsigned)err->line : 0, 0, NULL, 0, "%.*s",
	             (int)n, msg);
}

struct imr_schema *imr_schema_load(struct imr_diags *diags)
{
	struct imr_schema *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(imr_schema_data, (int)imr_schema_size);
	if (!pc) {
		free(s);
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pc, to_diag, diags);
	s->schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!s->schema) {
		free(s);
		return NULL;
	}
	return s;
}

void imr_schema_free(struct imr_schema *s)
{
	if (!s)
		return;
	xmlSchemaFree(s->schema);
	free(s);
}

struct imr_validator *imr_validator_new(const struct imr_schema *schema)
{
	struct imr_validator *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->ctxt = xmlSchemaNewValidCtxt(schema->schema);
	if (!v->ctxt) {
		free(v);
		return NULL;
	}
	return v;
}

void imr_validator_free(struct imr_validator *v)
{
	if (!v)
		return;
	xmlSchemaFreeValidCtxt(v->ctxt);
	free(v);
}

bool imr_validate_doc(struct imr_validator *v, xmlDocPtr doc, struct imr_diags *diags)
{
	xmlSchemaSetValidStructuredErrors(v->ctxt, to_diag, diags);
	int rc = xmlSchemaValidateDoc(v->ctxt, doc);
	xmlSchemaSetValidStructuredErrors(v->ctxt, NULL, NULL);
	if (rc < 0)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "internal error while validating");
	return rc == 0;
}

/* ---- streaming: the events of the document being written ------------- */

bool imr_validator_begin(struct imr_validator *v, struct imr_diags *diags)
{
	xmlSchemaSetValidStructuredErrors(v->ctxt, to_diag, diags);
	v->sax = NULL;
	v->sax_ctx = NULL;
	/* With no handler of ours to chain to, the plug hands back its own
	 * handler and the validation context as its user data. */
	v->plug = xmlSchemaSAXPlug(v->ctxt, &v->sax, &v->sax_ctx);
	if (!v->plug) {
		xmlSchemaSetValidStructuredErrors(v->ctxt, NULL, NULL);
		return false;
	}
	return true;
}

void imr_validator_start(struct imr_validator *v, const char *name, const char *ns, bool declare_ns,
                         size_t nattrs, const unsigned char **attrs)
{
	const xmlChar *decl[2] = {NULL, (const xmlChar *)ns}; /* xmlns="ns" */
	v->sax->startElementNs(v->sax_ctx, (const xmlChar *)name, NULL, (const xmlChar *)ns,
	                       declare_ns ? 1 : 0, declare_ns ? decl : NULL, (int)nattrs, 0, attrs);
}

void imr_validator_text(struct imr_validator *v, const char *text, size_t len)
{
	v->sax->characters(v->sax_ctx, (const xmlChar *)text, (int)len);
}

void imr_validator_end(struct imr_validator *v, const char *name, const char *ns)
{
	v->sax->endElementNs(v->sax_ctx, (const xmlChar *)name, NULL, (const xmlChar *)ns);
}

bool imr_validator_end_document(struct imr_validator *v)
{
	if (!v->plug)
		return false;
	bool valid = xmlSchemaIsValid(v->ctxt) == 1;
	xmlSchemaSAXUnplug(v->plug);
	v->plug = NULL;
	v->sax = NULL;
	v->sax_ctx = NULL;
	xmlSchemaSetValidStructuredErrors(v->ctxt, NULL, NULL);
	return valid;
}

/* ---- reading XML ------------------------------------------------------ */

/* The parser's errors: userData is the parser context, _private ours. */
static void parser_error(void *data, imr_xml_error err)
{
	xmlParserCtxtPtr pc = data;
	to_diag(pc ? pc->_private : NULL, err);
}

/* No network, no DTD loading, no entity substitution: reading XML
 * fetches and expands nothing.  From the open file fd (named path in
 * messages), or from memory when fd is -1. */
static xmlDocPtr read_xml(int fd, const char *path, const char *xml, size_t len, int options,
                          struct imr_diags *diags)
{
	if (fd < 0 && len > INT_MAX)
		return NULL;
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		return NULL;
	pc->_private = diags;
	pc->sax->serror = parser_error;
	options |= XML_PARSE_NONET | XML_PARSE_NOWARNING;
	xmlDocPtr doc = fd >= 0 ? xmlCtxtReadFd(pc, fd, path, NULL, options)
	                        : xmlCtxtReadMemory(pc, xml, (int)len, "imr2xml.xml", NULL, options);
	xmlFreeParserCtxt(pc);
	return doc;
}

xmlDocPtr imr_xml_read(const char *xml, size_t len, struct imr_diags *diags)
{
	return read_xml(-1, NULL, xml, len, XML_PARSE_NOBLANKS, diags);
}

/* The file is opened here, not by libxml2, so that "-" is standard input
 * (as for xmllint) and a directory or an unreadable file is one error of
 * ours, not libxml2's own message on stderr. */
enum imr_status imr_validate_file(struct imr_validator *v, const char *path, struct imr_diags *diags)
{
	bool std_in = strcmp(path, "-") == 0;
	int fd = std_in ? STDIN_FILENO : open(path, O_RDONLY);
	struct stat info;
	if (fd < 0 || fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
		int e = fd < 0 || !S_ISDIR(info.st_mode) ? errno : EISDIR;
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "cannot read: %s", strerror(e));
		if (fd >= 0 && !std_in)
			close(fd);
		return IMR_USAGE;
	}
	size_t errors = diags->errors;
	xmlDocPtr doc = read_xml(fd, std_in ? "-" : path, NULL, 0, 0, diags);
	if (!std_in)
		close(fd);
	if (!doc) {
		if (diags->errors == errors)
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "not well-formed XML");
		return IMR_REJECTED;
	}
	enum imr_status st = imr_validate_doc(v, doc, diags) ? IMR_OK : IMR_REJECTED;
	xmlFreeDoc(doc);
	return st;
}
