/* main.c - the imr2xml command: a Unix filter from determination text
 * to validated XML, and a validator for existing XML. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "batch.h"
#include "diag.h"
#include "db.h"
#include "export.h"
#include "imr2xml.h"
#include "output.h"
#include "stats.h"

static const char usage_text[] =
	"usage: imr2xml [OPTIONS] [FILE|-]          convert one determination\n"
	"       imr2xml -d OUTDIR [OPTIONS] FILE_OR_DIR...\n"
	"                                           convert many, in parallel\n"
	"       imr2xml --format=csv|jsonl [--table=letters|items] [OPTIONS] FILE_OR_DIR...\n"
	"                                           one row per item (or letter), from\n"
	"                                           letters or XML\n"
	"       imr2xml --stats [--html=FILE] DIR_OR_XML...|FILE.sqlite\n"
	"                                           a report on a corpus: XML or its database\n"
	"       imr2xml --db=FILE.sqlite [-d OUTDIR] [OPTIONS] FILE_OR_DIR...\n"
	"                                           letters or XML into a SQLite database\n"
	"       imr2xml --db-merge OUT.sqlite IN.sqlite...\n"
	"                                           databases built apart, into one\n"
	"       imr2xml --validate FILE.xml|-...    validate XML against the schema\n"
	"       imr2xml --print-schema | --list-variants\n"
	"\n"
	"Converts a California IMR Final Determination to XML in the namespace\n"
	IMR2XML_NAMESPACE ", validated against the embedded schema.\n"
	"The input is the letter's PDF (recognised by its content, \"%PDF-\", and read\n"
	"through poppler), or its text as pdftotext extracts it, with or without -layout,\n"
	"or as another extractor writes it (PDFBox, MuPDF, pypdf, ...): UTF-8, Windows-1252\n"
	"or UTF-16.  Or its HTML or XHTML page (recognised by its content, \"<!DOCTYPE\n"
	"html\" or \"<html\" first: pdftohtml's, PDFBox's, Apache Tika's, MuPDF's, a\n"
	"browser's), read through libxml2's HTML parser; line numbers then count the\n"
	"lines of its text (a line a paragraph, a <br>), not of its markup.  Or its\n"
	"words in boxes, pdftotext -tsv's or tesseract's tsv table (its first line\n"
	"\"level<TAB>page_num<TAB>...<TAB>conf<TAB>text\"): a line for each line of words.\n"
	"With no FILE, or FILE -, reads standard input (with no FILE and standard\n"
	"input a terminal, prints this usage and exits with status 2).\n"
	"\n"
	"  -o, --output=OUT     write the XML to OUT (atomically) instead of stdout\n"
	"  -c, --check          parse and validate, write no XML\n"
	"      --no-validate    skip validation against the schema\n"
	"      --partial        on a syntax error still write XML: what was read, the\n"
	"                       rest in <unparsed>, complete=\"false\" (exit status 1)\n"
	"      --no-partial     write no such XML (the default, but for batch mode)\n"
	"      --verify         check that every word of the input (headings, labels and\n"
	"                       page furniture aside) is in the XML, in order; report\n"
	"                       the first one missing with its line (exit status 1)\n"
	"      --dump-ast       print the parse tree instead of XML\n"
	"      --source-name=NAME  the input's name in the XML's @source (default: FILE;\n"
	"                       standard input has none)\n"
	"      --max-size=SIZE  refuse larger inputs, and PDFs with more text: bytes,\n"
	"                       or with K, M or G (KiB, MiB, GiB; default 16M)\n"
	"      --max-pages=N    refuse PDFs with more pages (default 300)\n"
	"  -q, --quiet          no warnings on stderr (they are in the XML and the\n"
	"                       manifest), only errors; with -d no progress display\n"
	"      --validate       validate the XML files named (- for standard input),\n"
	"                       report FILE:LINE: error: ..., then FILE: valid or\n"
	"                       FILE: invalid for each\n"
	"\n"
	"Tables (docs/export.md): one row per item, its columns read from the XML:\n"
	"      --format=FMT     xml (the default), csv (RFC 4180, a header row) or jsonl\n"
	"                       (a JSON object a line); inputs may be letters or XML\n"
	"                       files (told by their content) or directories (walked\n"
	"                       for *.txt, *.pdf, *.html, *.htm, *.xhtml, *.xml), rows\n"
	"                       in input order; with -d,\n"
	"                       one OUTDIR/items.csv (or .jsonl, letters.csv) for the run\n"
	"      --table=TABLE    items (the default: one row per item) or letters (one\n"
	"                       row per letter)\n"
	"Corpus report (docs/report.md):\n"
	"      --stats          letters, items, overturn rates by year, category,\n"
	"                       certification, cited body and state, warnings: over the\n"
	"                       XML files named and under the directories named, or\n"
	"                       over one database (--db) named alone\n"
	"      --html=FILE      with --stats, also write the report as one HTML page\n"
	"Corpus database (docs/database.md):\n"
	"      --db=FILE        add every letter (PDF, text, or imr2xml's XML) to the SQLite\n"
	"                       database FILE (made when absent): letters, items,\n"
	"                       citations, ... and a full-text index; a letter there\n"
	"                       already (same sha256) is skipped; with -d the XML files\n"
	"                       and the manifest are written too; -j, --files-from apply\n"
	"      --db-merge       OUT.sqlite IN.sqlite...: the letters of the INs not in\n"
	"                       OUT copied into it (made when absent)\n"
	"\n"
	"Batch mode (directories are walked for *.txt, *.pdf, *.html, *.htm and *.xhtml;\n"
	"a/b/x.txt, a/b/x.pdf or a/b/x.html becomes OUTDIR/a/b/x.xml, of two such\n"
	"names the first in that order is converted; OUTDIR/manifest.tsv gets one row\n"
	"per input, in input order, with its warnings):\n"
	"  -d, --outdir=OUTDIR  convert every input into OUTDIR (as with --partial:\n"
	"                       with --no-partial a letter with a part not understood\n"
	"                       is rejected, no XML written, the error in the manifest)\n"
	"      --files-from=LIST  read input paths from LIST, one a line (- for stdin)\n"
	"  -0, --null           LIST is NUL-separated\n"
	"  -j, --jobs=N         threads (default: the number of online CPUs)\n"
	"      --resume         skip inputs whose output and manifest row match\n"
	"  Ctrl-C (or SIGTERM) stops a run: no document is started after it, those in\n"
	"  hand are finished and their rows written to OUTDIR/manifest.tsv.partial,\n"
	"  exit status 130; --resume goes on from there.\n"
	"\n"
	"Other modes:\n"
	"      --print-schema   write the embedded XSD to stdout\n"
	"      --list-variants  the generations of the letter known, with their headings\n"
	"  -h, --help           this text\n"
	"  -V, --version        the version\n"
	"\n"
	"Exit status: 0 converted (or valid); 1 input rejected (or invalid);\n"
	"2 usage or I/O error; 3 the schema failed to load; 4 our own XML failed\n"
	"the schema (a bug: please report it with the input); 130 a batch\n"
	"interrupted (Ctrl-C, SIGTERM).\n";

enum mode { CONVERT, VALIDATE, PRINT_SCHEMA, LIST_VARIANTS, STATS, DB_MERGE };

struct cli {
	enum mode mode;
	struct imr_batch_options batch;
	const char *output;
	bool check, validate, dump_ast;
	enum imr_format format; /* --format */
	const char *html;       /* --stats --html FILE */
	bool table;             /* --table was given */
	bool no_partial;        /* --no-partial: batch mode refuses what --partial writes */
	struct imr_options opt;
};

