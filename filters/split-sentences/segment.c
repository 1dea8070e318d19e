/*
 * segment.c: sentence boundaries in one pass over the bytes of a text.
 *
 * The main loop looks only at the bytes that can end a sentence: periods
 * and ellipses, question and exclamation marks, line breaks, bullets.
 * Each candidate is decided from what is around it, never with a regular
 * expression:
 *
 *   - the word before a period: a number, a list marker, an initial, a
 *     dotted abbreviation (U.S., a.m.), a listed abbreviation and its class
 *     (segment.h), or an ordinary word;
 *   - the word after it, past closing quotes and brackets, white space
 *     and opening quotes: lower case, capital, digit, other, and its roles
 *     in the word lists (a sentence opener like "The", a weekday after
 *     "a.m.", a speech verb after a quoted question);
 *   - for line breaks, the shape of the paragraph: a blank line always
 *     ends a sentence, a single line break ends one unless the text goes
 *     on in lower case or the paragraph is hard-wrapped prose.
 *
 * Boundaries are collected as cut positions; the sentences are the
 * stretches between cuts, trimmed of white space.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cli.h"
#include "lexicon.h"
#include "segment.h"

#define LEFT_MAX 96	/* bytes looked at before a period */
#define CHUNK_MAX 256	/* bytes looked at for an address around a dot */
#define INTRO_MAX 120	/* bytes of an opening time phrase ("At 5 a.m.") */
#define SAY_WORDS 4	/* words looked at for "said" after a question */

enum { K_END, K_UPPER, K_LOWER, K_DIGIT, K_OTHER };

/* what the word before a period is */
enum { L_WORD, L_NUM, L_MARKER, L_INITIAL, L_LOWER1 };

struct left {
	int kind;
	int cls;		/* for L_WORD: enum ss_class */
	int caps;		/* an undotted word in capitals: MS, CO */
};

struct next {
	int kind;		/* K_* of its first character */
	unsigned roles;		/* SS_W_* of the word */
	int initial;		/* one capital letter and a period: "J." */
	int title;		/* a capital and a lower-case letter: "Final" */
	int mixed;		/* lower case first, a capital inside: "iPhone" */
	size_t w1;		/* end of its ASCII letters */
};

struct seg {
	const struct ss_lex *x;
	const unsigned char *s;
	size_t n;
	struct ss_spans *out;
	size_t sstart;		/* the current sentence begins here (bytes) */
	size_t sfirst;		/* its first word, SIZE_MAX until looked up */
	size_t term_end;	/* end of the last terminal decided */
	size_t para_start;	/* the current paragraph */
	size_t para_end;	/* 0 until para_scan has looked at it */
	size_t para_w;		/* its widest line (code points) */
	int para_wrap;		/* it is hard-wrapped prose */
};

/* ---------------------------------------------------------- characters */

/*
 * Bytes that may start something the main loop acts on (HOT), and bytes
 * that may start a line break (NL). Every other byte is skipped at once.
 */
enum { HOT = 1, NL = 2 };
static const unsigned char byte_kind[256] = {
	['.'] = HOT, ['?'] = HOT, ['!'] = HOT,
	['\n'] = HOT | NL, ['\r'] = HOT | NL, ['\v'] = HOT | NL,
	['\f'] = HOT | NL, [0x1C] = HOT | NL, [0x1D] = HOT | NL,
	[0x1E] = HOT | NL,
	[0xC2] = HOT | NL,	/* U+0085 */
	[0xD8] = HOT,		/* U+061F */
	[0xE2] = HOT | NL,	/* U+2026, U+2028, bullets, U+203C */
	[0xE3] = HOT,		/* U+3002 */
	[0xEF] = HOT,		/* U+FF01, U+FF1F */
};

