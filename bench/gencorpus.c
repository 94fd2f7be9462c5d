/*
 * gencorpus.c - write a synthetic corpus of IMR Final Determinations,
 * made from the invented letters of examples/.
 *
 *   gencorpus OUTDIR N [SEED [EXAMPLES]]
 *
 * Writes N determinations as OUTDIR/dNNN/NNNNNNN.txt, 1000 files per
 * directory, the same bytes for the same SEED (default 1) and examples.
 * The four shapes of examples/ take turns (2014 double-spaced, 2014
 * single-spaced, 2016 pdftotext, 2016 pdftotext -layout).  A document is
 * the head of an example of its shape (header, reviewer, case summary)
 * followed by 1 to 8 items drawn from all the examples of that shape,
 * each item as its example lays it out (title, guidelines, rationale,
 * page breaks, the blank lines after it).  Then its facts are varied in
 * one pass over the text: every date moves by the same number of days in
 * its own format, the case number, the age, the sex (a man becomes a
 * woman, pronouns too, half the time), drug names and strengths,
 * certifications and states of licensure, and some wording.  Nothing is
 * rewrapped: a replacement only lengthens or shortens its line, so the
 * shapes stay those of the examples.
 *
 * Standard C11 and POSIX, nothing else.  Exit status: 0 done, 1 I/O
 * error or an example it cannot cut into items, 2 usage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum shape { DOUBLE_2014, SINGLE_2014, PLAIN_2016, LAYOUT_2016, NSHAPES };

static const struct {
	const char *file;
	enum shape shape;
} examples[] = {
	{"imr-2014-double-spaced.txt", DOUBLE_2014}, {"imr-2014-physician.txt", DOUBLE_2014},
	{"imr-2014-single-spaced.txt", SINGLE_2014}, {"imr-2016-standard.txt", PLAIN_2016},
	{"imr-2016-expedited.txt", PLAIN_2016},      {"imr-2016-standard.layout.txt", LAYOUT_2016},
	{"imr-2016-expedited.layout.txt", LAYOUT_2016},
};

/* Facts and wording: each FROM (a whole word or phrase) becomes one of
 * its alternatives, the same one throughout a document for rules of one
 * group, or drawn anew at each use for wording (group 0). */
struct rule {
	const char *from;
	int group;
	const char *to[5];
};

