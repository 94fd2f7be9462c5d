/* mkpdf.c - make small PDFs for the tests, at test time, from text.
 *
 *   mkpdf [--image] [--pages N] < TEXT > OUT.pdf
 *
 * Each line of TEXT becomes a line of Courier 9 pt on a US Letter page
 * (made wider when a line would not fit: text off the page is not read
 * back); a line that opens with a form feed starts a new page, as do 64
 * lines on one page.  Courier is one of the 14 standard fonts: it is not
 * embedded, and every PDF reader knows its widths, so the PDF is the same
 * on every machine and its text layer reads back exactly.  Bytes outside
 * printable ASCII become '?' (our examples are ASCII).
 *
 *   --image    pages with an image and no text (a scan without OCR)
 *   --pages N  add empty pages until there are N
 *
 * The PDF is hand-written (catalog, page tree, one content stream per
 * page, a cross-reference table): no library, nothing compressed. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINES_PER_PAGE = 64, MAX_OBJECTS = 100000 };

static long offsets[MAX_OBJECTS];
static int nobjects;
static long written;
static int page_width = 612; /* points: US Letter, or wider for long lines */

static void out(const void *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n) {
		perror("mkpdf: write");
		exit(2);
	}
	written += (long)n;
}

static void outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void outf(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		fputs("mkpdf: internal error: line too long\n", stderr);
		exit(2);
	}
	out(buf, (size_t)n);
}

/* Object numbers are handed out in the order the objects are written. */
static int begin_object(void)
{
	if (nobjects + 1 >= MAX_OBJECTS) {
		fputs("mkpdf: too many objects\n", stderr);
		exit(2);
	}
	offsets[++nobjects] = written;
	outf("%d 0 obj\n", nobjects);
	return nobjects;
}

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 256;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("mkpdf");
			exit(2);
		}
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* One text line as a PDF string operand: (...) Tj, escaped. */
static void put_line(struct buf *b, const char *s, size_t n)
{
	puts_(b, "(");
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '(' || c == ')' || c == '\\')
			put(b, "\\", 1);
		if ((unsigned char)c < 0x20 || (unsigned char)c > 0x7E)
			c = c == '\t' ? ' ' : '?';
		put(b, &c, 1);
	}
	puts_(b, ") Tj T*\n");
}

/* Write a page whose content stream is `content`; returns its object. */
static int write_page(int pages_obj, int font_obj, int image_obj, const struct buf *content)
{
	int contents = begin_object();
	outf("<< /Length %zu >>\nstream\n", content->n);
	out(content->p, content->n);
	outf("\nendstream\nendobj\n");
	int page = begin_object();
	outf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d 792] /Contents %d 0 R\n"
	     "   /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>\nendobj\n",
	     pages_obj, page_width, contents, font_obj, image_obj);
	return page;
}

int main(int argc, char **argv)
{
	int image = 0;
	long min_pages = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--image") == 0) {
			image = 1;
		} else if (strcmp(argv[i], "--pages") == 0 && i + 1 < argc) {
			min_pages = strtol(argv[++i], NULL, 10);
		} else {
			fputs("usage: mkpdf [--image] [--pages N] < TEXT > OUT.pdf\n", stderr);
			return 2;
		}
	}
	struct buf text = {0};
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		put(&text, chunk, got);

	/* The page tree is object 1, the catalog 2, the font 3, the image 4;
	 * the pages follow and the tree is written last, when they are known. */
	out("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15);
	offsets[1] = 0; /* filled in below */
	nobjects = 1;
	int catalog = begin_object();
	outf("<< /Type /Catalog /Pages 1 0 R >>\nendobj\n");
	int font = begin_object();
	outf("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>\nendobj\n");
	int img = begin_object();
	/* 4x4 grey pixels: the "scan". */
	outf("<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray\n"
	     "   /BitsPerComponent 8 /Length 16 >>\nstream\n");
	out("\x10\x80\xF0\x40\x80\x10\x40\xF0\xF0\x40\x10\x80\x40\xF0\x80\x10", 16);
	outf("\nendstream\nendobj\n");
	(void)catalog;

	/* Courier's characters are 0.6 em wide: 5.4 pt at 9 pt; margins of 54 pt. */
	for (const char *l = text.p, *lend; l < text.p + text.n; l = lend + 1) {
		lend = memchr(l, '\n', (size_t)(text.p + text.n - l));
		if (!lend)
			lend = text.p + text.n;
		int w = 108 + (int)((lend - l) * 27 + 4) / 5;
		if (w > page_width)
			page_width = w;
	}
	int *kids = NULL;
	size_t nkids = 0, capkids = 0;
	struct buf content = {0};
	int lines = 0;
	const char *s = text.p, *end = text.p + text.n;
	int started = 0;
	for (;;) {
		const char *nl = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
		const char *e = nl ? nl : end;
		int new_page = !started || (s < end && *s == '\f') || lines == LINES_PER_PAGE;
		/* pdftotext ends its text with a form feed: no page after it. */
		int last = s >= end || (*s == '\f' && strspn(s + 1, " \n") == (size_t)(end - s - 1));
		if ((new_page || last) && started) {
			if (!image)
				puts_(&content, "ET\n");
			if (nkids == capkids) {
				capkids = capkids ? capkids * 2 : 16;
				kids = realloc(kids, capkids * sizeof *kids);
				if (!kids)
					return 2;
			}
			kids[nkids++] = write_page(1, font, img, &content);
			content.n = 0;
			lines = 0;
		}
		if (last)
			break;
		if (new_page) {
			started = 1;
			puts_(&content, image ? "q 504 0 0 684 54 54 cm /Im1 Do Q\n"
			                      : "BT /F1 9 Tf 11 TL 54 750 Td\n");
		}
		if (*s == '\f')
			s++;
		if (!image)
			put_line(&content, s, (size_t)(e - s));
		lines++;
		s = nl ? nl + 1 : end;
	}
	while ((long)nkids < min_pages || nkids == 0) {
		if (nkids == capkids) {
			capkids = capkids ? capkids * 2 : 16;
			kids = realloc(kids, capkids * sizeof *kids);
			if (!kids)
				return 2;
		}
		content.n = 0;
		kids[nkids++] = write_page(1, font, img, &content);
	}

	offsets[1] = written;
	outf("1 0 obj\n<< /Type /Pages /Count %zu /Kids [", nkids);
	for (size_t i = 0; i < nkids; i++)
		outf("%s%d 0 R", i % 16 ? " " : "\n", kids[i]);
	outf("] >>\nendobj\n");

	long xref = written;
	outf("xref\n0 %d\n0000000000 65535 f \n", nobjects + 1);
	for (int i = 1; i <= nobjects; i++)
		outf("%010ld 00000 n \n", offsets[i]);
	outf("trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%ld\n%%%%EOF\n", nobjects + 1, catalog,
	     xref);
	if (fflush(stdout) != 0) {
		perror("mkpdf: write");
		return 2;
	}
	free(kids);
	free(content.p);
	free(text.p);
	return 0;
}
