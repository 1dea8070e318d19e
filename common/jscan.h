/*
 * jscan.h: a strict, allocation-free JSON validator that also reports the
 * byte ranges of the top-level members of an object. It accepts exactly
 * RFC 8259 text in valid UTF-8, rejects lone surrogate escapes and nesting
 * deeper than JS_MAX_DEPTH (jansson's limit).
 */
#ifndef JSCAN_H
#define JSCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * Eight bytes at p hold no quote, no backslash, no control character and
 * no byte of a multi-byte sequence: 1, else 0. Bitwise tests on one 64-bit
 * word ("has a zero byte" after an xor, "has a byte below n" after a
 * subtraction) find none of these bytes exactly, so the string scanner
 * skips plain text eight bytes at a time.
 */
static inline int
js_plain8(const char *p)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, q, b, bad;

	memcpy(&w, p, 8);
	q = w ^ (ones * '"');
	b = w ^ (ones * '\\');
	bad = ((q - ones) & ~q) | ((b - ones) & ~b) | (w - ones * 0x20) | w;
	return (bad & high) == 0;
}

#endif