static const struct rule rules[] = {
	{"Hydrocodone/acetaminophen", 1, {"Hydrocodone/acetaminophen", "Oxycodone/acetaminophen", "Hydrocodone/ibuprofen"}},
	{"10/325mg", 2, {"10/325mg", "7.5/325mg", "5/325mg", "10/300mg"}},
	{"Oxycodone", 3, {"Oxycodone", "Oxymorphone", "Hydromorphone", "Morphine sulfate IR", "Tapentadol"}},
	{"oxycodone", 3, {"oxycodone", "oxymorphone", "hydromorphone", "morphine sulfate IR", "tapentadol"}},
	{"10mg", 4, {"10mg", "5mg", "15mg", "20mg", "30mg"}},
	{"#30", 19, {"#30", "#20", "#45", "#60"}},
	{"#60", 20, {"#60", "#30", "#90", "#120"}},
	{"#90", 21, {"#90", "#60", "#120", "#180"}},
	{"OxyContin", 5, {"OxyContin", "MS Contin", "Nucynta ER", "Opana ER"}},
	{"Gabapentin", 6, {"Gabapentin", "Pregabalin", "Topiramate"}},
	{"gabapentin", 6, {"gabapentin", "pregabalin", "topiramate"}},
	{"Ibuprofen", 7, {"Ibuprofen", "Naproxen", "Meloxicam", "Diclofenac"}},
	{"naproxen", 7, {"naproxen", "ibuprofen", "meloxicam", "diclofenac"}},
	{"Board Certified in Anesthesiology", 8, {"Board Certified in Anesthesiology", "Board Certified in Neurology",
	 "Board Certified in Physical Medicine and Rehabilitation", "Board Certified in Family Practice"}},
	{"subspecialty in Pain Medicine", 9, {"subspecialty in Pain Medicine", "subspecialty in Sports Medicine",
	 "subspecialty in Spinal Cord Injury Medicine"}},
	{"Board Certified in Internal Medicine", 10, {"Board Certified in Internal Medicine",
	 "Board Certified in Occupational Medicine", "Board Certified in Emergency Medicine"}},
	{"Specialty: Orthopaedic Surgery, Sports Medicine", 11, {"Specialty: Orthopaedic Surgery, Sports Medicine",
	 "Specialty: Orthopaedic Surgery", "Specialty: Orthopaedic Surgery, Hand Surgery",
	 "Specialty: Physical Medicine & Rehabilitation"}},
	{"Internal Medicine, Occupational Medicine", 12, {"Internal Medicine, Occupational Medicine",
	 "Family Practice, Occupational Medicine", "Internal Medicine", "Preventive Medicine"}},
	{"California and Nevada", 13, {"California and Nevada", "California", "California and Arizona",
	 "California, Nevada and New York"}},
	{"California,Oregon", 14, {"California,Oregon", "California", "California,Nevada", "California,Texas"}},
	{"Washington, California", 15, {"Washington, California", "California", "Oregon, California",
	 "Illinois, Ohio, California"}},
	{"Arizona, California", 16, {"Arizona, California", "California", "Nevada, California"}},
	{"The injured worker", 17, {"The injured worker", "The patient", "The applicant", "The claimant"}},
	{"the injured worker", 17, {"the injured worker", "the patient", "the applicant", "the claimant"}},
	{"The patient", 18, {"The patient", "The injured worker", "The applicant"}},
	{"the patient", 18, {"the patient", "the injured worker", "the applicant"}},
	{"Therefore,", 0, {"Therefore,", "As such,", "Consequently,", "Accordingly,"}},
	{"In this case,", 0, {"In this case,", "In this instance,", "Here,"}},
	{"Given the above,", 0, {"Given the above,", "Based on the above,", "In view of the above,"}},
	{"However,", 0, {"However,", "Nonetheless,", "Nevertheless,"}},
	{"is not medically necessary", 0, {"is not medically necessary", "is not medically necessary",
	 "is not medically necessary and appropriate"}},
	{"is medically necessary", 0, {"is medically necessary", "is medically necessary and appropriate"}},
};

/* A man made a woman: whole words, not "He/she" or "his/her". */
static const char *const to_female[][2] = {
	{"male", "female"}, {"he", "she"}, {"He", "She"}, {"his", "her"}, {"His", "Her"},
	{"him", "her"}, {"himself", "herself"}, {"Mr.", "Ms."},
};

static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

/* ---- random numbers: splitmix64, one stream per document ------------- */

static uint64_t rng;

static unsigned pick(unsigned n)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return (unsigned)((z ^ (z >> 31)) % n);
}

/* ---- growable byte buffers ------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		if (!(b->p = realloc(b->p, b->cap))) {
			fputs("gencorpus: out of memory\n", stderr);
			exit(1);
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* ---- the examples, cut into head, items and tail ---------------------- */

struct span {
	const char *p;
	size_t n;
};

struct item {
	struct span body, gap; /* title to the rationale's last line; the lines after */
};

struct example {
	struct span head, tail; /* before the first item; after the last */
};

static struct example heads[NELEM(examples)];
static struct item items[NSHAPES][64];
static size_t nitems[NSHAPES], nheads[NSHAPES], head_of[NSHAPES][NELEM(examples)];

