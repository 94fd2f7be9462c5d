/* request.c - unit tests of the request module (src/request.h,
 * src/lexicon.h), and its development harness.
 *
 *   request-unit                       the unit tests: "N passed, N failed"
 *   request-unit --report FILE...      every item title of the documents,
 *                                      decomposed; the drugs of each summary
 *   request-unit --check FILE...       assert that no item of the documents
 *                                      is "other" or needed error recovery
 *   request-unit --describe            titles from stdin, one a line
 *
 * A decomposition is written as one line of its parts in a fixed order
 * (describe()), so a test states every part a title has and, by
 * omission, that it has no other. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "imr2xml.h"
#include "lexicon.h"
#include "request.h"
#include "request_xml.h"
#include "xml.h"

#include "../testing.h"

/* ---- the description of a request ---------------------------------------- */

struct buf {
	char s[2048];
	size_t n;
};

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (b->n < sizeof b->s) {
		int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
		if (k > 0)
			b->n += (size_t)k;
		if (b->n >= sizeof b->s)
			b->n = sizeof b->s - 1;
	}
	va_end(ap);
}

static void put_span(struct buf *b, const struct imr_request *r, struct imr_rq_span s)
{
	put(b, "%.*s", (int)(s.end - s.start), r->title + s.start);
}

static void put_range(struct buf *b, int lo, int hi)
{
	if (lo == hi)
		put(b, "%d", lo);
	else
		put(b, "%d-%d", lo, hi);
}

static void put_date(struct buf *b, const struct imr_date *d)
{
	char iso[11];
	imr_date_iso(d, iso);
	put(b, "%s", iso);
}

/* category[/subcategory] name="..." strength=V[unit][@ingredient]... form=F
 * qty=V[unit|form] dose=V[form|unit] refills=N freq=T/period|q E/period|Tx[,prn]
 * dur=Nperiod sessions=N region=[side:]site... level=A-B... side=S retro
 * dos=D[..E] periop=P */
static const char *describe(const struct imr_request *r, struct buf *b)
{
	b->n = 0;
	b->s[0] = '\0';
	put(b, "%s", imr_category_token(r->category));
	if (r->subcategory != IMR_SUB_NONE)
		put(b, "/%s", imr_subcategory_token(r->subcategory));
	if (r->has_name)
		put(b, " name=\"%s\"", r->name);
	for (size_t i = 0; i < r->strength_count; i++) {
		const struct imr_rq_strength *s = &r->strengths[i];
		put(b, " strength=%s%s", s->value, s->unit ? s->unit : "");
		if (s->has_ingredient) {
			put(b, "@");
			put_span(b, r, s->ingredient);
		}
	}
	if (r->has_form)
		put(b, " form=%s", r->form);
	if (r->quantity.present)
		put(b, " qty=%s%s%s", r->quantity.value.text, r->quantity.unit ? r->quantity.unit : "",
		    r->quantity.form ? r->quantity.form : "");
	if (r->dose.present)
		put(b, " dose=%s%s%s", r->dose.value.text, r->dose.form ? r->dose.form : "",
		    r->dose.unit ? r->dose.unit : "");
	if (r->has_refills)
		put(b, " refills=%d", r->refills);
	const struct imr_rq_frequency *f = &r->frequency;
	if (f->present) {
		put(b, " freq=");
		const char *comma = "";
		if (f->every_lo) {
			put(b, "q");
			put_range(b, f->every_lo, f->every_hi);
			put(b, "/%s", imr_period_token(f->period));
			comma = ",";
		} else if (f->times_lo) {
			put_range(b, f->times_lo, f->times_hi);
			if (f->period != IMR_PERIOD_NONE)
				put(b, "/%s", imr_period_token(f->period));
			else
				put(b, "x");
			comma = ",";
		}
		if (f->as_needed)
			put(b, "%sprn", comma);
	}
	if (r->duration.present) {
		put(b, " dur=");
		put_range(b, r->duration.count_lo, r->duration.count_hi);
		put(b, "%s", imr_period_token(r->duration.period));
	}
	if (r->has_sessions)
		put(b, " sessions=%d", r->sessions);
	for (size_t i = 0; i < r->region_count; i++) {
		const struct imr_rq_region *g = &r->regions[i];
		put(b, " region=");
		if (g->laterality != IMR_SIDE_NONE)
			put(b, "%s:", imr_laterality_token(g->laterality));
		put(b, "%s", g->site);
	}
	for (size_t i = 0; i < r->level_count; i++) {
		const struct imr_rq_level *l = &r->levels[i];
		if (strcmp(l->from, l->to) == 0)
			put(b, " level=%s", l->from);
		else
			put(b, " level=%s-%s", l->from, l->to);
	}
	if (r->laterality != IMR_SIDE_NONE)
		put(b, " side=%s", imr_laterality_token(r->laterality));
	if (r->retrospective)
		put(b, " retro");
	if (r->has_dos) {
		put(b, " dos=");
		put_date(b, &r->dos);
		if (r->dos_end.year) {
			put(b, "..");
			put_date(b, &r->dos_end);
		}
	}
	if (r->periop != IMR_PERIOP_NONE)
		put(b, " periop=%s", imr_periop_token(r->periop));
	if (r->syntax_errors)
		put(b, " SYNTAX-ERRORS=%u", r->syntax_errors);
	return b->s;
}

/* ---- the XML of requests, validated against the XSD ------------------------ */

/* A schema of one element, <requests>, holding <item category=...> with a
 * <request> each, then <medication>s: the types of determination.xsd
 * (included) that Issue does not use yet. */
static const char test_schema[] =
	"<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' xmlns='urn:imr2xml:determination:1'"
	" targetNamespace='urn:imr2xml:determination:1' elementFormDefault='qualified'>"
	"<xs:include schemaLocation='%s'/>"
	"<xs:element name='requests'><xs:complexType><xs:sequence>"
	"<xs:element name='item' minOccurs='0' maxOccurs='unbounded'><xs:complexType><xs:sequence>"
	"<xs:element name='request' type='Request'/></xs:sequence>"
	"<xs:attribute name='category' type='Category' use='required'/>"
	"<xs:attribute name='subcategory' type='Subcategory'/></xs:complexType></xs:element>"
	"<xs:element name='medication' type='Medication' minOccurs='0' maxOccurs='unbounded'/>"
	"</xs:sequence></xs:complexType></xs:element></xs:schema>";

static xmlSchemaPtr schema;
static xmlDocPtr sink;
static xmlNodePtr sink_root;
static xmlNsPtr sink_ns;
static size_t sink_items;

static void load_schema(void)
{
	char path[PATH_MAX], text[sizeof test_schema + PATH_MAX];
	if (!realpath("xsd/determination.xsd", path)) {
		CHECK(false, "xsd/determination.xsd not found (run from the project's root)");
		return;
	}
	snprintf(text, sizeof text, test_schema, path);
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(text, (int)strlen(text));
	schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	CHECK(schema != NULL, "the schema with the request types compiles");
}

static void sink_open(void)
{
	sink = xmlNewDoc((const xmlChar *)"1.0");
	sink_root = xmlNewDocNode(sink, NULL, (const xmlChar *)"requests", NULL);
	xmlDocSetRootElement(sink, sink_root);
	sink_ns = xmlNewNs(sink_root, (const xmlChar *)IMR2XML_NAMESPACE, NULL);
	xmlSetNs(sink_root, sink_ns);
	sink_items = 0;
}

/* What the writer makes of a request (in <item category=...> or in
 * <issue>) or of a drug mention (in <issue>), read back as a tree. */
static xmlDocPtr written(const struct imr_request *r, bool item, const char *text,
                         const struct imr_drug_mention *m)
{
	struct imr_diags d;
	imr_diags_init(&d);
	struct imr_xml_writer w;
	xmlDocPtr doc = NULL;
	if (imr_xml_begin(&w, NULL, &d, 1024)) {
		imr_xml_start_ns(&w, item ? "item" : "issue", IMR2XML_NAMESPACE);
		if (r && item)
			imr_request_xml_class(&w, r);
		if (r)
			imr_request_xml(&w, r, NULL);
		if (m)
			imr_medication_xml(&w, text, m);
		imr_xml_end(&w);
		struct imr_buffer b;
		if (imr_xml_finish(&w, &b, &d) == IMR_OK)
			doc = imr_xml_read(b.data, b.len, &d);
		imr_buffer_free(&b);
	} else {
		imr_xml_abandon(&w);
	}
	imr_diags_free(&d);
	return doc;
}

