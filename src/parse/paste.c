/*
 * Phrase lists of page furniture (data/paste/, one file per language)
 * and dates as web pages write them, for the pasted-text reader (txt.c).
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "bp.h"
#include "parse/parse.h"
#include "parse/txt.h"

struct bp_paste_phrases {
	GHashTable	*whole[BP_PASTE_KIND__MAX];  /* phrase set per kind */
	GPtrArray	*list[BP_PASTE_KIND__MAX];   /* the same, listed */
	GHashTable	*months;                     /* name -> 1..12 */
	unsigned	 count;
};

static const char *const section_names[BP_PASTE_KIND__MAX] = {
	"furniture", "starts", "footer", "cookie", "link", "date", "author",
};

static int cmp_name(gconstpointer a, gconstpointer b);
static bool is_bullet_char(gunichar c);
static bool is_trailing_punct(gunichar c);
static bool is_word_char(gunichar c);
static int section_of(const char *name);
static void add_phrase(struct bp_paste_phrases *ph, int kind,
    const char *s);
static void add_months(struct bp_paste_phrases *ph, int month,
    const char *s);
static void read_one(struct bp_paste_phrases *ph, const char *path,
    struct bp_diag *diag);
static int count_words(const char *s, size_t len);
static bool date_numeric(const char *p, struct bp_date *out);
static bool date_named(const struct bp_paste_phrases *ph, char **tok,
    int ntok, struct bp_date *out);
static bool make_date(int y, int m, int d, struct bp_date *out);

/* For g_ptr_array_sort, which passes pointers to the elements. */
static int
cmp_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_bullet_char(gunichar c)
{
	return c == 0x2022 || c == 0x00B7 || c == 0x25AA || c == 0x25E6 ||
	    c == 0x2023 || c == 0x25CF || c == 0x25CB || c == 0x25A0 ||
	    c == 0x25BA || c == 0x25B8 || c == '*' || c == '-' ||
	    c == 0x2013 || c == 0x2014 || c == '+' || c == '>' ||
	    c == 0x203A || c == 0x00BB;
}

static bool
is_trailing_punct(gunichar c)
{
	return c == '.' || c == ':' || c == '!' || c == '?' || c == ',' ||
	    c == ';' || c == 0x2026 || c == 0x203A || c == 0x00BB ||
	    c == '>' || c == '|' || c == '-' || c == 0x2013 || c == 0x2014 ||
	    c == 0x2192 || c == '/' || g_unichar_isspace(c);
}

static bool
is_word_char(gunichar c)
{
	return g_unichar_isalnum(c) || c == '\'' || c == 0x2019;
}

char *
bp_paste_norm(const char *s, size_t len)
{
	GString		*out = g_string_sized_new(len);
	const char	*p = s, *end = s + len;
	char		*low, *q;
	gunichar	 c;
	bool		 space = false, lead = true;

	/* White space runs as one space; leading bullets dropped. */
	for (; p < end; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (g_unichar_isspace(c) || c == 0x200B) {
			space = out->len > 0;
			continue;
		}
		if (lead && is_bullet_char(c))
			continue;
		lead = false;
		if (space)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_unichar(out, c);
	}
	/* Trailing punctuation (and the space before it) dropped. */
	while (out->len > 0) {
		q = g_utf8_find_prev_char(out->str, out->str + out->len);
		if (q == NULL || !is_trailing_punct(g_utf8_get_char(q)))
			break;
		g_string_truncate(out, (gsize)(q - out->str));
	}
	low = g_utf8_strdown(out->str, (gssize)out->len);
	g_string_free(out, TRUE);
	return low;
}

static int
section_of(const char *name)
{
	int	 k;

	for (k = 0; k < BP_PASTE_KIND__MAX; k++)
		if (strcmp(name, section_names[k]) == 0)
			return k;
	return strcmp(name, "months") == 0 ? BP_PASTE_KIND__MAX : -1;
}

static void
add_phrase(struct bp_paste_phrases *ph, int kind, const char *s)
{
	char	*n = bp_paste_norm(s, strlen(s));

	if (*n == '\0' && strcmp(s, "©") != 0) {
		g_free(n);
		return;
	}
	/* "©" alone normalises to itself: it is no punctuation. */
	if (g_hash_table_contains(ph->whole[kind], n)) {
		g_free(n);
		return;
	}
	g_hash_table_add(ph->whole[kind], n);
	g_ptr_array_add(ph->list[kind], n);
	ph->count++;
}

/* "januar|jan": every name of month `month` (1-12). */
static void
add_months(struct bp_paste_phrases *ph, int month, const char *s)
{
	char	**names = g_strsplit(s, "|", -1);
	char	 *n;
	int	  i;

	for (i = 0; names[i] != NULL; i++) {
		n = bp_paste_norm(names[i], strlen(names[i]));
		if (*n != '\0' && !g_hash_table_contains(ph->months, n))
			g_hash_table_insert(ph->months, n,
			    GINT_TO_POINTER(month));
		else
			g_free(n);
	}
	g_strfreev(names);
}

