/*
 * jscan.h: a strict, allocation-free JSON validator that also reports the
 * byte ranges of the top-level members of an object. It accepts exactly
 * RFC 8259 text in valid UTF-8, rejects lone surrogate escapes and nesting
 * deeper than JS_MAX_DEPTH (jansson's limit).
 */
#ifndef JSCAN_H
#define JSCAN_H

#include <stddef.h>

#define JS_MAX_DEPTH 2048

struct nd_member;

/*
 * Scan one line that must hold one JSON object. For each top-level
 * member, cb(arg, &member) is called in order. Returns 0, or -1 with a
 * reason (a static string) and the byte offset of the error.
 */
int js_scan_object(const char *s, size_t n,
    void (*cb)(void *arg, const struct nd_member *m), void *arg,
    const char **why, size_t *at);

/* Decode a JSON string literal s[0..n) (quotes included, already
 * validated) into out; returns the decoded length. out needs n bytes. */
size_t js_unescape(const char *s, size_t n, char *out);

/* 1 if the raw key bytes (escapes kept) equal the plain key */
int js_key_eq(const char *raw, size_t rawlen, const char *key);

#endif
