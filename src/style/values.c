/*
 * Style values: lengths with units, colours and page sizes, as a style
 * file writes them.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "style/style.h"

/* Named page sizes, portrait, in millimetres. */
static const struct {
	const char	*name;
	double		 w_mm, h_mm;
} page_sizes[] = {
	{ "A3", 297, 420 },
	{ "A4", 210, 297 },
	{ "A5", 148, 210 },
	{ "Letter", 215.9, 279.4 },
	{ "Legal", 215.9, 355.6 },
};

/* The words of --pdf-standard and pdf.standard, and their bits. */
static const struct {
	const char	*word;
	const char	*name;     /* in messages and notes */
	unsigned	 bit;
} pdf_standards[] = {
	{ "a-2a", "PDF/A-2a", BP_PDF_STD_A2A },
	{ "a-2b", "PDF/A-2b", BP_PDF_STD_A2B },
	{ "a-2u", "PDF/A-2u", BP_PDF_STD_A2U },
	{ "ua-1", "PDF/UA-1", BP_PDF_STD_UA1 },
};

bool
bp_style_parse_number(const char *s, const char **end, double *out)
{
	const char	*p = s;
	char		*num = NULL;
	size_t		 digits = 0;
	double		 v;
	bool		 ok = false;

	while (g_ascii_isdigit(*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (g_ascii_isdigit(*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		goto out;
	num = g_strndup(s, (gsize)(p - s));
	v = g_ascii_strtod(num, NULL);
	if (!(v <= G_MAXDOUBLE))
		goto out;
	*out = v;
	*end = p;
	ok = true;
out:
	g_free(num);
	return ok;
}

bool
bp_style_parse_length(const char *s, double *out_pt)
{
	static const struct {
		const char	*unit;
		double		 pt;
	} units[] = {
		{ "pt", 1.0 }, { "mm", PT_PER_MM }, { "cm", PT_PER_CM },
		{ "in", PT_PER_IN }, { "pc", PT_PER_PC },
	};
	const char	*p;
	double		 v = 0, scale = 1.0;
	size_t		 i;
	bool		 ok = false;

	if (s == NULL)
		goto out;
	while (g_ascii_isspace(*s))
		s++;
	if (!bp_style_parse_number(s, &p, &v))
		goto out;
	while (*p == ' ' || *p == '\t')
		p++;

	/* A unit, or none for points. */
	if (g_ascii_isalpha(*p)) {
		for (i = 0; i < G_N_ELEMENTS(units); i++)
			if (g_ascii_strncasecmp(p, units[i].unit, 2) == 0)
				break;
		if (i == G_N_ELEMENTS(units))
			goto out;
		scale = units[i].pt;
		p += 2;
	}
	while (g_ascii_isspace(*p))
		p++;
	if (*p != '\0')
		goto out;
	*out_pt = v * scale;
	ok = true;
out:
	return ok;
}

bool
bp_style_parse_color(const char *s, struct bp_rgb *out)
{
	int	 v[6], i, n;

	if (s == NULL || s[0] != '#')
		return false;
	n = (int)strlen(s + 1);
	if (n != 3 && n != 6)
		return false;
	for (i = 0; i < n; i++)
		if ((v[i] = g_ascii_xdigit_value(s[1 + i])) < 0)
			return false;
	if (n == 3) {
		out->r = (v[0] * 17) / 255.0;
		out->g = (v[1] * 17) / 255.0;
		out->b = (v[2] * 17) / 255.0;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
	}
	return true;
}

bool
bp_style_parse_page_size(const char *s, double *w, double *h)
{
	char	**words = NULL;
	double	  tw = 0, th = 0, t;
	size_t	  i, n;
	bool	  ok = false, named = false;

	words = g_strsplit_set(s, " \t", -1);
	n = 0;
	for (i = 0; words[i] != NULL; i++)
		if (*words[i] != '\0')
			words[n++] = words[i];
		else
			g_free(words[i]);
	words[n] = NULL;
	if (n < 1 || n > 2)
		goto out;

	for (i = 0; i < G_N_ELEMENTS(page_sizes); i++)
		if (g_ascii_strcasecmp(words[0], page_sizes[i].name) == 0) {
			tw = page_sizes[i].w_mm * PT_PER_MM;
			th = page_sizes[i].h_mm * PT_PER_MM;
			named = true;
			break;
		}
	if (named && n == 2) {
		if (g_ascii_strcasecmp(words[1], "landscape") == 0) {
			t = tw;
			tw = th;
			th = t;
		} else if (g_ascii_strcasecmp(words[1], "portrait") != 0)
			goto out;
	} else if (!named) {
		if (n != 2 || !bp_style_parse_length(words[0], &tw) ||
		    !bp_style_parse_length(words[1], &th))
			goto out;
	}
	*w = tw;
	*h = th;
	ok = true;
out:
	g_strfreev(words);
	return ok;
}

bool
bp_style_parse_pdf_standard(const char *s, unsigned *out)
{
	char		**words = g_strsplit(s, ",", -1);
	unsigned	  bits = 0, bit;
	size_t		  i, k, n = 0;
	bool		  none = false, ok = false;

	for (i = 0; words[i] != NULL; i++) {
		g_strstrip(words[i]);
		n++;
		if (g_ascii_strcasecmp(words[i], "none") == 0) {
			none = true;
			continue;
		}
		bit = 0;
		for (k = 0; k < G_N_ELEMENTS(pdf_standards); k++)
			if (g_ascii_strcasecmp(words[i],
			    pdf_standards[k].word) == 0)
				bit = pdf_standards[k].bit;
		/* Unknown, repeated, or a second PDF/A-2 level. */
		if (bit == 0 || (bits & bit) != 0 ||
		    ((bit & BP_PDF_STD_A2) != 0 && (bits & BP_PDF_STD_A2) != 0))
			goto out;
		bits |= bit;
	}
	if (n == 0 || (none && n > 1))
		goto out;
	*out = bits;
	ok = true;
out:
	g_strfreev(words);
	return ok;
}

void
bp_style_get_pdf_standard_name(unsigned bits, char *buf, size_t size)
{
	GString	*s = g_string_new(NULL);
	size_t	 k;

	for (k = 0; k < G_N_ELEMENTS(pdf_standards); k++)
		if ((bits & pdf_standards[k].bit) != 0)
			g_string_append_printf(s, "%s%s", s->len > 0 ? " + " :
			    "", pdf_standards[k].name);
	g_strlcpy(buf, s->len > 0 ? s->str : "none", size);
	g_string_free(s, TRUE);
}
