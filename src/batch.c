/*
 * batch.c - whole corpora: imr2xml -d OUTDIR FILE_OR_DIR...
 *
 * The main thread streams the inputs (directories walked in sorted
 * order, or a list) into a ring of slots; worker threads, each with its
 * own validation context, convert the slots; the main thread retires
 * them in input order, writing one manifest row per input as it goes
 * (OUTDIR/manifest.tsv.partial, renamed to manifest.tsv at the end).
 * Memory is bounded by the ring, whatever the size of the corpus.
 * Every XML file is written to a temporary name and renamed into place.
 * With --format csv or jsonl, each worker also makes its document's rows
 * from the XML it wrote (export.c), and the main thread appends them to
 * OUTDIR/items.csv.partial (or .jsonl) as it retires the document, so the
 * rows are in input order; the file becomes items.csv at the end.
 *
 * With --db FILE.sqlite each worker also makes its letter's database rows
 * from the XML (db.c), and the thread retiring documents inserts them,
 * in input order, a transaction every few hundred letters; -d is then
 * optional (without it no XML file and no manifest is written), the
 * walk also takes *.xml files (existing output, loaded as they are), and
 * a letter already in the database (by sha256) is not converted again.
 *
 * Outputs mirror each input's path below the argument it came from: a
 * relative path as it is, an absolute one or one with ".." from the base
 * name of the argument on (-d out /data/pdf: out/pdf/a/x.xml).
 *
 * Nothing the walk meets goes unaccounted: every name ending in .txt,
 * .pdf, .html, .htm or .xhtml is an input and gets a row, whatever it turns out to be when it
 * is read (a file, a dangling link, a directory, unreadable, gone), and
 * so does every directory the walk cannot read and a list that fails.
 */
#define _GNU_SOURCE /* open_memstream is POSIX 2008; asprintf; dirent d_type */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


#include "db.h"
#include "diag.h"
#include "digest.h"
#include "export.h"
#include "output.h"
#include "vocab.h"
#include "xml.h"

enum { RING = 256, MAX_JOBS = 256 };

enum row_status { ROW_OK, ROW_PARTIAL, ROW_REJECTED, ROW_ERROR };
static const char *const status_names[] = {"ok", "partial", "rejected", "error"};

struct row {
	enum row_status status;
	bool skipped;             /* --resume: output already there */
	const char *variant;      /* static (vocab.c's name), or NULL */
	size_t issues;
	size_t letters;           /* the letters the input holds (0: none read) */
	size_t bytes;
	char sha256[65];
	char *warnings;           /* "2 dates-out-of-order,summary-truncated", or NULL: "0" */
	size_t pages;             /* a PDF's pages, a text's form-feed pages */
	char *message;            /* first diagnostic, or NULL */
	char *diagnostics;        /* everything to print on stderr, or NULL */
	struct imr_buffer items;  /* --format: the rows of its items */
	struct imr_db_rows *db;   /* --db: its rows, or NULL */
	bool in_db;               /* --db: its letters were there already */
};

enum slot_state { SLOT_EMPTY, SLOT_PENDING, SLOT_RUNNING, SLOT_DONE };

struct slot {
	enum slot_state state;
	char *path;
	size_t strip; /* the bytes of path its output does not mirror */
	char *error; /* set by the walk: the row is this error, nothing is read */
	struct row row;
};

/* One input from the walk: a path, and when the walk already knows it
 * cannot be converted (a directory it cannot read, a failing list), the
 * message of its error row.  Both malloc'ed. */
struct input {
	char *path;
	char *error;
	size_t strip;
};

struct dir_frame {
	char *dir;
	struct dirent **list; /* sorted by name, all kept until the end */
	int n, i;
};

struct walker {
	const struct imr_batch_options *opt;
	int arg;                 /* the next of opt->inputs */
	FILE *list;              /* --files-from, until it ends */
	int list_errno;          /* the list could not be opened */
	struct dir_frame *stack; /* the directories being walked, innermost last */
	size_t strip;            /* of the argument being walked */
	int depth, cap;
	char *line;
	size_t line_cap;
};

/* A row of an earlier manifest, for --resume. */
struct old_row {
	char *path;
	size_t bytes;
	char sha256[65];
	char *line; /* the whole row, reused as it is */
};

struct tally {
	size_t done, ok, partial, rejected, skipped, errors;
	size_t bytes; /* of the documents read (--resume's skipped ones are not) */
	size_t warned; /* documents with warnings */
	size_t db_added, db_there, db_items; /* --db: letters added, there already; items added */
	size_t pages;
	size_t total; /* 0: unknown */
	double start, last_progress;
	bool tty;
};

struct batch {
	const struct imr_batch_options *opt;
	struct imr_schema *schema;
	char *manifest_path, *partial_path;
	FILE *manifest; /* manifest.tsv.partial, while the run lasts */
	char *items_path, *items_partial; /* --format: items.csv and its .partial */
	FILE *items;
	bool items_failed;                /* a write to it failed */
	struct imr_db *db;                /* --db */
	bool db_failed;                   /* an insert failed: no more are tried */
	struct tally tally;
	struct sigaction old_int, old_term;
	/* The threads and the ring they share. */
	pthread_mutex_t lock;
	pthread_cond_t work, done, space;
	struct slot slots[RING];
	size_t pushed, taken, retired; /* sequence numbers */
	bool retiring;                 /* a thread is retiring slots (retire_ready) */
	bool unflushed;                /* rows written since the last flush */
	bool fed;                      /* the feeder has pushed every input */
	bool finished;                 /* workers: stop when idle */
	bool stopping;                 /* Ctrl-C seen: no document is started */
	pthread_t workers[MAX_JOBS], feeder;
	int nworkers;
	bool feeding;                  /* the feeder thread was started */
	struct walker walker;          /* the feeder's */
	/* --resume */
	struct old_row *old;
	size_t old_cap, old_count;
};

/* Set by Ctrl-C or SIGTERM; read by every thread (a lock-free atomic is
 * safe in a signal handler, and a worker sees it without waiting for the
 * main thread to wake). */
static atomic_bool interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* ---- small helpers -------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* A formatted string, malloc'ed, or NULL (out of memory). */
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* The endings of the names the walk takes as inputs, the one converted
 * first when two of a folder's names differ only in them (they have the
 * same output): x.txt, x.pdf, and x.html, x.htm, x.xhtml (the converter
 * tells a PDF or an HTML page from text by its content). */