/* One phrase file: "[section]" lines, phrases, "#" comments. */
static void
read_one(struct bp_paste_phrases *ph, const char *path, struct bp_diag *diag)
{
	char	*text = NULL, **lines = NULL, *l;
	int	 kind = -1, month = 0, i;

	if (!g_file_get_contents(path, &text, NULL, NULL) ||
	    !g_utf8_validate(text, -1, NULL)) {
		bp_diag_at(diag, path, BP_WARNING, 0, 0,
		    "phrase list not read (unreadable or not UTF-8)");
		goto out;
	}
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i] != NULL; i++) {
		l = g_strstrip(lines[i]);
		if (*l == '\0' || *l == '#')
			continue;
		if (*l == '[' && l[strlen(l) - 1] == ']') {
			l[strlen(l) - 1] = '\0';
			if ((kind = section_of(l + 1)) < 0)
				bp_diag_at(diag, path, BP_WARNING, i + 1, 0,
				    "unknown section [%s]", l + 1);
			month = 0;
		} else if (kind == BP_PASTE_KIND__MAX && month < 12)
			add_months(ph, ++month, l);
		else if (kind >= 0 && kind < BP_PASTE_KIND__MAX)
			add_phrase(ph, kind, l);
		else
			bp_diag_at(diag, path, BP_WARNING, i + 1, 0,
			    "phrase outside a known section");
	}
out:
	g_strfreev(lines);
	g_free(text);
}

struct bp_paste_phrases *
bp_paste_phrases_load(const char *dir, struct bp_diag *diag)
{
	struct bp_paste_phrases	*ph = g_new0(struct bp_paste_phrases, 1);
	GDir			*d = NULL;
	GPtrArray		*names = g_ptr_array_new_with_free_func(g_free);
	const char		*name;
	char			*path;
	int			 k;
	guint			 i;

	for (k = 0; k < BP_PASTE_KIND__MAX; k++) {
		ph->whole[k] = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, NULL);
		ph->list[k] = g_ptr_array_new();
	}
	ph->months = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	if (dir == NULL || (d = g_dir_open(dir, 0, NULL)) == NULL) {
		bp_diag_at(diag, dir, BP_WARNING, 0, 0, "no phrase lists for "
		    "pasted text here: page furniture is found by its shape "
		    "only");
		goto out;
	}
	while ((name = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(name, ".txt") && name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, cmp_name);
	for (i = 0; i < names->len; i++) {
		path = g_build_filename(dir, (char *)names->pdata[i], NULL);
		read_one(ph, path, diag);
		g_free(path);
	}
out:
	if (d != NULL)
		g_dir_close(d);
	g_ptr_array_free(names, TRUE);
	return ph;
}

void
bp_paste_phrases_free(struct bp_paste_phrases *ph)
{
	int	 k;

	if (ph == NULL)
		return;
	for (k = 0; k < BP_PASTE_KIND__MAX; k++) {
		g_ptr_array_free(ph->list[k], TRUE);
		g_hash_table_destroy(ph->whole[k]);
	}
	g_hash_table_destroy(ph->months);
	g_free(ph);
}

unsigned
bp_paste_phrases_count(const struct bp_paste_phrases *ph)
{
	return ph != NULL ? ph->count : 0;
}

/* The process's lists, one set per data folder asked for. */
static GMutex	  phrases_lock;
static GHashTable *phrases_by_dir;

const struct bp_paste_phrases *
bp_paste_phrases_get(const char *datadir, struct bp_diag *diag)
{
	const char		*env = g_getenv("BRIEFPACK_DATADIR");
	struct bp_paste_phrases	*ph;
	char			*dir;

	if (datadir == NULL)
		datadir = env != NULL && *env != '\0' ? env : BP_DATADIR;
	dir = g_build_filename(datadir, "data", "paste", NULL);
	g_mutex_lock(&phrases_lock);
	if (phrases_by_dir == NULL)
		phrases_by_dir = g_hash_table_new(g_str_hash, g_str_equal);
	if ((ph = g_hash_table_lookup(phrases_by_dir, dir)) == NULL) {
		ph = bp_paste_phrases_load(dir, diag);
		g_hash_table_insert(phrases_by_dir, dir, ph);
		dir = NULL;
	}
	g_mutex_unlock(&phrases_lock);
	g_free(dir);
	return ph;
}

bool
bp_paste_is(const struct bp_paste_phrases *ph, enum bp_paste_kind kind,
    const char *norm)
{
	return ph != NULL && norm != NULL &&
	    g_hash_table_contains(ph->whole[kind], norm);
}

