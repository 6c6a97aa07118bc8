/*
 * Guessing an article's language from its own text: word and word-ending
 * profiles (data/lang/LANG.txt) scored as a naive Bayes classifier.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bp.h"

/*
 * How a guess is scored and when it is trusted (README, "Language"):
 *  - every word of the text that some profile lists counts for each
 *    language by log(its count per million words in that language); a
 *    language that does not list it gets LANG_FLOOR instead;
 *  - a word no profile lists counts by its longest listed ending, at
 *    LANG_END_WEIGHT, since endings say less than whole words;
 *  - the best language is taken only when at least LANG_MIN_WORDS listed
 *    words were seen and it leads the next by LANG_MIN_MARGIN (natural
 *    log of the likelihood ratio: 7 is about 1,100 to 1); otherwise the
 *    guesser says it could not tell, and the pack's language is used.
 */
#define LANG_FLOOR        3.0     /* per million, for unlisted entries */
#define LANG_END_WEIGHT   0.5
#define LANG_MIN_WORDS    6
#define LANG_MIN_MARGIN   7.0
#define LANG_MAX_TEXT     (256u * 1024u) /* bytes of an article looked at */
#define LANG_MAX_WORD     64      /* bytes; longer runs are not words */
#define LANG_MAX_END      6       /* characters in a listed ending */

/* One entry (word or ending): its log-probability in each language. */
struct entry {
	double		*lp;     /* [nlangs] */
};

struct bp_lang_profiles {
	int		 nlangs;
	char		 codes[BP_LANG_MAX][8];
	GHashTable	*words;  /* char * -> struct entry * */
	GHashTable	*ends;   /* char * (without '-') -> struct entry * */
};

static void entry_free(gpointer p);
static struct entry *entry_get(GHashTable *t, const char *key);
static bool load_file(struct bp_lang_profiles *lp, int li, const char *path,
    struct bp_diag *diag);
static void fill_floors(struct bp_lang_profiles *lp, GHashTable *t);
static void score_word(const struct bp_lang_profiles *lp, const char *w,
    size_t n, double *score, int *words);
static bool is_link_like(const char *s, const char *e);
static void add_text(GString *s, const struct bp_node *root);
static gint compare_names(gconstpointer a, gconstpointer b);

static void
entry_free(gpointer p)
{
	struct entry	*e = p;

	if (e == NULL)
		return;
	g_free(e->lp);
	g_free(e);
}

/* The entry for key in t, made (all zero: not listed) when new. */
static struct entry *
entry_get(GHashTable *t, const char *key)
{
	struct entry	*e = g_hash_table_lookup(t, key);

	if (e == NULL) {
		e = g_new0(struct entry, 1);
		e->lp = g_new0(double, BP_LANG_MAX);
		g_hash_table_insert(t, g_strdup(key), e);
	}
	return e;
}

/*
 * One profile file into language li: "WORD COUNT" or "-END COUNT" a
 * line, '#' comments. A malformed line is an error naming it.
 */
static bool
load_file(struct bp_lang_profiles *lp, int li, const char *path,
    struct bp_diag *diag)
{
	GError		*err = NULL;
	char		*text = NULL, **lines = NULL, **f = NULL, *hash, *low;
	char		*end;
	double		 count;
	bool		 ok = false;
	int		 i, nf;
	struct entry	*e;

	if (!g_file_get_contents(path, &text, NULL, &err)) {
		bp_diag_at(diag, path, BP_WARNING, 0, 0, "cannot read: %s",
		    err->message);
		goto out;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		bp_diag_at(diag, path, BP_WARNING, 0, 0, "not UTF-8");
		goto out;
	}
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i] != NULL; i++) {
		if ((hash = strchr(lines[i], '#')) != NULL)
			*hash = '\0';
		g_strfreev(f);
		f = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
		for (nf = 0; f[nf] != NULL; nf++)
			;
		if (nf == 0 || *f[0] == '\0')
			continue;
		errno = 0;
		count = nf >= 2 ? strtod(f[nf - 1], &end) : 0;
		if (nf < 2 || *f[nf - 1] == '\0' || *end != '\0' ||
		    errno != 0 || !(count > 0)) {
			bp_diag_at(diag, path, BP_WARNING, i + 1, 0, "expected "
			    "a word (or -ending) and its count per million");
			goto out;
		}
		low = g_utf8_strdown(f[0], -1);
		if (low[0] == '-' && low[1] != '\0')
			e = entry_get(lp->ends, low + 1);
		else
			e = entry_get(lp->words, low);
		e->lp[li] = log(count / 1e6);
		g_free(low);
	}
	ok = true;
out:
	g_strfreev(f);
	g_strfreev(lines);
	g_free(text);
	if (err != NULL)
		g_error_free(err);
	return ok;
}