/* Copy what was written (the root, or its first child) into the sink. */
static bool sink_take(xmlDocPtr doc, bool child)
{
	xmlNodePtr n = doc ? xmlDocGetRootElement(doc) : NULL;
	if (n && child)
		n = xmlFirstElementChild(n);
	xmlNodePtr c = n ? xmlDocCopyNode(n, sink, 1) : NULL;
	if (c)
		xmlAddChild(sink_root, c);
	xmlFreeDoc(doc);
	return c != NULL;
}

static void sink_add(const struct imr_request *r)
{
	CHECK(sink_take(written(r, true, NULL, NULL), false), "serialize \"%s\"", r->title);
	sink_items++;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The validation is real: an item without its category fails. */
static void test_sink_rejects(void)
{
	xmlNodePtr item = xmlNewTextChild(sink_root, sink_ns, (const xmlChar *)"item", NULL);
	xmlNewTextChild(item, sink_ns, (const xmlChar *)"request", NULL);
	xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
	if (vc)
		xmlSchemaSetValidErrors(vc, quiet, quiet, NULL);
	CHECK(vc && xmlSchemaValidateDoc(vc, sink) > 0, "an item without a category is invalid");
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(sink);
	sink_open();
}

/* Validate what the sink holds and start again; the number of errors. */
static int sink_validate(const char *what)
{
	int errors = -1;
	if (schema) {
		xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
		errors = vc ? xmlSchemaValidateDoc(vc, sink) : -1;
		xmlSchemaFreeValidCtxt(vc);
	}
	CHECK(errors == 0, "%s: the XML of %zu requests is valid (%d)", what, sink_items, errors);
	if (errors) {
		xmlChar *dump;
		int n;
		xmlDocDumpFormatMemory(sink, &dump, &n, 1);
		printf("%.*s\n", n > 4000 ? 4000 : n, (const char *)dump);
		xmlFree(dump);
	}
	xmlFreeDoc(sink);
	sink_open();
	return errors;
}

static void expect(const char *title, const char *want)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_request r;
	imr_request_parse(&a, title, strlen(title), &r);
	struct buf b;
	describe(&r, &b);
	CHECK(strcmp(b.s, want) == 0, "%s\n    want: %s\n    got:  %s", title, want, b.s);
	sink_add(&r);
	imr_arena_free(&a);
}

/* ---- titles: at least one of every part, every category ---------------------- */

static void test_drug_titles(void)
{
	expect("Norco 10/325mg #90", "pharmaceuticals/opioids name=\"Norco\" strength=10/325mg qty=90");
	expect("Norco 10/325 mg # 90 with 3 refills",
	       "pharmaceuticals/opioids name=\"Norco\" strength=10/325mg qty=90 refills=3");
	expect("Percocet 5/325 #60 x2 refills",
	       "pharmaceuticals/opioids name=\"Percocet\" strength=5/325 qty=60 refills=2");
	expect("Tizanidine 4mg, QTY: 60 with 1 refill",
	       "pharmaceuticals/muscle-relaxants name=\"Tizanidine\" strength=4mg qty=60 refills=1");
	expect("Naproxen sodium 550mg quantity 60, no refills",
	       "pharmaceuticals/nsaids name=\"Naproxen sodium\" strength=550mg qty=60 refills=0");
	expect("Fentanyl patch 25mcg/hr #10",
	       "pharmaceuticals/opioids name=\"Fentanyl\" strength=25mcg/hr form=patch qty=10");
	expect("Butrans 10 mcg/h patches, 4 patches",
	       "pharmaceuticals/opioids name=\"Butrans\" strength=10mcg/hr form=patch qty=4patch");
	expect("Lidoderm 5% patches #30 with 2 refills",
	       "pharmaceuticals/topical-analgesics name=\"Lidoderm\" strength=5% form=patch qty=30 refills=2");
	expect("Voltaren gel 1% 100 grams",
	       "pharmaceuticals/topical-analgesics name=\"Voltaren\" strength=1% form=gel qty=100g");
	expect("Voltaren XR 100mg #30",
	       "pharmaceuticals/nsaids name=\"Voltaren XR\" strength=100mg qty=30");
	expect("Diclofenac sodium 1.5% topical solution 150ml",
	       "pharmaceuticals/topical-analgesics name=\"Diclofenac sodium\" strength=1.5% form=solution qty=150ml");
	expect("Ketoprofen 20% cream 120gm",
	       "pharmaceuticals/topical-compounds name=\"Ketoprofen\" strength=20% form=cream qty=120g");
	expect("Flurbiprofen 20%/Lidocaine 5% cream 180 gm",
	       "pharmaceuticals/topical-compounds name=\"Flurbiprofen\" strength=20%@Flurbiprofen "
	       "strength=5%@Lidocaine form=cream qty=180g");
	expect("Gabapentin/Cyclobenzaprine/Tramadol 10%/2%/5% cream",
	       "pharmaceuticals/topical-compounds name=\"Gabapentin/Cyclobenzaprine/Tramadol\" "
	       "strength=10%@Gabapentin strength=2%@Cyclobenzaprine strength=5%@Tramadol form=cream");
	expect("Compounded ketoprofen cream",
	       "pharmaceuticals/topical-compounds name=\"Compounded ketoprofen\" form=cream");
	expect("Terocin lotion 4 oz x 2 bottles",
	       "pharmaceuticals/topical-analgesics name=\"Terocin\" form=lotion qty=4oz");
	expect("Omeprazole 20 mg capsules, 1 capsule by mouth daily, #30",
	       "pharmaceuticals/proton-pump-inhibitors name=\"Omeprazole\" strength=20mg form=capsule "
	       "qty=30 dose=1capsule freq=1/day");
	expect("Tramadol ER 150mg 1 tab BID #60",
	       "pharmaceuticals/opioids name=\"Tramadol ER\" strength=150mg form=tablet qty=60 "
	       "dose=1tablet freq=2/day");
	expect("Hydrocodone/APAP 7.5/325 mg 1-2 tabs every 4-6 hours as needed #120",
	       "pharmaceuticals/opioids name=\"Hydrocodone/APAP\" strength=7.5/325mg form=tablet "
	       "qty=120 dose=1-2tablet freq=q4-6/hour,prn");
	expect("Ondansetron ODT 8mg q8h PRN #20",
	       "pharmaceuticals/anti-emetics name=\"Ondansetron ODT\" strength=8mg qty=20 freq=q8/hour,prn");
	expect("Zolpidem 10mg at bedtime, thirty tablets",
	       "pharmaceuticals/sedative-hypnotics name=\"Zolpidem\" strength=10mg form=tablet "
	       "qty=30tablet freq=1/day");
	expect("Alprazolam 0.5mg TID",
	       "pharmaceuticals/benzodiazepines name=\"Alprazolam\" strength=0.5mg freq=3/day");
	expect("Duloxetine 60 mg once daily x 30 days",
	       "pharmaceuticals/antidepressants name=\"Duloxetine\" strength=60mg freq=1/day dur=30day");
	expect("Pregabalin 75mg twice a day #60",
	       "pharmaceuticals/anti-epilepsy-drugs name=\"Pregabalin\" strength=75mg qty=60 freq=2/day");
	expect("Docusate sodium 100mg 1 tube",
	       "pharmaceuticals/laxatives name=\"Docusate sodium\" strength=100mg qty=1tube");
	expect("Theramine #120", "pharmaceuticals/medical-food name=\"Theramine\" qty=120");
	expect("Vitamin D 50,000 IU weekly",
	       "pharmaceuticals/vitamins-supplements name=\"Vitamin D\" strength=50000iu freq=1/week");
	expect("Sumatriptan 50mg #9",
	       "pharmaceuticals/migraine-agents name=\"Sumatriptan\" strength=50mg qty=9");
	expect("Consider long-acting opioid",
	       "pharmaceuticals/opioids name=\"Consider long-acting opioid\"");
	expect("Meloxicam (Mobic) 15 mg #30",
	       "pharmaceuticals/nsaids name=\"Meloxicam (Mobic)\" strength=15mg qty=30");
	expect("BACLOFEN 10MG #60.", "pharmaceuticals/muscle-relaxants name=\"BACLOFEN\" strength=10mg qty=60");
	expect("Post-operative Percocet 10/325mg #40",
	       "pharmaceuticals/opioids name=\"Percocet\" strength=10/325mg qty=40 periop=post-operative");
	expect("Norco 10/325mg #60 grams", "pharmaceuticals/opioids name=\"Norco\" strength=10/325mg qty=60g");
	expect("Lidopro lotion x 2 bottles",
	       "pharmaceuticals/topical-analgesics name=\"Lidopro\" form=lotion qty=2bottle");
	expect("Methocarbamol 750mg 1 tab every 8 hours #90",
	       "pharmaceuticals/muscle-relaxants name=\"Methocarbamol\" strength=750mg form=tablet qty=90 "
	       "dose=1tablet freq=q8/hour");
	expect("Flurbiprofen/Baclofen 15%/2% 240gm",
	       "pharmaceuticals/topical-compounds name=\"Flurbiprofen/Baclofen\" strength=15%@Flurbiprofen "
	       "strength=2%@Baclofen qty=240g");
	expect("Fentanyl 50mcg/hr patch, 1 patch every 72 hours #10",
	       "pharmaceuticals/opioids name=\"Fentanyl\" strength=50mcg/hr form=patch qty=10 dose=1patch "
	       "freq=q72/hour");
	expect("Kenalog 40mg injection to the left knee",
	       "injection/injection name=\"Kenalog\" strength=40mg form=injection region=left:knee");
	expect("Toradol 60mg IM injection",
	       "pharmaceuticals/nsaids name=\"Toradol\" strength=60mg form=injection");
}

