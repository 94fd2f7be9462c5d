/* pages.c - tests of the page index (imr_source_page), the page count of
 * struct imr_summary, and the PDF stage's text shape.
 *
 *   pages [FILE.pdf PAGES]
 *   pages --running FILE...
 *
 * Without arguments, texts with form feeds; with a PDF, which must have
 * PAGES pages: its text has a form feed opening each page after the
 * first and nowhere else.  Prints FAIL lines and "N passed, N failed".
 * With --running, prints for each text file the number of its lines
 * emptied as another tool's running header or footer (running.h), then
 * its name: what the tests count a letter's own lines taken by. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "pdf.h"

#include "testing.h"

/* The page of the first occurrence of needle in the normalized text. */
static unsigned page_of(const struct imr_source *src, const char *needle)
{
	const char *at = strstr(src->text, needle);
	return at ? imr_source_page(src, (uint32_t)(at - src->text)) : 0;
}

static void check_text(const char *what, const char *text, size_t npages, const char *const *words)
{
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_source src;
	CHECK(imr_normalize(text, strlen(text), &opt, &src, &diags), "%s: normalize", what);
	CHECK(src.npages == npages, "%s: %zu pages, want %zu", what, src.npages, npages);
	for (unsigned p = 1; words[p - 1]; p++)
		if (*words[p - 1])
			CHECK(page_of(&src, words[p - 1]) == p, "%s: '%s' on page %u, want %u", what,
			      words[p - 1], page_of(&src, words[p - 1]), p);
	imr_source_free(&src);
	imr_diags_free(&diags);
}

static void test_text(void)
{
	check_text("no form feed", "one\ntwo\n", 1, (const char *const[]){"two", NULL});
	check_text("pdftotext: a form feed ends every page",
	           "alpha\nbeta\n\fgamma\n\fdelta\nepsilon\n\f", 3,
	           (const char *const[]){"beta", "gamma", "epsilon", NULL});
	check_text("form feeds between pages only", "alpha\n\fgamma\n\fdelta", 3,
	           (const char *const[]){"alpha", "gamma", "delta", NULL});
	check_text("an empty page (two form feeds)", "alpha\n\f\fgamma\n", 3,
	           (const char *const[]){"alpha", "", "gamma", NULL});
	check_text("an empty page (a form feed alone on its line)", "alpha\n\f\n\fgamma\n", 3,
	           (const char *const[]){"alpha", "", "gamma", NULL});
	check_text("a form feed inside a line is no page break", "alpha \f beta\ngamma\n", 1,
	           (const char *const[]){"gamma", NULL});
	check_text("furniture emptied, its page kept",
	           "CM16-0000001\nalpha\nPage 1 of 2\n\fCM16-0000001\nbeta\nPage 2 of 2\n\f", 2,
	           (const char *const[]){"alpha", "beta", NULL});

	/* The page count reaches the summary. */
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_summary sum;
	xmlDocPtr doc;
	const char *letter = "Dear Sir,\n\fPlease find enclosed the invoice.\n\fRegards\n";
	imr_convert(letter, strlen(letter), &opt, NULL, &doc, &sum, &diags);
	CHECK(sum.pages == 3, "summary of a rejected text: %zu pages, want 3", sum.pages);
	xmlFreeDoc(doc);
	imr_diags_free(&diags);
}

static void test_pdf(const char *path, size_t want_pages)
{
	size_t len;
	char *data = test_read_file(path, &len);
	CHECK(data != NULL, "%s: cannot read", path);
	if (!data)
		return;
	CHECK(imr_is_pdf(data, len), "%s: a PDF", path);
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	size_t tlen, pages;
	char *text = imr_pdf_text(data, len, &opt, &tlen, &pages, &diags);
	CHECK(text != NULL, "%s: no text", path);
	CHECK(pages == want_pages, "%s: %zu pages, want %zu", path, pages, want_pages);
	if (text) {
		size_t ff = 0, ff_opening = 0;
		for (size_t i = 0; i < tlen; i++)
			if (text[i] == '\f') {
				ff++;
				ff_opening += i > 0 && text[i - 1] == '\n';
			}
		CHECK(ff == want_pages - 1 && ff_opening == ff,
		      "%s: %zu form feeds (%zu opening a line), want %zu", path, ff, ff_opening,
		      want_pages - 1);
		CHECK(tlen && text[tlen - 1] == '\n', "%s: the text ends with a newline", path);
		struct imr_source src;
		CHECK(imr_normalize(text, tlen, &opt, &src, &diags), "%s: normalize", path);
		CHECK(src.npages == want_pages, "%s: the page index has %zu pages, want %zu", path,
		      src.npages, want_pages);
		imr_source_free(&src);
	}
	struct imr_summary sum;
	xmlDocPtr doc;
	imr_convert(data, len, &opt, NULL, &doc, &sum, &diags);
	CHECK(sum.pages == want_pages, "%s: summary: %zu pages, want %zu", path, sum.pages, want_pages);
	xmlFreeDoc(doc);
	free(text);
	free(data);
	imr_diags_free(&diags);
}

/* "N FILE" for each file: its running lines emptied (running.h). */
static int count_running(char **files, int n)
{
	for (int i = 0; i < n; i++) {
		size_t len;
		char *data = test_read_file(files[i], &len);
		struct imr_options opt;
		imr_options_init(&opt);
		struct imr_diags diags;
		imr_diags_init(&diags);
		struct imr_source src;
		if (!data || !imr_normalize(data, len, &opt, &src, &diags)) {
			fprintf(stderr, "pages: cannot read or normalize %s\n", files[i]);
			return 2;
		}
		printf("%zu %s\n", src.running_lines, files[i]);
		imr_source_free(&src);
		imr_diags_free(&diags);
		free(data);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--running") == 0)
		return count_running(argv + 2, argc - 2);
	if (argc == 3)
		test_pdf(argv[1], (size_t)strtoul(argv[2], NULL, 10));
	else
		test_text();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
