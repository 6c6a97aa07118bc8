/*
 * Metadata values: ISO 8601 dates, BCP 47 language tags and keyword lists,
 * checked and normalised for the key table (meta.c).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse.h"

static int read_digits(const char *s, int n, int *out);
static int days_in_month(int y, int m);

/* Read exactly n ASCII digits at s into *out; returns n, or 0. */
static int
read_digits(const char *s, int n, int *out)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return n;
}

/* Days in month m (1-12) of year y. */
static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool	 leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

bool
bp_meta_parse_date(const char *s, struct bp_date *out)
{
	const char	*p = s;
	int		 y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
	int		 zh = 0, zm = 0;
	bool		 ok = false;

	if (s == NULL)
		goto out;

	/* The calendar date, always in the extended form. */
	if (!read_digits(p, 4, &y) || p[4] != '-' ||
	    !read_digits(p + 5, 2, &m) || p[7] != '-' ||
	    !read_digits(p + 8, 2, &d))
		goto out;
	p += 10;

	/* An optional time: hh:mm[:ss[.frac]], then an optional zone. */
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!read_digits(p, 2, &hh) || p[2] != ':' ||
		    !read_digits(p + 3, 2, &mi))
			goto out;
		p += 5;
		if (*p == ':') {
			if (!read_digits(p + 1, 2, &ss))
				goto out;
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				if (!g_ascii_isdigit(*p))
					goto out;
				while (g_ascii_isdigit(*p))
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			p++;
			if (!read_digits(p, 2, &zh))
				goto out;
			p += 2;
			if (*p == ':')
				p++;
			if (g_ascii_isdigit(*p)) {
				if (!read_digits(p, 2, &zm))
					goto out;
				p += 2;
			}
		}
		if (hh > 23 || mi > 59 || ss > 60 || zh > 23 || zm > 59)
			goto out;
	}
	if (*p != '\0')
		goto out;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		goto out;
	out->y = y;
	out->m = m;
	out->d = d;
	ok = true;
out:
	return ok;
}

char *
bp_meta_parse_lang(const char *s)
{
	char	**parts = NULL;
	char	 *result = NULL;
	size_t	  i, j, n, len;

	if (s == NULL || *s == '\0')
		goto out;
	parts = g_strsplit(s, "-", -1);
	n = g_strv_length(parts);

	/* Primary: 2-3 letters, or the "i"/"x" prefix with more to come. */
	len = strlen(parts[0]);
	if (len == 1) {
		if (g_ascii_tolower(parts[0][0]) != 'i' &&
		    g_ascii_tolower(parts[0][0]) != 'x')
			goto out;
		if (n < 2)
			goto out;
	} else if (len < 2 || len > 3)
		goto out;
	for (j = 0; j < len; j++)
		if (!g_ascii_isalpha(parts[0][j]))
			goto out;

	/* Then subtags of 1-8 letters or digits. */
	for (i = 1; i < n; i++) {
		len = strlen(parts[i]);
		if (len < 1 || len > 8)
			goto out;
		for (j = 0; j < len; j++)
			if (!g_ascii_isalnum(parts[i][j]))
				goto out;
	}

	result = g_strdup(s);
	for (j = 0; result[j] != '\0' && result[j] != '-'; j++)
		result[j] = g_ascii_tolower(result[j]);
out:
	g_strfreev(parts);
	return result;
}

/* "a, b ,c" -> {"a", "b", "c"}; empty pieces dropped; NULL if none. */
char **
bp_meta_split_keywords(const char *s)
{
	GPtrArray	*list = g_ptr_array_new();
	char		**parts = g_strsplit(s, ",", -1);
	char		**p;

	for (p = parts; *p != NULL; p++) {
		g_strstrip(*p);
		if (**p != '\0')
			g_ptr_array_add(list, g_strdup(*p));
	}
	g_strfreev(parts);
	if (list->len == 0) {
		g_ptr_array_free(list, TRUE);
		return NULL;
	}
	g_ptr_array_add(list, NULL);
	return (char **)g_ptr_array_free(list, FALSE);
}
