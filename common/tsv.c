/* tsv.c: tab-separated data files with file:line errors */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tsv.h"
#include "utf8.h"

struct tsv {
	FILE *fp;
	char *path;
	char *line;
	size_t cap;
	struct tsv_row row;
};

struct tsv *
tsv_open(const char *path)
{
	struct tsv *t;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		die(errno == ENOMEM ? EX_OSERR_ : EX_NOINPUT_, "cannot open %s: %s",
		    path, strerror(errno));
	t = xcalloc(1, sizeof(*t));
	t->fp = fp;
	t->path = xstrdup(path);
	t->row.file = t->path;
	return t;
}

static char *
trim(char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\r')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	s[n] = '\0';
	*len = n;
	return s;
}

const struct tsv_row *
tsv_next(struct tsv *t)
{
	ssize_t n;
	char *p, *tab;
	size_t len;

	for (;;) {
		errno = 0;
		if ((n = getline(&t->line, &t->cap, t->fp)) < 0)
			break;
		t->row.lineno++;
		len = (size_t)n;
		if (len > 0 && t->line[len - 1] == '\n')
			t->line[--len] = '\0';
		if (len > 0 && t->line[len - 1] == '\r')
			t->line[--len] = '\0';
		if (t->row.lineno == 1 && len >= 3 &&
		    memcmp(t->line, "\xef\xbb\xbf", 3) == 0) {
			memmove(t->line, t->line + 3, len - 2);
			len -= 3;
		}
		if (!u8_valid(t->line, len))
			tsv_die(&t->row, "invalid UTF-8");
		if (memchr(t->line, '\0', len) != NULL)
			tsv_die(&t->row, "NUL byte");
		p = t->line;
		while (*p == ' ')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		t->row.ncol = 0;
		p = t->line;
		for (;;) {
			if (t->row.ncol == TSV_MAX_COLS)
				tsv_die(&t->row, "more than %d columns",
				    TSV_MAX_COLS);
			tab = strchr(p, '\t');
			len = tab ? (size_t)(tab - p) : strlen(p);
			t->row.len[t->row.ncol] = len;
			t->row.col[t->row.ncol] = trim(p, &t->row.len[t->row.ncol]);
			t->row.ncol++;
			if (tab == NULL)
				break;
			p = tab + 1;
		}
		return &t->row;
	}
	if (errno == ENOMEM)
		die(EX_OSERR_, "%s: out of memory", t->path);
	if (ferror(t->fp))
		die(EX_IOERR_, "%s: read error: %s", t->path, strerror(errno));
	return NULL;
}

void
tsv_die(const struct tsv_row *r, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die(EX_DATAERR_, "%s:%lu: %s", r->file, r->lineno, msg);
}

void
tsv_close(struct tsv *t)
{
	if (t == NULL)
		return;
	fclose(t->fp);
	free(t->line);
	free(t->path);
	free(t);
}
