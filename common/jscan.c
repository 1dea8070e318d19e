/*
 * jscan.c: strict JSON validation of one line, recording the top-level
 * members of the object. Iterative (no recursion), no allocation.
 */
#include <stdint.h>
#include <string.h>

#include "jscan.h"
#include "ndjson.h"
#include "utf8.h"

struct scan {
	const unsigned char *s;
	size_t n, i;
	const char *why;
};

static int
fail(struct scan *sc, const char *why)
{
	if (sc->why == NULL)
		sc->why = why;
	return -1;
}

static void
skip_ws(struct scan *sc)
{
	while (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t' ||
	    sc->s[sc->i] == '\n' || sc->s[sc->i] == '\r'))
		sc->i++;
}

static int
hex4(const unsigned char *p, unsigned *v)
{
	unsigned x = 0;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned c = p[k];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= c - '0';
		else if (c >= 'a' && c <= 'f')
			x |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			x |= c - 'A' + 10;
		else
			return -1;
	}
	*v = x;
	return 0;
}

/*
 * Eight bytes at p hold no quote, no backslash, no control character and
 * no byte of a multi-byte sequence: 1, else 0. Bitwise tests on one 64-bit
 * word ("has a zero byte" after an xor, "has a byte below n" after a
 * subtraction) find none of these bytes exactly, so the string scanner
 * skips plain text eight bytes at a time.
 */
static int
plain8(const char *p)
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

/* at the opening quote; leaves i after the closing quote */
static int
scan_string(struct scan *sc)
{
	const unsigned char *s = sc->s;
	size_t n = sc->n, i = sc->i + 1, k;
	unsigned u, lo;

	for (;;) {
		/* fast path: plain printable ASCII, by words, then bytes */
		while (i + 8 <= n && plain8((const char *)s + i))
			i += 8;
		while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' &&
		    s[i] != '\\')
			i++;
		if (i >= n) {
			sc->i = i;
			return fail(sc, "invalid JSON: unterminated string");
		}
		if (s[i] == '"') {
			sc->i = i + 1;
			return 0;
		}
		if (s[i] == '\\') {
			if (i + 1 >= n)
				break;
			switch (s[i + 1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				i += 2;
				continue;
			case 'u':
				if (i + 6 > n || hex4(s + i + 2, &u) != 0) {
					sc->i = i;
					return fail(sc,
					    "invalid JSON: bad \\u escape");
				}
				i += 6;
				if (u >= 0xdc00 && u <= 0xdfff) {
					sc->i = i - 6;
					return fail(sc, "lone surrogate escape");
				}
				if (u >= 0xd800 && u <= 0xdbff) {
					if (i + 6 > n || s[i] != '\\' ||
					    s[i + 1] != 'u' ||
					    hex4(s + i + 2, &lo) != 0 ||
					    lo < 0xdc00 || lo > 0xdfff) {
						sc->i = i - 6;
						return fail(sc,
						    "lone surrogate escape");
					}
					i += 6;
				}
				continue;
			default:
				sc->i = i;
				return fail(sc, "invalid JSON: bad escape");
			}
		}
		if (s[i] < 0x20) {
			sc->i = i;
			return fail(sc, s[i] == 0 ? "NUL byte in line" :
			    "invalid JSON: control character in string");
		}
		if ((k = u8_seqlen(s + i, n - i)) == 0) {
			sc->i = i;
			return fail(sc, "invalid UTF-8");
		}
		i += k;
	}
	sc->i = i;
	return fail(sc, "invalid JSON: unterminated string");
}

static int
scan_number(struct scan *sc)
{
	const unsigned char *s = sc->s;
	size_t n = sc->n, i = sc->i;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n)
		goto bad;
	if (s[i] == '0')
		i++;
	else if (s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		goto bad;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			goto bad;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			goto bad;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	sc->i = i;
	return 0;
bad:
	sc->i = i;
	return fail(sc, "invalid JSON: bad number");
}

static int
scan_word(struct scan *sc, const char *w, size_t len)
{
	if (sc->n - sc->i < len || memcmp(sc->s + sc->i, w, len) != 0)
		return fail(sc, "invalid JSON: unexpected character");
	sc->i += len;
	return 0;
}

