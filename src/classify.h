/* classify.h - a request's category and subcategory in the Division's
 * taxonomy (request.h), from the lexicon phrases its title names. */
#ifndef IMR_CLASSIFY_H
#define IMR_CLASSIFY_H

#include <stdbool.h>

#include "request.h"

/* What the title says besides its phrases. */
struct imr_rq_context {
	bool topical;      /* a topical dosage form or route ("cream", "topically") */
	bool compound_run; /* two drugs in one run ("Flurbiprofen 20%/Lidocaine 5%") */
	bool injection;    /* the dosage form "injection" */
	bool spinal;       /* a spinal region or a spinal level */
	bool regions;      /* any body region or level */
	bool course;       /* sessions, a count of visits or a frequency: "x 6", "2x/week" */
	bool skin_form;    /* a form only drugs have on the skin: cream, gel, ointment, ... */
	bool strength;     /* a strength: "10mg", "5%" */
};

/* Sets r->category, r->subcategory and r->head from r->mentions. */
void imr_classify(struct imr_request *r, const struct imr_rq_context *x);
/* The reviewer's guideline names the modality of the title a therapy
 * ("Ultrasound, therapeutic"): a request for ultrasound or electrical
 * stimulation is Rehabilitation/Other Therapies. */
void imr_classify_as_therapy(struct imr_request *r);

#endif
