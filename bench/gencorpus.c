/*
 * gencorpus.c - write a synthetic corpus of IMR Final Determinations.
 *
 *   gencorpus OUTDIR N [SEED]
 *
 * Writes N made-up determinations as OUTDIR/dNNN/NNNNNNN.txt, 1000 files
 * per directory, the same bytes for the same SEED (default 1).  The four
 * shapes of examples/ take turns: the 2014 letter double-spaced and
 * single-spaced, and the 2016 letter as plain pdftotext and as
 * pdftotext -layout render it.  Patients, treatments and reasoning are
 * assembled from pools of phrases and sentence templates, then wrapped at
 * word boundaries the way pdftotext wraps the forms, rewrapping whenever
 * a line would take a shape the scanner reads as something else (a
 * heading in capitals, a label, a lone decision, a title that would not
 * join up with its decision).
 *
 * Standard C11 and POSIX mkdir(2), nothing else.  Exit status: 0 done,
 * 1 I/O error, 2 usage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rn((unsigned)NELEM(a))])
/* A space the wrapper must not break at (written out as a space). */
#define NB "\001"

/* ---- Random numbers: xorshift64*, seeded per document -------------------- */

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, n). */
static unsigned rn(unsigned n)
{
	return (unsigned)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

static int chance(unsigned pct)
{
	return rn(100) < pct;
}

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

/* ---- Dates: days since 1970-01-01 (H. Hinnant's civil algorithms) --------- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int year_of(long day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

/* ---- Buffers ------------------------------------------------------------- */

enum { DOC_CAP = 1 << 18, PARA_CAP = 1 << 14, MAXLINES = 512 };

static char doc[DOC_CAP]; /* the document being written */
static size_t dlen;
static char para[PARA_CAP]; /* the paragraph being assembled */
static size_t plen;

static void internal(const char *what)
{
	fprintf(stderr, "gencorpus: internal error: %s\n", what);
	exit(1);
}

static void out(const char *s, size_t n)
{
	if (n > DOC_CAP - dlen)
		internal("document larger than its buffer");
	memcpy(doc + dlen, s, n);
	dlen += n;
}

static void outs(const char *s)
{
	out(s, strlen(s));
}

static void pc(char c)
{
	if (plen + 1 >= PARA_CAP)
		internal("paragraph larger than its buffer");
	para[plen++] = c;
}

static void ps(const char *s)
{
	while (*s)
		pc(*s++);
}

static void pnum(unsigned long v)
{
	char b[24];
	int n = 0;
	do
		b[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		pc(b[--n]);
}

static void pnum2(unsigned v)
{
	pc((char)('0' + v / 10 % 10));
	pc((char)('0' + v % 10));
}

/* ---- The pools ----------------------------------------------------------- */

enum shape { SH_DOUBLE, SH_SINGLE, SH_PLAIN, SH_LAYOUT };

/* Template codes (expand()): $N/$n the patient ("The injured worker"),
 * $H $h $P $p $O pronouns, $A age ("48-year-old"), $S sex, $J/$j the
 * occupation (bare / with article), $B body part, $C anatomy, $L side,
 * $I injury date, $D a progress date, $U the UR date, $V a prior UR date,
 * $Y a year, $y a span of years, $G/$g diagnoses, $E exam finding, $F
 * imaging finding, $c complaint, $T treatments to date, $M/$m medications,
 * $K mechanism, $Q/$q pain scores, $d degrees, $z a small number, $#
 * sessions, $k months, $R the requests, $X/$x the item (title / name), $a
 * the quantity authorized, $Z the remaining portion, $W/$w the guideline
 * as a rationale names it, $@ the quantity in a title. */

struct region {
	const char *part, *anat;
	const char *chap14, *doc16; /* ACOEM chapter; NULL: none in the MTUS */
	const char *pages[3];       /* imaging, surgery, initial care */
	const char *odg, *postsurg;
	const char *diag[5], *exam[5], *img[3], *mech[3], *complaint[3];
};

static const struct region regions[] = {
	{"low back", "lumbar spine", "Chapter 12 Low Back Complaints", "Low Back Complaints",
	 {"303-305", "305-307", "300"}, "Low Back", "Low Back",
	 {"lumbar sprain and strain", "lumbar degenerative disc disease", "lumbar radiculopathy",
	  "lumbar facet arthropathy", "chronic low back pain"},
	 {"tenderness over the lumbar paraspinal muscles", "lumbar flexion limited to $d degrees",
	  "a positive straight leg raise on the $L", "decreased sensation over the $L L5 dermatome",
	  "spasm of the lumbar paraspinal muscles"},
	 {"a 4 mm $L paracentral disc protrusion at L4-L5 contacting the traversing $L L5 nerve root",
	  "mild facet arthropathy at L4-L5 and L5-S1",
	  "a 3 mm broad-based disc bulge at L5-S1 with mild bilateral foraminal narrowing"},
	 {"lifting a heavy box from the floor", "pulling a loaded pallet jack",
	  "bending to pick up a case of supplies"},
	 {"radiation to the $L buttock and posterior thigh", "intermittent numbness in the $L foot",
	  "stiffness after prolonged sitting"}},
	{"neck", "cervical spine", "Chapter 8 Neck and Upper Back Complaints",
	 "Neck and Upper Back Complaints", {"177-179", "180-181", "173-175"}, "Neck and Upper Back",
	 "Neck & Upper Back",
	 {"cervical sprain and strain", "cervical radiculopathy", "cervical degenerative disc disease",
	  "myofascial pain syndrome", "cervicogenic headaches"},
	 {"tenderness over the cervical paraspinal and upper trapezius muscles",
	  "cervical rotation limited to $d degrees", "a positive Spurling's test on the $L",
	  "decreased sensation in the $L C6 dermatome", "diminished grip strength on the $L"},
	 {"a 3 mm disc osteophyte complex at C5-C6 with moderate $L foraminal narrowing",
	  "multilevel degenerative disc disease from C4 to C7",
	  "straightening of the normal cervical lordosis without central stenosis"},
	 {"carrying heavy boxes on $p shoulder", "working at a computer for prolonged periods",
	  "stopping suddenly in a company vehicle"},
	 {"radiation into the $L arm", "frequent headaches", "tingling into the $L hand"}},
	{"$L shoulder", "$L shoulder", "Chapter 9 Shoulder Complaints", "Shoulder Complaints",
	 {"207-209", "209-211", "204-205"}, "Shoulder", "Shoulder",
	 {"$L shoulder impingement syndrome", "$L rotator cuff tendinitis",
	  "partial-thickness rotator cuff tear", "acromioclavicular joint arthritis",
	  "adhesive capsulitis of the $L shoulder"},
	 {"tenderness over the $L anterior shoulder", "$L shoulder abduction limited to $d degrees",
	  "positive Neer and Hawkins impingement signs", "weakness with resisted external rotation",
	  "a painful arc of motion"},
	 {"a partial-thickness tear of the supraspinatus tendon",
	  "acromioclavicular joint arthrosis with a type II acromion",
	  "subacromial bursitis without a full-thickness tear"},
	 {"reaching overhead to place a box on a high shelf", "pulling a heavy hose",
	  "catching a falling patient"},
	 {"difficulty reaching overhead", "difficulty sleeping on the $L side",
	  "weakness when lifting $p arm"}},
	{"$L knee", "$L knee", "Chapter 13 Knee Complaints", "Knee Complaints",
	 {"341-343", "344-345", "338-339"}, "Knee & Leg", "Knee",
	 {"tear of the medial meniscus of the $L knee", "$L knee sprain", "chondromalacia patellae",
	  "osteoarthritis of the $L knee", "patellofemoral pain syndrome"},
	 {"medial joint line tenderness of the $L knee", "a positive McMurray test",
	  "$L knee flexion limited to $d degrees", "a small effusion", "crepitus with range of motion"},
	 {"a complex tear of the posterior horn of the medial meniscus with a small joint effusion",
	  "tricompartmental degenerative changes with joint space narrowing",
	  "a sprain of the medial collateral ligament without a meniscal tear"},
	 {"stepping down from the rear step of a truck", "kneeling repetitively on a concrete floor",
	  "slipping on a wet floor and twisting $p $L knee"},
	 {"locking and giving way", "swelling after prolonged standing",
	  "difficulty with stairs and squatting"}},
	{"$L wrist", "$L wrist", "Chapter 11 Forearm, Wrist, and Hand Complaints",
	 "Forearm, Wrist, and Hand Complaints", {"268-269", "270-271", "264-266"},
	 "Forearm, Wrist, & Hand", "Forearm, Wrist, & Hand",
	 {"$L carpal tunnel syndrome", "$L wrist sprain", "de Quervain's tenosynovitis",
	  "trigger finger", "$L wrist tendinitis"},
	 {"a positive Tinel's sign at the $L wrist", "a positive Phalen's test",
	  "decreased sensation in the median nerve distribution",
	  "tenderness over the first dorsal compartment", "diminished grip strength"},
	 {"moderate median neuropathy at the $L wrist on nerve conduction testing",
	  "tenosynovitis of the first dorsal compartment", "a small ganglion cyst without a fracture"},
	 {"performing repetitive keyboarding and mouse work", "using a scanner gun for long shifts",
	  "repetitively gripping and cutting"},
	 {"numbness and tingling in the fingers", "dropping objects", "night symptoms that wake $O"}},
	{"$L elbow", "$L elbow", "Chapter 10 Elbow Complaints", "Elbow Complaints",
	 {"33-34", "35-37", "27-29"}, "Elbow", "Elbow & Upper Arm",
	 {"$L lateral epicondylitis", "$L medial epicondylitis", "cubital tunnel syndrome",
	  "$L elbow sprain", "$L forearm tendinitis"},
	 {"tenderness over the $L lateral epicondyle", "pain with resisted wrist extension",
	  "full elbow range of motion with pain at end range",
	  "a positive Tinel's sign at the cubital tunnel", "reduced grip strength on the $L"},
	 {"thickening of the common extensor tendon origin",
	  "a partial tear of the common extensor tendon", "no joint effusion or loose body"},
	 {"repetitively using hand tools", "lifting heavy trays", "swinging a sledgehammer"},
	 {"weakness with gripping", "difficulty lifting a coffee cup", "numbness in the small finger"}},
	{"$L ankle", "$L ankle", "Chapter 14 Ankle and Foot Complaints", "Ankle and Foot Complaints",
	 {"374-375", "374-375", "371-372"}, "Ankle & Foot", "Ankle & Foot",
	 {"$L ankle sprain", "plantar fasciitis", "$L Achilles tendinitis",
	  "status post $L ankle fracture", "$L peroneal tendinitis"},
	 {"tenderness over the $L lateral ankle ligaments", "mild swelling of the $L ankle",
	  "tenderness at the plantar fascia insertion", "an antalgic gait",
	  "limited ankle dorsiflexion"},
	 {"a partial tear of the anterior talofibular ligament",
	  "thickening of the plantar fascia at its calcaneal insertion",
	  "a healed distal fibular fracture with retained hardware"},
	 {"stepping off a ladder onto uneven ground", "tripping over a pallet",
	  "missing a step on a loading dock"},
	 {"swelling after prolonged standing", "stiffness with the first steps in the morning",
	  "instability on uneven ground"}},
	{"$L hip", "$L hip", NULL, NULL, {NULL, NULL, NULL}, "Hip & Pelvis", "Hip",
	 {"$L hip osteoarthritis", "$L greater trochanteric bursitis", "$L hip labral tear",
	  "$L hip strain", "$L hip pain"},
	 {"tenderness over the $L greater trochanter", "$L hip internal rotation limited to $d degrees",
	  "a positive FABER test", "an antalgic gait", "pain with hip flexion"},
	 {"moderate joint space narrowing of the $L hip", "a tear of the anterosuperior labrum",
	  "trochanteric bursitis without a fracture"},
	 {"falling from a ladder", "slipping on a wet floor and landing on $p $L side",
	  "twisting while carrying equipment"},
	 {"difficulty climbing stairs", "a limp after walking a short distance",
	  "discomfort when lying on the $L side"}},
};

enum cat {
	C_OPIOID, C_NSAID, C_RELAX, C_AED, C_TOPICAL, C_PPI, C_SLEEP, C_LAB, C_IMAGING, C_EDX,
	C_PT, C_CHIRO, C_ACU, C_INJECT, C_SURGERY, C_POSTOP, C_DME, C_PROGRAM, C_CONSULT, C_HOME,
	C_TRANS, C_GYM
};

enum gid {
	G_OPIOID, G_OPIOID_B, G_OPIOID_C, G_NSAID, G_RELAX, G_AED, G_TOPICAL, G_LIDO, G_PPI,
	G_SLEEP, G_UDS, G_IMG, G_EDX, G_PT, G_POSTPT, G_CHIRO, G_ACU, G_ESI, G_INJ, G_SURG,
	G_BRACE, G_POSTOP, G_DME, G_TENS, G_ICS, G_FRP, G_WH, G_PSY, G_PSYEVAL, G_CONSULT, G_FCE,
	G_HOMEH, G_TRANS, G_GYM
};

/* How a guideline is cited.  reg >= 0: the region's ACOEM chapter, its
 * page list reg; doc14 NULL: not in the MTUS (only ODG is cited);
 * sect16 "*": the region's postsurgical section; odg_ch NULL: the
 * region's ODG chapter; cp: Chronic Pain (2009, or 2016 from 2017). */
struct guide {
	signed char reg;
	const char *doc14, *topic14, *pages, *doc16, *year, *sect16, *refname, *odg_ch, *odg_topic;
	int cp;
};

#define CP14 "Chronic Pain Treatment Guidelines"
#define CP16 "Chronic Pain Medical Treatment"
#define CPREF "Chronic Pain Medical Treatment Guidelines"
#define ACO "ACOEM Practice Guidelines"
#define IME "ACOEM Chapter 7 Independent Medical Examinations and Consultations"

static const struct guide guides[] = {
	[G_OPIOID] = {-1, CP14, "Opioids", "74-82", CP16, "2009", "Opioids, criteria for use", CPREF,
	              "Pain", "Opioids, long-term assessment", 1},
	[G_OPIOID_B] = {-1, CP14, "Criteria for Use of Opioids", "76-80, 93-94", CP16, "2009",
	                "Opioids, specific drug list", CPREF, "Pain", "Tramadol (Ultram)", 1},
	[G_OPIOID_C] = {-1, CP14, "Opioids, Ongoing Management", "78-80", CP16, "2009",
	                "Opioids, On-Going Management", CPREF, "Pain", "Opioids, criteria for use", 1},
	[G_NSAID] = {-1, CP14, "NSAIDs (non-steroidal anti-inflammatory drugs)", "67-73", CP16,
	             "2009", "NSAIDs (non-steroidal anti-inflammatory drugs)", CPREF, "Pain",
	             "NSAIDs (non-steroidal anti-inflammatory drugs)", 1},
	[G_RELAX] = {-1, CP14, "Muscle relaxants (for pain)", "63-66", CP16, "2009",
	             "Muscle relaxants (for pain)", CPREF, "Pain", "Muscle relaxants (for pain)", 1},
	[G_AED] = {-1, CP14, "Antiepilepsy drugs (AEDs)", "16-22", CP16, "2009",
	           "Antiepilepsy drugs (AEDs)", CPREF, "Pain", "Anti-epilepsy drugs (AEDs) for pain", 1},
	[G_TOPICAL] = {-1, CP14, "Topical Analgesics", "111-113", CP16, "2009", "Topical Analgesics",
	               CPREF, "Pain", "Topical analgesics", 1},
	[G_LIDO] = {-1, CP14, "Lidoderm (lidocaine patch)", "56-57", CP16, "2009",
	            "Lidoderm (lidocaine patch)", CPREF, "Pain", "Lidoderm (lidocaine patch)", 1},
	[G_PPI] = {-1, CP14, "NSAIDs, GI symptoms & cardiovascular risk", "68-69", CP16, "2009",
	           "NSAIDs, GI symptoms & cardiovascular risk", CPREF, "Pain",
	           "Proton pump inhibitors (PPIs)", 1},
	[G_SLEEP] = {-1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Pain", "Insomnia treatment", 0},
	[G_UDS] = {-1, CP14, "Drug testing", "43", CP16, "2009", "Drug testing", CPREF, "Pain",
	           "Urine drug testing (UDT)", 1},
	[G_IMG] = {0, NULL, NULL, NULL, NULL, "2004", "Special Studies, Diagnostic Criteria", ACO,
	           NULL, "MRIs (magnetic resonance imaging)", 0},
	[G_EDX] = {0, NULL, NULL, NULL, NULL, "2004", "Special Studies", ACO, NULL,
	           "Electrodiagnostic studies (EDS)", 0},
	[G_PT] = {-1, CP14, "Physical Medicine", "98-99", CP16, "2009", "Physical medicine treatment",
	          CPREF, NULL, "Physical therapy (PT)", 1},
	[G_POSTPT] = {-1, "Postsurgical Treatment Guidelines", "", "10-12", "Postsurgical Treatment",
	              "2009", "*", "Postsurgical Treatment Guidelines", NULL, "Physical therapy (PT)",
	              0},
	[G_CHIRO] = {-1, CP14, "Manual therapy & manipulation", "58-59", CP16, "2009",
	             "Manual therapy & manipulation", CPREF, NULL, "Manipulation", 1},
	[G_ACU] = {-1, "Acupuncture Treatment Guidelines", "", NULL, "Acupuncture Treatment", "2007",
	           NULL, "Acupuncture Medical Treatment Guidelines", NULL, "Acupuncture", 0},
	[G_ESI] = {-1, CP14, "Epidural steroid injections (ESIs)", "46", CP16, "2009",
	           "Epidural steroid injections (ESIs)", CPREF, NULL,
	           "Epidural steroid injections (ESIs)", 1},
	[G_INJ] = {2, NULL, NULL, NULL, NULL, "2004", "Initial Care", ACO, NULL, "Injections", 0},
	[G_SURG] = {1, NULL, NULL, NULL, NULL, "2004", "Surgical Considerations", ACO, NULL,
	            "Surgery", 0},
	[G_BRACE] = {2, NULL, NULL, NULL, NULL, "2004", "Initial Care", ACO, NULL, "Bracing", 0},
	[G_POSTOP] = {-1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Postoperative care", 0},
	[G_DME] = {-1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	           "Durable medical equipment (DME)", 0},
	[G_TENS] = {-1, CP14, "Transcutaneous electrotherapy", "114-116", CP16, "2009",
	            "Transcutaneous electrotherapy", CPREF, "Pain",
	            "TENS, chronic pain (transcutaneous electrical nerve stimulation)", 1},
	[G_ICS] = {-1, CP14, "Interferential Current Stimulation (ICS)", "118-120", CP16, "2009",
	           "Interferential Current Stimulation (ICS)", CPREF, "Pain",
	           "Interferential current stimulation (ICS)", 1},
	[G_FRP] = {-1, CP14, "Functional restoration programs (FRPs)", "30-34, 49", CP16, "2009",
	           "Functional restoration programs (FRPs)", CPREF, "Pain",
	           "Functional restoration programs (FRPs)", 1},
	[G_WH] = {-1, CP14, "Work conditioning, work hardening", "125", CP16, "2009",
	          "Work conditioning, work hardening", CPREF, NULL, "Work conditioning (WC)", 1},
	[G_PSY] = {-1, CP14, "Behavioral interventions", "23", CP16, "2009", "Behavioral interventions",
	           CPREF, "Pain", "Cognitive behavioral therapy (CBT)", 1},
	[G_PSYEVAL] = {-1, CP14, "Psychological evaluations", "100-101", CP16, "2009",
	               "Psychological evaluations", CPREF, "Pain", "Psychological evaluations", 1},
	[G_CONSULT] = {-1, IME, "", "127", "Independent Medical Examinations and Consultations", "2004",
	               "Consultation", ACO, "Pain", "Office visits", 0},
	[G_FCE] = {-1, IME, "", "137-138", "Independent Medical Examinations and Consultations", "2004",
	           "Functional Capacity Evaluations", ACO, "Fitness For Duty",
	           "Functional capacity evaluation (FCE)", 0},
	[G_HOMEH] = {-1, CP14, "Home health services", "51", CP16, "2009", "Home health services",
	             CPREF, NULL, "Home health services", 1},
	[G_TRANS] = {-1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Knee & Leg",
	             "Transportation (to & from appointments)", 0},
	[G_GYM] = {-1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Low Back", "Gym memberships", 0},
};

/* A disputed item: its title and its name in running text; qkind 1 "#90",
 * 2 "12" sessions ($@); region -1 any; odg: the ODG topic if not the
 * guide's. */
struct treat {
	const char *title, *name;
	unsigned char gid, cat, qkind;
	signed char region;
	const char *odg;
};

static const struct treat treats[] = {
	{"Norco 10/325mg $@", "Norco", G_OPIOID, C_OPIOID, 1, -1, NULL},
	{"Hydrocodone/acetaminophen 10/325mg $@", "Hydrocodone/acetaminophen", G_OPIOID_C, C_OPIOID, 1,
	 -1, NULL},
	{"Oxycodone 10mg $@", "oxycodone", G_OPIOID, C_OPIOID, 1, -1, NULL},
	{"OxyContin 20mg $@", "OxyContin", G_OPIOID_C, C_OPIOID, 1, -1, NULL},
	{"Percocet 5/325mg $@", "Percocet", G_OPIOID, C_OPIOID, 1, -1, NULL},
	{"Tramadol ER 150mg $@ with 2 refills", "tramadol ER", G_OPIOID_B, C_OPIOID, 1, -1, NULL},
	{"Tramadol 50mg $@", "tramadol", G_OPIOID_B, C_OPIOID, 1, -1, NULL},
	{"Nucynta 50mg $@", "Nucynta", G_OPIOID, C_OPIOID, 1, -1, NULL},
	{"Naproxen sodium 550mg $@", "naproxen", G_NSAID, C_NSAID, 1, -1, NULL},
	{"Ibuprofen 800mg $@", "ibuprofen", G_NSAID, C_NSAID, 1, -1, NULL},
	{"Meloxicam 15mg $@", "meloxicam", G_NSAID, C_NSAID, 1, -1, NULL},
	{"Celebrex 200mg $@", "Celebrex", G_NSAID, C_NSAID, 1, -1, NULL},
	{"Cyclobenzaprine 7.5mg $@", "cyclobenzaprine", G_RELAX, C_RELAX, 1, -1, NULL},
	{"Tizanidine 4mg $@ with 1 refill", "tizanidine", G_RELAX, C_RELAX, 1, -1, NULL},
	{"Baclofen 10mg $@", "baclofen", G_RELAX, C_RELAX, 1, -1, NULL},
	{"Carisoprodol 350mg $@", "carisoprodol", G_RELAX, C_RELAX, 1, -1, NULL},
	{"Gabapentin 600mg $@ with 3 refills", "gabapentin", G_AED, C_AED, 1, -1, NULL},
	{"Lyrica 75mg $@", "Lyrica", G_AED, C_AED, 1, -1, NULL},
	{"Topiramate 50mg $@", "topiramate", G_AED, C_AED, 1, -1, NULL},
	{"Lidoderm 5% patch $@", "Lidoderm", G_LIDO, C_TOPICAL, 1, -1, NULL},
	{"Terocin patches $@", "Terocin patches", G_TOPICAL, C_TOPICAL, 1, -1, NULL},
	{"Compounded cream: flurbiprofen 20%, lidocaine 5%, 180gm", "the compounded cream", G_TOPICAL,
	 C_TOPICAL, 0, -1, NULL},
	{"Voltaren 1% gel 100gm with 2 refills", "Voltaren gel", G_TOPICAL, C_TOPICAL, 0, -1, NULL},
	{"Omeprazole 20mg $@", "omeprazole", G_PPI, C_PPI, 1, -1, NULL},
	{"Pantoprazole 20mg $@", "pantoprazole", G_PPI, C_PPI, 1, -1, NULL},
	{"Zolpidem 10mg $@", "zolpidem", G_SLEEP, C_SLEEP, 1, -1, NULL},
	{"Trazodone 50mg $@", "trazodone", G_SLEEP, C_SLEEP, 1, -1, NULL},
	{"Urine drug screen", "a urine drug screen", G_UDS, C_LAB, 0, -1, NULL},
	{"Retrospective urine toxicology screen", "the urine toxicology screen", G_UDS, C_LAB, 0, -1,
	 NULL},
	{"MRI of the $C without contrast", "an MRI of the $C", G_IMG, C_IMAGING, 0, -1, NULL},
	{"Repeat MRI of the $C", "a repeat MRI of the $C", G_IMG, C_IMAGING, 0, -1, NULL},
	{"X-rays of the $C, three views", "X-rays of the $C", G_IMG, C_IMAGING, 0, -1, "Radiography"},
	{"CT scan of the $C", "a CT scan of the $C", G_IMG, C_IMAGING, 0, -1,
	 "Computed tomography (CT)"},
	{"Physical therapy for the $C, two times a week for four weeks", "physical therapy", G_PT,
	 C_PT, 0, -1, NULL},
	{"Physical therapy $@ sessions for the $B", "physical therapy", G_PT, C_PT, 2, -1, NULL},
	{"Aquatic therapy $@ sessions", "aquatic therapy", G_PT, C_PT, 2, -1, "Aquatic therapy"},
	{"Chiropractic treatment $@ sessions for the $B", "chiropractic treatment", G_CHIRO, C_CHIRO,
	 2, -1, NULL},
	{"Acupuncture two times a week for six weeks for the $B", "acupuncture", G_ACU, C_ACU, 0, -1,
	 NULL},
	{"Acupuncture $@ sessions", "acupuncture", G_ACU, C_ACU, 2, -1, NULL},
	{"Home TENS unit with supplies, one-month rental", "a home TENS unit", G_TENS, C_DME, 0, -1,
	 NULL},
	{"Interferential unit purchase", "an interferential unit", G_ICS, C_DME, 0, -1, NULL},
	{"Gym membership for six months", "a gym membership", G_GYM, C_GYM, 0, -1, NULL},
	{"Transportation to and from medical appointments",
	 "transportation to and from medical appointments", G_TRANS, C_TRANS, 0, -1, NULL},
	{"Home health care, four hours a day, five days a week for four weeks", "home health care",
	 G_HOMEH, C_HOME, 0, -1, NULL},
	{"Functional restoration program, 80 hours", "a functional restoration program", G_FRP,
	 C_PROGRAM, 0, -1, NULL},
	{"Work hardening program, $@ sessions", "a work hardening program", G_WH, C_PROGRAM, 2, -1,
	 NULL},
	{"Cognitive behavioral therapy, $@ sessions", "cognitive behavioral therapy", G_PSY, C_PROGRAM,
	 2, -1, NULL},
	{"Psychological evaluation", "a psychological evaluation", G_PSYEVAL, C_PROGRAM, 0, -1, NULL},
	{"Pain management consultation", "a pain management consultation", G_CONSULT, C_CONSULT, 0,
	 -1, NULL},
	{"Orthopedic surgical consultation for the $B", "an orthopedic surgical consultation",
	 G_CONSULT, C_CONSULT, 0, -1, NULL},
	{"Functional capacity evaluation", "a functional capacity evaluation", G_FCE, C_CONSULT, 0, -1,
	 NULL},
	/* low back */
	{"Lumbar epidural steroid injection at L4-L5 under fluoroscopic guidance",
	 "a lumbar epidural steroid injection", G_ESI, C_INJECT, 0, 0, NULL},
	{"Bilateral L4-L5 and L5-S1 medial branch blocks", "medial branch blocks", G_INJ, C_INJECT, 0,
	 0, "Facet joint diagnostic blocks (injections)"},
	{"L4-L5 posterior lumbar interbody fusion with two-day inpatient stay", "a lumbar fusion",
	 G_SURG, C_SURGERY, 0, 0, "Fusion (spinal)"},
	{"Lumbar support brace", "a lumbar support brace", G_BRACE, C_DME, 0, 0, "Lumbar supports"},
	{"EMG/NCS of the bilateral lower extremities",
	 "electrodiagnostic testing of the lower extremities", G_EDX, C_EDX, 0, 0,
	 "EMGs (electromyography)"},
	/* neck */
	{"Cervical epidural steroid injection at C5-C6", "a cervical epidural steroid injection",
	 G_ESI, C_INJECT, 0, 1, NULL},
	{"Anterior cervical discectomy and fusion at C5-C6 with one-day inpatient stay",
	 "an anterior cervical discectomy and fusion", G_SURG, C_SURGERY, 0, 1,
	 "Fusion, anterior cervical"},
	{"Home cervical traction unit", "a home cervical traction unit", G_BRACE, C_DME, 0, 1,
	 "Traction"},
	{"EMG/NCV of the bilateral upper extremities",
	 "electrodiagnostic testing of the upper extremities", G_EDX, C_EDX, 0, 1,
	 "Electromyography (EMG)"},
	/* shoulder */
	{"Arthroscopic subacromial decompression of the $L shoulder", "the shoulder arthroscopy",
	 G_SURG, C_SURGERY, 0, 2, "Surgery for impingement syndrome"},
	{"Corticosteroid injection to the $L shoulder", "a shoulder corticosteroid injection", G_INJ,
	 C_INJECT, 0, 2, "Steroid injections"},
	{"Associated surgical service: Postoperative physical therapy $@ sessions for the $L shoulder",
	 "postoperative physical therapy", G_POSTPT, C_PT, 2, 2, NULL},
	{"Associated surgical service: Sling with abduction pillow", "a sling with abduction pillow",
	 G_POSTOP, C_POSTOP, 0, 2, "Postoperative abduction pillow sling"},
	/* knee */
	{"Arthroscopy of the $L knee with partial medial meniscectomy", "the knee arthroscopy", G_SURG,
	 C_SURGERY, 0, 3, "Meniscectomy"},
	{"Associated surgical service: Cold therapy unit", "an associated cold therapy unit", G_POSTOP,
	 C_POSTOP, 0, 3, "Continuous-flow cryotherapy"},
	{"Hinged knee brace for the $L knee", "a hinged knee brace", G_BRACE, C_DME, 0, 3,
	 "Knee brace"},
	{"Synvisc injection to the $L knee, series of three", "viscosupplementation", G_INJ, C_INJECT,
	 0, 3, "Hyaluronic acid injections"},
	{"Continuous passive motion device, 21-day rental", "a continuous passive motion device",
	 G_POSTOP, C_POSTOP, 0, 3, "Continuous passive motion (CPM)"},
	/* wrist */
	{"Open carpal tunnel release of the $L wrist", "the carpal tunnel release", G_SURG, C_SURGERY,
	 0, 4, "Carpal tunnel release surgery (CTR)"},
	{"Wrist splint for the $L wrist", "a wrist splint", G_BRACE, C_DME, 0, 4, "Splints"},
	{"Occupational therapy $@ sessions for the $L hand", "occupational therapy", G_PT, C_PT, 2, 4,
	 NULL},
	{"EMG/NCV of the bilateral upper extremities",
	 "electrodiagnostic testing of the upper extremities", G_EDX, C_EDX, 0, 4,
	 "Electromyography (EMG)"},
	/* elbow */
	{"Platelet-rich plasma injection to the $L elbow", "a platelet-rich plasma injection", G_INJ,
	 C_INJECT, 0, 5, "Platelet-rich plasma (PRP)"},
	{"Elbow counterforce brace", "a counterforce brace", G_BRACE, C_DME, 0, 5, "Splinting"},
	{"Lateral epicondylar release of the $L elbow", "the lateral epicondylar release", G_SURG,
	 C_SURGERY, 0, 5, "Surgery for epicondylitis"},
	/* ankle */
	{"Custom orthotics", "custom orthotics", G_BRACE, C_DME, 0, 6, "Orthotic devices"},
	{"Arthroscopic debridement of the $L ankle", "the ankle arthroscopy", G_SURG, C_SURGERY, 0, 6,
	 "Arthroscopy"},
	{"Controlled ankle motion walking boot", "a walking boot", G_BRACE, C_DME, 0, 6,
	 "Walking aids (canes, crutches, braces, orthoses, & walkers)"},
	/* hip */
	{"Total arthroplasty of the $L hip with three-day inpatient stay", "a total hip arthroplasty",
	 G_SURG, C_SURGERY, 0, 7, "Arthroplasty"},
	{"Intra-articular steroid injection to the $L hip under fluoroscopy", "a hip injection", G_INJ,
	 C_INJECT, 0, 7, "Intra-articular steroid hip injection (IASHI)"},
	{"Front-wheeled walker", "a front-wheeled walker", G_DME, C_DME, 0, 7, "Walkers"},
};

/* ---- Rationale sentences by category: guideline statements (a clause,
 * lower case, no period), reasons against and reasons for. */

static const char *const opioid_stmt[] = {
	("ongoing opioid management requires documentation of pain relief, functional status, "
	 "appropriate medication use, and side effects"),
	("opioids may be continued when the patient has returned to work or has improved functioning "
	 "and pain"),
	("the lowest possible dose should be prescribed to improve pain and function, and urine drug "
	 "screening may be used to assess for the use of illegal drugs"),
	("the 4 A's of analgesia, activities of daily living, adverse side effects, and aberrant "
	 "drug-taking behaviors should guide ongoing monitoring"),
	("opioids should be discontinued if there is no overall improvement in function, unless there "
	 "are extenuating circumstances"),
};
static const char *const opioid_neg[] = {
	("The progress notes do not quantify pain relief with and without the medication, and no "
	 "specific functional gains are identified."),
	("There is no recent urine drug screen, risk assessment, or signed opioid agreement in the "
	 "records provided."),
	("$N has not returned to work, and $p pain scores have remained essentially unchanged over "
	 "several months of continued use."),
	("The treating provider did not document the 4 A's of ongoing opioid monitoring at the most "
	 "recent visits."),
	("Weaning of the medication, rather than continuation at the same dose, is the appropriate "
	 "course in this setting."),
};
static const char *const opioid_pos[] = {
	("The treating provider documents a decrease in pain from $Q to $q with the medication and "
	 "specific functional gains, including household chores and walking for $z minutes."),
	("A urine drug screen dated $D was consistent with the prescribed medications, and a signed "
	 "opioid agreement is on file."),
	("No adverse effects or aberrant behaviors have been reported, and the dose has remained "
	 "stable."),
	("$N has returned to modified work, which the treating provider attributes in part to the "
	 "current regimen."),
};

static const char *const nsaid_stmt[] = {
	("NSAIDs are recommended at the lowest dose for the shortest period in patients with moderate "
	 "to severe pain"),
	"there is no evidence of long-term effectiveness of NSAIDs for pain or function",
	("NSAIDs are recommended as a second-line treatment after acetaminophen for acute "
	 "exacerbations of chronic back pain"),
	("all NSAIDs carry a risk of gastrointestinal, renal, and cardiovascular adverse effects, and "
	 "periodic monitoring is advised"),
};
static const char *const nsaid_neg[] = {
	("There is no documentation of the specific benefit obtained from $x or of monitoring for "
	 "gastrointestinal, renal, or cardiovascular side effects."),
	("$N has used the medication for far longer than the short course that the guidelines "
	 "support."),
	("The records indicate gastrointestinal upset with the medication, and no reassessment was "
	 "documented."),
};
static const char *const nsaid_pos[] = {
	("The records describe an acute flare of $B pain, for which a short course of an "
	 "anti-inflammatory medication is appropriate."),
	("The treating provider documented improved tolerance of walking and household activity with "
	 "the medication and no side effects."),
	"Laboratory monitoring of renal and hepatic function was performed on $D and was normal.",
};

static const char *const relax_stmt[] = {
	("non-sedating muscle relaxants are recommended with caution as a second-line option for "
	 "short-term treatment of acute exacerbations in patients with chronic low back pain"),
	("most muscle relaxants show no benefit beyond NSAIDs in pain and overall improvement, and "
	 "their efficacy appears to diminish over time"),
	"muscle relaxants are not recommended for use longer than two to three weeks",
};
static const char *const relax_neg[] = {
	("$N has been prescribed the medication on a chronic basis, well beyond the short-term use "
	 "that the guidelines recommend."),
	("The records do not describe an acute exacerbation or the presence of muscle spasm on "
	 "examination."),
	("The combination with opioid medication increases the risk of sedation, and no benefit was "
	 "documented."),
};
static const char *const relax_pos[] = {
	"The most recent examination documented muscle spasm in the setting of an acute flare.",
	("The request is for a short course consistent with the guidelines, and no prior use of the "
	 "medication was documented."),
	("The treating provider documented improvement in spasm and sleep with a previous brief "
	 "course."),
};

static const char *const aed_stmt[] = {
	"antiepilepsy drugs are recommended for neuropathic pain due to nerve damage",
	("a good response to an antiepilepsy drug is defined as a 50% reduction in pain, and a "
	 "moderate response as a 30% reduction"),
	("after initiation of treatment there should be documentation of pain relief and improvement "
	 "in function, as well as of any side effects"),
};
static const char *const aed_neg[] = {
	"The records do not document neuropathic pain or objective findings of radiculopathy.",
	("There is no documentation of at least a 30% reduction in pain or of improvement in function "
	 "since the medication was started."),
	("$N reported dizziness and sedation with the medication, and no reassessment of the dose was "
	 "recorded."),
};
static const char *const aed_pos[] = {
	"$N has radicular symptoms corroborated by the examination and by imaging.",
	("The attending provider reports that the medication has reduced the burning pain and "
	 "paresthesias and has improved sleep."),
	("No adverse effects were reported, and the quantity requested allows for reassessment at the "
	 "next visit."),
};

static const char *const topical_stmt[] = {
	("topical analgesics are largely experimental in use, with few randomized controlled trials "
	 "to determine efficacy or safety"),
	("any compounded product that contains at least one drug or drug class that is not "
	 "recommended is not recommended"),
	("topical lidocaine may be recommended for localized peripheral pain after there has been "
	 "evidence of a trial of first-line therapy"),
};
static const char *const topical_neg[] = {
	("There is no documentation that first-line oral medications such as antidepressants or "
	 "anticonvulsants have been tried and have failed."),
	"The product contains at least one ingredient that is not recommended for topical use.",
	("The records do not describe localized peripheral neuropathic pain or the body area to which "
	 "the medication is applied."),
};
static const char *const topical_pos[] = {
	("The records document localized neuropathic pain and failure of oral gabapentin because of "
	 "side effects."),
	("$N reports a meaningful reduction in pain with the topical medication, allowing a reduction "
	 "in oral medication use."),
	("Oral anti-inflammatory medication is contraindicated because of a history of "
	 "gastrointestinal bleeding."),
};

static const char *const ppi_stmt[] = {
	("a proton pump inhibitor may be added for patients taking NSAIDs who are at intermediate or "
	 "high risk for gastrointestinal events"),
	("risk factors for gastrointestinal events include age over 65 years, a history of peptic "
	 "ulcer or bleeding, and concurrent use of aspirin or corticosteroids"),
	("long-term proton pump inhibitor use has been associated with an increased risk of hip "
	 "fracture"),
};
static const char *const ppi_neg[] = {
	"There are no documented risk factors for gastrointestinal events.",
	("There is no concurrent use of aspirin, corticosteroids, or anticoagulants documented in the "
	 "records."),
	("The records do not describe any gastrointestinal complaints related to the current "
	 "medications."),
};
static const char *const ppi_pos[] = {
	"$N has a documented history of gastritis and continues to take an oral NSAID.",
	("The treating provider documented dyspepsia that resolved after the proton pump inhibitor "
	 "was started."),
	"$N has a prior history of a bleeding gastric ulcer, which places $O at increased risk.",
};

static const char *const sleep_stmt[] = {
	("zolpidem and similar hypnotics are approved for the short-term treatment of insomnia, "
	 "generally two to six weeks"),
	("treatment of insomnia should be based on its etiology, and the specific components of "
	 "insomnia should be addressed"),
	("pharmacological agents should be used only after careful evaluation of the potential causes "
	 "of sleep disturbance"),
};
static const char *const sleep_neg[] = {
	("The records do not describe the nature of the sleep disturbance or any evaluation of its "
	 "causes."),
	("$N has been taking the medication for several months, well beyond the short-term use that "
	 "is recommended."),
	"There is no documentation of sleep hygiene measures or of the response to treatment.",
};
static const char *const sleep_pos[] = {
	("The treating provider documented a detailed sleep history, failed sleep hygiene measures, "
	 "and a plan for short-term use."),
	"The request is for a limited quantity consistent with short-term treatment.",
	("Sleep has improved from three to six hours per night with the medication, with no daytime "
	 "sedation reported."),
};

static const char *const lab_stmt[] = {
	("urine drug testing is recommended as an option to assess for the use or the presence of "
	 "illegal drugs"),
	("the frequency of urine drug testing should be based on documented evidence of risk "
	 "stratification"),
	("patients at low risk of addiction or aberrant behavior should be tested within six months "
	 "of initiation of therapy and on a yearly basis thereafter"),
};
static const char *const lab_neg[] = {
	("$N was tested within the past $k months, and the results were consistent with the "
	 "prescribed medications."),
	("There is no documentation of risk stratification or of any aberrant behavior that would "
	 "support more frequent testing."),
	"The records do not indicate that $n is currently prescribed opioid medication.",
};
static const char *const lab_pos[] = {
	("$N is maintained on chronic opioid therapy, and no drug screen has been performed in the "
	 "past year."),
	("The treating provider documented an early refill request and concerns about medication "
	 "use."),
	"Testing is appropriate at the initiation of opioid therapy.",
};

static const char *const imaging_stmt[] = {
	("imaging is indicated when there are unequivocal objective findings that identify specific "
	 "nerve compromise on the neurologic examination"),
	("special studies are not needed unless a period of conservative care and observation fails "
	 "to improve symptoms"),
	("repeat imaging is not routinely recommended and should be reserved for a significant change "
	 "in symptoms or findings suggestive of significant pathology"),
	("imaging studies are indicated for red flag conditions, physiologic evidence of tissue "
	 "insult or neurologic dysfunction, or clarification of anatomy prior to an invasive procedure"),
};
static const char *const imaging_neg[] = {
	("The neurologic examination does not document a specific dermatomal deficit, motor "
	 "weakness, or reflex change."),
	"There is no indication of a red flag condition such as fracture, infection, or tumor.",
	("A prior study already documented the relevant pathology, and there has been no significant "
	 "change in symptoms since that study."),
	"The records do not indicate that $n would consider surgery or another invasive procedure.",
};
static const char *const imaging_pos[] = {
	("$N has persistent symptoms despite more than six weeks of conservative care, including "
	 "physical therapy and medications."),
	("The examination documents progressive neurologic findings, and the treating surgeon is "
	 "considering an operative procedure."),
	"No prior imaging of the $C has been performed.",
};

static const char *const edx_stmt[] = {
	("electromyography and nerve conduction studies may help identify subtle focal neurologic "
	 "dysfunction in patients whose symptoms last more than three or four weeks"),
	("electrodiagnostic studies are not necessary when radiculopathy is already clinically "
	 "obvious"),
	("nerve conduction studies may help to differentiate a peripheral nerve entrapment from a "
	 "radiculopathy"),
};
static const char *const edx_neg[] = {
	("The radicular symptoms are already clinically obvious and corroborated by imaging, so "
	 "testing would not change management."),
	("The examination documents normal sensation, strength, and reflexes, and there is no "
	 "clinical suspicion of a peripheral nerve entrapment."),
	("Electrodiagnostic testing was performed within the past year, and there has been no change "
	 "in the clinical picture."),
};
static const char *const edx_pos[] = {
	("$N has numbness and tingling with equivocal findings on examination, and the source of the "
	 "symptoms remains unclear."),
	"Symptoms have persisted for more than four weeks despite conservative care.",
	"The results will help determine whether surgical referral is indicated.",
};

static const char *const pt_stmt[] = {
	("physical medicine treatment allows for 8 to 10 visits over 4 weeks for myalgia and "
	 "neuritis, with fading of treatment frequency"),
	("patients are expected to continue active therapies at home as an extension of the "
	 "treatment process"),
	("active therapy is recommended over passive modalities, and treatment beyond the guideline "
	 "number of visits requires documentation of objective functional improvement"),
};
static const char *const pt_neg[] = {
	("$N has already completed at least $# sessions of therapy for the same condition without "
	 "documented objective functional improvement."),
	("There is no explanation of why the remaining deficits cannot be addressed with a home "
	 "exercise program."),
	("The requested number of sessions exceeds the guideline recommendation, and no exceptional "
	 "factors were documented."),
};
static const char *const pt_pos[] = {
	("No prior therapy for the $B has been provided, and the requested number of sessions falls "
	 "within the guideline recommendations."),
	("The records document objective gains in range of motion and strength with prior therapy and "
	 "a plan for transition to home exercise."),
	("$N remains on modified duty, and an active therapy program is an appropriate step toward "
	 "restoring function."),
};

static const char *const chiro_stmt[] = {
	("manual therapy and manipulation are recommended for chronic pain caused by musculoskeletal "
	 "conditions, with a trial of 6 visits over 2 weeks"),
	("with evidence of objective functional improvement, a total of up to 18 visits over 6 to 8 "
	 "weeks may be provided"),
	"elective or maintenance care is not recommended",
};
static const char *const chiro_neg[] = {
	("$N has completed prior chiropractic treatment without documented objective functional "
	 "improvement."),
	"The request exceeds the initial trial of 6 visits recommended by the guidelines.",
	"The records suggest that the treatment would serve as maintenance care.",
};
static const char *const chiro_pos[] = {
	("$N has not previously received manipulation for this condition, and the request is "
	 "consistent with an initial trial."),
	"The treating provider documented a flare of chronic $B pain with objective loss of motion.",
	"Functional goals were clearly defined in the request.",
};

static const char *const acu_stmt[] = {
	("acupuncture is used as an option when pain medication is reduced or not tolerated, or as an "
	 "adjunct to physical rehabilitation"),
	("the time to produce functional improvement is 3 to 6 treatments, with a frequency of 1 to 3 "
	 "times per week"),
	"acupuncture treatments may be extended if functional improvement is documented",
};
static const char *const acu_neg[] = {
	("$N has completed a prior course of acupuncture, and no functional improvement was "
	 "documented."),
	"The request exceeds the 3 to 6 treatments recommended for an initial trial.",
	"There is no indication that pain medication has been reduced or is not tolerated.",
};
static const char *const acu_pos[] = {
	("$N has not had acupuncture previously, and the number of sessions requested is consistent "
	 "with an initial trial."),
	("Acupuncture is requested as an adjunct to an active rehabilitation program and to a "
	 "planned reduction of medication."),
	("The prior course of acupuncture produced a documented reduction in medication use and "
	 "improved tolerance for work activities."),
};

static const char *const inject_stmt[] = {
	("epidural steroid injections are recommended as an option for the treatment of radicular "
	 "pain, defined as pain in a dermatomal distribution with corroborative findings of "
	 "radiculopathy"),
	("radiculopathy must be documented by physical examination and corroborated by imaging "
	 "studies or electrodiagnostic testing"),
	("invasive techniques such as injections are of questionable merit and should be used only "
	 "after a course of conservative treatment"),
	("repeat injections should be based on continued objective documented pain and functional "
	 "improvement, including at least 50% pain relief for six to eight weeks"),
};
static const char *const inject_neg[] = {
	("The examination does not document objective findings that correspond to the requested "
	 "level, and imaging does not show a lesion there."),
	("A prior injection provided less than 50% relief, and the duration of relief was not "
	 "documented."),
	("There is no documentation of a recent course of conservative treatment including exercise "
	 "and medications."),
};
static const char *const inject_pos[] = {
	("$N has pain with corroborating findings on examination and imaging, and $h has failed "
	 "conservative treatment."),
	("The prior injection provided more than 50% relief for approximately three months with a "
	 "reduction in medication use."),
	"The injection is requested as part of an active treatment program.",
};

static const char *const surgery_stmt[] = {
	("surgical consultation is indicated for patients who have activity limitation for more than "
	 "one month and failure of exercise programs to increase range of motion and strength"),
	("surgery is indicated when there is clear clinical and imaging evidence of a lesion that has "
	 "been shown to benefit from surgical repair in both the short and long term"),
	("patients with limitations of activity after four weeks and unexplained physical findings "
	 "may be referred for imaging and possible surgical consultation"),
};
static const char *const surgery_neg[] = {
	"The imaging findings do not clearly correlate with the examination findings.",
	("There is no documentation of a recent trial of conservative care, including physical "
	 "therapy and injections, for at least three to six months."),
	("A psychological screening, which is recommended before this procedure, was not "
	 "documented."),
	"The records do not describe instability or a progressive neurologic deficit.",
};
static const char *const surgery_pos[] = {
	"$N has persistent symptoms and objective findings that correlate with the imaging study.",
	("Conservative care, including physical therapy, medications, and an injection, has failed "
	 "over more than six months."),
	"The treating surgeon has documented the functional limitations and a clear surgical plan.",
};

static const char *const postop_stmt[] = {
	("continuous-flow cryotherapy is recommended as an option after surgery, but not for "
	 "nonsurgical treatment, and postoperative use generally may be up to 7 days"),
	("postoperative services are supported when the primary surgical procedure has been "
	 "certified"),
	"the extent of postoperative care should be consistent with the complexity of the procedure",
};
static const char *const postop_neg[] = {
	"The associated surgical procedure has not been certified.",
	("The request does not specify a duration of use, and use beyond the guideline period is not "
	 "supported."),
	("There is no documentation of a specific need that would not be met by standard "
	 "postoperative care."),
};
static const char *const postop_pos[] = {
	("The associated surgery has been certified, and the request falls within the period of use "
	 "supported by the guidelines."),
	"The device is requested for a limited postoperative period consistent with the guidelines.",
	"The request is reasonable given the extent of the planned procedure.",
};

static const char *const dme_stmt[] = {
	("durable medical equipment is recommended generally if there is a medical need and if the "
	 "device meets the definition of durable medical equipment"),
	("equipment should be primarily and customarily used to serve a medical purpose and should "
	 "generally be useful only to a person with an illness or injury"),
	("the treating provider should document how the equipment will be used within a program of "
	 "active functional restoration"),
	"rental is preferred over purchase until a benefit has been established in a trial period",
};
static const char *const dme_neg[] = {
	("The records do not describe how the device would be used as part of a program of "
	 "evidence-based functional restoration."),
	"There is no documentation of a successful trial of the device before purchase.",
	"The requested item is not primarily medical in nature.",
};
static const char *const dme_pos[] = {
	("$N had a favorable response to the device during supervised therapy, and the request is "
	 "for a rental trial."),
	("The device is to be used together with a home exercise program, and specific goals have "
	 "been identified."),
	"$N has a documented need for the device to move about safely at home.",
};

static const char *const program_stmt[] = {
	("a functional restoration program may be considered when previous methods of treating "
	 "chronic pain have been unsuccessful and there is an absence of other options likely to "
	 "result in significant clinical improvement"),
	("the patient should exhibit motivation to change and should be willing to forgo secondary "
	 "gains"),
	("treatment is not suggested for longer than 2 weeks without evidence of demonstrated "
	 "efficacy as documented by subjective and objective gains"),
	("an initial trial of 3 to 4 psychotherapy visits over 2 weeks is recommended, with up to 10 "
	 "visits with evidence of objective functional improvement"),
};
static const char *const program_neg[] = {
	("There is no documentation that an adequate and thorough evaluation, including baseline "
	 "functional testing, has been performed."),
	("$N has not exhausted other appropriate treatment options, and $h remains a candidate for "
	 "further evaluation."),
	("Negative predictors of success, including a prolonged period off work and high levels of "
	 "pain-related disability, were not addressed."),
};
static const char *const program_pos[] = {
	("$N has completed an adequate evaluation, including baseline functional testing, and "
	 "previous methods of treating the chronic pain have been unsuccessful."),
	"$N has expressed motivation to change and a desire to return to work.",
	"The program is requested for an initial period of two weeks with reassessment of progress.",
};

static const char *const consult_stmt[] = {
	("a consultation is indicated when the diagnosis is uncertain or extremely complex, when "
	 "psychosocial factors are present, or when the plan may benefit from additional expertise"),
	("the treating physician may refer to other specialists when a course of care may benefit "
	 "from additional expertise"),
	("the need for a specialist evaluation should be determined by the patient's concerns, signs "
	 "and symptoms, and clinical stability"),
};
static const char *const consult_neg[] = {
	("The treating provider did not explain what additional expertise is required or how the "
	 "consultation would alter the treatment plan."),
	"$N is already followed by a specialist for the same condition.",
	"The diagnosis is established, and the records do not describe any complicating factors.",
};
static const char *const consult_pos[] = {
	("The diagnosis remains uncertain despite treatment, and the course of care may benefit from "
	 "additional expertise."),
	("$N has persistent symptoms that have not responded to conservative treatment over several "
	 "months."),
	"The treating provider documented specific questions to be addressed by the consultant.",
};

static const char *const home_stmt[] = {
	("home health services are recommended only for otherwise recommended medical treatment for "
	 "patients who are homebound, on a part-time or intermittent basis, generally up to no more "
	 "than 35 hours per week"),
	("medical treatment does not include homemaker services like shopping, cleaning, and "
	 "laundry, or personal care given by home health aides when this is the only care needed"),
	("the need for home health services should be supported by a description of the specific "
	 "medical services to be provided"),
};
static const char *const home_neg[] = {
	("There is no documentation that $n is homebound or that a specific medical need would be met "
	 "by the service."),
	("The request does not describe the specific services to be provided, and the records suggest "
	 "that the assistance needed is with homemaking and personal care."),
	"The records describe independent ambulation and self-care.",
};
static const char *const home_pos[] = {
	("$N is documented to be unable to leave the home without considerable assistance following "
	 "surgery."),
	("The treating provider specified the medical services to be provided, including wound care "
	 "and medication management, for a limited duration."),
	"No family member is available to assist with the documented medical needs.",
};

static const char *const trans_stmt[] = {
	("transportation to and from appointments is recommended for appointments in the same "
	 "community for patients with disabilities preventing them from self-transport"),
	("transportation is not intended for patients who can use public transportation or be "
	 "driven by a family member"),
	"the need for transportation should be reassessed as the patient's mobility improves",
};
static const char *const trans_neg[] = {
	("The records describe independent ambulation, and $n has been cleared to drive short "
	 "distances."),
	("There is no documentation that public transportation or help from family members is "
	 "unavailable."),
	"The frequency and the distance of the appointments were not specified.",
};
static const char *const trans_pos[] = {
	"$N remains non-weight bearing after surgery and has been instructed not to drive.",
	("No family member is available to provide transportation, and there is no accessible public "
	 "transportation near the home."),
	"The appointments are limited in number and are within the same community.",
};

static const char *const gym_stmt[] = {
	("a gym membership is not recommended as a medical prescription unless a documented home "
	 "exercise program with periodic assessment and revision has not been effective and there is "
	 "a need for equipment"),
	"treatment needs to be monitored and administered by medical professionals",
	("with unsupervised programs there is no information flow back to the provider, so the "
	 "program can be neither adjusted nor monitored"),
};
static const char *const gym_neg[] = {
	("The records do not describe what revisions were made to the home exercise program or why it "
	 "has failed."),
	"There is no indication that specialized equipment is required.",
	"There is no plan for supervision of the program by a medical professional.",
};
static const char *const gym_pos[] = {
	("The home exercise program has been revised twice by the treating therapist without "
	 "benefit, and pool-based exercise is required because of the $B condition."),
	("The program will be supervised by a physical therapist with monthly reports to the "
	 "treating physician."),
	"The membership is limited to a defined period with a reassessment of benefit.",
};

#define LIST(a) a, (unsigned)NELEM(a)
struct catinfo {
	const char *const *stmt;
	unsigned nstmt;
	const char *const *neg;
	unsigned nneg;
	const char *const *pos;
	unsigned npos;
	int drug;
};

static const struct catinfo cats[] = {
	[C_OPIOID] = {LIST(opioid_stmt), LIST(opioid_neg), LIST(opioid_pos), 1},
	[C_NSAID] = {LIST(nsaid_stmt), LIST(nsaid_neg), LIST(nsaid_pos), 1},
	[C_RELAX] = {LIST(relax_stmt), LIST(relax_neg), LIST(relax_pos), 1},
	[C_AED] = {LIST(aed_stmt), LIST(aed_neg), LIST(aed_pos), 1},
	[C_TOPICAL] = {LIST(topical_stmt), LIST(topical_neg), LIST(topical_pos), 1},
	[C_PPI] = {LIST(ppi_stmt), LIST(ppi_neg), LIST(ppi_pos), 1},
	[C_SLEEP] = {LIST(sleep_stmt), LIST(sleep_neg), LIST(sleep_pos), 1},
	[C_LAB] = {LIST(lab_stmt), LIST(lab_neg), LIST(lab_pos), 0},
	[C_IMAGING] = {LIST(imaging_stmt), LIST(imaging_neg), LIST(imaging_pos), 0},
	[C_EDX] = {LIST(edx_stmt), LIST(edx_neg), LIST(edx_pos), 0},
	[C_PT] = {LIST(pt_stmt), LIST(pt_neg), LIST(pt_pos), 0},
	[C_CHIRO] = {LIST(chiro_stmt), LIST(chiro_neg), LIST(chiro_pos), 0},
	[C_ACU] = {LIST(acu_stmt), LIST(acu_neg), LIST(acu_pos), 0},
	[C_INJECT] = {LIST(inject_stmt), LIST(inject_neg), LIST(inject_pos), 0},
	[C_SURGERY] = {LIST(surgery_stmt), LIST(surgery_neg), LIST(surgery_pos), 0},
	[C_POSTOP] = {LIST(postop_stmt), LIST(postop_neg), LIST(postop_pos), 0},
	[C_DME] = {LIST(dme_stmt), LIST(dme_neg), LIST(dme_pos), 0},
	[C_PROGRAM] = {LIST(program_stmt), LIST(program_neg), LIST(program_pos), 0},
	[C_CONSULT] = {LIST(consult_stmt), LIST(consult_neg), LIST(consult_pos), 0},
	[C_HOME] = {LIST(home_stmt), LIST(home_neg), LIST(home_pos), 0},
	[C_TRANS] = {LIST(trans_stmt), LIST(trans_neg), LIST(trans_pos), 0},
	[C_GYM] = {LIST(gym_stmt), LIST(gym_neg), LIST(gym_pos), 0},
};

/* Rationale pieces common to all categories. */
static const char *const stmt_first[] = {
	"According to $w, ", "$W state that ", "$W indicate that ", "Per $w, ", "As noted in $w, ",
};
static const char *const stmt_more[] = {
	"In addition, ", "The guidelines also state that ", "Furthermore, ", "They further note that ",
	"The guidelines add that ",
};
static const char *const fact_any[] = {
	"In this case, $n has chronic $B pain related to an industrial injury of $I.",
	"The most recent progress report dated $D documents $B pain rated $Q.",
	"In this case, $n continues to report $B pain with $c.",
	"The medical records indicate ongoing complaints involving the $B.",
	"$N has previously received $T.",
	("The clinical documentation submitted for review, including the progress report of $D, was "
	 "examined."),
	"This $A $S has been treated for $g since $Y.",
};
static const char *const fact_drug[] = {
	"$N has been taking $x since at least $Y.",
	"$P current medication regimen includes $x and $m.",
	"The medication was first prescribed in $Y, according to the available records.",
};
static const char *const neg_any[] = {
	("The treating provider did not explain how the request would change the current plan of "
	 "care."),
	("The submitted records do not document objective functional improvement from prior "
	 "treatment."),
	"The request does not specify the frequency or the duration of use.",
	"The guideline criteria have not been met.",
};
static const char *const pos_any[] = {
	"The guideline criteria are met.",
	"The request is consistent with the guideline recommendations.",
	"The treating provider has clearly documented the clinical rationale for the request.",
};
static const char *const odg_preface[] = {
	"The CA MTUS does not address $x, so the Official Disability Guidelines were referenced.",
	("The MTUS is silent regarding $x; therefore, the Official Disability Guidelines were "
	 "consulted."),
};
static const char *const modified_fact[] = {
	"The Claims Administrator modified the request and authorized $a.",
	"Utilization Review modified the request to $a to allow for weaning.",
	"The quantity of $a was previously authorized by the Claims Administrator.",
};

/* ---- Case summary templates (about 80) ----------------------------------- */

static const char *const s_open[] = {
	"$N is a $A $S $J who sustained an industrial injury on $I.",
	("$N is a $A $S who has submitted a claim for $g associated with an industrial injury date of "
	 "$I."),
	("$N is a represented $A former $J with chronic $B pain attributed to an industrial injury of "
	 "$I."),
	"$N is a $A $S $J with a date of injury of $I.",
	"This $A $S $J reported an industrial injury to the $B on $I.",
	"$N's date of injury is $I.",
	"$N is a $A $S who sustained a work-related injury to the $B on $I.",
	("$N, a $A $J, reported the gradual onset of $B pain, with a cumulative trauma date of injury "
	 "of $I."),
};
static const char *const s_mech[] = {
	"$H was injured while $K.",
	"The injury occurred when $h was $K.",
	"$H reported that the injury occurred while $h was $K at work.",
	"According to the records, $h developed $B pain after $K.",
	"$H felt a sudden onset of $B pain while $K.",
};
static const char *const s_diag[] = {
	"Diagnoses include $G.",
	"The diagnoses are $G.",
	"The treating physician's diagnoses include $G.",
	"Current diagnoses include $G.",
};
static const char *const s_treat[] = {
	"Treatment to date has included $T.",
	"Prior treatment has consisted of $T.",
	"$N has been treated with $T.",
	"Conservative care to date has included $T.",
	"Treatment has included $T, without lasting relief.",
};
static const char *const s_img[] = {
	"An MRI of the $C dated $D revealed $F.",
	"Imaging of the $C on $D showed $F.",
	"A prior MRI of the $C from $D was reported to show $F.",
	"Radiographs of the $C dated $D showed no acute fracture or dislocation.",
	"Electrodiagnostic studies dated $D were reported as normal.",
};
static const char *const s_complaint[] = {
	"A progress report dated $D noted $B pain rated $Q, with $c.",
	("The progress report dated $D documented ongoing $B pain rated $Q without medications and $q "
	 "with medications."),
	"At the visit of $D, $n reported $B pain rated $Q with $c.",
	"Physician progress notes dated $D reported $B pain with $c, rated $Q.",
	"On $D, $n complained of constant $B pain with $c.",
	"Subjective complaints on $D included $B pain rated $Q and difficulty sleeping.",
	"$N reported that the pain worsens with prolonged sitting, standing, and walking.",
	"$H described the pain as aching and burning, rated $Q at its worst.",
	"$N stated that the pain interferes with sleep and with household chores.",
	"A progress report by  dated $D notes that $n presented with $B pain rated $Q.",
};
static const char *const s_exam[] = {
	"Physical examination showed $E, $E, and $E.",
	"Objective findings included $E and $E.",
	"On examination, there was $E.",
	"Examination revealed $E, and $E.",
	"The examination on $D documented $E.",
	"Neurologic examination was otherwise unremarkable.",
	"Sensation was intact to light touch in the remaining dermatomes.",
	"There was no evidence of instability on examination.",
};
static const char *const s_func[] = {
	"$N is currently working modified duty with no lifting over $z pounds.",
	"$N has not worked since $Y and remains on temporary total disability.",
	"$H is working full duty with occasional flare-ups.",
	"$N remains off work.",
	("With medications, $h is able to prepare meals, do light housework, and walk for $z minutes "
	 "at a time."),
	"$H reported difficulty with prolonged sitting and driving.",
	"Work status was temporarily totally disabled.",
	("$N reported being able to perform self-care independently but needing help with heavier "
	 "household tasks."),
};
static const char *const s_meds[] = {
	"Current medications include $M.",
	"Medications have included $M.",
	"$P medication list included $M.",
	"$N stated that $m reduced the pain somewhat but caused drowsiness.",
	"$N reported that $m helps $O to sleep and to tolerate activity.",
	"The records do not describe $p pain level or activity tolerance with and without $m.",
	"A urine drug screen dated $D was consistent with the prescribed medications.",
	"A signed opioid agreement was on file.",
	"No aberrant drug-taking behaviors were noted.",
};
static const char *const s_misc[] = {
	"Medical records from $y were reviewed.",
	"$N has declined surgical consultation.",
	"There is no documentation of a home exercise program.",
	"$N is participating in a home exercise program.",
	"Psychological screening was positive for depressive symptoms.",
	"$H has a history of hypertension and type 2 diabetes.",
	"$H denies bowel or bladder dysfunction.",
	("The treating physician noted that $n had previously completed courses of physical therapy "
	 "and chiropractic care."),
	"A functional capacity evaluation had not been performed.",
	"$N was referred to a pain management specialist in $Y.",
	"A qualified medical examination was performed in $Y.",
	"$N uses a cane intermittently for longer distances.",
};
static const char *const s_followup[] = {
	"At a follow-up visit on $D, $n reported little change in $p symptoms.",
	"A subsequent progress report dated $D was also reviewed.",
	"$N returned for reevaluation on $D.",
	"The most recent report, dated $D, described a flare of symptoms over the prior month.",
};
static const char *const s_request[] = {
	"The treating physician requested $R.",
	"The current request is for $R.",
	"The treating provider submitted a request for authorization for $R.",
	"A request for authorization dated $D was submitted for $R.",
};
static const char *const s_ur[] = {
	"The Utilization Review dated $U non-certified $R.",
	"Utilization review dated $U denied the request for $R.",
	"In a Utilization Review report dated $U, the claims administrator denied requests for $R.",
	"On $U, Utilization Review non-certified $R.",
	("The Utilization Review dated $U non-certified the requests, and an application for "
	 "Independent Medical Review followed."),
};
static const char *const s_prior[] = {
	"A prior utilization review, dated $V, certified $# sessions of physical therapy.",
	"A previous Utilization Review dated $V modified a prior request for $m.",
};

/* ---- Small pools ---------------------------------------------------------- */

static const char *const jobs[] = {
	"delivery driver", "warehouse worker", "grocery clerk", "school custodian", "registered nurse",
	"certified nursing assistant", "construction laborer", "electrician", "carpenter",
	"correctional officer", "police officer", "firefighter", "bus driver", "truck driver",
	"forklift operator", "machine operator", "hotel housekeeper", "cook", "dishwasher", "cashier",
	"office assistant", "data entry clerk", "dental hygienist", "landscaper", "farm worker",
	"plumber", "mechanic", "security guard", "teacher's aide", "home health aide",
	"sheet metal worker", "welder", "meat cutter", "retail stocker", "flight attendant",
	"medical assistant", "emergency medical technician", "assembly line worker",
};
static const char *const mech_any[] = {
	"unloading cases of supplies from a delivery truck", "pulling a heavily loaded cart",
	"carrying equipment up a flight of stairs", "transferring a patient from a bed to a wheelchair",
	"stacking chairs in a storage room", "moving furniture", "restraining an agitated patient",
};
static const char *const treatments[] = {
	"physical therapy", "chiropractic care", "acupuncture", "a home exercise program",
	"activity modification", "medications", "a TENS unit", "epidural steroid injections",
	"cortisone injections", "bracing", "aquatic therapy", "massage therapy",
	"psychological counseling", "work restrictions", "heat and ice",
};
static const char *const medpool[] = {
	"ibuprofen", "naproxen", "tramadol", "Norco", "cyclobenzaprine", "gabapentin", "omeprazole",
	"acetaminophen", "meloxicam", "Lidoderm patches", "tizanidine", "duloxetine", "oxycodone",
	"zolpidem", "topical creams",
};
static const char *const certs[] = {
	"Anesthesiology", "Internal Medicine", "Family Practice", "Orthopaedic Surgery",
	"Physical Medicine & Rehabilitation", "Occupational Medicine", "Neurology", "Psychiatry",
	"Neurological Surgery", "Emergency Medicine", "Preventive Medicine", "Plastic Surgery",
	"Rheumatology", "Pain Medicine", "Sports Medicine", "Chiropractic", "Acupuncture",
	"Podiatric Surgery", "Hospice & Palliative Medicine", "Orthopedic Surgery", "General Surgery",
	"Hand Surgery", "Psychology",
};
static const char *const subspecialties[] = {
	"Pain Medicine", "Sports Medicine", "Spine Surgery", "Hand Surgery", "Addiction Medicine",
	"Electrodiagnostic Medicine", "Occupational Medicine",
};
static const char *const states[] = {
	"Nevada", "Arizona", "Oregon", "Washington", "Texas", "New York", "Florida", "Colorado",
	"Illinois", "Michigan", "Ohio", "Pennsylvania", "North Carolina", "Massachusetts", "Utah",
	"New Mexico", "Idaho", "Hawaii", "Connecticut", "Maryland", "Virginia", "Georgia", "Minnesota",
	"Wisconsin",
};
static const char *const months[] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};

/* ---- The document being generated ---------------------------------------- */

enum { CK_NONE, CK_MTUS, CK_ODG, CK_BOTH }; /* how a guideline paragraph cites */

struct item {
	const struct treat *t;
	int decision; /* 0 Upheld, 1 Overturned */
	int modified; /* 0; 1 "was authorized by ... remaining"; 2 "leaving ... eligible" */
	int alone;    /* the decision alone on the line after the title */
	int two_sp;   /* two spaces before the decision */
	int ckind, mkind;
	const char *year; /* of a Chronic Pain citation */
	char title[640], name[160], orig[200], auth[200], rem[200], ref[240];
	const char *service; /* what the rationale concludes on */
};

static struct {
	int shape, width, female, age, hyph, noun, side, rgi, style16, was, verbose;
	const struct region *rg;
	const char *job;
	long injury, ur, prior_ur, received, assigned, decision, cursor;
	int dstyle, dstyle2, mix, painfmt, pq, pl, oxford;
	unsigned qty, qkind, exam_next;
	int nitems;
	struct item items[8];
	const struct item *cur;
	const char *meds[5];
	int nmeds;
	/* output state */
	int page_line, page_len, pending_sep, nobreak;
} g;

static const char *const noun_cap[] = {"The injured worker", "The patient", "The applicant",
                                       "The employee"};
static const char *const noun_low[] = {"the injured worker", "the patient", "the applicant",
                                       "the employee"};

/* Pick k distinct indices of n into idx (k <= n <= 32). */
static void pick_k(unsigned *idx, unsigned k, unsigned n)
{
	unsigned all[32];
	if (n > 32 || k > n)
		internal("pick_k");
	for (unsigned i = 0; i < n; i++)
		all[i] = i;
	for (unsigned i = 0; i < k; i++) {
		unsigned j = i + rn(n - i);
		unsigned t = all[i];
		all[i] = all[j];
		all[j] = t;
		idx[i] = all[i];
	}
}

static unsigned count_of(const char *const *a, unsigned cap)
{
	unsigned n = 0;
	while (n < cap && a[n])
		n++;
	return n;
}

static void pdate(long day, int style)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	switch (style) {
	case 0: /* 02/28/2003 */
		pnum2((unsigned)m), pc('/'), pnum2((unsigned)d), pc('/'), pnum((unsigned long)y);
		break;
	case 1: /* 10-13-16, 1-9-17 */
		pnum((unsigned)m), pc('-'), pnum((unsigned)d), pc('-'), pnum2((unsigned)(y % 100));
		break;
	case 2: /* August 30, 2015 */
		ps(months[m - 1]), pc(' '), pnum((unsigned)d), ps(", "), pnum((unsigned long)y);
		break;
	default: /* 1/9/2017 */
		pnum((unsigned)m), pc('/'), pnum((unsigned)d), pc('/'), pnum((unsigned long)y);
		break;
	}
}

static void pdate_doc(long day)
{
	pdate(day, g.mix && chance(30) ? g.dstyle2 : g.dstyle);
}

static long next_date(void)
{
	if (g.cursor + 10 >= g.ur) {
		long lo = g.ur - 200 > g.injury + 1 ? g.ur - 200 : g.injury + 1;
		return lo + (long)rn((unsigned)(g.ur - lo > 1 ? g.ur - lo : 1));
	}
	long span = g.ur - 2 - g.cursor;
	g.cursor += 1 + (long)rn((unsigned)(span < 75 ? span : 75));
	return g.cursor;
}

static void ppain(int v)
{
	pnum((unsigned)v);
	ps(g.painfmt ? " out of 10" : "/10");
}

static void expand(const char *t);

/* A title quoted in running text, without its colon: a line of text that
 * opens with words and a colon would read as a label. */
static void ps_plain(const char *s)
{
	static const char assoc[] = "Associated surgical service: ";
	while (*s) {
		if (strncmp(s, assoc, sizeof assoc - 1) == 0) {
			s += sizeof assoc - 1;
			continue;
		}
		if (s[0] == ':' && s[1] == ' ') {
			pc(',');
			s++;
			continue;
		}
		pc(*s++);
	}
}

/* "a, b, and c" */
static void plist(const char *const *items, unsigned n, int templates)
{
	for (unsigned i = 0; i < n; i++) {
		if (i)
			ps(i + 1 < n ? ", " : (n > 2 && g.oxford) ? ", and " : " and ");
		if (templates)
			expand(items[i]);
		else
			ps(items[i]);
	}
}

static void plist_pick(const char *const *pool, unsigned npool, unsigned lo, unsigned hi)
{
	unsigned idx[32];
	const char *sel[32];
	unsigned k = lo + rn(hi - lo + 1);
	if (k > npool)
		k = npool;
	pick_k(idx, k, npool);
	for (unsigned i = 0; i < k; i++)
		sel[i] = pool[idx[i]];
	plist(sel, k, 1);
}

static void expand(const char *t)
{
	const struct region *r = g.rg;
	for (; *t; t++) {
		if (*t != '$') {
			pc(*t);
			continue;
		}
		switch (*++t) {
		case 'N': ps(noun_cap[g.noun]); break;
		case 'n': ps(noun_low[g.noun]); break;
		case 'H': ps(g.female ? "She" : "He"); break;
		case 'h': ps(g.female ? "she" : "he"); break;
		case 'P': ps(g.female ? "Her" : "His"); break;
		case 'p': ps(g.female ? "her" : "his"); break;
		case 'O': ps(g.female ? "her" : "him"); break;
		case 'A':
			pnum((unsigned)g.age);
			ps(g.hyph ? "-year-old" : " year old");
			break;
		case 'S': ps(g.female ? "female" : "male"); break;
		case 'J': ps(g.job); break;
		case 'j':
			ps(strchr("aeiou", g.job[0]) ? "an " : "a ");
			ps(g.job);
			break;
		case 'B': expand(r->part); break;
		case 'C': expand(r->anat); break;
		case 'L': ps(g.side ? "left" : "right"); break;
		case 'I': pdate_doc(g.injury); break;
		case 'D': pdate_doc(next_date()); break;
		case 'U': pdate_doc(g.ur); break;
		case 'V': pdate_doc(g.prior_ur); break;
		case 'Y': {
			int y0 = year_of(g.injury), y1 = year_of(g.ur);
			pnum((unsigned long)(y0 + (int)rn((unsigned)(y1 - y0 + 1))));
			break;
		}
		case 'y': {
			int y0 = year_of(g.injury), y1 = year_of(g.ur);
			int a = y0 + (int)rn((unsigned)(y1 - y0 + 1));
			pnum((unsigned long)a);
			if (a < y1) {
				ps(" to ");
				pnum((unsigned long)(a + 1 + (int)rn((unsigned)(y1 - a))));
			}
			break;
		}
		case 'G': plist_pick(r->diag, count_of(r->diag, 5), 2, 4); break;
		case 'g': expand(r->diag[rn(count_of(r->diag, 5))]); break;
		case 'E': {
			unsigned n = count_of(r->exam, 5);
			expand(r->exam[g.exam_next++ % n]);
			break;
		}
		case 'F': expand(r->img[rn(count_of(r->img, 3))]); break;
		case 'c': expand(r->complaint[rn(count_of(r->complaint, 3))]); break;
		case 'K':
			if (chance(70))
				expand(r->mech[rn(count_of(r->mech, 3))]);
			else
				ps(PICK(mech_any));
			break;
		case 'T': plist_pick(treatments, (unsigned)NELEM(treatments), 3, 5); break;
		case 'M': plist(g.meds, (unsigned)g.nmeds, 0); break;
		case 'm': {
			const char *m = g.meds[rn((unsigned)g.nmeds)];
			for (int k = 0; k < 4 && g.cur && strcmp(m, g.cur->name) == 0; k++)
				m = g.meds[rn((unsigned)g.nmeds)];
			if (g.cur && strcmp(m, g.cur->name) == 0)
				m = "acetaminophen";
			ps(m);
			break;
		}
		case 'Q': ppain(g.pq); break;
		case 'q': ppain(g.pl); break;
		case 'd': pnum(20 + 5 * rn(19)); break;
		case 'z': pnum(10 + 5 * rn(5)); break;
		case '#': {
			static const unsigned n[] = {6, 8, 10, 12, 16, 18, 24};
			pnum(PICK(n));
			break;
		}
		case 'k': pnum(2 + rn(5)); break;
		case 'R': {
			const char *sel[8];
			for (int i = 0; i < g.nitems; i++)
				sel[i] = g.items[i].name;
			plist(sel, (unsigned)g.nitems, 0);
			break;
		}
		case 'X': ps_plain(g.cur->service); break;
		case 'x': ps(g.cur->name); break;
		case 'a': ps_plain(g.cur->auth); break;
		case 'Z': ps_plain(g.cur->rem); break;
		case 'w': ps(g.cur->ref); break;
		case 'W':
			pc((char)toupper((unsigned char)g.cur->ref[0]));
			ps(g.cur->ref + 1);
			break;
		case '@':
			if (g.qkind == 1)
				pc('#');
			pnum(g.qty);
			break;
		default: internal("bad template code");
		}
	}
}

/* Expand a template into dst (the paragraph buffer is borrowed). */
static void expand_to(char *dst, size_t cap, const char *tpl)
{
	size_t save = plen;
	expand(tpl);
	size_t n = plen - save;
	if (n >= cap)
		internal("expansion too long");
	memcpy(dst, para + save, n);
	dst[n] = '\0';
	plen = save;
}

/* A sentence: a space before it unless it opens the paragraph. */
static void sent(const char *tpl)
{
	if (plen && para[plen - 1] != ' ')
		pc(' ');
	expand(tpl);
}

/* ---- Line shapes the scanner must not misread ----------------------------- */

static char chr(const char *s, size_t i)
{
	return s[i] == '\001' ? ' ' : s[i];
}

/* The scanner's heading shape, [A-Z0-9][A-Z0-9 ,&'/().-]*, with a letter
 * in it: such a line is only text unless it is a heading, but keep clear
 * of it ("303-305." alone is fine, the examples have it). */
static int is_caps(const char *s, size_t n)
{
	int letters = 0;
	if (!n || !(isupper((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = chr(s, i);
		letters |= isupper((unsigned char)c);
		if (!(isupper((unsigned char)c) || isdigit((unsigned char)c) || strchr(" ,&'/().-", c)))
			return 0;
	}
	return letters;
}

static int label_char(char c)
{
	return isalpha((unsigned char)c) || (c && strchr("()/'&.-", c));
}

/* The scanner's label shape: Word( Word)*: */
static int is_label(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		if (i >= n || !isalpha((unsigned char)s[i]))
			return 0;
		while (i < n && label_char(chr(s, i)))
			i++;
		if (i < n && s[i] == ':')
			return 1;
		if (i + 1 < n && chr(s, i) == ' ')
			i++;
		else
			return 0;
	}
}

static int is_decision_word(const char *s, size_t n)
{
	return (n == 6 && (memcmp(s, "Upheld", 6) == 0 || memcmp(s, "upheld", 6) == 0 ||
	                   memcmp(s, "UPHELD", 6) == 0)) ||
	       (n == 10 && (memcmp(s, "Overturned", 10) == 0 || memcmp(s, "overturned", 10) == 0 ||
	                    memcmp(s, "OVERTURNED", 10) == 0));
}

/* A lone decision, or a line ending ": Upheld". */
static int decision_shaped(const char *s, size_t n)
{
	size_t e = n;
	while (e && chr(s, e - 1) == ' ')
		e--;
	size_t b = e;
	while (b && isalpha((unsigned char)s[b - 1]))
		b--;
	if (!is_decision_word(s + b, e - b))
		return 0;
	size_t a = b;
	while (a && chr(s, a - 1) == ' ')
		a--;
	return a == 0 || s[a - 1] == ':';
}

static int same_ci(const char *a, const char *b)
{
	while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b))
		a++, b++;
	return *a == *b;
}

static int ends_sentence(const char *s, size_t n)
{
	while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
		n--;
	return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

static int contains(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		while (j < m && chr(s, i + j) == w[j])
			j++;
		if (j == m)
			return 1;
	}
	return 0;
}

/* ---- Wrapping ------------------------------------------------------------- */

static size_t lo[MAXLINES], ll[MAXLINES];
static unsigned char lh[MAXLINES]; /* line ends in a hyphen break */
static int nl;

static void wrap(const char *s, size_t n, int width, int hyph)
{
	size_t w = (size_t)width, pos = 0;
	nl = 0;
	while (pos < n) {
		if (nl == MAXLINES)
			internal("too many lines in a paragraph");
		size_t len, next;
		int hy = 0;
		if (n - pos <= w) {
			len = n - pos, next = n;
		} else {
			size_t b = pos + w;
			while (b > pos && s[b] != ' ')
				b--;
			if (b == pos) { /* a word longer than the line */
				b = pos;
				while (b < n && s[b] != ' ')
					b++;
			}
			len = b - pos, next = b;
			/* pdftotext keeps the hyphen of a compound at the line's end. */
			if (hyph && b < pos + w) {
				size_t h = 0;
				for (size_t q = b + 2; q < pos + w && q + 1 < n && s[q] != ' '; q++)
					if (s[q] == '-' && islower((unsigned char)s[q - 1]) &&
					    islower((unsigned char)s[q + 1]))
						h = q;
				if (h && chance(30))
					len = h + 1 - pos, next = h + 1, hy = 1;
			}
		}
		while (len && s[pos + len - 1] == ' ')
			len--;
		lo[nl] = pos, ll[nl] = len, lh[nl] = (unsigned char)hy;
		nl++;
		pos = next;
		while (pos < n && s[pos] == ' ')
			pos++;
	}
}

enum pkind { PK_TEXT, PK_SUMMARY, PK_GUIDE, PK_RATIONALE, PK_CRED };

static int lines_ok(enum pkind k)
{
	for (int i = 0; i < nl; i++) {
		const char *s = para + lo[i];
		size_t n = ll[i];
		if (!n || is_caps(s, n) || decision_shaped(s, n))
			return 0;
		int labelled_first = i == 0 && (k == PK_RATIONALE || k == PK_CRED);
		if (k != PK_GUIDE && !labelled_first && is_label(s, n))
			return 0;
	}
	if (k == PK_RATIONALE && !ends_sentence(para + lo[nl - 1], ll[nl - 1]))
		return 0;
	return 1;
}

/* The scanner's walk back from a decision over its title's lines
 * (mark_titles in src/parse.c): it must reach the first line. */
static int title_ok(int alone)
{
	int n = nl, i = alone ? n : n - 1, first = n - 1;
	for (int k = 0; k < n; k++) {
		const char *s = para + lo[k];
		if (!ll[k] || is_caps(s, ll[k]) || (k < n - 1 && decision_shaped(s, ll[k])))
			return 0;
		if (alone && decision_shaped(s, ll[k]))
			return 0;
	}
	if (!alone && !decision_shaped(para + lo[n - 1], ll[n - 1]))
		return 0;
	while (first > 0 && i - first < 6 && !ends_sentence(para + lo[first - 1], ll[first - 1]))
		first--;
	int partial = 0;
	for (int k = first; k < n; k++)
		if (contains(para + lo[k], ll[k], "remaining IMR eligible") ||
		    contains(para + lo[k], ll[k], "leaving the original request") ||
		    contains(para + lo[k], ll[k], "authorized by the Claims"))
			partial = 1;
	for (int k = first; k < n; k++)
		if (contains(para + lo[k], ll[k], "was the original request"))
			partial = 0;
	for (int k = first; partial && k > 0 && i - k < 12; k--)
		if (contains(para + lo[k - 1], ll[k - 1], "was the original request")) {
			first = k - 1;
			while (first > 0 && i - first < 12 &&
			       !ends_sentence(para + lo[first - 1], ll[first - 1]))
				first--;
			break;
		}
	return first == 0;
}

/* ---- Output by shape ------------------------------------------------------ */

enum { OL_HYPH = 1, OL_TIGHT = 2, OL_TRAIL3 = 4 };

static void new_page(void)
{
	g.page_line = 0;
	g.page_len = (g.shape == SH_PLAIN || g.shape == SH_LAYOUT ? 50 : 46) + (int)rn(9);
}

static void blank(int k)
{
	while (k--)
		outs("\n");
}

/* The separator between paragraphs, written before the next line. */
static void flush_sep(void)
{
	if (!g.pending_sep)
		return;
	g.pending_sep = 0;
	switch (g.shape) {
	case SH_DOUBLE:
		if (g.page_line >= g.page_len) { /* a page break: an extra empty line pair */
			int before = chance(50);
			if (before)
				outs("\n\n");
			outs(" \n\n");
			if (!before)
				outs("\n\n");
			new_page();
		} else {
			outs(" \n\n");
			g.page_line += 2;
		}
		break;
	case SH_SINGLE: outs("\n \n"); g.page_line += 2; break;
	case SH_LAYOUT: outs("\n"); g.page_line++; break;
	case SH_PLAIN: break;
	}
}

static void sep(void)
{
	g.pending_sep = 1;
}

static void out_line(const char *s, size_t n, int flags)
{
	if (g.page_line >= g.page_len && !g.nobreak) {
		switch (g.shape) {
		case SH_PLAIN: /* a blank line, then the form feed opens the next line */
			outs("\n\f");
			new_page();
			break;
		case SH_LAYOUT: /* the form feed, no blank line at a page boundary */
			g.pending_sep = 0;
			outs("\f");
			new_page();
			break;
		case SH_SINGLE: /* three empty lines, even inside a paragraph */
			flush_sep();
			outs("\n\n\n");
			new_page();
			break;
		case SH_DOUBLE: break; /* between paragraphs only (flush_sep) */
		}
	}
	flush_sep();
	if (n > DOC_CAP - dlen)
		internal("document larger than its buffer");
	for (size_t i = 0; i < n; i++)
		doc[dlen++] = s[i] == '\001' ? ' ' : s[i];
	switch (g.shape) {
	case SH_DOUBLE:
		if (!(flags & OL_HYPH))
			outs(flags & OL_TRAIL3 ? "   " : " ");
		outs(flags & OL_TIGHT ? "\n" : "\n\n");
		g.page_line += flags & OL_TIGHT ? 1 : 2;
		break;
	case SH_SINGLE:
		if (!(flags & OL_HYPH))
			outs(" ");
		outs("\n");
		g.page_line++;
		break;
	default:
		outs("\n");
		g.page_line++;
		break;
	}
}

static void out_lines(const char *s)
{
	out_line(s, strlen(s), 0);
}

/* Wrap the paragraph buffer and write it, rewrapping narrower or wider
 * until no line takes a misleading shape. */
static void emit_para(enum pkind k, int last_flags)
{
	static const signed char delta[] = {0,  -1, 1,  -2, 2,  -3, 3,   -4,  4,   -5,  5,
	                                    -6, 6,  -7, 7,  -9, 9,  -11, -13, -15, -18, -21};
	for (size_t a = 0; a < NELEM(delta); a++) {
		wrap(para, plen, g.width + delta[a], k != PK_CRED);
		if (!lines_ok(k))
			continue;
		for (int i = 0; i < nl; i++)
			out_line(para + lo[i], ll[i],
			         (lh[i] ? OL_HYPH : 0) | (i == nl - 1 ? last_flags : 0));
		plen = 0;
		return;
	}
	fprintf(stderr, "gencorpus: cannot wrap: %.*s\n", (int)plen, para);
	internal("no width wraps this paragraph");
}

static const char *const decision_words[] = {"Upheld", "Overturned"};

static void emit_title(const struct item *it)
{
	static const signed char delta[] = {0, -1, 1, -2, 2, -3, 3, -4, 4, -6, 6, -8, -10, -12, -15};
	plen = 0;
	ps(it->title);
	pc(':');
	if (!it->alone) {
		pc('\001');
		if (it->two_sp)
			pc('\001');
		ps(decision_words[it->decision]);
	}
	size_t a = 0;
	for (; a < NELEM(delta); a++) {
		wrap(para, plen, g.width + delta[a], 1);
		if (title_ok(it->alone))
			break;
	}
	if (a == NELEM(delta)) {
		fprintf(stderr, "gencorpus: cannot wrap title: %.*s\n", (int)plen, para);
		internal("no width wraps this title");
	}
	/* A page break inside a title would cut it apart in the 2014 shapes. */
	g.nobreak = g.shape == SH_DOUBLE || g.shape == SH_SINGLE;
	for (int i = 0; i < nl; i++)
		out_line(para + lo[i], ll[i],
		         (lh[i] ? OL_HYPH : 0) | (it->alone && i == nl - 1 ? OL_TIGHT : 0));
	if (it->alone)
		out_lines(decision_words[it->decision]);
	g.nobreak = 0;
	plen = 0;
}

/* ---- Guideline paragraphs -------------------------------------------------- */

static const char *guide_pages(const struct guide *gd)
{
	return gd->reg >= 0 ? g.rg->pages[gd->reg] : gd->pages;
}

static int has_mtus(const struct guide *gd)
{
	return gd->reg >= 0 ? g.rg->chap14 != NULL : gd->doc14 != NULL;
}

static const char *odg_topic(const struct item *it)
{
	return it->t->odg ? it->t->odg : guides[it->t->gid].odg_topic;
}

static const char *odg_chapter(const struct guide *gd)
{
	return gd->odg_ch ? gd->odg_ch : g.rg->odg;
}

static void cite_mtus(const struct item *it, int maximus)
{
	const struct guide *gd = &guides[it->t->gid];
	ps("Decision based on MTUS ");
	if (!g.style16) {
		if (gd->reg >= 0) {
			ps("ACOEM ");
			ps(g.rg->chap14);
		} else {
			ps(gd->doc14);
			if (gd->topic14[0]) {
				pc(' ');
				ps(gd->topic14);
			}
		}
		const char *pages = guide_pages(gd);
		if (maximus && pages) {
			ps(" Page(s): ");
			ps(pages);
		}
		pc('.');
		return;
	}
	if (it->t->cat == C_OPIOID && strcmp(it->year, "2016") == 0 && chance(25)) {
		ps("Opioid Treatment 2016, Section(s): 3.3.");
		return;
	}
	ps(gd->reg >= 0 ? g.rg->doc16 : gd->doc16);
	pc(' ');
	ps(gd->cp ? it->year : gd->year);
	const char *sect = gd->sect16;
	if (sect && strcmp(sect, "*") == 0)
		sect = g.rg->postsurg;
	if (sect && (maximus || chance(80))) {
		ps(", Section(s): ");
		ps(sect);
	}
	pc('.');
}

static void cite_odg(const struct item *it, int maximus, int lead)
{
	const struct guide *gd = &guides[it->t->gid];
	if (lead && g.style16)
		ps(maximus ? "The Expert Reviewer based their decision on recommendation(s) outside of "
		             "the MTUS Guidelines. "
		           : "The Claims Administrator based their decision on recommendation(s) outside "
		             "of the MTUS Guidelines. ");
	ps("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG)");
	if (!g.style16 || !maximus) {
		ps(", ");
		ps(odg_chapter(gd));
		ps(" Chapter, ");
	} else {
		pc(' ');
		ps(odg_chapter(gd));
		ps(", ");
	}
	ps(odg_topic(it));
	pc('.');
}

static void guideline(const struct item *it, int maximus)
{
	int kind = maximus ? it->mkind : it->ckind;
	plen = 0;
	ps(maximus ? "MAXIMUS guideline: " : "Claims Administrator guideline: ");
	switch (kind) {
	case CK_NONE:
		ps(maximus ? "The Expert Reviewer did not cite any medical evidence for its decision."
		           : "The Claims Administrator did not cite any medical evidence for its decision.");
		break;
	case CK_MTUS: cite_mtus(it, maximus); break;
	case CK_ODG: cite_odg(it, maximus, 1); break;
	case CK_BOTH:
		cite_mtus(it, maximus);
		pc(' ');
		cite_odg(it, maximus, 0);
		break;
	}
	emit_para(PK_GUIDE, g.shape == SH_DOUBLE && chance(60) ? OL_TRAIL3 : 0);
}

/* How the rationale names the guideline the expert reviewer cited. */
static void make_ref(struct item *it)
{
	const struct guide *gd = &guides[it->t->gid];
	char *r = it->ref;
	size_t cap = sizeof it->ref;
	if (it->mkind == CK_MTUS || it->mkind == CK_BOTH) {
		const char *name = gd->refname;
		const char *pages = guide_pages(gd);
		if (!g.style16 && pages) {
			int a = atoi(pages), b = a;
			const char *dash = strchr(pages, '-'), *comma = strchr(pages, ',');
			if (dash && (!comma || dash < comma))
				b = atoi(dash + 1);
			if (b > a)
				snprintf(r, cap, "pages %d to %d of the CA MTUS %s", a, b, name);
			else
				snprintf(r, cap, "page %d of the CA MTUS %s", a, name);
		} else if (g.style16 && gd->cp) {
			snprintf(r, cap, "the California MTUS %s %s", it->year, name);
		} else {
			snprintf(r, cap, "the CA MTUS %s", name);
		}
	} else {
		snprintf(r, cap, "the Official Disability Guidelines");
	}
}

/* ---- Items ------------------------------------------------------------------ */

static void pick_quantity(unsigned qkind, unsigned *q, unsigned *a)
{
	static const unsigned pills[] = {30, 60, 90, 120, 180, 240};
	static const unsigned sessions[] = {8, 12, 16, 18, 24};
	if (qkind == 1) {
		*q = pills[1 + rn((unsigned)NELEM(pills) - 1)];
		*a = chance(50) ? *q / 2 : *q / 3;
	} else {
		*q = PICK(sessions);
		*a = *q / 2;
	}
}

/* dst = the strings given, up to a NULL. */
static void join(char *dst, size_t cap, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, cap);
	for (const char *p = va_arg(ap, const char *); p; p = va_arg(ap, const char *)) {
		size_t m = strlen(p);
		if (m >= cap - n)
			internal("title too long");
		memcpy(dst + n, p, m);
		n += m;
	}
	va_end(ap);
	dst[n] = '\0';
}

static void setup_items(void)
{
	static const unsigned char counts[] = {1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5,
	                                       6, 6, 6, 7, 7, 8, 8, 8};
	g.nitems = PICK(counts);
	unsigned n = (unsigned)NELEM(treats);
	for (int i = 0; i < g.nitems; i++) {
		struct item *it = &g.items[i];
		const struct treat *t;
		int dup;
		do {
			t = &treats[rn(n)];
			dup = t->region >= 0 && t->region != g.rgi;
			for (int j = 0; j < i && !dup; j++)
				dup = strcmp(g.items[j].t->title, t->title) == 0 ||
				      strcmp(g.items[j].t->name, t->name) == 0;
		} while (dup);
		memset(it, 0, sizeof *it);
		it->t = t;
		it->decision = chance(28);
		it->alone = chance(12);
		it->two_sp = (g.shape == SH_DOUBLE || g.shape == SH_SINGLE) && chance(25);
		it->year = year_of(g.decision) >= 2017 && chance(50) ? "2016" : "2009";
		unsigned q = 0, a = 0;
		if (t->qkind)
			pick_quantity(t->qkind, &q, &a);
		g.qkind = t->qkind;
		g.qty = q;
		expand_to(it->orig, sizeof it->orig, t->title);
		expand_to(it->name, sizeof it->name, t->name);
		it->modified = t->qkind && chance(14) ? 1 + (int)rn(2) : 0;
		it->service = it->orig;
		if (it->modified) {
			g.qty = a;
			expand_to(it->auth, sizeof it->auth, t->title);
			g.qty = q - a;
			expand_to(it->rem, sizeof it->rem, t->title);
			if (it->modified == 1) {
				join(it->title, sizeof it->title, it->orig,
				     " was" NB "the" NB "original" NB "request. ", it->auth,
				     " was" NB "authorized" NB "by" NB "the" NB "Claims Administrator. The "
				     "remaining" NB "IMR" NB "eligible portion of the original request, ",
				     it->rem, " is", (const char *)NULL);
				it->service = it->rem;
			} else {
				join(it->title, sizeof it->title, it->orig,
				     " was" NB "the" NB "original" NB "request. The Claims Administrator "
				     "authorized ", it->auth,
				     ", leaving" NB "the" NB "original" NB "request IMR eligible. The original "
				     "request, ", it->orig, " is", (const char *)NULL);
			}
		} else {
			join(it->title, sizeof it->title, it->orig, (const char *)NULL);
		}
		/* Citations. */
		const struct guide *gd = &guides[t->gid];
		int mtus = has_mtus(gd);
		if (chance(7))
			it->ckind = CK_NONE;
		else if (!mtus || chance(15))
			it->ckind = CK_ODG;
		else
			it->ckind = chance(10) ? CK_BOTH : CK_MTUS;
		if (chance(3))
			it->mkind = CK_NONE;
		else if (!mtus || chance(12))
			it->mkind = CK_ODG;
		else
			it->mkind = chance(8) ? CK_BOTH : CK_MTUS;
		make_ref(it);
	}
}

static void conclusion(const struct item *it)
{
	const char *v = g.was ? "was" : "is";
	const char *nec = it->decision ? "medically necessary." : "not medically necessary.";
	if (it->modified == 1 && chance(60)) {
		sent("The remaining IMR eligible portion of the original request, $Z ");
	} else if (it->modified == 2 && chance(60)) {
		sent("Therefore, the original request, $X, ");
	} else {
		static const char *const lead[] = {
			"Therefore, the request for $X ", "As such, the request for $X ",
			"Given the above, the request for $X ", "The request for $X ",
			"Therefore, the request ", "Accordingly, the request ",
			"Consequently, the request for $X ",
		};
		sent(PICK(lead));
	}
	ps(v);
	pc(' ');
	ps(nec);
}

static void rationale(struct item *it)
{
	const struct catinfo *ci = &cats[it->t->cat];
	int pre = it->mkind == CK_ODG || it->mkind == CK_NONE;
	int open = g.was && chance(30);
	/* 4 to 10 sentences, by the reviewer's verbosity. */
	unsigned fixed = 1 + (unsigned)pre + (unsigned)open + (it->modified ? 1u : 0u);
	unsigned target = g.verbose == 0 ? 4 + rn(3) : g.verbose == 1 ? 5 + rn(4) : 7 + rn(4);
	if (target < fixed + 2)
		target = fixed + 2;
	unsigned rem = target - fixed;
	unsigned nst = 1 + rn(rem >= 4 ? 3 : rem - 1);
	if (nst > ci->nstmt)
		nst = ci->nstmt;
	rem -= nst;
	unsigned nreas = 1 + rn(rem < 3 ? rem : 3);
	rem -= nreas;
	unsigned nfact = rem > 3 ? 3 : rem;
	rem -= nfact;
	nreas += rem; /* one more generic reason */
	g.cur = it;
	plen = 0;
	ps("Decision rationale: ");
	if (open) {
		sent("The request for $X was ");
		ps(it->decision ? "medically necessary." : "not medically necessary.");
	}
	if (pre)
		sent(PICK(odg_preface));
	unsigned idx[8], conn[8];
	if (nst > ci->nstmt)
		nst = ci->nstmt;
	pick_k(idx, nst, ci->nstmt);
	pick_k(conn, nst, (unsigned)NELEM(stmt_more));
	for (unsigned i = 0; i < nst; i++) {
		sent(i == 0 ? PICK(stmt_first) : stmt_more[conn[i]]);
		expand(ci->stmt[idx[i]]);
		pc('.');
	}
	unsigned fidx[8];
	pick_k(fidx, nfact, (unsigned)NELEM(fact_any));
	for (unsigned i = 0; i < nfact; i++)
		sent(ci->drug && i == 0 && chance(60) ? PICK(fact_drug) : fact_any[fidx[i]]);
	if (it->modified)
		sent(PICK(modified_fact));
	const char *const *pool = it->decision ? ci->pos : ci->neg;
	unsigned npool = it->decision ? ci->npos : ci->nneg;
	unsigned from_cat = nreas > npool ? npool : nreas;
	pick_k(idx, from_cat, npool);
	for (unsigned i = 0; i < from_cat; i++)
		sent(pool[idx[i]]);
	if (nreas > from_cat)
		sent(it->decision ? PICK(pos_any) : PICK(neg_any));
	conclusion(it);
	emit_para(PK_RATIONALE, 0);
	g.cur = NULL;
}

/* ---- The sections ------------------------------------------------------------ */

static const char *const heading_text[] = {
	"HOW THE IMR FINAL DETERMINATION WAS MADE",
	"CLINICAL CASE SUMMARY",
	"IMR ISSUES, DECISIONS AND RATIONALES",
};

static void heading(int which)
{
	static const int centre[] = {17, 32, 23};
	char buf[128];
	size_t n = 0;
	if (g.shape == SH_LAYOUT) {
		memset(buf, ' ', (size_t)centre[which]);
		n = (size_t)centre[which];
	} else if (which == 0 && (g.shape == SH_DOUBLE || g.shape == SH_SINGLE)) {
		buf[n++] = ' ';
	}
	size_t len = strlen(heading_text[which]);
	memcpy(buf + n, heading_text[which], len);
	out_line(buf, n + len, 0);
}

static void header_2016(void)
{
	char cn[16], d[5][16];
	static const char *const labels1[] = {"Case Number:", "Date Assigned:", "Decision Date:",
	                                      "Priority:"};
	static const char *const labels2[] = {"Date of Injury:", "UR Denial Date:", "Application"};
	long days[5] = {g.assigned, g.decision, g.injury, g.ur, g.received};
	const char *prio = g.decision - g.assigned <= 5 ? "Expedited" : "Standard";
	snprintf(cn, sizeof cn, "CM%02d-%07u", year_of(g.assigned) % 100, rn(10000000));
	for (int i = 0; i < 5; i++) {
		int y, m, dd;
		civil_from_days(days[i], &y, &m, &dd);
		snprintf(d[i], sizeof d[i], "%02d/%02d/%04d", m, dd, y);
	}
	g.nobreak = 1;
	if (g.shape == SH_PLAIN) {
		for (int i = 0; i < 4; i++)
			out_lines(labels1[i]);
		blank(1);
		out_lines(cn);
		out_lines(d[0]);
		out_lines(d[1]);
		out_lines(prio);
		blank(1);
		for (int i = 0; i < 3; i++)
			out_lines(labels2[i]);
		out_lines("Received:");
		blank(1);
		out_lines(d[2]);
		out_lines(d[3]);
		out_lines(d[4]);
		blank(1);
		g.page_line += 4;
	} else {
		char row[160];
		snprintf(row, sizeof row, "%-22s%s", labels1[0], cn);
		out_lines(row);
		const char *v1[] = {d[0], d[1], prio};
		const char *v2[] = {d[2], d[3], d[4]};
		for (int i = 0; i < 3; i++) {
			snprintf(row, sizeof row, "%-22s%-32s%-21s%s", labels1[i + 1], v1[i], labels2[i],
			         v2[i]);
			out_lines(row);
		}
		snprintf(row, sizeof row, "%54s%s", "", "Received:");
		out_lines(row);
		blank(1);
		g.page_line++;
	}
	g.nobreak = 0;
}

static void states_list(char *buf, size_t cap, int style2014)
{
	unsigned idx[3];
	unsigned k = rn(100) < 45 ? 0 : rn(100) < 75 ? 1 : 2;
	pick_k(idx, k, (unsigned)NELEM(states));
	const char *sel[4];
	unsigned n = 0, ca = k ? rn(k + 1) : 0;
	for (unsigned i = 0; i < k; i++) {
		if (i == ca)
			sel[n++] = "California";
		sel[n++] = states[idx[i]];
	}
	if (ca == k)
		sel[n++] = "California";
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		const char *joint = "";
		if (i)
			joint = style2014 ? (i + 1 < n ? ", " : " and ") : (chance(25) ? "," : ", ");
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", joint, sel[i]);
	}
}

static void reviewer_2014(void)
{
	char st[160];
	states_list(st, sizeof st, 1);
	int physician = chance(20), sub = !physician && chance(55);
	const char *who = physician ? "physician" : "expert";
	plen = 0;
	ps("MAXIMUS Federal Services sent the complete case file to ");
	ps(physician ? "a physician reviewer" : "an expert reviewer");
	ps(". He/she has no affiliation with the employer, employee, providers or the claims "
	   "administrator. The ");
	ps(who);
	ps(" reviewer is Board Certified in ");
	ps(PICK(certs));
	if (sub) {
		ps(", has a subspecialty in ");
		ps(PICK(subspecialties));
	}
	ps(" and is licensed to practice in ");
	ps(st);
	ps(". He/she has been in active clinical practice for more than five years and is currently "
	   "working at least 24 hours a week in active practice. The ");
	ps(who);
	ps(" reviewer was selected based on his/her clinical experience, education, background, and "
	   "expertise in the same or similar specialties that evaluate and/or treat the medical "
	   "condition and disputed items/services. He/she is familiar with governing laws and "
	   "regulations, including the strength of evidence hierarchy that applies to Independent "
	   "Medical Review determinations.");
	emit_para(PK_TEXT, 0);
}

static void reviewer_2016(void)
{
	plen = 0;
	ps("MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has "
	   "no affiliation with the employer, employee, providers or the claims administrator. "
	   "He/she has been in active clinical practice for more than five years and is currently "
	   "working at least 24 hours a week in active practice. The expert reviewer was selected "
	   "based on his/her clinical experience, education, background, and expertise in the same or "
	   "similar specialties that evaluate and/or treat the medical condition and disputed "
	   "items/Service. He/she is familiar with governing laws and regulations, including the "
	   "strength of evidence hierarchy that applies to Independent Medical Review "
	   "determinations.");
	emit_para(PK_TEXT, 0);
}

static void credentials(void)
{
	char st[160];
	states_list(st, sizeof st, 0);
	if (g.shape == SH_LAYOUT)
		sep();
	out_lines("The Expert Reviewer has the following credentials:");
	plen = 0;
	ps("State(s) of Licensure: ");
	ps(st);
	emit_para(PK_CRED, 0);
	unsigned idx[4];
	unsigned k = 1 + rn(4);
	pick_k(idx, k, (unsigned)NELEM(certs));
	ps("Certification(s)/Specialty: ");
	for (unsigned i = 0; i < k; i++) {
		if (i)
			ps(", ");
		ps(certs[idx[i]]);
	}
	emit_para(PK_CRED, 0);
}

static void summary_intro(void)
{
	out_lines("The expert reviewer developed the following clinical case summary based on a "
	          "review of the");
	out_lines("case file, including all medical records:");
}

static void summary(void)
{
	unsigned idx[8];
	int split = chance(25);
	plen = 0;
	sent(PICK(s_open));
	if (chance(70))
		sent(PICK(s_mech));
	sent(PICK(s_diag));
	sent(PICK(s_treat));
	unsigned k = rn(3);
	pick_k(idx, k, (unsigned)NELEM(s_img));
	for (unsigned i = 0; i < k; i++)
		sent(s_img[idx[i]]);
	if (split) {
		emit_para(PK_SUMMARY, 0);
		sep();
	}
	unsigned v = (unsigned)g.verbose;
	k = 1 + rn(2 + v);
	pick_k(idx, k, (unsigned)NELEM(s_complaint));
	for (unsigned i = 0; i < k; i++)
		sent(s_complaint[idx[i]]);
	k = 1 + rn(2 + v);
	pick_k(idx, k, (unsigned)NELEM(s_exam));
	for (unsigned i = 0; i < k; i++)
		sent(s_exam[idx[i]]);
	k = rn(2 + v);
	pick_k(idx, k, (unsigned)NELEM(s_func));
	for (unsigned i = 0; i < k; i++)
		sent(s_func[idx[i]]);
	k = 1 + rn(1 + v);
	pick_k(idx, k, (unsigned)NELEM(s_meds));
	for (unsigned i = 0; i < k; i++)
		sent(s_meds[idx[i]]);
	k = rn(2 + 2 * v);
	pick_k(idx, k, (unsigned)NELEM(s_misc));
	for (unsigned i = 0; i < k; i++)
		sent(s_misc[idx[i]]);
	if (v == 2 && chance(60)) { /* a later visit, for the wordier files */
		sent(PICK(s_followup));
		k = 2 + rn(3);
		pick_k(idx, k, (unsigned)NELEM(s_complaint));
		for (unsigned i = 0; i < k; i++)
			sent(s_complaint[idx[i]]);
		k = 2 + rn(2);
		pick_k(idx, k, (unsigned)NELEM(s_exam));
		for (unsigned i = 0; i < k; i++)
			sent(s_exam[idx[i]]);
	}
	if (chance(70))
		sent(PICK(s_request));
	if (chance(20) && g.prior_ur)
		sent(PICK(s_prior));
	sent(PICK(s_ur));
	emit_para(PK_SUMMARY, 0);
}

static const char *const issues_intro =
	"The Final Determination was based on decisions for the disputed items/services set forth "
	"below:";

static void issues(void)
{
	for (int i = 0; i < g.nitems; i++) {
		struct item *it = &g.items[i];
		if (i || g.shape != SH_SINGLE)
			sep();
		emit_title(it);
		sep();
		guideline(it, 0);
		sep();
		guideline(it, 1);
		sep();
		rationale(it);
	}
	g.pending_sep = 0;
}

static void body(void)
{
	switch (g.shape) {
	case SH_DOUBLE:
		heading(0);
		reviewer_2014();
		sep();
		heading(1);
		summary_intro();
		sep();
		summary();
		sep();
		heading(2);
		out_lines(issues_intro);
		issues();
		for (unsigned k = 1 + rn(3); k; k--)
			outs(" \n\n");
		outs("\n");
		break;
	case SH_SINGLE:
		heading(0);
		blank(1);
		reviewer_2016();
		sep();
		credentials();
		sep();
		flush_sep();
		blank(1);
		heading(1);
		blank(1);
		summary_intro();
		sep();
		summary();
		sep();
		heading(2);
		blank(chance(50) ? 3 : 1);
		out_lines(issues_intro);
		outs(" \n");
		issues();
		outs(" ");
		break;
	case SH_PLAIN:
	case SH_LAYOUT:
		header_2016();
		heading(0);
		reviewer_2016();
		credentials();
		if (g.shape == SH_LAYOUT)
			sep();
		heading(1);
		summary_intro();
		if (g.shape == SH_LAYOUT)
			sep();
		summary();
		if (g.shape == SH_LAYOUT)
			sep();
		heading(2);
		out_lines(issues_intro);
		issues();
		outs(g.shape == SH_PLAIN ? "\n\f" : "\f");
		break;
	}
}

/* What src/normalize.c decides: double-spaced when 70% of the text lines
 * are followed by exactly one empty line. */
static int reads_double_spaced(void)
{
	size_t text = 0, followed = 0;
	int prev = 0, prev2 = 0;
	size_t i = 0;
	while (i < dlen) {
		size_t s = i;
		while (i < dlen && doc[i] != '\n')
			i++;
		size_t e = i;
		while (e > s && (doc[e - 1] == ' ' || doc[e - 1] == '\f'))
			e--;
		int t = e > s;
		if (prev2 && !prev && t)
			followed++;
		text += (size_t)t;
		prev2 = prev;
		prev = t;
		i++;
	}
	return text >= 4 && followed * 10 >= (text - 1) * 7;
}

static void setup_doc(unsigned long index, uint64_t seed)
{
	memset(&g, 0, sizeof g);
	g.shape = (int)((index + seed) % 4);
	g.width = 88 + (int)rn(11);
	g.female = chance(45);
	g.age = 22 + (int)rn(47);
	g.side = (int)rn(2);
	g.rgi = (int)rn((unsigned)NELEM(regions));
	g.rg = &regions[g.rgi];
	g.job = PICK(jobs);
	g.oxford = chance(80);
	g.painfmt = g.shape >= SH_PLAIN ? chance(60) : chance(15);
	g.pq = 5 + (int)rn(5);
	g.pl = 2 + (int)rn((unsigned)(g.pq - 3));
	g.exam_next = rn(5);
	g.was = g.shape == SH_SINGLE;
	g.verbose = (int)rn(3);
	switch (g.shape) {
	case SH_DOUBLE:
		g.noun = chance(80) ? 1 : 2;
		g.hyph = 1;
		g.dstyle = chance(85) ? 0 : 2;
		g.style16 = 0;
		break;
	case SH_SINGLE:
		g.noun = chance(75) ? 2 : 1;
		g.hyph = chance(80);
		g.dstyle = chance(75) ? 2 : 0;
		g.style16 = chance(65);
		break;
	default:
		g.noun = chance(80) ? 0 : (int)rn(4);
		g.hyph = chance(50);
		g.dstyle = chance(50) ? 1 : chance(70) ? 0 : chance(50) ? 2 : 3;
		g.style16 = 1;
		break;
	}
	g.dstyle2 = (int)rn(4);
	g.mix = chance(40);
	/* The dates, latest first. */
	long base = g.shape <= SH_SINGLE ? days_from_civil(2013, 9, 1) : days_from_civil(2015, 6, 1);
	long range = g.shape <= SH_SINGLE ? 850 : 940;
	g.decision = base + (long)rn((unsigned)range);
	int expedited = g.shape >= SH_PLAIN && chance(15);
	g.received = g.decision - (expedited ? 3 + (long)rn(3) : 25 + (long)rn(21));
	g.assigned = expedited ? g.decision - 2 - (long)rn(2) : g.received + 1 + (long)rn(8);
	g.ur = g.received - 10 - (long)rn(36);
	g.injury = g.ur - (chance(30) ? 30 + (long)rn(370) : 400 + (long)rn(6000));
	g.prior_ur = g.ur - 60 - (long)rn(340);
	if (g.prior_ur <= g.injury + 20)
		g.prior_ur = 0;
	g.cursor = g.ur - 420 > g.injury + 7 ? g.ur - 420 : g.injury + 7;
	setup_items();
	/* Medications the summary lists: the drugs requested first. */
	g.nmeds = 0;
	for (int i = 0; i < g.nitems && g.nmeds < 2; i++)
		if (cats[g.items[i].t->cat].drug && strncmp(g.items[i].name, "the ", 4) != 0)
			g.meds[g.nmeds++] = g.items[i].name;
	unsigned want = 2 + rn(3);
	while ((unsigned)g.nmeds < want) {
		const char *m = PICK(medpool);
		int dup = 0;
		for (int j = 0; j < g.nmeds; j++)
			dup |= same_ci(m, g.meds[j]);
		if (!dup)
			g.meds[g.nmeds++] = m;
	}
	new_page();
}

/* One document into doc[]. */
static void gen_doc(unsigned long index, uint64_t seed)
{
	rng = splitmix64(seed * 0x9E3779B97F4A7C15ULL ^ splitmix64(index));
	for (int attempt = 0;; attempt++) {
		if (!rng)
			rng = 1;
		dlen = 0;
		plen = 0;
		setup_doc(index, seed);
		body();
		/* The scanner must read the spacing the shape means. */
		if (reads_double_spaced() == (g.shape == SH_DOUBLE))
			return;
		if (attempt == 20)
			internal("cannot produce the intended line spacing");
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: gencorpus OUTDIR N [SEED]\n"
	                "  writes N synthetic IMR determinations (1 <= N <= 10000000) as\n"
	                "  OUTDIR/dNNN/NNNNNNN.txt, deterministic for SEED (default 1)\n");
	exit(2);
}

static int parse_u64(const char *s, uint64_t *v)
{
	if (!*s || !isdigit((unsigned char)*s))
		return 0;
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno || *end)
		return 0;
	*v = (uint64_t)x;
	return 1;
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	uint64_t n, seed = 1;
	if (argc < 3 || argc > 4 || !argv[1][0])
		usage();
	if (!parse_u64(argv[2], &n) || n < 1 || n > 10000000)
		usage();
	if (argc == 4 && !parse_u64(argv[3], &seed))
		usage();
	const char *dir = argv[1];
	char path[4096];
	if (strlen(dir) > sizeof path - 32) {
		fprintf(stderr, "gencorpus: %s: path too long\n", dir);
		return 2;
	}
	make_dir(dir);
	unsigned long long total = 0;
	for (unsigned long i = 0; i < n; i++) {
		if (i % 1000 == 0) {
			snprintf(path, sizeof path, "%s/d%03lu", dir, i / 1000);
			make_dir(path);
		}
		gen_doc(i, seed);
		snprintf(path, sizeof path, "%s/d%03lu/%07lu.txt", dir, i / 1000, i);
		FILE *f = fopen(path, "wb");
		if (!f) {
			fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
			return 1;
		}
		setvbuf(f, NULL, _IONBF, 0);
		if (fwrite(doc, 1, dlen, f) != dlen) {
			fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
			fclose(f);
			return 1;
		}
		if (fclose(f) != 0) {
			fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
			return 1;
		}
		total += dlen;
	}
	printf("gencorpus: %llu documents, %llu bytes in %s\n", (unsigned long long)n, total, dir);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "gencorpus: standard output: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
