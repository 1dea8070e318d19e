/* gaz.c: load gazetteer files, cue words and the dictionary */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gaz.h"
#include "sbuf.h"
#include "token.h"
#include "tsv.h"

const char *const gz_type_name[GZ_NTYPES] = {
	"PERSON", "ORG", "GPE", "LOC", "NORP"
};

/* the kind that starts an id of each type */
const char *const gz_kind_name[GZ_NTYPES] = {
	"person", "org", "gpe", "loc", "norp"
};

static const char *const cue_name[CUE_NKINDS] = {
	"cue:title", "cue:said", "cue:orghead", "cue:placehead",
	"cue:placeprep", "cue:polverb", "cue:govprep", "cue:stop",
	"cue:given", "cue:conn", "cue:event"
};

void
ws_add(struct wset *s, uint64_t h)
{
	size_t i, oldcap;
	uint64_t *old;

	if (h == 0)
		h = 1;
	if (s->v == NULL || (s->n + 1) * 4 > (s->mask + 1) * 3) {
		old = s->v;
		oldcap = old ? s->mask + 1 : 0;
		s->mask = oldcap ? oldcap * 2 - 1 : 255;
		s->v = xcalloc(s->mask + 1, sizeof(*s->v));
		s->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				ws_add(s, old[i]);
		free(old);
	}
	for (i = h & s->mask; s->v[i] != 0; i = (i + 1) & s->mask)
		if (s->v[i] == h)
			return;
	s->v[i] = h;
	s->n++;
}

int
ws_has(const struct wset *s, uint64_t h)
{
	size_t i;

	if (s->v == NULL)
		return 0;
	if (h == 0)
		h = 1;
	for (i = h & s->mask; s->v[i] != 0; i = (i + 1) & s->mask)
		if (s->v[i] == h)
			return 1;
	return 0;
}

static void
ws_free(struct wset *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct gaz *
gz_new(void)
{
	struct gaz *g = xcalloc(1, sizeof(*g));

	g->names = ph_new();
	g->cues = ph_new();
	g->idmask = 1023;
	g->idtab = xmalloc((g->idmask + 1) * sizeof(*g->idtab));
	memset(g->idtab, 0xff, (g->idmask + 1) * sizeof(*g->idtab));
	return g;
}

static size_t
id_slot(const struct gaz *g, const char *id, size_t len)
{
	return (size_t)tok_hash(id, len) & g->idmask;
}

int
gz_find(const struct gaz *g, const char *id, size_t len)
{
	size_t i;
	int e;

	for (i = id_slot(g, id, len); (e = g->idtab[i]) >= 0;
	    i = (i + 1) & g->idmask)
		if (strlen(g->ent[e].id) == len &&
		    memcmp(g->ent[e].id, id, len) == 0)
			return e;
	return -1;
}

static void
id_insert(struct gaz *g, int e)
{
	size_t i, k, oldn;
	int *old;

	if ((g->nent + 1) * 2 > g->idmask + 1) {
		old = g->idtab;
		oldn = g->idmask + 1;
		g->idmask = oldn * 2 - 1;
		g->idtab = xmalloc((g->idmask + 1) * sizeof(*g->idtab));
		memset(g->idtab, 0xff, (g->idmask + 1) * sizeof(*g->idtab));
		for (k = 0; k < oldn; k++)
			if (old[k] >= 0) {
				const char *s = g->ent[old[k]].id;

				for (i = id_slot(g, s, strlen(s));
				    g->idtab[i] >= 0; i = (i + 1) & g->idmask)
					;
				g->idtab[i] = old[k];
			}
		free(old);
	}
	for (i = id_slot(g, g->ent[e].id, strlen(g->ent[e].id));
	    g->idtab[i] >= 0; i = (i + 1) & g->idmask)
		;
	g->idtab[i] = e;
}

static int
parse_type(const char *s)
{
	int t;

	for (t = 0; t < GZ_NTYPES; t++)
		if (strcmp(s, gz_type_name[t]) == 0)
			return t;
	if (strcmp(s, "CUE") == 0)
		return GZ_NTYPES;
	return -1;
}

/* 1 if the alias is one plain word (no space, punctuation or joiner) */
static int
one_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80 && !((c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return 0;
	}
	return n > 0;
}

/* an alias written without lower-case letters must match exactly */
static int
all_caps(const char *s, size_t n)
{
	size_t i;
	int letters = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			return 0;
		if (c >= 'A' && c <= 'Z')
			letters++;
	}
	return letters > 0;
}

