/* output.c - the XML writer (one pass into memory, validated as it is
 * written), then the atomic write of a file. */
#define _GNU_SOURCE /* O_TMPFILE (Linux 3.11) */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlversion.h>

#include "diag.h"

struct imr_xml_open {
	const char *name;
	bool has_elements; /* a child element was written */
};

void imr_buffer_free(struct imr_buffer *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int imr_buffer_reserve(struct imr_buffer *b, size_t n)
{
	if (b->data && b->cap - b->len > n)
		return 0;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap - b->len <= n) {
		if (cap > SIZE_MAX / 2)
			return ENOMEM;
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p)
		return ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int imr_buffer_append(struct imr_buffer *b, const char *s, size_t n)
{
	if (imr_buffer_reserve(b, n))
		return ENOMEM;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* Room for n more bytes and the final NUL. */
static bool grow(struct imr_xml_writer *w, size_t n)
{
	size_t cap = w->out.cap ? w->out.cap : 4096;
	while (cap - w->out.len <= n) {
		if (cap > SIZE_MAX / 2) {
			w->error = ENOMEM;
			return false;
		}
		cap *= 2;
	}
	char *p = realloc(w->out.data, cap);
	if (!p) {
		w->error = ENOMEM;
		return false;
	}
	w->out.data = p;
	w->out.cap = cap;
	return true;
}

static inline void put(struct imr_xml_writer *w, const char *s, size_t n)
{
	if (w->out.cap - w->out.len <= n && !grow(w, n))
		return;
	memcpy(w->out.data + w->out.len, s, n);
	w->out.len += n;
}

#define PUT(w, lit) put(w, lit, sizeof lit - 1)

static inline void put_str(struct imr_xml_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* libxml2 indents two spaces a level, at most 30 levels deep. */
static void indent(struct imr_xml_writer *w, size_t level)
{
	static const char spaces[] = "                                                            ";
	size_t n = level > 30 ? 30 : level;
	put(w, spaces, 2 * n);
}

/* The bytes that need escaping, as libxml2 escapes them: text (its
 * xmlEscapeContent) and attribute values (xmlBufAttrSerializeTxtContent). */
static const char text_special[] = "&<>\r";
static const char attr_special[] = "&<>\"\t\n\r";

/* Write s escaped, one strcspn and one memcpy per run of plain bytes;
 * returns strlen(s), and the number of '&' in *amps. */
static size_t put_escaped(struct imr_xml_writer *w, const char *s, const char *special, size_t *amps)
{
	const char *p = s;
	*amps = 0;
	for (;;) {
		size_t n = strcspn(p, special);
		put(w, p, n);
		p += n;
		switch (*p) {
		case '\0':
			return (size_t)(p - s);
		case '&':
			PUT(w, "&amp;");
			++*amps;
			break;
		case '<':
			PUT(w, "&lt;");
			break;
		case '>':
			PUT(w, "&gt;");
			break;
		case '"':
			PUT(w, "&quot;");
			break;
		case '\t':
			PUT(w, "&#9;");
			break;
		case '\n':
			PUT(w, "&#10;");
			break;
		case '\r':
			PUT(w, "&#13;");
			break;
		default:
			break;
		}
		p++;
	}
}

/* An array p of *cap elements of size bytes, grown to hold need: the
 * array (perhaps moved), or NULL when out of memory (p is left as it is). */
static void *grow_array(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * size);
	if (q)
		*cap = n;
	return q;
}

/* Room for one more attribute of the open start tag. */
static bool attr_room(struct imr_xml_writer *w)
{
	if (w->nattrs < w->attrs_cap)
		return true;
	size_t cap = w->attrs_cap ? 2 * w->attrs_cap : 8;
	const unsigned char **a = realloc(w->attrs, 5 * cap * sizeof *a);
	if (a)
		w->attrs = a;
	size_t *at = realloc(w->attr_at, 2 * cap * sizeof *at);
	if (at)
		w->attr_at = at;
	if (!a || !at)
		return false;
	w->attrs_cap = cap;
	return true;
}

/* Keep an attribute (with amps '&' in it) for the validator.  libxml2's
 * parser hands the SAX2 handler an attribute's '&' as "&#38;", which the
 * plugged schema validator of 2.9.14 turns back into '&': hand it the
 * same. */
static void keep_attr(struct imr_xml_writer *w, const char *name, const char *value, size_t len,
                      size_t amps)
{
#if LIBXML_VERSION < 20914
	amps = 0;
#endif
	char *values = attr_room(w) ? grow_array(w->values, &w->values_cap, w->values_len + len + 4 * amps + 1, 1)
	                            : NULL;
	if (!values) {
		w->error = ENOMEM;
		return;
	}
	w->values = values;
	const unsigned char **a = w->attrs + 5 * w->nattrs;
	a[0] = (const unsigned char *)name;
	a[1] = NULL;
	a[2] = NULL;
	w->attr_at[2 * w->nattrs] = w->values_len;
	char *out = w->values + w->values_len;
	if (!amps) {
		memcpy(out, value, len);
		out += len;
	} else {
		for (size_t i = 0; i < len; i++) {
			if (value[i] == '&') {
				memcpy(out, "&#38;", 5);
				out += 5;
			} else {
				*out++ = value[i];
			}
		}
	}
	w->values_len = (size_t)(out - w->values);
	w->attr_at[2 * w->nattrs + 1] = w->values_len;
	w->nattrs++;
}

/* The open start tag is complete: tell the validator. */
static void flush_start(struct imr_xml_writer *w)
{
	if (!w->validator || w->error)
		return;
	for (size_t i = 0; i < w->nattrs; i++) {
		w->attrs[5 * i + 3] = (const unsigned char *)w->values + w->attr_at[2 * i];
		w->attrs[5 * i + 4] = (const unsigned char *)w->values + w->attr_at[2 * i + 1];
	}
	imr_validator_start(w->validator, w->stack[w->depth - 1].name, w->ns, w->depth == 1 && w->ns,
	                    w->nattrs, w->attrs);
	w->nattrs = 0;
	w->values_len = 0;
}

/* Close the open start tag before content: libxml2 starts a new line
 * after it unless the content is inline (the element holds text). */
static void close_tag(struct imr_xml_writer *w, bool text)
{
	PUT(w, ">");
	if (!text && !w->inline_from)
		PUT(w, "\n");
	w->tag_open = false;
	flush_start(w);
}

bool imr_xml_begin(struct imr_xml_writer *w, struct imr_validator *validator, struct imr_diags *diags,
                   size_t size_hint)
{
	memset(w, 0, sizeof *w);
	if (size_hint && !grow(w, size_hint))
		return false;
	PUT(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (w->error)
		return false;
	if (validator) {
		if (!imr_validator_begin(validator, diags)) {
			w->error = ENOMEM;
			return false;
		}
		w->validator = validator;
	}
	return true;
}

static void start(struct imr_xml_writer *w, const char *name)
{
	if (w->error)
		return;
	if (w->depth) {
		if (w->tag_open)
			close_tag(w, false);
		w->stack[w->depth - 1].has_elements = true;
		if (!w->inline_from)
			indent(w, w->depth);
	} else if (w->done) {
		w->error = EINVAL; /* a second root */
		return;
	}
	struct imr_xml_open *stack = grow_array(w->stack, &w->stack_cap, w->depth + 1, sizeof *stack);
	if (!stack) {
		w->error = ENOMEM;
		return;
	}
	w->stack = stack;
	w->stack[w->depth++] = (struct imr_xml_open){name, false};
	PUT(w, "<");
	put_str(w, name);
	w->tag_open = true;
}

void imr_xml_start(struct imr_xml_writer *w, const char *name)
{
	start(w, name);
}

void imr_xml_start_ns(struct imr_xml_writer *w, const char *name, const char *ns)
{
	if (!w->error && (w->depth || w->ns))
		w->error = EINVAL; /* one namespace, declared on the root */
	start(w, name);
	if (w->error)
		return;
	w->ns = ns;
	PUT(w, " xmlns=\"");
	size_t amps;
	put_escaped(w, ns, attr_special, &amps);
	PUT(w, "\"");
}

static void attr(struct imr_xml_writer *w, const char *name, const char *value, bool escape)
{
	if (w->error)
		return;
	if (!w->tag_open) {
		w->error = EINVAL; /* an attribute after content */
		return;
	}
	PUT(w, " ");
	put_str(w, name);
	PUT(w, "=\"");
	size_t len, amps = 0;
	if (escape) {
		len = put_escaped(w, value, attr_special, &amps);
	} else {
		len = strlen(value);
		put(w, value, len);
	}
	PUT(w, "\"");
	if (w->validator)
		keep_attr(w, name, value, len, amps);
}

void imr_xml_attr(struct imr_xml_writer *w, const char *name, const char *value)
{
	if (value)
		attr(w, name, value, true);
}

void imr_xml_attr_int(struct imr_xml_writer *w, const char *name, long value)
{
	char buf[24];
	char *p = buf + sizeof buf;
	*--p = '\0';
	unsigned long u = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (value < 0)
		*--p = '-';
	attr(w, name, p, false);
}

void imr_xml_text(struct imr_xml_writer *w, const char *text)
{
	if (w->error || !text)
		return;
	if (!w->depth || (w->stack[w->depth - 1].has_elements && !w->inline_from)) {
		w->error = EINVAL; /* text outside the root, or after laid-out children */
		return;
	}
	if (w->tag_open)
		close_tag(w, true);
	if (!w->inline_from)
		w->inline_from = w->depth;
	size_t amps;
	size_t len = put_escaped(w, text, text_special, &amps);
	if (w->validator && len && !w->error)
		imr_validator_text(w->validator, text, len);
}

void imr_xml_end(struct imr_xml_writer *w)
{
	if (w->error)
		return;
	if (!w->depth) {
		w->error = EINVAL;
		return;
	}
	const char *name = w->stack[w->depth - 1].name;
	if (w->tag_open) {
		PUT(w, "/>");
		w->tag_open = false;
		flush_start(w);
	} else {
		if (!w->inline_from)
			indent(w, w->depth - 1);
		PUT(w, "</");
		put_str(w, name);
		PUT(w, ">");
	}
	if (w->validator && !w->error)
		imr_validator_end(w->validator, name, w->ns);
	w->depth--;
	if (w->inline_from > w->depth)
		w->inline_from = 0;
	if (!w->inline_from)
		PUT(w, "\n");
	if (!w->depth)
		w->done = true;
}

void imr_xml_element(struct imr_xml_writer *w, const char *name, const char *text)
{
	if (!text)
		return;
	imr_xml_start(w, name);
	imr_xml_text(w, text);
	imr_xml_end(w);
}

static void release(struct imr_xml_writer *w)
{
	free(w->stack);
	free(w->attrs);
	free(w->attr_at);
	free(w->values);
	imr_buffer_free(&w->out);
	memset(w, 0, sizeof *w);
}

enum imr_status imr_xml_finish(struct imr_xml_writer *w, struct imr_buffer *out, struct imr_diags *diags)
{
	if (!w->error && !w->done)
		w->error = EINVAL; /* no root, or elements left open */
	bool valid = true;
	if (w->validator)
		valid = imr_validator_end_document(w->validator);
	enum imr_status st = IMR_OK;
	if (w->error) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             w->error == ENOMEM ? "out of memory writing XML"
		                                : "internal error: the XML writer was misused");
		st = IMR_USAGE;
	} else if (!valid) {
		st = IMR_INVALID_OUTPUT;
	}
	if (st == IMR_OK) {
		w->out.data[w->out.len] = '\0';
		*out = w->out;
		w->out = (struct imr_buffer){0};
	} else {
		*out = (struct imr_buffer){0};
	}
	release(w);
	return st;
}

void imr_xml_abandon(struct imr_xml_writer *w)
{
	if (w->validator)
		imr_validator_end_document(w->validator);
	release(w);
}

/* The directory each thread made last: files come directory by directory,
 * and a mkdir per path component per file is syscalls that contend for
 * the directories' locks between threads. */
static _Thread_local char made_dir[4096];

/* mkdir -p for the directory part of path. */
static int make_parents(const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t dlen = slash ? (size_t)(slash - file) : 0;
	if (dlen == 0 || dlen >= sizeof made_dir)
		made_dir[0] = '\0';
	else if (strncmp(made_dir, file, dlen) == 0 && made_dir[dlen] == '\0')
		return 0;
	char *path = strdup(file);
	if (!path)
		return ENOMEM;
	int e = 0;
	for (char *p = path + 1; *p && !e; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			e = errno;
		*p = '/';
	}
	if (!e && dlen && dlen < sizeof made_dir) {
		memcpy(made_dir, file, dlen);
		made_dir[dlen] = '\0';
	}
	free(path);
	return e;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t k = write(fd, data, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : EIO;
		data += k;
		len -= (size_t)k;
	}
	return 0;
}

/* The data in an unnamed file of path's directory (O_TMPFILE), linked in
 * under path once complete: one operation on the directory, where a named
 * temporary file takes two (create, rename), and those are what parallel
 * writers into one directory wait for each other on.  0, an errno value,
 * or -1: not here (no O_TMPFILE on this file system, no /proc, or path
 * exists, which linkat cannot replace), use a named temporary file. */
static int write_unnamed(const char *path, const void *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	size_t dlen = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
	if (dlen >= sizeof dir)
		return -1;
	memcpy(dir, slash ? path : ".", dlen);
	dir[dlen] = '\0';
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL ? -1 : errno;
	int e = fchmod(fd, 0644) != 0 ? errno : write_all(fd, data, len);
	if (!e) {
		char self[32];
		snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
		if (linkat(AT_FDCWD, self, AT_FDCWD, path, AT_SYMLINK_FOLLOW) != 0)
			e = errno == EEXIST || errno == ENOENT ? -1 : errno;
	}
	if (close(fd) != 0 && !e)
		e = errno; /* linked, but the data may not be there: say so */
	return e;
}

/* path names something other than a file or a directory (a device such
 * as /dev/null or /dev/stdout's terminal, a FIFO): it is written, never
 * replaced by a file (what a rename over it would do, as root). */
static bool special_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

static int write_special(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int e = write_all(fd, data, len);
	if (close(fd) != 0 && !e)
		e = errno;
	return e;
}

int imr_write_atomically(const char *path, const void *data, size_t len, bool make_dirs)
{
	if (special_file(path))
		return write_special(path, data, len);
	int e = make_dirs ? make_parents(path) : 0;
	if (e)
		return e;
	e = write_unnamed(path, data, len);
	if (e >= 0)
		return e;
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return ENOMEM;
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return e;
	}
	if (fchmod(fd, 0644) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return e;
	}
	FILE *f = fdopen(fd, "wb");
	bool ok = f && fwrite(data, 1, len, f) == len;
	e = ok ? 0 : errno;
	if (f) {
		if (fclose(f) != 0 && ok) {
			ok = false;
			e = errno;
		}
	} else {
		close(fd);
	}
	if (ok && rename(tmp, path) != 0)
		ok = false, e = errno;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok ? 0 : (e ? e : EIO);
}