static int32_t
dec(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = s[i];

	if (c < 0x80 || i + 1 >= n) {
		*len = 1;
		return c;
	}
	if (c < 0xE0) {
		*len = 2;
		return ((int32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
	}
	if (c < 0xF0 || i + 3 >= n) {
		if (i + 2 >= n) {
			*len = 1;
			return c;
		}
		*len = 3;
		return ((int32_t)(c & 0x0F) << 12) |
		    ((int32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
	}
	*len = 4;
	return ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[i + 1] & 0x3F) << 12) |
	    ((int32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
}

static size_t
prev_start(const unsigned char *s, size_t i)
{
	size_t j = i - 1;

	while (j > 0 && (s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

/* length of the white space character at s[i] (Python's isspace), or 0 */
static size_t
space_len(const unsigned char *s, size_t n, size_t i)
{
	unsigned char c = s[i];

	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r') ||
		    (c >= 0x1C && c <= 0x1F);
	if (c == 0xC2 && i + 1 < n)
		return s[i + 1] == 0x85 || s[i + 1] == 0xA0 ? 2 : 0;
	if (i + 2 >= n)
		return 0;
	if (c == 0xE1)
		return s[i + 1] == 0x9A && s[i + 2] == 0x80 ? 3 : 0;
	if (c == 0xE2 && s[i + 1] == 0x80)
		return s[i + 2] <= 0x8A || s[i + 2] == 0xA8 ||
		    s[i + 2] == 0xA9 || s[i + 2] == 0xAF ? 3 : 0;
	if (c == 0xE2 && s[i + 1] == 0x81)
		return s[i + 2] == 0x9F ? 3 : 0;
	if (c == 0xE3)
		return s[i + 1] == 0x80 && s[i + 2] == 0x80 ? 3 : 0;
	return 0;
}

/* a line break at s[i]: 0 none, 1 a line, 2 a paragraph; *len bytes */
static int
line_break(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = s[i];

	*len = 1;
	if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
		*len = 2;
		return 1;
	}
	if (c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	    (c >= 0x1C && c <= 0x1E))
		return 1;
	if (c == 0xC2 && i + 1 < n && s[i + 1] == 0x85) {
		*len = 2;
		return 1;
	}
	if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
		*len = 3;
		return s[i + 2] == 0xA9 ? 2 : 1;
	}
	return 0;
}

static int
space_before(const unsigned char *s, size_t n, size_t i)
{
	return i == 0 || space_len(s, n, prev_start(s, i)) > 0;
}

static int
kind_of(int32_t c)
{
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return K_UPPER;
		if (c >= 'a' && c <= 'z')
			return K_LOWER;
		if (c >= '0' && c <= '9')
			return K_DIGIT;
		return K_OTHER;
	}
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO:	/* scripts without case */
	case UTF8PROC_CATEGORY_LM:
		return K_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return K_LOWER;
	case UTF8PROC_CATEGORY_ND:
		return K_DIGIT;
	default:
		return K_OTHER;
	}
}

/* part of a word for the tail before a period (° for N°) */
static int
is_wordch(int32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9');
	if (c == 0xB0 || c == 0xBA)
		return 1;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return 0;
	}
}

/* may close a quotation or a parenthesis after a terminal */
static int
is_closer(int32_t c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x00BB: case 0x2019: case 0x201D: case 0x201C: case 0x2018:
	case 0x203A: case 0x300D: case 0x300F:
		return 1;
	}
	return 0;
}

static int
is_quote(int32_t c)
{
	return c == '"' || c == '\'' || c == 0xBB || (c >= 0x2018 &&
	    c <= 0x201D) || c == 0x203A;
}

/* may open a quotation or a parenthesis before a word */
static int
is_opener(int32_t c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0x00AB: case 0x00BF: case 0x00A1: case 0x201C: case 0x2018:
	case 0x201E: case 0x201A: case 0x2039: case 0x201D: case 0x300C:
	case 0x300E:
		return 1;
	}
	return 0;
}

static int
is_bullet(int32_t c)
{
	switch (c) {
	case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x25AA:
	case 0x25CF: case 0x25A0: case 0x25BA: case 0x25B8:
		return 1;
	}
	return 0;
}

/* ? ! and their relatives; 2 for the CJK ones that need no space */
static int
is_qe(int32_t c)
{
	switch (c) {
	case '?': case '!': case 0x203C: case 0x2047: case 0x2048:
	case 0x2049: case 0x061F:
		return 1;
	case 0x3002: case 0xFF01: case 0xFF1F:
		return 2;
	}
	return 0;
}

static int
is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* ---------------------------------------------------------- cuts */

static void
add_cut(struct seg *g, size_t pos)
{
	struct ss_spans *o = g->out;

	if (pos <= g->sstart)
		return;
	if (o->ncut == o->capcut) {
		o->capcut = o->capcut ? 2 * o->capcut : 64;
		o->cut = xreallocarray(o->cut, o->capcut, sizeof(*o->cut));
	}
	o->cut[o->ncut++] = pos;
	g->sstart = pos;
	g->sfirst = SIZE_MAX;
}

/* where the current sentence's first word starts (past quotes, bullets) */
static size_t
first_content(struct seg *g)
{
	size_t i = g->sstart, l;
	int32_t c;

	if (g->sfirst != SIZE_MAX)
		return g->sfirst;
	while (i < g->n) {
		if ((l = space_len(g->s, g->n, i)) > 0) {
			i += l;
			continue;
		}
		c = dec(g->s, g->n, i, &l);
		if (!is_opener(c) && !is_bullet(c) && c != '-' && c != '*')
			break;
		i += l;
	}
	g->sfirst = i;
	return i;
}

static int
first_kind(struct seg *g, size_t upto)
{
	size_t i = first_content(g), l;

	if (i >= upto || i >= g->n)
		return K_END;
	return kind_of(dec(g->s, g->n, i, &l));
}