static void test_retrospective(void)
{
	expect("Retrospective request for Terocin patch #30 (DOS: 10/12/2016)",
	       "pharmaceuticals/topical-analgesics name=\"Terocin\" form=patch qty=30 retro dos=2016-10-12");
	expect("Retro DOS 3/4/15: Toradol injection",
	       "injection/injection name=\"Toradol injection\" retro dos=2015-03-04");
	expect("Retrospective Ketorolac 60 mg injection provided on 11/02/2015",
	       "pharmaceuticals/nsaids name=\"Ketorolac\" strength=60mg form=injection retro dos=2015-11-02");
	expect("Urine drug screen (date of service 1/5/16 - 1/19/16)",
	       "diagnostic-testing/lab-pathology name=\"Urine drug screen\" retro dos=2016-01-05..2016-01-19");
	expect("Retrospective review of interferential unit rental for one month",
	       "dmepos/electrical-stimulation name=\"interferential unit rental\" dur=1month retro");
	expect("Omeprazole 20mg #60 (dispensed March 3, 2016)",
	       "pharmaceuticals/proton-pump-inhibitors name=\"Omeprazole\" strength=20mg qty=60");
}

static void test_therapy_titles(void)
{
	expect("Physical therapy 2 times a week for 6 weeks for the lumbar spine",
	       "rehabilitation/pt-ot name=\"Physical therapy\" freq=2/week dur=6week sessions=12 "
	       "region=lumbar-spine");
	expect("Physical therapy 2x6 to the right shoulder",
	       "rehabilitation/pt-ot name=\"Physical therapy\" freq=2x sessions=12 region=right:shoulder");
	expect("Twelve sessions of physical therapy for the neck",
	       "rehabilitation/pt-ot name=\"physical therapy\" sessions=12 region=cervical-spine");
	expect("Chiropractic treatment x 6 visits",
	       "rehabilitation/chiropractic name=\"Chiropractic treatment\" sessions=6");
	expect("Eight (8) aquatic therapy sessions",
	       "rehabilitation/pt-ot name=\"aquatic therapy\" sessions=8");
	expect("Acupuncture 8 sessions for the low back",
	       "rehabilitation/acupuncture name=\"Acupuncture\" sessions=8 region=lumbar-spine");
	expect("Occupational therapy three times per week times four weeks, bilateral wrists",
	       "rehabilitation/pt-ot name=\"Occupational therapy\" freq=3/week dur=4week sessions=12 "
	       "region=bilateral:wrist");
	expect("PT x12", "rehabilitation/pt-ot name=\"PT\" sessions=12");
	expect("Massage therapy twice weekly for 4 weeks",
	       "rehabilitation/other-therapies name=\"Massage therapy\" freq=2/week dur=4week sessions=8");
	expect("Extracorporeal shockwave therapy x3 for the left heel",
	       "rehabilitation/other-therapies name=\"Extracorporeal shockwave therapy\" sessions=3 "
	       "region=left:heel");
	expect("Physical therapy 2-3 times a week for 4 weeks",
	       "rehabilitation/pt-ot name=\"Physical therapy\" freq=2-3/week dur=4week");
	expect("Two additional chiropractic visits",
	       "rehabilitation/chiropractic name=\"additional chiropractic\" sessions=2");
	expect("Functional restoration program 80 hours",
	       "programs name=\"Functional restoration program\" dur=80hour");
	expect("Cognitive behavioral therapy 6 sessions",
	       "psych-services name=\"Cognitive behavioral therapy\" sessions=6");
	expect("Psychological evaluation", "psych-services name=\"Psychological evaluation\"");
	expect("Home health aide 4 hours a day, 5 days a week",
	       "home-health name=\"Home health aide\" freq=5/week dur=4hour");
}

static void test_region_titles(void)
{
	expect("MRI of the lumbar spine", "diagnostic-testing/imaging name=\"MRI\" region=lumbar-spine");
	expect("Right knee MRI without contrast",
	       "diagnostic-testing/imaging name=\"MRI\" region=right:knee");
	expect("X-rays of the bilateral hands and wrists",
	       "diagnostic-testing/imaging name=\"X-rays\" region=bilateral:hand region=bilateral:wrist");
	expect("EMG/NCV of the bilateral lower extremities",
	       "diagnostic-testing/emg-ncv name=\"EMG/NCV\" region=bilateral:lower-extremity");
	expect("CT scan of the cervical and thoracic spine",
	       "diagnostic-testing/imaging name=\"CT scan\" region=cervical-spine region=thoracic-spine");
	expect("Ultrasound of the left and right knee",
	       "diagnostic-testing/imaging name=\"Ultrasound\" region=bilateral:knee");
	expect("L knee brace", "dmepos/prosthetics-orthotics name=\"brace\" region=left:knee");
	expect("Knee arthroscopy, left", "surgery/arthroscopic name=\"arthroscopy\" region=left:knee");
	expect("MRI of the right shoulder to rule out rotator cuff tear of the left arm",
	       "diagnostic-testing/imaging name=\"MRI\" region=right:shoulder");
	expect("Left and right shoulder x-rays",
	       "diagnostic-testing/imaging name=\"x-rays\" region=bilateral:shoulder");
	expect("Bone scan of the pelvis, hips and thighs",
	       "diagnostic-testing/imaging name=\"Bone scan\" region=pelvis region=hip region=thigh");
}

