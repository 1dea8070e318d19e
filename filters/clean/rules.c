/*
 * rules.c: the boilerplate rule table (phrases in a trie, regexes joined
 * into one compiled and JIT-compiled pattern per scope) and the stopword
 * list, loaded once.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clean.h"
#include "phrase.h"
#include "rules.h"
#include "tsv.h"

static const char *scope_names[CL_NSCOPE] = {
	"line", "prefix", "section", "lead", "tail", "dateline", "contains", "edge"
};

/* regex macros, expanded before compiling */
static const struct {
	const char *name, *text;
} macros[] = {
	{"{MONTH}", "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|"
	    "June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|"
	    "Nov(?:ember)?|Dec(?:ember)?)\\.?"},
	{"{WDAY}", "(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|"
	    "Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|"
	    "Sun(?:day)?)\\.?"},
	{"{DATE}", "(?:(?:{WDAY},?\\s+)?(?:{MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?"
	    "(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?{MONTH}"
	    "(?:,?\\s+\\d{4})?)|\\d{4}-\\d{1,2}-\\d{1,2}|"
	    "\\d{1,2}[./]\\d{1,2}[./]\\d{4}|\\d{4}/\\d{1,2}/\\d{1,2})"},
	{"{TIME}", "(?:\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?"
	    "(?:\\s*\\(?(?:GMT|UTC|[A-Z]{2,4})(?:\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?)?\\)?)?)"},
	{"{NAME}", "(?:\\p{Lu}[\\p{L}.'\u2019/-]*(?:\\s+(?:(?:de|van|von|al|el|bin|ibn|da|di|la|le)\\s+)?"
	    "[\\p{L}][\\p{L}.'\u2019/-]*){0,3})"},
};

static void
expand(const char *in, struct sbuf *out, int depth)
{
	size_t i, k;

	for (i = 0; in[i] != '\0'; i++) {
		if (in[i] == '{' && depth < 4) {
			for (k = 0; k < sizeof(macros) / sizeof(macros[0]); k++) {
				size_t ml = strlen(macros[k].name);

				if (strncmp(in + i, macros[k].name, ml) == 0) {
					expand(macros[k].text, out, depth + 1);
					i += ml - 1;
					break;
				}
			}
			if (k < sizeof(macros) / sizeof(macros[0]))
				continue;
		}
		sb_addc(out, in[i]);
	}
}

/*
 * A stopword as the set holds it, and the key it is looked up by: its
 * length in the first byte, then the word, zero padded to 16 bytes, so
 * that hashing is two multiplications and a probe compares two words.
 */
static void
stop_key(const char *w, size_t n, char key[16])
{
	memset(key, 0, 16);
	key[0] = (char)n;
	memcpy(key + 1, w, n);
}