static const char *const input_endings[] = {".txt", ".pdf", ".html", ".htm", ".xhtml"};
enum { N_ENDINGS = sizeof input_endings / sizeof *input_endings };

/* Which of input_endings name has (with something before it), or -1. */
static int input_ending(const char *name)
{
	size_t n = strlen(name);
	for (int k = 0; k < N_ENDINGS; k++)
		if (n > strlen(input_endings[k]) && ends_with(name, input_endings[k]))
			return k;
	return -1;
}

static bool is_input_name(const char *name, bool xml)
{
	return input_ending(name) >= 0 || (xml && strlen(name) > 4 && ends_with(name, ".xml"));
}

/* How much of an argument's path its outputs leave out: nothing for a
 * relative path that stays below the working directory, and for any
 * other everything before its base name. */
static size_t strip_of(const char *arg)
{
	bool outside = arg[0] == '/';
	for (const char *p = arg; !outside && (p = strstr(p, "..")); p += 2)
		outside = (p == arg || p[-1] == '/') && (p[2] == '/' || p[2] == '\0');
	if (!outside)
		return 0;
	size_t n = strlen(arg);
	while (n > 1 && arg[n - 1] == '/')
		n--;
	while (n > 0 && arg[n - 1] != '/')
		n--;
	return n;
}

/* OUTDIR/a/b/x.xml for a/b/x.txt, a/b/x.pdf, a/b/x.html...: leading slashes and "."
 * go, ".." becomes "__", so no input maps outside OUTDIR. */
static char *output_path(const char *outdir, const char *input)
{
	size_t n = strlen(outdir) + strlen(input) * 2 + 8;
	char *out = malloc(n), *o = out;
	if (!out)
		return NULL;
	o += snprintf(o, n, "%s", outdir);
	const char *p = input;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			o += sprintf(o, "/__");
		} else {
			*o++ = '/';
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	int k = input_ending(out);
	if (k >= 0)
		strcpy(out + strlen(out) - strlen(input_endings[k]), ".xml");
	else
		strcat(out, ".xml");
	return out;
}

/* ---- reading an input ------------------------------------------------- */

/* Why path could not be opened: errno's words, but a link to nothing is
 * called what it is. */
static const char *open_failure(const char *path, int err)
{
	struct stat st;
	if (err == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return "dangling symbolic link";
	return strerror(err);
}

/* The whole of a regular file (malloc'ed), or NULL and *why.  It is
 * opened without blocking, so a FIFO among the inputs is reported, not
 * waited on. */
static char *read_file(const char *path, size_t *len, const char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*why = open_failure(path, errno);
		return NULL;
	}
	struct stat st;
	int e = fstat(fd, &st) != 0 ? errno : 0;
	if (e || !S_ISREG(st.st_mode)) {
		*why = e ? strerror(e) : S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file";
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0; /* + 1: see the end at once */
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got == 0)
			break;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			*why = strerror(errno);
			free(buf);
			close(fd);
			return NULL;
		}
		n += (size_t)got;
	}
	close(fd);
	if (!buf)
		*why = strerror(ENOMEM);
	*len = n;
	return buf;
}

/* ---- the inputs, streamed --------------------------------------------- */

static int not_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

/* Byte order, whatever the locale: the same corpus is walked the same
 * way everywhere, and a directory's list can be searched with bsearch. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int name_is(const void *name, const void *entry)
{
	return strcmp(name, (*(struct dirent *const *)entry)->d_name);
}

/* Starts walking dir; returns 0, or the errno of reading it. */
static int push_dir(struct walker *w, const char *dir)
{
	if (w->depth == w->cap) {
		int cap = w->cap ? 2 * w->cap : 16;
		struct dir_frame *s = realloc(w->stack, (size_t)cap * sizeof *s);
		if (!s)
			return ENOMEM;
		w->stack = s;
		w->cap = cap;
	}
	struct dir_frame *f = &w->stack[w->depth];
	f->n = scandir(dir, &f->list, not_dots, by_name);
	if (f->n < 0)
		return errno;
	f->dir = strdup(dir);
	f->i = 0;
	w->depth++;
	return f->dir ? 0 : ENOMEM;
}

static void pop_dir(struct walker *w)
{
	struct dir_frame *f = &w->stack[--w->depth];
	for (int i = 0; i < f->n; i++)
		free(f->list[i]);
	free(f->list);
	free(f->dir);
}

/* Walks dir from now on; or, when it cannot be read, makes it an input
 * whose row says why.  Takes dir. */
static bool enter_dir(struct walker *w, char *dir, struct input *in)
{
	int e = push_dir(w, dir);
	if (!e) {
		free(dir);
		return false;
	}
	in->path = dir;
	in->error = format("cannot read directory: %s", strerror(e));
	return true;
}

/* x.pdf or x.html beside x.txt would be written to the same x.xml: the
 * name whose ending comes first in input_endings is converted, the others
 * get an error row that says why they were not. */
static char *same_output(const struct dir_frame *f, const char *name)
{
	int k = input_ending(name);
	if (k <= 0)
		return NULL;
	size_t stem = strlen(name) - strlen(input_endings[k]);
	char *msg = NULL;
	for (int q = 0; q < k && !msg; q++) {
		char *other = format("%.*s%s", (int)stem, name, input_endings[q]);
		if (!other)
			return NULL;
		if (bsearch(other, f->list, (size_t)f->n, sizeof *f->list, name_is))
			msg = format("not converted: %s has the same output", other);
		free(other);
	}
	return msg;
}

