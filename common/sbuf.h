/* sbuf.h: a growable byte buffer and a fast JSON writer on top of it */
#ifndef SBUF_H
#define SBUF_H

#include <stddef.h>

struct sbuf {
	char *p;
	size_t len, cap;
};

#define SBUF_INIT {NULL, 0, 0}

void sb_grow(struct sbuf *b, size_t need);
void sb_add(struct sbuf *b, const void *p, size_t n);
void sb_addc(struct sbuf *b, int c);
void sb_adds(struct sbuf *b, const char *s);
void sb_printf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_addu(struct sbuf *b, unsigned long long v);
/* a JSON string literal: quotes, escapes; UTF-8 is written as it is */
void sb_json_str(struct sbuf *b, const char *s, size_t n);
/* a JSON number for a double, shortest round-trip up to 6 decimals */
void sb_json_num(struct sbuf *b, double v);
void sb_reset(struct sbuf *b);
void sb_free(struct sbuf *b);

#endif
