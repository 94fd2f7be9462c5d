/* mail.c - an e-mail's headers blanked (mail.h). */
#include "mail.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "words.h"

/* ---- an e-mail's headers --------------------------------------------
 *
 * A letter saved with the e-mail that carried it (a .eml, the source of
 * a message: "From: ...", "Subject: ...", "MIME-Version: 1.0",
 * "Content-Transfer-Encoding: quoted-printable", then a blank line) opens
 * with the message's headers; a multipart message's parts are between its
 * boundary's lines ("--b1", each with the part's own headers, "--b1--"
 * after the last), its preamble ("This is a multi-part message in MIME
 * format.") before the first.  They are no words of the letter: blanked,
 * as page furniture is.  Told by the text's first line, a header's, and a
 * block of headers to the first blank line that names a message's own
 * (From, Subject, MIME-Version, Content-Type, ...): a letter opens with a
 * label of its header ("Case Number:") or its letterhead, never so.
 */

/* The length of the header's name opening s[0..n) ("Content-Type" of
 * "Content-Type: text/plain"), or 0. */
static size_t header_name(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && (imr_alnum(s[k]) || s[k] == '-'))
		k++;
	return k && k < n && s[k] == ':' ? k : 0;
}

/* Whether the header name s[0..k) is one only a message has. */
static bool mail_header(const char *s, size_t k)
{
	static const char *const names[] = {"From", "To", "Subject", "Date", "MIME-Version", "Content-Type",
	                                    "Content-Transfer-Encoding", "Message-ID", "Received", "Return-Path",
	                                    "X-Mailer", "Reply-To", "Cc"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == k && strncasecmp(s, names[i], k) == 0)
			return true;
	return false;
}

/* The multipart boundary a header line s[0..n) declares ("boundary=\"b1\""
 * or "boundary=b1"), copied to b (up to 70 characters, RFC 2046): its
 * length, or 0. */
static size_t boundary_of(const char *s, size_t n, char b[71])
{
	for (size_t i = 0; i + 9 <= n; i++) {
		if (strncasecmp(s + i, "boundary=", 9) != 0)
			continue;
		size_t j = i + 9, k = 0;
		bool quoted = j < n && s[j] == '"';
		j += quoted;
		while (j < n && k < 70 && (quoted ? s[j] != '"' : s[j] != ';' && s[j] != ' '))
			b[k++] = s[j++];
		return k;
	}
	return 0;
}

/* Whether line s[0..n) is the boundary's ("--b1", or the last: "--b1--"). */
static bool boundary_line(const char *s, size_t n, const char *b, size_t k, bool *last)
{
	while (n && s[n - 1] == ' ')
		n--;
	*last = n == k + 4 && memcmp(s + k + 2, "--", 2) == 0;
	return (n == k + 2 || *last) && s[0] == '-' && s[1] == '-' && memcmp(s + 2, b, k) == 0;
}

/* The message's headers and its parts' boundaries blanked (see above). */
void imr_blank_mail(struct imr_source *src)
{
	char b[71];
	size_t k = 0, mail = 0, i = 0, n;
	for (; i < src->nlines; i++) {
		const char *s = imr_source_index_text(src, i, &n);
		if (imr_blank_text(s, n))
			break;
		size_t name = *s == ' ' && i ? 0 : header_name(s, n);
		if (!name && !(*s == ' ' && i)) /* (a header's line folded) */
			return;
		mail += mail_header(s, name);
		k = k ? k : boundary_of(s, n, b);
	}
	if (mail < 2 || i == src->nlines)
		return;
	for (size_t j = 0; j < i; j++)
		imr_blank_line_text(src, j, 0, SIZE_MAX);
	if (!k)
		return;
	/* Multipart: the preamble, each boundary's line with the part's
	 * headers after it (to their blank line), the epilogue after the
	 * last; the parts' bodies are read. */
	enum { PREAMBLE, PART_HEADERS, BODY, EPILOGUE } at = PREAMBLE;
	for (; i < src->nlines; i++) {
		const char *s = imr_source_index_text(src, i, &n);
		bool last = false, boundary = at != EPILOGUE && n > k + 1 && boundary_line(s, n, b, k, &last);
		if (at == BODY && !boundary)
			continue;
		bool blank = imr_blank_text(s, n);
		imr_blank_line_text(src, i, 0, SIZE_MAX);
		if (boundary)
			at = last ? EPILOGUE : PART_HEADERS;
		else if (at == PART_HEADERS && blank)
			at = BODY;
	}
}