static bool blank_line(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The end of a rationale, as the title filter sees it: a line ending in
 * a period. */
static bool ends_sentence(const char *s, const char *e)
{
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e > s && e[-1] == '.';
}

static bool starts_with(const char *s, const char *e, const char *prefix)
{
	while (s < e && (*s == '\f' || *s == ' '))
		s++;
	return (size_t)(e - s) >= strlen(prefix) && memcmp(s, prefix, strlen(prefix)) == 0;
}

static void cut_example(const char *dir, size_t x)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, examples[x].file);
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[8192];
	size_t got;
	while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
		put(&b, chunk, got);
	if (!f || ferror(f) || !b.len) {
		fprintf(stderr, "gencorpus: cannot read %s: %s\n", path, f ? "read error" : strerror(errno));
		exit(1);
	}
	fclose(f);
	size_t *ls = malloc((b.len + 2) * sizeof *ls), n = 0; /* line i is [ls[i], ls[i + 1]) */
	if (!ls)
		exit(1);
	for (size_t i = 0; i < b.len; i++)
		if (i == 0 || b.p[i - 1] == '\n')
			ls[n++] = i;
	ls[n] = b.len;
#define LINE(i) b.p + ls[i], b.p + ls[(i) + 1]
	/* Each item's title starts after the previous rationale's last line
	 * (or the issues' introduction), blank lines skipped; it ends where
	 * the next item's title starts, or after the last rationale. */
	size_t title[64], stop[64], k = 0;
	for (size_t i = 1; i < n && k < 64; i++) {
		if (!starts_with(LINE(i), "Claims Administrator guideline:"))
			continue;
		size_t j = i - 1;
		while (j > 0 && !ends_sentence(LINE(j)) && !starts_with(LINE(j), "The Final Determination was based"))
			j--;
		stop[k] = j++;
		while (j < i && blank_line(LINE(j)))
			j++;
		title[k++] = j;
	}
	size_t end = n - 1;
	while (k && end > title[k - 1] && !ends_sentence(LINE(end)))
		end--;
	if (k < 2 || end <= title[k - 1]) {
		fprintf(stderr, "gencorpus: %s: cannot find two items or more\n", path);
		exit(1);
	}
	enum shape s = examples[x].shape;
	struct item *first = &items[s][nitems[s]];
	for (size_t i = 0; i < k && nitems[s] < 64; i++) {
		size_t last = i + 1 < k ? stop[i + 1] : end;
		struct item *it = &items[s][nitems[s]++];
		it->body = (struct span){b.p + ls[title[i]], ls[last + 1] - ls[title[i]]};
		it->gap = i + 1 < k ? (struct span){b.p + ls[last + 1], ls[title[i + 1]] - ls[last + 1]} : first->gap;
	}
	heads[x].head = (struct span){b.p, ls[title[0]]};
	heads[x].tail = (struct span){b.p + ls[end + 1], b.len - ls[end + 1]};
	head_of[s][nheads[s]++] = x;
	free(ls);
#undef LINE
}

/* ---- varying the facts ------------------------------------------------ */

struct facts {
	int shift_days, age;
	char case_digits[8];
	bool female;
	unsigned choice[32]; /* by rule group */
};

static bool word_char(char c)
{
	return isalnum((unsigned char)c);
}

/* Days since 1970-01-01 and back (H. Hinnant's civil algorithms): dates
 * move the same in every time zone. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A date at s (MM/DD/YYYY, M-D-YY and the like, or "March 3, 2012") moved
 * by f->shift_days and written back in its own format; returns the bytes
 * read, 0 for no date. */
