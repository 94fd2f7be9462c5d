/* word_boxes.c - a table of word boxes (pdftotext -tsv, tesseract's tsv)
 * to the text of its lines (word_boxes.h). */
#include "word_boxes.h"

#include <string.h>

#include "diag.h"
#include "output.h"

/* What opens and ends the header line of either tool's table. */
static const char head_open[] = "level\tpage_num\t", head_end[] = "\tconf\ttext";
enum { COLUMNS = 12 };

/* s[0..n) past a UTF-8 byte order mark. */
static const char *past_bom(const char *s, size_t *n)
{
	if (*n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3, *n -= 3;
	return s;
}

/* The end of the line at s (its newline, or e), and of its text (before
 * a carriage return). */
static const char *line_end(const char *s, const char *e, const char **text_end)
{
	const char *nl = memchr(s, '\n', (size_t)(e - s));
	if (!nl)
		nl = e;
	*text_end = nl > s && nl[-1] == '\r' ? nl - 1 : nl;
	return nl;
}

static bool is_header(const char *s, const char *e)
{
	size_t n = (size_t)(e - s), a = sizeof head_open - 1, b = sizeof head_end - 1;
	return n >= a + b && memcmp(s, head_open, a) == 0 && memcmp(e - b, head_end, b) == 0;
}

bool imr_is_word_boxes(const char *data, size_t len)
{
	const char *s = past_bom(data, &len), *te;
	line_end(s, s + len, &te);
	return is_header(s, te);
}

char *imr_word_boxes_text(const char *data, size_t len, const struct imr_options *opt, size_t *text_len,
                          struct imr_diags *diags)
{
	if (len > opt->max_input_bytes) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "input is %zu bytes, more than the limit of %zu (see --max-size)", len,
		             opt->max_input_bytes);
		return NULL;
	}
	const char *s = past_bom(data, &len), *e = s + len;
	struct imr_buffer o = {0};
	int failed = 0;
	/* What the next word's line opens with: a form feed (a page after
	 * the first), a blank line (a new block or paragraph), nothing. */
	bool in_line = false, any_line = false, new_page = false, new_block = false;
	size_t pages = 0, words = 0;
	unsigned lineno = 0;
	for (const char *row = s, *nl; row < e; row = nl + 1) {
		const char *te;
		nl = line_end(row, e, &te);
		lineno++;
		if (te == row || is_header(row, te))
			continue; /* a blank line; a header again (tables joined) */
		/* The twelve columns: the level first, the word's text last. */
		const char *text = row;
		size_t tabs = 0;
		for (const char *t = row; tabs < COLUMNS - 1 && (t = memchr(t, '\t', (size_t)(te - t))); t++)
			tabs++, text = t + 1;
		int level = tabs == COLUMNS - 1 && row[0] >= '1' && row[0] <= '5' && row[1] == '\t' ? row[0] - '0' : 0;
		if (tabs < COLUMNS - 1 || !level) {
			if (tabs < COLUMNS - 1)
				imr_diag_add(diags, IMR_ERROR, lineno, 1, row, (size_t)(te - row),
				             "word boxes: a row of %zu columns, not %d", tabs + 1, COLUMNS);
			else
				imr_diag_add(diags, IMR_ERROR, lineno, 1, row, (size_t)(te - row),
				             "word boxes: a row whose level is not 1 to 5");
			imr_buffer_free(&o);
			return NULL;
		}
		if (level == 1) { /* a page: its first line opens with a form feed */
			in_line = false;
			new_page = pages++ > 0 && any_line;
			new_block = false;
			continue;
		}
		if (level < 5) { /* a block, a paragraph or flow, a line */
			in_line = false;
			new_block |= level < 4 && any_line;
			continue;
		}
		while (text < te && (*text == ' ' || *text == '\t'))
			text++;
		const char *end = te;
		while (end > text && end[-1] == ' ')
			end--;
		if (end == text)
			continue; /* (tesseract's empty words) */
		if (in_line) {
			failed |= imr_buffer_append(&o, " ", 1);
		} else {
			if (any_line) /* the line before ends; a page break or a blank line opens this one */
				failed |= imr_buffer_append(&o, new_page ? "\n\f" : new_block ? "\n\n" : "\n",
				                            new_page || new_block ? 2 : 1);
			in_line = any_line = true;
			new_page = new_block = false;
		}
		failed |= imr_buffer_append(&o, text, (size_t)(end - text));
		words++;
	}
	failed |= imr_buffer_append(&o, "\n", 1);
	if (failed || !words) {
		imr_buffer_free(&o);
		if (failed)
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "word boxes: out of memory");
		else
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "word boxes: not one word in the table (%u lines)",
			             lineno);
		return NULL;
	}
	*text_len = o.len;
	return o.data;
}