static bool is_dir(const struct dirent *d, const char *path)
{
	struct stat st;
	if (d->d_type != DT_UNKNOWN)
		return d->d_type == DT_DIR;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The next entry of the innermost directory: an input (true), or false
 * for a name that is none (subdirectories are entered, symbolic links to
 * directories are not followed) and at the end of the directory. */
static bool next_in_dir(struct walker *w, struct input *in)
{
	struct dir_frame *f = &w->stack[w->depth - 1];
	if (f->i == f->n) {
		pop_dir(w);
		return false;
	}
	struct dirent *d = f->list[f->i++];
	char *path = format("%s/%s", f->dir, d->d_name);
	bool found = false;
	if (path && is_input_name(d->d_name, w->opt->db != NULL)) {
		/* Not even stat'ed: whatever it is, the worker's read says. */
		in->path = path;
		in->strip = w->strip;
		in->error = same_output(f, d->d_name);
		found = true;
	} else if (path && is_dir(d, path)) {
		found = enter_dir(w, path, in);
	} else {
		free(path);
	}
	return found;
}

/* The next path of the list; false for an empty line and at its end.  A
 * list that cannot be opened or read is an input of its own, in error. */
static bool next_in_list(struct walker *w, struct input *in)
{
	ssize_t n = w->list ? getdelim(&w->line, &w->line_cap, w->opt->nul_separated ? '\0' : '\n',
	                               w->list)
	                    : -1;
	if (n > 0) {
		if (w->line[n - 1] == '\n' || w->line[n - 1] == '\0')
			w->line[--n] = '\0';
		if (n > 0 && w->line[n - 1] == '\r')
			w->line[--n] = '\0';
		in->path = n > 0 ? strdup(w->line) : NULL;
		in->strip = n > 0 ? strip_of(w->line) : 0;
		return in->path != NULL;
	}
	int e = !w->list ? w->list_errno : ferror(w->list) ? (errno ? errno : EIO) : 0;
	if (e) {
		in->path = strdup(w->opt->files_from);
		in->error = format("cannot read the list: %s", strerror(e));
	}
	if (w->list && w->list != stdin)
		fclose(w->list);
	w->list = NULL;
	w->list_errno = 0;
	return in->path != NULL;
}

/* The next argument: a directory is walked (whatever its name), anything
 * else is an input, even one that will fail to read. */
static bool next_arg(struct walker *w, struct input *in)
{
	const char *a = w->opt->inputs[w->arg++];
	struct stat st;
	w->strip = in->strip = strip_of(a);
	if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
		char *d = strdup(a);
		size_t n = d ? strlen(d) : 0;
		while (n > 1 && d[n - 1] == '/')
			d[--n] = '\0';
		return d && enter_dir(w, d, in);
	}
	in->path = strdup(a);
	return in->path != NULL;
}

/* The next input, in order: the list, then the arguments, each directory
 * walked depth first in sorted order.  False at the end. */
static bool walker_next(struct walker *w, struct input *in)
{
	in->path = in->error = NULL;
	in->strip = 0;
	for (;;) {
		if (w->depth > 0) {
			if (next_in_dir(w, in))
				return true;
		} else if (w->list || w->list_errno) {
			if (next_in_list(w, in))
				return true;
		} else if (w->arg < w->opt->ninputs) {
			if (next_arg(w, in))
				return true;
		} else {
			return false;
		}
	}
}

static void walker_open(struct walker *w, const struct imr_batch_options *opt)
{
	memset(w, 0, sizeof *w);
	w->opt = opt;
	if (opt->files_from) {
		w->list = strcmp(opt->files_from, "-") == 0 ? stdin : fopen(opt->files_from, "r");
		if (!w->list)
			w->list_errno = errno; /* the first input says so */
	}
}

static void walker_close(struct walker *w)
{
	while (w->depth > 0)
		pop_dir(w);
	free(w->stack);
	if (w->list && w->list != stdin)
		fclose(w->list);
	free(w->line);
}

/* ---- --resume: the rows of an earlier manifest ------------------------- */

static struct old_row *old_find(struct batch *b, const char *path)
{
	if (!b->old_cap)
		return NULL;
	for (size_t i = hash_str(path) & (b->old_cap - 1);; i = (i + 1) & (b->old_cap - 1)) {
		if (!b->old[i].path)
			return NULL;
		if (strcmp(b->old[i].path, path) == 0)
			return &b->old[i];
	}
}

static void old_insert(struct batch *b, char *path, size_t bytes, const char *sha, char *line)
{
	if ((b->old_count + 1) * 2 > b->old_cap) {
		size_t cap = b->old_cap ? b->old_cap * 2 : 1024;
		struct old_row *t = calloc(cap, sizeof *t);
		if (!t)
			return;
		for (size_t i = 0; i < b->old_cap; i++) {
			if (!b->old[i].path)
				continue;
			size_t j = hash_str(b->old[i].path) & (cap - 1);
			while (t[j].path)
				j = (j + 1) & (cap - 1);
			t[j] = b->old[i];
		}
		free(b->old);
		b->old = t;
		b->old_cap = cap;
	}
	struct old_row *r = old_find(b, path);
	if (r) {
		free(r->path);
		free(r->line);
	} else {
		size_t j = hash_str(path) & (b->old_cap - 1);
		while (b->old[j].path)
			j = (j + 1) & (b->old_cap - 1);
		r = &b->old[j];
		b->old_count++;
	}
	r->path = path;
	r->bytes = bytes;
	snprintf(r->sha256, sizeof r->sha256, "%s", sha);
	r->line = line;
}

/* Rows whose status is ok: path, status, variant, issues, bytes, sha256. */
static void load_manifest(struct batch *b, const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[0] == '#' || strncmp(line, "path\t", 5) == 0)
			continue;
		char *copy = strdup(line);
		char *fields[7] = {0};
		char *save = NULL, *p = line;
		for (int i = 0; i < 7; i++, p = NULL)
			fields[i] = strtok_r(p, "\t\n", &save);
		if (copy && fields[5] && strcmp(fields[1], "ok") == 0 && strlen(fields[5]) == 64)
			old_insert(b, strdup(fields[0]), strtoull(fields[4], NULL, 10), fields[5], copy);
		else
			free(copy);
	}
	free(line);
	fclose(f);
}

/* ---- converting one input (in a worker) -------------------------------- */

/* A row in error: REASON in the manifest, PATH: error: REASON on stderr. */
static void error_row(struct row *row, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void error_row(struct row *row, const char *path, const char *fmt, ...)
{
	row->status = ROW_ERROR;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&row->message, fmt, ap) < 0)
		row->message = NULL;
	va_end(ap);
	row->diagnostics = row->message ? format("%s: error: %s\n", path, row->message) : NULL;
}

/* What stderr gets of a document: its diagnostics, with -q its errors. */
static char *diags_text(const struct imr_diags *d, const char *name, bool quiet)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	imr_diags_print_quiet(d, name, quiet, m);
	fclose(m);
	if (buf && !*buf) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

