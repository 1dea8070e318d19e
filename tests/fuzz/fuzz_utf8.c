/*
 * fuzz_utf8.c: the UTF-8 and offset helpers of utf8.h against a plain
 * reference decoder (Unicode Table 3-7). Invariants:
 *  - u8_valid() and u8_seqlen() agree with the reference at every byte;
 *  - u8_repair() yields valid UTF-8, the input itself when it was valid;
 *  - on valid text, u8_decode()/u8_encode() give the bytes back, and the
 *    u8_map byte <-> code point tables are inverse and monotonic;
 *  - u8_encode() of any int32 is one valid sequence.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sbuf.h"
#include "utf8.h"

/* length of the well-formed sequence at s, or 0 (Table 3-7) */
static size_t
ref_seqlen(const unsigned char *s, size_t n)
{
	unsigned lo = 0x80, hi = 0xbf;
	size_t len, k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < len)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xbf)
			return 0;
	return len;
}

static int
ref_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = ref_seqlen(s + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

static void
check_valid_text(const char *s, size_t n)
{
	struct u8_map m;
	size_t i, c, b, ncp = 0, prev;
	char enc[4];
	int32_t cp;

	/* decode, re-encode */
	for (i = 0; i < n;) {
		size_t at = i;

		cp = u8_decode(s, n, &i);
		check(i > at && i <= n, "u8_decode advances");
		check(u8_encode(cp, enc) == i - at, "encode length");
		check(memcmp(enc, s + at, i - at) == 0, "encode bytes");
		ncp++;
	}
	check(u8_count(s, n) == ncp, "u8_count");
	u8_map_init(&m, s, n);
	check(m.ncp == ncp, "map ncp");
	check(u8_map_byte(&m, ncp) == n, "map end byte");
	check(u8_map_cp(&m, n) == ncp, "map end cp");
	prev = 0;
	for (c = 0; c <= ncp; c++) {
		b = u8_map_byte(&m, c);
		check(b <= n, "byte in range");
		check(c == 0 || b > prev, "bytes increase");
		check(u8_map_cp(&m, b) == c, "cp(byte(c)) == c");
		check(b == n || ((unsigned char)s[b] & 0xc0) != 0x80,
		    "byte_of_cp at a sequence start");
		prev = b;
	}
	for (b = 0; b <= n; b++) {
		c = u8_map_cp(&m, b);
		check(c <= ncp, "cp in range");
		check(u8_map_byte(&m, c) <= b, "byte(cp(b)) <= b");
	}
	/* out of range arguments are clamped */
	check(u8_map_byte(&m, ncp + 5) == n, "clamp cp");
	check(u8_map_cp(&m, n + 5) == ncp, "clamp byte");
	u8_map_free(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct sbuf out = SBUF_INIT;
	size_t i, bad;
	int valid = ref_valid(data, size);
	char enc[4];
	int32_t cp;

	check(u8_valid(s, size) == valid, "u8_valid");
	for (i = 0; i < size; i++)
		check(u8_seqlen(data + i, size - i) ==
			ref_seqlen(data + i, size - i),
		    "u8_seqlen");
	bad = u8_repair(s, size, &out);
	check(u8_valid(out.p != NULL ? out.p : "", out.len), "repair valid");
	if (valid) {
		check(bad == 0 && out.len == size &&
			(size == 0 || memcmp(out.p, s, size) == 0),
		    "repair keeps valid text");
		check_valid_text(s, size);
	} else {
		check(bad > 0, "repair counts replacements");
		check_valid_text(out.p, out.len);
	}
	sb_free(&out);
	if (size >= 4) {
		memcpy(&cp, data, 4);
		i = u8_encode(cp, enc);
		check(i >= 1 && i <= 4, "encode length 1..4");
		check(ref_seqlen((unsigned char *)enc, i) == i, "encode valid");
	}
	return 0;
}
