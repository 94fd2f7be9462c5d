/* diag.c - GNU-style diagnostics: "file:line:col: error: message". */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

void imr_diags_init(struct imr_diags *d)
{
	memset(d, 0, sizeof *d);
}

void imr_diags_free(struct imr_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].message);
		free(d->items[i].source_line);
	}
	free(d->items);
	imr_diags_init(d);
}

static void diag_vadd(struct imr_diags *d, enum imr_severity sev, unsigned line, unsigned column,
                      const char *src, size_t src_len, const char *fmt, va_list ap)
{
	if (sev == IMR_ERROR)
		d->errors++;
	else if (sev == IMR_WARNING)
		d->warnings++;
	if (d->count >= IMR_MAX_STORED_DIAGS)
		return;
	if (d->count == d->capacity) {
		size_t cap = d->capacity ? d->capacity * 2 : 4;
		struct imr_diag *items = realloc(d->items, cap * sizeof *items);
		if (!items)
			return;
		d->items = items;
		d->capacity = cap;
	}
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
	if (!msg)
		return;
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	char *line_copy = NULL;
	if (src) {
		if (src_len > 200)
			src_len = 200;
		line_copy = malloc(src_len + 1);
		if (line_copy) {
			memcpy(line_copy, src, src_len);
			line_copy[src_len] = '\0';
		}
	}
	struct imr_diag *g = &d->items[d->count++];
	g->severity = sev;
	g->line = line;
	g->column = column;
	g->message = msg;
	g->source_line = line_copy;
	g->caret = 0;
}

void imr_diag_add(struct imr_diags *d, enum imr_severity sev, unsigned line, unsigned column,
                  const char *source_line, size_t source_len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, line, column, source_line, source_len, fmt, ap);
	va_end(ap);
}

void imr_diag_at(struct imr_diags *d, const struct imr_source *src, enum imr_severity sev,
                 unsigned offset, const char *fmt, ...)
{
	unsigned line = imr_source_line(src, offset);
	unsigned column = imr_source_column(src, offset);
	size_t len = 0, count = d->count;
	/* (A byte a repair moved is no longer on its line's text: no excerpt.) */
	const char *text = imr_source_byte_moved(src, offset) ? NULL : imr_source_line_text(src, line, &len);
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, line, column, text, len, fmt, ap);
	va_end(ap);
	if (d->count > count)
		d->items[count].caret = imr_source_text_column(src, offset);
}

static const char *severity_name(enum imr_severity s)
{
	switch (s) {
	case IMR_NOTE:
		return "note";
	case IMR_WARNING:
		return "warning";
	case IMR_ERROR:
		return "error";
	}
	return "error";
}

void imr_diags_print(const struct imr_diags *d, const char *filename, FILE *out)
{
	imr_diags_print_quiet(d, filename, false, out);
}

void imr_diags_print_quiet(const struct imr_diags *d, const char *filename, bool quiet, FILE *out)
{
	bool shown = true; /* the last error or warning: its notes go with it */
	size_t stored = 0;  /* errors and warnings printed */
	for (size_t i = 0; i < d->count; i++) {
		const struct imr_diag *g = &d->items[i];
		if (g->severity != IMR_NOTE) {
			shown = !quiet || g->severity == IMR_ERROR;
			stored += shown;
		}
		if (!shown)
			continue;
		if (g->line && g->column)
			fprintf(out, "%s:%u:%u: %s: %s\n", filename, g->line, g->column,
			        severity_name(g->severity), g->message);
		else if (g->line)
			fprintf(out, "%s:%u: %s: %s\n", filename, g->line, severity_name(g->severity),
			        g->message);
		else
			fprintf(out, "%s: %s: %s\n", filename, severity_name(g->severity), g->message);
		if (g->source_line && g->column) {
			fprintf(out, " %5u | %s\n       | ", g->line, g->source_line);
			/* Columns count characters: skip UTF-8 continuation bytes. */
			unsigned col = 1, caret = g->caret ? g->caret : g->column;
			for (const unsigned char *p = (const unsigned char *)g->source_line;
			     *p && col < caret; p++)
				if ((*p & 0xC0) != 0x80) {
					fputc(' ', out);
					col++;
				}
			fputs("^\n", out);
		}
	}
	size_t dropped = d->errors + (quiet ? 0 : d->warnings);
	dropped = dropped > stored ? dropped - stored : 0;
	if (dropped)
		fprintf(out, "%s: note: %zu more diagnostic(s) not shown\n", filename, dropped);
}