static char *first_message(const struct imr_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct imr_diag *g = &d->items[i];
		if (g->severity != IMR_ERROR)
			continue;
		char *s = NULL;
		/* The path is the row's first column: the position in words, not
		 * GNU's bare "12:3: " after a name that is not there. */
		int rc = g->line && g->column
		                 ? asprintf(&s, "line %u, column %u: %s", g->line, g->column, g->message)
		         : g->line ? asprintf(&s, "line %u: %s", g->line, g->message)
		                   : asprintf(&s, "%s", g->message);
		if (rc < 0)
			return NULL;
		for (char *c = s; *c; c++)
			if (*c == '\t' || *c == '\n' || *c == '\r')
				*c = ' ';
		return s;
	}
	return NULL;
}

/* The manifest's warnings column: their count and codes ("0" when none). */
static char *warnings_field(const struct imr_summary *sum)
{
	if (!sum->warnings)
		return NULL;
	char buf[512];
	int n = snprintf(buf, sizeof buf, "%zu", sum->warnings);
	const char *sep = " ";
	for (unsigned c = 0; imr_warning_code_name(c); c++)
		if (sum->warning_codes & (1u << c)) {
			n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s", sep, imr_warning_code_name(c));
			sep = ",";
		}
	return strdup(buf);
}

/* Field k (0-based) of a manifest row, malloc'ed, or NULL when it is
 * absent or "0". */
static char *old_field(const char *line, int k)
{
	const char *s = line;
	for (int i = 0; i < k && s; i++)
		if ((s = strchr(s, '\t')))
			s++;
	if (!s)
		return NULL;
	size_t n = strcspn(s, "\t\n");
	return n && !(n == 1 && *s == '0') ? strndup(s, n) : NULL;
}

/* --format csv|jsonl: the rows of the document's XML into row->items.
 * When they cannot be made the row is in error, and has none. */
static void export_rows(struct batch *b, const char *path, const char *xml, size_t len,
                        struct row *row, struct imr_diags *diags)
{
	if (b->opt->format == IMR_FORMAT_XML)
		return;
	int e = imr_export_xml(b->opt->format, xml, len, path, &row->items, NULL, diags);
	if (e) {
		row->status = ROW_ERROR;
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "cannot export its items: %s",
		             e == EINVAL   ? "the XML is not well-formed"
		             : e == EILSEQ ? "its name is not UTF-8"
		                           : strerror(e));
		imr_buffer_free(&row->items);
	}
}

static void db_rows(struct batch *b, struct imr_db_loader *loader, const char *path, const char *xml,
                    size_t len, struct imr_validator *v, struct row *row, struct imr_diags *diags);

/* --resume with --format or --db: a document skipped has its rows all the
 * same, from the XML an earlier run wrote. */
static void export_old_rows(struct batch *b, struct imr_db_loader *loader, const char *path,
                            const char *out, struct row *row)
{
	bool load = b->db && !imr_db_known(b->db, row->sha256);
	if (b->opt->format == IMR_FORMAT_XML && !load)
		return;
	const char *why = NULL;
	size_t len = 0;
	char *xml = read_file(out, &len, &why);
	struct imr_diags diags;
	imr_diags_init(&diags);
	if (xml) {
		export_rows(b, path, xml, len, row, &diags);
		if (load && row->status != ROW_ERROR)
			db_rows(b, loader, path, xml, len, NULL, row, &diags);
	} else
		error_row(row, path, "cannot read %s to export its items: %s", out, why);
	if (diags.count) {
		row->message = first_message(&diags);
		row->diagnostics = diags_text(&diags, path, b->opt->quiet);
	}
	imr_diags_free(&diags);
	free(xml);
}

/* --db: the rows of the letter's XML (just written, or read as an input)
 * into row->db, and its variant and items into the row.  When they cannot
 * be made the row is in error. */
static void db_rows(struct batch *b, struct imr_db_loader *loader, const char *path, const char *xml,
                    size_t len, struct imr_validator *v, struct row *row, struct imr_diags *diags)
{
	if (!b->db)
		return;
	size_t errors = diags->errors;
	xmlDocPtr doc = imr_xml_read(xml, len, diags);
	int e = !doc ? EINVAL : 0;
	if (doc && (!imr_is_determination(doc, diags) || (v && !imr_validate_doc(v, doc, diags)))) {
		row->status = ROW_REJECTED;
		xmlFreeDoc(doc);
		return;
	}
	if (doc && !(row->db = calloc(1, sizeof *row->db)))
		e = ENOMEM;
	if (!e)
		e = loader ? imr_db_rows_of_doc(loader, doc, path, row->sha256[0] ? row->sha256 : NULL, row->db)
		           : ENOMEM;
	if (!e && !row->variant) {
		/* Letters joined: the first's, as for an input converted. */
		xmlNodePtr first = imr_xml_first_letter(doc);
		xmlChar *variant = first ? xmlGetProp(first, BAD_CAST "variant") : NULL;
		int known = variant ? imr_variant_by_name((const char *)variant) : -1;
		row->variant = known >= 0 ? imr_variant_name((enum imr_variant)known) : NULL;
		xmlFree(variant);
		row->issues = imr_db_rows_items(row->db);
	}
	xmlFreeDoc(doc);
	if (e) {
		if (row->db)
			imr_db_rows_free(row->db);
		free(row->db);
		row->db = NULL;
		row->status = e == EINVAL && diags->errors > errors ? ROW_REJECTED : ROW_ERROR;
		if (diags->errors == errors)
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "cannot load it into the database: %s",
			             e == EINVAL ? "its XML has no sha256" : strerror(e));
	}
}

/* --db: an XML file among the inputs (a batch's output): loaded as it is,
 * unless its letter is in the database already. */