static void
cue_put(struct gaz *g, uint64_t h, uint32_t bits)
{
	size_t i, oldn;
	uint64_t *ok;
	uint32_t *ob;

	if (h == 0)
		h = 1;
	if (g->cuekey == NULL || (g->ncue + 1) * 2 > g->cuemask + 1) {
		ok = g->cuekey;
		ob = g->cuebits;
		oldn = ok ? g->cuemask + 1 : 0;
		g->cuemask = oldn ? oldn * 2 - 1 : 1023;
		g->cuekey = xcalloc(g->cuemask + 1, sizeof(*g->cuekey));
		g->cuebits = xcalloc(g->cuemask + 1, sizeof(*g->cuebits));
		g->ncue = 0;
		for (i = 0; i < oldn; i++)
			if (ok[i] != 0)
				cue_put(g, ok[i], ob[i]);
		free(ok);
		free(ob);
	}
	for (i = h & g->cuemask; g->cuekey[i] != 0 && g->cuekey[i] != h;
	    i = (i + 1) & g->cuemask)
		;
	if (g->cuekey[i] == 0) {
		g->cuekey[i] = h;
		g->ncue++;
	}
	g->cuebits[i] |= bits;
	/* h and a hash 0 taken for 1 share their bit: bits 40 and up */
	i = (size_t)(h >> 40) & (GZ_CUEBITS - 1);
	g->cuefilt[i / 64] |= (uint64_t)1 << (i % 64);
}

static void
load_cue(struct gaz *g, const struct tsv_row *r)
{
	struct sbuf nb = SBUF_INIT;
	struct toks t = TOKS_INIT;
	const char *a = r->col[2], *bar;
	int k;
	size_t n;

	for (k = 0; k < CUE_NKINDS; k++)
		if (strcmp(r->col[0], cue_name[k]) == 0)
			break;
	if (k == CUE_NKINDS)
		tsv_die(r, "unknown cue kind %s", r->col[0]);
	for (;;) {
		bar = strchr(a, '|');
		n = bar ? (size_t)(bar - a) : strlen(a);
		if (n > 0) {
			/* titles and prepositions are matched as phrases,
			 * tried only at a word that starts one; every
			 * one-word cue is also looked up by its hash */
			if ((1u << k) & (CUE_TITLE | CUE_PLACEPREP |
			    CUE_GOVPREP)) {
				ph_add(g->cues, a, n, 0, k);
				tok_run(&t, a, n);
				if (t.n > 0)
					cue_put(g, t.v[0].hash,
					    (1u << k) << CUE_FIRST);
			}
			if (one_word(a, n))
				cue_put(g, tok_normalize(a, n, &nb), 1u << k);
		}
		if (bar == NULL)
			break;
		a = bar + 1;
	}
	toks_free(&t);
	sb_free(&nb);
}

/* an open-addressing map of word hashes to entries; a key put with two
 * different entries maps to -1 */
static void
map_put(uint64_t **key, int **ent, size_t *mask, size_t *n, uint64_t h,
    int e)
{
	size_t i, oldn;
	uint64_t *ok;
	int *oe;

	if (h == 0)
		h = 1;
	if (*key == NULL || (*n + 1) * 2 > *mask + 1) {
		ok = *key;
		oe = *ent;
		oldn = ok ? *mask + 1 : 0;
		*mask = oldn ? oldn * 2 - 1 : 4095;
		*key = xcalloc(*mask + 1, sizeof(**key));
		*ent = xcalloc(*mask + 1, sizeof(**ent));
		*n = 0;
		for (i = 0; i < oldn; i++)
			if (ok[i] != 0)
				map_put(key, ent, mask, n, ok[i], oe[i]);
		free(ok);
		free(oe);
	}
	for (i = h & *mask; (*key)[i] != 0; i = (i + 1) & *mask)
		if ((*key)[i] == h) {
			if ((*ent)[i] != e)
				(*ent)[i] = -1;	/* ambiguous */
			return;
		}
	(*key)[i] = h;
	(*ent)[i] = e;
	(*n)++;
}

