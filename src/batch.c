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
 */
#define _GNU_SOURCE /* open_memstream is POSIX 2008; dirent d_type */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "diag.h"
#include "output.h"

enum { RING = 256, MAX_JOBS = 256 };

enum row_status { ROW_OK, ROW_PARTIAL, ROW_REJECTED, ROW_ERROR };
static const char *const status_names[] = {"ok", "partial", "rejected", "error"};

struct row {
	enum row_status status;
	bool skipped;             /* --resume: output already there */
	char variant[16];
	size_t issues;
	size_t bytes;
	char sha256[65];
	char *message;            /* first diagnostic, or NULL */
	char *diagnostics;        /* everything to print on stderr, or NULL */
};

enum slot_state { SLOT_EMPTY, SLOT_PENDING, SLOT_RUNNING, SLOT_DONE };

struct slot {
	enum slot_state state;
	char *path;
	struct row row;
};

struct walker;

/* A row of an earlier manifest, for --resume. */
struct old_row {
	char *path;
	size_t bytes;
	char sha256[65];
	char *line; /* the whole row, reused as it is */
};

struct batch {
	const struct imr_batch_options *opt;
	struct imr_schema *schema;
	pthread_mutex_t lock;
	pthread_cond_t work, done, space;
	struct slot slots[RING];
	size_t pushed, taken, retired; /* sequence numbers */
	bool fed;                      /* the feeder has pushed every input */
	bool finished;                 /* workers: stop when idle */
	struct walker *walker;
	/* --resume */
	struct old_row *old;
	size_t old_cap, old_count;
};

static volatile sig_atomic_t interrupted;

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

static char *read_file(const char *path, size_t *len, int *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = errno;
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		fclose(f);
		return NULL;
	}
	size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		char *p = realloc(buf, cap * 2);
		if (!p) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = p;
		cap *= 2;
	}
	*err = !buf ? ENOMEM : ferror(f) ? EIO : 0;
	fclose(f);
	if (*err) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static void sha256_hex(const char *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* OUTDIR/a/b/x.xml for a/b/x.txt: leading slashes and "." go, ".."
 * becomes "__", so no input maps outside OUTDIR. */
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
	size_t l = strlen(out);
	if (l > 4 && strcmp(out + l - 4, ".txt") == 0)
		strcpy(out + l - 4, ".xml");
	else
		strcat(out, ".xml");
	return out;
}

/* ---- the inputs, streamed --------------------------------------------- */

struct dir_frame {
	char *dir;
	struct dirent **list;
	int n, i;
};

struct walker {
	const struct imr_batch_options *opt;
	int arg;
	FILE *list;
	struct dir_frame stack[64];
	int depth;
	char *line;
	size_t line_cap;
};

static bool has_txt_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

static void push_dir(struct walker *w, const char *dir)
{
	if (w->depth == (int)(sizeof w->stack / sizeof w->stack[0]))
		return;
	struct dir_frame *f = &w->stack[w->depth];
	f->n = scandir(dir, &f->list, NULL, alphasort);
	if (f->n < 0) {
		fprintf(stderr, "%s: error: cannot read directory: %s\n", dir, strerror(errno));
		return;
	}
	f->dir = strdup(dir);
	f->i = 0;
	w->depth++;
}

static void pop_dir(struct walker *w)
{
	struct dir_frame *f = &w->stack[--w->depth];
	for (int i = f->i; i < f->n; i++)
		free(f->list[i]);
	free(f->list);
	free(f->dir);
}