static void test_spine_titles(void)
{
	expect("Lumbar epidural steroid injection at L4-5 and L5-S1",
	       "injection/injection name=\"epidural steroid injection\" region=lumbar-spine "
	       "level=L4-L5 level=L5-S1");
	expect("Bilateral L3-L4, L4-L5 medial branch blocks",
	       "injection/facet-injection name=\"medial branch blocks\" level=L3-L4 level=L4-L5 side=bilateral");
	expect("Radiofrequency ablation C5-6 right",
	       "injection/facet-injection name=\"Radiofrequency ablation\" level=C5-C6 side=right");
	expect("Anterior cervical discectomy and fusion C4 through C6",
	       "surgery/spine name=\"Anterior cervical discectomy and fusion\" level=C4-C6");
	expect("L4-5 laminectomy", "surgery/spine name=\"laminectomy\" level=L4-L5");
	expect("ACDF C5-C7", "surgery/spine name=\"ACDF\" level=C5-C7");
	expect("Lumbar fusion L4/5", "surgery/spine name=\"fusion\" region=lumbar-spine level=L4-L5");
	expect("Spinal cord stimulator trial", "surgery/spine name=\"Spinal cord stimulator trial\"");
	expect("Transforaminal epidural steroid injection left L5 and S1",
	       "injection/injection name=\"Transforaminal epidural steroid injection\" level=L5 level=S1 side=left");
	expect("Facet injections at L3-4, L4-5 and L5-S1 bilaterally",
	       "injection/facet-injection name=\"Facet injections\" level=L3-L4 level=L4-L5 level=L5-S1 "
	       "side=bilateral");
}

static void test_surgery_titles(void)
{
	expect("Right shoulder arthroscopic subacromial decompression",
	       "surgery/arthroscopic name=\"arthroscopic subacromial decompression\" region=right:shoulder");
	expect("Left carpal tunnel release", "surgery/non-arthroscopic name=\"carpal tunnel release\" side=left");
	expect("Total knee arthroplasty, right knee",
	       "surgery/non-arthroscopic name=\"Total knee arthroplasty\" region=right:knee");
	expect("Orthopedic surgeon consultation for the left wrist",
	       "surgery/surgical-consult name=\"Orthopedic surgeon consultation\" region=left:wrist");
	expect("Consultation with a spine surgeon",
	       "surgery/surgical-consult name=\"Consultation\"");
	expect("Assistant surgeon", "surgery/adjunct-surgical-services name=\"Assistant surgeon\"");
	expect("Pre-operative medical clearance",
	       "surgery/adjunct-surgical-services name=\"Pre-operative medical clearance\"");
	expect("Post-op cold therapy unit rental for 7 days",
	       "dmepos/dme name=\"cold therapy unit rental\" dur=7day periop=post-operative");
	expect("Associated surgical service: Front-wheeled walker",
	       "dmepos/dme name=\"Front-wheeled walker\" periop=associated-surgical");
	expect("Inpatient stay x 2 days", "surgery/adjunct-surgical-services name=\"Inpatient stay\" dur=2day");
}

static void test_other_categories(void)
{
	expect("TENS unit 30 day trial",
	       "dmepos/electrical-stimulation name=\"TENS unit\" dur=30day");
	expect("H-wave device purchase", "dmepos/electrical-stimulation name=\"H-wave device purchase\"");
	expect("Electrodes x 2 packs", "dmepos/supplies name=\"Electrodes\" qty=2pack");
	expect("Lumbar support brace", "dmepos/prosthetics-orthotics name=\"Lumbar support brace\"");
	expect("Follow-up visit in 4 weeks", "evaluation-management name=\"Follow-up visit\" dur=4week");
	expect("Pain management consultation", "evaluation-management name=\"Pain management consultation\"");
	expect("Referral to a psychologist", "psych-services name=\"Referral\"");
	expect("Urine drug testing 4 times a year",
	       "diagnostic-testing/lab-pathology name=\"Urine drug testing\" freq=4/year");
	expect("Functional capacity evaluation", "diagnostic-testing/other-testing name=\"Functional capacity evaluation\"");
	expect("Sleep study", "diagnostic-testing/other-testing name=\"Sleep study\"");
	expect("Gym membership x 6 months", "programs name=\"Gym membership\" dur=6month");
	expect("Medical transportation to appointments", "transportation name=\"Medical transportation\"");
	expect("Home care assistance 8 hours per day, 7 days a week",
	       "home-health name=\"Home care assistance\" freq=7/week dur=8hour");
	expect("Platelet rich plasma injection to the right elbow",
	       "injection/injection name=\"Platelet rich plasma injection\" region=right:elbow");
	expect("Ultrasound guided cortisone injection, left shoulder",
	       "injection/injection name=\"Ultrasound guided cortisone injection\" region=left:shoulder");
	expect("Trigger point injections x 4", "injection/injection name=\"Trigger point injections\" sessions=4");
	expect("Weight loss program", "programs name=\"Weight loss program\"");
	expect("Dental evaluation", "evaluation-management name=\"Dental evaluation\"");
	expect("Trial of a TENS unit for 1 month",
	       "dmepos/electrical-stimulation name=\"TENS unit\" dur=1month");
	expect("Purchase of a quad cane", "dmepos/dme name=\"quad cane\"");
	expect("Work conditioning 2 x week for 4 weeks",
	       "programs name=\"Work conditioning\" freq=2/week dur=4week sessions=8");
	expect("Spine surgeon consult", "surgery/surgical-consult name=\"Spine surgeon consult\"");
	expect("Unknown item", "other name=\"Unknown item\"");
	expect("", "other");
}

/* What fell into "other" or the wrong category: the Division's place for
 * each. */
static void test_category_places(void)
{
	/* "supply" says how much: the drug is the request. */
	expect("One month supply of Norco 10/325mg #90",
	       "pharmaceuticals/opioids name=\"Norco\" strength=10/325mg qty=90 dur=1month");
	expect("30 day supply of TENS electrodes", "dmepos/supplies name=\"supply\" dur=30day");
	/* Ultrasound and electrical stimulation as a course are therapies. */
	expect("Ultrasound to the lumbar spine x 6",
	       "rehabilitation/other-therapies name=\"Ultrasound\" sessions=6 region=lumbar-spine");
	expect("Ultrasound of the lumbar spine",
	       "diagnostic-testing/imaging name=\"Ultrasound\" region=lumbar-spine");
	expect("Electrical muscle stimulation 2 times a week for 3 weeks",
	       "rehabilitation/other-therapies name=\"Electrical muscle stimulation\" freq=2/week dur=3week "
	       "sessions=6");
	/* Tests before an operation and assistants at it serve the operation. */
	expect("Pre-op EKG", "surgery/adjunct-surgical-services name=\"EKG\" periop=pre-operative");
	expect("Physician assistant for right shoulder arthroscopy",
	       "surgery/adjunct-surgical-services name=\"Physician assistant\" region=right:shoulder");
	/* Hygiene supplies; a nurse's visits. */
	expect("Incontinence pads #100", "dmepos/supplies name=\"Incontinence pads\" qty=100");
	expect("Registered nurse home visits x 4",
	       "home-health name=\"Registered nurse home visits\" sessions=4");
	expect("Nurse visits for dressing changes x 10", "home-health name=\"Nurse visits\" sessions=10");
	/* Compounded and brand products: by their ingredients where the
	 * lexicon knows them, else by their form. */
	expect("Mentherm ointment 120gm",
	       "pharmaceuticals/topical-analgesics name=\"Mentherm\" form=ointment qty=120g");
	expect("Flurbi (NAP) cream-LA 180gm",
	       "pharmaceuticals/topical-compounds name=\"Flurbi (NAP) cream-LA\" qty=180g");
	expect("Theraflex cream 180gm", "pharmaceuticals/topical-compounds name=\"Theraflex cream\" qty=180g");
	expect("Xyzzal 5mg #30", "pharmaceuticals/other-medications name=\"Xyzzal\" strength=5mg qty=30");
	/* Therapy modalities under their trade names; tests of the nerves. */
	expect("Hivamat therapy x 6", "rehabilitation/other-therapies name=\"Hivamat therapy\" sessions=6");
	expect("Scrambler therapy x 10",
	       "rehabilitation/other-therapies name=\"Scrambler therapy\" sessions=10");
	expect("Active release technique x 6",
	       "rehabilitation/other-therapies name=\"Active release technique\" sessions=6");
	expect("PEMF therapy", "rehabilitation/other-therapies name=\"PEMF therapy\"");
	expect("Quantitative sensory testing", "diagnostic-testing/emg-ncv name=\"Quantitative sensory testing\"");
	expect("Sleep Number bed", "dmepos/dme name=\"Sleep Number bed\"");
}

