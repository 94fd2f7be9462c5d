/* qp.h - quoted-printable text (RFC 2045) decoded before normalization.
 *
 * An e-mail's source or a saved .eml/.mht letter carries its text
 * quoted-printable: a byte outside printable ASCII as "=XX" ("=E2=80=99"
 * a right quotation mark's three bytes), a blank before a line's end as
 * "=20", and every line longer than 76 characters cut with a soft break
 * (a "=" ending the line, the line going on with the next).  Decoded
 * here, before the text's characters are read (normalize.c: Windows-1252
 * and UTF-8 then as in any text), the input's lines one for one: a line
 * ending in a soft break and the next are one row of the text (as a
 * folded text's, folded.h), each still its own input line, and a line
 * whose escapes were decoded keeps a map to its original columns. */
#ifndef IMR_QP_H
#define IMR_QP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"

struct imr_qp {
	char *text;        /* the decoded bytes, the input's lines one for one */
	size_t len;
	size_t nlines;
	uint64_t *soft;    /* a bit a line: it ends in a soft break */
	/* For each line whose escapes were decoded, the original column of
	 * each of its decoded characters and one past them (a character:
	 * a valid UTF-8 sequence, or a byte), in cols[at[i] ..
	 * at[i]+n[i]); at[i] is UINT32_MAX for a line kept as it was. */
	uint32_t *at, *n;
	uint32_t *cols;
	size_t ncols;
};

/* Whether data[0..len) is quoted-printable: two soft breaks at least or
 * two UTF-8 sequences written as escapes, and few "=" that are neither
 * (a letter's own "VAS=7/10" here and there is no quoted-printable). */
bool imr_qp_encoded(const char *data, size_t len);
/* data[0..len) decoded into qp (imr_qp_free frees it); false when memory
 * runs out. */
bool imr_qp_decode(const char *data, size_t len, struct imr_qp *qp);
void imr_qp_free(struct imr_qp *qp);
/* src (normalized from qp->text) made to map its bytes to the columns
 * of the encoded input; false when memory runs out (src's maps then as
 * they were). */
bool imr_qp_map_columns(const struct imr_qp *qp, struct imr_source *src);

#endif