/* past closing quotes and brackets; *quoted if a quote was among them */
static size_t
skip_closers(const struct seg *g, size_t k, int *quoted)
{
	size_t l, l2;
	int32_t c;

	*quoted = 0;
	while (k < g->n) {
		c = dec(g->s, g->n, k, &l);
		if (!is_closer(c))
			break;
		/* an apostrophe, as in "Jr.'s" */
		if ((c == '\'' || c == 0x2019) && k + l < g->n &&
		    is_wordch(dec(g->s, g->n, k + l, &l2)))
			break;
		*quoted |= is_quote(c);
		k += l;
	}
	return k;
}

/* the word after white space at k */
static void
next_word(const struct seg *g, size_t k, struct next *nx)
{
	const unsigned char *s = g->s;
	size_t n = g->n, l, w0;
	int32_t c;
	int cls;

	memset(nx, 0, sizeof(*nx));
	for (;;) {
		if (k >= n) {
			nx->kind = K_END;
			return;
		}
		if ((l = space_len(s, n, k)) > 0) {
			k += l;
			continue;
		}
		c = dec(s, n, k, &l);
		if (!is_opener(c))
			break;
		k += l;
	}
	nx->kind = kind_of(c);
	w0 = k;
	while (k < n && k - w0 <= SS_MAXWORD && is_alpha(s[k]))
		k++;
	nx->w1 = k;
	if (k > w0)
		ss_lex_find(g->x, (const char *)s + w0, k - w0, &cls,
		    &nx->roles);
	/* in an all-capitals line, THE and TO open nothing */
	for (k = w0; k < nx->w1 && s[k] >= 'A' && s[k] <= 'Z'; k++)
		;
	if (k == nx->w1 && k - w0 >= 2)
		nx->roles &= ~(unsigned)SS_W_OPENER;
	nx->title = nx->w1 >= w0 + 2 && s[w0 + 1] >= 'a' && s[w0 + 1] <= 'z';
	if (nx->kind == K_UPPER && nx->w1 <= w0 + 1 && w0 + l < n &&
	    s[w0 + l] == '.')
		nx->initial = 1;
	if (nx->kind == K_LOWER)
		for (k = w0; k < nx->w1; k++)
			if (s[k] >= 'A' && s[k] <= 'Z')
				nx->mixed = 1;
}

/* "Why?" Smith asked: a speech verb among the next few words */
static int
said_follows(const struct seg *g, size_t k)
{
	const unsigned char *s = g->s;
	size_t n = g->n, w0, lim = k + 120;
	unsigned roles;
	int words = 0, cls;

	while (k < n && k < lim && words < SAY_WORDS) {
		for (; k < n && !is_alpha(s[k]); k++)
			if (s[k] == ',' || s[k] == '.' || s[k] == '\n')
				return 0;
		w0 = k;
		while (k < n && is_alpha(s[k]))
			k++;
		if (k == w0)
			return 0;
		words++;
		if (words > 1 && ss_lex_find(g->x, (const char *)s + w0,
		    k - w0, &cls, &roles) && (roles & SS_W_SAY))
			return 1;
	}
	return 0;
}

/* "At 5 a.m." opens the sentence: an introductory time phrase */
static int
intro_phrase(struct seg *g, size_t i)
{
	const unsigned char *s = g->s;
	size_t a = first_content(g), e, p;
	unsigned roles;
	int cls, words = 1;

	if (a >= i || i - a > INTRO_MAX)
		return 0;
	for (e = a; e < i && is_alpha(s[e]); e++)
		;
	if (!ss_lex_find(g->x, (const char *)s + a, e - a, &cls, &roles) ||
	    !(roles & SS_W_INTRO))
		return 0;
	for (p = a; p < i; p++) {
		if (s[p] == ',' || s[p] == ';' || s[p] == ':')
			return 0;
		if (p > a && space_len(s, g->n, p - 1) && !space_len(s, g->n, p))
			words++;
	}
	return words <= 5;
}

/* ---------------------------------------------------------- the word before */

