/* tsv.h: data files (lexicons, gazetteers, lists) with file:line errors */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>
#include <stdnoreturn.h>

#define TSV_MAX_COLS 32

struct tsv_row {
	const char *file;
	unsigned long lineno;
	int ncol;
	char *col[TSV_MAX_COLS];	/* NUL-terminated, trimmed */
	size_t len[TSV_MAX_COLS];
};

struct tsv;

/*
 * Open a TSV file: UTF-8, tab-separated, '#' starts a comment line, blank
 * lines skipped. A missing file exits 66 with "cannot open FILE: reason".
 */
struct tsv *tsv_open(const char *path);
/* Next row, or NULL at the end; invalid UTF-8 exits 65 naming file:line. */
const struct tsv_row *tsv_next(struct tsv *t);
/* Exit 65 with "FILE:LINE: msg" for a row the caller cannot use. */
noreturn void tsv_die(const struct tsv_row *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tsv_close(struct tsv *t);

#endif
