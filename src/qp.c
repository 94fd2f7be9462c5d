/* qp.c - quoted-printable text decoded (qp.h). */
#include "qp.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"

/* The value of a hexadecimal digit, or -1 (upper: only capitals, as
 * RFC 2045 writes them). */
static int hex_digit(char c, bool upper)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (!upper && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The byte an escape at p[0..n) ("=E2") stands for, or -1. */
static int escape(const char *p, size_t n, bool upper)
{
	int hi, lo;
	if (n < 3 || (hi = hex_digit(p[1], upper)) < 0 || (lo = hex_digit(p[2], upper)) < 0)
		return -1;
	return hi << 4 | lo;
}

/* The length of the soft break at p[0..n) (p at its "="): the "=", the
 * blanks a mail system may have put after it, not the line break; 0 if
 * none. */
static size_t soft_break(const char *p, size_t n)
{
	size_t k = 1;
	while (k < n && (p[k] == ' ' || p[k] == '\t'))
		k++;
	return k == n || p[k] == '\n' || p[k] == '\r' ? k : 0;
}

bool imr_qp_encoded(const char *data, size_t len)
{
	size_t soft = 0, escapes = 0, sequences = 0, stray = 0;
	const char *end = data + len;
	for (const char *p = data; (p = memchr(p, '=', (size_t)(end - p))); p++) {
		size_t n = (size_t)(end - p);
		int b = escape(p, n, true);
		if (b >= 0) {
			escapes++;
			/* a UTF-8 sequence's lead and its next byte, both escaped */
			int c = b >= 0xC2 && b <= 0xF4 && n >= 6 && p[3] == '=' ? escape(p + 3, n - 3, true) : -1;
			sequences += c >= 0x80 && c < 0xC0;
			p += 2;
		} else if (soft_break(p, n)) {
			soft++;
		} else {
			stray++;
		}
	}
	return (soft >= 2 || sequences >= 2) && stray * 4 <= soft + escapes;
}

/* The length of the line break at p[0..n) (the ones normalize.c reads),
 * or 0. */
static size_t line_break(const unsigned char *p, size_t n)
{
	switch (*p) {
	case '\n': case '\v':
		return 1;
	case '\r':
		return n > 1 && p[1] == '\n' ? 2 : 1;
	case 0xC2:
		return n > 1 && p[1] == 0x85 ? 2 : 0;
	case 0xE2:
		return n > 2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9) ? 3 : 0;
	default:
		return 0;
	}
}

void imr_qp_free(struct imr_qp *qp)
{
	free(qp->text), free(qp->soft), free(qp->at), free(qp->n), free(qp->cols);
	memset(qp, 0, sizeof *qp);
}

/* Line i's map, its decoded bytes t[0..m) each from the original column
 * from[k], end the column one past them: one entry a character. */
static void line_map(struct imr_qp *qp, size_t i, const char *t, size_t m, const uint32_t *from, uint32_t end)
{
	qp->at[i] = (uint32_t)qp->ncols;
	for (size_t k = 0; k < m;) {
		size_t c = imr_utf8_length((const unsigned char *)t + k, m - k);
		qp->cols[qp->ncols++] = from[k];
		k += c ? c : 1;
	}
	qp->cols[qp->ncols++] = end;
	qp->n[i] = (uint32_t)(qp->ncols - qp->at[i]);
}