static void
left_word(struct seg *g, size_t i, struct left *w)
{
	const unsigned char *s = g->s;
	size_t n = g->n, j = i, lim, body, t0, p, l, k, glen;
	int32_t c;
	int num, upper, ok, letters;
	unsigned roles;

	w->kind = L_WORD;
	w->cls = SS_PLAIN;
	w->caps = 0;
	lim = i > LEFT_MAX ? i - LEFT_MAX : 0;
	if (lim < g->sstart)	/* not across a cut: "Tuesday.|Mr." */
		lim = g->sstart;
	while (j > lim && !space_len(s, n, prev_start(s, j)))
		j = prev_start(s, j);
	if (j == i || (j == lim && lim > g->sstart && !space_before(s, n, j)))
		return;
	/* a quoted or bracketed word ends a sentence like any other */
	if (is_closer(dec(s, n, prev_start(s, i), &l)))
		return;
	for (body = j; body < i; body += l) {
		c = dec(s, n, body, &l);
		if (is_wordch(c))
			break;
	}
	if (body >= i)
		return;
	/* a number: 55, $100.00, 1,000, 1026.253.553 */
	num = is_digit(s[body]);
	for (p = body; num && p < i; p++)
		if (!is_digit(s[p]) && s[p] != ',' && s[p] != '.' &&
		    s[p] != '%')
			num = 0;
	if (num) {
		w->kind = L_NUM;
		if (i - body <= 3 && body == first_content(g)) {
			for (p = body; p < i && is_digit(s[p]); p++)
				;
			if (p == i)
				w->kind = L_MARKER;
		}
		return;
	}
	/* the tail: letters, digits and dots before the period */
	for (t0 = i; t0 > body; t0 = p) {
		p = prev_start(s, t0);
		c = dec(s, n, p, &l);
		if (!is_wordch(c) && c != '.')
			break;
	}
	if (t0 == i)
		return;
	/* "Poor's." "747-SR's.": a word, not an initial */
	if (t0 > body && (s[t0 - 1] == '\'' || (t0 >= 3 && s[t0 - 3] == 0xE2 &&
	    s[t0 - 2] == 0x80 && s[t0 - 1] == 0x99)))
		return;
	c = dec(s, n, t0, &l);
	if (t0 + l == i && t0 > body)	/* "Jay-Z." "AT&T." "3.7m/h." */
		return;
	if (t0 + l == i && kind_of(c) != K_DIGIT && kind_of(c) != K_OTHER) {
		/* one letter: a list marker, an initial, or "p." */
		if (t0 == first_content(g))
			w->kind = L_MARKER;
		else
			w->kind = kind_of(c) == K_LOWER ? L_LOWER1 : L_INITIAL;
		return;
	}
	if (memchr(s + t0, '.', i - t0) != NULL) {
		/* dotted: U.S, a.m, Ph.D, K.H; not example.com */
		ok = 1;
		upper = 1;
		glen = 0;
		letters = 0;
		for (k = t0; k < i && ok; k++) {
			if (s[k] == '.') {
				ok = glen >= 1;
				glen = 0;
			} else if (is_alpha(s[k])) {
				ok = ++glen <= 3;
				letters++;
				if (s[k] >= 'a')
					upper = 0;
			} else {
				ok = 0;
			}
		}
		if (!ok || glen == 0 || letters < 2)
			return;
		if (!ss_lex_find(g->x, (const char *)s + t0, i - t0, &w->cls,
		    &roles) || w->cls == SS_PLAIN)
			w->cls = upper ? SS_JOIN : SS_END;
	} else {
		ss_lex_find(g->x, (const char *)s + t0, i - t0, &w->cls,
		    &roles);
		for (k = t0; k < i && s[k] >= 'A' && s[k] <= 'Z'; k++)
			;
		w->caps = k == i && i - t0 >= 2;
	}
	/* "Washington, D.C." "Trenton, N.J.": a place after its city ends */
	if (w->cls == SS_JOIN && t0 == j) {
		for (p = j; p > g->sstart && space_len(s, n, prev_start(s, p));)
			p = prev_start(s, p);
		if (p > g->sstart && s[p - 1] == ',')
			w->cls = SS_END;
	}
}

/* does a period after w end the sentence, given the next word? */
static int
stop_ends(struct seg *g, size_t i, const struct left *w, const struct next *nx)
{
	int opener = (nx->roles & SS_W_OPENER) != 0;
	int kind = nx->kind;

	if (kind == K_LOWER && nx->mixed)
		kind = K_UPPER;
	switch (w->kind) {
	case L_NUM:
		return kind != K_LOWER;
	case L_MARKER:
	case L_LOWER1:
		return 0;
	case L_INITIAL:
		return kind == K_UPPER && opener && !nx->initial;
	}
	/* "patients with MS. Final approval": in mixed case, an acronym */
	if (w->caps && kind == K_UPPER && nx->title)
		return 1;
	switch (kind) {
	case K_LOWER:
		return 0;
	case K_DIGIT:
		return w->cls == SS_PLAIN;
	case K_OTHER:
		return w->cls == SS_PLAIN || w->cls == SS_NUMBER ||
		    w->cls == SS_END || w->cls == SS_TIME;
	}
	switch (w->cls) {
	case SS_TITLE:
	case SS_INNER:
		return 0;
	case SS_JOIN:
		return opener && !nx->initial;
	case SS_TIME:
		if (nx->roles & SS_W_TIME)
			return 0;
		return opener || !intro_phrase(g, i);
	case SS_END:
		return !(nx->roles & SS_W_FOLLOW);
	default:	/* SS_PLAIN, SS_NUMBER */
		return 1;
	}
}

