/*
 * phrase.c: a trie over normalised tokens, kept as one open-addressing
 * hash table of edges (parent node, token hash) -> child node.
 *
 * Entries for the same alias are grouped by their case rule; a match
 * returns the first group that passes, exact-case groups first, so an
 * exact-case acronym ("AP") wins over a case-free alias with the same
 * letters, and entries with the same rule (an ambiguous name) come back
 * together.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "phrase.h"

#define MAXTOK 64
#define FIRSTBITS 65536		/* the filters of first tokens: 8 KB each */

struct entry {
	unsigned flags;
	char *casekey;		/* PH_CASE: token surfaces joined by 0x1f */
	uint64_t capmask;	/* PH_CAPS: tokens capitalised in the alias */
};

struct node {
	struct ph_hit *hits;
	struct entry *ent;
	uint32_t nhits;
};

struct edge {
	uint64_t hash;
	uint32_t parent, child;	/* child 0 = empty slot */
};

struct phrase_set {
	struct node *nodes;
	size_t nnodes, nodecap;
	struct edge *edges;
	size_t nedges, edgecap;	/* edgecap a power of two */
	/*
	 * A bit for each first token of an alias (by its hash's low bits):
	 * most tokens of a text start no alias, and this rejects them
	 * without a probe of the edge table, which is far bigger than L1.
	 * lower is the same for the aliases that may start on a token in
	 * lower case: no case rule, or a first token not capitalised.
	 */
	uint64_t first[FIRSTBITS / 64];
	uint64_t lower[FIRSTBITS / 64];
	size_t naliases;
	struct toks toks;
};

struct phrase_set *
ph_new(void)
{
	struct phrase_set *ps = xcalloc(1, sizeof(*ps));

	ps->nodecap = 64;
	ps->nodes = xcalloc(ps->nodecap, sizeof(*ps->nodes));
	ps->nnodes = 1;		/* the root */
	ps->edgecap = 256;
	ps->edges = xcalloc(ps->edgecap, sizeof(*ps->edges));
	return ps;
}

static size_t
slot(uint64_t hash, uint32_t parent, size_t cap)
{
	uint64_t h = hash ^ ((uint64_t)parent * 0x9e3779b97f4a7c15ULL);

	h ^= h >> 29;
	return (size_t)(h & (cap - 1));
}

static uint32_t
find_edge(const struct phrase_set *ps, uint32_t parent, uint64_t hash)
{
	size_t i = slot(hash, parent, ps->edgecap);

	while (ps->edges[i].child != 0) {
		if (ps->edges[i].parent == parent && ps->edges[i].hash == hash)
			return ps->edges[i].child;
		i = (i + 1) & (ps->edgecap - 1);
	}
	return 0;
}

static void
grow_edges(struct phrase_set *ps)
{
	struct edge *old = ps->edges;
	size_t oldcap = ps->edgecap, i, j;

	ps->edgecap *= 2;
	ps->edges = xcalloc(ps->edgecap, sizeof(*ps->edges));
	for (i = 0; i < oldcap; i++) {
		if (old[i].child == 0)
			continue;
		j = slot(old[i].hash, old[i].parent, ps->edgecap);
		while (ps->edges[j].child != 0)
			j = (j + 1) & (ps->edgecap - 1);
		ps->edges[j] = old[i];
	}
	free(old);
}

static void
set_bit(uint64_t *bits, uint64_t hash)
{
	bits[hash % FIRSTBITS / 64] |= 1ULL << (hash % 64);
}

static uint32_t
add_edge(struct phrase_set *ps, uint32_t parent, uint64_t hash)
{
	uint32_t c;
	size_t i;

	if ((c = find_edge(ps, parent, hash)) != 0)
		return c;
	if ((ps->nedges + 1) * 2 > ps->edgecap)
		grow_edges(ps);
	if (ps->nnodes == ps->nodecap) {
		ps->nodecap *= 2;
		ps->nodes = xreallocarray(ps->nodes, ps->nodecap,
		    sizeof(*ps->nodes));
	}
	memset(&ps->nodes[ps->nnodes], 0, sizeof(ps->nodes[0]));
	c = (uint32_t)ps->nnodes++;
	i = slot(hash, parent, ps->edgecap);
	while (ps->edges[i].child != 0)
		i = (i + 1) & (ps->edgecap - 1);
	ps->edges[i].hash = hash;
	ps->edges[i].parent = parent;
	ps->edges[i].child = c;
	ps->nedges++;
	return c;
}

static int
rank(unsigned flags)
{
	return (flags & PH_CASE) ? 0 : (flags & PH_CAPS) ? 1 : 2;
}

static int
same_group(const struct entry *a, const struct entry *b)
{
	if (rank(a->flags) != rank(b->flags))
		return 0;
	if (a->flags & PH_CASE)
		return strcmp(a->casekey, b->casekey) == 0;
	if (a->flags & PH_CAPS)
		return a->capmask == b->capmask;
	return 1;
}

/* the surfaces of tokens [t0, t1) joined by 0x1f, into out; -1 if long */
static int
surface_key(const struct toks *t, const char *text, size_t t0, size_t t1,
    char *out, size_t outsz)
{
	size_t k, o = 0, len;

	for (k = t0; k < t1; k++) {
		len = t->v[k].b1 - t->v[k].b0;
		if (o + len + 2 > outsz)
			return -1;
		if (k > t0)
			out[o++] = 0x1f;
		memcpy(out + o, text + t->v[k].b0, len);
		o += len;
	}
	out[o] = '\0';
	return 0;
}

