/*
 * bench.c - throughput of the pipeline's stages over a corpus.
 *
 *   bench LIST MODE THREADS
 *
 * LIST names one input per line.  MODE is
 *   lex       normalize + scan: the lexer's pass over the bytes (a)
 *   convert   normalize + parse + AST + extract + the XML written (b)
 *   validate  as convert, the XML validated as it is written (c)
 * Every document is read into memory before the clock starts, so disk
 * and page cache do not count.  Prints one line:
 *   MODE THREADS docs bytes seconds docs/s MB/s
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "imr2xml.h"
#include "normalize.h"
#include "parse.h"

struct doc {
	char *data;
	size_t len;
};

static struct doc *docs;
static size_t ndocs, next_doc;
static const char *mode;
static struct imr_schema *schema;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static size_t failures;

static void *run(void *arg)
{
	(void)arg;
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_validator *v = strcmp(mode, "validate") == 0 ? imr_validator_new(schema) : NULL;
	size_t failed = 0;
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
			imr_source_free(&src);
		} else {
			struct imr_buffer xml; /* the bytes, as the command writes them */
			if (imr_convert_to_buffer(docs[i].data, docs[i].len, &opt, v, &xml, NULL, &diags) != IMR_OK)
				failed++;
			imr_buffer_free(&xml);
		}
		imr_diags_free(&diags);
	}
	imr_validator_free(v);
	pthread_mutex_lock(&lock);
	failures += failed;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: bench LIST lex|convert|validate THREADS\n", stderr);
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
	printf("%-8s %2d %8zu %11zu %8.3f %9.0f %8.1f%s\n", mode, threads, ndocs, bytes, s,
	       (double)ndocs / s, (double)bytes / s / 1e6, failures ? "  (some failed!)" : "");
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i].data);
	free(docs);
	imr_schema_free(schema);
	return failures ? 1 : 0;
}