/* "world.Today", "1,000.That": a boundary with no space after it */
static int
glued_ends(struct seg *g, size_t i, size_t e, int period)
{
	const unsigned char *s = g->s;
	size_t n = g->n, a, b, r;
	int cls;
	unsigned roles;

	if (i == 0 || e + 1 >= n || !(s[e] >= 'A' && s[e] <= 'Z') ||
	    !(s[e + 1] >= 'a' && s[e + 1] <= 'z'))
		return 0;
	if (!(s[i - 1] >= 'a' && s[i - 1] <= 'z') &&
	    !(period && is_digit(s[i - 1])))
		return 0;
	/* the letters before: two or more, not an abbreviation */
	for (r = i; r > 0 && is_alpha(s[r - 1]); r--)
		;
	if (r < i && (i - r < 2 || (r > 0 && s[r - 1] == '.')))
		return 0;
	if (r < i && ss_lex_find(g->x, (const char *)s + r, i - r, &cls,
	    &roles) && cls != SS_PLAIN)
		return 0;
	/* not inside an address: no @, /, www in the chunk */
	for (a = i; a > 0 && i - a < CHUNK_MAX && !space_len(s, n, a - 1); a--)
		if (s[a - 1] == '@' || s[a - 1] == '/')
			return 0;
	for (b = e; b < n && b - e < CHUNK_MAX && !space_len(s, n, b); b++)
		if (s[b] == '@' || s[b] == '/')
			return 0;
	if (i - a >= CHUNK_MAX || b - e >= CHUNK_MAX)
		return 0;
	if (i - a >= 4 && (s[a] == 'w' || s[a] == 'W') &&
	    strncmp((const char *)s + a + 1, "ww.", 3) == 0)
		return 0;
	return 1;
}

/* ---------------------------------------------------------- terminals */

static size_t
on_ellipsis(struct seg *g, size_t i, size_t e)
{
	const unsigned char *s = g->s;
	struct next nx;
	size_t k;
	int q;

	/* [...] marks an omission, never an end */
	if (i > 0 && (s[i - 1] == '[' || s[i - 1] == '(') && e < g->n &&
	    (s[e] == ']' || s[e] == ')'))
		return e + 1;
	k = skip_closers(g, e, &q);
	if (k >= g->n || !space_len(s, g->n, k)) {
		if (k >= g->n)
			g->term_end = k;
		return k;
	}
	g->term_end = k;
	next_word(g, k, &nx);
	/* an ellipsis that opens a sentence belongs to it: "... Member" */
	if (nx.kind == K_UPPER && first_content(g) < i)
		add_cut(g, k);
	return k;
}

/* ". . ." spaced out: m dots from i, the last before e */
static size_t
on_spaced(struct seg *g, size_t i, size_t e, int m)
{
	struct next nx;
	size_t k;
	int q, detached = space_before(g->s, g->n, i);

	k = skip_closers(g, e, &q);
	if (k >= g->n || !space_len(g->s, g->n, k)) {
		if (k >= g->n)
			g->term_end = k;
		return k;
	}
	g->term_end = k;
	next_word(g, k, &nx);
	if (nx.kind != K_UPPER)
		return k;
	if (detached) {
		if (m >= 4 && first_content(g) < i)	/* ellipsis and period */
			add_cut(g, k);
		return k;
	}
	/* "word. . . . Next": the period ends it, the ellipsis opens the next */
	add_cut(g, i + 1);
	return k;
}

static size_t
on_stop(struct seg *g, size_t i)
{
	struct left w;
	struct next nx;
	size_t k;
	int q;

	k = skip_closers(g, i + 1, &q);
	if (k >= g->n) {
		g->term_end = k;
		return k;
	}
	if (!space_len(g->s, g->n, k)) {
		if (k == i + 1 && glued_ends(g, i, k, 1))
			add_cut(g, k);
		return k > i + 1 ? k : i + 1;
	}
	g->term_end = k;
	next_word(g, k, &nx);
	if (nx.kind == K_END)
		return k;
	left_word(g, i, &w);
	if (stop_ends(g, i, &w, &nx))
		add_cut(g, k);
	return k;
}

static size_t
on_period(struct seg *g, size_t i)
{
	const unsigned char *s = g->s;
	size_t n = g->n, e = i, j;
	int dots = 0, m;

	while (e < n) {
		if (s[e] == '.') {
			dots++;
			e++;
		} else if (e + 2 < n && s[e] == 0xE2 && s[e + 1] == 0x80 &&
		    s[e + 2] == 0xA6) {
			dots += 3;
			e += 3;
		} else {
			break;
		}
	}
	if (dots >= 2)
		return on_ellipsis(g, i, e);
	if (e + 1 < n && s[e] == ' ' && s[e + 1] == '.') {
		for (m = 1, j = e; j + 1 < n && s[j] == ' ' && s[j + 1] == '.';
		    j += 2)
			m++;
		if (m >= 3)
			return on_spaced(g, i, j, m);
	}
	return on_stop(g, i);
}

static size_t
on_qe(struct seg *g, size_t i)
{
	const unsigned char *s = g->s;
	struct next nx;
	size_t n = g->n, e = i, k, l;
	int32_t c;
	int q, cjk = 0, t;

	while (e < n) {
		c = dec(s, n, e, &l);
		if ((t = is_qe(c)) == 0 && c != '.' && c != 0x2026)
			break;
		cjk |= t == 2;
		e += l;
	}
	k = skip_closers(g, e, &q);
	if (k >= n) {
		g->term_end = k;
		return k;
	}
	if (!space_len(s, n, k)) {
		if (cjk || glued_ends(g, i, k, 0))
			add_cut(g, k);
		return k;
	}
	g->term_end = k;
	next_word(g, k, &nx);
	if (nx.kind == K_END || (nx.kind == K_LOWER && !nx.mixed))
		return k;
	if (q && nx.kind == K_UPPER && said_follows(g, k))
		return k;
	add_cut(g, k);
	return k;
}

