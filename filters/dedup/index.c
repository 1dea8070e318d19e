/* index.c: kept documents, their id table, SimHash tables and state file */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "cli.h"
#include "index.h"

#define NIL 0			/* chain and slot value for "none"; docs are +1 */
#define NO_ID UINT32_MAX
#define BUCKETS 65536
#define MAGIC "NPDEDUP1"
#define ID_MAXLEN_HASHED 37	/* "xxh3:" + 32 hex digits */

struct link {
	uint64_t sim;
	uint32_t next[DD_BLOCKS];
};

struct dd_index {
	uint32_t n, cap;
	uint64_t *th;		/* 2 per document */
	struct link *link;	/* SimHash and chain links, one cache line */
	uint32_t *idoff;	/* into ids: length byte, then the bytes */
	uint32_t *head[DD_BLOCKS];
	uint32_t *slot;		/* id table: open addressing, linear probing */
	uint32_t nslot, nused;
	struct sbuf ids;
	uint64_t empty[2];	/* text hash of a text without words */
};

struct dd_index *
dd_index_new(void)
{
	struct dd_index *x;
	XXH128_hash_t e;
	int b;

	x = xcalloc(1, sizeof(*x));
	for (b = 0; b < DD_BLOCKS; b++)
		x->head[b] = xcalloc(BUCKETS, sizeof(uint32_t));
	x->nslot = 1024;
	x->slot = xcalloc(x->nslot, sizeof(uint32_t));
	e = XXH3_128bits("", 0);
	x->empty[0] = e.high64;
	x->empty[1] = e.low64;
	return x;
}

void
dd_index_free(struct dd_index *x)
{
	int b;

	if (x == NULL)
		return;
	sb_free(&x->ids);
	free(x->slot);
	for (b = DD_BLOCKS - 1; b >= 0; b--)
		free(x->head[b]);
	free(x->idoff);
	free(x->link);
	free(x->th);
	free(x);
}

size_t
dd_index_count(const struct dd_index *x)
{
	return x->n;
}

static unsigned
block(uint64_t sim, int b)
{
	return (unsigned)(sim >> (16 * b)) & 0xffff;
}

/* ids longer than DD_ID_MAX bytes are kept as the hex of their XXH3-128 */
static const char *
id_key(const char *id, size_t *len, char buf[ID_MAXLEN_HASHED + 1])
{
	XXH128_hash_t h;

	if (*len <= DD_ID_MAX)
		return id;
	h = XXH3_128bits(id, *len);
	snprintf(buf, ID_MAXLEN_HASHED + 1, "xxh3:%016llx%016llx",
	    (unsigned long long)h.high64, (unsigned long long)h.low64);
	*len = ID_MAXLEN_HASHED;
	return buf;
}

static uint32_t
slot_of(uint64_t h, uint32_t nslot)
{
	return (uint32_t)(((h >> 32) * (uint64_t)nslot) >> 32);
}

const char *
dd_index_id(const struct dd_index *x, uint32_t doc, size_t *len)
{
	const unsigned char *p;

	if (doc >= x->n || x->idoff[doc] == NO_ID) {
		*len = 0;
		return "";
	}
	p = (const unsigned char *)x->ids.p + x->idoff[doc];
	*len = p[0];
	return (const char *)p + 1;
}

/* the document with this (already keyed) id, or -1 */
static long
find_id(const struct dd_index *x, const char *id, size_t len)
{
	uint32_t i, d;
	const char *s;
	size_t slen;

	i = slot_of(XXH3_64bits(id, len), x->nslot);
	while ((d = x->slot[i]) != NIL) {
		s = dd_index_id(x, d - 1, &slen);
		if (slen == len && memcmp(s, id, len) == 0)
			return (long)(d - 1);
		if (++i == x->nslot)
			i = 0;
	}
	return -1;
}

static void
slot_put(uint32_t *slot, uint32_t nslot, uint64_t h, uint32_t doc)
{
	uint32_t i;

	i = slot_of(h, nslot);
	while (slot[i] != NIL)
		if (++i == nslot)
			i = 0;
	slot[i] = doc + 1;
}