/* Entries a language does not list get the floor. */
static void
fill_floors(struct bp_lang_profiles *lp, GHashTable *t)
{
	GHashTableIter	 it;
	gpointer	 v;
	struct entry	*e;
	int		 k;

	g_hash_table_iter_init(&it, t);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		e = v;
		for (k = 0; k < lp->nlangs; k++)
			if (e->lp[k] == 0)
				e->lp[k] = log(LANG_FLOOR / 1e6);
	}
}

/* GPtrArray's sort passes pointers to its elements. */
static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct bp_lang_profiles *
bp_lang_load(const char *datadir, struct bp_diag *diag)
{
	struct bp_lang_profiles	*lp = g_new0(struct bp_lang_profiles, 1);
	GPtrArray		*names = g_ptr_array_new_with_free_func(g_free);
	char			*folder, *path;
	const char		*name;
	GDir			*dir;
	GError			*err = NULL;
	size_t			 n;
	guint			 i;
	bool			 ok = false;

	lp->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    entry_free);
	lp->ends = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    entry_free);
	folder = g_build_filename(datadir != NULL ? datadir : ".", "data",
	    "lang", NULL);
	if ((dir = g_dir_open(folder, 0, &err)) == NULL) {
		bp_diag_at(diag, folder, BP_WARNING, 0, 0, "language profiles "
		    "not found (%s); languages are not guessed (set "
		    "BRIEFPACK_DATADIR)", err->message);
		goto out;
	}
	/* "nb.txt": the language is the name; in name order. */
	while ((name = g_dir_read_name(dir)) != NULL) {
		n = strlen(name);
		if (n >= 6 && n <= 7 && strcmp(name + n - 4, ".txt") == 0)
			g_ptr_array_add(names, g_strndup(name, n - 4));
	}
	g_dir_close(dir);
	g_ptr_array_sort(names, compare_names);
	for (i = 0; i < names->len && lp->nlangs < BP_LANG_MAX; i++) {
		name = g_ptr_array_index(names, i);
		path = g_strconcat(folder, G_DIR_SEPARATOR_S, name, ".txt",
		    NULL);
		if (load_file(lp, lp->nlangs, path, diag)) {
			g_strlcpy(lp->codes[lp->nlangs], name,
			    sizeof lp->codes[0]);
			lp->nlangs++;
		}
		g_free(path);
	}
	if (lp->nlangs < 2) {
		bp_diag_at(diag, folder, BP_WARNING, 0, 0, "fewer than two "
		    "language profiles; languages are not guessed");
		goto out;
	}
	fill_floors(lp, lp->words);
	fill_floors(lp, lp->ends);
	ok = true;
out:
	if (err != NULL)
		g_error_free(err);
	g_ptr_array_free(names, TRUE);
	g_free(folder);
	if (!ok) {
		bp_lang_free(lp);
		lp = NULL;
	}
	return lp;
}

void
bp_lang_free(struct bp_lang_profiles *lp)
{
	if (lp == NULL)
		return;
	g_hash_table_destroy(lp->words);
	g_hash_table_destroy(lp->ends);
	g_free(lp);
}

int
bp_lang_get_count(const struct bp_lang_profiles *lp)
{
	return lp != NULL ? lp->nlangs : 0;
}

const char *
bp_lang_get_code(const struct bp_lang_profiles *lp, int k)
{
	return lp != NULL && k >= 0 && k < lp->nlangs ? lp->codes[k] : NULL;
}

/* One lower-cased word of n bytes: its evidence added to score. */
static void
score_word(const struct bp_lang_profiles *lp, const char *w, size_t n,
    double *score, int *words)
{
	char		 buf[LANG_MAX_WORD + 1];
	const char	*p;
	struct entry	*e;
	int		 k, chars;

	memcpy(buf, w, n);
	buf[n] = '\0';
	if ((e = g_hash_table_lookup(lp->words, buf)) != NULL) {
		for (k = 0; k < lp->nlangs; k++)
			score[k] += e->lp[k];
		(*words)++;
		return;
	}
	/* The longest listed ending that leaves two characters of stem. */
	chars = (int)g_utf8_strlen(buf, -1);
	p = g_utf8_offset_to_pointer(buf, MIN(chars, MAX(2, chars -
	    LANG_MAX_END)));
	for (; *p != '\0'; p = g_utf8_next_char(p))
		if ((e = g_hash_table_lookup(lp->ends, p)) != NULL) {
			for (k = 0; k < lp->nlangs; k++)
				score[k] += LANG_END_WEIGHT * e->lp[k];
			return;
		}
}

/* A piece of text between spaces that is an address, not words. */
static bool
is_link_like(const char *s, const char *e)
{
	char	*piece = g_strndup(s, (gsize)(e - s));
	bool	 link;

	link = strstr(piece, "://") != NULL || strchr(piece, '@') != NULL ||
	    g_ascii_strncasecmp(piece, "www.", 4) == 0;
	g_free(piece);
	return link;
}