static int
map_get(const uint64_t *key, const int *ent, size_t mask, uint64_t h)
{
	size_t i;

	if (key == NULL)
		return -1;
	if (h == 0)
		h = 1;
	for (i = h & mask; key[i] != 0; i = (i + 1) & mask)
		if (key[i] == h)
			return ent[i];
	return -1;
}

static void
fz_put(struct gaz *g, uint64_t h, int e)
{
	map_put(&g->fzkey, &g->fzent, &g->fzmask, &g->nfz, h, e);
}

static int
fz_get(const struct gaz *g, uint64_t h)
{
	return map_get(g->fzkey, g->fzent, g->fzmask, h);
}

int
gz_surname(const struct gaz *g, uint64_t h)
{
	return map_get(g->snkey, g->snent, g->snmask, h);
}

/* the word and its one-letter deletions, for ASCII words of 7 to 31 */
static void
fz_add(struct gaz *g, const char *w, size_t n, int e)
{
	char buf[32];
	size_t i;

	if (n < 7 || n >= sizeof(buf))
		return;
	for (i = 0; i < n; i++)
		if (!(w[i] >= 'a' && w[i] <= 'z'))
			return;
	fz_put(g, tok_hash(w, n), e);
	for (i = 0; i < n; i++) {
		memcpy(buf, w, i);
		memcpy(buf + i, w + i + 1, n - i - 1);
		fz_put(g, tok_hash(buf, n - 1) ^ 0x5bd1e995, e);
	}
}

int
gz_fuzzy(const struct gaz *g, const char *w, size_t n)
{
	char buf[32];
	size_t i;
	int e, best = -2;

	if (n < 7 || n >= sizeof(buf))
		return -1;
	/* a letter missing from the word: it is a deletion of the alias */
	if ((e = fz_get(g, tok_hash(w, n) ^ 0x5bd1e995)) >= 0)
		best = e;
	for (i = 0; i < n; i++) {
		memcpy(buf, w, i);
		memcpy(buf + i, w + i + 1, n - i - 1);
		/* an extra letter (not at the end: "Hezbollahi" is an
		 * adjective), or one letter changed */
		if ((i + 1 < n && (e = fz_get(g, tok_hash(buf, n - 1))) >= 0) ||
		    (e = fz_get(g, tok_hash(buf, n - 1) ^ 0x5bd1e995)) >= 0) {
			if (best >= 0 && best != e)
				return -1;
			best = e;
		}
	}
	return best >= 0 ? best : -1;
}