/* jq's way: run with nothing to read but a terminal, show the usage
 * rather than wait for a letter typed in. */
static int usage_on_terminal(void)
{
	fputs(usage_text, stderr);
	return IMR_USAGE;
}

/* --max-size: bytes, or KiB, MiB, GiB with K, M, G (as sort -S, head -c). */
static bool parse_size(const char *arg, size_t *out)
{
	char *end;
	errno = 0;
	if (*arg < '0' || *arg > '9')
		return false;
	unsigned long long v = strtoull(arg, &end, 10);
	unsigned shift = 0;
	if (*end && !end[1]) {
		const char *units = "KMG", *u = strchr(units, end[0] == 'k' ? 'K' : end[0]);
		if (!u)
			return false;
		shift = 10 * (unsigned)(u - units + 1);
		end++;
	}
	if (errno || *end || v == 0 || v > (SIZE_MAX >> shift))
		return false;
	*out = (size_t)(v << shift);
	return true;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("imr2xml: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'imr2xml --help' for more information.\n", stderr);
	return IMR_USAGE;
}

/* Read a whole file (or stdin for "-") into memory. */
static char *read_input(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	if (!buf) {
		if (f != stdin)
			fclose(f);
		errno = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				if (f != stdin)
					fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = p;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int err = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	*len = n;
	return buf;
}

static int print_schema(void)
{
	size_t len;
	const char *xsd = imr_schema_text(&len);
	if (fwrite(xsd, 1, len, stdout) != len || fflush(stdout) != 0) {
		perror("imr2xml: writing the schema");
		return IMR_USAGE;
	}
	return IMR_OK;
}

static struct imr_validator *load_validator(struct imr_schema **schema)
{
	struct imr_diags diags;
	imr_diags_init(&diags);
	*schema = imr_schema_load(&diags);
	struct imr_validator *v = *schema ? imr_validator_new(*schema) : NULL;
	if (!v) {
		imr_diags_print(&diags, "imr2xml: embedded schema", stderr);
		fputs("imr2xml: error: the embedded schema failed to load\n", stderr);
	}
	imr_diags_free(&diags);
	return v;
}

static int validate_files(int argc, char **argv)
{
	if (argc == 0)
		return usage_error("%s", "--validate needs at least one XML file");
	struct imr_schema *schema;
	struct imr_validator *v = load_validator(&schema);
	if (!v) {
		imr_schema_free(schema);
		return IMR_SCHEMA_FAILED;
	}
	int worst = IMR_OK;
	for (int i = 0; i < argc; i++) {
		struct imr_diags diags;
		imr_diags_init(&diags);
		enum imr_status st = imr_validate_file(v, argv[i], &diags);
		imr_diags_print(&diags, argv[i], stderr);
		/* xmllint's verdict, one a file, after its errors. */
		if (st == IMR_OK)
			fprintf(stderr, "%s: valid\n", argv[i]);
		else if (st == IMR_REJECTED)
			fprintf(stderr, "%s: invalid\n", argv[i]);
		imr_diags_free(&diags);
		if ((int)st > worst)
			worst = (int)st;
	}
	imr_validator_free(v);
	imr_schema_free(schema);
	return worst;
}

static int convert(const struct cli *cli, const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t len = 0;
	char *data = read_input(path, &len);
	if (!data) {
		fprintf(stderr, "%s: error: cannot read: %s\n", name, strerror(errno));
		return IMR_USAGE;
	}
	struct imr_diags diags;
	imr_diags_init(&diags);
	int st;
	struct imr_options opt = cli->opt;
	if (!opt.source_name && strcmp(path, "-") != 0)
		opt.source_name = path;
	if (cli->dump_ast) {
		st = imr_dump_ast(data, len, &opt, stdout, &diags);
		imr_diags_print(&diags, name, stderr);
		imr_diags_free(&diags);
		free(data);
		return st;
	}
	struct imr_schema *schema = NULL;
	struct imr_validator *v = NULL;
	if (cli->validate && !(v = load_validator(&schema))) {
		imr_schema_free(schema);
		free(data);
		return IMR_SCHEMA_FAILED;
	}
	/* Written to memory first: nothing reaches the output unless all of
	 * it is ready and valid. */
	struct imr_buffer xml;
	st = imr_convert_to_buffer(data, len, &opt, v, &xml, NULL, &diags);
	imr_diags_print_quiet(&diags, name, cli->batch.quiet, stderr);
	imr_diags_free(&diags);
	if (xml.data && !cli->check) {
		bool ok;
		if (cli->output)
			ok = (errno = imr_write_atomically(cli->output, xml.data, xml.len, false)) == 0;
		else
			ok = fwrite(xml.data, 1, xml.len, stdout) == xml.len && fflush(stdout) == 0;
		if (!ok) {
			fprintf(stderr, "%s: error: cannot write %s: %s\n", name,
			        cli->output ? cli->output : "standard output", strerror(errno));
			st = IMR_USAGE;
		}
	}
	imr_buffer_free(&xml);
	imr_validator_free(v);
	imr_schema_free(schema);
	free(data);
	return st;
}

struct export_run {
	const struct cli *cli;
	struct imr_validator *v;
	struct imr_buffer out;
	int worst;
	bool any;
};

static void export_one(struct export_run *r, const char *path)
{
	const struct cli *cli = r->cli;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t len = 0;
	char *data = read_input(path, &len);
	if (!data) {
		fprintf(stderr, "%s: error: cannot read: %s\n", name, strerror(errno));
		r->worst = IMR_USAGE;
		return;
	}
	struct imr_diags diags;
	imr_diags_init(&diags);
	bool exported;
	struct imr_options opt = cli->opt;
	if (!opt.source_name && strcmp(path, "-") != 0)
		opt.source_name = path;
	enum imr_status st = imr_export_input(cli->format, data, len, name, &opt, r->v, &r->out,
	                                      &exported, &diags);
	imr_diags_print_quiet(&diags, name, cli->batch.quiet, stderr);
	imr_diags_free(&diags);
	free(data);
	r->any |= exported;
	if ((int)st > r->worst)
		r->worst = (int)st;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

static bool exported_name(const char *name)
{
	static const char *const endings[] = {".txt", ".pdf", ".html", ".htm", ".xhtml", ".xml"};
	size_t n = strlen(name);
	for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
		size_t e = strlen(endings[k]);
		if (n > e && strcmp(name + n - e, endings[k]) == 0)
			return true;
	}
	return false;
}

/* A directory, as --stats and batch mode walk one: depth first, in byte
 * order of the names, *.txt, *.pdf, *.html, *.htm, *.xhtml and *.xml; symbolic links to
 * directories are not followed. */
static void export_dir(struct export_run *r, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, not_dots, by_name);
	if (n < 0) {
		fprintf(stderr, "%s: error: cannot read directory: %s\n", dir, strerror(errno));
		r->worst = IMR_USAGE;
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(list[i]->d_name) + 2;
		char *path = malloc(len);
		struct stat st;
		if (!path) {
			fputs("imr2xml: error: out of memory\n", stderr);
			r->worst = IMR_USAGE;
		} else {
			snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			         list[i]->d_name);
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				export_dir(r, path);
			else if (exported_name(list[i]->d_name))
				export_one(r, path);
		}
		free(path);
		free(list[i]);
	}
	free(list);
}

