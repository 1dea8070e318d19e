/*
 * lexicon.c: the word lists of the segmenter (abbreviations and the roles
 * of following words) in one open-addressing hash table keyed by the
 * ASCII-lowercased word. Built once at start, read-only afterwards.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lexicon.h"
#include "sbuf.h"
#include "segment.h"

struct ss_entry {
	uint64_t hash;
	size_t off;		/* key in pool */
	size_t len;
	unsigned char cls;	/* enum ss_class */
	unsigned char roles;	/* SS_W_* bits */
	unsigned char used;
};

struct ss_lex {
	struct ss_entry *tab;
	size_t cap, n;		/* cap a power of two */
	struct sbuf pool;
};

static const char *const class_names[SS_NCLASS] = {
	"plain", "title", "number", "inner", "end", "join", "time"
};

int
ss_class_parse(const char *name)
{
	int i;

	for (i = 0; i < SS_NCLASS; i++)
		if (strcmp(name, class_names[i]) == 0)
			return i;
	return -1;
}

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static uint64_t
hash_fold(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= fold((unsigned char)s[i]);
		h *= 1099511628211ULL;
	}
	return h;
}

static int
eq_fold(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

struct ss_lex *
ss_lex_new(void)
{
	struct ss_lex *x = xcalloc(1, sizeof(*x));

	x->cap = 1024;
	x->tab = xcalloc(x->cap, sizeof(*x->tab));
	return x;
}

static struct ss_entry *
slot(const struct ss_lex *x, const char *s, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (x->cap - 1);
	struct ss_entry *e;

	for (;;) {
		e = &x->tab[i];
		if (!e->used)
			return e;
		if (e->hash == h && e->len == n &&
		    eq_fold(x->pool.p + e->off, s, n))
			return e;
		i = (i + 1) & (x->cap - 1);
	}
}

static void
grow(struct ss_lex *x)
{
	struct ss_entry *old = x->tab, *e;
	size_t oldcap = x->cap, i;

	x->cap *= 2;
	x->tab = xcalloc(x->cap, sizeof(*x->tab));
	for (i = 0; i < oldcap; i++) {
		if (!old[i].used)
			continue;
		e = slot(x, x->pool.p + old[i].off, old[i].len, old[i].hash);
		*e = old[i];
	}
	free(old);
}

static struct ss_entry *
intern(struct ss_lex *x, const char *s, size_t n)
{
	uint64_t h;
	struct ss_entry *e;

	if (n == 0 || n > SS_MAXWORD)
		return NULL;
	if ((x->n + 1) * 2 > x->cap)
		grow(x);
	h = hash_fold(s, n);
	e = slot(x, s, n, h);
	if (!e->used) {
		e->used = 1;
		e->hash = h;
		e->off = x->pool.len;
		e->len = n;
		e->cls = SS_PLAIN;
		e->roles = 0;
		sb_add(&x->pool, s, n);
		x->n++;
	}
	return e;
}

int
ss_lex_abbrev(struct ss_lex *x, const char *s, size_t n, enum ss_class cls)
{
	struct ss_entry *e;

	while (n > 0 && s[n - 1] == '.')	/* "Gen." and "Gen" alike */
		n--;
	if ((e = intern(x, s, n)) == NULL)
		return -1;
	e->cls = (unsigned char)cls;
	return 0;
}

int
ss_lex_word(struct ss_lex *x, const char *s, size_t n, unsigned roles)
{
	struct ss_entry *e;

	if ((e = intern(x, s, n)) == NULL)
		return -1;
	e->roles |= (unsigned char)roles;
	return 0;
}

int
ss_lex_find(const struct ss_lex *x, const char *s, size_t n, int *cls,
    unsigned *roles)
{
	const struct ss_entry *e;

	*cls = SS_PLAIN;
	*roles = 0;
	if (n == 0 || n > SS_MAXWORD)
		return 0;
	e = slot(x, s, n, hash_fold(s, n));
	if (!e->used)
		return 0;
	*cls = e->cls;
	*roles = e->roles;
	return 1;
}

void
ss_lex_free(struct ss_lex *x)
{
	if (x == NULL)
		return;
	sb_free(&x->pool);
	free(x->tab);
	free(x);
}