static int
count_words(const char *s, size_t len)
{
	int	 n = 0;
	size_t	 i;
	bool	 in = false;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

int
bp_paste_starts(const struct bp_paste_phrases *ph, enum bp_paste_kind kind,
    const char *norm)
{
	const char	*p;
	size_t		 n;
	int		 best = 0, w;
	guint		 i;

	if (ph == NULL || norm == NULL)
		return 0;
	for (i = 0; i < ph->list[kind]->len; i++) {
		p = ph->list[kind]->pdata[i];
		n = strlen(p);
		if (strncmp(norm, p, n) != 0)
			continue;
		/* At a word boundary, unless the phrase ends in a symbol. */
		if (norm[n] != '\0' &&
		    is_word_char(g_utf8_get_char(norm + n)) &&
		    is_word_char(g_utf8_get_char(g_utf8_find_prev_char(p,
		    p + n))))
			continue;
		w = count_words(p, n);
		if (w < 1)
			w = 1;
		if (w > best)
			best = w;
	}
	return best;
}

bool
bp_paste_holds(const struct bp_paste_phrases *ph, enum bp_paste_kind kind,
    const char *norm)
{
	const char	*p, *at, *from;
	size_t		 n;
	guint		 i;
	bool		 found = false;

	if (ph == NULL || norm == NULL)
		return false;
	for (i = 0; i < ph->list[kind]->len && !found; i++) {
		p = ph->list[kind]->pdata[i];
		n = strlen(p);
		for (from = norm; !found && (at = strstr(from, p)) != NULL;
		    from = at + 1)
			found = (at == norm || !is_word_char(g_utf8_get_char(
			    g_utf8_find_prev_char(norm, at)))) &&
			    (at[n] == '\0' || !is_word_char(g_utf8_get_char(
			    at + n)));
	}
	return found;
}

/* y-m-d into *out when it is a real calendar date. */
static bool
make_date(int y, int m, int d, struct bp_date *out)
{
	char	 iso[16];

	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	g_snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return bp_meta_parse_date(iso, out);
}

/* "2026-11-12", "20.11.2026" or "20/11/2026" at p. */
static bool
date_numeric(const char *p, struct bp_date *out)
{
	char	*e;
	long	 a, b, c;

	if (!g_ascii_isdigit(*p))
		return false;
	a = strtol(p, &e, 10);
	if (e - p == 4 && *e == '-' && g_ascii_isdigit(e[1])) {
		b = strtol(e + 1, &e, 10);
		if (*e != '-' || !g_ascii_isdigit(e[1]))
			return false;
		c = strtol(e + 1, &e, 10);
		return make_date((int)a, (int)b, (int)c, out);
	}
	if (e - p > 2 || (*e != '.' && *e != '/') || !g_ascii_isdigit(e[1]))
		return false;
	b = strtol(e + 1, &e, 10);
	if ((*e != '.' && *e != '/') || !g_ascii_isdigit(e[1]))
		return false;
	p = e + 1;
	c = strtol(p, &e, 10);
	return e - p == 4 && make_date((int)c, (int)b, (int)a, out);
}

/* "13. august 2013", "12 november 2026", "november 12, 2026". */
static bool
date_named(const struct bp_paste_phrases *ph, char **tok, int ntok,
    struct bp_date *out)
{
	gpointer	 v;
	int		 i, m;

	for (i = 0; i < ntok; i++) {
		if (!g_hash_table_lookup_extended(ph->months, tok[i], NULL, &v))
			continue;
		m = GPOINTER_TO_INT(v);
		if (i > 0 && i + 1 < ntok && strlen(tok[i + 1]) == 4 &&
		    make_date(atoi(tok[i + 1]), m, atoi(tok[i - 1]), out))
			return true;
		if (i + 2 < ntok && strlen(tok[i + 2]) == 4 &&
		    make_date(atoi(tok[i + 2]), m, atoi(tok[i + 1]), out))
			return true;
	}
	return false;
}

bool
bp_paste_find_date(const struct bp_paste_phrases *ph, const char *norm,
    struct bp_date *out)
{
	GPtrArray	*tok = g_ptr_array_new_with_free_func(g_free);
	const char	*p, *s;
	bool		 found = false;

	if (norm == NULL)
		goto out;
	for (p = norm; *p != '\0' && !found; p++)
		if ((p == norm || !g_ascii_isdigit(p[-1])) &&
		    date_numeric(p, out))
			found = true;
	if (found || ph == NULL)
		goto out;
	/* Words and numbers, punctuation dropped ("13." -> "13"). */
	for (p = norm; *p != '\0';) {
		if (!is_word_char(g_utf8_get_char(p))) {
			p = g_utf8_next_char(p);
			continue;
		}
		for (s = p; *p != '\0' && is_word_char(g_utf8_get_char(p));)
			p = g_utf8_next_char(p);
		g_ptr_array_add(tok, g_strndup(s, (gsize)(p - s)));
		if (tok->len > 64)
			break;
	}
	found = date_named(ph, (char **)tok->pdata, (int)tok->len, out);
out:
	g_ptr_array_free(tok, TRUE);
	return found;
}