bool
bp_lang_guess_text(const struct bp_lang_profiles *lp, const char *text,
    struct bp_lang_guess *out)
{
	double		 score[BP_LANG_MAX] = { 0 };
	GString		*word = g_string_new(NULL);
	char		*nfc = NULL;
	const char	*p, *piece, *q;
	gunichar	 c;
	int		 k, best = -1, next = -1;

	memset(out, 0, sizeof *out);
	if (lp == NULL || text == NULL)
		goto out;
	out->done = true;
	if ((nfc = g_utf8_normalize(text, -1, G_NORMALIZE_DEFAULT_COMPOSE)) ==
	    NULL)
		goto out;
	/* Pieces between spaces; words are runs of letters in them. */
	for (p = nfc; *p != '\0'; ) {
		while (*p != '\0' && g_unichar_isspace(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		for (piece = p; *p != '\0' &&
		    !g_unichar_isspace(g_utf8_get_char(p));
		    p = g_utf8_next_char(p))
			;
		if (piece == p || is_link_like(piece, p))
			continue;
		for (q = piece; q <= p; q = q < p ? g_utf8_next_char(q) : q + 1) {
			c = q < p ? g_utf8_get_char(q) : 0;
			if (q < p && (g_unichar_isalpha(c) ||
			    g_unichar_ismark(c))) {
				g_string_append_unichar(word,
				    g_unichar_tolower(c));
				continue;
			}
			if (word->len > 0 && word->len <= LANG_MAX_WORD)
				score_word(lp, word->str, word->len, score,
				    &out->words);
			g_string_truncate(word, 0);
		}
	}
	for (k = 0; k < lp->nlangs; k++) {
		if (best < 0 || score[k] > score[best]) {
			next = best;
			best = k;
		} else if (next < 0 || score[k] > score[next])
			next = k;
	}
	if (best < 0 || next < 0)
		goto out;
	out->margin = score[best] - score[next];
	g_strlcpy(out->best, lp->codes[best], sizeof out->best);
	g_strlcpy(out->runner, lp->codes[next], sizeof out->runner);
	if (out->words >= LANG_MIN_WORDS && out->margin >= LANG_MIN_MARGIN)
		g_strlcpy(out->lang, lp->codes[best], sizeof out->lang);
out:
	g_free(nfc);
	g_string_free(word, TRUE);
	return out->lang[0] != '\0';
}

/*
 * The words under root, as bp_node_plain_text gives them, but without
 * code, raw HTML or what links show of their address; capped at
 * LANG_MAX_TEXT bytes.
 */
static void
add_text(GString *s, const struct bp_node *root)
{
	struct bp_iter		 it;
	const struct bp_node	*n;

	bp_iter_init(&it, root);
	while (bp_iter_next(&it) != BP_EVENT_DONE && s->len < LANG_MAX_TEXT) {
		if (it.event != BP_EVENT_ENTER)
			continue;
		n = it.node;
		switch (n->type) {
		case BP_NODE_CODE_BLOCK:
		case BP_NODE_HTML_BLOCK:
		case BP_NODE_CODE:
		case BP_NODE_HTML_INLINE:
			break;
		case BP_NODE_LINK:
			/* An autolink shows its address: not words. */
			if (n->first != NULL && n->first == n->last &&
			    n->first->type == BP_NODE_TEXT &&
			    n->u.link.url != NULL &&
			    g_str_has_suffix(n->u.link.url, n->first->text) &&
			    strpbrk(n->first->text, ".@:/") != NULL)
				bp_iter_skip(&it);
			break;
		case BP_NODE_TEXT:
			g_string_append(s, n->text);
			break;
		default:
			/* Blocks and breaks end words. */
			g_string_append_c(s, ' ');
			break;
		}
	}
	g_string_append_c(s, '\n');
}

bool
bp_lang_guess_article(const struct bp_lang_profiles *lp,
    const struct bp_article *art, struct bp_lang_guess *out)
{
	GString		*s = g_string_new(NULL);
	const char	*meta[3];
	int		 k;
	bool		 ok;

	meta[0] = art->meta.title;
	meta[1] = art->meta.subtitle;
	meta[2] = art->meta.abstract;
	for (k = 0; k < 3; k++)
		if (meta[k] != NULL)
			g_string_append_printf(s, "%s\n", meta[k]);
	if (art->body != NULL)
		add_text(s, art->body);
	for (k = 0; k < art->nnotes && s->len < LANG_MAX_TEXT; k++)
		add_text(s, art->notes[k]);
	ok = bp_lang_guess_text(lp, s->str, out);
	g_string_free(s, TRUE);
	return ok;
}

char *
bp_lang_guess_why(const struct bp_lang_guess *g)
{
	if (g->words < LANG_MIN_WORDS)
		return g_strdup_printf("too few words to tell (%d of the %d "
		    "needed)", g->words, LANG_MIN_WORDS);
	return g_strdup_printf("%s and %s are too close to tell (%.1f; %.1f "
	    "needed)", g->best, g->runner, g->margin, LANG_MIN_MARGIN);
}