/* The next input path (malloc'ed), or NULL at the end. */
static char *walker_next(struct walker *w)
{
	for (;;) {
		while (w->depth > 0) {
			struct dir_frame *f = &w->stack[w->depth - 1];
			if (f->i == f->n) {
				pop_dir(w);
				continue;
			}
			struct dirent *d = f->list[f->i++];
			char *path = NULL;
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") &&
			    asprintf(&path, "%s/%s", f->dir, d->d_name) < 0)
				path = NULL;
			free(d);
			if (!path)
				continue;
			struct stat st;
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
				push_dir(w, path);
				free(path);
				continue;
			}
			if (has_txt_suffix(path) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
				return path;
			free(path);
		}
		if (w->list) {
			ssize_t n = getdelim(&w->line, &w->line_cap, w->opt->nul_separated ? '\0' : '\n',
			                     w->list);
			if (n > 0) {
				if (w->line[n - 1] == '\n' || w->line[n - 1] == '\0')
					w->line[--n] = '\0';
				if (n > 0 && w->line[n - 1] == '\r')
					w->line[--n] = '\0';
				if (n > 0)
					return strdup(w->line);
				continue;
			}
			if (w->list != stdin)
				fclose(w->list);
			w->list = NULL;
		}
		if (w->arg >= w->opt->ninputs)
			return NULL;
		const char *a = w->opt->inputs[w->arg++];
		struct stat st;
		if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t n = strlen(a);
			char *d = strdup(a);
			while (n > 1 && d[n - 1] == '/')
				d[--n] = '\0';
			push_dir(w, d);
			free(d);
			continue;
		}
		return strdup(a); /* a file, or one that fails to read later */
	}
}

static bool walker_open(struct walker *w, const struct imr_batch_options *opt)
{
	memset(w, 0, sizeof *w);
	w->opt = opt;
	if (opt->files_from) {
		w->list = strcmp(opt->files_from, "-") == 0 ? stdin : fopen(opt->files_from, "r");
		if (!w->list) {
			fprintf(stderr, "imr2xml: error: cannot read %s: %s\n", opt->files_from,
			        strerror(errno));
			return false;
		}
	}
	return true;
}

static void walker_close(struct walker *w)
{
	while (w->depth > 0)
		pop_dir(w);
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

static char *diags_text(const struct imr_diags *d, const char *name)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	imr_diags_print(d, name, m);
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
		int rc = g->line && g->column ? asprintf(&s, "%u:%u: %s", g->line, g->column, g->message)
		         : g->line            ? asprintf(&s, "%u: %s", g->line, g->message)
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

static void convert_one(struct batch *b, struct imr_validator *v, const char *path, struct row *row)
{
	memset(row, 0, sizeof *row);
	int err = 0;
	size_t len = 0;
	char *data = read_file(path, &len, &err);
	if (!data) {
		row->status = ROW_ERROR;
		if (asprintf(&row->message, "cannot read: %s", strerror(err)) < 0)
			row->message = NULL;
		if (asprintf(&row->diagnostics, "%s: error: cannot read: %s\n", path, strerror(err)) < 0)
			row->diagnostics = NULL;
		return;
	}
	row->bytes = len;
	sha256_hex(data, len, row->sha256);
	char *out = output_path(b->opt->outdir, path);
	if (b->opt->resume && out) {
		struct old_row *old = old_find(b, path);
		struct stat st;
		if (old && old->bytes == len && strcmp(old->sha256, row->sha256) == 0 &&
		    stat(out, &st) == 0) {
			const char *t = strchr(old->line, '\t');
			t = t ? strchr(t + 1, '\t') : NULL;
			if (t)
				sscanf(t + 1, "%15[^\t]\t%zu", row->variant, &row->issues);
			row->status = ROW_OK;
			row->skipped = true;
			free(out);
			free(data);
			return;
		}
	}
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_buffer xml;
	struct imr_summary sum;
	enum imr_status st = imr_convert_to_buffer(data, len, &b->opt->opt, v, &xml, &sum, &diags);
	free(data);
	if (sum.variant)
		snprintf(row->variant, sizeof row->variant, "%s", sum.variant);
	row->issues = sum.issues;
	row->status = st == IMR_OK ? ROW_OK : xml.data ? ROW_PARTIAL : st == IMR_USAGE ? ROW_ERROR : ROW_REJECTED;
	if (xml.data) {
		int e = !out ? ENOMEM : imr_write_atomically(out, xml.data, xml.len, true);
		if (e) {
			row->status = ROW_ERROR;
			imr_diag_add(&diags, IMR_ERROR, 0, 0, NULL, 0, "cannot write %s: %s",
			             out ? out : "output", strerror(e));
		}
		imr_buffer_free(&xml);
	}
	row->message = first_message(&diags);
	row->diagnostics = diags_text(&diags, path);
	imr_diags_free(&diags);
	free(out);
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	struct imr_validator *v = b->opt->validate ? imr_validator_new(b->schema) : NULL;
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (b->taken == b->pushed && !b->finished)
			pthread_cond_wait(&b->work, &b->lock);
		if (b->taken == b->pushed && b->finished)
			break;
		struct slot *s = &b->slots[b->taken++ % RING];
		s->state = SLOT_RUNNING;
		pthread_mutex_unlock(&b->lock);
		struct row row;
		convert_one(b, v, s->path, &row);
		pthread_mutex_lock(&b->lock);
		s->row = row;
		s->state = SLOT_DONE;
		pthread_cond_broadcast(&b->done);
	}
	pthread_mutex_unlock(&b->lock);
	imr_validator_free(v);
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

struct tally {
	size_t done, ok, partial, rejected, skipped, errors, bytes;
	size_t total; /* 0: unknown */
	double start, last_progress;
	bool tty;
};

static void progress(const struct batch *b, struct tally *t, bool final)
{
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
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr,
	        "imr2xml: %zu documents: %zu converted, %zu partial, %zu rejected, %zu skipped, "
	        "%zu errors in %.2f s, %.0f documents/s, %.1f MB/s, peak RSS %ld MB\n",
	        t->done, t->ok, t->partial, t->rejected, t->skipped, t->errors, el, rate,
	        el > 0 ? (double)t->bytes / el / 1e6 : 0.0, ru.ru_maxrss / 1024);
}