static void load_xml(struct batch *b, struct imr_db_loader *loader, struct imr_validator *v,
                     const char *path, const char *data, size_t len, struct row *row)
{
	char sha[65];
	row->status = ROW_OK;
	row->skipped = true; /* nothing converted */
	if (imr_db_xml_sha256(data, len, sha) && imr_db_known(b->db, sha)) {
		snprintf(row->sha256, sizeof row->sha256, "%s", sha);
		row->in_db = true;
		return;
	}
	/* XML without @sha256 (not converted by imr2xml): the file's own. */
	imr_sha256_hex(data, len, row->sha256);
	struct imr_diags diags;
	imr_diags_init(&diags);
	db_rows(b, loader, path, data, len, v, row, &diags);
	if (row->db)
		snprintf(row->sha256, sizeof row->sha256, "%s", row->db->sha256);
	row->message = first_message(&diags);
	row->diagnostics = diags_text(&diags, path, b->opt->quiet);
	imr_diags_free(&diags);
}

static void convert_one(struct batch *b, struct imr_validator *v, struct imr_db_loader *loader,
                        const struct slot *s, struct row *row)
{
	const char *path = s->path;
	memset(row, 0, sizeof *row);
	const char *why = NULL;
	size_t len = 0;
	char *data = read_file(path, &len, &why);
	if (!data) {
		error_row(row, path, "cannot read: %s", why);
		return;
	}
	row->bytes = len;
	if (b->db && imr_is_xml(data, len)) {
		load_xml(b, loader, v, path, data, len, row);
		free(data);
		return;
	}
	imr_sha256_hex(data, len, row->sha256);
	if (b->db && !b->opt->outdir && imr_db_known(b->db, row->sha256)) {
		/* Nothing to write, and nothing to load. */
		row->status = ROW_OK;
		row->skipped = row->in_db = true;
		free(data);
		return;
	}
	char *out = b->opt->outdir ? output_path(b->opt->outdir, path + s->strip) : NULL;
	if (b->opt->resume && out) {
		struct old_row *old = old_find(b, path);
		struct stat st;
		if (old && old->bytes == len && strcmp(old->sha256, row->sha256) == 0 &&
		    stat(out, &st) == 0) {
			char *variant = old_field(old->line, 2), *issues = old_field(old->line, 3);
			int known = variant ? imr_variant_by_name(variant) : -1;
			row->variant = known >= 0 ? imr_variant_name((enum imr_variant)known) : NULL;
			row->issues = issues ? strtoull(issues, NULL, 10) : 0;
			free(variant);
			free(issues);
			row->warnings = old_field(old->line, 6);
			char *letters = old_field(old->line, 8);
			row->letters = letters ? strtoull(letters, NULL, 10) : 1;
			free(letters);
			row->status = ROW_OK;
			row->skipped = true;
			export_old_rows(b, loader, path, out, row);
			free(out);
			free(data);
			return;
		}
	}
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_buffer xml;
	struct imr_summary sum;
	struct imr_options opt = b->opt->opt;
	opt.source_name = path;
	opt.sha256 = row->sha256;
	enum imr_status st = imr_convert_to_buffer(data, len, &opt, v, &xml, &sum, &diags);
	free(data);
	row->warnings = warnings_field(&sum);
	row->pages = sum.pages;
	row->variant = sum.variant;
	row->issues = sum.issues;
	row->letters = sum.letters;
	row->status = st == IMR_OK ? ROW_OK : xml.data ? ROW_PARTIAL : st == IMR_USAGE ? ROW_ERROR : ROW_REJECTED;
	if (xml.data) {
		int e = !b->opt->outdir ? 0 : !out ? ENOMEM : imr_write_atomically(out, xml.data, xml.len, true);
		if (e) {
			row->status = ROW_ERROR;
			imr_diag_add(&diags, IMR_ERROR, 0, 0, NULL, 0, "cannot write %s: %s",
			             out ? out : "output", strerror(e));
		} else {
			export_rows(b, path, xml.data, xml.len, row, &diags);
			/* Already valid: not validated again. */
			if (row->status != ROW_ERROR && !(b->db && imr_db_known(b->db, row->sha256)))
				db_rows(b, loader, path, xml.data, xml.len, NULL, row, &diags);
			else if (b->db)
				row->in_db = true;
		}
		imr_buffer_free(&xml);
	}
	row->message = first_message(&diags);
	row->diagnostics = diags_text(&diags, path, b->opt->quiet);
	imr_diags_free(&diags);
	free(out);
}

static void retire_ready(struct batch *b);

static void *worker(void *arg)
{
	struct batch *b = arg;
	struct imr_validator *v = b->opt->validate ? imr_validator_new(b->schema) : NULL;
	struct imr_db_loader *loader = b->db ? imr_db_loader_new() : NULL;
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (b->taken == b->pushed && !b->finished && !b->stopping)
			pthread_cond_wait(&b->work, &b->lock);
		if (b->stopping || interrupted || (b->taken == b->pushed && b->finished))
			break;
		struct slot *s = &b->slots[b->taken++ % RING];
		s->state = SLOT_RUNNING;
		pthread_mutex_unlock(&b->lock);
		struct row row;
		memset(&row, 0, sizeof row);
		if (s->error)
			error_row(&row, s->path, "%s", s->error);
		else
			convert_one(b, v, loader, s, &row);
		pthread_mutex_lock(&b->lock);
		s->row = row;
		s->state = SLOT_DONE;
		retire_ready(b);
	}
	pthread_mutex_unlock(&b->lock);
	imr_validator_free(v);
	imr_db_loader_free(loader);
	return NULL;
}

/* ---- the manifest and progress (main thread) --------------------------- */

static void put_field(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			fputc(*s, f);
	}
}

