/*
 * Text pasted from a web page: split into lines, then sort each line by
 * its shape and the phrase lists (furniture, title, meta, body shapes).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse/parse.h"
#include "parse/txt_lines.h"

static const char *trim(const char *s, const char *e, const char **end);
static enum txt_bullet bullet_of(const char *s, const char *e, int *num,
    const char **after);
static bool starts_upper(const char *s);
static bool ends_with(const struct txt_line *l, char c);
static void read_line(struct txt *t, struct txt_line *l);
static bool split_lines(struct txt *t, const char *buf, size_t len);
static void mark_phrases(struct txt *t);
static void mark_labels(struct txt *t);
static void drop_cookie_banners(struct txt *t);
static bool is_title_like(const struct txt_line *l);
static char *crumb_end(const struct txt_line *l);
static int title_score(const struct txt_line *l);
static void find_title(struct txt *t);
static void drop_footer(struct txt *t);
static void find_wrap(struct txt *t);
static int next_group(const struct txt *t, int i);
static bool near_short(const struct txt *t, int i);
static void sort_group(struct txt *t, int i, int prev);
static void sort_body(struct txt *t);

static const char cookie_why[] = "cookie banner";

bool
bp_txt_is_space(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x200B || c == 0xFEFF;
}

/* [s, e) without white space at either end; *end is the new end. */
static const char *
trim(const char *s, const char *e, const char **end)
{
	const char	*q;

	while (s < e && bp_txt_is_space(g_utf8_get_char(s)))
		s = g_utf8_next_char(s);
	while (e > s) {
		q = g_utf8_find_prev_char(s, e);
		if (q == NULL || !bp_txt_is_space(g_utf8_get_char(q)))
			break;
		e = q;
	}
	*end = e;
	return s;
}