static void retire(struct batch *b, struct slot *s, FILE *manifest, struct tally *t)
{
	struct row *r = &s->row;
	if (r->diagnostics) {
		if (t->tty && !b->opt->quiet)
			fputc('\n', stderr);
		fputs(r->diagnostics, stderr);
	}
	put_field(manifest, s->path);
	fprintf(manifest, "\t%s\t%s\t%zu\t%zu\t%s\t", status_names[r->status],
	        r->variant[0] ? r->variant : "-", r->issues, r->bytes, r->sha256[0] ? r->sha256 : "-");
	put_field(manifest, r->message ? r->message : "");
	fputc('\n', manifest);
	fflush(manifest);
	t->done++;
	t->bytes += r->bytes;
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
	free(r->diagnostics);
	free(s->path);
	memset(s, 0, sizeof *s);
	progress(b, t, false);
}

/* The feeder streams the inputs into the ring, so that a slow list (a
 * pipe, a FIFO) never holds up the retiring of finished documents. */
static void *feeder(void *arg)
{
	struct batch *b = arg;
	for (;;) {
		char *path = interrupted ? NULL : walker_next(b->walker);
		pthread_mutex_lock(&b->lock);
		while (path && b->pushed - b->retired >= RING && !interrupted)
			pthread_cond_wait(&b->space, &b->lock);
		if (!path || interrupted) {
			free(path);
			b->fed = true;
			pthread_cond_broadcast(&b->done);
			pthread_mutex_unlock(&b->lock);
			return NULL;
		}
		struct slot *s = &b->slots[b->pushed++ % RING];
		s->path = path;
		s->state = SLOT_PENDING;
		pthread_cond_signal(&b->work);
		pthread_mutex_unlock(&b->lock);
	}
}

static size_t count_inputs(const struct imr_batch_options *opt)
{
	if (opt->files_from && strcmp(opt->files_from, "-") == 0)
		return 0;
	struct walker w;
	size_t n = 0;
	if (!walker_open(&w, opt))
		return 0;
	char *p;
	while ((p = walker_next(&w))) {
		free(p);
		n++;
	}
	walker_close(&w);
	return n;
}

