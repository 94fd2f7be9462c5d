/* factcheck.c - assert hand-read facts on an XML document.
 *
 *   factcheck FILE.xml FACTS...
 *
 * Each line of a facts file is "XPATH => EXPECTED": string(XPATH), with
 * the prefix d bound to the imr2xml namespace, must equal EXPECTED (the
 * rest of the line, trailing blanks trimmed).  '#' lines are comments.
 * Prints every failed fact as FACTS:LINE: and exits 1 if any failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

static int check(xmlXPathContextPtr ctx, const char *facts, const char *xml, int *passed)
{
	FILE *f = fopen(facts, "r");
	if (!f) {
		perror(facts);
		return 1;
	}
	char line[4096];
	int failed = 0, lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == ' ' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *p = line;
		while (*p == ' ')
			p++;
		if (!*p || *p == '#')
			continue;
		char *arrow = strstr(p, " =>");
		if (!arrow) {
			fprintf(stderr, "%s:%d: malformed fact (no ' => ')\n", facts, lineno);
			failed++;
			continue;
		}
		*arrow = '\0';
		const char *expected = arrow + 3;
		if (*expected == ' ')
			expected++;
		char expr[4200];
		snprintf(expr, sizeof expr, "string(%s)", p);
		xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
		const char *got = r && r->stringval ? (const char *)r->stringval : NULL;
		if (!got) {
			fprintf(stderr, "%s:%d: bad XPath: %s\n", facts, lineno, p);
			failed++;
		} else if (strcmp(got, expected) != 0) {
			fprintf(stderr, "%s:%d: %s: %s\n    expected: '%s'\n    got:      '%s'\n", facts,
			        lineno, xml, p, expected, got);
			failed++;
		} else {
			(*passed)++;
		}
		xmlXPathFreeObject(r);
	}
	fclose(f);
	return failed;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: factcheck FILE.xml FACTS...\n", stderr);
		return 2;
	}
	xmlDocPtr doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "%s: not well-formed XML\n", argv[1]);
		return 1;
	}
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"d", (const xmlChar *)"urn:imr2xml:determination:1");
	int failed = 0, passed = 0;
	for (int i = 2; i < argc; i++)
		failed += check(ctx, argv[i], argv[1], &passed);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	xmlCleanupParser();
	if (failed)
		fprintf(stderr, "%s: %d fact(s) failed, %d held\n", argv[1], failed, passed);
	return failed ? 1 : 0;
}
