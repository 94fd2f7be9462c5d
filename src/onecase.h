/* onecase.h - a letter whose letters are all of one case.
 *
 * Pipelines change a letter's case: NLP and search stores keep it in
 * small letters ("tr A-Z a-z"), small-caps fonts and some OCR give it in
 * capitals.  The scanner reads the vocabulary (vocab.h: headings, labels)
 * by its spelling and a heading by its capitals, so such a text would be
 * read as a letter without sections.  For the scan and the parse only,
 * the text is put in the vocabulary's case: capitals become small
 * letters, then each heading and label of vocab.h's tables, where it
 * stands as one (a line, a cell, a label's colon), takes the table's
 * spelling, byte for byte, so every offset holds.  After the parse the
 * text is given back its one case (every letter of it), and the XML
 * keeps the letter's words as they were.
 *
 * Ordinary text pays one scan of its first letters: detection stops at
 * the first small letter after a capital (or the reverse). */
#ifndef IMR_ONECASE_H
#define IMR_ONECASE_H

#include "arena.h"
#include "normalize.h"

/* Whether src's ASCII letters are of one case (and there are enough of
 * them to say): sets src->one_case. */
enum imr_letter_case imr_letter_case(struct imr_source *src);
/* Put a text of one case in the vocabulary's case (see above). */
void imr_one_case_read(struct imr_source *src);
/* Give it back its one case, keeping the vocabulary's (in the arena)
 * for imr_one_case_again. */
void imr_one_case_restore(struct imr_source *src, struct imr_arena *arena);
/* Put it in the vocabulary's case again (--verify scans it as the parse
 * did), until imr_one_case_restore. */
void imr_one_case_again(struct imr_source *src);

#endif