/* ---------------------------------------------------------- lines */

/* a list item or bullet starts at k */
static int
item_at(const struct seg *g, size_t k)
{
	const unsigned char *s = g->s;
	size_t n = g->n, l, d;
	int32_t c = dec(s, n, k, &l);

	if (is_bullet(c))
		return 1;
	if ((c == '-' || c == '*' || c == '+' || c == 0x2013 ||
	    c == 0x2014) && k + l < n && space_len(s, n, k + l))
		return 1;
	for (d = k; d < n && d - k < 4 && is_digit(s[d]); d++)
		;
	if (d == k || d - k > 3 || d + 1 >= n)
		return 0;
	if (s[d] == '.' && s[d + 1] == ')')
		d++;
	return (s[d] == '.' || s[d] == ')') && d + 1 < n &&
	    space_len(s, n, d + 1);
}

/* does a line end with a terminal (after closers)? p: after its last char */
static int
line_ends_terminal(const unsigned char *s, size_t n, size_t a, size_t p)
{
	size_t l;
	int32_t c;

	while (p > a) {
		p = prev_start(s, p);
		c = dec(s, n, p, &l);
		if (is_closer(c))
			continue;
		return c == '.' || is_qe(c) || c == 0x2026 || c == ':';
	}
	return 0;
}

static size_t
count_cp(const unsigned char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += (s[i] & 0xC0) != 0x80;
	return c;
}

/* one line from i: content [p, q) trimmed, the next line at next */
struct line {
	size_t p, q, next;
	int brk;		/* what ends it: 0 the text, 1 a line, 2 a paragraph */
};

static void
line_at(const struct seg *g, size_t i, struct line *ln)
{
	const unsigned char *s = g->s;
	size_t n = g->n, le, l = 0;
	int t = 0;

	for (le = i; le < n; le++)
		if ((byte_kind[s[le]] & NL) && (t = line_break(s, n, le, &l)))
			break;
	if (le >= n)
		t = 0, l = 0;
	ln->brk = le < n ? t : 0;
	ln->next = le + l;
	for (ln->p = i; ln->p < le && space_len(s, n, ln->p) > 0;)
		ln->p += space_len(s, n, ln->p);
	for (ln->q = le; ln->q > ln->p &&
	    space_len(s, n, prev_start(s, ln->q)) > 0;)
		ln->q = prev_start(s, ln->q);
}

/*
 * Look at the paragraph from a to the next blank line: is it prose
 * hard-wrapped at a fixed width? It is when lines that end without a
 * terminal are mostly near the widest line's length and a fair share of
 * them go on in lower case on the next line; headline lists and tables
 * do not. Then a line break after a long open line is a space. The
 * answer holds until para_end, which is past `at`.
 */
static void
para_scan(struct seg *g, size_t a, size_t at)
{
	const unsigned char *s = g->s;
	struct line ln;
	size_t n = g->n, i, e, w = 0, len, prevlen = 0, l;
	int nlines = 0, nlong = 0, nlow = 0, prev_open = 0;

	/* the paragraph's end and its widest line */
	for (i = a, e = n; i < n; i = ln.next) {
		line_at(g, i, &ln);
		if (ln.p >= ln.q) {
			if (nlines > 0) {
				e = i;
				break;
			}
			continue;
		}
		nlines++;
		if ((len = count_cp(s + ln.p, ln.q - ln.p)) > w)
			w = len;
		if (ln.brk == 2 || ln.brk == 0) {
			e = ln.next;
			break;
		}
	}
	/* the open line ends: long ones, and how many go on in lower case */
	for (i = a, nlines = 0; i < e; i = ln.next) {
		line_at(g, i, &ln);
		if (ln.p >= ln.q)
			continue;
		if (nlines++ > 0 && prev_open && prevlen * 4 >= w * 3) {
			nlong++;
			if (kind_of(dec(s, n, ln.p, &l)) == K_LOWER)
				nlow++;
		}
		prevlen = count_cp(s + ln.p, ln.q - ln.p);
		prev_open = !line_ends_terminal(s, n, ln.p, ln.q);
		if (ln.next <= i)
			break;
	}
	g->para_end = e > at ? e : at + 1;
	g->para_w = w;
	g->para_wrap = nlines >= 3 && w >= 40 && nlong >= 2 && nlow >= 1 &&
	    nlow * 4 >= nlong;
}

