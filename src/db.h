/* db.h - the corpus as a SQLite database (imr2xml --db; docs/database.md).
 *
 * Two halves, so that batch mode's workers make rows and one thread
 * writes them:
 *
 *   - the loader (any thread, no SQLite): the rows of one letter, read by
 *     XPath from the tree of its validated XML, by one table in db.c, into
 *     a struct imr_db_rows;
 *   - the writer (one thread at a time): the database opened (the schema
 *     of src/schema.sql made when it is new), rows inserted with prepared
 *     statements in transactions of many letters, WAL.
 *
 * A letter is known by its input's sha256 (the XML's @sha256) and its
 * ordinal in it (letters joined in one input): an input whose letters are
 * in the database already is never loaded again. */
#ifndef IMR_DB_H
#define IMR_DB_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "imr2xml.h"

/* The rows of one input's letters, in insertion order (a parent before its
 * children).  Values are offsets into one text buffer. */
struct imr_db_record {
	int def;       /* the entry of db.c's table that made it */
	long parent;   /* the record it belongs to, or -1 (the letter) */
	size_t values; /* its first value in imr_db_rows.values */
};

struct imr_db_rows {
	struct imr_db_record *records;
	size_t nrecords, records_cap;
	size_t *values; /* 0: NULL; else 1 + the value's offset in text */
	size_t nvalues, values_cap;
	struct imr_buffer text;
	char sha256[65];
};

void imr_db_rows_free(struct imr_db_rows *rows);

/* Per thread: the table's XPath expressions, compiled once. */
struct imr_db_loader;
struct imr_db_loader *imr_db_loader_new(void);
void imr_db_loader_free(struct imr_db_loader *l);

/* The rows of one input's XML tree (valid against the schema), into
 * rows (emptied first): its letter, or each letter of a <determinations>.  source is the letter's name when the XML has no
 * @source, fallback_sha256 its key when it has no @sha256 (the XML file's
 * own sha256; may be NULL).  0, ENOMEM, or EINVAL (no key). */
int imr_db_rows_of_doc(struct imr_db_loader *l, xmlDocPtr doc, const char *source,
                       const char *fallback_sha256, struct imr_db_rows *rows);

/* How many items (rows of the items table) and letters the rows have. */
size_t imr_db_rows_items(const struct imr_db_rows *rows);
size_t imr_db_rows_letters(const struct imr_db_rows *rows);

/* The root's @sha256 of XML bytes, without building a tree (a letter
 * already loaded need not be read): false when there is none in its
 * start tag. */
bool imr_db_xml_sha256(const char *xml, size_t len, char out[65]);

/* ---- the writer --------------------------------------------------------- */

struct imr_db;

/* Opens (or creates, with the schema) the database at path, WAL, and a
 * first transaction.  NULL with the reason on stderr. */
struct imr_db *imr_db_open(const char *path);

/* The connection, for queries of one's own (the report). */
struct sqlite3;
struct sqlite3 *imr_db_sql(struct imr_db *db);
/* The schema version this imr2xml writes (PRAGMA user_version). */
int imr_db_schema_version(void);

/* Whether the letters of the input of this sha256 were in the database
 * when it was opened.  Read-only: any thread may ask. */
bool imr_db_known(const struct imr_db *db, const char *sha256);
/* How many letters of that input it had then (0: none). */
size_t imr_db_known_letters(const struct imr_db *db, const char *sha256);

/* Inserts one input's rows, unless a letter of its sha256 is there
 * already (*added false: its letters go in together, all or none).  Transactions are committed every few hundred
 * letters.  0, or -1 with the reason on stderr. */
int imr_db_insert(struct imr_db *db, const struct imr_db_rows *rows, bool *added);

/* Commits, checkpoints, closes.  0, or -1 with the reason on stderr
 * (nothing since the last commit is kept then). */
int imr_db_close(struct imr_db *db);

/* Drops what was not committed, and closes. */
void imr_db_abandon(struct imr_db *db);

/* imr2xml --db-merge OUT IN...: every letter of the INs not in OUT (by
 * sha256) copied into OUT, with its rows; OUT is made when absent.
 * Returns the exit status (0, or 2 with the reason on stderr). */
int imr_db_merge(const char *out, char **inputs, int ninputs);

#endif