static void
grow_slots(struct dd_index *x, uint32_t want)
{
	uint32_t *old, oldn, i;
	const char *s;
	size_t len;

	if ((uint64_t)want * 4 <= (uint64_t)x->nslot * 3)
		return;
	old = x->slot;
	oldn = x->nslot;
	x->nslot = (uint32_t)((uint64_t)want * 3 / 2 + 1024);
	x->slot = xcalloc(x->nslot, sizeof(uint32_t));
	for (i = 0; i < oldn; i++) {
		if (old[i] == NIL)
			continue;
		s = dd_index_id(x, old[i] - 1, &len);
		slot_put(x->slot, x->nslot, XXH3_64bits(s, len), old[i] - 1);
	}
	free(old);
}

static void
reserve(struct dd_index *x, uint32_t want)
{
	uint32_t cap;

	if (want <= x->cap)
		return;
	cap = x->cap + x->cap / 2 + 64;
	if (cap < want)
		cap = want;
	x->th = xreallocarray(x->th, cap, 2 * sizeof(uint64_t));
	x->link = xreallocarray(x->link, cap, sizeof(struct link));
	x->idoff = xreallocarray(x->idoff, cap, sizeof(uint32_t));
	x->cap = cap;
}

static int
same_text(const struct dd_index *x, uint32_t d, const struct dd_fp *fp)
{
	return x->th[2 * d] == fp->th[0] && x->th[2 * d + 1] == fp->th[1];
}

/*
 * A near lookup walks many short chains (68 for k = 4..7). Each step is a
 * random memory access, so the chains are walked side by side, a batch at
 * a time, with the next node of each prefetched: the accesses overlap
 * instead of waiting for one another.
 */
#define BATCH 64

struct walker {
	uint32_t d;		/* current document + 1, NIL when done */
	int b;			/* the table whose chain this is */
};

struct near {
	const struct dd_index *x;
	const struct dd_fp *fp;
	int maxdist;
	long best;
	int bestdist;
	struct walker w[BATCH];
	int nw;
};

static void
visit(struct near *q, uint32_t doc, uint64_t sim)
{
	const struct dd_index *x = q->x;
	int dist;

	dist = dd_distance(sim, q->fp->sim);
	if (dist > q->maxdist || dist > q->bestdist)
		return;
	if (x->th[2 * doc] == x->empty[0] && x->th[2 * doc + 1] == x->empty[1])
		return;		/* a text without words is near nothing */
	if (dist < q->bestdist || (long)doc < q->best) {
		q->best = (long)doc;
		q->bestdist = dist;
	}
}

static void
walk_batch(struct near *q)
{
	const struct link *l;
	uint32_t d;
	int i, live;

	do {
		live = 0;
		for (i = 0; i < q->nw; i++) {
			if ((d = q->w[i].d) == NIL)
				continue;
			l = &q->x->link[d - 1];
			visit(q, d - 1, l->sim);
			if ((d = l->next[q->w[i].b]) != NIL) {
				__builtin_prefetch(&q->x->link[d - 1]);
				live++;
			}
			q->w[i].d = d;
		}
	} while (live > 0);
	q->nw = 0;
}

static void
walk(struct near *q, int b, unsigned key)
{
	uint32_t d;

	if ((d = q->x->head[b][key]) == NIL)
		return;
	__builtin_prefetch(&q->x->link[d - 1]);
	q->w[q->nw].d = d;
	q->w[q->nw].b = b;
	if (++q->nw == BATCH)
		walk_batch(q);
}

/* every key within r bits of key, flipping bits from bit up */
static void
probe(struct near *q, int b, unsigned key, int bit, int r)
{
	walk(q, b, key);
	if (r == 0)
		return;
	for (; bit < 16; bit++)
		probe(q, b, key ^ (1u << bit), bit + 1, r - 1);
}

enum dd_by
dd_index_find(const struct dd_index *x, const char *id, size_t idlen,
    const struct dd_fp *fp, int exact, int maxdist, struct dd_match *m)
{
	char buf[ID_MAXLEN_HASHED + 1];
	struct near q;
	long doc;
	uint32_t d;
	int b;

	memset(m, 0, sizeof(*m));
	if (id != NULL && idlen > 0) {
		id = id_key(id, &idlen, buf);
		if ((doc = find_id(x, id, idlen)) >= 0) {
			m->by = DD_ID;
			m->doc = (uint32_t)doc;
			return m->by;
		}
	}
	doc = -1;
	for (d = x->head[0][block(fp->sim, 0)]; exact && d != NIL;
	    d = x->link[d - 1].next[0])
		if (x->link[d - 1].sim == fp->sim && same_text(x, d - 1, fp))
			doc = (long)(d - 1);	/* chains run newest first */
	if (doc >= 0) {
		m->by = DD_EXACT;
		m->doc = (uint32_t)doc;
		return m->by;
	}
	if (maxdist < 0 || fp->nwords == 0)
		return DD_NONE;
	q.x = x;
	q.fp = fp;
	q.maxdist = maxdist;
	q.best = -1;
	q.bestdist = 65;
	q.nw = 0;
	for (b = 0; b < DD_BLOCKS; b++)
		probe(&q, b, block(fp->sim, b), 0, maxdist / DD_BLOCKS);
	walk_batch(&q);
	if (q.best < 0)
		return DD_NONE;
	m->by = DD_NEAR;
	m->doc = (uint32_t)q.best;
	m->distance = q.bestdist;
	return m->by;
}

