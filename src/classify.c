/* classify.c - what a request is, in the Division's taxonomy.
 *
 * The head of a request is the first phrase of the lexicon its title
 * names, skipping modifiers ("arthroscopic", "ultrasound-guided",
 * "compounded") when there is another phrase.  Its entry gives the
 * category; then the rest of the title refines it:
 *
 *   drug         its class where it is used: a topical form or route
 *                makes it topical (its topical class, or a compound), two
 *                drugs in one topical run or "compounded" make a topical
 *                compound (imr_drug_class); a drug injected into a body
 *                region is an injection ("Kenalog 40mg injection to the
 *                right knee")
 *   surgery      "arthroscopic" anywhere makes it arthroscopic; else a
 *                spinal region or level makes it spine surgery
 *   injection    a facet phrase anywhere makes it a facet injection
 *   evaluation   a consultation about surgery is a surgical consult; one
 *                for a psychologist or a program is that
 *   modality     ultrasound or electrical stimulation given as a course
 *                (sessions, a frequency) is a therapy: rehabilitation
 *   pre-op test  a diagnostic test before an operation ("Pre-op EKG",
 *                "Pre-operative labs") is an adjunct surgical service
 *   amount       "supply" with a drug ("One month supply of Norco"): the drug
 *   none         "injection" alone is an injection; a cream, gel or
 *                ointment of a brand the lexicon does not know a topical
 *                compound; a strength a medication; else Other
 */
#include "classify.h"

#include "lexicon.h"

static bool mentions_sub(const struct imr_request *r, enum imr_subcategory s)
{
	for (size_t i = 0; i < r->mention_count; i++)
		if (r->mentions[i].entry->subcategory == s)
			return true;
	return false;
}

static bool mentions_cat(const struct imr_request *r, size_t from, enum imr_category c)
{
	for (size_t i = from; i < r->mention_count; i++)
		if (r->mentions[i].entry->category == c)
			return true;
	return false;
}

static void set(struct imr_request *r, enum imr_subcategory s)
{
	r->subcategory = s;
	r->category = imr_subcategory_category(s);
}

void imr_classify_as_therapy(struct imr_request *r)
{
	if (r->head && (r->head->flags & IMR_LEX_MODALITY))
		set(r, IMR_SUB_OTHER_THERAPIES);
}

enum imr_subcategory imr_drug_class(const struct imr_lexicon_entry *drug, bool topical,
                                    bool compound)
{
	enum imr_subcategory own = drug->subcategory;
	if (compound)
		return IMR_SUB_TOPICAL_COMPOUNDS;
	if (!topical || (drug->flags & IMR_LEX_TRANSDERMAL) || own == IMR_SUB_TOPICAL_ANALGESICS ||
	    own == IMR_SUB_TOPICAL_COMPOUNDS)
		return own;
	return drug->topical != IMR_SUB_NONE ? drug->topical : IMR_SUB_TOPICAL_COMPOUNDS;
}

void imr_classify(struct imr_request *r, const struct imr_rq_context *x)
{
	r->category = IMR_CAT_OTHER;
	r->subcategory = IMR_SUB_NONE;
	r->head = NULL;
	size_t h = r->mention_count;
	for (size_t i = 0; i < r->mention_count && h == r->mention_count; i++)
		if (!(r->mentions[i].entry->flags & IMR_LEX_MODIFIER))
			h = i;
	if (h == r->mention_count && r->mention_count)
		h = 0;
	/* "One month supply of Norco": the drug. */
	if (h < r->mention_count && (r->mentions[h].entry->flags & IMR_LEX_AMOUNT))
		for (size_t i = h + 1; i < r->mention_count; i++)
			if (r->mentions[i].entry->kind == IMR_LEX_DRUG) {
				h = i;
				break;
			}
	if (h == r->mention_count) {
		/* No phrase of the lexicon: what the title says of its form. */
		if (x->injection)
			set(r, IMR_SUB_INJECTION);
		else if (x->skin_form) /* "Theraflex cream 180gm": a compound's brand */
			set(r, IMR_SUB_TOPICAL_COMPOUNDS);
		else if (x->strength) /* "Xyz 10mg #30" */
			set(r, IMR_SUB_OTHER_MEDICATIONS);
		return;
	}
	const struct imr_lexicon_entry *e = r->head = r->mentions[h].entry;
	r->category = e->category;
	r->subcategory = e->subcategory;
	if (e->kind == IMR_LEX_DRUG) {
		bool compounded = false;
		for (size_t i = 0; i < r->mention_count; i++) {
			const struct imr_lexicon_entry *m = r->mentions[i].entry;
			compounded |= (m->flags & IMR_LEX_MODIFIER) && m->subcategory == IMR_SUB_TOPICAL_COMPOUNDS;
		}
		set(r, imr_drug_class(e, x->topical, compounded || (x->compound_run && x->topical)));
		if ((x->injection || mentions_cat(r, 0, IMR_CAT_INJECTION)) && x->regions)
			set(r, mentions_sub(r, IMR_SUB_FACET_INJECTION) ? IMR_SUB_FACET_INJECTION
			                                                : IMR_SUB_INJECTION);
		return;
	}
	/* Ultrasound or electrical stimulation as a course of treatment. */
	if ((e->flags & IMR_LEX_MODALITY) && x->course)
		set(r, IMR_SUB_OTHER_THERAPIES);
	/* Tests before an operation serve the operation. */
	if (r->category == IMR_CAT_DIAGNOSTIC && r->periop == IMR_PERIOP_PRE)
		set(r, IMR_SUB_ADJUNCT_SURGICAL);
	switch (r->category) {
	case IMR_CAT_SURGERY:
		if (e->subcategory == IMR_SUB_NON_ARTHROSCOPIC) {
			if (mentions_sub(r, IMR_SUB_ARTHROSCOPIC))
				set(r, IMR_SUB_ARTHROSCOPIC);
			else if (x->spinal)
				set(r, IMR_SUB_SPINE);
		}
		break;
	case IMR_CAT_INJECTION:
		if (mentions_sub(r, IMR_SUB_FACET_INJECTION))
			set(r, IMR_SUB_FACET_INJECTION);
		break;
	case IMR_CAT_EVALUATION:
		if (mentions_cat(r, h + 1, IMR_CAT_SURGERY))
			set(r, IMR_SUB_SURGICAL_CONSULT);
		else if (mentions_cat(r, h + 1, IMR_CAT_PSYCH))
			r->category = IMR_CAT_PSYCH;
		else if (mentions_cat(r, h + 1, IMR_CAT_PROGRAMS))
			r->category = IMR_CAT_PROGRAMS;
		break;
	case IMR_CAT_DIAGNOSTIC:
	case IMR_CAT_DMEPOS:
	case IMR_CAT_HOME_HEALTH:
	case IMR_CAT_PHARMACEUTICALS:
	case IMR_CAT_PROGRAMS:
	case IMR_CAT_PSYCH:
	case IMR_CAT_REHABILITATION:
	case IMR_CAT_TRANSPORTATION:
	case IMR_CAT_OTHER:
	case IMR_CATEGORY_COUNT:
		break;
	}
}
