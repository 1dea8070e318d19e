/* date.c: dates as pages write them, to ISO-8601 */
#include <string.h>

#include "clean.h"

static const char *const months[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec"
};
static const char *const full[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

long
cl_days(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil */
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
mdays(int y, int m)
{
	static const int md[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (m == 2 && y > 0)
		return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
	return md[m - 1];
}

/* a word: letters or digits */
struct w {
	const char *p;
	size_t n;
	int num;		/* value when all digits, else -1 */
	char sep;		/* the character right after it */
};

static int
month_of(const char *p, size_t n)
{
	char low[12];
	size_t i;
	int m;

	if (n < 3 || n > 9)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(p[i] | 32);
	for (m = 0; m < 12; m++) {
		if (n == 3 && memcmp(low, months[m], 3) == 0)
			return m + 1;
		if (n == 4 && m == 8 && memcmp(low, "sept", 4) == 0)
			return 9;
		if (n == strlen(full[m]) && memcmp(low, full[m], n) == 0)
			return m + 1;
	}
	return 0;
}

static int
valid(int y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return 0;
	return y == 0 || (y >= 1900 && y <= 2100);
}

static int
emit(int y, int m, int d, char *out, long *days)
{
	if (!valid(y, m, d))
		return 0;
	if (y > 0) {
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
		*days = cl_days(y, m, d);
	} else {
		out[0] = out[1] = out[2] = out[3] = '-';
		*days = -1;
	}
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	if (y == 0)
		memmove(out + 2, out + 5, 6);
	return 1;
}

int
cl_parse_date(const char *s, size_t n, char *out, long *days)
{
	struct w w[64];
	size_t i = 0, nw = 0, k;
	int m, d, y;

	/* split into words of ASCII letters or digits */
	while (i < n && nw < 64) {
		size_t b;
		int alpha, digit;

		while (i < n && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9'))
			i++;
		if (i >= n)
			break;
		b = i;
		digit = s[i] >= '0' && s[i] <= '9';
		alpha = !digit;
		while (i < n && (alpha ? ((s[i] | 32) >= 'a' &&
		    (s[i] | 32) <= 'z') : (s[i] >= '0' && s[i] <= '9')))
			i++;
		w[nw].p = s + b;
		w[nw].n = i - b;
		w[nw].num = -1;
		if (digit && i - b <= 4) {
			w[nw].num = 0;
			for (k = b; k < i; k++)
				w[nw].num = w[nw].num * 10 + (s[k] - '0');
		}
		w[nw].sep = i < n ? s[i] : '\0';
		nw++;
	}
	for (k = 0; k < nw; k++) {
		/* 2023-06-02, 2023/6/2 */
		if (w[k].n == 4 && w[k].num > 0 && k + 2 < nw &&
		    (w[k].sep == '-' || w[k].sep == '/') &&
		    w[k + 1].num >= 0 && w[k + 1].n <= 2 &&
		    w[k + 1].sep == w[k].sep && w[k + 2].num >= 0 &&
		    w[k + 2].n <= 2)
			if (emit(w[k].num, w[k + 1].num, w[k + 2].num, out, days))
				return 1;
		/* 01.04.2024 (day.month.year), 4/1/2024 (month/day/year
		 * unless the first cannot be a month) */
		if (w[k].num > 0 && w[k].n <= 2 && k + 2 < nw &&
		    (w[k].sep == '.' || w[k].sep == '/') &&
		    w[k + 1].sep == w[k].sep && w[k + 1].num > 0 &&
		    w[k + 1].n <= 2 && w[k + 2].n == 4 && w[k + 2].num > 0) {
			int a = w[k].num, b = w[k + 1].num;

			if (w[k].sep == '.' || a > 12) {
				if (emit(w[k + 2].num, b, a, out, days))
					return 1;
			} else if (emit(w[k + 2].num, a, b, out, days))
				return 1;
		}
		if ((m = month_of(w[k].p, w[k].n)) == 0)
			continue;
		/* Month Day[, Year] */
		if (k + 1 < nw && w[k + 1].num > 0 && w[k + 1].n <= 2) {
			d = w[k + 1].num;
			y = 0;
			if (k + 2 < nw && w[k + 2].n == 4 && w[k + 2].num > 0)
				y = w[k + 2].num;
			/* "th" "st" after the day */
			else if (k + 3 < nw && w[k + 2].num < 0 &&
			    w[k + 2].n == 2 && w[k + 3].n == 4 &&
			    w[k + 3].num > 0)
				y = w[k + 3].num;
			if (emit(y, m, d, out, days))
				return 1;
		}
		/* Day Month [Year] */
		if (k > 0 && w[k - 1].num > 0 && w[k - 1].n <= 2) {
			d = w[k - 1].num;
			y = 0;
			if (k + 1 < nw && w[k + 1].n == 4 && w[k + 1].num > 0)
				y = w[k + 1].num;
			if (emit(y, m, d, out, days))
				return 1;
		}
		/* Day "of" Month / Day "th" Month */
		if (k > 1 && w[k - 2].num > 0 && w[k - 2].n <= 2 &&
		    w[k - 1].num < 0 && w[k - 1].n <= 2) {
			d = w[k - 2].num;
			y = 0;
			if (k + 1 < nw && w[k + 1].n == 4 && w[k + 1].num > 0)
				y = w[k + 1].num;
			if (emit(y, m, d, out, days))
				return 1;
		}
	}
	return 0;
}
