/* digest.h - the sha256 of an input's bytes, as the manifest and the
 * XML's @sha256 give it (nettle). */
#ifndef IMR_DIGEST_H
#define IMR_DIGEST_H

#include <stddef.h>

/* 64 lower-case hex digits and a NUL. */
void imr_sha256_hex(const void *data, size_t len, char out[65]);

#endif