/* ---- the generic name ------------------------------------------------------- */

static void expect_generic(const char *title, const char *want)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_request r;
	imr_request_parse(&a, title, strlen(title), &r);
	CHECK(want ? r.generic && strcmp(r.generic, want) == 0 : r.generic == NULL,
	      "%s: generic %s, want %s", title, r.generic ? r.generic : "(none)", want ? want : "(none)");
	imr_arena_free(&a);
}

static void test_generic(void)
{
	/* One drug, one name, whether brand or generic, whatever the case. */
	expect_generic("Norco 10/325mg #90", "acetaminophen/hydrocodone");
	expect_generic("norco 10/325 #60", "acetaminophen/hydrocodone");
	expect_generic("Hydrocodone/APAP 10/325mg #60", "acetaminophen/hydrocodone");
	expect_generic("Hydrocodone bitartrate/acetaminophen 5/325 #30", "acetaminophen/hydrocodone");
	/* The active ingredient, not its salt. */
	expect_generic("Anaprox DS 550mg #60", "naproxen");
	expect_generic("Naproxen sodium 550mg #60", "naproxen");
	expect_generic("Flector 1.3% patch #30", "diclofenac");
	/* A compound: its ingredients in alphabetical order, each once. */
	expect_generic("Flurbiprofen 20%/Lidocaine 5% cream 180gm", "flurbiprofen/lidocaine");
	expect_generic("Lidocaine 5%/Flurbiprofen 20% cream 180gm", "flurbiprofen/lidocaine");
	expect_generic("Terocin lotion 120ml", "capsaicin/lidocaine/menthol/methyl salicylate");
	expect_generic("Flurbi (NAP) cream-LA 180gm", "amitriptyline/flurbiprofen/lidocaine");
	expect_generic("One month supply of Norco 10/325mg", "acetaminophen/hydrocodone");
	expect_generic("Theraflex cream 180gm", NULL); /* a brand whose ingredients we do not know */
	expect_generic("Ultracin lotion 120ml", "capsaicin/menthol/methyl salicylate");
	expect_generic("Laxacin #100", "docusate/senna");
	expect_generic("Synovacin 500mg #90", "glucosamine");
	/* No drug named: no generic name. */
	expect_generic("Consider LAO (long acting opioid)", NULL);
	expect_generic("Physical therapy 2 times a week for 4 weeks", NULL);
}

/* ---- spans ------------------------------------------------------------------ */

static void test_spans(void)
{
	const char *t = "Retrospective request for Terocin patch #30 (DOS: 10/12/2016)";
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_request r;
	imr_request_parse(&a, t, strlen(t), &r);
	CHECK(r.has_name && r.name_span.start == 26 && r.name_span.end == 33, "name span");
	CHECK(r.has_form && r.form_span.start == 34 && r.form_span.end == 39, "form span");
	CHECK(r.quantity.present && r.quantity.span.start == 40 && r.quantity.span.end == 43,
	      "quantity span");
	CHECK(r.retro_span.start == 0 && r.retro_span.end == 13, "retrospective span");
	CHECK(r.has_dos && r.dos_span.start == 45 && r.dos_span.end == 60, "date of service span");
	CHECK(r.mention_count == 1 && r.mentions[0].span.start == 26 &&
	              strcmp(r.mentions[0].entry->phrase, "Terocin") == 0,
	      "the mention of Terocin");
	CHECK(r.head == r.mentions[0].entry, "the head is Terocin");

	t = "Norco 10/325mg #90 with 3 refills";
	imr_request_parse(&a, t, strlen(t), &r);
	CHECK(r.strength_count == 1 && r.strengths[0].span.start == 6 && r.strengths[0].span.end == 14,
	      "strength span");
	CHECK(r.has_refills && r.refills_span.start == 24 && r.refills_span.end == 33, "refills span");
	CHECK(r.quantity.value.lo == 90 && strcmp(r.quantity.value.text, "90") == 0, "quantity value");
	CHECK(r.head && r.head->generic && strcmp(r.head->generic, "hydrocodone/acetaminophen") == 0,
	      "Norco's generic name");

	t = "Acupuncture two times a week for three weeks for the right hip and foot";
	imr_request_parse(&a, t, strlen(t), &r);
	CHECK(r.has_sessions && r.sessions == 6 && r.sessions_span.start == 12 &&
	              r.sessions_span.end == 44,
	      "sessions span from the frequency to the duration");
	CHECK(r.region_count == 2 && r.regions[0].side.start == 53 && r.regions[0].side.end == 58 &&
	              r.regions[1].laterality == IMR_SIDE_RIGHT &&
	              r.regions[1].side.start == r.regions[1].side.end &&
	              strcmp(r.regions[1].text, "foot") == 0,
	      "an inherited side has no span of its own");
	CHECK(r.frequency.span.start == 12 && r.frequency.span.end == 28, "frequency span");

	t = "Lumbar ESI at L4-5";
	imr_request_parse(&a, t, strlen(t), &r);
	CHECK(r.level_count == 1 && r.levels[0].span.start == 14 && r.levels[0].span.end == 18,
	      "level span");
	CHECK(r.region_count == 1 && r.regions[0].spinal && strcmp(r.regions[0].text, "Lumbar") == 0,
	      "region text as written");
	imr_arena_free(&a);
}

/* ---- the lexicon -------------------------------------------------------------- */

static const struct imr_lexicon_entry *lookup(const char *s)
{
	return imr_lexicon_lookup(s, strlen(s));
}

static void check_entry(const char *s, const char *phrase, enum imr_subcategory sub)
{
	const struct imr_lexicon_entry *e = lookup(s);
	CHECK(e && strcmp(e->phrase, phrase) == 0 && e->subcategory == sub, "lookup(\"%s\"): %s %s", s,
	      e ? e->phrase : "(none)", e ? imr_subcategory_token(e->subcategory) : "");
}