static size_t shift_date(const char *s, const char *end, const struct facts *f, struct buf *out)
{
	int v[3] = {0}, width[3] = {0}, month = -1;
	const char *p = s;
	char sep = 0;
	for (size_t m = 0; m < NELEM(months) && month < 0; m++)
		if ((size_t)(end - s) > strlen(months[m]) && memcmp(s, months[m], strlen(months[m])) == 0 &&
		    s[strlen(months[m])] == ' ')
			month = (int)m, p = s + strlen(months[m]) + 1;
	for (int i = month < 0 ? 0 : 1; i < 3; i++) {
		while (p < end && isdigit((unsigned char)*p) && width[i] < 4)
			v[i] = v[i] * 10 + (*p++ - '0'), width[i]++;
		if (i == 2 || width[i] == 0)
			break;
		if (month >= 0 && p + 1 < end && p[0] == ',' && p[1] == ' ')
			p += 2;
		else if (month < 0 && p < end && (*p == '/' || *p == '-') && (!sep || *p == sep))
			sep = *p++;
		else
			return 0;
	}
	if (month >= 0)
		v[0] = month + 1, width[0] = 1;
	bool ok = width[0] && width[0] <= 2 && width[1] && width[1] <= 2 && (width[2] == 2 || width[2] == 4) &&
	          v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= 31 && !(p < end && (word_char(*p) || *p == sep));
	if (!ok)
		return 0;
	int y = width[2] == 2 ? 2000 + v[2] : v[2], m = v[0], d = v[1];
	civil_from_days(days_from_civil(y, m, d) + f->shift_days, &y, &m, &d);
	char date[32];
	int pad = sep == '/' ? 2 : 1; /* 01/05/2017 but 1-5-17, as the letters write them */
	if (month >= 0)
		snprintf(date, sizeof date, "%s %d, %d", months[m - 1], d, y);
	else
		snprintf(date, sizeof date, "%0*d%c%0*d%c%0*d", pad, m, sep, pad, d, sep, width[2],
		         width[2] == 2 ? y % 100 : y);
	puts_(out, date);
	return (size_t)(p - s);
}

/* The replacement of a rule or a word at s, if one starts there. */
static size_t replace(const char *s, const char *end, struct facts *f, struct buf *out)
{
	for (size_t i = 0; i < NELEM(rules); i++) {
		if (rules[i].from[0] != *s)
			continue;
		size_t n = strlen(rules[i].from);
		if ((size_t)(end - s) < n || memcmp(s, rules[i].from, n) != 0 || (s + n < end && word_char(s[n])))
			continue;
		size_t k = 0;
		while (k < NELEM(rules[i].to) && rules[i].to[k])
			k++;
		unsigned c = rules[i].group ? f->choice[rules[i].group] % k : pick((unsigned)k);
		puts_(out, rules[i].to[c]);
		return n;
	}
	for (size_t i = 0; f->female && i < NELEM(to_female); i++) {
		size_t n = strlen(to_female[i][0]);
		if ((size_t)(end - s) >= n && memcmp(s, to_female[i][0], n) == 0 &&
		    !(s + n < end && (word_char(s[n]) || s[n] == '/'))) {
			puts_(out, to_female[i][1]);
			return n;
		}
	}
	return 0;
}

/* The bytes a date, a number or a replacement can start with. */
static bool may_start[256];

static void init_may_start(void)
{
	for (const char *c = "0123456789CJFMASOND"; *c; c++)
		may_start[(unsigned char)*c] = true;
	for (size_t i = 0; i < NELEM(rules); i++)
		may_start[(unsigned char)rules[i].from[0]] = true;
	for (size_t i = 0; i < NELEM(to_female); i++)
		may_start[(unsigned char)to_female[i][0][0]] = true;
}

static bool digits(const char *s, size_t n)
{
	while (n && isdigit((unsigned char)*s))
		s++, n--;
	return n == 0;
}