uint32_t
dd_index_add(struct dd_index *x, const char *id, size_t idlen,
    const struct dd_fp *fp)
{
	char buf[ID_MAXLEN_HASHED + 1];
	uint32_t d;
	unsigned k;
	int b;

	if (x->n == UINT32_MAX - 1)
		die(EX_SOFTWARE_, "more than %u documents", UINT32_MAX - 1);
	reserve(x, x->n + 1);
	d = x->n;
	x->th[2 * d] = fp->th[0];
	x->th[2 * d + 1] = fp->th[1];
	x->link[d].sim = fp->sim;
	for (b = 0; b < DD_BLOCKS; b++) {
		k = block(fp->sim, b);
		x->link[d].next[b] = x->head[b][k];
		x->head[b][k] = d + 1;
	}
	x->idoff[d] = NO_ID;
	x->n++;
	if (id != NULL && idlen > 0) {
		id = id_key(id, &idlen, buf);
		if (x->ids.len > UINT32_MAX - 1 - DD_ID_MAX)
			die(EX_SOFTWARE_, "more than 4 GiB of ids");
		x->idoff[d] = (uint32_t)x->ids.len;
		sb_addc(&x->ids, (int)idlen);
		sb_add(&x->ids, id, idlen);
		if (find_id(x, id, idlen) < 0) {
			grow_slots(x, x->nused + 1);
			slot_put(x->slot, x->nslot, XXH3_64bits(id, idlen), d);
			x->nused++;
		}
	}
	return d;
}

/* ---- state file ----
 * "NPDEDUP1", u32 shingle width, u32 0, u64 count, then per document
 * u64 text hash high, u64 low, u64 SimHash, u16 id length (0xffff: no id)
 * and the id's bytes; last the u64 XXH3-64 of everything before it.
 * Integers are little-endian. */

struct rd {
	FILE *f;
	const char *path;
	XXH3_state_t *h;
};

static void
rd_bytes(struct rd *r, void *p, size_t n)
{
	if (fread(p, 1, n, r->f) != n) {
		if (ferror(r->f))
			die(EX_NOINPUT_, "%s: %s", r->path, strerror(errno));
		die(EX_DATAERR_, "%s: state file truncated", r->path);
	}
	if (r->h != NULL)
		XXH3_64bits_update(r->h, p, n);
}