static void test_lexicon(void)
{
	check_entry("Norco", "Norco", IMR_SUB_OPIOIDS);
	check_entry("hydrocodone", "hydrocodone", IMR_SUB_OPIOIDS);
	check_entry("NORCO", "Norco", IMR_SUB_OPIOIDS);
	check_entry("norco", "Norco", IMR_SUB_OPIOIDS);
	check_entry("Flexeril", "Flexeril", IMR_SUB_MUSCLE_RELAXANTS);
	check_entry("cyclobenzaprine", "cyclobenzaprine", IMR_SUB_MUSCLE_RELAXANTS);
	check_entry("Voltaren", "Voltaren", IMR_SUB_NSAIDS);
	check_entry("Voltaren gel", "Voltaren gel", IMR_SUB_TOPICAL_ANALGESICS);
	check_entry("VOLTAREN  GELS", "Voltaren gel", IMR_SUB_TOPICAL_ANALGESICS);
	check_entry("hydrocodone / apap", "hydrocodone/acetaminophen", IMR_SUB_OPIOIDS);
	check_entry("x ray", "x-ray", IMR_SUB_IMAGING);
	check_entry("xray", "x-ray", IMR_SUB_IMAGING);
	check_entry("Tylenol #3", "Tylenol #3", IMR_SUB_OPIOIDS);
	check_entry("Tylenol", "Tylenol", IMR_SUB_NON_OPIOID_ANALGESICS);
	check_entry("epidural steroid injections", "epidural steroid injection", IMR_SUB_INJECTION);
	check_entry("TENS unit", "TENS", IMR_SUB_ELECTRICAL_STIMULATION);
	check_entry("medial branch block", "medial branch block", IMR_SUB_FACET_INJECTION);
	check_entry("Flector", "Flector", IMR_SUB_TOPICAL_ANALGESICS);
	check_entry("Nexium", "Nexium", IMR_SUB_PPIS);
	CHECK(lookup("Norco")->generic && !lookup("hydrocodone")->generic, "brands have generics");
	CHECK(lookup("Voltaren gel")->form && strcmp(lookup("Voltaren gel")->form, "gel") == 0,
	      "Voltaren gel's form");
	CHECK(lookup("Fentanyl")->flags & IMR_LEX_TRANSDERMAL, "fentanyl is transdermal");
	CHECK(lookup("opioids")->flags & IMR_LEX_GROUP, "opioids is a group");
	CHECK(!lookup("xyzzy"), "an unknown word");
	CHECK(!lookup("Norcos"), "no entry for a longer word");
	CHECK(!lookup("Norco 10"), "no entry for more than one");
	CHECK(!lookup("Nor"), "no entry for a prefix");
	CHECK(!lookup(""), "no entry for nothing");
	CHECK(!lookup("Somatic"), "Soma is not the start of Somatic");
	CHECK(imr_lexicon_count > 1500, "hundreds of entries: %zu", imr_lexicon_count);
	size_t drugs = 0;
	for (size_t i = 0; i < imr_lexicon_count; i++)
		drugs += imr_lexicon[i].kind == IMR_LEX_DRUG;
	CHECK(drugs > 500 && imr_lexicon_count - drugs > 1000, "%zu drugs, %zu services", drugs,
	      imr_lexicon_count - drugs);
	/* Every entry's class belongs to its category; every phrase finds itself. */
	size_t bad = 0;
	for (size_t i = 0; i < imr_lexicon_count; i++) {
		const struct imr_lexicon_entry *e = &imr_lexicon[i];
		if ((e->subcategory != IMR_SUB_NONE && imr_subcategory_category(e->subcategory) != e->category) ||
		    lookup(e->phrase) != e) {
			bad++;
			printf("  entry %s (%s:%u)\n", e->phrase, e->file, e->line);
		}
	}
	CHECK(bad == 0, "%zu entries do not find themselves or mismatch their category", bad);
	/* The taxonomy. */
	CHECK(strcmp(imr_category_token(IMR_CAT_EVALUATION), "evaluation-management") == 0 &&
	              strcmp(imr_category_name(IMR_CAT_EVALUATION), "Evaluation & Management") == 0,
	      "category names");
	CHECK(strcmp(imr_subcategory_name(IMR_SUB_ELECTRODIAGNOSTIC), "EMG/NCV/NCS") == 0 &&
	              imr_subcategory_category(IMR_SUB_SPINE) == IMR_CAT_SURGERY &&
	              !imr_subcategory_token(IMR_SUB_NONE),
	      "subcategory names");
}

/* The XML of docs/request.md's examples, exactly. */
static void expect_xml(const char *title, const char *want)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_request r;
	imr_request_parse(&a, title, strlen(title), &r);
	xmlDocPtr doc = written(&r, false, NULL, NULL);
	xmlNodePtr q = doc ? xmlFirstElementChild(xmlDocGetRootElement(doc)) : NULL;
	xmlBufferPtr buf = xmlBufferCreate();
	if (q && buf)
		xmlNodeDump(buf, doc, q, 0, 0);
	const char *got = buf ? (const char *)xmlBufferContent(buf) : "";
	CHECK(strcmp(got, want) == 0, "the XML of \"%s\"\n    want: %s\n    got:  %s", title, want, got);
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	imr_arena_free(&a);
}

static void test_xml(void)
{
	expect_xml("Retrospective request for Terocin patch #30 (DOS: 10/12/2016)",
	           "<request retrospective=\"true\"><name generic=\"capsaicin/lidocaine/menthol/methyl salicylate\">Terocin</name><form form=\"patch\">patch</form>"
	           "<quantity value=\"30\">#30</quantity>"
	           "<dateOfService date=\"2016-10-12\">DOS: 10/12/2016</dateOfService></request>");
	expect_xml("Norco 10/325mg #90 with 3 refills",
	           "<request><name generic=\"acetaminophen/hydrocodone\">Norco</name><strength value=\"10/325\" unit=\"mg\">10/325mg</strength>"
	           "<quantity value=\"90\">#90</quantity><refills count=\"3\">3 refills</refills></request>");
	expect_xml("Physical therapy 2 times a week for 6 weeks for the lumbar spine",
	           "<request><name>Physical therapy</name>"
	           "<frequency times=\"2\" per=\"week\">2 times a week</frequency>"
	           "<duration count=\"6\" unit=\"week\">6 weeks</duration>"
	           "<sessions count=\"12\">2 times a week for 6 weeks</sessions>"
	           "<bodyRegion site=\"lumbar-spine\" spinal=\"true\">lumbar spine</bodyRegion></request>");
	expect_xml("Bilateral L4-5 and L5-S1 medial branch blocks",
	           "<request laterality=\"bilateral\"><name>medial branch blocks</name>"
	           "<level from=\"L4\" to=\"L5\">L4-5</level><level from=\"L5\" to=\"S1\">L5-S1</level>"
	           "</request>");
	expect_xml("Post-op Norco 5/325mg #60, 1-2 tabs orally every 4-6 hrs as needed",
	           "<request perioperative=\"post-operative\"><name generic=\"acetaminophen/hydrocodone\">Norco</name>"
	           "<strength value=\"5/325\" unit=\"mg\">5/325mg</strength><form form=\"tablet\">1-2 tabs</form>"
	           "<quantity value=\"60\">#60</quantity><dose value=\"1-2\" form=\"tablet\">1-2 tabs</dose>"
	           "<frequency every=\"4-6\" per=\"hour\" asNeeded=\"true\">every 4-6 hrs as needed</frequency>"
	           "</request>");
	/* A tab inside a part becomes a blank; the text is escaped. */
	expect_xml("Physical\ttherapy",
	           "<request><name>Physical therapy</name></request>");
	expect_xml("Hot & cold packs <x2>",
	           "<request><name>Hot &amp; cold packs</name><quantity value=\"2\">x2</quantity></request>");
}

/* ---- the XSD's closed vocabularies are the module's ------------------------- */

/* The enumeration values of the XSD's simpleType name, joined by blanks. */
static void xsd_enumeration(xmlDocPtr xsd, const char *name, struct buf *b)
{
	b->n = 0;
	b->s[0] = '\0';
	for (xmlNodePtr t = xmlDocGetRootElement(xsd)->children; t; t = t->next) {
		if (t->type != XML_ELEMENT_NODE || strcmp((const char *)t->name, "simpleType") != 0)
			continue;
		xmlChar *n = xmlGetProp(t, (const xmlChar *)"name");
		bool it = n && strcmp((const char *)n, name) == 0;
		xmlFree(n);
		if (!it)
			continue;
		for (xmlNodePtr r = t->children; r; r = r->next)
			for (xmlNodePtr e = r->type == XML_ELEMENT_NODE ? r->children : NULL; e; e = e->next) {
				if (e->type != XML_ELEMENT_NODE || strcmp((const char *)e->name, "enumeration") != 0)
					continue;
				xmlChar *v = xmlGetProp(e, (const xmlChar *)"value");
				put(b, "%s%s", b->n ? " " : "", (const char *)v);
				xmlFree(v);
			}
	}
}

static void check_vocabulary(xmlDocPtr xsd, const char *type, const struct buf *want)
{
	struct buf got;
	xsd_enumeration(xsd, type, &got);
	CHECK(strcmp(got.s, want->s) == 0, "the XSD's %s\n    want: %s\n    got:  %s", type, want->s, got.s);
}