static void vary(struct span text, struct facts *f, struct buf *out)
{
	const char *s = text.p, *end = text.p + text.n;
	while (s < end) {
		char before = s > text.p ? s[-1] : ' ';
		size_t used = 0;
		if (!word_char(before) && before != '/' && before != '-' && before != '#' && may_start[(unsigned char)*s]) {
			used = shift_date(s, end, f, out);
			if (!used && isdigit((unsigned char)*s)) { /* "48 year old", "52-year-old" */
				const char *e = s;
				while (e < end && isdigit((unsigned char)*e))
					e++;
				if (end - e > 9 && (memcmp(e, "-year-old", 9) == 0 || memcmp(e, " year old", 9) == 0 ||
				                    memcmp(e, " year-old", 9) == 0)) {
					char age[8];
					snprintf(age, sizeof age, "%d", f->age);
					puts_(out, age);
					used = (size_t)(e - s);
				}
			}
			if (!used && end - s >= 12 && memcmp(s, "CM", 2) == 0 && s[4] == '-' &&
			    digits(s + 2, 2) && digits(s + 5, 7)) { /* CM16-0243517 */
				put(out, s, 5);
				put(out, f->case_digits, 7);
				used = 12;
			}
			if (!used)
				used = replace(s, end, f, out);
		}
		if (!used)
			put(out, s, used = 1);
		s += used;
	}
}

/* ---- one document ----------------------------------------------------- */

static void make_document(uint64_t seed, uint64_t i, struct buf *raw, struct buf *out)
{
	rng = seed * 0x100000001B3ULL ^ i;
	pick(2);
	enum shape s = (enum shape)(i % NSHAPES);
	const struct example *x = &heads[head_of[s][pick((unsigned)nheads[s])]];
	/* 1-8 items, 2-4 most often, as in the letters. */
	static const int counts[] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 6, 7, 8};
	int k = counts[pick(NELEM(counts))];
	/* The shape's items in a random order, again from the start when
	 * there are not k of them. */
	size_t order[64];
	for (size_t j = 0; j < nitems[s]; j++) {
		size_t r = pick((unsigned)j + 1);
		order[j] = order[r];
		order[r] = j;
	}
	raw->len = out->len = 0;
	put(raw, x->head.p, x->head.n);
	for (int j = 0; j < k; j++) {
		const struct item *it = &items[s][order[(size_t)j % nitems[s]]];
		put(raw, it->body.p, it->body.n);
		if (j + 1 < k)
			put(raw, it->gap.p, it->gap.n);
	}
	put(raw, x->tail.p, x->tail.n);
	struct facts f = {.shift_days = (int)pick(1461) - 730, .age = 22 + (int)pick(47), .female = pick(3) == 0};
	snprintf(f.case_digits, sizeof f.case_digits, "%07u", pick(10000000));
	for (size_t g = 0; g < NELEM(f.choice); g++)
		f.choice[g] = pick(60); /* every count of alternatives divides 60 */
	vary((struct span){raw->p, raw->len}, &f, out);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	char *end = NULL;
	unsigned long long n = argc >= 3 ? strtoull(argv[2], &end, 10) : 0, seed = 1;
	if (argc < 3 || argc > 5 || !*argv[1] || *end || n < 1 || n > 10000000 ||
	    (argc >= 4 && (seed = strtoull(argv[3], &end, 10), *end))) {
		fputs("usage: gencorpus OUTDIR N [SEED [EXAMPLES]]\n", stderr);
		return 2;
	}
	init_may_start();
	for (size_t x = 0; x < NELEM(examples); x++)
		cut_example(argc == 5 ? argv[4] : "examples", x);
	make_dir(argv[1]);
	struct buf raw = {0}, out = {0};
	unsigned long long total = 0;
	char path[4096];
	for (unsigned long long i = 0; i < n; i++) {
		if (i % 1000 == 0) {
			snprintf(path, sizeof path, "%s/d%03llu", argv[1], i / 1000);
			make_dir(path);
		}
		make_document(seed, i, &raw, &out);
		snprintf(path, sizeof path, "%s/d%03llu/%07llu.txt", argv[1], i / 1000, i);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(out.p, 1, out.len, f) != out.len || fclose(f) != 0) {
			fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
			return 1;
		}
		total += out.len;
	}
	printf("gencorpus: %llu documents, %llu bytes in %s\n", n, total, argv[1]);
	return fflush(stdout) == 0 ? 0 : 1;
}