/* the length of the line that ends at p (code points, trimmed) */
static size_t
line_len(const struct seg *g, size_t p)
{
	const unsigned char *s = g->s;
	size_t a = p, l;

	while (a > 0 && !line_break(s, g->n, prev_start(s, a), &l))
		a = prev_start(s, a);
	while (a < p && space_len(s, g->n, a) > 0)
		a += space_len(s, g->n, a);
	return count_cp(s + a, p - a);
}

/* words on the line that ends at p, counting up to 3 */
static int
line_words(const struct seg *g, size_t p)
{
	const unsigned char *s = g->s;
	size_t l;
	int words = 0, in = 0;

	while (p > 0 && words < 3 && !line_break(s, g->n, prev_start(s, p), &l)) {
		p = prev_start(s, p);
		if (space_len(s, g->n, p)) {
			in = 0;
		} else if (!in) {
			in = 1;
			words++;
		}
	}
	return words;
}

/* the line ends in a lower-case word that cannot end a sentence: "of" */
static int
ends_open_word(const struct seg *g, size_t p)
{
	const unsigned char *s = g->s;
	size_t a = p;
	unsigned roles;
	int cls;

	while (a > 0 && p - a <= SS_MAXWORD && s[a - 1] >= 'a' && s[a - 1] <= 'z')
		a--;
	if (a == p || (a > 0 && (is_alpha(s[a - 1]) || s[a - 1] >= 0x80)))
		return 0;
	return ss_lex_find(g->x, (const char *)s + a, p - a, &cls, &roles) &&
	    (roles & SS_W_CONT);
}

/* a line break at i: a blank line ends the sentence, one line break may */
static size_t
on_newline(struct seg *g, size_t i)
{
	const unsigned char *s = g->s;
	size_t n = g->n, j = i, p, l, l2;
	int nl = 0, t, k, lower;
	int32_t c;

	while (j < n && (l = space_len(s, n, j)) > 0) {
		if ((t = line_break(s, n, j, &l2)) > 0) {
			nl += t;
			l = l2;
		}
		j += l;
	}
	if (nl >= 2) {
		add_cut(g, i);
		g->para_start = j;
		g->para_end = 0;
		return j;
	}
	if (j >= n)
		return j;
	for (p = i; p > g->sstart && space_len(s, n, prev_start(s, p)) > 0;)
		p = prev_start(s, p);
	if (p <= g->sstart || first_content(g) >= p)
		return j;		/* nothing in this sentence yet */
	if (p == g->term_end)
		return j;		/* a terminal ended the line: decided */
	if (item_at(g, j)) {
		add_cut(g, i);
		return j;
	}
	if (g->para_end <= i)
		para_scan(g, g->para_start, i);
	if (g->para_wrap && line_len(g, p) * 4 >= g->para_w * 3)
		return j;		/* hard-wrapped prose goes on */
	c = dec(s, n, prev_start(s, p), &l);
	if (c == ',' || c == ';' || ends_open_word(g, p))
		return j;
	if (c == ':') {			/* a list or a quotation follows */
		add_cut(g, i);
		return j;
	}
	lower = space_before(s, n, i) ||
	    (first_kind(g, i) != K_LOWER && line_words(g, p) >= 3);
	for (k = 0, p = j; p < n && k < 8; p += l, k++) {
		c = dec(s, n, p, &l);
		if (!is_opener(c))
			break;
	}
	if (p < n && kind_of(c) == K_LOWER && lower)
		return j;		/* a sentence goes on in lower case */
	add_cut(g, i);
	return j;
}

/* a bullet in the middle of a line starts an item */
static size_t
on_bullet(struct seg *g, size_t i, size_t len)
{
	const unsigned char *s = g->s;
	size_t l;

	if (!space_before(s, g->n, i))
		return i + len;
	if (i + len < g->n && !space_len(s, g->n, i + len) &&
	    kind_of(dec(s, g->n, i + len, &l)) == K_OTHER)
		return i + len;
	if (first_content(g) < i)
		add_cut(g, i);
	return i + len;
}

/* only white space and bullets between the last line break and i */
static int
at_line_start(const unsigned char *s, size_t n, size_t i)
{
	size_t p, l;
	int k;

	for (k = 0; i > 0 && k < 16; k++) {
		p = prev_start(s, i);
		if (line_break(s, n, p, &l))
			return 1;
		if (!space_len(s, n, p) && !is_bullet(dec(s, n, p, &l)))
			return 0;
		i = p;
	}
	return i == 0;
}

static void
push_list(struct ss_spans *o, size_t pos)
{
	if (o->nlist == o->caplist) {
		o->caplist = o->caplist ? 2 * o->caplist : 16;
		o->list = xreallocarray(o->list, o->caplist, sizeof(*o->list));
	}
	o->list[o->nlist++] = pos;
}

/*
 * Numbered and lettered lists written on one line: "1) The first item
 * 2) The second item". A chain starts with 1 (or a) at the start of a
 * line and goes on with 2, 3 (b, c) in the same style; each later item
 * starts a sentence.
 */