static uint32_t
stop_hash(const char key[16])
{
	uint64_t a, b;

	memcpy(&a, key, 8);
	memcpy(&b, key + 8, 8);
	a = (a ^ (b * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
	return (uint32_t)(a >> 32);
}

static void
stop_add(struct cl_rules *R, const char *w, size_t n)
{
	char key[16];
	uint32_t i;

	if (n == 0 || n > 14)
		return;
	stop_key(w, n, key);
	for (i = stop_hash(key) & (STOP_SLOTS - 1); R->stop[i][0] != 0;
	    i = (i + 1) & (STOP_SLOTS - 1))
		if (memcmp(R->stop[i], key, 16) == 0)
			return;
	if (++R->nstop >= STOP_SLOTS / 2)
		die(EX_DATAERR_, "too many stopwords");
	memcpy(R->stop[i], key, 16);
}

int
cl_is_stop(const struct cl_rules *R, const char *w, size_t n)
{
	char key[16];
	uint32_t i;

	if (n == 0 || n > 14)
		return 0;
	stop_key(w, n, key);
	for (i = stop_hash(key) & (STOP_SLOTS - 1); R->stop[i][0] != 0;
	    i = (i + 1) & (STOP_SLOTS - 1))
		if (memcmp(R->stop[i], key, 16) == 0)
			return 1;
	return 0;
}

static void
load_stopwords(struct cl_rules *R)
{
	char *path = cli_data_path("stopwords-en.txt");
	struct tsv *t = tsv_open(path);
	const struct tsv_row *row;
	char low[16];
	size_t i;

	while ((row = tsv_next(t)) != NULL) {
		if (row->len[0] > 15)
			continue;
		for (i = 0; i < row->len[0]; i++)
			low[i] = (char)((row->col[0][i] >= 'A' &&
			    row->col[0][i] <= 'Z') ? row->col[0][i] | 32 :
			    row->col[0][i]);
		stop_add(R, low, row->len[0]);
	}
	tsv_close(t);
	free(path);
}

static int
find_scope(const char *s)
{
	int i;

	for (i = 0; i < CL_NSCOPE; i++)
		if (strcmp(s, scope_names[i]) == 0)
			return i;
	return -1;
}

static int
intern_reason(struct cl_rules *R, const char *s)
{
	size_t i;

	for (i = 0; i < R->nreason; i++)
		if (strcmp(R->reason[i], s) == 0)
			return (int)i;
	R->reason = xreallocarray(R->reason, R->nreason + 1,
	    sizeof(*R->reason));
	R->reason[R->nreason] = xstrdup(s);
	return (int)R->nreason++;
}

static void
add_rule(struct cl_rules *R, const struct tsv_row *row, struct sbuf *alt)
{
	struct cl_rule *ru;
	int scope, ecode;
	PCRE2_SIZE eoff;
	pcre2_code *re;
	struct sbuf pat = SBUF_INIT;
	char msg[256];
	size_t idx;

	if (row->ncol != 4)
		tsv_die(row, "want 4 columns (kind, scope, reason, pattern), "
		    "got %d", row->ncol);
	if ((scope = find_scope(row->col[1])) < 0)
		tsv_die(row, "unknown scope '%s'", row->col[1]);
	if (row->len[2] == 0 || row->len[3] == 0)
		tsv_die(row, "empty reason or pattern");
	R->rule = xreallocarray(R->rule, R->nrule + 1, sizeof(*R->rule));
	idx = R->nrule++;
	ru = &R->rule[idx];
	ru->scope = scope;
	ru->reason = intern_reason(R, row->col[2]);
	ru->lineno = row->lineno;
	if (strcmp(row->col[0], "phrase") == 0) {
		if (scope != CL_LINE && scope != CL_PREFIX &&
		    scope != CL_SECTION)
			tsv_die(row, "a phrase rule needs scope line, prefix "
			    "or section");
		if (ph_add(R->ph, row->col[3], row->len[3], 0, (int)idx) < 0)
			tsv_die(row, "phrase has no words");
		if (scope == CL_PREFIX)
			R->ph_prefix++;
		return;
	}
	if (strcmp(row->col[0], "regex") != 0)
		tsv_die(row, "unknown kind '%s' (phrase or regex)",
		    row->col[0]);
	expand(row->col[3], &pat, 0);
	sb_addc(&pat, '\0');
	/* compile alone first, so that an error names its line */
	re = pcre2_compile((PCRE2_SPTR)pat.p, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_DUPNAMES, &ecode, &eoff, NULL);
	if (re == NULL && ecode == PCRE2_ERROR_HEAP_FAILED)
		die(EX_OSERR_, "out of memory compiling %s:%lu", row->file,
		    row->lineno);
	if (re == NULL) {
		pcre2_get_error_message(ecode, (PCRE2_UCHAR *)msg, sizeof(msg));
		sb_free(&pat);
		tsv_die(row, "bad pattern at offset %zu: %s", (size_t)eoff,
		    msg);
	}
	pcre2_code_free(re);
	if (R->pf[scope] != NULL)
		lit_add_rule(R->pf[scope], pat.p);
	if (alt[scope].len > 0)
		sb_addc(&alt[scope], '|');
	sb_printf(&alt[scope], "(?:%s)(*:%zu)", pat.p, idx);
	sb_free(&pat);
}

static void
load_file(struct cl_rules *R, const char *path, struct sbuf *alt)
{
	struct tsv *t = tsv_open(path);
	const struct tsv_row *row;

	while ((row = tsv_next(t)) != NULL)
		add_rule(R, row, alt);
	tsv_close(t);
}

/* the bytes a match of scope can start with, to skip hopeless calls */
static void
first_bytes(struct cl_rules *R, int scope)
{
	const uint8_t *bm = NULL;
	uint32_t type = 0, cu = 0;
	int i;

	memset(R->first[scope], 1, 256);
	if (pcre2_pattern_info(R->re[scope], PCRE2_INFO_FIRSTCODETYPE,
	    &type) != 0)
		return;
	if (type == 1 && pcre2_pattern_info(R->re[scope],
	    PCRE2_INFO_FIRSTCODEUNIT, &cu) == 0 && cu < 128) {
		uint32_t caseless = 0;

		(void)pcre2_pattern_info(R->re[scope], PCRE2_INFO_ARGOPTIONS,
		    &caseless);
		memset(R->first[scope], 0, 256);
		R->first[scope][cu] = 1;
		/* a caseless first letter: both cases */
		if ((cu | 32) >= 'a' && (cu | 32) <= 'z')
			R->first[scope][cu ^ 32] = 1;
		return;
	}
	if (type == 0 && pcre2_pattern_info(R->re[scope],
	    PCRE2_INFO_FIRSTBITMAP, &bm) == 0 && bm != NULL) {
		for (i = 0; i < 256; i++)
			R->first[scope][i] = (bm[i / 8] >> (i % 8)) & 1;
	}
}

static void
compile_scope(struct cl_rules *R, int scope, struct sbuf *alt)
{
	struct sbuf full = SBUF_INIT;
	int ecode;
	PCRE2_SIZE eoff;
	char msg[256];

	if (alt->len == 0)
		return;
	sb_addc(alt, '\0');
	switch (scope) {
	case CL_LINE:
	case CL_SECTION:
		sb_printf(&full, "^(?:%s)[\\s.:;,!|\u2022\u00b7>\u00bb-]*$",
		    alt->p);
		break;
	case CL_TAIL:
		sb_printf(&full, "(?:%s)\\s*$", alt->p);
		break;
	case CL_CONTAINS:
		sb_printf(&full, "(?:%s)", alt->p);
		break;
	default:
		sb_printf(&full, "^(?:%s)", alt->p);
		break;
	}
	sb_addc(&full, '\0');
	/* tail rules are tried at chosen offsets: anchored there */
	R->re[scope] = pcre2_compile((PCRE2_SPTR)full.p,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_DUPNAMES |
	    (scope == CL_TAIL ? PCRE2_ANCHORED : 0), &ecode, &eoff, NULL);
	if (R->re[scope] == NULL && ecode == PCRE2_ERROR_HEAP_FAILED)
		die(EX_OSERR_, "out of memory compiling the rules");
	if (R->re[scope] == NULL) {
		pcre2_get_error_message(ecode, (PCRE2_UCHAR *)msg, sizeof(msg));
		die(EX_DATAERR_, "rules for scope %s: %s",
		    scope_names[scope], msg);
	}
	R->jit[scope] = pcre2_jit_compile(R->re[scope],
	    PCRE2_JIT_COMPLETE) == 0;
	first_bytes(R, scope);
	sb_free(&full);
}

struct cl_rules *
cl_rules_load(const char *const *extra, int nextra)
{
	struct cl_rules *R = xcalloc(1, sizeof(*R));
	struct sbuf alt[CL_NSCOPE];
	char *path;
	int i;

	memset(alt, 0, sizeof(alt));
	/* contains rules float: their pattern is tried at every byte of a
	 * line, and a scan for the strings they need is cheaper; the other
	 * scopes are anchored and fail fast */
	R->pf[CL_CONTAINS] = xcalloc(1, sizeof(*R->pf[CL_CONTAINS]));
	R->pf[CL_CONTAINS]->on = 1;
	R->stop = xcalloc(STOP_SLOTS, sizeof(*R->stop));
	load_stopwords(R);
	R->ph = ph_new();
	path = cli_data_path("clean/rules.tsv");
	load_file(R, path, alt);
	free(path);
	for (i = 0; i < nextra; i++)
		load_file(R, extra[i], alt);
	for (i = 0; i < CL_NSCOPE; i++) {
		compile_scope(R, i, &alt[i]);
		sb_free(&alt[i]);
		if (R->pf[i] != NULL && (!R->pf[i]->on || R->re[i] == NULL)) {
			free(R->pf[i]);
			R->pf[i] = NULL;
		}
	}
	if ((R->mctx = pcre2_match_context_create(NULL)) == NULL)
		die(EX_OSERR_, "out of memory");
	pcre2_set_match_limit(R->mctx, 200000);
	pcre2_set_depth_limit(R->mctx, 5000);
	pcre2_set_heap_limit(R->mctx, 20000);	/* KiB */
	R->jstack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (R->jstack != NULL)
		pcre2_jit_stack_assign(R->mctx, NULL, R->jstack);
	/* built-in reasons */
	for (i = 0; i < R_NBUILTIN; i++)
		R->builtin[i] = intern_reason(R, cl_builtin_names[i]);
	R->r_byline = intern_reason(R, "byline");
	R->r_date = intern_reason(R, "date-line");
	R->r_origin = intern_reason(R, "origin");
	R->r_dateline = intern_reason(R, "dateline");
	return R;
}

void
cl_rules_free(struct cl_rules *R)
{
	size_t i;

	if (R == NULL)
		return;
	for (i = 0; i < CL_NSCOPE; i++) {
		pcre2_code_free(R->re[i]);
		free(R->pf[i]);
	}
	pcre2_match_context_free(R->mctx);
	pcre2_jit_stack_free(R->jstack);
	ph_free(R->ph);
	for (i = 0; i < R->nreason; i++)
		free(R->reason[i]);
	free(R->reason);
	free(R->rule);
	free(R->stop);
	free(R);
}