static uint64_t
rd_u(struct rd *r, int n)
{
	unsigned char b[8];
	uint64_t v = 0;
	int i;

	rd_bytes(r, b, (size_t)n);
	for (i = n - 1; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

int
dd_state_load(struct dd_index *x, const char *path)
{
	struct rd r;
	char magic[8], id[DD_ID_MAX + 1];
	struct dd_fp fp;
	uint64_t n, i, sum;
	unsigned idlen;
	int c;

	if ((r.f = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			return -1;
		die(errno == ENOMEM ? EX_OSERR_ : EX_NOINPUT_, "%s: %s", path,
		    strerror(errno));
	}
	r.path = path;
	if ((r.h = XXH3_createState()) == NULL)
		die(EX_OSERR_, "out of memory");
	XXH3_64bits_reset(r.h);
	rd_bytes(&r, magic, sizeof(magic));
	if (memcmp(magic, MAGIC, sizeof(magic)) != 0)
		die(EX_DATAERR_, "%s: not a dedup state file", path);
	if (rd_u(&r, 4) != DD_SHINGLE || rd_u(&r, 4) != 0)
		die(EX_DATAERR_, "%s: state file from another version", path);
	n = rd_u(&r, 8);
	if (n >= UINT32_MAX)
		die(EX_DATAERR_, "%s: state file damaged", path);
	reserve(x, x->n + (uint32_t)n);
	grow_slots(x, x->nused + (uint32_t)n);
	memset(&fp, 0, sizeof(fp));
	for (i = 0; i < n; i++) {
		fp.th[0] = rd_u(&r, 8);
		fp.th[1] = rd_u(&r, 8);
		fp.sim = rd_u(&r, 8);
		idlen = (unsigned)rd_u(&r, 2);
		if (idlen == 0xffff) {
			dd_index_add(x, NULL, 0, &fp);
			continue;
		}
		if (idlen == 0 || idlen > DD_ID_MAX)
			die(EX_DATAERR_, "%s: state file damaged", path);
		rd_bytes(&r, id, idlen);
		dd_index_add(x, id, idlen, &fp);
	}
	sum = XXH3_64bits_digest(r.h);
	XXH3_freeState(r.h);
	r.h = NULL;
	if (rd_u(&r, 8) != sum || (c = getc(r.f)) != EOF)
		die(EX_DATAERR_, "%s: state file damaged (checksum)", path);
	if (ferror(r.f))
		die(EX_NOINPUT_, "%s: %s", path, strerror(errno));
	fclose(r.f);
	return 0;
}

struct wr {
	FILE *f;
	XXH3_state_t *h;
};

static void
wr_u(struct wr *w, uint64_t v, int n)
{
	unsigned char b[8] = {0};
	int i;

	for (i = 0; i < n; i++, v >>= 8)
		b[i] = (unsigned char)(v & 0xff);
	fwrite(b, 1, (size_t)n, w->f);
	XXH3_64bits_update(w->h, b, (size_t)n);
}

static void
wr_bytes(struct wr *w, const void *p, size_t n)
{
	fwrite(p, 1, n, w->f);
	XXH3_64bits_update(w->h, p, n);
}

/* make the rename durable: fsync the directory that holds path */
static int
sync_dir(const char *path)
{
	char *copy, *dir;
	int fd, rc;

	copy = xstrdup(path);
	dir = dirname(copy);
	rc = -1;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		rc = fsync(fd);
		close(fd);
	}
	free(copy);
	return rc;
}

int
dd_state_save(const struct dd_index *x, const char *path)
{
	struct wr w;
	char *tmp;
	const char *id;
	size_t len, plen;
	uint32_t d;
	mode_t mask;
	int fd, err;

	plen = strlen(path);
	tmp = xmalloc(plen + sizeof(".tmp.XXXXXX"));
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	if ((fd = mkstemp(tmp)) < 0) {
		warnx("%s: %s", tmp, strerror(errno));
		free(tmp);
		return EX_CANTCREAT_;
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	if ((w.f = fdopen(fd, "wb")) == NULL) {
		err = errno;
		close(fd);
		unlink(tmp);
		if (err == ENOMEM)
			die(EX_OSERR_, "out of memory");
		goto fail;
	}
	if ((w.h = XXH3_createState()) == NULL)
		die(EX_OSERR_, "out of memory");
	XXH3_64bits_reset(w.h);
	wr_bytes(&w, MAGIC, 8);
	wr_u(&w, DD_SHINGLE, 4);
	wr_u(&w, 0, 4);
	wr_u(&w, x->n, 8);
	for (d = 0; d < x->n; d++) {
		wr_u(&w, x->th[2 * d], 8);
		wr_u(&w, x->th[2 * d + 1], 8);
		wr_u(&w, x->link[d].sim, 8);
		id = dd_index_id(x, d, &len);
		if (x->idoff[d] == NO_ID) {
			wr_u(&w, 0xffff, 2);
			continue;
		}
		wr_u(&w, len, 2);
		wr_bytes(&w, id, len);
	}
	wr_u(&w, XXH3_64bits_digest(w.h), 8);
	XXH3_freeState(w.h);
	err = 0;
	errno = 0;
	if (fflush(w.f) != 0 || ferror(w.f) || fsync(fileno(w.f)) != 0)
		err = errno != 0 ? errno : EIO;
	if (fclose(w.f) != 0 && err == 0)
		err = errno;
	if (err != 0)
		goto fail;
	if (rename(tmp, path) != 0) {
		err = errno;
		goto fail;
	}
	if (sync_dir(path) != 0) {
		warnx("%s: %s", path, strerror(errno));
		free(tmp);
		return EX_IOERR_;
	}
	free(tmp);
	return 0;
fail:
	warnx("%s: %s", tmp, strerror(err));
	unlink(tmp);
	free(tmp);
	return EX_IOERR_;
}