static void
list_scan(struct seg *g)
{
	const unsigned char *s = g->s;
	size_t n = g->n, i, d, p, l;
	long v, last = 0;
	int style = 0, st, kind;

	g->out->nlist = 0;
	for (i = 0; i < n; i++) {
		if (!is_alpha(s[i]) && !is_digit(s[i]))
			continue;
		/* a marker is short: "1." "12)" "a." */
		if (i + 1 >= n || (s[i + 1] != '.' && s[i + 1] != ')' &&
		    !is_digit(s[i + 1])))
			continue;
		if (i > 0 && !space_len(s, n, prev_start(s, i)) &&
		    (s[i - 1] < 0x80 ||
		    !is_bullet(dec(s, n, prev_start(s, i), &l))))
			continue;
		if (is_digit(s[i])) {
			for (d = i, v = 0; d < n && d - i < 3 && is_digit(s[d]);
			    d++)
				v = v * 10 + (s[d] - '0');
			kind = 1;
		} else {
			d = i + 1;
			kind = s[i] >= 'a' ? 2 : 3;
			v = (s[i] | 0x20) - 'a' + 1;
		}
		if (d + 1 >= n)
			continue;
		if (s[d] == '.' && s[d + 1] == ')')
			st = 3, d += 2;
		else if (s[d] == '.' || s[d] == ')')
			st = s[d] == '.' ? 1 : 2, d++;
		else
			continue;
		if (d + 1 >= n || !space_len(s, n, d) || line_break(s, n, d, &l))
			continue;
		st += kind * 4;
		if (v == 1 && at_line_start(s, n, i)) {
			style = st;
			last = 1;
		} else if (style == st && v == last + 1) {
			last = v;
			for (p = i; p > 0 && space_len(s, n, prev_start(s, p));)
				p = prev_start(s, p);
			if (p > 0 && is_bullet(dec(s, n, prev_start(s, p), &l)))
				p = prev_start(s, p);
			else
				p = i;
			push_list(g->out, p);
		}
	}
}

/* ---------------------------------------------------------- the pass */

static void
push_span(struct ss_spans *o, size_t b0, size_t b1)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 32;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	o->v[o->n].b0 = b0;
	o->v[o->n].b1 = b1;
	o->n++;
}

/* the sentences: stretches between cuts, trimmed, with code points */
static void
make_spans(const unsigned char *s, size_t n, struct ss_spans *o)
{
	size_t k, a, b, at = 0, cp = 0, l;

	o->n = 0;
	for (k = 0; k <= o->ncut; k++) {
		a = k == 0 ? 0 : o->cut[k - 1];
		b = k == o->ncut ? n : o->cut[k];
		while (a < b && (l = space_len(s, n, a)) > 0)
			a += l;
		while (b > a && space_len(s, n, prev_start(s, b)) > 0)
			b = prev_start(s, b);
		if (b > a)
			push_span(o, a, b);
	}
	for (k = 0; k < o->n; k++) {
		cp += count_cp(s + at, o->v[k].b0 - at);
		o->v[k].c0 = cp;
		cp += count_cp(s + o->v[k].b0, o->v[k].b1 - o->v[k].b0);
		o->v[k].c1 = cp;
		at = o->v[k].b1;
	}
}

void
ss_split(const struct ss_lex *x, const char *text, size_t n,
    struct ss_spans *out)
{
	const unsigned char *s = (const unsigned char *)text;
	struct seg g;
	size_t i = 0, li = 0, l, stop;
	unsigned char c;
	int32_t cp;

	memset(&g, 0, sizeof(g));
	g.x = x;
	g.s = s;
	g.n = n;
	g.out = out;
	g.sfirst = SIZE_MAX;
	g.term_end = SIZE_MAX;
	out->ncut = 0;
	list_scan(&g);
	while (i < n) {
		while (li < out->nlist && out->list[li] <= i)
			add_cut(&g, out->list[li++]);
		stop = li < out->nlist ? out->list[li] : n;
		while (i < stop && !(byte_kind[s[i]] & HOT))
			i++;
		if (i >= stop)
			continue;
		c = s[i];
		if (c < 0x80) {
			switch (c) {
			case '.':
				i = on_period(&g, i);
				break;
			case '?':
			case '!':
				i = on_qe(&g, i);
				break;
			case '\n': case '\r': case '\v': case '\f':
			case 0x1C: case 0x1D: case 0x1E:
				i = on_newline(&g, i);
				break;
			default:
				i++;
			}
			continue;
		}
		if (c < 0xC0) {
			i++;
			continue;
		}
		cp = dec(s, n, i, &l);
		if (cp == 0x2026)
			i = on_period(&g, i);
		else if (is_qe(cp))
			i = on_qe(&g, i);
		else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
			i = on_newline(&g, i);
		else if (is_bullet(cp))
			i = on_bullet(&g, i, l);
		else
			i += l;
	}
	make_spans(s, n, out);
}

void
ss_spans_free(struct ss_spans *o)
{
	free(o->v);
	free(o->cut);
	free(o->list);
	memset(o, 0, sizeof(*o));
}