static void
load_row(struct gaz *g, const struct tsv_row *r)
{
	const char *a, *bar, *f, *sp;
	unsigned aflags = 0, phflags, eflags = 0;
	int type, e, nocase = 0;
	size_t n;
	char *gov = NULL;

	if (r->ncol < 3)
		tsv_die(r, "need id, type and aliases");
	if ((type = parse_type(r->col[1])) < 0) {
		tsv_die(r, "unknown type %s", r->col[1]);
		return;		/* not reached; for cppcheck */
	}
	if (type == GZ_NTYPES) {
		load_cue(g, r);
		return;
	}
	/* the id's kind is the type in lower case: org:irgc is an ORG */
	n = strlen(gz_kind_name[type]);
	if (r->len[0] <= n + 1 || r->col[0][n] != ':' ||
	    strncmp(r->col[0], gz_kind_name[type], n) != 0)
		tsv_die(r, "id %s of a %s is not %s:slug", r->col[0],
		    gz_type_name[type], gz_kind_name[type]);
	/* flags */
	for (f = r->ncol > 3 ? r->col[3] : ""; *f != '\0';) {
		n = strcspn(f, ",");
		if (n == 5 && strncmp(f, "title", 5) == 0)
			aflags |= GA_TITLE;
		else if (n == 5 && strncmp(f, "short", 5) == 0)
			aflags |= GA_SHORT;
		else if (n == 3 && strncmp(f, "low", 3) == 0) {
			aflags |= GA_LOW;
			eflags |= GE_SUBDIV;
		} else if (n == 4 && strncmp(f, "city", 4) == 0)
			eflags |= GE_CITY;
		else if (n == 6 && strncmp(f, "nocase", 6) == 0)
			nocase = 1;
		else if (n > 4 && strncmp(f, "gov=", 4) == 0) {
			free(gov);
			gov = xstrndup(f + 4, n - 4);
			eflags |= GE_CITY;
		} else if (n > 8 && strncmp(f, "country=", 8) == 0)
			eflags |= GE_COUNTRY;
		else if (n > 4 && strncmp(f, "iso=", 4) == 0)
			;	/* informative */
		else if (n > 0) {
			free(gov);
			tsv_die(r, "unknown flag %.*s", (int)n, f);
		}
		f += n;
		if (*f == ',')
			f++;
	}
	if ((e = gz_find(g, r->col[0], r->len[0])) < 0) {
		if (g->nent == g->entcap) {
			g->entcap = g->entcap ? g->entcap * 2 : 1024;
			g->ent = xreallocarray(g->ent, g->entcap,
			    sizeof(*g->ent));
			g->govref = xreallocarray(g->govref, g->entcap,
			    sizeof(*g->govref));
		}
		e = (int)g->nent++;
		g->ent[e].id = xstrdup(r->col[0]);
		g->ent[e].type = type;
		g->ent[e].gov = -1;
		g->ent[e].flags = 0;
		g->govref[e] = NULL;
		id_insert(g, e);
	} else if (g->ent[e].type != (enum gz_type)type) {
		free(gov);
		tsv_die(r, "%s is already a %s", r->col[0],
		    gz_type_name[g->ent[e].type]);
	}
	g->ent[e].flags |= eflags;
	if (gov != NULL) {
		free(g->govref[e]);
		g->govref[e] = gov;
	}
	for (a = r->col[2];;) {
		bar = strchr(a, '|');
		n = bar ? (size_t)(bar - a) : strlen(a);
		if (n > 0) {
			phflags = nocase ? 0 : all_caps(a, n) ? PH_CASE :
			    PH_CAPS;
			ph_add(g->names, a, n, phflags,
			    (int)((unsigned)e << GA_SHIFT | aflags));
			if ((type == GZ_PERSON || type == GZ_ORG) &&
			    phflags == PH_CAPS && one_word(a, n) &&
			    !(aflags & GA_TITLE)) {
				tok_normalize(a, n, &g->scratch);
				fz_add(g, g->scratch.p, g->scratch.len, e);
			}
			if (type == GZ_PERSON && !(aflags & GA_TITLE) &&
			    (sp = memrchr(a, ' ', n)) != NULL &&
			    one_word(sp + 1, (size_t)(a + n - sp - 1)))
				map_put(&g->snkey, &g->snent, &g->snmask,
				    &g->nsn, tok_normalize(sp + 1,
				    (size_t)(a + n - sp - 1), &g->scratch), e);
		}
		if (bar == NULL)
			break;
		a = bar + 1;
	}
}

void
gz_load(struct gaz *g, const char *path)
{
	struct tsv *t = tsv_open(path);
	const struct tsv_row *r;

	while ((r = tsv_next(t)) != NULL)
		load_row(g, r);
	tsv_close(t);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
gz_load_dir(struct gaz *g, const char *dir)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL, *p;
	size_t n = 0, cap = 0, i, len;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOMEM)
			die(EX_OSERR_, "out of memory opening %s", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 4, ".tsv") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		len = strlen(dir) + strlen(names[i]) + 2;
		p = xmalloc(len);
		snprintf(p, len, "%s/%s", dir, names[i]);
		gz_load(g, p);
		free(p);
		free(names[i]);
	}
	free(names);
	return 0;
}

/* size a set for about n words up front, so that it never rehashes */
static void
ws_reserve(struct wset *s, size_t n)
{
	size_t cap = 256;

	while (cap < n + n / 2)
		cap *= 2;
	if (s->v != NULL && s->mask + 1 >= cap)
		return;
	free(s->v);
	s->v = xcalloc(cap, sizeof(*s->v));
	s->mask = cap - 1;
	s->n = 0;
}

/* words waiting to be added to their sets, their slots being fetched
 * into the cache meanwhile: a big set is written at random places */
#define WS_BATCH 16

struct ws_pending {
	struct wset *set[WS_BATCH];
	uint64_t h[WS_BATCH];
	size_t n;
};

static void
ws_flush(struct ws_pending *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		ws_add(p->set[i], p->h[i]);
	p->n = 0;
}

