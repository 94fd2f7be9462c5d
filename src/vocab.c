/* vocab.c - lookups in the vocabulary tables of vocab.h. */
#include "vocab.h"

#include <string.h>
#include <strings.h>

#include "lex.h"
#include "parser.h"

#define SECTION_ROW(id, text, tok) {text, sizeof text - 1, tok},
static const struct {
	const char *text;
	size_t len;
	int token;
} sections[] = {IMR_SECTIONS(SECTION_ROW)};

#define HEADER_ROW(id, text, tail, xml) {text, sizeof text - 1, tail, xml},
static const struct {
	const char *text;
	size_t len;
	const char *tail;
	const char *xml;
} header_labels[] = {IMR_HEADER_LABELS(HEADER_ROW)};

#define LINE_ROW(id, text, section, tok) {text, sizeof text - 1, IMR_##section, tok},
static const struct {
	const char *text;
	size_t len;
	enum imr_section section;
	int token;
} line_labels[] = {IMR_LINE_LABELS(LINE_ROW)};

#define VARIANT_ROW(id, name, tok, header, desc) {name, tok, header},
static const struct {
	const char *name;
	int token;
	bool header;
} variants[] = {IMR_VARIANTS(VARIANT_ROW)};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int imr_lookup_section(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(sections); i++)
		if (n == sections[i].len && strncasecmp(s, sections[i].text, n) == 0)
			return (int)i;
	return -1;
}

int imr_lookup_header_label(const char *s, size_t n, bool *tail)
{
	for (size_t i = 0; i < COUNT(header_labels); i++) {
		if (n == header_labels[i].len && strncasecmp(s, header_labels[i].text, n) == 0) {
			*tail = false;
			return (int)i;
		}
		const char *t = header_labels[i].tail;
		if (t && n == strlen(t) && strncasecmp(s, t, n) == 0) {
			*tail = true;
			return (int)i;
		}
	}
	return -1;
}

int imr_lookup_line_label(const char *s, size_t n, enum imr_section in)
{
	for (size_t i = 0; i < COUNT(line_labels); i++)
		if (line_labels[i].section == in && n == line_labels[i].len &&
		    strncasecmp(s, line_labels[i].text, n) == 0)
			return (int)i;
	return -1;
}

int imr_section_token(enum imr_section s) { return sections[s].token; }
int imr_line_label_token(enum imr_line_label l) { return line_labels[l].token; }
int imr_variant_token(enum imr_variant v) { return variants[v].token; }
bool imr_variant_has_header(enum imr_variant v) { return variants[v].header; }
const char *imr_section_text(enum imr_section s) { return sections[s].text; }
const char *imr_header_label_xml(enum imr_header_label l) { return header_labels[l].xml; }
const char *imr_variant_name(enum imr_variant v) { return variants[v].name; }