/* imr2xml --format csv|jsonl INPUT...: the rows of every input, in
 * order, to stdout or (atomically) to -o.  Letters are converted, XML
 * files validated, directories walked; an input that yields no XML
 * yields no rows and its diagnostics, and nothing is written when none
 * yields any. */
static int export_inputs(const struct cli *cli, int argc, char **argv)
{
	if (cli->check || cli->dump_ast)
		return usage_error("%s", "--format does not combine with --check or --dump-ast");
	static char *stdin_only[] = {"-"};
	if (!argc) {
		argc = 1;
		argv = stdin_only;
	}
	struct imr_schema *schema = NULL;
	struct imr_validator *v = NULL;
	if (cli->validate && !(v = load_validator(&schema))) {
		imr_schema_free(schema);
		return IMR_SCHEMA_FAILED;
	}
	struct export_run r = {.cli = cli, .v = v, .worst = IMR_OK};
	if (imr_export_begin(cli->format, &r.out) != 0) {
		fputs("imr2xml: error: out of memory\n", stderr);
		argc = 0;
		r.worst = IMR_USAGE;
	}
	for (int i = 0; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			export_dir(&r, argv[i]);
		else
			export_one(&r, argv[i]);
	}
	struct imr_buffer out = r.out;
	int worst = r.worst;
	if (r.any) {
		bool ok;
		if (cli->output)
			ok = (errno = imr_write_atomically(cli->output, out.data, out.len, false)) == 0;
		else
			ok = fwrite(out.data, 1, out.len, stdout) == out.len && fflush(stdout) == 0;
		if (!ok) {
			fprintf(stderr, "imr2xml: error: cannot write %s: %s\n",
			        cli->output ? cli->output : "standard output", strerror(errno));
			worst = IMR_USAGE;
		}
	}
	imr_buffer_free(&out);
	imr_validator_free(v);
	imr_schema_free(schema);
	return worst;
}

