/* output.c - serialize, then write through a temporary file. */
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlsave.h>

xmlBufferPtr imr_serialize(xmlDocPtr doc)
{
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf)
		return NULL;
	xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT);
	bool ok = save && xmlSaveDoc(save, doc) >= 0;
	if (save && xmlSaveClose(save) < 0)
		ok = false;
	if (!ok) {
		xmlBufferFree(buf);
		return NULL;
	}
	return buf;
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

int imr_write_atomically(const char *path, const void *data, size_t len, bool make_dirs)
{
	int e = make_dirs ? make_parents(path) : 0;
	if (e)
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