static void test_schema_vocabularies(void)
{
	xmlDocPtr xsd = xmlReadFile("xsd/determination.xsd", NULL, XML_PARSE_NONET);
	CHECK(xsd != NULL, "read xsd/determination.xsd");
	if (!xsd)
		return;
	struct buf w;
	w.n = 0, w.s[0] = '\0';
	for (int c = 0; c < IMR_CATEGORY_COUNT; c++)
		put(&w, "%s%s", c ? " " : "", imr_category_token((enum imr_category)c));
	check_vocabulary(xsd, "Category", &w);
	w.n = 0, w.s[0] = '\0';
	for (int c = 1; c < IMR_SUBCATEGORY_COUNT; c++)
		put(&w, "%s%s", c > 1 ? " " : "", imr_subcategory_token((enum imr_subcategory)c));
	check_vocabulary(xsd, "Subcategory", &w);
	w.n = 0, w.s[0] = '\0';
	for (int c = 1; c < IMR_SUBCATEGORY_COUNT; c++)
		if (imr_subcategory_category((enum imr_subcategory)c) == IMR_CAT_PHARMACEUTICALS)
			put(&w, "%s%s", w.n ? " " : "", imr_subcategory_token((enum imr_subcategory)c));
	check_vocabulary(xsd, "DrugClass", &w);
	w.n = 0, w.s[0] = '\0';
	for (size_t i = 0; i < imr_lexicon_unit_count; i++)
		put(&w, "%s%s", i ? " " : "", imr_lexicon_units[i].token);
	check_vocabulary(xsd, "Unit", &w);
	w.n = 0, w.s[0] = '\0';
	for (size_t i = 0; i < imr_lexicon_form_count; i++)
		put(&w, "%s%s", i ? " " : "", imr_lexicon_forms[i].token);
	check_vocabulary(xsd, "Form", &w);
	w.n = 0, w.s[0] = '\0';
	for (int i = IMR_SIDE_LEFT; i <= IMR_SIDE_BILATERAL; i++)
		put(&w, "%s%s", w.n ? " " : "", imr_laterality_token((enum imr_laterality)i));
	check_vocabulary(xsd, "Laterality", &w);
	w.n = 0, w.s[0] = '\0';
	for (int i = IMR_PERIOD_HOUR; i <= IMR_PERIOD_YEAR; i++)
		put(&w, "%s%s", w.n ? " " : "", imr_period_token((enum imr_period)i));
	check_vocabulary(xsd, "Period", &w);
	w.n = 0, w.s[0] = '\0';
	for (int i = IMR_PERIOP_PRE; i <= IMR_PERIOP_ASSOCIATED; i++)
		put(&w, "%s%s", w.n ? " " : "", imr_periop_token((enum imr_periop)i));
	check_vocabulary(xsd, "Perioperative", &w);
	xmlFreeDoc(xsd);
}

/* ---- drugs in free text -------------------------------------------------------- */

static void expect_drugs(const char *text, bool groups, const char *want)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_drug_mention *m;
	size_t n = imr_find_drugs(&a, text, strlen(text), groups, &m);
	struct buf b = {.n = 0};
	b.s[0] = '\0';
	for (size_t i = 0; i < n; i++)
		put(&b, "%s%.*s[%u,%u]=%s%s%s", i ? " " : "", (int)(m[i].span.end - m[i].span.start),
		    text + m[i].span.start, m[i].span.start, m[i].span.end,
		    imr_subcategory_token(m[i].drug_class), m[i].form ? ":" : "", m[i].form ? m[i].form : "");
	CHECK(strcmp(b.s, want) == 0, "drugs in \"%s\"\n    want: %s\n    got:  %s", text, want, b.s);
	for (size_t i = 0; i < n; i++)
		CHECK(sink_take(written(NULL, false, text, &m[i]), true), "a medication's XML");
	imr_arena_free(&a);
}

static void test_find_drugs(void)
{
	expect_drugs("Current medications include Norco, Soma and Lidoderm patches.", false,
	             "Norco[28,33]=opioids Soma[35,39]=muscle-relaxants "
	             "Lidoderm[44,52]=topical-analgesics:patch");
	expect_drugs("She takes ibuprofen 800mg and was given ketoprofen cream; he tried\n"
	             "Voltaren gel and Flurbiprofen/Lidocaine 20%/5% cream.",
	             false,
	             "ibuprofen[10,19]=nsaids ketoprofen[40,50]=topical-compounds:cream "
	             "Voltaren[67,75]=topical-analgesics:gel Flurbiprofen[84,96]=topical-compounds:cream "
	             "Lidocaine[97,106]=topical-compounds:cream");
	expect_drugs("He drives a Sonata; Sonata 10mg helps him sleep.", false,
	             "Sonata[20,26]=sedative-hypnotics");
	expect_drugs("Opioids and NSAIDs failed; somatic pain.", false, "");
	expect_drugs("Opioids and NSAIDs failed.", true, "Opioids[0,7]=opioids NSAIDs[12,18]=nsaids");
	expect_drugs("Fentanyl patch 50 mcg/hr and MS Contin", false,
	             "Fentanyl[0,8]=opioids:patch MS Contin[29,38]=opioids");
	expect_drugs("", false, "");
	expect_drugs("No drugs here at all.", false, "");
	sink_validate("medications");
}

/* ---- robustness ------------------------------------------------------------------- */

static unsigned long rng = 12345;
static unsigned next_random(void)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng >> 33);
}

static const char *const words[] = {
	"Norco", "10/325mg", "#", "90", "x", "2", "times", "a", "week", "for", "6", "weeks", "the",
	"right", "left", "and", ",", "/", "L4-5", "L5-S1", "through", "L3", "DOS", "10/12/2016",
	"Retrospective", "request", "of", "(", ")", "QTY:", "refills", "no", "with", "every", "4-6",
	"hrs", "as", "needed", "BID", "twice", "daily", "sessions", "visits", "Eight (8)", "MRI",
	"physical", "therapy", "cream", "patch", "gel", "Voltaren", "%", "mg", "gm", "tube",
	"lumbar", "spine", "knee", "bilateral", "Post-op", "to", "evaluate", "-", ":", ".", "once",
	"twelve", "per", "day", "x6", "2x6", "3x", "qty", "mcg/hr", "injection", "facet", "arthroscopic",
	"consult", "surgeon", "compounded", "Flurbiprofen", "20%", "Lidocaine", "5%", "over", "months",
};

static void check_sane(const struct imr_request *r, const char *what)
{
	bool ok = r->category < IMR_CATEGORY_COUNT && r->subcategory < IMR_SUBCATEGORY_COUNT &&
	          (!r->has_name || (r->name && r->name_span.end <= r->length)) &&
	          (!r->quantity.present || r->quantity.value.text);
	for (size_t i = 0; i < r->region_count; i++)
		ok &= r->regions[i].span.end <= r->length && r->regions[i].site != NULL;
	for (size_t i = 0; i < r->strength_count; i++)
		ok &= r->strengths[i].span.end <= r->length && r->strengths[i].value != NULL;
	for (size_t i = 0; i < r->mention_count; i++)
		ok &= r->mentions[i].span.end <= r->length && r->mentions[i].entry != NULL;
	CHECK(ok, "an insane result for %s", what);
}

static void test_robustness(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_request r;
	char text[512];
	unsigned errors = 0;
	/* Random phrases of the title's words: the grammar must never need
	 * its error rule. */
	for (int round = 0; round < 3000; round++) {
		size_t n = 0, words_n = 1 + next_random() % 14;
		for (size_t k = 0; k < words_n; k++) {
			const char *w = words[next_random() % (sizeof words / sizeof *words)];
			size_t len = strlen(w);
			if (n + len + 2 >= sizeof text)
				break;
			if (n && next_random() % 4)
				text[n++] = ' ';
			memcpy(text + n, w, len);
			n += len;
		}
		imr_request_parse(&a, text, n, &r);
		errors += r.syntax_errors;
		if (r.syntax_errors && errors < 5) {
			struct buf b;
			printf("  syntax error in \"%.*s\": %s\n", (int)n, text, describe(&r, &b));
		}
		check_sane(&r, "random words");
		sink_add(&r);
		if (round % 100 == 0) {
			imr_arena_free(&a);
			imr_arena_init(&a);
		}
	}
	CHECK(errors == 0, "%u syntax errors on random phrases", errors);
	sink_validate("random phrases");
	/* Random printable text: the XML is still valid. */
	for (int round = 0; round < 2000; round++) {
		size_t n = next_random() % 80;
		for (size_t k = 0; k < n; k++)
			text[k] = (char)(' ' + next_random() % 95);
		imr_request_parse(&a, text, n, &r);
		check_sane(&r, "random text");
		sink_add(&r);
		if (round % 100 == 0) {
			imr_arena_free(&a);
			imr_arena_init(&a);
		}
	}
	sink_validate("random text");
	imr_arena_free(&a);
	imr_arena_init(&a);
	/* Random bytes, NULs included. */
	for (int round = 0; round < 3000; round++) {
		size_t n = next_random() % sizeof text;
		for (size_t k = 0; k < n; k++)
			text[k] = (char)(next_random() % 7 ? next_random() % 128 : next_random() % 256);
		imr_request_parse(&a, text, n, &r);
		check_sane(&r, "random bytes");
		struct imr_drug_mention *m;
		size_t found = imr_find_drugs(&a, text, n, true, &m);
		for (size_t k = 0; k < found; k++)
			CHECK(m[k].span.end <= n && m[k].drug, "a mention out of the text");
		if (round % 100 == 0) {
			imr_arena_free(&a);
			imr_arena_init(&a);
		}
	}
	/* Long inputs. */
	static char big[200000];
	for (size_t k = 0; k < sizeof big; k++)
		big[k] = "Norco 10/325 x2, and left knee L4-5 "[k % 36];
	imr_request_parse(&a, big, sizeof big, &r);
	check_sane(&r, "a long title");
	CHECK(r.syntax_errors == 0 && r.truncated && r.length <= IMR_REQUEST_MAX_TITLE &&
	              r.title[r.length - 1] != ' ' && big[r.length] == ' ',
	      "a long title is read up to a blank before the limit");
	imr_request_parse(&a, big, 1000, &r);
	CHECK(!r.truncated && r.length == 1000, "a title under the limit is read whole");
	struct imr_drug_mention *m;
	CHECK(imr_find_drugs(&a, big, sizeof big, false, &m) == sizeof big / 36 + 1, "every Norco of a long text");
	imr_arena_free(&a);
}