/* a scalar value at i (not an object or array) */
static int
scan_scalar(struct scan *sc)
{
	if (sc->i >= sc->n)
		return fail(sc, "invalid JSON: unexpected end of line");
	switch (sc->s[sc->i]) {
	case '"': return scan_string(sc);
	case 't': return scan_word(sc, "true", 4);
	case 'f': return scan_word(sc, "false", 5);
	case 'n': return scan_word(sc, "null", 4);
	case '\0': return fail(sc, "NUL byte in line");
	default:
		if (sc->s[sc->i] == '-' ||
		    (sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9'))
			return scan_number(sc);
		if (sc->s[sc->i] >= 0x80 &&
		    u8_seqlen(sc->s + sc->i, sc->n - sc->i) == 0)
			return fail(sc, "invalid UTF-8");
		return fail(sc, "invalid JSON: unexpected character");
	}
}

/* at a member's key: the key, white space and the colon */
static int
scan_key(struct scan *sc)
{
	if (sc->i >= sc->n || sc->s[sc->i] != '"')
		return fail(sc, "invalid JSON: expected a key");
	if (scan_string(sc) != 0)
		return -1;
	skip_ws(sc);
	if (sc->i >= sc->n || sc->s[sc->i] != ':')
		return fail(sc, "invalid JSON: expected ':'");
	sc->i++;
	return 0;
}

/*
 * A value that may be nested; iterative with a bit stack of container
 * kinds (1 = object, 0 = array).
 */
static int
scan_value(struct scan *sc, int depth0)
{
	unsigned char kind[JS_MAX_DEPTH / 8 + 1];
	int depth = 0;
	int isobj;

	for (;;) {
		/* at the start of a value */
		skip_ws(sc);
		if (sc->i < sc->n &&
		    (sc->s[sc->i] == '{' || sc->s[sc->i] == '[')) {
			isobj = sc->s[sc->i] == '{';
			if (depth0 + depth + 1 > JS_MAX_DEPTH)
				return fail(sc, "nesting deeper than 2048");
			if (isobj)
				kind[depth / 8] |= (unsigned char)(1u << (depth % 8));
			else
				kind[depth / 8] &= (unsigned char)~(1u << (depth % 8));
			depth++;
			sc->i++;
			skip_ws(sc);
			if (sc->i < sc->n &&
			    sc->s[sc->i] == (isobj ? '}' : ']')) {
				sc->i++;
				depth--;
				goto after;
			}
			if (isobj && scan_key(sc) != 0)
				return -1;
			continue;
		}
		if (scan_scalar(sc) != 0)
			return -1;
after:
		/* after a value: close containers or go to the next value */
		for (;;) {
			if (depth == 0)
				return 0;
			isobj = (kind[(depth - 1) / 8] >> ((depth - 1) % 8)) & 1;
			skip_ws(sc);
			if (sc->i >= sc->n)
				return fail(sc,
				    "invalid JSON: unexpected end of line");
			if (sc->s[sc->i] == (isobj ? '}' : ']')) {
				sc->i++;
				depth--;
				continue;
			}
			if (sc->s[sc->i] != ',')
				return fail(sc,
				    "invalid JSON: expected ',' or a closing bracket");
			sc->i++;
			if (isobj) {
				skip_ws(sc);
				if (scan_key(sc) != 0)
					return -1;
			}
			break;
		}
	}
}

int
js_scan_object(const char *s, size_t n,
    void (*cb)(void *arg, const struct nd_member *m), void *arg,
    const char **why, size_t *at)
{
	struct scan sc = {(const unsigned char *)s, n, 0, NULL};
	struct nd_member m;
	size_t k0, v0;

	skip_ws(&sc);
	if (sc.i >= n || sc.s[sc.i] != '{') {
		/* tell a JSON non-object from something that is not JSON */
		size_t save = sc.i;

		if (sc.i < n && scan_value(&sc, 0) == 0) {
			skip_ws(&sc);
			if (sc.i == n) {
				*why = "not a JSON object";
				*at = save;
				return -1;
			}
			sc.why = "invalid JSON: trailing characters";
		}
		*why = sc.why ? sc.why : "invalid JSON";
		*at = sc.i;
		return -1;
	}
	sc.i++;
	skip_ws(&sc);
	if (sc.i < n && sc.s[sc.i] == '}') {
		sc.i++;
		goto end;
	}
	for (;;) {
		skip_ws(&sc);
		if (sc.i >= n || sc.s[sc.i] != '"') {
			fail(&sc, "invalid JSON: expected a key");
			goto err;
		}
		k0 = sc.i;
		if (scan_string(&sc) != 0)
			goto err;
		m.key = s + k0 + 1;
		m.klen = sc.i - k0 - 2;
		skip_ws(&sc);
		if (sc.i >= n || sc.s[sc.i] != ':') {
			fail(&sc, "invalid JSON: expected ':'");
			goto err;
		}
		sc.i++;
		skip_ws(&sc);
		v0 = sc.i;
		if (scan_value(&sc, 1) != 0)
			goto err;
		m.val = s + v0;
		m.vlen = sc.i - v0;
		if (cb != NULL)
			cb(arg, &m);
		skip_ws(&sc);
		if (sc.i < n && sc.s[sc.i] == ',') {
			sc.i++;
			continue;
		}
		if (sc.i < n && sc.s[sc.i] == '}') {
			sc.i++;
			break;
		}
		fail(&sc, "invalid JSON: expected ',' or '}'");
		goto err;
	}
end:
	skip_ws(&sc);
	if (sc.i != n) {
		fail(&sc, sc.s[sc.i] == 0 ? "NUL byte in line" :
		    "invalid JSON: trailing characters after the object");
		goto err;
	}
	return 0;
err:
	*why = sc.why;
	*at = sc.i;
	return -1;
}

size_t
js_unescape(const char *s, size_t n, char *out)
{
	size_t i = 1, o = 0, run;
	unsigned u, lo;

	n--;	/* closing quote */
	while (i < n) {
		run = i;
		while (run < n && s[run] != '\\')
			run++;
		memcpy(out + o, s + i, run - i);
		o += run - i;
		i = run;
		if (i >= n)
			break;
		switch (s[i + 1]) {
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'u':
			hex4((const unsigned char *)s + i + 2, &u);
			if (u >= 0xd800 && u <= 0xdbff) {
				hex4((const unsigned char *)s + i + 8, &lo);
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			}
			o += u8_encode((int32_t)u, out + o);
			i += 6;
			continue;
		default: out[o++] = s[i + 1]; break;
		}
		i += 2;
	}
	return o;
}

int
js_key_eq(const char *raw, size_t rawlen, const char *key)
{
	size_t klen = strlen(key);

	if (rawlen == klen && memcmp(raw, key, klen) == 0)
		return 1;
	if (memchr(raw, '\\', rawlen) == NULL || rawlen > 256)
		return 0;
	{
		char tmp[260], q[260];
		size_t m;

		q[0] = '"';
		memcpy(q + 1, raw, rawlen);
		q[rawlen + 1] = '"';
		m = js_unescape(q, rawlen + 2, tmp);
		return m == klen && memcmp(tmp, key, klen) == 0;
	}
}
