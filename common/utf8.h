/* utf8.h: validation and code point <-> byte offsets */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/* length of the valid UTF-8 sequence at s (1..4), or 0 if invalid */
size_t u8_seqlen(const unsigned char *s, size_t n);
/* 1 if s[0..n) is valid UTF-8 (no surrogates, no overlongs) */
int u8_valid(const char *s, size_t n);
/* decode one code point at s, advance *i; invalid bytes decode as U+FFFD */
int32_t u8_decode(const char *s, size_t n, size_t *i);
/* encode cp into out (4 bytes room); returns the length */
size_t u8_encode(int32_t cp, char *out);
/* number of code points in s[0..n) */
size_t u8_count(const char *s, size_t n);

/*
 * Offset map for one text: byte offset -> code point index in O(1) after
 * an O(n) build. For ASCII text no table is kept.
 */
struct u8_map {
	const char *s;
	size_t n;
	size_t ncp;
	uint32_t *cp_of_byte;	/* n+1 entries, or NULL when ASCII */
	uint32_t *byte_of_cp;	/* ncp+1 entries, or NULL when ASCII */
};
void u8_map_init(struct u8_map *m, const char *s, size_t n);
size_t u8_map_cp(const struct u8_map *m, size_t byte);
size_t u8_map_byte(const struct u8_map *m, size_t cp);
void u8_map_free(struct u8_map *m);

/* Copy s to out, replacing invalid sequences with U+FFFD; returns the
 * number of replacements. out grows as needed (free it). */
struct sbuf;
size_t u8_repair(const char *s, size_t n, struct sbuf *out);

/* UAX #15 stream-safe format: a U+034F joiner after every 30 combining
 * marks in a row, so that normalisation stays linear. Returns the number
 * inserted; when 0, out is untouched and s is already stream-safe. */
size_t u8_stream_safe(const char *s, size_t n, struct sbuf *out);

#endif