int main(int argc, char **argv)
{
	LIBXML_TEST_VERSION
	xmlInitParser(); /* once, before any thread uses libxml2 */
	enum { OPT_NO_VALIDATE = 256, OPT_VALIDATE, OPT_PRINT_SCHEMA, OPT_DUMP_AST, OPT_PARTIAL,
	       OPT_MAX_SIZE, OPT_MAX_PAGES, OPT_FILES_FROM, OPT_RESUME, OPT_VERIFY,
	       OPT_LIST_VARIANTS, OPT_SOURCE_NAME, OPT_FORMAT, OPT_STATS, OPT_HTML, OPT_DB,
	       OPT_DB_MERGE, OPT_TABLE, OPT_NO_PARTIAL };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"check", no_argument, NULL, 'c'},
		{"no-validate", no_argument, NULL, OPT_NO_VALIDATE},
		{"validate", no_argument, NULL, OPT_VALIDATE},
		{"print-schema", no_argument, NULL, OPT_PRINT_SCHEMA},
		{"list-variants", no_argument, NULL, OPT_LIST_VARIANTS},
		{"source-name", required_argument, NULL, OPT_SOURCE_NAME},
		{"dump-ast", no_argument, NULL, OPT_DUMP_AST},
		{"partial", no_argument, NULL, OPT_PARTIAL},
		{"no-partial", no_argument, NULL, OPT_NO_PARTIAL},
		{"verify", no_argument, NULL, OPT_VERIFY},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"max-pages", required_argument, NULL, OPT_MAX_PAGES},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"stats", no_argument, NULL, OPT_STATS},
		{"html", required_argument, NULL, OPT_HTML},
		{"db", required_argument, NULL, OPT_DB},
		{"table", required_argument, NULL, OPT_TABLE},
		{"db-merge", no_argument, NULL, OPT_DB_MERGE},
		{"outdir", required_argument, NULL, 'd'},
		{"files-from", required_argument, NULL, OPT_FILES_FROM},
		{"null", no_argument, NULL, '0'},
		{"jobs", required_argument, NULL, 'j'},
		{"resume", no_argument, NULL, OPT_RESUME},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {.mode = CONVERT, .validate = true};
	imr_options_init(&cli.opt);
	/* getopt's own messages name argv[0]: ours say "imr2xml:", whatever
	 * path the command was run by. */
	argv[0] = (char *)"imr2xml";
	int c;
	while ((c = getopt_long(argc, argv, "o:chVd:0j:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			cli.output = optarg;
			break;
		case 'c':
			cli.check = true;
			break;
		case OPT_NO_VALIDATE:
			cli.validate = false;
			break;
		case OPT_VALIDATE:
			cli.mode = VALIDATE;
			break;
		case OPT_PRINT_SCHEMA:
			cli.mode = PRINT_SCHEMA;
			break;
		case OPT_LIST_VARIANTS:
			cli.mode = LIST_VARIANTS;
			break;
		case OPT_SOURCE_NAME:
			cli.opt.source_name = optarg;
			break;
		case OPT_DUMP_AST:
			cli.dump_ast = true;
			break;
		/* The last of --partial and --no-partial wins. */
		case OPT_PARTIAL:
			cli.opt.partial = true;
			cli.no_partial = false;
			break;
		case OPT_NO_PARTIAL:
			cli.opt.partial = false;
			cli.no_partial = true;
			break;
		case OPT_VERIFY:
			cli.opt.verify = true;
			break;
		case OPT_MAX_SIZE:
			if (!parse_size(optarg, &cli.opt.max_input_bytes))
				return usage_error("--max-size: not a positive size (bytes, or with K, M or G): '%s'",
				                   optarg);
			break;
		case OPT_MAX_PAGES: {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg || v == 0 || *optarg == '-')
				return usage_error("--max-pages: not a positive number of pages: '%s'", optarg);
			cli.opt.max_pages = (size_t)v;
			break;
		}
		case OPT_FORMAT:
			if (!imr_format_parse(optarg, &cli.format))
				return usage_error("--format: not xml, csv or jsonl: '%s'", optarg);
			break;
		case OPT_STATS:
			cli.mode = STATS;
			break;
		case OPT_HTML:
			cli.html = optarg;
			break;
		case OPT_DB:
			cli.batch.db = optarg;
			break;
		case OPT_TABLE: {
			enum imr_table t;
			if (!imr_table_parse(optarg, &t))
				return usage_error("--table: not letters or items: '%s'", optarg);
			imr_export_set_table(t);
			cli.table = true;
			break;
		}
		case OPT_DB_MERGE:
			cli.mode = DB_MERGE;
			break;
		case 'd':
			cli.batch.outdir = optarg;
			break;
		case OPT_FILES_FROM:
			cli.batch.files_from = optarg;
			break;
		case '0':
			cli.batch.nul_separated = true;
			break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end || end == optarg || j < 1 || j > 256)
				return usage_error("--jobs: not a number from 1 to 256: '%s'", optarg);
			cli.batch.jobs = (int)j;
			break;
		}
		case OPT_RESUME:
			cli.batch.resume = true;
			break;
		case 'q':
			cli.batch.quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return IMR_OK;
		case 'V':
			printf("imr2xml %s (libxml2 %s)\n", IMR2XML_VERSION, xmlParserVersion);
			return IMR_OK;
		default:
			fputs("Try 'imr2xml --help' for more information.\n", stderr);
			return IMR_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	int st;
	if (cli.html && cli.mode != STATS) {
		xmlCleanupParser();
		return usage_error("%s", "--html goes with --stats");
	}
	if (cli.table && cli.format == IMR_FORMAT_XML) {
		xmlCleanupParser();
		return usage_error("%s", "--table goes with --format csv or jsonl");
	}
	if (cli.batch.db && cli.mode != CONVERT) {
		xmlCleanupParser();
		return usage_error("%s", "--db goes with inputs to convert or load, not another mode");
	}
	switch (cli.mode) {
	case DB_MERGE:
		st = argc < 2 ? usage_error("%s", "--db-merge needs OUT.sqlite and at least one IN.sqlite")
		               : imr_db_merge(argv[0], argv + 1, argc - 1);
		break;
	case STATS:
		if (!argc)
			st = usage_error("%s", "--stats needs XML files or directories (a batch's OUTDIR)");
		else if (cli.format != IMR_FORMAT_XML || cli.batch.outdir || cli.output)
			st = usage_error("%s", "--stats does not combine with --format, -d or -o");
		else
			st = imr_stats_run(argv, argc, cli.html, cli.validate);
		break;
	case PRINT_SCHEMA:
		st = argc ? usage_error("--print-schema takes no file: '%s'", argv[0]) : print_schema();
		break;
	case VALIDATE:
		st = validate_files(argc, argv);
		break;
	case LIST_VARIANTS:
		if (argc) {
			st = usage_error("--list-variants takes no file: '%s'", argv[0]);
			break;
		}
		imr_print_variants(stdout);
		st = fflush(stdout) == 0 ? IMR_OK : IMR_USAGE;
		break;
	case CONVERT:
	default:
		if (cli.batch.outdir || cli.batch.db) {
			const char *opt = cli.batch.outdir ? "-d" : "--db";
			if (cli.output || cli.check || cli.dump_ast) {
				st = usage_error("%s does not combine with -o, --check or --dump-ast", opt);
				break;
			}
			if (!argc && !cli.batch.files_from) {
				st = usage_error("%s needs inputs (files, directories or --files-from)", opt);
				break;
			}
			if (!cli.batch.outdir && (cli.batch.resume || cli.format != IMR_FORMAT_XML)) {
				st = usage_error("%s", "--db without -d: --resume and --format need -d OUTDIR");
				break;
			}
			cli.batch.inputs = argv;
			cli.batch.ninputs = argc;
			cli.batch.validate = cli.validate;
			cli.batch.opt = cli.opt;
			/* Degrade, don't drop: in a corpus a letter with a part not
			 * understood is written all the same (status partial), unless
			 * --no-partial asks for only complete letters (rejected). */
			cli.batch.opt.partial = !cli.no_partial;
			cli.batch.format = cli.format;
			st = imr_batch_run(&cli.batch);
			break;
		}
		if (cli.batch.files_from || cli.batch.resume || cli.batch.jobs) {
			st = usage_error("%s", "--files-from, --resume and --jobs go with -d OUTDIR");
			break;
		}
		if (!argc && isatty(STDIN_FILENO))
			st = usage_on_terminal();
		else if (cli.format != IMR_FORMAT_XML)
			st = export_inputs(&cli, argc, argv);
		else if (argc > 1)
			st = usage_error("one input at a time (extra argument '%s')", argv[1]);
		else
			st = convert(&cli, argc ? argv[0] : "-");
		break;
	}
	xmlCleanupParser();
	return st;
}