static void progress(struct batch *b, bool final)
{
	struct tally *t = &b->tally;
	double el = now() - t->start;
	if (b->opt->quiet && !final)
		return;
	double rate = el > 0 ? (double)t->done / el : 0;
	if (!final || (t->tty && !b->opt->quiet)) {
		double every = t->tty ? 0.1 : 10.0;
		if (!final && now() - t->last_progress < every)
			return;
		t->last_progress = now();
		if (t->tty) {
			char bar[31];
			int fill = t->total ? (int)(30.0 * (double)t->done / (double)t->total) : 0;
			for (int i = 0; i < 30; i++)
				bar[i] = i < fill ? '=' : ' ';
			bar[30] = '\0';
			double eta = t->total && rate > 0 ? (double)(t->total - t->done) / rate : 0;
			fprintf(stderr, "\r[%s] %zu/%zu  %.0f doc/s  %02d:%02d elapsed  %02d:%02d left  %zu rejected ",
			        bar, t->done, t->total, rate, (int)el / 60, (int)el % 60, (int)eta / 60,
			        (int)eta % 60, t->rejected);
		} else {
			fprintf(stderr, "imr2xml: %zu documents done, %.0f doc/s, %zu rejected\n", t->done, rate,
			        t->rejected);
		}
		if (!final)
			return;
	}
	if (t->tty && !b->opt->quiet)
		fputc('\n', stderr);
	/* The rates are of the documents read: --resume's skipped ones are
	 * only looked up. */
	rate = el > 0 ? (double)(t->done - t->skipped) / el : 0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr,
	        "imr2xml: %zu document%s: %zu converted, %zu partial, %zu rejected, %zu skipped, "
	        "%zu errors, %zu with warnings, %zu pages in %.2f s, %.0f documents/s, %.0f pages/s, "
	        "%.1f MB/s, peak RSS %ld MB\n",
	        t->done, t->done == 1 ? "" : "s", t->ok, t->partial, t->rejected, t->skipped, t->errors,
	        t->warned, t->pages, el, rate,
	        el > 0 ? (double)t->pages / el : 0.0, el > 0 ? (double)t->bytes / el / 1e6 : 0.0,
	        ru.ru_maxrss / 1024);
}

/* One finished input: its diagnostics, its manifest row, the tally. */
static void retire(struct batch *b, struct slot *s)
{
	struct row *r = &s->row;
	struct tally *t = &b->tally;
	if (r->diagnostics) {
		if (t->tty && !b->opt->quiet)
			fputc('\n', stderr);
		fputs(r->diagnostics, stderr);
	}
	FILE *m = b->manifest;
	if (m) {
		put_field(m, s->path);
		fprintf(m, "\t%s\t%s\t%zu\t%zu\t%s\t%s\t", status_names[r->status],
		        r->variant ? r->variant : "-", r->issues, r->bytes, r->sha256[0] ? r->sha256 : "-",
		        r->warnings ? r->warnings : "0");
		put_field(m, r->message ? r->message : "");
		fprintf(m, "\t%zu\n", r->letters);
	}
	if (r->db && !b->db_failed) {
		bool added = false;
		/* The database takes no more: the run goes on without it (the
		 * XML files, the manifest) and ends in error. */
		if (imr_db_insert(b->db, r->db, &added) != 0) {
			b->db_failed = true;
		} else {
			size_t letters = imr_db_rows_letters(r->db);
			t->db_added += added ? letters : 0;
			t->db_there += added ? 0 : letters;
			t->db_items += added ? imr_db_rows_items(r->db) : 0;
		}
	} else if (r->in_db) {
		size_t letters = imr_db_known_letters(b->db, r->sha256);
		t->db_there += letters ? letters : 1;
	}
	if (r->db) {
		imr_db_rows_free(r->db);
		free(r->db);
	}
	if (b->items && r->items.len && fwrite(r->items.data, 1, r->items.len, b->items) != r->items.len)
		b->items_failed = true;
	b->unflushed = true;
	imr_buffer_free(&r->items);
	t->done++;
	if (!r->skipped)
		t->bytes += r->bytes;
	t->warned += r->warnings != NULL;
	t->pages += r->pages;
	switch (r->status) {
	case ROW_OK:
		if (r->skipped)
			t->skipped++;
		else
			t->ok++;
		break;
	case ROW_PARTIAL:
		t->partial++;
		break;
	case ROW_REJECTED:
		t->rejected++;
		break;
	case ROW_ERROR:
		t->errors++;
		break;
	}
	free(r->message);
	free(r->warnings);
	free(r->diagnostics);
	free(s->path);
	free(s->error);
	memset(s, 0, sizeof *s);
}

/* The feeder streams the inputs into the ring, so that a slow list (a
 * pipe, a FIFO) never holds up the retiring of finished documents. */
static void *feeder(void *arg)
{
	struct batch *b = arg;
	for (;;) {
		struct input in = {NULL, NULL, 0};
		bool more = !interrupted && walker_next(&b->walker, &in);
		pthread_mutex_lock(&b->lock);
		/* The ring full: wait until a quarter of it is free, not for
		 * each slot (a wake-up per document costs more than a document
		 * at -j 1). */
		if (more && b->pushed - b->retired >= RING)
			while (b->pushed - b->retired > RING - RING / 4 && !b->stopping)
				pthread_cond_wait(&b->space, &b->lock);
		if (!more || b->stopping) {
			free(in.path);
			free(in.error);
			b->fed = true;
			pthread_cond_broadcast(&b->done);
			pthread_mutex_unlock(&b->lock);
			return NULL;
		}
		struct slot *s = &b->slots[b->pushed++ % RING];
		s->path = in.path;
		s->error = in.error;
		s->strip = in.strip;
		s->state = SLOT_PENDING;
		pthread_cond_signal(&b->work);
		pthread_mutex_unlock(&b->lock);
	}
}

/* ---- the run ------------------------------------------------------------ */

/* --format csv|jsonl: OUTDIR/items.csv.partial (or .jsonl) open, with its
 * header row. */
static int open_items(struct batch *b)
{
	const struct imr_batch_options *opt = b->opt;
	if (opt->format == IMR_FORMAT_XML)
		return IMR_OK;
	const char *ext = imr_format_extension(opt->format);
	b->items_path = format("%s/%s.%s", opt->outdir, imr_table_name(), ext);
	b->items_partial = format("%s/%s.%s.partial", opt->outdir, imr_table_name(), ext);
	if (!b->items_path || !b->items_partial)
		return IMR_USAGE;
	b->items = fopen(b->items_partial, "w");
	if (!b->items) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", b->items_partial, strerror(errno));
		return IMR_USAGE;
	}
	struct imr_buffer head = {0};
	bool ok = imr_export_begin(opt->format, &head) == 0 &&
	          fwrite(head.data, 1, head.len, b->items) == head.len;
	imr_buffer_free(&head);
	if (!ok) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", b->items_partial, strerror(errno));
		return IMR_USAGE;
	}
	return IMR_OK;
}

static int load_schema(struct batch *b)
{
	if (b->opt->validate) {
		struct imr_diags d;
		imr_diags_init(&d);
		b->schema = imr_schema_load(&d);
		imr_diags_free(&d);
		if (!b->schema) {
			fputs("imr2xml: error: the embedded schema failed to load\n", stderr);
			return IMR_SCHEMA_FAILED;
		}
	}
	return IMR_OK;
}