bool imr_qp_decode(const char *data, size_t len, struct imr_qp *qp)
{
	memset(qp, 0, sizeof *qp);
	size_t lines = 1;
	for (size_t i = 0; i < len;) {
		size_t k = line_break((const unsigned char *)data + i, len - i);
		i += k ? k : 1;
		lines += k && i < len;
	}
	/* (Decoded: never longer than the input; a map entry a byte and one
	 * a line at most.) */
	qp->text = malloc(len + 1);
	qp->soft = calloc(lines / 64 + 1, sizeof *qp->soft);
	qp->at = malloc(lines * sizeof *qp->at);
	qp->n = calloc(lines, sizeof *qp->n);
	qp->cols = malloc((len + lines) * sizeof *qp->cols);
	uint32_t *from = malloc((len + 1) * sizeof *from); /* a decoded byte's column in its line */
	if (!qp->text || !qp->soft || !qp->at || !qp->n || !qp->cols || !from) {
		free(from);
		imr_qp_free(qp);
		return false;
	}
	char *o = qp->text, *line = o;
	uint32_t col = 1;    /* the input's column */
	bool escaped = false; /* the line had an escape */
	size_t i = 0, l = 0;
	for (;;) {
		size_t k = i < len ? line_break((const unsigned char *)data + i, len - i) : 0;
		if (i == len || k) {
			qp->at[l] = UINT32_MAX;
			if (escaped)
				line_map(qp, l, line, (size_t)(o - line), from + (line - qp->text), col);
			memcpy(o, data + i, k);
			o += k, i += k;
			if (i == len) /* (a line break at the end opens no line: normalize.c's count) */
				break;
			l++;
			line = o, col = 1, escaped = false;
			continue;
		}
		char c = data[i];
		size_t s;
		int b;
		if (c == '=' && (b = escape(data + i, len - i, false)) >= 0) {
			/* (A line break's byte escaped, "=0D" of CRLF: a blank, the
			 * text's lines being the input's.) */
			bool breaks = b == '\n' || b == '\r' || b == '\v';
			from[o - qp->text] = col;
			*o++ = breaks ? ' ' : (char)b;
			i += 3, col += 3, escaped = true;
		} else if (c == '=' && (s = soft_break(data + i, len - i))) {
			qp->soft[l / 64] |= UINT64_C(1) << (l % 64);
			i += s, col += (uint32_t)s;
		} else {
			from[o - qp->text] = col;
			*o++ = c;
			col += ((unsigned char)c & 0xC0) != 0x80;
			i++;
		}
	}
	qp->nlines = l + 1;
	qp->len = (size_t)(o - qp->text);
	free(from);
	return true;
}

/* The original column of a byte whose column in decoded line j is c
 * (entry: c and the lines it moved, imr_column_moved). */
static uint32_t original(const struct imr_qp *qp, size_t j, uint32_t entry)
{
	if (j >= qp->nlines || qp->at[j] == UINT32_MAX)
		return entry;
	uint32_t c = imr_column_of(entry), n = qp->n[j];
	uint32_t o = qp->cols[qp->at[j] + (c >= 1 && c <= n ? c - 1 : n - 1)];
	return (entry & ~((UINT32_C(1) << IMR_COLUMN_BITS) - 1)) | o;
}

bool imr_qp_map_columns(const struct imr_qp *qp, struct imr_source *src)
{
	if (src->nlines != qp->nlines || !qp->ncols)
		return true; /* (no escape; or lines other than the input's: left) */
	/* The new maps: each line's old one, or one of its counted columns
	 * when the line has escapes, its entries read through qp's. */
	size_t nmoved = 0, ncolumns = 0, longest = 0;
	for (size_t i = 0, m = 0; i < src->nlines; i++) {
		size_t n;
		imr_source_index_text(src, i, &n);
		longest = n > longest ? n : longest;
		bool old = m < src->nmoved && src->moved[m].line == i;
		if (old || qp->at[i] != UINT32_MAX) {
			nmoved++;
			ncolumns += old ? src->moved[m].len : n + 1;
		}
		m += old;
	}
	struct imr_moved_line *moved = malloc(nmoved * sizeof *moved);
	uint32_t *columns = malloc(ncolumns * sizeof *columns);
	uint32_t *counted = malloc((longest + 1) * sizeof *counted);
	if (!moved || !columns || !counted) {
		free(moved), free(columns), free(counted);
		return false;
	}
	size_t w = 0, c = 0;
	for (size_t i = 0, m = 0; i < src->nlines; i++) {
		bool old = m < src->nmoved && src->moved[m].line == i;
		if (!old && qp->at[i] == UINT32_MAX)
			continue;
		const uint32_t *was;
		size_t len;
		if (old) {
			was = src->columns + src->moved[m].at, len = src->moved[m].len;
			m++;
		} else {
			size_t n;
			const char *s = imr_source_index_text(src, i, &n);
			imr_count_columns(s, n, counted);
			was = counted, len = n + 1;
		}
		moved[w++] = (struct imr_moved_line){(uint32_t)i, (uint32_t)c, (uint32_t)len};
		for (size_t k = 0; k < len; k++) {
			int d = imr_column_lines(was[k]);
			columns[c++] = original(qp, (size_t)((ptrdiff_t)i + d), was[k]);
		}
	}
	free(counted);
	free(src->moved), free(src->columns);
	src->moved = moved, src->nmoved = nmoved;
	src->columns = columns, src->ncolumns = ncolumns;
	return true;
}
