/*
 * Pasted text: dates, bylines and the lead before the text go into the
 * metadata, and what repeats the page's furniture in the text goes.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse/parse.h"
#include "parse/txt_lines.h"

static void take_segments(struct txt *t, const struct txt_line *l);
static void take_line_meta(struct txt *t, struct txt_line *l);
static bool is_lead(const struct txt *t, int i);
static bool same_date(const struct bp_date *a, const struct bp_date *b);

/*
 * The name in a byline: after the label ("Av", "From:"), up to a
 * separator or a date; it must begin with a capital. NULL when none.
 */
char *
bp_txt_byline(const struct txt_line *l, const struct bp_paste_phrases *ph)
{
	const char	*p = l->s, *e = l->s + l->len, *q;
	int		 w = bp_paste_starts(ph, BP_PASTE_AUTHOR, l->norm);
	char		*name = NULL;

	if (l->whole)
		return g_strndup(l->s, l->len);
	for (; w > 0 && p < e; w--) {
		while (p < e && !bp_txt_is_space(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		while (p < e && bp_txt_is_space(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
	}
	while (p < e && (*p == ':' || *p == ' '))
		p++;
	if (p >= e || !g_unichar_isupper(g_utf8_get_char(p)))
		return NULL;
	for (q = p; q < e; q = g_utf8_next_char(q))
		if (*q == '|' || *q == ',' || g_ascii_isdigit(*q) ||
		    g_utf8_get_char(q) == 0x00B7 || strncmp(q, " - ", 3) == 0 ||
		    strncmp(q, " \xe2\x80\x93 ", 5) == 0)
			break;
	name = g_strstrip(g_strndup(p, (gsize)(q - p)));
	if (*name == '\0' || bp_txt_ends_sentence(name, strlen(name))) {
		g_free(name);
		name = NULL;
	}
	return name;
}

/*
 * "Pressemelding | Dato: 20.11.2026 | Nærings- og fiskeridepartementet":
 * a part of a date line that is neither furniture nor the date, and
 * looks like a name, is the byline (the organisation).
 */
static void
take_segments(struct txt *t, const struct txt_line *l)
{
	char		**parts, *n, *text;
	struct bp_date	  d;
	int		  i, w;

	if (t->meta->authors != NULL)
		return;
	text = g_strndup(l->s, l->len);
	parts = g_regex_split_simple(" [|\\x{00B7}\\x{2022}] ", text, 0, 0);
	g_free(text);
	for (i = 0; parts[i] != NULL && t->meta->authors == NULL; i++) {
		g_strstrip(parts[i]);
		n = bp_paste_norm(parts[i], strlen(parts[i]));
		w = bp_txt_count_words(parts[i], strlen(parts[i]));
		if (i > 0 && w > 0 && w <= 8 &&
		    g_unichar_isupper(g_utf8_get_char(parts[i])) &&
		    !bp_paste_find_date(t->ph, n, &d) &&
		    !bp_paste_is(t->ph, BP_PASTE_FURNITURE, n) &&
		    bp_paste_starts(t->ph, BP_PASTE_DATE, n) == 0) {
			t->meta->authors = g_new0(char *, 2);
			t->meta->authors[0] = g_strdup(parts[i]);
		}
		g_free(n);
	}
	g_strfreev(parts);
}

/* A date or byline line: the first of each goes into meta. */
static void
take_line_meta(struct txt *t, struct txt_line *l)
{
	struct bp_date	 d;
	char		*name;

	if (l->date && bp_paste_find_date(t->ph, l->norm, &d)) {
		if (t->meta->date.y == 0) {
			t->meta->date = d;
			t->meta->date_text = g_strdup_printf("%04d-%02d-%02d",
			    d.y, d.m, d.d);
		}
		l->kind = TXT_DATE;
		take_segments(t, l);
	}
	if (l->label)
		l->kind = bp_paste_is(t->ph, BP_PASTE_AUTHOR, l->norm) ?
		    TXT_AUTHOR : TXT_DATE;
	if (l->author && (name = bp_txt_byline(l, t->ph)) != NULL) {
		if (t->meta->authors == NULL) {
			t->meta->authors = g_new0(char *, 2);
			t->meta->authors[0] = name;
			name = NULL;
		}
		g_free(name);
		if (l->kind != TXT_DATE)
			l->kind = TXT_AUTHOR;
	}
}

/*
 * A lead: the first paragraph after the title, unbulleted prose of at
 * most three sentences and 320 characters, with more text after it.
 */
static bool
is_lead(const struct txt *t, int i)
{
	char	*s = bp_txt_group_text(t, i), *p;
	int	 sentences = 0, end = bp_txt_group_end(t, i);
	bool	 ok;

	for (p = s; *p != '\0'; p++)
		if ((*p == '.' || *p == '!' || *p == '?') &&
		    (p[1] == ' ' || p[1] == '\0'))
			sentences++;
	ok = t->l[i].bullet == TXT_BULLET_NONE && !t->l[i].link &&
	    t->l[end].end && sentences <= 3 && g_utf8_strlen(s, -1) <= 320 &&
	    bp_txt_first_prose(t, end + 1) >= 0;
	g_free(s);
	return ok;
}

/*
 * Dates and bylines before the text (around the title and the lead) go
 * into meta; the first paragraph after the title may be the lead.
 */
void
bp_txt_take_meta(struct txt *t)
{
	struct txt_line	*l;
	int		 i, lead = -1, skipped = 0;

	for (i = 0; i < t->n; i++) {
		l = &t->l[i];
		if (l->kind == TXT_BLANK || l->kind == TXT_DROP ||
		    l->kind == TXT_TITLE)
			continue;
		if (l->kind == TXT_TEXT && (l->date || l->author || l->label)) {
			take_line_meta(t, l);
			continue;
		}
		/* Short lines ("Foto: NTB", a name) stay text, passed over. */
		if (l->kind == TXT_TEXT && !bp_txt_is_prose(l) && !l->join &&
		    l->words <= 10 && ++skipped <= 8)
			continue;
		if (l->kind != TXT_TEXT || i < t->title || lead >= 0 ||
		    t->title < 0 || !bp_txt_is_prose(l) || !is_lead(t, i))
			break;
		lead = t->lead = i;
		t->meta->subtitle = bp_txt_group_text(t, i);
		for (; i < t->n; i++) {
			t->l[i].kind = TXT_SUBTITLE;
			if (!t->l[i].join)
				break;
		}
	}
}

static bool
same_date(const struct bp_date *a, const struct bp_date *b)
{
	return a->y == b->y && a->m == b->m && a->d == b->d;
}

/*
 * What repeats the page's furniture in the text: a labelled date line
 * with the article's date ("Publisert 12. januar 2027" at the end), and
 * short lines between furniture lines (the "Facebook", "E-post" of
 * "Del artikkelen" ... "Kopier lenke"), up to the end or the next one.
 */
void
bp_txt_drop_repeats(struct txt *t)
{
	struct bp_date	 d;
	int		 i, j, k;

	for (i = 0; i < t->n; i++)
		if (t->l[i].kind == TXT_TEXT && t->l[i].date &&
		    bp_paste_starts(t->ph, BP_PASTE_DATE, t->l[i].norm) > 0 &&
		    bp_paste_find_date(t->ph, t->l[i].norm, &d) &&
		    same_date(&d, &t->meta->date))
			bp_txt_drop(&t->l[i],
			    "date line (the article's date again)");
	for (i = t->title + 1; i > 0 && i < t->n; i++) {
		if (t->l[i].kind != TXT_DROP)
			continue;
		for (j = i + 1; j < t->n && j - i <= 8 &&
		    (t->l[j].kind == TXT_BLANK ||
		    bp_txt_is_short_line(&t->l[j]));)
			j++;
		if (j > i + 1 && (j == t->n || t->l[j].kind == TXT_DROP))
			for (k = i + 1; k < j; k++)
				bp_txt_drop(&t->l[k], t->l[i].why);
	}
}