/* Two threads at once: the module keeps no state of its own. */
static void *parse_many(void *arg)
{
	const char *title = arg;
	struct imr_arena a;
	imr_arena_init(&a);
	int same = 1;
	struct buf first, b;
	for (int i = 0; i < 300; i++) {
		struct imr_request r;
		imr_request_parse(&a, title, strlen(title), &r);
		describe(&r, i ? &b : &first);
		if (i && strcmp(first.s, b.s) != 0)
			same = 0;
	}
	imr_arena_free(&a);
	return same ? arg : NULL;
}

static void test_threads(void)
{
	pthread_t t1, t2;
	char *a = "Physical therapy 2 times a week for 6 weeks for the lumbar spine";
	char *b = "Retrospective request for Terocin patch #30 (DOS: 10/12/2016)";
	CHECK(pthread_create(&t1, NULL, parse_many, a) == 0 && pthread_create(&t2, NULL, parse_many, b) == 0,
	      "threads start");
	void *r1, *r2;
	pthread_join(t1, &r1);
	pthread_join(t2, &r2);
	CHECK(r1 == a && r2 == b, "the same results in two threads");
}

/* ---- the documents (harness) -------------------------------------------------------- */

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* Which items may be "other": "DOCUMENT N" lines of
 * tests/unit/request-other.txt (none so far). */
static bool allowed_other(const char *doc, long n)
{
	FILE *f = fopen("tests/unit/request-other.txt", "r");
	char line[256];
	bool found = false;
	while (f && !found && fgets(line, sizeof line, f)) {
		char name[200];
		long k;
		if (line[0] != '#' && sscanf(line, "%199s %ld", name, &k) == 2 && k == n &&
		    strcmp(name, doc) == 0)
			found = true;
	}
	if (f)
		fclose(f);
	return found;
}

static int documents(int argc, char **argv, bool check)
{
	int items = 0, bad = 0;
	for (int i = 0; i < argc; i++) {
		size_t len;
		char *data = test_read_file(argv[i], &len);
		if (!data) {
			perror(argv[i]);
			bad++;
			continue;
		}
		struct imr_options opt;
		imr_options_init(&opt);
		struct imr_diags diags;
		imr_diags_init(&diags);
		xmlDocPtr doc = NULL;
		struct imr_summary sum;
		enum imr_status st = imr_convert(data, len, &opt, NULL, &doc, &sum, &diags);
		free(data);
		imr_diags_free(&diags);
		if (st != IMR_OK || !doc) {
			printf("FAIL %s: not converted (%d)\n", argv[i], (int)st);
			bad++;
			continue;
		}
		const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		char name[200];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(base, "."), base);
		const xmlNode *root = xmlDocGetRootElement(doc);
		long n = 0;
		for (const xmlNode *issue = child(root, "issues") ? child(root, "issues")->children : NULL;
		     issue; issue = issue->next) {
			if (!named(issue, "issue"))
				continue;
			n++;
			xmlChar *service = xmlNodeGetContent(child(issue, "service"));
			if (!service)
				continue;
			struct imr_arena a;
			imr_arena_init(&a);
			struct imr_request r;
			imr_request_parse(&a, (const char *)service, strlen((const char *)service), &r);
			struct buf b;
			describe(&r, &b);
			items++;
			sink_add(&r);
			if (!check) {
				printf("%s#%ld  %s\n    %s\n", name, n, (const char *)service, b.s);
			} else if ((r.category == IMR_CAT_OTHER && !allowed_other(name, n)) || r.syntax_errors) {
				printf("FAIL %s item %ld: %s\n", name, n, b.s);
				bad++;
			} else if (r.category == IMR_CAT_PHARMACEUTICALS && !r.generic &&
			           !(r.head && (r.head->flags & IMR_LEX_GROUP))) {
				/* Every drug requested has its generic name; only a
				 * class of drugs ("LAO") has none. */
				printf("FAIL %s item %ld: a drug without its generic name: %s\n", name, n, b.s);
				bad++;
			}
			imr_arena_free(&a);
			xmlFree(service);
		}
		if (!check) {
			/* The drugs the case summary names. */
			const xmlNode *summary = child(root, "caseSummary");
			struct imr_arena a;
			imr_arena_init(&a);
			printf("%s summary drugs:", name);
			for (const xmlNode *p = summary ? summary->children : NULL; p; p = p->next) {
				if (!named(p, "p"))
					continue;
				xmlChar *text = xmlNodeGetContent(p);
				struct imr_drug_mention *m;
				size_t k = imr_find_drugs(&a, (const char *)text, strlen((const char *)text), false, &m);
				for (size_t j = 0; j < k; j++)
					printf(" %.*s=%s", (int)(m[j].span.end - m[j].span.start),
					       (const char *)text + m[j].span.start,
					       imr_subcategory_token(m[j].drug_class));
				xmlFree(text);
			}
			printf("\n");
			imr_arena_free(&a);
		}
		xmlFreeDoc(doc);
		if (sink_validate(name))
			bad++;
	}
	if (check)
		printf("request items: %d checked, %d failed\n", items, bad);
	else
		printf("%d items\n", items);
	return bad ? 1 : 0;
}

static int run(int argc, char **argv);

static int describe_stdin(void)
{
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		struct imr_arena a;
		imr_arena_init(&a);
		struct imr_request r;
		imr_request_parse(&a, line, strlen(line), &r);
		struct buf b;
		printf("%s\n    %s\n", line, describe(&r, &b));
		imr_arena_free(&a);
	}
	return 0;
}

int main(int argc, char **argv)
{
	xmlInitParser();
	load_schema();
	sink_open();
	int status = run(argc, argv);
	xmlFreeDoc(sink);
	xmlSchemaFree(schema);
	xmlCleanupParser();
	return status;
}

static int run(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--report") == 0)
		return documents(argc - 2, argv + 2, false);
	if (argc > 1 && strcmp(argv[1], "--check") == 0)
		return documents(argc - 2, argv + 2, true);
	if (argc > 1 && strcmp(argv[1], "--describe") == 0)
		return describe_stdin();
	test_sink_rejects();
	test_drug_titles();
	test_retrospective();
	test_therapy_titles();
	test_region_titles();
	test_spine_titles();
	test_surgery_titles();
	test_other_categories();
	test_category_places();
	test_generic();
	sink_validate("the titles");
	test_spans();
	test_xml();
	test_schema_vocabularies();
	test_lexicon();
	test_find_drugs();
	test_robustness();
	test_threads();
	printf("unit: request module\n%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