/* The database opened (--db); OUTDIR made, an earlier run's rows loaded (--resume), the schema
 * compiled, manifest.tsv.partial open with its header.  Returns the exit
 * status so far. */
static int open_outputs(struct batch *b)
{
	const struct imr_batch_options *opt = b->opt;
	if (opt->db && !(b->db = imr_db_open(opt->db)))
		return IMR_USAGE;
	if (!opt->outdir) /* --db alone */
		return load_schema(b);
	if (mkdir(opt->outdir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "imr2xml: error: cannot create %s: %s\n", opt->outdir, strerror(errno));
		return IMR_USAGE;
	}
	b->manifest_path = format("%s/manifest.tsv", opt->outdir);
	b->partial_path = format("%s/manifest.tsv.partial", opt->outdir);
	if (!b->manifest_path || !b->partial_path)
		return IMR_USAGE;
	if (opt->resume) {
		load_manifest(b, b->manifest_path);
		load_manifest(b, b->partial_path);
	}
	int st = load_schema(b);
	if (st != IMR_OK)
		return st;
	b->manifest = fopen(b->partial_path, "w");
	if (!b->manifest) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", b->partial_path, strerror(errno));
		return IMR_USAGE;
	}
	fputs("path\tstatus\tvariant\tissues\tbytes\tsha256\twarnings\tmessage\tletters\n", b->manifest);
	return open_items(b);
}

/* How many inputs there are, for the progress bar (0: unknown, when the
 * list is not a file and can be read only once: stdin, a pipe, a FIFO). */
static size_t count_inputs(const struct imr_batch_options *opt)
{
	struct stat st;
	if (opt->files_from && (strcmp(opt->files_from, "-") == 0 || stat(opt->files_from, &st) != 0 ||
	                        !S_ISREG(st.st_mode)))
		return 0;
	struct walker w;
	struct input in;
	size_t n = 0;
	walker_open(&w, opt);
	/* Ctrl-C here stops the count too: the run then stops at once. */
	for (; !interrupted && walker_next(&w, &in); n++) {
		free(in.path);
		free(in.error);
	}
	walker_close(&w);
	return n;
}

static void start_tally(struct batch *b)
{
	struct tally *t = &b->tally;
	t->tty = isatty(STDERR_FILENO) == 1;
	t->start = t->last_progress = now();
	if (t->tty && !b->opt->quiet)
		t->total = count_inputs(b->opt);
}

/* Ctrl-C and SIGTERM stop the run between documents (see retire_all). */
static void catch_signals(struct batch *b)
{
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &b->old_int);
	sigaction(SIGTERM, &sa, &b->old_term);
}

static void restore_signals(struct batch *b)
{
	sigaction(SIGINT, &b->old_int, NULL);
	sigaction(SIGTERM, &b->old_term, NULL);
}

/* The workers, then the feeder.  When none can start, the run has no
 * inputs and its exit status says so. */
static void start_threads(struct batch *b)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = b->opt->jobs > 0 ? b->opt->jobs : (cpus > 0 ? (int)cpus : 1);
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	while (b->nworkers < jobs && pthread_create(&b->workers[b->nworkers], NULL, worker, b) == 0)
		b->nworkers++;
	if (b->nworkers > 0) {
		walker_open(&b->walker, b->opt);
		b->feeding = pthread_create(&b->feeder, NULL, feeder, b) == 0;
		if (!b->feeding)
			walker_close(&b->walker);
	}
	if (!b->feeding) {
		fputs("imr2xml: error: cannot start\n", stderr);
		b->fed = true;
	}
}

/* The slot next in input order, if it is done: taken out of the ring
 * (under the lock) so that the feeder may refill it at once. */
static bool take_next_done(struct batch *b, struct slot *out)
{
	if (b->retired == b->pushed || b->slots[b->retired % RING].state != SLOT_DONE)
		return false;
	struct slot *s = &b->slots[b->retired++ % RING];
	*out = *s;
	memset(s, 0, sizeof *s);
	if (b->pushed - b->retired == RING - RING / 4)
		pthread_cond_signal(&b->space);
	return true;
}

/* Every input retired; after Ctrl-C, every input a worker took (the
 * rest are dropped: --resume converts them).  Called with the lock held. */
static bool all_retired(const struct batch *b)
{
	return b->stopping ? b->retired == b->taken : b->retired == b->pushed && b->fed;
}

/* Retire the finished slots at the head of the ring, in input order, and
 * show progress; called with the lock held, by whichever thread gets to
 * it first (a worker after each document, the main thread now and then):
 * one thread retires at a time, the others go on converting, so no
 * document waits for a thread to be woken.  The manifest (and items
 * file) is flushed once per run of rows, before the flag is cleared:
 * what is flushed is what --resume finds after a crash. */
static void retire_ready(struct batch *b)
{
	if (b->retiring)
		return;
	b->retiring = true;
	for (;;) {
		struct slot done;
		while (take_next_done(b, &done)) {
			pthread_mutex_unlock(&b->lock);
			retire(b, &done);
			pthread_mutex_lock(&b->lock);
		}
		if (!b->unflushed)
			break;
		b->unflushed = false;
		pthread_mutex_unlock(&b->lock);
		if (b->manifest)
			fflush(b->manifest);
		if (b->items && fflush(b->items) != 0)
			b->items_failed = true;
		progress(b, false);
		pthread_mutex_lock(&b->lock);
	}
	b->retiring = false;
	if (all_retired(b))
		pthread_cond_broadcast(&b->done);
}

/* The time ms milliseconds from now, as pthread_cond_timedwait takes it. */
static struct timespec in_ms(long ms)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += ms * 1000000;
	t.tv_sec += t.tv_nsec / 1000000000;
	t.tv_nsec %= 1000000000;
	return t;
}

/* Ctrl-C (seen by the main thread, which wakes every 0.1 s): no worker
 * starts another document, the feeder pushes no more.  The workers
 * finish the documents in hand; those are retired, in input order, and
 * the inputs still waiting in the ring are dropped (stop_threads). */
static void stop_on_interrupt(struct batch *b)
{
	if (!interrupted || b->stopping)
		return;
	b->stopping = true;
	pthread_cond_broadcast(&b->work);
	pthread_cond_broadcast(&b->space);
}