/* The bullet opening [s, e), if any; *after is where its text begins. */
static enum txt_bullet
bullet_of(const char *s, const char *e, int *num, const char **after)
{
	static const gunichar dots[] = { 0x2022, 0x00B7, 0x25AA, 0x25E6,
	    0x2023, 0x25CF, 0x25CB, 0x25A0, 0x25A1, 0x25BA, 0x25B8, '*' };
	gunichar	 c = s < e ? g_utf8_get_char(s) : 0;
	const char	*p = s < e ? g_utf8_next_char(s) : s;
	enum txt_bullet	 b = TXT_BULLET_NONE;
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < G_N_ELEMENTS(dots); i++)
		if (c == dots[i])
			b = TXT_BULLET_DOT;
	if (c == '-' || c == 0x2013 || c == 0x2014)
		b = TXT_BULLET_DASH;
	if (g_ascii_isdigit((int)c)) {
		for (p = s; p < e && p - s < 3 && g_ascii_isdigit(*p); p++)
			n = n * 10 + (*p - '0');
		if (p < e && (*p == '.' || *p == ')')) {
			b = TXT_BULLET_NUM;
			p++;
		}
	}
	/* A bullet stands apart from its text ("•Text" is no bullet). */
	if (b != TXT_BULLET_NONE && (p >= e ||
	    !bp_txt_is_space(g_utf8_get_char(p))))
		b = TXT_BULLET_NONE;
	if (b == TXT_BULLET_NONE) {
		*after = s;
		return b;
	}
	while (p < e && bp_txt_is_space(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	*num = n;
	*after = p;
	return b;
}

/* Ends with . ! ? : ; or …, closing quotes and brackets aside. */
bool
bp_txt_ends_sentence(const char *s, size_t len)
{
	const char	*e = s + len, *q;
	gunichar	 c;

	while (e > s && (q = g_utf8_find_prev_char(s, e)) != NULL) {
		c = g_utf8_get_char(q);
		if (c == '"' || c == '\'' || c == 0x201D || c == 0x2019 ||
		    c == 0x00BB || c == ')' || c == ']') {
			e = q;
			continue;
		}
		return c == '.' || c == '!' || c == '?' || c == ':' ||
		    c == ';' || c == 0x2026;
	}
	return false;
}

int
bp_txt_count_words(const char *s, size_t len)
{
	const char	*p, *e = s + len;
	int		 n = 0;
	bool		 in = false;

	for (p = s; p < e; p = g_utf8_next_char(p)) {
		if (bp_txt_is_space(g_utf8_get_char(p)))
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

static bool
starts_upper(const char *s)
{
	gunichar	 c = g_utf8_get_char(s);

	return g_unichar_isupper(c) || g_unichar_istitle(c) ||
	    g_unichar_isdigit(c) || c == 0x00AB || c == 0x201C || c == '"';
}

static bool
ends_with(const struct txt_line *l, char c)
{
	return l->rawlen > 0 && l->raw[l->rawlen - 1] == c;
}

bool
bp_txt_is_prose(const struct txt_line *l)
{
	return (l->end && l->words >= 4) || l->words >= 12;
}

/* Bullet, words, sentence end and normal form of one trimmed line. */
static void
read_line(struct txt *t, struct txt_line *l)
{
	const char	*e = l->raw + l->rawlen, *after;

	(void)t;
	l->bullet = bullet_of(l->raw, e, &l->num, &after);
	l->s = after;
	l->len = (unsigned)(e - after);
	l->words = bp_txt_count_words(l->s, l->len);
	l->chars = (int)g_utf8_strlen(l->raw, (gssize)l->rawlen);
	l->end = bp_txt_ends_sentence(l->raw, l->rawlen);
	/* Phrases are short: long lines need no normal form. */
	l->norm = l->len <= 400 ? bp_paste_norm(l->s, l->len) : NULL;
	l->kind = l->words > 0 ? TXT_TEXT : TXT_BLANK;
}

/* One txt_line per line (LF or CRLF; no newline at the end is fine). */
static bool
split_lines(struct txt *t, const char *buf, size_t len)
{
	const char	*p = buf, *end = buf + len, *nl, *s, *e;
	int		 n = 0, cap;
	bool		 ok = true;

	cap = 1;
	for (s = buf; s < end && (s = memchr(s, '\n', (size_t)(end - s))) !=
	    NULL; s++)
		cap++;
	if (cap > BP_TXT_MAX_LINES) {
		bp_diag(t->diag, BP_ERROR, BP_TXT_MAX_LINES + 1, 0, "more than "
		    "%d lines (%d): too long for pasted text", BP_TXT_MAX_LINES,
		    cap);
		ok = false;
		goto out;
	}
	t->l = g_new0(struct txt_line, cap);
	while (p < end || n == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		e = nl != NULL ? nl : end;
		s = trim(p, e, &e);
		t->l[n].raw = s;
		t->l[n].rawlen = (unsigned)(e - s);
		t->l[n].no = n + 1;
		read_line(t, &t->l[n]);
		n++;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	t->n = n;
out:
	return ok;
}

/* What the phrase lists say of each line. */
static void
mark_phrases(struct txt *t)
{
	const struct bp_paste_phrases *ph = t->ph;
	struct bp_date	 d;
	struct txt_line	*l;
	int		 i, w;

	for (i = 0; i < t->n; i++) {
		l = &t->l[i];
		if (l->kind != TXT_TEXT || l->norm == NULL)
			continue;
		l->furn = bp_paste_is(ph, BP_PASTE_FURNITURE, l->norm) ||
		    (l->words <= 12 &&
		    bp_paste_starts(ph, BP_PASTE_STARTS, l->norm) > 0);
		l->footer = bp_paste_is(ph, BP_PASTE_FOOTER, l->norm);
		l->cookie = l->words <= 80 &&
		    bp_paste_holds(ph, BP_PASTE_COOKIE, l->norm);
		l->link = l->words <= 20 && l->bullet == TXT_BULLET_NONE &&
		    bp_paste_starts(ph, BP_PASTE_LINK, l->norm) > 0;
		/* A byline: a label, then a capitalised name ... */
		w = bp_paste_starts(ph, BP_PASTE_AUTHOR, l->norm);
		if (w > 0 && l->words > w && l->words <= 14 && !l->furn &&
		    !(l->end && !ends_with(l, ':'))) {
			char *name = bp_txt_byline(l, ph);

			l->author = name != NULL;
			g_free(name);
		}
		/* ... a date: short, labelled or alone, or in a byline. */
		l->date = l->words <= 14 && !(l->end && l->words > 6) &&
		    bp_paste_find_date(ph, l->norm, &d) && (l->words <= 6 ||
		    l->author || bp_paste_holds(ph, BP_PASTE_DATE, l->norm));
		if (l->furn)
			bp_txt_drop(l, "page furniture");
	}
	mark_labels(t);
}

/*
 * A label alone on its line ("Published", "From:") whose value is the
 * next line ("12 November 2026", "Department for Education").
 */
static void
mark_labels(struct txt *t)
{
	struct txt_line	*l, *v;
	int		 i, j;

	for (i = 0; i < t->n; i++) {
		l = &t->l[i];
		if (l->kind != TXT_TEXT || l->norm == NULL)
			continue;
		for (j = i + 1; j < t->n && t->l[j].kind == TXT_BLANK; j++)
			;
		if (j >= t->n || t->l[j].kind != TXT_TEXT)
			continue;
		v = &t->l[j];
		if (bp_paste_is(t->ph, BP_PASTE_DATE, l->norm) && v->date)
			l->label = true;
		else if (bp_paste_is(t->ph, BP_PASTE_AUTHOR, l->norm) &&
		    !v->date && !v->end && v->words <= 8 &&
		    g_unichar_isupper(g_utf8_get_char(v->s))) {
			l->label = true;
			v->author = v->whole = true;
		}
	}
}

void
bp_txt_drop(struct txt_line *l, const char *why)
{
	if (l->kind == TXT_BLANK)
		return;
	l->kind = TXT_DROP;
	l->why = why;
}

/*
 * A cookie banner: a run of lines that mention cookies and furniture
 * lines (its buttons), blank lines between allowed, with one of each.
 */
static void
drop_cookie_banners(struct txt *t)
{
	int	 i, j, k;
	bool	 furn, cookie;

	for (i = 0; i < t->n; i = j + 1) {
		furn = cookie = false;
		for (j = i; j < t->n && (t->l[j].kind == TXT_BLANK ||
		    t->l[j].cookie || t->l[j].furn); j++) {
			furn = furn || t->l[j].furn;
			cookie = cookie || t->l[j].cookie;
		}
		if (furn && cookie)
			for (k = i; k < j; k++)
				bp_txt_drop(&t->l[k], cookie_why);
	}
}

/* Short enough for a title, no sentence ending (? and ! allowed). */
static bool
is_title_like(const struct txt_line *l)
{
	gunichar	 last;

	if (l->kind != TXT_TEXT || l->words > 20 || l->chars > 160 ||
	    l->date || l->author || l->link || l->cookie)
		return false;
	last = g_utf8_get_char(g_utf8_find_prev_char(l->raw,
	    l->raw + l->rawlen));
	return (!l->end || last == '?' || last == '!') && starts_upper(l->s);
}

/*
 * "Forside › Aktuelt › Tittel": the last part of a breadcrumb on one line
 * (parts split by › » > / or |), or NULL when l is none.
 */
static char *
crumb_end(const struct txt_line *l)
{
	static const char *const seps[] = { " \xe2\x80\xba ", " \xc2\xbb ",
	    " > ", " / ", " | " };
	const char	*last = NULL, *p;
	char		*s = g_strndup(l->s, l->len), *out = NULL;
	size_t		 i;

	for (i = 0; i < G_N_ELEMENTS(seps) && last == NULL; i++)
		for (p = s; (p = strstr(p, seps[i])) != NULL; p++)
			last = p + strlen(seps[i]);
	if (last != NULL && *last != '\0')
		out = g_strstrip(g_strdup(last));
	g_free(s);
	return out;
}

/*
 * How much a heading-like line looks like the title: its words, less
 * when it holds a digit or a colon ("Lesetid: 3 min", "Foto: NTB",
 * "Updated 2 hours ago" stand between a title and its text).
 */
static int
title_score(const struct txt_line *l)
{
	unsigned	 i;
	bool		 odd = false;

	for (i = 0; i < l->rawlen; i++)
		odd = odd || g_ascii_isdigit(l->raw[i]) || l->raw[i] == ':';
	return l->words - (odd ? 4 : 0);
}

/* The first line from `from` on that is the article's prose. */
int
bp_txt_first_prose(const struct txt *t, int from)
{
	const struct txt_line	*l;
	int			 i;

	for (i = from; i < t->n; i++) {
		l = &t->l[i];
		if (l->kind == TXT_TEXT && bp_txt_is_prose(l) && !l->date &&
		    !l->author && !l->link && !l->cookie)
			return i;
	}
	return -1;
}

/*
 * The title: the heading-like line nearest before the first prose (dates,
 * bylines and dropped lines between skipped); a breadcrumb on one line
 * gives its last part. What stands before it is site navigation.
 */
static void
find_title(struct txt *t)
{
	struct txt_line	*l = NULL;
	int		 fp = bp_txt_first_prose(t, 0), i;

	int		 seen = 0, best = -100;

	/* Of the last three heading-like lines, the one that scores best. */
	t->title = -1;
	for (i = fp - 1; i >= 0 && seen < 3; i--) {
		l = &t->l[i];
		if (l->kind == TXT_BLANK || l->kind == TXT_DROP || l->date ||
		    l->author || l->label)
			continue;
		if (!is_title_like(l))
			break;
		seen++;
		if (title_score(l) > best) {
			best = title_score(l);
			t->title = i;
		}
	}
	if (t->title < 0)
		return;
	l = &t->l[t->title];
	t->title_why = l->bullet != TXT_BULLET_NONE ? "the line the "
	    "breadcrumb ends with" : "the heading-like line before the text";
	t->title_text = crumb_end(l);
	if (t->title_text != NULL)
		t->title_why = "the end of the breadcrumb";
	else
		t->title_text = g_strndup(l->s, l->len);
	l->kind = TXT_TITLE;
	for (i = 0; i < t->title; i++)
		if ((t->l[i].kind == TXT_TEXT && !t->l[i].date &&
		    !t->l[i].author) || (t->l[i].kind == TXT_DROP &&
		    t->l[i].why != cookie_why))
			bp_txt_drop(&t->l[i], "site navigation");
}

/*
 * The footer: from a footer phrase after the text begins, everything;
 * and a closing run of two or more short lines (no digits or e-mail
 * addresses, which a contact block has; not after a line ending ':').
 */
static void
drop_footer(struct txt *t)
{
	int		 fp = bp_txt_first_prose(t, t->title + 1), i, last = -1;
	int		 nshort = 0;
	unsigned	 j;
	bool		 contact = false;

	if (fp < 0)
		return;
	for (i = fp + 1; i < t->n; i++)
		if (t->l[i].footer)
			break;
	for (; i < t->n; i++)
		bp_txt_drop(&t->l[i], "page footer");
	for (i = t->n - 1; i > fp; i--) {
		if (t->l[i].kind != TXT_TEXT)
			continue;
		if (bp_txt_is_prose(&t->l[i]) || t->l[i].link) {
			last = i;
			break;
		}
		nshort++;
		for (j = 0; j < t->l[i].rawlen; j++)
			contact = contact || g_ascii_isdigit(t->l[i].raw[j]) ||
			    t->l[i].raw[j] == '@';
	}
	if (last < 0 || nshort < 2 || contact ||
	    t->l[last].raw[t->l[last].rawlen - 1] == ':')
		return;
	for (i = last + 1; i < t->n; i++)
		bp_txt_drop(&t->l[i], "page footer");
}

/*
 * Hard wrapping: most text lines end within a few columns of the longest
 * (at most 100). A line then continues into the next when the next one's
 * first word would not have fitted on it.
 */
static void
find_wrap(struct txt *t)
{
	int		 i, max = 0, ntext = 0, nfull = 0, fw;
	const char	*sp;

	for (i = 0; i < t->n; i++)
		if (t->l[i].kind == TXT_TEXT) {
			ntext++;
			if (t->l[i].chars > max)
				max = t->l[i].chars;
		}
	for (i = 0; i < t->n; i++)
		if (t->l[i].kind == TXT_TEXT && t->l[i].chars >= max - 15)
			nfull++;
	if (max >= 40 && max <= 100 && nfull >= 3 && nfull * 4 >= ntext)
		t->wrap = max;
	for (i = 0; i < t->n; i++)
		t->l[i].first = true;
	if (t->wrap == 0)
		return;
	for (i = 0; i + 1 < t->n; i++) {
		if (t->l[i].kind != TXT_TEXT || t->l[i + 1].kind != TXT_TEXT ||
		    t->l[i + 1].bullet != TXT_BULLET_NONE)
			continue;
		sp = memchr(t->l[i + 1].raw, ' ', t->l[i + 1].rawlen);
		fw = sp != NULL ? (int)g_utf8_strlen(t->l[i + 1].raw,
		    sp - t->l[i + 1].raw) : t->l[i + 1].chars;
		t->l[i].join = t->l[i].chars + 1 + fw > t->wrap - 12;
		t->l[i + 1].first = !t->l[i].join;
	}
}

/* The text of the paragraph that starts at line i, lines joined. */
char *
bp_txt_group_text(const struct txt *t, int i)
{
	GString	*s = g_string_new(NULL);
	int	 j;

	for (j = i; j < t->n; j++) {
		if (j > i)
			g_string_append_c(s, ' ');
		g_string_append_len(s, j == i ? t->l[j].s : t->l[j].raw,
		    j == i ? t->l[j].len : t->l[j].rawlen);
		if (!t->l[j].join)
			break;
	}
	return g_string_free(s, FALSE);
}

/* The last line of the paragraph that starts at i. */
int
bp_txt_group_end(const struct txt *t, int i)
{
	while (i + 1 < t->n && t->l[i].join)
		i++;
	return i;
}

/* The first line of the next paragraph with text after i's, or -1. */
static int
next_group(const struct txt *t, int i)
{
	for (i = bp_txt_group_end(t, i) + 1; i < t->n; i++)
		if (t->l[i].kind == TXT_TEXT)
			return i;
	return -1;
}

/* A short unbulleted line that is no sentence: a list line or heading. */
bool
bp_txt_is_short_line(const struct txt_line *l)
{
	return l->kind == TXT_TEXT && l->bullet == TXT_BULLET_NONE &&
	    !l->join && !bp_txt_is_prose(l) && l->words <= 10 && !l->link;
}

/* Whether line i touches (no blank line between) another short line. */
static bool
near_short(const struct txt *t, int i)
{
	return (i > 0 && (bp_txt_is_short_line(&t->l[i - 1]) ||
	    t->l[i - 1].kind == TXT_ITEM)) ||
	    (i + 1 < t->n && bp_txt_is_short_line(&t->l[i + 1]));
}

/* The kind of the paragraph at line i (prev: the paragraph before, -1). */
static void
sort_group(struct txt *t, int i, int prev)
{
	struct txt_line	*l = &t->l[i];
	int		 nx = next_group(t, i), j, end = bp_txt_group_end(t, i);
	bool		 run_prev, run_next;
	enum txt_kind	 k = TXT_PARA;

	run_prev = prev >= 0 && bp_txt_group_end(t, prev) == i - 1 &&
	    t->l[prev].bullet == l->bullet;
	run_next = nx == end + 1 && t->l[nx].bullet == l->bullet;
	if (l->link)
		k = TXT_LINK;
	else if (l->bullet == TXT_BULLET_DOT)
		k = TXT_ITEM;
	else if (l->bullet == TXT_BULLET_NUM)
		k = run_prev || run_next ? TXT_ITEM : TXT_PARA;
	else if (l->bullet == TXT_BULLET_DASH)
		k = run_prev || run_next || l->words < 3 ? TXT_ITEM :
		    TXT_SPEECH;
	else if (bp_txt_is_short_line(l) && near_short(t, i))
		k = TXT_ITEM;
	else if (is_title_like(l) && l->words <= 12 && !l->join && nx >= 0 &&
	    i > t->lead && i > t->title &&
	    (bp_txt_is_prose(&t->l[nx]) || t->l[nx].join ||
	    t->l[nx].bullet == TXT_BULLET_DOT ||
	    t->l[nx].bullet == TXT_BULLET_DASH))
		k = TXT_HEADING;
	for (j = i; j <= end; j++)
		t->l[j].kind = k;
}

/* Every paragraph of the text, in order. */
static void
sort_body(struct txt *t)
{
	int	 i, prev = -1;

	for (i = 0; i < t->n; i++) {
		if (t->l[i].kind != TXT_TEXT)
			continue;
		sort_group(t, i, prev);
		prev = i;
		i = bp_txt_group_end(t, i);
	}
}

void
bp_txt_sort_lines(struct txt *t)
{
	int	 i;

	mark_phrases(t);
	drop_cookie_banners(t);
	find_title(t);
	drop_footer(t);
	find_wrap(t);
	bp_txt_take_meta(t);
	bp_txt_drop_repeats(t);
	/* Without a title, a run of three or more short lines on top. */
	for (i = 0; t->title < 0 && i < t->n &&
	    (bp_txt_is_short_line(&t->l[i]) ||
	    t->l[i].kind != TXT_TEXT); i++)
		;
	if (t->title < 0 && i >= 3)
		while (--i >= 0)
			bp_txt_drop(&t->l[i], "site navigation");
	sort_body(t);
}

bool
bp_txt_is_name(const char *path)
{
	size_t	 n = path != NULL ? strlen(path) : 0;

	return n > 4 && g_ascii_strcasecmp(path + n - 4, ".txt") == 0;
}

bool
bp_txt_convert(const char *buf, size_t len, const struct bp_paste_phrases *ph,
    struct bp_meta *meta, struct bp_diag *diag, struct bp_txt_result *out)
{
	struct txt	 t = { 0 };
	bool		 ok = false;
	int		 i, kept = 0, dropped = 0;

	memset(out, 0, sizeof(*out));
	t.ph = ph;
	t.meta = meta;
	t.diag = diag;
	t.title = -1;
	t.lead = -1;
	if (!split_lines(&t, buf, len))
		goto out;
	bp_txt_sort_lines(&t);
	for (i = 0; i < t.n; i++) {
		kept += t.l[i].kind > TXT_DROP;
		dropped += t.l[i].kind == TXT_DROP;
	}
	if (kept == 0 && dropped > 0) {
		bp_diag(diag, BP_ERROR, 1, 0, "nothing but page furniture "
		    "(menus, buttons, banners, footer): no article text found");
		goto out;
	}
	if (t.title >= 0) {
		meta->title = t.title_text;
		t.title_text = NULL;
	}
	bp_txt_give_notes(&t);
	bp_txt_emit(&t, out);
	ok = true;
out:
	for (i = 0; i < t.n; i++)
		g_free(t.l[i].norm);
	g_free(t.l);
	g_free(t.title_text);
	return ok;
}
