/* mail.h - an e-mail's headers before the letter.
 *
 * A letter saved with the e-mail that carried it (a .eml, a message's
 * source) opens with the message's headers, and a multipart message has
 * its parts between a boundary's lines, each part with headers of its
 * own.  They are no words of the letter: blanked as page furniture is,
 * each line and its place kept, so every position is still the input's.
 * Quoted-printable text is decoded before (qp.h); run by imr_normalize
 * (normalize.c) once the lines are made. */
#ifndef IMR_MAIL_H
#define IMR_MAIL_H

#include "source.h"

/* Blank src's opening block of headers when two of them at least are a
 * message's own (From, Subject, MIME-Version, ...), and, when they
 * declare a multipart boundary, the preamble, each boundary's line with
 * its part's headers, and the epilogue after the last. */
void imr_blank_mail(struct imr_source *src);

#endif
