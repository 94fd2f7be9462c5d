/*
 * bench.c - throughput of the pipeline's stages over a corpus.
 *
 *   bench LIST MODE THREADS
 *
 * LIST names one input per line.  MODE is
 *   lex       normalize + scan: the lexer's pass over the bytes (a)
 *   convert   normalize + parse + AST + extract + the XML written (b)
 *   validate  as convert, the XML validated as it is written (c)
 *   pdftext   a PDF's text through poppler only (the stage before (a))
 *   pdfsplit  a PDF's text, then the conversion of that text: prints the
 *             CPU time of each (poppler's share), as a third line
 * Every document is read into memory before the clock starts, so disk
 * and page cache do not count.  Prints one line:
 *   MODE THREADS docs bytes seconds docs/s MB/s pages pages/s
 * (pages: a PDF's, or a text's form-feed pages), then the workers' CPU
 * time, what a shared machine's wall clock hides among waits:
 *   cpu-time seconds docs/cpu-second
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "imr2xml.h"
#include "normalize.h"
#include "parse.h"
#include "pdf.h"

struct doc {
	char *data;
	size_t len;
};

static struct doc *docs;
static size_t ndocs, next_doc;
static const char *mode;
static struct imr_schema *schema;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static size_t failures, total_pages;
static double pdf_cpu, rest_cpu; /* pdfsplit: CPU seconds in each part */

static double thread_cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The workers' CPU time, summed: on a shared machine a run's wall clock
 * holds the time its thread waited; what it used is this. */
static double worker_cpu;

static void *run(void *arg)
{
	(void)arg;
	double cpu0 = thread_cpu();
	struct imr_options opt;
	imr_options_init(&opt);
	bool split = strcmp(mode, "pdfsplit") == 0;
	struct imr_validator *v = strcmp(mode, "validate") == 0 || split ? imr_validator_new(schema) : NULL;
	size_t failed = 0, pages = 0;
	double in_pdf = 0, in_rest = 0;
	for (;;) {
		pthread_mutex_lock(&lock);
		size_t i = next_doc++;
		pthread_mutex_unlock(&lock);
		if (i >= ndocs)
			break;
		struct imr_diags diags;
		imr_diags_init(&diags);
		if (strcmp(mode, "lex") == 0) {
			struct imr_source src;
			if (imr_normalize(docs[i].data, docs[i].len, &opt, &src, &diags))
				failed += imr_scan_only(&src) == 0;
			pages += src.npages;
			imr_source_free(&src);
		} else if (strcmp(mode, "pdftext") == 0 || split) {
			size_t len, n = 0;
			double t0 = thread_cpu();
			char *text = imr_pdf_text(docs[i].data, docs[i].len, &opt, &len, &n, &diags);
			double t1 = thread_cpu();
			failed += text == NULL;
			pages += n;
			if (split && text) {
				struct imr_buffer xml;
				failed += imr_convert_to_buffer(text, len, &opt, v, &xml, NULL, &diags) != IMR_OK;
				imr_buffer_free(&xml);
				in_rest += thread_cpu() - t1;
			}
			in_pdf += t1 - t0;
			free(text);
		} else {
			struct imr_buffer xml; /* the bytes, as the command writes them */
			struct imr_summary sum;
			if (imr_convert_to_buffer(docs[i].data, docs[i].len, &opt, v, &xml, &sum, &diags) != IMR_OK)
				failed++;
			pages += sum.pages;
			imr_buffer_free(&xml);
		}
		imr_diags_free(&diags);
	}
	imr_validator_free(v);
	pthread_mutex_lock(&lock);
	failures += failed;
	total_pages += pages;
	pdf_cpu += in_pdf;
	rest_cpu += in_rest;
	worker_cpu += thread_cpu() - cpu0;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: bench LIST lex|convert|validate|pdftext|pdfsplit THREADS\n", stderr);
		return 2;
	}
	mode = argv[2];
	int threads = atoi(argv[3]);
	FILE *list = fopen(argv[1], "r");
	if (!list || threads < 1 || threads > 64) {
		perror(argv[1]);
		return 2;
	}
	char path[4096];
	size_t cap = 0, bytes = 0;
	while (fgets(path, sizeof path, list)) {
		path[strcspn(path, "\n")] = '\0';
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		rewind(f);
		if (ndocs == cap) {
			cap = cap ? cap * 2 : 1024;
			docs = realloc(docs, cap * sizeof *docs);
		}
		docs[ndocs].data = malloc((size_t)n + 1);
		docs[ndocs].len = fread(docs[ndocs].data, 1, (size_t)n, f);
		bytes += docs[ndocs].len;
		ndocs++;
		fclose(f);
	}
	fclose(list);
	LIBXML_TEST_VERSION
	struct imr_diags d;
	imr_diags_init(&d);
	schema = imr_schema_load(&d);
	imr_diags_free(&d);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_t tids[64];
	for (int i = 0; i < threads; i++)
		pthread_create(&tids[i], NULL, run, NULL);
	for (int i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%-8s %2d %8zu %11zu %8.3f %9.0f %8.1f %8zu %9.0f%s\n", mode, threads, ndocs, bytes, s,
	       (double)ndocs / s, (double)bytes / s / 1e6, total_pages, (double)total_pages / s,
	       failures ? "  (some failed!)" : "");
	printf("cpu-time %.4f %.0f\n", worker_cpu, (double)ndocs / worker_cpu);
	if (strcmp(mode, "pdfsplit") == 0)
		printf("cpu: poppler %.3f s, the rest %.3f s: poppler %.0f%%\n", pdf_cpu, rest_cpu,
		       100 * pdf_cpu / (pdf_cpu + rest_cpu));
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i].data);
	free(docs);
	imr_schema_free(schema);
	return failures ? 1 : 0;
}
