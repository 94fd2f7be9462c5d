/* roundtrip.c - the XML writer's oracle: libxml2's own serializer.
 *
 *   roundtrip FILE.xml...
 *
 * Each file (XML imr2xml wrote) is parsed with libxml2, whitespace-only
 * text between elements dropped, and saved again with xmlSaveDoc and
 * XML_SAVE_FORMAT in UTF-8, as imr2xml saved its libxml2 trees before it
 * had a writer of its own.  The two must be equal byte for byte.  One
 * thing no parse can keep: an element holding an empty string, which the
 * tree serializer wrote <x></x> and a parser reads as <x/>; such elements
 * are compared as <x/>.  Prints the first difference of each file that
 * differs and exits 1 if any did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include "testing.h"

/* <x a="v"></x> as <x a="v"/>: a start tag right before its own end tag.
 * '<' and '>' in text and attribute values are escaped, so every '<'
 * starts a tag.  Rewrites s in place; returns the new length. */
static size_t empty_as_short(char *s, size_t n)
{
	size_t out = 0, tag = 0; /* where the last tag began, in the output */
	for (size_t i = 0; i < n;) {
		if (s[i] == '<')
			tag = out;
		if (s[i] == '>' && out > tag + 1 && s[tag] == '<' && s[tag + 1] != '/' && s[tag + 1] != '?' &&
		    s[out - 1] != '/' && i + 2 < n && s[i + 1] == '<' && s[i + 2] == '/') {
			size_t name = 0;
			while (tag + 1 + name < out && !strchr(" />", s[tag + 1 + name]))
				name++;
			if (i + 3 + name < n && memcmp(s + i + 3, s + tag + 1, name) == 0 && s[i + 3 + name] == '>') {
				s[out++] = '/';
				s[out++] = '>';
				i += 4 + name;
				continue;
			}
		}
		s[out++] = s[i++];
	}
	return out;
}

static unsigned line_at(const char *s, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

static int check(const char *path)
{
	size_t len;
	char *ours = test_read_file(path, &len);
	if (!ours) {
		perror(path);
		return 1;
	}
	xmlDocPtr doc = xmlReadMemory(ours, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (!doc) {
		fprintf(stderr, "%s: not well-formed\n", path);
		free(ours);
		return 1;
	}
	xmlBufferPtr buf = xmlBufferCreate();
	xmlSaveCtxtPtr save = buf ? xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT) : NULL;
	int bad = !save || xmlSaveDoc(save, doc) < 0;
	if (save && xmlSaveClose(save) < 0)
		bad = 1;
	if (bad) {
		fprintf(stderr, "%s: libxml2 could not save it\n", path);
	} else {
		const char *theirs = (const char *)xmlBufferContent(buf);
		size_t tlen = (size_t)xmlBufferLength(buf);
		len = empty_as_short(ours, len);
		size_t i = 0;
		while (i < len && i < tlen && ours[i] == theirs[i])
			i++;
		if (i < len || i < tlen) {
			size_t from = i > 40 ? i - 40 : 0;
			fprintf(stderr, "%s:%u: differs from libxml2's serialization at byte %zu\n"
			        "  ours:    ...%.80s\n  libxml2: ...%.80s\n",
			        path, line_at(ours, i), i, ours + from, theirs + from);
			bad = 1;
		}
	}
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	free(ours);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: roundtrip FILE.xml...\n", stderr);
		return 2;
	}
	LIBXML_TEST_VERSION
	int bad = 0;
	for (int i = 1; i < argc; i++)
		bad |= check(argv[i]);
	xmlCleanupParser();
	return bad;
}