/* The main thread's loop: retire finished documents in input order until
 * every input is retired, or Ctrl-C; wake now and then for the progress
 * display and for Ctrl-C. */
static void retire_all(struct batch *b)
{
	pthread_mutex_lock(&b->lock);
	for (;;) {
		stop_on_interrupt(b);
		retire_ready(b);
		if (all_retired(b) && !b->retiring)
			break;
		struct timespec until = in_ms(100);
		pthread_cond_timedwait(&b->done, &b->lock, &until);
		if (!b->retiring) { /* a slow document: the display still moves */
			b->retiring = true;
			pthread_mutex_unlock(&b->lock);
			progress(b, false);
			pthread_mutex_lock(&b->lock);
			b->retiring = false;
		}
	}
	pthread_mutex_unlock(&b->lock);
}

/* Stops the workers and waits for them, and for the feeder unless it is
 * still blocked reading a list (a pipe) after Ctrl-C: then it returns
 * false, and the feeder still uses b. */
static bool stop_threads(struct batch *b)
{
	pthread_mutex_lock(&b->lock);
	b->finished = true;
	pthread_cond_broadcast(&b->work);
	pthread_cond_broadcast(&b->space);
	pthread_mutex_unlock(&b->lock);
	for (int i = 0; i < b->nworkers; i++)
		pthread_join(b->workers[i], NULL);
	/* After Ctrl-C: the inputs no worker took.  The feeder stops at its
	 * next input: one walking a directory gets there at once, one
	 * blocked reading a pipe perhaps never, so it is given a moment only
	 * (it was seen mid-walk and left holding b, a leak). */
	pthread_mutex_lock(&b->lock);
	struct timespec until = in_ms(200);
	while (b->feeding && !b->fed && pthread_cond_timedwait(&b->done, &b->lock, &until) == 0)
		;
	bool fed = b->fed;
	for (; b->taken < b->pushed; b->taken++) {
		struct slot *s = &b->slots[b->taken % RING];
		free(s->path);
		free(s->error);
		memset(s, 0, sizeof *s);
	}
	pthread_mutex_unlock(&b->lock);
	if (b->feeding && !fed)
		return false;
	if (b->feeding) {
		pthread_join(b->feeder, NULL);
		walker_close(&b->walker);
	}
	return true;
}

/* 0 all converted, 1 any rejected or partial, 2 any input in error (or
 * none could be read at all). */
static int exit_status(const struct batch *b)
{
	const struct tally *t = &b->tally;
	if (t->errors || !b->feeding)
		return IMR_USAGE;
	return t->rejected || t->partial ? IMR_REJECTED : IMR_OK;
}

/* The summary; manifest.tsv.partial becomes manifest.tsv unless the run
 * was interrupted.  Returns the exit status. */
static int finish(struct batch *b)
{
	bool closed = !b->manifest || fclose(b->manifest) == 0;
	b->manifest = NULL;
	/* What was retired is committed, after Ctrl-C too: a run again adds
	 * the rest. */
	bool db_closed = imr_db_close(b->db) == 0 && !b->db_failed;
	b->db = NULL;
	bool items_closed = true;
	if (b->items) {
		items_closed = fclose(b->items) == 0 && !b->items_failed;
		b->items = NULL;
	}
	progress(b, true);
	if (b->opt->db)
		fprintf(stderr, "imr2xml: %s: %zu letter%s added (%zu item%s), %zu there already\n",
		        b->opt->db, b->tally.db_added, b->tally.db_added == 1 ? "" : "s", b->tally.db_items,
		        b->tally.db_items == 1 ? "" : "s", b->tally.db_there);
	if (!db_closed)
		return IMR_USAGE;
	if (interrupted && !b->manifest_path) {
		fputs("imr2xml: interrupted: the letters done are in the database; run again to add the rest\n",
		      stderr);
		return 130;
	}
	if (interrupted) {
		fprintf(stderr, "imr2xml: interrupted: %s lists what was done; run again with --resume\n",
		        b->partial_path);
		return 130;
	}
	/* The items first: a manifest.tsv says the run is complete. */
	if (b->items_path && (!items_closed || rename(b->items_partial, b->items_path) != 0)) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", b->items_path, strerror(errno));
		return IMR_USAGE;
	}
	if (b->manifest_path && (!closed || rename(b->partial_path, b->manifest_path) != 0)) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", b->manifest_path, strerror(errno));
		return IMR_USAGE;
	}
	return exit_status(b);
}

static struct batch *batch_new(const struct imr_batch_options *opt)
{
	struct batch *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->opt = opt;
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->work, NULL);
	pthread_cond_init(&b->done, NULL);
	pthread_cond_init(&b->space, NULL);
	return b;
}

static void batch_free(struct batch *b)
{
	imr_db_abandon(b->db);
	if (b->manifest)
		fclose(b->manifest);
	if (b->items)
		fclose(b->items);
	free(b->items_path);
	free(b->items_partial);
	imr_schema_free(b->schema);
	for (size_t i = 0; i < b->old_cap; i++) {
		free(b->old[i].path);
		free(b->old[i].line);
	}
	free(b->old);
	free(b->manifest_path);
	free(b->partial_path);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->work);
	pthread_cond_destroy(&b->done);
	pthread_cond_destroy(&b->space);
	free(b);
}

int imr_batch_run(const struct imr_batch_options *opt)
{
	struct batch *b = batch_new(opt);
	if (!b)
		return IMR_USAGE;
	/* The handlers cover the run's whole life: a Ctrl-C while the
	 * database opens (it may wait for another writer's lock), the schema
	 * compiles or the inputs are counted stops the run before its first
	 * document, with the summary and exit status 130, rather than killing
	 * it; and one that comes while finish() renames the manifest is seen
	 * there or, after it, finds the run complete. */
	catch_signals(b);
	int status = open_outputs(b);
	if (status != IMR_OK) {
		restore_signals(b);
		batch_free(b);
		return status;
	}
	start_tally(b);
	start_threads(b);
	retire_all(b);
	bool joined = stop_threads(b);
	status = finish(b);
	restore_signals(b);
	/* Otherwise the feeder, blocked reading a pipe, still holds b: the
	 * process is about to exit, so b is left to it. */
	if (joined)
		batch_free(b);
	return status;
}