/* add h to s, soon: the sets end up the same as with ws_add */
static void
ws_batch(struct ws_pending *p, struct wset *s, uint64_t h)
{
	if (s->v != NULL)
		__builtin_prefetch(&s->v[(h == 0 ? 1 : h) & s->mask], 1);
	p->set[p->n] = s;
	p->h[p->n++] = h;
	if (p->n == WS_BATCH)
		ws_flush(p);
}

/* one line of the word list into the set it belongs to */
static void
dict_word(struct gaz *g, struct ws_pending *pend, const char *s, size_t n,
    struct sbuf *nb)
{
	char w[128];
	size_t k;
	unsigned char c;

	/* possessives ("Iran's") are left out */
	if (n == 0 || n >= sizeof(w) || (n > 2 && s[n - 2] == '\''))
		return;
	c = (unsigned char)s[0];
	if (c >= 'A' && c <= 'Z') {
		for (k = 0; k < n; k++) {
			c = (unsigned char)s[k];
			w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		ws_batch(pend, &g->proper, tok_hash(w, n));
	} else if (c < 0x80) {
		ws_batch(pend, &g->lower, tok_hash(s, n));
	} else {
		ws_batch(pend, &g->lower, tok_normalize(s, n, nb));
	}
}

/* the list is read in pieces of this size, into one buffer that stays
 * in the cache (a line longer than that is no word: it is skipped) */
#define DICT_CHUNK (64 * 1024)

int
gz_load_dict(struct gaz *g, const char *path)
{
	FILE *fp;
	struct stat st;
	char *buf, *e;
	size_t len, keep = 0, i, k;
	struct sbuf nb = SBUF_INIT;
	struct ws_pending pend;
	int skip = 0;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	/* about one word in 9.4 bytes; without possessives, two in three
	 * are lower case, one in ten capitalised */
	len = fstat(fileno(fp), &st) == 0 && st.st_size > 0 ?
	    (size_t)st.st_size : 0;
	ws_reserve(&g->lower, len / 15 + 1024);
	ws_reserve(&g->proper, len / 90 + 1024);
	buf = xmalloc(DICT_CHUNK);
	pend.n = 0;
	while ((k = fread(buf + keep, 1, DICT_CHUNK - keep, fp)) > 0) {
		len = keep + k;
		for (i = 0; (e = memchr(buf + i, '\n', len - i)) != NULL;
		    i = (size_t)(e - buf) + 1) {
			if (!skip)
				dict_word(g, &pend, buf + i,
				    (size_t)(e - (buf + i)), &nb);
			skip = 0;
		}
		keep = len - i;
		if (keep == DICT_CHUNK) {
			skip = 1;	/* the rest of this line goes too */
			keep = 0;
		}
		memmove(buf, buf + i, keep);
	}
	fclose(fp);
	if (keep > 0 && !skip)
		dict_word(g, &pend, buf, keep, &nb);	/* no newline */
	ws_flush(&pend);
	free(buf);
	sb_free(&nb);
	return 0;
}

void
gz_finish(struct gaz *g)
{
	size_t e;

	for (e = 0; e < g->nent; e++) {
		if (g->govref[e] == NULL)
			continue;
		g->ent[e].gov = gz_find(g, g->govref[e], strlen(g->govref[e]));
		free(g->govref[e]);
		g->govref[e] = NULL;
	}
}

unsigned
gz_cue_word(const struct gaz *g, uint64_t h)
{
	size_t i;

	if (g->cuekey == NULL)
		return 0;
	if (h == 0)
		h = 1;
	for (i = h & g->cuemask; g->cuekey[i] != 0; i = (i + 1) & g->cuemask)
		if (g->cuekey[i] == h)
			return g->cuebits[i];
	return 0;
}

void
gz_free(struct gaz *g)
{
	size_t e;

	if (g == NULL)
		return;
	for (e = 0; e < g->nent; e++) {
		free(g->ent[e].id);
		free(g->govref[e]);
	}
	free(g->ent);
	free(g->govref);
	free(g->idtab);
	ph_free(g->names);
	ph_free(g->cues);
	free(g->cuekey);
	free(g->cuebits);
	free(g->fzkey);
	free(g->fzent);
	free(g->snkey);
	free(g->snent);
	sb_free(&g->scratch);
	ws_free(&g->lower);
	ws_free(&g->proper);
	free(g);
}