int imr_batch_run(const struct imr_batch_options *opt)
{
	if (mkdir(opt->outdir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "imr2xml: error: cannot create %s: %s\n", opt->outdir, strerror(errno));
		return IMR_USAGE;
	}
	struct batch *b = calloc(1, sizeof *b);
	if (!b)
		return IMR_USAGE;
	b->opt = opt;
	char *manifest_path = NULL, *partial_path = NULL;
	if (asprintf(&manifest_path, "%s/manifest.tsv", opt->outdir) < 0 ||
	    asprintf(&partial_path, "%s/manifest.tsv.partial", opt->outdir) < 0) {
		free(b);
		return IMR_USAGE;
	}
	if (opt->resume) {
		load_manifest(b, manifest_path);
		load_manifest(b, partial_path);
	}
	struct imr_diags sd;
	imr_diags_init(&sd);
	b->schema = opt->validate ? imr_schema_load(&sd) : NULL;
	imr_diags_free(&sd);
	int status = IMR_OK;
	FILE *manifest = NULL;
	if (opt->validate && !b->schema) {
		fputs("imr2xml: error: the embedded schema failed to load\n", stderr);
		status = IMR_SCHEMA_FAILED;
		goto out;
	}
	manifest = fopen(partial_path, "w");
	if (!manifest) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", partial_path, strerror(errno));
		status = IMR_USAGE;
		goto out;
	}
	fputs("path\tstatus\tvariant\tissues\tbytes\tsha256\tmessage\n", manifest);

	struct tally t = {.tty = isatty(STDERR_FILENO) == 1, .start = now()};
	t.last_progress = t.start;
	if (t.tty && !opt->quiet)
		t.total = count_inputs(opt);

	struct sigaction sa = {.sa_handler = on_signal}, old_int, old_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->work, NULL);
	pthread_cond_init(&b->done, NULL);
	pthread_cond_init(&b->space, NULL);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = opt->jobs > 0 ? opt->jobs : (cpus > 0 ? (int)cpus : 1);
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	pthread_t threads[MAX_JOBS], feed;
	int started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&threads[started], NULL, worker, b) != 0)
			break;
	struct walker w;
	b->walker = &w;
	bool feeding = started > 0 && walker_open(&w, opt);
	if (feeding && pthread_create(&feed, NULL, feeder, b) != 0) {
		walker_close(&w);
		feeding = false;
	}
	if (!feeding) {
		fputs("imr2xml: error: cannot start\n", stderr);
		b->fed = true;
	}

	/* Retire finished documents in input order; wake now and then for
	 * the progress display and for Ctrl-C. */
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (b->retired < b->pushed && b->slots[b->retired % RING].state == SLOT_DONE) {
			/* Take the slot's contents and free it before unlocking:
			 * the feeder may refill it at once. */
			struct slot *s = &b->slots[b->retired % RING];
			struct slot done = *s;
			memset(s, 0, sizeof *s);
			b->retired++;
			pthread_cond_signal(&b->space);
			pthread_mutex_unlock(&b->lock);
			retire(b, &done, manifest, &t);
			pthread_mutex_lock(&b->lock);
		}
		if (b->retired == b->pushed && (b->fed || interrupted))
			break;
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&b->done, &b->lock, &until);
		pthread_mutex_unlock(&b->lock);
		progress(b, &t, false);
		pthread_mutex_lock(&b->lock);
	}
	b->finished = true;
	bool fed = b->fed;
	pthread_cond_broadcast(&b->work);
	pthread_cond_broadcast(&b->space);
	pthread_mutex_unlock(&b->lock);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* An interrupted feeder may be blocked reading a pipe: leave it. */
	if (feeding && fed) {
		pthread_join(feed, NULL);
		walker_close(&w);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);

	bool ok_close = fclose(manifest) == 0;
	manifest = NULL;
	progress(b, &t, true);
	if (interrupted) {
		fprintf(stderr, "imr2xml: interrupted: %s lists what was done; run again with --resume\n",
		        partial_path);
		status = 130;
	} else if (!ok_close || rename(partial_path, manifest_path) != 0) {
		fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", manifest_path, strerror(errno));
		status = IMR_USAGE;
	} else {
		status = t.errors || started == 0 ? IMR_USAGE : (t.rejected || t.partial) ? IMR_REJECTED : IMR_OK;
	}
	if (feeding && !fed) {
		/* The feeder still holds b (blocked reading a pipe): the process
		 * is about to exit, so leave b to it rather than free it under it. */
		free(manifest_path);
		free(partial_path);
		return status;
	}
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->work);
	pthread_cond_destroy(&b->done);
	pthread_cond_destroy(&b->space);
out:
	if (manifest)
		fclose(manifest);
	imr_schema_free(b->schema);
	for (size_t i = 0; i < b->old_cap; i++) {
		free(b->old[i].path);
		free(b->old[i].line);
	}
	free(b->old);
	free(b);
	free(manifest_path);
	free(partial_path);
	return status;
}