int
ph_add(struct phrase_set *ps, const char *alias, size_t len, unsigned flags,
    int payload)
{
	struct entry e;
	struct node *nd;
	uint32_t node = 0;
	size_t k, pos;
	char key[512];

	tok_run(&ps->toks, alias, len);
	if (ps->toks.n == 0 || ps->toks.n > MAXTOK)
		return -1;
	for (k = 0; k < ps->toks.n; k++)
		node = add_edge(ps, node, ps->toks.v[k].hash);
	set_bit(ps->first, ps->toks.v[0].hash);
	if (!(flags & (PH_CASE | PH_CAPS)) ||
	    !(ps->toks.v[0].flags & (TK_CAP | TK_UPPER)))
		set_bit(ps->lower, ps->toks.v[0].hash);
	memset(&e, 0, sizeof(e));
	e.flags = flags;
	if (flags & PH_CASE) {
		if (surface_key(&ps->toks, alias, 0, ps->toks.n, key,
		    sizeof(key)) != 0)
			return -1;
		e.casekey = xstrdup(key);
	}
	for (k = 0; k < ps->toks.n; k++)
		if (ps->toks.v[k].flags & (TK_CAP | TK_UPPER))
			e.capmask |= (uint64_t)1 << k;
	nd = &ps->nodes[node];
	/* insert after the last entry of a lower or equal rank group */
	pos = nd->nhits;
	for (k = 0; k < nd->nhits; k++)
		if (rank(nd->ent[k].flags) > rank(flags)) {
			pos = k;
			break;
		}
	/* keep groups together: after the last member of e's group */
	for (k = 0; k < nd->nhits; k++)
		if (same_group(&nd->ent[k], &e))
			pos = k + 1;
	nd->hits = xreallocarray(nd->hits, nd->nhits + 1, sizeof(*nd->hits));
	nd->ent = xreallocarray(nd->ent, nd->nhits + 1, sizeof(*nd->ent));
	memmove(nd->hits + pos + 1, nd->hits + pos,
	    (nd->nhits - pos) * sizeof(*nd->hits));
	memmove(nd->ent + pos + 1, nd->ent + pos,
	    (nd->nhits - pos) * sizeof(*nd->ent));
	nd->hits[pos].payload = payload;
	nd->hits[pos].flags = flags;
	nd->ent[pos] = e;
	nd->nhits++;
	ps->naliases++;
	return 0;
}

static int
passes(const struct entry *e, const struct toks *t, const char *text,
    size_t t0, size_t t1)
{
	char key[512];
	size_t k;

	if (e->flags & PH_CASE) {
		if (surface_key(t, text, t0, t1, key, sizeof(key)) != 0)
			return 0;
		return strcmp(key, e->casekey) == 0;
	}
	if (e->flags & PH_CAPS) {
		for (k = t0; k < t1 && k - t0 < MAXTOK; k++)
			if ((e->capmask >> (k - t0) & 1) &&
			    !(t->v[k].flags & (TK_CAP | TK_UPPER | TK_NUM)))
				return 0;
	}
	return 1;
}

/* 0 when no alias can start at this token: none starts with its word,
 * or those that do must start capitalised and it is not */
static inline int
may_start(const struct phrase_set *ps, const struct tok *t)
{
	const uint64_t *bits = (t->flags & (TK_CAP | TK_UPPER | TK_NUM)) ?
	    ps->first : ps->lower;

	return bits[t->hash % FIRSTBITS / 64] >> (t->hash % 64) & 1;
}

size_t
ph_match_at(const struct phrase_set *ps, const struct toks *t,
    const char *text, size_t i, struct ph_match *m)
{
	uint32_t cand[MAXTOK], node = 0;
	size_t cend[MAXTOK], nc = 0, k, g, h;
	const struct node *nd;

	if (i >= t->n || !may_start(ps, &t->v[i]))
		return 0;
	for (k = i; k < t->n && k - i < MAXTOK; k++) {
		if (k > i && (t->v[k].flags & TK_PARA))
			break;
		if ((node = find_edge(ps, node, t->v[k].hash)) == 0)
			break;
		if (ps->nodes[node].nhits > 0) {
			cand[nc] = node;
			cend[nc++] = k + 1;
		}
	}
	while (nc-- > 0) {
		nd = &ps->nodes[cand[nc]];
		for (g = 0; g < nd->nhits; g = h) {
			/* the group starting at g */
			for (h = g + 1; h < nd->nhits &&
			    same_group(&nd->ent[g], &nd->ent[h]); h++)
				;
			if (!passes(&nd->ent[g], t, text, i, cend[nc]))
				continue;
			m->t0 = i;
			m->t1 = cend[nc];
			m->hits = nd->hits + g;
			m->nhits = h - g;
			return m->t1 - m->t0;
		}
	}
	return 0;
}

size_t
ph_scan(const struct phrase_set *ps, const struct toks *t, const char *text,
    struct ph_match **out, size_t *cap)
{
	size_t i = 0, n = 0, len;
	struct ph_match m;

	while (i < t->n) {
		if (!may_start(ps, &t->v[i]) ||
		    (len = ph_match_at(ps, t, text, i, &m)) == 0) {
			i++;
			continue;
		}
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 32;
			*out = xreallocarray(*out, *cap, sizeof(**out));
		}
		(*out)[n++] = m;
		i += len;
	}
	return n;
}

size_t
ph_size(const struct phrase_set *ps)
{
	return ps->naliases;
}

void
ph_free(struct phrase_set *ps)
{
	size_t i, k;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->nnodes; i++) {
		for (k = 0; k < ps->nodes[i].nhits; k++)
			free(ps->nodes[i].ent[k].casekey);
		free(ps->nodes[i].hits);
		free(ps->nodes[i].ent);
	}
	free(ps->nodes);
	free(ps->edges);
	toks_free(&ps->toks);
	free(ps);
}
